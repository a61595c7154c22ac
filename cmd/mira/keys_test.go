package main

import (
	"encoding/json"
	"fmt"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// route is one authenticated endpoint and the scope it needs.
type route struct {
	method, path, body string
	scope              string
}

// TestEveryRouteNeedsItsScope proves least privilege: for every route and
// every scope, a key holding only that scope gets past the scope check
// exactly when the scope is the route's own (or admin).
func TestEveryRouteNeedsItsScope(t *testing.T) {
	ts := startServer(t, "", nil)
	_, target := ts.createKey(t, "--scopes", "models:read")
	routes := []route{
		{"GET", "/v1/models", "", "models:read"},
		{"POST", "/v1/chat/completions", `{"model":"mira-echo","messages":[{"role":"user","content":"hi"}]}`, "chat:write"},
		{"GET", "/v1/models/mira-echo", "", "models:read"},
		{"POST", "/v1/responses", `{"model":"mira-echo","input":"hi"}`, "chat:write"},
		{"POST", "/v1/completions", `{"model":"mira-echo","prompt":"hi"}`, "chat:write"},
		{"POST", "/v1/embeddings", `{"model":"mira-echo","input":"hi"}`, "embeddings:write"},
		{"GET", "/v1/keys", "", "keys:read"},
		{"GET", "/v1/keys/" + target, "", "keys:read"},
		{"POST", "/v1/keys", `{"name":"x","scopes":["keys:write"]}`, "keys:write"},
		{"PATCH", "/v1/keys/" + target, `{"name":"renamed"}`, "keys:write"},
		{"POST", "/v1/keys/" + target + "/rotate", `{"grace_period":"1h"}`, "keys:write"},
		{"DELETE", "/v1/keys/" + target, "", "keys:write"},
	}
	scopes := []string{"models:read", "chat:write", "embeddings:write", "moderations:write", "usage:read", "logs:read", "keys:read", "keys:write", "admin"}
	keyFor := map[string]string{}
	for _, sc := range scopes {
		keyFor[sc], _ = ts.createKey(t, "--scopes", sc)
	}
	for _, rt := range routes {
		for _, sc := range scopes {
			resp, body := ts.do(t, rt.method, rt.path, keyFor[sc], rt.body)
			allowed := sc == rt.scope || sc == "admin"
			refused := resp.StatusCode == 403 && strings.Contains(body, "insufficient_scope")
			if allowed == refused || (allowed && resp.StatusCode >= 400 && rt.method != "POST") {
				t.Errorf("%s %s with scope %s: %d %s; want allowed=%v", rt.method, rt.path, sc, resp.StatusCode, body, allowed)
			}
		}
	}
}

type keyJSON struct {
	ID, Key, FamilyID, Name, Display, State string
	Family                                  string `json:"family_id"`
	Scopes                                  []string
	Exposures                               []struct{ Source string }
	RotationDue                             bool `json:"rotation_due"`
}

func decodeKey(t *testing.T, body string) keyJSON {
	t.Helper()
	var k keyJSON
	if err := json.Unmarshal([]byte(body), &k); err != nil {
		t.Fatalf("key body %q: %v", body, err)
	}
	return k
}

func TestKeyLifecycleAPI(t *testing.T) {
	ts := startServer(t, "", nil)
	admin, _ := ts.createKey(t, "--scopes", "keys:read,keys:write,models:read,chat:write")

	resp, body := ts.do(t, "POST", "/v1/keys", admin, `{"name":"billing-prod","environment":"production","scopes":["models:read","chat:write"],"allowed_cidrs":["127.0.0.1"],"expires_in":"30d"}`)
	if resp.StatusCode != 201 {
		t.Fatalf("create: %d %s", resp.StatusCode, body)
	}
	created := decodeKey(t, body)
	if !strings.HasPrefix(created.Key, "sk-mira-") || created.Display != created.Key[:12]+"…"+created.Key[52:] {
		t.Fatalf("create returned %+v", created)
	}
	// The secret is shown once: never in listings or lookups.
	for _, p := range []string{"/v1/keys", "/v1/keys/" + created.ID} {
		if _, b := ts.do(t, "GET", p, admin, ""); strings.Contains(b, created.Key) || !strings.Contains(b, created.ID) {
			t.Errorf("GET %s shows the secret or lacks the key: %s", p, b)
		}
	}
	if r, b := ts.do(t, "GET", "/v1/models", created.Key, ""); r.StatusCode != 200 {
		t.Fatalf("new key: %d %s", r.StatusCode, b)
	}
	// Update narrows it.
	resp, body = ts.do(t, "PATCH", "/v1/keys/"+created.ID, admin, `{"scopes":["chat:write"]}`)
	if resp.StatusCode != 200 {
		t.Fatalf("patch: %d %s", resp.StatusCode, body)
	}
	r, b := ts.do(t, "GET", "/v1/models", created.Key, "")
	checkError(t, r, b, 403, "insufficient_scope")
	// No escalation: the admin scope is not ours to grant.
	r, b = ts.do(t, "POST", "/v1/keys", admin, `{"name":"x","scopes":["admin"]}`)
	checkError(t, r, b, 403, "insufficient_scope")
	r, b = ts.do(t, "PATCH", "/v1/keys/"+created.ID, admin, `{"scopes":["usage:read"]}`)
	checkError(t, r, b, 403, "insufficient_scope")
	r, b = ts.do(t, "POST", "/v1/keys", admin, `{"name":"x","sopes":["models:read"]}`)
	checkError(t, r, b, 400, "invalid_request")

	// Rotation with a grace period: same family, both work, then the old
	// one stops when revoked.
	resp, body = ts.do(t, "POST", "/v1/keys/"+created.ID+"/rotate", admin, `{"grace_period":"1h"}`)
	if resp.StatusCode != 201 {
		t.Fatalf("rotate: %d %s", resp.StatusCode, body)
	}
	rotated := decodeKey(t, body)
	if rotated.Family != created.Family || rotated.ID == created.ID || rotated.Key == created.Key {
		t.Fatalf("rotation: %+v from %+v", rotated, created)
	}
	body1 := `{"model":"mira-echo","messages":[{"role":"user","content":"hi"}]}`
	for name, k := range map[string]string{"old (in grace)": created.Key, "new": rotated.Key} {
		if r, b := ts.do(t, "POST", "/v1/chat/completions", k, body1); r.StatusCode != 200 {
			t.Errorf("%s key after rotation: %d %s", name, r.StatusCode, b)
		}
	}
	r, b = ts.do(t, "POST", "/v1/keys/"+created.ID+"/rotate", admin, `{}`)
	checkError(t, r, b, 400, "invalid_request")

	// Rotation with no grace stops the old key at once.
	resp, body = ts.do(t, "POST", "/v1/keys/"+rotated.ID+"/rotate", admin, `{"grace_period":"0s"}`)
	third := decodeKey(t, body)
	if resp.StatusCode != 201 || third.Family != created.Family {
		t.Fatalf("second rotation: %d %s", resp.StatusCode, body)
	}
	r, b = ts.do(t, "POST", "/v1/chat/completions", rotated.Key, body1)
	checkError(t, r, b, 401, "key_revoked")

	// Revoke: immediate.
	resp, body = ts.do(t, "DELETE", "/v1/keys/"+third.ID, admin, "")
	if resp.StatusCode != 200 || decodeKey(t, body).State != "revoked" {
		t.Fatalf("revoke: %d %s", resp.StatusCode, body)
	}
	r, b = ts.do(t, "POST", "/v1/chat/completions", third.Key, body1)
	checkError(t, r, b, 401, "key_revoked")
}

func TestOtherOrganisationsKeysAre404(t *testing.T) {
	ts := startServer(t, "", nil)
	mine, _ := ts.createKey(t, "--scopes", "keys:read,keys:write")
	if _, stderr, code := ts.mira(t, "another long password\n", "admin", "user", "create", "--email", "eve@example.org", "--org", "evil-corp", "--password-stdin"); code != 0 {
		t.Fatal(stderr)
	}
	out, _, _ := ts.mira(t, "", "admin", "key", "create", "--email", "eve@example.org", "--name", "eve", "--scopes", "keys:read,keys:write", "--json")
	var eve struct{ ID, Key string }
	json.Unmarshal([]byte(out), &eve)
	_, victimID := ts.createKey(t)
	for _, rt := range []route{
		{"GET", "/v1/keys/" + victimID, "", ""},
		{"PATCH", "/v1/keys/" + victimID, `{"name":"pwned"}`, ""},
		{"DELETE", "/v1/keys/" + victimID, "", ""},
		{"POST", "/v1/keys/" + victimID + "/rotate", `{}`, ""},
		{"GET", "/v1/keys/key_doesnotexist000000000000", "", ""},
	} {
		r, b := ts.do(t, rt.method, rt.path, eve.Key, rt.body)
		checkError(t, r, b, 404, "not_found")
	}
	_, list := ts.do(t, "GET", "/v1/keys", eve.Key, "")
	if strings.Contains(list, victimID) {
		t.Error("another organisation's key is listed")
	}
	// The victim's key is untouched.
	_, b := ts.do(t, "GET", "/v1/keys/"+victimID, mine, "")
	if !strings.Contains(b, `"state":"active"`) || strings.Contains(b, "pwned") {
		t.Errorf("victim key changed: %s", b)
	}
}

func TestMembersSeeOnlyTheirKeys(t *testing.T) {
	ts := startServer(t, "", nil)
	ownerKey, ownerKeyID := ts.createKey(t, "--scopes", "keys:read,keys:write")
	ts.mira(t, "member password 123\n", "admin", "user", "create", "--email", "mo@example.com", "--role", "member", "--password-stdin")
	out, _, _ := ts.mira(t, "", "admin", "key", "create", "--email", "mo@example.com", "--name", "mo", "--scopes", "keys:read,keys:write", "--json")
	var mo struct{ ID, Key string }
	json.Unmarshal([]byte(out), &mo)
	r, b := ts.do(t, "GET", "/v1/keys/"+ownerKeyID, mo.Key, "")
	checkError(t, r, b, 404, "not_found")
	if _, list := ts.do(t, "GET", "/v1/keys", ownerKey, ""); !strings.Contains(list, mo.ID) {
		t.Error("the owner does not see the member's key")
	}
	r, b = ts.do(t, "POST", "/v1/keys", mo.Key, `{"name":"x","plan":"enterprise","scopes":["keys:read"]}`)
	checkError(t, r, b, 403, "insufficient_scope")
}

func TestReportLeak(t *testing.T) {
	ts := startServer(t, "", nil)
	leaked, id := ts.createKey(t)
	cases := map[string]string{
		"valid":      leaked,
		"unknown":    "sk-mira-" + strings.Repeat("0", 48),
		"look-alike": leaked[:55] + flipChar(leaked[55]),
	}
	var first string
	for name, k := range cases {
		resp, body := ts.do(t, "POST", "/v1/keys/report-leak", "", `{"key":"`+k+`"}`)
		if resp.StatusCode != 202 {
			t.Fatalf("%s: %d %s", name, resp.StatusCode, body)
		}
		if first == "" {
			first = body
		} else if body != first {
			t.Errorf("answers differ (an existence oracle): %q vs %q", body, first)
		}
	}
	deadline := time.Now().Add(3 * time.Second)
	for {
		r, b := ts.do(t, "GET", "/v1/models", leaked, "")
		if r.StatusCode == 401 {
			checkError(t, r, b, 401, "key_revoked")
			break
		}
		if time.Now().After(deadline) {
			t.Fatal("the reported key still works")
		}
		time.Sleep(50 * time.Millisecond)
	}
	out, _, _ := ts.mira(t, "", "admin", "key", "list", "--email", "dev@example.com", "--json")
	if !strings.Contains(out, `"source":"leak_report"`) || !strings.Contains(out, id) {
		t.Errorf("the report was not recorded for the owner: %s", out)
	}
	r, b := ts.do(t, "POST", "/v1/keys/report-leak", "", `{"key":"not a key"}`)
	checkError(t, r, b, 400, "invalid_request")
}

// TestRevocationReachesOtherInstance: two instances share the database and
// Redis; a key revoked through one is refused by the other within 1 s.
func TestRevocationReachesOtherInstance(t *testing.T) {
	redisURL := os.Getenv("MIRA_TEST_REDIS_URL")
	if redisURL == "" {
		t.Skip("MIRA_TEST_REDIS_URL not set")
	}
	a := startServer(t, "", map[string]string{"MIRA_REDIS_URL": redisURL})
	benv := map[string]string{}
	for k, v := range a.env {
		benv[k] = v
	}
	benv["MIRA_LISTEN"], benv["MIRA_HTTP_LISTEN"] = "127.0.0.1:0", "127.0.0.1:0"
	b := startWithEnv(t, benv)
	admin, _ := a.createKey(t, "--scopes", "keys:write,keys:read,models:read")
	victim, victimID := a.createKey(t)
	// b has the key cached.
	if r, body := b.do(t, "GET", "/v1/models", victim, ""); r.StatusCode != 200 {
		t.Fatalf("before: %d %s", r.StatusCode, body)
	}
	if r, body := a.do(t, "DELETE", "/v1/keys/"+victimID, admin, ""); r.StatusCode != 200 {
		t.Fatalf("revoke: %d %s", r.StatusCode, body)
	}
	revoked := time.Now()
	for {
		r, body := b.do(t, "GET", "/v1/models", victim, "")
		if r.StatusCode == 401 {
			checkError(t, r, body, 401, "key_revoked")
			t.Logf("refused by the other instance %v after the revocation", time.Since(revoked))
			break
		}
		if time.Since(revoked) > time.Second {
			t.Fatalf("the other instance still accepts the key %v after revocation", time.Since(revoked))
		}
		time.Sleep(10 * time.Millisecond)
	}
}

func TestCheckCommand(t *testing.T) {
	ts := startServer(t, "policy: {key_max_age: 1s}\n", nil)
	key, _ := ts.createKey(t, "--scopes", "keys:read,models:read")
	exposed, _ := ts.createKey(t, "--env", "production")
	ts.createKey(t, "--env", "production") // no expiry
	req, _ := http.NewRequest("GET", "http://"+ts.HTTPAddr+"/v1/models", nil)
	req.Header.Set("Authorization", "Bearer "+exposed)
	if resp, err := http.DefaultClient.Do(req); err == nil {
		resp.Body.Close()
	}
	time.Sleep(1100 * time.Millisecond) // every key is now past the 1 s maximum age
	dir := t.TempDir()
	os.WriteFile(filepath.Join(dir, ".env"), []byte("X=1\n"), 0o600)
	env := map[string]string{"MIRA_API_KEY": key, "MIRA_BASE_URL": ts.URL(), "MIRA_CA_CERT": ts.CAPath}
	out, _, code := runMira(t, env, "", "check", "--json", dir)
	var results []struct{ Check, Result, Detail string }
	if err := json.Unmarshal([]byte(out), &results); err != nil {
		t.Fatalf("mira check --json: %v\n%s", err, out)
	}
	got := map[string]string{}
	for _, r := range results {
		got[r.Check] = r.Result
	}
	want := map[string]string{"no secrets in the project": "pass", ".env kept out of git": "warn",
		"keys rotated regularly": "warn", "production keys expire": "warn"}
	for c, r := range want {
		if got[c] != r {
			t.Errorf("check %q = %q; want %q (all: %s)", c, got[c], r, out)
		}
	}
	// The exposed key was revoked by the plain-HTTP policy, so it is not
	// "active and exposed"; the run still passes overall but for warnings.
	if code != 0 {
		t.Errorf("exit %d with only warnings", code)
	}
	os.WriteFile(filepath.Join(dir, "config.py"), []byte("KEY = \""+key+"\"\n"), 0o600)
	if _, _, code := runMira(t, env, "", "check", dir); code != 1 {
		t.Errorf("a project holding a key: exit %d; want 1", code)
	}
}

// waitKeyRevoked waits up to a second for key to be refused as revoked.
func waitKeyRevoked(t *testing.T, ts *testServer, key, what string) {
	t.Helper()
	start := time.Now()
	for {
		r, b := ts.do(t, "GET", "/v1/models", key, "")
		if r.StatusCode == 401 {
			checkError(t, r, b, 401, "key_revoked")
			return
		}
		if time.Since(start) > time.Second {
			t.Fatalf("%s: the key still works %v later (%d)", what, time.Since(start), r.StatusCode)
		}
		time.Sleep(20 * time.Millisecond)
	}
}

// TestExposedKeyInGraceStopsAtOnce: a rotated key still in its grace period
// that is reported leaked, or sent over plain HTTP, stops at once.
func TestExposedKeyInGraceStopsAtOnce(t *testing.T) {
	ts := startServer(t, "", nil)
	admin, _ := ts.createKey(t, "--scopes", "keys:read,keys:write")
	rotatedOld := func() string {
		old, id := ts.createKey(t)
		if r, b := ts.do(t, "POST", "/v1/keys/"+id+"/rotate", admin, `{"grace_period":"1h"}`); r.StatusCode != 201 {
			t.Fatalf("rotate: %d %s", r.StatusCode, b)
		}
		if r, b := ts.do(t, "GET", "/v1/models", old, ""); r.StatusCode != 200 {
			t.Fatalf("the old key in its grace period: %d %s", r.StatusCode, b)
		}
		return old
	}

	reported := rotatedOld()
	if r, b := ts.do(t, "POST", "/v1/keys/report-leak", "", `{"key":"`+reported+`"}`); r.StatusCode != 202 {
		t.Fatalf("report-leak: %d %s", r.StatusCode, b)
	}
	waitKeyRevoked(t, ts, reported, "reported leaked in its grace period")

	plain := rotatedOld()
	req, _ := http.NewRequest("GET", "http://"+ts.HTTPAddr+"/v1/models", nil)
	req.Header.Set("Authorization", "Bearer "+plain)
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != 403 {
		t.Fatalf("plain HTTP: %d", resp.StatusCode)
	}
	waitKeyRevoked(t, ts, plain, "sent over plain HTTP in its grace period")
}

// TestRepeatedLeakReportsFold: reports of a revoked key repeat without
// adding exposures.
func TestRepeatedLeakReportsFold(t *testing.T) {
	ts := startServer(t, "", nil)
	leaked, id := ts.createKey(t)
	for range 5 {
		if r, b := ts.do(t, "POST", "/v1/keys/report-leak", "", `{"key":"`+leaked+`"}`); r.StatusCode != 202 {
			t.Fatalf("report-leak: %d %s", r.StatusCode, b)
		}
		waitKeyRevoked(t, ts, leaked, "reported")
	}
	ts.Main.Close() // waits for the reports being recorded
	out, _, _ := ts.mira(t, "", "admin", "key", "list", "--email", "dev@example.com", "--json")
	var rows []struct {
		ID        string
		Exposures []struct{ Source string }
	}
	if err := json.Unmarshal([]byte(out), &rows); err != nil {
		t.Fatal(err)
	}
	for _, r := range rows {
		if r.ID == id && len(r.Exposures) != 1 {
			t.Errorf("%d exposures after 5 reports; want 1", len(r.Exposures))
		}
	}
}

// TestKeyRestrictionsBindWhatItCreates: a keys:write key limited to one
// model, one network, an expiry and a plan can neither create a wider key
// nor widen itself or its siblings.
func TestKeyRestrictionsBindWhatItCreates(t *testing.T) {
	ts := startServer(t, "", nil)
	parent, parentID := ts.createKey(t, "--scopes", "keys:read,keys:write,models:read",
		"--models", "mira-echo", "--cidrs", "127.0.0.0/8", "--expires", "1h", "--plan", "pro")
	_, pb := ts.do(t, "GET", "/v1/keys/"+parentID, parent, "")
	var pk map[string]any
	json.Unmarshal([]byte(pb), &pk)
	parentExpiry := pk["expires_at"]

	// Unspecified restrictions are inherited.
	r, b := ts.do(t, "POST", "/v1/keys", parent, `{"name":"child","scopes":["models:read"]}`)
	if r.StatusCode != 201 {
		t.Fatalf("create a child: %d %s", r.StatusCode, b)
	}
	var child map[string]any
	json.Unmarshal([]byte(b), &child)
	if fmt.Sprint(child["allowed_models"]) != "[mira-echo]" || fmt.Sprint(child["allowed_cidrs"]) != "[127.0.0.0/8]" ||
		child["expires_at"] != parentExpiry || child["plan"] != "pro" {
		t.Errorf("child = %s; want the parent's models, networks, expiry %v and plan", b, parentExpiry)
	}
	sibling := child["id"].(string)

	in30m := time.Now().Add(30 * time.Minute).Unix()
	create := []struct {
		name, body string
		want       int
		param      string
	}{
		{"every model", `"allowed_models":[]`, 403, "allowed_models"},
		{"another model", `"allowed_models":["gpt-x"]`, 403, "allowed_models"},
		{"its model", `"allowed_models":["mira-echo"]`, 201, ""},
		{"any address", `"allowed_cidrs":[]`, 403, "allowed_cidrs"},
		{"a wider network", `"allowed_cidrs":["0.0.0.0/0"]`, 403, "allowed_cidrs"},
		{"another network", `"allowed_cidrs":["10.0.0.0/8"]`, 403, "allowed_cidrs"},
		{"a narrower network", `"allowed_cidrs":["127.0.0.1"]`, 201, ""},
		{"no expiry", `"expires_at":0`, 403, "expires_at"},
		{"a later expiry", `"expires_in":"2h"`, 403, "expires_at"},
		{"an earlier expiry", fmt.Sprintf(`"expires_at":%d`, in30m), 201, ""},
		{"a higher plan", `"plan":"enterprise"`, 403, "plan"},
		{"a plan with higher limits", `"plan":"free"`, 403, "plan"},
		{"its plan", `"plan":"pro"`, 201, ""},
	}
	for _, tc := range create {
		r, b := ts.do(t, "POST", "/v1/keys", parent, `{"name":"c","scopes":["models:read"],`+tc.body+`}`)
		if r.StatusCode != tc.want || (tc.param != "" && !strings.Contains(b, `"param":"`+tc.param+`"`)) {
			t.Errorf("create with %s: %d %s; want %d param %q", tc.name, r.StatusCode, b, tc.want, tc.param)
		}
	}

	patch := []struct {
		name, body string
		want       int
		param      string
	}{
		{"every model", `{"allowed_models":[]}`, 403, "allowed_models"},
		{"another model", `{"allowed_models":["mira-echo","gpt-x"]}`, 403, "allowed_models"},
		{"any address", `{"allowed_cidrs":[]}`, 403, "allowed_cidrs"},
		{"a wider network", `{"allowed_cidrs":["0.0.0.0/0"]}`, 403, "allowed_cidrs"},
		{"no expiry", `{"expires_at":0}`, 403, "expires_at"},
		{"a later expiry", `{"expires_in":"2h"}`, 403, "expires_at"},
		{"its model", `{"allowed_models":["mira-echo"]}`, 200, ""},
		{"a narrower network", `{"allowed_cidrs":["127.0.0.1"]}`, 200, ""},
	}
	for _, target := range []string{parentID, sibling} {
		for _, tc := range patch {
			r, b := ts.do(t, "PATCH", "/v1/keys/"+target, parent, tc.body)
			if r.StatusCode != tc.want || (tc.param != "" && !strings.Contains(b, `"param":"`+tc.param+`"`)) {
				t.Errorf("PATCH %s with %s: %d %s; want %d param %q", target, tc.name, r.StatusCode, b, tc.want, tc.param)
			}
		}
	}
	// Nothing widened: the parent is as limited as it was.
	_, pb = ts.do(t, "GET", "/v1/keys/"+parentID, parent, "")
	json.Unmarshal([]byte(pb), &pk)
	if fmt.Sprint(pk["allowed_models"]) != "[mira-echo]" || pk["expires_at"] != parentExpiry {
		t.Errorf("parent after the refused patches: %s", pb)
	}
}
