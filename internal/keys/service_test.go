package keys_test

import (
	"bytes"
	"context"
	"database/sql"
	"errors"
	"testing"
	"time"

	"github.com/vmira/mira/internal/audit"
	"github.com/vmira/mira/internal/keys"
	"github.com/vmira/mira/internal/mira"
	"github.com/vmira/mira/internal/store"
	"github.com/vmira/mira/internal/store/storetest"
)

var secret = bytes.Repeat([]byte{7}, 32)

// forEachDB runs fn on SQLite, and on PostgreSQL when MIRA_TEST_POSTGRES_URL is set.
func forEachDB(t *testing.T, fn func(t *testing.T, db *store.DB)) {
	t.Run("sqlite", func(t *testing.T) { fn(t, storetest.OpenSQLite(t)) })
	t.Run("postgres", func(t *testing.T) { fn(t, storetest.OpenPostgres(t)) })
}

// failingAudit appends for real and then fails, or fails at once.
type failingAudit struct {
	log        *audit.Log
	afterWrite bool
}

var errInjected = errors.New("injected failure")

func (f failingAudit) AppendTx(ctx context.Context, tx *sql.Tx, e *audit.Entry) error {
	if f.afterWrite {
		if err := f.log.AppendTx(ctx, tx, e); err != nil {
			return err
		}
	}
	return errInjected
}

// failingCommit runs the change, audit entry included, then fails before
// the commit.
type failingCommit struct{ *store.DB }

func (f failingCommit) InTx(ctx context.Context, fn func(tx *store.Tx) error) error {
	return f.DB.InTx(ctx, func(tx *store.Tx) error {
		if err := fn(tx); err != nil {
			return err
		}
		return errInjected
	})
}

type fixture struct {
	db    *store.DB
	log   *audit.Log
	svc   *keys.Service
	orgID string
	user  string
}

func newFixture(t *testing.T, db *store.DB) *fixture {
	t.Helper()
	ctx := context.Background()
	org := &mira.Org{Name: "acme", Plan: "free"}
	if err := db.CreateOrg(ctx, org); err != nil {
		t.Fatal(err)
	}
	u := &mira.User{OrgID: org.ID, Email: "o@example.com", Role: mira.RoleOwner, PasswordHash: "x"}
	if err := db.CreateUser(ctx, u); err != nil {
		t.Fatal(err)
	}
	l, err := audit.New(ctx, db, audit.Config{Secret: secret})
	if err != nil {
		t.Fatal(err)
	}
	return &fixture{db: db, log: l, svc: keys.NewService(keys.Config{Store: db, Secret: secret, Audit: l}), orgID: org.ID, user: u.ID}
}

func (f *fixture) entries(t *testing.T, action string) []audit.Entry {
	t.Helper()
	p, err := f.log.List(context.Background(), audit.Filter{Action: action})
	if err != nil {
		t.Fatal(err)
	}
	return p.Entries
}

func (f *fixture) verify(t *testing.T) {
	t.Helper()
	rep, err := f.log.Verify(context.Background())
	if err != nil || !rep.OK() {
		t.Fatalf("audit log does not verify: %v %v", err, rep.Problems)
	}
}

var by = keys.Origin{Actor: audit.User("usr_test"), ClientIP: "192.0.2.1"}

// TestAuditFailureRollsBackTheKeyChange: the key change and its audit entry
// commit together: a failing append undoes the change, and a failure after
// the append (the commit) undoes both.
func TestAuditFailureRollsBackTheKeyChange(t *testing.T) {
	forEachDB(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		f := newFixture(t, db)
		k, _, err := f.svc.Create(ctx, keys.Spec{OrgID: f.orgID, UserID: f.user, Name: "victim"}, by)
		if err != nil {
			t.Fatal(err)
		}
		if n := len(f.entries(t, audit.KeyCreated)); n != 1 {
			t.Fatalf("%d key.created entries; want 1", n)
		}
		for _, tc := range []struct {
			name string
			cfg  keys.Config
		}{
			{"append fails", keys.Config{Store: db, Secret: secret, Audit: failingAudit{log: f.log}}},
			{"fails after the append", keys.Config{Store: db, Secret: secret, Audit: failingAudit{log: f.log, afterWrite: true}}},
			{"commit fails", keys.Config{Store: failingCommit{db}, Secret: secret, Audit: f.log}},
		} {
			t.Run(tc.name, func(t *testing.T) {
				svc := keys.NewService(tc.cfg)
				if _, err := svc.Revoke(ctx, k.ID, "test", by); !errors.Is(err, errInjected) {
					t.Errorf("Revoke = %v; want the injected failure", err)
				}
				if _, _, _, err := svc.Rotate(ctx, k.ID, time.Hour, by); !errors.Is(err, errInjected) {
					t.Errorf("Rotate = %v; want the injected failure", err)
				}
				e := mira.KeyExposure{KeyID: k.ID, Source: mira.ExposureLeakReport}
				if _, err := svc.RecordExposure(ctx, &e, true, by); !errors.Is(err, errInjected) {
					t.Errorf("RecordExposure = %v; want the injected failure", err)
				}
				if _, _, err := svc.Create(ctx, keys.Spec{OrgID: f.orgID, Name: "ghost"}, by); !errors.Is(err, errInjected) {
					t.Errorf("Create = %v; want the injected failure", err)
				}
				got, err := db.KeyByID(ctx, k.ID)
				if err != nil {
					t.Fatal(err)
				}
				if !got.RevokedAt.IsZero() || !got.ExposedAt.IsZero() {
					t.Errorf("the key changed although its audit entry failed: %+v", got)
				}
				list, _ := db.ListKeys(ctx, f.orgID)
				if len(list) != 1 {
					t.Errorf("%d keys; want only the first (no rotated or ghost key)", len(list))
				}
				if exps, _ := db.KeyExposures(ctx, k.ID); len(exps) != 0 {
					t.Errorf("exposures stored although their audit entry failed: %+v", exps)
				}
				if n := len(f.entries(t, "key.")); n != 1 {
					t.Errorf("%d key entries; want only key.created", n)
				}
				f.verify(t)
			})
		}

		// And the other way: a key change that fails leaves no entry.
		if _, _, _, err := f.svc.Rotate(ctx, "key_missing", time.Hour, by); !errors.Is(err, mira.ErrNotFound) {
			t.Errorf("Rotate(missing) = %v", err)
		}
		if _, err := f.svc.Revoke(ctx, "key_missing", "x", by); !errors.Is(err, mira.ErrNotFound) {
			t.Errorf("Revoke(missing) = %v", err)
		}
		if n := len(f.entries(t, "key.")); n != 1 {
			t.Errorf("%d key entries after failed changes; want 1", n)
		}
		// A change that works is audited in its transaction, attributed.
		if _, err := f.svc.Revoke(ctx, k.ID, "test", by); err != nil {
			t.Fatal(err)
		}
		es := f.entries(t, audit.KeyRevoked)
		if len(es) != 1 || es[0].Actor != by.Actor || es[0].ClientIP != by.ClientIP || es[0].Target != k.ID {
			t.Errorf("key.revoked entries = %+v", es)
		}
		f.verify(t)
	})
}

// TestExposureInGraceRevokesNow: a rotated key still in its grace period
// stops at once when exposed.
func TestExposureInGraceRevokesNow(t *testing.T) {
	forEachDB(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		f := newFixture(t, db)
		k, _, err := f.svc.Create(ctx, keys.Spec{OrgID: f.orgID, Name: "rotated"}, by)
		if err != nil {
			t.Fatal(err)
		}
		if _, _, old, err := f.svc.Rotate(ctx, k.ID, time.Hour, by); err != nil || old.State(time.Now()) != mira.KeyActive {
			t.Fatalf("Rotate: %v; old key %+v", err, old)
		}
		e := mira.KeyExposure{KeyID: k.ID, Source: mira.ExposureLeakReport}
		got, err := f.svc.RecordExposure(ctx, &e, true, by)
		if err != nil {
			t.Fatal(err)
		}
		if !e.Revoked || got.State(time.Now()) != mira.KeyRevoked || got.RevokedReason != "exposed: leak_report" {
			t.Errorf("exposed key in grace: revoked %v, state %s, reason %q; want revoked now", e.Revoked, got.State(time.Now()), got.RevokedReason)
		}
	})
}

// TestRepeatedReportsFold: once the key is revoked, more reports of it
// within the window add no exposure and no audit entry.
func TestRepeatedReportsFold(t *testing.T) {
	forEachDB(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		f := newFixture(t, db)
		k, _, err := f.svc.Create(ctx, keys.Spec{OrgID: f.orgID, Name: "leaked"}, by)
		if err != nil {
			t.Fatal(err)
		}
		t1 := time.Now()
		report := func(at time.Time, ip string) mira.KeyExposure {
			t.Helper()
			e := mira.KeyExposure{KeyID: k.ID, Source: mira.ExposureLeakReport, ClientIP: ip, At: at}
			if _, err := f.svc.RecordExposure(ctx, &e, true, keys.Origin{Actor: audit.System, ClientIP: ip}); err != nil {
				t.Fatal(err)
			}
			return e
		}
		first := report(t1, "198.51.100.1")
		for i := range 5 {
			if e := report(t1.Add(time.Duration(i+1)*time.Minute), "203.0.113.9"); !e.Folded || e.ID != first.ID {
				t.Errorf("repeat %d: Folded %v, ID %d; want folded into %d", i, e.Folded, e.ID, first.ID)
			}
		}
		// A plain-HTTP exposure is another source: recorded.
		plain := mira.KeyExposure{KeyID: k.ID, Source: mira.ExposurePlainHTTP, At: t1.Add(10 * time.Minute)}
		if _, err := f.svc.RecordExposure(ctx, &plain, true, by); err != nil || plain.Folded {
			t.Errorf("plain-HTTP exposure: %v, folded %v", err, plain.Folded)
		}
		// After the window, a report is recorded again.
		if later := report(t1.Add(store.ExposureFoldWindow+2*time.Minute), "203.0.113.9"); later.Folded {
			t.Error("a report after the fold window was folded")
		}
		exps, err := db.KeyExposures(ctx, k.ID)
		if err != nil || len(exps) != 3 {
			t.Errorf("%d exposures (%v); want 3: first report, plain HTTP, report after the window", len(exps), err)
		}
		if n := len(f.entries(t, audit.KeyReported)); n != 2 {
			t.Errorf("%d key.reported entries; want 2", n)
		}
		f.verify(t)
	})
}
