package password

import (
	"errors"
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

// A flood of password checks is shed beyond the running and waiting
// bounds instead of queueing without end.
func TestFloodIsShed(t *testing.T) {
	h, err := Hash("a long enough password")
	if err != nil {
		t.Fatal(err)
	}
	n := int(int64(cap(running)) + maxWaiting + 20)
	errs := make(chan error, n)
	start := make(chan struct{})
	for range n {
		go func() {
			<-start
			errs <- Verify(h, "a long enough password")
		}()
	}
	close(start)
	var ok, busy int
	for range n {
		switch err := <-errs; {
		case err == nil:
			ok++
		case errors.Is(err, ErrBusy):
			busy++
		default:
			t.Fatalf("Verify: %v", err)
		}
	}
	if busy == 0 || ok < cap(running) {
		t.Errorf("%d checks at once: %d verified, %d shed; want some shed and at least %d verified", n, ok, busy, cap(running))
	}
	if max := cap(running) + int(maxWaiting); ok > max+cap(running)*4 {
		// Slots free up while the flood arrives, so a few more than the
		// bound may pass; far more means nothing is bounded.
		t.Errorf("%d verified of %d; the bound is %d at a time", ok, n, max)
	}
}
