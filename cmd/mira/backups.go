package main

import (
	"context"
	"time"

	"github.com/vmira/mira/internal/alerts"
	"github.com/vmira/mira/internal/backup"
	"github.com/vmira/mira/internal/config"
	"github.com/vmira/mira/internal/ratelimit"
	"github.com/vmira/mira/internal/store"
)

// startBackups runs the scheduled backups when backups.targets are
// configured: one instance per slot (a PostgreSQL advisory lock, else a
// Redis lock, else this process alone, since SQLite means one instance),
// retention on each target after a success, the metric of the last
// success, and alerts when a target fails or backups grow stale.
func (m *Main) startBackups() error {
	cfg := m.Config.Backups
	if len(cfg.Targets) == 0 {
		return nil
	}
	targets, err := backup.Targets(cfg, m.Getenv)
	if err != nil {
		return err
	}
	lock, err := m.backupLock()
	if err != nil {
		return err
	}
	sched := &backup.Scheduler{Schedule: cfg.Schedule, Lock: lock,
		OnError: func(slot time.Time, err error) {
			m.Logger.Error("scheduled backup failed", "slot", slot.UTC().Format(time.RFC3339), "error", err)
		}}
	m.background(func(ctx context.Context) {
		_ = sched.Run(ctx, func(ctx context.Context) error { return m.runBackup(ctx, targets) })
	})
	m.background(func(ctx context.Context) { m.watchBackups(ctx, targets) })
	return nil
}

// backupLock picks how instances agree on who runs a slot.
func (m *Main) backupLock() (backup.Lock, error) {
	switch {
	case m.db.Dialect() == store.DialectPostgres:
		return &backup.PostgresLock{URL: m.Config.DatabaseURL}, nil
	case m.Config.RedisURL != "":
		rc, err := ratelimit.NewRedisClient(m.Config.RedisURL)
		if err != nil {
			return nil, err
		}
		m.closers = append(m.closers, rc.Close)
		return &backup.RedisLock{Client: rc}, nil
	}
	return backup.NewLocalLock(), nil
}

// runBackup makes one backup to every target, applies retention where it
// succeeded, and raises backup_failed for each target that failed.
func (m *Main) runBackup(ctx context.Context, targets []backup.Target) error {
	cfg := m.Config.Backups
	res, err := backup.Run(ctx, m.db, m.secret, backup.Config{Recipients: cfg.Recipients, TempDir: m.Config.DataDir,
		Audit: m.audit, Version: version()}, targets)
	now := time.Now()
	for i, t := range res.Targets {
		if t.Err != nil {
			m.metrics.BackupFailed(t.Target)
			m.raise(ctx, alerts.Event{Rule: alerts.BackupFailed, Subject: t.Target, Details: map[string]any{"error": t.Err.Error()}})
			continue
		}
		m.metrics.BackupSucceeded(t.Target, now)
		if i < len(targets) {
			if _, err := backup.Apply(ctx, targets[i], cfg.Keep, now, res.Name); err != nil {
				m.Logger.Warn("backup retention failed", "target", t.Target, "error", err)
			}
		}
	}
	if len(res.Targets) == 0 && err != nil {
		// No archive was made: every target missed this backup.
		for _, t := range targets {
			m.metrics.BackupFailed(t.Name())
		}
		m.raise(ctx, alerts.Event{Rule: alerts.BackupFailed, Subject: "backup", Details: map[string]any{"error": err.Error()}})
	}
	return err
}

// watchBackups sets the last-success metric from what the targets hold, and
// raises backup_stale, hourly, when the newest backup is older than two
// scheduled intervals (counted from start when there is none yet).
func (m *Main) watchBackups(ctx context.Context, targets []backup.Target) {
	started := time.Now()
	for {
		newest := started
		found := false
		for _, t := range targets {
			if list, err := backup.List(ctx, t); err == nil && len(list) > 0 {
				m.metrics.BackupSucceeded(t.Name(), list[0].Created)
				if !found || list[0].Created.After(newest) {
					newest, found = list[0].Created, true
				}
			}
		}
		if backup.Stale(newest, m.Config.Backups.Schedule, time.Now()) {
			m.raise(ctx, alerts.Event{Rule: alerts.BackupStale, Subject: "backup",
				Details: map[string]any{"newest": newest.UTC().Format(time.RFC3339)}})
		}
		select {
		case <-ctx.Done():
			return
		case <-time.After(time.Hour):
		}
	}
}

// backupTargetNames are the configured target names: the label values of
// the backup metrics.
func backupTargetNames(cfg config.Backups) []string {
	var out []string
	for _, t := range cfg.Targets {
		out = append(out, t.Name)
	}
	return out
}

// raise raises an alert from background work, logging a failure.
func (m *Main) raise(ctx context.Context, ev alerts.Event) {
	if _, err := m.alerts.Raise(ctx, ev); err != nil && ctx.Err() == nil {
		m.Logger.Error("raising an alert failed", "rule", ev.Rule, "error", err)
	}
}
