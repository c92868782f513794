package kinesisfake

import (
	"fmt"
	"math/big"
	"slices"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/kinesis"
	"github.com/aws/aws-sdk-go-v2/service/kinesis/types"
	"github.com/google/go-cmp/cmp"

	"github.com/streamfake/kinesis/internal/recorded"
)

func listShardIDs(t *testing.T, c *Client, in *kinesis.ListShardsInput) []string {
	t.Helper()
	out, err := c.ListShards(ctx, in)
	if err != nil {
		t.Fatalf("ListShards: %v", err)
	}
	var ids []string
	for _, sh := range out.Shards {
		ids = append(ids, *sh.ShardId)
	}
	return ids
}

func TestListShardsPages(t *testing.T) {
	inModes(t, nil, func(t *testing.T, c *Client, k API, clock *FakeClock) {
		createStream(t, c, "s", 2500)
		var ids []string
		in := &kinesis.ListShardsInput{StreamName: aws.String("s")}
		pages := 0
		for {
			out, err := k.ListShards(ctx, in)
			if err != nil {
				t.Fatal(err)
			}
			pages++
			for _, sh := range out.Shards {
				ids = append(ids, *sh.ShardId)
			}
			if out.NextToken == nil {
				break
			}
			in = &kinesis.ListShardsInput{NextToken: out.NextToken}
		}
		if pages != 3 || len(ids) != 2500 || ids[2499] != "shardId-000000002499" {
			t.Errorf("%d pages, %d shards, last %s; want 3 pages of at most 1000, 2500 shards", pages, len(ids), ids[len(ids)-1])
		}

		got := listShardIDs(t, c, &kinesis.ListShardsInput{StreamName: aws.String("s"), ExclusiveStartShardId: aws.String("shardId-000000002497")})
		if !cmp.Equal(got, []string{"shardId-000000002498", "shardId-000000002499"}) {
			t.Errorf("after shardId-000000002497: %v", got)
		}
		got = listShardIDs(t, c, &kinesis.ListShardsInput{StreamName: aws.String("s"), ShardFilter: &types.ShardFilter{Type: types.ShardFilterTypeAfterShardId, ShardId: aws.String("shardId-000000002498")}})
		if !cmp.Equal(got, []string{"shardId-000000002499"}) {
			t.Errorf("AFTER_SHARD_ID shardId-000000002498: %v", got)
		}
	})
}

func TestListShardsKeepsTheFilterAcrossPages(t *testing.T) {
	inModes(t, nil, func(t *testing.T, c *Client, k API, clock *FakeClock) {
		createStream(t, c, "s", 3)
		clock.Advance(time.Hour)
		splitByHand(t, c, "s", 1)
		in := &kinesis.ListShardsInput{StreamName: aws.String("s"), MaxResults: aws.Int32(2), ShardFilter: &types.ShardFilter{Type: types.ShardFilterTypeAtLatest}}
		var ids []string
		for {
			out, err := k.ListShards(ctx, in)
			if err != nil {
				t.Fatal(err)
			}
			for _, sh := range out.Shards {
				ids = append(ids, *sh.ShardId)
			}
			if out.NextToken == nil {
				break
			}
			in = &kinesis.ListShardsInput{NextToken: out.NextToken, MaxResults: aws.Int32(2)}
		}
		if want := []string{"shardId-000000000000", "shardId-000000000002", "shardId-000000000003", "shardId-000000000004"}; !cmp.Equal(ids, want) {
			t.Errorf("AT_LATEST over pages: %v, want %v", ids, want)
		}
	})
}

// splitByHand splits a shard into halves as SplitShard does, without its
// checks, to exercise what happens at the end of a closed shard.
func splitByHand(t *testing.T, c *Client, stream string, index int) {
	t.Helper()
	c.mu.Lock()
	defer c.mu.Unlock()
	s := c.streams[stream]
	parent := s.shards[index]
	start, end := parent.hashRange.start.big(), parent.hashRange.end.big()
	mid := new(big.Int).Rsh(new(big.Int).Add(start, end), 1)
	key := hashKeyFromBig(mid.Add(mid, big.NewInt(1)))
	c.reshard(s, c.clock.Now(), reshardPlan{op: reshardSplit, shard: parent.index, key: key})
	if c.journal != nil { // as a call that changed s would
		c.journal.changed(s)
		if err := c.journal.end(changes, c.clock.Now()).waitLocked(); err != nil {
			t.Fatal(err)
		}
	}
}

func TestListShardsFilters(t *testing.T) {
	inModes(t, nil, func(t *testing.T, c *Client, k API, clock *FakeClock) {
		createStream(t, c, "s", 2)
		created := clock.Now()
		clock.Advance(time.Hour)
		splitAt := clock.Now()
		splitByHand(t, c, "s", 0) // shard 0 closes; 2 and 3 open
		clock.Advance(time.Hour)

		all := []string{"shardId-000000000000", "shardId-000000000001", "shardId-000000000002", "shardId-000000000003"}
		tests := []struct {
			filter *types.ShardFilter
			want   []string
		}{
			{nil, all},
			{&types.ShardFilter{Type: types.ShardFilterTypeFromTrimHorizon}, all},
			{&types.ShardFilter{Type: types.ShardFilterTypeAtTrimHorizon}, []string{"shardId-000000000000", "shardId-000000000001"}},
			{&types.ShardFilter{Type: types.ShardFilterTypeAtLatest}, []string{"shardId-000000000001", "shardId-000000000002", "shardId-000000000003"}},
			{&types.ShardFilter{Type: types.ShardFilterTypeAtTimestamp, Timestamp: aws.Time(created.Add(time.Minute))}, []string{"shardId-000000000000", "shardId-000000000001"}},
			{&types.ShardFilter{Type: types.ShardFilterTypeAtTimestamp, Timestamp: aws.Time(splitAt)}, all},
			{&types.ShardFilter{Type: types.ShardFilterTypeAtTimestamp, Timestamp: aws.Time(created.Add(-time.Minute))}, nil},
			{&types.ShardFilter{Type: types.ShardFilterTypeFromTimestamp, Timestamp: aws.Time(splitAt.Add(time.Minute))}, []string{"shardId-000000000001", "shardId-000000000002", "shardId-000000000003"}},
			{&types.ShardFilter{Type: types.ShardFilterTypeFromTimestamp, Timestamp: aws.Time(created.Add(-time.Hour))}, all},
			{&types.ShardFilter{Type: types.ShardFilterTypeAfterShardId, ShardId: aws.String("shardId-000000000001")}, []string{"shardId-000000000002", "shardId-000000000003"}},
		}
		for _, tt := range tests {
			got := listShardIDs(t, c, &kinesis.ListShardsInput{StreamName: aws.String("s"), ShardFilter: tt.filter})
			if !cmp.Equal(got, tt.want) {
				t.Errorf("filter %+v: %v, want %v", tt.filter, got, tt.want)
			}
		}

		// A closed shard shows its ending sequence number and its children
		// their parent.
		out, err := k.ListShards(ctx, &kinesis.ListShardsInput{StreamName: aws.String("s")})
		if err != nil {
			t.Fatal(err)
		}
		if out.Shards[0].SequenceNumberRange.EndingSequenceNumber == nil || out.Shards[1].SequenceNumberRange.EndingSequenceNumber != nil {
			t.Error("EndingSequenceNumber should be set on the closed shard only")
		}
		if p := out.Shards[2].ParentShardId; p == nil || *p != "shardId-000000000000" {
			t.Errorf("child's ParentShardId = %v", p)
		}

		// Once its records pass retention, the closed shard is gone.
		clock.Advance(23 * time.Hour)
		got := listShardIDs(t, c, &kinesis.ListShardsInput{StreamName: aws.String("s")})
		if !cmp.Equal(got, all[1:]) {
			t.Errorf("after retention: %v, want %v", got, all[1:])
		}
	})
}

// A stream created within a second reports the second as its creation time:
// its first shards are open at its TRIM_HORIZON and at that time, and a
// split's children open at the millisecond, the service's precision.
func TestListShardsFiltersWithinASecond(t *testing.T) {
	c, clock := newFake(t)
	clock.Advance(750*time.Millisecond + 300*time.Microsecond)
	createStream(t, c, "s", 2)
	summary, err := c.DescribeStreamSummary(ctx, &kinesis.DescribeStreamSummaryInput{StreamName: aws.String("s")})
	if err != nil {
		t.Fatal(err)
	}
	created := *summary.StreamDescriptionSummary.StreamCreationTimestamp
	clock.Advance(time.Second)
	splitAt := clock.Now()
	splitByHand(t, c, "s", 0)
	first := []string{"shardId-000000000000", "shardId-000000000001"}
	all := append(first, "shardId-000000000002", "shardId-000000000003")
	for _, tt := range []struct {
		filter types.ShardFilter
		want   []string
	}{
		{types.ShardFilter{Type: types.ShardFilterTypeAtTrimHorizon}, first},
		{types.ShardFilter{Type: types.ShardFilterTypeAtTimestamp, Timestamp: aws.Time(created)}, first},
		{types.ShardFilter{Type: types.ShardFilterTypeAtTimestamp, Timestamp: aws.Time(splitAt.Truncate(time.Millisecond))}, all},
	} {
		if got := listShardIDs(t, c, &kinesis.ListShardsInput{StreamName: aws.String("s"), ShardFilter: &tt.filter}); !slices.Equal(got, tt.want) {
			t.Errorf("ListShards %s at %v: %v, want %v", tt.filter.Type, aws.ToTime(tt.filter.Timestamp), got, tt.want)
		}
	}
}

func TestGetRecordsAtTheEndOfAClosedShard(t *testing.T) {
	inModes(t, nil, func(t *testing.T, c *Client, k API, clock *FakeClock) {
		createStream(t, c, "s", 1)
		putN(t, c, "s", 3)
		it := iterator(t, c, &kinesis.GetShardIteratorInput{StreamName: aws.String("s"), ShardId: aws.String("shardId-000000000000"), ShardIteratorType: types.ShardIteratorTypeTrimHorizon})
		splitByHand(t, c, "s", 0)
		put(t, c, "s", "k0", "child")

		first, err := k.GetRecords(ctx, &kinesis.GetRecordsInput{ShardIterator: it, Limit: aws.Int32(2)})
		if err != nil {
			t.Fatal(err)
		}
		if len(first.Records) != 2 || first.NextShardIterator == nil || first.ChildShards != nil {
			t.Fatalf("before the end: %d records, next %v, children %v", len(first.Records), first.NextShardIterator, first.ChildShards)
		}
		last, err := k.GetRecords(ctx, &kinesis.GetRecordsInput{ShardIterator: first.NextShardIterator})
		if err != nil {
			t.Fatal(err)
		}
		if len(last.Records) != 1 || last.NextShardIterator != nil {
			t.Fatalf("at the end: %d records, next %v; want 1 record and no next iterator", len(last.Records), last.NextShardIterator)
		}
		var children []string
		for _, ch := range last.ChildShards {
			children = append(children, fmt.Sprintf("%s %v", *ch.ShardId, ch.ParentShards))
		}
		if want := []string{"shardId-000000000001 [shardId-000000000000]", "shardId-000000000002 [shardId-000000000000]"}; !cmp.Equal(children, want) {
			t.Errorf("ChildShards = %v, want %v", children, want)
		}
	})
}

// Every rule of ListShards, with the error the service returns for it.
// Each case runs on streams "s" and "other", of 3 shards each.
func TestShardErrors(t *testing.T) {
	s := aws.String("s")
	errorTable{setup: twoStreams, cases: []errorCase{
		// ListShards
		{name: "ListShards neither stream nor token", op: "ListShards", call: func(c *Client, k API, _ *FakeClock) error {
			_, err := k.ListShards(ctx, &kinesis.ListShardsInput{})
			return err
		}, code: "InvalidArgumentException", message: "Either NextToken or StreamName should be provided."},
		{name: "ListShards NextToken with StreamName", op: "ListShards", call: func(c *Client, k API, _ *FakeClock) error {
			_, err := k.ListShards(ctx, &kinesis.ListShardsInput{NextToken: aws.String("t"), StreamName: s})
			return err
		}, code: "InvalidArgumentException", message: recorded.NextTokenWith("StreamName")},
		{name: "ListShards NextToken with StreamARN", op: "ListShards", call: func(c *Client, k API, _ *FakeClock) error {
			_, err := k.ListShards(ctx, &kinesis.ListShardsInput{NextToken: aws.String("t"), StreamARN: aws.String("arn:aws:kinesis:us-east-1:123456789012:stream/s")})
			return err
		}, code: "InvalidArgumentException", message: recorded.NextTokenWith("StreamARN")},
		{name: "ListShards NextToken with ExclusiveStartShardId", op: "ListShards", call: func(c *Client, k API, _ *FakeClock) error {
			_, err := k.ListShards(ctx, &kinesis.ListShardsInput{NextToken: aws.String("t"), ExclusiveStartShardId: aws.String("shardId-000000000000")})
			return err
		}, code: "InvalidArgumentException", message: recorded.NextTokenWith("ExclusiveStartShardId")},
		{name: "ListShards NextToken with ShardFilter", op: "ListShards", call: func(c *Client, k API, _ *FakeClock) error {
			_, err := k.ListShards(ctx, &kinesis.ListShardsInput{NextToken: aws.String("t"), ShardFilter: &types.ShardFilter{Type: types.ShardFilterTypeAtLatest}})
			return err
		}, code: "InvalidArgumentException", message: recorded.NextTokenWith("ShardFilter")},
		{name: "ListShards NextToken with StreamCreationTimestamp", op: "ListShards", call: func(c *Client, k API, _ *FakeClock) error {
			_, err := k.ListShards(ctx, &kinesis.ListShardsInput{NextToken: aws.String("t"), StreamCreationTimestamp: aws.Time(epoch)})
			return err
		}, code: "InvalidArgumentException", message: recorded.NextTokenWith("StreamCreationTimestamp")},
		{name: "ListShards expired NextToken", op: "ListShards", call: func(c *Client, k API, clock *FakeClock) error {
			out, err := k.ListShards(ctx, &kinesis.ListShardsInput{StreamName: s, MaxResults: aws.Int32(1)})
			if err != nil || out.NextToken == nil {
				panic(fmt.Sprint(out, err))
			}
			clock.Advance(301 * time.Second)
			_, err = k.ListShards(ctx, &kinesis.ListShardsInput{NextToken: out.NextToken})
			return err
		}, code: "ExpiredNextTokenException", message: ""},
		{name: "ListShards MaxResults 0", op: "ListShards", call: func(c *Client, k API, _ *FakeClock) error {
			_, err := k.ListShards(ctx, &kinesis.ListShardsInput{StreamName: s, MaxResults: aws.Int32(0)})
			return err
		}, code: "ValidationException", message: "1 validation error detected: Value '0' at 'maxResults' failed to satisfy constraint: Member must have value greater than or equal to 1"},
		{name: "ListShards unknown filter type", op: "ListShards", call: func(c *Client, k API, _ *FakeClock) error {
			_, err := k.ListShards(ctx, &kinesis.ListShardsInput{StreamName: s, ShardFilter: &types.ShardFilter{Type: "AT_NOON"}})
			return err
		}, code: "ValidationException", message: "1 validation error detected: Value 'AT_NOON' at 'shardFilter.type' failed to satisfy constraint: Member must satisfy enum value set: [AFTER_SHARD_ID, AT_TRIM_HORIZON, FROM_TRIM_HORIZON, AT_LATEST, AT_TIMESTAMP, FROM_TIMESTAMP]"},
		{name: "ListShards AFTER_SHARD_ID without ShardId", op: "ListShards", call: func(c *Client, k API, _ *FakeClock) error {
			_, err := k.ListShards(ctx, &kinesis.ListShardsInput{StreamName: s, ShardFilter: &types.ShardFilter{Type: types.ShardFilterTypeAfterShardId}})
			return err
		}, code: "InvalidArgumentException", message: ""},
		{name: "ListShards AT_TIMESTAMP without Timestamp", op: "ListShards", call: func(c *Client, k API, _ *FakeClock) error {
			_, err := k.ListShards(ctx, &kinesis.ListShardsInput{StreamName: s, ShardFilter: &types.ShardFilter{Type: types.ShardFilterTypeAtTimestamp}})
			return err
		}, code: "InvalidArgumentException", message: ""},
		{name: "ListShards FROM_TIMESTAMP without Timestamp", op: "ListShards", call: func(c *Client, k API, _ *FakeClock) error {
			_, err := k.ListShards(ctx, &kinesis.ListShardsInput{StreamName: s, ShardFilter: &types.ShardFilter{Type: types.ShardFilterTypeFromTimestamp}})
			return err
		}, code: "InvalidArgumentException", message: ""},
		{name: "ListShards ShardId with AT_LATEST", op: "ListShards", call: func(c *Client, k API, _ *FakeClock) error {
			_, err := k.ListShards(ctx, &kinesis.ListShardsInput{StreamName: s, ShardFilter: &types.ShardFilter{Type: types.ShardFilterTypeAtLatest, ShardId: aws.String("shardId-000000000000")}})
			return err
		}, code: "InvalidArgumentException", message: ""},
		{name: "ListShards Timestamp with AT_TRIM_HORIZON", op: "ListShards", call: func(c *Client, k API, _ *FakeClock) error {
			_, err := k.ListShards(ctx, &kinesis.ListShardsInput{StreamName: s, ShardFilter: &types.ShardFilter{Type: types.ShardFilterTypeAtTrimHorizon, Timestamp: aws.Time(epoch)}})
			return err
		}, code: "InvalidArgumentException", message: ""},
		{name: "ListShards another incarnation's creation time", op: "ListShards", call: func(c *Client, k API, _ *FakeClock) error {
			_, err := k.ListShards(ctx, &kinesis.ListShardsInput{StreamName: s, StreamCreationTimestamp: aws.Time(epoch.Add(-time.Hour))})
			return err
		}, code: "ResourceNotFoundException", message: recorded.StreamNotFound("s", "123456789012")},
	}}.run(t)
}

// The required members of ListShards are checked as the SDK's client checks
// them, before anything reaches the service: the fake's error is the real
// client's, word for word.
func TestShardRequiredMembers(t *testing.T) {
	fake, _ := newFake(t)
	checkRequiredMembers(t, fake, []requiredMembers{
		{func(c API) error {
			_, err := c.ListShards(ctx, &kinesis.ListShardsInput{StreamName: aws.String("s"), ShardFilter: &types.ShardFilter{}})
			return err
		}, missing("ListShards", "ListShardsInput", "ShardFilter.Type")},
	})
}
