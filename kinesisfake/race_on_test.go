//go:build race

package kinesisfake

// raceEnabled reports whether the tests run under the race detector, whose
// own allocations blur allocation counts.
const raceEnabled = true
