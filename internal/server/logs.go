package server

import (
	"net/http"
	"strconv"
	"strings"
	"time"

	"github.com/vmira/mira/internal/mira"
	"github.com/vmira/mira/internal/reqlog"
)

// ownKeyFilter returns the key filter a principal may use: owners and
// admins see their organisation, members only their own keys.
func (s *Server) ownKeyFilter(r *http.Request, asked string) (string, error) {
	p := principal(r.Context())
	if p.Role() != mira.RoleMember {
		return asked, nil
	}
	if asked == "" && p.Key != nil {
		return p.Key.ID, nil
	}
	if asked == "" {
		return "", mira.ParamErrorf("key_id", "members see the usage and logs of their own keys: pass key_id")
	}
	if s.opt.KeyAdmin != nil {
		if k, err := s.opt.KeyAdmin.KeyByID(r.Context(), asked); err == nil && actorOf(p).Sees(k) {
			return asked, nil
		}
	}
	return "", mira.Errorf(mira.ENotFound, "no such key")
}

func parseDay(q, name string) (time.Time, error) {
	if q == "" {
		return time.Time{}, nil
	}
	t, err := time.Parse(time.DateOnly, q)
	if err != nil {
		return time.Time{}, mira.ParamErrorf(name, "%s must be a date such as 2026-11-26", name)
	}
	return t, nil
}

type usageRow struct {
	Day              string `json:"day"`
	KeyID            string `json:"key_id,omitempty"`
	Model            string `json:"model,omitempty"`
	Requests         int64  `json:"requests"`
	Errors           int64  `json:"errors"`
	PromptTokens     int64  `json:"prompt_tokens"`
	CompletionTokens int64  `json:"completion_tokens"`
	TotalTokens      int64  `json:"total_tokens"`
}

// usage answers GET /v1/usage: requests and tokens per day, and per key and
// model with group_by=key,model.
func (s *Server) usage(w http.ResponseWriter, r *http.Request) error {
	q := r.URL.Query()
	uq := reqlog.UsageQuery{OrgID: principal(r.Context()).OrgID(), Model: q.Get("model")}
	var err error
	if uq.KeyID, err = s.ownKeyFilter(r, q.Get("key_id")); err == nil {
		if uq.From, err = parseDay(q.Get("from"), "from"); err == nil {
			uq.To, err = parseDay(q.Get("to"), "to")
		}
	}
	for _, g := range strings.Split(q.Get("group_by"), ",") {
		switch g {
		case "key":
			uq.ByKey = true
		case "model":
			uq.ByModel = true
		case "":
		default:
			err = mira.ParamErrorf("group_by", "group_by takes key and model")
		}
	}
	if err != nil {
		return err
	}
	rows, err := s.opt.Logs.Usage(r.Context(), uq)
	if err != nil {
		return err
	}
	out := struct {
		Object string     `json:"object"`
		Data   []usageRow `json:"data"`
	}{Object: "list", Data: make([]usageRow, 0, len(rows))}
	for _, u := range rows {
		out.Data = append(out.Data, usageRow{Day: u.Day.Format(time.DateOnly), KeyID: u.KeyID, Model: u.Model,
			Requests: u.Requests, Errors: u.Errors, PromptTokens: u.PromptTokens, CompletionTokens: u.CompletionTokens,
			TotalTokens: u.PromptTokens + u.CompletionTokens})
	}
	writeJSON(w, http.StatusOK, out)
	return nil
}

type logRow struct {
	ID               int64    `json:"id"`
	Time             int64    `json:"created_at"`
	RequestID        string   `json:"request_id"`
	KeyID            string   `json:"key_id,omitempty"`
	UserID           string   `json:"user_id,omitempty"`
	Endpoint         string   `json:"endpoint"`
	Model            string   `json:"model,omitempty"`
	Status           int      `json:"status"`
	LatencyMs        float64  `json:"latency_ms"`
	PromptTokens     int64    `json:"prompt_tokens"`
	CompletionTokens int64    `json:"completion_tokens"`
	ClientIP         string   `json:"client_ip"`
	Filter           string   `json:"filter,omitempty"`
	SensitiveData    []string `json:"sensitive_data,omitempty"`
	Stream           bool     `json:"stream"`
	Request          string   `json:"request,omitempty"`
	Response         string   `json:"response,omitempty"`
}

// logs answers GET /v1/logs, newest first, a page at a time.
func (s *Server) logs(w http.ResponseWriter, r *http.Request) error {
	q := r.URL.Query()
	lq := reqlog.LogQuery{OrgID: principal(r.Context()).OrgID(), Model: q.Get("model"), Cursor: q.Get("cursor"),
		ErrorsOnly: q.Get("errors_only") == "true", IncludeBodies: q.Get("include_bodies") == "true"}
	var err error
	lq.KeyID, err = s.ownKeyFilter(r, q.Get("key_id"))
	num := func(name string, dst *int) {
		if v := q.Get(name); v != "" && err == nil {
			if *dst, err = strconv.Atoi(v); err != nil {
				err = mira.ParamErrorf(name, "%s must be a number", name)
			}
		}
	}
	num("status", &lq.Status)
	num("limit", &lq.Limit)
	if err == nil {
		if lq.From, err = parseDay(q.Get("from"), "from"); err == nil {
			lq.To, err = parseDay(q.Get("to"), "to")
			if !lq.To.IsZero() {
				lq.To = lq.To.AddDate(0, 0, 1) // the whole day
			}
		}
	}
	if err != nil {
		return err
	}
	page, err := s.opt.Logs.Logs(r.Context(), lq)
	if err != nil {
		return err
	}
	out := struct {
		Object     string   `json:"object"`
		Data       []logRow `json:"data"`
		NextCursor string   `json:"next_cursor,omitempty"`
	}{Object: "list", Data: make([]logRow, 0, len(page.Records)), NextCursor: page.NextCursor}
	for _, rec := range page.Records {
		out.Data = append(out.Data, logRow{ID: rec.ID, Time: rec.Time.Unix(), RequestID: rec.RequestID, KeyID: rec.KeyID,
			UserID: rec.UserID, Endpoint: rec.Endpoint, Model: rec.Model, Status: rec.Status,
			LatencyMs: float64(rec.Latency.Microseconds()) / 1000, PromptTokens: rec.PromptTokens,
			CompletionTokens: rec.CompletionTokens, ClientIP: rec.ClientIP, Filter: rec.FilterVerdict,
			SensitiveData: rec.SensitiveTypes, Stream: rec.Stream, Request: string(rec.Request), Response: string(rec.Response)})
	}
	writeJSON(w, http.StatusOK, out)
	return nil
}
