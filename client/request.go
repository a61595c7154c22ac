package client

import (
	"bytes"
	"context"
	"crypto/tls"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"strings"
	"time"
)

// The retry policy. Backoff is exponential with full jitter: the n-th retry
// (from 0) waits a uniformly random time in [0, min(backoffCap,
// backoffBase*2^n)], unless the server said how long to wait.
const (
	backoffBase = 500 * time.Millisecond
	backoffCap  = 8 * time.Second

	// maxRetryAfter is the longest server-requested wait the client sits
	// through. Mira never asks for more than 60 s; a longer wait means the
	// limit will not clear soon, so the caller gets the error (with its
	// RetryAfter) at once rather than a silent minutes-long hang. openai-go
	// gives up the same way (over 2 min).
	maxRetryAfter = 60 * time.Second
)

// maxResponseBody bounds a non-streamed response.
const maxResponseBody = 32 << 20

// Do sends a JSON request to path (such as "/v1/keys" or
// "/v1/keys/key_123?limit=10") on the server and decodes the JSON response
// into out. in, when not nil, is encoded as the JSON body; out may be nil to
// discard the response. It retries like every other call.
func (c *Client) Do(ctx context.Context, method, path string, in, out any) error {
	var body []byte
	if in != nil {
		var err error
		if body, err = json.Marshal(in); err != nil {
			return fmt.Errorf("mira: encoding the %s %s request: %w", method, path, err)
		}
	}
	_, data, err := c.send(ctx, method, path, body, false)
	if err != nil {
		return err
	}
	if out == nil || len(bytes.TrimSpace(data)) == 0 {
		return nil
	}
	if err := json.Unmarshal(data, out); err != nil {
		return fmt.Errorf("mira: decoding the response of %s %s: %w", method, path, err)
	}
	return nil
}

// send makes a request, retrying as the policy allows. For a stream it
// returns the successful response with its body unread (a stream is never
// retried once it has started); otherwise the response with its body read
// and closed, and the body.
func (c *Client) send(ctx context.Context, method, path string, body []byte, stream bool) (*http.Response, []byte, error) {
	if method == "" {
		method = http.MethodGet
	}
	if !strings.HasPrefix(path, "/") || strings.HasPrefix(path, "//") {
		return nil, nil, fmt.Errorf("mira: path %q must start with a single / (it is relative to the base URL)", path)
	}
	url := c.base + path
	for attempt := 0; ; attempt++ {
		a := c.attempt(ctx, method, url, body, stream)
		if a.err == nil {
			return a.resp, a.body, nil
		}
		if ctx.Err() != nil {
			return nil, nil, a.err
		}
		if !a.retryable || attempt >= c.maxRetries {
			return nil, nil, a.final(attempt + 1)
		}
		wait := c.backoff(attempt)
		if a.resp != nil {
			if d, ok := retryAfter(a.resp.Header, c.now()); ok {
				if d > maxRetryAfter {
					return nil, nil, a.final(attempt + 1)
				}
				wait = d
			}
		}
		if deadline, ok := ctx.Deadline(); ok && c.now().Add(wait).After(deadline) {
			// Waiting would only end in "context deadline exceeded";
			// the server's answer says more.
			return nil, nil, a.final(attempt + 1)
		}
		if c.onRetry != nil {
			c.onRetry(attempt+1, wait, a.err)
		}
		c.debugf("retrying in %v", wait)
		if err := c.sleep(ctx, wait); err != nil {
			return nil, nil, fmt.Errorf("mira: stopped waiting to retry: %w (last error: %v)", err, a.err)
		}
	}
}

// backoff returns the wait before retry n (from 0) when the server named none.
func (c *Client) backoff(n int) time.Duration {
	d := backoffCap
	if n < 5 {
		d = min(backoffBase<<n, backoffCap)
	}
	return c.jitter(d)
}

// result is the outcome of one HTTP attempt.
type result struct {
	resp      *http.Response // nil when no response came
	body      []byte         // the read body of a non-streamed success
	err       error          // an *Error for an HTTP error status
	retryable bool
}

// final returns the error to give the caller after attempts tries.
func (r result) final(attempts int) error {
	var apiErr *Error
	if attempts == 1 || errors.As(r.err, &apiErr) {
		return r.err
	}
	return fmt.Errorf("%w (after %d attempts)", r.err, attempts)
}

func (c *Client) attempt(ctx context.Context, method, url string, body []byte, stream bool) result {
	var rd io.Reader
	if body != nil {
		rd = bytes.NewReader(body)
	}
	req, err := http.NewRequestWithContext(ctx, method, url, rd)
	if err != nil {
		return result{err: fmt.Errorf("mira: %w", err)}
	}
	req.Header.Set("User-Agent", c.userAgent)
	if stream {
		req.Header.Set("Accept", "text/event-stream")
	} else {
		req.Header.Set("Accept", "application/json")
	}
	if body != nil {
		req.Header.Set("Content-Type", "application/json")
	}
	var token string
	if c.auth != nil {
		if token, err = c.auth(ctx); err != nil {
			return result{err: err}
		}
		req.Header.Set("Authorization", "Bearer "+token)
	}

	start := time.Now()
	resp, err := c.http.Do(req)
	if err != nil {
		c.debugf("%s %s: %v [auth %s]", method, url, err, maskCredential(token))
		return result{err: transportError(err), retryable: ctx.Err() == nil && !permanentTransportError(err)}
	}
	c.debugf("%s %s: %s in %v, request id %q [auth %s]", method, url, resp.Status,
		time.Since(start).Round(time.Millisecond), resp.Header.Get("x-request-id"), maskCredential(token))

	if resp.StatusCode < 200 || resp.StatusCode > 299 {
		apiErr := parseError(resp, c.now(), redactor(token))
		return result{resp: resp, err: apiErr, retryable: retryableStatus(resp)}
	}
	if stream {
		return result{resp: resp}
	}
	defer resp.Body.Close()
	data, err := io.ReadAll(io.LimitReader(resp.Body, maxResponseBody+1))
	if err != nil {
		// The connection broke mid-answer: as good as no answer.
		return result{err: fmt.Errorf("mira: reading the response of %s %s: %w", method, url, err), retryable: ctx.Err() == nil}
	}
	if len(data) > maxResponseBody {
		return result{err: fmt.Errorf("mira: the response of %s %s is larger than %d MiB", method, url, maxResponseBody>>20)}
	}
	return result{resp: resp, body: data}
}

// retryableStatus reports whether an error response may succeed if sent
// again: the server's x-should-retry decides when present.
func retryableStatus(resp *http.Response) bool {
	switch resp.Header.Get("x-should-retry") {
	case "true":
		return true
	case "false":
		return false
	}
	switch s := resp.StatusCode; {
	case s == http.StatusRequestTimeout, s == http.StatusConflict, s == http.StatusTooManyRequests:
		return true
	case s >= 500:
		return true
	}
	return false
}

// permanentTransportError reports whether err will not go away by itself:
// the server's certificate is not trusted, it does not speak TLS, or the TLS
// handshake failed with an alert (no common version or cipher suite).
func permanentTransportError(err error) bool {
	var verify *tls.CertificateVerificationError
	var record tls.RecordHeaderError
	if errors.As(err, &verify) || errors.As(err, &record) {
		return true
	}
	// crypto/tls reports alerts as *net.OpError with these two Ops.
	var op *net.OpError
	return errors.As(err, &op) && (op.Op == "remote error" || op.Op == "local error")
}

func transportError(err error) error {
	var verify *tls.CertificateVerificationError
	if errors.As(err, &verify) {
		return fmt.Errorf("mira: %w (if the server uses a private CA, such as the one `mira serve` generates, trust it with MIRA_CA_CERT=/path/to/ca.pem)", err)
	}
	return fmt.Errorf("mira: %w", err)
}

// maskCredential shows enough of an API key to tell which one was sent (as
// key listings do: the first 12 and last 4 characters) and nothing of
// other tokens.
func maskCredential(token string) string {
	switch {
	case token == "":
		return "none"
	case strings.HasPrefix(token, "sk-mira-") && len(token) >= 32:
		return token[:12] + "..." + token[len(token)-4:]
	}
	return "bearer token"
}

func (c *Client) debugf(format string, args ...any) {
	if c.debug == nil {
		return
	}
	c.debugMu.Lock()
	defer c.debugMu.Unlock()
	fmt.Fprintf(c.debug, "mira: "+format+"\n", args...)
}
