package main

import (
	"maps"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestBackupRestoreEndToEnd(t *testing.T) {
	idFile := filepath.Join(t.TempDir(), "identity.txt")
	recipient, stderr, code := runMira(t, map[string]string{}, "", "admin", "backup", "keygen", "--out", idFile)
	if code != 0 {
		t.Fatalf("keygen: exit %d: %s", code, stderr)
	}
	recipient = strings.TrimSpace(recipient)
	if fi, err := os.Stat(idFile); err != nil || fi.Mode().Perm() != 0o600 {
		t.Fatalf("identity file: %v, %v; want mode 0600", fi, err)
	}
	store := filepath.Join(t.TempDir(), "backups")
	ts := startServer(t, "backups:\n  recipients: ["+recipient+"]\n  targets:\n    - {name: local, type: dir, path: "+store+"}\n", nil)
	key, _ := ts.createKey(t)
	if r, _ := ts.do(t, "GET", "/v1/models", key, ""); r.StatusCode != 200 {
		t.Fatalf("GET /v1/models before backup: %d", r.StatusCode)
	}
	ts.Close()

	if out, stderr, code := ts.mira(t, "", "admin", "backup", "run"); code != 0 {
		t.Fatalf("backup run: exit %d: %s %s", code, out, stderr)
	}
	list, _, code := ts.mira(t, "", "admin", "backup", "list")
	if code != 0 || !strings.Contains(list, "mira-backup-") {
		t.Fatalf("backup list: exit %d: %s", code, list)
	}
	if out, stderr, code := ts.mira(t, "", "admin", "backup", "verify", "--identity", idFile); code != 0 {
		t.Fatalf("backup verify: exit %d: %s %s", code, out, stderr)
	}

	env := maps.Clone(ts.env)
	env["MIRA_DATA_DIR"] = filepath.Join(t.TempDir(), "restored")
	if out, stderr, code := runMira(t, env, "", "admin", "backup", "restore", "--identity", idFile); code != 0 {
		t.Fatalf("backup restore: exit %d: %s %s", code, out, stderr)
	}
	// A second restore into the same place is refused.
	if _, _, code := runMira(t, env, "", "admin", "backup", "restore", "--identity", idFile); code == 0 {
		t.Errorf("restore into a restored data directory succeeded")
	}
	restored := startWithEnv(t, env)
	if r, body := restored.do(t, "GET", "/v1/models", key, ""); r.StatusCode != 200 {
		t.Errorf("GET /v1/models after restore: %d %s", r.StatusCode, body)
	}
}
