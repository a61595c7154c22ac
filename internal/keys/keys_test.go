package keys

import (
	"net/netip"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
)

func TestParseCIDRs(t *testing.T) {
	got, err := ParseCIDRs("10.0.0.0/8, 192.0.2.7,::ffff:198.51.100.0/120, 2001:db8::/32,10.1.2.3/8")
	if err != nil {
		t.Fatal(err)
	}
	want := []string{"10.0.0.0/8", "192.0.2.7/32", "198.51.100.0/24", "2001:db8::/32", "10.0.0.0/8"}
	var gs []string
	for _, p := range got {
		gs = append(gs, p.String())
	}
	if diff := cmp.Diff(want, gs); diff != "" {
		t.Errorf("ParseCIDRs (-want +got):\n%s", diff)
	}
	if _, err := ParseCIDRs("10.0.0.0/8,not-an-ip"); err == nil {
		t.Error("ParseCIDRs accepted garbage")
	}
	if p, _ := ParseCIDRs("::ffff:1.2.3.4/128"); !p[0].Contains(netip.MustParseAddr("1.2.3.4")) {
		t.Error("a 4-in-6 prefix does not match its IPv4 client")
	}
}

func TestParseExpiry(t *testing.T) {
	now := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	parse := func(s string) (time.Duration, error) { return time.ParseDuration(s) }
	if got, _ := ParseExpiry("36h", now, parse); !got.Equal(now.Add(36 * time.Hour)) {
		t.Errorf("36h -> %v", got)
	}
	if got, _ := ParseExpiry("", now, parse); !got.IsZero() {
		t.Errorf("empty -> %v; want never", got)
	}
	for _, bad := range []string{"-5h", "soon"} {
		if _, err := ParseExpiry(bad, now, parse); err == nil {
			t.Errorf("ParseExpiry(%q) accepted", bad)
		}
	}
}
