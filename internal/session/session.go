// Package session is browser sign-in for the dashboard: passwords
// (argon2id), sessions in __Host- cookies, CSRF protection for forms,
// limits on failed sign-ins, and TOTP second factors.
//
// Cookies (all Secure, HttpOnly, Path=/, host-only by the __Host- prefix,
// SameSite=Lax):
//
//   - __Host-mira_session: the session secret; the database keeps its HMAC.
//     Lax, not Strict, so that following a link to /device from a mail or
//     the terminal keeps the user signed in; every state change is a POST,
//     which Lax never sends cross-site, and is CSRF-checked besides.
//   - __Host-mira_csrf: a random value before sign-in; login forms carry an
//     HMAC of it (signed double submit). Signed-in forms carry an HMAC of
//     the session id instead (synchronizer token), and every POST must also
//     pass the Origin / Sec-Fetch-Site check of http.CrossOriginProtection.
//   - __Host-mira_device: marks a browser in which the account signed in
//     before (OWASP "device cookies"), so an attacker failing sign-ins
//     against an e-mail address cannot lock its owner out: see Limits.
package session

import (
	"cmp"
	"context"
	"crypto/hmac"
	"crypto/rand"
	"crypto/sha256"
	"database/sql"
	"encoding/base64"
	"errors"
	"fmt"
	"log/slog"
	"net/http"
	"net/netip"
	"net/url"
	"strings"
	"time"

	"github.com/vmira/mira/internal/attempts"
	"github.com/vmira/mira/internal/audit"
	"github.com/vmira/mira/internal/clientip"
	"github.com/vmira/mira/internal/mira"
	"github.com/vmira/mira/internal/password"
	"github.com/vmira/mira/internal/secretbox"
	"github.com/vmira/mira/internal/store"
)

// Cookie names.
const (
	SessionCookie = "__Host-mira_session"
	CSRFCookie    = "__Host-mira_csrf"
	DeviceCookie  = "__Host-mira_device"
)

// CSRFField is the form field carrying the CSRF token.
const CSRFField = "csrf_token"

// Config configures a Manager. Zero fields take the documented defaults.
type Config struct {
	// IdleTimeout ends a session unused for this long: default 1h.
	IdleTimeout time.Duration
	// AbsoluteTimeout ends a session this long after sign-in: default 12h.
	AbsoluteTimeout time.Duration
	// MFATimeout is the time allowed for the TOTP step of a sign-in: default 5m.
	MFATimeout time.Duration
	// TOTPIssuer names the service in authenticator apps: default "Mira".
	TOTPIssuer string
	// Limits on failed sign-ins.
	Limits Limits
	// OnPasswordChange runs after a user's password changed, e.g. the
	// OAuth server's RevokeUserTokens.
	OnPasswordChange func(ctx context.Context, userID string) error
	// Audit, when set, receives the security events of sign-in: successes,
	// failures, password and second-factor changes.
	Audit func(ctx context.Context, e *audit.Entry)

	// Now is the clock; default time.Now.
	Now func() time.Time
	// ClientIP returns a request's client address; default its peer.
	ClientIP func(*http.Request) netip.Addr
	// Logger; default discards.
	Logger *slog.Logger
}

// Limits on failed sign-ins, counted in the database (so every instance
// sees them) in fixed windows. The design, against both guessing and
// lock-out abuse:
//
//   - per client address (IPv4, or IPv6 /64): PerIP failures per Window,
//     then every sign-in from there is refused until the window ends;
//   - per account and address: after SlowAfter failures each further try
//     must wait twice as long as the last (1 s, 2 s, 4 s, ...), and after
//     PerAccountIP failures that address is locked out of that account
//     until the window ends;
//   - per account from anywhere (a distributed guess): after PerAccount
//     failures the account is locked until the window ends — except for
//     browsers holding the account's device cookie (where it signed in
//     before). So an attacker can never lock the owner out from their own
//     browser, and at worst delays a sign-in from a new browser by one
//     window; the lock is never permanent.
//
// Unknown e-mail addresses are counted exactly like known ones, and a
// password hash is computed either way, so neither the answers nor their
// timing tell whether an account exists. Wrong TOTP codes count per user:
// TOTPFailures per Window.
type Limits struct {
	Window       time.Duration // default 15m
	PerIP        int           // default 30
	PerAccountIP int           // default 10
	PerAccount   int           // default 20
	SlowAfter    int           // default 3
	TOTPFailures int           // default 5
}

func (c *Config) setDefaults() {
	def := func(d *time.Duration, v time.Duration) {
		if *d <= 0 {
			*d = v
		}
	}
	def(&c.IdleTimeout, time.Hour)
	def(&c.AbsoluteTimeout, 12*time.Hour)
	def(&c.MFATimeout, 5*time.Minute)
	def(&c.Limits.Window, 15*time.Minute)
	l := &c.Limits
	l.PerIP = cmp.Or(l.PerIP, 30)
	l.PerAccountIP = cmp.Or(l.PerAccountIP, 10)
	l.PerAccount = cmp.Or(l.PerAccount, 20)
	l.SlowAfter = cmp.Or(l.SlowAfter, 3)
	l.TOTPFailures = cmp.Or(l.TOTPFailures, 5)
	c.TOTPIssuer = cmp.Or(c.TOTPIssuer, "Mira")
	if c.Now == nil {
		c.Now = time.Now
	}
	if c.ClientIP == nil {
		c.ClientIP = clientip.Peer
	}
	c.Logger = cmp.Or(c.Logger, slog.New(slog.DiscardHandler))
}

// Manager signs users in and out and checks sessions. It is safe for
// concurrent use.
type Manager struct {
	cfg      Config
	db       *store.DB
	log      *slog.Logger
	throttle *attempts.Counter
	cop      *http.CrossOriginProtection

	sessionKey []byte // HMAC of session secrets
	csrfKey    []byte // CSRF tokens
	emailKey   []byte // throttle keys of e-mail addresses
	deviceKey  []byte // device cookies
	totpBox    *secretbox.Box
}

// New returns a Manager using the server secret.
func New(cfg Config, db *store.DB, secret []byte) (*Manager, error) {
	cfg.setDefaults()
	m := &Manager{cfg: cfg, db: db, log: cfg.Logger, throttle: attempts.New(db), cop: http.NewCrossOriginProtection()}
	var err error
	for _, k := range []struct {
		dst     *[]byte
		purpose string
	}{{&m.sessionKey, "session/cookie"}, {&m.csrfKey, "session/csrf"}, {&m.emailKey, "session/email"}, {&m.deviceKey, "session/device"}} {
		if *k.dst, err = secretbox.Key(secret, k.purpose, 32); err != nil {
			return nil, err
		}
	}
	if m.totpBox, err = secretbox.New(secret, "session/totp"); err != nil {
		return nil, err
	}
	return m, nil
}

func (m *Manager) now() time.Time { return m.cfg.Now().UTC().Truncate(time.Microsecond) }

// ClientIP returns the client address of r as the Manager sees it.
func (m *Manager) ClientIP(r *http.Request) netip.Addr { return m.cfg.ClientIP(r) }

// Session is a signed-in browser.
type Session struct {
	ID         string // internal; never sent to the browser
	User       *mira.User
	CreatedAt  time.Time
	LastSeenAt time.Time
	ExpiresAt  time.Time
	// MFAPending reports that the password was right but the TOTP step of
	// the sign-in is still due: the session grants nothing yet.
	MFAPending bool
}

// BusyRetryAfter is the Retry-After to send with ErrBusy: argon2id checks
// take a fraction of a second, so a flood drains within seconds.
const BusyRetryAfter = 5 * time.Second

// Errors.
var (
	ErrBadCredentials = errors.New("session: e-mail or password is incorrect")
	ErrBadTOTP        = errors.New("session: the authentication code is incorrect")
	ErrNoSession      = errors.New("session: not signed in")
	ErrCSRF           = errors.New("session: the form expired or came from another site")
	ErrTOTPEnrolled   = errors.New("session: two-factor authentication is already set up")
	ErrNoTOTP         = errors.New("session: two-factor authentication is not set up")
	// ErrBusy: too many passwords are being checked at once (a sign-in
	// flood); nothing was checked and no failed attempt counted. Answer
	// 503 with Retry-After BusyRetryAfter.
	ErrBusy = fmt.Errorf("session: too many password checks at once; try again shortly: %w", password.ErrBusy)
)

type ctxKey struct{}

// FromContext returns the session RequireUser put in ctx, or nil.
func FromContext(ctx context.Context) *Session {
	s, _ := ctx.Value(ctxKey{}).(*Session)
	return s
}

// UserFrom returns the signed-in user of a request that passed
// RequireUser, or nil.
func UserFrom(r *http.Request) *mira.User {
	if s := FromContext(r.Context()); s != nil {
		return s.User
	}
	return nil
}

// WithSession returns ctx carrying s (for handlers that look a session up
// themselves, and tests).
func WithSession(ctx context.Context, s *Session) context.Context {
	return context.WithValue(ctx, ctxKey{}, s)
}

// RequireUser lets through only requests of a fully signed-in session,
// with the session in the context (FromContext, UserFrom). Others are
// sent to sign in (GET, HEAD) or refused (403).
func (m *Manager) RequireUser(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		s, err := m.Current(w, r)
		if err != nil && !errors.Is(err, ErrNoSession) {
			m.log.Error("session lookup failed", "error", err)
			http.Error(w, "internal error", http.StatusInternalServerError)
			return
		}
		if s == nil || s.MFAPending {
			if r.Method == http.MethodGet || r.Method == http.MethodHead {
				to := "/login"
				if s != nil {
					to = "/login/2fa"
				}
				http.Redirect(w, r, to+"?next="+url.QueryEscape(r.URL.RequestURI()), http.StatusSeeOther)
				return
			}
			http.Error(w, "sign in first", http.StatusForbidden)
			return
		}
		next.ServeHTTP(w, r.WithContext(WithSession(r.Context(), s)))
	})
}

// SafeNext returns next when it is a path on this site, else "/dashboard/":
// sign-in redirects must never lead elsewhere.
func SafeNext(next string) string {
	if next == "" || len(next) > 2048 || next[0] != '/' || strings.HasPrefix(next, "//") || strings.ContainsAny(next, "\\\r\n\t") {
		return "/dashboard/"
	}
	u, err := url.Parse(next)
	if err != nil || u.Scheme != "" || u.Host != "" || u.User != nil {
		return "/dashboard/"
	}
	return next
}

func (m *Manager) digest(key []byte, parts ...string) []byte {
	h := hmac.New(sha256.New, key)
	for _, p := range parts {
		h.Write([]byte(p))
		h.Write([]byte{0})
	}
	return h.Sum(nil)
}

func randomToken() string {
	var b [32]byte
	rand.Read(b[:])
	return base64.RawURLEncoding.EncodeToString(b[:])
}

func setCookie(w http.ResponseWriter, name, value string, maxAge time.Duration) {
	http.SetCookie(w, &http.Cookie{
		Name: name, Value: value, Path: "/", MaxAge: int(maxAge / time.Second),
		Secure: true, HttpOnly: true, SameSite: http.SameSiteLaxMode,
	})
}

func clearCookie(w http.ResponseWriter, name string) {
	http.SetCookie(w, &http.Cookie{Name: name, Value: "", Path: "/", MaxAge: -1, Secure: true, HttpOnly: true, SameSite: http.SameSiteLaxMode})
}

// cookieValue returns the value of cookie name, or "" (also for oversized
// values: ours are 43 characters).
func cookieValue(r *http.Request, name string) string {
	c, err := r.Cookie(name)
	if err != nil || len(c.Value) > 128 {
		return ""
	}
	return c.Value
}

// createSession inserts a session for u and sets its cookie.
func (m *Manager) createSession(ctx context.Context, w http.ResponseWriter, r *http.Request, u *mira.User, mfaPending bool) (*Session, error) {
	now := m.now()
	secret := randomToken()
	s := &Session{ID: mira.NewID("ses"), User: u, CreatedAt: now, LastSeenAt: now, ExpiresAt: now.Add(m.cfg.AbsoluteTimeout), MFAPending: mfaPending}
	var pending any
	if mfaPending {
		pending = now.Add(m.cfg.MFATimeout).UnixMicro()
	}
	ua := r.UserAgent()
	if len(ua) > 256 {
		ua = ua[:256]
	}
	_, err := m.db.SQL().ExecContext(ctx, m.db.Rebind(`INSERT INTO browser_sessions
		(id, digest, user_id, created_at, last_seen_at, expires_at, mfa_pending_until, client_ip, user_agent) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`),
		s.ID, m.digest(m.sessionKey, secret), u.ID, now.UnixMicro(), now.UnixMicro(), s.ExpiresAt.UnixMicro(), pending,
		m.cfg.ClientIP(r).String(), strings.ToValidUTF8(ua, "?"))
	if err != nil {
		return nil, fmt.Errorf("session: create: %w", err)
	}
	setCookie(w, SessionCookie, secret, m.cfg.AbsoluteTimeout)
	return s, nil
}

// Current returns the session of r's cookie, including one whose TOTP
// step is pending (see Session.MFAPending), or ErrNoSession. An expired
// session is deleted and its cookie cleared.
func (m *Manager) Current(w http.ResponseWriter, r *http.Request) (*Session, error) {
	if s := FromContext(r.Context()); s != nil {
		return s, nil
	}
	secret := cookieValue(r, SessionCookie)
	if secret == "" {
		return nil, ErrNoSession
	}
	ctx := r.Context()
	var (
		s                  Session
		userID             string
		created, seen, exp int64
		pending            sql.NullInt64
	)
	err := m.db.SQL().QueryRowContext(ctx, m.db.Rebind(`SELECT id, user_id, created_at, last_seen_at, expires_at, mfa_pending_until FROM browser_sessions WHERE digest = ?`),
		m.digest(m.sessionKey, secret)).Scan(&s.ID, &userID, &created, &seen, &exp, &pending)
	if errors.Is(err, sql.ErrNoRows) {
		clearCookie(w, SessionCookie)
		return nil, ErrNoSession
	}
	if err != nil {
		return nil, fmt.Errorf("session: look up: %w", err)
	}
	now := m.now()
	s.CreatedAt, s.LastSeenAt, s.ExpiresAt = time.UnixMicro(created).UTC(), time.UnixMicro(seen).UTC(), time.UnixMicro(exp).UTC()
	s.MFAPending = pending.Valid
	if !now.Before(s.ExpiresAt) || now.Sub(s.LastSeenAt) >= m.cfg.IdleTimeout || (pending.Valid && now.UnixMicro() >= pending.Int64) {
		m.deleteSession(ctx, s.ID)
		clearCookie(w, SessionCookie)
		return nil, ErrNoSession
	}
	u, err := m.db.UserByID(ctx, userID)
	if errors.Is(err, mira.ErrNotFound) {
		m.deleteSession(ctx, s.ID)
		clearCookie(w, SessionCookie)
		return nil, ErrNoSession
	}
	if err != nil {
		return nil, fmt.Errorf("session: look up user: %w", err)
	}
	s.User = u
	// Idle time is kept to the minute: no write on every page view.
	if now.Sub(s.LastSeenAt) > min(time.Minute, m.cfg.IdleTimeout/10) {
		if _, err := m.db.SQL().ExecContext(ctx, m.db.Rebind(`UPDATE browser_sessions SET last_seen_at = ? WHERE id = ?`), now.UnixMicro(), s.ID); err != nil {
			return nil, fmt.Errorf("session: touch: %w", err)
		}
		s.LastSeenAt = now
	}
	return &s, nil
}

func (m *Manager) deleteSession(ctx context.Context, id string) {
	if _, err := m.db.SQL().ExecContext(ctx, m.db.Rebind(`DELETE FROM browser_sessions WHERE id = ?`), id); err != nil {
		m.log.Warn("session: delete failed", "error", err)
	}
}

// SignOut ends r's session, if any, and clears its cookie.
func (m *Manager) SignOut(w http.ResponseWriter, r *http.Request) error {
	if secret := cookieValue(r, SessionCookie); secret != "" {
		if _, err := m.db.SQL().ExecContext(r.Context(), m.db.Rebind(`DELETE FROM browser_sessions WHERE digest = ?`), m.digest(m.sessionKey, secret)); err != nil {
			return fmt.Errorf("session: sign out: %w", err)
		}
	}
	clearCookie(w, SessionCookie)
	return nil
}

// RevokeSessions ends every session of userID except the one with id
// except (may be empty).
func (m *Manager) RevokeSessions(ctx context.Context, userID, except string) error {
	_, err := m.db.SQL().ExecContext(ctx, m.db.Rebind(`DELETE FROM browser_sessions WHERE user_id = ? AND id <> ?`), userID, except)
	if err != nil {
		return fmt.Errorf("session: revoke sessions: %w", err)
	}
	return nil
}

// Run deletes expired sessions and stale counters every 10 minutes until
// ctx ends.
func (m *Manager) Run(ctx context.Context) {
	t := time.NewTicker(10 * time.Minute)
	defer t.Stop()
	for {
		m.cleanup(ctx)
		select {
		case <-ctx.Done():
			return
		case <-t.C:
		}
	}
}

func (m *Manager) cleanup(ctx context.Context) {
	now := m.now()
	_, err := m.db.SQL().ExecContext(ctx, m.db.Rebind(`DELETE FROM browser_sessions WHERE expires_at < ? OR last_seen_at < ? OR mfa_pending_until < ?`),
		now.UnixMicro(), now.Add(-m.cfg.IdleTimeout).UnixMicro(), now.UnixMicro())
	if err == nil {
		err = m.throttle.Cleanup(ctx, now.Add(-24*time.Hour))
	}
	if err != nil && ctx.Err() == nil {
		m.log.Warn("session: cleanup failed", "error", err)
	}
}

// audit hands a security event to the configured audit log.
func (m *Manager) audit(ctx context.Context, action, orgID, actor, target, ip string, details map[string]any) {
	if m.cfg.Audit != nil {
		m.cfg.Audit(ctx, &audit.Entry{OrgID: orgID, Actor: actor, Action: action, Target: target, ClientIP: ip, Details: details})
	}
}
