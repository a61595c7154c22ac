// Command eval measures the content filter and the sensitive-data detectors
// and prints recall, false-positive rate and precision per task, language
// and source, the calibrated operating points, the speed of the local
// stages, and PII span precision/recall per type.
//
//	go run ./internal/filter/cmd/eval [-data ../shared/data/filter] [-cv 5] [-loso] [-fpr 0.009] [-attackfpr 0.03] [-writtenfpr 0.01] [-writtenattackfpr 0.05] [-calfolds 3] [-russe] [-probe dir]
//
// The data is the development set plus the extra training data (EXTRA.md);
// the RUSSE detox set is scored as a held-out source and trained on only
// with -russe (its licence: see cmd/train). The default report is the
// embedded model on that data (in-sample: optimistic) and on the benign
// prompts written for tests (testdata/, never trained on). -cv K trains K
// models, each scoring the fold it did not see; -loso trains, for each
// source, a model without it (and calibrates its thresholds without it)
// and scores that source: the figure closest to how the filter does on new
// kinds of text, and the one the targets are set on. Every run also scores
// the probe sets (testdata/probe): prompts written for Mira by writers who
// saw neither the rules nor the data.
package main

import (
	"flag"
	"fmt"
	"log"
	"os"
	"path/filepath"
	"slices"
	"sort"
	"strings"
	"syscall"
	"time"

	"github.com/vmira/mira/internal/filter"
	"github.com/vmira/mira/internal/filter/dataset"
	"github.com/vmira/mira/internal/filter/training"
	"github.com/vmira/mira/internal/sensitive"
)

// options are the evaluation's settings.
type options struct {
	train filter.TrainOptions
	rates training.Rates
	folds int // calibration folds of whole sources
}

func main() {
	data := flag.String("data", dataset.DefaultDir, "directory with the development and extra data")
	cv := flag.Int("cv", 0, "also run K-fold cross-validation (0: off)")
	loso := flag.Bool("loso", false, "also run leave-one-source-out")
	russe := flag.Bool("russe", false, "train on the RUSSE detox set too (else it is only scored)")
	quick := flag.Bool("quick", false, "skip the in-sample and PII reports")
	only := flag.String("sources", "", "with -loso, leave out only the sources whose key contains one of these comma-separated strings")
	probeSets := flag.String("probe", probeDir, "directory of the probe sets")
	var o options
	o.train = filter.DefaultTrainOptions()
	o.rates = training.DefaultRates
	flag.Float64Var(&o.rates.Moderation, "fpr", o.rates.Moderation, "false-positive rate per moderation category for calibration")
	flag.Float64Var(&o.rates.Attack, "attackfpr", o.rates.Attack, "false-positive rate of prompt_injection and of jailbreak for calibration")
	flag.Float64Var(&o.rates.Written, "writtenfpr", o.rates.Written, "false-positive rate per category on the held-out written benign prompts")
	flag.Float64Var(&o.rates.WrittenAttack, "writtenattackfpr", o.rates.WrittenAttack, "false-positive rate of prompt_injection and jailbreak on the held-out written benign prompts")
	flag.IntVar(&o.folds, "calfolds", training.DefaultFolds, "folds of whole sources for calibration (at least 2)")
	flag.IntVar(&o.train.Epochs, "epochs", o.train.Epochs, "training epochs for -cv and -loso")
	flag.IntVar(&o.train.Bits, "bits", o.train.Bits, "feature bits for -cv and -loso")
	flag.Float64Var(&o.train.Rate, "rate", o.train.Rate, "learning rate for -cv and -loso")
	flag.Float64Var(&o.train.L2, "l2", o.train.L2, "L2 penalty for -cv and -loso")
	flag.IntVar(&o.train.Orders, "orders", o.train.Orders, "shuffled orders averaged into each model for -cv and -loso")
	flag.Parse()
	log.SetFlags(0)

	rows, err := dataset.LoadAll(*data, *russe)
	if err != nil {
		log.Fatalf("eval: %v (run from the repository root, or pass -data)", err)
	}
	var heldOut []dataset.Row // scored, never trained on
	if !*russe {
		if heldOut, err = dataset.Load(filepath.Join(*data, dataset.RusseFile)); err != nil {
			log.Printf("eval: %v: RUSSE not scored", err)
		}
	}
	if !*quick {
		inSample(append(rows[:len(rows):len(rows)], heldOut...), *data)
	}
	probe(*probeSets)
	if *cv > 1 || *loso {
		// The operating points of a model trained on all the data, as
		// cmd/train chooses them; each -cv and -loso model is calibrated
		// the same way on its own training rows.
		_, ops := training.Calibrate(rows, training.WrittenExamples(), o.train, o.rates, o.folds)
		training.PrintOperatingPoints(os.Stdout, rows, ops, o.rates, o.folds)
	}
	if *cv > 1 {
		crossValidate(rows, *cv, o)
	}
	if *loso {
		leaveOneSourceOut(rows, heldOut, o, *only)
	}
}

// crossValidate prints the K-fold cross-validation report: each row is
// scored by a model trained without it, with thresholds calibrated on folds
// of whole sources of that model's training rows.
func crossValidate(rows []dataset.Row, cv int, o options) {
	fmt.Printf("\n== %d-fold cross-validation (each row scored by a model that did not see it)\n", cv)
	rep := training.NewReport()
	for k := range cv {
		var train, test []dataset.Row
		for i, r := range rows {
			if i%cv == k {
				test = append(test, r)
			} else {
				train = append(train, r)
			}
		}
		score(rep, test, trainFilter(train, o))
	}
	rep.Print(os.Stdout)
}

// leaveOneSourceOut scores each source with a model trained, and
// calibrated, without it, and prints the pooled report per task, language
// and source, then the targets of issue 14.
func leaveOneSourceOut(rows, heldOut []dataset.Row, o options, only string) {
	fmt.Println("\n== leave-one-source-out (each source scored by a model trained and calibrated without it)")
	rep := training.NewReport()
	for _, src := range training.Sources(rows) {
		if only != "" && !slices.ContainsFunc(strings.Split(only, ","), func(s string) bool { return strings.Contains(src, s) }) {
			continue
		}
		var train, test []dataset.Row
		for _, r := range rows {
			if r.Key() == src {
				test = append(test, r)
			} else {
				train = append(train, r)
			}
		}
		start := time.Now()
		score(rep, test, trainFilter(train, o))
		log.Printf("  loso %-28s %6d rows  %s", src, len(test), time.Since(start).Round(time.Second))
	}
	if len(heldOut) > 0 && only == "" {
		score(rep, heldOut, trainFilter(rows, o))
	}
	rep.Print(os.Stdout)
	printTargets(rep)
}

// printTargets compares the leave-one-source-out figures with the targets.
func printTargets(rep *training.Report) {
	fmt.Println("\n== targets (leave-one-source-out, per language)")
	check := func(name, key string, get func(training.Counts) float64, ok func(float64) bool) {
		c, found := rep.ByLang[key]
		if strings.HasPrefix(key, "any ") {
			c, found = rep.AnyOnBenign[strings.TrimPrefix(key, "any ")]
		}
		if !found {
			fmt.Printf("  %-44s %8s  (no rows)\n", name, "-")
			return
		}
		v := get(*c)
		verdict := "MISSED"
		if ok(v) {
			verdict = "met"
		}
		fmt.Printf("  %-44s %8s  %s\n", name, f3(v), verdict)
	}
	recall := func(c training.Counts) float64 { return c.Recall() }
	fpr := func(c training.Counts) float64 { return c.FPR() }
	atLeast := func(t float64) func(float64) bool { return func(v float64) bool { return v >= t } }
	atMost := func(t float64) func(float64) bool { return func(v float64) bool { return v <= t } }
	check("injection recall en >= 0.85", "injection en", recall, atLeast(0.85))
	check("injection recall ru >= 0.85", "injection ru", recall, atLeast(0.85))
	check("harmful recall en >= 0.70", "harmful en", recall, atLeast(0.70))
	check("harmful recall ru >= 0.95", "harmful ru", recall, atLeast(0.95))
	check("injection FPR en <= 0.05", "injection en", fpr, atMost(0.05))
	check("harmful FPR en <= 0.05", "harmful en", fpr, atMost(0.05))
	check("toxic recall en (no target)", "toxic en", recall, atLeast(0))
	check("toxic recall ru (no target)", "toxic ru", recall, atLeast(0))
	check("benign ru flagged for any category <= 0.03", "any ru", fpr, atMost(0.03))
	check("benign en flagged for any category <= 0.05", "any en", fpr, atMost(0.05))
}

// score adds f's predictions for rows to rep.
func score(rep *training.Report, rows []dataset.Row, f *filter.Filter) {
	p := training.FilterPredictor(f)
	for _, r := range rows {
		a, h := p(r.Text)
		rep.Add(r, a, h)
	}
}

// trainFilter trains a model on rows, calibrated on folds of their whole
// sources, as cmd/train does.
func trainFilter(rows []dataset.Row, o options) *filter.Filter {
	thr, _ := training.Calibrate(rows, training.WrittenExamples(), o.train, o.rates, o.folds)
	m := filter.Train(training.Examples(rows, true), training.Heads, o.train)
	m.Thresholds = thr
	cfg := filter.DefaultConfig()
	cfg.Model = m
	f, err := filter.New(cfg)
	if err != nil {
		log.Fatal(err)
	}
	return f
}

func inSample(rows []dataset.Row, data string) {
	f, err := filter.New(filter.DefaultConfig())
	if err != nil {
		log.Fatal(err)
	}
	m, _ := filter.EmbeddedModel()
	fmt.Println("== embedded model's thresholds (calibrated by cmd/train; see its output for how)")
	for _, sc := range filter.Scripts {
		var parts []string
		for _, c := range filter.Categories {
			if v, ok := m.Thresholds[sc][c]; ok {
				parts = append(parts, fmt.Sprintf("%s=%.3f", c, v))
			}
		}
		fmt.Printf("  %s: %s\n", sc, strings.Join(parts, " "))
	}
	fmt.Println("\n== embedded model on the development and extra data (in-sample; RUSSE held out)")
	start := time.Now()
	rep := training.Evaluate(rows, training.FilterPredictor(f))
	rep.Print(os.Stdout)
	fmt.Printf("  (%d rows in %s)\n", len(rows), time.Since(start).Round(time.Millisecond))

	for _, name := range []string{"benign_ru.txt", "benign_forms.txt"} {
		fmt.Printf("\n== benign prompts written for tests (internal/filter/testdata/%s, never trained on)\n", name)
		b, err := os.ReadFile(filepath.Join("internal/filter/testdata", name))
		if err != nil {
			fmt.Printf("  %v\n", err)
			continue
		}
		n, flagged := 0, 0
		for _, t := range training.Prompts(string(b)) {
			n++
			if v := f.Check(t); v.Flagged {
				flagged++
				fmt.Printf("  flagged %v: %s\n", v.FlaggedCategories, t)
			}
		}
		fmt.Printf("  %d of %d flagged\n", flagged, n)
	}
	speed(f, rows)
	piiEval(data)
}

// probeDir holds the probe sets: prompts written for Mira, in sets by
// writers who saw neither the filter's rules nor the data, one prompt a
// line, in files named <lang>_<harmful|benign|attack>.txt.
const probeDir = "internal/filter/testdata/probe"

// probe prints how the embedded filter does on the probe sets: the share
// of harmful prompts flagged for a moderation category (prompt injection
// does not count), of attacks flagged as prompt injection or jailbreak (a
// moderation category does not count) and of benign prompts flagged for
// any. The sets are
// never trained on and are not for tuning rules: they stand in for the
// held-out sets from other sources that judge the filter, and a rule
// written to pass one of their lines makes them worthless for that.
func probe(dir string) {
	f, err := filter.New(filter.DefaultConfig())
	if err != nil {
		log.Fatal(err)
	}
	predict := training.FilterPredictor(f)
	sets, err := os.ReadDir(dir)
	if err != nil {
		fmt.Printf("\n== probe sets: %v\n", err)
		return
	}
	fmt.Printf("\n== probe sets (%s; written for Mira without sight of the rules or data; embedded model)\n", dir)
	for _, set := range sets {
		files, _ := filepath.Glob(filepath.Join(dir, set.Name(), "*.txt"))
		for _, file := range files {
			b, err := os.ReadFile(file)
			if err != nil {
				log.Fatal(err)
			}
			name := strings.TrimSuffix(filepath.Base(file), ".txt")
			harmful, attacks := strings.HasSuffix(name, "_harmful"), strings.HasSuffix(name, "_attack")
			n, flagged := 0, 0
			for _, t := range training.Prompts(string(b)) {
				n++
				attack, moderation := predict(t)
				if moderation && !attacks || attack && !harmful {
					flagged++
				}
			}
			what := "benign flagged for any category"
			switch {
			case harmful:
				what = "harmful flagged (recall)      "
			case attacks:
				what = "attack flagged (recall)       "
			}
			fmt.Printf("  %-6s %-12s %s %4d/%4d  %.3f\n", set.Name(), name, what, flagged, n, float64(flagged)/float64(max(n, 1)))
		}
	}
}

// speed prints the local stages' time per kilobyte over the rows' texts:
// wall time, and CPU time, which on a shared machine leaves out the other
// processes' turns.
func speed(f *filter.Filter, rows []dataset.Row) {
	var bytes int
	start, cpu0 := time.Now(), cpuTime()
	for _, r := range rows {
		f.Check(r.Text)
		bytes += len(r.Text)
	}
	wall, cpu := time.Since(start), cpuTime()-cpu0
	kb := float64(bytes) / 1024
	fmt.Printf("\n== speed: %d texts, %.1f MB: %.3f ms per KB of CPU time, %.3f wall (one goroutine; see also go test -bench Check ./internal/filter)\n",
		len(rows), float64(bytes)/1e6, cpu.Seconds()*1e3/kb, wall.Seconds()*1e3/kb)
}

// cpuTime is the process's user and system CPU time.
func cpuTime() time.Duration {
	var ru syscall.Rusage
	syscall.Getrusage(syscall.RUSAGE_SELF, &ru)
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

func piiEval(dir string) {
	rows, err := dataset.Load(filepath.Join(dir, dataset.PIIFile))
	if err != nil {
		fmt.Printf("\n== PII: %v\n", err)
		return
	}
	scores := dataset.ScorePII(rows, func(s string) []dataset.Detected {
		var out []dataset.Detected
		for _, f := range sensitive.Detect(s) {
			out = append(out, dataset.Detected{Type: f.Type, Start: f.Start, End: f.End})
		}
		return out
	})
	fmt.Printf("\n== PII spans (%s, exact match)\n", dataset.PIIFile)
	fmt.Printf("  %-12s %5s %5s %5s %9s %6s %6s\n", "type", "TP", "FP", "FN", "precision", "recall", "F1")
	var types []string
	for t := range scores {
		types = append(types, t)
	}
	sort.Strings(types)
	for _, t := range types {
		c := scores[t]
		fmt.Printf("  %-12s %5d %5d %5d %9.3f %6.3f %6.3f\n", t, c.TP, c.FP, c.FN, c.Precision(), c.Recall(), c.F1())
	}
	// Findings of types the data does not label, for a sense of noise.
	other := map[string]int{}
	for _, r := range rows {
		for _, f := range sensitive.Detect(r.Text) {
			if _, ok := scores[f.Type]; !ok {
				other[f.Type]++
			}
		}
	}
	if len(other) > 0 {
		fmt.Printf("  other findings (no labels in the data): %v\n", other)
	}
}

func f3(v float64) string {
	if v != v {
		return "-"
	}
	return fmt.Sprintf("%.3f", v)
}
