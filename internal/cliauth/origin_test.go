package cliauth

import (
	"net/url"
	"testing"
)

// TestSameOriginLoopbackNames: localhost, 127.0.0.1 and ::1 are the same
// machine, so a server whose issuer is https://localhost:8443 is the one
// the CLI reaches at https://127.0.0.1:8443 (and the other way round); any
// other host or port is not.
func TestSameOriginLoopbackNames(t *testing.T) {
	for _, tc := range []struct {
		origin, raw string
		same        bool
	}{
		{"https://localhost:8443", "https://127.0.0.1:8443/device", true},
		{"https://127.0.0.1:8443", "https://localhost:8443/device", true},
		{"https://localhost:8443", "https://[::1]:8443/device", true},
		{"https://LOCALHOST:8443", "https://localhost.:8443/device", true},
		{"https://localhost:8443", "https://127.0.0.2:8443/device", true},
		{"https://mira.example.com", "https://mira.example.com:443/device", true},
		{"https://localhost:8443", "https://localhost:9443/device", false},
		{"https://localhost:8443", "https://10.0.0.1:8443/device", false},
		{"https://localhost:8443", "https://localhost.evil.example:8443/device", false},
		{"https://localhost:8443", "https://127.0.0.1.nip.io:8443/device", false},
		{"https://mira.example.com", "https://localhost/device", false},
		{"https://localhost:8443", "http://127.0.0.1:8443/device", false},
	} {
		o, _ := url.Parse(tc.origin)
		a := &Auth{origin: o}
		if err := a.sameOrigin(tc.raw); (err == nil) != tc.same {
			t.Errorf("origin %s, %s: err %v; want same = %v", tc.origin, tc.raw, err, tc.same)
		}
	}
}
