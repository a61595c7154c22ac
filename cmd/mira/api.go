package main

import (
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"strings"
	"text/tabwriter"
	"time"

	"github.com/spf13/cobra"

	"github.com/vmira/mira/client"
	"github.com/vmira/mira/internal/cliauth"
	"github.com/vmira/mira/internal/credstore"
)

// baseClientOptions are the server and trust settings every client command
// uses: MIRA_BASE_URL (default https://localhost:8443) and MIRA_CA_CERT.
// There is deliberately no way to skip certificate checks.
func baseClientOptions(e *env) []client.Option {
	base := e.getenv("MIRA_BASE_URL")
	if base == "" {
		base = client.DefaultBaseURL
	}
	opts := []client.Option{client.WithBaseURL(base), client.WithUserAgent("mira-cli")}
	if ca := e.getenv("MIRA_CA_CERT"); ca != "" {
		opts = append(opts, client.WithCAFile(ca))
	}
	return opts
}

// newAuth returns the stored-login helper for the configured server.
func newAuth(e *env) (*cliauth.Auth, error) {
	c, err := client.New(baseClientOptions(e)...)
	if err != nil {
		return nil, err
	}
	cfg := cliauth.Config{Client: c, Getenv: e.getenv, StoreOptions: credstore.Options{Getenv: e.getenv}}
	if e.getenv("MIRA_DEBUG") != "" {
		cfg.Debug = e.stderr
	}
	return cliauth.New(cfg)
}

// newClient builds the API client. Credentials: MIRA_API_KEY, else
// MIRA_TOKEN, else the stored login (refreshed automatically).
func newClient(e *env, opts ...client.Option) (*client.Client, error) {
	// A wait before a retry (a 429's Retry-After) counts down on a
	// terminal; commands may replace this with their own WithOnRetry.
	all := append(baseClientOptions(e), client.WithOnRetry(func(_ int, wait time.Duration, _ error) {
		startSpinner(e, "waiting to retry", time.Now().Add(wait))
	}))
	if key := e.getenv("MIRA_API_KEY"); key != "" {
		all = append(all, client.WithAPIKey(key))
	} else {
		auth, err := newAuth(e)
		if err != nil {
			return nil, err
		}
		all = append(all, client.WithBearerFunc(auth.Token))
	}
	return client.New(append(all, opts...)...)
}

func newModelsCmd(e *env) *cobra.Command {
	var asJSON bool
	cmd := &cobra.Command{
		Use:   "models",
		Short: "List the models your key may use and the endpoints serving each",
		Args:  exactArgs(0),
		RunE: func(cmd *cobra.Command, args []string) error {
			c, err := newClient(e)
			if err != nil {
				return err
			}
			models, err := c.Models(cmd.Context())
			if err != nil {
				return err
			}
			if asJSON {
				return json.NewEncoder(e.stdout).Encode(models)
			}
			tw := tabwriter.NewWriter(e.stdout, 0, 4, 2, ' ', 0)
			fmt.Fprintln(tw, "MODEL\tOWNED BY\tENDPOINTS")
			for _, m := range models {
				fmt.Fprintf(tw, "%s\t%s\t%s\n", m.ID, m.OwnedBy, strings.Join(m.Endpoints, ","))
			}
			return tw.Flush()
		},
	}
	cmd.Flags().BoolVar(&asJSON, "json", false, "print JSON")
	return cmd
}

func newChatCmd(e *env) *cobra.Command {
	var model, system string
	var maxTokens int
	cmd := &cobra.Command{
		Use:   "chat [--model M] [PROMPT]",
		Short: "Send a prompt and stream the answer (reads stdin when PROMPT is absent)",
		Args:  maxArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			prompt := ""
			if len(args) == 1 {
				prompt = args[0]
			} else {
				b, err := io.ReadAll(io.LimitReader(e.stdin, 4<<20))
				if err != nil {
					return err
				}
				prompt = string(b)
			}
			if strings.TrimSpace(prompt) == "" {
				return usageError{errors.New("no prompt: give it as an argument or on standard input")}
			}
			c, err := newClient(e, client.WithOnRetry(func(attempt int, wait time.Duration, err error) {
				fmt.Fprintf(e.stderr, "mira: %v; retrying in %.1fs (attempt %d)\n", err, wait.Seconds(), attempt)
				startSpinner(e, "waiting to retry", time.Now().Add(wait))
			}))
			if err != nil {
				return err
			}
			req := client.ChatRequest{Model: model, MaxTokens: maxTokens}
			if system != "" {
				req.Messages = append(req.Messages, client.Message{Role: "system", Content: system})
			}
			req.Messages = append(req.Messages, client.Message{Role: "user", Content: prompt})
			st, err := c.ChatCompletionStream(cmd.Context(), req)
			if err != nil {
				return err
			}
			defer st.Close()
			finish := ""
			var calls toolCalls
			wrote := false
			for st.Next() {
				for _, ch := range st.Chunk().Choices {
					io.WriteString(e.stdout, ch.Delta.Content)
					wrote = wrote || ch.Delta.Content != ""
					calls.add(ch.Delta.ToolCalls)
					if ch.FinishReason != "" {
						finish = ch.FinishReason
					}
				}
			}
			if wrote || len(calls.calls) == 0 {
				fmt.Fprintln(e.stdout)
			}
			calls.print(e)
			if err := st.Err(); err != nil {
				return err
			}
			switch finish {
			case "content_filter":
				return errors.New("the answer was stopped by the content filter")
			case "length":
				fmt.Fprintln(e.stderr, "mira: the answer was cut at the token limit")
			}
			return nil
		},
	}
	cmd.Flags().StringVar(&model, "model", "mira-echo", "model to use (see `mira models`)")
	cmd.Flags().StringVar(&system, "system", "", "system message")
	cmd.Flags().IntVar(&maxTokens, "max-tokens", 0, "upper bound on the answer's tokens")
	return cmd
}

// toolCall is a function call the model asked for, assembled from the
// stream's deltas: the name comes once, the arguments in pieces.
type toolCall struct {
	ID, Type, Name string
	Arguments      strings.Builder
}

// toolCalls collects a streamed answer's tool calls by index.
type toolCalls struct{ calls []*toolCall }

func (tc *toolCalls) add(raw json.RawMessage) {
	if len(raw) == 0 {
		return
	}
	var deltas []struct {
		Index    int    `json:"index"`
		ID       string `json:"id"`
		Type     string `json:"type"`
		Function struct {
			Name      string `json:"name"`
			Arguments string `json:"arguments"`
		} `json:"function"`
	}
	if json.Unmarshal(raw, &deltas) != nil {
		return
	}
	for _, d := range deltas {
		if d.Index < 0 || d.Index > 127 {
			continue
		}
		for len(tc.calls) <= d.Index {
			tc.calls = append(tc.calls, &toolCall{})
		}
		c := tc.calls[d.Index]
		if d.ID != "" {
			c.ID = d.ID
		}
		if d.Type != "" {
			c.Type = d.Type
		}
		if d.Function.Name != "" {
			c.Name = d.Function.Name
		}
		c.Arguments.WriteString(d.Function.Arguments)
	}
}

// print shows the calls on standard output, one a line, and says on
// standard error that the answer is a tool call that mira chat does not run.
func (tc *toolCalls) print(e *env) {
	if len(tc.calls) == 0 {
		return
	}
	for _, c := range tc.calls {
		fmt.Fprintf(e.stdout, "tool call: %s(%s)\n", c.Name, c.Arguments.String())
	}
	fmt.Fprintf(e.stderr, "mira: the model answered with %d tool call(s) (shown above); mira chat does not run tools\n", len(tc.calls))
}
