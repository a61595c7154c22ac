package provider

import (
	"bytes"
	"encoding/json"

	"github.com/vmira/mira/internal/openai"
)

// The upstream's payloads are compacted first (json.Compact validates them);
// after that a few byte searches tell whether a chunk needs a closer look, and
// a small scanner finds the top-level members without decoding the rest.

// member is one top-level member of a compact JSON object.
type member struct {
	start, end int    // span in the object, from the key's opening quote to the end of the value
	key, val   []byte // the raw key (between its quotes) and the raw value
}

// topLevel holds what Mira reads from a chat completion or a chunk.
type topLevel struct {
	choices  []byte // raw value of "choices", nil when absent
	usage    []byte // raw value of "usage" unless absent or null
	errValue []byte // raw value of "error" unless absent or null
	errNull  bool   // an "error": null member is present
}

// inspect reads the top-level members of b, a valid compact JSON object. A
// repeated key counts as its last occurrence, as encoding/json decodes it.
// It reports false if b is not an object.
func inspect(b []byte) (topLevel, bool) {
	var t topLevel
	ok := forMembers(b, func(m member) bool {
		null := string(m.val) == "null"
		switch {
		case keyIs(m.key, "choices"):
			t.choices = m.val
		case keyIs(m.key, "usage"):
			t.usage = nil
			if !null {
				t.usage = m.val
			}
		case keyIs(m.key, "error"):
			t.errValue = nil
			if null {
				t.errNull = true
			} else {
				t.errValue = m.val
			}
		}
		return true
	})
	return t, ok
}

// withoutError returns b without its top-level "error" members. openai-go
// aborts a stream on any chunk with an "error" key, even a null one.
func withoutError(b []byte) []byte {
	out := make([]byte, 0, len(b))
	out = append(out, '{')
	forMembers(b, func(m member) bool {
		if keyIs(m.key, "error") {
			return true
		}
		if len(out) > 1 {
			out = append(out, ',')
		}
		out = append(out, b[m.start:m.end]...)
		return true
	})
	return append(out, '}')
}

// parseUsage decodes a raw usage object; a malformed one counts as absent.
func parseUsage(raw []byte) (openai.Usage, bool) {
	var u openai.Usage
	if raw == nil || json.Unmarshal(raw, &u) != nil {
		return openai.Usage{}, false
	}
	return u, true
}

// forMembers calls fn for each top-level member of b, a valid compact JSON
// object, until fn returns false. It reports false if b is not an object or
// not shaped as compact JSON.
func forMembers(b []byte, fn func(member) bool) bool {
	if len(b) < 2 || b[0] != '{' {
		return false
	}
	i := 1
	if b[i] == '}' {
		return true
	}
	for i < len(b) {
		if b[i] != '"' {
			return false
		}
		k := skipString(b, i)
		if k < 0 || k >= len(b) || b[k] != ':' {
			return false
		}
		v := skipValue(b, k+1)
		if v < 0 || v >= len(b) {
			return false
		}
		if !fn(member{start: i, end: v, key: b[i+1 : k-1], val: b[k+1 : v]}) {
			return true
		}
		switch b[v] {
		case ',':
			i = v + 1
		case '}':
			return true
		default:
			return false
		}
	}
	return false
}

// skipString returns the index after the string starting at b[i], or -1.
func skipString(b []byte, i int) int {
	for k := i + 1; k < len(b); k++ {
		switch b[k] {
		case '\\':
			k++
		case '"':
			return k + 1
		}
	}
	return -1
}

// skipValue returns the index after the value starting at b[i], or -1.
func skipValue(b []byte, i int) int {
	if i >= len(b) {
		return -1
	}
	switch b[i] {
	case '"':
		return skipString(b, i)
	case '{', '[':
		depth := 0
		for k := i; k < len(b); k++ {
			switch b[k] {
			case '"':
				k = skipString(b, k)
				if k < 0 {
					return -1
				}
				k-- // the loop's k++ lands after the string
			case '{', '[':
				depth++
			case '}', ']':
				depth--
				if depth == 0 {
					return k + 1
				}
			}
		}
		return -1
	}
	for k := i; k < len(b); k++ { // number, true, false, null
		switch b[k] {
		case ',', '}', ']':
			return k
		}
	}
	return -1
}

// keyIs reports whether the raw key k (between its quotes) is name, also
// when the upstream escaped some of its characters.
func keyIs(k []byte, name string) bool {
	if bytes.IndexByte(k, '\\') < 0 {
		return string(k) == name
	}
	var s string
	q := make([]byte, 0, len(k)+2)
	q = append(append(append(q, '"'), k...), '"')
	return json.Unmarshal(q, &s) == nil && s == name
}
