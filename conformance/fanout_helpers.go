package conformance

import (
	"errors"
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/kinesis"
	"github.com/aws/aws-sdk-go-v2/service/kinesis/schemas"
	"github.com/aws/aws-sdk-go-v2/service/kinesis/types"
	"github.com/aws/smithy-go"
	"github.com/aws/smithy-go/transport/http/protocol/awsjson"

	"github.com/streamfake/kinesis/arn"
	"github.com/streamfake/kinesis/internal/recorded"
)

// Helpers of the fan-out and errors groups.

// efoFirstShard is the ID of the first shard of a new stream, the only one of a
// stream of one shard (kinesalite test/createStream.js, checked against the
// service).
const efoFirstShard = "shardId-000000000000"

// eventWait bounds the wait for one event of a subscription, so that a
// target that stops sending fails the scenario instead of hanging it. The
// service sends an event at least every few seconds, records or not.
const eventWait = 30 * time.Second

// subscriptionProtocol gives a SubscribeToShard call a protocol of its own:
// the SDK's event-stream decoder is not safe for several streams read at
// once on one client (smithy-go#714). Direct calls to the fake ignore it.
func subscriptionProtocol(o *kinesis.Options) { o.Protocol = awsjson.New11(schemas.Kinesis_20131202) }

// A subscription is a SubscribeToShard event stream being read by a
// scenario.
type subscription struct {
	t      *T
	what   string // the consumer and shard, for messages
	stream *kinesis.SubscribeToShardEventStream
}

// trySubscribe subscribes the consumer to the shard from pos. The stream is
// closed when the scenario ends.
func (t *T) trySubscribe(consumerARN, shardID string, pos types.StartingPosition) (*subscription, error) {
	t.Helper()
	out, err := t.K.SubscribeToShard(t.Ctx(), &kinesis.SubscribeToShardInput{
		ConsumerARN:      aws.String(consumerARN),
		ShardId:          aws.String(shardID),
		StartingPosition: &pos,
	}, subscriptionProtocol)
	if err != nil {
		return nil, err
	}
	stream := out.GetStream()
	t.Cleanup(func() { _ = stream.Close() })
	return &subscription{t: t, what: consumerARN + " on " + shardID, stream: stream}, nil
}

// subscribe is trySubscribe for a call that must succeed.
func (t *T) subscribe(consumerARN, shardID string, pos types.StartingPosition) *subscription {
	t.Helper()
	s, err := t.trySubscribe(consumerARN, shardID, pos)
	t.NoError(err)
	return s
}

// next waits for the subscription's next event; ok is false if the stream
// has ended.
func (s *subscription) next() (e types.SubscribeToShardEvent, ok bool) {
	s.t.Helper()
	timer := time.NewTimer(eventWait)
	defer timer.Stop()
	select {
	case ev, open := <-s.stream.Events():
		if !open {
			return e, false
		}
		member, isEvent := ev.(*types.SubscribeToShardEventStreamMemberSubscribeToShardEvent)
		if !isEvent {
			s.t.Fatalf("subscription %s: event of type %T", s.what, ev)
		}
		return member.Value, true
	case <-timer.C:
		s.t.Fatalf("subscription %s: no event within %v", s.what, eventWait)
	}
	return e, false
}

// records reads events until they have brought n records, and returns the
// records and the events that brought them. It fails the scenario if the
// stream ends first or an event lacks what the API reference says every
// event carries.
func (s *subscription) records(n int) ([]types.Record, []types.SubscribeToShardEvent) {
	s.t.Helper()
	var records []types.Record
	var events []types.SubscribeToShardEvent
	for len(records) < n {
		e, ok := s.next()
		if !ok {
			s.t.Fatalf("subscription %s ended after %d of %d records (Err %v)", s.what, len(records), n, s.stream.Err())
		}
		s.t.checkEvent(e)
		records = append(records, e.Records...)
		events = append(events, e)
	}
	return records, events
}

// checkEvent checks what every event carries (API reference,
// SubscribeToShardEvent): MillisBehindLatest, and a ContinuationSequenceNumber
// unless the event ends the shard with ChildShards.
func (t *T) checkEvent(e types.SubscribeToShardEvent) {
	t.Helper()
	if e.MillisBehindLatest == nil || *e.MillisBehindLatest < 0 {
		t.Errorf("event without a MillisBehindLatest of 0 or more: %+v", e)
	}
	if e.ContinuationSequenceNumber == nil && len(e.ChildShards) == 0 {
		t.Errorf("event without ContinuationSequenceNumber or ChildShards: %+v", e)
	}
}

// shardEnd reads events until one carries ChildShards, which ends the
// shard, and returns the data of the records that came before it, in order,
// and that last event.
func (s *subscription) shardEnd() ([]string, types.SubscribeToShardEvent) {
	s.t.Helper()
	var data []string
	for {
		e, ok := s.next()
		if !ok {
			s.t.Fatalf("subscription %s ended without ChildShards (Err %v); records %q", s.what, s.stream.Err(), data)
		}
		s.t.checkEvent(e)
		data = append(data, payloads(e.Records)...)
		if len(e.ChildShards) > 0 {
			return data, e
		}
	}
}

// ended waits for the stream to end, passing over any events still coming,
// and returns what its Err reports. It fails the scenario if one of those
// events carries records.
func (s *subscription) ended() error {
	s.t.Helper()
	for {
		e, ok := s.next()
		if !ok {
			return s.stream.Err()
		}
		if len(e.Records) > 0 {
			s.t.Errorf("subscription %s: records %q after it should have ended", s.what, payloads(e.Records))
		}
	}
}

// payloads is the data of each record, as strings.
func payloads(records []types.Record) []string {
	data := make([]string, 0, len(records))
	for _, r := range records {
		data = append(data, string(r.Data))
	}
	return data
}

// feed puts a record of each datum into the stream, with partition key
// "k", one call after another, and returns what each put answered.
func (t *T) feed(stream string, data ...string) []*kinesis.PutRecordOutput {
	t.Helper()
	outs := make([]*kinesis.PutRecordOutput, 0, len(data))
	for _, d := range data {
		out, err := t.K.PutRecord(t.Ctx(), &kinesis.PutRecordInput{StreamName: aws.String(stream), PartitionKey: aws.String("k"), Data: []byte(d)})
		t.NoError(err)
		outs = append(outs, out)
	}
	return outs
}

// readBack reads the first n records of a shard with GetRecords from
// TRIM_HORIZON, for what only a read shows, such as arrival times.
func (t *T) readBack(stream, shardID string, n int) []types.Record {
	t.Helper()
	it, err := t.K.GetShardIterator(t.Ctx(), &kinesis.GetShardIteratorInput{StreamName: aws.String(stream), ShardId: aws.String(shardID), ShardIteratorType: types.ShardIteratorTypeTrimHorizon})
	t.NoError(err)
	iterator := it.ShardIterator
	var records []types.Record
	t.Eventually(fmt.Sprintf("%d records read back from %s", n, shardID), func() (bool, error) {
		out, err := t.K.GetRecords(t.Ctx(), &kinesis.GetRecordsInput{ShardIterator: iterator})
		if err != nil {
			return false, err
		}
		records = append(records, out.Records...)
		iterator = out.NextShardIterator
		return len(records) >= n, nil
	})
	return records[:n]
}

// consumerGone waits until DescribeStreamConsumer no longer finds the
// consumer with the ARN, checking that it is DELETING until then.
func (t *T) consumerGone(consumerARN string) {
	t.Helper()
	t.Eventually("consumer gone", func() (bool, error) {
		out, err := t.K.DescribeStreamConsumer(t.Ctx(), &kinesis.DescribeStreamConsumerInput{ConsumerARN: aws.String(consumerARN)})
		var notFound *types.ResourceNotFoundException
		if errors.As(err, &notFound) {
			return true, nil
		}
		if err != nil {
			return false, err
		}
		if got := out.ConsumerDescription.ConsumerStatus; got != types.ConsumerStatusDeleting {
			t.Errorf("deregistered consumer is %s, want DELETING until it is gone", got)
		}
		return false, nil
	})
}

// unknownStream names a stream the target does not have, with the ARN it
// would have, and returns the account both are under, read from the ARN of
// a stream created for the purpose.
func (t *T) unknownStream() (name, streamARN, account string) {
	t.Helper()
	_, known := t.CreateStream(1)
	a, err := arn.ParseStream(known)
	t.NoError(err)
	a.Name = t.StreamName()
	return a.Name, a.String(), a.AccountID
}

// consumerEpoch is the creation time in a consumer's ARN, after its last
// colon (API reference, Consumer: "consumer ARNs contain the creation
// timestamp").
func consumerEpoch(consumerARN string) string {
	return consumerARN[strings.LastIndexByte(consumerARN, ':')+1:]
}

// wantViolations checks that err is the ValidationException of op listing
// exactly the violations given, each once, in any order: "N validation
// errors detected: " and the violations joined by "; ". kinesalite's tests
// recorded several messages as such sets (test/helpers.js, assertValidation).
func (t *T) wantViolations(err error, op string, violations ...recorded.Violation) {
	t.Helper()
	t.WantError(err, op, "ValidationException", "")
	var apiErr smithy.APIError
	errors.As(err, &apiErr)
	msg := apiErr.ErrorMessage()
	noun := "errors"
	if len(violations) == 1 {
		noun = "error"
	}
	prefix := fmt.Sprintf("%d validation %s detected: ", len(violations), noun)
	rest, ok := strings.CutPrefix(msg, prefix)
	if !ok {
		t.Fatalf("%s: message %q does not start %q", op, msg, prefix)
	}
	got := strings.Split(rest, "; ")
	want := make([]string, len(violations))
	for i, v := range violations {
		want[i] = v.String()
	}
	slices.Sort(got)
	slices.Sort(want)
	if !slices.Equal(got, want) {
		t.Fatalf("%s: message %q\nlists %q\nwant   %q", op, msg, got, want)
	}
}
