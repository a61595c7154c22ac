package oauth

import (
	"bytes"
	"context"
	"encoding/base64"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"slices"
	"strings"
	"time"

	"github.com/go-jose/go-jose/v4"
	"github.com/go-jose/go-jose/v4/jwt"
	"github.com/vmira/mira/internal/mira"
)

// MaxTokenLen bounds the size of an access token accepted for
// verification; ours are well under 1 KB. Larger input is refused before
// any decoding, so a huge bearer token costs no memory.
const MaxTokenLen = 8 << 10

// Claims are what a verified access token says.
type Claims struct {
	UserID    string // sub
	OrgID     string
	ClientID  string
	GrantID   string // sid: the sign-in (refresh-token family) it belongs to
	TokenID   string // jti
	Scopes    []mira.Scope
	IssuedAt  time.Time
	ExpiresAt time.Time
}

// HasScope reports whether the token carries scope s.
func (c *Claims) HasScope(s mira.Scope) bool { return slices.Contains(c.Scopes, s) }

// tokenClaims are the JSON claims beyond the registered ones.
type tokenClaims struct {
	ClientID string `json:"client_id"`
	Scope    string `json:"scope"`
	SID      string `json:"sid"`
	OrgID    string `json:"org_id"`
	// Email and OrgName are for the CLI's `mira auth status`, which
	// reads them from the token without asking the server; the server
	// never trusts them (it reads the user by sub).
	Email   string `json:"email,omitempty"`
	OrgName string `json:"org_name,omitempty"`
}

// grant is what an access token is issued for.
type grant struct {
	ID       string
	UserID   string
	OrgID    string
	ClientID string
	Scopes   []mira.Scope
	Email    string // the user's, for the token's email claim
	OrgName  string // the organisation's, for the org_name claim
}

// issueAccessToken signs an access token for g.
func (s *Server) issueAccessToken(g grant, now time.Time) (string, time.Time, error) {
	k := s.keys.Load().signer(now)
	if k == nil {
		return "", time.Time{}, errors.New("oauth: no signing key is active")
	}
	exp := now.Add(s.cfg.AccessTokenTTL)
	std := jwt.Claims{
		Issuer:   s.cfg.Issuer,
		Subject:  g.UserID,
		Audience: jwt.Audience{s.cfg.Audience},
		Expiry:   jwt.NewNumericDate(exp),
		IssuedAt: jwt.NewNumericDate(now),
		ID:       mira.NewID("at"),
	}
	extra := tokenClaims{ClientID: g.ClientID, Scope: mira.JoinScopes(g.Scopes), SID: g.ID, OrgID: g.OrgID,
		Email: g.Email, OrgName: g.OrgName}
	tok, err := jwt.Signed(k.signer).Claims(std).Claims(extra).Serialize()
	if err != nil {
		return "", time.Time{}, fmt.Errorf("oauth: sign access token: %w", err)
	}
	// NumericDate has whole seconds: report what the token says.
	return tok, std.Expiry.Time(), nil
}

// VerifyAccessToken returns the claims of a valid access token. Any
// failure is a *mira.Error with code invalid_api_key (401); the reason is
// in its Err, for logs.
func (s *Server) VerifyAccessToken(ctx context.Context, token string) (*Claims, error) {
	c, err := s.verify(ctx, token, s.now())
	if err != nil {
		msg := "the access token is invalid; sign in again with `mira auth login`"
		if errors.Is(err, errTokenExpired) {
			msg = "the access token has expired; refresh it, or sign in again with `mira auth login`"
		}
		return nil, &mira.Error{Code: mira.EInvalidAPIKey, Message: msg, Err: err}
	}
	return c, nil
}

var errTokenExpired = errors.New("access token expired")

// verify checks, in order of cost: size, shape, the header (exactly alg,
// typ and kid; alg pinned to EdDSA; typ at+jwt; kid one of our published
// keys; nothing like jku, x5u, jwk or crit is honoured, because nothing
// else is accepted), the signature, then the claims.
func (s *Server) verify(ctx context.Context, token string, now time.Time) (*Claims, error) {
	if len(token) > MaxTokenLen {
		return nil, fmt.Errorf("token of %d bytes is over the %d-byte limit", len(token), MaxTokenLen)
	}
	if strings.Count(token, ".") != 2 {
		return nil, errors.New("not a compact JWS")
	}
	hdrSeg, _, _ := strings.Cut(token, ".")
	if len(hdrSeg) > 512 {
		return nil, errors.New("header too large")
	}
	hdrJSON, err := base64.RawURLEncoding.Strict().DecodeString(hdrSeg)
	if err != nil {
		return nil, errors.New("header is not base64url")
	}
	hdr, err := parseHeader(hdrJSON)
	if err != nil {
		return nil, err
	}
	if hdr["alg"] != algEdDSA {
		return nil, fmt.Errorf("algorithm %q is not allowed", hdr["alg"])
	}
	if typ := strings.ToLower(hdr["typ"]); typ != "at+jwt" && typ != "application/at+jwt" {
		return nil, fmt.Errorf("typ %q is not at+jwt", hdr["typ"])
	}
	key := s.keys.Load().lookup(hdr["kid"], now, s.retireAfter())
	if key == nil {
		s.reloadForUnknownKid(ctx, now)
		if key = s.keys.Load().lookup(hdr["kid"], now, s.retireAfter()); key == nil {
			return nil, errors.New("unknown kid")
		}
	}
	tok, err := jwt.ParseSigned(token, []jose.SignatureAlgorithm{jose.EdDSA})
	if err != nil {
		return nil, fmt.Errorf("parse: %w", err)
	}
	var (
		std   jwt.Claims
		extra tokenClaims
	)
	if err := tok.Claims(key.pub, &std, &extra); err != nil {
		return nil, fmt.Errorf("signature: %w", err)
	}
	if std.Expiry == nil || std.IssuedAt == nil {
		return nil, errors.New("exp and iat are required")
	}
	err = std.ValidateWithLeeway(jwt.Expected{Issuer: s.cfg.Issuer, AnyAudience: jwt.Audience{s.cfg.Audience}, Time: now}, leeway)
	if errors.Is(err, jwt.ErrExpired) {
		return nil, errTokenExpired
	}
	if err != nil {
		return nil, err
	}
	exp, iat := std.Expiry.Time(), std.IssuedAt.Time()
	if exp.Sub(iat) > MaxAccessTokenTTL {
		return nil, errors.New("lifetime longer than allowed")
	}
	if std.Subject == "" || std.ID == "" || extra.SID == "" {
		return nil, errors.New("sub, jti and sid are required")
	}
	if _, ok := clients[extra.ClientID]; !ok {
		return nil, errors.New("unknown client_id")
	}
	scopes, err := mira.ParseScopes(extra.Scope)
	if err != nil || strings.Contains(extra.Scope, ",") {
		return nil, errors.New("bad scope")
	}
	if s.isRevoked(extra.SID) {
		return nil, errors.New("grant revoked")
	}
	return &Claims{UserID: std.Subject, OrgID: extra.OrgID, ClientID: extra.ClientID, GrantID: extra.SID,
		TokenID: std.ID, Scopes: scopes, IssuedAt: iat, ExpiresAt: exp}, nil
}

// parseHeader decodes a JOSE header that must be one JSON object whose
// members are exactly alg, typ and kid, each a string, none repeated.
func parseHeader(b []byte) (map[string]string, error) {
	dec := json.NewDecoder(bytes.NewReader(b))
	if t, err := dec.Token(); err != nil || t != json.Delim('{') {
		return nil, errors.New("header is not a JSON object")
	}
	out := make(map[string]string, 3)
	for dec.More() {
		t, err := dec.Token()
		if err != nil {
			return nil, errors.New("header is not valid JSON")
		}
		name, _ := t.(string)
		switch name {
		case "alg", "typ", "kid":
		default:
			return nil, fmt.Errorf("header parameter %.32q is not accepted", name)
		}
		if _, dup := out[name]; dup {
			return nil, fmt.Errorf("header parameter %s is repeated", name)
		}
		v, err := dec.Token()
		str, ok := v.(string)
		if err != nil || !ok {
			return nil, fmt.Errorf("header parameter %s is not a string", name)
		}
		out[name] = str
	}
	if t, err := dec.Token(); err != nil || t != json.Delim('}') {
		return nil, errors.New("header is not valid JSON")
	}
	if _, err := dec.Token(); err != io.EOF {
		return nil, errors.New("trailing data after the header")
	}
	if len(out) != 3 {
		return nil, errors.New("header needs alg, typ and kid")
	}
	return out, nil
}

// revocationMemory is how long a revoked grant is remembered in memory:
// after that, every access token it had has expired.
func (s *Server) revocationMemory() time.Duration {
	return MaxAccessTokenTTL + leeway + time.Minute
}

func (s *Server) isRevoked(grantID string) bool {
	s.revokedMu.RLock()
	_, ok := s.revoked[grantID]
	s.revokedMu.RUnlock()
	return ok
}

func (s *Server) noteRevoked(now time.Time, ids ...string) {
	s.revokedMu.Lock()
	for _, id := range ids {
		s.revoked[id] = now
	}
	s.revokedMu.Unlock()
}

// pollRevocations loads grants revoked since since (by any instance) into
// the revoked set and forgets those revoked long enough ago. It returns
// the since of the next poll, overlapping a few seconds so a slow commit
// is not missed.
func (s *Server) pollRevocations(ctx context.Context, since time.Time) (time.Time, error) {
	started := s.now()
	rows, err := s.db.SQL().QueryContext(ctx, s.db.Rebind(`SELECT id FROM oauth_grants WHERE revoked_at >= ?`), since.UnixMicro())
	if err != nil {
		return since, fmt.Errorf("oauth: poll revocations: %w", err)
	}
	defer rows.Close()
	var ids []string
	for rows.Next() {
		var id string
		if err := rows.Scan(&id); err != nil {
			return since, fmt.Errorf("oauth: poll revocations: %w", err)
		}
		ids = append(ids, id)
	}
	if err := rows.Err(); err != nil {
		return since, fmt.Errorf("oauth: poll revocations: %w", err)
	}
	s.revokedMu.Lock()
	for _, id := range ids {
		if _, ok := s.revoked[id]; !ok {
			s.revoked[id] = started
		}
	}
	for id, at := range s.revoked {
		if started.Sub(at) > s.revocationMemory()+time.Minute {
			delete(s.revoked, id)
		}
	}
	s.revokedMu.Unlock()
	return started.Add(-5 * time.Second), nil
}
