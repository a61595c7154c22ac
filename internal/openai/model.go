package openai

import (
	"encoding/json"
	"errors"
)

// WithModel returns a copy of raw, a JSON object, whose top-level "model"
// members (also when the name is spelled with escapes) hold model instead:
// every other byte, whitespace included, is kept, so the rest of the
// request reaches the backend as the client sent it. A route sends each
// backend the model name it knows.
func WithModel(raw []byte, model string) ([]byte, error) {
	value, err := json.Marshal(model)
	if err != nil {
		return nil, err
	}
	s := scanner{data: raw}
	s.skipSpace()
	if s.pos >= len(raw) || raw[s.pos] != '{' {
		return nil, errNotObject
	}
	s.pos++
	out := make([]byte, 0, len(raw)+len(value))
	copied, found := 0, false
	for {
		s.skipSpace()
		if s.pos < len(raw) && raw[s.pos] == '}' && !found && copied == 0 {
			return nil, errNoModel // an empty object
		}
		if s.pos >= len(raw) || raw[s.pos] != '"' {
			return nil, s.syntaxError()
		}
		name, err := s.str(true)
		if err != nil {
			return nil, err
		}
		s.skipSpace()
		if s.pos >= len(raw) || raw[s.pos] != ':' {
			return nil, s.syntaxError()
		}
		s.pos++
		s.skipSpace()
		start := s.pos
		if err := s.value(nil); err != nil {
			return nil, err
		}
		if string(name) == "model" {
			out = append(append(out, raw[copied:start]...), value...)
			copied, found = s.pos, true
		}
		s.skipSpace()
		if s.pos >= len(raw) {
			return nil, errEmpty
		}
		if raw[s.pos] == '}' {
			break
		}
		if raw[s.pos] != ',' {
			return nil, s.syntaxError()
		}
		s.pos++
	}
	if !found {
		return nil, errNoModel
	}
	return append(out, raw[copied:]...), nil
}

var (
	errNotObject = errors.New("the request body is not a JSON object")
	errNoModel   = errors.New("the request body has no model member")
)
