// Package account manages organisations and users.
package account

import (
	"context"
	"errors"
	"net/mail"
	"strings"
	"time"

	"github.com/vmira/mira/internal/mira"
	"github.com/vmira/mira/internal/password"
)

// DefaultOrg is the organisation users join when none is named.
const DefaultOrg = "default"

// Store is what account management needs from the database.
type Store interface {
	CreateOrg(ctx context.Context, o *mira.Org) error
	OrgByName(ctx context.Context, name string) (*mira.Org, error)
	CreateUser(ctx context.Context, u *mira.User) error
}

// CreateUser creates a user in the organisation orgName, creating the
// organisation (on plan "free") if it does not exist yet.
func CreateUser(ctx context.Context, st Store, email string, role mira.Role, pw, orgName string, now time.Time) (*mira.User, error) {
	addr, err := mail.ParseAddress(email)
	if err != nil || addr.Address != strings.TrimSpace(email) {
		return nil, mira.ParamErrorf("email", "%q is not an e-mail address", email)
	}
	hash, err := password.Hash(pw)
	if err != nil {
		return nil, mira.ParamErrorf("password", "%v", err)
	}
	if orgName == "" {
		orgName = DefaultOrg
	}
	org, err := st.OrgByName(ctx, orgName)
	if errors.Is(err, mira.ErrNotFound) {
		org = &mira.Org{ID: mira.NewID("org"), Name: orgName, Plan: "free", CreatedAt: now}
		err = st.CreateOrg(ctx, org)
	}
	if err != nil {
		return nil, err
	}
	u := &mira.User{ID: mira.NewID("user"), OrgID: org.ID, Email: addr.Address, Role: role, PasswordHash: hash, CreatedAt: now}
	if err := st.CreateUser(ctx, u); err != nil {
		return nil, err
	}
	return u, nil
}
