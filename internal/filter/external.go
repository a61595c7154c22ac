package filter

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
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
	// answers nonsense; otherwise such text is blocked.
	FailOpen bool
	// Client is the HTTP client (nil: a default one).
	Client *http.Client
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

// Scores asks the classifier about text and returns its scores for our
// categories (only those it knows). On failure it returns ErrExternal.
func (e *External) Scores(ctx context.Context, text string) (map[string]float64, error) {
	timeout := e.Timeout
	if timeout <= 0 {
		timeout = 2 * time.Second
	}
	ctx, cancel := context.WithTimeout(ctx, timeout)
	defer cancel()
	if e.Chat {
		return e.chat(ctx, text)
	}
	return e.moderation(ctx, text)
}

func (e *External) post(ctx context.Context, path string, body any, out any) error {
	b, err := json.Marshal(body)
	if err != nil {
		return err
	}
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, strings.TrimRight(e.BaseURL, "/")+path, bytes.NewReader(b))
	if err != nil {
		return fmt.Errorf("%w: %v", ErrExternal, err)
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
		return fmt.Errorf("%w: %v", ErrExternal, err)
	}
	defer resp.Body.Close()
	data, err := io.ReadAll(io.LimitReader(resp.Body, 1<<20))
	if err != nil {
		return fmt.Errorf("%w: %v", ErrExternal, err)
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
	return ParseLlamaGuard(resp.Choices[0].Message.Content)
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

// CheckContext checks a prompt locally and, when ext is not nil, with the
// external classifier too: a category's score is the higher of the two.
// When the external classifier fails, the verdict is the local one if
// ext.FailOpen, else blocked; ExternalErr says what went wrong either way.
func (f *Filter) CheckContext(ctx context.Context, ext *External, text string) Verdict {
	return f.checkExternal(ctx, ext, text, &f.inThr)
}

// CheckOutputContext is CheckContext for answers.
func (f *Filter) CheckOutputContext(ctx context.Context, ext *External, text string) Verdict {
	return f.checkExternal(ctx, ext, text, &f.outThr)
}

func (f *Filter) checkExternal(ctx context.Context, ext *External, text string, thr *[nCat]float64) Verdict {
	s := f.scores(text, 0, nil)
	if ext == nil {
		return f.verdict(s, thr, nil)
	}
	es, err := ext.Scores(ctx, text)
	if err != nil {
		v := f.verdict(s, thr, nil)
		v.ExternalErr = err
		if !ext.FailOpen {
			v.Flagged, v.Blocked = true, true
		}
		return v
	}
	for c, x := range es {
		i := catIndex[c]
		s[i] = max(s[i], x)
	}
	return f.verdict(s, thr, nil)
}
