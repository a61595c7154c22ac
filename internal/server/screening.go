package server

import (
	"net/http"
	"strings"

	"github.com/vmira/mira/internal/openai"
	"github.com/vmira/mira/internal/screen"
)

// screenChat runs the screening set's input step on a chat request before
// any model sees it (with the mask policy it rewrites raw and req), and
// records what it found on the response headers and the exchange. The
// error is the content_filter refusal.
func (s *Server) screenChat(w http.ResponseWriter, ex *exchange, req *openai.ChatRequest, raw *[]byte) error {
	if s.opt.Screen == nil {
		return nil
	}
	res, err := s.opt.Screen.ChatInput(ex.r.Context(), ex.p.OrgName, req, *raw)
	*raw = res.Body
	s.found(w, ex, res)
	return err
}

// found puts an input step's findings on the response headers
// (Mira-Sensitive-Data, Mira-Content-Flagged) and on the exchange.
func (s *Server) found(w http.ResponseWriter, ex *exchange, res screen.Result) {
	if len(res.Sensitive) > 0 {
		ex.entry.SensitiveTypes = res.Sensitive
		w.Header().Set("Mira-Sensitive-Data", strings.Join(res.Sensitive, ","))
	}
	if res.Filtered {
		ex.entry.FilterVerdict = screen.Summary(res.Verdict)
		if v := res.Verdict; v.Flagged && !v.Blocked {
			w.Header().Set("Mira-Content-Flagged", strings.Join(v.FlaggedCategories, ","))
		}
	}
}

// screenAnswer checks a non-streamed chat answer and returns the body to
// send: a blocked answer loses its content (finish_reason content_filter).
func (s *Server) screenAnswer(w http.ResponseWriter, ex *exchange, body []byte) []byte {
	out, v := s.opt.Screen.For(ex.p.OrgName).ChatOutput(ex.r.Context(), body)
	s.outputVerdict(w, ex, v)
	return out
}
