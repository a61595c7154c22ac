// Package config holds Mira's configuration: embedded defaults, an optional
// YAML file (unknown fields are an error), then environment overrides, then
// flags; validated at start with errors that name the field and the fix.
//
// Default is the one source of the defaults. Validate parses what needs
// parsing once (trusted proxies, log retention) into typed fields tagged
// yaml:"-", which the wiring reads directly. The package owns plain data and
// imports nothing of Mira's: the wiring (cmd/mira) converts it into the
// types of the packages it configures.
package config

import (
	"bytes"
	"cmp"
	"errors"
	"fmt"
	"io"
	"net"
	"net/mail"
	"net/netip"
	"net/url"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"strconv"
	"strings"
	"time"

	"filippo.io/age"
	"github.com/robfig/cron/v3"
	"go.yaml.in/yaml/v3"
)

// Config is the whole configuration of `mira serve`.
type Config struct {
	// Listen is the HTTPS address. Default 127.0.0.1:8443.
	Listen string `yaml:"listen"`
	// HTTPListen is an optional plain-HTTP address that only rejects
	// (403 https_required) and revokes keys sent to it. Default off.
	HTTPListen string `yaml:"http_listen"`
	// DataDir holds the database, the server secret and generated
	// certificates. Created 0700. Default ./mira-data.
	DataDir string `yaml:"data_dir"`
	// DatabaseURL selects PostgreSQL (postgres://...); empty means SQLite in DataDir.
	DatabaseURL string `yaml:"database_url"`
	// RedisURL, when set, shares rate limits and revocations across instances.
	RedisURL string `yaml:"redis_url"`
	// SecretKeyFile names the server secret (HMAC pepper, encryption key);
	// empty means DataDir/secret.key, generated on first start.
	SecretKeyFile string `yaml:"secret_key_file"`

	// PublicURL is the https origin clients use (the OAuth issuer, links
	// to /device). Default: https:// and the listen address.
	PublicURL string `yaml:"public_url"`
	OAuth     OAuth  `yaml:"oauth"`

	TLS        TLS                   `yaml:"tls"`
	HTTP       HTTP                  `yaml:"http"`
	Policy     Policy                `yaml:"policy"`
	Providers  []Provider            `yaml:"providers"`
	Routes     []Route               `yaml:"routes"` // routes.go
	Plans      map[string]PlanConfig `yaml:"plans"`
	RateLimits RateLimits            `yaml:"rate_limits"`
	Filter     Filter                `yaml:"filter"`
	Logs       Logs                  `yaml:"logs"`
	Sensitive  Sensitive             `yaml:"sensitive_data"`
	// AdminListen is the admin listener's address (/metrics, pprof,
	// /healthz, /readyz); "off" disables it. Default 127.0.0.1:9464.
	AdminListen string  `yaml:"admin_listen"`
	Admin       Admin   `yaml:"admin"`
	Alerts      Alerts  `yaml:"alerts"`
	Backups     Backups `yaml:"backups"`
	// Echo serves the built-in model mira-echo. Default: on when no
	// providers are configured, off otherwise.
	Echo *bool `yaml:"echo"`
}

// Admin secures an admin listener on a non-loopback address.
type Admin struct {
	TLSCert   string `yaml:"tls_cert"`
	TLSKey    string `yaml:"tls_key"`
	TokenFile string `yaml:"token_file"` // Bearer token, mode 0600
}

// Backups configures encrypted backups (SPEC.md "Backups").
type Backups struct {
	// Schedule is a cron expression ("0 3 * * *", "@daily") or an
	// interval ("6h"). Default @daily.
	Schedule string `yaml:"schedule"`
	// Recipients are age public keys (age1...); backups are encrypted to
	// them and refuse to run without one.
	Recipients []string       `yaml:"recipients"`
	Keep       BackupKeep     `yaml:"keep"`
	Targets    []BackupTarget `yaml:"targets"`
}

// BackupKeep is the retention applied per target after a successful
// backup: the newest Count, and none older than Age (0: no bound).
type BackupKeep struct {
	Count int      `yaml:"count"` // default 14
	Age   Duration `yaml:"age"`   // default 30d
}

// BackupTarget is where backups go: a local directory, or S3-compatible
// object storage with credentials from the environment.
type BackupTarget struct {
	Name string `yaml:"name"`
	Type string `yaml:"type"` // dir, s3
	// dir
	Path string `yaml:"path"`
	// s3
	Endpoint     string `yaml:"endpoint"`
	Region       string `yaml:"region"`
	Bucket       string `yaml:"bucket"`
	Prefix       string `yaml:"prefix"`
	AccessKeyEnv string `yaml:"access_key_env"`
	SecretKeyEnv string `yaml:"secret_key_env"`
	CAFile       string `yaml:"ca_file"` // a private CA of the endpoint
}

// Alerts configures the detection of suspicious activity and where alerts
// are delivered.
type Alerts struct {
	Channels []AlertChannel       `yaml:"channels"`
	Rules    map[string]AlertRule `yaml:"rules"` // by rule id; overrides the defaults
}

// AlertChannel is one delivery target. Secrets come from the environment
// or files, never from this file.
type AlertChannel struct {
	Name string `yaml:"name"`
	Type string `yaml:"type"` // webhook, slack, email
	// webhook, slack
	URL        string `yaml:"url"`
	URLEnv     string `yaml:"url_env"`
	SecretEnv  string `yaml:"secret_env"`  // webhook: whsec_...
	SecretFile string `yaml:"secret_file"` // webhook: whsec_..., mode 0600
	// email
	SMTP         string   `yaml:"smtp"` // host:port
	From         string   `yaml:"from"`
	To           []string `yaml:"to"`
	Username     string   `yaml:"username"`
	PasswordEnv  string   `yaml:"password_env"`
	PasswordFile string   `yaml:"password_file"`
}

// AlertRuleIDs are the rule ids alerts.rules may tune (SPEC.md "Monitoring
// and alerts on suspicious activity"); internal/alerts holds their defaults.
var AlertRuleIDs = []string{"revoked_key_used", "expired_key_used", "exposed_key_used", "auth_failures_burst",
	"key_many_addresses", "key_new_network", "key_traffic_spike", "filter_probing",
	"privileged_key_created", "signin_lockout", "signin_new_address", "device_approval_mismatch",
	"audit_chain_broken", "backup_failed", "backup_stale", "certificate_expiring", "backend_down"}

// AlertRule tunes one detector. Zero fields keep the rule's default.
type AlertRule struct {
	Enabled   *bool    `yaml:"enabled"`   // default true
	Threshold int      `yaml:"threshold"` // events within Window that raise the alert
	Window    Duration `yaml:"window"`
	Severity  string   `yaml:"severity"` // low, medium, high, critical
	Cooldown  Duration `yaml:"cooldown"` // repeats within it fold into one alert
}

// TLS configures the HTTPS listener.
type TLS struct {
	// Cert and Key name a certificate chain and its key (PEM). Empty: a
	// local CA and a localhost certificate are generated in DataDir.
	Cert string `yaml:"cert"`
	Key  string `yaml:"key"`
	// AllowSelfSigned permits a self-signed or local-CA certificate on a
	// non-loopback address. Clients must then be given the CA explicitly.
	AllowSelfSigned bool `yaml:"allow_self_signed"`
	// ReloadInterval is how often Cert and Key are checked for changes.
	ReloadInterval Duration `yaml:"reload_interval"`
	// ACME obtains and renews the certificate (see acme.go).
	ACME ACME `yaml:"acme"`
}

// HTTP bounds what a client may hold or send.
type HTTP struct {
	ReadHeaderTimeout Duration `yaml:"read_header_timeout"` // default 10s
	BodyTimeout       Duration `yaml:"body_timeout"`        // reading a request body; default 60s
	IdleTimeout       Duration `yaml:"idle_timeout"`        // keep-alive; default 120s
	WriteTimeout      Duration `yaml:"write_timeout"`       // per write (streams are never cut as a whole); default 30s
	ShutdownTimeout   Duration `yaml:"shutdown_timeout"`    // graceful drain; default 30s
	MaxHeaderBytes    int      `yaml:"max_header_bytes"`    // default 64 KiB
	MaxBodyBytes      int64    `yaml:"max_body_bytes"`      // default 4 MiB; larger -> 413 request_too_large
	MaxMessages       int      `yaml:"max_messages"`        // messages per chat request; default 2048

	// What clients can hold, so that a flood is shed before the process is
	// at risk. 0 switches a bound off.
	MaxConnections      int   `yaml:"max_connections"`        // open connections per listener; default 10000
	MaxConnectionsPerIP int   `yaml:"max_connections_per_ip"` // per client address (IPv6 per /64; trusted proxies exempt); default 256
	MaxInFlight         int   `yaml:"max_in_flight"`          // requests being served; beyond: 503 + Retry-After; default 4096
	MemoryBudget        int64 `yaml:"memory_budget"`          // heap bytes; beyond: 503 + Retry-After; default 1 GiB
}

// Policy holds security policies.
type Policy struct {
	// RevokeExposedKeys revokes a key seen on the plain-HTTP listener or
	// reported leaked. Default true.
	RevokeExposedKeys *bool `yaml:"revoke_exposed_keys"`
	// KeyMaxAge marks older keys as due for rotation. Default 90d.
	KeyMaxAge Duration `yaml:"key_max_age"`
	// ExpireOldKeys makes keys older than KeyMaxAge stop working. Default false.
	ExpireOldKeys bool `yaml:"expire_old_keys"`
}

// RevokeExposed reports whether exposed keys are revoked (default true).
func (p Policy) RevokeExposed() bool { return p.RevokeExposedKeys == nil || *p.RevokeExposedKeys }

// OAuth configures the CLI's sign-in (RFC 8628 device flow).
type OAuth struct {
	AccessTokenTTL Duration `yaml:"access_token_ttl"` // default 10m, at most 15m
	RefreshIdleTTL Duration `yaml:"refresh_idle_ttl"` // refresh token unused this long expires; default 30d
	RefreshMaxTTL  Duration `yaml:"refresh_max_ttl"`  // a sign-in lasts at most this long; default 90d
}

// PlanConfig sets a plan's limits; 0 means unlimited in that dimension.
// Plans given here replace the built-in plan of the same name.
type PlanConfig struct {
	RequestsPerMinute int `yaml:"requests_per_minute"`
	TokensPerMinute   int `yaml:"tokens_per_minute"`
	RequestsPerDay    int `yaml:"requests_per_day"`
	Concurrent        int `yaml:"concurrent"`
}

// RateLimits configures limiting beyond the plans.
type RateLimits struct {
	// Enabled turns rate limiting on (default). Off is for benchmarks only.
	Enabled *bool `yaml:"enabled"`
	// UnauthenticatedPerMinute limits requests without credentials per
	// client IP (IPv6 per /64). Default 60.
	UnauthenticatedPerMinute int `yaml:"unauthenticated_per_minute"`
	// FailedAuthPerMinute limits failed authentications per client IP;
	// beyond it the IP gets 429 before any key is checked. Default 10.
	FailedAuthPerMinute int `yaml:"failed_auth_per_minute"`
	// TrustedProxies are the CIDRs whose X-Forwarded-For is believed.
	TrustedProxies []string `yaml:"trusted_proxies"`
	// TrustedProxyPrefixes are TrustedProxies parsed, set by Validate (a
	// bare address is a single-address prefix).
	TrustedProxyPrefixes []netip.Prefix `yaml:"-"`
	// ProxyProtocol accepts a PROXY protocol v2 header from the trusted
	// proxies (and only from them), whose client address then stands.
	ProxyProtocol bool `yaml:"proxy_protocol"`
	// DefaultOutputTokens is reserved for the answer when a request sets
	// no max_tokens; the real usage is settled afterwards. Default 1024.
	DefaultOutputTokens int `yaml:"default_output_tokens"`
}

// LimitsEnabled reports whether rate limiting is on.
func (r RateLimits) LimitsEnabled() bool { return r.Enabled == nil || *r.Enabled }

// Filter configures content filtering of prompts and answers.
type Filter struct {
	// Enabled turns the filter on (default).
	Enabled *bool `yaml:"enabled"`
	// Policy sets a category to block, flag or off; unnamed categories
	// keep the default (prompt_injection, jailbreak, sexual/minors: block;
	// the rest: flag).
	Policy map[string]string `yaml:"policy"`
	// InputThresholds and OutputThresholds set the score (0..1] at which a
	// category is flagged; default 0.5 (answers are not checked for
	// prompt injection or jailbreak).
	InputThresholds  map[string]float64 `yaml:"input_thresholds"`
	OutputThresholds map[string]float64 `yaml:"output_thresholds"`
	// StreamHoldback is how many characters of a streamed answer are held
	// until the text after them shows they are safe. Default 32.
	StreamHoldback int `yaml:"stream_holdback"`
	// Organisations overrides Policy per organisation (by name).
	Organisations map[string]map[string]string `yaml:"organisations"`
	// External asks a second classifier too (optional).
	External *ExternalFilter `yaml:"external"`
	// ExemptSystemPrompt leaves the operator's system prompt (messages of
	// role system and developer) out of what the content filter reads.
	// Default false: every text the model reads is screened, whatever its
	// role, since a client can write system messages as easily as user
	// ones. Turn it on only when every client is trusted to send the
	// operator's own prompt, never text from its users. Sensitive-data
	// detection never reads these messages either way.
	ExemptSystemPrompt bool `yaml:"exempt_system_prompt"`
}

// FilterEnabled reports whether content filtering is on.
func (f Filter) FilterEnabled() bool { return f.Enabled == nil || *f.Enabled }

// Logs configures request logs.
type Logs struct {
	// Retention is how long request logs are kept: default 30d, never
	// more (a longer value is refused). Env MIRA_LOG_RETENTION.
	Retention string `yaml:"retention"`
	// RetentionPeriod is Retention parsed, set by Validate.
	RetentionPeriod time.Duration `yaml:"-"`
	// Bodies names the organisations whose request and response bodies
	// are kept (masked, encrypted); none by default.
	Bodies []string `yaml:"bodies"`
	// ZeroRetention stores no bodies at all, whatever Bodies says.
	ZeroRetention bool `yaml:"zero_retention"`
}

// Sensitive configures the sensitive-data policy for requests.
type Sensitive struct {
	// Policy is warn (default: header Mira-Sensitive-Data), mask (replaced
	// before the model sees it) or block.
	Policy string `yaml:"policy"`
}

// Provider is one OpenAI-compatible model backend (vLLM, Ollama, llama.cpp, OpenAI...).
type Provider struct {
	Name    string `yaml:"name"`
	Type    string `yaml:"type"`     // "openai" (OpenAI-compatible); the only type for now
	BaseURL string `yaml:"base_url"` // e.g. http://127.0.0.1:8000/v1
	// APIKeyEnv names the environment variable holding the upstream key;
	// keys are never written in the config file.
	APIKeyEnv string   `yaml:"api_key_env"`
	Models    []string `yaml:"models"`
	// CAFile adds a private CA for an https upstream.
	CAFile string `yaml:"ca_file"`
	// AllowInsecureHTTP permits a plain-http base URL on a non-loopback
	// host: prompts would cross the network unencrypted.
	AllowInsecureHTTP     bool     `yaml:"allow_insecure_http"`
	ConnectTimeout        Duration `yaml:"connect_timeout"`         // default 5s
	ResponseHeaderTimeout Duration `yaml:"response_header_timeout"` // default 60s
	RequestTimeout        Duration `yaml:"request_timeout"`         // non-streamed; default 10m
	StreamIdleTimeout     Duration `yaml:"stream_idle_timeout"`     // default 5m
	// Endpoints the backend serves natively (endpoints.go); default chat,
	// completions, embeddings, with responses by translation.
	Endpoints []string `yaml:"endpoints"`
}

// Default returns the embedded defaults: `mira serve` with no configuration.
func Default() Config {
	return Config{
		Listen: "127.0.0.1:8443",

		AdminListen: "127.0.0.1:9464",
		DataDir:     "./mira-data",
		TLS:         TLS{ReloadInterval: Duration(2 * time.Second)},
		Policy:      Policy{KeyMaxAge: Duration(90 * 24 * time.Hour)},
		Logs:        Logs{Retention: defaultLogRetention},
		RateLimits: RateLimits{
			UnauthenticatedPerMinute: 60,
			FailedAuthPerMinute:      10,
			DefaultOutputTokens:      1024,
		},
		HTTP: HTTP{
			ReadHeaderTimeout: Duration(10 * time.Second),
			BodyTimeout:       Duration(60 * time.Second),
			IdleTimeout:       Duration(120 * time.Second),
			WriteTimeout:      Duration(30 * time.Second),
			ShutdownTimeout:   Duration(30 * time.Second),
			MaxHeaderBytes:    64 << 10,
			MaxBodyBytes:      4 << 20,
			MaxMessages:       2048,

			MaxConnections:      10000,
			MaxConnectionsPerIP: 256,
			MaxInFlight:         4096,
			MemoryBudget:        1 << 30,
		},
	}
}

// Load returns the defaults, overlaid with the YAML file at path (if path is
// not empty) and then with the environment (getenv, usually os.Getenv).
func Load(path string, getenv func(string) string) (Config, error) {
	c := Default()
	if path != "" {
		f, err := os.Open(path)
		if err != nil {
			return c, fmt.Errorf("config: %w", err)
		}
		defer f.Close()
		if err := decode(f, &c); err != nil {
			return c, fmt.Errorf("config %s: %w", path, err)
		}
	}
	if err := c.applyEnv(getenv); err != nil {
		return c, err
	}
	return c, nil
}

func decode(r io.Reader, c *Config) error {
	b, err := io.ReadAll(io.LimitReader(r, 4<<20))
	if err != nil {
		return err
	}
	if len(bytes.TrimSpace(b)) == 0 {
		return nil
	}
	dec := yaml.NewDecoder(bytes.NewReader(b))
	dec.KnownFields(true)
	if err := dec.Decode(c); err != nil {
		if strings.Contains(err.Error(), "not found in type") {
			return fmt.Errorf("%w (unknown fields are refused so a typo cannot silently leave a default in place; see the configuration reference in README.md)", err)
		}
		return err
	}
	var doc yaml.Node
	if err := yaml.Unmarshal(b, &doc); err != nil {
		return err
	}
	return wholeNumbers(&doc, reflect.TypeFor[Config](), "")
}

// wholeNumbers refuses a fraction where the configuration wants a whole
// number. YAML's decoder silently takes 1.5 for an int as 1 and 0.5 as 0,
// which would turn a limit of half a request per second into no limit.
// n is the document as written and t the type it was decoded into.
func wholeNumbers(n *yaml.Node, t reflect.Type, path string) error {
	for t.Kind() == reflect.Pointer {
		t = t.Elem()
	}
	if reflect.PointerTo(t).Implements(reflect.TypeFor[yaml.Unmarshaler]()) {
		return nil // the type reads its own values
	}
	switch n.Kind {
	case yaml.DocumentNode:
		for _, c := range n.Content {
			if err := wholeNumbers(c, t, path); err != nil {
				return err
			}
		}
	case yaml.AliasNode:
		return wholeNumbers(n.Alias, t, path)
	case yaml.ScalarNode:
		switch t.Kind() {
		case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64,
			reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64:
			if n.ShortTag() == "!!float" {
				return fmt.Errorf("line %d: %s: %s is not a whole number", n.Line, path, n.Value)
			}
		}
	case yaml.SequenceNode:
		if t.Kind() == reflect.Slice || t.Kind() == reflect.Array {
			for i, c := range n.Content {
				if err := wholeNumbers(c, t.Elem(), fmt.Sprintf("%s[%d]", path, i)); err != nil {
					return err
				}
			}
		}
	case yaml.MappingNode:
		for i := 0; i+1 < len(n.Content); i += 2 {
			key := n.Content[i].Value
			var ft reflect.Type
			switch t.Kind() {
			case reflect.Map:
				ft = t.Elem()
			case reflect.Struct:
				ft = yamlField(t, key)
			}
			if ft == nil {
				continue
			}
			if err := wholeNumbers(n.Content[i+1], ft, strings.TrimPrefix(path+"."+key, ".")); err != nil {
				return err
			}
		}
	}
	return nil
}

// yamlField returns the type of t's field that YAML reads for key, looking
// into inlined structs, or nil.
func yamlField(t reflect.Type, key string) reflect.Type {
	for i := range t.NumField() {
		f := t.Field(i)
		name, opts, _ := strings.Cut(f.Tag.Get("yaml"), ",")
		if strings.Contains(opts, "inline") {
			if ft := yamlField(f.Type, key); ft != nil {
				return ft
			}
			continue
		}
		if name == "" {
			name = strings.ToLower(f.Name)
		}
		if name == key && f.IsExported() {
			return f.Type
		}
	}
	return nil
}

// applyEnv overrides fields from MIRA_* environment variables.
func (c *Config) applyEnv(getenv func(string) string) error {
	str := map[string]*string{
		"MIRA_LISTEN":          &c.Listen,
		"MIRA_HTTP_LISTEN":     &c.HTTPListen,
		"MIRA_DATA_DIR":        &c.DataDir,
		"MIRA_DATABASE_URL":    &c.DatabaseURL,
		"MIRA_REDIS_URL":       &c.RedisURL,
		"MIRA_SECRET_KEY_FILE": &c.SecretKeyFile,
		"MIRA_TLS_CERT":        &c.TLS.Cert,
		"MIRA_TLS_KEY":         &c.TLS.Key,
		"MIRA_PUBLIC_URL":      &c.PublicURL,
		"MIRA_LOG_RETENTION":   &c.Logs.Retention,
		"MIRA_ADMIN_LISTEN":    &c.AdminListen,
	}
	for name, p := range str {
		if v := getenv(name); v != "" {
			*p = v
		}
	}
	if v := getenv("MIRA_ALLOW_SELF_SIGNED"); v != "" {
		b, err := strconv.ParseBool(v)
		if err != nil {
			return fmt.Errorf("MIRA_ALLOW_SELF_SIGNED=%q: want true or false", v)
		}
		c.TLS.AllowSelfSigned = b
	}
	if v := getenv("MIRA_REVOKE_EXPOSED_KEYS"); v != "" {
		b, err := strconv.ParseBool(v)
		if err != nil {
			return fmt.Errorf("MIRA_REVOKE_EXPOSED_KEYS=%q: want true or false", v)
		}
		c.Policy.RevokeExposedKeys = &b
	}
	if v := getenv("MIRA_ACME_DOMAINS"); v != "" {
		c.TLS.ACME.Domains = splitDomains(v)
	}
	return nil
}

// EchoEnabled reports whether the built-in mira-echo model is served.
func (c *Config) EchoEnabled() bool {
	if c.Echo != nil {
		return *c.Echo
	}
	return len(c.Providers) == 0
}

// Validate checks the configuration and returns an error naming the field at
// fault and how to fix it. It sets the parsed fields
// (RateLimits.TrustedProxyPrefixes, Logs.RetentionPeriod). Plans' limits are
// checked against the rate limiter's ranges by the wiring, which converts them.
//
// The steps run in a fixed order and every problem is collected, so the
// joined error lists them in the same order each time (tests and operators
// compare messages).
func (c *Config) Validate() error {
	var errs []error
	bad := func(field, format string, args ...any) {
		errs = append(errs, fmt.Errorf("%s: %s", field, fmt.Sprintf(format, args...)))
	}
	c.validateListeners(bad)
	c.validateAdmin(bad)
	c.validateBackups(bad)
	c.validateBackupSchedule(bad)
	c.validateBackupS3(bad)
	c.validateStorage(bad)
	c.validateHTTP(bad)
	models := c.validateProviders(bad)
	c.validateEndpoints(bad)
	c.validateRoutes(models, bad)
	c.validatePolicy(bad)
	c.validateRateLimits(bad)
	c.validatePublicAuth(bad)
	c.validateLogsAndFilters(bad)
	c.validateAlertRules(bad)
	c.validateAlertChannels(bad)
	c.validateEcho(models, bad)
	if err := c.TLS.ACME.Check(c.TLS); err != nil {
		errs = append(errs, err)
	}
	if c.RateLimits.ProxyProtocol && len(c.RateLimits.TrustedProxies) == 0 {
		bad("rate_limits.proxy_protocol", "is true but rate_limits.trusted_proxies is empty: name the load balancers' addresses, the only ones whose PROXY header is believed")
	}
	return errors.Join(errs...)
}

// validateListeners checks the main and plain-HTTP listen addresses: a
// malformed address would only fail later, at bind time, with a less
// helpful message.
func (c *Config) validateListeners(bad func(field, format string, args ...any)) {
	if _, _, err := net.SplitHostPort(c.Listen); err != nil {
		bad("listen", "%q is not host:port (e.g. 127.0.0.1:8443)", c.Listen)
	}
	if c.HTTPListen != "" {
		if _, _, err := net.SplitHostPort(c.HTTPListen); err != nil {
			bad("http_listen", "%q is not host:port (e.g. 127.0.0.1:8080)", c.HTTPListen)
		}
	}
}

// validateStorage checks where state lives (data directory, TLS files,
// database and Redis URLs), so that a wrong scheme is caught before any
// connection is attempted.
func (c *Config) validateStorage(bad func(field, format string, args ...any)) {
	if c.DataDir == "" {
		bad("data_dir", "must not be empty")
	}
	if (c.TLS.Cert == "") != (c.TLS.Key == "") {
		bad("tls", "give both cert and key (--tls-cert and --tls-key), or neither to use the generated local CA")
	}
	if c.DatabaseURL != "" && !strings.HasPrefix(c.DatabaseURL, "postgres://") && !strings.HasPrefix(c.DatabaseURL, "postgresql://") {
		bad("database_url", "only postgres:// URLs are supported; leave it empty for SQLite in the data directory")
	}
	if c.RedisURL != "" && !strings.HasPrefix(c.RedisURL, "redis://") && !strings.HasPrefix(c.RedisURL, "rediss://") {
		bad("redis_url", "want a redis:// or rediss:// URL")
	}
}

// validateHTTP checks the HTTP server's timeouts and size bounds: a zero
// timeout would let a slow client hold a connection forever, and too small
// size bounds would reject ordinary requests.
func (c *Config) validateHTTP(bad func(field, format string, args ...any)) {
	h := c.HTTP
	for _, d := range []struct {
		name string
		v    Duration
	}{{"http.read_header_timeout", h.ReadHeaderTimeout}, {"http.body_timeout", h.BodyTimeout},
		{"http.idle_timeout", h.IdleTimeout}, {"http.write_timeout", h.WriteTimeout}} {
		if d.v <= 0 {
			bad(d.name, "must be positive (e.g. 30s): without it a slow client could hold a connection forever")
		}
	}
	if h.MaxHeaderBytes < 4096 {
		bad("http.max_header_bytes", "must be at least 4096")
	}
	if h.MaxBodyBytes < 1024 {
		bad("http.max_body_bytes", "must be at least 1024")
	}
	if h.MaxMessages < 1 {
		bad("http.max_messages", "must be at least 1")
	}
	for _, n := range []struct {
		name string
		v    int64
	}{{"http.max_connections", int64(h.MaxConnections)}, {"http.max_connections_per_ip", int64(h.MaxConnectionsPerIP)},
		{"http.max_in_flight", int64(h.MaxInFlight)}, {"http.memory_budget", h.MemoryBudget}} {
		if n.v < 0 {
			bad(n.name, "must not be negative (0 switches the bound off)")
		}
	}
}

// validatePolicy checks the key policy and the plan names: expiring old keys
// needs a positive maximum age, and an unnamed plan could not be assigned.
func (c *Config) validatePolicy(bad func(field, format string, args ...any)) {
	if c.Policy.KeyMaxAge < 0 || (c.Policy.ExpireOldKeys && c.Policy.KeyMaxAge == 0) {
		bad("policy.key_max_age", "must be positive (e.g. 90d) when expire_old_keys is on")
	}
	for name := range c.Plans {
		if name == "" {
			bad("plans", "a plan needs a name")
		}
	}
}

// validateRateLimits checks the global rate limits and parses
// rate_limits.trusted_proxies into RateLimits.TrustedProxyPrefixes, which
// the limiter uses to find the client address behind a proxy.
func (c *Config) validateRateLimits(bad func(field, format string, args ...any)) {
	rl := c.RateLimits
	if rl.UnauthenticatedPerMinute < 1 || rl.FailedAuthPerMinute < 1 {
		bad("rate_limits", "unauthenticated_per_minute and failed_auth_per_minute must be at least 1")
	}
	if rl.DefaultOutputTokens < 1 {
		bad("rate_limits.default_output_tokens", "must be at least 1")
	}
	var err error
	if c.RateLimits.TrustedProxyPrefixes, err = parsePrefixes(rl.TrustedProxies); err != nil {
		bad("rate_limits.trusted_proxies", "%v", err)
	}
}

// validatePublicAuth checks the public origin and the OAuth access-token
// lifetime: the origin goes into redirects and must be https, and access
// tokens cannot be revoked, so their lifetime is kept short.
func (c *Config) validatePublicAuth(bad func(field, format string, args ...any)) {
	if c.PublicURL != "" {
		if u, err := url.Parse(c.PublicURL); err != nil || u.Scheme != "https" || u.Host == "" || u.Path != "" && u.Path != "/" {
			bad("public_url", "%q must be an https origin such as https://mira.example.com", c.PublicURL)
		}
	}
	if c.OAuth.AccessTokenTTL > Duration(15*time.Minute) {
		bad("oauth.access_token_ttl", "must be at most 15m: access tokens cannot be revoked before they expire")
	}
}

// validateLogsAndFilters parses logs.retention into Logs.RetentionPeriod and
// checks the sensitive-data policy and the external filter, which receives
// prompts and so must be reached over https (or http on loopback only).
func (c *Config) validateLogsAndFilters(bad func(field, format string, args ...any)) {
	var err error
	if c.Logs.RetentionPeriod, err = parseRetention(c.Logs.Retention); err != nil {
		bad("logs.retention", "%v", err)
	}
	switch c.Sensitive.Policy {
	case "", "warn", "mask", "block":
	default:
		bad("sensitive_data.policy", "%q is not warn, mask or block", c.Sensitive.Policy)
	}
	if x := c.Filter.External; x != nil {
		x.validate(bad)
	}
}

// validateEcho rejects serving the built-in mira-echo model when a provider
// also serves a model of that name (models maps model to provider, as
// returned by validateProviders): requests would be ambiguous.
func (c *Config) validateEcho(models map[string]string, bad func(field, format string, args ...any)) {
	if c.EchoEnabled() {
		if other, dup := models["mira-echo"]; dup {
			bad("echo", "model mira-echo is also served by provider %q; set echo: false", other)
		}
	}
}

// AdminEnabled reports whether the admin listener is on.
func (c *Config) AdminEnabled() bool { return c.AdminListen != "" && c.AdminListen != "off" }

// validateAdmin checks the admin listener: plain HTTP only on loopback;
// elsewhere TLS and a Bearer token are required.
func (c *Config) validateAdmin(bad func(field, format string, args ...any)) {
	if !c.AdminEnabled() {
		return
	}
	host, _, err := net.SplitHostPort(c.AdminListen)
	if err != nil {
		bad("admin_listen", "%q is not host:port (e.g. 127.0.0.1:9464), or off", c.AdminListen)
		return
	}
	a := c.Admin
	if (a.TLSCert == "") != (a.TLSKey == "") {
		bad("admin", "give both tls_cert and tls_key, or neither")
	}
	if !isLoopbackHost(host) && (a.TLSCert == "" || a.TLSKey == "" || a.TokenFile == "") {
		bad("admin_listen", "%s is not a loopback address: /metrics and pprof would be served in plain text to the network. Set admin.tls_cert, admin.tls_key and admin.token_file (a Bearer token, mode 0600), or listen on 127.0.0.1 (--admin-listen 127.0.0.1:9464), or switch it off (--admin-listen off)", c.AdminListen)
	}
}

// validateBackupSchedule checks backups.schedule (an interval of at least
// a minute, or a cron expression: five fields or a descriptor such as
// @daily; internal/backup.ParseSchedule reads it the same way) and
// backups.keep.
func (c *Config) validateBackupSchedule(bad func(field, format string, args ...any)) {
	b := c.Backups
	if s := strings.TrimSpace(b.Schedule); s != "" {
		const hint = "want an interval of at least 1m (6h, 1d) or a cron expression (\"0 3 * * *\", @daily)"
		if d, err := ParseDuration(s); err == nil {
			if d < time.Minute {
				bad("backups.schedule", "%q is too short: %s", b.Schedule, hint)
			}
		} else {
			if !strings.HasPrefix(s, "CRON_TZ=") && !strings.HasPrefix(s, "TZ=") {
				s = "CRON_TZ=UTC " + s
			}
			sched, err := cron.ParseStandard(s)
			if err != nil {
				bad("backups.schedule", "%q: %v; %s", b.Schedule, err, hint)
			} else if every, ok := sched.(cron.ConstantDelaySchedule); ok && every.Delay < time.Minute {
				bad("backups.schedule", "%q is too short: %s", b.Schedule, hint)
			}
		}
	}
	if b.Keep.Count < 0 {
		bad("backups.keep.count", "must not be negative (0 means the default, 14)")
	}
	if b.Keep.Age < 0 {
		bad("backups.keep.age", "must not be negative (0 means the default, 30d)")
	}
}

// validateBackupS3 checks the s3 targets in backups.targets: a bucket, an
// https endpoint (http only on loopback), and credentials named by
// environment variables (never in the file; their values are checked
// when the target is opened).
func (c *Config) validateBackupS3(bad func(field, format string, args ...any)) {
	for i, t := range c.Backups.Targets {
		if t.Type != "s3" {
			continue
		}
		f := fmt.Sprintf("backups.targets[%d]", i)
		if t.Name != "" {
			f = fmt.Sprintf("backups.targets[%q]", t.Name)
		}
		u, err := url.Parse(t.Endpoint)
		switch {
		case t.Endpoint == "":
			bad(f+".endpoint", "is required (e.g. https://s3.eu-west-1.amazonaws.com)")
		case err != nil || u.Host == "" || (u.Path != "" && u.Path != "/") || u.User != nil || u.RawQuery != "":
			bad(f+".endpoint", "%q is not a URL such as https://s3.example.com (credentials go in access_key_env and secret_key_env)", t.Endpoint)
		case u.Scheme != "https" && !(u.Scheme == "http" && isLoopbackHost(u.Hostname())):
			bad(f+".endpoint", "%q must be https (http only on a loopback address)", t.Endpoint)
		}
		if t.Bucket == "" {
			bad(f+".bucket", "is required")
		}
		if strings.HasPrefix(t.Prefix, "/") {
			bad(f+".prefix", "%q must not start with /", t.Prefix)
		}
		for _, e := range []struct{ field, v string }{{"access_key_env", t.AccessKeyEnv}, {"secret_key_env", t.SecretKeyEnv}} {
			if e.v == "" {
				bad(f+"."+e.field, "is required: the name of the environment variable holding the credential")
			} else if strings.ContainsFunc(e.v, func(r rune) bool {
				return !(r == '_' || r >= 'A' && r <= 'Z' || r >= 'a' && r <= 'z' || r >= '0' && r <= '9')
			}) {
				bad(f+"."+e.field, "must name an environment variable (letters, digits, _), not hold the credential itself")
			}
		}
		if t.Path != "" {
			bad(f+".path", "is for dir targets; an s3 target uses bucket and prefix")
		}
	}
}

// validateAlertRules checks alerts.rules for Validate: known rule ids,
// known severities, no negative numbers.
func (c *Config) validateAlertRules(bad func(field, format string, args ...any)) {
	for id, r := range c.Alerts.Rules {
		f := "alerts.rules." + id
		if !slices.Contains(AlertRuleIDs, id) {
			bad(f, "unknown rule id %q (known: %s)", id, strings.Join(AlertRuleIDs, ", "))
			continue
		}
		switch r.Severity {
		case "", "low", "medium", "high", "critical":
		default:
			bad(f+".severity", "%q is not low, medium, high or critical", r.Severity)
		}
		if r.Threshold < 0 {
			bad(f+".threshold", "must be positive (leave it out for the default)")
		}
		if r.Window < 0 {
			bad(f+".window", "must be positive (e.g. 1m; leave it out for the default)")
		}
		if r.Cooldown < 0 {
			bad(f+".cooldown", "must not be negative (e.g. 15m; leave it out for the default)")
		}
	}
}

// validateProviders checks providers for Validate and returns which
// provider serves each model.
func (c *Config) validateProviders(bad func(field, format string, args ...any)) map[string]string {
	names := map[string]bool{}
	models := map[string]string{}
	for i, p := range c.Providers {
		f := fmt.Sprintf("providers[%d]", i)
		switch {
		case p.Name == "":
			bad(f+".name", "is required")
		case names[p.Name]:
			bad(f+".name", "%q is used twice", p.Name)
		}
		names[p.Name] = true
		if p.Type != "openai" {
			bad(f+".type", "%q is not a known provider type (use openai for any OpenAI-compatible backend: vLLM, Ollama, llama.cpp, OpenAI)", p.Type)
		}
		u, err := url.Parse(p.BaseURL)
		switch {
		case err != nil || u.Host == "" || (u.Scheme != "http" && u.Scheme != "https"):
			bad(f+".base_url", "%q is not an http(s) URL (e.g. http://127.0.0.1:8000/v1)", p.BaseURL)
		case u.User != nil:
			bad(f+".base_url", "must not contain credentials; put the key in an environment variable named by api_key_env")
		case u.Scheme == "http" && !isLoopbackHost(u.Hostname()) && !p.AllowInsecureHTTP:
			bad(f+".base_url", "plain http to %s would send prompts unencrypted over the network; use https, or set allow_insecure_http: true if the network is private", u.Hostname())
		}
		if len(p.Models) == 0 && !c.routed(p.Name) {
			bad(f+".models", "list at least one model this backend serves, or name the provider in a route's targets")
		}
		for _, m := range p.Models {
			if other, dup := models[m]; dup {
				bad(f+".models", "model %q is also served by provider %q", m, other)
			}
			models[m] = p.Name
		}
	}
	return models
}

// validateAlertChannels checks alerts.channels for Validate. Secrets are
// named here (environment variables, files), never given: notify.New reads
// and checks them at start.
func (c *Config) validateAlertChannels(bad func(field, format string, args ...any)) {
	names := map[string]bool{}
	for i, ch := range c.Alerts.Channels {
		f := fmt.Sprintf("alerts.channels[%d]", i)
		switch {
		case ch.Name == "":
			bad(f+".name", "is required (it names the channel in logs and the delivery queue)")
		case names[ch.Name]:
			bad(f+".name", "%q is used twice", ch.Name)
		case len(ch.Name) > 64 || strings.ContainsFunc(ch.Name, func(r rune) bool { return r < 0x21 || r == 0x7f }):
			bad(f+".name", "%q must be at most 64 characters, without spaces or control characters", ch.Name)
		}
		names[ch.Name] = true
		switch ch.Type {
		case "webhook", "slack":
			switch {
			case (ch.URL == "") == (ch.URLEnv == ""):
				bad(f, "give exactly one of url and url_env")
			case ch.URL != "":
				if err := CheckAlertURL(ch.URL); err != nil {
					bad(f+".url", "%v", err)
				}
			}
			if ch.SMTP != "" || ch.From != "" || len(ch.To) > 0 || ch.Username != "" || ch.PasswordEnv != "" || ch.PasswordFile != "" {
				bad(f, "smtp, from, to, username, password_env and password_file are for type email only")
			}
			if ch.Type == "webhook" && (ch.SecretEnv == "") == (ch.SecretFile == "") {
				bad(f, "give exactly one of secret_env and secret_file: the whsec_... secret webhooks are signed with (Standard Webhooks)")
			}
			if ch.Type == "slack" && (ch.SecretEnv != "" || ch.SecretFile != "") {
				bad(f, "secret_env and secret_file are for type webhook only; a Slack incoming-webhook URL is its own secret (use url_env)")
			}
		case "email":
			if host, port, err := net.SplitHostPort(ch.SMTP); err != nil || host == "" || port == "" {
				bad(f+".smtp", "%q is not host:port (e.g. smtp.example.com:587)", ch.SMTP)
			}
			if _, err := mail.ParseAddress(ch.From); err != nil {
				bad(f+".from", "%q is not an e-mail address", ch.From)
			}
			if len(ch.To) == 0 {
				bad(f+".to", "list at least one recipient")
			}
			for _, to := range ch.To {
				if _, err := mail.ParseAddress(to); err != nil {
					bad(f+".to", "%q is not an e-mail address", to)
				}
			}
			if ch.PasswordEnv != "" && ch.PasswordFile != "" {
				bad(f, "give at most one of password_env and password_file")
			}
			if (ch.PasswordEnv != "" || ch.PasswordFile != "") && ch.Username == "" {
				bad(f+".username", "is required with a password")
			}
			if ch.URL != "" || ch.URLEnv != "" || ch.SecretEnv != "" || ch.SecretFile != "" {
				bad(f, "url, url_env, secret_env and secret_file are for types webhook and slack only")
			}
		default:
			bad(f+".type", "%q is not webhook, slack or email", ch.Type)
		}
	}
}

// CheckAlertURL checks a webhook or Slack URL: https, or http to a
// loopback host, and no credentials in the authority. Its errors never
// repeat the URL, which may itself be a secret (a Slack webhook's is).
func CheckAlertURL(raw string) error {
	u, err := url.Parse(raw)
	switch {
	case err != nil || u.Host == "" || (u.Scheme != "http" && u.Scheme != "https"):
		return errors.New("is not an https URL")
	case u.User != nil:
		return errors.New("must not contain user:password; a webhook is authenticated by its signing secret")
	case u.Scheme == "http" && !isLoopbackHost(u.Hostname()):
		return fmt.Errorf("must be https (plain http is allowed only to a loopback host, not %s)", u.Hostname())
	}
	return nil
}

// parsePrefixes parses rate_limits.trusted_proxies.
func parsePrefixes(cidrs []string) ([]netip.Prefix, error) {
	var out []netip.Prefix
	for _, s := range cidrs {
		p, err := netip.ParsePrefix(s)
		if err != nil {
			a, aerr := netip.ParseAddr(s)
			if aerr != nil {
				return nil, fmt.Errorf("%q is not a CIDR prefix (e.g. 10.0.0.0/8)", s)
			}
			p = netip.PrefixFrom(a.Unmap(), a.Unmap().BitLen())
		}
		out = append(out, p.Masked())
	}
	return out, nil
}

// ProviderAPIKey resolves a provider's upstream key from its environment
// variable; an empty variable named by api_key_env is an error.
func (p Provider) ProviderAPIKey(getenv func(string) string) (string, error) {
	if p.APIKeyEnv == "" {
		return "", nil
	}
	v := getenv(p.APIKeyEnv)
	if v == "" {
		return "", fmt.Errorf("provider %q: environment variable %s (api_key_env) is empty; export it, or remove api_key_env for a backend without keys", p.Name, p.APIKeyEnv)
	}
	return v, nil
}

// IsLoopbackHost reports whether host names this machine only.
func isLoopbackHost(host string) bool {
	if host == "localhost" {
		return true
	}
	ip := net.ParseIP(host)
	return ip != nil && ip.IsLoopback()
}

// Duration is a time.Duration written as "30s", "5m", "2h" or "14d".
type Duration time.Duration

// D returns d as a time.Duration.
func (d Duration) D() time.Duration { return time.Duration(d) }

// UnmarshalYAML parses a duration string.
func (d *Duration) UnmarshalYAML(n *yaml.Node) error {
	v, err := ParseDuration(n.Value)
	if err != nil {
		return fmt.Errorf("line %d: %w", n.Line, err)
	}
	*d = Duration(v)
	return nil
}

// ParseDuration parses Go durations plus a whole-days form "14d".
func ParseDuration(s string) (time.Duration, error) {
	if days, ok := strings.CutSuffix(s, "d"); ok {
		n, err := strconv.Atoi(days)
		if err != nil || n < 0 {
			return 0, fmt.Errorf("invalid duration %q (e.g. 14d, 36h, 90s)", s)
		}
		return time.Duration(n) * 24 * time.Hour, nil
	}
	v, err := time.ParseDuration(s)
	if err != nil {
		return 0, fmt.Errorf("invalid duration %q (e.g. 14d, 36h, 90s)", s)
	}
	return v, nil
}

// Request log retention: SPEC.md promises request logs are kept at most 30
// days. reqlog's purger refuses more on its own as well.
const (
	defaultLogRetention = "30d"
	maxLogRetention     = 30 * 24 * time.Hour
	// minLogRetention: the purger runs every few minutes at most, so a
	// shorter retention would not be honoured.
	minLogRetention = time.Hour
)

// parseRetention parses a retention such as "30d", "14d", "1.5d", "36h" or
// "90m" (days, or any Go duration) between an hour and 30 days. The empty
// string is the default, 30 days.
func parseRetention(s string) (time.Duration, error) {
	s = cmp.Or(strings.TrimSpace(s), defaultLogRetention)
	var d time.Duration
	if days, ok := strings.CutSuffix(s, "d"); ok {
		n, err := strconv.ParseFloat(days, 64)
		if err != nil || n != n || n > 1e6 || n < -1e6 {
			return 0, fmt.Errorf("invalid request log retention %q: want days such as 30d or 14d, or a duration such as 36h", s)
		}
		d = time.Duration(n * float64(24*time.Hour))
	} else {
		var err error
		if d, err = time.ParseDuration(s); err != nil {
			return 0, fmt.Errorf("invalid request log retention %q: want days such as 30d or 14d, or a duration such as 36h", s)
		}
	}
	switch {
	case d > maxLogRetention:
		return 0, fmt.Errorf("request log retention longer than 30 days: %s is longer than the 30-day maximum: Mira keeps request logs at most 30 days; set 30d or less", formatDays(d))
	case d < minLogRetention:
		return 0, fmt.Errorf("request log retention %s is too short: the minimum is 1h (bodies can be turned off entirely with zero-retention instead)", formatDays(d))
	}
	return d, nil
}

// formatDays writes d as whole days when it is some, else as a duration.
func formatDays(d time.Duration) string {
	if d > 0 && d%(24*time.Hour) == 0 {
		return fmt.Sprintf("%dd", d/(24*time.Hour))
	}
	return d.String()
}

// validateBackups checks the recipients and the targets' names, types and
// dir paths (S3 fields, schedule and keep are checked on their own).
func (c *Config) validateBackups(bad func(field, format string, args ...any)) {
	b := &c.Backups
	for i, r := range b.Recipients {
		if _, err := age.ParseX25519Recipient(strings.TrimSpace(r)); err != nil {
			bad(fmt.Sprintf("backups.recipients[%d]", i), "not an age public key (age1...): run `mira admin backup keygen` to make one")
		}
	}
	if len(b.Targets) > 0 && len(b.Recipients) == 0 {
		bad("backups.recipients", "required with backups.targets: backups are encrypted so that the server cannot read them; run `mira admin backup keygen` and add the recipient it prints")
	}
	seen := map[string]bool{}
	for i, t := range b.Targets {
		field := fmt.Sprintf("backups.targets[%d]", i)
		if t.Name == "" {
			bad(field+".name", "must not be empty")
		} else if seen[t.Name] {
			bad(field+".name", "%q is used by another target", t.Name)
		}
		seen[t.Name] = true
		switch t.Type {
		case "dir":
			if t.Path == "" || !filepath.IsAbs(t.Path) {
				bad(field+".path", "%q must be an absolute directory path", t.Path)
			}
		case "s3":
		default:
			bad(field+".type", "%q is not a target type: use dir or s3", t.Type)
		}
	}
}
