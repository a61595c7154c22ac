// Package screen is the content-filter and sensitive-data policy on the
// request path: what every inference endpoint checks before a model sees a
// request and after it answers.
//
// Build makes a Set from the configuration once, at start. Per request the
// caller picks the organisation's Filter with Set.For and runs the steps:
//
//   - Set.ChatInput (or Set.Input for plain texts) before the upstream call:
//     sensitive-data detection and the warn/mask/block policy over what
//     users and tools wrote, then the content filter over every text the
//     model reads (ChatTexts);
//   - Filter.ChatOutput on a non-streamed answer;
//   - Filter.NewStream, then Stream.Chunk per upstream chunk and Stream.End
//     at the end of a streamed answer (Filter.NewTextStream for the text of
//     a stream of another shape).
//
// The steps return values (verdicts, types found, bodies to send, errors in
// mira's shape) and never write to the client or the request log: setting
// the Mira-Sensitive-Data and Mira-Content-Flagged headers and logging the
// verdicts (see Summary) is the caller's part.
//
// A nil *Set screens nothing, and a nil *Filter (content filtering off) or
// nil *Stream lets everything through, so callers need no special cases.
package screen

import (
	"context"
	"fmt"
	"strings"

	"github.com/vmira/mira/internal/config"
	"github.com/vmira/mira/internal/filter"
	"github.com/vmira/mira/internal/sensitive"
)

// Direction says whether a text is a prompt or a model's answer: they have
// their own thresholds (answers are not checked for prompt injection).
type Direction int

// Directions.
const (
	Input Direction = iota
	Output
)

// Set is the screening configured for the server: the sensitive-data
// policy and a content filter per organisation. It is safe for concurrent
// use.
type Set struct {
	policy sensitive.Policy
	def    *Filter            // nil: content filtering off
	byOrg  map[string]*Filter // by organisation name
	// exemptSystem leaves system and developer messages out of what the
	// content filter reads (filter.exempt_system_prompt).
	exemptSystem bool
}

// Filter is one organisation's content filter: the local classifier and,
// when configured, the external second opinion. It is safe for concurrent
// use.
type Filter struct {
	local *filter.Filter
	// wary is local with every output threshold halved: a streamed text
	// it finds nothing in may be released before the hold-back is full.
	wary *filter.Filter
	ext  *filter.External // nil: no second opinion
	// version identifies the filter's judgement in the keys of the texts
	// it found clean (see policyVersion).
	version []byte
}

// Build makes the screening set from the configuration (the filter and
// sensitive_data sections); getenv reads the external classifier's API
// key. Errors name the configuration field at fault.
func Build(cfg config.Config, getenv func(string) string) (*Set, error) {
	s := &Set{policy: sensitive.Warn, byOrg: map[string]*Filter{}, exemptSystem: cfg.Filter.ExemptSystemPrompt}
	if cfg.Sensitive.Policy != "" {
		p, err := sensitive.ParsePolicy(cfg.Sensitive.Policy)
		if err != nil {
			return nil, fmt.Errorf("sensitive_data.policy: %w", err)
		}
		s.policy = p
	}
	if !cfg.Filter.FilterEnabled() {
		return s, nil
	}
	model, err := filter.EmbeddedModel()
	if err != nil {
		return nil, err
	}
	local, err := newFilter(cfg.Filter, model, "filter.policy", cfg.Filter.Policy)
	if err != nil {
		return nil, err
	}
	if s.def, err = withWary(local); err != nil {
		return nil, err
	}
	for org, pol := range cfg.Filter.Organisations {
		local, err := newFilter(cfg.Filter, model, "filter.organisations."+org, cfg.Filter.Policy, pol)
		if err != nil {
			return nil, err
		}
		if s.byOrg[org], err = withWary(local); err != nil {
			return nil, err
		}
	}
	// The second opinion is checked last, so the errors come in the same
	// order as they always have.
	ext, err := external(cfg.Filter.External, getenv)
	if err != nil {
		return nil, err
	}
	for _, f := range s.byOrg {
		f.ext = ext
		f.version = policyVersion(f.local.Config(), ext)
	}
	s.def.ext = ext
	s.def.version = policyVersion(s.def.local.Config(), ext)
	return s, nil
}

// newFilter makes one filter: the default policy with the overrides
// applied in order (field names them in errors), and the shared
// thresholds and hold-back.
func newFilter(cfg config.Filter, model *filter.Model, field string, overrides ...map[string]string) (*filter.Filter, error) {
	fc := filter.DefaultConfig()
	fc.Model = model
	for _, o := range overrides {
		for cat, a := range o {
			act, err := filter.ParseAction(a)
			if err != nil {
				return nil, fmt.Errorf("%s.%s: %w", field, cat, err)
			}
			fc.Policy[cat] = act
		}
	}
	for k, v := range cfg.InputThresholds {
		fc.InputThresholds[k] = v
	}
	for k, v := range cfg.OutputThresholds {
		fc.OutputThresholds[k] = v
	}
	if cfg.StreamHoldback > 0 {
		fc.StreamHoldback = cfg.StreamHoldback
	}
	if err := fc.Validate(); err != nil {
		return nil, err
	}
	return filter.New(fc)
}

// withWary returns the Filter of local, with its wary twin: the same
// filter with every output threshold halved.
func withWary(local *filter.Filter) (*Filter, error) {
	cfg := local.Config()
	thr := make(map[string]float64, len(filter.Categories))
	for _, c := range filter.Categories {
		v, ok := cfg.OutputThresholds[c]
		if !ok {
			v = filter.DefaultThreshold
		}
		thr[c] = v / 2
	}
	cfg.OutputThresholds = thr
	wary, err := filter.New(cfg)
	if err != nil {
		return nil, err
	}
	return &Filter{local: local, wary: wary}, nil
}

// external makes the second-opinion classifier, or nil when none is
// configured.
func external(x *config.ExternalFilter, getenv func(string) string) (*filter.External, error) {
	if x == nil {
		return nil, nil
	}
	key, err := externalKey(x, getenv)
	if err != nil {
		return nil, err
	}
	return &filter.External{BaseURL: x.BaseURL, APIKey: key, Model: x.Model, Chat: x.Mode == "chat",
		Timeout: x.Timeout.D(), FailOpen: x.FailOpen, Band: externalBand(x)}, nil
}

// Policy returns the sensitive-data policy (warn for a nil Set).
func (s *Set) Policy() sensitive.Policy {
	if s == nil {
		return sensitive.Warn
	}
	return s.policy
}

// For returns the content filter of the organisation named org: its own
// when the configuration overrides the policy for it, else the default.
// It returns nil when content filtering is off.
func (s *Set) For(org string) *Filter {
	if s == nil {
		return nil
	}
	if f, ok := s.byOrg[org]; ok {
		return f
	}
	return s.def
}

// Check scores text as a prompt (Input) or an answer (Output), asking the
// external classifier too when one is configured; a nil Filter allows
// everything.
func (f *Filter) Check(ctx context.Context, text string, d Direction) filter.Verdict {
	switch {
	case f == nil:
		return filter.Verdict{}
	case f.ext != nil && d == Output:
		return f.local.CheckOutputContext(ctx, f.ext, text)
	case f.ext != nil:
		return f.local.CheckContext(ctx, f.ext, text)
	case d == Output:
		return f.local.CheckOutput(text)
	}
	return f.local.Check(text)
}

// Summary summarises a verdict for logs: "allowed", "blocked:cat,..." or
// "flagged:cat,...", followed by what the cascade to the external
// classifier did when one is configured ("flagged:hate external=sent").
func Summary(v filter.Verdict) string {
	s := "allowed"
	switch {
	case v.Blocked:
		s = "blocked:" + strings.Join(v.BlockedCategories, ",")
	case v.Flagged:
		s = "flagged:" + strings.Join(v.FlaggedCategories, ",")
	}
	if e := ExternalSummary(v); e != "" {
		s += " " + e
	}
	return s
}
