package dashboard

import (
	"cmp"
	"context"
	"crypto/rand"
	"encoding/base64"
	"errors"
	"net/http"
	"net/netip"
	"slices"
	"strings"
	"time"

	"github.com/vmira/mira/internal/audit"
	"github.com/vmira/mira/internal/config"
	"github.com/vmira/mira/internal/keys"
	"github.com/vmira/mira/internal/mira"
	"github.com/vmira/mira/internal/session"
)

// The rules are the management API's, in one place: keys.Actor.

// actor is the signed-in user as the key policy sees them.
func actor(u *mira.User) keys.Actor {
	if u == nil {
		return keys.Actor{}
	}
	return keys.UserActor(u, "")
}

// canAdminister reports whether u is an owner or admin of their organisation.
func canAdminister(u *mira.User) bool { return u != nil && actor(u).Administers() }

// visibleKeys returns the keys u may see, newest first.
func (d *Dashboard) visibleKeys(ctx context.Context, u *mira.User) ([]*mira.Key, error) {
	all, err := d.keys.ListKeys(ctx, u.OrgID)
	if err != nil {
		return nil, err
	}
	a := actor(u)
	return slices.DeleteFunc(all, func(k *mira.Key) bool { return !a.Sees(k) }), nil
}

// lookupKey returns the key of the path's {id} if the signed-in user may
// see it; otherwise it answers 404 and returns nil.
func (d *Dashboard) lookupKey(w http.ResponseWriter, r *http.Request) *mira.Key {
	u := session.UserFrom(r)
	k, err := d.keys.KeyByID(r.Context(), r.PathValue("id"))
	if err != nil && mira.ErrorCode(err) != mira.ENotFound {
		d.fail(w, r, err)
		return nil
	}
	if err != nil || !actor(u).Sees(k) {
		d.message(w, r, http.StatusNotFound, "No such key", "/dashboard/keys", "Back to your keys",
			"There is no key with this id among the keys you can see.")
		return nil
	}
	return k
}

// keyRow is a key as the pages show it.
type keyRow struct {
	*mira.Key
	Display     string // first 12 … last 4
	State       mira.KeyState
	RotationDue bool
	// StopsAt is when a rotated key, still in its grace period, stops.
	StopsAt   time.Time
	Owner     string // the e-mail of the key's user, for owners and admins
	Exposures []mira.KeyExposure
	CanRotate bool
	CanRevoke bool
}

// Exposure is the latest exposure, or nil.
func (k keyRow) Exposure() *mira.KeyExposure {
	if len(k.Exposures) == 0 {
		return nil
	}
	return &k.Exposures[0]
}

// Leaked reports whether the latest exposure was a leak report.
func (k keyRow) Leaked() bool {
	e := k.Exposure()
	return e != nil && e.Source == mira.ExposureLeakReport
}

// exposureSource says in words how a key was exposed.
func exposureSource(source string) string {
	switch source {
	case mira.ExposurePlainHTTP:
		return "sent over plain HTTP"
	case mira.ExposureLeakReport:
		return "reported leaked"
	}
	return source
}

func (d *Dashboard) row(ctx context.Context, k *mira.Key, now time.Time, owners map[string]string) (keyRow, error) {
	v := keyRow{Key: k, Display: k.Prefix + "…" + k.Last4, State: k.State(now)}
	old := d.keyMaxAge > 0 && now.Sub(k.CreatedAt) > d.keyMaxAge
	if v.State == mira.KeyActive && old && d.expireOldKeys {
		v.State = mira.KeyExpired
	}
	v.RotationDue = v.State == mira.KeyActive && old
	if v.State == mira.KeyActive && !k.RevokedAt.IsZero() {
		v.StopsAt = k.RevokedAt
	}
	v.CanRotate = v.State == mira.KeyActive && k.RevokedAt.IsZero()
	v.CanRevoke = v.State != mira.KeyRevoked
	if !k.ExposedAt.IsZero() {
		var err error
		if v.Exposures, err = d.keys.KeyExposures(ctx, k.ID); err != nil {
			return v, err
		}
	}
	if owners != nil && k.UserID != "" {
		email, ok := owners[k.UserID]
		if !ok {
			if u, err := d.keys.UserByID(ctx, k.UserID); err == nil {
				email = u.Email
			} else if mira.ErrorCode(err) != mira.ENotFound {
				return v, err
			}
			owners[k.UserID] = email
		}
		v.Owner = email
	}
	return v, nil
}

type keysData struct {
	Active, Inactive []keyRow
	ShowOwner        bool
	MaxAge           string
}

func (d *Dashboard) keysPage(w http.ResponseWriter, r *http.Request) {
	u := session.UserFrom(r)
	all, err := d.visibleKeys(r.Context(), u)
	if err != nil {
		d.fail(w, r, err)
		return
	}
	now := d.now()
	var owners map[string]string
	if canAdminister(u) {
		owners = map[string]string{}
	}
	data := keysData{ShowOwner: canAdminister(u)}
	if d.keyMaxAge > 0 {
		data.MaxAge = plural(int(d.keyMaxAge/(24*time.Hour)), "day")
	}
	flash := ""
	for _, k := range all {
		v, err := d.row(r.Context(), k, now, owners)
		if err != nil {
			d.fail(w, r, err)
			return
		}
		if v.State == mira.KeyActive {
			data.Active = append(data.Active, v)
		} else {
			data.Inactive = append(data.Inactive, v)
		}
		if k.ID == r.URL.Query().Get("revoked") && v.State == mira.KeyRevoked {
			flash = "The key “" + k.Name + "” (" + v.Display + ") is revoked: requests with it are refused from now on."
		}
	}
	d.Render(w, r, http.StatusOK, "keys", &Page{Title: "API keys", Flash: flash, Wide: true, Data: data})
}

// keyForm is the create form, as sent and as shown again after an error.
type keyForm struct {
	FormID      string
	Name        string
	Environment string
	Scopes      map[mira.Scope]bool
	Grantable   []mira.Scope
	ExpiresIn   string
	Models      string
	CIDRs       string
	Expiries    []option
}

type option struct{ Value, Text string }

var expiryOptions = []option{{"", "Never"}, {"7d", "In 7 days"}, {"30d", "In 30 days"}, {"90d", "In 90 days"}, {"180d", "In 180 days"}, {"365d", "In a year"}}

func formID() string {
	b := make([]byte, 18)
	rand.Read(b)
	return base64.RawURLEncoding.EncodeToString(b)
}

func (d *Dashboard) newKeyPage(w http.ResponseWriter, r *http.Request) {
	f := keyForm{FormID: formID(), Environment: string(mira.EnvDevelopment), Scopes: map[mira.Scope]bool{}}
	for _, sc := range mira.DefaultScopes {
		f.Scopes[sc] = true
	}
	d.renderKeyForm(w, r, http.StatusOK, f, "")
}

func (d *Dashboard) renderKeyForm(w http.ResponseWriter, r *http.Request, status int, f keyForm, errMsg string) {
	f.Grantable = actor(session.UserFrom(r)).Grantable()
	f.Expiries = expiryOptions
	d.Render(w, r, status, "key_new", &Page{Title: "Create an API key", Error: errMsg, Data: f})
}

// createdData is the page that shows a new secret, once.
type createdData struct {
	Key     keyRow
	Secret  string
	Rotated *keyRow // the key this one replaces
	Grace   string  // how long the rotated key keeps working
}

// createKey creates a key from the new-key form and shows its secret once.
func (d *Dashboard) createKey(w http.ResponseWriter, r *http.Request) {
	u := session.UserFrom(r)
	pf := r.PostForm
	f := keyForm{FormID: pf.Get("form_id"), Name: pf.Get("name"), Environment: pf.Get("environment"),
		ExpiresIn: pf.Get("expires_in"), Models: pf.Get("allowed_models"), CIDRs: pf.Get("allowed_cidrs"), Scopes: map[mira.Scope]bool{}}
	if f.FormID == "" || len(f.FormID) > 64 {
		f.FormID = formID()
		d.renderKeyForm(w, r, http.StatusBadRequest, f, "This form is incomplete. Check the fields and send it again.")
		return
	}
	if prev, ok := d.sentForm(r, f.FormID); ok && prev.key != nil {
		d.alreadyCreated(w, r, prev.key)
		return
	}
	var scopeNames []string
	for _, s := range pf["scopes"] {
		scopeNames = append(scopeNames, s)
	}
	now := d.now()
	spec, err := keySpec(u, f, scopeNames, now)
	var k *mira.Key
	var raw string
	if err == nil {
		k, raw, err = d.keySvc.Create(r.Context(), spec, d.origin(r))
	}
	var me *mira.Error
	if errors.As(err, &me) && me.Code != mira.EInternal {
		status := http.StatusBadRequest
		if me.Code == mira.EInsufficientScope {
			status = http.StatusForbidden
		}
		d.renderKeyForm(w, r, status, f, "The key was not created: "+me.Message+".")
		return
	}
	if err != nil {
		d.fail(w, r, err)
		return
	}
	d.rememberForm(r, f.FormID, sentForm{key: k})
	row, err := d.row(r.Context(), k, now, nil)
	if err != nil {
		d.fail(w, r, err)
		return
	}
	d.Render(w, r, http.StatusCreated, "key_created", &Page{Title: "Key created", Data: createdData{Key: row, Secret: raw}})
}

// alreadyCreated answers a key form sent a second time (a double click, a
// reload) with the key the first one created, prev, instead of creating
// another: the secret was shown once and cannot be shown again.
func (d *Dashboard) alreadyCreated(w http.ResponseWriter, r *http.Request, prev *mira.Key) {
	row, err := d.row(r.Context(), prev, d.now(), nil)
	if err != nil {
		d.fail(w, r, err)
		return
	}
	d.message(w, r, http.StatusConflict, "Key already created", "/dashboard/keys", "Back to your keys",
		"This form was already sent, and the key “"+prev.Name+"” ("+row.Display+") was created then.",
		"Its secret was shown once and is not shown again. If you did not copy it, rotate the key to get a new secret, or revoke it.")
}

// keySpec reads the key form f, sent by u with the scopes scopeNames, into
// the spec of a new key, checking that u may grant the scopes and that the
// expiry is one the form offers. It marks the chosen scopes in f.Scopes (a
// map shared with the caller's form), so that a form shown again with an
// error keeps them ticked.
func keySpec(u *mira.User, f keyForm, scopeNames []string, now time.Time) (keys.Spec, error) {
	spec := keys.Spec{OrgID: u.OrgID, UserID: u.ID, Name: f.Name, AllowedModels: keys.ParseModels(f.Models)}
	var err error
	if spec.Environment, err = mira.ParseEnvironment(f.Environment); err != nil {
		return spec, err
	}
	if spec.Scopes, err = mira.ParseScopes(strings.Join(scopeNames, ",")); err != nil {
		return spec, err
	}
	for _, sc := range spec.Scopes {
		f.Scopes[sc] = true
	}
	if len(spec.Scopes) == 0 {
		return spec, mira.ParamErrorf("scopes", "choose at least one scope")
	}
	if err := actor(u).CheckGrant(spec.Scopes); err != nil {
		return spec, err
	}
	if spec.AllowedCIDRs, err = keys.ParseCIDRs(f.CIDRs); err != nil {
		return spec, err
	}
	if !slices.ContainsFunc(expiryOptions, func(o option) bool { return o.Value == f.ExpiresIn }) {
		return spec, mira.ParamErrorf("expires_in", "choose an expiry from the list")
	}
	if spec.ExpiresAt, err = keys.ParseExpiry(f.ExpiresIn, now, config.ParseDuration); err != nil {
		return spec, mira.ParamErrorf("expires_in", "%v", err)
	}
	return spec, nil
}

// sentForm returns what the form id of this session created, if it was
// sent before.
func (d *Dashboard) sentForm(r *http.Request, id string) (sentForm, bool) {
	d.sentMu.Lock()
	defer d.sentMu.Unlock()
	s, ok := d.sent[sentKey(r, id)]
	return s, ok
}

func sentKey(r *http.Request, formID string) string {
	return session.FromContext(r.Context()).ID + "\x00" + formID
}

// rememberForm records what the form id of this session created.
func (d *Dashboard) rememberForm(r *http.Request, id string, created sentForm) {
	d.sentMu.Lock()
	defer d.sentMu.Unlock()
	now := d.now()
	for id, s := range d.sent {
		if now.Sub(s.at) > time.Hour {
			delete(d.sent, id)
		}
	}
	created.at = now
	d.sent[sentKey(r, id)] = created
}

// confirmData is the page asking to confirm a rotation or revocation.
type confirmKeyData struct {
	Key    keyRow
	Action string // "rotate" or "revoke"
	Graces []option
}

var graceOptions = []option{{"0s", "None: the old key stops now"}, {"1h", "1 hour"}, {"24h", "24 hours (default)"}, {"72h", "3 days"}, {"168h", "7 days"}}

func (d *Dashboard) confirmRotate(w http.ResponseWriter, r *http.Request) {
	d.confirmKey(w, r, "rotate")
}

func (d *Dashboard) confirmRevoke(w http.ResponseWriter, r *http.Request) {
	d.confirmKey(w, r, "revoke")
}

func (d *Dashboard) confirmKey(w http.ResponseWriter, r *http.Request, action string) {
	k := d.lookupKey(w, r)
	if k == nil {
		return
	}
	row, err := d.row(r.Context(), k, d.now(), nil)
	if err != nil {
		d.fail(w, r, err)
		return
	}
	if (action == "rotate" && !row.CanRotate) || (action == "revoke" && !row.CanRevoke) {
		d.cannot(w, r, action, row)
		return
	}
	title := "Rotate this key?"
	if action == "revoke" {
		title = "Revoke this key?"
	}
	d.Render(w, r, http.StatusOK, "key_confirm", &Page{Title: title, Data: confirmKeyData{Key: row, Action: action, Graces: graceOptions}})
}

// cannot explains why a key cannot be rotated or revoked (any more).
func (d *Dashboard) cannot(w http.ResponseWriter, r *http.Request, action string, row keyRow) {
	why := "It is " + string(row.State) + "."
	if !row.StopsAt.IsZero() {
		why = "It was already rotated and stops working at " + row.StopsAt.UTC().Format("2006-01-02 15:04 UTC") + ". Rotate the newest key of its family instead, or revoke this one to stop it now."
	}
	d.message(w, r, http.StatusConflict, "Cannot "+action+" this key", "/dashboard/keys", "Back to your keys",
		"The key “"+row.Name+"” ("+row.Display+") cannot be "+map[string]string{"rotate": "rotated", "revoke": "revoked"}[action]+". "+why)
}

func (d *Dashboard) rotateKey(w http.ResponseWriter, r *http.Request) {
	k := d.lookupKey(w, r)
	if k == nil {
		return
	}
	now := d.now()
	row, err := d.row(r.Context(), k, now, nil)
	if err != nil {
		d.fail(w, r, err)
		return
	}
	graceText := cmp.Or(r.PostForm.Get("grace_period"), "24h")
	if !slices.ContainsFunc(graceOptions, func(o option) bool { return o.Value == graceText }) {
		d.Render(w, r, http.StatusBadRequest, "key_confirm", &Page{Title: "Rotate this key?", Error: "Choose a grace period from the list.",
			Data: confirmKeyData{Key: row, Action: "rotate", Graces: graceOptions}})
		return
	}
	if !row.CanRotate {
		d.cannot(w, r, "rotate", row)
		return
	}
	grace, _ := config.ParseDuration(graceText)
	next, raw, _, err := d.keySvc.Rotate(r.Context(), k.ID, grace, d.origin(r))
	var me *mira.Error
	if errors.As(err, &me) && me.Code == mira.EInvalidRequest {
		d.message(w, r, http.StatusConflict, "Cannot rotate this key", "/dashboard/keys", "Back to your keys",
			"The key “"+k.Name+"” ("+row.Display+") was not rotated: "+me.Message+".")
		return
	}
	if err != nil {
		d.fail(w, r, err)
		return
	}
	nextRow, err := d.row(r.Context(), next, now, nil)
	if err != nil {
		d.fail(w, r, err)
		return
	}
	graceWords := "stopped working now"
	if grace > 0 {
		graceWords = "keeps working until " + now.Add(grace).UTC().Format("2006-01-02 15:04 UTC") + ", then stops"
	}
	d.Render(w, r, http.StatusCreated, "key_created", &Page{Title: "Key rotated",
		Data: createdData{Key: nextRow, Secret: raw, Rotated: &row, Grace: graceWords}})
}

func (d *Dashboard) revokeKey(w http.ResponseWriter, r *http.Request) {
	u := session.UserFrom(r)
	k := d.lookupKey(w, r)
	if k == nil {
		return
	}
	now := d.now()
	row, err := d.row(r.Context(), k, now, nil)
	if err != nil {
		d.fail(w, r, err)
		return
	}
	if !row.CanRevoke {
		d.cannot(w, r, "revoke", row)
		return
	}
	if k, err = d.keySvc.Revoke(r.Context(), k.ID, "revoked by "+u.Email+" in the dashboard", d.origin(r)); err != nil {
		d.fail(w, r, err)
		return
	}
	http.Redirect(w, r, "/dashboard/keys?revoked="+urlQueryEscape(k.ID), http.StatusSeeOther)
}

// origin is the signed-in user and their address, for the audit entry of a
// key change.
func (d *Dashboard) origin(r *http.Request) keys.Origin {
	o := keys.Origin{Actor: audit.User(session.UserFrom(r).ID), Details: map[string]any{"via": "dashboard"}}
	if ip := d.sessions.ClientIP(r); ip.IsValid() {
		o.ClientIP = ip.String()
	}
	return o
}

// cidrText formats a key's allowed client networks.
func cidrText(ps []netip.Prefix) string {
	out := make([]string, len(ps))
	for i, p := range ps {
		out[i] = p.String()
	}
	return strings.Join(out, ", ")
}
