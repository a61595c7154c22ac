package main

import (
	"slices"
	"strings"
	"testing"
)

// completions runs cobra's hidden __complete command (what the shell
// scripts of `mira completion` call on Tab) and returns the candidates'
// values and the directive line.
func completions(t *testing.T, env map[string]string, args ...string) ([]string, string) {
	t.Helper()
	out, stderr, code := runMira(t, env, "", append([]string{"__complete"}, args...)...)
	if code != 0 {
		t.Fatalf("__complete %v: exit %d: %s", args, code, stderr)
	}
	lines := strings.Split(strings.TrimSpace(out), "\n")
	var values []string
	for _, l := range lines[:len(lines)-1] {
		v, _, _ := strings.Cut(l, "\t")
		values = append(values, v)
	}
	return values, lines[len(lines)-1]
}

// TestDynamicCompletion: with a reachable server, Tab completes the ids of
// working keys (not revoked ones), model names and member ids and roles;
// without one it offers nothing, quickly, and never file names.
func TestDynamicCompletion(t *testing.T) {
	ts := startServer(t, "", nil)
	ownerKey := ts.adminUser(t, ownerEmail, ownerPassword, "owner", "admin")
	_, working := ts.createKey(t)
	_, revoked := ts.createKey(t)
	ts.mira(t, "", "admin", "key", "revoke", revoked, "--yes")
	env := map[string]string{"MIRA_BASE_URL": ts.env["MIRA_BASE_URL"], "MIRA_CA_CERT": ts.env["MIRA_CA_CERT"], "MIRA_API_KEY": ownerKey}

	ids, directive := completions(t, env, "keys", "revoke", "")
	if !slices.Contains(ids, working) || slices.Contains(ids, revoked) || directive != ":4" {
		t.Errorf("keys revoke <Tab>: %v %s; want %s and not the revoked %s, no files (:4)", ids, directive, working, revoked)
	}
	if ids, _ := completions(t, env, "keys", "revoke", working, ""); len(ids) != 0 {
		t.Errorf("keys revoke ID <Tab>: %v; want nothing more", ids)
	}
	if models, _ := completions(t, env, "chat", "--model", ""); !slices.Contains(models, "mira-echo") {
		t.Errorf("chat --model <Tab>: %v; want mira-echo", models)
	}
	ownerID := ts.user(t, ownerEmail).ID
	if ids, _ := completions(t, env, "members", "role", ""); !slices.Contains(ids, ownerID) {
		t.Errorf("members role <Tab>: %v; want %s", ids, ownerID)
	}
	if roles, _ := completions(t, env, "members", "role", ownerID, ""); strings.Join(roles, " ") != "member admin owner" {
		t.Errorf("members role ID <Tab>: %v", roles)
	}
	env["MIRA_BASE_URL"] = "https://127.0.0.1:1"
	if ids, directive := completions(t, env, "keys", "revoke", ""); len(ids) != 0 || directive != ":4" {
		t.Errorf("keys revoke <Tab> without a server: %v %s; want nothing, no files", ids, directive)
	}
}
