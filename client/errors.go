package client

import (
	"encoding/json"
	"errors"
	"io"
	"net/http"
	"strconv"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/vmira/mira/internal/apikey"
)

// Error codes a Mira server returns in Error.Code (SPEC.md "Errors").
const (
	CodeInvalidAPIKey          = "invalid_api_key"
	CodeKeyRevoked             = "key_revoked"
	CodeKeyExpired             = "key_expired"
	CodeInsufficientScope      = "insufficient_scope"
	CodeModelNotAllowed        = "model_not_allowed"
	CodeIPNotAllowed           = "ip_not_allowed"
	CodeBrowserRequestRejected = "browser_request_rejected"
	CodeHTTPSRequired          = "https_required"
	CodeContentFilter          = "content_filter"
	CodeRateLimitExceeded      = "rate_limit_exceeded"
	CodeRequestTooLarge        = "request_too_large"
	CodeInvalidRequest         = "invalid_request"
	CodeModelNotFound          = "model_not_found"
	CodeNotFound               = "not_found"
	CodeUpstreamError          = "upstream_error"
	CodeServiceUnavailable     = "service_unavailable"
	CodeInternalError          = "internal_error"
)

// Error is an error the server returned: an HTTP error status, or an error
// frame in the middle of a stream. Its fields come from the OpenAI error body
// {"error": {"message", "type", "param", "code"}} and the response headers.
type Error struct {
	// StatusCode is the HTTP status, or 0 for an error sent mid-stream.
	StatusCode int
	Code       string // such as "rate_limit_exceeded"; may be empty
	Type       string // OpenAI's error type, such as "invalid_request_error"
	Message    string
	Param      string // the request parameter at fault, if any
	RequestID  string // the x-request-id header; quote it when reporting a problem
	// RetryAfter is how long the server asked the client to wait
	// (retry-after-ms or Retry-After), or 0.
	RetryAfter time.Duration
}

func (e *Error) Error() string {
	msg := e.Message
	if msg == "" {
		msg = http.StatusText(e.StatusCode)
	}
	if msg == "" {
		msg = "server error"
	}
	var details []string
	if e.StatusCode != 0 {
		details = append(details, "status "+strconv.Itoa(e.StatusCode))
	}
	if e.Code != "" {
		details = append(details, "code "+e.Code)
	}
	if e.Param != "" {
		details = append(details, "param "+e.Param)
	}
	if e.RetryAfter > 0 {
		details = append(details, "retry after "+e.RetryAfter.String())
	}
	if e.RequestID != "" {
		details = append(details, "request id "+e.RequestID)
	}
	if len(details) == 0 {
		return "mira: " + msg
	}
	return "mira: " + msg + " (" + strings.Join(details, ", ") + ")"
}

// maxErrorBody bounds how much of an error response is read.
const maxErrorBody = 64 << 10

// errorBody is the inner object of OpenAI's error shape. Code is loose
// because some upstreams send numbers.
type errorBody struct {
	Message string          `json:"message"`
	Type    string          `json:"type"`
	Param   *string         `json:"param"`
	Code    json.RawMessage `json:"code"`
}

// parseError turns an error response into an *Error, reading (and closing)
// its body. redact removes the caller's credential from server text.
func parseError(resp *http.Response, now time.Time, redact func(string) string) *Error {
	defer resp.Body.Close()
	e := &Error{
		StatusCode: resp.StatusCode,
		RequestID:  resp.Header.Get("x-request-id"),
	}
	if d, ok := retryAfter(resp.Header, now); ok {
		e.RetryAfter = d
	}
	b, _ := io.ReadAll(io.LimitReader(resp.Body, maxErrorBody))
	var env struct {
		Error json.RawMessage `json:"error"`
	}
	if json.Unmarshal(b, &env) == nil && fillError(e, env.Error) {
		e.Message = redact(e.Message)
		return e
	}
	if resp.StatusCode >= 300 && resp.StatusCode < 400 {
		e.Message = "unexpected redirect"
		if loc := resp.Header.Get("Location"); loc != "" {
			e.Message += " to " + loc
		}
		return e
	}
	// Not our JSON: a proxy's HTML page, a load balancer's text. Show the
	// start of it; that is usually enough to see what answered.
	e.Message = http.StatusText(resp.StatusCode)
	if text := snippet(b, 200); text != "" {
		if e.Message != "" {
			e.Message += ": "
		}
		e.Message += redact(text)
	}
	return e
}

// fillError copies an OpenAI error object (or a bare string) into e and
// reports whether raw held one.
func fillError(e *Error, raw json.RawMessage) bool {
	if len(raw) == 0 || string(raw) == "null" {
		return false
	}
	var s string
	if json.Unmarshal(raw, &s) == nil {
		e.Message = s
		return true
	}
	var b errorBody
	if json.Unmarshal(raw, &b) != nil {
		return false
	}
	e.Message, e.Type = b.Message, b.Type
	if b.Param != nil {
		e.Param = *b.Param
	}
	if len(b.Code) > 0 && string(b.Code) != "null" {
		var code string
		if json.Unmarshal(b.Code, &code) == nil {
			e.Code = code
		} else {
			e.Code = string(b.Code)
		}
	}
	return true
}

// snippet returns up to n runes of b as one printable line.
func snippet(b []byte, n int) string {
	if !utf8.Valid(b) {
		b = []byte(strings.ToValidUTF8(string(b), "?"))
	}
	text := strings.Join(strings.FieldsFunc(string(b), func(r rune) bool {
		return unicode.IsSpace(r) || unicode.IsControl(r)
	}), " ")
	if utf8.RuneCountInString(text) > n {
		text = string([]rune(text)[:n]) + "..."
	}
	return text
}

// redactor returns a function that replaces the credential secret and any
// Mira key in text, so an error never repeats a key a server echoed.
func redactor(secret string) func(string) string {
	return func(text string) string {
		if secret != "" && len(secret) >= 8 {
			text = strings.ReplaceAll(text, secret, "[REDACTED]")
		}
		return apikey.Pattern.ReplaceAllString(text, "sk-mira-[REDACTED]")
	}
}

// retryAfter returns the wait the server asked for: retry-after-ms first,
// then Retry-After in seconds or as an HTTP date. A date in the past is 0.
func retryAfter(h http.Header, now time.Time) (time.Duration, bool) {
	if v := strings.TrimSpace(h.Get("retry-after-ms")); v != "" {
		if ms, err := strconv.ParseFloat(v, 64); (err == nil || errors.Is(err, strconv.ErrRange)) && ms >= 0 {
			return seconds(ms / 1000), true
		}
	}
	v := strings.TrimSpace(h.Get("Retry-After"))
	if v == "" {
		return 0, false
	}
	if s, err := strconv.ParseFloat(v, 64); err == nil || errors.Is(err, strconv.ErrRange) {
		if !(s >= 0) { // negative or NaN
			return 0, false
		}
		return seconds(s), true
	}
	if t, err := http.ParseTime(v); err == nil {
		return max(t.Sub(now), 0), true
	}
	return 0, false
}

// seconds converts s to a Duration, saturating at a day: any wait that long
// is simply "too long".
func seconds(s float64) time.Duration {
	const maxWait = 24 * time.Hour
	if s >= maxWait.Seconds() {
		return maxWait
	}
	return time.Duration(s * float64(time.Second))
}
