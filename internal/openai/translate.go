package openai

import (
	"bytes"
	"encoding/json"
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/vmira/mira/internal/mira"
)

// A Responses API request for a backend that has only chat completions is
// translated to a chat completion request, and the answer back, when the
// meaning is kept; anything chat completions cannot say (stored responses,
// built-in tools, files, reasoning items...) is refused with an
// invalid_request error naming the member, never dropped.

// Translation is a Responses request translated to chat completions.
type Translation struct {
	Chat    []byte       // the chat completion request body
	ChatReq *ChatRequest // Chat decoded
	req     *ResponsesRequest
	echo    map[string]json.RawMessage // request members the response repeats
}

// untranslatable are the members that have no chat completions meaning;
// each is refused unless absent, null or the value that asks for nothing.
var untranslatable = map[string]string{
	"previous_response_id": "null",
	"conversation":         "null",
	"prompt":               "null",
	"background":           "false",
	"max_tool_calls":       "null",
	"top_logprobs":         "null",
	"store":                "false",
	"include":              "[]",
	"truncation":           `"disabled"`,
	"n":                    "1",
}

// dropped are members that ask nothing of the model: the response
// repeats metadata, and stream_options only set the Responses stream's
// obfuscation.
var dropped = map[string]bool{"metadata": true, "stream_options": true}

// repeated are the request members a response object repeats.
var repeated = []string{"instructions", "max_output_tokens", "metadata", "parallel_tool_calls", "reasoning", "temperature", "text", "tool_choice", "tools", "top_p", "user"}

// ResponsesToChat translates req, decoded from raw, to a chat completion
// request. Members Mira does not know are passed on as they came.
func ResponsesToChat(req *ResponsesRequest, raw []byte) (*Translation, error) {
	var members map[string]json.RawMessage
	if err := json.Unmarshal(raw, &members); err != nil {
		return nil, mira.Errorf(mira.EInvalidRequest, "the request body must be a JSON object")
	}
	t := &Translation{req: req, echo: map[string]json.RawMessage{}}
	out := map[string]json.RawMessage{}
	for k, v := range members {
		if slices.Contains(repeated, k) {
			t.echo[k] = v
		}
		null := string(v) == "null"
		var err error
		switch {
		case untranslatable[k] != "":
			err = refuseMember(k, v)
		case dropped[k], k == "input", k == "instructions", null:
		case k == "max_output_tokens":
			out["max_tokens"] = v
		case k == "tools":
			out[k], err = chatTools(req.Tools)
		case k == "tool_choice":
			out[k], err = chatToolChoice(v)
		case k == "text":
			err = addResponseFormat(out, v)
		case k == "reasoning":
			err = addReasoning(out, v)
		default: // model, stream, temperature, top_p, user, parallel_tool_calls... and unknown members
			out[k] = v
		}
		if err != nil {
			return nil, err
		}
	}
	if req.Stream {
		out["stream_options"] = json.RawMessage(`{"include_usage":true}`)
	}
	msgs, err := chatMessages(req)
	if err != nil {
		return nil, err
	}
	if out["messages"], err = json.Marshal(msgs); err != nil {
		return nil, mira.Internal(err)
	}
	t.Chat = objectOf(out)
	if t.ChatReq, err = DecodeChatRequest(t.Chat, Limits{MaxMessages: max(len(msgs), 1), MaxTokens: DefaultMaxTokens}); err != nil {
		return nil, err
	}
	return t, nil
}

// refuseMember refuses member k unless its value asks for nothing.
func refuseMember(k string, v json.RawMessage) error {
	if s := string(v); s == "null" || s == untranslatable[k] || k == "include" && strings.TrimSpace(s) == "[]" {
		return nil
	}
	why := "this model's backend has no Responses API, and chat completions have no " + k
	switch k {
	case "previous_response_id", "conversation":
		why = "this model's backend has no Responses API and keeps no responses; send the whole conversation in input"
	case "store":
		why = "this model's backend has no Responses API and cannot store responses; leave store out or set it to false"
	}
	return mira.ParamErrorf(k, "%s is not supported for this model: %s", k, why)
}

// objectOf writes members as a JSON object, keys sorted, values as they
// are (no HTML escaping).
func objectOf(members map[string]json.RawMessage) []byte {
	keys := make([]string, 0, len(members))
	for k := range members {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	var b bytes.Buffer
	b.WriteByte('{')
	for i, k := range keys {
		if i > 0 {
			b.WriteByte(',')
		}
		q, _ := json.Marshal(k)
		b.Write(q)
		b.WriteByte(':')
		b.Write(members[k])
	}
	b.WriteByte('}')
	return b.Bytes()
}

type chatTool struct {
	Type     string       `json:"type"`
	Function chatFunction `json:"function"`
}

type chatFunction struct {
	Name        string          `json:"name"`
	Description string          `json:"description,omitempty"`
	Parameters  json.RawMessage `json:"parameters,omitempty"`
	Strict      *bool           `json:"strict,omitempty"`
}

// chatTools translates function tools; any other tool is refused.
func chatTools(tools []ResponseTool) (json.RawMessage, error) {
	out := make([]chatTool, 0, len(tools))
	for i, t := range tools {
		if t.Type != "function" {
			return nil, mira.ParamErrorf(fmt.Sprintf("tools[%d].type", i), "the tool type %q is not supported for this model: its backend has no Responses API, and chat completions have only function tools", truncate(t.Type, 32))
		}
		out = append(out, chatTool{Type: "function", Function: chatFunction{Name: t.Name, Description: t.Description, Parameters: t.Parameters, Strict: t.Strict}})
	}
	return json.Marshal(out)
}

// chatToolChoice translates "auto", "none", "required" and a choice of
// one function.
func chatToolChoice(v json.RawMessage) (json.RawMessage, error) {
	var s string
	if json.Unmarshal(v, &s) == nil {
		if s == "auto" || s == "none" || s == "required" {
			return v, nil
		}
		return nil, mira.ParamErrorf("tool_choice", "tool_choice must be auto, none, required or a function")
	}
	var c struct {
		Type string `json:"type"`
		Name string `json:"name"`
	}
	if json.Unmarshal(v, &c) != nil || c.Type != "function" || c.Name == "" {
		return nil, mira.ParamErrorf("tool_choice", "this tool_choice is not supported for this model: its backend has no Responses API; choose auto, none, required or {\"type\":\"function\",\"name\":...}")
	}
	return json.Marshal(map[string]any{"type": "function", "function": map[string]string{"name": c.Name}})
}

// addResponseFormat translates text.format to response_format.
func addResponseFormat(out map[string]json.RawMessage, v json.RawMessage) error {
	var text struct {
		Format *struct {
			Type        string          `json:"type"`
			Name        string          `json:"name"`
			Description string          `json:"description,omitempty"`
			Schema      json.RawMessage `json:"schema"`
			Strict      *bool           `json:"strict,omitempty"`
		} `json:"format"`
		Verbosity *string `json:"verbosity"`
	}
	if err := json.Unmarshal(v, &text); err != nil {
		return mira.ParamErrorf("text", "text must be an object with a format")
	}
	if text.Verbosity != nil {
		return mira.ParamErrorf("text.verbosity", "text.verbosity is not supported for this model: its backend has no Responses API")
	}
	f := text.Format
	switch {
	case f == nil || f.Type == "text":
	case f.Type == "json_object":
		out["response_format"] = json.RawMessage(`{"type":"json_object"}`)
	case f.Type == "json_schema":
		b, err := json.Marshal(map[string]any{"type": "json_schema", "json_schema": map[string]any{
			"name": f.Name, "description": f.Description, "schema": f.Schema, "strict": f.Strict}})
		if err != nil {
			return mira.ParamErrorf("text.format.schema", "text.format.schema is not valid JSON")
		}
		out["response_format"] = b
	default:
		return mira.ParamErrorf("text.format.type", "text.format.type must be text, json_object or json_schema")
	}
	return nil
}

// addReasoning translates reasoning.effort to reasoning_effort.
func addReasoning(out map[string]json.RawMessage, v json.RawMessage) error {
	var r struct {
		Effort  json.RawMessage `json:"effort"`
		Summary json.RawMessage `json:"summary"`
	}
	if err := json.Unmarshal(v, &r); err != nil {
		return mira.ParamErrorf("reasoning", "reasoning must be an object")
	}
	if len(r.Summary) > 0 && string(r.Summary) != "null" {
		return mira.ParamErrorf("reasoning.summary", "reasoning.summary is not supported for this model: its backend has no Responses API")
	}
	if len(r.Effort) > 0 && string(r.Effort) != "null" {
		out["reasoning_effort"] = r.Effort
	}
	return nil
}

// chatMessage is a message of the translated chat request.
type chatMessage struct {
	Role       string     `json:"role"`
	Content    any        `json:"content"`
	Refusal    string     `json:"refusal,omitempty"`
	ToolCalls  []ToolCall `json:"tool_calls,omitempty"`
	ToolCallID string     `json:"tool_call_id,omitempty"`
}

// chatMessages translates instructions and input to messages.
func chatMessages(req *ResponsesRequest) ([]*chatMessage, error) {
	var msgs []*chatMessage
	if req.Instructions != nil && *req.Instructions != "" {
		msgs = append(msgs, &chatMessage{Role: "system", Content: *req.Instructions})
	}
	if req.Items == nil {
		return append(msgs, &chatMessage{Role: "user", Content: req.Text}), nil
	}
	for i := range req.Items {
		it := &req.Items[i]
		param := fmt.Sprintf("input[%d]", i)
		switch {
		case it.IsMessage():
			m := &chatMessage{Role: it.Role}
			if m.Role == "developer" {
				m.Role = "system" // the same instructions, in the role every backend knows
			}
			content, refusal, err := chatContent(param+".content", it)
			if err != nil {
				return nil, err
			}
			m.Content, m.Refusal = content, refusal
			msgs = append(msgs, m)
		case it.Type == "function_call":
			call := ToolCall{ID: it.CallID, Type: "function", Function: FunctionCall{Name: it.Name, Arguments: it.Arguments}}
			if n := len(msgs); n > 0 && msgs[n-1].Role == "assistant" && (msgs[n-1].ToolCalls != nil || msgs[n-1].Content != nil) {
				msgs[n-1].ToolCalls = append(msgs[n-1].ToolCalls, call)
				continue
			}
			msgs = append(msgs, &chatMessage{Role: "assistant", ToolCalls: []ToolCall{call}})
		case it.Type == "function_call_output":
			content, _, err := chatContent(param+".output", it)
			if err != nil {
				return nil, err
			}
			msgs = append(msgs, &chatMessage{Role: "tool", ToolCallID: it.CallID, Content: content})
		default:
			return nil, mira.ParamErrorf(param+".type", "input items of type %q are not supported for this model: its backend has no Responses API, and chat completions have messages, function calls and their outputs only", truncate(it.Type, 32))
		}
	}
	return msgs, nil
}

// chatPart is a part of a translated chat message.
type chatPart struct {
	Type     string         `json:"type"`
	Text     string         `json:"text,omitempty"`
	ImageURL map[string]any `json:"image_url,omitempty"`
}

// chatContent translates an item's content (or output): a string stays a
// string; text parts become text parts, images image_url parts, a refusal
// the message's refusal; files and anything else are refused.
func chatContent(param string, it *InputItem) (any, string, error) {
	if it.Parts == nil {
		return it.Text, "", nil
	}
	parts := []chatPart{}
	refusal := ""
	for j, p := range it.Parts {
		switch p.Type {
		case "input_text", "output_text", "text":
			parts = append(parts, chatPart{Type: "text", Text: p.Text})
		case "refusal":
			refusal += p.Refusal
		case "input_image":
			if p.ImageURL == "" {
				return nil, "", mira.ParamErrorf(fmt.Sprintf("%s[%d]", param, j), "images by file_id are not supported for this model: its backend has no Responses API; give image_url")
			}
			img := map[string]any{"url": p.ImageURL}
			if p.Detail != "" {
				img["detail"] = p.Detail
			}
			parts = append(parts, chatPart{Type: "image_url", ImageURL: img})
		default:
			return nil, "", mira.ParamErrorf(fmt.Sprintf("%s[%d].type", param, j), "parts of type %q are not supported for this model: its backend has no Responses API", truncate(p.Type, 32))
		}
	}
	if len(parts) == 0 && refusal != "" {
		return nil, refusal, nil
	}
	return parts, refusal, nil
}

// Response translates a chat completion answer to a response object.
func (t *Translation) Response(chat []byte) ([]byte, error) {
	var c ChatCompletion
	if err := json.Unmarshal(chat, &c); err != nil || len(c.Choices) == 0 {
		return nil, mira.Errorf(mira.EUpstream, "the model backend sent an invalid response")
	}
	ch := &c.Choices[0]
	var calls []ToolCall
	if len(ch.Message.ToolCalls) > 0 && string(ch.Message.ToolCalls) != "null" {
		if err := json.Unmarshal(ch.Message.ToolCalls, &calls); err != nil {
			return nil, mira.Errorf(mira.EUpstream, "the model backend sent an invalid response")
		}
	}
	var output []OutputItem
	if msg := messageItem(deref(ch.Message.Content), deref(ch.Message.Refusal)); msg != nil {
		output = append(output, *msg)
	}
	for _, call := range calls {
		output = append(output, functionCallItem(call))
	}
	r := t.object(newID("resp_"), c.Created, ch.FinishReason)
	r.Output = output
	if c.Usage != nil {
		r.Usage = responseUsage(*c.Usage)
	}
	return json.Marshal(r)
}

func deref(s *string) string {
	if s == nil {
		return ""
	}
	return *s
}

// messageItem is the output message of text and refusal; nil when both
// are empty.
func messageItem(text, refusal string) *OutputItem {
	if text == "" && refusal == "" {
		return nil
	}
	m := &OutputItem{Type: "message", ID: newID("msg_"), Status: "completed", Role: "assistant", Content: []OutputContent{}}
	if text != "" {
		m.Content = append(m.Content, outputText(text))
	}
	if refusal != "" {
		m.Content = append(m.Content, OutputContent{Type: "refusal", Refusal: &refusal})
	}
	return m
}

func functionCallItem(c ToolCall) OutputItem {
	args := c.Function.Arguments
	return OutputItem{Type: "function_call", ID: newID("fc_"), Status: "completed", CallID: c.ID, Name: c.Function.Name, Arguments: &args}
}

// object returns the response object of the request, without output, in
// the status a chat finish reason means ("" while in progress).
func (t *Translation) object(id string, created int64, finish string) *Response {
	if created == 0 {
		created = time.Now().Unix()
	}
	r := &Response{ID: id, Object: "response", CreatedAt: created, Status: "completed", Model: t.req.Model,
		Instructions: t.req.Instructions, MaxOutputTokens: t.req.MaxOutputTokens, PreviousResponseID: nil,
		Output: []OutputItem{}, Truncation: "disabled",
		ParallelToolCalls: t.repeat("parallel_tool_calls", "true"), Reasoning: t.repeat("reasoning", `{"effort":null,"summary":null}`),
		Temperature: t.repeat("temperature", "null"), Text: t.repeat("text", `{"format":{"type":"text"}}`),
		ToolChoice: t.repeat("tool_choice", `"auto"`), Tools: t.repeat("tools", "[]"), TopP: t.repeat("top_p", "null"),
		User: t.repeat("user", "null"), Metadata: t.repeat("metadata", "{}")}
	switch finish {
	case "":
		r.Status = "in_progress"
	case "length":
		r.Status, r.IncompleteDetails = "incomplete", &IncompleteDetails{Reason: "max_output_tokens"}
	case "content_filter":
		r.Status, r.IncompleteDetails = "incomplete", &IncompleteDetails{Reason: "content_filter"}
	}
	return r
}

// repeat returns the request's member k, or def when it is absent or null.
func (t *Translation) repeat(k, def string) json.RawMessage {
	if v, ok := t.echo[k]; ok && string(v) != "null" {
		if k == "text" && !bytes.Contains(v, []byte(`"format"`)) {
			return json.RawMessage(def)
		}
		return v
	}
	return json.RawMessage(def)
}
