package server

import (
	"context"
	"encoding/json"
	"errors"
	"log/slog"
	"net/http"

	"github.com/vmira/mira/internal/mira"
	"github.com/vmira/mira/internal/openai"
	"github.com/vmira/mira/internal/ratelimit"
)

// codes maps each error code to its HTTP status and OpenAI error type. It is
// the one place where errors become HTTP.
var codes = map[string]struct {
	status int
	typ    string
}{
	mira.EInvalidAPIKey:          {http.StatusUnauthorized, "authentication_error"},
	mira.EKeyRevoked:             {http.StatusUnauthorized, "authentication_error"},
	mira.EKeyExpired:             {http.StatusUnauthorized, "authentication_error"},
	mira.EInsufficientScope:      {http.StatusForbidden, "permission_error"},
	mira.EModelNotAllowed:        {http.StatusForbidden, "permission_error"},
	mira.EIPNotAllowed:           {http.StatusForbidden, "permission_error"},
	mira.EBrowserRequestRejected: {http.StatusForbidden, "permission_error"},
	mira.EHTTPSRequired:          {http.StatusForbidden, "permission_error"},
	mira.EContentFilter:          {http.StatusBadRequest, "invalid_request_error"},
	mira.ERateLimited:            {http.StatusTooManyRequests, "rate_limit_error"},
	mira.ERequestTooLarge:        {http.StatusRequestEntityTooLarge, "invalid_request_error"},
	mira.EInvalidRequest:         {http.StatusBadRequest, "invalid_request_error"},
	mira.EModelNotFound:          {http.StatusNotFound, "invalid_request_error"},
	mira.ENotFound:               {http.StatusNotFound, "invalid_request_error"},
	mira.EMethodNotAllowed:       {http.StatusMethodNotAllowed, "invalid_request_error"},
	mira.EUpstream:               {http.StatusBadGateway, "server_error"},
	mira.EUpstreamRateLimited:    {http.StatusTooManyRequests, "rate_limit_error"},
	mira.EUnavailable:            {http.StatusServiceUnavailable, "server_error"},
	mira.EInternal:               {http.StatusInternalServerError, "server_error"},
}

// errorBody returns the status and the OpenAI-shaped body for err. Only
// *mira.Error messages reach the client; anything else is internal_error.
func errorBody(err error) (int, *openai.ErrorResponse) {
	var e *mira.Error
	if !errors.As(err, &e) {
		e = mira.Internal(err)
	}
	c, ok := codes[e.Code]
	if !ok {
		c = codes[mira.EInternal]
	}
	msg := e.Message
	if e.Code == mira.EInternal {
		msg = "internal error; quote the request id when reporting it"
	}
	code := e.Code
	body := &openai.ErrorResponse{Error: openai.ErrorBody{Message: msg, Type: c.typ, Code: &code}}
	if e.Param != "" {
		p := e.Param
		body.Error.Param = &p
	}
	return c.status, body
}

// writeError sends err to the client in OpenAI's error shape and logs what
// the client must not see.
func (s *Server) writeError(w http.ResponseWriter, r *http.Request, err error) {
	status, body := errorBody(err)
	if status >= 500 || errors.Is(err, context.Canceled) {
		s.log.LogAttrs(r.Context(), slog.LevelError, "request failed",
			slog.String("request_id", requestID(r.Context())),
			slog.String("code", *body.Error.Code),
			slog.String("error", redact(err.Error())))
	}
	var e *mira.Error
	if errors.As(err, &e) && e.RetryAfter > 0 {
		ratelimit.SetRetryAfter(w.Header(), min(e.RetryAfter, ratelimit.MaxRetryAfter))
		w.Header().Set("X-Should-Retry", "true")
	}
	writeJSON(w, status, body)
}

func writeJSON(w http.ResponseWriter, status int, v any) {
	b, err := json.Marshal(v)
	if err != nil {
		status = http.StatusInternalServerError
		b = []byte(`{"error":{"message":"internal error","type":"server_error","param":null,"code":"internal_error"}}`)
	}
	h := w.Header()
	h.Set("Content-Type", "application/json")
	h.Del("Content-Length")
	w.WriteHeader(status)
	w.Write(b)
}

// handlerFunc is a handler that returns its error instead of writing it;
// errorHandler writes the error in the one OpenAI shape (pkgsite's
// errorHandler). A handler that has already answered returns nil.
type handlerFunc func(w http.ResponseWriter, r *http.Request) error

// errorHandler adapts a handlerFunc to http.Handler.
func (s *Server) errorHandler(h handlerFunc) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if err := h(w, r); err != nil {
			s.writeError(w, r, err)
		}
	})
}
