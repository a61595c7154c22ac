package config

import (
	"math"
	"net/url"
	"time"
)

// ExternalFilter is a stronger classifier the content filter cascades to:
// an OpenAI-compatible /moderations endpoint, or a chat model prompted as
// a safety classifier (Llama Guard served by vLLM). Only texts whose local
// scores fall in the uncertain band are sent to it; clear ones are decided
// locally.
type ExternalFilter struct {
	BaseURL string `yaml:"base_url"`
	// APIKeyEnv or APIKeyFile (not both) holds the bearer token, if any.
	APIKeyEnv  string   `yaml:"api_key_env"`
	APIKeyFile string   `yaml:"api_key_file"`
	Model      string   `yaml:"model"`
	Mode       string   `yaml:"mode"`    // "moderations" (default) or "chat"
	Timeout    Duration `yaml:"timeout"` // default 2s, at most 30s
	// FailOpen lets an uncertain text through when the classifier cannot
	// be reached in time or answers nonsense. Default false (fail closed):
	// the uncertain categories block, so an attacker cannot get a borderline
	// prompt past the filter by slowing down or breaking the classifier.
	FailOpen bool `yaml:"fail_open"`
	// Band is the uncertain band [low, high) of local scores: a text is
	// sent when a category's score lies in it (and no blocking category
	// scores above it). Default [0.15, 0.85].
	Band []float64 `yaml:"band"`
}

// maxExternalTimeout bounds the wait on the request path.
const maxExternalTimeout = 30 * time.Second

// validate checks the external classifier's settings. It receives prompts,
// so it must be reached over https (or http on loopback only).
func (x *ExternalFilter) validate(bad func(field, format string, args ...any)) {
	if u, err := url.Parse(x.BaseURL); err != nil || (u.Scheme != "https" && !(u.Scheme == "http" && isLoopbackHost(u.Hostname()))) {
		bad("filter.external.base_url", "%q must be an https URL (or http on loopback)", x.BaseURL)
	}
	if x.Mode != "" && x.Mode != "moderations" && x.Mode != "chat" {
		bad("filter.external.mode", "%q is not moderations or chat", x.Mode)
	}
	if x.APIKeyEnv != "" && x.APIKeyFile != "" {
		bad("filter.external.api_key_file", "set api_key_env or api_key_file, not both")
	}
	if d := x.Timeout.D(); d < 0 || d > maxExternalTimeout {
		bad("filter.external.timeout", "%s must be between 0 (default 2s) and %s", d, maxExternalTimeout)
	}
	if b := x.Band; b != nil && (len(b) != 2 || !(b[0] >= 0 && b[0] < b[1] && b[1] <= 1) || math.IsNaN(b[0]) || math.IsNaN(b[1])) {
		bad("filter.external.band", "%v must be [low, high] with 0 <= low < high <= 1", b)
	}
}
