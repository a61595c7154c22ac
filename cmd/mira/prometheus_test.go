package main

import (
	"encoding/json"
	"fmt"
	"net"
	"net/http"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// needTool returns the path of a Prometheus tool, skipping the test
// without it unless MIRA_TEST_REQUIRE_PROMETHEUS=1 (set by .ci/run).
func needTool(t *testing.T, name string) string {
	t.Helper()
	p, err := exec.LookPath(name)
	if err != nil {
		if os.Getenv("MIRA_TEST_REQUIRE_PROMETHEUS") == "1" {
			t.Fatalf("%s is not on PATH and MIRA_TEST_REQUIRE_PROMETHEUS=1 (apt-get install prometheus)", name)
		}
		t.Skipf("%s is not on PATH", name)
	}
	return p
}

// TestPrometheusRules: the shipped alerting rules load and their unit
// tests pass (SPEC: rules in deploy/prometheus/, checked with promtool).
func TestPrometheusRules(t *testing.T) {
	promtool := needTool(t, "promtool")
	dir := filepath.Join("..", "..", "deploy", "prometheus")
	for _, args := range [][]string{{"check", "rules", "mira-rules.yml"}, {"test", "rules", "mira-rules.test.yml"}} {
		cmd := exec.Command(promtool, args...)
		cmd.Dir = dir
		if out, err := cmd.CombinedOutput(); err != nil {
			t.Errorf("promtool %s: %v\n%s", strings.Join(args, " "), err, out)
		}
	}
}

// TestPrometheusScrapesAdmin: a real Prometheus scrapes the admin
// listener and sees the traffic in mira_requests_total.
func TestPrometheusScrapesAdmin(t *testing.T) {
	bin := needTool(t, "prometheus")
	ts := startServer(t, "", nil)
	key, _ := ts.createKey(t)

	dir := t.TempDir()
	cfg := filepath.Join(dir, "prometheus.yml")
	os.WriteFile(cfg, []byte(fmt.Sprintf(`global: {scrape_interval: 1s, evaluation_interval: 1s}
scrape_configs:
  - job_name: mira
    static_configs: [{targets: ["%s"]}]
`, ts.AdminAddr)), 0o600)
	addr := freeAddr(t)
	cmd := exec.Command(bin, "--config.file="+cfg, "--storage.tsdb.path="+filepath.Join(dir, "data"),
		"--web.listen-address="+addr)
	var out strings.Builder
	cmd.Stdout, cmd.Stderr = &out, &out
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { cmd.Process.Kill(); cmd.Wait() })

	for range 3 {
		if resp, body := ts.do(t, "POST", "/v1/chat/completions", key, echoBody); resp.StatusCode != 200 {
			t.Fatalf("chat: %d %s", resp.StatusCode, body)
		}
	}
	q := url.Values{"query": {`sum(mira_requests_total{route="POST /v1/chat/completions",status="200",model="mira-echo"})`}}
	deadline := time.Now().Add(60 * time.Second)
	var last string
	for time.Now().Before(deadline) {
		time.Sleep(500 * time.Millisecond)
		resp, err := http.Get("http://" + addr + "/api/v1/query?" + q.Encode())
		if err != nil {
			last = err.Error()
			continue
		}
		var r struct {
			Status string
			Data   struct {
				Result []struct {
					Value [2]any
				}
			}
		}
		err = json.NewDecoder(resp.Body).Decode(&r)
		resp.Body.Close()
		if err != nil || r.Status != "success" || len(r.Data.Result) == 0 {
			last = fmt.Sprintf("%v %+v", err, r)
			continue
		}
		if v, _ := r.Data.Result[0].Value[1].(string); v == "3" {
			return
		}
		last = fmt.Sprintf("%+v", r.Data.Result)
	}
	t.Fatalf("Prometheus did not see 3 requests: last %s\nprometheus output:\n%s", last, out.String())
}

func freeAddr(t *testing.T) string {
	t.Helper()
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer l.Close()
	return l.Addr().String()
}
