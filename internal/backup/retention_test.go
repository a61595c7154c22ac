package backup

import (
	"bytes"
	"context"
	"errors"
	"io"
	"slices"
	"sync"
	"testing"
	"time"

	"github.com/vmira/mira/internal/config"
)

// memTarget is an in-memory Target.
type memTarget struct {
	mu      sync.Mutex
	objs    map[string]Object
	data    map[string][]byte
	failDel map[string]bool
}

func newMemTarget() *memTarget {
	return &memTarget{objs: map[string]Object{}, data: map[string][]byte{}, failDel: map[string]bool{}}
}

func (m *memTarget) Name() string { return "mem" }

func (m *memTarget) Put(ctx context.Context, name string, r io.Reader, size int64) error {
	b, err := io.ReadAll(r)
	if err != nil {
		return err
	}
	m.mu.Lock()
	defer m.mu.Unlock()
	m.objs[name] = Object{Name: name, Size: int64(len(b)), Modified: time.Now()}
	m.data[name] = b
	return nil
}

func (m *memTarget) Get(ctx context.Context, name string) (io.ReadCloser, error) {
	m.mu.Lock()
	defer m.mu.Unlock()
	b, ok := m.data[name]
	if !ok {
		return nil, errors.New("not found")
	}
	return io.NopCloser(bytes.NewReader(b)), nil
}

func (m *memTarget) List(ctx context.Context) ([]Object, error) {
	m.mu.Lock()
	defer m.mu.Unlock()
	var out []Object
	for _, o := range m.objs {
		out = append(out, o)
	}
	return out, nil
}

func (m *memTarget) Delete(ctx context.Context, name string) error {
	m.mu.Lock()
	defer m.mu.Unlock()
	if m.failDel[name] {
		return errors.New("delete refused")
	}
	delete(m.objs, name)
	delete(m.data, name)
	return nil
}

func (m *memTarget) names() []string {
	m.mu.Lock()
	defer m.mu.Unlock()
	var out []string
	for n := range m.objs {
		out = append(out, n)
	}
	slices.Sort(out)
	return out
}

func bname(t time.Time, rnd string) string {
	return "mira-backup-" + t.UTC().Format("20060102T150405Z") + "-" + rnd + ".tar.gz.age"
}

func (m *memTarget) add(name string, mod time.Time) {
	m.objs[name] = Object{Name: name, Modified: mod}
}

func TestParseBackupName(t *testing.T) {
	at := time.Date(2026, 12, 6, 3, 0, 0, 0, time.UTC)
	for name, want := range map[string]time.Time{
		bname(at, "a1b2"): at,
		"mira-backup-20261206T030000.123Z-x9.tar.gz.age": at.Add(123 * time.Millisecond),
		"mira-backup-2026-12-06T03-00-00Z-q.tar.gz.age":  at,
		"mira-backup-someday-q.tar.gz.age":               {},
	} {
		got, ok := ParseBackupName(name)
		if !ok || !got.Equal(want) {
			t.Errorf("ParseBackupName(%q) = %v, %v; want %v, true", name, got, ok, want)
		}
	}
	for _, name := range []string{bname(at, "a") + ".sha256", "notes.txt", "mira-backup-20261206T030000Z-a.tar.gz", "mira-backup-20261206T030000Z-a/b.tar.gz.age"} {
		if _, ok := ParseBackupName(name); ok {
			t.Errorf("ParseBackupName(%q) is a backup", name)
		}
	}
}

func TestApplyCountAndAge(t *testing.T) {
	now := time.Date(2026, 12, 6, 3, 0, 0, 0, time.UTC)
	m := newMemTarget()
	var all []string
	for i := range 20 { // one a day, newest first
		n := bname(now.Add(-time.Duration(i)*24*time.Hour), "r")
		all = append(all, n)
		m.add(n, now)
		m.add(n+SidecarSuffix, now)
	}
	m.add("unrelated.txt", now.Add(-1000*time.Hour))
	// count 5, age 3d: the newest 4 (0..3 days old) survive: day 3 is
	// exactly at the cutoff (not before it).
	deleted, err := Apply(context.Background(), m, config.BackupKeep{Count: 5, Age: config.Duration(72 * time.Hour)}, now, all[0])
	if err != nil {
		t.Fatal(err)
	}
	if len(deleted) != 32 {
		t.Errorf("deleted %d objects; want 32 (16 backups and their sidecars)", len(deleted))
	}
	want := []string{}
	for _, n := range all[:4] {
		want = append(want, n, n+SidecarSuffix)
	}
	want = append(want, "unrelated.txt")
	slices.Sort(want)
	if got := m.names(); !slices.Equal(got, want) {
		t.Errorf("left %v; want %v", got, want)
	}
	// count 2: the newest two.
	if _, err := Apply(context.Background(), m, config.BackupKeep{Count: 2, Age: config.Duration(72 * time.Hour)}, now, all[0]); err != nil {
		t.Fatal(err)
	}
	if got := len(m.names()); got != 5 {
		t.Errorf("left %v; want two backups with sidecars and unrelated.txt", m.names())
	}
}

func TestApplyNeverDeletesCurrent(t *testing.T) {
	now := time.Date(2026, 12, 6, 3, 0, 0, 0, time.UTC)
	m := newMemTarget()
	// The clock went back: the backup just made is named older than the
	// others and older than the age bound.
	current := bname(now.Add(-90*24*time.Hour), "cur")
	m.add(current, now)
	for i := range 3 {
		m.add(bname(now.Add(-time.Duration(i)*time.Hour), "n"), now)
	}
	if _, err := Apply(context.Background(), m, config.BackupKeep{Count: 1, Age: config.Duration(24 * time.Hour)}, now, current); err != nil {
		t.Fatal(err)
	}
	if got := m.names(); !slices.Contains(got, current) || len(got) != 2 {
		t.Errorf("left %v; want the current backup and the newest", got)
	}
	// No current given, everything past the age: the newest stays.
	m = newMemTarget()
	old := []string{bname(now.Add(-100*24*time.Hour), "a"), bname(now.Add(-200*24*time.Hour), "b")}
	for _, n := range old {
		m.add(n, now)
	}
	if _, err := Apply(context.Background(), m, config.BackupKeep{}, now, ""); err != nil {
		t.Fatal(err)
	}
	if got := m.names(); !slices.Equal(got, old[:1]) {
		t.Errorf("left %v; want %v", got, old[:1])
	}
}

func TestApplyDefaultsAndModifiedFallback(t *testing.T) {
	now := time.Date(2026, 12, 6, 3, 0, 0, 0, time.UTC)
	m := newMemTarget()
	for i := range 16 {
		m.add(bname(now.Add(-time.Duration(i)*time.Hour), "d"), now)
	}
	// Unparseable timestamp: the modification time decides (40 days old).
	odd := "mira-backup-weird-z.tar.gz.age"
	m.add(odd, now.Add(-40*24*time.Hour))
	deleted, err := Apply(context.Background(), m, config.BackupKeep{}, now, bname(now, "d"))
	if err != nil {
		t.Fatal(err)
	}
	if len(deleted) != 3 || !slices.Contains(deleted, odd) || len(m.names()) != 14 {
		t.Errorf("deleted %v, left %d; want the 2 beyond 14 and the 40-day-old one", deleted, len(m.names()))
	}
}

func TestApplyContinuesAfterFailedDelete(t *testing.T) {
	now := time.Date(2026, 12, 6, 3, 0, 0, 0, time.UTC)
	m := newMemTarget()
	a, b, c := bname(now, "a"), bname(now.Add(-time.Hour), "b"), bname(now.Add(-2*time.Hour), "c")
	for _, n := range []string{a, b, c} {
		m.add(n, now)
		m.add(n+SidecarSuffix, now)
	}
	// An orphan sidecar from an earlier failed run.
	orphan := bname(now.Add(-3*time.Hour), "o") + SidecarSuffix
	m.add(orphan, now)
	m.failDel[b] = true
	deleted, err := Apply(context.Background(), m, config.BackupKeep{Count: 1}, now, a)
	if err == nil {
		t.Fatal("want an error for the refused delete")
	}
	if !slices.Contains(deleted, c) || !slices.Contains(deleted, c+SidecarSuffix) || !slices.Contains(deleted, orphan) {
		t.Errorf("deleted %v; want c, its sidecar and the orphan sidecar despite b's failure", deleted)
	}
	if !slices.Contains(m.names(), b+SidecarSuffix) {
		t.Error("b's sidecar was deleted though b was not")
	}
}
