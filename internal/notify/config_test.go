package notify_test

import (
	"context"
	"log/slog"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/vmira/mira/internal/config"
	"github.com/vmira/mira/internal/notify"
	"github.com/vmira/mira/internal/store/storetest"
	"github.com/vmira/mira/internal/testkit"
)

// TestValidateAlertChannels: config.Validate's checks of alerts.channels.
func TestValidateAlertChannels(t *testing.T) {
	hook := config.AlertChannel{Name: "ops", Type: "webhook", URL: "https://hooks.example/mira", SecretEnv: "S"}
	mail := config.AlertChannel{Name: "mail", Type: "email", SMTP: "smtp.example:587", From: "mira@example", To: []string{"sec@example"}}
	with := func(c config.AlertChannel, f func(*config.AlertChannel)) config.AlertChannel { f(&c); return c }
	tests := []struct {
		name     string
		channels []config.AlertChannel
		want     string // "" for valid; else a substring of the error
	}{
		{"spec example", []config.AlertChannel{hook, {Name: "chat", Type: "slack", URLEnv: "SLACK"},
			with(mail, func(c *config.AlertChannel) { c.Username = "mira"; c.PasswordEnv = "PW" })}, ""},
		{"http on loopback", []config.AlertChannel{with(hook, func(c *config.AlertChannel) { c.URL = "http://127.0.0.1:9000/hook" })}, ""},
		{"http localhost", []config.AlertChannel{with(hook, func(c *config.AlertChannel) { c.URL = "http://localhost:9000/hook" })}, ""},
		{"http off loopback", []config.AlertChannel{with(hook, func(c *config.AlertChannel) { c.URL = "http://hooks.example/mira" })},
			"alerts.channels[0].url: must be https (plain http is allowed only to a loopback host, not hooks.example)"},
		{"slack http off loopback", []config.AlertChannel{{Name: "chat", Type: "slack", URL: "http://10.0.0.5/services/T/B/X"}},
			"alerts.channels[0].url: must be https"},
		{"credentials in URL", []config.AlertChannel{with(hook, func(c *config.AlertChannel) { c.URL = "https://u:p@hooks.example/" })}, "must not contain user:password"},
		{"both url and url_env", []config.AlertChannel{with(hook, func(c *config.AlertChannel) { c.URLEnv = "U" })}, "exactly one of url and url_env"},
		{"neither url nor url_env", []config.AlertChannel{with(hook, func(c *config.AlertChannel) { c.URL = "" })}, "exactly one of url and url_env"},
		{"webhook without secret", []config.AlertChannel{with(hook, func(c *config.AlertChannel) { c.SecretEnv = "" })}, "exactly one of secret_env and secret_file"},
		{"webhook with two secrets", []config.AlertChannel{with(hook, func(c *config.AlertChannel) { c.SecretFile = "/s" })}, "exactly one of secret_env and secret_file"},
		{"duplicate name", []config.AlertChannel{hook, hook}, `alerts.channels[1].name: "ops" is used twice`},
		{"no name", []config.AlertChannel{with(hook, func(c *config.AlertChannel) { c.Name = "" })}, "alerts.channels[0].name: is required"},
		{"unknown type", []config.AlertChannel{with(hook, func(c *config.AlertChannel) { c.Type = "pager" })}, `"pager" is not webhook, slack or email`},
		{"email without smtp", []config.AlertChannel{with(mail, func(c *config.AlertChannel) { c.SMTP = "" })}, "alerts.channels[0].smtp"},
		{"email without to", []config.AlertChannel{with(mail, func(c *config.AlertChannel) { c.To = nil })}, "alerts.channels[0].to: list at least one recipient"},
		{"email bad from", []config.AlertChannel{with(mail, func(c *config.AlertChannel) { c.From = "mira" })}, "alerts.channels[0].from"},
		{"email password without username", []config.AlertChannel{with(mail, func(c *config.AlertChannel) { c.PasswordEnv = "PW" })}, "username: is required"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c := config.Default()
			c.Alerts.Channels = tt.channels
			err := c.Validate()
			switch {
			case tt.want == "" && err != nil:
				t.Errorf("Validate() = %v; want nil", err)
			case tt.want != "" && (err == nil || !strings.Contains(err.Error(), tt.want)):
				t.Errorf("Validate() = %v; want an error containing %q", err, tt.want)
			}
		})
	}
}

// TestSecretInYAMLRefused: there is no field for a secret in the file; a
// misplaced one is an unknown field, not a silently accepted secret.
func TestSecretInYAMLRefused(t *testing.T) {
	path := filepath.Join(t.TempDir(), "mira.yaml")
	os.WriteFile(path, []byte("alerts:\n  channels:\n    - {name: ops, type: webhook, url: \"https://hooks.example/x\", secret: whsec_AAAA}\n"), 0o600)
	_, err := config.Load(path, func(string) string { return "" })
	if err == nil {
		t.Fatal("Load accepted a secret in the YAML")
	}
	if strings.Contains(err.Error(), "whsec_AAAA") {
		t.Errorf("Load's error repeats the secret: %v", err)
	}
}

// TestNewChecksSecrets: bad secrets are refused at start, with errors that
// name the variable or file but never hold the value.
func TestNewChecksSecrets(t *testing.T) {
	db := storetest.OpenSQLite(t)
	dir := t.TempDir()
	loose := filepath.Join(dir, "loose")
	os.WriteFile(loose, []byte(newSecret(t)), 0o644)
	hook := func(f func(*config.AlertChannel)) []config.AlertChannel {
		c := config.AlertChannel{Name: "ops", Type: "webhook", URL: "https://hooks.example/x", SecretEnv: "S"}
		f(&c)
		return []config.AlertChannel{c}
	}
	tests := []struct {
		name     string
		channels []config.AlertChannel
		env      map[string]string
		want     string
	}{
		{"empty env", hook(func(*config.AlertChannel) {}), nil, "environment variable S (secret_env) is empty"},
		{"no whsec_", hook(func(*config.AlertChannel) {}), map[string]string{"S": "hunter2-not-a-secret"}, "must start with whsec_"},
		{"not base64", hook(func(*config.AlertChannel) {}), map[string]string{"S": "whsec_hunter2!!"}, "not base64"},
		{"too short", hook(func(*config.AlertChannel) {}), map[string]string{"S": "whsec_aHVudGVyMg=="}, "use 24 to 64 random bytes"},
		{"loose file", hook(func(c *config.AlertChannel) { c.SecretEnv, c.SecretFile = "", loose }), nil, "readable by others (mode 0644); chmod 600"},
		{"http url_env off loopback", []config.AlertChannel{{Name: "chat", Type: "slack", URLEnv: "U"}},
			map[string]string{"U": "http://hooks.example/services/T/B/hunter2"}, "must be https"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := notify.New(db, tt.channels, func(k string) string { return tt.env[k] }, notify.Options{})
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Fatalf("New() = %v; want an error containing %q", err, tt.want)
			}
			if strings.Contains(err.Error(), "hunter2") {
				t.Errorf("New's error holds the secret: %v", err)
			}
		})
	}
}

// TestSecretsNeverLogged: with every channel failing, at debug level, no
// secret (webhook key, Slack URL token, SMTP password) is in the log or in
// the outbox's last_error.
func TestSecretsNeverLogged(t *testing.T) {
	db := storetest.OpenSQLite(t)
	secret := newSecret(t)
	dead := newReceiver(t, always(http.StatusInternalServerError))
	const slackToken = "XoXoSecretSlackToken"
	const smtpPassword = "s3cret-smtp-pass"
	var logs syncBuffer
	clock := testkit.NewClock(time.Now())
	n, err := notify.New(db, []config.AlertChannel{
		{Name: "ops", Type: "webhook", URLEnv: "HOOK", SecretEnv: "S"},
		{Name: "chat", Type: "slack", URLEnv: "SLACK"},
		{Name: "chat2", Type: "slack", URLEnv: "SLACK2"},
		{Name: "mail", Type: "email", SMTP: testkit.FreeAddr(t), From: "mira@example.test", To: []string{"sec@example.test"}, Username: "mira", PasswordEnv: "PW"},
	}, env("S", secret, "HOOK", dead.URL+"/hook?token="+slackToken, "SLACK", dead.URL+"/services/T/B/"+slackToken,
		"SLACK2", "http://127.0.0.1:1/services/T/B/"+slackToken, "PW", smtpPassword),
		notify.Options{Now: clock.Now, Logger: slog.New(slog.NewTextHandler(&logs, &slog.HandlerOptions{Level: slog.LevelDebug})), RetryFor: time.Minute})
	if err != nil {
		t.Fatal(err)
	}
	if err := n.Enqueue(context.Background(), nil, testMessage("alt_secret")); err != nil {
		t.Fatal(err)
	}
	for range 5 {
		deliverDue(t, n)
		clock.Advance(time.Hour)
	}
	var lastErrors strings.Builder
	rs, _ := db.SQL().Query(`SELECT last_error FROM alert_outbox`)
	for rs.Next() {
		var s string
		rs.Scan(&s)
		lastErrors.WriteString(s + "\n")
	}
	rs.Close()
	out := logs.String() + lastErrors.String()
	if !strings.Contains(logs.String(), "giving up") {
		t.Fatalf("expected failures in the log:\n%s", out)
	}
	b64 := strings.TrimPrefix(secret, "whsec_")
	for _, s := range []string{b64, slackToken, smtpPassword, "/services/T/B"} {
		if strings.Contains(out, s) {
			t.Errorf("secret %q appears in the log or last_error:\n%s", s, out)
		}
	}
	t.Logf("log:\n%s\nlast_error:\n%s", logs.String(), lastErrors.String())
}
