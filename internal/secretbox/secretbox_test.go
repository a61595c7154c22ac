package secretbox

import (
	"bytes"
	"errors"
	"testing"
)

var secret = bytes.Repeat([]byte{7}, 32)

func TestSealOpen(t *testing.T) {
	b, err := New(secret, "test")
	if err != nil {
		t.Fatal(err)
	}
	box := b.Seal([]byte("seed"), []byte("row-1"))
	got, err := b.Open(box, []byte("row-1"))
	if err != nil || string(got) != "seed" {
		t.Fatalf("Open = %q, %v; want seed", got, err)
	}
	other, _ := New(secret, "other")
	tampered := bytes.Clone(box)
	tampered[len(tampered)-1] ^= 1
	for name, fn := range map[string]func() ([]byte, error){
		"other ad":      func() ([]byte, error) { return b.Open(box, []byte("row-2")) },
		"other purpose": func() ([]byte, error) { return other.Open(box, []byte("row-1")) },
		"tampered":      func() ([]byte, error) { return b.Open(tampered, []byte("row-1")) },
		"short":         func() ([]byte, error) { return b.Open(box[:5], []byte("row-1")) },
		"empty":         func() ([]byte, error) { return b.Open(nil, nil) },
	} {
		if _, err := fn(); !errors.Is(err, ErrOpen) {
			t.Errorf("%s: Open error = %v; want ErrOpen", name, err)
		}
	}
	if bytes.Equal(b.Seal([]byte("seed"), nil), b.Seal([]byte("seed"), nil)) {
		t.Error("two seals of the same plaintext are equal; nonces must differ")
	}
}

func TestKey(t *testing.T) {
	a, _ := Key(secret, "a", 32)
	b, _ := Key(secret, "b", 32)
	if bytes.Equal(a, b) {
		t.Error("keys for different purposes are equal")
	}
	if _, err := Key(secret[:8], "a", 32); err == nil {
		t.Error("Key accepted an 8-byte secret")
	}
}
