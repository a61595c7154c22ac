package screen_test

import (
	"context"
	"encoding/json"
	"fmt"
	"strings"
	"testing"

	"github.com/vmira/mira/internal/config"
	"github.com/vmira/mira/internal/openai"
)

// benchBody is a chat request with about 4 KB of user text over 18
// messages (and a system prompt and answers between them); when sensitive,
// every third message carries an e-mail address.
func benchBody(sensitive bool) string {
	msgs := []string{`{"role":"system","content":"You are a helpful assistant for a travel agency. Answer briefly."}`}
	for i := range 18 {
		text := fmt.Sprintf("Question %d: ", i) + strings.Repeat("what is there to see near the river in Lisbon? ", 5)[:215]
		if sensitive && i%3 == 0 {
			text += " mail me: jane@example.org"
		}
		c, _ := json.Marshal(text)
		msgs = append(msgs, `{"role":"user","content":`+string(c)+`}`)
		if i < 17 {
			msgs = append(msgs, `{"role":"assistant","content":"The Alfama, the tram 28 and the pastries of Belém."}`)
		}
	}
	return `{"model":"m","temperature":0.2,"messages":[` + strings.Join(msgs, ",") + `]}`
}

func BenchmarkInput(b *testing.B) {
	off := false
	for _, tc := range []struct {
		name, policy string
		filter       bool
	}{{"warn", "warn", true}, {"mask", "mask", true}, {"mask-filter-off", "mask", false}} {
		b.Run(tc.name, func(b *testing.B) {
			cfg := config.Default()
			cfg.Sensitive.Policy = tc.policy
			if !tc.filter {
				cfg.Filter.Enabled = &off
			}
			s := build(b, cfg)
			body := []byte(benchBody(tc.policy == "mask"))
			b.SetBytes(int64(len(body)))
			for b.Loop() {
				req, err := openai.DecodeChatRequest(body, openai.Limits{})
				if err != nil {
					b.Fatal(err)
				}
				if _, err := s.ChatInput(context.Background(), "", req, body); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

func BenchmarkStream(b *testing.B) {
	f := build(b, config.Default()).For("")
	text := strings.Repeat("The trams of Lisbon climb the hills past the cathedral. ", 6)[:62*5]
	chunks := upstream(text, 5, true) // role + 62 content + stop = 64
	if len(chunks) != 64 {
		b.Fatalf("%d chunks; want 64", len(chunks))
	}
	for b.Loop() {
		st := f.NewStream()
		for _, c := range chunks {
			if _, blocked := st.Chunk(c); blocked {
				b.Fatal("blocked")
			}
		}
		st.End()
	}
}

// BenchmarkChatOutput is the output step of a non-streamed answer of
// about 1 KB.
func BenchmarkChatOutput(b *testing.B) {
	f := build(b, config.Default()).For("")
	body := completion(strings.Repeat("The trams of Lisbon climb the hills past the cathedral. ", 18))
	b.ReportAllocs()
	for b.Loop() {
		if _, v := f.ChatOutput(context.Background(), body); v.Blocked {
			b.Fatal("blocked")
		}
	}
}
