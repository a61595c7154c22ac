package metrics

import (
	"context"
	"net/http"
	"net/http/httptest"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/vmira/mira/internal/filter"
	"github.com/vmira/mira/internal/reqlog"
)

// TestFilterExternalMetrics drives the cascade against a classifier that
// times out and checks the exposition: texts sent, timeouts, fail-closed
// blocks, the band, and a verdict with the cascade's note counted under its
// category only.
func TestFilterExternalMetrics(t *testing.T) {
	release := make(chan struct{})
	slow := httptest.NewTLSServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		select {
		case <-r.Context().Done():
		case <-release:
		}
	}))
	defer slow.Close()
	defer close(release) // before Close, which waits for the handler
	f, err := filter.New(filter.DefaultConfig())
	if err != nil {
		t.Fatal(err)
	}
	ext := &filter.External{BaseURL: slow.URL, Client: slow.Client(), Timeout: 20 * time.Millisecond, Band: filter.Band{Low: 0, High: 0.9}}
	v := f.CheckContext(context.Background(), ext, "What is the capital of France?")
	if v.External != filter.ExternalFailedClosed {
		t.Fatalf("External = %q; want %q", v.External, filter.ExternalFailedClosed)
	}
	s := filter.ReadCascadeStats()

	m := New(Config{})
	e := reqlog.Entry{Endpoint: "POST /v1/chat/completions", Status: 400, FilterVerdict: "blocked:hate external=failed-closed"}
	m.Request(&e, 0)
	rec := httptest.NewRecorder()
	m.Handler().ServeHTTP(rec, httptest.NewRequest("GET", "/metrics", nil))
	exp := rec.Body.String()
	for _, want := range []string{
		`mira_filter_external_checks_total{route="sent"} ` + itoa(s.Sent),
		`mira_filter_external_calls_total{result="timeout"} ` + itoa(s.Timeouts),
		`mira_filter_external_failures_total{mode="closed"} ` + itoa(s.FailedClosed),
		`mira_filter_external_band{edge="high"} 0.9`,
		`mira_filter_verdicts_total{action="blocked",category="hate"} 1`,
	} {
		if !strings.Contains(exp, want) {
			t.Errorf("exposition lacks %s", want)
		}
	}
	if s.Sent == 0 || s.Timeouts == 0 || s.FailedClosed == 0 {
		t.Errorf("stats %+v: the timeout was not counted", s)
	}
	if strings.Contains(exp, "external=") {
		t.Error("the cascade note became a label value")
	}
}

func itoa(n uint64) string { return strconv.FormatUint(n, 10) }
