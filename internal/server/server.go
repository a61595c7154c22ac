// Package server is Mira's HTTP layer: routes, the middleware chain, the
// mapping of errors to HTTP, and thin handlers. A request's path reads as
// one line: recover -> request id -> access log -> shed load -> body
// deadline -> request log -> secure headers -> (for /v1) browser check ->
// authenticate -> handler. Handlers
// return errors (errorHandler writes them in OpenAI's shape); an inference
// handler carries one exchange from its start to its deferred finish.
package server

import (
	"cmp"
	"context"
	"database/sql"
	"log/slog"
	"net/http"
	"net/netip"
	"strings"
	"sync"
	"time"

	"github.com/vmira/mira/internal/audit"
	"github.com/vmira/mira/internal/health"
	"github.com/vmira/mira/internal/keys"
	"github.com/vmira/mira/internal/members"
	"github.com/vmira/mira/internal/mira"
	"github.com/vmira/mira/internal/openai"
	"github.com/vmira/mira/internal/provider"
	"github.com/vmira/mira/internal/ratelimit"
	"github.com/vmira/mira/internal/reqlog"
	"github.com/vmira/mira/internal/screen"
)

// Options configure a Server.
type Options struct {
	Logger    *slog.Logger
	Keys      KeyStore
	Secret    []byte // server secret: HMAC pepper of key digests
	Providers *provider.Registry

	// Required (New panics without them); config.Default holds the defaults.
	MaxBodyBytes int64         // larger bodies get 413 request_too_large
	BodyTimeout  time.Duration // time allowed to read a request body
	WriteTimeout time.Duration // per write; streams are never cut as a whole
	Limits       openai.Limits // MaxMessages required

	// Limiter enforces plans; nil switches rate limiting off.
	Limiter Limiter
	// Plans by name; a key's plan, else its organisation's, selects one.
	Plans map[string]ratelimit.Plan
	// UnauthenticatedPerMinute and FailedAuthPerMinute limit, per client
	// IP, requests without credentials and failed authentications. Required.
	UnauthenticatedPerMinute, FailedAuthPerMinute int
	// DefaultOutputTokens is reserved when a request sets no max_tokens.
	// Required.
	DefaultOutputTokens int
	// TrustedProxies may set X-Forwarded-For.
	TrustedProxies []netip.Prefix

	// RequestLog receives one entry per /v1 request; nil: not kept.
	RequestLog RequestLogger
	// Logs and Usage answer GET /v1/logs and /v1/usage; Audit records
	// security events. All optional.
	Logs  *reqlog.Reader
	Audit Auditor

	// Tokens verifies OAuth access tokens; nil: API keys only.
	Tokens TokenVerifier
	// Mounts add routes outside /v1 (OAuth, dashboard).
	Mounts []func(*http.ServeMux)

	// Ready runs the readiness checks (database, Redis, backends) that
	// /readyz reports; nil: the database and the limiter only.
	Ready func(context.Context) health.Report

	// Observer is told what happens on the request path (metrics, alert
	// detectors); nil: nobody.
	Observer Observer
	// Alerts answers /v1/alerts; nil: no such routes.
	Alerts AlertStore

	// Screen screens prompts and answers; nil switches screening off.
	Screen *screen.Set

	// KeyAdmin backs the key management API (/v1/keys).
	KeyAdmin KeyManager
	// Events tells other instances that a key changed; nil on one instance.
	Events KeyEvents
	// KeyMaxAge marks keys older than it as due for rotation; with
	// ExpireOldKeys they stop working at that age.
	KeyMaxAge     time.Duration
	ExpireOldKeys bool

	// MaxInFlight and MemoryBudget (bytes of heap) bound the work the
	// server takes on; past either, new requests get 503 and Retry-After.
	// Zero: no bound.
	MaxInFlight  int
	MemoryBudget int64

	// RevokeExposedKeys revokes keys seen on the plain-HTTP listener.
	RevokeExposedKeys bool
	// HTTPSURL is where the plain listener tells clients to go.
	HTTPSURL string

	// Members answers /v1/members (see SetMembers); nil: no such routes.
	Members *members.Service
}

// Limiter admits requests by plan and limits per-IP traffic; ratelimit's
// memory, Redis and fallback limiters implement it.
type Limiter interface {
	Admit(ctx context.Context, r ratelimit.Request) (ratelimit.Decision, *ratelimit.Reservation, error)
	Allow(ctx context.Context, key string, ratePerMinute, burst int) (ratelimit.Decision, error)
}

// RequestLogger takes request log entries without blocking, and decides
// (the one place that does) whether an organisation's bodies are kept.
type RequestLogger interface {
	Log(reqlog.Entry) bool
	WantsBodies(orgID string) bool
}

// Auditor appends security events to the tamper-evident audit log, in the
// transaction of the change they record.
type Auditor interface {
	AppendTx(ctx context.Context, tx *sql.Tx, e *audit.Entry) error
}

// KeyEvents publishes key changes to the other instances.
type KeyEvents interface {
	KeyChanged(ctx context.Context, keyID string, digest []byte) error
}

// degrader is a limiter that can run without its shared backend.
type degrader interface{ Degraded() bool }

// Server serves Mira's HTTP API.
type Server struct {
	opt     Options
	log     *slog.Logger
	auth    *Authenticator
	ids     *idSource
	penalty *penaltyBox
	load    load
	bg      sync.WaitGroup // work that outlives its request
	keySvc  *keys.Service  // every key change; nil without KeyAdmin
}

// New returns a Server. The sizes, timeouts and per-IP limits in opt are
// required, read from the configuration (config.Default holds their
// defaults); New panics without them, as a server without them would refuse
// or cut off every request.
func New(opt Options) *Server {
	opt.Logger = cmp.Or(opt.Logger, slog.New(slog.DiscardHandler))
	for _, o := range []struct {
		name string
		v    int64
	}{
		{"MaxBodyBytes", opt.MaxBodyBytes},
		{"BodyTimeout", int64(opt.BodyTimeout)},
		{"WriteTimeout", int64(opt.WriteTimeout)},
		{"Limits.MaxMessages", int64(opt.Limits.MaxMessages)},
		{"UnauthenticatedPerMinute", int64(opt.UnauthenticatedPerMinute)},
		{"FailedAuthPerMinute", int64(opt.FailedAuthPerMinute)},
		{"DefaultOutputTokens", int64(opt.DefaultOutputTokens)},
	} {
		if o.v <= 0 {
			panic("server.New: Options." + o.name + " must be positive")
		}
	}
	if opt.Observer == nil {
		opt.Observer = Observers(nil)
	}
	s := &Server{
		opt:     opt,
		log:     opt.Logger,
		auth:    NewAuthenticator(opt.Secret, opt.Keys, opt.Logger, opt.maxAgePolicy()),
		ids:     newIDSource(),
		penalty: newPenaltyBox(),
	}
	if opt.Tokens != nil {
		s.auth.tokens = opt.Tokens
	}
	s.keySvc = newKeyService(opt, s.auth)
	return s
}

func (o Options) maxAgePolicy() time.Duration {
	if o.ExpireOldKeys {
		return o.KeyMaxAge
	}
	return 0
}

// Wait waits for background work started by requests (leak reports).
func (s *Server) Wait() { s.bg.Wait() }

// Authenticator returns the server's key authenticator (its cache and
// background work are started with Run).
func (s *Server) Authenticator() *Authenticator { return s.auth }

// Handler returns the handler of the HTTPS listener.
func (s *Server) Handler() http.Handler {
	mux := http.NewServeMux()
	api := func(pattern string, scope mira.Scope, h handlerFunc) {
		mux.Handle(pattern, chain(s.errorHandler(h), rejectBrowsers(s), func(next http.Handler) http.Handler {
			return s.authenticate(scope, next)
		}))
	}
	api("GET /v1/models", mira.ScopeModelsRead, s.managed(s.listModels))
	api("GET /v1/models/{id...}", mira.ScopeModelsRead, s.managed(s.getModel))
	api("POST /v1/chat/completions", mira.ScopeChatWrite, s.chatCompletions)
	api("POST /v1/responses", mira.ScopeChatWrite, s.responses)
	api("POST /v1/completions", mira.ScopeChatWrite, s.completions)
	api("POST /v1/embeddings", mira.ScopeEmbeddingsWrite, s.embeddings)
	api("POST /v1/moderations", mira.ScopeModerationsWrite, s.moderations)
	if s.opt.Logs != nil {
		api("GET /v1/usage", mira.ScopeUsageRead, s.managed(s.usage))
		api("GET /v1/logs", mira.ScopeLogsRead, s.managed(s.logs))
	}
	if s.opt.KeyAdmin != nil {
		api("GET /v1/keys", mira.ScopeKeysRead, s.managed(s.listKeys))
		api("POST /v1/keys", mira.ScopeKeysWrite, s.managed(s.createKey))
		api("GET /v1/keys/{id}", mira.ScopeKeysRead, s.managed(s.getKey))
		api("PATCH /v1/keys/{id}", mira.ScopeKeysWrite, s.managed(s.updateKey))
		api("DELETE /v1/keys/{id}", mira.ScopeKeysWrite, s.managed(s.revokeKey))
		api("POST /v1/keys/{id}/rotate", mira.ScopeKeysWrite, s.managed(s.rotateKey))
		mux.Handle("POST /v1/keys/report-leak", chain(s.errorHandler(s.reportLeak), rejectBrowsers(s)))
	}
	if s.opt.Alerts != nil {
		// Owners and admins only; alertViewer checks the role and, for
		// keys, the admin scope (tokens of the CLI never carry it).
		api("GET /v1/alerts", mira.ScopeAlertsRead, s.managed(s.listAlerts))
		api("POST /v1/alerts/{id}/ack", mira.ScopeAlertsRead, s.managed(s.ackAlert))
	}
	if s.opt.Members != nil {
		s.memberRoutes(api)
	}
	// Every other /v1 path: browsers are still refused first, then 404.
	mux.Handle("/v1/", chain(s.errorHandler(func(w http.ResponseWriter, r *http.Request) error {
		return mira.Errorf(mira.ENotFound, "unknown endpoint %s %s", r.Method, redact(r.URL.Path))
	}), rejectBrowsers(s)))

	for _, m := range s.opt.Mounts {
		m(mux)
	}
	mux.HandleFunc("GET /healthz", func(w http.ResponseWriter, r *http.Request) {
		writeJSON(w, http.StatusOK, map[string]string{"status": "ok"})
	})
	mux.Handle("GET /readyz", s.errorHandler(s.ready))
	mux.HandleFunc("GET /.well-known/security.txt", securityTxt)
	mux.Handle("/", s.errorHandler(func(w http.ResponseWriter, r *http.Request) error {
		if r.URL.Path == "/" && (r.Method == http.MethodGet || r.Method == http.MethodHead) &&
			strings.Contains(r.Header.Get("Accept"), "text/html") {
			// A browser opening the server: the dashboard (or its sign-in).
			http.Redirect(w, r, "/dashboard", http.StatusFound)
			return nil
		}
		return mira.Errorf(mira.ENotFound, "not found")
	}))
	return chain(mux, s.recoverPanics, s.withRequestID, s.accessLog, s.shed, s.bodyDeadline, s.logRequest, secureHeaders)
}

// managed admits a request that spends no tokens (listings, management)
// under the principal's rate limits.
func (s *Server) managed(h handlerFunc) handlerFunc {
	return func(w http.ResponseWriter, r *http.Request) error {
		res, err := s.admit(w, r, 0)
		if err != nil {
			return err
		}
		defer res.Release()
		return h(w, r)
	}
}

// ready answers the public /readyz: the same checks as the admin
// listener's, without the backends' names (a summary instead), and how
// rate limits are kept.
func (s *Server) ready(w http.ResponseWriter, r *http.Request) error {
	status := map[string]any{"status": "ready", "rate_limits": "shared"}
	if s.opt.Ready != nil {
		rep := s.opt.Ready(r.Context())
		if !rep.Serving() {
			return mira.Errorf(mira.EUnavailable, "the database is not reachable")
		}
		checks, backends := map[string]string{}, health.OK
		for name, v := range rep.Checks {
			if strings.HasPrefix(name, "backend:") {
				if v != health.OK {
					backends = health.CheckDegraded
				}
				continue
			}
			checks[name] = v
		}
		checks["backends"] = backends
		status["status"], status["checks"] = rep.Status, checks
	} else if _, err := s.opt.Keys.RevokedSince(r.Context(), time.Now()); err != nil {
		return mira.Errorf(mira.EUnavailable, "the database is not reachable")
	}
	switch l := s.opt.Limiter.(type) {
	case nil:
		status["rate_limits"] = "off"
	case degrader:
		if l.Degraded() {
			// Still serving, with per-instance limits: ready, but say so.
			status["status"], status["rate_limits"] = "degraded", "per-instance (Redis unreachable)"
		}
	default:
		status["rate_limits"] = "per-instance"
	}
	writeJSON(w, http.StatusOK, status)
	return nil
}

func securityTxt(w http.ResponseWriter, r *http.Request) {
	w.Header().Set("Content-Type", "text/plain; charset=utf-8")
	expires := time.Now().UTC().AddDate(1, 0, 0).Truncate(24 * time.Hour).Format(time.RFC3339)
	w.Write([]byte("Contact: mailto:security@vmira.ai\nExpires: " + expires +
		"\nPreferred-Languages: en, ru\nPolicy: https://github.com/vmira/mira/blob/main/SECURITY.md\n"))
}

func (s *Server) listModels(w http.ResponseWriter, r *http.Request) error {
	p := principal(r.Context())
	all := s.opt.Providers.Models()
	list := openai.ModelList{Object: "list", Data: make([]openai.Model, 0, len(all))}
	for _, m := range all {
		if p.AllowsModel(m.ID) {
			list.Data = append(list.Data, m)
		}
	}
	writeJSON(w, http.StatusOK, list)
	return nil
}
