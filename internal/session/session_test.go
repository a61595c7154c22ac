package session

import (
	"context"
	"errors"
	"net/http"
	"net/http/httptest"
	"net/netip"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/vmira/mira/internal/attempts"
	"github.com/vmira/mira/internal/mira"
	"github.com/vmira/mira/internal/password"
	"github.com/vmira/mira/internal/store"
	"github.com/vmira/mira/internal/store/storetest"
	"github.com/vmira/mira/internal/testkit"
)

var testSecret = []byte("0123456789abcdef0123456789abcdef")

const goodPassword = "correct horse battery staple"

var (
	hashOnce sync.Once
	goodHash string
)

// hashed returns the hash of goodPassword, computed once: argon2id is slow
// on purpose.
func hashed(t *testing.T) string {
	hashOnce.Do(func() {
		var err error
		if goodHash, err = password.Hash(goodPassword); err != nil {
			panic(err)
		}
	})
	return goodHash
}

// newClock returns a clock that moves only when told.
func newClock() *testkit.Clock { return testkit.NewClock(time.Date(2025, 6, 1, 12, 0, 0, 0, time.UTC)) }

func newUser(t *testing.T, db *store.DB, email string) *mira.User {
	t.Helper()
	ctx := context.Background()
	org, err := db.OrgByName(ctx, "acme")
	if err != nil {
		org = &mira.Org{Name: "acme", Plan: "free"}
		if err := db.CreateOrg(ctx, org); err != nil {
			t.Fatal(err)
		}
	}
	u := &mira.User{OrgID: org.ID, Email: email, Role: mira.RoleMember, PasswordHash: hashed(t)}
	if err := db.CreateUser(ctx, u); err != nil {
		t.Fatal(err)
	}
	return u
}

func newManager(t *testing.T, db *store.DB, clk *testkit.Clock, mutate ...func(*Config)) *Manager {
	t.Helper()
	cfg := Config{
		Now: clk.Now,
		ClientIP: func(r *http.Request) netip.Addr {
			if ip, err := netip.ParseAddr(r.Header.Get("X-Test-IP")); err == nil {
				return ip
			}
			return netip.MustParseAddr("192.0.2.1")
		},
		Limits: Limits{PerAccountIP: 4, SlowAfter: 2, PerAccount: 6, PerIP: 100},
	}
	for _, m := range mutate {
		m(&cfg)
	}
	m, err := New(cfg, db, testSecret)
	if err != nil {
		t.Fatal(err)
	}
	return m
}

// browser keeps cookies between calls, like a browser would.
type browser struct {
	ip      string
	cookies map[string]*http.Cookie
}

func newBrowser(ip string) *browser { return &browser{ip: ip, cookies: map[string]*http.Cookie{}} }

func (b *browser) request() (*httptest.ResponseRecorder, *http.Request) {
	r := httptest.NewRequest(http.MethodPost, "https://mira.test/login", nil)
	r.Header.Set("X-Test-IP", b.ip)
	for _, c := range b.cookies {
		r.AddCookie(c)
	}
	return httptest.NewRecorder(), r
}

func (b *browser) keep(w *httptest.ResponseRecorder) {
	for _, c := range w.Result().Cookies() {
		if c.MaxAge < 0 {
			delete(b.cookies, c.Name)
		} else {
			b.cookies[c.Name] = c
		}
	}
}

func (b *browser) signIn(m *Manager, email, pw string) (*SignInResult, error) {
	w, r := b.request()
	res, err := m.SignIn(w, r, email, pw)
	b.keep(w)
	return res, err
}

func (b *browser) current(m *Manager) *Session {
	w, r := b.request()
	s, _ := m.Current(w, r)
	b.keep(w)
	return s
}

func TestTOTPVectors(t *testing.T) {
	// RFC 6238 Appendix B (SHA-1), last six digits.
	secret := []byte("12345678901234567890")
	for _, tc := range []struct {
		unix int64
		want string
	}{
		{59, "287082"}, {1111111109, "081804"}, {1111111111, "050471"},
		{1234567890, "005924"}, {2000000000, "279037"}, {20000000000, "353130"},
	} {
		if got := totpCode(secret, uint64(tc.unix/30)); got != tc.want {
			t.Errorf("TOTP at %d = %s; want %s", tc.unix, got, tc.want)
		}
	}
}

func TestSafeNext(t *testing.T) {
	for in, want := range map[string]string{
		"/device?user_code=BCDF-GHJK": "/device?user_code=BCDF-GHJK",
		"/dashboard/security":         "/dashboard/security",
		"":                            "/dashboard/",
		"//evil.example/":             "/dashboard/",
		"/\\evil.example":             "/dashboard/",
		"https://evil.example/":       "/dashboard/",
		"javascript:alert(1)":         "/dashboard/",
		"evil":                        "/dashboard/",
		"/x\r\nSet-Cookie: a=b":       "/dashboard/",
	} {
		if got := SafeNext(in); got != want {
			t.Errorf("SafeNext(%q) = %q; want %q", in, got, want)
		}
	}
}

func TestSignInAndSessions(t *testing.T) {
	storetest.EachDB(t, func(t *testing.T, db *store.DB) {
		clk := newClock()
		m := newManager(t, db, clk, func(c *Config) {
			c.IdleTimeout = time.Hour
			c.AbsoluteTimeout = 3 * time.Hour
		})
		u := newUser(t, db, "alice@example.com")
		b := newBrowser("192.0.2.10")
		res, err := b.signIn(m, "Alice@Example.com ", goodPassword)
		if err != nil || res.MFARequired {
			t.Fatalf("SignIn = %+v, %v", res, err)
		}
		c := b.cookies[SessionCookie]
		if c == nil || !c.Secure || !c.HttpOnly || c.SameSite != http.SameSiteLaxMode || c.Path != "/" || c.Domain != "" {
			t.Fatalf("session cookie = %+v; want Secure, HttpOnly, SameSite=Lax, Path=/, host-only", c)
		}
		if b.cookies[DeviceCookie] == nil {
			t.Error("no device cookie after a sign-in")
		}
		var stored int
		db.SQL().QueryRow(db.Rebind(`SELECT count(*) FROM browser_sessions WHERE digest = ?`), []byte(c.Value)).Scan(&stored)
		if stored != 0 {
			t.Error("the session secret is stored in the clear")
		}
		if s := b.current(m); s == nil || s.User.ID != u.ID {
			t.Fatalf("Current = %v; want alice's session", s)
		}
		// Idle expiry, touched by use.
		clk.Advance(50 * time.Minute)
		if b.current(m) == nil {
			t.Fatal("session ended before its idle timeout")
		}
		clk.Advance(50 * time.Minute)
		if b.current(m) == nil {
			t.Fatal("a used session ended: idle time must count from the last use")
		}
		clk.Advance(61 * time.Minute)
		if b.current(m) != nil {
			t.Fatal("session survived an hour idle")
		}
		// Absolute expiry, however busy.
		b.signIn(m, "alice@example.com", goodPassword)
		for i := 0; i < 6; i++ {
			clk.Advance(30 * time.Minute)
			if s := b.current(m); (s != nil) != (i < 5) {
				t.Fatalf("after %v: session = %v", time.Duration(i+1)*30*time.Minute, s)
			}
		}
		// Sign-out deletes the session on the server.
		b.signIn(m, "alice@example.com", goodPassword)
		stolen := *b.cookies[SessionCookie]
		w, r := b.request()
		m.SignOut(w, r)
		b.keep(w)
		thief := newBrowser("203.0.113.9")
		thief.cookies[SessionCookie] = &stolen
		if thief.current(m) != nil {
			t.Error("a signed-out session cookie still works")
		}
	})
}

func TestSignInBruteForce(t *testing.T) {
	storetest.EachDB(t, func(t *testing.T, db *store.DB) {
		clk := newClock()
		m := newManager(t, db, clk)
		newUser(t, db, "alice@example.com")
		attacker := newBrowser("203.0.113.66")

		var locked *attempts.LockedError
		try := func(b *browser, pw string) error {
			_, err := b.signIn(m, "alice@example.com", pw)
			return err
		}
		// SlowAfter=2: two failures, then each try waits 1 s, 2 s, ...
		for i := range 2 {
			if err := try(attacker, "wrong password 1"); !errors.Is(err, ErrBadCredentials) {
				t.Fatalf("failure %d = %v", i, err)
			}
		}
		if err := try(attacker, goodPassword); !errors.As(err, &locked) {
			t.Fatalf("immediate retry after 2 failures = %v; want LockedError (slowed down)", err)
		}
		clk.Advance(time.Second)
		if err := try(attacker, "wrong password 3"); !errors.Is(err, ErrBadCredentials) {
			t.Fatalf("retry after the wait = %v", err)
		}
		clk.Advance(time.Second)
		if err := try(attacker, "x"); !errors.As(err, &locked) || locked.RetryAfter != time.Second {
			t.Fatalf("retry 1 s after the 3rd failure = %v; want a 2 s wait, 1 s left", err)
		}
		clk.Advance(time.Second)
		if err := try(attacker, "wrong password 4"); !errors.Is(err, ErrBadCredentials) {
			t.Fatalf("4th failure = %v", err)
		}
		// PerAccountIP=4: this address is locked out of the account, even
		// with the right password, until the window ends.
		clk.Advance(time.Hour / 10)
		if err := try(attacker, goodPassword); !errors.As(err, &locked) {
			t.Fatalf("right password after the lock = %v; want LockedError", err)
		}
		// The owner, elsewhere, is not affected.
		owner := newBrowser("198.51.100.1")
		if err := try(owner, goodPassword); err != nil {
			t.Fatalf("the owner from another address: %v", err)
		}
		clk.Advance(15 * time.Minute)
		if err := try(attacker, goodPassword); err != nil {
			t.Errorf("after the window the lock must end: %v", err)
		}

		// Unknown addresses answer the same way: no account enumeration.
		ghost := newBrowser("203.0.113.70")
		for range 2 {
			if _, err := ghost.signIn(m, "nobody@example.com", "x"); !errors.Is(err, ErrBadCredentials) {
				t.Fatalf("unknown e-mail = %v; want ErrBadCredentials", err)
			}
		}
		if _, err := ghost.signIn(m, "nobody@example.com", "x"); !errors.As(err, &locked) {
			t.Errorf("unknown e-mail is not slowed down like a known one: %v", err)
		}
	})
}

// TestAccountLockoutSparesKnownBrowsers: a distributed attack locks the
// account for new browsers, never for one the owner signed in with before.
func TestAccountLockoutSparesKnownBrowsers(t *testing.T) {
	clk := newClock()
	db := storetest.OpenSQLite(t)
	m := newManager(t, db, clk, func(c *Config) { c.Limits.PerAccount = 3; c.Limits.SlowAfter = 10 })
	newUser(t, db, "alice@example.com")
	owner := newBrowser("198.51.100.1")
	if _, err := owner.signIn(m, "alice@example.com", goodPassword); err != nil {
		t.Fatal(err)
	}
	for i := range 3 {
		bot := newBrowser("203.0.113." + string(rune('1'+i)))
		if _, err := bot.signIn(m, "alice@example.com", "guess"); !errors.Is(err, ErrBadCredentials) {
			t.Fatalf("guess %d = %v", i, err)
		}
	}
	var locked *attempts.LockedError
	if _, err := newBrowser("203.0.113.50").signIn(m, "alice@example.com", goodPassword); !errors.As(err, &locked) {
		t.Errorf("a new browser after the account limit = %v; want LockedError", err)
	}
	if _, err := owner.signIn(m, "alice@example.com", goodPassword); err != nil {
		t.Errorf("the owner's known browser is locked out: %v", err)
	}
	// A device cookie of another account does not help.
	newUser(t, db, "bob@example.com")
	other := newBrowser("198.51.100.2")
	other.signIn(m, "bob@example.com", goodPassword)
	if _, err := other.signIn(m, "alice@example.com", goodPassword); !errors.As(err, &locked) {
		t.Errorf("bob's browser, for alice's locked account = %v; want LockedError", err)
	}
}

func TestTOTP(t *testing.T) {
	storetest.EachDB(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		clk := newClock()
		m := newManager(t, db, clk)
		u := newUser(t, db, "alice@example.com")

		setup, err := m.BeginTOTP(ctx, u)
		if err != nil {
			t.Fatal(err)
		}
		if !strings.HasPrefix(setup.URI, "otpauth://totp/Mira:alice@example.com?") || !strings.Contains(setup.URI, "secret="+setup.Secret) {
			t.Errorf("URI = %s", setup.URI)
		}
		var sealed []byte
		db.SQL().QueryRow(db.Rebind(`SELECT secret FROM user_totp WHERE user_id = ?`), u.ID).Scan(&sealed)
		raw, _ := b32.DecodeString(setup.Secret)
		if strings.Contains(string(sealed), string(raw)) {
			t.Error("the TOTP secret is stored in the clear")
		}
		if ok, _ := m.TOTPEnrolled(ctx, u.ID); ok {
			t.Error("enrolled before confirmation")
		}
		if err := m.ConfirmTOTP(ctx, u.ID, "000000"); !errors.Is(err, ErrBadTOTP) {
			t.Errorf("ConfirmTOTP(wrong) = %v", err)
		}
		code, _ := TOTPCode(setup.Secret, clk.Now())
		if err := m.ConfirmTOTP(ctx, u.ID, code[:3]+" "+code[3:]); err != nil {
			t.Fatalf("ConfirmTOTP: %v", err)
		}
		if _, err := m.BeginTOTP(ctx, u); !errors.Is(err, ErrTOTPEnrolled) {
			t.Errorf("BeginTOTP when enrolled = %v", err)
		}
		// The code that confirmed cannot be used again, nor can older ones.
		if err := m.VerifyTOTP(ctx, u.ID, code); !errors.Is(err, ErrBadTOTP) {
			t.Errorf("replayed code = %v; want ErrBadTOTP", err)
		}
		prev, _ := TOTPCode(setup.Secret, clk.Now().Add(-30*time.Second))
		if err := m.VerifyTOTP(ctx, u.ID, prev); !errors.Is(err, ErrBadTOTP) {
			t.Errorf("an older step's code = %v; want ErrBadTOTP", err)
		}
		clk.Advance(30 * time.Second)
		next, _ := TOTPCode(setup.Secret, clk.Now())
		if err := m.VerifyTOTP(ctx, u.ID, next); err != nil {
			t.Errorf("next step's code = %v", err)
		}

		// Sign-in asks for the code, and the pending session grants nothing.
		clk.Advance(15 * time.Minute) // a fresh window for wrong codes
		b := newBrowser("192.0.2.20")
		res, err := b.signIn(m, "alice@example.com", goodPassword)
		if err != nil || !res.MFARequired {
			t.Fatalf("SignIn with TOTP = %+v, %v; want MFARequired", res, err)
		}
		if b.cookies[DeviceCookie] != nil {
			t.Error("a device cookie before the second factor")
		}
		if s := b.current(m); s == nil || !s.MFAPending {
			t.Fatalf("pending session = %+v", s)
		}
		rec, r := b.request()
		r.Method = http.MethodGet
		m.RequireUser(http.HandlerFunc(func(http.ResponseWriter, *http.Request) { t.Error("RequireUser let a pending session through") })).ServeHTTP(rec, r)
		if loc := rec.Header().Get("Location"); rec.Code != http.StatusSeeOther || !strings.HasPrefix(loc, "/login/2fa?next=") {
			t.Errorf("RequireUser with a pending session = %d %s; want a redirect to /login/2fa", rec.Code, loc)
		}
		pendingCookie := b.cookies[SessionCookie].Value
		for i := range 4 {
			w, r := b.request()
			if _, err := m.CompleteMFA(w, r, "123456"); !errors.Is(err, ErrBadTOTP) {
				t.Fatalf("wrong code %d = %v", i, err)
			}
			b.keep(w)
		}
		clk.Advance(30 * time.Second)
		code, _ = TOTPCode(setup.Secret, clk.Now())
		w, r := b.request()
		if _, err := m.CompleteMFA(w, r, code); err != nil { // 4 wrong codes + this one: within the limit of 5
			t.Fatalf("CompleteMFA: %v", err)
		}
		b.keep(w)
		if b.cookies[SessionCookie].Value == pendingCookie {
			t.Error("the session secret did not change when the second factor was given")
		}
		if s := b.current(m); s == nil || s.MFAPending {
			t.Errorf("after CompleteMFA: %+v", s)
		}

		// Wrong codes are limited per user.
		for range 5 {
			m.VerifyTOTP(ctx, u.ID, "000000")
		}
		clk.Advance(30 * time.Second)
		code, _ = TOTPCode(setup.Secret, clk.Now())
		if err := m.VerifyTOTP(ctx, u.ID, code); !errors.As(err, new(*attempts.LockedError)) {
			t.Errorf("right code after 5 wrong ones = %v; want LockedError", err)
		}
		clk.Advance(15 * time.Minute)
		code, _ = TOTPCode(setup.Secret, clk.Now())
		if err := m.DisableTOTP(ctx, u.ID, code); err != nil {
			t.Errorf("DisableTOTP: %v", err)
		}
		if ok, _ := m.TOTPEnrolled(ctx, u.ID); ok {
			t.Error("still enrolled")
		}
	})
}

func TestChangePassword(t *testing.T) {
	storetest.EachDB(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		clk := newClock()
		var revoked []string
		m := newManager(t, db, clk, func(c *Config) {
			c.OnPasswordChange = func(_ context.Context, id string) error { revoked = append(revoked, id); return nil }
		})
		u := newUser(t, db, "alice@example.com")
		here, there := newBrowser("192.0.2.1"), newBrowser("192.0.2.2")
		here.signIn(m, "alice@example.com", goodPassword)
		there.signIn(m, "alice@example.com", goodPassword)
		s := here.current(m)
		if err := m.ChangePassword(ctx, s, "wrong", "a brand new password"); !errors.Is(err, ErrBadCredentials) {
			t.Errorf("wrong current password = %v", err)
		}
		if err := m.ChangePassword(ctx, s, goodPassword, "short"); mira.ErrorCode(err) != mira.EInvalidRequest {
			t.Errorf("short new password = %v", err)
		}
		if len(revoked) != 0 {
			t.Error("the hook ran for a refused change")
		}
		if err := m.ChangePassword(ctx, s, goodPassword, "a brand new password"); err != nil {
			t.Fatalf("ChangePassword: %v", err)
		}
		if len(revoked) != 1 || revoked[0] != u.ID {
			t.Errorf("hook calls = %v", revoked)
		}
		if here.current(m) == nil || there.current(m) != nil {
			t.Error("want this session kept and the other one ended")
		}
		if _, err := newBrowser("192.0.2.3").signIn(m, "alice@example.com", "a brand new password"); err != nil {
			t.Errorf("sign-in with the new password: %v", err)
		}
	})
}
