package provider

import (
	"context"
	"encoding/json"
	"errors"
	"slices"

	"github.com/vmira/mira/internal/openai"
)

var _ Poster = (*OpenAI)(nil)

// checkEndpoints validates the endpoints of a backend's configuration;
// none means DefaultEndpoints.
func checkEndpoints(eps []Endpoint) ([]Endpoint, error) {
	if len(eps) == 0 {
		return slices.Clone(DefaultEndpoints), nil
	}
	var out []Endpoint
	for _, e := range AllEndpoints {
		if slices.Contains(eps, e) {
			out = append(out, e)
		}
	}
	if len(out) != len(eps) {
		return nil, errors.New("list each of chat, responses, completions and embeddings at most once")
	}
	if !slices.Contains(out, Chat) {
		return nil, errors.New("chat must be among them: every backend serves chat completions")
	}
	return out, nil
}

// Endpoints returns the endpoints the backend serves natively.
func (p *OpenAI) Endpoints() []Endpoint { return slices.Clone(p.cfg.Endpoints) }

// Post forwards the client's body to the endpoint ep as it came and
// returns the upstream's answer, compacted.
func (p *OpenAI) Post(ctx context.Context, ep Endpoint, raw []byte) (*Response, error) {
	if !slices.Contains(p.cfg.Endpoints, ep) {
		return nil, notServed(p, ep)
	}
	return p.post(ctx, ep, raw)
}

// PostStream forwards a streamed request to ep (completions or responses).
// For completions it asks for a usage chunk as ChatStream does.
func (p *OpenAI) PostStream(ctx context.Context, ep Endpoint, raw []byte) (Stream, error) {
	if !slices.Contains(p.cfg.Endpoints, ep) || ep == Embeddings {
		return nil, notServed(p, ep)
	}
	return p.open(ctx, ep, raw, ep == Completions && clientIncludesUsage(raw))
}

// clientIncludesUsage reports whether the request body asks for a usage
// chunk (stream_options.include_usage).
func clientIncludesUsage(raw []byte) bool {
	var body struct {
		StreamOptions *openai.StreamOptions `json:"stream_options"`
	}
	return json.Unmarshal(raw, &body) == nil && body.StreamOptions != nil && body.StreamOptions.IncludeUsage
}
