package proxyproto

import (
	"bytes"
	"encoding/binary"
	"io"
	"net"
	"net/netip"
	"strings"
	"testing"
	"time"
)

// header builds a version 2 header: command 1 PROXY or 0 LOCAL.
func header(cmd byte, src, dst netip.AddrPort) []byte {
	var b bytes.Buffer
	b.Write(signature)
	b.WriteByte(0x20 | cmd)
	var addrs []byte
	if src.Addr().Is4() {
		b.WriteByte(0x11)
		addrs = append(append(addrs, src.Addr().AsSlice()...), dst.Addr().AsSlice()...)
	} else {
		b.WriteByte(0x21)
		addrs = append(append(addrs, src.Addr().AsSlice()...), dst.Addr().AsSlice()...)
	}
	addrs = binary.BigEndian.AppendUint16(addrs, src.Port())
	addrs = binary.BigEndian.AppendUint16(addrs, dst.Port())
	addrs = append(addrs, 0x04, 0, 1, 'x') // a TLV (NOOP), skipped
	b.Write(binary.BigEndian.AppendUint16(nil, uint16(len(addrs))))
	b.Write(addrs)
	return b.Bytes()
}

func TestParse(t *testing.T) {
	v4 := netip.MustParseAddrPort("203.0.113.7:51000")
	v6 := netip.MustParseAddrPort("[2001:db8::7]:443")
	dst := netip.MustParseAddrPort("10.0.0.1:8443")
	dst6 := netip.MustParseAddrPort("[2001:db8::1]:8443")
	if got, err := Parse(bytes.NewReader(header(1, v4, dst))); err != nil || got != v4 {
		t.Errorf("IPv4: %v %v", got, err)
	}
	if got, err := Parse(bytes.NewReader(header(1, v6, dst6))); err != nil || got != v6 {
		t.Errorf("IPv6: %v %v", got, err)
	}
	if got, err := Parse(bytes.NewReader(header(0, v4, dst))); err != nil || got.IsValid() {
		t.Errorf("LOCAL: %v %v; want no address", got, err)
	}
	good := header(1, v4, dst)
	bad := map[string][]byte{
		"version 1 text": []byte("PROXY TCP4 1.2.3.4 5.6.7.8 1 2\r\n"),
		"truncated":      good[:20],
		"empty":          nil,
		"version 3":      append(append(append([]byte{}, good[:12]...), 0x31), good[13:]...),
		"command 5":      append(append(append([]byte{}, good[:12]...), 0x25), good[13:]...),
		"too long":       append(append(append([]byte{}, good[:14]...), 0xff, 0xff), good[16:]...),
		"short block":    append(append(append([]byte{}, good[:14]...), 0, 4), 1, 2, 3, 4),
	}
	for name, b := range bad {
		if got, err := Parse(bytes.NewReader(b)); err == nil {
			t.Errorf("%s: Parse = %v, nil; want an error", name, got)
		}
	}
}

// listen returns a proxyproto listener on loopback trusting trusted.
func listen(t *testing.T, trusted ...string) *Listener {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	var ps []netip.Prefix
	for _, s := range trusted {
		ps = append(ps, netip.MustParsePrefix(s))
	}
	l := Listen(ln, ps, 500*time.Millisecond, nil)
	t.Cleanup(func() { l.Close() })
	return l
}

// send dials l, writes b, and returns the accepted connection's remote
// address and the first len(rest) bytes the server reads after the header.
func send(t *testing.T, l *Listener, b []byte, n int) (string, string) {
	t.Helper()
	c, err := net.Dial("tcp", l.Addr().String())
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	c.Write(b)
	s, err := l.Accept()
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	buf := make([]byte, n)
	s.SetReadDeadline(time.Now().Add(2 * time.Second))
	io.ReadFull(s, buf)
	return s.RemoteAddr().String(), string(buf)
}

func TestListenerTrusted(t *testing.T) {
	l := listen(t, "127.0.0.0/8")
	src := netip.MustParseAddrPort("198.51.100.9:40000")
	addr, rest := send(t, l, append(header(1, src, netip.MustParseAddrPort("127.0.0.1:1")), "GET /"...), 5)
	if addr != "198.51.100.9:40000" || rest != "GET /" {
		t.Errorf("trusted peer with a header: RemoteAddr %s, data %q", addr, rest)
	}
	// A health check without a header: the peer's own address.
	addr, rest = send(t, l, []byte("\x16\x03\x01"), 3)
	if !strings.HasPrefix(addr, "127.0.0.1:") || rest != "\x16\x03\x01" {
		t.Errorf("trusted peer without a header: RemoteAddr %s, data %q", addr, rest)
	}
}

// TestListenerUntrustedCannotSpoof: a header from a peer outside the
// trusted prefixes is not believed; its bytes stay in the stream, where
// TLS or HTTP parsing refuses them.
func TestListenerUntrustedCannotSpoof(t *testing.T) {
	l := listen(t, "192.0.2.0/24")
	h := header(1, netip.MustParseAddrPort("198.51.100.9:40000"), netip.MustParseAddrPort("127.0.0.1:1"))
	addr, rest := send(t, l, h, len(h))
	if !strings.HasPrefix(addr, "127.0.0.1:") {
		t.Errorf("untrusted peer's header believed: RemoteAddr %s", addr)
	}
	if rest != string(h) {
		t.Errorf("untrusted peer's bytes were consumed: %q", rest)
	}
}

// TestListenerSlowPeer: a trusted peer that never finishes its header
// neither blocks other connections nor gets through.
func TestListenerSlowPeer(t *testing.T) {
	l := listen(t, "127.0.0.0/8")
	slow, err := net.Dial("tcp", l.Addr().String())
	if err != nil {
		t.Fatal(err)
	}
	defer slow.Close()
	slow.Write(signature[:6])
	start := time.Now()
	addr, _ := send(t, l, header(1, netip.MustParseAddrPort("198.51.100.1:1"), netip.MustParseAddrPort("127.0.0.1:1")), 0)
	if addr != "198.51.100.1:1" || time.Since(start) > 300*time.Millisecond {
		t.Errorf("second connection: %s after %v", addr, time.Since(start))
	}
	// The slow one is closed after the timeout, never accepted.
	slow.SetReadDeadline(time.Now().Add(2 * time.Second))
	if _, err := slow.Read(make([]byte, 1)); err != io.EOF {
		t.Errorf("slow peer: read %v; want EOF (closed by the server)", err)
	}
	// A garbage header from a trusted peer is closed too.
	bad, _ := net.Dial("tcp", l.Addr().String())
	defer bad.Close()
	bad.Write(append(append([]byte{}, signature...), 0x99, 0x11, 0, 0))
	bad.SetReadDeadline(time.Now().Add(2 * time.Second))
	if _, err := bad.Read(make([]byte, 1)); err != io.EOF {
		t.Errorf("bad header: read %v; want EOF", err)
	}
}

func TestListenerClose(t *testing.T) {
	l := listen(t, "127.0.0.0/8")
	l.Close()
	if _, err := l.Accept(); err == nil {
		t.Fatal("Accept after Close succeeded")
	}
}
