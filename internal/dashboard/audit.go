package dashboard

import (
	"encoding/hex"
	"encoding/json"
	"net/http"
	"net/url"
	"strconv"
	"strings"

	"github.com/vmira/mira/internal/audit"
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
	data := auditData{Action: q.Get("action"), Actions: auditActions}
	known := false
	for _, o := range auditActions {
		known = known || o.Value == data.Action
	}
	if !known {
		data.Action = ""
	}
	before, _ := strconv.ParseInt(q.Get("before"), 10, 64)
	if before < 0 {
		before = 0
	}

	rep, err := d.audit.Verify(ctx)
	if err != nil {
		d.log.Error("dashboard: audit verify failed", "error", err)
		data.VerifyError = "The audit log could not be read to verify it. Try again later; if it persists, run mira admin audit verify on the server."
	} else {
		data.Verified, data.Entries, data.HeadSeq, data.Problems = rep.OK(), rep.Entries, rep.HeadSeq, len(rep.Problems)
		if h, err := hex.DecodeString(rep.HeadHash); err == nil && len(h) >= 8 {
			data.HeadHash = hex.EncodeToString(h[:8])
		}
		if !rep.OK() {
			data.Problem = rep.Problems[0].String()
		}
	}

	page, err := d.audit.List(ctx, audit.Filter{OrgID: u.OrgID, Action: data.Action, Before: before, Limit: 50})
	if err != nil {
		d.fail(w, r, err)
		return
	}
	emails := map[string]string{u.ID: u.Email}
	names := map[string]string{}
	if d.keys != nil {
		if ks, err := d.keys.ListKeys(ctx, u.OrgID); err == nil {
			for _, k := range ks {
				names[k.ID] = k.Name + " (" + k.Prefix + "…" + k.Last4 + ")"
			}
		}
	}
	userText := func(id string) string {
		if e, ok := emails[id]; ok {
			return e
		}
		emails[id] = id
		if d.keys != nil {
			if other, err := d.keys.UserByID(ctx, id); err == nil && other.OrgID == u.OrgID {
				emails[id] = other.Email
			}
		}
		return emails[id]
	}
	describe := func(s string) string {
		switch {
		case strings.HasPrefix(s, "user:"):
			return userText(strings.TrimPrefix(s, "user:"))
		case strings.HasPrefix(s, "key:"):
			id := strings.TrimPrefix(s, "key:")
			if n, ok := names[id]; ok {
				return "key " + n
			}
			return "key " + id
		case strings.HasPrefix(s, "key_"):
			if n, ok := names[s]; ok {
				return n
			}
		case strings.HasPrefix(s, "user_"):
			return userText(s)
		}
		return s
	}
	for _, e := range page.Entries {
		row := auditRow{Entry: e, ActorText: describe(e.Actor), TargetText: describe(e.Target)}
		if len(e.Details) > 0 {
			if b, err := json.Marshal(e.Details); err == nil {
				row.Details = string(b)
			}
		}
		data.Rows = append(data.Rows, row)
	}
	link := func(before int64) string {
		v := url.Values{}
		if data.Action != "" {
			v.Set("action", data.Action)
		}
		if before > 0 {
			v.Set("before", strconv.FormatInt(before, 10))
		}
		if len(v) == 0 {
			return "/dashboard/audit"
		}
		return "/dashboard/audit?" + v.Encode()
	}
	if page.Next > 0 {
		data.NextURL = link(page.Next)
	}
	if before > 0 {
		data.NewestURL = link(0)
	}
	d.Render(w, r, http.StatusOK, "audit", &Page{Title: "Audit log", Wide: true, Data: data})
}
