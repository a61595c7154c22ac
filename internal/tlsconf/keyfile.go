package tlsconf

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"runtime"
)

// CheckKeyFile returns an error unless the private key file at path is
// accessible to its owner only (no group or world permission bits). Symlinks
// are followed, as Kubernetes mounts secrets through them, and the target's
// mode is checked. On Windows, where Go reports no meaningful permission
// bits, only the file's existence is checked.
func CheckKeyFile(path string) error {
	fi, err := os.Stat(path)
	if err != nil {
		return fmt.Errorf("TLS private key: %w", err)
	}
	if !fi.Mode().IsRegular() {
		return fmt.Errorf("TLS private key %s is not a regular file", path)
	}
	if runtime.GOOS == "windows" {
		return nil
	}
	if perm := fi.Mode().Perm(); perm&0o077 != 0 {
		return fmt.Errorf("TLS private key %s is accessible to group or others (mode %04o); "+
			"restrict it with `chmod 600 %s` (in Kubernetes, mount the secret with defaultMode: 0400)",
			path, perm, path)
	}
	return nil
}

// writeFileAtomic writes data to path so that a crash leaves either the old
// file or the complete new one, never a partial file: a temporary file in the
// same directory is written, synced, and then renamed over path. With
// overwrite false, an existing path is never replaced (the final step is a
// hard link, which fails if the name is taken), and fs.ErrExist is returned.
func writeFileAtomic(path string, data []byte, perm fs.FileMode, overwrite bool) (err error) {
	dir := filepath.Dir(path)
	f, err := os.CreateTemp(dir, "."+filepath.Base(path)+".tmp-*")
	if err != nil {
		return fmt.Errorf("write %s: %w", path, err)
	}
	tmp := f.Name()
	// After a rename this is a no-op; after a link it drops the extra name.
	defer os.Remove(tmp)
	// Set the final mode before any secret byte is written. CreateTemp
	// already uses 0600; Chmod is not subject to the umask.
	if err := f.Chmod(perm); err != nil && runtime.GOOS != "windows" {
		f.Close()
		return fmt.Errorf("write %s: %w", path, err)
	}
	if _, err := f.Write(data); err != nil {
		f.Close()
		return fmt.Errorf("write %s: %w", path, err)
	}
	if err := f.Sync(); err != nil {
		f.Close()
		return fmt.Errorf("write %s: %w", path, err)
	}
	if err := f.Close(); err != nil {
		return fmt.Errorf("write %s: %w", path, err)
	}
	if overwrite {
		err = os.Rename(tmp, path)
	} else {
		err = os.Link(tmp, path)
		if err != nil && !errors.Is(err, fs.ErrExist) {
			// A file system without hard links: check, then rename. Not
			// atomic against a concurrent writer, but never replaces a file
			// that was there before this call.
			if _, statErr := os.Lstat(path); statErr == nil {
				err = fs.ErrExist
			} else {
				err = os.Rename(tmp, path)
			}
		}
	}
	if err != nil {
		return fmt.Errorf("write %s: %w", path, err)
	}
	syncDir(dir)
	return nil
}

// syncDir makes a rename in dir durable. It is best effort: the rename is
// already atomic, and some platforms cannot sync a directory.
func syncDir(dir string) {
	if d, err := os.Open(dir); err == nil {
		_ = d.Sync()
		d.Close()
	}
}
