package screen

import (
	"bytes"
	"encoding/json"
	"errors"
	"strings"

	"github.com/vmira/mira/internal/sensitive"
)

// Masking edits the raw body in place rather than decoding and encoding it
// again: what the client sent reaches the upstream byte for byte, apart
// from the masked strings. The scanner below does only what that needs
// (find the messages' content strings and skip everything else). It runs
// on bodies DecodeChatRequest has already accepted, yet it checks the
// structure it walks and fails rather than guess.
//
// Keys are matched as encoding/json matches them, case-insensitively and
// after unescaping, so a key the decoder read as "content" is never missed.
// Every "content" of a message is masked, not only the last one the decoder
// keeps, and a message is screened when its decoded role or any of its raw
// "role" values is screened: a body that says two things is masked for both.

var errScan = errors.New("screen: malformed JSON in a request body that should have been validated")

// edit replaces raw[start:end] by text.
type edit struct {
	start, end int
	text       []byte
}

// applyEdits returns raw with each edit's span replaced by its text; the
// edits are sorted by start and do not overlap.
func applyEdits(raw []byte, edits []edit) []byte {
	grow := 0
	for _, e := range edits {
		grow += len(e.text) - (e.end - e.start)
	}
	out := make([]byte, 0, len(raw)+max(grow, 0))
	last := 0
	for _, e := range edits {
		out = append(append(out, raw[last:e.start]...), e.text...)
		last = e.end
	}
	return append(out, raw[last:]...)
}

// maskChatBody returns raw with sensitive data masked in the content of
// screened messages (roleAt gives the decoded role of message i). When
// nothing changes it returns raw itself.
func maskChatBody(raw []byte, roleAt func(i int) string) ([]byte, error) {
	var edits []edit
	_, err := scanObject(raw, ws(raw, 0), func(key []byte, at int) (int, error) {
		if !keyIs(key, "messages") || at >= len(raw) || raw[at] != '[' {
			return skipValue(raw, at)
		}
		return scanArray(raw, at, func(i, at int) (int, error) {
			if raw[at] != '{' {
				return skipValue(raw, at)
			}
			return maskMessage(raw, at, roleAt(i), &edits)
		})
	})
	if err != nil || len(edits) == 0 {
		return raw, err
	}
	return applyEdits(raw, edits), nil
}

// maskMessage scans the message object at raw[at] and, when it is
// screened, adds edits masking its content strings.
func maskMessage(raw []byte, at int, role string, edits *[]edit) (int, error) {
	screened := Screened(role)
	var spans [][2]int // content strings: [start, end) of the quoted JSON
	end, err := scanObject(raw, at, func(key []byte, at int) (int, error) {
		switch {
		case keyIs(key, "role") && raw[at] == '"':
			end, err := skipString(raw, at)
			if err == nil && Screened(unquote(raw[at:end])) {
				screened = true
			}
			return end, err
		case keyIs(key, "content") && raw[at] == '"':
			end, err := skipString(raw, at)
			spans = append(spans, [2]int{at, end})
			return end, err
		case keyIs(key, "content") && raw[at] == '[':
			return scanArray(raw, at, func(_, at int) (int, error) {
				return partTexts(raw, at, &spans)
			})
		}
		return skipValue(raw, at)
	})
	if err != nil || !screened {
		return end, err
	}
	for _, sp := range spans {
		s := unquote(raw[sp[0]:sp[1]])
		if m := sensitive.Mask(s); m != s {
			*edits = append(*edits, edit{sp[0], sp[1], appendQuoted(nil, m)})
		}
	}
	return end, nil
}

// partTexts adds the spans of the "text" strings of the content part at
// raw[at].
func partTexts(raw []byte, at int, spans *[][2]int) (int, error) {
	if raw[at] != '{' {
		return skipValue(raw, at)
	}
	return scanObject(raw, at, func(key []byte, at int) (int, error) {
		if !keyIs(key, "text") || raw[at] != '"' {
			return skipValue(raw, at)
		}
		end, err := skipString(raw, at)
		*spans = append(*spans, [2]int{at, end})
		return end, err
	})
}

// scanObject walks the object at b[i], calling member with each quoted key
// and the offset of its value; member returns the offset after the value.
// scanObject returns the offset after the object.
func scanObject(b []byte, i int, member func(key []byte, at int) (int, error)) (int, error) {
	if i >= len(b) || b[i] != '{' {
		return i, errScan
	}
	i = ws(b, i+1)
	if i < len(b) && b[i] == '}' {
		return i + 1, nil
	}
	for {
		end, err := skipString(b, i)
		if err != nil {
			return i, err
		}
		key := b[i:end]
		if i = ws(b, end); i >= len(b) || b[i] != ':' {
			return i, errScan
		}
		if i = ws(b, i+1); i >= len(b) {
			return i, errScan
		}
		if i, err = member(key, i); err != nil {
			return i, err
		}
		if i = ws(b, i); i >= len(b) {
			return i, errScan
		}
		switch b[i] {
		case '}':
			return i + 1, nil
		case ',':
			i = ws(b, i+1)
		default:
			return i, errScan
		}
	}
}

// scanArray walks the array at b[i], calling elem with each element's
// index and offset; elem returns the offset after the element.
func scanArray(b []byte, i int, elem func(n, at int) (int, error)) (int, error) {
	if i >= len(b) || b[i] != '[' {
		return i, errScan
	}
	i = ws(b, i+1)
	if i < len(b) && b[i] == ']' {
		return i + 1, nil
	}
	for n := 0; ; n++ {
		if i >= len(b) {
			return i, errScan
		}
		var err error
		if i, err = elem(n, i); err != nil {
			return i, err
		}
		if i = ws(b, i); i >= len(b) {
			return i, errScan
		}
		switch b[i] {
		case ']':
			return i + 1, nil
		case ',':
			i = ws(b, i+1)
		default:
			return i, errScan
		}
	}
}

// skipValue returns the offset after the JSON value at b[i]. Objects and
// arrays are skipped by counting brackets outside strings.
func skipValue(b []byte, i int) (int, error) {
	if i >= len(b) {
		return i, errScan
	}
	switch b[i] {
	case '"':
		return skipString(b, i)
	case '{', '[':
		depth := 0
		for j := i; j < len(b); j++ {
			switch b[j] {
			case '"':
				end, err := skipString(b, j)
				if err != nil {
					return j, err
				}
				j = end - 1
			case '{', '[':
				depth++
			case '}', ']':
				if depth--; depth == 0 {
					return j + 1, nil
				}
			}
		}
		return len(b), errScan
	}
	j := i // a number, true, false or null
	for j < len(b) && !endsLiteral(b[j]) {
		j++
	}
	if j == i {
		return i, errScan
	}
	return j, nil
}

// skipString returns the offset after the string starting at b[i].
func skipString(b []byte, i int) (int, error) {
	if i >= len(b) || b[i] != '"' {
		return i, errScan
	}
	for j := i + 1; ; j++ {
		k := bytes.IndexByte(b[j:], '"')
		if k < 0 {
			return len(b), errScan
		}
		j += k
		// The quote ends the string unless an odd run of backslashes
		// escapes it.
		n := 0
		for p := j - 1; b[p] == '\\'; p-- {
			n++
		}
		if n%2 == 0 {
			return j + 1, nil
		}
	}
}

func endsLiteral(c byte) bool {
	return c == ',' || c == ']' || c == '}' || c == ' ' || c == '\t' || c == '\n' || c == '\r'
}

// ws returns the offset of the first byte at or after b[i] that is not
// JSON white space.
func ws(b []byte, i int) int {
	for i < len(b) && (b[i] == ' ' || b[i] == '\t' || b[i] == '\n' || b[i] == '\r') {
		i++
	}
	return i
}

// keyIs reports whether the quoted key names field as encoding/json
// matches names: after unescaping, case-insensitively.
func keyIs(key []byte, field string) bool {
	if bytes.IndexByte(key, '\\') < 0 {
		return strings.EqualFold(string(key[1:len(key)-1]), field)
	}
	return strings.EqualFold(unquote(key), field)
}

// unquote returns the string a quoted JSON string holds.
func unquote(q []byte) string {
	if bytes.IndexByte(q, '\\') < 0 {
		return string(q[1 : len(q)-1])
	}
	var s string
	_ = json.Unmarshal(q, &s) // the scanner delimited it; the decoder accepted it
	return s
}

// appendQuoted appends s as a JSON string, escaping only what JSON
// requires (the text is valid UTF-8: it came from a decoded body).
func appendQuoted(dst []byte, s string) []byte {
	const hex = "0123456789abcdef"
	dst = append(dst, '"')
	for i := 0; i < len(s); i++ {
		switch c := s[i]; {
		case c == '"' || c == '\\':
			dst = append(dst, '\\', c)
		case c == '\n':
			dst = append(dst, '\\', 'n')
		case c == '\r':
			dst = append(dst, '\\', 'r')
		case c == '\t':
			dst = append(dst, '\\', 't')
		case c < 0x20:
			dst = append(dst, '\\', 'u', '0', '0', hex[c>>4], hex[c&0xf])
		default:
			dst = append(dst, c)
		}
	}
	return append(dst, '"')
}
