package main

import (
	"fmt"

	"github.com/vmira/mira/internal/config"
	"github.com/vmira/mira/internal/health"
	"github.com/vmira/mira/internal/metrics"
	"github.com/vmira/mira/internal/provider"
	"github.com/vmira/mira/internal/server"
)

// buildRoutes makes the configured routes over the providers ps; routes
// sending to the same backend model share its breaker (provider.NewRoutes).
func buildRoutes(routes []config.Route, ps []provider.Provider) ([]provider.Provider, error) {
	byName := map[string]provider.Provider{}
	for _, p := range ps {
		byName[p.Name()] = p
	}
	var cfgs []provider.RouteConfig
	for _, rc := range routes {
		cfg := provider.RouteConfig{Model: rc.Model, Aliases: rc.Aliases,
			Failures: rc.BreakerFailures(), Cooldown: rc.BreakerCooldown(), Timeout: rc.Timeout.D()}
		for _, t := range rc.Targets {
			p, ok := byName[t.Provider]
			if !ok {
				return nil, fmt.Errorf("route %q: provider %q is not configured", rc.Model, t.Provider)
			}
			cfg.Targets = append(cfg.Targets, provider.Target{Provider: p, Model: t.BackendModel(rc.Model),
				Weight: t.TargetWeight(), MaxConcurrent: t.MaxConcurrent})
		}
		cfgs = append(cfgs, cfg)
	}
	rs, err := provider.NewRoutes(cfgs...)
	if err != nil {
		return nil, err
	}
	out := make([]provider.Provider, len(rs))
	for i, r := range rs {
		out[i] = r
	}
	return out, nil
}

// routeObserver tells the server's observers of each target's calls, and
// the route metrics of failovers.
type routeObserver struct {
	server.Observer
	*metrics.Routes
}

// watchRoutes connects the routes of reg to the observers and to the
// route metrics.
func watchRoutes(reg *provider.Registry, obs server.Observer, m *metrics.Metrics) {
	routes := reg.Routes()
	if len(routes) == 0 {
		return
	}
	rm := m.WatchRoutes(func() []metrics.RouteTarget {
		var out []metrics.RouteTarget
		for _, s := range targetStatus(routes) {
			out = append(out, metrics.RouteTarget{Route: s.Route, Backend: s.Provider, Model: s.Model, State: s.State, InFlight: s.InFlight})
		}
		return out
	})
	for _, r := range routes {
		r.SetObserver(routeObserver{obs, rm})
	}
}

// routeChecks returns the route targets' checks for /readyz, nil without
// routes: a target whose breaker is open is down; half-open, or within a
// backend's Retry-After, degraded.
func routeChecks(reg *provider.Registry) func() map[string]string {
	routes := reg.Routes()
	if len(routes) == 0 {
		return nil
	}
	return func() map[string]string {
		checks := map[string]string{}
		for _, s := range targetStatus(routes) {
			v := health.OK
			switch {
			case s.State == "open":
				v = health.Down
			case s.State == "half-open" || s.RateLimited:
				v = health.CheckDegraded
			}
			checks[fmt.Sprintf("backend:%s/%s (route %s)", s.Provider, s.Model, s.Route)] = v
		}
		return checks
	}
}

func targetStatus(routes []*provider.Route) []provider.TargetStatus {
	var out []provider.TargetStatus
	for _, r := range routes {
		out = append(out, r.Status()...)
	}
	return out
}
