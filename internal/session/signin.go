package session

import (
	"context"
	"crypto/hmac"
	"database/sql"
	"encoding/base64"
	"encoding/hex"
	"errors"
	"fmt"
	"net/http"
	"strings"
	"time"

	"github.com/vmira/mira/internal/attempts"
	"github.com/vmira/mira/internal/audit"
	"github.com/vmira/mira/internal/mira"
	"github.com/vmira/mira/internal/password"
	"github.com/vmira/mira/internal/store"
)

// dummyHash is verified against when the e-mail address is unknown, so a
// sign-in takes as long either way. Same parameters as password.Hash.
const dummyHash = "$argon2id$v=19$m=65536,t=2,p=1$JBlHhO8kh5+KsElHtwDODw$sJ0h/NNT8tN6LVHlrcpHCruOo+IdLra6kbWkcTcfcWA"

// deviceCookieTTL is how long a browser stays known to an account.
const deviceCookieTTL = 365 * 24 * time.Hour

// maxSlowdown caps the wait between failed attempts on one account and address.
const maxSlowdown = 5 * time.Minute

// SignInResult is the outcome of a right password.
type SignInResult struct {
	Session *Session
	// MFARequired reports that the user has TOTP: the session is pending
	// until CompleteMFA.
	MFARequired bool
}

type signInKeys struct {
	ip, pair, account attempts.Key
}

func (m *Manager) signInKeys(email string, r *http.Request) signInKeys {
	e := hex.EncodeToString(m.digest(m.emailKey, store.NormalizeEmail(email))[:16])
	ip := attempts.IPKey(m.cfg.ClientIP(r))
	l := m.cfg.Limits
	return signInKeys{
		ip:      attempts.Key{Key: "login:ip:" + ip, Rule: attempts.Rule{Limit: l.PerIP, Window: l.Window}},
		pair:    attempts.Key{Key: "login:account-ip:" + e + ":" + ip, Rule: attempts.Rule{Limit: l.PerAccountIP, Window: l.Window}},
		account: attempts.Key{Key: "login:account:" + e, Rule: attempts.Rule{Limit: l.PerAccount, Window: l.Window}},
	}
}

// SignIn checks an e-mail address and password, within the limits of
// Limits, and starts a session (setting its cookie) when they are right.
// Errors: ErrBadCredentials (the same for unknown addresses), *attempts.LockedError,
// ErrBusy (too many password checks at once: not counted as a failure).
func (m *Manager) SignIn(w http.ResponseWriter, r *http.Request, email, pw string) (*SignInResult, error) {
	ctx := r.Context()
	now := m.now()
	keys := m.signInKeys(email, r)
	if err := m.slowDown(ctx, now, keys); err != nil {
		return nil, err
	}
	var u *mira.User
	if len(email) <= 320 {
		var err error
		u, err = m.db.UserByEmail(ctx, email)
		if err != nil && !errors.Is(err, mira.ErrNotFound) {
			return nil, err
		}
	}
	reserved, err := m.reserveAttempts(r, now, keys, u)
	if err != nil {
		return nil, err
	}
	if err := m.checkPassword(r, u, pw, reserved); err != nil {
		return nil, err
	}
	if err := m.throttle.Refund(ctx, reserved...); err != nil {
		return nil, err
	}
	return m.startSession(w, r, u)
}

// slowDown refuses, for a growing while, repeated failures on one account
// from one address.
func (m *Manager) slowDown(ctx context.Context, now time.Time, keys signInKeys) error {
	n, last, err := m.throttle.State(ctx, now, keys.pair)
	if err != nil {
		return err
	}
	if n >= m.cfg.Limits.SlowAfter && n < m.cfg.Limits.PerAccountIP {
		wait := min(time.Second<<min(n-m.cfg.Limits.SlowAfter, 16), maxSlowdown)
		if until := last.Add(wait); now.Before(until) {
			return &attempts.LockedError{RetryAfter: until.Sub(now)}
		}
	}
	return nil
}

// reserveAttempts reserves the attempt before the password is checked, so
// parallel guesses cannot slip past a limit (a right password refunds
// them), and returns what it reserved; past a limit it answers with the
// lock-out, audited.
func (m *Manager) reserveAttempts(r *http.Request, now time.Time, keys signInKeys, u *mira.User) ([]attempts.Key, error) {
	ctx := r.Context()
	reserved := []attempts.Key{keys.ip, keys.pair}
	wait, err := m.throttle.Reserve(ctx, now, reserved...)
	if err != nil {
		return nil, err
	}
	if wait == 0 {
		var accountWait time.Duration
		if accountWait, err = m.throttle.Reserve(ctx, now, keys.account); err != nil {
			return nil, err
		}
		switch {
		case accountWait == 0:
			reserved = append(reserved, keys.account)
		case u != nil && m.knownDevice(r, u.ID):
			// A browser where this account signed in before is exempt
			// from the account-wide lock: attackers cannot lock the
			// owner out.
		default:
			wait = accountWait
			if err := m.throttle.Refund(ctx, reserved...); err != nil {
				return nil, err
			}
		}
	}
	if wait > 0 {
		m.log.Warn("session: sign-in refused: too many failures", "client_ip", m.cfg.ClientIP(r).String())
		m.audit(ctx, audit.LoginFailed, orgOf(u), audit.System, userID(u), m.cfg.ClientIP(r).String(), map[string]any{"reason": "locked"})
		return nil, &attempts.LockedError{RetryAfter: wait}
	}
	return reserved, nil
}

// checkPassword verifies pw (against a dummy hash for an unknown address,
// so the answer takes as long either way). A shed check refunds the
// attempt: it is neither a failure nor a success.
func (m *Manager) checkPassword(r *http.Request, u *mira.User, pw string, reserved []attempts.Key) error {
	ctx := r.Context()
	hash := dummyHash
	if u != nil && u.PasswordHash != "" {
		hash = u.PasswordHash
	}
	err := password.Verify(hash, pw)
	if err == nil && u != nil && u.PasswordHash != "" {
		return nil
	}
	if errors.Is(err, password.ErrBusy) {
		if err := m.throttle.Refund(ctx, reserved...); err != nil {
			return err
		}
		m.log.Warn("session: sign-in shed: too many password checks at once", "client_ip", m.cfg.ClientIP(r).String())
		return ErrBusy
	}
	if err != nil && !errors.Is(err, password.ErrMismatch) {
		m.log.Error("session: password hash unusable", "user_id", userID(u), "error", err)
	}
	m.log.Info("session: sign-in failed", "client_ip", m.cfg.ClientIP(r).String())
	m.audit(ctx, audit.LoginFailed, orgOf(u), audit.System, userID(u), m.cfg.ClientIP(r).String(), map[string]any{"reason": "bad credentials"})
	return ErrBadCredentials
}

// startSession signs u in on this browser, replacing any earlier session
// of it, and audits the sign-in.
func (m *Manager) startSession(w http.ResponseWriter, r *http.Request, u *mira.User) (*SignInResult, error) {
	ctx := r.Context()
	enrolled, err := m.TOTPEnrolled(ctx, u.ID)
	if err != nil {
		return nil, err
	}
	if old := cookieValue(r, SessionCookie); old != "" {
		if _, err := m.db.SQL().ExecContext(ctx, m.db.Rebind(`DELETE FROM browser_sessions WHERE digest = ?`), m.digest(m.sessionKey, old)); err != nil {
			return nil, fmt.Errorf("session: replace session: %w", err)
		}
	}
	s, err := m.createSession(ctx, w, r, u, enrolled)
	if err != nil {
		return nil, err
	}
	if !enrolled {
		m.setDeviceCookie(w, u.ID)
	}
	m.log.Info("session: signed in", "user_id", u.ID, "mfa_pending", enrolled)
	m.audit(ctx, audit.LoginSucceeded, u.OrgID, audit.User(u.ID), u.ID, m.cfg.ClientIP(r).String(), map[string]any{"second_factor_pending": enrolled})
	return &SignInResult{Session: s, MFARequired: enrolled}, nil
}

func userID(u *mira.User) string {
	if u == nil {
		return ""
	}
	return u.ID
}

// maxMFAFailures ends a pending sign-in after this many wrong codes.
const maxMFAFailures = 5

// CompleteMFA finishes a sign-in whose TOTP step is pending with a code.
// On success the session gets a new secret (and cookie): a session id
// never changes privilege. Errors: ErrNoSession (no pending sign-in, or it
// ended after too many wrong codes), ErrBadTOTP, *attempts.LockedError.
func (m *Manager) CompleteMFA(w http.ResponseWriter, r *http.Request, code string) (*Session, error) {
	ctx := r.Context()
	s, err := m.Current(w, r)
	if err != nil {
		return nil, err
	}
	if !s.MFAPending {
		return nil, ErrNoSession
	}
	if err := m.VerifyTOTP(ctx, s.User.ID, code); err != nil {
		if errors.Is(err, ErrBadTOTP) {
			var n int
			err2 := m.db.SQL().QueryRowContext(ctx, m.db.Rebind(`UPDATE browser_sessions SET mfa_failures = mfa_failures + 1 WHERE id = ? RETURNING mfa_failures`), s.ID).Scan(&n)
			if err2 != nil && !errors.Is(err2, sql.ErrNoRows) {
				return nil, err2
			}
			if n >= maxMFAFailures {
				m.deleteSession(ctx, s.ID)
				clearCookie(w, SessionCookie)
				return nil, ErrNoSession
			}
		}
		return nil, err
	}
	secret := randomToken()
	now := m.now()
	res, err := m.db.SQL().ExecContext(ctx, m.db.Rebind(`UPDATE browser_sessions SET digest = ?, mfa_pending_until = NULL, last_seen_at = ? WHERE id = ? AND mfa_pending_until IS NOT NULL`),
		m.digest(m.sessionKey, secret), now.UnixMicro(), s.ID)
	if err != nil {
		return nil, fmt.Errorf("session: complete sign-in: %w", err)
	}
	if n, _ := res.RowsAffected(); n != 1 {
		return nil, ErrNoSession
	}
	setCookie(w, SessionCookie, secret, s.ExpiresAt.Sub(now))
	m.setDeviceCookie(w, s.User.ID)
	s.MFAPending = false
	s.LastSeenAt = now
	m.log.Info("session: signed in with a second factor", "user_id", s.User.ID)
	m.audit(ctx, audit.LoginSucceeded, s.User.OrgID, audit.User(s.User.ID), s.User.ID, m.cfg.ClientIP(r).String(), map[string]any{"second_factor": true})
	return s, nil
}

func (m *Manager) deviceMAC(nonce, userID string) string {
	return base64.RawURLEncoding.EncodeToString(m.digest(m.deviceKey, nonce, userID)[:16])
}

func (m *Manager) setDeviceCookie(w http.ResponseWriter, userID string) {
	nonce := randomToken()[:22]
	setCookie(w, DeviceCookie, nonce+"."+m.deviceMAC(nonce, userID), deviceCookieTTL)
}

// knownDevice reports whether r carries userID's device cookie.
func (m *Manager) knownDevice(r *http.Request, userID string) bool {
	nonce, mac, ok := strings.Cut(cookieValue(r, DeviceCookie), ".")
	return ok && hmac.Equal([]byte(mac), []byte(m.deviceMAC(nonce, userID)))
}

// ChangePassword sets a new password for s's user after checking the
// current one, ends the user's other sessions, and runs OnPasswordChange
// (which revokes CLI tokens). Errors: ErrBadCredentials, *attempts.LockedError,
// ErrBusy (nothing changed, no failure counted), or
// a *mira.Error explaining why the new password is refused.
func (m *Manager) ChangePassword(ctx context.Context, s *Session, current, next string) error {
	now := m.now()
	key := attempts.Key{Key: "password-change:user:" + s.User.ID, Rule: attempts.Rule{Limit: m.cfg.Limits.PerAccountIP, Window: m.cfg.Limits.Window}}
	wait, err := m.throttle.Reserve(ctx, now, key)
	if err != nil {
		return err
	}
	if wait > 0 {
		return &attempts.LockedError{RetryAfter: wait}
	}
	u, err := m.db.UserByID(ctx, s.User.ID)
	if err != nil {
		return err
	}
	if len(current) > password.MaxLength {
		return ErrBadCredentials
	}
	if err := password.Verify(u.PasswordHash, current); errors.Is(err, password.ErrBusy) {
		if err := m.throttle.Refund(ctx, key); err != nil {
			return err
		}
		return ErrBusy
	} else if err != nil {
		return ErrBadCredentials
	}
	m.throttle.Refund(ctx, key)
	hash, err := password.Hash(next)
	if errors.Is(err, password.ErrBusy) {
		return ErrBusy
	}
	if err != nil {
		return mira.ParamErrorf("new_password", "%v", err)
	}
	if _, err := m.db.SQL().ExecContext(ctx, m.db.Rebind(`UPDATE users SET password_hash = ? WHERE id = ?`), hash, u.ID); err != nil {
		return fmt.Errorf("session: change password: %w", err)
	}
	if err := m.RevokeSessions(ctx, u.ID, s.ID); err != nil {
		return err
	}
	m.log.Info("session: password changed", "user_id", u.ID)
	m.audit(ctx, audit.SettingsChanged, u.OrgID, audit.User(u.ID), u.ID, "", map[string]any{"change": "password"})
	if m.cfg.OnPasswordChange != nil {
		if err := m.cfg.OnPasswordChange(ctx, u.ID); err != nil {
			return fmt.Errorf("session: password changed, but revoking the user's tokens failed: %w", err)
		}
	}
	return nil
}

func orgOf(u *mira.User) string {
	if u == nil {
		return ""
	}
	return u.OrgID
}
