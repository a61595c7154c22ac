package oauth

import (
	"crypto/ed25519"
	"encoding/base64"
	"encoding/json"
	"errors"
	"strings"
)

// VerifyEd25519JWS is a minimal, independent verifier of a compact
// EdDSA JWS against a JWKS document, written from RFC 7515, RFC 8037 and
// RFC 7517 with crypto/ed25519 alone. It returns the claims.
func VerifyEd25519JWS(token string, jwksJSON []byte) (map[string]any, error) {
	parts := strings.Split(token, ".")
	if len(parts) != 3 {
		return nil, errors.New("not three segments")
	}
	dec := base64.RawURLEncoding
	hb, err := dec.DecodeString(parts[0])
	if err != nil {
		return nil, err
	}
	var hdr struct{ Alg, Kid, Typ string }
	if err := json.Unmarshal(hb, &hdr); err != nil {
		return nil, err
	}
	if hdr.Alg != "EdDSA" || hdr.Typ != "at+jwt" {
		return nil, errors.New("unexpected alg or typ")
	}
	var set struct {
		Keys []struct{ Kty, Crv, X, Kid, Alg string }
	}
	if err := json.Unmarshal(jwksJSON, &set); err != nil {
		return nil, err
	}
	for _, k := range set.Keys {
		if k.Kid != hdr.Kid || k.Kty != "OKP" || k.Crv != "Ed25519" {
			continue
		}
		pub, err := dec.DecodeString(k.X)
		if err != nil || len(pub) != ed25519.PublicKeySize {
			return nil, errors.New("bad key")
		}
		sig, err := dec.DecodeString(parts[2])
		if err != nil {
			return nil, err
		}
		if !ed25519.Verify(ed25519.PublicKey(pub), []byte(parts[0]+"."+parts[1]), sig) {
			return nil, errors.New("bad signature")
		}
		pb, err := dec.DecodeString(parts[1])
		if err != nil {
			return nil, err
		}
		var claims map[string]any
		return claims, json.Unmarshal(pb, &claims)
	}
	return nil, errors.New("kid not in the JWKS")
}
