package openai

import (
	"bytes"
	"errors"

	jsonv2 "github.com/go-json-experiment/json"

	"github.com/vmira/mira/internal/mira"
)

// Inputs is the input of an embeddings request or the prompt of a legacy
// completion: a string, an array of strings, an array of token ids, or an
// array of arrays of token ids.
type Inputs struct {
	Texts  []string // the strings, when the input is text
	Tokens [][]int  // the token arrays, when the input is tokens
	// Single reports that the input was one string or one token array
	// rather than an array of them.
	Single bool
}

var errInputs = errors.New("must be a string, an array of strings, an array of token ids or an array of arrays of token ids")

// UnmarshalJSON accepts the four forms of Inputs.
func (in *Inputs) UnmarshalJSON(b []byte) error {
	b = bytes.TrimSpace(b)
	if len(b) == 0 {
		return errInputs
	}
	var err error
	switch {
	case b[0] == '"':
		var s string
		err = jsonv2.Unmarshal(b, &s, decodeOptions)
		*in = Inputs{Texts: []string{s}, Single: true}
	case b[0] == '[' && len(bytes.TrimLeft(b[1:], " \t\r\n")) > 0 && bytes.TrimLeft(b[1:], " \t\r\n")[0] == '[':
		var t [][]int
		err = jsonv2.Unmarshal(b, &t, decodeOptions)
		*in = Inputs{Tokens: t}
	case b[0] == '[':
		var texts []string
		if jsonv2.Unmarshal(b, &texts, decodeOptions) == nil {
			*in = Inputs{Texts: texts}
			break
		}
		var t []int
		err = jsonv2.Unmarshal(b, &t, decodeOptions)
		*in = Inputs{Tokens: [][]int{t}, Single: true}
	default:
		err = errInputs
	}
	if err != nil {
		return errInputs
	}
	return nil
}

// Len returns the number of inputs.
func (in *Inputs) Len() int { return len(in.Texts) + len(in.Tokens) }

// Estimate estimates the inputs' size in tokens.
func (in *Inputs) Estimate() int {
	n := 0
	for _, t := range in.Texts {
		n += EstimateTokens(t)
	}
	for _, t := range in.Tokens {
		n += len(t)
	}
	return n
}

// validate checks the inputs of the request member param.
func (in *Inputs) validate(param string, maxInputs, maxToken int) error {
	if in.Len() == 0 {
		return mira.ParamErrorf(param, "%s must not be empty", param)
	}
	if in.Len() > maxInputs {
		return mira.ParamErrorf(param, "%s holds %d items (at most %d)", param, in.Len(), maxInputs)
	}
	for _, t := range in.Tokens {
		if len(t) == 0 {
			return mira.ParamErrorf(param, "%s must not hold an empty token array", param)
		}
		for _, id := range t {
			if id < 0 || id > maxToken {
				return mira.ParamErrorf(param, "%s holds the token id %d, outside 0..%d", param, id, maxToken)
			}
		}
	}
	return nil
}
