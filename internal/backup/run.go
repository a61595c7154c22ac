package backup

import (
	"archive/tar"
	"bytes"
	"compress/gzip"
	"context"
	"crypto/rand"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"time"

	"filippo.io/age"

	"github.com/vmira/mira/internal/audit"
	"github.com/vmira/mira/internal/store"
)

// Audit actions of backups.
const (
	ActionCompleted = "backup.completed"
	ActionFailed    = "backup.failed"
)

// Object names: NamePrefix + UTC timestamp + "-" + random + NameSuffix, and
// a sidecar with SidecarSuffix appended.
const (
	NamePrefix    = "mira-backup-"
	NameSuffix    = ".tar.gz.age"
	SidecarSuffix = ".sha256"
	timeLayout    = "20060102T150405Z"
)

// ErrNoRecipients is returned by Run without a recipient.
var ErrNoRecipients = errors.New("backups are encrypted and no recipient is configured: add backups.recipients: run `mira admin backup keygen`")

// Config configures Run.
type Config struct {
	// Recipients are the age public keys (age1...) the archive is encrypted
	// to. Required.
	Recipients []string
	// TempDir is where the archive is staged, 0600, and removed after: the
	// data directory (it is private, and already holds the database).
	TempDir string
	// Audit, if set, records backup.completed or backup.failed.
	Audit *audit.Log
	// Version is the mira version recorded in the manifest.
	Version string
	// Now is the clock (tests). Default time.Now.
	Now func() time.Time
}

// Result is the outcome of Run.
type Result struct {
	Name     string // object name on every target
	Size     int64  // bytes of ciphertext
	SHA256   string // of the ciphertext, hex
	Manifest Manifest
	Targets  []TargetResult
}

// TargetResult is the outcome on one target.
type TargetResult struct {
	Target string
	Err    error
}

// Failed returns the targets that failed.
func (r Result) Failed() []TargetResult {
	var out []TargetResult
	for _, t := range r.Targets {
		if t.Err != nil {
			out = append(out, t)
		}
	}
	return out
}

// Partial reports whether some, but not all, targets failed.
func (r Result) Partial() bool {
	n := len(r.Failed())
	return n > 0 && n < len(r.Targets)
}

// Sidecar is the JSON content of <name>.sha256: the checksum of the
// ciphertext, so that a backup can be checked without the identity.
type Sidecar struct {
	SHA256 string `json:"sha256"`
	Size   int64  `json:"size"`
}

// ParseRecipients parses age recipients (age1...).
func ParseRecipients(rs []string) ([]age.Recipient, error) {
	var out []age.Recipient
	for i, s := range rs {
		r, err := age.ParseX25519Recipient(strings.TrimSpace(s))
		if err != nil {
			return nil, fmt.Errorf("backups.recipients[%d]: not an age public key (age1...): %w", i, err)
		}
		out = append(out, r)
	}
	return out, nil
}

// newName returns a fresh object name for time t.
func newName(t time.Time) string {
	var rnd [4]byte
	rand.Read(rnd[:])
	return NamePrefix + t.UTC().Format(timeLayout) + "-" + hex.EncodeToString(rnd[:]) + NameSuffix
}

// Run makes one backup of db and writes it to every target. The archive is
// built once; a failure on one target does not stop the others. The error
// is non-nil when no archive was made or when any target failed; Result
// says which.
func Run(ctx context.Context, db *store.DB, secret []byte, cfg Config, targets []Target) (res Result, err error) {
	defer func() { recordAudit(ctx, cfg.Audit, res, err) }()
	if len(cfg.Recipients) == 0 {
		return res, ErrNoRecipients
	}
	recips, err := ParseRecipients(cfg.Recipients)
	if err != nil {
		return res, err
	}
	if len(targets) == 0 {
		return res, errors.New("backup: no target configured: add backups.targets")
	}
	now := time.Now
	if cfg.Now != nil {
		now = cfg.Now
	}
	stage, err := os.MkdirTemp(cfg.TempDir, ".backup-")
	if err != nil {
		return res, fmt.Errorf("backup: staging directory: %w", err)
	}
	defer os.RemoveAll(stage)

	created := now().UTC()
	res.Name = newName(created)
	archive := filepath.Join(stage, "archive")
	res.Manifest, res.Size, res.SHA256, err = build(ctx, db, secret, recips, cfg.Version, created, stage, archive)
	if err != nil {
		return res, err
	}
	side, _ := json.Marshal(Sidecar{SHA256: res.SHA256, Size: res.Size})
	for _, t := range targets {
		tr := TargetResult{Target: t.Name(), Err: put(ctx, t, res.Name, archive, res.Size, side)}
		res.Targets = append(res.Targets, tr)
	}
	if failed := res.Failed(); len(failed) > 0 {
		var msgs []string
		for _, f := range failed {
			msgs = append(msgs, f.Err.Error())
		}
		return res, fmt.Errorf("backup %s failed on %d of %d targets: %s", res.Name, len(failed), len(res.Targets), strings.Join(msgs, "; "))
	}
	return res, nil
}

// put writes the object, then its sidecar: a listed backup is complete.
func put(ctx context.Context, t Target, name, archive string, size int64, side []byte) error {
	f, err := os.Open(archive)
	if err != nil {
		return err
	}
	defer f.Close()
	if err := t.Put(ctx, name, f, size); err != nil {
		return err
	}
	return t.Put(ctx, name+SidecarSuffix, bytes.NewReader(side), int64(len(side)))
}

func recordAudit(ctx context.Context, l *audit.Log, res Result, err error) {
	if l == nil {
		return
	}
	var ok, failed []string
	for _, t := range res.Targets {
		if t.Err != nil {
			failed = append(failed, t.Target)
		} else {
			ok = append(ok, t.Target)
		}
	}
	e := &audit.Entry{Actor: audit.System, Action: ActionCompleted, Target: res.Name,
		Details: map[string]any{"size": res.Size, "targets": ok}}
	if err != nil {
		e.Action = ActionFailed
		e.Details["failed_targets"] = failed
		e.Details["error"] = err.Error()
	}
	// The audit entry is best effort: a backup is not undone because its
	// record could not be written.
	_ = l.Append(context.WithoutCancel(ctx), e)
}

// build writes the encrypted archive to path and returns its manifest, size
// and SHA-256.
func build(ctx context.Context, db *store.DB, secret []byte, recips []age.Recipient, version string, created time.Time, stage, path string) (Manifest, int64, string, error) {
	files, schema, err := snapshot(ctx, db, stage)
	if err != nil {
		return Manifest{}, 0, "", err
	}
	secretHex := []byte(hex.EncodeToString(secret) + "\n")
	sum := sha256.Sum256(secretHex)
	files = append(files, File{Name: SecretFile, Size: int64(len(secretHex)), SHA256: hex.EncodeToString(sum[:])})
	m := Manifest{Format: FormatVersion, SchemaVersion: schema, CreatedAt: created, MiraVersion: version,
		SourceDialect: db.Dialect(), Files: files}
	mj, err := json.MarshalIndent(m, "", "  ")
	if err != nil {
		return m, 0, "", err
	}

	out, err := os.OpenFile(path, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o600)
	if err != nil {
		return m, 0, "", fmt.Errorf("backup: %w", err)
	}
	defer out.Close()
	h := sha256.New()
	cw := &countWriter{w: io.MultiWriter(out, h)}
	enc, err := age.Encrypt(cw, recips...)
	if err != nil {
		return m, 0, "", fmt.Errorf("backup: encrypt: %w", err)
	}
	gz := gzip.NewWriter(enc)
	tw := tar.NewWriter(gz)
	add := func(name string, size int64, r io.Reader) error {
		hdr := &tar.Header{Name: name, Mode: 0o600, Size: size, ModTime: created, Typeflag: tar.TypeReg, Format: tar.FormatPAX}
		if err := tw.WriteHeader(hdr); err != nil {
			return err
		}
		_, err := io.Copy(tw, r)
		return err
	}
	if err := add(ManifestFile, int64(len(mj)), bytes.NewReader(mj)); err != nil {
		return m, 0, "", fmt.Errorf("backup: archive: %w", err)
	}
	for _, f := range files {
		var r io.Reader
		if f.Name == SecretFile {
			r = bytes.NewReader(secretHex)
		} else {
			tf, err := os.Open(filepath.Join(stage, f.Table))
			if err != nil {
				return m, 0, "", fmt.Errorf("backup: %w", err)
			}
			r = tf
			defer tf.Close()
		}
		if err := add(f.Name, f.Size, r); err != nil {
			return m, 0, "", fmt.Errorf("backup: archive %s: %w", f.Name, err)
		}
		if f.Table != "" {
			os.Remove(filepath.Join(stage, f.Table)) // no plaintext longer than needed
		}
	}
	for _, c := range []io.Closer{tw, gz, enc} {
		if err := c.Close(); err != nil {
			return m, 0, "", fmt.Errorf("backup: archive: %w", err)
		}
	}
	if err := out.Sync(); err != nil {
		return m, 0, "", fmt.Errorf("backup: %w", err)
	}
	return m, cw.n, hex.EncodeToString(h.Sum(nil)), nil
}

// Backup is a complete backup on a target.
type Backup struct {
	Name    string    `json:"name"`
	Target  string    `json:"target"`
	Size    int64     `json:"size"`
	SHA256  string    `json:"sha256"`
	Created time.Time `json:"created"`
}

// List returns the backups on t, newest first: objects with a sidecar whose
// size matches. Anything else (a temporary file, an object whose sidecar is
// missing because the write was cut short) is not a backup.
func List(ctx context.Context, t Target) ([]Backup, error) {
	objs, err := t.List(ctx)
	if err != nil {
		return nil, err
	}
	byName := map[string]Object{}
	for _, o := range objs {
		byName[o.Name] = o
	}
	var out []Backup
	for _, o := range objs {
		created, ok := parseName(o.Name)
		if !ok {
			continue
		}
		if _, ok := byName[o.Name+SidecarSuffix]; !ok {
			continue
		}
		sc, err := readSidecar(ctx, t, o.Name)
		if err != nil || sc.Size != o.Size {
			continue
		}
		out = append(out, Backup{Name: o.Name, Target: t.Name(), Size: o.Size, SHA256: sc.SHA256, Created: created})
	}
	slices.SortFunc(out, func(a, b Backup) int { return strings.Compare(b.Name, a.Name) })
	return out, nil
}

func parseName(name string) (time.Time, bool) {
	rest, ok := strings.CutPrefix(name, NamePrefix)
	if !ok {
		return time.Time{}, false
	}
	rest, ok = strings.CutSuffix(rest, NameSuffix)
	if !ok || len(rest) < len(timeLayout) {
		return time.Time{}, false
	}
	t, err := time.Parse(timeLayout, rest[:len(timeLayout)])
	return t, err == nil
}

func readSidecar(ctx context.Context, t Target, name string) (Sidecar, error) {
	var sc Sidecar
	rc, err := t.Get(ctx, name+SidecarSuffix)
	if err != nil {
		return sc, err
	}
	defer rc.Close()
	b, err := io.ReadAll(io.LimitReader(rc, 4096))
	if err != nil {
		return sc, err
	}
	if err := json.Unmarshal(b, &sc); err != nil {
		return sc, fmt.Errorf("sidecar %s%s: %w", name, SidecarSuffix, err)
	}
	return sc, nil
}
