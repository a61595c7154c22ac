package clientip

import (
	"net/http"
	"net/netip"
	"testing"
)

func TestPeer(t *testing.T) {
	tests := []struct {
		remote string
		want   netip.Addr
	}{
		{"192.0.2.1:1234", netip.MustParseAddr("192.0.2.1")},
		{"[2001:db8::1]:443", netip.MustParseAddr("2001:db8::1")},
		{"[::ffff:192.0.2.1]:1234", netip.MustParseAddr("192.0.2.1")},
		{"192.0.2.1", netip.MustParseAddr("192.0.2.1")},
		{"::ffff:192.0.2.1", netip.MustParseAddr("192.0.2.1")},
		{"localhost:80", netip.Addr{}},
		{"@", netip.Addr{}},
		{"", netip.Addr{}},
	}
	for _, tt := range tests {
		r := &http.Request{RemoteAddr: tt.remote, Header: http.Header{}}
		if got := Peer(r); got != tt.want {
			t.Errorf("Peer(RemoteAddr %q) = %v; want %v", tt.remote, got, tt.want)
		}
	}
}

func TestResolve(t *testing.T) {
	private := []netip.Prefix{netip.MustParsePrefix("10.0.0.0/8"), netip.MustParsePrefix("2001:db8::/32")}
	tests := []struct {
		name    string
		remote  string
		xff     []string // one element per header line
		proxies []netip.Prefix
		want    string
	}{
		{name: "no trusted proxies: the peer, header ignored", remote: "192.0.2.1:1234", xff: []string{"203.0.113.7"}, want: "192.0.2.1"},
		{name: "untrusted peer: the peer, header ignored", remote: "192.0.2.1:1234", xff: []string{"203.0.113.7"}, proxies: private, want: "192.0.2.1"},
		{name: "trusted peer without header", remote: "10.0.0.1:1234", proxies: private, want: "10.0.0.1"},
		{name: "one hop", remote: "10.0.0.1:1234", xff: []string{"203.0.113.7"}, proxies: private, want: "203.0.113.7"},
		{name: "several hops", remote: "10.0.0.1:1234", xff: []string{"203.0.113.7, 10.0.0.3, 10.0.0.2"}, proxies: private, want: "203.0.113.7"},
		{name: "client-supplied hops left of the first untrusted one are ignored", remote: "10.0.0.1:1234", xff: []string{"198.51.100.66, 10.9.9.9, 203.0.113.7, 10.0.0.2"}, proxies: private, want: "203.0.113.7"},
		{name: "several header lines, the last line first", remote: "10.0.0.1:1234", xff: []string{"203.0.113.7", "10.0.0.3,10.0.0.2"}, proxies: private, want: "203.0.113.7"},
		{name: "several header lines, untrusted in the last", remote: "10.0.0.1:1234", xff: []string{"198.51.100.66", "203.0.113.7"}, proxies: private, want: "203.0.113.7"},
		{name: "every hop trusted: the leftmost", remote: "10.0.0.1:1234", xff: []string{"10.0.0.9, 10.0.0.2"}, proxies: private, want: "10.0.0.9"},
		{name: "garbage stops at the last trusted address", remote: "10.0.0.1:1234", xff: []string{"203.0.113.7, not-an-ip, 10.0.0.2"}, proxies: private, want: "10.0.0.2"},
		{name: "garbage last: the peer", remote: "10.0.0.1:1234", xff: []string{"203.0.113.7, <script>"}, proxies: private, want: "10.0.0.1"},
		{name: "empty entry is garbage", remote: "10.0.0.1:1234", xff: []string{"203.0.113.7,"}, proxies: private, want: "10.0.0.1"},
		{name: "empty header line is garbage", remote: "10.0.0.1:1234", xff: []string{""}, proxies: private, want: "10.0.0.1"},
		{name: "address with a port is garbage", remote: "10.0.0.1:1234", xff: []string{"203.0.113.7:5555"}, proxies: private, want: "10.0.0.1"},
		{name: "spaces around entries", remote: "10.0.0.1:1234", xff: []string{"  203.0.113.7 ,\t10.0.0.2  "}, proxies: private, want: "203.0.113.7"},
		{name: "IPv4-mapped peer is trusted as IPv4", remote: "[::ffff:10.0.0.1]:1234", xff: []string{"203.0.113.7"}, proxies: private, want: "203.0.113.7"},
		{name: "IPv4-mapped hop is unmapped", remote: "10.0.0.1:1234", xff: []string{"::ffff:203.0.113.7"}, proxies: private, want: "203.0.113.7"},
		{name: "IPv4-mapped trusted hop is trusted", remote: "10.0.0.1:1234", xff: []string{"203.0.113.7, ::ffff:10.0.0.2"}, proxies: private, want: "203.0.113.7"},
		{name: "IPv6 proxies and client", remote: "[2001:db8::1]:443", xff: []string{"2a00:1450::1, 2001:db8:1::2"}, proxies: private, want: "2a00:1450::1"},
		{name: "unparsable peer is not trusted", remote: "pipe", xff: []string{"203.0.113.7"}, proxies: private, want: "invalid IP"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := &http.Request{RemoteAddr: tt.remote, Header: http.Header{}}
			for _, v := range tt.xff {
				r.Header.Add("X-Forwarded-For", v)
			}
			if got := Resolve(r, tt.proxies).String(); got != tt.want {
				t.Errorf("Resolve(RemoteAddr %q, X-Forwarded-For %q) = %s; want %s", tt.remote, tt.xff, got, tt.want)
			}
		})
	}
}
