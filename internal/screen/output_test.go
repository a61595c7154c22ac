package screen_test

import (
	"context"
	"encoding/json"
	"fmt"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/vmira/mira/internal/config"
	"github.com/vmira/mira/internal/openai"
	"github.com/vmira/mira/internal/screen"
)

const threat = "I am going to kill you and your whole family tonight, you worthless piece of trash."

// outputFilter checks answers for prompt injection too (by default answers
// may quote attacks), so an injection is a blocked answer.
func outputFilter(t testing.TB) *screen.Filter {
	cfg := config.Default()
	cfg.Filter.OutputThresholds = map[string]float64{"prompt_injection": 0.5, "jailbreak": 0.5}
	return build(t, cfg).For("")
}

func completion(content string) []byte {
	c, _ := json.Marshal(content)
	return []byte(`{"id":"chatcmpl-1","object":"chat.completion","created":1700000000,"model":"up","service_tier":"default",` +
		`"choices":[{"index":0,"message":{"role":"assistant","content":` + string(c) + `,"refusal":null,"annotations":[]},"logprobs":null,"finish_reason":"stop"}],` +
		`"usage":{"prompt_tokens":3,"completion_tokens":20,"total_tokens":23,"completion_tokens_details":{"reasoning_tokens":0}}}`)
}

func TestChatOutput(t *testing.T) {
	f := outputFilter(t)
	ctx := context.Background()
	for _, text := range []string{benign, threat} {
		body := completion(text)
		out, v := f.ChatOutput(ctx, body)
		if v.Blocked || string(out) != string(body) {
			t.Errorf("ChatOutput(%q) = %s, %s; want the body as it came", text, out, screen.Summary(v))
		}
		if text == threat && !v.Flagged {
			t.Errorf("ChatOutput(threat) = %s; want flagged", screen.Summary(v))
		}
	}

	out, v := f.ChatOutput(ctx, completion("Sure. "+injection))
	if !v.Blocked {
		t.Fatalf("ChatOutput(injection) = %s; want blocked", screen.Summary(v))
	}
	if strings.Contains(string(out), "Ignore") {
		t.Fatalf("the blocked answer was sent: %s", out)
	}
	var got, want map[string]any
	json.Unmarshal(out, &got)
	json.Unmarshal(completion(""), &want)
	choice := want["choices"].([]any)[0].(map[string]any)
	choice["finish_reason"] = "content_filter"
	choice["message"].(map[string]any)["content"] = nil
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("blocked answer (-want +got):\n%s", diff)
	}
}

func TestChatOutputNotACompletion(t *testing.T) {
	f := outputFilter(t)
	for _, body := range []string{`not json`, `{"choices":[1]}`, `{"error":{"message":"x"}}`} {
		if out, v := f.ChatOutput(context.Background(), []byte(body)); string(out) != body || v.Flagged {
			t.Errorf("ChatOutput(%s) = %s, %s; want the body as it came", body, out, screen.Summary(v))
		}
	}
}

// upstream returns the chunks an upstream would stream for text: a role
// chunk, content in pieces of size bytes, and, if finish, a stop chunk.
func upstream(text string, size int, finish bool) [][]byte {
	head := `{"id":"chatcmpl-7","object":"chat.completion.chunk","created":1700000000,"model":"up","choices":[`
	out := [][]byte{[]byte(head + `{"index":0,"delta":{"role":"assistant","content":""},"finish_reason":null}]}`)}
	for i := 0; i < len(text); i += size {
		c, _ := json.Marshal(text[i:min(i+size, len(text))])
		out = append(out, []byte(head+`{"index":0,"delta":{"content":`+string(c)+`},"logprobs":{"content":[{"token":`+string(c)+`}]},"finish_reason":null}]}`))
	}
	if finish {
		out = append(out, []byte(head+`{"index":0,"delta":{},"finish_reason":"stop"}]}`))
	}
	return out
}

// run feeds chunks to a new stream and returns the frames sent, the text
// they carry and whether the stream was blocked.
func run(t *testing.T, f *screen.Filter, chunks [][]byte) (frames []string, text string, blocked bool) {
	t.Helper()
	st := f.NewStream()
	var b strings.Builder
	add := func(fs [][]byte) {
		for _, fr := range fs {
			frames = append(frames, string(fr))
			var c openai.ChatCompletionChunk
			if err := json.Unmarshal(fr, &c); err != nil {
				t.Fatalf("frame %s: %v", fr, err)
			}
			for _, ch := range c.Choices {
				if ch.Delta.Content != nil {
					b.WriteString(*ch.Delta.Content)
				}
			}
		}
	}
	for _, c := range chunks {
		fs, bl := st.Chunk(c)
		add(fs)
		if bl {
			if fs, again := st.Chunk(c); fs != nil || !again {
				t.Fatalf("Chunk after blocking = %q, %v; want nothing, blocked", fs, again)
			}
			return frames, b.String(), true
		}
	}
	fs, bl := st.End()
	add(fs)
	return frames, b.String(), bl
}

func TestStreamBlocksPhraseSplitAcrossChunks(t *testing.T) {
	f := outputFilter(t)
	prefix := strings.Repeat("Here is a helpful answer about gardening and tomatoes. ", 4)
	text := prefix + injection + " And more text follows here."
	for _, size := range []int{3, 4, 7, 16, 64} {
		t.Run(fmt.Sprint(size), func(t *testing.T) {
			frames, released, blocked := run(t, f, upstream(text, size, true))
			if !blocked {
				t.Fatalf("not blocked; released %q", released)
			}
			if !strings.HasPrefix(prefix, released) || strings.Contains(released, "Ignore") {
				t.Fatalf("released %q; want a prefix of the safe part", released)
			}
			want := `{"id":"chatcmpl-7","object":"chat.completion.chunk","created":1700000000,"model":"up","choices":[{"index":0,"delta":{},"finish_reason":"content_filter"}]}`
			if last := frames[len(frames)-1]; last != want {
				t.Fatalf("last frame %s\nwant %s", last, want)
			}
			for _, fr := range frames {
				if strings.Contains(fr, "logprobs") {
					t.Fatalf("a frame carries log probabilities of screened text: %s", fr)
				}
			}
		})
	}
}

func TestStreamBlockedAtEnd(t *testing.T) {
	// The upstream ends without a finish_reason: what is held back is
	// checked by End, and the phrase is never sent.
	frames, released, blocked := run(t, outputFilter(t), upstream("Sure. "+injection, 5, false))
	if !blocked || strings.Contains(released, "Ignore") || !strings.Contains(frames[len(frames)-1], `"finish_reason":"content_filter"`) {
		t.Fatalf("frames %q, blocked %v; want a content_filter chunk last", frames, blocked)
	}
}

func TestStreamSafeAnswer(t *testing.T) {
	f := outputFilter(t)
	text := strings.Repeat(benign+" ", 6)
	for _, finish := range []bool{true, false} {
		chunks := upstream(text, 5, finish)
		usage := []byte(`{"id":"chatcmpl-7","object":"chat.completion.chunk","created":1700000000,"model":"up","choices":[],"usage":{"prompt_tokens":3,"completion_tokens":20,"total_tokens":23,"prompt_tokens_details":{"cached_tokens":0}}}`)
		chunks = append(chunks, usage)
		frames, released, blocked := run(t, f, chunks)
		if blocked || released != text {
			t.Fatalf("finish %v: released %q, blocked %v; want the whole text", finish, released, blocked)
		}
		if frames[0] != string(chunks[0]) {
			t.Errorf("the role chunk changed: %s", frames[0])
		}
		if finish && !strings.Contains(frames[len(frames)-2], `"finish_reason":"stop"`) {
			t.Errorf("finish %v: no stop chunk before the usage: %q", finish, frames[len(frames)-2:])
		}
		if finish && frames[len(frames)-1] != string(usage) {
			t.Errorf("the usage chunk changed: %s", frames[len(frames)-1])
		}
	}
}

func TestStreamHoldsBackWithUsageNull(t *testing.T) {
	// vLLM sends "usage":null in every chunk: a chunk whose text is all
	// held back sends nothing.
	st := outputFilter(t).NewStream()
	fs, blocked := st.Chunk([]byte(`{"id":"x","object":"chat.completion.chunk","created":1,"model":"up","choices":[{"index":0,"delta":{"content":"Hi"},"finish_reason":null}],"usage":null}`))
	if blocked || fs != nil {
		t.Fatalf("Chunk = %q, %v; want nothing yet", fs, blocked)
	}
	fs, blocked = st.Chunk([]byte(`{"id":"x","object":"chat.completion.chunk","created":1,"model":"up","choices":[{"index":0,"delta":{},"finish_reason":"stop"}],"usage":{"prompt_tokens":1,"completion_tokens":1,"total_tokens":2,"completion_tokens_details":{"reasoning_tokens":0}}}`))
	want := `{"id":"x","object":"chat.completion.chunk","created":1,"model":"up","choices":[{"index":0,"delta":{"content":"Hi"},"finish_reason":"stop"}],"usage":{"prompt_tokens":1,"completion_tokens":1,"total_tokens":2,"completion_tokens_details":{"reasoning_tokens":0}}}`
	if blocked || len(fs) != 1 || string(fs[0]) != want {
		t.Fatalf("Chunk = %q, %v\nwant %s", fs, blocked, want)
	}
}

func TestStreamChoicesApart(t *testing.T) {
	// Two answers (n=2): the unsafe one is stopped by its own checker,
	// whatever the other says.
	st := outputFilter(t).NewStream()
	safe := strings.Fields(strings.Repeat(benign+" ", 3))
	unsafe := strings.Fields("Sure. " + injection)
	var blocked bool
	var frames [][]byte
	for i := 0; i < max(len(safe), len(unsafe)) && !blocked; i++ {
		var parts []string
		if i < len(safe) {
			parts = append(parts, fmt.Sprintf(`{"index":1,"delta":{"content":%q},"finish_reason":null}`, safe[i]+" "))
		}
		if i < len(unsafe) {
			parts = append(parts, fmt.Sprintf(`{"index":0,"delta":{"content":%q},"finish_reason":null}`, unsafe[i]+" "))
		}
		frames, blocked = st.Chunk([]byte(`{"id":"x","object":"chat.completion.chunk","created":1,"model":"up","choices":[` + strings.Join(parts, ",") + `]}`))
	}
	if !blocked {
		frames, blocked = st.End()
	}
	if !blocked || !strings.Contains(string(frames[len(frames)-1]), `{"index":0,"delta":{},"finish_reason":"content_filter"}`) {
		t.Fatalf("frames %q, blocked %v; want choice 0 stopped", frames, blocked)
	}
	if v := st.Verdict(); !v.Blocked {
		t.Errorf("Verdict() = %s; want blocked", screen.Summary(v))
	}
}
