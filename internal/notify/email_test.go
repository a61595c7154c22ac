package notify_test

import (
	"bufio"
	"context"
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/x509"
	"crypto/x509/pkix"
	"encoding/pem"
	"fmt"
	"math/big"
	"net"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/vmira/mira/internal/config"
	"github.com/vmira/mira/internal/notify"
	"github.com/vmira/mira/internal/notify/notifytest"
	"github.com/vmira/mira/internal/store/storetest"
)

func startMailpit(t *testing.T, args ...string) *notifytest.Mailpit {
	t.Helper()
	return notifytest.StartMailpit(t, args...)
}

// TestEmailThroughMailpit: plain SMTP to a loopback Mailpit (no STARTTLS
// needed there), to the channel's recipients and the message's extra ones.
func TestEmailThroughMailpit(t *testing.T) {
	mp := startMailpit(t)
	db := storetest.OpenSQLite(t)
	n, err := notify.New(db, []config.AlertChannel{{Name: "mail", Type: "email", SMTP: mp.SMTP,
		From: "Mira <mira@example.test>", To: []string{"sec@example.test"}}}, env(), notify.Options{})
	if err != nil {
		t.Fatal(err)
	}
	m := testMessage("alt_mail")
	m.ExtraTo = []string{"owner@example.test", "sec@example.test"}
	m.Subject = "key mk_1\r\nBcc: victim@example.test" // header injection attempt
	if err := n.Enqueue(context.Background(), nil, m); err != nil {
		t.Fatal(err)
	}
	if k := deliverDue(t, n); k != 1 {
		t.Fatalf("DeliverDue claimed %d; want 1", k)
	}
	if _, delivered, _, lastErr := outboxState(t, db, "alt_mail"); !delivered {
		t.Fatalf("not delivered: %s", lastErr)
	}
	msgs := mp.Messages(t)
	if len(msgs) != 1 {
		t.Fatalf("Mailpit holds %d messages; want 1", len(msgs))
	}
	got := msgs[0]
	if to := strings.Join(notifytest.Addresses(got.To), ","); to != "sec@example.test,owner@example.test" {
		t.Errorf("To = %s; want sec@example.test,owner@example.test", to)
	}
	if got.From.Address != "mira@example.test" {
		t.Errorf("From = %s", got.From.Address)
	}
	if got.MessageID != "alert.alt_mail@example.test" {
		t.Errorf("Message-ID = %q; want alert.alt_mail@example.test (stable across retries)", got.MessageID)
	}
	wantSubject := "[Mira] HIGH alert auth_failures_burst: key mk_1  Bcc: victim@example.test (31 times, 2026-12-06T10:00:00Z to 2026-12-06T10:01:00Z) [alt_mail]"
	if got.Subject != wantSubject {
		t.Errorf("Subject = %q; want %q", got.Subject, wantSubject)
	}
	for _, line := range []string{"Rule:       auth_failures_burst", "Severity:   high", "Count:      31",
		"First seen: 2026-12-06T10:00:00Z", "Last seen:  2026-12-06T10:01:00Z", "threshold: 30", "window: 1m"} {
		if !strings.Contains(got.Text, line) {
			t.Errorf("body lacks %q:\n%s", line, got.Text)
		}
	}
}

// TestEmailStartTLS: Mailpit requiring STARTTLS and AUTH, with a
// certificate Mira is told to trust: delivered, with the password from a
// 0600 file. With the system roots (which do not hold that certificate)
// the delivery fails and is retried: the certificate is verified.
func TestEmailStartTLS(t *testing.T) {
	certFile, keyFile, pool := selfSigned(t)
	mp := startMailpit(t, "--smtp-tls-cert", certFile, "--smtp-tls-key", keyFile, "--smtp-require-starttls", "--smtp-auth-accept-any")
	pwFile := filepath.Join(t.TempDir(), "smtp-password")
	if err := os.WriteFile(pwFile, []byte("s3cret-smtp-pass\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	ch := config.AlertChannel{Name: "mail", Type: "email", SMTP: mp.SMTP, From: "mira@example.test",
		To: []string{"sec@example.test"}, Username: "mira", PasswordFile: pwFile}
	db := storetest.OpenSQLite(t)

	untrusting, err := notify.New(db, []config.AlertChannel{ch}, env(), notify.Options{})
	if err != nil {
		t.Fatal(err)
	}
	if err := untrusting.Enqueue(context.Background(), nil, testMessage("alt_tls")); err != nil {
		t.Fatal(err)
	}
	deliverDue(t, untrusting)
	attempts, delivered, _, lastErr := outboxState(t, db, "alt_tls")
	if delivered || !strings.Contains(lastErr, "certificate") {
		t.Errorf("with an untrusted certificate: delivered %v, last error %q; want a certificate error", delivered, lastErr)
	}
	if len(mp.Messages(t)) != 0 {
		t.Fatal("a message got through an unverified TLS connection")
	}

	n, err := notify.New(db, []config.AlertChannel{ch}, env(), notify.Options{
		Email: notify.EmailOptions{RootCAs: pool}, Now: func() time.Time { return time.Now().Add(time.Hour) }})
	if err != nil {
		t.Fatal(err)
	}
	deliverDue(t, n)
	if a, delivered, _, lastErr := outboxState(t, db, "alt_tls"); !delivered || a != attempts+1 {
		t.Fatalf("over STARTTLS: delivered %v after %d attempts (%s)", delivered, a, lastErr)
	}
	if msgs := mp.Messages(t); len(msgs) != 1 || msgs[0].Subject == "" {
		t.Errorf("Mailpit holds %v; want the one alert", msgs)
	}
}

// TestEmailRefusesCleartextOffLoopback: a server on a non-loopback address
// that offers no STARTTLS gets neither the message nor the password.
func TestEmailRefusesCleartextOffLoopback(t *testing.T) {
	ip := nonLoopbackIP(t)
	l, err := net.Listen("tcp", net.JoinHostPort(ip, "0"))
	if err != nil {
		t.Skipf("cannot listen on %s: %v", ip, err)
	}
	defer l.Close()
	var mu sync.Mutex
	var heard []string
	go func() {
		for {
			c, err := l.Accept()
			if err != nil {
				return
			}
			go func() {
				defer c.Close()
				fmt.Fprintf(c, "220 cleartext ESMTP\r\n")
				r := bufio.NewReader(c)
				for {
					line, err := r.ReadString('\n')
					if err != nil {
						return
					}
					mu.Lock()
					heard = append(heard, strings.TrimSpace(line))
					mu.Unlock()
					switch strings.ToUpper(strings.Fields(line + " x")[0]) {
					case "EHLO":
						fmt.Fprintf(c, "250-cleartext\r\n250 AUTH PLAIN LOGIN\r\n")
					case "QUIT":
						fmt.Fprintf(c, "221 bye\r\n")
						return
					default:
						fmt.Fprintf(c, "250 ok\r\n")
					}
				}
			}()
		}
	}()
	db := storetest.OpenSQLite(t)
	n, err := notify.New(db, []config.AlertChannel{{Name: "mail", Type: "email", SMTP: l.Addr().String(), From: "mira@example.test",
		To: []string{"sec@example.test"}, Username: "mira", PasswordEnv: "PW"}}, env("PW", "s3cret-smtp-pass"), notify.Options{})
	if err != nil {
		t.Fatal(err)
	}
	if err := n.Enqueue(context.Background(), nil, testMessage("alt_clear")); err != nil {
		t.Fatal(err)
	}
	deliverDue(t, n)
	_, delivered, _, lastErr := outboxState(t, db, "alt_clear")
	if delivered || !strings.Contains(lastErr, "does not offer STARTTLS") {
		t.Errorf("delivered %v, last error %q; want a refusal for lack of STARTTLS", delivered, lastErr)
	}
	mu.Lock()
	defer mu.Unlock()
	for _, l := range heard {
		if u := strings.ToUpper(l); strings.HasPrefix(u, "AUTH") || strings.HasPrefix(u, "MAIL") || strings.HasPrefix(u, "DATA") {
			t.Errorf("server heard %q over cleartext", l)
		}
	}
}

func nonLoopbackIP(t *testing.T) string {
	addrs, err := net.InterfaceAddrs()
	if err != nil {
		t.Skipf("no interfaces: %v", err)
	}
	for _, a := range addrs {
		if ipn, ok := a.(*net.IPNet); ok && !ipn.IP.IsLoopback() && ipn.IP.To4() != nil {
			return ipn.IP.String()
		}
	}
	t.Skip("no non-loopback IPv4 address to listen on")
	return ""
}

// selfSigned writes a certificate for 127.0.0.1 and localhost and returns
// its files and a pool trusting it.
func selfSigned(t *testing.T) (certFile, keyFile string, pool *x509.CertPool) {
	t.Helper()
	key, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	if err != nil {
		t.Fatal(err)
	}
	tmpl := &x509.Certificate{
		SerialNumber: big.NewInt(1), Subject: pkix.Name{CommonName: "mailpit test"},
		NotBefore: time.Now().Add(-time.Hour), NotAfter: time.Now().Add(24 * time.Hour),
		IPAddresses: []net.IP{net.ParseIP("127.0.0.1")}, DNSNames: []string{"localhost"},
		KeyUsage: x509.KeyUsageDigitalSignature | x509.KeyUsageCertSign, ExtKeyUsage: []x509.ExtKeyUsage{x509.ExtKeyUsageServerAuth},
		IsCA: true, BasicConstraintsValid: true,
	}
	der, err := x509.CreateCertificate(rand.Reader, tmpl, tmpl, &key.PublicKey, key)
	if err != nil {
		t.Fatal(err)
	}
	cert, _ := x509.ParseCertificate(der)
	pool = x509.NewCertPool()
	pool.AddCert(cert)
	kb, _ := x509.MarshalECPrivateKey(key)
	dir := t.TempDir()
	certFile, keyFile = filepath.Join(dir, "cert.pem"), filepath.Join(dir, "key.pem")
	os.WriteFile(certFile, pem.EncodeToMemory(&pem.Block{Type: "CERTIFICATE", Bytes: der}), 0o600)
	os.WriteFile(keyFile, pem.EncodeToMemory(&pem.Block{Type: "EC PRIVATE KEY", Bytes: kb}), 0o600)
	return certFile, keyFile, pool
}
