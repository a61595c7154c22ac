// Package proxyproto accepts the PROXY protocol version 2 header that a TCP
// load balancer (HAProxy, AWS NLB...) sends before a connection's data, so
// that the server sees the client's address instead of the balancer's.
//
// Only peers in the trusted prefixes may send one: from anyone else the
// bytes are left in the stream (where TLS or HTTP parsing rejects them),
// so a client cannot claim another address. A trusted peer may also
// connect without a header (a health check); then its own address stands.
package proxyproto

import (
	"bufio"
	"bytes"
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/netip"
	"slices"
	"sync"
	"time"
)

// signature starts every version 2 header.
var signature = []byte("\r\n\r\n\x00\r\nQUIT\n")

const (
	headerLen = 16 // signature, version/command, family/protocol, length
	// maxBody bounds the addresses and TLVs a header may carry; HAProxy
	// sends far less.
	maxBody = 2048
	// DefaultTimeout is how long a trusted peer has to send its header.
	DefaultTimeout = 5 * time.Second
)

// Listener reads the PROXY header of connections from trusted peers in
// the background, so a slow peer never holds up Accept.
type Listener struct {
	net.Listener
	trusted []netip.Prefix
	timeout time.Duration
	log     *slog.Logger

	conns     chan net.Conn
	errc      chan error
	done      chan struct{}
	closeOnce sync.Once
}

// Listen wraps ln. timeout 0 means DefaultTimeout; log may be nil.
func Listen(ln net.Listener, trusted []netip.Prefix, timeout time.Duration, log *slog.Logger) *Listener {
	if timeout <= 0 {
		timeout = DefaultTimeout
	}
	if log == nil {
		log = slog.New(slog.DiscardHandler)
	}
	l := &Listener{Listener: ln, trusted: trusted, timeout: timeout, log: log,
		conns: make(chan net.Conn), errc: make(chan error, 1), done: make(chan struct{})}
	go l.acceptLoop()
	return l
}

func (l *Listener) acceptLoop() {
	for {
		c, err := l.Listener.Accept()
		if err != nil {
			var ne net.Error
			if errors.As(err, &ne) && ne.Timeout() {
				continue
			}
			l.errc <- err
			return
		}
		if !l.isTrusted(c.RemoteAddr()) {
			l.deliver(c)
			continue
		}
		go func() {
			pc, err := l.readHeader(c)
			if err != nil {
				l.log.Debug("PROXY protocol header refused", "peer", c.RemoteAddr().String(), "error", err)
				c.Close()
				return
			}
			l.deliver(pc)
		}()
	}
}

func (l *Listener) deliver(c net.Conn) {
	select {
	case l.conns <- c:
	case <-l.done:
		c.Close()
	}
}

// Accept returns the next connection, its RemoteAddr the client's when a
// trusted peer said so.
func (l *Listener) Accept() (net.Conn, error) {
	select {
	case c := <-l.conns:
		return c, nil
	case err := <-l.errc:
		l.errc <- err // for later calls
		return nil, err
	case <-l.done:
		return nil, net.ErrClosed
	}
}

// Close stops accepting.
func (l *Listener) Close() error {
	l.closeOnce.Do(func() { close(l.done) })
	return l.Listener.Close()
}

func (l *Listener) isTrusted(a net.Addr) bool {
	ta, ok := a.(*net.TCPAddr)
	if !ok {
		return false
	}
	ip, ok := netip.AddrFromSlice(ta.IP)
	if !ok {
		return false
	}
	ip = ip.Unmap()
	return slices.ContainsFunc(l.trusted, func(p netip.Prefix) bool { return p.Contains(ip) })
}

// readHeader reads a header from c if it starts with one.
func (l *Listener) readHeader(c net.Conn) (net.Conn, error) {
	c.SetReadDeadline(time.Now().Add(l.timeout))
	defer c.SetReadDeadline(time.Time{})
	br := bufio.NewReaderSize(c, headerLen+maxBody)
	first, err := br.Peek(1)
	if err != nil {
		return nil, err
	}
	wrapped := &conn{Conn: c, r: br}
	if first[0] != signature[0] {
		return wrapped, nil // no header: the peer speaks for itself
	}
	src, err := Parse(br)
	if err != nil {
		return nil, err
	}
	if src.IsValid() {
		wrapped.remote = net.TCPAddrFromAddrPort(src)
	}
	return wrapped, nil
}

// Parse reads one version 2 header from r and returns the source address
// it carries, or an invalid AddrPort for a LOCAL command or an address
// family other than TCP over IPv4 or IPv6 (the connection's own address
// then stands). Version 1 (text) headers and malformed ones are errors.
func Parse(r io.Reader) (netip.AddrPort, error) {
	var h [headerLen]byte
	if _, err := io.ReadFull(r, h[:]); err != nil {
		return netip.AddrPort{}, fmt.Errorf("PROXY header: %w", err)
	}
	if !bytes.Equal(h[:12], signature) {
		return netip.AddrPort{}, errors.New("PROXY header: not a version 2 signature")
	}
	if h[12]>>4 != 2 {
		return netip.AddrPort{}, fmt.Errorf("PROXY header: version %d", h[12]>>4)
	}
	n := int(binary.BigEndian.Uint16(h[14:16]))
	if n > maxBody {
		return netip.AddrPort{}, fmt.Errorf("PROXY header: %d bytes of addresses is too long", n)
	}
	body := make([]byte, n)
	if _, err := io.ReadFull(r, body); err != nil {
		return netip.AddrPort{}, fmt.Errorf("PROXY header: %w", err)
	}
	switch h[12] & 0x0f {
	case 0: // LOCAL: the balancer's own connection (a health check)
		return netip.AddrPort{}, nil
	case 1: // PROXY
	default:
		return netip.AddrPort{}, fmt.Errorf("PROXY header: command %d", h[12]&0x0f)
	}
	return sourceAddr(h[13], body)
}

// sourceAddr decodes the source of a PROXY command's address block.
func sourceAddr(famProto byte, body []byte) (netip.AddrPort, error) {
	var size int
	switch famProto {
	case 0x11: // TCP over IPv4
		size = 4
	case 0x21: // TCP over IPv6
		size = 16
	default: // UNSPEC, UDP, UNIX: nothing to take
		return netip.AddrPort{}, nil
	}
	if len(body) < 2*size+4 {
		return netip.AddrPort{}, errors.New("PROXY header: address block too short")
	}
	ip, _ := netip.AddrFromSlice(body[:size])
	port := binary.BigEndian.Uint16(body[2*size:])
	return netip.AddrPortFrom(ip.Unmap(), port), nil
}

// conn is a connection whose header was read: the rest of its buffered
// bytes come first, and RemoteAddr is the client's when the header named it.
type conn struct {
	net.Conn
	r      *bufio.Reader
	remote net.Addr
}

func (c *conn) Read(p []byte) (int, error) { return c.r.Read(p) }

func (c *conn) RemoteAddr() net.Addr {
	if c.remote != nil {
		return c.remote
	}
	return c.Conn.RemoteAddr()
}
