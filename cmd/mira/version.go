package main

import (
	"fmt"
	"runtime/debug"
	"strings"

	"github.com/spf13/cobra"
)

// buildTime may be set at link time (-ldflags "-X main.buildTime=...");
// Go's build information records the commit and its time, not the build's.
var buildTime string

// version is the module version of this binary, for `mira --version`,
// `mira version` and backup manifests.
func version() string {
	if bi, ok := debug.ReadBuildInfo(); ok && bi.Main.Version != "" {
		return bi.Main.Version
	}
	return "(devel)"
}

// versionLine is the module version with, when the build information has
// them, the commit (and whether the tree had uncommitted changes), the
// commit's time and the build time.
func versionLine() string {
	var parts []string
	var rev, at string
	modified := false
	if bi, ok := debug.ReadBuildInfo(); ok {
		for _, s := range bi.Settings {
			switch s.Key {
			case "vcs.revision":
				rev = s.Value
			case "vcs.time":
				at = s.Value
			case "vcs.modified":
				modified = s.Value == "true"
			}
		}
	}
	if rev != "" {
		c := "commit " + rev[:min(12, len(rev))]
		if modified {
			c += " (modified)"
		}
		parts = append(parts, c)
	}
	if at != "" {
		parts = append(parts, "committed "+at)
	}
	if buildTime != "" {
		parts = append(parts, "built "+buildTime)
	}
	if len(parts) == 0 {
		return version()
	}
	return version() + " (" + strings.Join(parts, ", ") + ")"
}

func newVersionCmd(e *env) *cobra.Command {
	return &cobra.Command{
		Use:     "version",
		Short:   "Print Mira's version, commit and build time",
		Example: "  mira version\n  mira --version",
		Args:    exactArgs(0),
		RunE: func(cmd *cobra.Command, args []string) error {
			_, err := fmt.Fprintf(e.stdout, "mira %s\n", versionLine())
			return err
		},
	}
}
