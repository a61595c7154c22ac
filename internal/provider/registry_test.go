package provider

import (
	"context"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"
	"github.com/vmira/mira/internal/openai"
)

// fakeProvider serves names only.
type fakeProvider struct {
	name   string
	models []string
}

func (f fakeProvider) Name() string     { return f.name }
func (f fakeProvider) Models() []string { return f.models }
func (fakeProvider) Chat(context.Context, *openai.ChatRequest, []byte) (*Response, error) {
	return nil, nil
}
func (fakeProvider) ChatStream(context.Context, *openai.ChatRequest, []byte) (Stream, error) {
	return nil, nil
}

func TestRegistry(t *testing.T) {
	r, err := NewRegistry(fakeProvider{"vllm", []string{"llama", "qwen"}}, NewEcho(), fakeProvider{"openai", []string{"gpt-4o"}})
	if err != nil {
		t.Fatalf("NewRegistry: %v", err)
	}
	want := []openai.Model{
		{ID: "gpt-4o", Object: "model", OwnedBy: "openai", Endpoints: []string{"chat", "responses"}},
		{ID: "llama", Object: "model", OwnedBy: "vllm", Endpoints: []string{"chat", "responses"}},
		{ID: "mira-echo", Object: "model", OwnedBy: "mira", Endpoints: []string{"chat", "responses", "completions", "embeddings"}},
		{ID: "qwen", Object: "model", OwnedBy: "vllm", Endpoints: []string{"chat", "responses"}},
	}
	got := r.Models()
	if diff := cmp.Diff(want, got, cmpopts.IgnoreFields(openai.Model{}, "Created")); diff != "" {
		t.Errorf("Models (-want +got):\n%s", diff)
	}
	got[0].ID = "changed"
	if r.Models()[0].ID != "gpt-4o" {
		t.Error("Models returned the registry's own slice")
	}
	if p, ok := r.Lookup("qwen"); !ok || p.Name() != "vllm" {
		t.Errorf("Lookup(qwen) = %v, %v; want vllm", p, ok)
	}
	if p, ok := r.Lookup("mira-echo"); !ok || p.Name() != "mira" {
		t.Errorf("Lookup(mira-echo) = %v, %v; want mira", p, ok)
	}
	if _, ok := r.Lookup("nope"); ok {
		t.Error("Lookup(nope) found a provider")
	}
}

func TestRegistryErrors(t *testing.T) {
	tests := []struct {
		name string
		ps   []Provider
		want string
	}{
		{"duplicate model", []Provider{fakeProvider{"a", []string{"m"}}, fakeProvider{"b", []string{"x", "m"}}}, `model "m" is served by both provider "a" and provider "b"`},
		{"echo model twice", []Provider{NewEcho(), fakeProvider{"b", []string{"mira-echo"}}}, `model "mira-echo"`},
		{"duplicate provider", []Provider{fakeProvider{"a", []string{"m"}}, fakeProvider{"a", []string{"n"}}}, `provider "a" is configured twice`},
		{"empty model", []Provider{fakeProvider{"a", []string{""}}}, "empty model name"},
	}
	for _, tt := range tests {
		_, err := NewRegistry(tt.ps...)
		if err == nil || !strings.Contains(err.Error(), tt.want) {
			t.Errorf("%s: NewRegistry = %v; want an error containing %q", tt.name, err, tt.want)
		}
	}
}
