package reqlog_test

import (
	"bytes"
	"context"
	"strings"
	"testing"

	"github.com/vmira/mira/internal/apikey"
	"github.com/vmira/mira/internal/reqlog"
	"github.com/vmira/mira/internal/sensitive"
	"github.com/vmira/mira/internal/store"
)

const card = "4111 1111 1111 1111"

// clearPhrase is ordinary text of a body: it must not be readable in the
// database files either, since bodies are encrypted.
const clearPhrase = "purple-giraffe-umbrella-phrase"

func TestBodiesMaskedAndEncrypted(t *testing.T) {
	eachDB(t, func(t *testing.T, db *store.DB, dir string) {
		ctx := context.Background()
		miraKey := apikey.Generate()
		reqBody := `{"model":"mira-echo","messages":[{"role":"user","content":"` + clearPhrase + ` card ` + card + ` key ` + miraKey + `"}]}`
		respBody := `{"choices":[{"message":{"content":"echo ` + clearPhrase + ` ` + card + `"}}]}`
		secrets := []string{card, strings.ReplaceAll(card, " ", ""), miraKey, clearPhrase, "[REDACTED"}

		kr := keyring(t)
		bodiesFor := map[string]bool{"org_a": true}
		cfg := reqlog.Config{
			StoreBodies: func(org string) bool { return bodiesFor[org] },
			Masker:      sensitive.Mask,
			Keyring:     kr,
		}
		w := newWriter(t, db, cfg)
		cfg.ZeroRetention = true
		zero := newWriter(t, db, cfg)

		if !w.WantsBodies("org_a") || w.WantsBodies("org_b") || zero.WantsBodies("org_a") {
			t.Errorf("WantsBodies(org_a, org_b, zero-retention org_a) = %v, %v, %v; want true, false, false",
				w.WantsBodies("org_a"), w.WantsBodies("org_b"), zero.WantsBodies("org_a"))
		}
		entry := func(org, id string) reqlog.Entry {
			return reqlog.Entry{Time: t0, OrgID: org, KeyID: "key_1", RequestID: id, Status: 200,
				Request: []byte(reqBody), Response: []byte(respBody)}
		}
		w.Log(entry("org_a", "req_on"))
		w.Log(entry("org_b", "req_off"))
		zero.Log(entry("org_a", "req_zero"))
		flush(t, w)
		flush(t, zero)

		r := reqlog.NewReader(db, kr)
		recs := map[string]reqlog.Record{}
		for _, org := range []string{"org_a", "org_b"} {
			page, err := r.Logs(ctx, reqlog.LogQuery{OrgID: org, IncludeBodies: true})
			if err != nil {
				t.Fatal(err)
			}
			for _, rec := range page.Records {
				recs[rec.RequestID] = rec
			}
		}
		on := recs["req_on"]
		if !on.HasBodies || on.BodyError != "" {
			t.Fatalf("bodies on: HasBodies %v, BodyError %q; want stored and readable", on.HasBodies, on.BodyError)
		}
		for _, b := range []struct {
			name string
			got  []byte
			raw  string
		}{{"request", on.Request, reqBody}, {"response", on.Response, respBody}} {
			if want := sensitive.Mask(b.raw); string(b.got) != want {
				t.Errorf("stored %s body = %q; want the masked body %q", b.name, b.got, want)
			}
			if !bytes.Contains(b.got, []byte("[REDACTED:card_number]")) || bytes.Contains(b.got, []byte(card)) {
				t.Errorf("stored %s body %q: card number not masked", b.name, b.got)
			}
		}
		if bytes.Contains(on.Request, []byte(miraKey)) || !bytes.Contains(on.Request, []byte("[REDACTED:mira_key]")) {
			t.Errorf("stored request body %q: Mira key not masked", on.Request)
		}
		// Without IncludeBodies nothing is decrypted.
		page, _ := r.Logs(ctx, reqlog.LogQuery{OrgID: "org_a"})
		for _, rec := range page.Records {
			if rec.Request != nil || rec.Response != nil {
				t.Errorf("Logs without IncludeBodies returned bodies for %s", rec.RequestID)
			}
		}
		for _, id := range []string{"req_off", "req_zero"} {
			if rec := recs[id]; rec.HasBodies || rec.Request != nil || rec.Response != nil {
				t.Errorf("%s: HasBodies %v, bodies %q %q; want none stored", id, rec.HasBodies, rec.Request, rec.Response)
			}
		}

		// Nothing of the bodies is readable where they are stored.
		rows, err := db.SQL().Query(`SELECT request_id, body_kid, request_body, response_body FROM request_logs`)
		if err != nil {
			t.Fatal(err)
		}
		defer rows.Close()
		for rows.Next() {
			var (
				id, kid   string
				req, resp []byte
			)
			if err := rows.Scan(&id, &kid, &req, &resp); err != nil {
				t.Fatal(err)
			}
			if id != "req_on" && (req != nil || resp != nil || kid != "") {
				t.Errorf("%s: stored body_kid %q and bodies; want none", id, kid)
			}
			if id == "req_on" && kid != kr.KeyID() {
				t.Errorf("%s: body_kid %q; want %q", id, kid, kr.KeyID())
			}
			for _, s := range secrets {
				if bytes.Contains(req, []byte(s)) || bytes.Contains(resp, []byte(s)) {
					t.Errorf("%s: stored body holds %q in clear", id, s)
				}
			}
		}
		if dir != "" {
			for _, s := range secrets {
				if found := allFilesContaining(t, dir, s); len(found) > 0 {
					t.Errorf("%q is in clear in %v", s, found)
				}
			}
		}
	})
}

// TestBodyBoundToRow moves ciphertexts between rows, as someone with write
// access to the database might: they no longer decrypt.
func TestBodyBoundToRow(t *testing.T) {
	eachDB(t, func(t *testing.T, db *store.DB, dir string) {
		ctx := context.Background()
		kr := keyring(t)
		w := newWriter(t, db, reqlog.Config{StoreBodies: func(string) bool { return true }, Masker: sensitive.Mask, Keyring: kr})
		for _, id := range []string{"req_1", "req_2"} {
			w.Log(reqlog.Entry{Time: t0, OrgID: "org_a", RequestID: id, Request: []byte("body of " + id), Response: []byte("answer to " + id)})
		}
		flush(t, w)
		ids := map[string]int64{}
		r := reqlog.NewReader(db, kr)
		page, err := r.Logs(ctx, reqlog.LogQuery{OrgID: "org_a"})
		if err != nil {
			t.Fatal(err)
		}
		for _, rec := range page.Records {
			ids[rec.RequestID] = rec.ID
		}
		exec := func(q string, args ...any) {
			t.Helper()
			if _, err := db.SQL().Exec(db.Rebind(q), args...); err != nil {
				t.Fatalf("%s: %v", q, err)
			}
		}
		// req_2 gets req_1's request body; req_1 gets its own response body as its request body.
		exec(`UPDATE request_logs SET request_body = (SELECT request_body FROM request_logs WHERE id = ?) WHERE id = ?`, ids["req_1"], ids["req_2"])
		exec(`UPDATE request_logs SET request_body = response_body WHERE id = ?`, ids["req_1"])
		for _, id := range []string{"req_1", "req_2"} {
			rec, err := r.Log(ctx, "org_a", ids[id])
			if err != nil {
				t.Fatal(err)
			}
			if rec.BodyError == "" || rec.Request != nil || rec.Response != nil {
				t.Errorf("%s after moving a ciphertext: BodyError %q, bodies %q %q; want an error and no bodies", id, rec.BodyError, rec.Request, rec.Response)
			}
		}
	})
}

func TestKeyRotation(t *testing.T) {
	db, _ := openSQLite(t)
	ctx := context.Background()
	oldSecret, newSecret := bytes.Repeat([]byte{1}, 32), bytes.Repeat([]byte{2}, 32)
	on := func(string) bool { return true }

	oldKeys := keyring(t, oldSecret)
	w := newWriter(t, db, reqlog.Config{StoreBodies: on, Masker: sensitive.Mask, Keyring: oldKeys})
	w.Log(reqlog.Entry{Time: t0, OrgID: "org_a", RequestID: "req_old", Request: []byte("old body")})
	flush(t, w)

	rotated := keyring(t, newSecret, oldSecret)
	if rotated.KeyID() == oldKeys.KeyID() {
		t.Fatalf("a new secret kept the key id %q", rotated.KeyID())
	}
	w2 := newWriter(t, db, reqlog.Config{StoreBodies: on, Masker: sensitive.Mask, Keyring: rotated})
	w2.Log(reqlog.Entry{Time: t0, OrgID: "org_a", RequestID: "req_new", Request: []byte("new body")})
	flush(t, w2)

	read := func(kr *reqlog.Keyring) map[string]reqlog.Record {
		page, err := reqlog.NewReader(db, kr).Logs(ctx, reqlog.LogQuery{OrgID: "org_a", IncludeBodies: true})
		if err != nil {
			t.Fatal(err)
		}
		out := map[string]reqlog.Record{}
		for _, r := range page.Records {
			out[r.RequestID] = r
		}
		return out
	}
	got := read(rotated)
	if string(got["req_old"].Request) != "old body" || string(got["req_new"].Request) != "new body" {
		t.Errorf("with the rotated keyring: %q, %q; want both bodies", got["req_old"].Request, got["req_new"].Request)
	}
	got = read(keyring(t, newSecret))
	if got["req_old"].BodyError == "" || string(got["req_new"].Request) != "new body" {
		t.Errorf("without the old secret: old BodyError %q, new body %q; want an error, and the new body", got["req_old"].BodyError, got["req_new"].Request)
	}
	got = read(nil)
	if got["req_new"].BodyError == "" || got["req_new"].Request != nil {
		t.Errorf("with no keyring: BodyError %q, body %q; want an error", got["req_new"].BodyError, got["req_new"].Request)
	}
	if _, err := reqlog.NewKeyring(make([]byte, 16)); err == nil {
		t.Errorf("NewKeyring(16 bytes) = nil error")
	}
}

// TestLongBodyMaskedBeforeCut puts a card number across MaxBodyBytes: it
// must be masked, not cut into an unrecognisable but readable half.
func TestLongBodyMaskedBeforeCut(t *testing.T) {
	db, _ := openSQLite(t)
	kr := keyring(t)
	const max = 100
	w := newWriter(t, db, reqlog.Config{StoreBodies: func(string) bool { return true }, Masker: sensitive.Mask, Keyring: kr, MaxBodyBytes: max})
	body := strings.Repeat("a", max-8) + " " + card + " " + strings.Repeat("b", 20000)
	w.Log(reqlog.Entry{Time: t0, OrgID: "org_a", RequestID: "req_long", Request: []byte(body)})
	flush(t, w)
	page, err := reqlog.NewReader(db, kr).Logs(context.Background(), reqlog.LogQuery{OrgID: "org_a", IncludeBodies: true})
	if err != nil || len(page.Records) != 1 {
		t.Fatalf("Logs = %v, %v", page, err)
	}
	got := string(page.Records[0].Request)
	if strings.Contains(got, "1111") || strings.Contains(got, "4111") {
		t.Errorf("stored body %q holds part of the card number", got)
	}
	if !strings.HasPrefix(got, strings.Repeat("a", max-8)+" [RED") || !strings.HasSuffix(got, "[mira: body truncated]") || len(got) > max+30 {
		t.Errorf("stored body = %q; want the first %d bytes of the masked body, marked truncated", got, max)
	}
}
