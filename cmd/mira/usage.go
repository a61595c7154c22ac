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

func newUsageCmd(e *env) *cobra.Command {
	var from, to, keyID, model, groupBy string
	var asJSON bool
	cmd := &cobra.Command{
		Use:   "usage",
		Short: "Requests and tokens per day (and per key and model)",
		Args:  exactArgs(0),
		RunE: func(cmd *cobra.Command, args []string) error {
			c, err := newClient(e)
			if err != nil {
				return err
			}
			q := url.Values{}
			for k, v := range map[string]string{"from": from, "to": to, "key_id": keyID, "model": model, "group_by": groupBy} {
				if v != "" {
					q.Set(k, v)
				}
			}
			var out struct {
				Data []struct {
					Day                                                           string
					KeyID                                                         string `json:"key_id"`
					Model                                                         string
					Requests, Errors, PromptTokens, CompletionTokens, TotalTokens int64
				}
			}
			if err := c.Do(cmd.Context(), http.MethodGet, "/v1/usage?"+q.Encode(), nil, &out); err != nil {
				return err
			}
			if asJSON {
				return json.NewEncoder(e.stdout).Encode(out.Data)
			}
			tw := tabwriter.NewWriter(e.stdout, 0, 4, 2, ' ', 0)
			fmt.Fprintln(tw, "DAY\tKEY\tMODEL\tREQUESTS\tERRORS\tTOKENS")
			for _, u := range out.Data {
				fmt.Fprintf(tw, "%s\t%s\t%s\t%d\t%d\t%d\n", u.Day, orDash(u.KeyID), orDash(u.Model), u.Requests, u.Errors, u.TotalTokens)
			}
			return tw.Flush()
		},
	}
	fl := cmd.Flags()
	fl.StringVar(&from, "from", "", "first day, e.g. 2026-11-01")
	fl.StringVar(&to, "to", "", "last day")
	fl.StringVar(&keyID, "key", "", "only this key id")
	fl.StringVar(&model, "model", "", "only this model")
	fl.StringVar(&groupBy, "group-by", "", "key, model or key,model")
	fl.BoolVar(&asJSON, "json", false, "print JSON")
	return cmd
}

func newLogsCmd(e *env) *cobra.Command {
	var keyID, model, cursor string
	var limit int
	var errorsOnly, asJSON bool
	cmd := &cobra.Command{
		Use:   "logs",
		Short: "Recent requests (kept at most 30 days), newest first",
		Args:  exactArgs(0),
		RunE: func(cmd *cobra.Command, args []string) error {
			c, err := newClient(e)
			if err != nil {
				return err
			}
			q := url.Values{}
			if keyID != "" {
				q.Set("key_id", keyID)
			}
			if model != "" {
				q.Set("model", model)
			}
			if cursor != "" {
				q.Set("cursor", cursor)
			}
			if errorsOnly {
				q.Set("errors_only", "true")
			}
			if limit > 0 {
				q.Set("limit", fmt.Sprint(limit))
			}
			var out struct {
				Data []struct {
					CreatedAt    int64   `json:"created_at"`
					RequestID    string  `json:"request_id"`
					KeyID        string  `json:"key_id"`
					Endpoint     string  `json:"endpoint"`
					Model        string  `json:"model"`
					Status       int     `json:"status"`
					LatencyMs    float64 `json:"latency_ms"`
					PromptTokens int64   `json:"prompt_tokens"`
					Completion   int64   `json:"completion_tokens"`
					ClientIP     string  `json:"client_ip"`
					Filter       string  `json:"filter"`
				}
				NextCursor string `json:"next_cursor"`
			}
			if err := c.Do(cmd.Context(), http.MethodGet, "/v1/logs?"+q.Encode(), nil, &out); err != nil {
				return err
			}
			if asJSON {
				return json.NewEncoder(e.stdout).Encode(out)
			}
			tw := tabwriter.NewWriter(e.stdout, 0, 4, 2, ' ', 0)
			fmt.Fprintln(tw, "TIME\tSTATUS\tENDPOINT\tMODEL\tKEY\tTOKENS\tLATENCY\tFILTER\tREQUEST ID")
			for _, l := range out.Data {
				fmt.Fprintf(tw, "%s\t%d\t%s\t%s\t%s\t%d\t%.1fms\t%s\t%s\n", time.Unix(l.CreatedAt, 0).Format(time.DateTime),
					l.Status, l.Endpoint, orDash(l.Model), orDash(l.KeyID), l.PromptTokens+l.Completion, l.LatencyMs, orDash(l.Filter), l.RequestID)
			}
			if err := tw.Flush(); err != nil {
				return err
			}
			if out.NextCursor != "" {
				fmt.Fprintf(e.stderr, "more: mira logs --cursor %s\n", out.NextCursor)
			}
			return nil
		},
	}
	fl := cmd.Flags()
	fl.StringVar(&keyID, "key", "", "only this key id")
	fl.StringVar(&model, "model", "", "only this model")
	fl.StringVar(&cursor, "cursor", "", "continue from a previous page")
	fl.IntVar(&limit, "limit", 0, "entries per page")
	fl.BoolVar(&errorsOnly, "errors", false, "only failed requests")
	fl.BoolVar(&asJSON, "json", false, "print JSON")
	return cmd
}

func orDash(s string) string {
	if s == "" {
		return "-"
	}
	return s
}
