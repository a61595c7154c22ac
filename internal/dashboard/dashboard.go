// Package dashboard is Mira's browser UI: a base layout with embedded
// static assets (no CDN, no inline script or style, so the CSP is strict),
// the sign-in pages, the /device page where a signed-in user approves a
// CLI sign-in, and the account security page. Later pages (keys, usage,
// logs) add a template under templates/ and call Render.
package dashboard

import (
	"bytes"
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
	"time"

	"github.com/vmira/mira/internal/mira"
	"github.com/vmira/mira/internal/oauth"
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
}

// Dashboard serves the browser pages.
type Dashboard struct {
	sessions *session.Manager
	oauth    *oauth.Server
	log      *slog.Logger
	pages    map[string]*template.Template
	static   fs.FS
	version  map[string]string // static file -> content hash, for cache busting
}

// New parses the templates and returns a Dashboard.
func New(cfg Config) (*Dashboard, error) {
	if cfg.Sessions == nil || cfg.OAuth == nil {
		return nil, errors.New("dashboard: Sessions and OAuth are required")
	}
	if cfg.Logger == nil {
		cfg.Logger = slog.New(slog.DiscardHandler)
	}
	static, err := fs.Sub(staticFS, "static")
	if err != nil {
		return nil, err
	}
	d := &Dashboard{sessions: cfg.Sessions, oauth: cfg.OAuth, log: cfg.Logger, pages: map[string]*template.Template{}, static: static, version: map[string]string{}}
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
		"rfc3339": func(t time.Time) string { return t.UTC().Format(time.RFC3339) },
		"when":    func(t time.Time) string { return t.UTC().Format("2006-01-02 15:04:05 UTC") },
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
	Data  any        // the page's own data
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
	return []Route{
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
			for _, p := range []string{"/device", "/dashboard/security"} {
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

func (d *Dashboard) home(w http.ResponseWriter, r *http.Request) {
	d.Render(w, r, http.StatusOK, "home", &Page{Title: "Dashboard"})
}

func retryText(wait time.Duration) string {
	if wait < time.Minute {
		return fmt.Sprintf("%d seconds", int((wait+time.Second-1)/time.Second))
	}
	return fmt.Sprintf("%d minutes", int((wait+time.Minute-1)/time.Minute))
}

func setRetryAfter(w http.ResponseWriter, wait time.Duration) {
	w.Header().Set("Retry-After", fmt.Sprint(int((wait+time.Second-1)/time.Second)))
}
