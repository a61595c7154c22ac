package provider

import (
	"strings"
	"testing"
	"time"

	"github.com/vmira/mira/internal/testkit"
)

// TestRoutesShareBackendHealth: two routes sending to the same backend
// model share its breaker: failures learned through one route take it out
// of the other's rotation (and /readyz's view of both), and its recovery,
// probed through either, puts it back in both. The same provider with
// another model is another backend model, with its own breaker.
func TestRoutesShareBackendHealth(t *testing.T) {
	clock := testkit.NewClock(time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC))
	shared, good1, good2 := newBackend(t, "shared", nil), newBackend(t, "good1", nil), newBackend(t, "good2", nil)
	shared.status.Store(500)
	cfg := func(model string, targets ...Target) RouteConfig {
		return RouteConfig{Model: model, Targets: targets, Failures: 2, Cooldown: 10 * time.Second, Now: clock.Now}
	}
	rs, err := NewRoutes(
		cfg("one", Target{shared, "m", 100, 4}, Target{good1, "m", 1, 0}),
		cfg("two", Target{shared, "m", 100, 4}, Target{good2, "m", 1, 0}),
		cfg("three", Target{shared, "other", 100, 0}, Target{good2, "m", 1, 0}),
	)
	if err != nil {
		t.Fatal(err)
	}
	one, two, three := rs[0], rs[1], rs[2]
	for range 2 { // through route one only
		if answer, err := ask(t, one, false); err != nil || !strings.Contains(answer, "hi from good1") {
			t.Fatalf("route one: %q, %v; want good1's answer", answer, err)
		}
	}
	if one.Status()[0].State != "open" || two.Status()[0].State != "open" {
		t.Fatalf("after 2 failures through route one: %s and %s; want open in both routes", one.Status()[0].State, two.Status()[0].State)
	}
	if three.Status()[0].State != "closed" {
		t.Errorf("another model of the same provider: %s; want its own breaker, closed", three.Status()[0].State)
	}
	before := shared.calls.Load()
	for range 3 {
		if answer, err := ask(t, two, true); err != nil || !strings.Contains(answer, "hi from good2") {
			t.Fatalf("route two: %q, %v; want good2's answer", answer, err)
		}
	}
	if n := shared.calls.Load() - before; n != 0 {
		t.Errorf("route two called the open backend %d times; want 0", n)
	}
	shared.status.Store(0)
	clock.Advance(10 * time.Second)
	if answer, err := ask(t, two, false); err != nil || !strings.Contains(answer, "hi from shared") {
		t.Fatalf("the probe through route two: %q, %v; want shared's answer", answer, err)
	}
	if one.Status()[0].State != "closed" {
		t.Errorf("after a good probe through route two, route one sees %s; want closed", one.Status()[0].State)
	}
}

// TestRoutesSharedSettings: routes sharing a backend model must give it
// the same cap and breaker: it has one of each. A target listed twice in
// one route is refused too.
func TestRoutesSharedSettings(t *testing.T) {
	p := newBackend(t, "vllm", nil)
	for _, tt := range []struct {
		name string
		a, b RouteConfig
		want string
	}{
		{"caps", RouteConfig{Model: "one", Targets: []Target{{p, "m", 1, 4}}}, RouteConfig{Model: "two", Targets: []Target{{p, "m", 1, 8}}},
			`route "two": target 0: provider "vllm" with model "m" is also a target of route "one" with another max_concurrent or breaker`},
		{"breakers", RouteConfig{Model: "one", Targets: []Target{{p, "m", 1, 0}}}, RouteConfig{Model: "two", Failures: 3, Targets: []Target{{p, "m", 1, 0}}},
			`is also a target of route "one"`},
		{"twice", RouteConfig{Model: "one", Targets: []Target{{p, "m", 1, 0}, {p, "m", 2, 0}}}, RouteConfig{Model: "two", Targets: []Target{{p, "n", 1, 0}}},
			`route "one": target 1: provider "vllm" with model "m" is listed twice`},
	} {
		if _, err := NewRoutes(tt.a, tt.b); err == nil || !strings.Contains(err.Error(), tt.want) {
			t.Errorf("%s: %v; want %q", tt.name, err, tt.want)
		}
	}
	if _, err := NewRoutes(RouteConfig{Model: "one", Targets: []Target{{p, "m", 1, 4}}}, RouteConfig{Model: "two", Targets: []Target{{p, "m", 5, 4}}}); err != nil {
		t.Errorf("the same settings, other weights: %v", err)
	}
	if _, err := NewRoute(RouteConfig{Model: "x", Timeout: -time.Second, Targets: []Target{{p, "m", 1, 0}}}); err == nil {
		t.Error("a negative timeout was accepted")
	}
}
