package mira

import (
	"net/netip"
	"slices"
	"strings"
	"time"
)

// Scope is a permission a key or token carries (least privilege).
type Scope string

const (
	ScopeModelsRead       Scope = "models:read"
	ScopeChatWrite        Scope = "chat:write"
	ScopeEmbeddingsWrite  Scope = "embeddings:write"
	ScopeModerationsWrite Scope = "moderations:write"
	ScopeUsageRead        Scope = "usage:read"
	ScopeLogsRead         Scope = "logs:read"
	ScopeAlertsRead       Scope = "alerts:read"
	ScopeKeysRead         Scope = "keys:read"
	ScopeKeysWrite        Scope = "keys:write"
	ScopeAdmin            Scope = "admin"
)

// AllScopes lists every scope, in the order of SPEC.md.
var AllScopes = []Scope{ScopeModelsRead, ScopeChatWrite, ScopeEmbeddingsWrite, ScopeModerationsWrite,
	ScopeUsageRead, ScopeLogsRead, ScopeAlertsRead, ScopeKeysRead, ScopeKeysWrite, ScopeAdmin}

// DefaultScopes is what a new key gets when no scopes are asked for.
var DefaultScopes = []Scope{ScopeModelsRead, ScopeChatWrite, ScopeEmbeddingsWrite, ScopeModerationsWrite}

// ParseScopes parses a comma- or space-separated scope list, rejecting
// unknown names. Duplicates are removed; the order of AllScopes is kept.
func ParseScopes(s string) ([]Scope, error) {
	fields := strings.FieldsFunc(s, func(r rune) bool { return r == ',' || r == ' ' })
	seen := map[Scope]bool{}
	for _, f := range fields {
		sc := Scope(f)
		if !slices.Contains(AllScopes, sc) {
			return nil, Errorf(EInvalidRequest, "unknown scope %q (known: %s)", f, JoinScopes(AllScopes))
		}
		seen[sc] = true
	}
	var out []Scope
	for _, sc := range AllScopes {
		if seen[sc] {
			out = append(out, sc)
		}
	}
	return out, nil
}

// JoinScopes formats scopes space-separated, as stored and as OAuth does.
func JoinScopes(scopes []Scope) string {
	parts := make([]string, len(scopes))
	for i, s := range scopes {
		parts[i] = string(s)
	}
	return strings.Join(parts, " ")
}

// Environment separates development keys from production keys.
type Environment string

const (
	EnvDevelopment Environment = "development"
	EnvProduction  Environment = "production"
)

// ParseEnvironment validates an environment name.
func ParseEnvironment(s string) (Environment, error) {
	switch e := Environment(s); e {
	case EnvDevelopment, EnvProduction:
		return e, nil
	}
	return "", Errorf(EInvalidRequest, "unknown environment %q (use development or production)", s)
}

// Role is a user's role inside an organisation.
type Role string

const (
	RoleOwner  Role = "owner"
	RoleAdmin  Role = "admin"
	RoleMember Role = "member"
)

// ParseRole validates a role name.
func ParseRole(s string) (Role, error) {
	switch r := Role(s); r {
	case RoleOwner, RoleAdmin, RoleMember:
		return r, nil
	}
	return "", Errorf(EInvalidRequest, "unknown role %q (use owner, admin or member)", s)
}

// Org is an organisation: the owner of users, keys and a plan.
type Org struct {
	ID        string // "org_..."
	Name      string
	Plan      string
	CreatedAt time.Time
}

// User is a person who signs in.
type User struct {
	ID           string // "user_..."
	OrgID        string
	Email        string
	Role         Role
	PasswordHash string // argon2id, PHC string format
	CreatedAt    time.Time
}

// Key is an API key's metadata. The secret itself is never stored: only
// Digest, an HMAC-SHA256 of it under the server secret.
type Key struct {
	ID            string // "key_..."
	FamilyID      string // stable across rotations
	OrgID         string
	UserID        string
	Name          string
	Digest        []byte
	Prefix        string // first 12 characters of the secret
	Last4         string // last 4 characters of the secret
	Environment   Environment
	Scopes        []Scope
	AllowedModels []string       // empty: every model
	AllowedCIDRs  []netip.Prefix // empty: every client address
	Plan          string         // empty: inherited from the organisation
	ExpiresAt     time.Time      // zero: never
	CreatedAt     time.Time
	LastUsedAt    time.Time
	LastUsedIP    string
	RevokedAt     time.Time
	RevokedReason string
	ExposedAt     time.Time
	ExposedReason string
}

// KeyState is a key's state as shown in listings.
type KeyState string

const (
	KeyActive  KeyState = "active"
	KeyRevoked KeyState = "revoked"
	KeyExpired KeyState = "expired"
)

// State reports the key's state at now.
func (k *Key) State(now time.Time) KeyState {
	switch {
	case !k.RevokedAt.IsZero() && !now.Before(k.RevokedAt):
		return KeyRevoked
	case !k.ExpiresAt.IsZero() && !now.Before(k.ExpiresAt):
		return KeyExpired
	}
	return KeyActive
}

// HasScope reports whether the key carries scope s (admin carries all).
func (k *Key) HasScope(s Scope) bool {
	return slices.Contains(k.Scopes, s) || slices.Contains(k.Scopes, ScopeAdmin)
}

// AllowsModel reports whether the key may use model.
func (k *Key) AllowsModel(model string) bool {
	return len(k.AllowedModels) == 0 || slices.Contains(k.AllowedModels, model)
}

// AllowsIP reports whether a request from ip may use the key.
func (k *Key) AllowsIP(ip netip.Addr) bool {
	if len(k.AllowedCIDRs) == 0 {
		return true
	}
	ip = ip.Unmap()
	for _, p := range k.AllowedCIDRs {
		if p.Contains(ip) {
			return true
		}
	}
	return false
}

// KeyExposure records one event that exposed a key: sent over plain HTTP or
// reported leaked. The owner sees these next to the key.
type KeyExposure struct {
	ID        int64     `json:"id"`
	KeyID     string    `json:"key_id"`
	Source    string    `json:"source"` // "plain_http", "leak_report"
	ClientIP  string    `json:"client_ip"`
	UserAgent string    `json:"user_agent"`
	At        time.Time `json:"at"`
	Revoked   bool      `json:"revoked"` // whether the exposure revoked the key
	// Folded reports that the exposure repeated an earlier one of the
	// revoked key and was not stored (store.ExposureFoldWindow).
	Folded bool `json:"-"`
}

// Exposure sources.
const (
	ExposurePlainHTTP  = "plain_http"
	ExposureLeakReport = "leak_report"
)
