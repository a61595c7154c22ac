package openai

import (
	"encoding/json"
	"errors"
	"fmt"

	"github.com/vmira/mira/internal/mira"
)

// ResponsesRequest is the part of a Responses API request Mira reads.
// Input is kept raw and read into Text or Items (each item's content and
// output too) by Unmarshal again, so that what the filter reads is what
// any backend reads: no member name twice or in two letter cases at any
// depth.
type ResponsesRequest struct {
	Model              string          `json:"model"`
	Input              json.RawMessage `json:"input"`
	Instructions       *string         `json:"instructions,omitempty"`
	Stream             bool            `json:"stream,omitempty"`
	MaxOutputTokens    *int            `json:"max_output_tokens,omitempty"`
	PreviousResponseID *string         `json:"previous_response_id,omitempty"`
	Tools              []ResponseTool  `json:"tools,omitempty"`

	// Text is the input when it is one string; Items when it is a list.
	Text  string      `json:"-"`
	Items []InputItem `json:"-"`
}

// ResponseTool is one tool of a Responses request. Only function tools
// are read further (and translated to chat completions).
type ResponseTool struct {
	Type        string          `json:"type"`
	Name        string          `json:"name,omitempty"`
	Description string          `json:"description,omitempty"`
	Parameters  json.RawMessage `json:"parameters,omitempty"`
	Strict      *bool           `json:"strict,omitempty"`
}

// InputItem is one item of a Responses input: a message (type "message"
// or none, with a role), a function call of the model, a function's
// output, or another type Mira passes to a native backend as it is.
type InputItem struct {
	Type      string          `json:"type,omitempty"`
	Role      string          `json:"role,omitempty"`
	Content   json.RawMessage `json:"content,omitempty"`
	ID        string          `json:"id,omitempty"`
	Status    string          `json:"status,omitempty"`
	CallID    string          `json:"call_id,omitempty"`
	Name      string          `json:"name,omitempty"`
	Arguments string          `json:"arguments,omitempty"`
	Output    json.RawMessage `json:"output,omitempty"`

	// Parts is the content or the output read as parts; Text when it was
	// one string. Raw is the item as it came.
	Text  string          `json:"-"`
	Parts []ItemPart      `json:"-"`
	Raw   json.RawMessage `json:"-"`
}

// ItemPart is one part of an item's content: text (input_text,
// output_text), a refusal, an image (input_image) or a file (input_file).
type ItemPart struct {
	Type     string `json:"type"`
	Text     string `json:"text,omitempty"`
	Refusal  string `json:"refusal,omitempty"`
	ImageURL string `json:"image_url,omitempty"`
	Detail   string `json:"detail,omitempty"`
	FileID   string `json:"file_id,omitempty"`
	FileData string `json:"file_data,omitempty"`
	FileURL  string `json:"file_url,omitempty"`
	Filename string `json:"filename,omitempty"`
}

// IsMessage reports whether the item is a message.
func (it *InputItem) IsMessage() bool {
	return it.Type == "message" || it.Type == "" && it.Role != ""
}

var validItemRoles = map[string]bool{"system": true, "developer": true, "user": true, "assistant": true}

// DecodeResponsesRequest parses and validates a Responses API request
// body; failures are invalid_request errors naming the parameter.
func DecodeResponsesRequest(body []byte, lim Limits) (*ResponsesRequest, error) {
	lim = lim.withDefaults()
	var req ResponsesRequest
	if err := Unmarshal(body, &req); err != nil {
		return nil, err
	}
	if err := checkModel(req.Model, lim); err != nil {
		return nil, err
	}
	if err := req.readInput(lim.MaxMessages); err != nil {
		return nil, err
	}
	if m := req.MaxOutputTokens; m != nil && (*m < 1 || *m > lim.MaxTokens) {
		return nil, mira.ParamErrorf("max_output_tokens", "max_output_tokens must be between 1 and %d", lim.MaxTokens)
	}
	for i, t := range req.Tools {
		if t.Type == "function" && t.Name == "" {
			return nil, mira.ParamErrorf(fmt.Sprintf("tools[%d].name", i), "a function tool needs a name")
		}
	}
	return &req, nil
}

// readInput reads Input into Text or Items, at most maxItems of them.
func (r *ResponsesRequest) readInput(maxItems int) error {
	switch in := r.Input; {
	case len(in) == 0 || string(in) == "null":
		return mira.ParamErrorf("input", "input is required: a string or a list of items")
	case in[0] == '"':
		return json.Unmarshal(in, &r.Text)
	case in[0] != '[':
		return mira.ParamErrorf("input", "input must be a string or a list of items")
	}
	if err := within("input", Unmarshal(r.Input, &r.Items)); err != nil {
		return err
	}
	if len(r.Items) == 0 || len(r.Items) > maxItems {
		return mira.ParamErrorf("input", "input must hold 1 to %d items", maxItems)
	}
	var raws []json.RawMessage
	if err := json.Unmarshal(r.Input, &raws); err != nil || len(raws) != len(r.Items) {
		return mira.ParamErrorf("input", "input must be a string or a list of items")
	}
	for i := range r.Items {
		r.Items[i].Raw = raws[i]
		if err := r.Items[i].read(fmt.Sprintf("input[%d]", i)); err != nil {
			return err
		}
	}
	return nil
}

// read checks an item and reads its content or output into Text or Parts.
func (it *InputItem) read(param string) error {
	switch {
	case it.IsMessage():
		if !validItemRoles[it.Role] {
			return mira.ParamErrorf(param+".role", "invalid role %q (use system, developer, user or assistant)", truncate(it.Role, 32))
		}
		return it.readParts(param+".content", it.Content)
	case it.Type == "function_call_output":
		return it.readParts(param+".output", it.Output)
	}
	return nil
}

func (it *InputItem) readParts(param string, raw json.RawMessage) error {
	switch {
	case len(raw) == 0 || string(raw) == "null":
		return mira.ParamErrorf(param, "%s is required", param)
	case raw[0] == '"':
		return json.Unmarshal(raw, &it.Text)
	case raw[0] != '[':
		return mira.ParamErrorf(param, "%s must be a string or a list of parts", param)
	}
	if err := within(param, Unmarshal(raw, &it.Parts)); err != nil {
		return err
	}
	for j, p := range it.Parts {
		if p.Type == "" {
			return mira.ParamErrorf(fmt.Sprintf("%s[%d].type", param, j), "every part needs a type")
		}
	}
	return nil
}

// within prefixes the parameter of an error of Unmarshal on a member's
// value with the member's name.
func within(param string, err error) error {
	var e *mira.Error
	if err == nil || !errors.As(err, &e) {
		return err
	}
	c := *e
	switch {
	case c.Param == "":
		c.Param = param
	case c.Param[0] == '[':
		c.Param = param + c.Param
	default:
		c.Param = param + "." + c.Param
	}
	return &c
}

// PromptTokens estimates the prompt's size in tokens as ChatRequest does.
func (r *ResponsesRequest) PromptTokens() int {
	n := 4 + EstimateTokens(r.Text)
	if r.Instructions != nil {
		n += 4 + EstimateTokens(*r.Instructions)
	}
	for i := range r.Items {
		it := &r.Items[i]
		n += 4 + EstimateTokens(it.Text) + EstimateTokens(it.Arguments)
		for _, p := range it.Parts {
			n += EstimateTokens(p.Text)
		}
	}
	return n
}
