package members_test

import (
	"bytes"
	"context"
	"fmt"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/vmira/mira/internal/audit"
	"github.com/vmira/mira/internal/keys"
	"github.com/vmira/mira/internal/members"
	"github.com/vmira/mira/internal/mira"
	"github.com/vmira/mira/internal/oauth"
	"github.com/vmira/mira/internal/store"
	"github.com/vmira/mira/internal/store/storetest"
	"github.com/vmira/mira/internal/testkit"
)

var secret = bytes.Repeat([]byte{9}, 32)

var by = keys.Origin{Actor: "user:test", ClientIP: "192.0.2.7"}

// tokenCounter is the real OAuth server, counting whose tokens it revoked.
type tokenCounter struct {
	*oauth.Server
	mu    sync.Mutex
	users []string
}

func (c *tokenCounter) RevokeUserTokens(ctx context.Context, userID string) error {
	c.mu.Lock()
	c.users = append(c.users, userID)
	c.mu.Unlock()
	return c.Server.RevokeUserTokens(ctx, userID)
}

// mailbox records the mail a Mailer was asked to send.
type mailbox struct {
	mu   sync.Mutex
	to   []string
	body []string
}

func (m *mailbox) SendMail(_ context.Context, to, _, body string) error {
	m.mu.Lock()
	defer m.mu.Unlock()
	m.to, m.body = append(m.to, to), append(m.body, body)
	return nil
}

type fixture struct {
	db      *store.DB
	log     *audit.Log
	keys    *keys.Service
	tokens  *tokenCounter
	svc     *members.Service
	clock   *testkit.Clock
	mail    *mailbox
	forgot  []string
	orgID   string
	owner   *mira.User
	ownerAc members.Actor
}

func newFixture(t *testing.T, db *store.DB) *fixture {
	t.Helper()
	ctx := context.Background()
	f := &fixture{db: db, clock: testkit.NewClock(time.Now().UTC()), mail: &mailbox{}}
	org := &mira.Org{Name: "acme", Plan: "free"}
	if err := db.CreateOrg(ctx, org); err != nil {
		t.Fatal(err)
	}
	f.orgID = org.ID
	f.owner = f.user(t, "owner@example.com", mira.RoleOwner)
	f.ownerAc = members.UserActor(f.owner)
	var err error
	if f.log, err = audit.New(ctx, db, audit.Config{Secret: secret}); err != nil {
		t.Fatal(err)
	}
	f.keys = keys.NewService(keys.Config{Store: db, Secret: secret, Audit: f.log, Now: f.clock.Now})
	oa, err := oauth.New(ctx, oauth.Config{Issuer: "https://mira.test", Now: f.clock.Now}, db, secret)
	if err != nil {
		t.Fatal(err)
	}
	f.tokens = &tokenCounter{Server: oa}
	f.svc, err = members.New(members.Config{DB: db, Secret: secret, Audit: f.log, Keys: f.keys, Tokens: f.tokens,
		Mailer: f.mail, BaseURL: "https://mira.test/", Now: f.clock.Now,
		Forget: func(_ context.Context, orgID string) { f.forgot = append(f.forgot, orgID) }})
	if err != nil {
		t.Fatal(err)
	}
	return f
}

func (f *fixture) user(t *testing.T, email string, role mira.Role) *mira.User {
	t.Helper()
	u := &mira.User{OrgID: f.orgID, Email: email, Role: role, PasswordHash: "x"}
	if err := f.db.CreateUser(context.Background(), u); err != nil {
		t.Fatal(err)
	}
	return u
}

func (f *fixture) entries(t *testing.T, action string) []audit.Entry {
	t.Helper()
	p, err := f.log.List(context.Background(), audit.Filter{OrgID: f.orgID, Action: action})
	if err != nil {
		t.Fatal(err)
	}
	return p.Entries
}

func (f *fixture) verifyAudit(t *testing.T) {
	t.Helper()
	rep, err := f.log.Verify(context.Background())
	if err != nil || !rep.OK() {
		t.Fatalf("audit log does not verify: %v %v", err, rep.Problems)
	}
}

func wantCode(t *testing.T, what string, err error, code string) {
	t.Helper()
	if got := mira.ErrorCode(err); err == nil || got != code {
		t.Fatalf("%s: error %v (code %s); want code %s", what, err, got, code)
	}
}

func forEachDB(t *testing.T, fn func(t *testing.T, f *fixture)) {
	storetest.EachDB(t, func(t *testing.T, db *store.DB) { fn(t, newFixture(t, db)) })
}

func tokenOf(t *testing.T, link string) string {
	t.Helper()
	_, tok, ok := strings.Cut(link, "/invite?token=")
	if !ok || !strings.HasPrefix(link, "https://mira.test/invite?token=") {
		t.Fatalf("link %q is not https://mira.test/invite?token=...", link)
	}
	return tok
}

// TestInviteAndAccept: an invitation link works once, only until it
// expires, is e-mailed to the invitee alone, is stored only as a digest,
// and every step is audited.
func TestInviteAndAccept(t *testing.T) {
	forEachDB(t, func(t *testing.T, f *fixture) {
		ctx := context.Background()
		for _, bad := range []string{"", "new", "Evil <new@example.com>", "new@example.com, x@example.com", "new@example.com\r\nBcc: x@example.com"} {
			_, err := f.svc.Invite(ctx, f.ownerAc, bad, mira.RoleAdmin, by)
			wantCode(t, fmt.Sprintf("Invite(%q)", bad), err, mira.EInvalidRequest)
		}
		inv, err := f.svc.Invite(ctx, f.ownerAc, "New@Example.com", mira.RoleAdmin, by)
		if err != nil {
			t.Fatal(err)
		}
		tok := tokenOf(t, inv.Link)
		if !inv.Emailed || len(f.mail.to) != 1 || f.mail.to[0] != "new@example.com" || !strings.Contains(f.mail.body[0], inv.Link) {
			t.Fatalf("mail to %v (emailed %v); want the link sent to new@example.com only", f.mail.to, inv.Emailed)
		}
		var stored int
		if err := f.db.SQL().QueryRowContext(ctx, f.db.Rebind(`SELECT COUNT(*) FROM invitations WHERE digest = ?`), []byte(tok)).Scan(&stored); err != nil || stored != 0 {
			t.Fatalf("the token itself is stored (%d rows, %v)", stored, err)
		}
		if _, err := f.svc.Accept(ctx, tok, "short", "192.0.2.9"); mira.ErrorCode(err) != mira.EInvalidRequest {
			t.Fatalf("Accept with a short password: %v; want invalid_request", err)
		}
		for _, bad := range []string{"", tok[:len(tok)-1], tok + "A", strings.ToUpper(tok), "mira_inv_" + strings.Repeat("A", 43)} {
			if _, err := f.svc.Accept(ctx, bad, "correct horse battery", ""); err != members.ErrInvalidInvitation {
				t.Fatalf("Accept(%q) = %v; want ErrInvalidInvitation", bad, err)
			}
		}
		u, err := f.svc.Accept(ctx, tok, "correct horse battery", "192.0.2.9")
		if err != nil {
			t.Fatal(err)
		}
		if u.Email != "new@example.com" || u.Role != mira.RoleAdmin || u.OrgID != f.orgID {
			t.Fatalf("accepted user %+v; want new@example.com, admin of acme", u)
		}
		if _, err := f.svc.Accept(ctx, tok, "correct horse battery", ""); err != members.ErrInvalidInvitation {
			t.Fatalf("second Accept = %v; want ErrInvalidInvitation (single use)", err)
		}
		_, err = f.svc.Invite(ctx, f.ownerAc, "new@example.com", mira.RoleMember, by)
		wantCode(t, "inviting an existing user", err, mira.EInvalidRequest)

		late, err := f.svc.Invite(ctx, f.ownerAc, "late@example.com", mira.RoleMember, by)
		if err != nil {
			t.Fatal(err)
		}
		f.clock.Advance(members.DefaultInviteTTL + time.Second)
		if _, err := f.svc.Accept(ctx, tokenOf(t, late.Link), "correct horse battery", ""); err != members.ErrInvalidInvitation {
			t.Fatalf("Accept after expiry = %v; want ErrInvalidInvitation", err)
		}
		if n := len(f.entries(t, members.ActionInvited)); n != 2 {
			t.Fatalf("%d member.invited entries; want 2", n)
		}
		joined := f.entries(t, audit.UserCreated)
		if len(joined) != 1 || joined[0].Target != u.ID || joined[0].Actor != audit.User(u.ID) || joined[0].Details["invitation"] != inv.ID {
			t.Fatalf("user.created entries %+v; want one for %s by themselves via %s", joined, u.ID, inv.ID)
		}
		f.verifyAudit(t)
	})
}

// TestInvitationSupersededAndCancelled: a new invitation to the same
// address replaces the old one, and a cancelled one stops working.
func TestInvitationSupersededAndCancelled(t *testing.T) {
	forEachDB(t, func(t *testing.T, f *fixture) {
		ctx := context.Background()
		first, err := f.svc.Invite(ctx, f.ownerAc, "x@example.com", mira.RoleMember, by)
		if err != nil {
			t.Fatal(err)
		}
		second, err := f.svc.Invite(ctx, f.ownerAc, "x@example.com", mira.RoleMember, by)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := f.svc.Lookup(ctx, tokenOf(t, first.Link)); err != members.ErrInvalidInvitation {
			t.Fatalf("superseded invitation: %v; want ErrInvalidInvitation", err)
		}
		p, err := f.svc.Pending(ctx, f.orgID)
		if err != nil || len(p) != 1 || p[0].ID != second.ID {
			t.Fatalf("Pending = %v, %v; want only %s", p, err, second.ID)
		}
		member := f.user(t, "m@example.com", mira.RoleMember)
		wantCode(t, "a member cancels", f.svc.Cancel(ctx, members.UserActor(member), second.ID, by), mira.EInsufficientScope)
		if err := f.svc.Cancel(ctx, f.ownerAc, second.ID, by); err != nil {
			t.Fatal(err)
		}
		wantCode(t, "cancel twice", f.svc.Cancel(ctx, f.ownerAc, second.ID, by), mira.ENotFound)
		if _, err := f.svc.Accept(ctx, tokenOf(t, second.Link), "correct horse battery", ""); err != members.ErrInvalidInvitation {
			t.Fatalf("cancelled invitation: %v; want ErrInvalidInvitation", err)
		}
		f.verifyAudit(t)
	})
}

// TestRoleRules: nobody grants or touches a role above their own, members
// manage nobody, and the last owner is never demoted.
func TestRoleRules(t *testing.T) {
	forEachDB(t, func(t *testing.T, f *fixture) {
		ctx := context.Background()
		admin := f.user(t, "admin@example.com", mira.RoleAdmin)
		member := f.user(t, "member@example.com", mira.RoleMember)
		other := &mira.Org{Name: "other", Plan: "free"}
		if err := f.db.CreateOrg(ctx, other); err != nil {
			t.Fatal(err)
		}
		stranger := &mira.User{OrgID: other.ID, Email: "s@example.com", Role: mira.RoleMember}
		if err := f.db.CreateUser(ctx, stranger); err != nil {
			t.Fatal(err)
		}
		adminAc, memberAc := members.UserActor(admin), members.UserActor(member)
		for _, tc := range []struct {
			name string
			err  error
			code string
		}{
			{"member invites", second(f.svc.Invite(ctx, memberAc, "a@example.com", mira.RoleMember, by)), mira.EInsufficientScope},
			{"admin invites an owner", second(f.svc.Invite(ctx, adminAc, "a@example.com", mira.RoleOwner, by)), mira.EInsufficientScope},
			{"unknown role", second(f.svc.Invite(ctx, f.ownerAc, "a@example.com", "root", by)), mira.EInvalidRequest},
			{"admin promotes to owner", second(f.svc.SetRole(ctx, adminAc, member.ID, mira.RoleOwner, by)), mira.EInsufficientScope},
			{"admin demotes the owner", second(f.svc.SetRole(ctx, adminAc, f.owner.ID, mira.RoleMember, by)), mira.EInsufficientScope},
			{"member promotes self", second(f.svc.SetRole(ctx, memberAc, member.ID, mira.RoleAdmin, by)), mira.EInsufficientScope},
			{"last owner demoted", second(f.svc.SetRole(ctx, f.ownerAc, f.owner.ID, mira.RoleAdmin, by)), mira.EInvalidRequest},
			{"other organisation", second(f.svc.SetRole(ctx, f.ownerAc, stranger.ID, mira.RoleAdmin, by)), mira.ENotFound},
			{"admin removes the owner", second(f.svc.Remove(ctx, adminAc, f.owner.ID, by)), mira.EInsufficientScope},
			{"last owner removed", second(f.svc.Remove(ctx, f.ownerAc, f.owner.ID, by)), mira.EInvalidRequest},
			{"member removes", second(f.svc.Remove(ctx, memberAc, admin.ID, by)), mira.EInsufficientScope},
		} {
			wantCode(t, tc.name, tc.err, tc.code)
		}
		if len(f.tokens.users) != 0 {
			t.Fatalf("refused removals revoked the tokens of %v", f.tokens.users)
		}
		m, err := f.svc.SetRole(ctx, adminAc, member.ID, mira.RoleAdmin, by)
		if err != nil || m.Role != mira.RoleAdmin {
			t.Fatalf("admin promotes a member to admin: %v, %v", m, err)
		}
		if _, err := f.svc.SetRole(ctx, f.ownerAc, admin.ID, mira.RoleOwner, by); err != nil {
			t.Fatal(err)
		}
		// Two owners now: one may step down, then the other is the last.
		if _, err := f.svc.SetRole(ctx, f.ownerAc, f.owner.ID, mira.RoleAdmin, by); err != nil {
			t.Fatal(err)
		}
		wantCode(t, "new last owner demoted", second(f.svc.SetRole(ctx, members.UserActor(&mira.User{ID: admin.ID, OrgID: f.orgID, Role: mira.RoleOwner}), admin.ID, mira.RoleMember, by)), mira.EInvalidRequest)
		changes := f.entries(t, audit.RoleChanged)
		if len(changes) != 3 || changes[0].Details["from"] != "owner" || changes[0].Details["to"] != "admin" {
			t.Fatalf("role.changed entries %+v; want 3, the newest owner -> admin", changes)
		}
		f.verifyAudit(t)
	})
}

func second[T any](_ T, err error) error { return err }

// TestRemove: removing a member revokes their working keys (each audited),
// ends their CLI sign-ins and browser sessions, deletes the user, and
// audits the removal; their keys stay, revoked.
func TestRemove(t *testing.T) {
	forEachDB(t, func(t *testing.T, f *fixture) {
		ctx := context.Background()
		m := f.user(t, "leaver@example.com", mira.RoleMember)
		var ids []string
		for _, name := range []string{"a", "b", "old"} {
			k, _, err := f.keys.Create(ctx, keys.Spec{OrgID: f.orgID, UserID: m.ID, Name: name}, by)
			if err != nil {
				t.Fatal(err)
			}
			ids = append(ids, k.ID)
		}
		if _, err := f.keys.Revoke(ctx, ids[2], "", by); err != nil {
			t.Fatal(err)
		}
		if _, err := f.db.SQL().ExecContext(ctx, f.db.Rebind(`INSERT INTO browser_sessions (id, digest, user_id, created_at, last_seen_at, expires_at) VALUES (?, ?, ?, 1, 1, 1)`),
			"ses_x", []byte("d"), m.ID); err != nil {
			t.Fatal(err)
		}
		res, err := f.svc.Remove(ctx, f.ownerAc, m.ID, by)
		if err != nil {
			t.Fatal(err)
		}
		if res.RevokedKeys != 2 || res.Member.Email != "leaver@example.com" {
			t.Fatalf("Remove = %+v; want 2 keys revoked for leaver@example.com", res)
		}
		for _, id := range ids {
			k, err := f.db.KeyByID(ctx, id)
			if err != nil || k.State(f.clock.Now()) != mira.KeyRevoked || k.UserID != "" {
				t.Fatalf("key %s after removal: %+v, %v; want revoked, without owner", id, k, err)
			}
		}
		if _, err := f.db.UserByID(ctx, m.ID); mira.ErrorCode(err) != mira.ENotFound {
			t.Fatalf("UserByID after removal: %v; want not found", err)
		}
		var sessions int
		f.db.SQL().QueryRowContext(ctx, f.db.Rebind(`SELECT COUNT(*) FROM browser_sessions WHERE user_id = ?`), m.ID).Scan(&sessions)
		if sessions != 0 || len(f.tokens.users) != 1 || f.tokens.users[0] != m.ID || len(f.forgot) != 1 {
			t.Fatalf("%d sessions left, tokens revoked for %v, caches dropped %v; want 0, [%s], [%s]", sessions, f.tokens.users, f.forgot, m.ID, f.orgID)
		}
		removed := f.entries(t, members.ActionRemoved)
		if len(removed) != 1 || removed[0].Target != m.ID || removed[0].Details["revoked_keys"] != float64(2) {
			t.Fatalf("member.removed entries %+v; want one for %s with 2 revoked keys", removed, m.ID)
		}
		if n := len(f.entries(t, audit.KeyRevoked)); n != 3 {
			t.Fatalf("%d key.revoked entries; want 3 (one before, two by the removal)", n)
		}
		wantCode(t, "remove twice", second(f.svc.Remove(ctx, f.ownerAc, m.ID, by)), mira.ENotFound)
		f.verifyAudit(t)
	})
}

// TestOwnersCannotBothStepDown: two owners demoting each other at the same
// time leave one owner, never none.
func TestOwnersCannotBothStepDown(t *testing.T) {
	forEachDB(t, func(t *testing.T, f *fixture) {
		ctx := context.Background()
		o2 := f.user(t, "owner2@example.com", mira.RoleOwner)
		for round := range 5 {
			var wg sync.WaitGroup
			errs := make([]error, 2)
			for i, pair := range [][2]*mira.User{{f.owner, o2}, {o2, f.owner}} {
				wg.Add(1)
				go func() {
					defer wg.Done()
					_, errs[i] = f.svc.SetRole(ctx, members.UserActor(pair[0]), pair[1].ID, mira.RoleAdmin, by)
				}()
			}
			wg.Wait()
			list, err := f.svc.List(ctx, f.orgID)
			if err != nil {
				t.Fatal(err)
			}
			owners := 0
			for _, m := range list {
				if m.Role == mira.RoleOwner {
					owners++
				}
			}
			if owners != 1 || (errs[0] == nil) == (errs[1] == nil) {
				t.Fatalf("round %d: %d owners left, errors %v; want exactly 1 owner and one refusal", round, owners, errs)
			}
			// Restore both owners for the next round.
			for _, u := range []*mira.User{f.owner, o2} {
				f.db.SQL().ExecContext(ctx, f.db.Rebind(`UPDATE users SET role = 'owner' WHERE id = ?`), u.ID)
			}
		}
	})
}
