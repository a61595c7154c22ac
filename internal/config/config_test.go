package config

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

func write(t *testing.T, yaml string) string {
	t.Helper()
	p := filepath.Join(t.TempDir(), "mira.yaml")
	if err := os.WriteFile(p, []byte(yaml), 0o600); err != nil {
		t.Fatal(err)
	}
	return p
}

func env(m map[string]string) func(string) string { return func(k string) string { return m[k] } }

func TestDefaultsAreValid(t *testing.T) {
	c, err := Load("", env(nil))
	if err != nil {
		t.Fatal(err)
	}
	if err := c.Validate(); err != nil {
		t.Fatalf("defaults do not validate: %v", err)
	}
	if c.Listen != "127.0.0.1:8443" || c.DataDir != "./mira-data" || !c.Policy.RevokeExposed() || !c.EchoEnabled() || !c.RateLimits.LimitsEnabled() {
		t.Errorf("unexpected defaults: %+v", c)
	}
}

func TestFileThenEnv(t *testing.T) {
	p := write(t, `
listen: 127.0.0.1:9443
data_dir: /tmp/file-dir
http:
  write_timeout: 45s
plans:
  free: {requests_per_minute: 7}
providers:
  - name: vllm
    type: openai
    base_url: http://127.0.0.1:8000/v1
    models: [llama]
`)
	c, err := Load(p, env(map[string]string{"MIRA_DATA_DIR": "/tmp/env-dir", "MIRA_REVOKE_EXPOSED_KEYS": "false"}))
	if err != nil {
		t.Fatal(err)
	}
	if err := c.Validate(); err != nil {
		t.Fatal(err)
	}
	if c.Listen != "127.0.0.1:9443" || c.DataDir != "/tmp/env-dir" || c.HTTP.WriteTimeout.D() != 45*time.Second {
		t.Errorf("file/env precedence wrong: %+v", c)
	}
	if c.Policy.RevokeExposed() || c.EchoEnabled() {
		t.Error("env override of revoke_exposed_keys or echo default wrong")
	}
	if got := c.AllPlans()["free"].RequestsPerMinute; got != 7 {
		t.Errorf("plan override: free rpm = %d", got)
	}
	if c.AllPlans()["pro"].RequestsPerMinute == 0 {
		t.Error("built-in plans lost when one is overridden")
	}
}

func TestRefusals(t *testing.T) {
	tests := []struct {
		name, yaml, want string
		env              map[string]string
	}{
		{"unknown field", "listen: 127.0.0.1:1\nlisen: x\n", "lisen", nil},
		{"unknown nested field", "tls:\n  certt: x\n", "certt", nil},
		{"bad duration", "http:\n  idle_timeout: forever\n", "invalid duration", nil},
		{"half tls", "tls:\n  cert: /x.pem\n", "give both cert and key", nil},
		{"plain http upstream far away", "providers:\n  - {name: a, type: openai, base_url: 'http://10.0.0.5:8000/v1', models: [m]}\n", "allow_insecure_http", nil},
		{"credentials in URL", "providers:\n  - {name: a, type: openai, base_url: 'https://u:p@x.example/v1', models: [m]}\n", "must not contain credentials", nil},
		{"unknown provider type", "providers:\n  - {name: a, type: magic, base_url: 'https://x.example/v1', models: [m]}\n", "not a known provider type", nil},
		{"duplicate model", "providers:\n  - {name: a, type: openai, base_url: 'https://a.example/v1', models: [m]}\n  - {name: b, type: openai, base_url: 'https://b.example/v1', models: [m]}\n", "also served by", nil},
		{"no models", "providers:\n  - {name: a, type: openai, base_url: 'https://a.example/v1'}\n", "at least one model", nil},
		{"zero timeout", "http:\n  write_timeout: 0s\n", "must be positive", nil},
		{"bad proxy cidr", "rate_limits:\n  trusted_proxies: [nope]\n", "trusted_proxies", nil},
		{"bad database url", "", "database_url", map[string]string{"MIRA_DATABASE_URL": "mysql://x"}},
		{"bad bool env", "", "MIRA_ALLOW_SELF_SIGNED", map[string]string{"MIRA_ALLOW_SELF_SIGNED": "perhaps"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c, err := Load(write(t, tt.yaml), env(tt.env))
			if err == nil {
				err = c.Validate()
			}
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Errorf("error %v; want one mentioning %q", err, tt.want)
			}
		})
	}
}

func TestProviderAPIKeyFromEnv(t *testing.T) {
	p := Provider{Name: "a", APIKeyEnv: "UP_KEY"}
	if _, err := p.ProviderAPIKey(env(nil)); err == nil || !strings.Contains(err.Error(), "UP_KEY") {
		t.Errorf("empty env var: %v", err)
	}
	if k, err := p.ProviderAPIKey(env(map[string]string{"UP_KEY": "s"})); err != nil || k != "s" {
		t.Errorf("got %q, %v", k, err)
	}
}

func TestParseDuration(t *testing.T) {
	for in, want := range map[string]time.Duration{"14d": 14 * 24 * time.Hour, "90s": 90 * time.Second, "0d": 0} {
		if got, err := ParseDuration(in); err != nil || got != want {
			t.Errorf("ParseDuration(%q) = %v, %v; want %v", in, got, err, want)
		}
	}
	for _, bad := range []string{"d", "-1d", "1w", ""} {
		if _, err := ParseDuration(bad); err == nil {
			t.Errorf("ParseDuration(%q) accepted", bad)
		}
	}
}
