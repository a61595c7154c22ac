package ratelimit

import (
	"context"
	"strconv"
	"testing"
	"time"
)

func TestMemorySweepsRestedState(t *testing.T) {
	clock := newFakeClock()
	m := NewMemory(MemoryOptions{Clock: clock.Now, SweepInterval: time.Second})
	ctx := context.Background()
	plan := Plan{RequestsPerMinute: 60, TokensPerMinute: 6000, Concurrent: 1}

	var held *Reservation
	for i := 0; i < 1000; i++ {
		_, res, err := m.Admit(ctx, Request{Subject: "key_" + strconv.Itoa(i), Plan: plan, Tokens: 100})
		if err != nil {
			t.Fatal(err)
		}
		if i == 0 {
			held = res // keeps its slot: must survive sweeping
		} else {
			res.Release()
		}
		if _, err := m.Allow(ctx, "ip:"+strconv.Itoa(i), 60, 0); err != nil {
			t.Fatal(err)
		}
	}
	if got := m.Len(); got != 2000 {
		t.Fatalf("Len() = %d; want 2000", got)
	}
	// Not rested yet: the requests window needs 1s, the tokens window 1s.
	clock.Advance(900 * time.Millisecond)
	touchAll(t, m)
	if got := m.Len(); got != 2000 {
		t.Fatalf("Len() before rest = %d; want 2000", got)
	}
	clock.Advance(200 * time.Millisecond)
	touchAll(t, m)
	if got := m.Len(); got != 1 {
		t.Fatalf("Len() after rest = %d; want 1 (the subject holding a slot)", got)
	}
	held.Release()
	if d, res := mustAdmit(t, m, Request{Subject: "key_0", Plan: plan}); !d.Allowed {
		t.Fatalf("after Release: %+v", d)
	} else {
		res.Release()
	}
}

// touchAll gives every shard of m the chance to sweep that an access gives.
func touchAll(t *testing.T, m *Memory) {
	t.Helper()
	for _, tab := range []*table{&m.subjects, &m.allows} {
		for i := range tab {
			tab[i].mu.Lock()
			tab[i].maybeSweep(m.now(), m.sweep)
			tab[i].mu.Unlock()
		}
	}
}

func TestMemoryAllocations(t *testing.T) {
	m := NewMemory(MemoryOptions{})
	ctx := context.Background()
	plan := DefaultPlans()["enterprise"]
	tests := []struct {
		name string
		max  float64
		fn   func()
	}{
		{"Admit+Settle+Release", 1, func() {
			_, res, _ := m.Admit(ctx, Request{Subject: "key_a", Plan: plan, Tokens: 10})
			res.Settle(ctx, 5)
			res.Release()
		}},
		{"Admit refused", 0, func() {
			m.Admit(ctx, Request{Subject: "key_b", Plan: plan, Tokens: plan.TokensPerMinute + 1})
		}},
		{"Allow", 0, func() { m.Allow(ctx, "ip:192.0.2.1", 1_000_000, 0) }},
	}
	for _, tt := range tests {
		if got := testing.AllocsPerRun(1000, tt.fn); got > tt.max {
			t.Errorf("%s: %v allocations; want <= %v", tt.name, got, tt.max)
		}
	}
}

func TestPlanValidate(t *testing.T) {
	for name, p := range DefaultPlans() {
		if err := p.Validate(); err != nil {
			t.Errorf("DefaultPlans()[%q]: %v", name, err)
		}
		if p.Name != name {
			t.Errorf("DefaultPlans()[%q].Name = %q", name, p.Name)
		}
	}
	if err := (Plan{}).Validate(); err != nil {
		t.Errorf("unlimited plan: %v", err)
	}
	if err := (Plan{Name: "x", TokensPerMinute: -1}).Validate(); err == nil || err.Error() != `invalid rate limit plan: plan "x": tokens_per_minute = -1, want 0 (unlimited) to 1000000000` {
		t.Errorf("negative tokens: %v", err)
	}
}
