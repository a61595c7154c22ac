package scan

import (
	"bufio"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"slices"
	"strings"
)

// ignores is the allow-list from .miraignore files. A nil *ignores allows
// nothing.
type ignores struct {
	sets []*ignoreSet
}

// ignoreSet is one .miraignore file; its patterns are relative to base.
type ignoreSet struct {
	base    string // absolute directory
	entries []ignoreEntry
	hasNeg  bool
}

type ignoreEntry struct {
	neg   bool
	segs  []string // pattern segments; unanchored patterns start with "**"
	rules []string // empty: every rule
}

// ignoresFor loads the allow-list for a scan of root: Options.IgnoreFile,
// or the .miraignore of root's directory and of its git top-level.
func (s *Scanner) ignoresFor(root string, isDir bool) (*ignores, error) {
	switch s.opts.IgnoreFile {
	case "-":
		return nil, nil
	case "":
	default:
		set, err := loadIgnoreFile(s.opts.IgnoreFile)
		if err != nil {
			return nil, err
		}
		return &ignores{sets: []*ignoreSet{set}}, nil
	}
	dir := root
	if !isDir {
		dir = filepath.Dir(root)
	}
	abs, err := filepath.Abs(dir)
	if err != nil {
		return nil, err
	}
	dirs := []string{abs}
	if top := gitTopLevel(abs); top != "" && top != abs {
		dirs = append(dirs, top)
	}
	return loadIgnoreDirs(dirs)
}

func loadIgnoreDirs(dirs []string) (*ignores, error) {
	ign := &ignores{}
	for _, d := range dirs {
		set, err := loadIgnoreFile(filepath.Join(d, IgnoreFileName))
		if errors.Is(err, fs.ErrNotExist) {
			continue
		}
		if err != nil {
			return nil, err
		}
		ign.sets = append(ign.sets, set)
	}
	return ign, nil
}

// gitTopLevel returns the nearest ancestor of dir (absolute) that holds a
// .git entry, or "".
func gitTopLevel(dir string) string {
	for d := dir; ; {
		if _, err := os.Lstat(filepath.Join(d, ".git")); err == nil {
			return d
		}
		parent := filepath.Dir(d)
		if parent == d {
			return ""
		}
		d = parent
	}
}

func loadIgnoreFile(name string) (*ignoreSet, error) {
	f, err := os.Open(name)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	abs, err := filepath.Abs(filepath.Dir(name))
	if err != nil {
		return nil, err
	}
	set, err := parseIgnore(bufio.NewScanner(f), name)
	if err != nil {
		return nil, err
	}
	set.base = abs
	return set, nil
}

func parseIgnore(sc *bufio.Scanner, name string) (*ignoreSet, error) {
	known := map[string]bool{}
	for _, r := range rules {
		known[r.ID] = true
	}
	set := &ignoreSet{}
	for n := 1; sc.Scan(); n++ {
		line := sc.Text()
		if i := strings.Index(line, " #"); i >= 0 {
			line = line[:i]
		}
		line = strings.TrimSpace(line)
		if line == "" || line[0] == '#' {
			continue
		}
		fields := strings.Fields(line)
		e := ignoreEntry{rules: fields[1:]}
		pat := fields[0]
		if strings.HasPrefix(pat, "!") {
			e.neg, pat = true, pat[1:]
			set.hasNeg = true
		}
		anchored := strings.HasPrefix(pat, "/") || strings.Contains(strings.TrimSuffix(pat, "/"), "/")
		pat = strings.Trim(pat, "/")
		if pat == "" {
			return nil, fmt.Errorf("%s:%d: empty pattern", name, n)
		}
		e.segs = strings.Split(pat, "/")
		for _, seg := range e.segs {
			if _, err := path.Match(seg, ""); err != nil {
				return nil, fmt.Errorf("%s:%d: bad pattern %q: %v", name, n, fields[0], err)
			}
		}
		if !anchored {
			e.segs = append([]string{"**"}, e.segs...)
		}
		for _, r := range e.rules {
			if !known[r] {
				return nil, fmt.Errorf("%s:%d: unknown rule %q (see mira scan --list-rules)", name, n, r)
			}
		}
		set.entries = append(set.entries, e)
	}
	return set, sc.Err()
}

// allows reports whether a finding of rule in file p is allow-listed.
func (ign *ignores) allows(p, rule string) bool {
	if ign == nil {
		return false
	}
	for _, set := range ign.sets {
		segs, ok := set.rel(p)
		if ok && set.decide(segs, rule) {
			return true
		}
	}
	return false
}

// skipsFile reports whether every rule is allow-listed in file p, so it
// need not be read.
func (ign *ignores) skipsFile(p string) bool {
	if ign == nil || len(ign.sets) == 0 {
		return false
	}
	for _, r := range rules {
		if !ign.allows(p, r.ID) {
			return false
		}
	}
	return true
}

// skipsDir reports whether everything under directory p is allow-listed
// for every rule: a rule-less pattern matches it and no "!" line could
// re-include something below.
func (ign *ignores) skipsDir(p string) bool {
	if ign == nil {
		return false
	}
	for _, set := range ign.sets {
		if set.hasNeg {
			continue
		}
		segs, ok := set.rel(p)
		if !ok {
			continue
		}
		for _, e := range set.entries {
			if len(e.rules) == 0 && e.matches(segs) {
				return true
			}
		}
	}
	return false
}

// rel returns p's segments relative to the set's base, if p is inside it.
func (set *ignoreSet) rel(p string) ([]string, bool) {
	abs, err := filepath.Abs(p)
	if err != nil {
		return nil, false
	}
	r, err := filepath.Rel(set.base, abs)
	if err != nil || r == "." || r == ".." || strings.HasPrefix(r, ".."+string(filepath.Separator)) {
		return nil, false
	}
	return strings.Split(filepath.ToSlash(r), "/"), true
}

// decide applies the entries in order; the last that matches wins.
func (set *ignoreSet) decide(segs []string, rule string) bool {
	allowed := false
	for _, e := range set.entries {
		if (len(e.rules) == 0 || slices.Contains(e.rules, rule)) && e.matches(segs) {
			allowed = !e.neg
		}
	}
	return allowed
}

// matches reports whether the pattern matches the path or one of its
// parent directories ("vendor" covers "vendor/a/b.go").
func (e ignoreEntry) matches(segs []string) bool {
	for k := len(segs); k >= 1; k-- {
		if matchSegs(e.segs, segs[:k]) {
			return true
		}
	}
	return false
}

// matchSegs matches path segments against pattern segments, where "**"
// matches any number of segments and the others are path.Match globs.
func matchSegs(p, s []string) bool {
	for len(p) > 0 {
		if p[0] == "**" {
			for i := 0; i <= len(s); i++ {
				if matchSegs(p[1:], s[i:]) {
					return true
				}
			}
			return false
		}
		if len(s) == 0 {
			return false
		}
		if ok, _ := path.Match(p[0], s[0]); !ok {
			return false
		}
		p, s = p[1:], s[1:]
	}
	return len(s) == 0
}
