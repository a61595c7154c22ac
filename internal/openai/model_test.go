package openai

import (
	"encoding/json"
	"testing"
)

func TestWithModel(t *testing.T) {
	tests := []struct {
		name, raw, model, want string
	}{
		{"compact", `{"model":"chat","messages":[]}`, "llama-3", `{"model":"llama-3","messages":[]}`},
		{"keeps whitespace and order", "{ \"messages\" : [ {\"model\":\"inner\"} ] ,\n  \"model\" :\t\"chat\" , \"n\":2 }", "b",
			"{ \"messages\" : [ {\"model\":\"inner\"} ] ,\n  \"model\" :\t\"b\" , \"n\":2 }"},
		{"escaped name", `{"\u006dodel":"chat","x":1}`, "b", `{"\u006dodel":"b","x":1}`},
		{"value needs escaping", `{"model":"chat"}`, "org/\"m\"\u2028", `{"model":"org/\"m\"\u2028"}`},
		{"path-like model", `{"model":"chat"}`, "/mnt/models/Llama-3.1-8B", `{"model":"/mnt/models/Llama-3.1-8B"}`},
		{"non-string model", `{"model":null,"a":"model"}`, "b", `{"model":"b","a":"model"}`},
		{"leading space", " \n{\"model\":\"a\"} ", "b", " \n{\"model\":\"b\"} "},
	}
	for _, tt := range tests {
		got, err := WithModel([]byte(tt.raw), tt.model)
		if err != nil || string(got) != tt.want {
			t.Errorf("%s: WithModel(%q, %q) = %q, %v; want %q", tt.name, tt.raw, tt.model, got, err, tt.want)
			continue
		}
		var v map[string]any
		if err := json.Unmarshal(got, &v); err != nil || v["model"] != tt.model {
			t.Errorf("%s: result %q decodes to model %v (%v); want %q", tt.name, got, v["model"], err, tt.model)
		}
	}
	for _, bad := range []string{``, `[]`, `{}`, `{"messages":[]}`, `{"model":"a"`, `{"model" "a"}`, `{"model":"a",}`, `"model"`, `{"model":tru}`} {
		if got, err := WithModel([]byte(bad), "b"); err == nil {
			t.Errorf("WithModel(%q) = %q; want an error", bad, got)
		}
	}
}

func FuzzWithModel(f *testing.F) {
	f.Add([]byte(`{"model":"a","messages":[{"role":"user","content":"hi"}]}`), "b")
	f.Add([]byte(`{ "\u006dodel" : "a" }`), "x/y")
	f.Fuzz(func(t *testing.T, raw []byte, model string) {
		got, err := WithModel(raw, model)
		if err != nil {
			return
		}
		var in, out map[string]json.RawMessage
		if json.Unmarshal(raw, &in) != nil || CheckMembers(raw) != nil {
			return // WithModel need not refuse what the server refused earlier
		}
		if err := json.Unmarshal(got, &out); err != nil {
			t.Fatalf("WithModel(%q) = %q: not JSON: %v", raw, got, err)
		}
		var m string
		if json.Unmarshal(out["model"], &m) != nil || (m != model && validUTF8(model)) {
			t.Fatalf("WithModel(%q, %q) = %q: model %s", raw, model, got, out["model"])
		}
		for k, v := range in {
			if k != "model" && string(out[k]) != string(v) {
				t.Fatalf("WithModel(%q) changed %s: %s -> %s", raw, k, v, out[k])
			}
		}
	})
}

func validUTF8(s string) bool {
	for _, r := range s {
		if r == 0xFFFD {
			return false
		}
	}
	return true
}
