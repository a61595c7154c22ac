package main

import (
	"net/url"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"

	"github.com/vmira/mira/internal/apikey"
)

// otherPerson returns a second browser window with cookies of its own (a
// new browser context of w's chromium), for a second person at once. It
// records no page loads: check w for those.
func (w *web) otherPerson() *web {
	w.t.Helper()
	ctx, cancel := chromedp.NewContext(w.ctx, chromedp.WithNewBrowserContext())
	w.t.Cleanup(cancel)
	if err := chromedp.Do(ctx); err != nil {
		w.t.Fatalf("opening a second browser context: %v", err)
	}
	return &web{t: w.t, ts: w.ts, ctx: ctx, artifacts: w.artifacts, output: w.output}
}

// TestMembersInBrowser is issue 16's scenario: an owner invites a member
// in the dashboard, the member accepts through the link (choosing a
// password, then signed in) and creates a key; the owner changes their
// role, then removes them; the member's key gets 401 key_revoked and
// their session ends.
func TestMembersInBrowser(t *testing.T) {
	requireChromium(t)
	ts := startServer(t, "", nil)
	if _, stderr, code := ts.mira(t, ownerPassword+"\n", "admin", "user", "create", "--email", ownerEmail, "--role", "owner", "--password-stdin"); code != 0 {
		t.Fatalf("admin user create: %s", stderr)
	}
	const memberEmail, memberPassword = "member@example.com", "the member's long enough password"
	member := newWeb(t, ts)
	defer t.Logf("screenshots in %s", member.artifacts)
	owner := member.otherPerson()
	owner.signIn(ownerEmail, ownerPassword)

	owner.open("/dashboard/members")
	if nav := owner.text("nav"); !strings.Contains(nav, "Members") {
		t.Errorf("the owner's navigation lacks Members: %q", nav)
	}
	owner.shot("10-members")
	owner.do("invite",
		chromedp.SendKeys(chromedp.CSS("#invite_email"), memberEmail),
		chromedp.SetValue(chromedp.CSS("#invite_role"), "member"),
		chromedp.Click(chromedp.CSS(`form[action="/dashboard/members/invite"] button[type=submit]`)),
		chromedp.WaitVisible(chromedp.CSS("#invite_link")),
	)
	link := webRun(owner, "read the link", chromedp.Value(chromedp.CSS("#invite_link")))
	if !strings.HasPrefix(link, ts.issuer()+"/invite?token=") {
		t.Fatalf("the invitation link is %q", link)
	}
	owner.shot("11-invitation-created")
	owner.open("/dashboard/members")
	if s := owner.text("main"); !strings.Contains(s, "Pending invitations") || !strings.Contains(s, memberEmail) || strings.Contains(owner.html(), link) {
		t.Errorf("the members page does not list the pending invitation, or shows its link again")
	}

	u, _ := url.Parse(link)
	member.open(u.RequestURI())
	member.shot("12-accept")
	member.do("choose a password",
		chromedp.SendKeys(chromedp.CSS("#password"), memberPassword),
		chromedp.SendKeys(chromedp.CSS("#password_confirm"), memberPassword),
		chromedp.Click(chromedp.CSS("main form button[type=submit]")),
		chromedp.WaitVisible(chromedp.CSS("nav")),
	)
	if p := member.path(); p != "/dashboard/" {
		t.Fatalf("after accepting: %s", p)
	}
	if nav := member.text("nav"); strings.Contains(nav, "Members") {
		t.Errorf("a member's navigation offers Members: %q", nav)
	}
	member.shot("13-member-signed-in")

	member.open("/dashboard/keys/new")
	member.do("create a key",
		chromedp.SendKeys(chromedp.CSS("#name"), "member laptop"),
		chromedp.Click(chromedp.CSS("main form button[type=submit]")),
		chromedp.WaitVisible(chromedp.CSS("#new_key")),
	)
	secret := webRun(member, "read the key", chromedp.Value(chromedp.CSS("#new_key")))
	if !apikey.Valid(secret) {
		t.Fatalf("the page shows %q, not a key", secret)
	}
	if resp, body := ts.do(t, "GET", "/v1/models", secret, ""); resp.StatusCode != 200 {
		t.Fatalf("the member's key: %d %s", resp.StatusCode, body)
	}

	memberID := ts.user(t, memberEmail).ID
	owner.open("/dashboard/members")
	owner.do("make them admin",
		chromedp.SetValue(chromedp.CSS("#role-"+memberID), "admin"),
		chromedp.Click(chromedp.CSS("#"+memberID+" .rowform button")),
		chromedp.WaitVisible(chromedp.CSS(".notice")),
	)
	if row := owner.text("#" + memberID); !strings.Contains(owner.text(".notice"), "role was changed") ||
		webRun(owner, "role", chromedp.Value(chromedp.CSS("#role-"+memberID))) != "admin" {
		t.Errorf("after the role change: %q, row %q", owner.text(".notice"), row)
	}
	owner.shot("14-role-changed")
	owner.do("remove",
		chromedp.Click(chromedp.CSS("#"+memberID+" a.danger")),
		chromedp.WaitVisible(chromedp.CSS("main form button.danger")),
	)
	if resp, _ := ts.do(t, "GET", "/v1/models", secret, ""); resp.StatusCode != 200 {
		t.Fatal("the confirmation page removed the member")
	}
	owner.shot("15-remove-confirm")
	owner.do("confirm",
		chromedp.Click(chromedp.CSS("main form button.danger")),
		chromedp.WaitVisible(chromedp.CSS(".notice")),
	)
	if s := owner.text(".notice"); !strings.Contains(s, "1 key revoked") {
		t.Errorf("after removing: %q", s)
	}
	if strings.Contains(owner.text("main"), memberEmail) {
		t.Error("the removed member is still listed")
	}
	owner.shot("16-removed")

	resp, body := ts.do(t, "GET", "/v1/models", secret, "")
	checkError(t, resp, body, 401, "key_revoked")
	member.open("/dashboard/keys")
	if p := member.path(); !strings.HasPrefix(p, "/login?next=") {
		t.Errorf("the removed member's session still works: %s", p)
	}
	member.shot("17-member-session-ended")
	member.open(u.RequestURI())
	if s := member.text("main"); !strings.Contains(s, "does not work") {
		t.Errorf("the used link: %q", s)
	}
	member.shot("18-link-used")

	owner.open("/dashboard/audit")
	for _, action := range []string{"member.invited", "user.created", "role.changed", "member.removed", "key.revoked"} {
		if !strings.Contains(owner.html(), action) {
			t.Errorf("the audit page lacks %s", action)
		}
	}
	member.check()
}
