package scan

import (
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// sourceTree copies about size bytes of ordinary source (the Go standard
// library's non-test .go files) into a temporary directory.
func sourceTree(b *testing.B, size int64) (dir string, total int64) {
	b.Helper()
	out, err := exec.Command("go", "env", "GOROOT").Output()
	if err != nil {
		b.Skipf("go env GOROOT: %v", err)
	}
	src := filepath.Join(strings.TrimSpace(string(out)), "src")
	dir = b.TempDir()
	err = filepath.WalkDir(src, func(p string, d fs.DirEntry, err error) error {
		if err != nil || total >= size {
			return fs.SkipAll
		}
		if d.IsDir() {
			if d.Name() == "testdata" {
				return fs.SkipDir
			}
			return nil
		}
		if !strings.HasSuffix(p, ".go") || strings.HasSuffix(p, "_test.go") {
			return nil
		}
		data, err := os.ReadFile(p)
		if err != nil {
			return nil
		}
		rel, _ := filepath.Rel(src, p)
		dst := filepath.Join(dir, rel)
		if err := os.MkdirAll(filepath.Dir(dst), 0o755); err != nil {
			return err
		}
		total += int64(len(data))
		return os.WriteFile(dst, data, 0o644)
	})
	if err != nil {
		b.Fatal(err)
	}
	return dir, total
}

// BenchmarkFiles scans a ~10 MB tree of ordinary source, as `mira scan .`
// does (all workers).
func BenchmarkFiles(b *testing.B) {
	dir, total := sourceTree(b, 10<<20)
	s := New(Options{})
	b.SetBytes(total)
	var res *Result
	for b.Loop() {
		var err error
		if res, err = s.Files(b.Context(), dir); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(res.Files), "files")
	b.ReportMetric(float64(len(res.Findings)), "findings")
}

// BenchmarkDetect is the detector alone, one goroutine, on the same text.
func BenchmarkDetect(b *testing.B) {
	dir, total := sourceTree(b, 10<<20)
	var texts []string
	_ = filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err == nil && !d.IsDir() {
			data, _ := os.ReadFile(p)
			texts = append(texts, string(data))
		}
		return nil
	})
	b.SetBytes(total)
	for b.Loop() {
		for _, t := range texts {
			defaultDetector.find(t)
		}
	}
}
