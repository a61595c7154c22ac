package client

import (
	"context"
	"crypto/tls"
	"crypto/x509"
	"errors"
	"fmt"
	"github.com/vmira/mira/internal/tlsconf"
	"io"
	"math/rand/v2"
	"net/http"
	"net/url"
	"os"
	"strings"
	"sync"
	"time"
)

// Version is the version of this package, sent in the User-Agent header.
const Version = "0.1.0"

// DefaultBaseURL is the server a Client talks to unless told otherwise: what
// `mira serve` listens on with no configuration.
const DefaultBaseURL = "https://localhost:8443"

// DefaultMaxRetries is how many times a failed request is retried by default.
const DefaultMaxRetries = 2

// Client calls a Mira server. It is safe for concurrent use.
type Client struct {
	base       string // scheme://host[:port][/prefix], no trailing slash
	http       *http.Client
	auth       func(context.Context) (string, error) // nil: no credentials
	maxRetries int
	onRetry    func(attempt int, wait time.Duration, err error)
	userAgent  string

	debugMu sync.Mutex
	debug   io.Writer

	// Replaced by tests.
	sleep  func(ctx context.Context, d time.Duration) error
	jitter func(max time.Duration) time.Duration // uniform in [0, max]
	now    func() time.Time
}

// An Option configures a Client. Options apply in order; a later one
// overrides an earlier one.
type Option func(*settings) error

type settings struct {
	baseURL    string
	auth       func(context.Context) (string, error)
	caPEM      [][]byte
	rootCAs    *x509.CertPool
	httpClient *http.Client
	maxRetries int
	onRetry    func(attempt int, wait time.Duration, err error)
	userAgent  string
	debug      io.Writer

	sleep  func(ctx context.Context, d time.Duration) error
	jitter func(max time.Duration) time.Duration
	now    func() time.Time
}

// New returns a Client configured by opts. With no options it talks to
// DefaultBaseURL without credentials, trusting the system's roots.
func New(opts ...Option) (*Client, error) {
	s := settings{baseURL: DefaultBaseURL, maxRetries: DefaultMaxRetries}
	for _, opt := range opts {
		if err := opt(&s); err != nil {
			return nil, err
		}
	}
	base, err := parseBaseURL(s.baseURL)
	if err != nil {
		return nil, err
	}
	hc, err := s.buildHTTPClient()
	if err != nil {
		return nil, err
	}
	ua := "mira-go/" + Version
	if s.userAgent != "" {
		ua = s.userAgent + " " + ua
	}
	c := &Client{
		base:       base,
		http:       hc,
		auth:       s.auth,
		maxRetries: s.maxRetries,
		onRetry:    s.onRetry,
		userAgent:  ua,
		debug:      s.debug,
		sleep:      s.sleep,
		jitter:     s.jitter,
		now:        s.now,
	}
	if c.sleep == nil {
		c.sleep = sleep
	}
	if c.jitter == nil {
		c.jitter = func(max time.Duration) time.Duration { return time.Duration(rand.Int64N(int64(max) + 1)) }
	}
	if c.now == nil {
		c.now = time.Now
	}
	return c, nil
}

// BaseURL returns the server's base URL, without a trailing slash.
func (c *Client) BaseURL() string { return c.base }

// HTTPClient returns the *http.Client the Client sends requests with: the
// same TLS trust and settings, but no credentials and no retries. It is for
// calls this package does not make, such as the OAuth device flow.
func (c *Client) HTTPClient() *http.Client { return c.http }

// FromEnv configures the client from the environment, as the mira CLI does:
// MIRA_BASE_URL (the server), MIRA_API_KEY (the credential), MIRA_CA_CERT (a
// PEM file of CA certificates trusted in addition to the system's) and
// MIRA_DEBUG (when set to anything but "" or "0", a line per HTTP attempt on
// standard error, never showing credentials). Unset variables change nothing,
// so options placed after FromEnv override it and those placed before supply
// defaults: New(WithBearerFunc(login), FromEnv()) prefers MIRA_API_KEY to the
// stored login.
func FromEnv() Option {
	return func(s *settings) error {
		if v := os.Getenv("MIRA_BASE_URL"); v != "" {
			s.baseURL = v
		}
		if v := os.Getenv("MIRA_API_KEY"); v != "" {
			if err := WithAPIKey(v)(s); err != nil {
				return fmt.Errorf("MIRA_API_KEY: %w", err)
			}
		}
		if v := os.Getenv("MIRA_CA_CERT"); v != "" {
			if err := WithCAFile(v)(s); err != nil {
				return fmt.Errorf("MIRA_CA_CERT: %w", err)
			}
		}
		if v := os.Getenv("MIRA_DEBUG"); v != "" && v != "0" && v != "false" {
			s.debug = os.Stderr
		}
		return nil
	}
}

// WithBaseURL sets the server's base URL, such as "https://mira.example.com".
// It must be https. A trailing "/v1", as OpenAI SDKs expect, is dropped:
// paths of this package start with /v1 themselves.
func WithBaseURL(u string) Option {
	return func(s *settings) error { s.baseURL = u; return nil }
}

// WithAPIKey authenticates every request with the API key key (sk-mira-...).
// It replaces any earlier WithAPIKey or WithBearerFunc.
func WithAPIKey(key string) Option {
	return func(s *settings) error {
		if err := checkToken(key); err != nil {
			return fmt.Errorf("mira: API key %w", err)
		}
		s.auth = func(context.Context) (string, error) { return key, nil }
		return nil
	}
}

// WithBearerFunc authenticates every request with the bearer token token
// returns, called before each attempt so it can refresh an expiring OAuth
// access token. It replaces any earlier WithAPIKey or WithBearerFunc.
func WithBearerFunc(token func(ctx context.Context) (string, error)) Option {
	return func(s *settings) error {
		if token == nil {
			return errors.New("mira: WithBearerFunc: nil function")
		}
		s.auth = func(ctx context.Context) (string, error) {
			t, err := token(ctx)
			if err != nil {
				return "", fmt.Errorf("mira: getting an access token: %w", err)
			}
			if err := checkToken(t); err != nil {
				return "", fmt.Errorf("mira: access token %w", err)
			}
			return t, nil
		}
		return nil
	}
}

// checkToken refuses a credential that could not be sent as a header value.
// The error never contains the credential.
func checkToken(t string) error {
	if t == "" {
		return errors.New("is empty")
	}
	for _, r := range t {
		if r <= ' ' || r == 0x7f {
			return errors.New("contains whitespace or control characters")
		}
	}
	return nil
}

// WithCAFile trusts the CA certificates in the PEM file path in addition to
// the system's roots (or to the pool of WithRootCAs). It is how a client
// trusts the local CA `mira serve` generates (mira-data/ca.pem).
func WithCAFile(path string) Option {
	return func(s *settings) error {
		b, err := os.ReadFile(path)
		if err != nil {
			return fmt.Errorf("mira: reading CA file: %w", err)
		}
		if !x509.NewCertPool().AppendCertsFromPEM(b) {
			return fmt.Errorf("mira: CA file %s holds no PEM certificate", path)
		}
		s.caPEM = append(s.caPEM, b)
		return nil
	}
}

// WithRootCAs trusts exactly the certificates of pool instead of the system's
// roots. Tests use it to trust only their own server.
func WithRootCAs(pool *x509.CertPool) Option {
	return func(s *settings) error {
		if pool == nil {
			return errors.New("mira: WithRootCAs: nil pool")
		}
		s.rootCAs = pool
		return nil
	}
}

// WithHTTPClient sends requests with hc. When hc's Transport is an
// *http.Transport (or nil), the Client uses a copy of it with its own TLS
// policy applied: TLS 1.2 or later, and the roots of WithCAFile and
// WithRootCAs. A transport that skips certificate verification is refused.
// Redirects are never followed.
func WithHTTPClient(hc *http.Client) Option {
	return func(s *settings) error {
		if hc == nil {
			return errors.New("mira: WithHTTPClient: nil client")
		}
		s.httpClient = hc
		return nil
	}
}

// WithMaxRetries sets how many times a failed request is retried (default
// DefaultMaxRetries); 0 disables retries.
func WithMaxRetries(n int) Option {
	return func(s *settings) error {
		if n < 0 {
			return fmt.Errorf("mira: WithMaxRetries(%d): must be 0 or more", n)
		}
		s.maxRetries = n
		return nil
	}
}

// WithOnRetry calls f before each retry with the retry's number (1 for the
// first), how long the client will wait, and the error that caused it (an
// *Error for an HTTP error status). The mira CLI uses it to say "rate
// limited; retrying in 2.1s".
func WithOnRetry(f func(attempt int, wait time.Duration, err error)) Option {
	return func(s *settings) error { s.onRetry = f; return nil }
}

// WithUserAgent puts product (such as "mira-cli/1.2.0") in front of the
// User-Agent header, which always ends with "mira-go/<Version>".
func WithUserAgent(product string) Option {
	return func(s *settings) error {
		if strings.ContainsAny(product, "\r\n") {
			return errors.New("mira: WithUserAgent: line break in product")
		}
		s.userAgent = product
		return nil
	}
}

// WithDebug writes a line per HTTP attempt to w: method, URL, status,
// request id, duration and a masked credential (the first 12 and last 4
// characters of an API key, nothing of a token). Headers and bodies are
// never written.
func WithDebug(w io.Writer) Option {
	return func(s *settings) error { s.debug = w; return nil }
}

func parseBaseURL(raw string) (string, error) {
	u, err := url.Parse(strings.TrimSpace(raw))
	if err != nil {
		return "", fmt.Errorf("mira: base URL: %w", err)
	}
	shown := u.Redacted()
	switch {
	case u.Scheme == "http":
		return "", fmt.Errorf("mira: base URL %s uses plain HTTP; Mira accepts only HTTPS and treats a key sent over HTTP as exposed (use https://%s)", shown, u.Host)
	case u.Scheme != "https":
		return "", fmt.Errorf("mira: base URL %q must start with https://", shown)
	case u.Host == "" || u.Hostname() == "":
		return "", fmt.Errorf("mira: base URL %s has no host", shown)
	case u.User != nil:
		return "", fmt.Errorf("mira: base URL %s must not hold credentials; use MIRA_API_KEY", shown)
	case u.RawQuery != "" || u.Fragment != "" || u.ForceQuery:
		return "", fmt.Errorf("mira: base URL %s must not have a query or fragment", shown)
	}
	u.Path = strings.TrimSuffix(strings.TrimRight(u.Path, "/"), "/v1")
	u.RawPath = ""
	return strings.TrimRight(u.String(), "/"), nil
}

func (s *settings) rootPool() *x509.CertPool {
	if len(s.caPEM) == 0 {
		return s.rootCAs // nil: the system's roots
	}
	var pool *x509.CertPool
	if s.rootCAs != nil {
		pool = s.rootCAs.Clone()
	} else {
		sys, err := x509.SystemCertPool()
		if err != nil {
			sys = x509.NewCertPool() // no system roots here: trust the given CAs only
		}
		pool = sys
	}
	for _, b := range s.caPEM {
		pool.AppendCertsFromPEM(b)
	}
	return pool
}

func (s *settings) buildHTTPClient() (*http.Client, error) {
	roots := s.rootPool()
	hc := &http.Client{}
	if s.httpClient != nil {
		*hc = *s.httpClient
	}
	switch tr := hc.Transport.(type) {
	case nil:
		hc.Transport = secureTransport(http.DefaultTransport.(*http.Transport).Clone(), roots)
		hc.Transport.(*http.Transport).MaxIdleConnsPerHost = 16
	case *http.Transport:
		if tr.TLSClientConfig != nil && tr.TLSClientConfig.InsecureSkipVerify {
			return nil, errors.New("mira: WithHTTPClient: the transport skips certificate verification (InsecureSkipVerify); Mira clients always verify, trust a private CA with WithCAFile instead")
		}
		hc.Transport = secureTransport(tr.Clone(), roots)
	default:
		// A RoundTripper of the caller's (a test recorder, a tracing
		// wrapper): its TLS is its own business, but our roots cannot
		// silently go unused.
		if roots != nil {
			return nil, errors.New("mira: WithCAFile and WithRootCAs need the *http.Client of WithHTTPClient to use an *http.Transport")
		}
	}
	hc.CheckRedirect = func(req *http.Request, via []*http.Request) error {
		// The API never redirects; following one could send the
		// credential somewhere else or over plain HTTP.
		return http.ErrUseLastResponse
	}
	return hc, nil
}

func secureTransport(tr *http.Transport, roots *x509.CertPool) *http.Transport {
	cfg := tr.TLSClientConfig
	if cfg == nil {
		cfg = &tls.Config{}
	} else {
		cfg = cfg.Clone()
	}
	if cfg.MinVersion < tls.VersionTLS12 {
		cfg.MinVersion = tls.VersionTLS12
	}
	if cfg.CipherSuites == nil {
		cfg.CipherSuites = tlsconf.TLS12CipherSuites()
	}
	if roots != nil {
		cfg.RootCAs = roots
	}
	tr.TLSClientConfig = cfg
	return tr
}

func sleep(ctx context.Context, d time.Duration) error {
	if d <= 0 {
		return ctx.Err()
	}
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-ctx.Done():
		return ctx.Err()
	case <-t.C:
		return nil
	}
}
