package main

import (
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

// Many slow bodies at once do not starve other clients: while hundreds of
// connections dribble their bodies, a fresh client is answered promptly, and
// the slow ones are cut after the body timeout.
func TestSlowBodyFloodLeavesRoomForOthers(t *testing.T) {
	if testing.Short() {
		t.Skip("opens hundreds of TLS connections")
	}
	ts := startServer(t, "http: {body_timeout: 2s}\n", nil)
	tlsCfg := &tls.Config{RootCAs: caPool(t, ts.CAPath)}
	const n = 400
	conns := make(chan net.Conn, n)
	var wg sync.WaitGroup
	for i := range n {
		wg.Go(func() {
			path := []string{"/oauth/token", "/login", "/v1/keys/report-leak", "/oauth/device/code"}[i%4]
			if c, err := slowBody(t, ts.Addr, tlsCfg, path); err == nil {
				conns <- c
			}
		})
	}
	wg.Wait()
	close(conns)
	var open []net.Conn
	for c := range conns {
		open = append(open, c)
	}
	if len(open) < n*9/10 {
		t.Fatalf("only %d of %d slow connections opened", len(open), n)
	}
	start := time.Now()
	resp, body := ts.do(t, "GET", "/healthz", "", "")
	probe := time.Since(start)
	if resp.StatusCode != http.StatusOK {
		t.Fatalf("probe: %d %s", resp.StatusCode, body)
	}
	t.Logf("probe answered in %v with %d slow bodies open", probe.Round(time.Millisecond), len(open))
	if probe > 3*time.Second {
		t.Errorf("a fresh client waited %v with %d slow bodies open", probe, len(open))
	}
	// Every slow connection is cut within the timeout and some slack.
	deadline := time.Now().Add(20 * time.Second)
	for _, c := range open {
		heldFor(c, time.Until(deadline))
		c.Close()
	}
	if time.Now().After(deadline) {
		t.Errorf("slow connections were still open 20 s after a 2 s body timeout")
	}
}
