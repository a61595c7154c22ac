package cliauth

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net/url"
	"strings"
	"time"

	"github.com/vmira/mira/internal/credstore"
)

// revokeTimeout bounds logout's talk with the server (metadata and
// revocation together): an unreachable server must not hold up the local
// logout for long.
const revokeTimeout = 10 * time.Second

// Status describes the login to one server, for `mira auth status`. It
// never holds a token.
type Status struct {
	Server   string `json:"server"`
	LoggedIn bool   `json:"logged_in"`
	// Source is where the token comes from: "MIRA_TOKEN", "keyring" or
	// "file"; empty when not logged in.
	Source string `json:"source,omitempty"`
	// Storage is where a login is (or would be) stored: a file path or
	// the keyring; empty for MIRA_TOKEN, which is never stored.
	Storage string `json:"storage,omitempty"`
	Subject string `json:"sub,omitempty"`
	Email   string `json:"email,omitempty"`
	// OrgID and Org are the organisation, from the access token's claims
	// (org_id, org_name); empty for tokens issued before they were added.
	OrgID string `json:"org_id,omitempty"`
	Org   string `json:"org,omitempty"`
	// Expiry is when the access token expires; zero when unknown.
	Expiry time.Time `json:"expires_at,omitzero"`
	// Refreshable reports whether a refresh token is stored, so that an
	// expired access token is renewed on the next use.
	Refreshable bool `json:"refreshable"`
}

// Status reports who is logged in to the server and how, without contacting
// the server and without refreshing anything.
func (a *Auth) Status(ctx context.Context) (Status, error) {
	s := Status{Server: a.server}
	if t := strings.TrimSpace(a.getenv(EnvToken)); t != "" {
		c := peekClaims(t)
		s.LoggedIn, s.Source = true, EnvToken
		s.Subject, s.Email, s.OrgID, s.Org = c.Subject, c.Email, c.OrgID, c.OrgName
		if c.Expiry > 0 {
			s.Expiry = time.Unix(c.Expiry, 0).UTC()
		}
		return s, nil
	}
	st, err := a.Store()
	if err != nil {
		return s, err
	}
	s.Storage = st.Location()
	c, where, err := st.Lookup(a.server)
	if errors.Is(err, credstore.ErrNotFound) {
		return s, nil
	}
	if err != nil {
		return s, err
	}
	s.LoggedIn, s.Source = true, string(where)
	if where == credstore.BackendFile {
		s.Storage = st.Path()
	}
	s.Subject, s.Email, s.Expiry = c.Subject, c.Email, c.Expiry
	if claims := peekClaims(c.AccessToken); claims.Subject == c.Subject {
		if s.Email == "" {
			s.Email = claims.Email
		}
		s.OrgID, s.Org = claims.OrgID, claims.OrgName
	}
	s.Refreshable = c.RefreshToken != ""
	return s, nil
}

// WriteText writes s for people, with durations relative to now.
func (s Status) WriteText(w io.Writer, now time.Time) error {
	var b strings.Builder
	fmt.Fprintf(&b, "%s\n", s.Server)
	if !s.LoggedIn {
		fmt.Fprintf(&b, "  Not logged in. Run `mira auth login` (tokens would be stored in %s).\n", s.Storage)
		_, err := io.WriteString(w, b.String())
		return err
	}
	switch {
	case s.Email != "" && s.Subject != "":
		fmt.Fprintf(&b, "  Logged in as %s (%s)\n", s.Email, s.Subject)
	case s.Email != "" || s.Subject != "":
		fmt.Fprintf(&b, "  Logged in as %s%s\n", s.Email, s.Subject)
	default:
		fmt.Fprintf(&b, "  Logged in\n")
	}
	switch {
	case s.Org != "" && s.OrgID != "":
		fmt.Fprintf(&b, "  Organisation %s (%s)\n", s.Org, s.OrgID)
	case s.Org != "" || s.OrgID != "":
		fmt.Fprintf(&b, "  Organisation %s%s\n", s.Org, s.OrgID)
	}
	switch {
	case s.Expiry.IsZero():
		fmt.Fprintf(&b, "  Access token expiry unknown\n")
	case now.Before(s.Expiry):
		fmt.Fprintf(&b, "  Access token expires in %s (%s)", s.Expiry.Sub(now).Round(time.Second), s.Expiry.Local().Format(time.DateTime))
	default:
		fmt.Fprintf(&b, "  Access token expired %s ago", now.Sub(s.Expiry).Round(time.Second))
	}
	if !s.Expiry.IsZero() {
		if s.Source != EnvToken && s.Refreshable {
			b.WriteString("; it is refreshed automatically\n")
		} else {
			b.WriteString("\n")
		}
	}
	if s.Source == EnvToken {
		fmt.Fprintf(&b, "  Token from %s (not stored, not refreshed)\n", EnvToken)
	} else {
		fmt.Fprintf(&b, "  Stored in %s\n", s.Storage)
	}
	_, err := io.WriteString(w, b.String())
	return err
}

// Logout ends the login: it revokes the refresh token on the server (RFC
// 7009), then deletes the stored tokens, from the keyring and the file.
// When the server cannot be reached or refuses, the local tokens are
// deleted all the same and a warning says so on out. Logging out when not
// logged in is not an error.
func (a *Auth) Logout(ctx context.Context, out io.Writer) error {
	st, err := a.Store()
	if err != nil {
		return err
	}
	cur, err := st.Get(a.server)
	if errors.Is(err, credstore.ErrNotFound) {
		// Nothing readable; clear every place anyway (a keyring entry
		// hidden by a timeout at probe time is out of reach).
		if err := st.Delete(ctx, a.server); err != nil {
			return err
		}
		fmt.Fprintf(out, "Not logged in to %s.\n", a.server)
		a.noteEnvToken(out)
		return nil
	}
	if err != nil {
		return err
	}
	revokeErr := errors.New("no refresh token was stored")
	if cur.RefreshToken != "" {
		rctx, cancel := context.WithTimeout(ctx, revokeTimeout)
		revokeErr = a.revoke(rctx, cur.RefreshToken)
		cancel()
	}
	if err := st.Delete(ctx, a.server); err != nil {
		return fmt.Errorf("deleting the stored login: %w", err)
	}
	a.mu.Lock()
	a.cached = nil
	a.mu.Unlock()
	if cur.RefreshToken != "" && revokeErr != nil {
		fmt.Fprintf(out, "Warning: could not revoke the login on the server (%v); it stays valid there until it expires.\n", revokeErr)
	}
	fmt.Fprintf(out, "Logged out of %s; removed the tokens from %s.\n", a.server, st.Location())
	a.noteEnvToken(out)
	return nil
}

func (a *Auth) noteEnvToken(out io.Writer) {
	if a.getenv(EnvToken) != "" {
		fmt.Fprintf(out, "Note: %s is still set in the environment.\n", EnvToken)
	}
}

// revoke revokes refreshToken at the server's revocation endpoint (RFC
// 7009); the server revokes the whole login it belongs to.
func (a *Auth) revoke(ctx context.Context, refreshToken string) error {
	ep, err := a.endpoints(ctx)
	if err != nil {
		if ctx.Err() != nil {
			return err
		}
		ep = a.defaultEndpoints() // no metadata: try the default path
	}
	form := url.Values{
		"token":           {refreshToken},
		"token_type_hint": {"refresh_token"},
		"client_id":       {ClientID},
	}
	status, body, err := a.postForm(ctx, ep.revoke, form)
	if err != nil {
		return err
	}
	if status != 200 {
		return parseOAuthError(status, body, ep.revoke)
	}
	return nil
}
