package server

import (
	"net/http"

	"github.com/vmira/mira/internal/openai"
	"github.com/vmira/mira/internal/provider"
)

// embeddings answers POST /v1/embeddings: the inputs are screened like a
// prompt (the vectors of an injection would carry it into whatever
// retrieves them); there is no generated text to screen.
func (s *Server) embeddings(w http.ResponseWriter, r *http.Request) (err error) {
	ex := s.begin(r)
	defer func() { ex.finish(err) }()
	var req *openai.EmbeddingRequest
	p, raw, in, err := s.open(w, ex, provider.Embeddings, func(raw []byte) (inference, error) {
		var err error
		if req, err = openai.DecodeEmbeddingRequest(raw, s.opt.Limits); err != nil {
			return inference{}, err
		}
		n := req.Input.Estimate()
		return inference{model: req.Model, tokens: n, prompt: n}, nil
	})
	if err != nil {
		return err
	}
	if err := s.screenTexts(w, ex, "input", inputTexts("input", &req.Input), &raw, len(req.Input.Tokens) > 0); err != nil {
		return err
	}
	resp, err := s.post(ex, p, provider.Embeddings, raw, in)
	if err != nil {
		return err
	}
	ex.used(resp.Usage)
	s.reply(w, ex, resp.Header, resp.Body)
	return nil
}
