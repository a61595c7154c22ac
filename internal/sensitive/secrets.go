package sensitive

import (
	"strings"

	"github.com/vmira/mira/internal/apikey"
)

func isDigit(c byte) bool { return '0' <= c && c <= '9' }
func isUpper(c byte) bool { return 'A' <= c && c <= 'Z' }
func isLower(c byte) bool { return 'a' <= c && c <= 'z' }
func isLetter(c byte) bool {
	return isUpper(c) || isLower(c)
}
func isAlnum(c byte) bool { return isDigit(c) || isLetter(c) }

// isTokenByte reports whether c can be part of an API token, so a token must
// not start right after one.
func isTokenByte(c byte) bool { return isAlnum(c) || c == '_' || c == '-' }

// run returns the end of the longest run starting at i whose bytes satisfy ok.
func run(s string, i int, ok func(byte) bool) int {
	for i < len(s) && ok(s[i]) {
		i++
	}
	return i
}

func isB64URL(c byte) bool { return isAlnum(c) || c == '_' || c == '-' }

// detectPrivateKeys finds PEM private key blocks. A block without its END
// line runs to the end of the text: a truncated key is still a secret.
func detectPrivateKeys(text string, out []Finding) []Finding {
	const begin = "-----BEGIN "
	from := 0
	for {
		i := strings.Index(text[from:], begin)
		if i < 0 {
			return out
		}
		start := from + i
		hdrEnd := strings.Index(text[start+len(begin):], "-----")
		if hdrEnd < 0 || hdrEnd > 64 {
			from = start + len(begin)
			continue
		}
		label := text[start+len(begin) : start+len(begin)+hdrEnd]
		if !strings.Contains(label, "PRIVATE KEY") {
			from = start + len(begin)
			continue
		}
		end := len(text)
		rest := start + len(begin) + hdrEnd + 5
		if j := strings.Index(text[rest:], "-----END "); j >= 0 {
			e := rest + j + len("-----END ")
			if k := strings.Index(text[e:], "-----"); k >= 0 && k <= 64 {
				end = e + k + 5
			}
		}
		out = append(out, Finding{PrivateKey, start, end})
		from = end
	}
}

// tokenAt reads a well-known API token or a Mira key at text[i:].
func tokenAt(text string, i int) (Finding, bool) {
	s := text[i:]
	api := func(n int) (Finding, bool) { return Finding{APIKey, i, i + n}, true }
	// end reports whether a token of length n ends at a boundary.
	end := func(n int) bool { return n == len(s) || !isTokenByte(s[n]) }
	switch {
	case strings.HasPrefix(s, "AKIA") || strings.HasPrefix(s, "ASIA") || strings.HasPrefix(s, "ABIA") || strings.HasPrefix(s, "ACCA"):
		n := run(s, 4, func(c byte) bool { return isUpper(c) || isDigit(c) })
		if n == 20 && end(n) {
			return api(n)
		}
	case strings.HasPrefix(s, "AIza"):
		n := run(s, 4, isB64URL)
		if n == 39 {
			return api(n)
		}
	case strings.HasPrefix(s, "github_pat_"):
		n := run(s, 11, func(c byte) bool { return isAlnum(c) || c == '_' })
		if n-11 >= 22 && end(n) {
			return api(n)
		}
	case len(s) > 4 && s[0] == 'g' && s[1] == 'h' && strings.IndexByte("pousr", s[2]) >= 0 && s[3] == '_':
		n := run(s, 4, isAlnum)
		if n-4 >= 30 && end(n) {
			return api(n)
		}
	case strings.HasPrefix(s, "xox") && len(s) > 4 && strings.IndexByte("abposre", s[3]) >= 0 && s[4] == '-':
		n := run(s, 5, func(c byte) bool { return isAlnum(c) || c == '-' })
		if n-5 >= 10 && end(n) {
			return api(n)
		}
	case strings.HasPrefix(s, apikey.Prefix):
		n := run(s, len(apikey.Prefix), isAlnum)
		if n == apikey.Len && end(n) && apikey.Valid(s[:n]) {
			return Finding{MiraKey, i, i + n}, true
		}
		// A look-alike: still secret-shaped, reported as a generic key.
		if n-len(apikey.Prefix) >= 16 {
			n = run(s, n, isTokenByte)
			return api(n)
		}
	case strings.HasPrefix(s, "sk-"):
		n := run(s, 3, isTokenByte)
		if n-3 >= 20 && randomish(s[3:n]) {
			return api(n)
		}
	case strings.HasPrefix(s, "sk_live_") || strings.HasPrefix(s, "sk_test_") || strings.HasPrefix(s, "rk_live_") || strings.HasPrefix(s, "rk_test_"):
		n := run(s, 8, isAlnum)
		if n-8 >= 16 && end(n) {
			return api(n)
		}
	case strings.HasPrefix(s, "hf_"):
		n := run(s, 3, isAlnum)
		if n-3 >= 30 && end(n) && randomish(s[3:n]) {
			return api(n)
		}
	case strings.HasPrefix(s, "eyJ"):
		// A JWT: three base64url parts, the second a JSON object too.
		n := run(s, 3, isB64URL)
		if n < 12 || n >= len(s) || s[n] != '.' || !strings.HasPrefix(s[n+1:], "eyJ") {
			break
		}
		m := run(s, n+1, isB64URL)
		if m-n-1 < 12 || m >= len(s) || s[m] != '.' {
			break
		}
		k := run(s, m+1, isB64URL)
		return api(k)
	}
	return Finding{}, false
}

// randomish reports whether s mixes letters and digits, as random tokens do
// and words joined by dashes (sk-learn-compatible-package) do not.
func randomish(s string) bool {
	var digits, letters int
	for i := 0; i < len(s); i++ {
		switch {
		case isDigit(s[i]):
			digits++
		case isLetter(s[i]):
			letters++
		}
	}
	return digits > 0 && letters > 0
}

// secretKeys are the (lower-case) words that make an assignment's value a
// secret when they end its key: DB_PASSWORD=…, "api_key": "…", пароль: ….
var secretKeys = []string{"password", "passwd", "passphrase", "pwd", "secret", "token", "api_key", "apikey", "api-key", "access_key", "accesskey", "private_key", "пароль"}

// allowedSuffix lists what may follow a secret word inside a key name:
// "password_hash", "tokenizer", "max_tokens" name something else.
var allowedSuffix = map[string]bool{
	"": true, "key": true, "_key": true, "access_key": true, "accesskey": true, "key_base": true,
	"value": true, "phrase": true, "word": true, "1": true, "2": true,
}

// notSecrets are values that are placeholders or types, not secrets.
var notSecrets = map[string]bool{
	"null": true, "none": true, "nil": true, "true": true, "false": true, "undefined": true,
	"string": true, "str": true, "int": true, "bool": true, "number": true, "text": true,
	"password": true, "secret": true, "token": true, "required": true, "optional": true,
	"redacted": true, "hidden": true, "empty": true, "пароль": true,
}

// detectBearer finds bearer tokens ("Authorization: Bearer …").
func detectBearer(text string, out []Finding) []Finding {
	for from := 0; ; {
		j := strings.Index(text[from:], "earer ")
		if j < 0 {
			break
		}
		k := from + j + len("earer ")
		from = k
		if b := from - 7; b < 0 || (text[b] != 'b' && text[b] != 'B') || (b > 0 && isAlnum(text[b-1])) {
			continue
		}
		n := run(text, k, func(c byte) bool { return isB64URL(c) || c == '.' || c == '~' || c == '+' || c == '/' || c == '=' })
		if n-k >= 16 && randomish(text[k:n]) {
			out = append(out, Finding{Password, k, n})
			from = n
		}
	}
	return out
}

// urlPassword reads the password of "user:pass@host" at text[k:].
func urlPassword(text string, k int) (Finding, bool) {
	u := run(text, k, func(c byte) bool { return c > ' ' && c != '/' && c != ':' && c != '@' })
	if u >= len(text) || text[u] != ':' || u == k {
		return Finding{}, false
	}
	p := run(text, u+1, func(c byte) bool { return c > ' ' && c != '/' && c != '@' })
	if p < len(text) && text[p] == '@' && p > u+1 {
		return Finding{Password, u + 1, p}, true
	}
	return Finding{}, false
}

func isIdentByte(c byte) bool { return isAlnum(c) || c == '_' || c == '-' || c == '.' || c >= 0x80 }

// secretKeyEnd reports whether the key name ident (lower case) names a
// secret, and which word does.
func secretKey(ident string) (string, bool) {
	for _, w := range secretKeys {
		if i := strings.LastIndex(ident, w); i >= 0 && allowedSuffix[strings.TrimLeft(ident[i+len(w):], "_-.")] {
			return w, true
		}
	}
	return "", false
}

// assignmentAt reads "KEY<sep>VALUE" around the separator at text[i].
func assignmentAt(text string, i int) (Finding, bool) {
	sep := text[i]
	// The key: an identifier, maybe quoted, maybe followed by spaces.
	k := i
	for k > 0 && (text[k-1] == ' ' || text[k-1] == '\t') {
		k--
	}
	if k > 0 && (text[k-1] == '"' || text[k-1] == '\'') {
		k--
	}
	ks := k
	for ks > 0 && isIdentByte(text[ks-1]) && k-ks < 64 {
		ks--
	}
	if ks == k {
		return Finding{}, false
	}
	word, ok := secretKey(strings.ToLower(text[ks:k]))
	if !ok {
		return Finding{}, false
	}
	i++
	if i < len(text) && (text[i] == '=' || text[i] == '>') { // ==, =>, :=
		if sep == '=' && text[i] == '=' {
			return Finding{}, false // a comparison, not an assignment
		}
		i++
	}
	if sep == ':' && i < len(text) && text[i] == '=' {
		i++
	}
	i = run(text, i, func(c byte) bool { return c == ' ' || c == '\t' })
	if i >= len(text) {
		return Finding{}, false
	}
	var vs, ve int
	if q := text[i]; q == '"' || q == '\'' || q == '`' {
		vs = i + 1
		ve = vs
		for ve < len(text) && text[ve] != q && text[ve] != '\n' {
			if text[ve] == '\\' {
				ve++
			}
			ve++
		}
		if ve > len(text) {
			ve = len(text)
		}
	} else {
		vs = i
		ve = run(text, i, func(c byte) bool { return c > ' ' })
		for ve > vs && strings.IndexByte(",;)}]'\"", text[ve-1]) >= 0 {
			ve--
		}
		v := text[vs:ve]
		if strings.ContainsAny(v, "()[]") {
			return Finding{}, false // code: password = getpass()
		}
		if sep == ':' {
			// Prose ("Password: must be 8 characters") has more words after
			// the first; a password written after a colon ends its line or
			// does not look like a word.
			rest := run(text, ve, func(c byte) bool { return c == ' ' || c == '\t' || c == ',' || c == ';' || c == '.' })
			if rest < len(text) && text[rest] != '\n' && text[rest] != '\r' && !hasNonLetter(v) {
				return Finding{}, false
			}
		}
	}
	minLen := 3
	if word == "token" || word == "secret" || strings.Contains(word, "key") {
		minLen = 8 // "token: 42" is a count, not a token
	}
	if ve-vs < minLen || !plausibleSecret(text[vs:ve]) {
		return Finding{}, false
	}
	return Finding{Password, vs, ve}, true
}

func hasNonLetter(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] < 0x80 && !isLetter(s[i]) {
			return true
		}
	}
	return false
}

func plausibleSecret(v string) bool {
	if len(v) < 3 || len(v) > 512 {
		return false
	}
	if notSecrets[strings.ToLower(v)] {
		return false
	}
	switch {
	case v[0] == '<',
		v[0] == '$', v[0] == '%',
		strings.HasPrefix(v, "{{"), strings.HasPrefix(v, "[REDACTED"),
		strings.HasPrefix(v, "process.env"), strings.HasPrefix(v, "os."):
		return false
	}
	same := true
	for i := 1; i < len(v); i++ {
		if v[i] != v[0] {
			same = false
			break
		}
	}
	if same {
		return false // "****", "xxxx"
	}
	if strings.Count(v, "*") > len(v)/2 || strings.Count(v, "•") > 0 {
		return false
	}
	return true
}
