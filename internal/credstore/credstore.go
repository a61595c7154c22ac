// Package credstore keeps the mira CLI's login tokens, one Credential per
// server URL: in the OS keyring (service "mira") when one answers within a
// few seconds, else in $XDG_CONFIG_HOME/mira/credentials.json (~/.config when
// the variable is unset), a 0600 file in a 0700 directory, replaced
// atomically on every write and refused when other users can read it.
//
// Writers take a cross-process lock (flock on credentials.lock beside the
// file, whatever the backend) through Store.Lock, so that several mira
// processes refreshing the same login at once take turns and each sees what
// the one before it wrote.
package credstore

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"log/slog"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"time"

	"github.com/vmira/mira/internal/datadir"
	"github.com/vmira/mira/internal/filelock"
)

const (
	// Service is the keyring service the credentials are stored under; the
	// keyring's user (account) is the server URL.
	Service = "mira"

	// EnvBackend names the environment variable that chooses the backend:
	// "auto" (the default), "keyring" or "file".
	EnvBackend = "MIRA_CREDENTIAL_STORE"

	// FileName and LockName are the names of the credentials file and of
	// the lock file in the store's directory.
	FileName = "credentials.json"
	LockName = "credentials.lock"

	// DefaultKeyringTimeout is how long the keyring has to answer a probe
	// before the file is used instead.
	DefaultKeyringTimeout = 3 * time.Second

	// DefaultLockTimeout is how long Lock waits for another process.
	DefaultLockTimeout = 30 * time.Second
)

// Backend names where credentials live.
type Backend string

const (
	BackendKeyring Backend = "keyring"
	BackendFile    Backend = "file"
)

// ErrNotFound is returned when there is no credential for a server.
var ErrNotFound = errors.New("credstore: no stored credential")

// Credential is what a login leaves behind for one server. Its String,
// GoString and LogValue methods never show the tokens, so printing one by
// mistake leaks nothing.
type Credential struct {
	AccessToken  string    `json:"access_token"`
	RefreshToken string    `json:"refresh_token,omitempty"`
	TokenType    string    `json:"token_type,omitempty"`
	Expiry       time.Time `json:"expiry,omitzero"` // of the access token; zero when unknown
	Subject      string    `json:"sub,omitempty"`
	Email        string    `json:"email,omitempty"`
}

func (c Credential) String() string {
	who := c.Email
	if who == "" {
		who = c.Subject
	}
	return fmt.Sprintf("credstore.Credential{user: %q, expiry: %s, access token: %s, refresh token: %s}",
		who, c.Expiry.Format(time.RFC3339), present(c.AccessToken), present(c.RefreshToken))
}

func (c Credential) GoString() string { return c.String() }

func (c Credential) LogValue() slog.Value { return slog.StringValue(c.String()) }

func present(s string) string {
	if s == "" {
		return "none"
	}
	return "[redacted]"
}

// Keyring is the part of an OS keyring the store uses; its methods behave as
// github.com/zalando/go-keyring's functions of the same names (Get returns an
// error wrapping or equal to ErrKeyringNotFound for a missing secret).
type Keyring interface {
	Get(service, user string) (string, error)
	Set(service, user, secret string) error
	Delete(service, user string) error
}

// Options configure Open. The zero value reads the environment and picks the
// backend automatically.
type Options struct {
	// Backend is "auto", "keyring" or "file"; empty means the value of
	// MIRA_CREDENTIAL_STORE, or "auto". "keyring" fails when no keyring
	// answers; "file" never asks the keyring (deterministic, for tests and
	// headless machines).
	Backend string

	// Dir holds the credentials file and the lock file. Empty means
	// $XDG_CONFIG_HOME/mira, or ~/.config/mira (%AppData%\mira on Windows).
	Dir string

	// KeyringTimeout bounds the keyring probe (DefaultKeyringTimeout when 0).
	KeyringTimeout time.Duration

	// LockTimeout bounds how long Lock waits (DefaultLockTimeout when 0).
	LockTimeout time.Duration

	// Getenv reads the environment (os.Getenv when nil).
	Getenv func(string) string

	// Keyring is the OS keyring (the system's, through go-keyring, when nil).
	Keyring Keyring
}

// Store reads and writes credentials. It is safe for concurrent use; writes
// from several goroutines or processes must go through Lock.
type Store struct {
	backend     Backend
	dir         string
	file        *fileStore
	keyring     *keyringStore // nil with the file backend
	lockTimeout time.Duration
}

// Open picks the backend and returns the store. With "auto" it probes the
// keyring in the background and uses the file when the keyring fails or
// does not answer within the timeout. Nothing is created on disk until the
// first write or Lock.
func Open(opts Options) (*Store, error) {
	getenv := opts.Getenv
	if getenv == nil {
		getenv = os.Getenv
	}
	mode := strings.ToLower(strings.TrimSpace(opts.Backend))
	if mode == "" {
		mode = strings.ToLower(strings.TrimSpace(getenv(EnvBackend)))
	}
	if mode == "" {
		mode = "auto"
	}
	if mode != "auto" && mode != "keyring" && mode != "file" {
		return nil, fmt.Errorf("%s=%q: want auto, keyring or file", EnvBackend, mode)
	}
	dir := opts.Dir
	if dir == "" {
		var err error
		if dir, err = DefaultDir(getenv); err != nil {
			return nil, err
		}
	}
	s := &Store{
		backend:     BackendFile,
		dir:         dir,
		file:        &fileStore{path: filepath.Join(dir, FileName)},
		lockTimeout: opts.LockTimeout,
	}
	if s.lockTimeout <= 0 {
		s.lockTimeout = DefaultLockTimeout
	}
	if mode == "file" {
		return s, nil
	}
	kr := opts.Keyring
	if kr == nil {
		kr = systemKeyring{}
	}
	timeout := opts.KeyringTimeout
	if timeout <= 0 {
		timeout = DefaultKeyringTimeout
	}
	ks := &keyringStore{kr: kr}
	if err := ks.probe(timeout); err != nil {
		if mode == "keyring" {
			return nil, fmt.Errorf("%s=keyring: the OS keyring is not usable: %w", EnvBackend, err)
		}
		return s, nil
	}
	s.backend, s.keyring = BackendKeyring, ks
	return s, nil
}

// DefaultDir returns where the credentials file lives: $XDG_CONFIG_HOME/mira
// when the variable holds an absolute path, else ~/.config/mira
// (%AppData%\mira on Windows).
func DefaultDir(getenv func(string) string) (string, error) {
	if getenv == nil {
		getenv = os.Getenv
	}
	if x := getenv("XDG_CONFIG_HOME"); x != "" && filepath.IsAbs(x) {
		return filepath.Join(x, "mira"), nil
	}
	if runtime.GOOS == "windows" {
		if d := getenv("AppData"); d != "" {
			return filepath.Join(d, "mira"), nil
		}
	}
	home := getenv("HOME")
	if home == "" {
		var err error
		if home, err = os.UserHomeDir(); err != nil {
			return "", fmt.Errorf("credentials directory: set XDG_CONFIG_HOME or HOME: %w", err)
		}
	}
	return filepath.Join(home, ".config", "mira"), nil
}

// Backend reports which backend the store writes to.
func (s *Store) Backend() Backend { return s.backend }

// Location describes where credentials are written, for `mira auth status`:
// the file's path, or the keyring service.
func (s *Store) Location() string {
	if s.backend == BackendKeyring {
		return fmt.Sprintf("the OS keyring (service %q)", Service)
	}
	return s.file.path
}

// Path returns the credentials file's path (used with the file backend,
// and read as a fallback with the keyring).
func (s *Store) Path() string { return s.file.path }

// Get returns the credential stored for server, or ErrNotFound. It needs no
// lock: the file is replaced atomically, so a reader sees a whole version.
func (s *Store) Get(server string) (Credential, error) {
	c, _, err := s.Lookup(server)
	return c, err
}

// Lookup is Get that also reports where the credential was found: with the
// keyring backend, a login made while the keyring did not answer is read
// from the file (and moved to the keyring on its next write).
func (s *Store) Lookup(server string) (Credential, Backend, error) {
	if s.keyring != nil {
		c, err := s.keyring.get(server)
		if !errors.Is(err, ErrNotFound) {
			return c, BackendKeyring, err
		}
	}
	c, err := s.file.get(server)
	return c, BackendFile, err
}

// Lock waits (up to the lock timeout, or until ctx ends) for exclusive
// access to the credentials across processes and returns it. Callers must
// call Tx.Unlock. Reads through the Tx see every write made before it.
func (s *Store) Lock(ctx context.Context) (*Tx, error) {
	ctx, cancel := context.WithTimeout(ctx, s.lockTimeout)
	defer cancel()
	if err := ensureDir(s.dir); err != nil {
		return nil, err
	}
	path := filepath.Join(s.dir, LockName)
	f, err := filelock.Lock(ctx, path)
	if err != nil {
		if ctx.Err() != nil {
			return nil, fmt.Errorf("waiting for another mira process to release %s: %w", path, err)
		}
		return nil, fmt.Errorf("locking %s: %w", path, err)
	}
	return &Tx{s: s, f: f}, nil
}

// Put stores c for server, taking the lock for the write.
func (s *Store) Put(ctx context.Context, server string, c Credential) error {
	tx, err := s.Lock(ctx)
	if err != nil {
		return err
	}
	defer tx.Unlock()
	return tx.Put(server, c)
}

// Delete removes the credential of server from every place it may be (the
// keyring and the file), taking the lock. Deleting nothing is not an error.
func (s *Store) Delete(ctx context.Context, server string) error {
	tx, err := s.Lock(ctx)
	if err != nil {
		return err
	}
	defer tx.Unlock()
	return tx.Delete(server)
}

// Tx is exclusive access to the store, from Lock to Unlock.
type Tx struct {
	s *Store
	f *os.File // the locked lock file; nil once unlocked
}

// Get is Store.Get under the lock.
func (t *Tx) Get(server string) (Credential, error) {
	if t.f == nil {
		return Credential{}, errors.New("credstore: Get after Unlock")
	}
	return t.s.Get(server)
}

// Put stores c for server.
func (t *Tx) Put(server string, c Credential) error {
	if t.f == nil {
		return errors.New("credstore: Put after Unlock")
	}
	if server == "" {
		return errors.New("credstore: empty server URL")
	}
	if t.s.keyring != nil {
		if err := t.s.keyring.put(server, c); err != nil {
			return err
		}
		// Moved into the keyring: no copy stays in the file.
		return t.s.file.delete(server)
	}
	return t.s.file.put(server, c)
}

// Delete removes the credential of server from the keyring and the file.
func (t *Tx) Delete(server string) error {
	if t.f == nil {
		return errors.New("credstore: Delete after Unlock")
	}
	var errs []error
	if t.s.keyring != nil {
		errs = append(errs, t.s.keyring.delete(server))
	}
	errs = append(errs, t.s.file.delete(server))
	return errors.Join(errs...)
}

// Unlock releases the lock. Calling it again does nothing.
func (t *Tx) Unlock() error {
	if t.f == nil {
		return nil
	}
	err := filelock.Unlock(t.f)
	t.f = nil
	return err
}

// fileStore is the credentials file: a JSON object of credentials by server.
type fileStore struct {
	path string
}

type fileContents struct {
	Version int                   `json:"version"`
	Servers map[string]Credential `json:"servers"`
}

// maxFileSize bounds what is read: a few logins take a few kilobytes.
const maxFileSize = 1 << 20

func (f *fileStore) read() (fileContents, error) {
	fc := fileContents{Version: 1, Servers: map[string]Credential{}}
	fh, err := os.Open(f.path)
	if errors.Is(err, os.ErrNotExist) {
		return fc, nil
	}
	if err != nil {
		return fc, fmt.Errorf("reading credentials: %w", err)
	}
	defer fh.Close()
	// Checked on the open file, so what is checked is what is read.
	fi, err := fh.Stat()
	if err != nil {
		return fc, fmt.Errorf("reading credentials: %w", err)
	}
	if err := checkPrivate(f.path, fi); err != nil {
		return fc, err
	}
	if fi.Size() > maxFileSize {
		return fc, fmt.Errorf("credentials file %s is larger than %d bytes; it is not one mira wrote", f.path, maxFileSize)
	}
	dec := json.NewDecoder(fh)
	if err := dec.Decode(&fc); err != nil {
		return fc, fmt.Errorf("credentials file %s is not valid JSON (%v): remove it and run `mira auth login`", f.path, err)
	}
	if fc.Servers == nil {
		fc.Servers = map[string]Credential{}
	}
	return fc, nil
}

func (f *fileStore) get(server string) (Credential, error) {
	fc, err := f.read()
	if err != nil {
		return Credential{}, err
	}
	c, ok := fc.Servers[server]
	if !ok {
		return Credential{}, ErrNotFound
	}
	return c, nil
}

func (f *fileStore) put(server string, c Credential) error {
	fc, err := f.read()
	if err != nil {
		return err
	}
	fc.Servers[server] = c
	return f.write(fc)
}

func (f *fileStore) delete(server string) error {
	fc, err := f.read()
	if err != nil {
		return err
	}
	if _, ok := fc.Servers[server]; !ok {
		return nil
	}
	delete(fc.Servers, server)
	if len(fc.Servers) == 0 {
		if err := os.Remove(f.path); err != nil && !errors.Is(err, os.ErrNotExist) {
			return fmt.Errorf("removing credentials: %w", err)
		}
		return syncDir(filepath.Dir(f.path))
	}
	return f.write(fc)
}

// write replaces the file atomically: a private temporary file in the same
// directory, written and synced, renamed over the old one, and the directory
// synced, so a crash leaves the old version or the new one, never a torn
// file, and no reader ever sees a partial write.
func (f *fileStore) write(fc fileContents) error {
	dir := filepath.Dir(f.path)
	if err := ensureDir(dir); err != nil {
		return err
	}
	fc.Version = 1
	data, err := json.MarshalIndent(fc, "", "  ")
	if err != nil {
		return fmt.Errorf("encoding credentials: %w", err)
	}
	if err := datadir.WriteFileAtomic(f.path, append(data, '\n'), 0o600, true); err != nil {
		return fmt.Errorf("writing credentials: %w", err)
	}
	return nil
}

// ensureDir creates dir 0700, or makes an existing directory of ours 0700.
func ensureDir(dir string) error {
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return fmt.Errorf("credentials directory: %w", err)
	}
	fi, err := os.Stat(dir)
	if err != nil {
		return fmt.Errorf("credentials directory: %w", err)
	}
	if !fi.IsDir() {
		return fmt.Errorf("credentials directory %s is not a directory", dir)
	}
	return tightenDir(dir, fi)
}
