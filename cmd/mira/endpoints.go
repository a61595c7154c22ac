package main

import (
	"github.com/vmira/mira/internal/config"
	"github.com/vmira/mira/internal/provider"
)

// providerEndpoints returns the endpoints a configured backend serves
// natively (config.Validate has checked the names).
func providerEndpoints(pc config.Provider) []provider.Endpoint {
	var eps []provider.Endpoint
	for _, name := range pc.EndpointList() {
		if e, err := provider.ParseEndpoint(name); err == nil {
			eps = append(eps, e)
		}
	}
	return eps
}
