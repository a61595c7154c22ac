package main

import (
	"bufio"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/openai/openai-go/v3"
	"github.com/openai/openai-go/v3/option"
)

var nineHeaders = []string{
	"X-RateLimit-Limit-Requests", "X-RateLimit-Remaining-Requests", "X-RateLimit-Reset-Requests",
	"X-RateLimit-Limit-Tokens", "X-RateLimit-Remaining-Tokens", "X-RateLimit-Reset-Tokens",
	"X-RateLimit-Limit", "X-RateLimit-Remaining", "X-RateLimit-Reset",
}

const echoBody = `{"model":"mira-echo","max_tokens":50,"messages":[{"role":"user","content":"hi"}]}`

func planYAML(rpm, tpm, concurrent int) string {
	return fmt.Sprintf("plans:\n  free: {requests_per_minute: %d, tokens_per_minute: %d, requests_per_day: 100000, concurrent: %d}\n", rpm, tpm, concurrent)
}

// checkResetForms checks SPEC's reset forms: the per-minute resets in Go
// duration form ("6m0s", "8.571s", "0s") as time.Duration prints them, the
// unsuffixed reset in whole seconds.
func checkResetForms(t *testing.T, h http.Header) {
	t.Helper()
	for _, name := range []string{"X-RateLimit-Reset-Requests", "X-RateLimit-Reset-Tokens"} {
		v := h.Get(name)
		if d, err := time.ParseDuration(v); err != nil || d < 0 || d.String() != v {
			t.Errorf("%s: %q is not a duration in Go's own form", name, v)
		}
	}
	if v := h.Get("X-RateLimit-Reset"); v == "" || strings.Trim(v, "0123456789") != "" {
		t.Errorf("X-RateLimit-Reset: %q is not whole seconds", v)
	}
}

// TestRateLimitExact checks, for the in-process limiter and for Redis, that
// exactly N requests are admitted, then 429 with an exact Retry-After: a
// request clearly before it is refused, one at it is admitted.
func TestRateLimitExact(t *testing.T) {
	backends := map[string]map[string]string{"memory": nil}
	if u := os.Getenv("MIRA_TEST_REDIS_URL"); u != "" {
		backends["redis"] = map[string]string{"MIRA_REDIS_URL": u}
	}
	for name, env := range backends {
		t.Run(name, func(t *testing.T) {
			const n = 30 // one request every 2 s once the burst is spent
			ts := startServer(t, planYAML(n, 1000000, 100), env)
			key, _ := ts.createKey(t)
			for i := range n {
				resp, body := ts.do(t, "POST", "/v1/chat/completions", key, echoBody)
				if resp.StatusCode != 200 {
					t.Fatalf("request %d: %d %s", i+1, resp.StatusCode, body)
				}
				for _, h := range nineHeaders {
					if resp.Header.Get(h) == "" {
						t.Fatalf("request %d lacks %s", i+1, h)
					}
				}
				if got, want := resp.Header.Get("X-RateLimit-Remaining-Requests"), strconv.Itoa(n-i-1); got != want {
					t.Errorf("request %d: remaining %s; want %s", i+1, got, want)
				}
				checkResetForms(t, resp.Header)
			}
			resp, body := ts.do(t, "POST", "/v1/chat/completions", key, echoBody)
			checkError(t, resp, body, 429, "rate_limit_exceeded")
			ra, _ := strconv.Atoi(resp.Header.Get("Retry-After"))
			ms, _ := strconv.Atoi(resp.Header.Get("Retry-After-Ms"))
			if ra < 1 || ra > 60 || ms < 1 || ms > 2000 || (ms+999)/1000 != ra {
				t.Fatalf("Retry-After %d, retry-after-ms %d; want ms <= 2000 and seconds = ceil(ms)", ra, ms)
			}
			if resp.Header.Get("X-Should-Retry") == "false" {
				t.Error("x-should-retry: false on a request that fits after waiting")
			}
			sent := time.Now()
			time.Sleep(time.Duration(ms)*time.Millisecond - 400*time.Millisecond)
			if resp, _ := ts.do(t, "POST", "/v1/chat/completions", key, echoBody); resp.StatusCode != 429 {
				t.Errorf("a request 400 ms before Retry-After was admitted (%d)", resp.StatusCode)
			}
			time.Sleep(time.Until(sent.Add(time.Duration(ms)*time.Millisecond + 30*time.Millisecond)))
			if resp, body := ts.do(t, "POST", "/v1/chat/completions", key, echoBody); resp.StatusCode != 200 {
				t.Errorf("the request at Retry-After was refused: %d %s", resp.StatusCode, body)
			}
		})
	}
}

// TestRateLimitSharedAcrossInstances runs two mira serve instances on one
// database and one Redis, loads one key from both sides, and counts.
func TestRateLimitSharedAcrossInstances(t *testing.T) {
	redisURL := os.Getenv("MIRA_TEST_REDIS_URL")
	if redisURL == "" {
		t.Skip("MIRA_TEST_REDIS_URL not set")
	}
	const n = 40
	a := startServer(t, planYAML(n, 10000000, 1000), map[string]string{"MIRA_REDIS_URL": redisURL})
	benv := map[string]string{}
	for k, v := range a.env {
		benv[k] = v
	}
	benv["MIRA_LISTEN"], benv["MIRA_HTTP_LISTEN"] = "127.0.0.1:0", "127.0.0.1:0"
	b := startWithEnv(t, benv)
	key, _ := a.createKey(t)
	var ok, limited, other atomic.Int32
	var wg sync.WaitGroup
	for _, ts := range []*testServer{a, b} {
		for range 4 {
			wg.Add(1)
			go func() {
				defer wg.Done()
				for range 20 {
					resp, _ := ts.do(t, "POST", "/v1/chat/completions", key, echoBody)
					switch resp.StatusCode {
					case 200:
						ok.Add(1)
					case 429:
						limited.Add(1)
					default:
						other.Add(1)
					}
				}
			}()
		}
	}
	wg.Wait()
	// 160 requests in well under one emission interval (1.5 s): exactly n pass.
	if ok.Load() != n || other.Load() != 0 {
		t.Errorf("admitted %d, limited %d, other %d; want exactly %d admitted across both instances", ok.Load(), limited.Load(), other.Load(), n)
	}
}

// TestClientsWaitOnRateLimit: the official clients, unchanged, wait as our
// headers say and then succeed.
func TestClientsWaitOnRateLimit(t *testing.T) {
	const n = 30
	ts := startServer(t, planYAML(n, 1000000, 100), nil)
	key, _ := ts.createKey(t)
	spend := func() {
		for {
			if resp, _ := ts.do(t, "POST", "/v1/chat/completions", key, echoBody); resp.StatusCode == 429 {
				return
			}
		}
	}
	spend()
	c := openai.NewClient(option.WithBaseURL(ts.URL()+"/v1/"), option.WithAPIKey(key), option.WithHTTPClient(ts.hc), option.WithMaxRetries(3))
	start := time.Now()
	resp, err := c.Chat.Completions.New(context.Background(), openai.ChatCompletionNewParams{
		Model: "mira-echo", Messages: []openai.ChatCompletionMessageParamUnion{openai.UserMessage("patience")}})
	if err != nil {
		t.Fatalf("openai-go after a 429: %v", err)
	}
	if resp.Choices[0].Message.Content != "patience" || time.Since(start) < 500*time.Millisecond {
		t.Errorf("openai-go answered %q after %v; want it to have waited", resp.Choices[0].Message.Content, time.Since(start))
	}

	dir, _ := filepath.Abs("testdata/node")
	if _, err := os.Stat(filepath.Join(dir, "node_modules", "openai")); err != nil {
		if os.Getenv("MIRA_TEST_REQUIRE_NODE") != "" {
			t.Fatal("npm openai not installed")
		}
		t.Skip("npm openai not installed")
	}
	spend()
	cmd := exec.Command("node", "client.mjs")
	cmd.Dir = dir
	cmd.Env = append(os.Environ(), "MODE=ratelimited", "MIRA_BASE_URL="+ts.URL(), "NODE_EXTRA_CA_CERTS="+ts.CAPath,
		"MIRA_API_KEY="+key, "PROMPT=node waits")
	out, err := cmd.CombinedOutput()
	if err != nil {
		t.Fatalf("node: %v\n%s", err, out)
	}
	var got struct {
		Answer   string
		WaitedMs int
	}
	json.Unmarshal(out, &got)
	if got.Answer != "node waits" || got.WaitedMs < 500 {
		t.Errorf("node client: %s; want the answer after waiting", out)
	}
}

func TestTokenSettlement(t *testing.T) {
	ts := startServer(t, planYAML(1000, 100000, 100)+"rate_limits:\n  default_output_tokens: 10\n", nil)
	key, _ := ts.createKey(t)
	remaining := func(resp *http.Response) int {
		n, err := strconv.Atoi(resp.Header.Get("X-RateLimit-Remaining-Tokens"))
		if err != nil {
			t.Fatalf("no token header: %v", resp.Header)
		}
		return n
	}
	usage := func(body string) int {
		var c struct{ Usage struct{ Total_tokens int } }
		json.Unmarshal([]byte(body), &c)
		return c.Usage.Total_tokens
	}
	// Reserved: prompt estimate (5 tokens) + max_tokens 2000; used: ~6.
	small := `{"model":"mira-echo","max_tokens":2000,"messages":[{"role":"user","content":"hi"}]}`
	// The budget refills at 100000/60 tokens a second: allow for what
	// refilled between two requests (a loaded, race-enabled CI machine is slow).
	refill := func(start time.Time) int { return 10 + int(time.Since(start).Seconds()*100000/60) }
	t1 := time.Now()
	r1, b1 := ts.do(t, "POST", "/v1/chat/completions", key, small)
	r2, _ := ts.do(t, "POST", "/v1/chat/completions", key, small)
	slack1 := refill(t1)
	reserve, used := 5+2000, usage(b1)
	// Both requests reserve the same; between them only what r1 really used
	// stays charged (without the refund the drop would be the reservation).
	if got := remaining(r1) - remaining(r2); got > used || got < used-slack1 {
		t.Errorf("after a request that used %d of %d reserved tokens, the next one saw remaining drop by %d; want %d (the unused part given back)", used, reserve, got, used)
	}
	// Reserved: prompt estimate + 10 (default); used: the echo of a long prompt.
	long := strings.Repeat("The quick brown fox jumps over the lazy dog. ", 90)
	big := `{"model":"mira-echo","messages":[{"role":"user","content":"` + long + `"}]}`
	t3 := time.Now()
	r3, b3 := ts.do(t, "POST", "/v1/chat/completions", key, big)
	r4, _ := ts.do(t, "POST", "/v1/chat/completions", key, small)
	slack3 := refill(t3)
	reserve3 := 4 + (len(long)+3)/4 + 10
	used3 := usage(b3)
	if used3 <= reserve3 {
		t.Fatalf("test setup: used %d <= reserved %d", used3, reserve3)
	}
	// r4's remaining = r3's remaining - (used3 - reserve3) [the extra charge]
	// + reserve3 - reserve3 ... minus r4's own reservation.
	if got, want := remaining(r3)-remaining(r4), (used3-reserve3)+reserve; got < want-slack3 || got > want {
		t.Errorf("a request that used %d tokens over its %d reserved lowered remaining by %d before the next reservation; want %d", used3-reserve3, reserve3, got, want)
	}
	// A request that can never fit: x-should-retry false.
	r5, b5 := ts.do(t, "POST", "/v1/chat/completions", key, `{"model":"mira-echo","max_tokens":200000,"messages":[{"role":"user","content":"hi"}]}`)
	checkError(t, r5, b5, 429, "rate_limit_exceeded")
	if r5.Header.Get("X-Should-Retry") != "false" {
		t.Error("a request larger than the token budget lacks x-should-retry: false")
	}
}

func TestConcurrencyCapAndRelease(t *testing.T) {
	up := newFakeUpstream(t)
	cfg := fmt.Sprintf("providers:\n  - {name: up, type: openai, base_url: %s/v1, models: [llama-test]}\n", up.URL) + planYAML(1000, 10000000, 2)
	ts := startServer(t, cfg, nil)
	key, _ := ts.createKey(t)
	body := `{"model":"llama-test","stream":true,"messages":[{"role":"user","content":"hi"}]}`
	open := func() (*http.Response, context.CancelFunc) {
		ctx, cancel := context.WithCancel(context.Background())
		req, _ := http.NewRequestWithContext(ctx, "POST", ts.URL()+"/v1/chat/completions", strings.NewReader(body))
		req.Header.Set("Authorization", "Bearer "+key)
		resp, err := ts.hc.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		return resp, cancel
	}
	r1, c1 := open()
	r2, c2 := open()
	defer c2()
	for _, r := range []*http.Response{r1, r2} {
		if r.StatusCode != 200 {
			t.Fatalf("stream status %d", r.StatusCode)
		}
		bufio.NewReader(r.Body).ReadString('\n')
	}
	r3, c3 := open()
	b3, _ := io.ReadAll(r3.Body)
	c3()
	checkError(t, r3, string(b3), 429, "rate_limit_exceeded")
	if strings.Contains(string(b3), "data:") {
		t.Error("a refused stream wrote stream bytes")
	}
	// A client that disconnects gives its slot back.
	c1()
	r1.Body.Close()
	deadline := time.Now().Add(5 * time.Second)
	for {
		r, c := open()
		if r.StatusCode == 200 {
			c()
			break
		}
		io.Copy(io.Discard, r.Body)
		c()
		if time.Now().After(deadline) {
			t.Fatal("the slot of a disconnected stream never came back")
		}
		time.Sleep(50 * time.Millisecond)
	}
}

func TestFailedAuthLimitedPerIP(t *testing.T) {
	ts := startServer(t, "rate_limits:\n  failed_auth_per_minute: 3\n", nil)
	key, _ := ts.createKey(t)
	bad := "sk-mira-" + strings.Repeat("1", 48)
	for i := range 3 {
		resp, body := ts.do(t, "GET", "/v1/models", bad, "")
		if resp.StatusCode != 401 {
			t.Fatalf("failure %d: %d %s", i+1, resp.StatusCode, body)
		}
	}
	resp, body := ts.do(t, "GET", "/v1/models", bad, "")
	checkError(t, resp, body, 429, "rate_limit_exceeded")
	if resp.Header.Get("Retry-After") == "" {
		t.Error("no Retry-After on the failed-auth 429")
	}
	// Now even a good key from this address waits: guessing gains nothing.
	resp, body = ts.do(t, "GET", "/v1/models", key, "")
	checkError(t, resp, body, 429, "rate_limit_exceeded")
}

// TestRedisOutage kills a Redis that mira serve shares limits through, in
// the middle of load, and restarts it: requests keep being answered, the
// state is visible in /readyz, and shared limiting comes back by itself.
func TestRedisOutage(t *testing.T) {
	if _, err := exec.LookPath("redis-server"); err != nil {
		t.Skip("redis-server not installed")
	}
	port := strings.Split(freePort(t), ":")[1]
	startRedis := func() *exec.Cmd {
		cmd := exec.Command("redis-server", "--port", port, "--bind", "127.0.0.1", "--save", "", "--appendonly", "no")
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		for range 100 {
			if c, err := net.Dial("tcp", "127.0.0.1:"+port); err == nil {
				c.Close()
				return cmd
			}
			time.Sleep(20 * time.Millisecond)
		}
		t.Fatal("redis-server did not start")
		return nil
	}
	rs := startRedis()
	defer func() { rs.Process.Kill(); rs.Wait() }()
	ts := startServer(t, "", map[string]string{"MIRA_REDIS_URL": "redis://127.0.0.1:" + port + "/0"})
	key, _ := ts.createKey(t)
	ready := func() string {
		_, body := ts.do(t, "GET", "/readyz", "", "")
		return body
	}
	if !strings.Contains(ready(), `"shared"`) {
		t.Fatalf("readyz before the outage: %s", ready())
	}
	var stop atomic.Bool
	var served, failed atomic.Int32
	var wg sync.WaitGroup
	for range 4 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for !stop.Load() {
				start := time.Now()
				resp, _ := ts.do(t, "POST", "/v1/chat/completions", key, echoBody)
				if resp.StatusCode != 200 || time.Since(start) > 2*time.Second {
					failed.Add(1)
				} else {
					served.Add(1)
				}
			}
		}()
	}
	time.Sleep(300 * time.Millisecond)
	rs.Process.Kill()
	rs.Wait()
	time.Sleep(time.Second)
	if body := ready(); !strings.Contains(body, "degraded") {
		t.Errorf("readyz during the outage: %s", body)
	}
	rs = startRedis()
	deadline := time.Now().Add(10 * time.Second)
	for !strings.Contains(ready(), `"shared"`) {
		if time.Now().After(deadline) {
			t.Fatalf("shared limiting did not resume: %s", ready())
		}
		time.Sleep(100 * time.Millisecond)
	}
	time.Sleep(300 * time.Millisecond)
	stop.Store(true)
	wg.Wait()
	if failed.Load() != 0 || served.Load() < 50 {
		t.Errorf("served %d, failed or slow %d; want every request answered through the outage", served.Load(), failed.Load())
	}
	if !strings.Contains(ts.logs.String(), "edis") {
		t.Error("the outage was not logged")
	}
}

// TestChatSaysWhenWaiting: mira chat retries a 429 as the headers say and
// tells the user it is waiting.
func TestChatSaysWhenWaiting(t *testing.T) {
	ts := startServer(t, planYAML(30, 1000000, 100), nil)
	key, _ := ts.createKey(t)
	for {
		if resp, _ := ts.do(t, "POST", "/v1/chat/completions", key, echoBody); resp.StatusCode == 429 {
			break
		}
	}
	env := map[string]string{"MIRA_API_KEY": key, "MIRA_BASE_URL": ts.URL(), "MIRA_CA_CERT": ts.CAPath}
	stdout, stderr, code := runMira(t, env, "", "chat", "still there?")
	if code != 0 || stdout != "still there?\n" || !strings.Contains(stderr, "retrying in") {
		t.Errorf("mira chat after a 429: exit %d, stdout %q, stderr %q", code, stdout, stderr)
	}
}
