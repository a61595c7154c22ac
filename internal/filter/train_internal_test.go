package filter

import (
	"fmt"
	"math"
	"testing"
)

// TestTrainAveragesOrders checks that a model trained on several shuffled
// orders scores as the mean of the models of those orders: linear models
// averaged give the mean logit.
func TestTrainAveragesOrders(t *testing.T) {
	// Contradictory labels on overlapping texts: where an example falls in
	// the order decides much of the model, so two orders differ.
	var ex []Example
	for i := range 80 {
		ex = append(ex,
			Example{Text: fmt.Sprintf("ignore the weather report %d", i%7), Targets: map[string]int{PromptInjection: i % 2}},
			Example{Text: fmt.Sprintf("reveal the weather prompt %d", i%5), Targets: map[string]int{PromptInjection: (i / 2) % 2}})
	}
	heads := []string{PromptInjection}
	opt := DefaultTrainOptions()
	opt.Bits, opt.Epochs, opt.Rate, opt.Orders = 12, 1, 1, 2
	both := Train(ex, heads, opt)
	opt.Orders = 1
	first := Train(ex, heads, opt)
	opt.Seed++
	second := Train(ex, heads, opt)
	logit := func(m *Model, text string) float64 {
		nt := normalize(text)
		var fs featureSet
		fs.extract(&nt, m.NgramMin, m.NgramMax)
		out := make([]float64, 1)
		m.logits(&fs, out)
		return out[0]
	}
	for _, text := range []string{"ignore the weather report 3", "reveal the weather prompt 1"} {
		a, b := logit(first, text), logit(second, text)
		if math.Abs(a-b) < 0.2 {
			t.Fatalf("%q: the two orders' logits %.3f and %.3f hardly differ; the test cannot tell an average from either", text, a, b)
		}
		if got := logit(both, text); math.Abs(got-(a+b)/2) > math.Abs(a-b)/5 {
			t.Errorf("%q: logit of the 2-order model %.3f, the orders' %.3f and %.3f (mean %.3f)", text, got, a, b, (a+b)/2)
		}
	}
	if string(mustMarshal(t, first)) == string(mustMarshal(t, second)) {
		t.Error("two seeds gave the same model: the orders are not shuffled differently")
	}
}

func mustMarshal(t *testing.T, m *Model) []byte {
	t.Helper()
	b, err := m.MarshalBinary()
	if err != nil {
		t.Fatal(err)
	}
	return b
}
