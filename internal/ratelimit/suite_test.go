package ratelimit

import (
	"context"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
)

// The behavioural suite: every backend must pass it unchanged. Expected
// values are the exact GCRA arithmetic; on a real clock durations may be
// short by the time the test itself took (harness.tol).

func TestMemory(t *testing.T) { runSuite(t, memoryHarness) }

func TestRedis(t *testing.T) { runSuite(t, redisHarness) }

func runSuite(t *testing.T, newHarness func(*testing.T) *harness) {
	tests := []struct {
		name string
		fn   func(*testing.T, *harness)
	}{
		{"ExactlyNThenRefused", testExactlyN},
		{"RetryAfterIsExact", testRetryAfterExact},
		{"AllOrNothing", testAllOrNothing},
		{"LongestWaitNamesTheReason", testLongestWait},
		{"NeverFits", testNeverFits},
		{"Settle", testSettle},
		{"ConcurrencyCapUnderParallelLoad", testConcurrencyParallel},
		{"ReleaseIsIdempotent", testReleaseIdempotent},
		{"PlanChangeKeepsConsumption", testPlanChange},
		{"Allow", testAllow},
		{"InvalidPlan", testInvalidPlan},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			tt.fn(t, newHarness(t))
		})
	}
}

func testExactlyN(t *testing.T, h *harness) {
	tests := []struct {
		name   string
		plan   Plan
		tokens int
		n      int
		// window returns the window expected after i admissions.
		window    func(d *Decision) *Window
		perUnit   time.Duration // time one admission adds to Reset
		unit      int           // what one admission takes from Remaining
		limit     int
		reason    string
		wantRetry time.Duration
	}{
		{
			name: "requests per minute", plan: Plan{RequestsPerMinute: 30}, n: 30,
			window:  func(d *Decision) *Window { return &d.Requests },
			perUnit: 2 * time.Second, unit: 1, limit: 30, reason: ReasonRequests, wantRetry: 2 * time.Second,
		},
		{
			name: "tokens per minute", plan: Plan{TokensPerMinute: 3000}, tokens: 100, n: 30,
			window:  func(d *Decision) *Window { return &d.Tokens },
			perUnit: 2 * time.Second, unit: 100, limit: 3000, reason: ReasonTokens, wantRetry: 2 * time.Second,
		},
		{
			name: "requests per day", plan: Plan{RequestsPerDay: 30}, n: 30,
			window:  func(d *Decision) *Window { return &d.Day },
			perUnit: 48 * time.Minute, unit: 1, limit: 30, reason: ReasonRequestsPerDay, wantRetry: 48 * time.Minute,
		},
		{
			name: "uneven interval: 7 per minute", plan: Plan{RequestsPerMinute: 7}, n: 7,
			window:  func(d *Decision) *Window { return &d.Requests },
			perUnit: 60 * time.Second / 7, unit: 1, limit: 7, reason: ReasonRequests, wantRetry: 8572 * time.Millisecond,
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			req := Request{Subject: newSubject(), Plan: tt.plan, Tokens: tt.tokens}
			for i := 1; i <= tt.n; i++ {
				d, _ := mustAdmit(t, h.lim, req)
				var want Decision
				want.Allowed = true
				*tt.window(&want) = Window{Limit: tt.limit, Remaining: tt.limit - i*tt.unit, Reset: ceilMs(time.Duration(i) * tt.perUnit)}
				if diff := cmp.Diff(want, d, durationsWithin(h.tol)); diff != "" {
					t.Fatalf("admission %d (-want +got):\n%s", i, diff)
				}
			}
			d, _ := mustAdmit(t, h.lim, req)
			want := Decision{Reason: tt.reason, RetryAfter: tt.wantRetry}
			*tt.window(&want) = Window{Limit: tt.limit, Remaining: 0, Reset: ceilMs(time.Duration(tt.n) * tt.perUnit)}
			if diff := cmp.Diff(want, d, durationsWithin(h.tol)); diff != "" {
				t.Fatalf("admission %d (-want +got):\n%s", tt.n+1, diff)
			}
		})
	}
}

func testRetryAfterExact(t *testing.T, h *harness) {
	// 600/min: one admission every 100ms.
	req := Request{Subject: newSubject(), Plan: Plan{RequestsPerMinute: 600}}
	refusal := func() Decision {
		t.Helper()
		for i := 0; i <= 1000; i++ {
			if d, _ := mustAdmit(t, h.lim, req); !d.Allowed {
				if d.RetryAfter <= 0 || d.RetryAfter > 100*time.Millisecond {
					t.Fatalf("RetryAfter = %v; want (0, 100ms]", d.RetryAfter)
				}
				return d
			}
		}
		t.Fatal("never refused")
		return Decision{}
	}
	d := refusal()
	// At RetryAfter: admitted, and then the next one waits a whole interval.
	h.sleep(d.RetryAfter)
	if d, _ := mustAdmit(t, h.lim, req); !d.Allowed {
		t.Fatalf("refused at RetryAfter: %+v", d)
	}
	d = refusal()
	if diff := cmp.Diff(100*time.Millisecond, d.RetryAfter, durationsWithin(h.tol/4)); diff != "" {
		t.Fatalf("RetryAfter right after an admission (-want +got):\n%s", diff)
	}
	// Clearly before: refused, told the rest of the wait.
	early := d.RetryAfter / 2
	if h.tol == 0 {
		early = d.RetryAfter - time.Millisecond
	}
	h.sleep(early)
	d2, _ := mustAdmit(t, h.lim, req)
	if d2.Allowed {
		t.Fatalf("admitted %v after a RetryAfter of %v", early, d.RetryAfter)
	}
	if rest := d.RetryAfter - early; d2.RetryAfter > rest || d2.RetryAfter <= 0 {
		t.Fatalf("RetryAfter %v later = %v; want (0, %v]", early, d2.RetryAfter, rest)
	}
	h.sleep(d2.RetryAfter)
	if d3, _ := mustAdmit(t, h.lim, req); !d3.Allowed {
		t.Fatalf("refused at the second RetryAfter: %+v", d3)
	}
}

func testAllOrNothing(t *testing.T, h *harness) {
	plan := Plan{RequestsPerMinute: 10, TokensPerMinute: 1000, RequestsPerDay: 100, Concurrent: 1}
	subject := newSubject()
	steps := []struct {
		tokens         int
		allowed        bool
		reason         string
		wantRequests   int // Remaining after the step
		wantTokens     int
		wantDay        int
		wantConcurrent int
		release        bool
	}{
		{tokens: 600, allowed: true, wantRequests: 9, wantTokens: 400, wantDay: 99, wantConcurrent: 0, release: true},
		{tokens: 600, allowed: false, reason: ReasonTokens, wantRequests: 9, wantTokens: 400, wantDay: 99, wantConcurrent: 1},
		{tokens: 400, allowed: true, wantRequests: 8, wantTokens: 0, wantDay: 98, wantConcurrent: 0},
		// The slot is held: refused for concurrency, consuming nothing.
		{tokens: 0, allowed: false, reason: ReasonConcurrency, wantRequests: 8, wantTokens: 0, wantDay: 98, wantConcurrent: 0},
	}
	// On a real clock the per-minute windows refill while the test runs (a
	// token every 60 ms here): a remaining count may be higher by what
	// drains back in h.tol, never lower.
	refilled := func(got, want, limit int, per time.Duration) int {
		if d := int((h.tol*time.Duration(limit) + per - 1) / per); got > want && got <= want+d {
			return want
		}
		return got
	}
	for i, s := range steps {
		d, res := mustAdmit(t, h.lim, Request{Subject: subject, Plan: plan, Tokens: s.tokens})
		got := []any{d.Allowed, d.Reason,
			refilled(d.Requests.Remaining, s.wantRequests, plan.RequestsPerMinute, time.Minute),
			refilled(d.Tokens.Remaining, s.wantTokens, plan.TokensPerMinute, time.Minute),
			refilled(d.Day.Remaining, s.wantDay, plan.RequestsPerDay, 24*time.Hour),
			d.Concurrent.Remaining}
		want := []any{s.allowed, s.reason, s.wantRequests, s.wantTokens, s.wantDay, s.wantConcurrent}
		if diff := cmp.Diff(want, got); diff != "" {
			t.Fatalf("step %d: allowed, reason, remaining requests, tokens, day, concurrent (-want +got):\n%s", i, diff)
		}
		if s.release {
			res.Release()
		}
	}
}

func testLongestWait(t *testing.T, h *harness) {
	// Both limits are spent; the day's wait is the longer one.
	req := Request{Subject: newSubject(), Plan: Plan{RequestsPerMinute: 2, RequestsPerDay: 2}}
	mustAdmit(t, h.lim, req)
	mustAdmit(t, h.lim, req)
	d, _ := mustAdmit(t, h.lim, req)
	want := Decision{
		Requests:   Window{Limit: 2, Remaining: 0, Reset: time.Minute},
		Day:        Window{Limit: 2, Remaining: 0, Reset: 24 * time.Hour},
		RetryAfter: 12 * time.Hour,
		Reason:     ReasonRequestsPerDay,
	}
	if diff := cmp.Diff(want, d, durationsWithin(h.tol)); diff != "" {
		t.Fatalf("(-want +got):\n%s", diff)
	}
}

func testNeverFits(t *testing.T, h *harness) {
	plan := Plan{RequestsPerMinute: 10, TokensPerMinute: 1000}
	req := Request{Subject: newSubject(), Plan: plan, Tokens: 1001}
	d, _ := mustAdmit(t, h.lim, req)
	want := Decision{
		Requests:  Window{Limit: 10, Remaining: 10},
		Tokens:    Window{Limit: 1000, Remaining: 1000},
		NeverFits: true,
		Reason:    ReasonTokens,
	}
	if diff := cmp.Diff(want, d, durationsWithin(h.tol)); diff != "" {
		t.Fatalf("(-want +got):\n%s", diff)
	}
	// Exactly the burst fits.
	req.Tokens = 1000
	if d, _ := mustAdmit(t, h.lim, req); !d.Allowed {
		t.Fatalf("Tokens = burst refused: %+v", d)
	}
}

func testSettle(t *testing.T, h *harness) {
	ctx := context.Background()
	plan := Plan{RequestsPerMinute: 100, TokensPerMinute: 1000}
	subject := newSubject()
	remaining := func() Window {
		t.Helper()
		// A zero-token admission reads the tokens window without spending any.
		d, _ := mustAdmit(t, h.lim, Request{Subject: subject, Plan: plan})
		return d.Tokens
	}

	d, res := mustAdmit(t, h.lim, Request{Subject: subject, Plan: plan, Tokens: 600})
	if d.Tokens.Remaining != 400 {
		t.Fatalf("after reserving 600: Remaining = %d; want 400", d.Tokens.Remaining)
	}
	// Used fewer: 500 come back.
	if err := res.Settle(ctx, 100); err != nil {
		t.Fatal(err)
	}
	if got := remaining().Remaining; got != 900 {
		t.Fatalf("after settling 100 of 600: Remaining = %d; want 900", got)
	}
	// Only the first settlement counts.
	if err := res.Settle(ctx, 0); err != nil {
		t.Fatal(err)
	}
	if got := remaining().Remaining; got != 900 {
		t.Fatalf("after a second Settle: Remaining = %d; want 900", got)
	}

	// Used more: charged, beyond the limit.
	_, res = mustAdmit(t, h.lim, Request{Subject: subject, Plan: plan, Tokens: 500})
	if err := res.Settle(ctx, 1500); err != nil {
		t.Fatal(err)
	}
	// Debt is now 100 + 1500 = 1600 tokens for a burst of 1000.
	w := remaining()
	if diff := cmp.Diff(Window{Limit: 1000, Remaining: 0, Reset: 96 * time.Second}, w, durationsWithin(h.tol)); diff != "" {
		t.Fatalf("after settling 1500 of 500 (-want +got):\n%s", diff)
	}
	d, _ = mustAdmit(t, h.lim, Request{Subject: subject, Plan: plan, Tokens: 1})
	if d.Allowed || d.Reason != ReasonTokens {
		t.Fatalf("over the limit after settlement: %+v; want refused for tokens", d)
	}
	// 601 tokens over the burst drain at 1000/min.
	if diff := cmp.Diff(36060*time.Millisecond, d.RetryAfter, durationsWithin(h.tol)); diff != "" {
		t.Fatalf("RetryAfter (-want +got):\n%s", diff)
	}

	// A refund never leaves credit beyond a rested window.
	_, res = mustAdmit(t, h.lim, Request{Subject: newSubject(), Plan: plan, Tokens: 10})
	if err := res.Settle(ctx, 0); err != nil {
		t.Fatal(err)
	}
	var nilRes *Reservation
	if err := nilRes.Settle(ctx, 10); err != nil {
		t.Fatalf("Settle on nil: %v", err)
	}
	nilRes.Release()
}

func testConcurrencyParallel(t *testing.T, h *harness) {
	const limit = 3
	plan := Plan{RequestsPerMinute: 1_000_000, Concurrent: limit}
	subject := newSubject()
	var (
		inFlight, peak, admitted, refused atomic.Int64
		wg                                sync.WaitGroup
	)
	for g := 0; g < 16; g++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := 0; i < 40; i++ {
				d, res, err := h.lim.Admit(context.Background(), Request{Subject: subject, Plan: plan})
				if err != nil {
					t.Error(err)
					return
				}
				if !d.Allowed {
					if d.Reason != ReasonConcurrency || d.RetryAfter != ConcurrencyRetry {
						t.Errorf("refusal %+v; want concurrency, RetryAfter %v", d, ConcurrencyRetry)
					}
					refused.Add(1)
					continue
				}
				admitted.Add(1)
				n := inFlight.Add(1)
				for p := peak.Load(); n > p && !peak.CompareAndSwap(p, n); p = peak.Load() {
				}
				time.Sleep(100 * time.Microsecond)
				inFlight.Add(-1)
				res.Release()
			}
		}()
	}
	wg.Wait()
	if p := peak.Load(); p > limit {
		t.Errorf("peak in flight = %d; want <= %d", p, limit)
	}
	if admitted.Load() == 0 || refused.Load() == 0 {
		t.Errorf("admitted %d, refused %d; want both > 0", admitted.Load(), refused.Load())
	}
	// Every slot came back.
	for i := 0; i < limit; i++ {
		d, res := mustAdmit(t, h.lim, Request{Subject: subject, Plan: plan})
		if !d.Allowed {
			t.Fatalf("slot %d after the load: %+v", i, d)
		}
		defer res.Release()
	}
}

func testReleaseIdempotent(t *testing.T, h *harness) {
	plan := Plan{Concurrent: 2}
	subject := newSubject()
	_, a := mustAdmit(t, h.lim, Request{Subject: subject, Plan: plan})
	_, b := mustAdmit(t, h.lim, Request{Subject: subject, Plan: plan})
	defer b.Release()
	a.Release()
	a.Release() // must not free b's slot too
	_, c := mustAdmit(t, h.lim, Request{Subject: subject, Plan: plan})
	defer c.Release()
	if d, _ := mustAdmit(t, h.lim, Request{Subject: subject, Plan: plan}); d.Allowed {
		t.Fatalf("third slot of 2 admitted after a double Release: %+v", d)
	}
}

func testPlanChange(t *testing.T, h *harness) {
	subject := newSubject()
	free := Plan{Name: "free", RequestsPerMinute: 10, TokensPerMinute: 1000}
	pro := Plan{Name: "pro", RequestsPerMinute: 20, TokensPerMinute: 5000}
	for i := 0; i < 10; i++ {
		mustAdmit(t, h.lim, Request{Subject: subject, Plan: free, Tokens: 100})
	}
	if d, _ := mustAdmit(t, h.lim, Request{Subject: subject, Plan: free}); d.Allowed {
		t.Fatalf("11th of 10 admitted: %+v", d)
	}
	// Upgraded: what was used stays used, the new limits apply at once.
	d, _ := mustAdmit(t, h.lim, Request{Subject: subject, Plan: pro, Tokens: 100})
	want := Decision{
		Allowed:  true,
		Requests: Window{Limit: 20, Remaining: 9, Reset: 33 * time.Second},
		Tokens:   Window{Limit: 5000, Remaining: 3900, Reset: 13200 * time.Millisecond},
	}
	if diff := cmp.Diff(want, d, durationsWithin(h.tol)); diff != "" {
		t.Fatalf("after upgrading (-want +got):\n%s", diff)
	}
}

func testAllow(t *testing.T, h *harness) {
	ctx := context.Background()
	key := "ip:" + newSubject()
	for i := 1; i <= 5; i++ {
		d, err := h.lim.Allow(ctx, key, 60, 5)
		if err != nil {
			t.Fatal(err)
		}
		want := Decision{Allowed: true, Requests: Window{Limit: 5, Remaining: 5 - i, Reset: time.Duration(i) * time.Second}}
		if diff := cmp.Diff(want, d, durationsWithin(h.tol)); diff != "" {
			t.Fatalf("attempt %d (-want +got):\n%s", i, diff)
		}
	}
	d, err := h.lim.Allow(ctx, key, 60, 5)
	if err != nil {
		t.Fatal(err)
	}
	want := Decision{Requests: Window{Limit: 5, Reset: 5 * time.Second}, RetryAfter: time.Second, Reason: ReasonRequests}
	if diff := cmp.Diff(want, d, durationsWithin(h.tol)); diff != "" {
		t.Fatalf("attempt 6 (-want +got):\n%s", diff)
	}
	// Allow keys and subjects are separate spaces.
	if d, _ := mustAdmit(t, h.lim, Request{Subject: key, Plan: Plan{RequestsPerMinute: 1}}); !d.Allowed {
		t.Fatalf("subject named like an Allow key refused: %+v", d)
	}
}

func testInvalidPlan(t *testing.T, h *harness) {
	for _, p := range []Plan{
		{RequestsPerMinute: -1},
		{TokensPerMinute: maxLimit + 1},
		{RequestsPerDay: maxDailyLimit + 1},
		{Concurrent: -3},
	} {
		_, res, err := h.lim.Admit(context.Background(), Request{Subject: newSubject(), Plan: p})
		if err == nil || res != nil {
			t.Errorf("Admit with plan %+v = %v, %v; want an error", p, res, err)
		}
	}
	if _, _, err := h.lim.Admit(context.Background(), Request{Plan: Plan{RequestsPerMinute: 1}}); err == nil {
		t.Error("Admit with no subject: no error")
	}
	if _, err := h.lim.Allow(context.Background(), "", 60, 0); err == nil {
		t.Error("Allow with no key: no error")
	}
	for _, rb := range [][2]int{{0, 5}, {-1, 0}, {60, maxLimit + 1}} {
		if _, err := h.lim.Allow(context.Background(), "k", rb[0], rb[1]); err == nil {
			t.Errorf("Allow(rate %d, burst %d): no error", rb[0], rb[1])
		}
	}
}
