// Package storetest is the storage suite every store backend must pass:
// store_test.go runs it on SQLite always and on PostgreSQL when
// MIRA_TEST_POSTGRES_URL is set.
package storetest

import (
	"context"
	"crypto/rand"
	"errors"
	"fmt"
	"net/netip"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"
	"github.com/vmira/mira/internal/mira"
	"github.com/vmira/mira/internal/store"
)

// Run runs the suite. open must return a fresh, empty database for each
// call; it is called once per subtest.
func Run(t *testing.T, open func(t *testing.T) *store.DB) {
	tests := []struct {
		name string
		fn   func(t *testing.T, db *store.DB)
	}{
		{"Orgs", testOrgs},
		{"Users", testUsers},
		{"KeyRoundTrip", testKeyRoundTrip},
		{"KeyZeroValues", testKeyZeroValues},
		{"KeyErrors", testKeyErrors},
		{"ListKeys", testListKeys},
		{"RevokeKey", testRevokeKey},
		{"RecordExposure", testRecordExposure},
		{"RecordExposureOnRevokedKey", testRecordExposureOnRevokedKey},
		{"TouchKeys", testTouchKeys},
		{"RevokedSince", testRevokedSince},
		{"Concurrent", testConcurrent},
		{"UpdateKey", testUpdateKey},
		{"RotateKey", testRotateKey},
		{"RevokeDuringGrace", testRevokeDuringGrace},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			tc.fn(t, open(t))
		})
	}
}

// t0 has microseconds, the stored precision, and no more.
var t0 = time.Date(2025, 3, 4, 5, 6, 7, 123456000, time.UTC)

var cmpOpts = []cmp.Option{
	cmp.Comparer(func(a, b netip.Prefix) bool { return a == b }),
	cmpopts.EquateEmpty(),
}

func digest(t *testing.T) []byte {
	t.Helper()
	b := make([]byte, 32)
	rand.Read(b)
	return b
}

func createOrg(t *testing.T, db *store.DB, name string) *mira.Org {
	t.Helper()
	o := &mira.Org{Name: name, Plan: "free", CreatedAt: t0}
	if err := db.CreateOrg(context.Background(), o); err != nil {
		t.Fatalf("CreateOrg(%q): %v", name, err)
	}
	return o
}

func createUser(t *testing.T, db *store.DB, orgID, email string) *mira.User {
	t.Helper()
	u := &mira.User{OrgID: orgID, Email: email, Role: mira.RoleMember, CreatedAt: t0}
	if err := db.CreateUser(context.Background(), u); err != nil {
		t.Fatalf("CreateUser(%q): %v", email, err)
	}
	return u
}

// createKey creates a minimal key in a new org unless orgID is given.
func createKey(t *testing.T, db *store.DB, orgID string, edit func(k *mira.Key)) *mira.Key {
	t.Helper()
	if orgID == "" {
		orgID = createOrg(t, db, "org-"+mira.NewID("o")).ID
	}
	k := &mira.Key{
		OrgID:       orgID,
		Name:        "test",
		Digest:      digest(t),
		Prefix:      "sk-mira-abcd",
		Last4:       "wxyz",
		Environment: mira.EnvDevelopment,
		Scopes:      mira.DefaultScopes,
		CreatedAt:   t0,
	}
	if edit != nil {
		edit(k)
	}
	if err := db.CreateKey(context.Background(), k); err != nil {
		t.Fatalf("CreateKey: %v", err)
	}
	return k
}

func keyByID(t *testing.T, db *store.DB, id string) *mira.Key {
	t.Helper()
	k, err := db.KeyByID(context.Background(), id)
	if err != nil {
		t.Fatalf("KeyByID(%q): %v", id, err)
	}
	return k
}

func wantNotFound(t *testing.T, what string, err error) {
	t.Helper()
	if !errors.Is(err, mira.ErrNotFound) {
		t.Errorf("%s: err = %v; want mira.ErrNotFound", what, err)
	}
	if got := mira.ErrorCode(err); got != mira.ENotFound {
		t.Errorf("%s: mira.ErrorCode(err) = %q; want %q", what, got, mira.ENotFound)
	}
}

func wantConflict(t *testing.T, what string, err error, message string) {
	t.Helper()
	if !errors.Is(err, store.ErrConflict) {
		t.Errorf("%s: err = %v; want store.ErrConflict", what, err)
	}
	var me *mira.Error
	if !errors.As(err, &me) {
		t.Fatalf("%s: err = %v; want a *mira.Error", what, err)
	}
	if me.Code != mira.EInvalidRequest || me.Message != message {
		t.Errorf("%s: code, message = %q, %q; want %q, %q", what, me.Code, me.Message, mira.EInvalidRequest, message)
	}
}

func wantInvalid(t *testing.T, what string, err error) {
	t.Helper()
	if err == nil {
		t.Fatalf("%s: err = nil; want an error", what)
	}
	if got := mira.ErrorCode(err); got != mira.EInvalidRequest {
		t.Errorf("%s: mira.ErrorCode(%v) = %q; want %q", what, err, got, mira.EInvalidRequest)
	}
	if errors.Is(err, store.ErrConflict) {
		t.Errorf("%s: err = %v is a conflict; want a plain invalid request", what, err)
	}
}

func testOrgs(t *testing.T, db *store.DB) {
	ctx := context.Background()
	o := &mira.Org{Name: "Acme; DROP TABLE orgs; -- ?", Plan: "pro", CreatedAt: t0}
	if err := db.CreateOrg(ctx, o); err != nil {
		t.Fatalf("CreateOrg: %v", err)
	}
	if !strings.HasPrefix(o.ID, "org_") {
		t.Errorf("CreateOrg set ID %q; want org_...", o.ID)
	}
	want := *o
	got, err := db.OrgByID(ctx, o.ID)
	if err != nil {
		t.Fatalf("OrgByID: %v", err)
	}
	if diff := cmp.Diff(&want, got); diff != "" {
		t.Errorf("OrgByID mismatch (-want +got):\n%s", diff)
	}
	got, err = db.OrgByName(ctx, o.Name)
	if err != nil {
		t.Fatalf("OrgByName: %v", err)
	}
	if diff := cmp.Diff(&want, got); diff != "" {
		t.Errorf("OrgByName mismatch (-want +got):\n%s", diff)
	}

	err = db.CreateOrg(ctx, &mira.Org{Name: o.Name})
	wantConflict(t, "CreateOrg(same name)", err, "an organisation with this name already exists")
	err = db.CreateOrg(ctx, &mira.Org{ID: o.ID, Name: "other"})
	if !errors.Is(err, store.ErrConflict) {
		t.Errorf("CreateOrg(same id) = %v; want store.ErrConflict", err)
	}

	_, err = db.OrgByID(ctx, "org_missing")
	wantNotFound(t, "OrgByID(missing)", err)
	_, err = db.OrgByName(ctx, "no such org")
	wantNotFound(t, "OrgByName(missing)", err)
	_, err = db.OrgByID(ctx, strings.Repeat("x", 10000))
	wantNotFound(t, "OrgByID(long)", err)

	wantInvalid(t, "CreateOrg(no name)", db.CreateOrg(ctx, &mira.Org{Name: "  "}))
	if err := db.CreateOrg(ctx, nil); err == nil {
		t.Errorf("CreateOrg(nil) = nil; want an error")
	}

	// A zero CreatedAt is filled in, to the stored precision.
	o2 := &mira.Org{Name: "second"}
	if err := db.CreateOrg(ctx, o2); err != nil {
		t.Fatalf("CreateOrg: %v", err)
	}
	if o2.CreatedAt.IsZero() || time.Since(o2.CreatedAt) > time.Minute {
		t.Errorf("CreateOrg set CreatedAt %v; want about now", o2.CreatedAt)
	}
	got, err = db.OrgByID(ctx, o2.ID)
	if err != nil {
		t.Fatalf("OrgByID: %v", err)
	}
	if diff := cmp.Diff(o2, got); diff != "" {
		t.Errorf("OrgByID mismatch (-want +got):\n%s", diff)
	}
}

func testUsers(t *testing.T, db *store.DB) {
	ctx := context.Background()
	org := createOrg(t, db, "acme")
	u := &mira.User{
		OrgID:        org.ID,
		Email:        "  Alice.O'Brien+mira?@Example.COM ",
		Role:         mira.RoleOwner,
		PasswordHash: "$argon2id$v=19$m=65536,t=3,p=4$c2FsdA$aGFzaA'; DROP TABLE users; --",
		CreatedAt:    t0,
	}
	if err := db.CreateUser(ctx, u); err != nil {
		t.Fatalf("CreateUser: %v", err)
	}
	if want := "alice.o'brien+mira?@example.com"; u.Email != want {
		t.Errorf("CreateUser set Email %q; want %q", u.Email, want)
	}
	if !strings.HasPrefix(u.ID, "user_") {
		t.Errorf("CreateUser set ID %q; want user_...", u.ID)
	}
	want := *u

	got, err := db.UserByID(ctx, u.ID)
	if err != nil {
		t.Fatalf("UserByID: %v", err)
	}
	if diff := cmp.Diff(&want, got); diff != "" {
		t.Errorf("UserByID mismatch (-want +got):\n%s", diff)
	}
	for _, email := range []string{"alice.o'brien+mira?@example.com", "ALICE.O'BRIEN+MIRA?@EXAMPLE.COM", " Alice.O'Brien+mira?@example.com"} {
		got, err := db.UserByEmail(ctx, email)
		if err != nil {
			t.Errorf("UserByEmail(%q): %v", email, err)
			continue
		}
		if diff := cmp.Diff(&want, got); diff != "" {
			t.Errorf("UserByEmail(%q) mismatch (-want +got):\n%s", email, diff)
		}
	}

	// The same address in another letter case is the same account.
	err = db.CreateUser(ctx, &mira.User{OrgID: org.ID, Email: "ALICE.o'brien+MIRA?@example.com", Role: mira.RoleMember})
	wantConflict(t, "CreateUser(same e-mail, other case)", err, "a user with this e-mail already exists")

	_, err = db.UserByID(ctx, "user_missing")
	wantNotFound(t, "UserByID(missing)", err)
	_, err = db.UserByEmail(ctx, "bob@example.com")
	wantNotFound(t, "UserByEmail(missing)", err)
	_, err = db.UserByEmail(ctx, "")
	wantNotFound(t, "UserByEmail(empty)", err)

	// Foreign keys are enforced (SQLite needs them switched on).
	err = db.CreateUser(ctx, &mira.User{OrgID: "org_missing", Email: "carol@example.com", Role: mira.RoleMember})
	wantInvalid(t, "CreateUser(unknown org)", err)
	wantInvalid(t, "CreateUser(no e-mail)", db.CreateUser(ctx, &mira.User{OrgID: org.ID, Email: " "}))
	wantInvalid(t, "CreateUser(no org)", db.CreateUser(ctx, &mira.User{Email: "dave@example.com"}))
	if err := db.CreateUser(ctx, nil); err == nil {
		t.Errorf("CreateUser(nil) = nil; want an error")
	}
}

func testKeyRoundTrip(t *testing.T, db *store.DB) {
	ctx := context.Background()
	org := createOrg(t, db, "acme")
	user := createUser(t, db, org.ID, "alice@example.com")
	loc := time.FixedZone("UTC+3", 3*60*60)
	k := &mira.Key{
		ID:            "key_explicit",
		FamilyID:      "key_family",
		OrgID:         org.ID,
		UserID:        user.ID,
		Name:          "prod server 'east' ? ünï",
		Digest:        digest(t),
		Prefix:        "sk-mira-abcd",
		Last4:         "wxyz",
		Environment:   mira.EnvProduction,
		Scopes:        mira.AllScopes,
		AllowedModels: []string{"gpt-4o", "model with space", "llama3:8b", "org/Model-ünï", `quo"te`, "a,b"},
		AllowedCIDRs: []netip.Prefix{
			netip.MustParsePrefix("10.0.0.0/8"),
			netip.MustParsePrefix("192.168.1.7/32"),
			netip.MustParsePrefix("10.1.2.3/8"), // not masked: kept as given
			netip.MustParsePrefix("2001:db8::/32"),
			netip.MustParsePrefix("::ffff:1.2.3.4/128"),
		},
		Plan:          "enterprise",
		ExpiresAt:     t0.Add(90 * 24 * time.Hour).In(loc),
		CreatedAt:     t0,
		LastUsedAt:    t0.Add(time.Hour),
		LastUsedIP:    "2001:db8::1",
		RevokedAt:     t0.Add(2 * time.Hour),
		RevokedReason: "rotated",
		ExposedAt:     t0.Add(3 * time.Hour),
		ExposedReason: "plain_http",
	}
	want := *k
	if err := db.CreateKey(ctx, k); err != nil {
		t.Fatalf("CreateKey: %v", err)
	}
	if diff := cmp.Diff(&want, k, cmpOpts...); diff != "" {
		t.Errorf("CreateKey changed a complete key (-want +got):\n%s", diff)
	}
	got, err := db.KeyByID(ctx, k.ID)
	if err != nil {
		t.Fatalf("KeyByID: %v", err)
	}
	if diff := cmp.Diff(&want, got, cmpOpts...); diff != "" {
		t.Errorf("KeyByID mismatch (-want +got):\n%s", diff)
	}
	got, err = db.KeyByDigest(ctx, k.Digest)
	if err != nil {
		t.Fatalf("KeyByDigest: %v", err)
	}
	if diff := cmp.Diff(&want, got, cmpOpts...); diff != "" {
		t.Errorf("KeyByDigest mismatch (-want +got):\n%s", diff)
	}
	// The CIDRs work after the round trip, not just compare equal.
	if !got.AllowsIP(netip.MustParseAddr("192.168.1.7")) || got.AllowsIP(netip.MustParseAddr("11.0.0.1")) {
		t.Errorf("AllowsIP after round trip disagrees with the stored CIDRs %v", got.AllowedCIDRs)
	}
}

func testKeyZeroValues(t *testing.T, db *store.DB) {
	ctx := context.Background()
	org := createOrg(t, db, "acme")
	k := &mira.Key{OrgID: org.ID, Digest: digest(t)}
	if err := db.CreateKey(ctx, k); err != nil {
		t.Fatalf("CreateKey(minimal): %v", err)
	}
	if !strings.HasPrefix(k.ID, "key_") || k.FamilyID != k.ID {
		t.Errorf("CreateKey set ID, FamilyID = %q, %q; want key_... twice", k.ID, k.FamilyID)
	}
	if k.CreatedAt.IsZero() {
		t.Errorf("CreateKey left CreatedAt zero")
	}
	got := keyByID(t, db, k.ID)
	if diff := cmp.Diff(k, got, cmpOpts...); diff != "" {
		t.Errorf("KeyByID mismatch (-want +got):\n%s", diff)
	}
	for name, tm := range map[string]time.Time{
		"ExpiresAt": got.ExpiresAt, "LastUsedAt": got.LastUsedAt,
		"RevokedAt": got.RevokedAt, "ExposedAt": got.ExposedAt,
	} {
		if !tm.IsZero() {
			t.Errorf("%s = %v; want the zero time", name, tm)
		}
	}
	if got.UserID != "" || got.Scopes != nil || got.AllowedModels != nil || got.AllowedCIDRs != nil {
		t.Errorf("KeyByID = UserID %q, Scopes %#v, AllowedModels %#v, AllowedCIDRs %#v; want all empty",
			got.UserID, got.Scopes, got.AllowedModels, got.AllowedCIDRs)
	}
	if s := got.State(time.Now()); s != mira.KeyActive {
		t.Errorf("State = %q; want %q", s, mira.KeyActive)
	}
}

func testKeyErrors(t *testing.T, db *store.DB) {
	ctx := context.Background()
	org := createOrg(t, db, "acme")
	k := createKey(t, db, org.ID, nil)

	err := db.CreateKey(ctx, &mira.Key{OrgID: org.ID, Digest: k.Digest})
	wantConflict(t, "CreateKey(same digest)", err, "this key already exists")
	err = db.CreateKey(ctx, &mira.Key{ID: k.ID, OrgID: org.ID, Digest: digest(t)})
	if !errors.Is(err, store.ErrConflict) {
		t.Errorf("CreateKey(same id) = %v; want store.ErrConflict", err)
	}

	wantInvalid(t, "CreateKey(unknown org)", db.CreateKey(ctx, &mira.Key{OrgID: "org_missing", Digest: digest(t)}))
	wantInvalid(t, "CreateKey(unknown user)", db.CreateKey(ctx, &mira.Key{OrgID: org.ID, UserID: "user_missing", Digest: digest(t)}))
	wantInvalid(t, "CreateKey(invalid CIDR)", db.CreateKey(ctx, &mira.Key{OrgID: org.ID, Digest: digest(t), AllowedCIDRs: []netip.Prefix{{}}}))
	wantInvalid(t, "CreateKey(scope with space)", db.CreateKey(ctx, &mira.Key{OrgID: org.ID, Digest: digest(t), Scopes: []mira.Scope{"a b"}}))
	wantInvalid(t, "CreateKey(no org)", db.CreateKey(ctx, &mira.Key{Digest: digest(t)}))
	for name, bad := range map[string]*mira.Key{"nil": nil, "no digest": {OrgID: org.ID}} {
		if err := db.CreateKey(ctx, bad); err == nil {
			t.Errorf("CreateKey(%s) = nil; want an error", name)
		}
	}

	for _, id := range []string{"key_missing", "", "' OR 1=1 --", strings.Repeat("k", 5000)} {
		_, err := db.KeyByID(ctx, id)
		wantNotFound(t, fmt.Sprintf("KeyByID(%.20q)", id), err)
	}
	for name, d := range map[string][]byte{"nil": nil, "empty": {}, "other": digest(t), "prefix": k.Digest[:16]} {
		_, err := db.KeyByDigest(ctx, d)
		wantNotFound(t, "KeyByDigest("+name+")", err)
	}
}

func testListKeys(t *testing.T, db *store.DB) {
	ctx := context.Background()
	a := createOrg(t, db, "a")
	b := createOrg(t, db, "b")
	var wantIDs [3]string
	for _, i := range []int{1, 0, 2} { // created out of order
		k := createKey(t, db, a.ID, func(k *mira.Key) { k.CreatedAt = t0.Add(time.Duration(i) * time.Second) })
		wantIDs[2-i] = k.ID
	}
	other := createKey(t, db, b.ID, nil)
	if _, err := db.RevokeKey(ctx, wantIDs[1], t0, "test"); err != nil {
		t.Fatalf("RevokeKey: %v", err)
	}

	keys, err := db.ListKeys(ctx, a.ID)
	if err != nil {
		t.Fatalf("ListKeys: %v", err)
	}
	var gotIDs []string
	for _, k := range keys {
		gotIDs = append(gotIDs, k.ID)
	}
	if diff := cmp.Diff(wantIDs[:], gotIDs); diff != "" {
		t.Errorf("ListKeys ids, newest first, revoked included (-want +got):\n%s", diff)
	}
	if len(keys) == 3 && keys[1].RevokedAt.IsZero() {
		t.Errorf("ListKeys lost the revocation of %s", keys[1].ID)
	}

	keys, err = db.ListKeys(ctx, b.ID)
	if err != nil || len(keys) != 1 || keys[0].ID != other.ID {
		t.Errorf("ListKeys(b) = %v, %v; want just %s", keys, err, other.ID)
	}
	keys, err = db.ListKeys(ctx, "org_missing")
	if err != nil || len(keys) != 0 {
		t.Errorf("ListKeys(unknown org) = %v, %v; want none, nil", keys, err)
	}
}

func testRevokeKey(t *testing.T, db *store.DB) {
	ctx := context.Background()
	k := createKey(t, db, "", nil)
	other := createKey(t, db, k.OrgID, nil)

	changed, err := db.RevokeKey(ctx, k.ID, t0.Add(time.Minute), "compromised")
	if err != nil || !changed {
		t.Fatalf("RevokeKey = %v, %v; want true, nil", changed, err)
	}
	changed, err = db.RevokeKey(ctx, k.ID, t0.Add(time.Hour), "again")
	if err != nil || changed {
		t.Errorf("RevokeKey(again) = %v, %v; want false, nil", changed, err)
	}
	got := keyByID(t, db, k.ID)
	if !got.RevokedAt.Equal(t0.Add(time.Minute)) || got.RevokedReason != "compromised" {
		t.Errorf("after revoking twice: RevokedAt, RevokedReason = %v, %q; want the first: %v, %q",
			got.RevokedAt, got.RevokedReason, t0.Add(time.Minute), "compromised")
	}
	if s := got.State(t0.Add(time.Minute)); s != mira.KeyRevoked {
		t.Errorf("State = %q; want %q", s, mira.KeyRevoked)
	}
	if o := keyByID(t, db, other.ID); !o.RevokedAt.IsZero() {
		t.Errorf("revoking %s also revoked %s", k.ID, other.ID)
	}

	changed, err = db.RevokeKey(ctx, "key_missing", t0, "x")
	if changed {
		t.Errorf("RevokeKey(missing) changed = true")
	}
	wantNotFound(t, "RevokeKey(missing)", err)
	if _, err := db.RevokeKey(ctx, other.ID, time.Time{}, "x"); err == nil {
		t.Errorf("RevokeKey(zero time) = nil error; want an error")
	}
	if o := keyByID(t, db, other.ID); !o.RevokedAt.IsZero() {
		t.Errorf("RevokeKey(zero time) revoked the key")
	}
}

func testRecordExposure(t *testing.T, db *store.DB) {
	ctx := context.Background()
	k := createKey(t, db, "", nil)
	quiet := createKey(t, db, k.OrgID, nil)

	e1 := mira.KeyExposure{KeyID: k.ID, Source: mira.ExposurePlainHTTP, ClientIP: "203.0.113.9", UserAgent: "curl/8.0 '?", At: t0}
	if err := db.RecordExposure(ctx, &e1, false); err != nil {
		t.Fatalf("RecordExposure(no revoke): %v", err)
	}
	if e1.ID == 0 || e1.Revoked {
		t.Errorf("RecordExposure(no revoke) set ID, Revoked = %d, %v; want nonzero, false", e1.ID, e1.Revoked)
	}
	got := keyByID(t, db, k.ID)
	if !got.ExposedAt.Equal(t0) || got.ExposedReason != mira.ExposurePlainHTTP || !got.RevokedAt.IsZero() {
		t.Errorf("after exposure without revoke: ExposedAt %v, ExposedReason %q, RevokedAt %v; want %v, %q, zero",
			got.ExposedAt, got.ExposedReason, got.RevokedAt, t0, mira.ExposurePlainHTTP)
	}

	e2 := mira.KeyExposure{KeyID: k.ID, Source: mira.ExposureLeakReport, At: t0.Add(time.Minute)}
	if err := db.RecordExposure(ctx, &e2, true); err != nil {
		t.Fatalf("RecordExposure(revoke): %v", err)
	}
	if e2.ID <= e1.ID || !e2.Revoked {
		t.Errorf("RecordExposure(revoke) set ID, Revoked = %d, %v; want > %d, true", e2.ID, e2.Revoked, e1.ID)
	}
	got = keyByID(t, db, k.ID)
	if !got.RevokedAt.Equal(t0.Add(time.Minute)) || got.RevokedReason != "exposed: leak_report" {
		t.Errorf("after exposure with revoke: RevokedAt %v, RevokedReason %q; want %v, %q",
			got.RevokedAt, got.RevokedReason, t0.Add(time.Minute), "exposed: leak_report")
	}
	if !got.ExposedAt.Equal(t0) || got.ExposedReason != mira.ExposurePlainHTTP {
		t.Errorf("a second exposure changed the first: ExposedAt %v, ExposedReason %q", got.ExposedAt, got.ExposedReason)
	}

	e3 := mira.KeyExposure{KeyID: k.ID, Source: mira.ExposurePlainHTTP, At: t0.Add(2 * time.Minute)}
	if err := db.RecordExposure(ctx, &e3, true); err != nil {
		t.Fatalf("RecordExposure(revoke, already revoked): %v", err)
	}
	if e3.Revoked {
		t.Errorf("RecordExposure on a revoked key reported Revoked = true")
	}
	if got := keyByID(t, db, k.ID); got.RevokedReason != "exposed: leak_report" || !got.RevokedAt.Equal(t0.Add(time.Minute)) {
		t.Errorf("a later exposure changed the revocation: %v, %q", got.RevokedAt, got.RevokedReason)
	}

	exps, err := db.KeyExposures(ctx, k.ID)
	if err != nil {
		t.Fatalf("KeyExposures: %v", err)
	}
	if diff := cmp.Diff([]mira.KeyExposure{e3, e2, e1}, exps); diff != "" {
		t.Errorf("KeyExposures, newest first (-want +got):\n%s", diff)
	}

	checkRejectedExposures(t, db, quiet)
	checkExposureAtZeroTime(t, db, quiet)
}

// checkRejectedExposures checks the exposures RecordExposure refuses (a
// missing key, none, one without a source) and that a refusal leaves the
// never exposed key quiet as it was: a bad report must not mark or revoke
// a key.
func checkRejectedExposures(t *testing.T, db *store.DB, quiet *mira.Key) {
	t.Helper()
	ctx := context.Background()
	exps, err := db.KeyExposures(ctx, quiet.ID)
	if err != nil || len(exps) != 0 {
		t.Errorf("KeyExposures(never exposed) = %v, %v; want none, nil", exps, err)
	}
	_, err = db.KeyExposures(ctx, "key_missing")
	wantNotFound(t, "KeyExposures(missing)", err)

	missing := mira.KeyExposure{KeyID: "key_missing", Source: mira.ExposureLeakReport, At: t0}
	wantNotFound(t, "RecordExposure(missing)", db.RecordExposure(ctx, &missing, true))
	if missing.ID != 0 {
		t.Errorf("RecordExposure(missing) set ID %d", missing.ID)
	}
	if err := db.RecordExposure(ctx, nil, true); err == nil {
		t.Errorf("RecordExposure(nil) = nil; want an error")
	}
	if err := db.RecordExposure(ctx, &mira.KeyExposure{KeyID: quiet.ID}, true); err == nil {
		t.Errorf("RecordExposure(no source) = nil; want an error")
	}
	if got := keyByID(t, db, quiet.ID); !got.RevokedAt.IsZero() || !got.ExposedAt.IsZero() {
		t.Errorf("a rejected exposure changed the key: %+v", got)
	}
}

// checkExposureAtZeroTime checks that an exposure without a time is
// recorded at the current time; it records one on quiet.
func checkExposureAtZeroTime(t *testing.T, db *store.DB, quiet *mira.Key) {
	t.Helper()
	ctx := context.Background()
	now := mira.KeyExposure{KeyID: quiet.ID, Source: mira.ExposureLeakReport}
	if err := db.RecordExposure(ctx, &now, false); err != nil {
		t.Fatalf("RecordExposure(zero time): %v", err)
	}
	if d := time.Since(now.At); now.At.IsZero() || d < 0 || d > time.Minute {
		t.Errorf("RecordExposure(zero time) set At %v; want about now", now.At)
	}
}

func testRecordExposureOnRevokedKey(t *testing.T, db *store.DB) {
	ctx := context.Background()
	k := createKey(t, db, "", nil)
	if _, err := db.RevokeKey(ctx, k.ID, t0, "rotated"); err != nil {
		t.Fatalf("RevokeKey: %v", err)
	}
	e := mira.KeyExposure{KeyID: k.ID, Source: mira.ExposurePlainHTTP, At: t0.Add(time.Hour)}
	if err := db.RecordExposure(ctx, &e, true); err != nil {
		t.Fatalf("RecordExposure: %v", err)
	}
	if e.Revoked {
		t.Errorf("RecordExposure on a revoked key reported Revoked = true")
	}
	got := keyByID(t, db, k.ID)
	if !got.ExposedAt.Equal(t0.Add(time.Hour)) || got.RevokedReason != "rotated" || !got.RevokedAt.Equal(t0) {
		t.Errorf("ExposedAt %v, RevokedAt %v, RevokedReason %q; want %v, %v, %q",
			got.ExposedAt, got.RevokedAt, got.RevokedReason, t0.Add(time.Hour), t0, "rotated")
	}
}

func testTouchKeys(t *testing.T, db *store.DB) {
	ctx := context.Background()
	k := createKey(t, db, "", nil)
	other := createKey(t, db, k.OrgID, nil)

	use := func(id string, at time.Time, ip string) store.KeyUse { return store.KeyUse{KeyID: id, At: at, IP: ip} }
	steps := []struct {
		name   string
		uses   []store.KeyUse
		wantAt time.Time
		wantIP string
	}{
		{"first use", []store.KeyUse{use(k.ID, t0, "192.0.2.1")}, t0, "192.0.2.1"},
		{"older use ignored", []store.KeyUse{use(k.ID, t0.Add(-time.Hour), "192.0.2.2")}, t0, "192.0.2.1"},
		{"same time ignored", []store.KeyUse{use(k.ID, t0, "192.0.2.3")}, t0, "192.0.2.1"},
		{"newer use", []store.KeyUse{use(k.ID, t0.Add(time.Microsecond), "2001:db8::7")}, t0.Add(time.Microsecond), "2001:db8::7"},
		{"latest in batch wins", []store.KeyUse{
			use(k.ID, t0.Add(3*time.Hour), "198.51.100.3"),
			use(k.ID, t0.Add(5*time.Hour), "198.51.100.5"),
			use(k.ID, t0.Add(4*time.Hour), "198.51.100.4"),
		}, t0.Add(5 * time.Hour), "198.51.100.5"},
		{"unknown keys and zero times skipped", []store.KeyUse{
			use("key_missing", t0.Add(9*time.Hour), "198.51.100.9"),
			use(k.ID, time.Time{}, "198.51.100.10"),
			use("", t0.Add(9*time.Hour), "198.51.100.11"),
			use(k.ID, t0.Add(6*time.Hour), "198.51.100.6"),
		}, t0.Add(6 * time.Hour), "198.51.100.6"},
		{"empty batch", nil, t0.Add(6 * time.Hour), "198.51.100.6"},
	}
	for _, s := range steps {
		if err := db.TouchKeys(ctx, s.uses); err != nil {
			t.Fatalf("%s: TouchKeys: %v", s.name, err)
		}
		got := keyByID(t, db, k.ID)
		if !got.LastUsedAt.Equal(s.wantAt) || got.LastUsedIP != s.wantIP {
			t.Errorf("%s: LastUsedAt, LastUsedIP = %v, %q; want %v, %q", s.name, got.LastUsedAt, got.LastUsedIP, s.wantAt, s.wantIP)
		}
	}
	if got := keyByID(t, db, other.ID); !got.LastUsedAt.IsZero() || got.LastUsedIP != "" {
		t.Errorf("untouched key got LastUsedAt, LastUsedIP = %v, %q", got.LastUsedAt, got.LastUsedIP)
	}
}

func testRevokedSince(t *testing.T, db *store.DB) {
	ctx := context.Background()
	org := createOrg(t, db, "acme")
	revokeAt := func(at time.Time) store.RevokedKey {
		k := createKey(t, db, org.ID, nil)
		if _, err := db.RevokeKey(ctx, k.ID, at, "test"); err != nil {
			t.Fatalf("RevokeKey: %v", err)
		}
		return store.RevokedKey{ID: k.ID, Digest: k.Digest, RevokedAt: at}
	}
	before := revokeAt(t0.Add(-time.Microsecond))
	a := revokeAt(t0)
	b := revokeAt(t0.Add(time.Second))
	c := revokeAt(t0.Add(2 * time.Second))
	createKey(t, db, org.ID, nil) // never revoked

	tests := []struct {
		since time.Time
		want  []store.RevokedKey
	}{
		{time.Time{}, []store.RevokedKey{before, a, b, c}},
		{t0.Add(-time.Hour), []store.RevokedKey{before, a, b, c}},
		{t0, []store.RevokedKey{a, b, c}},
		{t0.Add(time.Microsecond), []store.RevokedKey{b, c}},
		{t0.Add(time.Second), []store.RevokedKey{b, c}},
		{t0.Add(2 * time.Second), []store.RevokedKey{c}},
		{t0.Add(2*time.Second + time.Microsecond), nil},
	}
	for _, tc := range tests {
		got, err := db.RevokedSince(ctx, tc.since)
		if err != nil {
			t.Fatalf("RevokedSince(%v): %v", tc.since, err)
		}
		if diff := cmp.Diff(tc.want, got, cmpOpts...); diff != "" {
			t.Errorf("RevokedSince(%v) mismatch (-want +got):\n%s", tc.since, diff)
		}
	}
}

// testConcurrent writes from many goroutines at once, as the server's
// last-used batcher and revocations do. On SQLite this relies on the busy
// timeout and immediate transactions: no write may fail with SQLITE_BUSY.
func testConcurrent(t *testing.T, db *store.DB) {
	ctx := context.Background()
	org := createOrg(t, db, "acme")
	var keys []*mira.Key
	for range 6 {
		keys = append(keys, createKey(t, db, org.ID, nil))
	}
	const (
		touchers = 6
		batches  = 20
		revokers = 4
	)
	var (
		wg      sync.WaitGroup
		mu      sync.Mutex
		errs    []error
		changed = map[string]int{}
	)
	fail := func(err error) {
		mu.Lock()
		errs = append(errs, err)
		mu.Unlock()
	}
	for g := range touchers {
		wg.Go(func() {
			for i := range batches {
				var uses []store.KeyUse
				for _, k := range keys {
					at := t0.Add(time.Duration(i*touchers+g) * time.Second)
					uses = append(uses, store.KeyUse{KeyID: k.ID, At: at, IP: fmt.Sprintf("10.0.%d.%d", g, i)})
				}
				if err := db.TouchKeys(ctx, uses); err != nil {
					fail(fmt.Errorf("TouchKeys: %w", err))
				}
			}
		})
	}
	for r := range revokers {
		wg.Go(func() {
			for _, k := range keys {
				c, err := db.RevokeKey(ctx, k.ID, t0, fmt.Sprint("revoker ", r))
				if err != nil {
					fail(fmt.Errorf("RevokeKey: %w", err))
					continue
				}
				if c {
					mu.Lock()
					changed[k.ID]++
					mu.Unlock()
				}
				e := mira.KeyExposure{KeyID: k.ID, Source: mira.ExposureLeakReport, At: t0}
				if err := db.RecordExposure(ctx, &e, true); err != nil {
					fail(fmt.Errorf("RecordExposure: %w", err))
				}
				if _, err := db.RevokedSince(ctx, t0); err != nil {
					fail(fmt.Errorf("RevokedSince: %w", err))
				}
			}
		})
	}
	wg.Wait()
	for _, err := range errs {
		t.Error(err)
	}
	wantLast := t0.Add(time.Duration((batches-1)*touchers+touchers-1) * time.Second)
	for _, k := range keys {
		if changed[k.ID] != 1 {
			t.Errorf("key %s: %d RevokeKey calls reported a change; want exactly 1", k.ID, changed[k.ID])
		}
		got := keyByID(t, db, k.ID)
		if got.RevokedAt.IsZero() {
			t.Errorf("key %s not revoked", k.ID)
		}
		if !got.LastUsedAt.Equal(wantLast) {
			t.Errorf("key %s: LastUsedAt = %v; want the latest use %v", k.ID, got.LastUsedAt, wantLast)
		}
	}
}

func testUpdateKey(t *testing.T, db *store.DB) {
	ctx := context.Background()
	k := createKey(t, db, "", nil)
	name := "renamed"
	scopes := []mira.Scope{mira.ScopeModelsRead}
	models := []string{"a", "b c"}
	cidrs := []netip.Prefix{netip.MustParsePrefix("10.0.0.0/8")}
	exp := t0.Add(time.Hour)
	got, err := db.UpdateKey(ctx, k.ID, store.KeyUpdate{Name: &name, Scopes: &scopes, AllowedModels: &models, AllowedCIDRs: &cidrs, ExpiresAt: &exp})
	if err != nil {
		t.Fatal(err)
	}
	want := *k
	want.Name, want.Scopes, want.AllowedModels, want.AllowedCIDRs, want.ExpiresAt = name, scopes, models, cidrs, exp
	if diff := cmp.Diff(&want, got, cmpOpts...); diff != "" {
		t.Errorf("UpdateKey (-want +got):\n%s", diff)
	}
	// Nil fields stay; a zero expiry removes it.
	var never time.Time
	got, err = db.UpdateKey(ctx, k.ID, store.KeyUpdate{ExpiresAt: &never})
	if err != nil || !got.ExpiresAt.IsZero() || got.Name != name {
		t.Errorf("partial update: %+v, %v", got, err)
	}
	_, err = db.UpdateKey(ctx, "key_missing", store.KeyUpdate{Name: &name})
	wantNotFound(t, "UpdateKey(missing)", err)
}

func testRotateKey(t *testing.T, db *store.DB) {
	ctx := context.Background()
	old := createKey(t, db, "", nil)
	next := &mira.Key{ID: mira.NewID("key"), OrgID: old.OrgID, Name: old.Name, Digest: digest(t), Prefix: "sk-mira-next",
		Last4: "1234", Environment: old.Environment, Scopes: old.Scopes, CreatedAt: t0.Add(time.Minute)}
	grace := t0.Add(24 * time.Hour)
	if err := db.RotateKey(ctx, old.ID, next, grace); err != nil {
		t.Fatal(err)
	}
	if next.FamilyID != old.FamilyID || keyByID(t, db, next.ID).FamilyID != old.FamilyID {
		t.Errorf("family changed across rotation: %s vs %s", next.FamilyID, old.FamilyID)
	}
	o := keyByID(t, db, old.ID)
	if !o.RevokedAt.Equal(grace) || o.State(t0.Add(time.Hour)) != mira.KeyActive || o.State(grace) != mira.KeyRevoked {
		t.Errorf("old key after rotation: revoked_at %v", o.RevokedAt)
	}
	// The old key cannot be rotated twice.
	again := &mira.Key{ID: mira.NewID("key"), OrgID: old.OrgID, Digest: digest(t), CreatedAt: t0}
	if err := db.RotateKey(ctx, old.ID, again, grace); err == nil {
		t.Error("rotating a rotated key succeeded")
	}
	if _, err := db.KeyByID(ctx, again.ID); err == nil {
		t.Error("a failed rotation left its new key behind")
	}
	wantNotFound(t, "RotateKey(missing)", db.RotateKey(ctx, "key_missing", again, grace))
	// RevokedSince sees the scheduled stop, so caches drop the old entry.
	revoked, err := db.RevokedSince(ctx, t0)
	if err != nil {
		t.Fatal(err)
	}
	found := false
	for _, r := range revoked {
		found = found || r.ID == old.ID
	}
	if !found {
		t.Error("RevokedSince does not list a rotated key")
	}
}

func testRevokeDuringGrace(t *testing.T, db *store.DB) {
	ctx := context.Background()
	old := createKey(t, db, "", nil)
	next := &mira.Key{ID: mira.NewID("key"), OrgID: old.OrgID, Digest: digest(t), Environment: old.Environment, Scopes: old.Scopes, CreatedAt: t0}
	if err := db.RotateKey(ctx, old.ID, next, t0.Add(24*time.Hour)); err != nil {
		t.Fatal(err)
	}
	changed, err := db.RevokeKey(ctx, old.ID, t0.Add(time.Hour), "compromised")
	if err != nil || !changed {
		t.Fatalf("revoking during the grace period: %v, %v", changed, err)
	}
	if got := keyByID(t, db, old.ID).RevokedAt; !got.Equal(t0.Add(time.Hour)) {
		t.Errorf("revoked_at %v; want the sooner time", got)
	}
	// A revocation is never postponed.
	if changed, _ := db.RevokeKey(ctx, old.ID, t0.Add(48*time.Hour), "later"); changed {
		t.Error("a later revocation replaced a sooner one")
	}
}
