package training

import (
	"strings"
	"testing"

	"github.com/vmira/mira/internal/filter"
	"github.com/vmira/mira/internal/filter/dataset"
)

// TestWrittenHarmful checks the embedded harmful prompts and attacks parse,
// cover both languages and the kinds the filter must catch, and never repeat a benign
// prompt (a line in both files would teach the model nothing but noise).
func TestWrittenHarmful(t *testing.T) {
	harmful, err := Harmful()
	if err != nil {
		t.Fatal(err)
	}
	benign := map[string]bool{}
	for _, b := range Benign() {
		benign[strings.ToLower(b)] = true
	}
	seen := map[string]bool{}
	langs := map[string]int{}
	cats := map[string]int{}
	for _, h := range harmful {
		key := strings.ToLower(h.Text)
		if seen[key] {
			t.Errorf("harmful prompt repeated: %q", h.Text)
		}
		seen[key] = true
		if benign[key] {
			t.Errorf("prompt is in both the harmful and the benign files: %q", h.Text)
		}
		langs[filter.ScriptOf(h.Text)]++
		for _, c := range h.Categories {
			cats[c]++
		}
	}
	for _, sc := range []string{"latin", "cyrillic"} {
		if langs[sc] < 500 {
			t.Errorf("%d written harmful prompts in %s script, want at least 500", langs[sc], sc)
		}
	}
	for _, c := range []string{filter.Illicit, filter.IllicitViolent, filter.Violence, filter.Harassment, filter.Hate, filter.SelfHarm, filter.Sexual, filter.SexualMinors, filter.PromptInjection, filter.Jailbreak} {
		if cats[c] < 20 {
			t.Errorf("%d written harmful prompts in %s, want at least 20", cats[c], c)
		}
	}
}

// TestExamplesOfWrittenHarmful checks a written harmful prompt trains only
// the heads it is labelled with (and their parents) as positive and leaves
// every other head alone.
func TestExamplesOfWrittenHarmful(t *testing.T) {
	harmful, err := Harmful()
	if err != nil {
		t.Fatal(err)
	}
	var h Written
	for _, w := range harmful {
		if len(w.Categories) > 0 && strings.Contains(strings.Join(w.Categories, ","), "/") {
			h = w
			break
		}
	}
	if h.Text == "" {
		t.Fatal("no written harmful prompt with a subcategory")
	}
	var ex *filter.Example
	all := Examples(nil, true)
	for i := range all {
		if all[i].Text == h.Text {
			ex = &all[i]
		}
	}
	if ex == nil {
		t.Fatalf("written prompt %q not among the examples", h.Text)
	}
	for _, c := range append(dataset.Moderation, dataset.Attacks...) {
		want := -1
		for _, l := range h.Categories {
			if l == c {
				want = 1
			}
		}
		if ex.Targets[c] != want {
			t.Errorf("%q (%v): %s target = %d, want %d", h.Text, h.Categories, c, ex.Targets[c], want)
		}
		if p, _, sub := strings.Cut(c, "/"); sub && ex.Targets[c] == 1 && ex.Targets[p] != 1 {
			t.Errorf("%q: %s is positive but its parent %s is not", h.Text, c, p)
		}
	}
}

// TestPromptLines checks how a written file is read: comments and blank
// lines are left out, \n is a line break, and a prompt that starts with
// "#" (a Markdown system prompt) is kept when written \#, not read as a
// comment.
func TestPromptLines(t *testing.T) {
	file := "# a comment\n\n## Role\\nnot a prompt either\n\\## Role\\nYou are Pip.\nplain prompt\n  \\# Scope\\n- orders  \n"
	var got []string
	for _, l := range promptLines(file) {
		got = append(got, unescape(l.text))
	}
	want := []string{"## Role\nYou are Pip.", "plain prompt", "# Scope\n- orders"}
	if strings.Join(got, "|") != strings.Join(want, "|") {
		t.Errorf("read %q; want %q", got, want)
	}
	if l := promptLines(file); len(l) != 3 || l[0].n != 4 || l[2].n != 6 {
		t.Errorf("line numbers %v; want 4, 5, 6", l)
	}
	var markdown int
	for _, b := range Benign() {
		if strings.HasPrefix(b, "#") {
			markdown++
		}
	}
	if markdown == 0 {
		t.Error("no written benign prompt starts with #: the Markdown system prompts were read as comments")
	}
}
