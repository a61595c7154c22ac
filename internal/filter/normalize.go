package filter

import (
	"math"
	"slices"
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
	var z normalizer
	z.out.Grow(len(text))
	for i := 0; i < len(text); {
		if text[i] < utf8.RuneSelf {
			z.asciiByte(text, i)
			i++
			continue
		}
		i = z.otherRune(text, i)
	}
	z.flush()
	nt := z.nt
	nt.s = z.out.String()
	nt.merged = joinSpacedLetters(&nt, z.gaps)
	if z.scripts == 3 {
		flipLookalikeWords(&nt)
	}
	return nt
}

// normalizer is normalize's state while it walks the text, kept in one
// place so that ASCII, other characters and the end of a word can each be
// handled by their own step.
type normalizer struct {
	out      strings.Builder
	word     []byte // the current word, UTF-8
	runes    []rune
	needFold bool // the current word has something foldWord may change
	nt       normText
	gaps     []int32 // separators before each word
	gap      int32
	scripts  uint8 // 1: a Latin word seen, 2: a Cyrillic one
}

// asciiByte takes the ASCII byte text[i]. ASCII is most text, so it is
// handled byte by byte without decoding runes.
func (z *normalizer) asciiByte(text string, i int) {
	c := text[i]
	switch {
	case 'a' <= c && c <= 'z':
		z.word = append(z.word, c)
	case 'A' <= c && c <= 'Z':
		z.word = append(z.word, c+'a'-'A')
	case '0' <= c && c <= '9':
		z.word = append(z.word, c)
		z.needFold = true
	case (c == '@' || c == '$') && leetContext(text, i, len(z.word) > 0):
		z.word = append(z.word, c)
		z.needFold = true
	case c == '\'':
		// Contractions stay one word: don't, it's.
		if len(z.word) == 0 || i+1 >= len(text) || !isLetterByte(text[i+1]) {
			z.separator()
		}
	default:
		z.separator()
	}
}

// otherRune takes the non-ASCII character at text[i] and returns the index
// after it. This is where the invisible disguises (tag characters,
// zero-width and combining characters) are decoded or dropped.
func (z *normalizer) otherRune(text string, i int) int {
	r, size := utf8.DecodeRuneInString(text[i:])
	i += size
	switch {
	case r >= 0xE0020 && r <= 0xE007E:
		// Unicode tag characters spell invisible ASCII ("ASCII smuggling").
		r -= 0xE0000
	case r == utf8.RuneError || invisible(r):
		return i
	}
	r = unicode.ToLower(r)
	switch {
	case r == 'ё':
		z.word = utf8.AppendRune(z.word, 'е')
		z.needFold = true
	case unicode.IsLetter(r) || unicode.IsDigit(r):
		z.word = utf8.AppendRune(z.word, r)
		z.needFold = true
	case r == '’':
		if len(z.word) == 0 || i >= len(text) || !isLetterByte(text[i]) {
			z.separator()
		}
	default:
		z.separator()
	}
	return i
}

// separator ends the current word and counts the separator, since
// joinSpacedLetters reads wider gaps as word boundaries.
func (z *normalizer) separator() {
	z.flush()
	z.gap++
}

// flush ends the current word: folds it, drops it when it only repeats the
// words before it, or else writes it out and notes its script for
// flipLookalikeWords.
func (z *normalizer) flush() {
	if len(z.word) == 0 {
		return
	}
	if z.needFold {
		z.foldCurrentWord()
	}
	if z.repeatsLastThree() {
		z.word, z.needFold, z.gap = z.word[:0], false, z.gap+1
		return
	}
	if z.out.Len() > 0 {
		z.out.WriteByte(' ')
	}
	start := z.out.Len()
	z.out.Write(z.word)
	z.nt.toks = append(z.nt.toks, [2]int32{int32(start), int32(z.out.Len())})
	z.gaps = append(z.gaps, z.gap)
	r, _ := utf8.DecodeRuneInString(z.out.String()[start:])
	switch scriptOf(r) {
	case scriptLatin:
		z.scripts |= 1
	case scriptCyrillic:
		z.scripts |= 2
	}
	z.word, z.needFold, z.gap = z.word[:0], false, 0
}

// foldCurrentWord runs foldWord on the current word, which foldWord needs
// as runes.
func (z *normalizer) foldCurrentWord() {
	z.runes = z.runes[:0]
	for _, r := range string(z.word) {
		z.runes = append(z.runes, r)
	}
	foldWord(z.runes)
	z.word = z.word[:0]
	for _, r := range z.runes {
		z.word = utf8.AppendRune(z.word, r)
	}
}

// repeatsLastThree reports whether the current word is the same as the
// three words before it. A word repeated more than three times in a row
// says nothing more, and would weigh like a long text of it: fifty lines of
// "x" read as "x x x".
func (z *normalizer) repeatsLastThree() bool {
	k := len(z.nt.toks)
	if k < 3 {
		return false
	}
	o := z.out.String()
	same := func(t [2]int32) bool { return o[t[0]:t[1]] == string(z.word) }
	return same(z.nt.toks[k-1]) && same(z.nt.toks[k-2]) && same(z.nt.toks[k-3])
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
	// A leet digit may stand between: "3@6удь" is "забудь".
	if !next && i+2 < len(text) && '0' <= text[i+1] && text[i+1] <= '9' && leetDigit(rune(text[i+1])) {
		next = isLetterByte(text[i+2])
	}
	if text[i] == '@' {
		return inWord && next
	}
	return next
}

// leetDigit reports whether r, not a letter, stands for one in a Latin
// word (leetLetter) or a Russian one (toCyrillic: "за6удь").
func leetDigit(r rune) bool {
	if _, ok := leetLetter(r); ok {
		return true
	}
	_, ok := toCyrillic[r]
	return ok && !unicode.IsLetter(r)
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
		'0': 'о', '3': 'з', '6': 'б', '4': 'ч', '@': 'а',
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
	if allPlainLatin(w) || allRussian(w) {
		return // the common cases: nothing to fold
	}
	n := countWordScripts(w)
	if n.latin > 0 && n.cyr+n.greek > 0 {
		// Mixed scripts: the reading that makes a dictionary word wins
		// ("уоu" is "you", "пpaвилa" is "правила"); else the majority.
		if s, ok := scriptReading(w); ok {
			n.latin, n.cyr, n.greek = 1, 1, 0 // read as Latin
			if s == 1 {
				n.cyr = 2 // read as Cyrillic
			}
		}
	}
	switch {
	case n.cyr > 0 && n.cyr > n.latin+n.greek:
		if n.latin > 0 || n.digits > 0 {
			// A Russian word with Latin letters or digits inside: "пp0мпт".
			// A digit turns into a letter next to a letter, so a run of
			// them ("3@6удь") turns from the letters inwards.
			for changed := true; changed; {
				changed = false
				for i, r := range w {
					if c, ok := toCyrillic[r]; ok && (scriptOf(r) == scriptLatin || letterNeighbour(w, i)) {
						w[i] = c
						changed = true
					}
				}
			}
		}
		return
	case (n.cyr > 0 || n.greek > 0) && n.latin > 0:
		// A Latin word with Cyrillic or Greek look-alikes: "іgnоre".
		for i, r := range w {
			if c, ok := toLatin[r]; ok {
				w[i] = c
			}
		}
	}
	if n.digits == 0 || n.letters == 0 {
		return
	}
	foldLeet(w)
}

// allPlainLatin reports whether w is only a–z, which foldWord can leave
// as it is without looking further.
func allPlainLatin(w []rune) bool {
	for _, r := range w {
		if r < 'a' || r > 'z' {
			return false
		}
	}
	return true
}

// allRussian reports whether w is only basic Russian letters, which
// foldWord also leaves as they are.
func allRussian(w []rune) bool {
	for _, r := range w {
		if (r < 'а' || r > 'я') && r != 'ё' {
			return false
		}
	}
	return true
}

// wordScripts counts a word's letters by script, and its leet characters,
// which decide how foldWord reads the word.
type wordScripts struct {
	latin, cyr, greek, digits, letters int
}

func countWordScripts(w []rune) wordScripts {
	var n wordScripts
	for _, r := range w {
		switch scriptOf(r) {
		case scriptLatin:
			n.latin++
		case scriptCyrillic:
			n.cyr++
		case scriptGreek:
			n.greek++
		}
		if unicode.IsLetter(r) {
			n.letters++
		} else if leetDigit(r) {
			n.digits++
		}
	}
	return n
}

// foldLeet folds leetspeak in a word that has both letters and leet
// characters. A run of leet characters is a disguised letter when letters
// surround it, or it starts the word; trailing digits (gpt4, base64, mp3)
// stay unless the word was already disguised.
func foldLeet(w []rune) {
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

// scriptReading reads a mixed-script word as Latin and as Cyrillic and
// reports which one alone is a dictionary word: 1 for Cyrillic, 0 for
// Latin; ok is false when neither or both are.
func scriptReading(w []rune) (cyrillic int, ok bool) {
	var lat, cyr [48]rune
	if len(w) > len(lat) {
		return 0, false
	}
	for i, r := range w {
		lat[i], cyr[i] = r, r
		if c, found := toLatin[r]; found && scriptOf(r) != scriptLatin {
			lat[i] = c
		} else if l, found := leetLetter(r); found {
			lat[i] = l
		}
		if c, found := toCyrillic[r]; found {
			cyr[i] = c
		}
	}
	isLat := dictWord(string(lat[:len(w)]))
	isCyr := dictWord(string(cyr[:len(w)]))
	switch {
	case isCyr && !isLat:
		return 1, true
	case isLat && !isCyr:
		return 0, true
	}
	return 0, false
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
// r e", "i.g.n.o.r.e") and reports whether it did. Wider gaps inside a run
// mark its words ("i g n o r e   a l l" is "ignore all"); a run spaced
// evenly is split into dictionary words where it can be
// ("ignoreallprevious" is "ignore all previous"). A run of one or two
// distinct letters ("x x x x", fifty lines of "x") is not a word and stays
// as it is.
func joinSpacedLetters(nt *normText, gaps []int32) bool {
	if !hasSpacedRun(nt) {
		return false
	}
	var tw tokenWriter
	tw.b.Grow(len(nt.s))
	var run strings.Builder
	for i := 0; i < len(nt.toks); {
		j, join := spacedRunEnd(nt, i)
		if !join {
			for ; i < j; i++ {
				tw.word(nt.s[nt.toks[i][0]:nt.toks[i][1]])
			}
			continue
		}
		tw.spacedRun(&run, nt, gaps, i, j)
		i = j
	}
	nt.s, nt.toks = tw.b.String(), tw.toks
	return true
}

// hasSpacedRun reports whether nt has a run to join, so that text without
// one (nearly all of it) is not rewritten.
func hasSpacedRun(nt *normText) bool {
	found := false
	for i := 0; i < len(nt.toks) && !found; {
		i, found = spacedRunEnd(nt, i)
	}
	return found
}

// isSingleLetter reports whether token t of nt is one character.
func isSingleLetter(nt *normText, t [2]int32) bool {
	s := nt.s[t[0]:t[1]]
	_, n := utf8.DecodeRuneInString(s)
	return n == len(s)
}

// spacedRunEnd returns the end of the run of one-letter words starting at
// token i, and whether it is long and varied enough to join: four letters
// or more, of at least three distinct ones.
func spacedRunEnd(nt *normText, i int) (int, bool) {
	j := i
	for j < len(nt.toks) && isSingleLetter(nt, nt.toks[j]) {
		j++
	}
	if j-i < 4 {
		return max(j, i+1), false
	}
	var distinct [3]string
	nd := 0
	for k := i; k < j && nd < 3; k++ {
		c := nt.s[nt.toks[k][0]:nt.toks[k][1]]
		if !slices.Contains(distinct[:nd], c) {
			distinct[nd] = c
			nd++
		}
	}
	return j, nd == 3
}

// tokenWriter builds the rewritten text of joinSpacedLetters with its
// token ranges.
type tokenWriter struct {
	b     strings.Builder
	toks  [][2]int32
	runes []rune
}

// word writes one word.
func (tw *tokenWriter) word(w string) {
	if tw.b.Len() > 0 {
		tw.b.WriteByte(' ')
	}
	start := int32(tw.b.Len())
	if len(w) > 1 && !isASCII(w) {
		// Letters joined into a word are folded as a word: look-alikes
		// from another script, leetspeak.
		tw.runes = append(tw.runes[:0], []rune(w)...)
		foldWord(tw.runes)
		w = string(tw.runes)
	}
	tw.b.WriteString(w)
	tw.toks = append(tw.toks, [2]int32{start, int32(tw.b.Len())})
}

// spacedRun writes the one-letter tokens i to j of nt joined into words:
// at the wider gaps when the run has some, else where segmentWords finds
// dictionary words. run is scratch space reused between runs.
func (tw *tokenWriter) spacedRun(run *strings.Builder, nt *normText, gaps []int32, i, j int) {
	minGap := int32(math.MaxInt32)
	for k := i + 1; k < j; k++ {
		minGap = min(minGap, gaps[k])
	}
	split := false
	for k := i + 1; k < j; k++ {
		if gaps[k] > minGap {
			split = true
			break
		}
	}
	run.Reset()
	for k := i; k < j; k++ {
		if split && k > i && gaps[k] > minGap {
			tw.word(run.String())
			run.Reset()
		}
		run.WriteString(nt.s[nt.toks[k][0]:nt.toks[k][1]])
	}
	if split {
		tw.word(run.String())
	} else {
		for _, w := range segmentWords(run.String()) {
			tw.word(w)
		}
	}
}

// Word endings a dictionary stem may take when segmenting run-together
// letters: Russian inflections and English suffixes.
var stemEndings = func() map[string]bool {
	m := map[string]bool{}
	for _, e := range strings.Fields(`а я о е и ы у ю ь й ой ей ий ый ая яя ое ее ие ые ую юю ом ем ам ям ах ях ов ев ого его ому ему ими ыми ами ями ых их ть ешь ет ете ут ют ит им ите ат ят ал ала али ало ся сь уй уйте ай айте ия ии ию ий ией ьте
		s es ed ing ion ions er ers e y ly al`) {
		m[e] = true
	}
	return m
}()

// maxSegmentRun is the longest run of letters segmentWords splits; a
// longer one stays one word.
const maxSegmentRun = 256

// segmentWords splits letters written together ("ignoreallprevious") into
// dictionary words by dynamic programming: the fewest words, dictionary
// words cheapest, letters no word covers dearest. It returns s whole when
// too little of it is made of dictionary words.
func segmentWords(s string) []string {
	n := utf8.RuneCountInString(s)
	if n < 6 || n > maxSegmentRun {
		return []string{s}
	}
	dictOnce.Do(loadDictionary)
	offs := make([]int, 0, n+1) // byte offset of each rune
	for i := range s {
		offs = append(offs, i)
	}
	offs = append(offs, len(s))
	const maxWord = 24
	cost := make([]float64, n+1)
	from := make([]int, n+1)
	known := make([]bool, n+1)
	for i := 1; i <= n; i++ {
		cost[i] = cost[i-1] + 3 // one letter no word covers
		from[i] = i - 1
		for j := max(0, i-maxWord); j < i; j++ {
			seg := s[offs[j]:offs[i]]
			c := 0.0
			switch {
			case dictExact[seg]:
				c = 1
			case stemmed(seg, offs[j:i+1]):
				c = 1.2
			default:
				continue
			}
			if cost[j]+c < cost[i] {
				cost[i], from[i], known[i] = cost[j]+c, j, true
			}
		}
	}
	type segment struct {
		start, end int // runes
		known      bool
	}
	var segs []segment
	covered := 0
	for i := n; i > 0; i = from[i] {
		segs = append(segs, segment{from[i], i, known[i]})
		if known[i] {
			covered += i - from[i]
		}
	}
	if covered*10 < n*7 {
		return []string{s}
	}
	slices.Reverse(segs)
	// Letters no word covers stay together as one word, with the
	// one-letter words around them ("ч у ж о й" is "чужой").
	var words []string
	for i := 0; i < len(segs); {
		j := i
		unknown := false
		for j < len(segs) && (!segs[j].known || segs[j].end-segs[j].start == 1) {
			unknown = unknown || !segs[j].known
			j++
		}
		if unknown {
			words = append(words, s[offs[segs[i].start]:offs[segs[j-1].end]])
			i = j
			continue
		}
		words = append(words, s[offs[segs[i].start]:offs[segs[i].end]])
		i++
	}
	return words
}

// stemmed reports whether seg is a dictionary stem followed by one of
// stemEndings; offs are the byte offsets of seg's runes (from seg's start
// in the enclosing string).
func stemmed(seg string, offs []int) bool {
	base := offs[0]
	for k := len(offs) - 1; k >= 1 && len(offs)-1-k <= 4; k-- {
		stem, end := seg[:offs[k]-base], seg[offs[k]-base:]
		if len(stem) >= 3 && dictStems[stem] && (end == "" || stemEndings[end]) {
			return true
		}
	}
	return false
}

// flipLookalikeWords rewrites a word made only of letters that look like
// another script's ("аі", all Cyrillic, in English text; "kak", all Latin,
// in Russian text) in the text's main script, when that gives a dictionary
// word and the word as written is not one.
func flipLookalikeWords(nt *normText) {
	var latin, cyr int
	for _, t := range nt.toks {
		r, _ := utf8.DecodeRuneInString(nt.s[t[0]:t[1]])
		switch scriptOf(r) {
		case scriptLatin:
			latin++
		case scriptCyrillic:
			cyr++
		}
	}
	want, table := scriptLatin, toLatin
	if cyr > latin {
		want, table = scriptCyrillic, toCyrillic
	}
	var b strings.Builder
	changed := false
	var flipped []rune
	for _, t := range nt.toks {
		w := nt.s[t[0]:t[1]]
		flipped = flipped[:0]
		ok := true
		for _, r := range w {
			c, found := table[r]
			if !found || scriptOf(r) == want {
				ok = false
				break
			}
			flipped = append(flipped, c)
		}
		if ok && !dictWord(w) && dictWord(string(flipped)) {
			changed = true
			w = string(flipped)
		}
		if b.Len() > 0 {
			b.WriteByte(' ')
		}
		b.WriteString(w)
	}
	if !changed {
		return
	}
	nt.s = b.String()
	nt.toks = nt.toks[:0]
	start := 0
	for i := 0; i <= len(nt.s); i++ {
		if i == len(nt.s) || nt.s[i] == ' ' {
			if i > start {
				nt.toks = append(nt.toks, [2]int32{int32(start), int32(i)})
			}
			start = i + 1
		}
	}
}
