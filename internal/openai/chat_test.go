package openai

import (
	"encoding/json"
	"strings"
	"testing"

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
	})
}
