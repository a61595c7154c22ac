// Package events is the invalidation bus: when a key is revoked or changed
// on one Mira instance, every instance must drop what it has cached about
// that key, within a second. Two buses implement it: Local, inside one
// process, and Redis, over Redis pub/sub between instances.
//
// Events carry identifiers and HMAC digests, never a key: a subscriber looks
// its cache up by digest (apikey.Digest), and nothing on the wire can be
// used to authenticate.
//
// A bus is a cache-invalidation signal, not a log: an event published while
// a subscriber is disconnected is lost. A subscriber learns that it may have
// missed events through a KindResync event, and must then treat everything
// it has cached as stale. The database remains the source of truth, and a
// short cache TTL bounds the damage of any event that is lost anyway.
package events

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"sync/atomic"
	"time"

	"github.com/vmira/mira/internal/apikey"
)

// Kinds of events.
const (
	// KindKeyRevoked: the key is revoked; drop it from every cache.
	KindKeyRevoked = "key.revoked"
	// KindKeyUpdated: the key's metadata changed (scopes, models, CIDRs,
	// expiry, plan, a rotation's grace period); reload it.
	KindKeyUpdated = "key.updated"
	// KindOrgUpdated: an organisation's plan or policy changed; reload what
	// is cached for OrgID.
	KindOrgUpdated = "org.updated"

	// KindResync is never published: a bus delivers it to its own
	// subscribers when a subscription comes back after it was lost (or was
	// late to start), because events may have been missed meanwhile. On
	// KindResync a subscriber drops its whole cache.
	KindResync = "bus.resync"
)

// Event is one invalidation. Kind is required; which other fields are set
// depends on it.
type Event struct {
	Kind  string `json:"kind"`
	KeyID string `json:"key_id,omitempty"`
	OrgID string `json:"org_id,omitempty"`
	// Digest is HMAC-SHA256 of the key with the server secret
	// (apikey.Digest), what the caches are indexed by. Never the key.
	Digest []byte `json:"digest,omitempty"`
}

// Bus delivers events to every subscriber on every instance that shares it.
// Local and Redis implement it; a consumer may declare a smaller interface
// of its own.
type Bus interface {
	// Publish validates e and delivers it. Subscribers of the same bus
	// value have seen it when Publish returns; other instances see it
	// shortly after (Redis: typically within milliseconds).
	Publish(ctx context.Context, e Event) error
	// Subscribe calls h with every event until ctx ends. Calls to h are
	// sequential per subscription; h must be quick (no I/O) and is
	// protected from its own panics.
	Subscribe(ctx context.Context, h func(Event)) error
}

var (
	_ Bus = (*Local)(nil)
	_ Bus = (*Redis)(nil)
)

// ErrInvalidEvent is wrapped by Publish errors for an event that is not
// well-formed.
var ErrInvalidEvent = errors.New("invalid event")

// ErrNotSubscribed is wrapped by Redis.Subscribe when the subscription could
// not be established in time. The subscription keeps trying in the
// background and delivers KindResync once it is up.
var ErrNotSubscribed = errors.New("events: not subscribed yet")

const (
	maxIDLen   = 64
	maxKindLen = 64
	digestLen  = 32 // HMAC-SHA256
)

// Validate reports why e may not travel on a bus, or nil. It is applied to
// events published and to events received, so a malformed message from the
// wire never reaches a subscriber.
func (e Event) Validate() error {
	if !validKind(e.Kind) {
		return fmt.Errorf("%w: kind %q", ErrInvalidEvent, clip(e.Kind))
	}
	if e.Kind == KindResync {
		return fmt.Errorf("%w: %s is delivered by the bus, never published", ErrInvalidEvent, KindResync)
	}
	for _, id := range [...]struct{ name, v string }{{"key_id", e.KeyID}, {"org_id", e.OrgID}} {
		if apikey.LooksLike(id.v) {
			// The field most likely to receive a key by mistake: refuse
			// rather than broadcast it.
			return fmt.Errorf("%w: %s holds an API key; send its id and digest instead", ErrInvalidEvent, id.name)
		}
		if !validID(id.v) {
			return fmt.Errorf("%w: %s %q", ErrInvalidEvent, id.name, clip(id.v))
		}
	}
	if len(e.Digest) != 0 && len(e.Digest) != digestLen {
		return fmt.Errorf("%w: digest is %d bytes; want %d (HMAC-SHA256)", ErrInvalidEvent, len(e.Digest), digestLen)
	}
	return nil
}

// validKind accepts dotted lower-case words: "key.revoked".
func validKind(s string) bool {
	if s == "" || len(s) > maxKindLen {
		return false
	}
	start := true // at the start of a word
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case 'a' <= c && c <= 'z':
			start = false
		case ('0' <= c && c <= '9' || c == '_') && !start:
		case c == '.' && !start && i != len(s)-1:
			start = true
		default:
			return false
		}
	}
	return true
}

// validID accepts ids such as "key_3kTMd9..." (and the empty string).
func validID(s string) bool {
	if len(s) > maxIDLen {
		return false
	}
	for i := 0; i < len(s); i++ {
		c := s[i]
		if !('0' <= c && c <= '9' || 'A' <= c && c <= 'Z' || 'a' <= c && c <= 'z' || c == '_' || c == '-') {
			return false
		}
	}
	return true
}

func clip(s string) string {
	if len(s) > 32 {
		return s[:32] + "…"
	}
	return s
}

// Stats are a bus's counters since it was created, for metrics and
// readiness checks.
type Stats struct {
	Published     uint64 // events published through this bus
	PublishErrors uint64 // publications that did not reach Redis
	Received      uint64 // events received from other instances
	Malformed     uint64 // messages ignored because they were not valid events
	HandlerPanics uint64 // subscriber calls that panicked (recovered)
	Lost          uint64 // times a subscription to Redis was lost
	Resyncs       uint64 // KindResync events delivered
	Subscribed    int64  // subscriptions currently active
}

type counters struct {
	published, publishErrors, received, malformed, panics, lost, resyncs atomic.Uint64
	subscribed                                                           atomic.Int64
}

func (c *counters) stats() Stats {
	return Stats{
		Published: c.published.Load(), PublishErrors: c.publishErrors.Load(),
		Received: c.received.Load(), Malformed: c.malformed.Load(),
		HandlerPanics: c.panics.Load(), Lost: c.lost.Load(), Resyncs: c.resyncs.Load(),
		Subscribed: c.subscribed.Load(),
	}
}

// deliver calls h, containing a panic: one faulty subscriber must neither
// take the process down nor stop the events that follow.
func deliver(h func(Event), e Event, c *counters, log *slog.Logger) {
	defer func() {
		if r := recover(); r != nil {
			c.panics.Add(1)
			log.Error("event handler panicked", "kind", e.Kind, "key_id", e.KeyID, "panic", fmt.Sprint(r))
		}
	}()
	h(e)
}

// warnLimiter lets a warning through at most once per interval, so a flood
// of bad messages cannot flood the log.
type warnLimiter struct {
	every time.Duration
	last  atomic.Int64
}

func (w *warnLimiter) allow() bool {
	now := time.Now().UnixNano()
	last := w.last.Load()
	return now-last >= int64(w.every) && w.last.CompareAndSwap(last, now)
}
