package filter

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// Obscenities and insults are often written with letters starred out
// («у*бок», «пи**ц», "f*ck"): readable to anyone, but no longer the word a
// rule or the classifier knows. unmaskObscenities reads a starred word as
// the obscenity it fits, if one does.

// maskedWords are the obscenities and insults a starred word is matched
// against, in the order they are tried.
var maskedWords = strings.Fields(`
уебок уебки уебан уебище ебанат ебанутый ебанутая ебанутые ебать ебал ебло ебаный ебаная ебучий выебу
наебал заебал заебали отъебись съебись долбоеб долбоебы долбоеба мудак мудаки мудила пидор пидоры
пидорас пидорасы пидар пидарас гандон гондон хуй хуя хуе хуйня хуйло хуесос нахуй похуй охуел
пизда пизды пиздец пиздеж пиздабол блядь бляди блять бля сука суки сучка сучара шлюха шлюхи мразь
мрази дебил дебилы чмо жопа жопу говно говнюк дрочить залупа
fuck fucking fucker fucked motherfucker shit bitch bitches cunt asshole bastard nigger nigga
faggot fag whore slut retard pussy dick cock`)

// maxMask is the most letters one run of stars may stand for, maxRuns the
// most runs of stars a word may have, and maxMasked the most starred words
// of a text that are matched: the matching tries each run at each length,
// and a hostile text of many starred words must not cost more than a few
// hundred thousand steps.
const (
	maxMask   = 3
	maxRuns   = 3
	maxMasked = 64
)

// unmaskObscenities returns text with its starred words replaced by the
// obscenities they fit, and whether any was.
func unmaskObscenities(text string) (string, bool) {
	if !strings.Contains(text, "*") {
		return "", false
	}
	var b strings.Builder
	changed := false
	last, tried := 0, 0
	for i := 0; i < len(text) && tried < maxMasked; {
		r, size := utf8.DecodeRuneInString(text[i:])
		if !unicode.IsLetter(r) && r != '*' {
			i += size
			continue
		}
		j := i
		for j < len(text) {
			r, size := utf8.DecodeRuneInString(text[j:])
			if !unicode.IsLetter(r) && r != '*' {
				break
			}
			j += size
		}
		if strings.Contains(text[i:j], "*") {
			tried++
		}
		if w, ok := unmaskWord(text[i:j]); ok {
			b.WriteString(text[last:i])
			b.WriteString(w)
			last, changed = j, true
		}
		i = j
	}
	if !changed {
		return "", false
	}
	b.WriteString(text[last:])
	return b.String(), true
}

// unmaskWord returns the obscenity that w, a word with stars in it and at
// least two letters, fits.
func unmaskWord(w string) (string, bool) {
	if !strings.Contains(w, "*") || len(w) > 40 {
		return "", false
	}
	pat := []rune(strings.ToLower(strings.ReplaceAll(w, "ё", "е")))
	letters, runs := 0, 0
	for i, r := range pat {
		switch {
		case r != '*':
			letters++
		case i == 0 || pat[i-1] != '*':
			runs++
		}
	}
	if letters < 2 || runs > maxRuns {
		return "", false
	}
	for _, cand := range maskedWords {
		if fitsMask(pat, []rune(cand)) {
			return cand, true
		}
	}
	return "", false
}

// fitsMask reports whether word fits pat, in which each run of stars
// stands for one to maxMask letters.
func fitsMask(pat, word []rune) bool {
	if len(pat) == 0 {
		return len(word) == 0
	}
	if pat[0] != '*' {
		return len(word) > 0 && word[0] == pat[0] && fitsMask(pat[1:], word[1:])
	}
	rest := pat
	for len(rest) > 0 && rest[0] == '*' {
		rest = rest[1:]
	}
	for n := 1; n <= maxMask && n <= len(word); n++ {
		if fitsMask(rest, word[n:]) {
			return true
		}
	}
	return false
}
