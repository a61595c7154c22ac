package dashboard

import (
	"errors"
	"net/http"

	"github.com/vmira/mira/internal/attempts"
	"github.com/vmira/mira/internal/mira"
	"github.com/vmira/mira/internal/ratelimit"
	"github.com/vmira/mira/internal/session"
)

// flashes are the confirmations a redirect to the security page can show.
var flashes = map[string]string{
	"password":      "Your password was changed. Your other browsers and CLI sign-ins were signed out.",
	"totp-enabled":  "Two-factor authentication is on.",
	"totp-disabled": "Two-factor authentication is off.",
}

type securityData struct {
	TOTP bool
}

func (d *Dashboard) securityPage(w http.ResponseWriter, r *http.Request) {
	d.renderSecurity(w, r, http.StatusOK, flashes[r.URL.Query().Get("done")], "")
}

func (d *Dashboard) renderSecurity(w http.ResponseWriter, r *http.Request, status int, flash, errMsg string) {
	u := session.UserFrom(r)
	totp, err := d.sessions.TOTPEnrolled(r.Context(), u.ID)
	if err != nil {
		d.fail(w, r, err)
		return
	}
	d.Render(w, r, status, "security", &Page{Title: "Security", Flash: flash, Error: errMsg, Data: securityData{TOTP: totp}})
}

func (d *Dashboard) changePassword(w http.ResponseWriter, r *http.Request) {
	f := r.PostForm
	if f.Get("new_password") != f.Get("confirm_password") {
		d.renderSecurity(w, r, http.StatusBadRequest, "", "The two new passwords differ.")
		return
	}
	err := d.sessions.ChangePassword(r.Context(), session.FromContext(r.Context()), f.Get("current_password"), f.Get("new_password"))
	var (
		locked *attempts.LockedError
		me     *mira.Error
	)
	switch {
	case err == nil:
		http.Redirect(w, r, "/dashboard/security?done=password", http.StatusSeeOther)
	case errors.As(err, &locked):
		ratelimit.SetRetryAfter(w.Header(), locked.RetryAfter)
		d.renderSecurity(w, r, http.StatusTooManyRequests, "", "Too many wrong passwords. Try again in "+retryText(locked.RetryAfter)+".")
	case errors.Is(err, session.ErrBusy):
		ratelimit.SetRetryAfter(w.Header(), session.BusyRetryAfter)
		d.renderSecurity(w, r, http.StatusServiceUnavailable, "", "Mira is busy checking other passwords, so nothing was changed. Try again in a few seconds.")
	case errors.Is(err, session.ErrBadCredentials):
		d.renderSecurity(w, r, http.StatusUnauthorized, "", "The current password is incorrect.")
	case errors.As(err, &me) && me.Code == mira.EInvalidRequest:
		d.renderSecurity(w, r, http.StatusBadRequest, "", "New password refused: "+me.Message+".")
	default:
		d.fail(w, r, err)
	}
}

type totpSetupData struct {
	Setup *session.TOTPSetup
}

func (d *Dashboard) totpSetup(w http.ResponseWriter, r *http.Request) {
	setup, err := d.sessions.BeginTOTP(r.Context(), session.UserFrom(r))
	if errors.Is(err, session.ErrTOTPEnrolled) {
		http.Redirect(w, r, "/dashboard/security", http.StatusSeeOther)
		return
	}
	if err != nil {
		d.fail(w, r, err)
		return
	}
	d.Render(w, r, http.StatusOK, "totp_setup", &Page{Title: "Set up two-factor authentication", Data: totpSetupData{Setup: setup}})
}

func (d *Dashboard) totpConfirm(w http.ResponseWriter, r *http.Request) {
	u := session.UserFrom(r)
	err := d.sessions.ConfirmTOTP(r.Context(), u.ID, r.PostForm.Get("code"))
	if err == nil {
		http.Redirect(w, r, "/dashboard/security?done=totp-enabled", http.StatusSeeOther)
		return
	}
	var locked *attempts.LockedError
	msg, status := "That code is not right. Enter the code your app shows now.", http.StatusBadRequest
	switch {
	case errors.Is(err, session.ErrTOTPEnrolled):
		http.Redirect(w, r, "/dashboard/security", http.StatusSeeOther)
		return
	case errors.As(err, &locked):
		ratelimit.SetRetryAfter(w.Header(), locked.RetryAfter)
		msg, status = "Too many wrong codes. Try again in "+retryText(locked.RetryAfter)+".", http.StatusTooManyRequests
	case errors.Is(err, session.ErrBadTOTP):
	default:
		d.fail(w, r, err)
		return
	}
	setup, err := d.sessions.PendingTOTP(r.Context(), u)
	if err != nil {
		http.Redirect(w, r, "/dashboard/security", http.StatusSeeOther)
		return
	}
	d.Render(w, r, status, "totp_setup", &Page{Title: "Set up two-factor authentication", Error: msg, Data: totpSetupData{Setup: setup}})
}

func (d *Dashboard) totpDisable(w http.ResponseWriter, r *http.Request) {
	err := d.sessions.DisableTOTP(r.Context(), session.UserFrom(r).ID, r.PostForm.Get("code"))
	var locked *attempts.LockedError
	switch {
	case err == nil:
		http.Redirect(w, r, "/dashboard/security?done=totp-disabled", http.StatusSeeOther)
	case errors.As(err, &locked):
		ratelimit.SetRetryAfter(w.Header(), locked.RetryAfter)
		d.renderSecurity(w, r, http.StatusTooManyRequests, "", "Too many wrong codes. Try again in "+retryText(locked.RetryAfter)+".")
	case errors.Is(err, session.ErrBadTOTP), errors.Is(err, session.ErrNoTOTP):
		d.renderSecurity(w, r, http.StatusBadRequest, "", "That code is not right. Two-factor authentication stays on.")
	default:
		d.fail(w, r, err)
	}
}
