//go:build !unix

package wire

// openFileLimit is 0: the limit is not read here.
func openFileLimit() int { return 0 }
