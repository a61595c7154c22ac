package store_test

import (
	"context"
	"database/sql"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"

	"github.com/vmira/mira/internal/mira"
	"github.com/vmira/mira/internal/store"
	"github.com/vmira/mira/internal/store/storetest"
)

func TestSQLite(t *testing.T) {
	storetest.Run(t, func(t *testing.T) *store.DB { return storetest.OpenSQLite(t) })
}

func TestPostgres(t *testing.T) {
	if os.Getenv(storetest.PostgresEnv) == "" {
		t.Skipf("%s not set", storetest.PostgresEnv)
	}
	storetest.Run(t, func(t *testing.T) *store.DB { return storetest.OpenPostgres(t) })
}

// dialects returns, per dialect, a function giving the (url, dataDir) of one
// fresh database that can be opened several times.
func dialects(t *testing.T) map[string]func(t *testing.T) (string, string) {
	return map[string]func(t *testing.T) (string, string){
		store.DialectSQLite:   func(t *testing.T) (string, string) { return "", t.TempDir() },
		store.DialectPostgres: func(t *testing.T) (string, string) { return storetest.PostgresURL(t), "" },
	}
}

func open(t *testing.T, url, dir string) *store.DB {
	t.Helper()
	db, err := store.Open(context.Background(), url, dir)
	if err != nil {
		t.Fatalf("Open: %v", err)
	}
	return db
}

func migrationCount(t *testing.T, db *store.DB) int {
	t.Helper()
	var n int
	if err := db.SQL().QueryRow(`SELECT count(*) FROM schema_migrations`).Scan(&n); err != nil {
		t.Fatalf("count schema_migrations: %v", err)
	}
	return n
}

func TestOpenTwice(t *testing.T) {
	for dialect, fresh := range dialects(t) {
		t.Run(dialect, func(t *testing.T) {
			ctx := context.Background()
			url, dir := fresh(t)
			db := open(t, url, dir)
			if got := db.Dialect(); got != dialect {
				t.Errorf("Dialect() = %q; want %q", got, dialect)
			}
			org := &mira.Org{Name: "acme"}
			if err := db.CreateOrg(ctx, org); err != nil {
				t.Fatalf("CreateOrg: %v", err)
			}
			want := migrationCount(t, db)
			if want != store.SchemaVersion() {
				t.Errorf("schema_migrations has %d rows; want %d", want, store.SchemaVersion())
			}
			db.Close()

			db = open(t, url, dir)
			defer db.Close()
			if got := migrationCount(t, db); got != want {
				t.Errorf("after a second Open, schema_migrations has %d rows; want %d", got, want)
			}
			if _, err := db.OrgByID(ctx, org.ID); err != nil {
				t.Errorf("OrgByID after reopening: %v", err)
			}
		})
	}
}

func TestOpenNewerSchema(t *testing.T) {
	for dialect, fresh := range dialects(t) {
		t.Run(dialect, func(t *testing.T) {
			url, dir := fresh(t)
			db := open(t, url, dir)
			newer := store.SchemaVersion() + 1
			_, err := db.SQL().Exec(db.Rebind(`INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)`),
				newer, "9999_from_the_future.sql", 0)
			if err != nil {
				t.Fatalf("insert future migration: %v", err)
			}
			db.Close()

			db, err = store.Open(context.Background(), url, dir)
			if err == nil {
				db.Close()
				t.Fatalf("Open(newer schema) = nil error; want a refusal")
			}
			if !strings.Contains(err.Error(), "newer than this mira binary supports") {
				t.Errorf("Open(newer schema) = %v; want it to say the schema is newer", err)
			}
		})
	}
}

// TestOpenConcurrently opens one fresh database from several pools at once,
// as several `mira serve` processes on one data directory do. In SQLite the
// first open turns the file to WAL, which takes an exclusive lock that the
// busy timeout does not wait for: without the open lock, one of the pools
// failed at times with SQLITE_BUSY. Several rounds, because it was a race.
func TestOpenConcurrently(t *testing.T) {
	for dialect, fresh := range dialects(t) {
		t.Run(dialect, func(t *testing.T) {
			rounds := 1
			if dialect == "sqlite" {
				rounds = 20
			}
			for range rounds {
				openConcurrently(t, fresh)
			}
		})
	}
}

func openConcurrently(t *testing.T, fresh func(t *testing.T) (string, string)) {
	t.Helper()
	url, dir := fresh(t)
	const n = 4
	dbs := make([]*store.DB, n)
	errs := make([]error, n)
	var wg sync.WaitGroup
	for i := range n {
		wg.Go(func() { dbs[i], errs[i] = store.Open(context.Background(), url, dir) })
	}
	wg.Wait()
	for i := range n {
		if errs[i] != nil {
			t.Errorf("Open #%d: %v", i, errs[i])
			continue
		}
		defer dbs[i].Close()
	}
	if dbs[0] != nil {
		if got := migrationCount(t, dbs[0]); got != store.SchemaVersion() {
			t.Errorf("schema_migrations has %d rows; want %d", got, store.SchemaVersion())
		}
	}
}

func TestOpenSQLiteFile(t *testing.T) {
	ctx := context.Background()
	dir := filepath.Join(t.TempDir(), "nested", "data ?#%dir")
	db := open(t, "", dir)
	defer db.Close()
	// Write something, so that the WAL exists.
	if err := db.CreateOrg(ctx, &mira.Org{Name: "acme"}); err != nil {
		t.Fatalf("CreateOrg: %v", err)
	}

	fi, err := os.Stat(dir)
	if err != nil {
		t.Fatal(err)
	}
	if perm := fi.Mode().Perm(); perm != 0o700 {
		t.Errorf("data directory mode = %o; want 700", perm)
	}
	for _, name := range []string{store.SQLiteFile, store.SQLiteFile + "-wal"} {
		fi, err := os.Stat(filepath.Join(dir, name))
		if err != nil {
			t.Errorf("stat %s: %v", name, err)
			continue
		}
		if perm := fi.Mode().Perm(); perm != 0o600 {
			t.Errorf("%s mode = %o; want 600", name, perm)
		}
	}

	for pragma, want := range map[string]string{
		"journal_mode": "wal",
		"foreign_keys": "1",
		"synchronous":  "2", // FULL
		"busy_timeout": "5000",
		"temp_store":   "2", // MEMORY: statement journals never reach a file
	} {
		var got string
		if err := db.SQL().QueryRowContext(ctx, "PRAGMA "+pragma).Scan(&got); err != nil {
			t.Errorf("PRAGMA %s: %v", pragma, err)
			continue
		}
		if got != want {
			t.Errorf("PRAGMA %s = %q; want %q", pragma, got, want)
		}
	}
}

func TestOpenTightensLoosePermissions(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, store.SQLiteFile)
	if err := os.WriteFile(path, nil, 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.Chmod(path, 0o644); err != nil { // regardless of umask
		t.Fatal(err)
	}
	db := open(t, "", dir)
	defer db.Close()
	fi, err := os.Stat(path)
	if err != nil {
		t.Fatal(err)
	}
	if perm := fi.Mode().Perm(); perm != 0o600 {
		t.Errorf("mode after Open = %o; want 600", perm)
	}
}

func TestOpenRejects(t *testing.T) {
	tests := []struct {
		name, url, dir, want string
	}{
		{"mysql", "mysql://root:hunter2@db:3306/mira", "", "use postgres:// or postgresql://"},
		{"sqlite URL", "sqlite:///var/lib/mira.db", "", "use postgres:// or postgresql://"},
		{"file", "file:mira.db?x=hunter2", "", "use postgres:// or postgresql://"},
		{"no scheme", "hunter2@localhost/mira", "", "use postgres:// or postgresql://"},
		{"postgres without slashes", "postgres:hunter2@db/mira", "", "use postgres:// or postgresql://"},
		{"no data directory", "", "", "no data directory"},
		{"bad postgres port", "postgres://mira:hunter2@db:notaport/mira", "", "invalid PostgreSQL URL"},
		{"bad postgres option", "postgresql://mira:hunter2@db/mira?sslmode=hunter2", "", "invalid PostgreSQL URL"},
		{"postgres password in query", "postgres://db/mira?password=hunter2&port=x", "", "invalid PostgreSQL URL"},
		{"unreachable postgres", "postgres://mira:hunter2@127.0.0.1:1/mira?connect_timeout=2", "", "connect to postgres"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			db, err := store.Open(context.Background(), tc.url, tc.dir)
			if err == nil {
				db.Close()
				t.Fatalf("Open(%q, %q) = nil error; want one", tc.url, tc.dir)
			}
			if !strings.Contains(err.Error(), tc.want) {
				t.Errorf("Open(%q, %q) = %v; want it to contain %q", tc.url, tc.dir, err, tc.want)
			}
			if strings.Contains(err.Error(), "hunter2") {
				t.Errorf("Open(%q, %q) = %v; the error leaks the password", tc.url, tc.dir, err)
			}
		})
	}
}

func TestUpperCaseScheme(t *testing.T) {
	u := os.Getenv(storetest.PostgresEnv)
	if u == "" {
		t.Skipf("%s not set", storetest.PostgresEnv)
	}
	u = storetest.PostgresURL(t)
	u = "PostgreSQL" + u[strings.Index(u, "://"):]
	db := open(t, u, "")
	db.Close()
}

// TestSQLiteCacheBounded: every pooled SQLite connection caches at most
// 2 MiB of pages (negative cache_size: KiB).
func TestSQLiteCacheBounded(t *testing.T) {
	db := open(t, "", t.TempDir())
	defer db.Close()
	ctx := context.Background()
	var conns []*sql.Conn
	for range 3 { // three connections at once: none is the first one only
		c, err := db.SQL().Conn(ctx)
		if err != nil {
			t.Fatal(err)
		}
		conns = append(conns, c)
		var kib int
		if err := c.QueryRowContext(ctx, `PRAGMA cache_size`).Scan(&kib); err != nil {
			t.Fatal(err)
		}
		if kib != -2048 {
			t.Errorf("connection %d: cache_size %d; want -2048", len(conns), kib)
		}
	}
	for _, c := range conns {
		c.Close()
	}
}
