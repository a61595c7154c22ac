package server

import (
	"context"
	"encoding/json"
	"net/http"
	"net/netip"
	"strings"
	"time"

	"github.com/vmira/mira/internal/apikey"
	"github.com/vmira/mira/internal/audit"
	"github.com/vmira/mira/internal/config"
	"github.com/vmira/mira/internal/keys"
	"github.com/vmira/mira/internal/mira"
	"github.com/vmira/mira/internal/store"
)

// KeyManager is what the key management API needs from the database.
type KeyManager interface {
	keys.Store
	KeyByID(ctx context.Context, id string) (*mira.Key, error)
	ListKeys(ctx context.Context, orgID string) ([]*mira.Key, error)
	UpdateKey(ctx context.Context, id string, u store.KeyUpdate) (*mira.Key, error)
	KeyExposures(ctx context.Context, keyID string) ([]mira.KeyExposure, error)
	RecordExposure(ctx context.Context, e *mira.KeyExposure, revoke bool) error
	KeyByDigest(ctx context.Context, digest []byte) (*mira.Key, error)
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

// visible reports whether the principal may see key k: its organisation's
// keys for owners and admins, only their own for members.
func visible(p *Principal, k *mira.Key) bool {
	if k.OrgID != p.OrgID() {
		return false
	}
	if p.Role() == mira.RoleMember {
		return p.User != nil && k.UserID == p.User.ID
	}
	return true
}

// lookupKey finds a key the principal may see. Anything else is 404, never
// 403: another organisation's ids must not be confirmed to exist.
func (s *Server) lookupKey(r *http.Request) (*mira.Key, error) {
	k, err := s.opt.KeyAdmin.KeyByID(r.Context(), r.PathValue("id"))
	if err != nil || !visible(principal(r.Context()), k) {
		if err != nil && mira.ErrorCode(err) != mira.ENotFound {
			return nil, err
		}
		return nil, mira.Errorf(mira.ENotFound, "no such key")
	}
	return k, nil
}

// grantable checks that the principal may hand out these scopes: never more
// than its own (a key) or its role allows (admin scope: owners and admins).
func grantable(p *Principal, scopes []mira.Scope) error {
	for _, sc := range scopes {
		if !p.HasScope(sc) {
			return mira.Errorf(mira.EInsufficientScope, "you cannot grant the scope %s, which you do not hold", sc)
		}
		if sc == mira.ScopeAdmin && p.Role() == mira.RoleMember {
			return mira.Errorf(mira.EInsufficientScope, "members cannot grant the admin scope")
		}
	}
	return nil
}

func (s *Server) listKeys(w http.ResponseWriter, r *http.Request) {
	p := principal(r.Context())
	all, err := s.opt.KeyAdmin.ListKeys(r.Context(), p.OrgID())
	if err != nil {
		s.writeError(w, r, err)
		return
	}
	now := time.Now()
	out := struct {
		Object string    `json:"object"`
		Data   []keyView `json:"data"`
	}{Object: "list", Data: []keyView{}}
	for _, k := range all {
		if visible(p, k) {
			out.Data = append(out.Data, s.view(k, now))
		}
	}
	writeJSON(w, http.StatusOK, out)
}

func (s *Server) getKey(w http.ResponseWriter, r *http.Request) {
	k, err := s.lookupKey(r)
	if err != nil {
		s.writeError(w, r, err)
		return
	}
	v := s.view(k, time.Now())
	if v.Exposures, err = s.opt.KeyAdmin.KeyExposures(r.Context(), k.ID); err != nil {
		s.writeError(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, v)
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
	dec := json.NewDecoder(strings.NewReader(string(body)))
	dec.DisallowUnknownFields()
	if err := dec.Decode(v); err != nil {
		return mira.Errorf(mira.EInvalidRequest, "the request body is not valid: %s", jsonProblem(err))
	}
	return nil
}

func jsonProblem(err error) string {
	msg := err.Error()
	msg = strings.TrimPrefix(msg, "json: ")
	if len(msg) > 200 {
		msg = msg[:200]
	}
	return msg
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

func (s *Server) createKey(w http.ResponseWriter, r *http.Request) {
	p := principal(r.Context())
	var kr keyRequest
	if err := s.decodeJSON(w, r, &kr); err != nil {
		s.writeError(w, r, err)
		return
	}
	now := time.Now()
	spec := keys.Spec{OrgID: p.OrgID()}
	if p.User != nil {
		spec.UserID = p.User.ID
	}
	if kr.Name != nil {
		spec.Name = *kr.Name
	}
	var err error
	if kr.Environment != nil {
		if spec.Environment, err = mira.ParseEnvironment(*kr.Environment); err != nil {
			s.writeError(w, r, err)
			return
		}
	}
	if spec.Scopes, err = kr.scopes(); err == nil {
		err = grantable(p, orDefault(spec.Scopes))
	}
	if err == nil {
		spec.AllowedCIDRs, err = kr.cidrs()
	}
	if err == nil && kr.Plan != nil {
		err = s.checkPlan(p, *kr.Plan)
		spec.Plan = *kr.Plan
	}
	var exp *time.Time
	if err == nil {
		exp, err = kr.expiry(now)
	}
	if err != nil {
		s.writeError(w, r, err)
		return
	}
	if exp != nil {
		spec.ExpiresAt = *exp
	}
	if kr.AllowedModels != nil {
		spec.AllowedModels = *kr.AllowedModels
	}
	k, raw, err := keys.Create(r.Context(), s.opt.KeyAdmin, s.opt.Secret, spec, now)
	if err != nil {
		s.writeError(w, r, err)
		return
	}
	s.auditKey(r, audit.KeyCreated, k, map[string]any{"name": k.Name, "environment": string(k.Environment), "scopes": mira.JoinScopes(k.Scopes)})
	v := s.view(k, now)
	v.Key = raw
	writeJSON(w, http.StatusCreated, v)
}

func orDefault(scopes []mira.Scope) []mira.Scope {
	if len(scopes) == 0 {
		return mira.DefaultScopes
	}
	return scopes
}

// checkPlan allows owners and admins to put a key on a configured plan;
// members cannot raise their own limits.
func (s *Server) checkPlan(p *Principal, plan string) error {
	if p.Role() == mira.RoleMember {
		return mira.Errorf(mira.EInsufficientScope, "only owners and admins can choose a key's plan")
	}
	if _, ok := s.opt.Plans[plan]; !ok && plan != "" {
		return mira.ParamErrorf("plan", "unknown plan %q", plan)
	}
	return nil
}

func (s *Server) updateKey(w http.ResponseWriter, r *http.Request) {
	p := principal(r.Context())
	k, err := s.lookupKey(r)
	if err != nil {
		s.writeError(w, r, err)
		return
	}
	var kr keyRequest
	if err := s.decodeJSON(w, r, &kr); err != nil {
		s.writeError(w, r, err)
		return
	}
	if kr.Environment != nil || kr.Plan != nil {
		s.writeError(w, r, mira.ParamErrorf("environment", "a key's environment and plan are fixed; create a new key instead"))
		return
	}
	now := time.Now()
	u := store.KeyUpdate{Name: kr.Name, AllowedModels: kr.AllowedModels}
	if kr.Name != nil && (strings.TrimSpace(*kr.Name) == "" || len(*kr.Name) > 128) {
		s.writeError(w, r, mira.ParamErrorf("name", "the name must have 1 to 128 characters"))
		return
	}
	scopes, err := kr.scopes()
	if err == nil && scopes != nil {
		err = grantable(p, scopes)
		u.Scopes = &scopes
	}
	if err == nil {
		var c []netip.Prefix
		if c, err = kr.cidrs(); err == nil && kr.AllowedCIDRs != nil {
			u.AllowedCIDRs = &c
		}
	}
	if err == nil {
		u.ExpiresAt, err = kr.expiry(now)
	}
	if err != nil {
		s.writeError(w, r, err)
		return
	}
	k, err = s.opt.KeyAdmin.UpdateKey(r.Context(), k.ID, u)
	if err != nil {
		s.writeError(w, r, err)
		return
	}
	s.keyChanged(r.Context(), k)
	s.auditKey(r, audit.SettingsChanged, k, map[string]any{"scopes": mira.JoinScopes(k.Scopes), "name": k.Name})
	writeJSON(w, http.StatusOK, s.view(k, now))
}

func (s *Server) revokeKey(w http.ResponseWriter, r *http.Request) {
	k, err := s.lookupKey(r)
	if err != nil {
		s.writeError(w, r, err)
		return
	}
	now := time.Now()
	if err := keys.Revoke(r.Context(), s.opt.KeyAdmin, k.ID, "revoked by "+actor(principal(r.Context())), now); err != nil {
		s.writeError(w, r, err)
		return
	}
	if k, err = s.opt.KeyAdmin.KeyByID(r.Context(), k.ID); err != nil {
		s.writeError(w, r, err)
		return
	}
	s.keyChanged(r.Context(), k)
	s.auditKey(r, audit.KeyRevoked, k, nil)
	writeJSON(w, http.StatusOK, s.view(k, now))
}

func (s *Server) rotateKey(w http.ResponseWriter, r *http.Request) {
	k, err := s.lookupKey(r)
	if err != nil {
		s.writeError(w, r, err)
		return
	}
	var body struct {
		GracePeriod *string `json:"grace_period"` // "24h", "0s"; default 24h
	}
	if err := s.decodeJSON(w, r, &body); err != nil {
		s.writeError(w, r, err)
		return
	}
	grace := keys.DefaultGrace
	if body.GracePeriod != nil {
		if grace, err = config.ParseDuration(*body.GracePeriod); err != nil {
			s.writeError(w, r, mira.ParamErrorf("grace_period", "%v", err))
			return
		}
	}
	now := time.Now()
	next, raw, err := keys.Rotate(r.Context(), s.opt.KeyAdmin, s.opt.Secret, k, grace, now)
	if err != nil {
		s.writeError(w, r, err)
		return
	}
	s.keyChanged(r.Context(), k)
	s.auditKey(r, audit.KeyRotated, k, map[string]any{"new_key": next.ID, "grace": grace.String()})
	v := s.view(next, now)
	v.Key = raw
	writeJSON(w, http.StatusCreated, v)
}

// reportLeak takes a key found in public. Whatever the key, the answer is
// the same and comes at once; the lookup and revocation happen afterwards,
// so neither the response nor its timing says whether the key existed.
func (s *Server) reportLeak(w http.ResponseWriter, r *http.Request) {
	if err := s.limitUnauthenticated(w, r); err != nil {
		s.writeError(w, r, err)
		return
	}
	var body struct {
		Key string `json:"key"`
	}
	if err := s.decodeJSON(w, r, &body); err != nil {
		s.writeError(w, r, err)
		return
	}
	if !apikey.LooksLike(body.Key) {
		s.writeError(w, r, mira.ParamErrorf("key", "give the leaked key as {\"key\": \"sk-mira-...\"}"))
		return
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
}

func (s *Server) revokeReported(r *http.Request, digest []byte, e mira.KeyExposure) {
	requestID := requestID(r.Context())
	ctx, cancel := context.WithTimeout(r.Context(), 10*time.Second)
	defer cancel()
	k, err := s.opt.KeyAdmin.KeyByDigest(ctx, digest)
	if err != nil {
		return
	}
	e.KeyID = k.ID
	if err := s.opt.KeyAdmin.RecordExposure(ctx, &e, true); err != nil {
		s.log.Error("recording a leak report failed", "key_id", k.ID, "error", err)
		return
	}
	s.auth.Invalidate(digest)
	s.keyChanged(ctx, k)
	s.auditKey(r, audit.KeyReported, k, map[string]any{"revoked": e.Revoked, "reporter_ip": e.ClientIP})
	s.log.Warn("API key reported leaked", "key_id", k.ID, "org_id", k.OrgID, "revoked", e.Revoked,
		"reporter_ip", e.ClientIP, "request_id", requestID)
}

// keyChanged makes every instance forget its cached copy of k.
func (s *Server) keyChanged(ctx context.Context, k *mira.Key) {
	s.auth.Invalidate(k.Digest)
	if s.opt.Events != nil {
		if err := s.opt.Events.KeyChanged(ctx, k.ID, k.Digest); err != nil {
			s.log.Warn("publishing a key change failed; other instances will see it within their poll", "key_id", k.ID, "error", err)
		}
	}
}

func actor(p *Principal) string {
	if p.User != nil {
		return p.User.Email
	}
	return p.Subject()
}
