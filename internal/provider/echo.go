package provider

import (
	"context"
	"crypto/rand"
	"encoding/json"
	"io"
	"net/http"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/vmira/mira/internal/openai"
)

// EchoModel is the model the built-in echo provider serves.
const EchoModel = "mira-echo"

// echoGreeting answers a conversation without user text.
const echoGreeting = "Hello from mira-echo. Send a user message and I will repeat it."

// Echo is the built-in provider: it answers with the last user message, so
// Mira works, and can be tested, without any model backend. It serves chat
// completions, legacy completions and embeddings natively (see
// echo_endpoints.go); the Responses API reaches it by translation.
//
// When the request offers tools and the last message is a user message
// that names one of the functions, the echo calls that function with the
// message as its argument ({"input": "..."}); when the last message is a
// tool's result, the echo repeats the result.
type Echo struct{}

var (
	_ Provider = (*Echo)(nil)
	_ Poster   = (*Echo)(nil)
)

// NewEcho returns the echo provider (name "mira", model "mira-echo").
func NewEcho() *Echo { return &Echo{} }

// Name returns "mira".
func (*Echo) Name() string { return "mira" }

// Models returns ["mira-echo"].
func (*Echo) Models() []string { return []string{EchoModel} }

// echoReply is the echo's answer to a chat request.
type echoReply struct {
	text   string
	finish string
	call   *openai.ToolCall // a tool call instead of text
	n      int              // choices
	usage  openai.Usage
}

// Chat answers with the last user message, cut to max_tokens, n times.
func (*Echo) Chat(ctx context.Context, req *openai.ChatRequest, raw []byte) (*Response, error) {
	if err := ctx.Err(); err != nil {
		return nil, upstreamError(msgCanceled, err)
	}
	r := replyTo(req, raw)
	msg := openai.ResponseMessage{Role: "assistant", Content: &r.text}
	if r.call != nil {
		msg.Content = nil
		msg.ToolCalls, _ = json.Marshal([]openai.ToolCall{*r.call})
	}
	c := openai.ChatCompletion{
		ID:      completionID(),
		Object:  "chat.completion",
		Created: time.Now().Unix(),
		Model:   req.Model,
		Usage:   &r.usage,
	}
	for i := range r.n {
		c.Choices = append(c.Choices, openai.Choice{Index: i, Message: msg, FinishReason: r.finish})
	}
	body, err := json.Marshal(c)
	if err != nil {
		return nil, upstreamError(msgInvalid, err)
	}
	return &Response{Body: body, Usage: r.usage}, nil
}

// ChatStream streams the answer of Chat one word at a time.
func (*Echo) ChatStream(ctx context.Context, req *openai.ChatRequest, raw []byte) (Stream, error) {
	if err := ctx.Err(); err != nil {
		return nil, upstreamError(msgCanceled, err)
	}
	r := replyTo(req, raw)
	head := openai.ChatCompletionChunk{ID: completionID(), Object: "chat.completion.chunk", Created: time.Now().Unix(), Model: req.Model}
	var frames [][]byte
	add := func(d openai.Delta, finish *string) {
		c := head
		for i := range r.n {
			c.Choices = append(c.Choices, openai.ChunkChoice{Index: i, Delta: d, FinishReason: finish})
		}
		b, _ := json.Marshal(c)
		frames = append(frames, b)
	}
	empty := ""
	add(openai.Delta{Role: "assistant", Content: &empty}, nil)
	if r.call != nil {
		start := *r.call
		start.Function.Arguments = ""
		add(openai.Delta{ToolCalls: toolCallDelta(start)}, nil)
		for _, part := range halves(r.call.Function.Arguments) {
			add(openai.Delta{ToolCalls: toolCallDelta(openai.ToolCall{Function: openai.FunctionCall{Arguments: part}})}, nil)
		}
	} else {
		for _, w := range words(r.text) {
			add(openai.Delta{Content: &w}, nil)
		}
	}
	add(openai.Delta{}, &r.finish)
	last := len(frames)
	if req.IncludeUsage() {
		c := head
		c.Choices = []openai.ChunkChoice{}
		c.Usage = &r.usage
		b, _ := json.Marshal(c)
		frames = append(frames, b)
	}
	return newFrameStream(ctx, frames, last, r.usage), nil
}

// toolCallDelta is the tool_calls member of a chunk that carries (a part
// of) the first tool call.
func toolCallDelta(c openai.ToolCall) json.RawMessage {
	b, _ := json.Marshal([]struct {
		Index int `json:"index"`
		openai.ToolCall
	}{{0, c}})
	return b
}

// halves splits s in two on a rune boundary.
func halves(s string) []string {
	i := len(s) / 2
	for i > 0 && !utf8.RuneStart(s[i]) {
		i--
	}
	return []string{s[:i], s[i:]}
}

// replyTo returns the echo's answer to req; raw holds the tools offered.
func replyTo(req *openai.ChatRequest, raw []byte) echoReply {
	r := echoReply{n: 1}
	if req.N != nil {
		r.n = *req.N
	}
	last := &req.Messages[len(req.Messages)-1]
	switch {
	case last.Role == "tool" || last.Role == "function":
		r.text, r.finish = cut(last.Content.Text, req.MaxOutputTokens())
	default:
		if name := calledTool(raw, last); name != "" {
			args, _ := json.Marshal(map[string]string{"input": last.Content.Text})
			r.call = &openai.ToolCall{ID: "call_" + rand.Text(), Type: "function",
				Function: openai.FunctionCall{Name: name, Arguments: string(args)}}
			r.finish = "tool_calls"
			break
		}
		answer := req.LastUserText()
		if answer == "" {
			answer = echoGreeting
		}
		r.text, r.finish = cut(answer, req.MaxOutputTokens())
	}
	out := r.text
	if r.call != nil {
		out = r.call.Function.Name + r.call.Function.Arguments
	}
	r.usage = openai.Usage{PromptTokens: req.PromptTokens(), CompletionTokens: r.n * openai.EstimateTokens(out)}
	r.usage.TotalTokens = r.usage.PromptTokens + r.usage.CompletionTokens
	return r
}

// calledTool returns the name of the function the echo calls: one of the
// request's tools that the last message, a user's, names; "" when there is
// none or tool_choice is "none".
func calledTool(raw []byte, last *openai.Message) string {
	if last.Role != "user" {
		return ""
	}
	var body struct {
		Tools []struct {
			Function struct {
				Name string `json:"name"`
			} `json:"function"`
		} `json:"tools"`
		ToolChoice json.RawMessage `json:"tool_choice"`
	}
	if json.Unmarshal(raw, &body) != nil || string(body.ToolChoice) == `"none"` {
		return ""
	}
	for _, t := range body.Tools {
		if n := t.Function.Name; n != "" && strings.Contains(last.Content.Text, n) {
			return n
		}
	}
	return ""
}

// cut cuts answer to max tokens (about four bytes a token, as
// openai.EstimateTokens counts) and returns it with its finish reason.
func cut(answer string, max int) (string, string) {
	if max > 0 && len(answer) > 4*max {
		i := 4 * max
		for i > 0 && !utf8.RuneStart(answer[i]) {
			i--
		}
		return answer[:i], "length"
	}
	return answer, "stop"
}

// words splits s after each run of spaces, so that the parts joined are s:
// " Hello  big world" -> " Hello  ", "big ", "world".
func words(s string) []string {
	var out []string
	start, inSpace, word := 0, false, false
	for i, r := range s {
		space := unicode.IsSpace(r)
		if inSpace && !space && word {
			out = append(out, s[start:i])
			start = i
		}
		inSpace = space
		word = word || !space
	}
	if start < len(s) {
		out = append(out, s[start:])
	}
	return out
}

// completionID returns "chatcmpl-" and 26 random base32 characters.
func completionID() string {
	return "chatcmpl-" + rand.Text()
}

// frameStream yields frames made in advance. Its usage is known once the
// first known frames were read.
type frameStream struct {
	ctx    context.Context
	cancel context.CancelFunc
	frames [][]byte
	known  int // frames to read before Usage is known
	usage  openai.Usage
	next   int
}

func newFrameStream(ctx context.Context, frames [][]byte, known int, usage openai.Usage) *frameStream {
	ctx, cancel := context.WithCancel(ctx)
	return &frameStream{ctx: ctx, cancel: cancel, frames: frames, known: known, usage: usage}
}

func (s *frameStream) Next() ([]byte, error) {
	if s.next >= len(s.frames) {
		return nil, io.EOF
	}
	if err := s.ctx.Err(); err != nil {
		return nil, upstreamError(msgCanceled, err)
	}
	s.next++
	return s.frames[s.next-1], nil
}

func (s *frameStream) Header() http.Header { return nil }

// Usage returns the usage once the answer has ended, whether or not the
// client asked for a usage chunk: the gateway settles with it.
func (s *frameStream) Usage() *openai.Usage {
	if s.next < s.known {
		return nil
	}
	u := s.usage
	return &u
}

func (s *frameStream) Close() error {
	s.cancel()
	return nil
}
