package openai

import (
	"bytes"
	"fmt"
	"reflect"
	"strconv"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"

	"github.com/vmira/mira/internal/mira"
)

// Request bodies are read by Mira and then forwarded as raw bytes, so Mira
// must read them the way every backend does. JSON parsers disagree on two
// things: which of two members with the same name wins (first, last, error),
// and whether "Content" is "content" (encoding/json v1 and Go backends built
// on it say yes, Python and JavaScript say no). A body that is read one way by
// the content filter and another way by the backend carries text past the
// filter. So Mira refuses every body in which the answer matters: a name seen
// twice in one object, two names in one object that differ only in letter
// case, and a name that differs only in case from a member Mira reads.

// maxDepth bounds how deeply values may nest, as encoding/json does.
const maxDepth = 10000

// smallObject is how many members an object may have before their names are
// looked up in a map rather than compared one by one.
const smallObject = 16

// CheckMembers reports whether raw is exactly one JSON value, in valid
// UTF-8, in which no object, at any depth, holds two members whose names are
// equal or differ only in letter case (Unicode simple folding, as
// encoding/json matches names; escapes such as \u0063 are decoded first).
// The error is a *mira.Error with code invalid_request naming the member.
func CheckMembers(raw []byte) error {
	return checkMembers(raw, nil)
}

func checkMembers(raw []byte, sh *shape) error {
	s := scanners.Get().(*scanner)
	defer s.release()
	s.data, s.pos, s.depth = raw, 0, 0
	s.names, s.path, s.arena = s.names[:0], s.path[:0], s.base[:0]
	s.skipSpace()
	if s.pos == len(s.data) {
		return errEmpty
	}
	if err := s.value(sh); err != nil {
		return err
	}
	s.skipSpace()
	if s.pos != len(s.data) {
		return mira.Errorf(mira.EInvalidRequest, "the request body must hold exactly one JSON value (more follows at byte %d)", s.pos)
	}
	return nil
}

var errEmpty = mira.Errorf(mira.EInvalidRequest, "the request body is empty or cut short; send a JSON object")

// scanner reads a JSON text once, checking its syntax and member names.
type scanner struct {
	data  []byte
	pos   int
	depth int
	names []member // names of the objects being read, innermost last
	path  []step   // where the scanner is, for error messages
	arena []byte   // unescaped and folded names
	base  []byte   // the arena's first array, kept for the next scan
}

// scanners keeps scanners and their stacks between calls: value is
// recursive, so a scanner on the stack would move to the heap with its
// stacks on every call.
var scanners = sync.Pool{New: func() any {
	return &scanner{names: make([]member, 0, 32), path: make([]step, 0, 16), base: make([]byte, 0, 256)}
}}

// release returns s to scanners, holding no reference to the text it read.
func (s *scanner) release() {
	if cap(s.names) > 1024 || cap(s.path) > 1024 {
		return // an unusual body: let its stacks go
	}
	clear(s.names[:cap(s.names)])
	clear(s.path[:cap(s.path)])
	s.data, s.arena = nil, nil
	scanners.Put(s)
}

type member struct {
	name []byte // unescaped
	key  []byte // folded; equal to name when name has no upper case
}

// step is one level of a path: a member name, or an index when name is nil.
type step struct {
	name  []byte
	index int
}

func (s *scanner) syntaxError() error {
	if s.pos >= len(s.data) {
		return errEmpty
	}
	return mira.Errorf(mira.EInvalidRequest, "the request body is not valid JSON (at byte %d)", s.pos)
}

func (s *scanner) skipSpace() {
	for s.pos < len(s.data) {
		switch s.data[s.pos] {
		case ' ', '\t', '\n', '\r':
			s.pos++
		default:
			return
		}
	}
}

func (s *scanner) value(sh *shape) error {
	if s.pos >= len(s.data) {
		return errEmpty
	}
	switch c := s.data[s.pos]; {
	case c == '{':
		return s.object(sh)
	case c == '[':
		return s.array(sh)
	case c == '"':
		_, err := s.str(false)
		return err
	case c == '-' || c >= '0' && c <= '9':
		return s.number()
	case c == 't':
		return s.literal("true")
	case c == 'f':
		return s.literal("false")
	case c == 'n':
		return s.literal("null")
	}
	return s.syntaxError()
}

func (s *scanner) enter() error {
	s.depth++
	if s.depth > maxDepth {
		return mira.Errorf(mira.EInvalidRequest, "the request body nests more than %d levels deep", maxDepth)
	}
	return nil
}

func (s *scanner) object(sh *shape) error {
	if err := s.enter(); err != nil {
		return err
	}
	s.pos++ // '{'
	start := len(s.names)
	var seen map[string]int // key -> index in s.names, once the object is large
	s.path = append(s.path, step{})
	at := len(s.path) - 1
	s.skipSpace()
	if s.pos < len(s.data) && s.data[s.pos] == '}' {
		s.pos++
	} else {
		for {
			if s.pos >= len(s.data) || s.data[s.pos] != '"' {
				return s.syntaxError()
			}
			name, err := s.str(true)
			if err != nil {
				return err
			}
			m := member{name: name, key: s.fold(name)}
			objectNames := s.names[start:]
			if seen == nil && len(objectNames) >= smallObject {
				seen = make(map[string]int, 2*smallObject)
				for i, o := range objectNames {
					seen[string(o.key)] = i
				}
			}
			if seen != nil {
				if i, ok := seen[string(m.key)]; ok {
					return s.clash(objectNames[i].name, m.name)
				}
				seen[string(m.key)] = len(objectNames)
			} else {
				for _, o := range objectNames {
					if bytes.Equal(o.key, m.key) {
						return s.clash(o.name, m.name)
					}
				}
			}
			s.names = append(s.names, m)
			s.path[at] = step{name: name}
			child, err := s.field(sh, m)
			if err != nil {
				return err
			}
			s.skipSpace()
			if s.pos >= len(s.data) || s.data[s.pos] != ':' {
				return s.syntaxError()
			}
			s.pos++
			s.skipSpace()
			if err := s.value(child); err != nil {
				return err
			}
			s.skipSpace()
			if s.pos >= len(s.data) {
				return errEmpty
			}
			if c := s.data[s.pos]; c == '}' {
				s.pos++
				break
			} else if c != ',' {
				return s.syntaxError()
			}
			s.pos++
			s.skipSpace()
		}
	}
	s.names = s.names[:start]
	s.path = s.path[:at]
	s.depth--
	return nil
}

// field returns the shape of member m of an object of shape sh, and refuses
// a name that differs only in case from a name sh knows: encoding/json would
// take "Content" for "content", Python would not.
func (s *scanner) field(sh *shape, m member) (*shape, error) {
	if sh == nil {
		return nil, nil
	}
	if sh.fields == nil {
		return sh.elem, nil // a map: any name, values of one shape
	}
	for i := range sh.fields {
		if string(m.name) == sh.fields[i].name {
			return sh.fields[i].shape, nil
		}
	}
	for i := range sh.fields {
		if string(m.key) == sh.fields[i].key {
			return nil, s.memberError(m.name, "unknown member %q in %s; member names are case-sensitive (did you mean %q?)",
				printable(m.name), s.where(), sh.fields[i].name)
		}
	}
	return nil, nil
}

// clash reports two names of one object that are equal or equal but for case.
func (s *scanner) clash(first, second []byte) error {
	if bytes.Equal(first, second) {
		return s.memberError(second, "duplicate member %q in %s", printable(second), s.where())
	}
	return s.memberError(second, "members %q and %q in %s differ only in letter case; member names are case-sensitive and must be unique",
		printable(first), printable(second), s.where())
}

// memberError is an invalid_request error whose param is the member name
// within the object being read.
func (s *scanner) memberError(name []byte, format string, args ...any) error {
	s.path[len(s.path)-1] = step{name: name}
	return mira.ParamErrorf(pathString(s.path), format, args...)
}

// where describes the object being read: "messages[0]" or "the request body".
func (s *scanner) where() string {
	if len(s.path) <= 1 {
		return "the request body"
	}
	return pathString(s.path[:len(s.path)-1])
}

func pathString(path []step) string {
	var b strings.Builder
	for _, st := range path {
		switch {
		case st.name == nil:
			fmt.Fprintf(&b, "[%d]", st.index)
		case plainName(st.name):
			if b.Len() > 0 {
				b.WriteByte('.')
			}
			b.Write(st.name)
		default:
			fmt.Fprintf(&b, "[%s]", strconv.Quote(printable(st.name)))
		}
	}
	return b.String()
}

func plainName(name []byte) bool {
	if len(name) == 0 || len(name) > 64 {
		return false
	}
	for _, c := range name {
		if !(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '_' || c == '-' || c == '$') {
			return false
		}
	}
	return true
}

// printable shortens a name for an error message.
func printable(name []byte) string {
	if len(name) <= 64 {
		return string(name)
	}
	cut := 64
	for cut > 0 && !utf8.RuneStart(name[cut]) {
		cut--
	}
	return string(name[:cut]) + "..."
}

func (s *scanner) array(sh *shape) error {
	if err := s.enter(); err != nil {
		return err
	}
	s.pos++ // '['
	var elem *shape
	if sh != nil {
		elem = sh.elem
	}
	s.path = append(s.path, step{})
	at := len(s.path) - 1
	s.skipSpace()
	if s.pos < len(s.data) && s.data[s.pos] == ']' {
		s.pos++
	} else {
		for i := 0; ; i++ {
			s.path[at] = step{index: i}
			if err := s.value(elem); err != nil {
				return err
			}
			s.skipSpace()
			if s.pos >= len(s.data) {
				return errEmpty
			}
			if c := s.data[s.pos]; c == ']' {
				s.pos++
				break
			} else if c != ',' {
				return s.syntaxError()
			}
			s.pos++
			s.skipSpace()
		}
	}
	s.path = s.path[:at]
	s.depth--
	return nil
}

// str reads a string at s.pos. With decode, it returns its value: a slice of
// the input when it holds no escapes, else a slice of the arena. Lone
// surrogates decode to U+FFFD, as encoding/json decodes them.
func (s *scanner) str(decode bool) ([]byte, error) {
	s.pos++ // '"'
	start := s.pos
	var out []byte // the decoded value, once an escape was seen
	d := s.data
	i := s.pos
	for i < len(d) {
		if out == nil {
			for i < len(d) && plainByte[d[i]] {
				i++
			}
			if i == len(d) {
				break
			}
		}
		c := d[i]
		switch {
		case c == '"':
			s.pos = i + 1
			if !decode {
				return nil, nil
			}
			if out == nil {
				return d[start:i], nil
			}
			s.arena = out[len(out):]
			return out, nil
		case c == '\\':
			if decode && out == nil {
				out = s.arena[len(s.arena):]
				out = append(out, d[start:i]...)
			}
			r, n := unescape(d[i:])
			if n == 0 {
				s.pos = i
				return nil, s.syntaxError()
			}
			if decode {
				out = utf8.AppendRune(out, r)
			}
			i += n
		case c < 0x20:
			s.pos = i
			return nil, s.syntaxError()
		case c < utf8.RuneSelf:
			if out != nil {
				out = append(out, c)
			}
			i++
		default:
			r, n := utf8.DecodeRune(d[i:])
			if r == utf8.RuneError && n == 1 {
				return nil, mira.Errorf(mira.EInvalidRequest, "the request body is not valid UTF-8 (at byte %d)", i)
			}
			if out != nil {
				out = append(out, d[i:i+n]...)
			}
			i += n
		}
	}
	s.pos = i
	return nil, errEmpty
}

// plainByte tells the bytes a string may hold as they are: printable ASCII
// but the quote and the backslash.
var plainByte = func() (t [256]bool) {
	for c := 0x20; c < utf8.RuneSelf; c++ {
		t[c] = c != '"' && c != '\\'
	}
	return t
}()

// unescape decodes the escape sequence at the start of b (b[0] is '\\') and
// returns the rune and the number of bytes read, 0 if the escape is invalid.
func unescape(b []byte) (rune, int) {
	if len(b) < 2 {
		return 0, 0
	}
	switch b[1] {
	case '"', '\\', '/':
		return rune(b[1]), 2
	case 'b':
		return '\b', 2
	case 'f':
		return '\f', 2
	case 'n':
		return '\n', 2
	case 'r':
		return '\r', 2
	case 't':
		return '\t', 2
	case 'u':
		r := hex4(b[2:])
		if r < 0 {
			return 0, 0
		}
		if !utf16IsSurrogate(r) {
			return r, 6
		}
		if r < 0xDC00 && len(b) >= 12 && b[6] == '\\' && b[7] == 'u' {
			if r2 := hex4(b[8:]); r2 >= 0xDC00 && r2 <= 0xDFFF {
				return 0x10000 + (r-0xD800)<<10 + (r2 - 0xDC00), 12
			}
		}
		return utf8.RuneError, 6
	}
	return 0, 0
}

func utf16IsSurrogate(r rune) bool { return r >= 0xD800 && r <= 0xDFFF }

func hex4(b []byte) rune {
	if len(b) < 4 {
		return -1
	}
	var r rune
	for _, c := range b[:4] {
		switch {
		case c >= '0' && c <= '9':
			c -= '0'
		case c >= 'a' && c <= 'f':
			c -= 'a' - 10
		case c >= 'A' && c <= 'F':
			c -= 'A' - 10
		default:
			return -1
		}
		r = r<<4 | rune(c)
	}
	return r
}

// fold returns a key equal for two names exactly when bytes.EqualFold
// holds for them: each rune is replaced by one member of its simple case
// folding orbit (the lower-case letter for ASCII).
func (s *scanner) fold(name []byte) []byte {
	i := 0
	for i < len(name) && name[i] < utf8.RuneSelf && !('A' <= name[i] && name[i] <= 'Z') {
		i++
	}
	if i == len(name) {
		return name
	}
	key := s.arena[len(s.arena):]
	key = append(key, name[:i]...)
	for _, r := range string(name[i:]) {
		key = utf8.AppendRune(key, foldRune(r))
	}
	s.arena = key[len(key):]
	return key
}

func foldRune(r rune) rune {
	if r < utf8.RuneSelf {
		if 'A' <= r && r <= 'Z' {
			r += 'a' - 'A'
		}
		return r
	}
	least := r
	for f := unicode.SimpleFold(r); f != r; f = unicode.SimpleFold(f) {
		if f < utf8.RuneSelf {
			return foldRune(f) // K (Kelvin) folds with k, ſ with s
		}
		least = min(least, f)
	}
	return least
}

func (s *scanner) literal(word string) error {
	if !bytes.HasPrefix(s.data[s.pos:], []byte(word)) {
		if bytes.HasPrefix([]byte(word), s.data[s.pos:]) {
			return errEmpty
		}
		return s.syntaxError()
	}
	s.pos += len(word)
	return nil
}

// number reads a number as RFC 8259 defines it.
func (s *scanner) number() error {
	d := s.data
	i := s.pos
	digits := func() bool {
		start := i
		for i < len(d) && d[i] >= '0' && d[i] <= '9' {
			i++
		}
		return i > start
	}
	if d[i] == '-' {
		i++
	}
	switch {
	case i < len(d) && d[i] == '0':
		i++
	case !digits():
		s.pos = i
		return s.syntaxError()
	}
	if i < len(d) && d[i] == '.' {
		i++
		if !digits() {
			s.pos = i
			return s.syntaxError()
		}
	}
	if i < len(d) && (d[i] == 'e' || d[i] == 'E') {
		i++
		if i < len(d) && (d[i] == '+' || d[i] == '-') {
			i++
		}
		if !digits() {
			s.pos = i
			return s.syntaxError()
		}
	}
	s.pos = i
	return nil
}

// shape is what Mira knows of a value it decodes: the member names of a
// struct, or the shape of the elements of a slice or the values of a map.
type shape struct {
	fields []field // nil for a map
	elem   *shape
}

type field struct {
	name, key string
	shape     *shape
}

var shapes sync.Map // reflect.Type -> *shape

// shapeOf returns the shape of values of type t, nil when t reads any JSON
// (an interface, json.RawMessage, a type with its own UnmarshalJSON).
func shapeOf(t reflect.Type) *shape {
	if sh, ok := shapes.Load(t); ok {
		return sh.(*shape)
	}
	sh := buildShape(t, map[reflect.Type]*shape{})
	shapes.Store(t, sh)
	return sh
}

var (
	contentType     = reflect.TypeFor[Content]()
	unmarshalerType = reflect.TypeFor[interface{ UnmarshalJSON([]byte) error }]()
)

func buildShape(t reflect.Type, building map[reflect.Type]*shape) *shape {
	for t.Kind() == reflect.Pointer {
		t = t.Elem()
	}
	if sh, ok := building[t]; ok {
		return sh
	}
	if t == contentType { // a string, null, or an array of parts
		sh := &shape{elem: buildShape(reflect.TypeFor[ContentPart](), building)}
		building[t] = sh
		return sh
	}
	if reflect.PointerTo(t).Implements(unmarshalerType) {
		return nil
	}
	switch t.Kind() {
	case reflect.Slice, reflect.Array:
		if t.Elem().Kind() == reflect.Uint8 {
			return nil // base64 text
		}
		sh := &shape{}
		building[t] = sh
		sh.elem = buildShape(t.Elem(), building)
		return sh
	case reflect.Map:
		sh := &shape{}
		building[t] = sh
		sh.elem = buildShape(t.Elem(), building)
		return sh
	case reflect.Struct:
		sh := &shape{fields: []field{}}
		building[t] = sh
		addFields(sh, t, building)
		return sh
	}
	return nil
}

func addFields(sh *shape, t reflect.Type, building map[reflect.Type]*shape) {
	for i := range t.NumField() {
		sf := t.Field(i)
		tag, hasTag := sf.Tag.Lookup("json")
		if tag == "-" || !sf.IsExported() && !sf.Anonymous {
			continue
		}
		name, opts, _ := strings.Cut(tag, ",")
		ft := sf.Type
		for ft.Kind() == reflect.Pointer {
			ft = ft.Elem()
		}
		if sf.Anonymous && name == "" && ft.Kind() == reflect.Struct || strings.Contains(","+opts+",", ",inline,") {
			addFields(sh, ft, building)
			continue
		}
		if strings.Contains(","+opts+",", ",unknown,") {
			continue
		}
		if !hasTag || name == "" {
			name = sf.Name
		}
		sh.fields = append(sh.fields, field{name: name, key: foldString(name), shape: buildShape(sf.Type, building)})
	}
}

func foldString(name string) string {
	var s scanner
	return string(s.fold([]byte(name)))
}
