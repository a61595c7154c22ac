package main

import (
	"strings"
	"testing"
)

func TestVersionCommand(t *testing.T) {
	want := "mira " + version() + "\n"
	for _, args := range [][]string{{"--version"}, {"version"}} {
		out, errOut, code := runMira(t, nil, "", args...)
		if code != 0 || out != want {
			t.Errorf("mira %s: code %d, stdout %q (want %q), stderr %q", strings.Join(args, " "), code, out, want, errOut)
		}
	}
}
