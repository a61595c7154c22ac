package server

import (
	"encoding/json"
	"errors"
	"io"
	"log/slog"
	"net/http"
	"sync"
	"time"

	"github.com/vmira/mira/internal/mira"
	"github.com/vmira/mira/internal/openai"
	"github.com/vmira/mira/internal/provider"
)

// keepAliveEvery is how long a stream may stay silent before a ":" comment
// line is sent, so proxies and clients don't give up on a slow model.
const keepAliveEvery = 15 * time.Second

func (s *Server) chatCompletions(w http.ResponseWriter, r *http.Request) {
	rc := http.NewResponseController(w)
	// Reading the body and writing a stream overlap on HTTP/1 (golang/go#40747).
	_ = rc.EnableFullDuplex()
	raw, err := s.readBody(w, r, rc)
	if err != nil {
		s.writeError(w, r, err)
		return
	}
	req, err := openai.DecodeChatRequest(raw, s.opt.Limits)
	if err != nil {
		s.writeError(w, r, err)
		return
	}
	addLogAttrs(r.Context(), slog.String("model", req.Model), slog.Bool("stream", req.Stream))
	k := principal(r.Context()).Key
	if !k.AllowsModel(req.Model) {
		s.writeError(w, r, &mira.Error{Code: mira.EModelNotAllowed, Param: "model",
			Message: "this API key may not use the model " + quote(req.Model)})
		return
	}
	p, ok := s.opt.Providers.Lookup(req.Model)
	if !ok {
		s.writeError(w, r, &mira.Error{Code: mira.EModelNotFound, Param: "model",
			Message: "the model " + quote(req.Model) + " does not exist; GET /v1/models lists the available ones"})
		return
	}
	if req.Stream {
		s.stream(w, r, rc, p, req, raw)
		return
	}
	resp, err := p.Chat(r.Context(), req, raw)
	if err != nil {
		s.writeError(w, r, err)
		return
	}
	addLogAttrs(r.Context(), slog.Int("prompt_tokens", resp.Usage.PromptTokens),
		slog.Int("completion_tokens", resp.Usage.CompletionTokens))
	copyHeaders(w.Header(), resp.Header)
	w.Header().Set("Content-Type", "application/json")
	_ = rc.SetWriteDeadline(time.Now().Add(s.opt.WriteTimeout))
	w.WriteHeader(http.StatusOK)
	w.Write(resp.Body)
}

// readBody reads the whole request body within the size and time limits.
func (s *Server) readBody(w http.ResponseWriter, r *http.Request, rc *http.ResponseController) ([]byte, error) {
	if r.ContentLength > s.opt.MaxBodyBytes {
		return nil, mira.Errorf(mira.ERequestTooLarge, "the request body is larger than %d bytes", s.opt.MaxBodyBytes)
	}
	_ = rc.SetReadDeadline(time.Now().Add(s.opt.BodyTimeout))
	defer rc.SetReadDeadline(time.Time{})
	body, err := io.ReadAll(http.MaxBytesReader(w, r.Body, s.opt.MaxBodyBytes))
	var tooLarge *http.MaxBytesError
	switch {
	case errors.As(err, &tooLarge):
		return nil, mira.Errorf(mira.ERequestTooLarge, "the request body is larger than %d bytes", s.opt.MaxBodyBytes)
	case err != nil:
		return nil, mira.Errorf(mira.EInvalidRequest, "the request body could not be read completely")
	}
	return body, nil
}

// stream relays a streamed answer as SSE frames: "data: <json>\n\n" per
// chunk, "data: [DONE]\n\n" at the end, and on a failure mid-stream one
// error frame before closing.
func (s *Server) stream(w http.ResponseWriter, r *http.Request, rc *http.ResponseController, p provider.Provider, req *openai.ChatRequest, raw []byte) {
	st, err := p.ChatStream(r.Context(), req, raw)
	if err != nil {
		s.writeError(w, r, err)
		return
	}
	defer st.Close()

	h := w.Header()
	copyHeaders(h, st.Header())
	h.Set("Content-Type", "text/event-stream")
	h.Set("X-Accel-Buffering", "no")

	sw := &sseWriter{w: w, rc: rc, timeout: s.opt.WriteTimeout}
	sw.mu.Lock()
	sw.ka = time.AfterFunc(keepAliveEvery, sw.keepAlive)
	sw.deadline()
	w.WriteHeader(http.StatusOK)
	rc.Flush()
	sw.mu.Unlock()
	defer sw.close()

	for {
		chunk, err := st.Next()
		if err == io.EOF {
			sw.frame([]byte("[DONE]"))
			break
		}
		if err != nil {
			if r.Context().Err() != nil {
				return // the client went away; nobody to tell
			}
			_, body := errorBody(err)
			b, _ := json.Marshal(body)
			sw.frame(b)
			s.log.Warn("stream failed", "request_id", requestID(r.Context()), "error", redact(err.Error()))
			break
		}
		if !sw.frame(chunk) {
			return // the client is gone; st.Close cancels the upstream
		}
	}
	if u := st.Usage(); u != nil {
		addLogAttrs(r.Context(), slog.Int("prompt_tokens", u.PromptTokens), slog.Int("completion_tokens", u.CompletionTokens))
	}
}

// sseWriter writes SSE frames with a deadline per write. The keep-alive
// timer writes from its own goroutine, hence the mutex.
type sseWriter struct {
	mu      sync.Mutex
	w       http.ResponseWriter
	rc      *http.ResponseController
	timeout time.Duration
	ka      *time.Timer
	failed  bool
	buf     []byte
}

func (s *sseWriter) deadline() { _ = s.rc.SetWriteDeadline(time.Now().Add(s.timeout)) }

// frame writes one "data:" frame and flushes it; it reports whether the
// client is still there.
func (s *sseWriter) frame(payload []byte) bool {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.failed {
		return false
	}
	s.buf = append(append(append(s.buf[:0], "data: "...), payload...), "\n\n"...)
	s.deadline()
	if _, err := s.w.Write(s.buf); err != nil {
		s.failed = true
		return false
	}
	if err := s.rc.Flush(); err != nil {
		s.failed = true
		return false
	}
	s.ka.Reset(keepAliveEvery)
	return true
}

// close stops the keep-alives; nothing is written after it returns.
func (s *sseWriter) close() {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.ka.Stop()
	s.failed = true
}

func (s *sseWriter) keepAlive() {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.failed {
		return
	}
	s.deadline()
	if _, err := s.w.Write([]byte(":\n\n")); err != nil || s.rc.Flush() != nil {
		s.failed = true
		return
	}
	s.ka.Reset(keepAliveEvery)
}

func copyHeaders(dst, src http.Header) {
	for k, v := range src {
		dst[k] = v
	}
}

func quote(s string) string {
	if len(s) > 64 {
		s = s[:64] + "..."
	}
	b, _ := json.Marshal(s)
	return string(b)
}
