package main

import (
	"bytes"
	"encoding/json"
	"io"
	"os"
	"os/exec"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/creack/pty"
)

// The real binary under a pseudo-terminal (github.com/creack/pty), for
// what only a terminal gets: colour, questions, the spinner; and without
// one, for what scripts get.

// ttyRun is the binary running with some of its streams on a terminal.
type ttyRun struct {
	cmd  *exec.Cmd
	ptmx *os.File // the terminal's master side: what the user sees and types

	mu     sync.Mutex
	screen bytes.Buffer // everything written to the terminal
	done   chan struct{}
	stdout bytes.Buffer // when stdout is a pipe
}

// startTTY starts mira with args and env; stdin and stderr are always the
// terminal, stdout too unless pipeStdout.
func startTTY(t *testing.T, env map[string]string, pipeStdout bool, args ...string) *ttyRun {
	t.Helper()
	kv := envList(env)
	// TERM first: a TERM in env comes later and wins.
	r := &ttyRun{cmd: miraCmd(t, append([]string{"TERM=xterm-256color"}, kv...), args...), done: make(chan struct{})}
	if pipeStdout {
		r.cmd.Stdout = &r.stdout
	}
	ptmx, err := pty.StartWithSize(r.cmd, &pty.Winsize{Rows: 40, Cols: 200})
	if err != nil {
		t.Fatal(err)
	}
	r.ptmx = ptmx
	go func() {
		defer close(r.done)
		buf := make([]byte, 4096)
		for {
			n, err := ptmx.Read(buf)
			r.mu.Lock()
			r.screen.Write(buf[:n])
			r.mu.Unlock()
			if err != nil {
				return
			}
		}
	}()
	t.Cleanup(func() {
		r.cmd.Process.Kill()
		r.cmd.Wait()
		ptmx.Close()
	})
	return r
}

func (r *ttyRun) text() string {
	r.mu.Lock()
	defer r.mu.Unlock()
	return r.screen.String()
}

// waitFor waits up to 20 s for s on the terminal.
func (r *ttyRun) waitFor(t *testing.T, s string) {
	t.Helper()
	for deadline := time.Now().Add(20 * time.Second); !strings.Contains(r.text(), s); time.Sleep(20 * time.Millisecond) {
		if time.Now().After(deadline) {
			t.Fatalf("%q never appeared on the terminal:\n%q", s, r.text())
		}
	}
}

// wait waits for the command to end and returns its exit code.
func (r *ttyRun) wait(t *testing.T) int {
	t.Helper()
	err := r.cmd.Wait()
	select {
	case <-r.done:
	case <-time.After(5 * time.Second):
	}
	if ee, ok := err.(*exec.ExitError); ok {
		return ee.ExitCode()
	}
	if err != nil {
		t.Fatal(err)
	}
	return 0
}

// runTTY runs mira to the end with its streams on a terminal and returns
// what the terminal showed (stdout too unless pipeStdout), stdout when
// piped, and the exit code.
func runTTY(t *testing.T, env map[string]string, pipeStdout bool, args ...string) (screen, stdout string, code int) {
	t.Helper()
	r := startTTY(t, env, pipeStdout, args...)
	code = r.wait(t)
	return r.text(), r.stdout.String(), code
}

const esc = "\x1b["

// TestColourOnlyOnATerminal: key states are coloured on a terminal,
// revoked red, active green, exposed bold red; never with NO_COLOR or
// TERM=dumb, never when stdout is a pipe, and --json never.
func TestColourOnlyOnATerminal(t *testing.T) {
	ts := startServer(t, "", nil)
	admin, _ := ts.createKey(t, "--scopes", "keys:read,keys:write")
	_, revokedID := ts.createKey(t)
	if _, stderr, code := ts.mira(t, "", "admin", "key", "revoke", revokedID, "--yes"); code != 0 {
		t.Fatal(stderr)
	}
	env := map[string]string{"MIRA_BASE_URL": ts.env["MIRA_BASE_URL"], "MIRA_CA_CERT": ts.env["MIRA_CA_CERT"], "MIRA_API_KEY": admin}

	screen, _, code := runTTY(t, env, false, "keys", "list")
	if code != 0 || !strings.Contains(screen, esc+"31mrevoked"+esc+"0m") || !strings.Contains(screen, esc+"32mactive"+esc+"0m") {
		t.Errorf("keys list on a terminal: exit %d, no red revoked / green active:\n%q", code, screen)
	}
	// The colour is only in the last column: the header still lines up.
	if !strings.Contains(screen, "LAST USED") {
		t.Errorf("no table header: %q", screen)
	}
	for name, extra := range map[string]map[string]string{"NO_COLOR=1": {"NO_COLOR": "1"}, "TERM=dumb": {"TERM": "dumb"}} {
		e := map[string]string{}
		for k, v := range env {
			e[k] = v
		}
		for k, v := range extra {
			e[k] = v
		}
		screen, _, code = runTTY(t, e, false, "keys", "list")
		if code != 0 || strings.Contains(screen, esc) || !strings.Contains(screen, "revoked") {
			t.Errorf("keys list with %s: exit %d, escape codes or no states:\n%q", name, code, screen)
		}
	}
	_, stdout, code := runTTY(t, env, true, "keys", "list")
	if code != 0 || strings.Contains(stdout, esc) || !strings.Contains(stdout, "revoked") {
		t.Errorf("keys list into a pipe: exit %d, escape codes or no states:\n%q", code, stdout)
	}
	_, stdout, code = runTTY(t, env, true, "keys", "list", "--json")
	var keys []map[string]any
	if err := json.Unmarshal([]byte(stdout), &keys); code != 0 || err != nil || len(keys) < 2 || keys[0]["state"] == nil || keys[0]["created_at"] == nil {
		t.Errorf("keys list --json: exit %d, %v: %q", code, err, stdout)
	}
}

// TestConfirmationOnATerminal: on a real terminal, `mira members remove`
// and `mira keys revoke` ask, act only on y, and without a terminal refuse
// with exit 2 unless --yes.
func TestConfirmationOnATerminal(t *testing.T) {
	ts := startServer(t, "", nil)
	ownerKey := ts.adminUser(t, ownerEmail, ownerPassword, "owner", "admin,keys:read,keys:write")
	env := map[string]string{"MIRA_BASE_URL": ts.env["MIRA_BASE_URL"], "MIRA_CA_CERT": ts.env["MIRA_CA_CERT"], "MIRA_API_KEY": ownerKey}
	victim, id := ts.createKey(t)

	r := startTTY(t, env, false, "keys", "revoke", id)
	r.waitFor(t, "[y/N] ")
	io.WriteString(r.ptmx, "n\n")
	if code := r.wait(t); code != 1 || !strings.Contains(r.text(), "aborted") {
		t.Errorf("answer n: exit %d\n%q", code, r.text())
	}
	if resp, _ := ts.do(t, "GET", "/v1/models", victim, ""); resp.StatusCode != 200 {
		t.Fatal("answering n revoked the key")
	}
	r = startTTY(t, env, false, "keys", "revoke", id)
	r.waitFor(t, "Revoke "+id)
	io.WriteString(r.ptmx, "y\n")
	if code := r.wait(t); code != 0 {
		t.Errorf("answer y: exit %d\n%q", code, r.text())
	}

	inv := ts.invite(t, ownerKey, "dana@example.com", "member")
	if p := newBrowser(t, ts).accept(t, inv.URL, "dana's long enough password"); p.Status != 303 {
		t.Fatalf("accept: %d", p.Status)
	}
	danaID := ts.user(t, "dana@example.com").ID
	cmd := miraCmd(t, envList(env), "members", "remove", danaID)
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	if err := cmd.Run(); exitCode(err) != 2 || !strings.Contains(stderr.String(), "--yes") {
		t.Errorf("members remove without a terminal: exit %d, %q; want 2 naming --yes", exitCode(err), stderr.String())
	}
	r = startTTY(t, env, false, "members", "remove", danaID)
	r.waitFor(t, "Remove "+danaID)
	io.WriteString(r.ptmx, "y\n")
	if code := r.wait(t); code != 0 || !strings.Contains(r.text(), "removed "+danaID+" (dana@example.com)") {
		t.Errorf("members remove, answer y: exit %d\n%q", code, r.text())
	}
}

func envList(env map[string]string) []string {
	var kv []string
	for k, v := range env {
		kv = append(kv, k+"="+v)
	}
	return kv
}

func exitCode(err error) int {
	if ee, ok := err.(*exec.ExitError); ok {
		return ee.ExitCode()
	}
	if err != nil {
		return -1
	}
	return 0
}

// TestSpinnerOnlyOnATerminal: `mira auth login` waiting for approval
// shows a spinner on a terminal after a second, and none into a pipe.
func TestSpinnerOnlyOnATerminal(t *testing.T) {
	ts := startServer(t, "", nil)
	env := cliEnv(ts, t.TempDir())
	delete(env, "MIRA_DEBUG")
	r := startTTY(t, env, false, "auth", "login")
	r.waitFor(t, "waiting for approval in the browser (1s)")
	if s := r.text(); !strings.Contains(s, "one-time code") || !strings.ContainsAny(s, strings.Join(spinnerFrames, "")) {
		t.Errorf("no code or no spinner frame on the terminal:\n%q", s)
	}

	cmd := miraCmd(t, envList(env), "auth", "login")
	var out bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &out
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	time.Sleep(2500 * time.Millisecond)
	cmd.Process.Kill()
	cmd.Wait()
	if s := out.String(); !strings.Contains(s, "one-time code") || strings.ContainsAny(s, strings.Join(spinnerFrames, "")+"\r") || strings.Contains(s, esc) {
		t.Errorf("auth login into a pipe shows a spinner or escape codes:\n%q", s)
	}
}

// TestErrorsEndWithTheFix: without a terminal, errors name the fix and
// exit 1; usage errors exit 2; --json listings use the API's snake_case.
func TestErrorsEndWithTheFix(t *testing.T) {
	ts := startServer(t, "", nil)
	key, _ := ts.createKey(t, "--scopes", "keys:read")
	base := map[string]string{"MIRA_BASE_URL": ts.env["MIRA_BASE_URL"], "MIRA_CA_CERT": ts.env["MIRA_CA_CERT"]}
	with := func(kv ...string) map[string]string {
		e := map[string]string{}
		for k, v := range base {
			e[k] = v
		}
		for i := 0; i+1 < len(kv); i += 2 {
			if kv[i+1] == "" {
				delete(e, kv[i])
			} else {
				e[kv[i]] = kv[i+1]
			}
		}
		return e
	}
	revoked, revokedID := ts.createKey(t)
	ts.mira(t, "", "admin", "key", "revoke", revokedID, "--yes")
	for _, tc := range []struct {
		name string
		env  map[string]string
		args []string
		code int
		fix  string
	}{
		{"no CA", with("MIRA_CA_CERT", "", "MIRA_API_KEY", key), []string{"keys", "list"}, 1, "fix: set MIRA_CA_CERT"},
		{"server down", with("MIRA_BASE_URL", "https://127.0.0.1:1", "MIRA_API_KEY", key), []string{"models"}, 1, "fix: start the server (mira serve)"},
		{"mistyped key", with("MIRA_API_KEY", key[:len(key)-1]+"x"), []string{"models"}, 1, "fix: check that MIRA_API_KEY holds the whole key"},
		{"revoked key", with("MIRA_API_KEY", revoked), []string{"models"}, 1, "fix: create a new key"},
		{"not logged in", with("XDG_CONFIG_HOME", t.TempDir(), "MIRA_CREDENTIAL_STORE", "file"), []string{"models"}, 1, "mira auth login"},
		{"missing scope", with("MIRA_API_KEY", key), []string{"members", "list"}, 1, "fix: use a key that holds the scope"},
		{"usage", with("MIRA_API_KEY", key), []string{"members", "role", "user_x"}, 2, "accepts 2 arg"},
	} {
		cmd := miraCmd(t, envList(tc.env), tc.args...)
		var stdout, stderr bytes.Buffer
		cmd.Stdout, cmd.Stderr = &stdout, &stderr
		err := cmd.Run()
		if exitCode(err) != tc.code || !strings.Contains(stderr.String(), tc.fix) || stdout.Len() != 0 {
			t.Errorf("%s: exit %d, stdout %q, stderr %q; want exit %d, stderr with %q", tc.name, exitCode(err), stdout.String(), stderr.String(), tc.code, tc.fix)
		}
	}
	cmd := miraCmd(t, envList(with("MIRA_API_KEY", key, "NO_COLOR", "1")), "keys", "list", "--json")
	out, err := cmd.Output()
	var keys []map[string]any
	if err != nil || json.Unmarshal(out, &keys) != nil || len(keys) == 0 {
		t.Fatalf("keys list --json: %v %q", err, out)
	}
	for _, k := range keys {
		for field := range k {
			if field != strings.ToLower(field) || strings.ContainsAny(field, " -") {
				t.Errorf("--json field %q is not snake_case", field)
			}
		}
	}
}
