package screen

import (
	"encoding/json"
	"slices"

	"github.com/vmira/mira/internal/filter"
	"github.com/vmira/mira/internal/openai"
)

// Stream screens one streamed chat answer as it goes: content is held back
// per choice (filter.StreamChecker) until the text after it shows it is
// safe, and a blocked answer ends with a chunk whose finish_reason is
// "content_filter". Chunks with no content to screen pass byte for byte.
// The external classifier is not asked: a network call per chunk would
// stall the stream.
//
// A nil Stream passes every chunk through. A Stream is not safe for
// concurrent use.
type Stream struct {
	f        *filter.Filter
	checkers map[int]*filter.StreamChecker // by choice index
	head     openai.ChatCompletionChunk    // id, model... of the last chunk, for chunks made here
	blocked  bool
	verdict  filter.Verdict
}

// chunk is a stream chunk as Stream reads and rewrites it: the usage is
// kept as it came (the upstream's details included).
type chunk struct {
	openai.ChatCompletionChunk
	Usage json.RawMessage `json:"usage,omitempty"`
}

// NewStream returns a screen for one streamed answer; nil when f is nil.
func (f *Filter) NewStream() *Stream {
	if f == nil {
		return nil
	}
	return &Stream{f: f.local, checkers: map[int]*filter.StreamChecker{}}
}

// Chunk screens one upstream chunk (the JSON of one SSE data frame) and
// returns the frames to send now, possibly none while text is held back.
// blocked reports that the answer was stopped: the last frame returned is
// then the content_filter chunk, and the caller must end the stream
// ("[DONE]") and stop the upstream.
func (s *Stream) Chunk(raw []byte) (frames [][]byte, blocked bool) {
	if s == nil {
		return [][]byte{raw}, false
	}
	if s.blocked {
		return nil, true
	}
	var c chunk
	if json.Unmarshal(raw, &c) != nil || !hasText(&c) {
		return [][]byte{raw}, false
	}
	s.head = openai.ChatCompletionChunk{ID: c.ID, Object: c.Object, Created: c.Created, Model: c.Model,
		SystemFingerprint: c.SystemFingerprint}
	if string(c.Usage) == "null" {
		c.Usage = nil
	}
	keep := c.Usage != nil
	for i := range c.Choices {
		ch := &c.Choices[i]
		// Log probabilities spell out the tokens, held back or not.
		ch.Logprobs = nil
		release := ""
		if ch.Delta.Content != nil && *ch.Delta.Content != "" {
			rel, blocked := s.checker(ch.Index).Write(*ch.Delta.Content)
			if blocked {
				return [][]byte{s.stop(ch.Index)}, true
			}
			release = rel
		}
		if ch.FinishReason != nil {
			rel, blocked := s.checker(ch.Index).Flush()
			if blocked {
				return [][]byte{s.stop(ch.Index)}, true
			}
			release += rel
			delete(s.checkers, ch.Index)
		}
		if ch.Delta.Content != nil || release != "" {
			ch.Delta.Content = &release
		}
		keep = keep || release != "" || ch.FinishReason != nil || ch.Delta.Role != "" ||
			ch.Delta.ToolCalls != nil || ch.Delta.Refusal != nil
	}
	if !keep {
		return nil, false // everything held back
	}
	out, err := json.Marshal(c)
	if err != nil {
		return nil, false
	}
	return [][]byte{out}, false
}

// hasText reports whether a chunk carries content or ends a choice: the
// only chunks the screen changes.
func hasText(c *chunk) bool {
	for _, ch := range c.Choices {
		if ch.FinishReason != nil || ch.Delta.Content != nil && *ch.Delta.Content != "" {
			return true
		}
	}
	return false
}

// End screens and returns what is still held back when the upstream ends
// without finishing every choice; blocked as for Chunk.
func (s *Stream) End() (frames [][]byte, blocked bool) {
	if s == nil {
		return nil, false
	}
	if s.blocked {
		return nil, true
	}
	idx := make([]int, 0, len(s.checkers))
	for i := range s.checkers {
		idx = append(idx, i)
	}
	slices.Sort(idx)
	for _, i := range idx {
		rel, blocked := s.checkers[i].Flush()
		if blocked {
			return append(frames, s.stop(i)), true
		}
		delete(s.checkers, i)
		if rel != "" {
			frames = append(frames, s.made(openai.ChunkChoice{Index: i, Delta: openai.Delta{Content: &rel}}))
		}
	}
	return frames, false
}

// Verdict returns the verdict that blocked the answer (zero until then).
func (s *Stream) Verdict() filter.Verdict {
	if s == nil {
		return filter.Verdict{}
	}
	return s.verdict
}

func (s *Stream) checker(i int) *filter.StreamChecker {
	c, ok := s.checkers[i]
	if !ok {
		c = s.f.NewStream()
		s.checkers[i] = c
	}
	return c
}

// stop records that choice i was blocked and returns the chunk saying so.
func (s *Stream) stop(i int) []byte {
	s.blocked = true
	s.verdict = s.checkers[i].Verdict()
	reason := "content_filter"
	return s.made(openai.ChunkChoice{Index: i, FinishReason: &reason})
}

// made returns a chunk of our own with the last upstream chunk's head.
func (s *Stream) made(c openai.ChunkChoice) []byte {
	h := s.head
	if h.Object == "" {
		h.Object = "chat.completion.chunk"
	}
	h.Choices = []openai.ChunkChoice{c}
	b, _ := json.Marshal(h)
	return b
}
