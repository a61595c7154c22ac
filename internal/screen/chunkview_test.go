package screen_test

import (
	"encoding/json"
	"fmt"
	"strings"
	"testing"
)

// TestStreamHostileShapes: an attack in a chunk whose content member a
// client reads but a byte scanner could miss (escaped, another letter
// case, given twice, several choices) is still screened.
func TestStreamHostileShapes(t *testing.T) {
	f := outputFilter(t)
	words := strings.SplitAfter("Sure. "+injection+" And more text follows here.", " ")
	for name, shape := range map[string]string{
		"escaped name":  `{"id":"x","object":"chat.completion.chunk","choices":[{"index":0,"delta":{"cont\u0065nt":%s},"finish_reason":null}]}`,
		"letter case":   `{"id":"x","object":"chat.completion.chunk","choices":[{"index":0,"delta":{"Content":%s},"finish_reason":null}]}`,
		"twice":         `{"id":"x","object":"chat.completion.chunk","choices":[{"index":0,"delta":{"content":"","content":%s},"finish_reason":null}]}`,
		"choices twice": `{"id":"x","object":"chat.completion.chunk","choices":[],"choices":[{"index":0,"delta":{"content":%s},"finish_reason":null}]}`,
		"spaced":        "{ \"id\" : \"x\" ,\n \"choices\" : [ { \"index\" : 0 , \"delta\" : { \"content\" : %s } , \"finish_reason\" : null } ] }",
	} {
		t.Run(name, func(t *testing.T) {
			var chunks [][]byte
			for _, w := range words {
				q, _ := json.Marshal(w)
				chunks = append(chunks, []byte(fmt.Sprintf(shape, q)))
			}
			_, released, blocked := run(t, f, chunks)
			if !blocked || strings.Contains(released, "Ignore") {
				t.Errorf("released %q, blocked %v; want blocked before the attack", released, blocked)
			}
		})
	}
}

// TestStreamRewritesInPlace: chunks of any spacing and member order come
// out as valid JSON with the whole text, without log probabilities, and
// keep the members the screen does not read.
func TestStreamRewritesInPlace(t *testing.T) {
	f := outputFilter(t)
	text := strings.Repeat(benign+" ", 4)
	var chunks [][]byte
	for i, w := range strings.Fields(text) {
		q, _ := json.Marshal(w + " ")
		shape := `{"id":"x","choices":[{"index":0,"delta":{"content":%s},"logprobs":{"content":[{"token":"t"}]},"finish_reason":null}],"extra":1}`
		if i%2 == 1 {
			shape = "{ \"choices\" : [ { \"logprobs\" : { \"content\" : [ ] } ,\n \"delta\" : { \"reasoning\" : \"r\" , \"content\" : %s } , \"index\" : 0 , \"finish_reason\" : null } ] , \"id\" : \"x\", \"extra\": 1 }"
		}
		chunks = append(chunks, []byte(fmt.Sprintf(shape, q)))
	}
	chunks = append(chunks, []byte(`{"id":"x","choices":[{"index":0,"delta":{},"finish_reason":"stop","logprobs":null}],"extra":1}`))
	frames, released, blocked := run(t, f, chunks)
	if blocked || released != text {
		t.Fatalf("released %q, blocked %v; want the whole text", released, blocked)
	}
	for _, fr := range frames {
		var m map[string]any
		if err := json.Unmarshal([]byte(fr), &m); err != nil || m["extra"] != 1.0 || strings.Contains(fr, "logprobs\":{") || strings.Contains(fr, "logprobs\" : {") {
			t.Errorf("frame %s: %v", fr, err)
		}
	}
	if !strings.Contains(frames[len(frames)-1], `"finish_reason":"stop"`) {
		t.Errorf("last frame %s; want the stop", frames[len(frames)-1])
	}
}
