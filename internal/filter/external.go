package filter

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"slices"
	"strings"
	"time"
)

// External asks a second classifier for its opinion: an OpenAI-compatible
// moderation endpoint (POST {BaseURL}/moderations), or a chat model that is
// a safety classifier in the Llama Guard style (POST
// {BaseURL}/chat/completions, answering "safe" or "unsafe\nS1,S10").
type External struct {
	// BaseURL is the API root, e.g. "http://vllm:8000/v1".
	BaseURL string
	// APIKey is sent as a bearer token when set.
	APIKey string
	// Model is the model name sent with each request.
	Model string
	// Chat selects the Llama Guard style chat classifier instead of the
	// moderation endpoint.
	Chat bool
	// Timeout bounds one call (0: 2s).
	Timeout time.Duration
	// FailOpen lets text through when the classifier cannot be reached or
	// answers nonsense; otherwise (the default) such text is blocked.
	FailOpen bool
	// Band is the uncertain band: only a text with a category whose local
	// score lies in [Low, High) is sent; the zero value is DefaultBand.
	Band Band
	// Client is the HTTP client (nil: a default one).
	Client *http.Client
}

// Band is a range of local scores, [Low, High).
type Band struct{ Low, High float64 }

// DefaultBand is the uncertain band when none is configured: it holds the
// calibrated thresholds (0.3 to 0.85) with a margin below them; a strong
// rule (0.85 and up) decides locally.
var DefaultBand = Band{Low: 0.15, High: 0.85}

func (e *External) band() Band {
	if e.Band == (Band{}) {
		return DefaultBand
	}
	return e.Band
}

// ErrExternal wraps every failure of the external classifier.
var ErrExternal = errors.New("external content classifier")

// llamaGuardCategories maps Llama Guard 3 hazard codes to our categories.
// Codes with no counterpart (S6 specialised advice, S7 privacy, S8
// intellectual property, S13 elections) are ignored.
var llamaGuardCategories = map[string][]string{
	"S1":  {IllicitViolent, Violence},
	"S2":  {Illicit},
	"S3":  {Sexual, Illicit},
	"S4":  {SexualMinors},
	"S5":  {Harassment},
	"S9":  {IllicitViolent},
	"S10": {Hate},
	"S11": {SelfHarm},
	"S12": {Sexual},
	"S14": {PromptInjection},
}

// Scores asks the classifier about text and returns its positive scores for
// our categories. On failure it returns ErrExternal.
func (e *External) Scores(ctx context.Context, text string) (map[string]float64, error) {
	s, err := e.known(ctx, text)
	for c, x := range s {
		if x == 0 {
			delete(s, c)
		}
	}
	return s, err
}

// known returns the classifier's score for every category it judges (0
// for the ones it found nothing in).
func (e *External) known(ctx context.Context, text string) (map[string]float64, error) {
	timeout := e.Timeout
	if timeout <= 0 {
		timeout = 2 * time.Second
	}
	ctx, cancel := context.WithTimeout(ctx, timeout)
	defer cancel()
	var scores map[string]float64
	var err error
	if e.Chat {
		scores, err = e.chat(ctx, text)
	} else {
		scores, err = e.moderation(ctx, text)
	}
	// A deadline that passes while dialling comes back as a network
	// "i/o timeout", not as the context's error: count it as the timeout
	// it is.
	if err != nil && !errors.Is(err, context.DeadlineExceeded) && errors.Is(ctx.Err(), context.DeadlineExceeded) {
		err = fmt.Errorf("%w (%w)", err, context.DeadlineExceeded)
	}
	return scores, err
}

func (e *External) post(ctx context.Context, path string, body any, out any) error {
	b, err := json.Marshal(body)
	if err != nil {
		return err
	}
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, strings.TrimRight(e.BaseURL, "/")+path, bytes.NewReader(b))
	if err != nil {
		return fmt.Errorf("%w: %w", ErrExternal, err)
	}
	req.Header.Set("Content-Type", "application/json")
	if e.APIKey != "" {
		req.Header.Set("Authorization", "Bearer "+e.APIKey)
	}
	c := e.Client
	if c == nil {
		c = http.DefaultClient
	}
	resp, err := c.Do(req)
	if err != nil {
		return fmt.Errorf("%w: %w", ErrExternal, err)
	}
	defer resp.Body.Close()
	data, err := io.ReadAll(io.LimitReader(resp.Body, 1<<20))
	if err != nil {
		return fmt.Errorf("%w: %w", ErrExternal, err)
	}
	if resp.StatusCode != http.StatusOK {
		return fmt.Errorf("%w: %s: HTTP %d", ErrExternal, path, resp.StatusCode)
	}
	if err := json.Unmarshal(data, out); err != nil {
		return fmt.Errorf("%w: %s: %v", ErrExternal, path, err)
	}
	return nil
}

func (e *External) moderation(ctx context.Context, text string) (map[string]float64, error) {
	var resp struct {
		Results []struct {
			Flagged        bool               `json:"flagged"`
			Categories     map[string]bool    `json:"categories"`
			CategoryScores map[string]float64 `json:"category_scores"`
		} `json:"results"`
	}
	body := map[string]any{"input": text}
	if e.Model != "" {
		body["model"] = e.Model
	}
	if err := e.post(ctx, "/moderations", body, &resp); err != nil {
		return nil, err
	}
	if len(resp.Results) == 0 {
		return nil, fmt.Errorf("%w: /moderations: no results", ErrExternal)
	}
	r := resp.Results[0]
	out := map[string]float64{}
	for c, s := range r.CategoryScores {
		if _, ok := catIndex[c]; ok {
			out[c] = s
		}
	}
	// A flag counts even when the scores are on another scale.
	for c, on := range r.Categories {
		if _, ok := catIndex[c]; ok && on {
			out[c] = max(out[c], 1)
		}
	}
	return out, nil
}

func (e *External) chat(ctx context.Context, text string) (map[string]float64, error) {
	var resp struct {
		Choices []struct {
			Message struct {
				Content string `json:"content"`
			} `json:"message"`
		} `json:"choices"`
	}
	body := map[string]any{
		"model":       e.Model,
		"messages":    []map[string]string{{"role": "user", "content": text}},
		"temperature": 0,
		"max_tokens":  24,
	}
	if err := e.post(ctx, "/chat/completions", body, &resp); err != nil {
		return nil, err
	}
	if len(resp.Choices) == 0 {
		return nil, fmt.Errorf("%w: /chat/completions: no choices", ErrExternal)
	}
	s, err := ParseLlamaGuard(resp.Choices[0].Message.Content)
	if err != nil {
		return nil, err
	}
	for _, cs := range llamaGuardCategories {
		for _, c := range cs {
			s[c] = max(s[c], 0) // judged: 0 unless flagged
		}
	}
	return s, nil
}

// ParseLlamaGuard reads a Llama Guard answer ("safe", or "unsafe" and a line
// of hazard codes) into category scores.
func ParseLlamaGuard(answer string) (map[string]float64, error) {
	lines := strings.Fields(strings.ReplaceAll(strings.TrimSpace(answer), ",", " "))
	if len(lines) == 0 {
		return nil, fmt.Errorf("%w: empty answer", ErrExternal)
	}
	out := map[string]float64{}
	switch strings.ToLower(lines[0]) {
	case "safe":
		return out, nil
	case "unsafe":
	default:
		return nil, fmt.Errorf("%w: unexpected answer %q", ErrExternal, answer)
	}
	for _, code := range lines[1:] {
		for _, c := range llamaGuardCategories[strings.ToUpper(code)] {
			out[c] = 1
		}
	}
	return out, nil
}

// CheckContext checks a prompt locally and, when ext is not nil and the
// local scores are uncertain (some category in ext's band, none blocking
// with a score above it), with the external classifier: for the categories
// it judges whose local score is in the band, its score replaces the local
// one. Clear texts are decided locally. When the external classifier fails,
// the verdict is the local one if ext.FailOpen, else the uncertain
// categories block; ExternalErr says what went wrong either way, and
// Verdict.External what the cascade did.
func (f *Filter) CheckContext(ctx context.Context, ext *External, text string) Verdict {
	return f.checkExternal(ctx, ext, text, &f.inThr[scriptIndex(text)])
}

// CheckOutputContext is CheckContext for answers.
func (f *Filter) CheckOutputContext(ctx context.Context, ext *External, text string) Verdict {
	return f.checkExternal(ctx, ext, text, &f.outThr[scriptIndex(text)])
}

// What the cascade did with a text (Verdict.External).
const (
	ExternalLocal        = "local"         // the local scores were clear
	ExternalSent         = "sent"          // the external classifier decided
	ExternalFailedOpen   = "failed-open"   // it failed; the local verdict stands
	ExternalFailedClosed = "failed-closed" // it failed; the uncertain categories block
)

func (f *Filter) checkExternal(ctx context.Context, ext *External, text string, thr *[nCat]float64) Verdict {
	s := f.scores(text, 0, nil, true)
	if ext == nil {
		return f.verdict(s, thr, nil)
	}
	band := ext.band()
	unsure := f.uncertain(&s, band)
	if len(unsure) == 0 {
		cascade.local.Add(1)
		v := f.verdict(s, thr, nil)
		v.External = ExternalLocal
		return v
	}
	start := time.Now()
	es, err := ext.known(ctx, text)
	cascade.observe(err, time.Since(start), ext.FailOpen, band)
	if err != nil {
		v := f.verdict(s, thr, nil)
		v.ExternalErr = err
		v.External = ExternalFailedOpen
		if !ext.FailOpen {
			v.External = ExternalFailedClosed
			v.blockAll(unsure)
		}
		return v
	}
	for _, i := range unsure {
		if x, ok := es[Categories[i]]; ok {
			s[i] = min(max(x, 0), 1)
		}
	}
	v := f.verdict(s, thr, nil)
	v.External = ExternalSent
	return v
}

// uncertain returns the categories (indexes) whose local score is in the
// band and whose action is not off, or nothing when a blocking category
// already scores above the band (a clear block).
func (f *Filter) uncertain(s *[nCat]float64, b Band) []int {
	var out []int
	for i, x := range s {
		switch {
		case f.actions[i] == Off:
		case x >= b.High && f.actions[i] == Block:
			return nil
		case x >= b.Low && x < b.High:
			out = append(out, i)
		}
	}
	return out
}

// blockAll flags and blocks the categories cats (fail-closed).
func (v *Verdict) blockAll(cats []int) {
	v.Flagged, v.Blocked = true, true
	for _, i := range cats {
		c := Categories[i]
		v.flags |= 1 << i
		if !slices.Contains(v.FlaggedCategories, c) {
			v.FlaggedCategories = append(v.FlaggedCategories, c)
		}
		if !slices.Contains(v.BlockedCategories, c) {
			v.BlockedCategories = append(v.BlockedCategories, c)
		}
	}
	slices.Sort(v.FlaggedCategories)
	slices.Sort(v.BlockedCategories)
}
