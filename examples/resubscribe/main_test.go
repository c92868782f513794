package main

import (
	"strings"
	"testing"

	"go.uber.org/goleak"
)

func TestMain(m *testing.M) {
	goleak.VerifyTestMain(m)
}

// Every record arrives exactly once, in order, across the failed
// subscription and the one that replaces it.
func TestConsumerResubscribesAfterError(t *testing.T) {
	var out strings.Builder
	if err := run(&out); err != nil {
		t.Fatal(err)
	}
	want := "received a\nreceived b\nreceived c\n" +
		"subscription ended: InternalFailureException: Internal service failure.\n" +
		"received d\nreceived e\nreceived f\n"
	if out.String() != want {
		t.Errorf("output:\n%s\nwant:\n%s", out.String(), want)
	}
}
