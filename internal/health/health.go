// Package health decides whether this instance is ready, and which of its
// dependencies is degraded: the database (a cheap query), Redis (the shared
// rate limiter's state) and each backend (its last calls failed).
package health

import (
	"context"
	"net/netip"
	"sort"
	"sync/atomic"
	"time"

	"github.com/vmira/mira/internal/mira"
	"github.com/vmira/mira/internal/reqlog"
)

// Statuses of a Report.
const (
	Ready       = "ready"       // every check ok
	Degraded    = "degraded"    // serving, but a check is not ok
	Unavailable = "unavailable" // the database is down: not serving
)

// Check values.
const (
	OK            = "ok"
	CheckDegraded = "degraded"
	Down          = "down"
)

// Report is the answer of /readyz.
type Report struct {
	Status string            `json:"status"`
	Checks map[string]string `json:"checks"`
}

// Serving reports whether the instance can serve (the database answers).
func (r Report) Serving() bool { return r.Status != Unavailable }

// Config configures a Checker.
type Config struct {
	// Database runs a cheap query; required.
	Database func(context.Context) error
	// RedisDegraded reports whether the shared limiter runs without Redis;
	// nil when no Redis is configured.
	RedisDegraded func() bool
	// Backends are the configured backend names.
	Backends []string
	// Failures is how many calls in a row must fail for a backend to be
	// degraded; default 3.
	Failures int
	// Timeout bounds the database query; default 2s.
	Timeout time.Duration
	// Observe is told each check's result ("database", "redis"), for the
	// health gauges; optional.
	Observe func(dependency string, up bool)
	// More returns more checks by name (OK, CheckDegraded or Down), such
	// as the route targets'; one that is not OK degrades the report.
	// Optional.
	More func() map[string]string
}

// Checker runs the readiness checks. It implements server.Observer to
// follow backend calls (the other methods do nothing).
type Checker struct {
	cfg      Config
	backends map[string]*atomic.Int64 // failures in a row; fixed at New
	names    []string
}

// New returns a Checker.
func New(cfg Config) *Checker {
	if cfg.Failures <= 0 {
		cfg.Failures = 3
	}
	if cfg.Timeout <= 0 {
		cfg.Timeout = 2 * time.Second
	}
	c := &Checker{cfg: cfg, backends: make(map[string]*atomic.Int64, len(cfg.Backends))}
	for _, b := range cfg.Backends {
		if _, dup := c.backends[b]; !dup {
			c.backends[b] = new(atomic.Int64)
			c.names = append(c.names, b)
		}
	}
	sort.Strings(c.names)
	return c
}

// Check runs the checks.
func (c *Checker) Check(ctx context.Context) Report {
	r := Report{Status: Ready, Checks: make(map[string]string, 2+len(c.names))}
	ctx, cancel := context.WithTimeout(ctx, c.cfg.Timeout)
	defer cancel()
	dbUp := c.cfg.Database(ctx) == nil
	c.observe("database", dbUp)
	if dbUp {
		r.Checks["database"] = OK
	} else {
		r.Checks["database"], r.Status = Down, Unavailable
	}
	if c.cfg.RedisDegraded != nil {
		up := !c.cfg.RedisDegraded()
		c.observe("redis", up)
		if up {
			r.Checks["redis"] = OK
		} else {
			r.Checks["redis"] = CheckDegraded
			r.degrade()
		}
	}
	if c.cfg.More != nil {
		for name, v := range c.cfg.More() {
			if r.Checks[name] = v; v != OK {
				r.degrade()
			}
		}
	}
	for _, b := range c.names {
		if c.backends[b].Load() >= int64(c.cfg.Failures) {
			r.Checks["backend:"+b] = CheckDegraded
			r.degrade()
		} else {
			r.Checks["backend:"+b] = OK
		}
	}
	return r
}

func (r *Report) degrade() {
	if r.Status == Ready {
		r.Status = Degraded
	}
}

func (c *Checker) observe(dep string, up bool) {
	if c.cfg.Observe != nil {
		c.cfg.Observe(dep, up)
	}
}

// BackendDegraded reports whether backend's last calls all failed.
func (c *Checker) BackendDegraded(backend string) bool {
	n, ok := c.backends[backend]
	return ok && n.Load() >= int64(c.cfg.Failures)
}

// Upstream follows a backend call: a failure adds to the backend's run of
// failures, a success ends it.
func (c *Checker) Upstream(backend string, _ time.Duration, err error) {
	n, ok := c.backends[backend]
	if !ok {
		return
	}
	if err != nil {
		n.Add(1)
	} else if n.Load() != 0 {
		n.Store(0)
	}
}

// Request does nothing (server.Observer).
func (c *Checker) Request(*reqlog.Entry, time.Duration) {}

// AuthFailed does nothing (server.Observer).
func (c *Checker) AuthFailed(string, netip.Addr, *mira.Key, string) {}

// Limited does nothing (server.Observer).
func (c *Checker) Limited(string) {}
