package main

import (
	"context"
	"io"
	"maps"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/vmira/mira/internal/alerts"
	"github.com/vmira/mira/internal/backup"
	"github.com/vmira/mira/internal/mira"
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

// A scheduled backup that fails on one target still writes the others,
// keeps retention to the working ones, raises backup_failed naming the
// failed target, and sets the last-success metric.
func TestScheduledBackupFailsOneTarget(t *testing.T) {
	recipient, _, code := runMira(t, map[string]string{}, "", "admin", "backup", "keygen", "--out", filepath.Join(t.TempDir(), "id.txt"))
	if code != 0 {
		t.Fatal("keygen failed")
	}
	good := filepath.Join(t.TempDir(), "good")
	bad := filepath.Join(t.TempDir(), "bad")
	if err := os.MkdirAll(good, 0o700); err != nil {
		t.Fatal(err)
	}
	ts := startServer(t, "backups:\n  recipients: ["+strings.TrimSpace(recipient)+"]\n  targets:\n"+
		"    - {name: good, type: dir, path: "+good+"}\n    - {name: bad, type: dir, path: "+bad+"}\n", nil)
	targets, err := backup.Targets(ts.Main.Config.Backups, ts.getenv)
	if err != nil {
		t.Fatal(err)
	}
	// The bad target's directory is a file: every write to it fails.
	if err := os.WriteFile(bad, []byte("not a directory"), 0o600); err != nil {
		t.Fatal(err)
	}
	if err := ts.Main.runBackup(context.Background(), targets); err == nil {
		t.Error("runBackup with a failing target returned no error")
	}
	if list, err := backup.List(context.Background(), targets[0]); err != nil || len(list) != 1 {
		t.Fatalf("good target holds %v (%v); want one backup", list, err)
	}
	list, err := ts.Main.alerts.Store().List(context.Background(), alerts.Viewer{Role: mira.RoleOwner}, alerts.Filter{Rule: alerts.BackupFailed})
	if err != nil {
		t.Fatal(err)
	}
	if len(list) != 1 || list[0].Subject != "bad" {
		t.Errorf("backup_failed alerts = %+v; want one naming the target bad", list)
	}
	var metrics strings.Builder
	resp, err := http.Get("http://" + ts.Main.AdminAddr + "/metrics")
	if err != nil {
		t.Fatal(err)
	}
	io.Copy(&metrics, resp.Body)
	resp.Body.Close()
	if strings.Contains(metrics.String(), "mira_backup_last_success_timestamp_seconds 0\n") {
		t.Error("the last-success metric was not set after a backup that reached a target")
	}
}
