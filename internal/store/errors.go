package store

import (
	"errors"
	"fmt"
	"strconv"

	"github.com/jackc/pgx/v5/pgconn"
	"github.com/vmira/mira/internal/mira"
	"modernc.org/sqlite"
	sqlite3 "modernc.org/sqlite/lib"
)

// ErrConflict is wrapped by the error a write returns when it would break a
// uniqueness rule (a second user with the same e-mail, an org name taken).
// That error is also a *mira.Error with code mira.EInvalidRequest and a
// message for the client, so errors.Is(err, ErrConflict) and
// mira.ErrorCode(err) both work.
var ErrConflict = errors.New("store: unique constraint violated")

// IsUniqueViolation reports whether err is a driver error for a unique or
// primary-key constraint, on either SQLite or PostgreSQL.
func IsUniqueViolation(err error) bool {
	var se *sqlite.Error
	if errors.As(err, &se) {
		return se.Code() == sqlite3.SQLITE_CONSTRAINT_UNIQUE || se.Code() == sqlite3.SQLITE_CONSTRAINT_PRIMARYKEY
	}
	var pe *pgconn.PgError
	if errors.As(err, &pe) {
		return pe.Code == "23505" // unique_violation
	}
	return false
}

// isForeignKeyViolation reports whether err is a driver error for a foreign
// key constraint: a row that refers to an org, user or key that does not exist.
func isForeignKeyViolation(err error) bool {
	var se *sqlite.Error
	if errors.As(err, &se) {
		return se.Code() == sqlite3.SQLITE_CONSTRAINT_FOREIGNKEY
	}
	var pe *pgconn.PgError
	if errors.As(err, &pe) {
		return pe.Code == "23503" // foreign_key_violation
	}
	return false
}

// writeError turns a driver error from an insert into what callers get: a
// client-safe *mira.Error for conflicts and dangling references (keeping the
// driver error as the logged cause), or the error wrapped with op.
func writeError(op string, err error, conflict, missingRef string) error {
	switch {
	case IsUniqueViolation(err):
		return &mira.Error{Code: mira.EInvalidRequest, Message: conflict, Err: fmt.Errorf("%w: %w", ErrConflict, err)}
	case isForeignKeyViolation(err):
		return &mira.Error{Code: mira.EInvalidRequest, Message: missingRef, Err: err}
	}
	return fmt.Errorf("store: %s: %w", op, err)
}

// notFound wraps mira.ErrNotFound with what was looked up.
func notFound(what string) error {
	return fmt.Errorf("store: %s: %w", what, mira.ErrNotFound)
}

// quoteID quotes an id for an error message, cut short: ids come from
// requests, and error messages end up in logs.
func quoteID(id string) string {
	if len(id) > 64 {
		id = id[:64] + "..."
	}
	return strconv.Quote(id)
}
