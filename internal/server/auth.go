package server

import (
	"context"
	"errors"
	"log/slog"
	"net/http"
	"net/netip"
	"sync"
	"time"

	"github.com/vmira/mira/internal/apikey"
	"github.com/vmira/mira/internal/mira"
	"github.com/vmira/mira/internal/oauth"
	"github.com/vmira/mira/internal/store"
)

// KeyStore is what authentication needs from the database.
type KeyStore interface {
	KeyByDigest(ctx context.Context, digest []byte) (*mira.Key, error)
	OrgByID(ctx context.Context, id string) (*mira.Org, error)
	UserByID(ctx context.Context, id string) (*mira.User, error)
	TouchKeys(ctx context.Context, uses []store.KeyUse) error
	RevokedSince(ctx context.Context, since time.Time) ([]store.RevokedKey, error)
}

// Principal is who a request acts for: an API key, or a user signed in to
// the CLI with an OAuth access token.
type Principal struct {
	Key     *mira.Key     // set for API keys
	Token   *oauth.Claims // set for access tokens
	User    *mira.User    // the key's owner, or the token's user
	OrgPlan string        // the plan of the organisation
	OrgName string        // selects per-organisation filter policies
}

// OrgID is the organisation the principal acts in.
func (p *Principal) OrgID() string {
	if p.Key != nil {
		return p.Key.OrgID
	}
	return p.Token.OrgID
}

// Role is the principal's role in its organisation (member without a user).
func (p *Principal) Role() mira.Role {
	if p.User == nil {
		return mira.RoleMember
	}
	return p.User.Role
}

// HasScope reports whether the principal carries scope s.
func (p *Principal) HasScope(s mira.Scope) bool {
	if p.Key != nil {
		return p.Key.HasScope(s)
	}
	return p.Token.HasScope(s) || p.Token.HasScope(mira.ScopeAdmin)
}

// AllowsModel reports whether the principal may use model.
func (p *Principal) AllowsModel(model string) bool { return p.Key == nil || p.Key.AllowsModel(model) }

// AllowsIP reports whether the principal may act from ip.
func (p *Principal) AllowsIP(ip netip.Addr) bool { return p.Key == nil || p.Key.AllowsIP(ip) }

// Subject names the principal for rate limits: per key, and per user for
// access tokens (all of a user's CLI sessions share one budget).
func (p *Principal) Subject() string {
	if p.Key != nil {
		return p.Key.ID
	}
	return p.Token.UserID
}

// PlanName returns the key's plan, else its organisation's.
func (p *Principal) PlanName() string {
	if p.Key != nil && p.Key.Plan != "" {
		return p.Key.Plan
	}
	return p.OrgPlan
}

// principal returns who the request acts for, as authenticate found it.
func principal(ctx context.Context) *Principal { return info(ctx).p }

// TokenVerifier checks OAuth access tokens (the CLI's sign-in).
type TokenVerifier interface {
	VerifyAccessToken(ctx context.Context, token string) (*oauth.Claims, error)
}

// keyCacheTTL bounds how long a cached key is trusted without asking the
// database again: the backstop behind the revocation poll.
const keyCacheTTL = 30 * time.Second

// Authenticator verifies API keys. Keys are looked up by HMAC digest and
// cached in memory; the database is polled every second for revocations
// made elsewhere (another instance, `mira admin key revoke`).
type Authenticator struct {
	tokens TokenVerifier // nil: only API keys
	digest *apikey.Digester
	maxAge time.Duration // keys older than this are expired; 0: no limit
	store  KeyStore
	log    *slog.Logger
	now    func() time.Time

	mu    sync.RWMutex
	cache map[[32]byte]cachedKey
	users map[string]cachedKey // access-token users, by id

	touchMu sync.Mutex
	touches map[string]store.KeyUse
}

type cachedKey struct {
	p       *Principal
	fetched time.Time
}

// NewAuthenticator returns an Authenticator using the server secret.
// A positive maxAge expires keys older than it (the optional policy).
func NewAuthenticator(secret []byte, ks KeyStore, log *slog.Logger, maxAge time.Duration) *Authenticator {
	return &Authenticator{digest: apikey.NewDigester(secret), store: ks, log: log, now: time.Now, maxAge: maxAge,
		cache: map[[32]byte]cachedKey{}, users: map[string]cachedKey{}, touches: map[string]store.KeyUse{}}
}

// Authenticate returns the principal of a bearer token. A malformed key or
// one with a bad checksum is refused without touching the database. A
// revoked or expired key is refused with its principal still returned.
func (a *Authenticator) Authenticate(ctx context.Context, token string) (*Principal, error) {
	if token == "" {
		return nil, mira.Errorf(mira.EInvalidAPIKey, "no API key was given: send it as Authorization: Bearer $MIRA_API_KEY")
	}
	if !apikey.LooksLike(token) && a.tokens != nil {
		return a.authenticateToken(ctx, token)
	}
	if err := apikey.Parse(token); err != nil {
		return nil, mira.Errorf(mira.EInvalidAPIKey, "the API key is malformed or mistyped; check that it was copied whole")
	}
	var d [32]byte
	a.digest.Sum(d[:0], token)
	now := a.now()
	a.mu.RLock()
	c, ok := a.cache[d]
	a.mu.RUnlock()
	if !ok || now.Sub(c.fetched) > keyCacheTTL {
		k, err := a.store.KeyByDigest(ctx, d[:])
		if errors.Is(err, mira.ErrNotFound) {
			a.forget(d)
			return nil, mira.Errorf(mira.EInvalidAPIKey, "incorrect API key")
		}
		if err != nil {
			return nil, mira.Internal(err)
		}
		p := &Principal{Key: k}
		if k.UserID != "" {
			if p.User, err = a.store.UserByID(ctx, k.UserID); err != nil {
				return nil, mira.Internal(err)
			}
		}
		org, err := a.store.OrgByID(ctx, k.OrgID)
		if err != nil {
			return nil, mira.Internal(err)
		}
		p.OrgPlan, p.OrgName = org.Plan, org.Name
		c = cachedKey{p: p, fetched: now}
		a.mu.Lock()
		a.cache[d] = c
		a.mu.Unlock()
	}
	// A refused known key comes back with its principal, so observers can
	// tell whose key is still being tried; callers act on the error.
	switch c.p.Key.State(now) {
	case mira.KeyRevoked:
		return c.p, mira.Errorf(mira.EKeyRevoked, "this API key has been revoked; create a new one")
	case mira.KeyExpired:
		return c.p, mira.Errorf(mira.EKeyExpired, "this API key has expired; create a new one")
	}
	if a.maxAge > 0 && now.Sub(c.p.Key.CreatedAt) > a.maxAge {
		return c.p, mira.Errorf(mira.EKeyExpired, "this API key is older than the maximum key age (%s) and has expired; rotate keys regularly", a.maxAge)
	}
	return c.p, nil
}

// authenticateToken verifies an access token and loads its user and
// organisation (cached like keys, by user id).
func (a *Authenticator) authenticateToken(ctx context.Context, token string) (*Principal, error) {
	claims, err := a.tokens.VerifyAccessToken(ctx, token)
	if err != nil {
		return nil, err
	}
	now := a.now()
	a.mu.RLock()
	c, ok := a.users[claims.UserID]
	a.mu.RUnlock()
	if !ok || now.Sub(c.fetched) > keyCacheTTL {
		u, err := a.store.UserByID(ctx, claims.UserID)
		if err != nil {
			if mira.ErrorCode(err) == mira.ENotFound {
				return nil, mira.Errorf(mira.EInvalidAPIKey, "the access token's user no longer exists")
			}
			return nil, mira.Internal(err)
		}
		org, err := a.store.OrgByID(ctx, u.OrgID)
		if err != nil {
			return nil, mira.Internal(err)
		}
		c = cachedKey{p: &Principal{User: u, OrgPlan: org.Plan, OrgName: org.Name}, fetched: now}
		a.mu.Lock()
		a.users[claims.UserID] = c
		a.mu.Unlock()
	}
	p := *c.p
	p.Token = claims
	return &p, nil
}

func (a *Authenticator) forget(d [32]byte) {
	a.mu.Lock()
	delete(a.cache, d)
	a.mu.Unlock()
}

// Invalidate drops a key from the cache so its next use reads the database.
func (a *Authenticator) Invalidate(digest []byte) {
	var d [32]byte
	copy(d[:], digest)
	a.forget(d)
}

// InvalidateAll empties the cache: after missed events, nothing cached can
// be trusted.
func (a *Authenticator) InvalidateAll() {
	a.mu.Lock()
	clear(a.cache)
	clear(a.users)
	a.mu.Unlock()
}

// noteUse records that key was used from ip; uses are written in batches.
func (a *Authenticator) noteUse(k *mira.Key, ip string) {
	a.touchMu.Lock()
	if u, ok := a.touches[k.ID]; !ok || u.IP != ip || a.now().Sub(u.At) > time.Second {
		a.touches[k.ID] = store.KeyUse{KeyID: k.ID, At: a.now(), IP: ip}
	}
	a.touchMu.Unlock()
}

// Run polls for revocations every second and flushes last-used times every
// few seconds until ctx ends; then it flushes once more.
func (a *Authenticator) Run(ctx context.Context) {
	poll := time.NewTicker(time.Second)
	defer poll.Stop()
	flush := time.NewTicker(5 * time.Second)
	defer flush.Stop()
	since := a.now().Add(-time.Minute)
	for {
		select {
		case <-ctx.Done():
			a.flushUses(context.WithoutCancel(ctx))
			return
		case <-poll.C:
			since = a.pollRevocations(ctx, since)
		case <-flush.C:
			a.flushUses(ctx)
		}
	}
}

// pollRevocations drops keys revoked since the last poll from the cache. The
// window overlaps by a few seconds so a slow commit is not missed.
func (a *Authenticator) pollRevocations(ctx context.Context, since time.Time) time.Time {
	started := a.now()
	revoked, err := a.store.RevokedSince(ctx, since)
	if err != nil {
		if ctx.Err() == nil {
			a.log.Warn("revocation poll failed", "error", err)
		}
		return since
	}
	for _, r := range revoked {
		a.Invalidate(r.Digest)
	}
	return started.Add(-5 * time.Second)
}

func (a *Authenticator) flushUses(ctx context.Context) {
	a.touchMu.Lock()
	if len(a.touches) == 0 {
		a.touchMu.Unlock()
		return
	}
	uses := make([]store.KeyUse, 0, len(a.touches))
	for _, u := range a.touches {
		uses = append(uses, u)
	}
	clear(a.touches)
	a.touchMu.Unlock()
	if err := a.store.TouchKeys(ctx, uses); err != nil {
		a.log.Warn("recording key use failed", "error", err, "keys", len(uses))
	}
}

// authenticate is the middleware that resolves the bearer key, checks its
// client address and the scope the route requires, and stores the
// principal for the handler. Requests without credentials and failed
// authentications spend per-IP budgets.
func (s *Server) authenticate(scope mira.Scope, next http.Handler) http.Handler {
	return s.errorHandler(func(w http.ResponseWriter, r *http.Request) error {
		ri := info(r.Context())
		token := bearer(r)
		if wait := s.penalty.blocked(ri.ip); wait > 0 {
			s.opt.Observer.AuthFailed(mira.ERateLimited, ri.ip, nil, apikey.DisplayPrefix(token))
			return retryLater(w, wait, "too many failed authentications from this address; retry after %s", wait.Round(time.Second))
		}
		if token == "" {
			if err := s.limitUnauthenticated(w, r); err != nil {
				return err
			}
		}
		p, err := s.auth.Authenticate(r.Context(), token)
		if err != nil {
			if code := mira.ErrorCode(err); code != mira.EInternal {
				s.opt.Observer.AuthFailed(code, ri.ip, keyOf(p), prefixOf(p, token))
				err = s.authFailed(w, r, err)
			}
			return err
		}
		ri.p = p
		if !p.AllowsIP(ri.ip) {
			s.opt.Observer.AuthFailed(mira.EIPNotAllowed, ri.ip, p.Key, prefixOf(p, token))
			return mira.Errorf(mira.EIPNotAllowed, "this API key may not be used from %s", ri.ip)
		}
		if !p.HasScope(scope) {
			s.opt.Observer.AuthFailed(mira.EInsufficientScope, ri.ip, p.Key, prefixOf(p, token))
			return mira.Errorf(mira.EInsufficientScope, "this credential lacks the scope %s needed for this endpoint", scope)
		}
		if p.Key != nil {
			s.auth.noteUse(p.Key, ri.ip.String())
		}
		next.ServeHTTP(w, r)
		return nil
	})
}

// keyOf returns p's key, or nil.
// prefixOf is the display prefix of the presented key: the known key's, or
// the token's when it is shaped like a Mira key; "" otherwise (session and
// OAuth tokens, garbage).
func prefixOf(p *Principal, token string) string {
	if k := keyOf(p); k != nil && k.Prefix != "" {
		return k.Prefix
	}
	return apikey.DisplayPrefix(token)
}

func keyOf(p *Principal) *mira.Key {
	if p == nil {
		return nil
	}
	return p.Key
}
