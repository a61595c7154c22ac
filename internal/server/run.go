package server

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
	"net/netip"
	"strings"
	"sync"
	"time"

	"github.com/redis/go-redis/v9"

	"github.com/vmira/mira/internal/audit"
	"github.com/vmira/mira/internal/config"
	"github.com/vmira/mira/internal/dashboard"
	"github.com/vmira/mira/internal/datadir"
	"github.com/vmira/mira/internal/events"
	"github.com/vmira/mira/internal/filter"
	"github.com/vmira/mira/internal/oauth"
	"github.com/vmira/mira/internal/openai"
	"github.com/vmira/mira/internal/provider"
	"github.com/vmira/mira/internal/ratelimit"
	"github.com/vmira/mira/internal/reqlog"
	"github.com/vmira/mira/internal/sensitive"
	"github.com/vmira/mira/internal/session"
	"github.com/vmira/mira/internal/store"
	"github.com/vmira/mira/internal/tlsconf"
)

// StartOptions are what Start needs besides the configuration.
type StartOptions struct {
	Logger *slog.Logger
	Getenv func(string) string // resolves providers' api_key_env
	// Out receives the messages meant for the person starting the server
	// (where the CA is and how to trust it).
	Out io.Writer
}

// Running is a started `mira serve`.
type Running struct {
	// Addr is the HTTPS address actually listened on; HTTPAddr the plain
	// one, if any.
	Addr, HTTPAddr string
	// CAPath is the generated local CA, when no certificate was given.
	CAPath string

	cancel   context.CancelFunc
	servers  []*http.Server
	closers  []func() error
	shutdown time.Duration
	bg       sync.WaitGroup
	done     chan struct{} // closed when the server stops
	errc     chan error
	server   *Server
}

// Start validates cfg, prepares the data directory, database, secret and
// certificates, and starts the listeners. It refuses to start when the
// setting would be unsafe, with an error that says how to fix it.
func Start(ctx context.Context, cfg config.Config, opt StartOptions) (_ *Running, err error) {
	if opt.Logger == nil {
		opt.Logger = slog.New(slog.DiscardHandler)
	}
	if opt.Out == nil {
		opt.Out = io.Discard
	}
	log := opt.Logger
	if err := cfg.Validate(); err != nil {
		return nil, fmt.Errorf("configuration:\n%w", err)
	}
	run := &Running{shutdown: cfg.HTTP.ShutdownTimeout.D(), errc: make(chan error, 2), done: make(chan struct{})}
	defer func() {
		if err != nil {
			run.closeAll()
		}
	}()
	if err := datadir.Ensure(cfg.DataDir); err != nil {
		return nil, err
	}
	secret, err := datadir.LoadSecret(cfg.DataDir, cfg.SecretKeyFile)
	if err != nil {
		return nil, err
	}
	tlsCfg, caPath, err := serverTLS(cfg, log, opt.Out, run)
	if err != nil {
		return nil, err
	}
	run.CAPath = caPath
	providers, err := buildProviders(cfg, opt.Getenv)
	if err != nil {
		return nil, err
	}
	db, err := store.Open(ctx, cfg.DatabaseURL, cfg.DataDir)
	if err != nil {
		return nil, err
	}
	run.closers = append(run.closers, db.Close)

	ln, err := net.Listen("tcp", cfg.Listen)
	if err != nil {
		return nil, fmt.Errorf("listen %s: %w", cfg.Listen, err)
	}
	run.Addr = ln.Addr().String()
	var pln net.Listener
	if cfg.HTTPListen != "" {
		if pln, err = net.Listen("tcp", cfg.HTTPListen); err != nil {
			ln.Close()
			return nil, fmt.Errorf("listen %s: %w", cfg.HTTPListen, err)
		}
		run.HTTPAddr = pln.Addr().String()
	}

	bus, err := buildBus(cfg, log, run)
	if err != nil {
		return nil, err
	}
	limiter, err := buildLimiter(cfg, log, run)
	if err != nil {
		return nil, err
	}
	proxies, _ := cfg.TrustedProxyPrefixes() // validated above
	filters, err := BuildFilters(cfg, opt.Getenv)
	if err != nil {
		return nil, err
	}

	issuer := strings.TrimSuffix(cfg.PublicURL, "/")
	if issuer == "" {
		issuer = "https://" + run.Addr
	}
	clientIP := func(r *http.Request) netip.Addr { return info(r.Context()).ip }
	auditLog, err := audit.New(ctx, db, audit.Config{Secret: secret})
	if err != nil {
		ln.Close()
		return nil, err
	}
	auditSecurity := func(ctx context.Context, e *audit.Entry) {
		if err := auditLog.Append(context.WithoutCancel(ctx), e); err != nil {
			log.Error("AUDIT LOG WRITE FAILED", "action", e.Action, "error", err)
		}
	}
	oa, err := oauth.New(ctx, oauth.Config{Issuer: issuer, AccessTokenTTL: cfg.OAuth.AccessTokenTTL.D(),
		RefreshIdleTTL: cfg.OAuth.RefreshIdleTTL.D(), RefreshMaxTTL: cfg.OAuth.RefreshMaxTTL.D(),
		ClientIP: clientIP, Logger: log, Audit: auditSecurity}, db, secret)
	if err != nil {
		ln.Close()
		return nil, err
	}
	sessions, err := session.New(session.Config{OnPasswordChange: oa.RevokeUserTokens, ClientIP: clientIP, Logger: log,
		Audit: auditSecurity}, db, secret)
	if err != nil {
		ln.Close()
		return nil, err
	}
	retention, _ := reqlog.ParseRetention(cfg.Logs.Retention) // validated above
	keyring, err := reqlog.NewKeyring(secret)
	if err != nil {
		ln.Close()
		return nil, err
	}
	orgName := func(ctx context.Context, id string) (string, error) {
		o, err := db.OrgByID(ctx, id)
		if err != nil {
			return "", err
		}
		return o.Name, nil
	}
	reqlogs, err := reqlog.NewWriter(db, reqlog.Config{StoreBodies: reqlog.BodiesFor(cfg.Logs.Bodies, orgName),
		ZeroRetention: cfg.Logs.ZeroRetention, Masker: sensitive.Mask, Keyring: keyring, Logger: log})
	if err != nil {
		ln.Close()
		return nil, err
	}
	run.closers = append(run.closers, reqlogs.Close)
	purger, err := reqlog.NewPurger(db, reqlog.PurgerConfig{Retention: retention})
	if err != nil {
		ln.Close()
		return nil, err
	}
	// The dashboard changes keys through the server's key service (whose
	// cache is the server's): it is made right after New, and mounted when
	// Handler runs, after that.
	var dash *dashboard.Dashboard

	s := New(Options{
		Logger:            log,
		Keys:              db,
		Secret:            secret,
		Providers:         providers,
		MaxBodyBytes:      cfg.HTTP.MaxBodyBytes,
		BodyTimeout:       cfg.HTTP.BodyTimeout.D(),
		WriteTimeout:      cfg.HTTP.WriteTimeout.D(),
		Limits:            openai.Limits{MaxMessages: cfg.HTTP.MaxMessages},
		RevokeExposedKeys: cfg.Policy.RevokeExposed(),
		Limiter:           limiter,
		KeyAdmin:          db,
		Filters:           filters,
		Events:            busEvents{bus},
		Tokens:            oa,
		RequestLog:        reqlogs,
		Logs:              reqlog.NewReader(db, keyring),
		Audit:             auditLog,
		Mounts:            []func(*http.ServeMux){oa.Mount, func(m *http.ServeMux) { dash.Mount(m) }},
		KeyMaxAge:         cfg.Policy.KeyMaxAge.D(),
		ExpireOldKeys:     cfg.Policy.ExpireOldKeys,
		Plans:             cfg.AllPlans(),

		UnauthenticatedPerMinute: cfg.RateLimits.UnauthenticatedPerMinute,
		FailedAuthPerMinute:      cfg.RateLimits.FailedAuthPerMinute,
		DefaultOutputTokens:      cfg.RateLimits.DefaultOutputTokens,
		TrustedProxies:           proxies,
		HTTPSURL:                 "https://" + run.Addr,
	})
	dash, err = dashboard.New(dashboard.Config{Sessions: sessions, OAuth: oa, Logger: log,
		Keys: db, KeyService: s.KeyService(), Logs: reqlog.NewReader(db, keyring), Audit: auditLog,
		KeyMaxAge: cfg.Policy.KeyMaxAge.D(), ExpireOldKeys: cfg.Policy.ExpireOldKeys})
	if err != nil {
		ln.Close()
		return nil, err
	}
	bgCtx, cancel := context.WithCancel(context.WithoutCancel(ctx))
	run.cancel = cancel
	run.bg.Add(1)
	go func() {
		defer run.bg.Done()
		s.Authenticator().Run(bgCtx)
	}()
	run.server = s
	for _, loop := range []func(context.Context){oa.Run, sessions.Run, purger.Run} {
		run.bg.Add(1)
		go func() {
			defer run.bg.Done()
			loop(bgCtx)
		}()
	}
	run.bg.Add(1)
	go func() {
		defer run.bg.Done()
		auth := s.Authenticator()
		err := bus.Subscribe(bgCtx, func(e events.Event) {
			switch e.Kind {
			case events.KindKeyRevoked, events.KindKeyUpdated:
				auth.Invalidate(e.Digest)
			case events.KindResync:
				auth.InvalidateAll()
			}
		})
		if err != nil && bgCtx.Err() == nil {
			log.Warn("key change events unavailable; revocations still arrive through the database poll (1 s)", "error", err)
		}
	}()

	errLog := slog.NewLogLogger(log.Handler(), slog.LevelDebug) // TLS handshake noise
	newServer := func(h http.Handler) *http.Server {
		return &http.Server{
			Handler:           h,
			ReadHeaderTimeout: cfg.HTTP.ReadHeaderTimeout.D(),
			IdleTimeout:       cfg.HTTP.IdleTimeout.D(),
			MaxHeaderBytes:    cfg.HTTP.MaxHeaderBytes,
			ErrorLog:          errLog,
			// No ReadTimeout/WriteTimeout: they would cut long streams.
			// Bodies and writes get per-operation deadlines instead.
		}
	}
	hs := newServer(s.Handler())
	hs.TLSConfig = tlsCfg
	run.servers = append(run.servers, hs)
	go func() { run.errc <- serveErr(hs.ServeTLS(ln, "", "")) }()
	if pln != nil {
		ps := newServer(s.PlainHandler())
		run.servers = append(run.servers, ps)
		go func() { run.errc <- serveErr(ps.Serve(pln)) }()
	}
	log.Info("mira serving", "https", "https://"+run.Addr, "plain_http_rejecting", run.HTTPAddr,
		"database", db.Dialect(), "models", len(providers.Models()))
	return run, nil
}

func serveErr(err error) error {
	if errors.Is(err, http.ErrServerClosed) {
		return nil
	}
	return err
}

// serverTLS returns the listener's TLS configuration: the given certificate
// (reloaded when its files change) or the generated local CA's.
func serverTLS(cfg config.Config, log *slog.Logger, out io.Writer, run *Running) (*tls.Config, string, error) {
	certFile, keyFile, caPath := cfg.TLS.Cert, cfg.TLS.Key, ""
	if certFile == "" {
		local, err := tlsconf.EnsureLocal(cfg.DataDir, time.Now())
		if err != nil {
			return nil, "", err
		}
		certFile, keyFile, caPath = local.CertPath, local.KeyPath, local.CAPath
		if !tlsconf.IsLoopbackListen(cfg.Listen) && !cfg.TLS.AllowSelfSigned {
			return nil, "", fmt.Errorf("refusing to serve the generated local-CA certificate on %s, a non-loopback address: clients elsewhere cannot verify it. Give a real certificate with --tls-cert/--tls-key, or pass --allow-self-signed and hand clients %s (MIRA_CA_CERT)", cfg.Listen, caPath)
		}
		// The reloader below serves renewed files; renewal itself happens
		// only when EnsureLocal runs, so run it twice a day.
		run.bg.Add(1)
		go func() {
			defer run.bg.Done()
			t := time.NewTicker(12 * time.Hour)
			defer t.Stop()
			for {
				select {
				case <-run.done:
					return
				case <-t.C:
					if _, err := tlsconf.EnsureLocal(cfg.DataDir, time.Now()); err != nil {
						log.Error("renewing the local certificate failed", "error", err)
					}
				}
			}
		}()
		if local.CreatedCA {
			fmt.Fprintf(out, "Generated a local certificate authority for https://localhost: %s\nTrust it in clients with:\n\n    export MIRA_CA_CERT=%s\n\n", caPath, caPath)
		} else {
			fmt.Fprintf(out, "Local CA: %s (export MIRA_CA_CERT=%s)\n", caPath, caPath)
		}
	}
	if err := tlsconf.CheckKeyFile(keyFile); err != nil {
		return nil, "", err
	}
	rl, err := tlsconf.NewReloader(certFile, keyFile, cfg.TLS.ReloadInterval.D(), log)
	if err != nil {
		return nil, "", err
	}
	run.closers = append(run.closers, rl.Close)
	if caPath == "" {
		if leaf := rl.Leaf(); selfSigned(leaf) && !tlsconf.IsLoopbackListen(cfg.Listen) && !cfg.TLS.AllowSelfSigned {
			return nil, "", fmt.Errorf("refusing to serve the self-signed certificate %s on %s, a non-loopback address: clients cannot verify it. Use a certificate from a CA your clients trust, or pass --allow-self-signed", certFile, cfg.Listen)
		}
	}
	c := tlsconf.ServerConfig()
	c.GetCertificate = rl.GetCertificate
	return c, caPath, nil
}

func selfSigned(leaf *x509.Certificate) bool {
	return tlsconf.IsSelfSigned(leaf) || tlsconf.IsLocalCA(leaf)
}

// buildBus returns the key-change event bus: Redis pub/sub when several
// instances share MIRA_REDIS_URL, else in-process.
func buildBus(cfg config.Config, log *slog.Logger, run *Running) (events.Bus, error) {
	if cfg.RedisURL == "" {
		return events.NewLocal(), nil
	}
	opts, err := redis.ParseURL(cfg.RedisURL)
	if err != nil {
		return nil, errors.New("redis_url: not a valid redis:// URL")
	}
	rc := redis.NewClient(opts)
	run.closers = append(run.closers, rc.Close)
	return events.NewRedis(rc, events.RedisOptions{Logger: log}), nil
}

// busEvents publishes key changes on the bus.
type busEvents struct{ bus events.Bus }

func (b busEvents) KeyChanged(ctx context.Context, keyID string, digest []byte) error {
	return b.bus.Publish(ctx, events.Event{Kind: events.KindKeyUpdated, KeyID: keyID, Digest: digest})
}

// buildLimiter returns the rate limiter: in-process, or Redis shared by all
// instances (falling back to in-process limits while Redis is away), or nil
// when limiting is switched off.
func buildLimiter(cfg config.Config, log *slog.Logger, run *Running) (Limiter, error) {
	if !cfg.RateLimits.LimitsEnabled() {
		log.Warn("INSECURE: rate limiting is switched off (rate_limits.enabled: false); use this for benchmarks only")
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
	fb := ratelimit.NewFallback(red, mem, ratelimit.FallbackOptions{Logger: log})
	run.closers = append(run.closers, func() error { fb.Close(); red.Close(); return rc.Close() })
	return fb, nil
}

// BuildFilters makes the content filters and sensitive-data policy from
// the configuration; `mira moderate` uses it too, so its verdicts are the
// server's.
func BuildFilters(cfg config.Config, getenv func(string) string) (*Filters, error) {
	f := &Filters{Sensitive: sensitive.Warn, ByOrg: map[string]*filter.Filter{}}
	if cfg.Sensitive.Policy != "" {
		p, err := sensitive.ParsePolicy(cfg.Sensitive.Policy)
		if err != nil {
			return nil, fmt.Errorf("sensitive_data.policy: %w", err)
		}
		f.Sensitive = p
	}
	if !cfg.Filter.FilterEnabled() {
		return f, nil
	}
	model, err := filter.EmbeddedModel()
	if err != nil {
		return nil, err
	}
	build := func(field string, overrides ...map[string]string) (*filter.Filter, error) {
		fc := filter.DefaultConfig()
		fc.Model = model
		for _, o := range overrides {
			for cat, a := range o {
				act, err := filter.ParseAction(a)
				if err != nil {
					return nil, fmt.Errorf("%s.%s: %w", field, cat, err)
				}
				fc.Policy[cat] = act
			}
		}
		for k, v := range cfg.Filter.InputThresholds {
			fc.InputThresholds[k] = v
		}
		for k, v := range cfg.Filter.OutputThresholds {
			fc.OutputThresholds[k] = v
		}
		if cfg.Filter.StreamHoldback > 0 {
			fc.StreamHoldback = cfg.Filter.StreamHoldback
		}
		if err := fc.Validate(); err != nil {
			return nil, err
		}
		return filter.New(fc)
	}
	if f.Default, err = build("filter.policy", cfg.Filter.Policy); err != nil {
		return nil, err
	}
	for org, pol := range cfg.Filter.Organisations {
		if f.ByOrg[org], err = build("filter.organisations."+org, cfg.Filter.Policy, pol); err != nil {
			return nil, err
		}
	}
	if x := cfg.Filter.External; x != nil {
		key := ""
		if x.APIKeyEnv != "" {
			if key = getenv(x.APIKeyEnv); key == "" {
				return nil, fmt.Errorf("filter.external.api_key_env: %s is empty", x.APIKeyEnv)
			}
		}
		f.External = &filter.External{BaseURL: x.BaseURL, APIKey: key, Model: x.Model, Chat: x.Mode == "chat",
			Timeout: x.Timeout.D(), FailOpen: x.FailOpen}
	}
	return f, nil
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
		})
		if err != nil {
			return nil, err
		}
		ps = append(ps, p)
	}
	return provider.NewRegistry(ps...)
}

// Wait blocks until a listener fails or ctx ends.
func (r *Running) Wait(ctx context.Context) error {
	select {
	case err := <-r.errc:
		return err
	case <-ctx.Done():
		return nil
	}
}

// Close drains connections (up to the shutdown timeout), stops background
// work and closes the database.
func (r *Running) Close() error {
	ctx, cancel := context.WithTimeout(context.Background(), r.shutdown)
	defer cancel()
	var errs []error
	for _, s := range r.servers {
		if err := s.Shutdown(ctx); err != nil {
			s.Close()
		}
	}
	r.servers = nil
	if r.server != nil {
		r.server.Wait() // leak reports still being recorded
	}
	errs = append(errs, r.closeAll())
	return errors.Join(errs...)
}

func (r *Running) closeAll() error {
	if r.cancel != nil {
		r.cancel()
	}
	select {
	case <-r.done:
	default:
		close(r.done)
	}
	r.bg.Wait()
	var errs []error
	for i := len(r.closers) - 1; i >= 0; i-- {
		errs = append(errs, r.closers[i]())
	}
	r.closers = nil
	return errors.Join(errs...)
}
