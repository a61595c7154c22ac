package oauth

import (
	"context"
	"crypto/ed25519"
	"crypto/hmac"
	"crypto/rand"
	"crypto/sha256"
	"encoding/base64"
	"encoding/json"
	"errors"
	"fmt"
	"net/url"
	"runtime"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/vmira/mira/internal/mira"
	"github.com/vmira/mira/internal/store"
	"github.com/vmira/mira/internal/store/storetest"
	"github.com/vmira/mira/internal/testkit"
)

func refresh(t *testing.T, s *Server, client, rt string) response {
	t.Helper()
	return call(t, s, "/oauth/token", url.Values{"grant_type": {GrantTypeRefreshToken}, "refresh_token": {rt}, "client_id": {client}})
}

func verifies(s *Server, tok string) bool {
	_, err := s.VerifyAccessToken(context.Background(), tok)
	return err == nil
}

func TestRefreshRotation(t *testing.T) {
	storetest.EachDB(t, func(t *testing.T, db *store.DB) {
		clk := newClock()
		s := newServer(t, db, clk)
		u := newUser(t, db, "alice@example.com")
		first := signIn(t, s, clk, u)

		clk.Advance(time.Minute)
		second := refresh(t, s, ClientID, first.str("refresh_token"))
		if second.Status != 200 || second.str("refresh_token") == first.str("refresh_token") || second.str("access_token") == "" {
			t.Fatalf("refresh = %d %v; want new tokens", second.Status, second.Body)
		}
		c1, _ := s.VerifyAccessToken(context.Background(), first.str("access_token"))
		c2, err := s.VerifyAccessToken(context.Background(), second.str("access_token"))
		if err != nil || c2.GrantID != c1.GrantID {
			t.Errorf("refreshed token: %v %v; want the same grant", c2, err)
		}
		wantError(t, "refresh by another client", refresh(t, s, otherClient, second.str("refresh_token")), 400, "invalid_grant")
		third := refresh(t, s, ClientID, second.str("refresh_token"))
		if third.Status != 200 {
			t.Fatalf("refresh after a foreign client's attempt = %d %v", third.Status, third.Body)
		}

		// Replay of a rotated token: the whole family is revoked, the
		// newest refresh token and live access tokens included.
		wantError(t, "replayed refresh token", refresh(t, s, ClientID, first.str("refresh_token")), 400, "invalid_grant")
		wantError(t, "newest refresh token after a replay", refresh(t, s, ClientID, third.str("refresh_token")), 400, "invalid_grant")
		if verifies(s, third.str("access_token")) {
			t.Error("an access token of a revoked family still verifies")
		}
		// Other sign-ins of the user are untouched.
		other := signIn(t, s, clk, u)
		if r := refresh(t, s, ClientID, other.str("refresh_token")); r.Status != 200 {
			t.Errorf("another family after the replay: %d %v", r.Status, r.Body)
		}

		wantError(t, "unknown refresh token", refresh(t, s, ClientID, RefreshTokenPrefix+"AAAA"), 400, "invalid_grant")
		wantError(t, "not a refresh token", refresh(t, s, ClientID, "garbage"), 400, "invalid_grant")
		wantError(t, "no refresh token", refresh(t, s, ClientID, ""), 400, "invalid_request")
		wantError(t, "unknown grant type", call(t, s, "/oauth/token", url.Values{"grant_type": {"password"}, "client_id": {ClientID}}), 400, "unsupported_grant_type")
	})
}

func TestRefreshLifetimes(t *testing.T) {
	clk := newClock()
	db := storetest.OpenSQLite(t)
	s := newServer(t, db, clk, func(c *Config) {
		c.RefreshIdleTTL = time.Hour
		c.RefreshMaxTTL = 3 * time.Hour
	})
	u := newUser(t, db, "alice@example.com")

	idle := signIn(t, s, clk, u)
	clk.Advance(time.Hour)
	wantError(t, "refresh after the idle lifetime", refresh(t, s, ClientID, idle.str("refresh_token")), 400, "invalid_grant")

	r := signIn(t, s, clk, u)
	for range 5 { // used every 50 minutes: never idle, but the family ages
		clk.Advance(50 * time.Minute)
		next := refresh(t, s, ClientID, r.str("refresh_token"))
		if clk.Now().Sub(newClock().Now()) >= 4*time.Hour {
			wantError(t, "refresh after the absolute lifetime", next, 400, "invalid_grant")
			return
		}
		if next.Status != 200 {
			t.Fatalf("refresh at %v: %d %v", clk.Now(), next.Status, next.Body)
		}
		r = next
	}
	t.Fatal("the family outlived its absolute lifetime")
}

func TestScopes(t *testing.T) {
	clk := newClock()
	db := storetest.OpenSQLite(t)
	s := newServer(t, db, clk)
	u := newUser(t, db, "alice@example.com")
	r := call(t, s, "/oauth/device/code", url.Values{"client_id": {ClientID}, "scope": {"models:read chat:write"}})
	approve(t, s, u, r.str("user_code"))
	tok := poll(t, s, ClientID, r.str("device_code"))
	if got := tok.str("scope"); got != "models:read chat:write" {
		t.Errorf("scope = %q", got)
	}
	c, err := s.VerifyAccessToken(context.Background(), tok.str("access_token"))
	if err != nil || !c.HasScope(mira.ScopeChatWrite) || c.HasScope(mira.ScopeKeysWrite) {
		t.Errorf("claims %+v, %v", c, err)
	}
	// Narrowing on refresh is allowed; widening is not.
	wantError(t, "widening refresh", call(t, s, "/oauth/token", url.Values{"grant_type": {GrantTypeRefreshToken}, "client_id": {ClientID},
		"refresh_token": {tok.str("refresh_token")}, "scope": {"keys:write"}}), 400, "invalid_scope")
	narrow := call(t, s, "/oauth/token", url.Values{"grant_type": {GrantTypeRefreshToken}, "client_id": {ClientID},
		"refresh_token": {tok.str("refresh_token")}, "scope": {"models:read"}})
	if narrow.str("scope") != "models:read" {
		t.Errorf("narrowed scope = %v", narrow.Body)
	}
	// Default: everything but admin.
	full := signIn(t, s, clk, u)
	if got, want := full.str("scope"), mira.JoinScopes(CLIScopes); got != want || strings.Contains(got, "admin") {
		t.Errorf("default scope = %q; want %q", got, want)
	}
}

func TestRevoke(t *testing.T) {
	storetest.EachDB(t, func(t *testing.T, db *store.DB) {
		clk := newClock()
		s := newServer(t, db, clk)
		other := newServer(t, db, clk) // a second instance
		u := newUser(t, db, "alice@example.com")
		revoke := func(tok, client string) response {
			return call(t, s, "/oauth/revoke", url.Values{"token": {tok}, "client_id": {client}})
		}

		r := signIn(t, s, clk, u)
		if !verifies(other, r.str("access_token")) {
			t.Fatal("the second instance does not accept a fresh token")
		}
		if got := revoke(r.str("refresh_token"), otherClient); got.Status != 200 {
			t.Errorf("revoke by another client = %d", got.Status)
		}
		if !verifies(s, r.str("access_token")) {
			t.Error("another client revoked the token")
		}
		if got := revoke(r.str("refresh_token"), ClientID); got.Status != 200 {
			t.Fatalf("revoke = %d %v", got.Status, got.Body)
		}
		wantError(t, "refresh after revocation", refresh(t, s, ClientID, r.str("refresh_token")), 400, "invalid_grant")
		if verifies(s, r.str("access_token")) {
			t.Error("the access token still verifies on the revoking instance")
		}
		// The other instance learns of it from its revocation poll.
		if _, err := other.pollRevocations(context.Background(), clk.Now().Add(-time.Minute)); err != nil {
			t.Fatal(err)
		}
		if verifies(other, r.str("access_token")) {
			t.Error("the access token still verifies on the other instance after its poll")
		}

		// Revoking by access token ends the family too.
		r2 := signIn(t, s, clk, u)
		if got := revoke(r2.str("access_token"), ClientID); got.Status != 200 {
			t.Fatalf("revoke by access token = %d", got.Status)
		}
		wantError(t, "refresh after revoking its access token", refresh(t, s, ClientID, r2.str("refresh_token")), 400, "invalid_grant")

		// Unknown tokens: 200, per RFC 7009.
		for _, tok := range []string{"nonsense", RefreshTokenPrefix + "unknown", "a.b.c"} {
			if got := revoke(tok, ClientID); got.Status != 200 {
				t.Errorf("revoke(%q) = %d; want 200", tok, got.Status)
			}
		}
		wantError(t, "revoke without a token", call(t, s, "/oauth/revoke", url.Values{"client_id": {ClientID}}), 400, "invalid_request")
		wantError(t, "revoke without a client", call(t, s, "/oauth/revoke", url.Values{"token": {"x"}}), 401, "invalid_client")

		// RevokeUserTokens (password change) ends every sign-in, and an
		// approval not redeemed yet.
		a, b := signIn(t, s, clk, u), signIn(t, s, clk, u)
		pending := startDevice(t, s, ClientID)
		approve(t, s, u, pending.UserCode)
		if err := s.RevokeUserTokens(context.Background(), u.ID); err != nil {
			t.Fatal(err)
		}
		for _, x := range []response{a, b} {
			wantError(t, "refresh after RevokeUserTokens", refresh(t, s, ClientID, x.str("refresh_token")), 400, "invalid_grant")
			if verifies(s, x.str("access_token")) {
				t.Error("an access token survived RevokeUserTokens")
			}
		}
		wantError(t, "redeem an approval after RevokeUserTokens", poll(t, s, ClientID, pending.DeviceCode), 400, "access_denied")
	})
}

// b64 encodes JWT segments.
func b64(b []byte) string { return base64.RawURLEncoding.EncodeToString(b) }

func jsonSeg(t *testing.T, v any) string {
	b, err := json.Marshal(v)
	if err != nil {
		t.Fatal(err)
	}
	return b64(b)
}

// forge builds a compact JWS from a header and claims; sign signs
// "header.payload".
func forge(t *testing.T, hdr, claims map[string]any, sign func([]byte) []byte) string {
	t.Helper()
	input := jsonSeg(t, hdr) + "." + jsonSeg(t, claims)
	return input + "." + b64(sign([]byte(input)))
}

func TestAccessTokenForgeries(t *testing.T) {
	clk := newClock()
	db := storetest.OpenSQLite(t)
	s := newServer(t, db, clk)
	u := newUser(t, db, "alice@example.com")
	good := signIn(t, s, clk, u).str("access_token")
	if !verifies(s, good) {
		t.Fatal("a genuine token does not verify")
	}
	var gc map[string]any
	payload, _ := base64.RawURLEncoding.DecodeString(strings.Split(good, ".")[1])
	json.Unmarshal(payload, &gc)

	key := s.keys.Load().signer(clk.Now())
	ours := func(b []byte) []byte { return ed25519.Sign(key.priv, b) }
	_, evilPriv, _ := ed25519.GenerateKey(rand.Reader)
	evil := func(b []byte) []byte { return ed25519.Sign(evilPriv, b) }
	hdr := func(kv ...any) map[string]any {
		h := map[string]any{"alg": "EdDSA", "typ": "at+jwt", "kid": key.kid}
		for i := 0; i+1 < len(kv); i += 2 {
			if kv[i+1] == nil {
				delete(h, kv[i].(string))
			} else {
				h[kv[i].(string)] = kv[i+1]
			}
		}
		return h
	}
	claims := func(kv ...any) map[string]any {
		c := map[string]any{}
		for k, v := range gc {
			c[k] = v
		}
		for i := 0; i+1 < len(kv); i += 2 {
			if kv[i+1] == nil {
				delete(c, kv[i].(string))
			} else {
				c[kv[i].(string)] = kv[i+1]
			}
		}
		return c
	}
	evilJWK := map[string]any{"kty": "OKP", "crv": "Ed25519", "x": b64(evilPriv.Public().(ed25519.PublicKey)), "kid": "evil"}
	now := clk.Now().Unix()

	// Control: a token we build the same way with our key verifies, so
	// each case below fails for the reason it names.
	if tok := forge(t, hdr(), claims(), ours); !verifies(s, tok) {
		t.Fatal("the control forgery (our key, genuine claims) does not verify; the test is broken")
	}
	tests := []struct {
		name  string
		token string
	}{
		{"alg none", forge(t, hdr("alg", "none"), claims(), func([]byte) []byte { return nil })},
		{"alg none, no signature segment", jsonSeg(t, hdr("alg", "none")) + "." + jsonSeg(t, claims()) + "."},
		{"HS256 keyed with the public key", forge(t, hdr("alg", "HS256"), claims(), func(b []byte) []byte {
			m := hmac.New(sha256.New, key.pub)
			m.Write(b)
			return m.Sum(nil)
		})},
		{"HS256 keyed with the JWKS entry", forge(t, hdr("alg", "HS256"), claims(), func(b []byte) []byte {
			jwks, _ := json.Marshal(get(t, s, "/.well-known/jwks.json").Body["keys"].([]any)[0])
			m := hmac.New(sha256.New, jwks)
			m.Write(b)
			return m.Sum(nil)
		})},
		{"unknown kid", forge(t, hdr("kid", "evil"), claims(), evil)},
		{"no kid", forge(t, hdr("kid", nil), claims(), ours)},
		{"our kid, another key", forge(t, hdr(), claims(), evil)},
		{"jku header", forge(t, hdr("kid", "evil", "jku", "https://evil.example/jwks.json"), claims(), evil)},
		{"jku header with our signature", forge(t, hdr("jku", "https://evil.example/jwks.json"), claims(), ours)},
		{"x5u header", forge(t, hdr("x5u", "https://evil.example/cert.pem"), claims(), ours)},
		{"embedded jwk", forge(t, hdr("kid", "evil", "jwk", evilJWK), claims(), evil)},
		{"crit header", forge(t, hdr("crit", []string{"exp"}), claims(), ours)},
		{"wrong aud", forge(t, hdr(), claims("aud", "https://other.example/v1"), ours)},
		{"aud list without ours", forge(t, hdr(), claims("aud", []string{"https://other.example"}), ours)},
		{"wrong iss", forge(t, hdr(), claims("iss", "https://evil.example"), ours)},
		{"no exp", forge(t, hdr(), claims("exp", nil), ours)},
		{"no iat", forge(t, hdr(), claims("iat", nil), ours)},
		{"expired", forge(t, hdr(), claims("iat", now-400, "exp", now-60), ours)},
		{"issued in the future", forge(t, hdr(), claims("iat", now+3600, "exp", now+3900), ours)},
		{"a year long", forge(t, hdr(), claims("exp", now+365*24*3600), ours)},
		{"typ JWT", forge(t, hdr("typ", "JWT"), claims(), ours)},
		{"no typ", forge(t, hdr("typ", nil), claims(), ours)},
		{"no sub", forge(t, hdr(), claims("sub", nil), ours)},
		{"unknown client", forge(t, hdr(), claims("client_id", "evil"), ours)},
		{"admin scope smuggled", forge(t, hdr(), claims("scope", "admin,chat:write"), ours)},
		{"duplicate alg", strings.Replace(good, strings.Split(good, ".")[0], b64([]byte(`{"alg":"none","alg":"EdDSA","kid":"`+key.kid+`","typ":"at+jwt"}`)), 1)},
		{"tampered payload", strings.Split(good, ".")[0] + "." + jsonSeg(t, claims("sub", "user_someone_else")) + "." + strings.Split(good, ".")[2]},
		{"truncated", good[:len(good)-4]},
		{"JWE shape", good + ".x.y"},
		{"empty", ""},
		{"1 MB", strings.Repeat("A", 1<<20)},
		{"1 MB payload", strings.Split(good, ".")[0] + "." + strings.Repeat("A", 1<<20) + "." + strings.Split(good, ".")[2]},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			_, err := s.VerifyAccessToken(context.Background(), tc.token)
			var me *mira.Error
			if !errors.As(err, &me) || me.Code != mira.EInvalidAPIKey {
				t.Fatalf("VerifyAccessToken = %v; want an invalid_api_key error", err)
			}
			if strings.Contains(me.Message, "sub") || strings.Contains(me.Message, "kid") {
				t.Errorf("the client-visible message %q tells why", me.Message)
			}
		})
	}
	// A garbage token of a new kid triggers at most one key reload per 10 s.
	t.Run("unknown kids do not hammer the database", func(t *testing.T) {
		s.lastReload = time.Time{}
		before := s.keys.Load()
		for i := range 50 {
			s.VerifyAccessToken(context.Background(), forge(t, hdr("kid", fmt.Sprint("k", i)), claims(), evil))
		}
		first := s.keys.Load()
		if first == before {
			t.Error("an unknown kid did not reload keys at all")
		}
		for i := range 50 {
			s.VerifyAccessToken(context.Background(), forge(t, hdr("kid", fmt.Sprint("j", i)), claims(), evil))
		}
		if s.keys.Load() != first {
			t.Error("unknown kids reloaded keys more than once in 10 seconds")
		}
	})
}

func TestHugeTokenBoundedMemory(t *testing.T) {
	clk := newClock()
	s := newServer(t, storetest.OpenSQLite(t), clk)
	huge := strings.Repeat("eyJhbGciOiJFZERTQSJ9.", 1<<20/20)
	var before, after runtime.MemStats
	runtime.GC()
	runtime.ReadMemStats(&before)
	const n = 200
	for range n {
		if _, err := s.VerifyAccessToken(context.Background(), huge); err == nil {
			t.Fatal("a 1 MB token verified")
		}
	}
	runtime.ReadMemStats(&after)
	if per := (after.TotalAlloc - before.TotalAlloc) / n; per > 4096 {
		t.Errorf("verifying a 1 MB token allocates %d bytes; want it refused before decoding (< 4 KB)", per)
	}
}

// TestIndependentVerification checks a token with a minimal JWS verifier
// written apart from ours against the JWKS JSON (crypto/ed25519 only, no
// go-jose).
func TestIndependentVerification(t *testing.T) {
	clk := newClock()
	db := storetest.OpenSQLite(t)
	s := newServer(t, db, clk)
	u := newUser(t, db, "alice@example.com")
	tok := signIn(t, s, clk, u).str("access_token")
	jwks := get(t, s, "/.well-known/jwks.json")
	raw, _ := json.Marshal(jwks.Body)
	claims, err := testkit.VerifyAccessJWT(tok, raw)
	if err != nil {
		t.Fatalf("independent verification: %v", err)
	}
	want := map[string]any{"iss": testIssuer, "aud": testIssuer + "/v1", "sub": u.ID, "client_id": ClientID}
	for k, v := range want {
		if claims[k] != v {
			t.Errorf("claim %s = %v; want %v", k, claims[k], v)
		}
	}
	for _, k := range []string{"exp", "iat", "jti", "sid", "scope"} {
		if claims[k] == nil {
			t.Errorf("claim %s missing", k)
		}
	}
	if exp, iat := claims["exp"].(float64), claims["iat"].(float64); exp-iat != 300 || iat != float64(clk.Now().Unix()) {
		t.Errorf("iat %v exp %v; want a 5-minute token issued now", iat, exp)
	}
}

func TestMetadata(t *testing.T) {
	s := newServer(t, storetest.OpenSQLite(t), newClock())
	m := get(t, s, "/.well-known/oauth-authorization-server").Body
	want := map[string]any{
		"issuer":                                testIssuer,
		"token_endpoint":                        testIssuer + "/oauth/token",
		"device_authorization_endpoint":         testIssuer + "/oauth/device/code",
		"revocation_endpoint":                   testIssuer + "/oauth/revoke",
		"jwks_uri":                              testIssuer + "/.well-known/jwks.json",
		"grant_types_supported":                 []any{GrantTypeDeviceCode, GrantTypeRefreshToken},
		"token_endpoint_auth_methods_supported": []any{"none"},
	}
	for k, v := range want {
		if diff := cmp.Diff(v, m[k]); diff != "" {
			t.Errorf("metadata %s (-want +got):\n%s", k, diff)
		}
	}
	keys := get(t, s, "/.well-known/jwks.json").Body["keys"].([]any)
	if len(keys) != 1 {
		t.Fatalf("JWKS has %d keys; want 1", len(keys))
	}
	k := keys[0].(map[string]any)
	if k["kty"] != "OKP" || k["crv"] != "Ed25519" || k["alg"] != "EdDSA" || k["use"] != "sig" || k["d"] != nil {
		t.Errorf("JWK = %v", k)
	}
}

func TestConfigValidation(t *testing.T) {
	db := storetest.OpenSQLite(t)
	for _, tc := range []struct {
		name string
		cfg  Config
	}{
		{"http issuer", Config{Issuer: "http://mira.test"}},
		{"issuer with path", Config{Issuer: "https://mira.test/x"}},
		{"no issuer", Config{}},
		{"long access tokens", Config{Issuer: testIssuer, AccessTokenTTL: time.Hour}},
		{"long device codes", Config{Issuer: testIssuer, DeviceCodeTTL: time.Hour}},
		{"fractional interval", Config{Issuer: testIssuer, PollInterval: 1500 * time.Millisecond}},
	} {
		if _, err := New(context.Background(), tc.cfg, db, testSecret); err == nil {
			t.Errorf("New(%s) = nil error", tc.name)
		}
	}
	if _, err := New(context.Background(), Config{Issuer: testIssuer}, db, []byte("short")); err == nil {
		t.Error("New accepted a 5-byte secret")
	}
}
