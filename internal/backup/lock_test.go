package backup

import (
	"context"
	"fmt"
	"os"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/redis/go-redis/v9"
)

func testPostgresURL(t *testing.T) string {
	t.Helper()
	u := os.Getenv("MIRA_TEST_POSTGRES_URL")
	if u == "" {
		t.Skip("MIRA_TEST_POSTGRES_URL not set")
	}
	return u
}

func testRedis(t *testing.T) *redis.Client {
	t.Helper()
	u := os.Getenv("MIRA_TEST_REDIS_URL")
	if u == "" {
		t.Skip("MIRA_TEST_REDIS_URL not set")
	}
	opt, err := redis.ParseURL(u)
	if err != nil {
		t.Fatalf("MIRA_TEST_REDIS_URL: %v", err)
	}
	c := redis.NewClient(opt)
	t.Cleanup(func() { c.Close() })
	return c
}

// uniqueName keeps concurrent test runs (and packages) apart.
func uniqueName(t *testing.T) string {
	return fmt.Sprintf("test-%s-%d", t.Name(), time.Now().UnixNano())
}

// testLockExclusive: while one holder has it nobody else gets it; after
// release somebody can.
func testLockExclusive(t *testing.T, a, b Lock) {
	ctx := context.Background()
	name := uniqueName(t)
	held, release, ok, err := a.TryLock(ctx, name)
	if err != nil || !ok {
		t.Fatalf("first TryLock = %v, %v", ok, err)
	}
	if _, _, ok, err := b.TryLock(ctx, name); err != nil || ok {
		t.Fatalf("second TryLock while held = %v, %v; want false", ok, err)
	}
	if _, _, ok, err := a.TryLock(ctx, name); err != nil || ok {
		t.Fatalf("same lock again while held = %v, %v; want false", ok, err)
	}
	if held.Err() != nil {
		t.Fatal("held context ended while the lock is held")
	}
	release()
	release() // idempotent
	if held.Err() == nil {
		t.Error("held context still live after release")
	}
	_, release2, ok, err := b.TryLock(ctx, name)
	if err != nil || !ok {
		t.Fatalf("TryLock after release = %v, %v", ok, err)
	}
	release2()
}

// testOneRunner: two schedulers (two instances) on the same slot, with
// their own lock clients: exactly one runs each slot.
func testOneRunner(t *testing.T, newLock func() Lock) {
	const rounds = 3
	name := uniqueName(t)
	for round := range rounds {
		// A clock that reaches the next minute in 200ms, shared by both
		// instances so that they fire at the same moment.
		start := time.Now()
		slot := time.Date(2026, 12, 6, 15, 1+round, 0, 0, time.UTC)
		base := slot.Add(-200 * time.Millisecond)
		now := func() time.Time { return base.Add(time.Since(start)) }
		var runs atomic.Int32
		var wg sync.WaitGroup
		ctx, cancel := context.WithCancel(context.Background())
		var finished atomic.Int32
		for range 2 {
			wg.Add(1)
			// MinHold: the winner keeps the lock this long, so that an
			// instance that fires late (a loaded machine) still finds it.
			s := &Scheduler{Schedule: "1m", Lock: newLock(), LockName: name, Now: now, MinHold: time.Second,
				OnError: func(_ time.Time, err error) { t.Error(err) },
				ran: func(got time.Time, ran bool) {
					if !got.Equal(slot) {
						t.Errorf("slot %v; want %v", got, slot)
					}
					if finished.Add(1) == 2 {
						cancel()
					}
				}}
			go func() {
				defer wg.Done()
				s.Run(ctx, func(ctx context.Context) error {
					runs.Add(1)
					time.Sleep(50 * time.Millisecond) // a short backup
					return nil
				})
			}()
		}
		wg.Wait()
		cancel()
		if n := runs.Load(); n != 1 {
			t.Fatalf("round %d: %d runs; want exactly 1", round, n)
		}
	}
}

func TestLocalLock(t *testing.T) {
	l := NewLocalLock()
	testLockExclusive(t, l, l)
	testOneRunner(t, func() Lock { return l }) // one process, one lock
}

func TestPostgresLock(t *testing.T) {
	u := testPostgresURL(t)
	testLockExclusive(t, &PostgresLock{URL: u}, &PostgresLock{URL: u})
	testOneRunner(t, func() Lock { return &PostgresLock{URL: u} })
}

// TestPostgresLockLost: the held context ends when the session dies.
func TestPostgresLockLost(t *testing.T) {
	u := testPostgresURL(t)
	ctx := context.Background()
	name := uniqueName(t)
	held, release, ok, err := (&PostgresLock{URL: u, Ping: 50 * time.Millisecond}).TryLock(ctx, name)
	if err != nil || !ok {
		t.Fatalf("TryLock = %v, %v", ok, err)
	}
	defer release()
	admin, err := pgx.Connect(ctx, u)
	if err != nil {
		t.Fatal(err)
	}
	defer admin.Close(ctx)
	var n int
	if err := admin.QueryRow(ctx, `SELECT count(pg_terminate_backend(pid)) FROM pg_locks WHERE locktype = 'advisory' AND objid = ($1::bigint & 4294967295)::oid AND granted`, lockKey(name)).Scan(&n); err != nil || n != 1 {
		t.Fatalf("terminate the holder: %d, %v", n, err)
	}
	select {
	case <-held.Done():
	case <-time.After(5 * time.Second):
		t.Fatal("held context still live after the session was terminated")
	}
	// And the lock is free again.
	_, release2, ok, err := (&PostgresLock{URL: u}).TryLock(ctx, name)
	if err != nil || !ok {
		t.Fatalf("TryLock after the holder died = %v, %v", ok, err)
	}
	release2()
}

func TestRedisLock(t *testing.T) {
	c := testRedis(t)
	testLockExclusive(t, &RedisLock{Client: c}, &RedisLock{Client: testRedis(t)})
	testOneRunner(t, func() Lock { return &RedisLock{Client: testRedis(t)} })
}

// TestRedisLockSafeRelease: a holder whose lock expired and was taken by
// another does not delete the other's lock, and its held context ends.
func TestRedisLockSafeRelease(t *testing.T) {
	c := testRedis(t)
	ctx := context.Background()
	name := uniqueName(t)
	key := "mira:lock:" + name
	// A TTL long enough that a loaded machine (-race, parallel packages)
	// still extends the lock in time.
	a := &RedisLock{Client: c, TTL: time.Second}
	held, release, ok, err := a.TryLock(ctx, name)
	if err != nil || !ok {
		t.Fatalf("TryLock = %v, %v", ok, err)
	}
	// The lock is extended while held.
	time.Sleep(1500 * time.Millisecond)
	if held.Err() != nil || c.Exists(ctx, key).Val() != 1 {
		t.Fatal("lock not kept alive past its TTL")
	}
	// Simulate expiry and another instance taking it.
	c.Set(ctx, key, "someone-else", time.Minute)
	defer c.Del(ctx, key)
	select {
	case <-held.Done():
	case <-time.After(5 * time.Second):
		t.Fatal("held context still live after the lock was lost")
	}
	release()
	if v := c.Get(ctx, key).Val(); v != "someone-else" {
		t.Fatalf("release deleted another holder's lock (now %q)", v)
	}
}
