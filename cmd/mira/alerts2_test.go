package main

import (
	"context"
	"crypto/rand"
	"crypto/tls"
	"fmt"
	"math/big"
	"net"
	"net/http"
	"net/http/cookiejar"
	"os"
	"strings"
	"sync"
	"testing"
	"time"

	"golang.org/x/oauth2"

	"github.com/vmira/mira/internal/alerts"
	"github.com/vmira/mira/internal/apikey"
	"github.com/vmira/mira/internal/store/storetest"
)

// randomBase62 returns n random characters of a key's alphabet.
func randomBase62(t *testing.T, n int) string {
	t.Helper()
	const alphabet = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"
	b := make([]byte, n)
	for i := range b {
		j, err := rand.Int(rand.Reader, big.NewInt(int64(len(alphabet))))
		if err != nil {
			t.Fatal(err)
		}
		b[i] = alphabet[j.Int64()]
	}
	return string(b)
}

// TestAlertKeyPrefixBurstEndToEnd: 30 guesses at keys sharing one display
// prefix, each from its own address (127.0.0.10..39), raise one
// auth_failures_burst naming the prefix and never more of a key; no
// address reaches the threshold alone.
func TestAlertKeyPrefixBurstEndToEnd(t *testing.T) {
	ts := startServer(t, "", nil)
	adminKey, _ := ts.createKey(t, "--scopes", "admin")
	prefix := apikey.Prefix + randomBase62(t, 4)
	var guesses []string
	for i := range 30 {
		guess := prefix + apikey.Generate()[12:] // shaped like a key; checksum wrong or not
		guesses = append(guesses, guess)
		ip := fmt.Sprintf("127.0.0.%d", 10+i)
		status, body := ts.doFrom(t, ts.from(t, ip), "GET", "/v1/models", guess, "")
		if status != 401 {
			t.Fatalf("guess %d from %s: %d %s", i, ip, status, body)
		}
	}
	got := ts.waitAlerts(t, adminKey, "rule=auth_failures_burst", 1)
	time.Sleep(1500 * time.Millisecond) // a later flush raises nothing more
	got = ts.listAlerts(t, adminKey, "rule=auth_failures_burst")
	if len(got) != 1 || got[0].Subject != "prefix:"+prefix || got[0].Details["prefix"] != prefix || got[0].OrgID != "" || got[0].Count != 1 {
		t.Fatalf("auth_failures_burst alerts = %+v; want one for prefix:%s", got, prefix)
	}
	if n, _ := got[0].Details["events"].(float64); n < 30 {
		t.Errorf("details.events = %v; want at least 30", got[0].Details["events"])
	}
	r, raw := ts.do(t, "GET", "/v1/alerts?rule=auth_failures_burst", adminKey, "")
	if r.StatusCode != 200 {
		t.Fatalf("GET /v1/alerts: %d %s", r.StatusCode, raw)
	}
	for _, g := range guesses {
		if strings.Contains(raw, g[12:24]) {
			t.Fatalf("the alert shows more of a presented key than its display prefix: %s", raw)
		}
	}
	if m := apikey.Pattern.FindString(raw); m != "" {
		t.Fatalf("the alert shows a whole key: %s", m)
	}
}

// TestAlertsSharedAcrossInstances: two mira serve instances on one
// PostgreSQL database and one Redis each see 15 of 30 failed
// authentications from one address: exactly one auth_failures_burst,
// seen the same on both.
func TestAlertsSharedAcrossInstances(t *testing.T) {
	redisURL := os.Getenv("MIRA_TEST_REDIS_URL")
	if redisURL == "" {
		t.Skip("MIRA_TEST_REDIS_URL not set")
	}
	a := startServer(t, "", map[string]string{"MIRA_REDIS_URL": redisURL, "MIRA_DATABASE_URL": storetest.PostgresURL(t)})
	benv := map[string]string{}
	for k, v := range a.env {
		benv[k] = v
	}
	benv["MIRA_LISTEN"], benv["MIRA_HTTP_LISTEN"], benv["MIRA_ADMIN_LISTEN"] = "127.0.0.1:0", "127.0.0.1:0", "127.0.0.1:0"
	b := startWithEnv(t, benv)
	adminKey, _ := a.createKey(t, "--scopes", "admin")

	// An address of its own per run: alert claims in the shared Redis
	// outlive a test run by a window.
	n, _ := rand.Int(rand.Reader, big.NewInt(200*250))
	ip := fmt.Sprintf("127.%d.%d.%d", 100+n.Int64()/250/200%100, n.Int64()/250%200+20, n.Int64()%250+2)
	var wg sync.WaitGroup
	for side, ts := range []*testServer{a, b} {
		wg.Go(func() {
			c := ts.from(t, ip)
			for i := range 15 {
				// Not shaped like keys: only the address is counted.
				status, body := ts.doFrom(t, c, "GET", "/v1/models", fmt.Sprintf("sk-mira-not-a-key-%d-%d", side, i), "")
				if status != 401 && status != 429 {
					t.Errorf("instance %d, failure %d: %d %s", side, i, status, body)
					return
				}
			}
		})
	}
	wg.Wait()
	if t.Failed() {
		t.FailNow()
	}
	a.waitAlerts(t, adminKey, "rule=auth_failures_burst", 1)
	time.Sleep(2500 * time.Millisecond) // both instances flush again
	var ids []string
	for side, ts := range []*testServer{a, b} {
		got := ts.listAlerts(t, adminKey, "rule=auth_failures_burst")
		if len(got) != 1 || got[0].Subject != ip || got[0].Count != 1 {
			t.Fatalf("instance %d: auth_failures_burst alerts = %+v; want exactly one for %s, count 1", side, got, ip)
		}
		ids = append(ids, got[0].ID)
	}
	if ids[0] != ids[1] {
		t.Errorf("the instances list different alerts: %v", ids)
	}
	if all := b.listAlerts(t, adminKey, ""); len(all) != 2 { // and privileged_key_created
		var rules []string
		for _, x := range all {
			rules = append(rules, x.Rule+":"+x.Subject)
		}
		t.Errorf("alerts = %v; want auth_failures_burst and privileged_key_created only", rules)
	}
}

// browserFrom is a browser whose connections come from the local address ip.
func browserFrom(t *testing.T, ts *testServer, ip string) *browser {
	t.Helper()
	b := newBrowser(t, ts)
	jar, _ := cookiejar.New(nil)
	d := &net.Dialer{LocalAddr: &net.TCPAddr{IP: net.ParseIP(ip)}, Timeout: 5 * time.Second}
	b.c.Jar = jar
	b.c.Transport = &http.Transport{TLSClientConfig: &tls.Config{RootCAs: caPool(t, ts.CAPath)}, DialContext: d.DialContext}
	return b
}

// deviceLogin runs the device flow with golang.org/x/oauth2 as a CLI on
// 127.0.0.1 while the browser b approves it, and returns the user code.
func deviceLogin(t *testing.T, ts *testServer, b *browser) string {
	t.Helper()
	cfg := &oauth2.Config{ClientID: "mira-cli", Endpoint: oauth2.Endpoint{
		DeviceAuthURL: ts.URL() + "/oauth/device/code", TokenURL: ts.URL() + "/oauth/token"}}
	ctx, cancel := context.WithTimeout(context.WithValue(context.Background(), oauth2.HTTPClient, ts.from(t, "127.0.0.1")), time.Minute)
	defer cancel()
	da, err := cfg.DeviceAuth(ctx)
	if err != nil {
		t.Fatalf("DeviceAuth: %v", err)
	}
	approved := make(chan error, 1)
	go func() {
		err := b.approveFromCompleteURI(da.VerificationURIComplete, da.UserCode)
		if err != nil {
			cancel()
		}
		approved <- err
	}()
	tok, err := cfg.DeviceAccessToken(ctx, da)
	if berr := <-approved; berr != nil {
		t.Fatalf("the browser: %v", berr)
	}
	if err != nil || tok.AccessToken == "" {
		t.Fatalf("DeviceAccessToken: %v", err)
	}
	return da.UserCode
}

// TestAlertDeviceApprovalMismatch: a device approval from the CLI's own
// address raises nothing; one from another address raises
// device_approval_mismatch naming both addresses.
func TestAlertDeviceApprovalMismatch(t *testing.T) {
	ts := startServer(t, "", nil)
	adminKey, _ := ts.createKey(t, "--scopes", "admin") // makes the user too
	user := ts.user(t, devEmail)

	deviceLogin(t, ts, browserFrom(t, ts, "127.0.0.1"))
	time.Sleep(2500 * time.Millisecond) // audit polls and flushes
	if got := ts.listAlerts(t, adminKey, "rule=device_approval_mismatch"); len(got) != 0 {
		t.Fatalf("an approval from the CLI's own address raised %+v", got)
	}

	deviceLogin(t, ts, browserFrom(t, ts, "127.0.0.2"))
	got := ts.waitAlerts(t, adminKey, "rule=device_approval_mismatch", 1)
	if len(got) != 1 || got[0].Rule != alerts.DeviceApprovalMismatch || got[0].Subject != user.ID || got[0].Count != 1 ||
		got[0].Details["cli_ip"] != "127.0.0.1" || got[0].Details["approver_ip"] != "127.0.0.2" || got[0].OrgID == "" {
		t.Fatalf("device_approval_mismatch alerts = %+v; want one for %s, CLI 127.0.0.1, approver 127.0.0.2", got, user.ID)
	}
}
