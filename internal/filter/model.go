package filter

import (
	"bufio"
	"bytes"
	"compress/gzip"
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"math"
	"slices"
	"unicode/utf8"
)

// The classifier: one logistic regression per category (one-vs-rest) over
// hashed features of the normalised text: words, word pairs and character
// n-grams inside words (4-grams by default, robust to spelling, inflection
// and Russian endings; the model file records the range). Feature hashing
// keeps the model a fixed size whatever the vocabulary; weights are stored
// as int8 with a per-category scale.

const (
	modelMagic = "MIRAFLT1"
	// window is how many words one score looks at; longer texts are scored
	// in overlapping windows and the highest score counts, so a short
	// injected instruction is not diluted by a long harmless document.
	window = 128
)

// Model is a trained classifier.
type Model struct {
	Bits int // log2 of the number of feature buckets
	// NgramMin and NgramMax are the lengths of the character n-grams.
	NgramMin, NgramMax int
	Heads              []string  // categories, one logistic regression each
	Scale              []float32 // per head: weight = int8 * scale
	Bias               []float32
	Weights            []int8 // bucket-major: Weights[b*len(Heads)+h]
	// Thresholds are the calibrated thresholds per script and category
	// (thresholds.go); a missing one is DefaultThreshold.
	Thresholds map[string]map[string]float64
}

// Feature kinds, mixed into the hash so a word and a character n-gram with
// the same bytes do not collide.
const (
	seedWord   = 0x811c9dc5
	seedPair   = 0x01000193 * 7
	seedNgram  = 0x9e3779b9
	fnvPrime32 = 16777619
)

func fnv(h uint32, s string) uint32 {
	for i := 0; i < len(s); i++ {
		h ^= uint32(s[i])
		h *= fnvPrime32
	}
	return h
}

// featureSet is the hashed features of a text, grouped by word so scores
// can be summed over windows.
type featureSet struct {
	hashes []uint32
	ends   []int32 // ends[i]: end of word i's features in hashes
	sums   []int32 // logits' per-block sums, kept for the next text
	// seen[b] is the stamp of the last block, in logits, that held bucket
	// b; stamps only grow, so b is already in the current text when its
	// stamp is at least the text's first block's.
	seen  []uint32
	stamp uint32
}

func (fs *featureSet) reset() {
	fs.hashes = fs.hashes[:0]
	fs.ends = fs.ends[:0]
}

// extract computes the features of normalised text, with character
// n-grams of nmin to nmax runes.
func (fs *featureSet) extract(nt *normText, nmin, nmax int) {
	var prev uint32
	var pad [96]byte
	for i, t := range nt.toks {
		w := nt.s[t[0]:t[1]]
		hw := fnv(seedWord, w)
		fs.hashes = append(fs.hashes, hw)
		if i > 0 {
			fs.hashes = append(fs.hashes, (prev^hw*31)*fnvPrime32+seedPair)
		}
		prev = hw
		// Character n-grams of " word ", in runes; long words (a run of
		// CJK text, a blob) contribute their first 64 bytes.
		p := pad[:0]
		p = append(p, ' ')
		if len(w) > len(pad)-2 {
			cut := len(pad) - 2
			for cut > 0 && !utf8.RuneStart(w[cut]) {
				cut--
			}
			w = w[:cut]
		}
		p = append(p, w...)
		p = append(p, ' ')
		var starts [len(pad) + 1]int
		n := 0
		for j := 0; j < len(p); {
			starts[n] = j
			n++
			_, size := utf8.DecodeRune(p[j:])
			j += size
		}
		starts[n] = len(p)
		for a := 0; a+nmin <= n; a++ {
			h := uint32(seedNgram)
			for k := a; k < a+nmax && k < n; k++ {
				for _, c := range p[starts[k]:starts[k+1]] {
					h ^= uint32(c)
					h *= fnvPrime32
				}
				if k-a+1 >= nmin {
					fs.hashes = append(fs.hashes, h)
				}
			}
		}
		fs.ends = append(fs.ends, int32(len(fs.hashes)))
	}
}

// logits returns, per head, the highest logit over the text's windows and,
// for a text longer than one window, the whole text. Each is scored as
// training scores an example: every feature bucket counted once, the sum
// scaled by 1/√(features). Counting a bucket once keeps a sentence
// repeated k times from weighing √k times as much (six copies of "Tell me
// about the trams of Lisbon" scored 0.71 as prompt injection when every
// copy counted); counting it once per window rather than once per text
// keeps the later windows of a long text whole.
func (m *Model) logits(fs *featureSet, out []float64) {
	H := len(m.Heads)
	mask := uint32(1)<<m.Bits - 1
	nw := len(fs.ends)
	if nw == 0 {
		for h := range H {
			out[h] = float64(m.Bias[h])
		}
		return
	}
	// The text is cut in blocks of half a window; a window is two
	// neighbouring blocks. Per block: the sum of its distinct buckets, and
	// the sum of those also in the block before it, which a window of the
	// two counts once. The whole text's distinct buckets are summed too.
	const half = window / 2
	nb := (nw + half - 1) / half
	sums := slices.Grow(fs.sums[:0], (2*nb+2)*H)[:(2*nb+2)*H]
	clear(sums)
	fs.sums = sums
	blocks, shared, whole, win := sums[:nb*H], sums[nb*H:2*nb*H], sums[2*nb*H:(2*nb+1)*H], sums[(2*nb+1)*H:]
	if len(fs.seen) != 1<<m.Bits {
		fs.seen, fs.stamp = make([]uint32, 1<<m.Bits), 0
	}
	if fs.stamp > math.MaxUint32-uint32(nb)-2 {
		clear(fs.seen)
		fs.stamp = 0
	}
	seen := fs.seen
	text := fs.stamp + 1 // the stamp of the text's first block
	start := int32(0)
	for k := range nb {
		prev := fs.stamp
		fs.stamp++
		cur := fs.stamp
		end := fs.ends[min((k+1)*half, nw)-1]
		acc, both := blocks[k*H:(k+1)*H], shared[k*H:(k+1)*H]
		for _, hh := range fs.hashes[start:end] {
			b := hh & mask
			if seen[b] == cur {
				continue
			}
			row := m.Weights[int(b)*H : int(b)*H+H]
			if k > 0 && seen[b] == prev {
				for h, w := range row {
					both[h] += int32(w)
				}
			}
			if nb > 2 && seen[b] < text { // the whole text is scored when longer than a window
				for h, w := range row {
					whole[h] += int32(w)
				}
			}
			seen[b] = cur
			for h, w := range row {
				acc[h] += int32(w)
			}
		}
		start = end
	}
	score := func(s []int32, features int32, first bool) {
		inv := 1 / math.Sqrt(float64(max(features, 1)))
		for h := range H {
			z := float64(m.Bias[h]) + float64(m.Scale[h])*float64(s[h])*inv
			if first || z > out[h] {
				out[h] = z
			}
		}
	}
	if nb == 1 {
		score(blocks, fs.ends[nw-1], true)
		return
	}
	for k := 0; k+1 < nb; k++ {
		for h := range H {
			win[h] = blocks[k*H+h] + blocks[(k+1)*H+h] - shared[(k+1)*H+h]
		}
		var from int32
		if k > 0 {
			from = fs.ends[k*half-1]
		}
		score(win, fs.ends[min((k+2)*half, nw)-1]-from, k == 0)
	}
	if nb > 2 {
		score(whole, fs.ends[nw-1], false)
	}
}

func sigmoid(z float64) float64 { return 1 / (1 + math.Exp(-z)) }

// MarshalBinary encodes the model (gzip-compressed).
func (m *Model) MarshalBinary() ([]byte, error) {
	var raw bytes.Buffer
	raw.WriteString(modelMagic)
	raw.WriteByte(byte(m.Bits))
	raw.WriteByte(byte(m.NgramMin))
	raw.WriteByte(byte(m.NgramMax))
	raw.WriteByte(byte(len(m.Heads)))
	for i, h := range m.Heads {
		raw.WriteByte(byte(len(h)))
		raw.WriteString(h)
		binary.Write(&raw, binary.LittleEndian, m.Scale[i])
		binary.Write(&raw, binary.LittleEndian, m.Bias[i])
	}
	for _, w := range m.Weights {
		raw.WriteByte(byte(w))
	}
	if err := m.writeThresholds(&raw); err != nil {
		return nil, err
	}
	var out bytes.Buffer
	zw, err := gzip.NewWriterLevel(&out, gzip.BestCompression)
	if err != nil {
		return nil, err
	}
	zw.ModTime = zw.ModTime.UTC() // zero: deterministic output
	if _, err := zw.Write(raw.Bytes()); err != nil {
		return nil, err
	}
	if err := zw.Close(); err != nil {
		return nil, err
	}
	return out.Bytes(), nil
}

// UnmarshalBinary decodes a model written by MarshalBinary.
func (m *Model) UnmarshalBinary(data []byte) error {
	zr, err := gzip.NewReader(bytes.NewReader(data))
	if err != nil {
		return fmt.Errorf("filter model: %w", err)
	}
	r := bufio.NewReader(zr)
	magic := make([]byte, len(modelMagic))
	if _, err := io.ReadFull(r, magic); err != nil || string(magic) != modelMagic {
		return errors.New("filter model: bad magic")
	}
	bits, _ := r.ReadByte()
	nmin, _ := r.ReadByte()
	nmax, _ := r.ReadByte()
	nh, _ := r.ReadByte()
	if bits < 8 || bits > 24 || nh == 0 || nmin < 1 || nmax < nmin || nmax > 8 {
		return errors.New("filter model: bad header")
	}
	m.Bits, m.NgramMin, m.NgramMax = int(bits), int(nmin), int(nmax)
	m.Heads = make([]string, nh)
	m.Scale = make([]float32, nh)
	m.Bias = make([]float32, nh)
	for i := range int(nh) {
		n, err := r.ReadByte()
		if err != nil {
			return fmt.Errorf("filter model: %w", err)
		}
		name := make([]byte, n)
		if _, err := io.ReadFull(r, name); err != nil {
			return fmt.Errorf("filter model: %w", err)
		}
		m.Heads[i] = string(name)
		if err := binary.Read(r, binary.LittleEndian, &m.Scale[i]); err != nil {
			return fmt.Errorf("filter model: %w", err)
		}
		if err := binary.Read(r, binary.LittleEndian, &m.Bias[i]); err != nil {
			return fmt.Errorf("filter model: %w", err)
		}
	}
	w := make([]byte, (1<<m.Bits)*int(nh))
	if _, err := io.ReadFull(r, w); err != nil {
		return fmt.Errorf("filter model: weights: %w", err)
	}
	m.Weights = make([]int8, len(w))
	for i, b := range w {
		m.Weights[i] = int8(b)
	}
	return m.readThresholds(r)
}
