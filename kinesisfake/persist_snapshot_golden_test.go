package kinesisfake

import (
	"bytes"
	"flag"
	"os"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/kinesis"
	"github.com/google/go-cmp/cmp"
)

var updateGolden = flag.Bool("update", false, "rewrite testdata/state.json from the fixture's set-up calls")

const goldenState = "testdata/state.json"

// goldenFixture is the state in testdata/state.json, which ExampleWithState
// loads: stream orders, of 2 shards, with 4 records, a tag and an ACTIVE
// consumer, taken at 09:05 on 26 November 2026.
func goldenFixture(t testing.TB) *Client {
	t.Helper()
	c, clock := newFake(t)
	goldenCalls(t, c, clock)
	return c
}

// goldenCalls are the calls that make the golden fixture on c, a fake
// with no state on a clock at epoch.
func goldenCalls(t testing.TB, c *Client, clock *FakeClock) {
	t.Helper()
	if _, err := c.CreateStream(ctx, &kinesis.CreateStreamInput{StreamName: aws.String("orders"), ShardCount: aws.Int32(2), Tags: map[string]string{"team": "payments"}}); err != nil {
		t.Fatal(err)
	}
	for _, r := range []struct{ key, data string }{
		{"customer-1", `{"order":1,"item":"apple"}`},
		{"customer-7", `{"order":2,"item":"banana"}`},
		{"customer-1", `{"order":3,"item":"cherry"}`},
		{"customer-4", `{"order":4,"item":"damson"}`},
	} {
		clock.Advance(time.Minute)
		put(t, c, "orders", r.key, r.data)
	}
	register(t, c, "orders", "dashboard")
	clock.Advance(time.Minute)
}

// The format does not change unnoticed: the fixture's set-up calls give
// the golden file, byte for byte (go test -run TestSnapshotGolden -update
// rewrites it), and the golden file restores to the same fake.
func TestSnapshotGolden(t *testing.T) {
	got := snapshot(t, goldenFixture(t))
	if *updateGolden {
		if err := os.WriteFile(goldenState, got, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(goldenState)
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(string(want), string(got)); diff != "" {
		t.Errorf("the fixture's snapshot differs from %s (-file +snapshot):\n%s", goldenState, diff)
	}
	r, _ := restored(t, want, epoch.Add(5*time.Minute))
	if again := snapshot(t, r); !bytes.Equal(want, again) {
		t.Errorf("the fake restored from %s snapshots otherwise:\n%s", goldenState, cmp.Diff(string(want), string(again)))
	}
}
