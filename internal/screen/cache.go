package screen

import (
	"crypto/hmac"
	"crypto/rand"
	"crypto/sha256"
	"encoding/binary"
	"fmt"
	"hash"
	"sync"
)

// A chat client resends the whole conversation on every turn. So that the
// history is not scanned again each time, the texts found clean are
// remembered in a bounded set of keyed hashes (cleanCache): a text whose
// key is in the set is not scanned again. Only clean results are kept: a
// flagged or blocked text, or one the external classifier could not judge,
// is always scanned anew.
//
// The key of a text is an HMAC-SHA-256, cut to 128 bits, with a key drawn
// at random when the process starts, of what decided it was clean: the
// organisation that sent it, for the content filter the filter's policy
// version (see policyVersion) and the key of the text before it, so that
// a text counts as seen only after the very same texts, and the text. A
// client cannot compute keys, so it cannot forge a key that another text
// already has; and as the organisation is in the key, the time an answer
// takes never tells one organisation which texts another has sent.

// cacheEntries bounds the set: 64 Ki keys of 16 bytes, about 4 MB with the
// index.
const cacheEntries = 1 << 16

// cleanCache is a set of keys with CLOCK eviction: a key looked up since
// the hand last passed survives one more round. It is safe for concurrent
// use.
type cleanCache struct {
	mu   sync.Mutex
	idx  map[cacheKey]int32 // slot of each key
	keys []cacheKey         // by slot
	used []bool             // by slot: looked up since the hand passed
	hand int
	max  int
}

type cacheKey [16]byte

func newCleanCache(max int) *cleanCache {
	return &cleanCache{idx: map[cacheKey]int32{}, max: max}
}

// clean is the process's set of texts found clean, shared by every Set
// and filter (the policy version is in the keys).
var clean = newCleanCache(cacheEntries)

// lookup reports, per key of ks, whether it is in the set.
func (c *cleanCache) lookup(ks []cacheKey) []bool {
	hit := make([]bool, len(ks))
	c.mu.Lock()
	defer c.mu.Unlock()
	for i, k := range ks {
		if slot, ok := c.idx[k]; ok {
			c.used[slot] = true
			hit[i] = true
		}
	}
	return hit
}

// add puts keys in the set, evicting the oldest unused ones when it is full.
func (c *cleanCache) add(ks ...cacheKey) {
	c.mu.Lock()
	defer c.mu.Unlock()
	for _, k := range ks {
		if _, ok := c.idx[k]; ok {
			continue
		}
		if len(c.keys) < c.max {
			c.idx[k] = int32(len(c.keys))
			c.keys = append(c.keys, k)
			c.used = append(c.used, false)
			continue
		}
		for c.used[c.hand] {
			c.used[c.hand] = false
			c.hand = (c.hand + 1) % c.max
		}
		delete(c.idx, c.keys[c.hand])
		c.keys[c.hand], c.used[c.hand] = k, false
		c.idx[k] = int32(c.hand)
		c.hand = (c.hand + 1) % c.max
	}
}

// len returns the number of keys in the set.
func (c *cleanCache) len() int {
	c.mu.Lock()
	defer c.mu.Unlock()
	return len(c.idx)
}

// hashKey is the per-process key of the hash; nobody outside the process
// knows it.
var hashKey = func() []byte {
	k := make([]byte, 32)
	if _, err := rand.Read(k); err != nil {
		panic(err) // crypto/rand does not fail on supported systems
	}
	return k
}()

// Domains of the keys, so that a text's key for one check is never its
// key for another.
const (
	domainSensitive byte = 's'
	domainFilter    byte = 'f'
)

// hasher is a keyed hash and a buffer to feed it, reused across texts.
type hasher struct {
	h   hash.Hash
	buf []byte
}

var hashers = sync.Pool{New: func() any { return &hasher{h: hmac.New(sha256.New, hashKey)} }}

// keyOf returns the keyed hash of the domain, the scope (the organisation,
// and for the content filter the policy version before it), the key of
// the text before (content filter) and the text; each part but the last is preceded by its length, so no
// two inputs share an encoding.
func keyOf(domain byte, scope, prev []byte, text string) cacheKey {
	hs := hashers.Get().(*hasher)
	b := append(hs.buf[:0], domain)
	b = binary.LittleEndian.AppendUint32(b, uint32(len(scope)))
	b = binary.LittleEndian.AppendUint32(b, uint32(len(prev)))
	b = append(append(append(b, scope...), prev...), text...)
	hs.h.Reset()
	hs.h.Write(b)
	var sum [sha256.Size]byte
	var k cacheKey
	copy(k[:], hs.h.Sum(sum[:0]))
	if cap(b) <= 64<<10 {
		hs.buf = b
	}
	hashers.Put(hs)
	return k
}

// policyVersion returns what identifies a filter's judgement: every
// setting of the local classifier (policy, thresholds, the model in use)
// and of the external one. A filter whose policy changes gets another
// version, so nothing it found clean before is taken as clean by it.
func policyVersion(local, ext any) []byte {
	h := sha256.New()
	fmt.Fprintf(h, "%+v\x00%+v", local, ext)
	return h.Sum(nil)
}
