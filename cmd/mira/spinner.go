package main

import (
	"fmt"
	"io"
	"sync"
	"time"
)

// spinnerDelay is how long a wait lasts before the spinner shows: shorter
// waits are not worth a moving line.
const spinnerDelay = time.Second

var spinnerFrames = []string{"⠋", "⠙", "⠹", "⠸", "⠼", "⠴", "⠦", "⠧", "⠇", "⠏"}

// spinner shows that the CLI is waiting: after spinnerDelay, a turning
// frame, msg and the time waited (or left, with a deadline) on one line of
// stderr, redrawn every 100 ms and erased when it stops. It draws only
// when stderr is a terminal: never on stdout, never into a pipe or a log.
// Writes through it (the command's own messages while it waits) erase the
// line first, so the two never mix.
type spinner struct {
	w     io.Writer
	msg   string
	start time.Time
	until time.Time // zero: until Stop
	on    bool      // stderr is a terminal

	mu    sync.Mutex
	shown bool
	stop  chan struct{}
	done  chan struct{}
}

// startSpinner starts a spinner for msg on e's stderr; with a non-zero
// until it counts down and stops by itself then.
func startSpinner(e *env, msg string, until time.Time) *spinner {
	s := &spinner{w: e.stderr, msg: msg, start: time.Now(), until: until, on: isTerminal(e.stderr),
		stop: make(chan struct{}), done: make(chan struct{})}
	if !s.on {
		close(s.done)
		return s
	}
	go s.run()
	return s
}

func (s *spinner) run() {
	defer close(s.done)
	t := time.NewTicker(100 * time.Millisecond)
	defer t.Stop()
	for i := 0; ; {
		select {
		case <-s.stop:
			return
		case now := <-t.C:
			if !s.until.IsZero() && !now.Before(s.until) {
				s.clear()
				return
			}
			if now.Sub(s.start) >= spinnerDelay {
				s.draw(spinnerFrames[i%len(spinnerFrames)], now)
				i++
			}
		}
	}
}

func (s *spinner) draw(frame string, now time.Time) {
	s.mu.Lock()
	defer s.mu.Unlock()
	clock := fmt.Sprintf("%ds", int(now.Sub(s.start).Seconds()))
	if !s.until.IsZero() {
		clock = fmt.Sprintf("%.0fs left", s.until.Sub(now).Seconds()+0.5)
	}
	fmt.Fprintf(s.w, "\r\x1b[K%s %s (%s)", frame, s.msg, clock)
	s.shown = true
}

func (s *spinner) clear() {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.clearLocked()
}

func (s *spinner) clearLocked() {
	if s.shown {
		io.WriteString(s.w, "\r\x1b[K")
		s.shown = false
	}
}

// Write writes p to stderr, erasing the spinner's line first.
func (s *spinner) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.clearLocked()
	return s.w.Write(p)
}

// Stop stops the spinner and erases its line.
func (s *spinner) Stop() {
	if !s.on {
		return
	}
	select {
	case <-s.done:
	default:
		close(s.stop)
		<-s.done
	}
	s.clear()
}
