package ratelimit

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"os"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/redis/go-redis/v9"
	"github.com/vmira/mira/internal/testkit"
)

// newFakeClock returns a clock, for MemoryOptions.Clock, that moves only
// when told.
func newFakeClock() *testkit.Clock { return testkit.NewClock(time.Unix(1_700_000_000, 0)) }

// harness is one backend under the behavioural suite.
type harness struct {
	lim Limiter
	// sleep lets d pass: advances a fake clock, or really sleeps.
	sleep func(d time.Duration)
	// tol is how far durations may drift from the exact arithmetic while the
	// test itself runs: 0 on a fake clock.
	tol time.Duration
}

// durationsWithin compares durations up to tol, and windows up to what
// drains from a per-minute limit in tol, for real-clock backends.
func durationsWithin(tol time.Duration) cmp.Option {
	near := func(a, b time.Duration) bool {
		d := a - b
		return d <= tol && d >= -tol
	}
	return cmp.Options{
		cmp.Comparer(near),
		cmp.Comparer(func(a, b Window) bool {
			drained := int((tol*time.Duration(a.Limit) + time.Minute - 1) / time.Minute)
			r := a.Remaining - b.Remaining
			return a.Limit == b.Limit && r <= drained && r >= -drained && near(a.Reset, b.Reset)
		}),
	}
}

func memoryHarness(t *testing.T) *harness {
	clock := newFakeClock()
	return &harness{lim: NewMemory(MemoryOptions{Clock: clock.Now}), sleep: clock.Advance}
}

func redisHarness(t *testing.T) *harness {
	c := testRedisClient(t)
	r := NewRedis(c, RedisOptions{Prefix: testPrefix(t, c)})
	t.Cleanup(func() { r.Close() })
	return &harness{lim: r, sleep: time.Sleep, tol: 400 * time.Millisecond} // real clock, loaded CI machine
}

// testRedisURL returns MIRA_TEST_REDIS_URL or skips t.
func testRedisURL(t testing.TB) string {
	url := os.Getenv("MIRA_TEST_REDIS_URL")
	if url == "" {
		t.Skip("MIRA_TEST_REDIS_URL not set")
	}
	return url
}

// testRedisClient returns a client of the test Redis, closed after t.
func testRedisClient(t testing.TB) *redis.Client {
	c, err := NewRedisClient(testRedisURL(t))
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Second)
	defer cancel()
	if err := c.Ping(ctx).Err(); err != nil {
		t.Fatalf("MIRA_TEST_REDIS_URL: %v", err)
	}
	t.Cleanup(func() { c.Close() })
	return c
}

// testPrefix returns a key prefix of t's own, whose keys are deleted after t.
func testPrefix(t testing.TB, c *redis.Client) string {
	var b [6]byte
	_, _ = rand.Read(b[:])
	prefix := "mira-test:rl:" + hex.EncodeToString(b[:]) + ":"
	t.Cleanup(func() {
		ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
		defer cancel()
		iter := c.Scan(ctx, 0, prefix+"*", 1000).Iterator()
		var keys []string
		for iter.Next(ctx) {
			keys = append(keys, iter.Val())
		}
		if len(keys) > 0 {
			c.Del(ctx, keys...)
		}
	})
	return prefix
}

func newSubject() string {
	var b [6]byte
	_, _ = rand.Read(b[:])
	return "key_" + hex.EncodeToString(b[:])
}

// mustAdmit calls Admit and fails t on error.
func mustAdmit(t *testing.T, l Limiter, r Request) (Decision, *Reservation) {
	t.Helper()
	d, res, err := l.Admit(context.Background(), r)
	if err != nil {
		t.Fatalf("Admit(%+v): %v", r, err)
	}
	if d.Allowed != (res != nil) {
		t.Fatalf("Admit(%+v): Allowed = %v with reservation %v", r, d.Allowed, res)
	}
	return d, res
}
