// Package oauth is Mira's OAuth 2.0 authorisation server for the CLI: the
// device authorisation grant (RFC 8628) with the /device page's claim and
// decision steps, JWT access tokens (RFC 9068 shape, EdDSA) with signing keys
// kept sealed in the database and rotated with overlap, rotating refresh
// tokens with replay detection, revocation (RFC 7009), and metadata
// (RFC 8414) with a JWKS.
//
// The only client is the public client mira-cli (no secret). Access tokens
// carry every scope except admin (see CLIScopes); what a user may do with
// them beyond that is decided by the user's role where it matters.
package oauth

import (
	"cmp"
	"context"
	"crypto/hmac"
	"crypto/sha256"
	"encoding/json"
	"errors"
	"fmt"
	"log/slog"
	"net/http"
	"net/netip"
	"net/url"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/vmira/mira/internal/attempts"
	"github.com/vmira/mira/internal/audit"
	"github.com/vmira/mira/internal/clientip"
	"github.com/vmira/mira/internal/mira"
	"github.com/vmira/mira/internal/ratelimit"
	"github.com/vmira/mira/internal/secretbox"
	"github.com/vmira/mira/internal/store"
)

// ClientID is the one registered client: the Mira CLI, a public client.
const ClientID = "mira-cli"

// clients are the registered clients, by id, with the name users see on
// the /device page.
var clients = map[string]string{ClientID: "Mira CLI"}

// Grant types of the token endpoint.
const (
	GrantTypeDeviceCode   = "urn:ietf:params:oauth:grant-type:device_code"
	GrantTypeRefreshToken = "refresh_token"
)

// MaxAccessTokenTTL is the longest access-token lifetime allowed.
const MaxAccessTokenTTL = 15 * time.Minute

// MaxDeviceCodeTTL is the longest device-code lifetime allowed.
const MaxDeviceCodeTTL = 15 * time.Minute

// CLIScopes are the scopes of a CLI access token: everything but admin.
// Administration needs the dashboard or `mira admin`, never a token that
// sits on a laptop. A client may ask for fewer with the scope parameter.
var CLIScopes = slices.DeleteFunc(slices.Clone(mira.AllScopes), func(s mira.Scope) bool { return s == mira.ScopeAdmin })

// Config configures the authorisation server. Zero fields take the
// defaults documented on each.
type Config struct {
	// Issuer is the server's public https origin, identical on every
	// instance, e.g. https://mira.example.com (no path). Required.
	Issuer string
	// Audience is the "aud" of access tokens; default Issuer + "/v1".
	Audience string
	// AccessTokenTTL is the lifetime of access tokens: default 10m, at most 15m.
	AccessTokenTTL time.Duration
	// RefreshIdleTTL ends a refresh-token family unused for this long: default 30 days.
	RefreshIdleTTL time.Duration
	// RefreshMaxTTL ends a refresh-token family this long after sign-in,
	// however often it is used: default 90 days.
	RefreshMaxTTL time.Duration
	// DeviceCodeTTL is how long a device code waits for approval: default 10m, at most 15m.
	DeviceCodeTTL time.Duration
	// PollInterval is the initial polling interval: default 5s, whole seconds.
	PollInterval time.Duration
	// Limits bound guessing of user codes and creating device codes.
	Limits Limits

	// Now is the clock; default time.Now.
	Now func() time.Time
	// ClientIP returns a request's client address; default its peer address.
	// Give the server's resolver when behind trusted proxies.
	ClientIP func(*http.Request) netip.Addr
	// Logger; default discards.
	Logger *slog.Logger
	// Audit, when set, receives device approvals and denials.
	Audit func(ctx context.Context, e *audit.Entry)
}

// Limits bound guessing of user codes. A user code has 20^8 ≈ 2^34.6
// values; with at most Global wrong codes per Window across the whole
// server and at most MaxPending live codes, a guess campaign succeeds with
// probability at most Global*MaxPending/20^8 per window (2e-4 with the
// defaults), and any one session, user or network gets only a handful of
// tries. Counts are kept in the database, so they hold across instances.
type Limits struct {
	Window     time.Duration // default 15m, the longest life of a user code
	PerSession int           // wrong user codes per browser session: default 5
	PerUser    int           // per signed-in user, all sessions: default 10
	PerIP      int           // per client IPv4 address or IPv6 /64: default 20
	Global     int           // across the server: default 200

	DeviceCodesPerIP int // device authorisation requests per IP per Window: default 30
	MaxPending       int // live device codes at once: default 1000
}

func (c *Config) setDefaults() error {
	u, err := url.Parse(c.Issuer)
	if err != nil || u.Scheme != "https" || u.Host == "" || (u.Path != "" && u.Path != "/") || u.RawQuery != "" || u.Fragment != "" || u.User != nil {
		return fmt.Errorf("oauth: issuer %q must be an https origin such as https://mira.example.com, without path, query or fragment", c.Issuer)
	}
	c.Issuer = "https://" + u.Host
	c.Audience = cmp.Or(c.Audience, c.Issuer+"/v1")
	def := func(d *time.Duration, v time.Duration) {
		if *d <= 0 {
			*d = v
		}
	}
	def(&c.AccessTokenTTL, 10*time.Minute)
	def(&c.RefreshIdleTTL, 30*24*time.Hour)
	def(&c.RefreshMaxTTL, 90*24*time.Hour)
	def(&c.DeviceCodeTTL, 10*time.Minute)
	def(&c.PollInterval, 5*time.Second)
	def(&c.Limits.Window, 15*time.Minute)
	switch {
	case c.AccessTokenTTL > MaxAccessTokenTTL:
		return fmt.Errorf("oauth: access token lifetime %v is longer than the maximum %v", c.AccessTokenTTL, MaxAccessTokenTTL)
	case c.DeviceCodeTTL > MaxDeviceCodeTTL:
		return fmt.Errorf("oauth: device code lifetime %v is longer than the maximum %v", c.DeviceCodeTTL, MaxDeviceCodeTTL)
	case c.PollInterval%time.Second != 0:
		return fmt.Errorf("oauth: poll interval %v must be whole seconds", c.PollInterval)
	case c.RefreshIdleTTL > c.RefreshMaxTTL:
		return fmt.Errorf("oauth: refresh idle lifetime %v is longer than the absolute lifetime %v", c.RefreshIdleTTL, c.RefreshMaxTTL)
	}
	l := &c.Limits
	l.PerSession = cmp.Or(l.PerSession, 5)
	l.PerUser = cmp.Or(l.PerUser, 10)
	l.PerIP = cmp.Or(l.PerIP, 20)
	l.Global = cmp.Or(l.Global, 200)
	l.DeviceCodesPerIP = cmp.Or(l.DeviceCodesPerIP, 30)
	l.MaxPending = cmp.Or(l.MaxPending, 1000)
	if c.Now == nil {
		c.Now = time.Now
	}
	if c.ClientIP == nil {
		c.ClientIP = clientip.Peer
	}
	c.Logger = cmp.Or(c.Logger, slog.New(slog.DiscardHandler))
	return nil
}

// Server is the authorisation server. It is safe for concurrent use.
type Server struct {
	cfg      Config
	db       *store.DB
	log      *slog.Logger
	throttle *attempts.Counter

	deviceKey  []byte // HMAC key of device codes
	userKey    []byte // HMAC key of user codes
	refreshKey []byte // HMAC key of refresh tokens
	keyBox     *secretbox.Box

	keys       atomic.Pointer[keySet]
	reloadMu   sync.Mutex
	lastReload time.Time // of an unknown-kid reload, under reloadMu

	revokedMu sync.RWMutex
	revoked   map[string]time.Time // grant id -> when seen revoked
}

// New returns a Server using the server secret, creating a signing key if
// the database has none.
func New(ctx context.Context, cfg Config, db *store.DB, secret []byte) (*Server, error) {
	if err := cfg.setDefaults(); err != nil {
		return nil, err
	}
	s := &Server{cfg: cfg, db: db, log: cfg.Logger, throttle: attempts.New(db), revoked: map[string]time.Time{}}
	var err error
	for _, k := range []struct {
		dst     *[]byte
		purpose string
	}{{&s.deviceKey, "oauth/device-code"}, {&s.userKey, "oauth/user-code"}, {&s.refreshKey, "oauth/refresh-token"}} {
		if *k.dst, err = secretbox.Key(secret, k.purpose, 32); err != nil {
			return nil, err
		}
	}
	if s.keyBox, err = secretbox.New(secret, "oauth/signing-key"); err != nil {
		return nil, err
	}
	if err := s.ensureSigningKey(ctx); err != nil {
		return nil, err
	}
	if err := s.reloadKeys(ctx); err != nil {
		return nil, err
	}
	if _, err := s.pollRevocations(ctx, s.now().Add(-s.revocationMemory())); err != nil {
		return nil, err
	}
	return s, nil
}

func (s *Server) now() time.Time { return s.cfg.Now().UTC().Truncate(time.Microsecond) }

// Route is one endpoint to mount.
type Route struct {
	Pattern string
	Handler http.Handler
}

// Routes returns the server's endpoints, for a mux or a wrapping middleware.
func (s *Server) Routes() []Route {
	return []Route{
		{"POST /oauth/device/code", http.HandlerFunc(s.serveDeviceAuthorization)},
		{"POST /oauth/token", http.HandlerFunc(s.serveToken)},
		{"POST /oauth/revoke", http.HandlerFunc(s.serveRevoke)},
		{"GET /.well-known/oauth-authorization-server", http.HandlerFunc(s.serveMetadata)},
		{"GET /.well-known/jwks.json", http.HandlerFunc(s.serveJWKS)},
	}
}

// Mount registers the endpoints on mux.
func (s *Server) Mount(mux *http.ServeMux) {
	for _, r := range s.Routes() {
		mux.Handle(r.Pattern, r.Handler)
	}
}

// Background intervals.
const (
	revocationPoll = time.Second
	keyReload      = 30 * time.Second
	cleanupEvery   = 10 * time.Minute
)

// Run does the background work until ctx ends: it picks up grants revoked
// by other instances every second (so their access tokens stop working
// everywhere), reloads signing keys, and deletes expired rows.
func (s *Server) Run(ctx context.Context) {
	poll := time.NewTicker(revocationPoll)
	defer poll.Stop()
	reload := time.NewTicker(keyReload)
	defer reload.Stop()
	cleanup := time.NewTicker(cleanupEvery)
	defer cleanup.Stop()
	since := s.now().Add(-time.Minute)
	s.cleanup(ctx)
	for {
		select {
		case <-ctx.Done():
			return
		case <-poll.C:
			if next, err := s.pollRevocations(ctx, since); err != nil {
				if ctx.Err() == nil {
					s.log.Warn("oauth: revocation poll failed", "error", err)
				}
			} else {
				since = next
			}
		case <-reload.C:
			if err := s.reloadKeys(ctx); err != nil && ctx.Err() == nil {
				s.log.Warn("oauth: reloading signing keys failed", "error", err)
			}
		case <-cleanup.C:
			s.cleanup(ctx)
		}
	}
}

func (s *Server) cleanup(ctx context.Context) {
	now := s.now()
	for _, q := range []struct {
		query string
		arg   any
	}{
		{`DELETE FROM oauth_device_codes WHERE expires_at < ?`, now.Add(-24 * time.Hour).UnixMicro()},
		{`DELETE FROM oauth_grants WHERE expires_at < ?`, now.Add(-24 * time.Hour).UnixMicro()},
		{`DELETE FROM oauth_grants WHERE revoked_at < ?`, now.Add(-24 * time.Hour).UnixMicro()},
	} {
		if _, err := s.db.SQL().ExecContext(ctx, s.db.Rebind(q.query), q.arg); err != nil && ctx.Err() == nil {
			s.log.Warn("oauth: cleanup failed", "error", err)
		}
	}
	if err := s.retireKeys(ctx, now); err != nil && ctx.Err() == nil {
		s.log.Warn("oauth: retiring signing keys failed", "error", err)
	}
	if err := s.throttle.Cleanup(ctx, now.Add(-24*time.Hour)); err != nil && ctx.Err() == nil {
		s.log.Warn("oauth: throttle cleanup failed", "error", err)
	}
}

// digest is the HMAC-SHA256 of a secret under key.
func digest(key []byte, secret string) []byte {
	m := hmac.New(sha256.New, key)
	m.Write([]byte(secret))
	return m.Sum(nil)
}

// Error is an OAuth protocol error (RFC 6749 §5.2).
type Error struct {
	Status      int
	Code        string // "invalid_grant", "slow_down", ...
	Description string
	Interval    int           // for slow_down: the new interval, in seconds
	RetryAfter  time.Duration // sent as Retry-After when set
	Err         error         // internal cause, logged only
}

func (e *Error) Error() string {
	if e.Err != nil {
		return "oauth: " + e.Code + ": " + e.Description + ": " + e.Err.Error()
	}
	return "oauth: " + e.Code + ": " + e.Description
}

func (e *Error) Unwrap() error { return e.Err }

func oauthErr(status int, code, desc string) *Error {
	return &Error{Status: status, Code: code, Description: desc}
}

func serverError(err error) *Error {
	return &Error{Status: http.StatusInternalServerError, Code: "server_error", Description: "internal error", Err: err}
}

// writeError sends err as RFC 6749 §5.2 JSON.
func (s *Server) writeError(w http.ResponseWriter, r *http.Request, err error) {
	var e *Error
	if !errors.As(err, &e) {
		e = serverError(err)
	}
	if e.Status >= 500 {
		s.log.LogAttrs(r.Context(), slog.LevelError, "oauth request failed", slog.String("path", r.URL.Path), slog.String("error", e.Error()))
	}
	body := map[string]any{"error": e.Code}
	if e.Description != "" {
		body["error_description"] = e.Description
	}
	if e.Interval > 0 {
		body["interval"] = e.Interval
	}
	if e.RetryAfter > 0 {
		ratelimit.SetRetryAfter(w.Header(), e.RetryAfter)
	}
	if e.Status == http.StatusUnauthorized && r.Header.Get("Authorization") != "" {
		w.Header().Set("WWW-Authenticate", `Basic realm="mira"`)
	}
	writeJSON(w, e.Status, body)
}

func writeJSON(w http.ResponseWriter, status int, v any) {
	b, err := json.Marshal(v)
	if err != nil {
		status = http.StatusInternalServerError
		b = []byte(`{"error":"server_error"}`)
	}
	h := w.Header()
	h.Set("Content-Type", "application/json")
	h.Set("Cache-Control", "no-store")
	h.Set("Pragma", "no-cache")
	w.WriteHeader(status)
	w.Write(b)
}

// maxFormBytes bounds the body of every OAuth request.
const maxFormBytes = 16 << 10

// clientForm parses an OAuth request body and identifies the client by
// its client_id. Parameters may appear once, only in the body.
func (s *Server) clientForm(w http.ResponseWriter, r *http.Request) (url.Values, string, error) {
	ct := r.Header.Get("Content-Type")
	if mt, _, _ := strings.Cut(ct, ";"); !strings.EqualFold(strings.TrimSpace(mt), "application/x-www-form-urlencoded") {
		return nil, "", oauthErr(http.StatusBadRequest, "invalid_request", "the body must be application/x-www-form-urlencoded")
	}
	if r.URL.RawQuery != "" {
		return nil, "", oauthErr(http.StatusBadRequest, "invalid_request", "parameters must be sent in the body, not the URL")
	}
	r.Body = http.MaxBytesReader(w, r.Body, maxFormBytes)
	if err := r.ParseForm(); err != nil {
		return nil, "", oauthErr(http.StatusBadRequest, "invalid_request", "the body is not a valid form or is too large")
	}
	for k, v := range r.PostForm {
		if len(v) > 1 {
			return nil, "", oauthErr(http.StatusBadRequest, "invalid_request", "parameter "+k+" is repeated")
		}
	}
	// The client is public: it names itself with client_id in the body
	// (RFC 6749 §2.3.1, §3.2.1) and authenticates with nothing. HTTP Basic
	// is refused before anything else happens, so a client library that
	// tries Basic first and then the body (golang.org/x/oauth2's default
	// AuthStyleAutoDetect) does no harm: its Basic attempt touches no
	// state, and cannot count as a poll.
	if r.Header.Get("Authorization") != "" {
		return nil, "", oauthErr(http.StatusUnauthorized, "invalid_client", ClientID+" is a public client: send client_id in the body and no Authorization header")
	}
	clientID := r.PostForm.Get("client_id")
	if clientID == "" {
		return nil, "", oauthErr(http.StatusUnauthorized, "invalid_client", "client_id is required")
	}
	if _, ok := clients[clientID]; !ok {
		return nil, "", oauthErr(http.StatusUnauthorized, "invalid_client", "unknown client")
	}
	return r.PostForm, clientID, nil
}

// parseScope returns the scopes a client asks for: CLIScopes when none.
func parseScope(s string) ([]mira.Scope, error) {
	if strings.TrimSpace(s) == "" {
		return CLIScopes, nil
	}
	if strings.Contains(s, ",") {
		return nil, oauthErr(http.StatusBadRequest, "invalid_scope", "scopes are separated by spaces")
	}
	scopes, err := mira.ParseScopes(s)
	if err != nil {
		return nil, oauthErr(http.StatusBadRequest, "invalid_scope", "unknown scope")
	}
	for _, sc := range scopes {
		if !slices.Contains(CLIScopes, sc) {
			return nil, oauthErr(http.StatusBadRequest, "invalid_scope", "scope "+string(sc)+" is not granted to CLI tokens")
		}
	}
	return scopes, nil
}

// metadata is the RFC 8414 document.
func (s *Server) serveMetadata(w http.ResponseWriter, r *http.Request) {
	scopes := make([]string, len(CLIScopes))
	for i, sc := range CLIScopes {
		scopes[i] = string(sc)
	}
	iss := s.cfg.Issuer
	writeJSONCached(w, map[string]any{
		"issuer":                                     iss,
		"token_endpoint":                             iss + "/oauth/token",
		"device_authorization_endpoint":              iss + "/oauth/device/code",
		"revocation_endpoint":                        iss + "/oauth/revoke",
		"jwks_uri":                                   iss + "/.well-known/jwks.json",
		"grant_types_supported":                      []string{GrantTypeDeviceCode, GrantTypeRefreshToken},
		"response_types_supported":                   []string{},
		"token_endpoint_auth_methods_supported":      []string{"none"},
		"revocation_endpoint_auth_methods_supported": []string{"none"},
		"scopes_supported":                           scopes,
		"service_documentation":                      "https://github.com/vmira/mira",
	})
}

// writeJSONCached sends a public document that caches may keep briefly.
func writeJSONCached(w http.ResponseWriter, v any) {
	b, err := json.Marshal(v)
	if err != nil {
		writeJSON(w, http.StatusInternalServerError, map[string]string{"error": "server_error"})
		return
	}
	w.Header().Set("Content-Type", "application/json")
	w.Header().Set("Cache-Control", "public, max-age=60")
	w.Write(b)
}
