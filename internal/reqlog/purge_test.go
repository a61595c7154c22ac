package reqlog_test

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"fmt"
	"slices"
	"testing"
	"time"

	"github.com/vmira/mira/internal/reqlog"
	"github.com/vmira/mira/internal/sensitive"
	"github.com/vmira/mira/internal/store"
	"github.com/vmira/mira/internal/testkit"
)

// TestPurge writes rows on both sides of the retention, with a distinctive
// marker in every text field of the expired ones, and purges with a
// controlled clock: the expired rows are gone, the others stay, and on
// SQLite the marker is no longer anywhere in the database or its WAL.
func TestPurge(t *testing.T) {
	eachDB(t, func(t *testing.T, db *store.DB, dir string) {
		ctx := context.Background()
		var rnd [8]byte
		rand.Read(rnd[:])
		marker := "MARKER" + hex.EncodeToString(rnd[:])

		const retention = 14 * 24 * time.Hour
		now := t0
		clk := testkit.NewClock(now)
		cutoff := now.Add(-retention)
		kr := keyring(t)
		w := newWriter(t, db, reqlog.Config{
			StoreBodies: func(string) bool { return true }, Masker: sensitive.Mask, Keyring: kr, BatchSize: 200,
		})

		expired := map[string]bool{}
		var kept []string
		logAt := func(at time.Time, id string, old bool) {
			e := reqlog.Entry{Time: at, OrgID: "org_a", KeyID: "key_1", Model: "mira-echo", Status: 200, PromptTokens: 1, RequestID: id}
			if old {
				// Text fields that are not in the usage rollups carry the marker.
				e.UserID, e.ClientIP, e.FilterVerdict, e.Endpoint = marker, marker, marker, marker
				e.SensitiveTypes = []string{marker}
				e.Request = []byte("request " + marker)
				expired[id] = true
			} else {
				kept = append(kept, id)
			}
			w.Log(e)
		}
		// Enough expired rows to fill and free whole pages, interleaved
		// with kept ones on the same pages.
		for i := range 3000 {
			logAt(cutoff.Add(-time.Duration(i+1)*time.Minute), fmt.Sprintf("req_old_%s_%d", marker, i), true)
			if i%100 == 0 {
				logAt(cutoff.Add(time.Duration(i+1)*time.Minute), fmt.Sprintf("req_new_%d", i), false)
			}
		}
		logAt(cutoff.Add(-time.Microsecond), "req_old_"+marker+"_edge", true)
		logAt(cutoff, "req_new_edge", false) // exactly at the cutoff: kept
		logAt(now, "req_new_now", false)
		flush(t, w)

		if dir != "" {
			if found := filesContaining(t, dir, marker); len(found) == 0 {
				t.Fatalf("marker not found in the database files before the purge: the scan proves nothing")
			}
		}

		p, err := reqlog.NewPurger(db, reqlog.PurgerConfig{Retention: retention, Now: clk.Now, BatchSize: 700})
		if err != nil {
			t.Fatal(err)
		}
		res, err := p.Purge(ctx)
		if err != nil {
			t.Fatalf("Purge: %v", err)
		}
		if res.Logs != int64(len(expired)) || res.UsageRows != 0 {
			t.Errorf("Purge = %+v; want %d log rows, 0 usage rows", res, len(expired))
		}
		got := allRequestIDs(t, db)
		slices.Sort(kept)
		if !slices.Equal(got, kept) {
			t.Errorf("after purge, rows %v; want exactly the %d kept ones %v", got, len(kept), kept)
		}
		// A second purge has nothing to do.
		if res, err := p.Purge(ctx); err != nil || res.Logs != 0 {
			t.Errorf("second Purge = %+v, %v; want nothing deleted", res, err)
		}
		// Usage outlives the logs: the expired days still count.
		usage, err := reqlog.NewReader(db, nil).Usage(ctx, reqlog.UsageQuery{OrgID: "org_a"})
		if err != nil {
			t.Fatal(err)
		}
		var total int64
		for _, u := range usage {
			total += u.Requests
		}
		if total != int64(len(expired)+len(kept)) {
			t.Errorf("usage after the log purge counts %d requests; want %d", total, len(expired)+len(kept))
		}

		if dir != "" {
			if found := filesContaining(t, dir, marker); len(found) > 0 {
				t.Errorf("after the purge, the marker of deleted rows is still in %v (database open)", found)
			}
		}

		// Usage rollups go after the usage retention.
		clk.Set(now.Add(reqlog.DefaultUsageRetention + 24*time.Hour))
		res, err = p.Purge(ctx)
		if err != nil {
			t.Fatal(err)
		}
		if res.UsageRows == 0 || res.Logs != int64(len(kept)) {
			t.Errorf("purge a year later = %+v; want every log and usage row", res)
		}
		if usage, _ := reqlog.NewReader(db, nil).Usage(ctx, reqlog.UsageQuery{OrgID: "org_a"}); len(usage) != 0 {
			t.Errorf("usage a year later = %v; want none", usage)
		}
		if dir != "" {
			if err := db.Close(); err != nil {
				t.Fatal(err)
			}
			if found := allFilesContaining(t, dir, marker); len(found) > 0 {
				t.Errorf("after the purge, the marker of deleted rows is still in %v (database closed)", found)
			}
		}
	})
}

func allRequestIDs(t *testing.T, db *store.DB) []string {
	t.Helper()
	rows, err := db.SQL().Query(`SELECT request_id FROM request_logs ORDER BY request_id`)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	var out []string
	for rows.Next() {
		var id string
		if err := rows.Scan(&id); err != nil {
			t.Fatal(err)
		}
		out = append(out, id)
	}
	return out
}

// TestPurgeSQLiteWithoutSecureDelete is the control experiment: the same
// delete without secure_delete and without the checkpoint leaves the marker
// in the file. It shows the file scan of TestPurge can see deleted bytes.
func TestPurgeSQLiteWithoutSecureDelete(t *testing.T) {
	db, dir := openSQLite(t)
	w := newWriter(t, db, reqlog.Config{})
	marker := "CONTROLMARKER"
	for i := range 500 {
		w.Log(reqlog.Entry{Time: t0, OrgID: "org_a", RequestID: fmt.Sprint("req_", i), UserID: marker})
	}
	flush(t, w)
	conn, err := db.SQL().Conn(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	for _, q := range []string{`PRAGMA secure_delete = OFF`, `DELETE FROM request_logs`} {
		if _, err := conn.ExecContext(context.Background(), q); err != nil {
			t.Fatal(err)
		}
	}
	if n := countLogs(t, db); n != 0 {
		t.Fatalf("%d rows left", n)
	}
	if found := filesContaining(t, dir, marker); len(found) == 0 {
		t.Errorf("a plain DELETE left no trace of the marker; the purge test's file scan would prove nothing")
	}
}

func TestPurgerRunPurgesAtStart(t *testing.T) {
	db, _ := openSQLite(t)
	w := newWriter(t, db, reqlog.Config{})
	w.Log(reqlog.Entry{Time: t0.Add(-31 * 24 * time.Hour), OrgID: "org_a", RequestID: "req_old"})
	w.Log(reqlog.Entry{Time: t0, OrgID: "org_a", RequestID: "req_new"})
	flush(t, w)
	p, err := reqlog.NewPurger(db, reqlog.PurgerConfig{Now: testkit.NewClock(t0).Now})
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan struct{})
	go func() { p.Run(ctx); close(done) }()
	deadline := time.Now().Add(10 * time.Second)
	for countLogs(t, db) != 1 {
		if time.Now().After(deadline) {
			t.Fatal("Run did not purge at start")
		}
		time.Sleep(10 * time.Millisecond)
	}
	cancel()
	<-done
	if got := allRequestIDs(t, db); !slices.Equal(got, []string{"req_new"}) {
		t.Errorf("rows after Run = %v; want [req_new]", got)
	}
}
