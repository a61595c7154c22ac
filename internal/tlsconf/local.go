package tlsconf

import (
	"bytes"
	"context"
	"crypto"
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/x509"
	"crypto/x509/pkix"
	"encoding/hex"
	"encoding/pem"
	"errors"
	"fmt"
	"io/fs"
	"math/big"
	"net"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"time"

	"github.com/vmira/mira/internal/datadir"
	"github.com/vmira/mira/internal/filelock"
)

// File names of the local CA and server certificate in the data directory.
const (
	CAFile     = "ca.pem"
	CAKeyFile  = "ca.key"
	CertFile   = "tls.pem"
	KeyFile    = "tls.key"
	LockFile   = ".tls.lock"
	certPerm   = 0o644
	keyPerm    = 0o600
	dirPerm    = 0o700
	pemCert    = "CERTIFICATE"
	pemPrivKey = "PRIVATE KEY"
)

const (
	localCAName = "Mira local CA"

	caValidity = 10 * 365 * 24 * time.Hour
	// certValidity stays under the 397 days browsers accept.
	certValidity = 365 * 24 * time.Hour
	// renewBefore is how close to expiry a server certificate is replaced.
	renewBefore = 30 * 24 * time.Hour
	// backdate absorbs small clock differences between machines.
	backdate = time.Hour
)

// localDNSNames and localIPs are the names the local server certificate is
// for, and the only names the local CA may ever certify.
var (
	localDNSNames = []string{"localhost"}
	localIPs      = []net.IP{net.IPv4(127, 0, 0, 1).To4(), net.IPv6loopback}
)

// Local describes the local CA and server certificate in a data directory.
// Every path is absolute, so it can be printed for the user to copy.
type Local struct {
	CAPath    string // ca.pem: what clients trust (MIRA_CA_CERT)
	CAKeyPath string // ca.key
	CertPath  string // tls.pem: the server certificate
	KeyPath   string // tls.key: the server key

	CA   *x509.Certificate
	Leaf *x509.Certificate

	// CreatedCA reports whether this call generated the CA, which clients
	// must be told to trust.
	CreatedCA bool
	// IssuedCert reports whether this call issued a new server certificate
	// (there was none, or it was expiring, mismatched or for other names).
	IssuedCert bool
}

// EnsureLocal makes sure dataDir holds a local CA (ca.pem, ca.key) and a
// server certificate signed by it for localhost, 127.0.0.1 and ::1 (tls.pem,
// tls.key), creating what is missing. The server certificate is reissued
// when it is missing, invalid, not signed by the CA, for other names, or
// within 30 days of expiry (calling EnsureLocal daily on a long-running
// server keeps it fresh); an existing CA is never replaced.
//
// The CA is ECDSA P-256, valid 10 years, and name-constrained to localhost,
// 127.0.0.1 and ::1 and to server authentication, so a stolen ca.key cannot
// impersonate any other site to clients that trust it. Keys are written 0600
// and certificates 0644, each atomically, under a lock on dataDir/.tls.lock
// so that processes started together end up with one matching pair.
func EnsureLocal(dataDir string, now time.Time) (*Local, error) {
	dir, err := filepath.Abs(dataDir)
	if err != nil {
		return nil, fmt.Errorf("local CA: data directory: %w", err)
	}
	if err := os.MkdirAll(dir, dirPerm); err != nil {
		return nil, fmt.Errorf("local CA: create data directory: %w", err)
	}
	// Two servers started at once on a fresh directory would otherwise
	// each write a key and a certificate, and could keep one's key with
	// the other's certificate.
	lock, err := filelock.Lock(context.Background(), filepath.Join(dir, LockFile))
	if err != nil {
		return nil, fmt.Errorf("local CA: lock %s: %w", filepath.Join(dir, LockFile), err)
	}
	defer filelock.Unlock(lock)
	l := &Local{
		CAPath:    filepath.Join(dir, CAFile),
		CAKeyPath: filepath.Join(dir, CAKeyFile),
		CertPath:  filepath.Join(dir, CertFile),
		KeyPath:   filepath.Join(dir, KeyFile),
	}
	caKey, err := l.ensureCA(now)
	if err != nil {
		return nil, fmt.Errorf("local CA: %w", err)
	}
	if err := l.ensureServerCert(caKey, now); err != nil {
		return nil, fmt.Errorf("local CA: server certificate: %w", err)
	}
	return l, nil
}

// ensureCA loads the CA, or creates it when neither file exists. A key
// without its certificate (a crash between the two writes) gets a fresh
// certificate for the same key; a certificate without its key is an error,
// since replacing it would silently break every client that trusts it.
func (l *Local) ensureCA(now time.Time) (crypto.Signer, error) {
	certPEM, certErr := os.ReadFile(l.CAPath)
	if certErr != nil && !errors.Is(certErr, fs.ErrNotExist) {
		return nil, certErr
	}
	_, keyErr := os.Stat(l.CAKeyPath)
	if keyErr != nil && !errors.Is(keyErr, fs.ErrNotExist) {
		return nil, keyErr
	}
	certExists, keyExists := certErr == nil, keyErr == nil

	switch {
	case certExists && !keyExists:
		return nil, fmt.Errorf("%s exists but its key %s is missing: restore the key, "+
			"or move %s away to create a new local CA (clients must then trust the new one)",
			l.CAPath, l.CAKeyPath, l.CAPath)

	case !certExists:
		var key crypto.Signer
		if keyExists {
			k, err := readPrivateKey(l.CAKeyPath)
			if err != nil {
				return nil, err
			}
			key = k
		} else {
			k, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
			if err != nil {
				return nil, err
			}
			der, err := x509.MarshalPKCS8PrivateKey(k)
			if err != nil {
				return nil, err
			}
			if err := datadir.WriteFileAtomic(l.CAKeyPath, pemEncode(pemPrivKey, der), keyPerm, false); err != nil {
				return nil, concurrentHint(err, l.CAKeyPath)
			}
			key = k
		}
		der, err := createCACert(key, now)
		if err != nil {
			return nil, err
		}
		if err := datadir.WriteFileAtomic(l.CAPath, pemEncode(pemCert, der), certPerm, false); err != nil {
			return nil, concurrentHint(err, l.CAPath)
		}
		l.CA, _ = x509.ParseCertificate(der)
		l.CreatedCA = true
		return key, nil
	}

	ca, err := parseFirstCert(certPEM)
	if err != nil {
		return nil, fmt.Errorf("%s: %w (move it and %s away to create a new local CA)", l.CAPath, err, l.CAKeyPath)
	}
	key, err := readPrivateKey(l.CAKeyPath)
	if err != nil {
		return nil, err
	}
	if !publicKeysEqual(ca.PublicKey, key.Public()) {
		return nil, fmt.Errorf("%s does not match the key in %s", l.CAPath, l.CAKeyPath)
	}
	if !ca.IsCA {
		return nil, fmt.Errorf("%s is not a CA certificate", l.CAPath)
	}
	if now.Add(renewBefore).After(ca.NotAfter) {
		return nil, fmt.Errorf("%s expires %s: move %s and %s away to create a new local CA (clients must then trust the new one)",
			l.CAPath, ca.NotAfter.Format(time.DateOnly), l.CAPath, l.CAKeyPath)
	}
	l.CA = ca
	return key, nil
}

func concurrentHint(err error, path string) error {
	if errors.Is(err, fs.ErrExist) {
		return fmt.Errorf("%s was created by another process at the same time; run the command again", path)
	}
	return err
}

// createCACert self-signs a CA certificate for key.
func createCACert(key crypto.Signer, now time.Time) ([]byte, error) {
	suffix := make([]byte, 4)
	if _, err := rand.Read(suffix); err != nil {
		return nil, err
	}
	serial, err := randomSerial()
	if err != nil {
		return nil, err
	}
	tmpl := &x509.Certificate{
		SerialNumber: serial,
		Subject: pkix.Name{
			CommonName:   localCAName + " " + hex.EncodeToString(suffix),
			Organization: []string{localCAName},
		},
		NotBefore:             now.Add(-backdate),
		NotAfter:              now.Add(caValidity),
		KeyUsage:              x509.KeyUsageCertSign | x509.KeyUsageCRLSign,
		BasicConstraintsValid: true,
		IsCA:                  true,
		MaxPathLen:            0,
		MaxPathLenZero:        true,
		// Limit what a stolen CA key could be used for: these names only,
		// and (EKU nesting, enforced by Go, browsers and OpenSSL) only for
		// TLS servers.
		PermittedDNSDomainsCritical: true,
		PermittedDNSDomains:         slices.Clone(localDNSNames),
		PermittedIPRanges:           hostRanges(localIPs),
		ExtKeyUsage:                 []x509.ExtKeyUsage{x509.ExtKeyUsageServerAuth},
	}
	return x509.CreateCertificate(rand.Reader, tmpl, tmpl, key.Public(), key)
}

func hostRanges(ips []net.IP) []*net.IPNet {
	var out []*net.IPNet
	for _, ip := range ips {
		bits := 8 * len(ip)
		out = append(out, &net.IPNet{IP: ip, Mask: net.CIDRMask(bits, bits)})
	}
	return out
}

// ensureServerCert keeps the existing server certificate when it is still
// good and issues a new one otherwise.
func (l *Local) ensureServerCert(caKey crypto.Signer, now time.Time) error {
	if leaf := l.currentServerCert(now); leaf != nil {
		l.Leaf = leaf
		return nil
	}
	key, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	if err != nil {
		return err
	}
	der, err := issueServerCert(l.CA, caKey, key.Public(), localDNSNames, localIPs, now)
	if err != nil {
		return err
	}
	keyDER, err := x509.MarshalPKCS8PrivateKey(key)
	if err != nil {
		return err
	}
	// Key first: a crash in between leaves a pair that does not match,
	// which the next start detects and reissues; a running Reloader keeps
	// the old pair until both files are new.
	if err := datadir.WriteFileAtomic(l.KeyPath, pemEncode(pemPrivKey, keyDER), keyPerm, true); err != nil {
		return err
	}
	if err := datadir.WriteFileAtomic(l.CertPath, pemEncode(pemCert, der), certPerm, true); err != nil {
		return err
	}
	l.Leaf, _ = x509.ParseCertificate(der)
	l.IssuedCert = true
	return nil
}

// currentServerCert returns the server certificate on disk if it can stay,
// or nil if a new one is needed.
func (l *Local) currentServerCert(now time.Time) *x509.Certificate {
	certPEM, err := os.ReadFile(l.CertPath)
	if err != nil {
		return nil
	}
	leaf, err := parseFirstCert(certPEM)
	if err != nil {
		return nil
	}
	key, err := readPrivateKey(l.KeyPath)
	if err != nil {
		return nil
	}
	ok := publicKeysEqual(leaf.PublicKey, key.Public()) &&
		// The issuer name too: a CA certificate recreated for the same key
		// has a new name, and verifiers build chains by name.
		bytes.Equal(leaf.RawIssuer, l.CA.RawSubject) &&
		leaf.CheckSignatureFrom(l.CA) == nil &&
		slices.Contains(leaf.ExtKeyUsage, x509.ExtKeyUsageServerAuth) &&
		slices.Equal(leaf.DNSNames, localDNSNames) &&
		sameIPs(leaf.IPAddresses, localIPs) &&
		!now.Before(leaf.NotBefore) &&
		now.Add(renewBefore).Before(leaf.NotAfter)
	if !ok {
		return nil
	}
	return leaf
}

// issueServerCert signs a TLS server certificate for pub. Its validity never
// outlasts the CA's.
func issueServerCert(ca *x509.Certificate, caKey crypto.Signer, pub crypto.PublicKey, dnsNames []string, ips []net.IP, now time.Time) ([]byte, error) {
	serial, err := randomSerial()
	if err != nil {
		return nil, err
	}
	cn := "localhost"
	if len(dnsNames) > 0 {
		cn = dnsNames[0]
	}
	notAfter := now.Add(certValidity)
	if notAfter.After(ca.NotAfter) {
		notAfter = ca.NotAfter
	}
	tmpl := &x509.Certificate{
		SerialNumber:          serial,
		Subject:               pkix.Name{CommonName: cn, Organization: []string{"Mira local server"}},
		NotBefore:             now.Add(-backdate),
		NotAfter:              notAfter,
		KeyUsage:              x509.KeyUsageDigitalSignature,
		ExtKeyUsage:           []x509.ExtKeyUsage{x509.ExtKeyUsageServerAuth},
		BasicConstraintsValid: true,
		DNSNames:              dnsNames,
		IPAddresses:           ips,
	}
	return x509.CreateCertificate(rand.Reader, tmpl, ca, pub, caKey)
}

func sameIPs(a, b []net.IP) bool {
	if len(a) != len(b) {
		return false
	}
	for _, x := range a {
		if !slices.ContainsFunc(b, x.Equal) {
			return false
		}
	}
	return true
}

func randomSerial() (*big.Int, error) {
	n, err := rand.Int(rand.Reader, new(big.Int).Lsh(big.NewInt(1), 127))
	if err != nil {
		return nil, err
	}
	return n.Add(n, big.NewInt(1)), nil // positive and never zero
}

func pemEncode(typ string, der []byte) []byte {
	return pem.EncodeToMemory(&pem.Block{Type: typ, Bytes: der})
}

func parseFirstCert(data []byte) (*x509.Certificate, error) {
	for rest := data; ; {
		var block *pem.Block
		block, rest = pem.Decode(rest)
		if block == nil {
			return nil, errors.New("no PEM certificate found")
		}
		if block.Type == pemCert {
			return x509.ParseCertificate(block.Bytes)
		}
	}
}

// readPrivateKey reads a PEM private key (PKCS #8, SEC 1 or PKCS #1) after
// checking that the file is private to its owner.
func readPrivateKey(path string) (crypto.Signer, error) {
	if err := CheckKeyFile(path); err != nil {
		return nil, err
	}
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	for rest := data; ; {
		var block *pem.Block
		block, rest = pem.Decode(rest)
		if block == nil {
			return nil, fmt.Errorf("%s: no PEM private key found", path)
		}
		if !strings.HasSuffix(block.Type, pemPrivKey) {
			continue
		}
		var key any
		switch block.Type {
		case "EC PRIVATE KEY":
			key, err = x509.ParseECPrivateKey(block.Bytes)
		case "RSA PRIVATE KEY":
			key, err = x509.ParsePKCS1PrivateKey(block.Bytes)
		default:
			key, err = x509.ParsePKCS8PrivateKey(block.Bytes)
		}
		if err != nil {
			return nil, fmt.Errorf("%s: %w", path, err)
		}
		signer, ok := key.(crypto.Signer)
		if !ok {
			return nil, fmt.Errorf("%s: unsupported private key type %T", path, key)
		}
		return signer, nil
	}
}

func publicKeysEqual(a, b crypto.PublicKey) bool {
	eq, ok := a.(interface{ Equal(crypto.PublicKey) bool })
	return ok && eq.Equal(b)
}

// Issued reports whether cert was signed by this local CA (or is the CA).
func (l *Local) Issued(cert *x509.Certificate) bool {
	if l == nil || l.CA == nil || cert == nil {
		return false
	}
	return bytes.Equal(cert.Raw, l.CA.Raw) || cert.CheckSignatureFrom(l.CA) == nil
}
