package main

import (
	"context"
	"crypto/tls"
	"encoding/json"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"
)

// adminGet fetches a path of the test server's admin listener.
func adminGet(t *testing.T, ts *testServer, path string) (int, string) {
	t.Helper()
	if ts.AdminAddr == "" {
		t.Fatal("the admin listener is not running")
	}
	resp, err := http.Get("http://" + ts.AdminAddr + path)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	return resp.StatusCode, string(b)
}

// TestAdminListenerOnly: /metrics and pprof are served by the admin
// listener and never by the public one; the admin listener serves nothing
// of the public API (SPEC "Admin listener").
func TestAdminListenerOnly(t *testing.T) {
	ts := startServer(t, "", nil)
	key, _ := ts.createKey(t)
	for _, p := range []string{"/metrics", "/debug/pprof/", "/debug/pprof/heap", "/debug/pprof/cmdline"} {
		if resp, _ := ts.do(t, "GET", p, key, ""); resp.StatusCode != http.StatusNotFound {
			t.Errorf("public GET %s: %d; want 404", p, resp.StatusCode)
		}
	}
	tests := []struct {
		path string
		want int
	}{
		{"/metrics", 200}, {"/debug/pprof/", 200}, {"/debug/pprof/goroutine?debug=1", 200}, {"/healthz", 200}, {"/readyz", 200},
		{"/v1/models", 404}, {"/v1/chat/completions", 404}, {"/dashboard/", 404}, {"/oauth/device", 404}, {"/.well-known/security.txt", 404},
	}
	for _, tt := range tests {
		if code, body := adminGet(t, ts, tt.path); code != tt.want {
			t.Errorf("admin GET %s: %d; want %d (%.200s)", tt.path, code, tt.want, body)
		}
	}
}

// TestAdminMetricsAfterRequests: a chat request shows in
// mira_requests_total with route, status and model; no key, key id or
// address appears anywhere in the exposition.
func TestAdminMetricsAfterRequests(t *testing.T) {
	ts := startServer(t, "", nil)
	key, id := ts.createKey(t)
	if resp, body := ts.do(t, "POST", "/v1/chat/completions", key, echoBody); resp.StatusCode != 200 {
		t.Fatalf("chat: %d %s", resp.StatusCode, body)
	}
	ts.do(t, "POST", "/v1/chat/completions", "sk-mira-not-a-real-key-0000000000000000", echoBody)
	_, exp := adminGet(t, ts, "/metrics")
	for _, want := range []string{
		`mira_requests_total{model="mira-echo",route="POST /v1/chat/completions",status="200"} 1`,
		`mira_request_duration_seconds_bucket{model="mira-echo",route="POST /v1/chat/completions",le=`,
		`mira_tokens_total{kind="completion",model="mira-echo"}`,
		`mira_auth_failures_total{reason="invalid_api_key"} 1`,
		`mira_upstream_duration_seconds_count{backend="mira"} 1`,
		`mira_request_log_queue_depth `,
		`mira_request_log_dropped_total 0`,
		`mira_dependency_up{dependency="database"} 1`,
		`mira_certificate_expiry_timestamp_seconds `,
		`go_goroutines `,
		`process_resident_memory_bytes `,
	} {
		if !strings.Contains(exp, want) {
			t.Errorf("exposition lacks %q", want)
		}
	}
	labels := regexp.MustCompile(`\{[^}]*\}`).FindAllString(exp, -1)
	for _, l := range labels {
		for _, bad := range []string{"sk-mira", "127.0.0.1", id, "dev@example.com", `"hi"`} {
			if strings.Contains(l, bad) {
				t.Errorf("label set %s contains %q", l, bad)
			}
		}
	}
	if strings.Contains(exp, key) || strings.Contains(exp, id) {
		t.Error("the exposition contains the key or its id")
	}
	// The revocation poll (every second) records its last success.
	polled := regexp.MustCompile(`(?m)^mira_revocation_poll_last_success_timestamp_seconds [1-9]`)
	for deadline := time.Now().Add(5 * time.Second); !polled.MatchString(exp); time.Sleep(100 * time.Millisecond) {
		if time.Now().After(deadline) {
			t.Fatal("mira_revocation_poll_last_success_timestamp_seconds stayed 0")
		}
		_, exp = adminGet(t, ts, "/metrics")
	}
}

// TestReadyzBackendAndDatabase: a backend whose last calls failed is
// degraded on both /readyz (the public one without its name); the server
// is still ready to serve. Without the database the admin /readyz is 503.
func TestReadyzBackendAndDatabase(t *testing.T) {
	up := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		http.Error(w, `{"error":{"message":"overloaded"}}`, http.StatusInternalServerError)
	}))
	defer up.Close()
	cfg := fmt.Sprintf("providers:\n  - {name: flaky, type: openai, base_url: %s/v1, models: [flaky-model]}\necho: true\nfilter: {enabled: false}\n", up.URL)
	ts := startServer(t, cfg, nil)
	key, _ := ts.createKey(t)

	type report struct {
		Status string            `json:"status"`
		Checks map[string]string `json:"checks"`
	}
	readyz := func() (int, report) {
		code, body := adminGet(t, ts, "/readyz")
		var r report
		if err := json.Unmarshal([]byte(body), &r); err != nil {
			t.Fatalf("readyz %q: %v", body, err)
		}
		return code, r
	}
	if code, r := readyz(); code != 200 || r.Status != "ready" || r.Checks["database"] != "ok" || r.Checks["backend:flaky"] != "ok" {
		t.Fatalf("before failures: %d %+v", code, r)
	}
	for range 3 {
		ts.do(t, "POST", "/v1/chat/completions", key, `{"model":"flaky-model","messages":[{"role":"user","content":"hi"}]}`)
	}
	code, r := readyz()
	if code != 200 || r.Status != "degraded" || r.Checks["backend:flaky"] != "degraded" || r.Checks["backend:mira"] != "ok" || r.Checks["database"] != "ok" {
		t.Errorf("after 3 failures: %d %+v; want 200, degraded, backend:flaky degraded", code, r)
	}
	resp, body := ts.do(t, "GET", "/readyz", "", "")
	if resp.StatusCode != 200 || !strings.Contains(body, `"backends":"degraded"`) || strings.Contains(body, "flaky") {
		t.Errorf("public readyz: %d %s; want the backends degraded without names", resp.StatusCode, body)
	}
	_, exp := adminGet(t, ts, "/metrics")
	if !strings.Contains(exp, `mira_upstream_errors_total{backend="flaky"} 3`) {
		t.Errorf("exposition lacks 3 upstream errors of flaky")
	}

	ts.Main.db.SQL().Close()
	deadline := time.Now().Add(5 * time.Second)
	for {
		code, r := readyz()
		if code == 503 && r.Checks["database"] == "down" {
			break
		}
		if time.Now().After(deadline) {
			t.Fatalf("without the database: %d %+v; want 503, database down", code, r)
		}
		time.Sleep(50 * time.Millisecond)
	}
	if resp, _ := ts.do(t, "GET", "/readyz", "", ""); resp.StatusCode != 503 {
		t.Errorf("public readyz without the database: %d; want 503", resp.StatusCode)
	}
	if _, exp := adminGet(t, ts, "/metrics"); !strings.Contains(exp, `mira_dependency_up{dependency="database"} 0`) {
		t.Error("mira_dependency_up{database} is not 0")
	}
}

// TestAdminListenerTLSAndToken: with admin.tls_cert/tls_key and
// admin.token_file the admin listener speaks TLS and wants the token.
func TestAdminListenerTLSAndToken(t *testing.T) {
	dir := t.TempDir()
	cert, key := selfSignedPair(t, dir)
	tokFile := filepath.Join(dir, "admin-token")
	os.WriteFile(tokFile, []byte("a-long-admin-token-0123456789\n"), 0o600)
	ts := startServer(t, fmt.Sprintf("admin: {tls_cert: %s, tls_key: %s, token_file: %s}\n", cert, key, tokFile), nil)
	hc := &http.Client{Transport: &http.Transport{TLSClientConfig: &tls.Config{InsecureSkipVerify: true}}}
	get := func(scheme, auth string) int {
		req, _ := http.NewRequest("GET", scheme+"://"+ts.AdminAddr+"/metrics", nil)
		if auth != "" {
			req.Header.Set("Authorization", auth)
		}
		resp, err := hc.Do(req)
		if err != nil {
			return 0
		}
		resp.Body.Close()
		return resp.StatusCode
	}
	if code := get("https", ""); code != 401 {
		t.Errorf("without the token: %d; want 401", code)
	}
	if code := get("https", "Bearer a-long-admin-token-0123456789"); code != 200 {
		t.Errorf("with the token: %d; want 200", code)
	}
	if code := get("http", "Bearer a-long-admin-token-0123456789"); code == 200 {
		t.Error("plain HTTP answered 200 on a TLS admin listener")
	}
}

// TestRedisLogsAreStructured: go-redis's messages reach the JSON log.
func TestRedisLogsAreStructured(t *testing.T) {
	var buf strings.Builder
	redisLogger{slog.New(slog.NewJSONHandler(&buf, nil))}.Printf(context.Background(), "redis: %s failed", "dial")
	var line map[string]any
	if err := json.Unmarshal([]byte(buf.String()), &line); err != nil || line["message"] != "redis: dial failed" {
		t.Errorf("log line %q: %v", buf.String(), err)
	}
}
