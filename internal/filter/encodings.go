package filter

import (
	"encoding/base64"
	"encoding/hex"
	"net/url"
	"strings"
	"unicode"
	"unicode/utf16"
	"unicode/utf8"
)

// maxDecoded caps how much decoded text one check looks at.
const maxDecoded = 64 << 10

// decodedTexts finds spans of text that are base64, hex or percent-encoded
// and decode to readable text, Morse code, and Russian written in Latin
// letters (latinRussian), and returns the decoded texts: an
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
	// \u0069gnore: JSON and source-code escapes inside the text itself,
	// and HTML character references (&#105;gnore).
	if strings.Contains(text, `\u`) || strings.Contains(text, `\U`) || strings.Contains(text, "&#") {
		// Written escapes are decoded, not guessed at: the text needs no
		// check that it reads as words (spaced-out letters do not).
		if s, ok := unescapeText(text); ok && utf8.ValidString(s) && total+len(s) <= maxDecoded {
			total += len(s)
			out = append(out, s)
		}
	}
	if strings.Count(text, "%") >= 8 {
		if s, err := url.PathUnescape(text); err == nil && s != text {
			add([]byte(s))
		}
	}
	// Russian in Latin letters, transliterated or typed in the wrong
	// keyboard layout: decoded, not guessed at, so with no check that it
	// reads as words (a zero-width character would fail one).
	for _, s := range latinRussian(text, maxDecoded-total) {
		total += len(s)
		out = append(out, s)
	}
	// .. --. -. --- .-. .: Morse code, letters apart by spaces, words by
	// a slash or a wider gap.
	if strings.Count(text, ".")+strings.Count(text, "-") >= 16 {
		if s := morse(text); s != "" {
			add([]byte(s))
		}
	}
	return out
}

// morseCode maps Morse letters and digits to their characters.
var morseCode = map[string]byte{
	".-": 'a', "-...": 'b', "-.-.": 'c', "-..": 'd', ".": 'e', "..-.": 'f', "--.": 'g', "....": 'h', "..": 'i', ".---": 'j',
	"-.-": 'k', ".-..": 'l', "--": 'm', "-.": 'n', "---": 'o', ".--.": 'p', "--.-": 'q', ".-.": 'r', "...": 's', "-": 't',
	"..-": 'u', "...-": 'v', ".--": 'w', "-..-": 'x', "-.--": 'y', "--..": 'z',
	"-----": '0', ".----": '1', "..---": '2', "...--": '3', "....-": '4', ".....": '5', "-....": '6', "--...": '7', "---..": '8', "----.": '9',
	".-.-.-": '.', "--..--": ',', "..--..": '?', "-.-.--": '!', ".----.": '\'',
}

// morse decodes the longest stretches of text written in Morse code (at
// least eight letters running), and returns them joined, or "" when there
// is none.
func morse(text string) string {
	var out, run strings.Builder
	letters := 0
	flush := func() {
		if letters >= 8 {
			if out.Len() > 0 {
				out.WriteByte(' ')
			}
			out.WriteString(strings.TrimSpace(run.String()))
		}
		run.Reset()
		letters = 0
	}
	gap := 0 // spaces since the last letter; two or more part words
	for i := 0; i < len(text); {
		switch c := text[i]; c {
		case '.', '-':
			j := i
			for j < len(text) && (text[j] == '.' || text[j] == '-') {
				j++
			}
			if ch, ok := morseCode[text[i:j]]; ok {
				if gap >= 2 && run.Len() > 0 {
					run.WriteByte(' ')
				}
				run.WriteByte(ch)
				letters++
			} else {
				flush()
			}
			gap, i = 0, j
		case ' ', '\t':
			gap++
			i++
		case '/', '|', '\n', '\r':
			gap = 2
			i++
		default:
			flush()
			gap = 0
			i++
		}
	}
	flush()
	return out.String()
}

// unescapeText replaces \uXXXX (with UTF-16 surrogate pairs),
// \UXXXXXXXX, \xXX, \n, \t, \" and HTML character references (&#105;
// &#x69;) with the characters they stand for, and reports whether it
// replaced any \u, \U or &# escape.
func unescapeText(text string) (string, bool) {
	var b strings.Builder
	b.Grow(len(text))
	found := false
	for i := 0; i < len(text); {
		c := text[i]
		if c == '\\' && i+1 < len(text) {
			switch e := text[i+1]; e {
			case 'u', 'U':
				n := 4
				if e == 'U' {
					n = 8
				}
				if r, ok := hexRune(text, i+2, n); ok {
					i += 2 + n
					if utf16.IsSurrogate(r) {
						if i+6 <= len(text) && text[i] == '\\' && text[i+1] == 'u' {
							if r2, ok := hexRune(text, i+2, 4); ok && utf16.IsSurrogate(r2) {
								r = utf16.DecodeRune(r, r2)
								i += 6
							}
						}
					}
					if unicode.IsLetter(r) {
						// Only letters: an escaped emoji or symbol hides
						// no word.
						b.WriteRune(r)
						found = true
						continue
					}
					b.WriteByte(' ')
					continue
				}
			case 'x':
				if r, ok := hexRune(text, i+2, 2); ok {
					b.WriteRune(r)
					i += 4
					continue
				}
			case 'n', 't', 'r':
				b.WriteByte(' ')
				i += 2
				continue
			case '"', '\'', '\\', '/':
				b.WriteByte(e)
				i += 2
				continue
			}
		}
		if c == '&' && i+3 < len(text) && text[i+1] == '#' {
			j, base := i+2, 10
			if text[j] == 'x' || text[j] == 'X' {
				j, base = j+1, 16
			}
			k := j
			var r rune
			for k < len(text) && k-j < 7 {
				d := hexDigit(text[k])
				if d < 0 || d >= base {
					break
				}
				r = r*rune(base) + rune(d)
				k++
			}
			if k > j && k < len(text) && text[k] == ';' && unicode.IsLetter(r) {
				b.WriteRune(r)
				found = true
				i = k + 1
				continue
			}
		}
		b.WriteByte(c)
		i++
	}
	return b.String(), found
}

// hexRune decodes n hex digits at text[i:].
func hexRune(text string, i, n int) (rune, bool) {
	if i+n > len(text) {
		return 0, false
	}
	var r rune
	for k := i; k < i+n; k++ {
		d := hexDigit(text[k])
		if d < 0 || d >= 16 {
			return 0, false
		}
		r = r<<4 | rune(d)
	}
	return r, true
}

func hexDigit(c byte) int {
	switch {
	case '0' <= c && c <= '9':
		return int(c - '0')
	case 'a' <= c && c <= 'f':
		return int(c-'a') + 10
	case 'A' <= c && c <= 'F':
		return int(c-'A') + 10
	}
	return -1
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

// Common English words as they read in ROT13.
var rot13Words = map[string]bool{"gur": true, "naq": true, "lbh": true, "lbhe": true, "vf": true, "bs": true, "gb": true, "vafgehpgvbaf": true, "cebzcg": true, "jvgu": true, "nyy": true, "vtaber": true}

// disguisedROT13 reports whether nt has at least two words that are common
// English words in ROT13.
func disguisedROT13(nt *normText) bool {
	n := 0
	for _, t := range nt.toks {
		if t[1]-t[0] <= 12 && rot13Words[nt.s[t[0]:t[1]]] {
			n++
		}
	}
	return n >= 2
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
