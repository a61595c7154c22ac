package filter

import (
	"strings"
	"testing"
)

// TestRuleExclusionWindow checks where a rule's exclusions are seen: in
// the match and up to unlessAfter words after it, and before it only a
// game title, up to unlessBefore words.
func TestRuleExclusionWindow(t *testing.T) {
	rs, err := compileRules(stage{"", []ruleSpec{
		{Illicit, 0.9, "how ~2 rob ~2 bank !game|film*|gta|скайрим*"},
	}})
	if err != nil {
		t.Fatal(err)
	}
	// Distinct words: the normaliser drops repeated ones.
	words := strings.Fields("one two three four five six seven eight nine ten eleven twelve")
	filler := func(n int) string { return strings.Join(words[:n], " ") + " " }
	for _, tt := range []struct {
		text string
		want bool
	}{
		{"how do i rob a bank", true},
		{"how do i rob a bank in the game", false},
		{"how do i rob a bank " + filler(unlessAfter-1) + "game", false},
		{"how do i rob a bank " + filler(unlessAfter) + "game", true},
		{"how do i rob the game bank", false},
		{"in the game how do i rob a bank", true},
		{"films how do i rob a bank", true},
		{"in gta how do i rob a bank", false},
		{"in скайриме how do i rob a bank", false},
		{"gta " + filler(unlessBefore-1) + "how do i rob a bank", false},
		{"gta " + filler(unlessBefore) + "how do i rob a bank", true},
		{"this is not a game how do i rob a bank", true},
	} {
		nt := normalize(tt.text)
		got := false
		rs.match(&nt, func(ruleHit) { got = true })
		if got != tt.want {
			t.Errorf("match(%q) = %v; want %v", tt.text, got, tt.want)
		}
	}
}

// TestRuleJustBefore: a "<w" exclusion cancels a match from the word just
// before it only; inside or after the match it is an ordinary word.
func TestRuleJustBefore(t *testing.T) {
	rs, err := compileRules(stage{"", []ruleSpec{
		{Illicit, 0.9, "хочу ~3 украсть !<не|<никогда|полиц*"},
	}})
	if err != nil {
		t.Fatal(err)
	}
	for _, tt := range []struct {
		text string
		want bool
	}{
		{"я хочу украсть велосипед", true},
		{"я не хочу украсть велосипед", false},
		{"я никогда не хочу украсть", false},
		{"никогда я хочу украсть", true},
		{"хочу украсть так чтобы не поймали", true},
		{"хочу не украсть", true},
		{"хочу украсть у полиции", false},
		{"полиция хочу украсть", true},
	} {
		nt := normalize(tt.text)
		got := false
		rs.match(&nt, func(ruleHit) { got = true })
		if got != tt.want {
			t.Errorf("match(%q) = %v; want %v", tt.text, got, tt.want)
		}
	}
}

// TestRuleExclusionsMustBeLast: a space or a gap inside the exclusions
// would end them early and make the rest a required slot, so it is an
// error.
func TestRuleExclusionsMustBeLast(t *testing.T) {
	for _, p := range []string{"how ~2 rob !game ~1 bank", "how ~2 rob !game film", "!game how ~2 rob"} {
		if _, err := compileRules(stage{"", []ruleSpec{{Illicit, 0.9, p}}}); err == nil {
			t.Errorf("compileRules(%q): no error", p)
		}
	}
	if _, err := compileRules(stage{"", []ruleSpec{{Illicit, 0.9, "how ~2 rob !game|film*|<не"}}}); err != nil {
		t.Errorf("valid pattern: %v", err)
	}
}
