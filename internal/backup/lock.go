package backup

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"fmt"
	"hash/fnv"
	"sync"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/redis/go-redis/v9"
)

// Lock lets exactly one instance run a scheduled backup. TryLock does not
// wait: ok is false when another holder has it. While ok, held is a
// context (derived from ctx) that ends if the lock is lost, and release
// must be called once the work is done.
type Lock interface {
	TryLock(ctx context.Context, name string) (held context.Context, release func(), ok bool, err error)
}

// LocalLock is a process-local lock. With SQLite Mira runs as one
// instance only (the database is a file in the data directory), so a
// mutex is all the coordination there is to do.
type LocalLock struct {
	mu   sync.Mutex
	held map[string]bool
}

// NewLocalLock returns a process-local lock.
func NewLocalLock() *LocalLock { return &LocalLock{held: map[string]bool{}} }

func (l *LocalLock) TryLock(ctx context.Context, name string) (context.Context, func(), bool, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	if l.held[name] {
		return nil, nil, false, nil
	}
	l.held[name] = true
	held, cancel := context.WithCancel(ctx)
	var once sync.Once
	return held, func() {
		once.Do(func() {
			cancel()
			l.mu.Lock()
			delete(l.held, name)
			l.mu.Unlock()
		})
	}, true, nil
}

// PostgresLock takes a session-level pg_try_advisory_lock on a dedicated
// connection opened for the run and closed after it: the lock lives
// exactly as long as that connection, so an instance that dies mid-run
// releases it when PostgreSQL notices the connection is gone.
type PostgresLock struct {
	URL string
	// Ping is how often the held connection is checked; default 10s.
	Ping time.Duration
}

// lockKey maps a lock name to the advisory lock's bigint key.
func lockKey(name string) int64 {
	h := fnv.New64a()
	h.Write([]byte("mira:" + name))
	return int64(h.Sum64())
}

func (l *PostgresLock) TryLock(ctx context.Context, name string) (context.Context, func(), bool, error) {
	conn, err := pgx.Connect(ctx, l.URL)
	if err != nil {
		return nil, nil, false, fmt.Errorf("postgres lock %q: connect: %w", name, err)
	}
	key := lockKey(name)
	var ok bool
	if err := conn.QueryRow(ctx, "SELECT pg_try_advisory_lock($1)", key).Scan(&ok); err != nil {
		conn.Close(context.WithoutCancel(ctx))
		return nil, nil, false, fmt.Errorf("postgres lock %q: %w", name, err)
	}
	if !ok {
		conn.Close(context.WithoutCancel(ctx))
		return nil, nil, false, nil
	}
	held, cancel := context.WithCancel(ctx)
	every := l.Ping
	if every <= 0 {
		every = 10 * time.Second
	}
	var mu sync.Mutex // one query at a time on the connection
	stop := make(chan struct{})
	done := make(chan struct{})
	go func() {
		defer close(done)
		t := time.NewTicker(every)
		defer t.Stop()
		for {
			select {
			case <-stop:
				return
			case <-held.Done():
				return
			case <-t.C:
				mu.Lock()
				pctx, pcancel := context.WithTimeout(context.Background(), every)
				err := conn.Ping(pctx)
				pcancel()
				mu.Unlock()
				if err != nil {
					cancel() // the session, and with it the lock, is gone
					return
				}
			}
		}
	}()
	var once sync.Once
	return held, func() {
		once.Do(func() {
			close(stop)
			<-done
			cancel()
			mu.Lock()
			defer mu.Unlock()
			uctx, ucancel := context.WithTimeout(context.Background(), 10*time.Second)
			defer ucancel()
			// Unlock explicitly, then close: closing alone would release
			// it too, but a pooled proxy (pgbouncer) might keep the session.
			conn.Exec(uctx, "SELECT pg_advisory_unlock($1)", key)
			conn.Close(uctx)
		})
	}, true, nil
}

// RedisLock is SET key token NX PX ttl, kept alive while held and released
// only by its holder (compare-and-delete in Lua), for instances that share
// Redis.
type RedisLock struct {
	Client redis.UniversalClient
	// TTL bounds how long a crashed holder blocks the others; the lock is
	// extended every TTL/3 while held. Default 30s.
	TTL time.Duration
}

var (
	redisRelease = redis.NewScript(`if redis.call("GET", KEYS[1]) == ARGV[1] then return redis.call("DEL", KEYS[1]) end return 0`)
	redisExtend  = redis.NewScript(`if redis.call("GET", KEYS[1]) == ARGV[1] then return redis.call("PEXPIRE", KEYS[1], ARGV[2]) end return 0`)
)

func (l *RedisLock) TryLock(ctx context.Context, name string) (context.Context, func(), bool, error) {
	ttl := l.TTL
	if ttl <= 0 {
		ttl = 30 * time.Second
	}
	var b [16]byte
	rand.Read(b[:])
	token := hex.EncodeToString(b[:])
	key := "mira:lock:" + name
	ok, err := l.Client.SetNX(ctx, key, token, ttl).Result()
	if err != nil {
		return nil, nil, false, fmt.Errorf("redis lock %q: %w", name, err)
	}
	if !ok {
		return nil, nil, false, nil
	}
	held, cancel := context.WithCancel(ctx)
	stop := make(chan struct{})
	done := make(chan struct{})
	go func() {
		defer close(done)
		t := time.NewTicker(ttl / 3)
		defer t.Stop()
		for {
			select {
			case <-stop:
				return
			case <-held.Done():
				return
			case <-t.C:
				ectx, ecancel := context.WithTimeout(context.Background(), ttl/3)
				n, err := redisExtend.Run(ectx, l.Client, []string{key}, token, ttl.Milliseconds()).Int()
				ecancel()
				if err == nil && n == 0 {
					cancel() // expired and maybe taken by another instance
					return
				}
				// A transient error: try again next tick; the TTL covers it.
			}
		}
	}()
	var once sync.Once
	return held, func() {
		once.Do(func() {
			close(stop)
			<-done
			cancel()
			rctx, rcancel := context.WithTimeout(context.Background(), 10*time.Second)
			defer rcancel()
			redisRelease.Run(rctx, l.Client, []string{key}, token)
		})
	}, true, nil
}
