package provider

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/vmira/mira/internal/openai"
)

// backendModel is the name a route's target knows its model by: a path
// of the weights, which clients must never see.
const backendModel = "/mnt/models/secret-7b"

// nativeUpstream serves every endpoint natively, streamed and not, and
// names its model wherever the OpenAI API does: the top level of answers
// and chunks, and the response object of Responses lifecycle events.
func nativeUpstream(t *testing.T) *OpenAI {
	t.Helper()
	resp := func(status string) string {
		return fmt.Sprintf(`{"id":"resp_1","object":"response","created_at":1,"status":%q,"model":%q,"output":[],"usage":{"input_tokens":1,"output_tokens":2,"total_tokens":3}}`, status, backendModel)
	}
	answers := map[string]string{
		"/v1/chat/completions": fmt.Sprintf(`{"id":"c","object":"chat.completion","created":1,"model":%q,"choices":[{"index":0,"message":{"role":"assistant","content":"say \"model\":\"x\""},"finish_reason":"stop"}],"usage":{"prompt_tokens":1,"completion_tokens":2,"total_tokens":3}}`, backendModel),
		"/v1/completions":      fmt.Sprintf(`{"id":"c","object":"text_completion","created":1,"model":%q,"choices":[{"index":0,"text":"hi","finish_reason":"stop"}],"usage":{"prompt_tokens":1,"completion_tokens":2,"total_tokens":3}}`, backendModel),
		"/v1/embeddings":       fmt.Sprintf(`{"object":"list","data":[{"object":"embedding","index":0,"embedding":[0.5]}],"model":%q,"usage":{"prompt_tokens":1,"total_tokens":1}}`, backendModel),
		"/v1/responses":        resp("completed"),
	}
	streams := map[string][]string{
		"/v1/chat/completions": {
			fmt.Sprintf(`{"id":"c","object":"chat.completion.chunk","created":1,"model":%q,"choices":[{"index":0,"delta":{"content":"hi"},"finish_reason":null}]}`, backendModel),
			fmt.Sprintf(`{"id":"c","object":"chat.completion.chunk","created":1,"model":%q,"choices":[],"usage":{"prompt_tokens":1,"completion_tokens":2,"total_tokens":3}}`, backendModel),
			"[DONE]"},
		"/v1/completions": {
			fmt.Sprintf(`{"id":"c","object":"text_completion","created":1,"model":%q,"choices":[{"index":0,"text":"hi","finish_reason":null}]}`, backendModel),
			fmt.Sprintf(`{"id":"c","object":"text_completion","created":1,"model":%q,"choices":[],"usage":{"prompt_tokens":1,"completion_tokens":2,"total_tokens":3}}`, backendModel),
			"[DONE]"},
		"/v1/responses": {
			`{"type":"response.created","sequence_number":0,"response":` + resp("in_progress") + `}`,
			`{"type":"response.in_progress","sequence_number":1,"response":` + resp("in_progress") + `}`,
			`{"type":"response.output_text.delta","sequence_number":2,"item_id":"m","output_index":0,"content_index":0,"delta":"hi"}`,
			`{"type":"response.completed","sequence_number":3,"response":` + resp("completed") + `}`},
	}
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		var req struct {
			Model  string `json:"model"`
			Stream bool   `json:"stream"`
		}
		if err := json.NewDecoder(r.Body).Decode(&req); err != nil || req.Model != backendModel {
			t.Errorf("%s: model %q, %v; want the backend's", r.URL.Path, req.Model, err)
		}
		if !req.Stream {
			w.Header().Set("Content-Type", "application/json")
			fmt.Fprint(w, answers[r.URL.Path])
			return
		}
		startSSE(w)
		sse(w, frames(streams[r.URL.Path]...))
	}))
	t.Cleanup(srv.Close)
	p, err := NewOpenAI(OpenAIConfig{Name: "native", BaseURL: srv.URL + "/v1", Endpoints: AllEndpoints})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(p.CloseIdleConnections)
	return p
}

// TestRouteClientModelEverywhere: through a route whose target knows the
// model by another name, the client sees the name it sent (an alias here)
// in every answer, chunk and event of every endpoint, streamed and not:
// native Responses events included, whose model is nested in "response".
func TestRouteClientModelEverywhere(t *testing.T) {
	r, err := NewRoute(RouteConfig{Model: "chat", Aliases: []string{"fast"}, Targets: []Target{{nativeUpstream(t), backendModel, 1, 0}}})
	if err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()
	check := func(name string, payloads []string, wantModels int) {
		t.Helper()
		models := 0
		for _, p := range payloads {
			if strings.Contains(p, "secret-7b") {
				t.Errorf("%s: %s shows the backend's model name", name, p)
			}
			models += strings.Count(p, `"model":"fast"`)
		}
		if models != wantModels {
			t.Errorf("%s: the client's model name %d times in %q; want %d", name, models, payloads, wantModels)
		}
	}
	chatReq, chatRaw := chatRequest(t, `{"model":"fast","messages":[{"role":"user","content":"hi"}]}`)
	resp, err := r.Chat(ctx, chatReq, chatRaw)
	if err != nil {
		t.Fatal(err)
	}
	check("chat", []string{string(resp.Body)}, 1)
	if !strings.Contains(string(resp.Body), `say \"model\":\"x\"`) {
		t.Errorf("chat: %s; the answer's text was changed", resp.Body)
	}
	streamReq, streamRaw := chatRequest(t, `{"model":"fast","stream":true,"messages":[{"role":"user","content":"hi"}]}`)
	st, err := r.ChatStream(ctx, streamReq, streamRaw)
	if err != nil {
		t.Fatal(err)
	}
	got, err := collect(t, st)
	st.Close()
	if err != nil {
		t.Fatal(err)
	}
	check("chat stream", got, 1) // the usage chunk Mira asked for is not passed on

	for _, tt := range []struct {
		ep          Endpoint
		body        string
		plain, strm int // the client's model name in the answer, and in the stream
	}{
		{Completions, `{"model":"fast","prompt":"hi"}`, 1, 1},
		{Embeddings, `{"model":"fast","input":"hi"}`, 1, -1},
		{Responses, `{"model":"fast","input":"hi"}`, 1, 3}, // created, in_progress, completed
	} {
		resp, err := r.Post(ctx, tt.ep, []byte(tt.body))
		if err != nil {
			t.Fatalf("%s: %v", tt.ep, err)
		}
		check(string(tt.ep), []string{string(resp.Body)}, tt.plain)
		if tt.strm < 0 {
			continue
		}
		st, err := r.PostStream(ctx, tt.ep, []byte(strings.Replace(tt.body, `{`, `{"stream":true,`, 1)))
		if err != nil {
			t.Fatalf("%s stream: %v", tt.ep, err)
		}
		got, err := collect(t, st)
		st.Close()
		if err != nil {
			t.Fatalf("%s stream: %v", tt.ep, err)
		}
		check(string(tt.ep)+" stream", got, tt.strm)
		if tt.ep != Responses {
			continue
		}
		for _, e := range got {
			var ev struct {
				Type     string
				Response *openai.Response
			}
			if err := json.Unmarshal([]byte(e), &ev); err != nil {
				t.Fatalf("event %s: %v", e, err)
			}
			if ev.Response != nil && ev.Response.Model != "fast" {
				t.Errorf("%s: response.model = %q; want fast", ev.Type, ev.Response.Model)
			}
		}
	}
}

func TestClientModel(t *testing.T) {
	tests := []struct{ in, want string }{
		// A lifecycle event: the nested response's model, not its output's.
		{`{"type":"response.completed","response":{"id":"r","model":"/m","output":[{"model":"inner"}]}}`,
			`{"type":"response.completed","response":{"id":"r","model":"fast","output":[{"model":"inner"}]}}`},
		// An escaped member name is still the member.
		{`{"type":"response.created","\u0072esponse":{"\u006dodel":"/m"}}`, `{"type":"response.created","\u0072esponse":{"\u006dodel":"fast"}}`},
		// Top-level and nested at once; a response that is not an object.
		{`{"model":"/m","response":{"model":"/m"}}`, `{"model":"fast","response":{"model":"fast"}}`},
		{`{"type":"x","response":null}`, `{"type":"x","response":null}`},
		// No response object: text that looks like one is left alone.
		{`{"type":"response.output_text.delta","delta":"\"response\":{\"model\":\"m\"}"}`, `{"type":"response.output_text.delta","delta":"\"response\":{\"model\":\"m\"}"}`},
		{`{"type":"response.output_text.delta","delta":"hi"}`, `{"type":"response.output_text.delta","delta":"hi"}`},
	}
	for _, tt := range tests {
		if got := clientModel([]byte(tt.in), []byte(`"fast"`)); string(got) != tt.want {
			t.Errorf("clientModel(%s) = %s; want %s", tt.in, got, tt.want)
		}
	}
}
