package filter

import (
	"strings"
	"unicode/utf8"
)

// StreamChecker checks a streamed answer as it arrives. It holds back the
// last StreamHoldback runes (extended back to a word boundary) so that a
// phrase split across chunks is seen whole before any of it is released;
// each check looks at the held-back text plus some already-released
// context. Once blocked, it stays blocked and releases nothing more.
//
// A StreamChecker is not safe for concurrent use.
type StreamChecker struct {
	f        *Filter
	released string // tail of released text kept as context
	pending  strings.Builder
	blocked  bool
	verdict  Verdict
}

// contextRunes is how much released text each check sees again, so that
// the classifier judges a phrase with what came before it.
const contextRunes = 192

// NewStream returns a checker for one streamed answer (output thresholds).
func (f *Filter) NewStream() *StreamChecker { return &StreamChecker{f: f} }

// Write adds a chunk of the answer and returns the text that is now safe to
// send. blocked reports that the answer must be stopped; nothing more is
// released after that.
func (s *StreamChecker) Write(delta string) (release string, blocked bool) {
	if s.blocked {
		return "", true
	}
	s.pending.WriteString(delta)
	p := s.pending.String()
	cut := s.cutPoint(p)
	if cut == 0 {
		return "", false // nothing could be released yet: check later
	}
	// After the first release, release in batches of half the hold-back:
	// each check scores the whole window, so checking every word would
	// cost a classifier run per chunk. Holding a little longer is never
	// less safe.
	if s.released != "" && cut < s.f.holdback/2 {
		return "", false
	}
	if s.check(p) {
		return "", true
	}
	return s.release(p, cut), false
}

// Flush checks and releases whatever is held back, at the end of the
// answer.
func (s *StreamChecker) Flush() (release string, blocked bool) {
	if s.blocked {
		return "", true
	}
	p := s.pending.String()
	if p == "" {
		return "", false
	}
	if s.check(p) {
		return "", true
	}
	return s.release(p, len(p)), false
}

// Verdict returns the verdict of the last check (the blocking one once
// blocked).
func (s *StreamChecker) Verdict() Verdict { return s.verdict }

// Blocked reports whether the answer has been stopped.
func (s *StreamChecker) Blocked() bool { return s.blocked }

// cutPoint returns how much of pending may be released: all but the last
// holdback runes, moved back to the start of the word they cut.
func (s *StreamChecker) cutPoint(p string) int {
	n := utf8.RuneCountInString(p)
	if n <= s.f.holdback {
		return 0
	}
	cut := len(p)
	for i := 0; i < s.f.holdback; i++ {
		_, size := utf8.DecodeLastRuneInString(p[:cut])
		cut -= size
	}
	// Back to a word boundary, so a word is never released in halves;
	// text without spaces (CJK, a long token) is cut where it is once it
	// has grown well past the hold-back.
	raw := cut
	for cut > 0 && !isSpaceByte(p[cut-1]) {
		cut--
	}
	if cut == 0 && n > 4*s.f.holdback {
		return raw
	}
	return cut
}

func isSpaceByte(c byte) bool { return c == ' ' || c == '\n' || c == '\t' || c == '\r' }

// check scores context + pending and records a block.
func (s *StreamChecker) check(p string) bool {
	v := s.f.CheckOutput(s.released + p)
	s.verdict = v
	if v.Blocked {
		s.blocked = true
		s.pending.Reset()
	}
	return v.Blocked
}

func (s *StreamChecker) release(p string, cut int) string {
	out := p[:cut]
	rest := p[cut:]
	s.pending.Reset()
	s.pending.WriteString(rest)
	ctx := s.released + out
	if n := utf8.RuneCountInString(ctx); n > contextRunes {
		i := 0
		for k := 0; k < n-contextRunes; k++ {
			_, size := utf8.DecodeRuneInString(ctx[i:])
			i += size
		}
		ctx = ctx[i:]
	}
	s.released = ctx
	return out
}
