package main

import (
	"context"
	"crypto/rand"
	"crypto/tls"
	"database/sql"
	"encoding/json"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/http/cookiejar"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"sync/atomic"
	"syscall"
	"testing"
	"time"

	"golang.org/x/oauth2"

	"github.com/vmira/mira/internal/store/storetest"
	"github.com/vmira/mira/internal/testkit"
	"github.com/vmira/mira/internal/tlsconf"
)

// cluster is three `mira serve` processes on one PostgreSQL schema and one
// Redis, with one secret file and one certificate, behind HAProxy, which
// health-checks /readyz and speaks PROXY v2 to them from 127.0.0.2 (their
// only trusted proxy). HAProxy has a balanced frontend and one per
// instance ("via A"), so a test can say which instance a request goes to
// while still going through the balancer.
type cluster struct {
	t      *testing.T
	env    []string // shared by the instances
	dirs   [3]string
	addrs  [3]string
	cmds   [3]*exec.Cmd
	logs   [3]*testkit.Buffer
	front  string    // balanced
	via    [3]string // one instance each
	ca     string
	pg     string
	net    string // this run's client addresses: net+"1", net+"3"...
	client *http.Client
}

const clusterConfig = `rate_limits:
  trusted_proxies: [127.0.0.2/32]
  proxy_protocol: true
  unauthenticated_per_minute: 5
  failed_auth_per_minute: 100000
plans:
  free: {requests_per_minute: 100000, tokens_per_minute: 100000000, requests_per_day: 10000000, concurrent: 100}
  limited: {requests_per_minute: 12, tokens_per_minute: 100000000, requests_per_day: 10000000, concurrent: 100}
`

func haproxyPath(t *testing.T) string {
	p, err := exec.LookPath("haproxy")
	if err != nil {
		if os.Getenv("MIRA_TEST_REQUIRE_HAPROXY") != "" {
			t.Fatal("MIRA_TEST_REQUIRE_HAPROXY is set but haproxy is missing: apt-get install -y haproxy")
		}
		t.Skip("haproxy not installed (apt-get install -y haproxy); set MIRA_TEST_REQUIRE_HAPROXY to make this a failure")
	}
	return p
}

func startCluster(t *testing.T) *cluster {
	t.Helper()
	hap := haproxyPath(t)
	redisURL := os.Getenv("MIRA_TEST_REDIS_URL")
	if redisURL == "" {
		t.Skip("MIRA_TEST_REDIS_URL not set")
	}
	c := &cluster{t: t, pg: storetest.PostgresURL(t)}
	var b [2]byte
	rand.Read(b[:])
	// Per-IP counters live in the shared Redis: addresses of our own.
	c.net = fmt.Sprintf("127.%d.%d.", 10+b[0]%200, b[1])
	shared := t.TempDir()
	local, err := tlsconf.EnsureLocal(shared, time.Now())
	if err != nil {
		t.Fatal(err)
	}
	c.ca = local.CAPath
	cfg := filepath.Join(shared, "mira.yaml")
	os.WriteFile(cfg, []byte(clusterConfig), 0o600)
	secret := writeSecret(t, 7)
	c.env = []string{"MIRA_DATABASE_URL=" + c.pg, "MIRA_REDIS_URL=" + redisURL, "MIRA_SECRET_KEY_FILE=" + secret,
		"MIRA_TLS_CERT=" + local.CertPath, "MIRA_TLS_KEY=" + local.KeyPath, "MIRA_CONFIG=" + cfg,
		"MIRA_PUBLIC_URL=https://localhost"}
	for i := range 3 {
		c.dirs[i] = filepath.Join(t.TempDir(), "data")
		c.addrs[i] = freePort(t)
		c.start(i)
	}
	c.startHAProxy(hap)
	tc := tlsTrusting(t, c.ca)
	tc.ServerName = "localhost"
	c.client = c.httpClient(c.net+"1", tc)
	for i := range 3 {
		c.waitHealthy(c.via[i])
	}
	return c
}

// httpClient dials from the loopback address src, without keep-alive: each
// request is its own connection, so killing an instance fails only the
// requests in flight on it.
func (c *cluster) httpClient(src string, tc *tls.Config) *http.Client {
	d := &net.Dialer{LocalAddr: &net.TCPAddr{IP: net.ParseIP(src)}, Timeout: 5 * time.Second}
	return &http.Client{Timeout: 10 * time.Second, Transport: &http.Transport{DialContext: d.DialContext,
		TLSClientConfig: tc, DisableKeepAlives: true}}
}

func (c *cluster) instanceEnv(i int) []string {
	return append([]string{"MIRA_DATA_DIR=" + c.dirs[i]}, c.env...)
}

// start runs instance i and waits until it serves.
func (c *cluster) start(i int) {
	t := c.t
	cmd := miraCmd(t, c.instanceEnv(i), "serve", "--listen", c.addrs[i])
	logs := &testkit.Buffer{}
	cmd.Stderr = logs
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	c.cmds[i], c.logs[i] = cmd, logs
	t.Cleanup(func() { c.kill(i) })
	deadline := time.Now().Add(60 * time.Second)
	for !strings.Contains(logs.String(), "Mira is serving") {
		if time.Now().After(deadline) || cmd.ProcessState != nil {
			t.Fatalf("instance %d did not start:\n%s", i, logs.String())
		}
		time.Sleep(50 * time.Millisecond)
	}
}

// kill sends SIGKILL to instance i.
func (c *cluster) kill(i int) {
	if cmd := c.cmds[i]; cmd != nil && cmd.ProcessState == nil {
		cmd.Process.Signal(syscall.SIGKILL)
		cmd.Wait()
	}
}

func (c *cluster) startHAProxy(bin string) {
	t := c.t
	c.front = freePort(t)
	var conf strings.Builder
	check := fmt.Sprintf("source 127.0.0.2 send-proxy-v2 check check-ssl ca-file %s verify required check-sni localhost verifyhost localhost inter 150ms fall 2 rise 2", c.ca)
	fmt.Fprintf(&conf, `global
	maxconn 2000
defaults
	mode tcp
	timeout connect 2s
	timeout client 30s
	timeout server 30s
	retries 2
	option redispatch
	option httpchk GET /readyz
	http-check expect status 200
frontend all
	bind %s
	default_backend all
backend all
	balance roundrobin
`, c.front)
	for i, a := range c.addrs {
		fmt.Fprintf(&conf, "\tserver m%d %s %s\n", i, a, check)
	}
	for i, a := range c.addrs {
		c.via[i] = freePort(t)
		fmt.Fprintf(&conf, "frontend via%d\n\tbind %s\n\tdefault_backend b%d\nbackend b%d\n\tserver m%d %s %s\n", i, c.via[i], i, i, i, a, check)
	}
	p := filepath.Join(t.TempDir(), "haproxy.cfg")
	os.WriteFile(p, []byte(conf.String()), 0o600)
	cmd := exec.Command(bin, "-f", p, "-db")
	var logs testkit.Buffer
	cmd.Stdout, cmd.Stderr = &logs, &logs
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		cmd.Process.Signal(syscall.SIGKILL)
		cmd.Wait()
		if t.Failed() {
			t.Logf("haproxy:\n%s", logs.String())
		}
	})
}

// waitHealthy waits until /readyz answers 200 through front.
func (c *cluster) waitHealthy(front string) {
	deadline := time.Now().Add(60 * time.Second)
	for {
		if r, _, err := c.req(c.client, front, "GET", "/readyz", "", ""); err == nil && r.StatusCode == 200 {
			return
		}
		if time.Now().After(deadline) {
			c.t.Fatalf("%s not healthy through HAProxy", front)
		}
		time.Sleep(50 * time.Millisecond)
	}
}

func (c *cluster) req(hc *http.Client, front, method, path, key, body string) (*http.Response, string, error) {
	r, err := http.NewRequest(method, "https://"+front+path, strings.NewReader(body))
	if err != nil {
		return nil, "", err
	}
	if key != "" {
		r.Header.Set("Authorization", "Bearer "+key)
	}
	resp, err := hc.Do(r)
	if err != nil {
		return nil, "", err
	}
	defer resp.Body.Close()
	b, err := io.ReadAll(resp.Body)
	return resp, string(b), err
}

// do is req through front that fails the test on a transport error.
func (c *cluster) do(front, method, path, key, body string) (int, string) {
	c.t.Helper()
	r, b, err := c.req(c.client, front, method, path, key, body)
	if err != nil {
		c.t.Fatalf("%s %s via %s: %v", method, path, front, err)
	}
	return r.StatusCode, b
}

// adminKey makes a user and an admin key on instance 0 with mira admin.
func (c *cluster) adminKey(plan string) string {
	t := c.t
	env := c.instanceEnv(0)
	user := miraCmd(t, env, "admin", "user", "create", "--email", "ops@example.com", "--password-stdin")
	user.Stdin = strings.NewReader("a long enough password\n")
	user.CombinedOutput() // exists after the first call
	out, err := miraCmd(t, env, "admin", "key", "create", "--email", "ops@example.com", "--name", "ops-"+plan,
		"--scopes", "keys:read,keys:write,chat:write", "--plan", plan).Output()
	if err != nil {
		t.Fatalf("admin key create: %v", err)
	}
	return strings.TrimSpace(string(out))
}

const clusterChat = `{"model":"mira-echo","messages":[{"role":"user","content":"hello"}]}`

// TestClusterBehindHAProxy: keys, revocations, limits and client
// addresses are shared and right across three instances behind HAProxy.
func TestClusterBehindHAProxy(t *testing.T) {
	c := startCluster(t)
	admin := c.adminKey("enterprise")

	t.Run("a key created on A works via every instance", func(t *testing.T) {
		code, body := c.do(c.via[0], "POST", "/v1/keys", admin, `{"name":"shared","scopes":["chat:write"]}`)
		if code != 201 {
			t.Fatalf("create on A: %d %s", code, body)
		}
		var k struct{ ID, Key string }
		json.Unmarshal([]byte(body), &k)
		for i := range 3 {
			if code, body := c.do(c.via[i], "POST", "/v1/chat/completions", k.Key, clusterChat); code != 200 {
				t.Fatalf("key via instance %d: %d %s", i, code, body)
			}
		}
		// Revoked through B: A and C refuse it within 1 s.
		if code, body := c.do(c.via[1], "DELETE", "/v1/keys/"+k.ID, admin, ""); code != 200 {
			t.Fatalf("revoke on B: %d %s", code, body)
		}
		revoked := time.Now()
		for _, i := range []int{0, 2} {
			for {
				code, _ := c.do(c.via[i], "POST", "/v1/chat/completions", k.Key, clusterChat)
				if code == 401 {
					break
				}
				if time.Since(revoked) > time.Second {
					t.Fatalf("instance %d still admits the key %v after its revocation on B", i, time.Since(revoked))
				}
				time.Sleep(20 * time.Millisecond)
			}
		}
		t.Logf("revocation on B refused by A and C after %v", time.Since(revoked).Round(time.Millisecond))
	})

	t.Run("a limit of N per minute admits exactly N across the three", func(t *testing.T) {
		key := c.adminKey("limited")
		var admitted, limited atomic.Int32
		var wg sync.WaitGroup
		for range 30 {
			wg.Add(1)
			go func() {
				defer wg.Done()
				switch code, _ := c.do(c.front, "POST", "/v1/chat/completions", key, clusterChat); code {
				case 200:
					admitted.Add(1)
				case 429:
					limited.Add(1)
				}
			}()
		}
		wg.Wait()
		if admitted.Load() != 12 || limited.Load() != 18 {
			t.Fatalf("admitted %d, limited %d of 30; want exactly 12 admitted", admitted.Load(), limited.Load())
		}
	})

	t.Run("per-IP limits see the client's address, not HAProxy's", func(t *testing.T) {
		tc := tlsTrusting(t, c.ca)
		tc.ServerName = "localhost"
		one, other := c.httpClient(c.net+"3", tc), c.httpClient(c.net+"4", tc)
		codes := map[int]int{}
		for range 8 {
			r, _, err := c.req(one, c.front, "GET", "/v1/models", "", "")
			if err != nil {
				t.Fatal(err)
			}
			codes[r.StatusCode]++
		}
		if codes[401] != 5 || codes[429] != 3 {
			t.Fatalf("8 unauthenticated requests from one address, limit 5: %v; want 5×401, 3×429", codes)
		}
		r, _, err := c.req(other, c.front, "GET", "/v1/models", "", "")
		if err != nil || r.StatusCode != 401 {
			t.Fatalf("another client address was limited too (status %v, %v): Mira sees HAProxy's address", r.StatusCode, err)
		}
	})
}

// TestClusterSessionsAndDeviceFlow: a device flow started through A,
// approved in a browser through B and polled through C succeeds, and the
// dashboard session signed in through B is valid through A and C.
func TestClusterSessionsAndDeviceFlow(t *testing.T) {
	c := startCluster(t)
	user := miraCmd(t, c.instanceEnv(0), "admin", "user", "create", "--email", devEmail, "--password-stdin")
	user.Stdin = strings.NewReader(devPassword + "\n")
	if out, err := user.CombinedOutput(); err != nil {
		t.Fatalf("admin user create: %v %s", err, out)
	}
	tc := tlsTrusting(t, c.ca)
	browserClient := c.httpClient(c.net+"5", tc)
	browserClient.Jar, _ = cookiejar.New(nil) // cookies are per host, not port: shared by A, B and C
	browserClient.CheckRedirect = func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }
	via := func(i int) *browser { return &browser{base: "https://" + c.via[i], c: browserClient} }

	cfg := &oauth2.Config{ClientID: "mira-cli", Endpoint: oauth2.Endpoint{
		DeviceAuthURL: "https://" + c.via[0] + "/oauth/device/code", TokenURL: "https://" + c.via[2] + "/oauth/token"}}
	ctx, cancel := context.WithTimeout(context.WithValue(context.Background(), oauth2.HTTPClient, c.client), time.Minute)
	defer cancel()
	da, err := cfg.DeviceAuth(ctx)
	if err != nil {
		t.Fatalf("device authorization through A: %v", err)
	}
	approved := make(chan error, 1)
	go func() {
		err := via(1).approveFromCompleteURI(da.VerificationURIComplete, da.UserCode)
		if err != nil {
			cancel()
		}
		approved <- err
	}()
	tok, err := cfg.DeviceAccessToken(ctx, da)
	if berr := <-approved; berr != nil {
		t.Fatalf("approval through B: %v", berr)
	}
	if err != nil {
		t.Fatalf("polling through C: %v", err)
	}
	for i := range 3 {
		if code, body := c.do(c.via[i], "GET", "/v1/models", tok.AccessToken, ""); code != 200 {
			t.Errorf("the device flow's access token via instance %d: %d %s", i, code, body)
		}
	}
	for _, i := range []int{0, 2} {
		p, err := via(i).get("/dashboard/keys")
		if err != nil || p.Status != 200 {
			t.Errorf("the dashboard session signed in through B, through instance %d: %d %v (to %q)", i, p.Status, err, p.Location)
		}
	}
	// And a browser without the cookie is sent to sign in: the check above can fail.
	fresh := c.httpClient(c.net+"5", tc)
	fresh.CheckRedirect = browserClient.CheckRedirect
	if p, _ := (&browser{base: "https://" + c.via[0], c: fresh}).get("/dashboard/keys"); p.Status == 200 {
		t.Error("the dashboard answers without a session")
	}
}

// TestClusterKillOneInstance kills one of three instances with SIGKILL
// under load through HAProxy: only requests in flight on it fail, no
// acknowledged key, revocation or audit entry is lost, and it rejoins.
func TestClusterKillOneInstance(t *testing.T) {
	if testing.Short() {
		t.Skip("kill -9 test skipped with -short")
	}
	c := startCluster(t)
	admin := c.adminKey("enterprise")
	var mu sync.Mutex
	created := map[string]string{}
	revoked := map[string]bool{}
	unsure := map[string]bool{} // revocations in flight at the kill
	var failed, ok, n atomic.Int32
	var stop atomic.Bool
	var wg sync.WaitGroup
	const workers = 4
	for range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for !stop.Load() {
				r, body, err := c.req(c.client, c.front, "POST", "/v1/keys", admin, `{"name":"churn","scopes":["chat:write"]}`)
				if err != nil || r.StatusCode != 201 {
					failed.Add(1)
					continue
				}
				ok.Add(1)
				var k struct{ ID, Key string }
				json.Unmarshal([]byte(body), &k)
				mu.Lock()
				created[k.ID] = k.Key
				mu.Unlock()
				if n.Add(1)%2 == 0 {
					continue // keep half
				}
				if r, _, err := c.req(c.client, c.front, "DELETE", "/v1/keys/"+k.ID, admin, ""); err == nil && r.StatusCode == 200 {
					ok.Add(1)
					mu.Lock()
					revoked[k.ID] = true
					mu.Unlock()
				} else {
					failed.Add(1)
					mu.Lock()
					unsure[k.ID] = true // it may have committed before the kill
					mu.Unlock()
				}
			}
		}()
	}
	time.Sleep(time.Second)
	c.kill(1)
	time.Sleep(1500 * time.Millisecond)
	stop.Store(true)
	wg.Wait()
	t.Logf("%d requests acknowledged, %d failed (in flight on the killed instance); %d keys created, %d revoked",
		ok.Load(), failed.Load(), len(created), len(revoked))
	if len(created) < 10 {
		t.Fatalf("only %d keys created: the load did not run", len(created))
	}
	if failed.Load() > workers {
		t.Errorf("%d requests failed; at most %d (one in flight per worker) may", failed.Load(), workers)
	}

	audited := c.auditTargets()
	for id, secret := range created {
		if !audited["key.created "+id] {
			t.Errorf("acknowledged creation of %s missing from the audit log", id)
		}
		if revoked[id] && !audited["key.revoked "+id] {
			t.Errorf("acknowledged revocation of %s missing from the audit log", id)
		}
		code, _ := c.do(c.via[2], "POST", "/v1/chat/completions", secret, clusterChat)
		if want := map[bool]int{true: 401, false: 200}[revoked[id]]; code != want && !unsure[id] {
			t.Errorf("key %s (revoked %v): %d via a surviving instance; want %d", id, revoked[id], code, want)
		}
	}

	c.start(1)
	c.waitHealthy(c.via[1])
	checked := 0
	for id, secret := range created {
		if unsure[id] || checked == 10 {
			continue
		}
		checked++
		code, _ := c.do(c.via[1], "POST", "/v1/chat/completions", secret, clusterChat)
		if want := map[bool]int{true: 401, false: 200}[revoked[id]]; code != want {
			t.Errorf("after rejoining, key %s (revoked %v): %d; want %d", id, revoked[id], code, want)
		}
	}
}

// auditTargets reads "action target" of every audit entry from the shared
// database.
func (c *cluster) auditTargets() map[string]bool {
	db, err := sql.Open("pgx", c.pg)
	if err != nil {
		c.t.Fatal(err)
	}
	defer db.Close()
	rows, err := db.QueryContext(context.Background(), `SELECT action, target FROM audit_log`)
	if err != nil {
		c.t.Fatal(err)
	}
	defer rows.Close()
	out := map[string]bool{}
	for rows.Next() {
		var a, tg string
		rows.Scan(&a, &tg)
		out[a+" "+tg] = true
	}
	return out
}
