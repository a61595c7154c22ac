package events

import (
	"cmp"
	"context"
	"crypto/rand"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"log/slog"
	"net"
	"os"
	"sync/atomic"
	"time"

	"github.com/redis/go-redis/v9"
)

// Redis is a bus over Redis pub/sub, shared by every instance that uses the
// same Redis and prefix.
//
// Redis is trusted infrastructure: anyone who can PUBLISH on it can make
// instances drop cache entries (a performance nuisance, never an
// authentication bypass, since a dropped entry is simply read again from
// the database). Messages are still validated strictly and malformed ones
// are ignored and counted, never passed on. Protect Redis as you protect
// the database: a password or ACL, TLS (rediss://) off the local host.
//
// Each subscription has its own connection. go-redis reconnects and
// resubscribes by itself after a connection error; this bus also pings an
// idle subscription and replaces a connection that stops answering (a
// half-open TCP connection never reports an error). Whenever a
// subscription comes back after a loss, the subscriber receives KindResync.
type Redis struct {
	client  redis.UniversalClient
	channel string
	origin  string // this bus's id: its own messages are delivered locally, not echoed
	opts    RedisOptions
	local   *Local // this bus's subscribers, for synchronous local delivery
	c       counters
	warn    warnLimiter
}

// RedisOptions configure a Redis bus. The zero value is usable.
type RedisOptions struct {
	// Prefix is prepended to the channel name "events"; default "mira:".
	// Instances that must see each other's events use the same prefix.
	Prefix string
	// Logger receives subscription losses and recoveries; default slog.Default().
	Logger *slog.Logger
	// HealthCheck is how long a subscription may stay silent before it is
	// pinged; an unanswered ping for as long again replaces the connection.
	// Default 1s, so a dead connection is noticed within about 2s.
	HealthCheck time.Duration
	// SubscribeWait bounds how long Subscribe waits for the first
	// subscription; default 5s.
	SubscribeWait time.Duration
}

// maxMessage bounds a payload worth decoding; real events are ~150 bytes.
const maxMessage = 4 << 10

// NewRedis returns a bus on client. The client may be shared with other
// users (rate limiting); each subscription takes one extra connection.
func NewRedis(client redis.UniversalClient, opts RedisOptions) *Redis {
	opts.Prefix = cmp.Or(opts.Prefix, "mira:")
	opts.Logger = cmp.Or(opts.Logger, slog.Default())
	if opts.HealthCheck <= 0 {
		opts.HealthCheck = time.Second
	}
	if opts.SubscribeWait <= 0 {
		opts.SubscribeWait = 5 * time.Second
	}
	var id [8]byte
	_, _ = rand.Read(id[:])
	local := NewLocal()
	local.log = opts.Logger
	return &Redis{
		client:  client,
		channel: opts.Prefix + "events",
		origin:  hex.EncodeToString(id[:]),
		opts:    opts,
		local:   local,
		warn:    warnLimiter{every: time.Minute},
	}
}

// Channel returns the Redis channel the bus uses.
func (b *Redis) Channel() string { return b.channel }

// wire is the JSON payload: version 1.
type wire struct {
	V      int    `json:"v"`
	Origin string `json:"origin"`
	Event
}

// Publish validates e, delivers it to this bus's own subscribers, then
// publishes it to the other instances. An error means the other instances
// did not get it; they catch up through their cache TTL (and the revocation
// poll), so the caller logs it and carries on.
func (b *Redis) Publish(ctx context.Context, e Event) error {
	if err := e.Validate(); err != nil {
		return err
	}
	b.c.published.Add(1)
	b.local.deliver(e)
	payload, err := json.Marshal(wire{V: 1, Origin: b.origin, Event: e})
	if err != nil {
		return err
	}
	if err := b.client.Publish(ctx, b.channel, payload).Err(); err != nil {
		b.c.publishErrors.Add(1)
		return fmt.Errorf("events: publishing %s to Redis: %w", e.Kind, err)
	}
	return nil
}

// decode parses a payload from the wire. ok is false for anything that is
// not a valid version-1 event.
func decode(payload string) (w wire, ok bool) {
	if len(payload) == 0 || len(payload) > maxMessage {
		return w, false
	}
	if err := json.Unmarshal([]byte(payload), &w); err != nil {
		return w, false
	}
	if w.V != 1 || w.Event.Validate() != nil {
		return w, false
	}
	return w, true
}

// Subscribe calls h with every event from every instance (including this
// one's) until ctx ends. It returns nil once the subscription is active, so
// an event published afterwards reaches h. If Redis does not answer within
// RedisOptions.SubscribeWait (or ctx ends first), it returns an error
// wrapping ErrNotSubscribed, but keeps trying in the background until ctx
// ends; when the subscription is finally up, h receives KindResync.
func (b *Redis) Subscribe(ctx context.Context, h func(Event)) error {
	b.local.add(ctx, h)
	s := &subscription{bus: b, h: h, ready: make(chan struct{})}
	ps := b.client.Subscribe(ctx, b.channel)
	go s.run(ctx, ps)

	wait := time.NewTimer(b.opts.SubscribeWait)
	defer wait.Stop()
	select {
	case <-s.ready:
		return nil
	case <-ctx.Done():
	case <-wait.C:
	}
	s.late.Store(true)
	select {
	case <-s.ready:
		// It came up meanwhile: run saw late either way or not, and an
		// extra resync is harmless.
		return nil
	default:
	}
	if err := ctx.Err(); err != nil {
		return fmt.Errorf("%w: %w", ErrNotSubscribed, err)
	}
	return fmt.Errorf("%w to %s within %s (retrying in the background)", ErrNotSubscribed, b.channel, b.opts.SubscribeWait)
}

// Stats returns the bus's counters.
func (b *Redis) Stats() Stats {
	s := b.c.stats()
	s.HandlerPanics += b.local.c.panics.Load()
	return s
}

// subscription is one Subscribe call's connection loop.
type subscription struct {
	bus   *Redis
	h     func(Event)
	ready chan struct{} // closed at the first confirmed subscription
	late  atomic.Bool   // Subscribe gave up waiting for ready

	started bool // the first confirmation has been seen
	active  bool // subscribed, and not lost since
}

func (s *subscription) run(ctx context.Context, ps *redis.PubSub) {
	b := s.bus
	log := b.opts.Logger.With("channel", b.channel)
	var cur atomic.Pointer[redis.PubSub]
	cur.Store(ps)
	stop := context.AfterFunc(ctx, func() { _ = cur.Load().Close() })
	defer func() {
		stop()
		_ = cur.Load().Close()
		if s.active {
			b.c.subscribed.Add(-1)
		}
	}()

	backoff := 50 * time.Millisecond
	pinged := false // a ping is unanswered
	for ctx.Err() == nil {
		msg, err := ps.ReceiveTimeout(ctx, b.opts.HealthCheck)
		if ctx.Err() != nil {
			return
		}
		if err != nil {
			if !isTimeout(err) {
				// A broken connection: go-redis reconnects and
				// resubscribes on the next receive. Wait a little so a
				// Redis that is down does not spin this loop.
				s.lose(log, err)
				if !sleep(ctx, backoff) {
					return
				}
				backoff = min(2*backoff, time.Second)
				continue
			}
			if pinged {
				// Silence for two intervals, even to a ping: the
				// connection is half-open. Replace it.
				s.lose(log, errors.New("no answer to ping"))
				_ = ps.Close()
				ps = b.client.Subscribe(ctx, b.channel)
				cur.Store(ps)
				if ctx.Err() != nil { // AfterFunc may have closed the old one only
					return
				}
				pinged = false
				continue
			}
			if err := ps.Ping(ctx); err != nil {
				s.lose(log, err)
				continue
			}
			pinged = true
			continue
		}
		pinged = false
		backoff = 50 * time.Millisecond
		switch m := msg.(type) {
		case *redis.Subscription:
			if m.Kind == "subscribe" && m.Channel == b.channel {
				s.up(log)
			}
		case *redis.Message:
			w, ok := decode(m.Payload)
			if !ok {
				b.c.malformed.Add(1)
				if b.warn.allow() {
					log.Warn("ignoring a malformed event on the bus; is something else publishing on this channel?", "bytes", len(m.Payload))
				}
				continue
			}
			if w.Origin == b.origin {
				continue // delivered locally by Publish
			}
			b.c.received.Add(1)
			deliver(s.h, w.Event, &b.c, log)
		}
	}
}

// up records a confirmed subscription and delivers KindResync unless this
// is the first one and Subscribe was still waiting for it.
func (s *subscription) up(log *slog.Logger) {
	b := s.bus
	if !s.active {
		s.active = true
		b.c.subscribed.Add(1)
	}
	first := !s.started
	s.started = true
	if first {
		close(s.ready)
		if !s.late.Load() {
			return
		}
	}
	b.c.resyncs.Add(1)
	log.Info("event subscription re-established; caches must be treated as stale")
	deliver(s.h, Event{Kind: KindResync}, &b.c, log)
}

// lose records that the subscription is not active any more.
func (s *subscription) lose(log *slog.Logger, err error) {
	if !s.active {
		return
	}
	s.active = false
	s.bus.c.subscribed.Add(-1)
	s.bus.c.lost.Add(1)
	log.Warn("event subscription lost; reconnecting", "error", err)
}

func isTimeout(err error) bool {
	var ne net.Error
	return errors.As(err, &ne) && ne.Timeout() || errors.Is(err, os.ErrDeadlineExceeded)
}

func sleep(ctx context.Context, d time.Duration) bool {
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-t.C:
		return true
	case <-ctx.Done():
		return false
	}
}
