// Package provider holds the model backends behind one interface: the
// built-in echo model and any OpenAI-compatible upstream (vLLM, Ollama,
// llama.cpp, OpenAI...), and the registry that maps model names to them.
//
// Every error a provider returns is a *mira.Error: upstream_error with a
// message safe to show to the client (never the upstream's body, address or
// key) and the internal cause in Err for the logs.
package provider

import (
	"context"
	"fmt"
	"net/http"
	"slices"
	"time"

	"github.com/vmira/mira/internal/mira"
	"github.com/vmira/mira/internal/openai"
)

// Provider serves chat completions for some models.
type Provider interface {
	Name() string
	Models() []string
	// Chat answers a non-streamed request. raw is the client's original JSON
	// body (already validated into req).
	Chat(ctx context.Context, req *openai.ChatRequest, raw []byte) (*Response, error)
	// ChatStream starts a streamed answer. The returned Stream yields chunk
	// payloads. The stream lives as long as ctx: cancelling ctx aborts it.
	ChatStream(ctx context.Context, req *openai.ChatRequest, raw []byte) (Stream, error)
}

// Response is a non-streamed answer.
type Response struct {
	Body   []byte       // the chat.completion JSON to send to the client (compact)
	Usage  openai.Usage // parsed from Body (or computed for echo)
	Header http.Header  // upstream headers that passed the allow-list; may be nil
}

// Stream is a streamed answer. Next is called from one goroutine at a time;
// Close may be called from any goroutine, also while Next is blocked.
type Stream interface {
	// Next returns the next chunk payload as compact JSON (no "data: "
	// framing), io.EOF after [DONE]. The caller owns the returned slice.
	// An error other than io.EOF is a *mira.Error (code upstream_error) safe
	// to show to the client. Errors are final: later calls return them again.
	Next() ([]byte, error)
	// Header returns the allow-listed upstream headers; may be nil.
	Header() http.Header
	// Usage returns the usage of the answer once it is known (a usage chunk
	// was seen), or nil. Call it after Next returned io.EOF.
	Usage() *openai.Usage
	// Close stops the upstream read and cancels the upstream request; it is
	// safe to call twice and after the end of the stream.
	Close() error
}

// Registry maps model names to the providers that serve them.
type Registry struct {
	byModel map[string]Provider
	models  []openai.Model // sorted by ID
}

// NewRegistry returns a registry of ps. A model served by two providers, two
// providers of the same name or an empty model name is an error.
func NewRegistry(ps ...Provider) (*Registry, error) {
	r := &Registry{byModel: map[string]Provider{}}
	names := map[string]bool{}
	created := time.Now().Unix()
	for _, p := range ps {
		if names[p.Name()] {
			return nil, fmt.Errorf("provider %q is configured twice", p.Name())
		}
		names[p.Name()] = true
		for _, m := range p.Models() {
			if m == "" {
				return nil, fmt.Errorf("provider %q lists an empty model name", p.Name())
			}
			if other, dup := r.byModel[m]; dup {
				return nil, fmt.Errorf("model %q is served by both provider %q and provider %q", m, other.Name(), p.Name())
			}
			r.byModel[m] = p
			r.models = append(r.models, openai.Model{ID: m, Object: "model", Created: created, OwnedBy: p.Name(), Endpoints: served(p)})
		}
	}
	slices.SortFunc(r.models, func(a, b openai.Model) int {
		switch {
		case a.ID < b.ID:
			return -1
		case a.ID > b.ID:
			return 1
		}
		return 0
	})
	return r, nil
}

// Lookup returns the provider serving model.
func (r *Registry) Lookup(model string) (Provider, bool) {
	p, ok := r.byModel[model]
	return p, ok
}

// Models returns every model, sorted by ID, owned by its provider's name.
// The caller may modify the returned slice.
func (r *Registry) Models() []openai.Model {
	return slices.Clone(r.models)
}

// Client-visible messages of upstream errors. They name no host, URL, key or
// upstream text: the cause goes to Err, which is only logged.
const (
	msgUnreachable = "the model backend could not be reached"
	msgTimeout     = "the model backend did not answer in time"
	msgIdle        = "the model backend stopped sending data"
	msgInvalid     = "the model backend sent an invalid response"
	msgTooLarge    = "the model backend's response was too large"
	msgCut         = "the model backend ended the stream early"
	msgCutAnswer   = "the model backend's answer was cut short"
	msgReported    = "the model backend reported an error"
	msgCanceled    = "the request was cancelled"
)

func upstreamError(msg string, cause error) *mira.Error {
	return &mira.Error{Code: mira.EUpstream, Message: msg, Err: cause}
}

// StatusError is the internal cause of an upstream_error (or of an
// upstream_rate_limited) for a non-2xx answer: the server may log it or
// count it. It holds nothing of the upstream's body.
type StatusError struct {
	Provider   string
	StatusCode int
}

func (e *StatusError) Error() string {
	return fmt.Sprintf("provider %s: upstream answered HTTP %d", e.Provider, e.StatusCode)
}
