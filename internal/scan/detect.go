package scan

import (
	"math"
	"slices"
	"strings"

	"github.com/vmira/mira/internal/apikey"
)

// match is a secret found in a text, by byte offsets.
type match struct {
	rule       *rule
	start, end int // the secret's bytes
	secret     string
	masked     string // set by rules that mask in their own way
}

// detector runs the rules over texts. It is safe for concurrent use.
//
// Every rule has keywords. One pass over the text finds where any keyword
// starts (a table of their first two bytes rejects almost every position
// at the cost of one bit test); a rule's regular expression then runs only
// on the lines around its hits. On ordinary source that is a small
// fraction of the text.
type detector struct {
	rules     []*rule
	keywords  []string // lower-case
	byKeyword [][]int  // indices into rules
	first2    [1 << 16 / 64]uint64
	cands     map[uint16][]int // indices into keywords, by first two bytes
}

func newDetector(rs []*rule) *detector {
	d := &detector{rules: rs, cands: map[uint16][]int{}}
	index := map[string]int{}
	for ri, r := range rs {
		for _, kw := range r.keywords {
			kw = strings.ToLower(kw)
			if len(kw) < 2 {
				panic("scan: keyword shorter than 2 bytes: " + kw)
			}
			ki, ok := index[kw]
			if !ok {
				ki = len(d.keywords)
				index[kw] = ki
				d.keywords = append(d.keywords, kw)
				d.byKeyword = append(d.byKeyword, nil)
				k := uint16(kw[0])<<8 | uint16(kw[1])
				d.first2[k/64] |= 1 << (k % 64)
				d.cands[k] = append(d.cands[k], ki)
			}
			d.byKeyword[ki] = append(d.byKeyword[ki], ri)
		}
	}
	return d
}

var defaultDetector = newDetector(rules)

// Windows around a keyword hit that a line rule looks at: the hit's line,
// clamped so that a megabyte of minified JavaScript on one line costs no
// more than a short line.
const (
	windowBack = 256
	windowFwd  = 2048
)

var lowerTab = func() (t [256]byte) {
	for i := range t {
		t[i] = byte(i)
		if 'A' <= i && i <= 'Z' {
			t[i] += 'a' - 'A'
		}
	}
	return t
}()

// hasPrefixFold reports whether s starts with the lower-case kw, ignoring
// ASCII case.
func hasPrefixFold(s, kw string) bool {
	if len(s) < len(kw) {
		return false
	}
	for i := 0; i < len(kw); i++ {
		if lowerTab[s[i]] != kw[i] {
			return false
		}
	}
	return true
}

// find returns the secrets in text, in order, without overlaps.
func (d *detector) find(text string) []match {
	var hits [][]int
	for i := 0; i+1 < len(text); i++ {
		k := uint16(lowerTab[text[i]])<<8 | uint16(lowerTab[text[i+1]])
		if d.first2[k/64]&(1<<(k%64)) == 0 {
			continue
		}
		for _, ki := range d.cands[k] {
			if hasPrefixFold(text[i:], d.keywords[ki]) {
				if hits == nil {
					hits = make([][]int, len(d.rules))
				}
				for _, ri := range d.byKeyword[ki] {
					hits[ri] = append(hits[ri], i)
				}
			}
		}
	}
	if hits == nil {
		return nil
	}

	var out []match
	for ri, ps := range hits {
		if len(ps) == 0 {
			continue
		}
		r := d.rules[ri]
		if r.custom != nil {
			for _, p := range ps {
				for _, m := range r.custom(text, p) {
					m.rule = r
					out = appendNew(out, m)
				}
			}
			continue
		}
		for _, w := range windows(text, ps) {
			out = r.matchIn(text, w[0], w[1], out)
		}
	}
	return resolveOverlaps(out)
}

// matchIn appends r's matches in text[ws:we].
func (r *rule) matchIn(text string, ws, we int, out []match) []match {
	for _, m := range r.re.FindAllStringSubmatchIndex(text[ws:we], -1) {
		g := r.secretGroup(m)
		if g < 0 {
			continue
		}
		start, end := ws+m[2*g], ws+m[2*g+1]
		secret := text[start:end]
		if r.entropy > 0 && entropy(secret) < r.entropy {
			continue
		}
		if r.check != nil && !r.check(secret) {
			continue
		}
		if r.accept != nil {
			groups := make([]string, len(m)/2)
			for i := range groups {
				if m[2*i] >= 0 {
					groups[i] = text[ws+m[2*i] : ws+m[2*i+1]]
				}
			}
			if !r.accept(groups) {
				continue
			}
		}
		out = appendNew(out, match{rule: r, start: start, end: end, secret: secret})
	}
	return out
}

// secretGroup returns the submatch of m that is the secret: the first of
// r.groups that matched, else group 1 if the pattern has groups, else 0.
func (r *rule) secretGroup(m []int) int {
	if len(r.groups) == 0 {
		if r.re.NumSubexp() > 0 {
			return 1
		}
		return 0
	}
	for _, g := range r.groups {
		if m[2*g] >= 0 {
			return g
		}
	}
	return -1
}

// appendNew appends m unless the same rule already matched at the same place.
func appendNew(out []match, m match) []match {
	for i := len(out) - 1; i >= 0 && out[i].rule == m.rule; i-- {
		if out[i].start == m.start {
			return out
		}
	}
	return append(out, m)
}

// windows returns the merged line windows around sorted hit offsets.
func windows(text string, hits []int) [][2]int {
	var ws [][2]int
	for _, p := range hits {
		s, e := lineBounds(text, p, windowBack, windowFwd)
		if n := len(ws); n > 0 && s <= ws[n-1][1] {
			ws[n-1][1] = max(ws[n-1][1], e)
			continue
		}
		ws = append(ws, [2]int{s, e})
	}
	return ws
}

// lineBounds returns the line around offset p, at most back bytes before
// and fwd bytes after it.
func lineBounds(text string, p, back, fwd int) (start, end int) {
	lo := max(0, p-back)
	start = lo
	if i := strings.LastIndexByte(text[lo:p], '\n'); i >= 0 {
		start = lo + i + 1
	}
	hi := min(len(text), p+fwd)
	end = hi
	if i := strings.IndexByte(text[p:hi], '\n'); i >= 0 {
		end = p + i
	}
	return start, end
}

// resolveOverlaps sorts matches by position and, where two overlap, keeps
// the more specific rule's.
func resolveOverlaps(ms []match) []match {
	slices.SortFunc(ms, func(a, b match) int {
		if a.start != b.start {
			return a.start - b.start
		}
		return b.rule.priority - a.rule.priority
	})
	out := ms[:0]
	for _, m := range ms {
		keep := true
		for i := len(out) - 1; i >= 0; i-- {
			o := &out[i]
			if o.end <= m.start {
				continue
			}
			// Overlap.
			if o.rule.priority >= m.rule.priority {
				keep = false
				break
			}
			// m is more specific: it replaces o.
			out = slices.Delete(out, i, i+1)
		}
		if keep {
			out = append(out, m)
		}
	}
	return out
}

// entropy returns the Shannon entropy of s in bits per byte. Random base62
// strings of 20+ characters score above 4; words and identifiers below 3.5;
// the maximum for n characters is log2(n).
func entropy(s string) float64 {
	if s == "" {
		return 0
	}
	var counts [256]int
	for i := 0; i < len(s); i++ {
		counts[s[i]]++
	}
	n := float64(len(s))
	var h float64
	for _, c := range counts {
		if c > 0 {
			p := float64(c) / n
			h -= p * math.Log2(p)
		}
	}
	return h
}

// Mask returns s with its middle replaced by "…", keeping at most its
// first 8 and last 4 characters and never more than about a third of it:
// enough to recognise a secret, never enough to use it. Mira keys keep the
// form listings show (apikey.Mask).
func Mask(s string) string {
	if apikey.Valid(s) {
		return apikey.Mask(s)
	}
	n := len(s)
	head, tail := min(8, n/4), min(4, n/6)
	if n < 24 {
		head, tail = n/6, n/6
	}
	// Never cut a UTF-8 sequence in two.
	for head > 0 && !startsRune(s, head) {
		head--
	}
	for tail > 0 && !startsRune(s, n-tail) {
		tail--
	}
	return s[:head] + "…" + s[n-tail:]
}

func startsRune(s string, i int) bool { return i >= len(s) || s[i]&0xC0 != 0x80 }
