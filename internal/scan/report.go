package scan

import (
	"context"
	"errors"
	"fmt"

	"github.com/vmira/mira/internal/apikey"
)

// MiraKeys returns the distinct Mira keys among findings, in order. They
// are secrets: pass them to Report, never to output.
func MiraKeys(findings []Finding) []string {
	seen := map[string]bool{}
	var keys []string
	for _, f := range findings {
		if k, ok := f.MiraKey(); ok && !seen[k] {
			seen[k] = true
			keys = append(keys, k)
		}
	}
	return keys
}

// Report sends each distinct, checksum-valid Mira key in keys to send
// (`mira scan --report`: the CLI's sender POSTs it to
// /v1/keys/report-leak, which revokes it). Anything that is not a valid
// Mira key is never sent: other secrets must not leave the machine. It
// returns how many keys were sent successfully; the error joins each
// failure, naming keys by their masked form only.
func Report(ctx context.Context, keys []string, send func(key string) error) (int, error) {
	seen := map[string]bool{}
	sent := 0
	var errs []error
	for _, k := range keys {
		if seen[k] {
			continue
		}
		seen[k] = true
		if !apikey.Valid(k) {
			errs = append(errs, fmt.Errorf("%s: not a valid Mira key; not reported", Mask(k)))
			continue
		}
		if err := ctx.Err(); err != nil {
			errs = append(errs, err)
			break
		}
		if err := send(k); err != nil {
			errs = append(errs, fmt.Errorf("reporting %s: %w", apikey.Mask(k), err))
			continue
		}
		sent++
	}
	return sent, errors.Join(errs...)
}
