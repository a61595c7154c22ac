// Package attempts counts failed attempts at secrets (passwords, user
// codes, TOTP codes) in the shared auth_throttle table, so every instance
// sees the same counts. Attempts are reserved before the secret is checked
// (so parallel requests cannot slip past a limit) and refunded when the
// secret was right: only failures stay counted.
package attempts

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"net/netip"
	"time"

	"github.com/vmira/mira/internal/store"
)

// Rule is a limit on attempts per fixed window.
type Rule struct {
	Limit  int
	Window time.Duration
}

// Key is one throttle key and its rule.
type Key struct {
	Key  string
	Rule Rule
}

// LockedError is the error of a sign-in, a second-factor code or a device
// user code refused without being checked because too many attempts failed
// (see Counter.Reserve): the lock-out ends after RetryAfter.
type LockedError struct {
	RetryAfter time.Duration
}

func (e *LockedError) Error() string {
	return fmt.Sprintf("too many failed attempts; try again in %v", e.RetryAfter.Round(time.Second))
}

// Counter counts attempts in the auth_throttle table, so every instance
// sees the same counts. Attempts are reserved before the secret is checked
// (so parallel requests cannot slip past a limit) and refunded when the
// secret was right: only failures stay counted.
type Counter struct {
	db *store.DB
}

const qThrottleReserve = `INSERT INTO auth_throttle (key, window_start, failures, last_at) VALUES (?, ?, 1, ?)
ON CONFLICT (key) DO UPDATE SET
	failures = CASE WHEN auth_throttle.window_start <= ? THEN 1 ELSE auth_throttle.failures + 1 END,
	window_start = CASE WHEN auth_throttle.window_start <= ? THEN excluded.window_start ELSE auth_throttle.window_start END,
	last_at = excluded.last_at
RETURNING failures, window_start`

// Reserve counts one attempt on every key. It reports how long to wait
// when any key is over its limit (this attempt included), else 0; a
// refused attempt is refunded at once, so that attempts refused by one
// limit (a locked-out session) do not use up another (the global one).
func (t *Counter) Reserve(ctx context.Context, now time.Time, keys ...Key) (time.Duration, error) {
	var wait time.Duration
	for _, k := range keys {
		if k.Rule.Limit <= 0 {
			continue
		}
		expired := now.Add(-k.Rule.Window).UnixMicro()
		var (
			failures int64
			start    int64
		)
		err := t.db.SQL().QueryRowContext(ctx, t.db.Rebind(qThrottleReserve),
			k.Key, now.UnixMicro(), now.UnixMicro(), expired, expired).Scan(&failures, &start)
		if err != nil {
			return 0, fmt.Errorf("throttle: reserve: %w", err)
		}
		if failures > int64(k.Rule.Limit) {
			if w := time.UnixMicro(start).Add(k.Rule.Window).Sub(now); w > wait {
				wait = w
			}
		}
	}
	if wait > 0 {
		if err := t.Refund(ctx, keys...); err != nil {
			return 0, err
		}
		wait = max(wait, time.Second)
	}
	return wait, nil
}

// Refund takes back one reserved attempt on every key.
func (t *Counter) Refund(ctx context.Context, keys ...Key) error {
	for _, k := range keys {
		if k.Rule.Limit <= 0 {
			continue
		}
		_, err := t.db.SQL().ExecContext(ctx, t.db.Rebind(`UPDATE auth_throttle SET failures = failures - 1 WHERE key = ? AND failures > 0`), k.Key)
		if err != nil {
			return fmt.Errorf("throttle: refund: %w", err)
		}
	}
	return nil
}

// State returns the failures counted on key in its current window and the
// time of the last attempt.
func (t *Counter) State(ctx context.Context, now time.Time, k Key) (int, time.Time, error) {
	var failures, start, last int64
	err := t.db.SQL().QueryRowContext(ctx, t.db.Rebind(`SELECT failures, window_start, last_at FROM auth_throttle WHERE key = ?`), k.Key).
		Scan(&failures, &start, &last)
	if errors.Is(err, sql.ErrNoRows) {
		return 0, time.Time{}, nil
	}
	if err != nil {
		return 0, time.Time{}, fmt.Errorf("throttle: state: %w", err)
	}
	if !now.Before(time.UnixMicro(start).Add(k.Rule.Window)) {
		return 0, time.Time{}, nil
	}
	return int(failures), time.UnixMicro(last), nil
}

// Cleanup deletes counters untouched since before.
func (t *Counter) Cleanup(ctx context.Context, before time.Time) error {
	_, err := t.db.SQL().ExecContext(ctx, t.db.Rebind(`DELETE FROM auth_throttle WHERE last_at < ?`), before.UnixMicro())
	return err
}

// IPKey is the part of a throttle key naming a client address: the address
// for IPv4, its /64 for IPv6 (one subscriber usually holds a whole /64).
func IPKey(ip netip.Addr) string {
	ip = ip.Unmap()
	if ip.Is6() {
		p, _ := ip.Prefix(64)
		return p.String()
	}
	return ip.String()
}

// New returns a Counter on db.
func New(db *store.DB) *Counter { return &Counter{db: db} }
