package scan

import (
	"fmt"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/vmira/mira/internal/apikey"
)

// ruleIDs scans text and returns the rule ids found, in order.
func ruleIDs(text string) []string {
	res := New(Options{}).Text("t", []byte(text))
	var ids []string
	for _, f := range res.Findings {
		ids = append(ids, f.Rule)
	}
	return ids
}

func TestRules(t *testing.T) {
	g := newGen(1)
	key := apikey.Generate()
	fake := g.lookAlike(key)
	awsID, awsSecret := g.awsID(), g.awsSecret()
	tests := []struct {
		name string
		text string
		want []string // rule ids; nil: nothing
	}{
		// Mira keys: verified by checksum.
		{"mira key", "export MIRA_API_KEY=" + key + "\n", []string{RuleMiraKey}},
		{"mira key in JSON", `{"key":"` + key + `"}`, []string{RuleMiraKey}},
		{"mira key glued to text", "xx" + key + "yy", []string{RuleMiraKey}},
		{"look-alike", "key: " + fake + "\n", nil},
		{"look-alike in an assignment", "MIRA_API_KEY=" + fake + "\n", nil},
		{"look-alike quoted", `api_key = "` + fake + `"`, nil},
		{"truncated key", "MIRA_API_KEY=" + key[:50] + "\n", nil},

		// Private keys.
		{"RSA private key", "x\n" + g.pem("RSA PRIVATE KEY", 10), []string{RulePrivateKey}},
		{"OpenSSH private key", g.pem("OPENSSH PRIVATE KEY", 5), []string{RulePrivateKey}},
		{"PGP private key", g.pem("PGP PRIVATE KEY BLOCK", 5), []string{RulePrivateKey}},
		{"PEM in a JSON string", `{"key": "` + strings.ReplaceAll(g.pem("PRIVATE KEY", 3), "\n", `\n`) + `"}`, []string{RulePrivateKey}},
		{"truncated PEM", "-----BEGIN EC PRIVATE KEY-----\n" + g.from(b64, 64) + "\n" + g.from(b64, 20), []string{RulePrivateKey}},
		{"PEM placeholder", "-----BEGIN RSA PRIVATE KEY-----\n...\n-----END RSA PRIVATE KEY-----\n", nil},
		{"PEM in code", `s := "-----BEGIN PRIVATE KEY-----\n" + body + "\n-----END PRIVATE KEY-----"`, nil},
		{"public key", g.pem("PUBLIC KEY", 5), nil},
		{"certificate", g.pem("CERTIFICATE", 5), nil},

		// AWS: an id counts only with a secret near it.
		{"AWS id and secret", "[default]\naws_access_key_id = " + awsID + "\naws_secret_access_key = " + awsSecret + "\n", []string{RuleAWS, RuleGeneric}},
		{"AWS pair in CSV", awsID + "," + awsSecret + "\n", []string{RuleAWS}},
		{"AWS secret five lines away", awsID + "\n\n\n\n\n" + awsSecret + "\n", []string{RuleAWS}},
		{"AWS secret too far", awsID + "\n\n\n\n\n\n\n" + awsSecret + "\n", nil},
		{"AWS id alone", "id = " + awsID + "\n", nil},
		{"AWS documentation pair", "AKIAIOSFODNN7" + "EXAMPLE\nwJalrXUtnFEMI/K7MDENG/bPxRfiCY" + "EXAMPLEKEY\n", nil},
		{"AWS id and a git hash", awsID + "\n" + g.from(hexa, 40) + "\n", nil},

		// Vendor tokens.
		{"GitHub PAT", "token: " + g.github("gh"+"p"), []string{"github-pat"}},
		{"GitHub OAuth", g.github("gh" + "o"), []string{"github-oauth"}},
		{"GitHub app", g.github("gh"+"u") + " " + g.github("gh"+"s"), []string{"github-app-token", "github-app-token"}},
		{"GitHub refresh", g.github("gh" + "r"), []string{"github-refresh-token"}},
		{"GitHub fine-grained", "github_" + "pat_" + g.from(alnum+"_", 82), []string{"github-fine-grained-pat"}},
		{"GitHub placeholder", "gh" + "p_" + strings.Repeat("x", 36), nil},
		{"GitLab", g.gitlab(), []string{"gitlab-token"}},
		{"Slack bot", g.slackBot(), []string{"slack-token"}},
		{"Slack webhook", "url: " + g.slackWebhook(), []string{"slack-webhook-url"}},
		{"OpenAI project key", "OPENAI_API_KEY=" + g.openAIProject(), []string{"openai-api-key"}},
		{"OpenAI legacy key", `"` + g.openAILegacy() + `"`, []string{"openai-api-key"}},
		{"Anthropic", "ANTHROPIC_API_KEY=" + g.anthropic() + "\n", []string{"anthropic-api-key"}},
		{"Google", `key="` + g.google() + `"`, []string{"gcp-api-key"}},
		{"Stripe live", g.stripe("live"), []string{"stripe-secret-key"}},
		{"Stripe test is not reported", g.stripe("test"), nil},
		{"npm", "//registry.npmjs.org/:_authToken=" + g.npm() + "\n", []string{"npm-access-token"}},
		{"Hugging Face", "HF_TOKEN=" + g.hf() + "\n", []string{"huggingface-access-token"}},
		{"SendGrid", g.sendgrid() + "\n", []string{"sendgrid-api-token"}},

		// JWTs: only signed, unexpired ones.
		{"live JWT", "Authorization: Bearer " + g.jwt(map[string]any{"sub": "svc", "exp": futureExp()}, "HS256"), []string{"jwt"}},
		{"JWT without expiry", g.jwt(map[string]any{"sub": "svc"}, "RS256"), []string{"jwt"}},
		{"expired JWT", g.jwt(map[string]any{"sub": "svc", "exp": pastExp()}, "HS256"), nil},
		{"unsigned JWT", g.jwt(map[string]any{"sub": "svc"}, "none"), nil},
		{"jwt.io sample", g.jwt(map[string]any{"sub": "1234567890", "name": "John Doe", "iat": 1516239022}, "HS256"), nil},

		// Passwords in URLs.
		{"URL with a password", "DATABASE_URL=postgres://app:" + g.from(alnum, 16) + "@db.internal:5432/app\n", []string{"url-credentials"}},
		{"URL with the default password", "postgres://postgres:postgres@localhost/test\n", nil},
		{"URL with a placeholder", "https://user:password@example.com\n", nil},
		{"URL with a variable", "redis://:${REDIS_PASSWORD}@cache:6379\n", nil},
		{"URL without a password", "https://example.com/a:b@c\n", nil},

		// Generic assignments: high entropy only, not code, not placeholders.
		{"password in .env", "DB_PASSWORD=" + g.from(alnum, 20) + "\n", []string{RuleGeneric}},
		{"secret in YAML", "client_secret: " + g.from(alnum, 32) + "\n", []string{RuleGeneric}},
		{"api key in Python", `api_key = "` + g.from(alnum, 32) + `"`, []string{RuleGeneric}},
		{"token in JSON", `{"access_token": "` + g.from(alnum, 40) + `"}`, []string{RuleGeneric}},
		{"password in XML", "<password>" + g.from(alnum, 20) + "</password>", []string{RuleGeneric}},
		{"weak password", "password: hunter2\n", nil},
		{"password from the environment", `password := os.Getenv("DB_PASSWORD")`, nil},
		{"password from a field", "password = config.DatabasePassword\n", nil},
		{"password placeholder", `api_key = "your-api-key-here-123"`, nil},
		{"template", `password: "{{ .Values.password }}"`, nil},
		{"shell variable", "PASSWORD=$DB_PASSWORD_2\n", nil},
		{"key name not a secret", `secret_name = "prod-db-credentials-2024-v2"`, nil},
		{"token type", `token_type = "Bearer"`, nil},
		{"max tokens", "max_tokens: 4096\n", nil},
		{"tokenizer file", `tokenizer = "tokenizer-v3-2048.json"`, nil},
		{"words", "password_reset_url = https://example.com/reset\n", nil},
		{"UUID in a public key field", "public_key = 6f1e8b2a-4c3d-4e5f-9a8b-7c6d5e4f3a2b\n", nil},

		// The allow marker.
		{"allowed Mira key", "MIRA_API_KEY=" + key + " # mira:allow\n", nil},
		{"allowed on its line only", "a = 1 # mira:allow\nMIRA_API_KEY=" + key + "\n", []string{RuleMiraKey}},
	}
	for _, tt := range tests {
		got := ruleIDs(tt.text)
		if diff := cmp.Diff(tt.want, got); diff != "" {
			t.Errorf("%s: rules (-want +got):\n%s\ntext: %.200q", tt.name, diff, tt.text)
		}
	}
}

func TestFindingPosition(t *testing.T) {
	key := apikey.Generate()
	text := "line one\n\tkey = " + key + "\nline three\n"
	res := New(Options{}).Text("conf/app.env", []byte(text))
	if len(res.Findings) != 1 {
		t.Fatalf("findings = %v; want 1", res.Findings)
	}
	f := res.Findings[0]
	want := Finding{Path: "conf/app.env", Line: 2, Column: 8, Rule: RuleMiraKey,
		Description: f.Description, Masked: apikey.Mask(key)}
	if diff := cmp.Diff(want, f, cmp.AllowUnexported(Finding{}), cmp.FilterPath(func(p cmp.Path) bool {
		return p.Last().String() == ".key" || p.Last().String() == ".sum"
	}, cmp.Ignore())); diff != "" {
		t.Errorf("finding (-want +got):\n%s", diff)
	}
	if k, ok := f.MiraKey(); !ok || k != key {
		t.Errorf("MiraKey() = %.12s…, %v; want the key", k, ok)
	}
}

func TestMask(t *testing.T) {
	key := apikey.Generate()
	tests := []struct{ in, want string }{
		{key, key[:12] + "…" + key[52:]},
		{"abcdefghijklmnopqrstuvwxyz0123456789ABCD", "abcdefgh…ABCD"}, // 40
		{"abcdefghijklmnopqrstuvwx", "abcdef…uvwx"},                   // 24
		{"abcdefghijkl", "ab…kl"},                                     // 12
		{"abcde", "…"},
		{"", "…"},
	}
	for _, tt := range tests {
		if got := Mask(tt.in); got != tt.want {
			t.Errorf("Mask(%q) = %q; want %q", tt.in, got, tt.want)
		}
	}
}

// FuzzMask: a masked secret never contains the secret, and shows at most
// half of it.
func FuzzMask(f *testing.F) {
	f.Add("sk-mira-0123456789")
	f.Add("héllo wörld ünïcode sécret")
	f.Fuzz(func(t *testing.T, s string) {
		m := Mask(s)
		visible := len(m) - len("…")
		if len(s) >= 2 && strings.Contains(m, s) {
			t.Fatalf("Mask(%q) = %q contains the secret", s, m)
		}
		if visible > len(s)/2 {
			t.Fatalf("Mask(%q) = %q shows %d of %d bytes", s, m, visible, len(s))
		}
	})
}

// TestFindingNeverPrintsTheKey: however a finding is printed or encoded,
// the raw Mira key it carries stays inside.
func TestFindingNeverPrintsTheKey(t *testing.T) {
	key := apikey.Generate()
	res := New(Options{}).Text("a.env", []byte("MIRA_API_KEY="+key+"\n"))
	f := res.Findings[0]
	var outs []string
	for _, verb := range []string{"%v", "%+v", "%#v", "%s", "%q", "%d", "%x", "%X", "%T %v"} {
		outs = append(outs, fmt.Sprintf(verb, f), fmt.Sprintf(verb, &f), fmt.Sprintf(verb, res.Findings), fmt.Sprintf(verb, res))
	}
	var text, js strings.Builder
	_ = WriteText(&text, res.Findings)
	_ = WriteJSON(&js, res)
	outs = append(outs, text.String(), js.String(), res.Summary())
	for _, o := range outs {
		mustContainNone(t, o, key, key[8:52])
	}
}
