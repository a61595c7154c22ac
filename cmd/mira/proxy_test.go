package main

import (
	"bufio"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync/atomic"
	"testing"
	"time"
)

// fakeUpstream is an OpenAI-compatible backend speaking the real wire
// format. Streamed answers wait on release between the first and the
// remaining chunks, so a test can see the first chunk arrive early.
type fakeUpstream struct {
	*httptest.Server
	release   chan struct{}
	auth      atomic.Value // Authorization header seen last
	cancelled chan struct{}
	fail      atomic.Int32 // status to fail with, 0 = answer
}

func newFakeUpstream(t *testing.T) *fakeUpstream {
	u := &fakeUpstream{release: make(chan struct{}), cancelled: make(chan struct{}, 4)}
	u.Server = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		u.auth.Store(r.Header.Get("Authorization"))
		if code := u.fail.Load(); code != 0 {
			w.Header().Set("Content-Type", "application/json")
			w.WriteHeader(int(code))
			fmt.Fprint(w, `{"error":{"message":"secret-internal-detail at 10.1.2.3 key sk-upstream-xyz","type":"server_error"}}`)
			return
		}
		var req struct {
			Model  string `json:"model"`
			Stream bool   `json:"stream"`
		}
		json.NewDecoder(r.Body).Decode(&req)
		w.Header().Set("Set-Cookie", "upstream-session=1")
		w.Header().Set("X-Upstream-Secret", "hush")
		w.Header().Set("Openai-Processing-Ms", "7")
		if !req.Stream {
			w.Header().Set("Content-Type", "application/json")
			fmt.Fprintf(w, `{"id":"chatcmpl-up","object":"chat.completion","created":1,"model":%q,"choices":[{"index":0,"message":{"role":"assistant","content":"from upstream"},"finish_reason":"stop","logprobs":null}],"usage":{"prompt_tokens":11,"completion_tokens":3,"total_tokens":14,"prompt_tokens_details":{"cached_tokens":0}}}`, req.Model)
			return
		}
		w.Header().Set("Content-Type", "text/event-stream")
		fl := w.(http.Flusher)
		chunk := func(content string) {
			fmt.Fprintf(w, "data: {\"id\":\"c\",\"object\":\"chat.completion.chunk\",\"created\":1,\"model\":%q,\"choices\":[{\"index\":0,\"delta\":{\"content\":%q},\"finish_reason\":null}]}\n\n", req.Model, content)
			fl.Flush()
		}
		chunk("first ")
		select {
		case <-u.release:
		case <-r.Context().Done():
			u.cancelled <- struct{}{}
			return
		}
		chunk("second")
		fmt.Fprintf(w, "data: {\"id\":\"c\",\"object\":\"chat.completion.chunk\",\"created\":1,\"model\":%q,\"choices\":[],\"usage\":{\"prompt_tokens\":5,\"completion_tokens\":2,\"total_tokens\":7}}\n\n", req.Model)
		fmt.Fprint(w, "data: [DONE]\n\n")
	}))
	t.Cleanup(u.Close)
	return u
}

func startProxy(t *testing.T) (*testServer, *fakeUpstream, string) {
	up := newFakeUpstream(t)
	cfg := fmt.Sprintf(`providers:
  - name: local-vllm
    type: openai
    base_url: %s/v1
    api_key_env: UPSTREAM_KEY
    models: [llama-test]
`, up.URL)
	// The content filter holds back the start of streamed answers; these
	// tests are about relaying, so it is off here (filter_test.go covers it).
	cfg += "filter: {enabled: false}\n"
	ts := startServer(t, cfg, map[string]string{"UPSTREAM_KEY": "sk-upstream-secret"})
	key, _ := ts.createKey(t)
	return ts, up, key
}

func TestProxyNonStreaming(t *testing.T) {
	ts, up, key := startProxy(t)
	resp, body := ts.do(t, "POST", "/v1/chat/completions", key,
		`{"model":"llama-test","temperature":0.2,"messages":[{"role":"user","content":"hi"}]}`)
	if resp.StatusCode != 200 {
		t.Fatalf("status %d: %s", resp.StatusCode, body)
	}
	if !strings.Contains(body, `"from upstream"`) || !strings.Contains(body, `"cached_tokens":0`) {
		t.Errorf("body %s lost the upstream's answer or its usage details", body)
	}
	if got := up.auth.Load(); got != "Bearer sk-upstream-secret" {
		t.Errorf("upstream saw Authorization %q; want only the upstream key", got)
	}
	for _, h := range []string{"Set-Cookie", "X-Upstream-Secret"} {
		if resp.Header.Get(h) != "" {
			t.Errorf("upstream header %s leaked to the client", h)
		}
	}
	if resp.Header.Get("Openai-Processing-Ms") != "7" {
		t.Errorf("allow-listed header Openai-Processing-Ms missing")
	}
	// mira-echo is off once backends are configured.
	resp, body = ts.do(t, "GET", "/v1/models", key, "")
	if !strings.Contains(body, "llama-test") || strings.Contains(body, "mira-echo") {
		t.Errorf("models %s; want llama-test only", body)
	}

	up.fail.Store(500)
	resp, body = ts.do(t, "POST", "/v1/chat/completions", key, `{"model":"llama-test","messages":[{"role":"user","content":"hi"}]}`)
	checkError(t, resp, body, 502, "upstream_error")
	for _, leak := range []string{"secret-internal-detail", "10.1.2.3", "sk-upstream", "127.0.0.1"} {
		if strings.Contains(body, leak) {
			t.Errorf("error %s leaks %q", body, leak)
		}
	}
	resp, body = ts.do(t, "POST", "/v1/chat/completions", key, `{"model":"llama-test","stream":true,"messages":[{"role":"user","content":"hi"}]}`)
	checkError(t, resp, body, 502, "upstream_error")
}

func TestProxyStreamsAsChunksArrive(t *testing.T) {
	ts, up, key := startProxy(t)
	req, _ := http.NewRequest("POST", ts.URL()+"/v1/chat/completions",
		strings.NewReader(`{"model":"llama-test","stream":true,"stream_options":{"include_usage":true},"messages":[{"role":"user","content":"hi"}]}`))
	req.Header.Set("Authorization", "Bearer "+key)
	resp, err := ts.hc.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	if ct := resp.Header.Get("Content-Type"); ct != "text/event-stream" {
		t.Fatalf("Content-Type %q", ct)
	}
	r := bufio.NewReader(resp.Body)
	first, err := r.ReadString('\n')
	if err != nil {
		t.Fatal(err)
	}
	// The upstream is still holding the rest of its answer.
	if !strings.HasPrefix(first, "data: {") || !strings.Contains(first, `"first "`) {
		t.Fatalf("first line %q; want the first chunk before the upstream finished", first)
	}
	close(up.release)
	rest, _ := io.ReadAll(r)
	all := first + string(rest)
	frames := strings.Split(strings.TrimSuffix(all, "\n\n"), "\n\n")
	for _, f := range frames {
		if !strings.HasPrefix(f, "data: ") {
			t.Errorf("frame %q is not a data frame", f)
		}
	}
	if last := frames[len(frames)-1]; last != "data: [DONE]" {
		t.Errorf("stream ends with %q; want data: [DONE]", last)
	}
	if !strings.Contains(all, `"total_tokens":7`) {
		t.Errorf("usage chunk not passed: %s", all)
	}
}

func TestProxyCancelsUpstreamWhenClientLeaves(t *testing.T) {
	ts, up, key := startProxy(t)
	ctx, cancel := context.WithCancel(context.Background())
	req, _ := http.NewRequestWithContext(ctx, "POST", ts.URL()+"/v1/chat/completions",
		strings.NewReader(`{"model":"llama-test","stream":true,"messages":[{"role":"user","content":"hi"}]}`))
	req.Header.Set("Authorization", "Bearer "+key)
	resp, err := ts.hc.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	bufio.NewReader(resp.Body).ReadString('\n')
	cancel()
	resp.Body.Close()
	select {
	case <-up.cancelled:
	case <-time.After(5 * time.Second):
		t.Fatal("the upstream request was not cancelled after the client left")
	}
}

// TestUpstreamUsageSettled: SPEC's "settled after it with the real usage",
// from outside: the request log holds the tokens the backend reported
// (a usage object with details, and a stream's usage chunk), not Mira's
// estimate.
func TestUpstreamUsageSettled(t *testing.T) {
	ts, up, _ := startProxy(t)
	close(up.release) // the stream does not wait
	key, _ := ts.createKey(t, "--scopes", "chat:write,logs:read")
	for _, body := range []string{
		`{"model":"llama-test","messages":[{"role":"user","content":"hi"}]}`,
		`{"model":"llama-test","stream":true,"stream_options":{"include_usage":true},"messages":[{"role":"user","content":"hi"}]}`,
	} {
		if resp, got := ts.do(t, "POST", "/v1/chat/completions", key, body); resp.StatusCode != 200 {
			t.Fatalf("%s: %d %s", body, resp.StatusCode, got)
		}
	}
	var page struct {
		Data []struct {
			Endpoint         string
			Stream           bool
			PromptTokens     int `json:"prompt_tokens"`
			CompletionTokens int `json:"completion_tokens"`
		}
	}
	json.Unmarshal([]byte(waitLogs(t, ts, key, 2)), &page)
	want := map[bool][2]int{false: {11, 3}, true: {5, 2}} // what the fake upstream reports
	chats := 0
	for _, l := range page.Data {
		if l.Endpoint != "POST /v1/chat/completions" {
			continue // the log queries themselves
		}
		chats++
		if got := [2]int{l.PromptTokens, l.CompletionTokens}; got != want[l.Stream] {
			t.Errorf("stream %v: logged %v tokens; want the backend's %v", l.Stream, got, want[l.Stream])
		}
	}
	if chats != 2 {
		t.Errorf("%d chat entries logged; want 2", chats)
	}
}
