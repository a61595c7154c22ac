package reqlog_test

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/vmira/mira/internal/reqlog"
	"github.com/vmira/mira/internal/store"
	"github.com/vmira/mira/internal/store/storetest"
)

// eachDB runs f on a fresh SQLite database (dir is its data directory) and,
// when MIRA_TEST_POSTGRES_URL is set, on a fresh PostgreSQL schema (dir "").
func eachDB(t *testing.T, f func(t *testing.T, db *store.DB, dir string)) {
	storetest.EachLocation(t, func(t *testing.T, url, dir string) { f(t, storetest.Open(t, url, dir), dir) })
}

func openSQLite(t testing.TB) (*store.DB, string) {
	dir := t.TempDir()
	return storetest.Open(t, "", dir), dir
}

// t0 is a fixed "now" with microsecond precision, the stored precision.
var t0 = time.Date(2025, 6, 15, 12, 30, 45, 123456000, time.UTC)

var testSecret = bytes.Repeat([]byte{0x42}, 32)

func keyring(t testing.TB, secrets ...[]byte) *reqlog.Keyring {
	t.Helper()
	if len(secrets) == 0 {
		secrets = [][]byte{testSecret}
	}
	kr, err := reqlog.NewKeyring(secrets[0], secrets[1:]...)
	if err != nil {
		t.Fatalf("NewKeyring: %v", err)
	}
	return kr
}

func newWriter(t testing.TB, db *store.DB, cfg reqlog.Config) *reqlog.Writer {
	t.Helper()
	w, err := reqlog.NewWriter(db, cfg)
	if err != nil {
		t.Fatalf("NewWriter: %v", err)
	}
	t.Cleanup(func() { w.Close() })
	return w
}

func flush(t testing.TB, w *reqlog.Writer) {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	if err := w.Flush(ctx); err != nil {
		t.Fatalf("Flush: %v", err)
	}
}

// dbFiles returns the SQLite database file and its WAL, as far as they exist.
func dbFiles(t *testing.T, dir string) map[string][]byte {
	t.Helper()
	out := map[string][]byte{}
	for _, name := range []string{store.SQLiteFile, store.SQLiteFile + "-wal", store.SQLiteFile + "-journal"} {
		b, err := os.ReadFile(filepath.Join(dir, name))
		if err == nil {
			out[name] = b
		} else if !os.IsNotExist(err) {
			t.Fatalf("read %s: %v", name, err)
		}
	}
	return out
}

// filesContaining returns the names of the data directory's database files
// that hold needle in clear.
func filesContaining(t *testing.T, dir string, needle string) []string {
	t.Helper()
	var found []string
	for name, b := range dbFiles(t, dir) {
		if bytes.Contains(b, []byte(needle)) {
			found = append(found, name)
		}
	}
	return found
}

// allFilesContaining scans every file under dir.
func allFilesContaining(t *testing.T, dir string, needle string) []string {
	t.Helper()
	var found []string
	err := filepath.WalkDir(dir, func(path string, d os.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		b, err := os.ReadFile(path)
		if err != nil {
			return err
		}
		if bytes.Contains(b, []byte(needle)) {
			found = append(found, strings.TrimPrefix(path, dir+"/"))
		}
		return nil
	})
	if err != nil {
		t.Fatalf("scan %s: %v", dir, err)
	}
	return found
}
