// Package dashboard is Mira's browser UI: a base layout with embedded
// static assets (no CDN, no inline script or style, so the CSP is strict),
// the sign-in pages, the /device page where a signed-in user approves a
// CLI sign-in, the account security page, and (when their dependencies are
// configured) the API key, usage, request log and audit log pages. A page
// is a template under templates/ rendered with Render.
package dashboard

import (
	"bytes"
	"cmp"
	"context"
	"crypto/sha256"
	"embed"
	"encoding/hex"
	"errors"
	"fmt"
	"html/template"
	"io/fs"
	"log/slog"
	"net/http"
	"strings"
	"sync"
	"time"

	"github.com/vmira/mira/internal/audit"
	"github.com/vmira/mira/internal/keys"
	"github.com/vmira/mira/internal/members"
	"github.com/vmira/mira/internal/mira"
	"github.com/vmira/mira/internal/oauth"
	"github.com/vmira/mira/internal/reqlog"
	"github.com/vmira/mira/internal/session"
)

//go:embed templates/*.html
var templateFS embed.FS

//go:embed static
var staticFS embed.FS

// ContentSecurityPolicy is sent with every page.
const ContentSecurityPolicy = "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; form-action 'self'; frame-ancestors 'none'; base-uri 'none'"

// Config configures the dashboard.
type Config struct {
	Sessions *session.Manager // required
	OAuth    *oauth.Server    // required for /device
	Logger   *slog.Logger

	// Keys and KeyService enable the API key pages (/dashboard/keys):
	// Keys reads them, KeyService makes every change (stored and audited
	// together, then dropped from every instance's cache), the same
	// service as the management API's.
	Keys       KeyStore
	KeyService *keys.Service
	// KeyMaxAge marks older active keys as due for rotation (0: never);
	// with ExpireOldKeys they are shown expired at that age, as the API
	// refuses them.
	KeyMaxAge     time.Duration
	ExpireOldKeys bool
	// Logs enables /dashboard/usage and /dashboard/logs.
	Logs LogReader
	// Audit enables /dashboard/audit. Key changes are audited by
	// KeyService.
	Audit AuditLog
	// Alerts enables /dashboard/alerts (owners and admins).
	Alerts AlertStore
	// Members enables /dashboard/members (owners and admins) and the
	// invitation links' page, /invite.
	Members *members.Service
	// Now is the clock; default time.Now.
	Now func() time.Time
}

// KeyStore is what the key pages need from the database (*store.DB).
type KeyStore interface {
	KeyByID(ctx context.Context, id string) (*mira.Key, error)
	ListKeys(ctx context.Context, orgID string) ([]*mira.Key, error)
	KeyExposures(ctx context.Context, keyID string) ([]mira.KeyExposure, error)
	UserByID(ctx context.Context, id string) (*mira.User, error)
}

// LogReader answers usage and request log queries (*reqlog.Reader).
type LogReader interface {
	Usage(ctx context.Context, q reqlog.UsageQuery) ([]reqlog.UsageRow, error)
	Logs(ctx context.Context, q reqlog.LogQuery) (reqlog.LogPage, error)
}

// AuditLog is the audit log (*audit.Log).
type AuditLog interface {
	List(ctx context.Context, f audit.Filter) (audit.Page, error)
	Verify(ctx context.Context) (audit.Report, error)
}

// Dashboard serves the browser pages.
type Dashboard struct {
	sessions *session.Manager
	oauth    *oauth.Server
	log      *slog.Logger
	pages    map[string]*template.Template
	static   fs.FS
	version  map[string]string // static file -> content hash, for cache busting

	keys          KeyStore
	keySvc        *keys.Service
	keyMaxAge     time.Duration
	expireOldKeys bool
	logs          LogReader
	audit         AuditLog
	alerts        AlertStore
	members       *members.Service
	now           func() time.Time

	// sent remembers the create-key and invite forms already sent (per
	// session and form id), so that sending one again (a reload of the
	// result page) says so instead of creating a second key or invitation.
	// Per instance and for an hour: it guards against accidents, not
	// attacks.
	sentMu sync.Mutex
	sent   map[string]sentForm
}

// sentForm is what a form created: a key or an invitation.
type sentForm struct {
	key        *mira.Key
	invitation *members.Invited
	at         time.Time
}

// New parses the templates and returns a Dashboard.
func New(cfg Config) (*Dashboard, error) {
	if cfg.Sessions == nil || cfg.OAuth == nil {
		return nil, errors.New("dashboard: Sessions and OAuth are required")
	}
	cfg.Logger = cmp.Or(cfg.Logger, slog.New(slog.DiscardHandler))
	static, err := fs.Sub(staticFS, "static")
	if err != nil {
		return nil, err
	}
	if cfg.Keys != nil && cfg.KeyService == nil {
		return nil, errors.New("dashboard: the key pages need the key service")
	}
	if cfg.Now == nil {
		cfg.Now = time.Now
	}
	d := &Dashboard{sessions: cfg.Sessions, oauth: cfg.OAuth, log: cfg.Logger, pages: map[string]*template.Template{}, static: static, version: map[string]string{},
		keys: cfg.Keys, keySvc: cfg.KeyService, keyMaxAge: cfg.KeyMaxAge, expireOldKeys: cfg.ExpireOldKeys,
		logs: cfg.Logs, audit: cfg.Audit, alerts: cfg.Alerts, members: cfg.Members, now: cfg.Now, sent: map[string]sentForm{}}
	err = fs.WalkDir(static, ".", func(p string, e fs.DirEntry, err error) error {
		if err != nil || e.IsDir() {
			return err
		}
		b, err := fs.ReadFile(static, p)
		if err != nil {
			return err
		}
		sum := sha256.Sum256(b)
		d.version[p] = hex.EncodeToString(sum[:6])
		return nil
	})
	if err != nil {
		return nil, err
	}
	funcs := template.FuncMap{
		"static": func(name string) (string, error) {
			v, ok := d.version[name]
			if !ok {
				return "", fmt.Errorf("no static file %q", name)
			}
			return "/static/" + name + "?v=" + v, nil
		},
		"rfc3339":  func(t time.Time) string { return t.UTC().Format(time.RFC3339) },
		"when":     func(t time.Time) string { return t.UTC().Format("2006-01-02 15:04:05 UTC") },
		"short":    func(t time.Time) string { return t.UTC().Format("2006-01-02 15:04 UTC") },
		"ago":      func(t time.Time) string { return ago(d.now(), t) },
		"num":      formatInt,
		"cidrs":    cidrText,
		"exposure": exposureSource,
		"join":     strings.Join,
		"dict":     dict,
		"plural": func(n int64, one, many string) string {
			if n == 1 {
				return one
			}
			return many
		},
		"ms": func(l time.Duration) string { return fmt.Sprintf("%.1f ms", float64(l.Microseconds())/1000) },
	}
	names, err := fs.Glob(templateFS, "templates/*.html")
	if err != nil {
		return nil, err
	}
	for _, n := range names {
		page := strings.TrimSuffix(strings.TrimPrefix(n, "templates/"), ".html")
		if page == "layout" {
			continue
		}
		t, err := template.New(page).Funcs(funcs).ParseFS(templateFS, "templates/layout.html", n)
		if err != nil {
			return nil, fmt.Errorf("dashboard: template %s: %w", page, err)
		}
		d.pages[page] = t
	}
	return d, nil
}

// Page is what the layout renders around a page's content.
type Page struct {
	Title string
	User  *mira.User // nil when signed out
	CSRF  string     // for every form on the page
	Flash string     // a confirmation
	Error string     // what went wrong, announced to screen readers
	Wide  bool       // tables: use the whole width of the screen
	Data  any        // the page's own data

	Path string    // the request's path, for the navigation; set by Render
	Nav  []navLink // the main navigation; set by Render
}

type navLink struct {
	Path, Text string
	Current    bool
}

// Render writes page (a file templates/<page>.html defining "content")
// inside the layout with status. User and CSRF are filled in from r.
func (d *Dashboard) Render(w http.ResponseWriter, r *http.Request, status int, page string, p *Page) {
	t, ok := d.pages[page]
	if !ok {
		d.fail(w, r, fmt.Errorf("dashboard: no page %q", page))
		return
	}
	if p.User == nil {
		p.User = session.UserFrom(r)
	}
	if p.CSRF == "" {
		p.CSRF = d.sessions.CSRFToken(w, r)
	}
	p.Path = r.URL.Path
	if p.User != nil {
		p.Nav = d.nav(p.User, r.URL.Path)
	}
	var buf bytes.Buffer
	if err := t.ExecuteTemplate(&buf, "layout", p); err != nil {
		d.fail(w, r, err)
		return
	}
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	w.WriteHeader(status)
	w.Write(buf.Bytes())
}

// fail answers an internal error without details.
func (d *Dashboard) fail(w http.ResponseWriter, r *http.Request, err error) {
	d.log.Error("dashboard: request failed", "path", r.URL.Path, "error", err)
	http.Error(w, "internal error", http.StatusInternalServerError)
}

// message renders a page of plain paragraphs.
func (d *Dashboard) message(w http.ResponseWriter, r *http.Request, status int, title string, link, linkText string, paragraphs ...string) {
	d.Render(w, r, status, "message", &Page{Title: title, Data: map[string]any{"Paragraphs": paragraphs, "LinkURL": link, "LinkText": linkText}})
}

// pageHeaders sets the security headers of every page.
func pageHeaders(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		h := w.Header()
		h.Set("Content-Security-Policy", ContentSecurityPolicy)
		h.Set("X-Content-Type-Options", "nosniff")
		h.Set("X-Frame-Options", "DENY")
		h.Set("Referrer-Policy", "no-referrer")
		h.Set("Cross-Origin-Opener-Policy", "same-origin")
		h.Set("Cross-Origin-Resource-Policy", "same-origin")
		h.Set("Permissions-Policy", "camera=(), microphone=(), geolocation=(), payment=(), usb=()")
		h.Set("Cache-Control", "no-store")
		next.ServeHTTP(w, r)
	})
}

// Route is one endpoint to mount.
type Route struct {
	Pattern string
	Handler http.Handler
}

// Routes returns the dashboard's endpoints.
func (d *Dashboard) Routes() []Route {
	page := func(h http.HandlerFunc) http.Handler { return pageHeaders(h) }
	user := func(h http.HandlerFunc) http.Handler { return pageHeaders(d.sessions.RequireUser(h)) }
	form := func(h http.HandlerFunc) http.Handler { return pageHeaders(d.sessions.RequireUser(d.checkCSRF(h))) }
	routes := []Route{
		{"GET /login", page(d.loginPage)},
		{"POST /login", page(d.checkCSRF(d.loginSubmit))},
		{"GET /login/2fa", page(d.mfaPage)},
		{"POST /login/2fa", page(d.checkCSRF(d.mfaSubmit))},
		{"POST /logout", page(d.checkCSRF(d.logout))},
		{"GET /device", user(d.devicePage)},
		{"POST /device", form(d.deviceClaim)},
		{"POST /device/decide", form(d.deviceDecide)},
		{"GET /dashboard/{$}", user(d.home)},
		{"GET /dashboard/security", user(d.securityPage)},
		{"POST /dashboard/security/password", form(d.changePassword)},
		{"POST /dashboard/security/2fa/setup", form(d.totpSetup)},
		{"POST /dashboard/security/2fa/confirm", form(d.totpConfirm)},
		{"POST /dashboard/security/2fa/disable", form(d.totpDisable)},
		{"GET /static/{file}", http.HandlerFunc(d.serveStatic)},
	}
	if d.keys != nil {
		routes = append(routes,
			Route{"GET /dashboard/keys", user(d.keysPage)},
			Route{"GET /dashboard/keys/new", user(d.newKeyPage)},
			Route{"POST /dashboard/keys", form(d.createKey)},
			Route{"GET /dashboard/keys/{id}/rotate", user(d.confirmRotate)},
			Route{"POST /dashboard/keys/{id}/rotate", form(d.rotateKey)},
			Route{"GET /dashboard/keys/{id}/revoke", user(d.confirmRevoke)},
			Route{"POST /dashboard/keys/{id}/revoke", form(d.revokeKey)},
		)
	}
	if d.logs != nil {
		routes = append(routes,
			Route{"GET /dashboard/usage", user(d.usagePage)},
			Route{"GET /dashboard/logs", user(d.logsPage)},
		)
	}
	if d.audit != nil {
		routes = append(routes, Route{"GET /dashboard/audit", user(d.auditPage)},
			Route{"GET /dashboard/backups", user(d.backupsPage)})
	}
	if d.alerts != nil {
		routes = append(routes,
			Route{"GET /dashboard/alerts", user(d.alertsPage)},
			Route{"POST /dashboard/alerts/{id}/ack", form(d.ackAlert)},
		)
	}
	if d.members != nil {
		routes = append(routes, d.memberRoutes(page, user, form)...)
	}
	return routes
}

// nav is the main navigation for u: only the pages u may open.
func (d *Dashboard) nav(u *mira.User, path string) []navLink {
	links := []navLink{{Path: "/dashboard/", Text: "Overview"}}
	if d.keys != nil {
		links = append(links, navLink{Path: "/dashboard/keys", Text: "API keys"})
	}
	if d.logs != nil {
		links = append(links, navLink{Path: "/dashboard/usage", Text: "Usage"}, navLink{Path: "/dashboard/logs", Text: "Logs"})
	}
	if d.audit != nil && canAdminister(u) {
		links = append(links, navLink{Path: "/dashboard/audit", Text: "Audit log"})
	}
	if d.audit != nil && isOwner(u) {
		links = append(links, navLink{Path: "/dashboard/backups", Text: "Backups"})
	}
	if d.alerts != nil && canAdminister(u) {
		links = append(links, navLink{Path: "/dashboard/alerts", Text: "Alerts"})
	}
	if d.members != nil && canAdminister(u) {
		links = append(links, navLink{Path: "/dashboard/members", Text: "Members"})
	}
	links = append(links, navLink{Path: "/device", Text: "Approve a device"}, navLink{Path: "/dashboard/security", Text: "Security"})
	for i := range links {
		l := &links[i]
		l.Current = path == l.Path || (l.Path != "/dashboard/" && strings.HasPrefix(path, l.Path+"/"))
	}
	return links
}

// Mount registers the endpoints on mux.
func (d *Dashboard) Mount(mux *http.ServeMux) {
	for _, r := range d.Routes() {
		mux.Handle(r.Pattern, r.Handler)
	}
}

// checkCSRF refuses a form that fails session.CheckCSRF with a page that
// says what to do.
func (d *Dashboard) checkCSRF(next http.HandlerFunc) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		if err := d.sessions.CheckCSRF(w, r); err != nil {
			if !errors.Is(err, session.ErrCSRF) {
				d.fail(w, r, err)
				return
			}
			back := "/login"
			for _, p := range []string{"/device", "/dashboard/security", "/dashboard/keys", "/dashboard/alerts", "/dashboard/members"} {
				if strings.HasPrefix(r.URL.Path, p) {
					back = p
				}
			}
			d.message(w, r, http.StatusForbidden, "Form expired", back, "Go back and try again",
				"This form expired or was sent from another site, so nothing was done.")
			return
		}
		next(w, r)
	}
}

func (d *Dashboard) serveStatic(w http.ResponseWriter, r *http.Request) {
	name := r.PathValue("file")
	b, err := fs.ReadFile(d.static, name)
	if err != nil {
		http.NotFound(w, r)
		return
	}
	switch {
	case strings.HasSuffix(name, ".css"):
		w.Header().Set("Content-Type", "text/css; charset=utf-8")
	case strings.HasSuffix(name, ".js"):
		w.Header().Set("Content-Type", "text/javascript; charset=utf-8")
	case strings.HasSuffix(name, ".svg"):
		w.Header().Set("Content-Type", "image/svg+xml")
		w.Header().Set("Content-Security-Policy", "default-src 'none'; style-src 'unsafe-inline'")
	default:
		w.Header().Set("Content-Type", "application/octet-stream")
	}
	w.Header().Set("X-Content-Type-Options", "nosniff")
	w.Header().Set("Cross-Origin-Resource-Policy", "same-origin")
	if r.URL.Query().Get("v") == d.version[name] {
		w.Header().Set("Cache-Control", "public, max-age=31536000, immutable")
	} else {
		w.Header().Set("Cache-Control", "no-cache")
	}
	w.Write(b)
}

type homeData struct {
	Keys, Logs, Audit bool
}

func (d *Dashboard) home(w http.ResponseWriter, r *http.Request) {
	d.Render(w, r, http.StatusOK, "home", &Page{Title: "Dashboard",
		Data: homeData{Keys: d.keys != nil, Logs: d.logs != nil, Audit: d.audit != nil && canAdminister(session.UserFrom(r))}})
}

// dict makes a map of its key, value arguments, for sub-templates.
func dict(kv ...any) (map[string]any, error) {
	if len(kv)%2 != 0 {
		return nil, errors.New("dict: odd number of arguments")
	}
	m := make(map[string]any, len(kv)/2)
	for i := 0; i < len(kv); i += 2 {
		k, ok := kv[i].(string)
		if !ok {
			return nil, errors.New("dict: keys must be strings")
		}
		m[k] = kv[i+1]
	}
	return m, nil
}

// ago says how long before now t was, roughly.
func ago(now, t time.Time) string {
	d := now.Sub(t)
	switch {
	case d < 0:
		return "just now"
	case d < time.Minute:
		return "just now"
	case d < time.Hour:
		return plural(int(d/time.Minute), "minute") + " ago"
	case d < 48*time.Hour:
		return plural(int(d/time.Hour), "hour") + " ago"
	default:
		return plural(int(d/(24*time.Hour)), "day") + " ago"
	}
}

func plural(n int, unit string) string {
	if n == 1 {
		return "1 " + unit
	}
	return fmt.Sprintf("%d %ss", n, unit)
}

// formatInt writes n with thin separators: 1 234 567.
func formatInt(n int64) string {
	s := fmt.Sprint(n)
	neg := strings.HasPrefix(s, "-")
	s = strings.TrimPrefix(s, "-")
	var b strings.Builder
	for i, c := range s {
		if i > 0 && (len(s)-i)%3 == 0 {
			b.WriteString("\u202f")
		}
		b.WriteRune(c)
	}
	if neg {
		return "-" + b.String()
	}
	return b.String()
}

func retryText(wait time.Duration) string {
	if wait < time.Minute {
		return fmt.Sprintf("%d seconds", int((wait+time.Second-1)/time.Second))
	}
	return fmt.Sprintf("%d minutes", int((wait+time.Minute-1)/time.Minute))
}
