package ratelimit

import (
	"context"
	"sync"
	"time"
)

// MemoryOptions configures a Memory limiter. The zero value is ready to use.
type MemoryOptions struct {
	// Clock returns the current time; default time.Now. Only differences
	// between its readings matter (monotonic with time.Now).
	Clock func() time.Time
	// SweepInterval is how often each shard drops the state of subjects
	// whose limits have fully rested and that hold no slot; default 1 minute.
	SweepInterval time.Duration
}

// Memory is the in-process limiter: state in sharded maps, each behind its own
// mutex. Idle state is swept, so memory is bounded by the subjects active
// within a day (within a minute for Allow keys). Admit allocates only the
// Reservation.
type Memory struct {
	clock    func() time.Time
	start    time.Time
	sweep    int64 // ms
	subjects table
	allows   table // Allow keys live apart, so they cannot collide with subjects
}

var _ Limiter = (*Memory)(nil)

const numShards = 64 // a power of two

type table [numShards]shard

type shard struct {
	mu        sync.Mutex
	entries   map[string]*entry
	lastSweep int64
	_         [40]byte // keeps neighbouring shards' mutexes off one cache line
}

type entry struct {
	cells    [numDims]cell
	inflight int64
	idleAt   int64 // ms from which every cell has drained
}

// NewMemory returns an in-process limiter.
func NewMemory(opts MemoryOptions) *Memory {
	m := &Memory{clock: opts.Clock, sweep: int64(opts.SweepInterval / time.Millisecond)}
	if m.clock == nil {
		m.clock = time.Now
	}
	if m.sweep <= 0 {
		m.sweep = minuteMs
	}
	m.start = m.clock()
	for i := range m.subjects {
		m.subjects[i].entries = make(map[string]*entry)
		m.allows[i].entries = make(map[string]*entry)
	}
	return m
}

// now returns milliseconds since the limiter was created.
func (m *Memory) now() int64 {
	return int64(m.clock().Sub(m.start) / time.Millisecond)
}

func (t *table) shard(key string) *shard {
	// FNV-1a, inline so hashing allocates nothing.
	h := uint32(2166136261)
	for i := 0; i < len(key); i++ {
		h ^= uint32(key[i])
		h *= 16777619
	}
	return &t[h&(numShards-1)]
}

// lookup returns key's entry, creating it when create is set. sh.mu is held.
func (sh *shard) lookup(key string, create bool) *entry {
	e := sh.entries[key]
	if e == nil && create {
		e = new(entry)
		sh.entries[key] = e
	}
	return e
}

// maybeSweep drops rested entries once per interval. sh.mu is held.
func (sh *shard) maybeSweep(now, interval int64) {
	if now-sh.lastSweep < interval {
		return
	}
	sh.lastSweep = now
	for k, e := range sh.entries {
		if e.inflight == 0 && e.idleAt <= now {
			delete(sh.entries, k)
		}
	}
}

// Admit implements Limiter.
func (m *Memory) Admit(ctx context.Context, r Request) (Decision, *Reservation, error) {
	if err := r.validate(); err != nil {
		return Decision{}, nil, err
	}
	if unlimited(&r.Plan) { // nothing to count: keep no state
		return Decision{Allowed: true}, &Reservation{backend: m, subject: r.Subject, plan: r.Plan}, nil
	}
	ls := planLimits(&r.Plan)
	costs := [numDims]int64{1, int64(max(min(r.Tokens, maxLimit+1), 0)), 1}
	conc := int64(r.Plan.Concurrent)
	now := m.now()

	sh := m.subjects.shard(r.Subject)
	sh.mu.Lock()
	e := sh.lookup(r.Subject, true)
	d := admit(&ls, &e.cells, &costs, now, conc, e.inflight)
	if d.Allowed {
		if conc > 0 {
			e.inflight++
		}
		e.idleAt = idleAt(&ls, &e.cells)
	}
	sh.maybeSweep(now, m.sweep)
	sh.mu.Unlock()

	if !d.Allowed {
		return d, nil, nil
	}
	return d, &Reservation{backend: m, subject: r.Subject, plan: r.Plan, tokens: int(costs[dimTokens])}, nil
}

func (m *Memory) settle(_ context.Context, r *Reservation, delta int) error {
	ls := planLimits(&r.plan)
	now := m.now()
	sh := m.subjects.shard(r.subject)
	sh.mu.Lock()
	e := sh.lookup(r.subject, true)
	e.cells[dimTokens] = ls[dimTokens].settle(e.cells[dimTokens], now, int64(delta))
	e.idleAt = max(e.idleAt, idleAt(&ls, &e.cells))
	sh.mu.Unlock()
	return nil
}

func (m *Memory) release(r *Reservation) {
	sh := m.subjects.shard(r.subject)
	sh.mu.Lock()
	// The entry exists: it cannot be swept while it holds a slot.
	if e := sh.lookup(r.subject, false); e != nil && e.inflight > 0 {
		e.inflight--
	}
	sh.mu.Unlock()
}

// Allow implements Limiter.
func (m *Memory) Allow(ctx context.Context, key string, ratePerMinute, burst int) (Decision, error) {
	ls, err := allowLimits(key, ratePerMinute, burst)
	if err != nil {
		return Decision{}, err
	}
	costs := [numDims]int64{dimRequests: 1}
	now := m.now()
	sh := m.allows.shard(key)
	sh.mu.Lock()
	e := sh.lookup(key, true)
	d := admit(&ls, &e.cells, &costs, now, 0, 0)
	if d.Allowed {
		e.idleAt = idleAt(&ls, &e.cells)
	}
	sh.maybeSweep(now, m.sweep)
	sh.mu.Unlock()
	return d, nil
}

func allowLimits(key string, ratePerMinute, burst int) (limits, error) {
	if key == "" {
		return limits{}, errEmptyKey
	}
	if burst <= 0 {
		burst = ratePerMinute
	}
	if ratePerMinute <= 0 || ratePerMinute > maxLimit || burst > maxLimit {
		return limits{}, invalidf("Allow: rate %d/min, burst %d: want 1 to %d", ratePerMinute, burst, maxLimit)
	}
	return limits{dimRequests: {minuteMs, int64(ratePerMinute), int64(burst)}}, nil
}

// Len returns the number of subjects and Allow keys with state held.
func (m *Memory) Len() int {
	n := 0
	for _, t := range []*table{&m.subjects, &m.allows} {
		for i := range t {
			t[i].mu.Lock()
			n += len(t[i].entries)
			t[i].mu.Unlock()
		}
	}
	return n
}
