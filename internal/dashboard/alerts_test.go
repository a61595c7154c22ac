package dashboard

import (
	"context"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/vmira/mira/internal/alerts"
	"github.com/vmira/mira/internal/audit"
	"github.com/vmira/mira/internal/mira"
	"github.com/vmira/mira/internal/store/storetest"
)

func TestAlertsPage(t *testing.T) {
	e := newEnv(t, storetest.OpenSQLite(t))
	ctx := context.Background()
	owner := e.userIn("acme", "owner@example.com", mira.RoleOwner)
	e.userIn("acme", "admin@example.com", mira.RoleAdmin)
	e.userIn("acme", "member@example.com", mira.RoleMember)
	other := e.userIn("globex", "owner@globex.example", mira.RoleOwner)
	k := e.keyOf(owner, "build server")
	mine, _, err := e.alerts.Raise(ctx, alerts.Event{Rule: alerts.RevokedKeyUsed, Subject: k.ID, OrgID: owner.OrgID,
		Details: map[string]any{"key_id": k.ID, "ip": "203.0.113.77"}})
	if err != nil {
		t.Fatal(err)
	}
	for _, ev := range []alerts.Event{
		{Rule: alerts.BackendDown, Subject: "vllm-eu", Details: map[string]any{"backend": "vllm-eu"}},
		{Rule: alerts.FilterProbing, Subject: "key_globex", OrgID: other.OrgID},
	} {
		if _, _, err := e.alerts.Raise(ctx, ev); err != nil {
			t.Fatal(err)
		}
	}

	b := e.browser("198.51.100.1")
	b.mustSignIn("owner@example.com")
	p := b.get("/dashboard/alerts")
	if p.Status != 200 {
		t.Fatalf("GET /dashboard/alerts = %d", p.Status)
	}
	for _, want := range []string{`href="/dashboard/alerts"`, "<code>revoked_key_used</code>", "build server", "203.0.113.77", "vllm-eu", "server-wide"} {
		if !strings.Contains(p.Body, want) {
			t.Errorf("the owner's alerts page lacks %q", want)
		}
	}
	if strings.Contains(p.Body, "key_globex") {
		t.Error("the page shows another organisation's alert")
	}

	admin := e.browser("198.51.100.2")
	admin.mustSignIn("admin@example.com")
	if p := admin.get("/dashboard/alerts"); p.Status != 200 || !strings.Contains(p.Body, "203.0.113.77") || strings.Contains(p.Body, "vllm-eu") {
		t.Errorf("admin's alerts page: %d; want the organisation's alerts, not the server-wide ones", p.Status)
	}
	member := e.browser("198.51.100.3")
	member.mustSignIn("member@example.com")
	if p := member.get("/dashboard/alerts"); p.Status != http.StatusForbidden || strings.Contains(p.Body, "203.0.113.77") {
		t.Errorf("member's alerts page: %d", p.Status)
	}
	if p := member.get("/dashboard/"); strings.Contains(p.Body, `href="/dashboard/alerts"`) {
		t.Error("a member's navigation links to the alerts")
	}

	// Acknowledging needs the page's CSRF token.
	ack := "/dashboard/alerts/" + mine.ID + "/ack"
	if p := b.do(http.MethodPost, ack, url.Values{}); p.Status != http.StatusForbidden {
		t.Errorf("ack without a CSRF token = %d; want 403", p.Status)
	}
	if p := b.submit(p, ack, nil); p.Status != http.StatusSeeOther || !strings.Contains(p.Location, "acknowledged="+mine.ID) {
		t.Fatalf("ack = %d %s", p.Status, p.Location)
	}
	if p := b.get("/dashboard/alerts"); strings.Contains(p.Body, "203.0.113.77") {
		t.Error("an acknowledged alert is still listed as open")
	}
	if p := b.get("/dashboard/alerts?state=acknowledged"); !strings.Contains(p.Body, "203.0.113.77") {
		t.Error("the acknowledged alert is not listed under acknowledged")
	}
	page, err := e.audit.List(ctx, audit.Filter{OrgID: owner.OrgID})
	if err != nil {
		t.Fatal(err)
	}
	if len(page.Entries) == 0 || page.Entries[0].Action != alerts.ActionAcknowledged || page.Entries[0].Actor != audit.User(owner.ID) || page.Entries[0].ClientIP != "198.51.100.1" {
		t.Errorf("newest audit entry = %+v; want alert.acknowledged by the owner", page.Entries)
	}
	// Another organisation's alert is not found.
	g := e.browser("198.51.100.4")
	g.mustSignIn("owner@globex.example")
	if p := g.submit(g.get("/dashboard/alerts"), ack, nil); p.Status != http.StatusNotFound {
		t.Errorf("acknowledging another organisation's alert = %d; want 404", p.Status)
	}
}
