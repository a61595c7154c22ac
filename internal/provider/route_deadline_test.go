package provider

import (
	"errors"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/vmira/mira/internal/mira"
)

// hanging returns a backend that never answers, whose own timeouts
// (an hour) never end a request: only the route's timeout can.
func hanging(t *testing.T, name string, requestTimeout time.Duration) *backend {
	b := newBackend(t, name, func(c *OpenAIConfig) {
		c.ResponseHeaderTimeout, c.RequestTimeout, c.StreamIdleTimeout = time.Hour, requestTimeout, time.Hour
	})
	b.hold = make(chan struct{})
	t.Cleanup(func() { close(b.hold) })
	return b
}

// askWithin is ask, failing the test if no answer comes within a minute:
// a request that only the backends' hour-long timeouts would end.
func askWithin(t *testing.T, r *Route, stream bool) error {
	t.Helper()
	done := make(chan error, 1)
	go func() {
		_, err := ask(t, r, stream)
		done <- err
	}()
	select {
	case err := <-done:
		return err
	case <-time.After(time.Minute):
		t.Fatal("no answer: the route's timeout did not end the request")
		return nil
	}
}

// checkTimeout checks that err is the contract's error for an upstream
// timeout, without the backends' addresses.
func checkTimeout(t *testing.T, err error) {
	t.Helper()
	var e *mira.Error
	if !errors.As(err, &e) || e.Code != mira.EUpstream || e.Message != msgTimeout {
		t.Fatalf("err = %v; want upstream_error %q", err, msgTimeout)
	}
	if strings.Contains(err.Error(), "127.0.0.1") {
		t.Errorf("error %q names a backend's address", err)
	}
}

// TestRouteTimeout: a route's timeout bounds the whole sequence of tries:
// with every target hanging (their own timeouts an hour), the client gets
// an upstream timeout when the route's timeout passes, plain or streamed,
// and no further target is tried after it; each cut try counts against
// its target's breaker.
func TestRouteTimeout(t *testing.T) {
	for _, stream := range []bool{false, true} {
		a, b, c := hanging(t, "a", time.Hour), hanging(t, "b", time.Hour), hanging(t, "c", time.Hour)
		r, err := NewRoute(RouteConfig{Model: "chat", Failures: 1, Timeout: 200 * time.Millisecond,
			Targets: []Target{{a, "m", 3, 0}, {b, "m", 2, 0}, {c, "m", 1, 0}}})
		if err != nil {
			t.Fatal(err)
		}
		checkTimeout(t, askWithin(t, r, stream))
		if calls := a.calls.Load() + b.calls.Load() + c.calls.Load(); calls != 1 {
			t.Errorf("stream %v: %d targets called; want 1, cut by the route's timeout", stream, calls)
		}
		open := 0
		for _, s := range r.Status() {
			if s.State == "open" {
				open++
			}
			if s.InFlight != 0 {
				t.Errorf("stream %v: %+v holds a slot after its request ended", stream, s)
			}
		}
		if open != 1 {
			t.Errorf("stream %v: %+v; want the breaker of the target cut open (1 failure opens it here)", stream, r.Status())
		}
	}
}

// TestRouteTimeoutDefault: without a timeout of its own a route is bounded
// by the longest request timeout of its targets' providers, streams too
// (a backend's request timeout bounds only its non-streamed requests).
func TestRouteTimeoutDefault(t *testing.T) {
	a, b := hanging(t, "a", 150*time.Millisecond), hanging(t, "b", 100*time.Millisecond)
	r, err := NewRoute(RouteConfig{Model: "chat", Targets: []Target{{a, "m", 2, 0}, {b, "m", 1, 0}}})
	if err != nil {
		t.Fatal(err)
	}
	if r.timeout != 150*time.Millisecond {
		t.Errorf("timeout %v; want a's request timeout, the longest", r.timeout)
	}
	checkTimeout(t, askWithin(t, r, true))
	if calls := a.calls.Load() + b.calls.Load(); calls != 1 {
		t.Errorf("%d targets called; want 1, cut by the route's timeout", calls)
	}
	echo, err := NewRoute(RouteConfig{Model: "e", Targets: []Target{{NewEcho(), "mira-echo", 1, 0}}})
	if err != nil || echo.timeout != 0 {
		t.Errorf("a route of echo: timeout %v, %v; want none", echo.timeout, err)
	}
}

// TestRouteTimeoutSparesStartedStreams: the route's timeout bounds the
// wait for a stream to start, not the stream: one still running after it
// ends as its backend ends it.
func TestRouteTimeoutSparesStartedStreams(t *testing.T) {
	release := make(chan struct{})
	srv := upstream(t, func(w http.ResponseWriter, r *http.Request) {
		startSSE(w)
		sse(w, frames(roleChunk))
		<-release
		sse(w, frames(chunk("late but whole"), finishChunk, "[DONE]"))
	})
	p := newTestProvider(t, srv.URL, func(c *OpenAIConfig) { c.Name = "slow" })
	r, err := NewRoute(RouteConfig{Model: "chat", Timeout: 50 * time.Millisecond, Targets: []Target{{p, "m", 1, 0}}})
	if err != nil {
		t.Fatal(err)
	}
	st, err := r.ChatStream(must(chatRequest(t, streamBody)))
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	if _, err := st.Next(); err != nil {
		t.Fatal(err)
	}
	time.Sleep(200 * time.Millisecond) // well past the route's timeout
	close(release)
	got, err := collect(t, st)
	if err != nil || !strings.Contains(strings.Join(got, ""), "late but whole") {
		t.Errorf("stream after the route's timeout: %q, %v; want it whole", got, err)
	}
}
