// Package metrics is Mira's Prometheus instrumentation: one registry of
// mira_ metrics (plus the Go runtime and process collectors), fed by the
// request path through server.Observer and by the wiring (health, key
// events, revocations, certificate, backups).
//
// Labels are bounded: models and backends are the configured ones (anything
// else is "other"), routes are mux patterns, statuses are HTTP codes. No
// key, e-mail, prompt or address is ever a label.
package metrics

import (
	"crypto/x509"
	"net/http"
	"net/netip"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/prometheus/client_golang/prometheus"
	"github.com/prometheus/client_golang/prometheus/collectors"
	"github.com/prometheus/client_golang/prometheus/promhttp"

	"github.com/vmira/mira/internal/mira"
	"github.com/vmira/mira/internal/reqlog"
)

// Other is the label value of anything outside a label's known set.
const Other = "other"

// Config says what the label values may be and where the gauges read from.
type Config struct {
	// Models and Backends are the configured model and backend names.
	Models, Backends []string
	// RequestLog reports the request-log queue; nil: no such metrics.
	RequestLog func() reqlog.Stats
	// Certificate returns the serving certificate; nil: no expiry metric.
	Certificate func() *x509.Certificate
	// BackupTargets are the configured backup target names: the only
	// values of the target label of the backup metrics.
	BackupTargets []string
}

// Metrics holds Mira's metrics. It implements server.Observer; its methods
// are safe for concurrent use and cost a few atomic operations.
type Metrics struct {
	reg *prometheus.Registry

	requests        *prometheus.CounterVec
	latency         *prometheus.HistogramVec
	ttft            *prometheus.HistogramVec
	tokens          *prometheus.CounterVec
	upstreamLatency *prometheus.HistogramVec
	upstreamErrors  *prometheus.CounterVec
	limited         *prometheus.CounterVec
	filter          *prometheus.CounterVec
	authFailures    *prometheus.CounterVec
	keyEvents       *prometheus.CounterVec
	invalidations   *prometheus.CounterVec
	health          *prometheus.GaugeVec
	lastBackup      *prometheus.GaugeVec
	backupFailures  *prometheus.CounterVec
	backupTargets   map[string]bool // fixed at New
	backupMu        sync.Mutex
	backupLast      map[string]int64 // under backupMu
	lastPoll        prometheus.Gauge

	models   map[string]*modelMetrics   // fixed at New: read without locks
	backends map[string]*backendMetrics // fixed at New
	requestC sync.Map                   // requestKey -> *requestMetrics
	labels   boundedSet                 // filter categories and other open-ended values
}

type modelMetrics struct {
	ttft               prometheus.Observer
	prompt, completion prometheus.Counter
}

type backendMetrics struct {
	latency prometheus.Observer
	errors  prometheus.Counter
}

type requestKey struct {
	route  string
	status int
	model  string
}

type requestMetrics struct {
	count   prometheus.Counter
	latency prometheus.Observer
}

// latencyBuckets span a cached moderation (ms) to a long generation (min).
var latencyBuckets = []float64{.005, .01, .025, .05, .1, .25, .5, 1, 2.5, 5, 10, 30, 60, 120, 300}

// New makes the metrics and registers them, with the Go and process
// collectors, on a registry of their own (never the global one).
func New(cfg Config) *Metrics {
	m := &Metrics{reg: prometheus.NewRegistry()}
	counter := func(name, help string, labels ...string) *prometheus.CounterVec {
		c := prometheus.NewCounterVec(prometheus.CounterOpts{Namespace: "mira", Name: name, Help: help}, labels)
		m.reg.MustRegister(c)
		return c
	}
	histogram := func(name, help string, labels ...string) *prometheus.HistogramVec {
		h := prometheus.NewHistogramVec(prometheus.HistogramOpts{Namespace: "mira", Name: name, Help: help,
			Buckets: latencyBuckets}, labels)
		m.reg.MustRegister(h)
		return h
	}
	m.requests = counter("requests_total", "API requests by route, HTTP status and model.", "route", "status", "model")
	m.latency = histogram("request_duration_seconds", "API request latency, until the response was complete.", "route", "model")
	m.ttft = histogram("time_to_first_token_seconds", "Streamed requests: time until the first answer frame.", "model")
	m.tokens = counter("tokens_total", "Tokens by model and kind (prompt, completion).", "model", "kind")
	m.upstreamLatency = histogram("upstream_duration_seconds", "Backend calls: time until the answer (or stream) started.", "backend")
	m.upstreamErrors = counter("upstream_errors_total", "Backend calls that failed.", "backend")
	m.limited = counter("rate_limited_total", "Requests refused by a plan's limit, by the limit (reason).", "reason")
	m.filter = counter("filter_verdicts_total", "Content-filter verdicts that blocked or flagged, by category and action.", "category", "action")
	m.authFailures = counter("auth_failures_total", "Refused credentials by error code.", "reason")
	m.keyEvents = counter("key_events_total", "Key lifecycle events (created, rotated, revoked, exposed, reported).", "event")
	m.invalidations = counter("key_invalidations_total", "Key-cache invalidations received from other instances (source: bus, resync).", "source")
	m.health = prometheus.NewGaugeVec(prometheus.GaugeOpts{Namespace: "mira", Name: "dependency_up",
		Help: "1 when the dependency answered the last readiness check, 0 when not (database, redis)."}, []string{"dependency"})
	m.reg.MustRegister(m.health)
	m.lastBackup = prometheus.NewGaugeVec(prometheus.GaugeOpts{Namespace: "mira", Name: "backup_last_success_timestamp_seconds",
		Help: "Unix time of the last successful backup to the target; 0 until one succeeded."}, []string{"target"})
	m.reg.MustRegister(m.lastBackup)
	m.backupFailures = counter("backup_failures_total", "Backups that failed to reach the target.", "target")
	m.lastPoll = prometheus.NewGauge(prometheus.GaugeOpts{Namespace: "mira", Name: "revocation_poll_last_success_timestamp_seconds",
		Help: "Unix time of the last successful database poll for revoked keys (the path revocations take when the bus is away)."})
	m.reg.MustRegister(m.lastPoll)
	m.reg.MustRegister(collectors.NewGoCollector(), collectors.NewProcessCollector(collectors.ProcessCollectorOpts{}))
	registerFilterExternal(m.reg)

	if cfg.RequestLog != nil {
		stats := cfg.RequestLog
		m.reg.MustRegister(
			prometheus.NewGaugeFunc(prometheus.GaugeOpts{Namespace: "mira", Name: "request_log_queue_depth",
				Help: "Request-log entries waiting to be written."}, func() float64 { return float64(stats().Queued) }),
			prometheus.NewCounterFunc(prometheus.CounterOpts{Namespace: "mira", Name: "request_log_dropped_total",
				Help: "Request-log entries dropped: queue full, or logged after close."}, func() float64 { return float64(stats().Dropped) }),
			prometheus.NewCounterFunc(prometheus.CounterOpts{Namespace: "mira", Name: "request_log_failed_total",
				Help: "Request-log entries lost because the database refused their batch."}, func() float64 { return float64(stats().Failed) }),
			prometheus.NewCounterFunc(prometheus.CounterOpts{Namespace: "mira", Name: "request_log_written_total",
				Help: "Request-log entries committed to the database."}, func() float64 { return float64(stats().Written) }),
		)
	}
	if cfg.Certificate != nil {
		leaf := cfg.Certificate
		m.reg.MustRegister(prometheus.NewGaugeFunc(prometheus.GaugeOpts{Namespace: "mira", Name: "certificate_expiry_timestamp_seconds",
			Help: "NotAfter of the serving certificate, as Unix time."}, func() float64 {
			if c := leaf(); c != nil {
				return float64(c.NotAfter.Unix())
			}
			return 0
		}))
	}

	m.models = make(map[string]*modelMetrics, len(cfg.Models)+1)
	for _, name := range append(cfg.Models, Other) {
		m.models[name] = &modelMetrics{ttft: m.ttft.WithLabelValues(name),
			prompt: m.tokens.WithLabelValues(name, "prompt"), completion: m.tokens.WithLabelValues(name, "completion")}
	}
	m.backends = make(map[string]*backendMetrics, len(cfg.Backends)+1)
	for _, name := range append(cfg.Backends, Other) {
		m.backends[name] = &backendMetrics{latency: m.upstreamLatency.WithLabelValues(name), errors: m.upstreamErrors.WithLabelValues(name)}
		m.upstreamErrors.WithLabelValues(name) // present at 0, so rate() works from the start
	}
	for _, d := range []string{"database", "redis"} {
		m.health.WithLabelValues(d).Set(1)
	}
	// Present at 0 from the start: a target never backed up to is stale.
	m.backupTargets = make(map[string]bool, len(cfg.BackupTargets))
	m.backupLast = make(map[string]int64, len(cfg.BackupTargets))
	for _, name := range cfg.BackupTargets {
		m.backupTargets[name] = true
		m.lastBackup.WithLabelValues(name)
		m.backupFailures.WithLabelValues(name)
	}
	m.labels.max = 64
	return m
}

// Registry returns the registry, for tests and extra collectors.
func (m *Metrics) Registry() *prometheus.Registry { return m.reg }

// Handler serves the text exposition of the registry.
func (m *Metrics) Handler() http.Handler {
	return promhttp.HandlerFor(m.reg, promhttp.HandlerOpts{Registry: m.reg})
}

func (m *Metrics) model(name string) *modelMetrics {
	if mm, ok := m.models[name]; ok {
		return mm
	}
	return m.models[Other]
}

// Request counts one API request (server.Observer).
func (m *Metrics) Request(e *reqlog.Entry, ttft time.Duration) {
	mm, model := m.models[e.Model], e.Model
	if mm == nil {
		mm, model = m.models[Other], Other
		if e.Model == "" {
			model = "none" // the request named no model that exists
		}
	}
	k := requestKey{route: route(e.Endpoint), status: e.Status, model: model}
	if k.status < 100 || k.status > 599 {
		k.status = 0
	}
	rm, ok := m.requestC.Load(k)
	if !ok {
		status := strconv.Itoa(k.status)
		rm, _ = m.requestC.LoadOrStore(k, &requestMetrics{count: m.requests.WithLabelValues(k.route, status, k.model),
			latency: m.latency.WithLabelValues(k.route, k.model)})
	}
	r := rm.(*requestMetrics)
	r.count.Inc()
	r.latency.Observe(e.Latency.Seconds())
	if ttft > 0 {
		mm.ttft.Observe(ttft.Seconds())
	}
	if e.PromptTokens > 0 {
		mm.prompt.Add(float64(e.PromptTokens))
	}
	if e.CompletionTokens > 0 {
		mm.completion.Add(float64(e.CompletionTokens))
	}
	if v := e.FilterVerdict; v != "" && v != "allowed" {
		m.verdict(v)
	}
}

// verdict counts "blocked:cat,cat" or "flagged:cat" (what follows a space,
// the external classifier's part, is counted by the filter's own metrics).
func (m *Metrics) verdict(v string) {
	v, _, _ = strings.Cut(v, " ")
	action, cats, ok := strings.Cut(v, ":")
	if !ok || (action != "blocked" && action != "flagged") {
		return
	}
	for c := range strings.SplitSeq(cats, ",") {
		m.filter.WithLabelValues(m.labels.value(c), action).Inc()
	}
}

// methods are the HTTP methods a route label may carry; the method is
// client text, the pattern is not.
var methods = map[string]bool{"GET": true, "POST": true, "PATCH": true, "PUT": true, "DELETE": true, "HEAD": true, "OPTIONS": true}

// route returns the route label of an entry's Endpoint ("POST
// /v1/chat/completions"): the method and the mux pattern that matched.
func route(endpoint string) string {
	method, pattern, ok := strings.Cut(endpoint, " ")
	if !ok || !methods[method] || !strings.HasPrefix(pattern, "/") {
		return Other
	}
	return endpoint
}

// AuthFailed counts a refused credential by its error code
// (server.Observer). The address and key are not used.
func (m *Metrics) AuthFailed(code string, _ netip.Addr, _ *mira.Key, _ string) {
	m.authFailures.WithLabelValues(m.labels.value(code)).Inc()
}

// Limited counts a plan's refusal (server.Observer).
func (m *Metrics) Limited(reason string) {
	m.limited.WithLabelValues(m.labels.value(reason)).Inc()
}

// Upstream records a backend call (server.Observer).
func (m *Metrics) Upstream(backend string, took time.Duration, err error) {
	b, ok := m.backends[backend]
	if !ok {
		b = m.backends[Other]
	}
	b.latency.Observe(took.Seconds())
	if err != nil {
		b.errors.Inc()
	}
}

// KeyEvent counts a key lifecycle event: an audit action "key.created",
// "key.rotated", "key.revoked", "key.exposed" or "key.reported" (others
// are ignored).
func (m *Metrics) KeyEvent(action string) {
	switch event, ok := strings.CutPrefix(action, "key."); {
	case ok && (event == "created" || event == "rotated" || event == "revoked" || event == "exposed" || event == "reported"):
		m.keyEvents.WithLabelValues(event).Inc()
	}
}

// Invalidated counts a key-cache invalidation received from another
// instance; source is "bus" (one key) or "resync" (all keys).
func (m *Metrics) Invalidated(source string) {
	m.invalidations.WithLabelValues(m.labels.value(source)).Inc()
}

// RevocationsPolled records a successful poll for revoked keys.
func (m *Metrics) RevocationsPolled(t time.Time) { m.lastPoll.Set(float64(t.Unix())) }

// SetHealth records whether a dependency ("database", "redis") answered.
func (m *Metrics) SetHealth(dependency string, up bool) {
	v := 0.0
	if up {
		v = 1
	}
	m.health.WithLabelValues(m.labels.value(dependency)).Set(v)
}

// BackupSucceeded records the time of a successful backup to target. Only
// configured targets (Config.BackupTargets) are recorded, and the time
// only moves forward.
func (m *Metrics) BackupSucceeded(target string, t time.Time) {
	if !m.backupTargets[target] {
		return
	}
	m.backupMu.Lock()
	defer m.backupMu.Unlock()
	if t.Unix() > m.backupLast[target] {
		m.backupLast[target] = t.Unix()
		m.lastBackup.WithLabelValues(target).Set(float64(t.Unix()))
	}
}

// BackupFailed counts a backup that failed to reach target (a configured
// one; others are not recorded).
func (m *Metrics) BackupFailed(target string) {
	if m.backupTargets[target] {
		m.backupFailures.WithLabelValues(target).Inc()
	}
}

// boundedSet admits at most max distinct label values, each short and of
// safe characters; past that, values become Other.
type boundedSet struct {
	mu   sync.Mutex
	seen sync.Map // string -> struct{}
	n    int
	max  int
}

func (b *boundedSet) value(v string) string {
	if _, ok := b.seen.Load(v); ok {
		return v
	}
	if !safeLabel(v) {
		return Other
	}
	b.mu.Lock()
	defer b.mu.Unlock()
	if _, ok := b.seen.Load(v); ok {
		return v
	}
	if b.n >= b.max {
		return Other
	}
	b.n++
	b.seen.Store(v, struct{}{})
	return v
}

// safeLabel reports whether v looks like an identifier (a code, a
// category), not client text.
func safeLabel(v string) bool {
	if v == "" || len(v) > 48 {
		return false
	}
	for _, c := range v {
		if !(c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '_' || c == '-' || c == '.') {
			return false
		}
	}
	return true
}
