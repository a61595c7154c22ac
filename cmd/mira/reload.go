package main

import (
	"context"
	"errors"
	"os"
	"os/signal"
	"syscall"
	"time"

	"github.com/vmira/mira/internal/tlsconf"
)

// reloadable names what SIGHUP reloads, for the log line and the README:
// every other setting needs a restart.
var reloadable = []string{"tls.cert", "tls.key", "admin.tls_cert", "admin.tls_key", "the local CA's certificate", "ACME certificates from storage"}

// Reload re-reads the certificates now (SIGHUP): the given files, the
// admin listener's, the local CA's (renewed if due) and, with ACME, the
// stored ones (another instance may have renewed them). What fails to
// load keeps serving the previous certificate.
func (m *Main) Reload(ctx context.Context) error {
	var errs []error
	if m.CAPath != "" {
		if _, err := tlsconf.EnsureLocal(m.Config.DataDir, time.Now()); err != nil {
			errs = append(errs, err)
		}
	}
	for _, rl := range []*tlsconf.Reloader{m.cert, m.adminCert} {
		if rl != nil {
			errs = append(errs, rl.Reload())
		}
	}
	if m.acme != nil {
		for _, d := range m.acme.domains {
			if _, err := m.acme.magic.CacheManagedCertificate(ctx, d); err != nil {
				errs = append(errs, err)
			}
		}
	}
	return errors.Join(errs...)
}

// reloadOnHangup calls Reload on each SIGHUP until ctx ends.
func (m *Main) reloadOnHangup(ctx context.Context) {
	hup := make(chan os.Signal, 1)
	signal.Notify(hup, syscall.SIGHUP)
	go func() {
		defer signal.Stop(hup)
		for {
			select {
			case <-ctx.Done():
				return
			case <-hup:
				if err := m.Reload(ctx); err != nil {
					m.Logger.Error("SIGHUP: reloading failed; the previous certificates stay in use", "error", err)
					continue
				}
				m.Logger.Info("SIGHUP: reloaded; other settings need a restart", "reloaded", reloadable)
			}
		}
	}()
}
