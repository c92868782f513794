package kinesisfake

import (
	"context"
	"errors"
	"fmt"
	"maps"
	"math/big"
	"slices"
	"strings"
	"testing"
	"testing/synctest"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/kinesis"
	"github.com/aws/aws-sdk-go-v2/service/kinesis/types"
)

// Each test names the doc comment (service/kinesis v1.58.0) the behaviour
// comes from.

const odStreamARN = "arn:aws:kinesis:us-east-1:123456789012:stream/od"

// receive calls ReceiveQueueRecords, or ReceiveDeadLetterQueueRecords if
// dead, for up to limit records in flight for visibility seconds, waiting
// at most a second; with a FakeClock the test moves it (see receiveNone).
func receive(t testing.TB, k API, queueARN string, limit, visibility int32, dead bool) []types.QueueRecord {
	t.Helper()
	var out []types.QueueRecord
	var err error
	if dead {
		var o *kinesis.ReceiveDeadLetterQueueRecordsOutput
		o, err = k.ReceiveDeadLetterQueueRecords(ctx, &kinesis.ReceiveDeadLetterQueueRecordsInput{QueueARN: &queueARN, Limit: &limit, VisibilityTimeoutSeconds: &visibility, WaitTimeSeconds: aws.Int32(1)})
		if o != nil {
			out = o.QueueRecords
		}
	} else {
		var o *kinesis.ReceiveQueueRecordsOutput
		o, err = k.ReceiveQueueRecords(ctx, &kinesis.ReceiveQueueRecordsInput{QueueARN: &queueARN, Limit: &limit, VisibilityTimeoutSeconds: &visibility, WaitTimeSeconds: aws.Int32(1)})
		if o != nil {
			out = o.QueueRecords
		}
	}
	if err != nil {
		t.Fatalf("receive: %v", err)
	}
	return out
}

// receiveNone receives from a queue that has nothing to give: the call
// waits its second on the clock, which the test moves once the call waits.
func receiveNone(t *testing.T, k API, clock *FakeClock, queueARN string, dead bool) {
	t.Helper()
	if records := receiveWaiting(t, k, clock, queueARN, dead); len(records) != 0 {
		t.Fatalf("received %d records, want none", len(records))
	}
}

// receiveWaiting receives from a queue with nothing visible, waiting a
// second, which the test moves the clock through once the call waits, and
// returns what the call got.
func receiveWaiting(t *testing.T, k API, clock *FakeClock, queueARN string, dead bool) []types.QueueRecord {
	t.Helper()
	waiters := clock.Waiters()
	got := make(chan []types.QueueRecord, 1)
	go func() { got <- receive(t, k, queueARN, 10, 30, dead) }()
	if err := clock.BlockUntil(ctx, waiters+1); err != nil {
		t.Fatal(err)
	}
	clock.Advance(time.Second)
	return <-got
}

// handlesOf lists the receipt handles of records.
func handlesOf(records []types.QueueRecord) []string {
	out := make([]string, len(records))
	for i, r := range records {
		out[i] = *r.ReceiptHandle
	}
	return out
}

func dataOf(records []types.QueueRecord) []string {
	out := make([]string, len(records))
	for i, r := range records {
		out[i] = string(r.Data)
	}
	return out
}

// acknowledge acknowledges handles and returns the codes of the entries
// that failed.
func acknowledgeAll(t *testing.T, k API, queueARN string, handles []string, dead bool) []string {
	t.Helper()
	var failed []string
	if dead {
		entries := make([]types.AcknowledgeDeadLetterQueueRecordsRequestEntry, len(handles))
		for i := range handles {
			entries[i].ReceiptHandle = &handles[i]
		}
		out, err := k.AcknowledgeDeadLetterQueueRecords(ctx, &kinesis.AcknowledgeDeadLetterQueueRecordsInput{QueueARN: &queueARN, Entries: entries})
		if err != nil {
			t.Fatal(err)
		}
		for _, f := range out.Failed {
			failed = append(failed, *f.ErrorCode)
		}
		return failed
	}
	entries := make([]types.AcknowledgeQueueRecordsRequestEntry, len(handles))
	for i := range handles {
		entries[i].ReceiptHandle = &handles[i]
	}
	out, err := k.AcknowledgeQueueRecords(ctx, &kinesis.AcknowledgeQueueRecordsInput{QueueARN: &queueARN, Entries: entries})
	if err != nil {
		t.Fatal(err)
	}
	if len(out.Successful)+len(out.Failed) != len(handles) || out.Successful == nil || out.Failed == nil {
		t.Fatalf("%d entries answered as %d successful and %d failed (lists %v, %v)", len(handles), len(out.Successful), len(out.Failed), out.Successful != nil, out.Failed != nil)
	}
	for _, f := range out.Failed {
		failed = append(failed, *f.ErrorCode)
	}
	return failed
}

// A queue's life, on the fake's clock: "CreateQueue is an asynchronous
// operation ... immediately returns a queue description with a QueueStatus
// of CREATING"; "You can begin receiving records after the queue is
// ACTIVE"; UpdateQueue: "sets the QueueStatus to UPDATING ... You can
// continue to receive and acknowledge records while the queue is UPDATING";
// DeleteQueue: "A queue in the DELETING state does not deliver records";
// QueueStartingPosition.Timestamp: absent for TRIM_HORIZON while CREATING,
// "Once the queue is ACTIVE, the response always includes this member".
func TestQueueLifecycle(t *testing.T) {
	delays := Delays{CreateQueue: 10 * time.Second, UpdateQueue: 30 * time.Second, DeleteQueue: 10 * time.Second}
	inModes(t, []Option{WithDelays(delays)}, func(t *testing.T, c *Client, k API, clock *FakeClock) {
		channelSourceStream(t, c, "od")
		out, err := k.CreateQueue(ctx, &kinesis.CreateQueueInput{QueueName: aws.String("q"), StreamConfigurationList: []types.QueueStreamConfiguration{{
			StreamARN: aws.String(odStreamARN), StartingPosition: &types.QueueStartingPosition{Type: types.QueueStartingPositionTypeTrimHorizon}}}})
		if err != nil {
			t.Fatal(err)
		}
		d := out.QueueDescription
		queueARN := *d.QueueARN
		start := d.StreamConfigurationList[0].StartingPosition
		if d.QueueStatus != types.QueueStatusCreating || start.Timestamp != nil || *d.QueueAttributes.VisibilityTimeoutSeconds != 30 ||
			d.QueueAttributes.DeadLetterConfiguration.TargetType != types.TargetTypeBuiltIn || *d.QueueAttributes.DeadLetterConfiguration.MaxReceiveCount != 6 {
			t.Fatalf("created: %+v, start %+v, attributes %+v", d, start, d.QueueAttributes)
		}
		_, err = k.ReceiveQueueRecords(ctx, &kinesis.ReceiveQueueRecordsInput{QueueARN: &queueARN})
		wantAPIError(t, err, "ReceiveQueueRecords", "ResourceInUseException", "Queue q under account 123456789012 not ACTIVE, instead in state CREATING")

		clock.Advance(10 * time.Second)
		desc, err := k.DescribeQueue(ctx, &kinesis.DescribeQueueInput{QueueARN: &queueARN})
		if err != nil || desc.QueueDescription.QueueStatus != types.QueueStatusActive || desc.QueueDescription.StreamConfigurationList[0].StartingPosition.Timestamp == nil {
			t.Fatalf("after the delay: %+v, %v", desc, err)
		}
		list, err := k.ListQueues(ctx, &kinesis.ListQueuesInput{StreamFilter: []types.QueueStreamFilter{{StreamARN: aws.String(odStreamARN)}}})
		if err != nil || len(list.QueueSummaries) != 1 || *list.QueueSummaries[0].QueueARN != queueARN || *list.QueueSummaries[0].Streams[0].StreamARN != odStreamARN {
			t.Fatalf("ListQueues: %+v, %v", list, err)
		}

		up, err := k.UpdateQueue(ctx, &kinesis.UpdateQueueInput{QueueARN: &queueARN, QueueAttributes: &types.QueueAttributes{VisibilityTimeoutSeconds: aws.Int32(90)}})
		if err != nil || up.QueueDescription.QueueStatus != types.QueueStatusUpdating || *up.QueueDescription.QueueAttributes.VisibilityTimeoutSeconds != 90 ||
			*up.QueueDescription.QueueAttributes.DeadLetterConfiguration.MaxReceiveCount != 6 {
			t.Fatalf("UpdateQueue: %+v, %v", up, err)
		}
		put(t, c, "od", "k", "during the update")
		if got := dataOf(receive(t, k, queueARN, 10, 30, false)); !slices.Equal(got, []string{"during the update"}) {
			t.Fatalf("received while UPDATING: %q", got)
		}

		if _, err := k.DeleteQueue(ctx, &kinesis.DeleteQueueInput{QueueARN: &queueARN}); err != nil {
			t.Fatal(err)
		}
		desc, err = k.DescribeQueue(ctx, &kinesis.DescribeQueueInput{QueueARN: &queueARN})
		if err != nil || desc.QueueDescription.QueueStatus != types.QueueStatusDeleting {
			t.Fatalf("after DeleteQueue: %+v, %v", desc, err)
		}
		_, err = k.ReceiveQueueRecords(ctx, &kinesis.ReceiveQueueRecordsInput{QueueARN: &queueARN})
		wantAPIError(t, err, "ReceiveQueueRecords", "ResourceInUseException", "")
		clock.Advance(10 * time.Second)
		_, err = k.DescribeQueue(ctx, &kinesis.DescribeQueueInput{QueueARN: &queueARN})
		wantAPIError(t, err, "DescribeQueue", "ResourceNotFoundException", "")
	})
}

// Receiving and acknowledging: "Receives up to 10 records ... Each record
// is returned with a receipt handle"; "A record returned by
// ReceiveQueueRecords becomes in flight: it is not visible to any consumer
// instance for the duration of its visibility timeout"; "A record that is
// not acknowledged before its visibility timeout expires becomes visible in
// the queue again"; RecordId "stays the same across every delivery"; "A new
// receipt handle is issued each time the record is received"; "After a
// record is acknowledged, the queue does not deliver it again."
func TestQueueReceiveAndAcknowledge(t *testing.T) {
	inModes(t, nil, func(t *testing.T, c *Client, k API, clock *FakeClock) {
		queueARN := createQueue(t, c, "od", "q")
		for i := range 5 {
			put(t, c, "od", fmt.Sprint("k", i), fmt.Sprint("r", i))
			clock.Advance(time.Millisecond)
		}
		first := receive(t, k, queueARN, 2, 30, false)
		rest := receive(t, k, queueARN, 10, 30, false)
		all := append(first, rest...)
		if got := dataOf(all); !slices.Equal(got, []string{"r0", "r1", "r2", "r3", "r4"}) {
			t.Fatalf("received %q, want the five in arrival order", got)
		}
		for _, r := range all {
			if *r.ReceiveCount != 1 || !r.FirstReceiveTimestamp.Equal(clock.Now()) || r.PartitionKey == nil || r.ApproximateArrivalTimestamp == nil {
				t.Fatalf("record %+v", r)
			}
		}
		receiveNone(t, k, clock, queueARN, false)

		clock.Advance(29 * time.Second) // 30 s after the receive
		again := receive(t, k, queueARN, 10, 30, false)
		if len(again) != 5 {
			t.Fatalf("after the visibility timeout: %d records, want 5", len(again))
		}
		for i, r := range again {
			if *r.ReceiveCount != 2 || *r.RecordId != *all[i].RecordId || *r.ReceiptHandle == *all[i].ReceiptHandle {
				t.Fatalf("redelivered %+v, first delivered %+v", r, all[i])
			}
		}
		if failed := acknowledgeAll(t, k, queueARN, handlesOf(all[:1]), false); !slices.Equal(failed, []string{entryNotFound}) {
			t.Fatalf("acknowledging with a handle of an earlier receive: failed %v", failed)
		}
		if failed := acknowledgeAll(t, k, queueARN, append(handlesOf(again), "not-a-handle"), false); !slices.Equal(failed, []string{entryInvalid}) {
			t.Fatalf("acknowledging: failed %v", failed)
		}
		clock.Advance(time.Minute)
		receiveNone(t, k, clock, queueARN, false)
	})
}

// UpdateQueueRecordsVisibility: "measured from when this request is
// processed. Specify 0 to make the record visible in the queue
// immediately."
func TestQueueVisibility(t *testing.T) {
	inModes(t, nil, func(t *testing.T, c *Client, k API, clock *FakeClock) {
		queueARN := createQueue(t, c, "od", "q")
		put(t, c, "od", "a", "extended")
		put(t, c, "od", "b", "released")
		got := receive(t, k, queueARN, 10, 10, false)
		if len(got) != 2 {
			t.Fatalf("received %d", len(got))
		}
		clock.Advance(5 * time.Second)
		out, err := k.UpdateQueueRecordsVisibility(ctx, &kinesis.UpdateQueueRecordsVisibilityInput{QueueARN: &queueARN, Entries: []types.UpdateQueueRecordsVisibilityRequestEntry{
			{ReceiptHandle: got[0].ReceiptHandle, VisibilityTimeoutSeconds: aws.Int32(60)},
			{ReceiptHandle: got[1].ReceiptHandle, VisibilityTimeoutSeconds: aws.Int32(0)},
		}})
		if err != nil || len(out.Successful) != 2 {
			t.Fatalf("UpdateQueueRecordsVisibility: %+v, %v", out, err)
		}
		if got := dataOf(receive(t, k, queueARN, 10, 300, false)); !slices.Equal(got, []string{"released"}) {
			t.Fatalf("at once: %q", got)
		}
		clock.Advance(59 * time.Second)
		// 60 s after the update, within the poll's wait, the other is
		// visible again, and the poll returns it.
		if got := dataOf(receiveWaiting(t, k, clock, queueARN, false)); !slices.Equal(got, []string{"extended"}) {
			t.Fatalf("60 s after the update: %q", got)
		}
	})
}

// Dead letters: "When a record has been received MaxReceiveCount times
// without being acknowledged, it becomes a dead-letter record, and
// ReceiveQueueRecords no longer returns it"; "Restoring a record clears
// its dead-letter state and resets its receive count";
// AcknowledgeDeadLetterQueueRecords "discards it".
func TestQueueDeadLetters(t *testing.T) {
	inModes(t, nil, func(t *testing.T, c *Client, k API, clock *FakeClock) {
		channelSourceStream(t, c, "od")
		out, err := c.CreateQueue(ctx, &kinesis.CreateQueueInput{QueueName: aws.String("q"), StreamConfigurationList: []types.QueueStreamConfiguration{{StreamARN: aws.String(odStreamARN)}},
			QueueAttributes: &types.QueueAttributes{DeadLetterConfiguration: &types.DeadLetterConfiguration{TargetType: types.TargetTypeBuiltIn, MaxReceiveCount: aws.Int32(2)}}})
		if err != nil {
			t.Fatal(err)
		}
		queueARN := *out.QueueDescription.QueueARN
		put(t, c, "od", "k", "poison")
		for range 2 {
			if got := receive(t, k, queueARN, 10, 5, false); len(got) != 1 {
				t.Fatalf("received %d, want the record", len(got))
			}
			clock.Advance(5 * time.Second)
		}
		receiveNone(t, k, clock, queueARN, false)
		dead := receive(t, k, queueARN, 10, 30, true)
		if got := dataOf(dead); !slices.Equal(got, []string{"poison"}) {
			t.Fatalf("dead letters: %q", got)
		}
		if _, err := k.RestoreDeadLetterQueueRecords(ctx, &kinesis.RestoreDeadLetterQueueRecordsInput{QueueARN: &queueARN, Entries: []types.RestoreDeadLetterQueueRecordsRequestEntry{{ReceiptHandle: dead[0].ReceiptHandle}}}); err != nil {
			t.Fatal(err)
		}
		back := receive(t, k, queueARN, 10, 0, false)
		if len(back) != 1 || *back[0].ReceiveCount != 1 {
			t.Fatalf("restored: %+v", back)
		}
		receive(t, k, queueARN, 10, 0, false) // its second receive: a dead letter again
		dead = receive(t, k, queueARN, 10, 30, true)
		if failed := acknowledgeAll(t, k, queueARN, handlesOf(dead), true); len(dead) != 1 || len(failed) != 0 {
			t.Fatalf("acknowledging the dead letter: %d received, failed %v", len(dead), failed)
		}
		receiveNone(t, k, clock, queueARN, true)
		receiveNone(t, k, clock, queueARN, false)
	})
}

// A long poll returns as soon as a record arrives ("If a record becomes
// visible sooner, the call returns sooner"), holds nothing while it waits,
// and ends with its context or the fake.
func TestQueueLongPoll(t *testing.T) {
	c, clock := newMemoryFake(t)
	queueARN := createQueue(t, c, "od", "q")
	waiters := clock.Waiters()
	got := make(chan *kinesis.ReceiveQueueRecordsOutput, 1)
	go func() {
		out, err := c.ReceiveQueueRecords(ctx, &kinesis.ReceiveQueueRecordsInput{QueueARN: &queueARN, WaitTimeSeconds: aws.Int32(20)})
		if err != nil {
			t.Error(err)
		}
		got <- out
	}()
	if err := clock.BlockUntil(ctx, waiters+1); err != nil {
		t.Fatal(err)
	}
	put(t, c, "od", "k", "arrived") // the fake is not held by the wait
	if out := <-got; len(out.QueueRecords) != 1 {
		t.Fatalf("the poll returned %+v", out)
	}

	cctx, cancel := context.WithCancel(ctx)
	done := make(chan error, 1)
	go func() {
		_, err := c.ReceiveQueueRecords(cctx, &kinesis.ReceiveQueueRecordsInput{QueueARN: &queueARN, WaitTimeSeconds: aws.Int32(20)})
		done <- err
	}()
	if err := clock.BlockUntil(ctx, waiters+1); err != nil {
		t.Fatal(err)
	}
	cancel()
	if err := <-done; !errors.Is(err, context.Canceled) {
		t.Fatalf("a cancelled poll: %v", err)
	}

	go func() {
		_, err := c.ReceiveQueueRecords(ctx, &kinesis.ReceiveQueueRecordsInput{QueueARN: &queueARN, WaitTimeSeconds: aws.Int32(20)})
		done <- err
	}()
	if err := clock.BlockUntil(ctx, waiters+1); err != nil {
		t.Fatal(err)
	}
	c.Close()
	if err := <-done; !errors.Is(err, errClosed) {
		t.Fatalf("a poll when the fake closes: %v", err)
	}
}

// Queues and their stream: DeleteStream "A stream that has queues cannot be
// deleted until every queue on it is deleted with DeleteQueue, whatever
// this parameter is set to"; UpdateStreamMode "You can't switch a data
// stream from on-demand to provisioned capacity mode while the stream has
// one or more queues"; DescribeStreamSummary's ConsumerCount "Queues are
// not included in this count" and QueueCount; CreateQueue "A queue counts
// as a registered consumer on the stream and shares the stream's
// registered consumer limit"; "Queues are supported only on data streams
// in on-demand capacity mode".
func TestQueuesAndTheirStream(t *testing.T) {
	inModes(t, []Option{WithLimits(Limits{ConsumersPerStream: 2})}, func(t *testing.T, c *Client, k API, clock *FakeClock) {
		queueARN := createQueue(t, c, "od", "q")
		register(t, c, "od", "app")
		sum, err := k.DescribeStreamSummary(ctx, &kinesis.DescribeStreamSummaryInput{StreamName: aws.String("od")})
		if err != nil || *sum.StreamDescriptionSummary.ConsumerCount != 1 || *sum.StreamDescriptionSummary.QueueCount != 1 {
			t.Fatalf("DescribeStreamSummary: %+v, %v", sum, err)
		}
		_, err = k.CreateQueue(ctx, &kinesis.CreateQueueInput{QueueName: aws.String("third"), StreamConfigurationList: []types.QueueStreamConfiguration{{StreamARN: aws.String(odStreamARN)}}})
		wantAPIError(t, err, "CreateQueue", "LimitExceededException", "")
		_, err = k.RegisterStreamConsumer(ctx, &kinesis.RegisterStreamConsumerInput{StreamARN: aws.String(odStreamARN), ConsumerName: aws.String("third")})
		wantAPIError(t, err, "RegisterStreamConsumer", "LimitExceededException", "")
		_, err = k.DeleteStream(ctx, &kinesis.DeleteStreamInput{StreamName: aws.String("od"), EnforceConsumerDeletion: aws.Bool(true)})
		wantAPIError(t, err, "DeleteStream", "ResourceInUseException", "")
		_, err = k.UpdateStreamMode(ctx, &kinesis.UpdateStreamModeInput{StreamARN: aws.String(odStreamARN), StreamModeDetails: &types.StreamModeDetails{StreamMode: types.StreamModeProvisioned}})
		wantAPIError(t, err, "UpdateStreamMode", "ResourceInUseException", "")

		createStream(t, c, "provisioned", 1)
		_, err = k.CreateQueue(ctx, &kinesis.CreateQueueInput{QueueName: aws.String("p"), StreamConfigurationList: []types.QueueStreamConfiguration{{StreamARN: aws.String("arn:aws:kinesis:us-east-1:123456789012:stream/provisioned")}}})
		wantAPIError(t, err, "CreateQueue", "ValidationException", "")

		if _, err := k.TagResource(ctx, &kinesis.TagResourceInput{ResourceARN: &queueARN, Tags: map[string]string{"team": "a"}}); err != nil {
			t.Fatal(err)
		}
		tags, err := k.ListTagsForResource(ctx, &kinesis.ListTagsForResourceInput{ResourceARN: &queueARN})
		if err != nil || len(tags.Tags) != 1 || *tags.Tags[0].Key != "team" {
			t.Fatalf("ListTagsForResource: %+v, %v", tags, err)
		}
		if _, err := k.PutResourcePolicy(ctx, &kinesis.PutResourcePolicyInput{ResourceARN: &queueARN, Policy: aws.String(`{"Version":"2012-10-17"}`)}); err != nil {
			t.Fatal(err)
		}
		if _, err := k.DeleteQueue(ctx, &kinesis.DeleteQueueInput{QueueARN: &queueARN}); err != nil {
			t.Fatal(err)
		}
		if _, err := k.DeleteStream(ctx, &kinesis.DeleteStreamInput{StreamName: aws.String("od"), EnforceConsumerDeletion: aws.Bool(true)}); err != nil {
			t.Fatalf("DeleteStream once the queue is gone: %v", err)
		}
	})
}

// Across a split, the records of a partition key come parent before child:
// the queue delivers a child's records once it has delivered all of its
// parent's. (The service does not promise an order: "Records are not
// necessarily received in the order they were written to the data
// stream"; see Known differences.) Otherwise a queue delivers the oldest
// records first, which alone would give the same order unless the clock
// went back. The stream is split while PROVISIONED,
// as the fake reshards ON_DEMAND streams only on request of the API, which
// refuses it.
func TestQueueDeliversParentsFirst(t *testing.T) {
	c, clock := newFake(t)
	createStream(t, c, "od", 1)
	clock.Advance(time.Minute)
	for i := range 3 {
		put(t, c, "od", "k", fmt.Sprint("before ", i))
	}
	if _, err := c.SplitShard(ctx, &kinesis.SplitShardInput{StreamName: aws.String("od"), ShardToSplit: aws.String("shardId-000000000000"), NewStartingHashKey: aws.String(midKey("0", "340282366920938463463374607431768211455"))}); err != nil {
		t.Fatal(err)
	}
	// The children's records arrive at times before the parent's, as when
	// a test sets the clock back: the queue still delivers the parent's
	// first.
	clock.Set(clock.Now().Add(-30 * time.Second))
	for i := range 3 {
		put(t, c, "od", "k", fmt.Sprint("after ", i))
	}
	clock.Advance(time.Minute) // past the split again
	if _, err := c.UpdateStreamMode(ctx, &kinesis.UpdateStreamModeInput{StreamARN: aws.String(odStreamARN), StreamModeDetails: &types.StreamModeDetails{StreamMode: types.StreamModeOnDemand}}); err != nil {
		t.Fatal(err)
	}
	out, err := c.CreateQueue(ctx, &kinesis.CreateQueueInput{QueueName: aws.String("q"), StreamConfigurationList: []types.QueueStreamConfiguration{{
		StreamARN: aws.String(odStreamARN), StartingPosition: &types.QueueStartingPosition{Type: types.QueueStartingPositionTypeTrimHorizon}}}})
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for range 3 { // two at a time: a fourth would wait on the clock
		got = append(got, dataOf(receive(t, c, *out.QueueDescription.QueueARN, 2, 300, false))...)
	}
	if want := []string{"before 0", "before 1", "before 2", "after 0", "after 1", "after 2"}; !slices.Equal(got, want) {
		t.Fatalf("received %q, want %q", got, want)
	}
}

// midKey is the hash key halfway between start and end, in decimal.
func midKey(start, end string) string {
	a, _ := new(big.Int).SetString(start, 10)
	b, _ := new(big.Int).SetString(end, 10)
	return new(big.Int).Rsh(new(big.Int).Add(a, b), 1).String()
}

// ListQueues pages with the SDK's paginator, which sends StreamFilter with
// every NextToken ("Use StreamFilter to list only the queues on a
// particular data stream"; "If the response contains a NextToken, more
// queues are available").
func TestListQueuesPages(t *testing.T) {
	inModes(t, nil, func(t *testing.T, c *Client, k API, clock *FakeClock) {
		channelSourceStream(t, c, "od")
		channelSourceStream(t, c, "other")
		for _, name := range []string{"a", "b", "c"} {
			for _, stream := range []string{"od", "other"} {
				if _, err := c.CreateQueue(ctx, &kinesis.CreateQueueInput{QueueName: aws.String(stream + "-" + name),
					StreamConfigurationList: []types.QueueStreamConfiguration{{StreamARN: aws.String("arn:aws:kinesis:us-east-1:123456789012:stream/" + stream)}}}); err != nil {
					t.Fatal(err)
				}
			}
		}
		pages := kinesis.NewListQueuesPaginator(k, &kinesis.ListQueuesInput{MaxResults: aws.Int32(2), StreamFilter: []types.QueueStreamFilter{{StreamARN: aws.String(odStreamARN)}}})
		var names []string
		for pages.HasMorePages() {
			page, err := pages.NextPage(ctx)
			if err != nil {
				t.Fatal(err)
			}
			for _, q := range page.QueueSummaries {
				names = append(names, *q.QueueName)
			}
		}
		if want := []string{"od-a", "od-b", "od-c"}; !slices.Equal(names, want) {
			t.Fatalf("listed %q, want %q", names, want)
		}
	})
}

// Inside a testing/synctest bubble, on the real clock, a long poll takes no
// real time: ReceiveQueueRecords' WaitTimeSeconds ("The duration, in
// seconds, that the call waits for a record to become visible before
// returning") passes in the bubble's time, and a record put while it waits
// ends it at once.
func TestQueueLongPollInSynctest(t *testing.T) {
	for _, m := range modes {
		if m.sockets || m.stored {
			continue
		}
		t.Run(m.name, func(t *testing.T) {
			synctest.Test(t, func(t *testing.T) {
				c := NewT(t)
				k := m.client(t, c)
				queueARN := createQueue(t, c, "od", "q")
				start := time.Now()
				out, err := k.ReceiveQueueRecords(ctx, &kinesis.ReceiveQueueRecordsInput{QueueARN: &queueARN, WaitTimeSeconds: aws.Int32(20)})
				if err != nil || len(out.QueueRecords) != 0 || time.Since(start) != 20*time.Second {
					t.Fatalf("an empty poll: %+v, %v, after %v of the bubble's time", out, err, time.Since(start))
				}
				go func() {
					time.Sleep(3 * time.Second)
					put(t, c, "od", "k", "late")
				}()
				start = time.Now()
				out, err = k.ReceiveQueueRecords(ctx, &kinesis.ReceiveQueueRecordsInput{QueueARN: &queueARN, WaitTimeSeconds: aws.Int32(20)})
				if err != nil || len(out.QueueRecords) != 1 || time.Since(start) != 3*time.Second {
					t.Fatalf("a poll a record ends: %+v, %v, after %v", out, err, time.Since(start))
				}
			})
		})
	}
}

// The rules of the queue operations, each with the doc comment it comes
// from; where the error's wording is not on record, the fake's is checked.
func TestQueueErrors(t *testing.T) {
	queueOf := func(c *Client, name string) string {
		for _, q := range c.liveQueues(c.clock.Now()) {
			if q.name == name {
				return q.arn
			}
		}
		return ""
	}
	create := func(mod func(in *kinesis.CreateQueueInput)) func(c *Client, k API, _ *FakeClock) error {
		return func(c *Client, k API, _ *FakeClock) error {
			in := &kinesis.CreateQueueInput{QueueName: aws.String("new"), StreamConfigurationList: []types.QueueStreamConfiguration{{StreamARN: aws.String(odStreamARN)}}}
			mod(in)
			_, err := k.CreateQueue(ctx, in)
			return err
		}
	}
	at := func(typ types.QueueStartingPositionType, ts *time.Time) func(in *kinesis.CreateQueueInput) {
		return func(in *kinesis.CreateQueueInput) {
			in.StreamConfigurationList[0].StartingPosition = &types.QueueStartingPosition{Type: typ, Timestamp: ts}
		}
	}
	unknown := "arn:aws:kinesis:us-east-1:123456789012:queue/nope"
	errorTable{
		setup: func(t *testing.T, c *Client, clock *FakeClock) {
			createQueue(t, c, "od", "taken")
		},
		cases: []errorCase{
			// "The list must contain exactly one entry".
			{name: "two streams", op: "CreateQueue", code: "InvalidArgumentException", message: "A queue delivers records from exactly one stream; StreamConfigurationList has 2 entries.",
				call: create(func(in *kinesis.CreateQueueInput) {
					in.StreamConfigurationList = append(in.StreamConfigurationList, in.StreamConfigurationList[0])
				})},
			// Timestamp: "It is required in that case, and specifying it for
			// any other type returns a ValidationException."
			{name: "AT_TIMESTAMP without a timestamp", op: "CreateQueue", code: "ValidationException",
				call: create(at(types.QueueStartingPositionTypeAtTimestamp, nil))},
			{name: "a timestamp with LATEST", op: "CreateQueue", code: "ValidationException",
				call: create(at(types.QueueStartingPositionTypeLatest, aws.Time(epoch)))},
			// "If you specify it with a TargetType of BUILT_IN, you must also
			// specify MaxReceiveCount."
			{name: "BUILT_IN without MaxReceiveCount", op: "CreateQueue", code: "ValidationException",
				call: create(func(in *kinesis.CreateQueueInput) {
					in.QueueAttributes = &types.QueueAttributes{DeadLetterConfiguration: &types.DeadLetterConfiguration{TargetType: types.TargetTypeBuiltIn}}
				})},
			// "The name is scoped to the Amazon Web Services account and
			// Region used by the request".
			{name: "a name taken", op: "CreateQueue", code: "ResourceInUseException", message: "Queue taken under account 123456789012 already exists.",
				call: create(func(in *kinesis.CreateQueueInput) { in.QueueName = aws.String("taken") })},
			{name: "an unknown stream", op: "CreateQueue", code: "ResourceNotFoundException",
				call: create(func(in *kinesis.CreateQueueInput) {
					in.StreamConfigurationList[0].StreamARN = aws.String("arn:aws:kinesis:us-east-1:123456789012:stream/none")
				})},
			// "Concurrent queues in CREATING or DELETING state per account per
			// Region | 5" (queue quotas).
			{name: "a sixth queue CREATING", op: "CreateQueue", code: "LimitExceededException", opts: []Option{WithDelays(Delays{CreateQueue: time.Minute})},
				call: func(c *Client, k API, _ *FakeClock) error {
					for i := range 5 {
						if _, err := c.CreateQueue(ctx, &kinesis.CreateQueueInput{QueueName: aws.String(fmt.Sprint("c", i)), StreamConfigurationList: []types.QueueStreamConfiguration{{StreamARN: aws.String(odStreamARN)}}}); err != nil {
							return err
						}
					}
					return create(func(*kinesis.CreateQueueInput) {})(c, k, nil)
				}},
			{name: "an unknown queue", op: "DescribeQueue", code: "ResourceNotFoundException", message: "Queue nope under account 123456789012 not found.",
				call: func(_ *Client, k API, _ *FakeClock) error {
					_, err := k.DescribeQueue(ctx, &kinesis.DescribeQueueInput{QueueARN: aws.String(unknown)})
					return err
				}},
			{name: "receive from an unknown queue", op: "ReceiveQueueRecords", code: "ResourceNotFoundException",
				call: func(_ *Client, k API, _ *FakeClock) error {
					_, err := k.ReceiveQueueRecords(ctx, &kinesis.ReceiveQueueRecordsInput{QueueARN: aws.String(unknown)})
					return err
				}},
			// UpdateQueue on a queue not ACTIVE: the fake's rule, after the
			// stream's.
			{name: "update while UPDATING", op: "UpdateQueue", code: "ResourceInUseException", opts: []Option{WithDelays(Delays{UpdateQueue: time.Minute})},
				call: func(c *Client, k API, _ *FakeClock) error {
					in := &kinesis.UpdateQueueInput{QueueARN: aws.String(queueOf(c, "taken")), QueueAttributes: &types.QueueAttributes{VisibilityTimeoutSeconds: aws.Int32(5)}}
					if _, err := k.UpdateQueue(ctx, in); err != nil {
						return err
					}
					_, err := k.UpdateQueue(ctx, in)
					return err
				}},
			// Entries: "The records to acknowledge": 1 to 10 (the model).
			{name: "no entries", op: "AcknowledgeQueueRecords", code: "ValidationException",
				call: func(c *Client, k API, _ *FakeClock) error {
					_, err := k.AcknowledgeQueueRecords(ctx, &kinesis.AcknowledgeQueueRecordsInput{QueueARN: aws.String(queueOf(c, "taken")), Entries: []types.AcknowledgeQueueRecordsRequestEntry{}})
					return err
				}},
			{name: "eleven entries", op: "UpdateQueueRecordsVisibility", code: "ValidationException",
				call: func(c *Client, k API, _ *FakeClock) error {
					entries := make([]types.UpdateQueueRecordsVisibilityRequestEntry, 11)
					for i := range entries {
						entries[i] = types.UpdateQueueRecordsVisibilityRequestEntry{ReceiptHandle: aws.String("h"), VisibilityTimeoutSeconds: aws.Int32(1)}
					}
					_, err := k.UpdateQueueRecordsVisibility(ctx, &kinesis.UpdateQueueRecordsVisibilityInput{QueueARN: aws.String(queueOf(c, "taken")), Entries: entries})
					return err
				}},
		},
	}.run(t)
}

// "Upon receiving a CreateQueue request, Amazon Kinesis Data Streams
// immediately returns a queue description with a QueueStatus of CREATING":
// even with no delay, after which the queue is ACTIVE at once.
func TestCreateQueueAnswersCreating(t *testing.T) {
	inModes(t, nil, func(t *testing.T, c *Client, k API, clock *FakeClock) {
		channelSourceStream(t, c, "od")
		out, err := k.CreateQueue(ctx, &kinesis.CreateQueueInput{QueueName: aws.String("q"), StreamConfigurationList: []types.QueueStreamConfiguration{{StreamARN: aws.String(odStreamARN)}}})
		if err != nil || out.QueueDescription.QueueStatus != types.QueueStatusCreating || out.QueueDescription.StreamConfigurationList[0].StartingPosition.Timestamp != nil {
			t.Fatalf("CreateQueue: %+v, %v", out, err)
		}
		desc, err := k.DescribeQueue(ctx, &kinesis.DescribeQueueInput{QueueARN: out.QueueDescription.QueueARN})
		if err != nil || desc.QueueDescription.QueueStatus != types.QueueStatusActive || !desc.QueueDescription.StreamConfigurationList[0].StartingPosition.Timestamp.Equal(clock.Now()) {
			t.Fatalf("DescribeQueue: %+v, %v", desc, err)
		}
	})
}

// Each entry of UpdateQueueRecordsVisibility gets its own
// VisibilityTimeoutSeconds, whatever entries before it failed: "The records
// whose visibility timeout is changed, identified by their receipt handles,
// and the new visibility timeout for each."
func TestQueueVisibilityPerEntry(t *testing.T) {
	c, clock := newFake(t)
	queueARN := createQueue(t, c, "od", "q")
	put(t, c, "od", "k", "kept in flight")
	got := receive(t, c, queueARN, 10, 10, false)
	out, err := c.UpdateQueueRecordsVisibility(ctx, &kinesis.UpdateQueueRecordsVisibilityInput{QueueARN: &queueARN, Entries: []types.UpdateQueueRecordsVisibilityRequestEntry{
		{ReceiptHandle: aws.String("not-a-handle"), VisibilityTimeoutSeconds: aws.Int32(0)},
		{ReceiptHandle: got[0].ReceiptHandle, VisibilityTimeoutSeconds: aws.Int32(600)},
	}})
	if err != nil || len(out.Failed) != 1 || len(out.Successful) != 1 {
		t.Fatalf("UpdateQueueRecordsVisibility: %+v, %v", out, err)
	}
	clock.Advance(10 * time.Second)
	records, err := c.QueueRecords(queueARN)
	if err != nil || len(records) != 1 || !records[0].VisibleAt.Equal(epoch.Add(600*time.Second)) {
		t.Fatalf("QueueRecords: %+v, %v; want visible 600 s after the update", records, err)
	}
}

// A receive that finds nothing changes nothing a store keeps: with -data, a
// long poll waiting on a stream others write to stores nothing per wake.
func TestEmptyReceiveStoresNothing(t *testing.T) {
	store := newMemStore()
	c, clock := openFake(t, store)
	queueARN := createQueue(t, c, "od", "q")
	written := &countingStore{memStore: store}
	c.mu.Lock()
	c.journal.(*journal).store = written
	c.mu.Unlock()
	receiveNone(t, c, clock, queueARN, false)
	receiveNone(t, c, clock, queueARN, true)
	if written.bytes != 0 {
		t.Fatalf("two empty receives stored %d bytes", written.bytes)
	}
}

// A hand-made state whose delivery names a slot far past any the queue
// could have made is refused before the slots are allocated (WithState
// refuses what it cannot hold before allocating it).
func TestWithStateRefusesAFarSlot(t *testing.T) {
	c, _ := newMemoryFake(t)
	queueARN := createQueue(t, c, "od", "q")
	put(t, c, "od", "k", "r")
	receive(t, c, queueARN, 10, 30, false)
	doc := string(snapshot(t, c))
	if !strings.Contains(doc, `"slot": 0`) {
		t.Fatalf("no delivery in slot 0 in %s", doc)
	}
	doc = strings.Replace(doc, `"slot": 0`, `"slot": 1000000000`, 1)
	err := newStateReader(strings.NewReader(doc)).read(newClient())
	if err == nil || !strings.Contains(err.Error(), "slot 1000000000") {
		t.Fatalf("restore: %v, want the slot refused", err)
	}
}

// FailQueueEntries fails the entries chosen, with the code given, and the
// records of those entries stay as they were; the others take effect. The
// codes are those the SDK's doc comments list for a failed entry ("One of
// ResourceNotFoundException, InvalidArgumentException,
// ThrottlingException, or InternalFailureException").
func TestFailQueueEntries(t *testing.T) {
	inModes(t, nil, func(t *testing.T, c *Client, k API, clock *FakeClock) {
		queueARN := createQueue(t, c, "od", "q")
		other := createQueue(t, c, "od", "other")
		for i := range 4 {
			put(t, c, "od", "k", fmt.Sprint("r", i))
		}
		got := receive(t, k, queueARN, 10, 30, false)
		fromOther := receive(t, k, other, 10, 30, false)
		c.FailQueueEntries(QueueEntriesFault{Operation: "AcknowledgeQueueRecords", QueueARN: queueARN, Times: 1,
			Fail: func(i int, handle string) bool { return i == 1 && handle == *got[1].ReceiptHandle }})
		c.FailQueueEntries(QueueEntriesFault{Operation: "AcknowledgeQueueRecords", Times: 1, ErrorCode: "InternalFailureException",
			Fail: func(i int, _ string) bool { return i == 3 }})
		c.FailQueueEntries(QueueEntriesFault{Operation: "UpdateQueueRecordsVisibility"})

		out, err := k.AcknowledgeQueueRecords(ctx, &kinesis.AcknowledgeQueueRecordsInput{QueueARN: &queueARN, Entries: []types.AcknowledgeQueueRecordsRequestEntry{
			{ReceiptHandle: got[0].ReceiptHandle}, {ReceiptHandle: got[1].ReceiptHandle}, {ReceiptHandle: got[2].ReceiptHandle}, {ReceiptHandle: got[3].ReceiptHandle},
		}})
		if err != nil {
			t.Fatal(err)
		}
		var failed []string
		for _, f := range out.Failed {
			failed = append(failed, *f.ReceiptHandle+" "+*f.ErrorCode+": "+*f.ErrorMessage)
		}
		want := []string{
			*got[1].ReceiptHandle + " ThrottlingException: Rate exceeded for queue q.",
			*got[3].ReceiptHandle + " InternalFailureException: Internal service failure.",
		}
		if !slices.Equal(failed, want) || len(out.Successful) != 2 || *out.Successful[0].ReceiptHandle != *got[0].ReceiptHandle || *out.Successful[1].ReceiptHandle != *got[2].ReceiptHandle {
			t.Fatalf("acknowledged %+v, failed %q, want %q", out.Successful, failed, want)
		}
		// The failed entries' records are still in flight, the others gone.
		held, err := c.QueueRecords(queueARN)
		if err != nil {
			t.Fatal(err)
		}
		if len(held) != 2 || held[0].Data[1] != '1' || held[1].Data[1] != '3' {
			t.Fatalf("the queue holds %+v, want r1 and r3", held)
		}

		// The visibility fault has no Times: every entry, every call, any
		// queue; and no acknowledgement fault is left.
		for _, arn := range []string{queueARN, other} {
			vis, err := k.UpdateQueueRecordsVisibility(ctx, &kinesis.UpdateQueueRecordsVisibilityInput{QueueARN: &arn, Entries: []types.UpdateQueueRecordsVisibilityRequestEntry{
				{ReceiptHandle: got[1].ReceiptHandle, VisibilityTimeoutSeconds: aws.Int32(0)},
				{ReceiptHandle: fromOther[0].ReceiptHandle, VisibilityTimeoutSeconds: aws.Int32(0)},
			}})
			if err != nil || len(vis.Successful) != 0 || len(vis.Failed) != 2 || *vis.Failed[0].ErrorCode != "ThrottlingException" {
				t.Fatalf("UpdateQueueRecordsVisibility on %s: %v, %+v", arn, err, vis)
			}
		}
		if failed := acknowledgeAll(t, k, queueARN, handlesOf(got[1:2]), false); len(failed) != 0 {
			t.Fatalf("acknowledging once the faults are spent: failed %v", failed)
		}
	})
}

// A fault with a ratio fails a share of the entries drawn from the seeded
// source: the same entries for the same seed.
func TestFailQueueEntriesRatioIsSeeded(t *testing.T) {
	failed := func(seed uint64) []int {
		c, clock := newFake(t, WithSeed(seed))
		queueARN := createQueue(t, c, "od", "q")
		putN(t, c, "od", 10)
		clock.Advance(time.Second)
		got := receive(t, c, queueARN, 10, 30, false)
		c.FailQueueEntries(QueueEntriesFault{Ratio: 0.5, ErrorCode: "ResourceNotFoundException"})
		out, err := c.AcknowledgeQueueRecords(ctx, &kinesis.AcknowledgeQueueRecordsInput{QueueARN: &queueARN, Entries: func() []types.AcknowledgeQueueRecordsRequestEntry {
			entries := make([]types.AcknowledgeQueueRecordsRequestEntry, len(got))
			for i := range got {
				entries[i].ReceiptHandle = got[i].ReceiptHandle
			}
			return entries
		}()})
		if err != nil {
			t.Fatal(err)
		}
		var idx []int
		for _, f := range out.Failed {
			idx = append(idx, slices.IndexFunc(got, func(r types.QueueRecord) bool { return *r.ReceiptHandle == *f.ReceiptHandle }))
		}
		if len(idx)+len(out.Successful) != 10 {
			t.Fatalf("%d failed and %d succeeded of 10", len(idx), len(out.Successful))
		}
		return idx
	}
	a, b := failed(7), failed(7)
	if !slices.Equal(a, b) || len(a) == 0 || len(a) == 10 {
		t.Fatalf("failed %v, then %v with the same seed; want the same share of some", a, b)
	}
}

// A QueueEntriesFault's Fail that panics, as it runs under the fake's
// lock, leaves the lock free and the fake usable.
func TestPanickingQueueEntriesFault(t *testing.T) {
	c, _ := newFake(t)
	queueARN := createQueue(t, c, "od", "q")
	put(t, c, "od", "k", "d")
	got := receive(t, c, queueARN, 10, 30, false)
	remove := c.FailQueueEntries(QueueEntriesFault{Fail: func(int, string) bool { panic("boom") }})
	func() {
		defer func() {
			if p := recover(); fmt.Sprint(p) != "boom" {
				t.Errorf("panic %v, want boom", p)
			}
		}()
		acknowledgeAll(t, c, queueARN, handlesOf(got), false)
	}()
	remove()
	if failed := acknowledgeAll(t, c, queueARN, handlesOf(got), false); len(failed) != 0 {
		t.Fatalf("after the panic: failed %v", failed)
	}
}

// WaitForQueue returns once the queue holds what the test waits for,
// woken by calls that change the state (a put, an acknowledgement) and by
// the instants at which the queue changes on its own (CREATING → ACTIVE,
// a visibility timeout running out into a dead letter, its deletion
// completing), with no one moving the clock but the test.
func TestWaitForQueue(t *testing.T) {
	delays := Delays{CreateQueue: 10 * time.Second, DeleteQueue: 10 * time.Second}
	inModes(t, []Option{WithDelays(delays)}, func(t *testing.T, c *Client, k API, clock *FakeClock) {
		channelSourceStream(t, c, "od")
		created, err := k.CreateQueue(ctx, &kinesis.CreateQueueInput{QueueName: aws.String("q"),
			StreamConfigurationList: []types.QueueStreamConfiguration{{StreamARN: aws.String("arn:aws:kinesis:us-east-1:123456789012:stream/od")}},
			QueueAttributes:         &types.QueueAttributes{DeadLetterConfiguration: &types.DeadLetterConfiguration{TargetType: types.TargetTypeBuiltIn, MaxReceiveCount: aws.Int32(1)}}})
		if err != nil {
			t.Fatal(err)
		}
		queueARN := *created.QueueDescription.QueueARN
		// wait runs WaitForQueue in the background; the returned function
		// gives its result.
		wait := func(until func(QueueState) bool) func() (QueueState, error) {
			done := make(chan struct{})
			var state QueueState
			var err error
			go func() {
				defer close(done)
				state, err = c.WaitForQueue(ctx, queueARN, until)
			}()
			return func() (QueueState, error) { <-done; return state, err }
		}
		// afterWaiting moves the clock by d once a wait holds a timer.
		afterWaiting := func(waiters int, d time.Duration) {
			if err := clock.BlockUntil(ctx, waiters+1); err != nil {
				t.Fatal(err)
			}
			clock.Advance(d)
		}

		waiters := clock.Waiters()
		active := wait(func(s QueueState) bool { return s.Status == types.QueueStatusActive })
		afterWaiting(waiters, 10*time.Second)
		if s, err := active(); err != nil || s.Status != types.QueueStatusActive {
			t.Fatalf("waiting for ACTIVE: %+v, %v", s, err)
		}

		three := wait(func(s QueueState) bool { return s.Undelivered == 3 })
		for i := range 3 {
			put(t, c, "od", "k", fmt.Sprint("r", i))
		}
		if s, err := three(); err != nil || s.Undelivered != 3 || len(s.Records) != 0 {
			t.Fatalf("waiting for three records: %+v, %v", s, err)
		}

		got := receive(t, k, queueARN, 10, 30, false)
		if s, err := c.WaitForQueue(ctx, queueARN, func(QueueState) bool { return true }); err != nil || s.InFlight != 3 || s.Undelivered != 0 || len(s.Records) != 3 {
			t.Fatalf("after the receive: %+v, %v", s, err)
		}
		acked := wait(func(s QueueState) bool { return s.InFlight == 2 })
		acknowledgeAll(t, k, queueARN, handlesOf(got[:1]), false)
		if s, err := acked(); err != nil || s.InFlight != 2 || s.Visible != 0 || s.DeadLetters != 0 {
			t.Fatalf("waiting for the acknowledgement: %+v, %v", s, err)
		}

		// Received MaxReceiveCount (1) times, the two left become dead
		// letters when their visibility timeout runs out.
		waiters = clock.Waiters()
		dead := wait(func(s QueueState) bool { return s.DeadLetters == 2 })
		afterWaiting(waiters, 30*time.Second)
		if s, err := dead(); err != nil || s.DeadLetters != 2 || !s.Records[0].DeadLetter || s.InFlight != 0 {
			t.Fatalf("waiting for dead letters: %+v, %v", s, err)
		}

		// A wait for what never comes ends with its context, with the
		// deletion's completion, and with the fake.
		short, cancel := context.WithCancel(ctx)
		cancel()
		if _, err := c.WaitForQueue(short, queueARN, func(QueueState) bool { return false }); !errors.Is(err, context.Canceled) {
			t.Fatalf("with a cancelled context: %v", err)
		}
		if _, err := k.DeleteQueue(ctx, &kinesis.DeleteQueueInput{QueueARN: &queueARN}); err != nil {
			t.Fatal(err)
		}
		waiters = clock.Waiters()
		never := wait(func(s QueueState) bool { return false })
		afterWaiting(waiters, 10*time.Second)
		var notFound *types.ResourceNotFoundException
		if _, err := never(); !errors.As(err, &notFound) {
			t.Fatalf("waiting on a queue whose deletion completed: %v", err)
		}
		other := createQueue(t, c, "od", "other")
		clock.Advance(10 * time.Second)
		closing := make(chan error, 1)
		go func() {
			_, err := c.WaitForQueue(ctx, other, func(QueueState) bool { return false })
			closing <- err
		}()
		c.Close()
		if err := <-closing; !errors.Is(err, errClosed) {
			t.Fatalf("waiting as the fake closes: %v", err)
		}
	})
}

// A queue's whole life, as the SDK's client (v1.58.0) lives it in JSON,
// in CBOR and over loopback HTTP, with the service's delays: created
// CREATING and waited for until ACTIVE, records received, one's visibility
// extended and then acknowledged, the other dead-lettered after
// MaxReceiveCount receives, restored, received and acknowledged, and the
// queue deleted, after which its receipt handles are refused and the
// stream keeps its records. Each step is on record in the SDK's doc
// comments of the operation it calls.
func TestQueueWholeLife(t *testing.T) {
	inModes(t, []Option{WithDelays(ServiceDelays())}, func(t *testing.T, c *Client, k API, clock *FakeClock) {
		channelSourceStream(t, c, "od")
		clock.Advance(ServiceDelays().CreateStream)
		out, err := k.CreateQueue(ctx, &kinesis.CreateQueueInput{QueueName: aws.String("q"),
			StreamConfigurationList: []types.QueueStreamConfiguration{{StreamARN: aws.String(odStreamARN)}},
			QueueAttributes:         &types.QueueAttributes{DeadLetterConfiguration: &types.DeadLetterConfiguration{TargetType: types.TargetTypeBuiltIn, MaxReceiveCount: aws.Int32(2)}}})
		if err != nil || out.QueueDescription.QueueStatus != types.QueueStatusCreating {
			t.Fatalf("CreateQueue: %+v, %v", out, err)
		}
		queueARN := *out.QueueDescription.QueueARN
		polls := 0
		for ; ; polls++ {
			d, err := k.DescribeQueue(ctx, &kinesis.DescribeQueueInput{QueueARN: &queueARN})
			if err != nil {
				t.Fatal(err)
			}
			if d.QueueDescription.QueueStatus == types.QueueStatusActive {
				break
			}
			clock.Advance(time.Second)
		}
		if polls != int(ServiceDelays().CreateQueue/time.Second) {
			t.Errorf("ACTIVE after %d polls a second apart, want %v", polls, ServiceDelays().CreateQueue)
		}

		put(t, c, "od", "a", "done")
		put(t, c, "od", "b", "poison")
		got := receive(t, k, queueARN, 10, 30, false)
		if len(got) != 2 {
			t.Fatalf("received %q, want both", dataOf(got))
		}
		slices.SortFunc(got, func(a, b types.QueueRecord) int { return strings.Compare(string(a.Data), string(b.Data)) })
		done, poison := got[0], got[1]
		vis, err := k.UpdateQueueRecordsVisibility(ctx, &kinesis.UpdateQueueRecordsVisibilityInput{QueueARN: &queueARN,
			Entries: []types.UpdateQueueRecordsVisibilityRequestEntry{{ReceiptHandle: done.ReceiptHandle, VisibilityTimeoutSeconds: aws.Int32(300)}}})
		if err != nil || len(vis.Successful) != 1 {
			t.Fatalf("UpdateQueueRecordsVisibility: %+v, %v", vis, err)
		}
		clock.Advance(30 * time.Second) // the poison's timeout; the other's is extended
		if again := receive(t, k, queueARN, 10, 30, false); len(again) != 1 || *again[0].RecordId != *poison.RecordId || *again[0].ReceiveCount != 2 {
			t.Fatalf("after 30 s: %+v, want the poison record again", again)
		}
		if failed := acknowledgeAll(t, k, queueARN, handlesOf([]types.QueueRecord{done}), false); len(failed) != 0 {
			t.Fatalf("acknowledging: failed %v", failed)
		}
		clock.Advance(30 * time.Second) // received twice: now a dead letter
		dead := receive(t, k, queueARN, 10, 30, true)
		if len(dead) != 1 || *dead[0].RecordId != *poison.RecordId {
			t.Fatalf("dead letters %+v", dead)
		}
		restored, err := k.RestoreDeadLetterQueueRecords(ctx, &kinesis.RestoreDeadLetterQueueRecordsInput{QueueARN: &queueARN,
			Entries: []types.RestoreDeadLetterQueueRecordsRequestEntry{{ReceiptHandle: dead[0].ReceiptHandle}}})
		if err != nil || len(restored.Successful) != 1 {
			t.Fatalf("RestoreDeadLetterQueueRecords: %+v, %v", restored, err)
		}
		back := receive(t, k, queueARN, 10, 30, false)
		if len(back) != 1 || *back[0].ReceiveCount != 1 {
			t.Fatalf("restored, received as %+v", back)
		}
		if failed := acknowledgeAll(t, k, queueARN, handlesOf(back), false); len(failed) != 0 {
			t.Fatalf("acknowledging the restored record: failed %v", failed)
		}

		put(t, c, "od", "c", "in flight at the end")
		last := receive(t, k, queueARN, 10, 30, false)
		if _, err := k.DeleteQueue(ctx, &kinesis.DeleteQueueInput{QueueARN: &queueARN}); err != nil {
			t.Fatal(err)
		}
		clock.Advance(ServiceDelays().DeleteQueue)
		_, err = k.AcknowledgeQueueRecords(ctx, &kinesis.AcknowledgeQueueRecordsInput{QueueARN: &queueARN,
			Entries: []types.AcknowledgeQueueRecordsRequestEntry{{ReceiptHandle: last[0].ReceiptHandle}}})
		wantAPIError(t, err, "AcknowledgeQueueRecords", "ResourceNotFoundException", "")
		if records, err := c.Records("od"); err != nil || len(records) != 3 {
			t.Fatalf("the stream holds %d records (%v), want all 3", len(records), err)
		}
	})
}

// UpdateQueue: "A new visibility timeout applies to records received after
// the update completes. Records that are already in flight keep the
// visibility timeout they were received with."
func TestUpdateQueueVisibilityAppliesOnceUpdated(t *testing.T) {
	inModes(t, []Option{WithDelays(Delays{UpdateQueue: 20 * time.Second})}, func(t *testing.T, c *Client, k API, clock *FakeClock) {
		queueARN := createQueue(t, c, "od", "q")
		put(t, c, "od", "a", "before")
		before := receiveDefault(t, k, queueARN)
		if _, err := k.UpdateQueue(ctx, &kinesis.UpdateQueueInput{QueueARN: &queueARN, QueueAttributes: &types.QueueAttributes{VisibilityTimeoutSeconds: aws.Int32(300)}}); err != nil {
			t.Fatal(err)
		}
		put(t, c, "od", "b", "during")
		during := receiveDefault(t, k, queueARN)
		clock.Advance(20 * time.Second) // the update completes; the others are in flight still
		put(t, c, "od", "c", "after")
		after := receiveDefault(t, k, queueARN)
		held, err := c.QueueRecords(queueARN)
		if err != nil {
			t.Fatal(err)
		}
		visibleAfter := map[string]time.Duration{}
		for _, r := range held {
			visibleAfter[string(r.Data)] = r.VisibleAt.Sub(r.FirstReceived)
		}
		want := map[string]time.Duration{"before": 30 * time.Second, "during": 30 * time.Second, "after": 300 * time.Second}
		if len(before)+len(during)+len(after) != 3 || !maps.Equal(visibleAfter, want) {
			t.Fatalf("in flight for %v, want %v", visibleAfter, want)
		}
	})
}

// receiveDefault receives from the queue with its own visibility timeout.
func receiveDefault(t *testing.T, k API, queueARN string) []types.QueueRecord {
	t.Helper()
	out, err := k.ReceiveQueueRecords(ctx, &kinesis.ReceiveQueueRecordsInput{QueueARN: &queueARN, WaitTimeSeconds: aws.Int32(1)})
	if err != nil || len(out.QueueRecords) != 1 {
		t.Fatalf("receive: %v, %+v", err, out)
	}
	return out.QueueRecords
}

// DeadLetterConfiguration NONE: "NONE disables it", so a record is
// delivered again however many times it was received.
func TestQueueWithoutDeadLetters(t *testing.T) {
	inModes(t, nil, func(t *testing.T, c *Client, k API, clock *FakeClock) {
		channelSourceStream(t, c, "od")
		out, err := k.CreateQueue(ctx, &kinesis.CreateQueueInput{QueueName: aws.String("q"), StreamConfigurationList: []types.QueueStreamConfiguration{{StreamARN: aws.String(odStreamARN)}},
			QueueAttributes: &types.QueueAttributes{DeadLetterConfiguration: &types.DeadLetterConfiguration{TargetType: types.TargetTypeNone}}})
		if err != nil {
			t.Fatal(err)
		}
		d := out.QueueDescription.QueueAttributes.DeadLetterConfiguration
		if d.TargetType != types.TargetTypeNone || d.MaxReceiveCount != nil {
			t.Fatalf("DeadLetterConfiguration %+v, want NONE without MaxReceiveCount", d)
		}
		queueARN := *out.QueueDescription.QueueARN
		put(t, c, "od", "k", "again and again")
		for i := range 10 {
			got := receive(t, k, queueARN, 10, 0, false)
			if len(got) != 1 || *got[0].ReceiveCount != int32(i+1) {
				t.Fatalf("receive %d: %+v", i+1, got)
			}
		}
		receiveNone(t, k, clock, queueARN, true)
	})
}

// CreateQueue: "A queue does not extend how long the stream keeps a
// record. When a record reaches the end of the data stream's retention
// period, the queue stops delivering it", whether it was delivered before
// or not.
func TestQueueStopsAtRetention(t *testing.T) {
	inModes(t, nil, func(t *testing.T, c *Client, k API, clock *FakeClock) {
		queueARN := createQueue(t, c, "od", "q")
		put(t, c, "od", "a", "in flight")
		receive(t, k, queueARN, 10, 0, false)
		put(t, c, "od", "b", "never delivered")
		clock.Advance(24*time.Hour + time.Second) // past the default retention period
		receiveNone(t, k, clock, queueARN, false)
		if held, err := c.QueueRecords(queueARN); err != nil || len(held) != 0 {
			t.Fatalf("the queue holds %+v (%v), want nothing", held, err)
		}
	})
}

// The queue ARN's resource ID is generated, not derived from the name
// (QueueDescription's QueueARN): a queue made again with a name deleted
// before gets a new ARN, and the old ARN does not name it.
func TestQueueARNIsGenerated(t *testing.T) {
	inModes(t, nil, func(t *testing.T, c *Client, k API, clock *FakeClock) {
		first := createQueue(t, c, "od", "q")
		if _, err := k.DeleteQueue(ctx, &kinesis.DeleteQueueInput{QueueARN: &first}); err != nil {
			t.Fatal(err)
		}
		second := createQueue(t, c, "od", "q")
		if first == second || strings.Contains(second, "/q") {
			t.Fatalf("ARNs %s, then %s: want a new generated ID", first, second)
		}
		_, err := k.DescribeQueue(ctx, &kinesis.DescribeQueueInput{QueueARN: &first})
		wantAPIError(t, err, "DescribeQueue", "ResourceNotFoundException", "")
	})
}
