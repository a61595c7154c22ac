package certstore

import (
	"bytes"
	"context"
	"errors"
	"io/fs"
	"slices"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/vmira/mira/internal/store"
	"github.com/vmira/mira/internal/store/storetest"
)

var secret = bytes.Repeat([]byte{7}, 32)

func newStorage(t *testing.T, db *store.DB, sec []byte, lease time.Duration) *Storage {
	t.Helper()
	s, err := New(db, sec, Options{Lease: lease})
	if err != nil {
		t.Fatal(err)
	}
	return s
}

func TestStorage(t *testing.T) {
	storetest.EachDB(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		s := newStorage(t, db, secret, 0)
		if _, err := s.Load(ctx, "certificates/a/a.key"); !errors.Is(err, fs.ErrNotExist) {
			t.Fatalf("Load of a missing key: %v; want fs.ErrNotExist", err)
		}
		values := map[string]string{
			"certificates/ca/mira.test/mira.test.crt":   "CERT",
			"certificates/ca/mira.test/mira.test.key":   "PRIVATE KEY 1",
			"certificates/ca/other.test/other.test.crt": "CERT 2",
			"acme/ca/users/ops/ops.json":                "account",
		}
		for k, v := range values {
			if err := s.Store(ctx, k, []byte(v)); err != nil {
				t.Fatal(err)
			}
		}
		s.Store(ctx, "certificates/ca/mira.test/mira.test.key", []byte("PRIVATE KEY 2")) // overwrite
		if v, err := s.Load(ctx, "certificates/ca/mira.test/mira.test.key"); err != nil || string(v) != "PRIVATE KEY 2" {
			t.Fatalf("Load after overwrite: %q %v", v, err)
		}
		// Sealed at rest, and bound to its key.
		var raw []byte
		db.SQL().QueryRow(db.Rebind(`SELECT value FROM acme_storage WHERE name = ?`), "certificates/ca/mira.test/mira.test.key").Scan(&raw)
		if bytes.Contains(raw, []byte("PRIVATE KEY")) {
			t.Fatal("the private key is stored in the clear")
		}
		db.SQL().Exec(db.Rebind(`UPDATE acme_storage SET value = ? WHERE name = ?`), raw, "certificates/ca/other.test/other.test.crt")
		if _, err := s.Load(ctx, "certificates/ca/other.test/other.test.crt"); err == nil {
			t.Fatal("a value moved to another key opened")
		}
		s.Store(ctx, "certificates/ca/other.test/other.test.crt", []byte("CERT 2"))
		other := newStorage(t, db, bytes.Repeat([]byte{8}, 32), 0)
		if _, err := other.Load(ctx, "acme/ca/users/ops/ops.json"); err == nil {
			t.Fatal("a value opened with another server secret")
		}

		got, err := s.List(ctx, "certificates", false)
		if want := []string{"certificates/ca"}; err != nil || !slices.Equal(got, want) {
			t.Errorf("List(certificates) = %v, %v; want %v", got, err, want)
		}
		got, _ = s.List(ctx, "certificates/ca", false)
		if want := []string{"certificates/ca/mira.test", "certificates/ca/other.test"}; !slices.Equal(got, want) {
			t.Errorf("List(certificates/ca) = %v; want %v", got, want)
		}
		got, _ = s.List(ctx, "certificates", true)
		if len(got) != 3 {
			t.Errorf("recursive List = %v; want the 3 values", got)
		}
		if _, err := s.List(ctx, "nothing", true); !errors.Is(err, fs.ErrNotExist) {
			t.Errorf("List of nothing: %v", err)
		}
		if ki, err := s.Stat(ctx, "certificates/ca/mira.test/mira.test.crt"); err != nil || !ki.IsTerminal || time.Since(ki.Modified) > time.Minute || ki.Size == 0 {
			t.Errorf("Stat of a value: %+v %v", ki, err)
		}
		if ki, err := s.Stat(ctx, "certificates/ca"); err != nil || ki.IsTerminal {
			t.Errorf("Stat of a prefix: %+v %v", ki, err)
		}
		if !s.Exists(ctx, "certificates/ca/mira.test") || s.Exists(ctx, "certificates/c") {
			t.Error("Exists is wrong about prefixes")
		}
		if err := s.Delete(ctx, "certificates/ca/mira.test"); err != nil {
			t.Fatal(err)
		}
		if s.Exists(ctx, "certificates/ca/mira.test/mira.test.key") || !s.Exists(ctx, "certificates/ca/other.test") {
			t.Error("Delete of a prefix removed the wrong keys")
		}
		if err := s.Delete(ctx, "certificates/ca/mira.test"); err != nil {
			t.Errorf("Delete of a missing key: %v", err)
		}
	})
}

// TestLocks: two instances' storages exclude each other; a lock whose
// holder died is taken over once its lease expires, and a live holder's
// lease is renewed.
func TestLocks(t *testing.T) {
	storetest.EachDB(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		const lease = 400 * time.Millisecond
		a, b := newStorage(t, db, secret, lease), newStorage(t, db, secret, lease)
		var inside, max atomic.Int32
		var wg sync.WaitGroup
		for _, s := range []*Storage{a, b, a, b} {
			wg.Add(1)
			go func() {
				defer wg.Done()
				if err := s.Lock(ctx, "issue_cert_mira.test"); err != nil {
					t.Error(err)
					return
				}
				n := inside.Add(1)
				if n > max.Load() {
					max.Store(n)
				}
				time.Sleep(2 * lease) // outlives the lease: renewal must keep it
				inside.Add(-1)
				s.Unlock(ctx, "issue_cert_mira.test")
			}()
		}
		wg.Wait()
		if max.Load() != 1 {
			t.Fatalf("%d holders at once", max.Load())
		}

		// A holder that died: its row stays, its lease runs out.
		dead := newStorage(t, db, secret, lease)
		if ok, err := dead.TryLock(ctx, "renew"); !ok || err != nil {
			t.Fatal(ok, err)
		}
		dead.mu.Lock()
		dead.held["renew"]() // stop renewing, as a killed process would
		dead.mu.Unlock()
		if ok, _ := a.TryLock(ctx, "renew"); ok {
			t.Fatal("a live lease was taken")
		}
		start := time.Now()
		lctx, cancel := context.WithTimeout(ctx, 5*time.Second)
		defer cancel()
		if err := a.Lock(lctx, "renew"); err != nil {
			t.Fatalf("the dead holder's lock was never taken over: %v", err)
		}
		if w := time.Since(start); w > lease+time.Second {
			t.Errorf("took over after %v; lease %v", w, lease)
		}
		// The dead holder's Unlock does not release the new holder's lock.
		dead.Unlock(ctx, "renew")
		if ok, _ := b.TryLock(ctx, "renew"); ok {
			t.Fatal("Unlock by a former holder released the lock")
		}
		a.Unlock(ctx, "renew")
		if ok, _ := b.TryLock(ctx, "renew"); !ok {
			t.Fatal("lock not free after Unlock")
		}
		b.Unlock(ctx, "renew")
		cctx, ccancel := context.WithTimeout(ctx, 100*time.Millisecond)
		defer ccancel()
		b.Lock(ctx, "held")
		if err := a.Lock(cctx, "held"); !errors.Is(err, context.DeadlineExceeded) {
			t.Errorf("Lock of a held lock with a short context: %v", err)
		}
	})
}
