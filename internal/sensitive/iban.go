package sensitive

import "strings"

// ibanLengths is the length of an IBAN in each country that issues them
// (SWIFT IBAN registry).
var ibanLengths = map[string]int{
	"AD": 24, "AE": 23, "AL": 28, "AT": 20, "AZ": 28, "BA": 20, "BE": 16, "BG": 22,
	"BH": 22, "BI": 27, "BR": 29, "BY": 28, "CH": 21, "CR": 22, "CY": 28, "CZ": 24,
	"DE": 22, "DJ": 27, "DK": 18, "DO": 28, "EE": 20, "EG": 29, "ES": 24, "FI": 18,
	"FK": 18, "FO": 18, "FR": 27, "GB": 22, "GE": 22, "GI": 23, "GL": 18, "GR": 27,
	"GT": 28, "HR": 21, "HU": 28, "IE": 22, "IL": 23, "IQ": 23, "IS": 26, "IT": 27,
	"JO": 30, "KW": 30, "KZ": 20, "LB": 28, "LC": 32, "LI": 21, "LT": 20, "LU": 20,
	"LV": 21, "LY": 25, "MC": 27, "MD": 24, "ME": 22, "MK": 19, "MN": 20, "MR": 27,
	"MT": 31, "MU": 30, "NI": 28, "NL": 18, "NO": 15, "OM": 23, "PK": 24, "PL": 28,
	"PS": 29, "PT": 25, "QA": 29, "RO": 24, "RS": 22, "RU": 33, "SA": 24, "SC": 31,
	"SD": 18, "SE": 24, "SI": 19, "SK": 24, "SM": 27, "SO": 23, "ST": 25, "SV": 28,
	"TL": 23, "TN": 24, "TR": 26, "UA": 29, "VA": 22, "VG": 24, "XK": 20, "YE": 30,
}

func upper(c byte) byte {
	if isLower(c) {
		return c - 'a' + 'A'
	}
	return c
}

// ibanAt reads an IBAN at text[i:] (a word start), written whole or in
// groups of four separated by single spaces, in either case.
func ibanAt(text string, i int) (Finding, bool) {
	if i+15 > len(text) || !isLetter(text[i+1]) || !isDigit(text[i+2]) || !isDigit(text[i+3]) {
		return Finding{}, false
	}
	want, ok := ibanLengths[string([]byte{upper(text[i]), upper(text[i+1])})]
	if !ok {
		return Finding{}, false
	}
	var buf [34]byte
	n, j := 0, i
	for j < len(text) && n < want {
		c := text[j]
		if isAlnum(c) {
			buf[n] = upper(c)
			n++
			j++
			continue
		}
		if c == ' ' && n%4 == 0 && j+1 < len(text) && isAlnum(text[j+1]) {
			j++
			continue
		}
		break
	}
	if n != want || (j < len(text) && isAlnum(text[j])) || !ibanValid(buf[:n]) {
		return Finding{}, false
	}
	return Finding{IBAN, i, j}, true
}

// ibanValid checks the ISO 13616 mod-97 check digits of an upper-case IBAN.
func ibanValid(iban []byte) bool {
	for _, c := range iban[4:] {
		if !isDigit(c) && !isUpper(c) {
			return false
		}
	}
	rem := 0
	add := func(c byte) {
		if isDigit(c) {
			rem = (rem*10 + int(c-'0')) % 97
		} else {
			v := int(c-'A') + 10
			rem = (rem*100 + v) % 97
		}
	}
	for _, c := range iban[4:] {
		add(c)
	}
	for _, c := range iban[:4] {
		add(c)
	}
	return rem == 1
}

// emailAt reads an e-mail address around the '@' at text[i], not
// reaching back before last.
func emailAt(text string, i, last int) (Finding, bool) {
	isLocal := func(c byte) bool {
		return isAlnum(c) || c >= 0x80 || c == '.' || c == '_' || c == '%' || c == '+' || c == '-'
	}
	isDomain := func(c byte) bool { return isAlnum(c) || c >= 0x80 || c == '.' || c == '-' }
	s := i
	for s > last && isLocal(text[s-1]) {
		s--
	}
	for s < i && text[s] == '.' {
		s++
	}
	if s == i {
		return Finding{}, false
	}
	e := run(text, i+1, isDomain)
	for e > i+1 && (text[e-1] == '.' || text[e-1] == '-') {
		e--
	}
	dom := text[i+1 : e]
	dot := strings.LastIndexByte(dom, '.')
	if dot <= 0 || len(dom)-dot-1 < 2 || containsDoubleDot(dom) {
		return Finding{}, false
	}
	if tld := dom[dot+1:]; tld[0] < 0x80 && !isLetter(tld[0]) {
		return Finding{}, false
	}
	return Finding{Email, s, e}, true
}

func containsDoubleDot(s string) bool {
	for i := 1; i < len(s); i++ {
		if s[i] == '.' && s[i-1] == '.' {
			return true
		}
	}
	return false
}
