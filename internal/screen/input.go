package screen

import (
	"context"
	"slices"
	"strings"
	"unicode/utf8"

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
// prompt (filter.exempt_system_prompt). The history a client sends again
// is not read again: texts the organisation sent before and that were
// found clean, each with the end of the texts before it, are skipped (see
// checkTexts), and so are texts found free of sensitive data.
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
	found, all := detect(org, texts)
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
	r.Verdict = fl.checkTexts(ctx, org, filtered())
	if r.Verdict.Blocked {
		return r, &mira.Error{Code: mira.EContentFilter, Param: param,
			Message: "the request was blocked by the content filter: " + strings.Join(r.Verdict.BlockedCategories, ", ")}
	}
	return r, nil
}

// detect looks for sensitive data in texts and returns the findings per
// text (nil when nothing was found) and all of them. Texts the
// organisation org sent and were found clean before are not scanned again.
func detect(org string, texts []string) (found [][]sensitive.Finding, all []sensitive.Finding) {
	ks := make([]cacheKey, len(texts))
	for i, t := range texts {
		ks[i] = keyOf(domainSensitive, []byte(org), nil, t)
	}
	hit := clean.lookup(ks)
	fresh := ks[:0] // the keys of texts found clean now; ks[i] is not read again
	for i, t := range texts {
		if hit[i] {
			continue
		}
		f := sensitive.Detect(t)
		if len(f) == 0 {
			fresh = append(fresh, ks[i])
			continue
		}
		if found == nil {
			found = make([][]sensitive.Finding, len(texts))
		}
		found[i] = f
		all = append(all, f...)
	}
	clean.add(fresh...)
	return found, all
}

// contextBytes is how much of the texts before a text the content filter
// reads with it when the texts before were found clean already: enough
// that an attack split across two messages is read whole.
const contextBytes = 256

// checkTexts runs the content filter over what it sees of a request: each
// non-empty text followed by a newline, less what org sent and was found
// clean before (see unseen). Only a clean verdict is remembered. When every text was
// found clean before, the verdict is the zero one (allowed).
func (f *Filter) checkTexts(ctx context.Context, org string, texts []string) filter.Verdict {
	text, ks := f.unseen(org, texts)
	if text == "" {
		return filter.Verdict{}
	}
	v := f.Check(ctx, text, Input)
	if !v.Flagged && v.ExternalErr == nil {
		clean.add(ks...)
	}
	return v
}

// unseen returns what the content filter must read of texts, and the keys
// of the texts in it: from the context of the first text not found clean
// before, after the very same texts, to the end of the last one. It returns "" when every text was found clean. Only what the
// organisation org sent counts as found before.
func (f *Filter) unseen(org string, texts []string) (string, []cacheKey) {
	texts = slices.DeleteFunc(slices.Clone(texts), func(t string) bool { return t == "" })
	scope := append(slices.Clip(f.version), org...)
	ks := make([]cacheKey, len(texts))
	var prev cacheKey // each key covers the texts before: a text is seen only after the same ones
	for i, t := range texts {
		ks[i] = keyOf(domainFilter, scope, prev[:], t)
		prev = ks[i]
	}
	first, last := -1, -1
	for i, hit := range clean.lookup(ks) {
		if !hit {
			last = i
			if first < 0 {
				first = i
			}
		}
	}
	if first < 0 {
		return "", nil
	}
	joined, starts := joinTexts(texts)
	end := starts[last] + len(texts[last]) + 1
	return joined[contextStart(joined, starts[first]):end], ks[first : last+1]
}

// contextStart returns where the context of a text starting at byte at of
// joined begins: contextBytes before, at the start of a rune.
func contextStart(joined string, at int) int {
	i := max(at-contextBytes, 0)
	for i < at && !utf8.RuneStart(joined[i]) {
		i++
	}
	return i
}

// joinTexts returns the texts, each followed by a newline, and where each
// starts.
func joinTexts(texts []string) (string, []int) {
	n := 0
	for _, t := range texts {
		n += len(t) + 1
	}
	var b strings.Builder
	b.Grow(n)
	starts := make([]int, len(texts))
	for i, t := range texts {
		starts[i] = b.Len()
		b.WriteString(t)
		b.WriteByte('\n')
	}
	return b.String(), starts
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
