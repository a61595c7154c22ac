package main

import (
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/vmira/mira/internal/provider"
)

// TestNodeEndpointClients runs testdata/node/endpoints.mjs: the official
// openai npm client, the Vercel AI SDK's default createOpenAI() provider
// and LangChain's ChatOpenAI (useResponsesApi) and OpenAIEmbeddings, all
// as pinned in package-lock.json (.ci/run installs them), against mira
// serve over verified TLS.
func TestNodeEndpointClients(t *testing.T) {
	dir, _ := filepath.Abs("testdata/node")
	for _, pkg := range []string{"openai", "ai", "@ai-sdk/openai", "@langchain/openai"} {
		if _, err := os.Stat(filepath.Join(dir, "node_modules", pkg)); err != nil {
			if os.Getenv("MIRA_TEST_REQUIRE_NODE") != "" {
				t.Fatalf("npm %s is not installed in testdata/node (run npm ci there)", pkg)
			}
			t.Skipf("npm %s not installed in testdata/node; .ci/run installs it", pkg)
		}
	}
	node, err := exec.LookPath("node")
	if err != nil {
		t.Fatal("node not found")
	}
	ts := startServer(t, "", nil)
	key, _ := ts.createKey(t)
	prompt := "Hello from Node, word by word, long enough to come out in several pieces past the filter's hold-back window."
	cmd := exec.Command(node, "endpoints.mjs")
	cmd.Dir = dir
	cmd.Env = append(os.Environ(), "OPENAI_BASE_URL="+ts.URL()+"/v1", "OPENAI_API_KEY="+key,
		"NODE_EXTRA_CA_CERTS="+ts.CAPath, "PROMPT="+prompt)
	out, err := cmd.Output()
	if err != nil {
		stderr := ""
		if ee, ok := err.(*exec.ExitError); ok {
			stderr = string(ee.Stderr)
		}
		t.Fatalf("node clients failed: %v\n%s", err, stderr)
	}
	var got struct {
		OpenAI struct {
			Model struct {
				ID        string
				Endpoints []string
			}
			Response struct {
				Text, Status string
				Usage        struct{ Total_tokens int }
			}
			StreamedResponse   string
			ResponseEvents     []string
			Completion         string
			StreamedCompletion string
			Embeddings         [][]float64
			ToolCall           *struct{ Type, Name, Arguments string }
			Previous           struct {
				Status  int
				Code    string
				Message string
			}
		}
		AISDK struct {
			Generated, Streamed, StreamError string
			Usage                            struct{ OutputTokens int }
			Embedding                        []float64
		} `json:"aiSDK"`
		LangChain struct {
			Invoked, Streamed string
			Query             []float64
			Documents         [][]float64
		}
	}
	if err := json.Unmarshal(out, &got); err != nil {
		t.Fatalf("node output %q: %v", out, err)
	}
	o := got.OpenAI
	if o.Model.ID != "mira-echo" || !slices.Equal(o.Model.Endpoints, []string{"chat", "responses", "completions", "embeddings"}) {
		t.Errorf("openai models.retrieve = %+v", o.Model)
	}
	for name, text := range map[string]string{
		"openai responses": o.Response.Text, "openai streamed responses": o.StreamedResponse,
		"openai completions": o.Completion, "openai streamed completions": o.StreamedCompletion,
		"AI SDK generateText": got.AISDK.Generated, "AI SDK streamText": got.AISDK.Streamed,
		"LangChain invoke": got.LangChain.Invoked, "LangChain stream": got.LangChain.Streamed,
	} {
		if text != prompt {
			t.Errorf("%s answered %q; want the echo", name, text)
		}
	}
	if o.Response.Status != "completed" || o.Response.Usage.Total_tokens == 0 || got.AISDK.Usage.OutputTokens == 0 || got.AISDK.StreamError != "" {
		t.Errorf("status %q, usage %+v, AI SDK usage %+v, stream error %q", o.Response.Status, o.Response.Usage, got.AISDK.Usage, got.AISDK.StreamError)
	}
	if n := len(o.ResponseEvents); n < 6 || o.ResponseEvents[0] != "response.created" || o.ResponseEvents[n-1] != "response.completed" {
		t.Errorf("openai response events %v", o.ResponseEvents)
	}
	if tc := o.ToolCall; tc == nil || tc.Name != "get_weather" || tc.Arguments != `{"input":"call get_weather for Lisbon"}` {
		t.Errorf("openai tool call %+v", tc)
	}
	if p := o.Previous; p.Status != 400 || p.Code != "invalid_request" || !strings.Contains(p.Message, "previous_response_id") {
		t.Errorf("previous_response_id on a translated backend: %+v; want a 400 naming it", p)
	}
	vec := func(text string, dims int) []float64 {
		var v []float64
		for _, f := range provider.EchoVector(text, dims) {
			v = append(v, float64(f))
		}
		return v
	}
	same := func(name string, got, want []float64) {
		if len(got) != len(want) {
			t.Errorf("%s: %d numbers; want %d", name, len(got), len(want))
			return
		}
		for i := range got {
			if float32(got[i]) != float32(want[i]) {
				t.Errorf("%s: %v; want the echo vector %v", name, got, want)
				return
			}
		}
	}
	if len(o.Embeddings) != 2 || len(got.LangChain.Documents) != 2 {
		t.Fatalf("embeddings: openai %d, LangChain %d; want 2 each", len(o.Embeddings), len(got.LangChain.Documents))
	}
	same("openai embeddings (base64)", o.Embeddings[1], vec("pastries", 8))
	same("AI SDK embed", got.AISDK.Embedding, vec("pastries", provider.EchoDimensions))
	same("LangChain embedQuery", got.LangChain.Query, vec("pastries", 8))
	same("LangChain embedDocuments", got.LangChain.Documents[0], vec("trams", 8))
}
