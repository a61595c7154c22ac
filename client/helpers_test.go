package client

import (
	"context"
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/tls"
	"crypto/x509"
	"crypto/x509/pkix"
	"encoding/json"
	"encoding/pem"
	"io"
	"log"
	"math/big"
	"net"
	"net/http"
	"net/http/httptest"
	"sync"
	"testing"
	"time"

	"github.com/vmira/mira/internal/apikey"
	"github.com/vmira/mira/internal/openai"
)

var testKey = apikey.Generate()

// recorder collects what the retry machinery did instead of sleeping.
type recorder struct {
	mu      sync.Mutex
	sleeps  []time.Duration
	retries []retryCall
}

type retryCall struct {
	Attempt int
	Wait    time.Duration
	Err     string
}

func (r *recorder) Sleeps() []time.Duration {
	r.mu.Lock()
	defer r.mu.Unlock()
	return append([]time.Duration(nil), r.sleeps...)
}

// newTLSServer starts an httptest TLS server (HTTP/1.1) running h.
func newTLSServer(t *testing.T, h http.HandlerFunc) *httptest.Server {
	t.Helper()
	srv := httptest.NewTLSServer(h)
	t.Cleanup(srv.Close)
	return srv
}

// newTestClient returns a Client for srv that trusts only srv's certificate,
// uses testKey, records sleeps instead of sleeping and takes the whole
// backoff (no randomness).
func newTestClient(t *testing.T, srv *httptest.Server, opts ...Option) (*Client, *recorder) {
	t.Helper()
	return newTestClientAt(t, srv.URL, newPool(srv), opts...)
}

func newTestClientAt(t *testing.T, url string, roots *x509.CertPool, opts ...Option) (*Client, *recorder) {
	t.Helper()
	rec := &recorder{}
	base := []Option{
		WithBaseURL(url),
		WithRootCAs(roots),
		WithAPIKey(testKey),
		WithOnRetry(func(attempt int, wait time.Duration, err error) {
			rec.mu.Lock()
			defer rec.mu.Unlock()
			rec.retries = append(rec.retries, retryCall{attempt, wait, err.Error()})
		}),
		withSleep(func(ctx context.Context, d time.Duration) error {
			rec.mu.Lock()
			defer rec.mu.Unlock()
			rec.sleeps = append(rec.sleeps, d)
			return ctx.Err()
		}),
		withJitter(func(max time.Duration) time.Duration { return max }),
	}
	c, err := New(append(base, opts...)...)
	if err != nil {
		t.Fatalf("New: %v", err)
	}
	return c, rec
}

func withSleep(f func(context.Context, time.Duration) error) Option {
	return func(s *settings) error { s.sleep = f; return nil }
}

func withJitter(f func(time.Duration) time.Duration) Option {
	return func(s *settings) error { s.jitter = f; return nil }
}

func withNow(f func() time.Time) Option {
	return func(s *settings) error { s.now = f; return nil }
}

// writeError writes an error the way a Mira server does.
func writeError(w http.ResponseWriter, status int, code, message string) {
	c := code
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(status)
	json.NewEncoder(w).Encode(openai.ErrorResponse{Error: openai.ErrorBody{
		Message: message, Type: "invalid_request_error", Code: &c,
	}})
}

func writeJSON(w http.ResponseWriter, v any) {
	w.Header().Set("Content-Type", "application/json")
	json.NewEncoder(w).Encode(v)
}

// testCA is a certificate authority of a test's own, so a test can tell
// "trusted" from "signed by someone else" (every httptest server shares one
// certificate).
type testCA struct {
	cert *x509.Certificate
	key  *ecdsa.PrivateKey
	pem  []byte
}

func newTestCA(t *testing.T) *testCA {
	t.Helper()
	key, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	if err != nil {
		t.Fatal(err)
	}
	tmpl := &x509.Certificate{
		SerialNumber:          big.NewInt(1),
		Subject:               pkix.Name{CommonName: "Mira test CA"},
		NotBefore:             time.Now().Add(-time.Hour),
		NotAfter:              time.Now().Add(time.Hour),
		KeyUsage:              x509.KeyUsageCertSign,
		BasicConstraintsValid: true,
		IsCA:                  true,
	}
	der, err := x509.CreateCertificate(rand.Reader, tmpl, tmpl, &key.PublicKey, key)
	if err != nil {
		t.Fatal(err)
	}
	cert, err := x509.ParseCertificate(der)
	if err != nil {
		t.Fatal(err)
	}
	return &testCA{cert: cert, key: key, pem: pem.EncodeToMemory(&pem.Block{Type: "CERTIFICATE", Bytes: der})}
}

func (ca *testCA) pool() *x509.CertPool {
	p := x509.NewCertPool()
	p.AddCert(ca.cert)
	return p
}

// serverCert issues a certificate for 127.0.0.1 and localhost.
func (ca *testCA) serverCert(t *testing.T) tls.Certificate {
	t.Helper()
	key, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	if err != nil {
		t.Fatal(err)
	}
	tmpl := &x509.Certificate{
		SerialNumber: big.NewInt(2),
		Subject:      pkix.Name{CommonName: "localhost"},
		DNSNames:     []string{"localhost"},
		IPAddresses:  []net.IP{net.IPv4(127, 0, 0, 1), net.IPv6loopback},
		NotBefore:    time.Now().Add(-time.Hour),
		NotAfter:     time.Now().Add(time.Hour),
		KeyUsage:     x509.KeyUsageDigitalSignature,
		ExtKeyUsage:  []x509.ExtKeyUsage{x509.ExtKeyUsageServerAuth},
	}
	der, err := x509.CreateCertificate(rand.Reader, tmpl, ca.cert, &key.PublicKey, ca.key)
	if err != nil {
		t.Fatal(err)
	}
	return tls.Certificate{Certificate: [][]byte{der}, PrivateKey: key}
}

// newServerWithCert starts a TLS server presenting cert.
func newServerWithCert(t *testing.T, cert tls.Certificate, cfg *tls.Config, h http.HandlerFunc) *httptest.Server {
	t.Helper()
	srv := httptest.NewUnstartedServer(h)
	if cfg == nil {
		cfg = &tls.Config{}
	}
	cfg.Certificates = []tls.Certificate{cert}
	srv.TLS = cfg
	srv.Config.ErrorLog = log.New(io.Discard, "", 0) // handshake failures are what some tests want
	srv.StartTLS()
	t.Cleanup(srv.Close)
	return srv
}

// newPool returns a pool trusting only srv's certificate.
func newPool(srv *httptest.Server) *x509.CertPool {
	p := x509.NewCertPool()
	p.AddCert(srv.Certificate())
	return p
}

// guarded is a value shared between a test and its server's handlers.
type guarded[T any] struct {
	mu sync.Mutex
	v  T
}

func (g *guarded[T]) Get() T {
	g.mu.Lock()
	defer g.mu.Unlock()
	return g.v
}

func (g *guarded[T]) Set(v T) {
	g.mu.Lock()
	defer g.mu.Unlock()
	g.v = v
}

func (g *guarded[T]) Update(f func(*T)) {
	g.mu.Lock()
	defer g.mu.Unlock()
	f(&g.v)
}
