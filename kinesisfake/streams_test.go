package kinesisfake

import (
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/kinesis"
	"github.com/aws/aws-sdk-go-v2/service/kinesis/types"
	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"

	"github.com/streamfake/kinesis/internal/recorded"
)

func status(t *testing.T, c *Client, name string) types.StreamStatus {
	t.Helper()
	out, err := c.DescribeStreamSummary(ctx, &kinesis.DescribeStreamSummaryInput{StreamName: aws.String(name)})
	if err != nil {
		t.Fatalf("DescribeStreamSummary(%s): %v", name, err)
	}
	return out.StreamDescriptionSummary.StreamStatus
}

func TestStreamLifecycleFollowsTheClock(t *testing.T) {
	inModes(t, []Option{WithDelays(Delays{CreateStream: 10 * time.Second, DeleteStream: 5 * time.Second})}, func(t *testing.T, c *Client, k API, clock *FakeClock) {
		createStream(t, c, "s", 2)

		if got := status(t, c, "s"); got != types.StreamStatusCreating {
			t.Fatalf("status right after CreateStream = %s, want CREATING", got)
		}
		d, err := k.DescribeStream(ctx, &kinesis.DescribeStreamInput{StreamName: aws.String("s")})
		if err != nil {
			t.Fatal(err)
		}
		if len(d.StreamDescription.Shards) != 0 || *d.StreamDescription.HasMoreShards {
			t.Errorf("a CREATING stream shows %d shards, HasMoreShards %v; the service shows none", len(d.StreamDescription.Shards), *d.StreamDescription.HasMoreShards)
		}
		clock.Advance(10*time.Second - time.Millisecond)
		if got := status(t, c, "s"); got != types.StreamStatusCreating {
			t.Fatalf("status 1ms before the delay = %s, want CREATING", got)
		}
		clock.Advance(time.Millisecond)
		if got := status(t, c, "s"); got != types.StreamStatusActive {
			t.Fatalf("status after the delay = %s, want ACTIVE", got)
		}
		put(t, c, "s", "k", "v")

		if _, err := k.DeleteStream(ctx, &kinesis.DeleteStreamInput{StreamName: aws.String("s")}); err != nil {
			t.Fatal(err)
		}
		if got := status(t, c, "s"); got != types.StreamStatusDeleting {
			t.Fatalf("status after DeleteStream = %s, want DELETING", got)
		}
		_, err = k.CreateStream(ctx, &kinesis.CreateStreamInput{StreamName: aws.String("s"), ShardCount: aws.Int32(1)})
		wantAPIError(t, err, "CreateStream", "ResourceInUseException", recorded.StreamExists("s", "123456789012"))
		// Deleting again does not put the end off.
		clock.Advance(3 * time.Second)
		if _, err := k.DeleteStream(ctx, &kinesis.DeleteStreamInput{StreamName: aws.String("s")}); err != nil {
			t.Fatal(err)
		}
		clock.Advance(2 * time.Second)
		_, err = k.DescribeStreamSummary(ctx, &kinesis.DescribeStreamSummaryInput{StreamName: aws.String("s")})
		wantAPIError(t, err, "DescribeStreamSummary", "ResourceNotFoundException", recorded.StreamNotFound("s", "123456789012"))

		// The name can be used again; the new stream is a new incarnation.
		createStream(t, c, "s", 1)
		clock.Advance(10 * time.Second)
		if got := readShard(t, c, "s", "shardId-000000000000"); len(got) != 0 {
			t.Errorf("a new stream of an old name has records %q", got)
		}
	})
}

func TestZeroDelaysCompleteWithinTheCall(t *testing.T) {
	inModes(t, nil, func(t *testing.T, c *Client, k API, clock *FakeClock) {
		createStream(t, c, "s", 1)
		if got := status(t, c, "s"); got != types.StreamStatusActive {
			t.Fatalf("status = %s, want ACTIVE", got)
		}
		if _, err := k.DeleteStream(ctx, &kinesis.DeleteStreamInput{StreamARN: aws.String("arn:aws:kinesis:us-east-1:123456789012:stream/s")}); err != nil {
			t.Fatal(err)
		}
		out, err := k.ListStreams(ctx, &kinesis.ListStreamsInput{})
		if err != nil {
			t.Fatal(err)
		}
		if len(out.StreamNames) != 0 {
			t.Errorf("ListStreams after DeleteStream = %v", out.StreamNames)
		}
	})
}

func TestDeleteStreamWhileCreating(t *testing.T) {
	inModes(t, []Option{WithDelays(Delays{CreateStream: time.Minute, DeleteStream: time.Second})}, func(t *testing.T, c *Client, k API, clock *FakeClock) {
		createStream(t, c, "s", 1)
		if _, err := k.DeleteStream(ctx, &kinesis.DeleteStreamInput{StreamName: aws.String("s")}); err != nil {
			t.Fatalf("DeleteStream of a CREATING stream: %v (the service allows it)", err)
		}
		clock.Advance(time.Second)
		if _, err := k.DescribeStream(ctx, &kinesis.DescribeStreamInput{StreamName: aws.String("s")}); err == nil {
			t.Fatal("stream still there after its deletion delay")
		}
	})
}

func TestRecordsStayReadableWhileDeleting(t *testing.T) {
	inModes(t, []Option{WithDelays(Delays{DeleteStream: time.Minute})}, func(t *testing.T, c *Client, k API, clock *FakeClock) {
		createStream(t, c, "s", 1)
		put(t, c, "s", "k", "before")
		if _, err := k.DeleteStream(ctx, &kinesis.DeleteStreamInput{StreamName: aws.String("s")}); err != nil {
			t.Fatal(err)
		}
		// The API reference: the service "might continue to accept data read
		// and write operations ... on a stream in the DELETING state".
		put(t, c, "s", "k", "during")
		if got := readShard(t, c, "s", "shardId-000000000000"); !cmp.Equal(got, []string{"before", "during"}) {
			t.Errorf("records while DELETING = %q", got)
		}
		clock.Advance(time.Minute)
		_, err := k.PutRecord(ctx, &kinesis.PutRecordInput{StreamName: aws.String("s"), PartitionKey: aws.String("k"), Data: []byte("after")})
		wantAPIError(t, err, "PutRecord", "ResourceNotFoundException", recorded.StreamNotFound("s", "123456789012"))
	})
}

func TestDescribeStream(t *testing.T) {
	inModes(t, nil, func(t *testing.T, c *Client, k API, clock *FakeClock) {
		createStream(t, c, "s", 4)
		out, err := k.DescribeStream(ctx, &kinesis.DescribeStreamInput{StreamName: aws.String("s")})
		if err != nil {
			t.Fatal(err)
		}
		seq := func(shard int) *string {
			return aws.String(sequenceNumber{created: seconds(epoch), time: seconds(epoch), shard: int32(shard)}.String())
		}
		shard := func(i int, start, end string) types.Shard {
			return types.Shard{
				ShardId:             aws.String(fmt.Sprintf("shardId-%012d", i)),
				HashKeyRange:        &types.HashKeyRange{StartingHashKey: aws.String(start), EndingHashKey: aws.String(end)},
				SequenceNumberRange: &types.SequenceNumberRange{StartingSequenceNumber: seq(i)},
			}
		}
		// Hash key ranges as the service lays out 4 shards.
		want := &types.StreamDescription{
			StreamName:              aws.String("s"),
			StreamARN:               aws.String("arn:aws:kinesis:us-east-1:123456789012:stream/s"),
			StreamStatus:            types.StreamStatusActive,
			StreamModeDetails:       &types.StreamModeDetails{StreamMode: types.StreamModeProvisioned},
			StreamCreationTimestamp: aws.Time(epoch),
			RetentionPeriodHours:    aws.Int32(24),
			EnhancedMonitoring:      []types.EnhancedMetrics{{ShardLevelMetrics: []types.MetricsName{}}},
			EncryptionType:          types.EncryptionTypeNone,
			HasMoreShards:           aws.Bool(false),
			Shards: []types.Shard{
				shard(0, "0", "85070591730234615865843651857942052863"),
				shard(1, "85070591730234615865843651857942052864", "170141183460469231731687303715884105727"),
				shard(2, "170141183460469231731687303715884105728", "255211775190703847597530955573826158591"),
				shard(3, "255211775190703847597530955573826158592", "340282366920938463463374607431768211455"),
			},
		}
		if diff := cmp.Diff(want, out.StreamDescription, cmpopts.IgnoreUnexported(types.StreamDescription{}, types.Shard{}, types.HashKeyRange{}, types.SequenceNumberRange{}, types.StreamModeDetails{}, types.EnhancedMetrics{})); diff != "" {
			t.Errorf("DescribeStream (-want +got):\n%s", diff)
		}
		for i, sh := range out.StreamDescription.Shards {
			if n := len(*sh.SequenceNumberRange.StartingSequenceNumber); n != 56 {
				t.Errorf("shard %d starting sequence number has %d digits, want 56", i, n)
			}
		}
	})
}

func TestDescribeStreamPaginator(t *testing.T) {
	inModes(t, nil, func(t *testing.T, c *Client, k API, clock *FakeClock) {
		createStream(t, c, "s", 250)

		first, err := k.DescribeStream(ctx, &kinesis.DescribeStreamInput{StreamName: aws.String("s"), Limit: aws.Int32(500)})
		if err != nil {
			t.Fatal(err)
		}
		if n := len(first.StreamDescription.Shards); n != 100 || !*first.StreamDescription.HasMoreShards {
			t.Errorf("Limit 500 returned %d shards, HasMoreShards %v; the service returns at most 100", n, *first.StreamDescription.HasMoreShards)
		}

		p := kinesis.NewDescribeStreamPaginator(k, &kinesis.DescribeStreamInput{StreamName: aws.String("s"), Limit: aws.Int32(40)})
		var ids []string
		pages := 0
		for p.HasMorePages() {
			out, err := p.NextPage(ctx)
			if err != nil {
				t.Fatal(err)
			}
			pages++
			for _, sh := range out.StreamDescription.Shards {
				ids = append(ids, *sh.ShardId)
			}
		}
		if pages != 7 || len(ids) != 250 {
			t.Fatalf("paginator: %d pages, %d shards; want 7 pages, 250 shards", pages, len(ids))
		}
		for i, id := range ids {
			if want := fmt.Sprintf("shardId-%012d", i); id != want {
				t.Fatalf("shard %d is %s, want %s", i, id, want)
			}
		}
	})
}

func TestListStreamsPaginator(t *testing.T) {
	inModes(t, nil, func(t *testing.T, c *Client, k API, clock *FakeClock) {
		var want []string
		for i := range 25 {
			name := fmt.Sprintf("stream-%02d", 24-i) // created out of order
			createStream(t, c, name, 1)
			want = append([]string{name}, want...)
		}
		p := kinesis.NewListStreamsPaginator(k, &kinesis.ListStreamsInput{Limit: aws.Int32(10)})
		var names []string
		for p.HasMorePages() {
			out, err := p.NextPage(ctx)
			if err != nil {
				t.Fatal(err)
			}
			if len(out.StreamSummaries) != len(out.StreamNames) {
				t.Fatalf("%d summaries for %d names", len(out.StreamSummaries), len(out.StreamNames))
			}
			for i, s := range out.StreamSummaries {
				if *s.StreamName != out.StreamNames[i] || s.StreamStatus != types.StreamStatusActive || *s.StreamARN != "arn:aws:kinesis:us-east-1:123456789012:stream/"+out.StreamNames[i] {
					t.Errorf("summary %d = %+v", i, s)
				}
			}
			names = append(names, out.StreamNames...)
		}
		if !cmp.Equal(names, want) {
			t.Errorf("paginated names = %v, want %v", names, want)
		}

		// ExclusiveStartStreamName need not exist.
		out, err := k.ListStreams(ctx, &kinesis.ListStreamsInput{ExclusiveStartStreamName: aws.String("stream-22x"), Limit: aws.Int32(1)})
		if err != nil {
			t.Fatal(err)
		}
		if !cmp.Equal(out.StreamNames, []string{"stream-23"}) || !*out.HasMoreStreams {
			t.Errorf("after stream-22x: %v, HasMoreStreams %v", out.StreamNames, *out.HasMoreStreams)
		}
	})
}

func TestCreateStreamModes(t *testing.T) {
	inModes(t, nil, func(t *testing.T, c *Client, k API, clock *FakeClock) {
		if _, err := k.CreateStream(ctx, &kinesis.CreateStreamInput{StreamName: aws.String("od")}); err != nil {
			t.Fatal(err)
		}
		if _, err := k.CreateStream(ctx, &kinesis.CreateStreamInput{StreamName: aws.String("od2"), StreamModeDetails: &types.StreamModeDetails{StreamMode: types.StreamModeOnDemand}}); err != nil {
			t.Fatal(err)
		}
		for _, name := range []string{"od", "od2"} {
			out, err := k.DescribeStreamSummary(ctx, &kinesis.DescribeStreamSummaryInput{StreamName: aws.String(name)})
			if err != nil {
				t.Fatal(err)
			}
			if m := out.StreamDescriptionSummary.StreamModeDetails.StreamMode; m != types.StreamModeOnDemand || *out.StreamDescriptionSummary.OpenShardCount != 4 {
				t.Errorf("%s: mode %s with %d shards, want ON_DEMAND with 4", name, m, *out.StreamDescriptionSummary.OpenShardCount)
			}
		}
	})
}

func TestStreamTimestampsAreWholeSecondsInUTC(t *testing.T) {
	clock := NewFakeClock(time.Date(2026, 1, 2, 3, 4, 5, 678_000_000, time.FixedZone("X", 3600)))
	c := NewT(t, WithClock(clock))
	createStream(t, c, "s", 1)
	out, err := c.DescribeStreamSummary(ctx, &kinesis.DescribeStreamSummaryInput{StreamName: aws.String("s")})
	if err != nil {
		t.Fatal(err)
	}
	got := *out.StreamDescriptionSummary.StreamCreationTimestamp
	if want := time.Date(2026, 1, 2, 2, 4, 5, 0, time.UTC); got != want {
		t.Errorf("StreamCreationTimestamp = %v, want %v", got, want)
	}
}

func TestOutputsAreFreshValues(t *testing.T) {
	inModes(t, nil, func(t *testing.T, c *Client, k API, clock *FakeClock) {
		createStream(t, c, "s", 1)
		a, err := k.DescribeStream(ctx, &kinesis.DescribeStreamInput{StreamName: aws.String("s")})
		if err != nil {
			t.Fatal(err)
		}
		*a.StreamDescription.StreamName = "changed"
		*a.StreamDescription.Shards[0].ShardId = "changed"
		*a.StreamDescription.Shards[0].HashKeyRange.StartingHashKey = "changed"
		*a.StreamDescription.StreamCreationTimestamp = time.Time{}
		b, err := k.DescribeStream(ctx, &kinesis.DescribeStreamInput{StreamName: aws.String("s")})
		if err != nil {
			t.Fatal(err)
		}
		if *b.StreamDescription.StreamName != "s" || *b.StreamDescription.Shards[0].ShardId != "shardId-000000000000" ||
			*b.StreamDescription.Shards[0].HashKeyRange.StartingHashKey != "0" || !b.StreamDescription.StreamCreationTimestamp.Equal(epoch) {
			t.Errorf("changing one output changed the next: %+v", b.StreamDescription)
		}
	})
}

func TestWaiters(t *testing.T) {
	inModes(t, nil, func(t *testing.T, c *Client, k API, clock *FakeClock) {
		createStream(t, c, "s", 1)
		if err := kinesis.NewStreamExistsWaiter(k).Wait(ctx, &kinesis.DescribeStreamInput{StreamName: aws.String("s")}, time.Minute); err != nil {
			t.Fatalf("StreamExists: %v", err)
		}
		if _, err := k.DeleteStream(ctx, &kinesis.DeleteStreamInput{StreamName: aws.String("s")}); err != nil {
			t.Fatal(err)
		}
		if err := kinesis.NewStreamNotExistsWaiter(k).Wait(ctx, &kinesis.DescribeStreamInput{StreamName: aws.String("s")}, time.Minute); err != nil {
			t.Fatalf("StreamNotExists: %v", err)
		}
	})
}

// Every rule of the stream operations, with the error the service returns
// for it. Each case runs on streams "s" and "other", of 3 shards each.
func TestStreamErrors(t *testing.T) {
	long := strings.Repeat("a", 129)
	s := aws.String("s")
	tags := func(n int) map[string]string {
		m := make(map[string]string, n)
		for i := range n {
			m[fmt.Sprint("k", i)] = "v"
		}
		return m
	}
	errorTable{setup: twoStreams, cases: []errorCase{
		// CreateStream
		{name: "CreateStream empty name", op: "CreateStream", call: func(c *Client, k API, _ *FakeClock) error {
			_, err := k.CreateStream(ctx, &kinesis.CreateStreamInput{StreamName: aws.String(""), ShardCount: aws.Int32(1)})
			return err
		}, code: "ValidationException", message: "2 validation errors detected: Value '' at 'streamName' failed to satisfy constraint: Member must satisfy regular expression pattern: [a-zA-Z0-9_.-]+; Value '' at 'streamName' failed to satisfy constraint: Member must have length greater than or equal to 1"},
		{name: "CreateStream long name", op: "CreateStream", call: func(c *Client, k API, _ *FakeClock) error {
			_, err := k.CreateStream(ctx, &kinesis.CreateStreamInput{StreamName: aws.String(long), ShardCount: aws.Int32(1)})
			return err
		}, code: "ValidationException", message: "1 validation error detected: Value '" + long + "' at 'streamName' failed to satisfy constraint: Member must have length less than or equal to 128"},
		{name: "CreateStream name pattern", op: "CreateStream", call: func(c *Client, k API, _ *FakeClock) error {
			_, err := k.CreateStream(ctx, &kinesis.CreateStreamInput{StreamName: aws.String("a b"), ShardCount: aws.Int32(1)})
			return err
		}, code: "ValidationException", message: "1 validation error detected: Value 'a b' at 'streamName' failed to satisfy constraint: Member must satisfy regular expression pattern: [a-zA-Z0-9_.-]+"},
		{name: "CreateStream shard count below 1, listed first", op: "CreateStream", call: func(c *Client, k API, _ *FakeClock) error {
			_, err := k.CreateStream(ctx, &kinesis.CreateStreamInput{StreamName: aws.String("a b"), ShardCount: aws.Int32(0)})
			return err
		}, code: "ValidationException", message: "2 validation errors detected: Value '0' at 'shardCount' failed to satisfy constraint: Member must have value greater than or equal to 1; Value 'a b' at 'streamName' failed to satisfy constraint: Member must satisfy regular expression pattern: [a-zA-Z0-9_.-]+"},
		{name: "CreateStream max record size too small", op: "CreateStream", call: func(c *Client, k API, _ *FakeClock) error {
			_, err := k.CreateStream(ctx, &kinesis.CreateStreamInput{StreamName: aws.String("n"), ShardCount: aws.Int32(1), MaxRecordSizeInKiB: aws.Int32(1023)})
			return err
		}, code: "ValidationException", message: "1 validation error detected: Value '1023' at 'maxRecordSizeInKiB' failed to satisfy constraint: Member must have value greater than or equal to 1024"},
		{name: "CreateStream max record size too large", op: "CreateStream", call: func(c *Client, k API, _ *FakeClock) error {
			_, err := k.CreateStream(ctx, &kinesis.CreateStreamInput{StreamName: aws.String("n"), ShardCount: aws.Int32(1), MaxRecordSizeInKiB: aws.Int32(10241)})
			return err
		}, code: "ValidationException", message: "1 validation error detected: Value '10241' at 'maxRecordSizeInKiB' failed to satisfy constraint: Member must have value less than or equal to 10240"},
		{name: "CreateStream negative warm throughput", op: "CreateStream", call: func(c *Client, k API, _ *FakeClock) error {
			_, err := k.CreateStream(ctx, &kinesis.CreateStreamInput{StreamName: aws.String("n"), WarmThroughputMiBps: aws.Int32(-1)})
			return err
		}, code: "ValidationException", message: "1 validation error detected: Value '-1' at 'warmThroughputMiBps' failed to satisfy constraint: Member must have value greater than or equal to 0"},
		{name: "CreateStream unknown stream mode", op: "CreateStream", call: func(c *Client, k API, _ *FakeClock) error {
			_, err := k.CreateStream(ctx, &kinesis.CreateStreamInput{StreamName: aws.String("n"), StreamModeDetails: &types.StreamModeDetails{StreamMode: "FAST"}})
			return err
		}, code: "ValidationException", message: "1 validation error detected: Value 'FAST' at 'streamModeDetails.streamMode' failed to satisfy constraint: Member must satisfy enum value set: [PROVISIONED, ON_DEMAND]"},
		{name: "CreateStream unknown distribution strategy", op: "CreateStream", call: func(c *Client, k API, _ *FakeClock) error {
			_, err := k.CreateStream(ctx, &kinesis.CreateStreamInput{StreamName: aws.String("n"), RecordDistributionStrategy: "RANDOM"})
			return err
		}, code: "ValidationException", message: "1 validation error detected: Value 'RANDOM' at 'recordDistributionStrategy' failed to satisfy constraint: Member must satisfy enum value set: [AUTO, USER_PARTITION_KEY]"},
		{name: "CreateStream empty tags", op: "CreateStream", call: func(c *Client, k API, _ *FakeClock) error {
			_, err := k.CreateStream(ctx, &kinesis.CreateStreamInput{StreamName: aws.String("n"), Tags: map[string]string{}})
			return err
		}, code: "ValidationException", message: "1 validation error detected: Value '{}' at 'tags' failed to satisfy constraint: Member must have length greater than or equal to 1"},
		{name: "CreateStream too many tags", op: "CreateStream", call: func(c *Client, k API, _ *FakeClock) error {
			_, err := k.CreateStream(ctx, &kinesis.CreateStreamInput{StreamName: aws.String("n"), Tags: tags(201)})
			return err
		}, code: "ValidationException", message: ""},
		{name: "CreateStream tag key too long", op: "CreateStream", call: func(c *Client, k API, _ *FakeClock) error {
			_, err := k.CreateStream(ctx, &kinesis.CreateStreamInput{StreamName: aws.String("n"), Tags: map[string]string{long: "v"}})
			return err
		}, code: "ValidationException", message: "1 validation error detected: Value '{" + long + "=v}' at 'tags' failed to satisfy constraint: Map keys must satisfy constraint: [Member must have length less than or equal to 128, Member must have length greater than or equal to 1]"},
		{name: "CreateStream tag value too long", op: "CreateStream", call: func(c *Client, k API, _ *FakeClock) error {
			_, err := k.CreateStream(ctx, &kinesis.CreateStreamInput{StreamName: aws.String("n"), Tags: map[string]string{"k": strings.Repeat("v", 257)}})
			return err
		}, code: "ValidationException", message: "1 validation error detected: Value '{k=" + strings.Repeat("v", 257) + "}' at 'tags' failed to satisfy constraint: Map value must satisfy constraint: [Member must have length less than or equal to 256, Member must have length greater than or equal to 0]"},
		{name: "CreateStream ON_DEMAND with ShardCount", op: "CreateStream", call: func(c *Client, k API, _ *FakeClock) error {
			_, err := k.CreateStream(ctx, &kinesis.CreateStreamInput{StreamName: aws.String("n"), ShardCount: aws.Int32(2), StreamModeDetails: &types.StreamModeDetails{StreamMode: types.StreamModeOnDemand}})
			return err
		}, code: "InvalidArgumentException", message: "ShardCount is not expected when StreamMode=ON_DEMAND"},
		{name: "CreateStream PROVISIONED without ShardCount", op: "CreateStream", call: func(c *Client, k API, _ *FakeClock) error {
			_, err := k.CreateStream(ctx, &kinesis.CreateStreamInput{StreamName: aws.String("n"), StreamModeDetails: &types.StreamModeDetails{StreamMode: types.StreamModeProvisioned}})
			return err
		}, code: "InvalidArgumentException", message: ""},
		{name: "CreateStream AUTO distribution on PROVISIONED", op: "CreateStream", call: func(c *Client, k API, _ *FakeClock) error {
			_, err := k.CreateStream(ctx, &kinesis.CreateStreamInput{StreamName: aws.String("n"), ShardCount: aws.Int32(1), RecordDistributionStrategy: types.RecordDistributionStrategyAuto})
			return err
		}, code: "InvalidArgumentException", message: ""},
		{name: "CreateStream existing name", op: "CreateStream", call: func(c *Client, k API, _ *FakeClock) error {
			_, err := k.CreateStream(ctx, &kinesis.CreateStreamInput{StreamName: s, ShardCount: aws.Int32(1)})
			return err
		}, code: "ResourceInUseException", message: recorded.StreamExists("s", "123456789012")},
		{name: "CreateStream over the shard quota", op: "CreateStream", opts: []Option{WithLimits(Limits{Shards: 10})}, call: func(c *Client, k API, _ *FakeClock) error {
			_, err := k.CreateStream(ctx, &kinesis.CreateStreamInput{StreamName: aws.String("n"), ShardCount: aws.Int32(5)})
			return err
		}, code: "LimitExceededException", message: "This request would exceed the shard limit for the account 123456789012 in us-east-1. Current shard count for the account: 6. Limit: 10. Number of additional shards that would have resulted from this request: 5. Refer to the AWS Service Limits page (http://docs.aws.amazon.com/general/latest/gr/aws_service_limits.html) for current limits and how to request higher limits."},
		{name: "CreateStream with too many streams CREATING", op: "CreateStream", opts: []Option{WithDelays(Delays{CreateStream: time.Minute}), WithLimits(Limits{CreatingStreams: 3})}, call: func(c *Client, k API, _ *FakeClock) error {
			_, err := k.CreateStream(ctx, &kinesis.CreateStreamInput{StreamName: aws.String("c3"), ShardCount: aws.Int32(1)})
			if err != nil {
				panic(err)
			}
			_, err = k.CreateStream(ctx, &kinesis.CreateStreamInput{StreamName: aws.String("c4"), ShardCount: aws.Int32(1)})
			return err
		}, code: "LimitExceededException", message: ""},
		{name: "CreateStream over the ON_DEMAND stream quota", op: "CreateStream", opts: []Option{WithLimits(Limits{OnDemandStreams: 1})}, call: func(c *Client, k API, _ *FakeClock) error {
			_, err := k.CreateStream(ctx, &kinesis.CreateStreamInput{StreamName: aws.String("od1")})
			if err != nil {
				panic(err)
			}
			_, err = k.CreateStream(ctx, &kinesis.CreateStreamInput{StreamName: aws.String("od2")})
			return err
		}, code: "LimitExceededException", message: ""},

		// Naming a stream, shown with DeleteStream and DescribeStreamSummary.
		{name: "DeleteStream unknown stream", op: "DeleteStream", call: func(c *Client, k API, _ *FakeClock) error {
			_, err := k.DeleteStream(ctx, &kinesis.DeleteStreamInput{StreamName: aws.String("nope")})
			return err
		}, code: "ResourceNotFoundException", message: recorded.StreamNotFound("nope", "123456789012")},
		{name: "DeleteStream neither name nor ARN", op: "DeleteStream", call: func(c *Client, k API, _ *FakeClock) error {
			_, err := k.DeleteStream(ctx, &kinesis.DeleteStreamInput{})
			return err
		}, code: "InvalidArgumentException", message: ""},
		{name: "DeleteStream ARN of another service", op: "DeleteStream", call: func(c *Client, k API, _ *FakeClock) error {
			_, err := k.DeleteStream(ctx, &kinesis.DeleteStreamInput{StreamARN: aws.String("arn:aws:sqs:us-east-1:123456789012:q")})
			return err
		}, code: "ValidationException", message: "1 validation error detected: Value 'arn:aws:sqs:us-east-1:123456789012:q' at 'streamARN' failed to satisfy constraint: Member must satisfy regular expression pattern: arn:aws.*:kinesis:.*:\\d{12}:stream/\\S+"},
		{name: "DeleteStream bad StreamId", op: "DeleteStream", call: func(c *Client, k API, _ *FakeClock) error {
			_, err := k.DeleteStream(ctx, &kinesis.DeleteStreamInput{StreamName: s, StreamId: aws.String("x")})
			return err
		}, code: "ValidationException", message: "1 validation error detected: Value 'x' at 'streamId' failed to satisfy constraint: Member must satisfy regular expression pattern: [a-z0-9]{20}-[a-z0-9]{3}"},
		{name: "DeleteStream name and ARN disagree", op: "DeleteStream", call: func(c *Client, k API, _ *FakeClock) error {
			_, err := k.DeleteStream(ctx, &kinesis.DeleteStreamInput{StreamName: s, StreamARN: aws.String("arn:aws:kinesis:us-east-1:123456789012:stream/other")})
			return err
		}, code: "InvalidArgumentException", message: ""},
		{name: "DescribeStreamSummary ARN of another account", op: "DescribeStreamSummary", call: func(c *Client, k API, _ *FakeClock) error {
			_, err := k.DescribeStreamSummary(ctx, &kinesis.DescribeStreamSummaryInput{StreamARN: aws.String("arn:aws:kinesis:us-east-1:210987654321:stream/s")})
			return err
		}, code: "ResourceNotFoundException", message: recorded.StreamNotFound("s", "210987654321")},
		{name: "DescribeStreamSummary ARN of another region", op: "DescribeStreamSummary", call: func(c *Client, k API, _ *FakeClock) error {
			_, err := k.DescribeStreamSummary(ctx, &kinesis.DescribeStreamSummaryInput{StreamARN: aws.String("arn:aws:kinesis:eu-west-1:123456789012:stream/s")})
			return err
		}, code: "ResourceNotFoundException", message: ""},

		// DescribeStream
		{name: "DescribeStream limit 0", op: "DescribeStream", call: func(c *Client, k API, _ *FakeClock) error {
			_, err := k.DescribeStream(ctx, &kinesis.DescribeStreamInput{StreamName: s, Limit: aws.Int32(0)})
			return err
		}, code: "ValidationException", message: "1 validation error detected: Value '0' at 'limit' failed to satisfy constraint: Member must have value greater than or equal to 1"},
		{name: "DescribeStream limit 10001 and empty start", op: "DescribeStream", call: func(c *Client, k API, _ *FakeClock) error {
			_, err := k.DescribeStream(ctx, &kinesis.DescribeStreamInput{StreamName: s, Limit: aws.Int32(10001), ExclusiveStartShardId: aws.String("")})
			return err
		}, code: "ValidationException", message: "3 validation errors detected: Value '10001' at 'limit' failed to satisfy constraint: Member must have value less than or equal to 10000; Value '' at 'exclusiveStartShardId' failed to satisfy constraint: Member must satisfy regular expression pattern: [a-zA-Z0-9_.-]+; Value '' at 'exclusiveStartShardId' failed to satisfy constraint: Member must have length greater than or equal to 1"},

		// ListStreams
		{name: "ListStreams limit 0", op: "ListStreams", call: func(c *Client, k API, _ *FakeClock) error {
			_, err := k.ListStreams(ctx, &kinesis.ListStreamsInput{Limit: aws.Int32(0)})
			return err
		}, code: "ValidationException", message: "1 validation error detected: Value '0' at 'limit' failed to satisfy constraint: Member must have value greater than or equal to 1"},
		{name: "ListStreams empty start name", op: "ListStreams", call: func(c *Client, k API, _ *FakeClock) error {
			_, err := k.ListStreams(ctx, &kinesis.ListStreamsInput{ExclusiveStartStreamName: aws.String("")})
			return err
		}, code: "ValidationException", message: ""},
		{name: "ListStreams empty NextToken", op: "ListStreams", call: func(c *Client, k API, _ *FakeClock) error {
			_, err := k.ListStreams(ctx, &kinesis.ListStreamsInput{NextToken: aws.String("")})
			return err
		}, code: "ValidationException", message: "1 validation error detected: Value '' at 'nextToken' failed to satisfy constraint: Member must have length greater than or equal to 1"},
		{name: "ListStreams foreign NextToken", op: "ListStreams", call: func(c *Client, k API, _ *FakeClock) error {
			_, err := k.ListStreams(ctx, &kinesis.ListStreamsInput{NextToken: aws.String("not-a-token")})
			return err
		}, code: "InvalidArgumentException", message: ""},
		{name: "ListStreams expired NextToken", op: "ListStreams", call: func(c *Client, k API, clock *FakeClock) error {
			out, err := k.ListStreams(ctx, &kinesis.ListStreamsInput{Limit: aws.Int32(1)})
			if err != nil || out.NextToken == nil {
				panic(fmt.Sprint(out, err))
			}
			clock.Advance(301 * time.Second)
			_, err = k.ListStreams(ctx, &kinesis.ListStreamsInput{NextToken: out.NextToken})
			return err
		}, code: "ExpiredNextTokenException", message: ""},
	}}.run(t)
}

// The required members of the stream operations are checked as the SDK's
// client checks them, before anything reaches the service: the fake's error
// is the real client's, word for word.
func TestStreamRequiredMembers(t *testing.T) {
	fake, _ := newFake(t)
	checkRequiredMembers(t, fake, []requiredMembers{
		{func(c API) error { _, err := c.CreateStream(ctx, nil); return err },
			missing("CreateStream", "CreateStreamInput", "StreamName")},
		{func(c API) error {
			_, err := c.CreateStream(ctx, &kinesis.CreateStreamInput{StreamModeDetails: &types.StreamModeDetails{}})
			return err
		}, missing("CreateStream", "CreateStreamInput", "StreamName", "StreamModeDetails.StreamMode")},
	})
}
