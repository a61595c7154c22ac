package main

import (
	"strings"
	"testing"

	"github.com/vmira/mira/internal/config"
)

func TestConfigPlansOverlayBuiltins(t *testing.T) {
	plans, err := rateLimitPlans(map[string]config.PlanConfig{"free": {RequestsPerMinute: 7}})
	if err != nil {
		t.Fatal(err)
	}
	if got := plans["free"].RequestsPerMinute; got != 7 {
		t.Errorf("plan override: free rpm = %d", got)
	}
	if plans["pro"].RequestsPerMinute == 0 {
		t.Error("built-in plans lost when one is overridden")
	}
	if _, err := rateLimitPlans(map[string]config.PlanConfig{"x": {RequestsPerMinute: -1}}); err == nil || !strings.Contains(err.Error(), "plans.x: ") {
		t.Errorf("negative limit: %v; want an error naming plans.x", err)
	}
}
