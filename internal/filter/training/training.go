// Package training turns the development data into training examples for
// the filter's classifier and measures a filter on labelled data: what
// `go run ./internal/filter/cmd/train` and `.../cmd/eval` share.
package training

import (
	_ "embed"
	"fmt"
	"io"
	"slices"
	"sort"
	"strings"

	"github.com/vmira/mira/internal/filter"
	"github.com/vmira/mira/internal/filter/dataset"
)

// Heads are the categories with a learnt model. harassment/threatening and
// self-harm/intent|instructions have no labels in the data; the filter
// scores them from their parents and the rules.
var Heads = []string{
	filter.PromptInjection, filter.Jailbreak,
	filter.Harassment, filter.Hate, filter.HateThreat, filter.Illicit, filter.IllicitViolent,
	filter.SelfHarm, filter.Sexual, filter.SexualMinors, filter.Violence, filter.ViolenceGraphic,
}

var (
	//go:embed benign_ru.txt
	benignRU string
	//go:embed benign_en.txt
	benignEN string
)

// Benign returns the benign prompts written for training: Russian ones (the
// development data has almost none) and English ones that use the words
// attacks use. In the files, one prompt a line, "\\n" for a line break.
func Benign() []string {
	var out []string
	for _, l := range strings.Split(benignRU+"\n"+benignEN, "\n") {
		if l = strings.TrimSpace(l); l != "" && !strings.HasPrefix(l, "#") {
			out = append(out, strings.ReplaceAll(l, `\n`, "\n"))
		}
	}
	return out
}

// Examples converts rows to training examples, adding the written benign
// prompts (Benign) when withBenign is set.
func Examples(rows []dataset.Row, withBenign bool) []filter.Example {
	out := make([]filter.Example, 0, len(rows)+500)
	for _, r := range rows {
		out = append(out, filter.Example{Text: r.Text, Targets: dataset.Targets(r), Weight: weight(r)})
	}
	if withBenign {
		zero := map[string]int{}
		for _, h := range Heads {
			zero[h] = 0
		}
		for _, t := range Benign() {
			out = append(out, filter.Example{Text: t, Targets: zero, Weight: 2})
		}
	}
	return out
}

// weight evens out the sources a little: the Davidson tweets are 19,816 of
// 24,221 rows and would otherwise set every bias.
func weight(r dataset.Row) float64 {
	if dataset.SourceName(r.Source) == "davidson" {
		return 0.5
	}
	return 1
}

// Predictor returns, for a text, whether the filter flags it as an attack
// (prompt_injection or jailbreak) and as harmful (any moderation category).
type Predictor func(text string) (attack, harmful bool)

// FilterPredictor checks inputs with f.
func FilterPredictor(f *filter.Filter) Predictor {
	return func(text string) (bool, bool) {
		v := f.Check(text)
		attack := v.Categories[filter.PromptInjection] || v.Categories[filter.Jailbreak]
		harmful := false
		for _, c := range filter.ModerationCategories {
			harmful = harmful || v.Categories[c]
		}
		return attack, harmful
	}
}

// Counts are binary classification counts.
type Counts struct{ TP, FP, TN, FN int }

func (c *Counts) Add(positive, predicted bool) {
	switch {
	case positive && predicted:
		c.TP++
	case positive:
		c.FN++
	case predicted:
		c.FP++
	default:
		c.TN++
	}
}

// Recall, FPR and Precision; NaN when undefined.
func (c Counts) Recall() float64    { return div(c.TP, c.TP+c.FN) }
func (c Counts) FPR() float64       { return div(c.FP, c.FP+c.TN) }
func (c Counts) Precision() float64 { return div(c.TP, c.TP+c.FP) }
func (c Counts) N() int             { return c.TP + c.FP + c.TN + c.FN }

func div(a, b int) float64 {
	if b == 0 {
		return nan
	}
	return float64(a) / float64(b)
}

var nan = func() float64 { var z float64; return z / z }()

// Report holds counts per file, language and source. For the injection
// file a row is predicted positive when an attack category is flagged; for
// the harmful file, when a moderation category is.
type Report struct {
	ByFile   map[string]*Counts
	ByLang   map[string]*Counts // key "file lang"
	BySource map[string]*Counts // key "file source"
	// AnyOnBenign counts benign injection-file rows flagged for any category.
	AnyOnBenign Counts
}

// Evaluate runs p over rows.
func Evaluate(rows []dataset.Row, p Predictor) *Report {
	r := &Report{ByFile: map[string]*Counts{}, ByLang: map[string]*Counts{}, BySource: map[string]*Counts{}}
	get := func(m map[string]*Counts, k string) *Counts {
		if m[k] == nil {
			m[k] = &Counts{}
		}
		return m[k]
	}
	for _, row := range rows {
		attack, harmful := p(row.Text)
		pred := harmful
		if row.File == dataset.InjectionFile {
			pred = attack
			if !row.Positive() {
				r.AnyOnBenign.Add(false, attack || harmful)
			}
		}
		pos := row.Positive()
		get(r.ByFile, row.File).Add(pos, pred)
		get(r.ByLang, row.File+" "+row.Lang).Add(pos, pred)
		get(r.BySource, row.File+" "+dataset.SourceName(row.Source)).Add(pos, pred)
	}
	return r
}

// Print writes the report as tables.
func (r *Report) Print(w io.Writer) {
	table := func(title string, m map[string]*Counts) {
		fmt.Fprintf(w, "\n%s\n", title)
		fmt.Fprintf(w, "  %-58s %6s %6s %6s %6s %9s\n", "", "rows", "pos", "recall", "FPR", "precision")
		keys := make([]string, 0, len(m))
		for k := range m {
			keys = append(keys, k)
		}
		sort.Slice(keys, func(i, j int) bool {
			if m[keys[i]].N() != m[keys[j]].N() && !strings.HasPrefix(title, "per file") {
				fi, fj := strings.Fields(keys[i])[0], strings.Fields(keys[j])[0]
				if fi != fj {
					return fi < fj
				}
				return m[keys[i]].N() > m[keys[j]].N()
			}
			return keys[i] < keys[j]
		})
		for _, k := range keys {
			c := m[k]
			fmt.Fprintf(w, "  %-58s %6d %6d %6s %6s %9s\n", k, c.N(), c.TP+c.FN, f3(c.Recall()), f3(c.FPR()), f3(c.Precision()))
		}
	}
	table("per file", r.ByFile)
	table("per file and language", r.ByLang)
	table("per file and source", r.BySource)
	fmt.Fprintf(w, "\n  benign injection-file rows flagged for any category: %d of %d (%s)\n",
		r.AnyOnBenign.FP, r.AnyOnBenign.N(), f3(r.AnyOnBenign.FPR()))
}

func f3(v float64) string {
	if v != v {
		return "-"
	}
	return fmt.Sprintf("%.3f", v)
}

// Sources returns the distinct sources of rows, sorted.
func Sources(rows []dataset.Row) []string {
	var out []string
	for _, r := range rows {
		if s := dataset.SourceName(r.Source); !slices.Contains(out, s) {
			out = append(out, s)
		}
	}
	slices.Sort(out)
	return out
}
