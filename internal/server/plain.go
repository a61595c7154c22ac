package server

import (
	"bufio"
	"compress/flate"
	"compress/gzip"
	"compress/zlib"
	"context"
	"encoding/base64"
	"errors"
	"io"
	"net/http"
	"strings"
	"time"

	"github.com/vmira/mira/internal/apikey"
	"github.com/vmira/mira/internal/mira"
)

const (
	// plainScanDefaultBytes bounds the body search when no MaxBodyBytes is
	// set. Otherwise the bound is MaxBodyBytes: a key may sit anywhere in a
	// body the HTTPS listener would accept, and nothing larger is a request
	// a client could mean to send. Reading it costs the network time of
	// that much under the body deadline, and memory of one chunk.
	plainScanDefaultBytes = 4 << 20
	// plainScanChunk is how much of the body is searched at a time.
	plainScanChunk = 64 << 10
	// plainScanOverlap is how much of a chunk's end is searched again with
	// the next, so a key across a boundary is found: more than a key
	// percent-encoded twice over (56 × 5 bytes).
	plainScanOverlap = 512
	// plainInflateBytes bounds what a compressed body (each layer of it)
	// is decompressed to: a zip bomb costs no more than this.
	plainInflateBytes = 1 << 20
	// plainMaxLookups bounds the distinct well-formed keys looked up per
	// request: anyone can make look-alikes with a valid checksum.
	plainMaxLookups = 16
)

// PlainHandler returns the handler of the plain-HTTP listener. It never
// forwards anything: every request gets 403 https_required. A Mira key found
// in the request (headers, URL or body, also percent-encoded, in Basic
// credentials or in a gzip or deflate body) has crossed the network
// unencrypted: it is marked exposed, recorded for its owner, and revoked when
// the policy revoke_exposed_keys is on.
func (s *Server) PlainHandler() http.Handler {
	h := s.errorHandler(func(w http.ResponseWriter, r *http.Request) error {
		revoked := s.exposeKeys(r)
		msg := "Mira accepts only HTTPS; this request was not processed. Use " + s.opt.HTTPSURL
		if revoked {
			msg += ". The API key sent with it crossed the network unencrypted and has been revoked: create a new one"
		}
		return mira.Errorf(mira.EHTTPSRequired, "%s", msg)
	})
	return chain(h, s.recoverPanics, s.withRequestID, s.accessLog, s.shed, s.bodyDeadline, s.logRequest)
}

// keyFinder collects the distinct well-formed keys in the texts it is
// shown, as sent and percent-decoded (once and twice), up to
// plainMaxLookups. Look-alikes with a bad checksum are dropped here, so
// they never reach the store.
type keyFinder struct {
	found []string
	seen  map[string]bool
}

func (f *keyFinder) full() bool { return len(f.found) >= plainMaxLookups }

// scan searches text as sent and percent-decoded ("+" as a space, for
// forms; keys have neither).
func (f *keyFinder) scan(text string) {
	for range 3 {
		f.match(text)
		if !strings.ContainsAny(text, "%+") {
			return
		}
		dec := percentDecode(text)
		if dec == text {
			return
		}
		text = dec
	}
}

func (f *keyFinder) match(text string) {
	if f.full() || !strings.Contains(text, apikey.Prefix) {
		return
	}
	for _, k := range apikey.Pattern.FindAllString(text, -1) {
		if f.full() {
			return
		}
		if f.seen[k] || !apikey.Valid(k) {
			continue
		}
		if f.seen == nil {
			f.seen = map[string]bool{}
		}
		f.seen[k] = true
		f.found = append(f.found, k)
	}
}

// scanHeader searches a header value, and the credentials of a Basic one
// (curl -u KEY: sends base64("KEY:")).
func (f *keyFinder) scanHeader(v string) {
	f.scan(v)
	if len(v) > 6 && strings.EqualFold(v[:6], "basic ") {
		if cred, ok := decodeBase64(strings.TrimSpace(v[6:])); ok {
			f.scan(cred)
		}
	}
}

// decodeBase64 decodes s in any of the base64 alphabets, padded or not.
func decodeBase64(s string) (string, bool) {
	for _, enc := range []*base64.Encoding{base64.StdEncoding, base64.RawStdEncoding, base64.URLEncoding, base64.RawURLEncoding} {
		if b, err := enc.DecodeString(s); err == nil {
			return string(b), true
		}
	}
	return "", false
}

// percentDecode decodes %XX escapes and "+" leniently: a malformed escape
// is kept as it is rather than failing the whole text.
func percentDecode(s string) string {
	var b strings.Builder
	b.Grow(len(s))
	for i := 0; i < len(s); i++ {
		switch c := s[i]; {
		case c == '%' && i+2 < len(s) && isHex(s[i+1]) && isHex(s[i+2]):
			b.WriteByte(unhex(s[i+1])<<4 | unhex(s[i+2]))
			i += 2
		case c == '+':
			b.WriteByte(' ')
		default:
			b.WriteByte(c)
		}
	}
	return b.String()
}

func isHex(c byte) bool {
	return '0' <= c && c <= '9' || 'a' <= c && c <= 'f' || 'A' <= c && c <= 'F'
}

func unhex(c byte) byte {
	switch {
	case c <= '9':
		return c - '0'
	case c <= 'F':
		return c - 'A' + 10
	}
	return c - 'a' + 10
}

// scanBody searches the body as a stream, up to limit bytes as sent. A
// gzip or deflate body is searched decompressed too, each layer bounded by
// plainInflateBytes; what follows it, or a body that does not decompress,
// is still searched as sent.
func (f *keyFinder) scanBody(body io.Reader, contentEncoding []string, limit int64) {
	sent, plain := f.stream(), f.stream()
	defer sent.flush()
	defer plain.flush()
	br := bufio.NewReader(io.TeeReader(io.LimitReader(body, limit), sent))
	var codings []string
	for _, v := range contentEncoding {
		for c := range strings.SplitSeq(v, ",") {
			if c = strings.ToLower(strings.TrimSpace(c)); c != "" && c != "identity" {
				codings = append(codings, c)
			}
		}
	}
	var r io.Reader = br
	// Codings are listed in the order applied: undo them last first.
	for i := len(codings) - 1; i >= 0 && i >= len(codings)-3; i-- {
		d := decoder(codings[i], r)
		if d == nil {
			break
		}
		r = io.LimitReader(d, plainInflateBytes)
	}
	if r != io.Reader(br) {
		io.Copy(plain, r)
	}
	io.Copy(io.Discard, br) // the rest as sent
}

// stream returns a writer that searches what goes through it in chunks of
// plainScanChunk, each searched again with the last plainScanOverlap bytes
// of the one before, so a key across a boundary is found.
func (f *keyFinder) stream() *streamScan {
	return &streamScan{f: f, buf: make([]byte, 0, plainScanOverlap+plainScanChunk)}
}

type streamScan struct {
	f    *keyFinder
	buf  []byte
	kept int // bytes at the start of buf already searched
}

// errEnough stops a body search once plainMaxLookups keys are found.
var errEnough = errors.New("enough keys found")

func (w *streamScan) Write(p []byte) (int, error) {
	n := len(p)
	for len(p) > 0 {
		if w.f.full() {
			return n - len(p), errEnough
		}
		take := min(cap(w.buf)-len(w.buf), len(p))
		w.buf = append(w.buf, p[:take]...)
		p = p[take:]
		if len(w.buf) == cap(w.buf) {
			w.flush()
		}
	}
	return n, nil
}

func (w *streamScan) flush() {
	if len(w.buf) > w.kept {
		w.f.scan(string(w.buf))
	}
	keep := min(len(w.buf), plainScanOverlap)
	w.buf = w.buf[:copy(w.buf, w.buf[len(w.buf)-keep:])]
	w.kept = keep
}

// decoder returns a reader decompressing r by coding, or nil when the
// coding is not one it knows or r does not start like it.
func decoder(coding string, r io.Reader) io.Reader {
	var head []byte
	if p, ok := r.(interface{ Peek(int) ([]byte, error) }); ok {
		head, _ = p.Peek(2)
	}
	switch coding {
	case "gzip", "x-gzip":
		if head != nil && (len(head) < 2 || head[0] != 0x1f || head[1] != 0x8b) {
			return nil
		}
		z, err := gzip.NewReader(r)
		if err != nil {
			return nil
		}
		return z
	case "deflate":
		// RFC 9110 deflate is zlib-wrapped, but some clients send it raw.
		if head != nil && len(head) == 2 && head[0]&0x0f == 8 && (uint16(head[0])<<8|uint16(head[1]))%31 == 0 {
			z, err := zlib.NewReader(r)
			if err != nil {
				return nil
			}
			return z
		}
		return flate.NewReader(r)
	}
	return nil
}

// exposeKeys finds well-formed Mira keys in r and records their exposure;
// it reports whether one of them was revoked by it. The revocation is
// immediate even for a rotated key still in its grace period.
func (s *Server) exposeKeys(r *http.Request) bool {
	var f keyFinder
	for _, vs := range r.Header {
		for _, v := range vs {
			f.scanHeader(v)
		}
	}
	f.scan(r.Host)
	f.scan(r.RequestURI) // as sent: path, query, user info of an absolute URL
	f.scan(r.URL.Path)
	f.scan(r.URL.RawQuery)
	if r.Body != nil && r.Body != http.NoBody && !f.full() {
		limit := s.opt.MaxBodyBytes
		if limit <= 0 {
			limit = plainScanDefaultBytes
		}
		f.scanBody(r.Body, r.Header.Values("Content-Encoding"), limit)
	}
	if len(f.found) == 0 || s.keySvc == nil {
		return false
	}
	// Recording must finish even if the client hangs up at once.
	ctx, cancel := context.WithTimeout(context.WithoutCancel(r.Context()), 10*time.Second)
	defer cancel()
	revokedAny := false
	for _, raw := range f.found {
		digest := apikey.Digest(s.opt.Secret, raw)
		k, err := s.opt.Keys.KeyByDigest(ctx, digest)
		if err != nil {
			continue // unknown key: nothing to revoke, and nothing to say about it
		}
		e := &mira.KeyExposure{KeyID: k.ID, Source: mira.ExposurePlainHTTP,
			ClientIP: info(r.Context()).ip.String(), UserAgent: truncateString(r.UserAgent(), 256), At: time.Now()}
		by := origin(r, map[string]any{"user_agent": e.UserAgent})
		if _, err := s.keySvc.RecordExposure(ctx, e, s.opt.RevokeExposedKeys, by); err != nil {
			s.log.Error("recording a key exposed over plain HTTP failed", "key_id", k.ID, "error", err)
			continue
		}
		revokedAny = revokedAny || e.Revoked
		s.log.Warn("API key exposed over plain HTTP", "key_id", k.ID, "org_id", k.OrgID,
			"client_ip", e.ClientIP, "revoked", e.Revoked, "request_id", requestID(r.Context()))
	}
	return revokedAny
}

func truncateString(s string, n int) string {
	if len(s) > n {
		return s[:n]
	}
	return s
}
