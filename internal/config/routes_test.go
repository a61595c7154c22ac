package config

import (
	"strings"
	"testing"
	"time"
)

const routeProviders = `
providers:
  - {name: a, type: openai, base_url: "http://127.0.0.1:8001/v1"}
  - {name: b, type: openai, base_url: "http://127.0.0.1:8002/v1", models: [direct]}
`

func TestRoutesLoad(t *testing.T) {
	c, err := Load(write(t, routeProviders+`
routes:
  - model: chat
    aliases: [default, gpt-4o-mini]
    targets:
      - {provider: a, model: "/mnt/models/llama", weight: 3, max_concurrent: 8}
      - {provider: b}
    breaker: {failures: 2, cooldown: 10s}
    timeout: 90s
  - model: other
    targets:
      - {provider: a, model: "/mnt/models/llama", weight: 1, max_concurrent: 8}
    breaker: {failures: 2, cooldown: 10s}
`), env(nil))
	if err != nil {
		t.Fatal(err)
	}
	if err := c.Validate(); err != nil {
		t.Fatalf("Validate: %v", err)
	}
	r := c.Routes[0]
	if r.Model != "chat" || len(r.Aliases) != 2 || r.BreakerFailures() != 2 || r.BreakerCooldown() != 10*time.Second || r.Timeout.D() != 90*time.Second {
		t.Errorf("route = %+v", r)
	}
	a, b := r.Targets[0], r.Targets[1]
	if a.BackendModel("chat") != "/mnt/models/llama" || a.TargetWeight() != 3 || a.MaxConcurrent != 8 {
		t.Errorf("target a = %+v", a)
	}
	if b.BackendModel("chat") != "chat" || b.TargetWeight() != 1 || b.MaxConcurrent != 0 {
		t.Errorf("target b = %+v; want the route's model and weight 1 by default", b)
	}
	if c.Routes[1].Timeout != 0 {
		t.Errorf("timeout %v; want 0 (the providers' request_timeout) by default", c.Routes[1].Timeout)
	}
	if (Route{}).BreakerFailures() != DefaultBreakerFailures || (Route{}).BreakerCooldown() != DefaultBreakerCooldown {
		t.Error("breaker defaults wrong")
	}
}

func TestRoutesErrors(t *testing.T) {
	tests := []struct {
		name, yaml string
		want       []string // each must appear in the error
	}{
		{"unknown provider", `routes: [{model: chat, targets: [{provider: nope}]}]`,
			[]string{`routes[0].targets[0].provider: "nope" is not a configured provider`}},
		{"no provider", `routes: [{model: chat, targets: [{model: x}]}]`, []string{"routes[0].targets[0].provider: is required"}},
		{"zero weight", `routes: [{model: chat, targets: [{provider: a, weight: 0}]}]`,
			[]string{"routes[0].targets[0].weight: must be at least 1 (got 0)"}},
		{"negative weight", `routes: [{model: chat, targets: [{provider: a, weight: -2}]}]`,
			[]string{"routes[0].targets[0].weight: must be at least 1 (got -2)"}},
		{"huge weight", `routes: [{model: chat, targets: [{provider: a, weight: 2000000000}]}]`,
			[]string{"routes[0].targets[0].weight: must be at most"}},
		{"no targets", `routes: [{model: chat}]`, []string{"routes[0].targets: list at least one target"}},
		{"empty model", `routes: [{targets: [{provider: a}]}]`, []string{"routes[0].model: must not be empty"}},
		{"empty alias", `routes: [{model: chat, aliases: [""], targets: [{provider: a}]}]`, []string{"routes[0].aliases[0]: must not be empty"}},
		{"clash with a provider's model", `routes: [{model: direct, targets: [{provider: a}]}]`,
			[]string{`routes[0].model: model name "direct" is already used by provider "b"`}},
		{"alias clashes with a provider's model", `routes: [{model: chat, aliases: [direct], targets: [{provider: a}]}]`,
			[]string{`routes[0].aliases[0]: model name "direct" is already used by provider "b"`}},
		{"two routes, one name", `routes: [{model: chat, targets: [{provider: a}]}, {model: chat, targets: [{provider: b}]}]`,
			[]string{`routes[1].model: model name "chat" is already used by route "chat"`}},
		{"alias of another route", `routes: [{model: chat, targets: [{provider: a}]}, {model: c2, aliases: [chat], targets: [{provider: b}]}]`,
			[]string{`routes[1].aliases[0]: model name "chat" is already used by route "chat"`}},
		{"alias equals its route", `routes: [{model: chat, aliases: [chat], targets: [{provider: a}]}]`,
			[]string{`routes[0].aliases[0]: model name "chat" is already used by route "chat"`}},
		{"same target twice", `routes: [{model: chat, targets: [{provider: a, model: m}, {provider: a, model: m}]}]`,
			[]string{`routes[0].targets[1]: provider "a" with model "m" is listed twice`}},
		{"negative cap", `routes: [{model: chat, targets: [{provider: a, max_concurrent: -1}]}]`,
			[]string{"routes[0].targets[0].max_concurrent: must not be negative"}},
		{"bad breaker", `routes: [{model: chat, targets: [{provider: a}], breaker: {failures: -1, cooldown: -5s}}]`,
			[]string{"routes[0].breaker.failures: must be positive", "routes[0].breaker.cooldown: must be positive"}},
		{"mira-echo while echo is on", "echo: true\nroutes: [{model: mira-echo, targets: [{provider: a}]}]",
			[]string{`routes[0].model: model name "mira-echo" is already used by the built-in model`}},
		{"fractional weight", `routes: [{model: chat, targets: [{provider: a, weight: 1.5}]}]`, []string{`routes[0].targets[0].weight: 1.5 is not a whole number`}},
		{"half weight", `routes: [{model: chat, targets: [{provider: a, weight: 0.5}]}]`, []string{`routes[0].targets[0].weight: 0.5 is not a whole number`}},
		{"weight as text", `routes: [{model: chat, targets: [{provider: a, weight: heavy}]}]`, []string{"cannot unmarshal !!str `heavy` into int"}},
		{"fractional cap", `routes: [{model: chat, targets: [{provider: a, max_concurrent: 2.5}]}]`, []string{`routes[0].targets[0].max_concurrent: 2.5 is not a whole number`}},
		{"fractional breaker", `routes: [{model: chat, targets: [{provider: a}], breaker: {failures: 1.5}}]`, []string{`routes[0].breaker.failures: 1.5 is not a whole number`}},
		{"weight as a list", `routes: [{model: chat, targets: [{provider: a, weight: [1]}]}]`, []string{"cannot unmarshal !!seq into int"}},
		{"duplicate alias", `routes: [{model: chat, aliases: [fast, fast], targets: [{provider: a}]}]`,
			[]string{`routes[0].aliases[1]: model name "fast" is already used by route "chat"`}},
		{"target names a route", `routes: [{model: chat, targets: [{provider: a}]}, {model: c2, targets: [{provider: chat}]}]`,
			[]string{`routes[1].targets[0].provider: "chat" is a route's model name, not a provider: a route's targets are providers (routes do not nest)`}},
		{"target names its own route", `routes: [{model: chat, aliases: [loop], targets: [{provider: loop}]}]`,
			[]string{`routes[0].targets[0].provider: "loop" is a route's model name, not a provider`}},
		{"negative timeout", `routes: [{model: chat, targets: [{provider: a}], timeout: -1s}]`,
			[]string{"routes[0].timeout: must be positive"}},
		{"shared backend, other cap", `routes: [{model: chat, targets: [{provider: a, model: m, max_concurrent: 4}]}, {model: c2, targets: [{provider: b}, {provider: a, model: m}]}]`,
			[]string{`routes[1].targets[1].max_concurrent: is 0, but routes[0].targets[0] sends to the same provider "a" and model "m" with max_concurrent 4`}},
		{"shared backend, other breaker", `routes: [{model: chat, targets: [{provider: a, model: m}]}, {model: c2, targets: [{provider: a, model: m}], breaker: {failures: 3}}]`,
			[]string{`routes[1].breaker: differs from the breaker of the route of routes[0].targets[0], which sends to the same provider "a" and model "m"`}},
		{"unknown field", `routes: [{model: chat, targets: [{provider: a, wieght: 2}]}]`, []string{"wieght"}},
		{"unrouted provider without models", `routes: []`,
			[]string{"providers[0].models: list at least one model this backend serves, or name the provider in a route's targets"}},
	}
	for _, tt := range tests {
		c, err := Load(write(t, routeProviders+tt.yaml), env(nil))
		if err == nil {
			err = c.Validate()
		}
		if err == nil {
			t.Errorf("%s: no error; want %q", tt.name, tt.want)
			continue
		}
		for _, w := range tt.want {
			if !strings.Contains(err.Error(), w) {
				t.Errorf("%s: error %q; want it to contain %q", tt.name, err, w)
			}
		}
	}
}
