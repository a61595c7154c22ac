// Package backup makes encrypted, consistent backups of Mira's state and
// restores them (SPEC.md "Backups"): one snapshot in a single read
// transaction, rows as JSON lines per table with a manifest of checksums,
// compressed, encrypted to age recipients, written to every target.
package backup

import (
	"context"
	"io"
	"time"
)

// Target is one place backups are kept: a local directory or an
// S3-compatible bucket. Put makes an object visible only once it is
// complete (a temporary name, then a rename or a completed upload), so a
// crash mid-write never leaves something that looks like a backup.
type Target interface {
	Name() string
	Put(ctx context.Context, name string, r io.Reader, size int64) error
	Get(ctx context.Context, name string) (io.ReadCloser, error)
	// List returns the complete objects, in no particular order.
	List(ctx context.Context) ([]Object, error)
	Delete(ctx context.Context, name string) error
}

// Object is a stored object.
type Object struct {
	Name     string
	Size     int64
	Modified time.Time
}
