package main

import (
	"context"
	"crypto/tls"
	"crypto/x509"
	"fmt"
	"net"
	"net/http"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/caddyserver/certmagic"
	"github.com/mholt/acmez/v3"
	"go.uber.org/zap"

	"github.com/vmira/mira/internal/certstore"
	"github.com/vmira/mira/internal/store"
	"github.com/vmira/mira/internal/tlsconf"
)

// acmeCerts obtains, renews and serves the certificate of tls.acme.domains.
type acmeCerts struct {
	magic   *certmagic.Config
	issuer  *certmagic.ACMEIssuer
	cache   *certmagic.Cache
	domains []string
}

// handshakeWait is how long a handshake waits for the first certificate
// while it is being obtained, instead of failing at once.
const handshakeWait = 60 * time.Second

// openACME prepares certificates from the ACME CA: kept in the database
// (sealed with the server secret, locked so one instance obtains or renews
// at a time) with PostgreSQL, in DataDir/acme otherwise. Obtaining starts
// once the listeners serve (startACME), as the CA's challenges reach them.
func (m *Main) openACME() error {
	cfg := m.Config.TLS.ACME
	storage, err := m.acmeStorage()
	if err != nil {
		return err
	}
	a := &acmeCerts{domains: cfg.Domains}
	a.cache = certmagic.NewCache(certmagic.CacheOptions{
		GetConfigForCert: func(certmagic.Certificate) (*certmagic.Config, error) { return a.magic, nil },
		Logger:           zap.NewNop(),
	})
	m.closers = append(m.closers, func() error { a.cache.Stop(); return nil })
	a.magic = certmagic.New(a.cache, certmagic.Config{Storage: storage, Logger: zap.NewNop(), OnEvent: m.acmeEvent,
		DefaultServerName: cfg.Domains[0]})
	tmpl := certmagic.ACMEIssuer{CA: cfg.CA, Email: cfg.Email, Agreed: true, Logger: zap.NewNop(),
		DisableHTTPChallenge: m.Config.HTTPListen == ""}
	if tmpl.CA == "" {
		tmpl.CA = certmagic.LetsEncryptProductionCA
	}
	if cfg.CARoot != "" {
		pool, err := rootsFrom(cfg.CARoot)
		if err != nil {
			return err
		}
		tmpl.TrustedRoots = pool
	}
	a.issuer = certmagic.NewACMEIssuer(a.magic, tmpl)
	a.magic.Issuers = []certmagic.Issuer{a.issuer}
	m.acme = a
	m.tls = tlsconf.ServerConfig()
	m.tls.GetCertificate = a.getCertificate
	m.tls.NextProtos = append(m.tls.NextProtos, acmez.ACMETLS1Protocol) // TLS-ALPN-01
	m.leaf = a.leaf
	return nil
}

// acmeStorage is the database with PostgreSQL (every instance shares it),
// else a directory in the data directory.
func (m *Main) acmeStorage() (certmagic.Storage, error) {
	if m.db.Dialect() == store.DialectPostgres {
		return certstore.New(m.db, m.secret, certstore.Options{})
	}
	dir := filepath.Join(m.Config.DataDir, "acme")
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return nil, fmt.Errorf("acme storage: %w", err)
	}
	return &certmagic.FileStorage{Path: dir}, nil
}

// startACME starts obtaining and renewing (in the background) once the
// listeners answer the challenges: the issuer's own challenge servers find
// the ports taken by Mira's listeners, which answer instead.
func (m *Main) startACME() error {
	if m.acme == nil {
		return nil
	}
	host, port, _ := net.SplitHostPort(m.Addr)
	m.acme.issuer.ListenHost = host
	m.acme.issuer.AltTLSALPNPort, _ = strconv.Atoi(port)
	if m.HTTPAddr != "" {
		_, hport, _ := net.SplitHostPort(m.HTTPAddr)
		m.acme.issuer.AltHTTPPort, _ = strconv.Atoi(hport)
	}
	return m.acme.magic.ManageAsync(m.bgCtx, m.acme.domains)
}

// getCertificate serves the managed certificate (or answers a TLS-ALPN-01
// challenge); while the first certificate is being obtained, a handshake
// for one of the domains waits for it rather than fail. Clients that send
// no server name (an address) get the first domain's.
func (a *acmeCerts) getCertificate(hello *tls.ClientHelloInfo) (*tls.Certificate, error) {
	deadline := time.Now().Add(handshakeWait)
	for {
		c, err := a.magic.GetCertificate(hello)
		// Only handshakes for our names wait: others must not hold a
		// goroutine for a minute each.
		if err == nil || time.Now().After(deadline) || !slices.Contains(a.domains, strings.ToLower(hello.ServerName)) {
			return c, err
		}
		select {
		case <-hello.Context().Done():
			return nil, err
		case <-time.After(100 * time.Millisecond):
		}
	}
}

// leaf is the served certificate with the nearest expiry, for the expiry
// metric and alert; nil before the first is obtained.
func (a *acmeCerts) leaf() *x509.Certificate {
	var out *x509.Certificate
	for _, d := range a.domains {
		for _, c := range a.cache.AllMatchingCertificates(d) {
			if c.Leaf != nil && (out == nil || c.Leaf.NotAfter.Before(out.NotAfter)) {
				out = c.Leaf
			}
		}
	}
	return out
}

// plainHandler answers HTTP-01 challenges before h.
func (a *acmeCerts) plainHandler(h http.Handler) http.Handler {
	if a == nil {
		return h
	}
	return a.issuer.HTTPChallengeHandler(h)
}

// acmeEvent logs what CertMagic does (obtained, renewed, failed).
func (m *Main) acmeEvent(_ context.Context, event string, data map[string]any) error {
	attrs := []any{"event", event}
	for _, k := range []string{"identifier", "issuer", "renewal", "error", "remaining"} {
		if v, ok := data[k]; ok {
			attrs = append(attrs, k, fmt.Sprint(v))
		}
	}
	if event == "cert_failed" {
		m.Logger.Error("ACME certificate failed", attrs...)
	} else {
		m.Logger.Info("ACME", attrs...)
	}
	return nil
}

// rootsFrom reads a PEM file of CA certificates.
func rootsFrom(path string) (*x509.CertPool, error) {
	b, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("tls.acme.ca_root: %w", err)
	}
	pool := x509.NewCertPool()
	if !pool.AppendCertsFromPEM(b) {
		return nil, fmt.Errorf("tls.acme.ca_root: %s holds no PEM certificate", path)
	}
	return pool, nil
}
