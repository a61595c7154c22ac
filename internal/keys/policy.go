package keys

import (
	"fmt"
	"net/netip"
	"slices"
	"strings"
	"time"

	"github.com/vmira/mira/internal/mira"
	"github.com/vmira/mira/internal/ratelimit"
	"github.com/vmira/mira/internal/store"
)

// Actor is who asks to see or change keys: a signed-in user (dashboard, CLI
// access token) or an API key with the keys scopes. The rules, the same
// everywhere:
//
//   - owners and admins see and manage their organisation's keys, members
//     only their own; a key that is not visible does not exist (404, never
//     403, so other organisations' ids are not confirmed);
//   - nobody grants a scope they do not hold, and members never grant admin;
//   - only owners and admins choose a key's plan;
//   - a key acting on keys is bound by its own restrictions: what it creates
//     or changes stays within its allowed models, client networks, expiry
//     and plan, so a narrow key cannot mint or turn itself into a wide one.
type Actor struct {
	OrgID  string
	UserID string    // the user, or the acting key's owner; "" for none
	Role   mira.Role // the user's role; members when there is no user
	// Scopes are those the actor holds; admin stands for every scope.
	Scopes []mira.Scope
	// Key is the acting API key; nil for a signed-in user.
	Key *mira.Key
	// Plan is the actor's plan: the key's, else its organisation's.
	Plan string
}

// UserActor is a signed-in user, who holds every scope their role allows.
func UserActor(u *mira.User, orgPlan string) Actor {
	a := Actor{OrgID: u.OrgID, UserID: u.ID, Role: u.Role, Plan: orgPlan}
	for _, sc := range mira.AllScopes {
		if sc != mira.ScopeAdmin || a.Administers() {
			a.Scopes = append(a.Scopes, sc)
		}
	}
	return a
}

// Administers reports whether the actor is an owner or admin of its
// organisation.
func (a Actor) Administers() bool {
	return a.Role == mira.RoleOwner || a.Role == mira.RoleAdmin
}

// Sees reports whether the actor may see (and so act on) key k.
func (a Actor) Sees(k *mira.Key) bool {
	if k == nil || a.OrgID == "" || k.OrgID != a.OrgID {
		return false
	}
	return a.Administers() || (a.UserID != "" && k.UserID == a.UserID)
}

// HasScope reports whether the actor holds scope s.
func (a Actor) HasScope(s mira.Scope) bool {
	return slices.Contains(a.Scopes, s) || slices.Contains(a.Scopes, mira.ScopeAdmin)
}

// Grantable returns the scopes the actor may put on a key, in
// mira.AllScopes order.
func (a Actor) Grantable() []mira.Scope {
	var out []mira.Scope
	for _, sc := range mira.AllScopes {
		if a.CheckGrant([]mira.Scope{sc}) == nil {
			out = append(out, sc)
		}
	}
	return out
}

// CheckGrant returns an insufficient_scope error unless the actor may grant
// every one of scopes.
func (a Actor) CheckGrant(scopes []mira.Scope) error {
	for _, sc := range scopes {
		if !a.HasScope(sc) {
			return mira.Errorf(mira.EInsufficientScope, "you cannot grant the scope %s, which you do not hold", sc)
		}
		if sc == mira.ScopeAdmin && !a.Administers() {
			return mira.Errorf(mira.EInsufficientScope, "members cannot grant the admin scope")
		}
	}
	return nil
}

// CheckPlan returns an error unless the actor may put a key on plan: only
// owners and admins choose plans (members cannot raise their own limits),
// and the plan must be one of plans ("" is the organisation's).
func (a Actor) CheckPlan(plan string, plans map[string]ratelimit.Plan) error {
	if !a.Administers() {
		return mira.Errorf(mira.EInsufficientScope, "only owners and admins can choose a key's plan")
	}
	if _, ok := plans[plan]; !ok && plan != "" {
		return mira.ParamErrorf("plan", "unknown plan %q", plan)
	}
	return nil
}

// Given says which of a Spec's restrictions the request set; the others
// are inherited from an acting key.
type Given struct {
	Models, CIDRs, Expiry, Plan bool
}

// BoundSpec applies the acting key's restrictions to spec, a key it is
// creating: what the request left out is inherited from the acting key
// (its allowed models, client networks, expiry and plan), and what it set
// must lie within them. It changes nothing for a signed-in user. Call it
// after CheckGrant and CheckPlan.
func (a Actor) BoundSpec(spec *Spec, given Given, plans map[string]ratelimit.Plan) error {
	p := a.Key
	if p == nil {
		return nil
	}
	if !given.Models {
		spec.AllowedModels = slices.Clone(p.AllowedModels)
	} else if err := a.withinModels(spec.AllowedModels); err != nil {
		return err
	}
	if !given.CIDRs {
		spec.AllowedCIDRs = slices.Clone(p.AllowedCIDRs)
	} else if err := a.withinCIDRs(spec.AllowedCIDRs); err != nil {
		return err
	}
	if !given.Expiry {
		spec.ExpiresAt = p.ExpiresAt
	} else if err := a.withinExpiry(spec.ExpiresAt); err != nil {
		return err
	}
	if !given.Plan {
		spec.Plan = p.Plan
	} else if err := a.withinPlan(spec.Plan, plans); err != nil {
		return err
	}
	return nil
}

// CheckUpdate returns an error unless the change u stays within the acting
// key's restrictions: a key can narrow a key it may see (itself included),
// never widen it past its own limits. Signed-in users are bound by their
// role only (CheckGrant).
func (a Actor) CheckUpdate(u store.KeyUpdate) error {
	if a.Key == nil {
		return nil
	}
	if u.AllowedModels != nil {
		if err := a.withinModels(*u.AllowedModels); err != nil {
			return err
		}
	}
	if u.AllowedCIDRs != nil {
		if err := a.withinCIDRs(*u.AllowedCIDRs); err != nil {
			return err
		}
	}
	if u.ExpiresAt != nil {
		if err := a.withinExpiry(*u.ExpiresAt); err != nil {
			return err
		}
	}
	return nil
}

// bound is the error for a restriction wider than the acting key's: 403
// insufficient_scope, with the field named in param and in the message.
func bound(param, format string, args ...any) error {
	return &mira.Error{Code: mira.EInsufficientScope, Param: param,
		Message: param + ": " + fmt.Sprintf(format, args...)}
}

// withinModels: no models means all of them.
func (a Actor) withinModels(models []string) error {
	own := a.Key.AllowedModels
	if len(own) == 0 {
		return nil
	}
	if len(models) == 0 {
		return bound("allowed_models", "this key may use only the models %s, so the keys it creates or changes must be limited to some of them, not allowed every model",
			strings.Join(own, ", "))
	}
	for _, m := range models {
		if !slices.Contains(own, m) {
			return bound("allowed_models", "this key may not use the model %q, so it cannot allow it to another key", m)
		}
	}
	return nil
}

// withinCIDRs: each prefix must lie inside one of the acting key's; no
// prefixes means any address.
func (a Actor) withinCIDRs(cidrs []netip.Prefix) error {
	own := a.Key.AllowedCIDRs
	if len(own) == 0 {
		return nil
	}
	if len(cidrs) == 0 {
		return bound("allowed_cidrs", "this key may be used only from %s, so the keys it creates or changes must be limited to those networks, not allowed every address",
			prefixList(own))
	}
	for _, c := range cidrs {
		if !slices.ContainsFunc(own, func(p netip.Prefix) bool { return PrefixWithin(c, p) }) {
			return bound("allowed_cidrs", "%s is outside the networks this key may be used from (%s)", c, prefixList(own))
		}
	}
	return nil
}

// PrefixWithin reports whether every address of c is in p.
func PrefixWithin(c, p netip.Prefix) bool {
	c, p = c.Masked(), p.Masked()
	return c.IsValid() && p.IsValid() && c.Addr().BitLen() == p.Addr().BitLen() &&
		p.Bits() <= c.Bits() && p.Contains(c.Addr())
}

func prefixList(ps []netip.Prefix) string {
	out := make([]string, len(ps))
	for i, p := range ps {
		out[i] = p.String()
	}
	return strings.Join(out, ", ")
}

// withinExpiry: the zero time means never.
func (a Actor) withinExpiry(t time.Time) error {
	own := a.Key.ExpiresAt
	if own.IsZero() {
		return nil
	}
	if t.IsZero() || t.After(own) {
		return bound("expires_at", "this key expires at %s, so the keys it creates or changes must expire by then too",
			own.UTC().Format(time.RFC3339))
	}
	return nil
}

// withinPlan: no limit of plan may exceed the acting key's plan's (0 is
// unlimited).
func (a Actor) withinPlan(plan string, plans map[string]ratelimit.Plan) error {
	if plan == a.Key.Plan || plan == a.Plan {
		return nil
	}
	own, ok := plans[a.Plan]
	child, cok := plans[plan]
	if !ok || !cok || !PlanWithin(child, own) {
		return bound("plan", "the plan %q allows more than this key's own plan %q", plan, a.Plan)
	}
	return nil
}

// PlanWithin reports whether every limit of p is at most the same limit of
// bound, where 0 means unlimited.
func PlanWithin(p, bound ratelimit.Plan) bool {
	le := func(x, y int) bool { return y == 0 || (x != 0 && x <= y) }
	return le(p.RequestsPerMinute, bound.RequestsPerMinute) && le(p.TokensPerMinute, bound.TokensPerMinute) &&
		le(p.RequestsPerDay, bound.RequestsPerDay) && le(p.Concurrent, bound.Concurrent)
}
