package client

import (
	"context"
	"crypto/tls"
	"errors"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"sync/atomic"
	"testing"
)

func modelsHandler(hits *atomic.Int32) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		hits.Add(1)
		writeJSON(w, map[string]any{"data": []Model{{ID: "mira-echo"}}})
	}
}

func TestTrustOnlyGivenCA(t *testing.T) {
	trusted, other := newTestCA(t), newTestCA(t)
	var hits atomic.Int32
	good := newServerWithCert(t, trusted.serverCert(t), nil, modelsHandler(&hits))
	bad := newServerWithCert(t, other.serverCert(t), nil, modelsHandler(&hits))

	c, _ := newTestClientAt(t, good.URL, trusted.pool())
	if _, err := c.Models(context.Background()); err != nil {
		t.Fatalf("Models() against the trusted server: %v", err)
	}

	c, rec := newTestClientAt(t, bad.URL, trusted.pool())
	_, err := c.Models(context.Background())
	var verify *tls.CertificateVerificationError
	if !errors.As(err, &verify) {
		t.Fatalf("Models() against a server of another CA = %v; want a certificate verification error", err)
	}
	if !strings.Contains(err.Error(), "MIRA_CA_CERT") {
		t.Errorf("error %q does not say how to trust a private CA", err)
	}
	if len(rec.Sleeps()) != 0 {
		t.Errorf("sleeps = %v; a certificate error must not be retried", rec.Sleeps())
	}
	if hits.Load() != 1 {
		t.Errorf("handler hits = %d; want 1 (only the trusted server)", hits.Load())
	}
}

func TestSystemRootsDoNotTrustTestCA(t *testing.T) {
	ca := newTestCA(t)
	var hits atomic.Int32
	srv := newServerWithCert(t, ca.serverCert(t), nil, modelsHandler(&hits))
	c, err := New(WithBaseURL(srv.URL), WithMaxRetries(0))
	if err != nil {
		t.Fatal(err)
	}
	var verify *tls.CertificateVerificationError
	if _, err := c.Models(context.Background()); !errors.As(err, &verify) {
		t.Fatalf("Models() with only system roots = %v; want a certificate verification error", err)
	}
}

func TestCAFile(t *testing.T) {
	ca := newTestCA(t)
	var hits atomic.Int32
	srv := newServerWithCert(t, ca.serverCert(t), nil, modelsHandler(&hits))
	dir := t.TempDir()
	write := func(name string, b []byte) string {
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, b, 0o600); err != nil {
			t.Fatal(err)
		}
		return p
	}

	c, err := New(WithBaseURL(srv.URL), WithCAFile(write("ca.pem", ca.pem)))
	if err != nil {
		t.Fatalf("New(WithCAFile): %v", err)
	}
	if _, err := c.Models(context.Background()); err != nil {
		t.Fatalf("Models() trusting the CA file: %v", err)
	}

	for _, tt := range []struct {
		name, path, wantErr string
	}{
		{"no certificate", write("empty.pem", []byte("not a certificate\n")), "holds no PEM certificate"},
		{"key only", write("key.pem", []byte("-----BEGIN PRIVATE KEY-----\nAAAA\n-----END PRIVATE KEY-----\n")), "holds no PEM certificate"},
		{"missing", filepath.Join(dir, "missing.pem"), "no such file"},
	} {
		if _, err := New(WithCAFile(tt.path)); err == nil || !strings.Contains(err.Error(), tt.wantErr) {
			t.Errorf("%s: New(WithCAFile) = %v; want an error containing %q", tt.name, err, tt.wantErr)
		}
	}
}

func TestMinimumTLS12(t *testing.T) {
	ca := newTestCA(t)
	var hits atomic.Int32
	old := &tls.Config{MinVersion: tls.VersionTLS10, MaxVersion: tls.VersionTLS11}
	srv := newServerWithCert(t, ca.serverCert(t), old, modelsHandler(&hits))
	c, rec := newTestClientAt(t, srv.URL, ca.pool())
	if _, err := c.Models(context.Background()); err == nil || !strings.Contains(err.Error(), "protocol version") {
		t.Fatalf("Models() against a TLS 1.1 server = %v; want a protocol version failure", err)
	}
	if hits.Load() != 0 || len(rec.Sleeps()) != 0 {
		t.Errorf("hits = %d, sleeps = %v; want none", hits.Load(), rec.Sleeps())
	}
}

func TestWithHTTPClient(t *testing.T) {
	ca := newTestCA(t)
	var hits atomic.Int32
	srv := newServerWithCert(t, ca.serverCert(t), nil, modelsHandler(&hits))

	insecure := &http.Client{Transport: &http.Transport{TLSClientConfig: &tls.Config{InsecureSkipVerify: true}}}
	if _, err := New(WithHTTPClient(insecure)); err == nil || !strings.Contains(err.Error(), "InsecureSkipVerify") {
		t.Errorf("New(WithHTTPClient(insecure)) = %v; want refusal", err)
	}

	custom := &http.Client{Transport: roundTripperFunc(http.DefaultTransport.RoundTrip)}
	if _, err := New(WithHTTPClient(custom), WithRootCAs(ca.pool())); err == nil || !strings.Contains(err.Error(), "*http.Transport") {
		t.Errorf("New(WithHTTPClient(custom RoundTripper), WithRootCAs) = %v; want an error", err)
	}

	// A plain *http.Transport gets our TLS policy and roots.
	weak := &http.Client{Transport: &http.Transport{TLSClientConfig: &tls.Config{MinVersion: tls.VersionTLS10}}}
	c, err := New(WithBaseURL(srv.URL), WithHTTPClient(weak), WithRootCAs(ca.pool()))
	if err != nil {
		t.Fatalf("New(WithHTTPClient): %v", err)
	}
	if _, err := c.Models(context.Background()); err != nil {
		t.Fatalf("Models(): %v", err)
	}
	tr := c.HTTPClient().Transport.(*http.Transport)
	if tr.TLSClientConfig.MinVersion != tls.VersionTLS12 || tr == weak.Transport {
		t.Errorf("transport MinVersion = %x (same transport: %v); want a copy with TLS 1.2", tr.TLSClientConfig.MinVersion, tr == weak.Transport)
	}
	if weak.Transport.(*http.Transport).TLSClientConfig.MinVersion != tls.VersionTLS10 {
		t.Error("the caller's transport was modified")
	}
}

type roundTripperFunc func(*http.Request) (*http.Response, error)

func (f roundTripperFunc) RoundTrip(r *http.Request) (*http.Response, error) { return f(r) }
