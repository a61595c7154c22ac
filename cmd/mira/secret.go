package main

import (
	"bytes"
	"context"
	"crypto/hmac"
	"crypto/sha256"
	"database/sql"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"time"

	"github.com/spf13/cobra"
	"golang.org/x/term"

	"github.com/vmira/mira/internal/config"
	"github.com/vmira/mira/internal/datadir"
	"github.com/vmira/mira/internal/store"
)

// secretCheckText is what the database's check value is a MAC of.
const secretCheckText = "mira server secret check v1"

func secretMAC(secret []byte) string {
	m := hmac.New(sha256.New, secret)
	m.Write([]byte(secretCheckText))
	return hex.EncodeToString(m.Sum(nil))
}

// secretPath is where the server secret of cfg is read from.
func secretPath(cfg config.Config) string {
	if cfg.SecretKeyFile != "" {
		return cfg.SecretKeyFile
	}
	return filepath.Join(cfg.DataDir, datadir.SecretFile)
}

// errSecretMismatch is returned when the server secret is not the one the
// database was set up with.
var errSecretMismatch = errors.New("server secret does not match the database")

// checkSecret records a MAC of the secret in a database that has none, and
// otherwise compares (in constant time) the secret's MAC with the recorded
// one: every instance sharing a database must have the same secret.
func checkSecret(ctx context.Context, db *store.DB, secret []byte) error {
	mac := secretMAC(secret)
	if _, err := db.SQL().ExecContext(ctx, db.Rebind(`INSERT INTO server_secret_check (id, mac, created_at)
		VALUES (1, ?, ?) ON CONFLICT (id) DO NOTHING`), mac, time.Now().UnixMicro()); err != nil {
		return fmt.Errorf("server secret check: %w", err)
	}
	match, err := storedSecretMatches(ctx, db, secret)
	if err != nil {
		return fmt.Errorf("server secret check: %w", err)
	}
	if !match {
		return errSecretMismatch
	}
	return nil
}

// storedSecretMatches compares secret with the one the database records
// (in constant time); sql.ErrNoRows when none is recorded yet.
func storedSecretMatches(ctx context.Context, db *store.DB, secret []byte) (bool, error) {
	var stored string
	if err := db.SQL().QueryRowContext(ctx, `SELECT mac FROM server_secret_check WHERE id = 1`).Scan(&stored); err != nil {
		return false, err
	}
	return hmac.Equal([]byte(stored), []byte(secretMAC(secret))), nil
}

// secretMismatchError says how to fix an instance whose secret differs
// from the database's.
func secretMismatchError(cfg config.Config) error {
	return fmt.Errorf("the server secret in %s is not the one this database was set up with: "+
		"every instance sharing a database must use the same secret. Set MIRA_SECRET_KEY_FILE to the "+
		"first instance's secret file, or copy it with `mira admin secret export --out FILE` there and "+
		"`mira admin secret import FILE` here (see `mira admin secret --help`)", secretPath(cfg))
}

func newAdminSecretCmd(e *env) *cobra.Command {
	cmd := &cobra.Command{
		Use:   "secret",
		Short: "Copy the server secret to another instance that shares the database",
		Long: `Every instance that shares a database must use the same server secret
(MIRA_SECRET_KEY_FILE, or secret.key in the data directory). Export it on an
instance that has it and import it on the new one, moving the file over a
channel you trust (scp, a secret manager). Whoever has it can read what Mira
encrypts and forge its tokens.`,
	}
	cmd.AddCommand(newAdminSecretExportCmd(e), newAdminSecretImportCmd(e))
	return cmd
}

func newAdminSecretExportCmd(e *env) *cobra.Command {
	var f serverFlags
	var out string
	var force bool
	cmd := &cobra.Command{
		Use:   "export",
		Short: "Write the server secret to a file (0600) or to a pipe",
		Example: "  mira admin secret export --out /root/mira-secret.hex\n" +
			"  mira admin secret export | ssh mira-2 mira admin secret import -",
		Args: exactArgs(0),
		RunE: func(cmd *cobra.Command, args []string) error {
			cfg, err := f.load(e)
			if err != nil {
				return err
			}
			secret, err := datadir.LoadSecret(cfg.DataDir, cfg.SecretKeyFile)
			if err != nil {
				return err
			}
			text := []byte(hex.EncodeToString(secret) + "\n")
			if out == "" || out == "-" {
				if stdoutIsTerminal(e.stdout) {
					return usageError{errors.New("refusing to print the server secret on a terminal; pipe it (`| ssh host mira admin secret import -`) or pass --out FILE")}
				}
				_, err := e.stdout.Write(text)
				return err
			}
			if err := writeSecretFile(out, text, force); err != nil {
				return err
			}
			fmt.Fprintf(e.stderr, "wrote the server secret to %s (mode 0600); move it to the new instance and delete it here\n", out)
			return nil
		},
	}
	f.register(cmd.Flags(), false)
	cmd.Flags().StringVar(&out, "out", "", "file to write (0600); standard output when it is not a terminal")
	cmd.Flags().BoolVar(&force, "force", false, "replace an existing --out file")
	return cmd
}

func newAdminSecretImportCmd(e *env) *cobra.Command {
	var f serverFlags
	var force bool
	cmd := &cobra.Command{
		Use:   "import FILE|-",
		Short: "Install a server secret exported from another instance",
		Long: `Installs the secret as MIRA_SECRET_KEY_FILE (or secret.key in the data
directory), mode 0600. An existing different secret is replaced only with
--force; with a database_url, a secret that does not match the database is refused.`,
		Example: "  mira admin secret import /root/mira-secret.hex && rm /root/mira-secret.hex",
		Args:    exactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			cfg, err := f.load(e)
			if err != nil {
				return err
			}
			secret, err := readImportedSecret(e, args[0])
			if err != nil {
				return err
			}
			return importSecret(cmd.Context(), e, cfg, secret, force)
		},
	}
	f.register(cmd.Flags(), false)
	cmd.Flags().BoolVar(&force, "force", false, "replace an existing different secret (what it encrypted becomes unreadable)")
	return cmd
}

// importSecret checks secret against the shared database, if any, and
// writes it where serve reads it.
func importSecret(ctx context.Context, e *env, cfg config.Config, secret []byte, force bool) error {
	if err := datadir.Ensure(cfg.DataDir); err != nil {
		return err
	}
	if cfg.DatabaseURL != "" {
		if err := secretMatchesDatabase(ctx, cfg, secret); err != nil {
			return err
		}
	}
	path := secretPath(cfg)
	text := []byte(hex.EncodeToString(secret) + "\n")
	if old, err := datadir.LoadSecret(cfg.DataDir, path); err == nil && hmac.Equal(old, secret) {
		fmt.Fprintf(e.stderr, "%s already holds this secret\n", path)
		return nil
	}
	if err := writeSecretFile(path, text, force); err != nil {
		return err
	}
	fmt.Fprintf(e.stderr, "installed the server secret as %s (mode 0600)\n", path)
	return nil
}

// secretMatchesDatabase refuses a secret that the shared database's check
// value was not made with.
func secretMatchesDatabase(ctx context.Context, cfg config.Config, secret []byte) error {
	db, err := store.Open(ctx, cfg.DatabaseURL, cfg.DataDir)
	if err != nil {
		return err
	}
	defer db.Close()
	match, err := storedSecretMatches(ctx, db, secret)
	if errors.Is(err, sql.ErrNoRows) {
		return nil // no instance has started on it yet
	}
	if err != nil {
		return fmt.Errorf("server secret check: %w", err)
	}
	if !match {
		return errors.New("this secret is not the one the database (database_url) was set up with; nothing was written. Export it from an instance that serves this database")
	}
	return nil
}

// readImportedSecret reads a hex secret from a file or "-" (standard
// input, without echo on a terminal).
func readImportedSecret(e *env, name string) ([]byte, error) {
	var b []byte
	var err error
	switch {
	case name != "-":
		b, err = os.ReadFile(name)
	case stdinIsTerminal(e.stdin):
		fmt.Fprint(e.stderr, "Server secret (hex, not shown): ")
		b, err = term.ReadPassword(int(e.stdin.(*os.File).Fd()))
		fmt.Fprintln(e.stderr)
	default:
		b, err = io.ReadAll(io.LimitReader(e.stdin, 4096))
	}
	if err != nil {
		return nil, fmt.Errorf("read the secret: %w", err)
	}
	secret, err := hex.DecodeString(string(bytes.TrimSpace(b)))
	if err != nil || len(secret) < 32 {
		return nil, errors.New("the secret must be at least 32 bytes as hex, as `mira admin secret export` writes it")
	}
	return secret, nil
}

// writeSecretFile writes text to path, 0600 and atomically; an existing
// file is replaced only with force.
func writeSecretFile(path string, text []byte, force bool) error {
	err := datadir.WriteFileAtomic(path, text, 0o600, force)
	if errors.Is(err, fs.ErrExist) {
		return fmt.Errorf("%s already exists; pass --force to replace it (if it is a server secret, what it encrypted becomes unreadable)", path)
	}
	return err
}

// stdoutIsTerminal reports whether w is a terminal, where a secret must
// not be printed by accident. Tests replace it.
var stdoutIsTerminal = func(w io.Writer) bool {
	f, ok := w.(*os.File)
	return ok && term.IsTerminal(int(f.Fd()))
}
