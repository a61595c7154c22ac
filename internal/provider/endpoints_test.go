package provider

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/vmira/mira/internal/mira"
	"github.com/vmira/mira/internal/openai"
)

// endpointUpstream answers each path with its body (a stream when the
// body starts with "data:") and records the paths asked.
func endpointUpstream(t *testing.T, bodies map[string]string) (*OpenAI, *[]string) {
	t.Helper()
	var paths []string
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		paths = append(paths, r.URL.Path)
		b := bodies[r.URL.Path]
		if strings.HasPrefix(b, "data:") {
			w.Header().Set("Content-Type", "text/event-stream")
		} else {
			w.Header().Set("Content-Type", "application/json")
		}
		fmt.Fprint(w, b)
	}))
	t.Cleanup(srv.Close)
	p, err := NewOpenAI(OpenAIConfig{Name: "up", BaseURL: srv.URL + "/v1", Models: []string{"m"}, Endpoints: []Endpoint{Chat, Responses, Embeddings}})
	if err != nil {
		t.Fatal(err)
	}
	return p, &paths
}

func TestOpenAIPost(t *testing.T) {
	p, paths := endpointUpstream(t, map[string]string{
		"/v1/embeddings": `{"object":"list","data":[{"object":"embedding","index":0,"embedding":[0.1]}],"model":"m","usage":{"prompt_tokens":2,"total_tokens":2}}`,
		"/v1/responses":  `{"id":"resp_1","object":"response","status":"completed","error":null,"output":[],"usage":{"input_tokens":3,"output_tokens":4,"total_tokens":7}}`,
	})
	ctx := context.Background()
	resp, err := p.Post(ctx, Embeddings, []byte(`{"model":"m","input":"x"}`))
	if err != nil || resp.Usage.TotalTokens != 2 || resp.Usage.PromptTokens != 2 {
		t.Fatalf("embeddings: %v, %+v", err, resp)
	}
	resp, err = p.Post(ctx, Responses, []byte(`{"model":"m","input":"x"}`))
	if err != nil || resp.Usage != (openai.Usage{PromptTokens: 3, CompletionTokens: 4, TotalTokens: 7}) || !strings.Contains(string(resp.Body), `"error":null`) {
		t.Fatalf("responses: %v, %+v", err, resp)
	}
	if _, err := p.Post(ctx, Completions, []byte(`{}`)); err == nil {
		t.Error("Post to an endpoint the backend does not serve succeeded")
	}
	if strings.Join(*paths, ",") != "/v1/embeddings,/v1/responses" {
		t.Errorf("paths %v", *paths)
	}
	if got := p.Endpoints(); len(got) != 3 {
		t.Errorf("Endpoints = %v", got)
	}
}

func TestOpenAIResponsesStream(t *testing.T) {
	created := `data: {"type":"response.created","sequence_number":0,"response":{"id":"r","status":"in_progress","error":null}}` + "\n\n"
	delta := `data: {"type":"response.output_text.delta","sequence_number":1,"item_id":"m","delta":"hi"}` + "\n\n"
	completed := `data: {"type":"response.completed","sequence_number":2,"response":{"id":"r","status":"completed","usage":{"input_tokens":1,"output_tokens":2,"total_tokens":3}}}` + "\n\n"
	tests := []struct {
		name    string
		body    string
		events  int
		wantErr string
	}{
		{"no [DONE] after response.completed", created + delta + completed, 3, ""},
		{"[DONE] too", created + delta + completed + "data: [DONE]\n\n", 3, ""},
		{"cut before the end", created + delta, 2, msgCut},
		{"an error event", created + `data: {"type":"error","code":"server_error","message":"boom at 10.0.0.7"}` + "\n\n", 1, msgReported},
		{"response.failed", created + `data: {"type":"response.failed","response":{"id":"r","status":"failed","error":{"code":"x","message":"y"}}}` + "\n\n", 1, msgReported},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p, _ := endpointUpstream(t, map[string]string{"/v1/responses": tt.body})
			st, err := p.PostStream(context.Background(), Responses, []byte(`{"model":"m","input":"x","stream":true}`))
			if err != nil {
				t.Fatal(err)
			}
			defer st.Close()
			n := 0
			for {
				b, err := st.Next()
				if err == io.EOF {
					if tt.wantErr != "" {
						t.Errorf("ended cleanly; want %q", tt.wantErr)
					}
					break
				}
				if err != nil {
					var e *mira.Error
					if tt.wantErr == "" || !errors.As(err, &e) || e.Message != tt.wantErr || e.Err == nil {
						t.Errorf("Next: %v; want %q with its cause for the logs", err, tt.wantErr)
					}
					break
				}
				if strings.Contains(string(b), `"error":null`) && !strings.Contains(string(b), `"response"`) {
					t.Errorf("event %s keeps a top-level error member", b)
				}
				n++
			}
			if n != tt.events {
				t.Errorf("%d events; want %d", n, tt.events)
			}
			if tt.wantErr == "" {
				if u := st.Usage(); u == nil || u.TotalTokens != 3 || u.CompletionTokens != 2 {
					t.Errorf("Usage = %v; want the response's", u)
				}
			}
		})
	}
}
