package events

import (
	"bytes"
	"context"
	"crypto/rand"
	"encoding/hex"
	"errors"
	"io"
	"log/slog"
	"net"
	"os"
	"os/exec"
	"strconv"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/alicebob/miniredis/v2"
	"github.com/redis/go-redis/v9"
	"github.com/vmira/mira/internal/apikey"
)

// testRedisURL returns MIRA_TEST_REDIS_URL or skips the test.
func testRedisURL(t *testing.T) string {
	u := os.Getenv("MIRA_TEST_REDIS_URL")
	if u == "" {
		t.Skip("MIRA_TEST_REDIS_URL is not set")
	}
	return u
}

// newClient returns a client of its own (a separate "instance").
func newClient(t *testing.T, url string) *redis.Client {
	t.Helper()
	opt, err := redis.ParseURL(url)
	if err != nil {
		t.Fatal(err)
	}
	c := redis.NewClient(opt)
	t.Cleanup(func() { c.Close() })
	return c
}

func addrClient(t *testing.T, addr string) *redis.Client {
	t.Helper()
	c := redis.NewClient(&redis.Options{Addr: addr, DialTimeout: time.Second, ReadTimeout: time.Second, WriteTimeout: time.Second})
	t.Cleanup(func() { c.Close() })
	return c
}

// testPrefix is a channel prefix of t's own, so parallel runs never hear
// each other.
func testPrefix() string {
	var b [6]byte
	_, _ = rand.Read(b[:])
	return "mira-test:ev:" + hex.EncodeToString(b[:]) + ":"
}

func quietLogger(t *testing.T) *slog.Logger {
	return slog.New(slog.NewTextHandler(testWriter{t}, &slog.HandlerOptions{Level: slog.LevelInfo}))
}

type testWriter struct{ t *testing.T }

func (w testWriter) Write(p []byte) (int, error) {
	w.t.Log(string(bytes.TrimRight(p, "\n")))
	return len(p), nil
}

// twoInstances runs the cross-instance contract on two buses that share a
// Redis through separate clients.
func twoInstances(t *testing.T, a, b *Redis) {
	ctx := t.Context()
	recA, recB := newRecorder(), newRecorder()
	if err := a.Subscribe(ctx, recA.handle); err != nil {
		t.Fatal(err)
	}
	if err := b.Subscribe(ctx, recB.handle); err != nil {
		t.Fatal(err)
	}

	key := apikey.Generate()
	e := Event{Kind: KindKeyRevoked, KeyID: "key_abc", Digest: digestOf(key)}
	start := time.Now()
	if err := a.Publish(ctx, e); err != nil {
		t.Fatal(err)
	}
	// The publishing instance's own subscribers have it synchronously.
	if got := recA.got(); len(got) != 1 || !bytes.Equal(got[0].Digest, e.Digest) {
		t.Fatalf("instance A's own subscriber got %+v right after Publish; want the event", got)
	}
	got := recB.waitFor(t, time.Second, "revocation on instance B", isKind(KindKeyRevoked))
	latency := time.Since(start)
	t.Logf("instance B saw the revocation %s after it was published", latency)
	if got.KeyID != e.KeyID || !bytes.Equal(got.Digest, e.Digest) {
		t.Errorf("instance B got %+v; want %+v", got, e)
	}
	if latency > 500*time.Millisecond {
		t.Errorf("cross-instance latency %s; want well under 1s", latency)
	}

	// A does not hear its own event twice (once locally, not again from Redis).
	if err := b.Publish(ctx, Event{Kind: KindKeyUpdated, KeyID: "key_from_b"}); err != nil {
		t.Fatal(err)
	}
	recA.waitFor(t, time.Second, "B's event on A", func(e Event) bool { return e.KeyID == "key_from_b" })
	if n := len(recA.got()); n != 2 {
		t.Errorf("instance A received %d events; want 2 (its own once, B's once): %+v", n, recA.got())
	}
	if s := a.Stats(); s.Received != 1 || s.Published != 1 || s.Subscribed != 1 {
		t.Errorf("A stats = %+v; want Received 1, Published 1, Subscribed 1", s)
	}
}

func TestRedisTwoInstances(t *testing.T) {
	url := testRedisURL(t)
	prefix := testPrefix()
	a := NewRedis(newClient(t, url), RedisOptions{Prefix: prefix, Logger: quietLogger(t)})
	b := NewRedis(newClient(t, url), RedisOptions{Prefix: prefix, Logger: quietLogger(t)})
	twoInstances(t, a, b)
}

func TestMiniredisTwoInstances(t *testing.T) {
	m := miniredis.RunT(t)
	prefix := testPrefix()
	a := NewRedis(addrClient(t, m.Addr()), RedisOptions{Prefix: prefix, Logger: quietLogger(t)})
	b := NewRedis(addrClient(t, m.Addr()), RedisOptions{Prefix: prefix, Logger: quietLogger(t)})
	twoInstances(t, a, b)
}

func TestRedisPrefixesAreSeparate(t *testing.T) {
	m := miniredis.RunT(t)
	ctx := t.Context()
	a := NewRedis(addrClient(t, m.Addr()), RedisOptions{Prefix: testPrefix()})
	b := NewRedis(addrClient(t, m.Addr()), RedisOptions{Prefix: testPrefix()})
	rec := newRecorder()
	if err := b.Subscribe(ctx, rec.handle); err != nil {
		t.Fatal(err)
	}
	_ = a.Publish(ctx, Event{Kind: KindKeyRevoked, KeyID: "key_1"})
	_ = b.Publish(ctx, Event{Kind: KindKeyRevoked, KeyID: "key_2"})
	rec.waitFor(t, time.Second, "own event", func(e Event) bool { return e.KeyID == "key_2" })
	time.Sleep(100 * time.Millisecond)
	for _, e := range rec.got() {
		if e.KeyID == "key_1" {
			t.Fatalf("an event on another prefix was delivered: %+v", e)
		}
	}
}

// TestRedisMalformedIgnored: whatever else lands on the channel is counted
// and dropped; the events around it still flow.
func TestRedisMalformedIgnored(t *testing.T) {
	url := testRedisURL(t)
	ctx := t.Context()
	prefix := testPrefix()
	raw := newClient(t, url)
	a := NewRedis(newClient(t, url), RedisOptions{Prefix: prefix, Logger: quietLogger(t)})
	b := NewRedis(newClient(t, url), RedisOptions{Prefix: prefix, Logger: quietLogger(t)})
	rec := newRecorder()
	if err := b.Subscribe(ctx, rec.handle); err != nil {
		t.Fatal(err)
	}
	garbage := []string{
		"", "not json", "{", `{"v":1}`, `{"v":2,"kind":"key.revoked"}`,
		`{"v":1,"kind":"bus.resync"}`, `{"v":1,"kind":"key.revoked","digest":"AAAA"}`,
		`{"v":1,"kind":"key.revoked","key_id":"` + apikey.Generate() + `"}`,
		string(bytes.Repeat([]byte("A"), 10_000)), "\x00\xff\xfe",
	}
	for _, g := range garbage {
		if err := raw.Publish(ctx, b.Channel(), g).Err(); err != nil {
			t.Fatal(err)
		}
	}
	if err := a.Publish(ctx, Event{Kind: KindKeyRevoked, KeyID: "key_after_garbage"}); err != nil {
		t.Fatal(err)
	}
	rec.waitFor(t, time.Second, "the valid event after the garbage", func(e Event) bool { return e.KeyID == "key_after_garbage" })
	if got := rec.got(); len(got) != 1 {
		t.Errorf("handler got %+v; want only the valid event", got)
	}
	if s := b.Stats(); s.Malformed != uint64(len(garbage)) {
		t.Errorf("Malformed = %d; want %d", s.Malformed, len(garbage))
	}
}

// redisServer is a redis-server process of the test's own, to kill and restart.
type redisServer struct {
	t    *testing.T
	port int
	dir  string
	cmd  *exec.Cmd
}

func startRedisServer(t *testing.T, port int) *redisServer {
	t.Helper()
	if testing.Short() {
		t.Skip("starts redis-server")
	}
	if _, err := exec.LookPath("redis-server"); err != nil {
		t.Skip("redis-server is not on PATH")
	}
	if port == 0 {
		l, err := net.Listen("tcp", "127.0.0.1:0")
		if err != nil {
			t.Fatal(err)
		}
		port = l.Addr().(*net.TCPAddr).Port
		l.Close()
	}
	s := &redisServer{t: t, port: port, dir: t.TempDir()}
	s.start()
	t.Cleanup(s.kill)
	return s
}

func (s *redisServer) addr() string { return "127.0.0.1:" + strconv.Itoa(s.port) }

func (s *redisServer) start() {
	s.t.Helper()
	s.cmd = exec.Command("redis-server", "--port", strconv.Itoa(s.port), "--bind", "127.0.0.1",
		"--save", "", "--appendonly", "no", "--dir", s.dir, "--loglevel", "warning")
	if err := s.cmd.Start(); err != nil {
		s.t.Fatal(err)
	}
	deadline := time.Now().Add(5 * time.Second)
	for {
		c, err := net.DialTimeout("tcp", s.addr(), 100*time.Millisecond)
		if err == nil {
			c.Close()
			return
		}
		if time.Now().After(deadline) {
			s.t.Fatalf("redis-server on %s did not start: %v", s.addr(), err)
		}
		time.Sleep(20 * time.Millisecond)
	}
}

func (s *redisServer) kill() {
	if s.cmd == nil || s.cmd.Process == nil {
		return
	}
	_ = s.cmd.Process.Kill()
	_ = s.cmd.Wait()
	s.cmd = nil
}

func waitUntil(t *testing.T, within time.Duration, what string, cond func() bool) {
	t.Helper()
	deadline := time.Now().Add(within)
	for !cond() {
		if time.Now().After(deadline) {
			t.Fatalf("not %s within %s", what, within)
		}
		time.Sleep(10 * time.Millisecond)
	}
}

// publishUntilSeen publishes fresh events from a until rec has one of them:
// the publisher's own pooled connection may need a retry after a restart.
func publishUntilSeen(t *testing.T, a *Redis, rec *recorder, within time.Duration) {
	t.Helper()
	ctx := t.Context()
	deadline := time.Now().Add(within)
	for i := 0; ; i++ {
		id := "key_after_restart_" + strconv.Itoa(i)
		_ = a.Publish(ctx, Event{Kind: KindKeyRevoked, KeyID: id})
		timer := time.NewTimer(200 * time.Millisecond)
	wait:
		for {
			for _, e := range rec.got() {
				if len(e.KeyID) > 18 && e.KeyID[:18] == "key_after_restart_" {
					timer.Stop()
					return
				}
			}
			select {
			case <-rec.signal:
			case <-timer.C:
				break wait
			}
		}
		if time.Now().After(deadline) {
			t.Fatalf("no event delivered within %s after the restart; got %+v", within, rec.got())
		}
	}
}

// TestRedisRestart kills Redis under two instances and starts it again:
// the subscriber notices the loss, resubscribes by itself, tells its
// handler to resync, and events flow again.
func TestRedisRestart(t *testing.T) {
	srv := startRedisServer(t, 0)
	ctx := t.Context()
	prefix := testPrefix()
	a := NewRedis(addrClient(t, srv.addr()), RedisOptions{Prefix: prefix, Logger: quietLogger(t)})
	b := NewRedis(addrClient(t, srv.addr()), RedisOptions{Prefix: prefix, Logger: quietLogger(t), HealthCheck: 200 * time.Millisecond})
	rec := newRecorder()
	if err := b.Subscribe(ctx, rec.handle); err != nil {
		t.Fatal(err)
	}
	_ = a.Publish(ctx, Event{Kind: KindKeyRevoked, KeyID: "key_before"})
	rec.waitFor(t, time.Second, "event before the restart", isKind(KindKeyRevoked))

	srv.kill()
	waitUntil(t, 5*time.Second, "noticed the loss", func() bool { return b.Stats().Lost == 1 })
	if s := b.Stats(); s.Subscribed != 0 {
		t.Errorf("Subscribed = %d while Redis is down; want 0", s.Subscribed)
	}
	// Publishing while Redis is down fails, and says so.
	if err := a.Publish(ctx, Event{Kind: KindKeyRevoked, KeyID: "key_lost"}); err == nil {
		t.Error("Publish with Redis down succeeded; want an error")
	}
	time.Sleep(500 * time.Millisecond) // several failed reconnects

	srv.start()
	restarted := time.Now()
	rec.waitFor(t, 10*time.Second, "resync after the restart", isKind(KindResync))
	t.Logf("resubscribed %s after Redis came back", time.Since(restarted).Round(time.Millisecond))
	publishUntilSeen(t, a, rec, 10*time.Second)
	s := b.Stats()
	if s.Resyncs != 1 || s.Subscribed != 1 || s.Lost != 1 {
		t.Errorf("stats after the restart = %+v; want Resyncs 1, Subscribed 1, Lost 1", s)
	}
	for _, e := range rec.got() {
		if e.KeyID == "key_lost" {
			t.Errorf("an event published while Redis was down was delivered: %+v", e)
		}
	}
}

// TestRedisStartsLate: Redis is down when the instance starts. Subscribe
// says so, keeps trying, and the handler gets a resync once it is up.
func TestRedisStartsLate(t *testing.T) {
	srv := startRedisServer(t, 0)
	srv.kill()
	ctx := t.Context()
	prefix := testPrefix()
	b := NewRedis(addrClient(t, srv.addr()), RedisOptions{Prefix: prefix, Logger: quietLogger(t), SubscribeWait: 300 * time.Millisecond})
	rec := newRecorder()
	err := b.Subscribe(ctx, rec.handle)
	if !errors.Is(err, ErrNotSubscribed) {
		t.Fatalf("Subscribe with Redis down = %v; want ErrNotSubscribed", err)
	}
	srv.start()
	rec.waitFor(t, 10*time.Second, "resync once Redis is up", isKind(KindResync))
	a := NewRedis(addrClient(t, srv.addr()), RedisOptions{Prefix: prefix})
	publishUntilSeen(t, a, rec, 5*time.Second)
}

// freezingProxy forwards TCP to a backend; freeze stops forwarding on the
// connections open at that moment without closing them, as a network
// partition or a dead peer behind NAT does. New connections work.
type freezingProxy struct {
	l       net.Listener
	backend string
	mu      sync.Mutex
	frozen  []*atomic.Bool
	conns   []net.Conn
}

func newFreezingProxy(t *testing.T, backend string) *freezingProxy {
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	p := &freezingProxy{l: l, backend: backend}
	t.Cleanup(func() {
		l.Close()
		p.mu.Lock()
		for _, c := range p.conns {
			c.Close()
		}
		p.mu.Unlock()
	})
	go p.serve()
	return p
}

func (p *freezingProxy) addr() string { return p.l.Addr().String() }

func (p *freezingProxy) serve() {
	for {
		c, err := p.l.Accept()
		if err != nil {
			return
		}
		up, err := net.Dial("tcp", p.backend)
		if err != nil {
			c.Close()
			continue
		}
		frozen := new(atomic.Bool)
		p.mu.Lock()
		p.frozen = append(p.frozen, frozen)
		p.conns = append(p.conns, c, up)
		p.mu.Unlock()
		pipe := func(dst, src net.Conn) {
			buf := make([]byte, 32<<10)
			for {
				n, err := src.Read(buf)
				if n > 0 && !frozen.Load() {
					if _, werr := dst.Write(buf[:n]); werr != nil {
						return
					}
				}
				if err != nil {
					if err != io.EOF {
						return
					}
					return
				}
			}
		}
		go pipe(up, c)
		go pipe(c, up)
	}
}

func (p *freezingProxy) freeze() {
	p.mu.Lock()
	defer p.mu.Unlock()
	for _, f := range p.frozen {
		f.Store(true)
	}
}

// TestRedisHalfOpenConnection: the subscription's connection goes silent
// without an error. The health check notices, replaces it, and the handler
// gets a resync.
func TestRedisHalfOpenConnection(t *testing.T) {
	m := miniredis.RunT(t)
	proxy := newFreezingProxy(t, m.Addr())
	ctx := t.Context()
	prefix := testPrefix()
	a := NewRedis(addrClient(t, m.Addr()), RedisOptions{Prefix: prefix})
	b := NewRedis(addrClient(t, proxy.addr()), RedisOptions{Prefix: prefix, Logger: quietLogger(t), HealthCheck: 100 * time.Millisecond})
	rec := newRecorder()
	if err := b.Subscribe(ctx, rec.handle); err != nil {
		t.Fatal(err)
	}
	proxy.freeze()
	frozen := time.Now()
	rec.waitFor(t, 5*time.Second, "resync after the connection froze", isKind(KindResync))
	t.Logf("replaced the silent connection after %s", time.Since(frozen).Round(time.Millisecond))
	publishUntilSeen(t, a, rec, 5*time.Second)
	if s := b.Stats(); s.Lost != 1 || s.Resyncs != 1 {
		t.Errorf("stats = %+v; want Lost 1, Resyncs 1", s)
	}
}

// TestRedisSubscriptionEnds: cancelling the subscription's context stops
// delivery and releases its connection.
func TestRedisSubscriptionEnds(t *testing.T) {
	m := miniredis.RunT(t)
	prefix := testPrefix()
	a := NewRedis(addrClient(t, m.Addr()), RedisOptions{Prefix: prefix})
	b := NewRedis(addrClient(t, m.Addr()), RedisOptions{Prefix: prefix})
	ctx, cancel := context.WithCancel(t.Context())
	rec := newRecorder()
	if err := b.Subscribe(ctx, rec.handle); err != nil {
		t.Fatal(err)
	}
	cancel()
	waitUntil(t, 2*time.Second, "unsubscribed", func() bool { return b.Stats().Subscribed == 0 })
	waitUntil(t, 2*time.Second, "no subscribers left in Redis", func() bool {
		return len(m.PubSubChannels("")) == 0
	})
	_ = a.Publish(t.Context(), Event{Kind: KindKeyRevoked, KeyID: "key_late"})
	time.Sleep(100 * time.Millisecond)
	if got := rec.got(); len(got) != 0 {
		t.Errorf("events after the subscription ended: %+v", got)
	}
}

func TestRedisHandlerPanicIsContained(t *testing.T) {
	m := miniredis.RunT(t)
	ctx := t.Context()
	prefix := testPrefix()
	a := NewRedis(addrClient(t, m.Addr()), RedisOptions{Prefix: prefix})
	b := NewRedis(addrClient(t, m.Addr()), RedisOptions{Prefix: prefix, Logger: quietLogger(t)})
	rec := newRecorder()
	if err := b.Subscribe(ctx, func(e Event) {
		if e.KeyID == "key_boom" {
			panic("boom")
		}
		rec.handle(e)
	}); err != nil {
		t.Fatal(err)
	}
	_ = a.Publish(ctx, Event{Kind: KindKeyRevoked, KeyID: "key_boom"})
	_ = a.Publish(ctx, Event{Kind: KindKeyRevoked, KeyID: "key_next"})
	rec.waitFor(t, time.Second, "event after the panic", func(e Event) bool { return e.KeyID == "key_next" })
	if s := b.Stats(); s.HandlerPanics != 1 {
		t.Errorf("HandlerPanics = %d; want 1", s.HandlerPanics)
	}
}
