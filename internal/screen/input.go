package screen

import (
	"context"
	"strings"

	"github.com/vmira/mira/internal/filter"
	"github.com/vmira/mira/internal/mira"
	"github.com/vmira/mira/internal/openai"
	"github.com/vmira/mira/internal/sensitive"
)

// Result is what screening a request's input found. The steps return it
// complete even with an error, so the caller can set headers and log what
// was found before answering.
type Result struct {
	// Sensitive lists the types of sensitive data found, sorted, as the
	// Mira-Sensitive-Data header names them; nil when none.
	Sensitive []string
	// Masked reports whether the mask policy replaced sensitive data.
	Masked bool
	// Filtered reports whether the content filter ran (it does not when
	// it is off, or when the sensitive-data policy blocked first).
	Filtered bool
	// Verdict is the content filter's verdict when Filtered.
	Verdict filter.Verdict
	// Body is the raw request body to forward: the one given, or a copy
	// with the sensitive data masked (ChatInput only).
	Body []byte
}

// Input screens the texts a request puts before a model (embeddings
// inputs, completion prompts...): sensitive data, then the organisation's
// content filter over the texts joined by newlines. With the mask policy
// it masks texts in place. param names the request field in errors. The
// error is a content_filter *mira.Error when the request is blocked.
func (s *Set) Input(ctx context.Context, org, param string, texts []string) (Result, error) {
	return s.input(ctx, org, param, texts, func([][]sensitive.Finding) error {
		for i, t := range texts {
			texts[i] = sensitive.Mask(t)
		}
		return nil
	}, func() []string { return texts })
}

// ChatInput screens a chat request before any model sees it.
//
// Sensitive data is looked for, and masked, in the text of user, tool and
// function messages only: the operator's system prompt and the model's
// earlier answers are not the client's data to mask. With the mask policy
// it masks req's texts in place and returns in Result.Body a copy of raw
// in which only those texts changed. raw must be the body req was decoded
// from.
//
// The content filter then reads every text the model will read (see
// ChatTexts), of every role, joined in request order, so that an attack
// split across messages is seen whole; the system and developer messages
// are left out only when the configuration exempts the operator's system
// prompt (filter.exempt_system_prompt).
//
// The error is a content_filter *mira.Error when the request is blocked,
// or an internal one when raw cannot be masked.
func (s *Set) ChatInput(ctx context.Context, org string, req *openai.ChatRequest, raw []byte) (Result, error) {
	var texts []string
	var at []int // index in req.Messages of each text
	for i := range req.Messages {
		if m := &req.Messages[i]; Screened(m.Role) {
			texts = append(texts, m.Content.Text)
			at = append(at, i)
		}
	}
	body := raw
	r, err := s.input(ctx, org, "messages", texts, func(found [][]sensitive.Finding) error {
		masked, err := maskChatBody(raw, func(i int) string {
			if i < len(req.Messages) {
				return req.Messages[i].Role
			}
			return ""
		})
		if err != nil {
			return mira.Internal(err)
		}
		body = masked
		for k, i := range at {
			maskContent(&req.Messages[i].Content, found[k])
			texts[k] = req.Messages[i].Content.Text
		}
		return nil
	}, func() []string { return ChatTexts(req, s.exemptSystem) })
	r.Body = body
	return r, err
}

// Screened reports whether a chat message's text is screened for
// sensitive data: what users and tools put in, not the operator's system
// prompt or the model's answers. The content filter reads every role.
func Screened(role string) bool { return role == "user" || role == "tool" || role == "function" }

// input is the order every request is screened in: sensitive data in
// texts and its policy (mask calls back with the findings per text), then
// the content filter over what filtered returns once masking is done.
func (s *Set) input(ctx context.Context, org, param string, texts []string, mask func([][]sensitive.Finding) error, filtered func() []string) (Result, error) {
	var r Result
	if s == nil {
		return r, nil
	}
	var found [][]sensitive.Finding // per text; nil when nothing was found
	var all []sensitive.Finding
	for i, t := range texts {
		if f := sensitive.Detect(t); len(f) > 0 {
			if found == nil {
				found = make([][]sensitive.Finding, len(texts))
			}
			found[i] = f
			all = append(all, f...)
		}
	}
	if found != nil {
		r.Sensitive = sensitive.Types(all)
		switch s.policy {
		case sensitive.Block:
			return r, &mira.Error{Code: mira.EContentFilter, Param: param,
				Message: "the request contains sensitive data (" + strings.Join(r.Sensitive, ", ") + "); remove it: passwords, card numbers and personal data must not be sent to models"}
		case sensitive.MaskData:
			if err := mask(found); err != nil {
				return r, err
			}
			r.Masked = true
		}
	}
	fl := s.For(org)
	if fl == nil {
		return r, nil
	}
	r.Filtered = true
	r.Verdict = fl.Check(ctx, joinTexts(filtered()), Input)
	if r.Verdict.Blocked {
		return r, &mira.Error{Code: mira.EContentFilter, Param: param,
			Message: "the request was blocked by the content filter: " + strings.Join(r.Verdict.BlockedCategories, ", ")}
	}
	return r, nil
}

// joinTexts is what the content filter sees of a request: each non-empty
// text followed by a newline.
func joinTexts(texts []string) string {
	n := 0
	for _, t := range texts {
		if t != "" {
			n += len(t) + 1
		}
	}
	var b strings.Builder
	b.Grow(n)
	for _, t := range texts {
		if t != "" {
			b.WriteString(t)
			b.WriteByte('\n')
		}
	}
	return b.String()
}

// maskContent masks a decoded message content as maskChatBody masks its
// JSON: the string, or every part's text; Text is then what decoding the
// masked JSON would give. found are the findings in Text.
func maskContent(c *openai.Content, found []sensitive.Finding) {
	if c.Parts == nil {
		c.Text = sensitive.MaskFindings(c.Text, found)
		return
	}
	var text strings.Builder
	for j := range c.Parts {
		p := &c.Parts[j]
		p.Text = sensitive.Mask(p.Text)
		if p.Type == "text" {
			if text.Len() > 0 {
				text.WriteByte('\n')
			}
			text.WriteString(p.Text)
		}
	}
	c.Text = text.String()
}
