package main

import (
	"bufio"
	"errors"
	"fmt"
	"io"
	"os"
	"strings"
	"time"

	"github.com/spf13/cobra"
	"golang.org/x/term"
)

// stdinIsTerminal reports whether r is a terminal a person can answer a
// question on; anything but an *os.File on a TTY is not. Tests replace it.
var stdinIsTerminal = func(r io.Reader) bool {
	f, ok := r.(*os.File)
	return ok && term.IsTerminal(int(f.Fd()))
}

// addYesFlag registers --yes/-y on a destructive command.
func addYesFlag(cmd *cobra.Command, yes *bool) {
	cmd.Flags().BoolVarP(yes, "yes", "y", false, "do not ask for confirmation (needed without a terminal)")
}

// confirm asks before an action that cannot be undone. With yes it does
// not ask. Without a terminal to ask on it refuses (a usage error, exit
// 2) rather than act unasked. subject names the target, e.g.
// "key_xxx (ci)"; it is only called when a question is asked.
func confirm(e *env, yes bool, verb string, subject func() string) error {
	if yes {
		return nil
	}
	if !stdinIsTerminal(e.stdin) {
		return usageError{fmt.Errorf("%s cannot be undone and stdin is not a terminal to confirm on; pass --yes to %s without asking", strings.ToLower(verb), strings.ToLower(verb))}
	}
	fmt.Fprintf(e.stderr, "%s %s? This cannot be undone. [y/N] ", verb, subject())
	line, _ := bufio.NewReader(e.stdin).ReadString('\n')
	switch strings.ToLower(strings.TrimSpace(line)) {
	case "y", "yes":
		return nil
	}
	return errors.New("aborted; nothing was changed")
}

// zeroGrace reports whether a --grace value means "stop the old key now".
func zeroGrace(s string) bool {
	s = strings.TrimSpace(s)
	if s == "0" || s == "0d" {
		return true
	}
	d, err := time.ParseDuration(s)
	return err == nil && d == 0
}

// keySubject is "ID (name)", or just ID when the name is unknown.
func keySubject(id, name string) string {
	if name == "" {
		return id
	}
	return fmt.Sprintf("%s (%s)", id, name)
}
