package main

import (
	"context"
	"encoding/hex"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/vmira/mira/internal/store/storetest"
)

// writeSecret writes a fresh 32-byte hex secret file (0600) and returns its path.
func writeSecret(t *testing.T, b byte) string {
	t.Helper()
	p := filepath.Join(t.TempDir(), "secret.hex")
	s := make([]byte, 32)
	for i := range s {
		s[i] = b + byte(i)
	}
	if err := os.WriteFile(p, []byte(hex.EncodeToString(s)+"\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	return p
}

// mainFor makes (without running) a Main with its own data directory on
// url (SQLite in that directory when url is "").
func mainFor(t *testing.T, url, secretFile string) *Main {
	t.Helper()
	envm := map[string]string{
		"MIRA_DATA_DIR": filepath.Join(t.TempDir(), "data"), "MIRA_LISTEN": "127.0.0.1:0",
		"MIRA_ADMIN_LISTEN": "127.0.0.1:0", "MIRA_DATABASE_URL": url, "MIRA_SECRET_KEY_FILE": secretFile,
	}
	var f serverFlags
	cfg, err := f.load(&env{getenv: func(k string) string { return envm[k] }, stderr: io.Discard})
	if err != nil {
		t.Fatal(err)
	}
	cfg.HTTP.ShutdownTimeout = 0
	return &Main{Config: cfg}
}

// TestSecretMismatchRefusesStart: a second instance on the same database
// with another secret refuses to start, naming the fix; one with the same
// secret starts.
func TestSecretMismatchRefusesStart(t *testing.T) {
	storetest.EachLocation(t, func(t *testing.T, url, _ string) {
		shared := writeSecret(t, 1)
		first := mainFor(t, url, shared)
		if err := first.Run(context.Background()); err != nil {
			t.Fatal(err)
		}
		first.Close()

		other := mainFor(t, url, writeSecret(t, 2))
		other.Config.DataDir = first.Config.DataDir // SQLite: the same database file
		err := other.Run(context.Background())
		if err == nil {
			other.Close()
			t.Fatal("an instance with a different secret started")
		}
		for _, want := range []string{"MIRA_SECRET_KEY_FILE", "mira admin secret", "not the one this database"} {
			if !strings.Contains(err.Error(), want) {
				t.Errorf("error %q does not say %q", err, want)
			}
		}

		same := mainFor(t, url, shared)
		same.Config.DataDir = first.Config.DataDir
		if err := same.Run(context.Background()); err != nil {
			t.Fatalf("an instance with the shared secret: %v", err)
		}
		same.Close()
	})
}

// TestAdminSecretExportImport provisions a second instance's secret with
// export and import, and checks the refusals: a terminal, an existing
// file, a secret the shared database was not set up with, garbage.
func TestAdminSecretExportImport(t *testing.T) {
	pg := storetest.PostgresURL(t)
	a := map[string]string{"MIRA_DATA_DIR": filepath.Join(t.TempDir(), "a"), "MIRA_DATABASE_URL": pg}
	b := map[string]string{"MIRA_DATA_DIR": filepath.Join(t.TempDir(), "b"), "MIRA_DATABASE_URL": pg}
	// The first instance's admin command generates the secret and records it.
	if _, stderr, code := runMira(t, a, "", "admin", "audit", "verify"); code != 0 {
		t.Fatalf("admin audit verify on A: %d %s", code, stderr)
	}

	t.Run("refuses a terminal", func(t *testing.T) {
		old := stdoutIsTerminal
		stdoutIsTerminal = func(io.Writer) bool { return true }
		defer func() { stdoutIsTerminal = old }()
		out, stderr, code := runMira(t, a, "", "admin", "secret", "export")
		if code != 2 || out != "" || !strings.Contains(stderr, "refusing to print the server secret") {
			t.Fatalf("export to a terminal: code %d, stdout %q, stderr %q", code, out, stderr)
		}
	})

	exported, stderr, code := runMira(t, a, "", "admin", "secret", "export")
	if code != 0 {
		t.Fatalf("export: %d %s", code, stderr)
	}
	file := filepath.Join(t.TempDir(), "s.hex")
	if _, stderr, code := runMira(t, a, "", "admin", "secret", "export", "--out", file); code != 0 {
		t.Fatalf("export --out: %d %s", code, stderr)
	}
	if fi, err := os.Stat(file); err != nil || fi.Mode().Perm() != 0o600 {
		t.Fatalf("exported file: %v mode %v; want 0600", err, fi.Mode())
	}
	if got, _ := os.ReadFile(file); string(got) != exported {
		t.Fatal("--out and standard output differ")
	}
	if _, stderr, code := runMira(t, a, "", "admin", "secret", "export", "--out", file); code == 0 || !strings.Contains(stderr, "--force") {
		t.Fatalf("export over an existing file: %d %s", code, stderr)
	}

	// B has a secret of its own already: a key list made it, and the
	// database refuses it.
	os.MkdirAll(b["MIRA_DATA_DIR"], 0o700)
	wrong := writeSecret(t, 9)
	wrongText, _ := os.ReadFile(wrong)
	os.WriteFile(filepath.Join(b["MIRA_DATA_DIR"], "secret.key"), wrongText, 0o600)
	if _, stderr, code := runMira(t, b, "", "admin", "audit", "verify"); code == 0 || !strings.Contains(stderr, "mira admin secret") {
		t.Fatalf("B with another secret: code %d, %s", code, stderr)
	}
	if _, stderr, code := runMira(t, b, "", "admin", "secret", "import", wrong, "--force"); code == 0 || !strings.Contains(stderr, "not the one the database") {
		t.Fatalf("import of a secret the database does not know: %d %s", code, stderr)
	}
	if _, stderr, code := runMira(t, b, "", "admin", "secret", "import", "-"); code == 0 || !strings.Contains(stderr, "at least 32 bytes") {
		t.Fatalf("import of garbage: %d %s", code, stderr)
	}
	if _, stderr, code := runMira(t, b, exported, "admin", "secret", "import", "-"); code == 0 || !strings.Contains(stderr, "--force") {
		t.Fatalf("import over another secret without --force: %d %s", code, stderr)
	}
	if _, stderr, code := runMira(t, b, "", "admin", "secret", "import", file, "--force"); code != 0 {
		t.Fatalf("import --force: %d %s", code, stderr)
	}
	if _, stderr, code := runMira(t, b, "", "admin", "audit", "verify"); code != 0 {
		t.Fatalf("B after import: %d %s", code, stderr)
	}
	got, _ := os.ReadFile(filepath.Join(b["MIRA_DATA_DIR"], "secret.key"))
	fi, _ := os.Stat(filepath.Join(b["MIRA_DATA_DIR"], "secret.key"))
	if string(got) != exported || fi.Mode().Perm() != 0o600 {
		t.Fatalf("B's secret.key: mode %v, same as A's: %v", fi.Mode(), string(got) == exported)
	}
}
