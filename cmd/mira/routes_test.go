package main

import (
	"bufio"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net"
	"net/http"
	"net/http/httptest"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/openai/openai-go/v3"
	"github.com/openai/openai-go/v3/option"
)

// routeBackend is a fake OpenAI-compatible backend for routing tests: it
// answers with its name, or fails with a status (and Retry-After), and
// records the model names it was sent.
type routeBackend struct {
	*httptest.Server
	name       string
	calls      atomic.Int64
	status     atomic.Int32 // non-zero: fail with it
	retryAfter atomic.Value // string: Retry-After sent with a failure
	failures   atomic.Int32 // > 0: fail this many more times, then answer
	mu         sync.Mutex
	models     map[string]int
}

func newRouteBackend(t *testing.T, name string) *routeBackend {
	b := &routeBackend{name: name, models: map[string]int{}}
	b.retryAfter.Store("")
	b.Server = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		b.calls.Add(1)
		var req struct {
			Model  string `json:"model"`
			Stream bool   `json:"stream"`
		}
		json.NewDecoder(r.Body).Decode(&req)
		b.mu.Lock()
		b.models[req.Model]++
		b.mu.Unlock()
		if code := b.status.Load(); code != 0 || b.failures.Add(-1) >= 0 {
			if code == 0 {
				code = 429
			}
			if ra := b.retryAfter.Load().(string); ra != "" {
				w.Header().Set("Retry-After", ra)
			}
			w.Header().Set("Content-Type", "application/json")
			w.WriteHeader(int(code))
			fmt.Fprint(w, `{"error":{"message":"quota of sk-upstream-secret at 10.20.30.40 exceeded"}}`)
			return
		}
		if req.Stream {
			w.Header().Set("Content-Type", "text/event-stream")
			fmt.Fprintf(w, "data: {\"id\":\"c\",\"object\":\"chat.completion.chunk\",\"created\":1,\"model\":%q,\"choices\":[{\"index\":0,\"delta\":{\"content\":\"from %s\"},\"finish_reason\":null}]}\n\n", req.Model, name)
			fmt.Fprintf(w, "data: {\"id\":\"c\",\"object\":\"chat.completion.chunk\",\"created\":1,\"model\":%q,\"choices\":[],\"usage\":{\"prompt_tokens\":5,\"completion_tokens\":2,\"total_tokens\":7}}\n\ndata: [DONE]\n\n", req.Model)
			return
		}
		w.Header().Set("Content-Type", "application/json")
		fmt.Fprintf(w, `{"id":"chatcmpl-up","object":"chat.completion","created":1,"model":%q,"choices":[{"index":0,"message":{"role":"assistant","content":"from %s"},"finish_reason":"stop"}],"usage":{"prompt_tokens":5,"completion_tokens":2,"total_tokens":7}}`, req.Model, name)
	}))
	t.Cleanup(b.Close)
	return b
}

func (b *routeBackend) sent(model string) int {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.models[model]
}

// routesConfig is a config with a route "chat" (alias "fast") over two
// backends, weights 3:1, whose breakers open after 2 failures for 1 s.
func routesConfig(a, b *routeBackend) string {
	return fmt.Sprintf(`providers:
  - {name: vllm-a, type: openai, base_url: %s/v1}
  - {name: vllm-b, type: openai, base_url: %s/v1, models: [direct-b]}
routes:
  - model: chat
    aliases: [fast]
    targets:
      - {provider: vllm-a, model: /mnt/models/llama-a, weight: 3}
      - {provider: vllm-b, model: llama-b, weight: 1}
    breaker: {failures: 2, cooldown: 1s}
filter: {enabled: false}
`, a.URL, b.URL)
}

const routeChat = `{"model":"fast","messages":[{"role":"user","content":"hi"}]}`

// TestRoutesServe drives a route through mira serve: weighted balancing,
// each backend's own model name, the client's name in the answer, the
// models list, then a failing backend: no client request fails, its
// breaker opens (readyz and metrics show it) and closes once it recovers.
func TestRoutesServe(t *testing.T) {
	a, b := newRouteBackend(t, "a"), newRouteBackend(t, "b")
	ts := startServer(t, routesConfig(a, b), nil)
	key, _ := ts.createKey(t)

	for range 8 {
		resp, body := ts.do(t, "POST", "/v1/chat/completions", key, routeChat)
		if resp.StatusCode != 200 || !strings.Contains(body, `"model":"fast"`) || strings.Contains(body, "llama") {
			t.Fatalf("chat: %d %s; want 200 naming the model fast, not the backend's", resp.StatusCode, body)
		}
	}
	if a.sent("/mnt/models/llama-a") != 6 || b.sent("llama-b") != 2 {
		t.Errorf("a got %v, b got %v; want 6 and 2 requests (weights 3:1) with their own model names", a.models, b.models)
	}
	_, models := ts.do(t, "GET", "/v1/models", key, "")
	for _, want := range []string{`"id":"chat"`, `"id":"fast"`, `"id":"direct-b"`} {
		if !strings.Contains(models, want) {
			t.Errorf("models %s lack %s", models, want)
		}
	}
	if strings.Contains(models, "llama") {
		t.Errorf("models %s show a backend's model name", models)
	}

	a.status.Store(500)
	for i := range 6 {
		stream := i%2 == 1
		body := routeChat
		if stream {
			body = `{"model":"chat","stream":true,"messages":[{"role":"user","content":"hi"}]}`
		}
		resp, got := ts.do(t, "POST", "/v1/chat/completions", key, body)
		if resp.StatusCode != 200 || !strings.Contains(got, "from b") {
			t.Fatalf("request %d with a failing: %d %s; want b's answer", i, resp.StatusCode, got)
		}
	}
	if n := a.calls.Load(); n != 8 {
		t.Errorf("a called %d times; want 8 (6 answered, then 2 failures opened its breaker)", n)
	}
	code, ready := adminGet(t, ts, "/readyz")
	target := "backend:vllm-a//mnt/models/llama-a (route chat)"
	if code != 200 || !strings.Contains(ready, `"status":"degraded"`) || !strings.Contains(ready, `"`+target+`":"down"`) {
		t.Errorf("readyz: %d %s; want degraded with %s down", code, ready, target)
	}
	if resp, pub := ts.do(t, "GET", "/readyz", "", ""); resp.StatusCode != 200 || strings.Contains(pub, "vllm") || !strings.Contains(pub, `"backends":"degraded"`) {
		t.Errorf("public readyz %s; want the backends degraded, without names", pub)
	}
	_, exp := adminGet(t, ts, "/metrics")
	for _, want := range []string{
		`mira_route_target_state{backend="vllm-a",model="/mnt/models/llama-a",route="chat",state="open"} 1`,
		`mira_route_target_state{backend="vllm-b",model="llama-b",route="chat",state="closed"} 1`,
		`mira_route_failovers_total{backend="vllm-a",reason="server_error",route="chat"} 2`,
		`mira_upstream_errors_total{backend="vllm-a"} 2`,
		`mira_upstream_errors_total{backend="route:chat"} 0`,
	} {
		if !strings.Contains(exp, want) {
			t.Errorf("metrics lack %s", want)
		}
	}

	a.status.Store(0)
	time.Sleep(1100 * time.Millisecond) // the cooldown
	for range 4 {
		if resp, body := ts.do(t, "POST", "/v1/chat/completions", key, routeChat); resp.StatusCode != 200 {
			t.Fatalf("after recovery: %d %s", resp.StatusCode, body)
		}
	}
	_, exp = adminGet(t, ts, "/metrics")
	if !strings.Contains(exp, `mira_route_target_state{backend="vllm-a",model="/mnt/models/llama-a",route="chat",state="closed"} 1`) {
		t.Errorf("a's breaker did not close after its probe succeeded")
	}
	if _, ready := adminGet(t, ts, "/readyz"); !strings.Contains(ready, `"status":"ready"`) {
		t.Errorf("readyz after recovery: %s", ready)
	}
}

// TestRoutesFailoverRefused: the first target's address refuses
// connections; plain and streamed requests are answered by the second.
func TestRoutesFailoverRefused(t *testing.T) {
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	dead := l.Addr().String()
	l.Close()
	b := newRouteBackend(t, "b")
	cfg := fmt.Sprintf(`providers:
  - {name: dead, type: openai, base_url: http://%s/v1}
  - {name: live, type: openai, base_url: %s/v1, models: [direct]}
routes:
  - {model: chat, targets: [{provider: dead, weight: 100}, {provider: live}], breaker: {failures: 1000000}}
filter: {enabled: false}
`, dead, b.URL)
	ts := startServer(t, cfg, nil)
	key, _ := ts.createKey(t)
	for _, body := range []string{
		`{"model":"chat","messages":[{"role":"user","content":"hi"}]}`,
		`{"model":"chat","stream":true,"messages":[{"role":"user","content":"hi"}]}`,
	} {
		resp, got := ts.do(t, "POST", "/v1/chat/completions", key, body)
		if resp.StatusCode != 200 || !strings.Contains(got, "from b") || !strings.Contains(got, `"model":"chat"`) {
			t.Errorf("%s: %d %s; want b's answer", body, resp.StatusCode, got)
		}
	}
	if strings.Contains(ts.logs.String(), dead) {
		t.Errorf("the logs show the backend's address %s", dead)
	}
	// What the failover costs a client: the route (refused, then live)
	// against the live backend's model directly, same server.
	mean := func(model string) time.Duration {
		const n = 50
		start := time.Now()
		for range n {
			if resp, body := ts.do(t, "POST", "/v1/chat/completions", key, `{"model":"`+model+`","messages":[{"role":"user","content":"hi"}]}`); resp.StatusCode != 200 {
				t.Fatalf("%s: %d %s", model, resp.StatusCode, body)
			}
		}
		return time.Since(start) / n
	}
	mean("direct") // warm up
	direct, routed := mean("direct"), mean("chat")
	t.Logf("failover from a refused connection: %v per request through the route, %v direct (+%v)", routed, direct, routed-direct)
}

// TestRoutesTimeoutServe: SPEC's "within the request's deadline", from
// outside: a route over backends that never answer gives up at its
// routes[].timeout (not after each provider's 10-minute request timeout
// in turn) with 502 upstream_error, for plain and streamed requests.
func TestRoutesTimeoutServe(t *testing.T) {
	release := make(chan struct{})
	var calls atomic.Int64
	hang := func() *httptest.Server {
		s := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			calls.Add(1)
			select {
			case <-r.Context().Done():
			case <-release:
			}
		}))
		t.Cleanup(s.Close)
		return s
	}
	a, b := hang(), hang()
	t.Cleanup(func() { close(release) })
	cfg := fmt.Sprintf(`providers:
  - {name: a, type: openai, base_url: %s/v1}
  - {name: b, type: openai, base_url: %s/v1}
routes:
  - {model: chat, timeout: 400ms, targets: [{provider: a}, {provider: b}], breaker: {failures: 1000000}}
filter: {enabled: false}
`, a.URL, b.URL)
	ts := startServer(t, cfg, nil)
	key, _ := ts.createKey(t)
	for _, body := range []string{
		`{"model":"chat","messages":[{"role":"user","content":"hi"}]}`,
		`{"model":"chat","stream":true,"messages":[{"role":"user","content":"hi"}]}`,
	} {
		// Without the route's timeout, the test client's own 30 s timeout
		// ends the request and the test.
		resp, got := ts.do(t, "POST", "/v1/chat/completions", key, body)
		checkError(t, resp, got, 502, "upstream_error")
		if !strings.Contains(got, "did not answer in time") {
			t.Errorf("%s: %s; want the timeout named", body, got)
		}
	}
	if calls.Load() == 0 {
		t.Error("no backend was tried")
	}
}

// TestRoutesAll429: every target answers 429: the client gets 429
// upstream_rate_limited with the backends' Retry-After and x-should-retry,
// and nothing of their bodies or addresses.
func TestRoutesAll429(t *testing.T) {
	a, b := newRouteBackend(t, "a"), newRouteBackend(t, "b")
	for _, x := range []*routeBackend{a, b} {
		x.status.Store(429)
		x.retryAfter.Store("7")
	}
	ts := startServer(t, routesConfig(a, b), nil)
	key, _ := ts.createKey(t)
	for _, body := range []string{routeChat, `{"model":"chat","stream":true,"messages":[{"role":"user","content":"hi"}]}`} {
		resp, got := ts.do(t, "POST", "/v1/chat/completions", key, body)
		checkError(t, resp, got, 429, "upstream_rate_limited")
		if ra := resp.Header.Get("Retry-After"); ra != "7" && ra != "6" {
			t.Errorf("Retry-After %q; want the backends' 7 (or 6, a second later)", ra)
		}
		if resp.Header.Get("X-Should-Retry") != "true" || resp.Header.Get("Retry-After-Ms") == "" {
			t.Errorf("headers %v; want x-should-retry: true and retry-after-ms", resp.Header)
		}
		if resp.Header.Get("X-Ratelimit-Limit-Requests") == "" {
			t.Errorf("the gateway's own rate-limit headers are missing")
		}
		for _, leak := range []string{"quota", "sk-upstream", "10.20.30.40", "127.0.0.1", "vllm"} {
			if strings.Contains(got, leak) {
				t.Errorf("body %s shows %q", got, leak)
			}
		}
	}
	if a.calls.Load() != 1 || b.calls.Load() != 1 {
		t.Errorf("calls a=%d b=%d; want 1 each: within their wait they are not called again", a.calls.Load(), b.calls.Load())
	}
	for _, leak := range []string{"quota", "sk-upstream-secret", "10.20.30.40"} {
		if strings.Contains(ts.logs.String(), leak) {
			t.Errorf("the logs show the backend's %q", leak)
		}
	}
}

// TestUpstream429SingleProvider: without routes, a backend's 429 is a 429
// too (never 502), its Retry-After an HTTP date or seconds, bounded to 60.
func TestUpstream429SingleProvider(t *testing.T) {
	up := newRouteBackend(t, "solo")
	up.status.Store(429)
	cfg := fmt.Sprintf("providers:\n  - {name: solo, type: openai, base_url: %s/v1, models: [solo-model]}\nfilter: {enabled: false}\n", up.URL)
	ts := startServer(t, cfg, nil)
	key, _ := ts.createKey(t)
	tests := []struct{ retryAfter, want string }{
		{"12", "12"},
		{"3600", "60"},
		{time.Now().Add(20 * time.Second).UTC().Format(http.TimeFormat), "20"},
		{"", "1"},
	}
	for _, tt := range tests {
		up.retryAfter.Store(tt.retryAfter)
		resp, body := ts.do(t, "POST", "/v1/chat/completions", key, `{"model":"solo-model","messages":[{"role":"user","content":"hi"}]}`)
		checkError(t, resp, body, 429, "upstream_rate_limited")
		if got := resp.Header.Get("Retry-After"); got != tt.want && !(tt.want == "20" && (got == "19" || got == "21")) {
			t.Errorf("backend Retry-After %q: client got %q; want %q", tt.retryAfter, got, tt.want)
		}
		if resp.Header.Get("X-Should-Retry") != "true" {
			t.Errorf("x-should-retry %q; want true", resp.Header.Get("X-Should-Retry"))
		}
	}
}

// TestRoutesOpenAIGoRetries: openai-go, with its retries on, sees the 429,
// waits the Retry-After and succeeds.
func TestRoutesOpenAIGoRetries(t *testing.T) {
	a, b := newRouteBackend(t, "a"), newRouteBackend(t, "b")
	for _, x := range []*routeBackend{a, b} {
		x.failures.Store(1) // one 429 each, then answers
		x.retryAfter.Store("1")
	}
	ts := startServer(t, routesConfig(a, b), nil)
	key, _ := ts.createKey(t)
	var statuses []int
	var mu sync.Mutex
	c := openai.NewClient(option.WithBaseURL(ts.URL()+"/v1/"), option.WithAPIKey(key), option.WithHTTPClient(ts.hc),
		option.WithMaxRetries(2), option.WithMiddleware(func(r *http.Request, next option.MiddlewareNext) (*http.Response, error) {
			resp, err := next(r)
			if err == nil {
				mu.Lock()
				statuses = append(statuses, resp.StatusCode)
				mu.Unlock()
			}
			return resp, err
		}))
	start := time.Now()
	resp, err := c.Chat.Completions.New(context.Background(), openai.ChatCompletionNewParams{
		Model: "fast", Messages: []openai.ChatCompletionMessageParamUnion{openai.UserMessage("hi")}})
	took := time.Since(start)
	if err != nil {
		t.Fatalf("Chat.Completions.New: %v", err)
	}
	if resp.Model != "fast" || !strings.HasPrefix(resp.Choices[0].Message.Content, "from ") {
		t.Errorf("answer %+v", resp)
	}
	if len(statuses) != 2 || statuses[0] != 429 || statuses[1] != 200 {
		t.Errorf("statuses %v; want 429 then 200", statuses)
	}
	if took < 900*time.Millisecond {
		t.Errorf("the client retried after %v; want it to wait the 1 s Retry-After", took)
	}
	plain := newOpenAIClient(ts, key)
	_, err = plain.Chat.Completions.New(context.Background(), openai.ChatCompletionNewParams{
		Model: "chat", Messages: []openai.ChatCompletionMessageParamUnion{openai.UserMessage("hi")}})
	if err != nil {
		t.Errorf("after the wait: %v", err)
	}
	a.status.Store(429)
	b.status.Store(429)
	time.Sleep(1100 * time.Millisecond) // past the earlier waits
	// Without retries the error is openai-go's, with our code.
	_, err = plain.Chat.Completions.New(context.Background(), openai.ChatCompletionNewParams{
		Model: "chat", Messages: []openai.ChatCompletionMessageParamUnion{openai.UserMessage("hi")}})
	var apiErr *openai.Error
	if !errors.As(err, &apiErr) || apiErr.StatusCode != 429 || apiErr.Code != "upstream_rate_limited" {
		t.Errorf("err = %v; want a 429 openai.Error with code upstream_rate_limited", err)
	}
}

// TestRoutesBinary runs the real binary with a routes config: it serves a
// route, and refuses a config whose route names an unknown provider.
func TestRoutesBinary(t *testing.T) {
	a, b := newRouteBackend(t, "a"), newRouteBackend(t, "b")
	data := filepath.Join(t.TempDir(), "mira-data")
	cfg := filepath.Join(t.TempDir(), "mira.yaml")
	os.WriteFile(cfg, []byte(routesConfig(a, b)), 0o600)
	env := []string{"MIRA_DATA_DIR=" + data, "MIRA_CONFIG=" + cfg}
	ts, stop := startBinary(t, env, data)
	defer stop()
	user := miraCmd(t, env, "admin", "user", "create", "--email", "ops@example.com", "--password-stdin")
	user.Stdin = strings.NewReader("a long enough password\n")
	if out, err := user.CombinedOutput(); err != nil {
		t.Fatalf("%v %s", err, out)
	}
	out, err := miraCmd(t, env, "admin", "key", "create", "--email", "ops@example.com", "--name", "ops").Output()
	if err != nil {
		t.Fatal(err)
	}
	key := regexp.MustCompile(`sk-mira-[0-9A-Za-z]{48}`).FindString(string(out))
	resp, body := ts.do(t, "POST", "/v1/chat/completions", key, `{"model":"fast","stream":true,"messages":[{"role":"user","content":"hi"}]}`)
	if resp.StatusCode != 200 || !strings.Contains(body, `"model":"fast"`) || !strings.HasSuffix(body, "data: [DONE]\n\n") {
		t.Errorf("stream through the route: %d %s", resp.StatusCode, body)
	}
	first, _ := bufio.NewReader(strings.NewReader(body)).ReadString('\n')
	if !strings.Contains(first, "from ") {
		t.Errorf("first frame %q", first)
	}

	bad := filepath.Join(t.TempDir(), "bad.yaml")
	os.WriteFile(bad, []byte(strings.Replace(routesConfig(a, b), "{provider: vllm-b,", "{provider: vllm-c,", 1)), 0o600)
	cmd := miraCmd(t, []string{"MIRA_DATA_DIR=" + filepath.Join(t.TempDir(), "d"), "MIRA_CONFIG=" + bad}, "serve", "--listen", freePort(t))
	got, err := cmd.CombinedOutput()
	if ee, ok := err.(*exec.ExitError); !ok || ee.ExitCode() != 1 || !strings.Contains(string(got), `routes[0].targets[1].provider: "vllm-c" is not a configured provider`) {
		t.Errorf("serve with an unknown provider in a route: %v\n%s", err, got)
	}
}

// TestRoutesConcurrencyCap: a target at max_concurrent is skipped; with
// every target busy the request gets 503 at once, with Retry-After.
func TestRoutesConcurrencyCap(t *testing.T) {
	release := make(chan struct{})
	var calls atomic.Int64
	up := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		calls.Add(1)
		w.Header().Set("Content-Type", "text/event-stream")
		fmt.Fprint(w, "data: {\"id\":\"c\",\"object\":\"chat.completion.chunk\",\"created\":1,\"model\":\"m\",\"choices\":[{\"index\":0,\"delta\":{\"content\":\"held\"},\"finish_reason\":null}]}\n\n")
		w.(http.Flusher).Flush()
		select {
		case <-release:
		case <-r.Context().Done():
		}
		fmt.Fprint(w, "data: [DONE]\n\n")
	}))
	defer up.Close()
	defer close(release)
	cfg := fmt.Sprintf(`providers:
  - {name: small, type: openai, base_url: %s/v1}
routes:
  - {model: chat, targets: [{provider: small, max_concurrent: 1}]}
filter: {enabled: false}
`, up.URL)
	ts := startServer(t, cfg, nil)
	key, _ := ts.createKey(t)
	req, _ := http.NewRequest("POST", ts.URL()+"/v1/chat/completions", strings.NewReader(`{"model":"chat","stream":true,"messages":[{"role":"user","content":"hi"}]}`))
	req.Header.Set("Authorization", "Bearer "+key)
	held, err := ts.hc.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer held.Body.Close()
	if line, _ := bufio.NewReader(held.Body).ReadString('\n'); !strings.Contains(line, "held") {
		t.Fatalf("first stream: %q", line)
	}
	start := time.Now()
	resp, body := ts.do(t, "POST", "/v1/chat/completions", key, `{"model":"chat","messages":[{"role":"user","content":"hi"}]}`)
	checkError(t, resp, body, 503, "service_unavailable")
	if !strings.Contains(body, "concurrency limit") || resp.Header.Get("Retry-After") != "1" || resp.Header.Get("X-Should-Retry") != "true" {
		t.Errorf("busy: %s %v; want the concurrency limit named, Retry-After: 1, x-should-retry: true", body, resp.Header)
	}
	if took := time.Since(start); took > 2*time.Second || calls.Load() != 1 {
		t.Errorf("busy answer after %v with %d upstream calls; want it at once, without calling the backend", took, calls.Load())
	}
}
