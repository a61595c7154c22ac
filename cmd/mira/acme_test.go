package main

import (
	"bytes"
	"crypto/tls"
	"crypto/x509"
	"database/sql"
	"fmt"
	"io"
	"net"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/vmira/mira/internal/store/storetest"
	"github.com/vmira/mira/internal/testkit"
	"github.com/vmira/mira/internal/tlsconf"
)

// pebble is a running Pebble (Let's Encrypt's ACME test server) whose
// challenges go to httpPort and tlsPort of 127.0.0.1: pebble-challtestsrv
// answers every DNS name with 127.0.0.1.
type pebble struct {
	dir    string // the ACME directory URL
	caRoot string // what Pebble's own HTTPS is signed by
	mgmt   string // management address (roots)
	logs   *testkit.Buffer
}

func startPebble(t *testing.T, httpPort, tlsPort string) *pebble {
	t.Helper()
	for _, tool := range []string{"pebble", "pebble-challtestsrv"} {
		if _, err := exec.LookPath(tool); err != nil {
			if os.Getenv("MIRA_TEST_REQUIRE_PEBBLE") != "" {
				t.Fatalf("MIRA_TEST_REQUIRE_PEBBLE is set but %s is missing: apt-get install -y pebble", tool)
			}
			t.Skipf("%s not installed (apt-get install -y pebble); set MIRA_TEST_REQUIRE_PEBBLE to make this a failure", tool)
		}
	}
	// Pebble's own HTTPS certificate, for 127.0.0.1.
	certs := t.TempDir()
	own, err := tlsconf.EnsureLocal(certs, time.Now())
	if err != nil {
		t.Fatal(err)
	}
	dns := freePort(t)
	run := func(name string, logs *testkit.Buffer, args ...string) {
		cmd := exec.Command(name, args...)
		cmd.Env = append(os.Environ(), "PEBBLE_VA_NOSLEEP=1", "PEBBLE_WFE_NONCEREJECT=0")
		cmd.Stdout, cmd.Stderr = logs, logs
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { cmd.Process.Signal(syscall.SIGKILL); cmd.Wait() })
	}
	var dnsLogs testkit.Buffer
	run("pebble-challtestsrv", &dnsLogs, "-defaultIPv4", "127.0.0.1", "-defaultIPv6", "", "-dns01", dns,
		"-http01", "", "-https01", "", "-tlsalpn01", "", "-management", freePort(t))
	p := &pebble{caRoot: own.CAPath, mgmt: freePort(t), logs: &testkit.Buffer{}}
	listen := freePort(t)
	_, hp, _ := net.SplitHostPort(httpPort)
	_, tp, _ := net.SplitHostPort(tlsPort)
	conf := fmt.Sprintf(`{"pebble":{"listenAddress":%q,"managementListenAddress":%q,"certificate":%q,"privateKey":%q,
		"httpPort":%s,"tlsPort":%s,"ocspResponderURL":"","externalAccountBindingRequired":false}}`,
		listen, p.mgmt, own.CertPath, own.KeyPath, hp, tp)
	cf := filepath.Join(certs, "pebble.json")
	os.WriteFile(cf, []byte(conf), 0o600)
	run("pebble", p.logs, "-config", cf, "-dnsserver", dns)
	p.dir = "https://" + listen + "/dir"
	hc := &http.Client{Timeout: 5 * time.Second, Transport: &http.Transport{TLSClientConfig: tlsTrusting(t, own.CAPath)}}
	deadline := time.Now().Add(15 * time.Second)
	for {
		if r, err := hc.Get(p.dir); err == nil && r.StatusCode == 200 {
			r.Body.Close()
			return p
		}
		if time.Now().After(deadline) {
			t.Fatalf("pebble did not start:\n%s\n%s", p.logs.String(), dnsLogs.String())
		}
		time.Sleep(50 * time.Millisecond)
	}
}

// roots fetches the root that Pebble issues under, from its management
// interface (a new one each run).
func (p *pebble) roots(t *testing.T) *x509.CertPool {
	t.Helper()
	hc := &http.Client{Timeout: 5 * time.Second, Transport: &http.Transport{TLSClientConfig: tlsTrusting(t, p.caRoot)}}
	r, err := hc.Get("https://" + p.mgmt + "/roots/0")
	if err != nil {
		t.Fatal(err)
	}
	defer r.Body.Close()
	b, _ := io.ReadAll(r.Body)
	pool := x509.NewCertPool()
	if !pool.AppendCertsFromPEM(b) {
		t.Fatalf("pebble's root: %q", b)
	}
	return pool
}

// issued counts the certificates Pebble has issued.
func (p *pebble) issued() int { return strings.Count(p.logs.String(), "Issued certificate serial") }

// startACMEInstance runs `mira serve` for mira.test with Pebble as its CA.
func startACMEInstance(t *testing.T, p *pebble, pg, secret, https, plain, admin string) *testkit.Buffer {
	t.Helper()
	cfg := filepath.Join(t.TempDir(), "mira.yaml")
	os.WriteFile(cfg, fmt.Appendf(nil, "tls:\n  acme:\n    email: ops@example.com\n    ca: %s\n    ca_root: %s\n", p.dir, p.caRoot), 0o600)
	cmd := miraCmd(t, []string{"MIRA_DATA_DIR=" + filepath.Join(t.TempDir(), "data"), "MIRA_DATABASE_URL=" + pg,
		"MIRA_SECRET_KEY_FILE=" + secret, "MIRA_ACME_DOMAINS=mira.test", "MIRA_CONFIG=" + cfg,
		"MIRA_HTTP_LISTEN=" + plain, "MIRA_ADMIN_LISTEN=" + admin}, "serve", "--listen", https)
	logs := &testkit.Buffer{}
	cmd.Stderr = logs
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		cmd.Process.Signal(syscall.SIGKILL)
		cmd.Wait()
		if t.Failed() {
			t.Logf("mira serve %s:\n%s", https, logs.String())
		}
	})
	deadline := time.Now().Add(30 * time.Second)
	for !strings.Contains(logs.String(), "Mira is serving") {
		if time.Now().After(deadline) {
			t.Fatalf("serve did not start:\n%s", logs.String())
		}
		time.Sleep(50 * time.Millisecond)
	}
	return logs
}

// handshake connects to addr as a client of mira.test that trusts only
// roots, and returns the verified chain's leaf.
func handshake(t *testing.T, addr string, roots *x509.CertPool) *x509.Certificate {
	t.Helper()
	d := &net.Dialer{Timeout: 90 * time.Second}
	c, err := tls.DialWithDialer(d, "tcp", addr, &tls.Config{ServerName: "mira.test", RootCAs: roots})
	if err != nil {
		t.Fatalf("TLS handshake with %s as mira.test: %v", addr, err)
	}
	defer c.Close()
	return c.ConnectionState().VerifiedChains[0][0]
}

// TestACMEWithPebble: the first handshake gets a certificate that Pebble
// issued (challenges answered by Mira's own listeners), kept encrypted in
// the shared database; a second instance on the database serves the same
// certificate without a new order.
func TestACMEWithPebble(t *testing.T) {
	https, plain := freePort(t), freePort(t)
	p := startPebble(t, plain, https)
	pg := storetest.PostgresURL(t)
	secret := writeSecret(t, 3)
	admin := freePort(t)
	startACMEInstance(t, p, pg, secret, https, plain, admin)
	roots := p.roots(t)

	leaf := handshake(t, https, roots)
	if len(leaf.DNSNames) != 1 || leaf.DNSNames[0] != "mira.test" {
		t.Fatalf("certificate for %v; want mira.test", leaf.DNSNames)
	}
	if n := p.issued(); n != 1 {
		t.Fatalf("pebble issued %d certificates; want 1", n)
	}

	// A name Mira has no certificate for fails at once, without waiting.
	start := time.Now()
	if c, err := tls.Dial("tcp", https, &tls.Config{ServerName: "other.test", RootCAs: roots}); err == nil {
		c.Close()
		t.Error("a handshake for other.test succeeded")
	}
	if d := time.Since(start); d > 5*time.Second {
		t.Errorf("a handshake for an unknown name took %v", d)
	}

	// The expiry metric (which the expiry alert reads too) follows it.
	r, err := http.Get("http://" + admin + "/metrics")
	if err != nil {
		t.Fatal(err)
	}
	metrics, _ := io.ReadAll(r.Body)
	r.Body.Close()
	if want := fmt.Sprintf("mira_certificate_expiry_timestamp_seconds %g", float64(leaf.NotAfter.Unix())); !strings.Contains(string(metrics), want) {
		t.Errorf("/metrics lacks %q", want)
	}

	// Kept in the database, sealed: no PEM in the clear.
	db, err := sql.Open("pgx", pg)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	rows, err := db.Query(`SELECT name, value FROM acme_storage`)
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for rows.Next() {
		var name string
		var value []byte
		rows.Scan(&name, &value)
		names = append(names, name)
		if bytes.Contains(value, []byte("-----BEGIN")) || bytes.Contains(value, []byte(`"contact"`)) {
			t.Errorf("%s is stored in the clear", name)
		}
	}
	rows.Close()
	if !strings.Contains(strings.Join(names, " "), "mira.test.key") {
		t.Fatalf("no key for mira.test in the database: %v", names)
	}

	https2, plain2 := freePort(t), freePort(t)
	startACMEInstance(t, p, pg, secret, https2, plain2, freePort(t))
	leaf2 := handshake(t, https2, roots)
	if !leaf2.Equal(leaf) {
		t.Errorf("the second instance serves certificate %s; the first %s", leaf2.SerialNumber, leaf.SerialNumber)
	}
	if n := p.issued(); n != 1 {
		t.Errorf("pebble issued %d certificates after the second instance started; want 1", n)
	}
}
