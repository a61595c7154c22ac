package password

import (
	"strings"
	"testing"
)

func TestHashVerify(t *testing.T) {
	h, err := Hash("correct horse battery staple")
	if err != nil {
		t.Fatal(err)
	}
	if !strings.HasPrefix(h, "$argon2id$v=19$m=65536,t=2,p=1$") {
		t.Errorf("hash %q is not an argon2id PHC string with our parameters", h)
	}
	if err := Verify(h, "correct horse battery staple"); err != nil {
		t.Errorf("Verify(right password) = %v", err)
	}
	if err := Verify(h, "correct horse battery stapl"); err != ErrMismatch {
		t.Errorf("Verify(wrong password) = %v; want ErrMismatch", err)
	}
	h2, _ := Hash("correct horse battery staple")
	if h == h2 {
		t.Error("two hashes of one password are equal: salt is not random")
	}
}

func TestCheck(t *testing.T) {
	if _, err := Hash("short"); err == nil {
		t.Error("Hash accepted a 5-character password")
	}
	if _, err := Hash(strings.Repeat("a", MaxLength+1)); err == nil {
		t.Error("Hash accepted an over-long password")
	}
}

func TestVerifyRejectsMalformed(t *testing.T) {
	for _, h := range []string{"", "$argon2i$v=19$m=1,t=1,p=1$AAAA$AAAA", "$argon2id$v=19$m=99999999,t=1,p=1$AAAA$AAAA", "$argon2id$v=19$m=64,t=1,p=1$!!$AAAA"} {
		if err := Verify(h, "whatever password"); err == nil {
			t.Errorf("Verify(%q) accepted a malformed hash", h)
		}
	}
}
