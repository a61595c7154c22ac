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
	//go:embed harmful_en.tsv
	harmfulEN string
	//go:embed harmful_ru.tsv
	harmfulRU string
	//go:embed attacks_en.tsv
	attacksEN string
	//go:embed attacks_ru.tsv
	attacksRU string
)

// Benign returns the benign prompts written for training: Russian ones (the
// development data has almost none) and English ones that use the words
// attacks use. In the files, one prompt a line, "\\n" for a line break.
func Benign() []string {
	var out []string
	for _, f := range benignFiles() {
		out = append(out, f...)
	}
	return out
}

// benignFiles returns the benign prompts of each file.
func benignFiles() [][]string {
	var files [][]string
	for _, text := range []string{benignRU, benignEN} {
		files = append(files, Prompts(text))
	}
	return files
}

// Prompts returns the prompts of a file of written prompts, one a line,
// as the benign files and the probe sets hold them (see promptLines).
func Prompts(text string) []string {
	var out []string
	for _, l := range promptLines(text) {
		out = append(out, unescape(l.text))
	}
	return out
}

// line is one prompt line of a written file and its number, from 1.
type line struct {
	text string
	n    int
}

// promptLines returns the lines of a written file that hold a prompt:
// blank lines and comments (a line starting with "#") are left out. A
// prompt that itself starts with "#", such as a Markdown system prompt,
// is written with a backslash before it: \# Role\n...
func promptLines(text string) []line {
	var out []line
	for n, l := range strings.Split(text, "\n") {
		if l = strings.TrimSpace(l); l != "" && !strings.HasPrefix(l, "#") {
			out = append(out, line{l, n + 1})
		}
	}
	return out
}

// unescape turns a written prompt into its text: \n is a line break and
// a leading \# is "#".
func unescape(s string) string {
	if strings.HasPrefix(s, `\#`) {
		s = s[1:]
	}
	return strings.ReplaceAll(s, `\n`, "\n")
}

// Written is one harmful prompt written for training and the categories
// it is in.
type Written struct {
	Text       string
	Categories []string
	// Part is where the prompt stands in its file, from 0 to 1.
	Part float64
}

// Harmful returns the harmful prompts written for training: requests of
// every kind the filter must catch (weapons, poisoning, drugs, threats,
// hate, cards and fraud, hacking, self-harm, sexual content with minors,
// ...), in the many forms people type them, English and Russian. The
// development data asks for harm in few styles (HiveTraceRed's questions,
// AdvBench's imperatives); a model trained on them alone scored plain
// requests in other words near zero. The attacks files hold attacks on the
// model written the same way: instructions planted in e-mails, documents
// and web pages the user asks about, goal hijacking, prompt leaking and
// role-play jailbreaks. In the files, a line is the categories,
// comma-separated, a tab and the prompt.
func Harmful() ([]Written, error) {
	var out []Written
	for _, file := range []struct{ name, text string }{{"harmful_en.tsv", harmfulEN}, {"harmful_ru.tsv", harmfulRU}, {"attacks_en.tsv", attacksEN}, {"attacks_ru.tsv", attacksRU}} {
		first := len(out)
		for _, l := range promptLines(file.text) {
			cats, text, ok := strings.Cut(l.text, "\t")
			text = strings.TrimSpace(text)
			if !ok || text == "" {
				return nil, fmt.Errorf("%s:%d: want categories, a tab and the prompt", file.name, l.n)
			}
			w := Written{Text: unescape(text)}
			for _, c := range strings.Split(cats, ",") {
				if !slices.Contains(dataset.Moderation, c) && !slices.Contains(dataset.Attacks, c) {
					return nil, fmt.Errorf("%s:%d: %q is not a category", file.name, l.n, c)
				}
				w.Categories = append(w.Categories, c)
				if p, _, sub := strings.Cut(c, "/"); sub && !slices.Contains(w.Categories, p) {
					w.Categories = append(w.Categories, p) // hate/threatening is hate too
				}
			}
			out = append(out, w)
		}
		for i := first; i < len(out); i++ {
			out[i].Part = float64(i-first) / float64(len(out)-first)
		}
	}
	return out, nil
}

// Examples converts rows to training examples, adding the prompts written
// for training (WrittenExamples) when withWritten is set. Each row is
// weighted by SourceWeights.
func Examples(rows []dataset.Row, withWritten bool) []filter.Example {
	out := make([]filter.Example, 0, len(rows)+6000)
	w := SourceWeights(rows)
	for _, r := range rows {
		out = append(out, filter.Example{Text: r.Text, Targets: dataset.Targets(r), Weight: w[weightKey(r)]})
	}
	if withWritten {
		for _, x := range WrittenExamples() {
			out = append(out, x.Example)
		}
	}
	return out
}

// WrittenExample is a prompt written for training as an example.
type WrittenExample struct {
	filter.Example
	Benign bool
	// Part is where the prompt stands in its file, from 0 to 1. The files
	// grew in rounds, each of other kinds of prompt, so a range of Part
	// holds kinds the rest lacks: calibration holds out ranges, as it
	// holds out whole sources.
	Part float64
}

// WrittenExamples returns the prompts written for training (Benign and
// Harmful) as examples, in a fixed order.
func WrittenExamples() []WrittenExample {
	var out []WrittenExample
	zero := map[string]int{}
	for _, h := range Heads {
		zero[h] = 0
	}
	for _, f := range benignFiles() {
		for i, t := range f {
			out = append(out, WrittenExample{filter.Example{Text: t, Targets: zero, Weight: BenignWeight}, true, float64(i) / float64(len(f))})
		}
	}
	harmful, err := Harmful()
	if err != nil {
		panic(err) // the embedded files are checked by TestWrittenHarmful
	}
	for _, h := range harmful {
		// A written prompt says nothing of the categories it is not
		// labelled with: a threat of violence is often harassment too, and
		// a few wrap the request in "ignore your instructions".
		t := map[string]int{}
		for _, c := range append(dataset.Moderation, dataset.Attacks...) {
			t[c] = -1
		}
		for _, c := range h.Categories {
			t[c] = 1
		}
		out = append(out, WrittenExample{filter.Example{Text: h.Text, Targets: t, Weight: HarmfulWeight}, false, h.Part})
	}
	return out
}

// The weights of the written prompts.
const (
	BenignWeight  = 3
	HarmfulWeight = 1
)

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
