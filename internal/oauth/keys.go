package oauth

import (
	"context"
	"crypto/ed25519"
	"crypto/rand"
	"crypto/sha256"
	"database/sql"
	"encoding/base64"
	"fmt"
	"net/http"
	"slices"
	"time"

	"github.com/go-jose/go-jose/v4"
	"github.com/vmira/mira/internal/store"
)

// Signing keys. One key signs at a time: the newest whose activates_at has
// passed. A rotation publishes the new key first (every instance reloads
// keys within keyReload, and verifies with any published key), and only
// then does it start signing. A superseded key keeps verifying until every
// token it can have signed has expired (retireAfter), then leaves the JWKS;
// its private half is wiped from the database as soon as it is superseded.

// publishAhead is how long a rotated-in key is published before it signs.
const publishAhead = keyReload + 5*time.Second

// leeway is the clock skew allowed when checking exp and iat.
const leeway = 5 * time.Second

// algEdDSA is the one signing algorithm.
const algEdDSA = "EdDSA"

type signingKey struct {
	kid         string
	pub         ed25519.PublicKey
	priv        ed25519.PrivateKey // nil once wiped
	signer      jose.Signer        // nil once the private key is wiped
	activatesAt time.Time
}

// keySet is an immutable snapshot of the signing keys, oldest first.
type keySet struct {
	keys []*signingKey
}

// retireAfter is how long a superseded key still verifies: an instance
// may sign with it until it reloads keys, and its tokens live on after.
func (s *Server) retireAfter() time.Duration {
	return keyReload + MaxAccessTokenTTL + leeway + 5*time.Second
}

// signer returns the key that signs at now.
func (ks *keySet) signer(now time.Time) *signingKey {
	for i := len(ks.keys) - 1; i >= 0; i-- {
		k := ks.keys[i]
		if !k.activatesAt.After(now) && k.signer != nil {
			return k
		}
	}
	return nil
}

// verifying returns the keys that verify at now: every published key not
// yet superseded for longer than retire.
func (ks *keySet) verifying(now time.Time, retire time.Duration) []*signingKey {
	var out []*signingKey
	for i, k := range ks.keys {
		if i+1 < len(ks.keys) {
			// Superseded when the next key starts signing.
			next := ks.keys[i+1].activatesAt
			if !next.After(now) && now.Sub(next) > retire {
				continue
			}
		}
		out = append(out, k)
	}
	return out
}

func (ks *keySet) lookup(kid string, now time.Time, retire time.Duration) *signingKey {
	for _, k := range ks.verifying(now, retire) {
		if k.kid == kid {
			return k
		}
	}
	return nil
}

// thumbprint is the RFC 7638 JWK thumbprint of an Ed25519 key, used as kid.
func thumbprint(pub ed25519.PublicKey) string {
	j := `{"crv":"Ed25519","kty":"OKP","x":"` + base64.RawURLEncoding.EncodeToString(pub) + `"}`
	h := sha256.Sum256([]byte(j))
	return base64.RawURLEncoding.EncodeToString(h[:])
}

// lockKeys serialises key creation across instances: BEGIN IMMEDIATE on
// SQLite (see store), an advisory lock on PostgreSQL.
func (s *Server) lockKeys(ctx context.Context, tx *sql.Tx) error {
	if s.db.Dialect() != store.DialectPostgres {
		return nil
	}
	_, err := tx.ExecContext(ctx, `SELECT pg_advisory_xact_lock(hashtext('mira.oauth_signing_keys'), hashtext(coalesce(current_schema(), '')))`)
	return err
}

func (s *Server) insertKey(ctx context.Context, tx *sql.Tx, now, activates time.Time) (string, error) {
	pub, priv, err := ed25519.GenerateKey(rand.Reader)
	if err != nil {
		return "", err
	}
	kid := thumbprint(pub)
	sealed := s.keyBox.Seal(priv.Seed(), []byte(kid))
	_, err = tx.ExecContext(ctx, s.db.Rebind(`INSERT INTO oauth_signing_keys (kid, algorithm, public_key, private_key, created_at, activates_at) VALUES (?, ?, ?, ?, ?, ?)`),
		kid, algEdDSA, []byte(pub), sealed, now.UnixMicro(), activates.UnixMicro())
	return kid, err
}

// ensureSigningKey creates a key that signs at once when none can sign.
func (s *Server) ensureSigningKey(ctx context.Context) error {
	tx, err := s.db.SQL().BeginTx(ctx, nil)
	if err != nil {
		return fmt.Errorf("oauth: signing keys: %w", err)
	}
	defer tx.Rollback()
	if err := s.lockKeys(ctx, tx); err != nil {
		return fmt.Errorf("oauth: lock signing keys: %w", err)
	}
	now := s.now()
	var n int
	err = tx.QueryRowContext(ctx, s.db.Rebind(`SELECT count(*) FROM oauth_signing_keys WHERE activates_at <= ? AND length(private_key) > 0`), now.UnixMicro()).Scan(&n)
	if err != nil {
		return fmt.Errorf("oauth: signing keys: %w", err)
	}
	if n > 0 {
		return nil
	}
	if _, err := s.insertKey(ctx, tx, now, now); err != nil {
		return fmt.Errorf("oauth: create signing key: %w", err)
	}
	if err := tx.Commit(); err != nil {
		return fmt.Errorf("oauth: create signing key: %w", err)
	}
	s.log.Info("oauth: created the first access-token signing key")
	return nil
}

// SigningKey describes a signing key, for `mira admin`.
type SigningKey struct {
	KeyID       string
	CreatedAt   time.Time
	ActivatesAt time.Time
}

// RotateSigningKey adds a new signing key. It is published at once (in
// the JWKS, and to every instance within a reload) and signs from the
// returned ActivatesAt on; the previous key keeps verifying the tokens it
// signed until they have expired, then retires.
func (s *Server) RotateSigningKey(ctx context.Context) (SigningKey, error) {
	tx, err := s.db.SQL().BeginTx(ctx, nil)
	if err != nil {
		return SigningKey{}, fmt.Errorf("oauth: rotate signing key: %w", err)
	}
	defer tx.Rollback()
	if err := s.lockKeys(ctx, tx); err != nil {
		return SigningKey{}, fmt.Errorf("oauth: lock signing keys: %w", err)
	}
	now := s.now()
	activates := now.Add(publishAhead)
	var latest sql.NullInt64
	if err := tx.QueryRowContext(ctx, `SELECT max(activates_at) FROM oauth_signing_keys`).Scan(&latest); err != nil {
		return SigningKey{}, fmt.Errorf("oauth: rotate signing key: %w", err)
	}
	if l := store.TimeFrom(latest); !l.Before(activates) {
		activates = l.Add(time.Second) // a rotation is already scheduled: follow it
	}
	kid, err := s.insertKey(ctx, tx, now, activates)
	if err != nil {
		return SigningKey{}, fmt.Errorf("oauth: rotate signing key: %w", err)
	}
	if err := tx.Commit(); err != nil {
		return SigningKey{}, fmt.Errorf("oauth: rotate signing key: %w", err)
	}
	s.log.Info("oauth: rotated the access-token signing key", "kid", kid, "activates_at", activates)
	if err := s.reloadKeys(ctx); err != nil {
		return SigningKey{}, err
	}
	return SigningKey{KeyID: kid, CreatedAt: now, ActivatesAt: activates}, nil
}

// SigningKeys lists the keys that verify now, oldest first.
func (s *Server) SigningKeys() []SigningKey {
	var out []SigningKey
	for _, k := range s.keys.Load().verifying(s.now(), s.retireAfter()) {
		out = append(out, SigningKey{KeyID: k.kid, ActivatesAt: k.activatesAt})
	}
	return out
}

// reloadKeys reads every signing key from the database.
func (s *Server) reloadKeys(ctx context.Context) error {
	rows, err := s.db.SQL().QueryContext(ctx, `SELECT kid, algorithm, public_key, private_key, activates_at FROM oauth_signing_keys ORDER BY activates_at, kid`)
	if err != nil {
		return fmt.Errorf("oauth: load signing keys: %w", err)
	}
	defer rows.Close()
	ks := &keySet{}
	for rows.Next() {
		var (
			kid, alg  string
			pub, seal []byte
			act       int64
		)
		if err := rows.Scan(&kid, &alg, &pub, &seal, &act); err != nil {
			return fmt.Errorf("oauth: load signing keys: %w", err)
		}
		if alg != algEdDSA || len(pub) != ed25519.PublicKeySize || thumbprint(pub) != kid {
			return fmt.Errorf("oauth: signing key %s is malformed", kid)
		}
		k := &signingKey{kid: kid, pub: ed25519.PublicKey(pub), activatesAt: time.UnixMicro(act).UTC()}
		if len(seal) > 0 {
			seed, err := s.keyBox.Open(seal, []byte(kid))
			if err != nil {
				return fmt.Errorf("oauth: signing key %s does not open with this server secret (was the secret replaced?): %w", kid, err)
			}
			priv := ed25519.NewKeyFromSeed(seed)
			if !priv.Public().(ed25519.PublicKey).Equal(k.pub) {
				return fmt.Errorf("oauth: signing key %s: private and public halves differ", kid)
			}
			opts := (&jose.SignerOptions{}).WithType("at+jwt")
			k.priv = priv
			k.signer, err = jose.NewSigner(jose.SigningKey{Algorithm: jose.EdDSA, Key: jose.JSONWebKey{Key: priv, KeyID: kid}}, opts)
			if err != nil {
				return fmt.Errorf("oauth: signing key %s: %w", kid, err)
			}
		}
		ks.keys = append(ks.keys, k)
	}
	if err := rows.Err(); err != nil {
		return fmt.Errorf("oauth: load signing keys: %w", err)
	}
	s.keys.Store(ks)
	return nil
}

// reloadForUnknownKid reloads keys when a token names a kid we do not know,
// at most once per 10 seconds: a key rotated in by another instance is
// published long before it signs, so this is only a backstop, and forged
// kids must not turn into database load.
func (s *Server) reloadForUnknownKid(ctx context.Context, now time.Time) {
	if !s.reloadMu.TryLock() {
		return
	}
	defer s.reloadMu.Unlock()
	if !s.lastReload.IsZero() && now.Sub(s.lastReload) < 10*time.Second && !now.Before(s.lastReload) {
		return
	}
	s.lastReload = now
	if err := s.reloadKeys(ctx); err != nil {
		s.log.Warn("oauth: reloading signing keys failed", "error", err)
	}
}

// retireKeys wipes the private half of superseded keys and deletes keys
// that no longer verify anything.
func (s *Server) retireKeys(ctx context.Context, now time.Time) error {
	var current sql.NullInt64
	err := s.db.SQL().QueryRowContext(ctx, s.db.Rebind(`SELECT max(activates_at) FROM oauth_signing_keys WHERE activates_at <= ?`), now.UnixMicro()).Scan(&current)
	if err != nil || !current.Valid {
		return err
	}
	if _, err := s.db.SQL().ExecContext(ctx, s.db.Rebind(`UPDATE oauth_signing_keys SET private_key = ? WHERE activates_at < ? AND length(private_key) > 0`),
		[]byte{}, current.Int64); err != nil {
		return err
	}
	// A key superseded more than a day ago (far beyond retireAfter) goes:
	// some later key has been signing for that long.
	_, err = s.db.SQL().ExecContext(ctx, s.db.Rebind(`DELETE FROM oauth_signing_keys WHERE EXISTS (
		SELECT 1 FROM oauth_signing_keys n WHERE n.activates_at > oauth_signing_keys.activates_at AND n.activates_at < ?)`),
		now.Add(-24*time.Hour).UnixMicro())
	if err != nil {
		return err
	}
	return s.reloadKeys(ctx)
}

// jwk is a public key as the JWKS shows it.
type jwk struct {
	Kty string `json:"kty"`
	Crv string `json:"crv"`
	X   string `json:"x"`
	Kid string `json:"kid"`
	Alg string `json:"alg"`
	Use string `json:"use"`
}

func (s *Server) serveJWKS(w http.ResponseWriter, r *http.Request) {
	keys := s.keys.Load().verifying(s.now(), s.retireAfter())
	set := struct {
		Keys []jwk `json:"keys"`
	}{Keys: make([]jwk, 0, len(keys))}
	for _, k := range slices.Backward(keys) {
		set.Keys = append(set.Keys, jwk{Kty: "OKP", Crv: "Ed25519", X: base64.RawURLEncoding.EncodeToString(k.pub), Kid: k.kid, Alg: algEdDSA, Use: "sig"})
	}
	writeJSONCached(w, set)
}
