package tlsconf

import (
	"crypto/rand"
	"crypto/tls"
	"sync"
	"time"
)

// TicketKeyPeriod is how long one session ticket key encrypts new tickets.
// The key of the period before still decrypts, so a ticket resumes a
// session for less than two periods (under 24 hours), not the 7 days Go
// accepts its own automatically rotated keys for.
const TicketKeyPeriod = 12 * time.Hour

// RotateSessionTickets makes cfg encrypt session tickets (TLS 1.2 and
// 1.3) with a key replaced every period; the key of the previous period
// still decrypts, older tickets get a full handshake. ServerConfig already
// does this with TicketKeyPeriod.
//
// It works through cfg.WrapSession and cfg.UnwrapSession, closures that
// survive tls.Config.Clone (net/http's ServeTLS clones the configuration),
// and rotates lazily, when a handshake needs a key: no goroutine to stop.
func RotateSessionTickets(cfg *tls.Config, period time.Duration) {
	rotateSessionTickets(cfg, period, time.Now)
}

func rotateSessionTickets(cfg *tls.Config, period time.Duration, now func() time.Time) {
	r := &ticketRing{period: period, now: now}
	cfg.WrapSession = func(cs tls.ConnectionState, ss *tls.SessionState) ([]byte, error) {
		return r.keys().EncryptTicket(cs, ss)
	}
	cfg.UnwrapSession = func(identity []byte, cs tls.ConnectionState) (*tls.SessionState, error) {
		return r.keys().DecryptTicket(identity, cs) // nil, nil when no key opens it: a full handshake
	}
}

// ticketRing holds the key of the current period and the one before.
// Periods are fixed slots of wall time, so a key that encrypted in slot n
// stops decrypting at the end of slot n+1, however idle the server was.
type ticketRing struct {
	period time.Duration
	now    func() time.Time

	mu   sync.Mutex
	slot int64
	cur  [32]byte
	cfg  *tls.Config // its session ticket keys: cur, then the previous slot's if any
}

func (r *ticketRing) keys() *tls.Config {
	r.mu.Lock()
	defer r.mu.Unlock()
	slot := r.now().UnixNano() / int64(r.period)
	if r.cfg != nil && slot == r.slot {
		return r.cfg
	}
	prev, hadPrev := r.cur, r.cfg != nil && slot == r.slot+1
	rand.Read(r.cur[:])
	keys := [][32]byte{r.cur}
	if hadPrev {
		keys = append(keys, prev)
	}
	r.slot = slot
	r.cfg = &tls.Config{}
	r.cfg.SetSessionTicketKeys(keys)
	return r.cfg
}
