package session

import (
	"crypto/hmac"
	"encoding/base64"
	"errors"
	"net/http"
)

// maxFormBytes bounds the body of every dashboard form.
const maxFormBytes = 64 << 10

func (m *Manager) sessionCSRF(sessionID string) string {
	return base64.RawURLEncoding.EncodeToString(m.digest(m.csrfKey, "session", sessionID))
}

func (m *Manager) loginCSRF(cookie string) string {
	return base64.RawURLEncoding.EncodeToString(m.digest(m.csrfKey, "pre-session", cookie))
}

// CSRFToken returns the token a form rendered for r must carry in the
// field CSRFField: bound to the session when r has one (pending TOTP
// included), else to the pre-sign-in cookie, which it sets if missing.
func (m *Manager) CSRFToken(w http.ResponseWriter, r *http.Request) string {
	if s, _ := m.Current(w, r); s != nil {
		return m.sessionCSRF(s.ID)
	}
	v := cookieValue(r, CSRFCookie)
	if v == "" {
		v = randomToken()
		setCookie(w, CSRFCookie, v, 0)
	}
	return m.loginCSRF(v)
}

// CheckCSRF reports whether a state-changing request may proceed: it must
// pass the cross-origin check (Sec-Fetch-Site, else Origin against Host)
// and carry the CSRF token of its session, or without a session, of its
// pre-sign-in cookie. It parses the form (at most 64 KB). The error is
// ErrCSRF, or an internal error from looking up the session.
func (m *Manager) CheckCSRF(w http.ResponseWriter, r *http.Request) error {
	if err := m.cop.Check(r); err != nil {
		return ErrCSRF
	}
	if r.PostForm == nil {
		r.Body = http.MaxBytesReader(w, r.Body, maxFormBytes)
		if err := r.ParseForm(); err != nil {
			return ErrCSRF
		}
	}
	got := r.PostForm.Get(CSRFField)
	if got == "" || len(got) > 128 || len(r.PostForm[CSRFField]) != 1 {
		return ErrCSRF
	}
	var want string
	s, err := m.Current(w, r)
	switch {
	case s != nil:
		want = m.sessionCSRF(s.ID)
	case errors.Is(err, ErrNoSession):
		v := cookieValue(r, CSRFCookie)
		if v == "" {
			return ErrCSRF
		}
		want = m.loginCSRF(v)
	default:
		return err
	}
	if !hmac.Equal([]byte(got), []byte(want)) {
		return ErrCSRF
	}
	return nil
}

// ProtectForms refuses (403) every request but GET, HEAD and OPTIONS that
// fails CheckCSRF.
func (m *Manager) ProtectForms(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		switch r.Method {
		case http.MethodGet, http.MethodHead, http.MethodOptions:
		default:
			if err := m.CheckCSRF(w, r); err != nil {
				if !errors.Is(err, ErrCSRF) {
					m.log.Error("session: CSRF check failed", "error", err)
				}
				http.Error(w, "the form expired or came from another site; reload the page and try again", http.StatusForbidden)
				return
			}
		}
		next.ServeHTTP(w, r)
	})
}
