package scan

import (
	"bufio"
	"bytes"
	"context"
	"crypto/sha256"
	"errors"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
)

// History scans the lines added by every commit reachable from any ref of
// the git repository holding path, limited to path's subtree. Commits are
// read oldest first, and a secret at the same file and line is reported
// once, with the commit that introduced it.
//
// Not scanned: changes made only inside merge commits (conflict
// resolutions), commits reachable from no ref (the reflog), and blobs git
// considers binary.
func (s *Scanner) History(ctx context.Context, path string) (*Result, error) {
	return s.gitDiff(ctx, path, true)
}

// Staged scans the lines added in the index of the repository holding
// path (git diff --cached): what is about to be committed. Inside a
// pre-commit hook, git's GIT_INDEX_FILE is honoured.
func (s *Scanner) Staged(ctx context.Context, path string) (*Result, error) {
	return s.gitDiff(ctx, path, false)
}

// gitArgs are the options that pin git's output format whatever the
// user's configuration says, and keep a scanned repository's own
// configuration from running programs (external diff, textconv).
var gitArgs = []string{
	"-c", "core.quotePath=false",
	"-c", "diff.noprefix=false",
	"-c", "diff.mnemonicPrefix=false",
	"-c", "diff.relative=false",
	"-c", "log.showSignature=false",
	"-c", "log.showRoot=true",
	"-c", "color.ui=false",
	"-c", "core.fsmonitor=false",
}

var diffArgs = []string{
	"-p", "--unified=0", "--no-color", "--no-ext-diff", "--no-textconv",
	"--find-renames", "--src-prefix=a/", "--dst-prefix=b/",
}

func (s *Scanner) gitDiff(ctx context.Context, path string, history bool) (*Result, error) {
	info, err := os.Stat(path)
	if err != nil {
		return nil, err
	}
	dir, spec := path, "."
	if !info.IsDir() {
		dir, spec = filepath.Dir(path), filepath.Base(path)
	}
	out, err := git(ctx, dir, "rev-parse", "--show-toplevel", "--show-cdup")
	if err != nil {
		return nil, fmt.Errorf("%s is not in a git repository: %w", path, err)
	}
	lines := strings.Split(strings.TrimRight(out, "\n"), "\n")
	top := lines[0]
	cdup := ""
	if len(lines) > 1 {
		cdup = lines[1]
	}
	display := filepath.Join(dir, cdup) // the top-level as the user names it

	var ign *ignores
	switch s.opts.IgnoreFile {
	case "-":
	case "":
		if ign, err = loadIgnoreDirs([]string{top}); err != nil {
			return nil, err
		}
	default:
		set, err := loadIgnoreFile(s.opts.IgnoreFile)
		if err != nil {
			return nil, err
		}
		ign = &ignores{sets: []*ignoreSet{set}}
	}

	args := append([]string{}, gitArgs...)
	if history {
		if err := hasCommits(ctx, dir); err != nil {
			return &Result{}, nil // a repository without commits has no history
		}
		args = append(args, "log", "--all", "--reverse", "--format=%x00%H")
	} else {
		args = append(args, "diff", "--cached")
	}
	args = append(args, diffArgs...)
	args = append(args, "--", spec)

	cmd := exec.CommandContext(ctx, "git", args...)
	cmd.Dir = dir
	cmd.Env = gitEnv()
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	stdout, err := cmd.StdoutPipe()
	if err != nil {
		return nil, err
	}
	if err := cmd.Start(); err != nil {
		return nil, fmt.Errorf("running git: %w", err)
	}
	d := &diffReader{s: s, ign: ign, display: display, seen: map[[32]byte]bool{}, res: &Result{}}
	perr := d.read(stdout)
	if perr != nil {
		_, _ = io.Copy(io.Discard, stdout)
	}
	werr := cmd.Wait()
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	if werr != nil {
		return nil, fmt.Errorf("git %s: %w: %s", args[len(gitArgs)], werr, strings.TrimSpace(stderr.String()))
	}
	if perr != nil {
		return nil, perr
	}
	return d.res, nil
}

func hasCommits(ctx context.Context, dir string) error {
	_, err := git(ctx, dir, "rev-parse", "--verify", "--quiet", "HEAD")
	if err == nil {
		return nil
	}
	// HEAD may be unborn while other refs exist.
	out, err2 := git(ctx, dir, "for-each-ref", "--count=1", "--format=%(refname)")
	if err2 == nil && strings.TrimSpace(out) != "" {
		return nil
	}
	return err
}

func git(ctx context.Context, dir string, args ...string) (string, error) {
	cmd := exec.CommandContext(ctx, "git", append(append([]string{}, gitArgs...), args...)...)
	cmd.Dir = dir
	cmd.Env = gitEnv()
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		if msg := strings.TrimSpace(stderr.String()); msg != "" {
			return "", errors.New(msg)
		}
		return "", err
	}
	return string(out), nil
}

// gitEnv keeps git from prompting or paging. GIT_DIR and GIT_INDEX_FILE
// are inherited on purpose: inside a hook they name the repository and the
// index being committed.
func gitEnv() []string {
	return append(os.Environ(), "GIT_TERMINAL_PROMPT=0", "GIT_PAGER=cat", "PAGER=cat", "GIT_OPTIONAL_LOCKS=0")
}

// diffReader turns `git log -p --unified=0` output into findings: the
// added lines of each file in each commit are gathered into one text
// (keeping their line numbers), then scanned like a file.
type diffReader struct {
	s       *Scanner
	ign     *ignores
	display string
	res     *Result
	seen    map[[32]byte]bool // rule, path, line and secret already reported

	commit   string
	file     string
	inHunk   bool
	newLine  int
	text     []byte
	lineNums []int
	tooLarge bool
}

// maxLine caps one diff line; the rest of a longer line is not scanned.
const maxLine = 1 << 20

func (d *diffReader) read(r io.Reader) error {
	br := bufio.NewReaderSize(r, 64<<10)
	var long []byte
	for {
		chunk, err := br.ReadSlice('\n')
		line := chunk
		if errors.Is(err, bufio.ErrBufferFull) || long != nil {
			if len(long) < maxLine {
				long = append(long, chunk[:min(len(chunk), maxLine-len(long))]...)
			}
			if errors.Is(err, bufio.ErrBufferFull) {
				continue
			}
			line, long = long, nil
		}
		if len(line) > 0 {
			d.line(bytes.TrimSuffix(bytes.TrimSuffix(line, []byte("\n")), []byte("\r")))
		}
		if err == io.EOF {
			d.flush()
			return nil
		}
		if err != nil && !errors.Is(err, bufio.ErrBufferFull) {
			return err
		}
	}
}

func (d *diffReader) line(l []byte) {
	if d.inHunk && len(l) > 0 {
		switch l[0] {
		case '+':
			d.add(l[1:])
			return
		case '-', '\\':
			return
		case ' ':
			d.newLine++
			return
		}
	}
	switch {
	case len(l) > 0 && l[0] == 0: // "\x00<commit>"
		d.flush()
		d.commit = string(l[1:])
		d.res.Commits++
		d.file, d.inHunk = "", false
	case bytes.HasPrefix(l, []byte("diff --git ")):
		d.flush()
		d.file, d.inHunk = "", false
	case bytes.HasPrefix(l, []byte("+++ ")):
		d.file = diffPath(string(l[4:]))
	case bytes.HasPrefix(l, []byte("@@ ")):
		d.inHunk = d.file != ""
		d.newLine = hunkStart(l)
	}
}

func (d *diffReader) add(content []byte) {
	n := d.newLine
	d.newLine++
	if d.tooLarge {
		return
	}
	if int64(len(d.text)+len(content)) > d.s.opts.MaxFileSize {
		d.tooLarge = true
		d.res.Skipped.TooLarge++
		return
	}
	d.text = append(d.text, content...)
	d.text = append(d.text, '\n')
	d.lineNums = append(d.lineNums, n)
}

// flush scans the added lines of the current file.
func (d *diffReader) flush() {
	defer func() { d.text, d.lineNums, d.tooLarge = d.text[:0], d.lineNums[:0], false }()
	if len(d.lineNums) == 0 || d.file == "" {
		return
	}
	path := filepath.Join(d.display, filepath.FromSlash(d.file))
	tmp := &Result{}
	d.s.findings(tmp, string(d.text), path, d.commit, d.lineNums, d.ign)
	d.res.Files++
	d.res.Allowed += tmp.Allowed
	for _, f := range tmp.Findings {
		k := findingKey(f)
		if d.seen[k] {
			continue
		}
		d.seen[k] = true
		d.res.Findings = append(d.res.Findings, f)
	}
}

// findingKey identifies a secret at a place, without keeping the secret.
func findingKey(f Finding) [32]byte {
	h := sha256.New()
	h.Write(f.sum[:])
	fmt.Fprintf(h, "%s\x00%d", f.Path, f.Line)
	var k [32]byte
	h.Sum(k[:0])
	return k
}

// diffPath parses the path of a "+++ " line: "b/dir/file", a quoted C
// string for unusual names, or /dev/null for a deleted file.
func diffPath(s string) string {
	if s == "/dev/null" {
		return ""
	}
	if strings.HasPrefix(s, `"`) {
		if u, err := strconv.Unquote(s); err == nil {
			s = u
		}
	}
	if t, ok := strings.CutSuffix(s, "\t"); ok { // git appends a tab to names with spaces
		s = t
	}
	return strings.TrimPrefix(s, "b/")
}

// hunkStart returns the first new line number of "@@ -a,b +c,d @@".
func hunkStart(l []byte) int {
	i := bytes.Index(l, []byte(" +"))
	if i < 0 {
		return 0
	}
	rest := l[i+2:]
	j := 0
	for j < len(rest) && '0' <= rest[j] && rest[j] <= '9' {
		j++
	}
	n, _ := strconv.Atoi(string(rest[:j]))
	return n
}
