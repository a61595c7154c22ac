package filter

import (
	"fmt"
	"math/rand/v2"
	"slices"
	"strings"
	"sync"
)

// The reference matcher: the rules run one by one over the words of a
// text, comparing words with the patterns' alternatives as strings, with no
// lexicon ids, word-list sets, candidate index or scratch reuse. The
// optimised matcher in rules.go must find the same hits in the same order.

var (
	refOnce  sync.Once
	refRules *ruleSet
	refAlt   []string // lexicon id -> "word" or "stem*"
	refErr   error
)

func loadReference() {
	refRules, refErr = compileRules(ruleStages...)
	if refErr != nil {
		return
	}
	refAlt = make([]string, refRules.lex.n+1)
	for alt, id := range refRules.lex.ids {
		refAlt[id] = alt
	}
}

// refAltMatches reports whether word matches the alternative alt. Stems
// shorter than three bytes match only the word itself.
func refAltMatches(alt, word string) bool {
	text, stem := strings.CutSuffix(alt, "*")
	if stem && len(text) >= 3 {
		return strings.HasPrefix(word, text)
	}
	return word == text
}

func refSlotMatches(alts []int, word string) bool {
	for _, id := range alts {
		if refAltMatches(refAlt[id], word) {
			return true
		}
	}
	return false
}

// refMatchFrom matches slots[k:] with slot k at word pos: exactly there
// when anchored, else up to the slot's gap further on; an optional slot
// that is skipped hands its gap to the next one.
func refMatchFrom(slots []slot, k int, words []string, pos int, anchored bool) (int, bool) {
	if k == len(slots) {
		return pos, true
	}
	s := slots[k]
	last := pos + s.gap
	if anchored {
		last = pos
	}
	for p := pos; p <= last && p < len(words); p++ {
		if refSlotMatches(s.alts, words[p]) {
			if end, ok := refMatchFrom(slots, k+1, words, p+1, false); ok {
				return end, true
			}
		}
	}
	if !s.optional {
		return 0, false
	}
	rest := slices.Clone(slots[k+1:])
	rest[0].gap += s.gap
	return refMatchFrom(rest, 0, words, pos, anchored && s.gap == 0 && rest[0].gap == 0)
}

// refCancelled reports whether an exclusion of r stands in the match
// [start, end) or up to unlessAfter words after it, or one of its game
// titles up to unlessBefore words before it, or a "<w" exclusion just
// before it.
func refCancelled(r *rule, words []string, start, end int) bool {
	for p := start; p < min(end+unlessAfter, len(words)); p++ {
		if refSlotMatches(r.unless, words[p]) {
			return true
		}
	}
	for p := max(start-unlessBefore, 0); p < start; p++ {
		if refSlotMatches(r.unlessBefore, words[p]) {
			return true
		}
	}
	return start > 0 && refSlotMatches(r.justBefore, words[start-1])
}

// refFirstID is the smallest lexicon id among the alternatives of r's
// leading slots that word matches, or 0 if none does: the rule is tried at
// a word only if one does, and the order of hits at one word follows it.
func refFirstID(r *rule, word string) int {
	first := 0
	for _, s := range r.slots {
		for _, id := range s.alts {
			if refAltMatches(refAlt[id], word) && (first == 0 || id < first) {
				first = id
			}
		}
		if !s.optional {
			break
		}
	}
	return first
}

// referenceHits runs every rule over the normalised text and returns its
// hits as "name start end", in the order the optimised matcher reports
// them: by start word, then by refFirstID, then by rule.
func referenceHits(nt *normText) []string {
	words := make([]string, len(nt.toks))
	for i, t := range nt.toks {
		words[i] = nt.s[t[0]:t[1]]
	}
	type refHit struct{ start, first, rule, end int }
	var hits []refHit
	for ri := range refRules.rules {
		r := &refRules.rules[ri]
		for i, w := range words {
			first := refFirstID(r, w)
			if first == 0 {
				continue
			}
			if end, ok := refMatchFrom(r.slots, 0, words, i, true); ok && !refCancelled(r, words, i, end) {
				hits = append(hits, refHit{i, first, ri, end})
				break
			}
		}
	}
	slices.SortFunc(hits, func(a, b refHit) int {
		if a.start != b.start {
			return a.start - b.start
		}
		if a.first != b.first {
			return a.first - b.first
		}
		return a.rule - b.rule
	})
	var out []string
	for _, h := range hits {
		out = append(out, fmt.Sprintf("%s %d %d", refRules.rules[h.rule].name, h.start, h.end))
	}
	if nt.merged {
		for _, w := range words {
			if len(w) < 12 {
				continue
			}
			for _, c := range refRules.compact {
				if strings.Contains(w, c.text) {
					out = append(out, fmt.Sprintf("%s %d %d", refRules.rules[c.rule].name, 0, len(words)))
				}
			}
		}
	}
	return out
}

// RuleHits returns the hits of the optimised matcher and of the reference
// matcher on text, each as "name start end".
func RuleHits(text string) (fast, ref []string, err error) {
	refOnce.Do(loadReference)
	if refErr != nil {
		return nil, nil, refErr
	}
	nt := normalize(text)
	refRules.match(&nt, func(h ruleHit) {
		fast = append(fast, fmt.Sprintf("%s %d %d", h.rule.name, h.start, h.end))
	})
	return fast, referenceHits(&nt), nil
}

// GeneratedRuleTexts returns n texts built from the rules' own words: each
// walks one rule's slots with random alternatives (stems given an ending),
// random gaps of filler, skipped or out-of-order slots, and now and then an
// exclusion word before, inside or after, so that most texts come near a
// match and many match.
func GeneratedRuleTexts(seed uint64, n int) ([]string, error) {
	refOnce.Do(loadReference)
	if refErr != nil {
		return nil, refErr
	}
	rng := rand.New(rand.NewPCG(seed, seed^0x9e3779b97f4a7c15))
	endings := []string{"", "s", "ing", "ed", "а", "ы", "ой", "ами", "ению", "x"}
	filler := []string{"the", "a", "and", "please", "и", "в", "на", "очень", "2", "game", "игре", "мне", "for", "to"}
	word := func(alts []int) string {
		alt := refAlt[alts[rng.IntN(len(alts))]]
		if text, stem := strings.CutSuffix(alt, "*"); stem {
			return text + endings[rng.IntN(len(endings))]
		}
		return alt
	}
	rules := refRules.rules
	out := make([]string, 0, n)
	for range n {
		var words []string
		add := func(k int) {
			for range k {
				words = append(words, filler[rng.IntN(len(filler))])
			}
		}
		add(rng.IntN(3))
		// Two rules in a row now and then, so that hits overlap.
		for range 1 + rng.IntN(2) {
			r := rules[rng.IntN(len(rules))]
			if len(r.unless) > 0 && rng.IntN(4) == 0 {
				words = append(words, word(r.unless))
				add(rng.IntN(7))
			}
			if len(r.justBefore) > 0 && rng.IntN(4) == 0 {
				words = append(words, word(r.justBefore))
			}
			if len(r.unlessBefore) > 0 && rng.IntN(3) == 0 {
				words = append(words, word(r.unlessBefore))
				add(rng.IntN(unlessBefore + 2))
			}
			for _, s := range r.slots {
				switch x := rng.IntN(20); {
				case x == 0:
					continue // a missing slot
				case x == 1 && len(words) > 0:
					words = append(words[:len(words)-1], word(s.alts), words[len(words)-1])
					continue // out of order
				case s.optional && x < 10:
					continue
				}
				add(rng.IntN(s.gap + 2))
				words = append(words, word(s.alts))
			}
			if len(r.unless) > 0 && rng.IntN(4) == 0 {
				add(rng.IntN(7))
				words = append(words, word(r.unless))
			}
			add(rng.IntN(4))
		}
		out = append(out, strings.Join(words, " "))
	}
	return out, nil
}
