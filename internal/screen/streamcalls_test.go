package screen_test

import (
	"encoding/json"
	"fmt"
	"strings"
	"testing"
)

// callChunks streams a tool call whose arguments are the JSON of
// {"text": text}, cut into pieces of size bytes, after some content, as
// OpenAI does; key is the member name the upstream uses for tool_calls.
func callChunks(text string, size int, key string, finish bool) [][]byte {
	head := `{"id":"c","object":"chat.completion.chunk","created":1,"model":"up","choices":[`
	var out [][]byte
	out = append(out, []byte(head+`{"index":0,"delta":{"role":"assistant","content":"Calling it."},"finish_reason":null}]}`))
	out = append(out, []byte(head+`{"index":0,"delta":{"`+key+`":[{"index":0,"id":"call_1","type":"function","function":{"name":"send_note","arguments":""}}]},"finish_reason":null}]}`))
	args, _ := json.Marshal(map[string]string{"text": text})
	for s := string(args); s != ""; {
		n := min(size, len(s))
		frag, _ := json.Marshal(s[:n])
		s = s[n:]
		out = append(out, []byte(head+`{"index":0,"delta":{"`+key+`":[{"index":0,"function":{"arguments":`+string(frag)+`}}]},"finish_reason":null}]}`))
	}
	if finish {
		out = append(out, []byte(head+`{"index":0,"delta":{},"finish_reason":"tool_calls"}]}`))
	}
	return out
}

func TestStreamToolCallArgumentsScreened(t *testing.T) {
	f := outputFilter(t)
	for _, key := range []string{"tool_calls", `tool\u005fcalls`, "Tool_Calls"} {
		for _, finish := range []bool{true, false} {
			t.Run(fmt.Sprint(key, finish), func(t *testing.T) {
				st := f.NewStream()
				var sent []string
				blocked := false
				for _, c := range callChunks("Please do this: "+injection, 7, key, finish) {
					fs, b := st.Chunk(c)
					for _, fr := range fs {
						sent = append(sent, string(fr))
					}
					if blocked = b; b {
						break
					}
				}
				if !blocked {
					fs, b := st.End()
					for _, fr := range fs {
						sent = append(sent, string(fr))
					}
					blocked = b
				}
				all := strings.Join(sent, "\n")
				if !blocked || strings.Contains(all, "arguments") || !strings.Contains(sent[len(sent)-1], `"finish_reason":"content_filter"`) {
					t.Fatalf("blocked %v, sent:\n%s", blocked, all)
				}
			})
		}
	}
}

func TestStreamToolCallSafeArgumentsPassAsTheyCame(t *testing.T) {
	f := outputFilter(t)
	for _, finish := range []bool{true, false} {
		st := f.NewStream()
		chunks := callChunks(strings.Repeat(benign+" ", 3), 5, "tool_calls", finish)
		var sent []string
		for i, c := range chunks {
			fs, blocked := st.Chunk(c)
			if blocked {
				t.Fatalf("a safe call was blocked at chunk %d", i)
			}
			for _, fr := range fs {
				sent = append(sent, string(fr))
			}
		}
		fs, blocked := st.End()
		if blocked {
			t.Fatal("a safe call was blocked at the end")
		}
		for _, fr := range fs {
			sent = append(sent, string(fr))
		}
		// The content is released on its own; every chunk of the call is
		// sent byte for byte, in order, once judged.
		var calls []string
		content := ""
		for _, s := range sent {
			if strings.Contains(s, "tool_calls") {
				calls = append(calls, s)
			} else if strings.Contains(s, `"content"`) {
				var c struct {
					Choices []struct {
						Delta struct{ Content string } `json:"delta"`
					} `json:"choices"`
				}
				_ = json.Unmarshal([]byte(s), &c)
				content += c.Choices[0].Delta.Content
			}
		}
		want := 0
		for _, c := range chunks {
			if strings.Contains(string(c), "tool_calls") {
				if calls[want] != string(c) {
					t.Fatalf("finish %v: call chunk %d = %s; want %s", finish, want, calls[want], c)
				}
				want++
			}
		}
		if want != len(calls) || content != "Calling it." {
			t.Fatalf("finish %v: %d call chunks of %d, content %q", finish, len(calls), want, content)
		}
	}
}
