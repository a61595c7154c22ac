// Package sensitive finds sensitive data in text (payment card numbers,
// IBANs, e-mail addresses, phone numbers, Russian INN/SNILS/passport numbers,
// passwords, private keys, API tokens and Mira keys) and masks it.
//
// Every detector validates what it finds: card numbers pass the Luhn check,
// IBANs the ISO 13616 mod-97 check and their country's length, INN and SNILS
// their check digits, Mira keys their checksum; passport numbers and short
// phone numbers are only reported next to a word that names them. Detection
// is a few linear scans over the text with no regular expressions, so its
// cost is proportional to the input and small (see BenchmarkDetect).
//
// Finding types (the names used in the Mira-Sensitive-Data header and in
// masked text):
//
//	card_number  payment card number, 12–19 digits with spaces or dashes, Luhn-valid
//	             (12 digits only with a Maestro prefix)
//	iban         International Bank Account Number, country length and mod 97 valid
//	email        e-mail address
//	phone        phone number: international (+CC …), Russian (+7/8 (XXX) XXX-XX-XX),
//	             national formats with 10+ digits, and shorter ones (7–9 digits)
//	             only next to a word such as "phone", "call", "тел."
//	ru_inn       Russian taxpayer number (ИНН): 12 digits, or 10 digits next to
//	             "ИНН"/"INN", check digits valid
//	ru_snils     Russian insurance number (СНИЛС): XXX-XXX-XXX YY, or 11 digits next
//	             to "СНИЛС"/"SNILS", check digits valid
//	ru_passport  Russian passport series and number (XX XX XXXXXX), only next to
//	             "паспорт"/"passport"/"серия"
//	password     the value in a password- or secret-style assignment:
//	             password=…, "pwd": "…", пароль: …, secret=…, api_key=…, Bearer …
//	private_key  a PEM private key block (RSA, EC, OPENSSH, PGP, PKCS#8 …)
//	api_key      a well-known API token: AWS (AKIA…), GitHub (ghp_…, github_pat_…),
//	             Slack (xox…), OpenAI/Anthropic-style (sk-…, sk-proj-…), Google
//	             (AIza…), Stripe (sk_live_…, rk_live_…), Hugging Face (hf_…), JWTs,
//	             and strings shaped like Mira keys whose checksum fails
//	mira_key     a Mira API key (sk-mira-…) whose checksum is valid
//
// A string that looks like a Mira key but fails the checksum is still a
// secret-shaped token (a typo of a real key leaks most of it), so it is
// reported as api_key rather than ignored.
package sensitive

import (
	"errors"
	"fmt"
	"slices"
	"strings"
)

// Finding types.
const (
	CardNumber = "card_number"
	IBAN       = "iban"
	Email      = "email"
	Phone      = "phone"
	RUINN      = "ru_inn"
	RUSNILS    = "ru_snils"
	RUPassport = "ru_passport"
	Password   = "password"
	PrivateKey = "private_key"
	APIKey     = "api_key"
	MiraKey    = "mira_key"
)

// AllTypes lists every finding type, sorted.
var AllTypes = []string{APIKey, CardNumber, Email, IBAN, MiraKey, Password, Phone, PrivateKey, RUINN, RUPassport, RUSNILS}

// Finding is one piece of sensitive data: its type and its byte offsets in
// the text (End exclusive).
type Finding struct {
	Type       string
	Start, End int
}

// priority orders overlapping candidates: the more specific, better
// validated detector wins.
var priority = map[string]int{
	PrivateKey: 0,
	MiraKey:    1,
	APIKey:     2,
	Password:   3,
	IBAN:       4,
	CardNumber: 5,
	RUSNILS:    6,
	RUPassport: 7,
	RUINN:      8,
	Email:      9,
	Phone:      10,
}

// Detect returns the sensitive data found in text: non-overlapping, sorted
// by Start.
func Detect(text string) []Finding {
	var c []Finding
	c = detectPrivateKeys(text, c)
	c = detectBearer(text, c)
	c = scan(text, c)
	if len(c) <= 1 {
		return c
	}
	// Resolve overlaps: best priority first, then the longer one.
	slices.SortStableFunc(c, func(a, b Finding) int {
		if pa, pb := priority[a.Type], priority[b.Type]; pa != pb {
			return pa - pb
		}
		return (b.End - b.Start) - (a.End - a.Start)
	})
	out := c[:0:0]
	for _, f := range c {
		overlaps := false
		for _, g := range out {
			if f.Start < g.End && g.Start < f.End {
				overlaps = true
				break
			}
		}
		if !overlaps {
			out = append(out, f)
		}
	}
	slices.SortFunc(out, func(a, b Finding) int { return a.Start - b.Start })
	return out
}

// Types returns the sorted, de-duplicated types of findings, as listed in
// the Mira-Sensitive-Data header.
func Types(findings []Finding) []string {
	var ts []string
	for _, f := range findings {
		if !slices.Contains(ts, f.Type) {
			ts = append(ts, f.Type)
		}
	}
	slices.Sort(ts)
	return ts
}

// Mask returns text with every finding replaced by "[REDACTED:type]". It is
// what anything stored (request logs) and the mask policy use.
func Mask(text string) string {
	return MaskFindings(text, Detect(text))
}

// MaskFindings replaces the given findings (as returned by Detect on the
// same text) by "[REDACTED:type]".
func MaskFindings(text string, findings []Finding) string {
	if len(findings) == 0 {
		return text
	}
	var b strings.Builder
	b.Grow(len(text))
	last := 0
	for _, f := range findings {
		if f.Start < last || f.End > len(text) {
			continue
		}
		b.WriteString(text[last:f.Start])
		b.WriteString("[REDACTED:")
		b.WriteString(f.Type)
		b.WriteByte(']')
		last = f.End
	}
	b.WriteString(text[last:])
	return b.String()
}

// Policy says what happens to a request that carries sensitive data.
type Policy string

// Policies.
const (
	// Warn lets the request through unchanged and names the types found in
	// the Mira-Sensitive-Data response header. The default.
	Warn Policy = "warn"
	// MaskData replaces the findings before the model sees the request.
	MaskData Policy = "mask"
	// Block refuses the request.
	Block Policy = "block"
)

// DefaultPolicy is the policy when none is configured.
const DefaultPolicy = Warn

// ErrPolicy is returned by ParsePolicy for an unknown policy name.
var ErrPolicy = errors.New("unknown sensitive-data policy")

// ParsePolicy parses "warn", "mask" or "block" (case-insensitive; the empty
// string is the default, warn).
func ParsePolicy(s string) (Policy, error) {
	switch strings.ToLower(strings.TrimSpace(s)) {
	case "", "warn":
		return Warn, nil
	case "mask":
		return MaskData, nil
	case "block":
		return Block, nil
	}
	return "", fmt.Errorf("%w %q: want warn, mask or block", ErrPolicy, s)
}

// String returns the policy's name.
func (p Policy) String() string { return string(p) }

// MarshalText implements encoding.TextMarshaler.
func (p Policy) MarshalText() ([]byte, error) { return []byte(p), nil }

// UnmarshalText implements encoding.TextUnmarshaler with ParsePolicy.
func (p *Policy) UnmarshalText(b []byte) error {
	v, err := ParsePolicy(string(b))
	if err != nil {
		return err
	}
	*p = v
	return nil
}
