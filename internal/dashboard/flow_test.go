package dashboard

import (
	"context"
	"io"
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/vmira/mira/internal/oauth"
	"github.com/vmira/mira/internal/store"
	"github.com/vmira/mira/internal/store/storetest"
	"github.com/vmira/mira/internal/testkit"
	"golang.org/x/oauth2"
)

// TestDeviceFlowWithOAuth2Client: golang.org/x/oauth2's DeviceAuth and
// DeviceAccessToken sign in against our endpoints, approved by a signed-in
// session through the real /device form; the token verifies with our
// verifier and with an independent one against the JWKS; it refreshes and
// is revoked.
func TestDeviceFlowWithOAuth2Client(t *testing.T) {
	storetest.EachDB(t, func(t *testing.T, db *store.DB) {
		e := newEnv(t, db)
		alice := e.user("alice@example.com")
		cfg := &oauth2.Config{
			ClientID: oauth.ClientID,
			Endpoint: oauth2.Endpoint{
				DeviceAuthURL: e.srv.URL + "/oauth/device/code",
				TokenURL:      e.srv.URL + "/oauth/token",
				// The default AuthStyleAutoDetect: it tries HTTP Basic
				// first, which is refused without counting as a poll.
			},
		}
		ctx, cancel := context.WithTimeout(context.WithValue(context.Background(), oauth2.HTTPClient, e.srv.Client()), 30*time.Second)
		defer cancel()
		da, err := cfg.DeviceAuth(ctx)
		if err != nil {
			t.Fatalf("DeviceAuth: %v", err)
		}
		if da.VerificationURI != e.srv.URL+"/device" || da.Interval != 1 || time.Until(da.Expiry) > 15*time.Minute {
			t.Errorf("device authorization = %+v", da)
		}
		type result struct {
			tok *oauth2.Token
			err error
		}
		done := make(chan result, 1)
		go func() {
			tok, err := cfg.DeviceAccessToken(ctx, da)
			done <- result{tok, err}
		}()

		b := e.browser("198.51.100.20")
		// verification_uri_complete, signed out: sign in first, then back.
		complete := strings.TrimPrefix(da.VerificationURIComplete, e.srv.URL)
		p := b.get(complete)
		if p.Status != http.StatusSeeOther || p.Location != "/login?next="+url.QueryEscape(complete) {
			t.Fatalf("GET %s signed out = %d %s", complete, p.Status, p.Location)
		}
		login := b.get(p.Location)
		p = b.submit(login, "/login", url.Values{"email": {"alice@example.com"}, "password": {goodPassword}, "next": {login.field("next")}})
		if p.Status != http.StatusSeeOther || p.Location != complete {
			t.Fatalf("sign-in = %d %s; want a redirect back to %s", p.Status, p.Location, complete)
		}
		form := b.get(p.Location)
		if form.field("user_code") != da.UserCode {
			t.Fatalf("the device form is not pre-filled with %s", da.UserCode)
		}
		time.Sleep(1500 * time.Millisecond)
		select {
		case r := <-done:
			t.Fatalf("the token arrived before anyone approved: %+v %v", r.tok, r.err)
		default:
		}
		confirm := b.submit(form, "/device", url.Values{"user_code": {form.field("user_code")}})
		if confirm.Status != 200 || !strings.Contains(confirm.Body, "Mira CLI") || !strings.Contains(confirm.Body, "Go-http-client") {
			t.Fatalf("POST /device = %d: %s", confirm.Status, confirm.Body)
		}
		approved := b.submit(confirm, "/device/decide", url.Values{"request_id": {confirm.field("request_id")}, "decision": {"approve"}})
		if approved.Status != 200 || !strings.Contains(approved.Body, "Device approved") {
			t.Fatalf("approve = %d: %s", approved.Status, approved.Body)
		}
		r := <-done
		if r.err != nil {
			t.Fatalf("DeviceAccessToken: %v", r.err)
		}
		tok := r.tok
		var interval int
		db.SQL().QueryRow(`SELECT interval_s FROM oauth_device_codes`).Scan(&interval)
		if interval != 1 {
			t.Errorf("the client was told to slow down (interval now %d s): a well-behaved client must never be", interval)
		}
		if tok.TokenType != "Bearer" || tok.RefreshToken == "" || time.Until(tok.Expiry) > 15*time.Minute {
			t.Errorf("token = %+v", tok)
		}
		c, err := e.oauth.VerifyAccessToken(ctx, tok.AccessToken)
		if err != nil || c.UserID != alice.ID {
			t.Fatalf("VerifyAccessToken = %+v, %v", c, err)
		}

		// Independent verification against the JWKS, fetched over TLS.
		resp, err := e.srv.Client().Get(e.srv.URL + "/.well-known/jwks.json")
		if err != nil {
			t.Fatal(err)
		}
		jwks, _ := io.ReadAll(resp.Body)
		resp.Body.Close()
		claims, err := testkit.VerifyAccessJWT(tok.AccessToken, jwks)
		if err != nil {
			t.Fatalf("independent verification: %v", err)
		}
		if claims["sub"] != alice.ID || claims["iss"] != e.srv.URL || claims["aud"] != e.srv.URL+"/v1" || claims["client_id"] != oauth.ClientID {
			t.Errorf("claims = %v", claims)
		}

		// Refresh through the library, then revoke.
		ts := cfg.TokenSource(ctx, &oauth2.Token{RefreshToken: tok.RefreshToken, Expiry: time.Now().Add(-time.Minute)})
		fresh, err := ts.Token()
		if err != nil || fresh.AccessToken == tok.AccessToken || fresh.RefreshToken == tok.RefreshToken {
			t.Fatalf("refresh = %+v, %v; want new tokens", fresh, err)
		}
		if status, _ := e.post("/oauth/revoke", url.Values{"token": {fresh.RefreshToken}, "client_id": {oauth.ClientID}}); status != 200 {
			t.Fatalf("revoke = %d", status)
		}
		if _, err := cfg.TokenSource(ctx, &oauth2.Token{RefreshToken: fresh.RefreshToken, Expiry: time.Now().Add(-time.Minute)}).Token(); err == nil {
			t.Error("a revoked refresh token still refreshes")
		}
		if _, err := e.oauth.VerifyAccessToken(ctx, fresh.AccessToken); err == nil {
			t.Error("an access token of a revoked sign-in still verifies")
		}
	})
}

// TestClaimedCodeOtherSession: only the session that entered a code can
// decide it; another session (another person, or the same user in another
// browser) cannot claim it or post a decision for it.
func TestClaimedCodeOtherSession(t *testing.T) {
	storetest.EachDB(t, func(t *testing.T, db *store.DB) {
		e := newEnv(t, db)
		e.user("alice@example.com")
		e.user("mallory@example.com")
		d := e.startDevice()
		alice, mallory := e.browser("198.51.100.1"), e.browser("203.0.113.6")
		alice.mustSignIn("alice@example.com")
		mallory.mustSignIn("mallory@example.com")

		af := alice.get("/device")
		confirm := alice.submit(af, "/device", url.Values{"user_code": {strings.ToLower(strings.ReplaceAll(d.UserCode, "-", " "))}})
		if confirm.Status != 200 {
			t.Fatalf("alice claims = %d: %s", confirm.Status, confirm.Body)
		}
		mf := mallory.get("/device")
		if p := mallory.submit(mf, "/device", url.Values{"user_code": {d.UserCode}}); p.Status != http.StatusConflict || !strings.Contains(p.Body, "another browser session") {
			t.Errorf("mallory enters the claimed code = %d", p.Status)
		}
		for _, decision := range []string{"approve", "deny"} {
			p := mallory.submit(mf, "/device/decide", url.Values{"request_id": {confirm.field("request_id")}, "decision": {decision}})
			if p.Status != http.StatusConflict {
				t.Errorf("mallory posts %s for alice's claim = %d", decision, p.Status)
			}
		}
		// The same user in a second browser is another session, too.
		alice2 := e.browser("198.51.100.1")
		alice2.mustSignIn("alice@example.com")
		a2 := alice2.get("/device")
		if p := alice2.submit(a2, "/device/decide", url.Values{"request_id": {confirm.field("request_id")}, "decision": {"approve"}}); p.Status != http.StatusConflict {
			t.Errorf("alice's other session approves = %d", p.Status)
		}
		if status, body := e.pollOnce(d.DeviceCode); body["error"] != "authorization_pending" {
			t.Errorf("poll after the foreign attempts = %d %v; want authorization_pending", status, body)
		}
		// Mallory cannot reuse alice's CSRF token either.
		if p := mallory.submit(confirm, "/device/decide", url.Values{"request_id": {confirm.field("request_id")}, "decision": {"approve"}}); p.Status != http.StatusForbidden {
			t.Errorf("mallory with alice's CSRF token = %d; want 403", p.Status)
		}
		if p := alice.submit(confirm, "/device/decide", url.Values{"request_id": {confirm.field("request_id")}, "decision": {"deny"}}); p.Status != 200 || !strings.Contains(p.Body, "denied") {
			t.Fatalf("alice denies = %d", p.Status)
		}
		if _, body := e.pollOnce(d.DeviceCode); body["error"] != "access_denied" {
			t.Errorf("poll after denial = %v; want access_denied", body)
		}
	})
}

// TestUserCodeGuessing through the /device form: from one session, and
// from many sessions of one account.
func TestUserCodeGuessing(t *testing.T) {
	storetest.EachDB(t, func(t *testing.T, db *store.DB) {
		e := newEnv(t, db)
		e.user("mallory@example.com")
		d := e.startDevice()
		wrong := []string{"BBBB-BBBB", "CCCC-CCCC", "DDDD-DDDD", "FFFF-FFFF", "GGGG-GGGG", "HHHH-HHHH", "JJJJ-JJJJ", "KKKK-KKKK", "LLLL-LLLL", "MMMM-MMMM", "NNNN-NNNN", "PPPP-PPPP"}

		b := e.browser("203.0.113.6")
		b.mustSignIn("mallory@example.com")
		f := b.get("/device")
		for i := range 5 {
			if p := b.submit(f, "/device", url.Values{"user_code": {wrong[i]}}); p.Status != http.StatusBadRequest {
				t.Fatalf("wrong code %d = %d", i, p.Status)
			}
		}
		p := b.submit(f, "/device", url.Values{"user_code": {d.UserCode}})
		if p.Status != http.StatusTooManyRequests || p.Header.Get("Retry-After") == "" || !strings.Contains(p.Body, "Too many wrong codes") {
			t.Fatalf("the right code after 5 wrong ones = %d (Retry-After %q)", p.Status, p.Header.Get("Retry-After"))
		}

		// More sessions of the same account, from other addresses: the
		// account's limit (10) holds across them.
		tried := 5
		for s := 0; s < 3 && tried < 12; s++ {
			nb := e.browser("203.0.113." + string(rune('7'+s)))
			nb.mustSignIn("mallory@example.com")
			nf := nb.get("/device")
			for tried < 12 {
				p := nb.submit(nf, "/device", url.Values{"user_code": {wrong[tried]}})
				if p.Status == http.StatusTooManyRequests {
					break
				}
				tried++
			}
			if tried >= 10 {
				break
			}
		}
		if tried != 10 {
			t.Errorf("one account made %d wrong guesses across sessions; want 10", tried)
		}
		if status, body := e.pollOnce(d.DeviceCode); body["error"] != "authorization_pending" {
			t.Errorf("the code was affected: %d %v", status, body)
		}
	})
}
