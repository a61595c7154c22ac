// Package connlimit bounds what clients can hold open: connections per
// client address and in all, at the listener, before a TLS handshake is
// spent on them. A connection over a limit is closed at once; the client
// sees a reset, which every HTTP client retries or reports, and the
// process keeps its file descriptors and memory for the clients it serves.
package connlimit

import (
	"net"
	"net/netip"
	"sync"
	"sync/atomic"
)

// Limits are the listener's bounds; zero means no bound.
type Limits struct {
	// PerAddress bounds the open connections of one client address (IPv6
	// by /64, since one host owns a whole /64).
	PerAddress int
	// Total bounds all open connections.
	Total int
	// Exempt peers (trusted proxies, load balancers) carry many clients'
	// connections and are not bounded per address.
	Exempt []netip.Prefix
}

// Listener is a net.Listener that enforces Limits.
type Listener struct {
	net.Listener
	lim Limits

	open    atomic.Int64
	refused atomic.Int64
	mu      sync.Mutex
	perAddr map[netip.Addr]int
}

// Listen wraps ln.
func Listen(ln net.Listener, lim Limits) *Listener {
	return &Listener{Listener: ln, lim: lim, perAddr: map[netip.Addr]int{}}
}

// Open returns the number of open connections.
func (l *Listener) Open() int64 { return l.open.Load() }

// Refused returns the number of connections closed for being over a limit.
func (l *Listener) Refused() int64 { return l.refused.Load() }

// Accept returns the next connection within the limits; connections over
// them are closed and not returned.
func (l *Listener) Accept() (net.Conn, error) {
	for {
		c, err := l.Listener.Accept()
		if err != nil {
			return nil, err
		}
		key, counted := l.addrKey(c.RemoteAddr())
		if !l.take(key, counted) {
			l.refused.Add(1)
			c.Close()
			continue
		}
		return &conn{Conn: c, l: l, key: key, counted: counted}, nil
	}
}

// addrKey is the per-address bucket of a peer, and whether it is bounded.
func (l *Listener) addrKey(a net.Addr) (netip.Addr, bool) {
	if l.lim.PerAddress <= 0 {
		return netip.Addr{}, false
	}
	ap, err := netip.ParseAddrPort(a.String())
	if err != nil {
		return netip.Addr{}, false
	}
	ip := ap.Addr().Unmap()
	for _, p := range l.lim.Exempt {
		if p.Contains(ip) {
			return netip.Addr{}, false
		}
	}
	if ip.Is6() {
		p, _ := ip.Prefix(64)
		ip = p.Addr()
	}
	return ip, true
}

func (l *Listener) take(key netip.Addr, counted bool) bool {
	if n := l.open.Add(1); l.lim.Total > 0 && n > int64(l.lim.Total) {
		l.open.Add(-1)
		return false
	}
	if !counted {
		return true
	}
	l.mu.Lock()
	defer l.mu.Unlock()
	if l.perAddr[key] >= l.lim.PerAddress {
		l.open.Add(-1)
		return false
	}
	l.perAddr[key]++
	return true
}

func (l *Listener) release(key netip.Addr, counted bool) {
	l.open.Add(-1)
	if !counted {
		return
	}
	l.mu.Lock()
	if l.perAddr[key]--; l.perAddr[key] <= 0 {
		delete(l.perAddr, key)
	}
	l.mu.Unlock()
}

// conn gives its slot back once, when closed.
type conn struct {
	net.Conn
	l       *Listener
	key     netip.Addr
	counted bool
	once    sync.Once
}

func (c *conn) Close() error {
	err := c.Conn.Close()
	c.once.Do(func() { c.l.release(c.key, c.counted) })
	return err
}
