package backup

import (
	"errors"
	"strings"
	"testing"

	"github.com/vmira/mira/internal/config"
)

// TestConfigValidateBackupScheduleAndS3 exercises config.Validate's
// validateBackupSchedule and validateBackupS3 (kept here so the backup
// tests cover them).
func TestConfigValidateBackupScheduleAndS3(t *testing.T) {
	s3 := config.BackupTarget{Name: "eu", Type: "s3", Endpoint: "https://s3.eu-west-1.example", Region: "eu-west-1",
		Bucket: "mira-backups", Prefix: "prod/", AccessKeyEnv: "EU_KEY", SecretKeyEnv: "EU_SECRET"}
	valid := func(mod func(*config.Backups)) error {
		c := config.Default()
		c.Backups = config.Backups{Targets: []config.BackupTarget{s3}}
		mod(&c.Backups)
		// Only the errors of these two checks: recipients and dir targets
		// are validated elsewhere (validateBackups).
		err := c.Validate()
		if err == nil {
			return nil
		}
		var mine []string
		for _, line := range strings.Split(err.Error(), "\n") {
			for _, f := range []string{"backups.schedule", "backups.keep", ".endpoint", ".bucket", "_key_env", ".prefix"} {
				if strings.Contains(line, f) {
					mine = append(mine, line)
					break
				}
			}
		}
		if len(mine) == 0 {
			return nil
		}
		return errors.New(strings.Join(mine, "\n"))
	}
	for _, sched := range []string{"", "@daily", "@hourly", "0 3 * * *", "CRON_TZ=Europe/Paris 0 3 * * 1-5", "6h", "1d", "@every 2h"} {
		if err := valid(func(b *config.Backups) { b.Schedule = sched }); err != nil {
			t.Errorf("schedule %q: %v", sched, err)
		}
		// ParseSchedule agrees.
		if _, err := ParseSchedule(sched); err != nil {
			t.Errorf("ParseSchedule(%q) = %v", sched, err)
		}
	}
	for _, c := range []struct {
		mod  func(*config.Backups)
		want string
	}{
		{func(b *config.Backups) { b.Schedule = "daily" }, "backups.schedule"},
		{func(b *config.Backups) { b.Schedule = "10s" }, "backups.schedule"},
		{func(b *config.Backups) { b.Schedule = "@every 5s" }, "backups.schedule"},
		{func(b *config.Backups) { b.Schedule = "0 25 * * *" }, "backups.schedule"},
		{func(b *config.Backups) { b.Keep.Count = -1 }, "backups.keep.count"},
		{func(b *config.Backups) { b.Targets[0].Endpoint = "http://s3.example.com" }, "must be https"},
		{func(b *config.Backups) { b.Targets[0].Endpoint = "" }, "endpoint"},
		{func(b *config.Backups) { b.Targets[0].Endpoint = "https://AK:SK@s3.example.com" }, "endpoint"},
		{func(b *config.Backups) { b.Targets[0].Bucket = "" }, "bucket"},
		{func(b *config.Backups) { b.Targets[0].AccessKeyEnv = "" }, "access_key_env"},
		{func(b *config.Backups) { b.Targets[0].SecretKeyEnv = "wJalrXUtnFEMI/K7MDENG+bPxRfiCY" }, "secret_key_env"},
		{func(b *config.Backups) { b.Targets[0].Prefix = "/abs" }, "prefix"},
	} {
		err := valid(c.mod)
		if err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("want an error about %q, got %v", c.want, err)
		}
		if err != nil && strings.Contains(err.Error(), "wJalrXUtnFEMI") {
			t.Errorf("error %q repeats the credential", err)
		}
	}
	if err := valid(func(b *config.Backups) { b.Targets[0].Endpoint = "http://127.0.0.1:7070" }); err != nil {
		t.Errorf("http on loopback: %v", err)
	}
}
