package server

import (
	"context"
	"net/http"
	"net/netip"
	"strings"
	"time"

	"github.com/vmira/mira/internal/apikey"
	"github.com/vmira/mira/internal/audit"
	"github.com/vmira/mira/internal/config"
	"github.com/vmira/mira/internal/keys"
	"github.com/vmira/mira/internal/mira"
	"github.com/vmira/mira/internal/openai"
	"github.com/vmira/mira/internal/store"
)

// KeyManager is what the key management API needs from the database.
type KeyManager interface {
	keys.Store
	KeyByID(ctx context.Context, id string) (*mira.Key, error)
	ListKeys(ctx context.Context, orgID string) ([]*mira.Key, error)
	KeyExposures(ctx context.Context, keyID string) ([]mira.KeyExposure, error)
}

// newKeyService returns the service through which the management API and
// the plain listener change keys: in the store with an audit entry in the
// same transaction, then out of this instance's cache and, through Events,
// the others'. Nil without KeyAdmin.
func newKeyService(opt Options, auth *Authenticator) *keys.Service {
	if opt.KeyAdmin == nil {
		return nil
	}
	cfg := keys.Config{Store: opt.KeyAdmin, Secret: opt.Secret, Cache: auth, Logger: opt.Logger}
	if opt.Audit != nil {
		cfg.Audit = opt.Audit
	}
	if opt.Events != nil {
		cfg.Events = opt.Events
	}
	return keys.NewService(cfg)
}

// KeyService returns the service through which keys change (nil without
// Options.KeyAdmin), for the dashboard.
func (s *Server) KeyService() *keys.Service { return s.keySvc }

// actorOf is the principal as the key policy sees it.
func actorOf(p *Principal) keys.Actor {
	a := keys.Actor{OrgID: p.OrgID(), Role: p.Role(), Key: p.Key, Plan: p.PlanName()}
	if p.User != nil {
		a.UserID = p.User.ID
	}
	if p.Key != nil {
		a.Scopes = p.Key.Scopes
	} else {
		a.Scopes = p.Token.Scopes
	}
	return a
}

// origin names the request's principal (none: the system) and client for
// the audit log.
func origin(r *http.Request, details map[string]any) keys.Origin {
	o := keys.Origin{Actor: audit.System, ClientIP: info(r.Context()).ip.String(), Details: details}
	if p := principal(r.Context()); p != nil {
		if p.Key != nil {
			o.Actor = audit.Key(p.Key.ID)
		} else if p.User != nil {
			o.Actor = audit.User(p.User.ID)
		}
	}
	return o
}

// keyView is a key as the API shows it: never the secret, except once in
// Key at creation and rotation.
type keyView struct {
	ID            string             `json:"id"`
	Object        string             `json:"object"` // "api_key"
	Key           string             `json:"key,omitempty"`
	FamilyID      string             `json:"family_id"`
	Name          string             `json:"name"`
	Display       string             `json:"display"` // first 12 … last 4
	Environment   mira.Environment   `json:"environment"`
	Scopes        []mira.Scope       `json:"scopes"`
	AllowedModels []string           `json:"allowed_models"`
	AllowedCIDRs  []string           `json:"allowed_cidrs"`
	Plan          string             `json:"plan,omitempty"`
	State         mira.KeyState      `json:"state"`
	CreatedAt     int64              `json:"created_at"`
	ExpiresAt     *int64             `json:"expires_at"`
	LastUsedAt    *int64             `json:"last_used_at"`
	LastUsedIP    string             `json:"last_used_ip,omitempty"`
	RevokedAt     *int64             `json:"revoked_at"`
	ExposedAt     *int64             `json:"exposed_at"`
	RotationDue   bool               `json:"rotation_due"` // older than the maximum age policy
	Exposures     []mira.KeyExposure `json:"exposures,omitempty"`
}

func unixOrNil(t time.Time) *int64 {
	if t.IsZero() {
		return nil
	}
	u := t.Unix()
	return &u
}

func (s *Server) view(k *mira.Key, now time.Time) keyView {
	v := keyView{ID: k.ID, Object: "api_key", FamilyID: k.FamilyID, Name: k.Name, Display: k.Prefix + "…" + k.Last4,
		Environment: k.Environment, Scopes: k.Scopes, AllowedModels: k.AllowedModels, Plan: k.Plan,
		State: k.State(now), CreatedAt: k.CreatedAt.Unix(), ExpiresAt: unixOrNil(k.ExpiresAt),
		LastUsedAt: unixOrNil(k.LastUsedAt), LastUsedIP: k.LastUsedIP, RevokedAt: unixOrNil(k.RevokedAt),
		ExposedAt: unixOrNil(k.ExposedAt), AllowedCIDRs: []string{}}
	if v.Scopes == nil {
		v.Scopes = []mira.Scope{}
	}
	if v.AllowedModels == nil {
		v.AllowedModels = []string{}
	}
	for _, p := range k.AllowedCIDRs {
		v.AllowedCIDRs = append(v.AllowedCIDRs, p.String())
	}
	v.RotationDue = s.opt.KeyMaxAge > 0 && v.State == mira.KeyActive && now.Sub(k.CreatedAt) > s.opt.KeyMaxAge
	return v
}

// lookupKey finds a key the principal may see. Anything else is 404, never
// 403: another organisation's ids must not be confirmed to exist.
func (s *Server) lookupKey(r *http.Request) (*mira.Key, error) {
	k, err := s.opt.KeyAdmin.KeyByID(r.Context(), r.PathValue("id"))
	if err != nil || !actorOf(principal(r.Context())).Sees(k) {
		if err != nil && mira.ErrorCode(err) != mira.ENotFound {
			return nil, err
		}
		return nil, mira.Errorf(mira.ENotFound, "no such key")
	}
	return k, nil
}

func (s *Server) listKeys(w http.ResponseWriter, r *http.Request) error {
	a := actorOf(principal(r.Context()))
	all, err := s.opt.KeyAdmin.ListKeys(r.Context(), a.OrgID)
	if err != nil {
		return err
	}
	now := time.Now()
	out := struct {
		Object string    `json:"object"`
		Data   []keyView `json:"data"`
	}{Object: "list", Data: []keyView{}}
	for _, k := range all {
		if a.Sees(k) {
			out.Data = append(out.Data, s.view(k, now))
		}
	}
	writeJSON(w, http.StatusOK, out)
	return nil
}

func (s *Server) getKey(w http.ResponseWriter, r *http.Request) error {
	k, err := s.lookupKey(r)
	if err != nil {
		return err
	}
	v := s.view(k, time.Now())
	if v.Exposures, err = s.opt.KeyAdmin.KeyExposures(r.Context(), k.ID); err != nil {
		return err
	}
	writeJSON(w, http.StatusOK, v)
	return nil
}

// keyRequest is the body of POST and PATCH /v1/keys.
type keyRequest struct {
	Name          *string   `json:"name"`
	Environment   *string   `json:"environment"`
	Scopes        *[]string `json:"scopes"`
	AllowedModels *[]string `json:"allowed_models"`
	AllowedCIDRs  *[]string `json:"allowed_cidrs"`
	Plan          *string   `json:"plan"`
	// ExpiresAt is a unix time (0 removes the expiry); ExpiresIn a
	// duration such as "90d". At most one of them.
	ExpiresAt *int64  `json:"expires_at"`
	ExpiresIn *string `json:"expires_in"`
}

func (s *Server) decodeJSON(w http.ResponseWriter, r *http.Request, v any) error {
	body, err := s.readBody(w, r)
	if err != nil {
		return err
	}
	if len(strings.TrimSpace(string(body))) == 0 {
		body = []byte("{}")
	}
	// Strict: no duplicate or case-variant names, no unknown members.
	return openai.UnmarshalKnown(body, v)
}

func (kr *keyRequest) scopes() ([]mira.Scope, error) {
	if kr.Scopes == nil {
		return nil, nil
	}
	out, err := mira.ParseScopes(strings.Join(*kr.Scopes, ","))
	if err != nil {
		return nil, err
	}
	if len(out) == 0 {
		return nil, mira.ParamErrorf("scopes", "a key needs at least one scope")
	}
	return out, nil
}

func (kr *keyRequest) cidrs() ([]netip.Prefix, error) {
	if kr.AllowedCIDRs == nil {
		return nil, nil
	}
	return keys.ParseCIDRs(strings.Join(*kr.AllowedCIDRs, ","))
}

func (kr *keyRequest) expiry(now time.Time) (*time.Time, error) {
	switch {
	case kr.ExpiresAt != nil && kr.ExpiresIn != nil:
		return nil, mira.ParamErrorf("expires_at", "give expires_at or expires_in, not both")
	case kr.ExpiresAt != nil:
		t := time.Time{}
		if *kr.ExpiresAt != 0 {
			t = time.Unix(*kr.ExpiresAt, 0)
		}
		return &t, nil
	case kr.ExpiresIn != nil:
		t, err := keys.ParseExpiry(*kr.ExpiresIn, now, config.ParseDuration)
		if err != nil {
			return nil, mira.ParamErrorf("expires_in", "%v", err)
		}
		return &t, nil
	}
	return nil, nil
}

func (s *Server) createKey(w http.ResponseWriter, r *http.Request) error {
	p := principal(r.Context())
	a := actorOf(p)
	var kr keyRequest
	if err := s.decodeJSON(w, r, &kr); err != nil {
		return err
	}
	now := time.Now()
	spec := keys.Spec{OrgID: p.OrgID(), UserID: a.UserID}
	if kr.Name != nil {
		spec.Name = *kr.Name
	}
	var err error
	if kr.Environment != nil {
		if spec.Environment, err = mira.ParseEnvironment(*kr.Environment); err != nil {
			return err
		}
	}
	if spec.Scopes, err = kr.scopes(); err != nil {
		return err
	}
	if err := a.CheckGrant(orDefault(spec.Scopes)); err != nil {
		return err
	}
	if spec.AllowedCIDRs, err = kr.cidrs(); err != nil {
		return err
	}
	if kr.Plan != nil {
		if err := a.CheckPlan(*kr.Plan, s.opt.Plans); err != nil {
			return err
		}
		spec.Plan = *kr.Plan
	}
	exp, err := kr.expiry(now)
	if err != nil {
		return err
	}
	if exp != nil {
		spec.ExpiresAt = *exp
	}
	if kr.AllowedModels != nil {
		spec.AllowedModels = *kr.AllowedModels
	}
	given := keys.Given{Models: kr.AllowedModels != nil, CIDRs: kr.AllowedCIDRs != nil, Expiry: exp != nil, Plan: kr.Plan != nil}
	if err := a.BoundSpec(&spec, given, s.opt.Plans); err != nil {
		return err
	}
	k, raw, err := s.keySvc.Create(r.Context(), spec, origin(r, nil))
	if err != nil {
		return err
	}
	v := s.view(k, now)
	v.Key = raw
	writeJSON(w, http.StatusCreated, v)
	return nil
}

func orDefault(scopes []mira.Scope) []mira.Scope {
	if len(scopes) == 0 {
		return mira.DefaultScopes
	}
	return scopes
}

func (s *Server) updateKey(w http.ResponseWriter, r *http.Request) error {
	a := actorOf(principal(r.Context()))
	k, err := s.lookupKey(r)
	if err != nil {
		return err
	}
	var kr keyRequest
	if err := s.decodeJSON(w, r, &kr); err != nil {
		return err
	}
	if kr.Environment != nil || kr.Plan != nil {
		return mira.ParamErrorf("environment", "a key's environment and plan are fixed; create a new key instead")
	}
	now := time.Now()
	u := store.KeyUpdate{Name: kr.Name, AllowedModels: kr.AllowedModels}
	if kr.Name != nil && (strings.TrimSpace(*kr.Name) == "" || len(*kr.Name) > 128) {
		return mira.ParamErrorf("name", "the name must have 1 to 128 characters")
	}
	scopes, err := kr.scopes()
	if err != nil {
		return err
	}
	if scopes != nil {
		if err := a.CheckGrant(scopes); err != nil {
			return err
		}
		u.Scopes = &scopes
	}
	c, err := kr.cidrs()
	if err != nil {
		return err
	}
	if kr.AllowedCIDRs != nil {
		u.AllowedCIDRs = &c
	}
	if u.ExpiresAt, err = kr.expiry(now); err != nil {
		return err
	}
	if err := a.CheckUpdate(u); err != nil {
		return err
	}
	if k, err = s.keySvc.Update(r.Context(), k.ID, u, origin(r, nil)); err != nil {
		return err
	}
	writeJSON(w, http.StatusOK, s.view(k, now))
	return nil
}

func (s *Server) revokeKey(w http.ResponseWriter, r *http.Request) error {
	k, err := s.lookupKey(r)
	if err != nil {
		return err
	}
	if k, err = s.keySvc.Revoke(r.Context(), k.ID, "revoked by "+actor(principal(r.Context())), origin(r, nil)); err != nil {
		return err
	}
	writeJSON(w, http.StatusOK, s.view(k, time.Now()))
	return nil
}

func (s *Server) rotateKey(w http.ResponseWriter, r *http.Request) error {
	k, err := s.lookupKey(r)
	if err != nil {
		return err
	}
	var body struct {
		GracePeriod *string `json:"grace_period"` // "24h", "0s"; default 24h
	}
	if err := s.decodeJSON(w, r, &body); err != nil {
		return err
	}
	grace := keys.DefaultGrace
	if body.GracePeriod != nil {
		if grace, err = config.ParseDuration(*body.GracePeriod); err != nil {
			return mira.ParamErrorf("grace_period", "%v", err)
		}
	}
	now := time.Now()
	next, raw, _, err := s.keySvc.Rotate(r.Context(), k.ID, grace, origin(r, nil))
	if err != nil {
		return err
	}
	v := s.view(next, now)
	v.Key = raw
	writeJSON(w, http.StatusCreated, v)
	return nil
}

// reportLeak takes a key found in public. Whatever the key, the answer is
// the same and comes at once; the lookup and revocation happen afterwards,
// so neither the response nor its timing says whether the key existed.
func (s *Server) reportLeak(w http.ResponseWriter, r *http.Request) error {
	if err := s.limitUnauthenticated(w, r); err != nil {
		return err
	}
	var body struct {
		Key string `json:"key"`
	}
	if err := s.decodeJSON(w, r, &body); err != nil {
		return err
	}
	if !apikey.LooksLike(body.Key) {
		return mira.ParamErrorf("key", "give the leaked key as {\"key\": \"sk-mira-...\"}")
	}
	ri := info(r.Context())
	e := mira.KeyExposure{Source: mira.ExposureLeakReport, ClientIP: ri.ip.String(),
		UserAgent: truncateString(r.UserAgent(), 256), At: time.Now()}
	if apikey.Valid(body.Key) {
		digest := apikey.Digest(s.opt.Secret, body.Key)
		s.bg.Go(func() { s.revokeReported(r.WithContext(context.WithoutCancel(r.Context())), digest, e) })
	}
	writeJSON(w, http.StatusAccepted, map[string]any{"received": true,
		"message": "thank you: if this is a Mira key, it is now revoked and its owner can see the report"})
	return nil
}

// revokeReported records a leak report and revokes the key at once, even
// in the grace period of a rotation. Repeated reports of a revoked key fold
// into the first (store.ExposureFoldWindow).
func (s *Server) revokeReported(r *http.Request, digest []byte, e mira.KeyExposure) {
	requestID := requestID(r.Context())
	ctx, cancel := context.WithTimeout(r.Context(), 10*time.Second)
	defer cancel()
	k, err := s.opt.Keys.KeyByDigest(ctx, digest)
	if err != nil {
		return
	}
	e.KeyID = k.ID
	if _, err := s.keySvc.RecordExposure(ctx, &e, true, origin(r, nil)); err != nil {
		s.log.Error("recording a leak report failed", "key_id", k.ID, "error", err)
		return
	}
	if e.Folded {
		s.log.Debug("API key reported leaked again", "key_id", k.ID, "reporter_ip", e.ClientIP, "request_id", requestID)
		return
	}
	s.log.Warn("API key reported leaked", "key_id", k.ID, "org_id", k.OrgID, "revoked", e.Revoked,
		"reporter_ip", e.ClientIP, "request_id", requestID)
}

func actor(p *Principal) string {
	if p.User != nil {
		return p.User.Email
	}
	return p.Subject()
}
