package health

import (
	"context"
	"errors"
	"testing"
	"time"
)

func TestBackendDegradedAfterFailuresInARow(t *testing.T) {
	var dbErr error
	redisDown := false
	c := New(Config{Database: func(context.Context) error { return dbErr }, RedisDegraded: func() bool { return redisDown },
		Backends: []string{"up"}, Failures: 2})
	fail := errors.New("500")
	steps := []struct {
		name       string
		do         func()
		status, up string
	}{
		{"start", func() {}, Ready, OK},
		{"one failure", func() { c.Upstream("up", time.Millisecond, fail) }, Ready, OK},
		{"two failures", func() { c.Upstream("up", time.Millisecond, fail) }, Degraded, CheckDegraded},
		{"a success", func() { c.Upstream("up", time.Millisecond, nil) }, Ready, OK},
		{"redis away", func() { redisDown = true }, Degraded, OK},
		{"database away", func() { dbErr = errors.New("down") }, Unavailable, OK},
	}
	for _, s := range steps {
		s.do()
		r := c.Check(context.Background())
		if r.Status != s.status || r.Checks["backend:up"] != s.up {
			t.Errorf("%s: %+v; want status %s, backend:up %s", s.name, r, s.status, s.up)
		}
	}
}
