package server

import (
	"bytes"
	"context"
	"encoding/json"
	"net/http"

	"github.com/vmira/mira/internal/openai"
	"github.com/vmira/mira/internal/provider"
	"github.com/vmira/mira/internal/screen"
)

// responses answers POST /v1/responses, streamed or not: passed on to a
// backend that serves the Responses API, else translated to chat
// completions and back (openai.ResponsesToChat refuses what cannot be
// translated faithfully).
func (s *Server) responses(w http.ResponseWriter, r *http.Request) (err error) {
	ex := s.begin(r)
	defer func() { ex.finish(err) }()
	var req *openai.ResponsesRequest
	p, raw, in, err := s.open(w, ex, provider.Responses, func(raw []byte) (inference, error) {
		var err error
		if req, err = openai.DecodeResponsesRequest(raw, s.opt.Limits); err != nil {
			return inference{}, err
		}
		out := s.opt.DefaultOutputTokens
		if req.MaxOutputTokens != nil {
			out = *req.MaxOutputTokens
		}
		n := req.PromptTokens()
		return inference{model: req.Model, stream: req.Stream, prompt: n, tokens: n + out}, nil
	})
	if err != nil {
		return err
	}
	screened := raw
	if err := s.screenTexts(w, ex, "input", screen.ResponseTexts(req), &screened, false); err != nil {
		return err
	}
	if !bytes.Equal(screened, raw) { // masked: what is translated is what the backend may see
		if req, err = openai.DecodeResponsesRequest(screened, s.opt.Limits); err != nil {
			return err
		}
	}
	fl := s.opt.Screen.For(ex.p.OrgName)
	var resp *provider.Response
	switch native := provider.IsNative(p, provider.Responses); {
	case native && req.Stream:
		st, err := s.postStream(ex, p, provider.Responses, screened, in)
		if err != nil {
			return err
		}
		return s.relayStream(w, ex, streamed{st: st, scr: fl.NewResponseStream(), textKey: deltaKey, errFrame: responseErrorFrame}, in.prompt)
	case native:
		if resp, err = s.post(ex, p, provider.Responses, screened, in); err != nil {
			return err
		}
	default:
		tr, err := openai.ResponsesToChat(req, screened)
		if err != nil {
			return err
		}
		if req.Stream {
			st, err := upstream(s, ex, p, in, func(ctx context.Context) (provider.Stream, error) { return p.ChatStream(ctx, tr.ChatReq, tr.Chat) })
			if err != nil {
				return err
			}
			return s.relayStream(w, ex, streamed{st: provider.Translated(st, tr), scr: fl.NewResponseStream(), textKey: deltaKey, errFrame: responseErrorFrame}, in.prompt)
		}
		if resp, err = upstream(s, ex, p, in, func(ctx context.Context) (*provider.Response, error) { return p.Chat(ctx, tr.ChatReq, tr.Chat) }); err != nil {
			return err
		}
		if resp.Body, err = tr.Response(resp.Body); err != nil {
			return err
		}
	}
	ex.used(resp.Usage)
	body, v := fl.ResponseOutput(r.Context(), resp.Body)
	s.outputVerdict(w, ex, v)
	s.reply(w, ex, resp.Header, body)
	return nil
}

var deltaKey = []byte(`"delta":"`)

// responseErrorFrame is the frame of a failure mid-stream of the Responses
// API: an error event that also carries the error body, for clients that
// look for either.
func responseErrorFrame(body *openai.ErrorResponse) []byte {
	b, _ := json.Marshal(struct {
		Type    string           `json:"type"`
		Code    *string          `json:"code"`
		Message string           `json:"message"`
		Param   *string          `json:"param"`
		Error   openai.ErrorBody `json:"error"`
	}{"error", body.Error.Code, body.Error.Message, body.Error.Param, body.Error})
	return b
}
