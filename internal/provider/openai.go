package provider

import (
	"bytes"
	"cmp"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/url"
	"strings"
	"sync"
	"time"

	"github.com/vmira/mira/internal/openai"
	"github.com/vmira/mira/internal/tlsconf"
)

// OpenAIConfig configures an OpenAI-compatible upstream. Zero durations and
// sizes take the documented defaults (the Default constants below): they are
// held here, not in config, because tests and tools build providers without
// a configuration, and a provider entry in the configuration leaves them zero
// unless set.
type OpenAIConfig struct {
	Name    string   // provider name, the owned_by of its models
	BaseURL string   // http or https, e.g. http://127.0.0.1:8000/v1; requests go to {BaseURL}/chat/completions
	APIKey  string   // sent as "Authorization: Bearer <APIKey>"; empty for backends without keys
	Models  []string // the models this backend serves by name; none when only routes use it
	// Endpoints are the endpoints the backend serves natively; nil means
	// DefaultEndpoints. Chat must be among them.
	Endpoints []Endpoint

	ConnectTimeout        time.Duration // TCP connect and TLS handshake; default 5s
	ResponseHeaderTimeout time.Duration // time to the response headers; default 60s
	RequestTimeout        time.Duration // a whole non-streamed request; default 10m
	StreamIdleTimeout     time.Duration // longest gap between two stream events; default 5m

	// CAFile names a PEM file of extra roots for a private upstream CA; the
	// system roots stay trusted. Verification is never skipped.
	CAFile string

	MaxIdleConnsPerHost int   // kept-alive connections to the upstream; default 64
	MaxResponseBytes    int64 // a non-streamed body; default 16 MiB
	MaxEventBytes       int   // one stream event; default 1 MiB

	// NoStreamUsage stops Mira from asking the upstream for a usage chunk
	// (stream_options.include_usage) on streams whose client did not ask for
	// one, for backends that reject stream_options. Without it Mira settles
	// rate limits with the real token counts and drops the extra chunk.
	NoStreamUsage bool
}

// Defaults of OpenAIConfig.
const (
	DefaultConnectTimeout        = 5 * time.Second
	DefaultResponseHeaderTimeout = 60 * time.Second
	DefaultRequestTimeout        = 10 * time.Minute
	DefaultStreamIdleTimeout     = 5 * time.Minute
	DefaultMaxIdleConnsPerHost   = 64
	DefaultMaxResponseBytes      = 16 << 20
)

// drainTimeout bounds the wait for the end of the body after [DONE], which
// lets the connection be reused.
const drainTimeout = 500 * time.Millisecond

// OpenAI is a provider that forwards requests to an OpenAI-compatible
// upstream. It is safe for concurrent use.
type OpenAI struct {
	cfg    OpenAIConfig
	base   string // the base URL without a trailing slash
	auth   string // "Bearer <key>" or ""
	client *http.Client

	sseReaders sync.Pool // *openai.SSEReader, to reuse their buffers across streams
}

var _ Provider = (*OpenAI)(nil)

// NewOpenAI returns an upstream provider. Errors name the config field at fault.
func NewOpenAI(cfg OpenAIConfig) (*OpenAI, error) {
	if cfg.Name == "" {
		return nil, errors.New("provider: name is required")
	}
	fail := func(format string, args ...any) error {
		return fmt.Errorf("provider %q: "+format, append([]any{cfg.Name}, args...)...)
	}
	u, err := url.Parse(cfg.BaseURL)
	switch {
	case err != nil || u.Host == "" || (u.Scheme != "http" && u.Scheme != "https"):
		return nil, fail("base_url %q is not an http(s) URL (e.g. http://127.0.0.1:8000/v1)", cfg.BaseURL)
	case u.User != nil:
		return nil, fail("base_url must not contain credentials; pass the key as the API key")
	case u.RawQuery != "" || u.Fragment != "":
		return nil, fail("base_url must not have a query or fragment")
	}
	seen := map[string]bool{}
	for _, m := range cfg.Models {
		if m == "" || seen[m] {
			return nil, fail("models: %q is empty or listed twice", m)
		}
		seen[m] = true
	}
	if strings.ContainsFunc(cfg.APIKey, func(r rune) bool { return r < 0x21 || r == 0x7f }) {
		return nil, fail("the API key contains spaces or control characters")
	}
	for _, d := range []struct {
		name string
		v    time.Duration
	}{
		{"connect_timeout", cfg.ConnectTimeout},
		{"response_header_timeout", cfg.ResponseHeaderTimeout},
		{"request_timeout", cfg.RequestTimeout},
		{"stream_idle_timeout", cfg.StreamIdleTimeout},
	} {
		if d.v < 0 {
			return nil, fail("%s must not be negative", d.name)
		}
	}
	cfg.ConnectTimeout = cmp.Or(cfg.ConnectTimeout, DefaultConnectTimeout)
	cfg.ResponseHeaderTimeout = cmp.Or(cfg.ResponseHeaderTimeout, DefaultResponseHeaderTimeout)
	cfg.RequestTimeout = cmp.Or(cfg.RequestTimeout, DefaultRequestTimeout)
	cfg.StreamIdleTimeout = cmp.Or(cfg.StreamIdleTimeout, DefaultStreamIdleTimeout)
	cfg.MaxIdleConnsPerHost = cmp.Or(max(cfg.MaxIdleConnsPerHost, 0), DefaultMaxIdleConnsPerHost)
	cfg.MaxResponseBytes = cmp.Or(max(cfg.MaxResponseBytes, 0), DefaultMaxResponseBytes)
	cfg.MaxEventBytes = cmp.Or(max(cfg.MaxEventBytes, 0), openai.DefaultMaxSSEEvent)
	cfg.Models = append([]string(nil), cfg.Models...)
	if cfg.Endpoints, err = checkEndpoints(cfg.Endpoints); err != nil {
		return nil, fail("endpoints: %v", err)
	}

	tlsConf, err := tlsconf.ClientConfig(cfg.CAFile)
	if err != nil {
		return nil, fail("ca_file: %v", err)
	}
	dialer := &net.Dialer{Timeout: cfg.ConnectTimeout, KeepAlive: 30 * time.Second}
	transport := &http.Transport{
		Proxy:                 http.ProxyFromEnvironment,
		DialContext:           dialer.DialContext,
		TLSClientConfig:       tlsConf,
		TLSHandshakeTimeout:   cfg.ConnectTimeout,
		ResponseHeaderTimeout: cfg.ResponseHeaderTimeout,
		ExpectContinueTimeout: time.Second,
		MaxIdleConns:          cfg.MaxIdleConnsPerHost,
		MaxIdleConnsPerHost:   cfg.MaxIdleConnsPerHost,
		IdleConnTimeout:       90 * time.Second,
		ForceAttemptHTTP2:     true,
	}
	base := strings.TrimSuffix(u.String(), "/")
	return &OpenAI{
		cfg:  cfg,
		base: base,
		auth: bearer(cfg.APIKey),
		client: &http.Client{
			Transport: transport,
			// An API does not redirect; following one could send the
			// prompt (and, same-host, the key) somewhere unexpected.
			CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse },
		},
	}, nil
}

func bearer(key string) string {
	if key == "" {
		return ""
	}
	return "Bearer " + key
}

// Name returns the configured name.
func (p *OpenAI) Name() string { return p.cfg.Name }

// Models returns the configured models.
func (p *OpenAI) Models() []string { return append([]string(nil), p.cfg.Models...) }

// CloseIdleConnections closes the kept-alive upstream connections, at shutdown.
func (p *OpenAI) CloseIdleConnections() { p.client.CloseIdleConnections() }

// newRequest builds the upstream request. It carries only our headers: no
// client header ever reaches the upstream.
func (p *OpenAI) newRequest(ctx context.Context, url string, body []byte, accept string) (*http.Request, error) {
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, url, bytes.NewReader(body))
	if err != nil {
		return nil, err
	}
	req.Header = http.Header{
		"Content-Type": {"application/json"},
		"Accept":       {accept},
	}
	if p.auth != "" {
		req.Header["Authorization"] = []string{p.auth}
	}
	return req, nil
}

// Chat forwards the client's body as it came and returns the upstream's
// answer, compacted.
func (p *OpenAI) Chat(ctx context.Context, req *openai.ChatRequest, raw []byte) (*Response, error) {
	return p.post(ctx, Chat, raw)
}

// post sends raw to endpoint ep and returns the upstream's answer,
// compacted, once it is known to be an answer of that endpoint.
func (p *OpenAI) post(ctx context.Context, ep Endpoint, raw []byte) (*Response, error) {
	ctx, cancel := context.WithTimeout(ctx, p.cfg.RequestTimeout)
	defer cancel()
	hreq, err := p.newRequest(ctx, p.base+ep.Path(), raw, "application/json")
	if err != nil {
		return nil, upstreamError(msgUnreachable, err)
	}
	resp, err := p.client.Do(hreq)
	if err != nil {
		return nil, p.transportError(ctx, err, msgUnreachable)
	}
	defer resp.Body.Close()
	if resp.StatusCode < 200 || resp.StatusCode > 299 {
		return nil, p.statusError(resp)
	}
	body, err := readLimited(resp.Body, resp.ContentLength, p.cfg.MaxResponseBytes)
	if err != nil {
		if errors.Is(err, errTooLarge) {
			return nil, upstreamError(msgTooLarge, fmt.Errorf("provider %s: %w", p.cfg.Name, err))
		}
		return nil, p.transportError(ctx, err, msgCutAnswer)
	}
	b, err := compactJSON(body[:0], body) // in place
	if err != nil {
		return nil, upstreamError(msgInvalid, fmt.Errorf("provider %s: answer is not JSON: %w", p.cfg.Name, err))
	}
	top, ok := inspect(b)
	switch {
	case !ok:
		return nil, upstreamError(msgInvalid, fmt.Errorf("provider %s: answer is not a JSON object", p.cfg.Name))
	case top.errValue != nil:
		return nil, upstreamError(msgReported, fmt.Errorf("provider %s: answer holds an error: %.512s", p.cfg.Name, top.errValue))
	}
	if member, v := answerArray(ep, top); len(v) == 0 || v[0] != '[' {
		return nil, upstreamError(msgInvalid, fmt.Errorf("provider %s: answer has no %s array", p.cfg.Name, member))
	}
	if top.errNull && ep != Responses { // a response object has "error": null
		b = withoutError(b)
	}
	usage, _ := parseUsage(top.usage)
	return &Response{Body: b, Usage: usage, Header: passHeaders(resp.Header)}, nil
}

// answerArray returns the array member an answer of ep must have.
func answerArray(ep Endpoint, top topLevel) (string, []byte) {
	switch ep {
	case Embeddings:
		return "data", top.data
	case Responses:
		return "output", top.output
	}
	return "choices", top.choices
}

var errTooLarge = errors.New("response body over the limit")

// readLimited reads r to its end, at most max bytes.
func readLimited(r io.Reader, size, max int64) ([]byte, error) {
	if size > max {
		return nil, fmt.Errorf("%w (Content-Length %d > %d)", errTooLarge, size, max)
	}
	if size < 0 {
		size = 4096
	}
	buf := bytes.NewBuffer(make([]byte, 0, size+1)) // +1: read EOF without growing
	n, err := buf.ReadFrom(io.LimitReader(r, max+1))
	if err != nil {
		return nil, err
	}
	if n > max {
		return nil, fmt.Errorf("%w (%d bytes)", errTooLarge, max)
	}
	return buf.Bytes(), nil
}

// ChatStream forwards the client's body (asking for a usage chunk, see
// NoStreamUsage) and returns a stream of the upstream's chunks.
func (p *OpenAI) ChatStream(ctx context.Context, req *openai.ChatRequest, raw []byte) (Stream, error) {
	return p.open(ctx, Chat, raw, req.IncludeUsage())
}

// open starts a stream of endpoint ep. For chat and legacy completions it
// asks for a usage chunk unless the client did (includeUsage) or the
// backend must not be asked.
func (p *OpenAI) open(ctx context.Context, ep Endpoint, raw []byte, includeUsage bool) (Stream, error) {
	body, dropUsage := raw, false
	if ep != Responses && !includeUsage && !p.cfg.NoStreamUsage {
		if b, err := withIncludeUsage(raw); err == nil {
			body, dropUsage = b, true
		}
	}
	ctx, cancel := context.WithCancelCause(ctx)
	hreq, err := p.newRequest(ctx, p.base+ep.Path(), body, "text/event-stream")
	if err != nil {
		cancel(nil)
		return nil, upstreamError(msgUnreachable, err)
	}
	resp, err := p.client.Do(hreq)
	if err != nil {
		e := p.transportError(ctx, err, msgUnreachable)
		cancel(nil)
		return nil, e
	}
	if resp.StatusCode < 200 || resp.StatusCode > 299 {
		e := p.statusError(resp)
		resp.Body.Close()
		cancel(nil)
		return nil, e
	}
	if ct := resp.Header.Get("Content-Type"); !isEventStream(ct) {
		resp.Body.Close()
		cancel(nil)
		return nil, upstreamError(msgInvalid, fmt.Errorf("provider %s: stream answered with Content-Type %q", p.cfg.Name, ct))
	}
	s := &openaiStream{
		p:         p,
		ctx:       ctx,
		cancel:    cancel,
		body:      resp.Body,
		header:    passHeaders(resp.Header),
		dropUsage: dropUsage,
		events:    ep == Responses,
	}
	// The idle timer also bounds the wait for the first event.
	s.idle = time.AfterFunc(p.cfg.StreamIdleTimeout, func() { cancel(errIdle) })
	s.sse = p.getSSEReader(resp.Body)
	return s, nil
}

func isEventStream(contentType string) bool {
	mt, _, _ := strings.Cut(contentType, ";")
	return strings.EqualFold(strings.TrimSpace(mt), "text/event-stream")
}

// withIncludeUsage returns raw with stream_options.include_usage set to true,
// keeping every other member (of the body and of stream_options) as it was.
func withIncludeUsage(raw []byte) ([]byte, error) {
	b, err := compactJSON(make([]byte, 0, len(raw)), raw)
	if err != nil {
		return nil, err
	}
	var opts []byte
	out := make([]byte, 0, len(b)+40)
	out = append(out, '{')
	ok := forMembers(b, func(m member) bool {
		if keyIs(m.key, "stream_options") {
			opts = m.val // the last one counts, as for encoding/json
			return true
		}
		if len(out) > 1 {
			out = append(out, ',')
		}
		out = append(out, b[m.start:m.end]...)
		return true
	})
	if !ok {
		return nil, errors.New("request body is not a JSON object")
	}
	o := map[string]json.RawMessage{}
	if opts != nil && string(opts) != "null" {
		if err := json.Unmarshal(opts, &o); err != nil {
			return nil, err
		}
	}
	o["include_usage"] = json.RawMessage("true")
	ob, err := json.Marshal(o)
	if err != nil {
		return nil, err
	}
	if len(out) > 1 {
		out = append(out, ',')
	}
	out = append(out, `"stream_options":`...)
	out = append(out, ob...)
	return append(out, '}'), nil
}

var (
	errIdle   = errors.New("no stream event within the idle timeout")
	errClosed = errors.New("stream closed")
)

// transportError maps a failed round trip or body read to an upstream_error:
// a timeout, the idle timer, a cancellation, or else the fallback message.
func (p *OpenAI) transportError(ctx context.Context, err error, fallback string) error {
	cause := fmt.Errorf("provider %s: %w", p.cfg.Name, hideAddress(err, p.base))
	var ne net.Error
	c := context.Cause(ctx)
	switch {
	case c == errIdle:
		return upstreamError(msgIdle, cause)
	case errors.Is(c, context.DeadlineExceeded), errors.Is(err, context.DeadlineExceeded),
		c == nil && errors.As(err, &ne) && ne.Timeout():
		return upstreamError(msgTimeout, cause)
	case c != nil:
		return upstreamError(msgCanceled, fmt.Errorf("%w (%w)", cause, c))
	}
	return upstreamError(fallback, cause)
}

// statusError maps a non-2xx answer; its body is discarded unread (it may
// echo the prompt or the upstream key), briefly, to reuse the connection.
func (p *OpenAI) statusError(resp *http.Response) error {
	io.Copy(io.Discard, io.LimitReader(resp.Body, 4096))
	return statusError(p.cfg.Name, resp, time.Now())
}
