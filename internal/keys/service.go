package keys

import (
	"context"
	"database/sql"
	"errors"
	"log/slog"
	"maps"
	"time"

	"github.com/vmira/mira/internal/audit"
	"github.com/vmira/mira/internal/mira"
	"github.com/vmira/mira/internal/store"
)

// Store runs key changes in transactions (*store.DB).
type Store interface {
	InTx(ctx context.Context, fn func(tx *store.Tx) error) error
}

// Auditor appends audit entries inside a transaction (*audit.Log), so that a
// key change and the entry recording it commit together.
type Auditor interface {
	AppendTx(ctx context.Context, tx *sql.Tx, e *audit.Entry) error
}

// Invalidator drops a key from this instance's cache (the server's
// authenticator).
type Invalidator interface {
	Invalidate(digest []byte)
}

// Publisher tells the other instances that a key changed.
type Publisher interface {
	KeyChanged(ctx context.Context, keyID string, digest []byte) error
}

// Config configures a Service. Store and Secret are required; the rest is
// optional (`mira admin` has no cache and no bus).
type Config struct {
	Store  Store
	Secret []byte // the server secret: keys are stored as its HMAC digests
	// Audit records every change in the same transaction; nil: changes
	// are not audited (tests only).
	Audit  Auditor
	Cache  Invalidator
	Events Publisher
	Logger *slog.Logger
	Now    func() time.Time
}

// Service is the one way keys change. Each change runs the store operation,
// re-reads the key and appends its audit entry in one database transaction,
// so an entry is never lost to a crash and never recorded for a change that
// did not happen; after the commit it drops the key from the local cache and
// tells the other instances.
type Service struct {
	cfg Config
	log *slog.Logger
}

// NewService returns a Service. cfg.Store is required.
func NewService(cfg Config) *Service {
	if cfg.Now == nil {
		cfg.Now = time.Now
	}
	log := cfg.Logger
	if log == nil {
		log = slog.New(slog.DiscardHandler)
	}
	return &Service{cfg: cfg, log: log}
}

var errSecret = errors.New("keys: the server secret must hold at least 32 bytes")

// Origin says who asked for a change and from where, for the audit log.
type Origin struct {
	Actor    string // audit.User(id), audit.Key(id) or audit.System
	ClientIP string
	// Details are added to the entry's (for example "via": "dashboard").
	Details map[string]any
}

// change runs op, then appends the audit entry it returns, in one
// transaction; after the commit it invalidates and publishes the keys it
// returns as changed.
func (s *Service) change(ctx context.Context, by Origin, op func(tx *store.Tx) (entry *audit.Entry, changed []*mira.Key, err error)) error {
	var changed []*mira.Key
	err := s.cfg.Store.InTx(ctx, func(tx *store.Tx) error {
		e, ch, err := op(tx)
		if err != nil {
			return err
		}
		changed = ch
		if e == nil || s.cfg.Audit == nil {
			return nil
		}
		e.Actor, e.ClientIP = by.Actor, by.ClientIP
		if e.Actor == "" {
			e.Actor = audit.System
		}
		if len(by.Details) > 0 {
			if e.Details == nil {
				e.Details = map[string]any{}
			}
			maps.Copy(e.Details, by.Details)
		}
		return s.cfg.Audit.AppendTx(ctx, tx.SQL(), e)
	})
	if err != nil {
		return err
	}
	for _, k := range changed {
		s.forget(ctx, k)
	}
	return nil
}

// forget makes every instance drop its cached copy of k. It runs after the
// commit: before it, a lookup could cache the old row again.
func (s *Service) forget(ctx context.Context, k *mira.Key) {
	if s.cfg.Cache != nil {
		s.cfg.Cache.Invalidate(k.Digest)
	}
	if s.cfg.Events != nil {
		if err := s.cfg.Events.KeyChanged(context.WithoutCancel(ctx), k.ID, k.Digest); err != nil {
			s.log.Warn("publishing a key change failed; other instances will see it within their poll", "key_id", k.ID, "error", err)
		}
	}
}

// Create makes a new key from spec and returns it with its secret, which
// exists nowhere else afterwards. Check spec with Actor.BoundSpec first.
func (s *Service) Create(ctx context.Context, spec Spec, by Origin) (*mira.Key, string, error) {
	if len(s.cfg.Secret) < 32 {
		return nil, "", errSecret
	}
	k, raw, err := newSpecKey(s.cfg.Secret, spec, s.cfg.Now())
	if err != nil {
		return nil, "", err
	}
	err = s.change(ctx, by, func(tx *store.Tx) (*audit.Entry, []*mira.Key, error) {
		if err := tx.CreateKey(ctx, k); err != nil {
			return nil, nil, err
		}
		got, err := tx.KeyByID(ctx, k.ID)
		if err != nil {
			return nil, nil, err
		}
		*k = *got
		// A new key is in no cache: nothing to invalidate.
		return &audit.Entry{OrgID: k.OrgID, Action: audit.KeyCreated, Target: k.ID, Details: map[string]any{
			"name": k.Name, "environment": string(k.Environment), "scopes": mira.JoinScopes(k.Scopes)}}, nil, nil
	})
	if err != nil {
		return nil, "", err
	}
	return k, raw, nil
}

// Update applies u to the key id and returns the key as it now is. Check u
// with Actor.CheckUpdate first.
func (s *Service) Update(ctx context.Context, id string, u store.KeyUpdate, by Origin) (*mira.Key, error) {
	var k *mira.Key
	err := s.change(ctx, by, func(tx *store.Tx) (*audit.Entry, []*mira.Key, error) {
		var err error
		if k, err = tx.UpdateKey(ctx, id, u); err != nil {
			return nil, nil, err
		}
		return &audit.Entry{OrgID: k.OrgID, Action: audit.SettingsChanged, Target: k.ID,
			Details: map[string]any{"scopes": mira.JoinScopes(k.Scopes), "name": k.Name}}, []*mira.Key{k}, nil
	})
	if err != nil {
		return nil, err
	}
	return k, nil
}

// Rotate replaces the key id with a new key of the same family and
// metadata; the old one keeps working for grace (0: it stops now). It
// returns the new key and its secret, shown once, and the old key as it now
// is.
func (s *Service) Rotate(ctx context.Context, id string, grace time.Duration, by Origin) (next *mira.Key, raw string, old *mira.Key, err error) {
	if len(s.cfg.Secret) < 32 {
		return nil, "", nil, errSecret
	}
	if grace < 0 || grace > MaxGrace {
		return nil, "", nil, mira.ParamErrorf("grace_period", "the grace period must be between 0 and %s", MaxGrace)
	}
	now := s.cfg.Now()
	err = s.change(ctx, by, func(tx *store.Tx) (*audit.Entry, []*mira.Key, error) {
		cur, err := tx.KeyByID(ctx, id)
		if err != nil {
			return nil, nil, err
		}
		if cur.State(now) != mira.KeyActive {
			return nil, nil, mira.Errorf(mira.EInvalidRequest, "only an active key can be rotated")
		}
		next, raw = newKey(s.cfg.Secret, cur, now)
		if err := tx.RotateKey(ctx, cur.ID, next, now.Add(grace)); err != nil {
			return nil, nil, err
		}
		if old, err = tx.KeyByID(ctx, cur.ID); err != nil {
			return nil, nil, err
		}
		return &audit.Entry{OrgID: old.OrgID, Action: audit.KeyRotated, Target: old.ID,
			Details: map[string]any{"new_key": next.ID, "grace": grace.String()}}, []*mira.Key{old}, nil
	})
	if err != nil {
		return nil, "", nil, err
	}
	return next, raw, old, nil
}

// Revoke stops the key id at once and returns it as it now is; revoking a
// revoked key is not an error (and is audited again: someone tried).
func (s *Service) Revoke(ctx context.Context, id, reason string, by Origin) (*mira.Key, error) {
	var k *mira.Key
	err := s.change(ctx, by, func(tx *store.Tx) (*audit.Entry, []*mira.Key, error) {
		if _, err := tx.RevokeKey(ctx, id, s.cfg.Now(), reason); err != nil {
			return nil, nil, err
		}
		var err error
		if k, err = tx.KeyByID(ctx, id); err != nil {
			return nil, nil, err
		}
		return &audit.Entry{OrgID: k.OrgID, Action: audit.KeyRevoked, Target: k.ID}, []*mira.Key{k}, nil
	})
	if err != nil {
		return nil, err
	}
	return k, nil
}

// RecordExposure records that the key e.KeyID was exposed (sent over plain
// HTTP, reported leaked) and, when revoke is true, revokes it at once, even
// in a rotation's grace period. It returns the key as it now is. A repeat
// the store folds (e.Folded) changes nothing and is not audited again.
func (s *Service) RecordExposure(ctx context.Context, e *mira.KeyExposure, revoke bool, by Origin) (*mira.Key, error) {
	if e.At.IsZero() {
		e.At = s.cfg.Now()
	}
	var k *mira.Key
	err := s.change(ctx, by, func(tx *store.Tx) (*audit.Entry, []*mira.Key, error) {
		if err := tx.RecordExposure(ctx, e, revoke); err != nil {
			return nil, nil, err
		}
		var err error
		if k, err = tx.KeyByID(ctx, e.KeyID); err != nil {
			return nil, nil, err
		}
		if e.Folded {
			return nil, nil, nil
		}
		entry := &audit.Entry{OrgID: k.OrgID, Action: audit.KeyExposed, Target: k.ID,
			Details: map[string]any{"source": e.Source, "revoked": e.Revoked}}
		if e.Source == mira.ExposureLeakReport {
			entry.Action = audit.KeyReported
			entry.Details = map[string]any{"revoked": e.Revoked, "reporter_ip": e.ClientIP}
		}
		return entry, []*mira.Key{k}, nil
	})
	if err != nil {
		return nil, err
	}
	return k, nil
}
