package reqlog_test

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"
	"github.com/vmira/mira/internal/reqlog"
	"github.com/vmira/mira/internal/store"
	"github.com/vmira/mira/internal/testkit"
)

func TestWriterRoundTrip(t *testing.T) {
	eachDB(t, func(t *testing.T, db *store.DB, dir string) {
		ctx := context.Background()
		w := newWriter(t, db, reqlog.Config{})
		full := reqlog.Entry{
			Time: t0, RequestID: "req_1", OrgID: "org_a", KeyID: "key_1", UserID: "user_1",
			Endpoint: "POST /v1/chat/completions", Model: "mira-echo", Status: 200,
			Latency: 1234 * time.Microsecond, PromptTokens: 10, CompletionTokens: 20,
			ClientIP: "2001:db8::1", FilterVerdict: "allowed", SensitiveTypes: []string{"card_number", "email"},
			Stream: true,
		}
		bare := reqlog.Entry{Time: t0.Add(time.Second), RequestID: "req_2", OrgID: "org_a", Status: 401}
		other := reqlog.Entry{Time: t0, RequestID: "req_3", OrgID: "org_b", Status: 200}
		for _, e := range []reqlog.Entry{full, bare, other} {
			w.Log(e)
		}
		flush(t, w)

		page, err := reqlog.NewReader(db, nil).Logs(ctx, reqlog.LogQuery{OrgID: "org_a"})
		if err != nil {
			t.Fatalf("Logs: %v", err)
		}
		want := []reqlog.Record{{Entry: bare}, {Entry: full}}
		if diff := cmp.Diff(want, page.Records, cmpopts.IgnoreFields(reqlog.Record{}, "ID"), cmpopts.EquateEmpty()); diff != "" {
			t.Errorf("Logs(org_a) (-want +got):\n%s", diff)
		}
		if page.NextCursor != "" {
			t.Errorf("NextCursor = %q on the only page; want empty", page.NextCursor)
		}
		for _, r := range page.Records {
			if r.ID <= 0 {
				t.Errorf("record %s has ID %d", r.RequestID, r.ID)
			}
			got, err := reqlog.NewReader(db, nil).Log(ctx, "org_a", r.ID)
			if err != nil || got.RequestID != r.RequestID {
				t.Errorf("Log(org_a, %d) = %v, %v; want %s", r.ID, got, err, r.RequestID)
			}
			if _, err := reqlog.NewReader(db, nil).Log(ctx, "org_b", r.ID); err == nil {
				t.Errorf("Log(org_b, %d) of org_a's row = nil error; want not found", r.ID)
			}
		}
		if s := w.Stats(); s.Written != 3 || s.Dropped != 0 || s.Failed != 0 || s.Queued != 0 {
			t.Errorf("Stats = %+v; want 3 written, nothing else", s)
		}
	})
}

func TestWriterFillsTimeAndRequestID(t *testing.T) {
	db, _ := openSQLite(t)
	clk := testkit.NewClock(t0)
	w := newWriter(t, db, reqlog.Config{Now: clk.Now})
	w.Log(reqlog.Entry{OrgID: "org_a", Status: 200})
	flush(t, w)
	page, err := reqlog.NewReader(db, nil).Logs(context.Background(), reqlog.LogQuery{OrgID: "org_a"})
	if err != nil || len(page.Records) != 1 {
		t.Fatalf("Logs = %v, %v; want one record", page, err)
	}
	r := page.Records[0]
	if !r.Time.Equal(t0) || !strings.HasPrefix(r.RequestID, "req_") {
		t.Errorf("Time, RequestID = %v, %q; want %v, req_...", r.Time, r.RequestID, t0)
	}
}

// logFixture is a spread of entries over two organisations, keys, models,
// statuses and days.
func logFixture() []reqlog.Entry {
	var es []reqlog.Entry
	for i := range 60 {
		org := "org_a"
		if i%10 == 9 {
			org = "org_b"
		}
		status := 200
		switch i % 7 {
		case 3:
			status = 429
		case 5:
			status = 500
		}
		es = append(es, reqlog.Entry{
			// Several rows share a time, so pagination must order by id too.
			Time:             t0.Add(time.Duration(i/3) * 5 * time.Hour),
			RequestID:        fmt.Sprintf("req_%02d", i),
			OrgID:            org,
			KeyID:            fmt.Sprintf("key_%d", i%3),
			Model:            []string{"mira-echo", "llama"}[i%2],
			Status:           status,
			PromptTokens:     int64(i),
			CompletionTokens: int64(2 * i),
		})
	}
	return es
}

func TestLogsQuery(t *testing.T) {
	eachDB(t, func(t *testing.T, db *store.DB, dir string) {
		ctx := context.Background()
		w := newWriter(t, db, reqlog.Config{BatchSize: 16})
		es := logFixture()
		for _, e := range es {
			w.Log(e)
		}
		flush(t, w)
		r := reqlog.NewReader(db, nil)

		tests := []struct {
			name  string
			q     reqlog.LogQuery
			match func(e reqlog.Entry) bool
		}{
			{"all of org_a", reqlog.LogQuery{OrgID: "org_a"}, func(e reqlog.Entry) bool { return e.OrgID == "org_a" }},
			{"org_b", reqlog.LogQuery{OrgID: "org_b"}, func(e reqlog.Entry) bool { return e.OrgID == "org_b" }},
			{"unknown org", reqlog.LogQuery{OrgID: "org_x"}, func(e reqlog.Entry) bool { return false }},
			{"key", reqlog.LogQuery{OrgID: "org_a", KeyID: "key_1"}, func(e reqlog.Entry) bool { return e.OrgID == "org_a" && e.KeyID == "key_1" }},
			{"model", reqlog.LogQuery{OrgID: "org_a", Model: "llama"}, func(e reqlog.Entry) bool { return e.OrgID == "org_a" && e.Model == "llama" }},
			{"status", reqlog.LogQuery{OrgID: "org_a", Status: 429}, func(e reqlog.Entry) bool { return e.OrgID == "org_a" && e.Status == 429 }},
			{"errors", reqlog.LogQuery{OrgID: "org_a", ErrorsOnly: true}, func(e reqlog.Entry) bool { return e.OrgID == "org_a" && e.Status >= 400 }},
			{"time range", reqlog.LogQuery{OrgID: "org_a", From: t0.Add(10 * time.Hour), To: t0.Add(40 * time.Hour)}, func(e reqlog.Entry) bool {
				return e.OrgID == "org_a" && !e.Time.Before(t0.Add(10*time.Hour)) && e.Time.Before(t0.Add(40*time.Hour))
			}},
			{"everything", reqlog.LogQuery{OrgID: "org_a", KeyID: "key_0", Model: "mira-echo", Status: 200, From: t0, To: t0.Add(60 * time.Hour)}, func(e reqlog.Entry) bool {
				return e.OrgID == "org_a" && e.KeyID == "key_0" && e.Model == "mira-echo" && e.Status == 200 && e.Time.Before(t0.Add(60*time.Hour))
			}},
		}
		for _, tc := range tests {
			for _, limit := range []int{0, 1, 7} {
				var want []string
				for i := len(es) - 1; i >= 0; i-- { // newest first; within a time, the later insert first
					if tc.match(es[i]) {
						want = append(want, es[i].RequestID)
					}
				}
				var got []string
				q := tc.q
				q.Limit = limit
				for pages := 0; ; pages++ {
					if pages > 100 {
						t.Fatalf("%s: pagination does not end", tc.name)
					}
					page, err := r.Logs(ctx, q)
					if err != nil {
						t.Fatalf("%s: Logs: %v", tc.name, err)
					}
					if limit > 0 && len(page.Records) > limit {
						t.Errorf("%s: page of %d records; limit %d", tc.name, len(page.Records), limit)
					}
					for _, rec := range page.Records {
						got = append(got, rec.RequestID)
					}
					if page.NextCursor == "" {
						break
					}
					q.Cursor = page.NextCursor
				}
				if diff := cmp.Diff(want, got, cmpopts.EquateEmpty()); diff != "" {
					t.Errorf("%s, limit %d (-want +got):\n%s", tc.name, limit, diff)
				}
			}
		}

		if _, err := r.Logs(ctx, reqlog.LogQuery{OrgID: "org_a", Cursor: "not a cursor"}); err == nil {
			t.Errorf("Logs(bad cursor) = nil error")
		}
		if _, err := r.Logs(ctx, reqlog.LogQuery{}); err == nil {
			t.Errorf("Logs(no org) = nil error")
		}
	})
}

func TestUsage(t *testing.T) {
	eachDB(t, func(t *testing.T, db *store.DB, dir string) {
		ctx := context.Background()
		w := newWriter(t, db, reqlog.Config{BatchSize: 7})
		es := logFixture()
		// Unauthenticated requests have no organisation and no usage.
		es = append(es, reqlog.Entry{Time: t0, Status: 401})
		// Two flushes: the second batch adds to the rows of the first.
		for i, e := range es {
			w.Log(e)
			if i == len(es)/2 {
				flush(t, w)
			}
		}
		flush(t, w)
		r := reqlog.NewReader(db, nil)

		day := func(t time.Time) time.Time { y, m, d := t.Date(); return time.Date(y, m, d, 0, 0, 0, 0, time.UTC) }
		oracle := func(q reqlog.UsageQuery) []reqlog.UsageRow {
			sums := map[[3]string]*reqlog.UsageRow{}
			for _, e := range es {
				d := day(e.Time)
				if e.OrgID != q.OrgID || (q.KeyID != "" && e.KeyID != q.KeyID) || (q.Model != "" && e.Model != q.Model) ||
					(!q.From.IsZero() && d.Before(day(q.From))) || (!q.To.IsZero() && d.After(day(q.To))) {
					continue
				}
				k := [3]string{d.Format(time.RFC3339), "", ""}
				if q.ByKey {
					k[1] = e.KeyID
				}
				if q.ByModel {
					k[2] = e.Model
				}
				u := sums[k]
				if u == nil {
					u = &reqlog.UsageRow{Day: d, KeyID: k[1], Model: k[2]}
					sums[k] = u
				}
				u.Requests++
				if e.Status >= 400 {
					u.Errors++
				}
				u.PromptTokens += e.PromptTokens
				u.CompletionTokens += e.CompletionTokens
			}
			var out []reqlog.UsageRow
			for _, u := range sums {
				out = append(out, *u)
			}
			slices.SortFunc(out, func(a, b reqlog.UsageRow) int {
				if c := a.Day.Compare(b.Day); c != 0 {
					return c
				}
				if c := strings.Compare(a.KeyID, b.KeyID); c != 0 {
					return c
				}
				return strings.Compare(a.Model, b.Model)
			})
			return out
		}
		tests := []reqlog.UsageQuery{
			{OrgID: "org_a"},
			{OrgID: "org_a", ByKey: true},
			{OrgID: "org_a", ByModel: true},
			{OrgID: "org_a", ByKey: true, ByModel: true},
			{OrgID: "org_b", ByKey: true, ByModel: true},
			{OrgID: "org_a", KeyID: "key_2"},
			{OrgID: "org_a", Model: "llama", ByKey: true},
			{OrgID: "org_a", From: t0.Add(24 * time.Hour), To: t0.Add(72 * time.Hour)},
			{OrgID: "org_a", From: t0.Add(48 * time.Hour)},
			{OrgID: "org_a", To: t0},
			{OrgID: "org_x"},
		}
		for _, q := range tests {
			got, err := r.Usage(ctx, q)
			if err != nil {
				t.Fatalf("Usage(%+v): %v", q, err)
			}
			if diff := cmp.Diff(oracle(q), got, cmpopts.EquateEmpty()); diff != "" {
				t.Errorf("Usage(%+v) (-want +got):\n%s", q, diff)
			}
		}
		if _, err := r.Usage(ctx, reqlog.UsageQuery{}); err == nil {
			t.Errorf("Usage(no org) = nil error")
		}
	})
}

func TestCloseWritesQueued(t *testing.T) {
	eachDB(t, func(t *testing.T, db *store.DB, dir string) {
		w, err := reqlog.NewWriter(db, reqlog.Config{FlushInterval: time.Hour, BatchSize: 100})
		if err != nil {
			t.Fatal(err)
		}
		const n = 1234
		for i := range n {
			w.Log(reqlog.Entry{Time: t0, OrgID: "org_a", RequestID: fmt.Sprint("req_", i)})
		}
		if err := w.Close(); err != nil {
			t.Fatalf("Close: %v", err)
		}
		if got := countLogs(t, db); got != n {
			t.Errorf("after Close, %d rows; want %d", got, n)
		}
		w.Log(reqlog.Entry{OrgID: "org_a"})
		if s := w.Stats(); s.Written != n || s.Dropped != 1 {
			t.Errorf("Stats after Close and one more Log = %+v; want %d written, 1 dropped", s, n)
		}
		if err := w.Flush(context.Background()); err != reqlog.ErrClosed {
			t.Errorf("Flush after Close = %v; want ErrClosed", err)
		}
		if err := w.Close(); err != nil {
			t.Errorf("second Close: %v", err)
		}
	})
}

func countLogs(t testing.TB, db *store.DB) int {
	t.Helper()
	var n int
	if err := db.SQL().QueryRow(`SELECT COUNT(*) FROM request_logs`).Scan(&n); err != nil {
		t.Fatalf("count request_logs: %v", err)
	}
	return n
}

// TestLogNeverBlocks holds SQLite's write lock so the writer cannot write:
// Log must still return at once, keep QueueSize + one batch and drop the
// rest, counting them.
func TestLogNeverBlocks(t *testing.T) {
	db, _ := openSQLite(t)
	ctx := context.Background()
	const (
		queue = 10
		batch = 5
		body  = 1000
	)
	w, err := reqlog.NewWriter(db, reqlog.Config{
		QueueSize: queue, BatchSize: batch, FlushInterval: time.Hour,
		StoreBodies: func(string) bool { return true }, Masker: strings.ToUpper, Keyring: keyring(t),
		MaxQueuedBodyBytes: 3 * body,
	})
	if err != nil {
		t.Fatal(err)
	}
	defer w.Close()

	lock, err := db.SQL().Conn(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := lock.ExecContext(ctx, `BEGIN IMMEDIATE`); err != nil {
		t.Fatal(err)
	}

	const n = 1000
	start := time.Now()
	for i := range n {
		w.Log(reqlog.Entry{Time: t0, OrgID: "org_a", RequestID: fmt.Sprint("req_", i), Request: []byte(strings.Repeat("x", body))})
	}
	// A Log that waited for room in the queue would wait for the writer,
	// which waits for the lock (the 5 s busy timeout) batch after batch:
	// minutes. 4 s, below one busy timeout, leaves room for a loaded
	// machine running -race.
	took := time.Since(start)
	if took > 4*time.Second {
		t.Errorf("%d Log calls with the database locked took %v; want them not to wait", n, took)
	}
	// Give the writer time to take its batch, then let it write.
	time.Sleep(50 * time.Millisecond)
	if _, err := lock.ExecContext(ctx, `COMMIT`); err != nil {
		t.Fatal(err)
	}
	lock.Close()
	w.Close()

	// The writer took one batch off the queue and waits on the lock with it,
	// unless the Log calls filled the queue before it woke up: then only the
	// queue's entries are written.
	s := w.Stats()
	if s.Written != queue+batch && s.Written != queue || s.Written+s.Dropped != n || s.Failed != 0 {
		t.Errorf("Stats = %+v; want %d written (the queue and the batch taken, if one was), the other %d dropped",
			s, queue+batch, n-queue-batch)
	}
	var withBodies int
	if err := db.SQL().QueryRow(`SELECT COUNT(*) FROM request_logs WHERE request_body IS NOT NULL`).Scan(&withBodies); err != nil {
		t.Fatal(err)
	}
	if withBodies != 3 || s.BodiesDropped == 0 {
		t.Errorf("%d rows with bodies, %d bodies dropped; want 3 (MaxQueuedBodyBytes / body size), some dropped", withBodies, s.BodiesDropped)
	}
}

func TestNewWriterRefusesUnprotectedBodies(t *testing.T) {
	db, _ := openSQLite(t)
	on := func(string) bool { return true }
	tests := []struct {
		name string
		cfg  reqlog.Config
		ok   bool
	}{
		{"no bodies", reqlog.Config{}, true},
		{"bodies without masker", reqlog.Config{StoreBodies: on, Keyring: keyring(t)}, false},
		{"bodies without keyring", reqlog.Config{StoreBodies: on, Masker: strings.ToUpper}, false},
		{"bodies", reqlog.Config{StoreBodies: on, Masker: strings.ToUpper, Keyring: keyring(t)}, true},
		{"zero retention needs neither", reqlog.Config{StoreBodies: on, ZeroRetention: true}, true},
	}
	for _, tc := range tests {
		w, err := reqlog.NewWriter(db, tc.cfg)
		if (err == nil) != tc.ok {
			t.Errorf("%s: NewWriter error = %v; want ok = %v", tc.name, err, tc.ok)
		}
		if w != nil {
			w.Close()
		}
	}
}

func TestPurgerRefusesLongRetention(t *testing.T) {
	if _, err := reqlog.NewPurger(nil, reqlog.PurgerConfig{Retention: 31 * 24 * time.Hour}); err == nil {
		t.Errorf("NewPurger(31 days) = nil error; want refusal")
	}
}
