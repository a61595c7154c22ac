package main

import (
	"bytes"
	"crypto/tls"
	"crypto/x509"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/vmira/mira/internal/testkit"
	"github.com/vmira/mira/internal/tlsconf"
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

// TestSIGHUPReloadsCertificate replaces the certificate files of a running
// `mira serve` (with the file poll far away) and checks that SIGHUP makes
// the next handshake use the new one, and says what it reloaded.
func TestSIGHUPReloadsCertificate(t *testing.T) {
	dir := t.TempDir()
	first, err := tlsconf.EnsureLocal(filepath.Join(dir, "first"), time.Now())
	if err != nil {
		t.Fatal(err)
	}
	second, err := tlsconf.EnsureLocal(filepath.Join(dir, "second"), time.Now())
	if err != nil {
		t.Fatal(err)
	}
	cfg := filepath.Join(dir, "mira.yaml")
	os.WriteFile(cfg, []byte("tls:\n  reload_interval: 1h\n"), 0o600)
	addr := freePort(t)
	cmd := miraCmd(t, []string{"MIRA_DATA_DIR=" + filepath.Join(dir, "data"), "MIRA_CONFIG=" + cfg},
		"serve", "--listen", addr, "--tls-cert", first.CertPath, "--tls-key", first.KeyPath)
	var logs testkit.Buffer
	cmd.Stderr = &logs
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	defer func() { cmd.Process.Signal(syscall.SIGKILL); cmd.Wait() }()
	waitFor(t, &logs, "Mira is serving")

	pool := x509.NewCertPool()
	pool.AddCert(first.CA)
	pool.AddCert(second.CA)
	served := func() *x509.Certificate {
		t.Helper()
		c, err := tls.Dial("tcp", addr, &tls.Config{ServerName: "localhost", RootCAs: pool})
		if err != nil {
			t.Fatal(err)
		}
		defer c.Close()
		return c.ConnectionState().PeerCertificates[0]
	}
	if !served().Equal(first.Leaf) {
		t.Fatal("not serving the first certificate")
	}
	keyPEM, _ := os.ReadFile(second.KeyPath)
	certPEM, _ := os.ReadFile(second.CertPath)
	os.WriteFile(first.KeyPath, keyPEM, 0o600)
	os.WriteFile(first.CertPath, certPEM, 0o644)
	if !served().Equal(first.Leaf) {
		t.Fatal("the new certificate was served before SIGHUP: the test proves nothing")
	}
	cmd.Process.Signal(syscall.SIGHUP)
	waitFor(t, &logs, "SIGHUP: reloaded")
	if !served().Equal(second.Leaf) {
		t.Fatal("SIGHUP did not reload the certificate")
	}
	if !strings.Contains(logs.String(), "tls.cert") || !strings.Contains(logs.String(), "need a restart") {
		t.Errorf("the reload log does not say what was reloaded: %s", logs.String())
	}
}

func waitFor(t *testing.T, logs *testkit.Buffer, s string) {
	t.Helper()
	deadline := time.Now().Add(30 * time.Second)
	for !strings.Contains(logs.String(), s) {
		if time.Now().After(deadline) {
			t.Fatalf("no %q in:\n%s", s, logs.String())
		}
		time.Sleep(20 * time.Millisecond)
	}
}

// TestSystemdUnit checks deploy/systemd/mira.service with
// `systemd-analyze verify` (any complaint fails), with ExecStart pointed
// at the built binary, and that its hardening is there.
func TestSystemdUnit(t *testing.T) {
	unit, err := os.ReadFile("../../deploy/systemd/mira.service")
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"DynamicUser=yes", "ProtectSystem=strict", "NoNewPrivileges=yes", "StateDirectoryMode=0700",
		"CapabilityBoundingSet=\n", "ExecReload=/bin/kill -HUP $MAINPID", "#AmbientCapabilities=CAP_NET_BIND_SERVICE"} {
		if !strings.Contains(string(unit), want) {
			t.Errorf("the unit lacks %q", want)
		}
	}
	analyze, err := exec.LookPath("systemd-analyze")
	if err != nil {
		t.Skip("systemd-analyze is not on this machine (no systemd): the unit was not verified")
	}
	p := filepath.Join(t.TempDir(), "mira.service")
	os.WriteFile(p, []byte(strings.ReplaceAll(string(unit), "/usr/local/bin/mira", miraBinary(t))), 0o644)
	out, err := exec.Command(analyze, "verify", p).CombinedOutput()
	if err != nil || len(bytes.TrimSpace(out)) > 0 {
		t.Fatalf("systemd-analyze verify: %v\n%s", err, out)
	}
}
