package openai

import (
	"encoding/json"
	"strings"
)

// ResponseEvent is one event of a streamed response of the Responses API.
type ResponseEvent struct {
	Type           string         `json:"type"`
	SequenceNumber int            `json:"sequence_number"`
	Response       *Response      `json:"response,omitempty"`
	OutputIndex    *int           `json:"output_index,omitempty"`
	ContentIndex   *int           `json:"content_index,omitempty"`
	ItemID         string         `json:"item_id,omitempty"`
	Item           *OutputItem    `json:"item,omitempty"`
	Part           *OutputContent `json:"part,omitempty"`
	Delta          *string        `json:"delta,omitempty"`
	Text           *string        `json:"text,omitempty"`
	Refusal        *string        `json:"refusal,omitempty"`
	Name           string         `json:"name,omitempty"`
	Arguments      *string        `json:"arguments,omitempty"`
	Logprobs       []any          `json:"logprobs,omitzero"`
}

// ResponseStream translates the chunks of a streamed chat completion to
// the typed events of a streamed response: response.created and
// response.in_progress first; for text, response.output_item.added,
// response.content_part.added, response.output_text.delta...; for each
// tool call a function_call item with response.function_call_arguments
// deltas; at the end the .done events of every open part and item and
// response.completed (or response.incomplete after length or
// content_filter). It is not safe for concurrent use.
type ResponseStream struct {
	t       *Translation
	id      string
	created int64
	seq     int
	items   []*streamItem // by output index
	msg     *streamItem   // the open message, if any
	calls   map[int]*streamItem
	finish  string
	usage   *Usage
}

// streamItem is an output item being streamed.
type streamItem struct {
	item  OutputItem
	index int
	parts []*streamPart // of a message
	args  strings.Builder
}

type streamPart struct {
	typ  string // output_text or refusal
	text strings.Builder
}

// NewStream returns the translator of the answer's stream.
func (t *Translation) NewStream() *ResponseStream {
	return &ResponseStream{t: t, id: newID("resp_"), calls: map[int]*streamItem{}}
}

// Start returns the first events: response.created, response.in_progress.
func (s *ResponseStream) Start() [][]byte {
	r := s.t.object(s.id, s.created, "")
	s.created = r.CreatedAt
	return [][]byte{
		s.event(ResponseEvent{Type: "response.created", Response: r}),
		s.event(ResponseEvent{Type: "response.in_progress", Response: r}),
	}
}

// event numbers and encodes e.
func (s *ResponseStream) event(e ResponseEvent) []byte {
	e.SequenceNumber = s.seq
	s.seq++
	b, _ := json.Marshal(e)
	return b
}

func intp(i int) *int { return &i }

// chunkDelta is the part of a chat chunk the translator reads.
type chunkDelta struct {
	Choices []struct {
		Index int `json:"index"`
		Delta struct {
			Content   *string `json:"content"`
			Refusal   *string `json:"refusal"`
			ToolCalls []struct {
				Index    int    `json:"index"`
				ID       string `json:"id"`
				Function struct {
					Name      string `json:"name"`
					Arguments string `json:"arguments"`
				} `json:"function"`
			} `json:"tool_calls"`
		} `json:"delta"`
		FinishReason *string `json:"finish_reason"`
	} `json:"choices"`
	Usage *Usage `json:"usage"`
}

// Chunk translates one chat chunk to the events it means, possibly none.
func (s *ResponseStream) Chunk(raw []byte) [][]byte {
	var c chunkDelta
	if json.Unmarshal(raw, &c) != nil {
		return nil
	}
	if c.Usage != nil {
		s.usage = c.Usage
	}
	var out [][]byte
	for _, ch := range c.Choices {
		if ch.Index != 0 {
			continue // n is refused; a backend that sends more is not followed
		}
		d := &ch.Delta
		if d.Content != nil && *d.Content != "" {
			out = s.text(out, "output_text", *d.Content)
		}
		if d.Refusal != nil && *d.Refusal != "" {
			out = s.text(out, "refusal", *d.Refusal)
		}
		for _, tc := range d.ToolCalls {
			out = s.call(out, tc.Index, tc.ID, tc.Function.Name, tc.Function.Arguments)
		}
		if ch.FinishReason != nil {
			s.finish = *ch.FinishReason
		}
	}
	return out
}

// text adds a delta to the open message's part of type typ, opening the
// message and the part as needed.
func (s *ResponseStream) text(out [][]byte, typ, delta string) [][]byte {
	if s.msg == nil {
		s.msg = s.open(OutputItem{Type: "message", ID: newID("msg_"), Status: "in_progress", Role: "assistant", Content: []OutputContent{}})
		out = append(out, s.event(ResponseEvent{Type: "response.output_item.added", OutputIndex: intp(s.msg.index), Item: &s.msg.item}))
	}
	m := s.msg
	k := len(m.parts) - 1
	if k < 0 || m.parts[k].typ != typ {
		m.parts = append(m.parts, &streamPart{typ: typ})
		k++
		part := emptyPart(typ)
		out = append(out, s.event(ResponseEvent{Type: "response.content_part.added", ItemID: m.item.ID, OutputIndex: intp(m.index), ContentIndex: intp(k), Part: &part}))
	}
	m.parts[k].text.WriteString(delta)
	e := ResponseEvent{Type: "response.output_text.delta", ItemID: m.item.ID, OutputIndex: intp(m.index), ContentIndex: intp(k), Delta: &delta, Logprobs: []any{}}
	if typ == "refusal" {
		e.Type, e.Logprobs = "response.refusal.delta", nil
	}
	return append(out, s.event(e))
}

func emptyPart(typ string) OutputContent {
	if typ == "refusal" {
		empty := ""
		return OutputContent{Type: "refusal", Refusal: &empty}
	}
	return outputText("")
}

// call adds to tool call i (of the chat stream), opening its item.
func (s *ResponseStream) call(out [][]byte, i int, id, name, args string) [][]byte {
	c := s.calls[i]
	if c == nil {
		out = s.closeMessage(out)
		if id == "" {
			id = newID("call_")
		}
		empty := ""
		c = s.open(OutputItem{Type: "function_call", ID: newID("fc_"), Status: "in_progress", CallID: id, Name: name, Arguments: &empty})
		s.calls[i] = c
		out = append(out, s.event(ResponseEvent{Type: "response.output_item.added", OutputIndex: intp(c.index), Item: &c.item}))
	}
	if args == "" {
		return out
	}
	c.args.WriteString(args)
	return append(out, s.event(ResponseEvent{Type: "response.function_call_arguments.delta", ItemID: c.item.ID, OutputIndex: intp(c.index), Delta: &args}))
}

func (s *ResponseStream) open(it OutputItem) *streamItem {
	si := &streamItem{item: it, index: len(s.items)}
	s.items = append(s.items, si)
	return si
}

// closeMessage ends the open message: the .done events of its parts and
// of the item.
func (s *ResponseStream) closeMessage(out [][]byte) [][]byte {
	m := s.msg
	if m == nil {
		return out
	}
	s.msg = nil
	for k, p := range m.parts {
		text := p.text.String()
		part := outputText(text)
		e := ResponseEvent{Type: "response.output_text.done", ItemID: m.item.ID, OutputIndex: intp(m.index), ContentIndex: intp(k), Text: &text, Logprobs: []any{}}
		if p.typ == "refusal" {
			part = OutputContent{Type: "refusal", Refusal: &text}
			e = ResponseEvent{Type: "response.refusal.done", ItemID: m.item.ID, OutputIndex: intp(m.index), ContentIndex: intp(k), Refusal: &text}
		}
		m.item.Content = append(m.item.Content, part)
		out = append(out, s.event(e),
			s.event(ResponseEvent{Type: "response.content_part.done", ItemID: m.item.ID, OutputIndex: intp(m.index), ContentIndex: intp(k), Part: &part}))
	}
	m.item.Status = "completed"
	return append(out, s.event(ResponseEvent{Type: "response.output_item.done", OutputIndex: intp(m.index), Item: &m.item}))
}

// End returns the last events once the chat stream has ended; usage is
// the stream's when the chunks did not carry it.
func (s *ResponseStream) End(usage *Usage) [][]byte {
	out := s.closeMessage(nil)
	for _, it := range s.items {
		if it.item.Type != "function_call" {
			continue
		}
		args := it.args.String()
		it.item.Arguments, it.item.Status = &args, "completed"
		out = append(out,
			s.event(ResponseEvent{Type: "response.function_call_arguments.done", ItemID: it.item.ID, OutputIndex: intp(it.index), Name: it.item.Name, Arguments: &args}),
			s.event(ResponseEvent{Type: "response.output_item.done", OutputIndex: intp(it.index), Item: &it.item}))
	}
	finish := s.finish
	if finish == "" {
		finish = "stop"
	}
	r := s.t.object(s.id, s.created, finish)
	for _, it := range s.items {
		r.Output = append(r.Output, it.item)
	}
	if s.usage == nil {
		s.usage = usage
	}
	if s.usage != nil {
		r.Usage = responseUsage(*s.usage)
	}
	typ := "response.completed"
	if r.Status == "incomplete" {
		typ = "response.incomplete"
	}
	return append(out, s.event(ResponseEvent{Type: typ, Response: r}))
}
