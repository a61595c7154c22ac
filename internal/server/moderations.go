package server

import (
	"encoding/json"
	"net/http"

	"github.com/vmira/mira/internal/filter"
	"github.com/vmira/mira/internal/mira"
	"github.com/vmira/mira/internal/openai"
	"github.com/vmira/mira/internal/screen"
)

// ModerationModel names Mira's own classifier in moderation responses.
const ModerationModel = "mira-filter-1"

// maxModerationInputs bounds one moderation request.
const maxModerationInputs = 128

// moderations answers POST /v1/moderations in OpenAI's shape with the same
// verdicts the input filter reaches.
func (s *Server) moderations(w http.ResponseWriter, r *http.Request) (err error) {
	ex := s.begin(r)
	defer func() { ex.finish(err) }()
	raw, err := s.readBody(w, r)
	var inputs []string
	if err == nil {
		inputs, err = decodeModerationInput(raw)
	}
	tokens := 0
	for _, in := range inputs {
		tokens += openai.EstimateTokens(in)
	}
	if err := ex.admit(w, tokens); err != nil {
		return err
	}
	ex.charge = openai.Usage{PromptTokens: tokens}
	if err != nil {
		return err
	}
	fl := s.opt.Screen.For(ex.p.OrgName)
	if fl == nil {
		return mira.Errorf(mira.EUnavailable, "content filtering is switched off on this server")
	}
	out := struct {
		ID      string                    `json:"id"`
		Model   string                    `json:"model"`
		Results []filter.ModerationResult `json:"results"`
	}{ID: "modr-" + requestID(r.Context()), Model: ModerationModel, Results: make([]filter.ModerationResult, 0, len(inputs))}
	for _, in := range inputs {
		out.Results = append(out.Results, fl.Check(r.Context(), in, screen.Input).Moderation())
	}
	writeJSON(w, http.StatusOK, out)
	return nil
}

// decodeModerationInput accepts OpenAI's input forms: a string, an array
// of strings, or an array of {"type":"text","text":...} parts.
func decodeModerationInput(raw []byte) ([]string, error) {
	var body struct {
		Input json.RawMessage `json:"input"`
		Model string          `json:"model"`
	}
	// What is screened must be what any parser reads: no duplicate or
	// case-variant names.
	if err := openai.CheckMembers(raw); err != nil {
		return nil, err
	}
	if err := json.Unmarshal(raw, &body); err != nil {
		return nil, mira.Errorf(mira.EInvalidRequest, "the request body is not valid JSON: give {\"input\": \"text\"}")
	}
	if len(body.Input) == 0 || string(body.Input) == "null" {
		return nil, mira.ParamErrorf("input", "input is required")
	}
	var one string
	if json.Unmarshal(body.Input, &one) == nil {
		return []string{one}, nil
	}
	var items []json.RawMessage
	if err := json.Unmarshal(body.Input, &items); err != nil {
		return nil, mira.ParamErrorf("input", "input must be a string or an array")
	}
	if len(items) == 0 || len(items) > maxModerationInputs {
		return nil, mira.ParamErrorf("input", "input must hold 1 to %d items", maxModerationInputs)
	}
	var out []string
	for _, it := range items {
		if json.Unmarshal(it, &one) == nil {
			out = append(out, one)
			continue
		}
		var part struct{ Type, Text string }
		if json.Unmarshal(it, &part) != nil || part.Type == "" {
			return nil, mira.ParamErrorf("input", "each input item must be a string or a {\"type\":\"text\",\"text\":...} part")
		}
		if part.Type == "text" {
			out = append(out, part.Text)
		} else {
			out = append(out, "")
		}
	}
	return out, nil
}
