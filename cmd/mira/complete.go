package main

import (
	"context"
	"net/http"
	"strings"
	"time"

	"github.com/spf13/cobra"

	"github.com/vmira/mira/client"
)

// completionTimeout bounds a completion's call to the server: a shell
// waiting on Tab must not hang when the server is away.
const completionTimeout = 2 * time.Second

// completion is a cobra ValidArgsFunction (or flag completion) that asks
// the server for the candidates of the first positional argument, each
// "value\tdescription". Without a reachable server, or with the argument
// already given, it offers nothing (and no file names).
type completion func(ctx context.Context, c *client.Client) ([]string, error)

func (e *env) complete(list completion) cobra.CompletionFunc {
	return func(cmd *cobra.Command, _ []string, _ string) ([]cobra.Completion, cobra.ShellCompDirective) {
		ctx, cancel := context.WithTimeout(cmd.Context(), completionTimeout)
		defer cancel()
		c, err := newClient(e, client.WithMaxRetries(0))
		if err != nil {
			return nil, cobra.ShellCompDirectiveNoFileComp
		}
		out, err := list(ctx, c)
		if err != nil {
			return nil, cobra.ShellCompDirectiveNoFileComp
		}
		return out, cobra.ShellCompDirectiveNoFileComp
	}
}

// workingKeys completes the ids of keys that still work (for rotate and
// revoke), described by name and display form.
func workingKeys(ctx context.Context, c *client.Client) ([]string, error) {
	var keys []apiKey
	if _, err := getList(ctx, c, "/v1/keys", &keys); err != nil {
		return nil, err
	}
	var out []string
	for _, k := range keys {
		if k.State == "active" {
			out = append(out, k.ID+"\t"+k.Name+" "+k.Display)
		}
	}
	return out, nil
}

// modelNames completes the models the credential may use.
func modelNames(ctx context.Context, c *client.Client) ([]string, error) {
	models, err := c.Models(ctx)
	if err != nil {
		return nil, err
	}
	out := make([]string, 0, len(models))
	for _, m := range models {
		out = append(out, m.ID+"\t"+m.OwnedBy)
	}
	return out, nil
}

// memberIDs completes member ids, described by e-mail address and role.
func memberIDs(ctx context.Context, c *client.Client) ([]string, error) {
	var list struct {
		Data []apiMember `json:"data"`
	}
	if err := c.Do(ctx, http.MethodGet, "/v1/members", nil, &list); err != nil {
		return nil, err
	}
	var out []string
	for _, m := range list.Data {
		out = append(out, m.ID+"\t"+m.Email+" ("+m.Role+")")
	}
	return out, nil
}

// wireCompletions adds the dynamic completions to the commands of root
// that take key ids, model names or member ids.
func wireCompletions(e *env, root *cobra.Command) {
	firstArg := func(list completion) cobra.CompletionFunc {
		f := e.complete(list)
		return func(cmd *cobra.Command, args []string, s string) ([]cobra.Completion, cobra.ShellCompDirective) {
			if len(args) > 0 {
				return nil, cobra.ShellCompDirectiveNoFileComp
			}
			return f(cmd, args, s)
		}
	}
	for path, list := range map[string]completion{
		"keys rotate": workingKeys, "keys revoke": workingKeys,
		"members remove": memberIDs,
	} {
		if cmd, _, err := root.Find(strings.Fields(path)); err == nil {
			cmd.ValidArgsFunction = firstArg(list)
		}
	}
	if role, _, err := root.Find([]string{"members", "role"}); err == nil {
		ids := firstArg(memberIDs)
		role.ValidArgsFunction = func(cmd *cobra.Command, args []string, s string) ([]cobra.Completion, cobra.ShellCompDirective) {
			if len(args) == 1 {
				return []cobra.Completion{"member", "admin", "owner"}, cobra.ShellCompDirectiveNoFileComp
			}
			return ids(cmd, args, s)
		}
	}
	if chat, _, err := root.Find([]string{"chat"}); err == nil {
		chat.RegisterFlagCompletionFunc("model", e.complete(modelNames))
	}
}
