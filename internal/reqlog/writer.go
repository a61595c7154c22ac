package reqlog

import (
	"cmp"
	"context"
	"database/sql"
	"errors"
	"fmt"
	"log/slog"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"time"
	"unicode/utf8"

	"github.com/vmira/mira/internal/mira"
	"github.com/vmira/mira/internal/store"
)

// Defaults of Config.
const (
	DefaultQueueSize          = 10000
	DefaultBatchSize          = 500
	DefaultFlushInterval      = time.Second
	DefaultMaxBodyBytes       = 64 << 10
	DefaultMaxQueuedBodyBytes = 64 << 20
)

// maskSlack is how much of a body beyond MaxBodyBytes is kept until it is
// masked: a card number or key that straddles the cut is still whole when
// the masker sees it, and the cut after masking removes what is past it.
// Large enough for a PEM private key block.
const maskSlack = 8 << 10

// truncatedNote ends a stored body that was cut to MaxBodyBytes.
const truncatedNote = "\n[mira: body truncated]"

// Config configures a Writer. The zero value logs metadata only.
type Config struct {
	// StoreBodies reports whether the bodies of an organisation's requests
	// are kept. Nil: never. It runs on the request path and concurrently;
	// keep it to a lookup in a map read under a lock or an atomic pointer.
	StoreBodies func(orgID string) bool
	// ZeroRetention stores no bodies at all, whatever StoreBodies says.
	ZeroRetention bool
	// Masker replaces sensitive data in a body before it is encrypted
	// (sensitive.Mask). Required when bodies can be stored: a body is never
	// stored unmasked.
	Masker func(string) string
	// Keyring encrypts stored bodies. Required when bodies can be stored.
	Keyring *Keyring
	// MaxBodyBytes caps each stored body, after masking; a longer one is
	// cut and marked. Default 64 KiB.
	MaxBodyBytes int

	// QueueSize bounds the entries waiting to be written. When it is full,
	// Log drops the entry and counts it (Stats.Dropped) rather than wait.
	// It is also the bound on what a crash can lose: at most QueueSize +
	// BatchSize entries, and in steady state only the last FlushInterval's.
	// Default 10,000 (a few MiB).
	QueueSize int
	// MaxQueuedBodyBytes bounds the memory held by bodies waiting to be
	// written; past it, entries are queued without their bodies
	// (Stats.BodiesDropped). Default 64 MiB.
	MaxQueuedBodyBytes int64
	// BatchSize is the most entries written in one transaction; a full
	// batch is written at once. Default 500.
	BatchSize int
	// FlushInterval is the longest an entry waits in a partial batch.
	// Default 1 s.
	FlushInterval time.Duration

	// Now is the clock (tests). Default time.Now.
	Now func() time.Time
	// Logger reports write failures. Default slog.Default().
	Logger *slog.Logger
}

// Stats counts what a Writer did since it started.
type Stats struct {
	Queued        int    // entries waiting now
	Written       uint64 // entries committed to the database
	Dropped       uint64 // entries dropped because the queue was full, or logged after Close
	Failed        uint64 // entries lost because the database refused their batch three times
	BodiesDropped uint64 // entries queued without their bodies because MaxQueuedBodyBytes was reached
}

// Writer writes request log entries in batches, off the request path. It is
// safe for concurrent use.
type Writer struct {
	db     *store.DB
	cfg    Config
	bodies bool // whether any body can be stored
	now    func() time.Time
	log    *slog.Logger

	queue    chan Entry
	flushReq chan chan error
	kick     chan struct{} // a full batch is waiting
	stop     chan struct{}
	done     chan struct{}
	stopOnce sync.Once
	closed   atomic.Bool
	closeErr error // set by run before done is closed

	queuedBodyBytes atomic.Int64
	written         atomic.Uint64
	dropped         atomic.Uint64
	failed          atomic.Uint64
	bodiesDropped   atomic.Uint64

	// Used by the writing goroutine only.
	insertStmt map[int]*sql.Stmt // by rows per statement, prepared once
	upsertStmt map[int]*sql.Stmt
	args       []any
}

// NewWriter starts a Writer on db. Close it to write what is queued.
func NewWriter(db *store.DB, cfg Config) (*Writer, error) {
	if cfg.QueueSize <= 0 {
		cfg.QueueSize = DefaultQueueSize
	}
	if cfg.BatchSize <= 0 {
		cfg.BatchSize = DefaultBatchSize
	}
	if cfg.FlushInterval <= 0 {
		cfg.FlushInterval = DefaultFlushInterval
	}
	if cfg.MaxBodyBytes <= 0 {
		cfg.MaxBodyBytes = DefaultMaxBodyBytes
	}
	if cfg.MaxQueuedBodyBytes <= 0 {
		cfg.MaxQueuedBodyBytes = DefaultMaxQueuedBodyBytes
	}
	w := &Writer{
		db:         db,
		cfg:        cfg,
		bodies:     cfg.StoreBodies != nil && !cfg.ZeroRetention,
		now:        cfg.Now,
		log:        cfg.Logger,
		queue:      make(chan Entry, cfg.QueueSize),
		flushReq:   make(chan chan error),
		kick:       make(chan struct{}, 1),
		stop:       make(chan struct{}),
		done:       make(chan struct{}),
		insertStmt: map[int]*sql.Stmt{},
		upsertStmt: map[int]*sql.Stmt{},
	}
	if w.bodies && cfg.Masker == nil {
		return nil, errors.New("reqlog: bodies are turned on but no Masker is set: refusing to store bodies unmasked")
	}
	if w.bodies && cfg.Keyring == nil {
		return nil, errors.New("reqlog: bodies are turned on but no Keyring is set: refusing to store bodies unencrypted")
	}
	if w.now == nil {
		w.now = time.Now
	}
	w.log = cmp.Or(w.log, slog.Default())
	go w.run()
	return w, nil
}

// WantsBodies reports whether the bodies of orgID's requests are stored, so
// the request path can skip capturing them when they are not.
func (w *Writer) WantsBodies(orgID string) bool {
	return w.bodies && w.cfg.StoreBodies(orgID)
}

// Log queues e to be written and returns at once: it never waits for the
// database or for room in the queue. When the queue is full, e is dropped
// and counted in Stats.Dropped. Log reports whether e was queued. It takes
// ownership of e's body slices.
func (w *Writer) Log(e Entry) bool {
	if w.closed.Load() {
		w.dropped.Add(1)
		return false
	}
	if e.Time.IsZero() {
		e.Time = w.now()
	}
	var n int64
	if e.Request != nil || e.Response != nil {
		if !w.WantsBodies(e.OrgID) {
			e.Request, e.Response = nil, nil
		} else {
			e.Request = clip(e.Request, w.cfg.MaxBodyBytes+maskSlack)
			e.Response = clip(e.Response, w.cfg.MaxBodyBytes+maskSlack)
			n = int64(len(e.Request) + len(e.Response))
			if w.queuedBodyBytes.Add(n) > w.cfg.MaxQueuedBodyBytes {
				w.queuedBodyBytes.Add(-n)
				n = 0
				e.Request, e.Response = nil, nil
				w.bodiesDropped.Add(1)
			}
		}
	}
	select {
	case w.queue <- e:
		if len(w.queue) >= w.cfg.BatchSize {
			select {
			case w.kick <- struct{}{}:
			default:
			}
		}
		return true
	default:
		if n > 0 {
			w.queuedBodyBytes.Add(-n)
		}
		w.dropped.Add(1)
		return false
	}
}

// clip returns b cut to at most max bytes, copied when cut so the caller's
// larger array is not kept alive by the queue.
func clip(b []byte, max int) []byte {
	if len(b) <= max {
		return b
	}
	return append([]byte(nil), b[:max]...)
}

// Stats returns the Writer's counters.
func (w *Writer) Stats() Stats {
	return Stats{
		Queued:        len(w.queue),
		Written:       w.written.Load(),
		Dropped:       w.dropped.Load(),
		Failed:        w.failed.Load(),
		BodiesDropped: w.bodiesDropped.Load(),
	}
}

// ErrClosed is returned by Flush after Close.
var ErrClosed = errors.New("reqlog: writer closed")

// Flush writes every entry logged before it was called, and returns the
// first error a batch of them met (those entries are then lost).
func (w *Writer) Flush(ctx context.Context) error {
	reply := make(chan error, 1)
	select {
	case w.flushReq <- reply:
	case <-w.done:
		return ErrClosed
	case <-ctx.Done():
		return ctx.Err()
	}
	select {
	case err := <-reply:
		return err
	case <-ctx.Done():
		return ctx.Err()
	}
}

// Close stops accepting entries, writes those queued, and returns the
// first error a batch of them met. Call it after the HTTP server has
// stopped handling requests: entries logged during or after Close are
// dropped.
func (w *Writer) Close() error {
	w.stopOnce.Do(func() {
		w.closed.Store(true)
		close(w.stop)
	})
	<-w.done
	return w.closeErr
}

// run is the writing goroutine. It does not wait on the queue itself: a
// receiver parked on the channel would be woken by every Log, a goroutine
// switch per request. It wakes on the interval, or when Log sees a full
// batch waiting, and then takes everything queued.
func (w *Writer) run() {
	defer close(w.done)
	defer w.closeStmts()
	batch := make([]Entry, 0, w.cfg.BatchSize)
	tick := time.NewTicker(w.cfg.FlushInterval)
	defer tick.Stop()
	for {
		select {
		case <-tick.C:
			batch, _ = w.drain(batch)
		case <-w.kick:
			batch, _ = w.drain(batch)
		case reply := <-w.flushReq:
			var err error
			batch, err = w.drain(batch)
			reply <- err
		case <-w.stop:
			_, w.closeErr = w.drain(batch)
			return
		}
	}
}

// drain writes everything queued, in batches.
func (w *Writer) drain(batch []Entry) ([]Entry, error) {
	var first error
	for {
		more := true
		for more && len(batch) < w.cfg.BatchSize {
			select {
			case e := <-w.queue:
				batch = append(batch, e)
			default:
				more = false
			}
		}
		var err error
		batch, err = w.flush(batch)
		if first == nil {
			first = err
		}
		if !more {
			return batch, first
		}
	}
}

// Retries of a batch the database refused: a busy SQLite past its timeout,
// a PostgreSQL failover.
var retryDelays = []time.Duration{100 * time.Millisecond, time.Second}

// writeTimeout bounds one attempt at writing a batch.
const writeTimeout = 15 * time.Second

// flush writes batch in one transaction, retrying twice, and returns the
// emptied batch for reuse.
func (w *Writer) flush(batch []Entry) ([]Entry, error) {
	if len(batch) == 0 {
		return batch, nil
	}
	var queued int64
	for i := range batch {
		queued += int64(len(batch[i].Request) + len(batch[i].Response))
	}
	args, rollups := w.prepare(batch)
	var err error
	for attempt := 0; ; attempt++ {
		ctx, cancel := context.WithTimeout(context.Background(), writeTimeout)
		err = w.write(ctx, len(batch), args, rollups)
		cancel()
		if err == nil || attempt == len(retryDelays) {
			break
		}
		time.Sleep(retryDelays[attempt])
	}
	if err != nil {
		w.failed.Add(uint64(len(batch)))
		w.log.Error("request log batch lost: the database refused it", "error", err, "entries", len(batch))
	} else {
		w.written.Add(uint64(len(batch)))
	}
	w.queuedBodyBytes.Add(-queued)
	clear(batch) // drop references to bodies
	clear(args)
	w.args = args[:0]
	return batch[:0], err
}

// rollupKey is one usage_daily row.
type rollupKey struct {
	org   string
	day   int64
	key   string
	model string
}

type rollupCounts struct {
	requests, errors, prompt, completion int64
}

type rollup struct {
	rollupKey
	rollupCounts
}

// insertColumns are request_logs' columns in the order prepare appends them.
const insertColumns = 18

// prepare masks and encrypts bodies, and returns the insert arguments and
// the usage increments of batch.
func (w *Writer) prepare(batch []Entry) ([]any, []rollup) {
	args := w.args[:0]
	counts := map[rollupKey]*rollupCounts{}
	for i := range batch {
		e := &batch[i]
		if e.RequestID == "" {
			e.RequestID = mira.NewID("req")
		}
		// Stored times have microsecond precision; the AAD must see the
		// stored time.
		e.Time = e.Time.Truncate(time.Microsecond)
		kid, req, resp := w.sealBodies(e)
		args = append(args, e.Time.UnixMicro(), e.RequestID, e.OrgID, e.KeyID, e.UserID, e.Endpoint, e.Model,
			e.Status, e.Latency.Microseconds(), e.PromptTokens, e.CompletionTokens, e.ClientIP,
			e.FilterVerdict, strings.Join(e.SensitiveTypes, " "), e.Stream, kid, req, resp)
		if e.OrgID == "" {
			continue
		}
		k := rollupKey{org: e.OrgID, day: dayOf(e.Time).UnixMicro(), key: e.KeyID, model: e.Model}
		c := counts[k]
		if c == nil {
			c = &rollupCounts{}
			counts[k] = c
		}
		c.requests++
		if e.isError() {
			c.errors++
		}
		c.prompt += e.PromptTokens
		c.completion += e.CompletionTokens
	}
	rollups := make([]rollup, 0, len(counts))
	for k, c := range counts {
		rollups = append(rollups, rollup{k, *c})
	}
	// One lock order for every writer: two instances upserting the same
	// PostgreSQL rows cannot deadlock.
	slices.SortFunc(rollups, func(a, b rollup) int {
		if c := strings.Compare(a.org, b.org); c != 0 {
			return c
		}
		if a.day != b.day {
			return int(a.day - b.day)
		}
		if c := strings.Compare(a.key, b.key); c != 0 {
			return c
		}
		return strings.Compare(a.model, b.model)
	})
	return args, rollups
}

// dayOf returns the UTC midnight starting t's day.
func dayOf(t time.Time) time.Time {
	y, m, d := t.UTC().Date()
	return time.Date(y, m, d, 0, 0, 0, 0, time.UTC)
}

// sealBodies returns the key id and the encrypted, masked bodies of e (nil
// for a body not stored).
func (w *Writer) sealBodies(e *Entry) (kid string, req, resp any) {
	if len(e.Request) == 0 && len(e.Response) == 0 {
		return "", nil, nil
	}
	if !w.WantsBodies(e.OrgID) { // the policy may have changed since Log
		return "", nil, nil
	}
	kid = w.cfg.Keyring.KeyID()
	mreq, mresp, ok := w.mask(e)
	if !ok {
		return "", nil, nil
	}
	if mreq != nil {
		req = w.cfg.Keyring.seal(bodyAAD(kid, e, partRequest), mreq)
	}
	if mresp != nil {
		resp = w.cfg.Keyring.seal(bodyAAD(kid, e, partResponse), mresp)
	}
	return kid, req, resp
}

const (
	partRequest  = "request"
	partResponse = "response"
)

// mask runs the masker over both bodies and cuts them to MaxBodyBytes. A
// masker that panics costs the entry its bodies, never its masking.
func (w *Writer) mask(e *Entry) (req, resp []byte, ok bool) {
	defer func() {
		if r := recover(); r != nil {
			w.log.Error("request log: masker panicked; bodies not stored", "panic", r)
			req, resp, ok = nil, nil, false
		}
	}()
	return w.maskOne(e.Request), w.maskOne(e.Response), true
}

func (w *Writer) maskOne(b []byte) []byte {
	if len(b) == 0 {
		return nil
	}
	s := w.cfg.Masker(string(b))
	if len(s) > w.cfg.MaxBodyBytes {
		cut := w.cfg.MaxBodyBytes
		for cut > 0 && !utf8.RuneStart(s[cut]) {
			cut--
		}
		s = s[:cut] + truncatedNote
	}
	return []byte(s)
}

// statementRows are the numbers of rows one INSERT statement takes, largest
// first: a batch is written in statements of these sizes, so at most four
// statements of each kind are ever prepared. A prepared statement lives on
// every connection that ran it; with SQLite each one holds its compiled
// program in the process, and a statement for every batch size from 1 to
// 100 made the memory grow for minutes (bench/rss.sh). 18 columns x 64 rows
// stays far below SQLite's and PostgreSQL's parameter limits.
var statementRows = [...]int{64, 16, 4, 1}

// statementSize returns how many of n rows the next statement takes.
func statementSize(n int) int {
	for _, r := range statementRows {
		if r <= n {
			return r
		}
	}
	return n
}

// write commits the rows and the usage increments in one transaction.
func (w *Writer) write(ctx context.Context, n int, args []any, rollups []rollup) error {
	tx, err := w.db.SQL().BeginTx(ctx, nil)
	if err != nil {
		return fmt.Errorf("begin: %w", err)
	}
	defer tx.Rollback()
	if w.db.Dialect() == store.DialectSQLite {
		// See Purger: every connection that writes the log tables zeroes
		// what it frees, or page rebalancing could leave copies of deleted
		// rows in free space.
		if _, err := tx.ExecContext(ctx, `PRAGMA secure_delete = ON`); err != nil {
			return fmt.Errorf("secure_delete: %w", err)
		}
	}
	for start, rows := 0, 0; start < n; start += rows {
		rows = statementSize(n - start)
		st, err := w.stmt(ctx, tx, w.insertStmt, rows, w.insertQuery)
		if err != nil {
			return fmt.Errorf("insert request logs: %w", err)
		}
		if _, err := st.ExecContext(ctx, args[start*insertColumns:(start+rows)*insertColumns]...); err != nil {
			return fmt.Errorf("insert request logs: %w", err)
		}
	}
	var uargs []any
	for start, rows := 0, 0; start < len(rollups); start += rows {
		rows = statementSize(len(rollups) - start)
		uargs = uargs[:0]
		for _, r := range rollups[start : start+rows] {
			uargs = append(uargs, r.org, r.day, r.key, r.model, r.requests, r.errors, r.prompt, r.completion)
		}
		st, err := w.stmt(ctx, tx, w.upsertStmt, rows, w.upsertQuery)
		if err != nil {
			return fmt.Errorf("update usage: %w", err)
		}
		if _, err := st.ExecContext(ctx, uargs...); err != nil {
			return fmt.Errorf("update usage: %w", err)
		}
	}
	if err := tx.Commit(); err != nil {
		return fmt.Errorf("commit: %w", err)
	}
	return nil
}

// stmt returns, for use in tx, the statement of query for rows rows,
// prepared once on the database and kept in cache: a statement of a
// hundred rows of placeholders is parsed once, not for every batch.
func (w *Writer) stmt(ctx context.Context, tx *sql.Tx, cache map[int]*sql.Stmt, rows int, query func(int) string) (*sql.Stmt, error) {
	st, ok := cache[rows]
	if !ok {
		var err error
		if st, err = w.db.SQL().PrepareContext(ctx, query(rows)); err != nil {
			return nil, err
		}
		cache[rows] = st
	}
	return tx.StmtContext(ctx, st), nil
}

// closeStmts closes the prepared statements, once the writing goroutine
// is done.
func (w *Writer) closeStmts() {
	for _, m := range []map[int]*sql.Stmt{w.insertStmt, w.upsertStmt} {
		for k, st := range m {
			st.Close()
			delete(m, k)
		}
	}
}

func (w *Writer) insertQuery(rows int) string {
	return w.db.Rebind(`INSERT INTO request_logs (at, request_id, org_id, key_id, user_id, endpoint, model,
		status, latency_us, prompt_tokens, completion_tokens, client_ip,
		filter_verdict, sensitive_types, stream, body_kid, request_body, response_body) VALUES ` +
		placeholders(rows, insertColumns))
}

func (w *Writer) upsertQuery(rows int) string {
	return w.db.Rebind(`INSERT INTO usage_daily (org_id, day, key_id, model, requests, errors, prompt_tokens, completion_tokens)
		VALUES ` + placeholders(rows, 8) + `
		ON CONFLICT (org_id, day, key_id, model) DO UPDATE SET
			requests = usage_daily.requests + excluded.requests,
			errors = usage_daily.errors + excluded.errors,
			prompt_tokens = usage_daily.prompt_tokens + excluded.prompt_tokens,
			completion_tokens = usage_daily.completion_tokens + excluded.completion_tokens`)
}

// placeholders returns "(?, ?), (?, ?)" for rows rows of cols columns.
func placeholders(rows, cols int) string {
	row := "(" + strings.Repeat("?, ", cols-1) + "?)"
	return strings.Repeat(row+", ", rows-1) + row
}
