package session

import (
	"context"
	"errors"
	"testing"

	"github.com/vmira/mira/internal/password"
	"github.com/vmira/mira/internal/store/storetest"
)

// TestPasswordChecksShed: when the password package sheds work (a sign-in
// flood), sign-in and password change say ErrBusy, and nothing counts as
// a failed attempt.
func TestPasswordChecksShed(t *testing.T) {
	clk := newClock()
	db := storetest.OpenSQLite(t)
	m := newManager(t, db, clk) // PerAccountIP 4, SlowAfter 2, PerAccount 6
	newUser(t, db, "alice@example.com")
	b := newBrowser("203.0.113.9")
	s := func() *Session {
		if _, err := b.signIn(m, "alice@example.com", goodPassword); err != nil {
			t.Fatalf("sign-in: %v", err)
		}
		return b.current(m)
	}()

	restore := password.Saturate()
	for i := range 8 { // more than every limit
		pw := goodPassword
		if i%2 == 1 {
			pw = "wrong password"
		}
		if _, err := b.signIn(m, "alice@example.com", pw); !errors.Is(err, ErrBusy) || errors.Is(err, ErrBadCredentials) {
			restore()
			t.Fatalf("sign-in %d while saturated = %v; want ErrBusy", i, err)
		}
		if err := m.ChangePassword(context.Background(), s, pw, "a brand new password"); !errors.Is(err, ErrBusy) {
			restore()
			t.Fatalf("password change %d while saturated = %v; want ErrBusy", i, err)
		}
	}
	restore()

	// No failure was counted: no slowdown, no lock.
	if _, err := b.signIn(m, "alice@example.com", goodPassword); err != nil {
		t.Errorf("sign-in once the flood is over = %v; want success (shed checks are not failures)", err)
	}
	if err := m.ChangePassword(context.Background(), b.current(m), goodPassword, "a brand new password"); err != nil {
		t.Errorf("password change once the flood is over = %v", err)
	}
}
