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

// refreshGrant rotates a refresh token (RFC 6749 §6; OAuth 2.0 Security
// BCP §4.14): each token works once and yields a new one; presenting a
// used token again revokes the whole grant, since either the client or a
// thief holds a copy that should not exist.
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
	var (
		tokenID, grantScope string
		g                   grant
		created, gExpires   int64
		rotated, revoked    sql.NullInt64
	)
	err = tx.QueryRowContext(ctx, s.db.Rebind(`SELECT t.id, t.created_at, t.rotated_at, g.id, g.user_id, g.client_id, g.scope, g.expires_at, g.revoked_at
		FROM oauth_refresh_tokens t JOIN oauth_grants g ON g.id = t.grant_id WHERE t.digest = ?`), digest(s.refreshKey, refresh)).
		Scan(&tokenID, &created, &rotated, &g.ID, &g.UserID, &g.ClientID, &grantScope, &gExpires, &revoked)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, errBadRefresh
	}
	if err != nil {
		return nil, serverError(err)
	}
	switch {
	case g.ClientID != clientID:
		return nil, errBadRefresh
	case revoked.Valid:
		return nil, errBadRefresh
	case rotated.Valid:
		return nil, s.replayed(ctx, tx, g.ID, now)
	case !now.Before(time.UnixMicro(gExpires)):
		return nil, errBadRefresh
	case now.Sub(time.UnixMicro(created)) >= s.cfg.RefreshIdleTTL:
		return nil, errBadRefresh
	}
	if g.Scopes, err = mira.ParseScopes(grantScope); err != nil {
		return nil, serverError(err)
	}
	if scope != "" {
		// RFC 6749 §6: a narrower scope may be asked for; never a wider one.
		asked, err := parseScope(scope)
		if err != nil {
			return nil, err
		}
		for _, sc := range asked {
			if !g.HasScope(sc) {
				return nil, oauthErr(http.StatusBadRequest, "invalid_scope", "scope "+string(sc)+" was not granted")
			}
		}
		g.Scopes = asked
	}
	res, err := tx.ExecContext(ctx, s.db.Rebind(`UPDATE oauth_refresh_tokens SET rotated_at = ? WHERE id = ? AND rotated_at IS NULL`), now.UnixMicro(), tokenID)
	if err != nil {
		return nil, serverError(err)
	}
	if n, _ := res.RowsAffected(); n != 1 {
		return nil, s.replayed(ctx, tx, g.ID, now) // a concurrent use of the same token
	}
	err = tx.QueryRowContext(ctx, s.db.Rebind(`SELECT org_id FROM users WHERE id = ?`), g.UserID).Scan(&g.OrgID)
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
	return s.tokenResponse(g, next, now)
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
