package main

import (
	"context"
	"strings"

	"github.com/vmira/mira/internal/events"
	orgmembers "github.com/vmira/mira/internal/members"
	"github.com/vmira/mira/internal/notify"
	"github.com/vmira/mira/internal/server"
)

// newMembers makes the member management service of /v1/members and
// /dashboard/members: key revocations through the server's key service,
// CLI sign-ins ended through the OAuth server, invitation links e-mailed
// through the first e-mail alert channel when there is one.
func (m *Main) newMembers(srv *server.Server) (*orgmembers.Service, error) {
	cfg := m.Config
	base := strings.TrimSuffix(cfg.PublicURL, "/")
	if base == "" {
		base = defaultIssuer(m.Addr)
	}
	mc := orgmembers.Config{DB: m.db, Secret: m.secret, Audit: m.audit, Keys: srv.KeyService(), Tokens: m.oauth,
		BaseURL: base, Logger: m.Logger,
		Forget: func(ctx context.Context, orgID string) {
			// Cached principals of the organisation's users (access
			// tokens, keys) are dropped here and, through the bus, on
			// every other instance.
			srv.Authenticator().InvalidateAll()
			if err := m.bus.Publish(ctx, events.Event{Kind: events.KindOrgUpdated, OrgID: orgID}); err != nil {
				m.Logger.Warn("publishing a member change failed; other instances see it within their cache TTL", "error", err)
			}
		}}
	// A notifier of its own, never run: only its SMTP settings are used,
	// to send invitation links directly (they are secrets: never queued).
	n, err := notify.New(m.db, cfg.Alerts.Channels, m.Getenv, notify.Options{Logger: m.Logger})
	if err != nil {
		return nil, err
	}
	if mailer := n.Mailer(); mailer != nil {
		mc.Mailer = mailer
	}
	return orgmembers.New(mc)
}
