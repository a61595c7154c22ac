package dashboard

import (
	"errors"
	"fmt"
	"net/http"
	"slices"
	"strconv"

	"github.com/vmira/mira/internal/attempts"
	"github.com/vmira/mira/internal/members"
	"github.com/vmira/mira/internal/mira"
	"github.com/vmira/mira/internal/ratelimit"
	"github.com/vmira/mira/internal/session"
)

// memberRoutes are the member pages: /dashboard/members for owners and
// admins, and the invitation link's page, open to anyone holding a link.
func (d *Dashboard) memberRoutes(page, user, form func(http.HandlerFunc) http.Handler) []Route {
	return []Route{
		{"GET /dashboard/members", user(d.membersPage)},
		{"POST /dashboard/members/invite", form(d.inviteMember)},
		{"POST /dashboard/members/{id}/role", form(d.setMemberRole)},
		{"GET /dashboard/members/{id}/remove", user(d.confirmRemoveMember)},
		{"POST /dashboard/members/{id}/remove", form(d.removeMember)},
		{"POST /dashboard/members/invitations/{id}/cancel", form(d.cancelInvitation)},
		{"GET /invite", page(d.invitePage)},
		{"POST /invite", page(d.checkCSRF(d.acceptInvite))},
	}
}

// memberActor returns the signed-in user as the member rules see them, or
// answers 403 and returns false when they do not manage members.
func (d *Dashboard) memberActor(w http.ResponseWriter, r *http.Request) (members.Actor, bool) {
	a := members.UserActor(session.UserFrom(r))
	if !a.Manages() {
		d.message(w, r, http.StatusForbidden, "Members", "/dashboard/", "Back to the dashboard",
			"Only owners and admins of the organisation manage its members.")
		return a, false
	}
	return a, true
}

type memberRow struct {
	*members.Member
	You       bool
	LastOwner bool // neither demoted nor removed
	CanChange bool // the actor may change or remove them
}

type membersData struct {
	Members     []memberRow
	Invitations []*members.Invitation
	Roles       []mira.Role // the roles the actor may grant
	CanMail     bool
	Email, Role string // the invite form, shown again after an error
	FormID      string // the invite form's id: sent twice, it invites once
}

func (d *Dashboard) membersPage(w http.ResponseWriter, r *http.Request) {
	d.renderMembers(w, r, http.StatusOK, membersFlash(r), "", "", "")
}

// membersFlash is the confirmation of the change a redirect reports.
func membersFlash(r *http.Request) string {
	q := r.URL.Query()
	switch {
	case q.Has("removed"):
		n, _ := strconv.Atoi(q.Get("removed"))
		return fmt.Sprintf("The member was removed: %s revoked, their sessions and CLI sign-ins ended.", plural(n, "key"))
	case q.Has("role"):
		return "The role was changed."
	case q.Has("cancelled"):
		return "The invitation was cancelled: its link no longer works."
	}
	return ""
}

func (d *Dashboard) renderMembers(w http.ResponseWriter, r *http.Request, status int, flash, errMsg, email, role string) {
	a, ok := d.memberActor(w, r)
	if !ok {
		return
	}
	list, err := d.members.List(r.Context(), a.OrgID)
	if err != nil {
		d.fail(w, r, err)
		return
	}
	pending, err := d.members.Pending(r.Context(), a.OrgID)
	if err != nil {
		d.fail(w, r, err)
		return
	}
	data := membersData{Invitations: pending, Roles: a.Grantable(), CanMail: d.members.CanMail(), Email: email, Role: role, FormID: formID()}
	owners := 0
	for _, m := range list {
		if m.Role == mira.RoleOwner {
			owners++
		}
	}
	for _, m := range list {
		row := memberRow{Member: m, You: m.ID == a.UserID, LastOwner: m.Role == mira.RoleOwner && owners == 1}
		row.CanChange = slices.Contains(data.Roles, m.Role) && !row.LastOwner
		data.Members = append(data.Members, row)
	}
	d.Render(w, r, status, "members", &Page{Title: "Members", Flash: flash, Error: errMsg, Wide: true, Data: data})
}

// refused answers a change the rules refused with the members page and
// the reason; anything else is an internal error.
func (d *Dashboard) refused(w http.ResponseWriter, r *http.Request, err error, what, email, role string) {
	var me *mira.Error
	if !errors.As(err, &me) || me.Code == mira.EInternal {
		d.fail(w, r, err)
		return
	}
	status := http.StatusBadRequest
	switch me.Code {
	case mira.EInsufficientScope:
		status = http.StatusForbidden
	case mira.ENotFound:
		status = http.StatusNotFound
	}
	d.renderMembers(w, r, status, "", what+": "+me.Message+".", email, role)
}

func (d *Dashboard) inviteMember(w http.ResponseWriter, r *http.Request) {
	a, ok := d.memberActor(w, r)
	if !ok {
		return
	}
	email, role, id := r.PostForm.Get("email"), r.PostForm.Get("role"), r.PostForm.Get("form_id")
	if id == "" || len(id) > 64 {
		d.renderMembers(w, r, http.StatusBadRequest, "", "This form is incomplete. Check the fields and send it again.", email, role)
		return
	}
	if prev, ok := d.sentForm(r, id); ok && prev.invitation != nil {
		d.alreadyInvited(w, r, prev.invitation)
		return
	}
	inv, err := d.members.Invite(r.Context(), a, email, mira.Role(role), d.origin(r))
	if err != nil {
		d.refused(w, r, err, "Nobody was invited", email, role)
		return
	}
	d.rememberForm(r, id, sentForm{invitation: &members.Invited{Invitation: inv.Invitation, Emailed: inv.Emailed}})
	d.Render(w, r, http.StatusCreated, "member_invited", &Page{Title: "Invitation created", Data: inv})
}

// alreadyInvited answers an invite form sent a second time (a reload of
// the result page, a double click) with the invitation the first one
// created, instead of a second invitation and a second e-mail: its link
// was shown once and is not kept.
func (d *Dashboard) alreadyInvited(w http.ResponseWriter, r *http.Request, prev *members.Invited) {
	mailed := ""
	if prev.Emailed {
		mailed = " It was e-mailed to " + prev.Email + "."
	}
	d.message(w, r, http.StatusConflict, "Invitation already created", "/dashboard/members", "Back to the members",
		"This form was already sent, and an invitation for "+prev.Email+" as "+string(prev.Role)+" was created then."+mailed,
		"Its link was shown once and is not shown again. If it was lost, cancel the invitation and invite again.")
}

func (d *Dashboard) setMemberRole(w http.ResponseWriter, r *http.Request) {
	a, ok := d.memberActor(w, r)
	if !ok {
		return
	}
	if _, err := d.members.SetRole(r.Context(), a, r.PathValue("id"), mira.Role(r.PostForm.Get("role")), d.origin(r)); err != nil {
		d.refused(w, r, err, "The role was not changed", "", "")
		return
	}
	http.Redirect(w, r, "/dashboard/members?role=changed", http.StatusSeeOther)
}

func (d *Dashboard) confirmRemoveMember(w http.ResponseWriter, r *http.Request) {
	a, ok := d.memberActor(w, r)
	if !ok {
		return
	}
	m, err := d.members.Get(r.Context(), a, r.PathValue("id"))
	if err != nil {
		d.refused(w, r, err, "Cannot remove", "", "")
		return
	}
	d.Render(w, r, http.StatusOK, "member_remove", &Page{Title: "Remove this member?", Data: memberRow{Member: m, You: m.ID == a.UserID}})
}

func (d *Dashboard) removeMember(w http.ResponseWriter, r *http.Request) {
	a, ok := d.memberActor(w, r)
	if !ok {
		return
	}
	res, err := d.members.Remove(r.Context(), a, r.PathValue("id"), d.origin(r))
	if err != nil {
		d.refused(w, r, err, "The member was not removed", "", "")
		return
	}
	if res.Member.ID == a.UserID {
		// They removed themselves: their session is gone with them.
		http.Redirect(w, r, "/login", http.StatusSeeOther)
		return
	}
	http.Redirect(w, r, "/dashboard/members?removed="+strconv.Itoa(res.RevokedKeys), http.StatusSeeOther)
}

func (d *Dashboard) cancelInvitation(w http.ResponseWriter, r *http.Request) {
	a, ok := d.memberActor(w, r)
	if !ok {
		return
	}
	if err := d.members.Cancel(r.Context(), a, r.PathValue("id"), d.origin(r)); err != nil {
		d.refused(w, r, err, "The invitation was not cancelled", "", "")
		return
	}
	http.Redirect(w, r, "/dashboard/members?cancelled=1", http.StatusSeeOther)
}

type acceptData struct {
	Token string
	*members.Invitation
	OrgName string
}

// invitePage is where an invitation link leads: the invitee chooses a
// password.
func (d *Dashboard) invitePage(w http.ResponseWriter, r *http.Request) {
	d.renderAccept(w, r, http.StatusOK, r.URL.Query().Get("token"), "")
}

func (d *Dashboard) renderAccept(w http.ResponseWriter, r *http.Request, status int, token, errMsg string) {
	inv, err := d.members.Lookup(r.Context(), token)
	if errors.Is(err, members.ErrInvalidInvitation) {
		d.message(w, r, http.StatusNotFound, "Invitation not valid", "/login", "Sign in",
			"This invitation link does not work: it was already used, was cancelled or has expired.",
			"Ask the person who invited you for a new one.")
		return
	}
	if err != nil {
		d.fail(w, r, err)
		return
	}
	data := acceptData{Token: token, Invitation: inv, OrgName: d.members.OrgName(r.Context(), inv.OrgID)}
	d.Render(w, r, status, "invite_accept", &Page{Title: "Join Mira", Error: errMsg, Data: data})
}

// acceptInvite creates the invited user and signs them in.
func (d *Dashboard) acceptInvite(w http.ResponseWriter, r *http.Request) {
	token, pw := r.PostForm.Get("token"), r.PostForm.Get("password")
	if pw != r.PostForm.Get("password_confirm") {
		d.renderAccept(w, r, http.StatusBadRequest, token, "The two passwords differ. Enter the same password twice.")
		return
	}
	ip := ""
	if a := d.sessions.ClientIP(r); a.IsValid() {
		ip = a.String()
	}
	u, err := d.members.Accept(r.Context(), token, pw, ip)
	var me *mira.Error
	switch {
	case errors.Is(err, members.ErrInvalidInvitation):
		d.renderAccept(w, r, http.StatusNotFound, token, "")
		return
	case errors.As(err, &me) && me.Code == mira.EInvalidRequest:
		d.renderAccept(w, r, http.StatusBadRequest, token, "Your account was not created: "+me.Message+".")
		return
	case errors.As(err, &me) && me.Code == mira.EUnavailable:
		ratelimit.SetRetryAfter(w.Header(), session.BusyRetryAfter)
		d.renderAccept(w, r, http.StatusServiceUnavailable, token, me.Message+".")
		return
	case err != nil:
		d.fail(w, r, err)
		return
	}
	d.signInNew(w, r, u, pw)
}

// signInNew signs a user who just chose their password in, through the
// normal sign-in (its limits and audit entry included).
func (d *Dashboard) signInNew(w http.ResponseWriter, r *http.Request, u *mira.User, pw string) {
	_, err := d.sessions.SignIn(w, r, u.Email, pw)
	var locked *attempts.LockedError
	switch {
	case err == nil:
		http.Redirect(w, r, "/dashboard/", http.StatusSeeOther)
	case errors.As(err, &locked):
		ratelimit.SetRetryAfter(w.Header(), locked.RetryAfter)
		d.message(w, r, http.StatusTooManyRequests, "Account created", "/login", "Sign in",
			"Your account is ready, but sign-ins from here are paused: sign in again in "+retryText(locked.RetryAfter)+".")
	default:
		d.message(w, r, http.StatusOK, "Account created", "/login", "Sign in",
			"Your account is ready. Sign in with your e-mail address and the password you chose.")
	}
}
