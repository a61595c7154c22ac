package screen

import (
	"encoding/json"
	"strconv"
	"strings"

	"github.com/vmira/mira/internal/filter"
)

// ResponseStream screens the events of a streamed response as Stream
// screens chat chunks: the deltas of output text, refusals and function
// call arguments are held back per part until what follows shows them
// safe; a blocked response ends with a response.incomplete event whose
// incomplete_details.reason is "content_filter", and nothing after it.
// Events are renumbered (sequence_number) since held-back deltas are
// merged. Events are read and edited in place (the members the screen
// needs are found by scanning), so what it does not change keeps its
// bytes. A nil ResponseStream passes every event through.
type ResponseStream struct {
	f       *Filter
	parts   map[string]*heldPart // by item id and content index
	order   []string
	head    map[string]json.RawMessage // the response of response.created
	seq     int
	blocked bool
	verdict filter.Verdict
}

// heldPart is the text of one part being held back, and a delta event of
// the part to send released text in.
type heldPart struct {
	check *TextStream
	delta []byte
}

// NewResponseStream returns a screen for one streamed response; nil when
// f is nil.
func (f *Filter) NewResponseStream() *ResponseStream {
	if f == nil {
		return nil
	}
	return &ResponseStream{f: f, parts: map[string]*heldPart{}}
}

// doneText is the member of each .done event holding the whole text.
var doneText = map[string]string{
	"response.output_text.done":             "text",
	"response.refusal.done":                 "refusal",
	"response.function_call_arguments.done": "arguments",
}

// eventView holds the spans of the members of an event the screen reads.
type eventView struct {
	typ, item, content, delta, text [2]int
	response                        [2]int // of response.created
	whole                           [2]int // the part, item or response an event repeats
	seq                             [2]int
}

// view scans the top-level members of the event raw; it reports false when
// raw is not a JSON object.
func view(raw []byte) (eventView, bool) {
	var v eventView
	_, err := scanObject(raw, ws(raw, 0), func(key []byte, at int) (int, error) {
		end, err := skipValue(raw, at)
		span := [2]int{at, end}
		switch k := unquote(key); k {
		case "type":
			v.typ = span
		case "item_id":
			v.item = span
		case "content_index":
			v.content = span
		case "delta":
			v.delta = span
		case "text", "refusal", "arguments":
			v.text = span
		case "response":
			v.response, v.whole = span, span
		case "part", "item":
			v.whole = span
		case "sequence_number":
			v.seq = span
		}
		return end, err
	})
	return v, err == nil
}

func part(raw []byte, span [2]int) []byte { return raw[span[0]:span[1]] }

// Chunk screens one event and returns the events to send now; blocked as
// for Stream.Chunk.
func (s *ResponseStream) Chunk(raw []byte) (events [][]byte, blocked bool) {
	if s == nil {
		return [][]byte{raw}, false
	}
	if s.blocked {
		return nil, true
	}
	v, ok := view(raw)
	if !ok {
		return nil, false // not an event: nothing a client can read
	}
	typ := unquoteSpan(raw, v.typ)
	key := unquoteSpan(raw, v.item) + "/" + string(part(raw, v.content))
	switch {
	case typ == "response.created":
		_ = json.Unmarshal(part(raw, v.response), &s.head)
	case typ == "response.output_text.delta" || typ == "response.refusal.delta" || typ == "response.function_call_arguments.delta":
		p := s.part(key, raw)
		release, blocked := p.check.Write(unquoteSpan(raw, v.delta))
		if blocked {
			return s.stop(p.check), true
		}
		if release == "" {
			return nil, false
		}
		return [][]byte{s.withDelta(raw, v, release)}, false
	case doneText[typ] != "":
		return s.done(typ, key, raw, v)
	case typ == "response.content_part.done" || typ == "response.output_item.done":
		if c := s.checkWhole(wholeText(part(raw, v.whole), typ)); c != nil {
			return s.stop(c), true
		}
	case typ == "response.completed" || typ == "response.incomplete":
		events, blocked = s.End()
		if blocked {
			return events, true
		}
		if c := s.checkWhole(wholeText(part(raw, v.whole), typ)); c != nil {
			return s.stop(c), true
		}
	}
	return append(events, s.number(raw, v)), false
}

// done flushes a part at its .done event, and checks the whole text when
// no delta carried it (or escapes hide some of the arguments).
func (s *ResponseStream) done(typ, key string, raw []byte, v eventView) ([][]byte, bool) {
	text := unquoteSpan(raw, v.text)
	p, streamed := s.parts[key]
	var events [][]byte
	if streamed {
		release, blocked := p.check.Flush()
		if blocked {
			return s.stop(p.check), true
		}
		delete(s.parts, key)
		if release != "" {
			events = append(events, s.released(p, release))
		}
	}
	whole := text
	if typ == "response.function_call_arguments.done" && strings.IndexByte(text, '\\') >= 0 {
		whole += "\n" + jsonStrings(text)
	}
	if c := s.checkWhole(whole); c != nil {
		return s.stop(c), true
	}
	return append(events, s.number(raw, v)), false
}

// checkWhole checks a whole text that .done events, and the final
// response, repeat: what a backend puts there need not be what its
// deltas said. It returns the screen that blocked it, or nil.
func (s *ResponseStream) checkWhole(text string) *TextStream {
	if strings.TrimSpace(text) == "" {
		return nil
	}
	c := s.f.NewTextStream()
	if _, blocked := c.Write(text); blocked {
		return c
	}
	if _, blocked := c.Flush(); blocked {
		return c
	}
	return nil
}

// wholeText returns the generated text an event repeats: the part of a
// content_part.done, the item of an output_item.done, the output of the
// final response (member is that member of the event).
func wholeText(member []byte, typ string) string {
	switch typ {
	case "response.content_part.done":
		var p struct{ Text, Refusal string }
		_ = json.Unmarshal(member, &p)
		return p.Text + "\n" + p.Refusal
	case "response.output_item.done":
		return itemsText([]json.RawMessage{member})
	}
	var r struct {
		Output []json.RawMessage `json:"output"`
	}
	if json.Unmarshal(member, &r) != nil {
		return ""
	}
	return itemsText(r.Output)
}

// End releases what is still held back when the stream ends; blocked as
// for Stream.End.
func (s *ResponseStream) End() (events [][]byte, blocked bool) {
	if s == nil {
		return nil, false
	}
	if s.blocked {
		return nil, true
	}
	for _, key := range s.order {
		p, ok := s.parts[key]
		if !ok {
			continue
		}
		release, blocked := p.check.Flush()
		if blocked {
			return s.stop(p.check), true
		}
		delete(s.parts, key)
		if release != "" {
			events = append(events, s.released(p, release))
		}
	}
	s.order = nil
	return events, false
}

// Verdict returns the verdict that blocked the response (zero until then).
func (s *ResponseStream) Verdict() filter.Verdict {
	if s == nil {
		return filter.Verdict{}
	}
	return s.verdict
}

func (s *ResponseStream) part(key string, raw []byte) *heldPart {
	p, ok := s.parts[key]
	if !ok {
		p = &heldPart{check: s.f.NewTextStream(), delta: raw}
		s.parts[key] = p
		s.order = append(s.order, key)
	}
	return p
}

// released is a delta event of p carrying text.
func (s *ResponseStream) released(p *heldPart, text string) []byte {
	v, _ := view(p.delta)
	return s.withDelta(p.delta, v, text)
}

// withDelta returns the delta event raw with its delta replaced by text,
// numbered.
func (s *ResponseStream) withDelta(raw []byte, v eventView, text string) []byte {
	edits := []edit{{v.delta[0], v.delta[1], appendQuoted(nil, text)}}
	return s.renumber(raw, v, edits)
}

// number returns raw numbered.
func (s *ResponseStream) number(raw []byte, v eventView) []byte {
	return s.renumber(raw, v, nil)
}

// renumber applies edits (one at most, after the sequence number or
// before it) and the next sequence number to raw.
func (s *ResponseStream) renumber(raw []byte, v eventView, edits []edit) []byte {
	n := strconv.AppendInt(nil, int64(s.seq), 10)
	s.seq++
	if v.seq[1] == 0 { // none: add one after the opening brace
		at := ws(raw, 0) + 1
		if ws(raw, at) < len(raw) && raw[ws(raw, at)] != '}' {
			n = append(n, ',')
		}
		edits = append(edits, edit{at, at, append([]byte(`"sequence_number":`), n...)})
	} else {
		edits = append(edits, edit{v.seq[0], v.seq[1], n})
	}
	if len(edits) == 2 && edits[1].start < edits[0].start {
		edits[0], edits[1] = edits[1], edits[0]
	}
	return applyEdits(raw, edits)
}

// stop records the verdict of c and returns the response.incomplete event
// that ends the stream.
func (s *ResponseStream) stop(c *TextStream) [][]byte {
	s.blocked = true
	s.verdict = c.Verdict()
	head := map[string]json.RawMessage{"object": json.RawMessage(`"response"`)}
	for k, v := range s.head {
		head[k] = v
	}
	head["usage"] = json.RawMessage("null")
	b, _ := json.Marshal(map[string]json.RawMessage{"type": json.RawMessage(`"response.incomplete"`), "response": withheldResponse(head)})
	v, _ := view(b)
	return [][]byte{s.number(b, v)}
}

// unquoteSpan decodes the JSON string at span of raw; "" for anything
// else or no span.
func unquoteSpan(raw []byte, span [2]int) string {
	if span[1] == 0 || raw[span[0]] != '"' {
		return ""
	}
	return unquote(raw[span[0]:span[1]])
}
