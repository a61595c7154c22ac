package screen

import (
	"maps"
	"slices"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/vmira/mira/internal/filter"
)

// TextStream screens one streamed text as it arrives (the content of one
// choice of a chat answer, or the text of any other streamed answer): Write
// takes the new text and returns the text now safe to send.
//
// The end of the text is held back until what follows shows it is safe: a
// phrase split across chunks is judged whole before any of it is sent.
// Text is released on word boundaries, in two ways:
//
//   - all but the last holdback runes (filter.stream_holdback), once the
//     whole text held back, with the end of what was released before it,
//     is judged safe; after the first release, in batches of at least
//     releaseBatch (or the hold-back if longer), as each judgement reads
//     the whole window: each byte of a long answer is read about twice,
//     not eight times as with batches of the hold-back;
//   - everything up to the last whole word, once the oldest text held has
//     waited earlyRelease and a wary judgement (every threshold halved)
//     finds nothing at all in it: a model writing slowly is not held back
//     by the hold-back's length, and text that looks even a little like
//     trouble is still held for the whole hold-back.
//
// Once blocked it stays blocked and releases nothing more. The external
// classifier is not asked: a network call per chunk would stall the
// stream. A TextStream is not safe for concurrent use.
type TextStream struct {
	f, wary  *filter.Filter
	holdback int
	now      func() time.Time
	released string // the end of the released text, the context of each judgement
	pending  string // the text held back
	since    time.Time
	blocked  bool
	verdict  filter.Verdict
}

// earlyRelease is how long text waits at most before it is released when
// the wary judgement finds nothing in it.
const earlyRelease = 30 * time.Millisecond

// releaseBatch is the least text (in bytes) released by a judgement after
// the first. A model writing slowly is not held back by it: the early
// release judges what is held every earlyRelease.
const releaseBatch = 256

// contextRunes is how much released text each judgement reads again, so
// that a phrase is judged with what came before it.
const contextRunes = 192

// NewTextStream returns a screen for one streamed text (output
// thresholds); nil when f is nil, and a nil *TextStream releases
// everything at once.
func (f *Filter) NewTextStream() *TextStream {
	if f == nil {
		return nil
	}
	return &TextStream{f: f.local, wary: f.wary, holdback: f.local.Config().StreamHoldback, now: time.Now}
}

// Write adds the next text and returns the text now safe to send. blocked
// reports that the answer must be stopped; nothing more is released after
// that.
func (t *TextStream) Write(delta string) (release string, blocked bool) {
	switch {
	case t == nil:
		return delta, false
	case t.blocked:
		return "", true
	case delta == "":
		return "", false
	}
	now := t.now()
	if t.pending == "" {
		t.since = now
	}
	t.pending += delta
	p := t.pending
	cut := t.cutPoint(p)
	if now.Sub(t.since) >= earlyRelease {
		if w := lastWordEnd(p); w > cut && !t.wary.CheckOutput(t.released+p).Flagged {
			// The wary judgement flags whatever the normal one does.
			t.verdict = filter.Verdict{}
			t.since = now
			return t.release(p, w), false
		}
	}
	if cut == 0 || t.released != "" && cut < max(t.holdback, releaseBatch) {
		return "", false // nothing to release yet, or not enough to judge again
	}
	if t.check(p) {
		return "", true
	}
	t.since = now
	return t.release(p, cut), false
}

// Flush judges and releases whatever is held back, at the end of the text.
func (t *TextStream) Flush() (release string, blocked bool) {
	switch {
	case t == nil:
		return "", false
	case t.blocked:
		return "", true
	case t.pending == "":
		return "", false
	}
	if t.check(t.pending) {
		return "", true
	}
	return t.release(t.pending, len(t.pending)), false
}

// Verdict returns the verdict of the last judgement (the blocking one once
// blocked).
func (t *TextStream) Verdict() filter.Verdict {
	if t == nil {
		return filter.Verdict{}
	}
	return t.verdict
}

// cutPoint returns how much of p may be released by the hold-back: all
// but the last holdback runes, moved back to the start of the word they
// cut; text without spaces (CJK, a long token) is cut where it is once it
// has grown well past the hold-back.
func (t *TextStream) cutPoint(p string) int {
	// Walk back over the hold-back's runes, not count all of p: p is read
	// on every Write.
	cut := len(p)
	for range t.holdback {
		if cut == 0 {
			return 0
		}
		_, size := utf8.DecodeLastRuneInString(p[:cut])
		cut -= size
	}
	if cut == 0 {
		return 0
	}
	raw := cut
	for cut > 0 && !isSpace(p[cut-1]) {
		cut--
	}
	if cut == 0 && utf8.RuneCountInString(p) > 4*t.holdback {
		return raw
	}
	return cut
}

// lastWordEnd returns the length of p up to its last white space: the
// whole words of p.
func lastWordEnd(p string) int {
	return strings.LastIndexAny(p, " \n\t\r") + 1
}

func isSpace(c byte) bool { return c == ' ' || c == '\n' || c == '\t' || c == '\r' }

// check judges the context and p, and records a block.
func (t *TextStream) check(p string) bool {
	v := t.f.CheckOutput(t.released + p)
	t.verdict = v
	if v.Blocked {
		t.blocked = true
		t.pending = ""
	}
	return v.Blocked
}

// release releases p[:cut] and keeps the rest held back.
func (t *TextStream) release(p string, cut int) string {
	out := p[:cut]
	t.pending = p[cut:]
	ctx := t.released + out
	if n := utf8.RuneCountInString(ctx); n > contextRunes {
		i := 0
		for range n - contextRunes {
			_, size := utf8.DecodeRuneInString(ctx[i:])
			i += size
		}
		ctx = ctx[i:]
	}
	t.released = ctx
	return out
}

// flushAll flushes the text screens of a streamed answer's choices, in
// choice order, and returns what they still held as frames made by made;
// the first that blocks ends it with the frame of stop.
func flushAll(texts map[int]*TextStream, stop func(i int) []byte, made func(i int, rel string) []byte) (frames [][]byte, blocked bool) {
	for _, i := range slices.Sorted(maps.Keys(texts)) {
		rel, blocked := texts[i].Flush()
		if blocked {
			return append(frames, stop(i)), true
		}
		delete(texts, i)
		if rel != "" {
			frames = append(frames, made(i, rel))
		}
	}
	return frames, false
}

// screenChoice passes a choice's new text, and its end when finish,
// through the choice's TextStream in texts (made by open on first use) and
// returns what is released; false when the answer is blocked.
func screenChoice(texts map[int]*TextStream, open func() *TextStream, index int, text string, finish bool) (string, bool) {
	ts, ok := texts[index]
	if !ok {
		ts = open()
		texts[index] = ts
	}
	release, blocked := ts.Write(text)
	if blocked {
		return "", false
	}
	if finish {
		rest, blocked := ts.Flush()
		if blocked {
			return "", false
		}
		release += rest
		delete(texts, index)
	}
	return release, true
}
