// Package audit keeps Mira's audit log of security events (SPEC.md "Data
// handling"): key changes, sign-ins, device approvals, settings and role
// changes. It is append-only and tamper-evident.
//
// Each entry carries the SHA-256 hash of a canonical encoding of all its
// fields and of the previous entry's hash, so changing, removing, inserting
// or reordering an entry breaks the chain at that entry. Hashes alone can be
// recomputed by anyone who can write to the database, so two HMACs under a
// key derived from the server secret (which lives outside the database)
// close that door:
//
//   - each entry's hash is MACed: a forged or recomputed entry is found
//     exactly where it is;
//   - the chain head (last seq and hash) is MACed: cutting entries off the
//     end, which leaves a consistent shorter chain, is found too.
//
// What remains possible for an attacker with write access to the database
// and no secret is replaying an older, complete state of the log (an old
// backup of both tables). Recording the head that Verify reports outside the
// database (a monitoring system, `mira admin audit verify` output) detects
// that as well.
//
// Appends are serialised across goroutines and processes by a transaction
// that locks the head row (SQLite: BEGIN IMMEDIATE; PostgreSQL: SELECT ...
// FOR UPDATE), and committed with the store's durability (SQLite
// synchronous=FULL), so an Append that returned survives a crash.
package audit

import (
	"bytes"
	"context"
	"crypto/hkdf"
	"crypto/hmac"
	"crypto/sha256"
	"database/sql"
	"encoding/binary"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/vmira/mira/internal/store"
)

// Actions. Names are <object>.<past tense verb>; add new ones here.
const (
	KeyCreated      = "key.created"
	KeyRotated      = "key.rotated"
	KeyRevoked      = "key.revoked"
	KeyExposed      = "key.exposed"
	KeyReported     = "key.reported"
	LoginSucceeded  = "login.succeeded"
	LoginFailed     = "login.failed"
	Logout          = "logout"
	DeviceApproved  = "device.approved"
	DeviceDenied    = "device.denied"
	SettingsChanged = "settings.changed"
	PolicyChanged   = "policy.changed"
	RoleChanged     = "role.changed"
	UserCreated     = "user.created"
)

// System is the actor of events no user or key caused (an expiry, the
// exposure detector, an admin command run on the server).
const System = "system"

// User returns the actor string of a user.
func User(id string) string { return "user:" + id }

// Key returns the actor string of an API key.
func Key(id string) string { return "key:" + id }

// Entry is one audit event.
type Entry struct {
	Seq      int64     // position in the chain, from 1; set by Append
	Time     time.Time // zero: now, when appended
	OrgID    string    // the organisation concerned; empty for server-wide events
	Actor    string    // User(id), Key(id) or System
	Action   string    // e.g. KeyRevoked
	Target   string    // the object acted on, e.g. a key or user id
	ClientIP string
	// Details says more, as a JSON object. Never put secrets here: Append
	// refuses values that look like keys or tokens, and fields named like
	// passwords or secrets.
	Details map[string]any

	PrevHash []byte // hash of the entry before (32 zero bytes for the first); set by Append
	Hash     []byte // set by Append
}

// Log is the audit log of one database.
type Log struct {
	db      *store.DB
	entryMK []byte // MACs each entry's hash
	headMK  []byte // MACs the chain head
	now     func() time.Time
}

// Config configures a Log.
type Config struct {
	// Secret is the server secret; the MAC keys are derived from it. Required.
	Secret []byte
	// Now is the clock (tests). Default time.Now.
	Now func() time.Time
}

// New returns the audit log of db. On a database whose log is empty and
// whose head was never sealed, it seals the empty head with cfg.Secret.
func New(ctx context.Context, db *store.DB, cfg Config) (*Log, error) {
	if len(cfg.Secret) < 32 {
		return nil, errors.New("audit: the server secret must hold at least 32 bytes")
	}
	entryMK, err := hkdf.Key(sha256.New, cfg.Secret, nil, "mira audit entry mac v1", 32)
	if err != nil {
		return nil, fmt.Errorf("audit: %w", err)
	}
	headMK, err := hkdf.Key(sha256.New, cfg.Secret, nil, "mira audit head mac v1", 32)
	if err != nil {
		return nil, fmt.Errorf("audit: %w", err)
	}
	l := &Log{db: db, entryMK: entryMK, headMK: headMK, now: cfg.Now}
	if l.now == nil {
		l.now = time.Now
	}
	genesis := make([]byte, sha256.Size)
	if _, err := db.SQL().ExecContext(ctx, db.Rebind(`UPDATE audit_head SET mac = ? WHERE id = 1 AND seq = 0 AND hash = ? AND mac = ?`),
		l.headMAC(0, genesis), genesis, []byte{}); err != nil {
		return nil, fmt.Errorf("audit: seal the empty log: %w", err)
	}
	return l, nil
}

// secretLike lists detail names whose values are never stored.
var secretLike = []string{"password", "secret", "token", "api_key", "apikey", "private_key", "credential"}

// checkDetails refuses details that look like they carry a secret.
func checkDetails(d map[string]any) error {
	var walk func(path string, v any) error
	walk = func(path string, v any) error {
		switch v := v.(type) {
		case string:
			if strings.Contains(v, "sk-mira-") || strings.Contains(v, "-----BEGIN") {
				return fmt.Errorf("audit: detail %q looks like a key: audit entries never hold secrets", path)
			}
		case map[string]any:
			for k, x := range v {
				lk := strings.ToLower(k)
				for _, s := range secretLike {
					if strings.Contains(lk, s) && !strings.HasSuffix(lk, "_id") {
						return fmt.Errorf("audit: detail %q is named like a secret: audit entries never hold secrets", path+k)
					}
				}
				if err := walk(path+k+".", x); err != nil {
					return err
				}
			}
		case []any:
			for i, x := range v {
				if err := walk(fmt.Sprintf("%s%d.", path, i), x); err != nil {
					return err
				}
			}
		}
		return nil
	}
	return walk("", d)
}

// encodeDetails returns the stored (and hashed) form of d: compact JSON with
// sorted keys, or "" for none.
func encodeDetails(d map[string]any) (string, error) {
	if len(d) == 0 {
		return "", nil
	}
	// Round-trip through JSON so nested structs, typed slices etc. are
	// checked as the JSON they become.
	b, err := json.Marshal(d)
	if err != nil {
		return "", fmt.Errorf("audit: details: %w", err)
	}
	var generic map[string]any
	if err := json.Unmarshal(b, &generic); err != nil {
		return "", fmt.Errorf("audit: details: %w", err)
	}
	if err := checkDetails(generic); err != nil {
		return "", err
	}
	b, err = json.Marshal(generic) // maps marshal with sorted keys
	if err != nil {
		return "", fmt.Errorf("audit: details: %w", err)
	}
	return string(b), nil
}

// row is an entry as stored.
type row struct {
	seq                                           int64
	at                                            int64
	org, actor, action, target, clientIP, details string
	prevHash, hash, mac                           []byte
}

// hashRow is the chain hash: SHA-256 over a domain tag, seq and time as
// fixed-width integers, each text field length-prefixed, and the previous
// hash. No two different rows share an encoding.
func hashRow(r *row) []byte {
	h := sha256.New()
	var b []byte
	b = append(b, "mira audit v1\x00"...)
	b = binary.BigEndian.AppendUint64(b, uint64(r.seq))
	b = binary.BigEndian.AppendUint64(b, uint64(r.at))
	for _, s := range []string{r.org, r.actor, r.action, r.target, r.clientIP, r.details} {
		b = binary.BigEndian.AppendUint32(b, uint32(len(s)))
		b = append(b, s...)
	}
	b = binary.BigEndian.AppendUint32(b, uint32(len(r.prevHash)))
	b = append(b, r.prevHash...)
	h.Write(b)
	return h.Sum(nil)
}

func (l *Log) entryMAC(hash []byte) []byte {
	m := hmac.New(sha256.New, l.entryMK)
	m.Write(hash)
	return m.Sum(nil)
}

func (l *Log) headMAC(seq int64, hash []byte) []byte {
	m := hmac.New(sha256.New, l.headMK)
	m.Write(binary.BigEndian.AppendUint64(nil, uint64(seq)))
	m.Write(hash)
	return m.Sum(nil)
}

// Append adds e to the log and returns once it is committed. It sets e.Seq,
// e.Time (when zero), e.PrevHash and e.Hash.
func (l *Log) Append(ctx context.Context, e *Entry) error {
	tx, err := l.db.SQL().BeginTx(ctx, nil)
	if err != nil {
		return fmt.Errorf("audit: append: %w", err)
	}
	defer tx.Rollback()
	saved := *e
	if err := l.AppendTx(ctx, tx, e); err != nil {
		return err
	}
	if err := tx.Commit(); err != nil {
		*e = saved
		return fmt.Errorf("audit: append: commit: %w", err)
	}
	return nil
}

// AppendTx adds e to the log inside tx, so an event and the change it
// records commit together (or not at all). tx must come from the same
// database's pool (db.SQL().BeginTx); it holds the chain lock until it ends,
// so keep it short. The entry is durable when tx commits.
func (l *Log) AppendTx(ctx context.Context, tx *sql.Tx, e *Entry) error {
	if e.Actor == "" || e.Action == "" {
		return errors.New("audit: append: an entry needs an actor and an action")
	}
	details, err := encodeDetails(e.Details)
	if err != nil {
		return err
	}
	lock := `SELECT seq, hash FROM audit_head WHERE id = 1`
	if l.db.Dialect() == store.DialectPostgres {
		lock += ` FOR UPDATE`
	}
	var (
		headSeq  int64
		headHash []byte
	)
	if err := tx.QueryRowContext(ctx, lock).Scan(&headSeq, &headHash); err != nil {
		return fmt.Errorf("audit: append: lock the chain head: %w", err)
	}
	at := e.Time
	if at.IsZero() {
		at = l.now()
	}
	r := row{
		seq: headSeq + 1, at: at.UnixMicro(),
		org: e.OrgID, actor: e.Actor, action: e.Action, target: e.Target, clientIP: e.ClientIP, details: details,
		prevHash: headHash,
	}
	r.hash = hashRow(&r)
	r.mac = l.entryMAC(r.hash)
	if _, err := tx.ExecContext(ctx, l.db.Rebind(`INSERT INTO audit_log
		(seq, at, org_id, actor, action, target, client_ip, details, prev_hash, hash, mac)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`),
		r.seq, r.at, r.org, r.actor, r.action, r.target, r.clientIP, r.details, r.prevHash, r.hash, r.mac); err != nil {
		return fmt.Errorf("audit: append: %w", err)
	}
	if _, err := tx.ExecContext(ctx, l.db.Rebind(`UPDATE audit_head SET seq = ?, hash = ?, mac = ? WHERE id = 1`),
		r.seq, r.hash, l.headMAC(r.seq, r.hash)); err != nil {
		return fmt.Errorf("audit: append: move the chain head: %w", err)
	}
	e.Seq = r.seq
	e.Time = time.UnixMicro(r.at).UTC()
	e.PrevHash = r.prevHash
	e.Hash = r.hash
	return nil
}

// Problem kinds reported by Verify.
const (
	ProblemEdited   = "edited"   // the entry's content does not match its hash
	ProblemForged   = "forged"   // the entry's hash was not made with the server secret
	ProblemMissing  = "missing"  // entries with these seqs are gone
	ProblemBadLink  = "bad_link" // prev_hash is not the previous entry's hash
	ProblemBeyond   = "beyond"   // entries after the signed head
	ProblemTruncate = "truncated"
	ProblemHead     = "head" // the head does not verify
)

// Problem is one break in the chain.
type Problem struct {
	Seq    int64  // the first entry affected
	Kind   string // one of the Problem* constants
	Detail string // for people
}

func (p Problem) String() string { return fmt.Sprintf("seq %d: %s: %s", p.Seq, p.Kind, p.Detail) }

// Report is what Verify found.
type Report struct {
	Entries  int64  // entries read
	HeadSeq  int64  // seq of the chain head
	HeadHash string // hex; record it outside the database to detect rollback
	// Problems in seq order; empty when the log verifies. At most 100 are
	// listed; the first is where the tampering starts.
	Problems []Problem
}

// OK reports whether the log verified.
func (r *Report) OK() bool { return len(r.Problems) == 0 }

// FirstBad returns the seq of the first problem, or 0.
func (r *Report) FirstBad() int64 {
	if len(r.Problems) == 0 {
		return 0
	}
	return r.Problems[0].Seq
}

const maxProblems = 100

// Verify reads the whole log in one snapshot and checks every entry's hash,
// MAC and link, the sequence, and the signed head. Tampering is reported in
// the Report; the error is for failures to read.
func (l *Log) Verify(ctx context.Context) (Report, error) {
	opts := &sql.TxOptions{ReadOnly: true}
	if l.db.Dialect() == store.DialectPostgres {
		opts.Isolation = sql.LevelRepeatableRead
	}
	tx, err := l.db.SQL().BeginTx(ctx, opts)
	if err != nil {
		return Report{}, fmt.Errorf("audit: verify: %w", err)
	}
	defer tx.Rollback()

	v := &verifier{l: l}
	headSigned, err := v.readHead(ctx, tx)
	if err != nil {
		return Report{}, err
	}
	if err := v.readEntries(ctx, tx); err != nil {
		return Report{}, err
	}
	v.checkEnd(headSigned)
	slices.SortStableFunc(v.rep.Problems, func(a, b Problem) int {
		if a.Seq < b.Seq {
			return -1
		}
		if a.Seq > b.Seq {
			return 1
		}
		return 0
	})
	return v.rep, nil
}

// verifier is Verify's state while it walks the chain, so that reading the
// head, checking each entry and checking the end can be separate steps.
type verifier struct {
	l             *Log
	rep           Report
	headHash      []byte
	unsealedEmpty bool   // a fresh log: head at seq 0, genesis hash, never signed
	want          int64  // the next seq expected
	prevHash      []byte // the previous entry's stored hash
}

// add records a problem, up to maxProblems: past the first ones, more say
// little and would only make a large tampered log slow to report.
func (v *verifier) add(seq int64, kind, format string, args ...any) {
	if len(v.rep.Problems) < maxProblems {
		v.rep.Problems = append(v.rep.Problems, Problem{Seq: seq, Kind: kind, Detail: fmt.Sprintf(format, args...)})
	}
}

// readHead reads the signed chain head, which the entries are checked
// against, and reports whether its signature is this server's. A missing
// head is tampering, not a read failure.
func (v *verifier) readHead(ctx context.Context, tx *sql.Tx) (headSigned bool, err error) {
	var headMAC []byte
	if err := tx.QueryRowContext(ctx, `SELECT seq, hash, mac FROM audit_head WHERE id = 1`).Scan(&v.rep.HeadSeq, &v.headHash, &headMAC); err != nil {
		if errors.Is(err, sql.ErrNoRows) {
			v.add(0, ProblemHead, "the chain head row is missing")
		} else {
			return false, fmt.Errorf("audit: verify: read head: %w", err)
		}
	}
	v.rep.HeadHash = hex.EncodeToString(v.headHash)
	genesis := make([]byte, sha256.Size)
	headSigned = hmac.Equal(headMAC, v.l.headMAC(v.rep.HeadSeq, v.headHash))
	v.unsealedEmpty = v.rep.HeadSeq == 0 && bytes.Equal(v.headHash, genesis) && len(headMAC) == 0
	v.want, v.prevHash = 1, genesis
	return headSigned, nil
}

// readEntries checks every entry in seq order.
func (v *verifier) readEntries(ctx context.Context, tx *sql.Tx) error {
	rows, err := tx.QueryContext(ctx, `SELECT seq, at, org_id, actor, action, target, client_ip, details, prev_hash, hash, mac
		FROM audit_log ORDER BY seq`)
	if err != nil {
		return fmt.Errorf("audit: verify: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		var r row
		if err := rows.Scan(&r.seq, &r.at, &r.org, &r.actor, &r.action, &r.target, &r.clientIP, &r.details, &r.prevHash, &r.hash, &r.mac); err != nil {
			return fmt.Errorf("audit: verify: %w", err)
		}
		v.rep.Entries++
		v.checkEntry(&r)
	}
	if err := rows.Err(); err != nil {
		return fmt.Errorf("audit: verify: %w", err)
	}
	return nil
}

// checkEntry checks one entry: its place in the sequence, its content
// against its hash, its signature, its link to the entry before, and that
// it is not past the signed head.
func (v *verifier) checkEntry(r *row) {
	want := v.want
	switch {
	case r.seq > want:
		if r.seq == want+1 {
			v.add(want, ProblemMissing, "entry %d is missing", want)
		} else {
			v.add(want, ProblemMissing, "entries %d to %d are missing", want, r.seq-1)
		}
	case r.seq < want: // only with a corrupt primary key
		v.add(r.seq, ProblemEdited, "entry %d appears out of order", r.seq)
	}
	contentOK := bytes.Equal(hashRow(r), r.hash)
	macOK := hmac.Equal(r.mac, v.l.entryMAC(r.hash))
	switch {
	case !contentOK:
		v.add(r.seq, ProblemEdited, "entry %d was changed: its content does not match its hash", r.seq)
	case !macOK:
		v.add(r.seq, ProblemForged, "entry %d was not written by this server: its hash is not signed with the server secret", r.seq)
	case r.seq == want && !bytes.Equal(r.prevHash, v.prevHash):
		// The entry is intact but does not follow the one before: that
		// one was replaced by a re-signed copy, or this one moved.
		v.add(r.seq, ProblemBadLink, "entry %d does not follow entry %d: one of them was replaced or moved", r.seq, r.seq-1)
	}
	if r.seq > v.rep.HeadSeq && !v.unsealedEmpty {
		v.add(r.seq, ProblemBeyond, "entry %d comes after the signed chain head (seq %d): it was inserted", r.seq, v.rep.HeadSeq)
	}
	v.prevHash = r.hash
	v.want = r.seq + 1
}

// checkEnd checks the last entry against the signed head, which is what
// catches entries cut off the end, and the head's own signature.
func (v *verifier) checkEnd(headSigned bool) {
	last := v.want - 1
	switch {
	case last < v.rep.HeadSeq:
		v.add(last+1, ProblemTruncate, "entries %d to %d, up to the signed chain head, are missing", last+1, v.rep.HeadSeq)
	case last == v.rep.HeadSeq && last > 0 && !bytes.Equal(v.prevHash, v.headHash):
		v.add(last, ProblemHead, "entry %d does not match the signed chain head", last)
	}
	// Problems of the entries themselves say more than the head's, so
	// they come first among problems at the same seq.
	if !headSigned && !v.unsealedEmpty {
		v.add(v.rep.HeadSeq, ProblemHead, "the chain head (seq %d) is not signed with this server's secret: it was rewritten, or the secret changed", v.rep.HeadSeq)
	}
	if v.unsealedEmpty && v.rep.Entries > 0 {
		v.add(1, ProblemHead, "the log has entries but its head was never signed")
	}
}

// Filter selects audit entries for List, newest first.
type Filter struct {
	// OrgID limits the entries to one organisation. Empty lists every
	// organisation's and server-wide entries: for server administrators
	// only; dashboard and API handlers must set it.
	OrgID    string
	Actor    string
	Action   string // exact, or a prefix ending in "." such as "key."
	Target   string
	From, To time.Time // From inclusive, To exclusive; zero: unbounded
	Before   int64     // only entries with a smaller seq (the cursor); 0: the newest
	Limit    int       // default 50, at most 1000
}

// Page is one page of List.
type Page struct {
	Entries []Entry
	// Next is the Before of the next (older) page; 0 on the last page.
	Next int64
}

// List returns entries matching f, newest first.
func (l *Log) List(ctx context.Context, f Filter) (Page, error) {
	limit := f.Limit
	if limit <= 0 {
		limit = 50
	}
	limit = min(limit, 1000)
	var (
		where = []string{"1 = 1"}
		args  []any
	)
	cond := func(c string, a any) {
		where = append(where, c)
		args = append(args, a)
	}
	if f.OrgID != "" {
		cond("org_id = ?", f.OrgID)
	}
	if f.Actor != "" {
		cond("actor = ?", f.Actor)
	}
	if strings.HasSuffix(f.Action, ".") {
		// A prefix match without LIKE, whose wildcards and case rules
		// differ between dialects.
		where = append(where, "substr(action, 1, ?) = ?")
		args = append(args, len(f.Action), f.Action)
	} else if f.Action != "" {
		cond("action = ?", f.Action)
	}
	if f.Target != "" {
		cond("target = ?", f.Target)
	}
	if !f.From.IsZero() {
		cond("at >= ?", f.From.UnixMicro())
	}
	if !f.To.IsZero() {
		cond("at < ?", f.To.UnixMicro())
	}
	if f.Before > 0 {
		cond("seq < ?", f.Before)
	}
	args = append(args, limit+1)
	q := `SELECT seq, at, org_id, actor, action, target, client_ip, details, prev_hash, hash
		FROM audit_log WHERE ` + strings.Join(where, " AND ") + ` ORDER BY seq DESC LIMIT ?`
	rows, err := l.db.SQL().QueryContext(ctx, l.db.Rebind(q), args...)
	if err != nil {
		return Page{}, fmt.Errorf("audit: list: %w", err)
	}
	defer rows.Close()
	var p Page
	for rows.Next() {
		var (
			e       Entry
			at      int64
			details string
		)
		if err := rows.Scan(&e.Seq, &at, &e.OrgID, &e.Actor, &e.Action, &e.Target, &e.ClientIP, &details, &e.PrevHash, &e.Hash); err != nil {
			return Page{}, fmt.Errorf("audit: list: %w", err)
		}
		e.Time = time.UnixMicro(at).UTC()
		if details != "" {
			if err := json.Unmarshal([]byte(details), &e.Details); err != nil {
				return Page{}, fmt.Errorf("audit: list: entry %d details: %w", e.Seq, err)
			}
		}
		p.Entries = append(p.Entries, e)
	}
	if err := rows.Err(); err != nil {
		return Page{}, fmt.Errorf("audit: list: %w", err)
	}
	if len(p.Entries) > limit {
		p.Entries = p.Entries[:limit]
		p.Next = p.Entries[limit-1].Seq
	}
	return p, nil
}
