package config

import (
	"strings"
	"testing"
)

func TestProviderEndpoints(t *testing.T) {
	tests := []struct {
		name string
		eps  []string
		want string // "" when valid
	}{
		{"default", nil, ""},
		{"native responses", []string{"chat", "responses", "embeddings"}, ""},
		{"unknown", []string{"chat", "images"}, `"images" is not an endpoint`},
		{"twice", []string{"chat", "chat"}, "listed twice"},
		{"no chat", []string{"embeddings"}, "must include chat"},
	}
	for _, tt := range tests {
		c := Default()
		c.Providers = []Provider{{Name: "up", Type: "openai", BaseURL: "http://127.0.0.1:8000/v1", Models: []string{"m"}, Endpoints: tt.eps}}
		err := c.Validate()
		switch {
		case tt.want == "" && err != nil:
			t.Errorf("%s: Validate = %v; want nil", tt.name, err)
		case tt.want != "" && (err == nil || !strings.Contains(err.Error(), "providers[0].endpoints") || !strings.Contains(err.Error(), tt.want)):
			t.Errorf("%s: Validate = %v; want an error on providers[0].endpoints saying %q", tt.name, err, tt.want)
		}
	}
	if got := (Provider{}).EndpointList(); strings.Join(got, ",") != "chat,completions,embeddings" {
		t.Errorf("default EndpointList = %v", got)
	}
}
