package client

import (
	"bufio"
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"mime"
	"net/http"
	"strings"
)

// maxEvent bounds one server-sent event (a chunk is a few hundred bytes).
const maxEvent = 8 << 20

// ChatStream reads a streamed chat completion chunk by chunk:
//
//	for stream.Next() {
//		chunk := stream.Chunk()
//		...
//	}
//	if err := stream.Err(); err != nil { ... }
//
// A ChatStream is not safe for concurrent use.
type ChatStream struct {
	body      io.ReadCloser
	lines     *bufio.Scanner
	requestID string

	chunk  ChatChunk
	usage  *Usage
	err    error
	done   bool // [DONE] was read, an error happened, or Close was called
	closed bool
}

func newChatStream(resp *http.Response) (*ChatStream, error) {
	if mt, _, _ := mime.ParseMediaType(resp.Header.Get("Content-Type")); mt != "text/event-stream" {
		resp.Body.Close()
		return nil, &Error{
			StatusCode: resp.StatusCode,
			Message:    fmt.Sprintf("expected a text/event-stream answer, got %q", resp.Header.Get("Content-Type")),
			RequestID:  resp.Header.Get("x-request-id"),
		}
	}
	sc := bufio.NewScanner(resp.Body)
	sc.Buffer(make([]byte, 0, 64<<10), maxEvent)
	return &ChatStream{body: resp.Body, lines: sc, requestID: resp.Header.Get("x-request-id")}, nil
}

// Next reads the next chunk and reports whether there is one. It returns
// false at the end of the stream, after an error (see Err) and after Close.
func (s *ChatStream) Next() bool {
	if s.done {
		return false
	}
	data, err := s.event()
	if err != nil {
		return s.fail(err)
	}
	if data == "[DONE]" {
		s.done = true
		s.body.Close()
		return false
	}
	var frame struct {
		ChatChunk
		Error json.RawMessage `json:"error"`
	}
	if err := json.Unmarshal([]byte(data), &frame); err != nil {
		return s.fail(fmt.Errorf("mira: a stream frame is not a chunk: %w (request id %s)", err, s.requestID))
	}
	// Only an error object ends the stream: "error": null is no error
	// (openai-go trips over that).
	if e := (&Error{RequestID: s.requestID}); fillError(e, frame.Error) {
		e.Message = redactor("")(e.Message)
		return s.fail(e)
	}
	s.chunk = frame.ChatChunk
	if s.chunk.Usage != nil {
		s.usage = s.chunk.Usage
	}
	return true
}

// event returns the data of the next server-sent event, following the
// event-stream format: comment lines (":" keep-alives) and fields other than
// data are skipped, several data lines are joined with "\n", a blank line
// ends the event.
func (s *ChatStream) event() (string, error) {
	var data strings.Builder
	have := false
	for s.lines.Scan() {
		line := s.lines.Bytes()
		if len(line) == 0 {
			if have {
				return data.String(), nil
			}
			continue
		}
		if line[0] == ':' {
			continue
		}
		field, value, _ := bytes.Cut(line, []byte(":"))
		if string(field) != "data" {
			continue
		}
		value = bytes.TrimPrefix(value, []byte(" "))
		if have {
			data.WriteByte('\n')
		}
		data.Write(value)
		have = true
	}
	if err := s.lines.Err(); err != nil {
		if errors.Is(err, bufio.ErrTooLong) {
			return "", fmt.Errorf("mira: a stream event is larger than %d MiB", maxEvent>>20)
		}
		return "", fmt.Errorf("mira: reading the stream: %w", err)
	}
	if have {
		// The last event lacked its blank line; it is still whole.
		return data.String(), nil
	}
	return "", fmt.Errorf("mira: the stream ended before [DONE] (request id %s): %w", s.requestID, io.ErrUnexpectedEOF)
}

func (s *ChatStream) fail(err error) bool {
	s.done = true
	if !s.closed {
		s.err = err
	}
	s.body.Close()
	return false
}

// Chunk returns the chunk Next read.
func (s *ChatStream) Chunk() ChatChunk { return s.chunk }

// Usage returns the token counts of the usage chunk, or nil if none has come
// (ask for one with StreamOptions.IncludeUsage).
func (s *ChatStream) Usage() *Usage { return s.usage }

// Err returns the error that ended the stream: nil after [DONE] or Close, an
// *Error for an error the server sent mid-stream, or the read error
// (io.ErrUnexpectedEOF if the stream was cut before [DONE]).
func (s *ChatStream) Err() error { return s.err }

// RequestID returns the server's id of the request (x-request-id).
func (s *ChatStream) RequestID() string { return s.requestID }

// Close ends the stream and releases its connection. It may be called more
// than once and before the stream ends.
func (s *ChatStream) Close() error {
	if s.closed {
		return nil
	}
	s.closed = true
	s.done = true
	return s.body.Close()
}
