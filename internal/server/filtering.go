package server

import (
	"bytes"
	"context"
	"encoding/json"
	"net/http"
	"strings"

	"github.com/vmira/mira/internal/filter"
	"github.com/vmira/mira/internal/mira"
	"github.com/vmira/mira/internal/openai"
	"github.com/vmira/mira/internal/sensitive"
)

// Filters holds the content filter (per organisation where configured),
// the optional second-opinion classifier and the sensitive-data policy.
type Filters struct {
	Default  *filter.Filter            // nil: content filtering off
	ByOrg    map[string]*filter.Filter // by organisation name
	External *filter.External          // nil: no second opinion
	// Sensitive is warn (default), mask or block.
	Sensitive sensitive.Policy
}

func (f *Filters) forOrg(org string) *filter.Filter {
	if f == nil {
		return nil
	}
	if x, ok := f.ByOrg[org]; ok {
		return x
	}
	return f.Default
}

func (f *Filters) check(ctx context.Context, fl *filter.Filter, text string, output bool) filter.Verdict {
	switch {
	case f.External != nil && output:
		return fl.CheckOutputContext(ctx, f.External, text)
	case f.External != nil:
		return fl.CheckContext(ctx, f.External, text)
	case output:
		return fl.CheckOutput(text)
	}
	return fl.Check(text)
}

// screened reports whether a message's text is checked: what users and
// tools put in, not the operator's system prompt or the model's answers.
func screened(role string) bool { return role == "user" || role == "tool" || role == "function" }

// screenInput applies the sensitive-data policy and the input filter to a
// chat request before any model sees it. With the mask policy it rewrites
// raw and req. It sets the Mira-Sensitive-Data and Mira-Content-Flagged
// headers and returns a content_filter error when the request is blocked.
func (s *Server) screenInput(w http.ResponseWriter, ex *exchange, req **openai.ChatRequest, raw *[]byte) error {
	r := ex.r
	if s.opt.Filters == nil {
		return nil
	}
	var found []sensitive.Finding
	for _, m := range (*req).Messages {
		if screened(m.Role) {
			found = append(found, sensitive.Detect(m.Content.Text)...)
		}
	}
	if len(found) > 0 {
		types := sensitive.Types(found)
		ex.entry.SensitiveTypes = types
		w.Header().Set("Mira-Sensitive-Data", strings.Join(types, ","))
		switch s.opt.Filters.Sensitive {
		case sensitive.Block:
			return &mira.Error{Code: mira.EContentFilter, Param: "messages",
				Message: "the request contains sensitive data (" + strings.Join(types, ", ") + "); remove it: passwords, card numbers and personal data must not be sent to models"}
		case sensitive.MaskData:
			masked, err := maskMessages(*raw)
			if err != nil {
				return err
			}
			nr, err := openai.DecodeChatRequest(masked, s.opt.Limits)
			if err != nil {
				return mira.Internal(err)
			}
			*raw, *req = masked, nr
		}
	}
	fl := s.opt.Filters.forOrg(ex.p.OrgName)
	if fl == nil {
		return nil
	}
	var text strings.Builder
	for _, m := range (*req).Messages {
		if screened(m.Role) && m.Content.Text != "" {
			text.WriteString(m.Content.Text)
			text.WriteByte('\n')
		}
	}
	v := s.opt.Filters.check(r.Context(), fl, text.String(), false)
	ex.entry.FilterVerdict = verdictText(v)
	if v.Blocked {
		return &mira.Error{Code: mira.EContentFilter, Param: "messages",
			Message: "the request was blocked by the content filter: " + strings.Join(v.BlockedCategories, ", ")}
	}
	if v.Flagged {
		w.Header().Set("Mira-Content-Flagged", strings.Join(v.FlaggedCategories, ","))
	}
	return nil
}

// verdictText summarises a verdict for the request log.
func verdictText(v filter.Verdict) string {
	switch {
	case v.Blocked:
		return "blocked:" + strings.Join(v.BlockedCategories, ",")
	case v.Flagged:
		return "flagged:" + strings.Join(v.FlaggedCategories, ",")
	}
	return "allowed"
}

// maskMessages masks sensitive data in the text of user and tool messages
// of a raw chat request, keeping every other field as it was.
func maskMessages(raw []byte) ([]byte, error) {
	var body map[string]json.RawMessage
	if err := json.Unmarshal(raw, &body); err != nil {
		return nil, mira.Internal(err)
	}
	var msgs []map[string]json.RawMessage
	if err := json.Unmarshal(body["messages"], &msgs); err != nil {
		return nil, mira.Internal(err)
	}
	for _, m := range msgs {
		var role string
		json.Unmarshal(m["role"], &role)
		if !screened(role) {
			continue
		}
		var text string
		if json.Unmarshal(m["content"], &text) == nil {
			m["content"], _ = json.Marshal(sensitive.Mask(text))
			continue
		}
		var parts []map[string]json.RawMessage
		if json.Unmarshal(m["content"], &parts) == nil {
			for _, p := range parts {
				if json.Unmarshal(p["text"], &text) == nil {
					p["text"], _ = json.Marshal(sensitive.Mask(text))
				}
			}
			m["content"], _ = json.Marshal(parts)
		}
	}
	var err error
	if body["messages"], err = json.Marshal(msgs); err != nil {
		return nil, mira.Internal(err)
	}
	return json.Marshal(body)
}

// screenOutput checks a non-streamed answer. A blocked answer loses its
// content and ends with finish_reason "content_filter", as OpenAI does.
func (s *Server) screenOutput(w http.ResponseWriter, ex *exchange, body []byte) []byte {
	r := ex.r
	fl := s.opt.Filters.forOrg(ex.p.OrgName)
	if fl == nil {
		return body
	}
	var resp struct {
		Choices []struct {
			Message struct {
				Content *string `json:"content"`
			} `json:"message"`
		} `json:"choices"`
	}
	if json.Unmarshal(body, &resp) != nil {
		return body
	}
	var text strings.Builder
	for _, c := range resp.Choices {
		if c.Message.Content != nil {
			text.WriteString(*c.Message.Content)
			text.WriteByte('\n')
		}
	}
	v := s.opt.Filters.check(r.Context(), fl, text.String(), true)
	if v.Flagged && !v.Blocked {
		w.Header().Set("Mira-Content-Flagged", strings.Join(v.FlaggedCategories, ","))
	}
	if !v.Blocked {
		return body
	}
	ex.outputFilter = "blocked:" + strings.Join(v.BlockedCategories, ",")
	var full map[string]any
	if json.Unmarshal(body, &full) != nil {
		return body
	}
	if choices, ok := full["choices"].([]any); ok {
		for _, c := range choices {
			if m, ok := c.(map[string]any); ok {
				m["finish_reason"] = "content_filter"
				if msg, ok := m["message"].(map[string]any); ok {
					msg["content"] = nil
				}
			}
		}
	}
	out, err := json.Marshal(full)
	if err != nil {
		return body
	}
	return out
}

// streamScreen filters a streamed answer as it goes: content is held back
// per choice until the text after it shows it is safe; a blocked answer
// ends with a content_filter chunk. Chunks without content pass unchanged.
type streamScreen struct {
	f        *filter.Filter
	checkers map[int]*filter.StreamChecker
	head     chunkHead // id, model and created of the last chunk, for chunks we make
}

type chunkHead struct {
	ID                string        `json:"id"`
	Object            string        `json:"object"`
	Created           int64         `json:"created"`
	Model             string        `json:"model"`
	SystemFingerprint string        `json:"system_fingerprint,omitempty"`
	Choices           []chunkChoice `json:"choices"`
	Usage             any           `json:"usage,omitempty"`
}

type chunkChoice struct {
	Index int `json:"index"`
	Delta struct {
		Role      string          `json:"role,omitempty"`
		Content   *string         `json:"content,omitempty"`
		Refusal   *string         `json:"refusal,omitempty"`
		ToolCalls json.RawMessage `json:"tool_calls,omitempty"`
	} `json:"delta"`
	FinishReason *string `json:"finish_reason"`
}

func newStreamScreen(f *filter.Filter) *streamScreen {
	return &streamScreen{f: f, checkers: map[int]*filter.StreamChecker{}}
}

func (ss *streamScreen) checker(i int) *filter.StreamChecker {
	c, ok := ss.checkers[i]
	if !ok {
		c = ss.f.NewStream()
		ss.checkers[i] = c
	}
	return c
}

// process returns the chunks to send for one upstream chunk, and whether
// the answer was blocked (then the last returned chunk says so).
func (ss *streamScreen) process(chunk []byte) ([][]byte, bool) {
	if !bytes.Contains(chunk, []byte(`"content":"`)) && !bytes.Contains(chunk, []byte(`"finish_reason":"`)) {
		return [][]byte{chunk}, false
	}
	var h chunkHead
	if json.Unmarshal(chunk, &h) != nil {
		return [][]byte{chunk}, false
	}
	ss.head = chunkHead{ID: h.ID, Object: h.Object, Created: h.Created, Model: h.Model, SystemFingerprint: h.SystemFingerprint}
	keep := h.Usage != nil
	for i := range h.Choices {
		c := &h.Choices[i]
		release := ""
		if c.Delta.Content != nil && *c.Delta.Content != "" {
			rel, blocked := ss.checker(c.Index).Write(*c.Delta.Content)
			if blocked {
				return [][]byte{ss.blockedChunk(c.Index)}, true
			}
			release = rel
		}
		if c.FinishReason != nil {
			rel, blocked := ss.checker(c.Index).Flush()
			if blocked {
				return [][]byte{ss.blockedChunk(c.Index)}, true
			}
			release += rel
			delete(ss.checkers, c.Index)
		}
		if c.Delta.Content != nil || release != "" {
			c.Delta.Content = &release
		}
		keep = keep || release != "" || c.FinishReason != nil || c.Delta.Role != "" || c.Delta.ToolCalls != nil || c.Delta.Refusal != nil
	}
	if !keep {
		return nil, false // everything held back
	}
	out, err := json.Marshal(h)
	if err != nil {
		return [][]byte{chunk}, false
	}
	return [][]byte{out}, false
}

// finish releases what is still held when the upstream ends.
func (ss *streamScreen) finish() ([][]byte, bool) {
	var out [][]byte
	for i, c := range ss.checkers {
		rel, blocked := c.Flush()
		if blocked {
			return append(out, ss.blockedChunk(i)), true
		}
		if rel != "" {
			h := ss.head
			h.Choices = []chunkChoice{{Index: i}}
			h.Choices[0].Delta.Content = &rel
			b, _ := json.Marshal(h)
			out = append(out, b)
		}
	}
	return out, false
}

func (ss *streamScreen) blockedChunk(i int) []byte {
	h := ss.head
	if h.Object == "" {
		h.Object = "chat.completion.chunk"
	}
	reason := "content_filter"
	h.Choices = []chunkChoice{{Index: i, FinishReason: &reason}}
	b, _ := json.Marshal(h)
	return b
}
