package tlsconf

import (
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/tls"
	"crypto/x509"
	"crypto/x509/pkix"
	"errors"
	"io"
	"net"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// newLocal creates a local CA and server certificate in a temporary dir.
func newLocal(t *testing.T) *Local {
	t.Helper()
	l, err := EnsureLocal(t.TempDir(), time.Now())
	if err != nil {
		t.Fatalf("EnsureLocal: %v", err)
	}
	return l
}

// caPool returns a pool holding only the local CA.
func caPool(t *testing.T, l *Local) *x509.CertPool {
	t.Helper()
	pool := x509.NewCertPool()
	data, err := os.ReadFile(l.CAPath)
	if err != nil {
		t.Fatal(err)
	}
	if !pool.AppendCertsFromPEM(data) {
		t.Fatalf("%s holds no certificate", l.CAPath)
	}
	return pool
}

// serveTLS accepts TLS connections on network/addr with cfg and completes
// their handshakes; it returns the listening address.
func serveTLS(t *testing.T, network, addr string, cfg *tls.Config) string {
	t.Helper()
	ln, err := tls.Listen(network, addr, cfg)
	if err != nil {
		t.Fatalf("listen: %v", err)
	}
	t.Cleanup(func() { ln.Close() })
	go func() {
		for {
			c, err := ln.Accept()
			if err != nil {
				return
			}
			go func() {
				defer c.Close()
				c.SetDeadline(time.Now().Add(5 * time.Second))
				if c.(*tls.Conn).Handshake() == nil {
					io.Copy(io.Discard, c) // until the client closes
				}
			}()
		}
	}()
	return ln.Addr().String()
}

// serverWithLocal serves the local server certificate with ServerConfig.
func serverWithLocal(t *testing.T, l *Local) string {
	t.Helper()
	cert, err := tls.LoadX509KeyPair(l.CertPath, l.KeyPath)
	if err != nil {
		t.Fatal(err)
	}
	cfg := ServerConfig()
	cfg.Certificates = []tls.Certificate{cert}
	return serveTLS(t, "tcp", "127.0.0.1:0", cfg)
}

func handshake(addr string, cfg *tls.Config) (tls.ConnectionState, error) {
	d := &net.Dialer{Timeout: 5 * time.Second}
	c, err := tls.DialWithDialer(d, "tcp", addr, cfg)
	if err != nil {
		return tls.ConnectionState{}, err
	}
	defer c.Close()
	return c.ConnectionState(), nil
}

func TestServerConfigHandshakes(t *testing.T) {
	l := newLocal(t)
	addr := serverWithLocal(t, l)
	_, port, _ := net.SplitHostPort(addr)
	roots := caPool(t, l)

	cbc := []uint16{
		tls.TLS_ECDHE_ECDSA_WITH_AES_128_CBC_SHA,
		tls.TLS_ECDHE_ECDSA_WITH_AES_256_CBC_SHA,
		tls.TLS_ECDHE_ECDSA_WITH_AES_128_CBC_SHA256,
		tls.TLS_ECDHE_RSA_WITH_AES_128_CBC_SHA,
		tls.TLS_ECDHE_RSA_WITH_AES_256_CBC_SHA,
		tls.TLS_RSA_WITH_AES_128_GCM_SHA256, // no forward secrecy
	}
	tests := []struct {
		name        string
		client      *tls.Config
		wantErr     bool
		wantVersion uint16
		wantSuite   uint16
	}{
		{
			name:    "TLS 1.1 refused",
			client:  &tls.Config{MinVersion: tls.VersionTLS10, MaxVersion: tls.VersionTLS11},
			wantErr: true,
		},
		{
			name:    "TLS 1.2 with only CBC and RSA key exchange suites refused",
			client:  &tls.Config{MaxVersion: tls.VersionTLS12, CipherSuites: cbc},
			wantErr: true,
		},
		{
			name:        "TLS 1.2 AES-GCM",
			client:      &tls.Config{MaxVersion: tls.VersionTLS12, CipherSuites: []uint16{tls.TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256}},
			wantVersion: tls.VersionTLS12,
			wantSuite:   tls.TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256,
		},
		{
			name:        "TLS 1.2 ChaCha20-Poly1305 chosen over offered CBC",
			client:      &tls.Config{MaxVersion: tls.VersionTLS12, CipherSuites: append([]uint16{tls.TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305_SHA256}, cbc...)},
			wantVersion: tls.VersionTLS12,
			wantSuite:   tls.TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305_SHA256,
		},
		{
			name:        "TLS 1.3",
			client:      &tls.Config{MinVersion: tls.VersionTLS13},
			wantVersion: tls.VersionTLS13,
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			cfg := tt.client.Clone()
			cfg.RootCAs = roots
			cfg.ServerName = "localhost"
			st, err := handshake(addr, cfg)
			if tt.wantErr {
				if err == nil {
					t.Fatalf("handshake succeeded with %s %s; want refusal",
						tls.VersionName(st.Version), tls.CipherSuiteName(st.CipherSuite))
				}
				var verr *tls.CertificateVerificationError
				if errors.As(err, &verr) {
					t.Fatalf("handshake failed on verification, not negotiation: %v", err)
				}
				return
			}
			if err != nil {
				t.Fatalf("handshake: %v", err)
			}
			if st.Version != tt.wantVersion {
				t.Errorf("version = %s; want %s", tls.VersionName(st.Version), tls.VersionName(tt.wantVersion))
			}
			if tt.wantSuite != 0 && st.CipherSuite != tt.wantSuite {
				t.Errorf("suite = %s; want %s", tls.CipherSuiteName(st.CipherSuite), tls.CipherSuiteName(tt.wantSuite))
			}
		})
	}

	t.Run("every name the certificate is for verifies against the CA alone", func(t *testing.T) {
		for _, a := range []string{"localhost:" + port, "127.0.0.1:" + port} {
			if _, err := handshake(a, &tls.Config{RootCAs: roots}); err != nil {
				t.Errorf("handshake with %s: %v", a, err)
			}
		}
		ln6, err := net.Listen("tcp", "[::1]:0")
		if err != nil {
			t.Skipf("no IPv6 loopback: %v", err)
		}
		ln6.Close()
		cert, err := tls.LoadX509KeyPair(l.CertPath, l.KeyPath)
		if err != nil {
			t.Fatal(err)
		}
		cfg := ServerConfig()
		cfg.Certificates = []tls.Certificate{cert}
		addr6 := serveTLS(t, "tcp6", "[::1]:0", cfg)
		if _, err := handshake(addr6, &tls.Config{RootCAs: roots}); err != nil {
			t.Errorf("handshake with %s: %v", addr6, err)
		}
	})

	t.Run("another name is refused", func(t *testing.T) {
		_, err := handshake(addr, &tls.Config{RootCAs: roots, ServerName: "example.com"})
		var verr *tls.CertificateVerificationError
		if !errors.As(err, &verr) {
			t.Fatalf("handshake as example.com: err = %v; want a certificate verification error", err)
		}
	})

	t.Run("system roots alone do not trust the local CA", func(t *testing.T) {
		_, err := handshake(addr, &tls.Config{ServerName: "localhost"})
		if err == nil {
			t.Fatal("handshake without the local CA succeeded")
		}
	})
}

func TestServerConfigPolicy(t *testing.T) {
	cfg := ServerConfig()
	if cfg.MinVersion != tls.VersionTLS12 {
		t.Errorf("MinVersion = %s; want TLS 1.2", tls.VersionName(cfg.MinVersion))
	}
	if len(cfg.CipherSuites) != 6 {
		t.Errorf("%d TLS 1.2 suites; want the 6 ECDHE AEAD suites", len(cfg.CipherSuites))
	}
	for _, id := range cfg.CipherSuites {
		name := tls.CipherSuiteName(id)
		if !strings.HasPrefix(name, "TLS_ECDHE_") || !(strings.Contains(name, "_GCM_") || strings.Contains(name, "CHACHA20_POLY1305")) {
			t.Errorf("suite %s is not ECDHE with an AEAD cipher", name)
		}
	}
	if got := strings.Join(cfg.NextProtos, ","); got != "h2,http/1.1" {
		t.Errorf("NextProtos = %q; want h2,http/1.1", got)
	}
	// Each call returns a fresh config: one caller's change cannot leak.
	cfg.CipherSuites[0] = tls.TLS_RSA_WITH_AES_128_CBC_SHA
	if ServerConfig().CipherSuites[0] == tls.TLS_RSA_WITH_AES_128_CBC_SHA {
		t.Error("ServerConfig shares its CipherSuites slice between calls")
	}
}

// TestHTTPServer is the setup `mira serve` uses: net/http over ServerConfig
// with a Reloader, and a client from ClientConfig trusting the local CA.
func TestHTTPServer(t *testing.T) {
	l := newLocal(t)
	r, err := NewReloader(l.CertPath, l.KeyPath, time.Hour, discardLogger())
	if err != nil {
		t.Fatal(err)
	}
	defer r.Close()
	cfg := ServerConfig()
	cfg.GetCertificate = r.GetCertificate
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	srv := &http.Server{
		Handler:           http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) { io.WriteString(w, r.Proto) }),
		TLSConfig:         cfg,
		ReadHeaderTimeout: 5 * time.Second,
	}
	go srv.ServeTLS(ln, "", "")
	defer srv.Close()

	ccfg, err := ClientConfig(l.CAPath)
	if err != nil {
		t.Fatalf("ClientConfig: %v", err)
	}
	client := &http.Client{Transport: &http.Transport{TLSClientConfig: ccfg, ForceAttemptHTTP2: true}, Timeout: 5 * time.Second}
	_, port, _ := net.SplitHostPort(ln.Addr().String())
	resp, err := client.Get("https://localhost:" + port + "/")
	if err != nil {
		t.Fatalf("GET: %v", err)
	}
	defer resp.Body.Close()
	body, _ := io.ReadAll(resp.Body)
	if string(body) != "HTTP/2.0" {
		t.Errorf("served over %q; want HTTP/2.0", body)
	}
}

func TestClientConfig(t *testing.T) {
	l := newLocal(t)
	dir := t.TempDir()
	write := func(name, content string) string {
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, []byte(content), 0o644); err != nil {
			t.Fatal(err)
		}
		return p
	}
	keyPEM, err := os.ReadFile(l.KeyPath)
	if err != nil {
		t.Fatal(err)
	}
	caPEM, err := os.ReadFile(l.CAPath)
	if err != nil {
		t.Fatal(err)
	}

	errTests := []struct {
		name, path, wantErr string
	}{
		{"missing file", filepath.Join(dir, "nope.pem"), "no such file"},
		{"not PEM", write("bogus.pem", "this is not a certificate\n"), "holds no PEM certificate"},
		{"empty", write("empty.pem", ""), "holds no PEM certificate"},
		{"bad DER", write("bad.pem", "-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----\n"), "certificate 1"},
		{"key instead of CA", write("key.pem", string(keyPEM)), "contains a private key"},
		{"CA with its key", write("both.pem", string(caPEM)+string(keyPEM)), "contains a private key"},
	}
	for _, tt := range errTests {
		t.Run(tt.name, func(t *testing.T) {
			cfg, err := ClientConfig(tt.path)
			if err == nil || !strings.Contains(err.Error(), tt.wantErr) {
				t.Fatalf("ClientConfig(%q) = %v, %v; want error containing %q", tt.path, cfg, err, tt.wantErr)
			}
		})
	}

	t.Run("no extra CA", func(t *testing.T) {
		cfg, err := ClientConfig("")
		if err != nil {
			t.Fatal(err)
		}
		if cfg.RootCAs != nil || cfg.InsecureSkipVerify || cfg.MinVersion != tls.VersionTLS12 {
			t.Errorf("ClientConfig(\"\") = RootCAs %v, InsecureSkipVerify %v, MinVersion %x; want system roots, verification, TLS 1.2",
				cfg.RootCAs, cfg.InsecureSkipVerify, cfg.MinVersion)
		}
	})

	t.Run("local CA verifies the local server", func(t *testing.T) {
		addr := serverWithLocal(t, l)
		cfg, err := ClientConfig(l.CAPath)
		if err != nil {
			t.Fatal(err)
		}
		if cfg.InsecureSkipVerify {
			t.Fatal("InsecureSkipVerify set")
		}
		cfg.ServerName = "localhost"
		if _, err := handshake(addr, cfg); err != nil {
			t.Fatalf("handshake: %v", err)
		}
	})
}

func TestIsLoopbackListen(t *testing.T) {
	tests := []struct {
		addr string
		want bool
	}{
		{"127.0.0.1:8443", true},
		{"127.0.0.2:8443", true},
		{"[::1]:8443", true},
		{"[::1%lo]:8443", true},
		{"localhost:8443", true},
		{"LOCALHOST.:8443", true},
		{":8443", false},
		{"0.0.0.0:8443", false},
		{"[::]:8443", false},
		{"10.0.0.1:8443", false},
		{"example.com:8443", false},
		{"localhost.example.com:8443", false},
		{"127.0.0.1", false}, // no port: unparsable, fail closed
		{"", false},
	}
	for _, tt := range tests {
		if got := IsLoopbackListen(tt.addr); got != tt.want {
			t.Errorf("IsLoopbackListen(%q) = %v; want %v", tt.addr, got, tt.want)
		}
	}
}

func TestIsSelfSignedAndIsLocalCA(t *testing.T) {
	l := newLocal(t)

	// A self-signed leaf, not a CA, as `openssl req -x509` variants make.
	key, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	if err != nil {
		t.Fatal(err)
	}
	tmpl := &x509.Certificate{
		SerialNumber: bigOne(),
		Subject:      pkix.Name{CommonName: "mira.example.com"},
		DNSNames:     []string{"mira.example.com"},
		NotBefore:    time.Now().Add(-time.Hour),
		NotAfter:     time.Now().Add(time.Hour),
	}
	der, err := x509.CreateCertificate(rand.Reader, tmpl, tmpl, key.Public(), key)
	if err != nil {
		t.Fatal(err)
	}
	selfLeaf, err := x509.ParseCertificate(der)
	if err != nil {
		t.Fatal(err)
	}

	// A leaf from some other CA.
	otherCAKey, _ := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	otherCATmpl := &x509.Certificate{
		SerialNumber: bigOne(), Subject: pkix.Name{CommonName: "Example CA"},
		NotBefore: time.Now().Add(-time.Hour), NotAfter: time.Now().Add(time.Hour),
		IsCA: true, BasicConstraintsValid: true, KeyUsage: x509.KeyUsageCertSign,
	}
	otherCADER, _ := x509.CreateCertificate(rand.Reader, otherCATmpl, otherCATmpl, otherCAKey.Public(), otherCAKey)
	otherCA, _ := x509.ParseCertificate(otherCADER)
	leafDER, err := issueServerCert(otherCA, otherCAKey, key.Public(), []string{"mira.example.com"}, nil, time.Now())
	if err != nil {
		t.Fatal(err)
	}
	otherLeaf, _ := x509.ParseCertificate(leafDER)

	tests := []struct {
		name                    string
		cert                    *x509.Certificate
		selfSigned, localCA, in bool
	}{
		{"local CA", l.CA, true, true, true},
		{"local server certificate", l.Leaf, false, true, true},
		{"self-signed leaf", selfLeaf, true, false, false},
		{"other CA", otherCA, true, false, false},
		{"leaf of other CA", otherLeaf, false, false, false},
		{"nil", nil, false, false, false},
	}
	for _, tt := range tests {
		if got := IsSelfSigned(tt.cert); got != tt.selfSigned {
			t.Errorf("IsSelfSigned(%s) = %v; want %v", tt.name, got, tt.selfSigned)
		}
		if got := IsLocalCA(tt.cert); got != tt.localCA {
			t.Errorf("IsLocalCA(%s) = %v; want %v", tt.name, got, tt.localCA)
		}
		if got := l.Issued(tt.cert); got != tt.in {
			t.Errorf("Local.Issued(%s) = %v; want %v", tt.name, got, tt.in)
		}
	}
}
