// Package members manages who belongs to an organisation: listing its
// users, inviting new ones by e-mail (a single-use, expiring link), changing
// roles and removing members. The rules are the same for the dashboard and
// the API:
//
//   - only owners and admins manage members;
//   - nobody grants a role above their own, nor changes or removes someone
//     whose role is above their own;
//   - the last owner of an organisation can be neither demoted nor removed;
//   - every change is written to the audit log in the transaction that
//     makes it.
//
// Removing a member revokes their API keys (each audited, and dropped from
// every instance's cache), ends their CLI sign-ins and browser sessions,
// and deletes the user; their keys stay, revoked, without an owner.
package members

import (
	"cmp"
	"context"
	"database/sql"
	"errors"
	"fmt"
	"log/slog"
	"time"

	"github.com/vmira/mira/internal/audit"
	"github.com/vmira/mira/internal/keys"
	"github.com/vmira/mira/internal/mira"
	"github.com/vmira/mira/internal/secretbox"
	"github.com/vmira/mira/internal/store"
)

// Audit actions of this package (the role change and the new user use
// audit.RoleChanged and audit.UserCreated).
const (
	ActionInvited           = "member.invited"
	ActionInvitationRevoked = "member.invitation_revoked"
	ActionRemoved           = "member.removed"
)

// DefaultInviteTTL is how long an invitation link works.
const DefaultInviteTTL = 7 * 24 * time.Hour

// Auditor appends audit entries inside a transaction (*audit.Log).
type Auditor interface {
	AppendTx(ctx context.Context, tx *sql.Tx, e *audit.Entry) error
}

// KeyRevoker revokes API keys with their audit entries and cache
// invalidation (*keys.Service).
type KeyRevoker interface {
	Revoke(ctx context.Context, id, reason string, by keys.Origin) (*mira.Key, error)
}

// TokenRevoker ends every CLI sign-in of a user (*oauth.Server).
type TokenRevoker interface {
	RevokeUserTokens(ctx context.Context, userID string) error
}

// Mailer sends a plain-text e-mail (*notify.Notifier with an e-mail
// channel); nil when none is configured.
type Mailer interface {
	SendMail(ctx context.Context, to, subject, body string) error
}

// Config configures a Service. DB, Secret, Audit, Keys and Tokens are
// required.
type Config struct {
	DB     *store.DB
	Secret []byte // the server secret: invitation tokens are stored as HMAC digests under a key derived from it
	Audit  Auditor
	Keys   KeyRevoker
	Tokens TokenRevoker
	// Forget runs after a member is removed or their role changes: it
	// makes every instance drop what it cached about users (their access
	// tokens are then refused within a second). Optional.
	Forget func(ctx context.Context, orgID string)
	// Mailer e-mails invitation links; nil: they are only shown.
	Mailer Mailer
	// BaseURL is the server's public address; links are BaseURL/invite?token=...
	BaseURL   string
	InviteTTL time.Duration // default DefaultInviteTTL
	Now       func() time.Time
	Logger    *slog.Logger
}

// Service manages members. It is safe for concurrent use.
type Service struct {
	cfg       Config
	db        *store.DB
	log       *slog.Logger
	inviteKey []byte
}

// New returns a Service.
func New(cfg Config) (*Service, error) {
	if cfg.DB == nil || cfg.Audit == nil || cfg.Keys == nil || cfg.Tokens == nil {
		return nil, errors.New("members: DB, Audit, Keys and Tokens are required")
	}
	key, err := secretbox.Key(cfg.Secret, "members/invitation", 32)
	if err != nil {
		return nil, err
	}
	cfg.InviteTTL = cmp.Or(cfg.InviteTTL, DefaultInviteTTL)
	if cfg.Now == nil {
		cfg.Now = time.Now
	}
	log := cmp.Or(cfg.Logger, slog.New(slog.DiscardHandler))
	return &Service{cfg: cfg, db: cfg.DB, log: log, inviteKey: key}, nil
}

func (s *Service) now() time.Time { return s.cfg.Now().UTC().Truncate(time.Microsecond) }

// OrgName returns the name of the organisation id, or "" when it cannot be
// read (it is only shown).
func (s *Service) OrgName(ctx context.Context, id string) string {
	o, err := s.db.OrgByID(ctx, id)
	if err != nil {
		return ""
	}
	return o.Name
}

// CanMail reports whether invitation links are e-mailed.
func (s *Service) CanMail() bool { return s.cfg.Mailer != nil }

// Actor is who manages members: a signed-in user, or an API key with the
// admin scope acting for its owner.
type Actor struct {
	OrgID  string
	UserID string
	Role   mira.Role
}

// UserActor is the signed-in user u.
func UserActor(u *mira.User) Actor { return Actor{OrgID: u.OrgID, UserID: u.ID, Role: u.Role} }

// rank orders roles: a higher rank may do all a lower one may.
func rank(r mira.Role) int {
	switch r {
	case mira.RoleOwner:
		return 3
	case mira.RoleAdmin:
		return 2
	case mira.RoleMember:
		return 1
	}
	return 0
}

// Manages reports whether the actor may manage members at all.
func (a Actor) Manages() bool { return a.OrgID != "" && rank(a.Role) >= rank(mira.RoleAdmin) }

// Grantable returns the roles the actor may give, highest first.
func (a Actor) Grantable() []mira.Role {
	var out []mira.Role
	for _, r := range []mira.Role{mira.RoleOwner, mira.RoleAdmin, mira.RoleMember} {
		if a.Manages() && rank(r) <= rank(a.Role) {
			out = append(out, r)
		}
	}
	return out
}

func (a Actor) checkManages() error {
	if !a.Manages() {
		return mira.Errorf(mira.EInsufficientScope, "only owners and admins manage members")
	}
	return nil
}

// checkGrant refuses a role above the actor's own.
func (a Actor) checkGrant(r mira.Role) error {
	if rank(r) == 0 {
		return mira.ParamErrorf("role", "role must be owner, admin or member")
	}
	if rank(r) > rank(a.Role) {
		return mira.Errorf(mira.EInsufficientScope, "you cannot grant the role %s, which is above your own (%s)", r, a.Role)
	}
	return nil
}

// checkTarget refuses acting on someone whose role is above the actor's.
func (a Actor) checkTarget(m *Member) error {
	if rank(m.Role) > rank(a.Role) {
		return mira.Errorf(mira.EInsufficientScope, "you cannot change or remove an %s: their role is above your own (%s)", m.Role, a.Role)
	}
	return nil
}

// Member is a user of an organisation.
type Member struct {
	ID        string
	OrgID     string
	Email     string
	Role      mira.Role
	CreatedAt time.Time
}

// querier is a transaction or the database.
type querier interface {
	QueryContext(ctx context.Context, query string, args ...any) (*sql.Rows, error)
	QueryRowContext(ctx context.Context, query string, args ...any) *sql.Row
}

const memberColumns = `id, org_id, email, role, created_at`

func scanMember(sc interface{ Scan(...any) error }) (*Member, error) {
	var (
		m       Member
		role    string
		created sql.NullInt64
	)
	if err := sc.Scan(&m.ID, &m.OrgID, &m.Email, &role, &created); err != nil {
		return nil, err
	}
	m.Role, m.CreatedAt = mira.Role(role), store.TimeFrom(created)
	return &m, nil
}

// List returns the members of the organisation, owners first, then by
// e-mail address.
func (s *Service) List(ctx context.Context, orgID string) ([]*Member, error) {
	rows, err := s.db.SQL().QueryContext(ctx, s.db.Rebind(`SELECT `+memberColumns+` FROM users WHERE org_id = ? ORDER BY
		CASE role WHEN 'owner' THEN 0 WHEN 'admin' THEN 1 ELSE 2 END, email`), orgID)
	if err != nil {
		return nil, fmt.Errorf("members: list: %w", err)
	}
	defer rows.Close()
	var out []*Member
	for rows.Next() {
		m, err := scanMember(rows)
		if err != nil {
			return nil, fmt.Errorf("members: list: %w", err)
		}
		out = append(out, m)
	}
	return out, rows.Err()
}

// Get returns the member id of the actor's organisation; a user of another
// organisation is not found (never confirmed to exist).
func (s *Service) Get(ctx context.Context, a Actor, id string) (*Member, error) {
	if err := a.checkManages(); err != nil {
		return nil, err
	}
	return s.member(ctx, s.db.SQL(), "", a.OrgID, id)
}

// member reads the member id of orgID; suffix locks the row (FOR UPDATE).
func (s *Service) member(ctx context.Context, q querier, suffix, orgID, id string) (*Member, error) {
	m, err := scanMember(q.QueryRowContext(ctx, s.db.Rebind(`SELECT `+memberColumns+` FROM users WHERE id = ? AND org_id = ?`+suffix), id, orgID))
	if errors.Is(err, sql.ErrNoRows) {
		return nil, mira.Errorf(mira.ENotFound, "no such member")
	}
	if err != nil {
		return nil, fmt.Errorf("members: read member: %w", err)
	}
	return m, nil
}

// forUpdate is the row-locking suffix of the dialect: SQLite transactions
// hold the write lock from BEGIN, PostgreSQL locks the rows read.
func forUpdate(tx *store.Tx) string {
	if tx.Dialect() == store.DialectPostgres {
		return " FOR UPDATE"
	}
	return ""
}

// otherOwners counts the owners of orgID other than userID, locking them
// so that two owners cannot demote or remove each other at once.
func (s *Service) otherOwners(ctx context.Context, tx *store.Tx, orgID, userID string) (int, error) {
	rows, err := tx.SQL().QueryContext(ctx, s.db.Rebind(`SELECT id FROM users WHERE org_id = ? AND role = ?`+forUpdate(tx)), orgID, string(mira.RoleOwner))
	if err != nil {
		return 0, fmt.Errorf("members: count owners: %w", err)
	}
	defer rows.Close()
	n := 0
	for rows.Next() {
		var id string
		if err := rows.Scan(&id); err != nil {
			return 0, err
		}
		if id != userID {
			n++
		}
	}
	return n, rows.Err()
}

// errLastOwner refuses leaving an organisation without an owner.
var errLastOwner = mira.Errorf(mira.EInvalidRequest, "this is the organisation's last owner: make another member an owner first")

// SetRole gives the member id the role and returns them as they now are.
func (s *Service) SetRole(ctx context.Context, a Actor, id string, role mira.Role, by keys.Origin) (*Member, error) {
	if err := a.checkManages(); err != nil {
		return nil, err
	}
	if err := a.checkGrant(role); err != nil {
		return nil, err
	}
	var m *Member
	err := s.db.InTx(ctx, func(tx *store.Tx) error {
		var err error
		if m, err = s.member(ctx, tx.SQL(), forUpdate(tx), a.OrgID, id); err != nil {
			return err
		}
		if err := a.checkTarget(m); err != nil {
			return err
		}
		if m.Role == role {
			return nil
		}
		if m.Role == mira.RoleOwner {
			if n, err := s.otherOwners(ctx, tx, a.OrgID, m.ID); err != nil {
				return err
			} else if n == 0 {
				return errLastOwner
			}
		}
		if _, err := tx.SQL().ExecContext(ctx, s.db.Rebind(`UPDATE users SET role = ? WHERE id = ?`), string(role), m.ID); err != nil {
			return fmt.Errorf("members: set role: %w", err)
		}
		e := &audit.Entry{OrgID: a.OrgID, Action: audit.RoleChanged, Target: m.ID,
			Details: map[string]any{"email": m.Email, "from": string(m.Role), "to": string(role)}}
		m.Role = role
		return s.append(ctx, tx, e, by)
	})
	if err != nil {
		return nil, err
	}
	s.forget(ctx, a.OrgID)
	return m, nil
}

// append writes e, from by, in tx.
func (s *Service) append(ctx context.Context, tx *store.Tx, e *audit.Entry, by keys.Origin) error {
	e.Actor, e.ClientIP = cmp.Or(by.Actor, audit.System), by.ClientIP
	for k, v := range by.Details {
		if e.Details == nil {
			e.Details = map[string]any{}
		}
		e.Details[k] = v
	}
	return s.cfg.Audit.AppendTx(ctx, tx.SQL(), e)
}

func (s *Service) forget(ctx context.Context, orgID string) {
	if s.cfg.Forget != nil {
		s.cfg.Forget(context.WithoutCancel(ctx), orgID)
	}
}
