package reqlog

import (
	"context"
	"database/sql"
	"encoding/base64"
	"encoding/binary"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/vmira/mira/internal/mira"
	"github.com/vmira/mira/internal/store"
)

// Reader answers queries over the request logs and usage rollups. Every
// query is scoped to one organisation.
type Reader struct {
	db   *store.DB
	keys *Keyring
}

// NewReader returns a Reader on db. keys decrypts stored bodies; nil means
// bodies are never returned.
func NewReader(db *store.DB, keys *Keyring) *Reader {
	return &Reader{db: db, keys: keys}
}

// Limits of LogQuery.Limit.
const (
	DefaultLogLimit = 50
	MaxLogLimit     = 1000
)

// LogQuery selects request log rows, newest first.
type LogQuery struct {
	OrgID      string // required
	KeyID      string // empty: every key
	Model      string // empty: every model
	Status     int    // 0: every status
	ErrorsOnly bool   // only status >= 400
	From, To   time.Time
	// From is inclusive, To exclusive; zero: unbounded.
	Cursor        string // NextCursor of the previous page; empty: the newest rows
	Limit         int    // default DefaultLogLimit, at most MaxLogLimit
	IncludeBodies bool   // decrypt stored bodies into Record.Request/Response
}

// Record is a stored request log entry.
type Record struct {
	ID int64
	Entry
	// HasBodies reports whether bodies were stored for the request.
	HasBodies bool
	// BodyError says why stored bodies could not be returned (a key no
	// longer held, a row altered in the database); empty otherwise.
	BodyError string
}

// LogPage is one page of request logs.
type LogPage struct {
	Records []Record
	// NextCursor fetches the next (older) page; empty on the last page.
	NextCursor string
}

const logColumns = `id, at, request_id, org_id, key_id, user_id, endpoint, model, status, latency_us,
	prompt_tokens, completion_tokens, client_ip, filter_verdict, sensitive_types, stream,
	body_kid, request_body, response_body`

// ErrBadCursor is wrapped by the error of a query with a cursor it did not
// hand out; the error is an invalid_request *mira.Error.
var ErrBadCursor = errors.New("reqlog: invalid cursor")

// Logs returns a page of q.OrgID's request logs, newest first.
func (r *Reader) Logs(ctx context.Context, q LogQuery) (LogPage, error) {
	if q.OrgID == "" {
		return LogPage{}, errors.New("reqlog: logs query without an organisation")
	}
	limit := q.Limit
	if limit <= 0 {
		limit = DefaultLogLimit
	}
	limit = min(limit, MaxLogLimit)

	var (
		where strings.Builder
		args  = []any{q.OrgID}
	)
	where.WriteString(`org_id = ?`)
	if q.KeyID != "" {
		where.WriteString(` AND key_id = ?`)
		args = append(args, q.KeyID)
	}
	if q.Model != "" {
		where.WriteString(` AND model = ?`)
		args = append(args, q.Model)
	}
	if q.Status != 0 {
		where.WriteString(` AND status = ?`)
		args = append(args, q.Status)
	}
	if q.ErrorsOnly {
		where.WriteString(` AND status >= 400`)
	}
	if !q.From.IsZero() {
		where.WriteString(` AND at >= ?`)
		args = append(args, q.From.UnixMicro())
	}
	if !q.To.IsZero() {
		where.WriteString(` AND at < ?`)
		args = append(args, q.To.UnixMicro())
	}
	if q.Cursor != "" {
		at, id, err := parseCursor(q.Cursor)
		if err != nil {
			return LogPage{}, err
		}
		where.WriteString(` AND (at < ? OR (at = ? AND id < ?))`)
		args = append(args, at, at, id)
	}
	args = append(args, limit+1)
	query := `SELECT ` + logColumns + ` FROM request_logs WHERE ` + where.String() + ` ORDER BY at DESC, id DESC LIMIT ?`
	rows, err := r.db.SQL().QueryContext(ctx, r.db.Rebind(query), args...)
	if err != nil {
		return LogPage{}, fmt.Errorf("reqlog: query logs: %w", err)
	}
	defer rows.Close()
	var page LogPage
	for rows.Next() {
		rec, err := r.scan(rows, q.IncludeBodies)
		if err != nil {
			return LogPage{}, fmt.Errorf("reqlog: query logs: %w", err)
		}
		page.Records = append(page.Records, rec)
	}
	if err := rows.Err(); err != nil {
		return LogPage{}, fmt.Errorf("reqlog: query logs: %w", err)
	}
	if len(page.Records) > limit {
		page.Records = page.Records[:limit]
		last := page.Records[limit-1]
		page.NextCursor = formatCursor(last.Time.UnixMicro(), last.ID)
	}
	return page, nil
}

// Log returns the request log row id of orgID, bodies included, or an
// error wrapping mira.ErrNotFound.
func (r *Reader) Log(ctx context.Context, orgID string, id int64) (*Record, error) {
	row := r.db.SQL().QueryRowContext(ctx, r.db.Rebind(`SELECT `+logColumns+` FROM request_logs WHERE org_id = ? AND id = ?`), orgID, id)
	rec, err := r.scan(row, true)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, fmt.Errorf("reqlog: log %d: %w", id, mira.ErrNotFound)
	}
	if err != nil {
		return nil, fmt.Errorf("reqlog: log %d: %w", id, err)
	}
	return &rec, nil
}

func (r *Reader) scan(row interface{ Scan(...any) error }, bodies bool) (Record, error) {
	var (
		rec             Record
		at, latency     int64
		types, kid      string
		reqBody, respBd []byte
	)
	e := &rec.Entry
	err := row.Scan(&rec.ID, &at, &e.RequestID, &e.OrgID, &e.KeyID, &e.UserID, &e.Endpoint, &e.Model,
		&e.Status, &latency, &e.PromptTokens, &e.CompletionTokens, &e.ClientIP, &e.FilterVerdict,
		&types, &e.Stream, &kid, &reqBody, &respBd)
	if err != nil {
		return rec, err
	}
	e.Time = time.UnixMicro(at).UTC()
	e.Latency = time.Duration(latency) * time.Microsecond
	e.SensitiveTypes = strings.Fields(types)
	rec.HasBodies = reqBody != nil || respBd != nil
	if !rec.HasBodies || !bodies {
		return rec, nil
	}
	if r.keys == nil {
		rec.BodyError = "this server has no body encryption key"
		return rec, nil
	}
	for _, b := range []struct {
		sealed []byte
		part   string
		out    *[]byte
	}{{reqBody, partRequest, &e.Request}, {respBd, partResponse, &e.Response}} {
		if b.sealed == nil {
			continue
		}
		pt, err := r.keys.open(kid, bodyAAD(kid, e, b.part), b.sealed)
		if err != nil {
			rec.BodyError = err.Error()
			e.Request, e.Response = nil, nil
			break
		}
		*b.out = pt
	}
	return rec, nil
}

// Cursors are opaque to clients: base64url of the last row's time and id.
// They carry no organisation; every query is scoped by its own OrgID.
func formatCursor(at, id int64) string {
	var b [16]byte
	binary.BigEndian.PutUint64(b[:8], uint64(at))
	binary.BigEndian.PutUint64(b[8:], uint64(id))
	return base64.RawURLEncoding.EncodeToString(b[:])
}

func parseCursor(s string) (at, id int64, err error) {
	b, err := base64.RawURLEncoding.DecodeString(s)
	if err != nil || len(b) != 16 {
		return 0, 0, &mira.Error{Code: mira.EInvalidRequest, Param: "cursor", Message: "invalid cursor: pass the next_cursor of the previous page", Err: ErrBadCursor}
	}
	return int64(binary.BigEndian.Uint64(b[:8])), int64(binary.BigEndian.Uint64(b[8:])), nil
}

// UsageQuery selects usage of one organisation per day.
type UsageQuery struct {
	OrgID string // required
	// From and To are days (UTC; the time of day is ignored), both
	// included; zero: unbounded.
	From, To time.Time
	KeyID    string // empty: every key
	Model    string // empty: every model
	ByKey    bool   // one row per key and day, instead of the keys' sum
	ByModel  bool   // one row per model and day, instead of the models' sum
}

// UsageRow is the usage of one day (and key and model, when grouped by them).
type UsageRow struct {
	Day              time.Time // UTC midnight
	KeyID            string    // empty unless ByKey
	Model            string    // empty unless ByModel
	Requests         int64
	Errors           int64 // requests answered with status >= 400
	PromptTokens     int64
	CompletionTokens int64
}

// Usage returns q.OrgID's usage per day, oldest first (then by key and
// model). Days without requests have no row.
func (r *Reader) Usage(ctx context.Context, q UsageQuery) ([]UsageRow, error) {
	if q.OrgID == "" {
		return nil, errors.New("reqlog: usage query without an organisation")
	}
	keyCol, modelCol := `''`, `''`
	group := `day`
	if q.ByKey {
		keyCol = `key_id`
		group += `, key_id`
	}
	if q.ByModel {
		modelCol = `model`
		group += `, model`
	}
	var where strings.Builder
	args := []any{q.OrgID}
	where.WriteString(`org_id = ?`)
	if !q.From.IsZero() {
		where.WriteString(` AND day >= ?`)
		args = append(args, dayOf(q.From).UnixMicro())
	}
	if !q.To.IsZero() {
		where.WriteString(` AND day <= ?`)
		args = append(args, dayOf(q.To).UnixMicro())
	}
	if q.KeyID != "" {
		where.WriteString(` AND key_id = ?`)
		args = append(args, q.KeyID)
	}
	if q.Model != "" {
		where.WriteString(` AND model = ?`)
		args = append(args, q.Model)
	}
	query := `SELECT day, ` + keyCol + `, ` + modelCol + `,
		CAST(SUM(requests) AS BIGINT), CAST(SUM(errors) AS BIGINT),
		CAST(SUM(prompt_tokens) AS BIGINT), CAST(SUM(completion_tokens) AS BIGINT)
		FROM usage_daily WHERE ` + where.String() + ` GROUP BY ` + group + ` ORDER BY ` + group
	rows, err := r.db.SQL().QueryContext(ctx, r.db.Rebind(query), args...)
	if err != nil {
		return nil, fmt.Errorf("reqlog: query usage: %w", err)
	}
	defer rows.Close()
	var out []UsageRow
	for rows.Next() {
		var (
			u   UsageRow
			day int64
		)
		if err := rows.Scan(&day, &u.KeyID, &u.Model, &u.Requests, &u.Errors, &u.PromptTokens, &u.CompletionTokens); err != nil {
			return nil, fmt.Errorf("reqlog: query usage: %w", err)
		}
		u.Day = time.UnixMicro(day).UTC()
		out = append(out, u)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("reqlog: query usage: %w", err)
	}
	return out, nil
}
