//go:build !unix

package kinesisfake

import (
	"math"
	"testing"
)

// openFileLimit is how many files the process may hold open: on systems
// without rlimits, no limit the tests need to respect.
func openFileLimit(*testing.T) uint64 { return math.MaxUint64 }
