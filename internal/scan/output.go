package scan

import (
	"encoding/json"
	"fmt"
	"io"
	"strings"
	"text/tabwriter"
)

// WriteText writes findings for people, one per line, aligned:
//
//	config/prod.env:3:9:  aws-access-key  AKIAIO…MPLE
//	old/key.txt:1:12:     mira-api-key    sk-mira-AbCd…wXyZ  commit 3f2a9c1d0b7e
//
// The location is path:line:column, which editors and terminals open.
func WriteText(w io.Writer, findings []Finding) error {
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	for _, f := range findings {
		commit := ""
		if f.Commit != "" {
			commit = "commit " + shortCommit(f.Commit)
		}
		fmt.Fprintf(tw, "%s:%d:%d:\t%s\t%s\t%s\n", f.Path, f.Line, f.Column, f.Rule, f.Masked, commit)
	}
	return tw.Flush()
}

func shortCommit(c string) string {
	if len(c) > 12 {
		return c[:12]
	}
	return c
}

// jsonResult is the --json document.
type jsonResult struct {
	Findings []Finding `json:"findings"`
	Files    int       `json:"files"`
	Commits  int       `json:"commits"`
	Skipped  Skipped   `json:"skipped"`
	Allowed  int       `json:"allowed"`
	Errors   []string  `json:"errors"`
}

// WriteJSON writes the result for scripts: one JSON object with the
// findings (path, line, column, rule, description, masked, commit) and the
// counts. Secrets appear masked only.
func WriteJSON(w io.Writer, r *Result) error {
	out := jsonResult{
		Findings: r.Findings, Files: r.Files, Commits: r.Commits,
		Skipped: r.Skipped, Allowed: r.Allowed, Errors: []string{},
	}
	if out.Findings == nil {
		out.Findings = []Finding{}
	}
	for _, err := range r.Errors {
		out.Errors = append(out.Errors, err.Error())
	}
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	return enc.Encode(out)
}

// Summary is one line for standard error after the findings, e.g.
// "2 secrets found (1 Mira key) in 1,204 files and 310 commits; 3 binary files skipped".
func (r *Result) Summary() string {
	var b strings.Builder
	switch n := len(r.Findings); n {
	case 0:
		b.WriteString("no secrets found")
	case 1:
		b.WriteString("1 secret found")
	default:
		fmt.Fprintf(&b, "%d secrets found", n)
	}
	if k := len(MiraKeys(r.Findings)); k > 0 {
		fmt.Fprintf(&b, " (%s)", plural(k, "Mira key", "Mira keys"))
	}
	fmt.Fprintf(&b, " in %s", plural(r.Files, "file", "files"))
	if r.Commits > 0 {
		fmt.Fprintf(&b, " and %s", plural(r.Commits, "commit", "commits"))
	}
	var notes []string
	if r.Allowed > 0 {
		notes = append(notes, fmt.Sprintf("%d allowed by %s or %s", r.Allowed, AllowMarker, IgnoreFileName))
	}
	s := r.Skipped
	for _, c := range []struct {
		n    int
		what string
	}{
		{s.Binary, "binary"}, {s.TooLarge, "too large"}, {s.Symlinks, "symlinks"},
		{s.Ignored, "ignored"}, {s.Other, "not regular files"},
	} {
		if c.n > 0 {
			notes = append(notes, fmt.Sprintf("%d skipped (%s)", c.n, c.what))
		}
	}
	if len(r.Errors) > 0 {
		notes = append(notes, plural(len(r.Errors), "unreadable path", "unreadable paths"))
	}
	if len(notes) > 0 {
		b.WriteString("; " + strings.Join(notes, ", "))
	}
	return b.String()
}

func plural(n int, one, many string) string {
	if n == 1 {
		return "1 " + one
	}
	return fmt.Sprintf("%d %s", n, many)
}
