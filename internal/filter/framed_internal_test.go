package filter

import (
	"math"
	"testing"
)

// TestFramedHarm: a harmful request in a faint jailbreak frame takes the
// geometric mean of the two scores as its jailbreak score; harm with no
// frame, a frame around a harmless request, and a jailbreak scored above
// the harm keep their scores.
func TestFramedHarm(t *testing.T) {
	jb, illicit, violence := catIndex[Jailbreak], catIndex[Illicit], catIndex[Violence]
	for _, c := range []struct {
		name           string
		jb, harm, want float64
		harmCat        int
	}{
		{"faint frame, clear harm", 0.2, 0.9, math.Sqrt(0.2 * 0.9), illicit},
		{"faint frame, clear violence", 0.25, 0.8, math.Sqrt(0.25 * 0.8), violence},
		{"no frame", 0, 0.95, 0, illicit},
		{"frame, no harm", 0.3, 0.05, 0.3, illicit},
		{"jailbreak above harm", 0.7, 0.6, 0.7, illicit},
	} {
		var s [nCat]float64
		s[jb], s[c.harmCat] = c.jb, c.harm
		framedHarm(&s)
		if math.Abs(s[jb]-c.want) > 1e-9 {
			t.Errorf("%s: jailbreak %.4f, want %.4f", c.name, s[jb], c.want)
		}
		if s[c.harmCat] != c.harm {
			t.Errorf("%s: harm score changed to %.4f", c.name, s[c.harmCat])
		}
		if s[catIndex[PromptInjection]] != 0 {
			t.Errorf("%s: prompt injection score changed", c.name)
		}
	}
}
