package config

import (
	"net/netip"
	"os"
	"path/filepath"
	"slices"
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
	if got := c.Plans["free"].RequestsPerMinute; got != 7 {
		t.Errorf("plan override: free rpm = %d", got)
	}
	// That the built-in plans survive an override is tested where they are
	// overlaid: cmd/mira TestConfigPlansOverlayBuiltins.
}

func TestValidateSetsParsedFields(t *testing.T) {
	p := write(t, "rate_limits:\n  trusted_proxies: [10.0.0.0/8, 192.168.1.7]\nlogs:\n  retention: 14d\n")
	c, err := Load(p, env(nil))
	if err != nil {
		t.Fatal(err)
	}
	if err := c.Validate(); err != nil {
		t.Fatal(err)
	}
	want := []netip.Prefix{netip.MustParsePrefix("10.0.0.0/8"), netip.MustParsePrefix("192.168.1.7/32")}
	if !slices.Equal(c.RateLimits.TrustedProxyPrefixes, want) {
		t.Errorf("TrustedProxyPrefixes = %v; want %v", c.RateLimits.TrustedProxyPrefixes, want)
	}
	if c.Logs.RetentionPeriod != 14*24*time.Hour {
		t.Errorf("RetentionPeriod = %v; want 336h", c.Logs.RetentionPeriod)
	}
	d := Default()
	if err := d.Validate(); err != nil || d.Logs.RetentionPeriod != 30*24*time.Hour {
		t.Errorf("default RetentionPeriod = %v (%v); want 720h", d.Logs.RetentionPeriod, err)
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
		{"admin listener on the network in plain text", "admin_listen: 0.0.0.0:9464\n", "admin.tls_cert, admin.tls_key and admin.token_file", nil},
		{"admin listener with TLS but no token", "admin_listen: '[::]:9464'\nadmin: {tls_cert: /c.pem, tls_key: /k.pem}\n", "admin.token_file", nil},
		{"admin listener not host:port", "", "admin_listen", map[string]string{"MIRA_ADMIN_LISTEN": "9464"}},
		{"bad bool env", "", "MIRA_ALLOW_SELF_SIGNED", map[string]string{"MIRA_ALLOW_SELF_SIGNED": "perhaps"}},
		// YAML alone reads 0.5 for an int as 0, which for a plan means no limit.
		{"half a request per minute", "plans:\n  free: {requests_per_minute: 0.5}\n", "line 2: plans.free.requests_per_minute: 0.5 is not a whole number", nil},
		{"fractional size", "http:\n  max_body_bytes: 1.5e6\n", "http.max_body_bytes: 1.5e6 is not a whole number", nil},
		{"fraction in a map of structs", "alerts:\n  rules:\n    exposed_key_used: {threshold: 2.5}\n", "alerts.rules.exposed_key_used.threshold: 2.5 is not a whole number", nil},
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

// TestAdminListenAllowed: loopback in plain text, off, and a network
// address with TLS and a token are all accepted.
func TestAdminListenAllowed(t *testing.T) {
	for _, y := range []string{"admin_listen: 127.0.0.1:9464\n", "admin_listen: 'off'\n", "admin_listen: localhost:0\n",
		"admin_listen: 0.0.0.0:9464\nadmin: {tls_cert: /c.pem, tls_key: /k.pem, token_file: /t}\n"} {
		c, err := Load(write(t, y), env(nil))
		if err == nil {
			err = c.Validate()
		}
		if err != nil {
			t.Errorf("%q: %v", y, err)
		}
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

func TestParseRetention(t *testing.T) {
	tests := []struct {
		in      string
		want    time.Duration
		wantErr string
	}{
		{"", 30 * 24 * time.Hour, ""},
		{"30d", 30 * 24 * time.Hour, ""},
		{"14d", 14 * 24 * time.Hour, ""},
		{" 7d ", 7 * 24 * time.Hour, ""},
		{"1.5d", 36 * time.Hour, ""},
		{"36h", 36 * time.Hour, ""},
		{"720h", 720 * time.Hour, ""},
		{"1h", time.Hour, ""},
		{"31d", 0, "longer than the 30-day maximum"},
		{"721h", 0, "longer than the 30-day maximum"},
		{"365d", 0, "365d is longer than the 30-day maximum"},
		{"59m", 0, "too short"},
		{"0", 0, "too short"},
		{"-1d", 0, "too short"},
		{"d", 0, "invalid"},
		{"30 days", 0, "invalid"},
		{"NaNd", 0, "invalid"},
		{"1e300d", 0, "invalid"},
	}
	for _, tc := range tests {
		got, err := parseRetention(tc.in)
		if tc.wantErr != "" {
			if err == nil || !strings.Contains(err.Error(), tc.wantErr) {
				t.Errorf("parseRetention(%q) = %v, %v; want error containing %q", tc.in, got, err, tc.wantErr)
			}
			continue
		}
		if err != nil || got != tc.want {
			t.Errorf("parseRetention(%q) = %v, %v; want %v", tc.in, got, err, tc.want)
		}
	}
}

func TestFilterExemptSystemPrompt(t *testing.T) {
	c, err := Load(write(t, "filter:\n  exempt_system_prompt: true\n"), env(nil))
	if err != nil {
		t.Fatal(err)
	}
	if err := c.Validate(); err != nil || !c.Filter.ExemptSystemPrompt {
		t.Errorf("exempt_system_prompt: true read as %v, %v", c.Filter.ExemptSystemPrompt, err)
	}
	if Default().Filter.ExemptSystemPrompt {
		t.Error("exempt_system_prompt is on by default; the system prompt must be screened unless the operator says otherwise")
	}
	for _, bad := range []string{"perhaps", "[true]", "{a: 1}"} {
		_, err := Load(write(t, "filter:\n  exempt_system_prompt: "+bad+"\n"), env(nil))
		if err == nil || !strings.Contains(err.Error(), "bool") {
			t.Errorf("exempt_system_prompt: %s gave %v; want an error saying a boolean is wanted", bad, err)
		}
	}
}

func TestAlertRulesValidation(t *testing.T) {
	tests := []struct {
		name, yaml, wantErr string
	}{
		{"valid", "alerts:\n  rules:\n    auth_failures_burst: {threshold: 30, window: 1m, severity: high, cooldown: 15m}\n", ""},
		{"unknown rule", "alerts:\n  rules:\n    auth_failure_burst: {threshold: 3}\n", `alerts.rules.auth_failure_burst: unknown rule id`},
		{"bad severity", "alerts:\n  rules:\n    backend_down: {severity: urgent}\n", `alerts.rules.backend_down.severity: "urgent" is not low`},
		{"negative window", "alerts:\n  rules:\n    filter_probing: {window: -1m}\n", `alerts.rules.filter_probing.window: must be positive`},
		{"negative threshold", "alerts:\n  rules:\n    filter_probing: {threshold: -2}\n", `alerts.rules.filter_probing.threshold: must be positive`},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			c, err := Load(write(t, tc.yaml), env(nil))
			if err != nil {
				t.Fatal(err)
			}
			err = c.Validate()
			if tc.wantErr == "" && err != nil || tc.wantErr != "" && (err == nil || !strings.Contains(err.Error(), tc.wantErr)) {
				t.Errorf("Validate() = %v; want error containing %q", err, tc.wantErr)
			}
		})
	}
}
