package screen

import (
	"context"
	"encoding/json"
	"strings"

	"github.com/go-json-experiment/json/jsontext"

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
	text, ok := answerText(body)
	if !ok {
		if text, ok = decodedAnswerText(body); !ok {
			return body, filter.Verdict{}
		}
	}
	v := f.Check(ctx, text, Output)
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

// answerText returns the content of every choice of a chat completion,
// each followed by a newline, reading the body's bytes. It reports false
// for anything it does not read exactly as a client would (member names
// escaped, given twice or in another letter case, contents not strings,
// tool calls);
// decodedAnswerText then decodes the body.
func answerText(body []byte) (string, bool) {
	var text []byte
	seen := false
	ok := forMembers(body, ws(body, 0), func(key []byte, _ int, val span) bool {
		name, ok := known(key, "choices")
		if !ok || name == 0 {
			return ok
		}
		if seen {
			return false
		}
		seen = true
		_, err := scanArray(body, val.start, func(_, at int) (int, error) {
			end, err := skipValue(body, at)
			if err == nil && !messageText(body, at, &text) {
				err = errScan
			}
			return end, err
		})
		return err == nil
	})
	return string(text), ok && seen
}

// messageText appends the content of the choice at body[at], and a
// newline, to text.
func messageText(body []byte, at int, text *[]byte) bool {
	seen := 0
	return forMembers(body, at, func(key []byte, _ int, val span) bool {
		name, ok := known(key, "message")
		if !ok || name == 0 {
			return ok
		}
		if seen++; seen > 1 {
			return false
		}
		found := false
		return forMembers(body, val.start, func(key []byte, _ int, val span) bool {
			name, ok := known(key, "content", "tool_calls")
			switch {
			case name == 2: // tool calls: decodedAnswerText reads their arguments
				return isNull(body, val)
			case !ok || name != 0 && found:
				return false
			case name == 0 || isNull(body, val):
				found = found || name != 0
				return true
			case body[val.start] != '"':
				return false
			}
			found = true
			s, err := jsontext.AppendUnquote(*text, body[val.start:val.end])
			*text = append(s, '\n')
			return err == nil
		})
	})
}

// decodedAnswerText is answerText by decoding the body as encoding/json
// does (names in any case, the last of two), with the arguments of tool
// calls.
func decodedAnswerText(body []byte) (string, bool) {
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
		return "", false
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
	return text.String(), true
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
