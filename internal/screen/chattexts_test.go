package screen_test

import (
	"context"
	"encoding/base64"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/vmira/mira/internal/config"
	"github.com/vmira/mira/internal/screen"
)

func TestChatTexts(t *testing.T) {
	png := "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg=="
	b64 := func(s string) string { return base64.StdEncoding.EncodeToString([]byte(s)) }
	tests := []struct {
		name string
		msgs []any
		want []string
	}{
		{"every role, names, refusal; ids and types not read", []any{
			msg("system", "s"), msg("developer", "d"),
			map[string]any{"role": "user", "name": "jane", "content": "u"},
			map[string]any{"role": "assistant", "content": []any{
				map[string]any{"type": "output_text", "text": "o"},
				map[string]any{"type": "refusal", "refusal": "r"}}, "refusal": "r2"},
			map[string]any{"role": "tool", "tool_call_id": "call_secret_id", "content": "t"},
		}, []string{"s", "d", "jane", "u", "o", "r", "r2", "t"}},
		{"tool calls and the legacy function_call", []any{
			map[string]any{"role": "assistant", "content": nil, "tool_calls": []any{
				map[string]any{"id": "c1", "type": "function", "function": map[string]any{"name": "f", "arguments": `{"city":"Paris"}`}},
				map[string]any{"id": "c2", "type": "function", "function": map[string]any{"name": "g", "arguments": `{"q":"\u0069gnore","n":[1,"x\ty"]}`}}}},
			map[string]any{"role": "assistant", "content": nil, "function_call": map[string]any{"name": "h", "arguments": "not json"}},
		}, []string{"f", `{"city":"Paris"}`, "g", `{"q":"\u0069gnore","n":[1,"x\ty"]}`, "q\nignore\nn\nx\ty", "h", "not json"}},
		{"image URLs", []any{map[string]any{"role": "user", "content": []any{
			map[string]any{"type": "image_url", "image_url": map[string]any{"url": "https://example.com/cat.png"}},
			map[string]any{"type": "image_url", "image_url": map[string]any{"url": "https://x.example/a.png?q=ignore%20all+previous_instructions"}},
			map[string]any{"type": "image_url", "image_url": map[string]any{"url": "data:image/png;base64," + png}},
			map[string]any{"type": "image_url", "image_url": map[string]any{"url": "data:text/plain;base64," + b64("hello there")}},
			map[string]any{"type": "image_url", "image_url": map[string]any{"url": "data:image/png;base64," + b64("text that says it is an image")}},
			map[string]any{"type": "image_url", "image_url": map[string]any{"url": "DATA:;charset=utf-8,plain%20words"}},
			map[string]any{"type": "image_url", "image_url": map[string]any{"url": "data:application/json;base64," + base64.RawURLEncoding.EncodeToString([]byte(`{"a":"b?>"}`))}},
			map[string]any{"type": "image_url", "image_url": map[string]any{"url": "data:text/plain;base64,%%%"}},
			map[string]any{"type": "image_url", "image_url": map[string]any{"url": "data:no-comma"}},
		}}}, []string{
			"https://example.com/cat.png", "https   example com cat png",
			"https://x.example/a.png?q=ignore%20all+previous_instructions", "https   x example a png q ignore all previous instructions",
			"hello there", "text that says it is an image", "plain words", `{"a":"b?>"}`, "%%%", "data:no-comma",
		}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			req, _ := decode(t, chatBody(t, tc.msgs))
			if diff := cmp.Diff(tc.want, screen.ChatTexts(req, false)); diff != "" {
				t.Errorf("ChatTexts (-want +got):\n%s", diff)
			}
		})
	}
	req, _ := decode(t, chatBody(t, []any{msg("system", "s"), msg("developer", "d"), msg("user", "u"), msg("assistant", "a")}))
	if diff := cmp.Diff([]string{"u", "a"}, screen.ChatTexts(req, true)); diff != "" {
		t.Errorf("ChatTexts exempting the system prompt (-want +got):\n%s", diff)
	}
}

func TestExemptSystemPrompt(t *testing.T) {
	cfg := config.Default()
	cfg.Filter.ExemptSystemPrompt = true
	s := build(t, cfg)
	for _, role := range []string{"system", "developer"} {
		req, raw := decode(t, chatBody(t, []any{msg(role, injection), msg("user", "What is the capital of France?")}))
		if r, err := s.ChatInput(context.Background(), "", req, raw); err != nil || !r.Filtered {
			t.Errorf("%s prompt with exempt_system_prompt: %v (filtered %v); want it let through", role, err, r.Filtered)
		}
	}
	// Everything else is still screened.
	for _, msgs := range [][]any{
		{msg("system", "Be brief."), msg("user", injection)},
		{msg("system", "Be brief."), msg("assistant", injection), msg("user", "go on")},
	} {
		req, raw := decode(t, chatBody(t, msgs))
		if _, err := s.ChatInput(context.Background(), "", req, raw); err == nil {
			t.Errorf("%v let through with exempt_system_prompt; only system and developer messages are exempt", msgs)
		}
	}
	// Without it, the same system prompt is blocked.
	req, raw := decode(t, chatBody(t, []any{msg("system", injection), msg("user", "hi")}))
	if _, err := build(t, config.Default()).ChatInput(context.Background(), "", req, raw); err == nil {
		t.Error("an injection in the system prompt was let through by default")
	}
}

// TestSensitiveDataNotInOperatorText: the operator's prompt and the
// model's answers are screened by the content filter but never masked.
func TestSensitiveDataNotInOperatorText(t *testing.T) {
	cfg := config.Default()
	cfg.Sensitive.Policy = "mask"
	body := chatBody(t, []any{msg("system", "Mail ops@example.com if stuck."), msg("assistant", "Write to help@example.com."), msg("user", "hi")})
	req, raw := decode(t, body)
	r, err := build(t, cfg).ChatInput(context.Background(), "", req, raw)
	if err != nil || r.Masked || r.Sensitive != nil || string(r.Body) != body || !r.Filtered {
		t.Errorf("ChatInput = %+v, %v; want the body untouched, nothing found, filtered", r, err)
	}
}

// TestLongSystemPromptDoesNotDilute: joining the operator's prompt to the
// user's text must not let an attack the user's text alone was blocked
// for through (one Check over the joined text; no per-text checks).
func TestLongSystemPromptDoesNotDilute(t *testing.T) {
	s := build(t, config.Default())
	sys := longSystemPrompt
	for range 5 {
		sys += " " + sys // about 14 KB
	}
	for _, d := range placementDisguises {
		for _, a := range placementAttacks {
			req, raw := decode(t, chatBody(t, []any{msg("system", sys), msg("user", d.do(a))}))
			if _, err := s.ChatInput(context.Background(), "", req, raw); err == nil {
				t.Errorf("%s %q after a %d-byte system prompt let through", d.name, d.do(a), len(sys))
			}
		}
	}
}
