package mira

import (
	"crypto/rand"
	"math/big"
)

const base62 = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"

// NewID returns prefix + "_" + 24 random base62 characters (about 143 bits),
// e.g. "key_3kTMd9...". IDs are not secrets, but they must not be guessable
// either: they appear in URLs of other organisations' objects.
func NewID(prefix string) string {
	b := make([]byte, 0, len(prefix)+25)
	b = append(b, prefix...)
	b = append(b, '_')
	max := big.NewInt(int64(len(base62)))
	for range 24 {
		n, err := rand.Int(rand.Reader, max)
		if err != nil {
			panic(err) // crypto/rand never fails on supported platforms
		}
		b = append(b, base62[n.Int64()])
	}
	return string(b)
}
