package sensitive

import (
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/vmira/mira/internal/apikey"
)

// found returns "type:text" for each finding, for readable comparisons.
func found(text string) []string {
	var out []string
	for _, f := range Detect(text) {
		out = append(out, f.Type+":"+text[f.Start:f.End])
	}
	return out
}

func TestDetect(t *testing.T) {
	miraKey := apikey.Generate()
	// A look-alike: same shape, wrong checksum.
	last := miraKey[len(miraKey)-1]
	repl := byte('A')
	if last == 'A' {
		repl = 'B'
	}
	lookAlike := miraKey[:len(miraKey)-1] + string(repl)

	tests := []struct {
		name string
		text string
		want []string
	}{
		// Cards: Luhn decides.
		{"card spaces", "my card is 4111 1111 1111 1111 thanks", []string{"card_number:4111 1111 1111 1111"}},
		{"card dashes", "5500-0000-0000-0004", []string{"card_number:5500-0000-0000-0004"}},
		{"card bare", "pay with 378282246310005.", []string{"card_number:378282246310005"}},
		{"card luhn fails", "my card is 4111 1111 1111 1112", nil},
		{"card luhn fails bare", "4111111111111112", nil},
		{"card unknown prefix", "order 9111111111111111 shipped", nil},
		{"card maestro 12", "maestro 501864667909", []string{"card_number:501864667909"}},
		{"card 2-series", "2223000048400011", []string{"card_number:2223000048400011"}},
		{"digits in identifier", "build a4111111111111111 id", nil},

		// IBAN: country length and mod 97.
		{"iban grouped", "IBAN: DE89 3704 0044 0532 0130 00.", []string{"iban:DE89 3704 0044 0532 0130 00"}},
		{"iban compact", "send to GB82WEST12345698765432 today", []string{"iban:GB82WEST12345698765432"}},
		{"iban lower case", "gb82west12345698765432", []string{"iban:gb82west12345698765432"}},
		{"iban mod97 fails", "GB82WEST12345698765433", nil},
		{"iban wrong length", "DE89370400440532013", nil},
		{"iban russian", "RU0204452560040702810412345678901", []string{"iban:RU0204452560040702810412345678901"}},

		// E-mail.
		{"email", "write to Jane.Doe+tag@example.co.uk.", []string{"email:Jane.Doe+tag@example.co.uk"}},
		{"email cyrillic domain", "почта: иван@пример.рф", []string{"email:иван@пример.рф"}},
		{"not email", "user@localhost and @handle and a@b.c", nil},

		// Phones.
		{"phone e164", "call +14155552671", []string{"phone:+14155552671"}},
		{"phone intl grouped", "+44 20 7946 0958", []string{"phone:+44 20 7946 0958"}},
		{"phone ru plus7", "мой номер +7 (916) 123-45-67", []string{"phone:+7 (916) 123-45-67"}},
		{"phone ru 8", "звоните 8 (800) 555-35-35", []string{"phone:8 (800) 555-35-35"}},
		{"phone ru 8 compact", "89161234567", []string{"phone:89161234567"}},
		{"phone us", "(415) 555-2671", []string{"phone:(415) 555-2671"}},
		{"phone ext", "+1-604-696-5272x565", []string{"phone:+1-604-696-5272x565"}},
		{"phone short with context", "Phone: 358 0594", []string{"phone:358 0594"}},
		{"phone short no context", "we sold 358 0594 units", nil},
		{"date is not phone", "on 2024-01-15 10:30", nil},
		{"ip is not phone", "host 192.168.100.200", nil},
		{"version is not phone", "go 1.26.8", nil},

		// INN: check digits.
		{"inn 12", "ИНН 500100732259", []string{"ru_inn:500100732259"}},
		{"inn 12 bad check", "ИНН 500100732258", nil},
		{"inn 10 with context", "ИНН организации: 7707083893", []string{"ru_inn:7707083893"}},
		{"inn 10 bad check", "ИНН 7707083894", nil},

		// SNILS: check digits.
		{"snils", "СНИЛС 112-233-445 95", []string{"ru_snils:112-233-445 95"}},
		{"snils bare with context", "snils: 11223344595", []string{"ru_snils:11223344595"}},
		{"snils bad check", "СНИЛС 112-233-445 96", nil},

		// Passport: only with context.
		{"passport", "паспорт 45 06 123456", []string{"ru_passport:45 06 123456"}},
		{"passport series number", "Паспорт: серия 4506 номер 123456, выдан", []string{"ru_passport:4506 номер 123456"}},
		{"passport english", "passport no 4506 123456", []string{"ru_passport:4506 123456"}},
		// Without a word naming it, a passport-shaped number is only a phone-shaped one.
		{"passport no context", "артикул 4506 123456", []string{"phone:4506 123456"}},
		{"passport short no context", "артикул 45 06", nil},

		// Passwords and secrets.
		{"password=", "login?user=bob&password=hunter22", []string{"password:hunter22"}},
		{"env var", "DB_PASSWORD=s3cr3t!", []string{"password:s3cr3t!"}},
		{"json", `{"password": "correct horse battery"}`, []string{"password:correct horse battery"}},
		{"пароль", "логин admin, пароль: qwerty123", []string{"password:qwerty123"}},
		{"Пароль end of line", "Пароль: qwerty\nЛогин: ivan", []string{"password:qwerty"}},
		{"password prose", "Password: must be at least 8 characters long", nil},
		{"password placeholder", "password=<your password>", nil},
		{"password env ref", "password=$DB_PASS", nil},
		{"password stars", "password: ********", nil},
		{"password code", "password = getpass()", nil},
		{"password compare", "if password == other {", nil},
		{"password_hash", "password_hash=abc123def456", nil},
		{"max_tokens", "max_tokens: 100", nil},
		{"token count", "token: 42", nil},
		{"client secret", "client_secret: 'Zx8vQ2mN9pL4'", []string{"password:Zx8vQ2mN9pL4"}},
		{"url password", "postgres://app:Tr0ub4dor@db.internal:5432/app", []string{"password:Tr0ub4dor"}},
		{"bearer", "Authorization: Bearer abcDEF1234567890xyz", []string{"password:abcDEF1234567890xyz"}},

		// Private keys.
		{"pem", "key:\n-----BEGIN RSA PRIVATE KEY-----\nMIIEow\n-----END RSA PRIVATE KEY-----\nbye",
			[]string{"private_key:-----BEGIN RSA PRIVATE KEY-----\nMIIEow\n-----END RSA PRIVATE KEY-----"}},
		{"pem truncated", "-----BEGIN OPENSSH PRIVATE KEY-----\nb3BlbnNzaC1rZXktdjEAAAA",
			[]string{"private_key:-----BEGIN OPENSSH PRIVATE KEY-----\nb3BlbnNzaC1rZXktdjEAAAA"}},
		{"public key is fine", "-----BEGIN PUBLIC KEY-----\nMIIB\n-----END PUBLIC KEY-----", nil},

		// API tokens.
		{"aws", "AKIAIOSFODNN7EXAMPLE", []string{"api_key:AKIAIOSFODNN7EXAMPLE"}},
		{"github", "token ghp_16C7e42F292c6912E7710c838347Ae178B4a ok", []string{"api_key:ghp_16C7e42F292c6912E7710c838347Ae178B4a"}},
		{"github pat", "github_pat_11ABCDEFG0123456789_abcdefghijklmnopqrstuvwxyzABCDEF", []string{"api_key:github_pat_11ABCDEFG0123456789_abcdefghijklmnopqrstuvwxyzABCDEF"}},
		{"slack", "xoxb-2112345678-1234567890123-AbCdEfGhIjKl", []string{"api_key:xoxb-2112345678-1234567890123-AbCdEfGhIjKl"}},
		{"openai", "OPENAI_API_KEY is sk-proj-AbCdEf1234567890GhIjKl_mnop", []string{"api_key:sk-proj-AbCdEf1234567890GhIjKl_mnop"}},
		{"openai legacy", "sk-1234567890abcdefghijKLMNOPqrstuv", []string{"api_key:sk-1234567890abcdefghijKLMNOPqrstuv"}},
		{"not a key", "install sk-learn-compatible-packages-here now", nil},
		{"google", "AIzaSyDdI0hCZtE6vySjMm-WEfRq3CPzqKqqsHI", []string{"api_key:AIzaSyDdI0hCZtE6vySjMm-WEfRq3CPzqKqqsHI"}},
		{"stripe", "sk_live_4eC39HqLyjWDarjtT1zdp7dc", []string{"api_key:sk_live_4eC39HqLyjWDarjtT1zdp7dc"}},
		{"jwt", "eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjM0NTY3ODkwIn0.dozjgNryP4J3jVmNHl0w5N_XgL0n3I9PlFUP0THsR8U",
			[]string{"api_key:eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjM0NTY3ODkwIn0.dozjgNryP4J3jVmNHl0w5N_XgL0n3I9PlFUP0THsR8U"}},

		// Mira keys: checksum decides between mira_key and api_key.
		{"mira key", "export MIRA_API_KEY=" + miraKey, []string{"mira_key:" + miraKey}},
		{"mira look-alike", "key " + lookAlike + " end", []string{"api_key:" + lookAlike}},

		// Mixed.
		{"several", "Card 4111111111111111, mail a@example.com, tel +7 916 123 45 67",
			[]string{"card_number:4111111111111111", "email:a@example.com", "phone:+7 916 123 45 67"}},
		{"nothing", "Как приготовить борщ? Нужно 2 свёклы и 500 г говядины.", nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if diff := cmp.Diff(tt.want, found(tt.text)); diff != "" {
				t.Errorf("Detect(%q) (-want +got):\n%s", tt.text, diff)
			}
		})
	}
}

func TestFindingsSortedAndDisjoint(t *testing.T) {
	text := strings.Repeat("card 4111-1111-1111-1111 mail x@y.org password=abc123 +7 916 123-45-67 AKIAIOSFODNN7EXAMPLE\n", 20)
	fs := Detect(text)
	if len(fs) != 100 {
		t.Fatalf("Detect found %d findings; want 100", len(fs))
	}
	for i := 1; i < len(fs); i++ {
		if fs[i].Start < fs[i-1].End {
			t.Fatalf("findings %v and %v overlap or are unsorted", fs[i-1], fs[i])
		}
	}
}

func TestTypes(t *testing.T) {
	got := Types(Detect("a@example.com b@example.com 4111111111111111"))
	if diff := cmp.Diff([]string{"card_number", "email"}, got); diff != "" {
		t.Errorf("Types (-want +got):\n%s", diff)
	}
}

func TestMaskLeavesNoSecret(t *testing.T) {
	key := apikey.Generate()
	secrets := []string{
		"4111 1111 1111 1111", "DE89 3704 0044 0532 0130 00", "jane@example.com",
		"+7 (916) 123-45-67", "500100732259", "112-233-445 95", "45 06 123456",
		"hunter22", "AKIAIOSFODNN7EXAMPLE", key, "MIIEowIBAAKCAQEA",
	}
	text := "card 4111 1111 1111 1111; iban DE89 3704 0044 0532 0130 00; mail jane@example.com; " +
		"phone +7 (916) 123-45-67; ИНН 500100732259; СНИЛС 112-233-445 95; паспорт 45 06 123456; " +
		"password=hunter22; aws AKIAIOSFODNN7EXAMPLE; mira " + key + "\n" +
		"-----BEGIN PRIVATE KEY-----\nMIIEowIBAAKCAQEA\n-----END PRIVATE KEY-----\n"
	masked := Mask(text)
	for _, s := range secrets {
		if strings.Contains(masked, s) {
			t.Errorf("Mask left %q in %q", s, masked)
		}
	}
	for _, typ := range AllTypes {
		if !strings.Contains(masked, "[REDACTED:"+typ+"]") {
			t.Errorf("Mask output has no [REDACTED:%s]: %q", typ, masked)
		}
	}
	if got := Detect(masked); len(got) != 0 {
		t.Errorf("Detect(Mask(text)) = %v; want nothing", got)
	}
	want := "mail [REDACTED:email], ok"
	if got := Mask("mail jane@example.com, ok"); got != want {
		t.Errorf("Mask = %q; want %q", got, want)
	}
}

func TestParsePolicy(t *testing.T) {
	for _, tt := range []struct {
		in   string
		want Policy
		err  bool
	}{
		{"", Warn, false}, {"warn", Warn, false}, {"MASK", MaskData, false}, {" block ", Block, false}, {"drop", "", true},
	} {
		got, err := ParsePolicy(tt.in)
		if got != tt.want || (err != nil) != tt.err {
			t.Errorf("ParsePolicy(%q) = %q, %v; want %q, error %v", tt.in, got, err, tt.want, tt.err)
		}
	}
	var p Policy
	if err := p.UnmarshalText([]byte("mask")); err != nil || p != MaskData {
		t.Errorf("UnmarshalText(mask) = %v, %q", err, p)
	}
}

func TestChecksums(t *testing.T) {
	if !luhn([]byte("79927398713")) || luhn([]byte("79927398710")) {
		t.Error("luhn is wrong on the textbook example 79927398713")
	}
	if !innValid([]byte("7707083893")) || innValid([]byte("7707083890")) {
		t.Error("innValid is wrong on 7707083893")
	}
	if !snilsValid([]byte("11223344595")) || snilsValid([]byte("11223344596")) {
		t.Error("snilsValid is wrong on 112-233-445 95")
	}
	if !ibanValid([]byte("GB82WEST12345698765432")) {
		t.Error("ibanValid is wrong on GB82WEST12345698765432")
	}
}

func FuzzDetect(f *testing.F) {
	f.Add("card 4111 1111 1111 1111 +7 916 123-45-67 password=x1y2z3 a@b.cd")
	f.Add("-----BEGIN PRIVATE KEY-----")
	f.Fuzz(func(t *testing.T, s string) {
		fs := Detect(s)
		for i, g := range fs {
			if g.Start < 0 || g.End > len(s) || g.Start >= g.End {
				t.Fatalf("bad finding %v in %q", g, s)
			}
			if i > 0 && g.Start < fs[i-1].End {
				t.Fatalf("overlap %v %v", fs[i-1], g)
			}
		}
		_ = Mask(s)
	})
}

var benchText = strings.Repeat("Hello, please summarise the meeting notes below. Contact me at john.smith@example.com or "+
	"+1 (415) 555-2671. The invoice 2024-05-01 total was 1,234.56 USD. ", 8)

func BenchmarkDetect(b *testing.B) {
	text := benchText[:1024]
	b.SetBytes(int64(len(text)))
	for b.Loop() {
		Detect(text)
	}
}

func BenchmarkDetectClean(b *testing.B) {
	text := strings.Repeat("The quick brown fox jumps over the lazy dog, again and again. ", 17)[:1024]
	b.SetBytes(int64(len(text)))
	for b.Loop() {
		Detect(text)
	}
}
