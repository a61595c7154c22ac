package provider

import "testing"

// readyFake is a target's stream that says whether an event is buffered.
type readyFake struct {
	Stream
	ready bool
}

func (f *readyFake) Ready() bool { return f.ready }

// TestRouteStreamForwardsReady: a routed stream tells the relay what its
// target's stream tells it, so routed models get the same flush batching.
func TestRouteStreamForwardsReady(t *testing.T) {
	for _, ready := range []bool{true, false} {
		s := &routeStream{Stream: &readyFake{ready: ready}}
		if got := s.Ready(); got != ready {
			t.Errorf("Ready() = %v; the target's stream says %v", got, ready)
		}
	}
	// A target stream that cannot tell is never ready.
	if (&routeStream{Stream: struct{ Stream }{}}).Ready() {
		t.Error("Ready() = true for a stream without Ready")
	}
}
