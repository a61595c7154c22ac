package client

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
)

// Model is a model the server offers.
type Model struct {
	ID      string `json:"id"`
	Object  string `json:"object"` // "model"
	Created int64  `json:"created"`
	OwnedBy string `json:"owned_by"`
	// Endpoints names the endpoints serving the model: chat, responses,
	// completions, embeddings.
	Endpoints []string `json:"endpoints,omitempty"`
}

// ChatRequest is a chat completion request. Zero values are left out, so the
// server's defaults apply.
type ChatRequest struct {
	Model    string    `json:"model"`
	Messages []Message `json:"messages"`

	MaxTokens           int      `json:"max_tokens,omitempty"`
	MaxCompletionTokens int      `json:"max_completion_tokens,omitempty"`
	Temperature         *float64 `json:"temperature,omitempty"`
	TopP                *float64 `json:"top_p,omitempty"`
	N                   int      `json:"n,omitempty"`
	Stop                []string `json:"stop,omitempty"`
	Seed                *int64   `json:"seed,omitempty"`
	User                string   `json:"user,omitempty"`

	// Tools, ToolChoice and ResponseFormat are passed through as they are,
	// in OpenAI's format.
	Tools          json.RawMessage `json:"tools,omitempty"`
	ToolChoice     json.RawMessage `json:"tool_choice,omitempty"`
	ResponseFormat json.RawMessage `json:"response_format,omitempty"`

	// StreamOptions applies to ChatCompletionStream only. Set IncludeUsage
	// for a final chunk with the token counts (ChatStream.Usage).
	StreamOptions *StreamOptions `json:"stream_options,omitempty"`
}

// StreamOptions are the options of a streamed chat completion.
type StreamOptions struct {
	IncludeUsage bool `json:"include_usage"`
}

// Message is one message of a conversation, sent or received.
type Message struct {
	Role       string          `json:"role"` // system, developer, user, assistant or tool
	Content    string          `json:"content"`
	Name       string          `json:"name,omitempty"`
	Refusal    string          `json:"refusal,omitempty"`
	ToolCalls  json.RawMessage `json:"tool_calls,omitempty"`
	ToolCallID string          `json:"tool_call_id,omitempty"`
}

// ChatCompletion is the answer to a chat completion request.
type ChatCompletion struct {
	ID                string   `json:"id"`
	Object            string   `json:"object"` // "chat.completion"
	Created           int64    `json:"created"`
	Model             string   `json:"model"`
	Choices           []Choice `json:"choices"`
	Usage             *Usage   `json:"usage,omitempty"`
	SystemFingerprint string   `json:"system_fingerprint,omitempty"`
}

// Choice is one answer of a ChatCompletion.
type Choice struct {
	Index        int             `json:"index"`
	Message      Message         `json:"message"`
	FinishReason string          `json:"finish_reason"` // stop, length, content_filter, tool_calls
	Logprobs     json.RawMessage `json:"logprobs,omitempty"`
}

// Usage counts the tokens of one request.
type Usage struct {
	PromptTokens     int `json:"prompt_tokens"`
	CompletionTokens int `json:"completion_tokens"`
	TotalTokens      int `json:"total_tokens"`
}

// ChatChunk is one frame of a streamed chat completion. The usage chunk
// requested with StreamOptions.IncludeUsage has no choices.
type ChatChunk struct {
	ID                string        `json:"id"`
	Object            string        `json:"object"` // "chat.completion.chunk"
	Created           int64         `json:"created"`
	Model             string        `json:"model"`
	Choices           []ChunkChoice `json:"choices"`
	Usage             *Usage        `json:"usage,omitempty"`
	SystemFingerprint string        `json:"system_fingerprint,omitempty"`
}

// ChunkChoice is the part of one answer a chunk carries.
type ChunkChoice struct {
	Index        int             `json:"index"`
	Delta        Delta           `json:"delta"`
	FinishReason string          `json:"finish_reason"` // "" until the last chunk of the answer
	Logprobs     json.RawMessage `json:"logprobs,omitempty"`
}

// Delta is what a chunk adds to the answer.
type Delta struct {
	Role      string          `json:"role,omitempty"`
	Content   string          `json:"content,omitempty"`
	Refusal   string          `json:"refusal,omitempty"`
	ToolCalls json.RawMessage `json:"tool_calls,omitempty"`
}

// Models lists the models the credential may use (GET /v1/models).
func (c *Client) Models(ctx context.Context) ([]Model, error) {
	var list struct {
		Data []Model `json:"data"`
	}
	if err := c.Do(ctx, http.MethodGet, "/v1/models", nil, &list); err != nil {
		return nil, err
	}
	return list.Data, nil
}

// ChatCompletion asks for a chat completion and waits for the whole answer
// (POST /v1/chat/completions).
func (c *Client) ChatCompletion(ctx context.Context, req ChatRequest) (*ChatCompletion, error) {
	req.StreamOptions = nil // the server refuses stream_options without stream
	var out ChatCompletion
	if err := c.Do(ctx, http.MethodPost, "/v1/chat/completions", req, &out); err != nil {
		return nil, err
	}
	return &out, nil
}

// ChatCompletionStream asks for a chat completion streamed as it is written
// (POST /v1/chat/completions with "stream": true). The request is retried
// like any other until the stream starts, never after. The caller must
// Close the stream.
func (c *Client) ChatCompletionStream(ctx context.Context, req ChatRequest) (*ChatStream, error) {
	body, err := json.Marshal(struct {
		ChatRequest
		Stream bool `json:"stream"`
	}{req, true})
	if err != nil {
		return nil, fmt.Errorf("mira: encoding the chat request: %w", err)
	}
	resp, _, err := c.send(ctx, http.MethodPost, "/v1/chat/completions", body, true)
	if err != nil {
		return nil, err
	}
	return newChatStream(resp)
}
