package server

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"strconv"
	"strings"
	"testing"

	"github.com/vmira/mira/internal/openai"
	"github.com/vmira/mira/internal/provider"
	"github.com/vmira/mira/internal/ratelimit"
)

// sentences are ordinary chat text, nothing a filter should flag.
var sentences = []string{
	"I am moving to a new city next month for a job at a design studio.",
	"Could you help me plan the first four weeks, one week at a time?",
	"My budget for rent is moderate and I would like to cycle to work.",
	"The flat should have some light in the morning and a quiet bedroom.",
	"I still have to pack my books, my plants and the kitchen things.",
	"What questions should I ask a landlord before I sign anything?",
	"On weekends I like to walk by the river and visit small museums.",
	"Please keep the answer short, with a list I can print and tick off.",
}

// chatText returns about n bytes of ordinary text, starting at sentence k.
func chatText(n, k int) string {
	var b strings.Builder
	for i := k; b.Len() < n; i++ {
		b.WriteString(sentences[i%len(sentences)])
		b.WriteByte(' ')
	}
	return strings.TrimSpace(b.String())
}

// conversation returns the messages of a chat with about userBytes of user
// text over turns user messages, with a short answer after each but the
// last; tag, when not empty, is added to every user message so that no
// text has been seen before.
func conversation(userBytes, turns int, tag string) []map[string]string {
	msgs := []map[string]string{{"role": "system", "content": "You are a helpful assistant. Answer clearly and briefly."}}
	for i := range turns {
		msgs = append(msgs, map[string]string{"role": "user", "content": chatText(userBytes/turns, i) + tag})
		if i < turns-1 {
			msgs = append(msgs, map[string]string{"role": "assistant", "content": chatText(120, i+3)})
		}
	}
	return msgs
}

func chatBody(b testing.TB, msgs []map[string]string, stream bool) []byte {
	body, err := json.Marshal(map[string]any{"model": "mira-echo", "max_tokens": 64, "stream": stream, "messages": msgs})
	if err != nil {
		b.Fatal(err)
	}
	return body
}

// taggedBody returns a function making the body of msgs with tag added to
// the user messages from the first'th on, by splicing encoded pieces:
// building the body costs the benchmark next to nothing.
func taggedBody(b testing.TB, msgs []map[string]string, first int) func(tag string) []byte {
	const mark = "\x00tag\x00"
	for i, m := range msgs {
		if m["role"] == "user" && i >= first {
			m["content"] += mark
		}
	}
	parts := bytes.Split(chatBody(b, msgs, false), []byte(`\u0000tag\u0000`))
	return func(tag string) []byte {
		return bytes.Join(parts, []byte(tag))
	}
}

// perfServer is a server with every check on (rate limits, sensitive
// data, content filter) in front of the echo model, or of reg.
func perfServer(b *testing.B, reg ...*provider.Registry) (http.Handler, string) {
	s, _, key := newTestServer(b)
	if len(reg) > 0 {
		s.opt.Providers = reg[0]
	}
	s.opt.Limiter = ratelimit.NewMemory(ratelimit.MemoryOptions{})
	s.opt.Plans = map[string]ratelimit.Plan{"free": {Name: "free", RequestsPerMinute: 1e9, TokensPerMinute: 1e9, RequestsPerDay: 1e8, Concurrent: 1000}}
	f, err := defaultFilters()
	if err != nil {
		b.Fatal(err)
	}
	s.opt.Screen = f
	return s.Handler(), key
}

func post(b *testing.B, h http.Handler, key string, body []byte) {
	req := httptest.NewRequest("POST", "/v1/chat/completions", bytes.NewReader(body))
	req.Header.Set("Authorization", "Bearer "+key)
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, req)
	if rec.Code != 200 {
		b.Fatal(rec.Code, rec.Body)
	}
}

// reportCPU reports the process's CPU time per iteration from now to the
// end of the benchmark: on a busy machine it is steadier than ns/op, which
// counts the time spent waiting for a core.
func reportCPU(b *testing.B) {
	start := cpuTime()
	b.Cleanup(func() {
		if b.N > 0 {
			b.ReportMetric(float64(cpuTime()-start)/float64(b.N), "cpu-ns/op")
		}
	})
}

// BenchmarkChatPath measures the whole chat path with every check on for a
// one-line prompt and conversations of 4 KB and 16 KB of user text: "first"
// is a conversation never seen before (every text new), "seen" the next
// turn of a conversation whose history was sent before (one new message),
// as a chat client resends it.
func BenchmarkChatPath(b *testing.B) {
	for _, size := range []struct {
		name         string
		bytes, turns int
	}{{"small", 32, 1}, {"4k", 4 << 10, 18}, {"16k", 16 << 10, 48}} {
		b.Run(size.name+"/first", func(b *testing.B) {
			h, key := perfServer(b)
			body := taggedBody(b, conversation(size.bytes, size.turns, ""), 0)
			b.ReportAllocs()
			reportCPU(b)
			n := 0
			for b.Loop() {
				n++
				post(b, h, key, body(" (note "+strconv.Itoa(n)+")"))
			}
		})
		b.Run(size.name+"/seen", func(b *testing.B) {
			h, key := perfServer(b)
			history := conversation(size.bytes, size.turns, "")
			post(b, h, key, chatBody(b, history, false))
			turn := append(history, map[string]string{"role": "assistant", "content": chatText(120, 5)},
				map[string]string{"role": "user", "content": "Thank you. One more question:"})
			body := taggedBody(b, turn, len(turn)-1)
			b.ReportAllocs()
			reportCPU(b)
			n := 0
			for b.Loop() {
				n++
				post(b, h, key, body(" what should I pack first, number "+strconv.Itoa(n)+"?"))
			}
		})
	}
}

// chunkModel streams a fixed answer of chunks as fast as it is read, in
// the shape OpenAI sends them.
type chunkModel struct{ chunks [][]byte }

func (m *chunkModel) Name() string     { return "chunks" }
func (m *chunkModel) Models() []string { return []string{"mira-echo"} }
func (m *chunkModel) Chat(context.Context, *openai.ChatRequest, []byte) (*provider.Response, error) {
	return nil, fmt.Errorf("streaming only")
}
func (m *chunkModel) ChatStream(context.Context, *openai.ChatRequest, []byte) (provider.Stream, error) {
	return &chunkStream{chunks: m.chunks}, nil
}

type chunkStream struct{ chunks [][]byte }

func (s *chunkStream) Next() ([]byte, error) {
	if len(s.chunks) == 0 {
		return nil, io.EOF
	}
	c := s.chunks[0]
	s.chunks = s.chunks[1:]
	return c, nil
}
func (s *chunkStream) Header() http.Header  { return nil }
func (s *chunkStream) Usage() *openai.Usage { return nil }
func (s *chunkStream) Close() error         { return nil }

// streamChunks returns n chunks: the role, n-2 words of text, the stop.
func streamChunks(n int) [][]byte {
	head := `{"id":"chatcmpl-1","object":"chat.completion.chunk","created":1,"model":"gpt-4o-mini","choices":[{"index":0,"delta":`
	out := [][]byte{[]byte(head + `{"role":"assistant","content":""},"logprobs":null,"finish_reason":null}]}`)}
	words := strings.Fields(chatText(8*n, 2))
	for i := range n - 2 {
		w, _ := json.Marshal(words[i] + " ")
		out = append(out, []byte(head+`{"content":`+string(w)+`},"logprobs":null,"finish_reason":null}]}`))
	}
	return append(out, []byte(head+`{},"logprobs":null,"finish_reason":"stop"}]}`))
}

// BenchmarkStreamPath measures a streamed answer of 64 chunks through the
// whole chat path with every check on.
func BenchmarkStreamPath(b *testing.B) {
	benchStream(b, &chunkModel{chunks: streamChunks(64)})
}

// BenchmarkStreamPathBurst is BenchmarkStreamPath with every chunk already
// arrived (an upstream faster than Mira): the frames go in one flush.
func BenchmarkStreamPathBurst(b *testing.B) {
	benchStream(b, &readyModel{chunkModel{chunks: streamChunks(64)}})
}

func benchStream(b *testing.B, m provider.Provider) {
	reg, _ := provider.NewRegistry(m)
	h, key := perfServer(b, reg)
	body := chatBody(b, conversation(32, 1, ""), true)
	b.ReportAllocs()
	reportCPU(b)
	for b.Loop() {
		post(b, h, key, body)
	}
}
