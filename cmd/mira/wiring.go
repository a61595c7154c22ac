package main

import (
	"context"
	"crypto/x509"
	"errors"
	"fmt"
	"net"
	"net/http"
	"net/netip"
	"strings"
	"time"

	"github.com/redis/go-redis/v9"

	"github.com/vmira/mira/internal/alerts"
	"github.com/vmira/mira/internal/audit"
	"github.com/vmira/mira/internal/config"
	"github.com/vmira/mira/internal/dashboard"
	"github.com/vmira/mira/internal/datadir"
	"github.com/vmira/mira/internal/events"
	"github.com/vmira/mira/internal/notify"
	"github.com/vmira/mira/internal/oauth"
	"github.com/vmira/mira/internal/openai"
	"github.com/vmira/mira/internal/provider"
	"github.com/vmira/mira/internal/ratelimit"
	"github.com/vmira/mira/internal/reqlog"
	"github.com/vmira/mira/internal/screen"
	"github.com/vmira/mira/internal/sensitive"
	"github.com/vmira/mira/internal/server"
	"github.com/vmira/mira/internal/session"
	"github.com/vmira/mira/internal/store"
	"github.com/vmira/mira/internal/tlsconf"
)

// openData prepares the data directory, loads (or makes) the server secret
// and opens the database.
func (m *Main) openData(ctx context.Context) error {
	cfg := m.Config
	if err := datadir.Ensure(cfg.DataDir); err != nil {
		return err
	}
	secret, err := datadir.LoadSecret(cfg.DataDir, cfg.SecretKeyFile)
	if err != nil {
		return err
	}
	m.secret = secret
	db, err := store.Open(ctx, cfg.DatabaseURL, cfg.DataDir)
	if err != nil {
		return err
	}
	m.db = db
	m.closers = append(m.closers, db.Close)
	if err := checkSecret(ctx, db, secret); err != nil {
		if errors.Is(err, errSecretMismatch) {
			return secretMismatchError(cfg)
		}
		return err
	}
	return nil
}

// openTLS makes the listener's TLS configuration: ACME's certificates, the
// given certificate (reloaded when its files change) or the generated
// local CA's.
func (m *Main) openTLS(context.Context) error {
	cfg := m.Config
	if cfg.TLS.ACME.Enabled() {
		return m.openACME()
	}
	certFile, keyFile := cfg.TLS.Cert, cfg.TLS.Key
	if certFile == "" {
		local, err := m.localCertificate()
		if err != nil {
			return err
		}
		certFile, keyFile, m.CAPath = local.CertPath, local.KeyPath, local.CAPath
	}
	if err := tlsconf.CheckKeyFile(keyFile); err != nil {
		return err
	}
	rl, err := tlsconf.NewReloader(certFile, keyFile, cfg.TLS.ReloadInterval.D(), m.Logger)
	if err != nil {
		return err
	}
	m.closers = append(m.closers, rl.Close)
	m.cert = rl
	if m.CAPath == "" {
		if leaf := rl.Leaf(); selfSigned(leaf) && !tlsconf.IsLoopbackListen(cfg.Listen) && !cfg.TLS.AllowSelfSigned {
			return fmt.Errorf("refusing to serve the self-signed certificate %s on %s, a non-loopback address: clients cannot verify it. Use a certificate from a CA your clients trust, or pass --allow-self-signed", certFile, cfg.Listen)
		}
	}
	m.tls = tlsconf.ServerConfig()
	m.tls.GetCertificate = rl.GetCertificate
	m.leaf = rl.Leaf
	return nil
}

// localCertificate makes (or renews) the local CA and its localhost
// certificate, refuses them on a non-loopback address unless allowed, and
// keeps renewing them while the server runs.
func (m *Main) localCertificate() (*tlsconf.Local, error) {
	cfg := m.Config
	local, err := tlsconf.EnsureLocal(cfg.DataDir, time.Now())
	if err != nil {
		return nil, err
	}
	if !tlsconf.IsLoopbackListen(cfg.Listen) && !cfg.TLS.AllowSelfSigned {
		return nil, fmt.Errorf("refusing to serve the generated local-CA certificate on %s, a non-loopback address: clients elsewhere cannot verify it. Give a real certificate with --tls-cert/--tls-key, or pass --allow-self-signed and hand clients %s (MIRA_CA_CERT)", cfg.Listen, local.CAPath)
	}
	// The reloader serves renewed files; renewal itself happens only when
	// EnsureLocal runs, so run it twice a day.
	m.background(func(ctx context.Context) {
		t := time.NewTicker(12 * time.Hour)
		defer t.Stop()
		for {
			select {
			case <-ctx.Done():
				return
			case <-t.C:
				if _, err := tlsconf.EnsureLocal(cfg.DataDir, time.Now()); err != nil {
					m.Logger.Error("renewing the local certificate failed", "error", err)
				}
			}
		}
	})
	if local.CreatedCA {
		fmt.Fprintf(m.Out, "Generated a local certificate authority for https://localhost: %s\nTrust it in clients with:\n\n    export MIRA_CA_CERT=%s\n\n", local.CAPath, local.CAPath)
	} else {
		fmt.Fprintf(m.Out, "Local CA: %s (export MIRA_CA_CERT=%s)\n", local.CAPath, local.CAPath)
	}
	return local, nil
}

func selfSigned(leaf *x509.Certificate) bool {
	return tlsconf.IsSelfSigned(leaf) || tlsconf.IsLocalCA(leaf)
}

// openSecurity opens the audit log, the OAuth server, browser sessions
// and the key-change event bus.
func (m *Main) openSecurity(ctx context.Context) error {
	cfg, log := m.Config, m.Logger
	auditLog, err := audit.New(ctx, m.db, audit.Config{Secret: m.secret})
	if err != nil {
		return err
	}
	m.audit = auditLog
	if err := m.openAlerts(); err != nil {
		return err
	}
	auditSecurity := func(ctx context.Context, e *audit.Entry) {
		if err := auditLog.Append(context.WithoutCancel(ctx), e); err != nil {
			log.Error("AUDIT LOG WRITE FAILED", "action", e.Action, "error", err)
		}
	}
	m.origin = strings.TrimSuffix(cfg.PublicURL, "/")
	if m.origin == "" {
		m.origin = defaultIssuer(m.Addr)
	}
	oa, err := oauth.New(ctx, oauth.Config{Issuer: m.origin, AccessTokenTTL: cfg.OAuth.AccessTokenTTL.D(),
		RefreshIdleTTL: cfg.OAuth.RefreshIdleTTL.D(), RefreshMaxTTL: cfg.OAuth.RefreshMaxTTL.D(),
		ClientIP: server.ClientIP, Logger: log, Audit: auditSecurity}, m.db, m.secret)
	if err != nil {
		return err
	}
	m.oauth = oa
	sessions, err := session.New(session.Config{OnPasswordChange: oa.RevokeUserTokens, ClientIP: server.ClientIP,
		Logger: log, Audit: auditSecurity}, m.db, m.secret)
	if err != nil {
		return err
	}
	m.sessions = sessions
	m.background(oa.Run)
	m.background(sessions.Run)
	return m.openBus()
}

// openAlerts makes the detectors of suspicious activity and their alert
// store, with counters shared through Redis when it is configured, and
// starts them: the queue's drain, the audit log's follower (key creations,
// sign-ins, device approvals), the audit chain's hourly verification and a
// daily look at the certificate's expiry.
func (m *Main) openAlerts() error {
	cfg := m.Config
	rules, err := alerts.RulesFrom(cfg.Alerts.Rules)
	if err != nil {
		return err
	}
	var rc redis.UniversalClient
	if cfg.RedisURL != "" {
		c, err := ratelimit.NewRedisClient(cfg.RedisURL)
		if err != nil {
			return fmt.Errorf("redis_url: %w", err)
		}
		m.closers = append(m.closers, c.Close)
		rc = c
	}
	// Alerts are delivered through a durable outbox, written in the same
	// transaction that raises them.
	notifier, err := notify.New(m.db, cfg.Alerts.Channels, m.Getenv, notify.Options{Logger: m.Logger})
	if err != nil {
		return err
	}
	m.background(notifier.Run)
	m.notifier = notifier
	m.alerts = alerts.New(alerts.Config{Store: alerts.NewStore(m.db, rules, m.audit, notifier), Rules: rules,
		Redis: rc, Logger: m.Logger, Verifier: m.audit})
	m.background(m.alerts.Run)
	if m.leaf != nil {
		m.background(func(ctx context.Context) {
			for {
				if err := m.alerts.CheckCertificate(ctx, "https "+m.Addr, m.leaf()); err != nil && ctx.Err() == nil {
					m.Logger.Warn("checking the certificate's expiry failed", "error", err)
				}
				select {
				case <-ctx.Done():
					return
				case <-time.After(24 * time.Hour):
				}
			}
		})
	}
	return nil
}

// openBus opens the key-change event bus: Redis pub/sub when several
// instances share MIRA_REDIS_URL, else in-process.
func (m *Main) openBus() error {
	if m.Config.RedisURL == "" {
		m.bus = events.NewLocal()
		return nil
	}
	m.useRedisLogger()
	opts, err := redis.ParseURL(m.Config.RedisURL)
	if err != nil {
		return errors.New("redis_url: not a valid redis:// URL")
	}
	rc := redis.NewClient(opts)
	m.closers = append(m.closers, rc.Close)
	m.bus = events.NewRedis(rc, events.RedisOptions{Logger: m.Logger})
	return nil
}

// busEvents publishes key changes on the bus.
type busEvents struct{ bus events.Bus }

func (b busEvents) KeyChanged(ctx context.Context, keyID string, digest []byte) error {
	return b.bus.Publish(ctx, events.Event{Kind: events.KindKeyUpdated, KeyID: keyID, Digest: digest})
}

// buildRequestPath makes what a request passes through: the model
// registry, the rate limiter, the filters, the request logs, the
// dashboard and the server with its key cache.
func (m *Main) buildRequestPath(ctx context.Context) error {
	cfg := m.Config
	providers, err := buildProviders(cfg, m.Getenv)
	if err != nil {
		return err
	}
	limiter, err := m.buildLimiter()
	if err != nil {
		return err
	}
	filters, err := screen.Build(cfg, m.Getenv)
	if err != nil {
		return err
	}
	logs, err := m.openRequestLogs()
	if err != nil {
		return err
	}
	// The dashboard changes keys through the server's key service (its
	// cache is the server's): it is made right after the server, and
	// mounted when the server's handler is built, after that.
	m.buildObservers(providers, limiter, logs.writer)
	var dash *dashboard.Dashboard
	srv := m.newServer(providers, limiter, filters, logs, func(mux *http.ServeMux) { dash.Mount(mux) })
	mem, err := m.newMembers(srv)
	if err != nil {
		return err
	}
	srv.SetMembers(mem)
	dash, err = dashboard.New(dashboard.Config{Sessions: m.sessions, OAuth: m.oauth, Logger: m.Logger,
		Keys: m.db, KeyService: srv.KeyService(), Logs: logs.reader, Audit: m.audit, Alerts: m.alerts.Store(), Members: mem,
		KeyMaxAge: cfg.Policy.KeyMaxAge.D(), ExpireOldKeys: cfg.Policy.ExpireOldKeys})
	if err != nil {
		return err
	}
	m.server, m.providers = srv, providers
	m.runKeyCache()
	return m.startBackups()
}

// newServer makes the HTTP server from the configuration and the parts.
func (m *Main) newServer(providers *provider.Registry, limiter server.Limiter, filters *screen.Set,
	logs requestLogs, mountDashboard func(*http.ServeMux)) *server.Server {
	cfg := m.Config
	return server.New(server.Options{
		Logger:            m.Logger,
		Keys:              pollingKeys{m.db, m.metrics},
		Secret:            m.secret,
		Providers:         providers,
		MaxBodyBytes:      cfg.HTTP.MaxBodyBytes,
		MaxInFlight:       cfg.HTTP.MaxInFlight,
		MemoryBudget:      cfg.HTTP.MemoryBudget,
		BodyTimeout:       cfg.HTTP.BodyTimeout.D(),
		WriteTimeout:      cfg.HTTP.WriteTimeout.D(),
		Limits:            openai.Limits{MaxMessages: cfg.HTTP.MaxMessages},
		RevokeExposedKeys: cfg.Policy.RevokeExposed(),
		Limiter:           limiter,
		KeyAdmin:          m.db,
		Screen:            filters,
		Events:            busEvents{m.bus},
		Tokens:            m.oauth,
		RequestLog:        logs.writer,
		Logs:              logs.reader,
		Audit:             countingAuditor{m.audit, m.metrics},
		Observer:          server.Observers{m.metrics, m.health, m.alerts},
		Ready:             m.health.Check,
		Alerts:            m.alerts.Store(),
		Mounts:            []func(*http.ServeMux){m.oauth.Mount, mountDashboard},
		KeyMaxAge:         cfg.Policy.KeyMaxAge.D(),
		ExpireOldKeys:     cfg.Policy.ExpireOldKeys,
		Plans:             m.plans,

		UnauthenticatedPerMinute: cfg.RateLimits.UnauthenticatedPerMinute,
		FailedAuthPerMinute:      cfg.RateLimits.FailedAuthPerMinute,
		DefaultOutputTokens:      cfg.RateLimits.DefaultOutputTokens,
		TrustedProxies:           cfg.RateLimits.TrustedProxyPrefixes,
		HTTPSURL:                 "https://" + m.Addr,
	})
}

// runKeyCache starts the key cache's refresh and feeds it key changes
// from the other instances.
func (m *Main) runKeyCache() {
	auth := m.server.Authenticator()
	m.background(auth.Run)
	m.background(func(ctx context.Context) {
		err := m.bus.Subscribe(ctx, func(e events.Event) {
			switch e.Kind {
			case events.KindKeyRevoked, events.KindKeyUpdated:
				auth.Invalidate(e.Digest)
				m.metrics.Invalidated("bus")
			case events.KindResync:
				auth.InvalidateAll()
				m.metrics.Invalidated("resync")
			case events.KindOrgUpdated: // members changed (cmd/mira/members.go)
				auth.InvalidateAll()
				m.metrics.Invalidated("bus")
			}
		})
		if err != nil && ctx.Err() == nil {
			m.Logger.Warn("key change events unavailable; revocations still arrive through the database poll (1 s)", "error", err)
		}
	})
}

// requestLogs are the request log's writer (which also decides whose
// bodies are kept) and reader.
type requestLogs struct {
	writer *reqlog.Writer
	reader *reqlog.Reader
}

// openRequestLogs opens the request log writer and starts its purger.
func (m *Main) openRequestLogs() (requestLogs, error) {
	cfg := m.Config.Logs
	keyring, err := reqlog.NewKeyring(m.secret)
	if err != nil {
		return requestLogs{}, err
	}
	orgName := func(ctx context.Context, id string) (string, error) {
		o, err := m.db.OrgByID(ctx, id)
		if err != nil {
			return "", err
		}
		return o.Name, nil
	}
	w, err := reqlog.NewWriter(m.db, reqlog.Config{StoreBodies: reqlog.BodiesFor(cfg.Bodies, orgName),
		ZeroRetention: cfg.ZeroRetention, Masker: sensitive.Mask, Keyring: keyring, Logger: m.Logger})
	if err != nil {
		return requestLogs{}, err
	}
	m.closers = append(m.closers, w.Close)
	purger, err := reqlog.NewPurger(m.db, reqlog.PurgerConfig{Retention: cfg.RetentionPeriod})
	if err != nil {
		return requestLogs{}, err
	}
	m.background(purger.Run)
	return requestLogs{writer: w, reader: reqlog.NewReader(m.db, keyring)}, nil
}

// buildLimiter returns the rate limiter: in-process, or Redis shared by all
// instances (falling back to in-process limits while Redis is away), or nil
// when limiting is switched off.
func (m *Main) buildLimiter() (server.Limiter, error) {
	cfg := m.Config
	if !cfg.RateLimits.LimitsEnabled() {
		m.Logger.Warn("INSECURE: rate limiting is switched off (rate_limits.enabled: false); use this for benchmarks only")
		return nil, nil
	}
	mem := ratelimit.NewMemory(ratelimit.MemoryOptions{})
	if cfg.RedisURL == "" {
		return mem, nil
	}
	rc, err := ratelimit.NewRedisClient(cfg.RedisURL)
	if err != nil {
		return nil, fmt.Errorf("redis_url: %w", err)
	}
	red := ratelimit.NewRedis(rc, ratelimit.RedisOptions{Prefix: "mira:rl:"})
	fb := ratelimit.NewFallback(red, mem, ratelimit.FallbackOptions{Logger: m.Logger})
	m.closers = append(m.closers, func() error { fb.Close(); red.Close(); return rc.Close() })
	return fb, nil
}

// buildProviders makes the model registry from the configuration.
func buildProviders(cfg config.Config, getenv func(string) string) (*provider.Registry, error) {
	var ps []provider.Provider
	if cfg.EchoEnabled() {
		ps = append(ps, provider.NewEcho())
	}
	for _, pc := range cfg.Providers {
		key, err := pc.ProviderAPIKey(getenv)
		if err != nil {
			return nil, err
		}
		p, err := provider.NewOpenAI(provider.OpenAIConfig{
			Name:                  pc.Name,
			BaseURL:               pc.BaseURL,
			APIKey:                key,
			Models:                pc.Models,
			CAFile:                pc.CAFile,
			ConnectTimeout:        pc.ConnectTimeout.D(),
			ResponseHeaderTimeout: pc.ResponseHeaderTimeout.D(),
			RequestTimeout:        pc.RequestTimeout.D(),
			StreamIdleTimeout:     pc.StreamIdleTimeout.D(),
			Endpoints:             providerEndpoints(pc),
		})
		if err != nil {
			return nil, err
		}
		ps = append(ps, p)
	}
	routes, err := buildRoutes(cfg.Routes, ps)
	if err != nil {
		return nil, err
	}
	return provider.NewRegistry(append(ps, routes...)...)
}

// rateLimitPlans returns the built-in plans overlaid with the configured
// ones, each checked against the limiter's ranges.
func rateLimitPlans(configured map[string]config.PlanConfig) (map[string]ratelimit.Plan, error) {
	plans := ratelimit.DefaultPlans()
	var errs []error
	for name, p := range configured {
		plan := ratelimit.Plan{Name: name, RequestsPerMinute: p.RequestsPerMinute, TokensPerMinute: p.TokensPerMinute,
			RequestsPerDay: p.RequestsPerDay, Concurrent: p.Concurrent}
		if err := plan.Validate(); err != nil {
			errs = append(errs, fmt.Errorf("plans.%s: %v", name, err))
		}
		plans[name] = plan
	}
	return plans, errors.Join(errs...)
}

// defaultIssuer is the OAuth issuer (public origin) without public_url:
// https://localhost:<port> when the server listens on loopback, the name
// the CLI uses by default and the generated certificate covers, else
// https://<addr>.
func defaultIssuer(addr string) string {
	host, port, err := net.SplitHostPort(addr)
	if err != nil {
		return "https://" + addr
	}
	if ip, err := netip.ParseAddr(host); host == "localhost" || err == nil && ip.Unmap().IsLoopback() {
		return "https://" + net.JoinHostPort("localhost", port)
	}
	return "https://" + addr
}
