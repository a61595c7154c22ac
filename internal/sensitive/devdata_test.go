package sensitive

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/vmira/mira/internal/filter/dataset"
)

// TestDevDataPII checks the detectors against the labelled PII spans of the
// development data, when it is present (../shared/data/filter).
func TestDevDataPII(t *testing.T) {
	dir := filepath.Join("..", "..", dataset.DefaultDir)
	path := filepath.Join(dir, dataset.PIIFile)
	if _, err := os.Stat(path); err != nil {
		t.Skipf("no development data at %s", dir)
	}
	rows, err := dataset.Load(path)
	if err != nil {
		t.Fatal(err)
	}
	scores := dataset.ScorePII(rows, func(s string) []dataset.Detected {
		var out []dataset.Detected
		for _, f := range Detect(s) {
			out = append(out, dataset.Detected{Type: f.Type, Start: f.Start, End: f.End})
		}
		return out
	})
	for typ, c := range scores {
		t.Logf("%-12s P=%.3f R=%.3f F1=%.3f (tp %d fp %d fn %d)", typ, c.Precision(), c.Recall(), c.F1(), c.TP, c.FP, c.FN)
		if c.F1() < 0.90 {
			t.Errorf("%s: F1 = %.3f; want >= 0.90", typ, c.F1())
		}
	}
	if testing.Verbose() && os.Getenv("PII_DEBUG") != "" {
		for _, r := range rows {
			got := Detect(r.Text)
			var gs []string
			for _, f := range got {
				gs = append(gs, f.Type+":"+r.Text[f.Start:f.End])
			}
			var ws []string
			for _, s := range r.Spans {
				if typ, ok := dataset.PIITypes[s.Type]; ok {
					ws = append(ws, typ+":"+string([]rune(r.Text)[s.Start:s.End]))
				}
			}
			if len(gs) > 0 || len(ws) > 0 {
				t.Logf("%s\n  want %q\n  got  %q", r.ID, ws, gs)
			}
		}
	}
}
