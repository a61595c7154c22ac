package dashboard

import (
	"context"
	"net/http"
	"net/url"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/vmira/mira/internal/oauth"
	"github.com/vmira/mira/internal/session"
	"github.com/vmira/mira/internal/store/storetest"
)

// TestCSRF sends every state-changing form without its token, with a
// wrong one, and cross-site with the right one: all refused, nothing done.
func TestCSRF(t *testing.T) {
	e := newEnv(t, storetest.OpenSQLite(t))
	alice := e.user("alice@example.com")
	e.user("totp@example.com")
	d := e.startDevice()

	b := e.browser("198.51.100.1")
	b.mustSignIn("alice@example.com")
	other := e.browser("198.51.100.2")
	other.mustSignIn("alice@example.com")
	otherToken := other.get("/device").csrf()

	// A session with a pending TOTP step, for /login/2fa.
	tb := e.browser("198.51.100.3")
	tb.mustSignIn("totp@example.com")
	setup := tb.submit(tb.get("/dashboard/security"), "/dashboard/security/2fa/setup", nil)
	secret := regexp.MustCompile(`id="totp_secret">([A-Z2-7]+)<`).FindStringSubmatch(setup.Body)
	if secret == nil {
		t.Fatalf("no TOTP secret on the setup page: %s", setup.Body)
	}
	code, _ := session.TOTPCode(secret[1], e.clk.Now())
	if p := tb.submit(setup, "/dashboard/security/2fa/confirm", url.Values{"code": {code}}); p.Status != http.StatusSeeOther {
		t.Fatalf("confirm TOTP = %d", p.Status)
	}
	tb.submit(tb.get("/dashboard/"), "/logout", nil)
	if p := tb.signIn("totp@example.com"); !strings.HasPrefix(p.Location, "/login/2fa") {
		t.Fatalf("TOTP sign-in = %d %s", p.Status, p.Location)
	}
	loginBrowser := e.browser("198.51.100.4")
	loginBrowser.get("/login") // gets the pre-session CSRF cookie

	confirm := b.submit(b.get("/device"), "/device", url.Values{"user_code": {d.UserCode}})
	reqID := confirm.field("request_id")
	if reqID == "" {
		t.Fatalf("no request id: %s", confirm.Body)
	}

	forms := []struct {
		b    *browser
		path string
		form url.Values
	}{
		{loginBrowser, "/login", url.Values{"email": {"alice@example.com"}, "password": {goodPassword}}},
		{tb, "/login/2fa", url.Values{"code": {"123456"}}},
		{b, "/logout", nil},
		{b, "/device", url.Values{"user_code": {d.UserCode}}},
		{b, "/device/decide", url.Values{"request_id": {reqID}, "decision": {"approve"}}},
		{b, "/dashboard/security/password", url.Values{"current_password": {goodPassword}, "new_password": {"another long password"}, "confirm_password": {"another long password"}}},
		{b, "/dashboard/security/2fa/setup", nil},
		{b, "/dashboard/security/2fa/confirm", url.Values{"code": {"123456"}}},
		{b, "/dashboard/security/2fa/disable", url.Values{"code": {"123456"}}},
	}
	for _, f := range forms {
		var token string
		if f.path == "/login" {
			token = f.b.get("/login").csrf()
		} else {
			token = f.b.get("/dashboard/").csrf()
			if f.b == tb {
				token = tb.get("/login/2fa").csrf()
			}
		}
		if token == "" {
			t.Fatalf("%s: no CSRF token to start from", f.path)
		}
		cases := []struct {
			name  string
			token string
			hdr   [2]string
		}{
			{"missing token", "", [2]string{}},
			{"wrong token", flip(token), [2]string{}},
			{"another session's token", otherToken, [2]string{}},
			{"cross-site (Sec-Fetch-Site)", token, [2]string{"Sec-Fetch-Site", "cross-site"}},
			{"cross-origin (Origin)", token, [2]string{"Origin", "https://evil.example"}},
		}
		for _, c := range cases {
			if f.path == "/login" && c.name == "another session's token" {
				continue // no session there
			}
			form := url.Values{}
			for k, v := range f.form {
				form[k] = v
			}
			if c.token != "" {
				form.Set("csrf_token", c.token)
			}
			f.b.header = http.Header{}
			if c.hdr[0] != "" {
				f.b.header.Set(c.hdr[0], c.hdr[1])
			}
			p := f.b.do(http.MethodPost, f.path, form)
			f.b.header = http.Header{}
			if p.Status != http.StatusForbidden {
				t.Errorf("POST %s, %s = %d; want 403", f.path, c.name, p.Status)
			}
		}
	}
	// Nothing happened: still signed in, no TOTP set up, the request
	// pending, the password unchanged.
	if p := b.get("/dashboard/"); p.Status != 200 {
		t.Errorf("the refused logout signed out: %d", p.Status)
	}
	if ok, _ := e.sessions.TOTPEnrolled(context.Background(), alice.ID); ok {
		t.Error("a refused form set up TOTP")
	}
	if _, body := e.pollOnce(d.DeviceCode); body["error"] != "authorization_pending" {
		t.Errorf("a refused form decided the request: %v", body)
	}
	if p := e.browser("198.51.100.9").signIn("alice@example.com"); p.Status != http.StatusSeeOther {
		t.Errorf("the password changed through a refused form: %d", p.Status)
	}
	// Same-origin requests from a browser pass.
	b.header = http.Header{"Sec-Fetch-Site": {"same-origin"}, "Origin": {e.srv.URL}}
	if p := b.submit(confirm, "/device/decide", url.Values{"request_id": {reqID}, "decision": {"approve"}}); p.Status != 200 {
		t.Errorf("same-origin approval = %d", p.Status)
	}
}

func TestSignInPages(t *testing.T) {
	e := newEnv(t, storetest.OpenSQLite(t), func(_ *oauth.Config, s *session.Config) {
		s.Limits = session.Limits{SlowAfter: 2, PerAccountIP: 3, PerAccount: 100, PerIP: 100}
	})
	e.user("alice@example.com")
	// The slow-down counts seconds since the last failure; a frozen clock
	// keeps a slow password hash on a loaded machine from counting.
	e.clk.Freeze()
	b := e.browser("203.0.113.66")
	wrong := func() page {
		login := b.get("/login")
		return b.submit(login, "/login", url.Values{"email": {"alice@example.com"}, "password": {"not the password"}})
	}
	for range 2 {
		if p := wrong(); p.Status != http.StatusUnauthorized || !strings.Contains(p.Body, "incorrect") {
			t.Fatalf("wrong password = %d", p.Status)
		}
	}
	p := wrong()
	if p.Status != http.StatusTooManyRequests || p.Header.Get("Retry-After") != "1" {
		t.Fatalf("immediate retry = %d, Retry-After %q; want 429 and 1", p.Status, p.Header.Get("Retry-After"))
	}
	e.clk.Add(2 * time.Second)
	if p := wrong(); p.Status != http.StatusUnauthorized {
		t.Fatalf("third failure = %d", p.Status)
	}
	e.clk.Add(time.Minute)
	if p := b.signIn("alice@example.com"); p.Status != http.StatusTooManyRequests || !strings.Contains(p.Body, "Too many failed sign-ins") {
		t.Errorf("right password while locked = %d; want 429", p.Status)
	}

	// Redirects after sign-in stay on this site.
	ok := e.browser("198.51.100.1")
	login := ok.get("/login?next=//evil.example/")
	if p := ok.submit(login, "/login", url.Values{"email": {"alice@example.com"}, "password": {goodPassword}, "next": {login.field("next")}}); p.Location != "/dashboard/" {
		t.Errorf("next=//evil.example redirected to %q", p.Location)
	}
	if p := ok.get("/login"); p.Status != http.StatusSeeOther {
		t.Errorf("GET /login when signed in = %d; want a redirect", p.Status)
	}
	if p := e.browser("198.51.100.2").get("/dashboard/security"); p.Status != http.StatusSeeOther || p.Location != "/login?next=%2Fdashboard%2Fsecurity" {
		t.Errorf("signed-out page = %d %s", p.Status, p.Location)
	}
	if p := e.browser("198.51.100.2").do(http.MethodPost, "/device", url.Values{}); p.Status != http.StatusForbidden {
		t.Errorf("signed-out POST = %d; want 403", p.Status)
	}
}

// TestTOTPPages: enrolment, sign-in with a second factor, replay refused,
// and a fresh code required to approve a device.
func TestTOTPPages(t *testing.T) {
	e := newEnv(t, storetest.OpenSQLite(t))
	u := e.user("alice@example.com")
	b := e.browser("198.51.100.1")
	b.mustSignIn("alice@example.com")
	sec := b.get("/dashboard/security")
	setup := b.submit(sec, "/dashboard/security/2fa/setup", nil)
	m := regexp.MustCompile(`id="totp_secret">([A-Z2-7]+)<`).FindStringSubmatch(setup.Body)
	if setup.Status != 200 || m == nil || !strings.Contains(setup.Body, "otpauth://totp/") {
		t.Fatalf("setup page = %d: %s", setup.Status, setup.Body)
	}
	secret := m[1]
	if p := b.submit(setup, "/dashboard/security/2fa/confirm", url.Values{"code": {"000000"}}); p.Status != http.StatusBadRequest || !strings.Contains(p.Body, secret) {
		t.Errorf("wrong confirmation code = %d; want 400 and the setup shown again", p.Status)
	}
	code, _ := session.TOTPCode(secret, e.clk.Now())
	if p := b.submit(setup, "/dashboard/security/2fa/confirm", url.Values{"code": {code}}); p.Location != "/dashboard/security?done=totp-enabled" {
		t.Fatalf("confirm = %d %s", p.Status, p.Location)
	}

	// Sign in again: the password alone is not enough.
	b.submit(b.get("/dashboard/"), "/logout", nil)
	p := b.signIn("alice@example.com")
	if p.Status != http.StatusSeeOther || p.Location != "/login/2fa?next=%2Fdashboard%2F" {
		t.Fatalf("password step = %d %s", p.Status, p.Location)
	}
	if p := b.get("/dashboard/"); p.Status != http.StatusSeeOther || !strings.HasPrefix(p.Location, "/login/2fa") {
		t.Errorf("dashboard with the second step pending = %d %s", p.Status, p.Location)
	}
	mfa := b.get("/login/2fa?next=%2Fdashboard%2F")
	if p := b.submit(mfa, "/login/2fa", url.Values{"code": {code}, "next": {"/dashboard/"}}); p.Status != http.StatusUnauthorized {
		t.Errorf("the enrolment code replayed at sign-in = %d; want 401", p.Status)
	}
	e.clk.Add(30 * time.Second)
	code, _ = session.TOTPCode(secret, e.clk.Now())
	if p := b.submit(mfa, "/login/2fa", url.Values{"code": {code}, "next": {"/dashboard/"}}); p.Status != http.StatusSeeOther || p.Location != "/dashboard/" {
		t.Fatalf("second step = %d %s", p.Status, p.Location)
	}
	if p := b.get("/dashboard/"); p.Status != 200 {
		t.Fatalf("dashboard after both steps = %d", p.Status)
	}

	// Approving a device needs a fresh code; denying does not.
	d := e.startDevice()
	confirm := b.submit(b.get("/device"), "/device", url.Values{"user_code": {d.UserCode}})
	if !strings.Contains(confirm.Body, `name="totp_code"`) {
		t.Fatal("the approval form does not ask for a code")
	}
	approve := func(totp string) page {
		return b.submit(confirm, "/device/decide", url.Values{"request_id": {confirm.field("request_id")}, "decision": {"approve"}, "totp_code": {totp}})
	}
	if p := approve(""); p.Status != http.StatusUnauthorized {
		t.Errorf("approve without a code = %d; want 401", p.Status)
	}
	if p := approve(code); p.Status != http.StatusUnauthorized {
		t.Errorf("approve with the sign-in code replayed = %d; want 401", p.Status)
	}
	if _, body := e.pollOnce(d.DeviceCode); body["error"] != "authorization_pending" {
		t.Fatalf("approved without a fresh code: %v", body)
	}
	e.clk.Add(30 * time.Second)
	code, _ = session.TOTPCode(secret, e.clk.Now())
	if p := approve(code); p.Status != 200 || !strings.Contains(p.Body, "Device approved") {
		t.Fatalf("approve with a fresh code = %d", p.Status)
	}
	if status, body := e.pollOnce(d.DeviceCode); status != 200 {
		t.Fatalf("token after approval = %d %v", status, body)
	}
	_ = u
}

// TestPasswordChangeRevokesTokens: changing the password ends CLI sign-ins.
func TestPasswordChangeRevokesTokens(t *testing.T) {
	e := newEnv(t, storetest.OpenSQLite(t))
	e.user("alice@example.com")
	b := e.browser("198.51.100.1")
	b.mustSignIn("alice@example.com")
	d := e.startDevice()
	confirm := b.submit(b.get("/device"), "/device", url.Values{"user_code": {d.UserCode}})
	b.submit(confirm, "/device/decide", url.Values{"request_id": {confirm.field("request_id")}, "decision": {"approve"}})
	_, tok := e.pollOnce(d.DeviceCode)
	if tok["refresh_token"] == nil {
		t.Fatalf("no tokens: %v", tok)
	}
	sec := b.get("/dashboard/security")
	if p := b.submit(sec, "/dashboard/security/password", url.Values{"current_password": {goodPassword}, "new_password": {"x"}, "confirm_password": {"y"}}); p.Status != http.StatusBadRequest {
		t.Errorf("mismatched new passwords = %d", p.Status)
	}
	if p := b.submit(sec, "/dashboard/security/password", url.Values{"current_password": {goodPassword}, "new_password": {"a brand new password"}, "confirm_password": {"a brand new password"}}); p.Location != "/dashboard/security?done=password" {
		t.Fatalf("change password = %d %s: %s", p.Status, p.Location, p.Body)
	}
	status, body := e.post("/oauth/token", url.Values{"grant_type": {oauth.GrantTypeRefreshToken}, "refresh_token": {tok["refresh_token"].(string)}, "client_id": {oauth.ClientID}})
	if status != 400 || body["error"] != "invalid_grant" {
		t.Errorf("refresh after a password change = %d %v; want invalid_grant", status, body)
	}
	if _, err := e.oauth.VerifyAccessToken(context.Background(), tok["access_token"].(string)); err == nil {
		t.Error("the access token survived a password change")
	}
}

func TestPageSecurity(t *testing.T) {
	e := newEnv(t, storetest.OpenSQLite(t))
	b := e.browser("198.51.100.1")
	p := b.get("/login")
	for k, want := range map[string]string{
		"Content-Security-Policy": ContentSecurityPolicy,
		"X-Frame-Options":         "DENY",
		"X-Content-Type-Options":  "nosniff",
		"Cache-Control":           "no-store",
		"Content-Type":            "text/html; charset=utf-8",
	} {
		if got := p.Header.Get(k); got != want {
			t.Errorf("%s = %q; want %q", k, got, want)
		}
	}
	var csrfCookie *http.Cookie
	u, _ := url.Parse(e.srv.URL)
	for _, c := range b.c.Jar.Cookies(u) {
		if c.Name == session.CSRFCookie {
			csrfCookie = c
		}
	}
	if csrfCookie == nil {
		t.Error("GET /login set no CSRF cookie")
	}
	for _, asset := range []struct{ path, ctype string }{
		{regexp.MustCompile(`href="(/static/mira.css[^"]*)"`).FindStringSubmatch(p.Body)[1], "text/css; charset=utf-8"},
		{regexp.MustCompile(`src="(/static/mira.js[^"]*)"`).FindStringSubmatch(p.Body)[1], "text/javascript; charset=utf-8"},
	} {
		a := b.get(asset.path)
		if a.Status != 200 || a.Header.Get("Content-Type") != asset.ctype || !strings.Contains(a.Header.Get("Cache-Control"), "immutable") {
			t.Errorf("GET %s = %d %q %q", asset.path, a.Status, a.Header.Get("Content-Type"), a.Header.Get("Cache-Control"))
		}
	}
	if a := b.get("/static/nope.js"); a.Status != 404 {
		t.Errorf("missing asset = %d", a.Status)
	}
	// No inline script, style or event handler anywhere: the CSP would
	// block them, so they must not exist.
	files, _ := filepath.Glob("templates/*.html")
	inline := regexp.MustCompile(`(?i)<style|\sstyle=|\son[a-z]+=|javascript:|https?://`)
	scripts := regexp.MustCompile(`(?is)<script([^>]*)>(.*?)</script>`)
	for _, f := range files {
		raw, _ := os.ReadFile(f)
		if m := inline.FindString(string(raw)); m != "" {
			t.Errorf("%s has inline style, an event handler or an external resource: %q", f, m)
		}
		for _, m := range scripts.FindAllStringSubmatch(string(raw), -1) {
			if !strings.Contains(m[1], `src="`) || strings.TrimSpace(m[2]) != "" {
				t.Errorf("%s has an inline script: %q", f, m[0])
			}
		}
	}
	// Labels: every visible input has a label.
	for _, f := range files {
		raw, _ := os.ReadFile(f)
		for _, id := range regexp.MustCompile(`<input[^>]*\sid="([^"]+)"`).FindAllStringSubmatch(string(raw), -1) {
			if !strings.Contains(string(raw), `for="`+id[1]+`"`) {
				t.Errorf("%s: input #%s has no label", f, id[1])
			}
		}
	}
}

// flip changes the first character of a token.
func flip(s string) string {
	if s[0] == 'x' {
		return "y" + s[1:]
	}
	return "x" + s[1:]
}
