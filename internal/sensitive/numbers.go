package sensitive

import (
	"strings"
)

// A numseq is a run of digit groups joined by short separators ("+7 (916)
// 123-45-67", "4111 1111 1111 1111"), the raw material of the card, phone,
// INN, SNILS and passport detectors.
type numseq struct {
	start, end int      // bytes, including a leading '+' or '('
	groups     [][2]int // byte ranges of the digit runs
	plus       bool
}

const maxGroups = 12

func isSepByte(c byte) bool { return c == ' ' || c == '-' || c == '.' || c == '(' || c == ')' }

// numberAt reads the digit sequence starting at s[i] (a digit not preceded
// by a letter, digit or '_'), hands it to the number detectors in order of
// specificity, and returns where scanning resumes.
func numberAt(s string, i int, out []Finding) ([]Finding, int) {
	var groups [maxGroups][2]int
	q := numseq{start: i, groups: groups[:0]}
	if i > 0 && s[i-1] == '(' {
		q.start = i - 1
		if i > 1 && s[i-2] == '+' {
			q.start, q.plus = i-2, true
		}
	} else if i > 0 && s[i-1] == '+' {
		q.start, q.plus = i-1, true
	}
	j := i
	for {
		e := run(s, j, isDigit)
		q.groups = append(q.groups, [2]int{j, e})
		j = e
		if len(q.groups) == maxGroups {
			break
		}
		k := run(s, j, isSepByte)
		if k == j || k-j > 3 || k >= len(s) || !isDigit(s[k]) {
			break
		}
		j = k
	}
	q.end = j
	if j < len(s) && (isLetter(s[j]) || s[j] == '_') && !isExtension(s, j) {
		// Digits glued to letters (a hash, an identifier): not a number.
		return out, run(s, j, func(c byte) bool { return isAlnum(c) || c == '_' })
	}
	return classify(s, &q, out), q.end
}

func isExtension(s string, j int) bool {
	_, ok := extension(s, j)
	return ok
}

// extension reads a phone extension ("x123", "ext. 45") at s[j:].
func extension(s string, j int) (int, bool) {
	k := j
	switch {
	case k < len(s) && s[k] == 'x':
		k++
	case strings.HasPrefix(s[k:], "ext"):
		k += 3
		if k < len(s) && s[k] == '.' {
			k++
		}
		if k < len(s) && s[k] == ' ' {
			k++
		}
	default:
		return j, false
	}
	e := run(s, k, isDigit)
	if e == k || e-k > 6 || (e < len(s) && isAlnum(s[e])) {
		return j, false
	}
	return e, true
}

func digitsOf(s string, q *numseq, from, to int) []byte {
	d := make([]byte, 0, 32)
	for _, g := range q.groups[from:to] {
		d = append(d, s[g[0]:g[1]]...)
	}
	return d
}

func groupLens(q *numseq) []int {
	l := make([]int, len(q.groups), maxGroups)
	for i, g := range q.groups {
		l[i] = g[1] - g[0]
	}
	return l
}

// sepBetween returns the separator between groups i and i+1.
func sepBetween(s string, q *numseq, i int) string {
	return s[q.groups[i][1]:q.groups[i+1][0]]
}

func classify(s string, q *numseq, out []Finding) []Finding {
	total := 0
	for _, g := range q.groups {
		total += g[1] - g[0]
	}
	if total < 7 && total != 4 {
		return out // too short for anything but a passport series
	}
	if f, ok := cardIn(s, q); ok {
		return append(out, f)
	}
	lens := groupLens(q)
	all := digitsOf(s, q, 0, len(q.groups))
	n := len(all)
	span := func(typ string) []Finding {
		return append(out, Finding{typ, q.groups[0][0], q.groups[len(q.groups)-1][1]})
	}
	// SNILS: XXX-XXX-XXX YY, or 11 bare digits named as such.
	if n == 11 && !q.plus {
		if (eqInts(lens, 3, 3, 3, 2) || len(lens) == 1 && hasContext(s, q.start, "снилс", "snils")) && snilsValid(all) {
			return span(RUSNILS)
		}
	}
	// Passport: series and number, only next to a word naming it.
	if !q.plus && (n == 10 || n == 4) && hasContext(s, q.start, "паспорт", "passport", "серия", "серии") {
		switch {
		case n == 10 && (eqInts(lens, 4, 6) || eqInts(lens, 2, 2, 6) || eqInts(lens, 10)):
			return span(RUPassport)
		case eqInts(lens, 4) || eqInts(lens, 2, 2):
			// "серия 4509 номер 123456"
			if e, ok := passportNumberAfter(s, q.end); ok {
				return append(out, Finding{RUPassport, q.groups[0][0], e})
			}
		}
	}
	// INN: 12 digits with both check digits, or 10 next to "ИНН".
	if len(lens) == 1 && !q.plus {
		if n == 12 && innValid(all) {
			return span(RUINN)
		}
		if n == 10 && innValid(all) && hasContext(s, q.start, "инн", "inn", "taxpayer") {
			return span(RUINN)
		}
	}
	if f, ok := phoneIn(s, q, lens, all); ok {
		return append(out, f)
	}
	return out
}

func passportNumberAfter(s string, j int) (int, bool) {
	rest := s[j:min(len(s), j+24)]
	lower := strings.ToLower(rest)
	k := -1
	for _, w := range []string{"номер", "№", "no.", "no", "number", "n"} {
		if i := strings.Index(lower, w); i >= 0 && i <= 4 {
			k = j + i + len(w)
			break
		}
	}
	if k < 0 {
		return 0, false
	}
	k = run(s, k, func(c byte) bool { return c == ' ' || c == ':' || c == '.' })
	e := run(s, k, isDigit)
	if e-k != 6 || (e < len(s) && isAlnum(s[e])) {
		return 0, false
	}
	return e, true
}

func eqInts(a []int, b ...int) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}

// cardIn finds the longest run of groups, joined by single spaces or dashes,
// that is a Luhn-valid card number with a known network prefix.
func cardIn(s string, q *numseq) (Finding, bool) {
	best, bi, bj := 0, 0, 0
	for i := range q.groups {
		n := 0
		for j := i; j < len(q.groups); j++ {
			if j > i && !cardSep(sepBetween(s, q, j-1)) {
				break
			}
			n += q.groups[j][1] - q.groups[j][0]
			if n > 19 {
				break
			}
			if n >= 12 && n > best {
				d := digitsOf(s, q, i, j+1)
				if cardPrefixOK(d) && luhn(d) {
					best, bi, bj = n, i, j
				}
			}
		}
	}
	if best == 0 {
		return Finding{}, false
	}
	return Finding{CardNumber, q.groups[bi][0], q.groups[bj][1]}, true
}

func cardSep(sep string) bool { return sep == " " || sep == "-" }

// cardPrefixOK checks the issuer prefix: the major networks start with 2–6
// (Mastercard's 2-series 2221–2720), JCB's 15-digit cards with 1800/2131;
// 12-digit numbers are only Maestro (50, 56–69).
func cardPrefixOK(d []byte) bool {
	n := len(d)
	p2 := int(d[0]-'0')*10 + int(d[1]-'0')
	p4 := p2*100 + int(d[2]-'0')*10 + int(d[3]-'0')
	switch {
	case n == 12:
		return p2 == 50 || p2 >= 56 && p2 <= 69
	case n == 15 && (p4 == 1800 || p4 == 2131):
		return true
	case d[0] == '2':
		return p4 >= 2221 && p4 <= 2720
	}
	return d[0] >= '3' && d[0] <= '6'
}

func luhn(d []byte) bool {
	sum := 0
	for i := len(d) - 1; i >= 0; i-- {
		v := int(d[i] - '0')
		if (len(d)-1-i)%2 == 1 {
			v *= 2
			if v > 9 {
				v -= 9
			}
		}
		sum += v
	}
	return sum%10 == 0
}

func innValid(d []byte) bool {
	check := func(coef []int) int {
		s := 0
		for i, c := range coef {
			s += c * int(d[i]-'0')
		}
		return s % 11 % 10
	}
	switch len(d) {
	case 10:
		return check([]int{2, 4, 10, 3, 5, 9, 4, 6, 8}) == int(d[9]-'0')
	case 12:
		return check([]int{7, 2, 4, 10, 3, 5, 9, 4, 6, 8}) == int(d[10]-'0') &&
			check([]int{3, 7, 2, 4, 10, 3, 5, 9, 4, 6, 8}) == int(d[11]-'0')
	}
	return false
}

func snilsValid(d []byte) bool {
	if len(d) != 11 {
		return false
	}
	sum := 0
	for i := 0; i < 9; i++ {
		sum += int(d[i]-'0') * (9 - i)
	}
	var c int
	switch {
	case sum < 100:
		c = sum
	case sum == 100 || sum == 101:
		c = 0
	default:
		c = sum % 101
		if c == 100 {
			c = 0
		}
	}
	return c == int(d[9]-'0')*10+int(d[10]-'0')
}

// phoneContext are words that make a short digit group a phone number.
var phoneContext = []string{
	"phone", "tel", "mobile", "mob.", "cell", "fax", "desk:", "office:", "call", "dial",
	"ring", "reach", "contact", "text me", "sms", "message", "whatsapp", "viber",
	"telegram", "answering", "тел", "моб", "звон", "факс", "смс", "сотов", "whatsapp",
}

// notPhoneContext are words that name other numbers written like phones.
var notPhoneContext = []string{
	"license", "licence", "ssn", "social security", "account", "acct", "order", "invoice",
	"isbn", "serial", "passport", "паспорт", "инн", "снилс", "счет", "счёт", "заказ",
}

// phoneIn decides whether a digit sequence is a phone number.
func phoneIn(s string, q *numseq, lens []int, d []byte) (Finding, bool) {
	n := len(d)
	if n < 7 || n > 15 {
		return Finding{}, false
	}
	seps := make([]string, 0, maxGroups)
	for i := 0; i+1 < len(q.groups); i++ {
		seps = append(seps, sepBetween(s, q, i))
	}
	allSep := func(sep string) bool {
		for _, x := range seps {
			if x != sep {
				return false
			}
		}
		return len(seps) > 0
	}
	// Dates, IPv4 addresses, decimals are numbers but not phones.
	for i := 0; i+2 < len(lens); i++ {
		l := lens[i : i+3]
		if (eqInts(l, 4, 2, 2) || eqInts(l, 2, 2, 4)) && seps[i] == seps[i+1] && (seps[i] == "-" || seps[i] == "." || seps[i] == "/") {
			return Finding{}, false
		}
	}
	if e := q.groups[len(q.groups)-1][1]; e < len(s) && s[e] == ':' {
		return Finding{}, false // a time, or a date and time
	}
	if !q.plus && hasContextWithin(s, q.start, 24, notPhoneContext...) {
		return Finding{}, false
	}
	if len(lens) == 4 && allSep(".") && lens[0] <= 3 && lens[1] <= 3 && lens[2] <= 3 && lens[3] <= 3 {
		return Finding{}, false
	}
	if len(lens) == 2 && allSep(".") {
		return Finding{}, false
	}
	start := q.start
	end := q.groups[len(q.groups)-1][1]
	if e, ok := extension(s, end); ok {
		end = e
	}
	f := Finding{Phone, start, end}
	strong := false
	switch {
	case q.plus && n >= 8:
		strong = true
	case n == 11 && (d[0] == '8' || d[0] == '7') && (len(lens) > 1 || d[1] == '9'):
		strong = true // Russian: 8 (916) 123-45-67, 89161234567
	case n >= 10 && len(lens) >= 2:
		strong = true
	}
	if strong || hasContext(s, q.start, phoneContext...) || hasContextAfter(s, end, "office", "fax", "mobile", "cell", "home", "work", "(тел", "моб") {
		return f, true
	}
	return Finding{}, false
}

// hasContext reports whether one of words (lower case) occurs in the 48
// bytes before pos.
func hasContext(s string, pos int, words ...string) bool {
	return hasContextWithin(s, pos, 48, words...)
}

func hasContextWithin(s string, pos, n int, words ...string) bool {
	return containsAny(s[max(0, pos-n):pos], words)
}

func hasContextAfter(s string, pos int, words ...string) bool {
	return containsAny(s[pos:min(len(s), pos+16)], words)
}

// containsAny reports whether the short window w contains one of words
// (lower case), ignoring the case of ASCII and Russian letters.
func containsAny(w string, words []string) bool {
	var buf [64]byte
	b := buf[:0]
	for i := 0; i < len(w) && len(b) < len(buf); i++ {
		c := w[i]
		switch {
		case isUpper(c):
			c += 'a' - 'A'
		case c == 0xD0 && i+1 < len(w) && w[i+1] >= 0x90 && w[i+1] <= 0xAF:
			// А–Я (U+0410–U+042F) -> а–я (U+0430–U+044F), same length.
			if w[i+1] < 0xA0 {
				b = append(b, 0xD0, w[i+1]+0x20)
			} else {
				b = append(b, 0xD1, w[i+1]-0x20)
			}
			i++
			continue
		}
		b = append(b, c)
	}
	for _, word := range words {
		if indexString(b, word) {
			return true
		}
	}
	return false
}

func indexString(b []byte, word string) bool {
	n := len(word)
	for i := 0; i+n <= len(b); i++ {
		if b[i] == word[0] && string(b[i:i+n]) == word {
			return true
		}
	}
	return false
}
