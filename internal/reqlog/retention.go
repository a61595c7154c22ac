package reqlog

import (
	"cmp"
	"context"
	"errors"
	"fmt"
	"log/slog"
	"time"

	"github.com/vmira/mira/internal/store"
)

// Retention limits. SPEC.md promises request logs are kept at most 30 days.
const (
	MaxRetention     = 30 * 24 * time.Hour
	DefaultRetention = MaxRetention
	// MinRetention is the shortest retention: the purger runs every few
	// minutes at most, so a shorter one would not be honoured.
	MinRetention = time.Hour
	// DefaultUsageRetention is how long the daily usage rollups are kept.
	// They hold counts per key, model and day, no request content, so they
	// may outlive the logs; a bit over a year allows year-on-year views.
	DefaultUsageRetention = 400 * 24 * time.Hour
)

// ErrRetentionTooLong is wrapped by the error ValidateRetention returns for
// a retention over MaxRetention.
var ErrRetentionTooLong = errors.New("request log retention longer than 30 days")

// ValidateRetention refuses a retention over 30 days (Mira's promise) or
// under an hour.
func ValidateRetention(d time.Duration) error {
	switch {
	case d > MaxRetention:
		return fmt.Errorf("%w: %s is longer than the 30-day maximum: Mira keeps request logs at most 30 days; set 30d or less", ErrRetentionTooLong, formatDays(d))
	case d < MinRetention:
		return fmt.Errorf("request log retention %s is too short: the minimum is 1h (bodies can be turned off entirely with zero-retention instead)", formatDays(d))
	}
	return nil
}

// formatDays writes d as whole days when it is some, else as a duration.
func formatDays(d time.Duration) string {
	if d > 0 && d%(24*time.Hour) == 0 {
		return fmt.Sprintf("%dd", d/(24*time.Hour))
	}
	return d.String()
}

// PurgerConfig configures a Purger.
type PurgerConfig struct {
	// Retention is how long request log rows are kept. Default (zero)
	// DefaultRetention; over MaxRetention is an error.
	Retention time.Duration
	// UsageRetention is how long daily usage rollups are kept. Default
	// DefaultUsageRetention; it is never shorter than Retention.
	UsageRetention time.Duration
	// Interval between purges. Default an hour, or a quarter of Retention
	// when that is shorter.
	Interval time.Duration
	// BatchSize is the most rows deleted in one transaction, so writers
	// (request logs, key changes) wait at most one batch. Default 5,000.
	BatchSize int
	// Now is the clock (tests). Default time.Now.
	Now func() time.Time
	// Logger reports purges and failures. Default slog.Default().
	Logger *slog.Logger
}

// Purger deletes expired request logs and usage rollups.
//
// Deleted means gone from the database files, not just unlinked:
//
//   - SQLite: every connection that deletes from or writes to the log
//     tables runs with PRAGMA secure_delete=ON, so SQLite overwrites
//     deleted rows, freed pages and moved cells with zeros. After a purge,
//     a TRUNCATE checkpoint copies the zeroed pages into the database file
//     and empties the write-ahead log, which still held the old page
//     images. The file does not shrink: its free pages are zeroed and reused
//     by new rows, so it stays at about the size of one retention's logs
//     (VACUUM would rewrite the whole file under an exclusive lock).
//   - PostgreSQL: DELETE, then VACUUM of the two tables, which removes the
//     dead tuples and makes their space reusable.
type Purger struct {
	db  *store.DB
	cfg PurgerConfig
	now func() time.Time
	log *slog.Logger
}

// NewPurger returns a Purger for db.
func NewPurger(db *store.DB, cfg PurgerConfig) (*Purger, error) {
	cfg.Retention = cmp.Or(cfg.Retention, DefaultRetention)
	if err := ValidateRetention(cfg.Retention); err != nil {
		return nil, err
	}
	cfg.UsageRetention = max(cmp.Or(cfg.UsageRetention, DefaultUsageRetention), cfg.Retention)
	if cfg.Interval <= 0 {
		cfg.Interval = min(time.Hour, cfg.Retention/4)
	}
	if cfg.BatchSize <= 0 {
		cfg.BatchSize = 5000
	}
	p := &Purger{db: db, cfg: cfg, now: cfg.Now, log: cfg.Logger}
	if p.now == nil {
		p.now = time.Now
	}
	p.log = cmp.Or(p.log, slog.Default())
	return p, nil
}

// PurgeResult says what a purge did.
type PurgeResult struct {
	Logs      int64 // request log rows deleted
	UsageRows int64 // usage rollup rows deleted
	Took      time.Duration
}

// Purge deletes request log rows older than the retention and usage rows
// older than the usage retention, in batches, then reclaims their space
// (see Purger).
func (p *Purger) Purge(ctx context.Context) (PurgeResult, error) {
	start := time.Now()
	now := p.now()
	var res PurgeResult
	var err error
	res.Logs, err = p.deleteBatches(ctx,
		`DELETE FROM request_logs WHERE id IN (SELECT id FROM request_logs WHERE at < ? LIMIT ?)`,
		now.Add(-p.cfg.Retention).UnixMicro())
	if err != nil {
		return res, fmt.Errorf("reqlog: purge request logs: %w", err)
	}
	// Usage rows are few (keys x models per day): one statement.
	res.UsageRows, err = p.deleteBatch(ctx, p.db.Rebind(`DELETE FROM usage_daily WHERE day < ?`),
		dayOf(now.Add(-p.cfg.UsageRetention)).UnixMicro())
	if err != nil {
		return res, fmt.Errorf("reqlog: purge usage: %w", err)
	}
	if err := p.reclaim(ctx, res); err != nil {
		return res, fmt.Errorf("reqlog: reclaim space after purge: %w", err)
	}
	res.Took = time.Since(start)
	return res, nil
}

// deleteBatches runs query (with the cutoff and batch size as arguments)
// until it deletes fewer rows than a batch, each batch in its own
// transaction.
func (p *Purger) deleteBatches(ctx context.Context, query string, cutoff int64) (int64, error) {
	query = p.db.Rebind(query)
	var total int64
	for {
		n, err := p.deleteBatch(ctx, query, cutoff, p.cfg.BatchSize)
		total += n
		if err != nil {
			return total, err
		}
		if n < int64(p.cfg.BatchSize) {
			return total, nil
		}
	}
}

// deleteBatch runs one delete in its own transaction.
func (p *Purger) deleteBatch(ctx context.Context, query string, args ...any) (int64, error) {
	tx, err := p.db.SQL().BeginTx(ctx, nil)
	if err != nil {
		return 0, err
	}
	defer tx.Rollback()
	if p.db.Dialect() == store.DialectSQLite {
		if _, err := tx.ExecContext(ctx, `PRAGMA secure_delete = ON`); err != nil {
			return 0, err
		}
	}
	r, err := tx.ExecContext(ctx, query, args...)
	if err != nil {
		return 0, err
	}
	n, err := r.RowsAffected()
	if err != nil {
		return 0, err
	}
	return n, tx.Commit()
}

// reclaim makes the space of deleted rows reusable and their bytes gone.
func (p *Purger) reclaim(ctx context.Context, res PurgeResult) error {
	if res.Logs == 0 && res.UsageRows == 0 {
		return nil
	}
	switch p.db.Dialect() {
	case store.DialectSQLite:
		// The deletes zeroed the pages (secure_delete); the WAL still holds
		// the images of the pages before. TRUNCATE copies every frame into
		// the database and cuts the WAL to zero bytes. It waits (busy
		// timeout) for readers of older snapshots; if some remain it
		// reports busy, and the next purge tries again.
		var busy, logFrames, checkpointed int
		if err := p.db.SQL().QueryRowContext(ctx, `PRAGMA wal_checkpoint(TRUNCATE)`).Scan(&busy, &logFrames, &checkpointed); err != nil {
			return err
		}
		if busy != 0 {
			p.log.Warn("request log purge: WAL checkpoint blocked by readers; old pages stay in the WAL until the next purge")
		}
	case store.DialectPostgres:
		if res.Logs > 0 {
			if _, err := p.db.SQL().ExecContext(ctx, `VACUUM (ANALYZE) request_logs`); err != nil {
				return err
			}
		}
		if res.UsageRows > 0 {
			if _, err := p.db.SQL().ExecContext(ctx, `VACUUM usage_daily`); err != nil {
				return err
			}
		}
	}
	return nil
}

// Run purges at once, then every Interval, until ctx ends. Failures are
// logged and retried at the next interval.
func (p *Purger) Run(ctx context.Context) {
	t := time.NewTicker(p.cfg.Interval)
	defer t.Stop()
	for {
		res, err := p.Purge(ctx)
		switch {
		case err != nil && ctx.Err() == nil:
			p.log.Error("request log purge failed", "error", err)
		case res.Logs > 0 || res.UsageRows > 0:
			p.log.Info("request logs purged", "rows", res.Logs, "usage_rows", res.UsageRows, "took", res.Took)
		}
		select {
		case <-ctx.Done():
			return
		case <-t.C:
		}
	}
}
