package server

import (
	"net/netip"
	"time"

	"github.com/vmira/mira/internal/mira"
	"github.com/vmira/mira/internal/reqlog"
)

// Observer is told what happened on the request path, after the fact:
// the Prometheus metrics and the alert detectors implement it. Its methods
// run on the request's goroutine and must be cheap (a few atomic
// operations): no database write, no lock held across a request, nothing
// that blocks.
type Observer interface {
	// Request is called once per /v1 request with its request-log entry
	// (Endpoint names the route; Model is set only for a model that
	// exists) and, for a stream, the time to its first answer frame (0
	// otherwise). The entry must not be kept: its bodies belong to the
	// request log.
	Request(e *reqlog.Entry, ttft time.Duration)
	// AuthFailed is called for a refused credential, with the error code
	// (invalid_api_key, key_revoked, key_expired, ip_not_allowed,
	// insufficient_scope, rate_limited) and the key when the credential
	// is a known key (revoked, expired, exposed, or used from the wrong
	// address); key is nil otherwise. prefix is the presented key's
	// display prefix (its first 12 characters, as listings show them) when
	// the credential is shaped like a Mira key, known or not; "" otherwise.
	// It is never more of the secret than that.
	AuthFailed(code string, ip netip.Addr, key *mira.Key, prefix string)
	// Limited is called when a plan's limit refuses a request; reason is
	// one of ratelimit.Reason*.
	Limited(reason string)
	// Upstream is called after each call to a backend: how long until the
	// answer (or the stream) started, and the error if it failed.
	Upstream(backend string, took time.Duration, err error)
}

// Observers tells every observer in turn.
type Observers []Observer

func (os Observers) Request(e *reqlog.Entry, ttft time.Duration) {
	for _, o := range os {
		o.Request(e, ttft)
	}
}

func (os Observers) AuthFailed(code string, ip netip.Addr, key *mira.Key, prefix string) {
	for _, o := range os {
		o.AuthFailed(code, ip, key, prefix)
	}
}

func (os Observers) Limited(reason string) {
	for _, o := range os {
		o.Limited(reason)
	}
}

func (os Observers) Upstream(backend string, took time.Duration, err error) {
	for _, o := range os {
		o.Upstream(backend, took, err)
	}
}
