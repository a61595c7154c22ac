package main

import (
	"encoding/json"
	"fmt"
	"strings"
	"time"

	"github.com/spf13/cobra"

	"github.com/vmira/mira/internal/cliauth"
)

func newAuthCmd(e *env) *cobra.Command {
	cmd := &cobra.Command{Use: "auth", Short: "Sign the CLI in with the OAuth device flow"}
	var web bool
	var scopes string
	login := &cobra.Command{
		Use:   "login",
		Short: "Sign in: approve a code in the browser; tokens are stored securely",
		Args:  exactArgs(0),
		RunE: func(cmd *cobra.Command, args []string) error {
			a, err := newAuth(e)
			if err != nil {
				return err
			}
			var sc []string
			if scopes != "" {
				sc = strings.Split(scopes, ",")
			}
			// The wait for the approval shows a spinner on a terminal;
			// Login's own lines go through it, so they never mix.
			sp := startSpinner(e, "waiting for approval in the browser", time.Time{})
			defer sp.Stop()
			return a.Login(cmd.Context(), cliauth.LoginOptions{Web: web, Scopes: sc}, sp)
		},
	}
	login.Flags().BoolVar(&web, "web", false, "open the approval page in a browser (https on the configured server only)")
	login.Flags().StringVar(&scopes, "scopes", "", "comma-separated scopes to ask for (default: what your role allows)")

	logout := &cobra.Command{
		Use:   "logout",
		Short: "Revoke the login on the server and delete the stored tokens",
		Args:  exactArgs(0),
		RunE: func(cmd *cobra.Command, args []string) error {
			a, err := newAuth(e)
			if err != nil {
				return err
			}
			return a.Logout(cmd.Context(), e.stderr)
		},
	}
	var asJSON bool
	status := &cobra.Command{
		Use:   "status",
		Short: "Show who is signed in, where, and until when (never the token)",
		Args:  exactArgs(0),
		RunE: func(cmd *cobra.Command, args []string) error {
			a, err := newAuth(e)
			if err != nil {
				return err
			}
			st, err := a.Status(cmd.Context())
			if err != nil {
				return err
			}
			if asJSON {
				err = json.NewEncoder(e.stdout).Encode(st)
			} else {
				err = st.WriteText(e.stdout, time.Now())
			}
			if err == nil && !st.LoggedIn {
				return fmt.Errorf("not logged in: run `mira auth login`")
			}
			return err
		},
	}
	status.Flags().BoolVar(&asJSON, "json", false, "print JSON")
	token := &cobra.Command{
		Use:   "token",
		Short: "Print a valid access token (refreshed if needed), for scripts",
		Args:  exactArgs(0),
		RunE: func(cmd *cobra.Command, args []string) error {
			a, err := newAuth(e)
			if err != nil {
				return err
			}
			tok, err := a.Token(cmd.Context())
			if err != nil {
				return err
			}
			fmt.Fprintln(e.stdout, tok)
			return nil
		},
	}
	cmd.AddCommand(login, logout, status, token)
	return cmd
}
