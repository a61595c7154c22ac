package scan

import (
	"bufio"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/vmira/mira/internal/apikey"
)

func writeFile(t *testing.T, name, content string) {
	t.Helper()
	if err := os.MkdirAll(filepath.Dir(name), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(name, []byte(content), 0o644); err != nil {
		t.Fatal(err)
	}
}

func TestFilesSkips(t *testing.T) {
	dir := t.TempDir()
	key := apikey.Generate()
	line := "MIRA_API_KEY=" + key + "\n"
	writeFile(t, filepath.Join(dir, "app.env"), line)
	writeFile(t, filepath.Join(dir, "sub", "deep", "app.env"), "x\n"+line)
	writeFile(t, filepath.Join(dir, "image.bin"), "\x89PNG\x00\x00"+line)
	writeFile(t, filepath.Join(dir, "late-nul.txt"), strings.Repeat("a", binarySniff)+"\x00"+line) // text as far as we look
	writeFile(t, filepath.Join(dir, "big.log"), strings.Repeat("filler\n", 2000)+line)
	writeFile(t, filepath.Join(dir, ".git", "config"), line)
	writeFile(t, filepath.Join(dir, "vendor", ".git", "HEAD"), line)
	if err := os.Symlink(filepath.Join(dir, "app.env"), filepath.Join(dir, "link.env")); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink(dir, filepath.Join(dir, "loop")); err != nil {
		t.Fatal(err)
	}
	fifo := filepath.Join(dir, "pipe")
	if err := syscall.Mkfifo(fifo, 0o644); err != nil {
		t.Fatal(err)
	}

	done := make(chan struct{})
	var res *Result
	var err error
	go func() {
		res, err = New(Options{MaxFileSize: 12 << 10}).Files(t.Context(), dir)
		close(done)
	}()
	select {
	case <-done:
	case <-time.After(10 * time.Second):
		t.Fatal("scan hung (a FIFO read, or a symlink loop followed)")
	}
	if err != nil {
		t.Fatal(err)
	}
	want := []found{
		{"app.env", RuleMiraKey, 1, ""},
		{"late-nul.txt", RuleMiraKey, 1, ""},
		{"sub/deep/app.env", RuleMiraKey, 2, ""},
	}
	if diff := cmp.Diff(want, summarize(dir, res.Findings)); diff != "" {
		t.Errorf("findings (-want +got):\n%s", diff)
	}
	wantSkipped := Skipped{Binary: 1, TooLarge: 1, Symlinks: 2, Other: 1}
	if diff := cmp.Diff(wantSkipped, res.Skipped); diff != "" {
		t.Errorf("skipped (-want +got):\n%s", diff)
	}
	if res.Files != 3 {
		t.Errorf("Files = %d; want 3", res.Files)
	}
}

func TestFilesArguments(t *testing.T) {
	dir := t.TempDir()
	key := apikey.Generate()
	writeFile(t, filepath.Join(dir, "d", "a.env"), "K="+key+"\n")
	s := New(Options{})

	// A file given directly.
	res, err := s.Files(t.Context(), filepath.Join(dir, "d", "a.env"))
	if err != nil || len(res.Findings) != 1 {
		t.Errorf("Files(file) = %v, %v; want 1 finding", res, err)
	}
	// A symlink given on the command line is followed.
	link := filepath.Join(dir, "link")
	if err := os.Symlink(filepath.Join(dir, "d"), link); err != nil {
		t.Fatal(err)
	}
	res, err = s.Files(t.Context(), link)
	if err != nil || len(res.Findings) != 1 || res.Findings[0].Path != filepath.Join(link, "a.env") {
		t.Errorf("Files(symlink to dir) = %v, %v; want 1 finding under the link's name", res, err)
	}
	// A path that does not exist is an error (exit code 2), not a clean scan.
	if _, err := s.Files(t.Context(), filepath.Join(dir, "missing")); err == nil {
		t.Error("Files(missing) succeeded")
	}
	if _, err := Run(t.Context(), []string{dir, filepath.Join(dir, "missing")}, Options{}); err == nil {
		t.Error("Run with a missing path succeeded")
	}
}

func TestFilesUnreadable(t *testing.T) {
	if os.Geteuid() == 0 {
		t.Skip("root reads everything")
	}
	dir := t.TempDir()
	writeFile(t, filepath.Join(dir, "ok.env"), "K="+apikey.Generate()+"\n")
	writeFile(t, filepath.Join(dir, "secret.env"), "K="+apikey.Generate()+"\n")
	if err := os.Chmod(filepath.Join(dir, "secret.env"), 0); err != nil {
		t.Fatal(err)
	}
	res, err := New(Options{}).Files(t.Context(), dir)
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Findings) != 1 || len(res.Errors) != 1 {
		t.Errorf("findings %v, errors %v; want 1 and 1", res.Findings, res.Errors)
	}
}

func TestMiraignore(t *testing.T) {
	tests := []struct {
		name     string
		patterns string
		path     string
		rule     string
		allowed  bool
	}{
		{"unanchored name at any depth", "fixtures", "a/b/fixtures/x.env", RuleMiraKey, true},
		{"directory pattern", "testdata/", "pkg/testdata/k.pem", RulePrivateKey, true},
		{"glob on the base name", "*.pem", "deep/dir/k.pem", RulePrivateKey, true},
		{"glob does not cross directories", "/*.pem", "deep/k.pem", RulePrivateKey, false},
		{"anchored", "/docs/examples", "docs/examples/a.md", RuleMiraKey, true},
		{"anchored elsewhere", "/docs/examples", "x/docs/examples/a.md", RuleMiraKey, false},
		{"double star", "docs/**/*.md", "docs/a/b/c.md", RuleMiraKey, true},
		{"rule restriction", "*.pem private-key", "k.pem", RuleMiraKey, false},
		{"rule restriction matches", "*.pem private-key jwt", "k.pem", "jwt", true},
		{"negation", "testdata/\n!testdata/real.env", "testdata/real.env", RuleMiraKey, false},
		{"negation of one rule", "testdata/\n!testdata/ mira-api-key", "testdata/a.env", RuleMiraKey, false},
		{"negation leaves other rules", "testdata/\n!testdata/ mira-api-key", "testdata/a.env", "jwt", true},
		{"comments", "# testdata\n\n  # x\nfoo # trailing", "foo/a", RuleMiraKey, true},
		{"no match", "testdata/", "src/a.env", RuleMiraKey, false},
	}
	for _, tt := range tests {
		set, err := parseIgnore(bufio.NewScanner(strings.NewReader(tt.patterns)), ".miraignore")
		if err != nil {
			t.Errorf("%s: %v", tt.name, err)
			continue
		}
		set.base = "/repo"
		ign := &ignores{sets: []*ignoreSet{set}}
		if got := ign.allows("/repo/"+tt.path, tt.rule); got != tt.allowed {
			t.Errorf("%s: allows(%q, %s) with %q = %v; want %v", tt.name, tt.path, tt.rule, tt.patterns, got, tt.allowed)
		}
	}

	for _, bad := range []string{"[", "*.pem no-such-rule", "/"} {
		if _, err := parseIgnore(bufio.NewScanner(strings.NewReader(bad)), ".miraignore"); err == nil {
			t.Errorf("parseIgnore(%q) succeeded; want an error", bad)
		}
	}
}

// TestMiraignoreInTree: a .miraignore at the scanned root (or the git
// top-level above it) applies; directories it covers are not even read.
func TestMiraignoreInTree(t *testing.T) {
	top := t.TempDir()
	if err := os.Mkdir(filepath.Join(top, ".git"), 0o755); err != nil {
		t.Fatal(err)
	}
	line := "K=" + apikey.Generate() + "\n"
	writeFile(t, filepath.Join(top, ".miraignore"), "vendor/\n*.pem private-key\n")
	writeFile(t, filepath.Join(top, "svc", ".miraignore"), "/local.env\n")
	writeFile(t, filepath.Join(top, "svc", "vendor", "lib", "a.env"), line)
	writeFile(t, filepath.Join(top, "svc", "local.env"), line)
	writeFile(t, filepath.Join(top, "svc", "k.pem"), line) // a Mira key in a .pem: still reported
	writeFile(t, filepath.Join(top, "svc", "app.env"), line)

	res, err := New(Options{}).Files(t.Context(), filepath.Join(top, "svc"))
	if err != nil {
		t.Fatal(err)
	}
	want := []found{{"svc/app.env", RuleMiraKey, 1, ""}, {"svc/k.pem", RuleMiraKey, 1, ""}}
	if diff := cmp.Diff(want, summarize(top, res.Findings)); diff != "" {
		t.Errorf("findings (-want +got):\n%s", diff)
	}
	if res.Skipped.Ignored != 2 { // vendor/ (a directory) and local.env
		t.Errorf("Skipped.Ignored = %d; want 2", res.Skipped.Ignored)
	}

	// IgnoreFile "-" turns allow-list files off.
	res, err = New(Options{IgnoreFile: "-"}).Files(t.Context(), filepath.Join(top, "svc"))
	if err != nil || len(res.Findings) != 4 {
		t.Errorf("with IgnoreFile \"-\": %v, %v; want 4 findings", res.Findings, err)
	}
	// A broken .miraignore is an error, not a silently empty allow-list.
	writeFile(t, filepath.Join(top, ".miraignore"), "*.pem no-such-rule\n")
	if _, err := New(Options{}).Files(t.Context(), filepath.Join(top, "svc")); err == nil {
		t.Error("a .miraignore naming an unknown rule was accepted")
	}
}

func TestSummaryAndJSON(t *testing.T) {
	dir := t.TempDir()
	writeFile(t, filepath.Join(dir, "a.env"), "K="+apikey.Generate()+"\n")
	writeFile(t, filepath.Join(dir, "b.bin"), "\x00")
	res, err := New(Options{}).Files(t.Context(), dir)
	if err != nil {
		t.Fatal(err)
	}
	if got, want := res.Summary(), "1 secret found (1 Mira key) in 1 file; 1 skipped (binary)"; got != want {
		t.Errorf("Summary() = %q; want %q", got, want)
	}
	var b strings.Builder
	if err := WriteJSON(&b, &Result{}); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(b.String(), `"findings": []`) || !strings.Contains(b.String(), `"errors": []`) {
		t.Errorf("empty result JSON has null lists:\n%s", b.String())
	}
}

// TestRulesListed: every rule has an id and a description, ids are unique.
func TestRulesListed(t *testing.T) {
	seen := map[string]bool{}
	for _, r := range Rules() {
		if r.ID == "" || r.Description == "" || seen[r.ID] {
			t.Errorf("rule %+v: empty or duplicate", r)
		}
		seen[r.ID] = true
	}
}
