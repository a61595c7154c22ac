package ratelimit

import (
	"context"
	"math/rand/v2"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/redis/go-redis/v9"
)

// TestRedisMatchesMemory drives both backends through the same random
// history, Redis on an overridden clock, and requires identical decisions:
// the Lua script and gcra.go are one algorithm.
func TestRedisMatchesMemory(t *testing.T) {
	c := testRedisClient(t)
	clock := newFakeClock()
	mem := NewMemory(MemoryOptions{Clock: clock.Now})
	red := NewRedis(c, RedisOptions{Prefix: testPrefix(t, c), LeaseTTL: 10_000 * time.Hour})
	t.Cleanup(func() { red.Close() })
	epoch := int64(1_750_000_000_000) // a realistic Redis TIME in ms
	red.nowMs = func() int64 { return epoch + mem.now() }

	rng := rand.New(rand.NewPCG(1, 2))
	pick := func(vs ...int) int { return vs[rng.IntN(len(vs))] }
	randomPlan := func() Plan {
		return Plan{
			RequestsPerMinute: pick(0, 1, 7, 60, 600),
			TokensPerMinute:   pick(0, 1000, 3001, 1_000_000_000),
			RequestsPerDay:    pick(0, 3, 1000, 100_000_000),
			Concurrent:        pick(0, 1, 3),
		}
	}
	subjects := make([]string, 4)
	plans := make([]Plan, len(subjects))
	for i := range subjects {
		subjects[i], plans[i] = newSubject(), randomPlan()
	}
	type pair struct{ m, r *Reservation }
	var held []pair
	ctx := context.Background()

	for step := 0; step < 3000; step++ {
		switch op := rng.IntN(100); {
		case op < 50: // admit
			i := rng.IntN(len(subjects))
			req := Request{Subject: subjects[i], Plan: plans[i], Tokens: pick(0, 1, 17, 400, 1000, 3001, 5000)}
			dm, rm, err := mem.Admit(ctx, req)
			if err != nil {
				t.Fatal(err)
			}
			dr, rr, err := red.Admit(ctx, req)
			if err != nil {
				t.Fatal(err)
			}
			if diff := cmp.Diff(dm, dr); diff != "" {
				t.Fatalf("step %d: Admit(%+v) (-memory +redis):\n%s", step, req, diff)
			}
			if rm != nil {
				held = append(held, pair{rm, rr})
			}
		case op < 60 && len(held) > 0: // settle
			p := held[rng.IntN(len(held))]
			actual := pick(0, 5, 399, 2000, 10_000)
			if err := p.m.Settle(ctx, actual); err != nil {
				t.Fatal(err)
			}
			if err := p.r.Settle(ctx, actual); err != nil {
				t.Fatal(err)
			}
		case op < 75 && len(held) > 0: // release
			k := rng.IntN(len(held))
			held[k].m.Release()
			held[k].r.Release()
			held = append(held[:k], held[k+1:]...)
		case op < 80: // plan change, keeping the rates: when a rate is lowered,
			// a backend may already have forgotten state that had rested under
			// the old rate (Redis by expiry, memory by sweeping) and they differ.
			i := rng.IntN(len(plans))
			plans[i].Concurrent = pick(0, 1, 3)
		case op < 85: // per-IP limit
			// Each key keeps its rate (see plan changes above).
			k := rng.IntN(3)
			key, rate, burst := subjects[k], []int{1, 60, 7}[k], []int{0, 1, 5}[k]
			dm, err := mem.Allow(ctx, key, rate, burst)
			if err != nil {
				t.Fatal(err)
			}
			dr, err := red.Allow(ctx, key, rate, burst)
			if err != nil {
				t.Fatal(err)
			}
			if diff := cmp.Diff(dm, dr); diff != "" {
				t.Fatalf("step %d: Allow(%s, %d, %d) (-memory +redis):\n%s", step, key, rate, burst, diff)
			}
		default: // time passes
			clock.Advance(time.Duration(pick(0, 1, 7, 999, 8571, 30_000, 3_600_000)) * time.Millisecond)
		}
	}
}

// TestRedisTwoInstances: two clients (two instances) hammering one subject
// admit exactly the limit in total, and never exceed the concurrency cap.
func TestRedisTwoInstances(t *testing.T) {
	url := testRedisURL(t)
	prefix := testPrefix(t, testRedisClient(t))
	var instances [2]*Redis
	for i := range instances {
		c, err := NewRedisClient(url)
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { c.Close() })
		instances[i] = NewRedis(c, RedisOptions{Prefix: prefix})
		t.Cleanup(func() { instances[i].Close() })
	}

	tests := []struct {
		name         string
		plan         Plan
		tokens       int
		hold         time.Duration
		wantAdmitted int64 // -1: not checked
		wantPeak     int64 // 0: not checked
	}{
		// 20/min: the next admission is 3s away, far beyond the test's run.
		{name: "requests", plan: Plan{RequestsPerMinute: 20}, wantAdmitted: 20},
		{name: "tokens", plan: Plan{TokensPerMinute: 2000}, tokens: 100, wantAdmitted: 20},
		{name: "requests per day", plan: Plan{RequestsPerDay: 20, RequestsPerMinute: 1000}, wantAdmitted: 20},
		{name: "concurrency", plan: Plan{Concurrent: 4}, hold: time.Millisecond, wantAdmitted: -1, wantPeak: 4},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			subject := newSubject()
			var admitted, inFlight, peak, errs atomic.Int64
			var wg sync.WaitGroup
			start := time.Now()
			for g := 0; g < 16; g++ {
				wg.Add(1)
				go func() {
					defer wg.Done()
					lim := instances[g%2]
					for i := 0; i < 25; i++ {
						d, res, err := lim.Admit(context.Background(), Request{Subject: subject, Plan: tt.plan, Tokens: tt.tokens})
						if err != nil {
							errs.Add(1)
							continue
						}
						if !d.Allowed {
							continue
						}
						admitted.Add(1)
						n := inFlight.Add(1)
						for p := peak.Load(); n > p && !peak.CompareAndSwap(p, n); p = peak.Load() {
						}
						time.Sleep(tt.hold)
						inFlight.Add(-1)
						res.Release()
					}
				}()
			}
			wg.Wait()
			if el := time.Since(start); el > 2*time.Second {
				t.Fatalf("load took %v: too slow for the 3s interval", el)
			}
			if errs.Load() > 0 {
				t.Fatalf("%d errors", errs.Load())
			}
			if tt.wantAdmitted >= 0 && admitted.Load() != tt.wantAdmitted {
				t.Errorf("admitted %d of 400; want exactly %d", admitted.Load(), tt.wantAdmitted)
			}
			if tt.wantPeak > 0 && peak.Load() > tt.wantPeak {
				t.Errorf("peak in flight %d; want <= %d", peak.Load(), tt.wantPeak)
			}
		})
	}
}

// TestRedisLeases: a crashed instance's slots come back after LeaseTTL; a
// live instance keeps its slots past LeaseTTL by renewing them.
func TestRedisLeases(t *testing.T) {
	c := testRedisClient(t)
	prefix := testPrefix(t, c)
	const ttl = 300 * time.Millisecond
	plan := Plan{Concurrent: 1}
	other := NewRedis(c, RedisOptions{Prefix: prefix, LeaseTTL: ttl})
	t.Cleanup(func() { other.Close() })

	t.Run("crashed instance", func(t *testing.T) {
		subject := newSubject()
		crashed := NewRedis(c, RedisOptions{Prefix: prefix, LeaseTTL: ttl})
		if d, _ := mustAdmit(t, crashed, Request{Subject: subject, Plan: plan}); !d.Allowed {
			t.Fatalf("first slot refused: %+v", d)
		}
		crashed.Close() // stops renewing, releases nothing: like a crash
		start := time.Now()
		if d, _ := mustAdmit(t, other, Request{Subject: subject, Plan: plan}); d.Allowed {
			t.Fatal("slot of a just-crashed instance given away")
		}
		for {
			d, res := mustAdmit(t, other, Request{Subject: subject, Plan: plan})
			if d.Allowed {
				res.Release()
				break
			}
			if time.Since(start) > 3*ttl {
				t.Fatalf("slot not back %v after the crash (lease TTL %v)", time.Since(start), ttl)
			}
			time.Sleep(10 * time.Millisecond)
		}
		if el := time.Since(start); el < ttl/2 {
			t.Errorf("slot back after %v; want about the lease TTL %v", el, ttl)
		}
	})

	t.Run("live instance renews", func(t *testing.T) {
		subject := newSubject()
		live := NewRedis(c, RedisOptions{Prefix: prefix, LeaseTTL: ttl})
		t.Cleanup(func() { live.Close() })
		_, res := mustAdmit(t, live, Request{Subject: subject, Plan: plan})
		time.Sleep(4 * ttl)
		if d, _ := mustAdmit(t, other, Request{Subject: subject, Plan: plan}); d.Allowed {
			t.Fatal("held slot given away after 4 lease TTLs")
		}
		res.Release()
		d, res2 := mustAdmit(t, other, Request{Subject: subject, Plan: plan})
		if !d.Allowed {
			t.Fatalf("slot not back after Release: %+v", d)
		}
		res2.Release()
	})
}

// countHook counts the round trips a client makes.
type countHook struct{ n atomic.Int64 }

func (h *countHook) DialHook(next redis.DialHook) redis.DialHook { return next }

func (h *countHook) ProcessHook(next redis.ProcessHook) redis.ProcessHook {
	return func(ctx context.Context, cmd redis.Cmder) error {
		h.n.Add(1)
		return next(ctx, cmd)
	}
}

func (h *countHook) ProcessPipelineHook(next redis.ProcessPipelineHook) redis.ProcessPipelineHook {
	return func(ctx context.Context, cmds []redis.Cmder) error {
		h.n.Add(1)
		return next(ctx, cmds)
	}
}

func TestRedisOneRoundTripPerAdmission(t *testing.T) {
	c := testRedisClient(t)
	r := NewRedis(c, RedisOptions{Prefix: testPrefix(t, c)})
	t.Cleanup(func() { r.Close() })
	hook := &countHook{}
	c.AddHook(hook)
	ctx := context.Background()
	plan := DefaultPlans()["enterprise"]
	mustAdmit(t, r, Request{Subject: newSubject(), Plan: plan}) // loads the script

	tests := []struct {
		name string
		fn   func()
		want int64
	}{
		{"Admit", func() { mustAdmit(t, r, Request{Subject: newSubject(), Plan: plan, Tokens: 10}) }, 1},
		{"Admit+Settle+Release", func() {
			_, res := mustAdmit(t, r, Request{Subject: newSubject(), Plan: plan, Tokens: 10})
			res.Settle(ctx, 20)
			res.Release()
		}, 3},
		{"Allow", func() { r.Allow(ctx, "ip:"+newSubject(), 10, 0) }, 1},
	}
	for _, tt := range tests {
		before := hook.n.Load()
		for i := 0; i < 10; i++ {
			tt.fn()
		}
		if got := (hook.n.Load() - before) / 10; got != tt.want {
			t.Errorf("%s: %d round trips; want %d", tt.name, got, tt.want)
		}
	}
}

func TestNewRedisClientKeepsPasswordOutOfErrors(t *testing.T) {
	for _, url := range []string{"redis://user:s3cret@127.0.0.1:notaport/0", "http://user:s3cret@x", "redis://user:s3cret@%zz"} {
		_, err := NewRedisClient(url)
		if err == nil {
			t.Errorf("NewRedisClient(%q): no error", url)
			continue
		}
		if strings.Contains(err.Error(), "s3cret") {
			t.Errorf("NewRedisClient error shows the password: %v", err)
		}
	}
}
