package backup_test

import (
	"bytes"
	"context"
	"crypto/rand"
	"encoding/hex"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"filippo.io/age"

	"github.com/vmira/mira/internal/apikey"
	"github.com/vmira/mira/internal/audit"
	"github.com/vmira/mira/internal/backup"
	"github.com/vmira/mira/internal/keys"
	"github.com/vmira/mira/internal/mira"
	"github.com/vmira/mira/internal/store"
	"github.com/vmira/mira/internal/store/storetest"
)

// source is a database with Mira state to back up.
type source struct {
	db      *store.DB
	secret  []byte
	live    string // raw key, active
	revoked string // raw key, revoked
	old     string // raw key, rotated, in its grace period
	next    string // raw key, its successor
	email   string
	prefix  string // a key prefix, for the plaintext check
}

func newSecret() []byte {
	s := make([]byte, 32)
	rand.Read(s)
	return s
}

func seed(t *testing.T, db *store.DB) *source {
	t.Helper()
	ctx := context.Background()
	s := &source{db: db, secret: newSecret(), email: "restore-me@example.com"}
	org := &mira.Org{ID: "org_backup1", Name: "Backup Org"}
	if err := db.CreateOrg(ctx, org); err != nil {
		t.Fatal(err)
	}
	u := &mira.User{ID: "user_backup1", OrgID: org.ID, Email: s.email, Role: mira.RoleOwner}
	if err := db.CreateUser(ctx, u); err != nil {
		t.Fatal(err)
	}
	l, err := audit.New(ctx, db, audit.Config{Secret: s.secret})
	if err != nil {
		t.Fatal(err)
	}
	ks := keys.NewService(keys.Config{Store: db, Secret: s.secret, Audit: l})
	by := keys.Origin{Actor: audit.System}
	create := func(name string) (*mira.Key, string) {
		k, raw, err := ks.Create(ctx, keys.Spec{OrgID: org.ID, UserID: u.ID, Name: name}, by)
		if err != nil {
			t.Fatal(err)
		}
		return k, raw
	}
	var k *mira.Key
	k, s.live = create("live")
	s.prefix = k.Prefix
	k, s.revoked = create("revoked")
	if _, err := ks.Revoke(ctx, k.ID, "test", by); err != nil {
		t.Fatal(err)
	}
	k, s.old = create("rotated")
	if _, s.next, _, err = ks.Rotate(ctx, k.ID, time.Hour, by); err != nil {
		t.Fatal(err)
	}
	exec := func(q string, args ...any) {
		t.Helper()
		if _, err := db.SQL().ExecContext(ctx, db.Rebind(q), args...); err != nil {
			t.Fatalf("%s: %v", q, err)
		}
	}
	exec(`INSERT INTO usage_daily (org_id, day, key_id, model, requests, prompt_tokens) VALUES (?, ?, ?, ?, ?, ?)`, org.ID, int64(1767225600000000), k.ID, "mira-echo", 7, 42)
	exec(`INSERT INTO request_logs (at, request_id, org_id, key_id, endpoint, request_body) VALUES (?, ?, ?, ?, ?, ?)`, time.Now().UnixMicro(), "req_secretlog", org.ID, k.ID, "/v1/chat/completions", []byte("a logged body"))
	exec(`INSERT INTO key_exposures (key_id, source, at, revoked) VALUES (?, ?, ?, ?)`, k.ID, "test", time.Now().UnixMicro(), true)
	return s
}

// identity returns a fresh age identity and its recipient.
func identity(t *testing.T) (*age.X25519Identity, string) {
	t.Helper()
	id, err := age.GenerateX25519Identity()
	if err != nil {
		t.Fatal(err)
	}
	return id, id.Recipient().String()
}

func dirTarget(t *testing.T, name string) *backup.Dir {
	t.Helper()
	d, err := backup.NewDir(name, filepath.Join(t.TempDir(), name))
	if err != nil {
		t.Fatal(err)
	}
	return d
}

func runBackup(t *testing.T, src *source, recipient string, targets ...backup.Target) backup.Result {
	t.Helper()
	l, err := audit.New(context.Background(), src.db, audit.Config{Secret: src.secret})
	if err != nil {
		t.Fatal(err)
	}
	res, err := backup.Run(context.Background(), src.db, src.secret, backup.Config{
		Recipients: []string{recipient}, TempDir: t.TempDir(), Audit: l, Version: "test"}, targets)
	if err != nil {
		t.Fatalf("Run: %v", err)
	}
	return res
}

// checkRestored checks the restored database the way a server would use it.
func checkRestored(t *testing.T, src *source, db *store.DB, secret []byte) {
	t.Helper()
	ctx := context.Background()
	lookup := func(raw string) *mira.Key {
		t.Helper()
		k, err := db.KeyByDigest(ctx, apikey.Digest(secret, raw))
		if err != nil {
			t.Fatalf("KeyByDigest: %v", err)
		}
		return k
	}
	now := time.Now()
	if k := lookup(src.live); !k.RevokedAt.IsZero() {
		t.Errorf("live key revoked after restore: %v", k.RevokedAt)
	}
	if k := lookup(src.revoked); k.RevokedAt.IsZero() || k.RevokedAt.After(now) {
		t.Errorf("revoked key RevokedAt = %v; want in the past", k.RevokedAt)
	}
	if k := lookup(src.old); k.RevokedAt.IsZero() || !k.RevokedAt.After(now) {
		t.Errorf("rotated key RevokedAt = %v; want in the future (grace)", k.RevokedAt)
	}
	lookup(src.next)
	if u, err := db.UserByEmail(ctx, src.email); err != nil || u.Role != mira.RoleOwner {
		t.Errorf("UserByEmail = %v, %v", u, err)
	}
	count := func(table string) int {
		var n int
		if err := db.SQL().QueryRowContext(ctx, `SELECT COUNT(*) FROM `+table).Scan(&n); err != nil {
			t.Fatal(err)
		}
		return n
	}
	if n := count("request_logs"); n != 0 {
		t.Errorf("request_logs has %d rows after restore; want 0", n)
	}
	if n := count("usage_daily"); n != 1 {
		t.Errorf("usage_daily has %d rows; want 1", n)
	}
	if n := count("key_exposures"); n != 1 {
		t.Errorf("key_exposures has %d rows; want 1", n)
	}
	// A new exposure gets a fresh id (the identity sequence moved on).
	k := lookup(src.live)
	if _, err := db.SQL().ExecContext(ctx, db.Rebind(`INSERT INTO key_exposures (key_id, source, at) VALUES (?, ?, ?)`), k.ID, "after", time.Now().UnixMicro()); err != nil {
		t.Errorf("insert after restore: %v", err)
	}
	l, err := audit.New(ctx, db, audit.Config{Secret: secret})
	if err != nil {
		t.Fatal(err)
	}
	rep, err := l.Verify(ctx)
	if err != nil || !rep.OK() || rep.Entries < 4 {
		t.Errorf("audit Verify = %+v, %v; want OK with >= 4 entries", rep, err)
	}
	// The restored log continues.
	if err := l.Append(ctx, &audit.Entry{Actor: audit.System, Action: audit.SettingsChanged}); err != nil {
		t.Errorf("Append after restore: %v", err)
	}
	if rep, _ := l.Verify(ctx); !rep.OK() {
		t.Errorf("audit after append: %v", rep.Problems)
	}
}

func restoreInto(t *testing.T, target backup.Target, id *age.X25519Identity, url string) (backup.RestoreResult, *store.DB, []byte) {
	t.Helper()
	dir := filepath.Join(t.TempDir(), "data")
	res, err := backup.Restore(context.Background(), target, "", backup.RestoreConfig{
		Identities: []age.Identity{id}, DatabaseURL: url, DataDir: dir})
	if err != nil {
		t.Fatalf("Restore: %v", err)
	}
	b, err := os.ReadFile(filepath.Join(dir, "secret.key"))
	if err != nil {
		t.Fatal(err)
	}
	if fi, _ := os.Stat(filepath.Join(dir, "secret.key")); fi.Mode().Perm() != 0o600 {
		t.Errorf("secret.key mode %v; want 0600", fi.Mode().Perm())
	}
	secret, _ := hex.DecodeString(strings.TrimSpace(string(b)))
	return res, storetest.Open(t, url, dir), secret
}

func TestRoundTrip(t *testing.T) {
	for _, tc := range []struct {
		name     string
		from, to func(t testing.TB) string // database URL; "" is SQLite
	}{
		{"sqlite to sqlite", sqliteURL, sqliteURL},
		{"sqlite to postgres", sqliteURL, storetest.PostgresURL},
		{"postgres to sqlite", storetest.PostgresURL, sqliteURL},
		{"postgres to postgres", storetest.PostgresURL, storetest.PostgresURL},
	} {
		t.Run(tc.name, func(t *testing.T) {
			src := seed(t, storetest.Open(t, tc.from(t), t.TempDir()))
			id, recipient := identity(t)
			a, b := dirTarget(t, "a"), dirTarget(t, "b")
			res := runBackup(t, src, recipient, a, b)
			if len(res.Targets) != 2 || res.Partial() {
				t.Fatalf("Result targets = %+v", res.Targets)
			}
			for _, f := range res.Manifest.Files {
				if f.Table == "request_logs" {
					t.Errorf("the manifest lists request_logs")
				}
			}
			rr, db, secret := restoreInto(t, b, id, tc.to(t))
			if !bytes.Equal(secret, src.secret) {
				t.Errorf("restored secret differs")
			}
			if rr.AuditEntries < 4 {
				t.Errorf("AuditEntries = %d", rr.AuditEntries)
			}
			checkRestored(t, src, db, secret)
		})
	}
}

func sqliteURL(t testing.TB) string { return "" }

func TestRunAuditsAndContinuesPastAFailedTarget(t *testing.T) {
	src := seed(t, storetest.OpenSQLite(t))
	_, recipient := identity(t)
	good := dirTarget(t, "good")
	bad := failing{"broken"}
	l, _ := audit.New(context.Background(), src.db, audit.Config{Secret: src.secret})
	res, err := backup.Run(context.Background(), src.db, src.secret, backup.Config{
		Recipients: []string{recipient}, TempDir: t.TempDir(), Audit: l}, []backup.Target{bad, good})
	if err == nil || !strings.Contains(err.Error(), "broken") {
		t.Errorf("Run err = %v; want one naming the broken target", err)
	}
	if !res.Partial() {
		t.Errorf("Partial() = false; want true")
	}
	if bs, _ := backup.List(context.Background(), good); len(bs) != 1 {
		t.Errorf("good target lists %d backups; want 1", len(bs))
	}
	page, err := l.List(context.Background(), audit.Filter{})
	if err != nil {
		t.Fatal(err)
	}
	if got := page.Entries[0].Action; got != backup.ActionFailed {
		t.Errorf("newest audit action = %q; want %q", got, backup.ActionFailed)
	}
}

type failing struct{ name string }

func (f failing) Name() string { return f.name }
func (f failing) Put(context.Context, string, io.Reader, int64) error {
	return fmt.Errorf("target %s: disk full", f.name)
}
func (f failing) Get(context.Context, string) (io.ReadCloser, error) { return nil, os.ErrNotExist }
func (f failing) List(context.Context) ([]backup.Object, error)      { return nil, nil }
func (f failing) Delete(context.Context, string) error               { return nil }

func TestRunRefusesWithoutRecipients(t *testing.T) {
	db := storetest.OpenSQLite(t)
	_, err := backup.Run(context.Background(), db, newSecret(), backup.Config{TempDir: t.TempDir()}, []backup.Target{dirTarget(t, "a")})
	if err == nil || !strings.Contains(err.Error(), "mira admin backup keygen") {
		t.Errorf("Run without recipients: %v; want the keygen fix", err)
	}
}

func TestFlippedByte(t *testing.T) {
	src := seed(t, storetest.OpenSQLite(t))
	id, recipient := identity(t)
	d := dirTarget(t, "local")
	res := runBackup(t, src, recipient, d)
	ctx := context.Background()
	if _, err := backup.Verify(ctx, d, res.Name, []age.Identity{id}); err != nil {
		t.Fatalf("Verify of an intact backup: %v", err)
	}
	p := filepath.Join(dirPath(t, d), res.Name)
	b, _ := os.ReadFile(p)
	b[len(b)/2] ^= 1
	os.WriteFile(p, b, 0o600)
	if _, err := backup.Verify(ctx, d, res.Name, nil); err == nil || !strings.Contains(err.Error(), res.Name) {
		t.Errorf("Verify of a flipped byte = %v; want an error naming %s", err, res.Name)
	}
	_, err := backup.Restore(ctx, d, res.Name, backup.RestoreConfig{Identities: []age.Identity{id}, DataDir: filepath.Join(t.TempDir(), "d")})
	if err == nil || !strings.Contains(err.Error(), res.Name) {
		t.Errorf("Restore of a flipped byte = %v; want a refusal naming %s", err, res.Name)
	}
	// Without the sidecar, age's authentication still refuses it.
	os.Remove(p + backup.SidecarSuffix)
	if _, err := backup.Restore(ctx, d, res.Name, backup.RestoreConfig{Identities: []age.Identity{id}, DataDir: filepath.Join(t.TempDir(), "d")}); err == nil {
		t.Errorf("Restore of a flipped byte without a sidecar succeeded")
	}
}

func dirPath(t *testing.T, d *backup.Dir) string {
	t.Helper()
	objs, _ := d.List(context.Background())
	_ = objs
	return d.Path()
}

func TestRestoreRefusesNonEmpty(t *testing.T) {
	storetest.EachLocation(t, func(t *testing.T, url, dir string) {
		src := seed(t, storetest.OpenSQLite(t))
		id, recipient := identity(t)
		d := dirTarget(t, "local")
		runBackup(t, src, recipient, d)
		if dir == "" {
			dir = t.TempDir()
		}
		dir = filepath.Join(dir, "data")
		dst := storetest.Open(t, url, dir)
		if err := dst.CreateOrg(context.Background(), &mira.Org{ID: "org_x", Name: "x"}); err != nil {
			t.Fatal(err)
		}
		_, err := backup.Restore(context.Background(), d, "", backup.RestoreConfig{Identities: []age.Identity{id}, DatabaseURL: url, DataDir: dir})
		if err == nil || !strings.Contains(err.Error(), "not empty") {
			t.Errorf("Restore into a non-empty database = %v; want a refusal", err)
		}
		if _, err := os.Stat(filepath.Join(dir, "secret.key")); err == nil {
			t.Errorf("a refused restore wrote the secret")
		}
	})
}

func TestNoPlaintext(t *testing.T) {
	src := seed(t, storetest.OpenSQLite(t))
	_, recipient := identity(t)
	d := dirTarget(t, "local")
	res := runBackup(t, src, recipient, d)
	for _, name := range []string{res.Name, res.Name + backup.SidecarSuffix} {
		b, err := os.ReadFile(filepath.Join(d.Path(), name))
		if err != nil {
			t.Fatal(err)
		}
		for _, s := range []string{src.email, src.prefix, audit.KeyRevoked, "Backup Org", hex.EncodeToString(src.secret)} {
			if bytes.Contains(b, []byte(s)) {
				t.Errorf("%s contains %q in plaintext", name, s)
			}
		}
	}
}

func TestDirListsOnlyCompleteObjects(t *testing.T) {
	ctx := context.Background()
	d := dirTarget(t, "local")
	if err := d.Put(ctx, "a", strings.NewReader("abc"), 3); err != nil {
		t.Fatal(err)
	}
	os.WriteFile(filepath.Join(d.Path(), ".tmp-deadbeef"), []byte("partial"), 0o600)
	if err := d.Put(ctx, "b", strings.NewReader("ab"), 3); err == nil {
		t.Errorf("Put of a short object succeeded")
	}
	objs, err := d.List(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if len(objs) != 1 || objs[0].Name != "a" || objs[0].Size != 3 {
		t.Errorf("List = %+v; want only a", objs)
	}
	// An archive without its sidecar is no backup.
	d.Put(ctx, "mira-backup-20260101T000000Z-00000000.tar.gz.age", strings.NewReader("x"), 1)
	if bs, _ := backup.List(ctx, d); len(bs) != 0 {
		t.Errorf("List without sidecar = %+v; want none", bs)
	}
	if err := d.Delete(ctx, "a"); err != nil {
		t.Fatal(err)
	}
	if _, err := d.Get(ctx, "a"); err == nil {
		t.Errorf("Get after Delete succeeded")
	}
}

func TestRestoreRefusesNewerSchema(t *testing.T) {
	src := seed(t, storetest.OpenSQLite(t))
	if _, err := src.db.SQL().Exec(`INSERT INTO schema_migrations (version, name, applied_at) VALUES (9999, '9999_future.sql', 0)`); err != nil {
		t.Fatal(err)
	}
	id, recipient := identity(t)
	d := dirTarget(t, "local")
	runBackup(t, src, recipient, d)
	_, err := backup.Restore(context.Background(), d, "", backup.RestoreConfig{Identities: []age.Identity{id}, DataDir: filepath.Join(t.TempDir(), "d")})
	if err == nil || !strings.Contains(err.Error(), "newer") {
		t.Errorf("Restore of a newer schema = %v; want a refusal", err)
	}
}
