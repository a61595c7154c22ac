// Package scan is the engine of `mira scan`: it finds Mira API keys and
// other secrets in files and in git history, so they are caught before
// they are pushed, and reported (revoked) when they were.
//
// Mira keys are found by their published pattern and verified by their
// checksum, so a look-alike is never reported. Other secrets (private keys,
// cloud and SaaS tokens, passwords assigned in configuration) are found by
// rules adapted from gitleaks (see rules.go).
//
// Findings never carry a secret in the clear: they hold a masked form
// (Mask) for output. A Mira key's raw value stays in memory only, for
// Report (`mira scan --report`), and every way of printing a Finding masks
// it.
//
// # What is scanned
//
// Files: every regular file under the given paths, except .git
// directories, symbolic links (not followed, except a path given on the
// command line), files larger than Options.MaxFileSize (10 MiB), and
// binary files (a NUL byte in the first 8 KiB). History: the lines added
// by every commit reachable from any ref (git log --all), oldest first; a
// secret at the same file and line is reported once, with the commit that
// introduced it. Staged: the lines added in the index (for pre-commit hooks).
//
// # Allow-list
//
// A line containing "mira:allow" (in a comment, typically) reports nothing.
// A .miraignore file, at the root of a scanned directory or of its git
// repository, lists paths, gitignore-style, one per line:
//
//	# comments and blank lines are ignored
//	testdata/                 # anything under a testdata directory
//	/docs/examples/*.md       # anchored to the directory of .miraignore
//	**/fixtures/*.pem private-key   # only these rule ids there
//	!testdata/real.env        # a later "!" line re-includes
//
// Allowed findings are counted in Result.Allowed, never silently lost.
//
// # Exit codes (for the CLI)
//
// 0: nothing found. 1: at least one finding. 2: usage error, or the scan
// could not be completed (a path that does not exist, git failing), so
// that "1" always means "secrets found" and a failed scan never passes for
// a clean one.
package scan

import (
	"bytes"
	"context"
	"crypto/sha256"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"strings"
	"sync"
)

// DefaultMaxFileSize is the size above which files are skipped.
const DefaultMaxFileSize = 10 << 20

// binarySniff is how much of a file is checked for NUL bytes.
const binarySniff = 8 << 10

// AllowMarker on a line suppresses findings on that line.
const AllowMarker = "mira:allow"

// IgnoreFileName is the allow-list file looked for in scanned trees.
const IgnoreFileName = ".miraignore"

// Options configure a scan. The zero value scans the working tree.
type Options struct {
	// GitHistory also scans every commit's added lines (Run only).
	GitHistory bool
	// Staged scans the changes staged for commit instead of the working
	// tree (Run only): what a pre-commit hook needs.
	Staged bool
	// MaxFileSize skips larger files; default DefaultMaxFileSize.
	MaxFileSize int64
	// IgnoreFile names an allow-list to use instead of looking for
	// .miraignore files; "-" disables allow-list files altogether.
	IgnoreFile string
	// Workers is how many files are scanned at once; default GOMAXPROCS.
	Workers int
}

// Finding is one secret found. It never holds a secret in the clear,
// except a Mira key's raw value, unexported and masked in every printed
// form, for Report.
type Finding struct {
	Path        string `json:"path"`
	Line        int    `json:"line"`   // 1-based
	Column      int    `json:"column"` // 1-based, in bytes
	Rule        string `json:"rule"`
	Description string `json:"description"`
	Masked      string `json:"masked"`
	Commit      string `json:"commit,omitempty"` // history findings: the commit that added it

	key string   // the raw Mira key, for rule mira-api-key only
	sum [32]byte // SHA-256 of rule and secret, to recognise it again
}

// MiraKey returns the raw key of a Mira key finding, for Report. Never
// print it.
func (f Finding) MiraKey() (string, bool) { return f.key, f.key != "" }

// String formats f as the text output does, masked.
func (f Finding) String() string {
	s := fmt.Sprintf("%s:%d:%d: %s %s", f.Path, f.Line, f.Column, f.Rule, f.Masked)
	if f.Commit != "" {
		s += " (commit " + f.Commit + ")"
	}
	return s
}

// Format makes every fmt verb (%v, %+v, %#v, %s, %q...) print the masked
// form: the raw key must not escape through a debug print.
func (f Finding) Format(s fmt.State, verb rune) {
	if verb == 'q' {
		fmt.Fprintf(s, "%q", f.String())
		return
	}
	io.WriteString(s, f.String())
}

// Skipped counts what a scan did not read.
type Skipped struct {
	Binary   int `json:"binary"`
	TooLarge int `json:"too_large"`
	Symlinks int `json:"symlinks"`
	Ignored  int `json:"ignored"` // files excluded by .miraignore
	Other    int `json:"other"`   // devices, sockets, pipes
}

// Result is what a scan found and how much it looked at.
type Result struct {
	Findings []Finding
	Files    int // files read (working tree), or files with added lines (history)
	Commits  int // commits read (history)
	Skipped  Skipped
	Allowed  int     // findings suppressed by mira:allow or .miraignore
	Errors   []error // files that could not be read; the scan went on
}

// Found reports whether the scan found anything (exit code 1).
func (r *Result) Found() bool { return len(r.Findings) > 0 }

// merge adds o's findings and counts to r.
func (r *Result) merge(o *Result) {
	r.Findings = append(r.Findings, o.Findings...)
	r.Files += o.Files
	r.Commits += o.Commits
	r.Skipped.Binary += o.Skipped.Binary
	r.Skipped.TooLarge += o.Skipped.TooLarge
	r.Skipped.Symlinks += o.Skipped.Symlinks
	r.Skipped.Ignored += o.Skipped.Ignored
	r.Skipped.Other += o.Skipped.Other
	r.Allowed += o.Allowed
	r.Errors = append(r.Errors, o.Errors...)
}

// Scanner scans files and repositories. It is safe for concurrent use.
type Scanner struct {
	opts Options
	det  *detector
}

// New returns a Scanner.
func New(opts Options) *Scanner {
	if opts.MaxFileSize <= 0 {
		opts.MaxFileSize = DefaultMaxFileSize
	}
	if opts.Workers <= 0 {
		opts.Workers = runtime.GOMAXPROCS(0)
	}
	return &Scanner{opts: opts, det: defaultDetector}
}

// Run is `mira scan [PATH...]`: the working tree of each path (default
// "."), or its staged changes with opts.Staged, plus the git history of
// each path with opts.GitHistory.
func Run(ctx context.Context, paths []string, opts Options) (*Result, error) {
	if len(paths) == 0 {
		paths = []string{"."}
	}
	s := New(opts)
	res := &Result{}
	for _, p := range paths {
		var (
			r   *Result
			err error
		)
		if opts.Staged {
			r, err = s.Staged(ctx, p)
		} else {
			r, err = s.Files(ctx, p)
		}
		if err != nil {
			return nil, err
		}
		res.merge(r)
		if opts.GitHistory {
			h, err := s.History(ctx, p)
			if err != nil {
				return nil, err
			}
			res.merge(h)
		}
	}
	return res, nil
}

// Text scans one text (say, standard input) and reports findings under
// the name path. Allow-list files do not apply; mira:allow does.
func (s *Scanner) Text(path string, text []byte) *Result {
	res := &Result{Files: 1}
	if bytes.IndexByte(text[:min(len(text), binarySniff)], 0) >= 0 {
		res.Files, res.Skipped.Binary = 0, 1
		return res
	}
	s.findings(res, string(text), path, "", nil, nil)
	return res
}

// Files scans the files under root (a directory or a file).
func (s *Scanner) Files(ctx context.Context, root string) (*Result, error) {
	info, err := os.Stat(root) // follows a symlink given on the command line
	if err != nil {
		return nil, err
	}
	ign, err := s.ignoresFor(root, info.IsDir())
	if err != nil {
		return nil, err
	}
	res := &Result{}
	if !info.IsDir() {
		s.scanFile(res, root, ign)
		return res, nil
	}
	walkRoot := root
	if li, err := os.Lstat(root); err == nil && li.Mode()&fs.ModeSymlink != 0 {
		walkRoot = root + string(filepath.Separator) // make WalkDir enter the linked directory
	}

	paths := make(chan string, 256)
	results := make([]*Result, s.opts.Workers)
	var wg sync.WaitGroup
	for w := range results {
		r := &Result{}
		results[w] = r
		wg.Go(func() {
			for p := range paths {
				s.scanFile(r, p, ign)
			}
		})
	}
	walkErr := filepath.WalkDir(walkRoot, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			if p == walkRoot {
				return err
			}
			res.Errors = append(res.Errors, err)
			if d != nil && d.IsDir() {
				return fs.SkipDir
			}
			return nil
		}
		if err := ctx.Err(); err != nil {
			return err
		}
		switch t := d.Type(); {
		case d.IsDir():
			if d.Name() == ".git" && p != walkRoot {
				return fs.SkipDir
			}
			if p != walkRoot && ign.skipsDir(p) {
				res.Skipped.Ignored++
				return fs.SkipDir
			}
		case t&fs.ModeSymlink != 0:
			res.Skipped.Symlinks++
		case !t.IsRegular():
			res.Skipped.Other++
		case ign.skipsFile(p):
			res.Skipped.Ignored++
		default:
			select {
			case paths <- p:
			case <-ctx.Done():
				return ctx.Err()
			}
		}
		return nil
	})
	close(paths)
	wg.Wait()
	if walkErr != nil {
		return nil, walkErr
	}
	for _, r := range results {
		res.merge(r)
	}
	slices.SortFunc(res.Findings, compareFindings)
	return res, nil
}

func compareFindings(a, b Finding) int {
	if c := strings.Compare(a.Path, b.Path); c != 0 {
		return c
	}
	if a.Line != b.Line {
		return a.Line - b.Line
	}
	if a.Column != b.Column {
		return a.Column - b.Column
	}
	return strings.Compare(a.Rule, b.Rule)
}

// scanFile reads one regular file and adds its findings to res.
func (s *Scanner) scanFile(res *Result, path string, ign *ignores) {
	f, err := os.Open(path)
	if err != nil {
		res.Errors = append(res.Errors, err)
		return
	}
	defer f.Close()
	info, err := f.Stat()
	if err != nil {
		res.Errors = append(res.Errors, err)
		return
	}
	if !info.Mode().IsRegular() {
		res.Skipped.Other++
		return
	}
	if info.Size() > s.opts.MaxFileSize {
		res.Skipped.TooLarge++
		return
	}
	buf := make([]byte, 0, info.Size()+1)
	head := buf[:min(int64(binarySniff), info.Size())]
	n, err := io.ReadFull(f, head)
	if err != nil && !errors.Is(err, io.ErrUnexpectedEOF) && !errors.Is(err, io.EOF) {
		res.Errors = append(res.Errors, err)
		return
	}
	if bytes.IndexByte(head[:n], 0) >= 0 {
		res.Skipped.Binary++
		return
	}
	// The file may have grown since Stat: read at most one byte past the limit.
	data, err := readAll(f, buf[:n], s.opts.MaxFileSize+1)
	if err != nil {
		res.Errors = append(res.Errors, err)
		return
	}
	if int64(len(data)) > s.opts.MaxFileSize {
		res.Skipped.TooLarge++
		return
	}
	res.Files++
	s.findings(res, string(data), path, "", nil, ign)
}

func readAll(r io.Reader, buf []byte, limit int64) ([]byte, error) {
	lr := io.LimitReader(r, limit-int64(len(buf)))
	for {
		if len(buf) == cap(buf) {
			buf = slices.Grow(buf, 4096)
		}
		n, err := lr.Read(buf[len(buf):cap(buf)])
		buf = buf[:len(buf)+n]
		if err == io.EOF {
			return buf, nil
		}
		if err != nil {
			return buf, err
		}
	}
}

// findings runs the detector over text and adds what is not allowed to
// res. lineNums, when set, maps the text's lines to the file's (history:
// the text is the added lines only).
func (s *Scanner) findings(res *Result, text, path, commit string, lineNums []int, ign *ignores) {
	ms := s.det.find(text)
	if len(ms) == 0 {
		return
	}
	var lines lineIndex
	for _, m := range ms {
		line, lineStart, lineText := lines.locate(text, m.start)
		if strings.Contains(lineText, AllowMarker) || ign.allows(path, m.rule.ID) {
			res.Allowed++
			continue
		}
		f := Finding{
			Path:        path,
			Line:        line,
			Column:      m.start - lineStart + 1,
			Rule:        m.rule.ID,
			Description: m.rule.Description,
			Masked:      m.masked,
			Commit:      commit,
		}
		if lineNums != nil {
			f.Line = lineNums[line-1]
		}
		if f.Masked == "" {
			f.Masked = Mask(m.secret)
		}
		if m.rule.ID == RuleMiraKey {
			f.key = m.secret
		}
		f.sum = sha256.Sum256([]byte(m.rule.ID + "\x00" + m.secret))
		res.Findings = append(res.Findings, f)
	}
}

// lineIndex finds line numbers by offset, building the table of line
// starts only for texts that have findings.
type lineIndex struct{ starts []int }

// locate returns the 1-based line holding offset off, its start, and its text.
func (li *lineIndex) locate(text string, off int) (line, start int, lineText string) {
	if li.starts == nil {
		li.starts = append(li.starts, 0)
		for i := 0; i < len(text); {
			j := strings.IndexByte(text[i:], '\n')
			if j < 0 {
				break
			}
			i += j + 1
			li.starts = append(li.starts, i)
		}
	}
	n, found := slices.BinarySearch(li.starts, off)
	if !found {
		n--
	}
	start = li.starts[n]
	end := len(text)
	if n+1 < len(li.starts) {
		end = li.starts[n+1] - 1
	}
	return n + 1, start, text[start:end]
}
