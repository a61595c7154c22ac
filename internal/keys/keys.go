// Package keys is the lifecycle of API keys: creation (the secret is
// returned once and only its digest is stored), update, rotation,
// revocation and exposure (Service), and who may do what to which key
// (Actor). The management API, the plain-HTTP listener, the dashboard and
// `mira admin` all go through it.
package keys

import (
	"fmt"
	"net/netip"
	"strings"
	"time"

	"github.com/vmira/mira/internal/apikey"
	"github.com/vmira/mira/internal/mira"
)

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

// newSpecKey validates spec and returns the key it describes, with a fresh
// secret.
func newSpecKey(secret []byte, spec Spec, now time.Time) (*mira.Key, string, error) {
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
