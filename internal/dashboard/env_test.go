package dashboard

import (
	"context"
	"encoding/json"
	"html"
	"io"
	"net/http"
	"net/http/cookiejar"
	"net/http/httptest"
	"net/netip"
	"net/url"
	"regexp"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/vmira/mira/internal/keys"

	"github.com/vmira/mira/internal/alerts"
	"github.com/vmira/mira/internal/audit"
	"github.com/vmira/mira/internal/mira"
	"github.com/vmira/mira/internal/oauth"
	"github.com/vmira/mira/internal/password"
	"github.com/vmira/mira/internal/reqlog"
	"github.com/vmira/mira/internal/session"
	"github.com/vmira/mira/internal/store"
)

var testSecret = []byte("0123456789abcdef0123456789abcdef")

const goodPassword = "correct horse battery staple"

var (
	hashOnce sync.Once
	goodHash string
)

func hashed() string {
	hashOnce.Do(func() {
		var err error
		if goodHash, err = password.Hash(goodPassword); err != nil {
			panic(err)
		}
	})
	return goodHash
}

// clock is the real time plus an offset tests may advance: the
// golang.org/x/oauth2 client polls in real time.
// clock is the environment's time: the real time moved by Add, or, once
// frozen, a fixed instant moved only by Add (for tests that count seconds
// between requests, which a loaded machine stretches).
type clock struct{ offset, frozen atomic.Int64 }

func (c *clock) Now() time.Time {
	if f := c.frozen.Load(); f != 0 {
		return time.Unix(0, f+c.offset.Load())
	}
	return time.Now().Add(time.Duration(c.offset.Load()))
}

func (c *clock) Add(d time.Duration) { c.offset.Add(int64(d)) }

// Freeze stops the clock at its current time.
func (c *clock) Freeze() {
	c.frozen.Store(time.Now().UnixNano())
}

type env struct {
	t        *testing.T
	srv      *httptest.Server
	db       *store.DB
	clk      *clock
	oauth    *oauth.Server
	sessions *session.Manager
	audit    *audit.Log
	alerts   *alerts.Store

	changedMu sync.Mutex
	changed   []string // ids of the key changes published
}

// changeRecorder records the key changes the key service publishes.
type changeRecorder struct{ e *env }

func (c changeRecorder) KeyChanged(_ context.Context, keyID string, _ []byte) error {
	c.e.changedMu.Lock()
	defer c.e.changedMu.Unlock()
	c.e.changed = append(c.e.changed, keyID)
	return nil
}

func (e *env) keysChanged() []string {
	e.changedMu.Lock()
	defer e.changedMu.Unlock()
	return append([]string(nil), e.changed...)
}

// newEnv serves the OAuth endpoints and the dashboard over TLS, as the
// server mounts them.
func newEnv(t *testing.T, db *store.DB, mutate ...func(*oauth.Config, *session.Config)) *env {
	t.Helper()
	mux := http.NewServeMux()
	srv := httptest.NewUnstartedServer(mux)
	srv.StartTLS()
	t.Cleanup(srv.Close)
	clk := &clock{}
	ip := func(r *http.Request) netip.Addr {
		if a, err := netip.ParseAddr(r.Header.Get("X-Test-IP")); err == nil {
			return a
		}
		return netip.MustParseAddrPort(r.RemoteAddr).Addr()
	}
	ocfg := oauth.Config{Issuer: srv.URL, PollInterval: time.Second, Now: clk.Now, ClientIP: ip}
	scfg := session.Config{Now: clk.Now, ClientIP: ip}
	for _, m := range mutate {
		m(&ocfg, &scfg)
	}
	o, err := oauth.New(context.Background(), ocfg, db, testSecret)
	if err != nil {
		t.Fatal(err)
	}
	scfg.OnPasswordChange = o.RevokeUserTokens
	sm, err := session.New(scfg, db, testSecret)
	if err != nil {
		t.Fatal(err)
	}
	al, err := audit.New(context.Background(), db, audit.Config{Secret: testSecret, Now: clk.Now})
	if err != nil {
		t.Fatal(err)
	}
	e := &env{t: t, srv: srv, db: db, clk: clk, oauth: o, sessions: sm, audit: al, alerts: alerts.NewStore(db, alerts.DefaultRules(), al, nil)}
	svc := keys.NewService(keys.Config{Store: db, Secret: testSecret, Audit: al, Events: changeRecorder{e}, Now: clk.Now})
	d, err := New(Config{Sessions: sm, OAuth: o, Keys: db, KeyService: svc, Logs: reqlog.NewReader(db, nil), Audit: al,
		Alerts: e.alerts, KeyMaxAge: 90 * 24 * time.Hour, Now: clk.Now})
	if err != nil {
		t.Fatal(err)
	}
	o.Mount(mux)
	d.Mount(mux)
	return e
}

func (e *env) user(email string) *mira.User {
	e.t.Helper()
	ctx := context.Background()
	org, err := e.db.OrgByName(ctx, "acme")
	if err != nil {
		org = &mira.Org{Name: "acme", Plan: "free"}
		if err := e.db.CreateOrg(ctx, org); err != nil {
			e.t.Fatal(err)
		}
	}
	u := &mira.User{OrgID: org.ID, Email: email, Role: mira.RoleMember, PasswordHash: hashed()}
	if err := e.db.CreateUser(ctx, u); err != nil {
		e.t.Fatal(err)
	}
	return u
}

// browser is a cookie-keeping client that does not follow redirects.
type browser struct {
	e      *env
	c      *http.Client
	ip     string
	header http.Header // extra headers on every request
}

func (e *env) browser(ip string) *browser {
	jar, _ := cookiejar.New(nil)
	c := new(http.Client)
	*c = *e.srv.Client() // the server's client is shared: copy it
	c.Jar = jar
	c.CheckRedirect = func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }
	return &browser{e: e, c: c, ip: ip, header: http.Header{}}
}

type page struct {
	Status   int
	Body     string
	Header   http.Header
	Location string
}

func (p page) csrf() string {
	m := regexp.MustCompile(`name="csrf_token" value="([^"]+)"`).FindStringSubmatch(p.Body)
	if m == nil {
		return ""
	}
	return html.UnescapeString(m[1])
}

func (p page) field(name string) string {
	m := regexp.MustCompile(`name="` + name + `"[^>]*value="([^"]*)"`).FindStringSubmatch(p.Body)
	if m == nil {
		return ""
	}
	return html.UnescapeString(m[1])
}

func (b *browser) do(method, path string, form url.Values) page {
	b.e.t.Helper()
	var body io.Reader
	if form != nil {
		body = strings.NewReader(form.Encode())
	}
	req, err := http.NewRequest(method, b.e.srv.URL+path, body)
	if err != nil {
		b.e.t.Fatal(err)
	}
	if form != nil {
		req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	}
	req.Header.Set("X-Test-IP", b.ip)
	for k, v := range b.header {
		req.Header[k] = v
	}
	resp, err := b.c.Do(req)
	if err != nil {
		b.e.t.Fatalf("%s %s: %v", method, path, err)
	}
	defer resp.Body.Close()
	raw, _ := io.ReadAll(resp.Body)
	return page{Status: resp.StatusCode, Body: string(raw), Header: resp.Header, Location: resp.Header.Get("Location")}
}

func (b *browser) get(path string) page { return b.do(http.MethodGet, path, nil) }

// submit posts a form with the CSRF token of the page it came from.
func (b *browser) submit(from page, path string, form url.Values) page {
	b.e.t.Helper()
	if form == nil {
		form = url.Values{}
	}
	form.Set("csrf_token", from.csrf())
	return b.do(http.MethodPost, path, form)
}

// signIn signs in through the login form.
func (b *browser) signIn(email string) page {
	b.e.t.Helper()
	login := b.get("/login")
	if login.Status != 200 || login.csrf() == "" {
		b.e.t.Fatalf("GET /login = %d, csrf %q", login.Status, login.csrf())
	}
	return b.submit(login, "/login", url.Values{"email": {email}, "password": {goodPassword}, "next": {"/dashboard/"}})
}

func (b *browser) mustSignIn(email string) {
	b.e.t.Helper()
	if p := b.signIn(email); p.Status != http.StatusSeeOther || p.Location != "/dashboard/" {
		b.e.t.Fatalf("sign-in of %s = %d %s: %s", email, p.Status, p.Location, p.Body)
	}
}

// cli is a client talking to the OAuth endpoints.
func (e *env) post(path string, form url.Values) (int, map[string]any) {
	e.t.Helper()
	resp, err := e.srv.Client().PostForm(e.srv.URL+path, form)
	if err != nil {
		e.t.Fatal(err)
	}
	defer resp.Body.Close()
	var body map[string]any
	json.NewDecoder(resp.Body).Decode(&body)
	return resp.StatusCode, body
}

type deviceAuth struct{ DeviceCode, UserCode string }

func (e *env) startDevice() deviceAuth {
	e.t.Helper()
	status, body := e.post("/oauth/device/code", url.Values{"client_id": {oauth.ClientID}})
	if status != 200 {
		e.t.Fatalf("device code: %d %v", status, body)
	}
	return deviceAuth{body["device_code"].(string), body["user_code"].(string)}
}

// pollOnce polls the token endpoint once, letting the interval pass first.
func (e *env) pollOnce(deviceCode string) (int, map[string]any) {
	e.clk.Add(6 * time.Second)
	return e.post("/oauth/token", url.Values{"grant_type": {oauth.GrantTypeDeviceCode}, "device_code": {deviceCode}, "client_id": {oauth.ClientID}})
}
