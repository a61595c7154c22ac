package notify

import (
	"bytes"
	"context"
	"crypto/hmac"
	"crypto/sha256"
	"encoding/base64"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"os"
	"strconv"
	"strings"
	"time"
)

// maxResponseBody bounds how much of a receiver's answer is read.
const maxResponseBody = 64 << 10

// newHTTPClient returns the client for webhooks and Slack: a 10 s timeout
// per attempt, TLS verified (the default transport's), and redirects
// followed only to the same scheme and host, at most three.
func newHTTPClient() *http.Client {
	return &http.Client{
		Timeout: DefaultSendTimeout,
		CheckRedirect: func(req *http.Request, via []*http.Request) error {
			first := via[0].URL
			if len(via) > 3 || req.URL.Scheme != first.Scheme || req.URL.Host != first.Host {
				return http.ErrUseLastResponse
			}
			return nil
		},
	}
}

// post sends body to u and classifies the answer: 2xx is delivered, 410
// Gone is permanent, anything else is retried (after Retry-After, when
// given). Errors never include the URL, which may be a secret.
func post(ctx context.Context, client *http.Client, u string, body []byte, header http.Header) error {
	ctx, cancel := context.WithTimeout(ctx, DefaultSendTimeout)
	defer cancel()
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, u, bytes.NewReader(body))
	if err != nil {
		return errors.New("bad request URL")
	}
	for k, v := range header {
		req.Header[k] = v
	}
	req.Header.Set("Content-Type", "application/json")
	req.Header.Set("User-Agent", "Mira-Alerts/1")
	resp, err := client.Do(req)
	if err != nil {
		var ue *url.Error
		if errors.As(err, &ue) {
			err = ue.Err // without the URL
		}
		return fmt.Errorf("POST: %w", err)
	}
	defer resp.Body.Close()
	io.Copy(io.Discard, io.LimitReader(resp.Body, maxResponseBody))
	if resp.StatusCode >= 200 && resp.StatusCode < 300 {
		return nil
	}
	err = fmt.Errorf("receiver answered %s", resp.Status)
	if resp.StatusCode == http.StatusGone {
		return &permanentError{err}
	}
	if d, ok := parseRetryAfter(resp.Header.Get("Retry-After"), time.Now()); ok {
		return &retryAfterError{err: err, after: d}
	}
	return err
}

// parseRetryAfter reads a Retry-After header: seconds or an HTTP date.
func parseRetryAfter(v string, now time.Time) (time.Duration, bool) {
	v = strings.TrimSpace(v)
	if v == "" {
		return 0, false
	}
	if s, err := strconv.ParseInt(v, 10, 64); err == nil && s >= 0 {
		return time.Duration(min(s, int64(maxRetryAfter/time.Second))) * time.Second, true
	}
	if t, err := http.ParseTime(v); err == nil {
		return max(t.Sub(now), 0), true
	}
	return 0, false
}

// webhook posts Standard Webhooks-signed JSON.
type webhook struct {
	url    string
	key    []byte
	client *http.Client
	now    func() time.Time
}

// webhookBody is the JSON a webhook receives.
type webhookBody struct {
	Type      string      `json:"type"`
	Timestamp string      `json:"timestamp"`
	Data      webhookData `json:"data"`
}

type webhookData struct {
	ID        string         `json:"id"`
	Rule      string         `json:"rule"`
	Severity  string         `json:"severity"`
	Subject   string         `json:"subject"`
	Count     int            `json:"count"`
	FirstSeen string         `json:"first_seen"`
	LastSeen  string         `json:"last_seen"`
	Details   map[string]any `json:"details"`
}

func rfc3339(t time.Time) string { return t.UTC().Format(time.RFC3339) }

func (w *webhook) send(ctx context.Context, r *record) error {
	details := r.Details
	if details == nil {
		details = map[string]any{}
	}
	body, err := json.Marshal(webhookBody{
		Type:      "alert.raised",
		Timestamp: rfc3339(r.RaisedAt),
		Data: webhookData{
			ID: r.ID, Rule: r.Rule, Severity: r.Severity, Subject: r.Subject, Count: r.Count,
			FirstSeen: rfc3339(r.FirstSeen), LastSeen: rfc3339(r.LastSeen), Details: details,
		},
	})
	if err != nil {
		return &permanentError{fmt.Errorf("encode webhook body: %w", err)}
	}
	ts := strconv.FormatInt(w.now().Unix(), 10)
	h := http.Header{}
	h.Set("webhook-id", r.ID)
	h.Set("webhook-timestamp", ts)
	h.Set("webhook-signature", "v1,"+sign(w.key, r.ID, ts, body))
	return post(ctx, w.client, w.url, body, h)
}

// sign is the Standard Webhooks signature: base64(HMAC-SHA256(key, "id.timestamp.body")).
func sign(key []byte, id, ts string, body []byte) string {
	m := hmac.New(sha256.New, key)
	m.Write([]byte(id))
	m.Write([]byte{'.'})
	m.Write([]byte(ts))
	m.Write([]byte{'.'})
	m.Write(body)
	return base64.StdEncoding.EncodeToString(m.Sum(nil))
}

// slack posts {"text": ...} to a Slack-compatible incoming webhook.
type slack struct {
	url    string
	client *http.Client
}

func (s *slack) send(ctx context.Context, r *record) error {
	body, err := json.Marshal(map[string]string{"text": summary(r)})
	if err != nil {
		return &permanentError{err}
	}
	return post(ctx, s.client, s.url, body, nil)
}

// summary is the alert on one line, for Slack and e-mail subjects.
func summary(r *record) string {
	s := fmt.Sprintf("[Mira] %s alert %s: %s", strings.ToUpper(r.Severity), r.Rule, r.Subject)
	if r.Count > 1 {
		s += fmt.Sprintf(" (%d times, %s to %s)", r.Count, rfc3339(r.FirstSeen), rfc3339(r.LastSeen))
	} else {
		s += " at " + rfc3339(r.LastSeen)
	}
	return oneLine(s + " [" + r.ID + "]")
}

// oneLine replaces control characters (line breaks above all) with spaces.
func oneLine(s string) string {
	return strings.Map(func(r rune) rune {
		if r < ' ' || r == 0x7f || r == '\u2028' || r == '\u2029' {
			return ' '
		}
		return r
	}, s)
}

// readSecret reads a secret from the environment variable env or the file
// path (which must not be readable by group or others). what names it in
// errors; the value never appears in them.
func readSecret(what, env, path string, getenv func(string) string) (string, error) {
	if env != "" {
		v := strings.TrimSpace(getenv(env))
		if v == "" {
			return "", fmt.Errorf("environment variable %s (%s_env) is empty", env, what)
		}
		return v, nil
	}
	f, err := os.Open(path)
	if err != nil {
		return "", fmt.Errorf("%s_file: %w", what, err)
	}
	defer f.Close()
	fi, err := f.Stat()
	if err != nil {
		return "", fmt.Errorf("%s_file: %w", what, err)
	}
	if !fi.Mode().IsRegular() {
		return "", fmt.Errorf("%s_file %s is not a regular file", what, path)
	}
	if fi.Mode().Perm()&0o077 != 0 {
		return "", fmt.Errorf("%s_file %s is readable by others (mode %#o); chmod 600 it", what, path, fi.Mode().Perm())
	}
	b, err := io.ReadAll(io.LimitReader(f, 4096))
	if err != nil {
		return "", fmt.Errorf("%s_file: %w", what, err)
	}
	v := strings.TrimSpace(string(b))
	if v == "" {
		return "", fmt.Errorf("%s_file %s is empty", what, path)
	}
	return v, nil
}

// decodeWebhookSecret decodes a Standard Webhooks secret: whsec_ and the
// base64 of 24 to 64 random bytes.
func decodeWebhookSecret(s string) ([]byte, error) {
	b64, ok := strings.CutPrefix(s, "whsec_")
	if !ok {
		return nil, errors.New("the webhook secret must start with whsec_ (whsec_ and base64 of 24 to 64 random bytes, e.g. whsec_$(openssl rand -base64 32))")
	}
	key, err := base64.StdEncoding.DecodeString(b64)
	if err != nil {
		return nil, errors.New("the webhook secret after whsec_ is not base64")
	}
	if len(key) < 24 || len(key) > 64 {
		return nil, fmt.Errorf("the webhook secret is %d bytes; use 24 to 64 random bytes", len(key))
	}
	return key, nil
}
