package dashboard

import (
	"fmt"
	"net/http"
	"strconv"
	"time"

	"github.com/vmira/mira/internal/audit"
	"github.com/vmira/mira/internal/mira"
	"github.com/vmira/mira/internal/session"
)

// The audit actions of backup runs (internal/backup writes them; named
// here so that the dashboard does not depend on that package).
const (
	backupCompleted = "backup.completed"
	backupFailed    = "backup.failed"
)

type backupRow struct {
	Seq     int64
	Time    time.Time
	Name    string
	OK      bool
	Size    string   // human-readable; "" when unknown
	Targets []string // reached
	Failed  []string // not reached
	Error   string
}

type backupsData struct {
	Rows      []backupRow
	NextURL   string
	NewestURL string
}

// isOwner: the backups page is for the organisation's owners.
func isOwner(u *mira.User) bool { return u != nil && u.Role == mira.RoleOwner }

// backupsPage lists the backup runs, newest first, from the audit log's
// backup.completed and backup.failed entries (server-wide: a backup holds
// every organisation's data).
func (d *Dashboard) backupsPage(w http.ResponseWriter, r *http.Request) {
	u := session.UserFrom(r)
	if !isOwner(u) {
		d.message(w, r, http.StatusForbidden, "Backups", "/dashboard/", "Back to the dashboard",
			"Only owners can see the backups.")
		return
	}
	before, _ := strconv.ParseInt(r.URL.Query().Get("before"), 10, 64)
	if before < 0 {
		before = 0
	}
	// Server-wide entries have no organisation: OrgID stays empty, and
	// the action filter keeps the page to backup entries alone.
	page, err := d.audit.List(r.Context(), audit.Filter{Action: "backup.", Before: before, Limit: 50})
	if err != nil {
		d.fail(w, r, err)
		return
	}
	var data backupsData
	for _, e := range page.Entries {
		if e.OrgID != "" || (e.Action != backupCompleted && e.Action != backupFailed) {
			continue
		}
		row := backupRow{Seq: e.Seq, Time: e.Time, Name: e.Target, OK: e.Action == backupCompleted,
			Targets: stringList(e.Details["targets"]), Failed: stringList(e.Details["failed_targets"])}
		if n, ok := number(e.Details["size"]); ok && n > 0 {
			row.Size = byteSize(n)
		}
		if s, ok := e.Details["error"].(string); ok {
			row.Error = s
		}
		data.Rows = append(data.Rows, row)
	}
	if page.Next > 0 {
		data.NextURL = "/dashboard/backups?before=" + strconv.FormatInt(page.Next, 10)
	}
	if before > 0 {
		data.NewestURL = "/dashboard/backups"
	}
	d.Render(w, r, http.StatusOK, "backups", &Page{Title: "Backups", Wide: true, Data: data})
}

// stringList reads a JSON array of strings from audit details.
func stringList(v any) []string {
	var out []string
	switch l := v.(type) {
	case []string:
		out = append(out, l...)
	case []any:
		for _, x := range l {
			if s, ok := x.(string); ok {
				out = append(out, s)
			}
		}
	}
	return out
}

// number reads a JSON number from audit details.
func number(v any) (int64, bool) {
	switch n := v.(type) {
	case float64:
		return int64(n), true
	case int64:
		return n, true
	case int:
		return int64(n), true
	case jsonNumber:
		i, err := n.Int64()
		return i, err == nil
	}
	return 0, false
}

type jsonNumber interface{ Int64() (int64, error) }

// byteSize formats n bytes for people.
func byteSize(n int64) string {
	const unit = 1024
	if n < unit {
		return fmt.Sprintf("%d B", n)
	}
	div, exp := int64(unit), 0
	for m := n / unit; m >= unit; m /= unit {
		div *= unit
		exp++
	}
	return fmt.Sprintf("%.1f %ciB", float64(n)/float64(div), "KMGTPE"[exp])
}
