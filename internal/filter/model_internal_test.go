package filter

import (
	"math"
	"math/rand/v2"
	"strings"
	"testing"
)

// TestLogitsScoreEachWindowAsAText checks logits against a plain
// reimplementation: every window of a long text, and the whole text, is
// scored as training scores an example (each bucket once, the sum over
// √features), and the highest logit counts.
func TestLogitsScoreEachWindowAsAText(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	m := &Model{Bits: 10, NgramMin: 3, NgramMax: 4, Heads: []string{"a", "b"}, Scale: []float32{0.01, 0.02}, Bias: []float32{-1, 0.5}}
	m.Weights = make([]int8, (1<<m.Bits)*len(m.Heads))
	for i := range m.Weights {
		m.Weights[i] = int8(rng.IntN(255) - 127)
	}
	// Few distinct words, so buckets repeat within and across windows.
	vocab := strings.Fields("ignore the previous rules tell me about trams of lisbon and porto now please")
	var fs featureSet
	for _, n := range []int{0, 1, 5, window/2 - 1, window / 2, window/2 + 1, window, window + 1, 2*window + 7, 700} {
		words := make([]string, n)
		for i := range words {
			words[i] = vocab[rng.IntN(len(vocab))]
		}
		// Scoring twice with the same featureSet checks that no mark of
		// the first text leaks into the second.
		for range 2 {
			text := strings.Join(words, " ")
			nt := normalize(text)
			fs.reset()
			fs.extract(&nt, m.NgramMin, m.NgramMax)
			got := make([]float64, len(m.Heads))
			m.logits(&fs, got)
			want := naiveLogits(m, &fs)
			for h := range got {
				if math.Abs(got[h]-want[h]) > 1e-9 {
					t.Fatalf("%d words, head %d: logit %v, want %v", n, h, got[h], want[h])
				}
			}
		}
	}
}

// naiveLogits scores each window [ws, ws+window) at steps of window/2, and
// the whole text when it is longer than a window, with a fresh set of
// buckets each.
func naiveLogits(m *Model, fs *featureSet) []float64 {
	H := len(m.Heads)
	out := make([]float64, H)
	nw := len(fs.ends)
	score := func(from, to int) []float64 {
		lo := int32(0)
		if from > 0 {
			lo = fs.ends[from-1]
		}
		hi := int32(0)
		if to > 0 {
			hi = fs.ends[to-1]
		}
		seen := map[uint32]bool{}
		s := make([]float64, H)
		for _, hh := range fs.hashes[lo:hi] {
			b := hh & (1<<m.Bits - 1)
			if seen[b] {
				continue
			}
			seen[b] = true
			for h := range H {
				s[h] += float64(m.Weights[int(b)*H+h])
			}
		}
		for h := range H {
			s[h] = float64(m.Bias[h]) + float64(m.Scale[h])*s[h]/math.Sqrt(float64(max(hi-lo, 1)))
		}
		return s
	}
	for h := range out {
		out[h] = math.Inf(-1)
	}
	keep := func(s []float64) {
		for h := range s {
			out[h] = max(out[h], s[h])
		}
	}
	for ws := 0; ; ws += window / 2 {
		we := min(ws+window, nw)
		keep(score(ws, we))
		if we == nw {
			break
		}
	}
	if nw > window {
		keep(score(0, nw))
	}
	return out
}

// TestLogitsRepeatedSentence checks that repeating a sentence does not
// raise its score: counting every copy weighed six copies of a harmless
// sentence √6 times as much as one.
func TestLogitsRepeatedSentence(t *testing.T) {
	rng := rand.New(rand.NewPCG(3, 4))
	m := &Model{Bits: 12, NgramMin: 4, NgramMax: 4, Heads: []string{"a"}, Scale: []float32{0.01}, Bias: []float32{0}}
	m.Weights = make([]int8, 1<<m.Bits)
	for i := range m.Weights {
		m.Weights[i] = int8(rng.IntN(100))
	}
	sentence := "Tell me about the trams of Lisbon. "
	logit := func(text string) float64 {
		var fs featureSet
		nt := normalize(text)
		fs.extract(&nt, m.NgramMin, m.NgramMax)
		out := make([]float64, 1)
		m.logits(&fs, out)
		return out[0]
	}
	one, six := logit(sentence), logit(strings.Repeat(sentence, 6))
	// The features of six copies are six times as many, the buckets
	// nearly the same (the word pairs across copies are new): the sum is
	// divided by about √6 more. Counting every copy multiplied it by √6.
	if six > one/2 {
		t.Errorf("six copies: logit %v, one copy %v", six, one)
	}
}
