package dashboard

import (
	"errors"
	"net/http"
	"net/url"

	"github.com/vmira/mira/internal/attempts"
	"github.com/vmira/mira/internal/oauth"
	"github.com/vmira/mira/internal/ratelimit"
	"github.com/vmira/mira/internal/session"
)

func urlQueryEscape(s string) string { return url.QueryEscape(s) }

type deviceData struct {
	UserCode string
}

type confirmData struct {
	Request  *oauth.DeviceRequest
	UserCode string
	TOTP     bool
}

func (d *Dashboard) claimant(r *http.Request) oauth.Claimant {
	s := session.FromContext(r.Context())
	return oauth.Claimant{SessionID: s.ID, UserID: s.User.ID, OrgID: s.User.OrgID, IP: d.sessions.ClientIP(r)}
}

// devicePage is GET /device: the form to enter a user code. A code in the
// URL (verification_uri_complete) only fills the field in; nothing is
// claimed or approved until the user submits, and approves on the next
// page.
func (d *Dashboard) devicePage(w http.ResponseWriter, r *http.Request) {
	code := r.URL.Query().Get("user_code")
	if c, ok := oauth.NormalizeUserCode(code); ok {
		code = oauth.FormatUserCode(c)
	} else {
		code = ""
	}
	d.Render(w, r, http.StatusOK, "device", &Page{Title: "Approve a device", Data: deviceData{UserCode: code}})
}

// deviceClaim is POST /device: look the code up, claim the request for
// this session, and show what asks to sign in.
func (d *Dashboard) deviceClaim(w http.ResponseWriter, r *http.Request) {
	entered := r.PostForm.Get("user_code")
	if len(entered) > 32 {
		entered = entered[:32]
	}
	req, err := d.oauth.ClaimUserCode(r.Context(), entered, d.claimant(r))
	retry := func(status int, msg string) {
		d.Render(w, r, status, "device", &Page{Title: "Approve a device", Error: msg, Data: deviceData{UserCode: entered}})
	}
	var locked *attempts.LockedError
	switch {
	case errors.As(err, &locked):
		ratelimit.SetRetryAfter(w.Header(), locked.RetryAfter)
		retry(http.StatusTooManyRequests, "Too many wrong codes. Try again in "+retryText(locked.RetryAfter)+".")
	case errors.Is(err, oauth.ErrMalformedUserCode):
		retry(http.StatusBadRequest, "Enter the 8-letter code shown by the CLI, for example BCDF-GHJK.")
	case errors.Is(err, oauth.ErrUnknownUserCode):
		retry(http.StatusBadRequest, "That code is not valid or has expired. Check it, or run `mira auth login` again for a new one.")
	case errors.Is(err, oauth.ErrClaimedElsewhere):
		retry(http.StatusConflict, "This code is being approved in another browser session. If that was not you, do not approve anything: run `mira auth login` again for a new code.")
	case errors.Is(err, oauth.ErrAlreadyDecided):
		retry(http.StatusConflict, "This sign-in was already approved or denied.")
	case err != nil:
		d.fail(w, r, err)
	default:
		d.renderConfirm(w, r, http.StatusOK, req, "", "")
	}
}

func (d *Dashboard) renderConfirm(w http.ResponseWriter, r *http.Request, status int, req *oauth.DeviceRequest, userCode, errMsg string) {
	s := session.FromContext(r.Context())
	totp, err := d.sessions.TOTPEnrolled(r.Context(), s.User.ID)
	if err != nil {
		d.fail(w, r, err)
		return
	}
	if userCode == "" {
		userCode = req.UserCode
	}
	d.Render(w, r, status, "device_confirm", &Page{Title: "Approve sign-in?", Error: errMsg, Data: confirmData{Request: req, UserCode: userCode, TOTP: totp}})
}

// deviceDecide is POST /device/decide. Only the session that claimed the
// request can decide; approving needs a fresh TOTP code when the user has
// a second factor.
func (d *Dashboard) deviceDecide(w http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	c := d.claimant(r)
	req, err := d.oauth.ClaimedRequest(ctx, r.PostForm.Get("request_id"), c)
	if errors.Is(err, oauth.ErrNotDecidable) {
		d.message(w, r, http.StatusConflict, "Cannot decide", "/device", "Enter a code",
			"This sign-in request has expired, was already decided, or was opened in another browser session.")
		return
	}
	if err != nil {
		d.fail(w, r, err)
		return
	}
	userCode := ""
	if code, ok := oauth.NormalizeUserCode(r.PostForm.Get("user_code")); ok {
		userCode = oauth.FormatUserCode(code)
	}
	var approve bool
	switch r.PostForm.Get("decision") {
	case "approve":
		approve = true
	case "deny":
	default:
		d.renderConfirm(w, r, http.StatusBadRequest, req, userCode, "Choose Approve or Deny.")
		return
	}
	if approve {
		enrolled, err := d.sessions.TOTPEnrolled(ctx, c.UserID)
		if err != nil {
			d.fail(w, r, err)
			return
		}
		if enrolled {
			err := d.sessions.VerifyTOTP(ctx, c.UserID, r.PostForm.Get("totp_code"))
			var locked *attempts.LockedError
			switch {
			case errors.As(err, &locked):
				ratelimit.SetRetryAfter(w.Header(), locked.RetryAfter)
				d.renderConfirm(w, r, http.StatusTooManyRequests, req, userCode, "Too many wrong authentication codes. Try again in "+retryText(locked.RetryAfter)+".")
				return
			case errors.Is(err, session.ErrBadTOTP):
				d.renderConfirm(w, r, http.StatusUnauthorized, req, userCode, "Enter the current code from your authenticator app to approve. Each code works once.")
				return
			case err != nil:
				d.fail(w, r, err)
				return
			}
		}
	}
	err = d.oauth.DecideDevice(ctx, req.ID, c, approve)
	if errors.Is(err, oauth.ErrNotDecidable) {
		d.message(w, r, http.StatusConflict, "Cannot decide", "/device", "Enter a code",
			"This sign-in request has expired or was already decided.")
		return
	}
	if err != nil {
		d.fail(w, r, err)
		return
	}
	if approve {
		d.message(w, r, http.StatusOK, "Device approved", "/dashboard/", "Back to the dashboard",
			"The CLI is signed in. You can close this page and return to your terminal.")
		return
	}
	d.message(w, r, http.StatusOK, "Sign-in denied", "/dashboard/security", "Review your account security",
		"The device was not signed in. If you did not start this sign-in, someone may know your code: nothing more is needed, but consider changing your password.")
}
