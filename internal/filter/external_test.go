package filter_test

import (
	"context"
	"encoding/json"
	"errors"
	"net/http"
	"net/http/httptest"
	"testing"
	"time"

	"github.com/vmira/mira/internal/filter"
)

// sendAll is a band that holds every score: every text is sent.
var sendAll = filter.Band{Low: 0, High: 1.01}

func TestExternalModeration(t *testing.T) {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path != "/v1/moderations" || r.Header.Get("Authorization") != "Bearer k" {
			http.Error(w, "bad", 400)
			return
		}
		var req struct{ Input, Model string }
		json.NewDecoder(r.Body).Decode(&req)
		hate := req.Input == "bad words"
		json.NewEncoder(w).Encode(map[string]any{
			"results": []map[string]any{{
				"flagged":         hate,
				"categories":      map[string]bool{"hate": hate, "violence": false},
				"category_scores": map[string]float64{"hate": map[bool]float64{true: 0.97, false: 0.01}[hate], "violence": 0.02, "made-up": 0.9},
			}},
		})
	}))
	defer srv.Close()
	ext := &filter.External{BaseURL: srv.URL + "/v1", APIKey: "k", Model: "omni-moderation-latest", Band: sendAll}
	s, err := ext.Scores(context.Background(), "bad words")
	if err != nil {
		t.Fatal(err)
	}
	if s[filter.Hate] != 1 || s["made-up"] != 0 {
		t.Errorf("Scores = %v; want hate 1 and no unknown categories", s)
	}
	f := newFilter(t)
	v := f.CheckContext(context.Background(), ext, "bad words")
	if !v.Is(filter.Hate) || v.ExternalErr != nil {
		t.Errorf("CheckContext: hate not flagged: %+v", v)
	}
	if v := f.CheckContext(context.Background(), ext, "nice words"); v.Flagged {
		t.Errorf("CheckContext(nice words) flagged %v", v.FlaggedCategories)
	}
}

func TestExternalLlamaGuard(t *testing.T) {
	answer := "safe"
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path != "/v1/chat/completions" {
			http.NotFound(w, r)
			return
		}
		json.NewEncoder(w).Encode(map[string]any{
			"choices": []map[string]any{{"message": map[string]string{"role": "assistant", "content": answer}}},
		})
	}))
	defer srv.Close()
	ext := &filter.External{BaseURL: srv.URL + "/v1", Model: "meta-llama/Llama-Guard-3-8B", Chat: true}
	for _, tt := range []struct {
		answer string
		want   []string
	}{
		{"safe", nil},
		{"\n\nunsafe\nS1", []string{filter.IllicitViolent, filter.Violence}},
		{"unsafe\nS10,S11", []string{filter.Hate, filter.SelfHarm}},
		{"unsafe\nS4", []string{filter.SexualMinors}},
		{"unsafe\nS7", nil}, // privacy: no counterpart
	} {
		answer = tt.answer
		s, err := ext.Scores(context.Background(), "text")
		if err != nil {
			t.Fatalf("%q: %v", tt.answer, err)
		}
		if len(s) != len(tt.want) {
			t.Errorf("%q: scores %v; want %v", tt.answer, s, tt.want)
		}
		for _, c := range tt.want {
			if s[c] != 1 {
				t.Errorf("%q: %s = %v; want 1", tt.answer, c, s[c])
			}
		}
	}
	answer = "I cannot classify this"
	if _, err := ext.Scores(context.Background(), "text"); !errors.Is(err, filter.ErrExternal) {
		t.Errorf("nonsense answer: err = %v; want ErrExternal", err)
	}
}

func TestExternalTimeoutFailOpenAndClosed(t *testing.T) {
	release := make(chan struct{})
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		select {
		case <-release:
		case <-r.Context().Done():
		}
	}))
	defer srv.Close()
	defer close(release)
	f := newFilter(t)

	open := &filter.External{BaseURL: srv.URL, Timeout: 50 * time.Millisecond, FailOpen: true, Band: sendAll}
	start := time.Now()
	v := f.CheckContext(context.Background(), open, "hello")
	if time.Since(start) > 2*time.Second {
		t.Errorf("timeout not honoured: %v", time.Since(start))
	}
	if v.ExternalErr == nil || v.Blocked || v.Flagged {
		t.Errorf("fail-open on timeout: %+v; want allowed with ExternalErr", v)
	}

	closed := &filter.External{BaseURL: srv.URL, Timeout: 50 * time.Millisecond, Band: sendAll}
	v = f.CheckContext(context.Background(), closed, "hello")
	if v.ExternalErr == nil || !v.Blocked || v.External != filter.ExternalFailedClosed || len(v.BlockedCategories) == 0 {
		t.Errorf("fail-closed on timeout: %+v; want blocked with ExternalErr", v)
	}
	if !errors.Is(v.ExternalErr, context.DeadlineExceeded) {
		t.Errorf("timeout error %v does not say it timed out", v.ExternalErr)
	}

	// A server error is a failure too.
	bad := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) { http.Error(w, "down", 503) }))
	defer bad.Close()
	v = f.CheckContext(context.Background(), &filter.External{BaseURL: bad.URL, Band: sendAll}, "hello")
	if !errors.Is(v.ExternalErr, filter.ErrExternal) || !v.Blocked {
		t.Errorf("fail-closed on 503: %+v", v)
	}
}
