package provider

import "bytes"

var modelKey = []byte(`"model":`)

// withModel returns b, a compact JSON object (an answer or a chunk), with
// the value of its top-level "model" members replaced by value, a JSON
// string; nested members of that name are left alone. b is returned as it
// is when it has no such member.
func withModel(b, value []byte) []byte {
	if !bytes.Contains(b, modelKey) && !bytes.Contains(b, unicodeEscape) {
		return b
	}
	var out []byte
	copied := 0
	forMembers(b, func(m member) bool {
		if keyIs(m.key, "model") {
			out = append(append(out, b[copied:m.end-len(m.val)]...), value...)
			copied = m.end
		}
		return true
	})
	if out == nil {
		return b
	}
	return append(out, b[copied:]...)
}
