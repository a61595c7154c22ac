package provider

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"slices"
	"sort"
	"sync"
	"sync/atomic"
	"time"

	"github.com/vmira/mira/internal/mira"
	"github.com/vmira/mira/internal/openai"
)

// RouteConfig configures a Route.
type RouteConfig struct {
	Model   string   // the name clients send
	Aliases []string // more names for the route
	Targets []Target
	// Failures is how many failures in a row open a target's breaker
	// (its backend model's: see NewRoutes); default 5. Cooldown is how
	// long it stays open before one request probes the target; default 30s.
	Failures int
	Cooldown time.Duration
	// Timeout bounds a request's tries of the targets, every failover
	// included, until an answer starts: a whole non-streamed answer, a
	// stream's first response. 0: the longest request timeout of the
	// targets' providers (a route takes no longer to give up than its
	// slowest backend alone would); no bound if none has one.
	Timeout time.Duration
	// Now is the clock of the breakers and of backends' waits; default time.Now.
	Now func() time.Time
}

// Target is one backend of a route.
type Target struct {
	Provider      Provider
	Model         string // the backend's model name, sent in place of the client's
	Weight        int    // share of the requests, at least 1
	MaxConcurrent int    // requests in flight to the target; 0: no cap
}

// RouteObserver is told what routes do. Its methods run on the request's
// goroutine and must be cheap.
type RouteObserver interface {
	// Upstream is called after each call to a target's backend, as
	// server.Observer's Upstream is, under the provider's name.
	Upstream(backend string, took time.Duration, err error)
	// Failover is called when a request leaves a target for the next one:
	// reason is one of the Reason constants.
	Failover(route, backend, reason string)
}

// Why a request left a target for the next one.
const (
	ReasonUnreachable = "unreachable"  // connection refused, DNS, TLS
	ReasonTimeout     = "timeout"      // no answer in time
	ReasonServerError = "server_error" // 5xx, or an answer that is not one
	ReasonRateLimited = "rate_limited" // 429, or still within its Retry-After
	ReasonOpen        = "open"         // its breaker is open
	ReasonBusy        = "busy"         // at its concurrency cap
)

// Route is a Provider that serves a model name from several targets: it
// picks one by smooth weighted round robin among those in rotation and,
// before any byte of an answer is passed on, fails over to the others on
// connection errors, timeouts, 5xx and 429, within the route's Timeout.
// Each backend model (a provider and a model name) has a circuit breaker
// (closed -> open after Failures failures in a row -> half-open after
// Cooldown, where one request probes it -> closed on success), an optional
// concurrency cap, and, after a 429, the backend's Retry-After during which
// it is skipped; routes made together by NewRoutes share them (see
// NewRoutes).
//
// The client sees the model name it sent, in the answer too: backends'
// own names (often file paths of the weights) are not shown.
type Route struct {
	model    string
	names    []string
	targets  []*target // in configuration order
	byWeight []*target // heaviest first: the failover order
	failures int
	cooldown time.Duration
	timeout  time.Duration // 0: none
	now      func() time.Time
	obs      atomic.Pointer[RouteObserver]

	mu sync.Mutex // the round robin's state: target.current
}

var _ Provider = (*Route)(nil)

// NewRoute returns a route. Errors name the field at fault.
func NewRoute(cfg RouteConfig) (*Route, error) {
	rs, err := NewRoutes(cfg)
	if err != nil {
		return nil, err
	}
	return rs[0], nil
}

// NewRoutes returns the routes of cfgs. A backend model (the same provider
// name and model) that is a target of several routes has one breaker, one
// Retry-After wait and one count of requests in flight, whichever route
// sends to it: its health is the backend's, so a failure learned through
// one route takes it out of every route's rotation. Routes sharing a
// backend model must therefore give it the same cap and breaker settings.
// Errors name the field at fault.
func NewRoutes(cfgs ...RouteConfig) ([]*Route, error) {
	shared := map[backendKey]*sharedBy{}
	var out []*Route
	for _, cfg := range cfgs {
		r, err := newRoute(cfg, shared)
		if err != nil {
			return nil, err
		}
		out = append(out, r)
	}
	return out, nil
}

// backendKey names a backend model: a provider's name and the model name
// it is sent.
type backendKey struct{ provider, model string }

// sharedBy is a backend model's health and the route that first named it,
// whose settings the others must repeat.
type sharedBy struct {
	h     *health
	route *Route
	cap   int
}

func newRoute(cfg RouteConfig, shared map[backendKey]*sharedBy) (*Route, error) {
	if cfg.Model == "" {
		return nil, errors.New("route: model is required")
	}
	if len(cfg.Targets) == 0 {
		return nil, fmt.Errorf("route %q: list at least one target", cfg.Model)
	}
	if cfg.Timeout < 0 {
		return nil, fmt.Errorf("route %q: the timeout must not be negative", cfg.Model)
	}
	r := &Route{model: cfg.Model, names: append([]string{cfg.Model}, cfg.Aliases...),
		failures: cfg.Failures, cooldown: cfg.Cooldown, timeout: cfg.Timeout, now: cfg.Now}
	if r.failures <= 0 {
		r.failures = 5
	}
	if r.cooldown <= 0 {
		r.cooldown = 30 * time.Second
	}
	if r.now == nil {
		r.now = time.Now
	}
	if r.timeout == 0 {
		r.timeout = defaultTimeout(cfg.Targets)
	}
	mine := map[backendKey]bool{}
	for i, t := range cfg.Targets {
		if t.Provider == nil || t.Model == "" || t.Weight < 1 || t.MaxConcurrent < 0 {
			return nil, fmt.Errorf("route %q: target %d needs a provider, a model, a weight of at least 1 and a cap of at least 0", cfg.Model, i)
		}
		k := backendKey{t.Provider.Name(), t.Model}
		if mine[k] {
			return nil, fmt.Errorf("route %q: target %d: provider %q with model %q is listed twice", cfg.Model, i, k.provider, k.model)
		}
		mine[k] = true
		sh := shared[k]
		switch {
		case sh == nil:
			sh = &sharedBy{h: &health{}, route: r, cap: t.MaxConcurrent}
			shared[k] = sh
		case sh.cap != t.MaxConcurrent || sh.route.failures != r.failures || sh.route.cooldown != r.cooldown:
			return nil, fmt.Errorf("route %q: target %d: provider %q with model %q is also a target of route %q with another max_concurrent or breaker; "+
				"a backend model has one breaker and one cap, so give it the same settings in both", cfg.Model, i, k.provider, k.model, sh.route.model)
		}
		r.targets = append(r.targets, &target{Target: t, name: k.provider, native: Native(t.Provider), health: sh.h})
	}
	r.byWeight = slices.Clone(r.targets)
	sort.SliceStable(r.byWeight, func(i, j int) bool { return r.byWeight[i].Weight > r.byWeight[j].Weight })
	return r, nil
}

// Name returns "route:" and the route's model.
func (r *Route) Name() string { return "route:" + r.model }

// Models returns the route's model and its aliases.
func (r *Route) Models() []string { return slices.Clone(r.names) }

// SetObserver sets who is told of the route's backend calls and
// failovers; call it before the route serves.
func (r *Route) SetObserver(o RouteObserver) { r.obs.Store(&o) }

// Chat answers from the first target that can.
func (r *Route) Chat(ctx context.Context, req *openai.ChatRequest, raw []byte) (*Response, error) {
	return try(ctx, r, Chat, req.Model, raw, func(ctx context.Context, t *target, body []byte) (*Response, error) {
		return t.Provider.Chat(ctx, t.chatRequest(req), body)
	})
}

// ChatStream starts the stream of the first target that can; once it has
// started there is no failover.
func (r *Route) ChatStream(ctx context.Context, req *openai.ChatRequest, raw []byte) (Stream, error) {
	return try(ctx, r, Chat, req.Model, raw, func(ctx context.Context, t *target, body []byte) (Stream, error) {
		return t.Provider.ChatStream(ctx, t.chatRequest(req), body)
	})
}

// try calls the route's targets in turn until one answers, and returns its
// answer as the client sees it (see settle). A target is skipped while it
// is out of rotation; another target is tried after a failure that another
// backend may not have (see retryable), while ctx and the route's timeout
// last. Only targets that serve ep natively are tried. raw's model becomes
// each target's; model is the name the client sent.
func try[T any](ctx context.Context, r *Route, ep Endpoint, model string, raw []byte, call func(ctx context.Context, t *target, body []byte) (T, error)) (T, error) {
	var zero T
	var out outcome
	dl := r.deadline(ctx)
	ctx = dl.ctx
	order := r.order(r.now(), ep)
	for i, t := range order {
		if err := dl.err(nil); err != nil {
			dl.stop()
			return zero, err
		}
		last := i == len(order)-1
		probe, skip := t.acquire(r.now())
		if skip != "" {
			out.skipped(t, skip, r.now())
			r.failover(t, skip, last)
			continue
		}
		body, err := openai.WithModel(raw, t.Model)
		if err != nil {
			t.release(probe)
			dl.stop()
			return zero, mira.Errorf(mira.EInvalidRequest, "the request body has no model member")
		}
		start := time.Now()
		v, err := call(ctx, t, body)
		r.observe(t.name, time.Since(start), err)
		if err == nil {
			s := &slot{t: t, r: r, probe: probe}
			if st, ok := any(v).(Stream); ok && !dl.keep() {
				// The timeout passed as the stream started, and took its
				// context: that says nothing of the target.
				st.Close()
				s.end(errClosedEarly)
				return zero, dl.err(nil)
			}
			return settle(v, s, jsonString(model), dl.stop), nil
		}
		t.inFlight.Add(-1)
		reason, again := retryable(ctx, err)
		if dl.passed() {
			reason, again = ReasonTimeout, false
			err = dl.err(err)
		}
		t.failed(r.now(), probe, reason, err, r)
		if !again {
			dl.stop()
			return zero, err
		}
		out.failed(err)
		r.failover(t, reason, last)
	}
	dl.stop()
	return zero, out.err(r)
}

// settle turns a target's answer into the client's: the client's model
// name in place of the backend's (see clientModel), and the target's slot
// given back when the answer is complete (a stream counts as its target's
// success or failure when it ends). done releases the request's context
// of the route, when the answer is complete or the stream is closed.
func settle[T any](v T, s *slot, model []byte, done func()) T {
	switch a := any(v).(type) {
	case *Response:
		done()
		s.end(nil)
		a.Body = clientModel(a.Body, model)
	case Stream:
		return any(&routeStream{Stream: a, model: model, held: s, done: done}).(T)
	default:
		done()
		s.end(nil)
	}
	return v
}

// retryable reports whether another target may answer where this one
// failed with err, and why this one failed: not when the request itself
// was cancelled, nor when the backend refused the request (a 4xx other
// than 429), which another backend would refuse too.
func retryable(ctx context.Context, err error) (reason string, again bool) {
	if ctx.Err() != nil {
		return "", false
	}
	var se *StatusError
	var e *mira.Error
	switch {
	case errors.As(err, &e) && e.Code == mira.EUpstreamRateLimited:
		return ReasonRateLimited, true
	case errors.As(err, &se) && se.StatusCode < 500:
		return "", false
	case se != nil:
		return ReasonServerError, true
	case e == nil:
		return ReasonServerError, true
	case e.Code != mira.EUpstream:
		return "", false
	case e.Message == msgCanceled:
		return "", false
	case e.Message == msgUnreachable:
		return ReasonUnreachable, true
	case e.Message == msgTimeout || e.Message == msgIdle:
		return ReasonTimeout, true
	}
	return ReasonServerError, true
}

func (r *Route) observe(backend string, took time.Duration, err error) {
	if o := r.obs.Load(); o != nil {
		(*o).Upstream(backend, took, err)
	}
}

// failover tells the observer that a request left t, unless t was the
// last target to try.
func (r *Route) failover(t *target, reason string, last bool) {
	if o := r.obs.Load(); o != nil && !last {
		(*o).Failover(r.model, t.name, reason)
	}
}

// order returns the targets that serve ep in the order a request tries
// them: the round robin's pick among those in rotation first, then the
// others, heaviest first.
func (r *Route) order(now time.Time, ep Endpoint) []*target {
	out := make([]*target, 0, len(r.targets))
	r.mu.Lock()
	var best *target
	total := 0
	for _, t := range r.targets {
		if !slices.Contains(t.native, ep) || !t.inRotation(now) {
			continue
		}
		t.current += t.Weight
		total += t.Weight
		if best == nil || t.current > best.current {
			best = t
		}
	}
	if best != nil {
		best.current -= total
		out = append(out, best)
	}
	r.mu.Unlock()
	for _, t := range r.byWeight {
		if t != best && slices.Contains(t.native, ep) {
			out = append(out, t)
		}
	}
	return out
}

// outcome collects why every target failed a request.
type outcome struct {
	causes     []error
	lastErr    error         // the last failure other than a 429
	limited    int           // 429s, and targets skipped within their Retry-After
	limitWait  time.Duration // the shortest of their waits
	busy, open int
	openWait   time.Duration // until the first open breaker lets a probe through
}

func (o *outcome) failed(err error) {
	o.causes = append(o.causes, err)
	var e *mira.Error
	if errors.As(err, &e) && e.Code == mira.EUpstreamRateLimited {
		o.limit(e.RetryAfter)
		return
	}
	o.lastErr = err
}

func (o *outcome) limit(wait time.Duration) {
	if o.limited == 0 || wait < o.limitWait {
		o.limitWait = wait
	}
	o.limited++
}

func (o *outcome) skipped(t *target, reason string, now time.Time) {
	t.mu.Lock()
	limitedUntil, until := t.limitedUntil, t.until
	t.mu.Unlock()
	switch reason {
	case ReasonRateLimited:
		o.limit(limitedUntil.Sub(now))
	case ReasonBusy:
		o.busy++
	default:
		if wait := until.Sub(now); o.open == 0 || wait < o.openWait {
			o.openWait = wait
		}
		o.open++
	}
}

// err is the error of a request that no target answered: the last
// backend failure, else (every backend said 429) upstream_rate_limited
// with the shortest wait, else service_unavailable.
func (o *outcome) err(r *Route) error {
	cause := fmt.Errorf("route %s: every target is out of rotation", r.model)
	if len(o.causes) > 0 {
		cause = fmt.Errorf("route %s: %w", r.model, errors.Join(o.causes...))
	}
	var e *mira.Error
	switch {
	case o.lastErr != nil && errors.As(o.lastErr, &e):
		return &mira.Error{Code: e.Code, Message: e.Message, Param: e.Param, Err: cause}
	case o.lastErr != nil:
		return upstreamError(msgUnreachable, cause)
	case o.limited > 0:
		return rateLimited(clampWait(o.limitWait), cause)
	case o.busy > 0:
		return &mira.Error{Code: mira.EUnavailable, RetryAfter: minRetryAfter,
			Message: "every backend of the model " + quoted(r.model) + " is at its concurrency limit; retry shortly"}
	}
	return &mira.Error{Code: mira.EUnavailable, RetryAfter: clampWait(o.openWait),
		Message: "every backend of the model " + quoted(r.model) + " is failing and out of rotation; retry later"}
}

func quoted(s string) string { return string(jsonString(s)) }

func jsonString(s string) []byte {
	b, _ := json.Marshal(s)
	return b
}

// Breaker states.
const (
	closed = iota
	open
	halfOpen
)

// target is a route's target: its backend model's health, its cap and its
// round robin weight.
type target struct {
	Target
	name    string     // the provider's
	native  []Endpoint // the endpoints the provider serves natively
	current int        // the round robin's, under Route.mu
	*health
}

// health is a backend model's breaker, Retry-After wait and requests in
// flight, shared by every route target that sends to it (NewRoutes).
type health struct {
	inFlight atomic.Int64 // requests holding a slot

	mu           sync.Mutex
	state        int
	failures     int       // in a row, while closed
	until        time.Time // open: when a probe may go
	probing      bool      // half-open: the probe is in flight
	limitedUntil time.Time // after a 429: the backend's Retry-After
}

// inRotation reports whether a request may be sent to t now (its cap
// aside, which acquire checks).
func (t *target) inRotation(now time.Time) bool {
	t.mu.Lock()
	defer t.mu.Unlock()
	switch {
	case now.Before(t.limitedUntil):
		return false
	case t.state == open:
		return !now.Before(t.until)
	case t.state == halfOpen:
		return !t.probing
	}
	return t.MaxConcurrent == 0 || t.inFlight.Load() < int64(t.MaxConcurrent)
}

// acquire takes a slot of t for one request, or says why t is skipped. A
// request to a half-open target is its probe.
func (t *target) acquire(now time.Time) (probe bool, skip string) {
	t.mu.Lock()
	defer t.mu.Unlock()
	if now.Before(t.limitedUntil) {
		return false, ReasonRateLimited
	}
	if t.state == open {
		if now.Before(t.until) {
			return false, ReasonOpen
		}
		t.state = halfOpen
	}
	if t.state == halfOpen && t.probing {
		return false, ReasonOpen
	}
	if n := t.inFlight.Add(1); t.MaxConcurrent > 0 && n > int64(t.MaxConcurrent) {
		t.inFlight.Add(-1)
		return false, ReasonBusy
	}
	if t.state == halfOpen {
		t.probing = true
		return true, ""
	}
	return false, ""
}

// release gives back the slot of a request that failed.
func (t *target) release(probe bool) {
	t.inFlight.Add(-1)
	if probe {
		t.mu.Lock()
		t.probing = false
		t.mu.Unlock()
	}
}

// slot is a request's place at a target that answered it.
type slot struct {
	t     *target
	r     *Route
	probe bool
	once  sync.Once
}

// end gives the slot back and records how the answer ended: err is nil,
// or the failure of a stream that had started, which counts as a failed
// request would (a client that went away counts for nothing). Later calls
// do nothing.
func (s *slot) end(err error) {
	s.once.Do(func() {
		s.t.inFlight.Add(-1)
		if err == nil {
			s.t.succeeded(s.probe)
			return
		}
		reason, _ := retryable(context.Background(), err)
		s.t.failed(s.r.now(), s.probe, reason, err, s.r)
	})
}

// succeeded closes t's breaker.
func (t *target) succeeded(probe bool) {
	t.mu.Lock()
	defer t.mu.Unlock()
	if probe || t.failures != 0 || t.state != closed {
		t.state, t.failures, t.probing = closed, 0, false
	}
}

// failed records a failed request to t, for the reason retryable gave: a
// 429 keeps t out until the backend's Retry-After; a failure another
// backend could have avoided counts towards opening the breaker (a failed
// probe opens it again at once); a refused request counts for nothing.
func (t *target) failed(now time.Time, probe bool, reason string, err error, r *Route) {
	t.mu.Lock()
	defer t.mu.Unlock()
	if probe {
		t.probing = false
	}
	switch reason {
	case "":
	case ReasonRateLimited:
		var e *mira.Error
		if errors.As(err, &e) {
			t.limitedUntil = now.Add(e.RetryAfter)
		}
	default:
		if probe || t.state == halfOpen {
			t.state, t.until = open, now.Add(r.cooldown)
			return
		}
		if t.state == closed {
			if t.failures++; t.failures >= r.failures {
				t.state, t.until, t.failures = open, now.Add(r.cooldown), 0
			}
		}
	}
}

// chatRequest returns req with the target's model.
func (t *target) chatRequest(req *openai.ChatRequest) *openai.ChatRequest {
	if req.Model == t.Model {
		return req
	}
	c := *req
	c.Model = t.Model
	return &c
}

// routeStream is a target's stream: it shows the client's model name in
// each chunk, and gives back the target's slot when it ends; a failure
// counts against the target's breaker.
type routeStream struct {
	Stream
	model []byte // JSON string
	held  *slot
	done  func() // releases the route's context of the request
}

// Ready reports whether the target's stream has a whole event buffered,
// so the relay can write several before one flush.
func (s *routeStream) Ready() bool {
	r, ok := s.Stream.(interface{ Ready() bool })
	return ok && r.Ready()
}

func (s *routeStream) Next() ([]byte, error) {
	b, err := s.Stream.Next()
	switch {
	case err == io.EOF:
		s.held.end(nil)
	case err != nil:
		s.held.end(err)
	default:
		return clientModel(b, s.model), nil
	}
	return nil, err
}

// Close ends the stream; closed before its end, it says nothing of the
// target.
func (s *routeStream) Close() error {
	err := s.Stream.Close()
	s.held.end(errClosedEarly)
	s.done()
	return err
}

var errClosedEarly = upstreamError(msgCanceled, errClosed)

// TargetStatus is a target's state, for /readyz and the metrics.
type TargetStatus struct {
	Route, Provider, Model string
	State                  string // closed, open or half-open (a probe may go, or is in flight)
	RateLimited            bool   // within a backend's Retry-After
	InFlight               int
}

// Status returns the state of each target, in configuration order.
func (r *Route) Status() []TargetStatus {
	now := r.now()
	out := make([]TargetStatus, 0, len(r.targets))
	for _, t := range r.targets {
		t.mu.Lock()
		st := TargetStatus{Route: r.model, Provider: t.name, Model: t.Model, State: "closed",
			RateLimited: now.Before(t.limitedUntil), InFlight: int(t.inFlight.Load())}
		switch {
		case t.state == halfOpen, t.state == open && !now.Before(t.until):
			st.State = "half-open"
		case t.state == open:
			st.State = "open"
		}
		t.mu.Unlock()
		out = append(out, st)
	}
	return out
}

// Routes returns the registry's routes, by model name.
func (r *Registry) Routes() []*Route {
	var out []*Route
	for _, m := range r.models {
		if rt, ok := r.byModel[m.ID].(*Route); ok && rt.model == m.ID {
			out = append(out, rt)
		}
	}
	return out
}

// Backends returns, sorted, the names of the providers the registry calls:
// those serving models by name and every route's targets.
func (r *Registry) Backends() []string {
	seen := map[string]bool{}
	for _, p := range r.byModel {
		if rt, ok := p.(*Route); ok {
			for _, t := range rt.targets {
				seen[t.name] = true
			}
			continue
		}
		seen[p.Name()] = true
	}
	out := make([]string, 0, len(seen))
	for n := range seen {
		out = append(out, n)
	}
	sort.Strings(out)
	return out
}
