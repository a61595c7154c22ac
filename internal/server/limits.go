package server

import (
	"net/http"
	"net/netip"
	"sync"
	"sync/atomic"
	"time"

	"github.com/vmira/mira/internal/mira"
	"github.com/vmira/mira/internal/ratelimit"
)

// admit asks the limiter to let an authenticated request through, reserving
// tokens. It sets the rate-limit headers and returns the 429 to send when
// the request is refused. The caller must Release the reservation
// (nil-safe).
func (s *Server) admit(w http.ResponseWriter, r *http.Request, tokens int) (*ratelimit.Reservation, error) {
	if s.opt.Limiter == nil {
		return nil, nil
	}
	p := principal(r.Context())
	d, res, err := s.opt.Limiter.Admit(r.Context(), ratelimit.Request{Subject: p.Subject(), Plan: s.plan(p), Tokens: tokens})
	if err != nil {
		return nil, mira.Internal(err)
	}
	ratelimit.SetHeaders(w.Header(), d)
	if !d.Allowed {
		s.opt.Observer.Limited(d.Reason)
		return nil, rateLimitError(d)
	}
	return res, nil
}

func rateLimitError(d ratelimit.Decision) error {
	msg := "rate limit reached for " + reasonText(d.Reason)
	if d.NeverFits {
		msg = "this request needs more tokens than the plan allows per minute; lower max_tokens or shorten the prompt (waiting will not help)"
	} else {
		msg += "; retry after " + d.RetryAfter.Round(time.Millisecond).String()
	}
	return mira.Errorf(mira.ERateLimited, "%s", msg)
}

func reasonText(reason string) string {
	switch reason {
	case ratelimit.ReasonTokens:
		return "tokens per minute"
	case ratelimit.ReasonRequestsPerDay:
		return "requests per day"
	case ratelimit.ReasonConcurrency:
		return "concurrent requests"
	}
	return "requests per minute"
}

// plan returns the plan that limits p: the key's, else its organisation's.
// An unknown name falls back to "free", the most restrictive default.
func (s *Server) plan(p *Principal) ratelimit.Plan {
	if pl, ok := s.opt.Plans[p.PlanName()]; ok {
		return pl
	}
	if pl, ok := s.opt.Plans["free"]; ok {
		return pl
	}
	return ratelimit.DefaultPlans()["free"]
}

// ipKey groups client addresses for per-IP limits: IPv4 by address, IPv6
// by /64 (one host owns a whole /64, so finer keys would be free to rotate).
func ipKey(prefix string, a netip.Addr) string {
	if a.Is6() {
		p, _ := a.Prefix(64)
		return prefix + p.String()
	}
	return prefix + a.String()
}

// limitUnauthenticated spends the client IP's budget for a request without
// credentials; past it, it returns the 429 to send.
func (s *Server) limitUnauthenticated(w http.ResponseWriter, r *http.Request) error {
	if s.opt.Limiter == nil {
		return nil
	}
	d, err := s.opt.Limiter.Allow(r.Context(), ipKey("ip:", info(r.Context()).ip), s.opt.UnauthenticatedPerMinute, 0)
	if err != nil || d.Allowed {
		return nil // a limiter failure must not lock everyone out
	}
	return retryLater(w, d.RetryAfter, "too many requests without credentials from this address; retry after %s", d.RetryAfter.Round(time.Second))
}

// authFailed spends the client IP's failed-authentication budget. Once it is
// spent, the IP is refused before any key is looked at (penaltyBox), so
// guessing keys gains nothing. It returns the error to send.
func (s *Server) authFailed(w http.ResponseWriter, r *http.Request, authErr error) error {
	if s.opt.Limiter == nil {
		return authErr
	}
	ip := info(r.Context()).ip
	d, err := s.opt.Limiter.Allow(r.Context(), ipKey("authfail:", ip), s.opt.FailedAuthPerMinute, 0)
	if err != nil || d.Allowed {
		return authErr
	}
	s.penalty.block(ip, time.Now().Add(d.RetryAfter))
	return retryLater(w, d.RetryAfter, "too many failed authentications from this address; retry after %s", d.RetryAfter.Round(time.Second))
}

// retryLater sets Retry-After for a per-address refusal and returns the 429.
func retryLater(w http.ResponseWriter, wait time.Duration, format string, args ...any) error {
	ratelimit.SetRetryAfter(w.Header(), min(wait, ratelimit.MaxRetryAfter))
	return mira.Errorf(mira.ERateLimited, format, args...)
}

// penaltyBox remembers, per instance, client IPs that spent their failed
// authentication budget, until the budget refills.
type penaltyBox struct {
	n     atomic.Int64 // entries, read without the lock on the hot path
	mu    sync.Mutex
	until map[string]time.Time
}

func newPenaltyBox() *penaltyBox { return &penaltyBox{until: map[string]time.Time{}} }

func (p *penaltyBox) block(ip netip.Addr, until time.Time) {
	p.mu.Lock()
	defer p.mu.Unlock()
	defer func() { p.n.Store(int64(len(p.until))) }()
	if len(p.until) > 100_000 { // bound memory under a spray of addresses
		now := time.Now()
		for a, t := range p.until {
			if now.After(t) {
				delete(p.until, a)
			}
		}
	}
	p.until[ipKey("", ip)] = until
}

// blocked returns how long ip stays refused, or 0.
func (p *penaltyBox) blocked(ip netip.Addr) time.Duration {
	if p.n.Load() == 0 {
		return 0
	}
	k := ipKey("", ip)
	p.mu.Lock()
	defer p.mu.Unlock()
	t, ok := p.until[k]
	if !ok {
		return 0
	}
	if d := time.Until(t); d > 0 {
		return d
	}
	delete(p.until, k)
	p.n.Store(int64(len(p.until)))
	return 0
}
