package backup

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/robfig/cron/v3"

	"github.com/vmira/mira/internal/config"
)

// DefaultSchedule is used when backups.schedule is empty.
const DefaultSchedule = "@daily"

// minInterval bounds interval schedules: a backup is a full snapshot.
const minInterval = time.Minute

// ParseSchedule parses backups.schedule: an interval ("6h", "1d", "90m";
// Go durations plus whole days) or a cron expression in the standard five
// fields ("0 3 * * *") or a descriptor (@daily, @hourly, @weekly,
// @monthly, @every 6h). Cron expressions are read in UTC unless they start
// with CRON_TZ=Zone. Empty means DefaultSchedule.
func ParseSchedule(schedule string) (cron.Schedule, error) {
	s := strings.TrimSpace(schedule)
	if s == "" {
		s = DefaultSchedule
	}
	if d, err := config.ParseDuration(s); err == nil {
		if d < minInterval {
			return nil, fmt.Errorf("schedule %q: an interval must be at least %v", schedule, minInterval)
		}
		return intervalSchedule(d), nil
	}
	if !strings.HasPrefix(s, "CRON_TZ=") && !strings.HasPrefix(s, "TZ=") {
		s = "CRON_TZ=UTC " + s
	}
	sched, err := cron.ParseStandard(s)
	if err != nil {
		return nil, fmt.Errorf("schedule %q is neither an interval (6h, 1d) nor a cron expression (\"0 3 * * *\", @daily): %v", schedule, err)
	}
	if every, ok := sched.(cron.ConstantDelaySchedule); ok {
		if every.Delay < minInterval {
			return nil, fmt.Errorf("schedule %q: an interval must be at least %v", schedule, minInterval)
		}
		// @every runs from the moment it is asked, which differs between
		// instances; align it like an interval so they agree on the slot.
		return intervalSchedule(every.Delay), nil
	}
	return sched, nil
}

// intervalSchedule fires at the multiples of d since the Unix epoch (UTC),
// so that every instance computes the same slots whenever it started and
// the lock can pick one of them to run each.
type intervalSchedule time.Duration

func (d intervalSchedule) Next(after time.Time) time.Time {
	step := time.Duration(d)
	return after.UTC().Truncate(step).Add(step)
}

// NextRun returns the first scheduled time strictly after after.
func NextRun(schedule string, after time.Time) (time.Time, error) {
	s, err := ParseSchedule(schedule)
	if err != nil {
		return time.Time{}, err
	}
	next := s.Next(after)
	if next.IsZero() {
		return time.Time{}, fmt.Errorf("schedule %q never fires", schedule)
	}
	return next, nil
}

// Scheduler runs a backup at every scheduled time, on one instance only:
// each instance's Scheduler computes the same slot, and the Lock lets just
// one of them run it.
type Scheduler struct {
	Schedule string
	// Lock decides which instance runs a slot. Nil means a process-local
	// lock (SQLite: one instance only).
	Lock Lock
	// LockName names the lock; default "backup".
	LockName string
	// MinHold keeps the lock at least this long past the slot (bounded by
	// half the time to the next slot), so that an instance whose clock is
	// a little behind finds it still taken once a short run has finished.
	// Default one minute.
	MinHold time.Duration
	// Done, if set, is asked after the lock is taken whether the slot has
	// already been backed up (by an instance whose clock ran further
	// ahead than MinHold); true skips the run.
	Done func(ctx context.Context, slot time.Time) (bool, error)
	// OnError receives the errors of runs and of the lock; default none.
	OnError func(slot time.Time, err error)
	// Now is the clock; default time.Now.
	Now func() time.Time
	// ran, for tests: called after each slot with whether it ran here.
	ran func(slot time.Time, ran bool)
}

// Run calls run at each scheduled time until ctx ends, and returns
// ctx.Err(). A failed run is reported to OnError and does not stop the
// schedule. run receives a context that ends if the lock is lost.
func (s *Scheduler) Run(ctx context.Context, run func(ctx context.Context) error) error {
	sched, err := ParseSchedule(s.Schedule)
	if err != nil {
		return err
	}
	now := s.Now
	if now == nil {
		now = time.Now
	}
	lock := s.Lock
	if lock == nil {
		lock = NewLocalLock()
	}
	name := s.LockName
	if name == "" {
		name = "backup"
	}
	report := func(slot time.Time, err error) {
		if s.OnError != nil && err != nil {
			s.OnError(slot, err)
		}
	}
	for {
		slot := sched.Next(now())
		if slot.IsZero() {
			return fmt.Errorf("schedule %q never fires", s.Schedule)
		}
		if err := sleepUntil(ctx, now, slot); err != nil {
			return err
		}
		hold := s.MinHold
		if hold <= 0 {
			hold = time.Minute
		}
		if gap := sched.Next(slot).Sub(slot) / 2; gap < hold {
			hold = gap
		}
		ran, err := s.runSlot(ctx, lock, name, slot, slot.Add(hold), now, run)
		report(slot, err)
		if s.ran != nil {
			s.ran(slot, ran)
		}
		if ctx.Err() != nil {
			return ctx.Err()
		}
	}
}

func (s *Scheduler) runSlot(ctx context.Context, lock Lock, name string, slot, holdUntil time.Time, now func() time.Time, run func(context.Context) error) (bool, error) {
	held, release, ok, err := lock.TryLock(ctx, name)
	if err != nil {
		return false, fmt.Errorf("backup lock: %w", err)
	}
	if !ok {
		return false, nil // another instance runs this slot
	}
	defer release()
	if s.Done != nil {
		done, err := s.Done(held, slot)
		if err != nil {
			return false, err
		}
		if done {
			return false, nil
		}
	}
	err = run(held)
	if err == nil && held.Err() != nil && ctx.Err() == nil {
		err = errors.New("backup lock lost during the run")
	}
	// Keep the lock to holdUntil, unless shutting down.
	_ = sleepUntil(ctx, now, holdUntil)
	return true, err
}

// sleepUntil waits until now() reaches t or ctx ends. It looks at the
// wall clock at least every minute: timers follow the monotonic clock,
// which a suspended machine or a clock step leaves behind.
func sleepUntil(ctx context.Context, now func() time.Time, t time.Time) error {
	for {
		d := t.Sub(now())
		if d <= 0 {
			return nil
		}
		d = min(d, time.Minute)
		timer := time.NewTimer(d)
		select {
		case <-ctx.Done():
			timer.Stop()
			return ctx.Err()
		case <-timer.C:
		}
	}
}

// Stale reports whether the last successful backup is older than two
// scheduled intervals at now (the alert backup_stale): two scheduled runs
// have passed since it without another success. The interval is the one
// at lastSuccess (cron schedules can be irregular). A zero lastSuccess
// (never) is not stale here: callers pass the time backups were enabled
// instead, so a fresh install does not alert at once. An invalid schedule
// is stale (the backups cannot be running).
func Stale(lastSuccess time.Time, schedule string, now time.Time) bool {
	if lastSuccess.IsZero() {
		return false
	}
	sched, err := ParseSchedule(schedule)
	if err != nil {
		return true
	}
	n1 := sched.Next(lastSuccess)
	n2 := sched.Next(n1)
	if n1.IsZero() || n2.IsZero() {
		return true
	}
	return now.Sub(lastSuccess) > 2*n2.Sub(n1)
}
