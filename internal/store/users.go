package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/vmira/mira/internal/mira"
)

// now is the creation time given to rows that come without one.
func now() time.Time { return time.Now().UTC().Truncate(time.Microsecond) }

// CreateOrg inserts o. An empty ID is filled with a new "org_..." id and a
// zero CreatedAt with the current time. A taken name is a conflict.
func (db *DB) CreateOrg(ctx context.Context, o *mira.Org) error {
	if o == nil {
		return errors.New("store: create org: nil org")
	}
	if strings.TrimSpace(o.Name) == "" {
		return mira.ParamErrorf("name", "an organisation needs a name")
	}
	if o.ID == "" {
		o.ID = mira.NewID("org")
	}
	if o.CreatedAt.IsZero() {
		o.CreatedAt = now()
	}
	_, err := db.db.ExecContext(ctx, db.Rebind(`INSERT INTO orgs (id, name, plan, created_at) VALUES (?, ?, ?, ?)`),
		o.ID, o.Name, o.Plan, TimeArg(o.CreatedAt))
	if err != nil {
		return writeError("create org", err, "an organisation with this name already exists", "")
	}
	return nil
}

const orgColumns = `id, name, plan, created_at`

func scanOrg(row *sql.Row) (*mira.Org, error) {
	var (
		o       mira.Org
		created sql.NullInt64
	)
	if err := row.Scan(&o.ID, &o.Name, &o.Plan, &created); err != nil {
		return nil, err
	}
	o.CreatedAt = TimeFrom(created)
	return &o, nil
}

// OrgByID returns the organisation with id, or an error wrapping
// mira.ErrNotFound.
func (db *DB) OrgByID(ctx context.Context, id string) (*mira.Org, error) {
	o, err := scanOrg(db.db.QueryRowContext(ctx, db.Rebind(`SELECT `+orgColumns+` FROM orgs WHERE id = ?`), id))
	if errors.Is(err, sql.ErrNoRows) {
		return nil, notFound("org " + quoteID(id))
	}
	if err != nil {
		return nil, fmt.Errorf("store: org by id: %w", err)
	}
	return o, nil
}

// OrgByName returns the organisation named name (exact match), or an error
// wrapping mira.ErrNotFound.
func (db *DB) OrgByName(ctx context.Context, name string) (*mira.Org, error) {
	o, err := scanOrg(db.db.QueryRowContext(ctx, db.Rebind(`SELECT `+orgColumns+` FROM orgs WHERE name = ?`), name))
	if errors.Is(err, sql.ErrNoRows) {
		return nil, notFound("org by name")
	}
	if err != nil {
		return nil, fmt.Errorf("store: org by name: %w", err)
	}
	return o, nil
}

// NormalizeEmail is the form in which e-mail addresses are stored and looked
// up: trimmed and lower-cased, so that Alice@Example.com and
// alice@example.com are one account.
func NormalizeEmail(email string) string {
	return strings.ToLower(strings.TrimSpace(email))
}

// CreateUser inserts u, storing its e-mail normalised (u.Email is updated).
// An empty ID is filled with a new "user_..." id and a zero CreatedAt with
// the current time. An e-mail already in use, in any letter case, is a
// conflict; an unknown OrgID is an invalid_request error.
func (db *DB) CreateUser(ctx context.Context, u *mira.User) error {
	if u == nil {
		return errors.New("store: create user: nil user")
	}
	email := NormalizeEmail(u.Email)
	if email == "" {
		return mira.ParamErrorf("email", "a user needs an e-mail address")
	}
	if u.OrgID == "" {
		return mira.ParamErrorf("org_id", "a user needs an organisation")
	}
	u.Email = email
	if u.ID == "" {
		u.ID = mira.NewID("user")
	}
	if u.CreatedAt.IsZero() {
		u.CreatedAt = now()
	}
	_, err := db.db.ExecContext(ctx, db.Rebind(`INSERT INTO users (id, org_id, email, role, password_hash, created_at) VALUES (?, ?, ?, ?, ?, ?)`),
		u.ID, u.OrgID, u.Email, string(u.Role), u.PasswordHash, TimeArg(u.CreatedAt))
	if err != nil {
		return writeError("create user", err, "a user with this e-mail already exists", "the user's organisation does not exist")
	}
	return nil
}

const userColumns = `id, org_id, email, role, password_hash, created_at`

func scanUser(row *sql.Row) (*mira.User, error) {
	var (
		u       mira.User
		role    string
		created sql.NullInt64
	)
	if err := row.Scan(&u.ID, &u.OrgID, &u.Email, &role, &u.PasswordHash, &created); err != nil {
		return nil, err
	}
	u.Role = mira.Role(role)
	u.CreatedAt = TimeFrom(created)
	return &u, nil
}

// UserByEmail returns the user with the e-mail address, in any letter case,
// or an error wrapping mira.ErrNotFound.
func (db *DB) UserByEmail(ctx context.Context, email string) (*mira.User, error) {
	u, err := scanUser(db.db.QueryRowContext(ctx, db.Rebind(`SELECT `+userColumns+` FROM users WHERE email = ?`), NormalizeEmail(email)))
	if errors.Is(err, sql.ErrNoRows) {
		// The address stays out of the error: errors get logged.
		return nil, notFound("user by e-mail")
	}
	if err != nil {
		return nil, fmt.Errorf("store: user by e-mail: %w", err)
	}
	return u, nil
}

// UserByID returns the user with id, or an error wrapping mira.ErrNotFound.
func (db *DB) UserByID(ctx context.Context, id string) (*mira.User, error) {
	u, err := scanUser(db.db.QueryRowContext(ctx, db.Rebind(`SELECT `+userColumns+` FROM users WHERE id = ?`), id))
	if errors.Is(err, sql.ErrNoRows) {
		return nil, notFound("user " + quoteID(id))
	}
	if err != nil {
		return nil, fmt.Errorf("store: user by id: %w", err)
	}
	return u, nil
}
