package reqlog_test

import (
	"context"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/vmira/mira/internal/reqlog"
	"github.com/vmira/mira/internal/sensitive"
	"github.com/vmira/mira/internal/store"
	"github.com/vmira/mira/internal/store/storetest"
)

func benchEntry(i int) reqlog.Entry {
	return reqlog.Entry{
		RequestID: "req_0123456789abcdefghijklmn", OrgID: "org_0123456789abcdefghijklmn",
		KeyID: []string{"key_a", "key_b", "key_c"}[i%3], UserID: "user_0123456789abcdefghijklmn",
		Endpoint: "POST /v1/chat/completions", Model: "mira-echo", Status: 200,
		Latency: 1500 * time.Microsecond, PromptTokens: 42, CompletionTokens: 128,
		ClientIP: "203.0.113.9", FilterVerdict: "allowed",
	}
}

func benchDBs(b *testing.B, f func(b *testing.B, db *store.DB)) {
	b.Run("sqlite", func(b *testing.B) {
		db, _ := openSQLite(b)
		f(b, db)
	})
	b.Run("postgres", func(b *testing.B) { f(b, storetest.OpenPostgres(b)) })
}

// BenchmarkLog is the cost of Writer.Log on the request path, with room in
// the queue (the timer stops while the writer catches up) and the writer
// running.
func BenchmarkLog(b *testing.B) {
	db, _ := openSQLite(b)
	w := newWriter(b, db, reqlog.Config{})
	e := benchEntry(0)
	const chunk = 5000
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		if i%chunk == chunk-1 {
			b.StopTimer()
			for w.Stats().Queued > 0 {
				time.Sleep(time.Millisecond)
			}
			b.StartTimer()
		}
		w.Log(e)
	}
	b.StopTimer()
	if s := w.Stats(); s.Dropped > 0 {
		b.Errorf("%d entries dropped; the benchmark measures the queued path", s.Dropped)
	}
}

// BenchmarkLogFull is Log when the queue is full (the database cannot keep
// up): it drops and counts, and must not be slower.
func BenchmarkLogFull(b *testing.B) {
	db, _ := openSQLite(b)
	w := newWriter(b, db, reqlog.Config{QueueSize: 1, BatchSize: 1})
	conn, err := db.SQL().Conn(context.Background())
	if err != nil {
		b.Fatal(err)
	}
	conn.ExecContext(context.Background(), `BEGIN IMMEDIATE`) // the writer blocks
	defer func() { conn.ExecContext(context.Background(), `COMMIT`); conn.Close() }()
	e := benchEntry(0)
	b.ReportAllocs()
	b.ResetTimer()
	for b.Loop() {
		w.Log(e)
	}
}

// BenchmarkWriteThroughput is how many entries a second reach the
// database: b.N entries logged as fast as the queue takes them, then
// flushed.
func BenchmarkWriteThroughput(b *testing.B) {
	for _, bodies := range []bool{false, true} {
		name := "metadata"
		if bodies {
			name = "bodies-1KiB"
		}
		b.Run(name, func(b *testing.B) {
			benchDBs(b, func(b *testing.B, db *store.DB) {
				cfg := reqlog.Config{}
				body := []byte(strings.Repeat(`{"role":"user","content":"hello world, call me at +44 20 7946 0958"}`, 15))
				if bodies {
					cfg = reqlog.Config{StoreBodies: func(string) bool { return true }, Masker: sensitive.Mask, Keyring: keyring(b)}
				}
				w := newWriter(b, db, cfg)
				start := time.Now()
				b.ResetTimer()
				for i := 0; i < b.N; i++ {
					for w.Stats().Queued > reqlog.DefaultQueueSize*3/4 {
						time.Sleep(100 * time.Microsecond)
					}
					e := benchEntry(i)
					e.Time = t0.Add(time.Duration(i) * time.Millisecond)
					if bodies {
						e.Request, e.Response = body, body
					}
					w.Log(e)
				}
				flush(b, w)
				b.StopTimer()
				b.ReportMetric(float64(b.N)/time.Since(start).Seconds(), "entries/s")
				if s := w.Stats(); s.Dropped > 0 || s.Failed > 0 {
					b.Errorf("Stats = %+v", s)
				}
			})
		})
	}
}

// BenchmarkPurge1M times the purge of 1,000,000 expired rows among
// 1,100,000 (run with -benchtime=1x: each iteration first writes the rows,
// untimed).
func BenchmarkPurge1M(b *testing.B) {
	benchDBs(b, func(b *testing.B, db *store.DB) {
		const (
			expired = 1_000_000
			kept    = 100_000
		)
		now := t0
		for i := 0; i < b.N; i++ {
			b.StopTimer()
			w, err := reqlog.NewWriter(db, reqlog.Config{BatchSize: 1000})
			if err != nil {
				b.Fatal(err)
			}
			fillStart := time.Now()
			for j := range expired + kept {
				for w.Stats().Queued > reqlog.DefaultQueueSize*3/4 {
					time.Sleep(100 * time.Microsecond)
				}
				e := benchEntry(j)
				e.RequestID = fmt.Sprint("req_", j)
				if j%11 == 0 && j/11 < kept {
					e.Time = now.Add(-time.Duration(j) * time.Second)
				} else {
					e.Time = now.Add(-31*24*time.Hour - time.Duration(j)*time.Second)
				}
				w.Log(e)
			}
			w.Close()
			b.Logf("wrote %d rows in %v", expired+kept, time.Since(fillStart))
			p, err := reqlog.NewPurger(db, reqlog.PurgerConfig{Now: func() time.Time { return now }})
			if err != nil {
				b.Fatal(err)
			}
			b.StartTimer()
			res, err := p.Purge(context.Background())
			b.StopTimer()
			if err != nil {
				b.Fatal(err)
			}
			if res.Logs != expired {
				b.Fatalf("purged %d rows; want %d", res.Logs, expired)
			}
			b.ReportMetric(res.Took.Seconds(), "s/purge")
			b.ReportMetric(float64(res.Logs)/res.Took.Seconds(), "rows/s")
			// Clear the kept rows for the next iteration.
			if _, err := db.SQL().Exec(`DELETE FROM request_logs`); err != nil {
				b.Fatal(err)
			}
		}
	})
}
