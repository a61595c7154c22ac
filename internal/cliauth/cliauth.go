// Package cliauth signs the mira CLI in to a Mira server with the OAuth 2.0
// device authorization grant (RFC 8628) and keeps it signed in: it stores
// the tokens with credstore, refreshes the access token shortly before it
// expires (taking turns with other mira processes through the store's lock),
// revokes the refresh token on logout (RFC 7009) and reports who is signed
// in without ever showing a token.
//
// All HTTP goes through the *http.Client of a client.Client, so the TLS
// policy of the SDK applies (TLS 1.2+, MIRA_CA_CERT trusted, verification
// never disabled) and tokens are only ever sent to the configured server.
package cliauth

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"os"
	"strings"
	"sync"
	"time"

	"github.com/vmira/mira/client"
	"github.com/vmira/mira/internal/credstore"
)

const (
	// ClientID is the CLI's OAuth client: public, without a secret.
	ClientID = "mira-cli"

	// EnvToken names the environment variable whose access token, when set,
	// is used as it is, for headless use: never refreshed, never stored.
	EnvToken = "MIRA_TOKEN"

	// RefreshBefore is how long before its expiry an access token is
	// refreshed, so that a request never leaves with a token that expires
	// on the way.
	RefreshBefore = 30 * time.Second
)

var (
	// ErrNotLoggedIn: there is no stored login for the server.
	ErrNotLoggedIn = errors.New("not logged in")
	// ErrSessionExpired: the server no longer accepts the stored refresh
	// token (expired, revoked, or rotated by a process that lost it).
	ErrSessionExpired = errors.New("the login has expired or was revoked")
	// ErrAccessDenied: the user denied the device login in the browser.
	ErrAccessDenied = errors.New("the login request was denied")
	// ErrCodeExpired: the user code expired before anyone approved it.
	ErrCodeExpired = errors.New("the login code expired before it was approved")
)

// Config configures an Auth.
type Config struct {
	// Client names the server (its BaseURL) and provides the HTTP client
	// (its HTTPClient) with the SDK's TLS policy. Build it with
	// client.New(client.FromEnv()); its own credential is never used.
	Client *client.Client

	// Store holds the tokens. When nil, New opens one with StoreOptions
	// (on first use, so MIRA_TOKEN never touches a keyring or a file).
	Store        *credstore.Store
	StoreOptions credstore.Options

	// Getenv reads MIRA_TOKEN, BROWSER and the store's variables
	// (os.Getenv when nil).
	Getenv func(string) string

	// Debug, when not nil, receives a line per OAuth request and decision:
	// endpoints, status codes, OAuth error codes, timings. Never a token,
	// a device code or a request body.
	Debug io.Writer

	// OpenBrowser opens a URL in the user's browser (the system's browser,
	// or $BROWSER, when nil). It is only called for an https URL on the
	// configured server.
	OpenBrowser func(url string) error

	// Replaced by tests.
	now   func() time.Time
	sleep func(ctx context.Context, d time.Duration) error
}

// Auth signs in to one server. It is safe for concurrent use.
type Auth struct {
	server string   // the store's key: the normalised base URL
	origin *url.URL // scheme and host of the server, for same-origin checks
	hc     *http.Client
	getenv func(string) string
	debug  io.Writer
	open   func(string) error
	now    func() time.Time
	sleep  func(context.Context, time.Duration) error

	storeOnce sync.Once
	store     *credstore.Store
	storeOpts credstore.Options
	storeErr  error

	epMu sync.Mutex
	ep   *endpoints // discovered, nil until then

	mu     sync.Mutex // serialises token reads and refreshes in this process
	cached *credstore.Credential
}

// New returns an Auth for the server of cfg.Client.
func New(cfg Config) (*Auth, error) {
	if cfg.Client == nil {
		return nil, errors.New("cliauth: Config.Client is nil")
	}
	origin, err := url.Parse(cfg.Client.BaseURL())
	if err != nil || origin.Scheme != "https" || origin.Host == "" {
		return nil, fmt.Errorf("cliauth: server URL %q is not an https URL", cfg.Client.BaseURL())
	}
	origin.Host = strings.ToLower(origin.Host)
	a := &Auth{
		server: origin.String(),
		origin: &url.URL{Scheme: origin.Scheme, Host: origin.Host},
		hc:     cfg.Client.HTTPClient(),
		getenv: cfg.Getenv,
		debug:  cfg.Debug,
		open:   cfg.OpenBrowser,
		now:    cfg.now,
		sleep:  cfg.sleep,
		store:  cfg.Store,
	}
	if a.getenv == nil {
		a.getenv = os.Getenv
	}
	if a.open == nil {
		a.open = func(u string) error { return openSystemBrowser(u, a.getenv) }
	}
	if a.now == nil {
		a.now = time.Now
	}
	if a.sleep == nil {
		a.sleep = sleep
	}
	a.storeOpts = cfg.StoreOptions
	if a.storeOpts.Getenv == nil {
		a.storeOpts.Getenv = a.getenv
	}
	return a, nil
}

// Store returns the credential store, opening it on first use.
func (a *Auth) Store() (*credstore.Store, error) {
	a.storeOnce.Do(func() {
		if a.store == nil {
			a.store, a.storeErr = credstore.Open(a.storeOpts)
			if a.storeErr == nil {
				a.debugf("credentials: %s backend, %s", a.store.Backend(), a.store.Location())
			}
		}
	})
	return a.store, a.storeErr
}

// Token returns an access token for the server: MIRA_TOKEN when set (as it
// is, never stored), else the stored one, refreshed first when it expires
// within RefreshBefore. It is what `mira auth token` prints and what the
// API client sends.
func (a *Auth) Token(ctx context.Context) (string, error) {
	if t := strings.TrimSpace(a.getenv(EnvToken)); t != "" {
		return t, nil
	}
	c, err := a.credential(ctx)
	if err != nil {
		return "", err
	}
	return c.AccessToken, nil
}

// BearerFunc returns Token, for client.WithBearerFunc: each request asks
// for the token, so a long-running command keeps working across refreshes.
func (a *Auth) BearerFunc() func(context.Context) (string, error) { return a.Token }

// fresh reports whether c's access token is usable without a refresh.
func (a *Auth) fresh(c credstore.Credential) bool {
	if c.AccessToken == "" {
		return false
	}
	return c.Expiry.IsZero() || a.now().Add(RefreshBefore).Before(c.Expiry)
}

func (a *Auth) credential(ctx context.Context) (credstore.Credential, error) {
	a.mu.Lock()
	defer a.mu.Unlock()
	if a.cached != nil && a.fresh(*a.cached) {
		return *a.cached, nil
	}
	st, err := a.Store()
	if err != nil {
		return credstore.Credential{}, err
	}
	c, err := st.Get(a.server)
	if errors.Is(err, credstore.ErrNotFound) {
		return c, a.notLoggedIn()
	}
	if err != nil {
		return c, err
	}
	if !a.fresh(c) {
		if c, err = a.refresh(ctx, st); err != nil {
			return c, err
		}
	}
	a.cached = &c
	return c, nil
}

func (a *Auth) notLoggedIn() error {
	return fmt.Errorf("%w to %s: run `mira auth login` (or set MIRA_API_KEY)", ErrNotLoggedIn, a.server)
}

func (a *Auth) sessionExpired() error {
	return fmt.Errorf("%w for %s: run `mira auth login` again", ErrSessionExpired, a.server)
}

// refresh renews the access token under the store's lock. Other mira
// processes may be doing the same at this moment: whoever takes the lock
// first refreshes and stores the result, and the others, reading the store
// again once they hold the lock, find a fresh token and use it. That
// matters because the server rotates refresh tokens and treats a second
// use of an old one as theft, revoking the whole login.
func (a *Auth) refresh(ctx context.Context, st *credstore.Store) (credstore.Credential, error) {
	a.debugf("access token for %s is expired or about to; refreshing", a.server)
	start := a.now()
	tx, err := st.Lock(ctx)
	if err != nil {
		return credstore.Credential{}, fmt.Errorf("refreshing the login: %w", err)
	}
	defer tx.Unlock()
	if d := a.now().Sub(start); d > 100*time.Millisecond {
		a.debugf("waited %s for the credentials lock", d.Round(time.Millisecond))
	}
	cur, err := tx.Get(a.server)
	if errors.Is(err, credstore.ErrNotFound) {
		return cur, a.notLoggedIn() // logged out meanwhile
	}
	if err != nil {
		return cur, err
	}
	if a.fresh(cur) {
		a.debugf("another mira process refreshed the token; using it")
		return cur, nil
	}
	if cur.RefreshToken == "" {
		return cur, a.sessionExpired()
	}
	next, err := a.refreshGrant(ctx, cur)
	if isOAuthCode(err, "invalid_grant") {
		// A process that does not share our lock (another config
		// directory over the same keyring, an older mira) may have
		// rotated the token: its result is in the store by now.
		a.debugf("refresh token rejected (invalid_grant); reading the store again")
		for i := 0; i < 2; i++ {
			again, gerr := tx.Get(a.server)
			if gerr == nil && again.RefreshToken != cur.RefreshToken {
				if a.fresh(again) {
					a.debugf("the store holds a newer token; using it")
					return again, nil
				}
				cur = again
				next, err = a.refreshGrant(ctx, cur)
				break
			}
			if i == 0 {
				if serr := a.sleep(ctx, time.Second); serr != nil {
					return cur, serr
				}
			}
		}
	}
	if err != nil {
		if isOAuthCode(err, "invalid_grant") {
			return cur, a.sessionExpired()
		}
		if !cur.Expiry.IsZero() && a.now().Before(cur.Expiry) {
			// Refreshing early failed (the server is unreachable for a
			// moment): the token still works for a few seconds.
			a.debugf("refresh failed (%v); the current token is still valid until %s", err, cur.Expiry.Format(time.RFC3339))
			return cur, nil
		}
		return cur, fmt.Errorf("refreshing the login to %s: %w", a.server, err)
	}
	if err := tx.Put(a.server, next); err != nil {
		return next, fmt.Errorf("storing the refreshed login: %w", err)
	}
	a.debugf("refreshed; the new access token expires at %s", next.Expiry.Format(time.RFC3339))
	return next, nil
}

// refreshGrant exchanges cur's refresh token (RFC 6749 section 6). It is
// retried only when the connection could not be made: once a request may
// have reached the server, the old refresh token may already be spent, and
// sending it again would look like replay.
func (a *Auth) refreshGrant(ctx context.Context, cur credstore.Credential) (credstore.Credential, error) {
	ep, err := a.endpoints(ctx)
	if err != nil {
		return cur, err
	}
	form := url.Values{
		"grant_type":    {"refresh_token"},
		"refresh_token": {cur.RefreshToken},
		"client_id":     {ClientID},
	}
	var tok *tokenResponse
	for attempt := 0; ; attempt++ {
		tok, err = a.tokenRequest(ctx, ep.token, form)
		if err == nil || !notSent(err) || attempt == 2 {
			break
		}
		if serr := a.sleep(ctx, time.Duration(attempt+1)*time.Second); serr != nil {
			return cur, serr
		}
	}
	if err != nil {
		return cur, err
	}
	return a.credentialFrom(tok, cur), nil
}

// credentialFrom makes a stored credential of a token response; prev
// supplies what the response may leave out (the refresh token when the
// server does not rotate it, the user).
func (a *Auth) credentialFrom(tok *tokenResponse, prev credstore.Credential) credstore.Credential {
	c := credstore.Credential{
		AccessToken:  tok.AccessToken,
		RefreshToken: tok.RefreshToken,
		TokenType:    "Bearer",
		Subject:      prev.Subject,
		Email:        prev.Email,
	}
	if c.RefreshToken == "" {
		c.RefreshToken = prev.RefreshToken
	}
	claims := peekClaims(tok.AccessToken)
	if claims.Subject != "" {
		c.Subject = claims.Subject
	}
	if claims.Email != "" {
		c.Email = claims.Email
	}
	switch {
	case tok.ExpiresIn > 0:
		c.Expiry = a.now().Add(time.Duration(tok.ExpiresIn) * time.Second).UTC()
	case claims.Expiry > 0:
		c.Expiry = time.Unix(claims.Expiry, 0).UTC()
	}
	return c
}

func (a *Auth) debugf(format string, args ...any) {
	if a.debug != nil {
		fmt.Fprintf(a.debug, "mira auth: "+format+"\n", args...)
	}
}

func sleep(ctx context.Context, d time.Duration) error {
	if d <= 0 {
		return ctx.Err()
	}
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-ctx.Done():
		return ctx.Err()
	case <-t.C:
		return nil
	}
}
