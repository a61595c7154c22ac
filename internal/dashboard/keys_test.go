package dashboard

import (
	"context"
	"net/http"
	"net/url"
	"regexp"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/vmira/mira/internal/apikey"
	"github.com/vmira/mira/internal/audit"
	"github.com/vmira/mira/internal/keys"
	"github.com/vmira/mira/internal/mira"
	"github.com/vmira/mira/internal/reqlog"
	"github.com/vmira/mira/internal/store"
	"github.com/vmira/mira/internal/store/storetest"
)

// userIn creates a user with a role in the organisation named org.
func (e *env) userIn(org, email string, role mira.Role) *mira.User {
	e.t.Helper()
	ctx := context.Background()
	o, err := e.db.OrgByName(ctx, org)
	if err != nil {
		o = &mira.Org{Name: org, Plan: "free"}
		if err := e.db.CreateOrg(ctx, o); err != nil {
			e.t.Fatal(err)
		}
	}
	u := &mira.User{OrgID: o.ID, Email: email, Role: role, PasswordHash: hashed()}
	if err := e.db.CreateUser(ctx, u); err != nil {
		e.t.Fatal(err)
	}
	return u
}

// keyOf creates a key for u directly in the store.
func (e *env) keyOf(u *mira.User, name string) *mira.Key {
	e.t.Helper()
	k, _, err := createAt(e.db, keys.Spec{OrgID: u.OrgID, UserID: u.ID, Name: name}, e.clk.Now())
	if err != nil {
		e.t.Fatal(err)
	}
	return k
}

// createAt creates a key as if at the time now, unaudited.
func createAt(db *store.DB, spec keys.Spec, now time.Time) (*mira.Key, string, error) {
	svc := keys.NewService(keys.Config{Store: db, Secret: testSecret, Now: func() time.Time { return now }})
	return svc.Create(context.Background(), spec, keys.Origin{})
}

var secretRE = regexp.MustCompile(`sk-mira-[0-9A-Za-z]{48}`)

// createForm sends the create-key form of a fresh /dashboard/keys/new.
func (b *browser) createForm(fields url.Values) (form, result page) {
	b.e.t.Helper()
	form = b.get("/dashboard/keys/new")
	if form.Status != 200 || form.field("form_id") == "" {
		b.e.t.Fatalf("GET /dashboard/keys/new = %d: %s", form.Status, form.Body)
	}
	fields.Set("form_id", form.field("form_id"))
	return form, b.submit(form, "/dashboard/keys", fields)
}

func TestKeyLifecycleInDashboard(t *testing.T) {
	storetest.EachDB(t, func(t *testing.T, db *store.DB) {
		e := newEnv(t, db)
		owner := e.userIn("acme", "owner@example.com", mira.RoleOwner)
		b := e.browser("198.51.100.7")
		b.mustSignIn("owner@example.com")

		fields := url.Values{"name": {"billing production"}, "environment": {"production"},
			"scopes": {"chat:write", "models:read", "admin"}, "expires_in": {"90d"},
			"allowed_models": {"mira-echo"}, "allowed_cidrs": {"203.0.113.0/24, 2001:db8::1"}}
		form, created := b.createForm(fields)
		if !strings.Contains(form.Body, `value="admin"`) {
			t.Error("an owner is not offered the admin scope")
		}
		secret := secretRE.FindString(created.Body)
		if created.Status != http.StatusCreated || secret == "" || !apikey.Valid(secret) {
			t.Fatalf("create = %d, secret %q: %s", created.Status, secret, created.Body)
		}
		if !regexp.MustCompile(`<input id="new_key" type="text" readonly value="` + secret + `"`).MatchString(created.Body) {
			t.Error("the secret is not in a read-only input")
		}
		ks, _ := db.ListKeys(context.Background(), owner.OrgID)
		if len(ks) != 1 {
			t.Fatalf("%d keys", len(ks))
		}
		k := ks[0]
		if k.UserID != owner.ID || k.Environment != mira.EnvProduction || mira.JoinScopes(k.Scopes) != "models:read chat:write admin" ||
			!slices.Equal(k.AllowedModels, []string{"mira-echo"}) || len(k.AllowedCIDRs) != 2 || k.ExpiresAt.Sub(e.clk.Now()) < 89*24*time.Hour {
			t.Errorf("created key = %+v", k)
		}
		if string(k.Digest) != string(apikey.Digest(testSecret, secret)) {
			t.Error("the shown secret is not the key's")
		}

		// Sent again (a reload of the result): no second key, no secret.
		again := b.submit(form, "/dashboard/keys", fields)
		if again.Status != http.StatusConflict || secretRE.MatchString(again.Body) || !strings.Contains(again.Body, "already sent") {
			t.Errorf("form sent again = %d: %s", again.Status, again.Body)
		}
		if ks, _ := db.ListKeys(context.Background(), owner.OrgID); len(ks) != 1 {
			t.Errorf("%d keys after sending the form twice", len(ks))
		}
		list := b.get("/dashboard/keys")
		if list.Status != 200 || secretRE.MatchString(list.Body) || !strings.Contains(list.Body, k.Prefix+"…"+k.Last4) {
			t.Errorf("list = %d, display %s: %s", list.Status, k.Prefix+"…"+k.Last4, list.Body)
		}

		// Rotate: a confirmation page, then the new secret once.
		conf := b.get("/dashboard/keys/" + k.ID + "/rotate")
		if conf.Status != 200 || !strings.Contains(conf.Body, `action="/dashboard/keys/`+k.ID+`/rotate"`) {
			t.Fatalf("rotate confirmation = %d", conf.Status)
		}
		rotated := b.submit(conf, "/dashboard/keys/"+k.ID+"/rotate", url.Values{"grace_period": {"1h"}})
		next := secretRE.FindString(rotated.Body)
		if rotated.Status != http.StatusCreated || next == "" || next == secret {
			t.Fatalf("rotate = %d: %s", rotated.Status, rotated.Body)
		}
		old, _ := db.KeyByID(context.Background(), k.ID)
		if want := e.clk.Now().Add(time.Hour); old.RevokedAt.Sub(want).Abs() > time.Second {
			t.Errorf("old key stops at %v; want %v", old.RevokedAt, want)
		}
		if again := b.submit(conf, "/dashboard/keys/"+k.ID+"/rotate", url.Values{"grace_period": {"1h"}}); again.Status != http.StatusConflict || secretRE.MatchString(again.Body) {
			t.Errorf("second rotation of the same key = %d", again.Status)
		}
		newKey, err := db.KeyByDigest(context.Background(), apikey.Digest(testSecret, next))
		if err != nil || newKey.FamilyID != k.FamilyID {
			t.Fatalf("rotated key: %v %+v", err, newKey)
		}

		// Revoke: a confirmation page, then gone.
		conf = b.get("/dashboard/keys/" + newKey.ID + "/revoke")
		if conf.Status != 200 || !strings.Contains(conf.Body, "Revoke") {
			t.Fatalf("revoke confirmation = %d", conf.Status)
		}
		if k, _ := db.KeyByID(context.Background(), newKey.ID); !k.RevokedAt.IsZero() {
			t.Fatal("the confirmation page revoked the key")
		}
		done := b.submit(conf, "/dashboard/keys/"+newKey.ID+"/revoke", nil)
		if done.Status != http.StatusSeeOther || done.Location != "/dashboard/keys?revoked="+newKey.ID {
			t.Fatalf("revoke = %d %s", done.Status, done.Location)
		}
		if k, _ := db.KeyByID(context.Background(), newKey.ID); k.State(e.clk.Now()) != mira.KeyRevoked {
			t.Errorf("key state %s after revoke", k.State(e.clk.Now()))
		}
		if p := b.get(done.Location); !strings.Contains(p.Body, "is revoked") {
			t.Errorf("no confirmation after revoking: %s", p.Body)
		}
		if got := e.keysChanged(); !slices.Equal(got, []string{k.ID, newKey.ID}) {
			t.Errorf("OnKeyChanged got %v; want the rotated then the revoked key", got)
		}

		// Audited: who, from where.
		page, err := e.audit.List(context.Background(), audit.Filter{OrgID: owner.OrgID, Action: "key."})
		if err != nil {
			t.Fatal(err)
		}
		var actions []string
		for _, en := range page.Entries {
			actions = append(actions, en.Action+" "+en.Target)
			if en.Actor != audit.User(owner.ID) || en.ClientIP != "198.51.100.7" {
				t.Errorf("audit entry %+v: want actor user:%s from 198.51.100.7", en, owner.ID)
			}
		}
		want := []string{audit.KeyRevoked + " " + newKey.ID, audit.KeyRotated + " " + k.ID, audit.KeyCreated + " " + k.ID}
		if !slices.Equal(actions, want) {
			t.Errorf("audit = %v; want %v", actions, want)
		}
		ap := b.get("/dashboard/audit")
		if ap.Status != 200 || !strings.Contains(ap.Body, "Chain verified") || !strings.Contains(ap.Body, "key.rotated") {
			t.Errorf("audit page = %d: %s", ap.Status, ap.Body)
		}
	})
}

func TestKeyPagesRoles(t *testing.T) {
	e := newEnv(t, storetest.OpenSQLite(t))
	owner := e.userIn("acme", "owner@example.com", mira.RoleOwner)
	member := e.userIn("acme", "member@example.com", mira.RoleMember)
	stranger := e.userIn("globex", "owner@globex.example", mira.RoleOwner)
	ownerKey := e.keyOf(owner, "owner's key")
	memberKey := e.keyOf(member, "member's key")
	strangerKey := e.keyOf(stranger, "globex key")

	mb := e.browser("198.51.100.8")
	mb.mustSignIn("member@example.com")
	list := mb.get("/dashboard/keys")
	if !strings.Contains(list.Body, memberKey.Prefix) || strings.Contains(list.Body, ownerKey.Prefix) || strings.Contains(list.Body, strangerKey.Prefix) {
		t.Errorf("a member's list shows other keys, or not theirs: %s", list.Body)
	}
	for _, id := range []string{ownerKey.ID, strangerKey.ID, "key_doesnotexist"} {
		for _, action := range []string{"rotate", "revoke"} {
			if p := mb.get("/dashboard/keys/" + id + "/" + action); p.Status != http.StatusNotFound {
				t.Errorf("member GET %s %s = %d; want 404", action, id, p.Status)
			}
			if p := mb.submit(list, "/dashboard/keys/"+id+"/"+action, nil); p.Status != http.StatusNotFound {
				t.Errorf("member POST %s %s = %d; want 404", action, id, p.Status)
			}
		}
	}
	if k, _ := e.db.KeyByID(context.Background(), ownerKey.ID); !k.RevokedAt.IsZero() {
		t.Error("a member revoked the owner's key")
	}
	form, p := mb.createForm(url.Values{"name": {"sneaky"}, "environment": {"development"}, "scopes": {"chat:write", "admin"}, "expires_in": {""}})
	if strings.Contains(form.Body, `value="admin"`) {
		t.Error("a member is offered the admin scope")
	}
	if p.Status != http.StatusForbidden || secretRE.MatchString(p.Body) {
		t.Errorf("member granting admin = %d", p.Status)
	}
	if ks, _ := e.db.ListKeys(context.Background(), member.OrgID); len(ks) != 2 {
		t.Errorf("%d keys in acme; want 2", len(ks))
	}
	if p := mb.get("/dashboard/audit"); p.Status != http.StatusForbidden {
		t.Errorf("member audit page = %d; want 403", p.Status)
	}
	if strings.Contains(mb.get("/dashboard/").Body, `href="/dashboard/audit"`) {
		t.Error("a member's navigation links the audit log")
	}
	if p := mb.get("/dashboard/logs?key=" + ownerKey.ID); p.Status != http.StatusNotFound {
		t.Errorf("member logs of the owner's key = %d; want 404", p.Status)
	}

	// An owner sees the organisation's keys, never another's.
	ob := e.browser("198.51.100.9")
	ob.mustSignIn("owner@example.com")
	list = ob.get("/dashboard/keys")
	if !strings.Contains(list.Body, memberKey.Prefix) || !strings.Contains(list.Body, ownerKey.Prefix) || strings.Contains(list.Body, strangerKey.Prefix) ||
		!strings.Contains(list.Body, "member@example.com") {
		t.Errorf("owner's list: %s", list.Body)
	}
	for _, action := range []string{"rotate", "revoke"} {
		if p := ob.get("/dashboard/keys/" + strangerKey.ID + "/" + action); p.Status != http.StatusNotFound {
			t.Errorf("owner GET %s of another organisation's key = %d; want 404", action, p.Status)
		}
		if p := ob.submit(list, "/dashboard/keys/"+strangerKey.ID+"/"+action, nil); p.Status != http.StatusNotFound {
			t.Errorf("owner POST %s of another organisation's key = %d; want 404", action, p.Status)
		}
	}
	if n := strings.Count(list.Body, "Rotation due"); n != 0 {
		t.Errorf("%d new keys marked for rotation", n)
	}
	if _, _, err := createAt(e.db, keys.Spec{OrgID: owner.OrgID, UserID: owner.ID, Name: "old"}, e.clk.Now().Add(-91*24*time.Hour)); err != nil {
		t.Fatal(err)
	}
	if n := strings.Count(ob.get("/dashboard/keys").Body, "Rotation due"); n != 1 {
		t.Errorf("%d keys marked for rotation; want the one older than 90 days", n)
	}
	if p := ob.submit(list, "/dashboard/keys/"+memberKey.ID+"/revoke", nil); p.Status != http.StatusSeeOther {
		t.Errorf("owner revoking a member's key = %d", p.Status)
	}
	if k, _ := e.db.KeyByID(context.Background(), strangerKey.ID); !k.RevokedAt.IsZero() {
		t.Error("another organisation's key was revoked")
	}
	if p := ob.get("/dashboard/audit"); strings.Contains(p.Body, strangerKey.ID) {
		t.Error("the audit page shows another organisation's entries")
	}
}

func TestKeyFormsCSRF(t *testing.T) {
	e := newEnv(t, storetest.OpenSQLite(t))
	owner := e.userIn("acme", "owner@example.com", mira.RoleOwner)
	k := e.keyOf(owner, "k")
	b := e.browser("198.51.100.1")
	b.mustSignIn("owner@example.com")
	formID := b.get("/dashboard/keys/new").field("form_id")
	token := b.get("/dashboard/keys").csrf()
	for _, f := range []struct {
		path string
		form url.Values
	}{
		{"/dashboard/keys", url.Values{"name": {"x"}, "environment": {"development"}, "scopes": {"chat:write"}, "form_id": {formID}}},
		{"/dashboard/keys/" + k.ID + "/rotate", url.Values{"grace_period": {"0s"}}},
		{"/dashboard/keys/" + k.ID + "/revoke", nil},
	} {
		for _, c := range []struct {
			name, token string
			hdr         [2]string
		}{
			{"missing token", "", [2]string{}},
			{"wrong token", flip(token), [2]string{}},
			{"cross-site", token, [2]string{"Sec-Fetch-Site", "cross-site"}},
		} {
			form := url.Values{}
			for k, v := range f.form {
				form[k] = v
			}
			if c.token != "" {
				form.Set("csrf_token", c.token)
			}
			b.header = http.Header{}
			if c.hdr[0] != "" {
				b.header.Set(c.hdr[0], c.hdr[1])
			}
			if p := b.do(http.MethodPost, f.path, form); p.Status != http.StatusForbidden || secretRE.MatchString(p.Body) {
				t.Errorf("POST %s, %s = %d; want 403", f.path, c.name, p.Status)
			}
			b.header = http.Header{}
		}
	}
	ks, _ := e.db.ListKeys(context.Background(), owner.OrgID)
	if len(ks) != 1 || !ks[0].RevokedAt.IsZero() {
		t.Errorf("a refused form changed the keys: %d keys, revoked at %v", len(ks), ks[0].RevokedAt)
	}
	if len(e.keysChanged()) != 0 {
		t.Error("a refused form announced a key change")
	}
}

func TestUsageAndLogsPages(t *testing.T) {
	e := newEnv(t, storetest.OpenSQLite(t))
	owner := e.userIn("acme", "owner@example.com", mira.RoleOwner)
	member := e.userIn("acme", "member@example.com", mira.RoleMember)
	ok := e.keyOf(owner, "owner key")
	mk := e.keyOf(member, "member key")
	w, err := reqlog.NewWriter(e.db, reqlog.Config{})
	if err != nil {
		t.Fatal(err)
	}
	now := time.Now().UTC()
	for i := range 60 {
		k := ok
		if i%3 == 0 {
			k = mk
		}
		status := 200
		if i%10 == 0 {
			status = 400
		}
		w.Log(reqlog.Entry{Time: now.Add(-time.Duration(i) * 7 * time.Hour), OrgID: owner.OrgID, KeyID: k.ID, Endpoint: "POST /v1/chat/completions",
			Model: "mira-echo", Status: status, Latency: 3 * time.Millisecond, PromptTokens: 10, CompletionTokens: int64(i), ClientIP: "203.0.113.5"})
	}
	if err := w.Close(); err != nil {
		t.Fatal(err)
	}

	ob := e.browser("198.51.100.1")
	ob.mustSignIn("owner@example.com")
	u := ob.get("/dashboard/usage")
	if u.Status != 200 || !strings.Contains(u.Body, "<svg") || strings.Count(u.Body, `class="bar-ok"`) < 10 || !strings.Contains(u.Body, ">60</span> requests") {
		t.Errorf("usage page = %d: %s", u.Status, u.Body)
	}
	if p := ob.get("/dashboard/usage?from=2026-02-01&to=2025-01-01"); p.Status != http.StatusBadRequest {
		t.Errorf("reversed range = %d", p.Status)
	}
	l := ob.get("/dashboard/logs")
	if l.Status != 200 || strings.Count(l.Body, "<tr>") != 51 { // header + 50
		t.Fatalf("logs page = %d with %d rows", l.Status, strings.Count(l.Body, "<tr>"))
	}
	next := regexp.MustCompile(`href="([^"]+)" rel="next"`).FindStringSubmatch(l.Body)
	if next == nil {
		t.Fatal("no link to older requests")
	}
	older := ob.get(strings.ReplaceAll(next[1], "&amp;", "&"))
	if older.Status != 200 || strings.Count(older.Body, "<tr>") != 11 || strings.Contains(older.Body, `rel="next"`) {
		t.Errorf("second page = %d with %d rows", older.Status, strings.Count(older.Body, "<tr>"))
	}
	if p := ob.get("/dashboard/logs?errors=1"); strings.Count(p.Body, "<tr>") != 7 {
		t.Errorf("errors only: %d rows; want 6", strings.Count(p.Body, "<tr>")-1)
	}

	// A member sees only their key's requests.
	mb := e.browser("198.51.100.2")
	mb.mustSignIn("member@example.com")
	if p := mb.get("/dashboard/logs"); p.Status != 200 || strings.Count(p.Body, "<tr>") != 21 || strings.Contains(p.Body, "owner key") {
		t.Errorf("member logs = %d with %d rows", p.Status, strings.Count(p.Body, "<tr>")-1)
	}
	if p := mb.get("/dashboard/usage"); !strings.Contains(p.Body, ">20</span> requests") || strings.Contains(p.Body, "owner key") {
		t.Errorf("member usage: %s", p.Body)
	}
}
