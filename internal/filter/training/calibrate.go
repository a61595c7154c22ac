package training

import (
	"fmt"
	"io"
	"slices"

	"github.com/vmira/mira/internal/filter"
	"github.com/vmira/mira/internal/filter/dataset"
)

// Calibration: thresholds per script and category, chosen on a validation
// fold at a stated false-positive rate on benign rows.

// Threshold bounds: calibration only raises a threshold above the default
// 0.5, never lowers it, because the validation fold's benign rows come from
// the sources the model was trained on and score lower than text from new
// sources does (leave-one-source-out showed thresholds of 0.3 flagging a
// quarter of unseen benign prompts); above MaxThreshold the strong rules
// (score 0.85 and up) would no longer decide alone.
const (
	MinThreshold = filter.DefaultThreshold
	MaxThreshold = 0.85
	// minNegatives is the fewest benign validation rows of a script from
	// which a threshold is chosen; with fewer the default stays.
	minNegatives = 100
	// DefaultFPR is the false-positive rate each category is calibrated
	// to on the validation fold's benign rows.
	DefaultFPR = 0.01
)

// validation reports whether row i is in the validation fold (one in five).
func validation(i int) bool { return i%5 == 0 }

// Operating point is one calibrated threshold and what it gives on the
// validation fold.
type OperatingPoint struct {
	Script, Category string
	Threshold        float64
	Negatives        int     // benign validation rows of the script
	FPR              float64 // on them
	Clamped          bool    // the FPR target asked for a value outside the bounds
}

// Calibrate trains a model on the rows outside the validation fold, scores
// the fold's benign rows and returns, per script and category, the lowest
// threshold at which at most fpr of them reach it, within [MinThreshold,
// MaxThreshold], with the operating points for the report.
func Calibrate(rows []dataset.Row, opt filter.TrainOptions, fpr float64) (map[string]map[string]float64, []OperatingPoint) {
	var train, val []dataset.Row
	for i, r := range rows {
		if validation(i) {
			val = append(val, r)
		} else {
			train = append(train, r)
		}
	}
	m := filter.Train(Examples(train, true), Heads, opt)
	cfg := filter.DefaultConfig()
	cfg.Model = m
	f, err := filter.New(cfg)
	if err != nil {
		panic(err) // the default configuration is valid
	}
	neg := map[string]map[string][]float64{} // script -> category -> scores
	for _, r := range val {
		if r.Task() != "" {
			continue
		}
		sc := filter.ScriptOf(r.Text)
		if neg[sc] == nil {
			neg[sc] = map[string][]float64{}
		}
		v := f.Check(r.Text)
		for _, c := range filter.Categories {
			neg[sc][c] = append(neg[sc][c], v.Score(c))
		}
	}
	thr := map[string]map[string]float64{}
	var ops []OperatingPoint
	for _, sc := range filter.Scripts {
		for _, c := range filter.Categories {
			s := neg[sc][c]
			if len(s) < minNegatives {
				continue
			}
			op := pick(s, fpr)
			op.Script, op.Category = sc, c
			ops = append(ops, op)
			if thr[sc] == nil {
				thr[sc] = map[string]float64{}
			}
			thr[sc][c] = op.Threshold
		}
	}
	return thr, ops
}

// pick returns the lowest threshold that at most fpr of the scores reach.
func pick(scores []float64, fpr float64) OperatingPoint {
	s := slices.Clone(scores)
	slices.Sort(s)
	slices.Reverse(s)
	k := int(fpr * float64(len(s))) // scores allowed at or above
	t := MinThreshold
	if k < len(s) {
		t = s[k] + 1e-4 // just above the (k+1)-th highest
	}
	op := OperatingPoint{Negatives: len(s)}
	if t > MaxThreshold {
		t, op.Clamped = MaxThreshold, true
	}
	t = max(t, MinThreshold)
	op.Threshold = float64(int(t*1e4+0.5)) / 1e4
	n := 0
	for _, x := range s {
		if x >= op.Threshold {
			n++
		}
	}
	op.FPR = float64(n) / float64(len(s))
	return op
}

// PrintOperatingPoints writes the calibrated thresholds and how they were
// found.
func PrintOperatingPoints(w io.Writer, ops []OperatingPoint, fpr float64) {
	fmt.Fprintf(w, "\n== calibrated thresholds (validation fold: every fifth row; model trained on the other four fifths;\n"+
		"   per script and category, the lowest threshold at which <= %.3f of the fold's benign rows score, within [%.2f, %.2f])\n", fpr, MinThreshold, MaxThreshold)
	fmt.Fprintf(w, "  %-9s %-24s %9s %9s %9s\n", "script", "category", "threshold", "negatives", "FPR")
	for _, op := range ops {
		note := ""
		if op.Clamped {
			note = " (capped: the FPR target needs more)"
		}
		fmt.Fprintf(w, "  %-9s %-24s %9.4f %9d %9.4f%s\n", op.Script, op.Category, op.Threshold, op.Negatives, op.FPR, note)
	}
}
