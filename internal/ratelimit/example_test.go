package ratelimit_test

import (
	"context"
	"fmt"
	"net/http"
	"net/http/httptest"

	"github.com/vmira/mira/internal/ratelimit"
)

// The shape of the server's use: admit after authentication, headers on
// every response, 429 before any byte of a stream, Release on every path,
// Settle with the real usage.
func Example() {
	limiter := ratelimit.NewMemory(ratelimit.MemoryOptions{})
	plan := ratelimit.Plan{Name: "tiny", RequestsPerMinute: 2, TokensPerMinute: 1000}

	chat := func(w http.ResponseWriter, r *http.Request) {
		d, res, err := limiter.Admit(r.Context(), ratelimit.Request{
			Subject: "key_123", // or "user_..." for access tokens
			Plan:    plan,
			Tokens:  300, // prompt estimate + max_tokens
		})
		if err != nil {
			http.Error(w, "internal_error", http.StatusInternalServerError)
			return
		}
		ratelimit.SetHeaders(w.Header(), d)
		if !d.Allowed {
			http.Error(w, "rate_limit_exceeded", http.StatusTooManyRequests)
			return
		}
		defer res.Release() // success, error, disconnect, panic
		// ... call the provider, stream the answer ...
		used := 120 // from the usage chunk, or counted
		_ = res.Settle(context.WithoutCancel(r.Context()), used)
	}

	for i := 0; i < 3; i++ {
		rec := httptest.NewRecorder()
		chat(rec, httptest.NewRequest("POST", "/v1/chat/completions", nil))
		fmt.Printf("%d remaining=%s retry-after=%q\n", rec.Code, rec.Header().Get("X-RateLimit-Remaining-Requests"), rec.Header().Get("Retry-After"))
	}
	// Output:
	// 200 remaining=1 retry-after=""
	// 200 remaining=0 retry-after=""
	// 429 remaining=0 retry-after="30"
}
