package server

import (
	"context"
	"log/slog"
	"net/http"
	"strings"
	"time"

	"github.com/vmira/mira/internal/openai"
	"github.com/vmira/mira/internal/ratelimit"
	"github.com/vmira/mira/internal/reqlog"
)

// exchange is one inference request on its way through a handler: who
// asks, what was asked, what the answer cost, and the request-log entry
// that records it. A handler makes it with begin and defers finish, which
// settles the rate-limit reservation once, hands the entry to the request
// log and adds the request's facts to the access line.
type exchange struct {
	s     *Server
	r     *http.Request
	p     *Principal
	start time.Time
	res   *ratelimit.Reservation

	// charge is what the request is charged against the plan's tokens.
	charge openai.Usage
	// answered is set once a response has started (a stream); the status
	// is then 200 whatever follows. ttft is the time to the first answer
	// frame of a stream.
	answered bool
	ttft     time.Duration
	// bodies: this organisation keeps request and response bodies.
	bodies bool
	entry  reqlog.Entry
	// outputFilter is the output filter's verdict when it blocked.
	outputFilter string
}

// begin starts the exchange of an authenticated inference request.
func (s *Server) begin(r *http.Request) *exchange {
	p := principal(r.Context())
	ex := &exchange{s: s, r: r, p: p, start: time.Now()}
	ex.bodies = s.opt.RequestLog != nil && s.opt.RequestLog.WantsBodies(p.OrgID())
	return ex
}

// admit reserves tokens under the principal's plan; on refusal it returns
// the 429 to send.
func (ex *exchange) admit(w http.ResponseWriter, tokens int) error {
	res, err := ex.s.admit(w, ex.r, tokens)
	ex.res = res
	return err
}

// served records the model that serves the request. The name is recorded
// only once it is known to exist: it is client text otherwise.
func (ex *exchange) served(model string, stream bool) {
	ex.entry.Model, ex.entry.Stream = model, stream
}

// used records what the answer cost: it is charged and logged.
func (ex *exchange) used(u openai.Usage) {
	ex.charge = u
	ex.entry.PromptTokens, ex.entry.CompletionTokens = int64(u.PromptTokens), int64(u.CompletionTokens)
}

// finish ends the exchange; err is what the handler returns (nil once a
// response has been written). It settles the reservation with the tokens
// really used, logs the entry, and adds the facts to the access line.
func (ex *exchange) finish(err error) {
	ctx := ex.r.Context()
	if ex.res != nil {
		total := ex.charge.TotalTokens
		if total == 0 {
			total = ex.charge.PromptTokens + ex.charge.CompletionTokens
		}
		_ = ex.res.Settle(context.WithoutCancel(ctx), total)
		ex.res.Release()
	}
	status := http.StatusOK
	if err != nil && !ex.answered {
		status, _ = errorBody(err)
	}
	ri := info(ctx)
	e := logEntry(ex.r, ex.start, status)
	e.Model, e.Stream = ex.entry.Model, ex.entry.Stream
	e.PromptTokens, e.CompletionTokens = ex.entry.PromptTokens, ex.entry.CompletionTokens
	e.FilterVerdict, e.SensitiveTypes = ex.entry.FilterVerdict, ex.entry.SensitiveTypes
	ex.s.opt.Observer.Request(&e, ex.ttft)
	if ex.s.opt.RequestLog != nil {
		e.Request, e.Response = ex.entry.Request, ex.entry.Response
		ex.s.opt.RequestLog.Log(e)
	}
	ri.logged = true
	ri.attrs = ex.attrs()
}

// attrs are the exchange's facts for the access line.
func (ex *exchange) attrs() []slog.Attr {
	e := &ex.entry
	var a []slog.Attr
	if e.Model != "" {
		a = append(a, slog.String("model", e.Model), slog.Bool("stream", e.Stream))
	}
	if len(e.SensitiveTypes) > 0 {
		a = append(a, slog.String("sensitive_data", strings.Join(e.SensitiveTypes, ",")))
	}
	if v := e.FilterVerdict; v != "" && v != "allowed" {
		a = append(a, slog.String("filter", v))
	}
	if ex.outputFilter != "" {
		a = append(a, slog.String("output_filter", ex.outputFilter))
	}
	if e.PromptTokens > 0 || e.CompletionTokens > 0 {
		a = append(a, slog.Int64("prompt_tokens", e.PromptTokens), slog.Int64("completion_tokens", e.CompletionTokens))
	}
	return a
}
