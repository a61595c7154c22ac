package screen

import (
	"math/rand/v2"
	"testing"
)

// skipStringByByte is the plain reading of a JSON string's end: a
// backslash skips the byte after it, the first other quote ends it.
func skipStringByByte(b []byte, i int) (int, error) {
	if i >= len(b) || b[i] != '"' {
		return i, errScan
	}
	for j := i + 1; j < len(b); j++ {
		switch b[j] {
		case '\\':
			j++
		case '"':
			return j + 1, nil
		}
	}
	return len(b), errScan
}

// TestSkipStringAgreesWithByteReading checks skipString, which jumps from
// quote to quote and counts the backslashes before each, against the plain
// byte-by-byte reading on strings made of quotes, backslashes and letters.
func TestSkipStringAgreesWithByteReading(t *testing.T) {
	r := rand.New(rand.NewPCG(1, 2))
	alphabet := []byte{'"', '\\', 'a', 'b', ' '}
	for range 100000 {
		b := make([]byte, 1+r.IntN(12))
		b[0] = '"'
		for i := 1; i < len(b); i++ {
			b[i] = alphabet[r.IntN(len(alphabet))]
		}
		got, gerr := skipString(b, 0)
		want, werr := skipStringByByte(b, 0)
		if got != want || (gerr == nil) != (werr == nil) {
			t.Fatalf("skipString(%q) = %d, %v; want %d, %v", b, got, gerr, want, werr)
		}
	}
}
