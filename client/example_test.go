package client_test

import (
	"context"
	"errors"
	"fmt"
	"log"
	"os"
	"time"

	"github.com/vmira/mira/client"
)

// Stream a chat completion from the server named by MIRA_BASE_URL, with the
// key in MIRA_API_KEY, saying so when a rate limit makes the client wait.
func Example() {
	c, err := client.New(client.FromEnv(),
		client.WithOnRetry(func(attempt int, wait time.Duration, err error) {
			var apiErr *client.Error
			if errors.As(err, &apiErr) && apiErr.Code == client.CodeRateLimitExceeded {
				fmt.Fprintf(os.Stderr, "rate limited; retrying in %.1fs\n", wait.Seconds())
			}
		}))
	if err != nil {
		log.Fatal(err)
	}
	ctx := context.Background()
	stream, err := c.ChatCompletionStream(ctx, client.ChatRequest{
		Model:         "mira-echo",
		Messages:      []client.Message{{Role: "user", Content: "Say hello"}},
		StreamOptions: &client.StreamOptions{IncludeUsage: true},
	})
	if err != nil {
		log.Fatal(err)
	}
	defer stream.Close()
	for stream.Next() {
		for _, choice := range stream.Chunk().Choices {
			fmt.Print(choice.Delta.Content)
		}
	}
	if err := stream.Err(); err != nil {
		log.Fatal(err)
	}
	if u := stream.Usage(); u != nil {
		fmt.Printf("\n%d tokens\n", u.TotalTokens)
	}
}

// Errors carry the server's code and request id.
func ExampleError() {
	c, err := client.New(client.FromEnv())
	if err != nil {
		log.Fatal(err)
	}
	_, err = c.Models(context.Background())
	var apiErr *client.Error
	switch {
	case errors.As(err, &apiErr) && apiErr.Code == client.CodeKeyRevoked:
		fmt.Println("this key was revoked; create a new one with `mira keys create`")
	case err != nil:
		log.Fatal(err)
	}
}

// Management endpoints the SDK has no typed call for go through Do.
func ExampleClient_Do() {
	c, err := client.New(client.FromEnv())
	if err != nil {
		log.Fatal(err)
	}
	var keys struct {
		Data []struct {
			ID   string `json:"id"`
			Name string `json:"name"`
		} `json:"data"`
	}
	if err := c.Do(context.Background(), "GET", "/v1/keys", nil, &keys); err != nil {
		log.Fatal(err)
	}
	for _, k := range keys.Data {
		fmt.Println(k.ID, k.Name)
	}
}
