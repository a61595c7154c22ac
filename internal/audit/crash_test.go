package audit_test

import (
	"bufio"
	"context"
	"encoding/hex"
	"fmt"
	"math/rand/v2"
	"os"
	"os/exec"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/vmira/mira/internal/audit"
	"github.com/vmira/mira/internal/reqlog"
	"github.com/vmira/mira/internal/store"
	"github.com/vmira/mira/internal/store/storetest"
)

// The crash helper is this test binary run again with these variables set.
const (
	helperEnv    = "MIRA_AUDIT_CRASH_HELPER"
	helperURLEnv = "MIRA_AUDIT_CRASH_DB_URL"
	helperDirEnv = "MIRA_AUDIT_CRASH_DIR"
	helperRunEnv = "MIRA_AUDIT_CRASH_RUN"
)

var crashSecret = hex.EncodeToString([]byte("crash-test-secret-of-32-bytes!!!"))

// Request log settings of the helper; a crash may lose at most
// queue + batch acknowledged entries.
const (
	crashQueue = 1000
	crashBatch = 100
)

// TestCrashHelper is the child process of TestCrashSafety: it appends audit
// entries from several goroutines and logs requests, printing each after it
// returned, until it is killed.
func TestCrashHelper(t *testing.T) {
	if os.Getenv(helperEnv) != "1" {
		t.Skip("helper process for TestCrashSafety")
	}
	ctx := context.Background()
	db, err := store.Open(ctx, os.Getenv(helperURLEnv), os.Getenv(helperDirEnv))
	if err != nil {
		fmt.Println("error", err)
		os.Exit(2)
	}
	secret, _ := hex.DecodeString(crashSecret)
	l, err := audit.New(ctx, db, audit.Config{Secret: secret})
	if err != nil {
		fmt.Println("error", err)
		os.Exit(2)
	}
	w, err := reqlog.NewWriter(db, reqlog.Config{QueueSize: crashQueue, BatchSize: crashBatch, FlushInterval: 20 * time.Millisecond})
	if err != nil {
		fmt.Println("error", err)
		os.Exit(2)
	}
	run := os.Getenv(helperRunEnv)
	var mu sync.Mutex
	say := func(format string, args ...any) {
		mu.Lock()
		fmt.Fprintf(os.Stdout, format+"\n", args...) // unbuffered: one write per line
		mu.Unlock()
	}
	for g := range 4 {
		go func() {
			for i := 0; ; i++ {
				target := fmt.Sprintf("r%s-g%d-%d", run, g, i)
				e := audit.Entry{Actor: audit.System, Action: audit.KeyRevoked, Target: target, Details: map[string]any{"i": i}}
				if err := l.Append(ctx, &e); err != nil {
					say("error %v", err)
					os.Exit(2)
				}
				say("audit %d %s", e.Seq, target)
			}
		}()
	}
	for i := 0; ; i++ {
		if w.Log(reqlog.Entry{OrgID: "org_crash", RequestID: fmt.Sprintf("r%s-req-%d", run, i), Status: 200, Model: "mira-echo", PromptTokens: 1}) {
			say("log %d", i)
		} else {
			say("dropped %d", i) // queue full: counted, not a crash loss
		}
		time.Sleep(100 * time.Microsecond)
	}
}

// TestCrashSafety kills (SIGKILL) a process that is appending audit entries
// and logging requests, at a random moment, three times over on the same
// database. After each kill: the audit chain verifies, every entry the
// child saw acknowledged is there with its content, and request logs lost at
// most the queue and the batch being written.
func TestCrashSafety(t *testing.T) {
	if testing.Short() {
		t.Skip("kills child processes; skipped with -short")
	}
	storetest.EachLocation(t, crashRounds)
}

func crashRounds(t *testing.T, url, dir string) {
	totalAcked := 0
	for round := range 3 {
		acked, queued := crashOnce(t, url, dir, round)
		totalAcked += len(acked)

		ctx := context.Background()
		db, err := store.Open(ctx, url, dir)
		if err != nil {
			t.Fatalf("round %d: reopen after kill: %v", round, err)
		}
		if db.Dialect() == store.DialectSQLite {
			var res string
			if err := db.SQL().QueryRow(`PRAGMA integrity_check`).Scan(&res); err != nil || res != "ok" {
				t.Errorf("round %d: integrity_check = %q, %v", round, res, err)
			}
		}
		secret, _ := hex.DecodeString(crashSecret)
		l, err := audit.New(ctx, db, audit.Config{Secret: secret})
		if err != nil {
			t.Fatal(err)
		}
		rep, err := l.Verify(ctx)
		if err != nil || !rep.OK() {
			t.Fatalf("round %d: Verify after kill = %+v, %v", round, rep, err)
		}
		stored := map[int64]string{}
		for before := int64(0); ; {
			p, err := l.List(ctx, audit.Filter{Before: before, Limit: 1000})
			if err != nil {
				t.Fatal(err)
			}
			for _, e := range p.Entries {
				stored[e.Seq] = e.Target
			}
			if p.Next == 0 {
				break
			}
			before = p.Next
		}
		for seq, target := range acked {
			if stored[seq] != target {
				t.Errorf("round %d: acknowledged audit entry %d (%s) is %q after the kill", round, seq, target, stored[seq])
			}
		}
		if int(rep.Entries) < totalAcked {
			t.Errorf("round %d: %d audit entries; %d were acknowledged", round, rep.Entries, totalAcked)
		}

		// Request logs: of the entries Log queued, a crash loses at most
		// those still queued and the batch in flight.
		present := map[int]bool{}
		rows, err := db.SQL().Query(db.Rebind(`SELECT request_id FROM request_logs WHERE request_id LIKE ?`), fmt.Sprintf("r%d-req-%%", round))
		if err != nil {
			t.Fatal(err)
		}
		for rows.Next() {
			var id string
			rows.Scan(&id)
			i, _ := strconv.Atoi(id[strings.LastIndexByte(id, '-')+1:])
			present[i] = true
		}
		rows.Close()
		lost := 0
		for i := range queued {
			if !present[i] {
				lost++
			}
		}
		if lost > crashQueue+crashBatch {
			t.Errorf("round %d: %d acknowledged request log entries lost; the bound is %d", round, lost, crashQueue+crashBatch)
		}
		t.Logf("round %d: %d audit appends acknowledged, chain of %d verified; request logs: %d queued, %d stored, %d lost (bound %d)",
			round, len(acked), rep.Entries, len(queued), len(present), lost, crashQueue+crashBatch)
		db.Close()
	}
}

// crashOnce runs the helper until it has acknowledged a random number of
// audit entries, kills it with SIGKILL and returns what it acknowledged:
// audit seq -> target, and the indexes of the request log entries queued.
func crashOnce(t *testing.T, url, dir string, round int) (acked map[int64]string, queued map[int]bool) {
	t.Helper()
	cmd := exec.Command(os.Args[0], "-test.run=^TestCrashHelper$", "-test.count=1")
	cmd.Env = append(os.Environ(), helperEnv+"=1", helperURLEnv+"="+url, helperDirEnv+"="+dir, helperRunEnv+"="+strconv.Itoa(round))
	cmd.Stderr = os.Stderr
	out, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	killAt := 100 + rand.IntN(400)
	acked = map[int64]string{}
	queued = map[int]bool{}
	killed := false
	timeout := time.AfterFunc(60*time.Second, func() { cmd.Process.Kill() })
	defer timeout.Stop()
	sc := bufio.NewScanner(out)
	for sc.Scan() {
		f := strings.Fields(sc.Text())
		switch {
		case len(f) == 3 && f[0] == "audit":
			seq, err := strconv.ParseInt(f[1], 10, 64)
			if err == nil {
				acked[seq] = f[2]
			}
		case len(f) == 2 && f[0] == "log":
			if i, err := strconv.Atoi(f[1]); err == nil {
				queued[i] = true
			}
		case len(f) > 0 && f[0] == "error":
			t.Errorf("helper: %s", sc.Text())
		}
		if !killed && len(acked) >= killAt {
			cmd.Process.Kill() // SIGKILL: no deferred code, no Close
			killed = true
		}
	}
	cmd.Wait()
	if !killed {
		t.Fatalf("round %d: helper ended before the kill (acknowledged %d audit entries)", round, len(acked))
	}
	// Lines read after the kill were written before it: all acknowledged.
	return acked, queued
}
