package filter

import (
	"encoding/base64"
	"encoding/hex"
	"net/url"
	"strings"
	"unicode"
	"unicode/utf8"
)

// maxDecoded caps how much decoded text one check looks at.
const maxDecoded = 64 << 10

// decodedTexts finds spans of text that are base64, hex or percent-encoded
// and decode to readable text, and returns the decoded texts: an
// instruction hidden as "aWdub3JlIGFsbCBwcmV2aW91cy..." is checked as
// plainly as if it were written out.
func decodedTexts(text string) []string {
	var out []string
	total := 0
	add := func(b []byte) {
		if total+len(b) > maxDecoded || !readable(b) {
			return
		}
		total += len(b)
		out = append(out, string(b))
	}
	for i := 0; i < len(text); {
		c := text[i]
		if !isB64(c) {
			i++
			continue
		}
		j := i
		for j < len(text) && isB64(text[j]) {
			j++
		}
		if j-i >= 16 {
			span := text[i:j]
			if isHexString(span) {
				if len(span)%2 == 0 {
					if b, err := hex.DecodeString(span); err == nil {
						add(b)
					}
				}
			} else if b, ok := decodeBase64(span); ok {
				add(b)
			}
		}
		i = j
	}
	// \x69\x67... and 69 67 6e ... (hex bytes written one by one).
	if strings.Count(text, `\x`) >= 8 {
		add(hexBytes(strings.ReplaceAll(text, `\x`, " ")))
	}
	if strings.Count(text, "%") >= 8 {
		if s, err := url.PathUnescape(text); err == nil && s != text {
			add([]byte(s))
		}
	}
	return out
}

func isB64(c byte) bool {
	return 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || '0' <= c && c <= '9' || c == '+' || c == '/' || c == '=' || c == '-' || c == '_'
}

func isHexString(s string) bool {
	for i := 0; i < len(s); i++ {
		c := s[i]
		if !('0' <= c && c <= '9' || 'a' <= c && c <= 'f' || 'A' <= c && c <= 'F') {
			return false
		}
	}
	return true
}

func decodeBase64(s string) ([]byte, bool) {
	s = strings.TrimRight(s, "=")
	// Plain words and identifiers are base64-alphabet too; real base64 of
	// text has upper and lower case mixed in most 8-character stretches.
	var upper, lower int
	for i := 0; i < len(s); i++ {
		switch c := s[i]; {
		case 'A' <= c && c <= 'Z':
			upper++
		case 'a' <= c && c <= 'z':
			lower++
		}
	}
	if upper == 0 || lower == 0 {
		return nil, false
	}
	enc := base64.RawStdEncoding
	if strings.ContainsAny(s, "-_") {
		enc = base64.RawURLEncoding
	}
	if len(s)%4 == 1 {
		s = s[:len(s)-1]
	}
	b, err := enc.DecodeString(s)
	return b, err == nil
}

// hexBytes decodes whitespace-separated two-digit hex bytes, skipping
// anything else.
func hexBytes(s string) []byte {
	var out []byte
	for _, f := range strings.Fields(s) {
		if len(f) >= 2 && isHexString(f[:2]) {
			b, _ := hex.DecodeString(f[:2])
			out = append(out, b...)
		}
	}
	return out
}

// readable reports whether b is UTF-8 text that reads as words: mostly
// letters and spaces, not binary or random bytes.
func readable(b []byte) bool {
	if len(b) < 8 || !utf8.Valid(b) {
		return false
	}
	var letters, spaces, other int
	for _, r := range string(b) {
		switch {
		case unicode.IsLetter(r):
			letters++
		case r == ' ' || r == '\n' || r == '\t':
			spaces++
		case unicode.IsPrint(r):
		default:
			other++
		}
	}
	n := utf8.RuneCount(b)
	return other == 0 && letters*10 >= n*6 && (spaces > 0 || n < 24)
}

// Common English words as they read in ROT13 and backwards.
var (
	rot13Words    = map[string]bool{"gur": true, "naq": true, "lbh": true, "lbhe": true, "vf": true, "bs": true, "gb": true, "vafgehpgvbaf": true, "cebzcg": true, "jvgu": true, "nyy": true, "vtaber": true}
	reversedWords = map[string]bool{"eht": true, "dna": true, "uoy": true, "ruoy": true, "si": false, "fo": true, "ot": true, "snoitcurtsni": true, "tpmorp": true, "htiw": true, "lla": true, "erongi": true}
)

// disguisedEnglish reports whether nt has at least two words that are
// common English words in ROT13, or reversed.
func disguisedEnglish(nt *normText) (rot, rev bool) {
	var nr, nv int
	for _, t := range nt.toks {
		if t[1]-t[0] > 12 {
			continue
		}
		w := nt.s[t[0]:t[1]]
		if rot13Words[w] {
			nr++
		}
		if reversedWords[w] {
			nv++
		}
	}
	return nr >= 2, nv >= 2
}

// rot13 returns nt with Latin letters rotated by 13.
func rot13(nt *normText) normText {
	b := []byte(nt.s)
	for i, c := range b {
		if 'a' <= c && c <= 'z' {
			b[i] = 'a' + (c-'a'+13)%26
		}
	}
	return normText{s: string(b), toks: nt.toks, merged: nt.merged}
}

// reversed returns nt read backwards ("snoitcurtsni suoiverp erongi").
func reversed(nt *normText) normText {
	r := []rune(nt.s)
	for i, j := 0, len(r)-1; i < j; i, j = i+1, j-1 {
		r[i], r[j] = r[j], r[i]
	}
	s := string(r)
	out := normText{s: s, merged: nt.merged}
	start := 0
	for i := 0; i <= len(s); i++ {
		if i == len(s) || s[i] == ' ' {
			if i > start {
				out.toks = append(out.toks, [2]int32{int32(start), int32(i)})
			}
			start = i + 1
		}
	}
	return out
}
