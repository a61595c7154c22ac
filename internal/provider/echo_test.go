package provider

import (
	"context"
	"encoding/json"
	"errors"
	"io"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/vmira/mira/internal/openai"
)

func TestEchoChat(t *testing.T) {
	tests := []struct {
		name       string
		body       string
		wantAnswer string
		wantFinish string
	}{
		{"last user message", `{"model":"mira-echo","messages":[{"role":"user","content":"first"},{"role":"assistant","content":"x"},{"role":"user","content":"Hello, big  world!"}]}`, "Hello, big  world!", "stop"},
		{"text parts", `{"model":"mira-echo","messages":[{"role":"user","content":[{"type":"text","text":"a"},{"type":"text","text":"b"}]}]}`, "a\nb", "stop"},
		{"no user message", `{"model":"mira-echo","messages":[{"role":"system","content":"be brief"}]}`, echoGreeting, "stop"},
		{"max_tokens", `{"model":"mira-echo","messages":[{"role":"user","content":"one two three four five"}],"max_tokens":2}`, "one two ", "length"},
		{"max_completion_tokens cuts on a rune", `{"model":"mira-echo","messages":[{"role":"user","content":"ééééé"}],"max_completion_tokens":1}`, "éé", "length"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			req, raw := chatRequest(t, tt.body)
			resp, err := NewEcho().Chat(context.Background(), req, raw)
			if err != nil {
				t.Fatalf("Chat: %v", err)
			}
			var c openai.ChatCompletion
			if err := json.Unmarshal(resp.Body, &c); err != nil {
				t.Fatalf("body %s: %v", resp.Body, err)
			}
			if len(c.Choices) != 1 || c.Choices[0].Message.Content == nil {
				t.Fatalf("body %s: want one choice with content", resp.Body)
			}
			ch := c.Choices[0]
			if *ch.Message.Content != tt.wantAnswer || ch.FinishReason != tt.wantFinish || ch.Message.Role != "assistant" {
				t.Errorf("answer %q (%s, %s); want %q (%s)", *ch.Message.Content, ch.FinishReason, ch.Message.Role, tt.wantAnswer, tt.wantFinish)
			}
			if !strings.HasPrefix(c.ID, "chatcmpl-") || len(c.ID) < 20 || c.Object != "chat.completion" || c.Created == 0 || c.Model != "mira-echo" {
				t.Errorf("envelope %s", resp.Body)
			}
			wantUsage := openai.Usage{PromptTokens: req.PromptTokens(), CompletionTokens: openai.EstimateTokens(tt.wantAnswer)}
			wantUsage.TotalTokens = wantUsage.PromptTokens + wantUsage.CompletionTokens
			if diff := cmp.Diff(wantUsage, resp.Usage); diff != "" {
				t.Errorf("Usage (-want +got):\n%s", diff)
			}
			if c.Usage == nil || *c.Usage != wantUsage {
				t.Errorf("usage in the body %v; want %v", c.Usage, wantUsage)
			}
			if max := req.MaxOutputTokens(); max > 0 && resp.Usage.CompletionTokens > max {
				t.Errorf("completion tokens %d > max %d", resp.Usage.CompletionTokens, max)
			}
			if !strings.Contains(string(resp.Body), `"refusal":null`) || !strings.Contains(string(resp.Body), `"logprobs":null`) {
				t.Errorf("body %s lacks OpenAI's null fields", resp.Body)
			}
		})
	}
}

func TestEchoStream(t *testing.T) {
	tests := []struct {
		name       string
		body       string
		wantAnswer string
		wantFinish string
		wantUsage  bool
	}{
		{"words", `{"model":"mira-echo","messages":[{"role":"user","content":"  Hello,  big\nworld! "}],"stream":true}`, "  Hello,  big\nworld! ", "stop", false},
		{"include_usage", `{"model":"mira-echo","messages":[{"role":"user","content":"Hello world"}],"stream":true,"stream_options":{"include_usage":true}}`, "Hello world", "stop", true},
		{"include_usage false", `{"model":"mira-echo","messages":[{"role":"user","content":"Hello world"}],"stream":true,"stream_options":{"include_usage":false}}`, "Hello world", "stop", false},
		{"max_tokens", `{"model":"mira-echo","messages":[{"role":"user","content":"one two three four five"}],"stream":true,"max_tokens":2}`, "one two ", "length", false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			req, raw := chatRequest(t, tt.body)
			s, err := NewEcho().ChatStream(context.Background(), req, raw)
			if err != nil {
				t.Fatalf("ChatStream: %v", err)
			}
			defer s.Close()
			got, err := collect(t, s)
			if err != nil {
				t.Fatalf("Next: %v", err)
			}
			var answer strings.Builder
			var finish []string
			var ids []string
			usageChunks := 0
			for i, raw := range got {
				var c openai.ChatCompletionChunk
				if err := json.Unmarshal([]byte(raw), &c); err != nil {
					t.Fatalf("chunk %s: %v", raw, err)
				}
				ids = append(ids, c.ID)
				if c.Object != "chat.completion.chunk" || c.Model != "mira-echo" {
					t.Errorf("chunk envelope %s", raw)
				}
				if c.Usage != nil {
					usageChunks++
					if len(c.Choices) != 0 || !strings.Contains(raw, `"choices":[]`) || i != len(got)-1 {
						t.Errorf("usage chunk %s: want the last chunk, with choices []", raw)
					}
					continue
				}
				if len(c.Choices) != 1 {
					t.Fatalf("chunk %s: want one choice", raw)
				}
				ch := c.Choices[0]
				if i == 0 && (ch.Delta.Role != "assistant" || ch.Delta.Content == nil || *ch.Delta.Content != "") {
					t.Errorf("first chunk %s: want role assistant and empty content", raw)
				}
				if ch.Delta.Content != nil {
					answer.WriteString(*ch.Delta.Content)
				}
				if ch.FinishReason != nil {
					finish = append(finish, *ch.FinishReason)
					if ch.Delta.Content != nil || ch.Delta.Role != "" {
						t.Errorf("finish chunk %s: want an empty delta", raw)
					}
				} else if !strings.Contains(raw, `"finish_reason":null`) {
					t.Errorf("chunk %s lacks finish_reason null", raw)
				}
			}
			if answer.String() != tt.wantAnswer {
				t.Errorf("streamed answer %q; want %q", answer.String(), tt.wantAnswer)
			}
			if !cmp.Equal(finish, []string{tt.wantFinish}) {
				t.Errorf("finish reasons %q; want [%s]", finish, tt.wantFinish)
			}
			if want := btoi(tt.wantUsage); usageChunks != want {
				t.Errorf("%d usage chunks; want %d", usageChunks, want)
			}
			for _, id := range ids {
				if id != ids[0] {
					t.Errorf("chunk ids %q differ", ids)
					break
				}
			}
			if words := len(got) - 2 - btoi(tt.wantUsage); words != len(strings.Fields(tt.wantAnswer)) {
				t.Errorf("%d content chunks; want one per word (%d)", words, len(strings.Fields(tt.wantAnswer)))
			}
			u := s.Usage()
			if u == nil || u.CompletionTokens != openai.EstimateTokens(tt.wantAnswer) || u.PromptTokens != req.PromptTokens() {
				t.Errorf("Usage() = %v; want the answer's usage even without a usage chunk", u)
			}
		})
	}
}

func TestEchoStreamCancel(t *testing.T) {
	req, raw := chatRequest(t, `{"model":"mira-echo","messages":[{"role":"user","content":"a b c"}],"stream":true}`)
	ctx, cancel := context.WithCancel(context.Background())
	s, err := NewEcho().ChatStream(ctx, req, raw)
	if err != nil {
		t.Fatalf("ChatStream: %v", err)
	}
	if _, err := s.Next(); err != nil {
		t.Fatalf("Next: %v", err)
	}
	cancel()
	_, err = s.Next()
	checkUpstreamError(t, err, msgCanceled)
	if !errors.Is(err, context.Canceled) {
		t.Errorf("err %v does not wrap context.Canceled", err)
	}

	s, _ = NewEcho().ChatStream(context.Background(), req, raw)
	s.Close()
	s.Close()
	if _, err := s.Next(); err == nil || err == io.EOF {
		t.Errorf("Next after Close = %v; want an error", err)
	}
	if s.Usage() != nil {
		t.Errorf("Usage of an unfinished stream = %v; want nil", s.Usage())
	}

	if _, err := NewEcho().Chat(ctx, req, raw); err == nil {
		t.Error("Chat with a cancelled context succeeded")
	}
}

func TestWords(t *testing.T) {
	for _, s := range []string{"", "a", " a ", "Hello  big\tworld", "  ", "é é"} {
		if got := strings.Join(words(s), ""); got != s {
			t.Errorf("words(%q) joined = %q", s, got)
		}
	}
	if diff := cmp.Diff([]string{" Hello  ", "big ", "world"}, words(" Hello  big world")); diff != "" {
		t.Errorf("words (-want +got):\n%s", diff)
	}
}
