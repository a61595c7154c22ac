package provider

import (
	"testing"
)

// TestScanUsageAgreesWithDecoding checks that the usage scanner either
// declines or reads what encoding/json reads, on usual and unusual usage
// objects (all compact, as after compactJSON).
func TestScanUsageAgreesWithDecoding(t *testing.T) {
	for _, raw := range []string{
		`{"prompt_tokens":12,"completion_tokens":30,"total_tokens":42}`,
		`{"prompt_tokens":12,"completion_tokens":30,"total_tokens":42,"prompt_tokens_details":{"cached_tokens":0},"completion_tokens_details":{"reasoning_tokens":7}}`,
		`{"input_tokens":5,"output_tokens":9,"total_tokens":14,"input_tokens_details":{"cached_tokens":1}}`,
		`{"prompt_tokens":0,"completion_tokens":0,"input_tokens":3,"output_tokens":4}`,
		`{}`,
		`null`,
		`{"prompt_tokens":1,"prompt_tokens":2}`, // duplicate: the last wins
		`{"Prompt_Tokens":7,"completion_tokens":1}`, // another letter case
		`{"prompt\u005ftokens":7}`,                  // escaped key
		`{"prompt_tokens":1.5}`,                     // not a whole number
		`{"prompt_tokens":1e2}`,
		`{"prompt_tokens":null,"completion_tokens":3}`,
		`{"prompt_tokens":"12"}`,
		`{"prompt_tokens":-3,"completion_tokens":4}`,
		`{"prompt_tokens":99999999999999999999999}`,
		`[1,2]`,
	} {
		want, wantOK := decodeUsage([]byte(raw))
		got, ok := scanUsage([]byte(raw))
		if ok && (got != want || !wantOK) {
			t.Errorf("scanUsage(%s) = %+v; encoding/json reads %+v, %v", raw, got, want, wantOK)
		}
		if p, pok := parseUsage([]byte(raw)); p != want || pok != wantOK {
			t.Errorf("parseUsage(%s) = %+v, %v; want %+v, %v", raw, p, pok, want, wantOK)
		}
	}
	// The usual shapes are read by the scanner, not the decoder.
	for _, raw := range []string{
		`{"prompt_tokens":12,"completion_tokens":30,"total_tokens":42,"prompt_tokens_details":{"cached_tokens":0}}`,
		`{"input_tokens":5,"output_tokens":9,"total_tokens":14}`,
	} {
		if _, ok := scanUsage([]byte(raw)); !ok {
			t.Errorf("scanUsage(%s) declined a usual usage object", raw)
		}
	}
}

func BenchmarkParseUsage(b *testing.B) {
	raw := []byte(`{"prompt_tokens":12,"completion_tokens":30,"total_tokens":42,"prompt_tokens_details":{"cached_tokens":0},"completion_tokens_details":{"reasoning_tokens":0}}`)
	b.Run("scan", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			parseUsage(raw)
		}
	})
	b.Run("decode", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			decodeUsage(raw)
		}
	})
}
