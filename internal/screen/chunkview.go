package screen

import (
	"bytes"
	"slices"
	"strconv"

	"github.com/go-json-experiment/json/jsontext"
)

// chunkView is what Stream reads of a chat chunk of the usual shape (one
// choice, or none) by scanning its bytes, without decoding it: where the
// content is and what else the chunk carries.
type chunkView struct {
	choice     int // start of the choice object; -1 when there is none
	index      int
	content    string // the delta's content, decoded
	contentVal span   // the content's value (string or null); start -1 when absent
	deltaOpen  int    // the delta's opening brace
	deltaEmpty bool
	finish     bool // finish_reason is not null
	logprobs   span // the logprobs member with a comma next to it, when not null
	// other reports that the chunk carries more than text: a role, a
	// refusal, tool calls, a usage or members Stream does not know.
	other bool
	calls bool // the delta has tool calls (not null)
}

type span struct{ start, end int }

var noSpan = span{-1, -1}

// viewChunk reads raw. It reports false for anything it does not read
// exactly as a client would: several choices, member names escaped, given
// twice or in another letter case (encoding/json matches names in any
// case), values of unexpected types. Stream then decodes the chunk.
func viewChunk(raw []byte) (chunkView, bool) {
	v := chunkView{choice: -1, contentVal: noSpan, logprobs: noSpan}
	seen := 0
	_, ok := walkMembers(raw, ws(raw, 0), func(key []byte, _, vs int) int {
		switch name, ok := known(key, "choices", "usage"); {
		case !ok || seen&name != 0:
			return -1
		case name == 1:
			seen |= name
			return v.readChoices(raw, vs)
		case name == 2:
			seen |= name
			end := skip(raw, vs)
			v.other = v.other || end >= 0 && !isNull(raw, span{vs, end})
			return end
		}
		return skip(raw, vs)
	})
	return v, ok && seen&1 != 0
}

// readChoices reads a choices array of at most one choice at raw[i] and
// returns the offset after it, or -1.
func (v *chunkView) readChoices(raw []byte, i int) int {
	if raw[i] != '[' {
		return -1
	}
	i = ws(raw, i+1)
	if i < len(raw) && raw[i] == ']' {
		return i + 1
	}
	if i >= len(raw) || raw[i] != '{' {
		return -1
	}
	v.choice = i
	seen := 0
	end, ok := walkMembers(raw, i, func(key []byte, at, vs int) int {
		name, ok := known(key, "index", "delta", "finish_reason", "logprobs")
		if !ok || seen&name != 0 {
			return -1
		}
		seen |= name
		if name == 2 {
			return v.readDelta(raw, vs)
		}
		end := skip(raw, vs)
		if end < 0 {
			return -1
		}
		val := span{vs, end}
		switch name {
		case 1:
			n, err := strconv.Atoi(string(raw[vs:end]))
			v.index = n
			if err != nil || n < 0 {
				return -1
			}
		case 4:
			if v.finish = !isNull(raw, val); v.finish && raw[vs] != '"' {
				return -1
			}
		case 8:
			if !isNull(raw, val) {
				v.logprobs = memberSpan(raw, at, val)
			}
		}
		return end
	})
	if !ok || seen&2 == 0 {
		return -1
	}
	if end = ws(raw, end); end >= len(raw) || raw[end] != ']' {
		return -1 // a second choice, or no end
	}
	return end + 1
}

// readDelta reads the delta object at raw[i] and returns the offset after
// it, or -1.
func (v *chunkView) readDelta(raw []byte, i int) int {
	if raw[i] != '{' {
		return -1
	}
	v.deltaOpen = i
	v.deltaEmpty = raw[ws(raw, i+1)] == '}'
	seen := 0
	end, ok := walkMembers(raw, i, func(key []byte, _, vs int) int {
		name, ok := known(key, "content", "role", "refusal", "tool_calls")
		if !ok || seen&name != 0 {
			return -1
		}
		seen |= name
		end := skip(raw, vs)
		if end < 0 {
			return -1
		}
		val := span{vs, end}
		switch {
		case name == 1:
			if !v.readContent(raw, val) {
				return -1
			}
		case name == 2:
			v.other = v.other || string(raw[vs:end]) != `""`
		case name == 8:
			v.calls = !isNull(raw, val)
			v.other = v.other || v.calls
		case name != 0:
			v.other = v.other || !isNull(raw, val)
		default:
			v.other = true
		}
		return end
	})
	if !ok {
		return -1
	}
	return end
}

func (v *chunkView) readContent(raw []byte, val span) bool {
	v.contentVal = val
	if isNull(raw, val) {
		return true
	}
	s := raw[val.start:val.end]
	if s[0] != '"' {
		return false
	}
	if bytes.IndexByte(s, '\\') < 0 {
		v.content = string(s[1 : len(s)-1])
		return true
	}
	d, err := jsontext.AppendUnquote(nil, s)
	v.content = string(d)
	return err == nil
}

// rewrite returns raw with the content replaced by release and the log
// probabilities removed; the content is added when raw had none.
func (v *chunkView) rewrite(raw []byte, release string) []byte {
	quoted := appendQuoted(nil, release)
	edits := make([]edit, 0, 2)
	if v.contentVal.start >= 0 {
		edits = append(edits, edit{v.contentVal.start, v.contentVal.end, quoted})
	} else {
		add := append([]byte(`"content":`), quoted...)
		if !v.deltaEmpty {
			add = append(add, ',')
		}
		edits = append(edits, edit{v.deltaOpen + 1, v.deltaOpen + 1, add})
	}
	if v.logprobs.start >= 0 {
		edits = append(edits, edit{v.logprobs.start, v.logprobs.end, nil})
	}
	slices.SortFunc(edits, func(a, b edit) int { return a.start - b.start })
	return applyEdits(raw, edits)
}

// known returns the bit (1, 2, 4...) of the name key is among names, 0
// for another name. It reports false for a name that is escaped, or that
// equals one of names but for letter case: a client may read either as
// the member Stream screens.
func known(key []byte, names ...string) (int, bool) {
	if bytes.IndexByte(key, '\\') >= 0 {
		return 0, false
	}
	for i, n := range names {
		if string(key) == n {
			return 1 << i, true
		}
		if bytes.EqualFold(key, []byte(n)) {
			return 0, false
		}
	}
	return 0, true
}

func isNull(raw []byte, val span) bool { return string(raw[val.start:val.end]) == "null" }

// memberSpan returns the span of the member whose key starts at raw[at]
// and whose value is val, with the comma before it, or after it when it
// is the first member.
func memberSpan(raw []byte, at int, val span) span {
	i := at - 1
	for isSpace(raw[i]) {
		i--
	}
	if raw[i] == ',' {
		return span{i, val.end}
	}
	end := ws(raw, val.end)
	if raw[end] == ',' {
		end++
	}
	return span{at, end}
}

// walkMembers walks the object at raw[i]: fn gets each member's raw key
// (between its quotes), where the key and where the value start, reads the
// value and returns the offset after it, or -1 to stop. It returns the
// offset after the object, and false when fn stopped it or the object is
// not well formed. Each byte is read once; forMembers skips each value for
// its fn.
func walkMembers(raw []byte, i int, fn func(key []byte, at, vs int) int) (int, bool) {
	end, err := scanObject(raw, i, func(quoted []byte, vs int) (int, error) {
		at := cap(raw) - cap(quoted) // quoted is raw[at:...]
		ve := fn(quoted[1:len(quoted)-1], at, vs)
		if ve < 0 {
			return vs, errScan
		}
		return ve, nil
	})
	return end, err == nil
}

// skip returns the offset after the value at raw[i], or -1.
func skip(raw []byte, i int) int {
	end, err := skipValue(raw, i)
	if err != nil {
		return -1
	}
	return end
}

// forMembers calls fn with the raw key (between its quotes), where the
// member starts and the value's span of each member of the object at
// raw[i], until fn returns false. It reports false when fn did, or when
// raw[i:] does not start with a well-formed object.
func forMembers(raw []byte, i int, fn func(key []byte, at int, val span) bool) bool {
	_, ok := walkMembers(raw, i, func(key []byte, at, vs int) int {
		if ve := skip(raw, vs); ve >= 0 && fn(key, at, span{vs, ve}) {
			return ve
		}
		return -1
	})
	return ok
}
