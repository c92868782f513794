package kinesisfake

import (
	"bytes"
	"flag"
	"os"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/kinesis"
	"github.com/aws/aws-sdk-go-v2/service/kinesis/types"
	"github.com/google/go-cmp/cmp"
)

var updateGolden = flag.Bool("update", false, "rewrite testdata/state.json from the fixture's set-up calls")

const goldenState = "testdata/state.json"

// goldenFixture is the state in testdata/state.json, which ExampleWithState
// loads: stream orders, of 2 shards, with 4 records, a tag and an ACTIVE
// consumer; and the ON_DEMAND stream events, with 3 records and a queue
// that holds one in flight, one dead letter and one acknowledged, taken at
// 09:05 on 26 November 2026.
func goldenFixture(t testing.TB) *Client {
	t.Helper()
	c, clock := newFake(t)
	goldenCalls(t, c, clock)
	return c
}

// goldenSteps are the calls that make the golden fixture on a fake with no
// state on a clock at epoch, by the version of the document that brought
// what they make: a golden of version v holds what the steps up to v's
// make, and every step ends at 09:05.
var goldenSteps = []func(t testing.TB, c *Client, clock *FakeClock){
	1: func(t testing.TB, c *Client, clock *FakeClock) {
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
	},
	2: func(t testing.TB, c *Client, clock *FakeClock) {
		channelSourceStream(t, c, "events")
		out, err := c.CreateQueue(ctx, &kinesis.CreateQueueInput{
			QueueName:               aws.String("billing"),
			StreamConfigurationList: []types.QueueStreamConfiguration{{StreamARN: aws.String("arn:aws:kinesis:us-east-1:123456789012:stream/events")}},
			QueueAttributes: &types.QueueAttributes{VisibilityTimeoutSeconds: aws.Int32(60),
				DeadLetterConfiguration: &types.DeadLetterConfiguration{TargetType: types.TargetTypeBuiltIn, MaxReceiveCount: aws.Int32(2)}},
			Tags: map[string]string{"team": "billing"},
		})
		if err != nil {
			t.Fatal(err)
		}
		queueARN := *out.QueueDescription.QueueARN
		for _, key := range []string{"invoice-1", "invoice-2", "invoice-3"} {
			put(t, c, "events", key, `{"invoice":"`+key+`"}`)
		}
		// Received first with no visibility timeout, each record is
		// visible again at once; received again, the last of
		// MaxReceiveCount times, for 60 s. One is acknowledged, one made
		// visible and so a dead letter, and one left in flight.
		first := receive(t, c, queueARN, 3, 0, false)
		again := receive(t, c, queueARN, 3, 60, false)
		if len(first) != 3 || len(again) != 3 {
			t.Fatalf("received %d, then %d records, want 3 each", len(first), len(again))
		}
		ack, err := c.AcknowledgeQueueRecords(ctx, &kinesis.AcknowledgeQueueRecordsInput{QueueARN: &queueARN,
			Entries: []types.AcknowledgeQueueRecordsRequestEntry{{ReceiptHandle: again[0].ReceiptHandle}}})
		if err != nil || len(ack.Failed) != 0 {
			t.Fatalf("AcknowledgeQueueRecords: %v, %+v", err, ack)
		}
		vis, err := c.UpdateQueueRecordsVisibility(ctx, &kinesis.UpdateQueueRecordsVisibilityInput{QueueARN: &queueARN,
			Entries: []types.UpdateQueueRecordsVisibilityRequestEntry{{ReceiptHandle: again[1].ReceiptHandle, VisibilityTimeoutSeconds: aws.Int32(0)}}})
		if err != nil || len(vis.Failed) != 0 {
			t.Fatalf("UpdateQueueRecordsVisibility: %v, %+v", err, vis)
		}
	},
}

// goldenCalls are the calls that make the golden fixture on c, a fake
// with no state on a clock at epoch.
func goldenCalls(t testing.TB, c *Client, clock *FakeClock) { goldenCallsTo(t, c, clock, stateVersion) }

// goldenCallsTo makes the steps of the golden fixture up to version's.
func goldenCallsTo(t testing.TB, c *Client, clock *FakeClock, version int) {
	t.Helper()
	for _, step := range goldenSteps[1 : version+1] {
		step(t, c, clock)
	}
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
