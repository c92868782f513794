package conformance

import (
	"errors"
	"fmt"
	"math/big"
	"regexp"
	"slices"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/kinesis"
	"github.com/aws/aws-sdk-go-v2/service/kinesis/types"

	"github.com/streamfake/kinesis/internal/recorded"
)

const (
	refRegister   = "API reference, RegisterStreamConsumer"
	refConsumer   = "API reference, Consumer and ConsumerDescription"
	refDeregister = "API reference, DeregisterStreamConsumer"
	refSubscribe  = "API reference, SubscribeToShard"
	refEvent      = "API reference, SubscribeToShardEvent"
	refStarting   = "API reference, StartingPosition"
	// The end of a shard: the event that carries ChildShards has no
	// ContinuationSequenceNumber, and the subscription then completes, as
	// the Kinesis Client Library reads it (FanOutRecordsPublisher:
	// isAtShardEnd when the continuation is null; "Shard has ended
	// completing subscriber" on the stream's completion).
	refShardEnd = refEvent + " (ChildShards only at the end of the shard); awslabs/amazon-kinesis-client FanOutRecordsPublisher"
)

// efoTopHashKey is the highest hash key, 2^128-1, which the last shard of a
// stream holds (kinesalite test/createStream.js).
const efoTopHashKey = "340282366920938463463374607431768211455"

// fanOutScenarios are the scenarios of the fan-out group.
func fanOutScenarios() []Scenario {
	return slices.Concat(consumerScenarios(), consumerNamingScenarios(),
		startingPositionScenarios(), subscriptionScenarios(), shardEndScenarios())
}

// consumerScenarios register consumers and look at what the service says
// of them.
func consumerScenarios() []Scenario {
	return []Scenario{
		{Group: "fan-out", Name: "a registered consumer answers CREATING, then becomes ACTIVE",
			Source: refRegister + "; " + refConsumer + "; AWS re:Post, \"RegisterStreamConsumer: how to get updated consumer status\" (the CLI's reply is CREATING)",
			Run: func(t *T) {
				_, streamARN := t.CreateStream(1)
				out, err := t.K.RegisterStreamConsumer(t.Ctx(), &kinesis.RegisterStreamConsumerInput{StreamARN: aws.String(streamARN), ConsumerName: aws.String("app")})
				t.NoError(err)
				c := out.Consumer
				if got := c.ConsumerStatus; got != types.ConsumerStatusCreating {
					t.Errorf("RegisterStreamConsumer answered %s, want CREATING", got)
				}
				if got := aws.ToString(c.ConsumerName); got != "app" {
					t.Errorf("ConsumerName %q, want app", got)
				}
				if c.ConsumerCreationTimestamp == nil {
					t.Error("no ConsumerCreationTimestamp")
				}
				t.WaitForConsumer(aws.ToString(c.ConsumerARN))
			}},
		{Group: "fan-out", Name: "a consumer's ARN is its stream's, then consumer, its name and its creation time",
			Source: refConsumer + " (ConsumerARN pattern; \"consumer ARNs contain the creation timestamp\")",
			Run: func(t *T) {
				_, streamARN := t.CreateStream(1)
				consumerARN := t.RegisterConsumer(streamARN, "app")
				form := regexp.MustCompile("^" + regexp.QuoteMeta(streamARN) + `/consumer/app:[0-9]+$`)
				if !form.MatchString(consumerARN) {
					t.Errorf("ConsumerARN %q does not match %s", consumerARN, form)
				}
			}},
		{Group: "fan-out", Name: "ListStreamConsumers lists every registered consumer",
			Source: "API reference, ListStreamConsumers; " + refConsumer,
			Run: func(t *T) {
				_, streamARN := t.CreateStream(1)
				want := map[string]string{"app1": t.RegisterConsumer(streamARN, "app1"), "app2": t.RegisterConsumer(streamARN, "app2")}
				out, err := t.K.ListStreamConsumers(t.Ctx(), &kinesis.ListStreamConsumersInput{StreamARN: aws.String(streamARN)})
				t.NoError(err)
				got := map[string]string{}
				for _, c := range out.Consumers {
					got[aws.ToString(c.ConsumerName)] = aws.ToString(c.ConsumerARN)
					if c.ConsumerStatus != types.ConsumerStatusActive {
						t.Errorf("consumer %s listed as %s, want ACTIVE", aws.ToString(c.ConsumerName), c.ConsumerStatus)
					}
				}
				if fmt.Sprint(got) != fmt.Sprint(want) {
					t.Errorf("ListStreamConsumers lists %v, want %v", got, want)
				}
			}},
		{Group: "fan-out", Name: "ListStreamConsumers of a stream without consumers lists none",
			Source: "API reference, ListStreamConsumers",
			Run: func(t *T) {
				_, streamARN := t.CreateStream(1)
				out, err := t.K.ListStreamConsumers(t.Ctx(), &kinesis.ListStreamConsumersInput{StreamARN: aws.String(streamARN)})
				t.NoError(err)
				if len(out.Consumers) != 0 {
					t.Errorf("ListStreamConsumers lists %+v, want none", out.Consumers)
				}
			}},
		{Group: "fan-out", Name: "registering a consumer name the stream already has is refused as in use",
			Source: refRegister + " (ResourceInUseException); Apache Flink's StreamConsumerRegistrar takes it for a name already registered (apache/flink-connector-aws#255)",
			Run: func(t *T) {
				_, streamARN := t.CreateStream(1)
				t.RegisterConsumer(streamARN, "app")
				_, err := t.K.RegisterStreamConsumer(t.Ctx(), &kinesis.RegisterStreamConsumerInput{StreamARN: aws.String(streamARN), ConsumerName: aws.String("app")})
				// The service's wording is not on record: the code only.
				t.WantError(err, "RegisterStreamConsumer", "ResourceInUseException", "")
			}},
		{Group: "fan-out", Name: "a consumer registered with tags has them",
			Source: refRegister + " (Tags); API reference, ListTagsForResource",
			Run: func(t *T) {
				_, streamARN := t.CreateStream(1)
				out, err := t.K.RegisterStreamConsumer(t.Ctx(), &kinesis.RegisterStreamConsumerInput{StreamARN: aws.String(streamARN), ConsumerName: aws.String("app"), Tags: map[string]string{"team": "blue"}})
				t.NoError(err)
				consumerARN := aws.ToString(out.Consumer.ConsumerARN)
				t.WaitForConsumer(consumerARN)
				tags, err := t.K.ListTagsForResource(t.Ctx(), &kinesis.ListTagsForResourceInput{ResourceARN: aws.String(consumerARN)})
				t.NoError(err)
				if len(tags.Tags) != 1 || aws.ToString(tags.Tags[0].Key) != "team" || aws.ToString(tags.Tags[0].Value) != "blue" {
					t.Errorf("consumer's tags %+v, want team=blue", tags.Tags)
				}
			}},
		{Group: "fan-out", Name: "a consumer registered again under its name gets a new ARN",
			Source: refConsumer + " (\"If you delete a consumer and then create a new one with the same name, it won't have the same ARN\")",
			Run: func(t *T) {
				_, streamARN := t.CreateStream(1)
				first := t.RegisterConsumer(streamARN, "app")
				t.Must(t.K.DeregisterStreamConsumer(t.Ctx(), &kinesis.DeregisterStreamConsumerInput{ConsumerARN: aws.String(first)}))
				t.consumerGone(first)
				second := t.RegisterConsumer(streamARN, "app")
				if second == first {
					t.Errorf("the consumer registered again has the ARN of the first, %s", first)
				}
			}},
	}
}

// consumerNamings are the ways the API reference allows naming a consumer:
// each gives the ConsumerARN, StreamARN and ConsumerName members to set for
// the consumer "app".
var consumerNamings = []struct {
	how     string
	members func(consumerARN, streamARN string) (consumer, stream, name *string)
}{
	{"by its ARN", func(consumerARN, _ string) (*string, *string, *string) {
		return aws.String(consumerARN), nil, nil
	}},
	{"by its stream's ARN and its name", func(_, streamARN string) (*string, *string, *string) {
		return nil, aws.String(streamARN), aws.String("app")
	}},
}

// consumerNamingScenarios describe and deregister a consumer each way the
// API reference allows naming it.
func consumerNamingScenarios() []Scenario {
	var scenarios []Scenario
	for _, w := range consumerNamings {
		scenarios = append(scenarios, Scenario{Group: "fan-out", Name: "DescribeStreamConsumer describes a consumer named " + w.how,
			Source: "API reference, DescribeStreamConsumer; " + refConsumer,
			Run: func(t *T) {
				_, streamARN := t.CreateStream(1)
				consumerARN := t.RegisterConsumer(streamARN, "app")
				consumer, stream, name := w.members(consumerARN, streamARN)
				out, err := t.K.DescribeStreamConsumer(t.Ctx(), &kinesis.DescribeStreamConsumerInput{ConsumerARN: consumer, StreamARN: stream, ConsumerName: name})
				t.NoError(err)
				d := out.ConsumerDescription
				if got := aws.ToString(d.ConsumerName); got != "app" {
					t.Errorf("ConsumerName %q, want app", got)
				}
				if got := aws.ToString(d.ConsumerARN); got != consumerARN {
					t.Errorf("ConsumerARN %q, want %q", got, consumerARN)
				}
				if got := aws.ToString(d.StreamARN); got != streamARN {
					t.Errorf("StreamARN %q, want %q", got, streamARN)
				}
				if d.ConsumerStatus != types.ConsumerStatusActive {
					t.Errorf("ConsumerStatus %s, want ACTIVE", d.ConsumerStatus)
				}
				if d.ConsumerCreationTimestamp == nil {
					t.Error("no ConsumerCreationTimestamp")
				}
			}},
			Scenario{Group: "fan-out", Name: "a consumer deregistered " + w.how + " is DELETING, then gone",
				Source: refDeregister + "; " + refConsumer + " (DELETING)",
				Run: func(t *T) {
					_, streamARN := t.CreateStream(1)
					consumerARN := t.RegisterConsumer(streamARN, "app")
					consumer, stream, name := w.members(consumerARN, streamARN)
					t.Must(t.K.DeregisterStreamConsumer(t.Ctx(), &kinesis.DeregisterStreamConsumerInput{ConsumerARN: consumer, StreamARN: stream, ConsumerName: name}))
					t.consumerGone(consumerARN)
					t.Eventually("consumer no longer listed", func() (bool, error) {
						out, err := t.K.ListStreamConsumers(t.Ctx(), &kinesis.ListStreamConsumersInput{StreamARN: aws.String(streamARN)})
						if err != nil {
							return false, err
						}
						return len(out.Consumers) == 0, nil
					})
				}})
	}
	return scenarios
}

// startingPositionScenarios subscribe from every starting position to a
// shard holding r0 to r3, then put "after": each subscription must deliver,
// in order, the records from its position on.
func startingPositionScenarios() []Scenario {
	// atOrAfter is the index of the first record that arrived at or after
	// the time.
	atOrAfter := func(before []types.Record, at time.Time) int {
		return slices.IndexFunc(before, func(r types.Record) bool { return !r.ApproximateArrivalTimestamp.Before(at) })
	}
	// Each case gives its position and the index of the first record put
	// before subscribing that the position reaches, given those records as
	// read back and the stream's creation time.
	cases := []struct {
		name     string
		position func(before []types.Record, created time.Time) types.StartingPosition
		from     func(before []types.Record, created time.Time) int
	}{
		{"from TRIM_HORIZON delivers every record",
			func([]types.Record, time.Time) types.StartingPosition {
				return types.StartingPosition{Type: types.ShardIteratorTypeTrimHorizon}
			},
			func([]types.Record, time.Time) int { return 0 }},
		{"from LATEST delivers only records put after it",
			func([]types.Record, time.Time) types.StartingPosition {
				return types.StartingPosition{Type: types.ShardIteratorTypeLatest}
			},
			func(before []types.Record, _ time.Time) int { return len(before) }},
		{"AT_SEQUENCE_NUMBER of a record delivers that record and the rest",
			func(before []types.Record, _ time.Time) types.StartingPosition {
				return types.StartingPosition{Type: types.ShardIteratorTypeAtSequenceNumber, SequenceNumber: before[1].SequenceNumber}
			},
			func([]types.Record, time.Time) int { return 1 }},
		{"AT_SEQUENCE_NUMBER of the first record delivers every record",
			func(before []types.Record, _ time.Time) types.StartingPosition {
				return types.StartingPosition{Type: types.ShardIteratorTypeAtSequenceNumber, SequenceNumber: before[0].SequenceNumber}
			},
			func([]types.Record, time.Time) int { return 0 }},
		{"AFTER_SEQUENCE_NUMBER of a record delivers the records after it",
			func(before []types.Record, _ time.Time) types.StartingPosition {
				return types.StartingPosition{Type: types.ShardIteratorTypeAfterSequenceNumber, SequenceNumber: before[1].SequenceNumber}
			},
			func([]types.Record, time.Time) int { return 2 }},
		{"AFTER_SEQUENCE_NUMBER of the last record delivers only records put later",
			func(before []types.Record, _ time.Time) types.StartingPosition {
				return types.StartingPosition{Type: types.ShardIteratorTypeAfterSequenceNumber, SequenceNumber: before[len(before)-1].SequenceNumber}
			},
			func(before []types.Record, _ time.Time) int { return len(before) }},
		{"AT_TIMESTAMP of a record's arrival delivers the records from that time on",
			func(before []types.Record, _ time.Time) types.StartingPosition {
				return types.StartingPosition{Type: types.ShardIteratorTypeAtTimestamp, Timestamp: before[2].ApproximateArrivalTimestamp}
			},
			func(before []types.Record, _ time.Time) int {
				return atOrAfter(before, *before[2].ApproximateArrivalTimestamp)
			}},
		{"AT_TIMESTAMP of the stream's creation delivers every record",
			func(_ []types.Record, created time.Time) types.StartingPosition {
				return types.StartingPosition{Type: types.ShardIteratorTypeAtTimestamp, Timestamp: aws.Time(created)}
			},
			func([]types.Record, time.Time) int { return 0 }},
	}
	var scenarios []Scenario
	for _, c := range cases {
		scenarios = append(scenarios, Scenario{Group: "fan-out", Name: "SubscribeToShard " + c.name,
			Source: refSubscribe + "; " + refStarting + "; API reference, GetShardIterator (the iterator types)",
			Run: func(t *T) {
				name, streamARN := t.CreateStream(1)
				created := aws.ToTime(t.WaitForStream(name).StreamCreationTimestamp)
				t.feed(name, "r0", "r1", "r2", "r3")
				before := t.readBack(name, efoFirstShard, 4)
				consumerARN := t.RegisterConsumer(streamARN, "app")
				s := t.subscribe(consumerARN, efoFirstShard, c.position(before, created))
				t.feed(name, "after")
				want := append(payloads(before[c.from(before, created):]), "after")
				got, _ := s.records(len(want))
				if !slices.Equal(payloads(got), want) {
					t.Errorf("delivered %q, want %q", payloads(got), want)
				}
			}})
	}
	return scenarios
}

// efoSequenceForm is the form of a sequence number (API reference,
// SubscribeToShardEvent, ContinuationSequenceNumber).
var efoSequenceForm = regexp.MustCompile(`^(0|([1-9]\d{0,128}))$`)

// subscriptionScenarios read live subscriptions.
func subscriptionScenarios() []Scenario {
	return []Scenario{
		{Group: "fan-out", Name: "records put during a subscription arrive in order, each event with a continuation",
			Source: refSubscribe + "; " + refEvent,
			Run: func(t *T) {
				name, streamARN := t.CreateStream(1)
				s := t.subscribe(t.RegisterConsumer(streamARN, "app"), efoFirstShard, types.StartingPosition{Type: types.ShardIteratorTypeLatest})
				want := []string{"a", "b", "c", "d", "e"}
				var got []string
				for _, d := range want {
					t.feed(name, d)
					records, events := s.records(1)
					got = append(got, payloads(records)...)
					for _, e := range events {
						if c := aws.ToString(e.ContinuationSequenceNumber); !efoSequenceForm.MatchString(c) {
							t.Errorf("ContinuationSequenceNumber %q is not a sequence number", c)
						}
					}
				}
				if !slices.Equal(got, want) {
					t.Errorf("delivered %q, want %q", got, want)
				}
			}},
		{Group: "fan-out", Name: "a subscription after an event's ContinuationSequenceNumber delivers exactly the records that followed",
			Source: refEvent + " (\"Use this as SequenceNumber in the next call to SubscribeToShard\")",
			Run: func(t *T) {
				name, streamARN := t.CreateStream(1)
				first := t.subscribe(t.RegisterConsumer(streamARN, "first"), efoFirstShard, types.StartingPosition{Type: types.ShardIteratorTypeTrimHorizon})
				t.feed(name, "r0")
				records, events := first.records(1)
				if !slices.Equal(payloads(records), []string{"r0"}) {
					t.Fatalf("first subscription delivered %q, want [r0]", payloads(records))
				}
				continuation := events[len(events)-1].ContinuationSequenceNumber
				t.feed(name, "r1", "r2")
				// Another consumer resumes, so that no 5-second wait is needed
				// before subscribing again.
				second := t.subscribe(t.RegisterConsumer(streamARN, "second"), efoFirstShard,
					types.StartingPosition{Type: types.ShardIteratorTypeAfterSequenceNumber, SequenceNumber: continuation})
				got, _ := second.records(2)
				if !slices.Equal(payloads(got), []string{"r1", "r2"}) {
					t.Errorf("resumed with %q, want [r1 r2]", payloads(got))
				}
			}},
		{Group: "fan-out", Name: "MillisBehindLatest is 0 once the subscription has caught up",
			Source: refEvent + " (\"A value of zero indicates that record processing is caught up\")",
			Run: func(t *T) {
				name, streamARN := t.CreateStream(1)
				s := t.subscribe(t.RegisterConsumer(streamARN, "app"), efoFirstShard, types.StartingPosition{Type: types.ShardIteratorTypeLatest})
				t.feed(name, "a", "b", "c")
				_, events := s.records(3)
				if last := events[len(events)-1]; aws.ToInt64(last.MillisBehindLatest) != 0 {
					t.Errorf("the event bringing the last record is %d ms behind, want 0", aws.ToInt64(last.MillisBehindLatest))
				}
			}},
		{Group: "fan-out", Name: "records delivered carry the sequence number, partition key and data they were put with",
			Source: refEvent + "; API reference, Record and PutRecord",
			Run: func(t *T) {
				name, streamARN := t.CreateStream(1)
				s := t.subscribe(t.RegisterConsumer(streamARN, "app"), efoFirstShard, types.StartingPosition{Type: types.ShardIteratorTypeTrimHorizon})
				put := map[string]string{}
				for _, key := range []string{"alpha", "beta"} {
					out, err := t.K.PutRecord(t.Ctx(), &kinesis.PutRecordInput{StreamName: aws.String(name), PartitionKey: aws.String(key), Data: []byte("data of " + key)})
					t.NoError(err)
					put[key] = aws.ToString(out.SequenceNumber)
				}
				records, _ := s.records(2)
				for _, r := range records {
					key := aws.ToString(r.PartitionKey)
					if seq, ok := put[key]; !ok || aws.ToString(r.SequenceNumber) != seq || string(r.Data) != "data of "+key {
						t.Errorf("record %q %s %q; put %v", key, aws.ToString(r.SequenceNumber), r.Data, put)
					}
					if r.ApproximateArrivalTimestamp == nil {
						t.Errorf("record %q without ApproximateArrivalTimestamp", key)
					}
				}
			}},
		{Group: "fan-out", Name: "each of two consumers gets every record",
			Source: refSubscribe + "; Kinesis Developer Guide, \"Develop enhanced fan-out consumers\" (each consumer gets its own throughput)",
			Run: func(t *T) {
				name, streamARN := t.CreateStream(1)
				one := t.subscribe(t.RegisterConsumer(streamARN, "one"), efoFirstShard, types.StartingPosition{Type: types.ShardIteratorTypeTrimHorizon})
				two := t.subscribe(t.RegisterConsumer(streamARN, "two"), efoFirstShard, types.StartingPosition{Type: types.ShardIteratorTypeTrimHorizon})
				want := []string{"a", "b", "c"}
				t.feed(name, want...)
				for i, s := range []*subscription{one, two} {
					if got, _ := s.records(len(want)); !slices.Equal(payloads(got), want) {
						t.Errorf("consumer %d got %q, want %q", i+1, payloads(got), want)
					}
				}
			}},
		{Group: "fan-out", Name: "a consumer subscribed to two shards gets each shard's own records",
			Source: refSubscribe + "; API reference, PutRecord (ExplicitHashKey)",
			Run: func(t *T) {
				name, streamARN := t.CreateStream(2)
				consumerARN := t.RegisterConsumer(streamARN, "app")
				subs := map[string]*subscription{}
				for _, shard := range []string{efoFirstShard, "shardId-000000000001"} {
					subs[shard] = t.subscribe(consumerARN, shard, types.StartingPosition{Type: types.ShardIteratorTypeTrimHorizon})
				}
				want := map[string]string{}
				for _, hashKey := range []string{"0", efoTopHashKey} {
					out, err := t.K.PutRecord(t.Ctx(), &kinesis.PutRecordInput{StreamName: aws.String(name), PartitionKey: aws.String("k"), ExplicitHashKey: aws.String(hashKey), Data: []byte("hash " + hashKey)})
					t.NoError(err)
					want[aws.ToString(out.ShardId)] = "hash " + hashKey
				}
				for shard, s := range subs {
					if got, _ := s.records(1); !slices.Equal(payloads(got), []string{want[shard]}) {
						t.Errorf("%s delivered %q, want [%s]", shard, payloads(got), want[shard])
					}
				}
			}},
		{Group: "fan-out", Name: "a second subscription of the consumer to the shard within 5 seconds is refused as in use",
			Source: refSubscribe + " (\"within 5 seconds of a successful call, you'll get a ResourceInUseException\"); the message as quoted from production in awslabs/amazon-kinesis-client#391",
			Run: func(t *T) {
				name, streamARN := t.CreateStream(1)
				consumerARN := t.RegisterConsumer(streamARN, "app")
				latest := types.StartingPosition{Type: types.ShardIteratorTypeLatest}
				t.subscribe(consumerARN, efoFirstShard, latest)
				_, err := t.trySubscribe(consumerARN, efoFirstShard, latest)
				t.WantError(err, "SubscribeToShard", "ResourceInUseException",
					recorded.SubscriptionInUse(t.Account(streamARN), name, efoFirstShard, "app"))
			}},
		{Group: "fan-out", Name: "a subscription 5 seconds after the first takes over and the first ends",
			Source: refSubscribe + " (\"the second call takes over the subscription and the previous connection expires or fails with a ResourceInUseException\")",
			Run: func(t *T) {
				name, streamARN := t.CreateStream(1)
				consumerARN := t.RegisterConsumer(streamARN, "app")
				latest := types.StartingPosition{Type: types.ShardIteratorTypeLatest}
				first := t.subscribe(consumerARN, efoFirstShard, latest)
				// A SLOW SCENARIO, by necessity: the 5 seconds are the
				// service's, counted on the real clock, which is the fake's
				// here too. This is the suite's one fixed wait (a second's
				// margin over the API reference's 5 seconds); it waits out a
				// rule, not a state change.
				time.Sleep(5*time.Second + time.Second)
				second := t.subscribe(consumerARN, efoFirstShard, latest)
				if err := first.ended(); err != nil {
					var inUse *types.ResourceInUseException
					if !errors.As(err, &inUse) {
						t.Errorf("the first subscription ended with %v, want a clean end or ResourceInUseException", err)
					}
				}
				t.feed(name, "x")
				if got, _ := second.records(1); !slices.Equal(payloads(got), []string{"x"}) {
					t.Errorf("the second subscription delivered %q, want [x]", payloads(got))
				}
			}},
		{Group: "fan-out", Name: "SubscribeToShard is refused as in use until the consumer is ACTIVE",
			Source: refConsumer + " (\"A consumer can't read data while in the CREATING or DELETING states\"); the message as quoted from production in awslabs/kinesis-hot-shard-advisor#37",
			Run: func(t *T) {
				name, streamARN := t.CreateStream(1)
				out, err := t.K.RegisterStreamConsumer(t.Ctx(), &kinesis.RegisterStreamConsumerInput{StreamARN: aws.String(streamARN), ConsumerName: aws.String("app")})
				t.NoError(err)
				consumerARN := aws.ToString(out.Consumer.ConsumerARN)
				// Subscribe at once, without waiting for ACTIVE. A target
				// whose consumers are ACTIVE by then (the fake with no delay)
				// must let the call through; one whose consumer is still
				// CREATING must refuse it.
				_, err = t.trySubscribe(consumerARN, efoFirstShard, types.StartingPosition{Type: types.ShardIteratorTypeLatest})
				if err == nil {
					d, err := t.K.DescribeStreamConsumer(t.Ctx(), &kinesis.DescribeStreamConsumerInput{ConsumerARN: aws.String(consumerARN)})
					t.NoError(err)
					if got := d.ConsumerDescription.ConsumerStatus; got != types.ConsumerStatusActive {
						t.Errorf("SubscribeToShard succeeded for a consumer that is %s", got)
					}
					return
				}
				t.WantError(err, "SubscribeToShard", "ResourceInUseException",
					recorded.ConsumerNotActive("app", consumerEpoch(consumerARN), name, t.Account(streamARN)))
			}},
	}
}

// efoSplitKey is the middle of the hash key space, 2^127, where a stream of one
// shard splits into two halves.
var efoSplitKey = new(big.Int).Lsh(big.NewInt(1), 127).String()

// shardEndScenarios read shards to their end after resharding: the last
// event carries ChildShards and no continuation, and the stream then ends
// cleanly.
func shardEndScenarios() []Scenario {
	// wantShardEnd reads the subscription to the shard's end: the records
	// wanted, then an event with n ChildShards, each a child of the parents,
	// and no continuation, then a clean end.
	wantShardEnd := func(t *T, s *subscription, want []string, n int, parents ...string) {
		t.Helper()
		data, last := s.shardEnd()
		if !slices.Equal(data, want) {
			t.Errorf("delivered %q before the shard's end, want %q", data, want)
		}
		if last.ContinuationSequenceNumber != nil {
			t.Errorf("the event with ChildShards has ContinuationSequenceNumber %s, want none", aws.ToString(last.ContinuationSequenceNumber))
		}
		if len(last.ChildShards) != n {
			t.Errorf("%d ChildShards, want %d: %+v", len(last.ChildShards), n, last.ChildShards)
		}
		for _, child := range last.ChildShards {
			got := slices.Sorted(slices.Values(child.ParentShards))
			if aws.ToString(child.ShardId) == "" || child.HashKeyRange == nil || !slices.Equal(got, parents) {
				t.Errorf("child %s: parents %v, hash key range %v; want parents %v", aws.ToString(child.ShardId), got, child.HashKeyRange, parents)
			}
		}
		if err := s.ended(); err != nil {
			t.Errorf("the subscription ended with %v after the shard's end, want a clean end", err)
		}
	}
	trimHorizon := types.StartingPosition{Type: types.ShardIteratorTypeTrimHorizon}
	splits := []struct {
		name string
		live bool // subscribe before the split, rather than once it is done
	}{
		{"a subscription to a shard being split ends with its ChildShards and no continuation", true},
		{"a subscription from TRIM_HORIZON to a closed shard delivers its records, then its ChildShards", false},
	}
	var scenarios []Scenario
	for _, c := range splits {
		scenarios = append(scenarios, Scenario{Group: "fan-out", Name: c.name, Source: refShardEnd + "; API reference, SplitShard",
			Run: func(t *T) {
				name, streamARN := t.CreateStream(1)
				consumerARN := t.RegisterConsumer(streamARN, "app")
				var s *subscription
				if c.live {
					s = t.subscribe(consumerARN, efoFirstShard, trimHorizon)
				}
				t.feed(name, "r0", "r1")
				t.Must(t.K.SplitShard(t.Ctx(), &kinesis.SplitShardInput{StreamName: aws.String(name), ShardToSplit: aws.String(efoFirstShard), NewStartingHashKey: aws.String(efoSplitKey)}))
				if !c.live {
					t.WaitForStream(name)
					s = t.subscribe(consumerARN, efoFirstShard, trimHorizon)
				}
				wantShardEnd(t, s, []string{"r0", "r1"}, 2, efoFirstShard)
			}})
	}
	return append(scenarios, Scenario{Group: "fan-out", Name: "the end of a merged shard names the child of both parents",
		Source: refShardEnd + "; API reference, MergeShards and ChildShard",
		Run: func(t *T) {
			const second = "shardId-000000000001"
			name, streamARN := t.CreateStream(2)
			t.Must(t.K.PutRecord(t.Ctx(), &kinesis.PutRecordInput{StreamName: aws.String(name), PartitionKey: aws.String("k"), ExplicitHashKey: aws.String("0"), Data: []byte("low")}))
			t.Must(t.K.MergeShards(t.Ctx(), &kinesis.MergeShardsInput{StreamName: aws.String(name), ShardToMerge: aws.String(efoFirstShard), AdjacentShardToMerge: aws.String(second)}))
			t.WaitForStream(name)
			s := t.subscribe(t.RegisterConsumer(streamARN, "app"), efoFirstShard, trimHorizon)
			wantShardEnd(t, s, []string{"low"}, 1, efoFirstShard, second)
		}})
}
