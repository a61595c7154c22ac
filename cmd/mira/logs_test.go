package main

import (
	"database/sql"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/vmira/mira/internal/apikey"
	_ "modernc.org/sqlite"
)

// waitLogs polls GET /v1/logs until n entries are there (the writer
// flushes in batches, about every second).
func waitLogs(t *testing.T, ts *testServer, key string, n int) string {
	t.Helper()
	deadline := time.Now().Add(5 * time.Second)
	for {
		_, body := ts.do(t, "GET", "/v1/logs?limit=100", key, "")
		var out struct{ Data []json.RawMessage }
		json.Unmarshal([]byte(body), &out)
		if len(out.Data) >= n {
			return body
		}
		if time.Now().After(deadline) {
			t.Fatalf("only %d log entries after 5 s: %s", len(out.Data), body)
		}
		time.Sleep(100 * time.Millisecond)
	}
}

func TestUsageAndLogs(t *testing.T) {
	ts := startServer(t, "", nil)
	key, keyID := ts.createKey(t, "--scopes", "chat:write,usage:read,logs:read,models:read")
	for range 3 {
		if r, b := ts.do(t, "POST", "/v1/chat/completions", key, `{"model":"mira-echo","messages":[{"role":"user","content":"count me"}]}`); r.StatusCode != 200 {
			t.Fatalf("chat: %d %s", r.StatusCode, b)
		}
	}
	ts.do(t, "POST", "/v1/chat/completions", key, `{"model":"nope","messages":[{"role":"user","content":"x"}]}`)
	logs := waitLogs(t, ts, key, 4)
	var page struct {
		Data []struct {
			Endpoint, Model, KeyID string
			Status                 int
			PromptTokens           int `json:"prompt_tokens"`
			Request                string
		}
	}
	json.Unmarshal([]byte(logs), &page)
	chats := 0
	for _, l := range page.Data {
		if l.Endpoint == "POST /v1/chat/completions" && l.Status == 200 && l.Model == "mira-echo" && l.PromptTokens > 0 {
			chats++
		}
		if l.Status == 404 && l.Model != "" {
			t.Errorf("an unknown model's name was logged: %+v", l)
		}
		if l.Request != "" {
			t.Error("a body was logged though bodies are off")
		}
	}
	if chats != 3 {
		t.Errorf("logs hold %d successful chats; want 3:\n%s", chats, logs)
	}
	_, usage := ts.do(t, "GET", "/v1/usage?group_by=key,model", key, "")
	var u struct {
		Data []struct {
			Day, Model  string
			KeyID       string `json:"key_id"`
			Requests    int
			TotalTokens int `json:"total_tokens"`
		}
	}
	json.Unmarshal([]byte(usage), &u)
	found := false
	for _, row := range u.Data {
		if row.Model == "mira-echo" && row.KeyID == keyID && row.Requests == 3 && row.TotalTokens > 0 && row.Day == time.Now().UTC().Format(time.DateOnly) {
			found = true
		}
	}
	if !found {
		t.Errorf("usage lacks 3 mira-echo requests for %s today: %s", keyID, usage)
	}
	// Scopes: a chat-only key reads neither.
	chatOnly, _ := ts.createKey(t, "--scopes", "chat:write")
	for _, p := range []string{"/v1/usage", "/v1/logs"} {
		r, b := ts.do(t, "GET", p, chatOnly, "")
		checkError(t, r, b, 403, "insufficient_scope")
	}
	// The CLI shows them.
	env := map[string]string{"MIRA_API_KEY": key, "MIRA_BASE_URL": ts.URL(), "MIRA_CA_CERT": ts.CAPath}
	if out, errb, code := runMira(t, env, "", "usage"); code != 0 || !strings.Contains(out, "REQUESTS") {
		t.Errorf("mira usage: %d %s %s", code, out, errb)
	}
	if out, errb, code := runMira(t, env, "", "logs"); code != 0 || !strings.Contains(out, "POST /v1/chat/completions") {
		t.Errorf("mira logs: %d %s %s", code, out, errb)
	}
}

// TestSecretsNeverStoredInClear sends a card number and a Mira key in a
// prompt, with bodies kept and not kept, and searches every file of the
// data directory for them.
func TestSecretsNeverStoredInClear(t *testing.T) {
	for _, bodies := range []bool{false, true} {
		t.Run(map[bool]string{false: "bodies off", true: "bodies on"}[bodies], func(t *testing.T) {
			cfg := ""
			if bodies {
				cfg = "logs:\n  bodies: [default]\n"
			}
			ts := startServer(t, cfg, nil)
			key, _ := ts.createKey(t, "--scopes", "chat:write,logs:read")
			card, leaked := "4111 1111 1111 1111", apikey.Generate()
			prompt := "my card is " + card + " and my key " + leaked + " please keep them"
			b, _ := json.Marshal(map[string]any{"model": "mira-echo", "messages": []map[string]string{{"role": "user", "content": prompt}}})
			if r, body := ts.do(t, "POST", "/v1/chat/completions", key, string(b)); r.StatusCode != 200 {
				t.Fatalf("chat: %d %s", r.StatusCode, body)
			}
			logs := waitLogs(t, ts, key, 1)
			if bodies {
				_, withBodies := ts.do(t, "GET", "/v1/logs?include_bodies=true", key, "")
				if !strings.Contains(withBodies, "REDACTED") || strings.Contains(withBodies, card) || strings.Contains(withBodies, leaked) {
					t.Errorf("stored bodies are not masked: %s", withBodies)
				}
			} else if strings.Contains(logs, "my card") {
				t.Error("a body was kept with bodies off")
			}
			ts.Close()
			for _, secret := range []string{card, "4111111111111111", leaked, leaked[8:40], "please keep them"} {
				filepath.WalkDir(ts.dataDir, func(path string, d os.DirEntry, err error) error {
					if err != nil || d.IsDir() {
						return err
					}
					data, _ := os.ReadFile(path)
					if strings.Contains(string(data), secret) {
						t.Errorf("%s holds %q in clear", filepath.Base(path), secret)
					}
					return nil
				})
			}
		})
	}
}

func TestAuditChainOfKeyChanges(t *testing.T) {
	ts := startServer(t, "", nil)
	admin, _ := ts.createKey(t, "--scopes", "keys:read,keys:write")
	_, victim := ts.createKey(t)
	ts.do(t, "POST", "/v1/keys/"+victim+"/rotate", admin, `{"grace_period":"0s"}`)
	ts.do(t, "DELETE", "/v1/keys/"+victim, admin, "")
	out, errb, code := ts.mira(t, "", "admin", "audit", "verify")
	if code != 0 || !strings.Contains(out, "intact") {
		t.Fatalf("verify on an untouched log: %d %s %s", code, out, errb)
	}
	ts.Close()
	// Edit one entry behind the log's back: verify finds it.
	db, err := sql.Open("sqlite", filepath.Join(ts.dataDir, "mira.db"))
	if err != nil {
		t.Fatal(err)
	}
	var seq int64
	db.QueryRow(`SELECT seq FROM audit_log WHERE action = 'key.rotated'`).Scan(&seq)
	var triggers []string
	rows, _ := db.Query(`SELECT name FROM sqlite_master WHERE type = 'trigger' AND tbl_name = 'audit_log'`)
	for rows.Next() {
		var n string
		rows.Scan(&n)
		triggers = append(triggers, n)
	}
	rows.Close()
	for _, n := range triggers {
		db.Exec(`DROP TRIGGER "` + n + `"`)
	}
	if _, err := db.Exec(`UPDATE audit_log SET target = 'key_innocent' WHERE seq = ?`, seq); err != nil {
		t.Fatal(err)
	}
	db.Close()
	out, _, code = ts.mira(t, "", "admin", "audit", "verify")
	if code != 1 || !strings.Contains(out, "seq "+itoa(seq)) {
		t.Errorf("verify after editing entry %d: exit %d\n%s", seq, code, out)
	}
}

func itoa(n int64) string { b, _ := json.Marshal(n); return string(b) }

func TestRetentionLongerThan30DaysRefused(t *testing.T) {
	cmd := miraCmd(t, []string{"MIRA_DATA_DIR=" + filepath.Join(t.TempDir(), "d"), "MIRA_LOG_RETENTION=45d"}, "serve", "--listen", "127.0.0.1:0")
	out, err := cmd.CombinedOutput()
	if err == nil || !strings.Contains(string(out), "30") {
		t.Errorf("serve with 45d retention: %v\n%s", err, out)
	}
}
