package config

import (
	"strings"
	"testing"
	"time"
)

func TestFilterExternal(t *testing.T) {
	c, err := Load(write(t, "filter:\n  external:\n    base_url: https://guard.example/v1\n    mode: chat\n    api_key_file: /etc/mira/guard.key\n    timeout: 500ms\n    band: [0.2, 0.9]\n"), env(nil))
	if err != nil {
		t.Fatal(err)
	}
	if err := c.Validate(); err != nil {
		t.Fatal(err)
	}
	x := c.Filter.External
	if x.APIKeyFile != "/etc/mira/guard.key" || x.Timeout.D() != 500*time.Millisecond || len(x.Band) != 2 || x.Band[1] != 0.9 || x.FailOpen {
		t.Errorf("read %+v; want the key file, 500ms, band [0.2 0.9] and fail closed by default", x)
	}
	for _, tt := range []struct{ yaml, want string }{
		{"base_url: http://guard.example/v1", "filter.external.base_url"},
		{"base_url: https://g.example\n    band: [0.9, 0.2]", "filter.external.band"},
		{"base_url: https://g.example\n    band: [0.1, 0.5, 0.9]", "filter.external.band"},
		{"base_url: https://g.example\n    band: [-0.1, 0.5]", "filter.external.band"},
		{"base_url: https://g.example\n    timeout: 5m", "filter.external.timeout"},
		{"base_url: https://g.example\n    api_key_env: K\n    api_key_file: /k", "filter.external.api_key_file"},
		{"base_url: https://g.example\n    mode: guess", "filter.external.mode"},
	} {
		c, err := Load(write(t, "filter:\n  external:\n    "+tt.yaml+"\n"), env(nil))
		if err == nil {
			err = c.Validate()
		}
		if err == nil || !strings.Contains(err.Error(), tt.want) {
			t.Errorf("%q: error %v; want one naming %s", tt.yaml, err, tt.want)
		}
	}
}
