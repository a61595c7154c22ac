package provider

import (
	"context"
	"errors"
	"fmt"
	"time"
)

// errRouteTimeout is the cause of a request's context of a route whose
// timeout passed. It is a deadline, so that backends' calls cut by it say
// the backend "did not answer in time".
var errRouteTimeout = fmt.Errorf("the route's timeout passed: %w", context.DeadlineExceeded)

// requestTimeout is what a non-streamed request to p may take at most
// (the route's default timeout is the longest of its targets').
func (p *OpenAI) requestTimeout() time.Duration { return p.cfg.RequestTimeout }

// defaultTimeout returns the longest request timeout of the targets'
// providers; 0 when none has one (the built-in echo model answers at once).
func defaultTimeout(targets []Target) time.Duration {
	var d time.Duration
	for _, t := range targets {
		if p, ok := t.Provider.(interface{ requestTimeout() time.Duration }); ok {
			d = max(d, p.requestTimeout())
		}
	}
	return d
}

// deadline bounds one request's tries of a route's targets. Unlike a
// context deadline it can be lifted once a stream has started: a stream
// is bounded by its backend's idle timeout, never as a whole.
type deadline struct {
	ctx     context.Context // the request's context, ended by the timeout
	cancel  context.CancelCauseFunc
	timer   *time.Timer // nil: no timeout
	route   string
	timeout time.Duration
}

// deadline starts the route's timeout for a request of parent.
func (r *Route) deadline(parent context.Context) *deadline {
	if r.timeout == 0 {
		return &deadline{ctx: parent, cancel: func(error) {}}
	}
	ctx, cancel := context.WithCancelCause(parent)
	return &deadline{ctx: ctx, cancel: cancel, route: r.model, timeout: r.timeout,
		timer: time.AfterFunc(r.timeout, func() { cancel(errRouteTimeout) })}
}

// passed reports whether the route's timeout ended the request.
func (d *deadline) passed() bool { return errors.Is(context.Cause(d.ctx), errRouteTimeout) }

// err is the error of a request whose time is up: an upstream timeout
// when the route's timeout passed, a cancellation when the client went
// away; nil while the request may go on. cut, if not nil, is the failure
// of the try that the timeout cut, for the logs.
func (d *deadline) err(cut error) error {
	switch {
	case d.passed() && cut != nil:
		return upstreamError(msgTimeout, fmt.Errorf("route %s: no target answered within the route's timeout of %v, failovers included: %w", d.route, d.timeout, cut))
	case d.passed():
		return upstreamError(msgTimeout, fmt.Errorf("route %s: no target answered within the route's timeout of %v, failovers included", d.route, d.timeout))
	case d.ctx.Err() != nil:
		return upstreamError(msgCanceled, d.ctx.Err())
	}
	return nil
}

// keep lifts the timeout from a stream that has started, and reports
// whether it had not passed yet (else the stream's context is gone).
func (d *deadline) keep() bool {
	return d.timer == nil || d.timer.Stop()
}

// stop ends the timeout and releases the context, once the request's
// answer is complete or its stream closed, or it failed.
func (d *deadline) stop() {
	if d.timer != nil {
		d.timer.Stop()
	}
	d.cancel(nil)
}
