//go:build unix

package tlsconf

import (
	"errors"
	"os"
	"syscall"
)

// lockDir takes an exclusive flock on a lock file in dir, waiting for it,
// so that two processes never generate the local CA or the server
// certificate at the same time. The kernel releases it if the process
// dies, so there is no stale lock to clean up.
func lockDir(path string) (unlock func(), err error) {
	f, err := os.OpenFile(path, os.O_RDWR|os.O_CREATE, keyPerm)
	if err != nil {
		return nil, err
	}
	for {
		err = syscall.Flock(int(f.Fd()), syscall.LOCK_EX)
		if !errors.Is(err, syscall.EINTR) {
			break
		}
	}
	if err != nil {
		f.Close()
		return nil, err
	}
	return func() {
		syscall.Flock(int(f.Fd()), syscall.LOCK_UN)
		f.Close()
	}, nil
}
