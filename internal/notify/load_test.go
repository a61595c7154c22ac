package notify_test

import (
	"context"
	"fmt"
	"net/http"
	"runtime"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/vmira/mira/internal/config"
	"github.com/vmira/mira/internal/notify"
	"github.com/vmira/mira/internal/store"
	"github.com/vmira/mira/internal/store/storetest"
	"github.com/vmira/mira/internal/testkit"
)

func heapAlloc() uint64 {
	var ms runtime.MemStats
	runtime.ReadMemStats(&ms)
	return ms.HeapAlloc
}

// TestDeadReceiverBoundedMemory: 10,000 alerts queued for a receiver that
// always fails. Run keeps polling (every row is attempted again and again)
// while the heap stays within a few MiB of where it started: one batch at
// a time, nothing kept between polls.
func TestDeadReceiverBoundedMemory(t *testing.T) {
	if testing.Short() {
		t.Skip("slow")
	}
	storetest.EachDB(t, func(t *testing.T, db *store.DB) {
		const queued = 10_000
		var hits atomic.Int64
		dead := newReceiver(t, func(int) (int, http.Header) {
			hits.Add(1)
			return http.StatusServiceUnavailable, nil
		})
		dead.Config.Handler = http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			hits.Add(1) // no recording: the receiver must not be what grows
			w.WriteHeader(http.StatusServiceUnavailable)
		})
		clock := testkit.NewClock(time.Date(2026, 12, 6, 12, 0, 0, 0, time.UTC))
		n, err := notify.New(db, []config.AlertChannel{{Name: "ops", Type: "webhook", URL: dead.URL, SecretEnv: "S"}},
			env("S", newSecret(t)), notify.Options{Now: clock.Now, PollInterval: 20 * time.Millisecond, Workers: 8, RetryFor: 1000 * time.Hour})
		if err != nil {
			t.Fatal(err)
		}
		ctx := context.Background()
		err = db.InTx(ctx, func(tx *store.Tx) error {
			for i := range queued {
				m := testMessage(fmt.Sprintf("alt_%05d", i))
				m.Details = map[string]any{"note": fmt.Sprintf("%0500d", i)} // ~0.5 KiB payloads
				if err := n.Enqueue(ctx, tx.SQL(), m); err != nil {
					return err
				}
			}
			return nil
		})
		if err != nil {
			t.Fatal(err)
		}

		runtime.GC()
		before := heapAlloc()
		var peak atomic.Uint64
		runCtx, stop := context.WithCancel(ctx)
		var wg sync.WaitGroup
		wg.Go(func() { n.Run(runCtx) })
		wg.Go(func() { // the sampler, and a clock running at 2 h per 100 ms
			for runCtx.Err() == nil {
				if h := heapAlloc(); h > peak.Load() {
					peak.Store(h)
				}
				clock.Advance(2 * time.Minute)
				time.Sleep(5 * time.Millisecond)
			}
		})
		// A bound for a machine loaded by -race and parallel packages; an
		// idle one takes a few seconds.
		deadline := time.Now().Add(120 * time.Second)
		for hits.Load() < 2*queued && time.Now().Before(deadline) {
			time.Sleep(50 * time.Millisecond)
		}
		stop()
		wg.Wait()
		runtime.GC()
		after := heapAlloc()
		var pending int
		db.SQL().QueryRow(`SELECT COUNT(*) FROM alert_outbox WHERE delivered_at IS NULL AND failed_at IS NULL`).Scan(&pending)
		t.Logf("%d alerts, dead receiver: %d attempts; heap before %.1f MiB, peak %.1f MiB, after GC %.1f MiB; %d rows still pending",
			queued, hits.Load(), mib(before), mib(peak.Load()), mib(after), pending)
		if hits.Load() < 2*queued {
			t.Errorf("only %d attempts for %d alerts: the loop stopped polling", hits.Load(), queued)
		}
		if pending != queued {
			t.Errorf("%d rows pending; want %d (all retried, none lost)", pending, queued)
		}
		if growth := int64(peak.Load()) - int64(before); growth > 16<<20 {
			t.Errorf("heap grew by %.1f MiB while polling; want < 16 MiB", mib(uint64(growth)))
		}
		if growth := int64(after) - int64(before); growth > 2<<20 {
			t.Errorf("heap after GC grew by %.1f MiB; want < 2 MiB (nothing kept between polls)", mib(uint64(growth)))
		}
	})
}

func mib(b uint64) float64 { return float64(b) / (1 << 20) }

// TestInstancesShareTheOutbox: three Notifiers on one database, each
// running its loop, deliver 300 alerts once each (PostgreSQL: FOR UPDATE
// SKIP LOCKED; SQLite: one writer at a time).
func TestInstancesShareTheOutbox(t *testing.T) {
	storetest.EachLocation(t, func(t *testing.T, url, dir string) {
		const alerts = 300
		var mu sync.Mutex
		seen := map[string]int{}
		rcv := newReceiver(t, always(http.StatusOK))
		rcv.Config.Handler = http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			mu.Lock()
			seen[r.Header.Get("webhook-id")]++
			mu.Unlock()
		})
		chans := []config.AlertChannel{{Name: "ops", Type: "webhook", URL: rcv.URL, SecretEnv: "S"}}
		secret := newSecret(t)
		ctx, stop := context.WithCancel(context.Background())
		var wg sync.WaitGroup
		var ns []*notify.Notifier
		for range 3 {
			n, err := notify.New(storetest.Open(t, url, dir), chans, env("S", secret), notify.Options{PollInterval: 10 * time.Millisecond, BatchSize: 10})
			if err != nil {
				t.Fatal(err)
			}
			ns = append(ns, n)
			wg.Go(func() { n.Run(ctx) })
		}
		for i := range alerts {
			if err := ns[i%3].Enqueue(ctx, nil, testMessage(fmt.Sprintf("alt_%d", i))); err != nil {
				t.Fatal(err)
			}
		}
		deadline := time.Now().Add(30 * time.Second)
		for time.Now().Before(deadline) {
			mu.Lock()
			k := len(seen)
			mu.Unlock()
			if k == alerts {
				break
			}
			time.Sleep(20 * time.Millisecond)
		}
		time.Sleep(100 * time.Millisecond) // let any duplicate arrive
		stop()
		wg.Wait()
		mu.Lock()
		defer mu.Unlock()
		if len(seen) != alerts {
			t.Errorf("%d distinct alerts delivered; want %d", len(seen), alerts)
		}
		for id, k := range seen {
			if k != 1 {
				t.Errorf("alert %s delivered %d times; want 1", id, k)
			}
		}
	})
}

// TestRunWakesOnEnqueue: with polls an hour apart, an enqueued alert is
// sent at once, by the poke Enqueue gives Run, even when the poke comes
// before the caller's transaction commits.
func TestRunWakesOnEnqueue(t *testing.T) {
	storetest.EachDB(t, func(t *testing.T, db *store.DB) {
		rcv := newReceiver(t, always(http.StatusOK))
		n, err := notify.New(db, []config.AlertChannel{{Name: "ops", Type: "webhook", URL: rcv.URL, SecretEnv: "S"}},
			env("S", newSecret(t)), notify.Options{PollInterval: time.Hour})
		if err != nil {
			t.Fatal(err)
		}
		ctx, stop := context.WithCancel(context.Background())
		var wg sync.WaitGroup
		defer wg.Wait()
		defer stop()
		wg.Go(func() { n.Run(ctx) })
		time.Sleep(50 * time.Millisecond) // Run's first poll has passed
		start := time.Now()
		err = db.InTx(ctx, func(tx *store.Tx) error {
			if err := n.Enqueue(ctx, tx.SQL(), testMessage("alt_wake")); err != nil {
				return err
			}
			time.Sleep(100 * time.Millisecond) // the caller still working
			return nil
		})
		if err != nil {
			t.Fatal(err)
		}
		for len(rcv.requests()) == 0 && time.Since(start) < 10*time.Second {
			time.Sleep(10 * time.Millisecond)
		}
		if len(rcv.requests()) != 1 {
			t.Fatalf("not delivered within 10 s of Enqueue")
		}
		t.Logf("delivered %v after Enqueue", time.Since(start).Round(time.Millisecond))
	})
}
