package server

import (
	"net/http"
	"net/netip"
)

// ClientIP returns the client address the middleware settled on for r
// (X-Forwarded-For counts only from trusted proxies). OAuth and the
// dashboard, mounted on this server, limit and record by it.
func ClientIP(r *http.Request) netip.Addr { return info(r.Context()).ip }
