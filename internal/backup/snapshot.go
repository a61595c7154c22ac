package backup

import (
	"context"
	"crypto/sha256"
	"database/sql"
	"encoding/base64"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"time"

	"github.com/vmira/mira/internal/store"
)

// FormatVersion is the version of the archive layout written by this binary.
const FormatVersion = 1

// Tables are the tables in a backup, in dependency order (a row's foreign
// keys point to tables earlier in the list), which is the order of restore.
var Tables = []string{
	"orgs",
	"users",
	"api_keys",
	"key_exposures",
	"user_totp",
	"oauth_signing_keys",
	"oauth_grants",
	"oauth_refresh_tokens",
	"usage_daily",
	"audit_log",
	"audit_head",
	"alerts",
	"alerts_audit_cursor",
}

// Excluded are the tables left out of backups, and why. Every table of the
// schema is in Tables or here: a snapshot of a database with a table in
// neither fails, so a new migration forces the decision.
var Excluded = map[string]string{
	"request_logs":        "request logs (and their encrypted bodies) are kept at most 30 days; a backup must not outlive that",
	"browser_sessions":    "sign-in sessions are transient; restoring them would revive cookies that may since have been signed out or stolen",
	"auth_throttle":       "failure counters in short windows; stale after a restore",
	"oauth_device_codes":  "device authorisations live minutes; a restored pending code could be approved long after it was shown",
	"invitations":         "single-use links valid for days; a restore could revive one that was since used or cancelled: invite again",
	"alert_outbox":        "a delivery queue: restoring it would re-send old notifications; the alerts themselves are kept",
	"schema_migrations":   "the restore creates the schema with the binary's own migrations; the manifest records the version",
	"server_secret_check": "a MAC of the server secret, which the archive holds: the first start after a restore records it again",
	"acme_storage":        "ACME certificates and accounts: obtained again from the CA on the first start after a restore",
	"acme_locks":          "leases held by running instances; stale after a restore",
}

// singletons are tables whose migrations insert their one row; a restore
// replaces it.
var singletons = []string{"audit_head", "alerts_audit_cursor"}

// SecretFile is the archive member holding the server secret (hex), without
// which key digests and the audit chain cannot be verified.
const SecretFile = "secret.key"

// ManifestFile is the first member of every archive.
const ManifestFile = "manifest.json"

// Manifest describes an archive.
type Manifest struct {
	Format        int       `json:"format"`
	SchemaVersion int       `json:"schema_version"`
	CreatedAt     time.Time `json:"created_at"`
	MiraVersion   string    `json:"mira_version"`
	SourceDialect string    `json:"source_dialect"`
	Files         []File    `json:"files"`
}

// File is one member of an archive after the manifest.
type File struct {
	Name    string   `json:"name"`
	Table   string   `json:"table,omitempty"`
	Columns []Column `json:"columns,omitempty"`
	Rows    int64    `json:"rows"`
	Size    int64    `json:"size"`
	SHA256  string   `json:"sha256"`
}

// Column is a column of a table file. Kind is integer, text, bytes (base64
// in the file) or boolean; a value of any kind may be null.
type Column struct {
	Name string `json:"name"`
	Kind string `json:"kind"`
}

// tableFile is the archive member of a table.
func tableFile(table string) string { return "tables/" + table + ".jsonl" }

// snapshot writes every table in Tables as JSON lines to files in dir, in
// one read transaction, and returns their manifest entries.
func snapshot(ctx context.Context, db *store.DB, dir string) (files []File, schema int, err error) {
	opts := &sql.TxOptions{ReadOnly: true}
	if db.Dialect() == store.DialectPostgres {
		opts.Isolation = sql.LevelRepeatableRead
	}
	tx, err := db.SQL().BeginTx(ctx, opts)
	if err != nil {
		return nil, 0, fmt.Errorf("backup: begin snapshot: %w", err)
	}
	defer tx.Rollback()
	if db.Dialect() == store.DialectSQLite {
		// A deferred SQLite transaction takes its snapshot at the first read.
		if _, err := tx.ExecContext(ctx, `SELECT 1 FROM sqlite_master LIMIT 1`); err != nil {
			return nil, 0, fmt.Errorf("backup: begin snapshot: %w", err)
		}
	}
	if err := tx.QueryRowContext(ctx, `SELECT COALESCE(MAX(version), 0) FROM schema_migrations`).Scan(&schema); err != nil {
		return nil, 0, fmt.Errorf("backup: schema version: %w", err)
	}
	names, err := tableNames(ctx, tx, db.Dialect())
	if err != nil {
		return nil, 0, err
	}
	for _, n := range names {
		if _, ok := Excluded[n]; !ok && !slices.Contains(Tables, n) {
			return nil, 0, fmt.Errorf("backup: table %s is neither backed up nor excluded: this binary does not know the schema (version %d)", n, schema)
		}
	}
	for _, t := range Tables {
		if !slices.Contains(names, t) {
			return nil, 0, fmt.Errorf("backup: table %s is missing from the database", t)
		}
		f, err := dumpTable(ctx, tx, t, dir)
		if err != nil {
			return nil, 0, err
		}
		files = append(files, f)
	}
	return files, schema, tx.Commit()
}

func tableNames(ctx context.Context, tx *sql.Tx, dialect string) ([]string, error) {
	q := `SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'`
	if dialect == store.DialectPostgres {
		q = `SELECT table_name FROM information_schema.tables WHERE table_schema = current_schema() AND table_type = 'BASE TABLE'`
	}
	rows, err := tx.QueryContext(ctx, q)
	if err != nil {
		return nil, fmt.Errorf("backup: list tables: %w", err)
	}
	defer rows.Close()
	var out []string
	for rows.Next() {
		var n string
		if err := rows.Scan(&n); err != nil {
			return nil, fmt.Errorf("backup: list tables: %w", err)
		}
		out = append(out, n)
	}
	return out, rows.Err()
}

// kindOf maps a column's database type to a dialect-neutral kind.
func kindOf(dbType string) (string, error) {
	t := strings.ToUpper(dbType)
	switch {
	case strings.Contains(t, "BOOL"):
		return "boolean", nil
	case strings.Contains(t, "INT"):
		return "integer", nil
	case t == "BLOB" || t == "BYTEA":
		return "bytes", nil
	case t == "TEXT" || strings.Contains(t, "CHAR"):
		return "text", nil
	}
	return "", fmt.Errorf("unsupported column type %q", dbType)
}

func dumpTable(ctx context.Context, tx *sql.Tx, table, dir string) (File, error) {
	file := File{Name: tableFile(table), Table: table}
	fail := func(err error) (File, error) { return File{}, fmt.Errorf("backup: table %s: %w", table, err) }
	rows, err := tx.QueryContext(ctx, `SELECT * FROM `+table)
	if err != nil {
		return fail(err)
	}
	defer rows.Close()
	cts, err := rows.ColumnTypes()
	if err != nil {
		return fail(err)
	}
	for _, ct := range cts {
		k, err := kindOf(ct.DatabaseTypeName())
		if err != nil {
			return fail(fmt.Errorf("column %s: %w", ct.Name(), err))
		}
		file.Columns = append(file.Columns, Column{Name: ct.Name(), Kind: k})
	}
	f, err := os.OpenFile(filepath.Join(dir, table), os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o600)
	if err != nil {
		return fail(err)
	}
	defer f.Close()
	h := sha256.New()
	cw := &countWriter{w: io.MultiWriter(f, h)}
	enc := json.NewEncoder(cw)
	vals := make([]any, len(cts))
	ptrs := make([]any, len(cts))
	for i := range vals {
		ptrs[i] = &vals[i]
	}
	out := make([]any, len(cts))
	for rows.Next() {
		if err := rows.Scan(ptrs...); err != nil {
			return fail(err)
		}
		for i, v := range vals {
			if out[i], err = normalise(v, file.Columns[i].Kind); err != nil {
				return fail(fmt.Errorf("column %s: %w", file.Columns[i].Name, err))
			}
		}
		if err := enc.Encode(out); err != nil {
			return fail(err)
		}
		file.Rows++
	}
	if err := rows.Err(); err != nil {
		return fail(err)
	}
	if err := f.Close(); err != nil {
		return fail(err)
	}
	file.Size = cw.n
	file.SHA256 = hex.EncodeToString(h.Sum(nil))
	return file, nil
}

// normalise turns a scanned value into its JSON form for kind.
func normalise(v any, kind string) (any, error) {
	if v == nil {
		return nil, nil
	}
	switch kind {
	case "bytes":
		switch b := v.(type) {
		case []byte:
			return base64.StdEncoding.EncodeToString(b), nil
		case string:
			return base64.StdEncoding.EncodeToString([]byte(b)), nil
		}
	case "text":
		switch s := v.(type) {
		case string:
			return s, nil
		case []byte:
			return string(s), nil
		}
	case "integer":
		switch n := v.(type) {
		case int64:
			return n, nil
		case int32:
			return int64(n), nil
		case bool:
			if n {
				return int64(1), nil
			}
			return int64(0), nil
		}
	case "boolean":
		switch b := v.(type) {
		case bool:
			return b, nil
		case int64:
			return b != 0, nil
		}
	}
	return nil, fmt.Errorf("unexpected %T for a %s column", v, kind)
}

type countWriter struct {
	w io.Writer
	n int64
}

func (c *countWriter) Write(p []byte) (int, error) {
	n, err := c.w.Write(p)
	c.n += int64(n)
	return n, err
}
