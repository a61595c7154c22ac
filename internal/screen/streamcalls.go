package screen

import (
	"encoding/json"
	"slices"
	"strings"

	"github.com/vmira/mira/internal/openai"
)

// heldCalls is what Stream holds back of an answer that calls tools: a
// call's name and arguments are generated text, but they arrive in
// fragments that are not text a client shows (JSON cut anywhere, escapes
// split), so the chunks that carry them are held, and judged whole when a
// choice finishes or the stream ends, before any of them is sent.
type heldCalls struct {
	frames  [][]byte
	content map[int]*strings.Builder        // content inside the held chunks, by choice
	calls   map[[2]int]*openai.FunctionCall // by choice and call index
	order   [][2]int                        // calls in the order they began
}

// toolCallDelta is one fragment of a streamed tool call.
type toolCallDelta struct {
	Index    int                 `json:"index"`
	Function openai.FunctionCall `json:"function"`
}

// hasCalls reports whether a chunk carries tool-call fragments.
func hasCalls(c *chunk) bool {
	for _, ch := range c.Choices {
		if len(ch.Delta.ToolCalls) > 0 && string(ch.Delta.ToolCalls) != "null" {
			return true
		}
	}
	return false
}

// holdCalls holds raw (decoded into c) back with the calls it carries and,
// once a choice finishes, judges everything held and returns it as it
// came; blocked as for Chunk.
func (s *Stream) holdCalls(raw []byte, c *chunk) (frames [][]byte, blocked bool) {
	h := s.calls
	if h == nil {
		h = &heldCalls{content: map[int]*strings.Builder{}, calls: map[[2]int]*openai.FunctionCall{}}
		s.calls = h
	}
	s.last = append(s.last[:0], raw...)
	h.frames = append(h.frames, slices.Clone(raw))
	finished := false
	for i := range c.Choices {
		ch := &c.Choices[i]
		if ch.Delta.Content != nil {
			b := h.content[ch.Index]
			if b == nil {
				b = &strings.Builder{}
				h.content[ch.Index] = b
			}
			b.WriteString(*ch.Delta.Content)
		}
		var deltas []toolCallDelta
		if len(ch.Delta.ToolCalls) > 0 && json.Unmarshal(ch.Delta.ToolCalls, &deltas) != nil {
			return [][]byte{s.stopCalls(ch.Index)}, true // fragments nobody can judge are not sent
		}
		for _, d := range deltas {
			h.add([2]int{ch.Index, d.Index}, &d.Function)
		}
		finished = finished || ch.FinishReason != nil
	}
	if !finished {
		return nil, false
	}
	return s.releaseCalls()
}

// add appends a fragment to its call.
func (h *heldCalls) add(key [2]int, f *openai.FunctionCall) {
	call, ok := h.calls[key]
	if !ok {
		call = &openai.FunctionCall{}
		h.calls[key] = call
		h.order = append(h.order, key)
	}
	call.Name += f.Name
	call.Arguments += f.Arguments
}

// releaseCalls judges the held calls with the content held before and
// with them, and returns the held frames; blocked as for Chunk.
func (s *Stream) releaseCalls() (frames [][]byte, blocked bool) {
	h := s.calls
	s.calls = nil
	// Content held back before the calls began goes first, as it came.
	frames, blocked = flushAll(s.texts, s.stop, func(i int, rel string) []byte {
		return s.made(openai.ChunkChoice{Index: i, Delta: openai.Delta{Content: &rel}})
	})
	if blocked {
		return frames, true
	}
	texts := map[int][]string{}
	for i, b := range h.content {
		texts[i] = append(texts[i], b.String())
	}
	for _, key := range h.order {
		texts[key[0]] = appendCallTexts(texts[key[0]], h.calls[key])
	}
	for i, t := range texts {
		if v := s.f.local.CheckOutput(strings.Join(t, "\n")); v.Blocked {
			s.blocked, s.verdict = true, v
			reason := "content_filter"
			return [][]byte{s.made(openai.ChunkChoice{Index: i, FinishReason: &reason})}, true
		}
	}
	return append(frames, h.frames...), false
}

// stopCalls ends the answer at choice i without judging it.
func (s *Stream) stopCalls(i int) []byte {
	s.blocked, s.calls = true, nil
	reason := "content_filter"
	return s.made(openai.ChunkChoice{Index: i, FinishReason: &reason})
}
