package provider

import (
	"context"
	"fmt"
	"slices"

	"github.com/vmira/mira/internal/openai"
)

// Endpoint is an inference endpoint of the OpenAI API.
type Endpoint string

// Endpoints, by the name the configuration and the model list use.
const (
	Chat        Endpoint = "chat"        // POST /v1/chat/completions
	Responses   Endpoint = "responses"   // POST /v1/responses
	Completions Endpoint = "completions" // POST /v1/completions
	Embeddings  Endpoint = "embeddings"  // POST /v1/embeddings
)

// AllEndpoints lists every endpoint, in the order of SPEC.md.
var AllEndpoints = []Endpoint{Chat, Responses, Completions, Embeddings}

// DefaultEndpoints are what an OpenAI-compatible backend serves natively
// unless its configuration says otherwise: what vLLM, Ollama and
// llama.cpp all serve. The Responses API is then served by translation to
// chat completions.
var DefaultEndpoints = []Endpoint{Chat, Completions, Embeddings}

// ParseEndpoint returns the endpoint of a configuration name.
func ParseEndpoint(name string) (Endpoint, error) {
	if e := Endpoint(name); slices.Contains(AllEndpoints, e) {
		return e, nil
	}
	return "", fmt.Errorf("unknown endpoint %q (use chat, responses, completions or embeddings)", name)
}

// Path returns the endpoint's path under a base URL ending in /v1.
func (e Endpoint) Path() string {
	if e == Chat {
		return "/chat/completions"
	}
	return "/" + string(e)
}

// Poster is a provider that serves endpoints beyond chat completions. A
// Provider that is not a Poster serves chat completions only (and the
// Responses API by translation).
type Poster interface {
	// Endpoints returns the endpoints served natively.
	Endpoints() []Endpoint
	// Post answers a non-streamed request to ep (not Chat). raw is the
	// client's JSON body, already validated and screened.
	Post(ctx context.Context, ep Endpoint, raw []byte) (*Response, error)
	// PostStream starts a streamed answer to ep (Completions or
	// Responses); the Stream yields the payloads of the upstream's events.
	PostStream(ctx context.Context, ep Endpoint, raw []byte) (Stream, error)
}

// Native returns the endpoints p serves natively.
func Native(p Provider) []Endpoint {
	if ps, ok := p.(Poster); ok {
		return ps.Endpoints()
	}
	return []Endpoint{Chat}
}

// IsNative reports whether p serves ep natively.
func IsNative(p Provider, ep Endpoint) bool { return slices.Contains(Native(p), ep) }

// Serves reports whether p serves ep natively or, for the Responses API,
// by translation to chat completions.
func Serves(p Provider, ep Endpoint) bool {
	return IsNative(p, ep) || ep == Responses && IsNative(p, Chat)
}

// served returns the names of the endpoints p serves, in AllEndpoints order.
func served(p Provider) []string {
	var out []string
	for _, e := range AllEndpoints {
		if Serves(p, e) {
			out = append(out, string(e))
		}
	}
	return out
}

// Model returns the entry of one model, as GET /v1/models lists it.
func (r *Registry) Model(id string) (openai.Model, bool) {
	i, ok := slices.BinarySearchFunc(r.models, id, func(m openai.Model, id string) int {
		switch {
		case m.ID < id:
			return -1
		case m.ID > id:
			return 1
		}
		return 0
	})
	if !ok {
		return openai.Model{}, false
	}
	m := r.models[i]
	m.Endpoints = slices.Clone(m.Endpoints)
	return m, true
}
