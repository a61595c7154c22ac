package provider

import (
	"bytes"
	"context"
	"slices"

	"github.com/go-json-experiment/json/jsontext"
)

var _ Poster = (*Route)(nil)

// Endpoints returns the endpoints that some target serves natively.
func (r *Route) Endpoints() []Endpoint {
	var out []Endpoint
	for _, e := range AllEndpoints {
		for _, t := range r.targets {
			if slices.Contains(t.native, e) {
				out = append(out, e)
				break
			}
		}
	}
	return out
}

// Post answers from the first target serving ep that can.
func (r *Route) Post(ctx context.Context, ep Endpoint, raw []byte) (*Response, error) {
	return try(ctx, r, ep, modelOf(raw), raw, func(ctx context.Context, t *target, body []byte) (*Response, error) {
		return t.Provider.(Poster).Post(ctx, ep, body)
	})
}

// PostStream starts the stream of the first target serving ep that can.
func (r *Route) PostStream(ctx context.Context, ep Endpoint, raw []byte) (Stream, error) {
	return try(ctx, r, ep, modelOf(raw), raw, func(ctx context.Context, t *target, body []byte) (Stream, error) {
		return t.Provider.(Poster).PostStream(ctx, ep, body)
	})
}

// modelOf returns the top-level model member of a request body ("" when
// there is none; the server has validated the body before). It reads the
// body as the client wrote it (spaces included) and no further than the
// member.
func modelOf(raw []byte) string {
	dec := jsontext.NewDecoder(bytes.NewReader(raw))
	if tok, err := dec.ReadToken(); err != nil || tok.Kind() != '{' {
		return ""
	}
	for dec.PeekKind() == '"' {
		name, err := dec.ReadToken()
		if err != nil {
			return ""
		}
		if name.String() == "model" {
			v, err := dec.ReadToken()
			if err != nil || v.Kind() != '"' {
				return ""
			}
			return v.String()
		}
		if dec.SkipValue() != nil {
			return ""
		}
	}
	return ""
}
