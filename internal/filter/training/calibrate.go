package training

import (
	"fmt"
	"io"
	"slices"
	"sort"

	"github.com/vmira/mira/internal/filter"
	"github.com/vmira/mira/internal/filter/dataset"
)

// Calibration: thresholds per script and category, chosen at a stated
// false-positive rate on benign rows from sources the scoring model did not
// train on.
//
// The sources that have benign rows are dealt into folds of whole sources.
// For each fold a model is trained on every other row (the sources of the
// other folds, the positive-only sources and the written benign prompts) and
// scores the fold's benign rows; the pooled scores, per script and category,
// give the lowest threshold that at most the stated fraction of them reach.
// A fold of rows drawn from the training sources themselves (the previous
// method) scores benign text lower than text from a new source does, so its
// thresholds flagged far more unseen benign prompts than they promised.

// Threshold bounds. Calibration only raises a moderation category's
// threshold above the default 0.5: leave-one-source-out showed that a floor
// of 0.3, where the held-out folds allowed it, flagged more benign rows of
// yet other sources (7.7 % of the English ones against 6.6 %) because every
// category's small share adds up. prompt_injection and jailbreak may go down
// to MinAttackThreshold: the written benign prompts (answer formats, roles
// for harmless tasks) taught the attack heads to score role play lower, so
// at 0.5 they met only 1.4 % of their 3 % on the held-out sources and
// in-the-wild jailbreaks slipped under (and, once the operators' system
// prompts were among the written ones, the in-sample injection recall fell
// to 0.948, under its 0.95 test); the written prompts' own rate keeps the
// Latin injection threshold at 0.46. Above MaxThreshold the strong
// rules (score 0.85 and up) would no longer decide alone.
const (
	MinThreshold       = filter.DefaultThreshold
	MinAttackThreshold = 0.4
	MaxThreshold       = 0.85
	// minNegatives is the fewest benign rows of a script from which a
	// threshold is chosen; with fewer the default stays.
	minNegatives = 100
	// DefaultFPR is the false-positive rate each moderation category is
	// calibrated to on the held-out sources' benign rows, and
	// DefaultAttackFPR that of prompt_injection and jailbreak: the attack
	// categories block by default and their classifier is the one that
	// meets new kinds of text (role play, documents), so they get a larger
	// share of the 5 % the issue allows (at 0.02 the Latin injection
	// threshold rose to 0.61 and the in-sample recall on the development
	// set fell below its 0.95 target; 0.03 keeps it at the 0.5 floor).
	// The rates count the classifier's own false positives: the scores
	// are Filter.CalibrationScores, without the strong rules, so a round
	// of new rules does not move the thresholds (with the strong rules
	// counted, each round that cleared or flagged a few benign rows moved
	// the Latin illicit threshold by 0.03, and harmless look-alikes in the
	// tests flipped). At 0.8 % the thresholds are where 0.9 % put them with
	// the rules counted: Latin illicit 0.78, Cyrillic illicit 0.82.
	DefaultFPR       = 0.008
	DefaultAttackFPR = 0.03
	// DefaultWrittenFPR is each category's rate on the held-out written
	// benign prompts (training.Benign): questions on the topics attacks
	// touch (weapons law, overdose symptoms, killing a process) and
	// requests in the forms attacks use.
	DefaultWrittenFPR = 0.01
	// DefaultWrittenAttackFPR is the attack categories' rate on them. The
	// written attacks (training.Harmful) and the harmless documents that
	// carry instructions to people stand in different parts of their files,
	// so a fold that holds out the one trains on the other: at 1 % the
	// Latin injection threshold rose to 0.70 and half the planted
	// instructions of BIPIA's e-mails went unflagged; at 2 %, with the
	// operators' system prompts among the written benign ones, the
	// in-sample injection recall fell to 0.949, under its 0.95 test. At
	// 2.5 %, once the written benign prompts held operators' system prompts,
	// harmless documents about AI features and long persona prompts (their
	// last third, all new kinds to the model that holds it out), the Latin
	// injection threshold rose to 0.66 and leave-one-source-out injection
	// recall fell to 0.834; at 5 %, the bound on false positives, it
	// is 0.46 with 0.853 recall and 2.4 % of the held-out sources' benign
	// rows flagged.
	DefaultWrittenAttackFPR = 0.05
	// DefaultFolds is how many folds of whole sources calibration uses.
	DefaultFolds = 3
)

// OperatingPoint is one calibrated threshold and what it gives on the
// held-out benign rows.
type OperatingPoint struct {
	Script, Category string
	Threshold        float64
	Negatives        int     // benign held-out rows of the script
	FPR              float64 // on them
	// WrittenNegatives are the held-out written benign prompts of the
	// script, and WrittenFPR the threshold's rate on them.
	WrittenNegatives int
	WrittenFPR       float64
	Clamped          bool // the FPR target asked for a value outside the bounds
}

// SourceFolds deals the sources that have benign rows into k folds, the
// largest first and round robin, so the folds hold similar numbers of
// benign rows; it returns each such source's fold and the folds' sources.
// Sources with no benign row are in no fold: every calibration model
// trains on them.
func SourceFolds(rows []dataset.Row, k int) (map[string]int, [][]string) {
	benign := map[string]int{}
	for _, r := range rows {
		if r.Task() == "" {
			benign[r.Key()]++
		}
	}
	srcs := make([]string, 0, len(benign))
	for s := range benign {
		srcs = append(srcs, s)
	}
	sort.Slice(srcs, func(i, j int) bool {
		if benign[srcs[i]] != benign[srcs[j]] {
			return benign[srcs[i]] > benign[srcs[j]]
		}
		return srcs[i] < srcs[j]
	})
	fold := map[string]int{}
	folds := make([][]string, k)
	for i, s := range srcs {
		fold[s] = i % k
		folds[i%k] = append(folds[i%k], s)
	}
	return fold, folds
}

// Rates are the false-positive rates calibration aims at.
type Rates struct {
	Attack     float64 // prompt_injection and jailbreak
	Moderation float64 // every other category
	// Written is each moderation category's rate on the written benign
	// prompts, the hard negatives, and WrittenAttack that of
	// prompt_injection and jailbreak: a threshold is the higher of the two
	// its rates give.
	Written, WrittenAttack float64
}

// WrittenFor returns the rate on the written benign prompts for category c.
func (r Rates) WrittenFor(c string) float64 {
	if c == filter.PromptInjection || c == filter.Jailbreak {
		return r.WrittenAttack
	}
	return r.Written
}

// DefaultRates are the rates cmd/train and cmd/eval use by default.
var DefaultRates = Rates{Attack: DefaultAttackFPR, Moderation: DefaultFPR, Written: DefaultWrittenFPR, WrittenAttack: DefaultWrittenAttackFPR}

// For returns the rate for category c.
func (r Rates) For(c string) float64 {
	if c == filter.PromptInjection || c == filter.Jailbreak {
		return r.Attack
	}
	return r.Moderation
}

// Calibrate chooses, per script and category, the lowest threshold within
// [MinThreshold, MaxThreshold] that at most the category's rate of the
// held-out benign rows reach without the strong rules
// (Filter.CalibrationScores), training one model per fold of whole sources
// (SourceFolds), and returns the thresholds with the operating points for
// the report.
func Calibrate(rows []dataset.Row, written []WrittenExample, opt filter.TrainOptions, rates Rates, folds int) (map[string]map[string]float64, []OperatingPoint) {
	if folds < 2 {
		folds = 2
	}
	fold, _ := SourceFolds(rows, folds)
	// script -> category -> scores, of the held-out sources' benign rows
	// and of the held-out written benign prompts
	neg, negW := scores{}, scores{}
	for k := range folds {
		var train []dataset.Row
		var val []dataset.Row
		for _, r := range rows {
			if f, ok := fold[r.Key()]; ok && f == k {
				val = append(val, r)
			} else {
				train = append(train, r)
			}
		}
		if len(val) == 0 {
			continue
		}
		ex := Examples(train, false)
		var valW []string
		for _, w := range written {
			switch {
			case int(w.Part*float64(folds)) != k:
				ex = append(ex, w.Example)
			case w.Benign:
				valW = append(valW, w.Text)
			}
		}
		cfg := filter.DefaultConfig()
		cfg.Model = filter.Train(ex, Heads, opt)
		f, err := filter.New(cfg)
		if err != nil {
			panic(err) // the default configuration is valid
		}
		for _, r := range val {
			if r.Task() == "" {
				neg.add(f, r.Text)
			}
		}
		for _, t := range valW {
			negW.add(f, t)
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
			floor := MinThreshold
			if c == filter.PromptInjection || c == filter.Jailbreak {
				floor = MinAttackThreshold
			}
			op := pick(s, rates.For(c), floor)
			if w := negW[sc][c]; rates.WrittenFor(c) > 0 && len(w) >= minNegatives {
				if opW := pick(w, rates.WrittenFor(c), floor); opW.Threshold > op.Threshold {
					op.Threshold, op.Clamped = opW.Threshold, opW.Clamped
				}
				op.WrittenNegatives, op.WrittenFPR = len(w), fpr(w, op.Threshold)
			}
			op.FPR = fpr(s, op.Threshold)
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

// scores are held-out benign texts' calibration scores by script and
// category.
type scores map[string]map[string][]float64

func (s scores) add(f *filter.Filter, text string) {
	sc := filter.ScriptOf(text)
	if s[sc] == nil {
		s[sc] = map[string][]float64{}
	}
	v := f.CalibrationScores(text)
	for _, c := range filter.Categories {
		s[sc][c] = append(s[sc][c], v[c])
	}
}

// fpr is the fraction of scores at or above t.
func fpr(scores []float64, t float64) float64 {
	n := 0
	for _, x := range scores {
		if x >= t {
			n++
		}
	}
	return float64(n) / float64(len(scores))
}

// pick returns the lowest threshold that at most fpr of the scores reach.
func pick(scores []float64, rate, floor float64) OperatingPoint {
	s := slices.Clone(scores)
	slices.Sort(s)
	slices.Reverse(s)
	k := int(rate * float64(len(s))) // scores allowed at or above
	t := floor
	if k < len(s) {
		t = s[k] + 1e-4 // just above the (k+1)-th highest
	}
	op := OperatingPoint{Negatives: len(s)}
	if t > MaxThreshold {
		t, op.Clamped = MaxThreshold, true
	}
	t = max(t, floor)
	op.Threshold = float64(int(t*1e4+0.5)) / 1e4
	op.FPR = fpr(s, op.Threshold)
	return op
}

// PrintOperatingPoints writes the calibrated thresholds and how they were
// found.
func PrintOperatingPoints(w io.Writer, rows []dataset.Row, ops []OperatingPoint, rates Rates, folds int) {
	_, fs := SourceFolds(rows, max(folds, 2))
	fmt.Fprintf(w, "\n== calibrated thresholds: per script and category, the lowest threshold within [%.2f, %.2f] that at most %.3f\n"+
		"   (prompt_injection, jailbreak) or %.3f (other categories) of the benign rows of held-out sources reach,\n"+
		"   and at most %.3f of the held-out written benign prompts (training.Benign, dealt into the same number of folds),\n"+
		"   with the classifier and weak rules (the strong rules flag on their own and are not counted);\n"+
		"   %d folds of whole sources, each scored by a model trained without them:\n", MinThreshold, MaxThreshold, rates.Attack, rates.Moderation, rates.Written, len(fs))
	for i, f := range fs {
		fmt.Fprintf(w, "   fold %d: %v\n", i+1, f)
	}
	fmt.Fprintf(w, "  %-9s %-24s %9s %9s %9s %9s %9s %9s\n", "script", "category", "threshold", "negatives", "FPR", "target", "written", "FPR")
	for _, op := range ops {
		note := ""
		if op.Clamped {
			note = " (capped: the FPR target needs more)"
		}
		fmt.Fprintf(w, "  %-9s %-24s %9.4f %9d %9.4f %9.3f %9d %9.4f%s\n", op.Script, op.Category, op.Threshold, op.Negatives, op.FPR, rates.For(op.Category), op.WrittenNegatives, op.WrittenFPR, note)
	}
}
