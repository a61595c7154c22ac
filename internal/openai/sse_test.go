package openai

import (
	"bytes"
	"errors"
	"io"
	"strings"
	"testing"
	"testing/iotest"

	"github.com/google/go-cmp/cmp"
)

// readAll returns the events of r, and the error that ended them (nil for io.EOF).
func readAll(s *SSEReader) ([]string, error) {
	var got []string
	for {
		b, err := s.Next()
		if err == io.EOF {
			return got, nil
		}
		if err != nil {
			return got, err
		}
		got = append(got, string(b))
	}
}

// refEvents is the WHATWG event-stream algorithm written plainly, plus
// SSEReader's one deviation: an event cut short by the end of input is kept.
func refEvents(in string) []string {
	in = strings.TrimPrefix(in, "\uFEFF")
	var lines []string
	for len(in) > 0 {
		i := strings.IndexAny(in, "\r\n")
		if i < 0 {
			lines = append(lines, in)
			break
		}
		lines = append(lines, in[:i])
		if in[i] == '\r' && i+1 < len(in) && in[i+1] == '\n' {
			in = in[i+2:]
		} else {
			in = in[i+1:]
		}
	}
	var events []string
	var data strings.Builder
	has := false
	for _, l := range lines {
		switch {
		case l == "":
			if has {
				events = append(events, strings.TrimSuffix(data.String(), "\n"))
			}
			data.Reset()
			has = false
		case l[0] == ':':
		default:
			field, value, _ := strings.Cut(l, ":")
			value = strings.TrimPrefix(value, " ")
			if field == "data" {
				data.WriteString(value + "\n")
				has = true
			}
		}
	}
	if has {
		events = append(events, strings.TrimSuffix(data.String(), "\n"))
	}
	return events
}

func TestSSEReader(t *testing.T) {
	long := strings.Repeat("x", 10000) // longer than the bufio buffer
	tests := []struct {
		name string
		in   string
		want []string
	}{
		{"openai", "data: {\"a\":1}\n\ndata: [DONE]\n\n", []string{`{"a":1}`, "[DONE]"}},
		{"no space", "data:{\"a\":1}\n\ndata:[DONE]\n\n", []string{`{"a":1}`, "[DONE]"}},
		{"two spaces keep one", "data:  x\n\n", []string{" x"}},
		{"crlf", "data: a\r\n\r\ndata: b\r\n\r\n", []string{"a", "b"}},
		{"bare cr", "data: a\r\rdata: b\r\r\n", []string{"a", "b"}},
		{"multi-line joined", "data: a\ndata: b\ndata:\n\n", []string{"a\nb\n"}},
		{"comments and fields ignored", ": keep-alive\nevent: message\nid: 7\nretry: 100\ndata: a\nfoo: bar\n\n", []string{"a"}},
		{"field without colon", "data\n\n", []string{""}},
		{"event without data skipped", "event: ping\n\n: hi\n\ndata: a\n\n", []string{"a"}},
		{"bom", "\xEF\xBB\xBFdata: a\n\n", []string{"a"}},
		{"cut short", "data: a\n\ndata: b", []string{"a", "b"}},
		{"cut after line", "data: [DONE]\n", []string{"[DONE]"}},
		{"Data is not data", "Data: a\n\n", nil},
		{"long line", "data: " + long + "\n\n", []string{long}},
		{"long line crlf", "data: " + long + "\r\n\r\n", []string{long}},
		{"empty", "", nil},
	}
	for _, tt := range tests {
		for _, r := range []struct {
			name string
			wrap func(io.Reader) io.Reader
		}{{"", func(r io.Reader) io.Reader { return r }}, {"/onebyte", iotest.OneByteReader}} {
			t.Run(tt.name+r.name, func(t *testing.T) {
				got, err := readAll(NewSSEReader(r.wrap(strings.NewReader(tt.in)), 0))
				if err != nil {
					t.Fatalf("Next: %v", err)
				}
				if diff := cmp.Diff(tt.want, got); diff != "" {
					t.Errorf("events of %q (-want +got):\n%s", tt.in, diff)
				}
				if diff := cmp.Diff(refEvents(tt.in), got); diff != "" {
					t.Errorf("events of %q differ from the reference (-ref +got):\n%s", tt.in, diff)
				}
			})
		}
	}
}

func TestSSEReaderLimit(t *testing.T) {
	for _, in := range []string{
		"data: " + strings.Repeat("x", 200) + "\n\n",             // one long line
		strings.Repeat("data: "+strings.Repeat("x", 50)+"\n", 5), // a long event of short lines
		": " + strings.Repeat("x", 10000) + "\n\n",               // a long comment
	} {
		_, err := readAll(NewSSEReader(strings.NewReader(in), 100))
		if !errors.Is(err, ErrSSETooLong) {
			t.Errorf("Next of a %d-byte input with bound 100: err = %v; want ErrSSETooLong", len(in), err)
		}
	}
	got, err := readAll(NewSSEReader(strings.NewReader("data: "+strings.Repeat("x", 100)+"\n\n"), 100))
	if err != nil || len(got) != 1 {
		t.Errorf("an event of exactly the bound: %d events, err %v; want 1, nil", len(got), err)
	}
}

func TestSSEReaderError(t *testing.T) {
	boom := errors.New("boom")
	s := NewSSEReader(io.MultiReader(strings.NewReader("data: a\n\ndata: b\n"), iotest.ErrReader(boom)), 0)
	got, err := readAll(s)
	if err != boom || len(got) != 1 {
		t.Errorf("events %q, err %v; want [a], boom (a cut event is dropped on a read error)", got, err)
	}
	if _, err := s.Next(); err != boom {
		t.Errorf("Next after an error = %v; want the same error again", err)
	}
}

func TestSSEReaderReset(t *testing.T) {
	s := NewSSEReader(strings.NewReader("data: a\r"), 0)
	readAll(s)
	s.Reset(strings.NewReader("data: b\n\n"))
	got, err := readAll(s)
	if err != nil || !cmp.Equal(got, []string{"b"}) {
		t.Errorf("after Reset: %q, %v; want [b], nil", got, err)
	}
}

func FuzzSSE(f *testing.F) {
	for _, s := range []string{
		"data: {\"a\":1}\n\ndata: [DONE]\n\n", "data:x\r\n\r\n", "data: a\r\rdata: b\r\r\n",
		": c\nevent: e\nid: 1\nretry: 2\ndata\n\n", "\xEF\xBB\xBFdata: a", "data: a\ndata: b\n\n",
		"data: " + strings.Repeat("y", 5000) + "\r\n\r\n",
	} {
		f.Add([]byte(s), uint16(0))
		f.Add([]byte(s), uint16(16))
	}
	f.Fuzz(func(t *testing.T, in []byte, max uint16) {
		// With the default bound the reader must agree with the reference.
		got, err := readAll(NewSSEReader(iotest.HalfReader(bytes.NewReader(in)), 0))
		if len(in) < DefaultMaxSSEEvent {
			if err != nil {
				t.Fatalf("Next(%q): %v", in, err)
			}
			if diff := cmp.Diff(refEvents(string(in)), got); diff != "" {
				t.Fatalf("events of %q differ from the reference (-ref +got):\n%s", in, diff)
			}
		}
		// With a small bound, memory stays bounded whatever the input.
		m := int(max%512) + 1
		s := NewSSEReader(bytes.NewReader(in), m)
		for {
			b, err := s.Next()
			if err != nil {
				if err != io.EOF && !errors.Is(err, ErrSSETooLong) {
					t.Fatalf("Next: unexpected error %v", err)
				}
				break
			}
			if len(b) > m {
				t.Fatalf("event of %d bytes with bound %d", len(b), m)
			}
			if limit := 2 * (m + lineSlack + sseBufSize); cap(s.line) > limit || cap(s.data) > limit {
				t.Fatalf("buffers grew to %d/%d bytes with bound %d", cap(s.line), cap(s.data), m)
			}
		}
	})
}

func BenchmarkSSEReader(b *testing.B) {
	chunk := `data: {"id":"chatcmpl-x","object":"chat.completion.chunk","created":1,"model":"m","choices":[{"index":0,"delta":{"content":"tok "},"logprobs":null,"finish_reason":null}]}` + "\n\n"
	in := []byte(strings.Repeat(chunk, 64))
	r := bytes.NewReader(in)
	s := NewSSEReader(r, 0)
	b.SetBytes(int64(len(in)))
	b.ReportAllocs()
	for b.Loop() {
		r.Reset(in)
		s.Reset(r)
		for {
			if _, err := s.Next(); err != nil {
				break
			}
		}
	}
}

// TestSSEReaderReady: Ready says whether the next event with data has
// arrived whole, without reading further.
func TestSSEReaderReady(t *testing.T) {
	for _, tc := range []struct {
		name, buffered string
		want           bool
	}{
		{"whole event", "data: {\"a\":1}\n\n", true},
		{"CRLF", "data: {\"a\":1}\r\n\r\n", true},
		{"no space, then a field", "id: 3\ndata:x\n\n", true},
		{"no blank line yet", "data: {\"a\":1}\n", false},
		{"half a line", "data: {\"a\"", false},
		{"a comment only", ": keep-alive\n\n", false},
		{"a comment, then an event", ": keep-alive\n\ndata: x\n\n", true},
		{"an event without data", "event: ping\n\n", false},
		{"a field named like data", "database: x\n\n", false},
		{"bare CRs", "data: x\r\r", false},
		{"nothing", "", false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			// The first event is read; what follows it is in the buffer.
			pr, pw := io.Pipe()
			s := NewSSEReader(pr, 0)
			go func() { pw.Write([]byte("data: first\n\n" + tc.buffered)) }()
			if b, err := s.Next(); err != nil || string(b) != "first" {
				t.Fatalf("Next = %q, %v", b, err)
			}
			if got := s.Ready(); got != tc.want {
				t.Errorf("Ready() = %v after %q; want %v", got, tc.buffered, tc.want)
			}
			pw.Close()
		})
	}
	s := NewSSEReader(strings.NewReader("data: x\n\n"), 0)
	s.Next()
	s.Next() // io.EOF
	if !s.Ready() {
		t.Error("Ready() = false at the end of the input; want true (Next returns at once)")
	}
}
