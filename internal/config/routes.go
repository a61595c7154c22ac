package config

import (
	"fmt"
	"slices"
	"strings"
	"time"
)

// Route maps a public model name (and its aliases) to one or more backend
// targets: Mira balances requests over them by weight and fails over from
// one to the next (SPEC.md "Models and routing").
type Route struct {
	// Model is the name clients send.
	Model string `yaml:"model"`
	// Aliases are more names for the same route.
	Aliases []string      `yaml:"aliases"`
	Targets []RouteTarget `yaml:"targets"`
	Breaker Breaker       `yaml:"breaker"`
	// Timeout bounds a request's tries of the targets, every failover
	// included, until an answer starts (a whole non-streamed answer, the
	// first response of a stream; a started stream is never cut by it).
	// Default: the longest request_timeout of the targets' providers.
	Timeout Duration `yaml:"timeout"`
}

// RouteTarget is one backend of a route: a configured provider and the
// model name that backend knows.
type RouteTarget struct {
	// Provider names an entry of providers.
	Provider string `yaml:"provider"`
	// Model is the backend's model name, sent in its place of the
	// client's; default the route's model.
	Model string `yaml:"model"`
	// Weight is the target's share of the requests; default 1.
	Weight *int `yaml:"weight"`
	// MaxConcurrent caps the requests in flight to the target (streams
	// count until they end); 0: no cap. A target at its cap is skipped.
	MaxConcurrent int `yaml:"max_concurrent"`
}

// Breaker configures a route's circuit breakers, one per backend model
// (provider and model): routes sharing a backend model share its breaker
// and its cap, and must give them the same settings.
type Breaker struct {
	// Failures is how many failures in a row take a target out of
	// rotation; default 5.
	Failures int `yaml:"failures"`
	// Cooldown is how long a target stays out before one request probes
	// it; default 30s.
	Cooldown Duration `yaml:"cooldown"`
}

// Defaults of routes.
const (
	DefaultBreakerFailures = 5
	DefaultBreakerCooldown = 30 * time.Second
)

// BackendModel returns the model name sent to the target's backend.
func (t RouteTarget) BackendModel(route string) string {
	if t.Model == "" {
		return route
	}
	return t.Model
}

// TargetWeight returns the target's weight (default 1).
func (t RouteTarget) TargetWeight() int {
	if t.Weight == nil {
		return 1
	}
	return *t.Weight
}

// BreakerFailures returns the failures that open a breaker (default 5).
func (r Route) BreakerFailures() int {
	if r.Breaker.Failures == 0 {
		return DefaultBreakerFailures
	}
	return r.Breaker.Failures
}

// BreakerCooldown returns how long an open breaker waits (default 30s).
func (r Route) BreakerCooldown() time.Duration {
	if r.Breaker.Cooldown == 0 {
		return DefaultBreakerCooldown
	}
	return r.Breaker.Cooldown.D()
}

// routed reports whether a route sends requests to the provider named name.
func (c *Config) routed(name string) bool {
	for _, r := range c.Routes {
		for _, t := range r.Targets {
			if t.Provider == name {
				return true
			}
		}
	}
	return false
}

// validateRoutes checks routes for Validate. models maps each model that
// providers serve directly to its provider (validateProviders): a route's
// name or alias must not be one of them, nor mira-echo while it is served,
// or requests for it would be ambiguous.
func (c *Config) validateRoutes(models map[string]string, bad func(field, format string, args ...any)) {
	names := map[string]string{} // public name -> what claims it, for messages
	for m, p := range models {
		names[m] = fmt.Sprintf("provider %q", p)
	}
	if c.EchoEnabled() {
		names["mira-echo"] = "the built-in model (set echo: false)"
	}
	providers := map[string]bool{}
	for _, p := range c.Providers {
		providers[p.Name] = true
	}
	routeNames := map[string]bool{}
	for _, r := range c.Routes {
		routeNames[r.Model] = true
		for _, a := range r.Aliases {
			routeNames[a] = true
		}
	}
	backends := map[string]sharedTarget{}
	for i, r := range c.Routes {
		f := fmt.Sprintf("routes[%d]", i)
		claim := func(field, name string) {
			switch {
			case name == "":
				bad(field, "must not be empty")
			case len(name) > 256:
				bad(field, "%q is longer than 256 characters", name[:64]+"...")
			case names[name] != "":
				bad(field, "model name %q is already used by %s", name, names[name])
			default:
				names[name] = fmt.Sprintf("route %q", r.Model)
			}
		}
		claim(f+".model", r.Model)
		for j, a := range r.Aliases {
			claim(fmt.Sprintf("%s.aliases[%d]", f, j), a)
		}
		c.validateTargets(f, r, providers, routeNames, bad)
		c.validateShared(f, r, backends, bad)
		if r.Timeout < 0 {
			bad(f+".timeout", "must be positive (e.g. 2m; leave it out for the longest request_timeout of the targets' providers)")
		}
		if r.Breaker.Failures < 0 {
			bad(f+".breaker.failures", "must be positive (leave it out for the default, %d)", DefaultBreakerFailures)
		}
		if r.Breaker.Cooldown < 0 {
			bad(f+".breaker.cooldown", "must be positive (e.g. 30s; leave it out for the default)")
		}
	}
}

// validateTargets checks the targets of route r (at field f).
// routeNames holds every route's model and aliases, to tell a target
// that names a route (routes do not nest) from a typo.
func (c *Config) validateTargets(f string, r Route, providers, routeNames map[string]bool, bad func(field, format string, args ...any)) {
	if len(r.Targets) == 0 {
		bad(f+".targets", "list at least one target: {provider: NAME, model: BACKEND_MODEL, weight: 1}")
	}
	var seen []string
	for j, t := range r.Targets {
		tf := fmt.Sprintf("%s.targets[%d]", f, j)
		switch {
		case t.Provider == "":
			bad(tf+".provider", "is required: the name of an entry of providers")
		case !providers[t.Provider] && routeNames[t.Provider]:
			bad(tf+".provider", "%q is a route's model name, not a provider: a route's targets are providers (routes do not nest)", t.Provider)
		case !providers[t.Provider]:
			bad(tf+".provider", "%q is not a configured provider (providers[].name)", t.Provider)
		}
		switch {
		case t.Weight == nil:
		case *t.Weight < 1:
			bad(tf+".weight", "must be at least 1 (got %d); remove the target to stop sending it requests", *t.Weight)
		case *t.Weight > 1_000_000:
			bad(tf+".weight", "must be at most 1000000")
		}
		if t.MaxConcurrent < 0 {
			bad(tf+".max_concurrent", "must not be negative (0: no cap)")
		}
		id := t.Provider + "\x00" + t.BackendModel(r.Model)
		if slices.Contains(seen, id) {
			bad(tf, "provider %q with model %q is listed twice in this route", t.Provider, t.BackendModel(r.Model))
		}
		seen = append(seen, id)
	}
}

// sharedTarget is where a backend model (provider and model) was first
// named as a route's target, and the settings it was given there.
type sharedTarget struct {
	field    string // routes[i].targets[j]
	cap      int
	failures int
	cooldown time.Duration
}

// validateShared checks that the targets of route r (at field f) give a
// backend model that another route also sends to the same cap and breaker
// settings: a backend model has one breaker and one cap, shared by every
// route that uses it. backends holds the targets seen so far.
func (c *Config) validateShared(f string, r Route, backends map[string]sharedTarget, bad func(field, format string, args ...any)) {
	for j, t := range r.Targets {
		id := t.Provider + "\x00" + t.BackendModel(r.Model)
		tf := fmt.Sprintf("%s.targets[%d]", f, j)
		cur := sharedTarget{field: tf, cap: t.MaxConcurrent, failures: r.BreakerFailures(), cooldown: r.BreakerCooldown()}
		first, seen := backends[id]
		switch {
		case !seen:
			backends[id] = cur
		case strings.HasPrefix(first.field, f+"."): // listed twice in one route: validateTargets says so
		case first.cap != cur.cap:
			bad(tf+".max_concurrent", "is %d, but %s sends to the same provider %q and model %q with max_concurrent %d; a backend model has one cap, shared by the routes that use it: give the same value",
				cur.cap, first.field, t.Provider, t.BackendModel(r.Model), first.cap)
		case first.failures != cur.failures || first.cooldown != cur.cooldown:
			bad(f+".breaker", "differs from the breaker of the route of %s, which sends to the same provider %q and model %q; a backend model has one breaker, shared by the routes that use it: give both routes the same breaker settings",
				first.field, t.Provider, t.BackendModel(r.Model))
		}
	}
}
