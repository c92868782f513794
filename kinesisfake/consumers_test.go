package kinesisfake

import (
	"fmt"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/kinesis"
	"github.com/aws/aws-sdk-go-v2/service/kinesis/types"
	"github.com/google/go-cmp/cmp"

	"github.com/streamfake/kinesis/internal/recorded"
)

const streamARN = "arn:aws:kinesis:us-east-1:123456789012:stream/s"

func describeConsumer(t *testing.T, c *Client, in *kinesis.DescribeStreamConsumerInput) *types.ConsumerDescription {
	t.Helper()
	out, err := c.DescribeStreamConsumer(ctx, in)
	if err != nil {
		t.Fatalf("DescribeStreamConsumer: %v", err)
	}
	return out.ConsumerDescription
}

func TestConsumerLifecycle(t *testing.T) {
	inModes(t, []Option{WithDelays(Delays{RegisterConsumer: 10 * time.Second, DeregisterConsumer: 3 * time.Second})}, func(t *testing.T, c *Client, k API, clock *FakeClock) {
		createStream(t, c, "s", 1)
		clock.Advance(1500 * time.Millisecond) // creation times are whole seconds
		out, err := k.RegisterStreamConsumer(ctx, &kinesis.RegisterStreamConsumerInput{StreamARN: aws.String(streamARN), ConsumerName: aws.String("app")})
		if err != nil {
			t.Fatal(err)
		}
		reg := out.Consumer
		epoch := epoch.Add(time.Second)
		wantARN := streamARN + "/consumer/app:" + strconv.FormatInt(epoch.Unix(), 10)
		if *reg.ConsumerARN != wantARN || reg.ConsumerStatus != types.ConsumerStatusCreating || !reg.ConsumerCreationTimestamp.Equal(epoch) || reg.ConsumerCreationTimestamp.Location() != time.UTC {
			t.Fatalf("registered %s %s at %v; want %s CREATING at %v", *reg.ConsumerARN, reg.ConsumerStatus, reg.ConsumerCreationTimestamp, wantARN, epoch)
		}

		// CREATING: it cannot subscribe.
		_, err = k.SubscribeToShard(ctx, &kinesis.SubscribeToShardInput{ConsumerARN: reg.ConsumerARN, ShardId: aws.String("shardId-000000000000"), StartingPosition: &types.StartingPosition{Type: types.ShardIteratorTypeLatest}})
		wantAPIError(t, err, "SubscribeToShard", "ResourceInUseException",
			recorded.ConsumerNotActive("app", strconv.FormatInt(epoch.Unix(), 10), "s", "123456789012"))

		clock.Advance(10 * time.Second)
		d := describeConsumer(t, c, &kinesis.DescribeStreamConsumerInput{ConsumerARN: reg.ConsumerARN})
		if d.ConsumerStatus != types.ConsumerStatusActive || *d.StreamARN != streamARN || *d.ConsumerName != "app" {
			t.Fatalf("after the delay: %+v", d)
		}

		if _, err := k.DeregisterStreamConsumer(ctx, &kinesis.DeregisterStreamConsumerInput{StreamARN: aws.String(streamARN), ConsumerName: aws.String("app")}); err != nil {
			t.Fatal(err)
		}
		if d := describeConsumer(t, c, &kinesis.DescribeStreamConsumerInput{ConsumerARN: reg.ConsumerARN}); d.ConsumerStatus != types.ConsumerStatusDeleting {
			t.Fatalf("after DeregisterStreamConsumer: %s, want DELETING", d.ConsumerStatus)
		}
		// A name is taken until its consumer is gone.
		_, err = k.RegisterStreamConsumer(ctx, &kinesis.RegisterStreamConsumerInput{StreamARN: aws.String(streamARN), ConsumerName: aws.String("app")})
		wantAPIError(t, err, "RegisterStreamConsumer", "ResourceInUseException", "")
		clock.Advance(3 * time.Second)
		_, err = k.DescribeStreamConsumer(ctx, &kinesis.DescribeStreamConsumerInput{ConsumerARN: reg.ConsumerARN})
		wantAPIError(t, err, "DescribeStreamConsumer", "ResourceNotFoundException",
			recorded.ConsumerNotFound("app", strconv.FormatInt(epoch.Unix(), 10), "s", "123456789012"))
	})
}

func TestReRegisteringGivesANewARN(t *testing.T) {
	inModes(t, nil, func(t *testing.T, c *Client, k API, clock *FakeClock) {
		createStream(t, c, "s", 1)
		first := register(t, c, "s", "app")
		if _, err := k.DeregisterStreamConsumer(ctx, &kinesis.DeregisterStreamConsumerInput{ConsumerARN: aws.String(first)}); err != nil {
			t.Fatal(err)
		}
		second := register(t, c, "s", "app") // in the same second, on a clock that has not moved
		if second == first {
			t.Fatalf("re-registered consumer kept the ARN %s", first)
		}
		_, err := k.DescribeStreamConsumer(ctx, &kinesis.DescribeStreamConsumerInput{ConsumerARN: aws.String(first)})
		wantAPIError(t, err, "DescribeStreamConsumer", "ResourceNotFoundException", "")
		if d := describeConsumer(t, c, &kinesis.DescribeStreamConsumerInput{ConsumerARN: aws.String(second)}); *d.ConsumerARN != second {
			t.Errorf("new ARN describes %s", *d.ConsumerARN)
		}
	})
}

func TestAddressingAConsumer(t *testing.T) {
	inModes(t, nil, func(t *testing.T, c *Client, k API, clock *FakeClock) {
		createStream(t, c, "s", 1)
		createStream(t, c, "other", 1)
		arnOf := register(t, c, "s", "app")
		register(t, c, "other", "app")
		tests := []struct {
			name string
			in   kinesis.DescribeStreamConsumerInput
			code string // empty: found
		}{
			{"ARN", kinesis.DescribeStreamConsumerInput{ConsumerARN: aws.String(arnOf)}, ""},
			{"stream and name", kinesis.DescribeStreamConsumerInput{StreamARN: aws.String(streamARN), ConsumerName: aws.String("app")}, ""},
			{"all three", kinesis.DescribeStreamConsumerInput{ConsumerARN: aws.String(arnOf), StreamARN: aws.String(streamARN), ConsumerName: aws.String("app")}, ""},
			{"ARN and stream", kinesis.DescribeStreamConsumerInput{ConsumerARN: aws.String(arnOf), StreamARN: aws.String(streamARN)}, ""},
			{"ARN and another stream", kinesis.DescribeStreamConsumerInput{ConsumerARN: aws.String(arnOf), StreamARN: aws.String(strings.Replace(streamARN, "/s", "/other", 1))}, "InvalidArgumentException"},
			{"ARN and another name", kinesis.DescribeStreamConsumerInput{ConsumerARN: aws.String(arnOf), ConsumerName: aws.String("other")}, "InvalidArgumentException"},
			{"name alone", kinesis.DescribeStreamConsumerInput{ConsumerName: aws.String("app")}, "InvalidArgumentException"},
			{"stream alone", kinesis.DescribeStreamConsumerInput{StreamARN: aws.String(streamARN)}, "InvalidArgumentException"},
			{"nothing", kinesis.DescribeStreamConsumerInput{}, "InvalidArgumentException"},
			{"unknown name", kinesis.DescribeStreamConsumerInput{StreamARN: aws.String(streamARN), ConsumerName: aws.String("nope")}, "ResourceNotFoundException"},
			{"unknown stream", kinesis.DescribeStreamConsumerInput{StreamARN: aws.String(strings.Replace(streamARN, "/s", "/nope", 1)), ConsumerName: aws.String("app")}, "ResourceNotFoundException"},
		}
		for _, tt := range tests {
			t.Run(tt.name, func(t *testing.T) {
				out, err := k.DescribeStreamConsumer(ctx, &tt.in)
				if tt.code != "" {
					wantAPIError(t, err, "DescribeStreamConsumer", tt.code, "")
					return
				}
				if err != nil || *out.ConsumerDescription.ConsumerARN != arnOf {
					t.Fatalf("found %v, %v; want %s", out, err, arnOf)
				}
			})
		}
	})
}

func TestConsumerLimits(t *testing.T) {
	inModes(t, nil, func(t *testing.T, c *Client, k API, clock *FakeClock) {
		createStream(t, c, "s", 1)
		for i := range 20 {
			register(t, c, "s", fmt.Sprint("c", i))
		}
		_, err := k.RegisterStreamConsumer(ctx, &kinesis.RegisterStreamConsumerInput{StreamARN: aws.String(streamARN), ConsumerName: aws.String("c20")})
		wantAPIError(t, err, "RegisterStreamConsumer", "LimitExceededException", "")

		c2, _ := newFake(t, WithDelays(Delays{RegisterConsumer: time.Minute}), WithLimits(Limits{ConsumersPerStream: 30}))
		createStream(t, c2, "s", 1)
		for i := range 5 {
			register(t, c2, "s", fmt.Sprint("c", i))
		}
		_, err = c2.RegisterStreamConsumer(ctx, &kinesis.RegisterStreamConsumerInput{StreamARN: aws.String(streamARN), ConsumerName: aws.String("c5")})
		wantAPIError(t, err, "RegisterStreamConsumer", "LimitExceededException", "")
	})
}

func TestListStreamConsumersPaginator(t *testing.T) {
	inModes(t, []Option{WithLimits(Limits{ConsumersPerStream: 30})}, func(t *testing.T, c *Client, k API, clock *FakeClock) {
		createStream(t, c, "s", 1)
		var want []string
		for i := range 25 {
			want = append(want, register(t, c, "s", fmt.Sprintf("c%02d", 24-i))) // registration order, not name order
			clock.Advance(time.Second)
		}
		p := kinesis.NewListStreamConsumersPaginator(k, &kinesis.ListStreamConsumersInput{StreamARN: aws.String(streamARN), MaxResults: aws.Int32(10)})
		var got []string
		pages := 0
		for p.HasMorePages() {
			out, err := p.NextPage(ctx)
			if err != nil {
				t.Fatal(err)
			}
			pages++
			for _, consumer := range out.Consumers {
				got = append(got, *consumer.ConsumerARN)
			}
		}
		if pages != 3 || !cmp.Equal(got, want) {
			t.Errorf("%d pages listing %d consumers; want 3 pages of the 25 in registration order", pages, len(got))
		}

		out, err := k.ListStreamConsumers(ctx, &kinesis.ListStreamConsumersInput{StreamARN: aws.String(streamARN), MaxResults: aws.Int32(5)})
		if err != nil {
			t.Fatal(err)
		}
		_, err = k.ListStreamConsumers(ctx, &kinesis.ListStreamConsumersInput{StreamARN: aws.String(streamARN), NextToken: out.NextToken, StreamCreationTimestamp: aws.Time(epoch)})
		wantAPIError(t, err, "ListStreamConsumers", "InvalidArgumentException", recorded.NextTokenWith("StreamCreationTimestamp"))
		clock.Advance(301 * time.Second)
		_, err = k.ListStreamConsumers(ctx, &kinesis.ListStreamConsumersInput{StreamARN: aws.String(streamARN), NextToken: out.NextToken})
		wantAPIError(t, err, "ListStreamConsumers", "ExpiredNextTokenException", "")
	})
}

func TestListStreamConsumersPicksAnIncarnation(t *testing.T) {
	inModes(t, nil, func(t *testing.T, c *Client, k API, clock *FakeClock) {
		createStream(t, c, "s", 1)
		register(t, c, "s", "old")
		if _, err := k.DeleteStream(ctx, &kinesis.DeleteStreamInput{StreamName: aws.String("s"), EnforceConsumerDeletion: aws.Bool(true)}); err != nil {
			t.Fatal(err)
		}
		clock.Advance(time.Minute)
		createStream(t, c, "s", 1)
		register(t, c, "s", "new")

		_, err := k.ListStreamConsumers(ctx, &kinesis.ListStreamConsumersInput{StreamARN: aws.String(streamARN), StreamCreationTimestamp: aws.Time(epoch)})
		wantAPIError(t, err, "ListStreamConsumers", "ResourceNotFoundException", "")
		out, err := k.ListStreamConsumers(ctx, &kinesis.ListStreamConsumersInput{StreamARN: aws.String(streamARN), StreamCreationTimestamp: aws.Time(epoch.Add(time.Minute))})
		if err != nil {
			t.Fatal(err)
		}
		if len(out.Consumers) != 1 || *out.Consumers[0].ConsumerName != "new" {
			t.Errorf("consumers of the new stream: %+v", out.Consumers)
		}
	})
}

func TestDeleteStreamWithConsumers(t *testing.T) {
	inModes(t, nil, func(t *testing.T, c *Client, k API, clock *FakeClock) {
		createStream(t, c, "s", 1)
		consumer := register(t, c, "s", "app")
		summary, err := k.DescribeStreamSummary(ctx, &kinesis.DescribeStreamSummaryInput{StreamName: aws.String("s")})
		if err != nil || *summary.StreamDescriptionSummary.ConsumerCount != 1 {
			t.Fatalf("ConsumerCount = %v, %v; want 1", summary, err)
		}
		_, err = k.DeleteStream(ctx, &kinesis.DeleteStreamInput{StreamName: aws.String("s")})
		wantAPIError(t, err, "DeleteStream", "ResourceInUseException", recorded.StreamHasConsumers("123456789012", "s"))

		stream := subscribe(t, c, consumer, "shardId-000000000000", types.StartingPosition{Type: types.ShardIteratorTypeLatest})
		defer stream.Close()
		if _, err := k.DeleteStream(ctx, &kinesis.DeleteStreamInput{StreamName: aws.String("s"), EnforceConsumerDeletion: aws.Bool(true)}); err != nil {
			t.Fatal(err)
		}
		if _, ok := nextEvent(t, stream); ok {
			t.Fatal("subscription outlived its stream")
		}
		wantAPIError(t, wrapForCheck("SubscribeToShard", stream.Err()), "SubscribeToShard", "ResourceNotFoundException", "")
		_, err = k.DescribeStreamConsumer(ctx, &kinesis.DescribeStreamConsumerInput{ConsumerARN: aws.String(consumer)})
		wantAPIError(t, err, "DescribeStreamConsumer", "ResourceNotFoundException", "")
	})
}

// Every rule of the consumer operations, with the error the service returns
// for it. Each case runs on streams "s" and "other", of 3 shards each.
func TestConsumerErrors(t *testing.T) {
	long := strings.Repeat("a", 129)
	s := aws.String("s")
	errorTable{setup: twoStreams, cases: []errorCase{
		// Consumers
		{name: "RegisterStreamConsumer empty name", op: "RegisterStreamConsumer", call: func(c *Client, k API, _ *FakeClock) error {
			_, err := k.RegisterStreamConsumer(ctx, &kinesis.RegisterStreamConsumerInput{StreamARN: aws.String(streamARN), ConsumerName: aws.String("")})
			return err
		}, code: "ValidationException", message: "2 validation errors detected: Value '' at 'consumerName' failed to satisfy constraint: Member must satisfy regular expression pattern: [a-zA-Z0-9_.-]+; Value '' at 'consumerName' failed to satisfy constraint: Member must have length greater than or equal to 1"},
		{name: "RegisterStreamConsumer long name", op: "RegisterStreamConsumer", call: func(c *Client, k API, _ *FakeClock) error {
			_, err := k.RegisterStreamConsumer(ctx, &kinesis.RegisterStreamConsumerInput{StreamARN: aws.String(streamARN), ConsumerName: aws.String(long)})
			return err
		}, code: "ValidationException", message: "1 validation error detected: Value '" + long + "' at 'consumerName' failed to satisfy constraint: Member must have length less than or equal to 128"},
		{name: "RegisterStreamConsumer stream name for an ARN", op: "RegisterStreamConsumer", call: func(c *Client, k API, _ *FakeClock) error {
			_, err := k.RegisterStreamConsumer(ctx, &kinesis.RegisterStreamConsumerInput{StreamARN: s, ConsumerName: aws.String("app")})
			return err
		}, code: "ValidationException", message: "1 validation error detected: Value 's' at 'streamARN' failed to satisfy constraint: Member must satisfy regular expression pattern: arn:aws.*:kinesis:.*:\\d{12}:stream/\\S+"},
		{name: "RegisterStreamConsumer empty tags", op: "RegisterStreamConsumer", call: func(c *Client, k API, _ *FakeClock) error {
			_, err := k.RegisterStreamConsumer(ctx, &kinesis.RegisterStreamConsumerInput{StreamARN: aws.String(streamARN), ConsumerName: aws.String("app"), Tags: map[string]string{}})
			return err
		}, code: "ValidationException", message: "1 validation error detected: Value '{}' at 'tags' failed to satisfy constraint: Member must have length greater than or equal to 1"},
		{name: "RegisterStreamConsumer unknown stream", op: "RegisterStreamConsumer", call: func(c *Client, k API, _ *FakeClock) error {
			_, err := k.RegisterStreamConsumer(ctx, &kinesis.RegisterStreamConsumerInput{StreamARN: aws.String("arn:aws:kinesis:us-east-1:123456789012:stream/nope"), ConsumerName: aws.String("app")})
			return err
		}, code: "ResourceNotFoundException", message: recorded.StreamNotFound("nope", "123456789012")},
		{name: "RegisterStreamConsumer stream still CREATING", op: "RegisterStreamConsumer", opts: []Option{WithDelays(Delays{CreateStream: time.Minute})}, call: func(c *Client, k API, _ *FakeClock) error {
			_, err := k.RegisterStreamConsumer(ctx, &kinesis.RegisterStreamConsumerInput{StreamARN: aws.String(streamARN), ConsumerName: aws.String("app")})
			return err
		}, code: "ResourceInUseException", message: ""},
		{name: "DescribeStreamConsumer malformed consumer ARN", op: "DescribeStreamConsumer", call: func(c *Client, k API, _ *FakeClock) error {
			_, err := k.DescribeStreamConsumer(ctx, &kinesis.DescribeStreamConsumerInput{ConsumerARN: aws.String(streamARN + "/consumer/app")})
			return err
		}, code: "ValidationException", message: "1 validation error detected: Value '" + streamARN + "/consumer/app' at 'consumerARN' failed to satisfy constraint: Member must satisfy regular expression pattern: ^(arn):aws.*:kinesis:.*:\\d{12}:.*stream\\/[a-zA-Z0-9_.-]+\\/consumer\\/[a-zA-Z0-9_.-]+:[0-9]+"},
		{name: "DeregisterStreamConsumer unknown consumer", op: "DeregisterStreamConsumer", call: func(c *Client, k API, _ *FakeClock) error {
			_, err := k.DeregisterStreamConsumer(ctx, &kinesis.DeregisterStreamConsumerInput{StreamARN: aws.String(streamARN), ConsumerName: aws.String("nope")})
			return err
		}, code: "ResourceNotFoundException", message: ""},
		{name: "ListStreamConsumers MaxResults 0", op: "ListStreamConsumers", call: func(c *Client, k API, _ *FakeClock) error {
			_, err := k.ListStreamConsumers(ctx, &kinesis.ListStreamConsumersInput{StreamARN: aws.String(streamARN), MaxResults: aws.Int32(0)})
			return err
		}, code: "ValidationException", message: "1 validation error detected: Value '0' at 'maxResults' failed to satisfy constraint: Member must have value greater than or equal to 1"},
		{name: "ListStreamConsumers MaxResults 10001", op: "ListStreamConsumers", call: func(c *Client, k API, _ *FakeClock) error {
			_, err := k.ListStreamConsumers(ctx, &kinesis.ListStreamConsumersInput{StreamARN: aws.String(streamARN), MaxResults: aws.Int32(10001)})
			return err
		}, code: "ValidationException", message: "1 validation error detected: Value '10001' at 'maxResults' failed to satisfy constraint: Member must have value less than or equal to 10000"},
		{name: "ListStreamConsumers foreign NextToken", op: "ListStreamConsumers", call: func(c *Client, k API, _ *FakeClock) error {
			_, err := k.ListStreamConsumers(ctx, &kinesis.ListStreamConsumersInput{StreamARN: aws.String(streamARN), NextToken: aws.String("not-a-token")})
			return err
		}, code: "InvalidArgumentException", message: ""},
	}}.run(t)
}

// The required members of the consumer operations are checked as the SDK's
// client checks them, before anything reaches the service: the fake's error
// is the real client's, word for word.
func TestConsumerRequiredMembers(t *testing.T) {
	fake, _ := newFake(t)
	checkRequiredMembers(t, fake, []requiredMembers{
		{func(c API) error { _, err := c.RegisterStreamConsumer(ctx, nil); return err },
			missing("RegisterStreamConsumer", "RegisterStreamConsumerInput", "StreamARN", "ConsumerName")},
		{func(c API) error { _, err := c.ListStreamConsumers(ctx, nil); return err },
			missing("ListStreamConsumers", "ListStreamConsumersInput", "StreamARN")},
	})
}

// RegisterStreamConsumer answers CREATING whatever the delay, as the service
// does (an AWS re:Post answer shows the CLI's reply, CREATING, then
// ACTIVE from ListStreamConsumers), so code that subscribes without waiting
// for ACTIVE is caught by the first status it reads. With no delay, the
// consumer is ACTIVE by the next call.
func TestRegisterStreamConsumerAnswersCreating(t *testing.T) {
	inModes(t, nil, func(t *testing.T, c *Client, k API, clock *FakeClock) {
		createStream(t, k, "s", 1)
		out, err := k.RegisterStreamConsumer(ctx, &kinesis.RegisterStreamConsumerInput{StreamARN: aws.String(testStreamARN), ConsumerName: aws.String("app")})
		if err != nil {
			t.Fatal(err)
		}
		if got := out.Consumer.ConsumerStatus; got != types.ConsumerStatusCreating {
			t.Errorf("RegisterStreamConsumer answered %s, want CREATING", got)
		}
		d, err := k.DescribeStreamConsumer(ctx, &kinesis.DescribeStreamConsumerInput{ConsumerARN: out.Consumer.ConsumerARN})
		if err != nil {
			t.Fatal(err)
		}
		if got := d.ConsumerDescription.ConsumerStatus; got != types.ConsumerStatusActive {
			t.Errorf("DescribeStreamConsumer with no delay: %s, want ACTIVE", got)
		}
	})
}
