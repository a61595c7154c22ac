package main

import (
	"context"
	"io"
	"log/slog"
	"sync"
	"time"
)

// logBuffer collects the server's log lines (one access-log line per
// request) and writes them in batches instead of one write per line: when
// logBufferSize bytes are waiting, every logFlushEvery, at once for a
// record above Info (see logHandler), and at Close, so a clean shutdown
// loses nothing.
type logBuffer struct {
	mu   sync.Mutex
	w    io.Writer
	buf  []byte
	err  error // the first write error; lines are dropped after it
	stop chan struct{}
	done chan struct{}
}

const (
	logBufferSize = 32 << 10
	logFlushEvery = 100 * time.Millisecond
)

// newLogBuffer returns a buffer in front of w, flushing on its own until
// Close.
func newLogBuffer(w io.Writer) *logBuffer {
	b := &logBuffer{w: w, buf: make([]byte, 0, logBufferSize), stop: make(chan struct{}), done: make(chan struct{})}
	go b.run()
	return b
}

func (b *logBuffer) run() {
	defer close(b.done)
	t := time.NewTicker(logFlushEvery)
	defer t.Stop()
	for {
		select {
		case <-t.C:
			b.Flush()
		case <-b.stop:
			return
		}
	}
}

// Write adds p (one log record) to the buffer.
func (b *logBuffer) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	b.buf = append(b.buf, p...)
	if len(b.buf) >= logBufferSize {
		b.flushLocked()
	}
	return len(p), nil
}

// Flush writes what is buffered.
func (b *logBuffer) Flush() {
	b.mu.Lock()
	defer b.mu.Unlock()
	b.flushLocked()
}

func (b *logBuffer) flushLocked() {
	if len(b.buf) > 0 && b.err == nil {
		_, b.err = b.w.Write(b.buf)
	}
	b.buf = b.buf[:0]
}

// Close stops the periodic flush and writes what is left; it returns the
// first write error.
func (b *logBuffer) Close() error {
	close(b.stop)
	<-b.done
	b.mu.Lock()
	defer b.mu.Unlock()
	b.flushLocked()
	return b.err
}

// logHandler is h, writing into b, with records above Info (warnings,
// errors) flushed at once.
type logHandler struct {
	slog.Handler
	b *logBuffer
}

func (h logHandler) Handle(ctx context.Context, r slog.Record) error {
	err := h.Handler.Handle(ctx, r)
	if r.Level > slog.LevelInfo {
		h.b.Flush()
	}
	return err
}

func (h logHandler) WithAttrs(attrs []slog.Attr) slog.Handler {
	return logHandler{h.Handler.WithAttrs(attrs), h.b}
}

func (h logHandler) WithGroup(name string) slog.Handler {
	return logHandler{h.Handler.WithGroup(name), h.b}
}
