// Package backuptest holds test helpers for backups shared by
// internal/backup's tests and cmd/mira's end-to-end tests: a real S3
// server (versitygw on a posix directory).
package backuptest

import (
	"bytes"
	"context"
	"crypto/rand"
	"encoding/hex"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/vmira/mira/internal/testkit"
)

// versitygwVersion is the versitygw (github.com/versity/versitygw) the S3
// tests run: a real S3 server on a posix directory.
const versitygwVersion = "v1.8.0"

// VersitygwBinary returns a versitygw binary: $MIRA_VERSITYGW if set (CI
// builds it once), else one built into the user cache directory. When it
// cannot be built the test is skipped, unless MIRA_TEST_REQUIRE_VERSITYGW=1.
func VersitygwBinary(t testing.TB) string {
	t.Helper()
	return testkit.Tool{Name: "versitygw", Package: "github.com/versity/versitygw/cmd/versitygw", Version: versitygwVersion,
		EnvBinary: "MIRA_VERSITYGW", EnvRequire: "MIRA_TEST_REQUIRE_VERSITYGW"}.Binary(t)
}

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
	addr := testkit.FreeAddr(t)
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
