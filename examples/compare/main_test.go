package main

import (
	"context"
	"strings"
	"testing"
	"time"

	"go.uber.org/goleak"
)

func TestMain(m *testing.M) {
	goleak.VerifyTestMain(m)
}

// A small run of the workload through the fake's three targets completes
// every phase and prints a row for each.
func TestRunThroughTheFake(t *testing.T) {
	var out strings.Builder
	w := workload{records: 2000, recordSize: 100, shards: 1, wait: time.Second}
	if err := run(context.Background(), &out, w, nil); err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"2000 records of 100 B", "direct", "SDKClient", "loopback HTTP/2"} {
		if !strings.Contains(out.String(), want) {
			t.Errorf("output lacks %q:\n%s", want, out.String())
		}
	}
	if strings.Contains(out.String(), "failed") {
		t.Errorf("a phase failed:\n%s", out.String())
	}
}
