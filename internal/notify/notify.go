// Package notify delivers alerts to the channels an operator configured
// (alerts.channels): Standard Webhooks-signed webhooks, Slack-compatible
// incoming webhooks and e-mail over SMTP, through a durable outbox in the
// database, so an alert raised before a crash is still delivered after it.
//
// Enqueue writes one outbox row per channel inside the caller's
// transaction; Run claims due rows, sends them outside any transaction, and
// marks each delivered, failed, or due again after an exponential backoff
// with full jitter, for at least RetryFor (24 h) after the first attempt.
// Several instances may share one database: on PostgreSQL rows are claimed
// with FOR UPDATE SKIP LOCKED, on SQLite under its single writer lock, and a
// claim is a lease (next_at pushed past the time a batch can take), so a
// row whose sender died mid-send is retried, never lost.
package notify

import (
	"cmp"
	"context"
	"crypto/rand"
	"database/sql"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"log/slog"
	mrand "math/rand/v2"
	"net/http"
	"slices"
	"strings"
	"sync"
	"time"

	"github.com/vmira/mira/internal/config"
	"github.com/vmira/mira/internal/store"
)

// Message is one alert to deliver. ID is the alert's id: a webhook's
// webhook-id, stable across retries, so receivers can deduplicate.
type Message struct {
	ID        string         `json:"id"`
	Rule      string         `json:"rule"`
	Severity  string         `json:"severity"`
	Subject   string         `json:"subject"` // what the alert is about: a key id, an address, a backend
	Count     int            `json:"count"`
	FirstSeen time.Time      `json:"first_seen"`
	LastSeen  time.Time      `json:"last_seen"`
	Details   map[string]any `json:"details,omitempty"`
	OrgID     string         `json:"org_id,omitempty"`
	// ExtraTo are more e-mail recipients for this alert (the owner of an
	// exposed key), besides each e-mail channel's own.
	ExtraTo []string `json:"extra_to,omitempty"`
}

// record is the stored payload of an outbox row: the message and when it
// was queued (the webhook body's timestamp, the same on every attempt).
type record struct {
	Message
	RaisedAt time.Time `json:"raised_at"`
}

// Defaults for Options.
const (
	DefaultBatchSize    = 50
	DefaultWorkers      = 4
	DefaultPollInterval = 3 * time.Second
	DefaultMinBackoff   = 5 * time.Second
	DefaultMaxBackoff   = time.Hour
	DefaultRetryFor     = 24 * time.Hour
	DefaultSendTimeout  = 10 * time.Second
	// maxRetryAfter bounds how far a receiver's Retry-After can push a retry.
	maxRetryAfter = 6 * time.Hour
	maxErrorLen   = 200
)

// Options tune a Notifier; the zero value is production.
type Options struct {
	Logger *slog.Logger
	Now    func() time.Time
	// HTTPClient sends webhooks and Slack messages. Default: a 10 s
	// timeout, TLS verified, redirects followed only to the same scheme
	// and host.
	HTTPClient *http.Client
	// Email dials SMTP servers; default: net.Dialer and the system roots.
	Email EmailOptions
	// Jitter returns a uniform random duration in [0, d]; default
	// math/rand/v2. Tests make it deterministic.
	Jitter       func(d time.Duration) time.Duration
	BatchSize    int           // rows claimed at a time
	Workers      int           // sends in flight at a time
	PollInterval time.Duration // how often to look for due rows without a poke
	MinBackoff   time.Duration // first retry's backoff ceiling; doubles per attempt
	MaxBackoff   time.Duration // cap on the backoff ceiling
	RetryFor     time.Duration // give up on a row this long after its first attempt
	// Lease is how long a claimed row stays invisible to other senders;
	// default: enough for a whole batch to time out.
	Lease time.Duration
}

// Notifier queues and delivers alerts. It is safe for concurrent use.
type Notifier struct {
	db       *store.DB
	opts     Options
	log      *slog.Logger
	channels map[string]sender
	names    []string // channel names, sorted
	poke     chan struct{}
}

// sender delivers one message on one channel.
type sender interface {
	send(ctx context.Context, r *record) error
}

// New resolves the channels' secrets (from getenv and files, which must be
// mode 0600) and returns a Notifier. Its errors name the channel and the
// variable or file at fault, never a secret. With no channels, Enqueue
// does nothing and Run only waits.
func New(db *store.DB, channels []config.AlertChannel, getenv func(string) string, opts Options) (*Notifier, error) {
	opts.Logger = cmp.Or(opts.Logger, slog.New(slog.DiscardHandler))
	if opts.Now == nil {
		opts.Now = time.Now
	}
	if opts.HTTPClient == nil {
		opts.HTTPClient = newHTTPClient()
	}
	if opts.Jitter == nil {
		opts.Jitter = func(d time.Duration) time.Duration {
			if d <= 0 {
				return 0
			}
			return time.Duration(mrand.Int64N(int64(d) + 1))
		}
	}
	opts.BatchSize = cmp.Or(opts.BatchSize, DefaultBatchSize)
	opts.Workers = cmp.Or(opts.Workers, DefaultWorkers)
	opts.PollInterval = cmp.Or(opts.PollInterval, DefaultPollInterval)
	opts.MinBackoff = cmp.Or(opts.MinBackoff, DefaultMinBackoff)
	opts.MaxBackoff = cmp.Or(opts.MaxBackoff, DefaultMaxBackoff)
	opts.RetryFor = cmp.Or(opts.RetryFor, DefaultRetryFor)
	if opts.Lease == 0 {
		rounds := (opts.BatchSize + opts.Workers - 1) / opts.Workers
		opts.Lease = time.Duration(rounds)*emailTimeout + time.Minute
	}
	n := &Notifier{
		db:       db,
		opts:     opts,
		log:      opts.Logger,
		channels: map[string]sender{},
		poke:     make(chan struct{}, 1),
	}
	var errs []error
	for _, ch := range channels {
		s, err := n.newSender(ch, getenv)
		if err != nil {
			errs = append(errs, fmt.Errorf("alerts channel %q: %w", ch.Name, err))
			continue
		}
		if _, dup := n.channels[ch.Name]; dup {
			errs = append(errs, fmt.Errorf("alerts channel %q is configured twice", ch.Name))
			continue
		}
		n.channels[ch.Name] = s
		n.names = append(n.names, ch.Name)
	}
	if err := errors.Join(errs...); err != nil {
		return nil, fmt.Errorf("notify: %w", err)
	}
	slices.Sort(n.names)
	return n, nil
}

func (n *Notifier) newSender(ch config.AlertChannel, getenv func(string) string) (sender, error) {
	switch ch.Type {
	case "webhook", "slack":
		u := ch.URL
		if ch.URLEnv != "" {
			if u = strings.TrimSpace(getenv(ch.URLEnv)); u == "" {
				return nil, fmt.Errorf("environment variable %s (url_env) is empty", ch.URLEnv)
			}
		}
		if err := config.CheckAlertURL(u); err != nil {
			return nil, fmt.Errorf("url %v", err)
		}
		if ch.Type == "slack" {
			return &slack{url: u, client: n.opts.HTTPClient}, nil
		}
		secret, err := readSecret("secret", ch.SecretEnv, ch.SecretFile, getenv)
		if err != nil {
			return nil, err
		}
		key, err := decodeWebhookSecret(secret)
		if err != nil {
			return nil, err
		}
		return &webhook{url: u, key: key, client: n.opts.HTTPClient, now: n.opts.Now}, nil
	case "email":
		var password string
		if ch.PasswordEnv != "" || ch.PasswordFile != "" {
			var err error
			if password, err = readSecret("password", ch.PasswordEnv, ch.PasswordFile, getenv); err != nil {
				return nil, err
			}
		}
		return newEmail(ch, password, n.opts.Email, n.opts.Now)
	default:
		return nil, fmt.Errorf("type %q is not webhook, slack or email", ch.Type)
	}
}

// Enqueue queues m for every channel, inside tx, so that the alert and its
// deliveries commit together (a nil tx uses a transaction of its own). A
// message already queued (same ID) is not queued again. It only writes
// rows: delivery happens in Run, after a poke that Enqueue gives it.
func (n *Notifier) Enqueue(ctx context.Context, tx *sql.Tx, m Message) error {
	if len(n.names) == 0 {
		return nil
	}
	if err := checkMessageID(m.ID); err != nil {
		return fmt.Errorf("notify: %w", err)
	}
	now := n.opts.Now()
	payload, err := json.Marshal(record{Message: m, RaisedAt: now.UTC().Truncate(time.Second)})
	if err != nil {
		return fmt.Errorf("notify: encode alert %s: %w", m.ID, err)
	}
	insert := func(tx *sql.Tx) error {
		q := n.db.Rebind(`INSERT INTO alert_outbox (id, message_id, channel, payload, attempts, created_at, next_at)
			VALUES (?, ?, ?, ?, 0, ?, ?) ON CONFLICT (message_id, channel) DO NOTHING`)
		for _, name := range n.names {
			if _, err := tx.ExecContext(ctx, q, newRowID(), m.ID, name, string(payload), now.UnixMicro(), now.UnixMicro()); err != nil {
				return fmt.Errorf("notify: queue alert %s for channel %q: %w", m.ID, name, err)
			}
		}
		return nil
	}
	if tx == nil {
		err = n.db.InTx(ctx, func(tx *store.Tx) error { return insert(tx.SQL()) })
	} else {
		err = insert(tx)
	}
	if err != nil {
		return err
	}
	n.Poke()
	return nil
}

// Poke wakes Run to look for due rows now. Enqueue pokes; a caller that
// commits its transaction later may poke again after the commit, so that
// the delivery does not wait for the next poll.
func (n *Notifier) Poke() {
	select {
	case n.poke <- struct{}{}:
	default:
	}
}

func checkMessageID(id string) error {
	if id == "" || len(id) > 200 || strings.ContainsFunc(id, func(r rune) bool { return r <= ' ' || r == 0x7f }) {
		return fmt.Errorf("alert id %q must be 1 to 200 characters without spaces or control characters", id)
	}
	return nil
}

func newRowID() string {
	var b [16]byte
	rand.Read(b[:])
	return hex.EncodeToString(b[:])
}

// Run delivers queued alerts until ctx is done: whenever poked, and every
// PollInterval for rows queued by other instances or due for a retry.
// Errors are logged, never returned; a dead receiver costs one batch of
// memory at a time, however many alerts are queued.
func (n *Notifier) Run(ctx context.Context) {
	if len(n.names) == 0 {
		<-ctx.Done()
		return
	}
	timer := time.NewTimer(0)
	defer timer.Stop()
	var lastErr time.Time
	for {
		poked := false
		select {
		case <-ctx.Done():
			return
		case <-n.poke:
			poked = true
		case <-timer.C:
		}
		for ctx.Err() == nil {
			k, err := n.DeliverDue(ctx)
			if err != nil {
				if ctx.Err() == nil && time.Since(lastErr) > time.Minute {
					lastErr = time.Now()
					n.log.LogAttrs(ctx, slog.LevelWarn, "alert delivery: reading the outbox failed", slog.String("error", err.Error()))
				}
				break
			}
			if k < n.opts.BatchSize {
				break
			}
		}
		// A poke from Enqueue can come before the caller's transaction
		// commits; look again shortly rather than at the next poll.
		next := n.opts.PollInterval
		if poked {
			next = min(next, 500*time.Millisecond)
		}
		timer.Reset(next)
	}
}

// claimed is an outbox row being sent.
type claimed struct {
	id       string
	channel  string
	payload  string
	attempts int // including this one
	firstAt  time.Time
}

// DeliverDue claims up to BatchSize due rows, sends them, and records the
// outcomes. It returns how many rows it claimed.
func (n *Notifier) DeliverDue(ctx context.Context) (int, error) {
	rows, err := n.claim(ctx)
	if err != nil || len(rows) == 0 {
		return 0, err
	}
	work := make(chan int)
	outcomes := make([]outcome, len(rows))
	var wg sync.WaitGroup
	for range min(n.opts.Workers, len(rows)) {
		wg.Go(func() {
			for i := range work {
				outcomes[i] = n.deliver(ctx, rows[i])
			}
		})
	}
	for i := range rows {
		work <- i
	}
	close(work)
	wg.Wait()
	n.record(ctx, outcomes)
	return len(rows), nil
}

// claim takes due rows for this instance's channels, pushing their next_at
// past the lease and counting the attempt.
func (n *Notifier) claim(ctx context.Context) ([]*claimed, error) {
	now := n.opts.Now()
	var out []*claimed
	err := n.db.InTx(ctx, func(tx *store.Tx) error {
		out = out[:0]
		args := []any{now.UnixMicro()}
		marks := make([]string, len(n.names))
		for i, name := range n.names {
			marks[i] = "?"
			args = append(args, name)
		}
		q := `SELECT id, channel, payload, attempts, first_at FROM alert_outbox
			WHERE delivered_at IS NULL AND failed_at IS NULL AND next_at <= ? AND channel IN (` + strings.Join(marks, ", ") + `)
			ORDER BY next_at LIMIT ?`
		args = append(args, n.opts.BatchSize)
		if tx.Dialect() == store.DialectPostgres {
			q += ` FOR UPDATE SKIP LOCKED`
		}
		rs, err := tx.SQL().QueryContext(ctx, n.db.Rebind(q), args...)
		if err != nil {
			return err
		}
		defer rs.Close()
		for rs.Next() {
			var c claimed
			var first sql.NullInt64
			if err := rs.Scan(&c.id, &c.channel, &c.payload, &c.attempts, &first); err != nil {
				return err
			}
			c.attempts++
			c.firstAt = store.TimeFrom(first)
			if c.firstAt.IsZero() {
				c.firstAt = now
			}
			out = append(out, &c)
		}
		if err := rs.Err(); err != nil {
			return err
		}
		rs.Close()
		lease := n.db.Rebind(`UPDATE alert_outbox SET attempts = ?, first_at = ?, next_at = ? WHERE id = ?`)
		for _, c := range out {
			if _, err := tx.SQL().ExecContext(ctx, lease, c.attempts, c.firstAt.UnixMicro(), now.Add(n.opts.Lease).UnixMicro(), c.id); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("claim due alerts: %w", err)
	}
	return out, nil
}

// outcome is an UPDATE recording how a delivery went.
type outcome struct {
	query string
	args  []any
}

// deliver sends one claimed row and returns the outcome to record.
func (n *Notifier) deliver(ctx context.Context, c *claimed) outcome {
	var r record
	err := json.Unmarshal([]byte(c.payload), &r)
	if err == nil {
		err = n.channels[c.channel].send(ctx, &r)
	}
	now := n.opts.Now()
	log := n.log.With(slog.String("channel", c.channel), slog.String("alert", r.ID), slog.Int("attempt", c.attempts))
	var o outcome
	var perm *permanentError
	switch {
	case err == nil:
		o = outcome{`UPDATE alert_outbox SET delivered_at = ?, last_error = '' WHERE id = ? AND attempts = ?`, []any{now.UnixMicro()}}
		log.LogAttrs(ctx, slog.LevelDebug, "alert delivered")
	case errors.As(err, &perm) || now.Sub(c.firstAt) >= n.opts.RetryFor:
		o = outcome{`UPDATE alert_outbox SET failed_at = ?, last_error = ? WHERE id = ? AND attempts = ?`, []any{now.UnixMicro(), short(err)}}
		log.LogAttrs(ctx, slog.LevelError, "alert delivery failed; giving up", slog.Duration("since_first_attempt", now.Sub(c.firstAt)), slog.String("error", short(err)))
	default:
		wait := n.backoff(c.attempts, err)
		o = outcome{`UPDATE alert_outbox SET next_at = ?, last_error = ? WHERE id = ? AND attempts = ?`, []any{now.Add(wait).UnixMicro(), short(err)}}
		// Warn on the first failure only: a dead receiver with thousands
		// of queued alerts must not flood the log on every round.
		level := slog.LevelDebug
		if c.attempts == 1 {
			level = slog.LevelWarn
		}
		log.LogAttrs(ctx, level, "alert delivery failed; will retry", slog.Duration("retry_in", wait), slog.String("error", short(err)))
	}
	// attempts = ? : a row whose lease ran out and was claimed again by
	// another sender belongs to that sender now.
	o.args = append(o.args, c.id, c.attempts)
	return o
}

// record writes a batch's outcomes in one transaction (one commit, one
// fsync on SQLite, per batch), even when ctx was cancelled mid-send. If it
// fails, the rows are sent again after their lease.
func (n *Notifier) record(ctx context.Context, outcomes []outcome) {
	wctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), 30*time.Second)
	defer cancel()
	err := n.db.InTx(wctx, func(tx *store.Tx) error {
		for _, o := range outcomes {
			if _, err := tx.SQL().ExecContext(wctx, n.db.Rebind(o.query), o.args...); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		n.log.LogAttrs(ctx, slog.LevelWarn, "alert delivery: recording outcomes failed; those alerts will be sent again after their lease",
			slog.Int("alerts", len(outcomes)), slog.String("error", err.Error()))
	}
}

// backoff is the wait before retry number attempts: full jitter over a
// ceiling of MinBackoff doubling per attempt up to MaxBackoff, and at
// least what the receiver asked for with Retry-After.
func (n *Notifier) backoff(attempts int, err error) time.Duration {
	ceiling := n.opts.MinBackoff
	for i := 1; i < attempts && ceiling < n.opts.MaxBackoff; i++ {
		ceiling *= 2
	}
	ceiling = min(ceiling, n.opts.MaxBackoff)
	wait := n.opts.Jitter(ceiling)
	var ra *retryAfterError
	if errors.As(err, &ra) {
		wait = max(wait, min(ra.after, maxRetryAfter))
	}
	return max(wait, time.Second)
}

// permanentError is a failure not worth retrying (a webhook answering 410 Gone).
type permanentError struct{ err error }

func (e *permanentError) Error() string { return e.err.Error() }
func (e *permanentError) Unwrap() error { return e.err }

// retryAfterError is a failure whose receiver said when to try again.
type retryAfterError struct {
	err   error
	after time.Duration
}

func (e *retryAfterError) Error() string { return e.err.Error() }
func (e *retryAfterError) Unwrap() error { return e.err }

// short is err's message cut for last_error and logs.
func short(err error) string {
	s := strings.Map(func(r rune) rune {
		if r < ' ' || r == 0x7f {
			return ' '
		}
		return r
	}, err.Error())
	if len(s) > maxErrorLen {
		s = strings.ToValidUTF8(s[:maxErrorLen], "") + "..."
	}
	return s
}
