package filter

import "testing"

// TestAltRefusesASplitClass: a word class holding a gap or a space would
// make extra required slots of the rule it is joined into.
func TestAltRefusesASplitClass(t *testing.T) {
	for _, class := range []string{"кража|грабеж ~1 банка", "steal|rob a", "[maybe]|x", "kill|!process"} {
		func() {
			defer func() {
				if recover() == nil {
					t.Errorf("alt(%q) did not panic", class)
				}
			}()
			alt("how", class)
		}()
	}
	if got := alt("a|b*", "c"); got != "a|b*|c" {
		t.Errorf("alt = %q", got)
	}
}
