package main

import (
	"encoding/json"
	"fmt"
	"net/http"
	"net/url"
	"text/tabwriter"
	"time"

	"github.com/spf13/cobra"
)

// apiMember is a member as GET /v1/members shows it.
type apiMember struct {
	ID        string `json:"id"`
	Email     string `json:"email"`
	Role      string `json:"role"`
	CreatedAt int64  `json:"created_at"`
}

// apiInvitation is an invitation as /v1/members shows it; URL only when
// it is created.
type apiInvitation struct {
	ID        string `json:"id"`
	Email     string `json:"email"`
	Role      string `json:"role"`
	ExpiresAt int64  `json:"expires_at"`
	URL       string `json:"url,omitempty"`
	Emailed   *bool  `json:"emailed,omitempty"`
	MailError string `json:"mail_error,omitempty"`
}

// newMembersCmd is "mira members": the organisation's members, for owners
// and admins with a key holding the admin scope.
func newMembersCmd(e *env) *cobra.Command {
	cmd := &cobra.Command{Use: "members", Short: "Manage the organisation's members (needs a key with the admin scope)"}
	cmd.AddCommand(newMembersListCmd(e), newMembersInviteCmd(e), newMembersRoleCmd(e), newMembersRemoveCmd(e))
	return cmd
}

func newMembersListCmd(e *env) *cobra.Command {
	var asJSON bool
	cmd := &cobra.Command{
		Use:     "list",
		Short:   "List members and pending invitations",
		Example: "  mira members list\n  mira members list --json",
		Args:    exactArgs(0),
		RunE: func(cmd *cobra.Command, args []string) error {
			c, err := newClient(e)
			if err != nil {
				return err
			}
			var out struct {
				Data        []apiMember     `json:"data"`
				Invitations []apiInvitation `json:"invitations"`
			}
			if err := c.Do(cmd.Context(), http.MethodGet, "/v1/members", nil, &out); err != nil {
				return err
			}
			if asJSON {
				return json.NewEncoder(e.stdout).Encode(out)
			}
			st := styleFor(e, e.stdout)
			tw := tabwriter.NewWriter(e.stdout, 0, 4, 2, ' ', 0)
			fmt.Fprintln(tw, "ID\tEMAIL\tJOINED\tROLE")
			for _, m := range out.Data {
				fmt.Fprintf(tw, "%s\t%s\t%s\t%s\n", m.ID, m.Email, time.Unix(m.CreatedAt, 0).Format(time.DateOnly), st.state(m.Role))
			}
			for _, inv := range out.Invitations {
				fmt.Fprintf(tw, "%s\t%s\t%s\t%s\n", inv.ID, inv.Email, "invited", inv.Role+" (until "+time.Unix(inv.ExpiresAt, 0).UTC().Format("2006-01-02 15:04 UTC")+")")
			}
			return tw.Flush()
		},
	}
	cmd.Flags().BoolVar(&asJSON, "json", false, "print JSON")
	return cmd
}

func newMembersInviteCmd(e *env) *cobra.Command {
	var role string
	var asJSON bool
	cmd := &cobra.Command{
		Use:     "invite EMAIL",
		Short:   "Invite someone: prints a single-use link (e-mailed too when the server can)",
		Example: "  mira members invite ana@example.com\n  mira members invite ana@example.com --role admin --json",
		Args:    exactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			c, err := newClient(e)
			if err != nil {
				return err
			}
			var inv apiInvitation
			if err := c.Do(cmd.Context(), http.MethodPost, "/v1/members", map[string]string{"email": args[0], "role": role}, &inv); err != nil {
				return err
			}
			if asJSON {
				return json.NewEncoder(e.stdout).Encode(inv)
			}
			switch {
			case inv.Emailed != nil && *inv.Emailed:
				fmt.Fprintf(e.stderr, "Invited %s as %s; the link was e-mailed to them. It works once, until %s:\n", inv.Email, inv.Role, time.Unix(inv.ExpiresAt, 0).UTC().Format("2006-01-02 15:04 UTC"))
			default:
				fmt.Fprintf(e.stderr, "Invited %s as %s. Give them this link yourself; it is shown once and works once, until %s:\n", inv.Email, inv.Role, time.Unix(inv.ExpiresAt, 0).UTC().Format("2006-01-02 15:04 UTC"))
			}
			fmt.Fprintln(e.stdout, inv.URL)
			return nil
		},
	}
	cmd.Flags().StringVar(&role, "role", "member", "member, admin or owner (not above your own)")
	cmd.Flags().BoolVar(&asJSON, "json", false, "print JSON")
	return cmd
}

func newMembersRoleCmd(e *env) *cobra.Command {
	var asJSON bool
	cmd := &cobra.Command{
		Use:     "role ID ROLE",
		Short:   "Change a member's role (member, admin or owner)",
		Example: "  mira members role user_abc123 admin",
		Args:    exactArgs(2),
		RunE: func(cmd *cobra.Command, args []string) error {
			c, err := newClient(e)
			if err != nil {
				return err
			}
			var m apiMember
			if err := c.Do(cmd.Context(), http.MethodPatch, "/v1/members/"+url.PathEscape(args[0]), map[string]string{"role": args[1]}, &m); err != nil {
				return err
			}
			if asJSON {
				return json.NewEncoder(e.stdout).Encode(m)
			}
			fmt.Fprintf(e.stdout, "%s (%s) is now %s\n", m.ID, m.Email, m.Role)
			return nil
		},
	}
	cmd.Flags().BoolVar(&asJSON, "json", false, "print JSON")
	return cmd
}

func newMembersRemoveCmd(e *env) *cobra.Command {
	var asJSON, yes bool
	cmd := &cobra.Command{
		Use:     "remove ID",
		Short:   "Remove a member: their keys are revoked, their sessions and CLI sign-ins end",
		Example: "  mira members remove user_abc123          # asks first on a terminal\n  mira members remove user_abc123 --yes    # scripts",
		Args:    exactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			c, err := newClient(e)
			if err != nil {
				return err
			}
			if err := confirm(e, yes, "Remove", func() string { return args[0] + " (their keys are revoked)" }); err != nil {
				return err
			}
			var out struct {
				ID          string `json:"id"`
				Email       string `json:"email"`
				Deleted     bool   `json:"deleted"`
				RevokedKeys int    `json:"revoked_keys"`
			}
			if err := c.Do(cmd.Context(), http.MethodDelete, "/v1/members/"+url.PathEscape(args[0]), nil, &out); err != nil {
				return err
			}
			if asJSON {
				return json.NewEncoder(e.stdout).Encode(out)
			}
			fmt.Fprintf(e.stdout, "removed %s (%s); %d keys revoked\n", out.ID, out.Email, out.RevokedKeys)
			return nil
		},
	}
	cmd.Flags().BoolVar(&asJSON, "json", false, "print JSON")
	addYesFlag(cmd, &yes)
	return cmd
}
