// Package password hashes passwords with argon2id (OWASP's recommendation)
// in the PHC string format, and verifies them in constant time.
package password

import (
	"crypto/rand"
	"crypto/subtle"
	"encoding/base64"
	"errors"
	"fmt"
	"runtime"
	"strings"
	"sync/atomic"

	"golang.org/x/crypto/argon2"
)

// Parameters: OWASP's argon2id minimum is m=19 MiB, t=2, p=1; we use more
// memory since sign-ins are rare and limited.
const (
	memoryKiB = 64 * 1024
	time      = 2
	threads   = 1
	keyLen    = 32
	saltLen   = 16
	// MinLength is the shortest password accepted.
	MinLength = 12
	// MaxLength bounds the work an attacker can ask for per attempt.
	MaxLength = 1024
)

// ErrMismatch is returned by Verify for a wrong password.
var ErrMismatch = errors.New("password does not match")

// ErrBusy is returned by Hash and Verify when too many hashes are already
// being computed or waiting: argon2id is built to be expensive, so a flood
// of sign-ins must be shed, not queued until the API starves.
var ErrBusy = errors.New("too many password checks at once; retry shortly")

// Hashing is bounded: at most one hash per CPU runs at a time (each
// takes 64 MiB and all of a core), and at most maxWaiting more wait for a
// turn; beyond that, work is refused with ErrBusy at once.
var (
	running    = make(chan struct{}, runtime.GOMAXPROCS(0))
	waiting    atomic.Int64
	maxWaiting = int64(4 * runtime.GOMAXPROCS(0))
)

// acquire takes a hashing slot, or reports ErrBusy when too many are taken
// and waiting; release gives it back.
func acquire() error {
	select {
	case running <- struct{}{}:
		return nil
	default:
	}
	if waiting.Add(1) > maxWaiting {
		waiting.Add(-1)
		return ErrBusy
	}
	running <- struct{}{}
	waiting.Add(-1)
	return nil
}

func release() { <-running }

// Saturate takes every hashing slot and fills the waiting room, so that
// Hash and Verify return ErrBusy until the returned func is called. It is
// for tests of callers (the sign-in pages); it blocks until hashes already
// running finish.
func Saturate() (restore func()) {
	for range cap(running) {
		running <- struct{}{}
	}
	waiting.Add(maxWaiting)
	return func() {
		waiting.Add(-maxWaiting)
		for range cap(running) {
			<-running
		}
	}
}

// Check reports whether pw is acceptable as a new password.
func Check(pw string) error {
	switch {
	case len(pw) < MinLength:
		return fmt.Errorf("the password must be at least %d characters long", MinLength)
	case len(pw) > MaxLength:
		return fmt.Errorf("the password must be at most %d characters long", MaxLength)
	}
	return nil
}

// Hash returns the argon2id hash of pw as a PHC string.
func Hash(pw string) (string, error) {
	if err := Check(pw); err != nil {
		return "", err
	}
	if err := acquire(); err != nil {
		return "", err
	}
	defer release()
	salt := make([]byte, saltLen)
	rand.Read(salt)
	key := argon2.IDKey([]byte(pw), salt, time, memoryKiB, threads, keyLen)
	enc := base64.RawStdEncoding
	return fmt.Sprintf("$argon2id$v=%d$m=%d,t=%d,p=%d$%s$%s", argon2.Version, memoryKiB, time, threads,
		enc.EncodeToString(salt), enc.EncodeToString(key)), nil
}

// Verify checks pw against a PHC string made by Hash (with any parameters).
func Verify(hash, pw string) error {
	parts := strings.Split(hash, "$")
	if len(parts) != 6 || parts[1] != "argon2id" {
		return errors.New("password hash: not an argon2id PHC string")
	}
	var v, m, t, p int
	if _, err := fmt.Sscanf(parts[2], "v=%d", &v); err != nil || v != argon2.Version {
		return errors.New("password hash: unsupported version")
	}
	if _, err := fmt.Sscanf(parts[3], "m=%d,t=%d,p=%d", &m, &t, &p); err != nil || m < 1 || m > 1<<22 || t < 1 || t > 16 || p < 1 || p > 64 {
		return errors.New("password hash: bad parameters")
	}
	enc := base64.RawStdEncoding
	salt, err1 := enc.DecodeString(parts[4])
	want, err2 := enc.DecodeString(parts[5])
	if err1 != nil || err2 != nil || len(want) == 0 {
		return errors.New("password hash: bad encoding")
	}
	if len(pw) > MaxLength {
		return ErrMismatch
	}
	if err := acquire(); err != nil {
		return err
	}
	defer release()
	got := argon2.IDKey([]byte(pw), salt, uint32(t), uint32(m), uint8(p), uint32(len(want)))
	if subtle.ConstantTimeCompare(got, want) != 1 {
		return ErrMismatch
	}
	return nil
}
