package main

import (
	"bytes"
	"context"
	"database/sql"
	"encoding/json"
	"io"
	"maps"
	"net"
	"net/http"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"sync/atomic"
	"syscall"
	"testing"
	"time"

	"github.com/vmira/mira/internal/alerts"
	"github.com/vmira/mira/internal/backup"
	"github.com/vmira/mira/internal/backup/backuptest"
	"github.com/vmira/mira/internal/mira"
	"github.com/vmira/mira/internal/store/storetest"
	"github.com/vmira/mira/internal/testkit"
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
	exp := metrics.String()
	if !strings.Contains(exp, `mira_backup_last_success_timestamp_seconds{target="bad"} 0`) ||
		strings.Contains(exp, `mira_backup_last_success_timestamp_seconds{target="good"} 0`) {
		t.Error("the last-success metric is not set for the target reached and only for it:\n" + exp)
	}
	if !strings.Contains(exp, `mira_backup_failures_total{target="bad"} 1`) || !strings.Contains(exp, `mira_backup_failures_total{target="good"} 0`) {
		t.Error("the failure counter does not count the failed target's failure:\n" + exp)
	}
}

// s3TargetYAML is a backups.targets entry for the versitygw v, with its
// credentials in env.
func s3TargetYAML(name string, v *backuptest.Versitygw, bucket string, env map[string]string) string {
	up := strings.ToUpper(name)
	env["BK_KEY_"+up], env["BK_SECRET_"+up] = v.Access, v.Secret
	return "    - {name: " + name + ", type: s3, endpoint: \"" + v.Endpoint + "\", region: " + v.Region +
		", bucket: " + bucket + ", prefix: prod/, access_key_env: BK_KEY_" + up + ", secret_key_env: BK_SECRET_" + up + "}\n"
}

// TestBackupFullEndToEnd: a server with users, keys (one rotated and in
// its grace period, one revoked), a CLI login, usage, request logs and
// audit entries is backed up to a directory and two S3 targets; its data
// directory is deleted; it is restored from one S3 target into a fresh
// PostgreSQL database and served again.
func TestBackupFullEndToEnd(t *testing.T) {
	pgURL := storetest.PostgresURL(t)
	idFile := filepath.Join(t.TempDir(), "identity.txt")
	recipient, stderr, code := runMira(t, map[string]string{}, "", "admin", "backup", "keygen", "--out", idFile)
	if code != 0 {
		t.Fatalf("keygen: exit %d: %s", code, stderr)
	}
	eu := backuptest.StartVersitygw(t, "eu-west-1", "mira-eu")
	us := backuptest.StartVersitygw(t, "us-east-2", "mira-us")
	dirTarget := filepath.Join(t.TempDir(), "backups")
	extra := map[string]string{}
	cfg := "backups:\n  recipients: [" + strings.TrimSpace(recipient) + "]\n  targets:\n" +
		"    - {name: local, type: dir, path: " + dirTarget + "}\n" +
		s3TargetYAML("eu", eu, "mira-eu", extra) + s3TargetYAML("us", us, "mira-us", extra)
	ts := startServer(t, cfg, extra)

	admin, _ := ts.createKey(t, "--scopes", "keys:read,keys:write,models:read,chat:write,logs:read,usage:read")
	chat := `{"model":"mira-echo","messages":[{"role":"user","content":"back me up"}]}`
	resp, body := ts.do(t, "POST", "/v1/keys", admin, `{"name":"graced","scopes":["models:read","chat:write","logs:read"]}`)
	if resp.StatusCode != 201 {
		t.Fatalf("create key: %d %s", resp.StatusCode, body)
	}
	graced := decodeKey(t, body)
	resp, body = ts.do(t, "POST", "/v1/keys/"+graced.ID+"/rotate", admin, `{"grace_period":"24h"}`)
	if resp.StatusCode != 201 {
		t.Fatalf("rotate: %d %s", resp.StatusCode, body)
	}
	rotated := decodeKey(t, body)
	resp, body = ts.do(t, "POST", "/v1/keys", admin, `{"name":"gone","scopes":["models:read","chat:write"]}`)
	if resp.StatusCode != 201 {
		t.Fatalf("create key: %d %s", resp.StatusCode, body)
	}
	revoked := decodeKey(t, body)
	for _, k := range []string{admin, graced.Key, rotated.Key, revoked.Key} {
		if r, b := ts.do(t, "POST", "/v1/chat/completions", k, chat); r.StatusCode != 200 {
			t.Fatalf("chat before backup: %d %s", r.StatusCode, b)
		}
	}
	if resp, body = ts.do(t, "DELETE", "/v1/keys/"+revoked.ID, admin, ""); resp.StatusCode != 200 {
		t.Fatalf("revoke: %d %s", resp.StatusCode, body)
	}
	waitLogs(t, ts, admin, 4)
	// A CLI login: its refresh token is in the backup (as a digest).
	home := t.TempDir()
	b := newBrowser(t, ts)
	if err := b.signIn(devEmail, devPassword, "/dashboard/"); err != nil {
		t.Fatal(err)
	}
	cliLogin(t, cliEnv(ts, home), b)
	cred := readCredential(t, filepath.Join(home, "config", "mira", "credentials.json"), ts.URL())
	ts.Close()

	out, stderr, code := ts.mira(t, "", "admin", "backup", "run")
	if code != 0 {
		t.Fatalf("backup run: exit %d: %s %s", code, out, stderr)
	}
	for _, name := range []string{"local", "eu", "us"} {
		if !strings.Contains(out, name+"\tmira-backup-") {
			t.Errorf("backup run output names no backup on %s:\n%s", name, out)
		}
	}
	// Nothing in the buckets is plaintext: not the user's e-mail, not a
	// key's prefix, not a chat.
	for _, v := range []*backuptest.Versitygw{eu, us} {
		files := 0
		filepath.WalkDir(v.Root, func(p string, d os.DirEntry, err error) error {
			if err != nil || d.IsDir() {
				return err
			}
			b, err := os.ReadFile(p)
			if err != nil {
				t.Errorf("read %s: %v", p, err)
				return nil
			}
			files++
			for _, secret := range []string{"dev@example.com", admin[:12], graced.Key[:12], rotated.Key[:12], "back me up", cred.RefreshToken[:16]} {
				if bytes.Contains(b, []byte(secret)) {
					t.Errorf("%s holds %q in plaintext", p, secret)
				}
			}
			return nil
		})
		if files < 2 {
			t.Errorf("bucket under %s holds %d files; want a backup and its sidecar", v.Root, files)
		}
	}

	// The server is gone; its data directory with it.
	if err := os.RemoveAll(ts.dataDir); err != nil {
		t.Fatal(err)
	}
	env := maps.Clone(ts.env)
	env["MIRA_DATA_DIR"] = filepath.Join(t.TempDir(), "restored")
	env["MIRA_DATABASE_URL"] = pgURL
	if out, stderr, code := runMira(t, env, "", "admin", "backup", "restore", "--from", "eu", "--database-url", pgURL, "--identity", idFile); code != 0 {
		t.Fatalf("backup restore: exit %d: %s %s", code, out, stderr)
	}
	// Request logs are not in backups: the restored database has none;
	// usage and the audit log came back.
	db, err := sql.Open("pgx", pgURL)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	for table, want := range map[string]func(int) bool{
		"request_logs": func(n int) bool { return n == 0 },
		"usage_daily":  func(n int) bool { return n > 0 },
		"audit_log":    func(n int) bool { return n > 0 },
		"api_keys":     func(n int) bool { return n == 4 },
	} {
		var n int
		if err := db.QueryRow(`SELECT count(*) FROM ` + table).Scan(&n); err != nil {
			t.Fatalf("count %s: %v", table, err)
		}
		if !want(n) {
			t.Errorf("restored %s holds %d rows", table, n)
		}
	}
	restored := startWithEnv(t, env)
	for name, k := range map[string]string{"admin": admin, "old key in grace": graced.Key, "rotated": rotated.Key} {
		if r, b := restored.do(t, "POST", "/v1/chat/completions", k, chat); r.StatusCode != 200 {
			t.Errorf("%s after restore: %d %s", name, r.StatusCode, b)
		}
	}
	r, body := restored.do(t, "POST", "/v1/chat/completions", revoked.Key, chat)
	checkError(t, r, body, 401, "key_revoked")
	// The CLI's refresh token still refreshes on the restored server.
	if status, oerr := restored.postForm(t, "/oauth/token", url.Values{"grant_type": {"refresh_token"},
		"refresh_token": {cred.RefreshToken}, "client_id": {"mira-cli"}}); status != 200 {
		t.Errorf("refresh after restore: %d %q; want 200", status, oerr)
	}
	if out, stderr, code := restored.mira(t, "", "admin", "audit", "verify"); code != 0 {
		t.Errorf("audit verify after restore: exit %d: %s %s", code, out, stderr)
	}
}

// stallProxy forwards TCP connections to upstream. While stalling is set,
// it holds back a request that starts with "PUT " once its headers and a
// little of its body have gone through, and reports that on stalled: an
// upload cut in the middle.
type stallProxy struct {
	addr     string
	stalling atomic.Bool
	stalled  chan struct{}
	once     sync.Once
}

func startStallProxy(t *testing.T, upstream string) *stallProxy {
	t.Helper()
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { l.Close() })
	p := &stallProxy{addr: l.Addr().String(), stalled: make(chan struct{})}
	p.stalling.Store(true)
	go func() {
		for {
			c, err := l.Accept()
			if err != nil {
				return
			}
			go p.serve(c, upstream)
		}
	}()
	return p
}

func (p *stallProxy) serve(c net.Conn, upstream string) {
	defer c.Close()
	u, err := net.Dial("tcp", upstream)
	if err != nil {
		return
	}
	defer u.Close()
	go io.Copy(c, u)
	var seen []byte
	buf := make([]byte, 4096)
	for {
		n, err := c.Read(buf)
		if n > 0 {
			chunk := buf[:n]
			if p.stalling.Load() {
				seen = append(seen, chunk...)
				if i := bytes.Index(seen, []byte("PUT ")); i >= 0 {
					if h := bytes.Index(seen[i:], []byte("\r\n\r\n")); h >= 0 && len(seen) > i+h+4+64 {
						// Headers and 64 bytes of body, then nothing more.
						cut := len(chunk) - (len(seen) - (i + h + 4 + 64))
						if cut > 0 {
							u.Write(chunk[:cut])
						}
						p.once.Do(func() { close(p.stalled) })
						io.Copy(io.Discard, c)
						return
					}
				}
			}
			if _, err := u.Write(chunk); err != nil {
				return
			}
		}
		if err != nil {
			return
		}
	}
}

// TestBackupKilledMidUpload kills `mira admin backup run` (the real binary)
// with SIGKILL in the middle of an S3 upload: no half-written backup is
// listed, and the next run succeeds.
func TestBackupKilledMidUpload(t *testing.T) {
	recipient, _, code := runMira(t, map[string]string{}, "", "admin", "backup", "keygen", "--out", filepath.Join(t.TempDir(), "id.txt"))
	if code != 0 {
		t.Fatal("keygen failed")
	}
	v := backuptest.StartVersitygw(t, "eu-west-1", "mira-eu")
	proxy := startStallProxy(t, strings.TrimPrefix(v.Endpoint, "http://"))
	slow := *v
	slow.Endpoint = "http://" + proxy.addr
	extra := map[string]string{}
	ts := startServer(t, "backups:\n  recipients: ["+strings.TrimSpace(recipient)+"]\n  targets:\n"+
		s3TargetYAML("eu", &slow, "mira-eu", extra), extra)
	for range 5 {
		ts.createKey(t)
	}
	ts.Close()

	var envList []string
	for k, val := range ts.env {
		if k != "MIRA_ADMIN_LISTEN" {
			envList = append(envList, k+"="+val)
		}
	}
	cmd := miraCmd(t, envList, "admin", "backup", "run")
	var out testkit.Buffer
	cmd.Stdout, cmd.Stderr = &out, &out
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	select {
	case <-proxy.stalled:
	case <-time.After(30 * time.Second):
		cmd.Process.Kill()
		cmd.Wait()
		t.Fatalf("the upload never started:\n%s", out.String())
	}
	if err := cmd.Process.Signal(syscall.SIGKILL); err != nil {
		t.Fatal(err)
	}
	cmd.Wait()

	list, stderr, code := ts.mira(t, "", "admin", "backup", "list", "--json")
	if code != 0 {
		t.Fatalf("backup list after SIGKILL: exit %d: %s %s", code, list, stderr)
	}
	if strings.TrimSpace(list) != "[]" {
		t.Errorf("backup list after SIGKILL mid-upload shows %s; want nothing", list)
	}

	proxy.stalling.Store(false)
	if out, stderr, code := ts.mira(t, "", "admin", "backup", "run"); code != 0 {
		t.Fatalf("backup run after SIGKILL: exit %d: %s %s", code, out, stderr)
	}
	list, _, _ = ts.mira(t, "", "admin", "backup", "list", "--json")
	var got []backup.Backup
	if err := json.Unmarshal([]byte(list), &got); err != nil || len(got) != 1 {
		t.Fatalf("backup list after the next run: %s (%v); want one backup", list, err)
	}
	if out, stderr, code := ts.mira(t, "", "admin", "backup", "verify"); code != 0 {
		t.Errorf("backup verify after the next run: exit %d: %s %s", code, out, stderr)
	}
}

// `mira admin backup run` applies retention on each target it reached,
// like the server's scheduled backups.
func TestBackupRunAppliesRetention(t *testing.T) {
	recipient, _, code := runMira(t, map[string]string{}, "", "admin", "backup", "keygen", "--out", filepath.Join(t.TempDir(), "id.txt"))
	if code != 0 {
		t.Fatal("keygen failed")
	}
	dir := filepath.Join(t.TempDir(), "backups")
	if err := os.MkdirAll(dir, 0o700); err != nil {
		t.Fatal(err)
	}
	old := "mira-backup-20200101T000000Z-abcd.tar.gz.age"
	for _, n := range []string{old, old + backup.SidecarSuffix} {
		if err := os.WriteFile(filepath.Join(dir, n), []byte("old"), 0o600); err != nil {
			t.Fatal(err)
		}
	}
	ts := startServer(t, "backups:\n  recipients: ["+strings.TrimSpace(recipient)+"]\n  keep: {count: 1}\n  targets:\n    - {name: local, type: dir, path: "+dir+"}\n", nil)
	ts.Close()
	if out, stderr, code := ts.mira(t, "", "admin", "backup", "run"); code != 0 || !strings.Contains(stderr, "deleted "+old) {
		t.Fatalf("backup run: exit %d: %s %s; want the old backup deleted", code, out, stderr)
	}
	if _, err := os.Stat(filepath.Join(dir, old)); !os.IsNotExist(err) {
		t.Errorf("the old backup is still there: %v", err)
	}
	list, _, _ := ts.mira(t, "", "admin", "backup", "list", "--json")
	var got []backup.Backup
	if err := json.Unmarshal([]byte(list), &got); err != nil || len(got) != 1 {
		t.Errorf("backup list after the run: %s (%v); want the new backup alone", list, err)
	}
}
