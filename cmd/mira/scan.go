package main

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"time"

	"github.com/spf13/cobra"

	"github.com/vmira/mira/client"
	"github.com/vmira/mira/internal/scan"
)

// errFound makes `mira scan` exit 1 without printing an error line.
var errFound = errors.New("secrets found")

func newScanCmd(e *env) *cobra.Command {
	var opts scan.Options
	var asJSON, report, listRules bool
	cmd := &cobra.Command{
		Use:   "scan [PATH...]",
		Short: "Find Mira keys and other secrets in files and git history; exit 1 when found",
		Long: `Find Mira keys (checksum-verified, so look-alikes are not reported) and common
secrets (private keys, cloud and SaaS tokens) in files, staged changes (--staged)
or every commit (--git-history). Secrets are printed masked. Exit codes: 0 nothing
found, 1 found, 2 usage error or a scan that could not finish.
A line with "mira:allow" is skipped; .miraignore lists paths (gitignore syntax).`,
		RunE: func(cmd *cobra.Command, args []string) error {
			if listRules {
				for _, r := range scan.Rules() {
					fmt.Fprintf(e.stdout, "%-28s %s\n", r.ID, r.Description)
				}
				return nil
			}
			var sp *spinner
			if opts.GitHistory {
				sp = startSpinner(e, "scanning the git history", time.Time{})
			}
			res, err := scan.Run(cmd.Context(), args, opts)
			if sp != nil {
				sp.Stop()
			}
			if err != nil {
				return usageError{err}
			}
			if asJSON {
				err = scan.WriteJSON(e.stdout, res)
			} else {
				err = scan.WriteText(e.stdout, res.Findings)
				fmt.Fprintln(e.stderr, res.Summary())
			}
			if err != nil {
				return err
			}
			for _, se := range res.Errors {
				fmt.Fprintln(e.stderr, "mira scan:", se)
			}
			if report {
				if err := reportKeys(cmd.Context(), e, scan.MiraKeys(res.Findings)); err != nil {
					return err
				}
			}
			if res.Found() {
				return errFound
			}
			return nil
		},
	}
	fl := cmd.Flags()
	fl.BoolVar(&opts.GitHistory, "git-history", false, "also scan every commit on every ref")
	fl.BoolVar(&opts.Staged, "staged", false, "scan only what is staged for commit (a pre-commit hook)")
	fl.StringVar(&opts.IgnoreFile, "ignore-file", "", "allow-list file instead of .miraignore (- for none)")
	fl.Int64Var(&opts.MaxFileSize, "max-file-size", 0, "skip larger files (default 10 MiB)")
	fl.BoolVar(&asJSON, "json", false, "print JSON")
	fl.BoolVar(&report, "report", false, "report found Mira keys to the server, which revokes them")
	fl.BoolVar(&listRules, "list-rules", false, "list the rules and exit")
	return cmd
}

// reportKeys sends each found Mira key to /v1/keys/report-leak (public: no
// credentials needed).
func reportKeys(ctx context.Context, e *env, keys []string) error {
	if len(keys) == 0 {
		return nil
	}
	c, err := client.New(baseClientOptions(e)...)
	if err != nil {
		return err
	}
	sent, err := scan.Report(ctx, keys, func(key string) error {
		if err := c.Do(ctx, http.MethodPost, "/v1/keys/report-leak", map[string]string{"key": key}, nil); err != nil {
			return errors.New("the server did not take the report")
		}
		return nil
	})
	fmt.Fprintf(e.stderr, "reported %d Mira key(s) to %s; they are revoked\n", sent, c.BaseURL())
	return err
}
