// Package apikey implements Mira's API key format: generation, parsing with a
// checksum (so a mistyped or look-alike key is refused without a database
// lookup), and the HMAC-SHA256 digest that is all the server ever stores.
//
// A key is "sk-mira-" followed by 48 base62 characters: 42 random characters
// (250 bits) and a 6-character base62 CRC32 of everything before it.
package apikey

import (
	"crypto/hmac"
	"crypto/rand"
	"crypto/sha256"
	"crypto/subtle"
	"errors"
	"hash"
	"hash/crc32"
	"io"
	"regexp"
	"sync"
)

const (
	// Prefix starts every Mira key.
	Prefix = "sk-mira-"
	// Len is the length of a whole key.
	Len = len(Prefix) + randomLen + checksumLen

	randomLen   = 42
	checksumLen = 6
	alphabet    = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"
)

// Pattern matches anything shaped like a Mira key; Valid tells real ones
// from look-alikes.
var Pattern = regexp.MustCompile(`sk-mira-[0-9A-Za-z]{48}`)

// ErrMalformed is returned for a string that is not a well-formed Mira key.
var ErrMalformed = errors.New("malformed API key")

// ErrChecksum is returned for a key whose checksum does not match: a typo, a
// truncated copy or an invented key.
var ErrChecksum = errors.New("API key checksum mismatch")

// Generate returns a new random key.
func Generate() string {
	b := make([]byte, Len)
	copy(b, Prefix)
	random := b[len(Prefix) : len(Prefix)+randomLen]
	// Rejection sampling keeps every character uniform: 62*4 = 248 <= 256.
	var buf [64]byte
	for i := 0; i < randomLen; {
		if _, err := rand.Read(buf[:]); err != nil {
			panic(err) // crypto/rand never fails on supported platforms
		}
		for _, c := range buf {
			if c < 248 && i < randomLen {
				random[i] = alphabet[c%62]
				i++
			}
		}
	}
	putChecksum(b[len(Prefix)+randomLen:], b[:len(Prefix)+randomLen])
	return string(b)
}

// Parse checks that s is a well-formed key with a valid checksum. It does
// not say whether the key exists.
func Parse(s string) error {
	if len(s) != Len || s[:len(Prefix)] != Prefix {
		return ErrMalformed
	}
	for i := len(Prefix); i < Len; i++ {
		if !isBase62(s[i]) {
			return ErrMalformed
		}
	}
	var want [checksumLen]byte
	putChecksum(want[:], []byte(s[:Len-checksumLen]))
	if subtle.ConstantTimeCompare(want[:], []byte(s[Len-checksumLen:])) != 1 {
		return ErrChecksum
	}
	return nil
}

// Valid reports whether s is a well-formed key with a valid checksum.
func Valid(s string) bool { return Parse(s) == nil }

// LooksLike reports whether s starts like a Mira key, valid or not. Such a
// string is treated as a secret even when malformed.
func LooksLike(s string) bool {
	return len(s) >= len(Prefix) && s[:len(Prefix)] == Prefix
}

// Digest returns HMAC-SHA256(secret, key): what is stored and looked up.
func Digest(secret []byte, key string) []byte {
	m := hmac.New(sha256.New, secret)
	m.Write([]byte(key))
	return m.Sum(nil)
}

// A Digester computes Digest for one secret, keeping keyed HMAC states
// between calls: the request path digests every key it is shown, and a new
// HMAC hashes the secret twice before it reads the key.
type Digester struct {
	pool sync.Pool
}

// NewDigester returns a Digester for secret, which must not change.
func NewDigester(secret []byte) *Digester {
	d := new(Digester)
	d.pool.New = func() any { return hmac.New(sha256.New, secret) }
	return d
}

// Sum appends Digest(secret, key) to b and returns the result.
func (d *Digester) Sum(b []byte, key string) []byte {
	m := d.pool.Get().(hash.Hash)
	m.Reset()
	io.WriteString(m, key)
	b = m.Sum(b)
	d.pool.Put(m)
	return b
}

// Display returns the parts of a key that listings may show: the first 12
// and the last 4 characters.
func Display(key string) (prefix, last4 string) {
	if len(key) < 16 {
		return "", ""
	}
	return key[:12], key[len(key)-4:]
}

// DisplayPrefix returns the display prefix (the first 12 characters, as
// Display) of a string shaped like a Mira key: the right length and
// alphabet, whatever its checksum, so a guess at a key counts. It returns
// "" for anything else. It never returns more of the key than listings
// show.
func DisplayPrefix(s string) string {
	if len(s) != Len || !LooksLike(s) {
		return ""
	}
	for i := len(Prefix); i < Len; i++ {
		if !isBase62(s[i]) {
			return ""
		}
	}
	p, _ := Display(s)
	return p
}

// Mask returns the key with everything but its display parts replaced, for
// messages that must name a key without revealing it.
func Mask(key string) string {
	p, l := Display(key)
	if p == "" {
		return "sk-mira-…"
	}
	return p + "…" + l
}

func putChecksum(dst, data []byte) {
	n := crc32.ChecksumIEEE(data)
	for i := checksumLen - 1; i >= 0; i-- {
		dst[i] = alphabet[n%62]
		n /= 62
	}
}

func isBase62(c byte) bool {
	return '0' <= c && c <= '9' || 'A' <= c && c <= 'Z' || 'a' <= c && c <= 'z'
}
