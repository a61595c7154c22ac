package main

import (
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// TestNodeOpenAIClient runs the official openai npm package (6.30.1,
// installed by .ci/run into testdata/node) against mira serve.
func TestNodeOpenAIClient(t *testing.T) {
	dir, _ := filepath.Abs("testdata/node")
	if _, err := os.Stat(filepath.Join(dir, "node_modules", "openai")); err != nil {
		if os.Getenv("MIRA_TEST_REQUIRE_NODE") != "" {
			t.Fatal("npm openai is not installed in testdata/node (run npm ci there)")
		}
		t.Skip("npm openai not installed in testdata/node; .ci/run installs it")
	}
	node, err := exec.LookPath("node")
	if err != nil {
		t.Fatal("node not found")
	}
	ts := startServer(t, "", nil)
	key, _ := ts.createKey(t)
	readOnly, _ := ts.createKey(t, "--scopes", "models:read")
	prompt := "Hello from Node, word by word, long enough to come out in several pieces past the filter's hold-back window."
	cmd := exec.Command(node, "client.mjs")
	cmd.Dir = dir
	cmd.Env = append(os.Environ(),
		"MIRA_BASE_URL="+ts.URL(), "NODE_EXTRA_CA_CERTS="+ts.CAPath, "MIRA_API_KEY="+key,
		"BAD_KEY=sk-mira-"+strings.Repeat("0", 48), "READONLY_KEY="+readOnly, "PROMPT="+prompt)
	out, err := cmd.Output()
	if err != nil {
		stderr := ""
		if ee, ok := err.(*exec.ExitError); ok {
			stderr = string(ee.Stderr)
		}
		t.Fatalf("node client failed: %v\n%s", err, stderr)
	}
	type failure struct {
		Status       int
		Code         string
		IsAPIError   bool
		IsAuth       bool
		IsPermission bool
		RequestID    *string
	}
	var got struct {
		Models      []string
		Answer      string
		Streamed    string
		Chunks      int
		Usage       struct{ Total_tokens int }
		StreamUsage *struct{ Total_tokens int }
		BadKey      failure
		ReadOnly    failure
	}
	if err := json.Unmarshal(out, &got); err != nil {
		t.Fatalf("node output %q: %v", out, err)
	}
	if len(got.Models) != 1 || got.Models[0] != "mira-echo" {
		t.Errorf("models %v", got.Models)
	}
	if got.Answer != prompt || got.Streamed != prompt {
		t.Errorf("answer %q, streamed %q; want %q", got.Answer, got.Streamed, prompt)
	}
	// At least the role, the text in two pieces (the first words once the
	// filter's hold-back is judged, then the rest) and the usage.
	if got.Chunks < 4 || got.StreamUsage == nil || got.StreamUsage.Total_tokens == 0 || got.Usage.Total_tokens == 0 {
		t.Errorf("chunks %d, usage %+v, stream usage %+v", got.Chunks, got.Usage, got.StreamUsage)
	}
	if b := got.BadKey; b.Status != 401 || b.Code != "invalid_api_key" || !b.IsAuth || b.RequestID == nil {
		t.Errorf("bad key error %+v; want AuthenticationError 401 invalid_api_key with a request id", b)
	}
	if r := got.ReadOnly; r.Status != 403 || r.Code != "insufficient_scope" || !r.IsPermission {
		t.Errorf("read-only key error %+v; want PermissionDeniedError 403 insufficient_scope", r)
	}
}
