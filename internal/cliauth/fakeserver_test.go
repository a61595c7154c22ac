package cliauth

import (
	"crypto/rand"
	"crypto/x509"
	"encoding/base64"
	"encoding/json"
	"encoding/pem"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/vmira/mira/client"
	"github.com/vmira/mira/internal/credstore"
	"github.com/vmira/mira/internal/testkit"
)

// fakeServer is an OAuth authorization server as the CLI sees Mira's:
// RFC 8414 metadata, RFC 8628 device authorization with a scripted sequence
// of poll answers, refresh tokens rotated on every use with reuse detection
// (a second use of a refresh token revokes its whole family, so a race
// between CLI processes shows up as invalid_grant), RFC 7009 revocation,
// and /v1/models accepting only live access tokens.
type fakeServer struct {
	t      *testing.T
	srv    *httptest.Server
	pool   *x509.CertPool
	caFile string

	mu sync.Mutex
	// Device flow.
	deviceCode      string
	userCode        string
	verificationURI string // "" means <server>/device
	completeURI     string // "" means <verificationURI>?user_code=...
	interval        int
	expiresIn       int
	script          []string // answers to successive polls: pending, slow_down, denied, expired, drop, 500, ok
	polls           []url.Values
	// Tokens.
	accessTTL     int
	refreshDelay  time.Duration
	revokeOnReuse bool
	onRefresh     func(refreshToken string) // called before a refresh is handled, without the lock
	refreshes     int                       // successful refresh grants
	reuses        int                       // refresh tokens presented a second time
	refreshTokens map[string]*refreshState
	accessTokens  map[string]int // token -> family
	revokedFamily map[int]bool
	families      int
	revocations   []url.Values
	// Metadata: nil means the defaults on this server.
	metadata map[string]any
	noMeta   bool
	hits     []string // "METHOD /path" of every request
}

type refreshState struct {
	family int
	used   bool
}

func newFakeServer(t *testing.T) *fakeServer {
	t.Helper()
	f := &fakeServer{
		t:             t,
		deviceCode:    "dc-SECRET-" + randomString(24),
		userCode:      "BCDF-GHJK",
		interval:      5,
		expiresIn:     900,
		accessTTL:     900,
		revokeOnReuse: true,
		refreshTokens: map[string]*refreshState{},
		accessTokens:  map[string]int{},
		revokedFamily: map[int]bool{},
	}
	mux := http.NewServeMux()
	mux.HandleFunc("GET /.well-known/oauth-authorization-server", f.serveMetadata)
	mux.HandleFunc("POST /oauth/device/code", f.serveDeviceCode)
	mux.HandleFunc("POST /custom/device", f.serveDeviceCode)
	mux.HandleFunc("POST /oauth/token", f.serveToken)
	mux.HandleFunc("POST /custom/token", f.serveToken)
	mux.HandleFunc("POST /oauth/revoke", f.serveRevoke)
	mux.HandleFunc("POST /custom/revoke", f.serveRevoke)
	mux.HandleFunc("GET /v1/models", f.serveModels)
	f.srv = httptest.NewTLSServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		f.mu.Lock()
		f.hits = append(f.hits, r.Method+" "+r.URL.Path)
		f.mu.Unlock()
		mux.ServeHTTP(w, r)
	}))
	t.Cleanup(f.srv.Close)
	f.pool = x509.NewCertPool()
	f.pool.AddCert(f.srv.Certificate())
	f.caFile = filepath.Join(t.TempDir(), "ca.pem")
	pemBytes := pem.EncodeToMemory(&pem.Block{Type: "CERTIFICATE", Bytes: f.srv.Certificate().Raw})
	if err := os.WriteFile(f.caFile, pemBytes, 0o600); err != nil {
		t.Fatal(err)
	}
	return f
}

func randomString(n int) string {
	b := make([]byte, n)
	rand.Read(b)
	return base64.RawURLEncoding.EncodeToString(b)[:n]
}

// URL returns the server's base URL.
func (f *fakeServer) URL() string { return f.srv.URL }

// client returns an SDK client trusting only this server's certificate.
func (f *fakeServer) client(t *testing.T) *client.Client {
	t.Helper()
	c, err := client.New(client.WithBaseURL(f.URL()), client.WithRootCAs(f.pool))
	if err != nil {
		t.Fatal(err)
	}
	return c
}

func (f *fakeServer) serveMetadata(w http.ResponseWriter, r *http.Request) {
	f.mu.Lock()
	defer f.mu.Unlock()
	if f.noMeta {
		http.NotFound(w, r)
		return
	}
	md := f.metadata
	if md == nil {
		md = map[string]any{
			"issuer":                        f.URL(),
			"device_authorization_endpoint": f.URL() + "/oauth/device/code",
			"token_endpoint":                f.URL() + "/oauth/token",
			"revocation_endpoint":           f.URL() + "/oauth/revoke",
			"grant_types_supported":         []string{deviceCodeGrant, "refresh_token"},
		}
	}
	writeJSON(w, 200, md)
}

func (f *fakeServer) serveDeviceCode(w http.ResponseWriter, r *http.Request) {
	if r.PostFormValue("client_id") != ClientID {
		writeJSON(w, 401, map[string]string{"error": "invalid_client"})
		return
	}
	f.mu.Lock()
	defer f.mu.Unlock()
	verify := f.verificationURI
	if verify == "" {
		verify = f.URL() + "/device"
	}
	complete := f.completeURI
	if complete == "" {
		complete = verify + "?user_code=" + url.QueryEscape(f.userCode)
	}
	writeJSON(w, 200, map[string]any{
		"device_code":               f.deviceCode,
		"user_code":                 f.userCode,
		"verification_uri":          verify,
		"verification_uri_complete": complete,
		"expires_in":                f.expiresIn,
		"interval":                  f.interval,
	})
}

func (f *fakeServer) serveToken(w http.ResponseWriter, r *http.Request) {
	if err := r.ParseForm(); err != nil {
		writeJSON(w, 400, map[string]string{"error": "invalid_request"})
		return
	}
	if r.PostForm.Get("client_id") != ClientID {
		writeJSON(w, 401, map[string]string{"error": "invalid_client"})
		return
	}
	switch r.PostForm.Get("grant_type") {
	case deviceCodeGrant:
		f.serveDevicePoll(w, r)
	case "refresh_token":
		f.serveRefresh(w, r)
	default:
		writeJSON(w, 400, map[string]string{"error": "unsupported_grant_type"})
	}
}

func (f *fakeServer) serveDevicePoll(w http.ResponseWriter, r *http.Request) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.polls = append(f.polls, r.PostForm)
	if r.PostForm.Get("device_code") != f.deviceCode {
		writeJSON(w, 400, map[string]string{"error": "invalid_grant"})
		return
	}
	step := "ok"
	if len(f.polls) <= len(f.script) {
		step = f.script[len(f.polls)-1]
	}
	switch step {
	case "pending":
		writeJSON(w, 400, map[string]string{"error": "authorization_pending"})
	case "slow_down":
		writeJSON(w, 400, map[string]string{"error": "slow_down"})
	case "denied":
		writeJSON(w, 400, map[string]string{"error": "access_denied", "error_description": "The user denied the request"})
	case "expired":
		writeJSON(w, 400, map[string]string{"error": "expired_token"})
	case "500":
		writeJSON(w, 500, map[string]any{"error": map[string]string{"message": "internal", "code": "internal_error"}})
	case "drop":
		// The connection breaks before any answer: a network blip or a
		// server restart.
		conn, _, err := w.(http.Hijacker).Hijack()
		if err != nil {
			f.t.Errorf("hijack: %v", err)
			return
		}
		conn.Close()
	case "ok":
		f.families++
		writeJSON(w, 200, f.issueLocked(f.families))
	default:
		f.t.Errorf("unknown script step %q", step)
	}
}

// issueLocked makes an access token (JWT-shaped, for the claims the CLI
// shows) and a refresh token in family fam.
func (f *fakeServer) issueLocked(fam int) map[string]any {
	at := fakeJWT(map[string]any{
		"sub": "usr_1", "email": "alice@example.com",
		"exp": time.Now().Add(time.Duration(f.accessTTL) * time.Second).Unix(),
		"jti": randomString(12),
	})
	rt := "rt-SECRET-" + randomString(32)
	f.accessTokens[at] = fam
	f.refreshTokens[rt] = &refreshState{family: fam}
	return map[string]any{
		"access_token":  at,
		"token_type":    "Bearer",
		"expires_in":    f.accessTTL,
		"refresh_token": rt,
	}
}

func fakeJWT(claims map[string]any) string {
	enc := func(v any) string {
		b, _ := json.Marshal(v)
		return base64.RawURLEncoding.EncodeToString(b)
	}
	return enc(map[string]string{"alg": "EdDSA", "typ": "at+jwt"}) + "." + enc(claims) + ".c2lnbmF0dXJl"
}

func (f *fakeServer) serveRefresh(w http.ResponseWriter, r *http.Request) {
	rt := r.PostForm.Get("refresh_token")
	f.mu.Lock()
	hook, delay := f.onRefresh, f.refreshDelay
	f.mu.Unlock()
	if hook != nil {
		hook(rt)
	}
	time.Sleep(delay) // widens the window in which a racing client would reuse rt
	f.mu.Lock()
	defer f.mu.Unlock()
	resp, ok := f.refreshLocked(rt)
	if !ok {
		writeJSON(w, 400, map[string]string{"error": "invalid_grant", "error_description": "refresh token is invalid, expired or revoked"})
		return
	}
	writeJSON(w, 200, resp)
}

// refreshLocked rotates rt: it returns new tokens, or false when rt is
// unknown, revoked or reused (reuse revokes the family when revokeOnReuse).
func (f *fakeServer) refreshLocked(rt string) (map[string]any, bool) {
	st, ok := f.refreshTokens[rt]
	if !ok || f.revokedFamily[st.family] {
		return nil, false
	}
	if st.used {
		f.reuses++
		if f.revokeOnReuse {
			f.revokedFamily[st.family] = true
		}
		return nil, false
	}
	st.used = true
	f.refreshes++
	return f.issueLocked(st.family), true
}

// refresh rotates rt as a client elsewhere would, and returns the tokens.
func (f *fakeServer) refresh(rt string) (at, newRT string, ok bool) {
	f.mu.Lock()
	defer f.mu.Unlock()
	resp, ok := f.refreshLocked(rt)
	if !ok {
		return "", "", false
	}
	return resp["access_token"].(string), resp["refresh_token"].(string), true
}

func (f *fakeServer) serveRevoke(w http.ResponseWriter, r *http.Request) {
	r.ParseForm()
	f.mu.Lock()
	defer f.mu.Unlock()
	f.revocations = append(f.revocations, r.PostForm)
	if r.PostForm.Get("client_id") != ClientID {
		writeJSON(w, 401, map[string]string{"error": "invalid_client"})
		return
	}
	if st, ok := f.refreshTokens[r.PostForm.Get("token")]; ok {
		f.revokedFamily[st.family] = true
	}
	w.WriteHeader(200) // RFC 7009: 200 whether or not the token was valid
}

func (f *fakeServer) serveModels(w http.ResponseWriter, r *http.Request) {
	at, _ := strings.CutPrefix(r.Header.Get("Authorization"), "Bearer ")
	f.mu.Lock()
	fam, ok := f.accessTokens[at]
	live := ok && !f.revokedFamily[fam]
	f.mu.Unlock()
	if !live {
		writeJSON(w, 401, map[string]any{"error": map[string]any{"message": "invalid token", "type": "invalid_request_error", "param": nil, "code": "invalid_api_key"}})
		return
	}
	writeJSON(w, 200, map[string]any{"object": "list", "data": []map[string]string{{"id": "mira-echo", "object": "model", "owned_by": "mira"}}})
}

// login creates a token family as if a device login had succeeded, and
// returns its tokens.
func (f *fakeServer) login() (at, rt string) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.families++
	resp := f.issueLocked(f.families)
	return resp["access_token"].(string), resp["refresh_token"].(string)
}

// familyRevoked reports whether the family of refresh token rt is revoked.
func (f *fakeServer) familyRevoked(rt string) bool {
	f.mu.Lock()
	defer f.mu.Unlock()
	st, ok := f.refreshTokens[rt]
	return ok && f.revokedFamily[st.family]
}

func (f *fakeServer) counts() (refreshes, reuses int) {
	f.mu.Lock()
	defer f.mu.Unlock()
	return f.refreshes, f.reuses
}

func (f *fakeServer) hitCount(prefix string) int {
	f.mu.Lock()
	defer f.mu.Unlock()
	n := 0
	for _, h := range f.hits {
		if strings.HasPrefix(h, prefix) {
			n++
		}
	}
	return n
}

func writeJSON(w http.ResponseWriter, status int, v any) {
	w.Header().Set("Content-Type", "application/json")
	w.Header().Set("Cache-Control", "no-store")
	w.WriteHeader(status)
	json.NewEncoder(w).Encode(v)
}

// harness is an Auth against a fake server, with a file store in a fresh
// directory, a fake clock, a recorded browser and captured debug output.
type harness struct {
	f       *fakeServer
	auth    *Auth
	store   *credstore.Store
	clock   *testkit.Clock
	env     map[string]string
	debug   *testkit.Buffer
	opened  []string
	openErr error
}

func newHarness(t *testing.T, f *fakeServer) *harness {
	t.Helper()
	h := &harness{f: f, clock: testkit.NewClock(time.Now()), env: map[string]string{}, debug: &testkit.Buffer{}}
	st, err := credstore.Open(credstore.Options{Backend: "file", Dir: filepath.Join(t.TempDir(), "mira")})
	if err != nil {
		t.Fatal(err)
	}
	h.store = st
	h.auth = h.newAuth(t, st)
	return h
}

// newAuth returns another Auth of the harness (another "process") on st.
func (h *harness) newAuth(t *testing.T, st *credstore.Store) *Auth {
	t.Helper()
	cfg := Config{
		Client: h.f.client(t),
		Store:  st,
		Getenv: func(k string) string { return h.env[k] },
		Debug:  h.debug,
		OpenBrowser: func(u string) error {
			h.opened = append(h.opened, u)
			return h.openErr
		},
	}
	cfg.now, cfg.sleep = h.clock.Now, h.clock.Sleep
	a, err := New(cfg)
	if err != nil {
		t.Fatal(err)
	}
	return a
}

func TestFakeServerSanity(t *testing.T) {
	// The fake must catch what the CLI must avoid: a reused refresh token
	// revokes the family.
	f := newFakeServer(t)
	_, rt := f.login()
	_, rt2, ok := f.refresh(rt)
	if !ok {
		t.Fatal("first refresh failed")
	}
	if _, _, ok := f.refresh(rt); ok {
		t.Fatal("reusing a refresh token succeeded")
	}
	if _, _, ok := f.refresh(rt2); ok {
		t.Fatal("the rotated token still works after its family was revoked for reuse")
	}
}
