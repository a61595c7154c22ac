package provider

import (
	"context"
	"errors"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/vmira/mira/internal/mira"
	"github.com/vmira/mira/internal/testkit"
)

// TestRoutePostFailover: an embeddings request fails over like a chat
// request, skips a target that does not serve embeddings, sends each
// backend its model name and shows the client's.
func TestRoutePostFailover(t *testing.T) {
	var failing, chatOnly, good atomic.Int64
	server := func(calls *atomic.Int64, status int) string {
		srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			calls.Add(1)
			body, _ := io.ReadAll(r.Body)
			if status != 0 {
				w.WriteHeader(status)
				return
			}
			if r.URL.Path != "/v1/embeddings" || !strings.Contains(string(body), `"model":"emb-b"`) {
				t.Errorf("good backend got %s %s", r.URL.Path, body)
			}
			w.Header().Set("Content-Type", "application/json")
			io.WriteString(w, `{"object":"list","data":[{"object":"embedding","index":0,"embedding":[0.5]}],"model":"emb-b","usage":{"prompt_tokens":1,"total_tokens":1}}`)
		}))
		t.Cleanup(srv.Close)
		return srv.URL + "/v1"
	}
	mk := func(name, url string, eps ...Endpoint) *OpenAI {
		p, err := NewOpenAI(OpenAIConfig{Name: name, BaseURL: url, Endpoints: eps})
		if err != nil {
			t.Fatal(err)
		}
		return p
	}
	r, err := NewRoute(RouteConfig{Model: "emb", Targets: []Target{
		{mk("failing", server(&failing, 503)), "emb-a", 10, 0},
		{mk("chat-only", server(&chatOnly, 500), Chat), "emb-c", 10, 0},
		{mk("good", server(&good, 0)), "emb-b", 1, 0},
	}})
	if err != nil {
		t.Fatal(err)
	}
	if got := r.Endpoints(); len(got) != 3 || got[0] != Chat {
		t.Errorf("Endpoints = %v; want chat, completions, embeddings", got)
	}
	resp, err := r.Post(context.Background(), Embeddings, []byte(`{"model":"emb","input":"hi"}`))
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(resp.Body), `"model":"emb"`) {
		t.Errorf("answer %s; want the client's model name", resp.Body)
	}
	if failing.Load() != 1 || chatOnly.Load() != 0 || good.Load() != 1 {
		t.Errorf("calls failing=%d chat-only=%d good=%d; want 1, 0, 1", failing.Load(), chatOnly.Load(), good.Load())
	}
}

// TestModelOf reads the model of bodies as clients write them: compact,
// spaced, pretty-printed, the model after other members.
func TestModelOf(t *testing.T) {
	for body, want := range map[string]string{
		`{"model":"m","input":"x"}`:                                        "m",
		`{"prompt": "x", "model": "m"}`:                                    "m",
		"{\n  \"input\": [1, {\"a\": \"model\"}],\n  \"model\" : \"m\"\n}": "m",
		`{ "model":"a\u002fb"}`:                                            "a/b",
		`{"input":"x"}`:                                                    "",
		`[]`:                                                               "",
	} {
		if got := modelOf([]byte(body)); got != want {
			t.Errorf("modelOf(%s) = %q; want %q", body, got, want)
		}
	}
}

// responsesBackend serves the Responses API natively, streamed and not,
// or fails with status (and Retry-After: retryAfter) while it is set.
type responsesBackend struct {
	*OpenAI
	calls      atomic.Int64
	status     atomic.Int32
	retryAfter string
}

func newResponsesBackend(t *testing.T, name, retryAfter string) *responsesBackend {
	b := &responsesBackend{retryAfter: retryAfter}
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		b.calls.Add(1)
		body, _ := io.ReadAll(r.Body)
		if code := b.status.Load(); code != 0 {
			w.Header().Set("Retry-After", b.retryAfter)
			w.WriteHeader(int(code))
			io.WriteString(w, `{"error":{"message":"key sk-upstream-xyz at 10.0.0.9"}}`)
			return
		}
		resp := `{"id":"r","object":"response","status":"completed","model":"/m/` + name + `","output":[{"type":"message","role":"assistant","content":[{"type":"output_text","text":"from ` + name + `"}]}],"usage":{"input_tokens":1,"output_tokens":2,"total_tokens":3}}`
		if !strings.Contains(string(body), `"stream":true`) {
			w.Header().Set("Content-Type", "application/json")
			io.WriteString(w, resp)
			return
		}
		startSSE(w)
		sse(w, frames(`{"type":"response.output_text.delta","sequence_number":0,"item_id":"m","delta":"from `+name+`"}`,
			`{"type":"response.completed","sequence_number":1,"response":`+resp+`}`))
	}))
	t.Cleanup(srv.Close)
	p, err := NewOpenAI(OpenAIConfig{Name: name, BaseURL: srv.URL + "/v1", Endpoints: []Endpoint{Chat, Responses}})
	if err != nil {
		t.Fatal(err)
	}
	b.OpenAI = p
	return b
}

// TestRoutePostStreamFailover: a native Responses stream fails over as
// chat does, before its first byte, on a 5xx and on a 429; when every
// target says 429 the client is told to wait the backends' Retry-After,
// bounded to 60 s (never a 502), and nothing of their bodies.
func TestRoutePostStreamFailover(t *testing.T) {
	a, b, c := newResponsesBackend(t, "a", "3600"), newResponsesBackend(t, "b", "3600"), newResponsesBackend(t, "c", "120")
	a.status.Store(503)
	b.status.Store(429)
	clock := testkit.NewClock(time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC))
	r, err := NewRoute(RouteConfig{Model: "resp", Now: clock.Now, Targets: []Target{{a, "ma", 3, 0}, {b, "mb", 2, 0}, {c, "mc", 1, 0}}})
	if err != nil {
		t.Fatal(err)
	}
	st, err := r.PostStream(context.Background(), Responses, []byte(`{"model":"resp","input":"hi","stream":true}`))
	if err != nil {
		t.Fatal(err)
	}
	got, err := collect(t, st)
	st.Close()
	if all := strings.Join(got, ""); err != nil || !strings.Contains(all, "from c") || !strings.Contains(all, `"model":"resp"`) || strings.Contains(all, "/m/") {
		t.Fatalf("stream %q, %v; want c's events naming the model resp", got, err)
	}
	if a.calls.Load() != 1 || b.calls.Load() != 1 {
		t.Errorf("calls a=%d b=%d; want 1 each before c", a.calls.Load(), b.calls.Load())
	}

	a.status.Store(429)
	c.status.Store(429)
	_, err = r.PostStream(context.Background(), Responses, []byte(`{"model":"resp","input":"hi","stream":true}`))
	var e *mira.Error
	if !errors.As(err, &e) || e.Code != mira.EUpstreamRateLimited || e.RetryAfter != 60*time.Second {
		t.Fatalf("every target 429: %v; want upstream_rate_limited, retry after 60s", err)
	}
	if strings.Contains(err.Error(), "sk-upstream") || strings.Contains(err.Error(), "10.0.0.9") {
		t.Errorf("error %q shows a backend's body", err)
	}
}
