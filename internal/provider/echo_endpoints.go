package provider

import (
	"context"
	"crypto/rand"
	"crypto/sha256"
	"encoding/base64"
	"encoding/binary"
	"encoding/json"
	"fmt"
	"math"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/vmira/mira/internal/openai"
)

// EchoDimensions is the length of mira-echo's vectors unless the request
// asks for another.
const EchoDimensions = 256

// Endpoints returns chat, completions and embeddings: the Responses API
// reaches the echo by translation, as it reaches any chat-only backend.
func (*Echo) Endpoints() []Endpoint { return slices.Clone(DefaultEndpoints) }

// Post answers legacy completions (the prompt repeated) and embeddings (a
// deterministic unit vector of each input).
func (e *Echo) Post(ctx context.Context, ep Endpoint, raw []byte) (*Response, error) {
	if err := ctx.Err(); err != nil {
		return nil, upstreamError(msgCanceled, err)
	}
	switch ep {
	case Embeddings:
		return echoEmbeddings(raw)
	case Completions:
		req, err := openai.DecodeCompletionRequest(raw, openai.Limits{})
		if err != nil {
			return nil, err
		}
		c, u := echoCompletion(req)
		b, err := json.Marshal(c)
		if err != nil {
			return nil, upstreamError(msgInvalid, err)
		}
		return &Response{Body: b, Usage: u}, nil
	}
	return nil, notServed(e, ep)
}

// PostStream streams legacy completions one word at a time.
func (e *Echo) PostStream(ctx context.Context, ep Endpoint, raw []byte) (Stream, error) {
	if err := ctx.Err(); err != nil {
		return nil, upstreamError(msgCanceled, err)
	}
	if ep != Completions {
		return nil, notServed(e, ep)
	}
	req, err := openai.DecodeCompletionRequest(raw, openai.Limits{})
	if err != nil {
		return nil, err
	}
	whole, u := echoCompletion(req)
	head := whole
	head.Usage = nil
	var frames [][]byte
	add := func(ch openai.CompletionChoice) {
		c := head
		c.Choices = []openai.CompletionChoice{ch}
		b, _ := json.Marshal(c)
		frames = append(frames, b)
	}
	for _, ch := range whole.Choices {
		for _, w := range words(ch.Text) {
			add(openai.CompletionChoice{Index: ch.Index, Text: w})
		}
		add(openai.CompletionChoice{Index: ch.Index, FinishReason: ch.FinishReason})
	}
	last := len(frames)
	if req.IncludeUsage() {
		c := head
		c.Choices = []openai.CompletionChoice{}
		c.Usage = &u
		b, _ := json.Marshal(c)
		frames = append(frames, b)
	}
	return newFrameStream(ctx, frames, last, u), nil
}

// notServed is the error of a request to an endpoint a provider does not
// serve: the server checks first, so it is a bug to get here.
func notServed(p Provider, ep Endpoint) error {
	return upstreamError(msgInvalid, fmt.Errorf("provider %s does not serve %s", p.Name(), ep))
}

// echoCompletion repeats each prompt n times (best_of is not separate:
// every echo is the best), cut to max_tokens.
func echoCompletion(req *openai.CompletionRequest) (openai.Completion, openai.Usage) {
	n := 1
	if req.N != nil {
		n = *req.N
	}
	max := -1
	if req.MaxTokens != nil {
		max = *req.MaxTokens
	}
	c := openai.Completion{ID: "cmpl-" + rand.Text(), Object: "text_completion", Created: time.Now().Unix(), Model: req.Model}
	u := openai.Usage{PromptTokens: req.Prompt.Estimate()}
	for p, prompt := range promptTexts(&req.Prompt) {
		text, finish := prompt, "stop"
		switch {
		case max == 0:
			text, finish = "", "length"
		case max > 0:
			text, finish = cut(prompt, max)
		}
		u.CompletionTokens += n * openai.EstimateTokens(text)
		if req.Echo {
			text = prompt + text
		}
		for j := range n {
			f := finish
			c.Choices = append(c.Choices, openai.CompletionChoice{Text: text, Index: p*n + j, FinishReason: &f})
		}
	}
	u.TotalTokens = u.PromptTokens + u.CompletionTokens
	c.Usage = &u
	return c, u
}

// promptTexts returns the prompts as text: token ids are written as
// decimal numbers.
func promptTexts(in *openai.Inputs) []string {
	out := append([]string(nil), in.Texts...)
	for _, t := range in.Tokens {
		out = append(out, tokenText(t))
	}
	return out
}

func tokenText(t []int) string {
	s := make([]string, len(t))
	for i, id := range t {
		s[i] = strconv.Itoa(id)
	}
	return strings.Join(s, " ")
}

// echoEmbeddings answers an embeddings request.
func echoEmbeddings(raw []byte) (*Response, error) {
	req, err := openai.DecodeEmbeddingRequest(raw, openai.Limits{})
	if err != nil {
		return nil, err
	}
	dims := EchoDimensions
	if req.Dimensions != nil {
		dims = *req.Dimensions
	}
	list := openai.EmbeddingList{Object: "list", Model: req.Model, Data: []openai.Embedding{}}
	for i, text := range promptTexts(&req.Input) {
		v := EchoVector(text, dims)
		var e any = v
		if req.EncodingFormat == "base64" {
			b := make([]byte, 0, 4*len(v))
			for _, f := range v {
				b = binary.LittleEndian.AppendUint32(b, math.Float32bits(f))
			}
			e = base64.StdEncoding.EncodeToString(b)
		}
		list.Data = append(list.Data, openai.Embedding{Object: "embedding", Index: i, Embedding: e})
	}
	list.Usage = openai.Usage{PromptTokens: req.Input.Estimate(), TotalTokens: req.Input.Estimate()}
	b, err := json.Marshal(list)
	if err != nil {
		return nil, upstreamError(msgInvalid, err)
	}
	return &Response{Body: b, Usage: list.Usage}, nil
}

// EchoVector returns mira-echo's embedding of text: a unit vector of dims
// numbers drawn from SHA-256 of the text, the same for the same text.
func EchoVector(text string, dims int) []float32 {
	v := make([]float32, dims)
	seed := sha256.Sum256([]byte(text))
	var block [sha256.Size]byte
	sum := 0.0
	for i := range v {
		if i%8 == 0 {
			block = sha256.Sum256(binary.BigEndian.AppendUint64(seed[:], uint64(i/8)))
		}
		x := binary.BigEndian.Uint32(block[4*(i%8):])
		f := float64(x)/float64(math.MaxUint32)*2 - 1
		v[i] = float32(f)
		sum += f * f
	}
	norm := float32(math.Sqrt(sum))
	if norm == 0 {
		norm = 1
	}
	for i := range v {
		v[i] /= norm
	}
	return v
}
