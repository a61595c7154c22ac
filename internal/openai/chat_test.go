package openai

import (
	"bytes"
	"encoding/json"
	"strings"
	"testing"

	"github.com/go-json-experiment/json/jsontext"
	"github.com/google/go-cmp/cmp"

	"github.com/vmira/mira/internal/mira"
)

func TestDecodeChatRequest(t *testing.T) {
	req, err := DecodeChatRequest([]byte(`{"model":"m","temperature":0.5,"stream":true,
		"stream_options":{"include_usage":true},"max_tokens":10,
		"messages":[{"role":"system","content":"be brief"},
		{"role":"user","content":[{"type":"text","text":"a"},{"type":"image_url","image_url":{"url":"x"}},{"type":"text","text":"b"}]},
		{"role":"assistant","content":null,"tool_calls":[{"id":"1"}]},
		{"role":"user","content":"last"}]}`), Limits{})
	if err != nil {
		t.Fatal(err)
	}
	if req.Model != "m" || !req.Stream || !req.IncludeUsage() || req.MaxOutputTokens() != 10 {
		t.Errorf("decoded %+v", req)
	}
	if got := req.Messages[1].Content.Text; got != "a\nb" {
		t.Errorf("text of parts = %q; want %q", got, "a\nb")
	}
	if !req.Messages[2].Content.Null {
		t.Error("null content not recognised")
	}
	if got := req.LastUserText(); got != "last" {
		t.Errorf("LastUserText = %q", got)
	}
	if req.PromptTokens() <= 4*len(req.Messages) {
		t.Errorf("PromptTokens = %d; want more than the per-message overhead", req.PromptTokens())
	}
}

func TestDecodeChatRequestErrors(t *testing.T) {
	msg := `{"role":"user","content":"hi"}`
	tests := []struct {
		name, body, param string
	}{
		{"empty", ``, ""},
		{"syntax", `{"model":`, ""},
		{"array", `[]`, ""},
		{"trailing", `{"model":"m","messages":[` + msg + `]} {}`, ""},
		{"model type", `{"model":1,"messages":[` + msg + `]}`, "model"},
		{"model missing", `{"messages":[` + msg + `]}`, "model"},
		{"model too long", `{"model":"` + strings.Repeat("m", 300) + `","messages":[` + msg + `]}`, "model"},
		{"messages type", `{"model":"m","messages":{}}`, "messages"},
		{"messages empty", `{"model":"m","messages":[]}`, "messages"},
		{"role", `{"model":"m","messages":[{"role":"wizard","content":"x"}]}`, "messages[0].role"},
		{"user null content", `{"model":"m","messages":[{"role":"user","content":null}]}`, "messages[0].content"},
		{"content number", `{"model":"m","messages":[{"role":"user","content":5}]}`, "messages"},
		{"part without type", `{"model":"m","messages":[{"role":"user","content":[{"text":"x"}]}]}`, "messages"},
		{"arguments not a string", `{"model":"m","messages":[{"role":"assistant","content":null,"tool_calls":[{"id":"1","type":"function","function":{"name":"f","arguments":{"a":1}}}]}]}`, "messages[0].tool_calls[0].function.arguments"},
		{"tool_calls not an array", `{"model":"m","messages":[{"role":"assistant","content":null,"tool_calls":{"id":"1"}}]}`, "messages[0].tool_calls"},
		{"image_url not an object", `{"model":"m","messages":[{"role":"user","content":[{"type":"image_url","image_url":"https://example.com/a.png"}]}]}`, "messages"},
		{"max_tokens zero", `{"model":"m","max_tokens":0,"messages":[` + msg + `]}`, "max_tokens"},
		{"max_tokens huge", `{"model":"m","max_completion_tokens":99999999,"messages":[` + msg + `]}`, "max_completion_tokens"},
		{"n", `{"model":"m","n":0,"messages":[` + msg + `]}`, "n"},
		{"stream type", `{"model":"m","stream":"yes","messages":[` + msg + `]}`, "stream"},
		{"stream_options alone", `{"model":"m","stream_options":{"include_usage":true},"messages":[` + msg + `]}`, "stream_options"},
		{"invalid utf-8", "{\"model\":\"m\",\"messages\":[{\"role\":\"user\",\"content\":\"\xc3\x28\"}]}", ""},
		{"too many", `{"model":"m","messages":[` + strings.TrimSuffix(strings.Repeat(msg+",", 5), ",") + `]}`, "messages"},
	}
	for _, tt := range tests {
		_, err := DecodeChatRequest([]byte(tt.body), Limits{MaxMessages: 4})
		e, ok := err.(*mira.Error)
		if !ok {
			t.Errorf("%s: err = %v; want *mira.Error", tt.name, err)
			continue
		}
		if e.Code != mira.EInvalidRequest || e.Param != tt.param || e.Message == "" {
			t.Errorf("%s: got code %q param %q (%s); want invalid_request with param %q", tt.name, e.Code, e.Param, e.Message, tt.param)
		}
	}
}

func TestContentRoundTrip(t *testing.T) {
	for _, in := range []string{`"hi"`, `null`, `[{"type":"text","text":"a"}]`} {
		var c Content
		if err := json.Unmarshal([]byte(in), &c); err != nil {
			t.Fatal(err)
		}
		out, _ := json.Marshal(c)
		if diff := cmp.Diff(in, string(out)); diff != "" {
			t.Errorf("round trip (-want +got):\n%s", diff)
		}
	}
}

func FuzzDecodeChatRequest(f *testing.F) {
	f.Add([]byte(`{"model":"m","messages":[{"role":"user","content":"hi"}]}`))
	f.Add([]byte(`{"model":"m","stream":true,"messages":[{"role":"user","content":[{"type":"text","text":"a"}]}]}`))
	f.Add([]byte(`{"model":"m","messages":[{"role":"assistant","content":null}]}`))
	f.Add([]byte(`{"model":"m","messages":[{"role":"user","content":"a","Content":"b"}]}`))
	f.Add([]byte(`{"model":"m","messages":[{"role":"user","content":"a"}],"Messages":[]}`))
	f.Add([]byte(`{"model":"m","messages":[{"ROLE":"system","role":"user","content":"a"}]}`))
	f.Add([]byte(`{"model":"m","messages":[{"role":"user","content":[{"type":"text","Type":"x","text":"a","Text":"b"}]}]}`))
	f.Add([]byte(`{"model":"m","messages":[{"role":"user","\u0063ontent":"a","x":{"k":1,"\u212a":2}}]}`))
	f.Fuzz(func(t *testing.T, body []byte) {
		req, err := DecodeChatRequest(body, Limits{})
		if err != nil {
			if _, ok := err.(*mira.Error); !ok {
				t.Fatalf("error %v is not a *mira.Error", err)
			}
			return
		}
		if req.Model == "" || len(req.Messages) == 0 {
			t.Fatalf("accepted a request without model or messages: %q", body)
		}
		// A backend must read an accepted body as Mira does, whichever
		// duplicate it keeps and however it matches names.
		got := readMessages(req)
		if first := firstKeyMessages(t, body); !cmp.Equal(got, first) {
			t.Fatalf("accepted %q; first-key, case-sensitive reading differs (-mira +first):\n%s", body, cmp.Diff(got, first))
		}
		if last := lastKeyMessages(t, body); !cmp.Equal(got, last) {
			t.Fatalf("accepted %q; encoding/json v1 reading differs (-mira +v1):\n%s", body, cmp.Diff(got, last))
		}
	})
}

// refMessage is what the content filter sees of a message.
type refMessage struct {
	Role, Text string
	Null       bool
}

func readMessages(req *ChatRequest) []refMessage {
	var out []refMessage
	for _, m := range req.Messages {
		out = append(out, refMessage{Role: m.Role, Text: m.Content.Text, Null: m.Content.Null})
	}
	return out
}

// firstKeyMessages reads the messages as a backend that keeps the first of
// duplicate members and matches names case-sensitively would.
func firstKeyMessages(t *testing.T, body []byte) []refMessage {
	dec := jsontext.NewDecoder(bytes.NewReader(body), jsontext.AllowDuplicateNames(true), jsontext.AllowInvalidUTF8(true))
	v, err := readTree(dec)
	if err != nil {
		t.Fatalf("accepted %q that jsontext cannot read: %v", body, err)
	}
	var out []refMessage
	msgs, _ := first(v, "messages").([]any)
	for _, m := range msgs {
		rm := refMessage{}
		rm.Role, _ = first(m, "role").(string)
		switch c := first(m, "content").(type) {
		case nil:
			rm.Null = hasMember(m, "content")
		case string:
			rm.Text = c
		case []any:
			var texts []string
			for _, p := range c {
				if first(p, "type") == "text" {
					text, _ := first(p, "text").(string)
					texts = append(texts, text)
				}
			}
			rm.Text = strings.Join(texts, "\n")
		}
		out = append(out, rm)
	}
	return out
}

// object is a JSON object with its members in order, duplicates kept.
type object []struct {
	name  string
	value any
}

func first(v any, name string) any {
	o, _ := v.(object)
	for _, m := range o {
		if m.name == name {
			return m.value
		}
	}
	return nil
}

func hasMember(v any, name string) bool {
	o, _ := v.(object)
	for _, m := range o {
		if m.name == name {
			return true
		}
	}
	return false
}

func readTree(dec *jsontext.Decoder) (any, error) {
	tok, err := dec.ReadToken()
	if err != nil {
		return nil, err
	}
	switch tok.Kind() {
	case '{':
		var o object
		for dec.PeekKind() != '}' {
			tok, err := dec.ReadToken()
			if err != nil {
				return nil, err
			}
			name := tok.String() // before the next read voids tok
			v, err := readTree(dec)
			if err != nil {
				return nil, err
			}
			o = append(o, struct {
				name  string
				value any
			}{name, v})
		}
		_, err := dec.ReadToken()
		return o, err
	case '[':
		a := []any{}
		for dec.PeekKind() != ']' {
			v, err := readTree(dec)
			if err != nil {
				return nil, err
			}
			a = append(a, v)
		}
		_, err := dec.ReadToken()
		return a, err
	case '"':
		return tok.String(), nil
	case 'n':
		return nil, nil
	}
	return tok.String(), nil // numbers and booleans: the filter reads neither
}

// lastKeyMessages reads the messages as a backend built on encoding/json v1
// would: the last duplicate wins and names match case-insensitively.
func lastKeyMessages(t *testing.T, body []byte) []refMessage {
	var req struct {
		Messages []struct {
			Role    string          `json:"role"`
			Content json.RawMessage `json:"content"`
		} `json:"messages"`
	}
	if err := json.Unmarshal(body, &req); err != nil {
		t.Fatalf("accepted %q that encoding/json cannot read: %v", body, err)
	}
	var out []refMessage
	for _, m := range req.Messages {
		rm := refMessage{Role: m.Role, Null: string(m.Content) == "null"}
		var parts []struct{ Type, Text string }
		if json.Unmarshal(m.Content, &rm.Text) != nil && json.Unmarshal(m.Content, &parts) == nil {
			var texts []string
			for _, p := range parts {
				if p.Type == "text" {
					texts = append(texts, p.Text)
				}
			}
			rm.Text = strings.Join(texts, "\n")
		}
		out = append(out, rm)
	}
	return out
}
