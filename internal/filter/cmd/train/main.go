// Command train fits the content filter's classifier on the development
// data and writes the weights that package filter embeds.
//
//	go run ./internal/filter/cmd/train [-data ../shared/data/filter] [-out internal/filter/weights.bin.gz]
//
// Run it from the repository root. Training is deterministic: the same data
// and options give the same file.
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
	data := flag.String("data", dataset.DefaultDir, "directory with injection-dev.jsonl and harmful-dev.jsonl")
	out := flag.String("out", "internal/filter/weights.bin.gz", "where to write the model")
	flag.IntVar(&opt.NgramMin, "nmin", opt.NgramMin, "shortest character n-gram")
	flag.IntVar(&opt.NgramMax, "nmax", opt.NgramMax, "longest character n-gram")
	flag.IntVar(&opt.Bits, "bits", opt.Bits, "log2 of the number of hashed feature buckets")
	flag.IntVar(&opt.Epochs, "epochs", opt.Epochs, "passes over the data")
	flag.Float64Var(&opt.Rate, "rate", opt.Rate, "AdaGrad learning rate")
	flag.Float64Var(&opt.L2, "l2", opt.L2, "L2 penalty")
	flag.Uint64Var(&opt.Seed, "seed", opt.Seed, "shuffling seed")
	flag.Parse()
	log.SetFlags(0)

	rows, err := dataset.LoadDir(*data)
	if err != nil {
		log.Fatalf("train: %v (run from the repository root, or pass -data)", err)
	}
	start := time.Now()
	ex := training.Examples(rows, true)
	m := filter.Train(ex, training.Heads, opt)
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
