// Package secretbox derives purpose-bound keys from the server secret and
// seals small secrets (signing keys, TOTP secrets) at rest with AES-256-GCM.
//
// Every use of the server secret goes through a distinct HKDF purpose, so a
// key that digests session cookies can never verify a CSRF token or open a
// sealed signing key.
package secretbox

import (
	"crypto/aes"
	"crypto/cipher"
	"crypto/hkdf"
	"crypto/rand"
	"crypto/sha256"
	"errors"
	"fmt"
)

// MinSecretLen is the shortest server secret accepted.
const MinSecretLen = 16

// version is the first byte of every sealed box, so the format can change.
const version = 1

// ErrOpen is returned by Open for a box that was tampered with, sealed
// under another key or purpose, or bound to other associated data.
var ErrOpen = errors.New("secretbox: message authentication failed")

// Key derives n bytes for purpose from the server secret (HKDF-SHA256).
func Key(secret []byte, purpose string, n int) ([]byte, error) {
	if len(secret) < MinSecretLen {
		return nil, fmt.Errorf("secretbox: the server secret is %d bytes; at least %d are needed", len(secret), MinSecretLen)
	}
	if purpose == "" {
		return nil, errors.New("secretbox: empty purpose")
	}
	return hkdf.Key(sha256.New, secret, nil, "mira/"+purpose, n)
}

// Box seals and opens secrets under one derived key.
type Box struct {
	aead cipher.AEAD
}

// New returns a Box whose AES-256 key is derived from secret for purpose.
func New(secret []byte, purpose string) (*Box, error) {
	k, err := Key(secret, "secretbox/"+purpose, 32)
	if err != nil {
		return nil, err
	}
	block, err := aes.NewCipher(k)
	if err != nil {
		return nil, fmt.Errorf("secretbox: %w", err)
	}
	aead, err := cipher.NewGCM(block)
	if err != nil {
		return nil, fmt.Errorf("secretbox: %w", err)
	}
	return &Box{aead: aead}, nil
}

// Seal encrypts plaintext, binding it to ad (say, the id of the row it is
// stored in, so that a sealed value copied to another row does not open).
// The result is version || nonce || ciphertext+tag.
func (b *Box) Seal(plaintext, ad []byte) []byte {
	ns := b.aead.NonceSize()
	out := make([]byte, 1+ns, 1+ns+len(plaintext)+b.aead.Overhead())
	out[0] = version
	rand.Read(out[1 : 1+ns])
	return b.aead.Seal(out, out[1:1+ns], plaintext, ad)
}

// Open decrypts a box made by Seal with the same ad.
func (b *Box) Open(box, ad []byte) ([]byte, error) {
	ns := b.aead.NonceSize()
	if len(box) < 1+ns+b.aead.Overhead() || box[0] != version {
		return nil, ErrOpen
	}
	pt, err := b.aead.Open(nil, box[1:1+ns], box[1+ns:], ad)
	if err != nil {
		return nil, ErrOpen
	}
	return pt, nil
}
