package screen

import (
	"context"
	"encoding/json"
	"slices"
	"strconv"
	"strings"

	"github.com/vmira/mira/internal/filter"
	"github.com/vmira/mira/internal/openai"
)

// ResponseTexts returns, in request order, every text of a Responses API
// request that a model reads, as ChatTexts does for chat: the
// instructions; the input string, or of each item: a message's content
// (text and refusal parts, and what an image URL says), a function call's
// name and arguments (their strings decoded when escapes hide them), a
// function's output (a tool result), and of any other item every string
// it holds. What users, tools and the operator wrote is marked Sensitive;
// the model's earlier answers and calls are not.
func ResponseTexts(req *openai.ResponsesRequest) []Text {
	var texts []Text
	if req.Instructions != nil {
		texts = append(texts, Text{Path: []string{"instructions"}, Text: *req.Instructions, Sensitive: true, System: true})
	}
	if req.Items == nil {
		return append(texts, Text{Path: []string{"input"}, Text: req.Text, Sensitive: true})
	}
	for i := range req.Items {
		it := &req.Items[i]
		at := []string{"input", strconv.Itoa(i)}
		switch {
		case it.IsMessage():
			texts = itemTexts(texts, it, append(at, "content"), it.Role != "assistant", it.Role == "system" || it.Role == "developer")
		case it.Type == "function_call":
			texts = append(texts, Text{Text: it.Name}, Text{Path: append(at, "arguments"), Text: it.Arguments})
			if strings.IndexByte(it.Arguments, '\\') >= 0 {
				texts = append(texts, Text{Text: jsonStrings(it.Arguments)})
			}
		case it.Type == "function_call_output":
			texts = itemTexts(texts, it, append(at, "output"), true, false)
		default:
			texts = append(texts, Text{Text: jsonStrings(string(it.Raw))})
		}
	}
	return texts
}

// itemTexts adds the texts of an item's content (or output) at path.
func itemTexts(texts []Text, it *openai.InputItem, path []string, sensitive, system bool) []Text {
	if it.Parts == nil {
		return append(texts, Text{Path: slices.Clone(path), Text: it.Text, Sensitive: sensitive, System: system})
	}
	for j, p := range it.Parts {
		at := append(slices.Clone(path), strconv.Itoa(j))
		if p.Text != "" {
			texts = append(texts, Text{Path: append(at, "text"), Text: p.Text, Sensitive: sensitive, System: system})
		}
		if p.Refusal != "" {
			texts = append(texts, Text{Path: append(slices.Clone(at), "refusal"), Text: p.Refusal, System: system})
		}
		for _, u := range appendURLTexts(nil, p.ImageURL) {
			texts = append(texts, Text{Text: u, System: system})
		}
		for _, s := range []string{p.Filename, p.FileURL} {
			if s != "" {
				texts = append(texts, Text{Text: s, System: system})
			}
		}
	}
	return texts
}

// outputItem is an output item as the output step reads it.
type outputItem struct {
	Type      string `json:"type"`
	Name      string `json:"name"`
	Arguments string `json:"arguments"`
	Content   []struct {
		Text    string `json:"text"`
		Refusal string `json:"refusal"`
	} `json:"content"`
}

// itemsText returns the generated text of output items: the text of
// messages, the names and arguments of function calls, and every string
// of other items.
func itemsText(items []json.RawMessage) string {
	var text strings.Builder
	for _, raw := range items {
		var it outputItem
		if json.Unmarshal(raw, &it) != nil {
			text.WriteString(jsonStrings(string(raw)) + "\n")
			continue
		}
		switch it.Type {
		case "message":
			for _, c := range it.Content {
				text.WriteString(c.Text + "\n" + c.Refusal + "\n")
			}
		case "function_call":
			text.WriteString(it.Name + "\n" + it.Arguments + "\n" + jsonStrings(it.Arguments) + "\n")
		default:
			text.WriteString(jsonStrings(string(raw)) + "\n")
		}
	}
	return text.String()
}

// ResponseOutput checks a non-streamed response object: the text of its
// messages and the names and arguments of its function calls, and every
// string of other output items. A blocked response loses its output and
// becomes incomplete, incomplete_details.reason "content_filter".
func (f *Filter) ResponseOutput(ctx context.Context, body []byte) ([]byte, filter.Verdict) {
	if f == nil {
		return body, filter.Verdict{}
	}
	var full map[string]json.RawMessage
	var items []json.RawMessage
	if json.Unmarshal(body, &full) != nil || json.Unmarshal(full["output"], &items) != nil {
		return body, filter.Verdict{}
	}
	v := f.Check(ctx, itemsText(items), Output)
	if !v.Blocked {
		return body, v
	}
	return withheldResponse(full), v
}

// withheldResponse returns the response object without its output,
// incomplete for content_filter.
func withheldResponse(full map[string]json.RawMessage) []byte {
	full["status"] = json.RawMessage(`"incomplete"`)
	full["incomplete_details"] = json.RawMessage(`{"reason":"content_filter"}`)
	full["output"] = json.RawMessage("[]")
	delete(full, "output_text")
	b, _ := json.Marshal(full)
	return b
}
