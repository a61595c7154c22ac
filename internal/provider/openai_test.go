package provider

import (
	"bytes"
	"context"
	"encoding/json"
	"encoding/pem"
	"errors"
	"fmt"
	"io"
	"log"
	"net"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/vmira/mira/internal/mira"
	"github.com/vmira/mira/internal/openai"
)

const upstreamKey = "sk-upstream-TESTKEY-0123456789"

// upstream starts a fake OpenAI-compatible backend serving handler at
// /v1/chat/completions. The body is read before handler runs, as real
// backends do; only then does net/http notice a client that went away.
func upstream(t *testing.T, handler http.HandlerFunc) *httptest.Server {
	t.Helper()
	mux := http.NewServeMux()
	mux.HandleFunc("POST /v1/chat/completions", func(w http.ResponseWriter, r *http.Request) {
		body, _ := io.ReadAll(r.Body)
		r.Body = io.NopCloser(bytes.NewReader(body))
		handler(w, r)
	})
	srv := httptest.NewServer(mux)
	t.Cleanup(srv.Close)
	return srv
}

// newTestProvider returns a provider for srvURL (the server's root URL).
func newTestProvider(t *testing.T, srvURL string, edit func(*OpenAIConfig)) *OpenAI {
	t.Helper()
	cfg := OpenAIConfig{Name: "local", BaseURL: srvURL + "/v1", APIKey: upstreamKey, Models: []string{"gpt-test"}}
	if edit != nil {
		edit(&cfg)
	}
	p, err := NewOpenAI(cfg)
	if err != nil {
		t.Fatalf("NewOpenAI: %v", err)
	}
	t.Cleanup(p.CloseIdleConnections)
	return p
}

func chatRequest(t *testing.T, body string) (*openai.ChatRequest, []byte) {
	t.Helper()
	req, err := openai.DecodeChatRequest([]byte(body), openai.Limits{})
	if err != nil {
		t.Fatalf("DecodeChatRequest(%s): %v", body, err)
	}
	return req, []byte(body)
}

const (
	plainBody  = `{"model":"gpt-test","messages":[{"role":"user","content":"Hi"}],"temperature":0.2,"tools":[{"type":"function","function":{"name":"f"}}]}`
	streamBody = `{"model":"gpt-test","messages":[{"role":"user","content":"Hi"}],"stream":true,"temperature":0.2}`
	usageBody  = `{"model":"gpt-test","messages":[{"role":"user","content":"Hi"}],"stream":true,"stream_options":{"include_usage":true}}`
)

// completion is an upstream answer as OpenAI writes it, with fields Mira
// does not know.
const completion = `{
  "id": "chatcmpl-abc", "object": "chat.completion", "created": 1721172741, "model": "gpt-test",
  "choices": [{"index": 0, "message": {"role": "assistant", "content": "Hello!", "refusal": null, "annotations": []},
               "logprobs": null, "finish_reason": "stop"}],
  "usage": {"prompt_tokens": 12, "completion_tokens": 9, "total_tokens": 21,
            "prompt_tokens_details": {"cached_tokens": 0, "audio_tokens": 0},
            "completion_tokens_details": {"reasoning_tokens": 0}},
  "service_tier": "default", "system_fingerprint": "fp_x"
}`

func compact(t *testing.T, s string) string {
	t.Helper()
	var b bytes.Buffer
	if err := json.Compact(&b, []byte(s)); err != nil {
		t.Fatalf("compact %s: %v", s, err)
	}
	return b.String()
}

func chunk(content string) string {
	return `{"id":"chatcmpl-abc","object":"chat.completion.chunk","created":1721172741,"model":"gpt-test","choices":[{"index":0,"delta":{"content":` +
		fmt.Sprintf("%q", content) + `},"logprobs":null,"finish_reason":null}]}`
}

const (
	roleChunk   = `{"id":"chatcmpl-abc","object":"chat.completion.chunk","created":1721172741,"model":"gpt-test","choices":[{"index":0,"delta":{"role":"assistant","content":""},"logprobs":null,"finish_reason":null}]}`
	finishChunk = `{"id":"chatcmpl-abc","object":"chat.completion.chunk","created":1721172741,"model":"gpt-test","choices":[{"index":0,"delta":{},"logprobs":null,"finish_reason":"stop"}]}`
	usageChunk  = `{"id":"chatcmpl-abc","object":"chat.completion.chunk","created":1721172741,"model":"gpt-test","choices":[],"usage":{"prompt_tokens":12,"completion_tokens":2,"total_tokens":14,"prompt_tokens_details":{"cached_tokens":0}}}`
)

// sse writes raw event-stream text and flushes it.
func sse(w http.ResponseWriter, raw string) {
	io.WriteString(w, raw)
	http.NewResponseController(w).Flush()
}

func startSSE(w http.ResponseWriter) {
	w.Header().Set("Content-Type", "text/event-stream; charset=utf-8")
	w.Header().Set("Cache-Control", "no-cache")
	w.WriteHeader(http.StatusOK)
}

// frames writes each payload as "data: <payload>\n\n".
func frames(payloads ...string) string {
	var b strings.Builder
	for _, p := range payloads {
		b.WriteString("data: " + p + "\n\n")
	}
	return b.String()
}

// collect reads s to its end.
func collect(t *testing.T, s Stream) ([]string, error) {
	t.Helper()
	var got []string
	for {
		b, err := s.Next()
		if err == io.EOF {
			return got, nil
		}
		if err != nil {
			return got, err
		}
		got = append(got, string(b))
	}
}

// checkUpstreamError checks that err is an upstream_error whose message
// is want and leaks none of secrets.
func checkUpstreamError(t *testing.T, err error, want string, secrets ...string) {
	t.Helper()
	var e *mira.Error
	if !errors.As(err, &e) {
		t.Fatalf("err = %v (%T); want a *mira.Error", err, err)
	}
	if e.Code != mira.EUpstream {
		t.Errorf("code = %q; want %q (err %v)", e.Code, mira.EUpstream, err)
	}
	if want != "" && e.Message != want {
		t.Errorf("message = %q; want %q (err %v)", e.Message, want, err)
	}
	for _, s := range append(secrets, "127.0.0.1", "localhost", upstreamKey, "http") {
		if s != "" && strings.Contains(e.Message, s) {
			t.Errorf("message %q shows %q", e.Message, s)
		}
	}
}

func TestChatPassThrough(t *testing.T) {
	var gotBody []byte
	srv := upstream(t, func(w http.ResponseWriter, r *http.Request) {
		gotBody, _ = io.ReadAll(r.Body)
		w.Header().Set("Content-Type", "application/json")
		io.WriteString(w, completion)
	})
	p := newTestProvider(t, srv.URL, nil)
	req, raw := chatRequest(t, plainBody)
	resp, err := p.Chat(context.Background(), req, raw)
	if err != nil {
		t.Fatalf("Chat: %v", err)
	}
	if string(gotBody) != plainBody {
		t.Errorf("upstream got body %s; want the client's body as-is %s", gotBody, plainBody)
	}
	if want := compact(t, completion); string(resp.Body) != want {
		t.Errorf("Body = %s; want the upstream's answer compacted %s", resp.Body, want)
	}
	if diff := cmp.Diff(openai.Usage{PromptTokens: 12, CompletionTokens: 9, TotalTokens: 21}, resp.Usage); diff != "" {
		t.Errorf("Usage (-want +got):\n%s", diff)
	}
}

func TestChatStripsNullError(t *testing.T) {
	srv := upstream(t, func(w http.ResponseWriter, r *http.Request) {
		io.WriteString(w, `{"error":null,"id":"x","choices":[],"usage":null}`)
	})
	resp, err := newTestProvider(t, srv.URL, nil).Chat(must(chatRequest(t, plainBody)))
	if err != nil {
		t.Fatalf("Chat: %v", err)
	}
	if want := `{"id":"x","choices":[],"usage":null}`; string(resp.Body) != want {
		t.Errorf("Body = %s; want %s", resp.Body, want)
	}
}

func must(req *openai.ChatRequest, raw []byte) (context.Context, *openai.ChatRequest, []byte) {
	return context.Background(), req, raw
}

func TestUpstreamRequestHeaders(t *testing.T) {
	tests := []struct {
		name   string
		key    string
		stream bool
		want   http.Header
	}{
		{"chat with key", upstreamKey, false, http.Header{
			"Accept": {"application/json"}, "Authorization": {"Bearer " + upstreamKey}, "Content-Type": {"application/json"},
		}},
		{"stream with key", upstreamKey, true, http.Header{
			"Accept": {"text/event-stream"}, "Authorization": {"Bearer " + upstreamKey}, "Content-Type": {"application/json"},
		}},
		{"chat without key", "", false, http.Header{
			"Accept": {"application/json"}, "Content-Type": {"application/json"},
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var got http.Header
			var path string
			srv := upstream(t, func(w http.ResponseWriter, r *http.Request) {
				got, path = r.Header.Clone(), r.URL.Path
				if tt.stream {
					startSSE(w)
					sse(w, frames(finishChunk, "[DONE]"))
					return
				}
				io.WriteString(w, completion)
			})
			p := newTestProvider(t, srv.URL, func(c *OpenAIConfig) { c.APIKey = tt.key })
			// A client's own credentials never reach the provider, but make
			// sure nothing of the request body turns into a header either.
			body := `{"model":"gpt-test","messages":[{"role":"user","content":"Authorization: Bearer sk-mira-client"}],"stream":` + fmt.Sprint(tt.stream) + `}`
			req, raw := chatRequest(t, body)
			if tt.stream {
				s, err := p.ChatStream(context.Background(), req, raw)
				if err != nil {
					t.Fatalf("ChatStream: %v", err)
				}
				defer s.Close()
				if _, err := collect(t, s); err != nil {
					t.Fatalf("Next: %v", err)
				}
			} else if _, err := p.Chat(context.Background(), req, raw); err != nil {
				t.Fatalf("Chat: %v", err)
			}
			if path != "/v1/chat/completions" {
				t.Errorf("path = %q; want /v1/chat/completions", path)
			}
			// Go's own: User-Agent, Accept-Encoding, Content-Length. Nothing else.
			for _, h := range []string{"User-Agent", "Accept-Encoding", "Content-Length"} {
				got.Del(h)
			}
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("upstream request headers (-want +got):\n%s", diff)
			}
		})
	}
}

// upstreamHeaders is what a real backend may send next to its answer.
var upstreamHeaders = map[string]string{
	"Set-Cookie":                    "__cf_bm=secret; path=/",
	"X-Upstream-Secret":             "hunter2",
	"X-Ratelimit-Remaining":         "10",
	"X-Ratelimit-Remaining-Tokens":  "1000",
	"Openai-Organization":           "org-secret",
	"Openai-Project":                "proj_secret",
	"Server":                        "uvicorn",
	"Via":                           "1.1 internal-proxy",
	"Openai-Processing-Ms":          "123",
	"Openai-Version":                "2020-10-01",
	"X-Request-Id":                  "req_abc123",
	"Access-Control-Allow-Origin":   "*",
	"Strict-Transport-Security":     "max-age=0",
	"Alt-Svc":                       `h3=":443"`,
	"Cf-Ray":                        "abc-FRA",
	"X-Envoy-Upstream-Service-Time": "5",
}

func TestResponseHeaderAllowList(t *testing.T) {
	want := http.Header{
		"Openai-Processing-Ms":     {"123"},
		"Openai-Version":           {"2020-10-01"},
		"Mira-Upstream-Request-Id": {"req_abc123"},
	}
	srv := upstream(t, func(w http.ResponseWriter, r *http.Request) {
		for k, v := range upstreamHeaders {
			w.Header().Set(k, v)
		}
		var req struct{ Stream bool }
		json.NewDecoder(r.Body).Decode(&req)
		if req.Stream {
			startSSE(w)
			sse(w, frames(finishChunk, "[DONE]"))
			return
		}
		w.Header().Set("Content-Type", "application/json")
		io.WriteString(w, completion)
	})
	p := newTestProvider(t, srv.URL, nil)
	resp, err := p.Chat(must(chatRequest(t, plainBody)))
	if err != nil {
		t.Fatalf("Chat: %v", err)
	}
	if diff := cmp.Diff(want, resp.Header); diff != "" {
		t.Errorf("Chat headers (-want +got):\n%s", diff)
	}
	s, err := p.ChatStream(must(chatRequest(t, streamBody)))
	if err != nil {
		t.Fatalf("ChatStream: %v", err)
	}
	defer s.Close()
	if diff := cmp.Diff(want, s.Header()); diff != "" {
		t.Errorf("stream headers (-want +got):\n%s", diff)
	}
}

func TestPassHeadersValues(t *testing.T) {
	tests := []struct {
		name string
		in   http.Header
		want http.Header
	}{
		{"none", http.Header{"Server": {"x"}}, nil},
		{"markup dropped", http.Header{"X-Request-Id": {"<script>"}}, nil},
		{"space dropped", http.Header{"Openai-Version": {"1 2"}}, nil},
		{"too long dropped", http.Header{"X-Request-Id": {strings.Repeat("a", 129)}}, nil},
		{"first value only", http.Header{"Openai-Processing-Ms": {"1", "2"}}, http.Header{"Openai-Processing-Ms": {"1"}}},
	}
	for _, tt := range tests {
		if diff := cmp.Diff(tt.want, passHeaders(tt.in)); diff != "" {
			t.Errorf("%s: passHeaders(%v) (-want +got):\n%s", tt.name, tt.in, diff)
		}
	}
}

func TestStreamIncremental(t *testing.T) {
	release := make(chan struct{})
	finished := make(chan struct{})
	srv := upstream(t, func(w http.ResponseWriter, r *http.Request) {
		defer close(finished)
		startSSE(w)
		sse(w, frames(roleChunk, chunk("Hel")))
		select {
		case <-release:
		case <-r.Context().Done():
			return
		}
		sse(w, frames(chunk("lo"), finishChunk, "[DONE]"))
	})
	s, err := newTestProvider(t, srv.URL, nil).ChatStream(must(chatRequest(t, streamBody)))
	if err != nil {
		t.Fatalf("ChatStream: %v", err)
	}
	defer s.Close()
	for _, want := range []string{roleChunk, chunk("Hel")} {
		got, err := s.Next()
		if err != nil || string(got) != want {
			t.Fatalf("Next while the upstream waits = %s, %v; want %s", got, err, want)
		}
	}
	select {
	case <-finished:
		t.Fatal("the upstream finished before it was released")
	default:
	}
	close(release)
	got, err := collect(t, s)
	if err != nil {
		t.Fatalf("Next: %v", err)
	}
	if diff := cmp.Diff([]string{chunk("lo"), finishChunk}, got); diff != "" {
		t.Errorf("rest of the stream (-want +got):\n%s", diff)
	}
	if _, err := s.Next(); err != io.EOF {
		t.Errorf("Next after the end = %v; want io.EOF", err)
	}
}

func TestStreamUsage(t *testing.T) {
	tests := []struct {
		name          string
		body          string
		noStreamUsage bool
		wantUpstream  string // the body the upstream must see
		wantChunks    []string
		wantUsage     *openai.Usage
	}{
		{
			name:         "client asked",
			body:         usageBody,
			wantUpstream: usageBody,
			wantChunks:   []string{chunk("Hi"), finishChunk, usageChunk},
			wantUsage:    &openai.Usage{PromptTokens: 12, CompletionTokens: 2, TotalTokens: 14},
		},
		{
			name:         "Mira asks, the client does not see it",
			body:         `{"model":"gpt-test","messages":[{"role":"user","content":"Hi"}],"stream":true,"stream_options":{"include_usage":false,"x":1},"temperature":0.2}`,
			wantUpstream: `{"model":"gpt-test","messages":[{"role":"user","content":"Hi"}],"stream":true,"temperature":0.2,"stream_options":{"include_usage":true,"x":1}}`,
			wantChunks:   []string{chunk("Hi"), finishChunk},
			wantUsage:    &openai.Usage{PromptTokens: 12, CompletionTokens: 2, TotalTokens: 14},
		},
		{
			name:         "no stream_options",
			body:         streamBody,
			wantUpstream: `{"model":"gpt-test","messages":[{"role":"user","content":"Hi"}],"stream":true,"temperature":0.2,"stream_options":{"include_usage":true}}`,
			wantChunks:   []string{chunk("Hi"), finishChunk},
			wantUsage:    &openai.Usage{PromptTokens: 12, CompletionTokens: 2, TotalTokens: 14},
		},
		{
			name:          "NoStreamUsage",
			body:          streamBody,
			noStreamUsage: true,
			wantUpstream:  streamBody,
			wantChunks:    []string{chunk("Hi"), finishChunk},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var gotBody []byte
			srv := upstream(t, func(w http.ResponseWriter, r *http.Request) {
				gotBody, _ = io.ReadAll(r.Body)
				var req openai.ChatRequest
				json.Unmarshal(gotBody, &req)
				startSSE(w)
				sse(w, frames(chunk("Hi"), finishChunk))
				if req.IncludeUsage() {
					sse(w, frames(usageChunk))
				}
				sse(w, frames("[DONE]"))
			})
			p := newTestProvider(t, srv.URL, func(c *OpenAIConfig) { c.NoStreamUsage = tt.noStreamUsage })
			s, err := p.ChatStream(must(chatRequest(t, tt.body)))
			if err != nil {
				t.Fatalf("ChatStream: %v", err)
			}
			defer s.Close()
			got, err := collect(t, s)
			if err != nil {
				t.Fatalf("Next: %v", err)
			}
			if string(gotBody) != tt.wantUpstream {
				t.Errorf("upstream body\n got %s\nwant %s", gotBody, tt.wantUpstream)
			}
			if diff := cmp.Diff(tt.wantChunks, got); diff != "" {
				t.Errorf("chunks (-want +got):\n%s", diff)
			}
			if diff := cmp.Diff(tt.wantUsage, s.Usage()); diff != "" {
				t.Errorf("Usage (-want +got):\n%s", diff)
			}
		})
	}
}

func TestStreamWireVariants(t *testing.T) {
	tests := []struct {
		name string
		raw  string
		want []string
	}{
		{"openai", frames(roleChunk, chunk("a"), finishChunk, "[DONE]"), []string{roleChunk, chunk("a"), finishChunk}},
		{"no space after data:", "data:" + chunk("a") + "\n\ndata:[DONE]\n\n", []string{chunk("a")}},
		{"crlf", "data: " + chunk("a") + "\r\n\r\ndata: [DONE]\r\n\r\n", []string{chunk("a")}},
		{"comments and fields", ": keep-alive\n\nevent: message\nid: 1\nretry: 3000\ndata: " + chunk("a") + "\n\n: ping\n\ndata: [DONE]\n\n", []string{chunk("a")}},
		{"pretty JSON compacted", "data: {\ndata: \"id\": \"x\",\ndata:  \"choices\": [ ]}\n\ndata: [DONE]\n\n", []string{`{"id":"x","choices":[]}`}},
		{"error null stripped", frames(`{"id":"x", "error": null, "choices":[{"delta":{"content":"a"}}]}`, `{"error":null}`, "[DONE]"),
			[]string{`{"id":"x","choices":[{"delta":{"content":"a"}}]}`, `{}`}},
		{"escaped error key stripped", frames(`{"\u0065rror":null,"a":"\u00e9"}`, "[DONE]"), []string{`{"a":"\u00e9"}`}},
		{"nested error key kept", frames(`{"id":"x","choices":[{"delta":{"content":"\"error\":1","error":null}}]}`, "[DONE]"),
			[]string{`{"id":"x","choices":[{"delta":{"content":"\"error\":1","error":null}}]}`}},
		{"empty data skipped", "data:\n\n" + frames(chunk("a"), "[DONE]"), []string{chunk("a")}},
		{"done without blank line", frames(chunk("a")) + "data: [DONE]", []string{chunk("a")}},
		{"trailing data after done ignored", frames(chunk("a"), "[DONE]") + frames(chunk("b")), []string{chunk("a")}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			srv := upstream(t, func(w http.ResponseWriter, r *http.Request) {
				startSSE(w)
				sse(w, tt.raw)
			})
			s, err := newTestProvider(t, srv.URL, nil).ChatStream(must(chatRequest(t, usageBody)))
			if err != nil {
				t.Fatalf("ChatStream: %v", err)
			}
			defer s.Close()
			got, err := collect(t, s)
			if err != nil {
				t.Fatalf("Next: %v", err)
			}
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("chunks (-want +got):\n%s", diff)
			}
		})
	}
}

const upstreamSecret = "internal-cluster-gpu-7 traceback: token sk-live"

func TestStreamErrors(t *testing.T) {
	tests := []struct {
		name      string
		handler   http.HandlerFunc
		edit      func(*OpenAIConfig)
		wantStart string // the error of ChatStream, or "" if it succeeds
		wantNext  string // the error of Next
		wantN     int    // chunks before the error
	}{
		{name: "500 before the stream", handler: func(w http.ResponseWriter, r *http.Request) {
			http.Error(w, upstreamSecret, http.StatusInternalServerError)
		}, wantStart: "the model backend failed (HTTP 500)"},
		{name: "401 before the stream", handler: func(w http.ResponseWriter, r *http.Request) {
			w.Header().Set("Content-Type", "application/json")
			w.WriteHeader(http.StatusUnauthorized)
			io.WriteString(w, `{"error":{"message":"Incorrect API key provided: `+upstreamSecret+`","type":"invalid_request_error","code":"invalid_api_key"}}`)
		}, wantStart: "the model backend failed (HTTP 401)"},
		{name: "JSON instead of a stream", handler: func(w http.ResponseWriter, r *http.Request) {
			w.Header().Set("Content-Type", "application/json")
			io.WriteString(w, completion)
		}, wantStart: msgInvalid},
		{name: "error payload", handler: func(w http.ResponseWriter, r *http.Request) {
			startSSE(w)
			sse(w, frames(chunk("a"), `{"error":{"message":"`+upstreamSecret+`","type":"server_error"}}`, "[DONE]"))
		}, wantNext: msgReported, wantN: 1},
		{name: "eof without done", handler: func(w http.ResponseWriter, r *http.Request) {
			startSSE(w)
			sse(w, frames(chunk("a"), chunk("b")))
		}, wantNext: msgCut, wantN: 2},
		{name: "cut mid-event", handler: func(w http.ResponseWriter, r *http.Request) {
			startSSE(w)
			sse(w, frames(chunk("a"))+`data: {"id":"chatcmpl-abc","obj`)
		}, wantNext: msgInvalid, wantN: 1},
		{name: "connection dropped", handler: func(w http.ResponseWriter, r *http.Request) {
			startSSE(w)
			sse(w, frames(chunk("a")))
			panic(http.ErrAbortHandler)
		}, wantNext: msgCut, wantN: 1},
		{name: "invalid JSON", handler: func(w http.ResponseWriter, r *http.Request) {
			startSSE(w)
			sse(w, frames("{"+upstreamSecret+"}"))
		}, wantNext: msgInvalid},
		{name: "not an object", handler: func(w http.ResponseWriter, r *http.Request) {
			startSSE(w)
			sse(w, frames(`["`+upstreamSecret+`"]`))
		}, wantNext: msgInvalid},
		{name: "event too long", handler: func(w http.ResponseWriter, r *http.Request) {
			startSSE(w)
			sse(w, frames(chunk(strings.Repeat("x", 2000))))
		}, edit: func(c *OpenAIConfig) { c.MaxEventBytes = 1000 }, wantNext: msgInvalid},
		{name: "slow headers", handler: func(w http.ResponseWriter, r *http.Request) {
			<-r.Context().Done()
		}, edit: func(c *OpenAIConfig) { c.ResponseHeaderTimeout = 50 * time.Millisecond }, wantStart: msgTimeout},
		{name: "idle", handler: func(w http.ResponseWriter, r *http.Request) {
			startSSE(w)
			sse(w, frames(chunk("a"))+": keep-alive comments do not count\n\n")
			<-r.Context().Done()
		}, edit: func(c *OpenAIConfig) { c.StreamIdleTimeout = 100 * time.Millisecond }, wantNext: msgIdle, wantN: 1},
		{name: "silent after headers", handler: func(w http.ResponseWriter, r *http.Request) {
			startSSE(w)
			http.NewResponseController(w).Flush()
			<-r.Context().Done()
		}, edit: func(c *OpenAIConfig) { c.StreamIdleTimeout = 100 * time.Millisecond }, wantNext: msgIdle},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			srv := upstream(t, tt.handler)
			p := newTestProvider(t, srv.URL, tt.edit)
			s, err := p.ChatStream(must(chatRequest(t, usageBody)))
			if tt.wantStart != "" {
				if err == nil {
					s.Close()
					t.Fatal("ChatStream succeeded; want an error")
				}
				checkUpstreamError(t, err, tt.wantStart, upstreamSecret, srv.Listener.Addr().String())
				return
			}
			if err != nil {
				t.Fatalf("ChatStream: %v", err)
			}
			defer s.Close()
			got, err := collect(t, s)
			if len(got) != tt.wantN {
				t.Errorf("%d chunks before the error; want %d", len(got), tt.wantN)
			}
			checkUpstreamError(t, err, tt.wantNext, upstreamSecret, srv.Listener.Addr().String())
			if _, again := s.Next(); again != err {
				t.Errorf("Next after an error = %v; want the same error %v", again, err)
			}
		})
	}
}

func TestChatErrors(t *testing.T) {
	big := `{"choices":[],"pad":"` + strings.Repeat("x", 2000) + `"}`
	tests := []struct {
		name    string
		handler http.HandlerFunc
		edit    func(*OpenAIConfig)
		want    string
	}{
		{"500", func(w http.ResponseWriter, r *http.Request) {
			http.Error(w, upstreamSecret, http.StatusInternalServerError)
		}, nil, "the model backend failed (HTTP 500)"},
		{"redirect not followed", func(w http.ResponseWriter, r *http.Request) {
			http.Redirect(w, r, "http://evil.example/"+upstreamSecret, http.StatusTemporaryRedirect)
		}, nil, "the model backend failed (HTTP 307)"},
		{"invalid JSON", func(w http.ResponseWriter, r *http.Request) {
			io.WriteString(w, "<html>"+upstreamSecret+"</html>")
		}, nil, msgInvalid},
		{"not an object", func(w http.ResponseWriter, r *http.Request) {
			io.WriteString(w, `["`+upstreamSecret+`"]`)
		}, nil, msgInvalid},
		{"no choices", func(w http.ResponseWriter, r *http.Request) {
			io.WriteString(w, `{"id":"x","detail":"`+upstreamSecret+`"}`)
		}, nil, msgInvalid},
		{"error object with 200", func(w http.ResponseWriter, r *http.Request) {
			io.WriteString(w, `{"choices":[],"error":{"message":"`+upstreamSecret+`"}}`)
		}, nil, msgReported},
		{"too large with length", func(w http.ResponseWriter, r *http.Request) {
			io.WriteString(w, big)
		}, func(c *OpenAIConfig) { c.MaxResponseBytes = 1000 }, msgTooLarge},
		{"too large chunked", func(w http.ResponseWriter, r *http.Request) {
			for range 10 {
				io.WriteString(w, big[:300])
				http.NewResponseController(w).Flush()
			}
		}, func(c *OpenAIConfig) { c.MaxResponseBytes = 1000 }, msgTooLarge},
		{"slow headers", func(w http.ResponseWriter, r *http.Request) {
			<-r.Context().Done()
		}, func(c *OpenAIConfig) { c.ResponseHeaderTimeout = 50 * time.Millisecond }, msgTimeout},
		{"slow body", func(w http.ResponseWriter, r *http.Request) {
			io.WriteString(w, `{"choices":`)
			http.NewResponseController(w).Flush()
			<-r.Context().Done()
		}, func(c *OpenAIConfig) { c.RequestTimeout = 100 * time.Millisecond }, msgTimeout},
		{"cut body", func(w http.ResponseWriter, r *http.Request) {
			w.Header().Set("Content-Length", "1000")
			io.WriteString(w, `{"choices":`)
		}, nil, msgCutAnswer},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			srv := upstream(t, tt.handler)
			resp, err := newTestProvider(t, srv.URL, tt.edit).Chat(must(chatRequest(t, plainBody)))
			if err == nil {
				t.Fatalf("Chat = %s; want an error", resp.Body)
			}
			checkUpstreamError(t, err, tt.want, upstreamSecret, srv.Listener.Addr().String())
		})
	}
}

func TestStatusErrorCause(t *testing.T) {
	srv := upstream(t, func(w http.ResponseWriter, r *http.Request) {
		http.Error(w, "overloaded", http.StatusServiceUnavailable)
	})
	_, err := newTestProvider(t, srv.URL, nil).Chat(must(chatRequest(t, plainBody)))
	var se *StatusError
	if !errors.As(err, &se) || se.StatusCode != 503 || se.Provider != "local" {
		t.Errorf("Chat error %v; want a StatusError with the status", err)
	}
	if strings.Contains(err.Error(), "overloaded") {
		t.Errorf("Chat error %q holds the upstream's body, which must not reach the logs", err)
	}
}

func TestConnectionRefused(t *testing.T) {
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	addr := l.Addr().String()
	l.Close()
	p := newTestProvider(t, "http://"+addr, nil)
	_, err = p.Chat(must(chatRequest(t, plainBody)))
	checkUpstreamError(t, err, msgUnreachable, addr)
	_, err = p.ChatStream(must(chatRequest(t, streamBody)))
	checkUpstreamError(t, err, msgUnreachable, addr)
}

// TestCancel checks that the upstream sees its request cancelled when the
// client goes away or the stream is closed.
func TestCancel(t *testing.T) {
	tests := []struct {
		name   string
		stream bool
		stop   func(cancel context.CancelFunc, s Stream)
	}{
		{"chat: ctx cancelled", false, func(cancel context.CancelFunc, _ Stream) { cancel() }},
		{"stream: ctx cancelled", true, func(cancel context.CancelFunc, _ Stream) { cancel() }},
		{"stream: Close", true, func(_ context.CancelFunc, s Stream) { s.Close() }},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			started := make(chan struct{})
			upstreamDone := make(chan struct{})
			srv := upstream(t, func(w http.ResponseWriter, r *http.Request) {
				if tt.stream {
					startSSE(w)
					sse(w, frames(chunk("a")))
				}
				close(started)
				select {
				case <-r.Context().Done():
					close(upstreamDone)
				case <-time.After(10 * time.Second):
				}
			})
			p := newTestProvider(t, srv.URL, nil)
			ctx, cancel := context.WithCancel(context.Background())
			defer cancel()
			result := make(chan error, 1)
			var s Stream
			if tt.stream {
				req, raw := chatRequest(t, streamBody)
				var err error
				s, err = p.ChatStream(ctx, req, raw)
				if err != nil {
					t.Fatalf("ChatStream: %v", err)
				}
				if _, err := s.Next(); err != nil {
					t.Fatalf("Next: %v", err)
				}
				go func() { _, err := s.Next(); result <- err }()
			} else {
				req, raw := chatRequest(t, plainBody)
				go func() { _, err := p.Chat(ctx, req, raw); result <- err }()
			}
			<-started
			tt.stop(cancel, s)
			select {
			case <-upstreamDone:
			case <-time.After(5 * time.Second):
				t.Fatal("the upstream request was not cancelled")
			}
			select {
			case err := <-result:
				checkUpstreamError(t, err, msgCanceled)
				if !errors.Is(err, context.Canceled) && !errors.Is(err, errClosed) {
					t.Errorf("err = %v; want it to wrap the cancellation", err)
				}
			case <-time.After(5 * time.Second):
				t.Fatal("the blocked call did not return")
			}
			if s != nil {
				if err := s.Close(); err != nil {
					t.Errorf("second Close = %v", err)
				}
				if _, err := s.Next(); err == nil || err == io.EOF {
					t.Errorf("Next after Close = %v; want an error", err)
				}
			}
		})
	}
}

func TestNextAfterCloseDropsBufferedEvents(t *testing.T) {
	srv := upstream(t, func(w http.ResponseWriter, r *http.Request) {
		startSSE(w)
		sse(w, frames(chunk("a"), chunk("b"), chunk("c")))
		<-r.Context().Done()
	})
	s, err := newTestProvider(t, srv.URL, nil).ChatStream(must(chatRequest(t, streamBody)))
	if err != nil {
		t.Fatalf("ChatStream: %v", err)
	}
	if _, err := s.Next(); err != nil {
		t.Fatalf("Next: %v", err)
	}
	s.Close()
	_, err = s.Next()
	checkUpstreamError(t, err, msgCanceled)
}

// TestTLS checks that an https upstream with a private CA works (over
// HTTP/2) with CAFile, and is refused without it.
func TestTLS(t *testing.T) {
	var proto atomic.Value
	srv := httptest.NewUnstartedServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		proto.Store(r.Proto)
		startSSE(w)
		sse(w, frames(chunk("a"), "[DONE]"))
	}))
	srv.EnableHTTP2 = true
	srv.Config.ErrorLog = log.New(io.Discard, "", 0) // the refused handshake below
	srv.StartTLS()
	t.Cleanup(srv.Close)
	caFile := filepath.Join(t.TempDir(), "ca.pem")
	cert := pem.EncodeToMemory(&pem.Block{Type: "CERTIFICATE", Bytes: srv.Certificate().Raw})
	if err := os.WriteFile(caFile, cert, 0o600); err != nil {
		t.Fatal(err)
	}

	p := newTestProvider(t, srv.URL, func(c *OpenAIConfig) { c.CAFile = caFile })
	s, err := p.ChatStream(must(chatRequest(t, streamBody)))
	if err != nil {
		t.Fatalf("ChatStream with CAFile: %v", err)
	}
	got, err := collect(t, s)
	s.Close()
	if err != nil || len(got) != 1 {
		t.Errorf("stream over TLS: %q, %v; want one chunk", got, err)
	}
	if proto.Load() != "HTTP/2.0" {
		t.Errorf("upstream protocol %v; want HTTP/2.0", proto.Load())
	}

	p = newTestProvider(t, srv.URL, nil)
	_, err = p.Chat(must(chatRequest(t, plainBody)))
	checkUpstreamError(t, err, msgUnreachable, srv.Listener.Addr().String())
}

// TestConnectionReuse checks that finished requests and streams give their
// connection back: a gateway that dials per request halves its throughput.
func TestConnectionReuse(t *testing.T) {
	var conns atomic.Int32
	srv := httptest.NewUnstartedServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		var req struct{ Stream bool }
		json.NewDecoder(r.Body).Decode(&req)
		if !req.Stream {
			io.WriteString(w, completion)
			return
		}
		startSSE(w)
		sse(w, frames(roleChunk, chunk("a"), finishChunk, usageChunk, "[DONE]"))
	}))
	srv.Config.ConnState = func(_ net.Conn, st http.ConnState) {
		if st == http.StateNew {
			conns.Add(1)
		}
	}
	srv.Start()
	t.Cleanup(srv.Close)
	p := newTestProvider(t, srv.URL, nil)
	for range 20 {
		s, err := p.ChatStream(must(chatRequest(t, streamBody)))
		if err != nil {
			t.Fatalf("ChatStream: %v", err)
		}
		if _, err := collect(t, s); err != nil {
			t.Fatalf("Next: %v", err)
		}
		s.Close()
		if _, err := p.Chat(must(chatRequest(t, plainBody))); err != nil {
			t.Fatalf("Chat: %v", err)
		}
	}
	if n := conns.Load(); n != 1 {
		t.Errorf("40 sequential requests used %d connections; want 1", n)
	}
}

func TestNewOpenAIErrors(t *testing.T) {
	ok := OpenAIConfig{Name: "x", BaseURL: "https://api.example.com/v1", Models: []string{"m"}}
	tests := []struct {
		name string
		edit func(*OpenAIConfig)
		want string // in the error
	}{
		{"no name", func(c *OpenAIConfig) { c.Name = "" }, "name"},
		{"ftp", func(c *OpenAIConfig) { c.BaseURL = "ftp://x/v1" }, "base_url"},
		{"no host", func(c *OpenAIConfig) { c.BaseURL = "http:///v1" }, "base_url"},
		{"credentials", func(c *OpenAIConfig) { c.BaseURL = "https://u:p@x/v1" }, "credentials"},
		{"query", func(c *OpenAIConfig) { c.BaseURL = "https://x/v1?a=b" }, "query"},
		{"duplicate model", func(c *OpenAIConfig) { c.Models = []string{"m", "m"} }, "models"},
		{"key with newline", func(c *OpenAIConfig) { c.APIKey = "sk-a\nX-Evil: 1" }, "API key"},
		{"negative timeout", func(c *OpenAIConfig) { c.StreamIdleTimeout = -1 }, "stream_idle_timeout"},
		{"missing CA file", func(c *OpenAIConfig) { c.CAFile = "/nonexistent/ca.pem" }, "ca_file"},
		{"CA file without PEM", func(c *OpenAIConfig) {
			c.CAFile = filepath.Join(t.TempDir(), "empty.pem")
			os.WriteFile(c.CAFile, []byte("nothing"), 0o600)
		}, "ca_file"},
	}
	for _, tt := range tests {
		cfg := ok
		tt.edit(&cfg)
		_, err := NewOpenAI(cfg)
		if err == nil || !strings.Contains(err.Error(), tt.want) {
			t.Errorf("%s: NewOpenAI = %v; want an error naming %q", tt.name, err, tt.want)
		}
		if err != nil && strings.Contains(err.Error(), "sk-a") {
			t.Errorf("%s: error %v shows the key", tt.name, err)
		}
	}
	p, err := NewOpenAI(ok)
	if err != nil {
		t.Fatalf("NewOpenAI(%+v): %v", ok, err)
	}
	if p.base+Chat.Path() != "https://api.example.com/v1/chat/completions" || p.cfg.MaxIdleConnsPerHost != 64 || p.cfg.StreamIdleTimeout != 5*time.Minute {
		t.Errorf("defaults: base %q, %+v", p.base, p.cfg)
	}
}

func TestWithIncludeUsage(t *testing.T) {
	tests := []struct{ in, want string }{
		{`{"model":"m"}`, `{"model":"m","stream_options":{"include_usage":true}}`},
		{`{}`, `{"stream_options":{"include_usage":true}}`},
		{`{ "a" : 1 , "stream_options" : null }`, `{"a":1,"stream_options":{"include_usage":true}}`},
		{`{"stream_options":{"include_usage":false},"b":[1]}`, `{"b":[1],"stream_options":{"include_usage":true}}`},
		{`{"stream_options":{"x":1},"stream_options":{"include_usage":false}}`, `{"stream_options":{"include_usage":true}}`},
	}
	for _, tt := range tests {
		got, err := withIncludeUsage([]byte(tt.in))
		if err != nil || string(got) != tt.want {
			t.Errorf("withIncludeUsage(%s) = %s, %v; want %s", tt.in, got, err, tt.want)
		}
	}
	for _, bad := range []string{`[]`, `{"stream_options":1}`, `{`} {
		if got, err := withIncludeUsage([]byte(bad)); err == nil {
			t.Errorf("withIncludeUsage(%s) = %s; want an error", bad, got)
		}
	}
}

// FuzzMembers checks the top-level scanner against encoding/json on any
// valid JSON: no panic, the members rebuild the object, and withoutError
// leaves valid JSON without a top-level "error".
func FuzzMembers(f *testing.F) {
	for _, s := range []string{usageChunk, roleChunk, `{"error":null,"a":"\"error\":{"}`, `{"a":{"error":1},"error":{"b":[]}}`,
		`{"\u0065rror":null}`, `{}`, `[]`, `{"a":"\\"}`, `{"a":-1.5e3,"b":true,"c":[{"d":null}]}`} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, in []byte) {
		var buf bytes.Buffer
		if json.Compact(&buf, in) != nil {
			return
		}
		b := buf.Bytes()
		var obj map[string]json.RawMessage
		isObject := json.Unmarshal(b, &obj) == nil && b[0] == '{'
		var keys []string
		var rebuilt []byte
		ok := forMembers(b, func(m member) bool {
			var k string
			if err := json.Unmarshal(b[m.start:m.start+len(m.key)+2], &k); err != nil {
				t.Fatalf("key %q of %s is not a JSON string", m.key, b)
			}
			if !json.Valid(m.val) {
				t.Fatalf("value %q of %s is not valid JSON", m.val, b)
			}
			keys = append(keys, k)
			if len(rebuilt) > 0 {
				rebuilt = append(rebuilt, ',')
			}
			rebuilt = append(rebuilt, b[m.start:m.end]...)
			return true
		})
		if ok != isObject {
			t.Fatalf("forMembers(%s) = %v; encoding/json says object = %v", b, ok, isObject)
		}
		if !ok {
			return
		}
		if got := "{" + string(rebuilt) + "}"; got != string(b) {
			t.Fatalf("members of %s rebuild %s", b, got)
		}
		for _, k := range keys {
			if _, found := obj[k]; !found {
				t.Fatalf("key %q of %s unknown to encoding/json", k, b)
			}
		}
		out := withoutError(b)
		var after map[string]json.RawMessage
		if err := json.Unmarshal(out, &after); err != nil {
			t.Fatalf("withoutError(%s) = %s: %v", b, out, err)
		}
		if _, found := after["error"]; found {
			t.Fatalf("withoutError(%s) = %s still has an error key", b, out)
		}
		if len(after) != len(obj)-btoi(obj["error"] != nil) {
			t.Fatalf("withoutError(%s) = %s lost other members", b, out)
		}
	})
}

func btoi(b bool) int {
	if b {
		return 1
	}
	return 0
}

// BenchmarkStream measures the provider's own cost per chunk, without the
// network: compaction, the checks and the copy for the caller.
func BenchmarkStream(b *testing.B) {
	var body bytes.Buffer
	body.WriteString(frames(roleChunk))
	for i := range 64 {
		body.WriteString(frames(chunk(fmt.Sprintf("tok%d ", i))))
	}
	body.WriteString(frames(finishChunk, usageChunk, "[DONE]"))
	p, err := NewOpenAI(OpenAIConfig{Name: "bench", BaseURL: "http://127.0.0.1:1/v1", Models: []string{"m"}})
	if err != nil {
		b.Fatal(err)
	}
	raw := body.Bytes()
	b.ReportAllocs()
	b.SetBytes(int64(len(raw)))
	for b.Loop() {
		ctx, cancel := context.WithCancelCause(context.Background())
		s := &openaiStream{p: p, ctx: ctx, cancel: cancel, body: io.NopCloser(bytes.NewReader(raw)), dropUsage: true}
		s.idle = time.AfterFunc(time.Hour, func() {})
		s.sse = p.getSSEReader(s.body)
		for {
			if _, err := s.Next(); err != nil {
				if err != io.EOF {
					b.Fatal(err)
				}
				break
			}
		}
		s.Close()
	}
}

func TestCompactJSON(t *testing.T) {
	for _, in := range []string{
		`{}`, ` { "a" : [ 1 , -2.5e+3 , true , false , null , "x\"\\\/\b\f\n\r\t\u00e9" ] } `, "[\n]", `"s"`, `0`, `-0.0E-0`,
		`{"a":{"b":{}}}`, "\t1\r\n", `"é"`, "\"\xff\"",
		``, ` `, `{`, `{"a"}`, `{"a":}`, `{"a":1,}`, `[1,]`, `[1 2]`, `01`, `-`, `1.`, `1e`, `.5`, `+1`, `tru`, `nul`, `truex`,
		`"\x"`, `"\u12G4"`, `"\u12"`, "\"a\nb\"", `"abc`, `{"a":1}{}`, `{1:2}`, `[}`, `NaN`, "\x00",
	} {
		var want bytes.Buffer
		werr := json.Compact(&want, []byte(in))
		got, err := compactJSON(nil, []byte(in))
		if (err == nil) != (werr == nil) || (err == nil && string(got) != want.String()) {
			t.Errorf("compactJSON(%q) = %q, %v; json.Compact: %q, %v", in, got, err, want.String(), werr)
		}
	}
	for _, depth := range []int{maxJSONDepth, maxJSONDepth + 1} {
		in := strings.Repeat("[", depth) + strings.Repeat("]", depth)
		_, err := compactJSON(nil, []byte(in))
		if wantOK := json.Valid([]byte(in)); (err == nil) != wantOK {
			t.Errorf("compactJSON of depth %d: %v; json.Valid = %v", depth, err, wantOK)
		}
	}
	in := []byte(` {"a" : [1, 2] } `)
	got, err := compactJSON(in[:0], in)
	if err != nil || string(got) != `{"a":[1,2]}` {
		t.Errorf("compactJSON in place = %q, %v", got, err)
	}
}

// FuzzCompact checks compactJSON against json.Compact.
func FuzzCompact(f *testing.F) {
	for _, s := range []string{usageChunk, completion, `{"a":"\u00e9\n"}`, `[1,-0.5e+10,true,false,null]`, `{"a" : 1 }`, `"\ud800"`} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, in []byte) {
		var want bytes.Buffer
		werr := json.Compact(&want, in)
		got, err := compactJSON(nil, in)
		if (err == nil) != (werr == nil) || (err == nil && !bytes.Equal(got, want.Bytes())) {
			t.Fatalf("compactJSON(%q) = %q, %v; json.Compact: %q, %v", in, got, err, want.Bytes(), werr)
		}
		if err == nil {
			inPlace, _ := compactJSON(in[:0], in)
			if !bytes.Equal(inPlace, want.Bytes()) {
				t.Fatalf("compactJSON in place = %q; want %q", inPlace, want.Bytes())
			}
		}
	})
}

func BenchmarkCompact(b *testing.B) {
	chunk := []byte(chunk("Hello there, how are you today?"))
	b.Run("compactJSON", func(b *testing.B) {
		b.SetBytes(int64(len(chunk)))
		for b.Loop() {
			compactJSON(make([]byte, 0, len(chunk)), chunk)
		}
	})
	b.Run("json.Compact", func(b *testing.B) {
		b.SetBytes(int64(len(chunk)))
		var buf bytes.Buffer
		for b.Loop() {
			buf.Reset()
			json.Compact(&buf, chunk)
			bytes.Clone(buf.Bytes())
		}
	})
}

// FuzzStream feeds any bytes to a stream as its upstream body: Next must not
// panic, and every chunk it returns must be a compact JSON object on one
// line without a top-level "error", so that framing it as "data: ...\n\n"
// is safe.
func FuzzStream(f *testing.F) {
	for _, s := range []string{
		frames(roleChunk, chunk("a"), finishChunk, usageChunk, "[DONE]"),
		"data:{\"error\":null,\"a\":1}\r\n\r\ndata:[DONE]",
		"data: {\ndata: \"a\": \"b\"}\n\n", "data: {\"error\":{\"m\":1}}\n\n", ": c\n\ndata: [1]\n\n",
		"data: {\"choices\":[],\"usage\":{\"prompt_tokens\":1}}\n\n", "data: {\"\\u0065rror\":1}\n\n",
	} {
		f.Add([]byte(s))
	}
	p, err := NewOpenAI(OpenAIConfig{Name: "fuzz", BaseURL: "http://127.0.0.1:1/v1", Models: []string{"m"}, MaxEventBytes: 4096})
	if err != nil {
		f.Fatal(err)
	}
	f.Fuzz(func(t *testing.T, in []byte) {
		ctx, cancel := context.WithCancelCause(context.Background())
		s := &openaiStream{p: p, ctx: ctx, cancel: cancel, body: io.NopCloser(bytes.NewReader(in)), dropUsage: true}
		s.idle = time.AfterFunc(time.Hour, func() {})
		s.sse = p.getSSEReader(s.body)
		defer s.Close()
		for range len(in) + 1 {
			b, err := s.Next()
			if err != nil {
				var e *mira.Error
				if err != io.EOF && (!errors.As(err, &e) || e.Code != mira.EUpstream) {
					t.Fatalf("Next: %v; want io.EOF or an upstream_error", err)
				}
				return
			}
			var obj map[string]json.RawMessage
			if err := json.Unmarshal(b, &obj); err != nil {
				t.Fatalf("chunk %q is not a JSON object: %v", b, err)
			}
			if _, found := obj["error"]; found {
				t.Fatalf("chunk %q has an error key", b)
			}
			var c bytes.Buffer
			json.Compact(&c, b)
			if !bytes.Equal(c.Bytes(), b) || bytes.ContainsAny(b, "\r\n") {
				t.Fatalf("chunk %q is not compact JSON on one line", b)
			}
		}
		t.Fatal("Next never ended")
	})
}
