package screen

import (
	"context"
	"encoding/json"
	"slices"
	"strconv"
	"strings"

	"github.com/vmira/mira/internal/filter"
	"github.com/vmira/mira/internal/openai"
)

// ResponseTexts returns, in request order, every text of a Responses API
// request that a model reads, as ChatTexts does for chat: the
// instructions; the input string, or of each item: a message's content
// (text and refusal parts, and what an image URL says), a function call's
// name and arguments (their strings decoded when escapes hide them), a
// function's output (a tool result), and of any other item every string
// it holds. What users, tools and the operator wrote is marked Sensitive;
// the model's earlier answers and calls are not.
func ResponseTexts(req *openai.ResponsesRequest) []Text {
	var texts []Text
	if req.Instructions != nil {
		texts = append(texts, Text{Path: []string{"instructions"}, Text: *req.Instructions, Sensitive: true, System: true})
	}
	if req.Items == nil {
		return append(texts, Text{Path: []string{"input"}, Text: req.Text, Sensitive: true})
	}
	for i := range req.Items {
		it := &req.Items[i]
		at := []string{"input", strconv.Itoa(i)}
		switch {
		case it.IsMessage():
			texts = itemTexts(texts, it, append(at, "content"), it.Role != "assistant", it.Role == "system" || it.Role == "developer")
		case it.Type == "function_call":
			texts = append(texts, Text{Text: it.Name}, Text{Path: append(at, "arguments"), Text: it.Arguments})
			if strings.IndexByte(it.Arguments, '\\') >= 0 {
				texts = append(texts, Text{Text: jsonStrings(it.Arguments)})
			}
		case it.Type == "function_call_output":
			texts = itemTexts(texts, it, append(at, "output"), true, false)
		default:
			texts = append(texts, Text{Text: jsonStrings(string(it.Raw))})
		}
	}
	return texts
}

// itemTexts adds the texts of an item's content (or output) at path.
func itemTexts(texts []Text, it *openai.InputItem, path []string, sensitive, system bool) []Text {
	if it.Parts == nil {
		return append(texts, Text{Path: slices.Clone(path), Text: it.Text, Sensitive: sensitive, System: system})
	}
	for j, p := range it.Parts {
		at := append(slices.Clone(path), strconv.Itoa(j))
		if p.Text != "" {
			texts = append(texts, Text{Path: append(at, "text"), Text: p.Text, Sensitive: sensitive, System: system})
		}
		if p.Refusal != "" {
			texts = append(texts, Text{Path: append(slices.Clone(at), "refusal"), Text: p.Refusal, System: system})
		}
		for _, u := range appendURLTexts(nil, p.ImageURL) {
			texts = append(texts, Text{Text: u, System: system})
		}
		for _, s := range []string{p.Filename, p.FileURL} {
			if s != "" {
				texts = append(texts, Text{Text: s, System: system})
			}
		}
	}
	return texts
}

// responseOutput is a response object's output as the output step reads it.
type responseOutput struct {
	Output []struct {
		Type      string `json:"type"`
		Name      string `json:"name"`
		Arguments string `json:"arguments"`
		Content   []struct {
			Text    string `json:"text"`
			Refusal string `json:"refusal"`
		} `json:"content"`
	} `json:"output"`
}

// ResponseOutput checks a non-streamed response object: the text of its
// messages and the names and arguments of its function calls, and every
// string of other output items. A blocked response loses its output and
// becomes incomplete, incomplete_details.reason "content_filter".
func (f *Filter) ResponseOutput(ctx context.Context, body []byte) ([]byte, filter.Verdict) {
	if f == nil {
		return body, filter.Verdict{}
	}
	var r responseOutput
	var raw struct {
		Output []json.RawMessage `json:"output"`
	}
	if json.Unmarshal(body, &r) != nil || json.Unmarshal(body, &raw) != nil {
		return body, filter.Verdict{}
	}
	var text strings.Builder
	for i, it := range r.Output {
		switch it.Type {
		case "message":
			for _, c := range it.Content {
				text.WriteString(c.Text + "\n" + c.Refusal + "\n")
			}
		case "function_call":
			text.WriteString(it.Name + "\n" + it.Arguments + "\n" + jsonStrings(it.Arguments) + "\n")
		default:
			text.WriteString(jsonStrings(string(raw.Output[i])) + "\n")
		}
	}
	v := f.Check(ctx, text.String(), Output)
	if !v.Blocked {
		return body, v
	}
	var full map[string]json.RawMessage
	if json.Unmarshal(body, &full) != nil {
		return []byte(`{"object":"response","status":"incomplete","incomplete_details":{"reason":"content_filter"},"output":[]}`), v
	}
	return withheldResponse(full), v
}

// withheldResponse returns the response object without its output,
// incomplete for content_filter.
func withheldResponse(full map[string]json.RawMessage) []byte {
	full["status"] = json.RawMessage(`"incomplete"`)
	full["incomplete_details"] = json.RawMessage(`{"reason":"content_filter"}`)
	full["output"] = json.RawMessage("[]")
	delete(full, "output_text")
	b, _ := json.Marshal(full)
	return b
}

// ResponseStream screens the events of a streamed response as Stream
// screens chat chunks: the deltas of output text, refusals and function
// call arguments are held back per part until what follows shows them
// safe; a blocked response ends with a response.incomplete event whose
// incomplete_details.reason is "content_filter", and nothing after it.
// Events are renumbered (sequence_number) since held-back deltas are
// merged. A nil ResponseStream passes every event through.
type ResponseStream struct {
	f       *filter.Filter
	parts   map[string]*heldPart // by item id and content index
	order   []string
	head    map[string]json.RawMessage // the response of response.created
	seq     int
	blocked bool
	verdict filter.Verdict
}

// heldPart is the text of one part being held back, and how to say it.
type heldPart struct {
	check *filter.StreamChecker
	delta map[string]json.RawMessage // a delta event of the part, to send released text in
}

// NewResponseStream returns a screen for one streamed response; nil when
// f is nil.
func (f *Filter) NewResponseStream() *ResponseStream {
	if f == nil {
		return nil
	}
	return &ResponseStream{f: f.local, parts: map[string]*heldPart{}}
}

// deltaOf is the delta event type of each .done event.
var deltaOf = map[string]string{
	"response.output_text.done":             "response.output_text.delta",
	"response.refusal.done":                 "response.refusal.delta",
	"response.function_call_arguments.done": "response.function_call_arguments.delta",
}

// doneText is the member of each .done event holding the whole text.
var doneText = map[string]string{
	"response.output_text.done":             "text",
	"response.refusal.done":                 "refusal",
	"response.function_call_arguments.done": "arguments",
}

// Chunk screens one event and returns the events to send now; blocked as
// for Stream.Chunk.
func (s *ResponseStream) Chunk(raw []byte) (events [][]byte, blocked bool) {
	if s == nil {
		return [][]byte{raw}, false
	}
	if s.blocked {
		return nil, true
	}
	var ev map[string]json.RawMessage
	if json.Unmarshal(raw, &ev) != nil {
		return nil, false // not an event: nothing a client can read
	}
	typ := str(ev["type"])
	key := str(ev["item_id"]) + "/" + string(ev["content_index"])
	switch {
	case typ == "response.created":
		_ = json.Unmarshal(ev["response"], &s.head)
	case slices.Contains([]string{"response.output_text.delta", "response.refusal.delta", "response.function_call_arguments.delta"}, typ):
		p := s.part(key, ev)
		release, blocked := p.check.Write(str(ev["delta"]))
		if blocked {
			return s.stop(p.check), true
		}
		if release == "" {
			return nil, false
		}
		ev["delta"], _ = json.Marshal(release)
	case doneText[typ] != "":
		return s.done(typ, key, ev)
	case typ == "response.completed" || typ == "response.incomplete":
		events, blocked = s.End()
		if blocked {
			return events, true
		}
	}
	return append(events, s.number(ev)), false
}

// done flushes a part at its .done event, and checks the whole text when
// no delta carried it.
func (s *ResponseStream) done(typ, key string, ev map[string]json.RawMessage) ([][]byte, bool) {
	text := str(ev[doneText[typ]])
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
	if !streamed || whole != text {
		c := s.f.NewStream()
		if _, blocked := c.Write(whole); blocked {
			return s.stop(c), true
		}
		if _, blocked := c.Flush(); blocked {
			return s.stop(c), true
		}
	}
	return append(events, s.number(ev)), false
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

func (s *ResponseStream) part(key string, ev map[string]json.RawMessage) *heldPart {
	p, ok := s.parts[key]
	if !ok {
		tmpl := map[string]json.RawMessage{}
		for k, v := range ev {
			tmpl[k] = v
		}
		p = &heldPart{check: s.f.NewStream(), delta: tmpl}
		s.parts[key] = p
		s.order = append(s.order, key)
	}
	return p
}

// released is a delta event of p carrying text.
func (s *ResponseStream) released(p *heldPart, text string) []byte {
	ev := map[string]json.RawMessage{}
	for k, v := range p.delta {
		ev[k] = v
	}
	ev["delta"], _ = json.Marshal(text)
	return s.number(ev)
}

func (s *ResponseStream) number(ev map[string]json.RawMessage) []byte {
	ev["sequence_number"] = json.RawMessage(strconv.Itoa(s.seq))
	s.seq++
	b, _ := json.Marshal(ev)
	return b
}

// stop records the verdict of c and returns the response.incomplete event
// that ends the stream.
func (s *ResponseStream) stop(c *filter.StreamChecker) [][]byte {
	s.blocked = true
	s.verdict = c.Verdict()
	head := map[string]json.RawMessage{"object": json.RawMessage(`"response"`)}
	for k, v := range s.head {
		head[k] = v
	}
	head["usage"] = json.RawMessage("null")
	resp := withheldResponse(head)
	return [][]byte{s.number(map[string]json.RawMessage{"type": json.RawMessage(`"response.incomplete"`), "response": resp})}
}

// str decodes a JSON string, "" for anything else.
func str(raw json.RawMessage) string {
	var s string
	_ = json.Unmarshal(raw, &s)
	return s
}
