package main

import (
	"io"
	"strings"
	"testing"
	"time"

	"github.com/spf13/cobra"
)

func TestVersionCommand(t *testing.T) {
	want := "mira " + versionLine() + "\n"
	for _, args := range [][]string{{"--version"}, {"version"}} {
		out, errOut, code := runMira(t, nil, "", args...)
		if code != 0 || out != want {
			t.Errorf("mira %s: code %d, stdout %q (want %q), stderr %q", strings.Join(args, " "), code, out, want, errOut)
		}
	}
}

// TestDestructiveCommandsConfirm: revoke, rotate --grace 0 and admin key
// revoke refuse without a terminal unless --yes (exit 2, naming --yes),
// work with --yes or -y, and on a terminal ask, acting only on "y".
func TestDestructiveCommandsConfirm(t *testing.T) {
	ts := startServer(t, "", nil)
	admin, _ := ts.createKey(t, "--scopes", "keys:read,keys:write")
	env := map[string]string{"MIRA_BASE_URL": ts.env["MIRA_BASE_URL"], "MIRA_CA_CERT": ts.env["MIRA_CA_CERT"], "MIRA_API_KEY": admin}
	works := func(key string) bool {
		r, _, err := ts.try("GET", "/v1/models", key, "")
		return err == nil && r.StatusCode == 200
	}
	// stopped waits for a revocation to reach the server (admin commands
	// work on the database; the server learns within 1 s).
	stopped := func(key string) bool {
		for deadline := time.Now().Add(3 * time.Second); time.Now().Before(deadline); time.Sleep(50 * time.Millisecond) {
			if !works(key) {
				return true
			}
		}
		return false
	}
	cmds := map[string]func(id string, extra ...string) (string, string, int){
		"keys revoke": func(id string, extra ...string) (string, string, int) {
			return runMira(t, env, "", append([]string{"keys", "revoke", id}, extra...)...)
		},
		"keys rotate --grace 0": func(id string, extra ...string) (string, string, int) {
			return runMira(t, env, "", append([]string{"keys", "rotate", id, "--grace", "0s"}, extra...)...)
		},
		"admin key revoke": func(id string, extra ...string) (string, string, int) {
			return ts.mira(t, "", append([]string{"admin", "key", "revoke", id}, extra...)...)
		},
	}
	for name, do := range cmds {
		key, id := ts.createKey(t)
		if _, stderr, code := do(id); code != 2 || !strings.Contains(stderr, "--yes") {
			t.Errorf("%s without a terminal or --yes: exit %d (want 2), stderr %q", name, code, stderr)
		}
		if !works(key) {
			t.Fatalf("%s without --yes changed the key", name)
		}
		if _, stderr, code := do(id, "--yes"); code != 0 {
			t.Errorf("%s --yes: exit %d: %s", name, code, stderr)
		}
		if !stopped(key) {
			t.Errorf("%s --yes: the key still works", name)
		}
		key, id = ts.createKey(t)
		if _, stderr, code := do(id, "-y"); code != 0 || !stopped(key) {
			t.Errorf("%s -y: exit %d: %s", name, code, stderr)
		}
	}
	// A rotation with a grace period is not destructive: no question.
	_, id := ts.createKey(t)
	if _, stderr, code := runMira(t, env, "", "keys", "rotate", id, "--grace", "1h"); code != 0 {
		t.Errorf("keys rotate --grace 1h: exit %d: %s", code, stderr)
	}

	// On a terminal: the question names the key; only "y" acts.
	old := stdinIsTerminal
	stdinIsTerminal = func(io.Reader) bool { return true }
	defer func() { stdinIsTerminal = old }()
	key, id := ts.createKey(t)
	if _, stderr, code := runMira(t, env, "n\n", "keys", "revoke", id); code != 1 ||
		!strings.Contains(stderr, "Revoke "+id+" (test)? This cannot be undone. [y/N]") || !works(key) {
		t.Errorf("answer n: exit %d, stderr %q, key works %v", code, stderr, works(key))
	}
	if _, stderr, code := runMira(t, env, "\n", "keys", "revoke", id); code != 1 || !works(key) {
		t.Errorf("answer empty (default N): exit %d, stderr %q", code, stderr)
	}
	if _, stderr, code := runMira(t, env, "y\n", "keys", "revoke", id); code != 0 || !stopped(key) {
		t.Errorf("answer y: exit %d, stderr %q, key works %v", code, stderr, works(key))
	}
	key, id = ts.createKey(t)
	if _, stderr, code := ts.mira(t, "yes\n", "admin", "key", "revoke", id); code != 0 ||
		!strings.Contains(stderr, "Revoke "+id+" (test)?") {
		t.Errorf("admin key revoke, answer yes: exit %d, stderr %q", code, stderr)
	}
	_ = key
}

// TestEveryCommandHasExample: every runnable command's --help shows an
// example; groups (which only print their help) need none.
func TestEveryCommandHasExample(t *testing.T) {
	root := newRootCmd(&env{stdin: strings.NewReader(""), stdout: io.Discard, stderr: io.Discard, getenv: func(string) string { return "" }})
	root.InitDefaultCompletionCmd()
	var walk func(c *cobra.Command)
	walk = func(c *cobra.Command) {
		for _, sub := range c.Commands() {
			walk(sub)
		}
		if c.Annotations["group"] == "true" || !c.Runnable() || c.Name() == "help" || c.Parent() != nil && c.Parent().Name() == "completion" {
			return
		}
		if strings.TrimSpace(c.Example) == "" {
			t.Errorf("%q has no Example in its --help", c.CommandPath())
		}
	}
	walk(root)
}

// TestCompletion: cobra's completion scripts are there.
func TestCompletion(t *testing.T) {
	for _, sh := range []string{"bash", "zsh", "fish", "powershell"} {
		out, stderr, code := runMira(t, nil, "", "completion", sh)
		if code != 0 || !strings.Contains(out, "mira") || len(out) < 200 {
			t.Errorf("mira completion %s: exit %d, %d bytes, stderr %q", sh, code, len(out), stderr)
		}
	}
}
