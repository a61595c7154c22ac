package testkit

import (
	"crypto/ed25519"
	"encoding/base64"
	"encoding/json"
	"errors"
	"fmt"
	"strings"
)

// VerifyAccessJWT verifies an access token the way a resource server
// written from the RFCs alone would, with crypto/ed25519 and no JOSE
// library, so that it checks Mira's signer rather than sharing its
// mistakes: compact JWS (RFC 7515) in strict unpadded base64url, alg EdDSA
// (RFC 8037), typ at+jwt (RFC 9068), the key chosen by kid among the
// Ed25519 keys of the JWKS document jwksJSON (RFC 7517). It returns the
// claims; it does not check them.
func VerifyAccessJWT(token string, jwksJSON []byte) (map[string]any, error) {
	parts := strings.Split(token, ".")
	if len(parts) != 3 {
		return nil, errors.New("not three segments")
	}
	dec := base64.RawURLEncoding.Strict()
	hb, err := dec.DecodeString(parts[0])
	if err != nil {
		return nil, fmt.Errorf("header: %w", err)
	}
	var hdr map[string]any
	if err := json.Unmarshal(hb, &hdr); err != nil {
		return nil, fmt.Errorf("header: %w", err)
	}
	if hdr["alg"] != "EdDSA" || hdr["typ"] != "at+jwt" {
		return nil, fmt.Errorf("header %s: want alg EdDSA and typ at+jwt", hb)
	}
	kid, _ := hdr["kid"].(string)
	var set struct {
		Keys []struct{ Kty, Crv, X, Kid, Alg, Use string }
	}
	if err := json.Unmarshal(jwksJSON, &set); err != nil {
		return nil, fmt.Errorf("JWKS: %w", err)
	}
	for _, k := range set.Keys {
		if k.Kid != kid || kid == "" {
			continue
		}
		if k.Kty != "OKP" || k.Crv != "Ed25519" || (k.Alg != "" && k.Alg != "EdDSA") || (k.Use != "" && k.Use != "sig") {
			return nil, fmt.Errorf("JWKS key %s is %s/%s, alg %q, use %q", kid, k.Kty, k.Crv, k.Alg, k.Use)
		}
		pub, err := dec.DecodeString(k.X)
		if err != nil || len(pub) != ed25519.PublicKeySize {
			return nil, fmt.Errorf("JWKS key %s: bad x", kid)
		}
		sig, err := dec.DecodeString(parts[2])
		if err != nil {
			return nil, fmt.Errorf("signature: %w", err)
		}
		if !ed25519.Verify(ed25519.PublicKey(pub), []byte(parts[0]+"."+parts[1]), sig) {
			return nil, errors.New("bad signature")
		}
		pb, err := dec.DecodeString(parts[1])
		if err != nil {
			return nil, fmt.Errorf("payload: %w", err)
		}
		var claims map[string]any
		if err := json.Unmarshal(pb, &claims); err != nil {
			return nil, fmt.Errorf("payload: %w", err)
		}
		return claims, nil
	}
	return nil, fmt.Errorf("kid %q is not in the JWKS", kid)
}
