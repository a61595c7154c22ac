// Command eval measures the content filter and the sensitive-data detectors
// on the development data and prints recall, false-positive rate and
// precision per file, language and source, and PII span precision/recall
// per type.
//
//	go run ./internal/filter/cmd/eval [-data ../shared/data/filter] [-cv 5] [-loso]
//
// The default measures the embedded model on the data it was trained on
// (an optimistic figure). -cv K trains K models, each scoring the fold it
// did not see; -loso trains one model per source without it and scores that
// source: the figure closest to how the filter does on new kinds of text.
package main

import (
	"flag"
	"fmt"
	"log"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/vmira/mira/internal/filter"
	"github.com/vmira/mira/internal/filter/dataset"
	"github.com/vmira/mira/internal/filter/training"
	"github.com/vmira/mira/internal/sensitive"
)

func main() {
	data := flag.String("data", dataset.DefaultDir, "directory with the *-dev.jsonl files")
	cv := flag.Int("cv", 0, "also run K-fold cross-validation (0: off)")
	loso := flag.Bool("loso", false, "also run leave-one-source-out")
	opt := filter.DefaultTrainOptions()
	flag.IntVar(&opt.Epochs, "epochs", opt.Epochs, "training epochs for -cv and -loso")
	flag.IntVar(&opt.NgramMin, "nmin", opt.NgramMin, "shortest character n-gram")
	flag.IntVar(&opt.NgramMax, "nmax", opt.NgramMax, "longest character n-gram")
	flag.IntVar(&opt.Bits, "bits", opt.Bits, "feature bits for -cv and -loso")
	flag.Float64Var(&opt.Rate, "rate", opt.Rate, "learning rate for -cv and -loso")
	flag.Float64Var(&opt.L2, "l2", opt.L2, "L2 penalty for -cv and -loso")
	flag.Float64Var(&opt.MaxPosWeight, "maxpos", opt.MaxPosWeight, "positive class weight cap for -cv and -loso")
	thr := flag.String("thr", "", "input thresholds to try, e.g. prompt_injection=0.7,illicit=0.6")
	quick := flag.Bool("quick", false, "skip the in-sample and PII reports")
	flag.Parse()
	log.SetFlags(0)
	for _, kv := range strings.Split(*thr, ",") {
		if k, v, ok := strings.Cut(kv, "="); ok {
			x, err := strconv.ParseFloat(v, 64)
			if err != nil {
				log.Fatalf("-thr %s: %v", kv, err)
			}
			thresholds[k] = x
		}
	}

	rows, err := dataset.LoadDir(*data)
	if err != nil {
		log.Fatalf("eval: %v (run from the repository root, or pass -data)", err)
	}
	if !*quick {
		inSample(rows, *data)
	}

	if *cv > 1 {
		crossValidate(rows, *cv, opt)
	}
	if *loso {
		leaveOneSourceOut(rows, opt)
	}
}

// crossValidate prints the K-fold cross-validation report: each row is
// scored by a model trained without it, a fairer figure than in-sample.
func crossValidate(rows []dataset.Row, cv int, opt filter.TrainOptions) {
	fmt.Printf("\n== %d-fold cross-validation (each row scored by a model that did not see it)\n", cv)
	pred := make([][2]bool, len(rows))
	for k := range cv {
		var train []dataset.Row
		var test []int
		for i, r := range rows {
			if i%cv == k {
				test = append(test, i)
			} else {
				train = append(train, r)
			}
		}
		ff := trainFilter(train, opt)
		p := training.FilterPredictor(ff)
		for _, i := range test {
			a, h := p(rows[i].Text)
			pred[i] = [2]bool{a, h}
		}
	}
	rep := training.Evaluate(rows, lookup(rows, pred))
	rep.Print(os.Stdout)
}

// leaveOneSourceOut prints recall and false-positive rate per source, each
// scored by a model trained without that source: the figure closest to how
// the filter does on new kinds of text.
func leaveOneSourceOut(rows []dataset.Row, opt filter.TrainOptions) {
	fmt.Println("\n== leave-one-source-out (each source scored by a model trained without it)")
	fmt.Printf("  %-30s %6s %8s %8s\n", "source", "rows", "recall", "FPR")
	for _, src := range training.Sources(rows) {
		var train, test []dataset.Row
		for _, r := range rows {
			if dataset.SourceName(r.Source) == src {
				test = append(test, r)
			} else {
				train = append(train, r)
			}
		}
		ff := trainFilter(train, opt)
		rep := training.Evaluate(test, training.FilterPredictor(ff))
		var all training.Counts
		for _, c := range rep.ByFile {
			all.TP += c.TP
			all.FP += c.FP
			all.TN += c.TN
			all.FN += c.FN
		}
		fmt.Printf("  %-30s %6d %8s %8s\n", src, all.N(), f3(all.Recall()), f3(all.FPR()))
	}
}

// thresholds overrides the default input thresholds (-thr).
var thresholds = map[string]float64{}

func config(m *filter.Model) filter.Config {
	cfg := filter.DefaultConfig()
	cfg.Model = m
	cfg.InputThresholds = thresholds
	return cfg
}

func inSample(rows []dataset.Row, data string) {
	f, err := filter.New(config(nil))
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println("== embedded model on the development data (in-sample)")
	start := time.Now()
	training.Evaluate(rows, training.FilterPredictor(f)).Print(os.Stdout)
	fmt.Printf("  (%d rows in %s)\n", len(rows), time.Since(start).Round(time.Millisecond))

	fmt.Println("\n== benign Russian prompts written for testing (internal/filter/testdata/benign_ru.txt)")
	if b, err := os.ReadFile("internal/filter/testdata/benign_ru.txt"); err == nil {
		n, flagged := 0, 0
		for _, t := range splitLines(string(b)) {
			n++
			if v := f.Check(t); v.Flagged {
				flagged++
				fmt.Printf("  flagged %v: %s\n", v.FlaggedCategories, t)
			}
		}
		fmt.Printf("  %d of %d flagged\n", flagged, n)
	}

	piiEval(data)
}

func lookup(rows []dataset.Row, pred [][2]bool) training.Predictor {
	byText := map[string][2]bool{}
	for i, r := range rows {
		byText[r.Text] = pred[i]
	}
	return func(text string) (bool, bool) {
		p := byText[text]
		return p[0], p[1]
	}
}

func trainFilter(rows []dataset.Row, opt filter.TrainOptions) *filter.Filter {
	m := filter.Train(training.Examples(rows, true), training.Heads, opt)
	f, err := filter.New(config(m))
	if err != nil {
		log.Fatal(err)
	}
	return f
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

func splitLines(s string) []string {
	var out []string
	start := 0
	for i := 0; i <= len(s); i++ {
		if i == len(s) || s[i] == '\n' {
			l := s[start:i]
			start = i + 1
			if len(l) > 0 && l[0] != '#' {
				out = append(out, l)
			}
		}
	}
	return out
}

func f3(v float64) string {
	if v != v {
		return "-"
	}
	return fmt.Sprintf("%.3f", v)
}
