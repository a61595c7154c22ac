package main

import (
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/x509"
	"crypto/x509/pkix"
	"encoding/pem"
	"math/big"
	"net"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/vmira/mira/internal/testkit"
)

var (
	buildOnce sync.Once
	binPath   string
	buildErr  error
)

// miraBinary builds cmd/mira once per test run: these tests exercise the
// real program, flags and exit codes included.
func miraBinary(t *testing.T) string {
	t.Helper()
	buildOnce.Do(func() {
		dir, err := os.MkdirTemp("", "mira-bin")
		if err != nil {
			buildErr = err
			return
		}
		binPath = filepath.Join(dir, "mira")
		out, err := exec.Command("go", "build", "-o", binPath, ".").CombinedOutput()
		if err != nil {
			buildErr = err
			binPath = string(out)
		}
	})
	if buildErr != nil {
		t.Fatalf("go build: %v\n%s", buildErr, binPath)
	}
	return binPath
}

func freePort(t *testing.T) string {
	t.Helper()
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer l.Close()
	return l.Addr().String()
}

// miraCmd prepares the binary with a clean environment plus env.
func miraCmd(t *testing.T, env []string, args ...string) *exec.Cmd {
	cmd := exec.Command(miraBinary(t), args...)
	// The admin listener's default port would collide between tests.
	cmd.Env = append([]string{"PATH=" + os.Getenv("PATH"), "HOME=" + t.TempDir(), "MIRA_ADMIN_LISTEN=127.0.0.1:0"}, env...)
	return cmd
}

func TestServeRefusesUnsafeSettings(t *testing.T) {
	dir := t.TempDir()
	cert, key := selfSignedPair(t, dir)
	os.Chmod(key, 0o644)
	unknown := filepath.Join(dir, "mira.yaml")
	os.WriteFile(unknown, []byte("listen: 127.0.0.1:0\nrevoke_exposed_key: true\n"), 0o600)

	tests := []struct {
		name string
		args []string
		env  []string
		want string
	}{
		{"local CA on a public address", []string{"serve", "--listen", "0.0.0.0:0"}, nil, "--allow-self-signed"},
		{"key readable by others", []string{"serve", "--listen", "127.0.0.1:0", "--tls-cert", cert, "--tls-key", key}, nil, "chmod 600"},
		{"unknown config field", []string{"serve", "--config", unknown}, nil, "revoke_exposed_key"},
		{"half a certificate", []string{"serve", "--tls-cert", cert}, nil, "give both cert and key"},
		{"admin listener on the network without TLS", []string{"serve", "--admin-listen", "0.0.0.0:9464"}, nil, "admin.tls_cert, admin.tls_key and admin.token_file"},
		{"acme domain that is not one", []string{"serve"}, []string{"MIRA_ACME_DOMAINS=example.com,exa mple.com"}, "MIRA_ACME_DOMAINS"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			cmd := miraCmd(t, append([]string{"MIRA_DATA_DIR=" + filepath.Join(t.TempDir(), "d")}, tt.env...), tt.args...)
			out, err := cmd.CombinedOutput()
			ee, ok := err.(*exec.ExitError)
			if !ok || ee.ExitCode() != 1 {
				t.Fatalf("exit %v; want 1. output:\n%s", err, out)
			}
			if !strings.Contains(string(out), tt.want) {
				t.Errorf("output %q does not mention %q", out, tt.want)
			}
		})
	}

	// A self-signed certificate on a public address too, unless allowed.
	os.Chmod(key, 0o600)
	out, _ := miraCmd(t, []string{"MIRA_DATA_DIR=" + filepath.Join(t.TempDir(), "d")}, "serve", "--listen", "0.0.0.0:0", "--tls-cert", cert, "--tls-key", key).CombinedOutput()
	if !strings.Contains(string(out), "self-signed") {
		t.Errorf("self-signed on 0.0.0.0: %s", out)
	}
	// Usage errors exit 2.
	if err := miraCmd(t, nil, "serve", "--no-such-flag").Run(); err == nil || err.(*exec.ExitError).ExitCode() != 2 {
		t.Errorf("unknown flag: %v; want exit 2", err)
	}
}

func selfSignedPair(t *testing.T, dir string) (certFile, keyFile string) {
	t.Helper()
	k, _ := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	tmpl := &x509.Certificate{SerialNumber: big.NewInt(1), Subject: pkix.Name{CommonName: "example.test"},
		DNSNames: []string{"example.test"}, NotBefore: time.Now().Add(-time.Hour), NotAfter: time.Now().Add(time.Hour),
		ExtKeyUsage: []x509.ExtKeyUsage{x509.ExtKeyUsageServerAuth}, KeyUsage: x509.KeyUsageDigitalSignature}
	der, err := x509.CreateCertificate(rand.Reader, tmpl, tmpl, &k.PublicKey, k)
	if err != nil {
		t.Fatal(err)
	}
	kd, _ := x509.MarshalPKCS8PrivateKey(k)
	certFile, keyFile = filepath.Join(dir, "cert.pem"), filepath.Join(dir, "key.pem")
	os.WriteFile(certFile, pem.EncodeToMemory(&pem.Block{Type: "CERTIFICATE", Bytes: der}), 0o644)
	os.WriteFile(keyFile, pem.EncodeToMemory(&pem.Block{Type: "PRIVATE KEY", Bytes: kd}), 0o600)
	return certFile, keyFile
}

// TestBinaryQuickstart is the README's quickstart with the real binary:
// serve, create a user and a key, list models and chat, then stop.
func TestBinaryQuickstart(t *testing.T) {
	data := filepath.Join(t.TempDir(), "mira-data")
	addr := freePort(t)
	env := []string{"MIRA_DATA_DIR=" + data}
	srv := miraCmd(t, env, "serve", "--listen", addr)
	var logs testkit.Buffer
	srv.Stderr = &logs
	if err := srv.Start(); err != nil {
		t.Fatal(err)
	}
	defer srv.Process.Kill()
	deadline := time.Now().Add(20 * time.Second)
	for !strings.Contains(logs.String(), "Mira is serving") {
		if time.Now().After(deadline) {
			t.Fatalf("server did not start:\n%s", logs.String())
		}
		time.Sleep(50 * time.Millisecond)
	}
	ca := filepath.Join(data, "ca.pem")
	if !strings.Contains(logs.String(), "export MIRA_CA_CERT="+ca) {
		t.Errorf("serve did not print how to trust the CA:\n%s", logs.String())
	}
	if fi, err := os.Stat(data); err != nil || fi.Mode().Perm() != 0o700 {
		t.Errorf("data dir mode: %v %v", fi.Mode(), err)
	}
	for _, f := range []string{"tls.key", "ca.key", "secret.key", "mira.db"} {
		if fi, err := os.Stat(filepath.Join(data, f)); err != nil || fi.Mode().Perm() != 0o600 {
			t.Errorf("%s: mode %v, %v; want 0600", f, fi.Mode().Perm(), err)
		}
	}

	user := miraCmd(t, env, "admin", "user", "create", "--email", "ada@example.com", "--password-stdin")
	user.Stdin = strings.NewReader("correct horse battery staple\n")
	if out, err := user.CombinedOutput(); err != nil {
		t.Fatalf("user create: %v\n%s", err, out)
	}
	keyOut, err := miraCmd(t, env, "admin", "key", "create", "--email", "ada@example.com", "--name", "laptop").Output()
	if err != nil {
		t.Fatalf("key create: %v", err)
	}
	key := strings.TrimSpace(string(keyOut))
	if !strings.HasPrefix(key, "sk-mira-") || len(key) != 56 {
		t.Fatalf("key create printed %q; want only the key on stdout", key)
	}
	client := append(env, "MIRA_API_KEY="+key, "MIRA_BASE_URL=https://"+addr, "MIRA_CA_CERT="+ca)
	out, err := miraCmd(t, client, "models").CombinedOutput()
	if err != nil || !strings.Contains(string(out), "mira-echo") {
		t.Errorf("mira models: %v\n%s", err, out)
	}
	out, err = miraCmd(t, client, "chat", "hello there, gateway").Output()
	if err != nil || string(out) != "hello there, gateway\n" {
		t.Errorf("mira chat: %v, %q", err, out)
	}
	chat := miraCmd(t, client, "chat")
	chat.Stdin = strings.NewReader("from stdin")
	if out, err := chat.Output(); err != nil || string(out) != "from stdin\n" {
		t.Errorf("mira chat < stdin: %v, %q", err, out)
	}
	// Without the CA, the CLI refuses the certificate; nothing turns that off.
	noCA := append(env, "MIRA_API_KEY="+key, "MIRA_BASE_URL=https://"+addr)
	if out, err := miraCmd(t, noCA, "models").CombinedOutput(); err == nil || !strings.Contains(strings.ToLower(string(out)), "certificate") {
		t.Errorf("without MIRA_CA_CERT: %v, %s; want a certificate error", err, out)
	}

	srv.Process.Signal(syscall.SIGTERM)
	done := make(chan error, 1)
	go func() { done <- srv.Wait() }()
	select {
	case err := <-done:
		if err != nil {
			t.Errorf("serve exited with %v after SIGTERM:\n%s", err, logs.String())
		}
	case <-time.After(30 * time.Second):
		t.Fatal("serve did not stop after SIGTERM")
	}
	if strings.Contains(logs.String(), key) {
		t.Error("the server log contains the raw key")
	}
}
