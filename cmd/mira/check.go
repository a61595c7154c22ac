package main

import (
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"text/tabwriter"

	"github.com/spf13/cobra"

	"github.com/vmira/mira/internal/cliauth"
	"github.com/vmira/mira/internal/scan"
)

// checkResult is one line of the security checklist.
type checkResult struct {
	Check  string `json:"check"`
	Result string `json:"result"` // pass, warn, fail, skip
	Detail string `json:"detail"`
}

func newCheckCmd(e *env) *cobra.Command {
	var asJSON bool
	cmd := &cobra.Command{
		Use:   "check [DIR]",
		Short: "Run the security checklist for a project directory and your account",
		Long: `Run the security checklist: no secrets in the project (working tree), .env
files kept out of git, and, with credentials, your keys: none exposed or
leaked and still active, none due for rotation, production keys with an
expiry and without the admin scope. Exit 1 when a check fails.`,
		Args: maxArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			dir := "."
			if len(args) == 1 {
				dir = args[0]
			}
			var results []checkResult
			add := func(check, result, detail string) {
				results = append(results, checkResult{check, result, detail})
			}
			res, err := scan.Run(cmd.Context(), []string{dir}, scan.Options{})
			switch {
			case err != nil:
				add("no secrets in the project", "fail", err.Error())
			case res.Found():
				add("no secrets in the project", "fail", fmt.Sprintf("%d found; run `mira scan %s` to see them, revoke and remove them", len(res.Findings), dir))
			default:
				add("no secrets in the project", "pass", res.Summary())
			}
			if _, err := os.Stat(filepath.Join(dir, ".env")); err == nil {
				gi, _ := os.ReadFile(filepath.Join(dir, ".gitignore"))
				if strings.Contains(string(gi), ".env") {
					add(".env kept out of git", "pass", ".gitignore lists .env")
				} else {
					add(".env kept out of git", "warn", "add .env to .gitignore: it is where keys end up")
				}
			}
			checkKeys(cmd, e, add)
			failed := false
			for _, r := range results {
				failed = failed || r.Result == "fail"
			}
			if asJSON {
				if err := json.NewEncoder(e.stdout).Encode(results); err != nil {
					return err
				}
			} else {
				tw := tabwriter.NewWriter(e.stdout, 0, 4, 2, ' ', 0)
				fmt.Fprintln(tw, "RESULT\tCHECK\tDETAIL")
				for _, r := range results {
					fmt.Fprintf(tw, "%s\t%s\t%s\n", strings.ToUpper(r.Result), r.Check, r.Detail)
				}
				tw.Flush()
			}
			if failed {
				return errFound
			}
			return nil
		},
	}
	cmd.Flags().BoolVar(&asJSON, "json", false, "print JSON")
	return cmd
}

// checkKeys adds the account checks, when credentials are available.
func checkKeys(cmd *cobra.Command, e *env, add func(check, result, detail string)) {
	c, err := newClient(e)
	var out struct {
		Data []struct {
			apiKey
			Scopes []string `json:"scopes"`
		}
	}
	if err == nil {
		err = c.Do(cmd.Context(), http.MethodGet, "/v1/keys", nil, &out)
	}
	if err != nil {
		msg := err.Error()
		if errors.Is(err, cliauth.ErrNotLoggedIn) {
			msg = "no credentials (MIRA_API_KEY or `mira auth login`)"
		}
		add("account keys", "skip", msg)
		return
	}
	var exposed, due, noExpiry, admin []string
	active := 0
	for _, k := range out.Data {
		if k.State != "active" {
			continue
		}
		active++
		name := k.Name + " (" + k.ID + ")"
		if k.ExposedAt != nil {
			exposed = append(exposed, name)
		}
		if k.RotationDue {
			due = append(due, name)
		}
		if k.Environment == "production" && k.ExpiresAt == nil {
			noExpiry = append(noExpiry, name)
		}
		for _, s := range k.Scopes {
			if s == "admin" {
				admin = append(admin, name)
			}
		}
	}
	verdict := func(check, bad string, names []string, fix string) {
		if len(names) == 0 {
			add(check, "pass", fmt.Sprintf("%d active keys checked", active))
			return
		}
		add(check, bad, strings.Join(names, ", ")+": "+fix)
	}
	verdict("no exposed key still active", "fail", exposed, "revoke them: `mira keys revoke ID`")
	verdict("keys rotated regularly", "warn", due, "older than the maximum age: `mira keys rotate ID`")
	verdict("production keys expire", "warn", noExpiry, "create them with --expires")
	verdict("least privilege", "warn", admin, "the admin scope opens everything; give a narrower key")
}
