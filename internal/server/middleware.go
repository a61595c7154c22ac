package server

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"fmt"
	"log/slog"
	"net/http"
	"net/netip"
	"runtime/debug"
	"strconv"
	"strings"
	"sync/atomic"
	"time"

	"github.com/vmira/mira/internal/apikey"
	"github.com/vmira/mira/internal/clientip"
	"github.com/vmira/mira/internal/mira"
	"github.com/vmira/mira/internal/reqlog"
)

// middleware wraps a handler; chains are built once, outermost first.
type middleware func(http.Handler) http.Handler

func chain(h http.Handler, ms ...middleware) http.Handler {
	for i := len(ms) - 1; i >= 0; i-- {
		h = ms[i](h)
	}
	return h
}

type ctxKey int

const ctxRequest ctxKey = 0

// reqInfo is what the middleware learns about a request once: its id and
// the client address; authenticate adds the principal, and an inference
// handler's exchange, when it finishes, the facts for the access line.
type reqInfo struct {
	id string
	ip netip.Addr
	p  *Principal
	// Set by exchange.finish: the access line's extra attributes, and that
	// the request log already has this request's entry.
	attrs  []slog.Attr
	logged bool
}

func info(ctx context.Context) *reqInfo {
	if ri, ok := ctx.Value(ctxRequest).(*reqInfo); ok {
		return ri
	}
	return &reqInfo{}
}

// requestID returns the id given to the request by withRequestID.
func requestID(ctx context.Context) string { return info(ctx).id }

// idSource makes request ids: a random per-process prefix and a counter.
// They need to be unique, not secret, and cheap on the hot path.
type idSource struct {
	prefix string
	n      atomic.Uint64
}

func newIDSource() *idSource {
	var b [6]byte
	rand.Read(b[:])
	return &idSource{prefix: "req_" + hex.EncodeToString(b[:])}
}

func (s *idSource) next() string {
	var buf [64]byte
	b := append(buf[:0], s.prefix...)
	b = append(b, '_')
	b = strconv.AppendUint(b, s.n.Add(1), 36)
	return string(b)
}

// withRequestID gives every request an id, in the context and in the
// x-request-id response header (a client-supplied id is never trusted), and
// resolves the client address.
func (s *Server) withRequestID(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		ri := &reqInfo{id: s.ids.next(), ip: s.clientIP(r)}
		w.Header().Set("X-Request-Id", ri.id)
		next.ServeHTTP(w, r.WithContext(context.WithValue(r.Context(), ctxRequest, ri)))
	})
}

// recoverPanics turns a panic into a 500 internal_error and a log line with
// the stack; the process stays up.
func (s *Server) recoverPanics(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		defer func() {
			if v := recover(); v != nil {
				if v == http.ErrAbortHandler {
					panic(v)
				}
				s.log.Error("panic", "request_id", requestID(r.Context()),
					"panic", redact(fmt.Sprint(v)), "stack", string(debug.Stack()))
				s.writeError(w, r, mira.Internal(fmt.Errorf("panic: %v", v)))
			}
		}()
		next.ServeHTTP(w, r)
	})
}

// statusWriter records the status and size of a response for the access log.
type statusWriter struct {
	http.ResponseWriter
	status int
	bytes  int64
}

func (w *statusWriter) WriteHeader(code int) {
	if w.status == 0 {
		w.status = code
	}
	w.ResponseWriter.WriteHeader(code)
}

func (w *statusWriter) Write(b []byte) (int, error) {
	if w.status == 0 {
		w.status = http.StatusOK
	}
	n, err := w.ResponseWriter.Write(b)
	w.bytes += int64(n)
	return n, err
}

func (w *statusWriter) Unwrap() http.ResponseWriter { return w.ResponseWriter }

// accessLog writes one line per request. It never logs headers, query
// strings or bodies: they may carry secrets.
func (s *Server) accessLog(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		start := time.Now()
		sw := &statusWriter{ResponseWriter: w}
		next.ServeHTTP(sw, r)
		ri := info(r.Context())
		attrs := make([]slog.Attr, 0, 8+len(ri.attrs))
		attrs = append(attrs,
			slog.String("request_id", ri.id),
			slog.String("method", r.Method),
			slog.String("path", redact(r.URL.Path)),
			slog.Int("status", sw.status),
			slog.Int64("bytes", sw.bytes),
			slog.Duration("duration", time.Since(start)),
			slog.String("client_ip", ri.ip.String()))
		switch p := ri.p; {
		case p == nil:
		case p.Key != nil:
			attrs = append(attrs, slog.String("key_id", p.Key.ID))
		default:
			attrs = append(attrs, slog.String("user_id", p.Token.UserID))
		}
		s.log.LogAttrs(r.Context(), slog.LevelInfo, "request", append(attrs, ri.attrs...)...)
	})
}

// logRequest gives every /v1 request its request-log entry, and tells the
// observer. An inference handler's exchange does both itself; every other
// request (refused before a handler, or a management call) gets the
// metadata here.
func (s *Server) logRequest(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if !strings.HasPrefix(r.URL.Path, "/v1/") {
			next.ServeHTTP(w, r)
			return
		}
		start := time.Now()
		sw := &statusWriter{ResponseWriter: w}
		next.ServeHTTP(sw, r)
		if ri := info(r.Context()); !ri.logged {
			e := logEntry(r, start, sw.status)
			s.opt.Observer.Request(&e, 0)
			if s.opt.RequestLog != nil {
				s.opt.RequestLog.Log(e)
			}
		}
	})
}

// logEntry is the request-log entry of r as far as the middleware knows it:
// who asked, from where, which route, and the outcome.
func logEntry(r *http.Request, start time.Time, status int) reqlog.Entry {
	ri := info(r.Context())
	e := reqlog.Entry{Time: start, RequestID: ri.id, ClientIP: ri.ip.String(),
		Endpoint: r.Method + " " + routeOf(r), Status: status, Latency: time.Since(start)}
	if p := ri.p; p != nil {
		e.OrgID = p.OrgID()
		if p.User != nil {
			e.UserID = p.User.ID
		}
		if p.Key != nil {
			e.KeyID = p.Key.ID
		}
	}
	return e
}

// routeOf names the route without ids or secrets: the path's pattern.
func routeOf(r *http.Request) string {
	if r.Pattern != "" {
		if _, p, ok := strings.Cut(r.Pattern, " "); ok {
			return p
		}
		return r.Pattern
	}
	return "(unknown)"
}

// secureHeaders sets the headers every HTTPS response carries.
func secureHeaders(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		h := w.Header()
		h.Set("Strict-Transport-Security", "max-age=63072000")
		h.Set("X-Content-Type-Options", "nosniff")
		h.Set("Cache-Control", "no-store")
		h.Set("Referrer-Policy", "no-referrer")
		h.Set("X-Frame-Options", "DENY")
		next.ServeHTTP(w, r)
	})
}

// rejectBrowsers refuses /v1 requests that a browser makes with a secret
// key, and never grants a CORS preflight: secret keys must not live in
// client-side JavaScript.
func rejectBrowsers(s *Server) middleware {
	return func(next http.Handler) http.Handler {
		return s.errorHandler(func(w http.ResponseWriter, r *http.Request) error {
			if r.Method == http.MethodOptions {
				return mira.Errorf(mira.EBrowserRequestRejected,
					"cross-origin requests to the API are not allowed: secret keys must never be used from client-side JavaScript; call Mira from your server")
			}
			if fromBrowser(r) && apikey.LooksLike(bearer(r)) {
				return mira.Errorf(mira.EBrowserRequestRejected,
					"this request comes from a browser and carries a secret API key; secret keys must never be used from client-side JavaScript. Revoke this key if it is embedded in a web page, and call Mira from your server")
			}
			next.ServeHTTP(w, r)
			return nil
		})
	}
}

// fromBrowser reports whether r was made by a web page's JavaScript: it has
// an Origin, or fetch metadata saying mode "cors". Node's fetch (undici), and
// with it the official openai npm client on a server, sends
// "Sec-Fetch-Mode: cors" on every request but never Sec-Fetch-Site, which
// browsers always send with it; so the mode counts only together with a site.
func fromBrowser(r *http.Request) bool {
	if r.Header.Get("Origin") != "" {
		return true
	}
	return strings.EqualFold(r.Header.Get("Sec-Fetch-Mode"), "cors") && r.Header.Get("Sec-Fetch-Site") != ""
}

// bearer returns the token of an "Authorization: Bearer" header, or "".
func bearer(r *http.Request) string {
	h := r.Header.Get("Authorization")
	if len(h) > 7 && strings.EqualFold(h[:7], "bearer ") {
		return strings.TrimSpace(h[7:])
	}
	return ""
}

// clientIP returns the client's address: the peer, or, when the peer is a
// trusted proxy, the nearest untrusted address of X-Forwarded-For.
func (s *Server) clientIP(r *http.Request) netip.Addr {
	return clientip.Resolve(r, s.opt.TrustedProxies)
}

// redact masks anything that looks like a Mira key in s (log lines): a
// well-formed key shows only its display parts, anything else after the
// prefix is cut, since a malformed key is still somebody's secret.
func redact(s string) string {
	if !strings.Contains(s, apikey.Prefix) {
		return s
	}
	var b strings.Builder
	for {
		i := strings.Index(s, apikey.Prefix)
		if i < 0 {
			b.WriteString(s)
			return b.String()
		}
		b.WriteString(s[:i])
		s = s[i:]
		j := len(apikey.Prefix)
		for j < len(s) && isBase62(s[j]) {
			j++
		}
		if j >= apikey.Len {
			// A key, possibly run together with what follows (another key).
			b.WriteString(apikey.Mask(s[:apikey.Len]))
			j = apikey.Len
		} else {
			b.WriteString(apikey.Prefix + "[REDACTED]")
		}
		s = s[j:]
	}
}

func isBase62(c byte) bool {
	return '0' <= c && c <= '9' || 'A' <= c && c <= 'Z' || 'a' <= c && c <= 'z'
}
