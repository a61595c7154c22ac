// Command mira is Mira's server (`mira serve`), its offline administration
// (`mira admin`) and the command-line client of its API.
package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"os/signal"
	"strings"
	"syscall"

	"github.com/spf13/cobra"
)

// Exit codes: 0 ok, 1 failure, 2 usage.
const (
	exitFailure = 1
	exitUsage   = 2
)

// usageError marks errors in how the command was called.
type usageError struct{ error }

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	code := run(ctx, os.Args[1:], os.Stdin, os.Stdout, os.Stderr, os.Getenv)
	stop()
	os.Exit(code)
}

// env is the process environment the commands read; tests give their own.
type env struct {
	stdin          io.Reader
	stdout, stderr io.Writer
	getenv         func(string) string
}

// run executes the command line args and returns the exit code.
func run(ctx context.Context, args []string, stdin io.Reader, stdout, stderr io.Writer, getenv func(string) string) int {
	e := &env{stdin: stdin, stdout: stdout, stderr: stderr, getenv: getenv}
	root := newRootCmd(e)
	root.SetArgs(args)
	root.SetIn(stdin)
	root.SetOut(stdout)
	root.SetErr(stderr)
	err := root.ExecuteContext(ctx)
	if err == nil {
		return 0
	}
	if errors.Is(err, errFound) {
		return exitFailure // the findings were the output
	}
	msg := errorText(err)
	fmt.Fprintln(stderr, "mira:", msg)
	if fix := fixFor(e, err); fix != "" && !strings.Contains(msg, strings.TrimPrefix(fix, "run ")) {
		fmt.Fprintln(stderr, "fix:", fix)
	}
	var ue usageError
	if errors.As(err, &ue) {
		return exitUsage
	}
	return exitFailure
}

func newRootCmd(e *env) *cobra.Command {
	root := &cobra.Command{
		Use:           "mira",
		Short:         "Mira: a security-first AI API gateway and its command-line client",
		SilenceUsage:  true,
		SilenceErrors: true,
		Version:       versionLine(),
	}
	root.SetVersionTemplate("mira {{.Version}}\n")
	root.SetFlagErrorFunc(func(c *cobra.Command, err error) error {
		return usageError{fmt.Errorf("%w\nsee '%s --help'", err, c.CommandPath())}
	})
	root.AddCommand(newServeCmd(e), newAdminCmd(e), newAuthCmd(e), newKeysCmd(e), newModelsCmd(e), newChatCmd(e), newModerateCmd(e), newScanCmd(e), newUsageCmd(e), newLogsCmd(e), newAlertsCmd(e), newCheckCmd(e), newVersionCmd(e), newMembersCmd(e))
	groupsRefuseUnknown(root)
	setExamples(root)
	wireCompletions(e, root)
	return root
}

// groupsRefuseUnknown makes every command that only groups subcommands
// (mira, mira keys, mira admin key, ...) answer an unknown subcommand with
// a usage error (exit 2) and show its help when called alone. Cobra would
// otherwise print the help and exit 0 for "mira keys lst", and return a
// plain error (exit 1) for "mira bogus".
func groupsRefuseUnknown(c *cobra.Command) {
	for _, sub := range c.Commands() {
		groupsRefuseUnknown(sub)
	}
	if !c.HasSubCommands() || c.Run != nil || c.RunE != nil {
		return
	}
	c.Args = func(cmd *cobra.Command, args []string) error {
		if len(args) > 0 {
			hint := ""
			if s := cmd.SuggestionsFor(args[0]); len(s) > 0 {
				hint = fmt.Sprintf(" (did you mean %q?)", s[0])
			}
			return usageError{fmt.Errorf("unknown command %q for %q%s\nsee '%s --help'", args[0], cmd.CommandPath(), hint, cmd.CommandPath())}
		}
		return nil
	}
	c.RunE = func(cmd *cobra.Command, args []string) error { return cmd.Help() }
	if c.Annotations == nil {
		c.Annotations = map[string]string{}
	}
	c.Annotations["group"] = "true"
}

// errorText is err's message without the "mira: " prefix the client
// library puts on its errors, since run prints its own.
func errorText(err error) string {
	msg := strings.TrimPrefix(err.Error(), "mira: ")
	return strings.ReplaceAll(msg, ": mira: ", ": ")
}

// exactArgs is cobra.ExactArgs returning a usage error.
func exactArgs(n int) cobra.PositionalArgs {
	return func(cmd *cobra.Command, args []string) error {
		if err := cobra.ExactArgs(n)(cmd, args); err != nil {
			return usageError{err}
		}
		return nil
	}
}

func maxArgs(n int) cobra.PositionalArgs {
	return func(cmd *cobra.Command, args []string) error {
		if err := cobra.MaximumNArgs(n)(cmd, args); err != nil {
			return usageError{err}
		}
		return nil
	}
}
