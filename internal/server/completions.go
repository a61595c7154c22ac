package server

import (
	"net/http"

	"github.com/vmira/mira/internal/openai"
	"github.com/vmira/mira/internal/provider"
	"github.com/vmira/mira/internal/screen"
)

// completions answers POST /v1/completions, the legacy text completions,
// streamed or not.
func (s *Server) completions(w http.ResponseWriter, r *http.Request) (err error) {
	ex := s.begin(r)
	defer func() { ex.finish(err) }()
	var req *openai.CompletionRequest
	p, raw, in, err := s.open(w, ex, provider.Completions, func(raw []byte) (inference, error) {
		var err error
		if req, err = openai.DecodeCompletionRequest(raw, s.opt.Limits); err != nil {
			return inference{}, err
		}
		out := s.opt.DefaultOutputTokens
		if req.MaxTokens != nil {
			out = *req.MaxTokens
		}
		n := req.Prompt.Estimate()
		return inference{model: req.Model, stream: req.Stream, prompt: n,
			tokens: n + out*req.Choices()*req.Prompt.Len()}, nil
	})
	if err != nil {
		return err
	}
	texts := inputTexts("prompt", &req.Prompt)
	if req.Suffix != nil {
		texts = append(texts, screen.Text{Path: []string{"suffix"}, Text: *req.Suffix, Sensitive: true})
	}
	if err := s.screenTexts(w, ex, "prompt", texts, &raw, len(req.Prompt.Tokens) > 0); err != nil {
		return err
	}
	fl := s.opt.Screen.For(ex.p.OrgName)
	if req.Stream {
		st, err := s.postStream(ex, p, provider.Completions, raw, in)
		if err != nil {
			return err
		}
		return s.relayStream(w, ex, streamed{st: st, scr: fl.NewCompletionStream(), textKey: textKey, errFrame: errorFrame}, in.prompt)
	}
	resp, err := s.post(ex, p, provider.Completions, raw, in)
	if err != nil {
		return err
	}
	ex.used(resp.Usage)
	body, v := fl.CompletionOutput(r.Context(), resp.Body)
	s.outputVerdict(w, ex, v)
	s.reply(w, ex, resp.Header, body)
	return nil
}

var textKey = []byte(`"text":"`)
