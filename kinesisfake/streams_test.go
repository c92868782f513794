package kinesisfake

import (
	"fmt"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/kinesis"
	"github.com/aws/aws-sdk-go-v2/service/kinesis/types"
	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"
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
		wantAPIError(t, err, "CreateStream", "ResourceInUseException", "Stream s under account 123456789012 already exists.")
		// Deleting again does not put the end off.
		clock.Advance(3 * time.Second)
		if _, err := k.DeleteStream(ctx, &kinesis.DeleteStreamInput{StreamName: aws.String("s")}); err != nil {
			t.Fatal(err)
		}
		clock.Advance(2 * time.Second)
		_, err = k.DescribeStreamSummary(ctx, &kinesis.DescribeStreamSummaryInput{StreamName: aws.String("s")})
		wantAPIError(t, err, "DescribeStreamSummary", "ResourceNotFoundException", "Stream s under account 123456789012 not found.")

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
		wantAPIError(t, err, "PutRecord", "ResourceNotFoundException", "Stream s under account 123456789012 not found.")
	})
}

func TestDescribeStream(t *testing.T) {
	inModes(t, nil, func(t *testing.T, c *Client, k API, clock *FakeClock) {
		createStream(t, c, "s", 4)
		out, err := k.DescribeStream(ctx, &kinesis.DescribeStreamInput{StreamName: aws.String("s")})
		if err != nil {
			t.Fatal(err)
		}
		seq := func(shard int) *string { return aws.String(sequenceNumber{shard: shard, tag: 1}.String()) }
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
