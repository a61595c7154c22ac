package oauth

import (
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/vmira/mira/internal/store"
	"github.com/vmira/mira/internal/store/storetest"
)

// refreshAsync is refresh without t, for use from several goroutines.
func refreshAsync(s *Server, rt string) (int, map[string]any) {
	mux := http.NewServeMux()
	s.Mount(mux)
	form := url.Values{"grant_type": {GrantTypeRefreshToken}, "refresh_token": {rt}, "client_id": {ClientID}}
	req := httptest.NewRequest(http.MethodPost, "/oauth/token", strings.NewReader(form.Encode()))
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	rec := httptest.NewRecorder()
	mux.ServeHTTP(rec, req)
	body := map[string]any{}
	json.Unmarshal(rec.Body.Bytes(), &body)
	return rec.Code, body
}

func TestRefreshReuseWindow(t *testing.T) {
	storetest.EachDB(t, func(t *testing.T, db *store.DB) {
		clk := newClock()
		s := newServer(t, db, clk)
		u := newUser(t, db, "alice@example.com")

		t.Run("concurrent refreshes both succeed", func(t *testing.T) {
			rt := signIn(t, s, clk, u).str("refresh_token")
			clk.Advance(time.Minute)
			const n = 2
			var (
				wg     sync.WaitGroup
				status [n]int
				bodies [n]map[string]any
			)
			for i := range n {
				wg.Go(func() { status[i], bodies[i] = refreshAsync(s, rt) })
			}
			wg.Wait()
			var rts []string
			for i := range n {
				if status[i] != 200 {
					t.Fatalf("concurrent refresh %d = %d %v; want 200", i, status[i], bodies[i])
				}
				at, _ := bodies[i]["access_token"].(string)
				if !verifies(s, at) {
					t.Errorf("access token of concurrent refresh %d does not verify", i)
				}
				r, _ := bodies[i]["refresh_token"].(string)
				rts = append(rts, r)
			}
			if rts[0] == rts[1] || rts[0] == rt {
				t.Errorf("refresh tokens %q; want two new ones", rts)
			}
			// The grant is alive: whichever token the CLI kept works.
			clk.Advance(time.Minute)
			won := refresh(t, s, ClientID, rts[1])
			if won.Status != 200 {
				t.Fatalf("refresh with the kept token = %d %v; want 200", won.Status, won.Body)
			}
			// The sibling it spent is a replay from now on.
			wantError(t, "the discarded sibling after the other was used", refresh(t, s, ClientID, rts[0]), 400, "invalid_grant")
			if verifies(s, won.str("access_token")) {
				t.Error("the grant survived the replay of a spent sibling")
			}
		})

		t.Run("the previous token again within the window", func(t *testing.T) {
			rt0 := signIn(t, s, clk, u).str("refresh_token")
			r1 := refresh(t, s, ClientID, rt0)
			clk.Advance(refreshReuseWindow)
			again := refresh(t, s, ClientID, rt0)
			if again.Status != 200 {
				t.Fatalf("previous token %v after rotation = %d %v; want 200", refreshReuseWindow, again.Status, again.Body)
			}
			if !verifies(s, r1.str("access_token")) || !verifies(s, again.str("access_token")) {
				t.Error("the grant was revoked")
			}
		})

		t.Run("the previous token after the window", func(t *testing.T) {
			rt0 := signIn(t, s, clk, u).str("refresh_token")
			r1 := refresh(t, s, ClientID, rt0)
			clk.Advance(refreshReuseWindow + time.Second)
			wantError(t, "previous token after the window", refresh(t, s, ClientID, rt0), 400, "invalid_grant")
			wantError(t, "newest token after the replay", refresh(t, s, ClientID, r1.str("refresh_token")), 400, "invalid_grant")
			if verifies(s, r1.str("access_token")) {
				t.Error("an access token of a revoked family still verifies")
			}
		})

		t.Run("an older token at once", func(t *testing.T) {
			rt0 := signIn(t, s, clk, u).str("refresh_token")
			r1 := refresh(t, s, ClientID, rt0)
			r2 := refresh(t, s, ClientID, r1.str("refresh_token"))
			if r2.Status != 200 {
				t.Fatalf("second rotation = %d %v", r2.Status, r2.Body)
			}
			wantError(t, "token older than the previous one", refresh(t, s, ClientID, rt0), 400, "invalid_grant")
			wantError(t, "newest token after the replay", refresh(t, s, ClientID, r2.str("refresh_token")), 400, "invalid_grant")
			if verifies(s, r2.str("access_token")) {
				t.Error("an access token of a revoked family still verifies")
			}
		})
	})
}

func TestAccessTokenLeeway(t *testing.T) {
	clk := newClock()
	db := storetest.OpenSQLite(t)
	s := newServer(t, db, clk)
	u := newUser(t, db, "alice@example.com")
	at := signIn(t, s, clk, u).str("access_token")
	clk.Advance(5*time.Minute + 3*time.Second)
	if !verifies(s, at) {
		t.Error("a token 3 s past exp is refused; want accepted (clock skew)")
	}
	clk.Advance(3 * time.Second)
	if verifies(s, at) {
		t.Error("a token 6 s past exp is accepted; want refused")
	}
}
