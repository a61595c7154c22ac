package provider

import (
	"context"
	"crypto/rand"
	"encoding/json"
	"io"
	"net/http"
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
// Mira works, and can be tested, without any model backend.
type Echo struct{}

var _ Provider = (*Echo)(nil)

// NewEcho returns the echo provider (name "mira", model "mira-echo").
func NewEcho() *Echo { return &Echo{} }

// Name returns "mira".
func (*Echo) Name() string { return "mira" }

// Models returns ["mira-echo"].
func (*Echo) Models() []string { return []string{EchoModel} }

// Chat answers with the last user message, cut to max_tokens.
func (*Echo) Chat(ctx context.Context, req *openai.ChatRequest, _ []byte) (*Response, error) {
	if err := ctx.Err(); err != nil {
		return nil, upstreamError(msgCanceled, err)
	}
	answer, finish := echoAnswer(req)
	usage := echoUsage(req, answer)
	body, err := json.Marshal(openai.ChatCompletion{
		ID:      completionID(),
		Object:  "chat.completion",
		Created: time.Now().Unix(),
		Model:   req.Model,
		Choices: []openai.Choice{{
			Message:      openai.ResponseMessage{Role: "assistant", Content: &answer},
			FinishReason: finish,
		}},
		Usage: &usage,
	})
	if err != nil {
		return nil, upstreamError(msgInvalid, err)
	}
	return &Response{Body: body, Usage: usage}, nil
}

// ChatStream streams the answer of Chat one word at a time.
func (*Echo) ChatStream(ctx context.Context, req *openai.ChatRequest, _ []byte) (Stream, error) {
	if err := ctx.Err(); err != nil {
		return nil, upstreamError(msgCanceled, err)
	}
	answer, finish := echoAnswer(req)
	ctx, cancel := context.WithCancel(ctx)
	return &echoStream{
		ctx:    ctx,
		cancel: cancel,
		chunk: openai.ChatCompletionChunk{
			ID:      completionID(),
			Object:  "chat.completion.chunk",
			Created: time.Now().Unix(),
			Model:   req.Model,
		},
		words:        words(answer),
		finish:       finish,
		usage:        echoUsage(req, answer),
		includeUsage: req.IncludeUsage(),
	}, nil
}

// echoAnswer returns the answer to req and its finish reason.
func echoAnswer(req *openai.ChatRequest) (answer, finish string) {
	answer = req.LastUserText()
	if answer == "" {
		answer = echoGreeting
	}
	// About four bytes a token, as openai.EstimateTokens counts.
	if max := req.MaxOutputTokens(); max > 0 && len(answer) > 4*max {
		cut := 4 * max
		for cut > 0 && !utf8.RuneStart(answer[cut]) {
			cut--
		}
		return answer[:cut], "length"
	}
	return answer, "stop"
}

func echoUsage(req *openai.ChatRequest, answer string) openai.Usage {
	u := openai.Usage{PromptTokens: req.PromptTokens(), CompletionTokens: openai.EstimateTokens(answer)}
	u.TotalTokens = u.PromptTokens + u.CompletionTokens
	return u
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

// echoStream yields: a role chunk, one chunk per word, a finish chunk, and
// the usage chunk when the client asked for it.
type echoStream struct {
	ctx          context.Context
	cancel       context.CancelFunc
	chunk        openai.ChatCompletionChunk
	words        []string
	finish       string
	usage        openai.Usage
	includeUsage bool

	step int // 0 role, 1..len(words) words, then finish, then usage
	done bool
}

func (s *echoStream) Next() ([]byte, error) {
	if s.done {
		return nil, io.EOF
	}
	if err := s.ctx.Err(); err != nil {
		return nil, upstreamError(msgCanceled, err)
	}
	step := s.step
	s.step++
	c := s.chunk
	switch {
	case step == 0:
		empty := ""
		c.Choices = []openai.ChunkChoice{{Delta: openai.Delta{Role: "assistant", Content: &empty}}}
	case step <= len(s.words):
		c.Choices = []openai.ChunkChoice{{Delta: openai.Delta{Content: &s.words[step-1]}}}
	case step == len(s.words)+1:
		c.Choices = []openai.ChunkChoice{{FinishReason: &s.finish}}
		if !s.includeUsage {
			s.done = true
		}
	default:
		c.Choices = []openai.ChunkChoice{}
		c.Usage = &s.usage
		s.done = true
	}
	return json.Marshal(c)
}

func (s *echoStream) Header() http.Header { return nil }

// Usage returns the usage once the finish chunk was sent, whether or not the
// client asked for a usage chunk: the gateway settles with it.
func (s *echoStream) Usage() *openai.Usage {
	if s.step <= len(s.words)+1 {
		return nil
	}
	u := s.usage
	return &u
}

func (s *echoStream) Close() error {
	s.cancel()
	return nil
}
