package filter

import (
	"strings"
	"testing"
)

func TestUnmaskObscenities(t *testing.T) {
	for _, c := range []struct{ in, want string }{
		{"ты у*бок", "ты уебок"},
		{"ну пи**ц, приехали", "ну пиздец, приехали"},
		{"f*ck this", "fuck this"},
		{"Ё*ка-б*ка", ""}, // no obscenity fits
		{"2*3 = 6", ""},
		{"**жирный** текст", ""},
		{"a*b*c", ""},
		{"без звёздочек", ""},
	} {
		got, ok := unmaskObscenities(c.in)
		if c.want == "" && ok || c.want != "" && got != c.want {
			t.Errorf("unmaskObscenities(%q) = %q, %v; want %q", c.in, got, ok, c.want)
		}
	}
}

// TestUnmaskHostile checks the bounds that keep a hostile text cheap: a
// word with more runs of stars than maxRuns is not tried, and no more than
// maxMasked starred words of a text are.
func TestUnmaskHostile(t *testing.T) {
	if w, ok := unmaskWord("*а*б*в*г*д*е*ж*з"); ok {
		t.Errorf("a word of eight runs of stars was tried (%q)", w)
	}
	got, ok := unmaskObscenities(strings.Repeat("с*ка ", 2*maxMasked))
	if n := strings.Count(got, "сука"); !ok || n != maxMasked {
		t.Errorf("%d starred words unmasked, want %d", n, maxMasked)
	}
}
