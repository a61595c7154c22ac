package main

import (
	"encoding/json"
	"fmt"
	"net/http"
	"net/url"
	"sort"
	"strings"
	"text/tabwriter"
	"time"

	"github.com/spf13/cobra"
)

// alertView is an alert as GET /v1/alerts shows it.
type alertView struct {
	ID             string         `json:"id"`
	OrgID          string         `json:"org_id,omitempty"`
	Rule           string         `json:"rule"`
	Severity       string         `json:"severity"`
	Subject        string         `json:"subject"`
	Count          int            `json:"count"`
	FirstSeen      time.Time      `json:"first_seen"`
	LastSeen       time.Time      `json:"last_seen"`
	State          string         `json:"state"`
	AcknowledgedBy string         `json:"acknowledged_by,omitempty"`
	AcknowledgedAt *time.Time     `json:"acknowledged_at,omitempty"`
	Details        map[string]any `json:"details"`
}

func newAlertsCmd(e *env) *cobra.Command {
	var state, rule, severity string
	var asJSON bool
	cmd := &cobra.Command{
		Use:   "alerts",
		Short: "Alerts on suspicious activity, newest first (owners and admins)",
		Args:  exactArgs(0),
		RunE: func(cmd *cobra.Command, args []string) error {
			c, err := newClient(e)
			if err != nil {
				return err
			}
			q := url.Values{}
			for k, v := range map[string]string{"state": state, "rule": rule, "severity": severity} {
				if v != "" {
					q.Set(k, v)
				}
			}
			var out struct{ Data []alertView }
			if err := c.Do(cmd.Context(), http.MethodGet, "/v1/alerts?"+q.Encode(), nil, &out); err != nil {
				return err
			}
			if asJSON {
				return json.NewEncoder(e.stdout).Encode(out.Data)
			}
			tw := tabwriter.NewWriter(e.stdout, 0, 4, 2, ' ', 0)
			fmt.Fprintln(tw, "LAST SEEN\tSEVERITY\tRULE\tSUBJECT\tCOUNT\tSTATE\tDETAILS\tID")
			for _, a := range out.Data {
				fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%d\t%s\t%s\t%s\n", a.LastSeen.Local().Format(time.DateTime), a.Severity, a.Rule,
					a.Subject, a.Count, a.State, orDash(detailsLine(a.Details)), a.ID)
			}
			return tw.Flush()
		},
	}
	fl := cmd.Flags()
	fl.StringVar(&state, "state", "", "open or acknowledged")
	fl.StringVar(&rule, "rule", "", "only this rule, e.g. auth_failures_burst")
	fl.StringVar(&severity, "severity", "", "low, medium, high or critical")
	fl.BoolVar(&asJSON, "json", false, "print JSON")
	cmd.AddCommand(&cobra.Command{
		Use:   "ack ID",
		Short: "Acknowledge an alert",
		Args:  exactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			c, err := newClient(e)
			if err != nil {
				return err
			}
			var a alertView
			if err := c.Do(cmd.Context(), http.MethodPost, "/v1/alerts/"+url.PathEscape(args[0])+"/ack", nil, &a); err != nil {
				return err
			}
			fmt.Fprintf(e.stdout, "acknowledged %s (%s, %s)\n", a.ID, a.Rule, a.Subject)
			return nil
		},
	})
	return cmd
}

// detailsLine shows an alert's details on one line: key=value, sorted.
func detailsLine(d map[string]any) string {
	parts := make([]string, 0, len(d))
	for k, v := range d {
		if s, ok := v.([]any); ok {
			strs := make([]string, len(s))
			for i, x := range s {
				strs[i] = fmt.Sprint(x)
			}
			parts = append(parts, k+"="+strings.Join(strs, ","))
			continue
		}
		parts = append(parts, fmt.Sprintf("%s=%v", k, v))
	}
	sort.Strings(parts)
	return strings.Join(parts, " ")
}
