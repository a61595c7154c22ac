package client

import (
	"context"
	"crypto/x509"
	"errors"
	"io"
	"net"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/vmira/mira/internal/openai"
)

// reply is one scripted answer of a test server; status 200 answers a model list.
type reply struct {
	status  int
	headers map[string]string
}

// scriptedServer answers the n-th request with replies[n] (the last one
// repeats) and counts requests.
func scriptedServer(t *testing.T, replies ...reply) (*httptest.Server, *atomic.Int32) {
	t.Helper()
	var n atomic.Int32
	srv := newTLSServer(t, func(w http.ResponseWriter, r *http.Request) {
		i := int(n.Add(1)) - 1
		rp := replies[min(i, len(replies)-1)]
		for k, v := range rp.headers {
			w.Header().Set(k, v)
		}
		if rp.status == 200 {
			writeJSON(w, openai.ModelList{Object: "list", Data: []openai.Model{{ID: "mira-echo"}}})
			return
		}
		writeError(w, rp.status, http.StatusText(rp.status), "scripted failure")
	})
	return srv, &n
}

func TestRetry(t *testing.T) {
	now := time.Date(2025, 3, 1, 12, 0, 0, 0, time.UTC)
	ms := time.Millisecond
	tests := []struct {
		name         string
		replies      []reply
		maxRetries   int // -1: the default
		wantAttempts int32
		wantSleeps   []time.Duration
		wantStatus   int // of the returned *Error; 0: success
		wantRetryIn  time.Duration
	}{
		{
			name: "429 honours retry-after-ms exactly",
			replies: []reply{
				{429, map[string]string{"retry-after-ms": "1234", "Retry-After": "2"}},
				{200, nil},
			},
			maxRetries: -1, wantAttempts: 2, wantSleeps: []time.Duration{1234 * ms},
		},
		{
			name:       "429 honours Retry-After seconds",
			replies:    []reply{{429, map[string]string{"Retry-After": "3"}}, {200, nil}},
			maxRetries: -1, wantAttempts: 2, wantSleeps: []time.Duration{3 * time.Second},
		},
		{
			name:       "429 honours Retry-After as an HTTP date",
			replies:    []reply{{429, map[string]string{"Retry-After": now.Add(5 * time.Second).Format(http.TimeFormat)}}, {200, nil}},
			maxRetries: -1, wantAttempts: 2, wantSleeps: []time.Duration{5 * time.Second},
		},
		{
			name:       "Retry-After of 60 s is waited",
			replies:    []reply{{429, map[string]string{"Retry-After": "60"}}, {200, nil}},
			maxRetries: -1, wantAttempts: 2, wantSleeps: []time.Duration{60 * time.Second},
		},
		{
			name:       "Retry-After over 60 s gives up at once",
			replies:    []reply{{429, map[string]string{"Retry-After": "120"}}, {200, nil}},
			maxRetries: -1, wantAttempts: 1, wantStatus: 429, wantRetryIn: 120 * time.Second,
		},
		{
			name:       "429 without retry headers backs off",
			replies:    []reply{{429, nil}, {200, nil}},
			maxRetries: -1, wantAttempts: 2, wantSleeps: []time.Duration{500 * ms},
		},
		{
			name:       "x-should-retry false is not retried",
			replies:    []reply{{429, map[string]string{"x-should-retry": "false", "Retry-After": "1"}}, {200, nil}},
			maxRetries: -1, wantAttempts: 1, wantStatus: 429, wantRetryIn: time.Second,
		},
		{
			name:       "x-should-retry true retries even a 400",
			replies:    []reply{{400, map[string]string{"x-should-retry": "true"}}, {200, nil}},
			maxRetries: -1, wantAttempts: 2, wantSleeps: []time.Duration{500 * ms},
		},
		{
			name:       "400 is not retried",
			replies:    []reply{{400, nil}, {200, nil}},
			maxRetries: -1, wantAttempts: 1, wantStatus: 400,
		},
		{
			name:       "401 is not retried",
			replies:    []reply{{401, nil}, {200, nil}},
			maxRetries: -1, wantAttempts: 1, wantStatus: 401,
		},
		{
			name:       "408 and 409 are retried",
			replies:    []reply{{408, nil}, {409, nil}, {200, nil}},
			maxRetries: -1, wantAttempts: 3, wantSleeps: []time.Duration{500 * ms, 1000 * ms},
		},
		{
			name:       "500 retried up to MaxRetries then the error",
			replies:    []reply{{500, nil}},
			maxRetries: -1, wantAttempts: 3, wantSleeps: []time.Duration{500 * ms, 1000 * ms}, wantStatus: 500,
		},
		{
			name:       "MaxRetries 0 never retries",
			replies:    []reply{{503, nil}, {200, nil}},
			maxRetries: 0, wantAttempts: 1, wantStatus: 503,
		},
		{
			name:         "backoff doubles up to its 8 s cap",
			replies:      []reply{{503, nil}},
			maxRetries:   6,
			wantAttempts: 7,
			wantSleeps:   []time.Duration{500 * ms, time.Second, 2 * time.Second, 4 * time.Second, 8 * time.Second, 8 * time.Second},
			wantStatus:   503,
		},
		{
			name:       "retry-after-ms 0 retries at once",
			replies:    []reply{{503, map[string]string{"retry-after-ms": "0"}}, {200, nil}},
			maxRetries: -1, wantAttempts: 2, wantSleeps: []time.Duration{0},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			srv, n := scriptedServer(t, tt.replies...)
			opts := []Option{withNow(func() time.Time { return now })}
			if tt.maxRetries >= 0 {
				opts = append(opts, WithMaxRetries(tt.maxRetries))
			}
			c, rec := newTestClient(t, srv, opts...)
			_, err := c.Models(context.Background())

			if got := n.Load(); got != tt.wantAttempts {
				t.Errorf("attempts = %d; want %d", got, tt.wantAttempts)
			}
			if diff := cmp.Diff(tt.wantSleeps, rec.Sleeps()); diff != "" {
				t.Errorf("sleeps mismatch (-want +got):\n%s", diff)
			}
			if len(rec.retries) != len(tt.wantSleeps) {
				t.Errorf("OnRetry called %d times; want %d", len(rec.retries), len(tt.wantSleeps))
			}
			for i, r := range rec.retries {
				if r.Attempt != i+1 || r.Wait != tt.wantSleeps[i] || !strings.Contains(r.Err, "scripted failure") {
					t.Errorf("OnRetry call %d = %+v; want attempt %d, wait %v and the error", i, r, i+1, tt.wantSleeps[i])
				}
			}
			if tt.wantStatus == 0 {
				if err != nil {
					t.Fatalf("Models() = %v; want success", err)
				}
				return
			}
			var apiErr *Error
			if !errors.As(err, &apiErr) {
				t.Fatalf("Models() error = %v; want an *Error", err)
			}
			if apiErr.StatusCode != tt.wantStatus || apiErr.RetryAfter != tt.wantRetryIn {
				t.Errorf("error status %d, RetryAfter %v; want %d, %v", apiErr.StatusCode, apiErr.RetryAfter, tt.wantStatus, tt.wantRetryIn)
			}
		})
	}
}

func TestRetryResendsBody(t *testing.T) {
	var bodies guarded[[]string]
	srv := newTLSServer(t, func(w http.ResponseWriter, r *http.Request) {
		b, _ := io.ReadAll(r.Body)
		var n int
		bodies.Update(func(s *[]string) { *s = append(*s, string(b)); n = len(*s) })
		if n < 3 {
			writeError(w, 503, "service_unavailable", "warming up")
			return
		}
		content := "ok"
		writeJSON(w, openai.ChatCompletion{ID: "c", Choices: []openai.Choice{{Message: openai.ResponseMessage{Role: "assistant", Content: &content}}}})
	})
	c, _ := newTestClient(t, srv)
	got, err := c.ChatCompletion(context.Background(), ChatRequest{Model: "m", Messages: []Message{{Role: "user", Content: "hi"}}})
	if err != nil {
		t.Fatalf("ChatCompletion: %v", err)
	}
	if got.Choices[0].Message.Content != "ok" {
		t.Errorf("content = %q; want ok", got.Choices[0].Message.Content)
	}
	want := `{"model":"m","messages":[{"role":"user","content":"hi"}]}`
	if diff := cmp.Diff([]string{want, want, want}, bodies.Get()); diff != "" {
		t.Errorf("request bodies mismatch (-want +got):\n%s", diff)
	}
}

func TestRetryConnectionRefused(t *testing.T) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	addr := ln.Addr().String()
	ln.Close() // nothing listens there now

	c, rec := newTestClientAt(t, "https://"+addr, x509.NewCertPool())
	_, err = c.Models(context.Background())
	if err == nil || !strings.Contains(err.Error(), "connection refused") || !strings.HasSuffix(err.Error(), "(after 3 attempts)") {
		t.Fatalf("Models() error = %v; want connection refused after 3 attempts", err)
	}
	if diff := cmp.Diff([]time.Duration{500 * time.Millisecond, time.Second}, rec.Sleeps()); diff != "" {
		t.Errorf("sleeps mismatch (-want +got):\n%s", diff)
	}
}

func TestRetryStopsWaitingOnCancel(t *testing.T) {
	srv, n := scriptedServer(t, reply{429, map[string]string{"retry-after-ms": "30000"}})
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	c, _ := newTestClient(t, srv, withSleep(sleep), WithOnRetry(func(int, time.Duration, error) {
		time.AfterFunc(50*time.Millisecond, cancel)
	}))
	start := time.Now()
	_, err := c.Models(ctx)
	if !errors.Is(err, context.Canceled) || !strings.Contains(err.Error(), "scripted failure") {
		t.Fatalf("Models() error = %v; want context.Canceled and the last error", err)
	}
	if elapsed := time.Since(start); elapsed > 5*time.Second {
		t.Errorf("Models() took %v after cancel; want it to stop waiting at once", elapsed)
	}
	if n.Load() != 1 {
		t.Errorf("attempts = %d; want 1", n.Load())
	}
}

func TestRetryNotPastDeadline(t *testing.T) {
	srv, n := scriptedServer(t, reply{429, map[string]string{"Retry-After": "30"}})
	c, rec := newTestClient(t, srv)
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	_, err := c.Models(ctx)
	var apiErr *Error
	if !errors.As(err, &apiErr) || apiErr.StatusCode != 429 {
		t.Fatalf("Models() error = %v; want the 429, not a deadline error", err)
	}
	if n.Load() != 1 || len(rec.Sleeps()) != 0 {
		t.Errorf("attempts = %d, sleeps = %v; want 1 attempt and no sleep", n.Load(), rec.Sleeps())
	}
}

func TestBackoffFullJitter(t *testing.T) {
	c, err := New()
	if err != nil {
		t.Fatal(err)
	}
	for n, limit := range []time.Duration{500 * time.Millisecond, time.Second, 2 * time.Second, 4 * time.Second, 8 * time.Second, 8 * time.Second, 8 * time.Second} {
		seen := map[time.Duration]bool{}
		for range 200 {
			d := c.backoff(n)
			if d < 0 || d > limit {
				t.Fatalf("backoff(%d) = %v; want within [0, %v]", n, d, limit)
			}
			seen[d] = true
		}
		if len(seen) < 100 {
			t.Errorf("backoff(%d) took only %d distinct values in 200 draws; want full jitter", n, len(seen))
		}
	}
	if d := c.backoff(1000); d < 0 || d > backoffCap {
		t.Errorf("backoff(1000) = %v; want within [0, %v]", d, backoffCap)
	}
}
