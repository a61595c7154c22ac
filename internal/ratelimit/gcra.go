package ratelimit

import "time"

// The GCRA arithmetic, in integers, on a millisecond clock. The Redis script
// (redis.go) is a line-by-line transcription of this file; keep them in step
// (TestRedisMatchesMemory checks it).
//
// A dimension's state is a debt d, measured in units×period: a request
// costing c units adds c×period, and the debt drains by rate every
// millisecond. A request is admitted when the debt after it fits the burst:
// d + c×period <= burst×period. With burst = rate = N per minute, N requests
// of cost 1 fit from zero debt, and the (N+1)-th fits exactly 60000/N ms
// later. The classic theoretical arrival time is tat = t + d/rate; the
// debt form keeps everything an exact integer (no 60000/N fractions) and,
// being in units, survives a plan change: what was consumed stays consumed.

// dim indexes the rate dimensions of a plan.
const (
	dimRequests = iota
	dimTokens
	dimDay
	numDims
)

// Wire codes of the reasons, shared with the Redis script.
const (
	codeNone        = 0
	codeRequests    = 1 + dimRequests
	codeTokens      = 1 + dimTokens
	codeDay         = 1 + dimDay
	codeConcurrency = 4
)

var reasons = [...]string{codeNone: "", codeRequests: ReasonRequests, codeTokens: ReasonTokens, codeDay: ReasonRequestsPerDay, codeConcurrency: ReasonConcurrency}

// concurrencyRetryMs is ConcurrencyRetry in the script's unit.
const concurrencyRetryMs = int64(ConcurrencyRetry / time.Millisecond)

// limit is one GCRA dimension: up to burst units at once, refilled at rate
// units per period (ms). rate 0 means unlimited.
type limit struct {
	period, rate, burst int64
}

// cell is one dimension's state: the debt d as of time t (ms).
type cell struct {
	t, d int64
}

type limits [numDims]limit

func planLimits(p *Plan) limits {
	return limits{
		dimRequests: {minuteMs, int64(p.RequestsPerMinute), int64(p.RequestsPerMinute)},
		dimTokens:   {minuteMs, int64(p.TokensPerMinute), int64(p.TokensPerMinute)},
		dimDay:      {dayMs, int64(p.RequestsPerDay), int64(p.RequestsPerDay)},
	}
}

// unlimited reports whether p limits nothing.
func unlimited(p *Plan) bool {
	return p.RequestsPerMinute == 0 && p.TokensPerMinute == 0 && p.RequestsPerDay == 0 && p.Concurrent == 0
}

// debt returns c's debt drained to now. A clock that went backwards drains
// nothing.
func (l limit) debt(c cell, now int64) int64 {
	if c.d <= 0 {
		return 0
	}
	elapsed := now - c.t
	if elapsed <= 0 {
		return c.d
	}
	if elapsed > c.d/l.rate { // also keeps elapsed*rate from overflowing
		return 0
	}
	return c.d - elapsed*l.rate
}

// window describes a dimension holding debt d.
func (l limit) window(d int64) Window {
	if l.rate == 0 {
		return Window{}
	}
	capacity := l.burst * l.period
	var remaining int64
	if d < capacity {
		remaining = (capacity - d) / l.period
	}
	return Window{
		Limit:     int(l.burst),
		Remaining: int(remaining),
		Reset:     time.Duration(ceilDiv(d, l.rate)) * time.Millisecond,
	}
}

// ceilDiv returns ⌈a/b⌉ for a >= 0, b > 0.
func ceilDiv(a, b int64) int64 {
	return (a + b - 1) / b
}

// admit decides one admission at now for costs[i] units of each dimension
// and, when concLimit > 0, one of concLimit slots of which inUse are taken.
// When the request is admitted, cells are updated (the caller takes the
// concurrency slot); otherwise nothing changes. The Redis script does the
// same.
func admit(ls *limits, cells *[numDims]cell, costs *[numDims]int64, now int64, concLimit, inUse int64) Decision {
	var (
		allowed     = true
		never       = codeNone // first dimension that can never fit
		slowest     = codeNone // dimension with the longest wait
		retry       int64
		debts, need [numDims]int64
	)
	for i := range ls {
		l := &ls[i]
		if l.rate == 0 {
			continue
		}
		debts[i] = l.debt(cells[i], now)
		need[i] = debts[i] + costs[i]*l.period
		capacity := l.burst * l.period
		switch {
		case costs[i] > l.burst:
			allowed = false
			if never == codeNone {
				never = 1 + i
			}
		case need[i] > capacity:
			allowed = false
			if r := ceilDiv(need[i]-capacity, l.rate); r > retry {
				slowest, retry = 1+i, r
			}
		}
	}
	if concLimit > 0 && inUse >= concLimit {
		allowed = false
		if concurrencyRetryMs > retry {
			slowest, retry = codeConcurrency, concurrencyRetryMs
		}
	}

	var d Decision
	d.Allowed = allowed
	if allowed {
		for i := range ls {
			if ls[i].rate != 0 {
				cells[i] = cell{t: now, d: need[i]}
				debts[i] = need[i]
			}
		}
		if concLimit > 0 {
			inUse++
		}
	} else if never != codeNone {
		d.NeverFits = true
		d.Reason = reasons[never]
	} else {
		d.Reason = reasons[slowest]
		d.RetryAfter = time.Duration(retry) * time.Millisecond
	}
	d.Requests = ls[dimRequests].window(debts[dimRequests])
	d.Tokens = ls[dimTokens].window(debts[dimTokens])
	d.Day = ls[dimDay].window(debts[dimDay])
	if concLimit > 0 {
		d.Concurrent = Window{Limit: int(concLimit), Remaining: int(max(concLimit-inUse, 0))}
	}
	return d
}

// settle adds delta units to c (a refund when negative) at now, recording an
// overdraft, and returns the new cell.
func (l limit) settle(c cell, now, delta int64) cell {
	d := l.debt(c, now) + delta*l.period
	d = min(max(d, 0), maxDebt)
	return cell{t: now, d: d}
}

// idleAt returns the time (ms) at which every cell's debt has drained.
func idleAt(ls *limits, cells *[numDims]cell) int64 {
	var at int64
	for i := range ls {
		if ls[i].rate != 0 && cells[i].d > 0 {
			at = max(at, cells[i].t+ceilDiv(cells[i].d, ls[i].rate))
		}
	}
	return at
}
