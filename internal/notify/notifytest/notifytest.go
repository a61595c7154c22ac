// Package notifytest holds test helpers for alert delivery shared by
// internal/notify's tests and cmd/mira's end-to-end tests: a real Mailpit
// (SMTP server with an HTTP API to read messages back) and a webhook
// receiver that records deliveries and verifies them with the Standard
// Webhooks project's own library.
package notifytest

import (
	"context"
	"crypto/rand"
	"encoding/base64"
	"encoding/json"
	"io"
	"net"
	"net/http"
	"net/http/httptest"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	standardwebhooks "github.com/standard-webhooks/standard-webhooks/libraries/go"
	"github.com/vmira/mira/internal/testkit"
)

// MailpitVersion is the Mailpit (github.com/axllent/mailpit) the e-mail
// tests run.
const MailpitVersion = "v1.33.1"

// MailpitBinary returns a Mailpit binary: $MIRA_MAILPIT if set (CI builds
// it once), else one built into the user cache directory. When it cannot
// be built the test is skipped, unless MIRA_TEST_REQUIRE_MAILPIT=1.
func MailpitBinary(t testing.TB) string {
	t.Helper()
	return testkit.Tool{Name: "mailpit", Package: "github.com/axllent/mailpit", Version: MailpitVersion,
		EnvBinary: "MIRA_MAILPIT", EnvRequire: "MIRA_TEST_REQUIRE_MAILPIT"}.Binary(t)
}

// Mailpit is a running Mailpit.
type Mailpit struct {
	SMTP string // host:port
	API  string // http://host:port
}

// StartMailpit starts Mailpit on free loopback ports, with extra args,
// until the test ends.
func StartMailpit(t testing.TB, args ...string) *Mailpit {
	t.Helper()
	bin := MailpitBinary(t)
	m := &Mailpit{SMTP: testkit.FreeAddr(t)}
	httpAddr := testkit.FreeAddr(t)
	m.API = "http://" + httpAddr
	ctx, cancel := context.WithCancel(context.Background())
	cmd := exec.CommandContext(ctx, bin, append([]string{
		"--smtp", m.SMTP, "--listen", httpAddr, "--database", filepath.Join(t.TempDir(), "mailpit.db"),
		"--disable-version-check", "--quiet",
	}, args...)...)
	var out strings.Builder
	cmd.Stdout, cmd.Stderr = &out, &out
	if err := cmd.Start(); err != nil {
		cancel()
		t.Fatalf("start Mailpit: %v", err)
	}
	t.Cleanup(func() { cancel(); cmd.Wait() })
	for deadline := time.Now().Add(15 * time.Second); ; {
		resp, err := http.Get(m.API + "/api/v1/messages")
		if err == nil {
			resp.Body.Close()
			if c, err := net.Dial("tcp", m.SMTP); err == nil {
				c.Close()
				return m
			}
		}
		if time.Now().After(deadline) {
			t.Fatalf("Mailpit did not start: %v\n%s", err, out.String())
		}
		time.Sleep(50 * time.Millisecond)
	}
}

// MailAddress is an address as Mailpit's API gives it.
type MailAddress struct{ Address string }

// MailMessage is a message as Mailpit's API gives it.
type MailMessage struct {
	ID        string
	MessageID string
	From      MailAddress
	To        []MailAddress
	Subject   string
	Text      string
}

// Messages reads every message back through Mailpit's HTTP API
// (/api/v1/messages), with bodies.
func (m *Mailpit) Messages(t testing.TB) []MailMessage {
	t.Helper()
	var list struct{ Messages []MailMessage }
	getJSON(t, m.API+"/api/v1/messages", &list)
	for i, s := range list.Messages {
		getJSON(t, m.API+"/api/v1/message/"+s.ID, &list.Messages[i])
	}
	return list.Messages
}

func getJSON(t testing.TB, u string, v any) {
	t.Helper()
	resp, err := http.Get(u)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	if resp.StatusCode != 200 {
		t.Fatalf("GET %s: %s", u, resp.Status)
	}
	if err := json.NewDecoder(resp.Body).Decode(v); err != nil {
		t.Fatalf("GET %s: %v", u, err)
	}
}

// Addresses lists the addresses of as.
func Addresses(as []MailAddress) []string {
	var out []string
	for _, a := range as {
		out = append(out, a.Address)
	}
	return out
}

// NewSecret returns a fresh Standard Webhooks secret, whsec_ and base64.
func NewSecret(t testing.TB) string {
	t.Helper()
	b := make([]byte, 32)
	rand.Read(b)
	return "whsec_" + base64.StdEncoding.EncodeToString(b)
}

// WebhookBody is the JSON of an alert.raised webhook (SPEC: Monitoring
// and alerts on suspicious activity).
type WebhookBody struct {
	Type      string `json:"type"`
	Timestamp string `json:"timestamp"`
	Data      struct {
		ID        string         `json:"id"`
		Rule      string         `json:"rule"`
		Severity  string         `json:"severity"`
		Subject   string         `json:"subject"`
		Count     int            `json:"count"`
		FirstSeen string         `json:"first_seen"`
		LastSeen  string         `json:"last_seen"`
		Details   map[string]any `json:"details"`
	} `json:"data"`
}

// Delivery is one request a Receiver got.
type Delivery struct {
	At       time.Time
	Header   http.Header
	Body     []byte
	Status   int   // what the receiver answered
	Verified error // the Standard Webhooks library's verdict on the signature
	Parsed   WebhookBody
}

// ID is the delivery's webhook-id.
func (d Delivery) ID() string { return d.Header.Get("webhook-id") }

// Receiver is a loopback http webhook receiver that records every request,
// verifies its signature with the Standard Webhooks library and answers
// with the status set by SetStatus (200 at first).
type Receiver struct {
	*httptest.Server
	wh     *standardwebhooks.Webhook
	mu     sync.Mutex
	got    []Delivery
	status int
}

// NewReceiver starts a Receiver for webhooks signed with secret.
func NewReceiver(t testing.TB, secret string) *Receiver {
	t.Helper()
	wh, err := standardwebhooks.NewWebhook(secret)
	if err != nil {
		t.Fatal(err)
	}
	r := &Receiver{wh: wh, status: http.StatusOK}
	r.Server = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, req *http.Request) {
		body, _ := io.ReadAll(req.Body)
		d := Delivery{At: time.Now(), Header: req.Header.Clone(), Body: body}
		d.Verified = r.wh.Verify(body, req.Header)
		if err := json.Unmarshal(body, &d.Parsed); err != nil && d.Verified == nil {
			d.Verified = err
		}
		r.mu.Lock()
		d.Status = r.status
		r.got = append(r.got, d)
		r.mu.Unlock()
		w.WriteHeader(d.Status)
	}))
	t.Cleanup(r.Close)
	return r
}

// SetStatus sets the status the receiver answers from now on.
func (r *Receiver) SetStatus(code int) {
	r.mu.Lock()
	r.status = code
	r.mu.Unlock()
}

// Deliveries returns the requests received so far.
func (r *Receiver) Deliveries() []Delivery {
	r.mu.Lock()
	defer r.mu.Unlock()
	return append([]Delivery(nil), r.got...)
}
