package filter

import (
	"context"
	"errors"
	"math"
	"sync/atomic"
	"time"
)

// CascadeStats counts what the external-classifier cascade did, over every
// External in the process (the metrics read them at scrape time).
type CascadeStats struct {
	Local        uint64  // texts decided locally (clear scores)
	Sent         uint64  // texts sent to the external classifier
	OK           uint64  // answers
	Errors       uint64  // failures other than timeouts
	Timeouts     uint64  // calls that ran out of time
	FailedOpen   uint64  // failures that let the text through
	FailedClosed uint64  // failures that blocked the text
	Seconds      float64 // time spent in external calls
	// BandLow and BandHigh are the band of the last text sent.
	BandLow, BandHigh float64
}

type cascadeCounters struct {
	local, sent, ok, errors, timeouts, failedOpen, failedClosed atomic.Uint64
	nanos                                                       atomic.Int64
	bandLow, bandHigh                                           atomic.Uint64 // float64 bits
}

var cascade cascadeCounters

func (c *cascadeCounters) observe(err error, took time.Duration, failOpen bool, b Band) {
	c.sent.Add(1)
	c.nanos.Add(int64(took))
	c.bandLow.Store(math.Float64bits(b.Low))
	c.bandHigh.Store(math.Float64bits(b.High))
	switch {
	case err == nil:
		c.ok.Add(1)
		return
	case errors.Is(err, context.DeadlineExceeded):
		c.timeouts.Add(1)
	default:
		c.errors.Add(1)
	}
	if failOpen {
		c.failedOpen.Add(1)
	} else {
		c.failedClosed.Add(1)
	}
}

// ReadCascadeStats returns the cascade's counters.
func ReadCascadeStats() CascadeStats {
	c := &cascade
	return CascadeStats{
		Local: c.local.Load(), Sent: c.sent.Load(), OK: c.ok.Load(), Errors: c.errors.Load(), Timeouts: c.timeouts.Load(),
		FailedOpen: c.failedOpen.Load(), FailedClosed: c.failedClosed.Load(),
		Seconds: time.Duration(c.nanos.Load()).Seconds(),
		BandLow: math.Float64frombits(c.bandLow.Load()), BandHigh: math.Float64frombits(c.bandHigh.Load()),
	}
}
