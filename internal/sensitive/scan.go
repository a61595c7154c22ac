package sensitive

// Byte classes for the single scan: what may start at a byte.
const (
	clDigit  = 1 << iota // a number
	clLetter             // an IBAN (at a word start)
	clToken              // an API token (A, g, x, s, r, h, e)
	clAssign             // ':' or '=' after a key
	clAt                 // '@' of an e-mail address
)

var class [256]uint8

func init() {
	for c := '0'; c <= '9'; c++ {
		class[c] = clDigit
	}
	for c := 'a'; c <= 'z'; c++ {
		class[c] = clLetter
		class[c-'a'+'A'] = clLetter
	}
	for _, c := range "Agxsrhe" {
		class[c] |= clToken
	}
	class[':'] = clAssign
	class['='] = clAssign
	class['@'] = clAt
}

// scan runs the detectors that start at a particular byte in one pass over
// text. Candidates may overlap; Detect resolves that.
func scan(text string, out []Finding) []Finding {
	lastEmail := 0
	for i := 0; i < len(text); i++ {
		cl := class[text[i]]
		if cl == 0 {
			continue
		}
		var prev byte
		if i > 0 {
			prev = text[i-1]
		}
		switch {
		case cl&clDigit != 0:
			if isAlnum(prev) || prev == '_' {
				continue
			}
			var next int
			out, next = numberAt(text, i, out)
			i = next - 1
		case cl&clLetter != 0:
			if isAlnum(prev) || (cl&clToken != 0 && isTokenByte(prev)) {
				continue
			}
			if cl&clToken != 0 && i+3 < len(text) {
				if f, ok := tokenAt(text, i); ok {
					out = append(out, f)
					i = f.End - 1
					continue
				}
			}
			if prev == '-' || prev == '_' {
				continue
			}
			if f, ok := ibanAt(text, i); ok {
				out = append(out, f)
				i = f.End - 1
			}
		case cl&clAssign != 0:
			if text[i] == ':' && i+2 < len(text) && text[i+1] == '/' && text[i+2] == '/' {
				if f, ok := urlPassword(text, i+3); ok {
					out = append(out, f)
					i = f.End - 1
				}
				continue
			}
			// The value is scanned again: it may be a Mira key or a token,
			// which win over the generic password finding.
			if f, ok := assignmentAt(text, i); ok {
				out = append(out, f)
			}
		case cl&clAt != 0:
			if f, ok := emailAt(text, i, lastEmail); ok {
				out = append(out, f)
				lastEmail = f.End
			}
		}
	}
	return out
}
