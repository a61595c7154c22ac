package ratelimit

import (
	"context"
	"fmt"
	"log/slog"
	"net"
	"os/exec"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"syscall"
	"testing"
	"time"

	"github.com/redis/go-redis/v9"
	"github.com/vmira/mira/internal/testkit"
)

// redisServer is a redis-server of the test's own, to kill and restart.
type redisServer struct {
	t    *testing.T
	port int
	cmd  *exec.Cmd
}

func startRedisServer(t *testing.T, port int) *redisServer {
	t.Helper()
	if _, err := exec.LookPath("redis-server"); err != nil {
		t.Skip("redis-server not on PATH")
	}
	if port == 0 {
		l, err := net.Listen("tcp", "127.0.0.1:0")
		if err != nil {
			t.Fatal(err)
		}
		port = l.Addr().(*net.TCPAddr).Port
		l.Close()
	}
	s := &redisServer{t: t, port: port}
	s.start()
	t.Cleanup(s.kill)
	return s
}

func (s *redisServer) url() string { return fmt.Sprintf("redis://127.0.0.1:%d/0", s.port) }

func (s *redisServer) start() {
	s.t.Helper()
	s.cmd = exec.Command("redis-server", "--port", strconv.Itoa(s.port), "--bind", "127.0.0.1",
		"--save", "", "--appendonly", "no", "--loglevel", "warning")
	if err := s.cmd.Start(); err != nil {
		s.t.Fatal(err)
	}
	c := redis.NewClient(&redis.Options{Addr: fmt.Sprintf("127.0.0.1:%d", s.port), MaxRetries: -1})
	defer c.Close()
	deadline := time.Now().Add(5 * time.Second)
	for {
		ctx, cancel := context.WithTimeout(context.Background(), 200*time.Millisecond)
		err := c.Ping(ctx).Err()
		cancel()
		if err == nil {
			return
		}
		if time.Now().After(deadline) {
			s.t.Fatalf("redis-server on port %d not answering: %v", s.port, err)
		}
		time.Sleep(20 * time.Millisecond)
	}
}

func (s *redisServer) kill() {
	if s.cmd == nil {
		return
	}
	s.cmd.Process.Signal(syscall.SIGCONT) // in case it was stopped
	s.cmd.Process.Kill()
	s.cmd.Wait()
	s.cmd = nil
}

func (s *redisServer) signal(sig syscall.Signal) {
	if err := s.cmd.Process.Signal(sig); err != nil {
		s.t.Fatal(err)
	}
}

func newTestFallback(t *testing.T, url string, logs *testkit.Buffer) *Fallback {
	c, err := NewRedisClient(url)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { c.Close() })
	f := NewFallback(NewRedis(c, RedisOptions{Prefix: "mira-test:rl:"}), NewMemory(MemoryOptions{}), FallbackOptions{
		Timeout:       100 * time.Millisecond,
		ProbeInterval: 100 * time.Millisecond,
		Logger:        slog.New(slog.NewTextHandler(logs, nil)),
	})
	t.Cleanup(func() { f.Close() })
	return f
}

// load admits, settles and releases from several goroutines until stopped,
// recording errors and the slowest call.
type load struct {
	calls, errs atomic.Int64
	firstErr    atomic.Value
	slowest     atomic.Int64 // ns
	stop        chan struct{}
	wg          sync.WaitGroup
}

func startLoad(lim Limiter, workers int) *load {
	l := &load{stop: make(chan struct{})}
	plan := Plan{RequestsPerMinute: 1_000_000, TokensPerMinute: 1_000_000_000, Concurrent: 1000}
	for w := 0; w < workers; w++ {
		l.wg.Add(1)
		go func() {
			defer l.wg.Done()
			subject := "key_load" + strconv.Itoa(w%4)
			for {
				select {
				case <-l.stop:
					return
				default:
				}
				start := time.Now()
				d, res, err := lim.Admit(context.Background(), Request{Subject: subject, Plan: plan, Tokens: 100})
				if err == nil && !d.Allowed {
					err = fmt.Errorf("refused: %+v", d)
				}
				if err == nil {
					err = res.Settle(context.Background(), 50)
					res.Release()
				}
				if _, err2 := lim.Allow(context.Background(), "ip:127.0.0.1", 1_000_000, 0); err == nil {
					err = err2
				}
				el := int64(time.Since(start))
				for s := l.slowest.Load(); el > s && !l.slowest.CompareAndSwap(s, el); s = l.slowest.Load() {
				}
				l.calls.Add(1)
				if err != nil {
					l.errs.Add(1)
					l.firstErr.CompareAndSwap(nil, err.Error())
				}
				time.Sleep(time.Millisecond)
			}
		}()
	}
	return l
}

func (l *load) finish() {
	close(l.stop)
	l.wg.Wait()
}

func waitFor(t *testing.T, what string, within time.Duration, cond func() bool) time.Duration {
	t.Helper()
	start := time.Now()
	for !cond() {
		if time.Since(start) > within {
			t.Fatalf("%s: not within %v", what, within)
		}
		time.Sleep(5 * time.Millisecond)
	}
	return time.Since(start)
}

// TestFallbackRedisKilled kills Redis under load and restarts it: every
// call keeps getting a decision, quickly, and shared limits resume.
func TestFallbackRedisKilled(t *testing.T) {
	srv := startRedisServer(t, 0)
	logs := &testkit.Buffer{}
	f := newTestFallback(t, srv.url(), logs)

	l := startLoad(f, 8)
	time.Sleep(300 * time.Millisecond)
	if f.Degraded() {
		t.Fatal("degraded before any fault")
	}
	srv.kill()
	t.Logf("degraded %v after the kill", waitFor(t, "Degraded() after kill", 2*time.Second, f.Degraded))
	before := l.calls.Load()
	time.Sleep(500 * time.Millisecond)
	if n := l.calls.Load() - before; n < 100 {
		t.Errorf("only %d calls in 500ms while degraded", n)
	}
	srv.start()
	t.Logf("shared again %v after the restart", waitFor(t, "!Degraded() after restart", 5*time.Second, func() bool { return !f.Degraded() }))
	time.Sleep(200 * time.Millisecond)
	l.finish()

	t.Logf("%d calls, %d errors, slowest %v", l.calls.Load(), l.errs.Load(), time.Duration(l.slowest.Load()))
	if l.errs.Load() != 0 {
		t.Errorf("%d of %d calls failed; want 0; first: %v", l.errs.Load(), l.calls.Load(), l.firstErr.Load())
	}
	// One Admit+Settle+Release+Allow: four calls each bounded by the 100ms
	// timeout, plus scheduling on a busy machine.
	if s := time.Duration(l.slowest.Load()); s > time.Second {
		t.Errorf("slowest call %v; want bounded by the timeouts", s)
	}
	out := logs.String()
	if n := strings.Count(out, "rate limiting degraded"); n != 1 {
		t.Errorf("%d degradation warnings; want 1:\n%s", n, out)
	}
	if n := strings.Count(out, "rate limiting restored"); n != 1 {
		t.Errorf("%d restoration messages; want 1:\n%s", n, out)
	}

	// Shared limits: what f admits, another instance sees.
	other := newTestFallback(t, srv.url(), &testkit.Buffer{})
	req := Request{Subject: newSubject(), Plan: Plan{RequestsPerMinute: 5}}
	for i := 0; i < 5; i++ {
		if d, _ := mustAdmit(t, f, req); !d.Allowed {
			t.Fatalf("admission %d refused: %+v", i+1, d)
		}
	}
	if d, _ := mustAdmit(t, other, req); d.Allowed || other.Degraded() {
		t.Fatalf("another instance admitted the 6th of 5 (degraded %v): %+v", other.Degraded(), d)
	}
}

// TestFallbackRedisHangs stops Redis (connections open, no answers): calls
// are bounded by the timeout instead of hanging, and it recovers.
func TestFallbackRedisHangs(t *testing.T) {
	srv := startRedisServer(t, 0)
	f := newTestFallback(t, srv.url(), &testkit.Buffer{})
	req := Request{Subject: newSubject(), Plan: Plan{RequestsPerMinute: 1000, Concurrent: 10}}
	_, res := mustAdmit(t, f, req)
	res.Release()

	srv.signal(syscall.SIGSTOP)
	var slowest time.Duration
	for i := 0; i < 20; i++ {
		start := time.Now()
		d, res := mustAdmit(t, f, req)
		if !d.Allowed {
			t.Fatalf("refused while degraded: %+v", d)
		}
		res.Release()
		slowest = max(slowest, time.Since(start))
	}
	if !f.Degraded() {
		t.Fatal("not degraded with Redis stopped")
	}
	if slowest > 500*time.Millisecond {
		t.Errorf("slowest call %v with Redis hanging; want about the 100ms timeout", slowest)
	}
	srv.signal(syscall.SIGCONT)
	waitFor(t, "!Degraded() after SIGCONT", 5*time.Second, func() bool { return !f.Degraded() })
}

func TestFallbackInvalidPlanDoesNotDegrade(t *testing.T) {
	f := newTestFallback(t, testRedisURL(t), &testkit.Buffer{})
	waitFor(t, "Redis answering", 5*time.Second, func() bool { return !f.Degraded() })
	if _, _, err := f.Admit(context.Background(), Request{Subject: newSubject(), Plan: Plan{Concurrent: -1}}); err == nil {
		t.Fatal("invalid plan: no error")
	}
	if _, err := f.Allow(context.Background(), "k", 0, 0); err == nil {
		t.Fatal("invalid Allow rate: no error")
	}
	if f.Degraded() {
		t.Fatal("degraded by a caller's mistake")
	}
}

func TestFallbackCallerCancel(t *testing.T) {
	f := newTestFallback(t, testRedisURL(t), &testkit.Buffer{})
	waitFor(t, "Redis answering", 5*time.Second, func() bool { return !f.Degraded() })
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if _, _, err := f.Admit(ctx, Request{Subject: newSubject(), Plan: Plan{RequestsPerMinute: 1}}); err == nil {
		t.Fatal("canceled context: no error")
	}
	if f.Degraded() {
		t.Fatal("degraded by a caller's cancellation")
	}
}

// Readiness never claims shared limits before Redis has answered: a
// Fallback whose Redis never answers is degraded from the start, without
// any traffic, and one whose Redis answers becomes shared by itself.
func TestFallbackDegradedUntilRedisAnswers(t *testing.T) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	dead := ln.Addr().String()
	ln.Close() // nothing listens here any more
	f := newTestFallback(t, "redis://"+dead+"/0", &testkit.Buffer{})
	if !f.Degraded() {
		t.Fatal("Degraded() = false before Redis ever answered")
	}
	time.Sleep(300 * time.Millisecond)
	if !f.Degraded() {
		t.Fatal("Degraded() = false with Redis unreachable")
	}

	srv := startRedisServer(t, 0)
	live := newTestFallback(t, srv.url(), &testkit.Buffer{})
	waitFor(t, "!Degraded() with Redis answering, no traffic", 5*time.Second, func() bool { return !live.Degraded() })
}
