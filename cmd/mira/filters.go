package main

import (
	"fmt"

	"github.com/vmira/mira/internal/config"
	"github.com/vmira/mira/internal/filter"
	"github.com/vmira/mira/internal/sensitive"
	"github.com/vmira/mira/internal/server"
)

// buildFilters makes the content filters and sensitive-data policy from
// the configuration; `mira moderate` uses it too, so its verdicts are the
// server's.
func buildFilters(cfg config.Config, getenv func(string) string) (*server.Filters, error) {
	f := &server.Filters{Sensitive: sensitive.Warn, ByOrg: map[string]*filter.Filter{}}
	if cfg.Sensitive.Policy != "" {
		p, err := sensitive.ParsePolicy(cfg.Sensitive.Policy)
		if err != nil {
			return nil, fmt.Errorf("sensitive_data.policy: %w", err)
		}
		f.Sensitive = p
	}
	if !cfg.Filter.FilterEnabled() {
		return f, nil
	}
	model, err := filter.EmbeddedModel()
	if err != nil {
		return nil, err
	}
	build := func(field string, overrides ...map[string]string) (*filter.Filter, error) {
		fc := filter.DefaultConfig()
		fc.Model = model
		for _, o := range overrides {
			for cat, a := range o {
				act, err := filter.ParseAction(a)
				if err != nil {
					return nil, fmt.Errorf("%s.%s: %w", field, cat, err)
				}
				fc.Policy[cat] = act
			}
		}
		for k, v := range cfg.Filter.InputThresholds {
			fc.InputThresholds[k] = v
		}
		for k, v := range cfg.Filter.OutputThresholds {
			fc.OutputThresholds[k] = v
		}
		if cfg.Filter.StreamHoldback > 0 {
			fc.StreamHoldback = cfg.Filter.StreamHoldback
		}
		if err := fc.Validate(); err != nil {
			return nil, err
		}
		return filter.New(fc)
	}
	if f.Default, err = build("filter.policy", cfg.Filter.Policy); err != nil {
		return nil, err
	}
	for org, pol := range cfg.Filter.Organisations {
		if f.ByOrg[org], err = build("filter.organisations."+org, cfg.Filter.Policy, pol); err != nil {
			return nil, err
		}
	}
	if x := cfg.Filter.External; x != nil {
		key := ""
		if x.APIKeyEnv != "" {
			if key = getenv(x.APIKeyEnv); key == "" {
				return nil, fmt.Errorf("filter.external.api_key_env: %s is empty", x.APIKeyEnv)
			}
		}
		f.External = &filter.External{BaseURL: x.BaseURL, APIKey: key, Model: x.Model, Chat: x.Mode == "chat",
			Timeout: x.Timeout.D(), FailOpen: x.FailOpen}
	}
	return f, nil
}
