package client

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/vmira/mira/internal/openai"
)

func strp(s string) *string { return &s }

// writeFrame writes one SSE frame as Mira does and flushes it.
func writeFrame(w http.ResponseWriter, v any) {
	b, _ := json.Marshal(v)
	fmt.Fprintf(w, "data: %s\n\n", b)
	w.(http.Flusher).Flush()
}

func TestChatCompletionStream(t *testing.T) {
	var gotReq guarded[*openai.ChatRequest]
	srv := newTLSServer(t, func(w http.ResponseWriter, r *http.Request) {
		body, _ := io.ReadAll(r.Body)
		req, err := openai.DecodeChatRequest(body, openai.Limits{})
		if err != nil {
			writeError(w, 400, "invalid_request", err.Error())
			return
		}
		gotReq.Set(req)
		w.Header().Set("Content-Type", "text/event-stream; charset=utf-8")
		w.Header().Set("x-request-id", "req_stream")
		chunk := func(delta openai.Delta, finish *string) openai.ChatCompletionChunk {
			return openai.ChatCompletionChunk{ID: "chatcmpl-1", Object: "chat.completion.chunk", Model: req.Model,
				Choices: []openai.ChunkChoice{{Delta: delta, FinishReason: finish}}}
		}
		fmt.Fprint(w, ": keep-alive\n\n")
		writeFrame(w, chunk(openai.Delta{Role: "assistant", Content: strp("")}, nil))
		fmt.Fprint(w, ":\n\n")
		writeFrame(w, chunk(openai.Delta{Content: strp("Hel")}, nil))
		writeFrame(w, chunk(openai.Delta{Content: strp("lo")}, nil))
		fmt.Fprint(w, ": still thinking\n\n")
		writeFrame(w, chunk(openai.Delta{}, strp("stop")))
		writeFrame(w, openai.ChatCompletionChunk{ID: "chatcmpl-1", Object: "chat.completion.chunk", Model: req.Model,
			Choices: []openai.ChunkChoice{}, Usage: &openai.Usage{PromptTokens: 3, CompletionTokens: 2, TotalTokens: 5}})
		fmt.Fprint(w, "data: [DONE]\n\n")
	})
	c, _ := newTestClient(t, srv)
	stream, err := c.ChatCompletionStream(context.Background(), ChatRequest{
		Model:         "mira-echo",
		Messages:      []Message{{Role: "user", Content: "Hello"}},
		StreamOptions: &StreamOptions{IncludeUsage: true},
	})
	if err != nil {
		t.Fatalf("ChatCompletionStream: %v", err)
	}
	defer stream.Close()
	var text strings.Builder
	var finish []string
	chunks := 0
	for stream.Next() {
		chunks++
		for _, ch := range stream.Chunk().Choices {
			text.WriteString(ch.Delta.Content)
			if ch.FinishReason != "" {
				finish = append(finish, ch.FinishReason)
			}
		}
	}
	if err := stream.Err(); err != nil {
		t.Fatalf("stream.Err() = %v", err)
	}
	if text.String() != "Hello" || chunks != 5 || !cmp.Equal(finish, []string{"stop"}) {
		t.Errorf("got text %q in %d chunks, finish %v; want \"Hello\" in 5 chunks, finish [stop]", text.String(), chunks, finish)
	}
	if diff := cmp.Diff(&Usage{PromptTokens: 3, CompletionTokens: 2, TotalTokens: 5}, stream.Usage()); diff != "" {
		t.Errorf("Usage() mismatch (-want +got):\n%s", diff)
	}
	if stream.RequestID() != "req_stream" {
		t.Errorf("RequestID() = %q; want req_stream", stream.RequestID())
	}
	if req := gotReq.Get(); req == nil || !req.Stream || !req.IncludeUsage() {
		t.Errorf("server saw %+v; want stream true and include_usage", req)
	}
	if stream.Next() {
		t.Error("Next() after the end = true")
	}
}

func TestStreamParsing(t *testing.T) {
	const (
		hi  = `{"id":"c","object":"chat.completion.chunk","choices":[{"index":0,"delta":{"content":"hi"},"finish_reason":null}]}`
		end = "data: [DONE]\n\n"
	)
	tests := []struct {
		name      string
		body      string
		wantText  []string // the content of each chunk read
		wantUsage *Usage
		wantErr   error  // checked with errors.Is / errors.As for *Error
		wantInErr string // a substring of the error
	}{
		{name: "one chunk", body: "data: " + hi + "\n\n" + end, wantText: []string{"hi"}},
		{name: "CRLF line ends", body: "data: " + hi + "\r\n\r\ndata: [DONE]\r\n\r\n", wantText: []string{"hi"}},
		{name: "no space after data:", body: "data:" + hi + "\n\ndata:[DONE]\n\n", wantText: []string{"hi"}},
		{name: "comments and other fields skipped", body: ": ping\n\nevent: message\nid: 7\nretry: 100\ndata: " + hi + "\n\n:\n\n" + end, wantText: []string{"hi"}},
		{name: "data split over lines", body: "data: {\"choices\":\ndata: [{\"delta\":{\"content\":\"a b\"}}]}\n\n" + end, wantText: []string{"a b"}},
		{name: "no blank line before EOF", body: "data: " + hi + "\n\ndata: [DONE]", wantText: []string{"hi"}},
		{name: "error null is no error", body: `data: {"choices":[{"delta":{"content":"x"}}],"error":null}` + "\n\n" + end, wantText: []string{"x"}},
		{name: "usage chunk", body: "data: " + hi + "\n\n" + `data: {"choices":[],"usage":{"prompt_tokens":1,"completion_tokens":2,"total_tokens":3}}` + "\n\n" + end,
			wantText: []string{"hi", ""}, wantUsage: &Usage{PromptTokens: 1, CompletionTokens: 2, TotalTokens: 3}},
		{
			name:     "mid-stream error frame",
			body:     "data: " + hi + "\n\n" + `data: {"error":{"message":"the model backend failed","type":"server_error","param":null,"code":"upstream_error"}}` + "\n\n",
			wantText: []string{"hi"},
			wantErr:  &Error{Code: CodeUpstreamError, Type: "server_error", Message: "the model backend failed", RequestID: "req_s"},
		},
		{name: "cut before [DONE]", body: "data: " + hi + "\n\n", wantText: []string{"hi"}, wantErr: io.ErrUnexpectedEOF, wantInErr: "request id req_s"},
		{name: "empty stream", body: "", wantErr: io.ErrUnexpectedEOF},
		{name: "not JSON", body: "data: {oops\n\n" + end, wantInErr: "a stream frame is not a chunk"},
		{name: "filter ends the answer", body: `data: {"choices":[{"delta":{},"finish_reason":"content_filter"}]}` + "\n\n" + end, wantText: []string{""}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			srv := newTLSServer(t, func(w http.ResponseWriter, r *http.Request) {
				w.Header().Set("Content-Type", "text/event-stream")
				w.Header().Set("x-request-id", "req_s")
				io.WriteString(w, tt.body)
			})
			c, _ := newTestClient(t, srv)
			stream, err := c.ChatCompletionStream(context.Background(), ChatRequest{Model: "m", Messages: []Message{{Role: "user", Content: "x"}}})
			if err != nil {
				t.Fatalf("ChatCompletionStream: %v", err)
			}
			defer stream.Close()
			var texts []string
			for stream.Next() {
				var s strings.Builder
				for _, ch := range stream.Chunk().Choices {
					s.WriteString(ch.Delta.Content)
				}
				texts = append(texts, s.String())
			}
			if diff := cmp.Diff(tt.wantText, texts); diff != "" {
				t.Errorf("chunk texts mismatch (-want +got):\n%s", diff)
			}
			if diff := cmp.Diff(tt.wantUsage, stream.Usage()); diff != "" {
				t.Errorf("Usage() mismatch (-want +got):\n%s", diff)
			}
			err = stream.Err()
			switch want := tt.wantErr.(type) {
			case nil:
				if tt.wantInErr == "" && err != nil {
					t.Errorf("Err() = %v; want nil", err)
				}
			case *Error:
				var got *Error
				if !errors.As(err, &got) {
					t.Fatalf("Err() = %v; want an *Error", err)
				}
				if diff := cmp.Diff(want, got); diff != "" {
					t.Errorf("Err() mismatch (-want +got):\n%s", diff)
				}
			default:
				if !errors.Is(err, want) {
					t.Errorf("Err() = %v; want %v", err, want)
				}
			}
			if tt.wantInErr != "" && (err == nil || !strings.Contains(err.Error(), tt.wantInErr)) {
				t.Errorf("Err() = %v; want it to contain %q", err, tt.wantInErr)
			}
		})
	}
}

func TestStreamRetriedBeforeStart(t *testing.T) {
	var n atomic.Int32
	srv := newTLSServer(t, func(w http.ResponseWriter, r *http.Request) {
		if n.Add(1) == 1 {
			w.Header().Set("retry-after-ms", "250")
			writeError(w, 429, "rate_limit_exceeded", "Rate limit reached")
			return
		}
		w.Header().Set("Content-Type", "text/event-stream")
		io.WriteString(w, "data: {\"choices\":[{\"delta\":{\"content\":\"ok\"}}]}\n\ndata: [DONE]\n\n")
	})
	c, rec := newTestClient(t, srv)
	stream, err := c.ChatCompletionStream(context.Background(), ChatRequest{Model: "m", Messages: []Message{{Role: "user", Content: "x"}}})
	if err != nil {
		t.Fatalf("ChatCompletionStream: %v", err)
	}
	defer stream.Close()
	if !stream.Next() || stream.Chunk().Choices[0].Delta.Content != "ok" || stream.Next() || stream.Err() != nil {
		t.Errorf("stream did not yield one chunk \"ok\" and end cleanly (err %v)", stream.Err())
	}
	if n.Load() != 2 || !cmp.Equal(rec.Sleeps(), []time.Duration{250 * time.Millisecond}) {
		t.Errorf("attempts = %d, sleeps = %v; want 2 attempts and one 250ms sleep", n.Load(), rec.Sleeps())
	}
}

func TestStreamNotRetriedAfterStart(t *testing.T) {
	var n atomic.Int32
	srv := newTLSServer(t, func(w http.ResponseWriter, r *http.Request) {
		n.Add(1)
		w.Header().Set("Content-Type", "text/event-stream")
		writeFrame(w, openai.ChatCompletionChunk{Choices: []openai.ChunkChoice{{Delta: openai.Delta{Content: strp("par")}}}})
		// The connection dies mid-answer.
		conn, _, err := http.NewResponseController(w).Hijack()
		if err == nil {
			conn.Close()
		}
	})
	c, rec := newTestClient(t, srv)
	stream, err := c.ChatCompletionStream(context.Background(), ChatRequest{Model: "m", Messages: []Message{{Role: "user", Content: "x"}}})
	if err != nil {
		t.Fatalf("ChatCompletionStream: %v", err)
	}
	defer stream.Close()
	var chunks int
	for stream.Next() {
		chunks++
	}
	if chunks != 1 || stream.Err() == nil {
		t.Errorf("read %d chunks, Err() = %v; want 1 chunk and an error", chunks, stream.Err())
	}
	if n.Load() != 1 || len(rec.Sleeps()) != 0 {
		t.Errorf("attempts = %d, sleeps = %v; want 1 attempt, no retry", n.Load(), rec.Sleeps())
	}
}

func TestStreamErrors(t *testing.T) {
	tests := []struct {
		name    string
		handler http.HandlerFunc
		want    *Error
	}{
		{
			name: "refused before the stream",
			handler: func(w http.ResponseWriter, r *http.Request) {
				w.Header().Set("x-request-id", "req_1")
				writeError(w, 403, "model_not_allowed", "this key may not use gpt-5")
			},
			want: &Error{StatusCode: 403, Code: CodeModelNotAllowed, Type: "invalid_request_error", Message: "this key may not use gpt-5", RequestID: "req_1"},
		},
		{
			name: "not an event stream",
			handler: func(w http.ResponseWriter, r *http.Request) {
				w.Header().Set("x-request-id", "req_2")
				writeJSON(w, map[string]string{"id": "chatcmpl"})
			},
			want: &Error{StatusCode: 200, Message: `expected a text/event-stream answer, got "application/json"`, RequestID: "req_2"},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			srv := newTLSServer(t, tt.handler)
			c, _ := newTestClient(t, srv)
			_, err := c.ChatCompletionStream(context.Background(), ChatRequest{Model: "m", Messages: []Message{{Role: "user", Content: "x"}}})
			var got *Error
			if !errors.As(err, &got) {
				t.Fatalf("ChatCompletionStream error = %v; want an *Error", err)
			}
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("error mismatch (-want +got):\n%s", diff)
			}
		})
	}
}

func TestStreamCloseEarly(t *testing.T) {
	release := make(chan struct{})
	srv := newTLSServer(t, func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/event-stream")
		writeFrame(w, openai.ChatCompletionChunk{Choices: []openai.ChunkChoice{{Delta: openai.Delta{Content: strp("a")}}}})
		select {
		case <-r.Context().Done():
		case <-release:
		}
	})
	defer close(release)
	c, _ := newTestClient(t, srv)
	stream, err := c.ChatCompletionStream(context.Background(), ChatRequest{Model: "m", Messages: []Message{{Role: "user", Content: "x"}}})
	if err != nil {
		t.Fatalf("ChatCompletionStream: %v", err)
	}
	if !stream.Next() {
		t.Fatalf("Next() = false; want the first chunk (err %v)", stream.Err())
	}
	if err := stream.Close(); err != nil {
		t.Errorf("Close() = %v", err)
	}
	if stream.Next() || stream.Err() != nil {
		t.Errorf("after Close: Next() true or Err() = %v; want false and nil", stream.Err())
	}
	if err := stream.Close(); err != nil {
		t.Errorf("second Close() = %v", err)
	}
}
