// Package keys is the lifecycle of API keys: creation (the secret is
// returned once and only its digest is stored), listing and revocation.
// The admin CLI and the management API both go through it.
package keys

import (
	"context"
	"fmt"
	"net/netip"
	"strings"
	"time"

	"github.com/vmira/mira/internal/apikey"
	"github.com/vmira/mira/internal/mira"
)

// Store is what the key lifecycle needs from the database.
type Store interface {
	CreateKey(ctx context.Context, k *mira.Key) error
	RevokeKey(ctx context.Context, id string, at time.Time, reason string) (bool, error)
	RotateKey(ctx context.Context, oldID string, next *mira.Key, graceEnd time.Time) error
}

// DefaultGrace is how long a rotated key keeps working by default.
const DefaultGrace = 24 * time.Hour

// MaxGrace bounds the grace period: a rotation is meant to end the old key.
const MaxGrace = 30 * 24 * time.Hour

// Spec describes a key to create.
type Spec struct {
	OrgID, UserID string
	Name          string
	Environment   mira.Environment // default development
	Scopes        []mira.Scope     // default mira.DefaultScopes
	AllowedModels []string
	AllowedCIDRs  []netip.Prefix
	Plan          string
	ExpiresAt     time.Time
}

// Create makes a new key and returns its metadata and the secret, which
// exists nowhere else afterwards.
func Create(ctx context.Context, st Store, secret []byte, spec Spec, now time.Time) (*mira.Key, string, error) {
	name := strings.TrimSpace(spec.Name)
	switch {
	case name == "":
		return nil, "", mira.ParamErrorf("name", "a key needs a name, e.g. the service and environment that use it")
	case len(name) > 128:
		return nil, "", mira.ParamErrorf("name", "the key name is longer than 128 characters")
	case !spec.ExpiresAt.IsZero() && !spec.ExpiresAt.After(now):
		return nil, "", mira.ParamErrorf("expires_at", "the expiry is in the past")
	}
	env := spec.Environment
	if env == "" {
		env = mira.EnvDevelopment
	}
	scopes := spec.Scopes
	if len(scopes) == 0 {
		scopes = mira.DefaultScopes
	}
	k, raw := newKey(secret, &mira.Key{
		OrgID:         spec.OrgID,
		UserID:        spec.UserID,
		Name:          name,
		Environment:   env,
		Scopes:        scopes,
		AllowedModels: spec.AllowedModels,
		AllowedCIDRs:  spec.AllowedCIDRs,
		Plan:          spec.Plan,
		ExpiresAt:     spec.ExpiresAt,
	}, now)
	if err := st.CreateKey(ctx, k); err != nil {
		return nil, "", err
	}
	return k, raw, nil
}

// newKey fills in a fresh secret, id and digest on a copy of meta.
func newKey(secret []byte, meta *mira.Key, now time.Time) (*mira.Key, string) {
	raw := apikey.Generate()
	k := *meta
	k.ID = mira.NewID("key")
	k.FamilyID = k.ID
	k.Digest = apikey.Digest(secret, raw)
	k.Prefix, k.Last4 = apikey.Display(raw)
	k.CreatedAt = now
	k.LastUsedAt, k.LastUsedIP = time.Time{}, ""
	k.RevokedAt, k.RevokedReason, k.ExposedAt, k.ExposedReason = time.Time{}, "", time.Time{}, ""
	return &k, raw
}

// Rotate replaces old with a new key of the same family and metadata; old
// keeps working for grace (0: it stops now). It returns the new key and its
// secret, shown once.
func Rotate(ctx context.Context, st Store, secret []byte, old *mira.Key, grace time.Duration, now time.Time) (*mira.Key, string, error) {
	if grace < 0 || grace > MaxGrace {
		return nil, "", mira.ParamErrorf("grace_period", "the grace period must be between 0 and %s", MaxGrace)
	}
	if old.State(now) != mira.KeyActive {
		return nil, "", mira.Errorf(mira.EInvalidRequest, "only an active key can be rotated")
	}
	next, raw := newKey(secret, old, now)
	if err := st.RotateKey(ctx, old.ID, next, now.Add(grace)); err != nil {
		return nil, "", err
	}
	return next, raw, nil
}

// Revoke stops a key at once; revoking a revoked key is not an error.
func Revoke(ctx context.Context, st Store, id, reason string, now time.Time) error {
	if _, err := st.RevokeKey(ctx, id, now, reason); err != nil {
		return err
	}
	return nil
}

// ParseCIDRs parses a comma-separated list of addresses or CIDR prefixes;
// a bare address means exactly that address.
func ParseCIDRs(s string) ([]netip.Prefix, error) {
	var out []netip.Prefix
	for _, f := range strings.Split(s, ",") {
		f = strings.TrimSpace(f)
		if f == "" {
			continue
		}
		if p, err := netip.ParsePrefix(f); err == nil {
			// ::ffff:a.b.c.d/n means a.b.c.d/(n-96): clients are compared unmapped.
			if p.Addr().Is4In6() && p.Bits() >= 96 {
				p = netip.PrefixFrom(p.Addr().Unmap(), p.Bits()-96)
			}
			out = append(out, p.Masked())
			continue
		}
		a, err := netip.ParseAddr(f)
		if err != nil {
			return nil, mira.ParamErrorf("allowed_cidrs", "%q is neither an IP address nor a CIDR prefix", f)
		}
		out = append(out, netip.PrefixFrom(a.Unmap(), a.Unmap().BitLen()))
	}
	return out, nil
}

// ParseModels parses a comma-separated model list.
func ParseModels(s string) []string {
	var out []string
	for _, f := range strings.Split(s, ",") {
		if f = strings.TrimSpace(f); f != "" {
			out = append(out, f)
		}
	}
	return out
}

// ParseExpiry turns "90d", "36h" or an RFC 3339 time into an expiry time.
func ParseExpiry(s string, now time.Time, parseDuration func(string) (time.Duration, error)) (time.Time, error) {
	if s == "" || s == "never" {
		return time.Time{}, nil
	}
	if t, err := time.Parse(time.RFC3339, s); err == nil {
		return t, nil
	}
	d, err := parseDuration(s)
	if err != nil || d <= 0 {
		return time.Time{}, fmt.Errorf("expiry %q: give a duration such as 90d or 36h, or an RFC 3339 time", s)
	}
	return now.Add(d), nil
}
