package backup

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
)

// tmpPrefix starts the name of an object being written; List never shows one.
const tmpPrefix = ".tmp-"

// Dir is a Target in a local directory (a mounted disk, a NAS share).
type Dir struct {
	name string
	path string
}

var _ Target = (*Dir)(nil)

// NewDir returns the directory target name at path, which must be absolute.
// The directory is created 0700 on first Put.
func NewDir(name, path string) (*Dir, error) {
	if !filepath.IsAbs(path) {
		return nil, fmt.Errorf("backup target %s: path %q must be absolute", name, path)
	}
	return &Dir{name: name, path: filepath.Clean(path)}, nil
}

// Name returns the target's name from the configuration.
func (d *Dir) Name() string { return d.name }

func (d *Dir) file(name string) (string, error) {
	if name == "" || name != filepath.Base(name) || strings.HasPrefix(name, ".") || strings.ContainsAny(name, `/\`) {
		return "", fmt.Errorf("backup target %s: invalid object name %q", d.name, name)
	}
	return filepath.Join(d.path, name), nil
}

// Put writes the object under a temporary name, syncs it and renames it,
// so that a crash never leaves a partial object under its final name.
func (d *Dir) Put(ctx context.Context, name string, r io.Reader, size int64) (err error) {
	final, err := d.file(name)
	if err != nil {
		return err
	}
	if err := os.MkdirAll(d.path, 0o700); err != nil {
		return fmt.Errorf("backup target %s: %w", d.name, err)
	}
	var rnd [8]byte
	rand.Read(rnd[:])
	tmp := filepath.Join(d.path, tmpPrefix+hex.EncodeToString(rnd[:]))
	f, err := os.OpenFile(tmp, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o600)
	if err != nil {
		return fmt.Errorf("backup target %s: %w", d.name, err)
	}
	defer func() {
		if err != nil {
			f.Close()
			os.Remove(tmp)
		}
	}()
	n, err := io.Copy(f, ctxReader{ctx, r})
	if err != nil {
		return fmt.Errorf("backup target %s: write %s: %w", d.name, name, err)
	}
	if size >= 0 && n != size {
		return fmt.Errorf("backup target %s: write %s: %d bytes, want %d", d.name, name, n, size)
	}
	if err = f.Sync(); err != nil {
		return fmt.Errorf("backup target %s: sync %s: %w", d.name, name, err)
	}
	if err = f.Close(); err != nil {
		return fmt.Errorf("backup target %s: %w", d.name, err)
	}
	if err = os.Rename(tmp, final); err != nil {
		return fmt.Errorf("backup target %s: %w", d.name, err)
	}
	if dir, err := os.Open(d.path); err == nil {
		dir.Sync() // best effort: makes the rename durable
		dir.Close()
	}
	return nil
}

// Get opens an object.
func (d *Dir) Get(ctx context.Context, name string) (io.ReadCloser, error) {
	p, err := d.file(name)
	if err != nil {
		return nil, err
	}
	f, err := os.Open(p)
	if err != nil {
		if errors.Is(err, fs.ErrNotExist) {
			return nil, fmt.Errorf("backup target %s: no object %s: %w", d.name, name, fs.ErrNotExist)
		}
		return nil, fmt.Errorf("backup target %s: %w", d.name, err)
	}
	return f, nil
}

// List returns the complete objects: regular files, without temporary ones.
// A directory that does not exist yet holds nothing.
func (d *Dir) List(ctx context.Context) ([]Object, error) {
	entries, err := os.ReadDir(d.path)
	if errors.Is(err, fs.ErrNotExist) {
		return nil, nil
	}
	if err != nil {
		return nil, fmt.Errorf("backup target %s: %w", d.name, err)
	}
	var out []Object
	for _, e := range entries {
		if strings.HasPrefix(e.Name(), ".") || !e.Type().IsRegular() {
			continue
		}
		fi, err := e.Info()
		if err != nil {
			continue // removed meanwhile
		}
		out = append(out, Object{Name: e.Name(), Size: fi.Size(), Modified: fi.ModTime()})
	}
	return out, nil
}

// Delete removes an object; a missing one is not an error.
func (d *Dir) Delete(ctx context.Context, name string) error {
	p, err := d.file(name)
	if err != nil {
		return err
	}
	if err := os.Remove(p); err != nil && !errors.Is(err, fs.ErrNotExist) {
		return fmt.Errorf("backup target %s: %w", d.name, err)
	}
	return nil
}

// ctxReader stops a copy when ctx is done.
type ctxReader struct {
	ctx context.Context
	r   io.Reader
}

func (c ctxReader) Read(p []byte) (int, error) {
	if err := c.ctx.Err(); err != nil {
		return 0, err
	}
	return c.r.Read(p)
}

// Path returns the directory.
func (d *Dir) Path() string { return d.path }
