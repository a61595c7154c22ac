package filter

import "testing"

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
