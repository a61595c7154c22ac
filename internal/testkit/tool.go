package testkit

import (
	"net"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"sync"
	"testing"
	"time"
)

// Tool is a real server the tests run beside Mira (Mailpit, versitygw),
// built from its Go module.
type Tool struct {
	Name    string // the binary's name, e.g. "mailpit"
	Package string // go install path without the version
	Version string
	// EnvBinary names the variable that points at a prebuilt binary (CI
	// builds it once); EnvRequire, when "1", makes a missing tool a
	// failure instead of a skip.
	EnvBinary, EnvRequire string
}

var toolBuild sync.Mutex

// Binary returns the tool's binary: $EnvBinary if set, else one built with
// go install into the user cache directory (kept across runs). When it
// cannot be built (no network, no module cache) the test is skipped,
// unless $EnvRequire is 1.
func (tl Tool) Binary(t testing.TB) string {
	t.Helper()
	unavailable := func(format string, args ...any) {
		t.Helper()
		if os.Getenv(tl.EnvRequire) == "1" {
			t.Fatalf(format, args...)
		}
		t.Skipf(format+" (set "+tl.EnvRequire+"=1 to make this a failure)", args...)
	}
	if p := os.Getenv(tl.EnvBinary); p != "" {
		return p
	}
	cache, err := os.UserCacheDir()
	if err != nil {
		unavailable("no user cache directory for %s: %v", tl.Name, err)
	}
	dir := filepath.Join(cache, "mira-test", tl.Name+"-"+tl.Version)
	bin := filepath.Join(dir, tl.Name)
	if _, err := os.Stat(bin); err == nil {
		return bin
	}
	toolBuild.Lock()
	defer toolBuild.Unlock()
	if _, err := os.Stat(bin); err == nil {
		return bin
	}
	if err := os.MkdirAll(filepath.Dir(dir), 0o755); err != nil {
		unavailable("create %s: %v", dir, err)
	}
	tmp, err := os.MkdirTemp(filepath.Dir(dir), "build-")
	if err != nil {
		unavailable("create build dir: %v", err)
	}
	defer os.RemoveAll(tmp)
	goCmd, err := exec.LookPath("go")
	if err != nil {
		goCmd = filepath.Join(runtime.GOROOT(), "bin", "go")
	}
	start := time.Now()
	cmd := exec.Command(goCmd, "install", tl.Package+"@"+tl.Version)
	cmd.Env = append(os.Environ(), "GOBIN="+tmp, "CGO_ENABLED=0")
	if out, err := cmd.CombinedOutput(); err != nil {
		unavailable("build %s %s: %v\n%s", tl.Name, tl.Version, err, out)
	}
	t.Logf("built %s %s in %v", tl.Name, tl.Version, time.Since(start).Round(100*time.Millisecond))
	if err := os.MkdirAll(dir, 0o755); err != nil {
		unavailable("create %s: %v", dir, err)
	}
	if err := os.Rename(filepath.Join(tmp, tl.Name), bin); err != nil {
		unavailable("install %s: %v", tl.Name, err)
	}
	return bin
}

// FreeAddr returns a loopback host:port nobody listens on (yet).
func FreeAddr(t testing.TB) string {
	t.Helper()
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer l.Close()
	return l.Addr().String()
}
