package tlsconf

import (
	"crypto/tls"
	"io"
	"net"
	"sync"
	"testing"
	"time"

	"github.com/vmira/mira/internal/testkit"
)

// firstTicketCache keeps the first ticket it is given for each server and
// ignores the rest, so that a test can present one ticket at chosen ages.
type firstTicketCache struct {
	mu sync.Mutex
	m  map[string]*tls.ClientSessionState
}

func (c *firstTicketCache) Get(key string) (*tls.ClientSessionState, bool) {
	c.mu.Lock()
	defer c.mu.Unlock()
	s, ok := c.m[key]
	return s, ok
}

func (c *firstTicketCache) Put(key string, s *tls.ClientSessionState) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if _, ok := c.m[key]; !ok && s != nil {
		c.m[key] = s
	}
}

func TestSessionTicketRotation(t *testing.T) {
	l := newLocal(t)
	cert, err := tls.LoadX509KeyPair(l.CertPath, l.KeyPath)
	if err != nil {
		t.Fatal(err)
	}
	roots := caPool(t, l)
	const period = time.Hour
	for _, version := range []uint16{tls.VersionTLS12, tls.VersionTLS13} {
		t.Run(tls.VersionName(version), func(t *testing.T) {
			start := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC) // a period boundary
			clk := testkit.NewClock(start)
			cfg := ServerConfig()
			cfg.Certificates = []tls.Certificate{cert}
			rotateSessionTickets(cfg, period, clk.Now)
			// A clone, as net/http's ServeTLS serves: the rotation must survive it.
			ln, err := tls.Listen("tcp", "127.0.0.1:0", cfg.Clone())
			if err != nil {
				t.Fatal(err)
			}
			defer ln.Close()
			go func() {
				for {
					c, err := ln.Accept()
					if err != nil {
						return
					}
					go func() {
						defer c.Close()
						c.SetDeadline(time.Now().Add(5 * time.Second))
						if c.(*tls.Conn).Handshake() == nil {
							c.Write([]byte("x")) // the client reads it, and the TLS 1.3 ticket before it
							io.Copy(io.Discard, c)
						}
					}()
				}
			}()
			cache := &firstTicketCache{m: map[string]*tls.ClientSessionState{}}
			connect := func() bool {
				t.Helper()
				ccfg := &tls.Config{RootCAs: roots, ServerName: "localhost", MinVersion: version, MaxVersion: version, ClientSessionCache: cache}
				c, err := tls.DialWithDialer(&net.Dialer{Timeout: 5 * time.Second}, "tcp", ln.Addr().String(), ccfg)
				if err != nil {
					t.Fatalf("dial: %v", err)
				}
				defer c.Close()
				c.SetDeadline(time.Now().Add(5 * time.Second))
				if _, err := io.ReadFull(c, make([]byte, 1)); err != nil {
					t.Fatalf("read: %v", err)
				}
				return c.ConnectionState().DidResume
			}

			clk.Advance(10 * time.Minute)
			if connect() {
				t.Fatal("the first connection resumed")
			}
			for _, tc := range []struct {
				at   time.Duration // since start; the ticket was issued at 10m
				want bool
			}{
				{50 * time.Minute, true},              // same period
				{period + 50*time.Minute, true},       // the previous period's key still decrypts
				{2*period + 10*time.Minute, false},    // two periods old: a full handshake
				{7*24*time.Hour - time.Minute, false}, // Go's own keys would still take it
			} {
				clk.Set(start.Add(tc.at))
				if got := connect(); got != tc.want {
					t.Errorf("ticket issued at 10m, presented at %v: resumed %v; want %v", tc.at, got, tc.want)
				}
			}
		})
	}
}
