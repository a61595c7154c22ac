package metrics

import (
	"github.com/prometheus/client_golang/prometheus"

	"github.com/vmira/mira/internal/filter"
)

// registerFilterExternal registers the content filter's cascade to the
// external classifier, read from the filter's counters at scrape time:
// texts decided locally and sent (the fraction sent is sent / (sent +
// local)), the calls' results (ok, error, timeout), the failures that let
// text through or blocked it (fail open or closed), the time spent in
// calls, and the uncertain band in use.
func registerFilterExternal(reg *prometheus.Registry) {
	stats := filter.ReadCascadeStats
	counter := func(name, help string, labels prometheus.Labels, v func(filter.CascadeStats) float64) prometheus.Collector {
		return prometheus.NewCounterFunc(prometheus.CounterOpts{Namespace: "mira", Name: name, Help: help, ConstLabels: labels},
			func() float64 { return v(stats()) })
	}
	const (
		checked = "Texts the content-filter cascade saw, by route: local (clear local scores) or sent (uncertain: asked the external classifier)."
		results = "External content-classifier calls by result (ok, error, timeout)."
		failed  = "External content-classifier failures by what happened to the text (open: let through, closed: blocked)."
	)
	reg.MustRegister(
		counter("filter_external_checks_total", checked, prometheus.Labels{"route": "local"}, func(s filter.CascadeStats) float64 { return float64(s.Local) }),
		counter("filter_external_checks_total", checked, prometheus.Labels{"route": "sent"}, func(s filter.CascadeStats) float64 { return float64(s.Sent) }),
		counter("filter_external_calls_total", results, prometheus.Labels{"result": "ok"}, func(s filter.CascadeStats) float64 { return float64(s.OK) }),
		counter("filter_external_calls_total", results, prometheus.Labels{"result": "error"}, func(s filter.CascadeStats) float64 { return float64(s.Errors) }),
		counter("filter_external_calls_total", results, prometheus.Labels{"result": "timeout"}, func(s filter.CascadeStats) float64 { return float64(s.Timeouts) }),
		counter("filter_external_failures_total", failed, prometheus.Labels{"mode": "open"}, func(s filter.CascadeStats) float64 { return float64(s.FailedOpen) }),
		counter("filter_external_failures_total", failed, prometheus.Labels{"mode": "closed"}, func(s filter.CascadeStats) float64 { return float64(s.FailedClosed) }),
		counter("filter_external_call_seconds_total", "Time spent in external content-classifier calls.", nil, func(s filter.CascadeStats) float64 { return s.Seconds }),
		prometheus.NewGaugeFunc(prometheus.GaugeOpts{Namespace: "mira", Name: "filter_external_band", ConstLabels: prometheus.Labels{"edge": "low"},
			Help: "The uncertain band of local scores sent to the external classifier (0 until a text was sent)."}, func() float64 { return stats().BandLow }),
		prometheus.NewGaugeFunc(prometheus.GaugeOpts{Namespace: "mira", Name: "filter_external_band", ConstLabels: prometheus.Labels{"edge": "high"},
			Help: "The uncertain band of local scores sent to the external classifier (0 until a text was sent)."}, func() float64 { return stats().BandHigh }),
	)
}
