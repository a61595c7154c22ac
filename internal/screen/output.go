package screen

import (
	"context"
	"encoding/json"
	"strings"

	"github.com/vmira/mira/internal/filter"
	"github.com/vmira/mira/internal/openai"
)

// ChatOutput checks a non-streamed chat completion body (output
// thresholds, and the second opinion when configured) and returns the body
// to send with the verdict. A blocked answer loses its content and ends
// with finish_reason "content_filter", as OpenAI does; any other answer is
// returned as it came. A nil Filter, or a body that is not a chat
// completion, returns body and a zero verdict.
func (f *Filter) ChatOutput(ctx context.Context, body []byte) ([]byte, filter.Verdict) {
	if f == nil {
		return body, filter.Verdict{}
	}
	var resp struct {
		Choices []struct {
			Message struct {
				Content   *string `json:"content"`
				ToolCalls []struct {
					Function openai.FunctionCall `json:"function"`
				} `json:"tool_calls"`
			} `json:"message"`
		} `json:"choices"`
	}
	if json.Unmarshal(body, &resp) != nil {
		return body, filter.Verdict{}
	}
	var text strings.Builder
	for _, c := range resp.Choices {
		if c.Message.Content != nil {
			text.WriteString(*c.Message.Content)
			text.WriteByte('\n')
		}
		for _, tc := range c.Message.ToolCalls { // a call's arguments are generated text too
			text.WriteString(strings.Join(appendCallTexts(nil, &tc.Function), "\n") + "\n")
		}
	}
	v := f.Check(ctx, text.String(), Output)
	if !v.Blocked {
		return body, v
	}
	out, err := withheld(body)
	if err != nil {
		// Never the blocked text: a body that cannot be edited is replaced.
		out = []byte(`{"object":"chat.completion","choices":[{"index":0,"message":{"role":"assistant","content":null},"finish_reason":"content_filter"}]}`)
	}
	return out, v
}

// withheld returns a chat completion body with every choice's content
// null and finish_reason "content_filter". Values it does not change keep
// their bytes (only the order of keys may change).
func withheld(body []byte) ([]byte, error) {
	var full map[string]json.RawMessage
	if err := json.Unmarshal(body, &full); err != nil {
		return nil, err
	}
	var choices []map[string]json.RawMessage
	if err := json.Unmarshal(full["choices"], &choices); err != nil {
		return nil, err
	}
	for _, c := range choices {
		c["finish_reason"] = json.RawMessage(`"content_filter"`)
		var msg map[string]json.RawMessage
		if json.Unmarshal(c["message"], &msg) == nil && msg != nil {
			msg["content"] = json.RawMessage("null")
			delete(msg, "tool_calls")
			c["message"], _ = json.Marshal(msg)
		}
	}
	var err error
	if full["choices"], err = json.Marshal(choices); err != nil {
		return nil, err
	}
	return json.Marshal(full)
}
