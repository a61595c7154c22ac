package server

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/vmira/mira/internal/openai"
	"github.com/vmira/mira/internal/provider"
	"github.com/vmira/mira/internal/screen"
)

// pacedModel streams a fixed answer one word every interval, like a model
// generating about 1/interval tokens a second.
type pacedModel struct {
	words    []string
	interval time.Duration
}

func (m *pacedModel) Name() string     { return "paced" }
func (m *pacedModel) Models() []string { return []string{"paced"} }
func (m *pacedModel) Chat(context.Context, *openai.ChatRequest, []byte) (*provider.Response, error) {
	return nil, fmt.Errorf("streaming only")
}
func (m *pacedModel) ChatStream(ctx context.Context, _ *openai.ChatRequest, _ []byte) (provider.Stream, error) {
	return &pacedStream{m: m, ctx: ctx}, nil
}

type pacedStream struct {
	m   *pacedModel
	ctx context.Context
	i   int
}

func (s *pacedStream) Next() ([]byte, error) {
	if s.i >= len(s.m.words) {
		return nil, io.EOF
	}
	select {
	case <-time.After(s.m.interval):
	case <-s.ctx.Done():
		return nil, s.ctx.Err()
	}
	w := s.m.words[s.i]
	s.i++
	return []byte(fmt.Sprintf(`{"id":"c","object":"chat.completion.chunk","created":1,"model":"paced","choices":[{"index":0,"delta":{"content":%q},"finish_reason":null}]}`, w)), nil
}
func (s *pacedStream) Header() http.Header  { return http.Header{} }
func (s *pacedStream) Usage() *openai.Usage { return nil }
func (s *pacedStream) Close() error         { return nil }

// firstContent records when the first frame with answer text is written.
type firstContent struct {
	*httptest.ResponseRecorder
	mu    sync.Mutex
	first time.Time
}

func (f *firstContent) Write(b []byte) (int, error) {
	f.mu.Lock()
	if f.first.IsZero() && bytes.Contains(b, []byte(`"content":"`)) && !bytes.Contains(b, []byte(`"content":""`)) {
		f.first = time.Now()
	}
	f.mu.Unlock()
	return f.ResponseRecorder.Write(b)
}

// BenchmarkTimeToFirstToken measures, for a model emitting a word every
// 20 ms (about 50 tokens/s), the time from request to the first answer text
// reaching the client with the content filter off and on. The difference is
// the hold-back: text is released once the words after it show it is safe.
func BenchmarkTimeToFirstToken(b *testing.B) {
	answer := strings.Fields("The trams of Lisbon climb the hills of Alfama and Graça while the river shines below, and the pastries by the water are still warm in the morning.")
	for i := range answer[:len(answer)-1] {
		answer[i] += " "
	}
	filters, err := defaultFilters()
	if err != nil {
		b.Fatal(err)
	}
	for _, tc := range []struct {
		name string
		f    *screen.Set
	}{{"filter=off", nil}, {"filter=on", filters}} {
		b.Run(tc.name, func(b *testing.B) {
			s, _, key := newTestServer(b)
			reg, _ := provider.NewRegistry(&pacedModel{words: answer, interval: 20 * time.Millisecond})
			s.opt.Providers, s.opt.Screen = reg, tc.f
			h := s.Handler()
			var total time.Duration
			for b.Loop() {
				req := httptest.NewRequest("POST", "/v1/chat/completions",
					strings.NewReader(`{"model":"paced","stream":true,"messages":[{"role":"user","content":"Tell me about Lisbon."}]}`))
				req.Header.Set("Authorization", "Bearer "+key)
				w := &firstContent{ResponseRecorder: httptest.NewRecorder()}
				start := time.Now()
				h.ServeHTTP(w, req)
				if w.first.IsZero() {
					b.Fatalf("no content streamed: %s", w.Body)
				}
				total += w.first.Sub(start)
			}
			b.ReportMetric(float64(total.Milliseconds())/float64(b.N), "ms-to-first-text")
		})
	}
}
