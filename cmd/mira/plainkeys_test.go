package main

import (
	"bufio"
	"bytes"
	"compress/gzip"
	"compress/zlib"
	"fmt"
	"io"
	"net"
	"net/http"
	"strings"
	"testing"
	"time"
)

// percentAll encodes every byte of s as %XX.
func percentAll(s string) string {
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		fmt.Fprintf(&b, "%%%02X", s[i])
	}
	return b.String()
}

func gzipped(t *testing.T, s string) []byte {
	var b bytes.Buffer
	z := gzip.NewWriter(&b)
	z.Write([]byte(s))
	if err := z.Close(); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

func zlibbed(t *testing.T, s string) []byte {
	var b bytes.Buffer
	z := zlib.NewWriter(&b)
	z.Write([]byte(s))
	if err := z.Close(); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

// TestPlainHTTPHiddenKeysRevoked sends a key over plain HTTP in each of the
// ways it could hide from a plain search of the headers, the URL and the
// body's first 64 KiB; each key must be revoked all the same.
func TestPlainHTTPHiddenKeysRevoked(t *testing.T) {
	ts := startServer(t, "", nil)
	chat := `{"model":"mira-echo","messages":[{"role":"user","content":"hi"}]}`
	pad := strings.Repeat("a", 3<<20)
	tests := []struct {
		name string
		req  func(key string) *http.Request
	}{
		{"basic auth, key as user (curl -u KEY:)", func(key string) *http.Request {
			r, _ := http.NewRequest("GET", "http://"+ts.HTTPAddr+"/v1/models", nil)
			r.SetBasicAuth(key, "")
			return r
		}},
		{"basic auth, key as password", func(key string) *http.Request {
			r, _ := http.NewRequest("GET", "http://"+ts.HTTPAddr+"/v1/models", nil)
			r.SetBasicAuth("user", key)
			return r
		}},
		{"query, dashes percent-encoded", func(key string) *http.Request {
			r, _ := http.NewRequest("GET", "http://"+ts.HTTPAddr+"/v1/models?api_key="+strings.ReplaceAll(key, "-", "%2D"), nil)
			return r
		}},
		{"query, every byte percent-encoded", func(key string) *http.Request {
			r, _ := http.NewRequest("GET", "http://"+ts.HTTPAddr+"/v1/models?api_key="+percentAll(key), nil)
			return r
		}},
		{"header, percent-encoded", func(key string) *http.Request {
			r, _ := http.NewRequest("GET", "http://"+ts.HTTPAddr+"/v1/models", nil)
			r.Header.Set("Cookie", "mira_key="+strings.ReplaceAll(key, "-", "%2d"))
			return r
		}},
		{"form body, percent-encoded", func(key string) *http.Request {
			r, _ := http.NewRequest("POST", "http://"+ts.HTTPAddr+"/v1/keys", strings.NewReader("name=a+b&api_key="+percentAll(key)))
			r.Header.Set("Content-Type", "application/x-www-form-urlencoded")
			return r
		}},
		{"gzip body", func(key string) *http.Request {
			r, _ := http.NewRequest("POST", "http://"+ts.HTTPAddr+"/v1/chat/completions",
				bytes.NewReader(gzipped(t, `{"api_key":"`+key+`",`+chat[1:])))
			r.Header.Set("Content-Encoding", "gzip")
			return r
		}},
		{"deflate body", func(key string) *http.Request {
			r, _ := http.NewRequest("POST", "http://"+ts.HTTPAddr+"/v1/chat/completions",
				bytes.NewReader(zlibbed(t, `{"api_key":"`+key+`",`+chat[1:])))
			r.Header.Set("Content-Encoding", "deflate")
			return r
		}},
		{"body, after 3 MiB", func(key string) *http.Request {
			r, _ := http.NewRequest("POST", "http://"+ts.HTTPAddr+"/v1/chat/completions",
				strings.NewReader(`{"pad":"`+pad+`","api_key":"`+key+`"}`))
			return r
		}},
		{"body, across the first chunk boundary", func(key string) *http.Request {
			// The scan's first chunk ends at 64 KiB + 512 bytes.
			r, _ := http.NewRequest("POST", "http://"+ts.HTTPAddr+"/v1/chat/completions",
				strings.NewReader(pad[:64<<10+512-20]+key+"}"))
			return r
		}},
	}
	var keys []string
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			key, _ := ts.createKey(t)
			keys = append(keys, key)
			resp, err := http.DefaultClient.Do(tt.req(key))
			if err != nil {
				t.Fatal(err)
			}
			b, _ := io.ReadAll(resp.Body)
			resp.Body.Close()
			checkError(t, resp, string(b), 403, "https_required")
			r, body := ts.do(t, "GET", "/v1/models", key, "")
			checkError(t, r, body, 401, "key_revoked")
		})
	}
	checkNoKeyLogged(t, ts, keys)
}

// TestPlainHTTPToHTTPSPort sends plain HTTP to the HTTPS port: it gets the
// plain listener's answer and its key is revoked, while a silent
// connection holds nothing up and TLS clients are served as before.
func TestPlainHTTPToHTTPSPort(t *testing.T) {
	ts := startServer(t, "", nil)
	key, _ := ts.createKey(t)
	bystander, _ := ts.createKey(t)

	silent, err := net.Dial("tcp", ts.Addr)
	if err != nil {
		t.Fatal(err)
	}
	defer silent.Close()

	c, err := net.Dial("tcp", ts.Addr)
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	c.SetDeadline(time.Now().Add(10 * time.Second))
	fmt.Fprintf(c, "GET /v1/models HTTP/1.1\r\nHost: %s\r\nAuthorization: Bearer %s\r\nConnection: close\r\n\r\n", ts.Addr, key)
	resp, err := http.ReadResponse(bufio.NewReader(c), nil)
	if err != nil {
		t.Fatal(err)
	}
	b, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	checkError(t, resp, string(b), 403, "https_required")

	r, body := ts.do(t, "GET", "/v1/models", key, "")
	checkError(t, r, body, 401, "key_revoked")
	if r, body := ts.do(t, "GET", "/v1/models", bystander, ""); r.StatusCode != 200 {
		t.Errorf("a TLS client with another key: %d %s", r.StatusCode, body)
	}
	checkNoKeyLogged(t, ts, []string{key, bystander})
}

// TestPlainHTTPLookAlikeKeepsKey sends look-alikes of a key (bad checksum)
// every way: nothing is revoked.
func TestPlainHTTPLookAlikeKeepsKey(t *testing.T) {
	ts := startServer(t, "", nil)
	key, _ := ts.createKey(t)
	bad := key[:len(key)-1] + "A"
	if bad == key {
		bad = key[:len(key)-1] + "B"
	}
	req, _ := http.NewRequest("POST", "http://"+ts.HTTPAddr+"/v1/chat/completions?k="+percentAll(bad),
		bytes.NewReader(gzipped(t, `{"api_key":"`+bad+`"}`)))
	req.Header.Set("Content-Encoding", "gzip")
	req.SetBasicAuth(bad, "")
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if r, body := ts.do(t, "GET", "/v1/models", key, ""); r.StatusCode != 200 {
		t.Errorf("a look-alike sent over plain HTTP broke the real key: %d %s", r.StatusCode, body)
	}
	checkNoKeyLogged(t, ts, []string{key, bad})
}

func checkNoKeyLogged(t *testing.T, ts *testServer, keys []string) {
	t.Helper()
	logs := ts.logs.String()
	for _, k := range keys {
		for _, s := range []string{k, k[8:52], percentAll(k)} {
			if strings.Contains(logs, s) {
				t.Errorf("the server log holds a raw key")
			}
		}
	}
}
