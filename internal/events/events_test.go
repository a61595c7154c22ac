package events

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/vmira/mira/internal/apikey"
)

func digestOf(key string) []byte { return apikey.Digest([]byte("server-secret"), key) }

func TestValidate(t *testing.T) {
	d := digestOf(apikey.Generate())
	tests := []struct {
		name string
		e    Event
		ok   bool
	}{
		{"revocation", Event{Kind: KindKeyRevoked, KeyID: "key_3kTMd9aZ", Digest: d}, true},
		{"org update", Event{Kind: KindOrgUpdated, OrgID: "org_x1"}, true},
		{"future kind", Event{Kind: "policy.filter_changed"}, true},
		{"no kind", Event{KeyID: "key_1"}, false},
		{"upper-case kind", Event{Kind: "Key.Revoked"}, false},
		{"kind with empty word", Event{Kind: "key..revoked"}, false},
		{"kind ending in a dot", Event{Kind: "key."}, false},
		{"kind too long", Event{Kind: strings.Repeat("a", 65)}, false},
		{"resync is local only", Event{Kind: KindResync}, false},
		{"key in key_id", Event{Kind: KindKeyRevoked, KeyID: apikey.Generate()}, false},
		{"key in org_id", Event{Kind: KindKeyRevoked, OrgID: apikey.Generate()}, false},
		{"id with spaces", Event{Kind: KindKeyRevoked, KeyID: "key 1"}, false},
		{"id too long", Event{Kind: KindKeyRevoked, KeyID: strings.Repeat("k", 65)}, false},
		{"short digest", Event{Kind: KindKeyRevoked, Digest: d[:31]}, false},
		{"long digest", Event{Kind: KindKeyRevoked, Digest: append(d, 0)}, false},
	}
	for _, tt := range tests {
		err := tt.e.Validate()
		if (err == nil) != tt.ok {
			t.Errorf("%s: Validate(%+v) = %v; want ok=%v", tt.name, tt.e, err, tt.ok)
		}
		if err != nil && !errors.Is(err, ErrInvalidEvent) {
			t.Errorf("%s: error %v does not wrap ErrInvalidEvent", tt.name, err)
		}
	}
}

func TestDecode(t *testing.T) {
	d := digestOf(apikey.Generate())
	good, _ := json.Marshal(wire{V: 1, Origin: "abc", Event: Event{Kind: KindKeyRevoked, KeyID: "key_1", Digest: d}})
	tests := []struct {
		name    string
		payload string
		ok      bool
	}{
		{"valid", string(good), true},
		{"unknown fields are tolerated", `{"v":1,"origin":"o","kind":"key.updated","key_id":"key_1","extra":[1,2]}`, true},
		{"empty", "", false},
		{"not JSON", "revoke key_1", false},
		{"JSON array", `[1,2,3]`, false},
		{"no version", `{"kind":"key.revoked","key_id":"key_1"}`, false},
		{"future version", `{"v":2,"kind":"key.revoked","key_id":"key_1"}`, false},
		{"no kind", `{"v":1,"key_id":"key_1"}`, false},
		{"resync from the wire", `{"v":1,"kind":"bus.resync"}`, false},
		{"digest not base64", `{"v":1,"kind":"key.revoked","digest":"***"}`, false},
		{"digest wrong length", `{"v":1,"kind":"key.revoked","digest":"AAAA"}`, false},
		{"key id of the wrong type", `{"v":1,"kind":"key.revoked","key_id":42}`, false},
		{"a key instead of an id", `{"v":1,"kind":"key.revoked","key_id":"` + apikey.Generate() + `"}`, false},
		{"oversized", `{"v":1,"kind":"key.revoked","pad":"` + strings.Repeat("x", maxMessage) + `"}`, false},
		{"truncated", string(good[:len(good)-3]), false},
	}
	for _, tt := range tests {
		w, ok := decode(tt.payload)
		if ok != tt.ok {
			t.Errorf("%s: decode(%.60q) ok = %v; want %v", tt.name, tt.payload, ok, tt.ok)
		}
		if ok && w.Event.Validate() != nil {
			t.Errorf("%s: decode accepted an invalid event %+v", tt.name, w.Event)
		}
	}
}

func FuzzDecode(f *testing.F) {
	good, _ := json.Marshal(wire{V: 1, Origin: "abc", Event: Event{Kind: KindKeyRevoked, KeyID: "key_1", Digest: digestOf("k")}})
	f.Add(string(good))
	f.Add(`{"v":1,"kind":"bus.resync"}`)
	f.Add("")
	f.Fuzz(func(t *testing.T, payload string) {
		w, ok := decode(payload)
		if ok && (w.Event.Validate() != nil || w.Kind == KindResync) {
			t.Fatalf("decode(%q) accepted %+v", payload, w.Event)
		}
	})
}

// recorder collects the events a handler receives.
type recorder struct {
	mu     sync.Mutex
	events []Event
	signal chan struct{}
}

func newRecorder() *recorder { return &recorder{signal: make(chan struct{}, 1000)} }

func (r *recorder) handle(e Event) {
	r.mu.Lock()
	r.events = append(r.events, e)
	r.mu.Unlock()
	r.signal <- struct{}{}
}

func (r *recorder) got() []Event {
	r.mu.Lock()
	defer r.mu.Unlock()
	return append([]Event(nil), r.events...)
}

// waitFor waits until r has received an event matching ok, and returns it.
func (r *recorder) waitFor(t *testing.T, within time.Duration, what string, ok func(Event) bool) Event {
	t.Helper()
	deadline := time.NewTimer(within)
	defer deadline.Stop()
	seen := 0
	for {
		evs := r.got()
		for _, e := range evs[seen:] {
			if ok(e) {
				return e
			}
		}
		seen = len(evs)
		select {
		case <-r.signal:
		case <-deadline.C:
			t.Fatalf("no %s within %s; got %+v", what, within, r.got())
		}
	}
}

func isKind(kind string) func(Event) bool { return func(e Event) bool { return e.Kind == kind } }

func TestLocal(t *testing.T) {
	ctx := t.Context()
	bus := NewLocal()
	var order []string
	sub1, cancel1 := context.WithCancel(ctx)
	_ = bus.Subscribe(sub1, func(e Event) { order = append(order, "first:"+e.KeyID) })
	_ = bus.Subscribe(ctx, func(e Event) { order = append(order, "second:"+e.KeyID) })

	e := Event{Kind: KindKeyRevoked, KeyID: "key_1", Digest: digestOf("x")}
	if err := bus.Publish(ctx, e); err != nil {
		t.Fatal(err)
	}
	// Synchronous: both caches are clean when Publish returns.
	if diff := cmp.Diff([]string{"first:key_1", "second:key_1"}, order); diff != "" {
		t.Errorf("delivery (-want +got):\n%s", diff)
	}

	cancel1()
	deadline := time.Now().Add(time.Second)
	for bus.Stats().Subscribed != 1 && time.Now().Before(deadline) {
		time.Sleep(time.Millisecond)
	}
	order = nil
	_ = bus.Publish(ctx, Event{Kind: KindKeyRevoked, KeyID: "key_2"})
	if diff := cmp.Diff([]string{"second:key_2"}, order); diff != "" {
		t.Errorf("after the first subscription ended (-want +got):\n%s", diff)
	}

	if err := bus.Publish(ctx, Event{Kind: KindKeyRevoked, KeyID: apikey.Generate()}); !errors.Is(err, ErrInvalidEvent) {
		t.Errorf("Publish(key as id) = %v; want ErrInvalidEvent", err)
	}
	if err := bus.Publish(ctx, Event{Kind: KindResync}); !errors.Is(err, ErrInvalidEvent) {
		t.Errorf("Publish(resync) = %v; want ErrInvalidEvent", err)
	}
}

func TestLocalHandlerPanicIsContained(t *testing.T) {
	ctx := t.Context()
	bus := NewLocal()
	rec := newRecorder()
	_ = bus.Subscribe(ctx, func(Event) { panic("boom") })
	_ = bus.Subscribe(ctx, rec.handle)
	if err := bus.Publish(ctx, Event{Kind: KindKeyUpdated, KeyID: "key_1"}); err != nil {
		t.Fatal(err)
	}
	if len(rec.got()) != 1 {
		t.Errorf("the subscriber after a panicking one got %d events; want 1", len(rec.got()))
	}
	if s := bus.Stats(); s.HandlerPanics != 1 {
		t.Errorf("HandlerPanics = %d; want 1", s.HandlerPanics)
	}
}

// TestLocalPublishFromHandler: a handler may publish (no deadlock).
func TestLocalPublishFromHandler(t *testing.T) {
	ctx := t.Context()
	bus := NewLocal()
	rec := newRecorder()
	_ = bus.Subscribe(ctx, func(e Event) {
		if e.Kind == KindOrgUpdated {
			_ = bus.Publish(ctx, Event{Kind: KindKeyUpdated, KeyID: "key_child"})
		}
	})
	_ = bus.Subscribe(ctx, rec.handle)
	done := make(chan struct{})
	go func() {
		_ = bus.Publish(ctx, Event{Kind: KindOrgUpdated, OrgID: "org_1"})
		close(done)
	}()
	select {
	case <-done:
	case <-time.After(5 * time.Second):
		t.Fatal("Publish from a handler deadlocked")
	}
	if n := len(rec.got()); n != 2 {
		t.Errorf("got %d events; want 2", n)
	}
}

func TestWireFormatCarriesNoKey(t *testing.T) {
	key := apikey.Generate()
	b, err := json.Marshal(wire{V: 1, Origin: "o", Event: Event{Kind: KindKeyRevoked, KeyID: "key_1", Digest: digestOf(key)}})
	if err != nil {
		t.Fatal(err)
	}
	if bytes.Contains(b, []byte(key[8:20])) {
		t.Fatalf("payload %s contains key material", b)
	}
}
