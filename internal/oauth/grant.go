package oauth

import (
	"context"
	"crypto/rand"
	"database/sql"
	"encoding/base64"
	"errors"
	"fmt"
	"net/http"
	"slices"
	"strings"
	"time"

	"github.com/vmira/mira/internal/mira"
	"github.com/vmira/mira/internal/store"
)

// RefreshTokenPrefix starts every refresh token, so secret scanners can
// find leaked ones.
const RefreshTokenPrefix = "mira_rt_"

// tokenResponse is the RFC 6749 §5.1 response.
type tokenResponse struct {
	AccessToken  string `json:"access_token"`
	TokenType    string `json:"token_type"`
	ExpiresIn    int    `json:"expires_in"`
	RefreshToken string `json:"refresh_token"`
	Scope        string `json:"scope"`
}

func (s *Server) tokenResponse(g grant, refresh string, now time.Time) (*tokenResponse, error) {
	at, exp, err := s.issueAccessToken(g, now)
	if err != nil {
		return nil, serverError(err)
	}
	return &tokenResponse{AccessToken: at, TokenType: "Bearer", ExpiresIn: int(exp.Sub(now) / time.Second),
		RefreshToken: refresh, Scope: mira.JoinScopes(g.Scopes)}, nil
}

// serveToken is POST /oauth/token.
func (s *Server) serveToken(w http.ResponseWriter, r *http.Request) {
	form, clientID, err := s.clientForm(w, r)
	if err != nil {
		s.writeError(w, r, err)
		return
	}
	var resp *tokenResponse
	switch gt := form.Get("grant_type"); gt {
	case GrantTypeDeviceCode:
		resp, err = s.deviceCodeGrant(r.Context(), clientID, form.Get("device_code"))
	case GrantTypeRefreshToken:
		resp, err = s.refreshGrant(r.Context(), clientID, form.Get("refresh_token"), form.Get("scope"))
	case "":
		err = oauthErr(http.StatusBadRequest, "invalid_request", "grant_type is required")
	default:
		err = oauthErr(http.StatusBadRequest, "unsupported_grant_type", "supported grant types: "+GrantTypeDeviceCode+", "+GrantTypeRefreshToken)
	}
	if err != nil {
		s.writeError(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, resp)
}

// newRefreshToken returns a refresh token: the prefix and 256 random bits.
func newRefreshToken() string {
	var b [32]byte
	rand.Read(b[:])
	return RefreshTokenPrefix + base64.RawURLEncoding.EncodeToString(b[:])
}

func (s *Server) insertRefreshToken(ctx context.Context, tx *sql.Tx, grantID string, now time.Time) (string, error) {
	rt := newRefreshToken()
	_, err := tx.ExecContext(ctx, s.db.Rebind(`INSERT INTO oauth_refresh_tokens (id, grant_id, digest, created_at) VALUES (?, ?, ?, ?)`),
		mira.NewID("rt"), grantID, digest(s.refreshKey, rt), now.UnixMicro())
	return rt, err
}

var errBadRefresh = oauthErr(http.StatusBadRequest, "invalid_grant", "the refresh token is invalid, expired or revoked; sign in again with `mira auth login`")

// refreshReuseWindow is how long after a rotation the token it spent may
// be presented again and still work (RFC 9700 §4.14.2): two processes of
// one CLI refreshing at once both present the same token, and the second
// must not revoke the sign-in. Only the token spent by the grant's latest
// rotation qualifies; an older one, or any after the window, is a replay.
const refreshReuseWindow = 10 * time.Second

// refreshGrant rotates a refresh token (RFC 6749 §6; OAuth 2.0 Security
// BCP §4.14): each token works once and yields a new one; presenting a
// used token again revokes the whole grant, since either the client or a
// thief holds a copy that should not exist. The one exception is the
// token spent by the grant's latest rotation, presented again within
// refreshReuseWindow: it yields another token pair of the same grant (a
// sibling of the one already issued). Whichever of the siblings is used
// first spends the others, so presenting one of those later is a replay.
//
// The decision is taken with the grant's row locked (PostgreSQL: FOR
// UPDATE; SQLite: every transaction holds the write lock from BEGIN), so
// concurrent refreshes of one grant, on any instance, are decided one
// after the other.
func (s *Server) refreshGrant(ctx context.Context, clientID, refresh, scope string) (*tokenResponse, error) {
	if refresh == "" {
		return nil, oauthErr(http.StatusBadRequest, "invalid_request", "refresh_token is required")
	}
	if !strings.HasPrefix(refresh, RefreshTokenPrefix) || len(refresh) > 128 {
		return nil, errBadRefresh
	}
	now := s.now()
	tx, err := s.db.SQL().BeginTx(ctx, nil)
	if err != nil {
		return nil, serverError(err)
	}
	defer tx.Rollback()
	g, t, err := s.lockRefresh(ctx, tx, digest(s.refreshKey, refresh))
	if err != nil {
		return nil, err
	}
	reuse := false
	switch {
	case g.ClientID != clientID, t.grantRevoked:
		return nil, errBadRefresh
	case t.rotated.Valid:
		since := now.Sub(time.UnixMicro(t.rotated.Int64))
		if t.id != t.lastRotated || since < 0 || since > refreshReuseWindow {
			return nil, s.replayed(ctx, tx, g.ID, now)
		}
		reuse = true
	}
	switch {
	case !now.Before(t.grantExpires):
		return nil, errBadRefresh
	case now.Sub(t.created) >= s.cfg.RefreshIdleTTL:
		return nil, errBadRefresh
	}
	if err := narrowScope(&g, t.grantScope, scope); err != nil {
		return nil, err
	}
	if !reuse {
		if err := s.rotateRefresh(ctx, tx, g.ID, t.id, now); err != nil {
			return nil, err
		}
	}
	err = tx.QueryRowContext(ctx, s.db.Rebind(`SELECT u.org_id, u.email, o.name FROM users u JOIN orgs o ON o.id = u.org_id WHERE u.id = ?`), g.UserID).Scan(&g.OrgID, &g.Email, &g.OrgName)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, errBadRefresh
	}
	if err != nil {
		return nil, serverError(err)
	}
	next, err := s.insertRefreshToken(ctx, tx, g.ID, now)
	if err != nil {
		return nil, serverError(err)
	}
	if err := tx.Commit(); err != nil {
		return nil, serverError(err)
	}
	if reuse {
		s.log.Info("oauth: the refresh token spent by the latest rotation was presented again within the reuse window; issued another token pair",
			"grant_id", g.ID, "rotated_ago", now.Sub(time.UnixMicro(t.rotated.Int64)))
	}
	return s.tokenResponse(g, next, now)
}

// refreshState is a refresh token and its grant as read under the grant's
// lock.
type refreshState struct {
	id           string
	created      time.Time
	rotated      sql.NullInt64
	grantScope   string
	grantExpires time.Time
	grantRevoked bool
	lastRotated  string // the token the grant's latest rotation spent
}

// lockRefresh finds the grant of the refresh token with digest d, locks
// it (FOR UPDATE on PostgreSQL; SQLite's writer lock is already held), and
// only then reads the token's state: a concurrent rotation has either
// committed or not started.
func (s *Server) lockRefresh(ctx context.Context, tx *sql.Tx, d []byte) (grant, refreshState, error) {
	var g grant
	var t refreshState
	err := tx.QueryRowContext(ctx, s.db.Rebind(`SELECT grant_id FROM oauth_refresh_tokens WHERE digest = ?`), d).Scan(&g.ID)
	if errors.Is(err, sql.ErrNoRows) {
		return g, t, errBadRefresh
	}
	if err != nil {
		return g, t, serverError(err)
	}
	var expires int64
	var revoked sql.NullInt64
	lock := `SELECT user_id, client_id, scope, expires_at, revoked_at, last_rotated_token_id FROM oauth_grants WHERE id = ?`
	if s.db.Dialect() == store.DialectPostgres {
		lock += ` FOR UPDATE`
	}
	err = tx.QueryRowContext(ctx, s.db.Rebind(lock), g.ID).Scan(&g.UserID, &g.ClientID, &t.grantScope, &expires, &revoked, &t.lastRotated)
	if errors.Is(err, sql.ErrNoRows) {
		return g, t, errBadRefresh
	}
	if err != nil {
		return g, t, serverError(err)
	}
	t.grantExpires, t.grantRevoked = time.UnixMicro(expires), revoked.Valid
	var created int64
	err = tx.QueryRowContext(ctx, s.db.Rebind(`SELECT id, created_at, rotated_at FROM oauth_refresh_tokens WHERE digest = ?`), d).
		Scan(&t.id, &created, &t.rotated)
	if errors.Is(err, sql.ErrNoRows) {
		return g, t, errBadRefresh
	}
	if err != nil {
		return g, t, serverError(err)
	}
	t.created = time.UnixMicro(created)
	return g, t, nil
}

// narrowScope sets g's scopes: the grant's, or the narrower scope asked
// for (RFC 6749 §6: never a wider one).
func narrowScope(g *grant, granted, scope string) error {
	var err error
	if g.Scopes, err = mira.ParseScopes(granted); err != nil {
		return serverError(err)
	}
	if scope == "" {
		return nil
	}
	asked, err := parseScope(scope)
	if err != nil {
		return err
	}
	for _, sc := range asked {
		if !g.HasScope(sc) {
			return oauthErr(http.StatusBadRequest, "invalid_scope", "scope "+string(sc)+" was not granted")
		}
	}
	g.Scopes = asked
	return nil
}

// rotateRefresh spends the token tokenID, and with it any sibling issued
// in a reuse window, and remembers it as the grant's latest rotation.
func (s *Server) rotateRefresh(ctx context.Context, tx *sql.Tx, grantID, tokenID string, now time.Time) error {
	res, err := tx.ExecContext(ctx, s.db.Rebind(`UPDATE oauth_refresh_tokens SET rotated_at = ? WHERE id = ? AND rotated_at IS NULL`), now.UnixMicro(), tokenID)
	if err != nil {
		return serverError(err)
	}
	if n, _ := res.RowsAffected(); n != 1 {
		return s.replayed(ctx, tx, grantID, now) // cannot happen under the lock; refuse all the same
	}
	if _, err := tx.ExecContext(ctx, s.db.Rebind(`UPDATE oauth_refresh_tokens SET rotated_at = ? WHERE grant_id = ? AND rotated_at IS NULL`), now.UnixMicro(), grantID); err != nil {
		return serverError(err)
	}
	if _, err := tx.ExecContext(ctx, s.db.Rebind(`UPDATE oauth_grants SET last_rotated_token_id = ? WHERE id = ?`), tokenID, grantID); err != nil {
		return serverError(err)
	}
	return nil
}

func (g grant) HasScope(sc mira.Scope) bool { return slices.Contains(g.Scopes, sc) }

// replayed revokes grant g inside tx, commits, and returns the error for
// the client.
func (s *Server) replayed(ctx context.Context, tx *sql.Tx, grantID string, now time.Time) error {
	if err := s.revokeGrantTx(ctx, tx, grantID, "refresh token replayed", now); err != nil {
		return serverError(err)
	}
	if err := tx.Commit(); err != nil {
		return serverError(err)
	}
	s.noteRevoked(now, grantID)
	s.log.Warn("oauth: a used refresh token was presented again; the sign-in is revoked", "grant_id", grantID)
	return errBadRefresh
}

func (s *Server) revokeGrantTx(ctx context.Context, tx interface {
	ExecContext(context.Context, string, ...any) (sql.Result, error)
}, grantID, reason string, now time.Time) error {
	_, err := tx.ExecContext(ctx, s.db.Rebind(`UPDATE oauth_grants SET revoked_at = ?, revoked_reason = ? WHERE id = ? AND revoked_at IS NULL`),
		now.UnixMicro(), reason, grantID)
	return err
}

// RevokeGrant ends a sign-in: its refresh tokens stop working at once and
// its access tokens within about a second on every instance running Run.
func (s *Server) RevokeGrant(ctx context.Context, grantID, reason string) error {
	now := s.now()
	if err := s.revokeGrantTx(ctx, s.db.SQL(), grantID, reason, now); err != nil {
		return fmt.Errorf("oauth: revoke grant: %w", err)
	}
	s.noteRevoked(now, grantID)
	return nil
}

// RevokeUserTokens ends every sign-in of a user (call it when the
// password changes or the account is compromised), and withdraws device
// approvals not redeemed yet.
func (s *Server) RevokeUserTokens(ctx context.Context, userID string) error {
	now := s.now()
	rows, err := s.db.SQL().QueryContext(ctx, s.db.Rebind(`UPDATE oauth_grants SET revoked_at = ?, revoked_reason = ? WHERE user_id = ? AND revoked_at IS NULL RETURNING id`),
		now.UnixMicro(), "all sign-ins of the user revoked", userID)
	if err != nil {
		return fmt.Errorf("oauth: revoke user tokens: %w", err)
	}
	var ids []string
	for rows.Next() {
		var id string
		if err := rows.Scan(&id); err != nil {
			rows.Close()
			return fmt.Errorf("oauth: revoke user tokens: %w", err)
		}
		ids = append(ids, id)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return fmt.Errorf("oauth: revoke user tokens: %w", err)
	}
	s.noteRevoked(now, ids...)
	if _, err := s.db.SQL().ExecContext(ctx, s.db.Rebind(`UPDATE oauth_device_codes SET status = ? WHERE user_id = ? AND status = ?`),
		statusDenied, userID, statusApproved); err != nil {
		return fmt.Errorf("oauth: revoke user tokens: %w", err)
	}
	s.log.Info("oauth: revoked every sign-in of a user", "user_id", userID, "grants", len(ids))
	return nil
}

// serveRevoke is POST /oauth/revoke (RFC 7009). A refresh token or an
// access token ends its whole sign-in. Unknown, expired and foreign
// tokens get 200 as well: the answer must not tell whether a token exists.
func (s *Server) serveRevoke(w http.ResponseWriter, r *http.Request) {
	form, clientID, err := s.clientForm(w, r)
	if err != nil {
		s.writeError(w, r, err)
		return
	}
	tok := form.Get("token")
	if tok == "" {
		s.writeError(w, r, oauthErr(http.StatusBadRequest, "invalid_request", "token is required"))
		return
	}
	ctx := r.Context()
	var grantID string
	switch {
	case strings.HasPrefix(tok, RefreshTokenPrefix) && len(tok) <= 128:
		var cid string
		err := s.db.SQL().QueryRowContext(ctx, s.db.Rebind(`SELECT g.id, g.client_id FROM oauth_refresh_tokens t JOIN oauth_grants g ON g.id = t.grant_id WHERE t.digest = ?`),
			digest(s.refreshKey, tok)).Scan(&grantID, &cid)
		if err != nil && !errors.Is(err, sql.ErrNoRows) {
			s.writeError(w, r, serverError(err))
			return
		}
		if cid != clientID {
			grantID = ""
		}
	default:
		if c, err := s.verify(ctx, tok, s.now()); err == nil && c.ClientID == clientID {
			grantID = c.GrantID
		}
	}
	if grantID != "" {
		if err := s.RevokeGrant(ctx, grantID, "revoked by the client"); err != nil {
			s.writeError(w, r, serverError(err))
			return
		}
	}
	w.Header().Set("Cache-Control", "no-store")
	w.WriteHeader(http.StatusOK)
}
