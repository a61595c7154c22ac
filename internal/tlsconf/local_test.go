package tlsconf

import (
	"bytes"
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/x509"
	"crypto/x509/pkix"
	"errors"
	"github.com/vmira/mira/internal/datadir"
	"io/fs"
	"math/big"
	"net"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
)

func bigOne() *big.Int { return big.NewInt(1) }

func readFile(t *testing.T, path string) []byte {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

func TestEnsureLocalFiles(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "mira-data")
	l, err := EnsureLocal(dir, time.Now())
	if err != nil {
		t.Fatalf("EnsureLocal: %v", err)
	}
	if !l.CreatedCA || !l.IssuedCert {
		t.Errorf("first EnsureLocal: CreatedCA %v, IssuedCert %v; want both true", l.CreatedCA, l.IssuedCert)
	}
	if !filepath.IsAbs(l.CAPath) {
		t.Errorf("CAPath %q is not absolute", l.CAPath)
	}

	got := map[string]fs.FileMode{}
	for _, p := range []string{dir, l.CAPath, l.CAKeyPath, l.CertPath, l.KeyPath} {
		fi, err := os.Stat(p)
		if err != nil {
			t.Fatal(err)
		}
		got[filepath.Base(p)] = fi.Mode().Perm()
	}
	want := map[string]fs.FileMode{"mira-data": 0o700, "ca.pem": 0o644, "ca.key": 0o600, "tls.pem": 0o644, "tls.key": 0o600}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("file modes (-want +got):\n%s", diff)
	}
	entries, _ := os.ReadDir(dir)
	if len(entries) != 5 {
		t.Errorf("data dir holds %d entries; want the 4 files and %s, no temporary leftovers", len(entries), LockFile)
	}
	if fi, err := os.Stat(filepath.Join(dir, LockFile)); err != nil || fi.Mode().Perm() != 0o600 {
		t.Errorf("lock file: %v, mode %v; want 0600", err, fi.Mode())
	}

	ca := l.CA
	if !ca.IsCA || ca.MaxPathLen != 0 || !ca.MaxPathLenZero || ca.KeyUsage != x509.KeyUsageCertSign|x509.KeyUsageCRLSign {
		t.Errorf("CA: IsCA %v MaxPathLen %d KeyUsage %v", ca.IsCA, ca.MaxPathLen, ca.KeyUsage)
	}
	if !strings.HasPrefix(ca.Subject.CommonName, "Mira local CA ") {
		t.Errorf("CA name %q", ca.Subject.CommonName)
	}
	if k, ok := ca.PublicKey.(*ecdsa.PublicKey); !ok || k.Curve != elliptic.P256() {
		t.Errorf("CA key is %T; want ECDSA P-256", ca.PublicKey)
	}
	if d := ca.NotAfter.Sub(time.Now()); d < 9*365*24*time.Hour {
		t.Errorf("CA valid for %v; want about 10 years", d)
	}
	if d := l.Leaf.NotAfter.Sub(l.Leaf.NotBefore); d > 397*24*time.Hour {
		t.Errorf("server certificate valid for %v; want at most 397 days", d)
	}

	// The second run keeps everything.
	again, err := EnsureLocal(dir, time.Now())
	if err != nil {
		t.Fatalf("second EnsureLocal: %v", err)
	}
	if again.CreatedCA || again.IssuedCert {
		t.Errorf("second EnsureLocal: CreatedCA %v, IssuedCert %v; want both false", again.CreatedCA, again.IssuedCert)
	}
	if !bytes.Equal(again.CA.Raw, l.CA.Raw) || !bytes.Equal(again.Leaf.Raw, l.Leaf.Raw) {
		t.Error("second EnsureLocal changed the CA or the server certificate")
	}
}

func TestEnsureLocalServerCertNames(t *testing.T) {
	l := newLocal(t)
	roots := caPool(t, l)
	tests := []struct {
		name string
		ok   bool
	}{
		{"localhost", true},
		{"127.0.0.1", true},
		{"::1", true},
		{"example.com", false},
		{"mira.localhost", false},
		{"127.0.0.2", false},
		{"10.0.0.1", false},
	}
	for _, tt := range tests {
		_, err := l.Leaf.Verify(x509.VerifyOptions{DNSName: tt.name, Roots: roots})
		if (err == nil) != tt.ok {
			t.Errorf("server certificate Verify(%q) = %v; want ok=%v", tt.name, err, tt.ok)
		}
	}
}

// TestLocalCANameConstraints checks that a stolen ca.key cannot mint a
// certificate other clients of the CA would accept for another site.
func TestLocalCANameConstraints(t *testing.T) {
	l := newLocal(t)
	caKey, err := readPrivateKey(l.CAKeyPath)
	if err != nil {
		t.Fatal(err)
	}
	roots := caPool(t, l)
	leafKey, _ := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)

	tests := []struct {
		name     string
		dnsNames []string
		ips      []net.IP
		verifyAs string
		ok       bool
	}{
		{"localhost", []string{"localhost"}, nil, "localhost", true},
		{"subdomain of localhost", []string{"app.localhost"}, nil, "app.localhost", true},
		{"example.com", []string{"example.com"}, nil, "example.com", false},
		{"example.com hidden behind localhost", []string{"localhost", "example.com"}, nil, "localhost", false},
		{"localhost.example.com", []string{"localhost.example.com"}, nil, "localhost.example.com", false},
		{"other IP", nil, []net.IP{net.ParseIP("10.0.0.1")}, "10.0.0.1", false},
		{"other loopback IP", nil, []net.IP{net.ParseIP("127.0.0.2")}, "127.0.0.2", false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			der, err := issueServerCert(l.CA, caKey, leafKey.Public(), tt.dnsNames, tt.ips, time.Now())
			if err != nil {
				t.Fatal(err)
			}
			leaf, _ := x509.ParseCertificate(der)
			_, err = leaf.Verify(x509.VerifyOptions{DNSName: tt.verifyAs, Roots: roots})
			if tt.ok {
				if err != nil {
					t.Fatalf("Verify: %v", err)
				}
				return
			}
			var invalid x509.CertificateInvalidError
			if !errors.As(err, &invalid) || invalid.Reason != x509.CANotAuthorizedForThisName {
				t.Fatalf("Verify = %v; want CANotAuthorizedForThisName", err)
			}
		})
	}

	t.Run("client certificate refused", func(t *testing.T) {
		tmpl := &x509.Certificate{
			SerialNumber: bigOne(),
			Subject:      pkix.Name{CommonName: "someone"},
			DNSNames:     []string{"localhost"},
			NotBefore:    time.Now().Add(-time.Hour),
			NotAfter:     time.Now().Add(time.Hour),
			ExtKeyUsage:  []x509.ExtKeyUsage{x509.ExtKeyUsageClientAuth},
		}
		der, err := x509.CreateCertificate(rand.Reader, tmpl, l.CA, leafKey.Public(), caKey)
		if err != nil {
			t.Fatal(err)
		}
		leaf, _ := x509.ParseCertificate(der)
		_, err = leaf.Verify(x509.VerifyOptions{Roots: roots, KeyUsages: []x509.ExtKeyUsage{x509.ExtKeyUsageClientAuth}})
		if err == nil {
			t.Fatal("a client certificate from the local CA verified")
		}
	})
}

func TestEnsureLocalRenewal(t *testing.T) {
	start := time.Now()
	dir := t.TempDir()
	first, err := EnsureLocal(dir, start)
	if err != nil {
		t.Fatal(err)
	}
	caPEM := readFile(t, first.CAPath)

	later, err := EnsureLocal(dir, start.Add(300*24*time.Hour))
	if err != nil {
		t.Fatal(err)
	}
	if later.IssuedCert || later.Leaf.SerialNumber.Cmp(first.Leaf.SerialNumber) != 0 {
		t.Error("a server certificate with 65 days left was reissued")
	}

	renewAt := start.Add(340 * 24 * time.Hour) // 25 days left
	renewed, err := EnsureLocal(dir, renewAt)
	if err != nil {
		t.Fatal(err)
	}
	if !renewed.IssuedCert || renewed.CreatedCA {
		t.Errorf("IssuedCert %v, CreatedCA %v; want a new server certificate from the same CA", renewed.IssuedCert, renewed.CreatedCA)
	}
	if renewed.Leaf.SerialNumber.Cmp(first.Leaf.SerialNumber) == 0 {
		t.Error("renewed certificate has the old serial")
	}
	if !renewed.Leaf.NotAfter.After(renewAt.Add(300 * 24 * time.Hour)) {
		t.Errorf("renewed certificate expires %v", renewed.Leaf.NotAfter)
	}
	if !bytes.Equal(caPEM, readFile(t, renewed.CAPath)) {
		t.Error("renewal changed ca.pem")
	}
	if _, err := renewed.Leaf.Verify(x509.VerifyOptions{DNSName: "localhost", Roots: caPool(t, renewed), CurrentTime: renewAt}); err != nil {
		t.Errorf("renewed certificate does not verify: %v", err)
	}
}

func TestEnsureLocalReissuesBadServerCert(t *testing.T) {
	tests := []struct {
		name  string
		spoil func(t *testing.T, l *Local)
	}{
		{"key missing", func(t *testing.T, l *Local) { os.Remove(l.KeyPath) }},
		{"certificate missing", func(t *testing.T, l *Local) { os.Remove(l.CertPath) }},
		{"certificate garbage", func(t *testing.T, l *Local) { os.WriteFile(l.CertPath, []byte("garbage"), 0o644) }},
		{"key from another pair", func(t *testing.T, l *Local) {
			other := newLocal(t)
			if err := datadir.WriteFileAtomic(l.KeyPath, readFile(t, other.KeyPath), 0o600, true); err != nil {
				t.Fatal(err)
			}
		}},
		{"names missing", func(t *testing.T, l *Local) {
			caKey, err := readPrivateKey(l.CAKeyPath)
			if err != nil {
				t.Fatal(err)
			}
			key, err := readPrivateKey(l.KeyPath)
			if err != nil {
				t.Fatal(err)
			}
			der, err := issueServerCert(l.CA, caKey, key.Public(), []string{"localhost"}, nil, time.Now())
			if err != nil {
				t.Fatal(err)
			}
			os.WriteFile(l.CertPath, pemEncode(pemCert, der), 0o644)
		}},
		{"signed by another CA", func(t *testing.T, l *Local) {
			other := newLocal(t)
			datadir.WriteFileAtomic(l.CertPath, readFile(t, other.CertPath), 0o644, true)
			datadir.WriteFileAtomic(l.KeyPath, readFile(t, other.KeyPath), 0o600, true)
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			l := newLocal(t)
			tt.spoil(t, l)
			again, err := EnsureLocal(filepath.Dir(l.CAPath), time.Now())
			if err != nil {
				t.Fatalf("EnsureLocal: %v", err)
			}
			if !again.IssuedCert || again.CreatedCA {
				t.Fatalf("IssuedCert %v, CreatedCA %v; want a reissued server certificate", again.IssuedCert, again.CreatedCA)
			}
			for _, name := range []string{"localhost", "127.0.0.1", "::1"} {
				if _, err := again.Leaf.Verify(x509.VerifyOptions{DNSName: name, Roots: caPool(t, l)}); err != nil {
					t.Errorf("reissued certificate for %s: %v", name, err)
				}
			}
			if _, err := loadPair(again.CertPath, again.KeyPath, time.Now()); err != nil {
				t.Errorf("reissued pair does not load: %v", err)
			}
		})
	}
}

func TestEnsureLocalNeverReplacesCA(t *testing.T) {
	t.Run("certificate without key", func(t *testing.T) {
		l := newLocal(t)
		caPEM := readFile(t, l.CAPath)
		os.Remove(l.CAKeyPath)
		_, err := EnsureLocal(filepath.Dir(l.CAPath), time.Now())
		if err == nil || !strings.Contains(err.Error(), "is missing") {
			t.Fatalf("EnsureLocal = %v; want an error about the missing key", err)
		}
		if !bytes.Equal(caPEM, readFile(t, l.CAPath)) {
			t.Error("ca.pem was replaced")
		}
		if _, err := os.Stat(l.CAKeyPath); !errors.Is(err, fs.ErrNotExist) {
			t.Errorf("ca.key was created: %v", err)
		}
	})

	t.Run("garbage certificate", func(t *testing.T) {
		l := newLocal(t)
		os.WriteFile(l.CAPath, []byte("garbage"), 0o644)
		keyPEM := readFile(t, l.CAKeyPath)
		if _, err := EnsureLocal(filepath.Dir(l.CAPath), time.Now()); err == nil {
			t.Fatal("EnsureLocal accepted a garbage ca.pem")
		}
		if string(readFile(t, l.CAPath)) != "garbage" || !bytes.Equal(keyPEM, readFile(t, l.CAKeyPath)) {
			t.Error("the CA files were replaced")
		}
	})

	t.Run("key readable by others", func(t *testing.T) {
		l := newLocal(t)
		os.Chmod(l.CAKeyPath, 0o644)
		_, err := EnsureLocal(filepath.Dir(l.CAPath), time.Now())
		if err == nil || !strings.Contains(err.Error(), "chmod 600 "+l.CAKeyPath) {
			t.Fatalf("EnsureLocal = %v; want a chmod hint", err)
		}
	})

	t.Run("key without certificate gets a certificate for the same key", func(t *testing.T) {
		l := newLocal(t)
		keyPEM := readFile(t, l.CAKeyPath)
		os.Remove(l.CAPath)
		again, err := EnsureLocal(filepath.Dir(l.CAPath), time.Now())
		if err != nil {
			t.Fatalf("EnsureLocal: %v", err)
		}
		if !again.CreatedCA {
			t.Error("CreatedCA = false; clients must be told to trust the new ca.pem")
		}
		if !bytes.Equal(keyPEM, readFile(t, l.CAKeyPath)) {
			t.Error("ca.key was replaced")
		}
		if !publicKeysEqual(again.CA.PublicKey, l.CA.PublicKey) {
			t.Error("new ca.pem is for another key")
		}
		if _, err := again.Leaf.Verify(x509.VerifyOptions{DNSName: "localhost", Roots: caPool(t, again)}); err != nil {
			t.Errorf("server certificate does not verify against the new ca.pem: %v", err)
		}
	})

	t.Run("expired CA", func(t *testing.T) {
		l := newLocal(t)
		_, err := EnsureLocal(filepath.Dir(l.CAPath), time.Now().Add(11*365*24*time.Hour))
		if err == nil || !strings.Contains(err.Error(), "move") {
			t.Fatalf("EnsureLocal with an expired CA = %v; want an error saying what to do", err)
		}
	})
}

func TestWriteFileAtomicNoOverwrite(t *testing.T) {
	p := filepath.Join(t.TempDir(), "ca.key")
	if err := datadir.WriteFileAtomic(p, []byte("first"), 0o600, false); err != nil {
		t.Fatal(err)
	}
	err := datadir.WriteFileAtomic(p, []byte("second"), 0o600, false)
	if !errors.Is(err, fs.ErrExist) {
		t.Fatalf("second write = %v; want fs.ErrExist", err)
	}
	if got := string(readFile(t, p)); got != "first" {
		t.Errorf("file holds %q; want %q", got, "first")
	}
	entries, _ := os.ReadDir(filepath.Dir(p))
	if len(entries) != 1 {
		t.Errorf("%d entries; want no temporary files left", len(entries))
	}
}
