package main

import (
	"bytes"
	"context"
	"crypto/tls"
	"crypto/x509"
	"encoding/json"
	"log/slog"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/vmira/mira/internal/testkit"
)

// testServer is a running `mira serve` with its data directory and logs.
type testServer struct {
	*Main
	dataDir string
	logs    *testkit.Buffer
	env     map[string]string
	hc      *http.Client // trusts only the generated CA
	addr    string       // set when the server is a separate process
}

func (ts *testServer) URL() string {
	if ts.addr != "" {
		return "https://" + ts.addr
	}
	return "https://" + ts.Addr
}

// issuer is the server's OAuth issuer: https://localhost:<port>, since
// test servers listen on loopback without public_url.
func (ts *testServer) issuer() string { return defaultIssuer(ts.Addr) }

func tlsTrusting(t *testing.T, caFile string) *tls.Config {
	return &tls.Config{RootCAs: caPool(t, caFile)}
}

// try is do without failing the test: for load that may meet a dying server.
func (ts *testServer) try(method, path, key, body string) (*http.Response, string, error) {
	req, err := http.NewRequest(method, ts.URL()+path, strings.NewReader(body))
	if err != nil {
		return nil, "", err
	}
	req.Header.Set("Authorization", "Bearer "+key)
	resp, err := ts.hc.Do(req)
	if err != nil {
		return nil, "", err
	}
	defer resp.Body.Close()
	var b bytes.Buffer
	_, err = b.ReadFrom(resp.Body)
	return resp, b.String(), err
}

// getenv is the environment the test's commands see.
func (ts *testServer) getenv(k string) string { return ts.env[k] }

// mira runs a mira command line against the test server's data directory
// and environment; it returns stdout, stderr and the exit code.
func (ts *testServer) mira(t *testing.T, stdin string, args ...string) (string, string, int) {
	t.Helper()
	return runMira(t, ts.env, stdin, args...)
}

func runMira(t *testing.T, env map[string]string, stdin string, args ...string) (string, string, int) {
	t.Helper()
	var out, errb bytes.Buffer
	code := run(context.Background(), args, strings.NewReader(stdin), &out, &errb, func(k string) string { return env[k] })
	return out.String(), errb.String(), code
}

// startServer starts mira serve on free loopback ports with a fresh data
// directory, configured by configYAML (may be empty) and the environment
// extra, the way `mira serve` loads them.
func startServer(t *testing.T, configYAML string, extra map[string]string) *testServer {
	t.Helper()
	dir := filepath.Join(t.TempDir(), "data")
	envm := map[string]string{
		"MIRA_DATA_DIR":     dir,
		"MIRA_LISTEN":       "127.0.0.1:0",
		"MIRA_HTTP_LISTEN":  "127.0.0.1:0",
		"MIRA_ADMIN_LISTEN": "127.0.0.1:0",
	}
	for k, v := range extra {
		envm[k] = v
	}
	if !strings.Contains(configYAML, "plans:") {
		// Tests send many requests with one key; rate-limit tests set their own plans.
		configYAML += "\nplans:\n  free: {requests_per_minute: 100000, tokens_per_minute: 100000000, requests_per_day: 10000000, concurrent: 100}\n"
	}
	{
		p := filepath.Join(t.TempDir(), "mira.yaml")
		if err := os.WriteFile(p, []byte(configYAML), 0o600); err != nil {
			t.Fatal(err)
		}
		envm["MIRA_CONFIG"] = p
	}
	return startWithEnv(t, envm)
}

func startWithEnv(t *testing.T, envm map[string]string) *testServer {
	t.Helper()
	logs := &testkit.Buffer{}
	e := &env{getenv: func(k string) string { return envm[k] }, stderr: logs}
	var f serverFlags
	cfg, err := f.load(e)
	if err != nil {
		t.Fatal(err)
	}
	cfg.HTTP.ShutdownTimeout = 0
	log := slog.New(slog.NewJSONHandler(logs, &slog.HandlerOptions{Level: slog.LevelDebug}))
	r := &Main{Config: cfg, Logger: log, Getenv: e.getenv, Out: logs}
	if err := r.Run(context.Background()); err != nil {
		t.Fatalf("Main.Run: %v", err)
	}
	t.Cleanup(func() { r.Close() })
	ts := &testServer{Main: r, dataDir: cfg.DataDir, logs: logs, env: envm}
	envm["MIRA_BASE_URL"] = ts.URL()
	envm["MIRA_CA_CERT"] = r.CAPath
	ts.hc = &http.Client{Timeout: 30 * time.Second, Transport: &http.Transport{TLSClientConfig: &tls.Config{RootCAs: caPool(t, r.CAPath)}}}
	return ts
}

func caPool(t *testing.T, path string) *x509.CertPool {
	t.Helper()
	pem, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	pool := x509.NewCertPool()
	if !pool.AppendCertsFromPEM(pem) {
		t.Fatalf("no certificate in %s", path)
	}
	return pool
}

// createKey makes a user (once) and a key with the given extra flags via
// `mira admin`, and returns the key and its id.
func (ts *testServer) createKey(t *testing.T, flags ...string) (key, id string) {
	t.Helper()
	if _, _, code := ts.mira(t, "", "admin", "key", "list", "--email", "dev@example.com"); code != 0 {
		if _, stderr, code := ts.mira(t, "a long enough password\n", "admin", "user", "create", "--email", "dev@example.com", "--password-stdin"); code != 0 {
			t.Fatalf("admin user create: exit %d: %s", code, stderr)
		}
	}
	args := append([]string{"admin", "key", "create", "--email", "dev@example.com", "--name", "test", "--json"}, flags...)
	stdout, stderr, code := ts.mira(t, "", args...)
	if code != 0 {
		t.Fatalf("admin key create: exit %d: %s", code, stderr)
	}
	var out struct{ ID, Key string }
	if err := json.Unmarshal([]byte(stdout), &out); err != nil {
		t.Fatalf("admin key create printed %q: %v", stdout, err)
	}
	return out.Key, out.ID
}

// do sends a request with the key and returns the response and its body.
func (ts *testServer) do(t *testing.T, method, path, key, body string, headers ...string) (*http.Response, string) {
	t.Helper()
	req, err := http.NewRequest(method, ts.URL()+path, strings.NewReader(body))
	if err != nil {
		t.Fatal(err)
	}
	if key != "" {
		req.Header.Set("Authorization", "Bearer "+key)
	}
	if body != "" {
		req.Header.Set("Content-Type", "application/json")
	}
	for i := 0; i+1 < len(headers); i += 2 {
		req.Header.Set(headers[i], headers[i+1])
	}
	resp, err := ts.hc.Do(req)
	if err != nil {
		t.Fatalf("%s %s: %v", method, path, err)
	}
	defer resp.Body.Close()
	var b bytes.Buffer
	b.ReadFrom(resp.Body)
	return resp, b.String()
}

func sleepMs(n int) { time.Sleep(time.Duration(n) * time.Millisecond) }
