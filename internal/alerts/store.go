package alerts

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"maps"
	"slices"
	"strings"
	"time"

	"github.com/vmira/mira/internal/apikey"
	"github.com/vmira/mira/internal/audit"
	"github.com/vmira/mira/internal/mira"
	"github.com/vmira/mira/internal/notify"
	"github.com/vmira/mira/internal/store"
)

// Audit actions of alerts.
const (
	ActionRaised       = "alert.raised"
	ActionAcknowledged = "alert.acknowledged"
)

// States of an alert.
const (
	StateOpen         = "open"
	StateAcknowledged = "acknowledged"
)

// Alert is one stored alert.
type Alert struct {
	ID             string         `json:"id"`
	OrgID          string         `json:"org_id,omitempty"` // empty: system-wide
	Rule           string         `json:"rule"`
	Severity       string         `json:"severity"`
	Subject        string         `json:"subject"`
	Count          int            `json:"count"`
	FirstSeen      time.Time      `json:"first_seen"`
	LastSeen       time.Time      `json:"last_seen"`
	State          string         `json:"state"`
	AcknowledgedBy string         `json:"acknowledged_by,omitempty"`
	AcknowledgedAt *time.Time     `json:"acknowledged_at,omitempty"`
	Details        map[string]any `json:"details"`
}

// Event is one detection handed to Raise.
type Event struct {
	Rule    string
	Subject string // a key id, an address, a backend, "audit_log"
	OrgID   string // empty: system-wide (owners only)
	Details map[string]any
	Time    time.Time // zero: now
	// NotifyUserID is a user told by e-mail besides the channels (the
	// owner of an exposed key).
	NotifyUserID string
}

// Auditor appends audit entries inside a transaction (*audit.Log).
type Auditor interface {
	AppendTx(ctx context.Context, tx *sql.Tx, e *audit.Entry) error
}

// Outbox queues a new alert for delivery in the caller's transaction
// (*notify.Notifier).
type Outbox interface {
	Enqueue(ctx context.Context, tx *sql.Tx, m notify.Message) error
}

// Store keeps alerts in the database.
type Store struct {
	db     *store.DB
	rules  Rules
	audit  Auditor // nil: not audited
	outbox Outbox  // nil: not delivered
	now    func() time.Time
}

// NewStore returns the alert store of db. audit and outbox may be nil.
func NewStore(db *store.DB, rules Rules, audit Auditor, outbox Outbox) *Store {
	return &Store{db: db, rules: rules, audit: audit, outbox: outbox, now: time.Now}
}

// maxAddresses bounds the addresses an alert's details collect.
const maxAddresses = 20

// Raise stores ev as an alert, in one transaction: it folds into the open
// alert of the same rule and subject last seen within the rule's cooldown
// (count+1, last_seen, details merged), or inserts a new alert, audits it
// (alert.raised) and queues its delivery. It reports whether the alert is
// new. Folds are serialised per (rule, subject): on PostgreSQL by a
// transaction-scoped advisory lock, on SQLite by BEGIN IMMEDIATE, so
// instances raising at once make one alert.
func (s *Store) Raise(ctx context.Context, ev Event) (*Alert, bool, error) {
	rule, ok := s.rules[ev.Rule]
	if !ok {
		return nil, false, fmt.Errorf("alerts: unknown rule %q", ev.Rule)
	}
	at := ev.Time
	if at.IsZero() {
		at = s.now()
	}
	at = at.UTC().Truncate(time.Microsecond)
	var (
		a       *Alert
		created bool
	)
	err := s.db.InTx(ctx, func(tx *store.Tx) error {
		q := tx.SQL()
		if tx.Dialect() == store.DialectPostgres {
			if _, err := q.ExecContext(ctx, `SELECT pg_advisory_xact_lock(hashtextextended($1, 7013))`, ev.Rule+"\n"+ev.Subject); err != nil {
				return fmt.Errorf("alerts: lock: %w", err)
			}
		}
		old, err := scanAlert(q.QueryRowContext(ctx, s.db.Rebind(`SELECT `+alertColumns+` FROM alerts
			WHERE rule = ? AND subject = ? AND state = 'open' AND last_seen >= ? ORDER BY last_seen DESC LIMIT 1`),
			ev.Rule, ev.Subject, at.Add(-rule.Cooldown).UnixMicro()))
		switch {
		case err == nil:
			old.Count++
			old.LastSeen = maxTime(old.LastSeen, at)
			old.Details = mergeDetails(old.Details, ev.Details)
			d, err := json.Marshal(old.Details)
			if err != nil {
				return err
			}
			if _, err := q.ExecContext(ctx, s.db.Rebind(`UPDATE alerts SET count = ?, last_seen = ?, details = ? WHERE id = ?`),
				old.Count, old.LastSeen.UnixMicro(), string(d), old.ID); err != nil {
				return fmt.Errorf("alerts: fold: %w", err)
			}
			a = old
			return nil
		case !errors.Is(err, sql.ErrNoRows):
			return fmt.Errorf("alerts: find open alert: %w", err)
		}
		a = &Alert{ID: mira.NewID("alert"), OrgID: ev.OrgID, Rule: ev.Rule, Severity: rule.Severity, Subject: ev.Subject,
			Count: 1, FirstSeen: at, LastSeen: at, State: StateOpen, Details: mergeDetails(nil, ev.Details)}
		created = true
		d, err := json.Marshal(a.Details)
		if err != nil {
			return err
		}
		if _, err := q.ExecContext(ctx, s.db.Rebind(`INSERT INTO alerts (id, org_id, rule, severity, subject, count, first_seen, last_seen, state, details)
			VALUES (?, ?, ?, ?, ?, 1, ?, ?, 'open', ?)`),
			a.ID, nullString(a.OrgID), a.Rule, a.Severity, a.Subject, at.UnixMicro(), at.UnixMicro(), string(d)); err != nil {
			return fmt.Errorf("alerts: insert: %w", err)
		}
		if s.audit != nil {
			e := &audit.Entry{OrgID: a.OrgID, Actor: audit.System, Action: ActionRaised, Target: a.ID,
				Details: map[string]any{"rule": a.Rule, "severity": a.Severity, "subject": auditSubject(a.Subject)}}
			if err := s.audit.AppendTx(ctx, q, e); err != nil {
				return err
			}
		}
		if s.outbox != nil {
			m := notify.Message{ID: a.ID, Rule: a.Rule, Severity: a.Severity, Subject: a.Subject, Count: a.Count,
				FirstSeen: a.FirstSeen, LastSeen: a.LastSeen, Details: a.Details, OrgID: a.OrgID}
			if ev.NotifyUserID != "" {
				var email string
				if err := q.QueryRowContext(ctx, s.db.Rebind(`SELECT email FROM users WHERE id = ?`), ev.NotifyUserID).Scan(&email); err == nil && email != "" {
					m.ExtraTo = []string{email}
				}
			}
			if err := s.outbox.Enqueue(ctx, q, m); err != nil {
				return fmt.Errorf("alerts: queue delivery: %w", err)
			}
		}
		return nil
	})
	if err != nil {
		return nil, false, err
	}
	return a, created, nil
}

// mergeDetails returns old overlaid with new; "ip" values are also
// collected, at most maxAddresses of them, in "addresses".
func mergeDetails(old, new map[string]any) map[string]any {
	out := maps.Clone(old)
	if out == nil {
		out = map[string]any{}
	}
	var addrs []string
	if v, ok := out["addresses"].([]any); ok {
		for _, x := range v {
			if s, ok := x.(string); ok {
				addrs = append(addrs, s)
			}
		}
	}
	maps.Copy(out, new)
	if ip, ok := new["ip"].(string); ok && ip != "" && !slices.Contains(addrs, ip) && len(addrs) < maxAddresses {
		addrs = append(addrs, ip)
	}
	if len(addrs) > 0 {
		list := make([]any, len(addrs))
		for i, a := range addrs {
			list[i] = a
		}
		out["addresses"] = list
	}
	// Round-trip so the result is plain JSON values, as read back.
	b, err := json.Marshal(out)
	if err != nil {
		return out
	}
	var generic map[string]any
	if json.Unmarshal(b, &generic) != nil {
		return out
	}
	return generic
}

func maxTime(a, b time.Time) time.Time {
	if b.After(a) {
		return b
	}
	return a
}

func nullString(s string) any {
	if s == "" {
		return nil
	}
	return s
}

const alertColumns = `id, org_id, rule, severity, subject, count, first_seen, last_seen, state, acknowledged_by, acknowledged_at, details`

type scanner interface{ Scan(dest ...any) error }

func scanAlert(row scanner) (*Alert, error) {
	var (
		a           Alert
		org         sql.NullString
		first, last int64
		ackAt       sql.NullInt64
		details     string
	)
	if err := row.Scan(&a.ID, &org, &a.Rule, &a.Severity, &a.Subject, &a.Count, &first, &last, &a.State, &a.AcknowledgedBy, &ackAt, &details); err != nil {
		return nil, err
	}
	a.OrgID = org.String
	a.FirstSeen, a.LastSeen = time.UnixMicro(first).UTC(), time.UnixMicro(last).UTC()
	if ackAt.Valid {
		t := store.TimeFrom(ackAt)
		a.AcknowledgedAt = &t
	}
	a.Details = map[string]any{}
	if details != "" {
		if err := json.Unmarshal([]byte(details), &a.Details); err != nil {
			return nil, fmt.Errorf("alerts: details of %s: %w", a.ID, err)
		}
	}
	return &a, nil
}

// Viewer is who lists or acknowledges alerts: an owner or admin of an
// organisation. Both see their organisation's alerts; only owners see
// system-wide ones (an address's failed sign-ins, a backend, the audit
// chain), which concern every organisation on the server.
type Viewer struct {
	OrgID string
	Role  mira.Role
}

// MaySee reports whether v may see alerts at all (owners and admins).
func (v Viewer) MaySee() bool { return v.Role == mira.RoleOwner || v.Role == mira.RoleAdmin }

// Filter selects alerts for List, newest (last seen) first.
type Filter struct {
	State, Rule, Severity string // empty: any
	Limit                 int    // default 100, at most 500
}

// List returns the alerts v may see that match f.
func (s *Store) List(ctx context.Context, v Viewer, f Filter) ([]*Alert, error) {
	if !v.MaySee() {
		return nil, mira.Errorf(mira.EInsufficientScope, "only owners and admins of the organisation see its alerts")
	}
	var (
		where = []string{visibility(v)}
		args  = visibilityArgs(v)
	)
	for _, c := range []struct{ col, v string }{{"state", f.State}, {"rule", f.Rule}, {"severity", f.Severity}} {
		if c.v != "" {
			where = append(where, c.col+" = ?")
			args = append(args, c.v)
		}
	}
	limit := f.Limit
	if limit <= 0 {
		limit = 100
	}
	limit = min(limit, 500)
	args = append(args, limit)
	rows, err := s.db.SQL().QueryContext(ctx, s.db.Rebind(`SELECT `+alertColumns+` FROM alerts WHERE `+
		strings.Join(where, " AND ")+` ORDER BY last_seen DESC, id LIMIT ?`), args...)
	if err != nil {
		return nil, fmt.Errorf("alerts: list: %w", err)
	}
	defer rows.Close()
	out := []*Alert{}
	for rows.Next() {
		a, err := scanAlert(rows)
		if err != nil {
			return nil, err
		}
		out = append(out, a)
	}
	return out, rows.Err()
}

func visibility(v Viewer) string {
	if v.Role == mira.RoleOwner {
		return "(org_id = ? OR org_id IS NULL)"
	}
	return "org_id = ?"
}

func visibilityArgs(v Viewer) []any { return []any{v.OrgID} }

// Get returns alert id if v may see it.
func (s *Store) Get(ctx context.Context, v Viewer, id string) (*Alert, error) {
	if !v.MaySee() {
		return nil, mira.Errorf(mira.EInsufficientScope, "only owners and admins of the organisation see its alerts")
	}
	a, err := scanAlert(s.db.SQL().QueryRowContext(ctx, s.db.Rebind(`SELECT `+alertColumns+` FROM alerts WHERE id = ? AND `+visibility(v)),
		append([]any{id}, visibilityArgs(v)...)...))
	if errors.Is(err, sql.ErrNoRows) {
		return nil, mira.Errorf(mira.ENotFound, "no alert %s", id)
	}
	return a, err
}

// Acknowledge marks alert id acknowledged by actor (audit.User(id) or
// audit.Key(id)) and audits it, in one transaction. Acknowledging an
// acknowledged alert changes nothing. Alerts v may not see are not found.
func (s *Store) Acknowledge(ctx context.Context, v Viewer, id, actor, clientIP string) (*Alert, error) {
	if _, err := s.Get(ctx, v, id); err != nil {
		return nil, err
	}
	at := s.now().UTC().Truncate(time.Microsecond)
	err := s.db.InTx(ctx, func(tx *store.Tx) error {
		res, err := tx.SQL().ExecContext(ctx, s.db.Rebind(`UPDATE alerts SET state = 'acknowledged', acknowledged_by = ?, acknowledged_at = ?
			WHERE id = ? AND state = 'open'`), actor, at.UnixMicro(), id)
		if err != nil {
			return fmt.Errorf("alerts: acknowledge: %w", err)
		}
		if n, _ := res.RowsAffected(); n == 0 || s.audit == nil {
			return nil
		}
		return s.audit.AppendTx(ctx, tx.SQL(), &audit.Entry{OrgID: v.OrgID, Actor: actor, Action: ActionAcknowledged,
			Target: id, ClientIP: clientIP})
	})
	if err != nil {
		return nil, err
	}
	return s.Get(ctx, v, id)
}

// newSigninAddress reports whether userID signing in from ip (audit entry
// seq) is a sign-in from an address the user never signed in from before;
// a user's first sign-in is not. It reads the audit log, off the request
// path, the most recent 1000 sign-ins.
func (s *Store) newSigninAddress(ctx context.Context, userID, ip string, seq int64) (bool, error) {
	if seq <= 0 {
		seq = 1 << 62
	}
	rows, err := s.db.SQL().QueryContext(ctx, s.db.Rebind(`SELECT client_ip FROM audit_log
		WHERE action = ? AND target = ? AND seq < ? ORDER BY seq DESC LIMIT 1000`), audit.LoginSucceeded, userID, seq)
	if err != nil {
		return false, fmt.Errorf("alerts: sign-in history: %w", err)
	}
	defer rows.Close()
	signedIn := false
	for rows.Next() {
		var addr string
		if err := rows.Scan(&addr); err != nil {
			return false, err
		}
		if addr == ip {
			return false, nil
		}
		signedIn = true
	}
	return signedIn, rows.Err()
}

// userOrg returns the organisation of user id.
func (s *Store) userOrg(ctx context.Context, id string) (string, error) {
	var org string
	err := s.db.SQL().QueryRowContext(ctx, s.db.Rebind(`SELECT org_id FROM users WHERE id = ?`), id).Scan(&org)
	return org, err
}

// followedActions are the audit actions the detectors read.
var followedActions = []string{audit.KeyCreated, audit.LoginFailed, audit.LoginSucceeded, audit.DeviceApproved}

// claimAudit returns the audit entries after the shared cursor that the
// detectors read (at most 500), moving the cursor past them. Of several
// instances asking at once, one gets them: the cursor moves by compare and
// swap.
func (s *Store) claimAudit(ctx context.Context) ([]*audit.Entry, error) {
	var from int64
	if err := s.db.SQL().QueryRowContext(ctx, `SELECT seq FROM alerts_audit_cursor WHERE id = 1`).Scan(&from); err != nil {
		return nil, fmt.Errorf("alerts: audit cursor: %w", err)
	}
	var to int64
	if err := s.db.SQL().QueryRowContext(ctx, s.db.Rebind(`SELECT COALESCE(MAX(seq), 0) FROM (SELECT seq FROM audit_log WHERE seq > ? ORDER BY seq LIMIT 500) AS page`), from).Scan(&to); err != nil {
		return nil, fmt.Errorf("alerts: audit head: %w", err)
	}
	if to <= from {
		return nil, nil
	}
	res, err := s.db.SQL().ExecContext(ctx, s.db.Rebind(`UPDATE alerts_audit_cursor SET seq = ? WHERE id = 1 AND seq = ?`), to, from)
	if err != nil {
		return nil, fmt.Errorf("alerts: move the audit cursor: %w", err)
	}
	if n, _ := res.RowsAffected(); n != 1 {
		return nil, nil // another instance took them
	}
	rows, err := s.db.SQL().QueryContext(ctx, s.db.Rebind(`SELECT seq, org_id, actor, action, target, client_ip, details FROM audit_log
		WHERE seq > ? AND seq <= ? AND action IN (?, ?, ?, ?) ORDER BY seq`),
		from, to, followedActions[0], followedActions[1], followedActions[2], followedActions[3])
	if err != nil {
		return nil, fmt.Errorf("alerts: read the audit log: %w", err)
	}
	defer rows.Close()
	var out []*audit.Entry
	for rows.Next() {
		var (
			e       audit.Entry
			details string
		)
		if err := rows.Scan(&e.Seq, &e.OrgID, &e.Actor, &e.Action, &e.Target, &e.ClientIP, &details); err != nil {
			return nil, err
		}
		if details != "" {
			if err := json.Unmarshal([]byte(details), &e.Details); err != nil {
				return nil, fmt.Errorf("alerts: audit entry %d: %w", e.Seq, err)
			}
		}
		out = append(out, &e)
	}
	return out, rows.Err()
}

// auditSubject is an alert's subject as the audit log records it. The log
// refuses anything shaped like a key, even a key's display prefix (the
// subject of a burst against one prefix, prefix:sk-mira-AbCd): that is
// recorded without the key marker (prefix:AbCd); the alert, the entry's
// target, keeps the whole subject.
func auditSubject(subject string) string {
	return strings.ReplaceAll(subject, apikey.Prefix, "")
}
