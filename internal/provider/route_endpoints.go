package provider

import (
	"context"
	"encoding/json"
)

var _ Poster = (*Route)(nil)

// Endpoints returns the endpoints every target serves natively: a failover
// must never land on a backend that lacks the endpoint. (The Responses API
// reaches a route whose targets all serve chat by translation, as for any
// provider.)
func (r *Route) Endpoints() []Endpoint {
	var out []Endpoint
	for _, e := range AllEndpoints {
		all := true
		for _, t := range r.targets {
			all = all && IsNative(t.Provider, e)
		}
		if all {
			out = append(out, e)
		}
	}
	return out
}

// Post answers from the first target that can.
func (r *Route) Post(ctx context.Context, ep Endpoint, raw []byte) (*Response, error) {
	return try(ctx, r, modelOf(raw), raw, func(ctx context.Context, t *target, body []byte) (*Response, error) {
		p, ok := t.Provider.(Poster)
		if !ok {
			return nil, notServed(t.Provider, ep)
		}
		return p.Post(ctx, ep, body)
	})
}

// PostStream starts the stream of the first target that can; once it has
// started there is no failover.
func (r *Route) PostStream(ctx context.Context, ep Endpoint, raw []byte) (Stream, error) {
	return try(ctx, r, modelOf(raw), raw, func(ctx context.Context, t *target, body []byte) (Stream, error) {
		p, ok := t.Provider.(Poster)
		if !ok {
			return nil, notServed(t.Provider, ep)
		}
		return p.PostStream(ctx, ep, body)
	})
}

// modelOf returns the top-level model member of a request body ("" when
// there is none; the server has validated the body before).
func modelOf(raw []byte) string {
	var model string
	forMembers(raw, func(m member) bool {
		if keyIs(m.key, "model") {
			_ = json.Unmarshal(m.val, &model)
			return false
		}
		return true
	})
	return model
}
