// Package store is Mira's one SQL layer over database/sql, for SQLite (the
// default, in the data directory) and PostgreSQL (MIRA_DATABASE_URL).
//
// Queries are written once, with ? placeholders, and rebound to $N for
// PostgreSQL. Times are stored as BIGINT unix microseconds (NULL for the zero
// time.Time) and booleans as 0/1 or BOOLEAN, so both dialects share every
// query; dialect-specific SQL lives only in the embedded migrations.
package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"io/fs"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/stdlib" // also registers the "pgx" driver, used by storetest
	"github.com/vmira/mira/internal/filelock"
	_ "modernc.org/sqlite" // registers the "sqlite" driver (pure Go)
)

// Dialects, as returned by DB.Dialect.
const (
	DialectSQLite   = "sqlite"
	DialectPostgres = "postgres"
)

// SQLiteFile is the name of the SQLite database inside the data directory.
const SQLiteFile = "mira.db"

// sqliteBusyTimeout is how long a SQLite writer waits for another writer
// (in this or another process) before failing with SQLITE_BUSY.
const sqliteBusyTimeout = 5 * time.Second

// DB is Mira's database. It is safe for concurrent use.
type DB struct {
	db      *sql.DB
	dialect string

	// rebound caches the $N form of each query string (PostgreSQL only).
	rebound sync.Map // string -> string

	keyByDigest  *sql.Stmt
	revokedSince *sql.Stmt
}

// Open opens the database and applies any pending migrations.
//
// An empty databaseURL selects SQLite in dataDir/mira.db (the file is created
// 0600, dataDir 0700 if missing); a postgres:// or postgresql:// URL selects
// PostgreSQL. Anything else is an error.
func Open(ctx context.Context, databaseURL, dataDir string) (*DB, error) {
	var (
		sqldb   *sql.DB
		dialect string
		err     error
	)
	switch {
	case databaseURL == "":
		dialect = DialectSQLite
		var unlock func()
		sqldb, unlock, err = openSQLite(ctx, dataDir)
		if err == nil {
			// Held until the schema is ready: see openSQLite.
			defer unlock()
		}
	case hasScheme(databaseURL, "postgres") || hasScheme(databaseURL, "postgresql"):
		dialect = DialectPostgres
		sqldb, err = openPostgres(databaseURL)
	default:
		// Never echo the URL: it may carry a password.
		return nil, fmt.Errorf("store: unsupported database URL scheme %q: use postgres:// or postgresql:// for PostgreSQL, or no database URL for SQLite in the data directory", scheme(databaseURL))
	}
	if err != nil {
		return nil, err
	}
	db := &DB{db: sqldb, dialect: dialect}
	if err := db.init(ctx); err != nil {
		sqldb.Close()
		return nil, err
	}
	return db, nil
}

func (db *DB) init(ctx context.Context) error {
	if err := db.db.PingContext(ctx); err != nil {
		return fmt.Errorf("store: connect to %s: %w", db.dialect, err)
	}
	if err := db.migrate(ctx); err != nil {
		return err
	}
	var err error
	if db.keyByDigest, err = db.db.PrepareContext(ctx, db.Rebind(qKeyByDigest)); err != nil {
		return fmt.Errorf("store: prepare key lookup: %w", err)
	}
	if db.revokedSince, err = db.db.PrepareContext(ctx, db.Rebind(qRevokedSince)); err != nil {
		return fmt.Errorf("store: prepare revocation poll: %w", err)
	}
	return nil
}

func hasScheme(u, s string) bool {
	return len(u) > len(s)+3 && strings.EqualFold(u[:len(s)+3], s+"://")
}

// scheme returns the scheme of a URL for error messages, and nothing else of it.
func scheme(u string) string {
	if i := strings.Index(u, "://"); i > 0 && i <= 32 {
		return u[:i]
	}
	if i := strings.IndexByte(u, ':'); i > 0 && i <= 32 {
		return u[:i]
	}
	return ""
}

// openSQLite opens dataDir/mira.db and returns it with the open lock held;
// the caller calls unlock once the schema is ready.
//
// The open lock (a file lock beside the database) lets one process at a
// time open the database and migrate it. The first connection to a new file
// turns it to WAL, which needs an exclusive lock that SQLite does not wait
// for (the busy timeout does not apply), so two `mira serve` started at once
// on a fresh data directory failed at times with SQLITE_BUSY.
func openSQLite(ctx context.Context, dataDir string) (_ *sql.DB, unlock func(), err error) {
	if dataDir == "" {
		return nil, nil, errors.New("store: no data directory for the SQLite database")
	}
	dir, err := filepath.Abs(dataDir)
	if err != nil {
		return nil, nil, fmt.Errorf("store: data directory: %w", err)
	}
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return nil, nil, fmt.Errorf("store: create data directory: %w", err)
	}
	path := filepath.Join(dir, SQLiteFile)
	lock, err := filelock.Lock(ctx, path+".lock")
	if err != nil {
		return nil, nil, fmt.Errorf("store: lock %s.lock: %w", path, err)
	}
	defer func() {
		if err != nil {
			filelock.Unlock(lock)
		}
	}()
	if err := ensurePrivateFile(path); err != nil {
		return nil, nil, err
	}
	// SQLite creates -wal and -shm with the main file's permissions; tighten
	// any left behind by an older, looser install.
	for _, p := range []string{path + "-wal", path + "-shm"} {
		if err := tightenIfExists(p); err != nil {
			return nil, nil, err
		}
	}

	// A file: URI with an escaped path, so '?', '#' or '%' in the data
	// directory cannot be read as URI syntax.
	//
	// synchronous=FULL: in WAL mode NORMAL can lose the last commits on power
	// loss, and a revocation that silently comes undone is not acceptable.
	// Commits that matter are few (key changes); last-used times are batched.
	//
	// _txlock=immediate: every read-write transaction takes the write lock at
	// BEGIN, where busy_timeout applies. A deferred transaction that reads
	// and then writes gets SQLITE_BUSY at once when another writer got in
	// first, whatever the timeout.
	u := url.URL{Scheme: "file", Path: filepath.ToSlash(path)}
	q := url.Values{}
	q.Set("_busy_timeout", fmt.Sprint(sqliteBusyTimeout.Milliseconds()))
	q.Set("_journal_mode", "WAL")
	q.Set("_synchronous", "FULL")
	q.Set("_foreign_keys", "on")
	q.Set("_txlock", "immediate")
	// cache_size: each connection caches at most 2 MiB of pages (SQLite's
	// default, made explicit): with the pool below, 16 MiB at most.
	q.Set("_pragma", "cache_size(-2048)")
	// temp_store=memory: a statement that writes several rows keeps the
	// pages it changes in a statement journal, which SQLite spills to a
	// temporary file past 64 KiB: a write system call per page of every
	// request-log batch, and copies of log rows in a file nobody purges.
	// Held in memory it is a few pages per statement.
	q.Add("_pragma", "temp_store(memory)")
	dsn := u.String() + "?" + q.Encode()

	sqldb, err := sql.Open("sqlite", dsn)
	if err != nil {
		return nil, nil, fmt.Errorf("store: open SQLite database %s: %w", path, err)
	}
	// Writers queue on SQLite's lock anyway; a small pool keeps memory
	// bounded (each connection has its own page cache and its own copy of
	// every prepared statement it ran) while WAL readers proceed in
	// parallel.
	sqldb.SetMaxOpenConns(8)
	sqldb.SetMaxIdleConns(8)
	return sqldb, func() { filelock.Unlock(lock) }, nil
}

// ensurePrivateFile creates path 0600 if it does not exist, and removes any
// group or world permission from an existing one.
func ensurePrivateFile(path string) error {
	f, err := os.OpenFile(path, os.O_RDWR|os.O_CREATE, 0o600)
	if err != nil {
		return fmt.Errorf("store: create SQLite database: %w", err)
	}
	defer f.Close()
	fi, err := f.Stat()
	if err != nil {
		return fmt.Errorf("store: stat SQLite database: %w", err)
	}
	if !fi.Mode().IsRegular() {
		return fmt.Errorf("store: SQLite database %s is not a regular file", path)
	}
	if fi.Mode().Perm()&0o077 != 0 {
		if err := f.Chmod(fi.Mode().Perm() & 0o700); err != nil {
			return fmt.Errorf("store: restrict permissions of SQLite database: %w", err)
		}
	}
	return nil
}

func tightenIfExists(path string) error {
	fi, err := os.Lstat(path)
	if errors.Is(err, fs.ErrNotExist) {
		return nil
	}
	if err != nil {
		return fmt.Errorf("store: stat %s: %w", path, err)
	}
	if fi.Mode().IsRegular() && fi.Mode().Perm()&0o077 != 0 {
		if err := os.Chmod(path, fi.Mode().Perm()&0o700); err != nil {
			return fmt.Errorf("store: restrict permissions of %s: %w", path, err)
		}
	}
	return nil
}

func openPostgres(databaseURL string) (*sql.DB, error) {
	// Schemes are case-insensitive (RFC 3986); pgx only knows lower case.
	i := strings.Index(databaseURL, "://")
	databaseURL = strings.ToLower(databaseURL[:i]) + databaseURL[i:]
	cfg, err := pgx.ParseConfig(databaseURL)
	if err != nil {
		// pgx's parse errors quote the URL, masking the password only on a
		// best-effort basis (not in ?password=...): say nothing of it.
		return nil, errors.New("store: invalid PostgreSQL URL: want postgres://user:password@host:port/database?sslmode=verify-full")
	}
	sqldb := stdlib.OpenDB(*cfg)
	sqldb.SetMaxOpenConns(16)
	sqldb.SetMaxIdleConns(16)
	sqldb.SetConnMaxIdleTime(5 * time.Minute)
	return sqldb, nil
}

// Close closes the database.
func (db *DB) Close() error {
	for _, st := range []*sql.Stmt{db.keyByDigest, db.revokedSince} {
		if st != nil {
			st.Close()
		}
	}
	return db.db.Close()
}

// Dialect returns DialectSQLite or DialectPostgres.
func (db *DB) Dialect() string { return db.dialect }

// SQL returns the underlying pool, for packages that keep their own tables.
// Their queries should go through Rebind, store times with TimeArg/TimeFrom,
// and their tables must come from migrations in this package.
func (db *DB) SQL() *sql.DB { return db.db }

// Rebind returns query with its ? placeholders in the database's dialect:
// unchanged for SQLite, $1, $2, ... for PostgreSQL. The result is cached per
// query string, so pass constant queries, not ones built from values.
// Question marks inside quoted strings, quoted identifiers and comments are
// left alone.
func (db *DB) Rebind(query string) string {
	if db.dialect != DialectPostgres {
		return query
	}
	if v, ok := db.rebound.Load(query); ok {
		return v.(string)
	}
	r := rebindDollar(query)
	db.rebound.Store(query, r)
	return r
}

// rebindDollar replaces each ? placeholder with $1, $2, ... in order.
func rebindDollar(query string) string {
	if !strings.Contains(query, "?") {
		return query
	}
	var b strings.Builder
	b.Grow(len(query) + 8)
	n := 0
	for i := 0; i < len(query); i++ {
		c := query[i]
		switch {
		case c == '\'' || c == '"':
			// Quoted string or identifier; a doubled quote is an escaped
			// quote and simply reopens the quoting.
			j := strings.IndexByte(query[i+1:], c)
			if j < 0 {
				b.WriteString(query[i:])
				return b.String()
			}
			b.WriteString(query[i : i+j+2])
			i += j + 1
		case c == '-' && i+1 < len(query) && query[i+1] == '-':
			j := strings.IndexByte(query[i:], '\n')
			if j < 0 {
				b.WriteString(query[i:])
				return b.String()
			}
			b.WriteString(query[i : i+j+1])
			i += j
		case c == '/' && i+1 < len(query) && query[i+1] == '*':
			j := strings.Index(query[i+2:], "*/")
			if j < 0 {
				b.WriteString(query[i:])
				return b.String()
			}
			b.WriteString(query[i : i+j+4])
			i += j + 3
		case c == '?':
			n++
			fmt.Fprintf(&b, "$%d", n)
		default:
			b.WriteByte(c)
		}
	}
	return b.String()
}

// TimeArg is the stored form of t: unix microseconds, or NULL (nil) for the
// zero time.
func TimeArg(t time.Time) any {
	if t.IsZero() {
		return nil
	}
	return t.UnixMicro()
}

// TimeFrom is the inverse of TimeArg: a NULL column is the zero time; others
// are returned in UTC.
func TimeFrom(n sql.NullInt64) time.Time {
	if !n.Valid {
		return time.Time{}
	}
	return time.UnixMicro(n.Int64).UTC()
}

// querier is a *sql.DB or a *sql.Tx.
type querier interface {
	ExecContext(ctx context.Context, query string, args ...any) (sql.Result, error)
	QueryContext(ctx context.Context, query string, args ...any) (*sql.Rows, error)
	QueryRowContext(ctx context.Context, query string, args ...any) *sql.Row
}

// Tx is a transaction of changes that must commit together or not at all,
// such as a key change and the audit entry that records it.
type Tx struct {
	db *DB
	tx *sql.Tx
}

// SQL returns the transaction, for packages that keep their own tables
// (the audit log appends inside it).
func (t *Tx) SQL() *sql.Tx { return t.tx }

// Dialect returns DialectSQLite or DialectPostgres.
func (t *Tx) Dialect() string { return t.db.dialect }

// InTx runs fn in a transaction, committing when fn returns nil and rolling
// back when it returns an error (which InTx returns unchanged). On SQLite it
// is a BEGIN IMMEDIATE transaction, holding the write lock from the start
// (see openSQLite); on PostgreSQL it is READ COMMITTED, and rows are locked
// as they are written. Keep fn short: it holds those locks.
func (db *DB) InTx(ctx context.Context, fn func(tx *Tx) error) error {
	return db.inTx(ctx, func(tx *sql.Tx) error { return fn(&Tx{db: db, tx: tx}) })
}

// inTx runs fn in a transaction, committing when fn returns nil. On SQLite it
// is a BEGIN IMMEDIATE transaction (see openSQLite).
func (db *DB) inTx(ctx context.Context, fn func(tx *sql.Tx) error) error {
	tx, err := db.db.BeginTx(ctx, nil)
	if err != nil {
		return fmt.Errorf("begin transaction: %w", err)
	}
	if err := fn(tx); err != nil {
		tx.Rollback()
		return err
	}
	if err := tx.Commit(); err != nil {
		return fmt.Errorf("commit: %w", err)
	}
	return nil
}
