package dataset

import (
	"slices"
	"unicode/utf8"
)

// PIITypes maps the data's span types to sensitive-data finding types. The
// other types in the data (PERSON, GPE, US_SSN, ...) are not detected.
var PIITypes = map[string]string{
	"CREDIT_CARD":  "card_number",
	"EMAIL":        "email",
	"PHONE_NUMBER": "phone",
	"IBAN_CODE":    "iban",
}

// SpanCounts are exact-match span counts for one type.
type SpanCounts struct {
	TP, FP, FN int
}

// Precision, Recall and F1 of the counts (1 when there is nothing to get wrong).
func (c SpanCounts) Precision() float64 { return ratio(c.TP, c.TP+c.FP) }
func (c SpanCounts) Recall() float64    { return ratio(c.TP, c.TP+c.FN) }
func (c SpanCounts) F1() float64 {
	p, r := c.Precision(), c.Recall()
	if p+r == 0 {
		return 0
	}
	return 2 * p * r / (p + r)
}

func ratio(a, b int) float64 {
	if b == 0 {
		return 1
	}
	return float64(a) / float64(b)
}

// Detected is a span a detector found, in byte offsets.
type Detected struct {
	Type       string
	Start, End int
}

// ScorePII compares detected spans (byte offsets, our type names) with the
// labelled spans of rows (code points, the data's type names), by exact
// match of type and boundaries, per our type.
func ScorePII(rows []Row, detect func(string) []Detected) map[string]*SpanCounts {
	out := map[string]*SpanCounts{}
	for _, t := range PIITypes {
		out[t] = &SpanCounts{}
	}
	type key struct {
		typ        string
		start, end int
	}
	for _, r := range rows {
		var want []key
		for _, s := range r.Spans {
			if t, ok := PIITypes[s.Type]; ok {
				want = append(want, key{t, s.Start, s.End})
			}
		}
		var got []key
		for _, d := range detect(r.Text) {
			if _, ok := out[d.Type]; !ok {
				continue
			}
			got = append(got, key{d.Type, runeOffset(r.Text, d.Start), runeOffset(r.Text, d.End)})
		}
		for _, g := range got {
			if slices.Contains(want, g) {
				out[g.typ].TP++
			} else {
				out[g.typ].FP++
			}
		}
		for _, w := range want {
			if !slices.Contains(got, w) {
				out[w.typ].FN++
			}
		}
	}
	return out
}

func runeOffset(s string, b int) int { return utf8.RuneCountInString(s[:b]) }
