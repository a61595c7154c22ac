package openai

import (
	"encoding/json"

	"github.com/vmira/mira/internal/mira"
)

// MaxPrompts bounds the prompts of one legacy completion request.
const MaxPrompts = 2048

// CompletionRequest is the part of a legacy completion request Mira reads;
// the raw body is what is forwarded.
type CompletionRequest struct {
	Model         string         `json:"model"`
	Prompt        Inputs         `json:"prompt"`
	Suffix        *string        `json:"suffix,omitempty"`
	Stream        bool           `json:"stream,omitempty"`
	StreamOptions *StreamOptions `json:"stream_options,omitempty"`
	MaxTokens     *int           `json:"max_tokens,omitempty"`
	N             *int           `json:"n,omitempty"`
	BestOf        *int           `json:"best_of,omitempty"`
	Echo          bool           `json:"echo,omitempty"`
}

// DecodeCompletionRequest parses and validates a legacy completion request
// body; failures are invalid_request errors naming the parameter.
func DecodeCompletionRequest(body []byte, lim Limits) (*CompletionRequest, error) {
	lim = lim.withDefaults()
	var req CompletionRequest
	if err := Unmarshal(body, &req); err != nil {
		return nil, err
	}
	if err := checkModel(req.Model, lim); err != nil {
		return nil, err
	}
	if err := req.Prompt.validate("prompt", MaxPrompts, maxTokenID); err != nil {
		return nil, err
	}
	if req.StreamOptions != nil && !req.Stream {
		return nil, mira.ParamErrorf("stream_options", "stream_options is only allowed when stream is true")
	}
	if m := req.MaxTokens; m != nil && (*m < 0 || *m > lim.MaxTokens) {
		return nil, mira.ParamErrorf("max_tokens", "max_tokens must be between 0 and %d", lim.MaxTokens)
	}
	for _, p := range []struct {
		name string
		v    *int
	}{{"n", req.N}, {"best_of", req.BestOf}} {
		if p.v != nil && (*p.v < 1 || *p.v > 128) {
			return nil, mira.ParamErrorf(p.name, "%s must be between 1 and 128", p.name)
		}
	}
	return &req, nil
}

// Choices returns how many answers each prompt gets generated: best_of
// when set (the server generates that many and returns n), else n.
func (r *CompletionRequest) Choices() int {
	n := 1
	if r.N != nil {
		n = *r.N
	}
	if r.BestOf != nil && *r.BestOf > n {
		n = *r.BestOf
	}
	return n
}

// IncludeUsage reports whether a streamed answer must end with a usage chunk.
func (r *CompletionRequest) IncludeUsage() bool {
	return r.StreamOptions != nil && r.StreamOptions.IncludeUsage
}

// Completion is a legacy completion (object "text_completion"), whole or
// one chunk of a stream.
type Completion struct {
	ID                string             `json:"id"`
	Object            string             `json:"object"` // "text_completion"
	Created           int64              `json:"created"`
	Model             string             `json:"model"`
	Choices           []CompletionChoice `json:"choices"`
	Usage             *Usage             `json:"usage,omitempty"`
	SystemFingerprint string             `json:"system_fingerprint,omitempty"`
}

// CompletionChoice is one answer of a Completion. FinishReason is null in
// the chunks of a stream until the answer ends.
type CompletionChoice struct {
	Text         string          `json:"text"`
	Index        int             `json:"index"`
	Logprobs     json.RawMessage `json:"logprobs"`
	FinishReason *string         `json:"finish_reason"`
}
