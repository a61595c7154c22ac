package filter

import (
	"slices"
	"strings"
)

// A request put in the past tense is a known way past a filter: "how did
// people make pipe bombs in the 1970s", «как раньше в деревнях избавлялись
// от тел» ask for the same method as "how do I make a pipe bomb", but the
// rules are written for the forms of a request: the infinitive, the
// imperative, "how do I". presentReading rewrites the verbs of a text that
// sets its question in the past in general ("in the past", "back in the
// 80s", «раньше», «в 90-е») into those forms, for the rules only; the
// classifier, which has seen both tenses, reads the text as it is. Without
// such a frame the past tense mostly tells what happened ("someone made a
// fake account of me", «меня обманули»), and is left as it is.

// maxPastText caps the texts that get a present reading: the past-tense
// requests are short, and a long document in the past tense (a story, a
// report) would only cost time.
const maxPastText = 2 << 10

// presentReading returns nt with its past-tense verbs rewritten in the
// forms the rules are written for, and whether any word was rewritten. A
// word is rewritten only into a word a rule names, so a noun that ends like
// a verb ("bed", «пыли») is left alone. An English passive, "how were pipe
// bombs made", is put in the active: "how to make pipe bombs".
func (rs *ruleSet) presentReading(nt *normText) (normText, bool) {
	if len(nt.s) > maxPastText || !anyPast(nt) || !pastFramed(nt) {
		return normText{}, false
	}
	words := make([]string, len(nt.toks))
	changed := make([]bool, len(nt.toks))
	for i, t := range nt.toks {
		words[i] = nt.s[t[0]:t[1]]
		if p := rs.presentForm(words[i]); p != "" {
			words[i], changed[i] = p, true
		}
	}
	words, active := activePassive(words, changed)
	if !active && !slices.Contains(changed, true) {
		return normText{}, false
	}
	var b strings.Builder
	toks := make([][2]int32, len(words))
	for i, w := range words {
		if i > 0 {
			b.WriteByte(' ')
		}
		toks[i] = [2]int32{int32(b.Len()), int32(b.Len() + len(w))}
		b.WriteString(w)
	}
	return normText{s: b.String(), toks: toks, merged: nt.merged}, true
}

// maxPassive is the most words between "how were" and its participle.
const maxPassive = 4

// activePassive puts "how was|were X … <verb>" in the active, "how to
// <verb> X …", where the verb is one presentReading rewrote or an irregular
// participle, and reports whether it did.
func activePassive(words []string, changed []bool) ([]string, bool) {
	for i := 1; i+2 < len(words); i++ {
		if words[i-1] != "how" || words[i] != "was" && words[i] != "were" {
			continue
		}
		// The last verb in reach: in "how were stolen cars hidden" the
		// participle next to "were" is an adjective.
		for j := min(len(words)-1, i+1+maxPassive); j >= i+2; j-- {
			verb := words[j]
			if p, ok := enParticiple[verb]; ok {
				verb = p
			} else if !changed[j] {
				continue
			}
			out := append(slices.Clip(words[:i]), "to", verb)
			out = append(out, words[i+1:j]...)
			return append(out, words[j+1:]...), true
		}
	}
	return words, false
}

// anyPast reports whether a word of nt may be a past tense, looking at
// endings only: most texts have none, and need no more look.
func anyPast(nt *normText) bool {
	for _, t := range nt.toks {
		w := nt.s[t[0]:t[1]]
		switch {
		case len(w) < 3:
		case w[0] < 0x80:
			if w == "did" || strings.HasSuffix(w, "ed") || len(w) <= 7 && (enIrregularPast[w] != "" || enParticiple[w] != "") {
				return true
			}
		case strings.HasSuffix(w, "ли") || strings.HasSuffix(w, "лись"):
			return true
		}
	}
	return false
}

// presentForm returns the form the rules know of a past-tense verb w, or
// "" when w is not one or the rules know no form of it.
func (rs *ruleSet) presentForm(w string) string {
	if w == "did" {
		return "do"
	}
	if p, ok := enIrregularPast[w]; ok {
		return p
	}
	for _, c := range presentCandidates(w) {
		if _, ok := rs.lex.words[c]; ok {
			return c
		}
	}
	return ""
}

// presentCandidates returns the forms w would have in the present if it
// is a past-tense verb: "poisoned" → poison, poisone; «делали» → делать;
// «избавлялись» → избавляться.
func presentCandidates(w string) []string {
	if len(w) >= 5 && strings.HasSuffix(w, "ed") && w[0] < 0x80 {
		stem := w[:len(w)-2]
		c := []string{stem, stem + "e"}
		if n := len(stem); n >= 3 && stem[n-1] == stem[n-2] {
			c = append(c, stem[:n-1]) // kidnapped, robbed
		}
		if strings.HasSuffix(stem, "i") {
			c = append(c, stem[:len(stem)-1]+"y") // supplied
		}
		return c
	}
	// Cyrillic: at least four letters before the ending.
	if len(w) < 10 || w[0] < 0x80 {
		return nil
	}
	for _, e := range ruPastEndings {
		if stem, ok := strings.CutSuffix(w, e.past); ok && len(stem) >= 6 {
			for _, v := range e.vowels {
				if strings.HasSuffix(stem, v) {
					return []string{stem + e.present}
				}
			}
		}
	}
	return nil
}

// ruPastEndings rewrite the Russian plural past tense after a vowel, the
// form of "how did people …": делали → делать, избавлялись → избавляться.
// The singular is left alone: too many nouns end like it (танцпол, стола).
var ruPastEndings = []struct {
	past, present string
	vowels        []string // the letters the stem may end in
}{
	{"лись", "ться", ruVowels}, {"ли", "ть", ruVowels},
}

var ruVowels = []string{"а", "я", "е", "и", "о", "у", "ы"}

// enIrregularPast are the irregular English past tenses of the verbs of
// harmful requests.
var enIrregularPast = map[string]string{
	"made": "make", "built": "build", "hid": "hide", "stole": "steal", "bought": "buy", "sold": "sell",
	"got": "get", "took": "take", "broke": "break", "shot": "shoot", "fed": "feed", "drove": "drive",
	"threw": "throw", "blew": "blow", "wrote": "write", "hung": "hang", "sent": "send", "brought": "bring",
	"kept": "keep", "snuck": "sneak", "grew": "grow", "fought": "fight", "struck": "strike", "burnt": "burn",
}

// enParticiple are the irregular English past participles, read as verbs
// only in a passive ("how were the bodies hidden"): elsewhere they are
// adjectives ("a hidden camera", "stolen cards").
var enParticiple = map[string]string{
	"hidden": "hide", "stolen": "steal", "taken": "take", "written": "write", "broken": "break",
	"blown": "blow", "grown": "grow", "beaten": "beat", "given": "give", "driven": "drive", "shot": "shoot",
	"thrown": "throw", "sold": "sell", "bought": "buy", "made": "make", "built": "build",
}

// pastFramed reports whether a text asks how a thing was done in the past
// in general: "in the past", "back in the 80s", "historically", «раньше»,
// «в 90-е», «в СССР».
func pastFramed(nt *normText) bool {
	prev := ""
	framed, how := false, false
	for _, t := range nt.toks {
		w := nt.s[t[0]:t[1]]
		framed = framed || pastFrameWords[w] || pastFramePairs[[2]string{prev, w}] || decade(prev, w)
		how = how || methodWords[w]
		prev = w
	}
	return framed && how
}

// methodWords ask how a thing was done; "why did they …" («почему в СССР
// выращивали коноплю») asks for no method.
var methodWords = setOf("how|what|which|way|ways|method|methods|как|каким|какими|какие|какой|какую|каких|чем|способ|способы|способами|методы")

var pastFrameWords = setOf("historically|formerly|olden|bygone|yesteryear|medieval|prohibition|раньше|прежде|встарь|исторически|некогда|когда-то|ссср|средневековье|средневековья|девяностые|девяностых|восьмидесятые|восьмидесятых|семидесятые|семидесятых")

var pastFramePairs = func() map[[2]string]bool {
	m := map[[2]string]bool{}
	for p := range setOf("the past|back in|back then|used to|old days|ancient times|old times|в прошлом|в старину|в древности|в старые|в былые|старые времена|былые времена|в советское|советское время|советские времена|в войну|средние века|в царской|до революции|в годы") {
		a, b, _ := strings.Cut(p, " ")
		m[[2]string{a, b}] = true
	}
	return m
}()

// decade reports whether two words name a decade: "the 80s", "1920s", «в
// 90-е», «в 90 х».
func decade(prev, w string) bool {
	if n := len(w); n == 5 && w[4] == 's' && w[0] == '1' && w[3] == '0' || n == 3 && w[2] == 's' && w[1] == '0' {
		return true
	}
	return len(prev) == 2 && prev[1] == '0' && '2' <= prev[0] && prev[0] <= '9' && (w == "е" || w == "х" || w == "ые" || w == "ых" || w == "s")
}

func setOf(list string) map[string]bool {
	m := map[string]bool{}
	for _, w := range strings.Split(list, "|") {
		m[w] = true
	}
	return m
}
