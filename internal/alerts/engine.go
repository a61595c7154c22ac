package alerts

import (
	"cmp"
	"context"
	"crypto/x509"
	"errors"
	"fmt"
	"log/slog"
	"net/netip"
	"slices"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/redis/go-redis/v9"

	"github.com/vmira/mira/internal/audit"
	"github.com/vmira/mira/internal/mira"
	"github.com/vmira/mira/internal/reqlog"
)

// Verifier checks the audit chain (*audit.Log).
type Verifier interface {
	Verify(ctx context.Context) (audit.Report, error)
}

// Config configures an Engine.
type Config struct {
	Store *Store // required
	Rules Rules  // default DefaultRules()
	// Redis shares counters and claims between instances; nil: each
	// instance counts alone.
	Redis  redis.UniversalClient
	Prefix string // Redis key prefix; default "mira:alerts:"
	Logger *slog.Logger
	Now    func() time.Time
	// QueueSize bounds the events waiting for the detector goroutine;
	// more are dropped (and counted). Default 8192.
	QueueSize int
	// FlushInterval is how often counts are added up (in Redis, one
	// pipeline) and thresholds checked: the detection delay. Default 1s.
	FlushInterval time.Duration
	// MaxSubjects bounds the keys and addresses each detector keeps state
	// for in memory; past it new ones are not tracked. Default 100000.
	MaxSubjects int
	// MaxNetworksPerKey bounds the networks remembered per key for
	// key_new_network; a key seen from more is not watched any more (it
	// is used from everywhere; key_many_addresses covers it). Default 32:
	// with MaxSubjects keys, at most about 100000 × 32 × 8 bytes of
	// networks (plus map overhead) without Redis.
	MaxNetworksPerKey int
	// Verifier is the audit log, verified at start and every
	// VerifyInterval (default 1h); nil: audit_chain_broken is not fed.
	Verifier       Verifier
	VerifyInterval time.Duration
	// AuditPoll is how often the audit log is read for key creations,
	// sign-ins and device approvals, whoever wrote them (this or another
	// instance, the dashboard, mira admin). Default 1s.
	AuditPoll time.Duration
}

// Engine detects suspicious activity and raises alerts. Its observer
// methods (server.Observer) only enqueue; Run does the rest.
type Engine struct {
	cfg     Config
	store   *Store
	rules   Rules
	log     *slog.Logger
	q       chan event
	dropped atomic.Int64

	// Owned by Run's goroutine.
	pending  map[subjectKey]*pendingCount
	addrs    map[string]*pendingAddrs // key id -> addresses since the last flush
	nets     map[string]*pendingAddrs // key id -> networks since the last flush (Redis)
	requests map[string]int           // key id -> requests since the last flush
	counts   map[bucketKey]int64      // memory counters
	claims   map[subjectKey]time.Time // memory claims, until
	seenAddr map[string]*addrWindow   // memory: distinct addresses per key
	seenNets map[string]*netSet       // memory: networks per key
	spikes   map[string]*spike
	flushes  int
	redisErr time.Time // last Redis failure logged
}

// New returns an Engine; start it with Run.
func New(cfg Config) *Engine {
	if cfg.Rules == nil {
		cfg.Rules = DefaultRules()
	}
	cfg.Prefix = cmp.Or(cfg.Prefix, "mira:alerts:")
	cfg.Logger = cmp.Or(cfg.Logger, slog.New(slog.DiscardHandler))
	if cfg.Now == nil {
		cfg.Now = time.Now
	}
	cfg.QueueSize = cmp.Or(cfg.QueueSize, 8192)
	cfg.FlushInterval = cmp.Or(cfg.FlushInterval, time.Second)
	cfg.MaxSubjects = cmp.Or(cfg.MaxSubjects, 100_000)
	cfg.MaxNetworksPerKey = cmp.Or(cfg.MaxNetworksPerKey, 32)
	cfg.VerifyInterval = cmp.Or(cfg.VerifyInterval, time.Hour)
	cfg.AuditPoll = cmp.Or(cfg.AuditPoll, time.Second)
	return &Engine{
		cfg: cfg, store: cfg.Store, rules: cfg.Rules, log: cfg.Logger,
		q:        make(chan event, cfg.QueueSize),
		pending:  map[subjectKey]*pendingCount{},
		addrs:    map[string]*pendingAddrs{},
		nets:     map[string]*pendingAddrs{},
		requests: map[string]int{},
		counts:   map[bucketKey]int64{},
		claims:   map[subjectKey]time.Time{},
		seenAddr: map[string]*addrWindow{},
		seenNets: map[string]*netSet{},
		spikes:   map[string]*spike{},
	}
}

// Dropped returns how many events were dropped because the queue was full.
func (e *Engine) Dropped() int64 { return e.dropped.Load() }

type evKind uint8

const (
	evAuthFailed evKind = iota + 1
	evRequest
	evUpstreamError
	evAudit
)

// event is what the hot path copies into the queue.
type event struct {
	kind    evKind
	at      time.Time
	code    string
	ip      netip.Addr
	ipText  string
	keyRule string // revoked/expired/exposed_key_used, or ""
	prefix  string // the presented key's display prefix, or ""
	keyID   string
	orgID   string
	userID  string
	blocked string // the filter verdict when blocked
	backend string
	err     string
	entry   *audit.Entry
}

func (e *Engine) push(ev event) {
	select {
	case e.q <- ev:
	default:
		e.dropped.Add(1)
	}
}

// Request implements server.Observer.
func (e *Engine) Request(en *reqlog.Entry, _ time.Duration) {
	if en.KeyID == "" {
		return // not authenticated: AuthFailed has seen it
	}
	ev := event{kind: evRequest, at: en.Time, keyID: en.KeyID, orgID: en.OrgID, userID: en.UserID, ipText: en.ClientIP}
	if strings.HasPrefix(en.FilterVerdict, "blocked") {
		ev.blocked = en.FilterVerdict
	}
	e.push(ev)
}

// AuthFailed implements server.Observer.
func (e *Engine) AuthFailed(code string, ip netip.Addr, key *mira.Key, prefix string) {
	ev := event{kind: evAuthFailed, code: code, ip: ip, prefix: prefix}
	if key != nil {
		ev.keyID, ev.orgID, ev.userID = key.ID, key.OrgID, key.UserID
		switch {
		case !key.ExposedAt.IsZero():
			ev.keyRule = ExposedKeyUsed
		case code == mira.EKeyRevoked:
			ev.keyRule = RevokedKeyUsed
		case code == mira.EKeyExpired:
			ev.keyRule = ExpiredKeyUsed
		}
	}
	e.push(ev)
}

// Limited implements server.Observer; plan limits raise no alert.
func (e *Engine) Limited(string) {}

// Upstream implements server.Observer.
func (e *Engine) Upstream(backend string, _ time.Duration, err error) {
	if err == nil || errors.Is(err, context.Canceled) {
		return
	}
	msg := err.Error()
	if len(msg) > 200 {
		msg = msg[:200]
	}
	e.push(event{kind: evUpstreamError, backend: backend, err: msg})
}

// Raise raises ev now, outside the detectors: for features that find
// trouble themselves (backups: backup_failed, backup_stale). A disabled
// rule raises nothing (nil, nil).
func (e *Engine) Raise(ctx context.Context, ev Event) (*Alert, error) {
	if _, ok := e.rules.enabled(ev.Rule); !ok {
		return nil, nil
	}
	a, _, err := e.store.Raise(ctx, ev)
	return a, err
}

// CheckCertificate raises certificate_expiring when leaf (served as name)
// expires within the rule's window (default 14 days).
func (e *Engine) CheckCertificate(ctx context.Context, name string, leaf *x509.Certificate) error {
	r, ok := e.rules.enabled(CertificateExpiring)
	if !ok || leaf == nil {
		return nil
	}
	left := leaf.NotAfter.Sub(e.cfg.Now())
	if left > r.Window {
		return nil
	}
	_, err := e.Raise(ctx, Event{Rule: CertificateExpiring, Subject: name, Details: map[string]any{
		"not_after": leaf.NotAfter.UTC().Format(time.RFC3339), "days_left": int(left.Hours() / 24),
		"subject_cn": leaf.Subject.CommonName}})
	return err
}

// Run drains the queue and raises alerts until ctx ends; with a Verifier
// it also verifies the audit chain at start and every VerifyInterval.
func (e *Engine) Run(ctx context.Context) {
	var wg sync.WaitGroup
	if e.cfg.Verifier != nil {
		wg.Go(func() { e.verifyLoop(ctx) })
	}
	wg.Go(func() { e.followAudit(ctx) })
	defer wg.Wait()
	t := time.NewTicker(e.cfg.FlushInterval)
	defer t.Stop()
	for {
		select {
		case <-ctx.Done():
			return
		case ev := <-e.q:
			e.handle(ctx, ev)
		case <-t.C:
			e.flush(ctx)
		}
	}
}

// followAudit reads the audit log's new entries every AuditPoll and hands
// them to the detectors.
func (e *Engine) followAudit(ctx context.Context) {
	t := time.NewTicker(e.cfg.AuditPoll)
	defer t.Stop()
	for {
		select {
		case <-ctx.Done():
			return
		case <-t.C:
		}
		entries, err := e.store.claimAudit(ctx)
		if err != nil {
			if ctx.Err() == nil {
				e.log.Warn("alerts: reading the audit log failed", "error", err)
			}
			continue
		}
		for _, en := range entries {
			select {
			case e.q <- event{kind: evAudit, entry: en}:
			case <-ctx.Done():
				return
			}
		}
	}
}

func (e *Engine) verifyLoop(ctx context.Context) {
	t := time.NewTicker(e.cfg.VerifyInterval)
	defer t.Stop()
	for {
		e.VerifyAudit(ctx)
		select {
		case <-ctx.Done():
			return
		case <-t.C:
		}
	}
}

// VerifyAudit verifies the audit chain once and raises audit_chain_broken
// when it does not verify.
func (e *Engine) VerifyAudit(ctx context.Context) {
	if _, ok := e.rules.enabled(AuditChainBroken); !ok || e.cfg.Verifier == nil {
		return
	}
	rep, err := e.cfg.Verifier.Verify(ctx)
	if err != nil {
		if ctx.Err() == nil {
			e.log.Warn("alerts: verifying the audit chain failed", "error", err)
		}
		return
	}
	if rep.OK() {
		return
	}
	problems := make([]any, 0, 5)
	for _, p := range rep.Problems[:min(5, len(rep.Problems))] {
		problems = append(problems, p.String())
	}
	if _, err := e.Raise(ctx, Event{Rule: AuditChainBroken, Subject: "audit_log", Details: map[string]any{
		"first_bad_seq": rep.FirstBad(), "problems": problems, "problem_count": len(rep.Problems)}}); err != nil {
		e.log.Error("alerts: raising audit_chain_broken failed", "error", err)
	}
}

// handle runs one event through the detectors.
func (e *Engine) handle(ctx context.Context, ev event) {
	if ev.at.IsZero() {
		ev.at = e.cfg.Now()
	}
	switch ev.kind {
	case evAuthFailed:
		ip := ev.ip.String()
		if ev.keyRule != "" {
			pe := e.add(ev.keyRule, ev.keyID, ev.orgID, map[string]any{"key_id": ev.keyID, "ip": ip, "code": ev.code})
			if pe != nil && ev.keyRule == ExposedKeyUsed {
				pe.notifyUser = ev.userID
			}
		}
		if ev.code != mira.EInsufficientScope {
			e.add(AuthFailuresBurst, ip, "", map[string]any{"ip": ip, "code": ev.code})
			// Guesses spread over many addresses against one key
			// prefix are counted per prefix, with the same rule.
			if ev.prefix != "" {
				e.add(AuthFailuresBurst, PrefixSubject(ev.prefix), "", map[string]any{"prefix": ev.prefix, "ip": ip, "code": ev.code})
			}
		}
	case evRequest:
		e.request(ev)
	case evUpstreamError:
		e.add(BackendDown, ev.backend, "", map[string]any{"backend": ev.backend, "error": ev.err})
	case evAudit:
		e.audited(ctx, ev.entry)
	}
}

func (e *Engine) request(ev event) {
	if ev.blocked != "" {
		e.add(FilterProbing, ev.keyID, ev.orgID, map[string]any{"key_id": ev.keyID, "ip": ev.ipText, "verdict": ev.blocked})
	}
	if _, ok := e.rules.enabled(KeyTrafficSpike); ok {
		if _, known := e.requests[ev.keyID]; known || len(e.requests) < e.cfg.MaxSubjects {
			e.requests[ev.keyID]++
		}
	}
	ip, err := netip.ParseAddr(ev.ipText)
	if err != nil {
		return
	}
	ip = ip.Unmap()
	if _, ok := e.rules.enabled(KeyManyAddresses); ok {
		notePending(e.addrs, ev.keyID, ev.orgID, ip.String(), e.cfg.MaxSubjects)
	}
	if _, ok := e.rules.enabled(KeyNewNetwork); ok {
		network := networkOf(ip)
		if e.cfg.Redis != nil {
			notePending(e.nets, ev.keyID, ev.orgID, network.String(), e.cfg.MaxSubjects)
		} else if e.learnNetwork(ev.keyID, network) {
			e.add(KeyNewNetwork, ev.keyID, ev.orgID, map[string]any{"key_id": ev.keyID, "ip": ev.ipText, "network": network.String()})
		}
	}
}

// PrefixSubject is the auth_failures_burst subject for failures against
// one key prefix (a key's display prefix, e.g. sk-mira-AbCd).
func PrefixSubject(prefix string) string { return "prefix:" + prefix }

// networkOf is the network an address is judged by: its /24 (IPv4) or /48
// (IPv6).
func networkOf(ip netip.Addr) netip.Prefix {
	bits := 48
	if ip.Is4() {
		bits = 24
	}
	p, _ := ip.Prefix(bits)
	return p
}

func (e *Engine) audited(ctx context.Context, en *audit.Entry) {
	switch en.Action {
	case audit.KeyCreated:
		scopes, _ := en.Details["scopes"].(string)
		fields := strings.Fields(scopes)
		if slices.Contains(fields, string(mira.ScopeAdmin)) || slices.Contains(fields, string(mira.ScopeKeysWrite)) {
			e.add(PrivilegedKeyCreated, en.Target, en.OrgID, map[string]any{"key_id": en.Target, "scopes": scopes,
				"created_by": en.Actor, "ip": en.ClientIP})
		}
	case audit.LoginFailed:
		if reason, _ := en.Details["reason"].(string); reason == "locked" {
			e.add(SigninLockout, cmp.Or(en.Target, en.ClientIP), en.OrgID, map[string]any{"user_id": en.Target, "ip": en.ClientIP})
		}
	case audit.LoginSucceeded:
		if _, ok := e.rules.enabled(SigninNewAddress); !ok || en.Target == "" || en.ClientIP == "" {
			return
		}
		isNew, err := e.store.newSigninAddress(ctx, en.Target, en.ClientIP, en.Seq)
		if err != nil {
			e.log.Warn("alerts: sign-in history unavailable", "error", err)
			return
		}
		if isNew {
			e.add(SigninNewAddress, en.Target, en.OrgID, map[string]any{"user_id": en.Target, "ip": en.ClientIP})
		}
	case audit.DeviceApproved:
		cli, _ := en.Details["cli_ip"].(string)
		if cli == "" || en.ClientIP == "" || cli == en.ClientIP {
			return
		}
		userID := strings.TrimPrefix(en.Actor, "user:")
		org := en.OrgID
		if org == "" {
			org, _ = e.store.userOrg(ctx, userID)
		}
		e.add(DeviceApprovalMismatch, userID, org, map[string]any{"user_id": userID, "request_id": en.Target,
			"ip": en.ClientIP, "approver_ip": en.ClientIP, "cli_ip": cli})
	}
}

// subjectKey names a rule's subject.
type subjectKey struct{ rule, subject string }

// pendingCount is what happened to a subject since the last flush.
type pendingCount struct {
	n          int64
	org        string
	details    map[string]any
	notifyUser string
}

// add counts one event of rule for subject.
func (e *Engine) add(rule, subject, org string, details map[string]any) *pendingCount {
	if _, ok := e.rules.enabled(rule); !ok || subject == "" {
		return nil
	}
	k := subjectKey{rule, subject}
	p := e.pending[k]
	if p == nil {
		if len(e.pending) >= e.cfg.MaxSubjects {
			return nil
		}
		p = &pendingCount{org: org}
		e.pending[k] = p
	}
	p.n++
	p.details = details
	return p
}

// pendingAddrs are the addresses (or networks) a key was seen from since
// the last flush.
type pendingAddrs struct {
	org string
	set map[string]struct{}
}

func notePending(m map[string]*pendingAddrs, keyID, org, addr string, max int) {
	p := m[keyID]
	if p == nil {
		if len(m) >= max {
			return
		}
		p = &pendingAddrs{org: org, set: map[string]struct{}{}}
		m[keyID] = p
	}
	if len(p.set) < 1024 {
		p.set[addr] = struct{}{}
	}
}

// bucketKey is one counting bucket. Two grids of buckets, offset by half
// a window, are counted: a burst no longer than half the window falls
// whole into a bucket of one of them, wherever it starts.
type bucketKey struct {
	rule, subject string
	grid          uint8
	bucket        int64
}

func buckets(now time.Time, w time.Duration) [2]int64 {
	t := now.UnixNano()
	return [2]int64{t / int64(w), (t + int64(w)/2) / int64(w)}
}

// candidate is a subject past its rule's threshold in this flush.
type candidate struct {
	subjectKey
	p *pendingCount
}

// flush adds up what the queue brought since the last flush, finds the
// subjects past their thresholds, claims them and raises their alerts.
func (e *Engine) flush(ctx context.Context) {
	now := e.cfg.Now()
	var cands []candidate
	cands = append(cands, e.flushCounts(ctx, now)...)
	cands = append(cands, e.flushAddresses(ctx, now)...)
	cands = append(cands, e.flushNetworks(ctx)...)
	cands = append(cands, e.flushSpikes(now)...)
	for _, c := range cands {
		r, _ := e.rules.enabled(c.rule)
		if !e.claim(ctx, c.subjectKey, r.Window, now) {
			continue
		}
		ev := Event{Rule: c.rule, Subject: c.subject, OrgID: c.p.org, Details: c.p.details, Time: now, NotifyUserID: c.p.notifyUser}
		if _, _, err := e.store.Raise(ctx, ev); err != nil && ctx.Err() == nil {
			e.log.Error("alerts: raising an alert failed", "rule", c.rule, "error", err)
		}
	}
	e.flushes++
	if e.flushes%30 == 0 {
		e.prune(now)
	}
}

func (e *Engine) flushCounts(ctx context.Context, now time.Time) []candidate {
	if len(e.pending) == 0 {
		return nil
	}
	type item struct {
		k    subjectKey
		p    *pendingCount
		b    [2]int64
		cmds [2]*redis.IntCmd
	}
	items := make([]item, 0, len(e.pending))
	for k, p := range e.pending {
		r, _ := e.rules.enabled(k.rule)
		items = append(items, item{k: k, p: p, b: buckets(now, r.Window)})
	}
	clear(e.pending)
	shared := false
	if e.cfg.Redis != nil {
		pipe := e.cfg.Redis.Pipeline()
		for i := range items {
			it := &items[i]
			r := e.rules[it.k.rule]
			for g := range 2 {
				key := e.cfg.Prefix + "c:" + it.k.rule + ":" + it.k.subject + ":" + strconv.Itoa(g) + ":" + strconv.FormatInt(it.b[g], 10)
				it.cmds[g] = pipe.IncrBy(ctx, key, it.p.n)
				pipe.PExpire(ctx, key, 2*r.Window)
			}
		}
		_, err := pipe.Exec(ctx)
		shared = err == nil
		e.redisFailed(err)
	}
	var out []candidate
	for _, it := range items {
		r := e.rules[it.k.rule]
		thr := int64(max(r.Threshold, 1))
		crossed := int64(0) // the count that crossed the threshold, in either grid
		for g := range 2 {
			var total int64
			if shared {
				total = it.cmds[g].Val()
			} else {
				bk := bucketKey{it.k.rule, it.k.subject, uint8(g), it.b[g]}
				if _, ok := e.counts[bk]; !ok && len(e.counts) >= 4*e.cfg.MaxSubjects {
					continue // full until the next prune
				}
				e.counts[bk] += it.p.n
				total = e.counts[bk]
			}
			if total >= thr && total-it.p.n < thr {
				crossed = max(crossed, total)
			}
		}
		if crossed > 0 {
			it.p.details = withCount(it.p.details, crossed, r.Window)
			out = append(out, candidate{it.k, it.p})
		}
	}
	return out
}

func withCount(d map[string]any, n int64, w time.Duration) map[string]any {
	out := make(map[string]any, len(d)+2)
	for k, v := range d {
		out[k] = v
	}
	out["events"] = n
	out["window"] = w.String()
	return out
}

// addrWindow is the distinct addresses of one key in one window (memory).
type addrWindow struct {
	bucket int64
	set    map[string]struct{}
}

func (e *Engine) flushAddresses(ctx context.Context, now time.Time) []candidate {
	r, ok := e.rules.enabled(KeyManyAddresses)
	if !ok || len(e.addrs) == 0 {
		clear(e.addrs)
		return nil
	}
	bucket := now.UnixNano() / int64(r.Window)
	var out []candidate
	type item struct {
		keyID string
		p     *pendingAddrs
		card  *redis.IntCmd
	}
	items := make([]item, 0, len(e.addrs))
	for k, p := range e.addrs {
		items = append(items, item{keyID: k, p: p})
	}
	clear(e.addrs)
	shared := false
	if e.cfg.Redis != nil {
		pipe := e.cfg.Redis.Pipeline()
		for i := range items {
			key := e.cfg.Prefix + "a:" + items[i].keyID + ":" + strconv.FormatInt(bucket, 10)
			members := make([]any, 0, len(items[i].p.set))
			for a := range items[i].p.set {
				members = append(members, a)
			}
			pipe.SAdd(ctx, key, members...)
			pipe.PExpire(ctx, key, 2*r.Window)
			items[i].card = pipe.SCard(ctx, key)
		}
		_, err := pipe.Exec(ctx)
		shared = err == nil
		e.redisFailed(err)
	}
	for _, it := range items {
		var n int
		if shared {
			n = int(it.card.Val())
		} else {
			w := e.seenAddr[it.keyID]
			if w == nil || w.bucket != bucket {
				if w == nil && len(e.seenAddr) >= e.cfg.MaxSubjects {
					continue
				}
				w = &addrWindow{bucket: bucket, set: map[string]struct{}{}}
				e.seenAddr[it.keyID] = w
			}
			for a := range it.p.set {
				if len(w.set) <= r.Threshold {
					w.set[a] = struct{}{}
				}
			}
			n = len(w.set)
		}
		if n >= r.Threshold {
			addrs := make([]any, 0, 10)
			for a := range it.p.set {
				if len(addrs) < 10 {
					addrs = append(addrs, a)
				}
			}
			out = append(out, candidate{subjectKey{KeyManyAddresses, it.keyID}, &pendingCount{org: it.p.org,
				details: map[string]any{"key_id": it.keyID, "distinct_addresses": n, "window": r.Window.String(), "recent_addresses": addrs}}})
		}
	}
	return out
}

// netSet is the networks a key has been seen from (memory), bounded: at
// most MaxNetworksPerKey networks of 8 bytes each.
type netSet struct {
	nets map[uint64]struct{}
	full bool
}

// networkID packs a /24 (IPv4) or /48 (IPv6) into 8 bytes, exactly.
func networkID(p netip.Prefix) uint64 {
	a := p.Addr().As16()
	if p.Addr().Is4() {
		a = netip.AddrFrom4(p.Addr().As4()).As16()
		return 1<<63 | uint64(a[12])<<16 | uint64(a[13])<<8 | uint64(a[14])
	}
	var id uint64
	for _, b := range a[:6] {
		id = id<<8 | uint64(b)
	}
	return id
}

// learnNetwork remembers that keyID was used from network and reports
// whether that is new: not the key's first network, not one seen before,
// and the key not past MaxNetworksPerKey.
func (e *Engine) learnNetwork(keyID string, network netip.Prefix) bool {
	id := networkID(network)
	s := e.seenNets[keyID]
	if s == nil {
		if len(e.seenNets) >= e.cfg.MaxSubjects {
			return false
		}
		e.seenNets[keyID] = &netSet{nets: map[uint64]struct{}{id: {}}}
		return false // a key's first use is not "new"
	}
	if _, ok := s.nets[id]; ok || s.full {
		return false
	}
	if len(s.nets) >= e.cfg.MaxNetworksPerKey {
		s.full = true
		return false
	}
	s.nets[id] = struct{}{}
	return true
}

// netsTTL is how long Redis remembers a key's networks after its last use.
const netsTTL = 90 * 24 * time.Hour

func (e *Engine) flushNetworks(ctx context.Context) []candidate {
	if len(e.nets) == 0 || e.cfg.Redis == nil {
		return nil
	}
	type item struct {
		keyID string
		p     *pendingAddrs
		known *redis.StringSliceCmd
	}
	items := make([]item, 0, len(e.nets))
	pipe := e.cfg.Redis.Pipeline()
	for k, p := range e.nets {
		items = append(items, item{keyID: k, p: p, known: pipe.SMembers(ctx, e.cfg.Prefix+"n:"+k)})
	}
	clear(e.nets)
	if _, err := pipe.Exec(ctx); err != nil && !errors.Is(err, redis.Nil) {
		e.redisFailed(err)
		// Without Redis, fall back to this instance's memory.
		var out []candidate
		for _, it := range items {
			for n := range it.p.set {
				if p, err := netip.ParsePrefix(n); err == nil && e.learnNetwork(it.keyID, p) {
					out = append(out, candidate{subjectKey{KeyNewNetwork, it.keyID}, &pendingCount{org: it.p.org,
						details: map[string]any{"key_id": it.keyID, "network": n}}})
				}
			}
		}
		return out
	}
	var out []candidate
	pipe = e.cfg.Redis.Pipeline()
	for _, it := range items {
		known := it.known.Val()
		if len(known) >= e.cfg.MaxNetworksPerKey {
			continue
		}
		var fresh []any
		for n := range it.p.set {
			if !slices.Contains(known, n) && len(known)+len(fresh) < e.cfg.MaxNetworksPerKey {
				fresh = append(fresh, n)
			}
		}
		key := e.cfg.Prefix + "n:" + it.keyID
		if len(fresh) > 0 {
			pipe.SAdd(ctx, key, fresh...)
		}
		pipe.PExpire(ctx, key, netsTTL)
		if len(known) > 0 && len(fresh) > 0 {
			out = append(out, candidate{subjectKey{KeyNewNetwork, it.keyID}, &pendingCount{org: it.p.org,
				details: map[string]any{"key_id": it.keyID, "network": fresh[0], "known_networks": len(known)}}})
		}
	}
	_, err := pipe.Exec(ctx)
	e.redisFailed(err)
	return out
}

// spike is one key's request rate: the current window's count and an
// exponentially weighted average of past windows (this instance's own
// traffic).
type spike struct {
	bucket  int64
	cur     int64
	ewma    float64
	windows int // past windows seen
}

const (
	spikeAlpha   = 0.2 // weight of the last window in the baseline
	spikeFactor  = 10  // a spike is this many times the baseline
	spikeWarmup  = 5   // windows of history before a spike can be judged
	spikeMaxIdle = 60  // windows after which an idle key's baseline is dropped
)

func (e *Engine) flushSpikes(now time.Time) []candidate {
	r, ok := e.rules.enabled(KeyTrafficSpike)
	if !ok || len(e.requests) == 0 {
		clear(e.requests)
		return nil
	}
	bucket := now.UnixNano() / int64(r.Window)
	var out []candidate
	for keyID, n := range e.requests {
		s := e.spikes[keyID]
		if s == nil {
			if len(e.spikes) >= e.cfg.MaxSubjects {
				continue
			}
			s = &spike{bucket: bucket}
			e.spikes[keyID] = s
		}
		if s.bucket != bucket {
			s.ewma = spikeAlpha*float64(s.cur) + (1-spikeAlpha)*s.ewma
			for range min(bucket-s.bucket-1, spikeMaxIdle) { // empty windows in between
				s.ewma *= 1 - spikeAlpha
			}
			s.windows += int(min(bucket-s.bucket, spikeMaxIdle))
			s.bucket, s.cur = bucket, 0
		}
		before := s.cur
		s.cur += int64(n)
		limit := max(float64(r.Threshold), spikeFactor*s.ewma)
		if s.windows >= spikeWarmup && float64(s.cur) >= limit && float64(before) < limit {
			out = append(out, candidate{subjectKey{KeyTrafficSpike, keyID}, &pendingCount{details: map[string]any{
				"key_id": keyID, "requests": s.cur, "window": r.Window.String(), "baseline": int64(s.ewma + 0.5)}}})
		}
	}
	clear(e.requests)
	return out
}

// claim reports whether this instance raises k now: at most once per
// window per (rule, subject), across instances with Redis.
func (e *Engine) claim(ctx context.Context, k subjectKey, window time.Duration, now time.Time) bool {
	if e.cfg.Redis != nil {
		ok, err := e.cfg.Redis.SetNX(ctx, e.cfg.Prefix+"claim:"+k.rule+":"+k.subject, "1", window).Result()
		if err == nil {
			return ok
		}
		e.redisFailed(err)
	}
	if until, ok := e.claims[k]; ok && now.Before(until) {
		return false
	}
	e.claims[k] = now.Add(window)
	return true
}

// prune drops memory state of past windows.
func (e *Engine) prune(now time.Time) {
	for k := range e.counts {
		r := e.rules[k.rule]
		if b := buckets(now, r.Window); k.bucket < b[k.grid]-1 {
			delete(e.counts, k)
		}
	}
	for k, until := range e.claims {
		if !now.Before(until) {
			delete(e.claims, k)
		}
	}
	if r, ok := e.rules[KeyManyAddresses]; ok {
		cur := now.UnixNano() / int64(r.Window)
		for k, w := range e.seenAddr {
			if w.bucket < cur {
				delete(e.seenAddr, k)
			}
		}
	}
	if r, ok := e.rules[KeyTrafficSpike]; ok {
		cur := now.UnixNano() / int64(r.Window)
		for k, s := range e.spikes {
			if cur-s.bucket > spikeMaxIdle {
				delete(e.spikes, k)
			}
		}
	}
}

func (e *Engine) redisFailed(err error) {
	if err == nil || errors.Is(err, redis.Nil) {
		return
	}
	if now := time.Now(); now.Sub(e.redisErr) > time.Minute {
		e.redisErr = now
		e.log.Warn("alerts: Redis unavailable; counting on this instance alone", "error", fmt.Sprint(err))
	}
}

// Store returns the engine's alert store.
func (e *Engine) Store() *Store { return e.store }
