package tlsconf

import (
	"cmp"
	"crypto/tls"
	"crypto/x509"
	"fmt"
	"log/slog"
	"os"
	"sync"
	"sync/atomic"
	"time"
)

// DefaultPoll is how often a Reloader checks its files when no interval is
// given.
const DefaultPoll = 2 * time.Second

// Reloader serves a certificate and key pair from files and picks up new
// files (renewed by certbot, cert-manager, EnsureLocal...) without a
// restart. A new pair that does not load is logged and the previous pair
// kept, so the server never ends up with no certificate.
//
// Use it as tls.Config.GetCertificate:
//
//	cfg := tlsconf.ServerConfig()
//	cfg.GetCertificate = r.GetCertificate
type Reloader struct {
	certFile, keyFile string
	log               *slog.Logger

	cur atomic.Pointer[tls.Certificate]

	mu    sync.Mutex // serialises reloads; guards stamp
	stamp fileStamps

	stop      chan struct{}
	done      chan struct{}
	closeOnce sync.Once
}

// fileStamps identify the versions of the certificate and key files: a
// change of inode (a rename or a Kubernetes secret update), size or mtime
// means new contents; a change of mode is checked again too, so a key made
// readable by others is reported. A nil entry is a file that could not be
// stat'ed.
type fileStamps [2]os.FileInfo

func (a fileStamps) equal(b fileStamps) bool {
	for i := range a {
		x, y := a[i], b[i]
		if x == nil || y == nil {
			if x != y {
				return false
			}
			continue
		}
		if !os.SameFile(x, y) || x.Size() != y.Size() || !x.ModTime().Equal(y.ModTime()) || x.Mode() != y.Mode() {
			return false
		}
	}
	return true
}

// NewReloader loads the pair in certFile and keyFile and starts checking the
// files for changes every poll (DefaultPoll if poll <= 0) until Close. It
// fails if the pair does not load: files missing, key not matching the
// certificate, key file readable by others (see CheckKeyFile) or
// certificate expired. A nil logger means slog.Default().
func NewReloader(certFile, keyFile string, poll time.Duration, logger *slog.Logger) (*Reloader, error) {
	if poll <= 0 {
		poll = DefaultPoll
	}
	r := &Reloader{
		certFile: certFile,
		keyFile:  keyFile,
		log:      cmp.Or(logger, slog.Default()),
		stop:     make(chan struct{}),
		done:     make(chan struct{}),
	}
	stamp := r.statFiles()
	cert, err := loadPair(certFile, keyFile, time.Now())
	if err != nil {
		return nil, err
	}
	r.cur.Store(cert)
	r.stamp = stamp
	go r.run(poll)
	return r, nil
}

// GetCertificate returns the current certificate, whatever the client asked
// for. It has the signature of tls.Config.GetCertificate.
func (r *Reloader) GetCertificate(*tls.ClientHelloInfo) (*tls.Certificate, error) {
	return r.cur.Load(), nil
}

// Leaf returns the current certificate, parsed.
func (r *Reloader) Leaf() *x509.Certificate {
	return r.cur.Load().Leaf
}

// Reload loads the files now, whether or not they look changed (for
// SIGHUP). On error the current pair stays in use and the error is returned.
func (r *Reloader) Reload() error {
	r.mu.Lock()
	defer r.mu.Unlock()
	return r.reloadLocked(r.statFiles())
}

// Close stops watching the files. GetCertificate keeps serving the last pair.
func (r *Reloader) Close() error {
	r.closeOnce.Do(func() { close(r.stop) })
	<-r.done
	return nil
}

func (r *Reloader) run(poll time.Duration) {
	defer close(r.done)
	t := time.NewTicker(poll)
	defer t.Stop()
	for {
		select {
		case <-r.stop:
			return
		case <-t.C:
			r.check()
		}
	}
}

// check reloads when either file changed since the last attempt. A failed
// attempt is logged once per change, not on every poll.
func (r *Reloader) check() {
	r.mu.Lock()
	defer r.mu.Unlock()
	stamp := r.statFiles()
	if stamp.equal(r.stamp) {
		return
	}
	if err := r.reloadLocked(stamp); err != nil {
		r.log.Error("TLS certificate reload failed; still serving the previous certificate",
			"cert_file", r.certFile, "key_file", r.keyFile, "err", err,
			"serving_serial", r.Leaf().SerialNumber.Text(16))
	}
}

// reloadLocked loads the pair; stamp was taken before reading, so a change
// racing with the read is seen again on the next poll.
func (r *Reloader) reloadLocked(stamp fileStamps) error {
	r.stamp = stamp
	cert, err := loadPair(r.certFile, r.keyFile, time.Now())
	if err != nil {
		return err
	}
	r.cur.Store(cert)
	leaf := cert.Leaf
	r.log.Info("TLS certificate loaded", "cert_file", r.certFile,
		"subject", leaf.Subject.String(), "serial", leaf.SerialNumber.Text(16),
		"not_after", leaf.NotAfter.UTC().Format(time.RFC3339))
	if left := time.Until(leaf.NotAfter); left < 14*24*time.Hour {
		r.log.Warn("TLS certificate expires soon", "cert_file", r.certFile,
			"not_after", leaf.NotAfter.UTC().Format(time.RFC3339), "left", left.Round(time.Minute).String())
	}
	return nil
}

func (r *Reloader) statFiles() fileStamps {
	var s fileStamps
	for i, name := range [2]string{r.certFile, r.keyFile} {
		if fi, err := os.Stat(name); err == nil {
			s[i] = fi
		}
	}
	return s
}

// loadPair reads and checks a certificate and key pair.
func loadPair(certFile, keyFile string, now time.Time) (*tls.Certificate, error) {
	if err := CheckKeyFile(keyFile); err != nil {
		return nil, err
	}
	certPEM, err := os.ReadFile(certFile)
	if err != nil {
		return nil, fmt.Errorf("TLS certificate: %w", err)
	}
	keyPEM, err := os.ReadFile(keyFile)
	if err != nil {
		return nil, fmt.Errorf("TLS private key: %w", err)
	}
	cert, err := tls.X509KeyPair(certPEM, keyPEM)
	if err != nil {
		return nil, fmt.Errorf("TLS certificate %s and key %s: %w (both must be PEM, and the key must be the certificate's)", certFile, keyFile, err)
	}
	if cert.Leaf == nil { // GODEBUG=x509keypairleaf=0
		if cert.Leaf, err = x509.ParseCertificate(cert.Certificate[0]); err != nil {
			return nil, fmt.Errorf("TLS certificate %s: %w", certFile, err)
		}
	}
	if now.After(cert.Leaf.NotAfter) {
		return nil, fmt.Errorf("TLS certificate %s expired on %s: renew it", certFile, cert.Leaf.NotAfter.UTC().Format(time.RFC3339))
	}
	return &cert, nil
}
