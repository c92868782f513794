//go:build !race

package kinesisfake

const raceEnabled = false
