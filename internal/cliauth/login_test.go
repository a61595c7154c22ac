package cliauth

import (
	"context"
	"errors"
	"os"
	"runtime"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/vmira/mira/client"
	"github.com/vmira/mira/internal/credstore"
)

func secs(ss ...int) []time.Duration {
	var d []time.Duration
	for _, s := range ss {
		d = append(d, time.Duration(s)*time.Second)
	}
	return d
}

// assertNoSecrets fails when any of the texts shows the device code or a
// token the fake server issued.
func assertNoSecrets(t *testing.T, f *fakeServer, texts map[string]string) {
	t.Helper()
	f.mu.Lock()
	secrets := []string{f.deviceCode}
	for at := range f.accessTokens {
		secrets = append(secrets, at)
	}
	for rt := range f.refreshTokens {
		secrets = append(secrets, rt)
	}
	f.mu.Unlock()
	for name, text := range texts {
		for _, s := range secrets {
			if strings.Contains(text, s) {
				t.Errorf("%s shows a secret (%.12s...):\n%s", name, s, text)
			}
		}
		if strings.Contains(text, "SECRET") {
			t.Errorf("%s shows a device code or a token:\n%s", name, text)
		}
	}
}

func TestLoginPendingSlowDownSuccess(t *testing.T) {
	f := newFakeServer(t)
	f.script = []string{"pending", "slow_down", "pending", "ok"}
	h := newHarness(t, f)
	var out strings.Builder
	if err := h.auth.Login(context.Background(), LoginOptions{}, &out); err != nil {
		t.Fatalf("Login: %v\noutput:\n%s", err, out.String())
	}
	// 5 s, 5 s, then slow_down adds 5 s to this and every later poll.
	if diff := cmp.Diff(secs(5, 5, 10, 10), h.clock.Sleeps()); diff != "" {
		t.Errorf("waits between polls (-want +got):\n%s", diff)
	}
	if len(f.polls) != 4 {
		t.Errorf("%d polls; want 4", len(f.polls))
	}
	for i, p := range f.polls {
		if p.Get("client_id") != ClientID || p.Get("grant_type") != deviceCodeGrant {
			t.Errorf("poll %d: client_id=%q grant_type=%q", i, p.Get("client_id"), p.Get("grant_type"))
		}
	}
	for _, want := range []string{"BCDF-GHJK", f.URL() + "/device", "Logged in to " + f.URL() + " as alice@example.com", h.store.Path()} {
		if !strings.Contains(out.String(), want) {
			t.Errorf("output lacks %q:\n%s", want, out.String())
		}
	}
	if len(h.opened) != 0 {
		t.Errorf("a browser was opened (%q) without --web", h.opened)
	}
	c, err := h.store.Get(f.URL())
	if err != nil {
		t.Fatalf("stored credential: %v", err)
	}
	if c.AccessToken == "" || c.RefreshToken == "" || c.Email != "alice@example.com" || c.Subject != "usr_1" || c.TokenType != "Bearer" {
		t.Errorf("stored credential = %v", c)
	}
	if want := h.clock.Now().Add(900 * time.Second); c.Expiry.Sub(want).Abs() > 2*time.Second {
		t.Errorf("expiry = %v; want about %v", c.Expiry, want)
	}
	assertNoSecrets(t, f, map[string]string{"output": out.String(), "debug": h.debug.String()})
	if !strings.Contains(h.debug.String(), "slow_down") {
		t.Errorf("debug output does not mention slow_down:\n%s", h.debug.String())
	}

	// The token works for the API, through the SDK's bearer hook.
	api, err := client.New(client.WithBaseURL(f.URL()), client.WithRootCAs(f.pool), client.WithBearerFunc(h.auth.BearerFunc()))
	if err != nil {
		t.Fatal(err)
	}
	if _, err := api.Models(context.Background()); err != nil {
		t.Errorf("Models with the login's token: %v", err)
	}
}

func TestLoginFailures(t *testing.T) {
	tests := []struct {
		name      string
		script    []string
		expiresIn int
		wantErr   error
		wantPolls int
		wantText  string
	}{
		{name: "access denied", script: []string{"pending", "denied"}, wantErr: ErrAccessDenied, wantPolls: 2, wantText: "denied in the browser"},
		{name: "server says expired", script: []string{"pending", "expired"}, wantErr: ErrCodeExpired, wantPolls: 2, wantText: "mira auth login"},
		{name: "code lifetime runs out", script: []string{"pending", "pending", "pending", "pending"}, expiresIn: 12, wantErr: ErrCodeExpired, wantPolls: 2},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f := newFakeServer(t)
			f.script = tt.script
			if tt.expiresIn != 0 {
				f.expiresIn = tt.expiresIn
			}
			h := newHarness(t, f)
			var out strings.Builder
			err := h.auth.Login(context.Background(), LoginOptions{}, &out)
			if !errors.Is(err, tt.wantErr) {
				t.Fatalf("Login = %v; want %v", err, tt.wantErr)
			}
			if !strings.Contains(err.Error(), tt.wantText) {
				t.Errorf("error %q lacks %q", err, tt.wantText)
			}
			if len(f.polls) != tt.wantPolls {
				t.Errorf("%d polls; want %d", len(f.polls), tt.wantPolls)
			}
			if _, err := h.store.Get(f.URL()); !errors.Is(err, credstore.ErrNotFound) {
				t.Errorf("store after a failed login: %v; want nothing stored", err)
			}
			assertNoSecrets(t, f, map[string]string{"output": out.String(), "debug": h.debug.String(), "error": err.Error()})
		})
	}
}

func TestLoginSurvivesConnectionBlips(t *testing.T) {
	f := newFakeServer(t)
	f.script = []string{"drop", "drop", "500", "pending", "ok"}
	h := newHarness(t, f)
	var out strings.Builder
	if err := h.auth.Login(context.Background(), LoginOptions{}, &out); err != nil {
		t.Fatalf("Login: %v\noutput:\n%s", err, out.String())
	}
	// The wait doubles on each failure and returns to the interval once
	// the server answers again.
	if diff := cmp.Diff(secs(5, 10, 20, 40, 5), h.clock.Sleeps()); diff != "" {
		t.Errorf("waits between polls (-want +got):\n%s", diff)
	}
	if n := strings.Count(out.String(), "Could not reach"); n != 1 {
		t.Errorf("output says %d times that the server is unreachable; want once:\n%s", n, out.String())
	}
	if !strings.Contains(out.String(), "Reached the server again") {
		t.Errorf("output does not say the server is back:\n%s", out.String())
	}
	if _, err := h.store.Get(f.URL()); err != nil {
		t.Errorf("stored credential: %v", err)
	}
	assertNoSecrets(t, f, map[string]string{"output": out.String(), "debug": h.debug.String()})
}

func TestLoginBrowser(t *testing.T) {
	tests := []struct {
		name       string
		web        bool
		verify     string // "" is the server's /device
		complete   string // "" is verify with the code
		wantOpened string // "" means no browser; "verify" or "complete" of the server
		wantText   string
	}{
		{name: "not asked", web: false},
		{name: "https on the server", web: true, wantOpened: "complete", wantText: "Opened the approval page"},
		{name: "plain http", web: true, verify: "http://{host}/device", complete: "http://{host}/device?user_code=BCDF-GHJK", wantText: "is not https"},
		{name: "another host", web: true, verify: "https://mira.evil.example/device", complete: "https://mira.evil.example/device?user_code=BCDF-GHJK", wantText: "is not on"},
		{name: "another port", web: true, verify: "https://{hostname}:1/device", complete: "https://{hostname}:1/device?c=1", wantText: "is not on"},
		{name: "credentials in the URL", web: true, verify: "https://user@{host}/device", complete: "https://user@{host}/device", wantText: "holds credentials"},
		{name: "complete URI elsewhere, plain one fine", web: true, complete: "https://mira.evil.example/device?user_code=BCDF-GHJK", wantOpened: "verify"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f := newFakeServer(t)
			host := strings.TrimPrefix(f.URL(), "https://")
			hostname := host[:strings.LastIndex(host, ":")]
			expand := func(s string) string {
				return strings.NewReplacer("{host}", host, "{hostname}", hostname).Replace(s)
			}
			f.verificationURI, f.completeURI = expand(tt.verify), expand(tt.complete)
			h := newHarness(t, f)
			var out strings.Builder
			if err := h.auth.Login(context.Background(), LoginOptions{Web: tt.web}, &out); err != nil {
				t.Fatalf("Login: %v", err)
			}
			var want []string
			switch tt.wantOpened {
			case "complete":
				want = []string{f.URL() + "/device?user_code=BCDF-GHJK"}
			case "verify":
				want = []string{f.URL() + "/device"}
			}
			if diff := cmp.Diff(want, h.opened); diff != "" {
				t.Errorf("opened in a browser (-want +got):\n%s\noutput:\n%s", diff, out.String())
			}
			if !strings.Contains(out.String(), tt.wantText) {
				t.Errorf("output lacks %q:\n%s", tt.wantText, out.String())
			}
		})
	}
}

func TestLoginBrowserFailureIsNotFatal(t *testing.T) {
	f := newFakeServer(t)
	h := newHarness(t, f)
	h.openErr = errors.New("xdg-open: not found")
	var out strings.Builder
	if err := h.auth.Login(context.Background(), LoginOptions{Web: true}, &out); err != nil {
		t.Fatalf("Login: %v", err)
	}
	if !strings.Contains(out.String(), "Could not open a browser") {
		t.Errorf("output:\n%s", out.String())
	}
}

func TestLoginEndpointDiscovery(t *testing.T) {
	tests := []struct {
		name      string
		metadata  func(base string) map[string]any
		noMeta    bool
		wantPaths []string
	}{
		{
			name: "advertised endpoints on the server",
			metadata: func(base string) map[string]any {
				return map[string]any{"issuer": base, "device_authorization_endpoint": base + "/custom/device", "token_endpoint": base + "/custom/token"}
			},
			wantPaths: []string{"POST /custom/device", "POST /custom/token"},
		},
		{
			name: "endpoints elsewhere are ignored",
			metadata: func(base string) map[string]any {
				return map[string]any{
					"device_authorization_endpoint": "https://tokens.evil.example/device",
					"token_endpoint":                strings.Replace(base, "https://", "http://", 1) + "/custom/token",
				}
			},
			wantPaths: []string{"POST /oauth/device/code", "POST /oauth/token"},
		},
		{name: "no metadata", noMeta: true, wantPaths: []string{"POST /oauth/device/code", "POST /oauth/token"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f := newFakeServer(t)
			f.noMeta = tt.noMeta
			if tt.metadata != nil {
				f.metadata = tt.metadata(f.URL())
			}
			h := newHarness(t, f)
			if err := h.auth.Login(context.Background(), LoginOptions{}, &strings.Builder{}); err != nil {
				t.Fatalf("Login: %v", err)
			}
			var got []string
			for _, hit := range f.hits {
				if strings.HasPrefix(hit, "POST ") {
					got = append(got, hit)
				}
			}
			if diff := cmp.Diff(tt.wantPaths, got); diff != "" {
				t.Errorf("requests (-want +got):\n%s", diff)
			}
		})
	}
}

func TestLoginRefusesReadableCredentialsFile(t *testing.T) {
	if runtime.GOOS == "windows" {
		t.Skip("file modes")
	}
	f := newFakeServer(t)
	h := newHarness(t, f)
	if err := h.store.Put(context.Background(), "https://other.example", credstore.Credential{AccessToken: "x"}); err != nil {
		t.Fatal(err)
	}
	if err := os.Chmod(h.store.Path(), 0o644); err != nil {
		t.Fatal(err)
	}
	err := h.auth.Login(context.Background(), LoginOptions{}, &strings.Builder{})
	if err == nil || !strings.Contains(err.Error(), "chmod 600") {
		t.Fatalf("Login = %v; want a refusal with the chmod fix", err)
	}
	if n := f.hitCount(""); n != 0 {
		t.Errorf("the server got %d requests; the store must be checked before the user is asked to approve", n)
	}
}

func TestLoginUntrustedCertificateFailsFast(t *testing.T) {
	f := newFakeServer(t)
	h := newHarness(t, f)
	c, err := client.New(client.WithBaseURL(f.URL())) // system roots only
	if err != nil {
		t.Fatal(err)
	}
	a, err := New(Config{Client: c, Store: h.store})
	if err != nil {
		t.Fatal(err)
	}
	a.sleep, a.now = h.clock.Sleep, h.clock.Now
	err = a.Login(context.Background(), LoginOptions{}, &strings.Builder{})
	if err == nil || !strings.Contains(err.Error(), "MIRA_CA_CERT") {
		t.Fatalf("Login = %v; want a certificate error naming MIRA_CA_CERT", err)
	}
	if s := h.clock.Sleeps(); len(s) != 0 {
		t.Errorf("waited %v: an untrusted certificate is not worth retrying", s)
	}
}

func TestUserCodeFormat(t *testing.T) {
	tests := []struct {
		in, want string
		wantErr  bool
	}{
		{in: "BCDF-GHJK", want: "BCDF-GHJK"},
		{in: "BCDFGHJK", want: "BCDF-GHJK"},
		{in: "ABC123", want: "ABC123"},
		{in: "", wantErr: true},
		{in: "BCDF\x1b[2JGHJK", wantErr: true},
		{in: "BCDF GHJK", wantErr: true},
		{in: strings.Repeat("A", 33), wantErr: true},
	}
	for _, tt := range tests {
		got, err := formatUserCode(tt.in)
		if (err != nil) != tt.wantErr || got != tt.want {
			t.Errorf("formatUserCode(%q) = %q, %v; want %q (error: %v)", tt.in, got, err, tt.want, tt.wantErr)
		}
	}
}
