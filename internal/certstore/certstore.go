// Package certstore keeps ACME certificates, their keys and ACME accounts
// (CertMagic's storage) in Mira's database, each value sealed with a key
// derived from the server secret, so that every instance on one database
// serves the same certificate. Its locks are leases in the database: one
// instance obtains or renews a name at a time, and a lease whose holder
// died expires.
package certstore

import (
	"context"
	"crypto/rand"
	"database/sql"
	"encoding/hex"
	"errors"
	"fmt"
	"io/fs"
	"path"
	"slices"
	"strings"
	"sync"
	"time"

	"github.com/caddyserver/certmagic"

	"github.com/vmira/mira/internal/secretbox"
	"github.com/vmira/mira/internal/store"
)

// Defaults of Options.
const (
	DefaultLease = 30 * time.Second
	lockPoll     = 250 * time.Millisecond
)

// Options tune the locks; zero values take the defaults.
type Options struct {
	// Lease is how long a lock outlives its holder's last renewal.
	Lease time.Duration
}

// Storage is a certmagic.Storage in the database.
type Storage struct {
	db    *store.DB
	box   *secretbox.Box
	owner string
	lease time.Duration

	mu   sync.Mutex
	held map[string]context.CancelFunc // lock name -> its renewal
}

var (
	_ certmagic.Storage   = (*Storage)(nil)
	_ certmagic.TryLocker = (*Storage)(nil)
)

// New returns the storage of db, sealing values with secret.
func New(db *store.DB, secret []byte, opt Options) (*Storage, error) {
	box, err := secretbox.New(secret, "acme storage")
	if err != nil {
		return nil, err
	}
	if opt.Lease <= 0 {
		opt.Lease = DefaultLease
	}
	var b [12]byte
	rand.Read(b[:])
	return &Storage{db: db, box: box, owner: hex.EncodeToString(b[:]), lease: opt.Lease,
		held: map[string]context.CancelFunc{}}, nil
}

func (s *Storage) exec(ctx context.Context, q string, args ...any) (sql.Result, error) {
	return s.db.SQL().ExecContext(ctx, s.db.Rebind(q), args...)
}

// Store seals value, bound to its key, and puts it at key.
func (s *Storage) Store(ctx context.Context, key string, value []byte) error {
	_, err := s.exec(ctx, `INSERT INTO acme_storage (name, value, modified) VALUES (?, ?, ?)
		ON CONFLICT (name) DO UPDATE SET value = excluded.value, modified = excluded.modified`,
		key, s.box.Seal(value, []byte(key)), time.Now().UnixMicro())
	if err != nil {
		return fmt.Errorf("acme storage: store %s: %w", key, err)
	}
	return nil
}

// Load opens the value at key; fs.ErrNotExist when there is none.
func (s *Storage) Load(ctx context.Context, key string) ([]byte, error) {
	var sealed []byte
	err := s.db.SQL().QueryRowContext(ctx, s.db.Rebind(`SELECT value FROM acme_storage WHERE name = ?`), key).Scan(&sealed)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, fmt.Errorf("acme storage: %s: %w", key, fs.ErrNotExist)
	}
	if err != nil {
		return nil, fmt.Errorf("acme storage: load %s: %w", key, err)
	}
	v, err := s.box.Open(sealed, []byte(key))
	if err != nil {
		return nil, fmt.Errorf("acme storage: %s does not open with this server secret: %w", key, err)
	}
	return v, nil
}

// under matches key and every key below it ("directory" key/).
const under = `(name = ? OR substr(name, 1, ?) = ?)`

func underArgs(key string) []any {
	dir := strings.TrimSuffix(key, "/") + "/"
	return []any{key, len(dir), dir}
}

// Delete removes key and everything below it.
func (s *Storage) Delete(ctx context.Context, key string) error {
	if _, err := s.exec(ctx, `DELETE FROM acme_storage WHERE `+under, underArgs(key)...); err != nil {
		return fmt.Errorf("acme storage: delete %s: %w", key, err)
	}
	return nil
}

// Exists reports whether key is a value or a prefix of values.
func (s *Storage) Exists(ctx context.Context, key string) bool {
	var n int
	err := s.db.SQL().QueryRowContext(ctx, s.db.Rebind(`SELECT COUNT(*) FROM acme_storage WHERE `+under), underArgs(key)...).Scan(&n)
	return err == nil && n > 0
}

// List returns the keys below dir: every one when recursive, else the
// names one level down (values and "directories").
func (s *Storage) List(ctx context.Context, dir string, recursive bool) ([]string, error) {
	args := underArgs(dir)
	rows, err := s.db.SQL().QueryContext(ctx, s.db.Rebind(`SELECT name FROM acme_storage WHERE substr(name, 1, ?) = ?`), args[1:]...)
	if err != nil {
		return nil, fmt.Errorf("acme storage: list %s: %w", dir, err)
	}
	defer rows.Close()
	prefix := args[2].(string)
	var out []string
	for rows.Next() {
		var name string
		if err := rows.Scan(&name); err != nil {
			return nil, err
		}
		if !recursive {
			first, _, _ := strings.Cut(strings.TrimPrefix(name, prefix), "/")
			name = prefix + first
		}
		out = append(out, name)
	}
	if err := rows.Err(); err != nil {
		return nil, err
	}
	if len(out) == 0 {
		return nil, fmt.Errorf("acme storage: %s: %w", dir, fs.ErrNotExist)
	}
	// Sorted here, not by the database: cut names need not be adjacent,
	// and a collation need not be byte order.
	slices.Sort(out)
	return slices.Compact(out), nil
}

// Stat describes key: a value (with its time and sealed size) or a prefix.
func (s *Storage) Stat(ctx context.Context, key string) (certmagic.KeyInfo, error) {
	var modified, size int64
	err := s.db.SQL().QueryRowContext(ctx, s.db.Rebind(`SELECT modified, length(value) FROM acme_storage WHERE name = ?`), key).Scan(&modified, &size)
	if err == nil {
		return certmagic.KeyInfo{Key: key, Modified: time.UnixMicro(modified), Size: size, IsTerminal: true}, nil
	}
	if !errors.Is(err, sql.ErrNoRows) {
		return certmagic.KeyInfo{}, fmt.Errorf("acme storage: stat %s: %w", key, err)
	}
	if s.Exists(ctx, key) {
		return certmagic.KeyInfo{Key: key, IsTerminal: false}, nil
	}
	return certmagic.KeyInfo{}, fmt.Errorf("acme storage: %s: %w", key, fs.ErrNotExist)
}

// Lock waits until it holds the lock name, or ctx ends.
func (s *Storage) Lock(ctx context.Context, name string) error {
	for {
		ok, err := s.TryLock(ctx, name)
		if err != nil || ok {
			return err
		}
		select {
		case <-ctx.Done():
			return ctx.Err()
		case <-time.After(lockPoll):
		}
	}
}

// TryLock takes the lock name if it is free or its lease has expired,
// and then renews the lease until Unlock.
func (s *Storage) TryLock(ctx context.Context, name string) (bool, error) {
	now := time.Now()
	res, err := s.exec(ctx, `INSERT INTO acme_locks (name, owner, expires) VALUES (?, ?, ?)
		ON CONFLICT (name) DO UPDATE SET owner = excluded.owner, expires = excluded.expires
		WHERE acme_locks.expires < ?`, name, s.owner, now.Add(s.lease).UnixMicro(), now.UnixMicro())
	if err != nil {
		return false, fmt.Errorf("acme storage: lock %s: %w", name, err)
	}
	if n, err := res.RowsAffected(); err != nil || n != 1 {
		return false, err
	}
	renewCtx, cancel := context.WithCancel(context.Background())
	s.mu.Lock()
	if old := s.held[name]; old != nil {
		old() // our own lease had lapsed: its renewal stops
	}
	s.held[name] = cancel
	s.mu.Unlock()
	go s.renew(renewCtx, name)
	return true, nil
}

// renew extends the lease on name every third of it until ctx ends.
func (s *Storage) renew(ctx context.Context, name string) {
	t := time.NewTicker(s.lease / 3)
	defer t.Stop()
	for {
		select {
		case <-ctx.Done():
			return
		case <-t.C:
			s.exec(ctx, `UPDATE acme_locks SET expires = ? WHERE name = ? AND owner = ?`,
				time.Now().Add(s.lease).UnixMicro(), name, s.owner)
		}
	}
}

// Unlock releases the lock name if this Storage holds it.
func (s *Storage) Unlock(ctx context.Context, name string) error {
	s.mu.Lock()
	if cancel, ok := s.held[name]; ok {
		cancel()
		delete(s.held, name)
	}
	s.mu.Unlock()
	if _, err := s.exec(ctx, `DELETE FROM acme_locks WHERE name = ? AND owner = ?`, name, s.owner); err != nil {
		return fmt.Errorf("acme storage: unlock %s: %w", name, err)
	}
	return nil
}

// String names the storage in CertMagic's logs.
func (s *Storage) String() string { return path.Join("mira-db", s.db.Dialect()) }
