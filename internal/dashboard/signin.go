package dashboard

import (
	"errors"
	"net/http"

	"github.com/vmira/mira/internal/attempts"
	"github.com/vmira/mira/internal/ratelimit"
	"github.com/vmira/mira/internal/session"
)

type loginData struct {
	Next  string
	Email string
}

func (d *Dashboard) loginPage(w http.ResponseWriter, r *http.Request) {
	next := session.SafeNext(r.URL.Query().Get("next"))
	if s, _ := d.sessions.Current(w, r); s != nil {
		if s.MFAPending {
			http.Redirect(w, r, "/login/2fa?next="+urlQueryEscape(next), http.StatusSeeOther)
		} else {
			http.Redirect(w, r, next, http.StatusSeeOther)
		}
		return
	}
	d.Render(w, r, http.StatusOK, "login", &Page{Title: "Sign in", Data: loginData{Next: next}})
}

func (d *Dashboard) loginSubmit(w http.ResponseWriter, r *http.Request) {
	email := r.PostForm.Get("email")
	next := session.SafeNext(r.PostForm.Get("next"))
	res, err := d.sessions.SignIn(w, r, email, r.PostForm.Get("password"))
	var locked *attempts.LockedError
	switch {
	case errors.As(err, &locked):
		ratelimit.SetRetryAfter(w.Header(), locked.RetryAfter)
		d.Render(w, r, http.StatusTooManyRequests, "login", &Page{Title: "Sign in", Error: "Too many failed sign-ins. Try again in " + retryText(locked.RetryAfter) + ".", Data: loginData{Next: next, Email: email}})
	case errors.Is(err, session.ErrBusy):
		ratelimit.SetRetryAfter(w.Header(), session.BusyRetryAfter)
		d.Render(w, r, http.StatusServiceUnavailable, "login", &Page{Title: "Sign in", Error: "Mira is busy checking other sign-ins, so your password was not checked. Try again in a few seconds.", Data: loginData{Next: next, Email: email}})
	case errors.Is(err, session.ErrBadCredentials):
		d.Render(w, r, http.StatusUnauthorized, "login", &Page{Title: "Sign in", Error: "The e-mail address or password is incorrect.", Data: loginData{Next: next, Email: email}})
	case err != nil:
		d.fail(w, r, err)
	case res.MFARequired:
		http.Redirect(w, r, "/login/2fa?next="+urlQueryEscape(next), http.StatusSeeOther)
	default:
		http.Redirect(w, r, next, http.StatusSeeOther)
	}
}

func (d *Dashboard) mfaPage(w http.ResponseWriter, r *http.Request) {
	next := session.SafeNext(r.URL.Query().Get("next"))
	s, _ := d.sessions.Current(w, r)
	if s == nil {
		http.Redirect(w, r, "/login?next="+urlQueryEscape(next), http.StatusSeeOther)
		return
	}
	if !s.MFAPending {
		http.Redirect(w, r, next, http.StatusSeeOther)
		return
	}
	d.Render(w, r, http.StatusOK, "login_2fa", &Page{Title: "Two-factor authentication", Data: loginData{Next: next}})
}

func (d *Dashboard) mfaSubmit(w http.ResponseWriter, r *http.Request) {
	next := session.SafeNext(r.PostForm.Get("next"))
	_, err := d.sessions.CompleteMFA(w, r, r.PostForm.Get("code"))
	var locked *attempts.LockedError
	switch {
	case err == nil:
		http.Redirect(w, r, next, http.StatusSeeOther)
	case errors.Is(err, session.ErrNoSession):
		d.message(w, r, http.StatusUnauthorized, "Sign in again", "/login?next="+urlQueryEscape(next), "Sign in",
			"The sign-in expired or had too many wrong codes.")
	case errors.As(err, &locked):
		ratelimit.SetRetryAfter(w.Header(), locked.RetryAfter)
		d.Render(w, r, http.StatusTooManyRequests, "login_2fa", &Page{Title: "Two-factor authentication", Error: "Too many wrong codes. Try again in " + retryText(locked.RetryAfter) + ".", Data: loginData{Next: next}})
	case errors.Is(err, session.ErrBadTOTP):
		d.Render(w, r, http.StatusUnauthorized, "login_2fa", &Page{Title: "Two-factor authentication", Error: "That code is not right, or was already used. Enter the current code.", Data: loginData{Next: next}})
	default:
		d.fail(w, r, err)
	}
}

func (d *Dashboard) logout(w http.ResponseWriter, r *http.Request) {
	if err := d.sessions.SignOut(w, r); err != nil {
		d.fail(w, r, err)
		return
	}
	http.Redirect(w, r, "/login", http.StatusSeeOther)
}
