package filter

import (
	"bytes"
	"encoding/binary"
	"encoding/json"
	"errors"
	"fmt"
	"io"
)

// Calibrated thresholds: the score at which a category is flagged depends
// on the script of the text, because the classifier's scores are not on the
// same scale for English and Russian (far less Russian training text). The
// values are chosen at a stated false-positive rate on the benign rows of
// sources the scoring model did not train on (training.Calibrate, printed
// by cmd/train and cmd/eval) and stored in the model file, so
// a retrained model carries its own operating points. Thresholds set in the
// configuration override them.

// Scripts, the keys of Model.Thresholds.
const (
	ScriptLatin    = "latin"
	ScriptCyrillic = "cyrillic"
)

const (
	latin = iota
	cyrillic
	nScript
)

// Scripts lists the scripts with thresholds of their own.
var Scripts = []string{ScriptLatin, ScriptCyrillic}

// ScriptOf returns the script whose thresholds apply to text: Cyrillic when
// it has more Cyrillic letters than Latin ones, else Latin.
func ScriptOf(text string) string { return Scripts[scriptIndex(text)] }

// scriptIndex counts ASCII letters against Cyrillic ones (two-byte UTF-8
// sequences with lead byte 0xD0 or 0xD1), without decoding.
func scriptIndex(text string) int {
	lat, cyr := 0, 0
	for i := 0; i < len(text); i++ {
		c := text[i]
		switch {
		case c|0x20 >= 'a' && c|0x20 <= 'z':
			lat++
		case c == 0xD0 || c == 0xD1:
			cyr++
		}
	}
	if cyr > lat {
		return cyrillic
	}
	return latin
}

// thresholdsMagic marks the optional thresholds section after the weights.
const thresholdsMagic = "THR1"

func (m *Model) writeThresholds(w *bytes.Buffer) error {
	if len(m.Thresholds) == 0 {
		return nil
	}
	b, err := json.Marshal(m.Thresholds)
	if err != nil {
		return err
	}
	w.WriteString(thresholdsMagic)
	binary.Write(w, binary.LittleEndian, uint32(len(b)))
	w.Write(b)
	return nil
}

// readThresholds reads the thresholds section, if the file has one.
func (m *Model) readThresholds(r io.Reader) error {
	magic := make([]byte, len(thresholdsMagic))
	if _, err := io.ReadFull(r, magic); errors.Is(err, io.EOF) {
		return nil
	} else if err != nil || string(magic) != thresholdsMagic {
		return errors.New("filter model: bad thresholds section")
	}
	var n uint32
	if err := binary.Read(r, binary.LittleEndian, &n); err != nil || n > 1<<16 {
		return errors.New("filter model: bad thresholds length")
	}
	b := make([]byte, n)
	if _, err := io.ReadFull(r, b); err != nil {
		return fmt.Errorf("filter model: thresholds: %w", err)
	}
	if err := json.Unmarshal(b, &m.Thresholds); err != nil {
		return fmt.Errorf("filter model: thresholds: %w", err)
	}
	return m.validThresholds()
}

func (m *Model) validThresholds() error {
	for sc, byCat := range m.Thresholds {
		if sc != ScriptLatin && sc != ScriptCyrillic {
			return fmt.Errorf("filter model: thresholds for unknown script %q", sc)
		}
		for c, v := range byCat {
			if _, ok := catIndex[c]; !ok || !(v > 0) {
				return fmt.Errorf("filter model: bad threshold %s/%s = %v", sc, c, v)
			}
		}
	}
	return nil
}

// thresholdsFor fills thr, per script and category: the configured value,
// else the model's calibrated one, else DefaultThreshold.
func thresholdsFor(thr *[nScript][nCat]float64, m *Model, configured map[string]float64) {
	for s, sc := range Scripts {
		for i, c := range Categories {
			thr[s][i] = DefaultThreshold
			if v, ok := m.Thresholds[sc][c]; ok {
				thr[s][i] = v
			}
			if v, ok := configured[c]; ok {
				thr[s][i] = v
			}
		}
	}
}
