// Package mira holds Mira's domain types and error codes. It imports no other
// internal package, so every layer can speak in its terms.
package mira

import (
	"errors"
	"fmt"
	"time"
)

// Error codes of the external contract (SPEC.md "Errors"). The code is what
// clients switch on; the HTTP status and OpenAI error type follow from it.
const (
	EInvalidAPIKey          = "invalid_api_key"
	EKeyRevoked             = "key_revoked"
	EKeyExpired             = "key_expired"
	EInsufficientScope      = "insufficient_scope"
	EModelNotAllowed        = "model_not_allowed"
	EIPNotAllowed           = "ip_not_allowed"
	EBrowserRequestRejected = "browser_request_rejected"
	EHTTPSRequired          = "https_required"
	EContentFilter          = "content_filter"
	ERateLimited            = "rate_limit_exceeded"
	ERequestTooLarge        = "request_too_large"
	EInvalidRequest         = "invalid_request"
	EModelNotFound          = "model_not_found"
	ENotFound               = "not_found"
	EMethodNotAllowed       = "method_not_allowed"
	EUpstream               = "upstream_error"
	EUpstreamRateLimited    = "upstream_rate_limited"
	EUnavailable            = "service_unavailable"
	EInternal               = "internal_error"
)

// Error is an error whose message is safe to show to the client. Err, when
// set, is the internal cause: it is logged, never sent.
type Error struct {
	Code    string
	Message string
	Param   string // the request field at fault, if any
	Err     error
	// RetryAfter, when positive, tells the client to retry after this
	// long (Retry-After, x-should-retry: true): an answer that waiting
	// can change, such as a backend's 429.
	RetryAfter time.Duration
}

func (e *Error) Error() string {
	if e.Err != nil {
		return e.Code + ": " + e.Message + ": " + e.Err.Error()
	}
	return e.Code + ": " + e.Message
}

func (e *Error) Unwrap() error { return e.Err }

// Errorf returns an *Error with a client-visible message.
func Errorf(code, format string, args ...any) *Error {
	return &Error{Code: code, Message: fmt.Sprintf(format, args...)}
}

// ParamErrorf returns an invalid_request *Error naming the request field at fault.
func ParamErrorf(param, format string, args ...any) *Error {
	return &Error{Code: EInvalidRequest, Param: param, Message: fmt.Sprintf(format, args...)}
}

// Internal wraps err as an internal_error whose details are never shown.
func Internal(err error) *Error {
	return &Error{Code: EInternal, Message: "internal error", Err: err}
}

// ErrorCode returns the code of err, or EInternal if err is not an *Error.
func ErrorCode(err error) string {
	var e *Error
	if errors.As(err, &e) {
		return e.Code
	}
	return EInternal
}

// ErrNotFound is returned by stores when a row does not exist.
var ErrNotFound = &Error{Code: ENotFound, Message: "not found"}
