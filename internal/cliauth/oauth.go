package cliauth

import (
	"context"
	"crypto/tls"
	"crypto/x509"
	"encoding/base64"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/netip"
	"net/url"
	"strings"
	"time"

	"github.com/vmira/mira/client"
)

const (
	// The server's paths when its metadata does not say otherwise.
	metadataPath          = "/.well-known/oauth-authorization-server"
	defaultDeviceAuthPath = "/oauth/device/code"
	defaultTokenPath      = "/oauth/token"
	defaultRevokePath     = "/oauth/revoke"

	deviceCodeGrant = "urn:ietf:params:oauth:grant-type:device_code"

	// requestTimeout bounds one OAuth request: the SDK's HTTP client has
	// no timeout of its own.
	requestTimeout = 30 * time.Second

	// maxResponse bounds an OAuth response body.
	maxResponse = 1 << 20
)

var userAgent = "mira-cli mira-go/" + client.Version

// endpoints are the server's OAuth endpoints.
type endpoints struct {
	deviceAuth, token, revoke string
}

// defaultEndpoints are the paths Mira serves, on the configured server.
func (a *Auth) defaultEndpoints() endpoints {
	return endpoints{
		deviceAuth: a.server + defaultDeviceAuthPath,
		token:      a.server + defaultTokenPath,
		revoke:     a.server + defaultRevokePath,
	}
}

// endpoints reads the server's metadata (RFC 8414) once. An endpoint is
// taken from it only when it is https on the configured server's origin:
// tokens go nowhere else, whatever a proxy or a misconfigured issuer says;
// otherwise Mira's default path is used. Metadata that is missing or
// unreadable means the defaults; a connection failure is an error.
func (a *Auth) endpoints(ctx context.Context) (endpoints, error) {
	a.epMu.Lock()
	defer a.epMu.Unlock()
	if a.ep != nil {
		return *a.ep, nil
	}
	ep := a.defaultEndpoints()
	ctx, cancel := context.WithTimeout(ctx, requestTimeout)
	defer cancel()
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, a.server+metadataPath, nil)
	if err != nil {
		return ep, err
	}
	req.Header.Set("Accept", "application/json")
	req.Header.Set("User-Agent", userAgent)
	start := time.Now()
	resp, err := a.hc.Do(req)
	if err != nil {
		a.debugf("GET %s: %v", req.URL, err)
		return ep, a.explain(err)
	}
	defer resp.Body.Close()
	body, err := io.ReadAll(io.LimitReader(resp.Body, maxResponse))
	a.debugf("GET %s -> %d (%s)", req.URL, resp.StatusCode, time.Since(start).Round(time.Millisecond))
	if err != nil {
		return ep, a.explain(err)
	}
	var md struct {
		Issuer     string `json:"issuer"`
		DeviceAuth string `json:"device_authorization_endpoint"`
		Token      string `json:"token_endpoint"`
		Revoke     string `json:"revocation_endpoint"`
	}
	if resp.StatusCode != http.StatusOK || json.Unmarshal(body, &md) != nil {
		a.debugf("no usable authorization server metadata; using the default endpoints")
	} else {
		a.pick(&ep.deviceAuth, md.DeviceAuth, "device_authorization_endpoint")
		a.pick(&ep.token, md.Token, "token_endpoint")
		a.pick(&ep.revoke, md.Revoke, "revocation_endpoint")
	}
	a.ep = &ep
	return ep, nil
}

func (a *Auth) pick(dst *string, advertised, field string) {
	if advertised == "" {
		return
	}
	if err := a.sameOrigin(advertised); err != nil {
		a.debugf("ignoring %s: %v; using %s", field, err, *dst)
		return
	}
	*dst = advertised
}

// sameOrigin checks that raw is an https URL on the configured server's
// host and port, without credentials.
func (a *Auth) sameOrigin(raw string) error {
	u, err := url.Parse(raw)
	if err != nil {
		return fmt.Errorf("not a URL")
	}
	switch {
	case u.Scheme != "https":
		return fmt.Errorf("%s is not https", clean(raw))
	case u.User != nil:
		return fmt.Errorf("%s holds credentials", clean(u.Redacted()))
	case hostPort(u) != hostPort(a.origin):
		return fmt.Errorf("%s is not on %s", clean(raw), a.origin.Host)
	}
	return nil
}

// hostPort returns u's lower-cased host with its port (443 by default).
func hostPort(u *url.URL) string {
	port := u.Port()
	if port == "" {
		port = "443"
	}
	host := strings.ToLower(u.Hostname())
	if isLoopback(host) {
		// localhost, 127.0.0.1 and ::1 are this machine under any name.
		host = "localhost"
	}
	return net.JoinHostPort(host, port)
}

// isLoopback reports whether host names this machine: localhost (and
// *.localhost, RFC 6761), or a loopback address.
func isLoopback(host string) bool {
	host = strings.TrimSuffix(host, ".")
	if host == "localhost" || strings.HasSuffix(host, ".localhost") {
		return true
	}
	ip, err := netip.ParseAddr(host)
	return err == nil && ip.Unmap().IsLoopback()
}

// tokenResponse is a successful token endpoint response (RFC 6749 5.1).
type tokenResponse struct {
	AccessToken  string `json:"access_token"`
	TokenType    string `json:"token_type"`
	RefreshToken string `json:"refresh_token"`
	ExpiresIn    int64  `json:"expires_in"`
	Scope        string `json:"scope"`
}

// OAuthError is an error response of the server's OAuth endpoints (RFC
// 6749 section 5.2, RFC 8628 section 3.5), such as "invalid_grant".
type OAuthError struct {
	Status      int    // HTTP status
	Code        string // the "error" field
	Description string // the "error_description" field, cleaned for a terminal
}

func (e *OAuthError) Error() string {
	if e.Description != "" {
		return fmt.Sprintf("the server answered %s: %s", e.Code, e.Description)
	}
	return fmt.Sprintf("the server answered %s", e.Code)
}

// httpStatusError is a response that is neither a token nor an OAuth error:
// a proxy's 502, a 429, a 404 from a server without OAuth.
type httpStatusError struct {
	status int
	url    string
}

func (e *httpStatusError) Error() string {
	return fmt.Sprintf("%s answered HTTP %d %s", e.url, e.status, http.StatusText(e.status))
}

func isOAuthCode(err error, code string) bool {
	var oe *OAuthError
	return errors.As(err, &oe) && oe.Code == code
}

// postForm posts form to endpoint and returns the status and the body. Its
// debug line shows the endpoint and the status, never the form.
func (a *Auth) postForm(ctx context.Context, endpoint string, form url.Values) (int, []byte, error) {
	ctx, cancel := context.WithTimeout(ctx, requestTimeout)
	defer cancel()
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, endpoint, strings.NewReader(form.Encode()))
	if err != nil {
		return 0, nil, err
	}
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	req.Header.Set("Accept", "application/json")
	req.Header.Set("User-Agent", userAgent)
	start := time.Now()
	resp, err := a.hc.Do(req)
	if err != nil {
		a.debugf("POST %s (%s): %v", endpoint, grantName(form), err)
		return 0, nil, a.explain(err)
	}
	defer resp.Body.Close()
	body, err := io.ReadAll(io.LimitReader(resp.Body, maxResponse))
	if err != nil {
		return 0, nil, a.explain(err)
	}
	a.debugf("POST %s (%s) -> %d %s(%s)", endpoint, grantName(form), resp.StatusCode, oauthCodeOf(body), time.Since(start).Round(time.Millisecond))
	return resp.StatusCode, body, nil
}

func grantName(form url.Values) string {
	if g := form.Get("grant_type"); g != "" {
		return g
	}
	if h := form.Get("token_type_hint"); h != "" {
		return "revoke " + h
	}
	return "request"
}

// oauthCodeOf returns the OAuth error code of body followed by a space, or
// "", for debug lines.
func oauthCodeOf(body []byte) string {
	var e struct {
		Error string `json:"error"`
	}
	if json.Unmarshal(body, &e) == nil && e.Error != "" {
		return clean(e.Error) + " "
	}
	return ""
}

// tokenRequest posts form to the token endpoint and returns the tokens, an
// *OAuthError, an *httpStatusError or a connection error.
func (a *Auth) tokenRequest(ctx context.Context, endpoint string, form url.Values) (*tokenResponse, error) {
	status, body, err := a.postForm(ctx, endpoint, form)
	if err != nil {
		return nil, err
	}
	if status == http.StatusOK {
		var tok tokenResponse
		if err := json.Unmarshal(body, &tok); err != nil {
			return nil, fmt.Errorf("the token response of %s is not JSON", endpoint)
		}
		if tok.AccessToken == "" {
			return nil, fmt.Errorf("the token response of %s has no access_token", endpoint)
		}
		if tt := tok.TokenType; tt != "" && !strings.EqualFold(tt, "bearer") {
			return nil, fmt.Errorf("the server issued a %q token; mira only uses Bearer tokens", clean(tt))
		}
		return &tok, nil
	}
	return nil, parseOAuthError(status, body, endpoint)
}

func parseOAuthError(status int, body []byte, endpoint string) error {
	var e struct {
		Error       string `json:"error"`
		Description string `json:"error_description"`
	}
	if status >= 400 && status < 500 && status != http.StatusTooManyRequests &&
		json.Unmarshal(body, &e) == nil && e.Error != "" {
		return &OAuthError{Status: status, Code: clean(e.Error), Description: clean(e.Description)}
	}
	return &httpStatusError{status: status, url: endpoint}
}

// transient reports whether err may go away by itself: a connection that
// failed or was cut, a timeout, a 5xx or 429. A certificate the client does
// not trust is not transient.
func transient(err error) bool {
	var he *httpStatusError
	if errors.As(err, &he) {
		return he.status >= 500 || he.status == http.StatusTooManyRequests
	}
	var oe *OAuthError
	if errors.As(err, &oe) || isTLSTrustError(err) {
		return false
	}
	var ue *url.Error
	var ne net.Error
	return errors.As(err, &ue) || errors.As(err, &ne) || errors.Is(err, io.EOF) || errors.Is(err, io.ErrUnexpectedEOF)
}

// notSent reports whether err means the request never reached the server:
// the connection could not be made.
func notSent(err error) bool {
	var oe *net.OpError
	if errors.As(err, &oe) && oe.Op == "dial" {
		return true
	}
	var de *net.DNSError
	return errors.As(err, &de)
}

func isTLSTrustError(err error) bool {
	var cve *tls.CertificateVerificationError
	var uae x509.UnknownAuthorityError
	var he x509.HostnameError
	var cie x509.CertificateInvalidError
	var rhe tls.RecordHeaderError
	return errors.As(err, &cve) || errors.As(err, &uae) || errors.As(err, &he) || errors.As(err, &cie) || errors.As(err, &rhe)
}

// explain adds the fix to an error the user can fix.
func (a *Auth) explain(err error) error {
	if isTLSTrustError(err) {
		return fmt.Errorf("%w\nthe certificate of %s is not trusted: if it comes from the server's own CA, export MIRA_CA_CERT=/path/to/ca.pem (certificate checks cannot be turned off)", err, a.origin.Host)
	}
	return err
}

// claims are the parts of an access token shown to the user. They are read
// without verifying the token: only the server needs to trust them, and
// the CLI uses them for display and as a fallback expiry.
type claims struct {
	Subject string `json:"sub"`
	Email   string `json:"email"`
	OrgID   string `json:"org_id"`
	OrgName string `json:"org_name"`
	Expiry  int64  `json:"exp"`
}

func peekClaims(token string) claims {
	var c claims
	parts := strings.Split(token, ".")
	if len(parts) != 3 || len(parts[1]) > 16<<10 {
		return c
	}
	b, err := base64.RawURLEncoding.DecodeString(strings.TrimRight(parts[1], "="))
	if err != nil {
		return c
	}
	if json.Unmarshal(b, &c) != nil {
		return claims{}
	}
	c.Subject, c.Email, c.OrgID, c.OrgName = clean(c.Subject), clean(c.Email), clean(c.OrgID), clean(c.OrgName)
	return c
}

// clean makes server-supplied text safe to print on a terminal: control
// characters (escape sequences) are dropped and the length is bounded.
func clean(s string) string {
	const max = 200
	var b strings.Builder
	for _, r := range s {
		if r < 0x20 || r == 0x7f || (r >= 0x80 && r < 0xa0) {
			continue
		}
		if b.Len() >= max {
			b.WriteString("...")
			break
		}
		b.WriteRune(r)
	}
	return b.String()
}
