package main

import (
	"context"

	"github.com/vmira/mira/internal/events"
	orgmembers "github.com/vmira/mira/internal/members"
	"github.com/vmira/mira/internal/server"
)

// newMembers makes the member management service of /v1/members and
// /dashboard/members: key revocations through the server's key service,
// CLI sign-ins ended through the OAuth server, invitation links e-mailed
// through the first e-mail alert channel when there is one.
func (m *Main) newMembers(srv *server.Server) (*orgmembers.Service, error) {
	mc := orgmembers.Config{DB: m.db, Secret: m.secret, Audit: m.audit, Keys: srv.KeyService(), Tokens: m.oauth,
		BaseURL: m.origin, Logger: m.Logger,
		Forget: func(ctx context.Context, orgID string) {
			// Cached principals of the organisation's users (access
			// tokens, keys) are dropped here and, through the bus, on
			// every other instance.
			srv.Authenticator().InvalidateAll()
			if err := m.bus.Publish(ctx, events.Event{Kind: events.KindOrgUpdated, OrgID: orgID}); err != nil {
				m.Logger.Warn("publishing a member change failed; other instances see it within their cache TTL", "error", err)
			}
		}}
	// Invitation links go directly through the alert notifier's e-mail
	// channel (they are secrets: never queued).
	if mailer := m.notifier.Mailer(); mailer != nil {
		mc.Mailer = mailer
	}
	return orgmembers.New(mc)
}
