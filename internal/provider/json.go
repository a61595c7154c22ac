package provider

import (
	"bytes"
	"encoding/json"
	"fmt"
	"slices"
	"strconv"

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
	data     []byte // raw value of "data" (embeddings), nil when absent
	output   []byte // raw value of "output" (a response), nil when absent
	typ      []byte // raw value of "type" (an event of the Responses API)
	response []byte // raw value of "response" (an event of the Responses API)
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
		case keyIs(m.key, "data"):
			t.data = m.val
		case keyIs(m.key, "output"):
			t.output = m.val
		case keyIs(m.key, "type"):
			t.typ = m.val
		case keyIs(m.key, "response"):
			t.response = m.val
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

// parseUsage decodes a raw usage object, of chat completions or of the
// Responses API (input_tokens, output_tokens); a malformed one counts as
// absent.
func parseUsage(raw []byte) (openai.Usage, bool) {
	if u, ok := scanUsage(raw); ok {
		return u, true
	}
	return decodeUsage(raw)
}

// usageKeys are the members of a usage object that Mira counts, in the
// order of scanUsage's counts.
var usageKeys = [...]string{"prompt_tokens", "completion_tokens", "total_tokens", "input_tokens", "output_tokens"}

// scanUsage reads a usage object of the usual shape (compact, as the
// provider's answers are after compactJSON; plain lower-case keys given
// once; whole numbers) without decoding it. It reports false for anything
// else, and parseUsage then decodes it with encoding/json, whose reading
// (keys in any letter case, the last of duplicates) it matches where it
// answers.
func scanUsage(raw []byte) (openai.Usage, bool) {
	var n [len(usageKeys)]int
	seen, plain := 0, true
	ok := forMembers(raw, func(m member) bool {
		k := slices.Index(usageKeys[:], string(m.key))
		if k < 0 {
			// Another member (…_details objects): it must not be one of
			// ours spelt another way.
			plain = bytes.IndexByte(m.key, '\\') < 0 &&
				!slices.ContainsFunc(usageKeys[:], func(name string) bool { return bytes.EqualFold(m.key, []byte(name)) })
			return plain
		}
		v, err := strconv.Atoi(string(m.val))
		plain = err == nil && seen&(1<<k) == 0
		seen |= 1 << k
		n[k] = v
		return plain
	})
	if !ok || !plain || raw[len(raw)-1] != '}' {
		return openai.Usage{}, false
	}
	u := openai.Usage{PromptTokens: n[0], CompletionTokens: n[1], TotalTokens: n[2]}
	if u.PromptTokens == 0 && u.CompletionTokens == 0 {
		u.PromptTokens, u.CompletionTokens = n[3], n[4]
	}
	return u, true
}

// decodeUsage is parseUsage by encoding/json.
func decodeUsage(raw []byte) (openai.Usage, bool) {
	var u struct {
		openai.Usage
		InputTokens  int `json:"input_tokens"`
		OutputTokens int `json:"output_tokens"`
	}
	if raw == nil || json.Unmarshal(raw, &u) != nil {
		return openai.Usage{}, false
	}
	if u.PromptTokens == 0 && u.CompletionTokens == 0 {
		u.PromptTokens, u.CompletionTokens = u.InputTokens, u.OutputTokens
	}
	return u.Usage, true
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

// maxJSONDepth is encoding/json's nesting limit.
const maxJSONDepth = 10000

// compactJSON appends src, one JSON value, to dst without insignificant
// whitespace, as json.Compact does (no HTML escaping), and reports an error
// if src is not valid JSON. It is several times faster than json.Compact on
// chat chunks, which are already compact: then it validates and copies once.
// dst may be src[:0] (compaction in place).
func compactJSON(dst, src []byte) ([]byte, error) {
	c := compactor{src: src, dst: dst}
	c.space()
	if err := c.value(0); err != nil {
		return dst, err
	}
	c.space()
	if c.i != len(src) {
		return dst, c.fail()
	}
	return append(c.dst, src[c.run:]...), nil
}

type compactor struct {
	src, dst []byte
	i        int // read position
	run      int // start of the bytes read but not yet copied to dst
}

type syntaxError struct{ offset int }

func (e *syntaxError) Error() string { return fmt.Sprintf("invalid JSON at byte %d", e.offset) }

func (c *compactor) fail() error { return &syntaxError{c.i} }

// space skips whitespace, copying what came before it.
func (c *compactor) space() {
	j := c.i
	for j < len(c.src) && (c.src[j] == ' ' || c.src[j] == '\n' || c.src[j] == '\r' || c.src[j] == '\t') {
		j++
	}
	if j > c.i {
		c.dst = append(c.dst, c.src[c.run:c.i]...)
		c.i, c.run = j, j
	}
}

// peek returns the byte at the read position, or 0 at the end.
func (c *compactor) peek() byte {
	if c.i < len(c.src) {
		return c.src[c.i]
	}
	return 0
}

func (c *compactor) value(depth int) error {
	switch c.peek() {
	case '{':
		return c.container(depth, '}', true)
	case '[':
		return c.container(depth, ']', false)
	case '"':
		return c.string()
	case 't':
		return c.literal("true")
	case 'f':
		return c.literal("false")
	case 'n':
		return c.literal("null")
	}
	return c.number()
}

// container reads an object (with keys) or an array up to its closing byte.
func (c *compactor) container(depth int, end byte, keys bool) error {
	if depth+1 > maxJSONDepth {
		return c.fail()
	}
	c.i++
	c.space()
	if c.peek() == end {
		c.i++
		return nil
	}
	for {
		if keys {
			if c.peek() != '"' {
				return c.fail()
			}
			if err := c.string(); err != nil {
				return err
			}
			c.space()
			if c.peek() != ':' {
				return c.fail()
			}
			c.i++
			c.space()
		}
		if err := c.value(depth + 1); err != nil {
			return err
		}
		c.space()
		switch c.peek() {
		case ',':
			c.i++
			c.space()
		case end:
			c.i++
			return nil
		default:
			return c.fail()
		}
	}
}

func (c *compactor) string() error {
	s := c.src
	for j := c.i + 1; j < len(s); {
		b := s[j]
		switch {
		case b == '"':
			c.i = j + 1
			return nil
		case b == '\\':
			if j+1 >= len(s) {
				c.i = j
				return c.fail()
			}
			switch s[j+1] {
			case '"', '\\', '/', 'b', 'f', 'n', 'r', 't':
				j += 2
			case 'u':
				if j+5 >= len(s) || !isHex(s[j+2]) || !isHex(s[j+3]) || !isHex(s[j+4]) || !isHex(s[j+5]) {
					c.i = j
					return c.fail()
				}
				j += 6
			default:
				c.i = j
				return c.fail()
			}
		case b < 0x20:
			c.i = j
			return c.fail()
		default:
			j++
		}
	}
	c.i = len(s)
	return c.fail()
}

func isHex(b byte) bool {
	return '0' <= b && b <= '9' || 'a' <= b && b <= 'f' || 'A' <= b && b <= 'F'
}

func (c *compactor) literal(word string) error {
	if !bytes.HasPrefix(c.src[c.i:], []byte(word)) {
		return c.fail()
	}
	c.i += len(word)
	return nil
}

// number reads -?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?
func (c *compactor) number() error {
	s, j := c.src, c.i
	digits := func() bool {
		k := j
		for j < len(s) && '0' <= s[j] && s[j] <= '9' {
			j++
		}
		return j > k
	}
	if j < len(s) && s[j] == '-' {
		j++
	}
	switch {
	case j < len(s) && s[j] == '0':
		j++
	case !digits():
		c.i = j
		return c.fail()
	}
	if j < len(s) && s[j] == '.' {
		j++
		if !digits() {
			c.i = j
			return c.fail()
		}
	}
	if j < len(s) && (s[j] == 'e' || s[j] == 'E') {
		j++
		if j < len(s) && (s[j] == '+' || s[j] == '-') {
			j++
		}
		if !digits() {
			c.i = j
			return c.fail()
		}
	}
	c.i = j
	return nil
}
