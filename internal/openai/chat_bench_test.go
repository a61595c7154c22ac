package openai

import (
	"encoding/json"
	"fmt"
	"reflect"
	"strings"
	"testing"
)

// benchBody builds a realistic chat request of about size bytes with n
// messages: a system prompt, alternating user and assistant turns (some user
// turns as text parts), a tool definition and a response_format.
func benchBody(tb testing.TB, n, size int) []byte {
	tb.Helper()
	const words = "the quick brown fox jumps over the lazy dog while Mira screens every prompt for injections "
	perMsg := (size - 900) / n
	text := func(i int) string {
		s := strings.Repeat(words, perMsg/len(words)+1)
		return fmt.Sprintf("%d: %s", i, s[:perMsg-40])
	}
	msgs := []any{map[string]any{"role": "system", "content": text(0)}}
	for i := 1; i < n; i++ {
		switch {
		case i%2 == 0:
			msgs = append(msgs, map[string]any{"role": "assistant", "content": text(i)})
		case i%3 == 0:
			msgs = append(msgs, map[string]any{"role": "user", "content": []any{
				map[string]any{"type": "text", "text": text(i)},
				map[string]any{"type": "image_url", "image_url": map[string]any{"url": "https://example.com/cat.png", "detail": "low"}},
			}})
		default:
			msgs = append(msgs, map[string]any{"role": "user", "content": text(i)})
		}
	}
	body, err := json.Marshal(map[string]any{
		"model":       "gpt-4o-mini",
		"messages":    msgs,
		"temperature": 0.7,
		"max_tokens":  512,
		"tools": []any{map[string]any{"type": "function", "function": map[string]any{
			"name": "get_weather", "description": "Get the weather for a city",
			"parameters": map[string]any{"type": "object", "required": []string{"city"},
				"properties": map[string]any{"city": map[string]any{"type": "string"}, "unit": map[string]any{"type": "string", "enum": []string{"c", "f"}}}},
		}}},
		"response_format": map[string]any{"type": "json_object"},
	})
	if err != nil {
		tb.Fatal(err)
	}
	return body
}

func BenchmarkDecodeChatRequest(b *testing.B) {
	for _, bc := range []struct {
		name    string
		n, size int
	}{{"4KB-18msg", 18, 4 << 10}, {"16KB-48msg", 48, 16 << 10}} {
		body := benchBody(b, bc.n, bc.size)
		b.Run(bc.name, func(b *testing.B) {
			b.SetBytes(int64(len(body)))
			b.ReportAllocs()
			for b.Loop() {
				if _, err := DecodeChatRequest(body, Limits{}); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

func TestBenchBodySizes(t *testing.T) {
	for _, n := range [][2]int{{18, 4 << 10}, {48, 16 << 10}} {
		body := benchBody(t, n[0], n[1])
		req, err := DecodeChatRequest(body, Limits{})
		if err != nil {
			t.Fatal(err)
		}
		if len(req.Messages) != n[0] || len(body) < n[1]*9/10 || len(body) > n[1]*11/10 {
			t.Errorf("bench body: %d messages, %d bytes; want %d messages, about %d bytes", len(req.Messages), len(body), n[0], n[1])
		}
	}
}

// BenchmarkCheckMembers is the share of DecodeChatRequest spent making sure
// the body has one reading.
func BenchmarkCheckMembers(b *testing.B) {
	for _, bc := range []struct {
		name    string
		n, size int
	}{{"4KB-18msg", 18, 4 << 10}, {"16KB-48msg", 48, 16 << 10}} {
		body := benchBody(b, bc.n, bc.size)
		sh := shapeOf(reflect.TypeFor[*ChatRequest]())
		b.Run(bc.name, func(b *testing.B) {
			b.SetBytes(int64(len(body)))
			b.ReportAllocs()
			for b.Loop() {
				if err := checkMembers(body, sh); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
