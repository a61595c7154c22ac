// Package sniff tells plain HTTP from TLS on the HTTPS port, so a request
// sent there unencrypted gets the plain listener's answer (403
// https_required, and its key revoked) instead of net/http's bare 400
// "Client sent an HTTP request to an HTTPS server", which leaves the key
// valid.
//
// The decision costs a TLS connection nothing: Accept does not wait for
// it. It is made on the connection's first Read, the one the TLS handshake
// does under the server's handshake timeout (the read-header timeout), by
// looking at the first byte the client sent: a TLS record starts with a
// content type (0x16 for a ClientHello), never with a letter, and an
// HTTP/1 request starts with its method.
package sniff

import (
	"errors"
	"net"
	"sync"
	"sync/atomic"
	"time"
)

// ErrDiverted is what the TLS side reads from a connection handed to the
// plain listener; its handshake fails with it and its Close is a no-op.
var ErrDiverted = errors.New("plain HTTP on the HTTPS port, handed to the plain-HTTP handler")

// Split wraps ln, the HTTPS port's listener. The first listener returned
// yields every connection, for the TLS server; those that turn out to
// speak plain HTTP are taken back from it on their first Read and yielded
// again, their first bytes intact, by the second listener. Closing the
// first closes ln; closing the second only ends its Accept.
func Split(ln net.Listener) (tlsLn, plainLn net.Listener) {
	p := &plainListener{addr: ln.Addr(), conns: make(chan net.Conn), done: make(chan struct{})}
	return &listener{Listener: ln, plain: p}, p
}

type listener struct {
	net.Listener
	plain *plainListener
}

func (l *listener) Accept() (net.Conn, error) {
	c, err := l.Listener.Accept()
	if err != nil {
		return nil, err
	}
	return &conn{Conn: c, plain: l.plain}, nil
}

const (
	undecided int32 = iota
	isTLS
	diverted
)

// conn is a connection of the HTTPS port, until its first bytes say
// otherwise.
type conn struct {
	net.Conn
	plain  *plainListener
	state  atomic.Int32
	mu     sync.Mutex // orders the hand-over against Close
	closed bool
}

func (c *conn) Read(p []byte) (int, error) {
	switch c.state.Load() {
	case isTLS:
		return c.Conn.Read(p)
	case diverted:
		return 0, ErrDiverted
	}
	n, err := c.Conn.Read(p)
	if n == 0 {
		return n, err
	}
	if !looksLikeHTTP(p[0]) {
		c.state.Store(isTLS)
		return n, err
	}
	c.mu.Lock()
	if c.closed {
		c.mu.Unlock()
		return 0, net.ErrClosed
	}
	c.state.Store(diverted)
	c.mu.Unlock()
	pc := &prefixConn{Conn: c.Conn, prefix: append([]byte(nil), p[:n]...)}
	// The TLS server's handshake deadlines are not the plain server's.
	pc.SetDeadline(time.Time{})
	c.plain.deliver(pc)
	return 0, ErrDiverted
}

// looksLikeHTTP reports whether b can start an HTTP/1 request line: a
// method is letters, and no TLS record starts with one.
func looksLikeHTTP(b byte) bool {
	return 'A' <= b && b <= 'Z' || 'a' <= b && b <= 'z'
}

func (c *conn) Write(p []byte) (int, error) {
	if c.state.Load() == diverted {
		return 0, ErrDiverted
	}
	return c.Conn.Write(p)
}

func (c *conn) Close() error {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.state.Load() == diverted {
		return nil // the plain server owns it now
	}
	c.closed = true
	return c.Conn.Close()
}

func (c *conn) SetDeadline(t time.Time) error {
	if c.state.Load() == diverted {
		return nil
	}
	return c.Conn.SetDeadline(t)
}

func (c *conn) SetReadDeadline(t time.Time) error {
	if c.state.Load() == diverted {
		return nil
	}
	return c.Conn.SetReadDeadline(t)
}

func (c *conn) SetWriteDeadline(t time.Time) error {
	if c.state.Load() == diverted {
		return nil
	}
	return c.Conn.SetWriteDeadline(t)
}

// prefixConn replays the bytes already read from Conn before reading more.
type prefixConn struct {
	net.Conn
	prefix []byte
}

func (c *prefixConn) Read(p []byte) (int, error) {
	if len(c.prefix) > 0 {
		n := copy(p, c.prefix)
		c.prefix = c.prefix[n:]
		return n, nil
	}
	return c.Conn.Read(p)
}

// plainListener yields the connections found to speak plain HTTP.
type plainListener struct {
	addr  net.Addr
	conns chan net.Conn
	done  chan struct{}
	once  sync.Once
}

// deliver hands c to Accept, or closes it once the listener is closed.
func (l *plainListener) deliver(c net.Conn) {
	select {
	case l.conns <- c:
	case <-l.done:
		c.Close()
	}
}

func (l *plainListener) Accept() (net.Conn, error) {
	select {
	case c := <-l.conns:
		return c, nil
	case <-l.done:
		return nil, net.ErrClosed
	}
}

func (l *plainListener) Close() error {
	l.once.Do(func() { close(l.done) })
	return nil
}

func (l *plainListener) Addr() net.Addr { return l.addr }
