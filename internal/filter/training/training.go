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
// prompts (Benign) when withBenign is set. Each row is weighted by
// SourceWeights.
func Examples(rows []dataset.Row, withBenign bool) []filter.Example {
	out := make([]filter.Example, 0, len(rows)+500)
	w := SourceWeights(rows)
	for _, r := range rows {
		out = append(out, filter.Example{Text: r.Text, Targets: dataset.Targets(r), Weight: w[weightKey(r)]})
	}
	if withBenign {
		zero := map[string]int{}
		for _, h := range Heads {
			zero[h] = 0
		}
		for _, t := range Benign() {
			out = append(out, filter.Example{Text: t, Targets: zero, Weight: 3})
		}
	}
	return out
}

// SourceCap is how many rows' worth of weight one source may have in one
// language and label class (positive or negative): the Davidson tweets
// (19,816 English rows) and the RUSSE comments (15,500 Russian rows) would
// otherwise set every English and Russian bias, and teach the vocabulary of
// one forum instead of the attack.
const SourceCap = 1500

// SourceWeights returns the weight of each row of a (source, language,
// class) group: 1, or SourceCap divided by the group's size when it is
// larger.
func SourceWeights(rows []dataset.Row) map[string]float64 {
	n := map[string]int{}
	for _, r := range rows {
		n[weightKey(r)]++
	}
	w := make(map[string]float64, len(n))
	for k, c := range n {
		w[k] = min(1, float64(SourceCap)/float64(c))
	}
	return w
}

func weightKey(r dataset.Row) string {
	return fmt.Sprintf("%s|%s|%t", r.Key(), r.Lang, r.Positive())
}

// Predictor returns, for a text, whether the filter flags it as an attack
// (prompt_injection or jailbreak) and as harmful (any moderation category).
type Predictor func(text string) (attack, harmful bool)

// FilterPredictor checks inputs with f.
func FilterPredictor(f *filter.Filter) Predictor {
	return func(text string) (bool, bool) {
		v := f.Check(text)
		attack := v.Is(filter.PromptInjection) || v.Is(filter.Jailbreak)
		harmful := false
		for _, c := range filter.ModerationCategories {
			harmful = harmful || v.Is(c)
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

// Report holds counts per task, language and source. A row of task
// "injection" is predicted positive when an attack category is flagged, a
// row of task "harmful" or "toxic" when a moderation category is; a benign
// row is a negative for every task.
type Report struct {
	ByTask   map[string]*Counts // key "task"
	ByLang   map[string]*Counts // key "task lang"
	BySource map[string]*Counts // key "task source"
	// AnyOnBenign counts benign rows flagged for any category, by language.
	AnyOnBenign map[string]*Counts
}

// Tasks are the report's tasks.
var Tasks = []string{"injection", "harmful", "toxic"}

// NewReport returns an empty report.
func NewReport() *Report {
	return &Report{ByTask: map[string]*Counts{}, ByLang: map[string]*Counts{}, BySource: map[string]*Counts{}, AnyOnBenign: map[string]*Counts{}}
}

// Evaluate runs p over rows.
func Evaluate(rows []dataset.Row, p Predictor) *Report {
	r := NewReport()
	for _, row := range rows {
		attack, harmful := p(row.Text)
		r.Add(row, attack, harmful)
	}
	return r
}

// Add counts one row with its predictions.
func (r *Report) Add(row dataset.Row, attack, harmful bool) {
	get := func(m map[string]*Counts, k string) *Counts {
		if m[k] == nil {
			m[k] = &Counts{}
		}
		return m[k]
	}
	for _, task := range Tasks {
		t := row.Task()
		if t != "" && t != task {
			continue
		}
		pred := harmful
		if task == "injection" {
			pred = attack
		}
		pos := t != ""
		get(r.ByTask, task).Add(pos, pred)
		get(r.ByLang, task+" "+row.Lang).Add(pos, pred)
		get(r.BySource, task+" "+row.Key()).Add(pos, pred)
	}
	if row.Task() == "" {
		get(r.AnyOnBenign, row.Lang).Add(false, attack || harmful)
	}
}

// Print writes the report as tables.
func (r *Report) Print(w io.Writer) {
	table := func(title string, m map[string]*Counts) {
		fmt.Fprintf(w, "\n%s\n", title)
		fmt.Fprintf(w, "  %-40s %6s %6s %6s %6s %9s\n", "", "rows", "pos", "recall", "FPR", "precision")
		keys := make([]string, 0, len(m))
		for k := range m {
			keys = append(keys, k)
		}
		sort.Strings(keys)
		for _, k := range keys {
			c := m[k]
			fmt.Fprintf(w, "  %-40s %6d %6d %6s %6s %9s\n", k, c.N(), c.TP+c.FN, f3(c.Recall()), f3(c.FPR()), f3(c.Precision()))
		}
	}
	table("per task", r.ByTask)
	table("per task and language", r.ByLang)
	table("per task and source", r.BySource)
	fmt.Fprintf(w, "\n  benign rows flagged for any category, by language:")
	langs := make([]string, 0, len(r.AnyOnBenign))
	for l := range r.AnyOnBenign {
		langs = append(langs, l)
	}
	sort.Strings(langs)
	for _, l := range langs {
		c := r.AnyOnBenign[l]
		fmt.Fprintf(w, " %s %d/%d (%s)", l, c.FP, c.N(), f3(c.FPR()))
	}
	fmt.Fprintln(w)
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
		if s := r.Key(); !slices.Contains(out, s) {
			out = append(out, s)
		}
	}
	slices.Sort(out)
	return out
}
