package apikey

import (
	"bytes"
	"strings"
	"sync"
	"testing"
)

func TestGenerateParses(t *testing.T) {
	seen := map[string]bool{}
	for range 1000 {
		k := Generate()
		if err := Parse(k); err != nil {
			t.Fatalf("Parse(%q) = %v; want nil", k, err)
		}
		if !Pattern.MatchString(k) || len(k) != 56 {
			t.Fatalf("key %q does not match the published pattern", k)
		}
		if seen[k] {
			t.Fatalf("duplicate key %q", k)
		}
		seen[k] = true
	}
}

func TestGenerateIsUniform(t *testing.T) {
	// Every base62 character must appear at every position eventually; a
	// modulo bias or a stuck character would show up as a missing one.
	counts := make([]map[byte]int, randomLen)
	for i := range counts {
		counts[i] = map[byte]int{}
	}
	for range 3000 {
		k := Generate()
		for i := range randomLen {
			counts[i][k[len(Prefix)+i]]++
		}
	}
	for i, c := range counts {
		if len(c) != 62 {
			t.Errorf("position %d saw %d distinct characters; want 62", i, len(c))
		}
	}
}

func TestParseRejects(t *testing.T) {
	good := Generate()
	flip := func(i int) string {
		b := []byte(good)
		if b[i] == 'a' {
			b[i] = 'b'
		} else {
			b[i] = 'a'
		}
		return string(b)
	}
	tests := []struct {
		name string
		in   string
		want error
	}{
		{"empty", "", ErrMalformed},
		{"prefix only", Prefix, ErrMalformed},
		{"short", good[:Len-1], ErrMalformed},
		{"long", good + "x", ErrMalformed},
		{"wrong prefix", "sk-miro-" + good[8:], ErrMalformed},
		{"bad character", good[:20] + "-" + good[21:], ErrMalformed},
		{"non-ASCII", good[:20] + "é" + good[22:], ErrMalformed},
		{"typo in random part", flip(20), ErrChecksum},
		{"typo in checksum", flip(Len - 1), ErrChecksum},
		{"look-alike", "sk-mira-" + strings.Repeat("A", 48), ErrChecksum},
	}
	for _, tt := range tests {
		if got := Parse(tt.in); got != tt.want {
			t.Errorf("%s: Parse(%q) = %v; want %v", tt.name, tt.in, got, tt.want)
		}
	}
}

func TestDigest(t *testing.T) {
	k := Generate()
	a := Digest([]byte("secret-a"), k)
	if len(a) != 32 {
		t.Fatalf("digest length %d; want 32", len(a))
	}
	if !bytes.Equal(a, Digest([]byte("secret-a"), k)) {
		t.Error("digest is not deterministic")
	}
	if bytes.Equal(a, Digest([]byte("secret-b"), k)) {
		t.Error("digest does not depend on the server secret")
	}
	if bytes.Contains(a, []byte(k[8:20])) {
		t.Error("digest contains key material")
	}
}

func TestDisplayAndMask(t *testing.T) {
	k := Generate()
	p, l := Display(k)
	if p != k[:12] || l != k[52:] {
		t.Errorf("Display(%q) = %q, %q", k, p, l)
	}
	m := Mask(k)
	if strings.Contains(m, k[12:52]) || !strings.HasPrefix(m, "sk-mira-") {
		t.Errorf("Mask(%q) = %q reveals the secret part", k, m)
	}
}

func FuzzParse(f *testing.F) {
	f.Add(Generate())
	f.Add("sk-mira-" + strings.Repeat("0", 48))
	f.Add("")
	f.Fuzz(func(t *testing.T, s string) {
		err := Parse(s)
		if err == nil && (!Pattern.MatchString(s) || len(s) != Len) {
			t.Fatalf("Parse accepted %q which does not match the key pattern", s)
		}
	})
}

func BenchmarkParseAndDigest(b *testing.B) {
	k := Generate()
	secret := bytes.Repeat([]byte{7}, 32)
	b.ReportAllocs()
	for b.Loop() {
		if err := Parse(k); err != nil {
			b.Fatal(err)
		}
		Digest(secret, k)
	}
}

func TestDisplayPrefix(t *testing.T) {
	k := Generate()
	if got := DisplayPrefix(k); got != k[:12] {
		t.Errorf("DisplayPrefix(valid key) = %q; want %q", got, k[:12])
	}
	// A guess with a wrong checksum is still shaped like a key.
	guess := k[:Len-6] + "000000"
	if Valid(guess) {
		guess = k[:Len-6] + "000001"
	}
	if got := DisplayPrefix(guess); got != k[:12] {
		t.Errorf("DisplayPrefix(bad checksum) = %q; want %q", got, k[:12])
	}
	for _, s := range []string{"", "sk-mira-", k[:Len-1], k + "x", "sk-mira-not-" + k[12:], "Bearer" + k[6:], strings.Replace(k, k[20:21], "_", 1)} {
		if got := DisplayPrefix(s); got != "" {
			t.Errorf("DisplayPrefix(%q) = %q; want \"\"", s, got)
		}
	}
}

// TestDigesterMatchesDigest checks the reused HMAC states against Digest,
// from several goroutines at once, and that each secret keeps its own.
func TestDigesterMatchesDigest(t *testing.T) {
	da, db := NewDigester([]byte("secret-a")), NewDigester([]byte("secret-b"))
	var wg sync.WaitGroup
	for range 4 {
		wg.Go(func() {
			for range 500 {
				k := Generate()
				if got := da.Sum(nil, k); !bytes.Equal(got, Digest([]byte("secret-a"), k)) {
					t.Errorf("Digester(secret-a).Sum(%s) differs from Digest", Mask(k))
					return
				}
				if got := db.Sum([]byte("x"), k); !bytes.Equal(got[1:], Digest([]byte("secret-b"), k)) || got[0] != 'x' {
					t.Errorf("Digester(secret-b).Sum did not append Digest")
					return
				}
			}
		})
	}
	wg.Wait()
}
