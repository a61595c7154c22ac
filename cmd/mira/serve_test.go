package main

import (
	"context"
	"crypto/tls"
	"encoding/json"
	"errors"
	"io"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/openai/openai-go/v3"
	"github.com/openai/openai-go/v3/option"
)

// errorShape is the OpenAI error body; every field must be present.
type errorShape struct {
	Error map[string]*json.RawMessage `json:"error"`
}

// checkError asserts an OpenAI-shaped error with the code, and x-request-id.
func checkError(t *testing.T, resp *http.Response, body string, status int, code string) {
	t.Helper()
	if resp.StatusCode != status {
		t.Errorf("status %d; want %d (body %s)", resp.StatusCode, status, body)
	}
	if resp.Header.Get("X-Request-Id") == "" {
		t.Error("no x-request-id header")
	}
	if ct := resp.Header.Get("Content-Type"); ct != "application/json" {
		t.Errorf("Content-Type %q; want application/json", ct)
	}
	var e errorShape
	if err := json.Unmarshal([]byte(body), &e); err != nil {
		t.Fatalf("error body %q is not JSON: %v", body, err)
	}
	for _, f := range []string{"message", "type", "param", "code"} {
		if _, ok := e.Error[f]; !ok {
			t.Errorf("error body %s lacks the field %q", body, f)
		}
	}
	var got string
	if c := e.Error["code"]; c != nil {
		json.Unmarshal(*c, &got)
	}
	if got != code {
		t.Errorf("error code %q; want %q (body %s)", got, code, body)
	}
}

func newOpenAIClient(ts *testServer, key string) openai.Client {
	return openai.NewClient(option.WithBaseURL(ts.URL()+"/v1/"), option.WithAPIKey(key),
		option.WithHTTPClient(ts.hc), option.WithMaxRetries(0))
}

func TestOpenAIGoClient(t *testing.T) {
	ts := startServer(t, "", nil)
	key, _ := ts.createKey(t)
	c := newOpenAIClient(ts, key)
	ctx := context.Background()

	models, err := c.Models.List(ctx)
	if err != nil {
		t.Fatalf("Models.List: %v", err)
	}
	if len(models.Data) != 1 || models.Data[0].ID != "mira-echo" {
		t.Errorf("models = %+v; want just mira-echo", models.Data)
	}

	// Long enough to stream in several pieces past the content filter's hold-back.
	prompt := "Say hello to the gateway, please, and then tell me about the weather in Lisbon, the trams on its hills, and the pastries by the river."
	params := openai.ChatCompletionNewParams{
		Model:    "mira-echo",
		Messages: []openai.ChatCompletionMessageParamUnion{openai.SystemMessage("be brief"), openai.UserMessage(prompt)},
	}
	resp, err := c.Chat.Completions.New(ctx, params)
	if err != nil {
		t.Fatalf("Chat.Completions.New: %v", err)
	}
	if got := resp.Choices[0].Message.Content; got != prompt {
		t.Errorf("answer %q; want the echo %q", got, prompt)
	}
	if resp.Usage.CompletionTokens == 0 || resp.Usage.TotalTokens != resp.Usage.PromptTokens+resp.Usage.CompletionTokens {
		t.Errorf("usage %+v is not consistent", resp.Usage)
	}

	params.StreamOptions = openai.ChatCompletionStreamOptionsParam{IncludeUsage: openai.Bool(true)}
	stream := c.Chat.Completions.NewStreaming(ctx, params)
	var text strings.Builder
	pieces, usage := 0, int64(0)
	for stream.Next() {
		ch := stream.Current()
		for _, choice := range ch.Choices {
			text.WriteString(choice.Delta.Content)
			if choice.Delta.Content != "" {
				pieces++
			}
		}
		if ch.Usage.TotalTokens > 0 {
			usage = ch.Usage.TotalTokens
		}
	}
	if err := stream.Err(); err != nil {
		t.Fatalf("stream: %v", err)
	}
	if text.String() != prompt {
		t.Errorf("streamed %q; want %q", text.String(), prompt)
	}
	// The filter releases the first words once the hold-back is judged and
	// the rest in batches; the echo model answers at once, so the rest is
	// one batch.
	if pieces < 2 || usage == 0 {
		t.Errorf("got the text in %d chunks and usage %d; want it in several chunks and a usage chunk", pieces, usage)
	}

	// Errors parse into openai-go's error type with our codes.
	bad := newOpenAIClient(ts, "sk-mira-"+strings.Repeat("x", 48))
	_, err = bad.Chat.Completions.New(ctx, params)
	var apiErr *openai.Error
	if !errors.As(err, &apiErr) || apiErr.StatusCode != 401 || apiErr.Code != "invalid_api_key" {
		t.Errorf("bad key: err = %v; want a 401 openai.Error with code invalid_api_key", err)
	}
	readOnly, _ := ts.createKey(t, "--scopes", "models:read")
	ro := newOpenAIClient(ts, readOnly)
	_, err = ro.Chat.Completions.New(ctx, params)
	if !errors.As(err, &apiErr) || apiErr.StatusCode != 403 || apiErr.Code != "insufficient_scope" {
		t.Errorf("models:read key: err = %v; want a 403 openai.Error with code insufficient_scope", err)
	}
}

func TestKeyChecks(t *testing.T) {
	ts := startServer(t, "", nil)
	good, goodID := ts.createKey(t)
	onlyOther, _ := ts.createKey(t, "--models", "gpt-4o")
	farAway, _ := ts.createKey(t, "--cidrs", "10.0.0.0/8,192.0.2.7")
	nearby, _ := ts.createKey(t, "--cidrs", "127.0.0.0/8")
	body := `{"model":"mira-echo","messages":[{"role":"user","content":"hi"}]}`

	tests := []struct {
		name   string
		key    string
		status int
		code   string
	}{
		{"no key", "", 401, "invalid_api_key"},
		{"malformed", "sk-mira-short", 401, "invalid_api_key"},
		{"bad checksum", good[:len(good)-1] + flipChar(good[len(good)-1]), 401, "invalid_api_key"},
		{"other model only", onlyOther, 403, "model_not_allowed"},
		{"wrong network", farAway, 403, "ip_not_allowed"},
		{"allowed network", nearby, 200, ""},
		{"good", good, 200, ""},
	}
	for _, tt := range tests {
		resp, b := ts.do(t, "POST", "/v1/chat/completions", tt.key, body)
		if tt.status == 200 {
			if resp.StatusCode != 200 {
				t.Errorf("%s: status %d: %s", tt.name, resp.StatusCode, b)
			}
			continue
		}
		t.Run(tt.name, func(t *testing.T) { checkError(t, resp, b, tt.status, tt.code) })
	}

	// Revoking offline while the server runs takes effect within the
	// revocation poll (1 s), and is reported as key_revoked.
	if _, stderr, code := ts.mira(t, "", "admin", "key", "revoke", "--yes", goodID); code != 0 {
		t.Fatalf("revoke: %s", stderr)
	}
	deadline := time.Now().Add(3 * time.Second)
	for {
		resp, b := ts.do(t, "POST", "/v1/chat/completions", good, body)
		if resp.StatusCode == 401 {
			checkError(t, resp, b, 401, "key_revoked")
			break
		}
		if time.Now().After(deadline) {
			t.Fatalf("revoked key still accepted after 3 s: %d", resp.StatusCode)
		}
		time.Sleep(50 * time.Millisecond)
	}

	expiring, _ := ts.createKey(t, "--expires", "2s")
	if resp, b := ts.do(t, "GET", "/v1/models", expiring, ""); resp.StatusCode != 200 {
		t.Fatalf("fresh key: %d %s", resp.StatusCode, b)
	}
	time.Sleep(2100 * time.Millisecond)
	resp, b := ts.do(t, "GET", "/v1/models", expiring, "")
	checkError(t, resp, b, 401, "key_expired")
}

func flipChar(c byte) string {
	if c == 'a' {
		return "b"
	}
	return "a"
}

func TestBrowserRequestsRejected(t *testing.T) {
	ts := startServer(t, "", nil)
	key, _ := ts.createKey(t)
	body := `{"model":"mira-echo","messages":[{"role":"user","content":"hi"}]}`
	resp, b := ts.do(t, "POST", "/v1/chat/completions", key, body, "Origin", "https://evil.example")
	checkError(t, resp, b, 403, "browser_request_rejected")
	resp, b = ts.do(t, "POST", "/v1/chat/completions", key, body, "Sec-Fetch-Mode", "cors", "Sec-Fetch-Site", "same-origin")
	checkError(t, resp, b, 403, "browser_request_rejected")
	// Node's fetch sends Sec-Fetch-Mode: cors from servers too, without a site.
	if resp, b = ts.do(t, "POST", "/v1/chat/completions", key, body, "Sec-Fetch-Mode", "cors"); resp.StatusCode != 200 {
		t.Errorf("server-side Node-style request refused: %d %s", resp.StatusCode, b)
	}
	resp, b = ts.do(t, "OPTIONS", "/v1/chat/completions", "", "",
		"Origin", "https://app.example", "Access-Control-Request-Method", "POST", "Access-Control-Request-Headers", "authorization")
	checkError(t, resp, b, 403, "browser_request_rejected")
	for h := range resp.Header {
		if strings.HasPrefix(strings.ToLower(h), "access-control-") {
			t.Errorf("preflight answered with %s", h)
		}
	}
}

func TestTLSOnlyModern(t *testing.T) {
	ts := startServer(t, "", nil)
	pool := caPool(t, ts.CAPath)
	dial := func(c *tls.Config) error {
		c.RootCAs, c.ServerName = pool, "localhost"
		conn, err := tls.Dial("tcp", ts.Addr, c)
		if err == nil {
			conn.Close()
		}
		return err
	}
	if err := dial(&tls.Config{MinVersion: tls.VersionTLS10, MaxVersion: tls.VersionTLS11}); err == nil {
		t.Error("a TLS 1.1 handshake succeeded")
	}
	if err := dial(&tls.Config{MaxVersion: tls.VersionTLS12, CipherSuites: []uint16{
		tls.TLS_ECDHE_ECDSA_WITH_AES_128_CBC_SHA, tls.TLS_ECDHE_RSA_WITH_AES_128_CBC_SHA,
		tls.TLS_ECDHE_ECDSA_WITH_AES_256_CBC_SHA, tls.TLS_ECDHE_RSA_WITH_AES_128_CBC_SHA256}}); err == nil {
		t.Error("a TLS 1.2 handshake with only CBC suites succeeded")
	}
	if err := dial(&tls.Config{MaxVersion: tls.VersionTLS12}); err != nil {
		t.Errorf("TLS 1.2 with AEAD suites: %v", err)
	}
	if err := dial(&tls.Config{MinVersion: tls.VersionTLS13}); err != nil {
		t.Errorf("TLS 1.3: %v", err)
	}
	resp, _ := ts.do(t, "GET", "/healthz", "", "")
	if got := resp.Header.Get("Strict-Transport-Security"); got != "max-age=63072000" {
		t.Errorf("HSTS %q; want max-age=63072000", got)
	}
}

func TestPlainHTTPRevokesKey(t *testing.T) {
	ts := startServer(t, "", nil)
	key, id := ts.createKey(t)
	bystander, _ := ts.createKey(t)
	req, _ := http.NewRequest("POST", "http://"+ts.HTTPAddr+"/v1/chat/completions",
		strings.NewReader(`{"model":"mira-echo","messages":[{"role":"user","content":"hi"}]}`))
	req.Header.Set("Authorization", "Bearer "+key)
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	b, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	checkError(t, resp, string(b), 403, "https_required")

	// Plain requests without a key are rejected the same way.
	resp2, err := http.Get("http://" + ts.HTTPAddr + "/healthz")
	if err != nil {
		t.Fatal(err)
	}
	b2, _ := io.ReadAll(resp2.Body)
	resp2.Body.Close()
	checkError(t, resp2, string(b2), 403, "https_required")

	r, body := ts.do(t, "GET", "/v1/models", key, "")
	checkError(t, r, body, 401, "key_revoked")
	if r, body := ts.do(t, "GET", "/v1/models", bystander, ""); r.StatusCode != 200 {
		t.Errorf("another key stopped working: %d %s", r.StatusCode, body)
	}
	out, _, code := ts.mira(t, "", "admin", "key", "list", "--email", "dev@example.com", "--json")
	if code != 0 {
		t.Fatal("admin key list failed")
	}
	var rows []struct {
		ID        string
		State     string
		Exposures []struct {
			Source   string
			ClientIP string `json:"client_ip"`
		}
	}
	json.Unmarshal([]byte(out), &rows)
	found := false
	for _, r := range rows {
		if r.ID == id {
			found = true
			if r.State != "revoked" || len(r.Exposures) != 1 || r.Exposures[0].Source != "plain_http" || r.Exposures[0].ClientIP != "127.0.0.1" {
				t.Errorf("exposed key listed as %+v; want revoked with one plain_http exposure from 127.0.0.1", r)
			}
		}
	}
	if !found {
		t.Errorf("key %s not listed: %s", id, out)
	}
}

func TestPlainHTTPPolicyOff(t *testing.T) {
	ts := startServer(t, "", map[string]string{"MIRA_REVOKE_EXPOSED_KEYS": "false"})
	key, _ := ts.createKey(t)
	req, _ := http.NewRequest("GET", "http://"+ts.HTTPAddr+"/v1/models?api_key="+key, nil)
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != 403 {
		t.Fatalf("plain status %d", resp.StatusCode)
	}
	if r, body := ts.do(t, "GET", "/v1/models", key, ""); r.StatusCode != 200 {
		t.Errorf("with revoke_exposed_keys off the key must keep working: %d %s", r.StatusCode, body)
	}
	out, _, _ := ts.mira(t, "", "admin", "key", "list", "--email", "dev@example.com", "--json")
	if !strings.Contains(out, `"source":"plain_http"`) {
		t.Errorf("the exposure was not recorded: %s", out)
	}
}

// TestNoRawKeyAtRest uses keys in every way (success, errors, streaming,
// plain HTTP, bad checksum) and then searches the data directory and the
// server's logs for the raw key strings.
func TestNoRawKeyAtRest(t *testing.T) {
	ts := startServer(t, "", nil)
	key, _ := ts.createKey(t)
	exposed, _ := ts.createKey(t)
	body := `{"model":"mira-echo","messages":[{"role":"user","content":"hi"}]}`
	ts.do(t, "POST", "/v1/chat/completions", key, body)
	ts.do(t, "POST", "/v1/chat/completions", key, `{"model":"mira-echo","stream":true,"messages":[{"role":"user","content":"hi there"}]}`)
	ts.do(t, "POST", "/v1/chat/completions", key, `{"model":"nope","messages":[{"role":"user","content":"hi"}]}`)
	ts.do(t, "GET", "/v1/"+key, key, "")
	ts.do(t, "POST", "/v1/chat/completions", key[:len(key)-1]+"Q", body)
	ts.do(t, "POST", "/v1/chat/completions", key, body, "Origin", "https://x.example")
	req, _ := http.NewRequest("POST", "http://"+ts.HTTPAddr+"/v1/chat/completions?key="+exposed, strings.NewReader(body))
	req.Header.Set("Authorization", "Bearer "+exposed)
	if resp, err := http.DefaultClient.Do(req); err == nil {
		resp.Body.Close()
	}
	time.Sleep(5500 * time.Millisecond) // let the batched last-used write happen
	ts.Close()

	secrets := []string{key, exposed, key[8:52], exposed[8:52]}
	filepath.WalkDir(ts.dataDir, func(path string, d os.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		b, err := os.ReadFile(path)
		if err != nil {
			t.Fatal(err)
		}
		for _, s := range secrets {
			if strings.Contains(string(b), s) {
				t.Errorf("%s contains a raw key", path)
			}
		}
		return nil
	})
	logs := ts.logs.String()
	if !strings.Contains(logs, `"path":"/v1/sk-mira-`) {
		t.Errorf("the access log lacks the request whose path held a key; logs:\n%s", logs)
	}
	for _, s := range secrets {
		if strings.Contains(logs, s) {
			t.Errorf("the server log contains a raw key")
		}
	}
}
