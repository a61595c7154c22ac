package session

import (
	"context"
	"crypto/hmac"
	"crypto/rand"
	"crypto/sha1"
	"crypto/subtle"
	"database/sql"
	"encoding/base32"
	"encoding/binary"
	"errors"
	"fmt"
	"net/url"
	"strings"
	"time"

	"github.com/vmira/mira/internal/attempts"
	"github.com/vmira/mira/internal/audit"
	"github.com/vmira/mira/internal/mira"
)

// TOTP parameters (RFC 6238 defaults, which every authenticator app
// supports): HMAC-SHA1, 6 digits, 30-second steps; codes of the previous
// and next step are accepted for clock drift.
const (
	totpPeriod    = 30
	totpDigits    = 6
	totpSkew      = 1
	totpSecretLen = 20
)

var b32 = base32.StdEncoding.WithPadding(base32.NoPadding)

// totpCode is the RFC 4226 HOTP value of secret at counter.
func totpCode(secret []byte, counter uint64) string {
	var msg [8]byte
	binary.BigEndian.PutUint64(msg[:], counter)
	h := hmac.New(sha1.New, secret)
	h.Write(msg[:])
	sum := h.Sum(nil)
	off := sum[len(sum)-1] & 0x0f
	bin := binary.BigEndian.Uint32(sum[off:off+4]) & 0x7fffffff
	return fmt.Sprintf("%06d", bin%1_000_000)
}

// TOTPCode returns the code of secret (base32) at t, as an app shows it.
// For tests and tools.
func TOTPCode(secretB32 string, t time.Time) (string, error) {
	secret, err := b32.DecodeString(strings.ToUpper(secretB32))
	if err != nil {
		return "", err
	}
	return totpCode(secret, uint64(t.Unix()/totpPeriod)), nil
}

// matchTOTP returns the step at which code is valid for secret around now,
// newer than lastStep, or false.
func matchTOTP(secret []byte, code string, now time.Time, lastStep int64) (int64, bool) {
	cur := now.Unix() / totpPeriod
	for step := cur - totpSkew; step <= cur+totpSkew; step++ {
		if step > lastStep && subtle.ConstantTimeCompare([]byte(totpCode(secret, uint64(step))), []byte(code)) == 1 {
			return step, true
		}
	}
	return 0, false
}

// normalizeCode strips spaces from a typed code; it reports false unless
// six digits remain.
func normalizeCode(s string) (string, bool) {
	s = strings.Map(func(r rune) rune {
		if r == ' ' || r == '-' {
			return -1
		}
		return r
	}, s)
	if len(s) != totpDigits {
		return "", false
	}
	for _, c := range []byte(s) {
		if c < '0' || c > '9' {
			return "", false
		}
	}
	return s, true
}

type totpRow struct {
	secret    []byte
	confirmed bool
	lastStep  int64
	created   time.Time
}

func (m *Manager) loadTOTP(ctx context.Context, userID string) (*totpRow, error) {
	var (
		sealed    []byte
		confirmed sql.NullInt64
		row       totpRow
		created   int64
	)
	err := m.db.SQL().QueryRowContext(ctx, m.db.Rebind(`SELECT secret, confirmed_at, last_step, created_at FROM user_totp WHERE user_id = ?`), userID).
		Scan(&sealed, &confirmed, &row.lastStep, &created)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, nil
	}
	if err != nil {
		return nil, fmt.Errorf("session: load TOTP: %w", err)
	}
	if row.secret, err = m.totpBox.Open(sealed, []byte(userID)); err != nil {
		return nil, fmt.Errorf("session: TOTP secret of %s does not open: %w", userID, err)
	}
	row.confirmed = confirmed.Valid
	row.created = time.UnixMicro(created)
	return &row, nil
}

// PendingTOTP returns the enrolment begun by BeginTOTP and not confirmed
// yet, or ErrNoTOTP.
func (m *Manager) PendingTOTP(ctx context.Context, u *mira.User) (*TOTPSetup, error) {
	row, err := m.loadTOTP(ctx, u.ID)
	if err != nil {
		return nil, err
	}
	if row == nil || row.confirmed {
		return nil, ErrNoTOTP
	}
	return m.setup(u, row.secret), nil
}

func (m *Manager) setup(u *mira.User, secret []byte) *TOTPSetup {
	s := b32.EncodeToString(secret)
	label := url.PathEscape(m.cfg.TOTPIssuer + ":" + u.Email)
	q := url.Values{"secret": {s}, "issuer": {m.cfg.TOTPIssuer}, "algorithm": {"SHA1"}, "digits": {"6"}, "period": {"30"}}
	return &TOTPSetup{Secret: s, URI: "otpauth://totp/" + label + "?" + q.Encode()}
}

// TOTPEnrolled reports whether userID has a confirmed TOTP factor.
func (m *Manager) TOTPEnrolled(ctx context.Context, userID string) (bool, error) {
	row, err := m.loadTOTP(ctx, userID)
	return row != nil && row.confirmed, err
}

// TOTPSetup is what a user copies into an authenticator app.
type TOTPSetup struct {
	Secret string // base32, no padding
	URI    string // otpauth://totp/...
}

// BeginTOTP starts enrolment: a new secret, stored sealed and unconfirmed
// until ConfirmTOTP sees a code made from it.
func (m *Manager) BeginTOTP(ctx context.Context, u *mira.User) (*TOTPSetup, error) {
	secret := make([]byte, totpSecretLen)
	rand.Read(secret)
	res, err := m.db.SQL().ExecContext(ctx, m.db.Rebind(`INSERT INTO user_totp (user_id, secret, confirmed_at, last_step, created_at) VALUES (?, ?, NULL, 0, ?)
		ON CONFLICT (user_id) DO UPDATE SET secret = excluded.secret, last_step = 0, created_at = excluded.created_at
		WHERE user_totp.confirmed_at IS NULL`),
		u.ID, m.totpBox.Seal(secret, []byte(u.ID)), m.now().UnixMicro())
	if err != nil {
		return nil, fmt.Errorf("session: begin TOTP: %w", err)
	}
	if n, _ := res.RowsAffected(); n != 1 {
		return nil, ErrTOTPEnrolled
	}
	return m.setup(u, secret), nil
}

func (m *Manager) totpKey(userID string) attempts.Key {
	return attempts.Key{Key: "login:totp:user:" + userID, Rule: attempts.Rule{Limit: m.cfg.Limits.TOTPFailures, Window: m.cfg.Limits.Window}}
}

// checkTOTP verifies code for userID against its secret, confirmed or not
// as wanted, counting failures, and records the step so that the same
// code cannot be used twice. It returns the row's secret.
func (m *Manager) checkTOTP(ctx context.Context, userID, code string, wantConfirmed bool) ([]byte, error) {
	code, ok := normalizeCode(code)
	if !ok {
		return nil, ErrBadTOTP
	}
	now := m.now()
	key := m.totpKey(userID)
	wait, err := m.throttle.Reserve(ctx, now, key)
	if err != nil {
		return nil, err
	}
	if wait > 0 {
		return nil, &attempts.LockedError{RetryAfter: wait}
	}
	row, err := m.loadTOTP(ctx, userID)
	if err != nil {
		return nil, err
	}
	if row == nil || row.confirmed != wantConfirmed {
		m.throttle.Refund(ctx, key)
		if wantConfirmed {
			return nil, ErrNoTOTP
		}
		return nil, ErrTOTPEnrolled
	}
	step, ok := matchTOTP(row.secret, code, now, row.lastStep)
	if !ok {
		return nil, ErrBadTOTP
	}
	q := `UPDATE user_totp SET last_step = ? WHERE user_id = ? AND last_step < ? AND confirmed_at IS NOT NULL`
	if !wantConfirmed {
		q = `UPDATE user_totp SET last_step = ?, confirmed_at = ? WHERE user_id = ? AND last_step < ? AND confirmed_at IS NULL`
	}
	var res sql.Result
	if wantConfirmed {
		res, err = m.db.SQL().ExecContext(ctx, m.db.Rebind(q), step, userID, step)
	} else {
		res, err = m.db.SQL().ExecContext(ctx, m.db.Rebind(q), step, now.UnixMicro(), userID, step)
	}
	if err != nil {
		return nil, fmt.Errorf("session: record TOTP step: %w", err)
	}
	if n, _ := res.RowsAffected(); n != 1 {
		return nil, ErrBadTOTP // the same code, used concurrently
	}
	m.throttle.Refund(ctx, key)
	return row.secret, nil
}

// ConfirmTOTP finishes enrolment with a code from the user's app.
func (m *Manager) ConfirmTOTP(ctx context.Context, userID, code string) error {
	_, err := m.checkTOTP(ctx, userID, code, false)
	if err == nil {
		m.log.Info("session: two-factor authentication enabled", "user_id", userID)
		m.audit(ctx, audit.SettingsChanged, m.orgOfUser(ctx, userID), audit.User(userID), userID, "", map[string]any{"change": "second factor enabled"})
	}
	return err
}

// VerifyTOTP checks a fresh code of userID's confirmed factor. Each code
// works once; wrong codes are limited per user (*attempts.LockedError).
func (m *Manager) VerifyTOTP(ctx context.Context, userID, code string) error {
	_, err := m.checkTOTP(ctx, userID, code, true)
	return err
}

// DisableTOTP removes userID's factor after checking a current code.
func (m *Manager) DisableTOTP(ctx context.Context, userID, code string) error {
	if err := m.VerifyTOTP(ctx, userID, code); err != nil {
		return err
	}
	if _, err := m.db.SQL().ExecContext(ctx, m.db.Rebind(`DELETE FROM user_totp WHERE user_id = ?`), userID); err != nil {
		return fmt.Errorf("session: disable TOTP: %w", err)
	}
	m.log.Info("session: two-factor authentication disabled", "user_id", userID)
	m.audit(ctx, audit.SettingsChanged, m.orgOfUser(ctx, userID), audit.User(userID), userID, "", map[string]any{"change": "second factor disabled"})
	return nil
}

// orgOfUser is userID's organisation, for its audit entries ("" if the
// user cannot be read; the entry is written all the same).
func (m *Manager) orgOfUser(ctx context.Context, userID string) string {
	u, err := m.db.UserByID(ctx, userID)
	if err != nil {
		m.log.Warn("session: no organisation for an audit entry", "user_id", userID, "error", err)
		return ""
	}
	return u.OrgID
}
