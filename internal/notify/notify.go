// Package notify delivers alerts to the channels an operator configured
// (alerts.channels): Standard Webhooks-signed webhooks, Slack-compatible
// incoming webhooks and e-mail over SMTP, through a durable outbox in the
// database, so an alert raised before a crash is still delivered after it.
package notify

import "time"

// Message is one alert to deliver. ID is the alert's id: a webhook's
// webhook-id, stable across retries, so receivers can deduplicate.
type Message struct {
	ID        string
	Rule      string
	Severity  string
	Subject   string // what the alert is about: a key id, an address, a backend
	Count     int
	FirstSeen time.Time
	LastSeen  time.Time
	Details   map[string]any
	OrgID     string
	// ExtraTo are more e-mail recipients for this alert (the owner of an
	// exposed key), besides each e-mail channel's own.
	ExtraTo []string
}
