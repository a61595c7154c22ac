package main

import (
	"context"
	"crypto/sha256"
	"encoding/base64"
	"fmt"
	"net/http"
	"net/url"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"sync"
	"testing"
	"time"

	cdpbrowser "github.com/chromedp/cdproto/browser"
	"github.com/chromedp/cdproto/log"
	"github.com/chromedp/cdproto/network"
	"github.com/chromedp/cdproto/page"
	"github.com/chromedp/cdproto/runtime"
	"github.com/chromedp/chromedp"

	"github.com/vmira/mira/internal/apikey"
	"github.com/vmira/mira/internal/dashboard"
	"github.com/vmira/mira/internal/testkit"
)

// Browser tests: Debian's chromium, headless, driven by chromedp, against
// a real `mira serve`. They are skipped when /usr/bin/chromium is absent,
// unless MIRA_TEST_REQUIRE_BROWSER is set (CI sets it, and installs
// chromium). Screenshots go to $MIRA_TEST_ARTIFACTS (default: a temporary
// directory), at desktop width and at 375 px.

const chromiumPath = "/usr/bin/chromium"

func requireChromium(t *testing.T) {
	t.Helper()
	if _, err := os.Stat(chromiumPath); err != nil {
		if os.Getenv("MIRA_TEST_REQUIRE_BROWSER") != "" {
			t.Fatalf("MIRA_TEST_REQUIRE_BROWSER is set but %s is missing: apt-get install -y chromium", chromiumPath)
		}
		t.Skipf("%s not installed (apt-get install -y chromium); set MIRA_TEST_REQUIRE_BROWSER to make this a failure", chromiumPath)
	}
}

// pageLoad is a document the browser received.
type pageLoad struct {
	URL    string
	Status int64
	CSP    string
}

// web is a headless chromium session against a test server, recording
// every document it loads and every console message.
type web struct {
	t         *testing.T
	ts        *testServer
	ctx       context.Context
	artifacts string
	output    *testkit.Buffer // chromium's own output, shown on failure

	mu      sync.Mutex
	loads   []pageLoad
	console []string // errors: exceptions, console.error, browser log errors
}

func newWeb(t *testing.T, ts *testServer) *web {
	t.Helper()
	requireChromium(t)
	// Trust exactly the server's certificate, by the hash of its public
	// key, so that verification stays on for everything else.
	resp, _ := ts.do(t, "GET", "/healthz", "", "")
	if resp.TLS == nil || len(resp.TLS.PeerCertificates) == 0 {
		t.Fatal("no server certificate")
	}
	spki := sha256.Sum256(resp.TLS.PeerCertificates[0].RawSubjectPublicKeyInfo)

	artifacts := os.Getenv("MIRA_TEST_ARTIFACTS")
	if artifacts == "" {
		artifacts = t.TempDir()
	}
	artifacts = filepath.Join(artifacts, strings.ReplaceAll(t.Name(), "/", "_"))
	if err := os.MkdirAll(artifacts, 0o755); err != nil {
		t.Fatal(err)
	}
	w := &web{t: t, ts: ts, artifacts: artifacts, output: &testkit.Buffer{}}
	actx, cancelAlloc := chromedp.NewExecAllocator(context.Background(),
		chromedp.ExecPath(chromiumPath),
		chromedp.Headless,
		chromedp.NoSandbox,
		chromedp.DisableGPU,
		chromedp.NoFirstRun,
		chromedp.NoDefaultBrowserCheck,
		chromedp.Flag("disable-background-networking", true),
		chromedp.Flag("disable-component-update", true),
		chromedp.Flag("disable-sync", true),
		chromedp.Flag("disable-dev-shm-usage", true),
		chromedp.Flag("disable-extensions", true),
		chromedp.Flag("disable-prompt-on-repost", true), // a reload sends a form again, without asking
		chromedp.Flag("ignore-certificate-errors-spki-list", base64.StdEncoding.EncodeToString(spki[:])),
		chromedp.UserDataDir(t.TempDir()),
		chromedp.WindowSize(1280, 900),
		chromedp.CombinedOutput(w.output),
	)
	ctx, cancelCtx := chromedp.NewContext(actx)
	w.ctx = ctx
	t.Cleanup(func() {
		cancelCtx()
		cancelAlloc()
		if t.Failed() {
			t.Logf("chromium output:\n%s", w.output.String())
		}
	})
	if err := chromedp.Do(ctx); err != nil {
		t.Fatalf("starting chromium: %v\n%s", err, w.output.String())
	}
	for _, name := range []string{"clipboard-read", "clipboard-write"} {
		if _, err := chromedp.CallBrowser(ctx, cdpbrowser.SetPermission, cdpbrowser.SetPermissionParams{
			Permission: &cdpbrowser.PermissionDescriptor{Name: name}, Setting: "granted", Origin: ts.URL()}); err != nil {
			t.Fatalf("granting %s: %v", name, err)
		}
	}
	err := chromedp.Listen(ctx, func(ev any) {
		w.mu.Lock()
		defer w.mu.Unlock()
		switch ev := ev.(type) {
		case *network.EventResponseReceived:
			if ev.Type != network.ResourceTypeDocument || ev.Response == nil {
				return
			}
			l := pageLoad{URL: ev.Response.URL, Status: ev.Response.Status}
			for k, v := range ev.Response.Headers {
				if strings.EqualFold(k, "Content-Security-Policy") {
					l.CSP = fmt.Sprint(v)
				}
			}
			w.loads = append(w.loads, l)
		case *runtime.EventExceptionThrown:
			w.console = append(w.console, "exception: "+ev.ExceptionDetails.Text+describe(ev.ExceptionDetails.Exception))
		case *runtime.EventConsoleAPICalled:
			if ev.Type == runtime.ConsoleAPICalledTypeError || ev.Type == runtime.ConsoleAPICalledTypeAssert {
				var parts []string
				for _, a := range ev.Args {
					parts = append(parts, string(a.Value)+a.Description)
				}
				w.console = append(w.console, "console."+string(ev.Type)+": "+strings.Join(parts, " "))
			}
		case *log.EventEntryAdded:
			e := ev.Entry
			if e.Level != log.EntryLevelError {
				return
			}
			// The browser logs a page's own status of 400 and above as a
			// failed resource; those statuses are checked on their own.
			if e.Source == log.EntrySourceNetwork && w.isDocument(e.URL) {
				return
			}
			w.console = append(w.console, fmt.Sprintf("log %s: %s (%s)", e.Source, e.Text, e.URL))
		}
	})
	if err != nil {
		t.Fatal(err)
	}
	return w
}

func describe(o *runtime.RemoteObject) string {
	if o == nil {
		return ""
	}
	return " " + o.Description
}

// isDocument reports whether u was loaded as a page (w.mu held).
func (w *web) isDocument(u string) bool {
	for _, l := range w.loads {
		if l.URL == u {
			return true
		}
	}
	return false
}

// do runs steps with a time limit.
func (w *web) do(what string, steps ...chromedp.Action[chromedp.Void]) {
	w.t.Helper()
	ctx, cancel := context.WithTimeout(w.ctx, 20*time.Second)
	defer cancel()
	if err := chromedp.Do(ctx, steps...); err != nil {
		w.t.Fatalf("%s: %v", what, err)
	}
}

func webRun[T any](w *web, what string, a chromedp.Action[T]) T {
	w.t.Helper()
	ctx, cancel := context.WithTimeout(w.ctx, 20*time.Second)
	defer cancel()
	v, err := chromedp.Run(ctx, a)
	if err != nil {
		w.t.Fatalf("%s: %v", what, err)
	}
	return v
}

func (w *web) open(path string) {
	w.t.Helper()
	w.do("open "+path, chromedp.Navigate(w.ts.URL()+path))
}

func (w *web) html() string {
	w.t.Helper()
	return webRun(w, "read the page", chromedp.OuterHTML(chromedp.CSS("html")))
}

func (w *web) text(sel string) string {
	w.t.Helper()
	return webRun(w, "text of "+sel, chromedp.Text(chromedp.CSS(sel)))
}

func (w *web) path() string {
	w.t.Helper()
	loc := webRun(w, "location", chromedp.Location())
	u, err := url.Parse(loc)
	if err != nil {
		w.t.Fatal(err)
	}
	return u.RequestURI()
}

// shot saves full-page screenshots of the current page at desktop width
// and at 375 px, and checks that nothing is wider than a phone's screen.
func (w *web) shot(name string) {
	w.t.Helper()
	for _, size := range []struct {
		suffix string
		width  int64
		opts   []chromedp.EmulateViewportOption
	}{
		{"desktop", 1280, nil},
		{"phone", 375, []chromedp.EmulateViewportOption{chromedp.EmulateMobile, chromedp.EmulatePortrait}},
	} {
		w.do("resize", chromedp.EmulateViewport(size.width, 800, size.opts...), chromedp.Sleep(150*time.Millisecond))
		if size.width == 375 {
			over := webRun(w, "page width", chromedp.Evaluate[int64](`document.documentElement.scrollWidth - window.innerWidth`))
			if over > 0 {
				w.t.Errorf("%s: the page is %d px wider than a 375 px screen", name, over)
			}
		}
		png := webRun(w, "screenshot", chromedp.FullScreenshot(100))
		p := filepath.Join(w.artifacts, name+"-"+size.suffix+".png")
		if err := os.WriteFile(p, png, 0o644); err != nil {
			w.t.Fatal(err)
		}
	}
	w.do("resize back", chromedp.EmulateViewport(1280, 900))
}

// check asserts that every page carried the CSP and nothing was logged as
// an error.
func (w *web) check() {
	w.t.Helper()
	w.mu.Lock()
	defer w.mu.Unlock()
	if len(w.loads) == 0 {
		w.t.Error("no page loads recorded")
	}
	for _, l := range w.loads {
		if l.CSP != dashboard.ContentSecurityPolicy {
			w.t.Errorf("%s (%d): Content-Security-Policy %q; want %q", l.URL, l.Status, l.CSP, dashboard.ContentSecurityPolicy)
		}
	}
	for _, c := range w.console {
		w.t.Errorf("console: %s", c)
	}
	w.console = nil
}

func (w *web) signIn(email, password string) {
	w.t.Helper()
	w.open("/dashboard/keys")
	if p := w.path(); !strings.HasPrefix(p, "/login?next=") {
		w.t.Fatalf("signed out, /dashboard/keys went to %s", p)
	}
	w.shot("01-sign-in")
	w.do("sign in",
		chromedp.SendKeys(chromedp.CSS("#email"), email),
		chromedp.SendKeys(chromedp.CSS("#password"), password),
		chromedp.Click(chromedp.CSS("main form button[type=submit]")),
		chromedp.WaitVisible(chromedp.CSS("#active-keys")),
	)
	if p := w.path(); p != "/dashboard/keys" {
		w.t.Fatalf("after signing in: %s", p)
	}
}

var pageSecretRE = regexp.MustCompile(`sk-mira-[0-9A-Za-z]{48}`)

// TestDashboardKeysInBrowser is issue 5's scenario: sign in, create a key
// in the form, see its secret once, use it, revoke it with confirmation,
// and see it refused; a key sent over plain HTTP is marked exposed.
func TestDashboardKeysInBrowser(t *testing.T) {
	requireChromium(t)
	ts := startServer(t, "", nil)
	const email, password = "owner@example.com", "a long enough password for the browser"
	if _, stderr, code := ts.mira(t, password+"\n", "admin", "user", "create", "--email", email, "--password-stdin"); code != 0 {
		t.Fatalf("admin user create: %s", stderr)
	}
	// Another key of the organisation, exposed over plain HTTP.
	exposed, exposedID := ts.createKey(t)
	req, _ := http.NewRequest("GET", "http://"+ts.HTTPAddr+"/v1/models", nil)
	req.Header.Set("Authorization", "Bearer "+exposed)
	if resp, err := http.DefaultClient.Do(req); err != nil {
		t.Fatal(err)
	} else {
		resp.Body.Close()
		if resp.StatusCode != 403 {
			t.Fatalf("plain HTTP: %d", resp.StatusCode)
		}
	}

	w := newWeb(t, ts)
	defer t.Logf("screenshots in %s", w.artifacts)
	w.signIn(email, password)

	// Create a key in the form.
	w.do("open the form",
		chromedp.Click(chromedp.CSS(`a.button[href="/dashboard/keys/new"]`)),
		chromedp.WaitVisible(chromedp.CSS("#name")),
		chromedp.SendKeys(chromedp.CSS("#name"), "browser-test production"),
		chromedp.Click(chromedp.CSS("#env_production")),
		chromedp.Click(chromedp.CSS(`#scope-usage\:read`)),
	)
	w.shot("02-create-form")
	w.do("create the key",
		chromedp.Click(chromedp.CSS("main form button[type=submit]")),
		chromedp.WaitVisible(chromedp.CSS("#new_key")),
	)
	secret := webRun(w, "read the key", chromedp.Value(chromedp.CSS("#new_key")))
	if !apikey.Valid(secret) {
		t.Fatalf("the page shows %q, not a valid key", secret)
	}
	if ro := webRun(w, "readonly", chromedp.AttributeValue(chromedp.CSS("#new_key"), "readonly")); !ro.Exists {
		t.Error("the key's input is not read-only")
	}
	keyID := w.text(".details dd code")
	// The copy button (there with JavaScript) puts the key on the clipboard.
	w.do("copy", chromedp.Click(chromedp.CSS("button[data-copy]")), chromedp.Sleep(200*time.Millisecond))
	if s := w.text("[data-copy-status]"); !strings.Contains(s, "copied") {
		t.Errorf("copy status %q", s)
	}
	clip := webRun(w, "read the clipboard", chromedp.Evaluate[string](`navigator.clipboard.readText()`, chromedp.EvalAwaitPromise))
	if clip != secret {
		t.Errorf("clipboard holds %q; want the key", clip)
	}
	w.shot("03-key-created")

	// Shown once: a reload sends the form again and gets no key; the list
	// shows only prefix…last4.
	w.do("reload", chromedp.Reload())
	if h := w.html(); pageSecretRE.MatchString(h) || !strings.Contains(h, "already sent") {
		t.Errorf("after a reload the page shows a key, or does not explain: %s", h)
	}
	w.shot("04-reloaded")
	w.open("/dashboard/keys")
	if h := w.html(); strings.Contains(h, secret) || !strings.Contains(h, secret[:12]+"…"+secret[len(secret)-4:]) {
		t.Errorf("the list shows the secret, or not its prefix…last4")
	}

	// The key works with the API, and the list then says when and from where.
	if resp, body := ts.do(t, "GET", "/v1/models", secret, ""); resp.StatusCode != 200 {
		t.Fatalf("the new key: %d %s", resp.StatusCode, body)
	}
	deadline := time.Now().Add(15 * time.Second)
	for {
		w.open("/dashboard/keys")
		if strings.Contains(w.text("#"+keyID), "from 127.0.0.1") {
			break
		}
		if time.Now().After(deadline) {
			t.Fatalf("last use not shown: %s", w.text("#"+keyID))
		}
		time.Sleep(500 * time.Millisecond)
	}
	row := w.text("#" + exposedID)
	if !strings.Contains(row, "EXPOSED") || !strings.Contains(row, "sent over plain HTTP from 127.0.0.1") || !strings.Contains(row, "revoked") {
		t.Errorf("the exposed key's row: %q", row)
	}
	w.shot("05-keys")

	// Revoke, with a confirmation step.
	w.do("revoke",
		chromedp.Click(chromedp.CSS("#"+keyID+" a.danger")),
		chromedp.WaitVisible(chromedp.CSS("main form button.danger")),
	)
	if p := w.path(); p != "/dashboard/keys/"+keyID+"/revoke" {
		t.Fatalf("revoke went to %s", p)
	}
	if resp, _ := ts.do(t, "GET", "/v1/models", secret, ""); resp.StatusCode != 200 {
		t.Fatal("the confirmation page revoked the key")
	}
	w.shot("06-revoke-confirm")
	w.do("confirm",
		chromedp.Click(chromedp.CSS("main form button.danger")),
		chromedp.WaitVisible(chromedp.CSS(".notice")),
	)
	if s := w.text(".notice"); !strings.Contains(s, "is revoked") {
		t.Errorf("after revoking: %q", s)
	}
	resp, body := ts.do(t, "GET", "/v1/models", secret, "")
	checkError(t, resp, body, 401, "key_revoked")
	if row := w.text("#" + keyID); !strings.Contains(row, "revoked") {
		t.Errorf("the revoked key's row: %q", row)
	}
	w.shot("07-keys-after-revoke")

	w.open("/dashboard/audit")
	if s := w.text(".verify"); !strings.Contains(s, "Chain verified") {
		t.Errorf("audit verify indicator: %q", s)
	}
	for _, action := range []string{"key.created", "key.revoked", "key.exposed"} {
		if !strings.Contains(w.html(), action) {
			t.Errorf("the audit page lacks %s", action)
		}
	}
	w.shot("08-audit")
	w.check()
}

// TestDashboardUsageInBrowser is issue 7's: after some API traffic, the
// usage page draws it and the logs page lists it.
func TestDashboardUsageInBrowser(t *testing.T) {
	requireChromium(t)
	ts := startServer(t, "", nil)
	key, _ := ts.createKey(t, "--scopes", "chat:write,usage:read,logs:read,models:read")
	const email, password = "owner@example.com", "a long enough password for the browser"
	if _, stderr, code := ts.mira(t, password+"\n", "admin", "user", "create", "--email", email, "--password-stdin"); code != 0 {
		t.Fatalf("admin user create: %s", stderr)
	}
	for i := range 5 {
		body := fmt.Sprintf(`{"model":"mira-echo","messages":[{"role":"user","content":"request number %d, counted"}]}`, i)
		if r, b := ts.do(t, "POST", "/v1/chat/completions", key, body); r.StatusCode != 200 {
			t.Fatalf("chat: %d %s", r.StatusCode, b)
		}
	}
	ts.do(t, "POST", "/v1/chat/completions", key, `{"model":"nope","messages":[{"role":"user","content":"x"}]}`)
	waitLogs(t, ts, key, 6)

	w := newWeb(t, ts)
	defer t.Logf("screenshots in %s", w.artifacts)
	w.signIn(email, password)

	w.open("/dashboard/usage")
	bars := webRun(w, "bars", chromedp.Evaluate[int](`document.querySelectorAll("#main svg rect.bar-ok").length`))
	errs := webRun(w, "error bars", chromedp.Evaluate[int](`document.querySelectorAll("#main svg rect.bar-err").length`))
	tokens := webRun(w, "token bars", chromedp.Evaluate[int](`document.querySelectorAll("#main svg rect.bar-prompt").length`))
	if bars != 1 || errs != 1 || tokens != 1 {
		t.Errorf("usage chart: %d request bars, %d error bars, %d token bars; want 1 each (today)", bars, errs, tokens)
	}
	// waitLogs' own GET /v1/logs requests count too: at least 6.
	if s := w.text(".stats"); !regexp.MustCompile(`^([6-9]|[1-9][0-9]+)\nrequests\n\n1\nerror\n`).MatchString(s) {
		t.Errorf("usage totals: %q", s)
	}
	if s := w.text("#main table"); !strings.Contains(s, "mira-echo") || !strings.Contains(s, "test (") {
		t.Errorf("usage per key and model: %q", s)
	}
	w.shot("02-usage")

	w.open("/dashboard/logs")
	const chatRows = `[...document.querySelectorAll("table.logs tbody tr")].filter(r => r.textContent.includes("POST /v1/chat/completions")).length`
	if rows := webRun(w, "rows", chromedp.Evaluate[int](chatRows)); rows != 6 {
		t.Errorf("logs page lists %d chat requests; want 6", rows)
	}
	if s := w.text("table.logs"); !strings.Contains(s, "mira-echo") || !strings.Contains(s, "404") {
		t.Errorf("logs table: %q", s)
	}
	w.shot("03-logs")
	w.do("errors only", chromedp.Click(chromedp.CSS("#errors")))
	webRun(w, "filter", chromedp.WaitEvent(page.LoadEventFired, func(page.EventLoadEventFired) bool { return true },
		chromedp.Click(chromedp.CSS("main form button[type=submit]"))))
	if p := w.path(); !strings.HasPrefix(p, "/dashboard/logs?") || !strings.Contains(p, "errors=1") {
		t.Errorf("errors-only filter went to %s", p)
	}
	if rows := webRun(w, "rows", chromedp.Evaluate[int](`document.querySelectorAll("table.logs tbody tr").length`)); rows != 1 {
		t.Errorf("errors only: %d rows; want 1", rows)
	}
	if !webRun(w, "checkbox", chromedp.Evaluate[bool](`document.querySelector("#errors").checked`)) {
		t.Error("the errors-only box is not checked on the filtered page")
	}
	w.shot("04-logs-errors")
	w.check()
}
