package main

import "github.com/spf13/cobra"

// examples are the Example sections of --help, by command path without
// "mira ". Kept together so that they read as one consistent set;
// TestEveryCommandHasExample fails for a runnable command without one.
var examples = map[string]string{
	"serve":                    "  mira serve\n  mira serve --config mira.yaml\n  mira serve --listen 0.0.0.0:8443 --tls-cert cert.pem --tls-key key.pem",
	"admin audit verify":       "  mira admin audit verify --data-dir ./mira-data",
	"admin backup keygen":      "  mira admin backup keygen > backup.key",
	"admin backup list":        "  mira admin backup list",
	"admin backup restore":     "  mira admin backup restore --identity backup.key\n  mira admin backup restore --identity backup.key --database-url postgres://mira@db/mira_restored",
	"admin backup run":         "  mira admin backup run",
	"admin backup verify":      "  mira admin backup verify --identity backup.key",
	"admin key create":         "  mira admin key create --email dev@example.com --name ci\n  mira admin key create --email dev@example.com --name prod --env production --scopes chat --expires 90d --json",
	"admin key list":           "  mira admin key list --email dev@example.com\n  mira admin key list --email dev@example.com --json",
	"admin key revoke":         "  mira admin key revoke key_abc123          # asks first on a terminal\n  mira admin key revoke key_abc123 --yes    # scripts",
	"admin signing-key rotate": "  mira admin signing-key rotate",
	"admin user create":        "  echo 'a long password' | mira admin user create --email dev@example.com --role owner --password-stdin",
	"alerts":                   "  mira alerts\n  mira alerts --state open --severity high --json",
	"alerts ack":               "  mira alerts ack alert_abc123",
	"auth login":               "  mira auth login\n  mira auth login --web",
	"auth logout":              "  mira auth logout",
	"auth status":              "  mira auth status\n  mira auth status --json",
	"auth token":               "  curl -H \"Authorization: Bearer $(mira auth token)\" $MIRA_BASE_URL/v1/models",
	"chat":                     "  mira chat 'Say hello'\n  mira chat --model gpt-4o-mini --system 'Be brief' 'What is TLS?'\n  git diff | mira chat",
	"check":                    "  mira check\n  mira check ./myproject --json",
	"keys create":              "  mira keys create --name ci\n  mira keys create --name prod --env production --scopes chat",
	"keys list":                "  mira keys list\n  mira keys list --json",
	"keys revoke":              "  mira keys revoke key_abc123          # asks first on a terminal\n  mira keys revoke key_abc123 --yes    # scripts",
	"keys rotate":              "  mira keys rotate key_abc123                   # the old key works 24h more\n  mira keys rotate key_abc123 --grace 0 --yes   # the old key stops now",
	"logs":                     "  mira logs\n  mira logs --key key_abc123 --errors",
	"models":                   "  mira models\n  mira models --json",
	"moderate":                 "  mira moderate --input requests.jsonl",
	"scan":                     "  mira scan\n  mira scan --staged\n  mira scan --git-history --report .",
	"usage":                    "  mira usage\n  mira usage --from 2025-01-01 --group-by key,model",
}

// setExamples fills in the Example of every command under c that has none.
func setExamples(c *cobra.Command) {
	for _, sub := range c.Commands() {
		setExamples(sub)
	}
	path := c.CommandPath()
	if len(path) > len("mira ") && c.Example == "" {
		c.Example = examples[path[len("mira "):]]
	}
}
