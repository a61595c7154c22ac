package main

import (
	"database/sql"
	"encoding/json"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"sync/atomic"
	"syscall"
	"testing"
	"time"

	"github.com/vmira/mira/internal/testkit"
)

// TestKillDuringKeyChanges kills mira serve with SIGKILL while keys are
// created and revoked under chat load, restarts it on the same data, and
// checks that every acknowledged key change is there, in effect and in the
// audit chain, and that the chain verifies.
func TestKillDuringKeyChanges(t *testing.T) {
	if testing.Short() {
		t.Skip("kill -9 test skipped with -short")
	}
	data := filepath.Join(t.TempDir(), "mira-data")
	cfg := filepath.Join(t.TempDir(), "mira.yaml")
	// Revoked keys are checked after the restart: many 401s from one address.
	os.WriteFile(cfg, []byte("rate_limits: {failed_auth_per_minute: 100000}\n"), 0o600)
	env := []string{"MIRA_DATA_DIR=" + data, "MIRA_CONFIG=" + cfg}
	start := func() (*testServer, func()) { return startBinary(t, env, data) }
	user := miraCmd(t, env, "admin", "user", "create", "--email", "ops@example.com", "--password-stdin")
	user.Stdin = strings.NewReader("a long enough password\n")
	if out, err := user.CombinedOutput(); err != nil {
		t.Fatalf("%v %s", err, out)
	}
	adminOut, err := miraCmd(t, env, "admin", "key", "create", "--email", "ops@example.com", "--name", "ops", "--scopes", "keys:read,keys:write,chat:write", "--plan", "enterprise").Output()
	if err != nil {
		t.Fatal(err)
	}
	admin := strings.TrimSpace(string(adminOut))

	ts, kill := start()
	var mu sync.Mutex
	created := map[string]string{} // acknowledged: id -> secret
	revoked := map[string]bool{}
	var stop atomic.Bool
	var wg sync.WaitGroup
	for range 3 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for !stop.Load() {
				r, body, err := ts.try("POST", "/v1/keys", admin, `{"name":"churn","scopes":["chat:write"]}`)
				if err != nil || r.StatusCode != 201 {
					continue
				}
				var k struct{ ID, Key string }
				json.Unmarshal([]byte(body), &k)
				mu.Lock()
				created[k.ID] = k.Key
				mu.Unlock()
				if r, _, err := ts.try("DELETE", "/v1/keys/"+k.ID, admin, ""); err == nil && r.StatusCode == 200 {
					mu.Lock()
					revoked[k.ID] = true
					mu.Unlock()
				}
			}
		}()
	}
	wg.Add(1)
	go func() {
		defer wg.Done()
		for !stop.Load() {
			ts.try("POST", "/v1/chat/completions", admin, `{"model":"mira-echo","messages":[{"role":"user","content":"load"}]}`)
		}
	}()
	time.Sleep(1500 * time.Millisecond)
	kill()
	stop.Store(true)
	wg.Wait()
	mu.Lock()
	defer mu.Unlock()
	if len(created) < 5 {
		t.Fatalf("only %d keys created before the kill; the load did not run", len(created))
	}

	out, err := miraCmd(t, env, "admin", "audit", "verify").CombinedOutput()
	if err != nil || !strings.Contains(string(out), "intact") {
		t.Fatalf("audit verify after kill -9: %v\n%s", err, out)
	}
	db, err := sql.Open("sqlite", "file:"+filepath.Join(data, "mira.db")+"?mode=ro")
	if err != nil {
		t.Fatal(err)
	}
	audited := map[string]bool{}
	rows, err := db.Query(`SELECT action, target FROM audit_log`)
	if err != nil {
		t.Fatal(err)
	}
	for rows.Next() {
		var a, tg string
		rows.Scan(&a, &tg)
		audited[a+" "+tg] = true
	}
	rows.Close()
	db.Close()

	ts2, kill2 := start()
	defer kill2()
	for id, secret := range created {
		if !audited["key.created "+id] {
			t.Errorf("acknowledged creation of %s is missing from the audit log", id)
		}
		r, _, err := ts2.try("POST", "/v1/chat/completions", secret, `{"model":"mira-echo","messages":[{"role":"user","content":"x"}]}`)
		if err != nil {
			t.Fatal(err)
		}
		switch {
		case revoked[id] && r.StatusCode != 401:
			t.Errorf("acknowledged revocation of %s lost: status %d after restart", id, r.StatusCode)
		case revoked[id] && !audited["key.revoked "+id]:
			t.Errorf("acknowledged revocation of %s missing from the audit log", id)
		case !revoked[id] && r.StatusCode != 200 && r.StatusCode != 401:
			t.Errorf("key %s: status %d after restart", id, r.StatusCode)
		}
	}
	t.Logf("%d keys created, %d revoked before SIGKILL; all present after restart", len(created), len(revoked))
}

// startBinary runs the real `mira serve` binary on a free port with env
// (its data directory is data) and waits until it serves; the returned
// function kills it with SIGKILL.
func startBinary(t *testing.T, env []string, data string) (*testServer, func()) {
	t.Helper()
	addr := freePort(t)
	srv := miraCmd(t, env, "serve", "--listen", addr)
	var logs testkit.Buffer
	srv.Stderr = &logs
	if err := srv.Start(); err != nil {
		t.Fatal(err)
	}
	deadline := time.Now().Add(20 * time.Second)
	for !strings.Contains(logs.String(), "Mira is serving") {
		if time.Now().After(deadline) {
			t.Fatalf("serve did not start:\n%s", logs.String())
		}
		time.Sleep(50 * time.Millisecond)
	}
	ts := &testServer{dataDir: data, logs: &logs, addr: addr}
	ts.hc = &http.Client{Timeout: 10 * time.Second, Transport: &http.Transport{TLSClientConfig: tlsTrusting(t, filepath.Join(data, "ca.pem"))}}
	return ts, func() { srv.Process.Signal(syscall.SIGKILL); srv.Wait() }
}
