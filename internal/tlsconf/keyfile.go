package tlsconf

import (
	"fmt"
	"os"
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
