package events

import (
	"context"
	"log/slog"
	"slices"
	"sync"
)

// Local is a bus inside one process: the default when Mira runs as a single
// instance. Publish calls every subscriber synchronously, so when it
// returns every cache in the process has dropped the key.
type Local struct {
	log *slog.Logger
	c   counters

	mu     sync.Mutex
	nextID uint64
	subs   []subscriber // in subscription order
}

type subscriber struct {
	id uint64
	h  func(Event)
}

// NewLocal returns an in-process bus.
func NewLocal() *Local {
	return &Local{log: slog.Default()}
}

// Publish validates e and calls every subscriber with it before returning.
func (b *Local) Publish(ctx context.Context, e Event) error {
	if err := e.Validate(); err != nil {
		return err
	}
	b.c.published.Add(1)
	b.deliver(e)
	return nil
}

// deliver calls the subscribers in the order they subscribed, outside the
// lock so that a handler may itself publish or subscribe.
func (b *Local) deliver(e Event) {
	b.mu.Lock()
	subs := slices.Clone(b.subs)
	b.mu.Unlock()
	for _, s := range subs {
		deliver(s.h, e, &b.c, b.log)
	}
}

// Subscribe registers h until ctx ends. It never fails.
func (b *Local) Subscribe(ctx context.Context, h func(Event)) error {
	b.add(ctx, h)
	return nil
}

// add registers h until ctx ends.
func (b *Local) add(ctx context.Context, h func(Event)) {
	b.mu.Lock()
	id := b.nextID
	b.nextID++
	b.subs = append(b.subs, subscriber{id, h})
	b.mu.Unlock()
	b.c.subscribed.Add(1)
	context.AfterFunc(ctx, func() {
		b.mu.Lock()
		b.subs = slices.DeleteFunc(b.subs, func(s subscriber) bool { return s.id == id })
		b.mu.Unlock()
		b.c.subscribed.Add(-1)
	})
}

// Stats returns the bus's counters.
func (b *Local) Stats() Stats { return b.c.stats() }
