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
	return WriteFileAtomic(file, []byte(hex.EncodeToString(secret)+"\n"), 0o600)
}

// WriteFileAtomic writes data to a temporary file in the same directory,
// syncs it and renames it over path, so readers see the old or the new
// content, never a part.
func WriteFileAtomic(path string, data []byte, perm fs.FileMode) error {
	dir := filepath.Dir(path)
	f, err := os.CreateTemp(dir, "."+filepath.Base(path)+".tmp*")
	if err != nil {
		return err
	}
	tmp := f.Name()
	defer os.Remove(tmp)
	if err := f.Chmod(perm); err != nil {
		f.Close()
		return err
	}
	if _, err := f.Write(data); err != nil {
		f.Close()
		return err
	}
	if err := f.Sync(); err != nil {
		f.Close()
		return err
	}
	if err := f.Close(); err != nil {
		return err
	}
	if err := os.Rename(tmp, path); err != nil {
		return err
	}
	if d, err := os.Open(dir); err == nil {
		d.Sync()
		d.Close()
	}
	return nil
}
