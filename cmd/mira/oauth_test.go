package main

import (
	"context"
	"crypto/ed25519"
	"crypto/hmac"
	"crypto/rand"
	"crypto/sha256"
	"crypto/tls"
	"database/sql"
	"encoding/base64"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"html"
	"io"
	"net/http"
	"net/http/cookiejar"
	"net/url"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"
	"time"

	"golang.org/x/oauth2"

	"github.com/vmira/mira/internal/mira"
	"github.com/vmira/mira/internal/secretbox"
	"github.com/vmira/mira/internal/testkit"
)

// The user createKey makes, and the device-code grant type.
const (
	devEmail       = "dev@example.com"
	devPassword    = "a long enough password"
	deviceGrant    = "urn:ietf:params:oauth:grant-type:device_code"
	userCodeLetter = "[BCDFGHJKLMNPQRSTVWXZ]"
)

var userCodeRe = regexp.MustCompile(`^` + userCodeLetter + `{4}-` + userCodeLetter + `{4}$`)

// TestDeviceFlowWithOAuth2Library: golang.org/x/oauth2's DeviceAuth and
// DeviceAccessToken sign in against `mira serve` while a browser signs in
// at /login and approves the code through the real /device form; the
// access token works on /v1 and verifies by hand against the JWKS.
func TestDeviceFlowWithOAuth2Library(t *testing.T) {
	ts := startServer(t, "", nil)
	ts.createKey(t) // makes the user
	user := ts.user(t, devEmail)

	// RFC 8414 metadata names the endpoints and the device grant.
	resp, body := ts.do(t, "GET", "/.well-known/oauth-authorization-server", "", "")
	if resp.StatusCode != 200 {
		t.Fatalf("metadata: %d %s", resp.StatusCode, body)
	}
	var meta struct {
		Issuer             string   `json:"issuer"`
		Token              string   `json:"token_endpoint"`
		DeviceAuth         string   `json:"device_authorization_endpoint"`
		Revocation         string   `json:"revocation_endpoint"`
		JWKS               string   `json:"jwks_uri"`
		GrantTypes         []string `json:"grant_types_supported"`
		TokenAuthMethods   []string `json:"token_endpoint_auth_methods_supported"`
		ScopesSupported    []string `json:"scopes_supported"`
		ResponseTypesSuppd []string `json:"response_types_supported"`
	}
	if err := json.Unmarshal([]byte(body), &meta); err != nil {
		t.Fatalf("metadata %s: %v", body, err)
	}
	u := ts.issuer() // https://localhost:<port>: the server listens on loopback
	if meta.Issuer != u || meta.Token != u+"/oauth/token" || meta.DeviceAuth != u+"/oauth/device/code" ||
		meta.Revocation != u+"/oauth/revoke" || meta.JWKS != u+"/.well-known/jwks.json" {
		t.Errorf("metadata endpoints = %+v; want them under %s", meta, u)
	}
	if !slices.Contains(meta.GrantTypes, deviceGrant) || !slices.Contains(meta.GrantTypes, "refresh_token") {
		t.Errorf("grant_types_supported = %v; want the device grant and refresh_token", meta.GrantTypes)
	}
	if !slices.Equal(meta.TokenAuthMethods, []string{"none"}) {
		t.Errorf("token_endpoint_auth_methods_supported = %v; want [none] (a public client)", meta.TokenAuthMethods)
	}
	if slices.Contains(meta.ScopesSupported, "admin") {
		t.Errorf("scopes_supported = %v offers admin to the CLI", meta.ScopesSupported)
	}

	cfg := &oauth2.Config{
		ClientID: "mira-cli",
		Endpoint: oauth2.Endpoint{DeviceAuthURL: meta.DeviceAuth, TokenURL: meta.Token},
	}
	ctx, cancel := context.WithTimeout(context.WithValue(context.Background(), oauth2.HTTPClient, ts.hc), time.Minute)
	defer cancel()
	start := time.Now()
	da, err := cfg.DeviceAuth(ctx)
	if err != nil {
		t.Fatalf("DeviceAuth: %v", err)
	}
	if !userCodeRe.MatchString(da.UserCode) || da.VerificationURI != u+"/device" || da.Interval != 5 ||
		time.Until(da.Expiry) > 15*time.Minute || time.Until(da.Expiry) < time.Minute || len(da.DeviceCode) < 22 {
		t.Errorf("device authorization = user code %q, verification_uri %q, interval %d, expires in %s, device_code of %d chars",
			da.UserCode, da.VerificationURI, da.Interval, time.Until(da.Expiry).Round(time.Second), len(da.DeviceCode))
	}
	if da.VerificationURIComplete != u+"/device?user_code="+da.UserCode {
		t.Errorf("verification_uri_complete = %q", da.VerificationURIComplete)
	}

	// The user's browser, meanwhile: the complete URI, signed out, leads
	// to /login and back to the form with the code filled in; the user
	// submits it, checks the request and approves.
	b := newBrowser(t, ts)
	approved := make(chan error, 1)
	go func() {
		err := b.approveFromCompleteURI(da.VerificationURIComplete, da.UserCode)
		if err != nil {
			cancel() // DeviceAccessToken must not wait for the minute out
		}
		approved <- err
	}()
	tok, err := cfg.DeviceAccessToken(ctx, da)
	if berr := <-approved; berr != nil {
		t.Fatalf("the browser: %v", berr)
	}
	if err != nil {
		t.Fatalf("DeviceAccessToken: %v", err)
	}
	t.Logf("device flow done in %s", time.Since(start).Round(time.Millisecond))
	var interval int
	ts.adminDB(t).db.SQL().QueryRow(`SELECT interval_s FROM oauth_device_codes`).Scan(&interval)
	if interval != 5 {
		t.Errorf("the library was told to slow down (interval now %d s); a well-behaved client never is", interval)
	}
	if tok.TokenType != "Bearer" || !strings.HasPrefix(tok.RefreshToken, "mira_rt_") ||
		time.Until(tok.Expiry) > 15*time.Minute || time.Until(tok.Expiry) < time.Minute {
		t.Errorf("token: type %q, refresh token %t, expires in %s", tok.TokenType, tok.RefreshToken != "", time.Until(tok.Expiry))
	}

	// The token works on /v1, with the per-user rate-limit headers.
	resp, body = ts.do(t, "POST", "/v1/chat/completions", tok.AccessToken, `{"model":"mira-echo","messages":[{"role":"user","content":"hello over oauth"}]}`)
	if resp.StatusCode != 200 || !strings.Contains(body, `"hello over oauth"`) {
		t.Errorf("chat with the access token = %d %s", resp.StatusCode, body)
	}
	if resp.Header.Get("X-RateLimit-Remaining-Requests") == "" {
		t.Error("no X-RateLimit-Remaining-Requests on a chat with an access token")
	}
	resp, body = ts.do(t, "GET", "/v1/models", tok.AccessToken, "")
	if resp.StatusCode != 200 || !strings.Contains(body, `"mira-echo"`) {
		t.Errorf("models with the access token = %d %s", resp.StatusCode, body)
	}

	// A JWT verification written here (not go-jose) against the JWKS.
	jwks := ts.jwks(t)
	claims, err := testkit.VerifyAccessJWT(tok.AccessToken, jwks)
	if err != nil {
		t.Fatalf("verifying the access token against the JWKS: %v", err)
	}
	checkAccessClaims(t, claims, ts, user.ID)
	if exp := int64(claims["exp"].(float64)); absDuration(time.Unix(exp, 0).Sub(tok.Expiry)) > 2*time.Second {
		t.Errorf("exp %d differs from expires_in (%s)", exp, tok.Expiry)
	}
	// The verifier above can fail: a changed payload with the same
	// signature does not verify.
	parts := strings.Split(tok.AccessToken, ".")
	claims["sub"] = "usr_someone_else"
	forged, _ := json.Marshal(claims)
	if _, err := testkit.VerifyAccessJWT(parts[0]+"."+b64.EncodeToString(forged)+"."+parts[2], jwks); err == nil {
		t.Fatal("the hand-written verifier accepts a changed payload")
	}
}

// checkAccessClaims checks the claims of an access token from the server.
func checkAccessClaims(t *testing.T, claims map[string]any, ts *testServer, userID string) {
	t.Helper()
	if claims["iss"] != ts.issuer() {
		t.Errorf("iss = %v; want %s", claims["iss"], ts.issuer())
	}
	switch aud := claims["aud"].(type) {
	case string:
		if aud != ts.issuer()+"/v1" {
			t.Errorf("aud = %q; want %s/v1", aud, ts.issuer())
		}
	case []any:
		if len(aud) != 1 || aud[0] != ts.issuer()+"/v1" {
			t.Errorf("aud = %v; want [%s/v1]", aud, ts.issuer())
		}
	default:
		t.Errorf("aud = %v", claims["aud"])
	}
	if claims["sub"] != userID || claims["client_id"] != "mira-cli" {
		t.Errorf("sub = %v, client_id = %v; want %s, mira-cli", claims["sub"], claims["client_id"], userID)
	}
	if jti, _ := claims["jti"].(string); len(jti) < 16 {
		t.Errorf("jti = %v; want a unique id", claims["jti"])
	}
	exp, ok1 := claims["exp"].(float64)
	iat, ok2 := claims["iat"].(float64)
	if !ok1 || !ok2 {
		t.Fatalf("exp = %v, iat = %v; want NumericDates", claims["exp"], claims["iat"])
	}
	if life := time.Duration(exp-iat) * time.Second; life <= 0 || life > 15*time.Minute {
		t.Errorf("lifetime %s; want at most 15m", life)
	}
	if d := time.Since(time.Unix(int64(iat), 0)); d < -5*time.Second || d > time.Minute {
		t.Errorf("iat is %s from now", d)
	}
	if scope, _ := claims["scope"].(string); scope == "" || slices.Contains(strings.Fields(scope), "admin") {
		t.Errorf("scope = %v; want the CLI scopes, never admin", claims["scope"])
	}

	// The sign-in and the approval are in the audit log, and it verifies.
	db, err := sql.Open("sqlite", "file:"+filepath.Join(ts.dataDir, "mira.db")+"?mode=ro")
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	for _, action := range []string{"login.succeeded", "device.approved"} {
		var n int
		db.QueryRow(`SELECT count(*) FROM audit_log WHERE action = ?`, action).Scan(&n)
		if n == 0 {
			t.Errorf("no %s entry in the audit log", action)
		}
	}
	// The approval names the CLI's address beside the approver's
	// (device_approval_mismatch compares them).
	var details, approver string
	db.QueryRow(`SELECT details, client_ip FROM audit_log WHERE action = 'device.approved'`).Scan(&details, &approver)
	if !strings.Contains(details, `"cli_ip":"127.0.0.1"`) || approver != "127.0.0.1" {
		t.Errorf("device.approved: details %s, client %s; want cli_ip 127.0.0.1", details, approver)
	}
	if out, _, code := ts.mira(t, "", "admin", "audit", "verify"); code != 0 {
		t.Errorf("audit verify: %s", out)
	}
}

// TestCLILoginEndToEnd: `mira auth login` approved in the browser; `mira
// chat` then works without an API key; the stored tokens are private,
// refresh before they expire, and `mira auth logout` ends the login on the
// server too.
func TestCLILoginEndToEnd(t *testing.T) {
	// 40 s tokens are refreshed 30 s before expiry: about 10 s after login.
	ts := startServer(t, "oauth: {access_token_ttl: 40s}\n", nil)
	ts.createKey(t)
	user := ts.user(t, devEmail)
	home := t.TempDir()
	env := cliEnv(ts, home)
	credPath := filepath.Join(home, "config", "mira", "credentials.json")

	b := newBrowser(t, ts)
	if err := b.signIn(devEmail, devPassword, "/dashboard/"); err != nil {
		t.Fatal(err)
	}
	loginOut := cliLogin(t, env, b)
	if !strings.Contains(loginOut, "Logged in to "+ts.URL()) || !strings.Contains(loginOut, credPath) {
		t.Errorf("login output lacks who and where:\n%s", loginOut)
	}

	// The credentials file: 0600 in a 0700 directory, holding the tokens
	// and nothing else (no device_code).
	for path, want := range map[string]os.FileMode{credPath: 0o600, filepath.Dir(credPath): 0o700} {
		fi, err := os.Stat(path)
		if err != nil {
			t.Fatal(err)
		}
		if fi.Mode().Perm() != want {
			t.Errorf("%s has mode %v; want %v", path, fi.Mode().Perm(), want)
		}
	}
	cred := readCredential(t, credPath, ts.URL())
	if strings.Count(cred.AccessToken, ".") != 2 || !strings.HasPrefix(cred.RefreshToken, "mira_rt_") || cred.Sub != user.ID {
		t.Fatalf("stored credential: access token %d chars, refresh token %t, sub %q", len(cred.AccessToken), strings.HasPrefix(cred.RefreshToken, "mira_rt_"), cred.Sub)
	}
	if life := time.Until(cred.Expiry); life > 40*time.Second || life < 30*time.Second {
		t.Fatalf("the stored access token expires in %s; want about 40s", life)
	}
	raw, _ := os.ReadFile(credPath)
	for _, run := range secretRuns(string(raw)) {
		if !strings.Contains(cred.AccessToken, run) && !strings.Contains(cred.RefreshToken, run) {
			t.Errorf("the credentials file holds a secret-looking %d-character value that is not one of the tokens (a device code?)", len(run))
		}
	}
	if strings.Contains(string(raw), "device") {
		t.Error("the credentials file mentions a device code")
	}
	claims, err := testkit.VerifyAccessJWT(cred.AccessToken, ts.jwks(t))
	if err != nil {
		t.Fatalf("the stored access token does not verify: %v", err)
	}
	checkAccessClaims(t, claims, ts, user.ID)
	refreshAt := cred.Expiry.Add(-30 * time.Second)

	// status shows the user, not the token.
	stdout, stderr, code := runMira(t, env, "", "auth", "status")
	if code != 0 || !strings.Contains(stdout, user.ID) || !strings.Contains(stdout, "Stored in "+credPath) || !strings.Contains(stdout, "refreshed automatically") {
		t.Errorf("auth status: exit %d\n%s%s", code, stdout, stderr)
	}
	noSecrets(t, "auth status", stdout+stderr)
	stdout, _, code = runMira(t, env, "", "auth", "status", "--json")
	var st struct {
		LoggedIn    bool   `json:"logged_in"`
		Source      string `json:"source"`
		Sub         string `json:"sub"`
		Refreshable bool   `json:"refreshable"`
	}
	if err := json.Unmarshal([]byte(stdout), &st); code != 0 || err != nil || !st.LoggedIn || st.Source != "file" || st.Sub != user.ID || !st.Refreshable {
		t.Errorf("auth status --json: exit %d, %s", code, stdout)
	}

	// token prints the stored JWT; chat works without MIRA_API_KEY. Both
	// before the refresh window, so neither refreshes.
	stdout, stderr, code = runMira(t, env, "", "auth", "token")
	if code != 0 || strings.TrimSpace(stdout) != cred.AccessToken {
		t.Errorf("auth token: exit %d, printed %d chars (%s); want the stored access token", code, len(stdout), stderr)
	}
	noSecrets(t, "auth token (stderr)", stderr)
	chat(t, env, "hi")
	if time.Now().Before(refreshAt) {
		if now := readCredential(t, credPath, ts.URL()); now.AccessToken != cred.AccessToken || now.RefreshToken != cred.RefreshToken {
			t.Error("the tokens were refreshed before the refresh window")
		}
	} else {
		t.Logf("slow machine: the refresh window began before the first chat")
	}

	// Inside the refresh window the next command refreshes, and keeps
	// working.
	time.Sleep(time.Until(refreshAt) + 300*time.Millisecond)
	stderr = chat(t, env, "hi again")
	if !strings.Contains(stderr, "refreshed") {
		t.Errorf("no refresh in the debug output:\n%s", stderr)
	}
	fresh := readCredential(t, credPath, ts.URL())
	if fresh.AccessToken == cred.AccessToken || fresh.RefreshToken == cred.RefreshToken || !fresh.Expiry.After(cred.Expiry) {
		t.Fatalf("after the refresh window: access token changed %t, refresh token rotated %t, expiry %s -> %s",
			fresh.AccessToken != cred.AccessToken, fresh.RefreshToken != cred.RefreshToken, cred.Expiry, fresh.Expiry)
	}
	fc, err := testkit.VerifyAccessJWT(fresh.AccessToken, ts.jwks(t))
	if err != nil {
		t.Fatalf("the refreshed access token does not verify: %v", err)
	}
	checkAccessClaims(t, fc, ts, user.ID)
	if fc["jti"] == claims["jti"] {
		t.Error("the refreshed access token has the old jti")
	}
	chat(t, env, "and again") // the refreshed token, without refreshing again
	if again := readCredential(t, credPath, ts.URL()); again.RefreshToken != fresh.RefreshToken {
		t.Error("a fresh token was refreshed again")
	}

	// logout revokes on the server and deletes locally.
	stdout, stderr, code = runMira(t, env, "", "auth", "logout")
	if code != 0 || !strings.Contains(stderr, "Logged out of "+ts.URL()) || strings.Contains(stderr, "Warning") {
		t.Errorf("auth logout: exit %d\n%s%s", code, stdout, stderr)
	}
	noSecrets(t, "auth logout", stdout+stderr)
	if _, err := os.Stat(credPath); !errors.Is(err, os.ErrNotExist) {
		t.Errorf("the credentials file is still there after logout (%v)", err)
	}
	status, oerr := ts.postForm(t, "/oauth/token", url.Values{"grant_type": {"refresh_token"}, "refresh_token": {fresh.RefreshToken}, "client_id": {"mira-cli"}})
	if status != 400 || oerr != "invalid_grant" {
		t.Errorf("the refresh token after logout: %d %q; want 400 invalid_grant", status, oerr)
	}
	resp, body := ts.do(t, "GET", "/v1/models", fresh.AccessToken, "")
	checkError(t, resp, body, 401, "invalid_api_key")
	if _, _, code := runMira(t, env, "", "auth", "status"); code != 1 {
		t.Errorf("auth status after logout: exit %d; want 1", code)
	}
	stdout, stderr, code = runMira(t, env, "", "chat", "hi")
	if code != 1 || !strings.Contains(stderr, "not logged in") {
		t.Errorf("chat after logout: exit %d\n%s%s", code, stdout, stderr)
	}
}

// TestPasswordChangeKillsCLIToken: changing the password in the dashboard
// ends the CLI's login at once: its access token and its refresh token.
func TestPasswordChangeKillsCLIToken(t *testing.T) {
	ts := startServer(t, "", nil)
	ts.createKey(t)
	home := t.TempDir()
	env := cliEnv(ts, home)
	credPath := filepath.Join(home, "config", "mira", "credentials.json")
	b := newBrowser(t, ts)
	if err := b.signIn(devEmail, devPassword, "/dashboard/"); err != nil {
		t.Fatal(err)
	}
	cliLogin(t, env, b)
	chat(t, env, "hello")
	cred := readCredential(t, credPath, ts.URL())

	sec, err := b.get("/dashboard/security")
	if err != nil || sec.Status != 200 {
		t.Fatalf("GET /dashboard/security = %d, %v", sec.Status, err)
	}
	const newPassword = "another long enough password"
	p, err := b.submit(sec, "/dashboard/security/password", url.Values{
		"current_password": {devPassword}, "new_password": {newPassword}, "confirm_password": {newPassword}})
	if err != nil || p.Status != http.StatusSeeOther || p.Location != "/dashboard/security?done=password" {
		t.Fatalf("change password = %d %s, %v: %s", p.Status, p.Location, err, p.Body)
	}

	resp, body := ts.do(t, "GET", "/v1/models", cred.AccessToken, "")
	checkError(t, resp, body, 401, "invalid_api_key")
	stdout, stderr, code := runMira(t, env, "", "chat", "hello")
	if code != 1 || !strings.Contains(stderr, "invalid_api_key") {
		t.Errorf("chat after the password change: exit %d; want 1 with invalid_api_key\n%s%s", code, stdout, stderr)
	}
	noSecrets(t, "chat after the password change", stdout+stderr)
	status, oerr := ts.postForm(t, "/oauth/token", url.Values{"grant_type": {"refresh_token"}, "refresh_token": {cred.RefreshToken}, "client_id": {"mira-cli"}})
	if status != 400 || oerr != "invalid_grant" {
		t.Errorf("the refresh token after the password change: %d %q; want 400 invalid_grant", status, oerr)
	}
}

// TestAccessTokenForgeriesRejectedByAPI: tokens an attacker can make, and
// tokens signed with our own key that break one rule each, get 401
// invalid_api_key on /v1; the server stays healthy.
func TestAccessTokenForgeriesRejectedByAPI(t *testing.T) {
	ts := startServer(t, "rate_limits: {failed_auth_per_minute: 10000, unauthenticated_per_minute: 10000}\n", nil)
	ts.createKey(t)
	user := ts.user(t, devEmail)
	kid, ours := ts.signingKey(t)
	var jwks struct {
		Keys []struct{ Kid, X string }
	}
	if err := json.Unmarshal(ts.jwks(t), &jwks); err != nil || len(jwks.Keys) != 1 || jwks.Keys[0].Kid != kid {
		t.Fatalf("JWKS %+v, %v; want our one key %s", jwks, err, kid)
	}
	pubBytes, _ := b64.DecodeString(jwks.Keys[0].X)
	_, theirs, _ := ed25519.GenerateKey(rand.Reader)
	theirKid := "attacker-key-1"
	theirJWK := map[string]string{"kty": "OKP", "crv": "Ed25519", "x": b64.EncodeToString(theirs.Public().(ed25519.PublicKey)), "kid": theirKid}

	now := time.Now().Unix()
	claims := func(edit func(c map[string]any)) map[string]any {
		c := map[string]any{
			"iss": ts.issuer(), "aud": ts.issuer() + "/v1", "sub": user.ID, "org_id": user.OrgID,
			"client_id": "mira-cli", "scope": "models:read chat:write", "sid": "grant_forgery_test",
			"jti": randomHex(16), "iat": now, "exp": now + 300,
		}
		if edit != nil {
			edit(c)
		}
		return c
	}
	hdr := func(alg, typ, kid string, extra ...string) map[string]string {
		h := map[string]string{"alg": alg, "typ": typ, "kid": kid}
		for i := 0; i+1 < len(extra); i += 2 {
			h[extra[i]] = extra[i+1]
		}
		return h
	}
	withOurs := func(in []byte) []byte { return ed25519.Sign(ours, in) }
	withTheirs := func(in []byte) []byte { return ed25519.Sign(theirs, in) }
	hs256 := func(key []byte) func([]byte) []byte {
		return func(in []byte) []byte { m := hmac.New(sha256.New, key); m.Write(in); return m.Sum(nil) }
	}
	ourHeader := hdr("EdDSA", "at+jwt", kid)

	// The control: made the same way with our key and nothing wrong, it
	// is accepted, so each refusal below is for the one thing changed.
	good := jws(ourHeader, claims(nil), withOurs)
	if resp, body := ts.do(t, "GET", "/v1/models", good, ""); resp.StatusCode != 200 {
		t.Fatalf("a well-formed token signed with our key = %d %s; the forgeries below prove nothing", resp.StatusCode, body)
	}
	goodParts := strings.Split(good, ".")
	otherSub, _ := json.Marshal(claims(func(c map[string]any) { c["sub"] = "usr_victim" }))
	pad := strings.Repeat("A", 30<<10) // 40 KB once encoded: under the header limit

	tests := []struct{ name, token string }{
		{"alg none", jws(hdr("none", "at+jwt", kid), claims(nil), nil)},
		{"alg None without kid", jws(map[string]string{"alg": "None", "typ": "at+jwt"}, claims(nil), nil)},
		{"HS256 keyed with the public key", jws(hdr("HS256", "at+jwt", kid), claims(nil), hs256(pubBytes))},
		{"HS256 keyed with the public key's x", jws(hdr("HS256", "at+jwt", kid), claims(nil), hs256([]byte(jwks.Keys[0].X)))},
		{"unknown kid", jws(hdr("EdDSA", "at+jwt", theirKid), claims(nil), withTheirs)},
		{"our kid, their key", jws(ourHeader, claims(nil), withTheirs)},
		{"jku to their JWKS", jws(hdr("EdDSA", "at+jwt", theirKid, "jku", "https://attacker.example/jwks.json"), claims(nil), withTheirs)},
		{"embedded jwk", jws(map[string]any{"alg": "EdDSA", "typ": "at+jwt", "kid": theirKid, "jwk": theirJWK}, claims(nil), withTheirs)},
		{"payload swapped under our signature", goodParts[0] + "." + b64.EncodeToString(otherSub) + "." + goodParts[2]},
		{"signature stripped", goodParts[0] + "." + goodParts[1] + "."},
		{"wrong aud", jws(ourHeader, claims(func(c map[string]any) { c["aud"] = "https://other.example/v1" }), withOurs)},
		{"aud is the issuer", jws(ourHeader, claims(func(c map[string]any) { c["aud"] = ts.issuer() }), withOurs)},
		{"wrong iss", jws(ourHeader, claims(func(c map[string]any) { c["iss"] = "https://other.example" }), withOurs)},
		{"no exp", jws(ourHeader, claims(func(c map[string]any) { delete(c, "exp") }), withOurs)},
		{"expired", jws(ourHeader, claims(func(c map[string]any) { c["iat"], c["exp"] = now-600, now-60 }), withOurs)},
		{"lifetime of a day", jws(ourHeader, claims(func(c map[string]any) { c["exp"] = now + 86400 }), withOurs)},
		{"typ JWT", jws(hdr("EdDSA", "JWT", kid), claims(nil), withOurs)},
		{"unknown client_id", jws(ourHeader, claims(func(c map[string]any) { c["client_id"] = "evil-cli" }), withOurs)},
		{"user that does not exist", jws(ourHeader, claims(func(c map[string]any) { c["sub"] = "usr_nobody" }), withOurs)},
		{"40 KB, signed by us", jws(ourHeader, claims(func(c map[string]any) { c["pad"] = pad }), withOurs)},
		{"not a JWT", "eyJ.eyJ.x"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			resp, body := ts.do(t, "GET", "/v1/models", tt.token, "")
			checkError(t, resp, body, 401, "invalid_api_key")
		})
	}

	// A 1 MB bearer token is larger than any header the server reads
	// (http.max_header_bytes, 64 KiB by default): refused before any
	// handler, and never with a 2xx or a 5xx.
	t.Run("1 MB token", func(t *testing.T) {
		big := jws(ourHeader, claims(func(c map[string]any) { c["pad"] = strings.Repeat("A", 1<<20) }), withOurs)
		resp, body := ts.do(t, "GET", "/v1/models", big, "")
		switch resp.StatusCode {
		case 401:
			checkError(t, resp, body, 401, "invalid_api_key")
		case http.StatusRequestHeaderFieldsTooLarge:
			t.Logf("1 MB token = 431 from net/http (%q, Content-Type %q)", body, resp.Header.Get("Content-Type"))
		default:
			t.Errorf("1 MB token = %d %.200s; want 401 or 431", resp.StatusCode, body)
		}
	})

	if resp, body := ts.do(t, "GET", "/healthz", "", ""); resp.StatusCode != 200 {
		t.Fatalf("server unhealthy after the forgeries: %d %s", resp.StatusCode, body)
	}
	if resp, body := ts.do(t, "GET", "/v1/models", good, ""); resp.StatusCode != 200 {
		t.Errorf("the good token after the forgeries = %d %s", resp.StatusCode, body)
	}
}

// ---- helpers ----

var b64 = base64.RawURLEncoding

// jws makes a compact JWS of header and claims; sign nil leaves the
// signature empty.
func jws(header, claims any, sign func([]byte) []byte) string {
	h, err := json.Marshal(header)
	if err != nil {
		panic(err)
	}
	c, err := json.Marshal(claims)
	if err != nil {
		panic(err)
	}
	input := b64.EncodeToString(h) + "." + b64.EncodeToString(c)
	var sig []byte
	if sign != nil {
		sig = sign([]byte(input))
	}
	return input + "." + b64.EncodeToString(sig)
}

func absDuration(d time.Duration) time.Duration {
	if d < 0 {
		return -d
	}
	return d
}

func randomHex(n int) string {
	b := make([]byte, n)
	rand.Read(b)
	return hex.EncodeToString(b)
}

func (ts *testServer) jwks(t *testing.T) []byte {
	t.Helper()
	resp, body := ts.do(t, "GET", "/.well-known/jwks.json", "", "")
	if resp.StatusCode != 200 {
		t.Fatalf("JWKS: %d %s", resp.StatusCode, body)
	}
	return []byte(body)
}

// postForm posts form to an OAuth endpoint and returns the status and the
// OAuth error code, if any.
func (ts *testServer) postForm(t *testing.T, path string, form url.Values) (int, string) {
	t.Helper()
	resp, err := ts.hc.PostForm(ts.URL()+path, form)
	if err != nil {
		t.Fatalf("POST %s: %v", path, err)
	}
	defer resp.Body.Close()
	var body struct {
		Error string `json:"error"`
	}
	json.NewDecoder(resp.Body).Decode(&body)
	return resp.StatusCode, body.Error
}

// adminDB opens the server's database and secret the way `mira admin`
// does, once per test.
func (ts *testServer) adminDB(t *testing.T) *adminDB {
	t.Helper()
	a, err := openAdmin(context.Background(), &env{getenv: ts.getenv, stdout: io.Discard, stderr: io.Discard}, &serverFlags{})
	if err != nil {
		t.Fatalf("opening the data directory: %v", err)
	}
	t.Cleanup(func() { a.db.Close() })
	return a
}

func (ts *testServer) user(t *testing.T, email string) *mira.User {
	t.Helper()
	u, err := ts.adminDB(t).db.UserByEmail(context.Background(), email)
	if err != nil {
		t.Fatalf("user %s: %v", email, err)
	}
	return u
}

// signingKey returns the server's access-token signing key, opened from
// the database with the server secret: what an attacker who stole the
// key would hold, used here to make tokens that break one rule each.
func (ts *testServer) signingKey(t *testing.T) (string, ed25519.PrivateKey) {
	t.Helper()
	a := ts.adminDB(t)
	var (
		kid  string
		seal []byte
	)
	if err := a.db.SQL().QueryRow(`SELECT kid, private_key FROM oauth_signing_keys ORDER BY activates_at DESC LIMIT 1`).Scan(&kid, &seal); err != nil {
		t.Fatalf("signing key: %v", err)
	}
	box, err := secretbox.New(a.secret, "oauth/signing-key")
	if err != nil {
		t.Fatal(err)
	}
	seed, err := box.Open(seal, []byte(kid))
	if err != nil {
		t.Fatalf("opening the signing key: %v", err)
	}
	return kid, ed25519.NewKeyFromSeed(seed)
}

// cliEnv is the environment of a CLI user whose home is home: the test
// server, its CA, the file credential store, debug output on.
func cliEnv(ts *testServer, home string) map[string]string {
	return map[string]string{
		"MIRA_BASE_URL":         ts.URL(),
		"MIRA_CA_CERT":          ts.CAPath,
		"HOME":                  home,
		"XDG_CONFIG_HOME":       filepath.Join(home, "config"),
		"MIRA_CREDENTIAL_STORE": "file",
		"MIRA_DEBUG":            "1",
	}
}

// cliLogin runs `mira auth login` with env, reads the code it prints
// while it waits, approves it in the signed-in browser b, and returns the
// command's output once it has logged in.
func cliLogin(t *testing.T, env map[string]string, b *browser) string {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	var stdout, stderr testkit.Buffer
	done := make(chan int, 1)
	start := time.Now()
	go func() {
		done <- run(ctx, []string{"auth", "login"}, strings.NewReader(""), &stdout, &stderr, func(k string) string { return env[k] })
	}()
	codeRe := regexp.MustCompile(`one-time code: (` + userCodeLetter + `{4}-` + userCodeLetter + `{4})\n`)
	var userCode string
	for userCode == "" {
		if m := codeRe.FindStringSubmatch(stderr.String()); m != nil {
			userCode = m[1]
			break
		}
		select {
		case code := <-done:
			t.Fatalf("auth login ended (exit %d) before printing a code:\n%s%s", code, stdout.String(), stderr.String())
		case <-time.After(20 * time.Millisecond):
		}
		if time.Since(start) > 20*time.Second {
			t.Fatalf("auth login printed no code:\n%s", stderr.String())
		}
	}
	if !strings.Contains(stderr.String(), "open "+defaultIssuer(strings.TrimPrefix(env["MIRA_BASE_URL"], "https://"))+"/device in a browser") {
		t.Errorf("auth login does not name the approval page:\n%s", stderr.String())
	}
	confirm, err := b.approve(userCode)
	if err != nil {
		t.Fatalf("approving %s: %v\n(login output so far:\n%s)", userCode, err, stderr.String())
	}
	if m := regexp.MustCompile(`User agent</dt><dd>([^<]*)</dd>`).FindStringSubmatch(confirm.Body); m == nil || !strings.HasPrefix(m[1], "mira-cli") {
		t.Errorf("the confirmation page does not show the CLI's user agent:\n%s", confirm.Body)
	}
	var code int
	select {
	case code = <-done:
	case <-ctx.Done():
		t.Fatalf("auth login did not finish after approval:\n%s", stderr.String())
	}
	out := stdout.String() + stderr.String()
	if code != 0 {
		t.Fatalf("auth login: exit %d\n%s", code, out)
	}
	t.Logf("auth login took %s", time.Since(start).Round(time.Millisecond))
	noSecrets(t, "auth login", out)
	return out
}

// chat runs `mira chat prompt` and checks the echo; it returns stderr.
func chat(t *testing.T, env map[string]string, prompt string) string {
	t.Helper()
	if env["MIRA_API_KEY"] != "" {
		t.Fatal("MIRA_API_KEY is set")
	}
	stdout, stderr, code := runMira(t, env, "", "chat", prompt)
	if code != 0 || stdout != prompt+"\n" {
		t.Fatalf("mira chat %q: exit %d, %q\n%s", prompt, code, stdout, stderr)
	}
	noSecrets(t, "mira chat", stderr)
	return stderr
}

// secretRun matches what a device code, a refresh token or a JWT would
// show as: a long run of base64url characters.
var secretRun = regexp.MustCompile(`[A-Za-z0-9_-]{40,}`)

func secretRuns(s string) []string { return secretRun.FindAllString(s, -1) }

// noSecrets fails when output shows something that looks like a device
// code or a token.
func noSecrets(t *testing.T, what, output string) {
	t.Helper()
	// Temporary directories' names are long runs too.
	output = strings.ReplaceAll(output, filepath.Dir(t.TempDir()), "$TMP")
	if runs := secretRuns(output); len(runs) > 0 {
		t.Errorf("%s printed a secret-looking value of %d characters:\n%s", what, len(runs[0]), output)
	}
}

type storedCredential struct {
	AccessToken  string    `json:"access_token"`
	RefreshToken string    `json:"refresh_token"`
	Expiry       time.Time `json:"expiry"`
	Sub          string    `json:"sub"`
}

// readCredential reads the file store's credential for server; it fails
// on fields other than the known ones.
func readCredential(t *testing.T, path, server string) storedCredential {
	t.Helper()
	raw, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	var file struct {
		Servers map[string]map[string]json.RawMessage `json:"servers"`
	}
	if err := json.Unmarshal(raw, &file); err != nil {
		t.Fatalf("%s: %v", path, err)
	}
	entry, ok := file.Servers[server]
	if !ok || len(file.Servers) != 1 {
		t.Fatalf("%s holds %d servers, not just %s", path, len(file.Servers), server)
	}
	known := []string{"access_token", "refresh_token", "token_type", "expiry", "sub", "email"}
	for k := range entry {
		if !slices.Contains(known, k) {
			t.Errorf("%s has an unexpected field %q", path, k)
		}
	}
	var c storedCredential
	b, _ := json.Marshal(entry)
	json.Unmarshal(b, &c)
	return c
}

// browser is a person's web browser on the dashboard: it keeps cookies,
// trusts the server's CA, does not follow redirects, and sends the
// Origin and Sec-Fetch-Site headers a real browser sends with a form.
// Its methods return errors, so it can run in its own goroutine.
type browser struct {
	base string
	c    *http.Client
}

func newBrowser(t *testing.T, ts *testServer) *browser {
	t.Helper()
	jar, _ := cookiejar.New(nil)
	return &browser{base: ts.URL(), c: &http.Client{
		Jar:           jar,
		Timeout:       30 * time.Second,
		Transport:     &http.Transport{TLSClientConfig: &tls.Config{RootCAs: caPool(t, ts.CAPath)}},
		CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse },
	}}
}

type webPage struct {
	Status   int
	Body     string
	Location string
}

// field returns the value of the form field name.
func (p webPage) field(name string) string {
	m := regexp.MustCompile(`name="` + regexp.QuoteMeta(name) + `"[^>]*value="([^"]*)"`).FindStringSubmatch(p.Body)
	if m == nil {
		return ""
	}
	return html.UnescapeString(m[1])
}

func (b *browser) do(method, path string, form url.Values) (webPage, error) {
	var body io.Reader
	if form != nil {
		body = strings.NewReader(form.Encode())
	}
	req, err := http.NewRequest(method, b.base+path, body)
	if err != nil {
		return webPage{}, err
	}
	if form != nil {
		req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
		req.Header.Set("Origin", b.base)
		req.Header.Set("Sec-Fetch-Site", "same-origin")
	}
	resp, err := b.c.Do(req)
	if err != nil {
		return webPage{}, fmt.Errorf("%s %s: %w", method, path, err)
	}
	defer resp.Body.Close()
	raw, err := io.ReadAll(resp.Body)
	return webPage{Status: resp.StatusCode, Body: string(raw), Location: resp.Header.Get("Location")}, err
}

func (b *browser) get(path string) (webPage, error) { return b.do(http.MethodGet, path, nil) }

// submit posts form with the CSRF token of the page it is on.
func (b *browser) submit(from webPage, path string, form url.Values) (webPage, error) {
	csrf := from.field("csrf_token")
	if csrf == "" {
		return webPage{}, fmt.Errorf("no CSRF token on the page posting to %s", path)
	}
	form.Set("csrf_token", csrf)
	return b.do(http.MethodPost, path, form)
}

// signIn signs in through /login and checks the redirect to next.
func (b *browser) signIn(email, password, next string) error {
	login, err := b.get("/login?next=" + url.QueryEscape(next))
	if err != nil || login.Status != 200 {
		return fmt.Errorf("GET /login = %d, %v", login.Status, err)
	}
	return b.signInFrom(login, email, password, next)
}

func (b *browser) signInFrom(login webPage, email, password, next string) error {
	p, err := b.submit(login, "/login", url.Values{"email": {email}, "password": {password}, "next": {login.field("next")}})
	if err != nil {
		return err
	}
	if p.Status != http.StatusSeeOther || p.Location != next {
		return fmt.Errorf("sign-in = %d to %q; want a redirect to %s", p.Status, p.Location, next)
	}
	return nil
}

// approveFromCompleteURI is what a person does with
// verification_uri_complete while signed out: it leads to the sign-in
// page, then back to the /device form with the code filled in, which is
// submitted and approved.
func (b *browser) approveFromCompleteURI(complete, userCode string) error {
	u, err := url.Parse(complete) // on the issuer's host, which may name b.base differently
	if err != nil {
		return err
	}
	path := u.RequestURI()
	p, err := b.get(path)
	if err != nil {
		return err
	}
	if p.Status != http.StatusSeeOther || !strings.HasPrefix(p.Location, "/login?") {
		return fmt.Errorf("GET %s signed out = %d to %q; want the sign-in page", path, p.Status, p.Location)
	}
	login, err := b.get(p.Location)
	if err != nil || login.Status != 200 {
		return fmt.Errorf("GET %s = %d, %v", p.Location, login.Status, err)
	}
	if err := b.signInFrom(login, devEmail, devPassword, path); err != nil {
		return err
	}
	form, err := b.get(path)
	if err != nil || form.Status != 200 {
		return fmt.Errorf("GET %s signed in = %d, %v", path, form.Status, err)
	}
	if form.field("user_code") != userCode {
		return fmt.Errorf("the /device form holds %q; want it filled in with %s", form.field("user_code"), userCode)
	}
	_, err = b.decide(form, form.field("user_code"))
	return err
}

// approve enters userCode on /device and approves, returning the
// confirmation page that showed the request.
func (b *browser) approve(userCode string) (webPage, error) {
	form, err := b.get("/device")
	if err != nil || form.Status != 200 {
		return form, fmt.Errorf("GET /device = %d, %v", form.Status, err)
	}
	// As a person might type it.
	return b.decide(form, strings.ToLower(strings.Replace(userCode, "-", " ", 1)))
}

func (b *browser) decide(form webPage, typed string) (webPage, error) {
	confirm, err := b.submit(form, "/device", url.Values{"user_code": {typed}})
	if err != nil {
		return confirm, err
	}
	if confirm.Status != 200 || !strings.Contains(confirm.Body, "Mira CLI") || confirm.field("request_id") == "" {
		return confirm, fmt.Errorf("POST /device = %d; want the confirmation page:\n%s", confirm.Status, confirm.Body)
	}
	done, err := b.submit(confirm, "/device/decide", url.Values{
		"request_id": {confirm.field("request_id")}, "user_code": {confirm.field("user_code")}, "decision": {"approve"}})
	if err != nil {
		return confirm, err
	}
	if done.Status != 200 || !strings.Contains(done.Body, "Device approved") {
		return confirm, fmt.Errorf("approve = %d:\n%s", done.Status, done.Body)
	}
	return confirm, nil
}
