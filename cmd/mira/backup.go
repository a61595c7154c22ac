package main

import (
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"text/tabwriter"
	"time"

	"filippo.io/age"
	"github.com/spf13/cobra"

	"github.com/vmira/mira/internal/backup"
	"github.com/vmira/mira/internal/config"
	"github.com/vmira/mira/internal/datadir"
)

func newAdminBackupCmd(e *env) *cobra.Command {
	cmd := &cobra.Command{Use: "backup", Short: "Encrypted backups of Mira's state, and restore"}
	cmd.AddCommand(newBackupKeygenCmd(e), newBackupRunCmd(e), newBackupListCmd(e), newBackupVerifyCmd(e), newBackupRestoreCmd(e))
	return cmd
}

func newBackupKeygenCmd(e *env) *cobra.Command {
	var out string
	cmd := &cobra.Command{
		Use:   "keygen",
		Short: "Make an age identity for backups; prints the recipient for backups.recipients",
		Args:  exactArgs(0),
		RunE: func(cmd *cobra.Command, args []string) error {
			id, err := age.GenerateX25519Identity()
			if err != nil {
				return err
			}
			content := fmt.Sprintf("# mira backup identity: keep it off the server\n# public key: %s\n%s\n", id.Recipient(), id)
			if err := datadir.WriteFileAtomic(out, []byte(content), 0o600, false); err != nil {
				if errors.Is(err, os.ErrExist) {
					return fmt.Errorf("%s already exists: choose another --out", out)
				}
				return err
			}
			fmt.Fprintf(e.stderr, "identity written to %s (mode 0600): store it away from the server; without it no backup can be restored\n", out)
			fmt.Fprintln(e.stdout, id.Recipient())
			return nil
		},
	}
	cmd.Flags().StringVar(&out, "out", "mira-backup-identity.txt", "identity file to write")
	return cmd
}

// backupTargets returns the configured targets, or the one named from.
func backupTargets(cfg config.Config, e *env, from string) ([]backup.Target, error) {
	ts, err := backup.Targets(cfg.Backups, e.getenv)
	if err != nil {
		return nil, err
	}
	if len(ts) == 0 {
		return nil, errors.New("no backup target configured: add backups.targets to the configuration")
	}
	if from == "" {
		return ts, nil
	}
	for _, t := range ts {
		if t.Name() == from {
			return []backup.Target{t}, nil
		}
	}
	return nil, fmt.Errorf("no backup target named %q in backups.targets", from)
}

func newBackupRunCmd(e *env) *cobra.Command {
	var f serverFlags
	cmd := &cobra.Command{
		Use:   "run",
		Short: "Make a backup now and write it to every target",
		Args:  exactArgs(0),
		RunE: func(cmd *cobra.Command, args []string) error {
			cfg, err := f.load(e)
			if err != nil {
				return err
			}
			targets, err := backupTargets(cfg, e, "")
			if err != nil {
				return err
			}
			a, err := openAdmin(cmd.Context(), e, &f)
			if err != nil {
				return err
			}
			defer a.db.Close()
			l, err := a.auditLog(cmd.Context())
			if err != nil {
				return err
			}
			res, err := backup.Run(cmd.Context(), a.db, a.secret, backup.Config{
				Recipients: cfg.Backups.Recipients, TempDir: cfg.DataDir, Audit: l, Version: version()}, targets)
			now := time.Now()
			for i, t := range res.Targets {
				if t.Err != nil {
					fmt.Fprintf(e.stdout, "%s\tFAILED\t%v\n", t.Target, t.Err)
					continue
				}
				fmt.Fprintf(e.stdout, "%s\t%s\t%d bytes\n", t.Target, res.Name, res.Size)
				// Retention on each target the backup reached, as the
				// server does after a scheduled backup.
				if i < len(targets) {
					deleted, rerr := backup.Apply(cmd.Context(), targets[i], cfg.Backups.Keep, now, res.Name)
					for _, d := range deleted {
						fmt.Fprintf(e.stderr, "%s: deleted %s (retention)\n", t.Target, d)
					}
					if rerr != nil {
						fmt.Fprintf(e.stderr, "%s: retention failed: %v\n", t.Target, rerr)
					}
				}
			}
			return err
		},
	}
	f.register(cmd.Flags(), false)
	return cmd
}

func newBackupListCmd(e *env) *cobra.Command {
	var (
		f      serverFlags
		from   string
		asJSON bool
	)
	cmd := &cobra.Command{
		Use:   "list",
		Short: "List the complete backups on every target, newest first",
		Args:  exactArgs(0),
		RunE: func(cmd *cobra.Command, args []string) error {
			cfg, err := f.load(e)
			if err != nil {
				return err
			}
			targets, err := backupTargets(cfg, e, from)
			if err != nil {
				return err
			}
			all := []backup.Backup{}
			var errs []error
			for _, t := range targets {
				bs, err := backup.List(cmd.Context(), t)
				if err != nil {
					errs = append(errs, err)
				}
				all = append(all, bs...)
			}
			if asJSON {
				enc := json.NewEncoder(e.stdout)
				enc.SetIndent("", "  ")
				if err := enc.Encode(all); err != nil {
					return err
				}
			} else {
				tw := tabwriter.NewWriter(e.stdout, 0, 4, 2, ' ', 0)
				fmt.Fprintln(tw, "TARGET\tBACKUP\tCREATED\tSIZE")
				for _, b := range all {
					fmt.Fprintf(tw, "%s\t%s\t%s\t%d\n", b.Target, b.Name, b.Created.Format("2006-01-02 15:04:05Z"), b.Size)
				}
				tw.Flush()
			}
			return errors.Join(errs...)
		},
	}
	f.register(cmd.Flags(), false)
	cmd.Flags().StringVar(&from, "from", "", "only this target")
	cmd.Flags().BoolVar(&asJSON, "json", false, "print JSON")
	return cmd
}

func newBackupVerifyCmd(e *env) *cobra.Command {
	var (
		f              serverFlags
		from, identity string
	)
	cmd := &cobra.Command{
		Use:   "verify [ID]",
		Short: "Check a backup's checksums; with --identity, restore it into a temporary database and verify its audit chain",
		Args:  cobra.MaximumNArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			cfg, err := f.load(e)
			if err != nil {
				return err
			}
			targets, err := backupTargets(cfg, e, from)
			if err != nil {
				return err
			}
			var ids []age.Identity
			if identity != "" {
				if ids, err = backup.ParseIdentityFile(identity); err != nil {
					return err
				}
			}
			var errs []error
			for _, t := range targets {
				name := ""
				if len(args) == 1 {
					name = args[0]
				} else if name, err = backup.Newest(cmd.Context(), t); err != nil {
					errs = append(errs, err)
					continue
				}
				res, err := backup.Verify(cmd.Context(), t, name, ids)
				if err != nil {
					fmt.Fprintf(e.stdout, "%s\t%s\tFAILED\t%v\n", t.Name(), name, err)
					errs = append(errs, err)
					continue
				}
				if ids == nil {
					fmt.Fprintf(e.stdout, "%s\t%s\tchecksum ok (give --identity for a full restore test)\n", t.Name(), name)
				} else {
					fmt.Fprintf(e.stdout, "%s\t%s\trestore ok: %d rows, audit chain of %d entries verified\n", t.Name(), name, res.Rows, res.AuditEntries)
				}
			}
			return errors.Join(errs...)
		},
	}
	f.register(cmd.Flags(), false)
	cmd.Flags().StringVar(&from, "from", "", "only this target")
	cmd.Flags().StringVar(&identity, "identity", "", "age identity file: restore into a temporary database and verify it")
	return cmd
}

func newBackupRestoreCmd(e *env) *cobra.Command {
	var (
		f                           serverFlags
		from, identity, databaseURL string
	)
	cmd := &cobra.Command{
		Use:   "restore --identity FILE [--from TARGET] [ID]",
		Short: "Restore a backup (the newest by default) into an empty data directory or database",
		Args:  cobra.MaximumNArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			cfg, err := f.load(e)
			if err != nil {
				return err
			}
			if identity == "" {
				return errors.New("--identity FILE is required: the file `mira admin backup keygen` wrote")
			}
			ids, err := backup.ParseIdentityFile(identity)
			if err != nil {
				return err
			}
			targets, err := backupTargets(cfg, e, from)
			if err != nil {
				return err
			}
			if len(targets) > 1 && from == "" {
				targets = targets[:1]
			}
			name := ""
			if len(args) == 1 {
				name = args[0]
			}
			if databaseURL == "" {
				databaseURL = cfg.DatabaseURL
			}
			res, err := backup.Restore(cmd.Context(), targets[0], name, backup.RestoreConfig{
				Identities: ids, DatabaseURL: databaseURL, DataDir: cfg.DataDir, SecretKeyFile: cfg.SecretKeyFile})
			if err != nil {
				return err
			}
			fmt.Fprintf(e.stdout, "restored %s from %s (made %s by mira %s, schema %d): %d rows; audit chain of %d entries verified\n",
				res.Name, res.Target, res.Manifest.CreatedAt.Format("2006-01-02 15:04:05Z"), res.Manifest.MiraVersion, res.Manifest.SchemaVersion, res.Rows, res.AuditEntries)
			return nil
		},
	}
	f.register(cmd.Flags(), false)
	cmd.Flags().StringVar(&from, "from", "", "target to restore from (default: the first in backups.targets)")
	cmd.Flags().StringVar(&identity, "identity", "", "age identity file (from `mira admin backup keygen`)")
	cmd.Flags().StringVar(&databaseURL, "database-url", "", "restore into this empty PostgreSQL database (default: MIRA_DATABASE_URL, or SQLite in the data directory)")
	return cmd
}
