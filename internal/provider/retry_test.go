package provider

import (
	"errors"
	"net"
	"net/http"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/vmira/mira/internal/mira"
)

func TestRetryAfter(t *testing.T) {
	now := time.Date(2026, 1, 2, 3, 4, 5, 0, time.UTC)
	tests := []struct {
		name   string
		header http.Header
		want   time.Duration
	}{
		{"absent", http.Header{}, time.Second},
		{"seconds", http.Header{"Retry-After": {"7"}}, 7 * time.Second},
		{"zero", http.Header{"Retry-After": {"0"}}, time.Second},
		{"negative", http.Header{"Retry-After": {"-5"}}, time.Second},
		{"over a minute", http.Header{"Retry-After": {"3600"}}, 60 * time.Second},
		{"huge", http.Header{"Retry-After": {"99999999999999999999"}}, time.Second},
		{"http date", http.Header{"Retry-After": {now.Add(12 * time.Second).Format(http.TimeFormat)}}, 12 * time.Second},
		{"http date past", http.Header{"Retry-After": {now.Add(-time.Hour).Format(http.TimeFormat)}}, time.Second},
		{"http date far", http.Header{"Retry-After": {now.Add(time.Hour).Format(http.TimeFormat)}}, 60 * time.Second},
		{"garbage", http.Header{"Retry-After": {"soon<script>"}}, time.Second},
		{"milliseconds first", http.Header{"Retry-After-Ms": {"2500"}, "Retry-After": {"9"}}, 2500 * time.Millisecond},
		{"bad milliseconds", http.Header{"Retry-After-Ms": {"NaN"}, "Retry-After": {"9"}}, 9 * time.Second},
	}
	for _, tt := range tests {
		if got := retryAfter(tt.header, now); got != tt.want {
			t.Errorf("%s: retryAfter(%v) = %v; want %v", tt.name, tt.header, got, tt.want)
		}
	}
}

// TestUpstream429 checks that a backend's 429 becomes upstream_rate_limited
// with its wait, for plain and streamed requests, and that nothing of the
// backend's body or address is in the error.
func TestUpstream429(t *testing.T) {
	srv := upstream(t, func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Retry-After", "7")
		w.WriteHeader(http.StatusTooManyRequests)
		w.Write([]byte(`{"error":{"message":"quota of sk-upstream-TESTKEY exceeded at 10.9.8.7"}}`))
	})
	p := newTestProvider(t, srv.URL, nil)
	_, err := p.Chat(must(chatRequest(t, plainBody)))
	_, serr := p.ChatStream(must(chatRequest(t, streamBody)))
	for _, err := range []error{err, serr} {
		var e *mira.Error
		if !errors.As(err, &e) || e.Code != mira.EUpstreamRateLimited || e.RetryAfter != 7*time.Second {
			t.Fatalf("err = %v; want upstream_rate_limited retrying after 7s", err)
		}
		var se *StatusError
		if !errors.As(err, &se) || se.StatusCode != 429 {
			t.Errorf("err = %v; want a StatusError 429 as the cause", err)
		}
		for _, leak := range []string{"quota", "sk-upstream", "10.9.8.7", "127.0.0.1"} {
			if strings.Contains(err.Error(), leak) {
				t.Errorf("error %q shows %q", err, leak)
			}
		}
	}
}

// TestTransportErrorsHideAddress: a refused connection's error, which is
// logged, names neither the backend's URL nor its address, and still
// unwraps to the system error.
func TestTransportErrorsHideAddress(t *testing.T) {
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	addr := l.Addr().String()
	l.Close()
	p := newTestProvider(t, "http://"+addr, nil)
	_, err = p.Chat(must(chatRequest(t, plainBody)))
	for _, leak := range []string{addr, "127.0.0.1", "http://"} {
		if strings.Contains(err.Error(), leak) {
			t.Errorf("error %q shows %q", err, leak)
		}
	}
	if !errors.Is(err, syscall.ECONNREFUSED) || !strings.Contains(err.Error(), "connection refused") {
		t.Errorf("error %q does not say, or unwrap to, connection refused", err)
	}
	for _, raw := range []string{"http://backend.internal:8000/v1", "https://10.1.2.3/v1"} {
		err := hideAddress(errors.New("Post \""+raw+"/chat/completions\": something"), raw)
		if strings.Contains(err.Error(), "backend.internal") || strings.Contains(err.Error(), "10.1.2.3") {
			t.Errorf("hideAddress = %q; want no host", err)
		}
	}
}
