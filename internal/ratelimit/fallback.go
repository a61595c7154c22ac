package ratelimit

import (
	"cmp"
	"context"
	"log/slog"
	"sync"
	"sync/atomic"
	"time"
)

// FallbackOptions configures a Fallback. The zero value is ready to use.
type FallbackOptions struct {
	// Timeout bounds each Redis call made while serving a request; default
	// 100ms. On expiry the request is decided by the memory limiter.
	Timeout time.Duration
	// ProbeInterval is how often Redis is probed while degraded; default 500ms.
	ProbeInterval time.Duration
	// Logger receives one warning when limits degrade and one message when
	// they are shared again; default slog.Default().
	Logger *slog.Logger
}

// Fallback serves from a Redis limiter (limits shared by every instance)
// and, while Redis errors or times out, from a Memory limiter (limits per
// instance: with K instances a subject may get up to K times its plan). The
// first failure switches to memory at once, logs once and starts a
// background probe; requests then stop touching Redis until the probe sees it
// answer, when shared limits resume by themselves. State kept in Redis
// survives the outage if Redis does; what was admitted from memory meanwhile
// is not carried over. A Reservation is settled and released on the limiter
// that made it.
type Fallback struct {
	redis   *Redis
	memory  *Memory
	timeout time.Duration
	probe   time.Duration
	log     *slog.Logger

	degraded atomic.Bool
	answered atomic.Bool   // Redis has answered at least once
	shared   fallbackRedis // Reservation backend for Redis reservations

	mu      sync.Mutex
	closed  bool
	stop    chan struct{}
	probing sync.WaitGroup
}

var _ Limiter = (*Fallback)(nil)

// NewFallback returns a limiter serving from redis, falling back to memory.
// Close stops it and the Redis limiter.
func NewFallback(redis *Redis, memory *Memory, opts FallbackOptions) *Fallback {
	f := &Fallback{
		redis:   redis,
		memory:  memory,
		timeout: opts.Timeout,
		probe:   opts.ProbeInterval,
		log:     opts.Logger,
		stop:    make(chan struct{}),
	}
	if f.timeout <= 0 {
		f.timeout = 100 * time.Millisecond
	}
	if f.probe <= 0 {
		f.probe = 500 * time.Millisecond
	}
	f.log = cmp.Or(f.log, slog.Default())
	f.shared.f = f
	// Find out now whether Redis answers, so readiness does not claim
	// shared limits before Redis has ever answered.
	f.probing.Add(1)
	go func() {
		defer f.probing.Done()
		// Not on a request's path: a slow first answer is still an answer.
		ctx, cancel := context.WithTimeout(context.Background(), max(f.timeout, f.probe, 2*time.Second))
		defer cancel()
		if err := f.redis.ping(ctx); err != nil {
			f.fail(err)
			return
		}
		f.answered.Store(true)
	}()
	return f
}

// Degraded reports whether limits are currently per instance because Redis
// is unreachable, or has not answered yet.
func (f *Fallback) Degraded() bool { return f.degraded.Load() || !f.answered.Load() }

// Close stops the probe and the Redis limiter's lease renewal.
func (f *Fallback) Close() error {
	f.mu.Lock()
	if !f.closed {
		f.closed = true
		close(f.stop)
	}
	f.mu.Unlock()
	f.probing.Wait()
	return f.redis.Close()
}

// Admit implements Limiter. It returns an error only for an invalid request
// or when ctx is done, never for Redis failing; nor do the Settle and Release
// of its reservations.
func (f *Fallback) Admit(ctx context.Context, r Request) (Decision, *Reservation, error) {
	if err := r.validate(); err != nil {
		return Decision{}, nil, err
	}
	if !f.degraded.Load() {
		cctx, cancel := context.WithTimeout(ctx, f.timeout)
		d, res, err := f.redis.Admit(cctx, r)
		cancel()
		if err == nil {
			f.answered.Store(true)
			if res != nil {
				res.backend = &f.shared
			}
			return d, res, nil
		}
		if ctx.Err() != nil { // the caller gave up: not Redis's fault
			return Decision{}, nil, ctx.Err()
		}
		f.fail(err)
	}
	return f.memory.Admit(ctx, r)
}

// Allow implements Limiter, like Admit.
func (f *Fallback) Allow(ctx context.Context, key string, ratePerMinute, burst int) (Decision, error) {
	if _, err := allowLimits(key, ratePerMinute, burst); err != nil {
		return Decision{}, err
	}
	if !f.degraded.Load() {
		cctx, cancel := context.WithTimeout(ctx, f.timeout)
		d, err := f.redis.Allow(cctx, key, ratePerMinute, burst)
		cancel()
		if err == nil {
			f.answered.Store(true)
			return d, nil
		}
		if ctx.Err() != nil {
			return Decision{}, ctx.Err()
		}
		f.fail(err)
	}
	return f.memory.Allow(ctx, key, ratePerMinute, burst)
}

// fail switches to memory, once per outage.
func (f *Fallback) fail(err error) {
	if !f.degraded.CompareAndSwap(false, true) {
		return
	}
	f.mu.Lock()
	defer f.mu.Unlock()
	if f.closed {
		return
	}
	f.log.Warn("rate limiting degraded: Redis unreachable, limits are per instance until it answers",
		"component", "ratelimit", "err", err)
	f.probing.Add(1)
	go f.probeUntilBack()
}

func (f *Fallback) probeUntilBack() {
	defer f.probing.Done()
	t := time.NewTicker(f.probe)
	defer t.Stop()
	for {
		select {
		case <-f.stop:
			return
		case <-t.C:
		}
		ctx, cancel := context.WithTimeout(context.Background(), max(f.timeout, f.probe))
		err := f.redis.ping(ctx)
		cancel()
		if err == nil {
			f.answered.Store(true)
			f.degraded.Store(false)
			f.log.Info("rate limiting restored: Redis answers, limits are shared again", "component", "ratelimit")
			return
		}
	}
}

// fallbackRedis settles and releases Redis reservations for a Fallback:
// within its timeout, reporting failures, and not at all while degraded (the
// lease then expires by itself; the settlement is lost with the outage).
type fallbackRedis struct{ f *Fallback }

// Like Admit, settle reports no backend error: the failure degrades the
// Fallback (and is logged once there).
func (b *fallbackRedis) settle(ctx context.Context, r *Reservation, delta int) error {
	if b.f.degraded.Load() {
		return nil
	}
	ctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), b.f.timeout)
	defer cancel()
	if err := b.f.redis.settle(ctx, r, delta); err != nil {
		b.f.fail(err)
	}
	return nil
}

func (b *fallbackRedis) release(r *Reservation) {
	if b.f.degraded.Load() {
		b.f.redis.forget(r)
		return
	}
	if err := b.f.redis.releaseErr(r, b.f.timeout); err != nil {
		b.f.fail(err)
	}
}
