//go:build windows

package credstore

import (
	"fmt"
	"io/fs"
)

// checkPrivate checks only that the file is a regular file: on Windows the
// file lives in the user's profile, protected by its ACL, and Go's mode bits
// say nothing about who may read it.
func checkPrivate(path string, fi fs.FileInfo) error {
	if !fi.Mode().IsRegular() {
		return fmt.Errorf("credentials file %s is not a regular file", path)
	}
	return nil
}

func tightenDir(string, fs.FileInfo) error { return nil }

func syncDir(string) error { return nil }
