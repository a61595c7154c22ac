package ratelimit

import (
	"context"
	"net/http"
	"strconv"
	"sync/atomic"
	"testing"
	"time"
)

// benchPlan never refuses within a benchmark, so every iteration is a full
// admission: four GCRA dimensions checked and charged, a slot taken.
var benchPlan = Plan{Name: "bench", RequestsPerMinute: maxLimit, TokensPerMinute: maxLimit, RequestsPerDay: maxDailyLimit, Concurrent: maxLimit}

func benchSubjects(n int) []string {
	s := make([]string, n)
	for i := range s {
		s[i] = "key_" + strconv.Itoa(i)
	}
	return s
}

// benchAdmit is the server's use: Admit, then Settle and Release.
func benchAdmit(b *testing.B, lim Limiter, subjects []string, i int) {
	ctx := context.Background()
	d, res, err := lim.Admit(ctx, Request{Subject: subjects[i%len(subjects)], Plan: benchPlan, Tokens: 500})
	if err != nil || !d.Allowed {
		b.Fatalf("Admit: %+v, %v", d, err)
	}
	if err := res.Settle(ctx, 300); err != nil {
		b.Fatal(err)
	}
	res.Release()
}

func BenchmarkMemoryAdmit(b *testing.B) {
	m := NewMemory(MemoryOptions{})
	subjects := benchSubjects(1000)
	b.ReportAllocs()
	for i := 0; b.Loop(); i++ {
		benchAdmit(b, m, subjects, i)
	}
}

// BenchmarkMemoryDecision measures one admission decision alone.
func BenchmarkMemoryDecision(b *testing.B) {
	m := NewMemory(MemoryOptions{})
	subjects := benchSubjects(1000)
	ctx := context.Background()
	plan := benchPlan
	plan.Concurrent = 0
	b.ReportAllocs()
	for i := 0; b.Loop(); i++ {
		if d, _, err := m.Admit(ctx, Request{Subject: subjects[i%len(subjects)], Plan: plan, Tokens: 500}); err != nil || !d.Allowed {
			b.Fatalf("Admit: %+v, %v", d, err)
		}
	}
}

func BenchmarkMemoryAdmitParallel(b *testing.B) {
	m := NewMemory(MemoryOptions{})
	subjects := benchSubjects(1000)
	var next atomic.Int64
	b.ReportAllocs()
	b.RunParallel(func(pb *testing.PB) {
		i := int(next.Add(1)) * 7919
		for pb.Next() {
			benchAdmit(b, m, subjects, i)
			i++
		}
	})
}

func BenchmarkMemoryAllow(b *testing.B) {
	m := NewMemory(MemoryOptions{})
	ctx := context.Background()
	keys := benchSubjects(1000)
	b.ReportAllocs()
	for i := 0; b.Loop(); i++ {
		if _, err := m.Allow(ctx, keys[i%len(keys)], maxLimit, 0); err != nil {
			b.Fatal(err)
		}
	}
}

func benchRedis(b *testing.B) *Redis {
	c := testRedisClient(b)
	r := NewRedis(c, RedisOptions{Prefix: testPrefix(b, c)})
	b.Cleanup(func() { r.Close() })
	return r
}

// BenchmarkRedisAdmit measures one admission (one round trip) alone.
func BenchmarkRedisAdmit(b *testing.B) {
	r := benchRedis(b)
	subjects := benchSubjects(1000)
	ctx := context.Background()
	plan := benchPlan
	plan.Concurrent = 0 // no lease to release: Admit's round trip only
	b.ReportAllocs()
	for i := 0; b.Loop(); i++ {
		if d, _, err := r.Admit(ctx, Request{Subject: subjects[i%len(subjects)], Plan: plan, Tokens: 500}); err != nil || !d.Allowed {
			b.Fatalf("Admit: %+v, %v", d, err)
		}
	}
}

// BenchmarkRedisAdmitSettleRelease is the server's use: three round trips.
func BenchmarkRedisAdmitSettleRelease(b *testing.B) {
	r := benchRedis(b)
	subjects := benchSubjects(1000)
	b.ReportAllocs()
	for i := 0; b.Loop(); i++ {
		benchAdmit(b, r, subjects, i)
	}
}

func BenchmarkRedisAdmitParallel(b *testing.B) {
	r := benchRedis(b)
	subjects := benchSubjects(1000)
	plan := benchPlan
	plan.Concurrent = 0
	var next atomic.Int64
	b.ReportAllocs()
	b.RunParallel(func(pb *testing.PB) {
		ctx := context.Background()
		i := int(next.Add(1)) * 7919
		for pb.Next() {
			if d, _, err := r.Admit(ctx, Request{Subject: subjects[i%len(subjects)], Plan: plan, Tokens: 500}); err != nil || !d.Allowed {
				b.Errorf("Admit: %+v, %v", d, err)
				return
			}
			i++
		}
	})
}

// BenchmarkRedisPing is the floor for BenchmarkRedisAdmit: one bare round trip.
func BenchmarkRedisPing(b *testing.B) {
	c := testRedisClient(b)
	ctx := context.Background()
	b.ReportAllocs()
	for b.Loop() {
		if err := c.Ping(ctx).Err(); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkSetHeaders is the cost of the nine rate-limit headers of an
// admitted request.
func BenchmarkSetHeaders(b *testing.B) {
	d := Decision{Allowed: true,
		Requests: Window{Limit: 600, Remaining: 599, Reset: 100 * time.Millisecond},
		Tokens:   Window{Limit: 100000, Remaining: 99000, Reset: 600 * time.Millisecond},
		Day:      Window{Limit: 10000, Remaining: 9999, Reset: time.Hour}}
	b.ReportAllocs()
	for b.Loop() {
		SetHeaders(http.Header{}, d)
	}
}
