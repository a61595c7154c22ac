package openai

import (
	"github.com/vmira/mira/internal/mira"
)

// Bounds of an embeddings request.
const (
	MaxEmbeddingInputs     = 2048  // items of input, as OpenAI allows
	MaxEmbeddingDimensions = 65536 // dimensions
	maxTokenID             = 1 << 24
)

// EmbeddingRequest is the part of an embeddings request Mira reads; the
// raw body is what is forwarded.
type EmbeddingRequest struct {
	Model          string `json:"model"`
	Input          Inputs `json:"input"`
	EncodingFormat string `json:"encoding_format,omitempty"` // float (default) or base64
	Dimensions     *int   `json:"dimensions,omitempty"`
	User           string `json:"user,omitempty"`
}

// DecodeEmbeddingRequest parses and validates an embeddings request body;
// failures are invalid_request errors naming the parameter.
func DecodeEmbeddingRequest(body []byte, lim Limits) (*EmbeddingRequest, error) {
	lim = lim.withDefaults()
	var req EmbeddingRequest
	if err := Unmarshal(body, &req); err != nil {
		return nil, err
	}
	if err := checkModel(req.Model, lim); err != nil {
		return nil, err
	}
	if err := req.Input.validate("input", MaxEmbeddingInputs, maxTokenID); err != nil {
		return nil, err
	}
	for _, t := range req.Input.Texts {
		if t == "" {
			return nil, mira.ParamErrorf("input", "input must not hold an empty string")
		}
	}
	switch req.EncodingFormat {
	case "", "float", "base64":
	default:
		return nil, mira.ParamErrorf("encoding_format", "encoding_format must be float or base64")
	}
	if d := req.Dimensions; d != nil && (*d < 1 || *d > MaxEmbeddingDimensions) {
		return nil, mira.ParamErrorf("dimensions", "dimensions must be between 1 and %d", MaxEmbeddingDimensions)
	}
	return &req, nil
}

// checkModel checks the model member every request carries.
func checkModel(model string, lim Limits) error {
	if model == "" {
		return mira.ParamErrorf("model", "you must provide a model parameter")
	}
	if len(model) > lim.MaxModelName {
		return mira.ParamErrorf("model", "model name is longer than %d characters", lim.MaxModelName)
	}
	return nil
}

// EmbeddingList is the answer to an embeddings request.
type EmbeddingList struct {
	Object string      `json:"object"` // "list"
	Data   []Embedding `json:"data"`
	Model  string      `json:"model"`
	Usage  Usage       `json:"usage"`
}

// Embedding is one vector: an array of numbers, or with encoding_format
// base64 the little-endian float32s in base64.
type Embedding struct {
	Object    string `json:"object"` // "embedding"
	Index     int    `json:"index"`
	Embedding any    `json:"embedding"`
}
