package dashboard

import (
	"context"
	"fmt"
	"net/http"
	"net/url"
	"sort"
	"strings"
	"time"

	"github.com/vmira/mira/internal/alerts"
	"github.com/vmira/mira/internal/audit"
	"github.com/vmira/mira/internal/mira"
	"github.com/vmira/mira/internal/session"
)

// AlertStore lists and acknowledges alerts (*alerts.Store).
type AlertStore interface {
	List(ctx context.Context, v alerts.Viewer, f alerts.Filter) ([]*alerts.Alert, error)
	Acknowledge(ctx context.Context, v alerts.Viewer, id, actor, clientIP string) (*alerts.Alert, error)
}

var (
	alertStates     = []option{{"open", "Open"}, {"acknowledged", "Acknowledged"}, {"", "All"}}
	alertSeverities = []option{{"", "Any severity"}, {"critical", "Critical"}, {"high", "High"}, {"medium", "Medium"}, {"low", "Low"}}
)

type alertRow struct {
	*alerts.Alert
	Badge    string // CSS class of the severity badge
	Evidence []string
	System   bool // system-wide, not the organisation's own
	AckAt    time.Time
}

type alertsData struct {
	State, Severity, Rule string
	States, Severities    []option
	Rules                 []option
	Rows                  []alertRow
}

func viewerOf(u *mira.User) alerts.Viewer { return alerts.Viewer{OrgID: u.OrgID, Role: u.Role} }

func (d *Dashboard) alertsPage(w http.ResponseWriter, r *http.Request) {
	u := session.UserFrom(r)
	if !canAdminister(u) {
		d.message(w, r, http.StatusForbidden, "Alerts", "/dashboard/", "Back to the dashboard",
			"Only the owners and admins of your organisation can see its alerts.")
		return
	}
	q := r.URL.Query()
	data := alertsData{State: "open", Severity: q.Get("severity"), Rule: q.Get("rule"), States: alertStates, Severities: alertSeverities,
		Rules: []option{{"", "Any rule"}}}
	if q.Has("state") {
		data.State = q.Get("state")
	}
	if !known(alertStates, data.State) {
		data.State = "open"
	}
	if !known(alertSeverities, data.Severity) {
		data.Severity = ""
	}
	ids := make([]string, 0, len(alerts.DefaultRules()))
	for id := range alerts.DefaultRules() {
		ids = append(ids, id)
	}
	sort.Strings(ids)
	for _, id := range ids {
		data.Rules = append(data.Rules, option{id, strings.ReplaceAll(id, "_", " ")})
	}
	if !known(data.Rules, data.Rule) {
		data.Rule = ""
	}
	list, err := d.alerts.List(r.Context(), viewerOf(u), alerts.Filter{State: data.State, Severity: data.Severity, Rule: data.Rule})
	if err != nil {
		d.fail(w, r, err)
		return
	}
	names := map[string]string{}
	if d.keys != nil {
		if ks, err := d.keys.ListKeys(r.Context(), u.OrgID); err == nil {
			for _, k := range ks {
				names[k.ID] = k.Name + " (" + k.Prefix + "…" + k.Last4 + ")"
			}
		}
	}
	for _, a := range list {
		row := alertRow{Alert: a, Badge: severityBadge(a.Severity), Evidence: evidence(a, names), System: a.OrgID == ""}
		if a.AcknowledgedAt != nil {
			row.AckAt = *a.AcknowledgedAt
		}
		data.Rows = append(data.Rows, row)
	}
	flash := ""
	if id := q.Get("acknowledged"); id != "" {
		flash = "Alert " + id + " is acknowledged."
	}
	d.Render(w, r, http.StatusOK, "alerts", &Page{Title: "Alerts", Flash: flash, Wide: true, Data: data})
}

func known(opts []option, v string) bool {
	for _, o := range opts {
		if o.Value == v {
			return true
		}
	}
	return false
}

func severityBadge(s string) string {
	switch s {
	case alerts.SeverityCritical, alerts.SeverityHigh:
		return "danger"
	case alerts.SeverityMedium:
		return "warn"
	}
	return "ok"
}

// evidence says what an alert is based on, one line per fact: which key,
// from where, how often.
func evidence(a *alerts.Alert, keyNames map[string]string) []string {
	var out []string
	if id, _ := a.Details["key_id"].(string); id != "" {
		name := id
		if n, ok := keyNames[id]; ok {
			name = n + " · " + id
		}
		out = append(out, "Key: "+name)
	}
	if addrs, ok := a.Details["addresses"].([]any); ok && len(addrs) > 0 {
		out = append(out, "From: "+joinAny(addrs))
	} else if ip, _ := a.Details["ip"].(string); ip != "" {
		out = append(out, "From: "+ip)
	}
	if addrs, ok := a.Details["recent_addresses"].([]any); ok && len(addrs) > 0 {
		out = append(out, "Addresses: "+joinAny(addrs))
	}
	if n, ok := a.Details["events"].(float64); ok {
		out = append(out, fmt.Sprintf("%d events within %v", int64(n), a.Details["window"]))
	}
	skip := map[string]bool{"key_id": true, "addresses": true, "ip": true, "recent_addresses": true, "events": true, "window": true}
	var rest []string
	for k, v := range a.Details {
		if !skip[k] {
			rest = append(rest, fmt.Sprintf("%s: %v", strings.ReplaceAll(k, "_", " "), v))
		}
	}
	sort.Strings(rest)
	return append(out, rest...)
}

func joinAny(xs []any) string {
	s := make([]string, len(xs))
	for i, x := range xs {
		s[i] = fmt.Sprint(x)
	}
	return strings.Join(s, ", ")
}

func (d *Dashboard) ackAlert(w http.ResponseWriter, r *http.Request) {
	u := session.UserFrom(r)
	if !canAdminister(u) {
		d.message(w, r, http.StatusForbidden, "Alerts", "/dashboard/", "Back to the dashboard",
			"Only the owners and admins of your organisation can acknowledge its alerts.")
		return
	}
	ip := ""
	if a := d.sessions.ClientIP(r); a.IsValid() {
		ip = a.String()
	}
	a, err := d.alerts.Acknowledge(r.Context(), viewerOf(u), r.PathValue("id"), audit.User(u.ID), ip)
	if mira.ErrorCode(err) == mira.ENotFound {
		d.message(w, r, http.StatusNotFound, "Alerts", "/dashboard/alerts", "Back to the alerts", "There is no such alert.")
		return
	}
	if err != nil {
		d.fail(w, r, err)
		return
	}
	http.Redirect(w, r, "/dashboard/alerts?acknowledged="+url.QueryEscape(a.ID), http.StatusSeeOther)
}
