// Package datadir prepares Mira's data directory and its server secret:
// the directory is private (0700) and the secret (the HMAC pepper of key
// digests and the root of encryption keys) is generated once, 0600.
package datadir

import (
	"crypto/rand"
	"encoding/hex"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"runtime"
	"strings"
)

// SecretFile is the name of the generated server secret in the data directory.
const SecretFile = "secret.key"

// Ensure creates dir with mode 0700 if it does not exist, and refuses an
// existing directory that others can enter or read.
func Ensure(dir string) error {
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return fmt.Errorf("data directory: %w", err)
	}
	fi, err := os.Stat(dir)
	if err != nil {
		return fmt.Errorf("data directory: %w", err)
	}
	if !fi.IsDir() {
		return fmt.Errorf("data directory %s is not a directory", dir)
	}
	if fi.Mode().Perm()&0o077 != 0 {
		return fmt.Errorf("data directory %s is accessible by other users (mode %04o); it holds the server secret and the database: run `chmod 700 %s`", dir, fi.Mode().Perm(), dir)
	}
	return nil
}

// LoadSecret returns the server secret from file, or, when file is empty,
// from dataDir/secret.key, generating it there on first use. The file must
// not be accessible by other users and must hold at least 32 bytes.
func LoadSecret(dataDir, file string) ([]byte, error) {
	generated := false
	if file == "" {
		file = filepath.Join(dataDir, SecretFile)
		if _, err := os.Stat(file); errors.Is(err, fs.ErrNotExist) {
			if err := generate(file); err != nil {
				return nil, err
			}
			generated = true
		}
	}
	if !generated {
		fi, err := os.Stat(file)
		if err != nil {
			return nil, fmt.Errorf("server secret: %w", err)
		}
		if fi.Mode().Perm()&0o077 != 0 {
			return nil, fmt.Errorf("server secret %s is accessible by other users (mode %04o): run `chmod 600 %s`", file, fi.Mode().Perm(), file)
		}
	}
	b, err := os.ReadFile(file)
	if err != nil {
		return nil, fmt.Errorf("server secret: %w", err)
	}
	secret, err := hex.DecodeString(strings.TrimSpace(string(b)))
	if err != nil || len(secret) < 32 {
		return nil, fmt.Errorf("server secret %s must hold at least 32 bytes as hex (generate one with `openssl rand -hex 32`)", file)
	}
	return secret, nil
}

// generate writes a new random secret atomically: a crash never leaves a
// partial secret that keys would then be hashed with.
func generate(file string) error {
	secret := make([]byte, 32)
	rand.Read(secret)
	// Never replace a secret: if another process generated one first, use it.
	err := WriteFileAtomic(file, []byte(hex.EncodeToString(secret)+"\n"), 0o600, false)
	if errors.Is(err, fs.ErrExist) {
		return nil
	}
	return err
}

// WriteFileAtomic writes data to path so that a crash leaves either the old
// file or the complete new one, never a partial file: a temporary file in the
// same directory is written, synced, and then renamed over path. With
// overwrite false, an existing path is never replaced (the final step is a
// hard link, which fails if the name is taken), and fs.ErrExist is returned.
func WriteFileAtomic(path string, data []byte, perm fs.FileMode, overwrite bool) (err error) {
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
