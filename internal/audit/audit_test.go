package audit

import (
	"bytes"
	"context"
	"fmt"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"
	"github.com/vmira/mira/internal/store"
	"github.com/vmira/mira/internal/store/storetest"
)

var (
	testSecret = bytes.Repeat([]byte{0x5a}, 32)
	t0         = time.Date(2025, 6, 15, 12, 0, 0, 0, time.UTC)
)

// eachDB runs f on a fresh SQLite database and, when MIRA_TEST_POSTGRES_URL
// is set, a fresh PostgreSQL schema. open opens another handle (another
// pool, as another process would have) on the same database.
func eachDB(t *testing.T, f func(t *testing.T, db *store.DB, open func() *store.DB)) {
	storetest.EachLocation(t, func(t *testing.T, url, dir string) {
		open := func() *store.DB { return storetest.Open(t, url, dir) }
		f(t, open(), open)
	})
}

func newLog(t *testing.T, db *store.DB) *Log {
	t.Helper()
	l, err := New(context.Background(), db, Config{Secret: testSecret, Now: func() time.Time { return t0 }})
	if err != nil {
		t.Fatalf("New: %v", err)
	}
	return l
}

// fill appends n entries: entry i (from 1) has target "t<i>", alternating
// organisations and actions.
func fill(t *testing.T, l *Log, n int) []Entry {
	t.Helper()
	var out []Entry
	for i := 1; i <= n; i++ {
		e := Entry{
			Time:     t0.Add(time.Duration(i) * time.Minute),
			OrgID:    []string{"org_a", "org_b"}[i%2],
			Actor:    User(fmt.Sprint("user_", i%3)),
			Action:   []string{KeyCreated, KeyRevoked, LoginFailed}[i%3],
			Target:   fmt.Sprint("t", i),
			ClientIP: "192.0.2.7",
			Details:  map[string]any{"name": fmt.Sprint("key ", i), "scopes": []any{"chat:write", "models:read"}, "n": float64(i)},
		}
		if err := l.Append(context.Background(), &e); err != nil {
			t.Fatalf("Append %d: %v", i, err)
		}
		out = append(out, e)
	}
	return out
}

func TestAppendAndList(t *testing.T) {
	eachDB(t, func(t *testing.T, db *store.DB, _ func() *store.DB) {
		ctx := context.Background()
		l := newLog(t, db)
		es := fill(t, l, 30)
		zero := make([]byte, 32)
		for i, e := range es {
			if e.Seq != int64(i+1) {
				t.Errorf("entry %d got Seq %d", i+1, e.Seq)
			}
			prev := zero
			if i > 0 {
				prev = es[i-1].Hash
			}
			if !bytes.Equal(e.PrevHash, prev) || len(e.Hash) != 32 {
				t.Errorf("entry %d: PrevHash %x, Hash %x; want the previous hash", e.Seq, e.PrevHash, e.Hash)
			}
		}
		// A zero time is the clock's.
		e := Entry{Actor: System, Action: SettingsChanged, Details: map[string]any{"field": "logs.retention", "old": "30d", "new": "14d"}}
		if err := l.Append(ctx, &e); err != nil {
			t.Fatal(err)
		}
		if !e.Time.Equal(t0) || e.Seq != 31 {
			t.Errorf("Append(zero time) set Time %v, Seq %d; want %v, 31", e.Time, e.Seq, t0)
		}
		es = append(es, e)

		rep, err := l.Verify(ctx)
		if err != nil || !rep.OK() || rep.Entries != 31 || rep.HeadSeq != 31 {
			t.Fatalf("Verify = %+v, %v; want 31 good entries", rep, err)
		}

		match := func(f Filter) []int64 {
			var want []int64
			for i := len(es) - 1; i >= 0; i-- {
				e := es[i]
				if (f.OrgID == "" || e.OrgID == f.OrgID) && (f.Actor == "" || e.Actor == f.Actor) &&
					(f.Action == "" || e.Action == f.Action || (strings.HasSuffix(f.Action, ".") && strings.HasPrefix(e.Action, f.Action))) &&
					(f.Target == "" || e.Target == f.Target) && (f.From.IsZero() || !e.Time.Before(f.From)) && (f.To.IsZero() || e.Time.Before(f.To)) {
					want = append(want, e.Seq)
				}
			}
			return want
		}
		filters := []Filter{
			{},
			{OrgID: "org_a"},
			{Actor: User("user_1")},
			{Action: KeyRevoked},
			{Action: "key."},
			{Action: "login."},
			{Target: "t7"},
			{From: t0.Add(10 * time.Minute), To: t0.Add(20 * time.Minute)},
			{OrgID: "org_b", Action: "key.", From: t0.Add(5 * time.Minute)},
		}
		for _, f := range filters {
			for _, limit := range []int{0, 4} {
				f.Limit = limit
				f.Before = 0
				var got []int64
				for pages := 0; ; pages++ {
					if pages > 50 {
						t.Fatalf("List(%+v) does not end", f)
					}
					p, err := l.List(ctx, f)
					if err != nil {
						t.Fatalf("List(%+v): %v", f, err)
					}
					for _, e := range p.Entries {
						got = append(got, e.Seq)
					}
					if p.Next == 0 {
						break
					}
					f.Before = p.Next
				}
				if diff := cmp.Diff(match(f), got, cmpopts.EquateEmpty()); diff != "" {
					t.Errorf("List(%+v) seqs (-want +got):\n%s", f, diff)
				}
			}
		}
		p, err := l.List(ctx, Filter{Target: "t7"})
		if err != nil || len(p.Entries) != 1 {
			t.Fatalf("List(t7) = %v, %v", p, err)
		}
		if diff := cmp.Diff(es[6], p.Entries[0]); diff != "" {
			t.Errorf("listed entry differs from the appended one (-appended +listed):\n%s", diff)
		}
	})
}

func TestAppendRefusesSecrets(t *testing.T) {
	db := storetest.OpenSQLite(t)
	l := newLog(t, db)
	tests := []struct {
		name    string
		details map[string]any
		ok      bool
	}{
		{"plain", map[string]any{"name": "ci", "key_id": "key_123", "scopes": []string{"chat:write"}}, true},
		{"token id is fine", map[string]any{"token_id": "tok_1"}, true},
		{"mira key value", map[string]any{"note": "sk-mira-" + strings.Repeat("a", 48)}, false},
		{"nested key value", map[string]any{"old": map[string]any{"value": "x sk-mira-abc"}}, false},
		{"in a list", map[string]any{"values": []string{"ok", "sk-mira-abc"}}, false},
		{"password field", map[string]any{"password": "hunter2"}, false},
		{"nested secret field", map[string]any{"new": map[string]any{"client_secret": "x"}}, false},
		{"refresh token field", map[string]any{"Refresh_Token": "x"}, false},
		{"pem", map[string]any{"cert": "-----BEGIN PRIVATE KEY-----"}, false},
	}
	for _, tc := range tests {
		e := Entry{Actor: System, Action: SettingsChanged, Details: tc.details}
		err := l.Append(context.Background(), &e)
		if (err == nil) != tc.ok {
			t.Errorf("%s: Append = %v; want ok = %v", tc.name, err, tc.ok)
		}
	}
	if err := l.Append(context.Background(), &Entry{Action: KeyCreated}); err == nil {
		t.Errorf("Append without actor = nil error")
	}
	if rep, err := l.Verify(context.Background()); err != nil || !rep.OK() || rep.Entries != 2 {
		t.Errorf("Verify after refusals = %+v, %v; want the 2 accepted entries", rep, err)
	}
}

func TestAppendOnlyTriggers(t *testing.T) {
	eachDB(t, func(t *testing.T, db *store.DB, _ func() *store.DB) {
		l := newLog(t, db)
		fill(t, l, 3)
		for _, q := range []string{
			`UPDATE audit_log SET target = 'x' WHERE seq = 2`,
			`DELETE FROM audit_log WHERE seq = 3`,
		} {
			if _, err := db.SQL().Exec(q); err == nil || !strings.Contains(err.Error(), "append-only") {
				t.Errorf("%s: error %v; want the append-only refusal", q, err)
			}
		}
		if db.Dialect() == store.DialectPostgres {
			if _, err := db.SQL().Exec(`TRUNCATE audit_log`); err == nil {
				t.Errorf("TRUNCATE audit_log succeeded")
			}
		}
	})
}

// attacker has write access to the database (the triggers dropped) and can
// compute SHA-256, but does not hold the server secret.
type attacker struct {
	t  *testing.T
	db *store.DB
}

func newAttacker(t *testing.T, db *store.DB) *attacker {
	a := &attacker{t, db}
	if db.Dialect() == store.DialectSQLite {
		a.exec(`DROP TRIGGER audit_log_no_update`)
		a.exec(`DROP TRIGGER audit_log_no_delete`)
	} else {
		a.exec(`DROP TRIGGER audit_log_no_change ON audit_log`)
		a.exec(`DROP TRIGGER audit_log_no_truncate ON audit_log`)
	}
	return a
}

func (a *attacker) exec(q string, args ...any) {
	a.t.Helper()
	if _, err := a.db.SQL().Exec(a.db.Rebind(q), args...); err != nil {
		a.t.Fatalf("%s: %v", q, err)
	}
}

func (a *attacker) rows() []row {
	a.t.Helper()
	rs, err := a.db.SQL().Query(`SELECT seq, at, org_id, actor, action, target, client_ip, details, prev_hash, hash, mac FROM audit_log ORDER BY seq`)
	if err != nil {
		a.t.Fatal(err)
	}
	defer rs.Close()
	var out []row
	for rs.Next() {
		var r row
		if err := rs.Scan(&r.seq, &r.at, &r.org, &r.actor, &r.action, &r.target, &r.clientIP, &r.details, &r.prevHash, &r.hash, &r.mac); err != nil {
			a.t.Fatal(err)
		}
		out = append(out, r)
	}
	return out
}

// rechain recomputes every hash after a change, as far as anyone without the
// secret can: the hashes and head seq/hash, not the MACs.
func (a *attacker) rechain() {
	a.t.Helper()
	prev := make([]byte, 32)
	var last row
	for _, r := range a.rows() {
		r.prevHash = prev
		r.hash = hashRow(&r)
		a.exec(`UPDATE audit_log SET prev_hash = ?, hash = ? WHERE seq = ?`, r.prevHash, r.hash, r.seq)
		prev = r.hash
		last = r
	}
	a.exec(`UPDATE audit_head SET seq = ?, hash = ? WHERE id = 1`, last.seq, last.hash)
}

func (a *attacker) insert(r row) {
	a.t.Helper()
	a.exec(`INSERT INTO audit_log (seq, at, org_id, actor, action, target, client_ip, details, prev_hash, hash, mac)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`, r.seq, r.at, r.org, r.actor, r.action, r.target, r.clientIP, r.details, r.prevHash, r.hash, r.mac)
}

func TestVerifyFindsTampering(t *testing.T) {
	const n = 10
	tests := []struct {
		name     string
		tamper   func(a *attacker)
		wantSeq  int64
		wantKind string
	}{
		{"edit target", func(a *attacker) { a.exec(`UPDATE audit_log SET target = 'someone-else' WHERE seq = 5`) }, 5, ProblemEdited},
		{"edit actor", func(a *attacker) { a.exec(`UPDATE audit_log SET actor = 'system' WHERE seq = 1`) }, 1, ProblemEdited},
		{"edit time", func(a *attacker) { a.exec(`UPDATE audit_log SET at = at + 1 WHERE seq = 2`) }, 2, ProblemEdited},
		{"edit details", func(a *attacker) {
			a.exec(`UPDATE audit_log SET details = ? WHERE seq = 4`, `{"n":4,"name":"key 4","scopes":["admin"]}`)
		}, 4, ProblemEdited},
		{"edit last", func(a *attacker) { a.exec(`UPDATE audit_log SET action = 'key.created' WHERE seq = 10`) }, 10, ProblemEdited},
		{"edit and rehash the chain", func(a *attacker) {
			a.exec(`UPDATE audit_log SET target = 'someone-else' WHERE seq = 6`)
			a.rechain()
		}, 6, ProblemForged},
		{"delete one", func(a *attacker) { a.exec(`DELETE FROM audit_log WHERE seq = 5`) }, 5, ProblemMissing},
		{"delete first", func(a *attacker) { a.exec(`DELETE FROM audit_log WHERE seq = 1`) }, 1, ProblemMissing},
		{"delete several", func(a *attacker) { a.exec(`DELETE FROM audit_log WHERE seq IN (3, 4, 5)`) }, 3, ProblemMissing},
		{"delete one and renumber", func(a *attacker) {
			a.exec(`DELETE FROM audit_log WHERE seq = 5`)
			for s := 6; s <= n; s++ {
				a.exec(`UPDATE audit_log SET seq = seq - 1 WHERE seq = ?`, s)
			}
			a.rechain()
		}, 5, ProblemForged},
		{"delete the last", func(a *attacker) { a.exec(`DELETE FROM audit_log WHERE seq = 10`) }, 10, ProblemTruncate},
		{"delete the last two and move the head back", func(a *attacker) {
			a.exec(`DELETE FROM audit_log WHERE seq >= 9`)
			a.rechain()
		}, 8, ProblemHead},
		{"delete everything", func(a *attacker) { a.exec(`DELETE FROM audit_log`) }, 1, ProblemTruncate},
		{"swap two rows' contents", func(a *attacker) {
			rs := a.rows()
			r3, r7 := rs[2], rs[6]
			a.exec(`DELETE FROM audit_log WHERE seq IN (3, 7)`)
			r3.seq, r7.seq = 7, 3
			a.insert(r3)
			a.insert(r7)
		}, 3, ProblemEdited},
		{"swap two rows and rehash", func(a *attacker) {
			rs := a.rows()
			r3, r7 := rs[2], rs[6]
			a.exec(`DELETE FROM audit_log WHERE seq IN (3, 7)`)
			r3.seq, r7.seq = 7, 3
			a.insert(r3)
			a.insert(r7)
			a.rechain()
		}, 3, ProblemForged},
		{"swap neighbours' seqs", func(a *attacker) {
			a.exec(`UPDATE audit_log SET seq = -1 WHERE seq = 4`)
			a.exec(`UPDATE audit_log SET seq = 4 WHERE seq = 5`)
			a.exec(`UPDATE audit_log SET seq = 5 WHERE seq = -1`)
		}, 4, ProblemEdited},
		{"insert a forged entry at the end", func(a *attacker) {
			last := a.rows()[n-1]
			f := row{seq: n + 1, at: last.at + 1, actor: System, action: KeyRevoked, target: "forged", prevHash: last.hash, mac: last.mac}
			f.hash = hashRow(&f)
			a.insert(f)
			a.exec(`UPDATE audit_head SET seq = ?, hash = ? WHERE id = 1`, f.seq, f.hash)
		}, n + 1, ProblemForged},
		{"insert a forged entry in the middle", func(a *attacker) {
			for s := n; s >= 6; s-- {
				a.exec(`UPDATE audit_log SET seq = seq + 1 WHERE seq = ?`, s)
			}
			a.insert(row{seq: 6, at: 1, actor: System, action: LoginSucceeded, target: "forged", prevHash: []byte{}, hash: []byte{}, mac: []byte{}})
			a.rechain()
		}, 6, ProblemForged},
		{"replay an entry's mac on a forged entry", func(a *attacker) {
			rs := a.rows()
			f := rs[n-1]
			f.seq, f.target, f.prevHash = n+1, "replayed", rs[n-1].hash
			f.hash = hashRow(&f)
			a.insert(f)
		}, n + 1, ProblemForged},
		{"rewrite the head", func(a *attacker) {
			a.exec(`UPDATE audit_head SET hash = ? WHERE id = 1`, bytes.Repeat([]byte{1}, 32))
		}, n, ProblemHead},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			eachDB(t, func(t *testing.T, db *store.DB, _ func() *store.DB) {
				ctx := context.Background()
				l := newLog(t, db)
				fill(t, l, n)
				if rep, err := l.Verify(ctx); err != nil || !rep.OK() {
					t.Fatalf("Verify before tampering = %+v, %v", rep, err)
				}
				tc.tamper(newAttacker(t, db))
				rep, err := l.Verify(ctx)
				if err != nil {
					t.Fatalf("Verify: %v", err)
				}
				if rep.OK() {
					t.Fatalf("Verify after tampering reports no problem")
				}
				if got := rep.Problems[0]; got.Seq != tc.wantSeq || got.Kind != tc.wantKind {
					t.Errorf("first problem = %v; want seq %d, %s\nall: %v", got, tc.wantSeq, tc.wantKind, rep.Problems)
				}
			})
		})
	}
}

func TestVerifyWithAnotherSecret(t *testing.T) {
	db := storetest.OpenSQLite(t)
	fill(t, newLog(t, db), 3)
	other, err := New(context.Background(), db, Config{Secret: bytes.Repeat([]byte{1}, 32)})
	if err != nil {
		t.Fatal(err)
	}
	rep, err := other.Verify(context.Background())
	if err != nil || rep.OK() || rep.FirstBad() != 1 {
		t.Errorf("Verify with another secret = %+v, %v; want problems from seq 1", rep, err)
	}
}

func TestVerifyEmpty(t *testing.T) {
	eachDB(t, func(t *testing.T, db *store.DB, _ func() *store.DB) {
		rep, err := newLog(t, db).Verify(context.Background())
		if err != nil || !rep.OK() || rep.Entries != 0 || rep.HeadSeq != 0 {
			t.Errorf("Verify(empty) = %+v, %v; want OK", rep, err)
		}
	})
}

// TestConcurrentAppends appends from goroutines through two database
// handles (two pools, as two processes have): one chain, no gaps.
func TestConcurrentAppends(t *testing.T) {
	eachDB(t, func(t *testing.T, db *store.DB, open func() *store.DB) {
		ctx := context.Background()
		logs := []*Log{newLog(t, db), newLog(t, open())}
		const (
			workers = 8
			each    = 25
		)
		var wg sync.WaitGroup
		errs := make(chan error, workers*each)
		for g := range workers {
			wg.Go(func() {
				l := logs[g%2]
				for i := range each {
					e := Entry{Actor: System, Action: KeyRotated, Target: fmt.Sprintf("g%d-%d", g, i)}
					if err := l.Append(ctx, &e); err != nil {
						errs <- err
					}
				}
			})
		}
		wg.Wait()
		close(errs)
		for err := range errs {
			t.Errorf("Append: %v", err)
		}
		rep, err := logs[0].Verify(ctx)
		if err != nil || !rep.OK() || rep.Entries != workers*each || rep.HeadSeq != workers*each {
			t.Errorf("Verify = %+v, %v; want %d entries in one chain", rep, err, workers*each)
		}
	})
}

// TestAppendTx commits an audit entry with the change it records, or
// neither.
func TestAppendTx(t *testing.T) {
	eachDB(t, func(t *testing.T, db *store.DB, _ func() *store.DB) {
		ctx := context.Background()
		l := newLog(t, db)
		run := func(commit bool) {
			tx, err := db.SQL().BeginTx(ctx, nil)
			if err != nil {
				t.Fatal(err)
			}
			defer tx.Rollback()
			if err := l.AppendTx(ctx, tx, &Entry{Actor: System, Action: RoleChanged, Target: fmt.Sprint(commit)}); err != nil {
				t.Fatal(err)
			}
			if commit {
				if err := tx.Commit(); err != nil {
					t.Fatal(err)
				}
			}
		}
		run(false)
		run(true)
		p, err := l.List(ctx, Filter{})
		if err != nil || len(p.Entries) != 1 || p.Entries[0].Target != "true" || p.Entries[0].Seq != 1 {
			t.Errorf("after a rolled-back and a committed AppendTx: %+v, %v; want only the committed one, seq 1", p, err)
		}
		if rep, err := l.Verify(ctx); err != nil || !rep.OK() {
			t.Errorf("Verify = %+v, %v", rep, err)
		}
	})
}
