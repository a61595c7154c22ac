package connlimit

import (
	"net"
	"net/netip"
	"testing"
	"time"
)

// dialFrom opens a TCP connection to addr from the local address from.
func dialFrom(t *testing.T, from, addr string) net.Conn {
	t.Helper()
	d := net.Dialer{LocalAddr: &net.TCPAddr{IP: net.ParseIP(from)}, Timeout: 2 * time.Second}
	c, err := d.Dial("tcp", addr)
	if err != nil {
		t.Fatalf("dial from %s: %v", from, err)
	}
	t.Cleanup(func() { c.Close() })
	return c
}

// accepted starts accepting on l and returns the accepted connections.
func accepted(l *Listener) <-chan net.Conn {
	ch := make(chan net.Conn, 64)
	go func() {
		for {
			c, err := l.Accept()
			if err != nil {
				close(ch)
				return
			}
			ch <- c
		}
	}()
	return ch
}

// closedByServer reports whether the server closed c (a read ends at once).
func closedByServer(c net.Conn) bool {
	c.SetReadDeadline(time.Now().Add(time.Second))
	_, err := c.Read(make([]byte, 1))
	ne, ok := err.(net.Error)
	return err != nil && !(ok && ne.Timeout())
}

func listen(t *testing.T, lim Limits) (*Listener, <-chan net.Conn) {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	l := Listen(ln, lim)
	t.Cleanup(func() { l.Close() })
	return l, accepted(l)
}

func TestPerAddressLimit(t *testing.T) {
	l, conns := listen(t, Limits{PerAddress: 3})
	addr := l.Addr().String()
	for range 3 {
		dialFrom(t, "127.0.0.1", addr)
		<-conns
	}
	over := dialFrom(t, "127.0.0.1", addr)
	if !closedByServer(over) {
		t.Fatal("a 4th connection from one address was kept; want it closed")
	}
	// Another address is not affected.
	other := dialFrom(t, "127.0.0.2", addr)
	select {
	case <-conns:
	case <-time.After(2 * time.Second):
		t.Fatal("a connection from another address was not accepted")
	}
	if closedByServer(other) {
		t.Fatal("the other address's connection was closed")
	}
	if got := l.Refused(); got != 1 {
		t.Errorf("Refused() = %d; want 1", got)
	}
}

func TestSlotComesBackOnClose(t *testing.T) {
	l, conns := listen(t, Limits{PerAddress: 1, Total: 1})
	addr := l.Addr().String()
	dialFrom(t, "127.0.0.1", addr)
	first := <-conns
	first.Close()
	first.Close() // twice: the slot is given back once
	dialFrom(t, "127.0.0.1", addr)
	select {
	case c := <-conns:
		c.Close()
	case <-time.After(2 * time.Second):
		t.Fatal("the slot was not given back when the connection closed")
	}
	if l.Open() != 0 {
		t.Errorf("Open() = %d after closing everything; want 0", l.Open())
	}
}

func TestTotalLimit(t *testing.T) {
	l, conns := listen(t, Limits{Total: 2})
	addr := l.Addr().String()
	dialFrom(t, "127.0.0.1", addr)
	dialFrom(t, "127.0.0.2", addr)
	<-conns
	<-conns
	if !closedByServer(dialFrom(t, "127.0.0.3", addr)) {
		t.Fatal("a connection over the total was kept")
	}
}

func TestExemptPeersAreNotBoundedPerAddress(t *testing.T) {
	l, conns := listen(t, Limits{PerAddress: 1, Exempt: []netip.Prefix{netip.MustParsePrefix("127.0.0.5/32")}})
	addr := l.Addr().String()
	for range 3 {
		dialFrom(t, "127.0.0.5", addr)
		select {
		case <-conns:
		case <-time.After(2 * time.Second):
			t.Fatal("a trusted proxy's connection was refused")
		}
	}
}
