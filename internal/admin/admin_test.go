package admin

import (
	"context"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/vmira/mira/internal/health"
)

func TestToken(t *testing.T) {
	h := Handler(Config{Metrics: http.NotFoundHandler(), Token: "0123456789abcdef0123",
		Ready: func(context.Context) health.Report { return health.Report{Status: health.Ready} }})
	tests := []struct {
		path, auth string
		want       int
	}{
		{"/readyz", "", 401},
		{"/debug/pprof/", "Bearer wrong", 401},
		{"/debug/pprof/", "Bearer 0123456789abcdef0123", 200},
		{"/readyz", "Bearer 0123456789abcdef0123", 200},
		{"/healthz", "", 200},
	}
	for _, tt := range tests {
		req := httptest.NewRequest("GET", tt.path, nil)
		if tt.auth != "" {
			req.Header.Set("Authorization", tt.auth)
		}
		rec := httptest.NewRecorder()
		h.ServeHTTP(rec, req)
		if rec.Code != tt.want {
			t.Errorf("GET %s (%q): %d; want %d", tt.path, tt.auth, rec.Code, tt.want)
		}
	}
}

func TestReadyzUnavailable(t *testing.T) {
	h := Handler(Config{Metrics: http.NotFoundHandler(),
		Ready: func(context.Context) health.Report {
			return health.Report{Status: health.Unavailable, Checks: map[string]string{"database": health.Down}}
		}})
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, httptest.NewRequest("GET", "/readyz", nil))
	if rec.Code != 503 || !strings.Contains(rec.Body.String(), `"database":"down"`) {
		t.Errorf("readyz: %d %s; want 503 with the database down", rec.Code, rec.Body)
	}
}

func TestLoadToken(t *testing.T) {
	dir := t.TempDir()
	p := filepath.Join(dir, "token")
	os.WriteFile(p, []byte("0123456789abcdef0123\n"), 0o644)
	if _, err := LoadToken(p); err == nil || !strings.Contains(err.Error(), "chmod 600") {
		t.Errorf("mode 0644: %v; want chmod 600", err)
	}
	os.Chmod(p, 0o600)
	if tok, err := LoadToken(p); err != nil || tok != "0123456789abcdef0123" {
		t.Errorf("LoadToken = %q, %v", tok, err)
	}
	os.WriteFile(p, []byte("short"), 0o600)
	if _, err := LoadToken(p); err == nil {
		t.Error("a short token was accepted")
	}
}
