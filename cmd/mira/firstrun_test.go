package main

import (
	"io"
	"net/http"
	"strings"
	"testing"
)

// Defects a new user met on a first run.

func TestCLIErrorsOnePrefixAndUsageExit(t *testing.T) {
	env := map[string]string{"MIRA_BASE_URL": "http://localhost:1", "MIRA_API_KEY": "x"}
	_, stderr, code := runMira(t, env, "", "models")
	if code != exitFailure || strings.Count(stderr, "mira:") != 1 || !strings.HasPrefix(stderr, "mira: base URL") {
		t.Errorf("models on a plain-HTTP base URL: exit %d, stderr %q; want 1 and one mira: prefix", code, stderr)
	}
	for _, args := range [][]string{{"bogus"}, {"keys", "lst"}, {"admin", "key", "bogus"}} {
		stdout, stderr, code := runMira(t, env, "", args...)
		if code != exitUsage || !strings.Contains(stderr, "unknown command") || strings.Count(stderr, "mira:") != 1 {
			t.Errorf("mira %v: exit %d, stdout %q stderr %q; want exit 2 and an unknown-command error", args, code, stdout, stderr)
		}
	}
	if _, stderr, code := runMira(t, env, "", "keys"); code != 0 || stderr != "" {
		t.Errorf("mira keys alone: exit %d, stderr %q; want the help and 0", code, stderr)
	}
}

// TestRootSendsBrowsersToDashboard: GET / in a browser goes to the
// dashboard; an API client still gets the JSON 404.
func TestRootSendsBrowsersToDashboard(t *testing.T) {
	ts := startServer(t, "", nil)
	hc := *ts.hc
	hc.CheckRedirect = func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }
	get := func(accept string) (*http.Response, string) {
		req, _ := http.NewRequest("GET", ts.URL()+"/", nil)
		if accept != "" {
			req.Header.Set("Accept", accept)
		}
		resp, err := hc.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		defer resp.Body.Close()
		b, _ := io.ReadAll(resp.Body)
		return resp, string(b)
	}
	resp, _ := get("text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8")
	if resp.StatusCode != http.StatusFound || resp.Header.Get("Location") != "/dashboard" {
		t.Errorf("browser GET /: %d, Location %q; want 302 to /dashboard", resp.StatusCode, resp.Header.Get("Location"))
	}
	for _, accept := range []string{"", "application/json", "*/*"} {
		resp, body := get(accept)
		if resp.StatusCode != http.StatusNotFound || !strings.Contains(body, `"error"`) {
			t.Errorf("API GET / (Accept %q): %d %q; want the JSON 404", accept, resp.StatusCode, body)
		}
	}
	if resp, _ := ts.do(t, "GET", "/nope", "", "", "Accept", "text/html"); resp.StatusCode != http.StatusNotFound {
		t.Errorf("browser GET /nope: %d; want 404", resp.StatusCode)
	}
}
