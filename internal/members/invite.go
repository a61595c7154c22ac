package members

import (
	"context"
	"crypto/hmac"
	"crypto/rand"
	"crypto/sha256"
	"database/sql"
	"encoding/base64"
	"errors"
	"fmt"
	"net/mail"
	"net/url"
	"strings"
	"time"

	"github.com/vmira/mira/internal/audit"
	"github.com/vmira/mira/internal/keys"
	"github.com/vmira/mira/internal/mira"
	"github.com/vmira/mira/internal/password"
	"github.com/vmira/mira/internal/store"
)

// TokenPrefix starts every invitation token, so secret scanners can find
// one pasted where it should not be.
const TokenPrefix = "mira_inv_"

// tokenLen is the length of a token: the prefix and 32 random bytes.
var tokenLen = len(TokenPrefix) + base64.RawURLEncoding.EncodedLen(32)

// mailTimeout bounds e-mailing one invitation.
const mailTimeout = 20 * time.Second

// Invitation is an invitation to join an organisation.
type Invitation struct {
	ID        string
	OrgID     string
	Email     string
	Role      mira.Role
	InvitedBy string // audit actor string
	CreatedAt time.Time
	ExpiresAt time.Time
}

// Invited is a new invitation with its link, shown once: only the
// token's digest is kept.
type Invited struct {
	*Invitation
	Link string
	// Emailed reports whether the link was e-mailed to the invitee;
	// MailError says why not when sending was tried and failed.
	Emailed   bool
	MailError string
}

// ErrInvalidInvitation is the answer for any link that does not work:
// unknown, used, cancelled or expired alike.
var ErrInvalidInvitation = mira.Errorf(mira.ENotFound, "this invitation link does not work: it was already used, was cancelled or has expired. Ask for a new one")

func (s *Service) digest(token string) []byte {
	h := hmac.New(sha256.New, s.inviteKey)
	h.Write([]byte(token))
	return h.Sum(nil)
}

func newToken() string {
	b := make([]byte, 32)
	rand.Read(b)
	return TokenPrefix + base64.RawURLEncoding.EncodeToString(b)
}

// parseEmail returns the normalised address, or an invalid_request error.
func parseEmail(email string) (string, error) {
	addr, err := mail.ParseAddress(email)
	if err != nil || addr.Address != strings.TrimSpace(email) || len(email) > 254 {
		return "", mira.ParamErrorf("email", "%q is not an e-mail address", truncate(email, 80))
	}
	return store.NormalizeEmail(addr.Address), nil
}

func truncate(s string, n int) string {
	if len(s) > n {
		return s[:n] + "…"
	}
	return s
}

// Invite invites email to the actor's organisation with role, replacing
// any pending invitation of the same address, and e-mails the link when a
// mailer is configured.
func (s *Service) Invite(ctx context.Context, a Actor, email string, role mira.Role, by keys.Origin) (*Invited, error) {
	if err := a.checkManages(); err != nil {
		return nil, err
	}
	if err := a.checkGrant(role); err != nil {
		return nil, err
	}
	addr, err := parseEmail(email)
	if err != nil {
		return nil, err
	}
	now, token := s.now(), newToken()
	inv := &Invitation{ID: mira.NewID("inv"), OrgID: a.OrgID, Email: addr, Role: role, InvitedBy: by.Actor,
		CreatedAt: now, ExpiresAt: now.Add(s.cfg.InviteTTL)}
	err = s.db.InTx(ctx, func(tx *store.Tx) error { return s.insertInvitation(ctx, tx, inv, s.digest(token), by) })
	if err != nil {
		return nil, err
	}
	out := &Invited{Invitation: inv, Link: strings.TrimSuffix(s.cfg.BaseURL, "/") + "/invite?token=" + url.QueryEscape(token)}
	if s.cfg.Mailer != nil {
		if err := s.mail(ctx, out); err != nil {
			s.log.Warn("members: e-mailing an invitation failed", "invitation", inv.ID, "error", err)
			out.MailError = "the invitation could not be e-mailed; give the link to the invitee yourself"
		} else {
			out.Emailed = true
		}
	}
	return out, nil
}

func (s *Service) insertInvitation(ctx context.Context, tx *store.Tx, inv *Invitation, digest []byte, by keys.Origin) error {
	var n int
	if err := tx.SQL().QueryRowContext(ctx, s.db.Rebind(`SELECT COUNT(*) FROM users WHERE email = ?`), inv.Email).Scan(&n); err != nil {
		return fmt.Errorf("members: invite: %w", err)
	}
	if n > 0 {
		return mira.ParamErrorf("email", "a user with this e-mail address already exists")
	}
	// A new invitation supersedes older ones to the same address.
	if _, err := tx.SQL().ExecContext(ctx, s.db.Rebind(`UPDATE invitations SET revoked_at = ? WHERE org_id = ? AND email = ? AND accepted_at IS NULL AND revoked_at IS NULL`),
		inv.CreatedAt.UnixMicro(), inv.OrgID, inv.Email); err != nil {
		return fmt.Errorf("members: invite: %w", err)
	}
	_, err := tx.SQL().ExecContext(ctx, s.db.Rebind(`INSERT INTO invitations (id, org_id, email, role, digest, invited_by, created_at, expires_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)`),
		inv.ID, inv.OrgID, inv.Email, string(inv.Role), digest, inv.InvitedBy, inv.CreatedAt.UnixMicro(), inv.ExpiresAt.UnixMicro())
	if err != nil {
		return fmt.Errorf("members: invite: %w", err)
	}
	return s.append(ctx, tx, &audit.Entry{OrgID: inv.OrgID, Action: ActionInvited, Target: inv.ID,
		Details: map[string]any{"email": inv.Email, "role": string(inv.Role), "expires_at": inv.ExpiresAt.Format(time.RFC3339)}}, by)
}

// mail sends the invitation link to the invitee, and to nobody else.
func (s *Service) mail(ctx context.Context, inv *Invited) error {
	org, err := s.db.OrgByID(ctx, inv.OrgID)
	if err != nil {
		return err
	}
	ctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), mailTimeout)
	defer cancel()
	body := fmt.Sprintf("You are invited to join the organisation %q on Mira as %s.\n\n"+
		"Open this link to choose a password and sign in:\n\n    %s\n\n"+
		"The link works once, until %s. If you did not expect this invitation, ignore this message.\n",
		org.Name, inv.Role, inv.Link, inv.ExpiresAt.Format("2006-01-02 15:04 UTC"))
	return s.cfg.Mailer.SendMail(ctx, inv.Email, "Invitation to "+org.Name+" on Mira", body)
}

const invitationColumns = `id, org_id, email, role, invited_by, created_at, expires_at`

func scanInvitation(sc interface{ Scan(...any) error }) (*Invitation, error) {
	var (
		inv              Invitation
		role             string
		created, expires int64
	)
	if err := sc.Scan(&inv.ID, &inv.OrgID, &inv.Email, &role, &inv.InvitedBy, &created, &expires); err != nil {
		return nil, err
	}
	inv.Role, inv.CreatedAt, inv.ExpiresAt = mira.Role(role), time.UnixMicro(created).UTC(), time.UnixMicro(expires).UTC()
	return &inv, nil
}

// pending is the condition of invitations that still work.
const pending = ` AND accepted_at IS NULL AND revoked_at IS NULL AND expires_at > ?`

// Pending returns the organisation's invitations that still work, newest
// first.
func (s *Service) Pending(ctx context.Context, orgID string) ([]*Invitation, error) {
	rows, err := s.db.SQL().QueryContext(ctx, s.db.Rebind(`SELECT `+invitationColumns+` FROM invitations WHERE org_id = ?`+pending+` ORDER BY created_at DESC`),
		orgID, s.now().UnixMicro())
	if err != nil {
		return nil, fmt.Errorf("members: pending invitations: %w", err)
	}
	defer rows.Close()
	var out []*Invitation
	for rows.Next() {
		inv, err := scanInvitation(rows)
		if err != nil {
			return nil, fmt.Errorf("members: pending invitations: %w", err)
		}
		out = append(out, inv)
	}
	return out, rows.Err()
}

// Cancel withdraws the pending invitation id of the actor's organisation.
func (s *Service) Cancel(ctx context.Context, a Actor, id string, by keys.Origin) error {
	if err := a.checkManages(); err != nil {
		return err
	}
	return s.db.InTx(ctx, func(tx *store.Tx) error {
		inv, err := scanInvitation(tx.SQL().QueryRowContext(ctx, s.db.Rebind(`SELECT `+invitationColumns+` FROM invitations WHERE id = ? AND org_id = ?`+pending+forUpdate(tx)),
			id, a.OrgID, s.now().UnixMicro()))
		if errors.Is(err, sql.ErrNoRows) {
			return mira.Errorf(mira.ENotFound, "no such pending invitation")
		}
		if err != nil {
			return fmt.Errorf("members: cancel invitation: %w", err)
		}
		if rank(inv.Role) > rank(a.Role) {
			return mira.Errorf(mira.EInsufficientScope, "you cannot cancel an invitation to a role above your own")
		}
		if _, err := tx.SQL().ExecContext(ctx, s.db.Rebind(`UPDATE invitations SET revoked_at = ? WHERE id = ?`), s.now().UnixMicro(), inv.ID); err != nil {
			return fmt.Errorf("members: cancel invitation: %w", err)
		}
		return s.append(ctx, tx, &audit.Entry{OrgID: inv.OrgID, Action: ActionInvitationRevoked, Target: inv.ID,
			Details: map[string]any{"email": inv.Email, "role": string(inv.Role)}}, by)
	})
}

// Lookup returns the pending invitation of token, or ErrInvalidInvitation.
func (s *Service) Lookup(ctx context.Context, token string) (*Invitation, error) {
	return s.lookup(ctx, s.db.SQL(), "", token)
}

func (s *Service) lookup(ctx context.Context, q querier, suffix, token string) (*Invitation, error) {
	if len(token) != tokenLen || !strings.HasPrefix(token, TokenPrefix) {
		return nil, ErrInvalidInvitation
	}
	inv, err := scanInvitation(q.QueryRowContext(ctx, s.db.Rebind(`SELECT `+invitationColumns+` FROM invitations WHERE digest = ?`+pending+suffix),
		s.digest(token), s.now().UnixMicro()))
	if errors.Is(err, sql.ErrNoRows) {
		return nil, ErrInvalidInvitation
	}
	if err != nil {
		return nil, fmt.Errorf("members: look up invitation: %w", err)
	}
	return inv, nil
}

// Accept creates the invited user with password pw and uses the
// invitation up. clientIP is for the audit log.
func (s *Service) Accept(ctx context.Context, token, pw, clientIP string) (*mira.User, error) {
	if _, err := s.Lookup(ctx, token); err != nil {
		return nil, err
	}
	if err := password.Check(pw); err != nil {
		return nil, mira.ParamErrorf("password", "%v", err)
	}
	hash, err := password.Hash(pw)
	if errors.Is(err, password.ErrBusy) {
		return nil, &mira.Error{Code: mira.EUnavailable, Message: "Mira is busy checking other passwords; try again in a few seconds", Err: err}
	}
	if err != nil {
		return nil, err
	}
	var u *mira.User
	err = s.db.InTx(ctx, func(tx *store.Tx) error {
		inv, err := s.lookup(ctx, tx.SQL(), forUpdate(tx), token)
		if err != nil {
			return err
		}
		u = &mira.User{ID: mira.NewID("user"), OrgID: inv.OrgID, Email: inv.Email, Role: inv.Role, PasswordHash: hash, CreatedAt: s.now()}
		return s.join(ctx, tx, inv, u, clientIP)
	})
	if err != nil {
		return nil, err
	}
	return u, nil
}

// join inserts u, marks inv used and audits both.
func (s *Service) join(ctx context.Context, tx *store.Tx, inv *Invitation, u *mira.User, clientIP string) error {
	_, err := tx.SQL().ExecContext(ctx, s.db.Rebind(`INSERT INTO users (id, org_id, email, role, password_hash, created_at) VALUES (?, ?, ?, ?, ?, ?)`),
		u.ID, u.OrgID, u.Email, string(u.Role), u.PasswordHash, u.CreatedAt.UnixMicro())
	if store.IsUniqueViolation(err) {
		return mira.Errorf(mira.EInvalidRequest, "an account with this e-mail address already exists: sign in instead")
	}
	if err != nil {
		return fmt.Errorf("members: accept: %w", err)
	}
	if _, err := tx.SQL().ExecContext(ctx, s.db.Rebind(`UPDATE invitations SET accepted_at = ?, user_id = ? WHERE id = ?`), u.CreatedAt.UnixMicro(), u.ID, inv.ID); err != nil {
		return fmt.Errorf("members: accept: %w", err)
	}
	return s.append(ctx, tx, &audit.Entry{OrgID: u.OrgID, Action: audit.UserCreated, Target: u.ID,
		Details: map[string]any{"email": u.Email, "role": string(u.Role), "invitation": inv.ID, "invited_by": inv.InvitedBy}},
		keys.Origin{Actor: audit.User(u.ID), ClientIP: clientIP})
}
