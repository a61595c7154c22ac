package backup_test

import (
	"context"
	"crypto/sha256"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"filippo.io/age"

	"github.com/vmira/mira/internal/audit"
	"github.com/vmira/mira/internal/backup"
	"github.com/vmira/mira/internal/mira"
	"github.com/vmira/mira/internal/store"
	"github.com/vmira/mira/internal/store/storetest"
)

// TestScale measures backup and restore of 100,000 keys and 100,000 audit
// entries. It runs only with MIRA_BACKUP_SCALE=1 (it takes a while).
func TestScale(t *testing.T) {
	if os.Getenv("MIRA_BACKUP_SCALE") == "" {
		t.Skip("MIRA_BACKUP_SCALE not set")
	}
	const n = 100_000
	storetest.EachLocation(t, func(t *testing.T, url, dir string) {
		ctx := context.Background()
		db := storetest.Open(t, url, dir)
		secret := newSecret()
		start := time.Now()
		if err := db.CreateOrg(ctx, &mira.Org{ID: "org_scale", Name: "scale"}); err != nil {
			t.Fatal(err)
		}
		l, err := audit.New(ctx, db, audit.Config{Secret: secret})
		if err != nil {
			t.Fatal(err)
		}
		err = db.InTx(ctx, func(tx *store.Tx) error {
			const per = 400
			for i := 0; i < n; i += per {
				var q strings.Builder
				q.WriteString(`INSERT INTO api_keys (id, family_id, org_id, name, digest, prefix, created_at) VALUES `)
				var args []any
				for j := i; j < i+per; j++ {
					if j > i {
						q.WriteString(", ")
					}
					q.WriteString("(?, ?, ?, ?, ?, ?, ?)")
					d := sha256.Sum256([]byte(fmt.Sprint(j)))
					id := fmt.Sprintf("key_%08d", j)
					args = append(args, id, id, "org_scale", "scale key", d[:], "mira_sk_dev_abcd", time.Now().UnixMicro())
				}
				if _, err := tx.SQL().ExecContext(ctx, db.Rebind(q.String()), args...); err != nil {
					return err
				}
			}
			for i := 0; i < n; i++ {
				if err := l.AppendTx(ctx, tx.SQL(), &audit.Entry{Actor: audit.System, OrgID: "org_scale", Action: audit.KeyCreated,
					Target: fmt.Sprintf("key_%08d", i), ClientIP: "192.0.2.1", Details: map[string]any{"name": "scale key"}}); err != nil {
					return err
				}
			}
			return nil
		})
		if err != nil {
			t.Fatal(err)
		}
		t.Logf("seed: %v", time.Since(start))

		id, recipient := identity(t)
		d, _ := backup.NewDir("local", filepath.Join(t.TempDir(), "b"))
		start = time.Now()
		res, err := backup.Run(ctx, db, secret, backup.Config{Recipients: []string{recipient}, TempDir: t.TempDir()}, []backup.Target{d})
		if err != nil {
			t.Fatal(err)
		}
		t.Logf("backup: %v, archive %d bytes (%.1f MB)", time.Since(start), res.Size, float64(res.Size)/1e6)

		for _, to := range []struct {
			name string
			url  func(testing.TB) string
		}{{"sqlite", sqliteURL}, {"postgres", storetest.PostgresURL}} {
			if to.name == "postgres" && os.Getenv(storetest.PostgresEnv) == "" {
				continue
			}
			start = time.Now()
			rr, err := backup.Restore(ctx, d, "", backup.RestoreConfig{Identities: []age.Identity{id}, DatabaseURL: to.url(t), DataDir: filepath.Join(t.TempDir(), "data")})
			if err != nil {
				t.Fatal(err)
			}
			t.Logf("restore into %s: %v, %d rows, %d audit entries verified", to.name, time.Since(start), rr.Rows, rr.AuditEntries)
		}
	})
}
