package credstore

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
)

const (
	serverA = "https://mira.example.com"
	serverB = "https://localhost:8443"
)

func testCredential(n int) Credential {
	return Credential{
		AccessToken:  fmt.Sprintf("access-secret-%d", n),
		RefreshToken: fmt.Sprintf("refresh-secret-%d", n),
		TokenType:    "Bearer",
		Expiry:       time.Date(2030, 1, 2, 3, 4, 5, 0, time.UTC),
		Subject:      "usr_1",
		Email:        "alice@example.com",
	}
}

// openFile opens a file-backed store in a fresh directory.
func openFile(t *testing.T) *Store {
	t.Helper()
	s, err := Open(Options{Backend: "file", Dir: filepath.Join(t.TempDir(), "mira")})
	if err != nil {
		t.Fatal(err)
	}
	return s
}

func unixOnly(t *testing.T) {
	if runtime.GOOS == "windows" {
		t.Skip("file modes are not meaningful on Windows")
	}
}

func TestFileRoundTripPerServer(t *testing.T) {
	ctx := context.Background()
	s := openFile(t)
	if _, err := s.Get(serverA); !errors.Is(err, ErrNotFound) {
		t.Fatalf("Get on an empty store = %v; want ErrNotFound", err)
	}
	a, b := testCredential(1), testCredential(2)
	if err := s.Put(ctx, serverA, a); err != nil {
		t.Fatal(err)
	}
	if err := s.Put(ctx, serverB, b); err != nil {
		t.Fatal(err)
	}
	// A second Store (another process) sees both.
	s2, err := Open(Options{Backend: "file", Dir: s.dir})
	if err != nil {
		t.Fatal(err)
	}
	for server, want := range map[string]Credential{serverA: a, serverB: b} {
		got, err := s2.Get(server)
		if err != nil {
			t.Fatalf("Get(%q): %v", server, err)
		}
		if diff := cmp.Diff(want, got); diff != "" {
			t.Errorf("Get(%q) (-want +got):\n%s", server, diff)
		}
	}
	if err := s.Delete(ctx, serverA); err != nil {
		t.Fatal(err)
	}
	if _, err := s2.Get(serverA); !errors.Is(err, ErrNotFound) {
		t.Errorf("Get(%q) after Delete = %v; want ErrNotFound", serverA, err)
	}
	if _, err := s2.Get(serverB); err != nil {
		t.Errorf("Get(%q) after deleting another server: %v", serverB, err)
	}
	if err := s.Delete(ctx, serverB); err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(s.Path()); !errors.Is(err, os.ErrNotExist) {
		t.Errorf("credentials file after deleting the last login: %v; want it removed", err)
	}
	if err := s.Delete(ctx, serverB); err != nil {
		t.Errorf("Delete of nothing = %v; want nil", err)
	}
}

func TestFileModes(t *testing.T) {
	unixOnly(t)
	s := openFile(t)
	if err := s.Put(context.Background(), serverA, testCredential(1)); err != nil {
		t.Fatal(err)
	}
	for path, want := range map[string]os.FileMode{
		s.dir:                          0o700 | os.ModeDir,
		s.Path():                       0o600,
		filepath.Join(s.dir, LockName): 0o600,
	} {
		fi, err := os.Stat(path)
		if err != nil {
			t.Fatal(err)
		}
		if fi.Mode() != want {
			t.Errorf("mode of %s = %v; want %v", path, fi.Mode(), want)
		}
	}
}

func TestLooseDirectoryIsTightened(t *testing.T) {
	unixOnly(t)
	dir := filepath.Join(t.TempDir(), "mira")
	if err := os.Mkdir(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.Chmod(dir, 0o755); err != nil { // whatever the umask
		t.Fatal(err)
	}
	s, err := Open(Options{Backend: "file", Dir: dir})
	if err != nil {
		t.Fatal(err)
	}
	if err := s.Put(context.Background(), serverA, testCredential(1)); err != nil {
		t.Fatal(err)
	}
	fi, err := os.Stat(dir)
	if err != nil {
		t.Fatal(err)
	}
	if got := fi.Mode().Perm(); got != 0o700 {
		t.Errorf("directory mode after a write = %04o; want 0700", got)
	}
}

func TestReadableFileRefused(t *testing.T) {
	unixOnly(t)
	for _, mode := range []os.FileMode{0o644, 0o640, 0o604, 0o660} {
		t.Run(fmt.Sprintf("%04o", mode), func(t *testing.T) {
			s := openFile(t)
			if err := s.Put(context.Background(), serverA, testCredential(1)); err != nil {
				t.Fatal(err)
			}
			if err := os.Chmod(s.Path(), mode); err != nil {
				t.Fatal(err)
			}
			_, err := s.Get(serverA)
			if err == nil {
				t.Fatalf("Get from a %04o file succeeded; want it refused", mode)
			}
			for _, want := range []string{s.Path(), "chmod 600", "accessible by other users"} {
				if !strings.Contains(err.Error(), want) {
					t.Errorf("error %q does not contain %q", err, want)
				}
			}
			if strings.Contains(err.Error(), "secret-1") {
				t.Errorf("error %q shows a token", err)
			}
			// Writing would read it too: refused, and the file left alone.
			if err := s.Put(context.Background(), serverB, testCredential(2)); err == nil {
				t.Error("Put into a store with a readable file succeeded; want it refused")
			}
			fi, _ := os.Stat(s.Path())
			if fi.Mode().Perm() != mode {
				t.Errorf("mode changed to %04o; the store must not fix it silently", fi.Mode().Perm())
			}
		})
	}
}

func TestPreexistingReadableFileRefused(t *testing.T) {
	unixOnly(t)
	dir := filepath.Join(t.TempDir(), "mira")
	if err := os.Mkdir(dir, 0o700); err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(dir, FileName)
	body := `{"version":1,"servers":{"https://mira.example.com":{"access_token":"leaked"}}}`
	if err := os.WriteFile(path, []byte(body), 0o644); err != nil {
		t.Fatal(err)
	}
	os.Chmod(path, 0o644)
	s, err := Open(Options{Backend: "file", Dir: dir})
	if err != nil {
		t.Fatal(err)
	}
	_, err = s.Get(serverA)
	if err == nil || !strings.Contains(err.Error(), "chmod 600 "+path) {
		t.Fatalf("Get = %v; want a refusal that says `chmod 600 %s`", err, path)
	}
	if err := os.Chmod(path, 0o600); err != nil {
		t.Fatal(err)
	}
	if c, err := s.Get(serverA); err != nil || c.AccessToken != "leaked" {
		t.Fatalf("Get after chmod 600 = %v, %v; want the credential", c, err)
	}
}

func TestAtomicWriteLeavesNoTemporaryFiles(t *testing.T) {
	ctx := context.Background()
	s := openFile(t)
	for i := range 20 {
		if err := s.Put(ctx, serverA, testCredential(i)); err != nil {
			t.Fatal(err)
		}
	}
	if got, want := dirNames(t, s.dir), []string{FileName, LockName}; !slices.Equal(got, want) {
		t.Errorf("directory holds %q; want %q", got, want)
	}
}

func TestFailedWriteLeavesNoTemporaryFiles(t *testing.T) {
	s := openFile(t)
	// A directory where the file should be makes the rename fail.
	if err := os.MkdirAll(filepath.Join(s.Path(), "x"), 0o700); err != nil {
		t.Fatal(err)
	}
	if err := s.Put(context.Background(), serverA, testCredential(1)); err == nil {
		t.Fatal("Put succeeded over a directory")
	}
	if got, want := dirNames(t, s.dir), []string{FileName, LockName}; !slices.Equal(got, want) {
		t.Errorf("directory holds %q after a failed write; want %q", got, want)
	}
}

func TestConcurrentWritersKeepEveryServer(t *testing.T) {
	// Each writer is its own Store, as separate processes would be; the lock
	// makes their read-modify-write cycles take turns.
	dir := filepath.Join(t.TempDir(), "mira")
	var wg sync.WaitGroup
	const n = 8
	errs := make(chan error, n)
	for i := range n {
		wg.Go(func() {
			s, err := Open(Options{Backend: "file", Dir: dir})
			if err != nil {
				errs <- err
				return
			}
			errs <- s.Put(context.Background(), fmt.Sprintf("https://server-%d.example", i), testCredential(i))
		})
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		if err != nil {
			t.Fatal(err)
		}
	}
	s := openFile(t)
	s.file.path = filepath.Join(dir, FileName)
	for i := range n {
		if _, err := s.Get(fmt.Sprintf("https://server-%d.example", i)); err != nil {
			t.Errorf("server %d: %v", i, err)
		}
	}
}

func TestLockExcludesAndTimesOut(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "mira")
	s1, _ := Open(Options{Backend: "file", Dir: dir})
	s2, _ := Open(Options{Backend: "file", Dir: dir, LockTimeout: 100 * time.Millisecond})
	tx, err := s1.Lock(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	start := time.Now()
	if _, err := s2.Lock(context.Background()); err == nil {
		t.Fatal("second Lock succeeded while the first is held")
	} else if !strings.Contains(err.Error(), "another mira process") {
		t.Errorf("Lock timeout error = %q; want it to say another process holds the lock", err)
	}
	if d := time.Since(start); d > 2*time.Second {
		t.Errorf("Lock waited %v; want about the 100ms timeout", d)
	}
	if err := tx.Unlock(); err != nil {
		t.Fatal(err)
	}
	if err := tx.Unlock(); err != nil {
		t.Errorf("second Unlock = %v; want nil", err)
	}
	if _, err := tx.Get(serverA); err == nil {
		t.Error("Get on an unlocked Tx succeeded")
	}
	tx2, err := s2.Lock(context.Background())
	if err != nil {
		t.Fatalf("Lock after Unlock: %v", err)
	}
	tx2.Unlock()
}

func TestCredentialNeverPrintsTokens(t *testing.T) {
	c := testCredential(7)
	var logged strings.Builder
	slog.New(slog.NewTextHandler(&logged, nil)).Info("x", "cred", c)
	for _, s := range []string{fmt.Sprint(c), fmt.Sprintf("%v %+v %#v %s", c, c, c, c), fmt.Sprint(&c), logged.String()} {
		if strings.Contains(s, "secret") {
			t.Errorf("formatted credential shows a token: %s", s)
		}
	}
	if !strings.Contains(fmt.Sprint(c), "alice@example.com") {
		t.Errorf("String() = %s; want the user", c)
	}
}

// fakeKeyring is an in-memory keyring; hang makes every call block until
// the test ends, like a Secret Service that never answers.
type fakeKeyring struct {
	mu      sync.Mutex
	secrets map[string]string
	err     error
	hang    chan struct{}
	calls   int
}

func (k *fakeKeyring) wait() error {
	k.mu.Lock()
	k.calls++
	hang, err := k.hang, k.err
	k.mu.Unlock()
	if hang != nil {
		<-hang
	}
	return err
}

func (k *fakeKeyring) Get(service, user string) (string, error) {
	if err := k.wait(); err != nil {
		return "", err
	}
	k.mu.Lock()
	defer k.mu.Unlock()
	s, ok := k.secrets[service+"/"+user]
	if !ok {
		return "", ErrKeyringNotFound
	}
	return s, nil
}

func (k *fakeKeyring) Set(service, user, secret string) error {
	if err := k.wait(); err != nil {
		return err
	}
	k.mu.Lock()
	defer k.mu.Unlock()
	if k.secrets == nil {
		k.secrets = map[string]string{}
	}
	k.secrets[service+"/"+user] = secret
	return nil
}

func (k *fakeKeyring) Delete(service, user string) error {
	if err := k.wait(); err != nil {
		return err
	}
	k.mu.Lock()
	defer k.mu.Unlock()
	if _, ok := k.secrets[service+"/"+user]; !ok {
		return ErrKeyringNotFound
	}
	delete(k.secrets, service+"/"+user)
	return nil
}

func TestBackendChoice(t *testing.T) {
	hung := &fakeKeyring{hang: make(chan struct{})}
	t.Cleanup(func() { close(hung.hang) })
	tests := []struct {
		name    string
		backend string
		env     string
		kr      *fakeKeyring
		want    Backend
		wantErr bool
	}{
		{name: "auto with a working keyring", kr: &fakeKeyring{}, want: BackendKeyring},
		{name: "auto with a failing keyring", kr: &fakeKeyring{err: errors.New("no Secret Service on the bus")}, want: BackendFile},
		{name: "auto with a hung keyring", kr: hung, want: BackendFile},
		{name: "env forces the file", env: "file", kr: &fakeKeyring{}, want: BackendFile},
		{name: "option forces the file over env", backend: "file", env: "keyring", kr: &fakeKeyring{}, want: BackendFile},
		{name: "forced keyring that fails", backend: "keyring", kr: &fakeKeyring{err: errors.New("no bus")}, wantErr: true},
		{name: "unknown backend", backend: "vault", kr: &fakeKeyring{}, wantErr: true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			start := time.Now()
			s, err := Open(Options{
				Backend:        tt.backend,
				Dir:            t.TempDir(),
				Getenv:         func(k string) string { return map[string]string{EnvBackend: tt.env}[k] },
				Keyring:        tt.kr,
				KeyringTimeout: 200 * time.Millisecond,
			})
			if d := time.Since(start); d > 2*time.Second {
				t.Errorf("Open took %v; want it bounded by the keyring timeout", d)
			}
			if tt.wantErr {
				if err == nil {
					t.Fatalf("Open = %v backend; want an error", s.Backend())
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if s.Backend() != tt.want {
				t.Errorf("Backend() = %q; want %q", s.Backend(), tt.want)
			}
			if tt.env == "file" || tt.backend == "file" {
				if tt.kr.calls != 0 {
					t.Errorf("the keyring was asked %d times; a forced file backend must not touch it", tt.kr.calls)
				}
			}
		})
	}
}

func TestKeyringBackend(t *testing.T) {
	ctx := context.Background()
	kr := &fakeKeyring{}
	dir := filepath.Join(t.TempDir(), "mira")
	// A login saved to the file while the keyring did not answer.
	fileOnly, _ := Open(Options{Backend: "file", Dir: dir})
	if err := fileOnly.Put(ctx, serverB, testCredential(9)); err != nil {
		t.Fatal(err)
	}

	s, err := Open(Options{Dir: dir, Keyring: kr})
	if err != nil {
		t.Fatal(err)
	}
	if s.Backend() != BackendKeyring || !strings.Contains(s.Location(), "keyring") {
		t.Fatalf("Backend() = %q, Location() = %q; want the keyring", s.Backend(), s.Location())
	}
	if err := s.Put(ctx, serverA, testCredential(1)); err != nil {
		t.Fatal(err)
	}
	if got, err := s.Get(serverA); err != nil || got != testCredential(1) {
		t.Fatalf("Get = %v, %v; want the stored credential", got, err)
	}
	if _, ok := kr.secrets[Service+"/"+serverA]; !ok {
		t.Errorf("keyring holds %d entries, none for %q under service %q", len(kr.secrets), serverA, Service)
	}
	// The file login is still found, and a logout removes it.
	if got, err := s.Get(serverB); err != nil || got != testCredential(9) {
		t.Fatalf("Get of the file login = %v, %v", got, err)
	}
	if err := s.Delete(ctx, serverB); err != nil {
		t.Fatal(err)
	}
	if _, err := s.Get(serverB); !errors.Is(err, ErrNotFound) {
		t.Errorf("Get after Delete = %v; want ErrNotFound", err)
	}
	if _, err := os.Stat(s.Path()); !errors.Is(err, os.ErrNotExist) {
		t.Errorf("credentials file still there after the last file login was deleted")
	}
	if err := s.Delete(ctx, serverA); err != nil {
		t.Fatal(err)
	}
	if len(kr.secrets) != 0 {
		t.Errorf("keyring holds %d entries after Delete", len(kr.secrets))
	}
}

func TestDefaultDir(t *testing.T) {
	if runtime.GOOS == "windows" {
		t.Skip("unix paths")
	}
	tests := []struct {
		env  map[string]string
		want string
	}{
		{map[string]string{"XDG_CONFIG_HOME": "/x/cfg", "HOME": "/home/a"}, "/x/cfg/mira"},
		{map[string]string{"XDG_CONFIG_HOME": "relative", "HOME": "/home/a"}, "/home/a/.config/mira"},
		{map[string]string{"HOME": "/home/a"}, "/home/a/.config/mira"},
	}
	for _, tt := range tests {
		got, err := DefaultDir(func(k string) string { return tt.env[k] })
		if err != nil || got != tt.want {
			t.Errorf("DefaultDir(%v) = %q, %v; want %q", tt.env, got, err, tt.want)
		}
	}
}

func dirNames(t *testing.T, dir string) []string {
	t.Helper()
	ents, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, e := range ents {
		names = append(names, e.Name())
	}
	slices.Sort(names)
	return names
}
