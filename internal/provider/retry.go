package provider

import (
	"fmt"
	"net/http"
	"strconv"
	"strings"
	"time"

	"github.com/vmira/mira/internal/mira"
)

// Bounds of the wait Mira passes on from a backend's 429: at least a second
// (a client never retries at once in a loop) and at most a minute (clients
// ignore or give up on longer waits, DESIGN.md "Pitfalls").
const (
	minRetryAfter = time.Second
	maxRetryAfter = 60 * time.Second
)

// statusError is the error of a non-2xx answer of provider: a 429 becomes
// upstream_rate_limited with the backend's wait, anything else upstream_error.
func statusError(provider string, resp *http.Response, now time.Time) *mira.Error {
	cause := &StatusError{Provider: provider, StatusCode: resp.StatusCode}
	if resp.StatusCode == http.StatusTooManyRequests {
		return rateLimited(retryAfter(resp.Header, now), cause)
	}
	return upstreamError(fmt.Sprintf("the model backend failed (HTTP %d)", resp.StatusCode), cause)
}

// rateLimited is the upstream_rate_limited error telling the client to wait.
func rateLimited(wait time.Duration, cause error) *mira.Error {
	return &mira.Error{Code: mira.EUpstreamRateLimited, RetryAfter: wait, Err: cause,
		Message: fmt.Sprintf("the model backend is rate limited; retry after %d s", int64((wait+time.Second-1)/time.Second))}
}

// retryAfter reads how long a backend asks to wait: retry-after-ms (sent by
// OpenAI), else Retry-After in seconds or as an HTTP date (RFC 9110
// §10.2.3), bounded to [minRetryAfter, maxRetryAfter]. Without a readable
// value it is minRetryAfter.
func retryAfter(h http.Header, now time.Time) time.Duration {
	wait := time.Duration(0)
	if ms, err := strconv.ParseFloat(strings.TrimSpace(h.Get("Retry-After-Ms")), 64); err == nil && ms > 0 && ms < 1e9 {
		wait = time.Duration(ms * float64(time.Millisecond))
	} else if v := strings.TrimSpace(h.Get("Retry-After")); v != "" {
		if s, err := strconv.ParseInt(v, 10, 64); err == nil {
			wait = time.Duration(min(max(s, 0), 1<<20)) * time.Second
		} else if t, err := http.ParseTime(v); err == nil {
			wait = t.Sub(now)
		}
	}
	return clampWait(wait)
}

// clampWait bounds a wait told to clients to [minRetryAfter, maxRetryAfter].
func clampWait(d time.Duration) time.Duration { return min(max(d, minRetryAfter), maxRetryAfter) }
