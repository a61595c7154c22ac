package server

import (
	"bytes"
	"context"
	"net/http/httptest"
	"testing"

	"github.com/vmira/mira/internal/openai"
	"github.com/vmira/mira/internal/provider"
	"github.com/vmira/mira/internal/ratelimit"
)

// readyModel is chunkModel whose chunks have all arrived: its stream says
// so (Ready), as a fast upstream's does.
type readyModel struct{ chunkModel }

func (m *readyModel) ChatStream(ctx context.Context, req *openai.ChatRequest, raw []byte) (provider.Stream, error) {
	return &arrivedStream{chunkStream{chunks: m.chunks}}, nil
}

type arrivedStream struct{ chunkStream }

func (s *arrivedStream) Ready() bool { return true }

// flushCounter counts the flushes of a response.
type flushCounter struct {
	*httptest.ResponseRecorder
	n int
}

func (f *flushCounter) Flush() { f.n++; f.ResponseRecorder.Flush() }

// streamFlushes streams the chunks of p with every check on and returns
// the body and the number of flushes.
func streamFlushes(t *testing.T, p provider.Provider) ([]byte, int) {
	t.Helper()
	s, _, key := newTestServer(t)
	reg, err := provider.NewRegistry(p)
	if err != nil {
		t.Fatal(err)
	}
	s.opt.Providers = reg
	s.opt.Limiter = ratelimit.NewMemory(ratelimit.MemoryOptions{})
	if s.opt.Screen, err = defaultFilters(); err != nil {
		t.Fatal(err)
	}
	req := httptest.NewRequest("POST", "/v1/chat/completions", bytes.NewReader(chatBody(t, conversation(32, 1, ""), true)))
	req.Header.Set("Authorization", "Bearer "+key)
	rec := &flushCounter{ResponseRecorder: httptest.NewRecorder()}
	s.Handler().ServeHTTP(rec, req)
	if rec.Code != 200 {
		t.Fatal(rec.Code, rec.Body)
	}
	return rec.Body.Bytes(), rec.n
}

// TestStreamBurstFlushedOnce: the chunks of an answer that have all
// arrived are sent as they would be one by one, in one flush after the
// headers' (and the last one's, with [DONE]).
func TestStreamBurstFlushedOnce(t *testing.T) {
	chunks := streamChunks(64)
	want, each := streamFlushes(t, &chunkModel{chunks: chunks})
	got, burst := streamFlushes(t, &readyModel{chunkModel{chunks: chunks}})
	if !bytes.Equal(got, want) {
		t.Fatalf("burst sent\n%s\nwant\n%s", got, want)
	}
	if !bytes.Contains(got, []byte("data: [DONE]")) {
		t.Fatalf("no [DONE]:\n%s", got)
	}
	t.Logf("%d flushes chunk by chunk, %d in a burst", each, burst)
	if burst > 3 || burst >= each {
		t.Errorf("%d flushes for a burst (%d chunk by chunk); want at most 3", burst, each)
	}
}
