package server

import (
	"context"
	"net/http"
	"strings"

	"github.com/vmira/mira/internal/alerts"
	"github.com/vmira/mira/internal/mira"
)

// AlertStore lists and acknowledges alerts (*alerts.Store).
type AlertStore interface {
	List(ctx context.Context, v alerts.Viewer, f alerts.Filter) ([]*alerts.Alert, error)
	Acknowledge(ctx context.Context, v alerts.Viewer, id, actor, clientIP string) (*alerts.Alert, error)
}

// alertViewer is the principal as the alert store sees it. Alerts are for
// owners and admins of the organisation, with the scope alerts:read (the
// route checks it; admin implies it).
func alertViewer(p *Principal) (alerts.Viewer, error) {
	v := alerts.Viewer{OrgID: p.OrgID(), Role: p.Role()}
	if !v.MaySee() {
		return v, mira.Errorf(mira.EInsufficientScope, "only owners and admins of the organisation see its alerts")
	}
	return v, nil
}

func (s *Server) listAlerts(w http.ResponseWriter, r *http.Request) error {
	v, err := alertViewer(principal(r.Context()))
	if err != nil {
		return err
	}
	q := r.URL.Query()
	f := alerts.Filter{State: q.Get("state"), Rule: q.Get("rule"), Severity: q.Get("severity")}
	switch f.State {
	case "", alerts.StateOpen, alerts.StateAcknowledged:
	default:
		return mira.ParamErrorf("state", "state must be open or acknowledged")
	}
	switch f.Severity {
	case "", alerts.SeverityLow, alerts.SeverityMedium, alerts.SeverityHigh, alerts.SeverityCritical:
	default:
		return mira.ParamErrorf("severity", "severity must be low, medium, high or critical")
	}
	if strings.ContainsFunc(f.Rule, func(c rune) bool { return (c < 'a' || c > 'z') && c != '_' }) {
		return mira.ParamErrorf("rule", "rule must be a rule id such as auth_failures_burst")
	}
	list, err := s.opt.Alerts.List(r.Context(), v, f)
	if err != nil {
		return err
	}
	writeJSON(w, http.StatusOK, struct {
		Object string          `json:"object"`
		Data   []*alerts.Alert `json:"data"`
	}{"list", list})
	return nil
}

func (s *Server) ackAlert(w http.ResponseWriter, r *http.Request) error {
	p := principal(r.Context())
	v, err := alertViewer(p)
	if err != nil {
		return err
	}
	o := origin(r, nil)
	a, err := s.opt.Alerts.Acknowledge(r.Context(), v, r.PathValue("id"), o.Actor, o.ClientIP)
	if err != nil {
		return err
	}
	writeJSON(w, http.StatusOK, a)
	return nil
}
