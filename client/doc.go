// Package client is the Go SDK for Mira, a self-hostable OpenAI-compatible AI
// gateway. The mira command-line tool is built on it.
//
// A Client talks HTTPS only: it refuses an http:// base URL, always verifies
// the server's certificate (there is deliberately no way to turn that off;
// trust a private CA with MIRA_CA_CERT or WithCAFile instead) and never speaks
// less than TLS 1.2. It retries what is worth retrying (429, 408, 409, 5xx and
// connection failures) with capped exponential backoff and full jitter,
// honouring the server's retry-after-ms, Retry-After and x-should-retry
// headers. It never puts the API key in an error, a log line or a printed
// value.
//
// Typical use reads the environment (MIRA_BASE_URL, MIRA_API_KEY,
// MIRA_CA_CERT, MIRA_DEBUG):
//
//	c, err := client.New(client.FromEnv())
//	if err != nil {
//		return err
//	}
//	stream, err := c.ChatCompletionStream(ctx, client.ChatRequest{
//		Model:    "mira-echo",
//		Messages: []client.Message{{Role: "user", Content: "Hello"}},
//	})
//	if err != nil {
//		return err
//	}
//	defer stream.Close()
//	for stream.Next() {
//		for _, ch := range stream.Chunk().Choices {
//			fmt.Print(ch.Delta.Content)
//		}
//	}
//	return stream.Err()
//
// Failed calls return an *Error carrying the HTTP status, the OpenAI error
// code (such as "rate_limit_exceeded") and the server's request id.
package client
