//go:build unix

// Package filelock holds an exclusive lock on a file between processes
// (and between holders in one process). The kernel releases it when a
// process dies, so there is no stale lock to clean up.
package filelock

import (
	"context"
	"errors"
	"os"
	"syscall"
	"time"
)

// lockPoll is how often a waiting Lock retries.
const lockPoll = 20 * time.Millisecond

// Lock opens path (0600) and takes an exclusive flock on it, retrying
// until ctx ends. flock belongs to the open file, so two holders in one
// process exclude each other as two processes do, and the kernel releases
// the lock when a process dies: there is no stale lock to clean up.
func Lock(ctx context.Context, path string) (*os.File, error) {
	f, err := os.OpenFile(path, os.O_RDWR|os.O_CREATE, 0o600)
	if err != nil {
		return nil, err
	}
	t := time.NewTicker(lockPoll)
	defer t.Stop()
	for {
		err := syscall.Flock(int(f.Fd()), syscall.LOCK_EX|syscall.LOCK_NB)
		if err == nil {
			return f, nil
		}
		if !errors.Is(err, syscall.EWOULDBLOCK) && !errors.Is(err, syscall.EINTR) {
			f.Close()
			return nil, err
		}
		select {
		case <-ctx.Done():
			f.Close()
			return nil, ctx.Err()
		case <-t.C:
		}
	}
}

// Unlock releases the lock and closes f.
func Unlock(f *os.File) error {
	err := syscall.Flock(int(f.Fd()), syscall.LOCK_UN)
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	return err
}
