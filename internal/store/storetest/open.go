package storetest

import (
	"context"
	"crypto/rand"
	"database/sql"
	"encoding/hex"
	"net/url"
	"os"
	"testing"

	"github.com/vmira/mira/internal/store"
)

// PostgresEnv names the variable holding the URL of a PostgreSQL database
// for tests; tests that need PostgreSQL skip without it.
const PostgresEnv = "MIRA_TEST_POSTGRES_URL"

// EachDB runs fn in one subtest per backend, each on a fresh, empty
// database closed when the subtest ends: "sqlite" always, "postgres" when
// PostgresEnv is set (skipped otherwise).
func EachDB(t *testing.T, fn func(t *testing.T, db *store.DB)) {
	t.Helper()
	EachLocation(t, func(t *testing.T, url, dir string) { fn(t, Open(t, url, dir)) })
}

// EachLocation is EachDB for tests that open the database themselves, as
// several processes would, or look at its files: fn gets the store.Open
// arguments of a fresh, empty database, a SQLite data directory (url "") in
// subtest "sqlite" and a PostgreSQL URL on a schema of its own (dir "") in
// subtest "postgres", skipped when PostgresEnv is not set.
func EachLocation(t *testing.T, fn func(t *testing.T, url, dir string)) {
	t.Helper()
	t.Run("sqlite", func(t *testing.T) { fn(t, "", t.TempDir()) })
	t.Run("postgres", func(t *testing.T) { fn(t, PostgresURL(t), "") })
}

// Open opens the database at url or in dir (see store.Open), closed when
// the test ends.
func Open(t testing.TB, url, dir string) *store.DB {
	t.Helper()
	db, err := store.Open(context.Background(), url, dir)
	if err != nil {
		t.Fatalf("store.Open: %v", err) // not the URL: it may hold a password
	}
	t.Cleanup(func() { db.Close() })
	return db
}

// OpenSQLite opens a fresh SQLite database in a temporary directory, closed
// when the test ends.
func OpenSQLite(t testing.TB) *store.DB {
	t.Helper()
	return Open(t, "", t.TempDir())
}

// OpenPostgres opens a fresh PostgreSQL database (see PostgresURL), closed
// when the test ends. It skips the test when PostgresEnv is not set.
func OpenPostgres(t testing.TB) *store.DB {
	t.Helper()
	return Open(t, PostgresURL(t), "")
}

// PostgresURL creates an empty schema mira_test_<random> in the database
// named by PostgresEnv, drops it when the test ends, and returns a URL whose
// connections use it (search_path), so that parallel tests and test runs
// never see each other's tables. It skips the test when PostgresEnv is not
// set.
func PostgresURL(t testing.TB) string {
	t.Helper()
	base := os.Getenv(PostgresEnv)
	if base == "" {
		t.Skipf("%s not set; skipping PostgreSQL test", PostgresEnv)
	}
	u, err := url.Parse(base)
	if err != nil {
		t.Fatalf("%s is not a URL", PostgresEnv)
	}
	var b [8]byte
	rand.Read(b[:])
	schema := "mira_test_" + hex.EncodeToString(b[:])

	admin, err := sql.Open("pgx", base)
	if err != nil {
		t.Fatalf("open PostgreSQL: %v", err)
	}
	t.Cleanup(func() { admin.Close() })
	ctx := context.Background()
	if _, err := admin.ExecContext(ctx, `CREATE SCHEMA `+schema); err != nil {
		t.Fatalf("create schema %s: %v", schema, err)
	}
	// Cleanups run last-registered first: the caller's Close, registered
	// later, runs before this drop, and the drop before admin.Close.
	t.Cleanup(func() {
		if _, err := admin.ExecContext(ctx, `DROP SCHEMA `+schema+` CASCADE`); err != nil {
			t.Errorf("drop schema %s: %v", schema, err)
		}
	})
	q := u.Query()
	q.Set("search_path", schema)
	u.RawQuery = q.Encode()
	return u.String()
}
