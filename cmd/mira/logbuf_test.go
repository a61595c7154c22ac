package main

import (
	"log/slog"
	"net/http"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/vmira/mira/internal/testkit"
)

func TestLogBuffer(t *testing.T) {
	var out testkit.Buffer
	b := newLogBuffer(&out)
	log := slog.New(logHandler{slog.NewJSONHandler(b, nil), b})
	for i := range 1000 {
		log.Info("request", "n", i)
	}
	// A warning is written at once, with what came before it.
	log.With("part", "x").Warn("upstream failed")
	if got := strings.Count(out.String(), "\n"); got != 1001 {
		t.Fatalf("%d lines written after a warning; want 1001", got)
	}
	// Info lines are written within the flush interval.
	log.Info("request", "n", 1000)
	deadline := time.Now().Add(5 * time.Second)
	for strings.Count(out.String(), "\n") != 1002 {
		if time.Now().After(deadline) {
			t.Fatal("an info line was not written within 5 s")
		}
		time.Sleep(10 * time.Millisecond)
	}
	for i := range 100 {
		log.Info("request", "n", 2000+i)
	}
	if err := b.Close(); err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(strings.TrimSuffix(out.String(), "\n"), "\n")
	if len(lines) != 1102 || !strings.Contains(lines[1000], `"part":"x"`) || !strings.Contains(lines[1101], `"n":2099`) {
		t.Fatalf("%d lines after Close; want 1102 in order (last %q)", len(lines), lines[len(lines)-1])
	}
}

// TestServeAccessLogKeptOnShutdown: every request served before SIGTERM
// has its access-log line once mira serve has exited.
func TestServeAccessLogKeptOnShutdown(t *testing.T) {
	data := filepath.Join(t.TempDir(), "mira-data")
	env := []string{"MIRA_DATA_DIR=" + data}
	user := miraCmd(t, env, "admin", "user", "create", "--email", "ops@example.com", "--password-stdin")
	user.Stdin = strings.NewReader("a long enough password\n")
	if out, err := user.CombinedOutput(); err != nil {
		t.Fatalf("%v %s", err, out)
	}
	keyOut, err := miraCmd(t, env, "admin", "key", "create", "--email", "ops@example.com", "--name", "ops", "--plan", "enterprise").Output()
	if err != nil {
		t.Fatal(err)
	}
	key := strings.TrimSpace(string(keyOut))
	addr := freePort(t)
	srv := miraCmd(t, env, "serve", "--listen", addr)
	var logs testkit.Buffer
	srv.Stderr = &logs
	if err := srv.Start(); err != nil {
		t.Fatal(err)
	}
	defer srv.Process.Kill()
	for deadline := time.Now().Add(20 * time.Second); !strings.Contains(logs.String(), "Mira is serving"); time.Sleep(50 * time.Millisecond) {
		if time.Now().After(deadline) {
			t.Fatalf("serve did not start:\n%s", logs.String())
		}
	}
	hc := &http.Client{Timeout: 10 * time.Second, Transport: &http.Transport{TLSClientConfig: tlsTrusting(t, filepath.Join(data, "ca.pem"))}}
	const n = 200
	for range n {
		req, _ := http.NewRequest("GET", "https://"+addr+"/v1/models", nil)
		req.Header.Set("Authorization", "Bearer "+key)
		resp, err := hc.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		if resp.StatusCode != 200 {
			t.Fatalf("status %d", resp.StatusCode)
		}
	}
	srv.Process.Signal(syscall.SIGTERM)
	if err := srv.Wait(); err != nil {
		t.Fatalf("serve: %v\n%s", err, logs.String())
	}
	if got := strings.Count(logs.String(), `"path":"/v1/models"`); got != n {
		t.Errorf("%d access-log lines after a clean shutdown; want %d", got, n)
	}
}
