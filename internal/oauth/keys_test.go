package oauth

import (
	"context"
	"encoding/base64"
	"encoding/json"
	"strings"
	"testing"
	"time"

	"github.com/vmira/mira/internal/store"
	"github.com/vmira/mira/internal/store/storetest"
)

func kidOf(t *testing.T, tok string) string {
	t.Helper()
	b, _ := base64.RawURLEncoding.DecodeString(strings.Split(tok, ".")[0])
	var h struct{ Kid string }
	json.Unmarshal(b, &h)
	return h.Kid
}

func jwksKids(t *testing.T, s *Server) []string {
	var kids []string
	for _, k := range get(t, s, "/.well-known/jwks.json").Body["keys"].([]any) {
		kids = append(kids, k.(map[string]any)["kid"].(string))
	}
	return kids
}

func TestSigningKeyRotation(t *testing.T) {
	storetest.EachDB(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		clk := newClock()
		s := newServer(t, db, clk)
		u := newUser(t, db, "alice@example.com")
		other := newServer(t, db, clk) // a second instance, started before the rotation
		if n := len(jwksKids(t, other)); n != 1 {
			t.Fatalf("two instances starting created %d keys; want 1", n)
		}

		old := signIn(t, s, clk, u).str("access_token")
		oldKid := kidOf(t, old)
		k, err := s.RotateSigningKey(ctx)
		if err != nil {
			t.Fatalf("RotateSigningKey: %v", err)
		}
		if k.KeyID == oldKid || !k.ActivatesAt.After(clk.Now()) {
			t.Errorf("rotation = %+v", k)
		}
		// Published at once, but the old key signs until the new one activates.
		if kids := jwksKids(t, s); len(kids) != 2 || kids[0] != k.KeyID {
			t.Errorf("JWKS after rotation = %v; want the new key first, then %s", kids, oldKid)
		}
		if kid := kidOf(t, signIn(t, s, clk, u).str("access_token")); kid != oldKid {
			t.Errorf("before activation, tokens are signed by %s; want the old key", kid)
		}

		clk.Advance(publishAhead)
		fresh := signIn(t, s, clk, u).str("access_token")
		if kidOf(t, fresh) != k.KeyID {
			t.Errorf("after activation, tokens are signed by %s; want %s", kidOf(t, fresh), k.KeyID)
		}
		// The other instance reloads (Run does every 30 s) and signs with
		// the new key too; both verify both keys' tokens.
		if err := other.reloadKeys(ctx); err != nil {
			t.Fatal(err)
		}
		if kid := kidOf(t, signIn(t, other, clk, u).str("access_token")); kid != k.KeyID {
			t.Errorf("the other instance signs with %s after reloading", kid)
		}
		for _, srv := range []*Server{s, other} {
			if !verifies(srv, old) || !verifies(srv, fresh) {
				t.Error("during the overlap both keys' tokens must verify")
			}
		}

		// Superseded: the private half is wiped from the database.
		s.cleanup(ctx)
		var n int
		db.SQL().QueryRow(db.Rebind(`SELECT length(private_key) FROM oauth_signing_keys WHERE kid = ?`), oldKid).Scan(&n)
		if n != 0 {
			t.Errorf("the superseded key's private half is still stored (%d bytes)", n)
		}

		// Once no token it signed can be valid, the old key retires.
		clk.Advance(s.retireAfter() + time.Second)
		if kids := jwksKids(t, s); len(kids) != 1 || kids[0] != k.KeyID {
			t.Errorf("JWKS after retirement = %v; want only %s", kids, k.KeyID)
		}
		if verifies(s, old) {
			t.Error("a token of the retired key verifies")
		}
		// A day later the row is gone.
		clk.Advance(25 * time.Hour)
		s.cleanup(ctx)
		db.SQL().QueryRow(`SELECT count(*) FROM oauth_signing_keys`).Scan(&n)
		if n != 1 {
			t.Errorf("%d signing keys stored a day after retirement; want 1", n)
		}
		// A restart still works: the key opens with the server secret.
		if kid := kidOf(t, signIn(t, newServer(t, db, clk), clk, u).str("access_token")); kid != k.KeyID {
			t.Errorf("after a restart tokens are signed by %s", kid)
		}
	})
}

func TestSigningKeyEncryptedAtRest(t *testing.T) {
	storetest.EachDB(t, func(t *testing.T, db *store.DB) {
		clk := newClock()
		s := newServer(t, db, clk)
		k := s.keys.Load().signer(clk.Now())
		var sealed []byte
		db.SQL().QueryRow(db.Rebind(`SELECT private_key FROM oauth_signing_keys WHERE kid = ?`), k.kid).Scan(&sealed)
		if len(sealed) == 0 || strings.Contains(string(sealed), string(k.priv.Seed())) {
			t.Fatal("the signing key is stored in the clear")
		}
		// Another server secret cannot open it, and says so.
		_, err := New(context.Background(), Config{Issuer: testIssuer, Now: clk.Now}, db, []byte("another secret of 32 bytes......"))
		if err == nil || !strings.Contains(err.Error(), "does not open") {
			t.Errorf("New with another secret = %v; want a clear refusal", err)
		}
	})
}
