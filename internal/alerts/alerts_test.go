package alerts

import (
	"bytes"
	"context"
	"crypto/x509"
	"database/sql"
	"fmt"
	"net/netip"
	"os"
	"slices"
	"sort"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/alicebob/miniredis/v2"
	"github.com/google/go-cmp/cmp"
	"github.com/redis/go-redis/v9"

	"github.com/vmira/mira/internal/audit"
	"github.com/vmira/mira/internal/config"
	"github.com/vmira/mira/internal/mira"
	"github.com/vmira/mira/internal/notify"
	"github.com/vmira/mira/internal/reqlog"
	"github.com/vmira/mira/internal/store"
	"github.com/vmira/mira/internal/store/storetest"
)

var t0 = time.Date(2026, 3, 2, 10, 0, 0, 0, time.UTC)

type fakeClock struct {
	mu sync.Mutex
	t  time.Time
}

func (c *fakeClock) Now() time.Time { c.mu.Lock(); defer c.mu.Unlock(); return c.t }
func (c *fakeClock) Add(d time.Duration) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.t = c.t.Add(d)
}

type fakeOutbox struct {
	mu   sync.Mutex
	msgs []notify.Message
}

func (o *fakeOutbox) Enqueue(_ context.Context, _ *sql.Tx, m notify.Message) error {
	o.mu.Lock()
	defer o.mu.Unlock()
	o.msgs = append(o.msgs, m)
	return nil
}

func (o *fakeOutbox) len() int { o.mu.Lock(); defer o.mu.Unlock(); return len(o.msgs) }

func newAudit(t *testing.T, db *store.DB) *audit.Log {
	t.Helper()
	l, err := audit.New(context.Background(), db, audit.Config{Secret: bytes.Repeat([]byte{7}, 32)})
	if err != nil {
		t.Fatal(err)
	}
	return l
}

// owner sees every alert (system-wide ones too).
var owner = Viewer{OrgID: "org_1", Role: mira.RoleOwner}

func list(t *testing.T, s *Store, f Filter) []*Alert {
	t.Helper()
	as, err := s.List(context.Background(), owner, f)
	if err != nil {
		t.Fatal(err)
	}
	return as
}

func auditActions(t *testing.T, l *audit.Log) []string {
	t.Helper()
	p, err := l.List(context.Background(), audit.Filter{})
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	for _, e := range p.Entries {
		out = append(out, e.Action)
	}
	return out
}

func TestDefaultRulesCoverEveryRuleID(t *testing.T) {
	var got []string
	for id, r := range DefaultRules() {
		got = append(got, id)
		if r.Threshold < 1 || r.Window <= 0 || r.Cooldown <= 0 || r.Severity == "" || !r.Enabled {
			t.Errorf("default rule %s incomplete: %+v", id, r)
		}
	}
	want := slices.Clone(config.AlertRuleIDs)
	sort.Strings(got)
	sort.Strings(want)
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("default rule ids (-config.AlertRuleIDs +defaults):\n%s", diff)
	}
}

func TestRulesFromOverridesFieldByField(t *testing.T) {
	off := false
	rs, err := RulesFrom(map[string]config.AlertRule{
		AuthFailuresBurst: {Threshold: 5, Severity: "critical"},
		BackendDown:       {Enabled: &off},
	})
	if err != nil {
		t.Fatal(err)
	}
	got := rs[AuthFailuresBurst]
	want := Rule{ID: AuthFailuresBurst, Enabled: true, Threshold: 5, Window: time.Minute, Severity: "critical", Cooldown: 15 * time.Minute}
	if got != want {
		t.Errorf("auth_failures_burst = %+v; want %+v", got, want)
	}
	if rs[BackendDown].Enabled {
		t.Error("backend_down still enabled")
	}
	if _, err := RulesFrom(map[string]config.AlertRule{"nope": {}}); err == nil {
		t.Error("unknown rule id accepted")
	}
}

func TestRaiseFoldsWithinCooldown(t *testing.T) {
	storetest.EachDB(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		clock := &fakeClock{t: t0}
		log, out := newAudit(t, db), &fakeOutbox{}
		s := NewStore(db, DefaultRules(), log, out)
		s.now = clock.Now
		ev := Event{Rule: RevokedKeyUsed, Subject: "key_1", OrgID: "org_1", Details: map[string]any{"ip": "192.0.2.1"}}
		a1, created, err := s.Raise(ctx, ev)
		if err != nil || !created {
			t.Fatalf("first Raise = %v, %v; want a new alert", created, err)
		}
		clock.Add(30 * time.Minute)
		ev.Details = map[string]any{"ip": "192.0.2.2"}
		a2, created, err := s.Raise(ctx, ev)
		if err != nil || created || a2.ID != a1.ID || a2.Count != 2 {
			t.Fatalf("Raise within cooldown = %+v, created %v, %v; want a fold into %s with count 2", a2, created, err, a1.ID)
		}
		got := list(t, s, Filter{})
		if len(got) != 1 || got[0].Count != 2 || !got[0].LastSeen.Equal(t0.Add(30*time.Minute)) || !got[0].FirstSeen.Equal(t0) {
			t.Fatalf("alerts after fold = %+v", got)
		}
		if diff := cmp.Diff([]any{"192.0.2.1", "192.0.2.2"}, got[0].Details["addresses"]); diff != "" {
			t.Errorf("addresses (-want +got):\n%s", diff)
		}
		// Past the cooldown (1h from last_seen): a new alert.
		clock.Add(61 * time.Minute)
		a3, created, err := s.Raise(ctx, ev)
		if err != nil || !created || a3.ID == a1.ID {
			t.Fatalf("Raise after cooldown = %+v, %v, %v; want a new alert", a3, created, err)
		}
		if diff := cmp.Diff([]string{ActionRaised, ActionRaised}, auditActions(t, log)); diff != "" {
			t.Errorf("audit (-want +got):\n%s", diff)
		}
		if out.len() != 2 {
			t.Errorf("outbox got %d messages; want 2 (new alerts only)", out.len())
		}
		// An acknowledged alert takes no more folds.
		if _, err := s.Acknowledge(ctx, owner, a3.ID, audit.User("u1"), "192.0.2.9"); err != nil {
			t.Fatal(err)
		}
		if _, created, _ := s.Raise(ctx, ev); !created {
			t.Error("Raise folded into an acknowledged alert")
		}
		if diff := cmp.Diff([]string{ActionRaised, ActionAcknowledged, ActionRaised, ActionRaised}, auditActions(t, log)); diff != "" {
			t.Errorf("audit after ack (-want +got):\n%s", diff)
		}
	})
}

// TestRaiseConcurrentInstancesFold raises one (rule, subject) from many
// goroutines on two pools (two instances): one alert, every raise counted.
func TestRaiseConcurrentInstancesFold(t *testing.T) {
	storetest.EachLocation(t, func(t *testing.T, url, dir string) {
		dbs := []*store.DB{storetest.Open(t, url, dir), storetest.Open(t, url, dir)}
		var wg sync.WaitGroup
		const n = 12
		for i := range n {
			s := NewStore(dbs[i%2], DefaultRules(), newAudit(t, dbs[i%2]), nil)
			wg.Go(func() {
				if _, _, err := s.Raise(context.Background(), Event{Rule: AuthFailuresBurst, Subject: "192.0.2.7"}); err != nil {
					t.Error(err)
				}
			})
		}
		wg.Wait()
		got := list(t, NewStore(dbs[0], DefaultRules(), nil, nil), Filter{})
		if len(got) != 1 || got[0].Count != n {
			t.Fatalf("got %d alerts (first %+v); want 1 with count %d", len(got), got, n)
		}
	})
}

func TestListVisibility(t *testing.T) {
	db := storetest.OpenSQLite(t)
	ctx := context.Background()
	s := NewStore(db, DefaultRules(), nil, nil)
	for _, ev := range []Event{
		{Rule: RevokedKeyUsed, Subject: "key_a", OrgID: "org_a"},
		{Rule: RevokedKeyUsed, Subject: "key_b", OrgID: "org_b"},
		{Rule: BackendDown, Subject: "vllm"},
	} {
		if _, _, err := s.Raise(ctx, ev); err != nil {
			t.Fatal(err)
		}
	}
	subjects := func(v Viewer) []string {
		as, err := s.List(ctx, v, Filter{})
		if err != nil {
			return []string{err.Error()}
		}
		var out []string
		for _, a := range as {
			out = append(out, a.Subject)
		}
		sort.Strings(out)
		return out
	}
	tests := []struct {
		name string
		v    Viewer
		want []string
	}{
		{"owner sees the org's and system-wide", Viewer{OrgID: "org_a", Role: mira.RoleOwner}, []string{"key_a", "vllm"}},
		{"admin sees the org's only", Viewer{OrgID: "org_a", Role: mira.RoleAdmin}, []string{"key_a"}},
		{"member sees none", Viewer{OrgID: "org_a", Role: mira.RoleMember}, []string{"insufficient_scope: only owners and admins of the organisation see its alerts"}},
	}
	for _, tc := range tests {
		if diff := cmp.Diff(tc.want, subjects(tc.v)); diff != "" {
			t.Errorf("%s (-want +got):\n%s", tc.name, diff)
		}
	}
	b, err := s.List(ctx, Viewer{OrgID: "org_b", Role: mira.RoleOwner}, Filter{Rule: RevokedKeyUsed})
	if err != nil || len(b) != 1 {
		t.Fatalf("org_b's alerts: %v, %v", b, err)
	}
	other := b[0].ID
	if _, err := s.Acknowledge(ctx, Viewer{OrgID: "org_a", Role: mira.RoleOwner}, other, "user:u", ""); mira.ErrorCode(err) != mira.ENotFound {
		t.Errorf("acknowledging another org's alert: %v; want not_found", err)
	}
}

func newEngine(t *testing.T, db *store.DB, clock *fakeClock, rc redis.UniversalClient, edit func(*Config)) *Engine {
	t.Helper()
	s := NewStore(db, DefaultRules(), nil, nil)
	s.now = clock.Now
	cfg := Config{Store: s, Rules: DefaultRules(), Redis: rc, Now: clock.Now}
	if edit != nil {
		edit(&cfg)
	}
	return New(cfg)
}

// drain handles every queued event, as Run would.
func drain(e *Engine) {
	for {
		select {
		case ev := <-e.q:
			e.handle(context.Background(), ev)
		default:
			return
		}
	}
}

func TestAuthFailuresThresholdAndWindow(t *testing.T) {
	db := storetest.OpenSQLite(t)
	clock := &fakeClock{t: t0}
	e := newEngine(t, db, clock, nil, nil)
	ip := netip.MustParseAddr("198.51.100.4")
	fail := func(n int) {
		for range n {
			e.AuthFailed(mira.EInvalidAPIKey, ip, nil, "")
		}
		drain(e)
		e.flush(context.Background())
	}
	// 20 failures, then 20 more two windows later: never 30 in a window.
	fail(20)
	clock.Add(2 * time.Minute)
	fail(20)
	if got := list(t, e.store, Filter{}); len(got) != 0 {
		t.Fatalf("alerts below the threshold: %+v", got)
	}
	fail(10) // 30 within the window
	got := list(t, e.store, Filter{})
	if len(got) != 1 || got[0].Rule != AuthFailuresBurst || got[0].Subject != ip.String() || got[0].OrgID != "" {
		t.Fatalf("alerts = %+v; want one auth_failures_burst for %s, system-wide", got, ip)
	}
	// More in the same window: no second detection.
	fail(40)
	if got := list(t, e.store, Filter{}); len(got) != 1 || got[0].Count != 1 {
		t.Fatalf("after more failures in the window: %+v", got)
	}
	// A burst in a later window, within the cooldown: folded.
	clock.Add(3 * time.Minute)
	fail(30)
	if got := list(t, e.store, Filter{}); len(got) != 1 || got[0].Count != 2 {
		t.Fatalf("a second burst within the cooldown: %+v; want one alert, count 2", got)
	}
}

func TestKeyRulesFromAuthFailures(t *testing.T) {
	db := storetest.OpenSQLite(t)
	clock := &fakeClock{t: t0}
	e := newEngine(t, db, clock, nil, nil)
	ip := netip.MustParseAddr("127.0.0.2")
	revoked := &mira.Key{ID: "key_r", OrgID: "org_1", RevokedAt: t0}
	exposed := &mira.Key{ID: "key_x", OrgID: "org_1", RevokedAt: t0, ExposedAt: t0}
	for range 3 {
		e.AuthFailed(mira.EKeyRevoked, ip, revoked, "")
	}
	e.AuthFailed(mira.EKeyRevoked, ip, exposed, "")
	e.AuthFailed(mira.EKeyExpired, ip, &mira.Key{ID: "key_e", OrgID: "org_1"}, "")
	drain(e)
	e.flush(context.Background())
	got := map[string]string{}
	for _, a := range list(t, e.store, Filter{}) {
		got[a.Rule] = a.Subject + " " + fmt.Sprint(a.Details["ip"]) + " " + a.OrgID
	}
	want := map[string]string{
		RevokedKeyUsed: "key_r 127.0.0.2 org_1",
		ExposedKeyUsed: "key_x 127.0.0.2 org_1",
		ExpiredKeyUsed: "key_e 127.0.0.2 org_1",
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("alerts (-want +got):\n%s", diff)
	}
}

// TestSharedRedisCounters: two instances on one Redis and one database
// each see half of a 30-failure burst: one alert.
func TestSharedRedisCounters(t *testing.T) {
	storetest.EachLocation(t, func(t *testing.T, url, dir string) {
		clock := &fakeClock{t: t0}
		prefix := testRedis(t)
		var engines []*Engine
		for range 2 {
			rc := prefix.client(t)
			engines = append(engines, newEngine(t, storetest.Open(t, url, dir), clock, rc, func(c *Config) { c.Prefix = prefix.prefix }))
		}
		ip := netip.MustParseAddr("203.0.113.9")
		for _, e := range engines {
			for range 15 {
				e.AuthFailed(mira.EInvalidAPIKey, ip, nil, "")
			}
			drain(e)
		}
		var wg sync.WaitGroup
		for _, e := range engines {
			wg.Go(func() { e.flush(context.Background()) })
		}
		wg.Wait()
		got := list(t, engines[0].store, Filter{})
		if len(got) != 1 || got[0].Rule != AuthFailuresBurst || got[0].Count != 1 {
			t.Fatalf("alerts = %+v; want exactly one auth_failures_burst, count 1", got)
		}
		// Alone, each instance saw only 15: without Redis there is none.
		solo := newEngine(t, storetest.OpenSQLite(t), clock, nil, nil)
		for range 15 {
			solo.AuthFailed(mira.EInvalidAPIKey, ip, nil, "")
		}
		drain(solo)
		solo.flush(context.Background())
		if got := list(t, solo.store, Filter{}); len(got) != 0 {
			t.Errorf("15 failures on one instance raised %+v", got)
		}
	})
}

// redisTarget is a Redis for a test: MIRA_TEST_REDIS_URL's with a key
// prefix of the test's own, else a miniredis.
type redisTarget struct {
	url, addr, prefix string
}

func testRedis(t *testing.T) redisTarget {
	t.Helper()
	if u := os.Getenv("MIRA_TEST_REDIS_URL"); u != "" {
		return redisTarget{url: u, prefix: "mira:test:" + mira.NewID("alerts") + ":"}
	}
	return redisTarget{addr: miniredis.RunT(t).Addr(), prefix: "mira:alerts:"}
}

func (r redisTarget) client(t *testing.T) redis.UniversalClient {
	t.Helper()
	opts := &redis.Options{Addr: r.addr}
	if r.url != "" {
		var err error
		if opts, err = redis.ParseURL(r.url); err != nil {
			t.Fatal(err)
		}
	}
	c := redis.NewClient(opts)
	t.Cleanup(func() { c.Close() })
	return c
}

func request(keyID, ip, verdict string) *reqlog.Entry {
	return &reqlog.Entry{KeyID: keyID, OrgID: "org_1", ClientIP: ip, FilterVerdict: verdict, Endpoint: "POST /v1/chat/completions"}
}

func TestFilterProbingAndNormalTraffic(t *testing.T) {
	db := storetest.OpenSQLite(t)
	clock := &fakeClock{t: t0}
	e := newEngine(t, db, clock, nil, nil)
	for range 50 {
		e.Request(request("key_ok", "192.0.2.10", "allowed"), 0)
	}
	drain(e)
	e.flush(context.Background())
	if got := list(t, e.store, Filter{}); len(got) != 0 {
		t.Fatalf("normal traffic raised %+v", got)
	}
	for range 20 {
		e.Request(request("key_p", "192.0.2.11", "blocked:prompt_injection"), 0)
	}
	drain(e)
	e.flush(context.Background())
	got := list(t, e.store, Filter{})
	if len(got) != 1 || got[0].Rule != FilterProbing || got[0].Subject != "key_p" || got[0].OrgID != "org_1" {
		t.Fatalf("alerts = %+v; want one filter_probing for key_p", got)
	}
}

func TestKeyNewNetworkAndManyAddresses(t *testing.T) {
	for _, shared := range []bool{false, true} {
		t.Run(fmt.Sprint("redis=", shared), func(t *testing.T) {
			var (
				rc     redis.UniversalClient
				prefix string
			)
			if shared {
				r := testRedis(t)
				rc, prefix = r.client(t), r.prefix
			}
			clock := &fakeClock{t: t0}
			e := newEngine(t, storetest.OpenSQLite(t), clock, rc, func(c *Config) { c.Prefix = prefix })
			step := func(ips ...string) {
				for _, ip := range ips {
					e.Request(request("key_n", ip, "allowed"), 0)
				}
				drain(e)
				e.flush(context.Background())
			}
			step("192.0.2.1", "192.0.2.200") // first use, one /24
			if got := list(t, e.store, Filter{}); len(got) != 0 {
				t.Fatalf("first use raised %+v", got)
			}
			step("198.51.100.1")
			got := list(t, e.store, Filter{Rule: KeyNewNetwork})
			if len(got) != 1 || got[0].Subject != "key_n" || got[0].Details["network"] != "198.51.100.0/24" {
				t.Fatalf("key_new_network alerts = %+v", got)
			}
			var many []string
			for i := range 10 {
				many = append(many, fmt.Sprintf("192.0.2.%d", 20+i))
			}
			step(many...)
			if got := list(t, e.store, Filter{Rule: KeyManyAddresses}); len(got) != 1 || got[0].Subject != "key_n" {
				t.Fatalf("key_many_addresses alerts = %+v", got)
			}
		})
	}
}

func TestNetworkMemoryIsBounded(t *testing.T) {
	clock := &fakeClock{t: t0}
	e := newEngine(t, storetest.OpenSQLite(t), clock, nil, func(c *Config) { c.MaxSubjects = 2; c.MaxNetworksPerKey = 3 })
	learn := func(key string, i int) bool {
		return e.learnNetwork(key, netip.MustParsePrefix(fmt.Sprintf("10.0.%d.0/24", i)))
	}
	if learn("k1", 0) {
		t.Error("a first use was new")
	}
	for i := 1; i < 3; i++ {
		if !learn("k1", i) {
			t.Errorf("network %d not new", i)
		}
	}
	// Full: k1 is no longer watched, and its set does not grow.
	if learn("k1", 3) || learn("k1", 4) || len(e.seenNets["k1"].nets) != 3 {
		t.Errorf("past MaxNetworksPerKey: set of %d, still alerting", len(e.seenNets["k1"].nets))
	}
	learn("k2", 0)
	learn("k3", 0)
	if len(e.seenNets) != 2 {
		t.Errorf("keys tracked = %d; want at most MaxSubjects (2)", len(e.seenNets))
	}
}

func TestNetworkOf(t *testing.T) {
	tests := []struct{ a, b string }{
		{"192.0.2.1", "192.0.2.254"},
		{"2001:db8:1:2::1", "2001:db8:1:ffff::9"},
	}
	for _, tc := range tests {
		a, b := networkOf(netip.MustParseAddr(tc.a)), networkOf(netip.MustParseAddr(tc.b))
		if a != b || networkID(a) != networkID(b) {
			t.Errorf("%s and %s: networks %v, %v; want one", tc.a, tc.b, a, b)
		}
	}
	ids := map[uint64]string{}
	for _, s := range []string{"192.0.2.1", "192.0.3.1", "10.0.2.1", "2001:db8:1::1", "2001:db8:2::1", "::ffff:0:0", "c000:200::1"} {
		n := networkOf(netip.MustParseAddr(s))
		if other, dup := ids[networkID(n)]; dup {
			t.Errorf("networks of %s and %s share an id", s, other)
		}
		ids[networkID(n)] = s
	}
}

func TestTrafficSpike(t *testing.T) {
	clock := &fakeClock{t: t0}
	e := newEngine(t, storetest.OpenSQLite(t), clock, nil, nil)
	window := func(n int) {
		for range n {
			e.Request(request("key_s", "192.0.2.1", "allowed"), 0)
		}
		drain(e)
		e.flush(context.Background())
		clock.Add(time.Minute)
	}
	for range 8 {
		window(20) // baseline 20 a minute
	}
	window(150) // 7.5x: above the threshold (100) but not 10x the baseline
	if got := list(t, e.store, Filter{}); len(got) != 0 {
		t.Fatalf("7.5x the baseline raised %+v", got)
	}
	for range 10 {
		window(20)
	}
	window(400)
	got := list(t, e.store, Filter{})
	if len(got) != 1 || got[0].Rule != KeyTrafficSpike {
		t.Fatalf("alerts = %+v; want one key_traffic_spike", got)
	}
}

func TestAuditFedRules(t *testing.T) {
	db := storetest.OpenSQLite(t)
	ctx := context.Background()
	log := newAudit(t, db)
	clock := &fakeClock{t: t0}
	e := newEngine(t, db, clock, nil, nil)
	appendAudit := func(ctx context.Context, en *audit.Entry) {
		if err := log.Append(ctx, en); err != nil {
			t.Fatal(err)
		}
	}
	appendAudit(ctx, &audit.Entry{OrgID: "org_1", Actor: "user:u1", Action: audit.KeyCreated, Target: "key_p", Details: map[string]any{"scopes": "chat:write admin"}})
	appendAudit(ctx, &audit.Entry{OrgID: "org_1", Actor: "user:u1", Action: audit.KeyCreated, Target: "key_q", Details: map[string]any{"scopes": "chat:write"}})
	appendAudit(ctx, &audit.Entry{OrgID: "org_1", Actor: audit.System, Action: audit.LoginFailed, Target: "u2", ClientIP: "192.0.2.5", Details: map[string]any{"reason": "locked"}})
	appendAudit(ctx, &audit.Entry{OrgID: "org_1", Actor: "user:u3", Action: audit.LoginSucceeded, Target: "u3", ClientIP: "192.0.2.6"})
	appendAudit(ctx, &audit.Entry{OrgID: "org_1", Actor: "user:u3", Action: audit.LoginSucceeded, Target: "u3", ClientIP: "192.0.2.6"})
	appendAudit(ctx, &audit.Entry{OrgID: "org_1", Actor: "user:u3", Action: audit.LoginSucceeded, Target: "u3", ClientIP: "203.0.113.6"})
	appendAudit(ctx, &audit.Entry{OrgID: "org_1", Actor: "user:u4", Action: audit.DeviceApproved, Target: "dev_1", ClientIP: "192.0.2.7", Details: map[string]any{"cli_ip": "192.0.2.7"}})
	appendAudit(ctx, &audit.Entry{OrgID: "org_1", Actor: "user:u4", Action: audit.DeviceApproved, Target: "dev_2", ClientIP: "192.0.2.7", Details: map[string]any{"cli_ip": "203.0.113.50"}})
	// Another instance's follower, racing: the entries go to one of them.
	other := NewStore(db, DefaultRules(), nil, nil)
	var (
		wg           sync.WaitGroup
		mine, theirs []*audit.Entry
	)
	wg.Go(func() { mine, _ = e.store.claimAudit(ctx) })
	wg.Go(func() { theirs, _ = other.claimAudit(ctx) })
	wg.Wait()
	if len(mine)+len(theirs) != 8 {
		t.Fatalf("followers read %d and %d entries; want 8 in all", len(mine), len(theirs))
	}
	for _, en := range append(mine, theirs...) {
		e.handle(ctx, event{kind: evAudit, entry: en})
	}
	if again, _ := e.store.claimAudit(ctx); len(again) != 0 {
		t.Errorf("entries read twice: %d", len(again))
	}
	e.flush(ctx)
	got := map[string]string{}
	for _, a := range list(t, e.store, Filter{}) {
		got[a.Rule] = a.Subject
	}
	want := map[string]string{PrivilegedKeyCreated: "key_p", SigninLockout: "u2", SigninNewAddress: "u3", DeviceApprovalMismatch: "u4"}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("alerts by rule (-want +got):\n%s", diff)
	}
}

type brokenChain struct{}

func (brokenChain) Verify(context.Context) (audit.Report, error) {
	return audit.Report{Problems: []audit.Problem{{Seq: 4, Kind: "hash", Detail: "mismatch"}}}, nil
}

func TestAuditChainBrokenAndCertificate(t *testing.T) {
	clock := &fakeClock{t: t0}
	e := newEngine(t, storetest.OpenSQLite(t), clock, nil, func(c *Config) { c.Verifier = brokenChain{} })
	ctx := context.Background()
	e.VerifyAudit(ctx)
	if err := e.CheckCertificate(ctx, "mira.example", &x509.Certificate{NotAfter: t0.Add(30 * 24 * time.Hour)}); err != nil {
		t.Fatal(err)
	}
	if err := e.CheckCertificate(ctx, "mira.example", &x509.Certificate{NotAfter: t0.Add(10 * 24 * time.Hour)}); err != nil {
		t.Fatal(err)
	}
	got := map[string]string{}
	for _, a := range list(t, e.store, Filter{}) {
		got[a.Rule] = a.Subject + " " + a.Severity
	}
	want := map[string]string{AuditChainBroken: "audit_log critical", CertificateExpiring: "mira.example high"}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("alerts (-want +got):\n%s", diff)
	}
}

func TestQueueDropsWhenFull(t *testing.T) {
	e := newEngine(t, storetest.OpenSQLite(t), &fakeClock{t: t0}, nil, func(c *Config) { c.QueueSize = 4 })
	for range 10 {
		e.AuthFailed(mira.EInvalidAPIKey, netip.MustParseAddr("192.0.2.1"), nil, "")
	}
	if got := e.Dropped(); got != 6 {
		t.Errorf("Dropped() = %d; want 6", got)
	}
}

// TestBurstAcrossABucketBoundary: a burst split by one grid's bucket
// boundary falls whole into a bucket of the other grid.
func TestBurstAcrossABucketBoundary(t *testing.T) {
	clock := &fakeClock{t: t0.Add(59 * time.Second)} // buckets of grid 0 start on the minute
	e := newEngine(t, storetest.OpenSQLite(t), clock, nil, nil)
	ip := netip.MustParseAddr("198.51.100.8")
	for range 2 {
		for range 15 {
			e.AuthFailed(mira.EInvalidAPIKey, ip, nil, "")
		}
		drain(e)
		e.flush(context.Background())
		clock.Add(2 * time.Second)
	}
	if got := list(t, e.store, Filter{}); len(got) != 1 || got[0].Rule != AuthFailuresBurst {
		t.Fatalf("alerts = %+v; want one auth_failures_burst", got)
	}
}

// TestAuthFailuresAgainstOnePrefix: guesses at keys sharing one display
// prefix from as many addresses as guesses raise one auth_failures_burst
// naming the prefix; no address reaches the threshold alone.
func TestAuthFailuresAgainstOnePrefix(t *testing.T) {
	clock := &fakeClock{t: t0}
	db := storetest.OpenSQLite(t)
	auditLog := newAudit(t, db) // refuses anything key-shaped
	e := newEngine(t, db, clock, nil, func(c *Config) { c.Store.audit = auditLog })
	for i := range 29 {
		e.AuthFailed(mira.EInvalidAPIKey, netip.AddrFrom4([4]byte{198, 51, 100, byte(10 + i)}), nil, "sk-mira-AbCd")
	}
	// Other prefixes and non-key credentials do not add to it.
	e.AuthFailed(mira.EInvalidAPIKey, netip.MustParseAddr("198.51.100.200"), nil, "sk-mira-AbCe")
	e.AuthFailed(mira.EInvalidAPIKey, netip.MustParseAddr("198.51.100.201"), nil, "")
	e.AuthFailed(mira.EInsufficientScope, netip.MustParseAddr("198.51.100.202"), &mira.Key{ID: "key_s", Prefix: "sk-mira-AbCd"}, "sk-mira-AbCd")
	drain(e)
	e.flush(context.Background())
	if got := list(t, e.store, Filter{}); len(got) != 0 {
		t.Fatalf("alerts below the threshold: %+v", got)
	}
	// The 30th, a known (revoked) key with the prefix, crosses it.
	e.AuthFailed(mira.EKeyRevoked, netip.MustParseAddr("198.51.100.99"), &mira.Key{ID: "key_r", OrgID: "org_1", Prefix: "sk-mira-AbCd", RevokedAt: t0}, "sk-mira-AbCd")
	drain(e)
	e.flush(context.Background())
	got := list(t, e.store, Filter{Rule: AuthFailuresBurst})
	if len(got) != 1 || got[0].Subject != "prefix:sk-mira-AbCd" || got[0].Details["prefix"] != "sk-mira-AbCd" || got[0].OrgID != "" {
		t.Fatalf("auth_failures_burst alerts = %+v; want one for prefix:sk-mira-AbCd", got)
	}
	var auditSubject string
	db.SQL().QueryRow(`SELECT details FROM audit_log WHERE action = ? AND target = ?`, ActionRaised, got[0].ID).Scan(&auditSubject)
	if !strings.Contains(auditSubject, `"subject":"prefix:AbCd"`) {
		t.Errorf("audit details of the alert = %q; want the subject without the key marker", auditSubject)
	}
	for k, v := range got[0].Details {
		if s, ok := v.(string); ok && len(s) > 12 && strings.HasPrefix(s, "sk-mira-") {
			t.Errorf("details[%s] = %q: more than the display prefix", k, s)
		}
	}
	// More in the same window: no second detection.
	for i := range 30 {
		e.AuthFailed(mira.EInvalidAPIKey, netip.AddrFrom4([4]byte{203, 0, 113, byte(i)}), nil, "sk-mira-AbCd")
	}
	drain(e)
	e.flush(context.Background())
	if got := list(t, e.store, Filter{Rule: AuthFailuresBurst}); len(got) != 1 || got[0].Count != 1 {
		t.Fatalf("after more failures in the window: %+v", got)
	}
}
