package oauth

import (
	"context"
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"net/netip"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/vmira/mira/internal/mira"
	"github.com/vmira/mira/internal/store"
	"github.com/vmira/mira/internal/testkit"
)

// otherClient is a second client registered only in tests, to show that a
// code or token of one client is useless to another.
const otherClient = "other-cli"

func init() { clients[otherClient] = "Other CLI" }

var testSecret = []byte("0123456789abcdef0123456789abcdef")

// newClock returns a clock that moves only when told.
func newClock() *testkit.Clock { return testkit.NewClock(time.Date(2025, 6, 1, 12, 0, 0, 0, time.UTC)) }

func newUser(t *testing.T, db *store.DB, email string) *mira.User {
	t.Helper()
	ctx := context.Background()
	org, err := db.OrgByName(ctx, "acme")
	if err != nil {
		org = &mira.Org{Name: "acme", Plan: "free"}
		if err := db.CreateOrg(ctx, org); err != nil {
			t.Fatalf("CreateOrg: %v", err)
		}
	}
	u := &mira.User{OrgID: org.ID, Email: email, Role: mira.RoleMember}
	if err := db.CreateUser(ctx, u); err != nil {
		t.Fatalf("CreateUser: %v", err)
	}
	return u
}

const testIssuer = "https://mira.test"

func newServer(t *testing.T, db *store.DB, clk *testkit.Clock, mutate ...func(*Config)) *Server {
	t.Helper()
	cfg := Config{
		Issuer:         testIssuer,
		AccessTokenTTL: 5 * time.Minute,
		Now:            clk.Now,
		ClientIP: func(r *http.Request) netip.Addr {
			if ip, err := netip.ParseAddr(r.Header.Get("X-Test-IP")); err == nil {
				return ip
			}
			return netip.MustParseAddr("192.0.2.1")
		},
	}
	for _, m := range mutate {
		m(&cfg)
	}
	s, err := New(context.Background(), cfg, db, testSecret)
	if err != nil {
		t.Fatalf("New: %v", err)
	}
	return s
}

// response is a decoded JSON answer.
type response struct {
	Status int
	Header http.Header
	Body   map[string]any
}

func (r response) str(k string) string { s, _ := r.Body[k].(string); return s }

// call sends a form to one of the server's routes.
func call(t *testing.T, s *Server, path string, form url.Values, hdr ...string) response {
	t.Helper()
	mux := http.NewServeMux()
	s.Mount(mux)
	req := httptest.NewRequest(http.MethodPost, path, strings.NewReader(form.Encode()))
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	for i := 0; i+1 < len(hdr); i += 2 {
		req.Header.Set(hdr[i], hdr[i+1])
	}
	rec := httptest.NewRecorder()
	mux.ServeHTTP(rec, req)
	res := response{Status: rec.Code, Header: rec.Header(), Body: map[string]any{}}
	if rec.Body.Len() > 0 {
		if err := json.Unmarshal(rec.Body.Bytes(), &res.Body); err != nil {
			t.Fatalf("POST %s: body %q is not JSON: %v", path, rec.Body.String(), err)
		}
	}
	return res
}

func get(t *testing.T, s *Server, path string) response {
	t.Helper()
	mux := http.NewServeMux()
	s.Mount(mux)
	rec := httptest.NewRecorder()
	mux.ServeHTTP(rec, httptest.NewRequest(http.MethodGet, path, nil))
	res := response{Status: rec.Code, Header: rec.Header(), Body: map[string]any{}}
	if err := json.Unmarshal(rec.Body.Bytes(), &res.Body); err != nil {
		t.Fatalf("GET %s: %v", path, err)
	}
	return res
}

type device struct {
	DeviceCode, UserCode string
}

func startDevice(t *testing.T, s *Server, client string) device {
	t.Helper()
	r := call(t, s, "/oauth/device/code", url.Values{"client_id": {client}})
	if r.Status != 200 {
		t.Fatalf("device authorization: %d %v", r.Status, r.Body)
	}
	return device{r.str("device_code"), r.str("user_code")}
}

func poll(t *testing.T, s *Server, client, deviceCode string) response {
	t.Helper()
	return call(t, s, "/oauth/token", url.Values{"grant_type": {GrantTypeDeviceCode}, "device_code": {deviceCode}, "client_id": {client}})
}

func claimant(u *mira.User, session string) Claimant {
	return Claimant{SessionID: session, UserID: u.ID, IP: netip.MustParseAddr("198.51.100.7")}
}

// approve claims and approves a code as a session of u.
func approve(t *testing.T, s *Server, u *mira.User, userCode string) {
	t.Helper()
	c := claimant(u, "ses_"+u.ID)
	req, err := s.ClaimUserCode(context.Background(), userCode, c)
	if err != nil {
		t.Fatalf("ClaimUserCode: %v", err)
	}
	if err := s.DecideDevice(context.Background(), req.ID, c, true); err != nil {
		t.Fatalf("DecideDevice: %v", err)
	}
}

// signIn runs the device flow to its tokens.
func signIn(t *testing.T, s *Server, clk *testkit.Clock, u *mira.User) response {
	t.Helper()
	d := startDevice(t, s, ClientID)
	approve(t, s, u, d.UserCode)
	r := poll(t, s, ClientID, d.DeviceCode)
	if r.Status != 200 {
		t.Fatalf("token: %d %v", r.Status, r.Body)
	}
	return r
}

func wantError(t *testing.T, what string, r response, status int, code string) {
	t.Helper()
	if r.Status != status || r.str("error") != code {
		t.Errorf("%s = %d %v; want %d error %q", what, r.Status, r.Body, status, code)
	}
}
