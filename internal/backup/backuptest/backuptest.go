// Package backuptest holds test helpers for backups shared by
// internal/backup's tests and cmd/mira's end-to-end tests: a real S3
// server (versitygw on a posix directory).
package backuptest

import (
	"bytes"
	"context"
	"crypto/rand"
	"encoding/hex"
	"net"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strings"
	"sync"
	"testing"
	"time"
)

// versitygwVersion is the versitygw (github.com/versity/versitygw) the S3
// tests run: a real S3 server on a posix directory.
const versitygwVersion = "v1.8.0"

// VersitygwBinary returns a versitygw binary: $MIRA_VERSITYGW if set (CI
// builds it once), else one built with go install into the user cache
// directory (kept across runs). When it cannot be built the test is
// skipped, unless MIRA_TEST_REQUIRE_VERSITYGW=1.
func VersitygwBinary(t testing.TB) string {
	t.Helper()
	unavailable := func(format string, args ...any) {
		t.Helper()
		if os.Getenv("MIRA_TEST_REQUIRE_VERSITYGW") == "1" {
			t.Fatalf(format, args...)
		}
		t.Skipf(format+" (set MIRA_TEST_REQUIRE_VERSITYGW=1 to make this a failure)", args...)
	}
	if p := os.Getenv("MIRA_VERSITYGW"); p != "" {
		return p
	}
	cache, err := os.UserCacheDir()
	if err != nil {
		unavailable("no user cache directory for versitygw: %v", err)
	}
	dir := filepath.Join(cache, "mira-test", "versitygw-"+versitygwVersion)
	bin := filepath.Join(dir, "versitygw")
	if _, err := os.Stat(bin); err == nil {
		return bin
	}
	versitygwBuild.Lock()
	defer versitygwBuild.Unlock()
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
	cmd := exec.Command(goCmd, "install", "github.com/versity/versitygw/cmd/versitygw@"+versitygwVersion)
	cmd.Env = append(os.Environ(), "GOBIN="+tmp, "CGO_ENABLED=0")
	if out, err := cmd.CombinedOutput(); err != nil {
		unavailable("build versitygw %s: %v\n%s", versitygwVersion, err, out)
	}
	t.Logf("built versitygw %s in %v", versitygwVersion, time.Since(start).Round(100*time.Millisecond))
	if err := os.MkdirAll(dir, 0o755); err != nil {
		unavailable("create %s: %v", dir, err)
	}
	if err := os.Rename(filepath.Join(tmp, "versitygw"), bin); err != nil {
		unavailable("install versitygw: %v", err)
	}
	return bin
}

var versitygwBuild sync.Mutex

// Versitygw is a running versitygw standing for one region.
type Versitygw struct {
	Endpoint string // http://127.0.0.1:port
	Region   string
	Access   string // root credentials
	Secret   string
	// Root is the posix directory holding the buckets: a bucket is
	// Root/<bucket>, its objects files below it.
	Root string
	Stop func()
}

func freeAddr(t testing.TB) string {
	t.Helper()
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer l.Close()
	return l.Addr().String()
}

func randomHex(t testing.TB, n int) string {
	b := make([]byte, n)
	rand.Read(b)
	return strings.ToUpper(hex.EncodeToString(b))
}

// StartVersitygw runs versitygw on a posix directory with fresh root
// credentials (passed in the environment, not on the command line) and
// creates bucket.
func StartVersitygw(t testing.TB, region, bucket string) *Versitygw {
	t.Helper()
	bin := VersitygwBinary(t)
	s := &Versitygw{Region: region, Access: "AK" + randomHex(t, 8), Secret: "SK" + randomHex(t, 16)}
	addr := freeAddr(t)
	s.Endpoint = "http://" + addr
	root := t.TempDir()
	s.Root = root
	if err := os.Mkdir(filepath.Join(root, bucket), 0o755); err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	cmd := exec.CommandContext(ctx, bin, "--port", addr, "--region", region, "--quiet", "posix", root)
	cmd.Env = append(os.Environ(), "ROOT_ACCESS_KEY="+s.Access, "ROOT_SECRET_KEY="+s.Secret)
	var out bytes.Buffer
	var outMu sync.Mutex
	cmd.Stdout = writerFunc(func(p []byte) (int, error) { outMu.Lock(); defer outMu.Unlock(); return out.Write(p) })
	cmd.Stderr = cmd.Stdout
	if err := cmd.Start(); err != nil {
		cancel()
		t.Fatalf("start versitygw: %v", err)
	}
	var once sync.Once
	s.Stop = func() { once.Do(func() { cancel(); cmd.Wait() }) }
	t.Cleanup(s.Stop)
	for deadline := time.Now().Add(20 * time.Second); ; {
		resp, err := http.Get(s.Endpoint + "/")
		if err == nil {
			resp.Body.Close()
			return s
		}
		if time.Now().After(deadline) {
			outMu.Lock()
			defer outMu.Unlock()
			t.Fatalf("versitygw did not start: %v\n%s", err, out.String())
		}
		time.Sleep(50 * time.Millisecond)
	}
}

type writerFunc func([]byte) (int, error)

func (f writerFunc) Write(p []byte) (int, error) { return f(p) }
