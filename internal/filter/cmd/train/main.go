// Command train fits the content filter's classifier on the development
// data and the extra training data, calibrates its thresholds per script and
// category on folds of whole held-out sources (training.Calibrate), and
// writes the model that package filter embeds.
//
//	go run ./internal/filter/cmd/train [-data ../shared/data/filter] [-out internal/filter/weights.bin.gz] [-fpr 0.01] [-attackfpr 0.03] [-writtenfpr 0.01] [-writtenattackfpr 0.05] [-calfolds 3] [-orders 4] [-russe]
//
// Run it from the repository root. Training is deterministic: the same data
// and options give the same file. The RUSSE detox set is left out unless
// -russe is given: its repository has no licence and its Hugging Face copy
// is OpenRAIL++, whose use restrictions would have to travel with weights
// trained on it (NOTICE), so the shipped weights do not use it.
package main

import (
	"flag"
	"fmt"
	"log"
	"os"
	"time"

	"github.com/vmira/mira/internal/filter"
	"github.com/vmira/mira/internal/filter/dataset"
	"github.com/vmira/mira/internal/filter/training"
)

func main() {
	opt := filter.DefaultTrainOptions()
	data := flag.String("data", dataset.DefaultDir, "directory with the development and extra data")
	out := flag.String("out", "internal/filter/weights.bin.gz", "where to write the model")
	rates := training.DefaultRates
	flag.Float64Var(&rates.Moderation, "fpr", rates.Moderation, "false-positive rate per moderation category on held-out sources' benign rows")
	flag.Float64Var(&rates.Attack, "attackfpr", rates.Attack, "false-positive rate of prompt_injection and of jailbreak on held-out sources' benign rows")
	flag.Float64Var(&rates.Written, "writtenfpr", rates.Written, "false-positive rate per category on the held-out written benign prompts")
	flag.Float64Var(&rates.WrittenAttack, "writtenattackfpr", rates.WrittenAttack, "false-positive rate of prompt_injection and jailbreak on the held-out written benign prompts")
	folds := flag.Int("calfolds", training.DefaultFolds, "folds of whole sources for calibration (at least 2)")
	russe := flag.Bool("russe", false, "also train on the RUSSE detox set (OpenRAIL++: see the package doc)")
	flag.IntVar(&opt.NgramMin, "nmin", opt.NgramMin, "shortest character n-gram")
	flag.IntVar(&opt.NgramMax, "nmax", opt.NgramMax, "longest character n-gram")
	flag.IntVar(&opt.Bits, "bits", opt.Bits, "log2 of the number of hashed feature buckets")
	flag.IntVar(&opt.Epochs, "epochs", opt.Epochs, "passes over the data")
	flag.Float64Var(&opt.Rate, "rate", opt.Rate, "AdaGrad learning rate")
	flag.Float64Var(&opt.L2, "l2", opt.L2, "L2 penalty")
	flag.Uint64Var(&opt.Seed, "seed", opt.Seed, "shuffling seed")
	flag.IntVar(&opt.Orders, "orders", opt.Orders, "models trained on different shuffles and averaged")
	flag.Parse()
	log.SetFlags(0)

	rows, err := dataset.LoadAll(*data, *russe)
	if err != nil {
		log.Fatalf("train: %v (run from the repository root, or pass -data)", err)
	}
	start := time.Now()
	thr, ops := training.Calibrate(rows, training.WrittenExamples(), opt, rates, *folds)
	training.PrintOperatingPoints(os.Stdout, rows, ops, rates, *folds)
	ex := training.Examples(rows, true)
	m := filter.Train(ex, training.Heads, opt)
	m.Thresholds = thr
	b, err := m.MarshalBinary()
	if err != nil {
		log.Fatal(err)
	}
	if err := os.WriteFile(*out, b, 0o644); err != nil {
		log.Fatal(err)
	}
	fmt.Printf("trained %d heads on %d examples in %s; wrote %s (%d bytes)\n",
		len(m.Heads), len(ex), time.Since(start).Round(time.Millisecond), *out, len(b))
}
