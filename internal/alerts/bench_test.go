package alerts

import (
	"context"
	"testing"

	"github.com/vmira/mira/internal/store/storetest"
)

// BenchmarkRequest is the request path's cost of the detectors: one
// enqueue, with the drain running.
func BenchmarkRequest(b *testing.B) {
	e := New(Config{Store: NewStore(storetest.OpenSQLite(b), DefaultRules(), nil, nil)})
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan struct{})
	go func() { e.Run(ctx); close(done) }()
	defer func() { cancel(); <-done }()
	en := request("key_bench", "192.0.2.1", "allowed")
	b.ReportAllocs()
	b.RunParallel(func(pb *testing.PB) {
		for pb.Next() {
			e.Request(en, 0)
		}
	})
	b.ReportMetric(float64(e.Dropped()), "dropped")
}

// BenchmarkDrain is the detector goroutine's cost per request event (its
// capacity: events per second before the queue drops).
func BenchmarkDrain(b *testing.B) {
	e := New(Config{Store: NewStore(storetest.OpenSQLite(b), DefaultRules(), nil, nil)})
	ev := event{kind: evRequest, keyID: "key_bench", orgID: "org_1", ipText: "192.0.2.1"}
	ctx := context.Background()
	b.ReportAllocs()
	for i := range b.N {
		e.handle(ctx, ev)
		if i%10000 == 0 {
			e.flush(ctx)
		}
	}
}
