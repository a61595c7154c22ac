package server

import (
	"bytes"
	"encoding/json"
	"errors"
	"io"
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

func (s *Server) chatCompletions(w http.ResponseWriter, r *http.Request) (err error) {
	ex := s.begin(r)
	defer func() { ex.finish(err) }()
	rc := http.NewResponseController(w)
	// Reading the body and writing a stream overlap on HTTP/1 (golang/go#40747).
	_ = rc.EnableFullDuplex()
	raw, err := s.readBody(w, r)
	var req *openai.ChatRequest
	if err == nil {
		req, err = openai.DecodeChatRequest(raw, s.opt.Limits)
	}
	// Every request is admitted (and counted) before anything else is said,
	// so even a 400 carries the rate-limit headers; the reservation is the
	// prompt estimate plus the answer's bound.
	reserve := 0
	if err == nil {
		reserve = req.PromptTokens() + s.outputBound(req)
	}
	if aerr := ex.admit(w, reserve); aerr != nil {
		return aerr
	}
	if err != nil {
		return err
	}
	p, err := s.modelProvider(ex, req.Model, provider.Chat)
	if err != nil {
		return err
	}
	ex.served(req.Model, req.Stream)
	if ex.bodies {
		ex.entry.Request = raw
	}
	if err := s.screenChat(w, ex, req, &raw); err != nil {
		return err
	}
	if req.Stream {
		return s.stream(w, ex, rc, p, req, raw)
	}
	called := time.Now()
	resp, err := p.Chat(r.Context(), req, raw)
	s.opt.Observer.Upstream(p.Name(), time.Since(called), err)
	if err != nil {
		ex.charge = openai.Usage{PromptTokens: req.PromptTokens()}
		return err
	}
	ex.used(resp.Usage)
	body := s.screenAnswer(w, ex, resp.Body)
	if ex.bodies {
		ex.entry.Response = body
	}
	copyHeaders(w.Header(), resp.Header)
	w.Header().Set("Content-Type", "application/json")
	_ = rc.SetWriteDeadline(time.Now().Add(s.opt.WriteTimeout))
	w.WriteHeader(http.StatusOK)
	w.Write(body)
	return nil
}

// outputBound is the number of answer tokens reserved for req.
func (s *Server) outputBound(req *openai.ChatRequest) int {
	if n := req.MaxOutputTokens(); n > 0 {
		return n
	}
	return s.opt.DefaultOutputTokens
}

// readBody reads the whole request body within the size limit; the time
// limit is bodyDeadline's.
func (s *Server) readBody(w http.ResponseWriter, r *http.Request) ([]byte, error) {
	if r.ContentLength > s.opt.MaxBodyBytes {
		return nil, mira.Errorf(mira.ERequestTooLarge, "the request body is larger than %d bytes", s.opt.MaxBodyBytes)
	}
	// Sized from Content-Length when there is one: no copies while it grows.
	buf := bytes.NewBuffer(make([]byte, 0, max(r.ContentLength, 0)+bytes.MinRead))
	_, err := buf.ReadFrom(http.MaxBytesReader(w, r.Body, s.opt.MaxBodyBytes))
	body := buf.Bytes()
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
// error frame before closing. It records the usage on the exchange: the
// upstream's usage chunk, or else the prompt estimate and the answer's
// tokens counted from what was relayed.
func (s *Server) stream(w http.ResponseWriter, ex *exchange, rc *http.ResponseController, p provider.Provider, req *openai.ChatRequest, raw []byte) error {
	ex.used(openai.Usage{PromptTokens: req.PromptTokens()})
	called := time.Now()
	st, err := p.ChatStream(ex.r.Context(), req, raw)
	s.opt.Observer.Upstream(p.Name(), time.Since(called), err)
	if err != nil {
		return err
	}
	defer st.Close()

	h := w.Header()
	copyHeaders(h, st.Header())
	h.Set("Content-Type", "text/event-stream")
	h.Set("X-Accel-Buffering", "no")

	sw := &sseWriter{w: w, rc: rc, timeout: s.opt.WriteTimeout, keep: ex.bodies}
	defer func() {
		ex.entry.Response = sw.kept
		if !sw.first.IsZero() {
			ex.ttft = sw.first.Sub(ex.start)
		}
	}()
	sw.mu.Lock()
	sw.ka = time.AfterFunc(keepAliveEvery, sw.keepAlive)
	sw.deadline()
	w.WriteHeader(http.StatusOK)
	ex.answered = true
	rc.Flush()
	sw.mu.Unlock()
	defer sw.close()

	contentBytes := s.relay(ex, st, sw)
	u := ex.charge
	if up := st.Usage(); up != nil {
		u = *up
	} else {
		u.CompletionTokens = (contentBytes + 3) / 4
		u.TotalTokens = u.PromptTokens + u.CompletionTokens
	}
	ex.used(u)
	return nil
}

// relay copies the upstream's chunks to the client through the output
// screen until the stream ends, fails, is blocked or the client leaves; it
// returns the bytes of answer text seen, to count tokens by when the
// upstream sends no usage.
func (s *Server) relay(ex *exchange, st provider.Stream, sw *sseWriter) (contentBytes int) {
	scr := s.opt.Screen.For(ex.p.OrgName).NewStream() // nil: nothing to screen
	for {
		chunk, err := st.Next()
		if err == io.EOF {
			if scr != nil {
				outs, blocked := scr.End()
				if !sw.frames(outs...) {
					return
				}
				if blocked {
					ex.outputFilter = "blocked"
				}
			}
			sw.frames([]byte("[DONE]"))
			return
		}
		if err != nil {
			if ex.r.Context().Err() == nil { // else the client went away; nobody to tell
				_, body := errorBody(err)
				b, _ := json.Marshal(body)
				sw.frames(b)
				s.log.Warn("stream failed", "request_id", requestID(ex.r.Context()), "error", redact(err.Error()))
			}
			return
		}
		contentBytes += contentLen(chunk)
		if scr == nil {
			if !sw.frames(chunk) {
				return // the client is gone; st.Close cancels the upstream
			}
			continue
		}
		outs, blocked := scr.Chunk(chunk)
		if !sw.frames(outs...) {
			return
		}
		if blocked {
			ex.outputFilter = "blocked"
			sw.frames([]byte("[DONE]"))
			return // st.Close stops the upstream: nothing more is sent
		}
	}
}

// contentLen returns the length of the "content" strings in a chunk's
// JSON without decoding it: enough to count tokens when the upstream sends
// no usage.
func contentLen(chunk []byte) int {
	n := 0
	for {
		i := bytes.Index(chunk, contentKey)
		if i < 0 {
			return n
		}
		chunk = chunk[i+len(contentKey):]
		j := 0
		for j < len(chunk) && chunk[j] != '"' {
			if chunk[j] == '\\' {
				j++
			}
			j++
		}
		n += min(j, len(chunk))
		if j >= len(chunk) {
			return n
		}
		chunk = chunk[j:]
	}
}

var contentKey = []byte(`"content":"`)

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
	keep    bool      // keep what was sent, for the request log
	kept    []byte    // the frames sent, up to maxKeptStream
	first   time.Time // when the first frame was sent
}

// maxKeptStream bounds the copy of a streamed answer kept for the log.
const maxKeptStream = 64 << 10

func (s *sseWriter) deadline() { _ = s.rc.SetWriteDeadline(time.Now().Add(s.timeout)) }

// frames writes "data:" frames and flushes them once; it reports whether
// the client is still there.
func (s *sseWriter) frames(payloads ...[]byte) bool {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.failed {
		return false
	}
	if len(payloads) == 0 {
		return true
	}
	s.buf = s.buf[:0]
	for _, p := range payloads {
		s.buf = append(append(append(s.buf, "data: "...), p...), "\n\n"...)
	}
	if s.keep && len(s.kept)+len(s.buf) <= maxKeptStream {
		s.kept = append(s.kept, s.buf...)
	}
	s.deadline()
	if _, err := s.w.Write(s.buf); err != nil {
		s.failed = true
		return false
	}
	if s.first.IsZero() {
		s.first = time.Now()
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
