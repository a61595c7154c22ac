package main

import (
	"bufio"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"strconv"

	"github.com/spf13/cobra"

	"github.com/vmira/mira/internal/screen"
)

func newModerateCmd(e *env) *cobra.Command {
	var f serverFlags
	var input, org string
	cmd := &cobra.Command{
		Use:   "moderate --input FILE.jsonl",
		Short: "Run the content filter offline over JSON lines with a text field",
		Long: `Run the content filter offline, with the server's configuration and verdicts.
Each input line is a JSON object with a "text" field (and optionally "id");
each output line is {"id","flagged","categories","category_scores"}.`,
		Args: exactArgs(0),
		RunE: func(cmd *cobra.Command, args []string) error {
			if input == "" {
				return usageError{errors.New("--input is required (a JSON Lines file, or - for standard input)")}
			}
			cfg, err := f.load(e)
			if err != nil {
				return err
			}
			set, err := screen.Build(cfg, e.getenv)
			if err != nil {
				return err
			}
			fl := set.For(org)
			if fl == nil {
				return errors.New("content filtering is switched off in the configuration (filter.enabled: false)")
			}
			var in io.Reader = e.stdin
			if input != "-" {
				file, err := os.Open(input)
				if err != nil {
					return err
				}
				defer file.Close()
				in = file
			}
			return moderate(cmd, fl, in, e.stdout)
		},
	}
	f.register(cmd.Flags(), false)
	cmd.Flags().StringVar(&input, "input", "", "JSON Lines file with a text field per line (- for stdin)")
	cmd.Flags().StringVar(&org, "org", "", "apply this organisation's policy")
	return cmd
}

func moderate(cmd *cobra.Command, fl *screen.Filter, in io.Reader, out io.Writer) error {
	sc := bufio.NewScanner(in)
	sc.Buffer(make([]byte, 64<<10), 16<<20)
	w := bufio.NewWriter(out)
	defer w.Flush()
	enc := json.NewEncoder(w)
	line := 0
	for sc.Scan() {
		line++
		if len(sc.Bytes()) == 0 {
			continue
		}
		var rec struct {
			ID   json.RawMessage `json:"id"`
			Text *string         `json:"text"`
		}
		if err := json.Unmarshal(sc.Bytes(), &rec); err != nil || rec.Text == nil {
			return fmt.Errorf("line %d: want a JSON object with a text field", line)
		}
		id := rec.ID
		if len(id) == 0 {
			id = json.RawMessage(strconv.Quote(strconv.Itoa(line)))
		}
		m := fl.Check(cmd.Context(), *rec.Text, screen.Input).Moderation()
		if err := enc.Encode(struct {
			ID             json.RawMessage    `json:"id"`
			Flagged        bool               `json:"flagged"`
			Categories     map[string]bool    `json:"categories"`
			CategoryScores map[string]float64 `json:"category_scores"`
		}{id, m.Flagged, m.Categories, m.CategoryScores}); err != nil {
			return err
		}
	}
	return sc.Err()
}
