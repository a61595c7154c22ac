package main

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"text/tabwriter"
	"time"

	"github.com/spf13/cobra"

	"github.com/vmira/mira/client"
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
			var rows []struct {
				Day         string `json:"day"`
				KeyID       string `json:"key_id"`
				Model       string `json:"model"`
				Requests    int64  `json:"requests"`
				Errors      int64  `json:"errors"`
				TotalTokens int64  `json:"total_tokens"`
			}
			raw, err := getList(cmd.Context(), c, "/v1/usage?"+q.Encode(), &rows)
			if err != nil {
				return err
			}
			if asJSON {
				return printJSON(e.stdout, raw)
			}
			tw := tabwriter.NewWriter(e.stdout, 0, 4, 2, ' ', 0)
			fmt.Fprintln(tw, "DAY\tKEY\tMODEL\tREQUESTS\tERRORS\tTOKENS")
			for _, u := range rows {
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
			// --json prints the page as the API returns it: it has
			// next_cursor, for the next page.
			var page json.RawMessage
			if err := c.Do(cmd.Context(), http.MethodGet, "/v1/logs?"+q.Encode(), nil, &page); err != nil {
				return err
			}
			if asJSON {
				return printJSON(e.stdout, page)
			}
			if err := json.Unmarshal(page, &out); err != nil {
				return err
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

// getList fetches an API list ({"object": "list", "data": [...]}), decodes
// its data into rows and returns the data as the API sent it: --json prints
// that, so that scripts see the API's field names.
func getList(ctx context.Context, c *client.Client, path string, rows any) (json.RawMessage, error) {
	var out struct {
		Data json.RawMessage `json:"data"`
	}
	if err := c.Do(ctx, http.MethodGet, path, nil, &out); err != nil {
		return nil, err
	}
	if len(out.Data) == 0 || string(out.Data) == "null" {
		out.Data = json.RawMessage("[]")
	}
	return out.Data, json.Unmarshal(out.Data, rows)
}

// printJSON writes raw JSON on one line.
func printJSON(w io.Writer, raw json.RawMessage) error {
	return json.NewEncoder(w).Encode(raw)
}
