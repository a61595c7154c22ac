package main

import (
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"strings"
	"text/tabwriter"
	"time"

	"github.com/vmira/mira/client"

	"github.com/spf13/cobra"
)

// apiKey is a key as GET /v1/keys shows it.
type apiKey struct {
	ID            string   `json:"id"`
	Key           string   `json:"key,omitempty"`
	FamilyID      string   `json:"family_id"`
	Name          string   `json:"name"`
	Display       string   `json:"display"`
	Environment   string   `json:"environment"`
	Scopes        []string `json:"scopes"`
	AllowedModels []string `json:"allowed_models"`
	AllowedCIDRs  []string `json:"allowed_cidrs"`
	State         string   `json:"state"`
	CreatedAt     int64    `json:"created_at"`
	ExpiresAt     *int64   `json:"expires_at"`
	LastUsedAt    *int64   `json:"last_used_at"`
	LastUsedIP    string   `json:"last_used_ip"`
	RevokedAt     *int64   `json:"revoked_at"` // in the future: rotated, working until then
	ExposedAt     *int64   `json:"exposed_at"`
	RotationDue   bool     `json:"rotation_due"`
}

func newKeysCmd(e *env) *cobra.Command {
	cmd := &cobra.Command{Use: "keys", Short: "Manage API keys (needs keys:read / keys:write, or a login)"}
	cmd.AddCommand(newKeysListCmd(e), newKeysCreateCmd(e), newKeysRotateCmd(e), newKeysRevokeCmd(e))
	return cmd
}

// newKeysListCmd is "mira keys list". It shows keys by display form
// (prefix…last4) only: the API never returns a secret after creation.
func newKeysListCmd(e *env) *cobra.Command {
	var asJSON bool
	list := &cobra.Command{
		Use:   "list",
		Short: "List keys: prefix…last4, environment, scopes, last use, state",
		Args:  exactArgs(0),
		RunE: func(cmd *cobra.Command, args []string) error {
			c, err := newClient(e)
			if err != nil {
				return err
			}
			var keys []apiKey
			raw, err := getList(cmd.Context(), c, "/v1/keys", &keys)
			if err != nil {
				return err
			}
			if asJSON {
				return printJSON(e.stdout, raw)
			}
			return keyTable(e.stdout, keys, styleFor(e, e.stdout))
		},
	}
	list.Flags().BoolVar(&asJSON, "json", false, "print JSON")
	return list
}

// keyCreateFlags are the flags of "mira keys create". Empty lists and
// expiry are left out of the request so that the server's defaults apply.
type keyCreateFlags struct {
	name, envName, scopes, models, cidrs, expires string
	asJSON                                        bool
}

// body is the POST /v1/keys request for f.
func (f *keyCreateFlags) body() map[string]any {
	body := map[string]any{"name": f.name, "environment": f.envName}
	if f.scopes != "" {
		body["scopes"] = splitList(f.scopes)
	}
	if f.models != "" {
		body["allowed_models"] = splitList(f.models)
	}
	if f.cidrs != "" {
		body["allowed_cidrs"] = splitList(f.cidrs)
	}
	if f.expires != "" {
		body["expires_in"] = f.expires
	}
	return body
}

// newKeysCreateCmd is "mira keys create", which prints the new secret
// once, since it cannot be shown again.
func newKeysCreateCmd(e *env) *cobra.Command {
	var f keyCreateFlags
	create := &cobra.Command{
		Use:   "create --name N [--env development|production] [--scopes S,...]",
		Short: "Create a key; the secret is printed once",
		Args:  exactArgs(0),
		RunE: func(cmd *cobra.Command, args []string) error {
			if f.name == "" {
				return usageError{fmt.Errorf("--name is required")}
			}
			body := f.body()
			c, err := newClient(e)
			if err != nil {
				return err
			}
			var k apiKey
			if err := c.Do(cmd.Context(), http.MethodPost, "/v1/keys", body, &k); err != nil {
				return err
			}
			return printSecret(e, k, f.asJSON)
		},
	}
	fl := create.Flags()
	fl.StringVar(&f.name, "name", "", "what the key is for, e.g. billing-service-prod")
	fl.StringVar(&f.envName, "env", "development", "development or production")
	fl.StringVar(&f.scopes, "scopes", "", "comma-separated scopes (default models:read,chat:write,embeddings:write,moderations:write)")
	fl.StringVar(&f.models, "models", "", "comma-separated models the key may use (default: all)")
	fl.StringVar(&f.cidrs, "cidrs", "", "comma-separated client addresses or CIDRs allowed (default: any)")
	fl.StringVar(&f.expires, "expires", "", "expiry, e.g. 90d (default: never)")
	fl.BoolVar(&f.asJSON, "json", false, "print JSON")
	return create
}

// newKeysRotateCmd is "mira keys rotate ID". The old key keeps working for
// a grace period so that deployments can switch over without downtime.
func newKeysRotateCmd(e *env) *cobra.Command {
	var grace string
	var asJSON, yes bool
	rotate := &cobra.Command{
		Use:   "rotate ID",
		Short: "Replace a key; the old one keeps working for the grace period",
		Args:  exactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			c, err := newClient(e)
			if err != nil {
				return err
			}
			if zeroGrace(grace) {
				if err := confirm(e, yes, "Rotate", func() string { return remoteKeySubject(cmd, c, args[0]) }); err != nil {
					return err
				}
			}
			var k apiKey
			if err := c.Do(cmd.Context(), http.MethodPost, "/v1/keys/"+url.PathEscape(args[0])+"/rotate",
				map[string]string{"grace_period": grace}, &k); err != nil {
				return err
			}
			if !asJSON {
				fmt.Fprintf(e.stderr, "Rotated %s; the old key stops working in %s.\n", args[0], grace)
			}
			return printSecret(e, k, asJSON)
		},
	}
	rotate.Flags().StringVar(&grace, "grace", "24h", "how long the old key keeps working (0s: stop it now)")
	rotate.Flags().BoolVar(&asJSON, "json", false, "print JSON")
	addYesFlag(rotate, &yes)
	return rotate
}

// newKeysRevokeCmd is "mira keys revoke ID", for a key that must stop
// working now (a leak), with no grace period.
func newKeysRevokeCmd(e *env) *cobra.Command {
	var asJSON, yes bool
	revoke := &cobra.Command{
		Use:   "revoke ID",
		Short: "Revoke a key at once, on every instance",
		Args:  exactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			c, err := newClient(e)
			if err != nil {
				return err
			}
			if err := confirm(e, yes, "Revoke", func() string { return remoteKeySubject(cmd, c, args[0]) }); err != nil {
				return err
			}
			var k apiKey
			if err := c.Do(cmd.Context(), http.MethodDelete, "/v1/keys/"+url.PathEscape(args[0]), nil, &k); err != nil {
				return err
			}
			if asJSON {
				return json.NewEncoder(e.stdout).Encode(k)
			}
			fmt.Fprintf(e.stdout, "revoked %s (%s)\n", k.ID, k.Display)
			return nil
		},
	}
	revoke.Flags().BoolVar(&asJSON, "json", false, "print JSON")
	addYesFlag(revoke, &yes)
	return revoke
}

func printSecret(e *env, k apiKey, asJSON bool) error {
	if asJSON {
		return json.NewEncoder(e.stdout).Encode(k)
	}
	fmt.Fprintf(e.stderr, "Created %s (%s, %s, scopes %s).\nThis is the only time the key is shown; keep it in MIRA_API_KEY, never in code:\n",
		k.ID, k.Name, k.Environment, strings.Join(k.Scopes, " "))
	fmt.Fprintln(e.stdout, k.Key)
	return nil
}

func keyTable(w io.Writer, keys []apiKey, st style) error {
	tw := tabwriter.NewWriter(w, 0, 4, 2, ' ', 0)
	fmt.Fprintln(tw, "ID\tNAME\tKEY\tENV\tSCOPES\tCREATED\tLAST USED\tSTATE")
	for _, k := range keys {
		last := "never"
		if k.LastUsedAt != nil {
			last = time.Unix(*k.LastUsedAt, 0).Format(time.DateTime) + " from " + k.LastUsedIP
		}
		// STATE is the last column: its colour codes cannot upset the
		// alignment of the others.
		fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n", k.ID, k.Name, k.Display, k.Environment,
			strings.Join(k.Scopes, ","), time.Unix(k.CreatedAt, 0).Format(time.DateOnly), last, keyState(k, st, time.Now()))
	}
	return tw.Flush()
}

// keyState is the STATE column of k: its state, whether it is exposed and
// whether its rotation is due, coloured by st.
func keyState(k apiKey, st style, now time.Time) string {
	state := stateText(k.State, k.RevokedAt, now)
	if state != k.State {
		state = st.yellow(state) // rotated: stops soon
	} else {
		state = st.state(state)
	}
	if k.ExposedAt != nil {
		state += ", " + st.state("EXPOSED")
	}
	if k.RotationDue {
		state += ", " + st.state("rotation due")
	}
	return state
}

func splitList(s string) []string {
	var out []string
	for _, f := range strings.Split(s, ",") {
		if f = strings.TrimSpace(f); f != "" {
			out = append(out, f)
		}
	}
	return out
}

// stateText is a key's state for people: a rotated key in its grace period
// is "active" with a revoked_at in the future, shown as
// "active (stops 2026-12-07 14:00 UTC)", as the dashboard does.
func stateText(state string, revokedAt *int64, now time.Time) string {
	if state == "active" && revokedAt != nil && now.Unix() < *revokedAt {
		return "active (stops " + time.Unix(*revokedAt, 0).UTC().Format("2006-01-02 15:04 UTC") + ")"
	}
	return state
}

// remoteKeySubject is "ID (name)" for a confirmation question, with the
// name asked of the server; just ID if that fails.
func remoteKeySubject(cmd *cobra.Command, c *client.Client, id string) string {
	var k apiKey
	if err := c.Do(cmd.Context(), http.MethodGet, "/v1/keys/"+url.PathEscape(id), nil, &k); err != nil {
		return id
	}
	return keySubject(id, k.Name)
}
