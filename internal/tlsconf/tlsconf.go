// Package tlsconf holds Mira's TLS policy: the server and client
// configurations (TLS 1.2+ with AEAD suites only), the local CA that lets
// `mira serve` run over HTTPS on a fresh machine, certificate hot reloading,
// and the checks `mira serve` makes before it agrees to start (key file
// permissions, self-signed certificates on public addresses).
//
// There is deliberately no way to turn certificate verification off.
package tlsconf

import (
	"crypto/tls"
	"crypto/x509"
	"encoding/pem"
	"fmt"
	"net"
	"os"
	"slices"
	"strings"
)

// tls12Suites are Mozilla's "intermediate" TLS 1.2 suites: forward-secret
// ECDHE with an AEAD cipher. Go's defaults still include AES-CBC suites, so
// the list must be set explicitly. TLS 1.3 suites are not configurable in Go
// and are all AEAD.
var tls12Suites = []uint16{
	tls.TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256,
	tls.TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256,
	tls.TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384,
	tls.TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384,
	tls.TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305_SHA256,
	tls.TLS_ECDHE_RSA_WITH_CHACHA20_POLY1305_SHA256,
}

// curves are the key exchanges Mira accepts. Go treats CurvePreferences as a
// filter over its own defaults (and picks the order itself), so listing them
// only removes what is not here (P-521 and the NIST-curve ML-KEM hybrids) and
// a GODEBUG that disables ML-KEM still wins. X25519MLKEM768 is the
// post-quantum hybrid Go and current browsers use by default.
var curves = []tls.CurveID{
	tls.X25519MLKEM768,
	tls.X25519,
	tls.CurveP256,
	tls.CurveP384,
}

// TLS12CipherSuites returns the TLS 1.2 suites Mira offers and accepts,
// for clients that build their own configuration.
func TLS12CipherSuites() []uint16 { return slices.Clone(tls12Suites) }

// ServerConfig returns the base server TLS configuration: TLS 1.2 or newer,
// AEAD suites only, ALPN h2 and http/1.1. The caller supplies the certificate,
// usually with GetCertificate set to a Reloader's. Session ticket keys
// rotate every TicketKeyPeriod: a ticket resumes for under 24 hours.
func ServerConfig() *tls.Config {
	cfg := &tls.Config{
		MinVersion:       tls.VersionTLS12,
		CipherSuites:     slices.Clone(tls12Suites),
		CurvePreferences: slices.Clone(curves),
		NextProtos:       []string{"h2", "http/1.1"},
	}
	RotateSessionTickets(cfg, TicketKeyPeriod)
	return cfg
}

// ClientConfig returns the client TLS configuration: the system roots plus,
// when extraCAFile is not empty, the PEM CA certificates in that file (such
// as the ca.pem of a local Mira server, named by MIRA_CA_CERT). It is an
// error for extraCAFile to hold no certificate. Certificates are always
// verified: there is no option to skip verification.
//
// An http.Transport given this configuration needs ForceAttemptHTTP2 to keep
// using HTTP/2.
func ClientConfig(extraCAFile string) (*tls.Config, error) {
	cfg := &tls.Config{
		MinVersion:       tls.VersionTLS12,
		CipherSuites:     slices.Clone(tls12Suites),
		CurvePreferences: slices.Clone(curves),
	}
	if extraCAFile == "" {
		return cfg, nil // nil RootCAs: the platform verifier and its roots
	}
	certs, err := readCACerts(extraCAFile)
	if err != nil {
		return nil, err
	}
	pool, err := x509.SystemCertPool()
	if err != nil || pool == nil {
		pool = x509.NewCertPool() // no system roots here: trust only the file
	}
	for _, c := range certs {
		pool.AddCert(c)
	}
	cfg.RootCAs = pool
	return cfg, nil
}

// readCACerts parses every certificate in a PEM file and refuses files that
// hold none, hold garbage, or hold a private key (a CA key has no business in
// a file handed to clients).
func readCACerts(path string) ([]*x509.Certificate, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("read CA certificate file: %w", err)
	}
	var certs []*x509.Certificate
	for rest := data; ; {
		var block *pem.Block
		block, rest = pem.Decode(rest)
		if block == nil {
			break
		}
		switch {
		case block.Type == "CERTIFICATE":
			c, err := x509.ParseCertificate(block.Bytes)
			if err != nil {
				return nil, fmt.Errorf("CA certificate file %s: certificate %d: %w", path, len(certs)+1, err)
			}
			certs = append(certs, c)
		case strings.Contains(block.Type, "PRIVATE KEY"):
			return nil, fmt.Errorf("CA certificate file %s contains a private key: give the CA certificate (ca.pem), never its key", path)
		}
	}
	if len(certs) == 0 {
		return nil, fmt.Errorf("CA certificate file %s holds no PEM certificate (expected a \"-----BEGIN CERTIFICATE-----\" block, such as the ca.pem in a Mira data directory)", path)
	}
	return certs, nil
}

// IsSelfSigned reports whether cert is signed by its own key, as the
// certificates made by `openssl req -x509` and most "quick HTTPS" recipes
// are. Clients can trust such a certificate only by pinning it.
func IsSelfSigned(cert *x509.Certificate) bool {
	if cert == nil {
		return false
	}
	// CheckSignature, unlike CheckSignatureFrom, does not require the
	// certificate to be a CA, so self-signed leaves are caught too.
	return cert.CheckSignature(cert.SignatureAlgorithm, cert.RawTBSCertificate, cert.Signature) == nil
}

// IsLocalCA reports whether cert is a Mira local CA or was issued by one (on
// this machine or another). Such a certificate is only trusted by clients
// that were told to trust the CA, so for deciding where it may be served it
// counts as self-signed. The test is by name: it guards against mistakes, it
// is not an authentication.
func IsLocalCA(cert *x509.Certificate) bool {
	if cert == nil {
		return false
	}
	return strings.HasPrefix(cert.Issuer.CommonName, localCAName) ||
		strings.HasPrefix(cert.Subject.CommonName, localCAName)
}

// IsLoopbackListen reports whether a listen address such as
// "127.0.0.1:8443" binds only to the loopback interface. An empty host
// (":8443"), an unspecified address (0.0.0.0, ::), any other host name and
// anything unparsable report false, so callers fail closed.
func IsLoopbackListen(addr string) bool {
	host, _, err := net.SplitHostPort(addr)
	if err != nil || host == "" {
		return false
	}
	if strings.EqualFold(strings.TrimSuffix(host, "."), "localhost") {
		return true
	}
	if i := strings.IndexByte(host, '%'); i >= 0 {
		host = host[:i] // IPv6 zone, as in "[::1%lo]:8443"
	}
	ip := net.ParseIP(host)
	return ip != nil && ip.IsLoopback()
}
