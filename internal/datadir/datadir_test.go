package datadir

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestEnsureCreatesPrivateDir(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "data")
	if err := Ensure(dir); err != nil {
		t.Fatal(err)
	}
	fi, _ := os.Stat(dir)
	if got := fi.Mode().Perm(); got != 0o700 {
		t.Errorf("mode = %04o; want 0700", got)
	}
}

func TestEnsureRefusesOpenDir(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "data")
	os.Mkdir(dir, 0o755)
	os.Chmod(dir, 0o755)
	err := Ensure(dir)
	if err == nil || !strings.Contains(err.Error(), "chmod 700") {
		t.Fatalf("Ensure(0755 dir) = %v; want an error saying chmod 700", err)
	}
}

func TestLoadSecretGeneratesOnce(t *testing.T) {
	dir := t.TempDir()
	a, err := LoadSecret(dir, "")
	if err != nil {
		t.Fatal(err)
	}
	b, err := LoadSecret(dir, "")
	if err != nil {
		t.Fatal(err)
	}
	if len(a) != 32 || !bytes.Equal(a, b) {
		t.Fatalf("secret not stable: %x vs %x", a, b)
	}
	fi, _ := os.Stat(filepath.Join(dir, SecretFile))
	if fi.Mode().Perm() != 0o600 {
		t.Errorf("secret mode %04o; want 0600", fi.Mode().Perm())
	}
}

func TestLoadSecretRefuses(t *testing.T) {
	dir := t.TempDir()
	tests := []struct {
		name    string
		content string
		mode    os.FileMode
		want    string
	}{
		{"world readable", strings.Repeat("ab", 32), 0o644, "chmod 600"},
		{"group readable", strings.Repeat("ab", 32), 0o640, "chmod 600"},
		{"too short", "abcd", 0o600, "at least 32 bytes"},
		{"not hex", strings.Repeat("zz", 32), 0o600, "at least 32 bytes"},
	}
	for _, tt := range tests {
		f := filepath.Join(dir, strings.ReplaceAll(tt.name, " ", "_"))
		os.WriteFile(f, []byte(tt.content), tt.mode)
		os.Chmod(f, tt.mode)
		_, err := LoadSecret(dir, f)
		if err == nil || !strings.Contains(err.Error(), tt.want) {
			t.Errorf("%s: LoadSecret = %v; want error containing %q", tt.name, err, tt.want)
		}
	}
}
