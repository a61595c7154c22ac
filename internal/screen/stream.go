package screen

import (
	"encoding/json"

	"github.com/vmira/mira/internal/filter"
	"github.com/vmira/mira/internal/openai"
)

// Stream screens one streamed chat answer as it goes: the content of each
// choice goes through its own TextStream, and a blocked answer ends with a
// chunk whose finish_reason is "content_filter". Chunks with no content to
// screen, and chunks whose text is released as it came, pass byte for
// byte; the others are edited in place (their content replaced by what is
// released, their log probabilities, which spell out the tokens, removed)
// or, when all their text is held back and they carry nothing else, not
// sent. The chunks of tool calls are held back and judged whole (see
// heldCalls). The external classifier is not asked: a network call per chunk
// would stall the stream.
//
// A nil Stream passes every chunk through. A Stream is not safe for
// concurrent use.
type Stream struct {
	f       *Filter
	texts   map[int]*TextStream // by choice index
	last    []byte              // the last chunk with text: the head (id, model...) of chunks made here
	calls   *heldCalls          // while an answer's tool calls are held back
	blocked bool
	verdict filter.Verdict
}

// chunk is a stream chunk as Stream reads and rewrites it when it is not
// of the shape chunkView reads: the usage is kept as it came (the
// upstream's details included).
type chunk struct {
	openai.ChatCompletionChunk
	Usage json.RawMessage `json:"usage,omitempty"`
}

// NewStream returns a screen for one streamed answer; nil when f is nil.
func (f *Filter) NewStream() *Stream {
	if f == nil {
		return nil
	}
	return &Stream{f: f, texts: map[int]*TextStream{}}
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
	if s.calls != nil {
		return s.decoded(raw)
	}
	v, ok := viewChunk(raw)
	if !ok || v.calls {
		return s.decoded(raw)
	}
	if v.choice < 0 || v.content == "" && !v.finish {
		return [][]byte{raw}, false
	}
	s.last = append(s.last[:0], raw...)
	release, ok := s.screen(v.index, v.content, v.finish)
	if !ok {
		return [][]byte{s.stop(v.index)}, true
	}
	if release == v.content && v.logprobs.start < 0 && (v.contentVal.start >= 0 || release == "") {
		return [][]byte{raw}, false
	}
	if release == "" && !v.finish && !v.other {
		return nil, false // everything held back
	}
	return [][]byte{v.rewrite(raw, release)}, false
}

// screen passes a choice's new text, and its end when finish, through its
// TextStream and returns what is released; false when the answer is
// blocked.
func (s *Stream) screen(index int, text string, finish bool) (string, bool) {
	return screenChoice(s.texts, s.f.NewTextStream, index, text, finish)
}

// decoded is Chunk for the chunks viewChunk does not read (several
// choices, escaped member names...): decoded, screened and encoded again.
func (s *Stream) decoded(raw []byte) (frames [][]byte, blocked bool) {
	var c chunk
	if json.Unmarshal(raw, &c) != nil {
		return [][]byte{raw}, false
	}
	if s.calls != nil || hasCalls(&c) {
		return s.holdCalls(raw, &c)
	}
	if !hasText(&c) {
		return [][]byte{raw}, false
	}
	s.last = append(s.last[:0], raw...)
	if string(c.Usage) == "null" {
		c.Usage = nil
	}
	keep := c.Usage != nil
	for i := range c.Choices {
		ch := &c.Choices[i]
		// Log probabilities spell out the tokens, held back or not.
		ch.Logprobs = nil
		text := ""
		if ch.Delta.Content != nil {
			text = *ch.Delta.Content
		}
		release, ok := s.screen(ch.Index, text, ch.FinishReason != nil)
		if !ok {
			return [][]byte{s.stop(ch.Index)}, true
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
	if s.calls != nil {
		return s.releaseCalls()
	}
	return flushAll(s.texts, s.stop, func(i int, rel string) []byte {
		return s.made(openai.ChunkChoice{Index: i, Delta: openai.Delta{Content: &rel}})
	})
}

// Verdict returns the verdict that blocked the answer (zero until then).
func (s *Stream) Verdict() filter.Verdict {
	if s == nil {
		return filter.Verdict{}
	}
	return s.verdict
}

// stop records that choice i was blocked and returns the chunk saying so.
func (s *Stream) stop(i int) []byte {
	s.blocked = true
	s.verdict = s.texts[i].Verdict()
	reason := "content_filter"
	return s.made(openai.ChunkChoice{Index: i, FinishReason: &reason})
}

// made returns a chunk of our own with the head of the last upstream
// chunk with text.
func (s *Stream) made(c openai.ChunkChoice) []byte {
	var last openai.ChatCompletionChunk
	_ = json.Unmarshal(s.last, &last) // it was read before: valid JSON
	h := openai.ChatCompletionChunk{ID: last.ID, Object: last.Object, Created: last.Created, Model: last.Model,
		SystemFingerprint: last.SystemFingerprint}
	if h.Object == "" {
		h.Object = "chat.completion.chunk"
	}
	h.Choices = []openai.ChunkChoice{c}
	b, _ := json.Marshal(h)
	return b
}
