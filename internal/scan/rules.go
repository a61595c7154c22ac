package scan

import (
	"encoding/base64"
	"encoding/json"
	"net/url"
	"regexp"
	"strings"
	"time"

	"github.com/vmira/mira/internal/apikey"
)

// Rule describes one kind of secret that the scanner finds.
type Rule struct {
	ID          string `json:"id"`
	Description string `json:"description"`
}

// Rule ids. Where a rule comes from gitleaks, it keeps gitleaks' id.
const (
	RuleMiraKey    = "mira-api-key"
	RulePrivateKey = "private-key"
	RuleAWS        = "aws-access-key"
	RuleGeneric    = "generic-secret"
)

// Priorities settle overlaps: when two rules match the same characters, the
// most specific one is reported.
const (
	prioGeneric = iota
	prioURL
	prioJWT
	prioVendor
	prioMira
)

// rule is a Rule with its matcher. A rule only runs near one of its
// keywords (found case-insensitively), so most of a file is never seen by
// a regular expression.
type rule struct {
	Rule
	keywords []string // lower-case
	re       *regexp.Regexp
	groups   []int   // the submatches that may be the secret, first matched wins; default 1 (or 0)
	entropy  float64 // minimum Shannon entropy of the secret, bits per byte
	check    func(secret string) bool
	// accept, when set, sees every submatch (0 is the whole match).
	accept   func(groups []string) bool
	priority int
	// custom replaces re for rules that need more than a line: it gets the
	// text and the offset of a keyword hit and returns the matches there.
	custom func(text string, at int) []match
}

// Regular expressions adapted from gitleaks' default rule set
// (https://github.com/gitleaks/gitleaks, config/gitleaks.toml),
// Copyright (c) 2019 Zachary Rice, MIT License. Adapted: fewer rules,
// Go RE2 syntax, and extra checks in Go (checksums, entropy, expiry).
//
// end is gitleaks' token terminator: a quote, whitespace, ';', an escaped
// newline or the end of the text.
const end = `(?:[\x60'"\s;,)<]|\\[nr]|$)`

var rules = []*rule{
	{
		Rule:     Rule{RuleMiraKey, "Mira API key (checksum verified)"},
		keywords: []string{apikey.Prefix},
		re:       apikey.Pattern,
		check:    apikey.Valid,
		priority: prioMira,
	},
	{
		Rule:     Rule{RulePrivateKey, "Private key (PEM block)"},
		keywords: []string{"-----begin"},
		custom:   privateKeyAt,
		priority: prioVendor,
	},
	{
		Rule:     Rule{RuleAWS, "AWS access key id with its secret access key nearby"},
		keywords: []string{"akia", "asia", "abia", "acca", "a3t"},
		custom:   awsKeyAt,
		priority: prioVendor,
	},
	{
		Rule:     Rule{"github-pat", "GitHub personal access token"},
		keywords: []string{"ghp_"},
		re:       regexp.MustCompile(`\b(ghp_[0-9a-zA-Z]{36})\b`),
		entropy:  3, priority: prioVendor,
	},
	{
		Rule:     Rule{"github-fine-grained-pat", "GitHub fine-grained personal access token"},
		keywords: []string{"github_pat_"},
		re:       regexp.MustCompile(`\b(github_pat_\w{82})\b`),
		entropy:  3, priority: prioVendor,
	},
	{
		Rule:     Rule{"github-oauth", "GitHub OAuth access token"},
		keywords: []string{"gho_"},
		re:       regexp.MustCompile(`\b(gho_[0-9a-zA-Z]{36})\b`),
		entropy:  3, priority: prioVendor,
	},
	{
		Rule:     Rule{"github-app-token", "GitHub App token"},
		keywords: []string{"ghu_", "ghs_"},
		re:       regexp.MustCompile(`\b((?:ghu|ghs)_[0-9a-zA-Z]{36})\b`),
		entropy:  3, priority: prioVendor,
	},
	{
		Rule:     Rule{"github-refresh-token", "GitHub refresh token"},
		keywords: []string{"ghr_"},
		re:       regexp.MustCompile(`\b(ghr_[0-9a-zA-Z]{36})\b`),
		entropy:  3, priority: prioVendor,
	},
	{
		Rule:     Rule{"gitlab-token", "GitLab access token (personal, deploy, runner, trigger, SCIM, feed, OAuth secret)"},
		keywords: []string{"glpat-", "gldt-", "glrt-", "glptt-", "glsoat-", "glft-", "gloas-", "glcbt-"},
		re:       regexp.MustCompile(`\b((?:glpat|gldt|glrt|glptt|glsoat|glft|gloas)-[0-9a-zA-Z_\-]{20,300}|glcbt-[0-9a-zA-Z]{1,5}_[0-9a-zA-Z_-]{20})`),
		entropy:  3, priority: prioVendor,
	},
	{
		Rule:     Rule{"slack-token", "Slack bot, user, app or legacy token"},
		keywords: []string{"xoxb-", "xoxp-", "xoxa-", "xoxr-", "xoxs-", "xoxo-", "xoxe-", "xapp-"},
		re: regexp.MustCompile(`(xoxb-[0-9]{10,13}-[0-9]{10,13}[a-zA-Z0-9-]*|xoxb-[0-9]{8,14}-[a-zA-Z0-9]{18,26}|` +
			`xox[pe](?:-[0-9]{10,13}){3}-[a-zA-Z0-9-]{28,34}|xox[os]-\d+-\d+-\d+-[a-fA-F\d]+|` +
			`xox[ar]-(?:\d-)?[0-9a-zA-Z]{8,48}|(?i:xapp-\d-[A-Z0-9]+-\d+-[a-z0-9]+))`),
		entropy: 3, priority: prioVendor,
	},
	{
		Rule:     Rule{"slack-webhook-url", "Slack incoming webhook URL"},
		keywords: []string{"hooks.slack.com"},
		re:       regexp.MustCompile(`((?:https?://)?hooks\.slack\.com/(?:services|workflows|triggers)/[A-Za-z0-9+/]{43,56})`),
		priority: prioVendor,
	},
	{
		Rule:     Rule{"openai-api-key", "OpenAI API key"},
		keywords: []string{"t3blbkfj", "sk-proj-", "sk-svcacct-", "sk-admin-"},
		re: regexp.MustCompile(`\b(sk-(?:proj|svcacct|admin)-[A-Za-z0-9_-]{40,300}|` +
			`sk-[a-zA-Z0-9]{20}T3BlbkFJ[a-zA-Z0-9]{20})` + end),
		entropy: 3.5, priority: prioVendor,
	},
	{
		Rule:     Rule{"anthropic-api-key", "Anthropic API key"},
		keywords: []string{"sk-ant-"},
		re:       regexp.MustCompile(`\b(sk-ant-[a-z]{2,8}\d{2}-[A-Za-z0-9_-]{40,200})` + end),
		entropy:  3.5, priority: prioVendor,
	},
	{
		Rule:     Rule{"gcp-api-key", "Google API key"},
		keywords: []string{"aiza"},
		re:       regexp.MustCompile(`\b(AIza[\w-]{35})` + end),
		entropy:  3.5, priority: prioVendor,
	},
	{
		Rule:     Rule{"stripe-secret-key", "Stripe live secret or restricted key"},
		keywords: []string{"sk_live_", "rk_live_", "sk_prod_", "rk_prod_"},
		re:       regexp.MustCompile(`\b((?:sk|rk)_(?:live|prod)_[a-zA-Z0-9]{10,99})` + end),
		entropy:  3, priority: prioVendor,
	},
	{
		Rule:     Rule{"npm-access-token", "npm access token"},
		keywords: []string{"npm_"},
		re:       regexp.MustCompile(`\b(npm_[a-zA-Z0-9]{36})` + end),
		entropy:  3, priority: prioVendor,
	},
	{
		Rule:     Rule{"huggingface-access-token", "Hugging Face access token"},
		keywords: []string{"hf_"},
		re:       regexp.MustCompile(`\b(hf_[a-zA-Z]{34})` + end),
		entropy:  3, priority: prioVendor,
	},
	{
		Rule:     Rule{"sendgrid-api-token", "SendGrid API key"},
		keywords: []string{"sg."},
		re:       regexp.MustCompile(`\b(SG\.[a-zA-Z0-9_-]{22}\.[a-zA-Z0-9_-]{43})` + end),
		entropy:  3, priority: prioVendor,
	},
	{
		Rule:     Rule{"pypi-upload-token", "PyPI upload token"},
		keywords: []string{"pypi-ageichlwas5vcmc"},
		re:       regexp.MustCompile(`(pypi-AgEIcHlwaS5vcmc[\w-]{50,1000})`),
		entropy:  3, priority: prioVendor,
	},
	{
		Rule:     Rule{"jwt", "JSON Web Token, signed and not expired (low confidence: may be a test fixture)"},
		keywords: []string{"eyj"},
		re:       regexp.MustCompile(`\b(eyJ[a-zA-Z0-9_-]{10,}\.eyJ[a-zA-Z0-9_-]{10,}\.[a-zA-Z0-9_-]{10,})`),
		check:    liveJWT,
		priority: prioJWT,
	},
	{
		Rule:     Rule{"url-credentials", "Password in a URL (scheme://user:password@host)"},
		keywords: []string{"://"},
		re:       regexp.MustCompile(`\b[a-zA-Z][a-zA-Z0-9+.-]{1,20}://([^\s:/@'"\x60]{1,64}):([^\s:/@'"\x60<>]{8,128})@[a-zA-Z0-9.-]+`),
		groups:   []int{2}, entropy: 2.5, accept: urlPassword,
		priority: prioURL,
	},
	{
		Rule: Rule{RuleGeneric, "Password, secret, token or API key assigned a high-entropy value"},
		keywords: []string{"passw", "pwd", "secret", "token", "credential",
			"apikey", "api_key", "api-key", "access_key", "accesskey", "access-key", "private_key", "privatekey"},
		// A name, an assignment (= : := => ?=, or XML's >), then a quoted
		// value, or a bare one of token characters.
		re: regexp.MustCompile(`(?i)(<?[\w.-]{0,50}?(?:passw(?:or)?d|pwd|secret|token|credentials?|api[_.-]?key|access[_.-]?key|private[_.-]?key)[\w.-]{0,20})` +
			`[\s'"]{0,3}(=>|:{1,3}=|\?=|=|:|>)[ \t]{0,5}` +
			`(?:"([^"\s\\]{10,150})"|'([^'\s\\]{10,150})'|\x60([^\x60\s]{10,150})\x60|([\w.=+/~-]{10,150})` + end + `)`),
		groups: []int{3, 4, 5, 6}, entropy: 3.5, accept: genericAssignment,
		priority: prioGeneric,
	},
}

// Rules returns the rules the scanner applies, for documentation and
// `mira scan --list-rules`.
func Rules() []Rule {
	out := make([]Rule, len(rules))
	for i, r := range rules {
		out[i] = r.Rule
	}
	return out
}

var (
	awsKeyID     = regexp.MustCompile(`\b((?:A3T[A-Z0-9]|AKIA|ASIA|ABIA|ACCA)[A-Z2-7]{16})\b`)
	awsSecretKey = regexp.MustCompile(`(?:^|[^A-Za-z0-9/+])([A-Za-z0-9/+]{40})(?:[^A-Za-z0-9/+=]|$)`)
)

// awsKeyAt finds an access key id on the line of the hit at and reports it
// only if a secret access key (40 base64 characters of high entropy) is
// within five lines of it: an id alone grants nothing.
func awsKeyAt(text string, at int) []match {
	ws, we := lineBounds(text, at, 64, 64)
	var out []match
	for _, m := range awsKeyID.FindAllStringSubmatchIndex(text[ws:we], -1) {
		id := text[ws+m[2] : ws+m[3]]
		if strings.HasSuffix(id, "EXAMPLE") {
			continue
		}
		if !awsSecretNear(text, ws+m[2]) {
			continue
		}
		// The id names the key pair without granting anything: show the
		// usual first 8 and last 4.
		out = append(out, match{start: ws + m[2], end: ws + m[3], secret: id, masked: id[:8] + "…" + id[16:]})
	}
	return out
}

// awsSecretNear reports whether a secret access key is within five lines
// (and 2 KB) of offset at.
func awsSecretNear(text string, at int) bool {
	lo, hi := max(0, at-2048), min(len(text), at+2048)
	from, cut := lo, at
	for range 6 {
		j := strings.LastIndexByte(text[lo:cut], '\n')
		if j < 0 {
			from = lo
			break
		}
		cut = lo + j
		from = cut + 1
	}
	to, pos := hi, at
	for range 6 {
		j := strings.IndexByte(text[pos:hi], '\n')
		if j < 0 {
			to = hi
			break
		}
		pos += j + 1
		to = pos - 1
	}
	for _, m := range awsSecretKey.FindAllStringSubmatchIndex(text[from:to], -1) {
		s := text[from+m[2] : from+m[3]]
		if entropy(s) > 4 && hasUpper(s) && hasLower(s) && !strings.Contains(s, "EXAMPLE") {
			return true
		}
	}
	return false
}

// privateKeyAt reports a PEM private key block starting at the hit: a
// "-----BEGIN <label> PRIVATE KEY-----" header followed by lines of base64
// holding at least 64 characters of key material, up to the END line or,
// for a truncated block, as far as such lines go. The lines may be real or
// escaped ("\n" in a JSON string) and quoted. A placeholder ("...",
// "<your key>") or code building a PEM is not a key.
func privateKeyAt(text string, at int) []match {
	const begin = "-----BEGIN "
	if !strings.HasPrefix(text[at:], begin) {
		return nil
	}
	rest := text[at+len(begin):]
	n := strings.Index(rest[:min(len(rest), 100)], "-----")
	if n < 0 || !strings.Contains(strings.ToUpper(rest[:n]), "PRIVATE KEY") {
		return nil
	}
	header := text[at : at+len(begin)+n+5]
	body := rest[n+5 : min(len(rest), n+5+64<<10)]
	if e := strings.Index(body, "-----END"); e >= 0 {
		body = body[:e]
	}
	material := 0
	for seg := range strings.SplitSeq(strings.ReplaceAll(body, `\n`, "\n"), "\n") {
		seg = strings.Trim(seg, " \t\r\\\"',+")
		switch {
		case seg == "":
		case strings.Contains(seg, ": "): // Proc-Type: 4,ENCRYPTED; DEK-Info: ...
		case isBase64(seg):
			material += len(seg)
		default:
			return nil
		}
		if material >= 64 {
			return []match{{start: at, end: at + len(header), secret: header, masked: header + "…"}}
		}
	}
	return nil
}

func isBase64(s string) bool {
	for i := 0; i < len(s); i++ {
		if c := s[i]; !isAlnum(c) && c != '+' && c != '/' && c != '=' {
			return false
		}
	}
	return true
}

// liveJWT reports whether s is a signed JWT that has not expired.
func liveJWT(s string) bool {
	parts := strings.Split(s, ".")
	if len(parts) != 3 {
		return false
	}
	var header struct {
		Alg string `json:"alg"`
	}
	var claims struct {
		Exp  *float64 `json:"exp"`
		Sub  any      `json:"sub"`
		Name string   `json:"name"`
	}
	if !decodeSegment(parts[0], &header) || !decodeSegment(parts[1], &claims) {
		return false
	}
	if header.Alg == "" || strings.EqualFold(header.Alg, "none") {
		return false
	}
	if claims.Exp != nil && time.Unix(int64(*claims.Exp), 0).Before(time.Now()) {
		return false
	}
	// jwt.io's sample token, in countless tutorials and tests.
	if claims.Sub == "1234567890" && claims.Name == "John Doe" {
		return false
	}
	return true
}

func decodeSegment(seg string, v any) bool {
	b, err := base64.RawURLEncoding.DecodeString(strings.TrimRight(seg, "="))
	if err != nil {
		return false
	}
	return json.Unmarshal(b, v) == nil
}

// genericNameDenied matches names that hold a key's name, length or
// location rather than a secret (after gitleaks' generic-api-key
// allow-list).
var genericNameDenied = regexp.MustCompile(`(?i)(?:^|[_.-])(?:public|pub|csrf|xsrf|primary|foreign|sort|partition|row|cache|idempotency|hash)[_.-]?key$|` +
	`(?:[_.-]|^|[a-z])(?:name|names|file|path|dir|id|ids|url|uri|endpoint|type|types|len|length|size|field|header|env|prefix|format|count|ttl|expiry|expires|timeout|policy|regex|pattern|label|hint)$|` +
	`(?i)token[_.-]?(?:type|count|limit|usage|budget|kind)|max[_.-]?tokens|tokeni[sz]er|secretsmanager|keyboard|keystore`)

// genericAssignment accepts the generic rule's match: groups are the
// name, the operator, and the value quoted ("", ”, “) or bare.
func genericAssignment(g []string) bool {
	name, op := g[1], g[2]
	value, bare := g[6], true
	for _, q := range g[3:6] {
		if q != "" {
			value, bare = q, false
		}
	}
	if op == ">" && !strings.HasPrefix(name, "<") {
		return false // only XML: <password>value</password>
	}
	name = strings.TrimPrefix(name, "<")
	if bare && identifier.MatchString(value) && digitRuns(value) <= 1 {
		// LOGON32_LOGON_INTERACTIVE, NewPrivateKey44: code, not a secret.
		return false
	}
	return genericValue(name, value)
}

var identifier = regexp.MustCompile(`^[A-Za-z_][A-Za-z0-9_]*$`)

// digitRuns counts the maximal runs of digits in s.
func digitRuns(s string) int {
	n, in := 0, false
	for i := 0; i < len(s); i++ {
		d := '0' <= s[i] && s[i] <= '9'
		if d && !in {
			n++
		}
		in = d
	}
	return n
}

// genericValue reports whether value, assigned to name, looks like a real
// secret and not code, a reference or a placeholder.
func genericValue(name, value string) bool {
	if genericNameDenied.MatchString(name) {
		return false
	}
	if apikey.LooksLike(value) {
		// A Mira look-alike: the checksum rule has the final word.
		return false
	}
	if !hasDigit(value) || !(hasUpper(value) || hasLower(value)) {
		return false // identifiers, numbers, dates
	}
	switch {
	case strings.HasPrefix(value, "/"), strings.HasPrefix(value, "./"), strings.HasPrefix(value, "~/"),
		strings.HasPrefix(value, "$"), strings.HasPrefix(value, "%"), strings.HasPrefix(value, "#"),
		strings.HasPrefix(value, "@"), strings.HasPrefix(value, "&"), strings.HasPrefix(value, "*"),
		strings.Contains(value, "://"):
		return false // paths, variables, references, URLs (url-credentials handles those)
	}
	if dottedIdent.MatchString(value) {
		return false // config.Password, os.environ.get
	}
	return notPlaceholder(value)
}

var dottedIdent = regexp.MustCompile(`^[A-Za-z_$][\w$]*(?:\.[A-Za-z_$][\w$]*)+$`)

// urlPassword accepts the password of scheme://user:password@host unless
// it is a placeholder, a port or the user name again.
func urlPassword(g []string) bool {
	user, pw := g[1], g[2]
	if pw == user || strings.Trim(pw, "0123456789") == "" {
		return false
	}
	switch strings.ToLower(pw) {
	case "postgres", "postgresql", "root", "admin", "guest", "mysql", "redis", "rabbitmq", "anonymous":
		return false
	}
	// p%40ssw0rd, pa%2Fssword, My%20Pass: placeholders in disguise.
	if u, err := url.PathUnescape(pw); err == nil {
		pw = u
	}
	letters := strings.Map(func(r rune) rune {
		switch r {
		case '@', '4':
			return 'a'
		case '0':
			return 'o'
		case '$', '5':
			return 's'
		case '1', '!':
			return 'i'
		case '3':
			return 'e'
		}
		if 'a' <= r && r <= 'z' || 'A' <= r && r <= 'Z' {
			return r
		}
		return -1
	}, pw)
	l := strings.ToLower(letters)
	if strings.Contains(l, "pass") || strings.Contains(l, "secret") || strings.Contains(l, "changeit") {
		return false
	}
	return notPlaceholder(pw)
}

// notPlaceholder rejects the values people write instead of a secret.
func notPlaceholder(value string) bool {
	v := strings.ToLower(value)
	for _, w := range placeholderWords {
		if strings.Contains(v, w) {
			return false
		}
	}
	if strings.HasPrefix(v, "${") || strings.HasPrefix(v, "{{") || strings.HasPrefix(v, "<") || strings.HasPrefix(v, "%(") {
		return false
	}
	return true
}

var placeholderWords = []string{
	"example", "xxxxx", "*****", "changeme", "change_me", "change-me", "placeholder",
	"your_", "your-", "yourkey", "redacted", "dummy", "sample", "fake", "replace",
	"insert", "password", "secret", "abcdef", "123456", "test", "todo", "undefined",
}

func hasDigit(s string) bool { return strings.ContainsAny(s, "0123456789") }
func hasUpper(s string) bool { return strings.ContainsAny(s, "ABCDEFGHIJKLMNOPQRSTUVWXYZ") }
func hasLower(s string) bool { return strings.ContainsAny(s, "abcdefghijklmnopqrstuvwxyz") }
func isAlnum(c byte) bool {
	return '0' <= c && c <= '9' || 'A' <= c && c <= 'Z' || 'a' <= c && c <= 'z'
}
