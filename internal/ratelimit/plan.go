package ratelimit

// Plan is a set of limits, from the configuration. 0 means unlimited for
// that dimension. Each per-minute and per-day rate is a GCRA limit whose burst
// equals the limit: N requests can be sent at once from a rested state, and
// capacity comes back continuously at N per minute (or per day), not all at
// once at the turn of a fixed window.
type Plan struct {
	Name              string
	RequestsPerMinute int
	TokensPerMinute   int
	RequestsPerDay    int
	Concurrent        int
}

// Upper bounds on limits: they keep every quantity the Redis script handles an
// exact integer in Lua's float64 numbers (below 2^53), so both backends decide
// identically.
const (
	maxLimit            = 1_000_000_000 // per minute, and concurrent requests
	maxDailyLimit       = 100_000_000   // requests per day
	minuteMs      int64 = 60_000
	dayMs         int64 = 86_400_000
	// maxDebt bounds how far settlements can push a tokens window over its
	// limit (about 75 million tokens-minutes); far beyond any real use.
	maxDebt int64 = 1 << 52
)

// DefaultPlans returns the built-in plans, used when the configuration names
// none:
//
//	plan        requests/min  tokens/min  requests/day  concurrent
//	free                  20      40,000           500           2
//	pro                  500     400,000        50,000          20
//	enterprise         5,000   4,000,000     1,000,000         200
//
// free is enough to try the API from a script; pro sustains a production
// service; enterprise is bounded too, so every response carries meaningful
// headers (configure 0 for a dimension to make it unlimited).
func DefaultPlans() map[string]Plan {
	return map[string]Plan{
		"free":       {Name: "free", RequestsPerMinute: 20, TokensPerMinute: 40_000, RequestsPerDay: 500, Concurrent: 2},
		"pro":        {Name: "pro", RequestsPerMinute: 500, TokensPerMinute: 400_000, RequestsPerDay: 50_000, Concurrent: 20},
		"enterprise": {Name: "enterprise", RequestsPerMinute: 5_000, TokensPerMinute: 4_000_000, RequestsPerDay: 1_000_000, Concurrent: 200},
	}
}

// Validate reports whether every limit is within range: not negative, at most
// 1,000,000,000 per minute or concurrent, at most 100,000,000 per day.
func (p Plan) Validate() error {
	check := func(field string, v, max int) error {
		if v < 0 || v > max {
			return invalidf("plan %q: %s = %d, want 0 (unlimited) to %d", p.Name, field, v, max)
		}
		return nil
	}
	if err := check("requests_per_minute", p.RequestsPerMinute, maxLimit); err != nil {
		return err
	}
	if err := check("tokens_per_minute", p.TokensPerMinute, maxLimit); err != nil {
		return err
	}
	if err := check("requests_per_day", p.RequestsPerDay, maxDailyLimit); err != nil {
		return err
	}
	return check("concurrent", p.Concurrent, maxLimit)
}
