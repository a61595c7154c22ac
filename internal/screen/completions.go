package screen

import (
	"context"
	"encoding/json"
	"strings"

	"github.com/vmira/mira/internal/filter"
	"github.com/vmira/mira/internal/openai"
)

// completionBody is a legacy completion as the output steps read and
// rewrite it: members they do not know keep their bytes.
type completionBody struct {
	full    map[string]json.RawMessage
	choices []map[string]json.RawMessage
}

func readCompletion(b []byte) (*completionBody, bool) {
	c := &completionBody{}
	if json.Unmarshal(b, &c.full) != nil || json.Unmarshal(c.full["choices"], &c.choices) != nil {
		return nil, false
	}
	return c, true
}

func (c *completionBody) text(i int) string {
	var s string
	_ = json.Unmarshal(c.choices[i]["text"], &s)
	return s
}

func (c *completionBody) marshal() []byte {
	c.full["choices"], _ = json.Marshal(c.choices)
	b, _ := json.Marshal(c.full)
	return b
}

// CompletionOutput checks a non-streamed legacy completion as ChatOutput
// checks a chat completion: a blocked answer loses the text of every
// choice and ends with finish_reason "content_filter".
func (f *Filter) CompletionOutput(ctx context.Context, body []byte) ([]byte, filter.Verdict) {
	if f == nil {
		return body, filter.Verdict{}
	}
	c, ok := readCompletion(body)
	if !ok {
		return body, filter.Verdict{}
	}
	var text strings.Builder
	for i := range c.choices {
		text.WriteString(c.text(i))
		text.WriteByte('\n')
	}
	v := f.Check(ctx, text.String(), Output)
	if !v.Blocked {
		return body, v
	}
	for _, ch := range c.choices {
		ch["text"], ch["finish_reason"], ch["logprobs"] = json.RawMessage(`""`), json.RawMessage(`"content_filter"`), json.RawMessage("null")
	}
	return c.marshal(), v
}

// CompletionStream screens a streamed legacy completion as Stream screens
// a chat stream: the text of each choice goes through its own TextStream,
// and a blocked answer ends with a chunk whose finish_reason is
// "content_filter". A nil CompletionStream passes every chunk through.
type CompletionStream struct {
	f       *Filter
	texts   map[int]*TextStream // by choice index
	head    openai.Completion
	blocked bool
	verdict filter.Verdict
}

// NewCompletionStream returns a screen for one streamed legacy completion;
// nil when f is nil.
func (f *Filter) NewCompletionStream() *CompletionStream {
	if f == nil {
		return nil
	}
	return &CompletionStream{f: f, texts: map[int]*TextStream{}}
}

// Chunk screens one upstream chunk and returns the frames to send now;
// blocked as for Stream.Chunk.
func (s *CompletionStream) Chunk(raw []byte) (frames [][]byte, blocked bool) {
	if s == nil {
		return [][]byte{raw}, false
	}
	if s.blocked {
		return nil, true
	}
	var c openai.Completion
	if json.Unmarshal(raw, &c) != nil || len(c.Choices) == 0 {
		return [][]byte{raw}, false
	}
	s.head = openai.Completion{ID: c.ID, Object: c.Object, Created: c.Created, Model: c.Model}
	keep := c.Usage != nil
	for i := range c.Choices {
		ch := &c.Choices[i]
		ch.Logprobs = nil // they spell out the tokens, held back or not
		release, ok := screenChoice(s.texts, s.f.NewTextStream, ch.Index, ch.Text, ch.FinishReason != nil)
		if !ok {
			return [][]byte{s.stop(ch.Index)}, true
		}
		ch.Text = release
		keep = keep || release != "" || ch.FinishReason != nil
	}
	if !keep {
		return nil, false
	}
	b, err := json.Marshal(c)
	if err != nil {
		return nil, false
	}
	return [][]byte{b}, false
}

// End screens and returns what is still held back when the upstream ends
// without finishing every choice.
func (s *CompletionStream) End() (frames [][]byte, blocked bool) {
	if s == nil {
		return nil, false
	}
	if s.blocked {
		return nil, true
	}
	return flushAll(s.texts, s.stop, func(i int, rel string) []byte {
		return s.made(openai.CompletionChoice{Index: i, Text: rel})
	})
}

// Verdict returns the verdict that blocked the answer (zero until then).
func (s *CompletionStream) Verdict() filter.Verdict {
	if s == nil {
		return filter.Verdict{}
	}
	return s.verdict
}

func (s *CompletionStream) stop(i int) []byte {
	s.blocked = true
	s.verdict = s.texts[i].Verdict()
	reason := "content_filter"
	return s.made(openai.CompletionChoice{Index: i, FinishReason: &reason})
}

func (s *CompletionStream) made(c openai.CompletionChoice) []byte {
	h := s.head
	if h.Object == "" {
		h.Object = "text_completion"
	}
	h.Choices = []openai.CompletionChoice{c}
	b, _ := json.Marshal(h)
	return b
}
