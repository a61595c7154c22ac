package openai

import (
	"bufio"
	"bytes"
	"errors"
	"io"
)

// DefaultMaxSSEEvent bounds a server-sent event line and the data of one
// event when NewSSEReader is given no bound.
const DefaultMaxSSEEvent = 1 << 20

// ErrSSETooLong is returned by SSEReader.Next when a line or the data of one
// event is longer than the reader's bound.
var ErrSSETooLong = errors.New("server-sent event longer than the limit")

// sseBufSize is the bufio buffer of an SSEReader: chat chunks are a few
// hundred bytes, so almost every line is read in place without a copy.
const sseBufSize = 4096

// lineSlack is what a line may hold beyond the bound on data: the field
// name, the colon, the space and the line terminator.
const lineSlack = 16

// SSEReader reads the data of server-sent events (the WHATWG "text/event-stream"
// format) with bounded memory: lines end with LF, CRLF or CR; "data:" lines
// (with or without the space) are joined with "\n"; comments (":") and the
// event, id and retry fields are ignored; a leading byte-order mark is skipped.
//
// Unlike a browser, it returns an event cut short by the end of the input
// rather than dropping it: a JSON stream detects truncation from the payload
// or from a missing [DONE], and a well-formed last event without its blank
// line is not lost. An event terminated only by bare CRs is returned once
// the next LF arrives (no known server ends lines with CR alone).
type SSEReader struct {
	r       *bufio.Reader
	max     int
	started bool   // the byte-order mark check is done
	line    []byte // a line longer than the bufio buffer, assembled
	rest    []byte // the part of a line after a bare CR, still to process
	hasRest bool
	data    []byte // the data of the current event, each line followed by '\n'
	hasData bool   // a data field was seen in the current event
	err     error  // sticky error of the underlying reader
}

// NewSSEReader returns a reader of the events of r. max bounds a line and the
// data of one event (DefaultMaxSSEEvent when max <= 0).
func NewSSEReader(r io.Reader, max int) *SSEReader {
	if max <= 0 {
		max = DefaultMaxSSEEvent
	}
	return &SSEReader{r: bufio.NewReaderSize(r, sseBufSize), max: max}
}

// Reset makes s read the events of r, keeping its buffers, so readers can be
// pooled.
func (s *SSEReader) Reset(r io.Reader) {
	s.r.Reset(r)
	s.started, s.hasData, s.err = false, false, nil
	s.line, s.rest, s.hasRest, s.data = s.line[:0], nil, false, s.data[:0]
	if cap(s.line) > sseBufSize*4 {
		s.line = nil // do not keep a rare huge line alive in a pool
	}
	if cap(s.data) > sseBufSize*4 {
		s.data = nil
	}
}

// Next returns the data of the next event that has a data field. The slice
// is valid until the next call to Next or Reset. At the end of the input Next
// returns io.EOF; a line or event over the bound returns ErrSSETooLong; other
// errors are the underlying reader's. Every error is final.
func (s *SSEReader) Next() ([]byte, error) {
	if !s.started {
		s.started = true
		if b, _ := s.r.Peek(3); bytes.HasPrefix(b, []byte("\xEF\xBB\xBF")) {
			s.r.Discard(3)
		}
	}
	s.data, s.hasData = s.data[:0], false
	for {
		line, err := s.nextLine()
		if err != nil {
			if err == io.EOF && s.hasData {
				s.err = io.EOF
				return s.event(), nil
			}
			return nil, err
		}
		if len(line) == 0 {
			if s.hasData {
				return s.event(), nil
			}
			continue
		}
		if line[0] == ':' {
			continue // comment, e.g. a keep-alive
		}
		field, value := line, []byte(nil)
		if i := bytes.IndexByte(line, ':'); i >= 0 {
			field, value = line[:i], line[i+1:]
			if len(value) > 0 && value[0] == ' ' {
				value = value[1:]
			}
		}
		if string(field) != "data" {
			continue // event, id, retry and unknown fields
		}
		if len(s.data)+len(value) >= s.max+1 {
			s.err = ErrSSETooLong
			return nil, s.err
		}
		s.data = append(s.data, value...)
		s.data = append(s.data, '\n')
		s.hasData = true
	}
}

// Ready reports whether an event with data has already been received
// whole (up to its blank line), or the input has ended: Next would then
// return without waiting for the network. Lines ended by bare CRs are not
// read here (Ready says false).
func (s *SSEReader) Ready() bool {
	if s.err != nil {
		return true
	}
	if s.hasRest {
		return false
	}
	b, _ := s.r.Peek(s.r.Buffered())
	data := false
	for {
		i := bytes.IndexByte(b, '\n')
		if i < 0 {
			return false
		}
		line := b[:i]
		b = b[i+1:]
		if n := len(line); n > 0 && line[n-1] == '\r' {
			line = line[:n-1]
		}
		switch {
		case bytes.IndexByte(line, '\r') >= 0:
			return false
		case len(line) == 0:
			if data {
				return true
			}
		case bytes.HasPrefix(line, dataField) && (len(line) == 4 || line[4] == ':'):
			data = true
		}
	}
}

var dataField = []byte("data")

// event returns the data of the current event without its last '\n'.
func (s *SSEReader) event() []byte {
	s.hasData = false
	return s.data[:len(s.data)-1]
}

// nextLine returns the next line without its terminator. At the end of the
// input a last line without terminator is returned, then io.EOF.
func (s *SSEReader) nextLine() ([]byte, error) {
	if s.hasRest {
		return s.splitCR(s.rest), nil
	}
	if s.err != nil {
		return nil, s.err
	}
	line, err := s.r.ReadSlice('\n')
	assembled := false
	if err == bufio.ErrBufferFull {
		s.line = append(s.line[:0], line...)
		for err == bufio.ErrBufferFull {
			line, err = s.r.ReadSlice('\n')
			if len(s.line)+len(line) > s.max+lineSlack {
				s.err = ErrSSETooLong
				return nil, s.err
			}
			s.line = append(s.line, line...)
		}
		line, assembled = s.line, true
	}
	if err != nil {
		s.err = err
		if len(line) == 0 {
			return nil, err
		}
	}
	if len(line) > s.max+lineSlack {
		s.err = ErrSSETooLong
		return nil, s.err
	}
	if n := len(line); n > 0 && line[n-1] == '\n' {
		line = line[:n-1]
	}
	if n := len(line); n > 0 && line[n-1] == '\r' {
		line = line[:n-1]
	}
	if bytes.IndexByte(line, '\r') < 0 {
		return line, nil
	}
	// Bare CRs end lines too. The remainder must outlive the bufio buffer.
	if !assembled {
		s.line = append(s.line[:0], line...)
		line = s.line
	}
	return s.splitCR(line), nil
}

// splitCR returns b up to its first CR and keeps the remainder for the next
// call of nextLine.
func (s *SSEReader) splitCR(b []byte) []byte {
	i := bytes.IndexByte(b, '\r')
	if i < 0 {
		s.rest, s.hasRest = nil, false
		return b
	}
	s.rest, s.hasRest = b[i+1:], true
	return b[:i]
}
