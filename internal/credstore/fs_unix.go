//go:build unix

package credstore

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"syscall"
)

// checkPrivate refuses a credentials file that other users can read or
// write, or that belongs to someone else: its tokens may already be known
// to others, and using them would hide that.
func checkPrivate(path string, fi fs.FileInfo) error {
	if !fi.Mode().IsRegular() {
		return fmt.Errorf("credentials file %s is not a regular file", path)
	}
	if st, ok := fi.Sys().(*syscall.Stat_t); ok && int(st.Uid) != os.Geteuid() {
		return fmt.Errorf("credentials file %s belongs to another user (uid %d); remove it and run `mira auth login`", path, st.Uid)
	}
	if perm := fi.Mode().Perm(); perm&0o077 != 0 {
		return fmt.Errorf("credentials file %s is accessible by other users (mode %04o), so its tokens may be known to them: run `chmod 600 %s` (and `mira auth logout` then `mira auth login` if others could have read it)", path, perm, path)
	}
	return nil
}

// tightenDir makes the credentials directory 0700 when it is ours and looser
// (created by hand or by another tool), and refuses one owned by another
// user.
func tightenDir(dir string, fi fs.FileInfo) error {
	if st, ok := fi.Sys().(*syscall.Stat_t); ok && int(st.Uid) != os.Geteuid() {
		return fmt.Errorf("credentials directory %s belongs to another user (uid %d)", dir, st.Uid)
	}
	if fi.Mode().Perm() != 0o700 {
		if err := os.Chmod(dir, 0o700); err != nil {
			return fmt.Errorf("credentials directory %s has mode %04o and could not be made 0700: %w", dir, fi.Mode().Perm(), err)
		}
	}
	return nil
}

// syncDir makes a rename or removal in dir durable.
func syncDir(dir string) error {
	d, err := os.Open(dir)
	if err != nil {
		return fmt.Errorf("syncing %s: %w", dir, err)
	}
	defer d.Close()
	if err := d.Sync(); err != nil && !errors.Is(err, syscall.EINVAL) {
		return fmt.Errorf("syncing %s: %w", dir, err)
	}
	return nil
}
