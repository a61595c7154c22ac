package cliauth

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"os/exec"
	"runtime"
	"strings"
	"time"

	"golang.org/x/oauth2"

	"github.com/vmira/mira/internal/credstore"
)

const (
	// defaultInterval is the polling interval when the server gives none
	// (RFC 8628 section 3.2).
	defaultInterval = 5 * time.Second
	// slowDownStep is what every slow_down adds to the interval, for this
	// and all later polls (RFC 8628 section 3.5).
	slowDownStep = 5 * time.Second
	// maxBackoff caps the wait after repeated connection failures.
	maxBackoff = time.Minute
	// defaultCodeLifetime and maxCodeLifetime bound how long a login waits
	// when the server gives no expires_in, or an absurd one.
	defaultCodeLifetime = 15 * time.Minute
	maxCodeLifetime     = time.Hour
)

// LoginOptions are the choices of `mira auth login`.
type LoginOptions struct {
	// Web opens the approval page in the browser (only an https page on the
	// configured server; otherwise the user opens it).
	Web bool
	// Scopes asks for these scopes; none means the server's default.
	Scopes []string
}

// Login signs in with the device authorization grant: it asks the server
// for a code, shows the user the approval page and the code on out, polls
// the token endpoint until the user approves or denies it in a browser or
// the code expires, and stores the tokens. The device code is never shown.
// It returns an error wrapping ErrAccessDenied or ErrCodeExpired when the
// login did not happen, or the context's error when cancelled.
func (a *Auth) Login(ctx context.Context, opts LoginOptions, out io.Writer) error {
	st, err := a.loginStore(out)
	if err != nil {
		return err
	}
	var ep endpoints
	if err := a.retry(ctx, out, func() (err error) { ep, err = a.endpoints(ctx); return err }); err != nil {
		return fmt.Errorf("reaching %s: %w", a.server, err)
	}
	da, err := a.deviceAuth(ctx, ep, opts.Scopes, out)
	if err != nil {
		return fmt.Errorf("starting the device login: %w", err)
	}
	userCode, verify, err := checkDeviceAuth(da)
	if err != nil {
		return err
	}
	lifetime, interval := deviceCodeTiming(da)

	fmt.Fprintf(out, "First copy your one-time code: %s\n", userCode)
	fmt.Fprintf(out, "Then open %s in a browser, sign in, and enter the code to approve this device.\n", verify)
	if err := a.sameOrigin(verify.String()); err != nil {
		fmt.Fprintf(out, "Warning: the approval page %s is not on %s; approve only if you trust it.\n", verify, a.origin.Host)
	}
	if opts.Web {
		a.openApprovalPage(da, out)
	}
	fmt.Fprintf(out, "Waiting for approval (the code expires in %s; press Ctrl-C to cancel)...\n", lifetime.Round(time.Second))

	tok, err := a.poll(ctx, ep, da.DeviceCode, interval, a.now().Add(lifetime), out)
	if err != nil {
		return err
	}
	return a.finishLogin(ctx, st, tok, out)
}

// loginStore returns the credential store after checking that it can be
// used (a credentials file readable by others cannot), so that Login fails
// now, before the user approves anything.
func (a *Auth) loginStore(out io.Writer) (*credstore.Store, error) {
	if a.getenv(EnvToken) != "" {
		fmt.Fprintf(out, "Note: %s is set; it is used instead of the stored login until you unset it.\n", EnvToken)
	}
	st, err := a.Store()
	if err != nil {
		return nil, err
	}
	if _, err := st.Get(a.server); err != nil && !errors.Is(err, credstore.ErrNotFound) {
		return nil, err
	}
	return st, nil
}

// deviceAuth asks the server for a device and user code, retrying
// transient failures.
func (a *Auth) deviceAuth(ctx context.Context, ep endpoints, scopes []string, out io.Writer) (*oauth2.DeviceAuthResponse, error) {
	conf := &oauth2.Config{
		ClientID: ClientID,
		Endpoint: oauth2.Endpoint{DeviceAuthURL: ep.deviceAuth, TokenURL: ep.token, AuthStyle: oauth2.AuthStyleInParams},
		Scopes:   scopes,
	}
	// oauth2 sends Go's default User-Agent; the /device page shows the
	// user this request's, to recognise the CLI by, so it must be ours.
	hc := *a.hc
	hc.Transport = userAgentTransport{hc.Transport}
	var da *oauth2.DeviceAuthResponse
	err := a.retry(ctx, out, func() error {
		rctx, cancel := context.WithTimeout(context.WithValue(ctx, oauth2.HTTPClient, &hc), requestTimeout)
		defer cancel()
		start := time.Now()
		var err error
		da, err = conf.DeviceAuth(rctx)
		err = deviceAuthError(err, ep.deviceAuth)
		a.debugf("POST %s (device authorization) -> %v (%s)", ep.deviceAuth, errOrOK(err), time.Since(start).Round(time.Millisecond))
		return a.explain(err)
	})
	return da, err
}

// checkDeviceAuth checks the server's answer before anything of it is
// shown to the user: a well-formed user code, a device code, and an http(s)
// verification URL with nothing hidden in it (control characters).
func checkDeviceAuth(da *oauth2.DeviceAuthResponse) (userCode string, verify *url.URL, err error) {
	userCode, err = formatUserCode(da.UserCode)
	if err != nil {
		return "", nil, err
	}
	if da.DeviceCode == "" {
		return "", nil, errors.New("the server's device authorization response has no device_code")
	}
	verify, err = url.Parse(da.VerificationURI)
	if err != nil || (verify.Scheme != "https" && verify.Scheme != "http") || verify.Host == "" || clean(da.VerificationURI) != da.VerificationURI {
		return "", nil, fmt.Errorf("the server's verification_uri %q is not a usable URL", clean(da.VerificationURI))
	}
	return userCode, verify, nil
}

// deviceCodeTiming returns how long the code is valid and how often to
// poll, falling back to defaults when the server gives none or an absurd
// value.
func deviceCodeTiming(da *oauth2.DeviceAuthResponse) (lifetime, interval time.Duration) {
	lifetime = defaultCodeLifetime
	if !da.Expiry.IsZero() {
		lifetime = min(time.Until(da.Expiry), maxCodeLifetime)
	}
	interval = defaultInterval
	if da.Interval > 0 && da.Interval < 3600 {
		interval = time.Duration(da.Interval) * time.Second
	}
	return lifetime, interval
}

// finishLogin stores the approved login, says who is logged in, and ends
// the login it replaces.
func (a *Auth) finishLogin(ctx context.Context, st *credstore.Store, tok *tokenResponse, out io.Writer) error {
	cred := a.credentialFrom(tok, credstore.Credential{})
	old, err := a.save(ctx, st, cred)
	if err != nil {
		return err
	}
	who := cred.Email
	if who == "" {
		who = cred.Subject
	}
	if who != "" {
		fmt.Fprintf(out, "Logged in to %s as %s.\n", a.server, who)
	} else {
		fmt.Fprintf(out, "Logged in to %s.\n", a.server)
	}
	fmt.Fprintf(out, "Tokens are stored in %s.\n", st.Location())
	if old.RefreshToken != "" && old.RefreshToken != cred.RefreshToken {
		// The previous login of this CLI is replaced: end it on the server
		// too, so that its refresh token is not left valid.
		if err := a.revoke(ctx, old.RefreshToken); err != nil {
			a.debugf("revoking the previous login's refresh token: %v", err)
		}
	}
	return nil
}

// userAgentTransport sends the CLI's User-Agent.
type userAgentTransport struct{ base http.RoundTripper }

func (t userAgentTransport) RoundTrip(r *http.Request) (*http.Response, error) {
	r = r.Clone(r.Context())
	r.Header.Set("User-Agent", userAgent)
	if t.base == nil {
		return http.DefaultTransport.RoundTrip(r)
	}
	return t.base.RoundTrip(r)
}

func errOrOK(err error) string {
	if err != nil {
		return err.Error()
	}
	return "ok"
}

// deviceAuthError turns the errors of oauth2's DeviceAuth into this
// package's, so that retries and messages treat them alike. The raw
// RetrieveError would print the response body.
func deviceAuthError(err error, endpoint string) error {
	var re *oauth2.RetrieveError
	if !errors.As(err, &re) {
		return err
	}
	status := 0
	if re.Response != nil {
		status = re.Response.StatusCode
	}
	if re.ErrorCode != "" && status < 500 && status != http.StatusTooManyRequests {
		return &OAuthError{Status: status, Code: clean(re.ErrorCode), Description: clean(re.ErrorDescription)}
	}
	return &httpStatusError{status: status, url: endpoint}
}

// save stores cred under the lock and returns the credential it replaced.
func (a *Auth) save(ctx context.Context, st *credstore.Store, cred credstore.Credential) (credstore.Credential, error) {
	tx, err := st.Lock(ctx)
	if err != nil {
		return credstore.Credential{}, fmt.Errorf("storing the login: %w", err)
	}
	defer tx.Unlock()
	old, err := tx.Get(a.server)
	if err != nil && !errors.Is(err, credstore.ErrNotFound) {
		old = credstore.Credential{} // unreadable: replaced all the same
	}
	if err := tx.Put(a.server, cred); err != nil {
		return old, fmt.Errorf("storing the login: %w", err)
	}
	a.mu.Lock()
	a.cached = &cred
	a.mu.Unlock()
	return old, nil
}

// retry runs f until it succeeds, fails for good, or has failed
// transiently four times, waiting 1, 2, then 4 seconds between attempts.
func (a *Auth) retry(ctx context.Context, out io.Writer, f func() error) error {
	var err error
	for attempt := 0; attempt < 4; attempt++ {
		if attempt > 0 {
			wait := time.Second << (attempt - 1)
			fmt.Fprintf(out, "Could not reach %s (%v); retrying in %s...\n", a.origin.Host, err, wait)
			if serr := a.sleep(ctx, wait); serr != nil {
				return serr
			}
		}
		if err = f(); err == nil || !transient(err) || ctx.Err() != nil {
			return err
		}
	}
	return err
}

// poll asks the token endpoint for the tokens every interval until the user
// decides or the deadline passes (RFC 8628 section 3.4, 3.5). slow_down
// lengthens the interval by 5 s for good. A failed connection or a 5xx
// does not end the login: the wait doubles (up to a minute) until the
// server answers again, so a blip or a restart of the server is survived.
func (a *Auth) poll(ctx context.Context, ep endpoints, deviceCode string, interval time.Duration, deadline time.Time, out io.Writer) (*tokenResponse, error) {
	form := url.Values{
		"grant_type":  {deviceCodeGrant},
		"device_code": {deviceCode},
		"client_id":   {ClientID},
	}
	wait := interval
	failures := 0
	var lastErr error
	for {
		if err := a.sleep(ctx, wait); err != nil {
			return nil, fmt.Errorf("login cancelled: %w", err)
		}
		if !a.now().Before(deadline) {
			if lastErr != nil {
				return nil, fmt.Errorf("%w (the last attempt to reach the server failed: %v); run `mira auth login` again", ErrCodeExpired, lastErr)
			}
			return nil, fmt.Errorf("%w; run `mira auth login` again", ErrCodeExpired)
		}
		tok, err := a.tokenRequest(ctx, ep.token, form)
		if err == nil {
			return tok, nil
		}
		if ctx.Err() != nil {
			return nil, fmt.Errorf("login cancelled: %w", ctx.Err())
		}
		var oe *OAuthError
		switch {
		case errors.As(err, &oe):
			if failures > 0 {
				fmt.Fprintln(out, "Reached the server again; still waiting for approval...")
			}
			failures, lastErr = 0, nil
			switch oe.Code {
			case "authorization_pending":
				wait = interval
			case "slow_down":
				interval += slowDownStep
				wait = interval
				a.debugf("slow_down: polling every %s from now on", interval)
			case "access_denied":
				return nil, fmt.Errorf("%w in the browser", ErrAccessDenied)
			case "expired_token":
				return nil, fmt.Errorf("%w; run `mira auth login` again", ErrCodeExpired)
			default:
				return nil, fmt.Errorf("login failed: %w", oe)
			}
		case transient(err):
			failures++
			lastErr = err
			wait = min(interval<<min(failures, 6), maxBackoff)
			if failures == 1 {
				fmt.Fprintf(out, "Could not reach %s (%v); still trying until the code expires...\n", a.origin.Host, err)
			}
			a.debugf("poll failed (%d in a row); next poll in %s", failures, wait)
		default:
			return nil, fmt.Errorf("login failed: %w", err)
		}
	}
}

// formatUserCode checks the user code the server sent (it is printed on the
// user's terminal) and shows eight characters as XXXX-XXXX.
func formatUserCode(code string) (string, error) {
	if code == "" || len(code) > 32 {
		return "", errors.New("the server's device authorization response has no usable user_code")
	}
	for _, r := range code {
		if !(r >= 'A' && r <= 'Z' || r >= 'a' && r <= 'z' || r >= '0' && r <= '9' || r == '-') {
			return "", errors.New("the server's user_code holds characters other than letters, digits and '-'")
		}
	}
	if len(code) == 8 && !strings.Contains(code, "-") {
		code = code[:4] + "-" + code[4:]
	}
	return code, nil
}

// openApprovalPage opens the approval page in a browser when it is an
// https page on the configured server: the page where the user signs in
// must not be one a server response could point anywhere. The
// verification_uri_complete (with the code filled in) is preferred; the
// server still asks the user to confirm.
func (a *Auth) openApprovalPage(da *oauth2.DeviceAuthResponse, out io.Writer) {
	target := da.VerificationURI
	if c := da.VerificationURIComplete; c != "" && clean(c) == c && a.sameOrigin(c) == nil {
		target = c
	}
	if err := a.sameOrigin(target); err != nil {
		fmt.Fprintf(out, "Not opening a browser: %v. Open the page yourself if you trust it.\n", err)
		return
	}
	if err := a.open(target); err != nil {
		fmt.Fprintf(out, "Could not open a browser (%v); open the page yourself.\n", err)
		return
	}
	fmt.Fprintln(out, "Opened the approval page in your browser.")
}

// openSystemBrowser opens u with $BROWSER, or the system's opener. The URL
// is one argument of the command, never parsed by a shell.
func openSystemBrowser(u string, getenv func(string) string) error {
	var cmd *exec.Cmd
	switch {
	case getenv("BROWSER") != "":
		cmd = exec.Command(getenv("BROWSER"), u)
	case runtime.GOOS == "darwin":
		cmd = exec.Command("open", u)
	case runtime.GOOS == "windows":
		cmd = exec.Command("rundll32", "url.dll,FileProtocolHandler", u)
	default:
		cmd = exec.Command("xdg-open", u)
	}
	if err := cmd.Start(); err != nil {
		return err
	}
	go cmd.Wait() // reap it; the browser outlives the opener
	return nil
}
