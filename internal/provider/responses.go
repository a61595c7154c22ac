package provider

import (
	"io"
	"net/http"

	"github.com/vmira/mira/internal/openai"
)

// Translated returns the events of a streamed response translated from
// st, a streamed chat completion of the translated request tr.
func Translated(st Stream, tr *openai.Translation) Stream {
	rs := tr.NewStream()
	return &translatedStream{up: st, rs: rs, pending: rs.Start()}
}

// translatedStream yields the events of a ResponseStream as the chat
// stream under it goes.
type translatedStream struct {
	up      Stream
	rs      *openai.ResponseStream
	pending [][]byte
	ended   bool
}

func (s *translatedStream) Next() ([]byte, error) {
	for len(s.pending) == 0 {
		if s.ended {
			return nil, io.EOF
		}
		chunk, err := s.up.Next()
		switch {
		case err == io.EOF:
			s.ended = true
			s.pending = s.rs.End(s.up.Usage())
		case err != nil:
			return nil, err
		default:
			s.pending = s.rs.Chunk(chunk)
		}
	}
	e := s.pending[0]
	s.pending = s.pending[1:]
	return e, nil
}

// Ready reports whether Next would return without waiting for the
// upstream (as far as the chat stream under it can tell).
func (s *translatedStream) Ready() bool {
	if len(s.pending) > 0 || s.ended {
		return true
	}
	r, ok := s.up.(interface{ Ready() bool })
	return ok && r.Ready()
}

func (s *translatedStream) Header() http.Header  { return s.up.Header() }
func (s *translatedStream) Usage() *openai.Usage { return s.up.Usage() }
func (s *translatedStream) Close() error         { return s.up.Close() }
