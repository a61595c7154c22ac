package main

import (
	"context"
	"database/sql"
	"fmt"
	"log/slog"
	"net"
	"net/http"
	"time"

	"github.com/redis/go-redis/v9"

	"github.com/vmira/mira/internal/admin"
	"github.com/vmira/mira/internal/audit"
	"github.com/vmira/mira/internal/health"
	"github.com/vmira/mira/internal/metrics"
	"github.com/vmira/mira/internal/provider"
	"github.com/vmira/mira/internal/reqlog"
	"github.com/vmira/mira/internal/server"
	"github.com/vmira/mira/internal/store"
	"github.com/vmira/mira/internal/tlsconf"
)

// openAdmin loads the admin listener's certificate and Bearer token, when
// configured (config.Validate has required them off loopback).
func (m *Main) openAdmin(context.Context) error {
	cfg := m.Config
	if !cfg.AdminEnabled() {
		return nil
	}
	if a := cfg.Admin; a.TLSCert != "" {
		if err := tlsconf.CheckKeyFile(a.TLSKey); err != nil {
			return fmt.Errorf("admin.tls_key: %w", err)
		}
		rl, err := tlsconf.NewReloader(a.TLSCert, a.TLSKey, cfg.TLS.ReloadInterval.D(), m.Logger)
		if err != nil {
			return fmt.Errorf("admin.tls_cert: %w", err)
		}
		m.closers = append(m.closers, rl.Close)
		m.adminCert = rl
		m.adminTLS = tlsconf.ServerConfig()
		m.adminTLS.GetCertificate = rl.GetCertificate
	}
	if f := cfg.Admin.TokenFile; f != "" {
		tok, err := admin.LoadToken(f)
		if err != nil {
			return err
		}
		m.adminToken = tok
	}
	return nil
}

// bindAdmin opens the admin listener's socket, unless it is off.
func (m *Main) bindAdmin() error {
	if !m.Config.AdminEnabled() {
		return nil
	}
	ln, err := net.Listen("tcp", m.Config.AdminListen)
	if err != nil {
		return fmt.Errorf("admin_listen %s: %w", m.Config.AdminListen, err)
	}
	m.aln, m.AdminAddr = ln, ln.Addr().String()
	return nil
}

// buildObservers makes the metrics and the readiness checker, which follow
// the request path as server.Observers.
func (m *Main) buildObservers(providers *provider.Registry, limiter server.Limiter, logs *reqlog.Writer) {
	var modelNames []string
	for _, md := range providers.Models() {
		modelNames = append(modelNames, md.ID)
	}
	backends := backendNames(providers)
	m.metrics = metrics.New(metrics.Config{Models: modelNames, Backends: backends,
		RequestLog: logs.Stats, Certificate: m.leaf, BackupTargets: backupTargetNames(m.Config.Backups)})
	var redisDegraded func() bool
	if d, ok := limiter.(interface{ Degraded() bool }); ok && m.Config.RedisURL != "" {
		redisDegraded = d.Degraded
	}
	m.health = health.New(health.Config{Database: m.pingDatabase, RedisDegraded: redisDegraded,
		Backends: backends, Observe: m.metrics.SetHealth, More: routeChecks(providers)})
	// Route targets report their calls to the same observers as the server.
	watchRoutes(providers, server.Observers{m.metrics, m.health, m.alerts}, m.metrics)
	// The health gauges follow the dependencies between /readyz calls too.
	m.background(func(ctx context.Context) {
		t := time.NewTicker(15 * time.Second)
		defer t.Stop()
		for {
			select {
			case <-ctx.Done():
				return
			case <-t.C:
				m.health.Check(ctx)
			}
		}
	})
}

// backendNames are the names the server and the routes report backend
// calls under: the providers, and each route as a whole.
func backendNames(providers *provider.Registry) []string {
	names := providers.Backends()
	for _, r := range providers.Routes() {
		names = append(names, r.Name())
	}
	return names
}

// pingDatabase runs a cheap query.
func (m *Main) pingDatabase(ctx context.Context) error {
	var one int
	return m.db.SQL().QueryRowContext(ctx, "SELECT 1").Scan(&one)
}

// serveAdmin starts the admin listener.
func (m *Main) serveAdmin() {
	if m.aln == nil {
		return
	}
	h := admin.Handler(admin.Config{Metrics: m.metrics.Handler(), Ready: m.health.Check, Token: m.adminToken})
	s := &http.Server{Handler: h, ReadHeaderTimeout: m.Config.HTTP.ReadHeaderTimeout.D(),
		IdleTimeout: m.Config.HTTP.IdleTimeout.D(), MaxHeaderBytes: m.Config.HTTP.MaxHeaderBytes,
		ErrorLog: slog.NewLogLogger(m.Logger.Handler(), slog.LevelDebug)}
	m.servers = append(m.servers, s)
	if m.adminTLS != nil {
		s.TLSConfig = m.adminTLS
		go func() { m.errc <- serveErr(s.ServeTLS(m.aln, "", "")) }()
		return
	}
	go func() { m.errc <- serveErr(s.Serve(m.aln)) }()
}

// countingAuditor counts key events as their audit entries are appended
// (in the change's transaction: a change whose commit then fails is
// counted too, which is rare and errs on the side of attention).
type countingAuditor struct {
	server.Auditor
	m *metrics.Metrics
}

func (a countingAuditor) AppendTx(ctx context.Context, tx *sql.Tx, e *audit.Entry) error {
	err := a.Auditor.AppendTx(ctx, tx, e)
	if err == nil {
		a.m.KeyEvent(e.Action)
	}
	return err
}

// pollingKeys records each successful poll for revoked keys (the
// authenticator's 1 s poll), for the revocation-propagation metric.
type pollingKeys struct {
	server.KeyStore
	m *metrics.Metrics
}

func (k pollingKeys) RevokedSince(ctx context.Context, since time.Time) ([]store.RevokedKey, error) {
	r, err := k.KeyStore.RevokedSince(ctx, since)
	if err == nil {
		k.m.RevocationsPolled(time.Now())
	}
	return r, err
}

// redisLogger sends go-redis's messages (plain text by default) to the
// server's structured log.
type redisLogger struct{ log *slog.Logger }

func (l redisLogger) Printf(ctx context.Context, format string, v ...any) {
	l.log.WarnContext(ctx, "redis client", "message", fmt.Sprintf(format, v...))
}

// useRedisLogger routes go-redis's (process-wide) logger through slog.
func (m *Main) useRedisLogger() { redis.SetLogger(redisLogger{m.Logger}) }
