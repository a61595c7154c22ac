package provider

import "bytes"

var responseKey = []byte(`"response":`)

// clientModel returns b, a compact JSON answer, chunk or event of a
// route's target, with the client's model name (value, a JSON string) in
// place of the backend's: the top-level "model" of every endpoint's
// answers and chunks, and the "model" of the response object that the
// Responses API's lifecycle events (response.created, .in_progress,
// .completed, .incomplete, .failed) carry in their "response" member.
// Other nested members of that name are left alone.
func clientModel(b, value []byte) []byte {
	b = withModel(b, value)
	if !bytes.Contains(b, responseKey) && !bytes.Contains(b, unicodeEscape) {
		return b
	}
	var out []byte
	copied := 0
	forMembers(b, func(m member) bool {
		if keyIs(m.key, "response") && len(m.val) > 0 && m.val[0] == '{' {
			start := m.end - len(m.val)
			out = append(append(out, b[copied:start]...), withModel(m.val, value)...)
			copied = m.end
		}
		return true
	})
	if out == nil {
		return b
	}
	return append(out, b[copied:]...)
}
