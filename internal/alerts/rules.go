// Package alerts watches for suspicious activity (SPEC.md "Monitoring and
// alerts on suspicious activity") and raises alerts: stored, folded within a
// rule's cooldown, audited and handed to delivery (internal/notify).
//
// The Engine is a server.Observer: on the request path it only copies what
// it needs into a bounded queue (dropping, and counting the drop, when the
// queue is full). One goroutine drains the queue and owns every counter, so
// no lock is held across a request. With Redis the counters are shared by
// every instance (INCRBY and PEXPIRE per window bucket, batched once per
// flush), so a burst spread over instances is one burst, and a Redis
// SET NX PX claim per (rule, subject) lets one instance raise it; the
// Store's fold is race-safe on its own as well.
package alerts

import (
	"fmt"
	"slices"
	"time"

	"github.com/vmira/mira/internal/config"
)

// Rule ids (SPEC.md); config.AlertRuleIDs lists the same.
const (
	RevokedKeyUsed         = "revoked_key_used"
	ExpiredKeyUsed         = "expired_key_used"
	ExposedKeyUsed         = "exposed_key_used"
	AuthFailuresBurst      = "auth_failures_burst"
	KeyManyAddresses       = "key_many_addresses"
	KeyNewNetwork          = "key_new_network"
	KeyTrafficSpike        = "key_traffic_spike"
	FilterProbing          = "filter_probing"
	PrivilegedKeyCreated   = "privileged_key_created"
	SigninLockout          = "signin_lockout"
	SigninNewAddress       = "signin_new_address"
	DeviceApprovalMismatch = "device_approval_mismatch"
	AuditChainBroken       = "audit_chain_broken"
	BackupFailed           = "backup_failed"
	BackupStale            = "backup_stale"
	CertificateExpiring    = "certificate_expiring"
	BackendDown            = "backend_down"
)

// Severities, lowest first.
const (
	SeverityLow      = "low"
	SeverityMedium   = "medium"
	SeverityHigh     = "high"
	SeverityCritical = "critical"
)

// Rule is one detector's settings.
type Rule struct {
	ID      string
	Enabled bool
	// Threshold is how many events within Window raise the alert. For
	// key_many_addresses it counts distinct addresses; for
	// key_traffic_spike it is the least number of requests in a Window
	// that can be a spike (besides 10 times the key's baseline).
	Threshold int
	// Window is the counting window; for certificate_expiring, how long
	// before NotAfter the alert is raised.
	Window   time.Duration
	Severity string
	// Cooldown: a repeat within it folds into the open alert (count+1).
	Cooldown time.Duration
}

const day = 24 * time.Hour

// defaults are the rules as shipped; alerts.rules overrides them field by
// field.
var defaults = []Rule{
	{ID: RevokedKeyUsed, Threshold: 1, Window: time.Minute, Severity: SeverityHigh, Cooldown: time.Hour},
	{ID: ExpiredKeyUsed, Threshold: 1, Window: time.Minute, Severity: SeverityMedium, Cooldown: time.Hour},
	{ID: ExposedKeyUsed, Threshold: 1, Window: time.Minute, Severity: SeverityCritical, Cooldown: time.Hour},
	{ID: AuthFailuresBurst, Threshold: 30, Window: time.Minute, Severity: SeverityHigh, Cooldown: 15 * time.Minute},
	{ID: KeyManyAddresses, Threshold: 10, Window: 10 * time.Minute, Severity: SeverityMedium, Cooldown: time.Hour},
	{ID: KeyNewNetwork, Threshold: 1, Window: time.Minute, Severity: SeverityLow, Cooldown: day},
	{ID: KeyTrafficSpike, Threshold: 100, Window: time.Minute, Severity: SeverityMedium, Cooldown: time.Hour},
	{ID: FilterProbing, Threshold: 20, Window: time.Minute, Severity: SeverityHigh, Cooldown: 30 * time.Minute},
	{ID: PrivilegedKeyCreated, Threshold: 1, Window: time.Minute, Severity: SeverityMedium, Cooldown: time.Hour},
	{ID: SigninLockout, Threshold: 1, Window: time.Minute, Severity: SeverityHigh, Cooldown: time.Hour},
	{ID: SigninNewAddress, Threshold: 1, Window: time.Minute, Severity: SeverityLow, Cooldown: day},
	{ID: DeviceApprovalMismatch, Threshold: 1, Window: time.Minute, Severity: SeverityHigh, Cooldown: time.Hour},
	{ID: AuditChainBroken, Threshold: 1, Window: time.Hour, Severity: SeverityCritical, Cooldown: day},
	{ID: BackupFailed, Threshold: 1, Window: time.Hour, Severity: SeverityHigh, Cooldown: 6 * time.Hour},
	{ID: BackupStale, Threshold: 1, Window: time.Hour, Severity: SeverityHigh, Cooldown: day},
	{ID: CertificateExpiring, Threshold: 1, Window: 14 * day, Severity: SeverityHigh, Cooldown: day},
	{ID: BackendDown, Threshold: 5, Window: time.Minute, Severity: SeverityHigh, Cooldown: 30 * time.Minute},
}

// Rules are the rules by id.
type Rules map[string]Rule

// DefaultRules returns the rules as shipped, all enabled.
func DefaultRules() Rules {
	rs := make(Rules, len(defaults))
	for _, r := range defaults {
		r.Enabled = true
		rs[r.ID] = r
	}
	return rs
}

// RulesFrom returns the default rules overlaid with alerts.rules (zero
// fields keep the default). config.Validate has checked the ids; an
// unknown one is still an error here.
func RulesFrom(overrides map[string]config.AlertRule) (Rules, error) {
	rs := DefaultRules()
	for id, o := range overrides {
		r, ok := rs[id]
		if !ok {
			return nil, fmt.Errorf("alerts.rules.%s: unknown rule id", id)
		}
		if o.Enabled != nil {
			r.Enabled = *o.Enabled
		}
		if o.Threshold > 0 {
			r.Threshold = o.Threshold
		}
		if o.Window > 0 {
			r.Window = o.Window.D()
		}
		if o.Severity != "" {
			if !slices.Contains([]string{SeverityLow, SeverityMedium, SeverityHigh, SeverityCritical}, o.Severity) {
				return nil, fmt.Errorf("alerts.rules.%s.severity: %q is not low, medium, high or critical", id, o.Severity)
			}
			r.Severity = o.Severity
		}
		if o.Cooldown > 0 {
			r.Cooldown = o.Cooldown.D()
		}
		rs[id] = r
	}
	return rs, nil
}

// enabled returns the rule id and whether it is on.
func (rs Rules) enabled(id string) (Rule, bool) {
	r, ok := rs[id]
	return r, ok && r.Enabled
}
