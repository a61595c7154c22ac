package main

import (
	"context"
	"crypto/tls"
	"crypto/x509"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/http"
	"sync"

	"github.com/vmira/mira/internal/alerts"
	"github.com/vmira/mira/internal/audit"
	"github.com/vmira/mira/internal/config"
	"github.com/vmira/mira/internal/connlimit"
	"github.com/vmira/mira/internal/events"
	"github.com/vmira/mira/internal/health"
	"github.com/vmira/mira/internal/metrics"
	"github.com/vmira/mira/internal/notify"
	"github.com/vmira/mira/internal/oauth"
	"github.com/vmira/mira/internal/provider"
	"github.com/vmira/mira/internal/proxyproto"
	"github.com/vmira/mira/internal/ratelimit"
	"github.com/vmira/mira/internal/server"
	"github.com/vmira/mira/internal/session"
	"github.com/vmira/mira/internal/sniff"
	"github.com/vmira/mira/internal/store"
	"github.com/vmira/mira/internal/tlsconf"
)

// Main is one `mira serve`, the composition root. Run builds it in stages,
// each its own method, and starts serving:
//
//	data:         data directory, server secret, database   (openData)
//	security:     TLS, audit log, OAuth, sessions, key events (openTLS, openSecurity)
//	request path: providers, limiter, filters, request logs, the server (buildRequestPath)
//	listeners:    bound before security, served last          (bind, serve)
//
// Wait blocks until a listener fails; Close drains and releases everything.
// The tests run the real server through it on free ports.
type Main struct {
	Config config.Config
	Logger *slog.Logger
	Getenv func(string) string // resolves providers' and filters' api_key_env
	// Out receives the messages meant for the person starting the server
	// (where the CA is and how to trust it).
	Out io.Writer

	// Addr is the HTTPS address actually listened on; HTTPAddr the plain
	// one, if any.
	Addr, HTTPAddr string
	// CAPath is the generated local CA, when no certificate was given.
	CAPath string
	// AdminAddr is the admin listener's address (/metrics, pprof,
	// /healthz, /readyz); empty when it is off.
	AdminAddr string

	// Built by the stages, in order.
	secret     []byte
	db         *store.DB
	tls        *tls.Config
	cert       *tlsconf.Reloader // the serving certificate, from files
	acme       *acmeCerts        // or from ACME
	adminCert  *tlsconf.Reloader // the admin listener's, if any
	ln, pln    net.Listener
	aln        net.Listener // admin
	adminTLS   *tls.Config
	adminToken string
	metrics    *metrics.Metrics
	health     *health.Checker
	audit      *audit.Log
	alerts     *alerts.Engine
	notifier   *notify.Notifier         // alert deliveries; its e-mail channel also sends invitations
	origin     string                   // the public https origin (OAuth issuer, links in e-mails)
	leaf       func() *x509.Certificate // the served certificate, for its expiry
	oauth      *oauth.Server
	sessions   *session.Manager
	bus        events.Bus
	plans      map[string]ratelimit.Plan
	providers  *provider.Registry
	server     *server.Server

	bg      sync.WaitGroup     // background loops, stopped by cancel
	bgCtx   context.Context    // their context: outlives Run's, ends at Close
	cancel  context.CancelFunc // ends bgCtx
	servers []*http.Server
	closers []func() error // run in reverse order by Close
	errc    chan error     // a listener's failure
}

// Run validates the configuration, builds every stage and starts the
// listeners. It refuses to start when a setting would be unsafe, with an
// error that says how to fix it; on any error what was opened is closed.
func (m *Main) Run(ctx context.Context) (err error) {
	if m.Logger == nil {
		m.Logger = slog.New(slog.DiscardHandler)
	}
	if m.Out == nil {
		m.Out = io.Discard
	}
	plans, planErr := rateLimitPlans(m.Config.Plans)
	if err := errors.Join(m.Config.Validate(), planErr); err != nil {
		return fmt.Errorf("configuration:\n%w", err)
	}
	m.plans = plans
	m.errc = make(chan error, 4) // one per server
	m.bgCtx, m.cancel = context.WithCancel(context.WithoutCancel(ctx))
	defer func() {
		if err != nil {
			m.closeListeners()
			m.closeAll()
		}
	}()
	// The sockets are bound before the security stage: with port 0 the
	// OAuth issuer and the plain listener's redirect need the real address.
	for _, stage := range []func(context.Context) error{m.openData, m.openTLS, m.openAdmin, m.bind, m.openSecurity, m.buildRequestPath} {
		if err := stage(ctx); err != nil {
			return err
		}
	}
	m.serve()
	if err := m.startACME(); err != nil {
		return err
	}
	m.reloadOnHangup(m.bgCtx)
	m.Logger.Info("mira serving", "https", "https://"+m.Addr, "plain_http_rejecting", m.HTTPAddr,
		"admin", m.AdminAddr, "database", m.db.Dialect(), "models", len(m.providers.Models()))
	return nil
}

// bind opens the HTTPS socket and, when configured, the plain one and the
// admin one.
func (m *Main) bind(context.Context) error {
	cfg := m.Config
	ln, err := m.listen(cfg.Listen)
	if err != nil {
		return err
	}
	lim := connlimit.Limits{PerAddress: cfg.HTTP.MaxConnectionsPerIP, Total: cfg.HTTP.MaxConnections,
		Exempt: cfg.RateLimits.TrustedProxyPrefixes}
	m.ln, m.Addr = connlimit.Listen(ln, lim), ln.Addr().String()
	if cfg.HTTPListen != "" {
		pln, err := m.listen(cfg.HTTPListen)
		if err != nil {
			return err
		}
		m.pln, m.HTTPAddr = connlimit.Listen(pln, lim), pln.Addr().String()
	}
	return m.bindAdmin()
}

// listen binds addr; with rate_limits.proxy_protocol the trusted proxies'
// PROXY v2 headers then give connections their client's address, before
// the per-address connection limits count them.
func (m *Main) listen(addr string) (net.Listener, error) {
	ln, err := net.Listen("tcp", addr)
	if err != nil {
		return nil, fmt.Errorf("listen %s: %w", addr, err)
	}
	rl := m.Config.RateLimits
	if !rl.ProxyProtocol {
		return ln, nil
	}
	return proxyproto.Listen(ln, rl.TrustedProxyPrefixes, m.Config.HTTP.ReadHeaderTimeout.D(), m.Logger), nil
}

// serve starts the HTTP servers on the bound sockets.
func (m *Main) serve() {
	h := m.Config.HTTP
	errLog := slog.NewLogLogger(m.Logger.Handler(), slog.LevelDebug) // TLS handshake noise
	newServer := func(handler http.Handler) *http.Server {
		return &http.Server{
			Handler:           handler,
			ReadHeaderTimeout: h.ReadHeaderTimeout.D(),
			IdleTimeout:       h.IdleTimeout.D(),
			MaxHeaderBytes:    h.MaxHeaderBytes,
			ErrorLog:          errLog,
			// No ReadTimeout/WriteTimeout: they would cut long streams.
			// Bodies and writes get per-operation deadlines instead.
		}
	}
	// Plain HTTP sent to the HTTPS port is told apart on its first byte
	// and answered by the plain handler, which revokes the keys it carries.
	tlsLn, plainLn := sniff.Split(m.ln)
	hs := newServer(m.server.Handler())
	hs.TLSConfig = m.tls
	ds := newServer(m.acme.plainHandler(m.server.PlainHandler()))
	m.servers = append(m.servers, hs, ds)
	go func() { m.errc <- serveErr(hs.ServeTLS(tlsLn, "", "")) }()
	go func() { m.errc <- serveErr(ds.Serve(plainLn)) }()
	if m.pln != nil {
		ps := newServer(m.acme.plainHandler(m.server.PlainHandler()))
		m.servers = append(m.servers, ps)
		go func() { m.errc <- serveErr(ps.Serve(m.pln)) }()
	}
	m.serveAdmin()
}

func serveErr(err error) error {
	if errors.Is(err, http.ErrServerClosed) {
		return nil
	}
	return err
}

// background runs loop until Close.
func (m *Main) background(loop func(context.Context)) {
	m.bg.Add(1)
	go func() {
		defer m.bg.Done()
		loop(m.bgCtx)
	}()
}

// Wait blocks until a listener fails or ctx ends.
func (m *Main) Wait(ctx context.Context) error {
	select {
	case err := <-m.errc:
		return err
	case <-ctx.Done():
		return nil
	}
}

// Close drains connections (up to the shutdown timeout), stops background
// work and closes the database.
func (m *Main) Close() error {
	ctx, cancel := context.WithTimeout(context.Background(), m.Config.HTTP.ShutdownTimeout.D())
	defer cancel()
	for _, s := range m.servers {
		if err := s.Shutdown(ctx); err != nil {
			s.Close()
		}
	}
	m.servers = nil
	if m.server != nil {
		m.server.Wait() // leak reports still being recorded
	}
	return m.closeAll()
}

// closeListeners closes sockets bound but never served (a later stage
// failed); served ones are closed by their server's Shutdown.
func (m *Main) closeListeners() {
	if len(m.servers) > 0 {
		return
	}
	for _, l := range []net.Listener{m.ln, m.pln, m.aln} {
		if l != nil {
			l.Close()
		}
	}
}

func (m *Main) closeAll() error {
	if m.cancel != nil {
		m.cancel()
	}
	m.bg.Wait()
	var errs []error
	for i := len(m.closers) - 1; i >= 0; i-- {
		errs = append(errs, m.closers[i]())
	}
	m.closers = nil
	return errors.Join(errs...)
}
