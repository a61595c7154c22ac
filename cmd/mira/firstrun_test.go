package main

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/http/httptest"
	"regexp"
	"strings"
	"testing"
	"time"
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

// snakeKeys fails the test unless every object key in the JSON doc is
// snake_case, the way the HTTP API names its fields.
func snakeKeys(t *testing.T, what, doc string) {
	t.Helper()
	var v any
	if err := json.Unmarshal([]byte(doc), &v); err != nil {
		t.Fatalf("%s: not JSON: %v: %q", what, err, doc)
	}
	var walk func(v any)
	walk = func(v any) {
		switch v := v.(type) {
		case map[string]any:
			for k, x := range v {
				if !regexp.MustCompile(`^[a-z][a-z0-9_]*$`).MatchString(k) {
					t.Errorf("%s: field %q is not the API's snake_case: %s", what, k, doc)
				}
				walk(x)
			}
		case []any:
			for _, x := range v {
				walk(x)
			}
		}
	}
	walk(v)
}

// TestCLIUsageTokensAndJSONFieldNames: mira usage shows the tokens the API
// counts, and every --json output uses the API's snake_case field names.
func TestCLIUsageTokensAndJSONFieldNames(t *testing.T) {
	ts := startServer(t, "", nil)
	key, _ := ts.createKey(t, "--scopes", "chat:write,usage:read,logs:read,models:read,keys:read")
	if r, b := ts.do(t, "POST", "/v1/chat/completions", key, `{"model":"mira-echo","messages":[{"role":"user","content":"count my tokens"}]}`); r.StatusCode != 200 {
		t.Fatalf("chat: %d %s", r.StatusCode, b)
	}
	waitLogs(t, ts, key, 1)
	env := map[string]string{"MIRA_BASE_URL": ts.env["MIRA_BASE_URL"], "MIRA_CA_CERT": ts.env["MIRA_CA_CERT"], "MIRA_API_KEY": key}
	_, usage := ts.do(t, "GET", "/v1/usage", key, "")
	var api struct {
		Data []struct {
			TotalTokens int64 `json:"total_tokens"`
		}
	}
	json.Unmarshal([]byte(usage), &api)
	if len(api.Data) != 1 || api.Data[0].TotalTokens == 0 {
		t.Fatalf("/v1/usage: %s", usage)
	}
	out, stderr, code := runMira(t, env, "", "usage")
	lines := strings.Split(strings.TrimSpace(out), "\n")
	if code != 0 || len(lines) != 2 || !strings.HasSuffix(lines[1], fmt.Sprint(" ", api.Data[0].TotalTokens)) {
		t.Errorf("mira usage: exit %d %q %q; want the row ending in TOKENS %d", code, out, stderr, api.Data[0].TotalTokens)
	}
	for _, args := range [][]string{{"usage", "--json"}, {"logs", "--json"}, {"keys", "list", "--json"}, {"models", "--json"}} {
		out, stderr, code := runMira(t, env, "", args...)
		if code != 0 {
			t.Errorf("mira %v: exit %d: %s", args, code, stderr)
			continue
		}
		snakeKeys(t, fmt.Sprint(args), out)
	}
	out, _, _ = runMira(t, env, "", "usage", "--json")
	if !strings.Contains(out, `"prompt_tokens":`) || !strings.Contains(out, `"total_tokens":`) {
		t.Errorf("mira usage --json lacks the API's token fields: %s", out)
	}
	out, _, _ = runMira(t, env, "", "logs", "--json")
	if !strings.HasPrefix(out, `{"object":"list","data":[{`) {
		t.Errorf("mira logs --json is not the API's page: %s", out)
	}
	out, _, _ = ts.mira(t, "", "admin", "key", "list", "--email", "dev@example.com", "--json")
	snakeKeys(t, "admin key list", out)
	var rows []struct {
		CreatedAt int64 `json:"created_at"`
	}
	if err := json.Unmarshal([]byte(out), &rows); err != nil || len(rows) == 0 || rows[0].CreatedAt == 0 {
		t.Errorf("admin key list --json: created_at is not Unix seconds as in the API: %v %s", err, out)
	}
	out, _, _ = runMira(t, env, "", "check", "--json", t.TempDir())
	snakeKeys(t, "check", out)
	out, _, _ = runMira(t, env, "", "scan", "--json", t.TempDir())
	snakeKeys(t, "scan", out)
}

// TestKeysListShowsGraceEnd: a rotated key in its grace period is listed as
// active until when it stops, in the table and (revoked_at) in --json.
func TestKeysListShowsGraceEnd(t *testing.T) {
	ts := startServer(t, "", nil)
	admin, _ := ts.createKey(t, "--scopes", "keys:read,keys:write")
	_, oldID := ts.createKey(t)
	env := map[string]string{"MIRA_BASE_URL": ts.env["MIRA_BASE_URL"], "MIRA_CA_CERT": ts.env["MIRA_CA_CERT"], "MIRA_API_KEY": admin}
	if _, stderr, code := runMira(t, env, "", "keys", "rotate", oldID, "--grace", "24h"); code != 0 {
		t.Fatalf("rotate: %d %s", code, stderr)
	}
	var row []struct {
		ID        string `json:"id"`
		State     string `json:"state"`
		RevokedAt *int64 `json:"revoked_at"`
	}
	out, _, _ := runMira(t, env, "", "keys", "list", "--json")
	json.Unmarshal([]byte(out), &row)
	var stops int64
	for _, r := range row {
		if r.ID == oldID && r.State == "active" && r.RevokedAt != nil {
			stops = *r.RevokedAt
		}
	}
	if d := time.Until(time.Unix(stops, 0)); d < 23*time.Hour || d > 25*time.Hour {
		t.Fatalf("keys list --json: no revoked_at 24 h ahead for the rotated key: %s", out)
	}
	want := "active (stops " + time.Unix(stops, 0).UTC().Format("2006-01-02 15:04 UTC") + ")"
	for _, out := range []string{
		func() string { o, _, _ := runMira(t, env, "", "keys", "list"); return o }(),
		func() string {
			o, _, _ := ts.mira(t, "", "admin", "key", "list", "--email", "dev@example.com")
			return o
		}(),
	} {
		found := false
		for _, l := range strings.Split(out, "\n") {
			found = found || strings.HasPrefix(l, oldID) && strings.Contains(l, want)
		}
		if !found {
			t.Errorf("the rotated key's row does not say %q:\n%s", want, out)
		}
	}
}

// TestChatShowsToolCalls: an answer that is a tool call is shown (name and
// arguments) and said to be one, whether the upstream sends the call whole
// or its arguments in pieces.
func TestChatShowsToolCalls(t *testing.T) {
	up := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		var req struct {
			Model  string `json:"model"`
			Stream bool   `json:"stream"`
		}
		json.NewDecoder(r.Body).Decode(&req)
		if !req.Stream {
			w.Header().Set("Content-Type", "application/json")
			fmt.Fprintf(w, `{"id":"c","object":"chat.completion","created":1,"model":%q,"choices":[{"index":0,"message":{"role":"assistant","content":null,"tool_calls":[{"id":"call_1","type":"function","function":{"name":"get_weather","arguments":"{\"city\":\"Paris\"}"}}]},"finish_reason":"tool_calls"}],"usage":{"prompt_tokens":5,"completion_tokens":7,"total_tokens":12}}`, req.Model)
			return
		}
		w.Header().Set("Content-Type", "text/event-stream")
		chunk := func(delta, finish string) {
			fmt.Fprintf(w, "data: {\"id\":\"c\",\"object\":\"chat.completion.chunk\",\"created\":1,\"model\":%q,\"choices\":[{\"index\":0,\"delta\":%s,\"finish_reason\":%s}]}\n\n", req.Model, delta, finish)
		}
		chunk(`{"role":"assistant","content":null,"tool_calls":[{"index":0,"id":"call_1","type":"function","function":{"name":"get_weather","arguments":""}}]}`, "null")
		chunk(`{"tool_calls":[{"index":0,"function":{"arguments":"{\"city\":"}}]}`, "null")
		chunk(`{"tool_calls":[{"index":0,"function":{"arguments":"\"Paris\"}"}}]}`, "null")
		if req.Model == "two-calls" {
			chunk(`{"tool_calls":[{"index":1,"id":"call_2","type":"function","function":{"name":"get_time","arguments":"{}"}}]}`, "null")
		}
		chunk(`{}`, `"tool_calls"`)
		fmt.Fprint(w, "data: [DONE]\n\n")
	}))
	t.Cleanup(up.Close)
	cfg := fmt.Sprintf("providers:\n  - name: up\n    type: openai\n    base_url: %s/v1\n    api_key_env: UPSTREAM_KEY\n    models: [tools, two-calls]\nfilter: {enabled: false}\n", up.URL)
	ts := startServer(t, cfg, map[string]string{"UPSTREAM_KEY": "sk-upstream"})
	key, _ := ts.createKey(t)
	env := map[string]string{"MIRA_BASE_URL": ts.env["MIRA_BASE_URL"], "MIRA_CA_CERT": ts.env["MIRA_CA_CERT"], "MIRA_API_KEY": key}
	stdout, stderr, code := runMira(t, env, "", "chat", "--model", "tools", "weather in Paris?")
	if code != 0 || stdout != "tool call: get_weather({\"city\":\"Paris\"})\n" || !strings.Contains(stderr, "tool call") {
		t.Errorf("mira chat with a tool call answer: exit %d, stdout %q, stderr %q", code, stdout, stderr)
	}
	stdout, _, _ = runMira(t, env, "", "chat", "--model", "two-calls", "weather and time?")
	if !strings.Contains(stdout, "get_weather({\"city\":\"Paris\"})") || !strings.Contains(stdout, "tool call: get_time({})") {
		t.Errorf("two tool calls: %q", stdout)
	}
	// The API relays the non-streamed form as is.
	if r, b := ts.do(t, "POST", "/v1/chat/completions", key, `{"model":"tools","messages":[{"role":"user","content":"x"}]}`); r.StatusCode != 200 || !strings.Contains(b, `"get_weather"`) {
		t.Errorf("non-streamed tool call: %d %s", r.StatusCode, b)
	}
}

// TestDefaultLoginNoWarningAndStatusShowsWho: on a default setup (no
// public_url, the CLI at https://localhost:<port>) mira auth login does not
// warn that the approval page is elsewhere, and mira auth status names the
// user's e-mail and organisation.
func TestDefaultLoginNoWarningAndStatusShowsWho(t *testing.T) {
	ts := startServer(t, "", nil)
	ts.createKey(t)
	user := ts.user(t, devEmail)
	org, err := ts.adminDB(t).db.OrgByID(context.Background(), user.OrgID)
	if err != nil {
		t.Fatal(err)
	}
	_, port, _ := net.SplitHostPort(ts.Addr)
	env := cliEnv(ts, t.TempDir())
	env["MIRA_BASE_URL"] = "https://localhost:" + port
	b := newBrowser(t, ts)
	if err := b.signIn(devEmail, devPassword, "/dashboard/"); err != nil {
		t.Fatal(err)
	}
	out := cliLogin(t, env, b)
	if strings.Contains(out, "Warning:") || !strings.Contains(out, "open https://localhost:"+port+"/device in a browser") {
		t.Errorf("a default login warns or names another approval page (port %s, warn %v):\n%s", port, strings.Contains(out, "Warning:"), out)
	}
	stdout, stderr, code := runMira(t, env, "", "auth", "status")
	for _, want := range []string{devEmail, user.ID, org.Name, user.OrgID} {
		if code != 0 || !strings.Contains(stdout, want) {
			t.Errorf("auth status lacks %q: exit %d\n%s%s", want, code, stdout, stderr)
		}
	}
	stdout, _, _ = runMira(t, env, "", "auth", "status", "--json")
	var st struct {
		Email string `json:"email"`
		OrgID string `json:"org_id"`
		Org   string `json:"org"`
	}
	if json.Unmarshal([]byte(stdout), &st); st.Email != devEmail || st.OrgID != user.OrgID || st.Org != org.Name {
		t.Errorf("auth status --json: %s", stdout)
	}
	snakeKeys(t, "auth status", stdout)

	// The approval is audited under the user's organisation, so the
	// dashboard's audit page lists it.
	page, err := b.get("/dashboard/audit")
	if err != nil || page.Status != 200 || !strings.Contains(page.Body, "device.approved") {
		t.Errorf("the audit page does not list the device approval: %v %d\n%s", err, page.Status, page.Body)
	}
	var orgID string
	ts.adminDB(t).db.SQL().QueryRow(`SELECT org_id FROM audit_log WHERE action = 'device.approved'`).Scan(&orgID)
	if orgID != user.OrgID {
		t.Errorf("device.approved stored with org %q; want %q", orgID, user.OrgID)
	}
}
