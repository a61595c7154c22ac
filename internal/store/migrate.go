package store

import (
	"context"
	"database/sql"
	"embed"
	"fmt"
	"io/fs"
	"path"
	"slices"
	"strconv"
	"strings"
	"time"
)

// Migrations are NNNN_name.sql files, one directory per dialect, with the
// same versions in both. They are applied in version order, each in its own
// transaction, and recorded in schema_migrations. Never edit a released
// migration; add the next one.
//
//go:embed migrations/sqlite/*.sql migrations/postgres/*.sql
var migrationFiles embed.FS

// migration is one schema change.
type migration struct {
	Version int
	Name    string // file name
	SQL     string
}

// migrations returns the dialect's migrations in version order.
func migrations(dialect string) ([]migration, error) {
	dir := "migrations/" + dialect
	entries, err := fs.ReadDir(migrationFiles, dir)
	if err != nil {
		return nil, fmt.Errorf("read migrations: %w", err)
	}
	var out []migration
	for _, e := range entries {
		name := e.Name()
		num, _, ok := strings.Cut(name, "_")
		v, err := strconv.Atoi(num)
		if !ok || err != nil || v <= 0 || !strings.HasSuffix(name, ".sql") {
			return nil, fmt.Errorf("migration %s/%s: name must be NNNN_description.sql", dir, name)
		}
		b, err := fs.ReadFile(migrationFiles, path.Join(dir, name))
		if err != nil {
			return nil, fmt.Errorf("read migration %s: %w", name, err)
		}
		out = append(out, migration{Version: v, Name: name, SQL: string(b)})
	}
	slices.SortFunc(out, func(a, b migration) int { return a.Version - b.Version })
	for i := 1; i < len(out); i++ {
		if out[i].Version == out[i-1].Version {
			return nil, fmt.Errorf("migrations %s and %s have the same version", out[i-1].Name, out[i].Name)
		}
	}
	return out, nil
}

// SchemaVersion is the newest schema version this binary knows.
func SchemaVersion() int {
	ms, err := migrations(DialectSQLite)
	if err != nil || len(ms) == 0 {
		return 0
	}
	return ms[len(ms)-1].Version
}

const createSchemaMigrations = `CREATE TABLE IF NOT EXISTS schema_migrations (
	version    BIGINT NOT NULL PRIMARY KEY,
	name       TEXT   NOT NULL,
	applied_at BIGINT NOT NULL
)`

// migrate applies every pending migration. Concurrent migrators (several
// processes opening the same database) are serialised: on PostgreSQL by a
// transaction-scoped advisory lock per schema, on SQLite by BEGIN IMMEDIATE.
// Each migration commits on its own, and the applied set is re-read under
// the lock before each one, so none is applied twice.
func (db *DB) migrate(ctx context.Context) error {
	ms, err := migrations(db.dialect)
	if err != nil {
		return fmt.Errorf("store: %w", err)
	}
	known := 0
	if len(ms) > 0 {
		known = ms[len(ms)-1].Version
	}
	for {
		done := false
		err := db.inTx(ctx, func(tx *sql.Tx) error {
			if db.dialect == DialectPostgres {
				// 0x4D495241 is "MIRA"; the second key scopes the lock to the
				// schema, so databases in different schemas migrate in parallel.
				if _, err := tx.ExecContext(ctx, `SELECT pg_advisory_xact_lock(1296650817, hashtext(coalesce(current_schema(), '')))`); err != nil {
					return fmt.Errorf("take migration lock: %w", err)
				}
			}
			if _, err := tx.ExecContext(ctx, createSchemaMigrations); err != nil {
				return fmt.Errorf("create schema_migrations: %w", err)
			}
			applied, err := appliedVersions(ctx, tx)
			if err != nil {
				return err
			}
			if len(applied) > 0 {
				if newest := slices.Max(applied); newest > known {
					return fmt.Errorf("database schema version %d is newer than this mira binary supports (%d): upgrade mira, or restore a backup made for this version", newest, known)
				}
			}
			var next *migration
			for i := range ms {
				if !slices.Contains(applied, ms[i].Version) {
					next = &ms[i]
					break
				}
			}
			if next == nil {
				done = true
				return nil
			}
			if _, err := tx.ExecContext(ctx, next.SQL); err != nil {
				return fmt.Errorf("apply migration %s: %w", next.Name, err)
			}
			if _, err := tx.ExecContext(ctx, db.Rebind(`INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)`),
				next.Version, next.Name, time.Now().UnixMicro()); err != nil {
				return fmt.Errorf("record migration %s: %w", next.Name, err)
			}
			return nil
		})
		if err != nil {
			return fmt.Errorf("store: migrate %s database: %w", db.dialect, err)
		}
		if done {
			return nil
		}
	}
}

func appliedVersions(ctx context.Context, tx *sql.Tx) ([]int, error) {
	rows, err := tx.QueryContext(ctx, `SELECT version FROM schema_migrations`)
	if err != nil {
		return nil, fmt.Errorf("read schema_migrations: %w", err)
	}
	defer rows.Close()
	var vs []int
	for rows.Next() {
		var v int
		if err := rows.Scan(&v); err != nil {
			return nil, fmt.Errorf("read schema_migrations: %w", err)
		}
		vs = append(vs, v)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("read schema_migrations: %w", err)
	}
	return vs, nil
}
