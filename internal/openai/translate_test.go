package openai

import (
	"encoding/json"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/vmira/mira/internal/mira"
)

func translate(t *testing.T, body string) (*Translation, error) {
	t.Helper()
	req, err := DecodeResponsesRequest([]byte(body), Limits{})
	if err != nil {
		return nil, err
	}
	return ResponsesToChat(req, []byte(body))
}

func TestResponsesToChat(t *testing.T) {
	tests := []struct {
		name, body string
		want       string // the chat request, as JSON
	}{
		{"string input and instructions",
			`{"model":"m","instructions":"be brief","input":"hi","max_output_tokens":50,"temperature":0.2,"metadata":{"k":"v"},"store":false,"x_vendor":{"top_k":5}}`,
			`{"max_tokens":50,"messages":[{"role":"system","content":"be brief"},{"role":"user","content":"hi"}],"model":"m","temperature":0.2,"x_vendor":{"top_k":5}}`},
		{"items, tools, a call and its output",
			`{"model":"m","input":[{"role":"developer","content":"rules"},{"type":"message","role":"user","content":[{"type":"input_text","text":"weather?"},{"type":"input_image","image_url":"https://x.example/a.png","detail":"low"}]},` +
				`{"type":"function_call","call_id":"c1","name":"w","arguments":"{\"q\":1}"},{"type":"function_call_output","call_id":"c1","output":"sunny"}],` +
				`"tools":[{"type":"function","name":"w","description":"weather","parameters":{"type":"object"},"strict":true}],"tool_choice":{"type":"function","name":"w"},"stream":true}`,
			`{"messages":[{"role":"system","content":"rules"},{"role":"user","content":[{"type":"text","text":"weather?"},{"type":"image_url","image_url":{"detail":"low","url":"https://x.example/a.png"}}]},` +
				`{"role":"assistant","content":null,"tool_calls":[{"id":"c1","type":"function","function":{"name":"w","arguments":"{\"q\":1}"}}]},{"role":"tool","content":"sunny","tool_call_id":"c1"}],` +
				`"model":"m","stream":true,"stream_options":{"include_usage":true},"tool_choice":{"function":{"name":"w"},"type":"function"},` +
				`"tools":[{"type":"function","function":{"name":"w","description":"weather","parameters":{"type":"object"},"strict":true}}]}`},
		{"json schema and reasoning effort",
			`{"model":"m","input":"hi","text":{"format":{"type":"json_schema","name":"x","schema":{"type":"object"},"strict":true}},"reasoning":{"effort":"low"}}`,
			`{"messages":[{"role":"user","content":"hi"}],"model":"m","reasoning_effort":"low","response_format":{"json_schema":{"description":"","name":"x","schema":{"type":"object"},"strict":true},"type":"json_schema"}}`},
		{"LangChain's empty text and nulls", `{"model":"m","input":"hi","text":{},"previous_response_id":null,"include":[],"truncation":"disabled"}`,
			`{"messages":[{"role":"user","content":"hi"}],"model":"m"}`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			tr, err := translate(t, tt.body)
			if err != nil {
				t.Fatalf("ResponsesToChat: %v", err)
			}
			if diff := cmp.Diff(tt.want, string(tr.Chat)); diff != "" {
				t.Errorf("chat request (-want +got):\n%s", diff)
			}
		})
	}
}

// TestResponsesToChatRefuses: what chat completions cannot say is refused,
// naming the member, never dropped.
func TestResponsesToChatRefuses(t *testing.T) {
	for _, tt := range []struct{ body, param string }{
		{`{"model":"m","input":"hi","previous_response_id":"resp_1"}`, "previous_response_id"},
		{`{"model":"m","input":"hi","conversation":"conv_1"}`, "conversation"},
		{`{"model":"m","input":"hi","store":true}`, "store"},
		{`{"model":"m","input":"hi","background":true}`, "background"},
		{`{"model":"m","input":"hi","include":["reasoning.encrypted_content"]}`, "include"},
		{`{"model":"m","input":"hi","truncation":"auto"}`, "truncation"},
		{`{"model":"m","input":"hi","n":3}`, "n"},
		{`{"model":"m","input":"hi","tools":[{"type":"file_search"}]}`, "tools[0].type"},
		{`{"model":"m","input":"hi","tool_choice":{"type":"web_search"}}`, "tool_choice"},
		{`{"model":"m","input":"hi","text":{"verbosity":"low"}}`, "text.verbosity"},
		{`{"model":"m","input":"hi","reasoning":{"summary":"auto"}}`, "reasoning.summary"},
		{`{"model":"m","input":[{"type":"reasoning","id":"rs_1","summary":[]}]}`, "input[0].type"},
		{`{"model":"m","input":[{"role":"user","content":[{"type":"input_file","file_id":"f"}]}]}`, "input[0].content[0].type"},
		{`{"model":"m","input":[{"role":"user","content":[{"type":"input_image","file_id":"f"}]}]}`, "input[0].content[0]"},
	} {
		_, err := translate(t, tt.body)
		var e *mira.Error
		if !asError(err, &e) || e.Code != mira.EInvalidRequest || e.Param != tt.param {
			t.Errorf("ResponsesToChat(%s) = %v; want invalid_request on %s", tt.body, err, tt.param)
		}
	}
}

func asError(err error, e **mira.Error) bool {
	m, ok := err.(*mira.Error)
	*e = m
	return ok
}

// TestDecodeResponsesHostile: members a backend could read another way
// than Mira, at any depth of the input, are refused.
func TestDecodeResponsesHostile(t *testing.T) {
	for _, tt := range []struct{ body, param string }{
		{`{"model":"m","input":"a","Input":"b"}`, "Input"},
		{`{"model":"m","input":[{"role":"user","content":"a","Content":"b"}]}`, "input[0].Content"},
		{`{"model":"m","input":[{"role":"user","Content":"b"}]}`, "input[0].Content"},
		{`{"model":"m","input":[{"role":"user","content":[{"type":"input_text","text":"a","TEXT":"b"}]}]}`, "input[0].content[0].TEXT"},
		{`{"model":"m","input":[{"type":"function_call_output","call_id":"c","output":[{"type":"input_text","Text":"b"}]}]}`, "input[0].output[0].Text"},
		{`{"model":"m","input":[{"role":"user","content":"a","role":"system"}]}`, "input[0].role"},
		{`{"model":"m","input":[]}`, "input"},
		{`{"model":"m","input":7}`, "input"},
		{`{"model":"m"}`, "input"},
		{`{"model":"m","input":[{"role":"user","content":[{"text":"no type"}]}]}`, "input[0].content[0].type"},
	} {
		_, err := DecodeResponsesRequest([]byte(tt.body), Limits{})
		var e *mira.Error
		if !asError(err, &e) || e.Code != mira.EInvalidRequest || e.Param != tt.param {
			t.Errorf("DecodeResponsesRequest(%s) = %v; want invalid_request on %s", tt.body, err, tt.param)
		}
	}
}

func TestChatToResponse(t *testing.T) {
	tr, err := translate(t, `{"model":"m","input":"hi","instructions":"be brief","tools":[{"type":"function","name":"w"}]}`)
	if err != nil {
		t.Fatal(err)
	}
	chat := `{"id":"x","object":"chat.completion","created":7,"model":"m","choices":[{"index":0,"message":{"role":"assistant","content":"Hello","refusal":null,` +
		`"tool_calls":[{"id":"c1","type":"function","function":{"name":"w","arguments":"{}"}}]},"finish_reason":"tool_calls"}],"usage":{"prompt_tokens":3,"completion_tokens":5,"total_tokens":8}}`
	b, err := tr.Response([]byte(chat))
	if err != nil {
		t.Fatal(err)
	}
	var r Response
	if err := json.Unmarshal(b, &r); err != nil {
		t.Fatal(err)
	}
	if r.Object != "response" || r.Status != "completed" || r.CreatedAt != 7 || *r.Instructions != "be brief" || !strings.HasPrefix(r.ID, "resp_") ||
		len(r.Output) != 2 || *r.Output[0].Content[0].Text != "Hello" || r.Output[1].Type != "function_call" || r.Output[1].CallID != "c1" ||
		r.Usage.InputTokens != 3 || r.Usage.OutputTokens != 5 || r.Usage.TotalTokens != 8 || string(r.Tools) != `[{"type":"function","name":"w"}]` || r.Store {
		t.Errorf("response %s", b)
	}
	for finish, want := range map[string]string{"length": "max_output_tokens", "content_filter": "content_filter"} {
		b, _ := tr.Response([]byte(`{"created":1,"choices":[{"index":0,"message":{"role":"assistant","content":"x"},"finish_reason":"` + finish + `"}]}`))
		json.Unmarshal(b, &r)
		if r.Status != "incomplete" || r.IncompleteDetails == nil || r.IncompleteDetails.Reason != want {
			t.Errorf("finish %s: %s", finish, b)
		}
	}
	if _, err := tr.Response([]byte(`{"choices":[]}`)); err == nil {
		t.Error("an answer without choices was translated")
	}
}

// TestResponseStream translates a chat stream with text then a tool call
// and checks the events in order.
func TestResponseStream(t *testing.T) {
	tr, err := translate(t, `{"model":"m","input":"hi","stream":true}`)
	if err != nil {
		t.Fatal(err)
	}
	s := tr.NewStream()
	events := s.Start()
	for _, c := range []string{
		`{"choices":[{"index":0,"delta":{"role":"assistant","content":""},"finish_reason":null}]}`,
		`{"choices":[{"index":0,"delta":{"content":"Hel"},"finish_reason":null}]}`,
		`{"choices":[{"index":0,"delta":{"content":"lo"},"finish_reason":null}]}`,
		`{"choices":[{"index":0,"delta":{"tool_calls":[{"index":0,"id":"c1","type":"function","function":{"name":"w","arguments":""}}]},"finish_reason":null}]}`,
		`{"choices":[{"index":0,"delta":{"tool_calls":[{"index":0,"function":{"arguments":"{\"q\":"}}]},"finish_reason":null}]}`,
		`{"choices":[{"index":0,"delta":{"tool_calls":[{"index":0,"function":{"arguments":"1}"}}]},"finish_reason":null}]}`,
		`{"choices":[{"index":0,"delta":{},"finish_reason":"tool_calls"}]}`,
		`{"choices":[],"usage":{"prompt_tokens":2,"completion_tokens":4,"total_tokens":6}}`,
		`not json`,
	} {
		events = append(events, s.Chunk([]byte(c))...)
	}
	events = append(events, s.End(nil)...)
	var got []string
	var text, args string
	var last ResponseEvent
	for i, b := range events {
		var e ResponseEvent
		if err := json.Unmarshal(b, &e); err != nil {
			t.Fatalf("event %s: %v", b, err)
		}
		if e.SequenceNumber != i {
			t.Errorf("event %d numbered %d", i, e.SequenceNumber)
		}
		got = append(got, e.Type)
		switch e.Type {
		case "response.output_text.delta":
			text += *e.Delta
		case "response.function_call_arguments.delta":
			args += *e.Delta
		}
		last = e
	}
	want := []string{"response.created", "response.in_progress",
		"response.output_item.added", "response.content_part.added", "response.output_text.delta", "response.output_text.delta",
		"response.output_text.done", "response.content_part.done", "response.output_item.done",
		"response.output_item.added", "response.function_call_arguments.delta", "response.function_call_arguments.delta",
		"response.function_call_arguments.done", "response.output_item.done", "response.completed"}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("events (-want +got):\n%s", diff)
	}
	r := last.Response
	if text != "Hello" || args != `{"q":1}` || r.Status != "completed" || len(r.Output) != 2 || *r.Output[1].Arguments != `{"q":1}` ||
		r.Output[1].CallID != "c1" || r.Usage == nil || r.Usage.TotalTokens != 6 {
		t.Errorf("text %q, args %q, final %+v", text, args, r)
	}
}

// FuzzResponsesToChat: any body either is refused with an invalid_request
// error or translates to a chat request whose messages carry every text the
// Responses request holds (nothing dropped on the way).
func FuzzResponsesToChat(f *testing.F) {
	for _, s := range []string{
		`{"model":"m","input":"hi"}`,
		`{"model":"m","instructions":"x","input":[{"role":"user","content":[{"type":"input_text","text":"a"}]},{"type":"function_call","call_id":"c","name":"f","arguments":"{}"},{"type":"function_call_output","call_id":"c","output":"b"}]}`,
		`{"model":"m","input":[{"role":"assistant","content":[{"type":"output_text","text":"a"},{"type":"refusal","refusal":"no"}]}],"tools":[{"type":"function","name":"f"}],"tool_choice":"auto"}`,
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, body string) {
		req, err := DecodeResponsesRequest([]byte(body), Limits{})
		if err != nil {
			return
		}
		tr, err := ResponsesToChat(req, []byte(body))
		if err != nil {
			if e, ok := err.(*mira.Error); !ok || e.Code != mira.EInvalidRequest {
				t.Fatalf("ResponsesToChat(%s) = %v; want invalid_request", body, err)
			}
			return
		}
		chat := string(tr.Chat)
		for _, it := range req.Items {
			texts := append([]string{it.Text}, partTexts(it.Parts)...)
			if it.Type == "function_call" {
				texts = []string{it.Arguments, it.Name}
			}
			for _, s := range texts {
				if q, _ := json.Marshal(s); s != "" && !strings.Contains(chat, strings.Trim(string(q), `"`)) {
					t.Fatalf("%q of %s is not in the chat request %s", s, body, chat)
				}
			}
		}
	})
}

func partTexts(parts []ItemPart) []string {
	var out []string
	for _, p := range parts {
		out = append(out, p.Text, p.Refusal)
	}
	return out
}

func TestResponsesItemLimit(t *testing.T) {
	body := `{"model":"m","input":[{"role":"user","content":"a"},{"role":"user","content":"b"}]}`
	if _, err := DecodeResponsesRequest([]byte(body), Limits{MaxMessages: 2}); err != nil {
		t.Errorf("2 items within a limit of 2: %v", err)
	}
	_, err := DecodeResponsesRequest([]byte(body), Limits{MaxMessages: 1})
	if e, ok := err.(*mira.Error); !ok || e.Param != "input" || !strings.Contains(e.Message, "1 to 1 items") {
		t.Errorf("2 items over a limit of 1: %v", err)
	}
}
