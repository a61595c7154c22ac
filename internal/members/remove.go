package members

import (
	"context"
	"errors"
	"fmt"

	"github.com/vmira/mira/internal/audit"
	"github.com/vmira/mira/internal/keys"
	"github.com/vmira/mira/internal/mira"
	"github.com/vmira/mira/internal/store"
)

// Removal is what removing a member did.
type Removal struct {
	Member      *Member
	RevokedKeys int // keys that were still working
}

// errKeysLeft: a key of the member appeared while their keys were being
// revoked (created with one of their keys meanwhile); revoke again.
var errKeysLeft = errors.New("members: the member still has working keys")

// removeRounds bounds the revoke-then-delete rounds of Remove.
const removeRounds = 3

// Remove takes the member id out of the organisation: their CLI sign-ins
// end, their keys are revoked (each with its own audit entry), and the user
// is deleted with their browser sessions, with the removal audited in the
// same transaction. The last owner cannot be removed.
func (s *Service) Remove(ctx context.Context, a Actor, id string, by keys.Origin) (*Removal, error) {
	if err := a.checkManages(); err != nil {
		return nil, err
	}
	m, err := s.checkRemovable(ctx, a, id)
	if err != nil {
		return nil, err
	}
	// First end what the member can act with, so that nothing new of
	// theirs appears while they are removed.
	if err := s.cfg.Tokens.RevokeUserTokens(ctx, m.ID); err != nil {
		return nil, err
	}
	res := &Removal{Member: m}
	for round := 1; ; round++ {
		n, err := s.revokeKeys(ctx, m, by)
		res.RevokedKeys += n
		if err != nil {
			return nil, err
		}
		err = s.db.InTx(ctx, func(tx *store.Tx) error { return s.deleteMember(ctx, tx, a, m.ID, res.RevokedKeys, by) })
		if err == nil {
			break
		}
		if !errors.Is(err, errKeysLeft) || round == removeRounds {
			return nil, err
		}
	}
	s.forget(ctx, a.OrgID)
	return res, nil
}

// checkRemovable reads the member and checks, before anything is revoked,
// that the actor may remove them (deleteMember checks again, locked).
func (s *Service) checkRemovable(ctx context.Context, a Actor, id string) (*Member, error) {
	var m *Member
	err := s.db.InTx(ctx, func(tx *store.Tx) error {
		var err error
		if m, err = s.member(ctx, tx.SQL(), "", a.OrgID, id); err != nil {
			return err
		}
		return s.checkRemove(ctx, tx, a, m)
	})
	return m, err
}

func (s *Service) checkRemove(ctx context.Context, tx *store.Tx, a Actor, m *Member) error {
	if err := a.checkTarget(m); err != nil {
		return err
	}
	if m.Role != mira.RoleOwner {
		return nil
	}
	n, err := s.otherOwners(ctx, tx, a.OrgID, m.ID)
	if err == nil && n == 0 {
		err = errLastOwner
	}
	return err
}

// revokeKeys revokes every key of m that still works and returns how many.
func (s *Service) revokeKeys(ctx context.Context, m *Member, by keys.Origin) (int, error) {
	all, err := s.db.ListKeys(ctx, m.OrgID)
	if err != nil {
		return 0, err
	}
	now, n := s.cfg.Now(), 0
	for _, k := range all {
		if k.UserID != m.ID || k.State(now) == mira.KeyRevoked {
			continue
		}
		if _, err := s.cfg.Keys.Revoke(ctx, k.ID, "member removed", by); err != nil {
			return n, fmt.Errorf("members: revoke key %s: %w", k.ID, err)
		}
		n++
	}
	return n, nil
}

// deleteMember deletes the user id (sessions, TOTP, CLI grants and device
// codes go with it) once no key of theirs works; their keys stay, revoked,
// without an owner.
func (s *Service) deleteMember(ctx context.Context, tx *store.Tx, a Actor, id string, revoked int, by keys.Origin) error {
	m, err := s.member(ctx, tx.SQL(), forUpdate(tx), a.OrgID, id)
	if err != nil {
		return err
	}
	if err := s.checkRemove(ctx, tx, a, m); err != nil {
		return err
	}
	var working int
	if err := tx.SQL().QueryRowContext(ctx, s.db.Rebind(`SELECT COUNT(*) FROM api_keys WHERE user_id = ? AND (revoked_at IS NULL OR revoked_at > ?)`),
		m.ID, s.now().UnixMicro()).Scan(&working); err != nil {
		return fmt.Errorf("members: count keys: %w", err)
	}
	if working > 0 {
		return errKeysLeft
	}
	for _, q := range []string{`UPDATE api_keys SET user_id = NULL WHERE user_id = ?`, `DELETE FROM users WHERE id = ?`} {
		if _, err := tx.SQL().ExecContext(ctx, s.db.Rebind(q), m.ID); err != nil {
			return fmt.Errorf("members: remove: %w", err)
		}
	}
	return s.append(ctx, tx, &audit.Entry{OrgID: a.OrgID, Action: ActionRemoved, Target: m.ID,
		Details: map[string]any{"email": m.Email, "role": string(m.Role), "revoked_keys": revoked}}, by)
}
