package backup

import (
	"context"
	"errors"
	"sync"
	"sync/atomic"
	"testing"
	"time"
)

func TestNextRun(t *testing.T) {
	at := time.Date(2026, 12, 6, 15, 11, 38, 0, time.UTC)
	day := time.Date(2026, 12, 7, 0, 0, 0, 0, time.UTC)
	for _, c := range []struct {
		schedule string
		want     time.Time
	}{
		{"", day},
		{"@daily", day},
		{"@midnight", day},
		{"@hourly", time.Date(2026, 12, 6, 16, 0, 0, 0, time.UTC)},
		{"0 3 * * *", time.Date(2026, 12, 7, 3, 0, 0, 0, time.UTC)},
		{"30 15 * * *", time.Date(2026, 12, 7, 15, 30, 0, 0, time.UTC).Add(-24 * time.Hour)},
		{"CRON_TZ=Europe/Paris 0 3 * * *", time.Date(2026, 12, 7, 2, 0, 0, 0, time.UTC)},
		{"6h", time.Date(2026, 12, 6, 18, 0, 0, 0, time.UTC)},
		{"1d", day},
		{"90m", time.Date(2026, 12, 6, 16, 30, 0, 0, time.UTC)},
		{"@every 6h", time.Date(2026, 12, 6, 18, 0, 0, 0, time.UTC)},
		{"@weekly", time.Date(2026, 12, 13, 0, 0, 0, 0, time.UTC)},
	} {
		got, err := NextRun(c.schedule, at)
		if err != nil || !got.Equal(c.want) {
			t.Errorf("NextRun(%q) = %v, %v; want %v", c.schedule, got, err, c.want)
		}
	}
	// Strictly after: a time on the slot gives the next one.
	if got, _ := NextRun("6h", time.Date(2026, 12, 6, 18, 0, 0, 0, time.UTC)); !got.Equal(time.Date(2026, 12, 7, 0, 0, 0, 0, time.UTC)) {
		t.Errorf("NextRun on a slot = %v", got)
	}
	// Instances agree on interval slots whenever they started.
	a, _ := NextRun("6h", at)
	b, _ := NextRun("6h", at.Add(-2*time.Hour-17*time.Minute))
	if !a.Equal(b) {
		t.Errorf("interval slots differ: %v, %v", a, b)
	}
	for _, bad := range []string{"daily", "0 3 * *", "61 * * * *", "10s", "-6h", "@every 5s", "@yearly-ish"} {
		if _, err := NextRun(bad, at); err == nil {
			t.Errorf("NextRun(%q) accepted", bad)
		}
	}
}

func TestStale(t *testing.T) {
	last := time.Date(2026, 12, 6, 0, 0, 5, 0, time.UTC)
	for _, c := range []struct {
		schedule string
		after    time.Duration
		want     bool
	}{
		{"@daily", 47 * time.Hour, false},
		{"@daily", 48*time.Hour + time.Minute, true},
		{"6h", 11 * time.Hour, false},
		{"6h", 13 * time.Hour, true},
		{"0 3 * * 1", 13 * 24 * time.Hour, false}, // weekly
		{"0 3 * * 1", 15 * 24 * time.Hour, true},
		{"not a schedule", time.Minute, true},
	} {
		if got := Stale(last, c.schedule, last.Add(c.after)); got != c.want {
			t.Errorf("Stale(%q, +%v) = %v; want %v", c.schedule, c.after, got, c.want)
		}
	}
	if Stale(time.Time{}, "@daily", last) {
		t.Error("never backed up is not stale by itself")
	}
}

// TestSchedulerRunsEachSlot: a 1m interval on a fake clock that jumps.
func TestSchedulerRunsEachSlot(t *testing.T) {
	var mu sync.Mutex
	clock := time.Date(2026, 12, 6, 15, 0, 30, 0, time.UTC)
	now := func() time.Time {
		mu.Lock()
		defer mu.Unlock()
		clock = clock.Add(20 * time.Second) // time passes each look
		return clock
	}
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	var slots []time.Time
	var errs atomic.Int32
	s := &Scheduler{Schedule: "1m", Now: now, MinHold: time.Nanosecond,
		OnError: func(time.Time, error) { errs.Add(1) },
		ran: func(slot time.Time, ran bool) {
			slots = append(slots, slot)
			if len(slots) == 3 {
				cancel()
			}
		}}
	n := 0
	err := s.Run(ctx, func(ctx context.Context) error {
		n++
		if n == 2 {
			return errors.New("target down")
		}
		return nil
	})
	if !errors.Is(err, context.Canceled) {
		t.Fatalf("Run = %v", err)
	}
	if n != 3 || errs.Load() != 1 {
		t.Errorf("ran %d times with %d errors; want 3 and 1 (a failed run does not stop the schedule)", n, errs.Load())
	}
	for i, s := range slots {
		if s.Second() != 0 || (i > 0 && !s.After(slots[i-1])) {
			t.Errorf("slots %v are not successive minutes", slots)
		}
	}
}

func TestSchedulerBadSchedule(t *testing.T) {
	s := &Scheduler{Schedule: "whenever"}
	if err := s.Run(context.Background(), func(context.Context) error { return nil }); err == nil {
		t.Fatal("Run accepted a bad schedule")
	}
}

// TestSchedulerDone: a slot already backed up (by an instance whose clock
// ran ahead) is skipped.
func TestSchedulerDone(t *testing.T) {
	start := time.Now()
	slot := time.Date(2026, 12, 6, 15, 1, 0, 0, time.UTC)
	now := func() time.Time { return slot.Add(-100 * time.Millisecond).Add(time.Since(start)) }
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	var asked time.Time
	ran := -1
	s := &Scheduler{Schedule: "1m", Now: now, MinHold: time.Millisecond,
		Done: func(_ context.Context, got time.Time) (bool, error) { asked = got; return true, nil },
		ran:  func(_ time.Time, r bool) { ran = map[bool]int{false: 0, true: 1}[r]; cancel() }}
	calls := 0
	s.Run(ctx, func(context.Context) error { calls++; return nil })
	if calls != 0 || ran != 0 || !asked.Equal(slot) {
		t.Errorf("calls %d, ran %d, Done asked about %v; want 0, 0, %v", calls, ran, asked, slot)
	}
}
