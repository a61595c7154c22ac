// Package clientip finds the address of the client behind a request: the
// connection's peer, or, behind trusted reverse proxies, the address they
// report in X-Forwarded-For.
package clientip

import (
	"net"
	"net/http"
	"net/netip"
	"strings"
)

// Peer returns the address of the connection's peer (r.RemoteAddr), with an
// IPv4-mapped IPv6 address unmapped, or the zero Addr when RemoteAddr holds
// no address.
func Peer(r *http.Request) netip.Addr {
	if ap, err := netip.ParseAddrPort(r.RemoteAddr); err == nil {
		return ap.Addr().Unmap()
	}
	host, _, err := net.SplitHostPort(r.RemoteAddr)
	if err != nil {
		host = r.RemoteAddr
	}
	a, _ := netip.ParseAddr(host)
	return a.Unmap()
}

// Resolve returns the client's address: the peer, or, when the peer is a
// trusted proxy (in one of proxies), the nearest untrusted address of
// X-Forwarded-For, read from the right (the hop added last) across all the
// header's lines. An entry that is not an address ends the walk at the last
// address that could be trusted: whatever is left of it may be forged.
func Resolve(r *http.Request, proxies []netip.Prefix) netip.Addr {
	peer := Peer(r)
	if len(proxies) == 0 || !trusted(proxies, peer) {
		return peer
	}
	hops := r.Header.Values("X-Forwarded-For")
	addr := peer
	for i := len(hops) - 1; i >= 0; i-- {
		parts := strings.Split(hops[i], ",")
		for j := len(parts) - 1; j >= 0; j-- {
			a, err := netip.ParseAddr(strings.TrimSpace(parts[j]))
			if err != nil {
				return addr // garbage: stop at the last address we could trust
			}
			addr = a.Unmap()
			if !trusted(proxies, addr) {
				return addr
			}
		}
	}
	return addr
}

func trusted(proxies []netip.Prefix, a netip.Addr) bool {
	for _, p := range proxies {
		if p.Contains(a) {
			return true
		}
	}
	return false
}
