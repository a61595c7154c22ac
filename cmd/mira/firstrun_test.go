package main

import (
	"strings"
	"testing"
)

// Defects a new user met on a first run.

func TestCLIErrorsOnePrefixAndUsageExit(t *testing.T) {
	env := map[string]string{"MIRA_BASE_URL": "http://localhost:1", "MIRA_API_KEY": "x"}
	_, stderr, code := runMira(t, env, "", "models")
	if code != exitFailure || strings.Count(stderr, "mira:") != 1 || !strings.HasPrefix(stderr, "mira: base URL") {
		t.Errorf("models on a plain-HTTP base URL: exit %d, stderr %q; want 1 and one mira: prefix", code, stderr)
	}
	for _, args := range [][]string{{"bogus"}, {"keys", "lst"}, {"admin", "key", "bogus"}} {
		stdout, stderr, code := runMira(t, env, "", args...)
		if code != exitUsage || !strings.Contains(stderr, "unknown command") || strings.Count(stderr, "mira:") != 1 {
			t.Errorf("mira %v: exit %d, stdout %q stderr %q; want exit 2 and an unknown-command error", args, code, stdout, stderr)
		}
	}
	if _, stderr, code := runMira(t, env, "", "keys"); code != 0 || stderr != "" {
		t.Errorf("mira keys alone: exit %d, stderr %q; want the help and 0", code, stderr)
	}
}
