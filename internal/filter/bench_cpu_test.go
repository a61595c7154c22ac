package filter_test

import (
	"syscall"
	"testing"
	"time"
)

// cpuTime is the process's user and system CPU time. On a shared machine
// a benchmark's wall time counts other processes' turns; its CPU time does
// not, so the benchmarks report both.
func cpuTime() time.Duration {
	var ru syscall.Rusage
	syscall.Getrusage(syscall.RUSAGE_SELF, &ru)
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

// benchCPU runs check b.N times over text and reports CPU milliseconds per
// kilobyte (cpu-ms/KB) next to the wall time.
func benchCPU(b *testing.B, text string, check func(string)) {
	b.SetBytes(int64(len(text)))
	b.ReportAllocs()
	start := cpuTime()
	n := 0
	for b.Loop() {
		check(text)
		n++
	}
	ms := float64(cpuTime()-start) / float64(time.Millisecond)
	b.ReportMetric(ms/float64(n)/(float64(len(text))/1024), "cpu-ms/KB")
}
