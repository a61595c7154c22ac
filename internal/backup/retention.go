package backup

import (
	"context"
	"errors"
	"fmt"
	"regexp"
	"sort"
	"strings"
	"time"

	"github.com/vmira/mira/internal/config"
)

// Retention defaults (backups.keep).
const (
	DefaultKeepCount = 14
	DefaultKeepAge   = 30 * 24 * time.Hour
)

// backupName matches mira-backup-<UTC timestamp>-<random>.tar.gz.age.
var backupName = regexp.MustCompile(`^mira-backup-([^/\\]+)-([A-Za-z0-9]+)\.tar\.gz\.age$`)

// timestamp layouts accepted in backup names, most likely first.
var backupTimeLayouts = []string{
	"20060102T150405Z",
	"20060102T150405.000Z",
	"20060102T150405.000000000Z",
	"2006-01-02T15-04-05Z",
	"2006-01-02T15:04:05Z",
	time.RFC3339Nano,
}

// ParseBackupName reports whether name is a backup's (not its sidecar's)
// and the time in it. A backup name whose timestamp is not one of the
// known layouts is still a backup; its time is then zero and the caller
// falls back to the object's modification time.
func ParseBackupName(name string) (t time.Time, ok bool) {
	m := backupName.FindStringSubmatch(name)
	if m == nil {
		return time.Time{}, false
	}
	for _, layout := range backupTimeLayouts {
		if t, err := time.Parse(layout, m[1]); err == nil {
			return t.UTC(), true
		}
	}
	return time.Time{}, true
}

type backupEntry struct {
	name string
	at   time.Time
}

// Apply enforces keep on target t after a successful backup: of the
// backups there (recognised by name, anything else is left alone), it
// keeps the newest keep.Count and deletes those older than keep.Age at
// now, each with its .sha256 sidecar. current, the backup just made, is
// never deleted; when current is empty the newest backup is kept whatever
// the rules say, so that retention alone never empties a target. Zero
// Count and Age mean the defaults (14, 30d). It returns what it deleted;
// a failed delete does not stop the others.
func Apply(ctx context.Context, t Target, keep config.BackupKeep, now time.Time, current string) ([]string, error) {
	count, age := keep.Count, keep.Age.D()
	if count <= 0 {
		count = DefaultKeepCount
	}
	if age <= 0 {
		age = DefaultKeepAge
	}
	objs, err := t.List(ctx)
	if err != nil {
		return nil, err
	}
	present := map[string]bool{}
	var backups []backupEntry
	for _, o := range objs {
		present[o.Name] = true
		at, ok := ParseBackupName(o.Name)
		if !ok {
			continue
		}
		if at.IsZero() {
			at = o.Modified.UTC()
		}
		backups = append(backups, backupEntry{o.Name, at})
	}
	// Newest first; the name breaks ties so the order is stable.
	sort.Slice(backups, func(i, j int) bool {
		if !backups[i].at.Equal(backups[j].at) {
			return backups[i].at.After(backups[j].at)
		}
		return backups[i].name > backups[j].name
	})
	protect := current
	if protect == "" && len(backups) > 0 {
		protect = backups[0].name
	}
	cutoff := now.Add(-age)
	var deleted []string
	var errs []error
	kept := 0
	var oldestKept time.Time
	for _, b := range backups {
		if b.name == protect || (kept < count && !b.at.Before(cutoff)) {
			kept++
			oldestKept = b.at
			continue
		}
		if err := t.Delete(ctx, b.name); err != nil {
			errs = append(errs, err)
			continue
		}
		deleted = append(deleted, b.name)
		if present[b.name+SidecarSuffix] {
			if err := t.Delete(ctx, b.name+SidecarSuffix); err != nil {
				errs = append(errs, err)
			} else {
				deleted = append(deleted, b.name+SidecarSuffix)
			}
		}
	}
	// Sidecars left behind by an earlier failed delete.
	for _, o := range objs {
		base, ok := strings.CutSuffix(o.Name, SidecarSuffix)
		if !ok || present[base] {
			continue
		}
		at, isBackup := ParseBackupName(base)
		if !isBackup || at.IsZero() || !at.Before(oldestKept) || base == current {
			continue
		}
		if err := t.Delete(ctx, o.Name); err != nil {
			errs = append(errs, err)
		} else {
			deleted = append(deleted, o.Name)
		}
	}
	if len(errs) > 0 {
		return deleted, fmt.Errorf("retention on %q: %w", t.Name(), errors.Join(errs...))
	}
	return deleted, nil
}
