package metrics

import "github.com/prometheus/client_golang/prometheus"

// RouteTarget is a route target's state at a scrape.
type RouteTarget struct {
	Route, Backend, Model string
	State                 string // closed, open or half-open
	InFlight              int
}

// TargetStates are the values of the state label, each a 0/1 series.
var TargetStates = []string{"closed", "open", "half-open"}

// Routes are the metrics of model routes. Their labels are configured
// names only (route, backend, backend model); reasons are a fixed set.
type Routes struct {
	targets   func() []RouteTarget
	state     *prometheus.Desc
	inFlight  *prometheus.Desc
	failovers *prometheus.CounterVec
}

// WatchRoutes registers the route metrics on m's registry: the state and
// in-flight requests of each target, read from targets at each scrape,
// and the failovers counted by Failover.
func (m *Metrics) WatchRoutes(targets func() []RouteTarget) *Routes {
	labels := []string{"route", "backend", "model"}
	r := &Routes{
		targets: targets,
		state: prometheus.NewDesc("mira_route_target_state",
			"1 for the breaker state a route target is in (closed: in rotation; open: out; half-open: one request may probe it).",
			append(labels, "state"), nil),
		inFlight: prometheus.NewDesc("mira_route_target_in_flight", "Requests in flight to a route target (streams until they end).", labels, nil),
		failovers: prometheus.NewCounterVec(prometheus.CounterOpts{Namespace: "mira", Name: "route_failovers_total",
			Help: "Requests that left a route target for the next one, by reason (unreachable, timeout, server_error, rate_limited, open, busy)."},
			[]string{"route", "backend", "reason"}),
	}
	m.reg.MustRegister(r, r.failovers)
	return r
}

// Failover counts a request that left a target of route for the next.
func (r *Routes) Failover(route, backend, reason string) {
	r.failovers.WithLabelValues(route, backend, reason).Inc()
}

// Describe implements prometheus.Collector.
func (r *Routes) Describe(ch chan<- *prometheus.Desc) {
	ch <- r.state
	ch <- r.inFlight
}

// Collect implements prometheus.Collector.
func (r *Routes) Collect(ch chan<- prometheus.Metric) {
	for _, t := range r.targets() {
		for _, s := range TargetStates {
			v := 0.0
			if s == t.State {
				v = 1
			}
			ch <- prometheus.MustNewConstMetric(r.state, prometheus.GaugeValue, v, t.Route, t.Backend, t.Model, s)
		}
		ch <- prometheus.MustNewConstMetric(r.inFlight, prometheus.GaugeValue, float64(t.InFlight), t.Route, t.Backend, t.Model)
	}
}
