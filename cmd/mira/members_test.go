package main

import (
	"context"
	"encoding/json"
	"net/http"
	"net/url"
	"path/filepath"
	"strings"
	"testing"

	"github.com/vmira/mira/internal/audit"
	orgmembers "github.com/vmira/mira/internal/members"
	"github.com/vmira/mira/internal/notify/notifytest"
)

const ownerEmail, ownerPassword = "owner@example.com", "the owner's long enough password"

// adminUser creates a user with the role, offline, and returns a key of
// theirs with the scopes.
func (ts *testServer) adminUser(t *testing.T, email, password, role, scopes string) string {
	t.Helper()
	if _, stderr, code := ts.mira(t, password+"\n", "admin", "user", "create", "--email", email, "--role", role, "--password-stdin"); code != 0 {
		t.Fatalf("admin user create %s: %s", email, stderr)
	}
	return ts.adminKey(t, email, scopes)
}

func (ts *testServer) adminKey(t *testing.T, email, scopes string) string {
	t.Helper()
	stdout, stderr, code := ts.mira(t, "", "admin", "key", "create", "--email", email, "--name", "k", "--scopes", scopes, "--json")
	if code != 0 {
		t.Fatalf("admin key create for %s: %s", email, stderr)
	}
	var out struct{ Key string }
	json.Unmarshal([]byte(stdout), &out)
	return out.Key
}

type invitationJSON struct {
	ID, Object, Email, Role, URL string
	Emailed                      *bool
	ExpiresAt                    int64 `json:"expires_at"`
}

// invite invites email with role through the API with key.
func (ts *testServer) invite(t *testing.T, key, email, role string) invitationJSON {
	t.Helper()
	resp, body := ts.do(t, "POST", "/v1/members", key, `{"email":"`+email+`","role":"`+role+`"}`)
	if resp.StatusCode != 201 {
		t.Fatalf("invite %s: %d %s", email, resp.StatusCode, body)
	}
	var inv invitationJSON
	if err := json.Unmarshal([]byte(body), &inv); err != nil {
		t.Fatal(err)
	}
	return inv
}

// accept opens an invitation link in b and chooses the password; b is
// then signed in.
func (b *browser) accept(t *testing.T, link, password string) webPage {
	t.Helper()
	u, err := url.Parse(link)
	if err != nil {
		t.Fatal(err)
	}
	page, err := b.get(u.RequestURI())
	if err != nil {
		t.Fatal(err)
	}
	if page.Status != 200 {
		return page
	}
	p, err := b.submit(page, "/invite", url.Values{"token": {page.field("token")}, "password": {password}, "password_confirm": {password}})
	if err != nil {
		t.Fatal(err)
	}
	return p
}

type membersJSON struct {
	Data []struct {
		ID, Email, Role string
	}
	Invitations []invitationJSON
}

func (ts *testServer) members(t *testing.T, key string) membersJSON {
	t.Helper()
	resp, body := ts.do(t, "GET", "/v1/members", key, "")
	if resp.StatusCode != 200 {
		t.Fatalf("GET /v1/members: %d %s", resp.StatusCode, body)
	}
	var out membersJSON
	if err := json.Unmarshal([]byte(body), &out); err != nil {
		t.Fatal(err)
	}
	return out
}

// TestMembersAPI: an owner's admin key invites, the invitee accepts the
// link once and signs in, gets a key and a CLI sign-in; roles change
// within the rules; removal revokes the key, ends the CLI token and the
// browser session; every change is in the verified audit log, and the
// link's token is in no log.
func TestMembersAPI(t *testing.T) {
	ts := startServer(t, "", nil)
	ownerKey := ts.adminUser(t, ownerEmail, ownerPassword, "owner", "admin")
	plainKey := ts.adminKey(t, ownerEmail, "keys:read,keys:write")

	resp, body := ts.do(t, "GET", "/v1/members", plainKey, "")
	checkError(t, resp, body, 403, "insufficient_scope")
	for _, bad := range []string{`{"email":"not an address","role":"member"}`, `{"email":"a@example.com","role":"root"}`, `{"email":"a@example.com","extra":1}`, `{}`} {
		resp, body := ts.do(t, "POST", "/v1/members", ownerKey, bad)
		checkError(t, resp, body, 400, "invalid_request")
	}
	inv := ts.invite(t, ownerKey, "Bob@Example.com", "member")
	if !strings.HasPrefix(inv.URL, ts.issuer()+"/invite?token="+orgmembers.TokenPrefix) || inv.Email != "bob@example.com" || inv.Emailed == nil || *inv.Emailed {
		t.Fatalf("invitation %+v; want a link on %s, not e-mailed (no channel)", inv, ts.issuer())
	}
	token := strings.TrimPrefix(inv.URL, ts.issuer()+"/invite?token=")
	if l := ts.members(t, ownerKey); len(l.Data) != 1 || len(l.Invitations) != 1 || l.Invitations[0].URL != "" {
		t.Fatalf("members %+v; want the owner and one invitation, without its link", l)
	}

	const bobPassword = "bob's long enough password"
	b := newBrowser(t, ts)
	if p := b.accept(t, inv.URL, bobPassword); p.Status != http.StatusSeeOther || p.Location != "/dashboard/" {
		t.Fatalf("accepting: %d %s %s", p.Status, p.Location, p.Body)
	}
	if p, _ := b.get("/dashboard/"); p.Status != 200 || !strings.Contains(p.Body, "bob@example.com") {
		t.Fatalf("bob's dashboard after accepting: %d", p.Status)
	}
	if p := newBrowser(t, ts).accept(t, inv.URL, "someone else's password"); p.Status != 404 {
		t.Fatalf("the link a second time: %d; want 404", p.Status)
	}
	bobKey := ts.adminKey(t, "bob@example.com", "models:read,chat:write")
	bobAdminKey := ts.adminKey(t, "bob@example.com", "admin")
	if resp, body := ts.do(t, "GET", "/v1/models", bobKey, ""); resp.StatusCode != 200 {
		t.Fatalf("bob's key: %d %s", resp.StatusCode, body)
	}
	resp, body = ts.do(t, "GET", "/v1/members", bobAdminKey, "")
	checkError(t, resp, body, 403, "insufficient_scope") // a member, even with the admin scope
	env := cliEnv(ts, t.TempDir())
	cliLogin(t, env, b)
	cred := readCredential(t, filepath.Join(env["XDG_CONFIG_HOME"], "mira", "credentials.json"), ts.URL())

	bobID := ts.user(t, "bob@example.com").ID
	ownerID := ts.user(t, ownerEmail).ID
	resp, body = ts.do(t, "PATCH", "/v1/members/"+bobID, ownerKey, `{"role":"admin"}`)
	if resp.StatusCode != 200 || !strings.Contains(body, `"role":"admin"`) {
		t.Fatalf("promote bob: %d %s", resp.StatusCode, body)
	}
	for _, tc := range []struct {
		name, method, path, body string
		status                   int
		code                     string
	}{
		{"admin grants owner", "PATCH", "/v1/members/" + bobID, `{"role":"owner"}`, 403, "insufficient_scope"},
		{"admin demotes the owner", "PATCH", "/v1/members/" + ownerID, `{"role":"member"}`, 403, "insufficient_scope"},
		{"admin removes the owner", "DELETE", "/v1/members/" + ownerID, "", 403, "insufficient_scope"},
		{"admin invites an owner", "POST", "/v1/members", `{"email":"c@example.com","role":"owner"}`, 403, "insufficient_scope"},
		{"unknown member", "DELETE", "/v1/members/user_nobody", "", 404, "not_found"},
	} {
		resp, body := ts.do(t, tc.method, tc.path, bobAdminKey, tc.body)
		if resp.StatusCode != tc.status || !strings.Contains(body, `"code":"`+tc.code+`"`) {
			t.Errorf("%s: %d %s; want %d %s", tc.name, resp.StatusCode, body, tc.status, tc.code)
		}
	}
	resp, body = ts.do(t, "DELETE", "/v1/members/"+ownerID, ownerKey, "")
	checkError(t, resp, body, 400, "invalid_request") // the last owner

	resp, body = ts.do(t, "DELETE", "/v1/members/"+bobID, ownerKey, "")
	if resp.StatusCode != 200 || !strings.Contains(body, `"revoked_keys":2`) {
		t.Fatalf("remove bob: %d %s", resp.StatusCode, body)
	}
	resp, body = ts.do(t, "GET", "/v1/models", bobKey, "")
	checkError(t, resp, body, 401, "key_revoked")
	resp, body = ts.do(t, "GET", "/v1/models", cred.AccessToken, "")
	checkError(t, resp, body, 401, "invalid_api_key")
	if status, oerr := ts.postForm(t, "/oauth/token", url.Values{"grant_type": {"refresh_token"}, "refresh_token": {cred.RefreshToken}, "client_id": {"mira-cli"}}); status != 400 || oerr != "invalid_grant" {
		t.Errorf("bob's refresh token after removal: %d %q; want 400 invalid_grant", status, oerr)
	}
	if p, _ := b.get("/dashboard/"); p.Status != http.StatusSeeOther || !strings.HasPrefix(p.Location, "/login") {
		t.Errorf("bob's browser session after removal: %d %s; want a redirect to /login", p.Status, p.Location)
	}
	if l := ts.members(t, ownerKey); len(l.Data) != 1 || l.Data[0].Email != ownerEmail {
		t.Errorf("members after removal: %+v", l)
	}
	checkMemberAudit(t, ts, token)
	checkCancelAndForms(t, ts, ownerKey)
}

// checkCancelAndForms: a cancelled invitation's link stops working; forms
// without their CSRF token change nothing; members cannot open the page.
func checkCancelAndForms(t *testing.T, ts *testServer, ownerKey string) {
	t.Helper()
	inv := ts.invite(t, ownerKey, "eve@example.com", "member")
	resp, body := ts.do(t, "DELETE", "/v1/members/invitations/"+inv.ID, ownerKey, "")
	if resp.StatusCode != 200 {
		t.Fatalf("cancel: %d %s", resp.StatusCode, body)
	}
	resp, body = ts.do(t, "DELETE", "/v1/members/invitations/"+inv.ID, ownerKey, "")
	checkError(t, resp, body, 404, "not_found")
	if p := newBrowser(t, ts).accept(t, inv.URL, "eve's long enough password"); p.Status != 404 {
		t.Errorf("a cancelled invitation's link: %d; want 404", p.Status)
	}

	inv = ts.invite(t, ownerKey, "mallory@example.com", "member")
	u, _ := url.Parse(inv.URL)
	b := newBrowser(t, ts)
	page, _ := b.get(u.RequestURI())
	if p, _ := b.do(http.MethodPost, "/invite", url.Values{"token": {page.field("token")}, "password": {"a long enough password"}, "password_confirm": {"a long enough password"}}); p.Status != 403 {
		t.Errorf("accepting without the CSRF token: %d; want 403", p.Status)
	}
	if p := b.accept(t, inv.URL, "short"); p.Status != 400 || !strings.Contains(p.Body, "at least 12 characters") {
		t.Errorf("accepting with a short password: %d; want 400 naming the minimum", p.Status)
	}
	owner := newBrowser(t, ts)
	if err := owner.signIn(ownerEmail, ownerPassword, "/dashboard/"); err != nil {
		t.Fatal(err)
	}
	if p, _ := owner.do(http.MethodPost, "/dashboard/members/invite", url.Values{"email": {"x@example.com"}, "role": {"member"}}); p.Status != 403 {
		t.Errorf("inviting without the CSRF token: %d; want 403", p.Status)
	}
	if p, _ := b.accept(t, inv.URL, "mallory's long enough password"), 0; p.Status != http.StatusSeeOther {
		t.Fatalf("accepting: %d", p.Status)
	}
	if p, _ := b.get("/dashboard/members"); p.Status != 403 {
		t.Errorf("a member opens /dashboard/members: %d; want 403", p.Status)
	}
}

func checkMemberAudit(t *testing.T, ts *testServer, token string) {
	t.Helper()
	page, err := ts.audit.List(context.Background(), audit.Filter{Limit: 1000})
	if err != nil {
		t.Fatal(err)
	}
	seen := map[string]int{}
	for _, e := range page.Entries {
		seen[e.Action]++
		if e.OrgID == "" && strings.HasPrefix(e.Action, "member.") {
			t.Errorf("%s without an organisation", e.Action)
		}
	}
	for action, n := range map[string]int{orgmembers.ActionInvited: 1, audit.UserCreated: 1, audit.RoleChanged: 1, orgmembers.ActionRemoved: 1, audit.KeyRevoked: 2} {
		if seen[action] != n {
			t.Errorf("%d %s entries; want %d (all: %v)", seen[action], action, n, seen)
		}
	}
	if stdout, stderr, code := ts.mira(t, "", "admin", "audit", "verify"); code != 0 {
		t.Errorf("admin audit verify: exit %d\n%s%s", code, stdout, stderr)
	}
	if strings.Contains(ts.logs.String(), token) {
		t.Error("the invitation token is in the server's log")
	}
}

// TestInvitationEmailed: with an e-mail alert channel, the invitation link
// is e-mailed to the invitee alone (not to the channel's recipients), and
// the link in the mail works.
func TestInvitationEmailed(t *testing.T) {
	mp := notifytest.StartMailpit(t)
	ts := startServer(t, "alerts:\n  channels:\n    - {name: mail, type: email, smtp: \""+mp.SMTP+"\", from: \"mira@example.test\", to: [\"sec@example.test\"]}\n", nil)
	ownerKey := ts.adminUser(t, ownerEmail, ownerPassword, "owner", "admin")
	inv := ts.invite(t, ownerKey, "carol@example.com", "admin")
	if inv.Emailed == nil || !*inv.Emailed {
		t.Fatalf("invitation %+v; want emailed", inv)
	}
	var got []notifytest.MailMessage
	for _, m := range mp.Messages(t) {
		if strings.Contains(m.Text, "/invite?token=") {
			got = append(got, m)
		}
	}
	if len(got) != 1 || strings.Join(notifytest.Addresses(got[0].To), ",") != "carol@example.com" || !strings.Contains(got[0].Text, inv.URL) {
		t.Fatalf("mails with a link: %+v; want one, to carol@example.com alone, holding %s", got, inv.URL)
	}
	if p := newBrowser(t, ts).accept(t, inv.URL, "carol's long enough password"); p.Status != http.StatusSeeOther {
		t.Fatalf("accepting the mailed link: %d %s", p.Status, p.Body)
	}
	if u := ts.user(t, "carol@example.com"); u.Role != "admin" {
		t.Errorf("carol joined as %s; want admin", u.Role)
	}
}

// TestMembersCLI: `mira members` lists with --json in the API's
// snake_case, invites (the link alone on stdout, for scripts) and changes
// roles; refusals exit 1 with the server's reason.
func TestMembersCLI(t *testing.T) {
	ts := startServer(t, "", nil)
	ownerKey := ts.adminUser(t, ownerEmail, ownerPassword, "owner", "admin")
	env := map[string]string{"MIRA_BASE_URL": ts.env["MIRA_BASE_URL"], "MIRA_CA_CERT": ts.env["MIRA_CA_CERT"], "MIRA_API_KEY": ownerKey}
	link, stderr, code := runMira(t, env, "", "members", "invite", "fay@example.com", "--role", "admin")
	if code != 0 || !strings.HasPrefix(link, ts.issuer()+"/invite?token=") || strings.Count(link, "\n") != 1 || !strings.Contains(stderr, "shown once") {
		t.Fatalf("members invite: exit %d, stdout %q, stderr %q", code, link, stderr)
	}
	if p := newBrowser(t, ts).accept(t, strings.TrimSpace(link), "fay's long enough password"); p.Status != http.StatusSeeOther {
		t.Fatalf("accepting: %d", p.Status)
	}
	out, stderr, code := runMira(t, env, "", "members", "list", "--json")
	var list struct {
		Data []map[string]any `json:"data"`
	}
	if code != 0 || json.Unmarshal([]byte(out), &list) != nil || len(list.Data) != 2 {
		t.Fatalf("members list --json: exit %d, %q %q", code, out, stderr)
	}
	for _, field := range []string{"id", "email", "role", "created_at"} {
		if list.Data[0][field] == nil {
			t.Errorf("members list --json lacks %s: %v", field, list.Data[0])
		}
	}
	fay := ts.user(t, "fay@example.com").ID
	if out, stderr, code := runMira(t, env, "", "members", "role", fay, "member"); code != 0 || !strings.Contains(out, "is now member") {
		t.Errorf("members role: exit %d, %q %q", code, out, stderr)
	}
	owner := ts.user(t, ownerEmail).ID
	if _, stderr, code := runMira(t, env, "", "members", "remove", owner, "--yes"); code != 1 || !strings.Contains(stderr, "last owner") {
		t.Errorf("removing the last owner: exit %d, %q; want 1 naming the last owner", code, stderr)
	}
	if out, _, code := runMira(t, env, "", "members", "list"); code != 0 || !strings.Contains(out, "fay@example.com") || strings.Contains(out, "\x1b[") {
		t.Errorf("members list (not a terminal): exit %d, %q", code, out)
	}
}

// TestInviteFormSentTwice: sending the dashboard's invite form again (a
// reload of the "invitation created" page, a double click) invites once
// and says so, instead of a second link and a second e-mail; a form
// without its id is refused.
func TestInviteFormSentTwice(t *testing.T) {
	ts := startServer(t, "", nil)
	ownerKey := ts.adminUser(t, ownerEmail, ownerPassword, "owner", "admin")
	owner := newBrowser(t, ts)
	if err := owner.signIn(ownerEmail, ownerPassword, "/dashboard/"); err != nil {
		t.Fatal(err)
	}
	page, err := owner.get("/dashboard/members")
	if err != nil || page.Status != 200 || page.field("form_id") == "" {
		t.Fatalf("members page: %d %v; want an invite form with a form id", page.Status, err)
	}
	form := url.Values{"email": {"carol@example.com"}, "role": {"member"}, "form_id": {page.field("form_id")}}
	first, err := owner.submit(page, "/dashboard/members/invite", form)
	if err != nil || first.Status != http.StatusCreated || !strings.Contains(first.Body, "/invite?token=") {
		t.Fatalf("inviting: %d %v", first.Status, err)
	}
	again, err := owner.submit(page, "/dashboard/members/invite", form)
	if err != nil || again.Status != http.StatusConflict || !strings.Contains(again.Body, "already created") || strings.Contains(again.Body, "/invite?token=") {
		t.Fatalf("the same form again: %d %v; want 409 saying so, without a link", again.Status, err)
	}
	form.Del("form_id")
	if p, _ := owner.submit(page, "/dashboard/members/invite", form); p.Status != http.StatusBadRequest || !strings.Contains(p.Body, "incomplete") {
		t.Errorf("a form without its id: %d; want 400", p.Status)
	}
	if l := ts.members(t, ownerKey); len(l.Invitations) != 1 {
		t.Errorf("%d invitations pending; want 1", len(l.Invitations))
	}
	// A new form (the page loaded again) invites again: only a resent one is refused.
	page, _ = owner.get("/dashboard/members")
	form.Set("form_id", page.field("form_id"))
	form.Set("email", "dave@example.com")
	if p, _ := owner.submit(page, "/dashboard/members/invite", form); p.Status != http.StatusCreated {
		t.Errorf("a new form: %d; want 201", p.Status)
	}
}
