package metrics

import (
	"errors"
	"net/http/httptest"
	"net/netip"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/vmira/mira/internal/reqlog"
)

func TestLabelsAreBounded(t *testing.T) {
	m := New(Config{Models: []string{"m1"}, Backends: []string{"up"}})
	entries := []reqlog.Entry{
		{Endpoint: "POST /v1/chat/completions", Status: 200, Model: "m1", PromptTokens: 3, CompletionTokens: 5, FilterVerdict: "allowed"},
		{Endpoint: "POST /v1/chat/completions", Status: 400, Model: "client-text-model", FilterVerdict: "blocked:prompt_injection,jailbreak"},
		{Endpoint: "BREW /v1/", Status: 404, KeyID: "key_secret", ClientIP: "203.0.113.9"},
		{Endpoint: "POST /v1/chat/completions", Status: 200, Model: "m1", FilterVerdict: "flagged:Weird Category <script>"},
	}
	for i := range entries {
		m.Request(&entries[i], 0)
	}
	m.AuthFailed("invalid_api_key", netip.MustParseAddr("203.0.113.9"), nil, "sk-mira-AbCd")
	m.AuthFailed("sk-mira-abc DROP TABLE", netip.Addr{}, nil, "")
	m.Upstream("unknown-backend", time.Millisecond, errors.New("x"))
	m.Upstream("up", time.Millisecond, nil)
	m.KeyEvent("key.created")
	m.KeyEvent("user.created")

	rec := httptest.NewRecorder()
	m.Handler().ServeHTTP(rec, httptest.NewRequest("GET", "/metrics", nil))
	exp := rec.Body.String()
	for _, want := range []string{
		`mira_requests_total{model="m1",route="POST /v1/chat/completions",status="200"} 2`,
		`mira_requests_total{model="other",route="POST /v1/chat/completions",status="400"} 1`,
		`mira_requests_total{model="none",route="other",status="404"} 1`,
		`mira_tokens_total{kind="prompt",model="m1"} 3`,
		`mira_filter_verdicts_total{action="blocked",category="prompt_injection"} 1`,
		`mira_filter_verdicts_total{action="blocked",category="jailbreak"} 1`,
		`mira_filter_verdicts_total{action="flagged",category="other"} 1`,
		`mira_auth_failures_total{reason="invalid_api_key"} 1`,
		`mira_auth_failures_total{reason="other"} 1`,
		`mira_upstream_errors_total{backend="other"} 1`,
		`mira_upstream_errors_total{backend="up"} 0`,
		`mira_key_events_total{event="created"} 1`,
	} {
		if !strings.Contains(exp, want) {
			t.Errorf("exposition lacks %s", want)
		}
	}
	labels := strings.Join(regexp.MustCompile(`\{[^}]*\}`).FindAllString(exp, -1), " ")
	for _, bad := range []string{"client-text-model", "BREW", "key_secret", "203.0.113.9", "sk-mira", `"user`, "script"} {
		if strings.Contains(labels, bad) {
			t.Errorf("a label value contains %q", bad)
		}
	}
	if n := strings.Count(exp, "mira_key_events_total{"); n != 1 {
		t.Errorf("key event series: %d; want 1", n)
	}
}

func TestBoundedSetCaps(t *testing.T) {
	b := boundedSet{max: 2}
	got := []string{b.value("a"), b.value("b"), b.value("c"), b.value("a")}
	if strings.Join(got, ",") != "a,b,other,a" {
		t.Errorf("values %v; want a,b,other,a", got)
	}
}

// BenchmarkRequest is the cost the observer adds to each request.
func BenchmarkRequest(b *testing.B) {
	m := New(Config{Models: []string{"mira-echo"}, Backends: []string{"mira"}})
	e := &reqlog.Entry{Endpoint: "POST /v1/chat/completions", Status: 200, Model: "mira-echo", Latency: 3 * time.Millisecond,
		PromptTokens: 12, CompletionTokens: 40, FilterVerdict: "allowed"}
	b.ReportAllocs()
	for b.Loop() {
		m.Request(e, 0)
		m.Upstream("mira", time.Millisecond, nil)
	}
}

// Backup metrics are per configured target, present at 0 from the start;
// names not in the configuration never become label values, and the last
// success only moves forward.
func TestBackupMetricsPerTarget(t *testing.T) {
	m := New(Config{BackupTargets: []string{"local", "eu"}})
	m.BackupSucceeded("local", time.Unix(2000, 0))
	m.BackupSucceeded("local", time.Unix(1000, 0))
	m.BackupFailed("eu")
	m.BackupFailed("eu")
	m.BackupSucceeded("s3://secret-bucket", time.Unix(3000, 0))
	m.BackupFailed("s3://secret-bucket")

	rec := httptest.NewRecorder()
	m.Handler().ServeHTTP(rec, httptest.NewRequest("GET", "/metrics", nil))
	exp := rec.Body.String()
	for _, want := range []string{
		`mira_backup_last_success_timestamp_seconds{target="local"} 2000`,
		`mira_backup_last_success_timestamp_seconds{target="eu"} 0`,
		`mira_backup_failures_total{target="eu"} 2`,
		`mira_backup_failures_total{target="local"} 0`,
	} {
		if !strings.Contains(exp, want) {
			t.Errorf("exposition lacks %s", want)
		}
	}
	if strings.Contains(exp, "secret-bucket") {
		t.Error("an unconfigured target name became a label value")
	}
}
