package filter

import (
	"fmt"
	"slices"
	"strconv"
	"strings"
	"sync"
)

// A rule is a phrase pattern over normalised words that marks a category.
//
// Pattern syntax, one line: slots separated by spaces. A slot lists
// alternatives separated by '|'; an alternative ending in '*' matches any
// word it begins (a stem: "инструкц*" matches инструкции, инструкций); a
// slot in brackets is optional; "~N" between slots allows up to N other
// words there. Alternatives may not contain spaces: a multi-word
// alternative is written as two slots. A last slot written "!a|b*" lists
// words that cancel the match when they stand inside it or within
// unlessAfter words after it ("kill a python process", "bath bomb",
// "developer mode on my phone"). Only the titles of video games among them
// (gameTitles) also look back, unlessBefore words: "in GTA 5, how do I rob
// a bank" is as harmless as "how do I rob a bank in GTA 5". Other words do
// not look before the match: the lists are written for the words that
// follow (a lookback of even one word cancelled attacks in the development
// data). An exclusion written "<w" is the opposite: it cancels the match
// only from the one word just before it, where a negation negates the
// match's first word ("!<не|<никогда": "я не хочу воровать"; a "не" after
// the verb, as in "украсть, чтобы не поймали", is part of the attack).
//
//	ignore|disregard ~3 previous|prior|above instructions|rules|prompt*
type rule struct {
	name     string
	category string
	score    float64
	slots    []slot
	unless   []int // lexicon ids that cancel a match
	// unlessBefore are the game titles among unless, which also cancel
	// a match when they stand just before it.
	unlessBefore []int
	// justBefore ("!<w") cancel a match from the word just before it.
	justBefore []int
	// needs are the alternative lists (ruleSet.inLists) of the required
	// slots: a text in which one of them matches no word cannot match.
	needs []int
}

// unlessAfter is how many words after a match its exclusions look at, and
// unlessBefore how many words before it a game title among them does.
const (
	unlessAfter  = 5
	unlessBefore = 6
)

// gameTitles are the video games whose names, written as a rule's
// exclusions, cancel it from before the match too. A title names the game
// the question is about; a generic word ("game", "игре") does not, since
// "this is not a game" stands before real requests.
var gameTitles = strings.Split("gta|гта|кс|даст2|dust2|payday|minecraft|майнкрафт*|skyrim|скайрим*|roblox|роблокс*|sims|fortnite|фортнайт*|dota|stalker|сталкер*|fallout|civilization|hitman|хитман*|splinter|thief|pokemon|warcraft|overwatch|valorant|elden|monopoly|монопол*|terraria|rimworld|cyberpunk|киберпанк*|witcher|ведьмак*|cs2|csgo|кс2|ксго|bannerlord|deliverance|stardew|rdr2", "|")

type slot struct {
	alts     []int // lexicon ids
	optional bool
	gap      int // words that may stand before this slot
}

// lexicon maps pattern words and stems to ids. A text word's ids are found
// with one map lookup for whole words and a short scan of the stems that
// share its first two Cyrillic letters (four bytes) or three bytes.
type lexicon struct {
	ids   map[string]int // "word" or "stem*" -> id
	words map[string]int // whole words
	// short holds the stems shorter than three bytes: they would match
	// too much, so they match only the word itself.
	short map[string]int
	// stems4 holds the stems of four bytes or more by their first four
	// bytes, stems3 those of three bytes.
	stems4 map[uint32][]lexEntry
	stems3 map[uint32][]lexEntry
	n      int
}

type lexEntry struct {
	text string
	id   int
}

func newLexicon() *lexicon {
	return &lexicon{ids: map[string]int{}, words: map[string]int{}, short: map[string]int{},
		stems4: map[uint32][]lexEntry{}, stems3: map[uint32][]lexEntry{}}
}

func key3(s string) uint32 { return uint32(s[0])<<16 | uint32(s[1])<<8 | uint32(s[2]) }
func key4(s string) uint32 { return key3(s)<<8 | uint32(s[3]) }

func (l *lexicon) id(alt string) int {
	if id, ok := l.ids[alt]; ok {
		return id
	}
	l.n++
	l.ids[alt] = l.n
	text, stem := strings.CutSuffix(alt, "*")
	switch {
	case !stem:
		l.words[text] = l.n
	case len(text) < 3:
		l.short[text] = l.n
	case len(text) == 3:
		k := key3(text)
		l.stems3[k] = append(l.stems3[k], lexEntry{text, l.n})
	default:
		k := key4(text)
		l.stems4[k] = append(l.stems4[k], lexEntry{text, l.n})
	}
	return l.n
}

// match appends the ids that word matches, in increasing order.
func (l *lexicon) match(word string, ids []int) []int {
	start := len(ids)
	if id, ok := l.words[word]; ok {
		ids = append(ids, id)
	}
	if len(word) < 3 {
		if id, ok := l.short[word]; ok {
			ids = append(ids, id)
		}
	} else {
		for _, e := range l.stems3[key3(word)] {
			ids = append(ids, e.id)
		}
	}
	if len(word) >= 4 {
		for _, e := range l.stems4[key4(word)] {
			if strings.HasPrefix(word, e.text) {
				ids = append(ids, e.id)
			}
		}
	}
	if len(ids)-start > 1 {
		slices.Sort(ids[start:])
	}
	return ids
}

// ruleSet is a compiled list of rules.
type ruleSet struct {
	lex   *lexicon
	rules []rule
	// byFirst lists, for each lexicon id, the rules whose first required
	// slot (or an optional slot before it) can start with it.
	byFirst [][]candidate
	// inLists maps a lexicon id to the distinct alternative lists of
	// required slots it is in (lists numbers them while compiling). Many
	// rules share a word class, so a text is checked once per list for
	// whether the rule can match at all.
	inLists [][]int
	lists   map[string]int
	// compact are the rules' first alternatives joined without spaces, for
	// text whose letters were spaced out ("i g n o r e ...").
	compact []compactPhrase
	scratch sync.Pool // *matchScratch
}

type compactPhrase struct {
	text string
	rule int
}

// ruleSpec is a rule as written in rules_data.go.
type ruleSpec struct {
	category string
	score    float64
	pattern  string
}

// stage is a named list of rules; rule names start with the stage's name.
type stage struct {
	name  string
	specs []ruleSpec
}

func compileRules(stages ...stage) (*ruleSet, error) {
	rs := &ruleSet{lex: newLexicon(), lists: map[string]int{}}
	for _, st := range stages {
		for i, sp := range st.specs {
			if err := rs.add(sp, fmt.Sprintf("%s%s#%d", st.name, sp.category, i)); err != nil {
				return nil, err
			}
		}
	}
	return rs, nil
}

// add compiles one rule into rs.
func (rs *ruleSet) add(sp ruleSpec, name string) error {
	r, err := rs.parse(sp)
	if err != nil {
		return err
	}
	r.name = name
	idx := len(rs.rules)
	if n := rs.lex.n + 1; len(rs.byFirst) < n {
		rs.byFirst = append(rs.byFirst, make([][]candidate, n-len(rs.byFirst))...)
		rs.inLists = append(rs.inLists, make([][]int, n-len(rs.inLists))...)
	}
	for _, s := range r.slots {
		if s.optional {
			continue
		}
		key := fmt.Sprint(s.alts)
		l, ok := rs.lists[key]
		if !ok {
			l = len(rs.lists)
			rs.lists[key] = l
			for _, a := range s.alts {
				rs.inLists[a] = append(rs.inLists[a], l)
			}
		}
		if !slices.Contains(r.needs, l) {
			r.needs = append(r.needs, l)
		}
	}
	// Last slot first: a rule is tried because its first word is there,
	// and its last words (the harmful action, the target) are the rarest,
	// so possible fails at once for most rules tried.
	slices.Reverse(r.needs)
	rs.rules = append(rs.rules, r)
	for _, s := range r.slots {
		for _, a := range s.alts {
			rs.byFirst[a] = append(rs.byFirst[a], candidate{int32(idx), int32(r.needs[0])})
		}
		if !s.optional {
			break
		}
	}
	// The compact form: every slot's first alternative, stems cut.
	var b strings.Builder
	for _, f := range strings.Fields(sp.pattern) {
		if strings.HasPrefix(f, "~") || strings.HasPrefix(f, "[") || strings.HasPrefix(f, "!") {
			continue
		}
		b.WriteString(strings.TrimSuffix(strings.Split(f, "|")[0], "*"))
	}
	if b.Len() >= 12 {
		rs.compact = append(rs.compact, compactPhrase{b.String(), idx})
	}
	return nil
}

// parse reads a rule's pattern into slots and exclusions.
func (rs *ruleSet) parse(sp ruleSpec) (rule, error) {
	r := rule{category: sp.category, score: sp.score}
	gap := 0
	fields := strings.Fields(sp.pattern)
	for i, f := range fields {
		switch {
		case strings.HasPrefix(f, "!") && i != len(fields)-1:
			// "!a ~1 b" would end the exclusions at the space and make b
			// a required slot.
			return r, fmt.Errorf("rule %q: the exclusions %q must be the last slot, one word list without spaces", sp.pattern, f)
		case strings.HasPrefix(f, "!"):
			var after, before []string
			for _, a := range strings.Split(f[1:], "|") {
				if w, ok := strings.CutPrefix(a, "<"); ok {
					before = append(before, w)
				} else {
					after = append(after, a)
				}
			}
			if len(before) > 0 {
				ids, err := rs.alternatives(sp.pattern, strings.Join(before, "|"))
				if err != nil {
					return r, err
				}
				r.justBefore = ids
			}
			if len(after) == 0 {
				continue
			}
			ids, err := rs.alternatives(sp.pattern, strings.Join(after, "|"))
			if err != nil {
				return r, err
			}
			r.unless = ids
			for _, g := range gameTitles {
				if id, ok := rs.lex.ids[g]; ok && slices.Contains(ids, id) {
					r.unlessBefore = append(r.unlessBefore, id)
				}
			}
			slices.Sort(r.unlessBefore)
			continue
		case strings.HasPrefix(f, "~"):
			n, err := strconv.Atoi(f[1:])
			if err != nil {
				return r, fmt.Errorf("rule %q: bad gap %q", sp.pattern, f)
			}
			gap = n
			continue
		}
		s := slot{gap: gap}
		gap = 0
		if strings.HasPrefix(f, "[") && strings.HasSuffix(f, "]") {
			s.optional = true
			f = f[1 : len(f)-1]
		}
		ids, err := rs.alternatives(sp.pattern, f)
		if err != nil {
			return r, err
		}
		s.alts = ids
		r.slots = append(r.slots, s)
	}
	if len(r.slots) == 0 || r.slots[len(r.slots)-1].optional {
		return r, fmt.Errorf("rule %q: must end with a required slot", sp.pattern)
	}
	return r, nil
}

// alternatives returns the lexicon ids of a slot's "a|b*" alternatives.
// Patterns go through the same folding as text, so a pattern word matches
// its normalised form.
func (rs *ruleSet) alternatives(pattern, f string) ([]int, error) {
	var ids []int
	for _, alt := range strings.Split(f, "|") {
		stem := strings.HasSuffix(alt, "*")
		a := strings.TrimSuffix(alt, "*")
		if a == "" {
			return nil, fmt.Errorf("rule %q: empty alternative", pattern)
		}
		if n := Normalize(a); n != a {
			return nil, fmt.Errorf("rule %q: %q is not in normal form (%q)", pattern, a, n)
		}
		if stem {
			a += "*"
		}
		ids = append(ids, rs.lex.id(a))
	}
	slices.Sort(ids) // for slotMatches
	return ids, nil
}

// candidate is a rule tried at a word, with the list its last required
// slot needs, so that most rules are ruled out from the index alone.
type candidate struct {
	rule, need int32
}

// ruleHit is a rule that matched, with the word range it covered.
type ruleHit struct {
	rule       *rule
	start, end int // word indexes, end exclusive
}

// matchScratch is match's working memory, kept between calls.
type matchScratch struct {
	ids   []int
	idsOf [][]int
	lists []uint64 // bit set of the alternative lists some word matches
	seen  []int
}

// match runs the rules over normalised text and calls hit for each match.
func (rs *ruleSet) match(nt *normText, hit func(ruleHit)) {
	n := len(nt.toks)
	if n == 0 {
		return
	}
	sc, _ := rs.scratch.Get().(*matchScratch)
	if sc == nil {
		sc = new(matchScratch)
	}
	defer rs.scratch.Put(sc)
	// The lexicon ids of every word; most words have none.
	idsOf := slices.Grow(sc.idsOf[:0], n)[:n]
	clear(idsOf)
	sc.idsOf = idsOf
	any := false
	buf := sc.ids[:0]
	for i, t := range nt.toks {
		before := len(buf)
		buf = rs.lex.match(nt.s[t[0]:t[1]], buf)
		if len(buf) > before {
			idsOf[i] = buf[before:len(buf):len(buf)]
			any = true
		}
	}
	sc.ids = buf
	if any {
		lists := slices.Grow(sc.lists[:0], len(rs.lists)/64+1)[:len(rs.lists)/64+1]
		clear(lists)
		sc.lists = lists
		for _, ids := range idsOf {
			for _, id := range ids {
				for _, l := range rs.inLists[id] {
					lists[l/64] |= 1 << (l % 64)
				}
			}
		}
		seen := sc.seen[:0]
		for i := range n {
			for _, id := range idsOf[i] {
				for _, c := range rs.byFirst[id] {
					if lists[c.need/64]&(1<<(c.need%64)) == 0 {
						continue // most rules tried: decided without reading the rule
					}
					ri := int(c.rule)
					r := &rs.rules[ri]
					if !r.possible(lists) || slices.Contains(seen, ri) {
						continue
					}
					if end, ok := matchFrom(r.slots, 0, idsOf, i, true); ok && !r.cancelled(idsOf, i, end) {
						seen = append(seen, ri)
						hit(ruleHit{r, i, end})
					}
				}
			}
		}
		sc.seen = seen
	}
	if nt.merged {
		for _, t := range nt.toks {
			w := nt.s[t[0]:t[1]]
			if len(w) < 12 {
				continue
			}
			for _, c := range rs.compact {
				if strings.Contains(w, c.text) {
					hit(ruleHit{&rs.rules[c.rule], 0, n})
				}
			}
		}
	}
}

// possible reports whether every required slot of r matches some word of
// the text whose alternative lists are set in lists.
func (r *rule) possible(lists []uint64) bool {
	for _, l := range r.needs {
		if lists[l/64]&(1<<(l%64)) == 0 {
			return false
		}
	}
	return true
}

// cancelled reports whether one of r's exclusions stands in words
// [start, end) or just after, a game title among them just before, or a
// "<w" exclusion at the word before.
func (r *rule) cancelled(idsOf [][]int, start, end int) bool {
	if start > 0 && len(r.justBefore) > 0 && slotMatches(slot{alts: r.justBefore}, idsOf[start-1]) {
		return true
	}
	if len(r.unless) == 0 {
		return false
	}
	for p := start; p < min(end+unlessAfter, len(idsOf)); p++ {
		if slotMatches(slot{alts: r.unless}, idsOf[p]) {
			return true
		}
	}
	for p := max(start-unlessBefore, 0); p < start && len(r.unlessBefore) > 0; p++ {
		if slotMatches(slot{alts: r.unlessBefore}, idsOf[p]) {
			return true
		}
	}
	return false
}

// matchFrom matches slots[k:] with slot k at word pos (exactly at pos when
// anchored, else within the slot's gap).
func matchFrom(slots []slot, k int, idsOf [][]int, pos int, anchored bool) (int, bool) {
	if k == len(slots) {
		return pos, true
	}
	s := slots[k]
	maxPos := pos + s.gap
	if anchored {
		maxPos = pos
	}
	for p := pos; p <= maxPos && p < len(idsOf); p++ {
		if slotMatches(s, idsOf[p]) {
			if end, ok := matchFrom(slots, k+1, idsOf, p+1, false); ok {
				return end, true
			}
		}
	}
	if s.optional {
		// Skip the slot; its gap carries over to the next one.
		next := slots[k+1]
		next.gap += s.gap
		rest := append([]slot{next}, slots[k+2:]...)
		return matchFrom(rest, 0, idsOf, pos, anchored && s.gap == 0 && next.gap == 0)
	}
	return 0, false
}

// slotMatches reports whether one of a word's lexicon ids is among the
// slot's alternatives (sorted by alternatives, so long word classes cost a
// binary search, not a scan).
func slotMatches(s slot, ids []int) bool {
	for _, id := range ids {
		if _, ok := slices.BinarySearch(s.alts, id); ok {
			return true
		}
	}
	return false
}
