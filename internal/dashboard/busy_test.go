package dashboard

import (
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/vmira/mira/internal/password"
	"github.com/vmira/mira/internal/store/storetest"
)

// TestBusyPasswordChecks: while the password package sheds work (a
// sign-in flood), the sign-in and password-change forms answer 503 with
// Retry-After, not "incorrect", and count no failure.
func TestBusyPasswordChecks(t *testing.T) {
	e := newEnv(t, storetest.OpenSQLite(t))
	e.user("alice@example.com")
	b := e.browser("198.51.100.1")
	b.mustSignIn("alice@example.com")
	sec := b.get("/dashboard/security")
	other := e.browser("203.0.113.5")
	login := other.get("/login")

	restore := password.Saturate()
	defer func() {
		if restore != nil {
			restore()
		}
	}()
	for range 6 { // more than the failures that would slow or lock sign-in
		p := other.submit(login, "/login", url.Values{"email": {"alice@example.com"}, "password": {goodPassword}})
		if p.Status != http.StatusServiceUnavailable || p.Header.Get("Retry-After") == "" || !strings.Contains(p.Body, "busy") {
			t.Fatalf("sign-in while saturated = %d, Retry-After %q: %s; want 503 with Retry-After", p.Status, p.Header.Get("Retry-After"), p.Body)
		}
	}
	p := b.submit(sec, "/dashboard/security/password", url.Values{"current_password": {goodPassword}, "new_password": {"a brand new password"}, "confirm_password": {"a brand new password"}})
	if p.Status != http.StatusServiceUnavailable || p.Header.Get("Retry-After") == "" || !strings.Contains(p.Body, "busy") {
		t.Fatalf("password change while saturated = %d, Retry-After %q: %s; want 503 with Retry-After", p.Status, p.Header.Get("Retry-After"), p.Body)
	}
	restore()
	restore = nil

	other.mustSignIn("alice@example.com") // nothing was counted against it
	if p := b.submit(sec, "/dashboard/security/password", url.Values{"current_password": {goodPassword}, "new_password": {"a brand new password"}, "confirm_password": {"a brand new password"}}); p.Location != "/dashboard/security?done=password" {
		t.Errorf("password change after the flood = %d %s", p.Status, p.Location)
	}
}
