package dashboard

import (
	"context"
	"encoding/hex"
	"encoding/json"
	"net/http"
	"net/url"
	"strconv"
	"strings"

	"github.com/vmira/mira/internal/audit"
	"github.com/vmira/mira/internal/mira"
	"github.com/vmira/mira/internal/session"
)

// auditActions are the action filters of the audit page.
var auditActions = []option{
	{"", "All events"},
	{"key.", "API keys"},
	{"login.", "Sign-ins"},
	{"device.", "Device approvals"},
	{"settings.", "Settings"},
	{"policy.", "Policies"},
	{"role.", "Roles"},
	{"user.", "Users"},
}

type auditRow struct {
	audit.Entry
	ActorText  string
	TargetText string
	Details    string
}

type auditData struct {
	// Verify: the whole chain, every organisation's entries included,
	// since each entry links to the one before it.
	VerifyError string
	Verified    bool
	Entries     int64
	HeadSeq     int64
	HeadHash    string
	Problem     string // the first break in the chain
	Problems    int

	Action    string
	Actions   []option
	Rows      []auditRow
	NextURL   string
	NewestURL string
}

func (d *Dashboard) auditPage(w http.ResponseWriter, r *http.Request) {
	u := session.UserFrom(r)
	if !canAdminister(u) {
		d.message(w, r, http.StatusForbidden, "Audit log", "/dashboard/", "Back to the dashboard",
			"Only the owners and admins of your organisation can see its audit log.")
		return
	}
	ctx := r.Context()
	q := r.URL.Query()
	data := auditData{Action: knownAuditAction(q.Get("action")), Actions: auditActions}
	before, _ := strconv.ParseInt(q.Get("before"), 10, 64)
	if before < 0 {
		before = 0
	}
	d.verifyAudit(ctx, &data)

	page, err := d.audit.List(ctx, audit.Filter{OrgID: u.OrgID, Action: data.Action, Before: before, Limit: 50})
	if err != nil {
		d.fail(w, r, err)
		return
	}
	names := d.newAuditNames(ctx, u)
	for _, e := range page.Entries {
		row := auditRow{Entry: e, ActorText: names.describe(e.Actor), TargetText: names.describe(e.Target)}
		if len(e.Details) > 0 {
			if b, err := json.Marshal(e.Details); err == nil {
				row.Details = string(b)
			}
		}
		data.Rows = append(data.Rows, row)
	}
	if page.Next > 0 {
		data.NextURL = auditLink(data.Action, page.Next)
	}
	if before > 0 {
		data.NewestURL = auditLink(data.Action, 0)
	}
	d.Render(w, r, http.StatusOK, "audit", &Page{Title: "Audit log", Wide: true, Data: data})
}

// knownAuditAction returns action if it is one of auditActions' filters,
// else "" (all events), so that a hand-edited URL cannot filter on an
// arbitrary prefix.
func knownAuditAction(action string) string {
	for _, o := range auditActions {
		if o.Value == action {
			return action
		}
	}
	return ""
}

// verifyAudit checks the whole hash chain for the page's banner. A failure
// to read it is logged and shown, but the entries are still listed.
func (d *Dashboard) verifyAudit(ctx context.Context, data *auditData) {
	rep, err := d.audit.Verify(ctx)
	if err != nil {
		d.log.Error("dashboard: audit verify failed", "error", err)
		data.VerifyError = "The audit log could not be read to verify it. Try again later; if it persists, run mira admin audit verify on the server."
		return
	}
	data.Verified, data.Entries, data.HeadSeq, data.Problems = rep.OK(), rep.Entries, rep.HeadSeq, len(rep.Problems)
	if h, err := hex.DecodeString(rep.HeadHash); err == nil && len(h) >= 8 {
		data.HeadHash = hex.EncodeToString(h[:8])
	}
	if !rep.OK() {
		data.Problem = rep.Problems[0].String()
	}
}

// auditNames turns the IDs in audit entries into what a person reads: a
// user's e-mail, a key's name and display form. Only the organisation's own
// users and keys are resolved, so the page shows nothing of another's.
type auditNames struct {
	d      *Dashboard
	ctx    context.Context
	u      *mira.User
	emails map[string]string // user ID → e-mail, looked up once each
	keys   map[string]string // key ID → name (prefix…last4)
}

func (d *Dashboard) newAuditNames(ctx context.Context, u *mira.User) *auditNames {
	n := &auditNames{d: d, ctx: ctx, u: u, emails: map[string]string{u.ID: u.Email}, keys: map[string]string{}}
	if d.keys != nil {
		if ks, err := d.keys.ListKeys(ctx, u.OrgID); err == nil {
			for _, k := range ks {
				n.keys[k.ID] = k.Name + " (" + k.Prefix + "…" + k.Last4 + ")"
			}
		}
	}
	return n
}

// user returns the e-mail of the user with the given ID, or the ID when the
// user is unknown or in another organisation.
func (n *auditNames) user(id string) string {
	if e, ok := n.emails[id]; ok {
		return e
	}
	n.emails[id] = id
	if n.d.keys != nil {
		if other, err := n.d.keys.UserByID(n.ctx, id); err == nil && other.OrgID == n.u.OrgID {
			n.emails[id] = other.Email
		}
	}
	return n.emails[id]
}

// describe returns the text for an entry's actor or target.
func (n *auditNames) describe(s string) string {
	switch {
	case strings.HasPrefix(s, "user:"):
		return n.user(strings.TrimPrefix(s, "user:"))
	case strings.HasPrefix(s, "key:"):
		id := strings.TrimPrefix(s, "key:")
		if name, ok := n.keys[id]; ok {
			return "key " + name
		}
		return "key " + id
	case strings.HasPrefix(s, "key_"):
		if name, ok := n.keys[s]; ok {
			return name
		}
	case strings.HasPrefix(s, "user_"):
		return n.user(s)
	}
	return s
}

// auditLink returns the URL of the audit page for action before the given
// sequence number (0: the newest entries), keeping the URL bare when there
// is nothing to filter.
func auditLink(action string, before int64) string {
	v := url.Values{}
	if action != "" {
		v.Set("action", action)
	}
	if before > 0 {
		v.Set("before", strconv.FormatInt(before, 10))
	}
	if len(v) == 0 {
		return "/dashboard/audit"
	}
	return "/dashboard/audit?" + v.Encode()
}
