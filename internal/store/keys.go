package store

import (
	"cmp"
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"net/netip"
	"slices"
	"strings"
	"time"

	"github.com/vmira/mira/internal/mira"
)

const keyColumns = `id, family_id, org_id, user_id, name, digest, prefix, last4, environment,
	scopes, allowed_models, allowed_cidrs, plan, expires_at, created_at, last_used_at,
	last_used_ip, revoked_at, revoked_reason, exposed_at, exposed_reason`

const (
	qKeyByDigest  = `SELECT ` + keyColumns + ` FROM api_keys WHERE digest = ?`
	qRevokedSince = `SELECT id, digest, revoked_at FROM api_keys WHERE revoked_at >= ? ORDER BY revoked_at, id`
)

// CreateKey inserts k. An empty ID is filled with a new "key_..." id, an
// empty FamilyID with the ID (a key starts its own family), and a zero
// CreatedAt with the current time. A digest already stored is a conflict; an
// unknown OrgID or UserID is an invalid_request error.
func (db *DB) CreateKey(ctx context.Context, k *mira.Key) error {
	return db.InTx(ctx, func(tx *Tx) error { return tx.CreateKey(ctx, k) })
}

// CreateKey is DB.CreateKey inside the transaction.
func (t *Tx) CreateKey(ctx context.Context, k *mira.Key) error {
	if k == nil {
		return errors.New("store: create key: nil key")
	}
	if len(k.Digest) == 0 {
		return errors.New("store: create key: empty digest")
	}
	if k.OrgID == "" {
		return mira.ParamErrorf("org_id", "a key needs an organisation")
	}
	for _, s := range k.Scopes {
		if s == "" || strings.ContainsFunc(string(s), isSpace) {
			return mira.ParamErrorf("scopes", "invalid scope %q", s)
		}
	}
	cidrs, err := formatCIDRs(k.AllowedCIDRs)
	if err != nil {
		return err
	}
	models, err := formatModels(k.AllowedModels)
	if err != nil {
		return err
	}
	if k.ID == "" {
		k.ID = mira.NewID("key")
	}
	if k.FamilyID == "" {
		k.FamilyID = k.ID
	}
	if k.CreatedAt.IsZero() {
		k.CreatedAt = now()
	}
	var userID any
	if k.UserID != "" {
		userID = k.UserID
	}
	_, err = t.tx.ExecContext(ctx, t.db.Rebind(`INSERT INTO api_keys (`+keyColumns+`)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`),
		k.ID, k.FamilyID, k.OrgID, userID, k.Name, k.Digest, k.Prefix, k.Last4, string(k.Environment),
		mira.JoinScopes(k.Scopes), models, cidrs, k.Plan, TimeArg(k.ExpiresAt), TimeArg(k.CreatedAt), TimeArg(k.LastUsedAt),
		k.LastUsedIP, TimeArg(k.RevokedAt), k.RevokedReason, TimeArg(k.ExposedAt), k.ExposedReason)
	if err != nil {
		return writeError("create key", err, "this key already exists", "the key's organisation or user does not exist")
	}
	return nil
}

func isSpace(r rune) bool {
	return r == ' ' || r == '\t' || r == '\n' || r == '\r' || r == '\v' || r == '\f'
}

func formatCIDRs(ps []netip.Prefix) (string, error) {
	parts := make([]string, len(ps))
	for i, p := range ps {
		if !p.IsValid() {
			return "", mira.ParamErrorf("allowed_cidrs", "invalid CIDR prefix at position %d", i+1)
		}
		parts[i] = p.String()
	}
	return strings.Join(parts, " "), nil
}

func parseCIDRs(s string) ([]netip.Prefix, error) {
	fields := strings.Fields(s)
	if len(fields) == 0 {
		return nil, nil
	}
	out := make([]netip.Prefix, len(fields))
	for i, f := range fields {
		p, err := netip.ParsePrefix(f)
		if err != nil {
			return nil, fmt.Errorf("stored allowed_cidrs: %w", err)
		}
		out[i] = p
	}
	return out, nil
}

// formatModels stores model names as a JSON array: unlike scopes and CIDRs,
// a model name may contain any character.
func formatModels(models []string) (string, error) {
	if len(models) == 0 {
		return "", nil
	}
	b, err := json.Marshal(models)
	if err != nil {
		return "", fmt.Errorf("store: encode allowed models: %w", err)
	}
	return string(b), nil
}

func parseModels(s string) ([]string, error) {
	if s == "" {
		return nil, nil
	}
	var out []string
	if err := json.Unmarshal([]byte(s), &out); err != nil {
		return nil, fmt.Errorf("stored allowed_models: %w", err)
	}
	return out, nil
}

func parseScopes(s string) []mira.Scope {
	fields := strings.Fields(s)
	if len(fields) == 0 {
		return nil
	}
	out := make([]mira.Scope, len(fields))
	for i, f := range fields {
		out[i] = mira.Scope(f)
	}
	return out
}

// scanner is a *sql.Row or *sql.Rows.
type scanner interface{ Scan(dest ...any) error }

func scanKey(row scanner) (*mira.Key, error) {
	var (
		k                                      mira.Key
		userID                                 sql.NullString
		env, scopes, models, cidrs             string
		expires, created, used, revoked, expos sql.NullInt64
	)
	err := row.Scan(&k.ID, &k.FamilyID, &k.OrgID, &userID, &k.Name, &k.Digest, &k.Prefix, &k.Last4, &env,
		&scopes, &models, &cidrs, &k.Plan, &expires, &created, &used,
		&k.LastUsedIP, &revoked, &k.RevokedReason, &expos, &k.ExposedReason)
	if err != nil {
		return nil, err
	}
	k.UserID = userID.String
	k.Environment = mira.Environment(env)
	k.Scopes = parseScopes(scopes)
	if k.AllowedModels, err = parseModels(models); err != nil {
		return nil, fmt.Errorf("key %s: %w", k.ID, err)
	}
	if k.AllowedCIDRs, err = parseCIDRs(cidrs); err != nil {
		return nil, fmt.Errorf("key %s: %w", k.ID, err)
	}
	k.ExpiresAt = TimeFrom(expires)
	k.CreatedAt = TimeFrom(created)
	k.LastUsedAt = TimeFrom(used)
	k.RevokedAt = TimeFrom(revoked)
	k.ExposedAt = TimeFrom(expos)
	return &k, nil
}

// KeyByDigest returns the key whose digest is digest, or an error wrapping
// mira.ErrNotFound. It is the authentication lookup.
func (db *DB) KeyByDigest(ctx context.Context, digest []byte) (*mira.Key, error) {
	if len(digest) == 0 {
		return nil, notFound("key by digest")
	}
	k, err := scanKey(db.keyByDigest.QueryRowContext(ctx, digest))
	if errors.Is(err, sql.ErrNoRows) {
		return nil, notFound("key by digest")
	}
	if err != nil {
		return nil, fmt.Errorf("store: key by digest: %w", err)
	}
	return k, nil
}

// KeyByID returns the key with id, or an error wrapping mira.ErrNotFound.
func (db *DB) KeyByID(ctx context.Context, id string) (*mira.Key, error) {
	return keyByID(ctx, db, db.db, id)
}

// KeyByID is DB.KeyByID inside the transaction: it sees the transaction's
// own changes.
func (t *Tx) KeyByID(ctx context.Context, id string) (*mira.Key, error) {
	return keyByID(ctx, t.db, t.tx, id)
}

func keyByID(ctx context.Context, db *DB, q querier, id string) (*mira.Key, error) {
	k, err := scanKey(q.QueryRowContext(ctx, db.Rebind(`SELECT `+keyColumns+` FROM api_keys WHERE id = ?`), id))
	if errors.Is(err, sql.ErrNoRows) {
		return nil, notFound("key " + quoteID(id))
	}
	if err != nil {
		return nil, fmt.Errorf("store: key by id: %w", err)
	}
	return k, nil
}

// ListKeys returns the organisation's keys, revoked ones included, newest
// first. An unknown organisation has no keys.
func (db *DB) ListKeys(ctx context.Context, orgID string) ([]*mira.Key, error) {
	rows, err := db.db.QueryContext(ctx, db.Rebind(`SELECT `+keyColumns+` FROM api_keys WHERE org_id = ? ORDER BY created_at DESC, id DESC`), orgID)
	if err != nil {
		return nil, fmt.Errorf("store: list keys: %w", err)
	}
	defer rows.Close()
	var keys []*mira.Key
	for rows.Next() {
		k, err := scanKey(rows)
		if err != nil {
			return nil, fmt.Errorf("store: list keys: %w", err)
		}
		keys = append(keys, k)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("store: list keys: %w", err)
	}
	return keys, nil
}

// RevokeKey revokes the key at the given time for reason, unless it is
// already revoked: the first revocation's time and reason are kept. changed
// reports whether this call revoked it. An unknown id is an error wrapping
// mira.ErrNotFound.
func (db *DB) RevokeKey(ctx context.Context, id string, at time.Time, reason string) (changed bool, err error) {
	err = db.InTx(ctx, func(tx *Tx) error {
		changed, err = tx.RevokeKey(ctx, id, at, reason)
		return err
	})
	return changed, err
}

// RevokeKey is DB.RevokeKey inside the transaction.
func (t *Tx) RevokeKey(ctx context.Context, id string, at time.Time, reason string) (changed bool, err error) {
	db := t.db
	if at.IsZero() {
		return false, errors.New("store: revoke key: zero revocation time")
	}
	// A key already set to stop later (a rotation's grace period) can be
	// stopped sooner; a revocation is never postponed.
	res, err := t.tx.ExecContext(ctx, db.Rebind(`UPDATE api_keys SET revoked_at = ?, revoked_reason = ?
		WHERE id = ? AND (revoked_at IS NULL OR revoked_at > ?)`),
		TimeArg(at), reason, id, TimeArg(at))
	if err != nil {
		return false, fmt.Errorf("store: revoke key: %w", err)
	}
	n, err := res.RowsAffected()
	if err != nil {
		return false, fmt.Errorf("store: revoke key: %w", err)
	}
	if n > 0 {
		return true, nil
	}
	if err := keyExists(ctx, t.tx, db.Rebind(qKeyExists), id); err != nil {
		return false, err
	}
	return false, nil
}

const qKeyExists = `SELECT 1 FROM api_keys WHERE id = ?`

// keyExists returns nil if the key exists and an error wrapping
// mira.ErrNotFound if it does not.
func keyExists(ctx context.Context, q interface {
	QueryRowContext(context.Context, string, ...any) *sql.Row
}, query, id string) error {
	var one int
	err := q.QueryRowContext(ctx, query, id).Scan(&one)
	if errors.Is(err, sql.ErrNoRows) {
		return notFound("key " + quoteID(id))
	}
	if err != nil {
		return fmt.Errorf("store: look up key: %w", err)
	}
	return nil
}

// ExposureFoldWindow is how long repeats of an exposure are folded into the
// first: once a key is revoked, the same exposure (same key, same source)
// again within this window adds no row. A leaked key gets reported over and
// over, by scanners and people; one row per report would grow without bound
// and bury the first report.
const ExposureFoldWindow = time.Hour

// RecordExposure records that a key was exposed, in one transaction: it
// stores e (setting e.ID), marks the key exposed unless it already is
// (the first exposure's time and reason are kept), and when revoke is true
// revokes the key with reason "exposed: <source>" at once: unless it is
// already revoked, and even if a revocation is scheduled for later (a
// rotation's grace period), since an exposed key must stop now.
// e.Revoked reports whether this exposure revoked the key. A zero e.At is
// set to the current time.
//
// A repeat on a revoked key (see ExposureFoldWindow) is folded: nothing is
// stored, e.ID is the earlier exposure's and e.Folded is true.
//
// An unknown key is an error wrapping mira.ErrNotFound, and nothing is stored.
func (db *DB) RecordExposure(ctx context.Context, e *mira.KeyExposure, revoke bool) error {
	err := db.InTx(ctx, func(tx *Tx) error { return tx.RecordExposure(ctx, e, revoke) })
	if err != nil && !errors.Is(err, mira.ErrNotFound) && !strings.HasPrefix(err.Error(), "store: ") {
		return fmt.Errorf("store: record exposure: %w", err)
	}
	return err
}

// RecordExposure is DB.RecordExposure inside the transaction.
func (t *Tx) RecordExposure(ctx context.Context, e *mira.KeyExposure, revoke bool) error {
	if e == nil {
		return errors.New("store: record exposure: nil exposure")
	}
	if e.Source == "" {
		return errors.New("store: record exposure: empty source")
	}
	db, tx := t.db, t.tx
	at := e.At
	if at.IsZero() {
		at = now()
	}
	// Lock the key's row first, so that concurrent reports of one key are
	// decided one after the other (SQLite: the transaction holds the write
	// lock already).
	lock := `SELECT revoked_at FROM api_keys WHERE id = ?`
	if db.dialect == DialectPostgres {
		lock += ` FOR UPDATE`
	}
	var revokedAt sql.NullInt64
	err := tx.QueryRowContext(ctx, db.Rebind(lock), e.KeyID).Scan(&revokedAt)
	if errors.Is(err, sql.ErrNoRows) {
		return notFound("key " + quoteID(e.KeyID))
	}
	if err != nil {
		return fmt.Errorf("store: record exposure: look up key: %w", err)
	}
	if revokedAt.Valid && revokedAt.Int64 <= at.UnixMicro() {
		var prev int64
		err := tx.QueryRowContext(ctx, db.Rebind(`SELECT id FROM key_exposures
			WHERE key_id = ? AND source = ? AND at >= ? AND at >= ? ORDER BY at DESC, id DESC LIMIT 1`),
			e.KeyID, e.Source, revokedAt.Int64, at.Add(-ExposureFoldWindow).UnixMicro()).Scan(&prev)
		switch {
		case err == nil:
			e.ID, e.At, e.Revoked, e.Folded = prev, at, false, true
			return nil
		case !errors.Is(err, sql.ErrNoRows):
			return fmt.Errorf("store: record exposure: look up earlier exposures: %w", err)
		}
	}
	if _, err := tx.ExecContext(ctx, db.Rebind(`UPDATE api_keys SET exposed_at = ?, exposed_reason = ? WHERE id = ? AND exposed_at IS NULL`),
		TimeArg(at), e.Source, e.KeyID); err != nil {
		return fmt.Errorf("store: record exposure: mark key exposed: %w", err)
	}
	revoked := false
	if revoke {
		res, err := tx.ExecContext(ctx, db.Rebind(`UPDATE api_keys SET revoked_at = ?, revoked_reason = ?
			WHERE id = ? AND (revoked_at IS NULL OR revoked_at > ?)`),
			TimeArg(at), "exposed: "+e.Source, e.KeyID, TimeArg(at))
		if err != nil {
			return fmt.Errorf("store: record exposure: revoke exposed key: %w", err)
		}
		n, err := res.RowsAffected()
		if err != nil {
			return fmt.Errorf("store: record exposure: revoke exposed key: %w", err)
		}
		revoked = n > 0
	}
	var id int64
	err = tx.QueryRowContext(ctx, db.Rebind(`INSERT INTO key_exposures (key_id, source, client_ip, user_agent, at, revoked)
		VALUES (?, ?, ?, ?, ?, ?) RETURNING id`),
		e.KeyID, e.Source, e.ClientIP, e.UserAgent, TimeArg(at), revoked).Scan(&id)
	if err != nil {
		return fmt.Errorf("store: record exposure: insert exposure: %w", err)
	}
	e.ID, e.At, e.Revoked, e.Folded = id, at, revoked, false
	return nil
}

// KeyExposures returns the key's exposures, newest first. An unknown key is
// an error wrapping mira.ErrNotFound.
func (db *DB) KeyExposures(ctx context.Context, keyID string) ([]mira.KeyExposure, error) {
	rows, err := db.db.QueryContext(ctx, db.Rebind(`SELECT id, key_id, source, client_ip, user_agent, at, revoked
		FROM key_exposures WHERE key_id = ? ORDER BY at DESC, id DESC`), keyID)
	if err != nil {
		return nil, fmt.Errorf("store: key exposures: %w", err)
	}
	defer rows.Close()
	var out []mira.KeyExposure
	for rows.Next() {
		var (
			e  mira.KeyExposure
			at sql.NullInt64
		)
		if err := rows.Scan(&e.ID, &e.KeyID, &e.Source, &e.ClientIP, &e.UserAgent, &at, &e.Revoked); err != nil {
			return nil, fmt.Errorf("store: key exposures: %w", err)
		}
		e.At = TimeFrom(at)
		out = append(out, e)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("store: key exposures: %w", err)
	}
	if len(out) == 0 {
		if err := keyExists(ctx, db.db, db.Rebind(qKeyExists), keyID); err != nil {
			return nil, err
		}
	}
	return out, nil
}

// KeyUse is one authenticated use of a key, for TouchKeys.
type KeyUse struct {
	KeyID string
	At    time.Time
	IP    string
}

// TouchKeys records the last use of keys, in one transaction. For each key
// only the latest use in the batch counts, and last_used_at only moves
// forward: a use older than the stored one changes nothing. Unknown keys
// and uses with a zero time are skipped.
func (db *DB) TouchKeys(ctx context.Context, uses []KeyUse) error {
	latest := make(map[string]KeyUse, len(uses))
	for _, u := range uses {
		if u.KeyID == "" || u.At.IsZero() {
			continue
		}
		if prev, ok := latest[u.KeyID]; !ok || u.At.After(prev.At) {
			latest[u.KeyID] = u
		}
	}
	if len(latest) == 0 {
		return nil
	}
	batch := make([]KeyUse, 0, len(latest))
	for _, u := range latest {
		batch = append(batch, u)
	}
	// A fixed order means concurrent batches lock rows in the same order
	// (PostgreSQL row locks) and cannot deadlock.
	slices.SortFunc(batch, func(a, b KeyUse) int { return cmp.Compare(a.KeyID, b.KeyID) })

	err := db.inTx(ctx, func(tx *sql.Tx) error {
		st, err := tx.PrepareContext(ctx, db.Rebind(`UPDATE api_keys SET last_used_at = ?, last_used_ip = ?
			WHERE id = ? AND (last_used_at IS NULL OR last_used_at < ?)`))
		if err != nil {
			return err
		}
		defer st.Close()
		for _, u := range batch {
			at := u.At.UnixMicro()
			if _, err := st.ExecContext(ctx, at, u.IP, u.KeyID, at); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		return fmt.Errorf("store: touch keys: %w", err)
	}
	return nil
}

// RevokedKey is a key revoked at or after some time, for invalidating caches.
type RevokedKey struct {
	ID        string
	Digest    []byte
	RevokedAt time.Time
}

// RevokedSince returns the keys whose revocation time is at or after since,
// oldest revocation first. It reads a partial index of revoked keys only, so
// polling it every second is cheap.
//
// Revocation times come from the revoking instance's clock and the row
// becomes visible only at commit, so pollers should overlap their windows
// (since = last poll minus a few seconds) rather than rely on exact clocks.
func (db *DB) RevokedSince(ctx context.Context, since time.Time) ([]RevokedKey, error) {
	var sinceArg int64 // the zero time means every revoked key
	if !since.IsZero() {
		sinceArg = since.UnixMicro()
	} else {
		sinceArg = -1 << 62
	}
	rows, err := db.revokedSince.QueryContext(ctx, sinceArg)
	if err != nil {
		return nil, fmt.Errorf("store: revoked keys: %w", err)
	}
	defer rows.Close()
	var out []RevokedKey
	for rows.Next() {
		var (
			r  RevokedKey
			at sql.NullInt64
		)
		if err := rows.Scan(&r.ID, &r.Digest, &at); err != nil {
			return nil, fmt.Errorf("store: revoked keys: %w", err)
		}
		r.RevokedAt = TimeFrom(at)
		out = append(out, r)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("store: revoked keys: %w", err)
	}
	return out, nil
}

// KeyUpdate holds the changes to a key's metadata; nil fields stay as they are.
type KeyUpdate struct {
	Name          *string
	Scopes        *[]mira.Scope
	AllowedModels *[]string
	AllowedCIDRs  *[]netip.Prefix
	ExpiresAt     *time.Time // a zero time removes the expiry
}

// UpdateKey applies u to the key id and returns the key as it now is.
func (db *DB) UpdateKey(ctx context.Context, id string, u KeyUpdate) (k *mira.Key, err error) {
	err = db.InTx(ctx, func(tx *Tx) error {
		k, err = tx.UpdateKey(ctx, id, u)
		return err
	})
	return k, err
}

// UpdateKey is DB.UpdateKey inside the transaction.
func (t *Tx) UpdateKey(ctx context.Context, id string, u KeyUpdate) (*mira.Key, error) {
	var sets []string
	var args []any
	if u.Name != nil {
		sets, args = append(sets, "name = ?"), append(args, *u.Name)
	}
	if u.Scopes != nil {
		sets, args = append(sets, "scopes = ?"), append(args, mira.JoinScopes(*u.Scopes))
	}
	if u.AllowedModels != nil {
		m, err := formatModels(*u.AllowedModels)
		if err != nil {
			return nil, err
		}
		sets, args = append(sets, "allowed_models = ?"), append(args, m)
	}
	if u.AllowedCIDRs != nil {
		c, err := formatCIDRs(*u.AllowedCIDRs)
		if err != nil {
			return nil, err
		}
		sets, args = append(sets, "allowed_cidrs = ?"), append(args, c)
	}
	if u.ExpiresAt != nil {
		sets, args = append(sets, "expires_at = ?"), append(args, TimeArg(*u.ExpiresAt))
	}
	if len(sets) > 0 {
		args = append(args, id)
		// Built from constant fragments only; Rebind caches per query text.
		if _, err := t.tx.ExecContext(ctx, t.db.Rebind(`UPDATE api_keys SET `+strings.Join(sets, ", ")+` WHERE id = ?`), args...); err != nil {
			return nil, fmt.Errorf("store: update key: %w", err)
		}
	}
	return t.KeyByID(ctx, id)
}

// RotateKey creates next in the family of the key oldID and sets the old key
// to stop at graceEnd (now, for no grace), in one transaction. It fails if
// the old key is already revoked.
func (db *DB) RotateKey(ctx context.Context, oldID string, next *mira.Key, graceEnd time.Time) error {
	return db.InTx(ctx, func(tx *Tx) error { return tx.RotateKey(ctx, oldID, next, graceEnd) })
}

// RotateKey is DB.RotateKey inside the transaction.
func (t *Tx) RotateKey(ctx context.Context, oldID string, next *mira.Key, graceEnd time.Time) error {
	db, tx := t.db, t.tx
	{
		var family string
		var revoked sql.NullInt64
		err := tx.QueryRowContext(ctx, db.Rebind(`SELECT family_id, revoked_at FROM api_keys WHERE id = ?`), oldID).Scan(&family, &revoked)
		if errors.Is(err, sql.ErrNoRows) {
			return notFound("key")
		}
		if err != nil {
			return fmt.Errorf("store: rotate key: %w", err)
		}
		if revoked.Valid {
			return mira.Errorf(mira.EInvalidRequest, "this key is revoked or already rotated; rotate the newest key of the family")
		}
		cidrs, err := formatCIDRs(next.AllowedCIDRs)
		if err != nil {
			return err
		}
		models, err := formatModels(next.AllowedModels)
		if err != nil {
			return err
		}
		next.FamilyID = family
		var userID any
		if next.UserID != "" {
			userID = next.UserID
		}
		if _, err := tx.ExecContext(ctx, db.Rebind(`INSERT INTO api_keys (`+keyColumns+`)
			VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`),
			next.ID, next.FamilyID, next.OrgID, userID, next.Name, next.Digest, next.Prefix, next.Last4, string(next.Environment),
			mira.JoinScopes(next.Scopes), models, cidrs, next.Plan, TimeArg(next.ExpiresAt), TimeArg(next.CreatedAt), nil,
			"", nil, "", nil, ""); err != nil {
			return writeError("rotate key", err, "this key already exists", "the key's organisation or user does not exist")
		}
		if _, err := tx.ExecContext(ctx, db.Rebind(`UPDATE api_keys SET revoked_at = ?, revoked_reason = ? WHERE id = ?`),
			TimeArg(graceEnd), "rotated to "+next.ID, oldID); err != nil {
			return fmt.Errorf("store: rotate key: %w", err)
		}
		return nil
	}
}
