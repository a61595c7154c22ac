package screen

import (
	"encoding/json"
	"fmt"
	"math/rand/v2"
	"strings"
	"testing"

	"github.com/vmira/mira/internal/openai"
)

// TestViewChunkReadsAsAClient builds chunks from random pieces (member
// order, spacing, escaped or re-cased names, members given twice, several
// choices, nulls, tool calls, usage) and checks that whenever viewChunk
// reads a chunk, it reads what encoding/json reads: the choice's index,
// content and end, and whether there is a choice at all.
func TestViewChunkReadsAsAClient(t *testing.T) {
	r := rand.New(rand.NewPCG(3, 4))
	pick := func(xs ...string) string { return xs[r.IntN(len(xs))] }
	sp := func() string { return pick("", "", "", " ", "\n ") }
	name := func(n string) string {
		switch r.IntN(12) {
		case 0:
			return `"` + strings.ToUpper(n[:1]) + n[1:] + `"`
		case 1:
			return `"` + n[:1] + fmt.Sprintf(`\u%04x`, n[1]) + n[2:] + `"`
		}
		return `"` + n + `"`
	}
	obj := func(members []string) string {
		r.Shuffle(len(members), func(i, j int) { members[i], members[j] = members[j], members[i] })
		return "{" + sp() + strings.Join(members, sp()+","+sp()) + sp() + "}"
	}
	member := func(n, v string) string { return name(n) + sp() + ":" + sp() + v }
	read := 0
	for range 20000 {
		var delta []string
		if r.IntN(8) > 0 {
			delta = append(delta, member("content", pick(`"Hello "`, `"a \"quoted\" word"`, `"caf\u00e9 "`, `null`, `""`)))
		}
		if r.IntN(6) == 0 {
			delta = append(delta, member("content", `"again "`))
		}
		if r.IntN(5) == 0 {
			delta = append(delta, member("role", pick(`"assistant"`, `""`)))
		}
		if r.IntN(8) == 0 {
			delta = append(delta, member("tool_calls", pick(`null`, `[{"index":0,"function":{"name":"f","arguments":"{}"}}]`)))
		}
		choice := []string{member("delta", obj(delta))}
		if r.IntN(10) > 0 {
			choice = append(choice, member("index", pick("0", "1", "7")))
		}
		choice = append(choice, member("finish_reason", pick("null", "null", `"stop"`, `"length"`)))
		if r.IntN(4) == 0 {
			choice = append(choice, member("logprobs", pick("null", `{"content":[{"token":"Hel"}]}`)))
		}
		choices := []string{obj(choice)}
		if r.IntN(10) == 0 {
			choices = append(choices, obj([]string{member("index", "1"), member("delta", `{"content":"x"}`)}))
		}
		if r.IntN(15) == 0 {
			choices = nil
		}
		top := []string{member("id", `"chatcmpl-1"`), member("model", `"m"`), member("choices", "["+sp()+strings.Join(choices, ","+sp())+sp()+"]")}
		if r.IntN(5) == 0 {
			top = append(top, member("usage", pick("null", `{"prompt_tokens":1,"completion_tokens":2,"total_tokens":3}`)))
		}
		if r.IntN(20) == 0 {
			top = append(top, member("choices", "[]"))
		}
		raw := []byte(obj(top))

		var c openai.ChatCompletionChunk
		if err := json.Unmarshal(raw, &c); err != nil {
			t.Fatalf("test chunk is not JSON: %s: %v", raw, err)
		}
		v, ok := viewChunk(raw)
		if !ok {
			continue
		}
		read++
		if len(c.Choices) > 1 || (v.choice >= 0) != (len(c.Choices) == 1) {
			t.Fatalf("%s: viewChunk saw choice at %d; a client reads %d choices", raw, v.choice, len(c.Choices))
		}
		if v.choice < 0 {
			continue
		}
		ch := c.Choices[0]
		content := ""
		if ch.Delta.Content != nil {
			content = *ch.Delta.Content
		}
		calls := len(ch.Delta.ToolCalls) > 0 && string(ch.Delta.ToolCalls) != "null"
		if v.index != ch.Index || v.content != content || v.finish != (ch.FinishReason != nil) || v.calls != calls {
			t.Fatalf("%s: viewChunk read index %d content %q finish %v calls %v; a client reads %d %q %v %v",
				raw, v.index, v.content, v.finish, v.calls, ch.Index, content, ch.FinishReason != nil, calls)
		}
	}
	if read < 2000 {
		t.Errorf("viewChunk read only %d of 20000 chunks; the test's chunks are mostly unreadable", read)
	}
}

func BenchmarkViewChunk(b *testing.B) {
	raw := []byte(`{"id":"chatcmpl-B9MBs8CjcvOU2jLn4n570S5qMJKcT","object":"chat.completion.chunk","created":1727123456,"model":"gpt-4o-mini-2024-07-18","system_fingerprint":"fp_1bb46167f9","choices":[{"index":0,"delta":{"content":" neighbourhood"},"logprobs":null,"finish_reason":null}],"usage":null}`)
	b.ReportAllocs()
	for b.Loop() {
		if _, ok := viewChunk(raw); !ok {
			b.Fatal("not read")
		}
	}
}
