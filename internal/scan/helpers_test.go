package scan

import (
	"encoding/base64"
	"encoding/json"
	"math/rand/v2"
	"strings"
	"testing"
	"time"

	"github.com/vmira/mira/internal/apikey"
)

// Test secrets are assembled at run time: a literal token in this file
// would itself be a leak to every scanner (and push protection) that reads
// the repository.

const (
	alnum  = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"
	b64    = alnum + "+/"
	letter = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"
	upper2 = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567"
	hexa   = "0123456789abcdef"
)

type gen struct{ r *rand.Rand }

func newGen(seed uint64) *gen { return &gen{rand.New(rand.NewPCG(seed, seed^0x9e3779b97f4a7c15))} }

func (g *gen) from(alphabet string, n int) string {
	var b strings.Builder
	for range n {
		b.WriteByte(alphabet[g.r.IntN(len(alphabet))])
	}
	return b.String()
}

// The token families, split so no line here matches a rule.
func (g *gen) github(prefix string) string { return prefix + "_" + g.from(alnum, 36) }
func (g *gen) awsID() string               { return "AK" + "IA" + g.from(upper2, 16) }
func (g *gen) awsSecret() string           { return g.from(b64, 40) }
func (g *gen) openAIProject() string {
	return "sk-" + "proj-" + g.from(alnum+"_-", 74) + "T3Blbk" + "FJ" + g.from(alnum+"_-", 74)
}
func (g *gen) openAILegacy() string {
	return "sk-" + g.from(alnum, 20) + "T3Blbk" + "FJ" + g.from(alnum, 20)
}
func (g *gen) anthropic() string { return "sk-" + "ant-api03-" + g.from(alnum+"_-", 93) + "AA" }
func (g *gen) google() string    { return "AI" + "za" + g.from(alnum+"_-", 35) }
func (g *gen) stripe(kind string) string {
	return "sk_" + kind + "_" + g.from(alnum, 24)
}
func (g *gen) gitlab() string { return "gl" + "pat-" + g.from(alnum, 20) }
func (g *gen) npm() string    { return "np" + "m_" + g.from(alnum, 36) }
func (g *gen) hf() string     { return "h" + "f_" + g.from(letter, 34) }
func (g *gen) sendgrid() string {
	return "S" + "G." + g.from(alnum, 22) + "." + g.from(alnum, 43)
}
func (g *gen) slackBot() string {
	return "xo" + "xb-" + g.from("0123456789", 12) + "-" + g.from("0123456789", 13) + "-" + g.from(alnum, 24)
}
func (g *gen) slackWebhook() string {
	return "https://hooks." + "slack.com/services/T" + g.from(upper2, 8) + "/B" + g.from(upper2, 8) + "/" + g.from(alnum, 24)
}

func (g *gen) pem(label string, bodyLines int) string {
	var b strings.Builder
	b.WriteString("-----BEGIN " + label + "-----\n")
	for range bodyLines {
		b.WriteString(g.from(b64, 64) + "\n")
	}
	b.WriteString("-----END " + label + "-----\n")
	return b.String()
}

func (g *gen) jwt(claims map[string]any, alg string) string {
	enc := func(v any) string {
		b, _ := json.Marshal(v)
		return base64.RawURLEncoding.EncodeToString(b)
	}
	return enc(map[string]string{"alg": alg, "typ": "JWT"}) + "." + enc(claims) + "." + g.from(alnum+"_-", 43)
}

func futureExp() int64 { return time.Now().Add(24 * time.Hour).Unix() }
func pastExp() int64   { return time.Now().Add(-24 * time.Hour).Unix() }

// lookAlike returns a string of the Mira key shape whose checksum is wrong.
func (g *gen) lookAlike(valid string) string {
	for {
		s := "sk-" + "mira-" + g.from(alnum, 48)
		if s != valid && !apikey.Valid(s) {
			return s
		}
	}
}

func mustContainNone(t *testing.T, out string, secrets ...string) {
	t.Helper()
	for _, s := range secrets {
		if s != "" && strings.Contains(out, s) {
			t.Errorf("output contains a full secret %.12s…:\n%s", s, out)
		}
	}
}
