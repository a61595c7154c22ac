package filter

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
)

// normText is text reduced to what the rules and the classifier look at:
// lower-case words separated by single spaces, with the disguises attackers
// use folded away. toks holds each word's byte range in s.
type normText struct {
	s    string
	toks [][2]int32
	// merged reports whether spaced-out letters ("i g n o r e") were
	// joined into one word; the rules then also look inside words.
	merged bool
}

// Normalize returns the form of text that the filter checks: Unicode NFKC,
// lower case, zero-width and other invisible characters removed, Unicode tag
// characters decoded, Cyrillic/Greek/Latin look-alikes folded into the
// script of the word they hide in, leetspeak folded (0→o, 1→i/l, 3→e, 4→a,
// 5→s, 7→t, @→a, $→s), spaced-out letters joined, and punctuation and white
// space collapsed to single spaces.
func Normalize(text string) string { return normalize(text).s }

func normalize(text string) normText {
	if needsNFKC(text) {
		text = norm.NFKC.String(text)
	}
	var (
		out      strings.Builder
		word     []byte // the current word, UTF-8
		runes    []rune
		needFold bool
		nt       normText
	)
	out.Grow(len(text))
	flush := func() {
		if len(word) == 0 {
			return
		}
		if out.Len() > 0 {
			out.WriteByte(' ')
		}
		start := out.Len()
		if needFold {
			runes = runes[:0]
			for _, r := range string(word) {
				runes = append(runes, r)
			}
			foldWord(runes)
			for _, r := range runes {
				out.WriteRune(r)
			}
		} else {
			out.Write(word)
		}
		nt.toks = append(nt.toks, [2]int32{int32(start), int32(out.Len())})
		word, needFold = word[:0], false
	}
	for i := 0; i < len(text); {
		c := text[i]
		if c < utf8.RuneSelf {
			// ASCII: the common case, byte by byte.
			switch {
			case 'a' <= c && c <= 'z':
				word = append(word, c)
			case 'A' <= c && c <= 'Z':
				word = append(word, c+'a'-'A')
			case '0' <= c && c <= '9':
				word = append(word, c)
				needFold = true
			case (c == '@' || c == '$') && leetContext(text, i, len(word) > 0):
				word = append(word, c)
				needFold = true
			case c == '\'':
				// Contractions stay one word: don't, it's.
				if len(word) == 0 || i+1 >= len(text) || !isLetterByte(text[i+1]) {
					flush()
				}
			default:
				flush()
			}
			i++
			continue
		}
		r, size := utf8.DecodeRuneInString(text[i:])
		i += size
		switch {
		case r >= 0xE0020 && r <= 0xE007E:
			// Unicode tag characters spell invisible ASCII ("ASCII smuggling").
			r -= 0xE0000
		case r == utf8.RuneError || invisible(r):
			continue
		}
		r = unicode.ToLower(r)
		switch {
		case r == 'ё':
			word = utf8.AppendRune(word, 'е')
			needFold = true
		case unicode.IsLetter(r) || unicode.IsDigit(r):
			word = utf8.AppendRune(word, r)
			needFold = true
		case r == '’':
			if len(word) == 0 || i >= len(text) || !isLetterByte(text[i]) {
				flush()
			}
		default:
			flush()
		}
	}
	flush()
	nt.s = out.String()
	nt.merged = joinSpacedLetters(&nt)
	return nt
}

func isASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= 0x80 {
			return false
		}
	}
	return true
}

// needsNFKC reports whether text has anything but ASCII and basic
// Cyrillic (U+0400–U+047F), which NFKC leaves as it is.
func needsNFKC(s string) bool {
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c < 0x80 {
			continue
		}
		if (c == 0xD0 || c == 0xD1) && i+1 < len(s) && s[i+1] >= 0x80 && s[i+1] < 0xC0 {
			i++
			continue
		}
		return true
	}
	return false
}

func isLetterByte(c byte) bool { return c >= 0x80 || 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' }

// invisible reports whether r is a character that shows nothing: format
// characters (zero-width space and joiners, bidi controls, soft hyphen),
// variation selectors and combining marks (after NFKC, the marks left are
// decorations such as Zalgo text).
func invisible(r rune) bool {
	if r < 0x300 {
		return r == 0xAD
	}
	if r >= 0x400 && r <= 0x52F && (r < 0x483 || r > 0x489) {
		return false // Cyrillic letters
	}
	return unicode.Is(unicode.Cf, r) || unicode.Is(unicode.Mn, r) || unicode.Is(unicode.Me, r) ||
		(r >= 0xFE00 && r <= 0xFE0F) || (r >= 0xE0100 && r <= 0xE01EF) || r == 0x115F || r == 0x1160 || r == 0x3164 || r == 0xFFA0
}

// leetContext reports whether '@' or '$' at text[i] stands for a letter:
// inside a word or right before one (p@ss, $ystem), not an e-mail's or a
// price's.
func leetContext(text string, i int, inWord bool) bool {
	next := i+1 < len(text) && isLetterByte(text[i+1])
	if text[i] == '@' {
		return inWord && next
	}
	return next
}

type script int

const (
	scriptOther script = iota
	scriptLatin
	scriptCyrillic
	scriptGreek
)

func scriptOf(r rune) script {
	switch {
	case r < 0x80:
		if 'a' <= r && r <= 'z' {
			return scriptLatin
		}
	case r >= 0x400 && r <= 0x52F:
		return scriptCyrillic
	case r >= 0x370 && r <= 0x3FF:
		return scriptGreek
	case unicode.Is(unicode.Latin, r):
		return scriptLatin
	}
	return scriptOther
}

// Look-alikes, after lower-casing.
var (
	toLatin = map[rune]rune{
		// Cyrillic
		'а': 'a', 'в': 'b', 'е': 'e', 'к': 'k', 'м': 'm', 'н': 'h', 'о': 'o', 'р': 'p', 'с': 'c',
		'т': 't', 'у': 'y', 'х': 'x', 'і': 'i', 'ј': 'j', 'ѕ': 's', 'ԁ': 'd', 'ԛ': 'q', 'ԝ': 'w',
		'ӏ': 'l', 'һ': 'h', 'ɡ': 'g', 'ь': 'b', 'г': 'r', 'п': 'n', 'и': 'u',
		// Greek
		'α': 'a', 'β': 'b', 'ε': 'e', 'ι': 'i', 'κ': 'k', 'ν': 'v', 'ο': 'o', 'ρ': 'p', 'τ': 't',
		'υ': 'u', 'χ': 'x', 'γ': 'y', 'η': 'n', 'μ': 'u', 'ω': 'w', 'ς': 's', 'σ': 'o',
	}
	toCyrillic = map[rune]rune{
		'a': 'а', 'b': 'в', 'e': 'е', 'k': 'к', 'm': 'м', 'h': 'н', 'o': 'о', 'p': 'р', 'c': 'с',
		't': 'т', 'y': 'у', 'x': 'х', 'i': 'і', 'r': 'г', 'n': 'п', 'u': 'и',
		'0': 'о', '3': 'з', '6': 'б', '4': 'ч',
	}
)

// leetLetter returns the letter a leetspeak character stands for.
func leetLetter(r rune) (rune, bool) {
	switch r {
	case '0':
		return 'o', true
	case '1':
		return 'i', true
	case '3':
		return 'e', true
	case '4':
		return 'a', true
	case '5':
		return 's', true
	case '7':
		return 't', true
	case '@':
		return 'a', true
	case '$':
		return 's', true
	}
	return 0, false
}

// foldWord folds look-alikes and leetspeak in one word, in place.
func foldWord(w []rune) {
	plain := true
	for _, r := range w {
		if r < 'a' || r > 'z' {
			plain = false
			break
		}
	}
	if plain {
		return // the common case: nothing to fold
	}
	russian := true
	for _, r := range w {
		if (r < 'а' || r > 'я') && r != 'ё' {
			russian = false
			break
		}
	}
	if russian {
		return
	}
	var latin, cyr, greek, digits, letters int
	for _, r := range w {
		switch scriptOf(r) {
		case scriptLatin:
			latin++
		case scriptCyrillic:
			cyr++
		case scriptGreek:
			greek++
		}
		if unicode.IsLetter(r) {
			letters++
		} else if _, ok := leetLetter(r); ok {
			digits++
		}
	}
	switch {
	case cyr > 0 && cyr > latin+greek:
		if latin > 0 || digits > 0 {
			// A Russian word with Latin letters or digits inside: "пp0мпт".
			for i, r := range w {
				if c, ok := toCyrillic[r]; ok && (scriptOf(r) == scriptLatin || letterNeighbour(w, i)) {
					w[i] = c
				}
			}
		}
		return
	case (cyr > 0 || greek > 0) && latin > 0:
		// A Latin word with Cyrillic or Greek look-alikes: "іgnоre".
		for i, r := range w {
			if c, ok := toLatin[r]; ok {
				w[i] = c
			}
		}
	}
	if digits == 0 || letters == 0 {
		return
	}
	// Leetspeak: a run of leet characters is a disguised letter when letters
	// surround it, or it starts the word; trailing digits (gpt4, base64,
	// mp3) stay unless the word was already disguised.
	folded := false
	for i := 0; i < len(w); {
		if _, ok := leetLetter(w[i]); !ok {
			i++
			continue
		}
		j := i
		for j < len(w) {
			if _, ok := leetLetter(w[j]); !ok {
				break
			}
			j++
		}
		before := i > 0 && unicode.IsLetter(w[i-1])
		after := j < len(w) && unicode.IsLetter(w[j])
		trailingL := before && j == len(w) && (w[i-1] == 'i' || w[i-1] == 'l') && allOnes(w[i:j])
		if (before && after) || (i == 0 && after) || (before && j == len(w) && folded) || trailingL {
			for k := i; k < j; k++ {
				c, _ := leetLetter(w[k])
				if w[k] == '1' && k > 0 && (w[k-1] == 'l' || w[k-1] == 'i') {
					c = 'l' // ki11 -> kill
				}
				w[k] = c
			}
			folded = true
		}
		i = j
	}
}

func allOnes(r []rune) bool {
	for _, c := range r {
		if c != '1' {
			return false
		}
	}
	return true
}

// letterNeighbour reports whether w[i] has a letter beside it.
func letterNeighbour(w []rune, i int) bool {
	return i > 0 && unicode.IsLetter(w[i-1]) || i+1 < len(w) && unicode.IsLetter(w[i+1])
}

// joinSpacedLetters joins runs of four or more one-letter words ("i g n o
// r e", "i.g.n.o.r.e") into one word, and reports whether it did.
func joinSpacedLetters(nt *normText) bool {
	single := func(t [2]int32) bool {
		s := nt.s[t[0]:t[1]]
		_, n := utf8.DecodeRuneInString(s)
		return n == len(s)
	}
	found := false
	for i := 0; i+3 < len(nt.toks); i++ {
		if single(nt.toks[i]) && single(nt.toks[i+1]) && single(nt.toks[i+2]) && single(nt.toks[i+3]) {
			found = true
			break
		}
	}
	if !found {
		return false
	}
	var b strings.Builder
	var toks [][2]int32
	for i := 0; i < len(nt.toks); {
		j := i
		for j < len(nt.toks) && single(nt.toks[j]) {
			j++
		}
		if b.Len() > 0 {
			b.WriteByte(' ')
		}
		start := int32(b.Len())
		if j-i >= 4 {
			for k := i; k < j; k++ {
				b.WriteString(nt.s[nt.toks[k][0]:nt.toks[k][1]])
			}
			toks = append(toks, [2]int32{start, int32(b.Len())})
			i = j
			continue
		}
		b.WriteString(nt.s[nt.toks[i][0]:nt.toks[i][1]])
		toks = append(toks, [2]int32{start, int32(b.Len())})
		i++
	}
	nt.s, nt.toks = b.String(), toks
	return true
}
