package config

import (
	"fmt"
	"slices"
)

// endpointNames are the endpoints a backend may serve natively, as
// providers[].endpoints names them.
var endpointNames = []string{"chat", "responses", "completions", "embeddings"}

// DefaultEndpoints are what a backend serves natively unless
// providers[].endpoints says otherwise: what vLLM, Ollama and llama.cpp
// all serve. The Responses API then reaches the backend by translation to
// chat completions.
var DefaultEndpoints = []string{"chat", "completions", "embeddings"}

// EndpointList returns the provider's native endpoints: its endpoints,
// else DefaultEndpoints.
func (p Provider) EndpointList() []string {
	if len(p.Endpoints) == 0 {
		return slices.Clone(DefaultEndpoints)
	}
	return slices.Clone(p.Endpoints)
}

// validateEndpoints checks providers[].endpoints for Validate.
func (c *Config) validateEndpoints(bad func(field, format string, args ...any)) {
	for i, p := range c.Providers {
		f := fmt.Sprintf("providers[%d].endpoints", i)
		seen := map[string]bool{}
		for _, e := range p.Endpoints {
			switch {
			case !slices.Contains(endpointNames, e):
				bad(f, "%q is not an endpoint (use chat, responses, completions or embeddings)", e)
			case seen[e]:
				bad(f, "%q is listed twice", e)
			}
			seen[e] = true
		}
		if len(p.Endpoints) > 0 && !seen["chat"] {
			bad(f, "must include chat: every backend serves chat completions")
		}
	}
}
