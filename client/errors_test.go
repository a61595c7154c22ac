package client

import (
	"context"
	"errors"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/vmira/mira/internal/mira"
)

func TestErrorParsing(t *testing.T) {
	tests := []struct {
		name    string
		status  int
		headers map[string]string
		body    string
		want    *Error
	}{
		{
			name:    "401 invalid_api_key",
			status:  401,
			headers: map[string]string{"x-request-id": "req_401"},
			body:    `{"error":{"message":"Incorrect API key provided.","type":"invalid_request_error","param":null,"code":"invalid_api_key"}}`,
			want: &Error{StatusCode: 401, Code: CodeInvalidAPIKey, Type: "invalid_request_error",
				Message: "Incorrect API key provided.", RequestID: "req_401"},
		},
		{
			name:    "403 insufficient_scope",
			status:  403,
			headers: map[string]string{"x-request-id": "req_403"},
			body:    `{"error":{"message":"this key lacks the scope chat:write","type":"permission_error","param":null,"code":"insufficient_scope"}}`,
			want: &Error{StatusCode: 403, Code: CodeInsufficientScope, Type: "permission_error",
				Message: "this key lacks the scope chat:write", RequestID: "req_403"},
		},
		{
			name:   "400 with param",
			status: 400,
			body:   `{"error":{"message":"max_tokens must be between 1 and 1000000","type":"invalid_request_error","param":"max_tokens","code":"invalid_request"}}`,
			want: &Error{StatusCode: 400, Code: CodeInvalidRequest, Type: "invalid_request_error",
				Message: "max_tokens must be between 1 and 1000000", Param: "max_tokens"},
		},
		{
			name:    "429 with retry headers",
			status:  429,
			headers: map[string]string{"Retry-After": "2", "retry-after-ms": "1500", "x-request-id": "req_429"},
			body:    `{"error":{"message":"Rate limit reached","type":"requests","param":null,"code":"rate_limit_exceeded"}}`,
			want: &Error{StatusCode: 429, Code: CodeRateLimitExceeded, Type: "requests",
				Message: "Rate limit reached", RequestID: "req_429", RetryAfter: 1500 * time.Millisecond},
		},
		{
			name:    "non-JSON 502 from a proxy",
			status:  502,
			headers: map[string]string{"Content-Type": "text/html"},
			body:    "<html>\r\n<head><title>502 Bad Gateway</title></head>\n<body>nginx</body></html>\n",
			want: &Error{StatusCode: 502,
				Message: "Bad Gateway: <html> <head><title>502 Bad Gateway</title></head> <body>nginx</body></html>"},
		},
		{
			name:   "empty 503",
			status: 503,
			want:   &Error{StatusCode: 503, Message: "Service Unavailable"},
		},
		{
			name:   "error as a bare string",
			status: 500,
			body:   `{"error":"upstream exploded"}`,
			want:   &Error{StatusCode: 500, Message: "upstream exploded"},
		},
		{
			name:   "numeric code",
			status: 500,
			body:   `{"error":{"message":"boom","type":"server_error","param":null,"code":500}}`,
			want:   &Error{StatusCode: 500, Code: "500", Type: "server_error", Message: "boom"},
		},
		{
			name:   "long text body is cut",
			status: 500,
			body:   strings.Repeat("x", 500),
			want:   &Error{StatusCode: 500, Message: "Internal Server Error: " + strings.Repeat("x", 200) + "..."},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			srv := newTLSServer(t, func(w http.ResponseWriter, r *http.Request) {
				for k, v := range tt.headers {
					w.Header().Set(k, v)
				}
				w.Header().Set("x-should-retry", "false")
				w.WriteHeader(tt.status)
				w.Write([]byte(tt.body))
			})
			c, _ := newTestClient(t, srv)
			_, err := c.Models(context.Background())
			var got *Error
			if !errors.As(err, &got) {
				t.Fatalf("Models() error = %v (%T); want an *Error", err, err)
			}
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("error mismatch (-want +got):\n%s", diff)
			}
		})
	}
}

func TestErrorString(t *testing.T) {
	tests := []struct {
		err  *Error
		want string
	}{
		{
			&Error{StatusCode: 401, Code: "invalid_api_key", Message: "Incorrect API key provided.", RequestID: "req_1"},
			"mira: Incorrect API key provided. (status 401, code invalid_api_key, request id req_1)",
		},
		{
			&Error{StatusCode: 429, Code: "rate_limit_exceeded", Message: "Rate limit reached", RetryAfter: 2 * time.Second, RequestID: "req_2"},
			"mira: Rate limit reached (status 429, code rate_limit_exceeded, retry after 2s, request id req_2)",
		},
		{
			&Error{StatusCode: 400, Code: "invalid_request", Param: "messages", Message: "messages must be a non-empty array"},
			"mira: messages must be a non-empty array (status 400, code invalid_request, param messages)",
		},
		{&Error{StatusCode: 502}, "mira: Bad Gateway (status 502)"},
		{&Error{Code: "upstream_error", Message: "the model backend failed", RequestID: "req_3"},
			"mira: the model backend failed (code upstream_error, request id req_3)"},
		{&Error{}, "mira: server error"},
	}
	for _, tt := range tests {
		if got := tt.err.Error(); got != tt.want {
			t.Errorf("%#v.Error() =\n%q; want\n%q", tt.err, got, tt.want)
		}
	}
}

// The client's code constants are the server's: a drift would make the CLI
// miss errors it handles specially.
func TestCodesMatchServer(t *testing.T) {
	pairs := [][2]string{
		{CodeInvalidAPIKey, mira.EInvalidAPIKey}, {CodeKeyRevoked, mira.EKeyRevoked},
		{CodeKeyExpired, mira.EKeyExpired}, {CodeInsufficientScope, mira.EInsufficientScope},
		{CodeModelNotAllowed, mira.EModelNotAllowed}, {CodeIPNotAllowed, mira.EIPNotAllowed},
		{CodeBrowserRequestRejected, mira.EBrowserRequestRejected}, {CodeHTTPSRequired, mira.EHTTPSRequired},
		{CodeContentFilter, mira.EContentFilter}, {CodeRateLimitExceeded, mira.ERateLimited},
		{CodeRequestTooLarge, mira.ERequestTooLarge}, {CodeInvalidRequest, mira.EInvalidRequest},
		{CodeModelNotFound, mira.EModelNotFound}, {CodeNotFound, mira.ENotFound},
		{CodeUpstreamError, mira.EUpstream}, {CodeServiceUnavailable, mira.EUnavailable},
		{CodeInternalError, mira.EInternal},
	}
	for _, p := range pairs {
		if p[0] != p[1] {
			t.Errorf("client code %q != server code %q", p[0], p[1])
		}
	}
}

func TestRetryAfterHeader(t *testing.T) {
	now := time.Date(2025, 3, 1, 12, 0, 0, 0, time.UTC)
	tests := []struct {
		name    string
		headers map[string]string
		want    time.Duration
		wantOK  bool
	}{
		{"none", nil, 0, false},
		{"ms wins", map[string]string{"retry-after-ms": "1234", "Retry-After": "2"}, 1234 * time.Millisecond, true},
		{"fractional ms", map[string]string{"retry-after-ms": "1.5"}, 1500 * time.Microsecond, true},
		{"seconds", map[string]string{"Retry-After": "3"}, 3 * time.Second, true},
		{"http date", map[string]string{"Retry-After": "Sat, 01 Mar 2025 12:00:07 GMT"}, 7 * time.Second, true},
		{"http date in the past", map[string]string{"Retry-After": "Sat, 01 Mar 2025 11:00:00 GMT"}, 0, true},
		{"bad ms falls back", map[string]string{"retry-after-ms": "soon", "Retry-After": "4"}, 4 * time.Second, true},
		{"negative", map[string]string{"Retry-After": "-1"}, 0, false},
		{"garbage", map[string]string{"Retry-After": "tomorrow"}, 0, false},
		{"NaN", map[string]string{"Retry-After": "NaN"}, 0, false},
		{"huge saturates", map[string]string{"Retry-After": "1e300"}, 24 * time.Hour, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			h := http.Header{}
			for k, v := range tt.headers {
				h.Set(k, v)
			}
			got, ok := retryAfter(h, now)
			if got != tt.want || ok != tt.wantOK {
				t.Errorf("retryAfter(%v) = %v, %v; want %v, %v", tt.headers, got, ok, tt.want, tt.wantOK)
			}
		})
	}
}
