package oauth

import (
	"context"
	"crypto/rand"
	"database/sql"
	"encoding/base64"
	"errors"
	"fmt"
	"net/http"
	"net/netip"
	"strings"
	"time"

	"github.com/vmira/mira/internal/attempts"
	"github.com/vmira/mira/internal/audit"
	"github.com/vmira/mira/internal/mira"
	"github.com/vmira/mira/internal/store"
)

// userCodeAlphabet has no vowels (no words) and no easily confused
// characters; RFC 8628 §6.1.
const userCodeAlphabet = "BCDFGHJKLMNPQRSTVWXZ"

// userCodeLen is the number of characters of a user code (≈34.6 bits).
const userCodeLen = 8

// Device request states.
const (
	statusPending  = "pending"
	statusApproved = "approved"
	statusDenied   = "denied"
	statusRedeemed = "redeemed"
)

// newUserCode returns a random user code, normalised (no dash).
func newUserCode() string {
	b := make([]byte, 0, userCodeLen)
	var buf [16]byte
	for len(b) < userCodeLen {
		rand.Read(buf[:])
		for _, c := range buf {
			// 240 is the largest multiple of 20 below 256: no modulo bias.
			if c < 240 && len(b) < userCodeLen {
				b = append(b, userCodeAlphabet[c%20])
			}
		}
	}
	return string(b)
}

// FormatUserCode shows a normalised user code as XXXX-XXXX.
func FormatUserCode(code string) string {
	if len(code) != userCodeLen {
		return code
	}
	return code[:4] + "-" + code[4:]
}

// NormalizeUserCode returns the user code typed by a person in canonical
// form: letters upper-cased, dashes and spaces dropped. It reports false
// when the result cannot be a user code.
func NormalizeUserCode(s string) (string, bool) {
	if len(s) > 64 {
		return "", false
	}
	var b strings.Builder
	for _, r := range s {
		switch {
		case r == '-' || r == ' ' || r == '\t' || r == '\u00a0' || r == '\u2010' || r == '\u2011' || r == '\u2012' || r == '\u2013':
			continue
		case 'a' <= r && r <= 'z' || 'A' <= r && r <= 'Z':
			c := byte(r) &^ 0x20 // upper case
			if strings.IndexByte(userCodeAlphabet, c) < 0 {
				return "", false
			}
			b.WriteByte(c)
		default:
			return "", false
		}
	}
	if b.Len() != userCodeLen {
		return "", false
	}
	return b.String(), true
}

// newDeviceCode returns a device code: 256 random bits, base64url.
func newDeviceCode() string {
	var b [32]byte
	rand.Read(b[:])
	return base64.RawURLEncoding.EncodeToString(b[:])
}

// deviceAuthorization is the RFC 8628 §3.2 response.
type deviceAuthorization struct {
	DeviceCode              string `json:"device_code"`
	UserCode                string `json:"user_code"`
	VerificationURI         string `json:"verification_uri"`
	VerificationURIComplete string `json:"verification_uri_complete"`
	ExpiresIn               int    `json:"expires_in"`
	Interval                int    `json:"interval"`
}

// serveDeviceAuthorization is POST /oauth/device/code.
func (s *Server) serveDeviceAuthorization(w http.ResponseWriter, r *http.Request) {
	form, clientID, err := s.clientForm(w, r)
	if err != nil {
		s.writeError(w, r, err)
		return
	}
	scopes, err := parseScope(form.Get("scope"))
	if err != nil {
		s.writeError(w, r, err)
		return
	}
	resp, err := s.createDeviceCode(r.Context(), clientID, scopes, s.cfg.ClientIP(r), r.UserAgent())
	if err != nil {
		s.writeError(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, resp)
}

func (s *Server) createDeviceCode(ctx context.Context, clientID string, scopes []mira.Scope, ip netip.Addr, ua string) (*deviceAuthorization, error) {
	now := s.now()
	wait, err := s.throttle.Reserve(ctx, now, attempts.Key{Key: "oauth:device-authz:ip:" + attempts.IPKey(ip), Rule: attempts.Rule{Limit: s.cfg.Limits.DeviceCodesPerIP, Window: s.cfg.Limits.Window}})
	if err != nil {
		return nil, serverError(err)
	}
	if wait > 0 {
		e := oauthErr(http.StatusTooManyRequests, "slow_down", "too many sign-in requests from this address; try again later")
		e.RetryAfter = wait
		return nil, e
	}
	var pending int
	if err := s.db.SQL().QueryRowContext(ctx, s.db.Rebind(`SELECT count(*) FROM oauth_device_codes WHERE status = ? AND expires_at > ?`),
		statusPending, now.UnixMicro()).Scan(&pending); err != nil {
		return nil, serverError(err)
	}
	if pending >= s.cfg.Limits.MaxPending {
		s.log.Warn("oauth: too many pending device codes", "pending", pending)
		return nil, oauthErr(http.StatusServiceUnavailable, "temporarily_unavailable", "too many sign-ins are in progress; try again in a few minutes")
	}
	if len(ua) > 256 {
		ua = ua[:256]
	}
	ua = strings.ToValidUTF8(ua, "?")
	exp := now.Add(s.cfg.DeviceCodeTTL)
	for attempt := 0; ; attempt++ {
		dc, uc := newDeviceCode(), newUserCode()
		_, err := s.db.SQL().ExecContext(ctx, s.db.Rebind(`INSERT INTO oauth_device_codes
			(id, device_digest, user_digest, client_id, scope, status, client_ip, user_agent, created_at, expires_at, interval_s, last_poll_at)
			VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 0)`),
			mira.NewID("dev"), digest(s.deviceKey, dc), digest(s.userKey, uc), clientID, mira.JoinScopes(scopes), statusPending,
			ip.String(), ua, now.UnixMicro(), exp.UnixMicro(), int(s.cfg.PollInterval/time.Second))
		if store.IsUniqueViolation(err) && attempt < 3 {
			continue // a user code collision; astronomically rare for device codes
		}
		if err != nil {
			return nil, serverError(fmt.Errorf("create device code: %w", err))
		}
		verify := s.cfg.Issuer + "/device"
		return &deviceAuthorization{
			DeviceCode:              dc,
			UserCode:                FormatUserCode(uc),
			VerificationURI:         verify,
			VerificationURIComplete: verify + "?user_code=" + FormatUserCode(uc),
			ExpiresIn:               int(s.cfg.DeviceCodeTTL / time.Second),
			Interval:                int(s.cfg.PollInterval / time.Second),
		}, nil
	}
}

// DeviceRequest is a pending device sign-in, as the /device page shows it
// to the user asked to approve it.
type DeviceRequest struct {
	ID         string // not secret; names the request in the approve form
	UserCode   string // XXXX-XXXX as entered; empty when not known
	ClientID   string
	ClientName string
	Scopes     []mira.Scope
	ClientIP   string // of the device that asked
	UserAgent  string // of the device that asked
	CreatedAt  time.Time
	ExpiresAt  time.Time
}

// Claimant is the signed-in browser session entering a user code.
type Claimant struct {
	SessionID string
	UserID    string
	OrgID     string // the user's organisation, which the audit entry belongs to
	IP        netip.Addr
}

// Errors of ClaimUserCode and DecideDevice, for the /device page.
var (
	// ErrMalformedUserCode: the input cannot be a user code (not counted
	// as a guess: it tells nothing).
	ErrMalformedUserCode = errors.New("oauth: that is not a user code")
	// ErrUnknownUserCode: no pending request has this code (or it expired).
	ErrUnknownUserCode = errors.New("oauth: unknown or expired user code")
	// ErrClaimedElsewhere: another browser session entered this code first;
	// only it can decide.
	ErrClaimedElsewhere = errors.New("oauth: the code is being approved in another browser session")
	// ErrAlreadyDecided: this session already approved or denied it.
	ErrAlreadyDecided = errors.New("oauth: the request was already decided")
	// ErrNotDecidable: the request is not pending, has expired, or was not
	// claimed by this session.
	ErrNotDecidable = errors.New("oauth: the request cannot be decided by this session")
)

func (s *Server) guessKeys(c Claimant) []attempts.Key {
	l := s.cfg.Limits
	return []attempts.Key{
		{Key: "oauth:user-code:session:" + c.SessionID, Rule: attempts.Rule{Limit: l.PerSession, Window: l.Window}},
		{Key: "oauth:user-code:user:" + c.UserID, Rule: attempts.Rule{Limit: l.PerUser, Window: l.Window}},
		{Key: "oauth:user-code:ip:" + attempts.IPKey(c.IP), Rule: attempts.Rule{Limit: l.PerIP, Window: l.Window}},
		{Key: "oauth:user-code:global", Rule: attempts.Rule{Limit: l.Global, Window: l.Window}},
	}
}

const deviceColumns = `id, client_id, scope, status, client_ip, user_agent, created_at, expires_at, claimed_session`

type deviceRow struct {
	DeviceRequest
	status    string
	claimedBy sql.NullString
}

func scanDevice(row *sql.Row) (*deviceRow, error) {
	var (
		d                deviceRow
		scope            string
		created, expires int64
	)
	if err := row.Scan(&d.ID, &d.ClientID, &scope, &d.status, &d.ClientIP, &d.UserAgent, &created, &expires, &d.claimedBy); err != nil {
		return nil, err
	}
	d.Scopes, _ = mira.ParseScopes(scope)
	d.ClientName = clients[d.ClientID]
	d.CreatedAt = time.UnixMicro(created).UTC()
	d.ExpiresAt = time.UnixMicro(expires).UTC()
	return &d, nil
}

// ClaimUserCode looks up the pending request with the user code entered by
// a signed-in session and claims it for that session: from then on, only
// that session can approve or deny it. Every attempt is counted per
// session, user, network and globally, and refunded when the code was
// right; over a limit, ClaimUserCode returns an *attempts.LockedError without
// looking at the code.
func (s *Server) ClaimUserCode(ctx context.Context, userCode string, c Claimant) (*DeviceRequest, error) {
	code, ok := NormalizeUserCode(userCode)
	if !ok {
		return nil, ErrMalformedUserCode
	}
	if c.SessionID == "" || c.UserID == "" {
		return nil, errors.New("oauth: claim without a session")
	}
	now := s.now()
	keys := s.guessKeys(c)
	wait, err := s.throttle.Reserve(ctx, now, keys...)
	if err != nil {
		return nil, err
	}
	if wait > 0 {
		s.log.Warn("oauth: user-code guesses throttled", "user_id", c.UserID, "client_ip", c.IP.String())
		return nil, &attempts.LockedError{RetryAfter: wait}
	}
	d, err := scanDevice(s.db.SQL().QueryRowContext(ctx, s.db.Rebind(`SELECT `+deviceColumns+` FROM oauth_device_codes WHERE user_digest = ?`),
		digest(s.userKey, code)))
	if errors.Is(err, sql.ErrNoRows) {
		return nil, ErrUnknownUserCode
	}
	if err != nil {
		return nil, fmt.Errorf("oauth: look up user code: %w", err)
	}
	mine := d.claimedBy.Valid && d.claimedBy.String == c.SessionID
	switch {
	case !now.Before(d.ExpiresAt):
		return nil, ErrUnknownUserCode
	case d.status != statusPending && mine:
		s.throttle.Refund(ctx, keys...)
		return nil, ErrAlreadyDecided
	case d.status != statusPending:
		return nil, ErrUnknownUserCode
	case d.claimedBy.Valid && !mine:
		return nil, ErrClaimedElsewhere
	}
	res, err := s.db.SQL().ExecContext(ctx, s.db.Rebind(`UPDATE oauth_device_codes SET claimed_session = ?, claimed_at = ?
		WHERE id = ? AND status = ? AND (claimed_session IS NULL OR claimed_session = ?)`),
		c.SessionID, now.UnixMicro(), d.ID, statusPending, c.SessionID)
	if err != nil {
		return nil, fmt.Errorf("oauth: claim user code: %w", err)
	}
	if n, _ := res.RowsAffected(); n != 1 {
		return nil, ErrClaimedElsewhere // another session won the race
	}
	if err := s.throttle.Refund(ctx, keys...); err != nil {
		s.log.Warn("oauth: refund of a right user code failed", "error", err)
	}
	d.UserCode = FormatUserCode(code)
	return &d.DeviceRequest, nil
}

// ClaimedRequest returns the pending request id claimed by c's session.
func (s *Server) ClaimedRequest(ctx context.Context, id string, c Claimant) (*DeviceRequest, error) {
	d, err := scanDevice(s.db.SQL().QueryRowContext(ctx, s.db.Rebind(`SELECT `+deviceColumns+` FROM oauth_device_codes WHERE id = ?`), id))
	if errors.Is(err, sql.ErrNoRows) {
		return nil, ErrNotDecidable
	}
	if err != nil {
		return nil, fmt.Errorf("oauth: device request: %w", err)
	}
	if d.status != statusPending || !d.claimedBy.Valid || d.claimedBy.String != c.SessionID || !s.now().Before(d.ExpiresAt) {
		return nil, ErrNotDecidable
	}
	return &d.DeviceRequest, nil
}

// DecideDevice approves or denies the request id for c's user. Only the
// session that claimed it can, and only while it is pending and unexpired.
// The caller checks a fresh second factor before approving.
func (s *Server) DecideDevice(ctx context.Context, id string, c Claimant, approve bool) error {
	status := statusDenied
	if approve {
		status = statusApproved
	}
	now := s.now()
	res, err := s.db.SQL().ExecContext(ctx, s.db.Rebind(`UPDATE oauth_device_codes SET status = ?, user_id = ?, decided_at = ?
		WHERE id = ? AND status = ? AND claimed_session = ? AND expires_at > ?`),
		status, c.UserID, now.UnixMicro(), id, statusPending, c.SessionID, now.UnixMicro())
	if err != nil {
		return fmt.Errorf("oauth: decide device request: %w", err)
	}
	if n, _ := res.RowsAffected(); n != 1 {
		return ErrNotDecidable
	}
	s.log.Info("oauth: device sign-in "+status, "request_id", id, "user_id", c.UserID, "client_ip", c.IP.String())
	if s.cfg.Audit != nil {
		action := audit.DeviceDenied
		if approve {
			action = audit.DeviceApproved
		}
		// The address of the CLI that asked, beside the approver's: a
		// difference is worth an alert (device_approval_mismatch).
		var cliIP string
		if err := s.db.SQL().QueryRowContext(ctx, s.db.Rebind(`SELECT client_ip FROM oauth_device_codes WHERE id = ?`), id).Scan(&cliIP); err != nil {
			s.log.Warn("oauth: reading the device request's address failed", "request_id", id, "error", err)
		}
		s.cfg.Audit(ctx, &audit.Entry{OrgID: c.OrgID, Actor: audit.User(c.UserID), Action: action, Target: id, ClientIP: c.IP.String(),
			Details: map[string]any{"cli_ip": cliIP}})
	}
	return nil
}

// pollTolerance is how much sooner than the interval a poll may come
// without being told to slow down: network jitter, not abuse.
func pollTolerance(interval time.Duration) time.Duration {
	return min(time.Second, interval*2/5)
}

// deviceCodeGrant redeems a device code (RFC 8628 §3.4, §3.5).
func (s *Server) deviceCodeGrant(ctx context.Context, clientID, deviceCode string) (*tokenResponse, error) {
	if deviceCode == "" {
		return nil, oauthErr(http.StatusBadRequest, "invalid_request", "device_code is required")
	}
	if len(deviceCode) > 128 {
		return nil, oauthErr(http.StatusBadRequest, "invalid_grant", "unknown device code")
	}
	now := s.now()
	var (
		id, cid, status string
		expires, last   int64
		interval        int
	)
	err := s.db.SQL().QueryRowContext(ctx, s.db.Rebind(`SELECT id, client_id, status, expires_at, interval_s, last_poll_at FROM oauth_device_codes WHERE device_digest = ?`),
		digest(s.deviceKey, deviceCode)).Scan(&id, &cid, &status, &expires, &interval, &last)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, oauthErr(http.StatusBadRequest, "invalid_grant", "unknown device code")
	}
	if err != nil {
		return nil, serverError(err)
	}
	switch {
	case cid != clientID:
		return nil, oauthErr(http.StatusBadRequest, "invalid_grant", "the device code was issued to another client")
	case status == statusRedeemed:
		return nil, oauthErr(http.StatusBadRequest, "invalid_grant", "the device code was already used")
	case !now.Before(time.UnixMicro(expires)):
		return nil, oauthErr(http.StatusBadRequest, "expired_token", "the device code has expired; start the sign-in again")
	}

	// Polling too fast earns slow_down and 5 more seconds, remembered per
	// code. The update is conditional on the last poll seen, so two polls
	// racing on different instances cannot both pass.
	iv := time.Duration(interval) * time.Second
	slow := last != 0 && now.Sub(time.UnixMicro(last)) < iv-pollTolerance(iv)
	next := interval
	if slow {
		next += 5
	}
	res, err := s.db.SQL().ExecContext(ctx, s.db.Rebind(`UPDATE oauth_device_codes SET last_poll_at = ?, interval_s = ? WHERE id = ? AND last_poll_at = ?`),
		now.UnixMicro(), next, id, last)
	if err != nil {
		return nil, serverError(err)
	}
	if n, _ := res.RowsAffected(); n != 1 {
		if _, err := s.db.SQL().ExecContext(ctx, s.db.Rebind(`UPDATE oauth_device_codes SET interval_s = interval_s + 5 WHERE id = ?`), id); err != nil {
			return nil, serverError(err)
		}
		slow, next = true, interval+5
	}
	if slow {
		e := oauthErr(http.StatusBadRequest, "slow_down", fmt.Sprintf("polling too fast; poll every %d seconds", next))
		e.Interval = next
		return nil, e
	}

	switch status {
	case statusPending:
		return nil, oauthErr(http.StatusBadRequest, "authorization_pending", "waiting for the user to approve the sign-in")
	case statusDenied:
		return nil, oauthErr(http.StatusBadRequest, "access_denied", "the user denied the sign-in")
	case statusApproved:
		return s.redeemDeviceCode(ctx, id, now)
	}
	return nil, serverError(fmt.Errorf("device request %s has status %q", id, status))
}

// redeemDeviceCode turns an approved device code into a grant and its
// first tokens, once: the status change is conditional, in the same
// transaction as the grant, so concurrent redemptions on any number of
// instances yield one grant.
func (s *Server) redeemDeviceCode(ctx context.Context, id string, now time.Time) (*tokenResponse, error) {
	tx, err := s.db.SQL().BeginTx(ctx, nil)
	if err != nil {
		return nil, serverError(err)
	}
	defer tx.Rollback()
	res, err := tx.ExecContext(ctx, s.db.Rebind(`UPDATE oauth_device_codes SET status = ?, redeemed_at = ? WHERE id = ? AND status = ?`),
		statusRedeemed, now.UnixMicro(), id, statusApproved)
	if err != nil {
		return nil, serverError(err)
	}
	if n, _ := res.RowsAffected(); n != 1 {
		return nil, oauthErr(http.StatusBadRequest, "invalid_grant", "the device code was already used")
	}
	var (
		g     grant
		scope string
	)
	err = tx.QueryRowContext(ctx, s.db.Rebind(`SELECT d.user_id, d.client_id, d.scope, u.org_id, u.email, o.name FROM oauth_device_codes d JOIN users u ON u.id = d.user_id JOIN orgs o ON o.id = u.org_id WHERE d.id = ?`), id).
		Scan(&g.UserID, &g.ClientID, &scope, &g.OrgID, &g.Email, &g.OrgName)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, oauthErr(http.StatusBadRequest, "invalid_grant", "the approving user no longer exists")
	}
	if err != nil {
		return nil, serverError(err)
	}
	if g.Scopes, err = mira.ParseScopes(scope); err != nil {
		return nil, serverError(err)
	}
	g.ID = mira.NewID("grant")
	if _, err := tx.ExecContext(ctx, s.db.Rebind(`INSERT INTO oauth_grants (id, user_id, client_id, scope, created_at, expires_at) VALUES (?, ?, ?, ?, ?, ?)`),
		g.ID, g.UserID, g.ClientID, scope, now.UnixMicro(), now.Add(s.cfg.RefreshMaxTTL).UnixMicro()); err != nil {
		return nil, serverError(err)
	}
	rt, err := s.insertRefreshToken(ctx, tx, g.ID, now)
	if err != nil {
		return nil, serverError(err)
	}
	if err := tx.Commit(); err != nil {
		return nil, serverError(err)
	}
	s.log.Info("oauth: device code redeemed", "grant_id", g.ID, "user_id", g.UserID)
	return s.tokenResponse(g, rt, now)
}
