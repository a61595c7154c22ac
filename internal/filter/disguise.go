package filter

import (
	"maps"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"
)

// Disguises that need more than folding one word at a time: words split by
// hyphens, leetspeak written with whole-number words and symbols, reversed
// text. Each is undone into an extra reading of the text (a view) that the
// rules and the classifier score like the text itself; a view is built
// only when the text shows its pattern, so ordinary text costs one cheap
// scan. A view only adds readings: the text's own reading is always
// scored too, so a view that garbles benign text cannot hide anything.

// commonWords are frequent English and Russian words. With the rules'
// words they are the dictionary that decides which script a mixed-script
// word is written in, where spaced-out letters split into words, and
// whether text reads backwards.
var commonWords = strings.Fields(`
the and you your for are is it me my to do of in on at an as be by or if so no up we us with this that what how not all any from have has had was were will would can could
should must please now new then than when where which who why tell give show make write print reveal repeat
ignore forget disregard bypass override instructions instruction rules prompt system previous prior above
hidden secret password admin developer mode restrictions filters safety guidelines answer respond without
there their they them she her his him our out about into over under after before only just also more most
some such other been being does did doing done say said told know want need help like way ways best step steps
kill bomb weapon drug drugs myself yourself someone people child children home money account
и в не на что как я ты вы он она мы они это все всё его её их мне тебя тебе меня себя свои твои мой твой
с по к у о из за от до для без при про над под или но же бы ли то так там тут где когда если чтобы
теперь сейчас больше нет да уже еще ещё только можно нужно надо какие какой каких никаких любой
инструкции правила промпт системный покажи выведи напиши расскажи забудь игнорируй отвечай ответь режим
ограничений цензуры фильтры пароль сделать взломать убить украсть собой`)

var (
	dictOnce sync.Once
	dict     *lexicon
	// dictExact and dictStems are the dictionary's words and stems.
	dictExact, dictStems map[string]bool
	// wordDirection maps a dictionary word (3 bytes or more, not a
	// palindrome) to 1 and its reversal to 2, for detecting reversed text
	// with one lookup per word.
	wordDirection map[string]uint8
)

func loadDictionary() {
	dict = newLexicon()
	wordDirection = map[string]uint8{}
	dictExact, dictStems = map[string]bool{}, map[string]bool{}
	addWord := func(w string, stem bool) {
		if w == "" {
			return
		}
		if stem {
			dict.id(w + "*")
			dictStems[w] = true
			return
		}
		dict.id(w)
		dictExact[w] = true
		if utf8.RuneCountInString(w) < 3 {
			return
		}
		r := reverseString(w)
		if r == w {
			return
		}
		wordDirection[w] |= 1
		wordDirection[r] |= 2
	}
	for _, w := range commonWords {
		addWord(w, false)
	}
	for _, sp := range ruleSpecs {
		for _, f := range strings.Fields(sp.pattern) {
			if strings.HasPrefix(f, "~") {
				continue
			}
			f = strings.Trim(f, "[]")
			for _, alt := range strings.Split(f, "|") {
				stem := strings.HasSuffix(alt, "*")
				addWord(strings.TrimSuffix(alt, "*"), stem)
			}
		}
	}
}

// dictWord reports whether w (normalised) is a word of the dictionary, or
// begins with one of its stems.
func dictWord(w string) bool {
	dictOnce.Do(loadDictionary)
	var buf [4]int
	return len(dict.match(w, buf[:0])) > 0
}

func reverseString(s string) string {
	r := []rune(s)
	for i, j := 0, len(r)-1; i < j; i, j = i+1, j-1 {
		r[i], r[j] = r[j], r[i]
	}
	return string(r)
}

// maxViewText caps the text length views are built for; longer texts are
// still checked in full, without them.
const maxViewText = 64 << 10

// disguiseViews returns the extra readings of text that undo hyphen-split
// words, starred-out obscenities, leetspeak and reversed text; nt is text's
// own reading.
func disguiseViews(text string, nt *normText) []normText {
	if len(text) > maxViewText {
		return nil
	}
	var views []normText
	undone := text
	if hyphenated(text) {
		undone = dehyphenate(undone)
	}
	if u, ok := unmaskObscenities(undone); ok {
		undone = u
	}
	leet := leetCount(undone) >= 2
	spelled := undone
	if leet {
		undone = unleet(undone, leetCyrillic)
	}
	base := nt
	if undone != text {
		views = append(views, normalize(undone))
		base = &views[0]
	}
	// Russian leetspeak reads some digits two ways: "4" is "ч" and as
	// often "а" («К4к в3л0м4ть»), "7" "т", "1" "и", "5" "с".
	if leet {
		if alt := unleet(spelled, leetCyrillicAlt); alt != undone {
			views = append(views, normalize(alt))
		}
	}
	if readsBackwards(nt) || base != nt && readsBackwards(base) {
		// Whole text reversed, and each word reversed in place.
		views = append(views, normalize(reverseString(undone)), normalize(reverseWords(undone)))
	}
	return views
}

// isHyphen reports whether r is a character that splits a word:
// hyphens and dashes, middle dot (not underscore: identifiers and user
// names have it).
func isHyphen(r rune) bool {
	switch r {
	case '-', '\u2010', '\u2011', '\u2012', '\u2013', '\u2014', '\u2212', '\u00b7', '\u2027', '\u30fb':
		return true
	}
	return false
}

// hyphenated reports whether text has a letter, a hyphen and a letter
// ("ig-nore"; also a hyphen ending a line: "ig-\nnore").
func hyphenated(text string) bool {
	for i := 0; i < len(text); i++ {
		if text[i] == '-' || text[i] >= 0x80 {
			r, size := utf8.DecodeRuneInString(text[i:])
			if !isHyphen(r) {
				i += size - 1
				continue
			}
			if i > 0 && isWordRuneBefore(text, i) && isWordRuneAfter(text, i+size) {
				return true
			}
			i += size - 1
		}
	}
	return false
}

func isWordRuneBefore(text string, i int) bool {
	r, _ := utf8.DecodeLastRuneInString(text[:i])
	return unicode.IsLetter(r) || isLeetRune(r)
}

func isWordRuneAfter(text string, i int) bool {
	// A hyphen at a line break joins the word on the next line.
	for i < len(text) && (text[i] == '\n' || text[i] == '\r') {
		i++
	}
	r, _ := utf8.DecodeRuneInString(text[i:])
	return unicode.IsLetter(r) || isLeetRune(r)
}

// dehyphenate removes hyphens that stand between letters, so
// "ig-nore pre-vious" reads "ignore previous" (and "e-mail" "email").
func dehyphenate(text string) string {
	var b strings.Builder
	b.Grow(len(text))
	for i := 0; i < len(text); {
		r, size := utf8.DecodeRuneInString(text[i:])
		if isHyphen(r) && i > 0 && isWordRuneBefore(text, i) && isWordRuneAfter(text, i+size) {
			i += size
			for i < len(text) && (text[i] == '\n' || text[i] == '\r') {
				i++
			}
			continue
		}
		b.WriteString(text[i : i+size])
		i += size
	}
	return b.String()
}

// Leetspeak: characters that stand for letters, in Latin words and in
// Russian ones.
var (
	leetLatin = map[rune]rune{
		'0': 'o', '1': 'i', '3': 'e', '4': 'a', '5': 's', '7': 't', '8': 'b', '9': 'g',
		'@': 'a', '$': 's', '!': 'i', '|': 'l', '+': 't', '€': 'e', '£': 'l', '¡': 'i',
	}
	leetCyrillic = map[rune]rune{
		'0': 'о', '3': 'з', '4': 'ч', '6': 'б', '@': 'а', '9': 'я', '8': 'в', '€': 'е',
	}
	// leetCyrillicAlt is the second reading of Russian leetspeak: "4" is
	// "а" as often as "ч", and "7", "1", "5" are "т", "и", "с".
	leetCyrillicAlt = withReadings(leetCyrillic, map[rune]rune{'4': 'а', '7': 'т', '1': 'и', '5': 'с'})
)

// withReadings returns a copy of table with the readings of over.
func withReadings(table, over map[rune]rune) map[rune]rune {
	out := maps.Clone(table)
	maps.Copy(out, over)
	return out
}

// isLeetRune reports whether r is a key of leetLatin or leetCyrillic.
func isLeetRune(r rune) bool {
	switch r {
	case '0', '1', '3', '4', '5', '6', '7', '8', '9', '@', '$', '!', '|', '+', '€', '£', '¡':
		return true
	}
	return false
}

// leetCount counts the words with a leetspeak character before a letter
// ("1gn0r3", "p@ss", "пр0мпт"; not "gpt4" or an "@name"), stopping at 2
// (all callers need).
func leetCount(text string) int {
	n := 0
	inWord, leetBefore, counted := false, false, false
	for _, r := range text {
		switch {
		case unicode.IsLetter(r):
			if leetBefore && !counted {
				if n++; n == 2 {
					return n
				}
				counted = true
			}
			inWord = true
		case isLeetRune(r):
			leetBefore = leetBefore || r != '@' || inWord
			inWord = true
		default:
			inWord, leetBefore, counted = false, false, false
		}
	}
	return n
}

// spelledOut reports whether a text's words are written to slip past a
// word filter: a quarter or more of them (three at least) mix letters with
// leetspeak digits or signs ("h0w", "m4k3"), or single letters are joined
// by hyphens three times or more ("b-o-m-b", "b - o - m - b").
func spelledOut(text string) bool {
	words, leet, joins := 0, 0, 0
	run, letters := 0, 0           // the current word's runes and letters
	single, hyphen := false, false // the last word was one rune; a hyphen followed it
	flush := func() {
		if run == 0 {
			return
		}
		words++
		if letters > 0 && letters < run {
			leet++
		}
		if hyphen && single && run == 1 {
			joins++
		}
		single, hyphen = run == 1, false
		run, letters = 0, 0
	}
	for _, r := range text {
		switch {
		case unicode.IsLetter(r):
			run++
			letters++
		case isLeetRune(r):
			run++
		case isHyphen(r):
			flush()
			hyphen = single
		case unicode.IsSpace(r):
			flush()
		default:
			flush()
			single, hyphen = false, false
		}
	}
	flush()
	return leet >= 3 && leet*4 >= words || joins >= 3
}

// unleet replaces leetspeak characters with the letters they stand for, in
// every word that has a letter or is short ("70" reads "to", "4" "a"),
// choosing Latin or Cyrillic by the word's letters, else by the text's;
// cyrillic is the table for Russian words (leetCyrillic or its second
// reading, leetCyrillicAlt).
func unleet(text string, cyrillic map[rune]rune) string {
	var latin, cyr int
	for _, r := range text {
		switch scriptOf(unicode.ToLower(r)) {
		case scriptLatin:
			latin++
		case scriptCyrillic:
			cyr++
		}
	}
	textCyr := cyr > latin
	var b strings.Builder
	b.Grow(len(text))
	word := make([]rune, 0, 32)
	flush := func() {
		if len(word) == 0 {
			return
		}
		var wl, wc, letters int
		for _, r := range word {
			switch scriptOf(unicode.ToLower(r)) {
			case scriptLatin:
				wl++
			case scriptCyrillic:
				wc++
			}
			if unicode.IsLetter(r) {
				letters++
			}
		}
		if letters > 0 || len(word) <= 3 {
			cyrWord := wc > wl || wc == wl && textCyr
			prevOne := false
			for i, r := range word {
				if unicode.IsLetter(r) {
					prevOne = false
					continue
				}
				if cyrWord {
					if c, ok := cyrillic[r]; ok {
						word[i] = c
					}
					continue
				}
				c, ok := leetLatin[r]
				if !ok {
					continue
				}
				// Two ones are an l twice: "ki11", "a11".
				if r == '1' && (prevOne || i+1 < len(word) && word[i+1] == '1') {
					c = 'l'
				}
				prevOne = r == '1'
				word[i] = c
			}
		}
		for _, r := range word {
			b.WriteRune(r)
		}
		word = word[:0]
	}
	for _, r := range text {
		if unicode.IsLetter(r) || isLeetRune(r) {
			word = append(word, r)
			continue
		}
		flush()
		b.WriteRune(r)
	}
	flush()
	return b.String()
}

// readsBackwards reports whether nt has three dictionary words written
// backwards, or two and more of them than words written forwards.
func readsBackwards(nt *normText) bool {
	dictOnce.Do(loadDictionary)
	var fwd, back int
	for _, t := range nt.toks {
		if t[1]-t[0] < 3 || t[1]-t[0] > 40 {
			continue
		}
		switch wordDirection[nt.s[t[0]:t[1]]] {
		case 1:
			fwd++
		case 2:
			back++
		}
	}
	// Three backward words are reversed text, even inside forward text (a
	// reversed instruction quoted in a letter).
	if back >= 3 || back >= 2 && back > fwd {
		return true
	}
	if back == 0 || back <= fwd {
		return false
	}
	// One backward word: look closer, with the rules' stems
	// ("йуриронги" is "игнорируй").
	fwd, back = 0, 0
	for _, t := range nt.toks {
		if t[1]-t[0] < 3 || t[1]-t[0] > 40 {
			continue
		}
		w := nt.s[t[0]:t[1]]
		if dictWord(w) {
			fwd++
		} else if dictWord(reverseString(w)) {
			back++
		}
	}
	return back >= 2 && back > fwd
}

// reverseWords reverses each word of text in place, keeping their order.
func reverseWords(text string) string {
	var b strings.Builder
	b.Grow(len(text))
	start := -1
	for i := 0; i <= len(text); {
		r, size := rune(' '), 1
		if i < len(text) {
			r, size = utf8.DecodeRuneInString(text[i:])
		}
		word := unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.Is(unicode.Mn, r)
		switch {
		case word && start < 0:
			start = i
		case !word && start >= 0:
			b.WriteString(reverseString(text[start:i]))
			start = -1
		}
		if !word && i < len(text) {
			b.WriteString(text[i : i+size])
		}
		i += size
	}
	return b.String()
}
