//go:build unix

package kinesisfake

import (
	"syscall"
	"testing"
)

// openFileLimit is how many files the process may hold open.
func openFileLimit(t *testing.T) uint64 {
	var limit syscall.Rlimit
	if err := syscall.Getrlimit(syscall.RLIMIT_NOFILE, &limit); err != nil {
		t.Fatal(err)
	}
	return limit.Cur
}
