package main

import (
	"crypto/tls"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/vmira/mira/internal/testkit"
)

// TestServeTwiceAtOnce starts two `mira serve` processes at the same
// moment on one fresh data directory: both must start, serving the same
// local certificate (it is generated under a lock), not a key and a
// certificate from different processes.
func TestServeTwiceAtOnce(t *testing.T) {
	for round := range 3 {
		data := filepath.Join(t.TempDir(), "data")
		env := []string{"MIRA_DATA_DIR=" + data}
		var logs [2]testkit.Buffer
		addrs := [2]string{freePort(t), freePort(t)}
		for i := range 2 {
			cmd := miraCmd(t, env, "serve", "--listen", addrs[i])
			cmd.Stderr = &logs[i]
			if err := cmd.Start(); err != nil {
				t.Fatal(err)
			}
			t.Cleanup(func() { cmd.Process.Signal(syscall.SIGKILL); cmd.Wait() })
		}
		deadline := time.Now().Add(30 * time.Second)
		for i := range 2 {
			for !strings.Contains(logs[i].String(), "Mira is serving") {
				if time.Now().After(deadline) || strings.Contains(logs[i].String(), "rror") {
					t.Fatalf("round %d: instance %d did not start:\n%s", round, i, logs[i].String())
				}
				time.Sleep(20 * time.Millisecond)
			}
		}
		conf := tlsTrusting(t, filepath.Join(data, "ca.pem"))
		conf.ServerName = "localhost"
		var served [2][]byte
		for i, addr := range addrs {
			c, err := tls.Dial("tcp", addr, conf)
			if err != nil {
				t.Fatalf("round %d: handshake with instance %d: %v", round, i, err)
			}
			served[i] = c.ConnectionState().PeerCertificates[0].Raw
			c.Close()
		}
		if string(served[0]) != string(served[1]) {
			t.Errorf("round %d: the two instances serve different certificates", round)
		}
	}
}

// TestVersionShowsBuildInfo builds the binary as a release would (VCS
// stamping on, a link-time build time) and checks that `mira version` and
// `mira --version` name the commit, its time and the build time.
func TestVersionShowsBuildInfo(t *testing.T) {
	if _, err := exec.LookPath("git"); err != nil {
		t.Skip("git is not installed: no VCS information to stamp")
	}
	top, err := exec.Command("git", "rev-parse", "--show-toplevel").Output()
	if err != nil {
		t.Skipf("not a git checkout: %v", err)
	}
	if fi, err := os.Stat(filepath.Join(strings.TrimSpace(string(top)), ".git")); err != nil || !fi.IsDir() {
		t.Skip("a git worktree (.git is a file): go build stamps no VCS information there")
	}
	bin := filepath.Join(t.TempDir(), "mira")
	build := exec.Command("go", "build", "-buildvcs=true", "-ldflags", "-X main.buildTime=2026-01-02T03:04:05Z", "-o", bin, ".")
	if out, err := build.CombinedOutput(); err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}
	head, err := exec.Command("git", "rev-parse", "HEAD").Output()
	if err != nil {
		t.Fatal(err)
	}
	for _, args := range []string{"version", "--version"} {
		out, err := exec.Command(bin, args).Output()
		if err != nil {
			t.Fatal(err)
		}
		line := string(out)
		for _, want := range []string{"mira ", "commit " + string(head[:12]), "committed 20", "built 2026-01-02T03:04:05Z"} {
			if !strings.Contains(line, want) {
				t.Errorf("mira %s = %q; want it to contain %q", args, line, want)
			}
		}
	}
}
