package screen

import (
	"context"
	"errors"
	"fmt"
	"os"
	"strings"

	"github.com/vmira/mira/internal/config"
	"github.com/vmira/mira/internal/filter"
)

// externalKey reads the external classifier's API key from the
// environment variable or the file the configuration names (a file must
// not be readable by others); empty when neither is set.
func externalKey(x *config.ExternalFilter, getenv func(string) string) (string, error) {
	switch {
	case x.APIKeyEnv != "":
		key := getenv(x.APIKeyEnv)
		if key == "" {
			return "", fmt.Errorf("filter.external.api_key_env: %s is empty", x.APIKeyEnv)
		}
		return key, nil
	case x.APIKeyFile != "":
		fi, err := os.Stat(x.APIKeyFile)
		if err != nil {
			return "", fmt.Errorf("filter.external.api_key_file: %w", err)
		}
		if fi.Mode().Perm()&0o077 != 0 {
			return "", fmt.Errorf("filter.external.api_key_file %s is readable by others (mode %04o): chmod 600 %s", x.APIKeyFile, fi.Mode().Perm(), x.APIKeyFile)
		}
		b, err := os.ReadFile(x.APIKeyFile)
		if err != nil {
			return "", fmt.Errorf("filter.external.api_key_file: %w", err)
		}
		key := strings.TrimSpace(string(b))
		if key == "" {
			return "", fmt.Errorf("filter.external.api_key_file %s is empty", x.APIKeyFile)
		}
		return key, nil
	}
	return "", nil
}

// externalBand is the configured uncertain band, or the zero Band (the
// filter's default).
func externalBand(x *config.ExternalFilter) filter.Band {
	if len(x.Band) != 2 {
		return filter.Band{}
	}
	return filter.Band{Low: x.Band[0], High: x.Band[1]}
}

// ExternalSummary says, for the request log, what the cascade to the
// external classifier did with a verdict ("external=local",
// "external=sent", "external=failed-closed:timeout",
// "external=failed-open:error"), or "" when none is configured.
func ExternalSummary(v filter.Verdict) string {
	switch {
	case v.External == "":
		return ""
	case v.ExternalErr == nil:
		return "external=" + v.External
	case errors.Is(v.ExternalErr, context.DeadlineExceeded):
		return "external=" + v.External + ":timeout"
	}
	return "external=" + v.External + ":error"
}
