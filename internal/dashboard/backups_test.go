package dashboard

import (
	"context"
	"net/http"
	"strings"
	"testing"

	"github.com/vmira/mira/internal/audit"
	"github.com/vmira/mira/internal/mira"
	"github.com/vmira/mira/internal/store/storetest"
)

// The backups page lists the backup runs from the audit log, to owners
// alone, with a navigation link for them only.
func TestBackupsPage(t *testing.T) {
	e := newEnv(t, storetest.OpenSQLite(t))
	ctx := context.Background()
	e.userIn("acme", "owner@example.com", mira.RoleOwner)
	e.userIn("acme", "admin@example.com", mira.RoleAdmin)
	e.userIn("acme", "member@example.com", mira.RoleMember)

	b := e.browser("198.51.100.1")
	b.mustSignIn("owner@example.com")
	if p := b.get("/dashboard/backups"); p.Status != 200 || !strings.Contains(p.Body, "No backup has run yet") {
		t.Fatalf("GET /dashboard/backups with no backups = %d", p.Status)
	}
	for _, en := range []*audit.Entry{
		{Actor: audit.System, Action: backupCompleted, Target: "mira-backup-20261201T030000Z-aaaa.tar.gz.age",
			Details: map[string]any{"size": 3 * 1024 * 1024, "targets": []string{"local", "eu"}}},
		{Actor: audit.System, Action: backupFailed, Target: "mira-backup-20261202T030000Z-bbbb.tar.gz.age",
			Details: map[string]any{"size": 2048, "targets": []string{"local"}, "failed_targets": []string{"eu"},
				"error": "backup target \"eu\": connection refused"}},
		{Actor: audit.System, Action: "key.created", Target: "key_not_a_backup"},
	} {
		if err := e.audit.Append(ctx, en); err != nil {
			t.Fatal(err)
		}
	}

	p := b.get("/dashboard/backups")
	if p.Status != 200 {
		t.Fatalf("GET /dashboard/backups = %d", p.Status)
	}
	for _, want := range []string{`href="/dashboard/backups"`, "mira-backup-20261201T030000Z-aaaa.tar.gz.age", "3.0 MiB",
		"written to local, eu", "Completed", "mira-backup-20261202T030000Z-bbbb.tar.gz.age", "Failed", "failed on eu",
		"connection refused", "2.0 KiB"} {
		if !strings.Contains(p.Body, want) {
			t.Errorf("the owner's backups page lacks %q", want)
		}
	}
	if strings.Contains(p.Body, "key_not_a_backup") {
		t.Error("the backups page lists an entry that is not a backup run")
	}
	if i, j := strings.Index(p.Body, "bbbb"), strings.Index(p.Body, "aaaa"); i < 0 || j < 0 || i > j {
		t.Error("the backup runs are not newest first")
	}

	for _, who := range []string{"admin@example.com", "member@example.com"} {
		o := e.browser("198.51.100.9")
		o.mustSignIn(who)
		if p := o.get("/dashboard/backups"); p.Status != http.StatusForbidden || strings.Contains(p.Body, "aaaa.tar.gz.age") {
			t.Errorf("%s: GET /dashboard/backups = %d; want 403", who, p.Status)
		}
		if p := o.get("/dashboard/"); strings.Contains(p.Body, `href="/dashboard/backups"`) {
			t.Errorf("%s's navigation links to the backups", who)
		}
	}
}
