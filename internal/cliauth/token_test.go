package cliauth

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/vmira/mira/client"
	"github.com/vmira/mira/internal/credstore"
)

// storeLogin stores a login to f made at the harness's time, with the
// access token expiring after ttl.
func (h *harness) storeLogin(t *testing.T, ttl time.Duration) (at, rt string) {
	t.Helper()
	at, rt = h.f.login()
	c := credstore.Credential{AccessToken: at, RefreshToken: rt, TokenType: "Bearer", Expiry: h.clock.Now().Add(ttl), Email: "alice@example.com"}
	if err := h.store.Put(context.Background(), h.f.URL(), c); err != nil {
		t.Fatal(err)
	}
	return at, rt
}

func TestTokenRefreshesShortlyBeforeExpiry(t *testing.T) {
	tests := []struct {
		name        string
		ttl         time.Duration
		wantRefresh bool
	}{
		{name: "valid for 5 minutes", ttl: 5 * time.Minute, wantRefresh: false},
		{name: "valid for 31 seconds", ttl: 31 * time.Second, wantRefresh: false},
		{name: "expires in 20 seconds", ttl: 20 * time.Second, wantRefresh: true},
		{name: "expired", ttl: -time.Hour, wantRefresh: true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f := newFakeServer(t)
			h := newHarness(t, f)
			at, rt := h.storeLogin(t, tt.ttl)
			got, err := h.auth.Token(context.Background())
			if err != nil {
				t.Fatal(err)
			}
			refreshes, _ := f.counts()
			if tt.wantRefresh != (refreshes == 1) || refreshes > 1 {
				t.Fatalf("%d refreshes; want refresh: %v", refreshes, tt.wantRefresh)
			}
			if !tt.wantRefresh {
				if got != at {
					t.Error("Token did not return the stored access token")
				}
				return
			}
			if got == at {
				t.Error("Token returned the old access token")
			}
			c, err := h.store.Get(f.URL())
			if err != nil {
				t.Fatal(err)
			}
			if c.AccessToken != got || c.RefreshToken == rt || c.RefreshToken == "" {
				t.Error("the store does not hold the refreshed, rotated tokens")
			}
			if c.Email != "alice@example.com" || c.Expiry.Before(h.clock.Now().Add(10*time.Minute)) {
				t.Errorf("refreshed credential = %v", c)
			}
			// Cached now: no more refreshes, no store reads needed.
			if again, err := h.auth.Token(context.Background()); err != nil || again != got {
				t.Errorf("second Token = %v; want the same token", err)
			}
			if n, _ := f.counts(); n != 1 {
				t.Errorf("%d refreshes after a second Token; want 1", n)
			}
			assertNoSecrets(t, f, map[string]string{"debug": h.debug.String()})
		})
	}
}

func TestTokenNotLoggedIn(t *testing.T) {
	h := newHarness(t, newFakeServer(t))
	_, err := h.auth.Token(context.Background())
	if !errors.Is(err, ErrNotLoggedIn) || !strings.Contains(err.Error(), "mira auth login") {
		t.Errorf("Token = %v; want ErrNotLoggedIn with the fix", err)
	}
}

func TestBearerFuncRefreshesForTheAPI(t *testing.T) {
	f := newFakeServer(t)
	h := newHarness(t, f)
	h.storeLogin(t, -time.Minute)
	api, err := client.New(client.WithBaseURL(f.URL()), client.WithRootCAs(f.pool), client.WithBearerFunc(h.auth.BearerFunc()))
	if err != nil {
		t.Fatal(err)
	}
	models, err := api.Models(context.Background())
	if err != nil || len(models) != 1 {
		t.Fatalf("Models = %v, %v", models, err)
	}
	if n, _ := f.counts(); n != 1 {
		t.Errorf("%d refreshes; want 1", n)
	}
}

func TestInvalidGrantRereadsTheStore(t *testing.T) {
	// Two CLIs that do not share a lock (two config directories over one
	// keyring): B rotates the refresh token just before A presents it. A's
	// refresh is refused, and A must find B's tokens in the keyring rather
	// than give up.
	f := newFakeServer(t)
	f.revokeOnReuse = false
	kr := &memKeyring{}
	open := func() *credstore.Store {
		st, err := credstore.Open(credstore.Options{Backend: "keyring", Keyring: kr, Dir: filepath.Join(t.TempDir(), "mira")})
		if err != nil {
			t.Fatal(err)
		}
		return st
	}
	storeA, storeB := open(), open()
	h := newHarness(t, f)
	h.store = storeA
	h.auth = h.newAuth(t, storeA)
	_, rt := h.storeLogin(t, -time.Minute)

	var bToken string
	f.onRefresh = func(presented string) {
		if presented != rt || bToken != "" {
			return
		}
		at2, rt2, ok := f.refresh(rt) // B's refresh wins the race
		if !ok {
			t.Error("B's refresh failed")
			return
		}
		bToken = at2
		c := credstore.Credential{AccessToken: at2, RefreshToken: rt2, Expiry: time.Now().Add(15 * time.Minute)}
		if err := storeB.Put(context.Background(), f.URL(), c); err != nil {
			t.Error(err)
		}
	}
	got, err := h.auth.Token(context.Background())
	if err != nil {
		t.Fatalf("Token: %v", err)
	}
	if got != bToken {
		t.Error("Token did not return the token the other CLI stored")
	}
	if !strings.Contains(h.debug.String(), "invalid_grant") || !strings.Contains(h.debug.String(), "reading the store again") {
		t.Errorf("debug output:\n%s", h.debug.String())
	}
	assertNoSecrets(t, f, map[string]string{"debug": h.debug.String()})
}

func TestInvalidGrantWithNothingNewerEndsTheSession(t *testing.T) {
	f := newFakeServer(t)
	h := newHarness(t, f)
	_, rt := h.storeLogin(t, -time.Minute)
	f.refresh(rt) // spent elsewhere, and never stored here
	_, err := h.auth.Token(context.Background())
	if !errors.Is(err, ErrSessionExpired) || !strings.Contains(err.Error(), "mira auth login") {
		t.Fatalf("Token = %v; want ErrSessionExpired with the fix", err)
	}
	if s := h.clock.Sleeps(); len(s) != 1 {
		t.Errorf("waits = %v; want one short wait before reading the store a second time", s)
	}
	// The login stays for status to show; logout still cleans it up.
	if st, err := h.auth.Status(context.Background()); err != nil || !st.LoggedIn {
		t.Errorf("Status = %+v, %v", st, err)
	}
}

func TestRefreshFailureWithTimeLeftUsesTheCurrentToken(t *testing.T) {
	f := newFakeServer(t)
	h := newHarness(t, f)
	at, _ := h.storeLogin(t, 20*time.Second) // inside the refresh window, not expired
	f.srv.Close()
	got, err := h.auth.Token(context.Background())
	if err != nil || got != at {
		t.Fatalf("Token = %v; want the still-valid stored token", err)
	}
}

func TestRefreshFailureAfterExpiryIsAnError(t *testing.T) {
	f := newFakeServer(t)
	h := newHarness(t, f)
	h.storeLogin(t, -time.Second)
	f.srv.Close()
	if _, err := h.auth.Token(context.Background()); err == nil {
		t.Fatal("Token succeeded with an expired token and no server")
	}
}

// TestConcurrentRefreshInProcess: five "processes" (each its own Store and
// Auth over one directory, so only the file lock can keep them apart)
// refresh an expired login at once. The server rotates refresh tokens and
// revokes everything on reuse, so a race would sign them all out.
func TestConcurrentRefreshInProcess(t *testing.T) {
	f := newFakeServer(t)
	f.refreshDelay = 100 * time.Millisecond
	h := newHarness(t, f)
	h.storeLogin(t, -time.Minute)
	const n = 5
	tokens := make([]string, n)
	errs := make([]error, n)
	var wg sync.WaitGroup
	start := make(chan struct{})
	for i := range n {
		st, err := credstore.Open(credstore.Options{Backend: "file", Dir: filepath.Dir(h.store.Path())})
		if err != nil {
			t.Fatal(err)
		}
		a := h.newAuth(t, st)
		wg.Go(func() {
			<-start
			tokens[i], errs[i] = a.Token(context.Background())
		})
	}
	close(start)
	wg.Wait()
	for i := range n {
		if errs[i] != nil {
			t.Errorf("process %d: %v", i, errs[i])
		} else if tokens[i] != tokens[0] {
			t.Errorf("process %d got another token than process 0", i)
		}
	}
	if refreshes, reuses := f.counts(); refreshes != 1 || reuses != 0 {
		t.Errorf("%d refreshes and %d reuses; want 1 and 0", refreshes, reuses)
	}
}

// TestConcurrentRefreshProcesses runs five real mira processes (this test
// binary, re-executed as TestRefreshHelperProcess) that all find the login
// expired at the same moment.
func TestConcurrentRefreshProcesses(t *testing.T) {
	if testing.Short() {
		t.Skip("starts processes")
	}
	f := newFakeServer(t)
	f.refreshDelay = 200 * time.Millisecond
	h := newHarness(t, f)
	cfgHome := filepath.Dir(filepath.Dir(h.store.Path())) // .../mira/credentials.json -> XDG_CONFIG_HOME
	_, rt := h.storeLogin(t, -time.Minute)

	syncDir := t.TempDir()
	const n = 5
	cmds := make([]*exec.Cmd, n)
	outs := make([]*strings.Builder, n)
	for i := range n {
		cmd := exec.Command(os.Args[0], "-test.run=^TestRefreshHelperProcess$", "-test.count=1")
		cmd.Env = append(cleanEnv(),
			"MIRA_CLIAUTH_HELPER=1",
			"MIRA_CLIAUTH_SYNC="+syncDir,
			fmt.Sprintf("MIRA_CLIAUTH_ID=%d", i),
			"MIRA_BASE_URL="+f.URL(),
			"MIRA_CA_CERT="+f.caFile,
			"XDG_CONFIG_HOME="+cfgHome,
			"MIRA_CREDENTIAL_STORE=file",
		)
		outs[i] = &strings.Builder{}
		cmd.Stdout, cmd.Stderr = outs[i], outs[i]
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		cmds[i] = cmd
	}
	// Start them together once all are ready.
	deadline := time.Now().Add(30 * time.Second)
	for {
		ents, _ := os.ReadDir(syncDir)
		if len(ents) == n {
			break
		}
		if time.Now().After(deadline) {
			t.Fatalf("only %d of %d helper processes became ready", len(ents), n)
		}
		time.Sleep(5 * time.Millisecond)
	}
	if err := os.WriteFile(filepath.Join(syncDir, "go"), nil, 0o600); err != nil {
		t.Fatal(err)
	}
	tokens := map[string]int{}
	for i, cmd := range cmds {
		if err := cmd.Wait(); err != nil {
			t.Errorf("process %d: %v\n%s", i, err, outs[i])
			continue
		}
		tok := ""
		for _, line := range strings.Split(outs[i].String(), "\n") {
			if v, ok := strings.CutPrefix(line, "TOKEN "); ok {
				tok = v
			}
		}
		if tok == "" {
			t.Errorf("process %d printed no token:\n%s", i, outs[i])
		}
		tokens[tok]++
	}
	if refreshes, reuses := f.counts(); refreshes != 1 || reuses != 0 {
		t.Errorf("%d refreshes and %d reuses of a refresh token; want 1 and 0", refreshes, reuses)
	}
	if len(tokens) != 1 {
		t.Errorf("the processes got %d different tokens; want 1", len(tokens))
	}
	if f.familyRevoked(rt) {
		t.Fatal("the login was revoked: two processes used the same refresh token")
	}
	// Everyone is still signed in: the stored login works and refreshes.
	c, err := h.store.Get(f.URL())
	if err != nil {
		t.Fatal(err)
	}
	if tokens[c.AccessToken] != n {
		t.Error("the stored access token is not the one the processes use")
	}
	c.Expiry = h.clock.Now().Add(-time.Second)
	if err := h.store.Put(context.Background(), f.URL(), c); err != nil {
		t.Fatal(err)
	}
	if _, err := h.auth.Token(context.Background()); err != nil {
		t.Errorf("refresh after the race: %v", err)
	}
}

// TestRefreshHelperProcess is a mira process for TestConcurrentRefreshProcesses:
// it configures itself from the environment as the CLI does, waits for the
// go signal and prints the access token.
func TestRefreshHelperProcess(t *testing.T) {
	if os.Getenv("MIRA_CLIAUTH_HELPER") != "1" {
		t.Skip("helper process for TestConcurrentRefreshProcesses")
	}
	syncDir := os.Getenv("MIRA_CLIAUTH_SYNC")
	fail := func(err error) {
		fmt.Println("ERROR", err)
		os.Exit(3)
	}
	c, err := client.New(client.FromEnv())
	if err != nil {
		fail(err)
	}
	a, err := New(Config{Client: c})
	if err != nil {
		fail(err)
	}
	st, err := a.Store()
	if err != nil {
		fail(err)
	}
	if st.Backend() != credstore.BackendFile {
		fail(fmt.Errorf("backend %s", st.Backend()))
	}
	if err := os.WriteFile(filepath.Join(syncDir, "ready-"+os.Getenv("MIRA_CLIAUTH_ID")), nil, 0o600); err != nil {
		fail(err)
	}
	for deadline := time.Now().Add(30 * time.Second); ; time.Sleep(time.Millisecond) {
		if _, err := os.Stat(filepath.Join(syncDir, "go")); err == nil {
			break
		}
		if time.Now().After(deadline) {
			fail(errors.New("no go signal"))
		}
	}
	tok, err := a.Token(context.Background())
	if err != nil {
		fail(err)
	}
	fmt.Println("TOKEN " + tok)
	os.Exit(0)
}

// cleanEnv is the environment without variables that would change what a
// helper process does.
func cleanEnv() []string {
	var env []string
	for _, kv := range os.Environ() {
		switch k, _, _ := strings.Cut(kv, "="); k {
		case EnvToken, "MIRA_API_KEY", "MIRA_BASE_URL", "MIRA_CA_CERT", "MIRA_DEBUG", "XDG_CONFIG_HOME", credstore.EnvBackend:
			continue
		}
		env = append(env, kv)
	}
	return env
}

func TestEnvTokenIsUsedAndNeverStored(t *testing.T) {
	f := newFakeServer(t)
	dir := filepath.Join(t.TempDir(), "mira")
	kr := &memKeyring{}
	envTok := fakeJWT(map[string]any{"sub": "usr_9", "email": "ci@example.com", "exp": time.Now().Add(time.Hour).Unix()})
	env := map[string]string{EnvToken: envTok}
	a, err := New(Config{
		Client:       f.client(t),
		StoreOptions: credstore.Options{Dir: dir, Keyring: kr},
		Getenv:       func(k string) string { return env[k] },
	})
	if err != nil {
		t.Fatal(err)
	}
	got, err := a.Token(context.Background())
	if err != nil || got != envTok {
		t.Fatalf("Token = %v; want MIRA_TOKEN's value", err)
	}
	st, err := a.Status(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	if !st.LoggedIn || st.Source != EnvToken || st.Email != "ci@example.com" || st.Storage != "" {
		t.Errorf("Status = %+v", st)
	}
	var text strings.Builder
	st.WriteText(&text, time.Now())
	if strings.Contains(text.String(), envTok) || !strings.Contains(text.String(), "not stored") {
		t.Errorf("status text:\n%s", text.String())
	}
	// Nothing was stored or even looked at.
	if _, err := os.Stat(dir); !errors.Is(err, os.ErrNotExist) {
		t.Errorf("credentials directory exists (%v); MIRA_TOKEN must not touch storage", err)
	}
	if kr.calls != 0 {
		t.Errorf("the keyring was asked %d times; MIRA_TOKEN must not touch it", kr.calls)
	}
	if f.hitCount("") != 0 {
		t.Errorf("the server was asked %d times", f.hitCount(""))
	}
}

func TestStatusNeverShowsTokens(t *testing.T) {
	f := newFakeServer(t)
	h := newHarness(t, f)
	st, err := h.auth.Status(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	if st.LoggedIn || st.Storage != h.store.Path() {
		t.Errorf("Status before login = %+v", st)
	}
	if err := h.auth.Login(context.Background(), LoginOptions{}, &strings.Builder{}); err != nil {
		t.Fatal(err)
	}
	st, err = h.auth.Status(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	if !st.LoggedIn || st.Source != "file" || st.Storage != h.store.Path() || st.Email != "alice@example.com" || !st.Refreshable || st.Expiry.IsZero() {
		t.Errorf("Status = %+v", st)
	}
	js, _ := json.Marshal(st)
	var text strings.Builder
	st.WriteText(&text, h.clock.Now())
	for _, want := range []string{f.URL(), "alice@example.com", "expires in 15m0s", "refreshed automatically", h.store.Path()} {
		if !strings.Contains(text.String(), want) {
			t.Errorf("status text lacks %q:\n%s", want, text.String())
		}
	}
	assertNoSecrets(t, f, map[string]string{"status JSON": string(js), "status text": text.String(), "debug": h.debug.String()})
}

func TestLogoutRevokesThenDeletes(t *testing.T) {
	f := newFakeServer(t)
	h := newHarness(t, f)
	if err := h.auth.Login(context.Background(), LoginOptions{}, &strings.Builder{}); err != nil {
		t.Fatal(err)
	}
	c, _ := h.store.Get(f.URL())
	var out strings.Builder
	if err := h.auth.Logout(context.Background(), &out); err != nil {
		t.Fatal(err)
	}
	if len(f.revocations) != 1 {
		t.Fatalf("%d revocation requests; want 1", len(f.revocations))
	}
	r := f.revocations[0]
	if r.Get("token") != c.RefreshToken || r.Get("token_type_hint") != "refresh_token" || r.Get("client_id") != ClientID {
		t.Errorf("revocation request: hint=%q client_id=%q, token is the refresh token: %v", r.Get("token_type_hint"), r.Get("client_id"), r.Get("token") == c.RefreshToken)
	}
	if !f.familyRevoked(c.RefreshToken) {
		t.Error("the refresh token still works on the server")
	}
	if _, err := h.store.Get(f.URL()); !errors.Is(err, credstore.ErrNotFound) {
		t.Errorf("store after logout: %v", err)
	}
	if _, err := h.auth.Token(context.Background()); !errors.Is(err, ErrNotLoggedIn) {
		t.Errorf("Token after logout = %v; want ErrNotLoggedIn (no cached token)", err)
	}
	if strings.Contains(out.String(), "Warning") || !strings.Contains(out.String(), "Logged out") {
		t.Errorf("output:\n%s", out.String())
	}
	assertNoSecrets(t, f, map[string]string{"output": out.String(), "debug": h.debug.String()})
	out.Reset()
	if err := h.auth.Logout(context.Background(), &out); err != nil || !strings.Contains(out.String(), "Not logged in") {
		t.Errorf("second Logout = %v:\n%s", err, out.String())
	}
}

func TestLogoutWithServerDownStillDeletes(t *testing.T) {
	f := newFakeServer(t)
	h := newHarness(t, f)
	h.storeLogin(t, time.Hour)
	f.srv.Close()
	var out strings.Builder
	start := time.Now()
	if err := h.auth.Logout(context.Background(), &out); err != nil {
		t.Fatalf("Logout: %v", err)
	}
	if d := time.Since(start); d > 15*time.Second {
		t.Errorf("Logout took %v", d)
	}
	if _, err := h.store.Get(f.URL()); !errors.Is(err, credstore.ErrNotFound) {
		t.Errorf("store after logout: %v; want the login deleted", err)
	}
	if _, err := os.Stat(h.store.Path()); !errors.Is(err, os.ErrNotExist) {
		t.Errorf("credentials file remains: %v", err)
	}
	for _, want := range []string{"Warning: could not revoke", "Logged out"} {
		if !strings.Contains(out.String(), want) {
			t.Errorf("output lacks %q:\n%s", want, out.String())
		}
	}
}

// memKeyring is an in-memory credstore.Keyring.
type memKeyring struct {
	mu      sync.Mutex
	secrets map[string]string
	calls   int
}

func (k *memKeyring) Get(service, user string) (string, error) {
	k.mu.Lock()
	defer k.mu.Unlock()
	k.calls++
	s, ok := k.secrets[service+"/"+user]
	if !ok {
		return "", credstore.ErrKeyringNotFound
	}
	return s, nil
}

func (k *memKeyring) Set(service, user, secret string) error {
	k.mu.Lock()
	defer k.mu.Unlock()
	k.calls++
	if k.secrets == nil {
		k.secrets = map[string]string{}
	}
	k.secrets[service+"/"+user] = secret
	return nil
}

func (k *memKeyring) Delete(service, user string) error {
	k.mu.Lock()
	defer k.mu.Unlock()
	k.calls++
	if _, ok := k.secrets[service+"/"+user]; !ok {
		return credstore.ErrKeyringNotFound
	}
	delete(k.secrets, service+"/"+user)
	return nil
}
