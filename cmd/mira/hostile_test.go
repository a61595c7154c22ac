package main

import (
	"strings"
	"testing"
)

func TestHostileInput(t *testing.T) {
	ts := startServer(t, "", nil)
	key, _ := ts.createKey(t)
	msg := `{"role":"user","content":"hi"}`
	tenK := `{"model":"mira-echo","messages":[` + strings.TrimSuffix(strings.Repeat(msg+",", 10000), ",") + `]}`
	tests := []struct {
		name, body string
		status     int
		code       string
	}{
		{"empty body", "", 400, "invalid_request"},
		{"malformed JSON", `{"model":"mira-echo","messages":[`, 400, "invalid_request"},
		{"not an object", `[1,2,3]`, 400, "invalid_request"},
		{"two objects", `{"model":"mira-echo","messages":[` + msg + `]}{}`, 400, "invalid_request"},
		{"model wrong type", `{"model":42,"messages":[` + msg + `]}`, 400, "invalid_request"},
		{"messages wrong type", `{"model":"mira-echo","messages":"hi"}`, 400, "invalid_request"},
		{"content wrong type", `{"model":"mira-echo","messages":[{"role":"user","content":42}]}`, 400, "invalid_request"},
		{"unknown role", `{"model":"mira-echo","messages":[{"role":"root","content":"hi"}]}`, 400, "invalid_request"},
		{"no model", `{"messages":[` + msg + `]}`, 400, "invalid_request"},
		{"empty messages", `{"model":"mira-echo","messages":[]}`, 400, "invalid_request"},
		{"negative max_tokens", `{"model":"mira-echo","max_tokens":-1,"messages":[` + msg + `]}`, 400, "invalid_request"},
		{"stream_options without stream", `{"model":"mira-echo","stream_options":{"include_usage":true},"messages":[` + msg + `]}`, 400, "invalid_request"},
		{"invalid UTF-8", "{\"model\":\"mira-echo\",\"messages\":[{\"role\":\"user\",\"content\":\"\xff\xfe\"}]}", 400, "invalid_request"},
		{"unknown model", `{"model":"gpt-9","messages":[` + msg + `]}`, 404, "model_not_found"},
		{"10k messages", tenK, 400, "invalid_request"},
		// The server answers 413 before reading such a body and closes the
		// connection, so it comes last.
		{"deep nesting", `{"model":"mira-echo","messages":[{"role":"user","content":"hi","x":` + strings.Repeat("[", 100000) + strings.Repeat("]", 100000) + `}]}`, 200, ""},
		{"huge body", `{"model":"mira-echo","messages":[{"role":"user","content":"` + strings.Repeat("a", 5<<20) + `"}]}`, 413, "request_too_large"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			resp, body := ts.do(t, "POST", "/v1/chat/completions", key, tt.body)
			if tt.status == 200 {
				if resp.StatusCode >= 500 {
					t.Errorf("status %d: %s", resp.StatusCode, body)
				}
				return
			}
			checkError(t, resp, body, tt.status, tt.code)
		})
	}
	if resp, _ := ts.do(t, "GET", "/healthz", "", ""); resp.StatusCode != 200 {
		t.Fatalf("server unhealthy after hostile input: %d", resp.StatusCode)
	}
	// Unknown endpoints and methods answer in the contract's shape too.
	for _, p := range []string{"/v1/nope", "/nope"} {
		resp, body := ts.do(t, "GET", p, key, "")
		checkError(t, resp, body, 404, "not_found")
	}
	resp, body := ts.do(t, "POST", "/v1/models", key, "{}")
	if resp.StatusCode < 400 || resp.StatusCode >= 500 {
		t.Errorf("POST /v1/models: %d %s", resp.StatusCode, body)
	}
}
