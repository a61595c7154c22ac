package provider

import (
	"context"
	"encoding/json"
	"strings"
	"testing"

	"github.com/vmira/mira/internal/openai"
)

func TestEchoChoicesAndToolCalls(t *testing.T) {
	ctx := context.Background()
	req, raw := chatRequest(t, `{"model":"mira-echo","n":3,"messages":[{"role":"user","content":"hello there"}]}`)
	resp, err := NewEcho().Chat(ctx, req, raw)
	var c openai.ChatCompletion
	if err != nil || json.Unmarshal(resp.Body, &c) != nil || len(c.Choices) != 3 || c.Choices[2].Index != 2 || *c.Choices[2].Message.Content != "hello there" ||
		resp.Usage.CompletionTokens != 3*openai.EstimateTokens("hello there") {
		t.Errorf("n=3: %v %s", err, resp.Body)
	}

	tools := `"tools":[{"type":"function","function":{"name":"get_weather","parameters":{"type":"object"}}}]`
	req, raw = chatRequest(t, `{"model":"mira-echo",`+tools+`,"messages":[{"role":"user","content":"please get_weather in Lisbon"}]}`)
	resp, _ = NewEcho().Chat(ctx, req, raw)
	var calls []openai.ToolCall
	json.Unmarshal(resp.Body, &c)
	json.Unmarshal(c.Choices[0].Message.ToolCalls, &calls)
	if len(calls) != 1 || calls[0].Function.Name != "get_weather" || calls[0].Function.Arguments != `{"input":"please get_weather in Lisbon"}` ||
		c.Choices[0].FinishReason != "tool_calls" || c.Choices[0].Message.Content != nil || !strings.HasPrefix(calls[0].ID, "call_") {
		t.Errorf("tool call: %s", resp.Body)
	}
	st, _ := NewEcho().ChatStream(ctx, req, raw)
	frames, err := collect(t, st)
	var args strings.Builder
	for _, f := range frames {
		var ch struct {
			Choices []struct {
				Delta struct {
					ToolCalls []struct {
						Index    int
						Function struct{ Name, Arguments string }
					} `json:"tool_calls"`
				}
				FinishReason *string `json:"finish_reason"`
			}
		}
		json.Unmarshal([]byte(f), &ch)
		for _, tc := range ch.Choices[0].Delta.ToolCalls {
			args.WriteString(tc.Function.Arguments)
		}
	}
	if err != nil || args.String() != `{"input":"please get_weather in Lisbon"}` || !strings.Contains(frames[len(frames)-1], `"finish_reason":"tool_calls"`) {
		t.Errorf("streamed tool call: %v, args %q, frames %q", err, args.String(), frames)
	}

	// tool_choice none, a tool the prompt does not name, or a tool result last: text.
	for _, body := range []string{
		`{"model":"mira-echo",` + tools + `,"tool_choice":"none","messages":[{"role":"user","content":"get_weather"}]}`,
		`{"model":"mira-echo",` + tools + `,"messages":[{"role":"user","content":"hello"}]}`,
		`{"model":"mira-echo",` + tools + `,"messages":[{"role":"user","content":"get_weather"},{"role":"assistant","content":null,"tool_calls":[{"id":"c","type":"function","function":{"name":"get_weather","arguments":"{}"}}]},{"role":"tool","tool_call_id":"c","content":"sunny"}]}`,
	} {
		req, raw := chatRequest(t, body)
		resp, _ := NewEcho().Chat(ctx, req, raw)
		if strings.Contains(string(resp.Body), "tool_calls") {
			t.Errorf("%s: answered with a tool call: %s", body, resp.Body)
		}
	}
}

func TestEchoVector(t *testing.T) {
	a, b := EchoVector("trams", 64), EchoVector("trams", 64)
	norm := 0.0
	for i := range a {
		if a[i] != b[i] {
			t.Fatal("the vector of one text differs between calls")
		}
		norm += float64(a[i]) * float64(a[i])
	}
	if norm < 0.999 || norm > 1.001 {
		t.Errorf("|v|² = %v; want a unit vector", norm)
	}
	if c := EchoVector("pastries", 64); c[0] == a[0] && c[1] == a[1] {
		t.Error("two texts have the same vector")
	}
}
