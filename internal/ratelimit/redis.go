package ratelimit

import (
	"cmp"
	"context"
	"crypto/rand"
	"encoding/hex"
	"errors"
	"fmt"
	"net"
	neturl "net/url"
	"strconv"
	"sync"
	"sync/atomic"
	"time"

	"github.com/redis/go-redis/v9"
)

// Lua helpers shared by the scripts: Redis's clock in ms (ARGV[1] overrides
// it in tests), exact integer division, and the debt drain of gcra.go.
// Numbers are float64 in Lua; every quantity stays below 2^53 (see Plan
// bounds), so integer arithmetic is exact, and state is written with %.0f so
// no digit is lost.
const luaPrelude = `
local function now_ms()
  if ARGV[1] ~= '' then return tonumber(ARGV[1]) end
  local t = redis.call('TIME')
  return tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
end
local function idiv(a, b)
  local q = math.floor(a / b)
  if q * b > a then q = q - 1 elseif (q + 1) * b <= a then q = q + 1 end
  return q
end
local function cdiv(a, b) return idiv(a + b - 1, b) end
local function num(s) return tonumber(s) or 0 end
local function str(n) return string.format('%.0f', n) end
local function debt(t, d, rate, now)
  if d <= 0 then return 0 end
  local elapsed = now - t
  if elapsed <= 0 then return d end
  if elapsed > idiv(d, rate) then return 0 end
  return d - elapsed * rate
end
`

// admitScript is admit() of gcra.go plus the concurrency leases.
//
//	KEYS[1] state hash: fields rt rd (requests/min), tt td (tokens/min), dt dd (requests/day)
//	KEYS[2] concurrency sorted set: lease -> expiry (ms, Redis clock)
//	ARGV[1] now override ('' = TIME); ARGV[2] tokens
//	ARGV[3..11] period, rate, burst of requests/min, tokens/min, requests/day
//	ARGV[12] concurrency limit; ARGV[13] lease; ARGV[14] lease TTL (ms)
//
// Returns allowed, reason code, retry (ms), never fits, then limit,
// remaining, reset (ms) of each dimension, then concurrency limit and slots
// in use.
var admitScript = redis.NewScript(luaPrelude + `
local now = now_ms()
local tokens = tonumber(ARGV[2])
local state = redis.call('HMGET', KEYS[1], 'rt', 'rd', 'tt', 'td', 'dt', 'dd')
local allowed, never, slowest, retry = 1, 0, 0, 0
local period, rate, burst, debts, need = {}, {}, {}, {}, {}
for i = 1, 3 do
  period[i] = tonumber(ARGV[3 * i])
  rate[i] = tonumber(ARGV[3 * i + 1])
  burst[i] = tonumber(ARGV[3 * i + 2])
  debts[i], need[i] = 0, 0
  if rate[i] > 0 then
    local cost = 1
    if i == 2 then cost = tokens end
    debts[i] = debt(num(state[2 * i - 1]), num(state[2 * i]), rate[i], now)
    need[i] = debts[i] + cost * period[i]
    local capacity = burst[i] * period[i]
    if cost > burst[i] then
      allowed = 0
      if never == 0 then never = i end
    elseif need[i] > capacity then
      allowed = 0
      local r = cdiv(need[i] - capacity, rate[i])
      if r > retry then slowest, retry = i, r end
    end
  end
end
local conc = tonumber(ARGV[12])
local inuse = 0
if conc > 0 then
  redis.call('ZREMRANGEBYSCORE', KEYS[2], '-inf', now)
  inuse = redis.call('ZCARD', KEYS[2])
  if inuse >= conc then
    allowed = 0
    if 1000 > retry then slowest, retry = 4, 1000 end
  end
end
if allowed == 1 then
  local ttl, fields = 0, {}
  for i = 1, 3 do
    if rate[i] > 0 then
      debts[i] = need[i]
      local f = ({'r', 't', 'd'})[i]
      table.insert(fields, f .. 't'); table.insert(fields, str(now))
      table.insert(fields, f .. 'd'); table.insert(fields, str(need[i]))
      ttl = math.max(ttl, cdiv(need[i], rate[i]))
    end
  end
  if #fields > 0 then
    redis.call('HSET', KEYS[1], unpack(fields))
    redis.call('PEXPIRE', KEYS[1], ttl + 1000)
  end
  if conc > 0 then
    local lease_ttl = tonumber(ARGV[14])
    redis.call('ZADD', KEYS[2], str(now + lease_ttl), ARGV[13])
    redis.call('PEXPIRE', KEYS[2], lease_ttl)
    inuse = inuse + 1
  end
end
local reason = 0
if allowed == 0 then
  if never > 0 then reason, retry = never, 0 else reason = slowest end
else
  retry = 0
end
local out = {allowed, reason, retry, never > 0 and 1 or 0}
for i = 1, 3 do
  if rate[i] > 0 then
    local capacity = burst[i] * period[i]
    local remaining = 0
    if debts[i] < capacity then remaining = idiv(capacity - debts[i], period[i]) end
    table.insert(out, burst[i])
    table.insert(out, remaining)
    table.insert(out, cdiv(debts[i], rate[i]))
  else
    table.insert(out, 0); table.insert(out, 0); table.insert(out, 0)
  end
end
table.insert(out, conc)
table.insert(out, inuse)
return out
`)

// settleScript is limit.settle of gcra.go for the tokens dimension.
//
//	KEYS[1] state hash; ARGV[1] now override; ARGV[2] delta tokens;
//	ARGV[3] period; ARGV[4] rate; ARGV[5] maximum debt
var settleScript = redis.NewScript(luaPrelude + `
local now = now_ms()
local delta, period, rate = tonumber(ARGV[2]), tonumber(ARGV[3]), tonumber(ARGV[4])
local s = redis.call('HMGET', KEYS[1], 'tt', 'td')
local d = debt(num(s[1]), num(s[2]), rate, now) + delta * period
d = math.min(math.max(d, 0), tonumber(ARGV[5]))
redis.call('HSET', KEYS[1], 'tt', str(now), 'td', str(d))
local ttl = cdiv(d, rate) + 1000
if redis.call('PTTL', KEYS[1]) < ttl then redis.call('PEXPIRE', KEYS[1], ttl) end
return d
`)

// renewScript extends a lease that still exists (XX: a released lease is not
// brought back) to now + ARGV[3] on Redis's clock.
//
//	KEYS[1] concurrency sorted set; ARGV[1] now override; ARGV[2] lease; ARGV[3] TTL (ms)
var renewScript = redis.NewScript(luaPrelude + `
local ttl = tonumber(ARGV[3])
local n = redis.call('ZADD', KEYS[1], 'XX', 'CH', str(now_ms() + ttl), ARGV[2])
if n > 0 then redis.call('PEXPIRE', KEYS[1], ttl) end
return n
`)

// RedisOptions configures a Redis limiter. The zero value is ready to use.
type RedisOptions struct {
	// Prefix starts every key; default "mira:rl:".
	Prefix string
	// LeaseTTL is how long a concurrency slot outlives the instance holding
	// it when that instance stops renewing it (crash, partition); live slots
	// are renewed every LeaseTTL/3. Default 30s.
	LeaseTTL time.Duration
	// Timeout bounds Settle, Release and renewal calls; default 1s.
	Timeout time.Duration
}

// Redis is the shared limiter: one Lua script per admission, evaluated
// atomically on Redis's clock, so any number of instances never disagree and
// their clocks do not matter. Admit is one round trip (two the first time a
// script meets a Redis that does not have it cached). Concurrency slots are
// leases in a sorted set; this instance renews those it holds, so the slots
// of a crashed instance come back after LeaseTTL.
//
// Keys: Prefix+"{subject}" (a hash, expiring once rested),
// Prefix+"{subject}:c" (the leases), Prefix+"ip:{key}" for Allow. The braces
// keep a subject's keys in one Redis Cluster slot.
type Redis struct {
	client   redis.UniversalClient
	prefix   string
	leaseTTL time.Duration
	timeout  time.Duration
	instance string
	seq      atomic.Uint64
	nowMs    func() int64 // tests: replaces Redis's clock when set

	mu     sync.Mutex
	leases map[string]string // lease -> sorted set key, renewed while held
	stop   chan struct{}
	done   chan struct{}
	closed bool
}

var _ Limiter = (*Redis)(nil)

// NewRedis returns a limiter on client, which should be made with
// NewRedisClient or set the same options. Close stops lease renewal.
func NewRedis(client redis.UniversalClient, opts RedisOptions) *Redis {
	r := &Redis{
		client:   client,
		prefix:   opts.Prefix,
		leaseTTL: opts.LeaseTTL,
		timeout:  opts.Timeout,
		leases:   make(map[string]string),
		stop:     make(chan struct{}),
		done:     make(chan struct{}),
	}
	r.prefix = cmp.Or(r.prefix, "mira:rl:")
	if r.leaseTTL < 3*time.Millisecond {
		r.leaseTTL = 30 * time.Second
	}
	if r.timeout <= 0 {
		r.timeout = time.Second
	}
	var b [8]byte
	_, _ = rand.Read(b[:])
	r.instance = hex.EncodeToString(b[:])
	go r.renewLoop()
	return r
}

// NewRedisClient returns a go-redis client for url (redis://... or
// rediss://...) set up for rate limiting: it honours context deadlines (so
// the Fallback timeout bounds every call) and never retries a command,
// because a retried admission that had already run would be charged twice.
func NewRedisClient(url string) (*redis.Client, error) {
	opts, err := redis.ParseURL(url)
	if err != nil {
		var ue *neturl.Error
		if errors.As(err, &ue) {
			err = ue.Err // ue.URL may hold a password
		}
		return nil, fmt.Errorf("ratelimit: invalid Redis URL: %w", err)
	}
	opts.ContextTimeoutEnabled = true
	opts.MaxRetries = -1
	opts.DialerRetries = 1 // Fallback retries, by probing
	opts.DialTimeout = time.Second
	opts.ReadTimeout = time.Second
	opts.WriteTimeout = time.Second
	opts.PoolTimeout = 250 * time.Millisecond
	return redis.NewClient(opts), nil
}

// Close stops renewing leases. It does not release them (they expire) nor
// close the client.
func (r *Redis) Close() error {
	r.mu.Lock()
	if !r.closed {
		r.closed = true
		close(r.stop)
	}
	r.mu.Unlock()
	<-r.done
	return nil
}

func (r *Redis) now() string {
	if r.nowMs == nil {
		return ""
	}
	return strconv.FormatInt(r.nowMs(), 10)
}

// Admit implements Limiter.
func (r *Redis) Admit(ctx context.Context, req Request) (Decision, *Reservation, error) {
	if err := req.validate(); err != nil {
		return Decision{}, nil, err
	}
	if unlimited(&req.Plan) { // nothing to count: no round trip
		return Decision{Allowed: true}, &Reservation{backend: r, subject: req.Subject, plan: req.Plan}, nil
	}
	ls := planLimits(&req.Plan)
	tokens := max(min(req.Tokens, maxLimit+1), 0)
	state := r.prefix + "{" + req.Subject + "}"
	keys := []string{state, state + ":c"}
	lease := ""
	if req.Plan.Concurrent > 0 {
		lease = r.instance + ":" + strconv.FormatUint(r.seq.Add(1), 10)
	}
	d, err := r.run(ctx, keys, &ls, tokens, req.Plan.Concurrent, lease)
	if err != nil || !d.Allowed {
		return d, nil, err
	}
	if lease != "" {
		r.mu.Lock()
		r.leases[lease] = keys[1]
		r.mu.Unlock()
	}
	return d, &Reservation{backend: r, subject: req.Subject, plan: req.Plan, tokens: tokens, lease: lease}, nil
}

// Allow implements Limiter.
func (r *Redis) Allow(ctx context.Context, key string, ratePerMinute, burst int) (Decision, error) {
	ls, err := allowLimits(key, ratePerMinute, burst)
	if err != nil {
		return Decision{}, err
	}
	state := r.prefix + "ip:{" + key + "}"
	return r.run(ctx, []string{state, state + ":c"}, &ls, 0, 0, "")
}

func (r *Redis) run(ctx context.Context, keys []string, ls *limits, tokens, conc int, lease string) (Decision, error) {
	args := make([]any, 0, 14)
	args = append(args, r.now(), tokens)
	for _, l := range ls {
		args = append(args, l.period, l.rate, l.burst)
	}
	args = append(args, conc, lease, r.leaseTTL.Milliseconds())
	v, err := admitScript.Run(ctx, r.client, keys, args...).Int64Slice()
	if err != nil {
		return Decision{}, fmt.Errorf("ratelimit: redis admit: %w", err)
	}
	return decodeDecision(v)
}

// decodeDecision turns admitScript's reply into a Decision.
func decodeDecision(v []int64) (Decision, error) {
	if len(v) != 15 || v[1] < 0 || v[1] >= int64(len(reasons)) {
		return Decision{}, fmt.Errorf("ratelimit: redis admit: unexpected reply %v", v)
	}
	w := func(i int) Window {
		return Window{Limit: int(v[i]), Remaining: int(v[i+1]), Reset: time.Duration(v[i+2]) * time.Millisecond}
	}
	d := Decision{
		Allowed:    v[0] == 1,
		Reason:     reasons[v[1]],
		RetryAfter: time.Duration(v[2]) * time.Millisecond,
		NeverFits:  v[3] == 1,
		Requests:   w(4),
		Tokens:     w(7),
		Day:        w(10),
	}
	if v[13] > 0 {
		d.Concurrent = Window{Limit: int(v[13]), Remaining: int(max(v[13]-v[14], 0))}
	}
	return d, nil
}

func (r *Redis) settle(ctx context.Context, res *Reservation, delta int) error {
	ctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), r.timeout)
	defer cancel()
	l := planLimits(&res.plan)[dimTokens]
	key := r.prefix + "{" + res.subject + "}"
	err := settleScript.Run(ctx, r.client, []string{key}, r.now(), delta, l.period, l.rate, maxDebt).Err()
	if err != nil {
		return fmt.Errorf("ratelimit: redis settle: %w", err)
	}
	return nil
}

func (r *Redis) release(res *Reservation) {
	_ = r.releaseErr(res, r.timeout)
}

// forget stops renewing res's lease and returns its sorted set key ("" when
// there is none).
func (r *Redis) forget(res *Reservation) string {
	if res.lease == "" {
		return ""
	}
	r.mu.Lock()
	key := r.leases[res.lease]
	delete(r.leases, res.lease)
	r.mu.Unlock()
	return key
}

func (r *Redis) releaseErr(res *Reservation, timeout time.Duration) error {
	key := r.forget(res) // stop renewing, whatever happens next
	if key == "" {
		return nil
	}
	ctx, cancel := context.WithTimeout(context.Background(), timeout)
	defer cancel()
	// On failure the lease expires by itself after LeaseTTL.
	if err := r.client.ZRem(ctx, key, res.lease).Err(); err != nil {
		return fmt.Errorf("ratelimit: redis release: %w", err)
	}
	return nil
}

func (r *Redis) renewLoop() {
	defer close(r.done)
	t := time.NewTicker(r.leaseTTL / 3)
	defer t.Stop()
	for {
		select {
		case <-r.stop:
			return
		case <-t.C:
			_ = r.renew()
		}
	}
}

// renew extends every lease this instance holds, in one pipeline.
func (r *Redis) renew() error {
	r.mu.Lock()
	if len(r.leases) == 0 {
		r.mu.Unlock()
		return nil
	}
	type lease struct{ member, key string }
	held := make([]lease, 0, len(r.leases))
	for m, k := range r.leases {
		held = append(held, lease{m, k})
	}
	r.mu.Unlock()

	ctx, cancel := context.WithTimeout(context.Background(), r.timeout)
	defer cancel()
	pipe := r.client.Pipeline()
	ttl := r.leaseTTL.Milliseconds()
	for _, l := range held {
		// EVAL, not EVALSHA: a pipeline cannot fall back on NOSCRIPT.
		renewScript.Eval(ctx, pipe, []string{l.key}, r.now(), l.member, ttl)
	}
	_, err := pipe.Exec(ctx)
	if err != nil && !errors.Is(err, redis.Nil) {
		return fmt.Errorf("ratelimit: redis renew: %w", err)
	}
	return nil
}

// ping checks that Redis answers. For a plain client it first checks the
// TCP port itself, so an outage does not make go-redis log a failed dial on
// every probe.
func (r *Redis) ping(ctx context.Context) error {
	if c, ok := r.client.(*redis.Client); ok {
		if o := c.Options(); o.Network == "tcp" || o.Network == "" {
			conn, err := (&net.Dialer{}).DialContext(ctx, "tcp", o.Addr)
			if err != nil {
				return err
			}
			conn.Close()
		}
	}
	return r.client.Ping(ctx).Err()
}
