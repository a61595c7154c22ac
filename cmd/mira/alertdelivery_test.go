package main

import (
	"context"
	"database/sql"
	"encoding/json"
	"fmt"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/vmira/mira/internal/alerts"
	"github.com/vmira/mira/internal/notify/notifytest"
)

// alertChannelsYAML configures a webhook to url (secret in
// $MIRA_WEBHOOK_SECRET) and, with smtp, e-mail to sec@example.test.
func alertChannelsYAML(url, smtp string) string {
	y := "alerts:\n  channels:\n" +
		fmt.Sprintf("    - {name: ops, type: webhook, url: %q, secret_env: MIRA_WEBHOOK_SECRET}\n", url)
	if smtp != "" {
		y += fmt.Sprintf("    - {name: mail, type: email, smtp: %q, from: \"mira@example.test\", to: [\"sec@example.test\"]}\n", smtp)
	}
	return y
}

// useRevokedKey sends a chat request with key from 127.0.0.2 until it has
// been refused as key_revoked n times (waiting up to 5 s for the
// revocation to reach the server).
func (ts *testServer) useRevokedKey(t *testing.T, key string, n int) {
	t.Helper()
	c := ts.from(t, "127.0.0.2")
	deadline := time.Now().Add(5 * time.Second)
	for i := 0; i < n; {
		status, body := ts.doFrom(t, c, "POST", "/v1/chat/completions", key, echoChat("hello"))
		if status == 200 && time.Now().Before(deadline) {
			time.Sleep(100 * time.Millisecond) // the revocation is still on its way
			continue
		}
		if status != 401 || !strings.Contains(body, "key_revoked") {
			t.Fatalf("revoked key: %d %s", status, body)
		}
		i++
	}
}

// webhookFor returns the deliveries of alert id.
func webhookFor(rcv *notifytest.Receiver, id string) []notifytest.Delivery {
	var out []notifytest.Delivery
	for _, d := range rcv.Deliveries() {
		if d.ID() == id {
			out = append(out, d)
		}
	}
	return out
}

// mailFor returns the Mailpit messages about alert id.
func mailFor(t *testing.T, mp *notifytest.Mailpit, id string) []notifytest.MailMessage {
	t.Helper()
	var out []notifytest.MailMessage
	for _, m := range mp.Messages(t) {
		if strings.HasPrefix(m.MessageID, "alert."+id+"@") {
			out = append(out, m)
		}
	}
	return out
}

// checkWebhook checks one delivery of alert a against the SPEC's payload.
func checkWebhook(t *testing.T, d notifytest.Delivery, a alerts.Alert) {
	t.Helper()
	if d.Verified != nil {
		t.Errorf("Standard Webhooks verification of %s: %v", a.ID, d.Verified)
	}
	p := d.Parsed
	if p.Type != "alert.raised" {
		t.Errorf("type = %q; want alert.raised", p.Type)
	}
	if _, err := time.Parse(time.RFC3339, p.Timestamp); err != nil {
		t.Errorf("timestamp %q: %v", p.Timestamp, err)
	}
	if p.Data.ID != a.ID || p.Data.Rule != a.Rule || p.Data.Severity != a.Severity || p.Data.Subject != a.Subject || p.Data.Count < 1 {
		t.Errorf("data = %+v; want id %s rule %s severity %s subject %s", p.Data, a.ID, a.Rule, a.Severity, a.Subject)
	}
	first, err1 := time.Parse(time.RFC3339, p.Data.FirstSeen)
	last, err2 := time.Parse(time.RFC3339, p.Data.LastSeen)
	if err1 != nil || err2 != nil || last.Before(first) || first.Sub(a.FirstSeen).Abs() > time.Second {
		t.Errorf("first_seen %q, last_seen %q; want RFC 3339 around %v", p.Data.FirstSeen, p.Data.LastSeen, a.FirstSeen)
	}
	if p.Data.Details["key_id"] != a.Subject || p.Data.Details["ip"] != "127.0.0.2" {
		t.Errorf("details = %v; want key_id %s and ip 127.0.0.2", p.Data.Details, a.Subject)
	}
}

// TestAlertDeliveryWebhookAndEmail: a revoked key tried three times from
// 127.0.0.2 raises one revoked_key_used alert, delivered once to a
// Standard Webhooks receiver and once by e-mail to Mailpit, within 5 s.
func TestAlertDeliveryWebhookAndEmail(t *testing.T) {
	secret := notifytest.NewSecret(t)
	rcv := notifytest.NewReceiver(t, secret)
	mp := notifytest.StartMailpit(t)
	ts := startServer(t, alertChannelsYAML(rcv.URL+"/mira", mp.SMTP), map[string]string{"MIRA_WEBHOOK_SECRET": secret})
	adminKey, _ := ts.createKey(t, "--scopes", "admin")

	// waitDelivered waits up to 5 s after the alert was raised for its
	// webhook and its e-mail, and returns how long each took.
	waitDelivered := func(t *testing.T, a alerts.Alert) (webhook, mail time.Duration) {
		t.Helper()
		deadline := a.FirstSeen.Add(5 * time.Second)
		for webhook == 0 || mail == 0 {
			if d := webhookFor(rcv, a.ID); webhook == 0 && len(d) > 0 {
				webhook = d[0].At.Sub(a.FirstSeen)
			}
			if mail == 0 && len(mailFor(t, mp, a.ID)) > 0 {
				mail = time.Since(a.FirstSeen)
			}
			if time.Now().After(deadline) {
				t.Fatalf("alert %s not delivered within 5 s of being raised: webhook after %v, e-mail after %v (0: not yet)", a.ID, webhook, mail)
			}
			time.Sleep(20 * time.Millisecond)
		}
		t.Logf("%s %s: raised → webhook %v, raised → Mailpit %v (e-mail time as polled every 20 ms)", a.Rule, a.ID,
			webhook.Round(time.Millisecond), mail.Round(time.Millisecond))
		return webhook, mail
	}

	t.Run("revoked key used", func(t *testing.T) {
		key, id := ts.createKey(t)
		if _, stderr, code := ts.mira(t, "", "admin", "key", "revoke", "--yes", id); code != 0 {
			t.Fatalf("admin key revoke: %d %s", code, stderr)
		}
		ts.useRevokedKey(t, key, 3)
		got := ts.waitAlerts(t, adminKey, "rule=revoked_key_used", 1)
		if len(got) != 1 || got[0].Subject != id || got[0].Details["ip"] != "127.0.0.2" || got[0].Details["key_id"] != id {
			t.Fatalf("revoked_key_used alerts = %+v; want one naming %s and 127.0.0.2", got, id)
		}
		a := got[0]
		waitDelivered(t, a)
		time.Sleep(1500 * time.Millisecond) // a second delivery would come on the next round
		hooks := webhookFor(rcv, a.ID)
		if len(hooks) != 1 {
			t.Fatalf("webhook got %d deliveries of %s; want 1", len(hooks), a.ID)
		}
		checkWebhook(t, hooks[0], a)
		// The detector counts the 3 uses in one window into one raise:
		// count 1, details.events 3 (count grows when later windows fold in).
		if again := ts.listAlerts(t, adminKey, "rule=revoked_key_used"); len(again) != 1 || again[0].Count != 1 || again[0].Details["events"] != float64(3) {
			t.Errorf("after 3 uses: %+v; want one alert, count 1, details.events 3", again)
		}
		if d := hooks[0].Parsed.Data; d.Count != 1 || d.Details["events"] != float64(3) {
			t.Errorf("webhook data count %d, details %v; want count 1, events 3", d.Count, d.Details)
		}
		mails := mailFor(t, mp, a.ID)
		if len(mails) != 1 {
			t.Fatalf("Mailpit holds %d messages about %s; want 1", len(mails), a.ID)
		}
		m := mails[0]
		// Only exposed keys' owners are told (the next subtest); a revoked
		// key's owner revoked it, or was told by whoever did.
		if to := notifytest.Addresses(m.To); !slices.Equal(to, []string{"sec@example.test"}) {
			t.Errorf("e-mail to %v; want [sec@example.test]", to)
		}
		if !strings.Contains(m.Subject, "revoked_key_used") || !strings.Contains(m.Subject, id) || !strings.Contains(m.Subject, "["+a.ID+"]") {
			t.Errorf("e-mail subject %q does not name the rule, the key and the alert", m.Subject)
		}
		if !strings.Contains(m.Text, "127.0.0.2") || !strings.Contains(m.Text, id) {
			t.Errorf("e-mail body does not name the key and the address:\n%s", m.Text)
		}
	})

	t.Run("exposed key's owner is told", func(t *testing.T) {
		key, id := ts.createKey(t)
		// Sent over plain HTTP: Mira revokes it and marks it exposed.
		req, _ := http.NewRequest("GET", "http://"+ts.HTTPAddr+"/v1/models", nil)
		req.Header.Set("Authorization", "Bearer "+key)
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		ts.useRevokedKey(t, key, 1)
		got := ts.waitAlerts(t, adminKey, "rule=exposed_key_used", 1)
		if len(got) != 1 || got[0].Subject != id {
			t.Fatalf("exposed_key_used alerts = %+v; want one for %s", got, id)
		}
		waitDelivered(t, got[0])
		mails := mailFor(t, mp, got[0].ID)
		if len(mails) != 1 {
			t.Fatalf("Mailpit holds %d messages about %s; want 1", len(mails), got[0].ID)
		}
		if to := notifytest.Addresses(mails[0].To); !slices.Equal(to, []string{"sec@example.test", "dev@example.com"}) {
			t.Errorf("e-mail to %v; want the channel's sec@example.test and the key's owner dev@example.com", to)
		}
	})

	if strings.Contains(ts.logs.String(), strings.TrimPrefix(secret, "whsec_")) {
		t.Error("the webhook secret appears in the server's log")
	}
}

// outboxRow is the state of one alert's outbox row in a SQLite data dir.
type outboxRow struct {
	attempts  int
	lastError string
	nextAt    time.Time
	delivered bool
}

func readOutbox(t *testing.T, dataDir, rule string) (alertID string, row outboxRow, ok bool) {
	t.Helper()
	db, err := sql.Open("sqlite", "file:"+filepath.Join(dataDir, "mira.db")+"?mode=ro")
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	var next int64
	var delivered sql.NullInt64
	err = db.QueryRow(`SELECT a.id, o.attempts, o.last_error, o.next_at, o.delivered_at FROM alerts a
		JOIN alert_outbox o ON o.message_id = a.id WHERE a.rule = ?`, rule).Scan(&alertID, &row.attempts, &row.lastError, &next, &delivered)
	if err != nil {
		return "", row, false
	}
	row.nextAt, row.delivered = time.UnixMicro(next), delivered.Valid
	return alertID, row, true
}

// TestAlertDeliverySurvivesKill: the receiver answers 500; the real mira
// binary is killed with SIGKILL after the alert was raised and its first
// delivery failed, the receiver is mended, and mira restarted on the same
// data directory delivers the alert: once per webhook-id.
func TestAlertDeliverySurvivesKill(t *testing.T) {
	if testing.Short() {
		t.Skip("kill -9 test skipped with -short")
	}
	secret := notifytest.NewSecret(t)
	rcv := notifytest.NewReceiver(t, secret)
	rcv.SetStatus(http.StatusInternalServerError)
	data := filepath.Join(t.TempDir(), "mira-data")
	cfg := filepath.Join(t.TempDir(), "mira.yaml")
	os.WriteFile(cfg, []byte(alertChannelsYAML(rcv.URL+"/mira", "")), 0o600)
	env := []string{"MIRA_DATA_DIR=" + data, "MIRA_CONFIG=" + cfg, "MIRA_WEBHOOK_SECRET=" + secret}
	start := func() (*testServer, func()) { return startBinary(t, env, data) }
	user := miraCmd(t, env, "admin", "user", "create", "--email", "dev@example.com", "--password-stdin")
	user.Stdin = strings.NewReader("a long enough password\n")
	if out, err := user.CombinedOutput(); err != nil {
		t.Fatalf("%v %s", err, out)
	}
	out, err := miraCmd(t, env, "admin", "key", "create", "--email", "dev@example.com", "--name", "gone").Output()
	if err != nil {
		t.Fatal(err)
	}
	key := strings.TrimSpace(string(out))
	out, err = miraCmd(t, env, "admin", "key", "list", "--email", "dev@example.com", "--json").Output()
	if err != nil {
		t.Fatal(err)
	}
	var listed []struct{ ID string }
	if json.Unmarshal(out, &listed) != nil || len(listed) != 1 {
		t.Fatalf("admin key list: %s", out)
	}
	id := listed[0].ID
	if out, err := miraCmd(t, env, "admin", "key", "revoke", "--yes", id).CombinedOutput(); err != nil {
		t.Fatalf("admin key revoke: %v %s", err, out)
	}

	ts, kill := start()
	ts.useRevokedKey(t, key, 3)
	// Kill once the first delivery has failed and its retry is not yet due.
	var alertID string
	for deadline := time.Now().Add(15 * time.Second); ; {
		aid, row, ok := readOutbox(t, data, alerts.RevokedKeyUsed)
		if ok && row.attempts >= 1 && row.lastError != "" && time.Until(row.nextAt) > 200*time.Millisecond && time.Until(row.nextAt) < time.Minute {
			kill()
			alertID = aid
			t.Logf("killed with attempt %d failed (%s), retry due in %v", row.attempts, row.lastError, time.Until(row.nextAt).Round(time.Millisecond))
			break
		}
		if time.Now().After(deadline) {
			kill()
			t.Fatalf("no failed first delivery of revoked_key_used within 15 s: %+v (ok %v)\n%s", row, ok, ts.logs.String())
		}
		time.Sleep(20 * time.Millisecond)
	}
	if _, row, _ := readOutbox(t, data, alerts.RevokedKeyUsed); row.delivered {
		t.Fatal("delivered before the kill; the test proves nothing")
	}
	failed := len(webhookFor(rcv, alertID))
	if failed == 0 {
		t.Fatal("the receiver saw no attempt before the kill")
	}
	rcv.SetStatus(http.StatusOK)
	restarted := time.Now()
	ts2, kill2 := start()
	defer kill2()
	for deadline := time.Now().Add(30 * time.Second); ; {
		if slices.ContainsFunc(webhookFor(rcv, alertID), func(d notifytest.Delivery) bool { return d.Status == 200 }) {
			break
		}
		if time.Now().After(deadline) {
			t.Fatalf("alert %s not delivered within 30 s of the restart:\n%s", alertID, ts2.logs.String())
		}
		time.Sleep(50 * time.Millisecond)
	}
	t.Logf("delivered %v after the restart, after %d failed attempts before the kill", time.Since(restarted).Round(time.Millisecond), failed)
	time.Sleep(4 * time.Second) // past a poll: a duplicate would have come
	ok := map[string]int{}
	for _, d := range rcv.Deliveries() {
		if d.Verified != nil {
			t.Errorf("delivery of %s: Standard Webhooks verification: %v", d.ID(), d.Verified)
		}
		if d.Status == 200 {
			ok[d.ID()]++
		}
	}
	for wid, n := range ok {
		if n != 1 {
			t.Errorf("webhook-id %s delivered %d times; want once", wid, n)
		}
	}
	if ok[alertID] != 1 {
		t.Errorf("alert %s delivered %d times; want once", alertID, ok[alertID])
	}
	if _, row, _ := readOutbox(t, data, alerts.RevokedKeyUsed); !row.delivered {
		t.Errorf("outbox row not marked delivered: %+v", row)
	}
	for _, l := range []string{ts.logs.String(), ts2.logs.String()} {
		if strings.Contains(l, strings.TrimPrefix(secret, "whsec_")) {
			t.Error("the webhook secret appears in the server's log")
		}
	}
}

// TestAlertDeliveryConfigRefusals: the real binary refuses a webhook over
// plain http to a non-loopback host and a malformed secret, exit 1, and
// never prints the secret.
func TestAlertDeliveryConfigRefusals(t *testing.T) {
	secret := notifytest.NewSecret(t)
	tests := []struct {
		name, url, secret, want string
	}{
		{"http off loopback", "http://203.0.113.10/mira", secret, "must be https (plain http is allowed only to a loopback host, not 203.0.113.10)"},
		{"secret not whsec_", "http://127.0.0.1:9/mira", "hunter2-not-a-standard-webhooks-secret", "must start with whsec_"},
		{"secret too short", "http://127.0.0.1:9/mira", "whsec_c2hvcnQtc2VjcmV0", "use 24 to 64 random bytes"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			cfg := filepath.Join(t.TempDir(), "mira.yaml")
			os.WriteFile(cfg, []byte(alertChannelsYAML(tt.url, "")), 0o600)
			cmd := miraCmd(t, []string{"MIRA_DATA_DIR=" + filepath.Join(t.TempDir(), "d"), "MIRA_CONFIG=" + cfg,
				"MIRA_WEBHOOK_SECRET=" + tt.secret}, "serve", "--listen", "127.0.0.1:0")
			// A server that starts anyway is stopped after 20 s, not waited for.
			ctx, cancel := context.WithTimeout(context.Background(), 20*time.Second)
			defer cancel()
			bounded := exec.CommandContext(ctx, cmd.Path, cmd.Args[1:]...)
			bounded.Env = cmd.Env
			out, err := bounded.CombinedOutput()
			ee, ok := err.(*exec.ExitError)
			if !ok || ee.ExitCode() != 1 {
				t.Fatalf("exit %v; want 1. output:\n%s", err, out)
			}
			if !strings.Contains(string(out), tt.want) {
				t.Errorf("output does not say %q:\n%s", tt.want, out)
			}
			if strings.Contains(string(out), "Mira is serving") {
				t.Errorf("served anyway:\n%s", out)
			}
			if strings.Contains(string(out), strings.TrimPrefix(tt.secret, "whsec_")) {
				t.Errorf("the secret appears in the output:\n%s", out)
			}
		})
	}
}
