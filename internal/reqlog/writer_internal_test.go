package reqlog

import (
	"slices"
	"testing"
)

// TestStatementSizes: a batch of any size is written in statements of the
// four fixed sizes, which add up to the batch, so no more than four
// statements of a kind are ever prepared.
func TestStatementSizes(t *testing.T) {
	sizes := map[int]bool{}
	for n := 1; n <= 1000; n++ {
		sum, stmts := 0, 0
		for sum < n {
			r := statementSize(n - sum)
			if !slices.Contains(statementRows[:], r) {
				t.Fatalf("batch of %d: a statement of %d rows", n, r)
			}
			sizes[r] = true
			sum += r
			stmts++
		}
		if sum != n {
			t.Fatalf("batch of %d: statements of %d rows in all", n, sum)
		}
		if want := n/64 + 3*3; stmts > want {
			t.Errorf("batch of %d: %d statements; want at most %d", n, stmts, want)
		}
	}
	if len(sizes) != len(statementRows) {
		t.Errorf("sizes used %v; want %v", sizes, statementRows)
	}
}
