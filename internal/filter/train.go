package filter

import (
	"math"
	"math/rand/v2"
	"slices"
	"sync"
)

// Example is one training text with its targets per head: 1 in the
// category, 0 not, -1 (or absent) unknown, which leaves that head alone.
type Example struct {
	Text    string
	Targets map[string]int
	Weight  float64 // 0 means 1
}

// TrainOptions tune Train. The zero value is not useful; start from
// DefaultTrainOptions.
type TrainOptions struct {
	Bits int // feature buckets = 2^Bits
	// NgramMin and NgramMax are the character n-gram lengths.
	NgramMin, NgramMax int
	// Epochs is the number of passes over the data. Eight, not six: with
	// the written harmless prompts grown to 18,000, six passes left the
	// development data's injections under-fitted (in-sample recall 0.949).
	Epochs int
	Rate   float64 // AdaGrad learning rate
	L2     float64 // L2 penalty per update
	Seed   uint64  // shuffling seed: the same seed gives the same model
	// Orders is how many models, each trained on its own shuffled order of
	// the examples (seeds Seed, Seed+1, ...), are averaged into one. One
	// order's model depends on where single examples fall in it: adding a
	// dozen lines moved thresholds and flipped verdicts on unrelated
	// sentences. Averaging linear models averages their logits, so the
	// result keeps what the orders agree on.
	Orders int
	// MaxPosWeight caps the weight of a head's positive examples, which is
	// otherwise the ratio of negatives to positives (class balancing).
	MaxPosWeight float64
}

// DefaultTrainOptions are the options the committed model is trained with.
func DefaultTrainOptions() TrainOptions {
	return TrainOptions{Bits: 17, NgramMin: 4, NgramMax: 4, Epochs: 8, Rate: 0.2, L2: 1e-5, Seed: 1, Orders: 4, MaxPosWeight: 1}
}

// Train fits one logistic regression per head on examples: the average
// of opt.Orders models trained on different shuffles, in parallel. It is
// deterministic for a given input order and options.
func Train(examples []Example, heads []string, opt TrainOptions) *Model {
	data, pos, neg := trainingVectors(examples, heads, opt)
	posW := positiveWeights(pos, neg, opt.MaxPosWeight)
	orders := max(opt.Orders, 1)
	states := make([]*sgdState, orders)
	var wg sync.WaitGroup
	for k := range orders {
		wg.Go(func() {
			states[k] = trainOrder(data, posW, len(heads), opt, opt.Seed+uint64(k))
		})
	}
	wg.Wait()
	w, bias := states[0].w, states[0].bias
	for _, s := range states[1:] {
		for i, v := range s.w {
			w[i] += v
		}
		for i, v := range s.bias {
			bias[i] += v
		}
	}
	if orders > 1 {
		inv := 1 / float32(orders)
		for i := range w {
			w[i] *= inv
		}
		for i := range bias {
			bias[i] *= inv
		}
	}
	m := quantize(heads, opt.Bits, w, bias)
	m.NgramMin, m.NgramMax = opt.NgramMin, opt.NgramMax
	return m
}

// trainOrder runs opt.Epochs passes of AdaGrad over data, shuffled anew
// each epoch from seed.
func trainOrder(data []trainVec, posW []float32, heads int, opt TrainOptions, seed uint64) *sgdState {
	s := newSGDState(heads, 1<<opt.Bits, opt)
	order := make([]int, len(data))
	for i := range order {
		order[i] = i
	}
	rng := rand.New(rand.NewPCG(seed, seed^0x9e3779b97f4a7c15))
	for range opt.Epochs {
		rng.Shuffle(len(order), func(i, j int) { order[i], order[j] = order[j], order[i] })
		for _, i := range order {
			s.step(&data[i], posW)
		}
	}
	return s
}

// trainVec is one example as Train uses it: its feature buckets, sorted
// and distinct, each with the same value (1/√features, so that long texts
// do not outweigh short ones), its target per head and its weight.
type trainVec struct {
	idx []uint32
	val float32
	y   []int8
	w   float32
}

// trainingVectors extracts the features of every example once, before the
// epochs, and sums the weight of each head's positive and negative
// examples for class balancing.
func trainingVectors(examples []Example, heads []string, opt TrainOptions) (data []trainVec, pos, neg []float64) {
	H := len(heads)
	nb := 1 << opt.Bits
	mask := uint32(nb - 1)
	data = make([]trainVec, len(examples))
	var fs featureSet
	pos = make([]float64, H)
	neg = make([]float64, H)
	for i, ex := range examples {
		nt := normalize(ex.Text)
		fs.reset()
		fs.extract(&nt, opt.NgramMin, opt.NgramMax)
		idx := make([]uint32, 0, len(fs.hashes))
		for _, h := range fs.hashes {
			idx = append(idx, h&mask)
		}
		slices.Sort(idx)
		idx = slices.Compact(idx)
		v := trainVec{idx: idx, val: float32(1 / math.Sqrt(float64(max(len(fs.hashes), 1)))), y: make([]int8, H), w: 1}
		if ex.Weight > 0 {
			v.w = float32(ex.Weight)
		}
		for h, name := range heads {
			t, ok := ex.Targets[name]
			if !ok {
				t = -1
			}
			v.y[h] = int8(t)
			switch t {
			case 1:
				pos[h] += float64(v.w)
			case 0:
				neg[h] += float64(v.w)
			}
		}
		data[i] = v
	}
	return data, pos, neg
}

// positiveWeights returns each head's weight for its positive examples:
// the ratio of negatives to positives, so that a rare category is not
// drowned out, capped at maxPos.
func positiveWeights(pos, neg []float64, maxPos float64) []float32 {
	posW := make([]float32, len(pos))
	for h := range posW {
		posW[h] = 1
		if pos[h] > 0 {
			posW[h] = float32(min(maxPos, max(1, neg[h]/pos[h])))
		}
	}
	return posW
}

// sgdState is the model being trained with its AdaGrad accumulators.
// Weights are laid out bucket-major (w[bucket*H+head]), as in Model.
type sgdState struct {
	H         int
	w, g2     []float32
	bias, bg2 []float32
	rate, l2  float32
}

func newSGDState(H, nb int, opt TrainOptions) *sgdState {
	return &sgdState{
		H:    H,
		w:    make([]float32, nb*H),
		g2:   make([]float32, nb*H),
		bias: make([]float32, H),
		bg2:  make([]float32, H),
		rate: float32(opt.Rate),
		l2:   float32(opt.L2),
	}
}

// step takes one AdaGrad step on example v for every head that has a
// target for it.
func (s *sgdState) step(v *trainVec, posW []float32) {
	H, w, g2, bias, bg2, rate, l2 := s.H, s.w, s.g2, s.bias, s.bg2, s.rate, s.l2
	for h := range H {
		y := v.y[h]
		if y < 0 {
			continue
		}
		z := bias[h]
		for _, b := range v.idx {
			z += w[int(b)*H+h] * v.val
		}
		p := float32(sigmoid(float64(z)))
		g := p - float32(y)
		if y == 1 {
			g *= posW[h]
		}
		g *= v.w
		bg2[h] += g * g
		bias[h] -= rate * g / float32(math.Sqrt(float64(bg2[h])+1e-8))
		for _, b := range v.idx {
			k := int(b)*H + h
			gk := g*v.val + l2*w[k]
			g2[k] += gk * gk
			w[k] -= rate * gk / float32(math.Sqrt(float64(g2[k])+1e-8))
		}
	}
}

func quantize(heads []string, bits int, w, bias []float32) *Model {
	H := len(heads)
	m := &Model{Bits: bits, Heads: slices.Clone(heads), Scale: make([]float32, H), Bias: slices.Clone(bias), Weights: make([]int8, len(w))}
	for h := range H {
		var mx float32
		for k := h; k < len(w); k += H {
			mx = max(mx, float32(math.Abs(float64(w[k]))))
		}
		if mx == 0 {
			mx = 1
		}
		m.Scale[h] = mx / 127
		for k := h; k < len(w); k += H {
			m.Weights[k] = int8(math.Round(float64(w[k] / m.Scale[h])))
		}
	}
	return m
}
