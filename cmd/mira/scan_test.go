package main

import (
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/vmira/mira/internal/apikey"
)

func TestScanCommand(t *testing.T) {
	if _, err := exec.LookPath("git"); err != nil {
		t.Skip("git not installed")
	}
	repo := t.TempDir()
	git := func(args ...string) {
		t.Helper()
		cmd := exec.Command("git", append([]string{"-C", repo}, args...)...)
		cmd.Env = append(os.Environ(), "GIT_CONFIG_GLOBAL=/dev/null", "GIT_CONFIG_SYSTEM=/dev/null")
		if out, err := cmd.CombinedOutput(); err != nil {
			t.Fatalf("git %v: %v\n%s", args, err, out)
		}
	}
	write := func(name, content string) {
		os.WriteFile(filepath.Join(repo, name), []byte(content), 0o644)
	}
	git("init", "-q")
	git("config", "user.email", "t@example.com")
	git("config", "user.name", "t")
	planted := apikey.Generate()
	write("config.py", "API_KEY = \""+planted+"\"\n")
	git("add", ".")
	git("commit", "-qm", "oops")
	write("config.py", "API_KEY = os.environ[\"MIRA_API_KEY\"]\n")
	lookalike := "sk-mira-" + strings.Repeat("Ab1", 16)
	awsID, awsSecret := "AKIA"+"Q3EGRVAHXZ7KWP4N", "kT9"+"vB2xQ8mL5nR7pZ3wY6cF1hJ4dG0sA8eU2iO9t"
	write("notes.md", "look-alike: "+lookalike+"\n")
	write("deploy.sh", "export AWS_ACCESS_KEY_ID="+awsID+"\nexport AWS_SECRET_ACCESS_KEY="+awsSecret+"\n")
	git("add", ".")
	git("commit", "-qm", "clean up")

	env := map[string]string{}
	stdout, _, code := runMira(t, env, "", "scan", repo)
	if code != 1 || !strings.Contains(stdout, "aws-access-key") || strings.Contains(stdout, "mira-api-key") {
		t.Errorf("working tree: exit %d\n%s\nwant exit 1 with the AWS key only", code, stdout)
	}
	stdout, _, code = runMira(t, env, "", "scan", "--git-history", repo)
	if code != 1 || !strings.Contains(stdout, "mira-api-key") || !strings.Contains(stdout, "config.py") {
		t.Errorf("history: exit %d\n%s\nwant the planted key from the old commit", code, stdout)
	}
	for _, secret := range []string{planted, planted[8:52], awsSecret} {
		if strings.Contains(stdout, secret) {
			t.Errorf("scan output shows a secret in full:\n%s", stdout)
		}
	}
	if strings.Contains(stdout, lookalike[:20]) || strings.Contains(stdout, "notes.md") {
		t.Errorf("the look-alike with a bad checksum was reported:\n%s", stdout)
	}
	clean := t.TempDir()
	os.WriteFile(filepath.Join(clean, "main.go"), []byte("package main\n// "+lookalike+"\n"), 0o644)
	if stdout, stderr, code := runMira(t, env, "", "scan", clean); code != 0 {
		t.Errorf("clean tree: exit %d\n%s%s", code, stdout, stderr)
	}
	if _, _, code := runMira(t, env, "", "scan", filepath.Join(clean, "missing")); code != 2 {
		t.Errorf("missing path: exit %d; want 2", code)
	}
}

// TestScanReportRevokes: `mira scan --report` sends found keys to the
// server, which revokes them.
func TestScanReportRevokes(t *testing.T) {
	ts := startServer(t, "", nil)
	key, _ := ts.createKey(t)
	dir := t.TempDir()
	os.WriteFile(filepath.Join(dir, "leak.env"), []byte("MIRA_API_KEY="+key+"\n"), 0o644)
	_, stderr, code := ts.mira(t, "", "scan", "--report", dir)
	if code != 1 || !strings.Contains(stderr, "reported 1") {
		t.Fatalf("scan --report: exit %d, %s", code, stderr)
	}
	waitRevoked(t, ts, key)
}

func waitRevoked(t *testing.T, ts *testServer, key string) {
	t.Helper()
	for range 100 {
		if r, _ := ts.do(t, "GET", "/v1/models", key, ""); r.StatusCode == 401 {
			return
		}
		sleepMs(30)
	}
	t.Fatal("the reported key still works")
}
