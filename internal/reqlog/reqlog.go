// Package reqlog keeps Mira's request logs (SPEC.md "Data handling"): one
// row per /v1 request, handed over by the request path without waiting and
// written in batches; deleted, not hidden, after the retention (30 days at
// most); bodies only where an organisation turns them on, masked and then
// encrypted at rest; and per-day usage rollups updated in the same
// transactions.
//
// The pieces:
//
//   - Writer takes entries from the request path (Log never blocks) and
//     writes them in batches.
//   - Reader answers GET /v1/logs and GET /v1/usage.
//   - Purger deletes expired rows at start-up and every hour, and makes sure
//     their bytes are gone from the database files.
//   - Keyring derives the body encryption keys from the server secret.
//
// Losses are bounded and counted: Log drops (Stats.Dropped) rather than
// wait when Config.QueueSize entries are already waiting, and a crash loses
// at most the entries in memory, QueueSize + BatchSize, in steady state the
// last FlushInterval's. Text fields other than the bodies are stored as
// given: they must never carry request content or secrets.
package reqlog

import (
	"context"
	"sync"
	"time"
)

// Entry is one request's log record.
type Entry struct {
	Time      time.Time // when the request arrived; zero: when Log is called
	RequestID string    // unique per request; empty: one is made up
	OrgID     string    // empty for requests that did not authenticate
	KeyID     string    // the key's id (key_...), never the key
	UserID    string
	Endpoint  string // e.g. "POST /v1/chat/completions"
	// Model is the model the request was served by. Leave it empty for a
	// request naming a model that does not exist: the name is client text,
	// and usage rollups outlive the log retention.
	Model            string
	Status           int
	Latency          time.Duration
	PromptTokens     int64
	CompletionTokens int64
	ClientIP         string
	FilterVerdict    string   // e.g. "allowed", "blocked:prompt_injection"
	SensitiveTypes   []string // sensitive-data finding types, as in the Mira-Sensitive-Data header
	Stream           bool

	// Request and Response are the bodies. They are kept only when the
	// Writer's Config turns bodies on for OrgID; Log then owns the slices
	// (the caller must not change them afterwards). Read back, they are the
	// masked text.
	Request  []byte
	Response []byte
}

// isError reports whether the request failed (it counts in Usage errors).
func (e *Entry) isError() bool { return e.Status >= 400 }

// BodiesFor returns a Config.StoreBodies that keeps the bodies of the
// organisations named in names (the configuration lists names; entries
// carry ids). orgName resolves an id; each answer is remembered, since an
// organisation's name does not change.
func BodiesFor(names []string, orgName func(ctx context.Context, orgID string) (string, error)) func(orgID string) bool {
	if len(names) == 0 {
		return func(string) bool { return false }
	}
	want := make(map[string]bool, len(names))
	for _, n := range names {
		want[n] = true
	}
	var mu sync.RWMutex
	known := map[string]bool{}
	return func(orgID string) bool {
		mu.RLock()
		keep, ok := known[orgID]
		mu.RUnlock()
		if ok {
			return keep
		}
		name, err := orgName(context.Background(), orgID)
		if err != nil {
			return false // not remembered: asked again next time
		}
		mu.Lock()
		known[orgID] = want[name]
		mu.Unlock()
		return want[name]
	}
}
