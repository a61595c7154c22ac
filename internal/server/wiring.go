package server

import (
	"context"
	"net/http"
	"net/netip"

	"github.com/vmira/mira/internal/mira"
)

// ClientIP returns the client address the middleware settled on for r
// (X-Forwarded-For counts only from trusted proxies). OAuth and the
// dashboard, mounted on this server, limit and record by it.
func ClientIP(r *http.Request) netip.Addr { return info(r.Context()).ip }

// KeyChanged drops k from the key cache and tells the other instances: the
// dashboard calls it after it rotated or revoked a key.
func (s *Server) KeyChanged(ctx context.Context, k *mira.Key) { s.keyChanged(ctx, k) }
