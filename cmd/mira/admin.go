package main

import (
	"bufio"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"strings"
	"text/tabwriter"
	"time"

	"github.com/spf13/cobra"

	"github.com/vmira/mira/internal/account"
	"github.com/vmira/mira/internal/audit"
	"github.com/vmira/mira/internal/config"
	"github.com/vmira/mira/internal/datadir"
	"github.com/vmira/mira/internal/keys"
	"github.com/vmira/mira/internal/mira"
	"github.com/vmira/mira/internal/oauth"
	"github.com/vmira/mira/internal/store"
)

func newAdminCmd(e *env) *cobra.Command {
	cmd := &cobra.Command{
		Use:   "admin",
		Short: "Offline administration on the data directory (no server needed)",
	}
	user := &cobra.Command{Use: "user", Short: "Manage users"}
	user.AddCommand(newAdminUserCreateCmd(e))
	key := &cobra.Command{Use: "key", Short: "Manage API keys"}
	key.AddCommand(newAdminKeyCreateCmd(e), newAdminKeyRevokeCmd(e), newAdminKeyListCmd(e))
	sk := &cobra.Command{Use: "signing-key", Short: "Manage the keys that sign CLI access tokens"}
	sk.AddCommand(newAdminSigningKeyRotateCmd(e))
	au := &cobra.Command{Use: "audit", Short: "The tamper-evident audit log"}
	au.AddCommand(newAdminAuditVerifyCmd(e))
	cmd.AddCommand(user, key, sk, au, newAdminBackupCmd(e), newAdminSecretCmd(e))
	return cmd
}

func newAdminSigningKeyRotateCmd(e *env) *cobra.Command {
	var f serverFlags
	return &cobra.Command{
		Use:   "rotate",
		Short: "Start signing access tokens with a new key; the old one verifies until its tokens expire",
		Args:  exactArgs(0),
		RunE: func(cmd *cobra.Command, args []string) error {
			cfg, err := f.load(e)
			if err != nil {
				return err
			}
			a, err := openAdmin(cmd.Context(), e, &f)
			if err != nil {
				return err
			}
			defer a.db.Close()
			issuer := cfg.PublicURL
			if issuer == "" {
				issuer = defaultIssuer(cfg.Listen)
			}
			o, err := oauth.New(cmd.Context(), oauth.Config{Issuer: issuer}, a.db, a.secret)
			if err != nil {
				return err
			}
			kid, err := o.RotateSigningKey(cmd.Context())
			if err != nil {
				return err
			}
			fmt.Fprintf(e.stdout, "new access-token signing key %s signs from %s; the old key verifies until its tokens expire\n", kid.KeyID, kid.ActivatesAt.Format(time.RFC3339))
			return nil
		},
	}
}

// adminDB opens the database and the server secret the way serve would.
type adminDB struct {
	db     *store.DB
	secret []byte
}

func openAdmin(ctx context.Context, e *env, f *serverFlags) (*adminDB, error) {
	cfg, err := f.load(e)
	if err != nil {
		return nil, err
	}
	if err := datadir.Ensure(cfg.DataDir); err != nil {
		return nil, err
	}
	secret, err := datadir.LoadSecret(cfg.DataDir, cfg.SecretKeyFile)
	if err != nil {
		return nil, err
	}
	db, err := store.Open(ctx, cfg.DatabaseURL, cfg.DataDir)
	if err != nil {
		return nil, err
	}
	if err := checkSecret(ctx, db, secret); err != nil {
		db.Close()
		if errors.Is(err, errSecretMismatch) {
			return nil, secretMismatchError(cfg)
		}
		return nil, err
	}
	return &adminDB{db: db, secret: secret}, nil
}

// keys returns the key service of an offline administration command: its
// changes are audited in their transaction; there is no cache or bus to
// tell (running servers see revocations through their database poll).
func (a *adminDB) keys(ctx context.Context) (*keys.Service, error) {
	l, err := a.auditLog(ctx)
	if err != nil {
		return nil, err
	}
	return keys.NewService(keys.Config{Store: a.db, Secret: a.secret, Audit: l}), nil
}

// auditLog returns the audit log of the administered database.
func (a *adminDB) auditLog(ctx context.Context) (*audit.Log, error) {
	return audit.New(ctx, a.db, audit.Config{Secret: a.secret})
}

// byAdmin is the origin of changes made with `mira admin`.
var byAdmin = keys.Origin{Actor: audit.System, Details: map[string]any{"by": "mira admin"}}

func newAdminUserCreateCmd(e *env) *cobra.Command {
	var f serverFlags
	var email, role, org string
	var pwStdin bool
	cmd := &cobra.Command{
		Use:   "create --email E [--role owner|admin|member] --password-stdin",
		Short: "Create a user (reads the password from standard input)",
		Args:  exactArgs(0),
		RunE: func(cmd *cobra.Command, args []string) error {
			if email == "" {
				return usageError{errors.New("--email is required")}
			}
			if !pwStdin {
				return usageError{errors.New("--password-stdin is required: passwords are never taken from the command line, where other users and shell history can read them")}
			}
			r, err := mira.ParseRole(role)
			if err != nil {
				return usageError{err}
			}
			pw, err := readPassword(e.stdin)
			if err != nil {
				return err
			}
			a, err := openAdmin(cmd.Context(), e, &f)
			if err != nil {
				return err
			}
			defer a.db.Close()
			u, err := account.CreateUser(cmd.Context(), a.db, email, r, pw, org, time.Now())
			if err != nil {
				return err
			}
			fmt.Fprintf(e.stdout, "created user %s (%s, %s) in organisation %s\n", u.ID, u.Email, u.Role, org)
			return nil
		},
	}
	f.register(cmd.Flags(), false)
	cmd.Flags().StringVar(&email, "email", "", "the user's e-mail address")
	cmd.Flags().StringVar(&role, "role", "owner", "owner, admin or member")
	cmd.Flags().StringVar(&org, "org", account.DefaultOrg, "organisation (created if missing)")
	cmd.Flags().BoolVar(&pwStdin, "password-stdin", false, "read the password from standard input")
	return cmd
}

// readPassword reads one line from r, without its line ending.
func readPassword(r io.Reader) (string, error) {
	line, err := bufio.NewReader(io.LimitReader(r, 4096)).ReadString('\n')
	if err != nil && err != io.EOF {
		return "", err
	}
	return strings.TrimRight(line, "\r\n"), nil
}

func newAdminKeyCreateCmd(e *env) *cobra.Command {
	var f serverFlags
	var email, name, envName, scopes, plan, models, cidrs, expires string
	var asJSON bool
	cmd := &cobra.Command{
		Use:   "create --email E --name N [--env development|production] [--scopes S,...] [--plan P]",
		Short: "Create an API key for a user and print it once",
		Args:  exactArgs(0),
		RunE: func(cmd *cobra.Command, args []string) error {
			if email == "" || name == "" {
				return usageError{errors.New("--email and --name are required")}
			}
			spec := keys.Spec{Name: name, Plan: plan, AllowedModels: keys.ParseModels(models)}
			var err error
			if spec.Environment, err = mira.ParseEnvironment(envName); err != nil {
				return usageError{err}
			}
			if scopes != "" {
				if spec.Scopes, err = mira.ParseScopes(scopes); err != nil {
					return usageError{err}
				}
			}
			if spec.AllowedCIDRs, err = keys.ParseCIDRs(cidrs); err != nil {
				return usageError{err}
			}
			now := time.Now()
			if spec.ExpiresAt, err = keys.ParseExpiry(expires, now, config.ParseDuration); err != nil {
				return usageError{err}
			}
			a, err := openAdmin(cmd.Context(), e, &f)
			if err != nil {
				return err
			}
			defer a.db.Close()
			u, err := a.db.UserByEmail(cmd.Context(), email)
			if errors.Is(err, mira.ErrNotFound) {
				return fmt.Errorf("no user with e-mail %s; create one with `mira admin user create`", email)
			}
			if err != nil {
				return err
			}
			spec.OrgID, spec.UserID = u.OrgID, u.ID
			svc, err := a.keys(cmd.Context())
			if err != nil {
				return err
			}
			k, secret, err := svc.Create(cmd.Context(), spec, byAdmin)
			if err != nil {
				return err
			}
			if asJSON {
				return json.NewEncoder(e.stdout).Encode(map[string]any{"id": k.ID, "key": secret,
					"name": k.Name, "environment": k.Environment, "scopes": k.Scopes})
			}
			fmt.Fprintf(e.stderr, "Created %s (%s, %s, scopes %s).\nThis is the only time the key is shown; keep it in MIRA_API_KEY, never in code:\n", k.ID, k.Name, k.Environment, mira.JoinScopes(k.Scopes))
			fmt.Fprintln(e.stdout, secret)
			return nil
		},
	}
	f.register(cmd.Flags(), false)
	fl := cmd.Flags()
	fl.StringVar(&email, "email", "", "owner of the key")
	fl.StringVar(&name, "name", "", "what the key is for, e.g. billing-service-prod")
	fl.StringVar(&envName, "env", "development", "development or production")
	fl.StringVar(&scopes, "scopes", "", "comma-separated scopes (default models:read,chat:write,embeddings:write,moderations:write)")
	fl.StringVar(&plan, "plan", "", "rate-limit plan (default: the organisation's)")
	fl.StringVar(&models, "models", "", "comma-separated models the key may use (default: all)")
	fl.StringVar(&cidrs, "cidrs", "", "comma-separated client addresses or CIDRs allowed (default: any)")
	fl.StringVar(&expires, "expires", "", "expiry: a duration such as 90d, or an RFC 3339 time (default: never)")
	fl.BoolVar(&asJSON, "json", false, "print JSON")
	return cmd
}

func newAdminKeyRevokeCmd(e *env) *cobra.Command {
	var f serverFlags
	var yes bool
	cmd := &cobra.Command{
		Use:   "revoke ID",
		Short: "Revoke an API key at once",
		Args:  exactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			a, err := openAdmin(cmd.Context(), e, &f)
			if err != nil {
				return err
			}
			defer a.db.Close()
			svc, err := a.keys(cmd.Context())
			if err != nil {
				return err
			}
			if err := confirm(e, yes, "Revoke", func() string {
				name := ""
				if k, err := a.db.KeyByID(cmd.Context(), args[0]); err == nil {
					name = k.Name
				}
				return keySubject(args[0], name)
			}); err != nil {
				return err
			}
			if _, err := svc.Revoke(cmd.Context(), args[0], "revoked by admin", byAdmin); err != nil {
				if errors.Is(err, mira.ErrNotFound) {
					return fmt.Errorf("no key with id %q", args[0])
				}
				return err
			}
			fmt.Fprintf(e.stdout, "revoked %s\n", args[0])
			return nil
		},
	}
	f.register(cmd.Flags(), false)
	addYesFlag(cmd, &yes)
	return cmd
}

func newAdminKeyListCmd(e *env) *cobra.Command {
	var f serverFlags
	var email string
	var asJSON bool
	cmd := &cobra.Command{
		Use:   "list --email E",
		Short: "List the API keys of a user's organisation, with exposures",
		Args:  exactArgs(0),
		RunE: func(cmd *cobra.Command, args []string) error {
			if email == "" {
				return usageError{errors.New("--email is required")}
			}
			a, err := openAdmin(cmd.Context(), e, &f)
			if err != nil {
				return err
			}
			defer a.db.Close()
			ctx := cmd.Context()
			u, err := a.db.UserByEmail(ctx, email)
			if err != nil {
				return fmt.Errorf("user %s: %w", email, err)
			}
			list, err := a.db.ListKeys(ctx, u.OrgID)
			if err != nil {
				return err
			}
			now := time.Now()
			rows, err := adminKeyRows(ctx, a.db, list, now)
			if err != nil {
				return err
			}
			if asJSON {
				return json.NewEncoder(e.stdout).Encode(rows)
			}
			return printAdminKeyRows(e.stdout, rows, now)
		},
	}
	f.register(cmd.Flags(), false)
	cmd.Flags().StringVar(&email, "email", "", "a user of the organisation")
	cmd.Flags().BoolVar(&asJSON, "json", false, "print JSON")
	return cmd
}

// adminKeyRow is one key of `mira admin key list`. It has the same field
// names and forms as the API's key view (GET /v1/keys), times in Unix
// seconds, so that scripts can read either.
type adminKeyRow struct {
	ID          string             `json:"id"`
	FamilyID    string             `json:"family_id"`
	Name        string             `json:"name"`
	Display     string             `json:"display"`
	Environment mira.Environment   `json:"environment"`
	Scopes      []mira.Scope       `json:"scopes"`
	State       mira.KeyState      `json:"state"`
	CreatedAt   int64              `json:"created_at"`
	ExpiresAt   *int64             `json:"expires_at"`
	LastUsedAt  *int64             `json:"last_used_at"`
	LastUsedIP  string             `json:"last_used_ip,omitempty"`
	RevokedAt   *int64             `json:"revoked_at"`
	ExposedAt   *int64             `json:"exposed_at"`
	Exposures   []mira.KeyExposure `json:"exposures,omitempty"`
}

// adminKeyRows builds the rows of `mira admin key list` from the keys in
// list, reading each key's exposures, with states as of now.
func adminKeyRows(ctx context.Context, db *store.DB, list []*mira.Key, now time.Time) ([]adminKeyRow, error) {
	// unix gives a time in Unix seconds, nil for the zero time (JSON null,
	// as in the API's view).
	unix := func(t time.Time) *int64 {
		if t.IsZero() {
			return nil
		}
		u := t.Unix()
		return &u
	}
	rows := make([]adminKeyRow, 0, len(list))
	for _, k := range list {
		exp, err := db.KeyExposures(ctx, k.ID)
		if err != nil {
			return nil, err
		}
		rows = append(rows, adminKeyRow{ID: k.ID, FamilyID: k.FamilyID, Name: k.Name, Display: k.Prefix + "…" + k.Last4,
			Environment: k.Environment, Scopes: k.Scopes, State: k.State(now), CreatedAt: k.CreatedAt.Unix(),
			ExpiresAt: unix(k.ExpiresAt), LastUsedAt: unix(k.LastUsedAt), LastUsedIP: k.LastUsedIP,
			RevokedAt: unix(k.RevokedAt), ExposedAt: unix(k.ExposedAt), Exposures: exp})
	}
	return rows, nil
}

// printAdminKeyRows writes rows as a table for people: one line a key, with
// the last use and the first exposure summarised, as of now.
func printAdminKeyRows(w io.Writer, rows []adminKeyRow, now time.Time) error {
	tw := tabwriter.NewWriter(w, 0, 4, 2, ' ', 0)
	fmt.Fprintln(tw, "ID\tNAME\tKEY\tENV\tSTATE\tCREATED\tLAST USED\tEXPOSED")
	for _, r := range rows {
		last := "never"
		if r.LastUsedAt != nil {
			last = time.Unix(*r.LastUsedAt, 0).Format(time.DateTime) + " from " + r.LastUsedIP
		}
		exposed := "-"
		if len(r.Exposures) > 0 {
			x := r.Exposures[0]
			exposed = fmt.Sprintf("%s %s from %s", x.Source, x.At.Format(time.DateTime), x.ClientIP)
		}
		fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n", r.ID, r.Name, r.Display, r.Environment,
			stateText(string(r.State), r.RevokedAt, now), time.Unix(r.CreatedAt, 0).Format(time.DateOnly), last, exposed)
	}
	return tw.Flush()
}

func newAdminAuditVerifyCmd(e *env) *cobra.Command {
	var f serverFlags
	cmd := &cobra.Command{
		Use:   "verify",
		Short: "Check the audit log's hash chain; report any edited, deleted, inserted or reordered entry",
		Args:  exactArgs(0),
		RunE: func(cmd *cobra.Command, args []string) error {
			a, err := openAdmin(cmd.Context(), e, &f)
			if err != nil {
				return err
			}
			defer a.db.Close()
			l, err := a.auditLog(cmd.Context())
			if err != nil {
				return err
			}
			rep, err := l.Verify(cmd.Context())
			if err != nil {
				return err
			}
			if !rep.OK() {
				for _, p := range rep.Problems {
					fmt.Fprintln(e.stdout, p)
				}
				return fmt.Errorf("the audit log has been tampered with, starting at entry %d", rep.FirstBad())
			}
			fmt.Fprintf(e.stdout, "audit log intact: %d entries, head %d %s\n(keep the head hash outside this machine to detect a rollback)\n", rep.Entries, rep.HeadSeq, rep.HeadHash)
			return nil
		},
	}
	f.register(cmd.Flags(), false)
	return cmd
}
