package ratelimit

import (
	"math/rand/v2"
	"net/http"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
)

func TestSetHeaders(t *testing.T) {
	tests := []struct {
		name string
		d    Decision
		want http.Header
	}{
		{
			name: "admitted, tokens tightest",
			d: Decision{
				Allowed:  true,
				Requests: Window{Limit: 500, Remaining: 499, Reset: 120 * time.Millisecond},
				Tokens:   Window{Limit: 400_000, Remaining: 100_000, Reset: 6 * time.Minute / 4},
				Day:      Window{Limit: 50_000, Remaining: 49_000, Reset: 28*time.Minute + 800*time.Millisecond},
			},
			want: http.Header{
				"X-Ratelimit-Limit-Requests":     {"500"},
				"X-Ratelimit-Remaining-Requests": {"499"},
				"X-Ratelimit-Reset-Requests":     {"120ms"},
				"X-Ratelimit-Limit-Tokens":       {"400000"},
				"X-Ratelimit-Remaining-Tokens":   {"100000"},
				"X-Ratelimit-Reset-Tokens":       {"1m30s"},
				"X-Ratelimit-Limit":              {"400000"},
				"X-Ratelimit-Remaining":          {"100000"},
				"X-Ratelimit-Reset":              {"90"},
			},
		},
		{
			name: "admitted, day tightest, resets rounded up",
			d: Decision{
				Allowed:  true,
				Requests: Window{Limit: 20, Remaining: 19, Reset: 3*time.Second + 1},
				Tokens:   Window{Limit: 40_000, Remaining: 39_000, Reset: 1500*time.Millisecond + 400*time.Microsecond},
				Day:      Window{Limit: 500, Remaining: 400, Reset: 6 * time.Hour},
			},
			want: http.Header{
				"X-Ratelimit-Limit-Requests":     {"20"},
				"X-Ratelimit-Remaining-Requests": {"19"},
				"X-Ratelimit-Reset-Requests":     {"3.001s"},
				"X-Ratelimit-Limit-Tokens":       {"40000"},
				"X-Ratelimit-Remaining-Tokens":   {"39000"},
				"X-Ratelimit-Reset-Tokens":       {"1.501s"},
				"X-Ratelimit-Limit":              {"500"},
				"X-Ratelimit-Remaining":          {"400"},
				"X-Ratelimit-Reset":              {"21600"},
			},
		},
		{
			name: "equal fractions: the longer reset",
			d: Decision{
				Allowed:  true,
				Requests: Window{Limit: 10, Remaining: 5, Reset: 30 * time.Second},
				Tokens:   Window{Limit: 1000, Remaining: 500, Reset: 31 * time.Second},
			},
			want: http.Header{
				"X-Ratelimit-Limit-Requests":     {"10"},
				"X-Ratelimit-Remaining-Requests": {"5"},
				"X-Ratelimit-Reset-Requests":     {"30s"},
				"X-Ratelimit-Limit-Tokens":       {"1000"},
				"X-Ratelimit-Remaining-Tokens":   {"500"},
				"X-Ratelimit-Reset-Tokens":       {"31s"},
				"X-Ratelimit-Limit":              {"1000"},
				"X-Ratelimit-Remaining":          {"500"},
				"X-Ratelimit-Reset":              {"31"},
			},
		},
		{
			name: "refused for requests: exact retry",
			d: Decision{
				Requests:   Window{Limit: 7, Remaining: 0, Reset: time.Minute},
				Tokens:     Window{Limit: 1000, Remaining: 900, Reset: 6 * time.Second},
				RetryAfter: 8572 * time.Millisecond,
				Reason:     ReasonRequests,
			},
			want: http.Header{
				"X-Ratelimit-Limit-Requests":     {"7"},
				"X-Ratelimit-Remaining-Requests": {"0"},
				"X-Ratelimit-Reset-Requests":     {"1m0s"},
				"X-Ratelimit-Limit-Tokens":       {"1000"},
				"X-Ratelimit-Remaining-Tokens":   {"900"},
				"X-Ratelimit-Reset-Tokens":       {"6s"},
				"X-Ratelimit-Limit":              {"7"},
				"X-Ratelimit-Remaining":          {"0"},
				"X-Ratelimit-Reset":              {"60"},
				"Retry-After":                    {"9"},
				"Retry-After-Ms":                 {"8572"},
			},
		},
		{
			name: "refused for tokens with tokens left: the refusing window is the tightest",
			d: Decision{
				Requests:   Window{Limit: 10, Remaining: 1, Reset: 54 * time.Second},
				Tokens:     Window{Limit: 1000, Remaining: 300, Reset: 42 * time.Second},
				RetryAfter: 100 * time.Microsecond,
				Reason:     ReasonTokens,
			},
			want: http.Header{
				"X-Ratelimit-Limit-Requests":     {"10"},
				"X-Ratelimit-Remaining-Requests": {"1"},
				"X-Ratelimit-Reset-Requests":     {"54s"},
				"X-Ratelimit-Limit-Tokens":       {"1000"},
				"X-Ratelimit-Remaining-Tokens":   {"300"},
				"X-Ratelimit-Reset-Tokens":       {"42s"},
				"X-Ratelimit-Limit":              {"1000"},
				"X-Ratelimit-Remaining":          {"300"},
				"X-Ratelimit-Reset":              {"42"},
				"Retry-After":                    {"1"},
				"Retry-After-Ms":                 {"1"},
			},
		},
		{
			name: "refused for the day: capped at 60s",
			d: Decision{
				Requests:   Window{Limit: 20, Remaining: 18, Reset: 6 * time.Second},
				Day:        Window{Limit: 500, Remaining: 0, Reset: 24 * time.Hour},
				RetryAfter: 172800 * time.Millisecond,
				Reason:     ReasonRequestsPerDay,
			},
			want: http.Header{
				"X-Ratelimit-Limit-Requests":     {"20"},
				"X-Ratelimit-Remaining-Requests": {"18"},
				"X-Ratelimit-Reset-Requests":     {"6s"},
				"X-Ratelimit-Limit":              {"500"},
				"X-Ratelimit-Remaining":          {"0"},
				"X-Ratelimit-Reset":              {"86400"},
				"Retry-After":                    {"60"},
				"Retry-After-Ms":                 {"60000"},
			},
		},
		{
			name: "never fits",
			d: Decision{
				Requests:  Window{Limit: 20, Remaining: 20},
				Tokens:    Window{Limit: 40_000, Remaining: 40_000},
				NeverFits: true,
				Reason:    ReasonTokens,
			},
			want: http.Header{
				"X-Ratelimit-Limit-Requests":     {"20"},
				"X-Ratelimit-Remaining-Requests": {"20"},
				"X-Ratelimit-Reset-Requests":     {"0s"},
				"X-Ratelimit-Limit-Tokens":       {"40000"},
				"X-Ratelimit-Remaining-Tokens":   {"40000"},
				"X-Ratelimit-Reset-Tokens":       {"0s"},
				"X-Ratelimit-Limit":              {"40000"},
				"X-Ratelimit-Remaining":          {"40000"},
				"X-Ratelimit-Reset":              {"0"},
				"Retry-After":                    {"1"},
				"Retry-After-Ms":                 {"1"},
				"X-Should-Retry":                 {"false"},
			},
		},
		{
			name: "refused for concurrency",
			d: Decision{
				Requests:   Window{Limit: 20, Remaining: 15, Reset: 15 * time.Second},
				Concurrent: Window{Limit: 2, Remaining: 0},
				RetryAfter: ConcurrencyRetry,
				Reason:     ReasonConcurrency,
			},
			want: http.Header{
				"X-Ratelimit-Limit-Requests":     {"20"},
				"X-Ratelimit-Remaining-Requests": {"15"},
				"X-Ratelimit-Reset-Requests":     {"15s"},
				"X-Ratelimit-Limit":              {"20"},
				"X-Ratelimit-Remaining":          {"15"},
				"X-Ratelimit-Reset":              {"15"},
				"Retry-After":                    {"1"},
				"Retry-After-Ms":                 {"1000"},
			},
		},
		{
			name: "unlimited plan",
			d:    Decision{Allowed: true},
			want: http.Header{},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := http.Header{}
			SetHeaders(got, tt.d)
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("SetHeaders(%+v) (-want +got):\n%s", tt.d, diff)
			}
		})
	}
}

func TestSetRetryAfter(t *testing.T) {
	tests := []struct {
		wait        time.Duration
		wantSeconds string
		wantMs      string
	}{
		{-time.Second, "1", "1"},
		{0, "1", "1"},
		{100 * time.Microsecond, "1", "1"},
		{time.Millisecond, "1", "1"},
		{time.Second, "1", "1000"},
		{time.Second + time.Nanosecond, "2", "1001"},
		{8572*time.Millisecond + 300*time.Microsecond, "9", "8573"},
		{time.Minute, "60", "60000"},
		{15 * time.Minute, "900", "900000"}, // not capped
		{24 * time.Hour, "86400", "86400000"},
	}
	for _, tt := range tests {
		h := http.Header{}
		SetRetryAfter(h, tt.wait)
		want := http.Header{"Retry-After": {tt.wantSeconds}, "Retry-After-Ms": {tt.wantMs}}
		if diff := cmp.Diff(want, h); diff != "" {
			t.Errorf("SetRetryAfter(%v) (-want +got):\n%s", tt.wait, diff)
		}
	}
}

// TestSetHeadersFromLimiter checks the headers of real decisions, end to end.
func TestSetHeadersFromLimiter(t *testing.T) {
	clock := newFakeClock()
	m := NewMemory(MemoryOptions{Clock: clock.Now})
	req := Request{Subject: newSubject(), Plan: DefaultPlans()["free"], Tokens: 1000}
	for i := 0; i < 20; i++ {
		_, res := mustAdmit(t, m, req)
		res.Release()
	}
	d, _ := mustAdmit(t, m, req)
	got := http.Header{}
	SetHeaders(got, d)
	want := http.Header{
		"X-Ratelimit-Limit-Requests":     {"20"},
		"X-Ratelimit-Remaining-Requests": {"0"},
		"X-Ratelimit-Reset-Requests":     {"1m0s"},
		"X-Ratelimit-Limit-Tokens":       {"40000"},
		"X-Ratelimit-Remaining-Tokens":   {"20000"},
		"X-Ratelimit-Reset-Tokens":       {"30s"},
		"X-Ratelimit-Limit":              {"20"},
		"X-Ratelimit-Remaining":          {"0"},
		"X-Ratelimit-Reset":              {"60"},
		"Retry-After":                    {"3"},
		"Retry-After-Ms":                 {"3000"},
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("(-want +got):\n%s", diff)
	}
}

// TestAppendDuration checks the reset format against time.Duration.String
// over whole milliseconds from 0 to past a day.
func TestAppendDuration(t *testing.T) {
	check := func(d time.Duration) {
		if got, want := string(appendDuration(nil, d)), d.String(); got != want {
			t.Fatalf("appendDuration(%d) = %q; want %q", d, got, want)
		}
	}
	for ms := int64(0); ms < 200_000; ms++ {
		check(time.Duration(ms) * time.Millisecond)
	}
	r := rand.New(rand.NewPCG(1, 2))
	for range 200_000 {
		check(time.Duration(r.Int64N(int64(48*time.Hour/time.Millisecond))) * time.Millisecond)
	}
	check(-3 * time.Millisecond)
	check(1500 * time.Microsecond)
}
