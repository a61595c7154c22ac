package provider

import (
	"context"
	"encoding/json"
	"errors"
	"io"
	"net"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/vmira/mira/internal/mira"
	"github.com/vmira/mira/internal/openai"
	"github.com/vmira/mira/internal/testkit"
)

// backend is a fake OpenAI-compatible upstream whose behaviour a test
// switches: it answers, fails with a status, or holds the request.
type backend struct {
	*OpenAI
	calls  atomic.Int64
	status atomic.Int32 // non-zero: answer with this status
	hold   chan struct{}
	mu     sync.Mutex
	models []string // the model of each request, as received
}

func newBackend(t *testing.T, name string, edit func(*OpenAIConfig)) *backend {
	b := &backend{}
	srv := upstream(t, func(w http.ResponseWriter, r *http.Request) {
		b.calls.Add(1)
		body, _ := io.ReadAll(r.Body)
		req, _ := chatRequestBytes(body)
		b.mu.Lock()
		b.models = append(b.models, req)
		b.mu.Unlock()
		if b.hold != nil {
			select {
			case <-b.hold:
			case <-r.Context().Done():
				return
			}
		}
		if code := b.status.Load(); code != 0 {
			w.Header().Set("Retry-After", "7")
			w.WriteHeader(int(code))
			io.WriteString(w, `{"error":{"message":"backend secret sk-upstream-xyz at 10.0.0.9"}}`)
			return
		}
		if strings.Contains(string(body), `"stream":true`) {
			startSSE(w)
			sse(w, frames(roleChunk, chunk("hi from "+name), finishChunk, "[DONE]"))
			return
		}
		w.Header().Set("Content-Type", "application/json")
		io.WriteString(w, strings.Replace(completion, "Hello!", "hi from "+name, 1))
	})
	b.OpenAI = newTestProvider(t, srv.URL, func(c *OpenAIConfig) {
		c.Name = name
		c.Models = nil
		if edit != nil {
			edit(c)
		}
	})
	return b
}

// chatRequestBytes returns the model member of a request body.
func chatRequestBytes(body []byte) (string, error) {
	var v struct {
		Model string `json:"model"`
	}
	err := json.Unmarshal(body, &v)
	return v.Model, err
}

func (b *backend) seen() []string {
	b.mu.Lock()
	defer b.mu.Unlock()
	return append([]string(nil), b.models...)
}

func newTestRoute(t *testing.T, clock *testkit.Clock, targets ...Target) *Route {
	t.Helper()
	cfg := RouteConfig{Model: "chat", Aliases: []string{"fast"}, Targets: targets, Failures: 2, Cooldown: 10 * time.Second}
	if clock != nil {
		cfg.Now = clock.Now
	}
	r, err := NewRoute(cfg)
	if err != nil {
		t.Fatal(err)
	}
	return r
}

// TestRouteWeights: smooth weighted round robin gives each target its
// exact share; each backend is sent its own model name and the client
// sees the name it sent.
func TestRouteWeights(t *testing.T) {
	a, b, c := newBackend(t, "a", nil), newBackend(t, "b", nil), newBackend(t, "c", nil)
	r := newTestRoute(t, nil, Target{a, "model-a", 1, 0}, Target{b, "/mnt/models/b", 2, 0}, Target{c, "model-c", 3, 0})
	body := `{"model":"fast","messages":[{"role":"user","content":"Hi"}]}`
	for range 60 {
		resp, err := r.Chat(must(chatRequest(t, body)))
		if err != nil {
			t.Fatal(err)
		}
		if !strings.Contains(string(resp.Body), `"model":"fast"`) || strings.Contains(string(resp.Body), "gpt-test") {
			t.Fatalf("answer %s; want the client's model name fast", resp.Body)
		}
	}
	if got := []int64{a.calls.Load(), b.calls.Load(), c.calls.Load()}; !cmp.Equal(got, []int64{10, 20, 30}) {
		t.Errorf("calls = %v; want [10 20 30] for weights 1:2:3", got)
	}
	if got := b.seen()[0]; got != "/mnt/models/b" {
		t.Errorf("backend b was sent model %q; want its own name", got)
	}
	// Streams are balanced the same way and show the client's name.
	st, err := r.ChatStream(must(chatRequest(t, strings.Replace(body, `"messages"`, `"stream":true,"messages"`, 1))))
	if err != nil {
		t.Fatal(err)
	}
	got, err := collect(t, st)
	if err != nil || len(got) == 0 || !strings.Contains(got[1], `"model":"fast"`) {
		t.Errorf("stream = %q, %v; want chunks naming fast", got, err)
	}
}

// TestRouteFailover: a refused connection, a timeout, a 5xx and a 429 of
// the first target each send the request to the second, for plain and
// streamed requests.
func TestRouteFailover(t *testing.T) {
	refused := func(t *testing.T) *backend {
		b := newBackend(t, "first", nil)
		l, err := net.Listen("tcp", "127.0.0.1:0")
		if err != nil {
			t.Fatal(err)
		}
		addr := l.Addr().String()
		l.Close()
		b.OpenAI = newTestProvider(t, "http://"+addr, func(c *OpenAIConfig) { c.Name, c.Models = "first", nil })
		return b
	}
	tests := []struct {
		name   string
		first  func(t *testing.T) *backend
		reason string
	}{
		{"refused", refused, ReasonUnreachable},
		{"timeout", func(t *testing.T) *backend {
			b := newBackend(t, "first", func(c *OpenAIConfig) { c.ResponseHeaderTimeout = 100 * time.Millisecond })
			b.hold = make(chan struct{})
			return b
		}, ReasonTimeout},
		{"500", func(t *testing.T) *backend { b := newBackend(t, "first", nil); b.status.Store(500); return b }, ReasonServerError},
		{"503", func(t *testing.T) *backend { b := newBackend(t, "first", nil); b.status.Store(503); return b }, ReasonServerError},
		{"429", func(t *testing.T) *backend { b := newBackend(t, "first", nil); b.status.Store(429); return b }, ReasonRateLimited},
	}
	for _, tt := range tests {
		for _, stream := range []bool{false, true} {
			t.Run(tt.name+map[bool]string{false: "", true: " stream"}[stream], func(t *testing.T) {
				first, second := tt.first(t), newBackend(t, "second", nil)
				r := newTestRoute(t, nil, Target{first, "m1", 100, 0}, Target{second, "m2", 1, 0})
				obs := &recorder{}
				r.SetObserver(obs)
				answer, err := ask(t, r, stream)
				if err != nil || !strings.Contains(answer, "hi from second") {
					t.Fatalf("answer %q, %v; want the second target's", answer, err)
				}
				if want := []string{"chat first " + tt.reason}; !cmp.Equal(obs.failovers(), want) {
					t.Errorf("failovers %q; want %q", obs.failovers(), want)
				}
			})
		}
	}
}

// ask sends one request to r and returns the answer's text.
func ask(t *testing.T, r *Route, stream bool) (string, error) {
	t.Helper()
	if !stream {
		resp, err := r.Chat(must(chatRequest(t, plainBody)))
		if err != nil {
			return "", err
		}
		return string(resp.Body), nil
	}
	st, err := r.ChatStream(must(chatRequest(t, streamBody)))
	if err != nil {
		return "", err
	}
	defer st.Close()
	got, err := collect(t, st)
	return strings.Join(got, ""), err
}

type recorder struct {
	mu    sync.Mutex
	fails []string
	calls []string
}

func (o *recorder) Upstream(backend string, _ time.Duration, err error) {
	o.mu.Lock()
	defer o.mu.Unlock()
	o.calls = append(o.calls, backend+" "+map[bool]string{true: "ok", false: "failed"}[err == nil])
}

func (o *recorder) Failover(route, backend, reason string) {
	o.mu.Lock()
	defer o.mu.Unlock()
	o.fails = append(o.fails, route+" "+backend+" "+reason)
}

func (o *recorder) failovers() []string {
	o.mu.Lock()
	defer o.mu.Unlock()
	return append([]string(nil), o.fails...)
}

// TestRouteNoFailoverOnRefusal: a 400 of the backend is the client's
// error, which another backend would give too: no failover, no breaker.
func TestRouteNoFailoverOnRefusal(t *testing.T) {
	first, second := newBackend(t, "first", nil), newBackend(t, "second", nil)
	first.status.Store(400)
	r := newTestRoute(t, nil, Target{first, "m1", 100, 0}, Target{second, "m2", 1, 0})
	for range 3 {
		if _, err := ask(t, r, false); mira.ErrorCode(err) != mira.EUpstream {
			t.Fatalf("err = %v; want the first target's upstream_error", err)
		}
	}
	if second.calls.Load() != 0 || r.Status()[0].State != "closed" {
		t.Errorf("second called %d times, first %s; want no failover and a closed breaker", second.calls.Load(), r.Status()[0].State)
	}
}

// TestRouteNoFailoverMidStream: once a stream has started, a failure ends
// it: nothing is sent to another target.
func TestRouteNoFailoverMidStream(t *testing.T) {
	srv := upstream(t, func(w http.ResponseWriter, r *http.Request) {
		startSSE(w)
		sse(w, frames(roleChunk, chunk("partial")))
		panic(http.ErrAbortHandler) // the connection breaks
	})
	first := newTestProvider(t, srv.URL, func(c *OpenAIConfig) { c.Name, c.Models = "first", nil })
	second := newBackend(t, "second", nil)
	r := newTestRoute(t, nil, Target{first, "m1", 100, 0}, Target{second, "m2", 1, 0})
	answer, err := ask(t, r, true)
	if err == nil || !strings.Contains(answer, "partial") {
		t.Fatalf("answer %q, %v; want the partial stream, then an error", answer, err)
	}
	if second.calls.Load() != 0 {
		t.Errorf("the second target was called after the first byte")
	}
	if n := r.targets[0].inFlight.Load(); n != 0 {
		t.Errorf("first target holds %d slots after its stream ended", n)
	}
	// A failure mid-stream counts against the breaker (2 in a row open it).
	if _, err := ask(t, r, true); err == nil || r.Status()[0].State != "open" {
		t.Errorf("after two broken streams: %v, %s; want an error and an open breaker", err, r.Status()[0].State)
	}
}

// TestRouteBreaker follows a target's breaker with a controlled clock:
// closed -> open after 2 failures in a row -> half-open after the
// cooldown, whose one probe reopens it on failure and closes it on success.
func TestRouteBreaker(t *testing.T) {
	clock := testkit.NewClock(time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC))
	bad, good := newBackend(t, "bad", nil), newBackend(t, "good", nil)
	bad.status.Store(500)
	r := newTestRoute(t, clock, Target{bad, "m1", 1, 0}, Target{good, "m2", 1, 0})
	state := func() string { return r.Status()[0].State }
	send := func(n int) {
		t.Helper()
		for range n {
			if answer, err := ask(t, r, false); err != nil || !strings.Contains(answer, "hi from") {
				t.Fatalf("answer %q, %v; want an answer (no client request fails)", answer, err)
			}
		}
	}
	// sendUntil sends requests until bad has had calls of them; the round
	// robin reaches it within two per call.
	sendUntil := func(calls int64) {
		t.Helper()
		for i := 0; bad.calls.Load() < calls; i++ {
			if i == 4 {
				t.Fatalf("bad not called in 4 requests (%d calls; state %s)", bad.calls.Load(), state())
			}
			send(1)
		}
	}
	sendUntil(2) // two failures in a row, each failed over to good
	if state() != "open" {
		t.Fatalf("after 2 failures: %s; want open", state())
	}
	send(5)
	if bad.calls.Load() != 2 {
		t.Errorf("an open target was called (%d calls)", bad.calls.Load())
	}
	clock.Advance(10 * time.Second)
	if state() != "half-open" {
		t.Errorf("after the cooldown: %s; want half-open", state())
	}
	sendUntil(3) // the probe fails: open again, for a new cooldown
	if state() != "open" {
		t.Errorf("after a failed probe: %s; want open", state())
	}
	clock.Advance(9 * time.Second)
	send(3)
	if bad.calls.Load() != 3 {
		t.Errorf("called within the new cooldown")
	}
	bad.status.Store(0) // recovers
	clock.Advance(time.Second)
	sendUntil(4)
	if state() != "closed" {
		t.Errorf("after a good probe: %s; want closed", state())
	}
	before := bad.calls.Load()
	send(4)
	if bad.calls.Load() != before+2 {
		t.Errorf("closed again, bad got %d of 4 requests; want 2", bad.calls.Load()-before)
	}
}

// TestRouteConcurrencyCap: a target at its cap is skipped; with every
// target busy the request is refused at once, with a clear error.
func TestRouteConcurrencyCap(t *testing.T) {
	a, b := newBackend(t, "a", nil), newBackend(t, "b", nil)
	a.hold, b.hold = make(chan struct{}), make(chan struct{})
	r := newTestRoute(t, nil, Target{a, "m1", 1, 1}, Target{b, "m2", 1, 1})
	var wg sync.WaitGroup
	errs := make(chan error, 2)
	for range 2 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			_, err := ask(t, r, false)
			errs <- err
		}()
	}
	for a.calls.Load()+b.calls.Load() < 2 {
		time.Sleep(5 * time.Millisecond)
	}
	if a.calls.Load() != 1 || b.calls.Load() != 1 {
		t.Errorf("calls a=%d b=%d; want one each", a.calls.Load(), b.calls.Load())
	}
	_, err := ask(t, r, false)
	var e *mira.Error
	if !errors.As(err, &e) || e.Code != mira.EUnavailable || !strings.Contains(e.Message, "concurrency limit") || e.RetryAfter != time.Second {
		t.Errorf("with every target busy: %v; want service_unavailable naming the concurrency limit, retry after 1s", err)
	}
	close(a.hold)
	close(b.hold)
	wg.Wait()
	close(errs)
	for err := range errs {
		if err != nil {
			t.Errorf("held request: %v", err)
		}
	}
	if s := r.Status(); s[0].InFlight != 0 || s[1].InFlight != 0 {
		t.Errorf("slots held after the requests ended: %+v", s)
	}
}

// TestRouteAll429: when every target says 429 the client is told to wait
// the shortest of their waits; until then the targets are not called.
func TestRouteAll429(t *testing.T) {
	clock := testkit.NewClock(time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC))
	a, b := newBackend(t, "a", nil), newBackend(t, "b", nil)
	a.status.Store(429)
	b.status.Store(429)
	r := newTestRoute(t, clock, Target{a, "m1", 1, 0}, Target{b, "m2", 1, 0})
	// The first request meets both 429s, the next ones (plain or streamed)
	// meet both targets within their wait and call neither.
	for i, want := range []time.Duration{7 * time.Second, 4 * time.Second, time.Second} {
		_, err := ask(t, r, i == 1)
		var e *mira.Error
		if !errors.As(err, &e) || e.Code != mira.EUpstreamRateLimited || e.RetryAfter != want {
			t.Fatalf("request %d: err = %v; want upstream_rate_limited after %v", i, err, want)
		}
		for _, leak := range []string{"sk-upstream", "10.0.0.9", "127.0.0.1", "backend secret", "%!"} {
			if strings.Contains(err.Error(), leak) {
				t.Errorf("error %q shows %q", err, leak)
			}
		}
		clock.Advance(3 * time.Second)
	}
	if a.calls.Load() != 1 || b.calls.Load() != 1 {
		t.Errorf("calls a=%d b=%d; want 1 each", a.calls.Load(), b.calls.Load())
	}
	a.status.Store(0)
	clock.Advance(time.Second)
	if answer, err := ask(t, r, false); err != nil || !strings.Contains(answer, "hi from a") {
		t.Errorf("after the wait: %q, %v; want a's answer", answer, err)
	}
}

// TestRouteCancelled: a request whose client went away tries no other
// target and counts against no breaker.
func TestRouteCancelled(t *testing.T) {
	a, b := newBackend(t, "a", nil), newBackend(t, "b", nil)
	a.hold = make(chan struct{})
	r := newTestRoute(t, nil, Target{a, "m1", 100, 0}, Target{b, "m2", 1, 0})
	ctx, cancel := context.WithCancel(context.Background())
	go func() {
		for a.calls.Load() == 0 {
			time.Sleep(time.Millisecond)
		}
		cancel()
	}()
	req, raw := chatRequest(t, plainBody)
	if _, err := r.Chat(ctx, req, raw); err == nil {
		t.Fatal("Chat succeeded after its context was cancelled")
	}
	if b.calls.Load() != 0 || r.Status()[0].State != "closed" {
		t.Errorf("b called %d times, a %s; want no failover and a closed breaker", b.calls.Load(), r.Status()[0].State)
	}
}

func TestRegistryRoutes(t *testing.T) {
	a, b := newBackend(t, "a", nil), newBackend(t, "b", nil)
	r := newTestRoute(t, nil, Target{a, "m1", 1, 0}, Target{b, "m2", 1, 0})
	reg, err := NewRegistry(NewEcho(), r)
	if err != nil {
		t.Fatal(err)
	}
	for _, name := range []string{"chat", "fast"} {
		if p, ok := reg.Lookup(name); !ok || p != Provider(r) {
			t.Errorf("Lookup(%q) = %v, %v; want the route", name, p, ok)
		}
	}
	if got := reg.Backends(); !cmp.Equal(got, []string{"a", "b", "mira"}) {
		t.Errorf("Backends = %q", got)
	}
	if got := reg.Routes(); len(got) != 1 || got[0] != r {
		t.Errorf("Routes = %v", got)
	}
	if _, err := NewRegistry(fakeProvider{"x", []string{"fast"}}, r); err == nil {
		t.Error("NewRegistry accepted an alias that is also a provider's model")
	}
}

func TestWithModelAnswer(t *testing.T) {
	tests := []struct{ in, want string }{
		{`{"id":"x","model":"/mnt/m","choices":[{"model":"inner"}]}`, `{"id":"x","model":"fast","choices":[{"model":"inner"}]}`},
		{`{"id":"x","\u006dodel":"m"}`, `{"id":"x","\u006dodel":"fast"}`},
		{`{"id":"x","choices":[]}`, `{"id":"x","choices":[]}`},
		{`{"content":"\"model\":\"m\""}`, `{"content":"\"model\":\"m\""}`},
	}
	for _, tt := range tests {
		if got := withModel([]byte(tt.in), []byte(`"fast"`)); string(got) != tt.want {
			t.Errorf("withModel(%s) = %s; want %s", tt.in, got, tt.want)
		}
	}
}

// BenchmarkRouteFailoverRefused measures a request whose first target
// refuses the connection (its breaker never opens here) and whose second
// answers; BenchmarkRouteDirect is the same request to the second alone.
// The difference is the failover's cost.
func BenchmarkRouteFailoverRefused(b *testing.B) { benchRoute(b, true) }

func BenchmarkRouteDirect(b *testing.B) { benchRoute(b, false) }

func benchRoute(b *testing.B, failover bool) {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		io.Copy(io.Discard, r.Body)
		w.Header().Set("Content-Type", "application/json")
		io.WriteString(w, completion)
	}))
	defer srv.Close()
	live, err := NewOpenAI(OpenAIConfig{Name: "live", BaseURL: srv.URL + "/v1"})
	if err != nil {
		b.Fatal(err)
	}
	defer live.CloseIdleConnections()
	targets := []Target{{live, "m", 1, 0}}
	if failover {
		l, err := net.Listen("tcp", "127.0.0.1:0")
		if err != nil {
			b.Fatal(err)
		}
		dead, err := NewOpenAI(OpenAIConfig{Name: "dead", BaseURL: "http://" + l.Addr().String() + "/v1"})
		l.Close()
		if err != nil {
			b.Fatal(err)
		}
		targets = append([]Target{{dead, "m", 100, 0}}, targets...)
	}
	r, err := NewRoute(RouteConfig{Model: "chat", Targets: targets, Failures: 1 << 30})
	if err != nil {
		b.Fatal(err)
	}
	req, err := openai.DecodeChatRequest([]byte(plainBody), openai.Limits{})
	if err != nil {
		b.Fatal(err)
	}
	ctx := context.Background()
	for b.Loop() {
		if _, err := r.Chat(ctx, req, []byte(plainBody)); err != nil {
			b.Fatal(err)
		}
	}
}

// TestRouteAllOpen: with every breaker open, requests are refused at once
// with service_unavailable and the wait until the first probe.
func TestRouteAllOpen(t *testing.T) {
	clock := testkit.NewClock(time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC))
	bad := newBackend(t, "bad", nil)
	bad.status.Store(502)
	r := newTestRoute(t, clock, Target{bad, "m1", 1, 0})
	for range 2 {
		if _, err := ask(t, r, false); mira.ErrorCode(err) != mira.EUpstream {
			t.Fatalf("err = %v; want upstream_error", err)
		}
	}
	clock.Advance(4 * time.Second)
	_, err := ask(t, r, true)
	var e *mira.Error
	if !errors.As(err, &e) || e.Code != mira.EUnavailable || e.RetryAfter != 6*time.Second || !strings.Contains(e.Message, "out of rotation") {
		t.Errorf("err = %v; want service_unavailable, retry after 6s", err)
	}
	if bad.calls.Load() != 2 {
		t.Errorf("bad called %d times; want 2", bad.calls.Load())
	}
}

// TestRouteStreamHoldsSlot: a stream holds its target's slot until it is
// closed.
func TestRouteStreamHoldsSlot(t *testing.T) {
	a := newBackend(t, "a", nil)
	r := newTestRoute(t, nil, Target{a, "m1", 1, 1})
	st, err := r.ChatStream(must(chatRequest(t, streamBody)))
	if err != nil {
		t.Fatal(err)
	}
	if _, err := ask(t, r, false); mira.ErrorCode(err) != mira.EUnavailable {
		t.Errorf("with the stream open: %v; want service_unavailable (busy)", err)
	}
	st.Close()
	st.Close()
	if _, err := ask(t, r, false); err != nil {
		t.Errorf("after the stream closed: %v", err)
	}
	if n := r.Status()[0].InFlight; n != 0 {
		t.Errorf("%d slots held; want 0", n)
	}
}
