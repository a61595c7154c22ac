package main

import (
	"bufio"
	"crypto/tls"
	"fmt"
	"io"
	"net"
	"net/http"
	"sync"
	"testing"
	"time"
)

// slowBody opens a connection to addr (TLS when cfg is set), sends the
// headers of a POST to path announcing a 4000-byte body and then only the
// first bytes of it, and returns the connection.
func slowBody(t *testing.T, addr string, cfg *tls.Config, path string) (net.Conn, error) {
	d := &net.Dialer{Timeout: 10 * time.Second}
	var c net.Conn
	var err error
	if cfg != nil {
		c, err = tls.DialWithDialer(d, "tcp", addr, cfg)
	} else {
		c, err = d.Dial("tcp", addr)
	}
	if err != nil {
		return nil, err
	}
	_, err = fmt.Fprintf(c, "POST %s HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/x-www-form-urlencoded\r\nContent-Length: 4000\r\n\r\ngrant_type=", path)
	if err != nil {
		c.Close()
		return nil, err
	}
	return c, nil
}

// heldFor reads from c until the server closes it, and returns how long
// that took (at most limit).
func heldFor(c net.Conn, limit time.Duration) time.Duration {
	start := time.Now()
	c.SetReadDeadline(start.Add(limit))
	io.Copy(io.Discard, c)
	return time.Since(start)
}

// Every route reads its body under http.body_timeout: a client that sends
// its headers and then dribbles (or stops sending) its body is cut off,
// on the API, OAuth, the sign-in form, leak reports and the plain listener.
func TestSlowBodiesAreTimedOut(t *testing.T) {
	ts := startServer(t, "http: {body_timeout: 1s}\n", nil)
	tlsCfg := &tls.Config{RootCAs: caPool(t, ts.CAPath)}
	routes := []struct {
		name, addr, path string
		tls              bool
	}{
		{"oauth token", ts.Addr, "/oauth/token", true},
		{"device code", ts.Addr, "/oauth/device/code", true},
		{"sign-in form", ts.Addr, "/login", true},
		{"leak report", ts.Addr, "/v1/keys/report-leak", true},
		{"chat", ts.Addr, "/v1/chat/completions", true},
		{"plain listener", ts.HTTPAddr, "/v1/chat/completions", false},
	}
	var wg sync.WaitGroup
	for _, rt := range routes {
		wg.Go(func() {
			var cfg *tls.Config
			if rt.tls {
				cfg = tlsCfg
			}
			c, err := slowBody(t, rt.addr, cfg, rt.path)
			if err != nil {
				t.Errorf("%s: %v", rt.name, err)
				return
			}
			defer c.Close()
			if held := heldFor(c, 15*time.Second); held > 8*time.Second {
				t.Errorf("%s: a slow body held the connection %v; want it cut after the 1 s body timeout", rt.name, held.Round(time.Millisecond))
			}
		})
	}
	wg.Wait()
}

// Many slow bodies at once do not starve other clients: while 2,000
// connections dribble their bodies (TestSlowBodiesAreTimedOut shows each
// is cut at the body timeout), a fresh client is answered promptly.
func TestSlowBodyFloodLeavesRoomForOthers(t *testing.T) {
	if testing.Short() {
		t.Skip("opens 2,000 TLS connections")
	}
	ts := startServer(t, "http: {max_connections_per_ip: 0}\n", nil)
	open := openSlowBodies(t, ts, 2000)
	defer func() {
		for _, c := range open {
			c.Close()
		}
	}()
	if len(open) < 1900 {
		t.Fatalf("only %d of 2000 slow connections opened", len(open))
	}
	probe(t, ts, len(open))
}

// One address cannot hold more than http.max_connections_per_ip
// connections; other addresses are still served.
func TestConnectionsPerAddressAreCapped(t *testing.T) {
	ts := startServer(t, "http: {max_connections_per_ip: 50}\n", nil)
	open := openSlowBodies(t, ts, 80)
	if len(open) != 50 {
		t.Errorf("%d connections from one address were kept; want the cap, 50", len(open))
	}
	// The probe comes from another loopback address.
	tr := ts.hc.Transport.(*http.Transport).Clone()
	tr.DialContext = (&net.Dialer{LocalAddr: &net.TCPAddr{IP: net.ParseIP("127.0.0.2")}}).DialContext
	hc := &http.Client{Transport: tr, Timeout: 10 * time.Second}
	resp, err := hc.Get(ts.URL() + "/healthz")
	if err != nil {
		t.Fatalf("a client from another address was refused: %v", err)
	}
	resp.Body.Close()
	for _, c := range open {
		c.Close()
	}
}

// openSlowBodies opens up to n slow-body connections from 127.0.0.1 and
// returns those the server kept (it completed the handshake and had not
// closed them a moment later).
func openSlowBodies(t *testing.T, ts *testServer, n int) []net.Conn {
	tlsCfg := &tls.Config{RootCAs: caPool(t, ts.CAPath)}
	conns := make(chan net.Conn, n)
	sem := make(chan struct{}, 64) // handshakes at a time
	var wg sync.WaitGroup
	for i := range n {
		wg.Go(func() {
			sem <- struct{}{}
			defer func() { <-sem }()
			path := []string{"/oauth/token", "/login", "/v1/keys/report-leak", "/oauth/device/code"}[i%4]
			c, err := slowBody(t, ts.Addr, tlsCfg, path)
			if err != nil {
				return
			}
			// A connection over the cap is closed by the server at once;
			// a short read tells.
			c.SetReadDeadline(time.Now().Add(50 * time.Millisecond))
			if _, err := c.Read(make([]byte, 1)); err != nil {
				if ne, ok := err.(net.Error); ok && ne.Timeout() {
					c.SetReadDeadline(time.Time{})
					conns <- c
					return
				}
			}
			c.Close()
		})
	}
	wg.Wait()
	close(conns)
	var open []net.Conn
	for c := range conns {
		open = append(open, c)
	}
	return open
}

// probe checks that a fresh client is answered promptly while slow
// connections are open.
func probe(t *testing.T, ts *testServer, slow int) {
	start := time.Now()
	resp, body := ts.do(t, "GET", "/healthz", "", "")
	took := time.Since(start)
	if resp.StatusCode != http.StatusOK {
		t.Fatalf("probe: %d %s", resp.StatusCode, body)
	}
	t.Logf("probe answered in %v with %d slow bodies open", took.Round(time.Millisecond), slow)
	if took > 3*time.Second {
		t.Errorf("a fresh client waited %v with %d slow bodies open", took, slow)
	}
}

// A request with both Content-Length and Transfer-Encoding (a smuggling
// attempt) is answered and its connection closed (RFC 9112 §6.3): net/http
// drops the Content-Length before handlers see it, so every chunked HTTP/1
// request is treated so.
func TestContentLengthWithTransferEncodingClosesConnection(t *testing.T) {
	ts := startServer(t, "", nil)
	c, err := tls.Dial("tcp", ts.Addr, &tls.Config{RootCAs: caPool(t, ts.CAPath)})
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	body := `{"key":"sk-mira-nothing"}`
	fmt.Fprintf(c, "POST /v1/keys/report-leak HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\nContent-Length: 4\r\nTransfer-Encoding: chunked\r\n\r\n%x\r\n%s\r\n0\r\n\r\n", len(body), body)
	resp, err := http.ReadResponse(bufio.NewReader(c), nil)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if !resp.Close {
		t.Errorf("response to a request with Content-Length and Transfer-Encoding keeps the connection open (Connection: %q)", resp.Header.Get("Connection"))
	}
	if held := heldFor(c, 5*time.Second); held >= 5*time.Second {
		t.Error("the server kept the connection open after answering")
	}
}
