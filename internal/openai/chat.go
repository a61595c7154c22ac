// Package openai holds the OpenAI wire format Mira speaks on /v1: chat
// requests and their validation, responses, stream chunks, model lists and
// the error body.
package openai

import (
	"bytes"
	"cmp"
	"encoding/json"
	"errors"
	"fmt"
	"strings"

	jsonv2 "github.com/go-json-experiment/json"
	"github.com/go-json-experiment/json/jsontext"

	"github.com/vmira/mira/internal/mira"
)

// ChatRequest is the part of a chat completion request Mira reads. Fields it
// does not know (temperature, tools, response_format...) are not lost: the
// raw body is forwarded to OpenAI-compatible upstreams as it came.
type ChatRequest struct {
	Model               string         `json:"model"`
	Messages            []Message      `json:"messages"`
	Stream              bool           `json:"stream,omitempty"`
	StreamOptions       *StreamOptions `json:"stream_options,omitempty"`
	MaxTokens           *int           `json:"max_tokens,omitempty"`
	MaxCompletionTokens *int           `json:"max_completion_tokens,omitempty"`
	N                   *int           `json:"n,omitempty"`
}

// StreamOptions are the options of a streamed request.
type StreamOptions struct {
	IncludeUsage bool `json:"include_usage"`
}

// Message is one message of a conversation. Every field holding text a
// model reads is decoded, so that the content filter sees it all.
type Message struct {
	Role         string        `json:"role"`
	Content      Content       `json:"content"`
	Name         string        `json:"name,omitempty"`
	Refusal      string        `json:"refusal,omitempty"`
	ToolCalls    []ToolCall    `json:"tool_calls,omitempty"`
	ToolCallID   string        `json:"tool_call_id,omitempty"`
	FunctionCall *FunctionCall `json:"function_call,omitempty"` // legacy
}

// ToolCall is one tool call of an assistant message.
type ToolCall struct {
	ID       string       `json:"id,omitempty"`
	Type     string       `json:"type,omitempty"`
	Function FunctionCall `json:"function"`
}

// FunctionCall is a call of a function: its name and its arguments, a JSON
// text in a string.
type FunctionCall struct {
	Name      string `json:"name"`
	Arguments string `json:"arguments"`
}

// Content is a message's content: a string, an array of parts, or null.
// Text holds the concatenated text of the parts of type "text".
type Content struct {
	Text  string
	Parts []ContentPart // nil when the content was a plain string
	Null  bool
}

// ContentPart is one element of an array content: text in Text (types
// text, input_text, output_text), Refusal (type refusal) or ImageURL (type
// image_url).
type ContentPart struct {
	Type     string    `json:"type"`
	Text     string    `json:"text,omitempty"`
	Refusal  string    `json:"refusal,omitempty"`
	ImageURL *ImageURL `json:"image_url,omitempty"`
}

// ImageURL is an image_url part's image: a URL or a data: URL.
type ImageURL struct {
	URL    string `json:"url"`
	Detail string `json:"detail,omitempty"`
}

// UnmarshalJSON accepts a string, null or an array of typed parts. Part
// members are matched case-sensitively: "Text" is not "text".
func (c *Content) UnmarshalJSON(b []byte) error {
	b = bytes.TrimSpace(b)
	switch {
	case bytes.Equal(b, []byte("null")):
		*c = Content{Null: true}
		return nil
	case len(b) > 0 && b[0] == '"':
		var s string
		if err := jsonv2.Unmarshal(b, &s, decodeOptions); err != nil {
			return err
		}
		*c = Content{Text: s}
		return nil
	case len(b) > 0 && b[0] == '[':
		var parts []ContentPart
		if err := jsonv2.Unmarshal(b, &parts, decodeOptions); err != nil {
			return errContent
		}
		return c.setParts(parts)
	}
	return errContent
}

// UnmarshalJSONFrom is UnmarshalJSON reading from the request's decoder,
// so that encoding/json/v2 reads the content once instead of finding its
// end first and handing the bytes over to be read again.
func (c *Content) UnmarshalJSONFrom(dec *jsontext.Decoder) error {
	switch dec.PeekKind() {
	case 'n':
		if _, err := dec.ReadToken(); err != nil {
			return err
		}
		*c = Content{Null: true}
		return nil
	case '"':
		tok, err := dec.ReadToken()
		if err != nil {
			return err
		}
		*c = Content{Text: tok.String()}
		return nil
	case '[':
		var parts []ContentPart
		if err := jsonv2.UnmarshalDecode(dec, &parts); err != nil {
			return errContent
		}
		return c.setParts(parts)
	}
	if _, err := dec.ReadValue(); err != nil {
		return err
	}
	return errContent
}

// setParts sets c to the parts, and Text to the text of those of type text.
func (c *Content) setParts(parts []ContentPart) error {
	var text strings.Builder
	for _, p := range parts {
		if p.Type == "" {
			return errContent
		}
		if p.Type == "text" {
			if text.Len() > 0 {
				text.WriteByte('\n')
			}
			text.WriteString(p.Text)
		}
	}
	if parts == nil {
		parts = []ContentPart{}
	}
	*c = Content{Text: text.String(), Parts: parts}
	return nil
}

// MarshalJSON writes the content back as a string (or null, or text parts).
func (c Content) MarshalJSON() ([]byte, error) {
	switch {
	case c.Null:
		return []byte("null"), nil
	case c.Parts != nil:
		return json.Marshal(c.Parts)
	}
	return json.Marshal(c.Text)
}

var errContent = errors.New("content must be a string, null or an array of parts with a type")

// Limits bound what a single request may carry. Zero fields take the
// defaults below: the server passes http.max_messages from its
// configuration, but clients' and providers' tests decode requests with no
// configuration at all.
type Limits struct {
	MaxMessages  int // messages per request; zero means DefaultMaxMessages
	MaxTokens    int // upper bound for max_tokens / max_completion_tokens; zero means DefaultMaxTokens
	MaxModelName int // zero means DefaultMaxModelName
}

// Defaults of Limits.
const (
	DefaultMaxMessages  = 2048 // as config.Default's http.max_messages
	DefaultMaxTokens    = 1_000_000
	DefaultMaxModelName = 256
)

func (l Limits) withDefaults() Limits {
	l.MaxMessages = cmp.Or(max(l.MaxMessages, 0), DefaultMaxMessages)
	l.MaxTokens = cmp.Or(max(l.MaxTokens, 0), DefaultMaxTokens)
	l.MaxModelName = cmp.Or(max(l.MaxModelName, 0), DefaultMaxModelName)
	return l
}

var validRoles = map[string]bool{"system": true, "developer": true, "user": true, "assistant": true, "tool": true, "function": true}

// DecodeChatRequest parses and validates a chat completion request body. Every
// failure is a *mira.Error with code invalid_request and, where it applies,
// the parameter at fault. The body is read as Unmarshal reads it, so a body
// whose members could be read two ways is refused.
func DecodeChatRequest(body []byte, lim Limits) (*ChatRequest, error) {
	lim = lim.withDefaults()
	var req ChatRequest
	if err := Unmarshal(body, &req); err != nil {
		return nil, err
	}
	if err := req.validate(lim); err != nil {
		return nil, err
	}
	return &req, nil
}

func (r *ChatRequest) validate(lim Limits) error {
	if r.Model == "" {
		return mira.ParamErrorf("model", "you must provide a model parameter")
	}
	if len(r.Model) > lim.MaxModelName {
		return mira.ParamErrorf("model", "model name is longer than %d characters", lim.MaxModelName)
	}
	if len(r.Messages) == 0 {
		return mira.ParamErrorf("messages", "messages must be a non-empty array")
	}
	if len(r.Messages) > lim.MaxMessages {
		return mira.ParamErrorf("messages", "too many messages: %d (at most %d)", len(r.Messages), lim.MaxMessages)
	}
	for i, m := range r.Messages {
		param := fmt.Sprintf("messages[%d]", i)
		if !validRoles[m.Role] {
			return mira.ParamErrorf(param+".role", "invalid role %q (use system, developer, user, assistant or tool)", truncate(m.Role, 32))
		}
		if m.Content.Null && m.Role != "assistant" {
			return mira.ParamErrorf(param+".content", "content is required for role %q", m.Role)
		}
	}
	if r.StreamOptions != nil && !r.Stream {
		return mira.ParamErrorf("stream_options", "stream_options is only allowed when stream is true")
	}
	for _, p := range []struct {
		name string
		v    *int
	}{{"max_tokens", r.MaxTokens}, {"max_completion_tokens", r.MaxCompletionTokens}} {
		if p.v != nil && (*p.v < 1 || *p.v > lim.MaxTokens) {
			return mira.ParamErrorf(p.name, "%s must be between 1 and %d", p.name, lim.MaxTokens)
		}
	}
	if r.N != nil && (*r.N < 1 || *r.N > 128) {
		return mira.ParamErrorf("n", "n must be between 1 and 128")
	}
	return nil
}

// MaxOutputTokens returns the output bound the client asked for, or 0.
func (r *ChatRequest) MaxOutputTokens() int {
	switch {
	case r.MaxCompletionTokens != nil:
		return *r.MaxCompletionTokens
	case r.MaxTokens != nil:
		return *r.MaxTokens
	}
	return 0
}

// IncludeUsage reports whether a streamed answer must end with a usage chunk.
func (r *ChatRequest) IncludeUsage() bool {
	return r.StreamOptions != nil && r.StreamOptions.IncludeUsage
}

// LastUserText returns the text of the last user message, or "".
func (r *ChatRequest) LastUserText() string {
	for i := len(r.Messages) - 1; i >= 0; i-- {
		if r.Messages[i].Role == "user" {
			return r.Messages[i].Content.Text
		}
	}
	return ""
}

// PromptTokens estimates the prompt's size in tokens, as backends count it
// roughly: about four bytes a token plus a few tokens per message.
func (r *ChatRequest) PromptTokens() int {
	n := 0
	for _, m := range r.Messages {
		n += 4 + EstimateTokens(m.Content.Text)
	}
	return n
}

// EstimateTokens estimates the number of tokens of text (about 4 bytes each).
func EstimateTokens(text string) int {
	return (len(text) + 3) / 4
}

func truncate(s string, n int) string {
	if len(s) <= n {
		return s
	}
	return s[:n] + "..."
}
