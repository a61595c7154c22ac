package backup

import (
	"archive/tar"
	"compress/gzip"
	"context"
	"crypto/sha256"
	"database/sql"
	"encoding/base64"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strings"

	"filippo.io/age"

	"github.com/vmira/mira/internal/audit"
	"github.com/vmira/mira/internal/datadir"
	"github.com/vmira/mira/internal/store"
)

// RestoreConfig configures Restore.
type RestoreConfig struct {
	// Identities decrypt the archive (ParseIdentityFile). Required.
	Identities []age.Identity
	// DatabaseURL selects PostgreSQL; empty restores into SQLite in DataDir.
	DatabaseURL string
	// DataDir receives the SQLite database and the server secret. Required.
	DataDir string
	// SecretKeyFile, if set (MIRA_SECRET_KEY_FILE), is where the server
	// secret is written instead of DataDir/secret.key.
	SecretKeyFile string
}

// RestoreResult is the outcome of a restore.
type RestoreResult struct {
	Name         string
	Target       string
	Manifest     Manifest
	Rows         int64 // rows inserted, all tables
	AuditEntries int64 // entries of the verified audit chain
}

// ParseIdentityFile reads age identities (AGE-SECRET-KEY-1...) from a file,
// which must not be readable by others.
func ParseIdentityFile(path string) ([]age.Identity, error) {
	fi, err := os.Stat(path)
	if err != nil {
		return nil, fmt.Errorf("identity file: %w", err)
	}
	if fi.Mode().Perm()&0o077 != 0 {
		return nil, fmt.Errorf("identity file %s is accessible by other users (mode %04o): run `chmod 600 %s`", path, fi.Mode().Perm(), path)
	}
	f, err := os.Open(path)
	if err != nil {
		return nil, fmt.Errorf("identity file: %w", err)
	}
	defer f.Close()
	ids, err := age.ParseIdentities(f)
	if err != nil {
		return nil, fmt.Errorf("identity file %s: %w", path, err)
	}
	return ids, nil
}

// Newest returns the name of the newest backup on t.
func Newest(ctx context.Context, t Target) (string, error) {
	bs, err := List(ctx, t)
	if err != nil {
		return "", err
	}
	if len(bs) == 0 {
		return "", fmt.Errorf("backup target %s holds no backup", t.Name())
	}
	return bs[0].Name, nil
}

// fetch copies the object to a temporary file (ciphertext only) and checks
// it against its sidecar when there is one.
func fetch(ctx context.Context, t Target, name string) (*os.File, error) {
	rc, err := t.Get(ctx, name)
	if err != nil {
		return nil, err
	}
	defer rc.Close()
	f, err := os.CreateTemp("", "mira-backup-*.age")
	if err != nil {
		return nil, err
	}
	os.Remove(f.Name()) // unlinked: gone when closed
	h := sha256.New()
	n, err := io.Copy(io.MultiWriter(f, h), ctxReader{ctx, rc})
	if err != nil {
		f.Close()
		return nil, fmt.Errorf("backup %s on %s: read: %w", name, t.Name(), err)
	}
	sc, err := readSidecar(ctx, t, name)
	switch {
	case errors.Is(err, fs.ErrNotExist):
		// No sidecar: the archive's own authentication still applies.
	case err != nil:
		f.Close()
		return nil, fmt.Errorf("backup %s on %s: %w", name, t.Name(), err)
	case sc.Size != n || sc.SHA256 != hex.EncodeToString(h.Sum(nil)):
		f.Close()
		return nil, fmt.Errorf("backup %s on %s is corrupt: its SHA-256 or size does not match %s%s", name, t.Name(), name, SidecarSuffix)
	}
	if _, err := f.Seek(0, io.SeekStart); err != nil {
		f.Close()
		return nil, err
	}
	return f, nil
}

// CheckSums checks a backup's ciphertext against its sidecar, without the
// identity: it finds corruption and truncation, not a forged backup.
func CheckSums(ctx context.Context, t Target, name string) error {
	if _, err := readSidecar(ctx, t, name); err != nil {
		return fmt.Errorf("backup %s on %s: no readable sidecar %s%s: %w", name, t.Name(), name, SidecarSuffix, err)
	}
	f, err := fetch(ctx, t, name)
	if err != nil {
		return err
	}
	return f.Close()
}

// readArchive decrypts and walks the archive in r: the manifest first, then
// every file it lists, in order. each is called with every file's content;
// a file whose SHA-256, size or row count differs from the manifest fails
// the walk, naming it.
func readArchive(r io.Reader, ids []age.Identity, each func(m *Manifest, f *File, r io.Reader) error) (*Manifest, error) {
	dec, err := age.Decrypt(r, ids...)
	if err != nil {
		return nil, fmt.Errorf("decrypt: %w", err)
	}
	gz, err := gzip.NewReader(dec)
	if err != nil {
		return nil, fmt.Errorf("decompress: %w", err)
	}
	tr := tar.NewReader(gz)
	hdr, err := tr.Next()
	if err != nil || hdr.Name != ManifestFile {
		return nil, fmt.Errorf("archive: %s is not the first member", ManifestFile)
	}
	var m Manifest
	if err := json.NewDecoder(io.LimitReader(tr, 1<<20)).Decode(&m); err != nil {
		return nil, fmt.Errorf("archive: %s: %w", ManifestFile, err)
	}
	if m.Format != FormatVersion {
		return nil, fmt.Errorf("archive format %d is not supported by this mira binary (format %d)", m.Format, FormatVersion)
	}
	if known := store.SchemaVersion(); m.SchemaVersion > known {
		return nil, fmt.Errorf("the backup's schema version %d is newer than this mira binary supports (%d): restore with a newer mira", m.SchemaVersion, known)
	}
	for i := range m.Files {
		f := &m.Files[i]
		hdr, err := tr.Next()
		if err != nil {
			return nil, fmt.Errorf("archive: file %s: missing: %v", f.Name, err)
		}
		if hdr.Name != f.Name {
			return nil, fmt.Errorf("archive: file %s where the manifest lists %s", hdr.Name, f.Name)
		}
		h := sha256.New()
		cr := &countWriter{w: h}
		body := io.TeeReader(tr, cr)
		if each != nil {
			if err := each(&m, f, body); err != nil {
				return nil, fmt.Errorf("archive: file %s: %w", f.Name, err)
			}
		}
		if _, err := io.Copy(io.Discard, body); err != nil {
			return nil, fmt.Errorf("archive: file %s: %w", f.Name, err)
		}
		if got := hex.EncodeToString(h.Sum(nil)); got != f.SHA256 || cr.n != f.Size {
			return nil, fmt.Errorf("archive: file %s: SHA-256 %s (%d bytes) does not match the manifest's %s (%d bytes)", f.Name, got, cr.n, f.SHA256, f.Size)
		}
	}
	if _, err := tr.Next(); err != io.EOF {
		return nil, errors.New("archive: members after the last file of the manifest")
	}
	return &m, nil
}

// Restore restores the backup name from t (the newest when name is empty)
// into an empty database: decrypts it, checks every file against the
// manifest, creates the schema, inserts the rows in one transaction, checks
// the audit chain, and only then writes the server secret.
func Restore(ctx context.Context, t Target, name string, cfg RestoreConfig) (RestoreResult, error) {
	res := RestoreResult{Target: t.Name()}
	if len(cfg.Identities) == 0 {
		return res, errors.New("restore: an identity is required: --identity FILE (the file `mira admin backup keygen` wrote)")
	}
	if cfg.DataDir == "" {
		return res, errors.New("restore: no data directory")
	}
	if name == "" {
		var err error
		if name, err = Newest(ctx, t); err != nil {
			return res, err
		}
	}
	res.Name = name
	fail := func(err error) (RestoreResult, error) {
		return res, fmt.Errorf("restore %s from %s: %w", name, t.Name(), err)
	}
	ct, err := fetch(ctx, t, name)
	if err != nil {
		return res, err
	}
	defer ct.Close()

	// Pass 1: check everything before touching the destination.
	m, secretHex, err := checkArchive(ct, cfg.Identities)
	if err != nil {
		return fail(err)
	}
	res.Manifest = *m
	secret, err := hex.DecodeString(strings.TrimSpace(string(secretHex)))
	if err != nil || len(secret) < 32 {
		return fail(errors.New("the archive holds no valid server secret"))
	}
	secretPath := restoreSecretPath(cfg)
	db, err := openEmptyDestination(ctx, cfg, secretPath)
	if err != nil {
		return fail(err)
	}
	defer db.Close()

	// Pass 2: insert.
	if _, err := ct.Seek(0, io.SeekStart); err != nil {
		return fail(err)
	}
	res.Rows, err = insertArchive(ctx, db, ct, cfg.Identities)
	if err != nil {
		return fail(err)
	}
	if res.AuditEntries, err = verifyRestoredAudit(ctx, db, secret); err != nil {
		return fail(err)
	}
	if err := datadir.WriteFileAtomic(secretPath, []byte(hex.EncodeToString(secret)+"\n"), 0o600, false); err != nil {
		return fail(err)
	}
	return res, nil
}

// checkArchive is the first pass of Restore: it walks the whole archive,
// so that a corrupt or foreign archive is refused before the destination is
// touched, and keeps the server secret's (hex) content for later.
func checkArchive(r io.Reader, ids []age.Identity) (*Manifest, []byte, error) {
	var secretHex []byte
	m, err := readArchive(r, ids, func(_ *Manifest, f *File, r io.Reader) error {
		if f.Name == SecretFile {
			var err error
			secretHex, err = io.ReadAll(io.LimitReader(r, 4096))
			return err
		}
		return nil
	})
	return m, secretHex, err
}

// restoreSecretPath is where Restore writes the server secret: the
// configured secret key file, else the data directory's default, the same
// place the server reads it from.
func restoreSecretPath(cfg RestoreConfig) string {
	if cfg.SecretKeyFile != "" {
		return cfg.SecretKeyFile
	}
	return filepath.Join(cfg.DataDir, datadir.SecretFile)
}

// openEmptyDestination prepares the data directory and opens the database,
// refusing to go on when the server secret already exists or the database
// holds data: a restore never overwrites an installation.
func openEmptyDestination(ctx context.Context, cfg RestoreConfig, secretPath string) (*store.DB, error) {
	if _, err := os.Stat(secretPath); err == nil {
		return nil, fmt.Errorf("the server secret %s already exists: restore into a new data directory (or move it away)", secretPath)
	}
	if err := datadir.Ensure(cfg.DataDir); err != nil {
		return nil, err
	}
	db, err := store.Open(ctx, cfg.DatabaseURL, cfg.DataDir)
	if err != nil {
		return nil, err
	}
	if err := checkEmpty(ctx, db); err != nil {
		db.Close()
		return nil, err
	}
	return db, nil
}

// insertArchive is the second pass of Restore: it inserts every table of
// the archive in r into db in one transaction, so that a failure leaves the
// database as empty as it was. It returns the rows inserted, counted also
// when it fails.
func insertArchive(ctx context.Context, db *store.DB, r io.Reader, ids []age.Identity) (int64, error) {
	tx, err := db.SQL().BeginTx(ctx, nil)
	if err != nil {
		return 0, err
	}
	defer tx.Rollback()
	for _, s := range singletons {
		if _, err := tx.ExecContext(ctx, `DELETE FROM `+s); err != nil {
			return 0, err
		}
	}
	var rows int64
	if _, err := readArchive(r, ids, func(_ *Manifest, f *File, r io.Reader) error {
		if f.Table == "" {
			return nil
		}
		n, err := insertTable(ctx, db, tx, f, r)
		rows += n
		return err
	}); err != nil {
		return rows, err
	}
	if db.Dialect() == store.DialectPostgres {
		if err := resetIdentities(ctx, tx); err != nil {
			return rows, err
		}
	}
	return rows, tx.Commit()
}

// verifyRestoredAudit checks the restored audit chain with the archive's
// secret and returns its entries: a chain that does not verify means the
// archive and the secret do not belong together, so the secret must not be
// written.
func verifyRestoredAudit(ctx context.Context, db *store.DB, secret []byte) (int64, error) {
	l, err := audit.New(ctx, db, audit.Config{Secret: secret})
	if err != nil {
		return 0, err
	}
	rep, err := l.Verify(ctx)
	if err != nil {
		return 0, err
	}
	if !rep.OK() {
		return 0, fmt.Errorf("the restored audit log does not verify (first bad entry %d: %v); the server secret was not written", rep.FirstBad(), rep.Problems[0])
	}
	return rep.Entries, nil
}

// checkEmpty refuses a database that holds an organisation or a user.
func checkEmpty(ctx context.Context, db *store.DB) error {
	for _, t := range []string{"orgs", "users", "api_keys", "audit_log"} {
		var n int
		if err := db.SQL().QueryRowContext(ctx, `SELECT COUNT(*) FROM (SELECT 1 FROM `+t+` LIMIT 1) x`).Scan(&n); err != nil {
			return err
		}
		if n > 0 {
			return fmt.Errorf("the destination database is not empty (table %s has rows): restore into a new data directory or an empty database", t)
		}
	}
	return nil
}

// insertBatch bounds the parameters of one INSERT (SQLite allows 32766).
const insertBatchParams = 10000

func insertTable(ctx context.Context, db *store.DB, tx *sql.Tx, f *File, r io.Reader) (int64, error) {
	rows, err := tx.QueryContext(ctx, `SELECT * FROM `+f.Table+` WHERE 1 = 0`)
	if err != nil {
		return 0, err
	}
	cts, err := rows.ColumnTypes()
	rows.Close()
	if err != nil {
		return 0, err
	}
	dest := map[string]string{}
	for _, ct := range cts {
		k, err := kindOf(ct.DatabaseTypeName())
		if err != nil {
			return 0, fmt.Errorf("column %s: %w", ct.Name(), err)
		}
		dest[strings.ToLower(ct.Name())] = k
	}
	kinds := make([]string, len(f.Columns))
	names := make([]string, len(f.Columns))
	for i, c := range f.Columns {
		k, ok := dest[strings.ToLower(c.Name)]
		if !ok {
			return 0, fmt.Errorf("column %s.%s does not exist in this schema", f.Table, c.Name)
		}
		kinds[i], names[i] = k, c.Name
	}
	per := max(1, insertBatchParams/max(1, len(names)))
	one := "(" + strings.TrimSuffix(strings.Repeat("?, ", len(names)), ", ") + ")"
	head := `INSERT INTO ` + f.Table + ` (` + strings.Join(names, ", ") + `) VALUES `
	var batch []any
	var n, inBatch int64
	flush := func() error {
		if inBatch == 0 {
			return nil
		}
		q := head + strings.TrimSuffix(strings.Repeat(one+", ", int(inBatch)), ", ")
		if _, err := tx.ExecContext(ctx, db.Rebind(q), batch...); err != nil {
			return fmt.Errorf("insert into %s: %w", f.Table, err)
		}
		batch, inBatch = batch[:0], 0
		return nil
	}
	dec := json.NewDecoder(r)
	dec.UseNumber()
	for {
		var row []any
		if err := dec.Decode(&row); err == io.EOF {
			break
		} else if err != nil {
			return n, fmt.Errorf("row %d: %w", n+1, err)
		}
		if len(row) != len(names) {
			return n, fmt.Errorf("row %d: %d values for %d columns", n+1, len(row), len(names))
		}
		for i, v := range row {
			cv, err := convert(v, kinds[i])
			if err != nil {
				return n, fmt.Errorf("row %d, column %s: %w", n+1, names[i], err)
			}
			batch = append(batch, cv)
		}
		n++
		inBatch++
		if inBatch >= int64(per) {
			if err := flush(); err != nil {
				return n, err
			}
		}
	}
	if err := flush(); err != nil {
		return n, err
	}
	if n != f.Rows {
		return n, fmt.Errorf("%d rows where the manifest lists %d", n, f.Rows)
	}
	return n, nil
}

// convert turns a JSON value into an argument for a column of kind.
func convert(v any, kind string) (any, error) {
	if v == nil {
		return nil, nil
	}
	switch kind {
	case "bytes":
		if s, ok := v.(string); ok {
			b, err := base64.StdEncoding.DecodeString(s)
			if b == nil {
				b = []byte{}
			}
			return b, err
		}
	case "text":
		if s, ok := v.(string); ok {
			return s, nil
		}
	case "integer":
		switch x := v.(type) {
		case json.Number:
			return x.Int64()
		case bool:
			if x {
				return int64(1), nil
			}
			return int64(0), nil
		}
	case "boolean":
		switch x := v.(type) {
		case bool:
			return x, nil
		case json.Number:
			i, err := x.Int64()
			return i != 0, err
		}
	}
	return nil, fmt.Errorf("cannot store %T in a %s column", v, kind)
}

// resetIdentities moves every identity sequence past the restored rows, so
// the next generated id does not collide.
func resetIdentities(ctx context.Context, tx *sql.Tx) error {
	rows, err := tx.QueryContext(ctx, `SELECT table_name, column_name FROM information_schema.columns WHERE table_schema = current_schema() AND is_identity = 'YES'`)
	if err != nil {
		return err
	}
	var cols [][2]string
	for rows.Next() {
		var t, c string
		if err := rows.Scan(&t, &c); err != nil {
			rows.Close()
			return err
		}
		cols = append(cols, [2]string{t, c})
	}
	rows.Close()
	for _, tc := range cols {
		q := fmt.Sprintf(`SELECT setval(pg_get_serial_sequence('%s', '%s'), COALESCE(MAX(%s), 1), MAX(%s) IS NOT NULL) FROM %s`, tc[0], tc[1], tc[1], tc[1], tc[0])
		if _, err := tx.ExecContext(ctx, q); err != nil {
			return fmt.Errorf("reset the sequence of %s.%s: %w", tc[0], tc[1], err)
		}
	}
	return nil
}

// Verify checks a backup: its ciphertext against the sidecar, and, with
// identities, a full restore into a temporary SQLite database whose audit
// chain must verify.
func Verify(ctx context.Context, t Target, name string, ids []age.Identity) (RestoreResult, error) {
	if err := CheckSums(ctx, t, name); err != nil {
		return RestoreResult{Name: name, Target: t.Name()}, err
	}
	if len(ids) == 0 {
		return RestoreResult{Name: name, Target: t.Name()}, nil
	}
	dir, err := os.MkdirTemp("", "mira-verify-")
	if err != nil {
		return RestoreResult{}, err
	}
	defer os.RemoveAll(dir)
	return Restore(ctx, t, name, RestoreConfig{Identities: ids, DataDir: filepath.Join(dir, "data")})
}
