package notify_test

import (
	"bytes"
	"context"
	"crypto/rand"
	"database/sql"
	"encoding/base64"
	"encoding/json"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	standardwebhooks "github.com/standard-webhooks/standard-webhooks/libraries/go"

	"github.com/vmira/mira/internal/config"
	"github.com/vmira/mira/internal/notify"
	"github.com/vmira/mira/internal/store"
	"github.com/vmira/mira/internal/store/storetest"
	"github.com/vmira/mira/internal/testkit"
)

func newSecret(t testing.TB) string {
	t.Helper()
	b := make([]byte, 32)
	rand.Read(b)
	return "whsec_" + base64.StdEncoding.EncodeToString(b)
}

func env(kv ...string) func(string) string {
	m := map[string]string{}
	for i := 0; i+1 < len(kv); i += 2 {
		m[kv[i]] = kv[i+1]
	}
	return func(k string) string { return m[k] }
}

func testMessage(id string) notify.Message {
	return notify.Message{
		ID: id, Rule: "auth_failures_burst", Severity: "high", Subject: "203.0.113.7", Count: 31,
		FirstSeen: time.Date(2026, 12, 6, 10, 0, 0, 0, time.UTC),
		LastSeen:  time.Date(2026, 12, 6, 10, 1, 0, 0, time.UTC),
		Details:   map[string]any{"window": "1m", "threshold": 30},
	}
}

// delivery is one request a receiver got.
type delivery struct {
	header http.Header
	body   []byte
}

// receiver is an httptest server that records requests and answers with
// status(n) for the nth (from 1).
type receiver struct {
	*httptest.Server
	mu     sync.Mutex
	got    []delivery
	status func(n int) (int, http.Header)
}

func newReceiver(t testing.TB, status func(n int) (int, http.Header)) *receiver {
	r := &receiver{status: status}
	r.Server = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, req *http.Request) {
		body, _ := io.ReadAll(req.Body)
		r.mu.Lock()
		r.got = append(r.got, delivery{req.Header.Clone(), body})
		n := len(r.got)
		r.mu.Unlock()
		code, h := r.status(n)
		for k, v := range h {
			w.Header()[k] = v
		}
		w.WriteHeader(code)
	}))
	t.Cleanup(r.Close)
	return r
}

func (r *receiver) requests() []delivery {
	r.mu.Lock()
	defer r.mu.Unlock()
	return append([]delivery(nil), r.got...)
}

func always(code int) func(int) (int, http.Header) {
	return func(int) (int, http.Header) { return code, nil }
}

// fullJitter makes the backoff deterministic: the whole ceiling.
func fullJitter(d time.Duration) time.Duration { return d }

func outboxState(t testing.TB, db *store.DB, msgID string) (attempts int, delivered, failed bool, lastError string) {
	t.Helper()
	var d, f sql.NullInt64
	err := db.SQL().QueryRowContext(context.Background(), db.Rebind(
		`SELECT attempts, delivered_at, failed_at, last_error FROM alert_outbox WHERE message_id = ?`), msgID).Scan(&attempts, &d, &f, &lastError)
	if err != nil {
		t.Fatalf("read outbox row %s: %v", msgID, err)
	}
	return attempts, d.Valid, f.Valid, lastError
}

func deliverDue(t testing.TB, n *notify.Notifier) int {
	t.Helper()
	k, err := n.DeliverDue(context.Background())
	if err != nil {
		t.Fatalf("DeliverDue: %v", err)
	}
	return k
}

// TestWebhookVerifiedByStandardWebhooks checks the body and the signature
// with the Standard Webhooks project's own Go library, on the real clock.
func TestWebhookVerifiedByStandardWebhooks(t *testing.T) {
	storetest.EachDB(t, func(t *testing.T, db *store.DB) {
		secret := newSecret(t)
		rcv := newReceiver(t, always(http.StatusNoContent))
		n, err := notify.New(db, []config.AlertChannel{{Name: "ops", Type: "webhook", URL: rcv.URL + "/hook", SecretEnv: "S"}},
			env("S", secret), notify.Options{})
		if err != nil {
			t.Fatal(err)
		}
		ctx := context.Background()
		if err := n.Enqueue(ctx, nil, testMessage("alt_1")); err != nil {
			t.Fatal(err)
		}
		if k := deliverDue(t, n); k != 1 {
			t.Fatalf("DeliverDue claimed %d rows; want 1", k)
		}
		got := rcv.requests()
		if len(got) != 1 {
			t.Fatalf("receiver got %d requests; want 1", len(got))
		}
		wh, err := standardwebhooks.NewWebhook(secret)
		if err != nil {
			t.Fatal(err)
		}
		if err := wh.Verify(got[0].body, got[0].header); err != nil {
			t.Errorf("standardwebhooks Verify: %v", err)
		}
		if id := got[0].header.Get("webhook-id"); id != "alt_1" {
			t.Errorf("webhook-id = %q; want alt_1", id)
		}
		// A wrong secret must not verify.
		other, _ := standardwebhooks.NewWebhook(newSecret(t))
		if err := other.Verify(got[0].body, got[0].header); err == nil {
			t.Error("Verify with another secret succeeded")
		}
		var body map[string]any
		if err := json.Unmarshal(got[0].body, &body); err != nil {
			t.Fatal(err)
		}
		if _, err := time.Parse(time.RFC3339, body["timestamp"].(string)); err != nil {
			t.Errorf("timestamp %v is not RFC 3339", body["timestamp"])
		}
		delete(body, "timestamp")
		want := map[string]any{
			"type": "alert.raised",
			"data": map[string]any{
				"id": "alt_1", "rule": "auth_failures_burst", "severity": "high", "subject": "203.0.113.7", "count": 31.0,
				"first_seen": "2026-12-06T10:00:00Z", "last_seen": "2026-12-06T10:01:00Z",
				"details": map[string]any{"window": "1m", "threshold": 30.0},
			},
		}
		if diff := cmp.Diff(want, body); diff != "" {
			t.Errorf("webhook body (-want +got):\n%s", diff)
		}
		if _, delivered, _, _ := outboxState(t, db, "alt_1"); !delivered {
			t.Error("row not marked delivered")
		}
		// Enqueuing the same alert again queues nothing: receivers
		// deduplicate by webhook-id, and so does the outbox.
		if err := n.Enqueue(ctx, nil, testMessage("alt_1")); err != nil {
			t.Fatal(err)
		}
		if k := deliverDue(t, n); k != 0 {
			t.Errorf("after a duplicate Enqueue DeliverDue claimed %d rows; want 0", k)
		}
	})
}

// TestWebhookRetries: a receiver failing with 500 three times and then
// answering 200 gets the alert four times, always with the same webhook-id
// and a valid signature, after backoffs of 5 s, 10 s and 20 s (full jitter
// pinned at its ceiling), and is marked delivered once.
func TestWebhookRetries(t *testing.T) {
	storetest.EachDB(t, func(t *testing.T, db *store.DB) {
		secret := newSecret(t)
		rcv := newReceiver(t, func(n int) (int, http.Header) {
			if n <= 3 {
				return http.StatusInternalServerError, nil
			}
			return http.StatusOK, nil
		})
		clock := testkit.NewClock(time.Date(2026, 12, 6, 12, 0, 0, 0, time.UTC))
		n, err := notify.New(db, []config.AlertChannel{{Name: "ops", Type: "webhook", URL: rcv.URL, SecretEnv: "S"}},
			env("S", secret), notify.Options{Now: clock.Now, Jitter: fullJitter})
		if err != nil {
			t.Fatal(err)
		}
		if err := n.Enqueue(context.Background(), nil, testMessage("alt_retry")); err != nil {
			t.Fatal(err)
		}
		var sentAt []time.Duration
		start := clock.Now()
		for range 200 {
			if deliverDue(t, n) > 0 {
				sentAt = append(sentAt, clock.Now().Sub(start))
			}
			clock.Advance(time.Second)
		}
		if diff := cmp.Diff([]time.Duration{0, 5 * time.Second, 15 * time.Second, 35 * time.Second}, sentAt); diff != "" {
			t.Errorf("attempt times (-want +got):\n%s", diff)
		}
		wh, _ := standardwebhooks.NewWebhook(secret)
		got := rcv.requests()
		for i, d := range got {
			if id := d.header.Get("webhook-id"); id != "alt_retry" {
				t.Errorf("attempt %d: webhook-id = %q; want alt_retry", i+1, id)
			}
			// The fake clock is not the library's clock: check the
			// signature here and the timestamp against the fake clock.
			if err := wh.VerifyIgnoringTimestamp(d.body, d.header); err != nil {
				t.Errorf("attempt %d: signature: %v", i+1, err)
			}
			if ts, want := d.header.Get("webhook-timestamp"), strconv.FormatInt(start.Add(sentAt[min(i, len(sentAt)-1)]).Unix(), 10); ts != want {
				t.Errorf("attempt %d: webhook-timestamp = %s; want %s (send time)", i+1, ts, want)
			}
			if !bytes.Equal(d.body, got[0].body) {
				t.Errorf("attempt %d: body differs from the first attempt's", i+1)
			}
		}
		attempts, delivered, failed, _ := outboxState(t, db, "alt_retry")
		if attempts != 4 || !delivered || failed {
			t.Errorf("outbox row: attempts %d, delivered %v, failed %v; want 4, true, false", attempts, delivered, failed)
		}
	})
}

// TestRetryAfterGoneAndGivingUp: Retry-After is honoured, 410 Gone is
// final, and other failures are retried for 24 h after the first attempt,
// then marked failed with an error in the log.
func TestRetryAfterGoneAndGivingUp(t *testing.T) {
	storetest.EachDB(t, func(t *testing.T, db *store.DB) {
		clock := testkit.NewClock(time.Date(2026, 12, 6, 12, 0, 0, 0, time.UTC))
		var logs syncBuffer
		ra := newReceiver(t, func(int) (int, http.Header) {
			return http.StatusTooManyRequests, http.Header{"Retry-After": {"120"}}
		})
		gone := newReceiver(t, always(http.StatusGone))
		dead := newReceiver(t, always(http.StatusBadGateway))
		secret := newSecret(t)
		mk := func(name, u string) config.AlertChannel {
			return config.AlertChannel{Name: name, Type: "webhook", URL: u, SecretEnv: "S"}
		}
		n, err := notify.New(db, []config.AlertChannel{mk("ra", ra.URL), mk("gone", gone.URL), mk("dead", dead.URL)},
			env("S", secret), notify.Options{Now: clock.Now, Jitter: fullJitter, Logger: slog.New(slog.NewTextHandler(&logs, nil))})
		if err != nil {
			t.Fatal(err)
		}
		if err := n.Enqueue(context.Background(), nil, testMessage("alt_x")); err != nil {
			t.Fatal(err)
		}
		deliverDue(t, n) // first attempt on all three
		clock.Advance(119 * time.Second)
		deliverDue(t, n)
		if k := len(ra.requests()); k != 1 {
			t.Errorf("Retry-After: 120 receiver got %d requests within 119 s; want 1", k)
		}
		clock.Advance(time.Second)
		deliverDue(t, n)
		if k := len(ra.requests()); k != 2 {
			t.Errorf("Retry-After: 120 receiver got %d requests at 120 s; want 2", k)
		}
		for range 30 * 25 { // 25 h in 2-minute steps
			clock.Advance(2 * time.Minute)
			deliverDue(t, n)
		}
		if k := len(gone.requests()); k != 1 {
			t.Errorf("410 Gone receiver got %d requests; want 1", k)
		}
		k := len(dead.requests())
		// 5 s doubling to a 1 h cap: 5+10+...+2560 s (~85 min, 10 attempts),
		// then hourly: about 33 attempts in 24 h.
		if k < 25 || k > 40 {
			t.Errorf("dead receiver got %d requests in 25 h; want about 33", k)
		}
		var rows []string
		rs, err := db.SQL().Query(`SELECT channel, failed_at IS NOT NULL, delivered_at IS NOT NULL, last_error FROM alert_outbox ORDER BY channel`)
		if err != nil {
			t.Fatal(err)
		}
		for rs.Next() {
			var ch, le string
			var f, d bool
			rs.Scan(&ch, &f, &d, &le)
			rows = append(rows, ch+" failed="+strconv.FormatBool(f)+" delivered="+strconv.FormatBool(d)+" "+le)
		}
		rs.Close()
		want := []string{
			"dead failed=true delivered=false receiver answered 502 Bad Gateway",
			"gone failed=true delivered=false receiver answered 410 Gone",
			"ra failed=true delivered=false receiver answered 429 Too Many Requests",
		}
		if diff := cmp.Diff(want, rows); diff != "" {
			t.Errorf("outbox (-want +got):\n%s", diff)
		}
		if !strings.Contains(logs.String(), "level=ERROR msg=\"alert delivery failed; giving up\" channel=dead") {
			t.Errorf("no error logged for the dead channel; log:\n%s", logs.String())
		}
	})
}

// TestRestart: an alert queued by one process is delivered by the next
// (the row outlives the process), once; and a process killed after sending
// but before recording it leaves a row that the next process sends again
// after the lease, with the same webhook-id, so the receiver can drop it.
func TestRestart(t *testing.T) {
	storetest.EachLocation(t, func(t *testing.T, url, dir string) {
		secret := newSecret(t)
		rcv := newReceiver(t, always(http.StatusOK))
		chans := []config.AlertChannel{{Name: "ops", Type: "webhook", URL: rcv.URL, SecretEnv: "S"}}
		clock := testkit.NewClock(time.Date(2026, 12, 6, 12, 0, 0, 0, time.UTC))
		opts := notify.Options{Now: clock.Now, Jitter: fullJitter}

		db1, err := store.Open(context.Background(), url, dir)
		if err != nil {
			t.Fatal(err)
		}
		n1, err := notify.New(db1, chans, env("S", secret), opts)
		if err != nil {
			t.Fatal(err)
		}
		// The alert and its delivery commit in the caller's transaction.
		err = db1.InTx(context.Background(), func(tx *store.Tx) error {
			return n1.Enqueue(context.Background(), tx.SQL(), testMessage("alt_restart"))
		})
		if err != nil {
			t.Fatal(err)
		}
		db1.Close() // the process dies before its loop ran

		db2 := storetest.Open(t, url, dir)
		n2, err := notify.New(db2, chans, env("S", secret), opts)
		if err != nil {
			t.Fatal(err)
		}
		for range 3 {
			deliverDue(t, n2)
			clock.Advance(time.Hour)
		}
		if k := len(rcv.requests()); k != 1 {
			t.Errorf("receiver got %d requests after restart; want 1", k)
		}

		// Killed mid-delivery: the receiver got it, the outcome never got
		// written (db3 closes under the sender).
		db3, err := store.Open(context.Background(), url, dir)
		if err != nil {
			t.Fatal(err)
		}
		var once sync.Once
		killer := newReceiver(t, func(int) (int, http.Header) {
			once.Do(func() { db3.Close() })
			return http.StatusOK, nil
		})
		chans2 := []config.AlertChannel{{Name: "ops2", Type: "webhook", URL: killer.URL, SecretEnv: "S"}}
		n3, err := notify.New(db3, chans2, env("S", secret), opts)
		if err != nil {
			t.Fatal(err)
		}
		if err := n3.Enqueue(context.Background(), nil, testMessage("alt_kill")); err != nil {
			t.Fatal(err)
		}
		if k := deliverDue(t, n3); k != 1 {
			t.Fatalf("DeliverDue claimed %d; want 1", k)
		}
		n4, err := notify.New(db2, chans2, env("S", secret), opts)
		if err != nil {
			t.Fatal(err)
		}
		if k := deliverDue(t, n4); k != 0 {
			t.Errorf("a leased row was claimed again before its lease ran out (%d rows)", k)
		}
		clock.Advance(20 * time.Minute)
		if k := deliverDue(t, n4); k != 1 {
			t.Errorf("after the lease DeliverDue claimed %d rows; want 1", k)
		}
		got := killer.requests()
		if len(got) != 2 || got[0].header.Get("webhook-id") != got[1].header.Get("webhook-id") {
			t.Errorf("killed-sender redelivery: %d requests, webhook-ids %v; want 2 with one id", len(got), got)
		}
		if _, delivered, _, _ := outboxState(t, db2, "alt_kill"); !delivered {
			t.Error("redelivered row not marked delivered")
		}
	})
}

// TestNoChannels: without channels Enqueue writes nothing.
func TestNoChannels(t *testing.T) {
	db := storetest.OpenSQLite(t)
	n, err := notify.New(db, nil, env(), notify.Options{})
	if err != nil {
		t.Fatal(err)
	}
	if err := n.Enqueue(context.Background(), nil, testMessage("alt_none")); err != nil {
		t.Fatal(err)
	}
	var k int
	db.SQL().QueryRow(`SELECT COUNT(*) FROM alert_outbox`).Scan(&k)
	if k != 0 {
		t.Errorf("outbox has %d rows; want 0", k)
	}
}

// TestSlackPayload: one JSON field, text, one readable line.
func TestSlackPayload(t *testing.T) {
	db := storetest.OpenSQLite(t)
	rcv := newReceiver(t, always(http.StatusOK))
	n, err := notify.New(db, []config.AlertChannel{{Name: "chat", Type: "slack", URLEnv: "SLACK"}},
		env("SLACK", rcv.URL+"/services/T000/B000/XXXX"), notify.Options{})
	if err != nil {
		t.Fatal(err)
	}
	m := testMessage("alt_slack")
	m.Subject = "key mk_12\nab" // a line break in data must not break the line
	if err := n.Enqueue(context.Background(), nil, m); err != nil {
		t.Fatal(err)
	}
	deliverDue(t, n)
	got := rcv.requests()
	if len(got) != 1 {
		t.Fatalf("receiver got %d requests; want 1", len(got))
	}
	var body map[string]string
	if err := json.Unmarshal(got[0].body, &body); err != nil {
		t.Fatalf("Slack body %s: %v", got[0].body, err)
	}
	want := map[string]string{"text": "[Mira] HIGH alert auth_failures_burst: key mk_12 ab (31 times, 2026-12-06T10:00:00Z to 2026-12-06T10:01:00Z) [alt_slack]"}
	if diff := cmp.Diff(want, body); diff != "" {
		t.Errorf("Slack body (-want +got):\n%s", diff)
	}
	if ct := got[0].header.Get("Content-Type"); ct != "application/json" {
		t.Errorf("Content-Type = %q", ct)
	}
}

// syncBuffer is a bytes.Buffer safe for the concurrent writes of a logger.
type syncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

func (s *syncBuffer) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.String()
}
