package provider

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"net/http"
	"sync"
	"sync/atomic"
	"time"

	"github.com/vmira/mira/internal/openai"
)

// openaiStream reads the SSE answer of an OpenAI-compatible upstream. Next
// validates and compacts each payload straight into the caller's copy (one
// allocation); only chunks that mention "error" or carry a usage object are
// scanned further.
type openaiStream struct {
	p         *OpenAI
	ctx       context.Context
	cancel    context.CancelCauseFunc
	idle      *time.Timer // cancels ctx with errIdle after StreamIdleTimeout without an event
	body      io.ReadCloser
	sse       *openai.SSEReader // nil once the stream ended and gave it back to the pool
	header    http.Header
	dropUsage bool // Mira asked for the usage chunk, the client did not
	// events: the stream is of the Responses API, typed events that end
	// with a response.completed or response.incomplete event (ended),
	// with or without [DONE].
	events bool
	ended  bool

	usage *openai.Usage
	err   error // final result of Next, io.EOF after [DONE]

	closed    atomic.Bool
	closeOnce sync.Once
}

var (
	doneEvent     = []byte("[DONE]")
	errorKey      = []byte(`"error":`)
	usageValue    = []byte(`"usage":{`)
	unicodeEscape = []byte(`\u`)
)

func (s *openaiStream) Next() ([]byte, error) {
	if s.err != nil {
		return nil, s.err
	}
	if s.closed.Load() {
		return nil, s.fail(upstreamError(msgCanceled, errClosed))
	}
	for {
		data, err := s.sse.Next()
		if err == io.EOF && s.ended {
			s.finish()
			return nil, io.EOF
		}
		if err != nil {
			return nil, s.fail(s.readError(err))
		}
		s.idle.Reset(s.p.cfg.StreamIdleTimeout)
		data = bytes.TrimSpace(data)
		if len(data) == 0 {
			continue
		}
		if bytes.Equal(data, doneEvent) {
			s.finish()
			return nil, io.EOF
		}
		b, err := compactJSON(make([]byte, 0, len(data)), data) // the caller's copy
		if err != nil {
			return nil, s.fail(upstreamError(msgInvalid, fmt.Errorf("provider %s: stream event is not JSON: %w", s.p.cfg.Name, err)))
		}
		if b[0] != '{' {
			return nil, s.fail(upstreamError(msgInvalid, fmt.Errorf("provider %s: stream event is not a JSON object", s.p.cfg.Name)))
		}
		if s.events {
			return s.event(b)
		}
		// A key spelled with escapes ("\u0065rror") is rare but must not
		// slip past the check either.
		if !bytes.Contains(b, errorKey) && !bytes.Contains(b, usageValue) && !bytes.Contains(b, unicodeEscape) {
			return b, nil
		}
		top, ok := inspect(b)
		switch {
		case !ok:
			return nil, s.fail(upstreamError(msgInvalid, fmt.Errorf("provider %s: stream event is not a JSON object", s.p.cfg.Name)))
		case top.errValue != nil:
			return nil, s.fail(upstreamError(msgReported, fmt.Errorf("provider %s: stream holds an error: %.512s", s.p.cfg.Name, top.errValue)))
		}
		if top.usage != nil {
			if u, ok := parseUsage(top.usage); ok {
				s.usage = &u
			}
			if s.dropUsage && (top.choices == nil || string(top.choices) == "[]") {
				continue // the usage chunk the client did not ask for
			}
		}
		if top.errNull {
			return withoutError(b), nil
		}
		return b, nil
	}
}

// event checks one event of the Responses API: an error event, or a
// response that failed, ends the stream with an upstream_error; the last
// response gives the usage.
func (s *openaiStream) event(b []byte) ([]byte, error) {
	top, ok := inspect(b)
	if !ok {
		return nil, s.fail(upstreamError(msgInvalid, fmt.Errorf("provider %s: stream event is not a JSON object", s.p.cfg.Name)))
	}
	switch typ := string(top.typ); {
	case typ == `"error"`, typ == `"response.failed"`, top.errValue != nil:
		return nil, s.fail(upstreamError(msgReported, fmt.Errorf("provider %s: stream holds an error: %.512s", s.p.cfg.Name, b)))
	case typ == `"response.completed"`, typ == `"response.incomplete"`:
		s.ended = true
		if r, ok := inspect(top.response); ok {
			if u, ok := parseUsage(r.usage); ok {
				s.usage = &u
			}
		}
	}
	if top.errNull {
		return withoutError(b), nil
	}
	return b, nil
}

// readError maps an error of the event reader to an upstream_error.
func (s *openaiStream) readError(err error) error {
	if context.Cause(s.ctx) != nil {
		return s.p.transportError(s.ctx, err, msgCut)
	}
	cause := fmt.Errorf("provider %s: %w", s.p.cfg.Name, err)
	switch {
	case err == io.EOF:
		return upstreamError(msgCut, fmt.Errorf("provider %s: stream ended without [DONE]", s.p.cfg.Name))
	case errors.Is(err, openai.ErrSSETooLong):
		return upstreamError(msgInvalid, cause)
	}
	return upstreamError(msgCut, cause)
}

// fail ends the stream with err.
func (s *openaiStream) fail(err error) error {
	s.err = err
	s.idle.Stop()
	s.cancel(err)
	s.body.Close()
	s.p.putSSEReader(s.sse)
	s.sse = nil
	return err
}

// finish ends the stream after [DONE]. It reads the rest of the body, briefly,
// so that the connection goes back to the pool instead of being closed.
func (s *openaiStream) finish() {
	s.err = io.EOF
	s.idle.Reset(drainTimeout)
	io.CopyN(io.Discard, s.body, 64<<10)
	s.idle.Stop()
	s.body.Close()
	s.cancel(nil)
	s.p.putSSEReader(s.sse)
	s.sse = nil
}

// Ready reports whether Next would return without waiting for the
// upstream: the next event has already arrived whole, or the stream ended.
func (s *openaiStream) Ready() bool { return s.err != nil || s.sse != nil && s.sse.Ready() }

func (s *openaiStream) Header() http.Header { return s.header }

func (s *openaiStream) Usage() *openai.Usage { return s.usage }

// Close cancels the upstream request; a Next blocked in a read returns.
func (s *openaiStream) Close() error {
	s.closeOnce.Do(func() {
		s.closed.Store(true)
		s.cancel(errClosed)
		s.idle.Stop()
		s.body.Close()
	})
	return nil
}

func (p *OpenAI) getSSEReader(r io.Reader) *openai.SSEReader {
	if s, ok := p.sseReaders.Get().(*openai.SSEReader); ok {
		s.Reset(r)
		return s
	}
	return openai.NewSSEReader(r, p.cfg.MaxEventBytes)
}

func (p *OpenAI) putSSEReader(s *openai.SSEReader) {
	s.Reset(nil) // drop the body
	p.sseReaders.Put(s)
}
