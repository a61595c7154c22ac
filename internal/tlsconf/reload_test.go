package tlsconf

import (
	"crypto"
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/tls"
	"crypto/x509"
	"log/slog"
	"math/big"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/vmira/mira/internal/datadir"
	"github.com/vmira/mira/internal/testkit"
)

func discardLogger() *slog.Logger { return slog.New(slog.DiscardHandler) }

// pairMaker issues server certificate pairs from a local CA into files.
type pairMaker struct {
	t     *testing.T
	l     *Local
	caKey crypto.Signer
	dir   string
}

func newPairMaker(t *testing.T) *pairMaker {
	l := newLocal(t)
	caKey, err := readPrivateKey(l.CAKeyPath)
	if err != nil {
		t.Fatal(err)
	}
	return &pairMaker{t: t, l: l, caKey: caKey, dir: t.TempDir()}
}

func (m *pairMaker) paths() (cert, key string) {
	return filepath.Join(m.dir, "tls.pem"), filepath.Join(m.dir, "tls.key")
}

// write issues a new pair, writes it atomically and returns its serial.
func (m *pairMaker) write(now time.Time) *big.Int {
	m.t.Helper()
	key, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	if err != nil {
		m.t.Fatal(err)
	}
	der, err := issueServerCert(m.l.CA, m.caKey, key.Public(), localDNSNames, localIPs, now)
	if err != nil {
		m.t.Fatal(err)
	}
	keyDER, _ := x509.MarshalPKCS8PrivateKey(key)
	certFile, keyFile := m.paths()
	if err := datadir.WriteFileAtomic(keyFile, pemEncode(pemPrivKey, keyDER), 0o600, true); err != nil {
		m.t.Fatal(err)
	}
	if err := datadir.WriteFileAtomic(certFile, pemEncode(pemCert, der), 0o644, true); err != nil {
		m.t.Fatal(err)
	}
	leaf, _ := x509.ParseCertificate(der)
	return leaf.SerialNumber
}

// servedSerial handshakes with a server using r and returns the serial of
// the certificate it presented.
func servedSerial(t *testing.T, addr string, roots *x509.CertPool) *big.Int {
	t.Helper()
	st, err := handshake(addr, &tls.Config{RootCAs: roots, ServerName: "localhost"})
	if err != nil {
		t.Fatalf("handshake: %v", err)
	}
	return st.PeerCertificates[0].SerialNumber
}

func waitFor(t *testing.T, what string, cond func() bool) {
	t.Helper()
	deadline := time.Now().Add(10 * time.Second)
	for !cond() {
		if time.Now().After(deadline) {
			t.Fatalf("timed out waiting for %s", what)
		}
		time.Sleep(5 * time.Millisecond)
	}
}

func TestReloader(t *testing.T) {
	m := newPairMaker(t)
	certFile, keyFile := m.paths()
	first := m.write(time.Now())

	logs := &testkit.Buffer{}
	t.Cleanup(func() {
		if t.Failed() {
			t.Logf("reloader log:\n%s", logs.String())
		}
	})
	r, err := NewReloader(certFile, keyFile, 10*time.Millisecond, slog.New(slog.NewTextHandler(logs, nil)))
	if err != nil {
		t.Fatalf("NewReloader: %v", err)
	}
	defer r.Close()
	cfg := ServerConfig()
	cfg.GetCertificate = r.GetCertificate
	addr := serveTLS(t, "tcp", "127.0.0.1:0", cfg)
	roots := caPool(t, m.l)

	// Readers hammer the current pair while it is swapped (for -race).
	stop := make(chan struct{})
	var readers sync.WaitGroup
	readers.Add(1)
	go func() {
		defer readers.Done()
		for {
			select {
			case <-stop:
				return
			default:
				c, _ := r.GetCertificate(nil)
				if c == nil || r.Leaf() == nil {
					t.Error("no certificate served")
					return
				}
			}
		}
	}()
	defer func() { close(stop); readers.Wait() }()

	if got := servedSerial(t, addr, roots); got.Cmp(first) != 0 {
		t.Fatalf("served serial %x; want %x", got, first)
	}

	second := m.write(time.Now())
	waitFor(t, "the replaced certificate to be served", func() bool {
		return servedSerial(t, addr, roots).Cmp(second) == 0
	})
	if r.Leaf().SerialNumber.Cmp(second) != 0 {
		t.Errorf("Leaf serial %x; want %x", r.Leaf().SerialNumber, second)
	}

	bad := []struct {
		name  string
		spoil func()
	}{
		{"garbage certificate", func() {
			datadir.WriteFileAtomic(certFile, []byte("not a certificate"), 0o644, true)
		}},
		{"key of another pair", func() {
			other := newPairMaker(t)
			other.write(time.Now())
			_, otherKey := other.paths()
			datadir.WriteFileAtomic(keyFile, readFile(t, otherKey), 0o600, true)
		}},
		{"key readable by others", func() {
			os.Chmod(keyFile, 0o644)
		}},
		{"expired certificate", func() {
			m.write(time.Now().Add(-400 * 24 * time.Hour))
		}},
	}
	for _, tt := range bad {
		t.Run(tt.name, func(t *testing.T) {
			current := m.write(time.Now())
			waitFor(t, "a good pair to be served", func() bool { return r.Leaf().SerialNumber.Cmp(current) == 0 })
			failures := strings.Count(logs.String(), "reload failed")
			tt.spoil()
			waitFor(t, "the failed reload to be logged", func() bool { return strings.Count(logs.String(), "reload failed") > failures })
			if got := servedSerial(t, addr, roots); got.Cmp(current) != 0 {
				t.Errorf("after a bad pair, served serial %x; want the previous %x", got, current)
			}
			if r.Leaf().SerialNumber.Cmp(current) != 0 {
				t.Errorf("after a bad pair, Leaf serial %x; want the previous %x", r.Leaf().SerialNumber, current)
			}
			// Logged once per change, not on every poll. (Writing a pair is
			// two changes, so let any second one land first.)
			time.Sleep(50 * time.Millisecond)
			logged := strings.Count(logs.String(), "reload failed")
			time.Sleep(100 * time.Millisecond)
			if n := strings.Count(logs.String(), "reload failed"); n != logged {
				t.Errorf("%d more failures logged with no change in the files; want none", n-logged)
			}
		})
	}

	// A good pair after bad ones is picked up again.
	last := m.write(time.Now())
	waitFor(t, "recovery", func() bool { return servedSerial(t, addr, roots).Cmp(last) == 0 })

	// Reload forces a load and reports a bad pair.
	datadir.WriteFileAtomic(certFile, []byte("garbage"), 0o644, true)
	if err := r.Reload(); err == nil {
		t.Error("Reload of a garbage certificate = nil; want an error")
	}
	if r.Leaf().SerialNumber.Cmp(last) != 0 {
		t.Error("Reload of a garbage certificate replaced the served one")
	}
}

func TestNewReloaderRefuses(t *testing.T) {
	tests := []struct {
		name    string
		setup   func(m *pairMaker)
		wantErr string
	}{
		{"missing files", func(m *pairMaker) {}, "no such file"},
		{"key of another pair", func(m *pairMaker) {
			m.write(time.Now())
			other := newPairMaker(t)
			other.write(time.Now())
			_, otherKey := other.paths()
			_, keyFile := m.paths()
			datadir.WriteFileAtomic(keyFile, readFile(t, otherKey), 0o600, true)
		}, "does not match"},
		{"key readable by group", func(m *pairMaker) {
			m.write(time.Now())
			_, keyFile := m.paths()
			os.Chmod(keyFile, 0o640)
		}, "chmod 600"},
		{"expired", func(m *pairMaker) { m.write(time.Now().Add(-400 * 24 * time.Hour)) }, "expired"},
		{"certificate and key swapped", func(m *pairMaker) {
			m.write(time.Now())
			certFile, keyFile := m.paths()
			c, k := readFile(t, certFile), readFile(t, keyFile)
			datadir.WriteFileAtomic(certFile, k, 0o600, true)
			datadir.WriteFileAtomic(keyFile, c, 0o600, true)
		}, "PEM"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			m := newPairMaker(t)
			tt.setup(m)
			certFile, keyFile := m.paths()
			r, err := NewReloader(certFile, keyFile, 0, discardLogger())
			if err == nil {
				r.Close()
				t.Fatalf("NewReloader = nil error; want one containing %q", tt.wantErr)
			}
			if !strings.Contains(err.Error(), tt.wantErr) {
				t.Errorf("NewReloader error %q; want it to contain %q", err, tt.wantErr)
			}
		})
	}
}
