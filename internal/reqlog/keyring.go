package reqlog

import (
	"crypto/aes"
	"crypto/cipher"
	"crypto/hkdf"
	"crypto/rand"
	"crypto/sha256"
	"encoding/binary"
	"encoding/hex"
	"errors"
	"fmt"
)

// Keyring holds the keys that encrypt stored bodies: the current one, which
// encrypts, and earlier ones, which only decrypt rows written before a
// rotation. Each key is derived with HKDF-SHA256 from a root secret (the
// server secret), and is known by a key id, also derived from the secret,
// that is stored with every row; the id reveals nothing of the key.
//
// Rotating: start the server with the new secret first and the old one after
// it. Rows under the old key expire with the retention (at most 30 days),
// after which the old secret can be dropped.
type Keyring struct {
	current string
	aeads   map[string]cipher.AEAD
}

const (
	infoBodyKey = "mira reqlog body encryption v1"
	infoKeyID   = "mira reqlog body key id v1"
)

// NewKeyring derives the body keys from secrets: the first encrypts and
// decrypts, the others only decrypt. Each secret must hold at least 32 bytes.
func NewKeyring(current []byte, previous ...[]byte) (*Keyring, error) {
	kr := &Keyring{aeads: map[string]cipher.AEAD{}}
	for i, s := range append([][]byte{current}, previous...) {
		if len(s) < 32 {
			return nil, fmt.Errorf("reqlog: body encryption secret %d is %d bytes; want at least 32", i+1, len(s))
		}
		key, err := hkdf.Key(sha256.New, s, nil, infoBodyKey, 32)
		if err != nil {
			return nil, fmt.Errorf("reqlog: derive body key: %w", err)
		}
		idb, err := hkdf.Key(sha256.New, s, nil, infoKeyID, 8)
		if err != nil {
			return nil, fmt.Errorf("reqlog: derive body key id: %w", err)
		}
		block, err := aes.NewCipher(key) // 32 bytes: AES-256
		if err != nil {
			return nil, fmt.Errorf("reqlog: %w", err)
		}
		aead, err := cipher.NewGCM(block)
		if err != nil {
			return nil, fmt.Errorf("reqlog: %w", err)
		}
		id := "k1." + hex.EncodeToString(idb)
		if i == 0 {
			kr.current = id
		}
		if _, dup := kr.aeads[id]; !dup {
			kr.aeads[id] = aead
		}
	}
	return kr, nil
}

// KeyID returns the id of the key that encrypts new rows.
func (kr *Keyring) KeyID() string { return kr.current }

// bodyAAD is the additional data that binds a ciphertext to its row: a body
// copied to another row, organisation, time or the other body column does
// not decrypt. Fields are length-prefixed so no two rows share an encoding.
func bodyAAD(kid string, e *Entry, part string) []byte {
	b := make([]byte, 0, 96+len(e.OrgID)+len(e.RequestID)+len(e.KeyID))
	b = append(b, "mira reqlog body v1"...)
	for _, s := range []string{kid, e.OrgID, e.RequestID, e.KeyID, part} {
		b = binary.BigEndian.AppendUint32(b, uint32(len(s)))
		b = append(b, s...)
	}
	return binary.BigEndian.AppendUint64(b, uint64(e.Time.UnixMicro()))
}

// seal encrypts plaintext under the current key: a random 96-bit nonce
// followed by the GCM ciphertext and tag. Random nonces are safe for about
// 2^32 bodies per key (NIST SP 800-38D): decades at a thousand bodies a
// second, and a secret rotation starts a new key.
func (kr *Keyring) seal(aad, plaintext []byte) []byte {
	aead := kr.aeads[kr.current]
	out := make([]byte, aead.NonceSize(), aead.NonceSize()+len(plaintext)+aead.Overhead())
	rand.Read(out)
	return aead.Seal(out, out, plaintext, aad)
}

// errUnknownKey is returned for a row encrypted under a key the keyring does
// not hold (a secret rotated out too early).
var errUnknownKey = errors.New("body encrypted under a key this server does not hold")

func (kr *Keyring) open(kid string, aad, sealed []byte) ([]byte, error) {
	aead, ok := kr.aeads[kid]
	if !ok {
		return nil, errUnknownKey
	}
	n := aead.NonceSize()
	if len(sealed) < n+aead.Overhead() {
		return nil, errors.New("stored body is too short")
	}
	pt, err := aead.Open(nil, sealed[:n], sealed[n:], aad)
	if err != nil {
		return nil, errors.New("stored body failed authentication (altered, or moved from another row)")
	}
	return pt, nil
}
