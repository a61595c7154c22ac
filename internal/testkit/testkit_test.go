package testkit

import (
	"context"
	"crypto/ed25519"
	"crypto/rand"
	"encoding/base64"
	"encoding/json"
	"fmt"
	"sync"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
)

func TestClock(t *testing.T) {
	t0 := time.Date(2025, 6, 1, 12, 0, 0, 0, time.UTC)
	c := NewClock(t0)
	c.Advance(time.Minute)
	if got := c.Now(); !got.Equal(t0.Add(time.Minute)) {
		t.Errorf("after Advance(1m): Now() = %v; want %v", got, t0.Add(time.Minute))
	}
	c.Set(t0)
	if err := c.Sleep(context.Background(), 2*time.Second); err != nil {
		t.Fatalf("Sleep: %v", err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if err := c.Sleep(ctx, time.Hour); err != context.Canceled {
		t.Errorf("Sleep with a cancelled context = %v; want context.Canceled", err)
	}
	if got := c.Now(); !got.Equal(t0.Add(2 * time.Second)) {
		t.Errorf("after Set and Sleep(2s): Now() = %v; want %v", got, t0.Add(2*time.Second))
	}
	if diff := cmp.Diff([]time.Duration{2 * time.Second}, c.Sleeps()); diff != "" {
		t.Errorf("Sleeps() (-want +got):\n%s", diff)
	}
}

func TestBufferConcurrentWrites(t *testing.T) {
	var b Buffer
	var wg sync.WaitGroup
	for range 8 {
		wg.Go(func() {
			for range 100 {
				fmt.Fprint(&b, "x")
				_ = b.String()
			}
		})
	}
	wg.Wait()
	if n := len(b.String()); n != 800 {
		t.Errorf("len = %d; want 800", n)
	}
}

func TestVerifyAccessJWT(t *testing.T) {
	b64 := base64.RawURLEncoding
	pub, priv, _ := ed25519.GenerateKey(rand.Reader)
	_, otherPriv, _ := ed25519.GenerateKey(rand.Reader)
	jwks, _ := json.Marshal(map[string]any{"keys": []map[string]string{
		{"kty": "OKP", "crv": "Ed25519", "x": b64.EncodeToString(pub), "kid": "k1", "alg": "EdDSA", "use": "sig"},
		{"kty": "OKP", "crv": "Ed25519", "x": b64.EncodeToString(pub), "kid": "enc", "use": "enc"},
	}})
	token := func(hdr map[string]string, key ed25519.PrivateKey) string {
		h, _ := json.Marshal(hdr)
		in := b64.EncodeToString(h) + "." + b64.EncodeToString([]byte(`{"sub":"usr_1"}`))
		return in + "." + b64.EncodeToString(ed25519.Sign(key, []byte(in)))
	}
	good := map[string]string{"alg": "EdDSA", "typ": "at+jwt", "kid": "k1"}
	claims, err := VerifyAccessJWT(token(good, priv), jwks)
	if err != nil || claims["sub"] != "usr_1" {
		t.Fatalf("VerifyAccessJWT(good) = %v, %v; want sub usr_1", claims, err)
	}
	bad := []struct {
		name  string
		token string
	}{
		{"other key", token(good, otherPriv)},
		{"alg none", token(map[string]string{"alg": "none", "typ": "at+jwt", "kid": "k1"}, priv)},
		{"typ JWT", token(map[string]string{"alg": "EdDSA", "typ": "JWT", "kid": "k1"}, priv)},
		{"no kid", token(map[string]string{"alg": "EdDSA", "typ": "at+jwt"}, priv)},
		{"unknown kid", token(map[string]string{"alg": "EdDSA", "typ": "at+jwt", "kid": "k2"}, priv)},
		{"encryption key", token(map[string]string{"alg": "EdDSA", "typ": "at+jwt", "kid": "enc"}, priv)},
		{"padded signature", token(good, priv) + "="},
		{"two segments", "a.b"},
	}
	for _, tt := range bad {
		if _, err := VerifyAccessJWT(tt.token, jwks); err == nil {
			t.Errorf("VerifyAccessJWT(%s) succeeded; want an error", tt.name)
		}
	}
}
