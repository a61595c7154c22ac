package ratelimit

import (
	"net/http"
	"strconv"
	"time"
)

// MaxRetryAfter caps Retry-After and retry-after-ms: openai-node ignores
// larger values (and then retries on its own short schedule) and openai-go
// gives up over 2 minutes. A client told 60s that is still early is simply
// told again.
const MaxRetryAfter = 60 * time.Second

// SetHeaders writes d as SPEC.md's rate-limit headers:
//
//   - X-RateLimit-{Limit,Remaining,Reset}-Requests for requests per minute and
//     X-RateLimit-{Limit,Remaining,Reset}-Tokens for tokens per minute, the
//     resets in Go duration form rounded up to the millisecond ("6m0s",
//     "8.571s", "0s");
//   - X-RateLimit-{Limit,Remaining,Reset} for the tightest of the requests,
//     tokens and requests-per-day windows, the reset in whole seconds rounded
//     up. Tightest is the refusing window when d refuses for one, otherwise
//     the one with the lowest remaining fraction Remaining/Limit (ties: the
//     longer reset), so a client watching only these three slows down for
//     whichever limit is closest to biting;
//   - when !d.Allowed: Retry-After in whole seconds rounded up, 1 to 60,
//     retry-after-ms (1 to 60000), and x-should-retry: false when d.NeverFits.
//
// An unlimited dimension (Limit 0) has no headers; with every dimension
// unlimited only the refusal headers can appear. Header names are written in
// Go's canonical form (X-Ratelimit-Limit-Requests): HTTP header names are
// case-insensitive, HTTP/2 lowercases them, and every client looks them up
// case-insensitively.
func SetHeaders(h http.Header, d Decision) {
	// One string holds every value and one array backs every value slice,
	// and the names are set in their canonical form directly: Header.Set
	// would canonicalise each name and allocate each value.
	var buf [160]byte
	b := buf[:0]
	var ends [9]int
	var names [9]string
	n := 0
	add := func(name string) {
		names[n], ends[n] = name, len(b)
		n++
	}
	perMinute := func(w Window, limit, remaining, reset string) {
		if w.Limit > 0 {
			b = strconv.AppendInt(b, int64(w.Limit), 10)
			add(limit)
			b = strconv.AppendInt(b, int64(w.Remaining), 10)
			add(remaining)
			b = appendDuration(b, ceilMs(w.Reset))
			add(reset)
		}
	}
	perMinute(d.Requests, "X-Ratelimit-Limit-Requests", "X-Ratelimit-Remaining-Requests", "X-Ratelimit-Reset-Requests")
	perMinute(d.Tokens, "X-Ratelimit-Limit-Tokens", "X-Ratelimit-Remaining-Tokens", "X-Ratelimit-Reset-Tokens")
	if w, ok := tightest(&d); ok {
		b = strconv.AppendInt(b, int64(w.Limit), 10)
		add("X-Ratelimit-Limit")
		b = strconv.AppendInt(b, int64(w.Remaining), 10)
		add("X-Ratelimit-Remaining")
		b = strconv.AppendInt(b, ceilSeconds(w.Reset), 10)
		add("X-Ratelimit-Reset")
	}
	if n > 0 {
		all := string(b)
		vals := make([]string, n)
		start := 0
		for i := range n {
			vals[i] = all[start:ends[i]]
			start = ends[i]
			h[names[i]] = vals[i : i+1 : i+1]
		}
	}
	if d.Allowed {
		return
	}
	SetRetryAfter(h, min(d.RetryAfter, MaxRetryAfter))
	if d.NeverFits {
		h.Set("X-Should-Retry", "false")
	}
}

// SetRetryAfter writes how long a refused client should wait before it
// retries: Retry-After in whole seconds (RFC 9110 §10.2.3) and
// Retry-After-Ms (retry-after-ms, read first by the OpenAI SDKs) in
// milliseconds, both rounded up and at least 1, so that a client never
// retries early or at once in a loop. The wait is not capped: SetHeaders
// caps it for the API's OpenAI clients, while a lock-out of a sign-in or of
// device-code guesses is announced whole.
func SetRetryAfter(h http.Header, wait time.Duration) {
	wait = max(wait, time.Millisecond)
	h.Set("Retry-After", strconv.FormatInt(ceilSeconds(wait), 10))
	h.Set("Retry-After-Ms", strconv.FormatInt(int64(ceilMs(wait)/time.Millisecond), 10))
}

// tightest returns the window SetHeaders reports in the unsuffixed trio.
func tightest(d *Decision) (Window, bool) {
	if !d.Allowed {
		switch d.Reason {
		case ReasonRequests:
			return d.Requests, true
		case ReasonTokens:
			return d.Tokens, true
		case ReasonRequestsPerDay:
			return d.Day, true
		}
	}
	var best Window
	found := false
	for _, w := range [...]Window{d.Requests, d.Tokens, d.Day} {
		if w.Limit <= 0 {
			continue
		}
		if !found {
			best, found = w, true
			continue
		}
		// w.Remaining/w.Limit vs best.Remaining/best.Limit, in integers.
		a := int64(w.Remaining) * int64(best.Limit)
		b := int64(best.Remaining) * int64(w.Limit)
		if a < b || a == b && w.Reset > best.Reset {
			best = w
		}
	}
	return best, found
}

// appendDuration appends d as time.Duration.String does, for a d of whole
// milliseconds, without allocating.
func appendDuration(b []byte, d time.Duration) []byte {
	if d < 0 || d%time.Millisecond != 0 {
		return append(b, d.String()...)
	}
	ms := int64(d / time.Millisecond)
	switch {
	case ms == 0:
		return append(b, "0s"...)
	case ms < 1000:
		return append(strconv.AppendInt(b, ms, 10), "ms"...)
	}
	h, m, sec, frac := ms/3600000, ms/60000%60, ms/1000%60, ms%1000
	if h > 0 {
		b = append(strconv.AppendInt(b, h, 10), 'h')
	}
	if h > 0 || m > 0 {
		b = append(strconv.AppendInt(b, m, 10), 'm')
	}
	b = strconv.AppendInt(b, sec, 10)
	if frac > 0 {
		digits := [3]byte{byte('0' + frac/100), byte('0' + frac/10%10), byte('0' + frac%10)}
		k := 3
		for digits[k-1] == '0' {
			k--
		}
		b = append(append(b, '.'), digits[:k]...)
	}
	return append(b, 's')
}

func ceilMs(d time.Duration) time.Duration {
	return (d + time.Millisecond - 1).Truncate(time.Millisecond)
}

func ceilSeconds(d time.Duration) int64 {
	return int64((d + time.Second - 1) / time.Second)
}
