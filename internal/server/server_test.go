package server

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/vmira/mira/internal/apikey"
	"github.com/vmira/mira/internal/config"
	"github.com/vmira/mira/internal/keys"
	"github.com/vmira/mira/internal/metrics"
	"github.com/vmira/mira/internal/mira"
	"github.com/vmira/mira/internal/provider"
	"github.com/vmira/mira/internal/ratelimit"
	"github.com/vmira/mira/internal/reqlog"
	"github.com/vmira/mira/internal/screen"
	"github.com/vmira/mira/internal/store"
	"github.com/vmira/mira/internal/store/storetest"
)

// memKeys is an in-memory KeyStore that counts lookups.
type memKeys struct {
	mu      sync.Mutex
	keys    map[string]*mira.Key // by digest
	lookups int
}

func (m *memKeys) KeyByDigest(_ context.Context, d []byte) (*mira.Key, error) {
	m.mu.Lock()
	defer m.mu.Unlock()
	m.lookups++
	if k, ok := m.keys[string(d)]; ok {
		c := *k
		return &c, nil
	}
	return nil, mira.ErrNotFound
}

func (m *memKeys) OrgByID(_ context.Context, id string) (*mira.Org, error) {
	return &mira.Org{ID: id, Plan: "free"}, nil
}

func (m *memKeys) UserByID(_ context.Context, id string) (*mira.User, error) {
	return &mira.User{ID: id, Role: mira.RoleOwner}, nil
}

func (m *memKeys) TouchKeys(context.Context, []store.KeyUse) error { return nil }

func (m *memKeys) RevokedSince(context.Context, time.Time) ([]store.RevokedKey, error) {
	return nil, nil
}

var testSecret = bytes.Repeat([]byte{1}, 32)

func newTestServer(t testing.TB, scopes ...mira.Scope) (*Server, *memKeys, string) {
	t.Helper()
	reg, err := provider.NewRegistry(provider.NewEcho())
	if err != nil {
		t.Fatal(err)
	}
	raw := apikey.Generate()
	if len(scopes) == 0 {
		scopes = mira.DefaultScopes
	}
	d := apikey.Digest(testSecret, raw)
	ks := &memKeys{keys: map[string]*mira.Key{
		string(d): {ID: "key_1", Digest: d, Scopes: scopes, CreatedAt: time.Now()},
	}}
	s := New(testOptions(Options{Keys: ks, Secret: testSecret, Providers: reg, HTTPSURL: "https://localhost:8443"}))
	return s, ks, raw
}

func TestMalformedKeysNeverReachTheStore(t *testing.T) {
	s, ks, good := newTestServer(t)
	h := s.Handler()
	for _, k := range []string{"", "sk-mira-short", good[:55] + "!", "sk-mira-" + strings.Repeat("A", 48), "Bearer-ish"} {
		req := httptest.NewRequest("GET", "/v1/models", nil)
		req.Header.Set("Authorization", "Bearer "+k)
		rec := httptest.NewRecorder()
		h.ServeHTTP(rec, req)
		if rec.Code != 401 {
			t.Errorf("key %q: status %d", k, rec.Code)
		}
	}
	if ks.lookups != 0 {
		t.Errorf("%d database lookups for malformed keys; want 0", ks.lookups)
	}
	// A valid key is looked up once, then served from the cache.
	for range 3 {
		req := httptest.NewRequest("GET", "/v1/models", nil)
		req.Header.Set("Authorization", "Bearer "+good)
		rec := httptest.NewRecorder()
		h.ServeHTTP(rec, req)
		if rec.Code != 200 {
			t.Fatalf("good key: %d %s", rec.Code, rec.Body)
		}
	}
	if ks.lookups != 1 {
		t.Errorf("%d lookups for three uses of one key; want 1", ks.lookups)
	}
}

// newDBTestServer is a server on a fresh SQLite database holding one key
// (DefaultScopes) of an owner; it returns the key.
func newDBTestServer(t testing.TB, mutate ...func(*Options)) (*Server, *store.DB, string) {
	t.Helper()
	reg, err := provider.NewRegistry(provider.NewEcho())
	if err != nil {
		t.Fatal(err)
	}
	db := storetest.OpenSQLite(t)
	ctx := context.Background()
	org := &mira.Org{Name: "acme", Plan: "free"}
	if err := db.CreateOrg(ctx, org); err != nil {
		t.Fatal(err)
	}
	u := &mira.User{OrgID: org.ID, Email: "owner@example.com", Role: mira.RoleOwner, PasswordHash: "x"}
	if err := db.CreateUser(ctx, u); err != nil {
		t.Fatal(err)
	}
	opt := testOptions(Options{Keys: db, KeyAdmin: db, Secret: testSecret, Providers: reg, HTTPSURL: "https://localhost:8443"})
	for _, m := range mutate {
		m(&opt)
	}
	s := New(opt)
	_, raw, err := s.KeyService().Create(ctx, keys.Spec{OrgID: org.ID, UserID: u.ID, Name: "test"}, keys.Origin{})
	if err != nil {
		t.Fatal(err)
	}
	return s, db, raw
}

func TestPlainHandlerRevokesAndInvalidates(t *testing.T) {
	s, _, key := newDBTestServer(t)
	h := s.Handler()
	use := func() int {
		req := httptest.NewRequest("GET", "/v1/models", nil)
		req.Header.Set("Authorization", "Bearer "+key)
		rec := httptest.NewRecorder()
		h.ServeHTTP(rec, req)
		return rec.Code
	}
	if use() != 200 {
		t.Fatal("key does not work")
	}
	s.opt.RevokeExposedKeys = true
	req := httptest.NewRequest("POST", "/anything", strings.NewReader(`{"api_key":"`+key+`"}`))
	rec := httptest.NewRecorder()
	s.PlainHandler().ServeHTTP(rec, req)
	if rec.Code != 403 || !strings.Contains(rec.Body.String(), "https_required") || !strings.Contains(rec.Body.String(), "revoked") {
		t.Fatalf("plain: %d %s", rec.Code, rec.Body)
	}
	if got := use(); got != 401 {
		t.Errorf("key still works on HTTPS after exposure (status %d): the cache was not invalidated", got)
	}
}

func TestErrorBodyNeverShowsInternals(t *testing.T) {
	status, body := errorBody(mira.Internal(context.DeadlineExceeded))
	b, _ := json.Marshal(body)
	if status != 500 || strings.Contains(string(b), "deadline") {
		t.Errorf("internal error shown as %d %s", status, b)
	}
	status, _ = errorBody(&mira.Error{Code: "made_up", Message: "x"})
	if status != 500 {
		t.Errorf("unknown code mapped to %d; want 500", status)
	}
	for code := range codes {
		if _, body := errorBody(mira.Errorf(code, "m")); *body.Error.Code != code || body.Error.Type == "" {
			t.Errorf("code %s: body %+v", code, body.Error)
		}
	}
}

func TestRedact(t *testing.T) {
	k := apikey.Generate()
	tests := []struct{ in, want string }{
		{"no secrets here", "no secrets here"},
		{"path /v1/" + k + "/x", "path /v1/" + apikey.Mask(k) + "/x"},
		{"broken sk-mira-abc123 end", "broken sk-mira-[REDACTED] end"},
		{k + k, apikey.Mask(k) + apikey.Mask(k)},
	}
	for _, tt := range tests {
		if got := redact(tt.in); got != tt.want {
			t.Errorf("redact(%q) = %q; want %q", tt.in, got, tt.want)
		}
	}
}

func TestPanicBecomesInternalError(t *testing.T) {
	s, _, _ := newTestServer(t)
	h := chain(http.HandlerFunc(func(http.ResponseWriter, *http.Request) { panic("boom sk-mira-secret") }), s.recoverPanics, s.withRequestID)
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, httptest.NewRequest("GET", "/", nil))
	if rec.Code != 500 || !strings.Contains(rec.Body.String(), `"internal_error"`) || strings.Contains(rec.Body.String(), "boom") {
		t.Errorf("panic answered %d %s", rec.Code, rec.Body)
	}
}

// BenchmarkChatEcho measures the whole authenticated chat path in process
// (middleware, key check from the cache, decoding, mira-echo, encoding),
// with rate limiting and content filtering off and on, for ratios taken in
// one run.
func BenchmarkChatEcho(b *testing.B) {
	filters, err := defaultFilters()
	if err != nil {
		b.Fatal(err)
	}
	prompt := strings.Repeat("Tell me about the trams of Lisbon and the pastries by the river. ", 4)
	for _, stream := range []bool{false, true} {
		body := []byte(fmt.Sprintf(`{"model":"mira-echo","stream":%v,"messages":[{"role":"user","content":%q}],"max_tokens":256}`, stream, prompt))
		for _, tc := range []struct {
			name    string
			limit   bool
			filters *screen.Set
		}{{"bare", false, nil}, {"ratelimit", true, nil}, {"filter", false, filters}, {"all", true, filters}} {
			b.Run(fmt.Sprintf("stream=%v/%s", stream, tc.name), func(b *testing.B) {
				s, _, key := newTestServer(b)
				if tc.limit {
					s.opt.Limiter = ratelimit.NewMemory(ratelimit.MemoryOptions{})
					s.opt.Plans = map[string]ratelimit.Plan{"free": {Name: "free", RequestsPerMinute: 1e9, TokensPerMinute: 1e9, RequestsPerDay: 1e8, Concurrent: 1000}}
				}
				s.opt.Screen = tc.filters
				h := s.Handler()
				b.ReportAllocs()
				for b.Loop() {
					post(b, h, key, body)
				}
			})
		}
	}
}

// BenchmarkChatEchoRequestLog measures the chat path with request logging
// off and on (a real writer on SQLite, metadata only), in one run.
func BenchmarkChatEchoRequestLog(b *testing.B) {
	for _, on := range []bool{false, true} {
		b.Run(fmt.Sprintf("log=%v", on), func(b *testing.B) {
			s, _, key := newTestServer(b)
			if on {
				w, err := reqlog.NewWriter(storetest.OpenSQLite(b), reqlog.Config{})
				if err != nil {
					b.Fatal(err)
				}
				defer w.Close()
				s.opt.RequestLog = w
			}
			benchChat(b, s.Handler(), key)
		})
	}
}

// benchBody is the small chat request the chat-path benchmarks send.
const benchBody = `{"model":"mira-echo","messages":[{"role":"user","content":"Say hello in one short sentence."}],"max_tokens":16}`

// benchChat sends benchBody to h with key until the benchmark ends.
func benchChat(b *testing.B, h http.Handler, key string) {
	body := []byte(benchBody)
	b.ReportAllocs()
	for b.Loop() {
		post(b, h, key, body)
	}
}

// BenchmarkChatEchoMetrics measures the chat path with the Prometheus
// metrics observer off and on, in one run.
func BenchmarkChatEchoMetrics(b *testing.B) {
	for _, on := range []bool{false, true} {
		b.Run(fmt.Sprintf("metrics=%v", on), func(b *testing.B) {
			s, _, key := newTestServer(b)
			if on {
				s.opt.Observer = metrics.New(metrics.Config{Models: []string{"mira-echo"}, Backends: []string{"mira"}})
			}
			benchChat(b, s.Handler(), key)
		})
	}
}

// BenchmarkChatEchoMetricsPaired runs the chat path without and with the
// metrics observer alternately in each iteration, so that the noise of a
// shared machine falls on both alike; it reports each side's time per
// request and the ratio.
func BenchmarkChatEchoMetricsPaired(b *testing.B) {
	body := []byte(benchBody)
	var hs [2]http.Handler
	var keys [2]string
	for i := range hs {
		s, _, key := newTestServer(b)
		if i == 1 {
			s.opt.Observer = metrics.New(metrics.Config{Models: []string{"mira-echo"}, Backends: []string{"mira"}})
		}
		hs[i], keys[i] = s.Handler(), key
	}
	var took [2]time.Duration
	n := 0
	for b.Loop() {
		for j := range 2 {
			i := (n + j) % 2 // alternate which side goes first
			req := httptest.NewRequest("POST", "/v1/chat/completions", bytes.NewReader(body))
			req.Header.Set("Authorization", "Bearer "+keys[i])
			rec := httptest.NewRecorder()
			start := time.Now()
			hs[i].ServeHTTP(rec, req)
			took[i] += time.Since(start)
			if rec.Code != 200 {
				b.Fatal(rec.Code, rec.Body)
			}
		}
		n++
	}
	b.ReportMetric(float64(took[0].Nanoseconds())/float64(n), "ns/req-off")
	b.ReportMetric(float64(took[1].Nanoseconds())/float64(n), "ns/req-on")
	b.ReportMetric(float64(took[1])/float64(took[0]), "on/off")
}

// BenchmarkAuthenticate measures key verification from the cache.
func BenchmarkAuthenticate(b *testing.B) {
	s, _, key := newTestServer(b)
	ctx := context.Background()
	b.ReportAllocs()
	for b.Loop() {
		if _, err := s.auth.Authenticate(ctx, key); err != nil {
			b.Fatal(err)
		}
	}
}

// defaultFilters is the screening set of the default configuration, as
// `mira serve` builds it.
func defaultFilters() (*screen.Set, error) {
	return screen.Build(config.Default(), func(string) string { return "" })
}

// testOptions fills in opt the values `mira serve` takes from the default
// configuration.
func testOptions(opt Options) Options {
	c := config.Default()
	opt.MaxBodyBytes = c.HTTP.MaxBodyBytes
	opt.BodyTimeout = c.HTTP.BodyTimeout.D()
	opt.WriteTimeout = c.HTTP.WriteTimeout.D()
	opt.Limits.MaxMessages = c.HTTP.MaxMessages
	opt.UnauthenticatedPerMinute = c.RateLimits.UnauthenticatedPerMinute
	opt.FailedAuthPerMinute = c.RateLimits.FailedAuthPerMinute
	opt.DefaultOutputTokens = c.RateLimits.DefaultOutputTokens
	return opt
}
