package oauth

import (
	"context"
	"errors"
	"fmt"
	"net/url"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/vmira/mira/internal/attempts"
	"github.com/vmira/mira/internal/store"
	"github.com/vmira/mira/internal/store/storetest"
)

func TestUserCodes(t *testing.T) {
	seen := map[string]bool{}
	for range 2000 {
		c := newUserCode()
		if len(c) != 8 || strings.Trim(c, userCodeAlphabet) != "" {
			t.Fatalf("newUserCode() = %q; want 8 characters of %s", c, userCodeAlphabet)
		}
		seen[c] = true
	}
	if len(seen) < 1990 {
		t.Errorf("2000 user codes have only %d distinct values", len(seen))
	}
	tests := []struct {
		in   string
		want string
		ok   bool
	}{
		{"BCDF-GHJK", "BCDFGHJK", true},
		{"bcdf-ghjk", "BCDFGHJK", true},
		{" bcdf ghjk ", "BCDFGHJK", true},
		{"BcDfGhJk", "BCDFGHJK", true},
		{"BCDF–GHJK", "BCDFGHJK", true}, // en dash, as some keyboards type it
		{"BCDF-GHJ", "", false},
		{"BCDF-GHJKL", "", false},
		{"ABCD-EFGH", "", false}, // vowels are not in the alphabet
		{"BCDF-GHJ1", "", false},
		{"ВCDF-GHJK", "", false}, // Cyrillic В
		{"", "", false},
		{strings.Repeat("B", 100), "", false},
	}
	for _, tc := range tests {
		got, ok := NormalizeUserCode(tc.in)
		if got != tc.want || ok != tc.ok {
			t.Errorf("NormalizeUserCode(%q) = %q, %v; want %q, %v", tc.in, got, ok, tc.want, tc.ok)
		}
	}
	if got := FormatUserCode("BCDFGHJK"); got != "BCDF-GHJK" {
		t.Errorf("FormatUserCode = %q", got)
	}
}

func TestDeviceAuthorizationResponse(t *testing.T) {
	db := storetest.OpenSQLite(t)
	s := newServer(t, db, newClock())
	r := call(t, s, "/oauth/device/code", url.Values{"client_id": {ClientID}})
	if r.Status != 200 {
		t.Fatalf("status %d %v", r.Status, r.Body)
	}
	dc := r.str("device_code")
	if len(dc) < 22 { // 128 bits in base64url
		t.Errorf("device_code %q is shorter than 128 bits", dc)
	}
	if uc := r.str("user_code"); len(uc) != 9 || uc[4] != '-' {
		t.Errorf("user_code %q is not XXXX-XXXX", uc)
	}
	if got, want := r.str("verification_uri"), testIssuer+"/device"; got != want {
		t.Errorf("verification_uri = %q; want %q", got, want)
	}
	if got, want := r.str("verification_uri_complete"), testIssuer+"/device?user_code="+r.str("user_code"); got != want {
		t.Errorf("verification_uri_complete = %q; want %q", got, want)
	}
	if r.Body["expires_in"] != 600.0 || r.Body["interval"] != 5.0 {
		t.Errorf("expires_in, interval = %v, %v; want 600, 5", r.Body["expires_in"], r.Body["interval"])
	}
	if r.Header.Get("Cache-Control") != "no-store" {
		t.Errorf("Cache-Control = %q; want no-store", r.Header.Get("Cache-Control"))
	}
	// Neither code is stored: only digests.
	var n int
	db.SQL().QueryRow(db.Rebind(`SELECT count(*) FROM oauth_device_codes WHERE device_digest = ? OR user_digest = ?`), []byte(dc), []byte(r.str("user_code"))).Scan(&n)
	if n != 0 {
		t.Error("a device or user code is stored in the clear")
	}

	for _, tc := range []struct {
		name   string
		form   url.Values
		hdr    []string
		status int
		code   string
	}{
		{"no client", url.Values{}, nil, 401, "invalid_client"},
		{"unknown client", url.Values{"client_id": {"evil"}}, nil, 401, "invalid_client"},
		{"client secret", url.Values{}, []string{"Authorization", "Basic bWlyYS1jbGk6c2VjcmV0"}, 401, "invalid_client"},
		{"repeated parameter", url.Values{"client_id": {ClientID, ClientID}}, nil, 400, "invalid_request"},
		{"admin scope", url.Values{"client_id": {ClientID}, "scope": {"admin"}}, nil, 400, "invalid_scope"},
		{"unknown scope", url.Values{"client_id": {ClientID}, "scope": {"root"}}, nil, 400, "invalid_scope"},
	} {
		wantError(t, tc.name, call(t, s, "/oauth/device/code", tc.form, tc.hdr...), tc.status, tc.code)
	}
	// HTTP Basic is refused for the public client, with nothing else done.
	r = call(t, s, "/oauth/device/code", url.Values{"client_id": {ClientID}}, "Authorization", "Basic bWlyYS1jbGk6")
	wantError(t, "Basic authentication", r, 401, "invalid_client")
	if r.Header.Get("WWW-Authenticate") == "" {
		t.Error("a 401 after an Authorization header needs WWW-Authenticate (RFC 6749 §5.2)")
	}
}

// TestDevicePolling walks a device code through every answer of the
// token endpoint, on each database.
func TestDevicePolling(t *testing.T) {
	storetest.EachDB(t, func(t *testing.T, db *store.DB) {
		clk := newClock()
		s := newServer(t, db, clk)
		u := newUser(t, db, "alice@example.com")
		d := startDevice(t, s, ClientID)

		wantError(t, "first poll", poll(t, s, ClientID, d.DeviceCode), 400, "authorization_pending")
		// Polling too fast: slow_down, and 5 more seconds each time.
		for _, want := range []float64{10, 15, 20} {
			clk.Advance(time.Second)
			r := poll(t, s, ClientID, d.DeviceCode)
			wantError(t, "fast poll", r, 400, "slow_down")
			if r.Body["interval"] != want {
				t.Errorf("slow_down interval = %v; want %v", r.Body["interval"], want)
			}
		}
		clk.Advance(18 * time.Second)
		wantError(t, "poll after 18s with interval 20s", poll(t, s, ClientID, d.DeviceCode), 400, "slow_down")
		clk.Advance(25 * time.Second)
		wantError(t, "poll at the new interval", poll(t, s, ClientID, d.DeviceCode), 400, "authorization_pending")

		clk.Advance(30 * time.Second)
		wantError(t, "poll by another client", poll(t, s, otherClient, d.DeviceCode), 400, "invalid_grant")
		wantError(t, "poll by an unknown client", poll(t, s, "nobody", d.DeviceCode), 401, "invalid_client")
		wantError(t, "unknown device code", poll(t, s, ClientID, otherCode(d.DeviceCode)), 400, "invalid_grant")

		approve(t, s, u, d.UserCode)
		clk.Advance(30 * time.Second)
		r := poll(t, s, ClientID, d.DeviceCode)
		if r.Status != 200 || r.str("token_type") != "Bearer" || r.str("access_token") == "" || !strings.HasPrefix(r.str("refresh_token"), RefreshTokenPrefix) {
			t.Fatalf("poll after approval = %d %v", r.Status, r.Body)
		}
		if r.Body["expires_in"] != 300.0 {
			t.Errorf("expires_in = %v; want 300", r.Body["expires_in"])
		}
		c, err := s.VerifyAccessToken(context.Background(), r.str("access_token"))
		if err != nil {
			t.Fatalf("VerifyAccessToken: %v", err)
		}
		if c.UserID != u.ID || c.OrgID != u.OrgID || c.ClientID != ClientID || len(c.Scopes) != len(CLIScopes) {
			t.Errorf("claims = %+v", c)
		}
		clk.Advance(30 * time.Second)
		wantError(t, "poll after success", poll(t, s, ClientID, d.DeviceCode), 400, "invalid_grant")

		// Denied and expired codes.
		d2 := startDevice(t, s, ClientID)
		cl := claimant(u, "ses_x")
		req, err := s.ClaimUserCode(context.Background(), d2.UserCode, cl)
		if err != nil {
			t.Fatal(err)
		}
		if err := s.DecideDevice(context.Background(), req.ID, cl, false); err != nil {
			t.Fatal(err)
		}
		wantError(t, "poll after denial", poll(t, s, ClientID, d2.DeviceCode), 400, "access_denied")

		d3 := startDevice(t, s, ClientID)
		clk.Advance(10*time.Minute + time.Second)
		wantError(t, "poll after expiry", poll(t, s, ClientID, d3.DeviceCode), 400, "expired_token")
		if _, err := s.ClaimUserCode(context.Background(), d3.UserCode, cl); !errors.Is(err, ErrUnknownUserCode) {
			t.Errorf("ClaimUserCode(expired) = %v; want ErrUnknownUserCode", err)
		}
	})
}

// TestDeviceCodeRedeemsOnce races many redemptions of one approved code,
// as polls arriving at several instances at once would.
func TestDeviceCodeRedeemsOnce(t *testing.T) {
	storetest.EachDB(t, func(t *testing.T, db *store.DB) {
		clk := newClock()
		s := newServer(t, db, clk)
		other := newServer(t, db, clk) // a second instance
		u := newUser(t, db, "alice@example.com")
		d := startDevice(t, s, ClientID)
		approve(t, s, u, d.UserCode)
		var id string
		db.SQL().QueryRow(db.Rebind(`SELECT id FROM oauth_device_codes WHERE device_digest = ?`), digest(s.deviceKey, d.DeviceCode)).Scan(&id)

		const n = 12
		var (
			wg   sync.WaitGroup
			mu   sync.Mutex
			oks  int
			errs []string
		)
		for i := range n {
			srv := s
			if i%2 == 1 {
				srv = other
			}
			wg.Go(func() {
				_, err := srv.redeemDeviceCode(context.Background(), id, clk.Now())
				mu.Lock()
				defer mu.Unlock()
				if err == nil {
					oks++
				} else {
					errs = append(errs, err.Error())
				}
			})
		}
		wg.Wait()
		if oks != 1 {
			t.Errorf("%d of %d concurrent redemptions succeeded; want exactly 1 (errors: %v)", oks, n, errs)
		}
		for _, e := range errs {
			if !strings.Contains(e, "invalid_grant") {
				t.Errorf("a losing redemption failed with %q; want invalid_grant", e)
			}
		}
		var grants int
		db.SQL().QueryRow(`SELECT count(*) FROM oauth_grants`).Scan(&grants)
		if grants != 1 {
			t.Errorf("%d grants exist; want 1", grants)
		}
	})
}

func TestClaimAndDecide(t *testing.T) {
	storetest.EachDB(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		clk := newClock()
		s := newServer(t, db, clk)
		alice := newUser(t, db, "alice@example.com")
		mallory := newUser(t, db, "mallory@example.com")
		d := startDevice(t, s, ClientID)
		a, m := claimant(alice, "ses_a"), claimant(mallory, "ses_m")

		req, err := s.ClaimUserCode(ctx, strings.ToLower(d.UserCode), a)
		if err != nil {
			t.Fatalf("ClaimUserCode: %v", err)
		}
		if req.ClientID != ClientID || req.ClientName != "Mira CLI" || req.ClientIP != "192.0.2.1" || req.UserCode != d.UserCode {
			t.Errorf("request = %+v", req)
		}
		// Claiming again from the same session is fine (a reload).
		if _, err := s.ClaimUserCode(ctx, d.UserCode, a); err != nil {
			t.Errorf("second claim by the same session: %v", err)
		}
		// Another session, even of the same user, cannot take it over.
		if _, err := s.ClaimUserCode(ctx, d.UserCode, m); !errors.Is(err, ErrClaimedElsewhere) {
			t.Errorf("claim by another session = %v; want ErrClaimedElsewhere", err)
		}
		if _, err := s.ClaimUserCode(ctx, d.UserCode, claimant(alice, "ses_a2")); !errors.Is(err, ErrClaimedElsewhere) {
			t.Errorf("claim by the same user's other session = %v; want ErrClaimedElsewhere", err)
		}
		if err := s.DecideDevice(ctx, req.ID, m, true); !errors.Is(err, ErrNotDecidable) {
			t.Errorf("DecideDevice by another session = %v; want ErrNotDecidable", err)
		}
		if _, err := s.ClaimedRequest(ctx, req.ID, m); !errors.Is(err, ErrNotDecidable) {
			t.Errorf("ClaimedRequest by another session = %v; want ErrNotDecidable", err)
		}
		wantError(t, "poll after a foreign decision", poll(t, s, ClientID, d.DeviceCode), 400, "authorization_pending")
		if err := s.DecideDevice(ctx, req.ID, a, true); err != nil {
			t.Fatalf("DecideDevice by the claiming session: %v", err)
		}
		if err := s.DecideDevice(ctx, req.ID, a, false); !errors.Is(err, ErrNotDecidable) {
			t.Errorf("second decision = %v; want ErrNotDecidable", err)
		}
		if _, err := s.ClaimUserCode(ctx, d.UserCode, a); !errors.Is(err, ErrAlreadyDecided) {
			t.Errorf("claim after the decision = %v; want ErrAlreadyDecided", err)
		}
		clk.Advance(5 * time.Second)
		r := poll(t, s, ClientID, d.DeviceCode)
		if r.Status != 200 {
			t.Fatalf("poll: %d %v", r.Status, r.Body)
		}
		c, err := s.VerifyAccessToken(ctx, r.str("access_token"))
		if err != nil || c.UserID != alice.ID {
			t.Errorf("token is for %v (%v); want alice", c, err)
		}
	})
}

// wrongCode returns a well-formed user code that is not code.
func wrongCode(i int) string {
	b := []byte("BBBBBBBB")
	for j := 0; j < 8; j++ {
		b[j] = userCodeAlphabet[(i>>(j*2)+j)%20]
	}
	return string(b)
}

func TestUserCodeBruteForce(t *testing.T) {
	storetest.EachDB(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		t.Run("one session", func(t *testing.T) {
			clk := newClock()
			s := newServer(t, db, clk)
			u := newUser(t, db, "one@example.com")
			d := startDevice(t, s, ClientID)
			c := claimant(u, "ses_one")
			for i := range 5 {
				if _, err := s.ClaimUserCode(ctx, wrongCode(i), c); !errors.Is(err, ErrUnknownUserCode) {
					t.Fatalf("wrong code %d: %v; want ErrUnknownUserCode", i, err)
				}
			}
			var th *attempts.LockedError
			if _, err := s.ClaimUserCode(ctx, d.UserCode, c); !errors.As(err, &th) {
				t.Fatalf("right code after 5 wrong ones = %v; want LockedError", err)
			}
			if th.RetryAfter <= 0 || th.RetryAfter > 15*time.Minute {
				t.Errorf("RetryAfter = %v", th.RetryAfter)
			}
			// Malformed input is not a guess and is not counted.
			if _, err := s.ClaimUserCode(ctx, "hello", claimant(u, "ses_fresh")); !errors.Is(err, ErrMalformedUserCode) {
				t.Errorf("malformed code = %v", err)
			}
			// The window passes; the code has expired by then.
			clk.Advance(15 * time.Minute)
			if _, err := s.ClaimUserCode(ctx, d.UserCode, c); !errors.Is(err, ErrUnknownUserCode) {
				t.Errorf("after the window = %v; want ErrUnknownUserCode", err)
			}
		})
		t.Run("many sessions of one user", func(t *testing.T) {
			s := newServer(t, db, newClock())
			u := newUser(t, db, "many@example.com")
			d := startDevice(t, s, ClientID)
			var th *attempts.LockedError
			tries := 0
			for i := range 100 {
				_, err := s.ClaimUserCode(ctx, wrongCode(i), claimant(u, fmt.Sprint("ses_many_", i)))
				if errors.As(err, &th) {
					break
				}
				tries++
			}
			if tries != 10 {
				t.Errorf("one user got %d wrong codes across new sessions; want 10", tries)
			}
			if _, err := s.ClaimUserCode(ctx, d.UserCode, claimant(u, "ses_many_new")); !errors.As(err, &th) {
				t.Errorf("right code after the user's limit = %v; want LockedError", err)
			}
		})
		t.Run("many users and addresses", func(t *testing.T) {
			clk := newClock()
			clk.Advance(time.Hour) // a window of its own
			s := newServer(t, db, clk, func(c *Config) { c.Limits.Global = 30 })
			var th *attempts.LockedError
			tries := 0
			for i := range 100 {
				u := newUser(t, db, fmt.Sprintf("bot%d@example.com", i))
				c := claimant(u, fmt.Sprint("ses_bot", i))
				c.IP = c.IP.Next()
				for range i {
					c.IP = c.IP.Next()
				}
				_, err := s.ClaimUserCode(ctx, wrongCode(i), c)
				if errors.As(err, &th) {
					break
				}
				tries++
			}
			if tries != 30 {
				t.Errorf("the server took %d wrong codes from distinct users and addresses; want the global limit, 30", tries)
			}
		})
		t.Run("right codes are not counted", func(t *testing.T) {
			s := newServer(t, db, newClock())
			u := newUser(t, db, "right@example.com")
			for i := range 12 {
				d := startDevice(t, s, ClientID)
				if _, err := s.ClaimUserCode(ctx, d.UserCode, claimant(u, "ses_right")); err != nil {
					t.Fatalf("right code %d: %v", i, err)
				}
			}
		})
	})
}

func TestDeviceAuthorizationLimits(t *testing.T) {
	s := newServer(t, storetest.OpenSQLite(t), newClock(), func(c *Config) {
		c.Limits.DeviceCodesPerIP = 3
		c.Limits.MaxPending = 5
	})
	for range 3 {
		startDevice(t, s, ClientID)
	}
	r := call(t, s, "/oauth/device/code", url.Values{"client_id": {ClientID}})
	wantError(t, "4th device code from one address", r, 429, "slow_down")
	if r.Header.Get("Retry-After") == "" {
		t.Error("no Retry-After")
	}
	for i := range 2 {
		call(t, s, "/oauth/device/code", url.Values{"client_id": {ClientID}}, "X-Test-IP", fmt.Sprint("203.0.113.", i+1))
	}
	r = call(t, s, "/oauth/device/code", url.Values{"client_id": {ClientID}}, "X-Test-IP", "203.0.113.99")
	wantError(t, "device code over the pending cap", r, 503, "temporarily_unavailable")
}

// otherCode returns code with its first character changed: a code that
// was never issued.
func otherCode(code string) string {
	if code[0] == 'x' {
		return "y" + code[1:]
	}
	return "x" + code[1:]
}
