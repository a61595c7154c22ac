package screen

import (
	"fmt"
	"strings"
	"testing"

	"github.com/vmira/mira/internal/config"
)

func TestCleanCacheBounded(t *testing.T) {
	c := newCleanCache(4)
	var ks []cacheKey
	for i := range 10 {
		ks = append(ks, keyOf(domainFilter, nil, nil, fmt.Sprint(i)))
	}
	c.add(ks[:4]...)
	c.lookup(ks[:1]) // key 0 was used: it survives the next eviction
	c.add(ks[4])
	if c.len() != 4 {
		t.Fatalf("%d keys; want 4", c.len())
	}
	hit := c.lookup(ks[:5])
	if !hit[0] || hit[1] || !hit[4] {
		t.Errorf("after eviction: %v; want key 0 kept, key 1 evicted, key 4 in", hit)
	}
	c.add(ks...)
	if c.len() != 4 {
		t.Errorf("%d keys after many adds; want 4", c.len())
	}
}

func TestKeyOfSeparates(t *testing.T) {
	k := keyOf(domainFilter, []byte("v"), []byte("ab"), "c")
	for name, other := range map[string]cacheKey{
		"domain":   keyOf(domainSensitive, []byte("v"), []byte("ab"), "c"),
		"version":  keyOf(domainFilter, []byte("w"), []byte("ab"), "c"),
		"boundary": keyOf(domainFilter, []byte("v"), []byte("a"), "bc"),
		"previous": keyOf(domainFilter, []byte("v"), nil, "abc"),
	} {
		if other == k {
			t.Errorf("%s not in the key", name)
		}
	}
	if keyOf(domainFilter, []byte("v"), []byte("ab"), "c") != k {
		t.Error("key not stable")
	}
}

// TestUnseenReadsOnlyNewText: the second turn of a conversation is read
// from a bounded context before the new message, not from the start.
func TestUnseenReadsOnlyNewText(t *testing.T) {
	s, err := Build(config.Default(), func(string) string { return "" })
	if err != nil {
		t.Fatal(err)
	}
	f := s.For("")
	history := []string{"You are helpful.", strings.Repeat("Tell me about the trams of Lisbon. ", 40), "", "They climb the hills."}
	text, ks := f.unseen("acme", history)
	if want, _ := joinTexts([]string{history[0], history[1], history[3]}); text != want || len(ks) != 3 {
		t.Fatalf("first turn reads %q (%d keys); want everything", text, len(ks))
	}
	clean.add(ks...)
	if text, _ := f.unseen("acme", history); text != "" {
		t.Errorf("seen history read again: %q", text)
	}
	next := append(history, "And the pastries?")
	text, ks = f.unseen("acme", next)
	if !strings.HasSuffix(text, "They climb the hills.\nAnd the pastries?\n") || len(text) > contextBytes+len("And the pastries?\n") || len(ks) != 1 {
		t.Errorf("next turn reads %d bytes %q (%d keys); want the context and the new message", len(text), text, len(ks))
	}
	// A text changed earlier in the history is read again with all after it.
	edited := append([]string{"You are very helpful."}, history[1:]...)
	if text, ks := f.unseen("acme", edited); !strings.HasPrefix(text, "You are very helpful.") || len(ks) != 3 {
		t.Errorf("edited history reads %q (%d keys); want all of it again", text, len(ks))
	}
	// Another organisation, or another policy, finds nothing seen.
	if text, _ := f.unseen("other org", history); text == "" {
		t.Error("another organisation's history taken as seen")
	}
	other := *f
	other.version = []byte("other")
	if text, _ := other.unseen("acme", history); text == "" {
		t.Error("another policy version took the history as seen")
	}
}
