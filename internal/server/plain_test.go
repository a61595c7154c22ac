package server

import (
	"bytes"
	"compress/gzip"
	"encoding/base64"
	"fmt"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/vmira/mira/internal/apikey"
)

func TestKeyFinderBodyAcrossChunks(t *testing.T) {
	key := apikey.Generate()
	enc := strings.ReplaceAll(key, "-", "%2D")
	boundary := plainScanOverlap + plainScanChunk // where the first chunk ends
	for _, k := range []string{key, enc} {
		for off := boundary - len(k) - 2; off <= boundary+2; off++ {
			body := strings.Repeat("x", off) + k + strings.Repeat("y", 3*plainScanChunk)
			var f keyFinder
			f.scanBody(strings.NewReader(body), nil, 4<<20)
			if len(f.found) != 1 || f.found[0] != key {
				t.Fatalf("key (%d bytes) at offset %d: found %d keys; want it", len(k), off, len(f.found))
			}
		}
	}
}

func TestKeyFinderBounds(t *testing.T) {
	key := apikey.Generate()
	// Past the bound as sent: not read.
	var f keyFinder
	f.scanBody(strings.NewReader(strings.Repeat("x", 1<<20)+key), nil, 1<<20)
	if len(f.found) != 0 {
		t.Errorf("found a key past the bound")
	}
	// A zip bomb is decompressed to plainInflateBytes only, quickly.
	var b bytes.Buffer
	z := gzip.NewWriter(&b)
	z.Write(bytes.Repeat([]byte{0}, 16<<20))
	z.Write([]byte(key))
	z.Close()
	start := time.Now()
	f = keyFinder{}
	f.scanBody(bytes.NewReader(b.Bytes()), []string{"gzip"}, 4<<20)
	if d := time.Since(start); d > 2*time.Second || len(f.found) != 0 {
		t.Errorf("zip bomb: %v, %d keys; want bounded", d, len(f.found))
	}
}

// TestPlainLookAlikesNeverReachTheStore hides look-alikes (bad checksum)
// every way the plain handler searches: none is looked up.
func TestPlainLookAlikesNeverReachTheStore(t *testing.T) {
	s, ks, good := newTestServer(t)
	bad := good[:len(good)-1] + "A"
	if bad == good {
		bad = good[:len(good)-1] + "B"
	}
	var all strings.Builder
	for i := 0; i < len(bad); i++ {
		fmt.Fprintf(&all, "%%%02X", bad[i])
	}
	var gz bytes.Buffer
	z := gzip.NewWriter(&gz)
	z.Write([]byte(`{"k":"` + bad + `"}`))
	z.Close()
	req := httptest.NewRequest("POST", "/v1/chat/completions?k="+all.String(), &gz)
	req.Header.Set("Content-Encoding", "gzip")
	req.SetBasicAuth(bad, "")
	req.Header.Set("Cookie", "k="+strings.ReplaceAll(bad, "-", "%2D"))
	rec := httptest.NewRecorder()
	s.PlainHandler().ServeHTTP(rec, req)
	if rec.Code != 403 {
		t.Fatalf("plain: %d %s", rec.Code, rec.Body)
	}
	if ks.lookups != 0 {
		t.Errorf("%d lookups for look-alikes; want 0", ks.lookups)
	}
	// The real key hidden the same ways is found, once.
	var f keyFinder
	f.scanHeader("Basic " + base64.StdEncoding.EncodeToString([]byte(good+":")))
	f.scanHeader("k=" + strings.ReplaceAll(good, "-", "%2D"))
	if len(f.found) != 1 || f.found[0] != good {
		t.Errorf("found %d keys; want the real one once", len(f.found))
	}
}
