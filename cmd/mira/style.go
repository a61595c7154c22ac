package main

import (
	"io"
	"os"

	"golang.org/x/term"
)

// isTerminal reports whether w is a terminal (an *os.File on a TTY).
func isTerminal(w io.Writer) bool {
	f, ok := w.(*os.File)
	return ok && term.IsTerminal(int(f.Fd()))
}

// style colours text for a terminal, as gh does: only when the output is a
// terminal, NO_COLOR is unset or empty (no-color.org) and TERM is not
// "dumb". Its zero value prints plain text.
type style struct{ color bool }

// styleFor returns the style of output written to w.
func styleFor(e *env, w io.Writer) style {
	return style{color: isTerminal(w) && e.getenv("NO_COLOR") == "" && e.getenv("TERM") != "dumb"}
}

// SGR colour codes.
const (
	sgrRed    = "31"
	sgrGreen  = "32"
	sgrYellow = "33"
	sgrBold   = "1"
)

func (s style) paint(code, text string) string {
	if !s.color || text == "" {
		return text
	}
	return "\x1b[" + code + "m" + text + "\x1b[0m"
}

func (s style) red(t string) string    { return s.paint(sgrRed, t) }
func (s style) green(t string) string  { return s.paint(sgrGreen, t) }
func (s style) yellow(t string) string { return s.paint(sgrYellow, t) }
func (s style) bold(t string) string   { return s.paint(sgrBold, t) }

// state colours a state word: working states green, ones that need
// attention yellow, stopped or dangerous ones red (exposure in bold).
func (s style) state(word string) string {
	switch word {
	case "active", "acknowledged", "member":
		return s.green(word)
	case "rotation due", "expired", "medium", "low", "admin":
		return s.yellow(word)
	case "revoked", "high", "open", "owner":
		return s.red(word)
	case "EXPOSED", "LEAKED", "critical":
		return s.bold(s.red(word))
	}
	return word
}
