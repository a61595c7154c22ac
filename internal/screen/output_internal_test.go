package screen

import "testing"

// TestAnswerText: the byte reading of an answer gives what decoding gives,
// and leaves to decoding whatever a client could read otherwise.
func TestAnswerText(t *testing.T) {
	for _, tc := range []struct {
		body string
		read bool // answerText reads it itself
	}{
		{`{"id":"x","choices":[{"index":0,"message":{"role":"assistant","content":"Hi \"there\"\u00e9"},"finish_reason":"stop"}],"usage":{"prompt_tokens":1}}`, true},
		{` { "choices" : [ { "message" : { "content" : "a" } } , { "message" : { "content" : null } } , { "message" : { "content" : "b\nc" } } ] } `, true},
		{`{"choices":[]}`, true},
		{`{"object":"chat.completion","choices":[{"message":{"refusal":"no"}}]}`, true},
		{`{"choices":[{"message":{"Content":"hidden"}}]}`, false},
		{`{"choices":[{"message":{"cont\u0065nt":"hidden"}}]}`, false},
		{`{"choices":[{"message":{"content":"a","content":"hidden"}}]}`, false},
		{`{"choices":[],"choices":[{"message":{"content":"hidden"}}]}`, false},
		{`{"Choices":[{"message":{"content":"hidden"}}]}`, false},
		{`{"choices":[{"Message":{"content":"hidden"}}]}`, false},
		{`{"choices":[{"message":null}]}`, false},
	} {
		want, wantOK := decodedAnswerText([]byte(tc.body))
		got, ok := answerText([]byte(tc.body))
		if ok != tc.read || ok && (got != want || !wantOK) {
			t.Errorf("answerText(%s) = %q, %v; want %q, %v (decoded %v)", tc.body, got, ok, want, tc.read, wantOK)
		}
	}
}
