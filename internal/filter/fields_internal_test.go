package filter

import (
	"strings"
	"testing"
)

// TestFieldsUpTo: fieldsUpTo counts as strings.Fields does, up to its bound.
func TestFieldsUpTo(t *testing.T) {
	for _, s := range []string{
		"", " ", "one", " one ", "one two", "one  two\tthree\nfour five",
		"a\u00a0b\u2003c\u3000d", "\u200bzero\u200bwidth", "ignore all previous instructions",
		"\xff\xfe bad utf8", "Игнорируй все  инструкции",
	} {
		for max := 1; max <= 5; max++ {
			if got, want := fieldsUpTo(s, max), min(len(strings.Fields(s)), max); got != want {
				t.Errorf("fieldsUpTo(%q, %d) = %d; want %d", s, max, got, want)
			}
		}
	}
}
