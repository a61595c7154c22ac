// Package ratelimit admits API requests by subscription plan (SPEC.md "Rate
// limits"): requests and tokens per minute, requests per day and concurrent
// requests, per subject (an API key or a user), plus a simple per-client-IP
// limit for unauthenticated traffic and failed authentications.
//
// Every rate is a GCRA (generic cell rate algorithm) limit with burst equal to
// the limit: from an empty state exactly N requests of a plan of N per minute
// are admitted back to back, then each further one is admitted every 60s/N.
// Two implementations behave identically, down to the millisecond: Memory
// (one process) and Redis (one Lua script per admission, on Redis's clock, so
// instances share limits and client clock skew does not matter). Fallback
// serves from Redis and falls back to Memory while Redis is unreachable.
//
// The package is one package rather than memory/ and redis/ subpackages
// because both backends share the GCRA arithmetic, the Reservation type and
// the behavioural test suite, and a subpackage named redis would shadow
// go-redis.
package ratelimit

import (
	"context"
	"errors"
	"fmt"
	"sync/atomic"
	"time"
)

// Reasons name the limit that refused a request (Decision.Reason).
const (
	ReasonRequests       = "requests"
	ReasonTokens         = "tokens"
	ReasonRequestsPerDay = "requests_per_day"
	ReasonConcurrency    = "concurrency"
)

// ConcurrencyRetry is the RetryAfter of a request refused only because the
// subject has its maximum of requests in flight: when a slot frees up cannot
// be known, so the client is told to try again shortly.
const ConcurrencyRetry = time.Second

// Request asks to admit one API request for Subject ("key_..." or
// "user_..."), reserving Tokens (prompt estimate + max_tokens) against the
// plan's tokens per minute.
type Request struct {
	Subject string
	Plan    Plan
	Tokens  int
}

// Window is the state of one rate limit after a decision. Limit is the
// number of units (requests or tokens) that can be spent at once from a rested
// state (0: the dimension is unlimited and the window says nothing), Remaining
// how many can be spent now, Reset how long until the window is fully rested.
type Window struct {
	Limit     int
	Remaining int
	Reset     time.Duration
}

// Decision is the answer to one admission: whether to proceed and what to tell
// the client (see SetHeaders).
type Decision struct {
	Allowed    bool
	Requests   Window // requests per minute
	Tokens     Window // tokens per minute
	Day        Window // requests per day
	Concurrent Window // concurrent requests; Reset is always 0

	// RetryAfter is, when !Allowed, the exact time after which the same
	// request would be admitted if nothing else happened meanwhile (rounded
	// up to the millisecond), or ConcurrencyRetry when only the concurrency
	// cap refused it. It is 0 when NeverFits.
	RetryAfter time.Duration
	// NeverFits reports whether waiting cannot help: the request costs more
	// than a limit's burst (Tokens > TokensPerMinute). Sent as
	// x-should-retry: false.
	NeverFits bool
	// Reason names the refusing limit: one of the Reason constants; empty
	// when Allowed. When several refuse it is the one that never fits, else
	// the one with the longest wait.
	Reason string
}

// Limiter admits requests. Memory, Redis and Fallback implement it.
type Limiter interface {
	// Admit is all-or-nothing: when any limit refuses, nothing is consumed
	// and the returned Reservation is nil. An error means no decision could be
	// made (invalid plan, backend unreachable); Fallback never returns
	// backend errors.
	Admit(ctx context.Context, r Request) (Decision, *Reservation, error)
	// Allow spends one request of a plain per-key limit of ratePerMinute with
	// the given burst (burst <= 0 means burst = ratePerMinute). Only
	// Decision.Requests is filled in. Meant for per-client-IP limits.
	Allow(ctx context.Context, key string, ratePerMinute, burst int) (Decision, error)
}

// Reservation is what an admitted request holds: its reserved tokens and its
// concurrency slot. Settle and Release are idempotent, safe on a nil
// Reservation, and safe to call on every path (defer them). Settle before
// Release is not required: they are independent.
type Reservation struct {
	backend  reservationBackend
	subject  string
	plan     Plan
	tokens   int    // reserved at admission
	lease    string // Redis concurrency lease
	settled  atomic.Bool
	released atomic.Bool
}

// reservationBackend is the limiter a Reservation was made by: it is settled
// and released on that same limiter.
type reservationBackend interface {
	settle(ctx context.Context, r *Reservation, delta int) error
	release(r *Reservation)
}

// Tokens returns the number of tokens reserved at admission.
func (r *Reservation) Tokens() int {
	if r == nil {
		return 0
	}
	return r.tokens
}

// Settle charges the difference between actualTokens and the reserved
// tokens: a refund when fewer were used, an extra charge when more, recorded
// even when it takes the subject over its limit (the next requests then wait
// for it). Only the first call counts, even when it fails. The caller's
// cancellation and deadline are ignored (settlement must happen after a
// client disconnect); the backend bounds the call with its own timeout.
func (r *Reservation) Settle(ctx context.Context, actualTokens int) error {
	if r == nil || !r.settled.CompareAndSwap(false, true) {
		return nil
	}
	if actualTokens < 0 {
		actualTokens = 0
	}
	if actualTokens > maxLimit {
		actualTokens = maxLimit
	}
	delta := actualTokens - r.tokens
	if delta == 0 || r.plan.TokensPerMinute == 0 {
		return nil
	}
	return r.backend.settle(ctx, r, delta)
}

// Release gives back the concurrency slot. Only the first call counts.
func (r *Reservation) Release() {
	if r == nil || !r.released.CompareAndSwap(false, true) {
		return
	}
	if r.plan.Concurrent == 0 {
		return
	}
	r.backend.release(r)
}

// ErrInvalidPlan is returned (wrapped) for a plan with a negative or
// oversized limit.
var ErrInvalidPlan = errors.New("invalid rate limit plan")

var errEmptyKey = errors.New("ratelimit: empty subject or key")

func (r *Request) validate() error {
	if r.Subject == "" {
		return errEmptyKey
	}
	return r.Plan.Validate()
}

func invalidf(format string, args ...any) error {
	return fmt.Errorf("%w: "+format, append([]any{ErrInvalidPlan}, args...)...)
}
