package server

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
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
	var req *openai.ChatRequest
	p, raw, in, err := s.open(w, ex, provider.Chat, func(raw []byte) (inference, error) {
		var err error
		if req, err = openai.DecodeChatRequest(raw, s.opt.Limits); err != nil {
			return inference{}, err
		}
		prompt := req.PromptTokens()
		return inference{model: req.Model, stream: req.Stream, tokens: prompt + s.outputBound(req), prompt: prompt}, nil
	})
	if err != nil {
		return err
	}
	if err := s.screenChat(w, ex, req, &raw); err != nil {
		return err
	}
	if req.Stream {
		st, err := upstream(s, ex, p, in, func(ctx context.Context) (provider.Stream, error) { return p.ChatStream(ctx, req, raw) })
		if err != nil {
			return err
		}
		scr := s.opt.Screen.For(ex.p.OrgName).NewStream() // a nil *Stream passes every chunk through
		return s.relayStream(w, ex, streamed{st: st, scr: scr, textKey: contentKey, errFrame: errorFrame}, in.prompt)
	}
	resp, err := upstream(s, ex, p, in, func(ctx context.Context) (*provider.Response, error) { return p.Chat(ctx, req, raw) })
	if err != nil {
		return err
	}
	ex.used(resp.Usage)
	s.reply(w, ex, resp.Header, s.screenAnswer(w, ex, resp.Body))
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

// contentKey precedes the answer text in a chat chunk.
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
	// unflushed: frames were written since the last flush.
	unflushed bool
	keep      bool      // keep what was sent, for the request log
	kept      []byte    // the frames sent, up to maxKeptStream
	first     time.Time // when the first frame was sent
}

// maxKeptStream bounds the copy of a streamed answer kept for the log.
const maxKeptStream = 64 << 10

func (s *sseWriter) deadline() { _ = s.rc.SetWriteDeadline(time.Now().Add(s.timeout)) }

// frames writes "data:" frames and flushes them, with any written before
// unflushed; it reports whether the client is still there.
func (s *sseWriter) frames(payloads ...[]byte) bool { return s.write(payloads, true) }

// write writes "data:" frames, and flushes what was written when flush
// (else they wait, in the response's buffer, for a later flush); it
// reports whether the client is still there.
func (s *sseWriter) write(payloads [][]byte, flush bool) bool {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.failed {
		return false
	}
	if len(payloads) > 0 {
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
		s.unflushed = true
	}
	if !flush || !s.unflushed {
		return true
	}
	if s.first.IsZero() {
		s.first = time.Now()
	}
	if err := s.rc.Flush(); err != nil {
		s.failed = true
		return false
	}
	s.unflushed = false
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
