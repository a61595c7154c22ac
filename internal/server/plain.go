package server

import (
	"context"
	"io"
	"net/http"
	"time"

	"github.com/vmira/mira/internal/apikey"
	"github.com/vmira/mira/internal/mira"
)

// plainScanBytes is how much of a plain-HTTP request body is searched for
// keys: enough for any API request that would carry one in its body.
const plainScanBytes = 64 << 10

// PlainHandler returns the handler of the plain-HTTP listener. It never
// forwards anything: every request gets 403 https_required. A Mira key found
// in the request (headers, URL or the start of the body) has crossed the
// network unencrypted: it is marked exposed, recorded for its owner, and
// revoked when the policy revoke_exposed_keys is on.
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

// exposeKeys finds well-formed Mira keys in r and records their exposure;
// it reports whether one of them was revoked by it. The revocation is
// immediate even for a rotated key still in its grace period.
func (s *Server) exposeKeys(r *http.Request) bool {
	var found []string
	scan := func(text string) {
		for _, k := range apikey.Pattern.FindAllString(text, 8) {
			if apikey.Valid(k) {
				found = append(found, k)
			}
		}
	}
	for _, vs := range r.Header {
		for _, v := range vs {
			scan(v)
		}
	}
	scan(r.URL.RawQuery)
	scan(r.URL.Path)
	if r.Body != nil {
		b, _ := io.ReadAll(io.LimitReader(r.Body, plainScanBytes))
		scan(string(b))
	}
	if len(found) == 0 || s.keySvc == nil {
		return false
	}
	// Recording must finish even if the client hangs up at once.
	ctx, cancel := context.WithTimeout(context.WithoutCancel(r.Context()), 10*time.Second)
	defer cancel()
	revokedAny := false
	seen := map[string]bool{}
	for _, raw := range found {
		if seen[raw] {
			continue
		}
		seen[raw] = true
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
