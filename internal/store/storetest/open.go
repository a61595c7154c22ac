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

// OpenSQLite opens a fresh SQLite database in a temporary directory, closed
// when the test ends.
func OpenSQLite(t testing.TB) *store.DB {
	t.Helper()
	db, err := store.Open(context.Background(), "", t.TempDir())
	if err != nil {
		t.Fatalf("store.Open(SQLite): %v", err)
	}
	t.Cleanup(func() { db.Close() })
	return db
}

// OpenPostgres opens a fresh PostgreSQL database (see PostgresURL), closed
// when the test ends. It skips the test when PostgresEnv is not set.
func OpenPostgres(t testing.TB) *store.DB {
	t.Helper()
	u := PostgresURL(t)
	db, err := store.Open(context.Background(), u, "")
	if err != nil {
		t.Fatalf("store.Open(PostgreSQL): %v", err)
	}
	t.Cleanup(func() { db.Close() })
	return db
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
