package screen

import (
	"context"
	"strconv"
	"strings"

	"github.com/vmira/mira/internal/mira"
	"github.com/vmira/mira/internal/sensitive"
)

// Text is one text a request other than a chat request puts before a
// model: an embeddings input, a completion prompt, an instruction or an
// input item of the Responses API.
type Text struct {
	// Path is where the text is in the request body, as member names and
	// array indexes ("input", "2", "content"); the string there is what
	// the mask policy rewrites. Nil for a text read out of another one
	// (the strings of a JSON text), which is filtered but not masked.
	Path []string
	Text string
	// Sensitive: the text is looked at for sensitive data. It is what
	// users and tools wrote; a model's earlier answers are not.
	Sensitive bool
	// System: the text is the operator's prompt (instructions, system
	// and developer messages), left out of the content filter when the
	// configuration exempts it (filter.exempt_system_prompt).
	System bool
}

// BodyInput screens the texts of a request body in the same order as
// ChatInput: sensitive data in the texts marked Sensitive and its policy
// (with mask, the strings at their paths are masked in texts and in a copy
// of raw, returned in Result.Body), then the content filter over every
// text, joined in request order. param names the request member in
// errors. The error is a content_filter *mira.Error when the request is
// blocked.
func (s *Set) BodyInput(ctx context.Context, org, param string, texts []Text, raw []byte) (Result, error) {
	var sens []string
	var at []int // index in texts of each text in sens
	for i := range texts {
		if texts[i].Sensitive {
			sens = append(sens, texts[i].Text)
			at = append(at, i)
		}
	}
	body := raw
	r, err := s.input(ctx, org, param, sens, func(found [][]sensitive.Finding) error {
		paths := map[string]bool{}
		for k, i := range at {
			if found[k] == nil {
				continue
			}
			if texts[i].Path == nil {
				return mira.Internal(errScan) // a Sensitive text must have a path
			}
			paths[pathKey(texts[i].Path)] = true
			texts[i].Text = sensitive.MaskFindings(texts[i].Text, found[k])
		}
		masked, err := maskPaths(raw, paths)
		if err != nil {
			return mira.Internal(err)
		}
		body = masked
		return nil
	}, func() []string {
		out := make([]string, 0, len(texts))
		for i := range texts {
			if !texts[i].System || !s.exemptSystem {
				out = append(out, texts[i].Text)
			}
		}
		return out
	})
	r.Body = body
	return r, err
}

func pathKey(path []string) string { return strings.Join(path, "\x00") }

// maskPaths returns raw with sensitive data masked in the strings at the
// paths (pathKey form); raw itself when nothing changes. Like
// maskChatBody it edits only those strings, so the rest of the body
// reaches the upstream byte for byte.
func maskPaths(raw []byte, paths map[string]bool) ([]byte, error) {
	var edits []edit
	var walk func(path []string, at int) (int, error)
	walk = func(path []string, at int) (int, error) {
		switch raw[at] {
		case '{':
			return scanObject(raw, at, func(key []byte, at int) (int, error) {
				return walk(append(path, unquote(key)), at)
			})
		case '[':
			return scanArray(raw, at, func(i, at int) (int, error) {
				return walk(append(path, strconv.Itoa(i)), at)
			})
		case '"':
			end, err := skipString(raw, at)
			if err == nil && paths[pathKey(path)] {
				s := unquote(raw[at:end])
				if m := sensitive.Mask(s); m != s {
					edits = append(edits, edit{at, end, appendQuoted(nil, m)})
				}
			}
			return end, err
		}
		return skipValue(raw, at)
	}
	if _, err := walk(nil, ws(raw, 0)); err != nil || len(edits) == 0 {
		return raw, err
	}
	return applyEdits(raw, edits), nil
}
