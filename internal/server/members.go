package server

import (
	"net/http"

	"github.com/vmira/mira/internal/members"
	"github.com/vmira/mira/internal/mira"
)

// SetMembers enables /v1/members with svc. Call it before Handler: the
// service needs the server's key service, so it is made after the server.
func (s *Server) SetMembers(svc *members.Service) { s.opt.Members = svc }

// memberRoutes registers the member management API: scope admin, and an
// owner or admin behind the credential (members.Actor checks the role).
func (s *Server) memberRoutes(api func(pattern string, scope mira.Scope, h handlerFunc)) {
	api("GET /v1/members", mira.ScopeAdmin, s.managed(s.listMembers))
	api("POST /v1/members", mira.ScopeAdmin, s.managed(s.inviteMember))
	api("PATCH /v1/members/{id}", mira.ScopeAdmin, s.managed(s.updateMember))
	api("DELETE /v1/members/{id}", mira.ScopeAdmin, s.managed(s.removeMember))
	api("DELETE /v1/members/invitations/{id}", mira.ScopeAdmin, s.managed(s.cancelInvitation))
}

// memberActor is the principal as the member rules see it.
func memberActor(r *http.Request) members.Actor {
	p := principal(r.Context())
	a := members.Actor{OrgID: p.OrgID(), Role: p.Role()}
	if p.User != nil {
		a.UserID = p.User.ID
	}
	return a
}

// memberView is a member as the API shows it.
type memberView struct {
	ID        string    `json:"id"`
	Object    string    `json:"object"` // "member"
	Email     string    `json:"email"`
	Role      mira.Role `json:"role"`
	CreatedAt int64     `json:"created_at"`
}

func viewMember(m *members.Member) memberView {
	return memberView{ID: m.ID, Object: "member", Email: m.Email, Role: m.Role, CreatedAt: m.CreatedAt.Unix()}
}

// invitationView is an invitation as the API shows it; URL (the secret
// link) and Emailed only in the answer that creates it.
type invitationView struct {
	ID        string    `json:"id"`
	Object    string    `json:"object"` // "invitation"
	Email     string    `json:"email"`
	Role      mira.Role `json:"role"`
	InvitedBy string    `json:"invited_by"`
	CreatedAt int64     `json:"created_at"`
	ExpiresAt int64     `json:"expires_at"`
	URL       string    `json:"url,omitempty"`
	Emailed   *bool     `json:"emailed,omitempty"`
	MailError string    `json:"mail_error,omitempty"`
}

func viewInvitation(inv *members.Invitation) invitationView {
	return invitationView{ID: inv.ID, Object: "invitation", Email: inv.Email, Role: inv.Role, InvitedBy: inv.InvitedBy,
		CreatedAt: inv.CreatedAt.Unix(), ExpiresAt: inv.ExpiresAt.Unix()}
}

func (s *Server) listMembers(w http.ResponseWriter, r *http.Request) error {
	a := memberActor(r)
	if !a.Manages() {
		return mira.Errorf(mira.EInsufficientScope, "only owners and admins manage members")
	}
	list, err := s.opt.Members.List(r.Context(), a.OrgID)
	if err != nil {
		return err
	}
	pending, err := s.opt.Members.Pending(r.Context(), a.OrgID)
	if err != nil {
		return err
	}
	out := struct {
		Object      string           `json:"object"`
		Data        []memberView     `json:"data"`
		Invitations []invitationView `json:"invitations"`
	}{Object: "list", Data: []memberView{}, Invitations: []invitationView{}}
	for _, m := range list {
		out.Data = append(out.Data, viewMember(m))
	}
	for _, inv := range pending {
		out.Invitations = append(out.Invitations, viewInvitation(inv))
	}
	writeJSON(w, http.StatusOK, out)
	return nil
}

// memberRequest is the body of POST (email, role) and PATCH (role)
// /v1/members.
type memberRequest struct {
	Email *string `json:"email"`
	Role  *string `json:"role"`
}

func (s *Server) inviteMember(w http.ResponseWriter, r *http.Request) error {
	var req memberRequest
	if err := s.decodeJSON(w, r, &req); err != nil {
		return err
	}
	if req.Email == nil {
		return mira.ParamErrorf("email", "email is required")
	}
	role := mira.RoleMember
	if req.Role != nil {
		role = mira.Role(*req.Role)
	}
	inv, err := s.opt.Members.Invite(r.Context(), memberActor(r), *req.Email, role, origin(r, map[string]any{"via": "api"}))
	if err != nil {
		return err
	}
	v := viewInvitation(inv.Invitation)
	v.URL, v.Emailed, v.MailError = inv.Link, &inv.Emailed, inv.MailError
	writeJSON(w, http.StatusCreated, v)
	return nil
}

func (s *Server) updateMember(w http.ResponseWriter, r *http.Request) error {
	var req memberRequest
	if err := s.decodeJSON(w, r, &req); err != nil {
		return err
	}
	if req.Email != nil {
		return mira.ParamErrorf("email", "a member's e-mail address cannot be changed")
	}
	if req.Role == nil {
		return mira.ParamErrorf("role", "role is required")
	}
	m, err := s.opt.Members.SetRole(r.Context(), memberActor(r), r.PathValue("id"), mira.Role(*req.Role), origin(r, map[string]any{"via": "api"}))
	if err != nil {
		return err
	}
	writeJSON(w, http.StatusOK, viewMember(m))
	return nil
}

func (s *Server) removeMember(w http.ResponseWriter, r *http.Request) error {
	res, err := s.opt.Members.Remove(r.Context(), memberActor(r), r.PathValue("id"), origin(r, map[string]any{"via": "api"}))
	if err != nil {
		return err
	}
	writeJSON(w, http.StatusOK, map[string]any{"id": res.Member.ID, "object": "member", "email": res.Member.Email,
		"deleted": true, "revoked_keys": res.RevokedKeys})
	return nil
}

func (s *Server) cancelInvitation(w http.ResponseWriter, r *http.Request) error {
	id := r.PathValue("id")
	if err := s.opt.Members.Cancel(r.Context(), memberActor(r), id, origin(r, map[string]any{"via": "api"})); err != nil {
		return err
	}
	writeJSON(w, http.StatusOK, map[string]any{"id": id, "object": "invitation", "deleted": true})
	return nil
}
