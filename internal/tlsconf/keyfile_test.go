package tlsconf

import (
	"io/fs"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
)

func TestCheckKeyFile(t *testing.T) {
	if runtime.GOOS == "windows" {
		t.Skip("no Unix permission bits")
	}
	tests := []struct {
		mode    fs.FileMode
		symlink bool
		ok      bool
	}{
		{0o600, false, true},
		{0o400, false, true},
		{0o640, false, false},
		{0o644, false, false},
		{0o604, false, false},
		{0o660, false, false},
		{0o600, true, true}, // Kubernetes secrets are symlinks
		{0o644, true, false},
	}
	for _, tt := range tests {
		name := tt.mode.String()
		if tt.symlink {
			name += " via symlink"
		}
		t.Run(name, func(t *testing.T) {
			dir := t.TempDir()
			target := filepath.Join(dir, "tls.key")
			if err := os.WriteFile(target, []byte("key"), 0o600); err != nil {
				t.Fatal(err)
			}
			if err := os.Chmod(target, tt.mode); err != nil {
				t.Fatal(err)
			}
			path := target
			if tt.symlink {
				path = filepath.Join(dir, "link.key")
				if err := os.Symlink(target, path); err != nil {
					t.Fatal(err)
				}
			}
			err := CheckKeyFile(path)
			if tt.ok {
				if err != nil {
					t.Fatalf("CheckKeyFile(%s) = %v; want nil", tt.mode, err)
				}
				return
			}
			if err == nil {
				t.Fatalf("CheckKeyFile(%s) = nil; want an error", tt.mode)
			}
			if want := "chmod 600 " + path; !strings.Contains(err.Error(), want) {
				t.Errorf("CheckKeyFile error %q does not say %q", err, want)
			}
		})
	}

	t.Run("missing", func(t *testing.T) {
		if err := CheckKeyFile(filepath.Join(t.TempDir(), "nope")); err == nil {
			t.Fatal("CheckKeyFile of a missing file = nil")
		}
	})
	t.Run("directory", func(t *testing.T) {
		dir := t.TempDir()
		os.Chmod(dir, 0o700)
		if err := CheckKeyFile(dir); err == nil {
			t.Fatal("CheckKeyFile of a directory = nil")
		}
	})
}
