package client

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"sync/atomic"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/vmira/mira/internal/openai"
)

func TestNewBaseURL(t *testing.T) {
	tests := []struct {
		name    string
		in      string
		want    string
		wantErr string
	}{
		{name: "default", in: "", want: DefaultBaseURL},
		{name: "plain", in: "https://mira.example.com", want: "https://mira.example.com"},
		{name: "trailing slash", in: "https://mira.example.com/", want: "https://mira.example.com"},
		{name: "openai style /v1", in: "https://mira.example.com/v1/", want: "https://mira.example.com"},
		{name: "path prefix", in: "https://example.com/mira", want: "https://example.com/mira"},
		{name: "port", in: "https://127.0.0.1:8443", want: "https://127.0.0.1:8443"},
		{name: "http refused", in: "http://mira.example.com", wantErr: "plain HTTP; Mira accepts only HTTPS"},
		{name: "http loopback refused too", in: "http://127.0.0.1:8080", wantErr: "use https://127.0.0.1:8080"},
		{name: "no scheme", in: "mira.example.com", wantErr: "must start with https://"},
		{name: "other scheme", in: "ftp://mira.example.com", wantErr: "must start with https://"},
		{name: "no host", in: "https:///v1", wantErr: "has no host"},
		{name: "credentials", in: "https://user:secret@mira.example.com", wantErr: "must not hold credentials"},
		{name: "query", in: "https://mira.example.com/?a=b", wantErr: "query or fragment"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var opts []Option
			if tt.in != "" {
				opts = append(opts, WithBaseURL(tt.in))
			}
			c, err := New(opts...)
			if tt.wantErr != "" {
				if err == nil || !strings.Contains(err.Error(), tt.wantErr) {
					t.Fatalf("New(WithBaseURL(%q)) error = %v; want one containing %q", tt.in, err, tt.wantErr)
				}
				if strings.Contains(err.Error(), "secret") {
					t.Errorf("error %q shows the URL's password", err)
				}
				return
			}
			if err != nil {
				t.Fatalf("New(WithBaseURL(%q)): %v", tt.in, err)
			}
			if got := c.BaseURL(); got != tt.want {
				t.Errorf("BaseURL() = %q; want %q", got, tt.want)
			}
		})
	}
}

func TestNewOptionErrors(t *testing.T) {
	tests := []struct {
		name    string
		opt     Option
		wantErr string
	}{
		{"empty key", WithAPIKey(""), "API key is empty"},
		{"key with newline", WithAPIKey(testKey + "\n"), "API key contains whitespace"},
		{"nil bearer func", WithBearerFunc(nil), "nil function"},
		{"negative retries", WithMaxRetries(-1), "must be 0 or more"},
		{"nil pool", WithRootCAs(nil), "nil pool"},
		{"nil http client", WithHTTPClient(nil), "nil client"},
		{"user agent line break", WithUserAgent("x\r\ny"), "line break"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := New(tt.opt)
			if err == nil || !strings.Contains(err.Error(), tt.wantErr) {
				t.Fatalf("New() error = %v; want one containing %q", err, tt.wantErr)
			}
			if strings.Contains(err.Error(), testKey) {
				t.Errorf("error %q contains the key", err)
			}
		})
	}
}

func TestModels(t *testing.T) {
	var got3 guarded[[3]string]
	srv := newTLSServer(t, func(w http.ResponseWriter, r *http.Request) {
		got3.Set([3]string{r.Header.Get("Authorization"), r.Header.Get("User-Agent"), r.Method + " " + r.URL.Path})
		writeJSON(w, openai.ModelList{Object: "list", Data: []openai.Model{
			{ID: "mira-echo", Object: "model", Created: 1700000000, OwnedBy: "mira"},
			{ID: "llama-3", Object: "model", Created: 1700000001, OwnedBy: "vllm"},
		}})
	})
	c, _ := newTestClient(t, srv, WithUserAgent("mira-cli/9.9"))
	got, err := c.Models(context.Background())
	if err != nil {
		t.Fatalf("Models: %v", err)
	}
	want := []Model{
		{ID: "mira-echo", Object: "model", Created: 1700000000, OwnedBy: "mira"},
		{ID: "llama-3", Object: "model", Created: 1700000001, OwnedBy: "vllm"},
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("Models() mismatch (-want +got):\n%s", diff)
	}
	h := got3.Get()
	gotAuth, gotUA, gotPath := h[0], h[1], h[2]
	if want := "Bearer " + testKey; gotAuth != want {
		t.Errorf("Authorization = %q; want %q", gotAuth, want)
	}
	if want := "mira-cli/9.9 mira-go/" + Version; gotUA != want {
		t.Errorf("User-Agent = %q; want %q", gotUA, want)
	}
	if gotPath != "GET /v1/models" {
		t.Errorf("request = %q; want GET /v1/models", gotPath)
	}
}

func TestChatCompletion(t *testing.T) {
	content := "Hello back"
	srv := newTLSServer(t, func(w http.ResponseWriter, r *http.Request) {
		body, _ := io.ReadAll(r.Body)
		// The server's own decoder is the judge of what the client sends.
		req, err := openai.DecodeChatRequest(body, openai.Limits{})
		if err != nil {
			writeError(w, 400, "invalid_request", err.Error())
			return
		}
		if req.Stream || req.StreamOptions != nil || r.Header.Get("Content-Type") != "application/json" {
			writeError(w, 400, "invalid_request", "unexpected stream fields or content type: "+string(body))
			return
		}
		writeJSON(w, openai.ChatCompletion{
			ID: "chatcmpl-1", Object: "chat.completion", Created: 1700000000, Model: req.Model,
			Choices: []openai.Choice{{Index: 0, FinishReason: "stop",
				Message: openai.ResponseMessage{Role: "assistant", Content: &content}}},
			Usage: &openai.Usage{PromptTokens: 5, CompletionTokens: 2, TotalTokens: 7},
		})
	})
	c, _ := newTestClient(t, srv)
	temp := 0.0
	got, err := c.ChatCompletion(context.Background(), ChatRequest{
		Model:         "mira-echo",
		Messages:      []Message{{Role: "system", Content: "Be brief."}, {Role: "user", Content: "Hello"}},
		MaxTokens:     16,
		Temperature:   &temp,
		StreamOptions: &StreamOptions{IncludeUsage: true}, // dropped: not a stream
	})
	if err != nil {
		t.Fatalf("ChatCompletion: %v", err)
	}
	want := &ChatCompletion{
		ID: "chatcmpl-1", Object: "chat.completion", Created: 1700000000, Model: "mira-echo",
		Choices: []Choice{{Index: 0, FinishReason: "stop", Logprobs: json.RawMessage("null"),
			Message: Message{Role: "assistant", Content: "Hello back"}}},
		Usage: &Usage{PromptTokens: 5, CompletionTokens: 2, TotalTokens: 7},
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("ChatCompletion() mismatch (-want +got):\n%s", diff)
	}
}

func TestCredentials(t *testing.T) {
	var auths guarded[[]string]
	srv := newTLSServer(t, func(w http.ResponseWriter, r *http.Request) {
		var n int
		auths.Update(func(a *[]string) { *a = append(*a, r.Header.Get("Authorization")); n = len(*a) })
		if n == 1 {
			w.Header().Set("retry-after-ms", "1")
			writeError(w, 429, "rate_limit_exceeded", "slow down")
			return
		}
		writeJSON(w, map[string]any{"data": []any{}})
	})
	t.Run("bearer func called per attempt", func(t *testing.T) {
		auths.Set(nil)
		var n atomic.Int32
		c, _ := newTestClient(t, srv, WithBearerFunc(func(ctx context.Context) (string, error) {
			return fmt.Sprintf("token-%d", n.Add(1)), nil
		}))
		if _, err := c.Models(context.Background()); err != nil {
			t.Fatalf("Models: %v", err)
		}
		if diff := cmp.Diff([]string{"Bearer token-1", "Bearer token-2"}, auths.Get()); diff != "" {
			t.Errorf("Authorization headers mismatch (-want +got):\n%s", diff)
		}
	})
	t.Run("bearer func error is not retried", func(t *testing.T) {
		auths.Set(nil)
		boom := errors.New("not logged in; run mira auth login")
		c, rec := newTestClient(t, srv, WithBearerFunc(func(ctx context.Context) (string, error) { return "", boom }))
		_, err := c.Models(context.Background())
		if !errors.Is(err, boom) {
			t.Fatalf("Models error = %v; want %v", err, boom)
		}
		if len(auths.Get()) != 0 || len(rec.Sleeps()) != 0 {
			t.Errorf("requests = %d, sleeps = %v; want none", len(auths.Get()), rec.Sleeps())
		}
	})
	t.Run("empty token refused", func(t *testing.T) {
		c, _ := newTestClient(t, srv, WithBearerFunc(func(ctx context.Context) (string, error) { return "", nil }))
		if _, err := c.Models(context.Background()); err == nil || !strings.Contains(err.Error(), "access token is empty") {
			t.Fatalf("Models error = %v; want an empty token error", err)
		}
	})
}

func TestNoCredentials(t *testing.T) {
	var got guarded[[]string]
	srv := newTLSServer(t, func(w http.ResponseWriter, r *http.Request) {
		got.Set(r.Header.Values("Authorization"))
		w.WriteHeader(http.StatusNoContent)
	})
	c, err := New(WithBaseURL(srv.URL), WithRootCAs(newPool(srv)))
	if err != nil {
		t.Fatal(err)
	}
	if err := c.Do(context.Background(), "POST", "/v1/keys/report-leak", map[string]string{"key": "x"}, nil); err != nil {
		t.Fatalf("Do: %v", err)
	}
	if got.Get() != nil {
		t.Errorf("Authorization = %q; want none", got.Get())
	}
}

func TestDo(t *testing.T) {
	type key struct {
		ID   string `json:"id"`
		Name string `json:"name"`
	}
	srv := newTLSServer(t, func(w http.ResponseWriter, r *http.Request) {
		body, _ := io.ReadAll(r.Body)
		switch r.Method + " " + r.URL.Path {
		case "GET /v1/keys":
			writeJSON(w, map[string]any{"data": []key{{ID: "key_1", Name: r.URL.Query().Get("env")}}})
		case "POST /v1/keys":
			var in key
			json.Unmarshal(body, &in)
			writeJSON(w, key{ID: "key_2", Name: in.Name})
		case "DELETE /v1/keys/key_2":
			w.WriteHeader(http.StatusNoContent)
		default:
			writeError(w, 404, "not_found", "no route "+r.Method+" "+r.URL.Path)
		}
	})
	c, _ := newTestClient(t, srv)
	ctx := context.Background()

	var list struct{ Data []key }
	if err := c.Do(ctx, "GET", "/v1/keys?env=production", nil, &list); err != nil {
		t.Fatalf("Do(GET): %v", err)
	}
	if diff := cmp.Diff([]key{{ID: "key_1", Name: "production"}}, list.Data); diff != "" {
		t.Errorf("GET /v1/keys mismatch (-want +got):\n%s", diff)
	}
	var created key
	if err := c.Do(ctx, "POST", "/v1/keys", key{Name: "ci"}, &created); err != nil {
		t.Fatalf("Do(POST): %v", err)
	}
	if diff := cmp.Diff(key{ID: "key_2", Name: "ci"}, created); diff != "" {
		t.Errorf("POST /v1/keys mismatch (-want +got):\n%s", diff)
	}
	var untouched key
	if err := c.Do(ctx, "DELETE", "/v1/keys/key_2", nil, &untouched); err != nil {
		t.Fatalf("Do(DELETE): %v", err)
	}
	err := c.Do(ctx, "GET", "/v1/nothing", nil, nil)
	var apiErr *Error
	if !errors.As(err, &apiErr) || apiErr.StatusCode != 404 || apiErr.Code != CodeNotFound {
		t.Errorf("Do(GET /v1/nothing) = %v; want a 404 not_found *Error", err)
	}

	for _, path := range []string{"v1/keys", "//evil.example.com/v1/keys", "https://evil.example.com/v1/keys"} {
		if err := c.Do(ctx, "GET", path, nil, nil); err == nil || !strings.Contains(err.Error(), "must start with a single /") {
			t.Errorf("Do(GET, %q) = %v; want a path error", path, err)
		}
	}
}

func TestRedirectNotFollowed(t *testing.T) {
	var hits atomic.Int32
	srv := newTLSServer(t, func(w http.ResponseWriter, r *http.Request) {
		hits.Add(1)
		http.Redirect(w, r, "http://elsewhere.example.com/steal", http.StatusFound)
	})
	c, _ := newTestClient(t, srv)
	_, err := c.Models(context.Background())
	var apiErr *Error
	if !errors.As(err, &apiErr) || apiErr.StatusCode != 302 || !strings.Contains(apiErr.Message, "unexpected redirect to http://elsewhere.example.com/steal") {
		t.Fatalf("Models error = %v; want an unexpected redirect *Error", err)
	}
	if hits.Load() != 1 {
		t.Errorf("server hit %d times; want 1", hits.Load())
	}
}

func TestFromEnv(t *testing.T) {
	ca := newTestCA(t)
	caFile := filepath.Join(t.TempDir(), "ca.pem")
	if err := os.WriteFile(caFile, ca.pem, 0o600); err != nil {
		t.Fatal(err)
	}
	var gotAuth guarded[string]
	srv := newServerWithCert(t, ca.serverCert(t), nil, func(w http.ResponseWriter, r *http.Request) {
		gotAuth.Set(r.Header.Get("Authorization"))
		writeJSON(w, map[string]any{"data": []Model{{ID: "mira-echo"}}})
	})
	t.Setenv("MIRA_BASE_URL", srv.URL)
	t.Setenv("MIRA_API_KEY", testKey)
	t.Setenv("MIRA_CA_CERT", caFile)
	t.Setenv("MIRA_DEBUG", "")

	// The stored login comes first, so the environment's key wins.
	c, err := New(WithBearerFunc(func(context.Context) (string, error) { return "login-token", nil }), FromEnv())
	if err != nil {
		t.Fatalf("New(FromEnv()): %v", err)
	}
	if c.BaseURL() != srv.URL {
		t.Errorf("BaseURL() = %q; want %q", c.BaseURL(), srv.URL)
	}
	if _, err := c.Models(context.Background()); err != nil {
		t.Fatalf("Models: %v", err)
	}
	if gotAuth.Get() != "Bearer "+testKey {
		t.Errorf("Authorization = %q; want the MIRA_API_KEY", gotAuth.Get())
	}

	t.Setenv("MIRA_CA_CERT", filepath.Join(t.TempDir(), "missing.pem"))
	if _, err := New(FromEnv()); err == nil || !strings.Contains(err.Error(), "MIRA_CA_CERT") {
		t.Errorf("New(FromEnv()) with a missing CA file = %v; want an error naming MIRA_CA_CERT", err)
	}
	t.Setenv("MIRA_CA_CERT", "")
	t.Setenv("MIRA_BASE_URL", "http://localhost:8443")
	if _, err := New(FromEnv()); err == nil || !strings.Contains(err.Error(), "only HTTPS") {
		t.Errorf("New(FromEnv()) with an http MIRA_BASE_URL = %v; want refusal", err)
	}
}

func TestSecretsNeverShown(t *testing.T) {
	srv := newTLSServer(t, func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("x-request-id", "req_abc")
		// A careless proxy echoing the credential back.
		writeError(w, 401, "invalid_api_key", "invalid key "+testKey+" ("+r.Header.Get("Authorization")+")")
	})
	var debug bytes.Buffer
	c, _ := newTestClient(t, srv, WithDebug(&debug))
	_, err := c.Models(context.Background())
	if err == nil {
		t.Fatal("Models succeeded; want a 401")
	}
	for name, text := range map[string]string{
		"Error()":       err.Error(),
		"%+v of Client": fmt.Sprintf("%+v", c),
		"%#v of Client": fmt.Sprintf("%#v", c),
		"%#v of error":  fmt.Sprintf("%#v", err),
		"debug output":  debug.String(),
	} {
		if strings.Contains(text, testKey) || strings.Contains(text, testKey[12:]) {
			t.Errorf("%s shows the API key: %s", name, text)
		}
	}
	if !strings.Contains(debug.String(), "GET "+srv.URL+"/v1/models: 401 Unauthorized") ||
		!strings.Contains(debug.String(), "[auth "+testKey[:12]+"..."+testKey[len(testKey)-4:]+"]") {
		t.Errorf("debug output = %q; want the request, status and masked key", debug.String())
	}
}
