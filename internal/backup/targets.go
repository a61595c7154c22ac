package backup

import (
	"fmt"

	"github.com/vmira/mira/internal/config"
)

// Targets builds the configured targets. getenv reads the credentials of
// S3 targets.
func Targets(cfg config.Backups, getenv func(string) string) ([]Target, error) {
	var out []Target
	for i, tc := range cfg.Targets {
		switch tc.Type {
		case "dir":
			d, err := NewDir(tc.Name, tc.Path)
			if err != nil {
				return nil, fmt.Errorf("backups.targets[%d]: %w", i, err)
			}
			out = append(out, d)
		case "s3":
			t, err := NewS3(tc, getenv)
			if err != nil {
				return nil, fmt.Errorf("backups.targets[%d]: %w", i, err)
			}
			out = append(out, t)
		default:
			return nil, fmt.Errorf("backups.targets[%d] (%s): unknown type %q: use dir or s3", i, tc.Name, tc.Type)
		}
	}
	return out, nil
}
