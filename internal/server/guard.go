package server

import (
	"io"
	"net/http"
	"runtime/metrics"
	"strings"
	"sync/atomic"
	"time"

	"github.com/vmira/mira/internal/mira"
	"github.com/vmira/mira/internal/ratelimit"
)

// bodyDeadline gives every request that has a body BodyTimeout to send it,
// whatever route reads it (the API, OAuth, the dashboard's forms, the plain
// listener): a client that dribbles its body holds a connection no longer
// than that. The deadline is lifted once the body has been read, so a long
// answer stream is never cut.
//
// It also closes the connection after an HTTP/1 request with a chunked
// body: net/http drops a Content-Length sent alongside Transfer-Encoding
// before handlers see it, so a request smuggling both cannot be told apart,
// and RFC 9112 §6.3 asks to close after answering it.
func (s *Server) bodyDeadline(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.ProtoMajor == 1 && len(r.TransferEncoding) > 0 {
			w.Header().Set("Connection", "close")
		}
		if r.Body != nil && r.Body != http.NoBody {
			rc := http.NewResponseController(w)
			if rc.SetReadDeadline(time.Now().Add(s.opt.BodyTimeout)) == nil {
				r.Body = &deadlineBody{ReadCloser: r.Body, rc: rc}
			}
		}
		next.ServeHTTP(w, r)
	})
}

// deadlineBody lifts the read deadline when the body has been read whole.
type deadlineBody struct {
	io.ReadCloser
	rc   *http.ResponseController
	done bool
}

func (b *deadlineBody) Read(p []byte) (int, error) {
	n, err := b.ReadCloser.Read(p)
	if err == io.EOF && !b.done {
		b.done = true
		_ = b.rc.SetReadDeadline(time.Time{})
	}
	return n, err
}

// load is what the shedder watches: requests in flight, and the heap,
// sampled at most every memorySampleEvery.
type load struct {
	inFlight atomic.Int64
	heap     atomic.Int64 // bytes in heap objects at the last sample
	sampled  atomic.Int64 // unix nanoseconds of the last sample
}

const memorySampleEvery = 100 * time.Millisecond

// heapBytes returns the heap in use, reading the runtime's metrics at most
// every memorySampleEvery (one caller reads; the others use the last value).
func (l *load) heapBytes(now time.Time) int64 {
	last := l.sampled.Load()
	if now.UnixNano()-last >= int64(memorySampleEvery) && l.sampled.CompareAndSwap(last, now.UnixNano()) {
		sample := []metrics.Sample{{Name: "/memory/classes/heap/objects:bytes"}}
		metrics.Read(sample)
		if sample[0].Value.Kind() == metrics.KindUint64 {
			l.heap.Store(int64(sample[0].Value.Uint64()))
		}
	}
	return l.heap.Load()
}

// shed refuses new work with 503 and Retry-After while the server is past
// its budget of requests in flight or of heap memory, before the process is
// at risk; health checks are always answered.
func (s *Server) shed(next http.Handler) http.Handler {
	if s.opt.MaxInFlight <= 0 && s.opt.MemoryBudget <= 0 {
		return next
	}
	return s.errorHandler(func(w http.ResponseWriter, r *http.Request) error {
		n := s.load.inFlight.Add(1)
		defer s.load.inFlight.Add(-1)
		if !strings.HasPrefix(r.URL.Path, "/healthz") && !strings.HasPrefix(r.URL.Path, "/readyz") {
			over := s.opt.MaxInFlight > 0 && n > int64(s.opt.MaxInFlight)
			if !over && s.opt.MemoryBudget > 0 {
				over = s.load.heapBytes(time.Now()) > s.opt.MemoryBudget
			}
			if over {
				w.Header().Set("Connection", "close")
				ratelimit.SetRetryAfter(w.Header(), time.Second)
				return mira.Errorf(mira.EUnavailable, "the server is at capacity; retry shortly")
			}
		}
		next.ServeHTTP(w, r)
		return nil
	})
}
