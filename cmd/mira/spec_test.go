package main

import (
	"fmt"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
)

// TestPublicEndpoints: security.txt (RFC 9116) with the disclosure contact,
// health, and an x-request-id on successful responses too.
func TestPublicEndpoints(t *testing.T) {
	ts := startServer(t, "", nil)
	resp, body := ts.do(t, "GET", "/.well-known/security.txt", "", "")
	if resp.StatusCode != 200 || !strings.Contains(body, "Contact: mailto:security@vmira.ai") || !strings.Contains(body, "Expires: ") {
		t.Errorf("security.txt: %d %q", resp.StatusCode, body)
	}
	for _, p := range []string{"/.well-known/security.txt", "/healthz", "/readyz"} {
		resp, _ := ts.do(t, "GET", p, "", "")
		if resp.StatusCode != 200 || resp.Header.Get("X-Request-Id") == "" {
			t.Errorf("GET %s: %d, x-request-id %q", p, resp.StatusCode, resp.Header.Get("X-Request-Id"))
		}
	}
}

// TestStreamFailureMidway: an upstream that fails after the first chunk
// gives the client that chunk, then one error frame, and the stream closes
// without [DONE] (SPEC "Streaming").
func TestStreamFailureMidway(t *testing.T) {
	up := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/event-stream")
		fmt.Fprint(w, "data: {\"id\":\"c\",\"object\":\"chat.completion.chunk\",\"created\":1,\"model\":\"up\",\"choices\":[{\"index\":0,\"delta\":{\"content\":\"partial answer\"},\"finish_reason\":null}]}\n\n")
		fmt.Fprint(w, "data: {\"error\":{\"message\":\"GPU 3 fell over at 10.0.0.7\",\"type\":\"server_error\"}}\n\n")
	}))
	defer up.Close()
	cfg := fmt.Sprintf("providers:\n  - {name: up, type: openai, base_url: %s/v1, models: [up]}\nfilter: {enabled: false}\n", up.URL)
	ts := startServer(t, cfg, nil)
	key, _ := ts.createKey(t)
	resp, body := ts.do(t, "POST", "/v1/chat/completions", key, `{"model":"up","stream":true,"messages":[{"role":"user","content":"hi"}]}`)
	if resp.StatusCode != 200 {
		t.Fatalf("status %d: %s", resp.StatusCode, body)
	}
	frames := strings.Split(strings.TrimSuffix(body, "\n\n"), "\n\n")
	if len(frames) != 2 || !strings.Contains(frames[0], "partial answer") ||
		!strings.HasPrefix(frames[1], `data: {"error":{`) || !strings.Contains(frames[1], `"code":"upstream_error"`) {
		t.Fatalf("frames %q; want the chunk, then one upstream_error frame and no [DONE]", frames)
	}
	if strings.Contains(body, "10.0.0.7") || strings.Contains(body, "GPU") {
		t.Errorf("the upstream's error details reached the client: %s", body)
	}
}
