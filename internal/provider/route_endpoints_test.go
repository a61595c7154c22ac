package provider

import (
	"context"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync/atomic"
	"testing"
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
