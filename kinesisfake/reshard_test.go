package kinesisfake

import (
	"fmt"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/kinesis"
	"github.com/aws/aws-sdk-go-v2/service/kinesis/types"
	"github.com/google/go-cmp/cmp"

	"github.com/streamfake/kinesis/internal/recorded"
)

func shardsOf(t *testing.T, c API, stream string) map[string]types.Shard {
	t.Helper()
	out, err := c.ListShards(ctx, &kinesis.ListShardsInput{StreamName: aws.String(stream)})
	if err != nil {
		t.Fatal(err)
	}
	m := map[string]types.Shard{}
	for _, sh := range out.Shards {
		m[*sh.ShardId] = sh
	}
	return m
}

func TestSplitShard(t *testing.T) {
	c, clock := newFake(t, WithDelays(Delays{UpdateStream: 30 * time.Second}))
	createStream(t, c, "s", 1)
	put(t, c, "s", "a", "before")
	if _, err := c.SplitShard(ctx, &kinesis.SplitShardInput{StreamName: aws.String("s"), ShardToSplit: aws.String("shardId-000000000000"), NewStartingHashKey: aws.String("1000")}); err != nil {
		t.Fatal(err)
	}
	if got := status(t, c, "s"); got != types.StreamStatusUpdating {
		t.Fatalf("status after SplitShard = %s, want UPDATING", got)
	}
	_, err := c.SplitShard(ctx, &kinesis.SplitShardInput{StreamName: aws.String("s"), ShardToSplit: aws.String("shardId-000000000000"), NewStartingHashKey: aws.String("2000")})
	wantAPIError(t, err, "SplitShard", "ResourceInUseException", recorded.StreamNotActive("s", "123456789012", "UPDATING"))
	put(t, c, "s", "a", "updating") // reads and writes go on while UPDATING
	if n := len(shardsOf(t, c, "s")); n != 1 {
		t.Fatalf("%d shards before the update completes, want 1", n)
	}

	clock.Advance(30 * time.Second)
	shards := shardsOf(t, c, "s")
	parent, left, right := shards["shardId-000000000000"], shards["shardId-000000000001"], shards["shardId-000000000002"]
	if status(t, c, "s") != types.StreamStatusActive || parent.SequenceNumberRange.EndingSequenceNumber == nil {
		t.Fatal("after the delay the stream should be ACTIVE and the parent closed")
	}
	want := [][2]string{{"0", "999"}, {"1000", "340282366920938463463374607431768211455"}}
	for i, child := range []types.Shard{left, right} {
		if *child.ParentShardId != "shardId-000000000000" || child.AdjacentParentShardId != nil ||
			*child.HashKeyRange.StartingHashKey != want[i][0] || *child.HashKeyRange.EndingHashKey != want[i][1] {
			t.Errorf("child %d: %v %v", i, aws.ToString(child.ParentShardId), child.HashKeyRange)
		}
	}
	// New records route by the children's ranges.
	out, err := c.PutRecord(ctx, &kinesis.PutRecordInput{StreamName: aws.String("s"), PartitionKey: aws.String("k"), ExplicitHashKey: aws.String("999"), Data: []byte("low")})
	if err != nil || *out.ShardId != "shardId-000000000001" {
		t.Fatalf("hash 999 went to %v (%v)", out, err)
	}
	out, err = c.PutRecord(ctx, &kinesis.PutRecordInput{StreamName: aws.String("s"), PartitionKey: aws.String("k"), ExplicitHashKey: aws.String("1000"), Data: []byte("high")})
	if err != nil || *out.ShardId != "shardId-000000000002" {
		t.Fatalf("hash 1000 went to %v (%v)", out, err)
	}
	if got := readShard(t, c, "s", "shardId-000000000000"); !cmp.Equal(got, []string{"before", "updating"}) {
		t.Errorf("parent holds %v", got)
	}
	_, err = c.SplitShard(ctx, &kinesis.SplitShardInput{StreamName: aws.String("s"), ShardToSplit: aws.String("shardId-000000000000"), NewStartingHashKey: aws.String("500")})
	wantAPIError(t, err, "SplitShard", "InvalidArgumentException", recorded.ShardAlreadyResharded("shardId-000000000000", "s", "123456789012"))
}

func TestMergeShards(t *testing.T) {
	c, _ := newFake(t)
	createStream(t, c, "s", 3)
	_, err := c.MergeShards(ctx, &kinesis.MergeShardsInput{StreamName: aws.String("s"), ShardToMerge: aws.String("shardId-000000000000"), AdjacentShardToMerge: aws.String("shardId-000000000002")})
	wantAPIError(t, err, "MergeShards", "InvalidArgumentException", recorded.NotAdjacent("shardId-000000000000", "shardId-000000000002", "s", "123456789012"))
	if _, err := c.MergeShards(ctx, &kinesis.MergeShardsInput{StreamName: aws.String("s"), ShardToMerge: aws.String("shardId-000000000001"), AdjacentShardToMerge: aws.String("shardId-000000000002")}); err != nil {
		t.Fatal(err)
	}
	child := shardsOf(t, c, "s")["shardId-000000000003"]
	if *child.ParentShardId != "shardId-000000000001" || *child.AdjacentParentShardId != "shardId-000000000002" ||
		*child.HashKeyRange.StartingHashKey != "113427455640312821154458202477256070485" || *child.HashKeyRange.EndingHashKey != "340282366920938463463374607431768211455" {
		t.Errorf("merged child: %+v %+v", child, child.HashKeyRange)
	}
	summary, err := c.DescribeStreamSummary(ctx, &kinesis.DescribeStreamSummaryInput{StreamName: aws.String("s")})
	if err != nil || *summary.StreamDescriptionSummary.OpenShardCount != 2 {
		t.Errorf("OpenShardCount after merging = %v, want 2", summary)
	}
}

func TestUpdateShardCount(t *testing.T) {
	// Shards in all, closed ones included. Where moto's tests record a total
	// for the service (2 to 4, 4 to 5, 4 to 2) the fake agrees; for scalings
	// whose new boundaries fall unevenly, moto's totals imply shards of
	// unequal size, where the fake keeps UNIFORM_SCALING's equal ones.
	for _, tt := range []struct{ from, to, total int }{{2, 4, 6}, {4, 5, 15}, {4, 2, 6}, {3, 3, 3}} {
		t.Run(fmt.Sprintf("%d to %d", tt.from, tt.to), func(t *testing.T) {
			c, _ := newFake(t)
			createStream(t, c, "s", tt.from)
			out, err := c.UpdateShardCount(ctx, &kinesis.UpdateShardCountInput{StreamName: aws.String("s"), TargetShardCount: aws.Int32(int32(tt.to)), ScalingType: types.ScalingTypeUniformScaling})
			if err != nil {
				t.Fatal(err)
			}
			if *out.CurrentShardCount != int32(tt.from) || *out.TargetShardCount != int32(tt.to) || *out.StreamName != "s" {
				t.Errorf("output %+v", out)
			}
			shards := shardsOf(t, c, "s")
			if len(shards) != tt.total {
				t.Errorf("%d shards in all, want %d", len(shards), tt.total)
			}
			// The open shards split the key space evenly, as a new stream of
			// tt.to shards would.
			var open []types.Shard
			for i := range len(shards) {
				if sh := shards[shardID(i)]; sh.SequenceNumberRange.EndingSequenceNumber == nil {
					open = append(open, sh)
				}
			}
			wantRanges := splitHashKeySpace(tt.to)
			if len(open) != tt.to {
				t.Fatalf("%d open shards, want %d", len(open), tt.to)
			}
			got := map[string]bool{}
			for _, sh := range open {
				got[*sh.HashKeyRange.StartingHashKey+"-"+*sh.HashKeyRange.EndingHashKey] = true
			}
			for _, r := range wantRanges {
				if !got[r.start.String()+"-"+r.end.String()] {
					t.Errorf("no open shard covers %s-%s", r.start, r.end)
				}
			}
		})
	}
}

func TestUpdateShardCountLimits(t *testing.T) {
	c, clock := newFake(t)
	createStream(t, c, "s", 4)
	scale := func(n int32) error {
		_, err := c.UpdateShardCount(ctx, &kinesis.UpdateShardCountInput{StreamName: aws.String("s"), TargetShardCount: aws.Int32(n), ScalingType: types.ScalingTypeUniformScaling})
		return err
	}
	wantAPIError(t, scale(9), "UpdateShardCount", "LimitExceededException", recorded.ScaleUpOverDouble(4, 9))
	wantAPIError(t, scale(1), "UpdateShardCount", "LimitExceededException", recorded.ScaleDownBelowHalf(4, 1))
	for i := range scalingsPerDay {
		if err := scale(int32(4 + i%2)); err != nil {
			t.Fatalf("scaling %d: %v", i, err)
		}
	}
	wantAPIError(t, scale(4), "UpdateShardCount", "LimitExceededException", "")
	clock.Advance(scalingWindow)
	if err := scale(5); err != nil {
		t.Fatalf("after a day: %v", err)
	}

	if _, err := c.CreateStream(ctx, &kinesis.CreateStreamInput{StreamName: aws.String("od")}); err != nil {
		t.Fatal(err)
	}
	_, err := c.UpdateShardCount(ctx, &kinesis.UpdateShardCountInput{StreamName: aws.String("od"), TargetShardCount: aws.Int32(5), ScalingType: types.ScalingTypeUniformScaling})
	wantAPIError(t, err, "UpdateShardCount", "ValidationException", recorded.OnDemandCannotReshard("od", "123456789012"))
}

func TestSplitShardErrors(t *testing.T) {
	c, _ := newFake(t, WithLimits(Limits{Shards: 2}))
	createStream(t, c, "s", 2)
	split := func(shard, key string) error {
		_, err := c.SplitShard(ctx, &kinesis.SplitShardInput{StreamName: aws.String("s"), ShardToSplit: aws.String(shard), NewStartingHashKey: aws.String(key)})
		return err
	}
	wantAPIError(t, split("shardId-000000000009", "1"), "SplitShard", "ResourceNotFoundException", recorded.ShardNotFound("shardId-000000000009", "s", "123456789012"))
	wantAPIError(t, split("shardId-000000000000", "1"), "SplitShard", "LimitExceededException", "")
	c.limits.Shards = 10
	wantAPIError(t, split("shardId-000000000000", "1"), "SplitShard", "InvalidArgumentException",
		recorded.SplitKeyOutOfRange("1", "shardId-000000000000", "s", "123456789012", "0", "170141183460469231731687303715884105727"))
	wantAPIError(t, split("shardId-000000000000", "170141183460469231731687303715884105727"), "SplitShard", "InvalidArgumentException", "")
	if err := split("shardId-000000000000", "2"); err != nil {
		t.Fatalf("the smallest valid key: %v", err)
	}
}

// Every rule of the resharding operations that the service's recorded
// replies show, with the error the service returns for it. Each case runs
// on streams "s" and "other", of 3 shards each. The replies are kinesalite's
// splitShard, mergeShards and updateShardCount tests, recorded against the
// service.
func TestReshardErrors(t *testing.T) {
	s, nope := aws.String("s"), aws.String("nope")
	split := func(stream *string, shard string) func(c *Client, k API, _ *FakeClock) error {
		return func(c *Client, k API, _ *FakeClock) error {
			_, err := k.SplitShard(ctx, &kinesis.SplitShardInput{StreamName: stream, ShardToSplit: aws.String(shard), NewStartingHashKey: aws.String("0")})
			return err
		}
	}
	merge := func(stream *string, shard, adjacent string) func(c *Client, k API, _ *FakeClock) error {
		return func(c *Client, k API, _ *FakeClock) error {
			_, err := k.MergeShards(ctx, &kinesis.MergeShardsInput{StreamName: stream, ShardToMerge: aws.String(shard), AdjacentShardToMerge: aws.String(adjacent)})
			return err
		}
	}
	errorTable{setup: twoStreams, cases: []errorCase{
		// SplitShard: an ID that cannot name a shard fails by the ID as
		// given, before the stream is looked for; one that can is named in
		// canonical form.
		{name: "SplitShard number beyond int, unknown stream", op: "SplitShard", call: split(nope, "2147483648"),
			code: "ResourceNotFoundException", message: recorded.ShardNotFound("2147483648", "nope", "123456789012")},
		{name: "SplitShard prefixed number beyond int, unknown stream", op: "SplitShard", call: split(nope, "shardId-002147483648"),
			code: "ResourceNotFoundException", message: recorded.ShardNotFound("shardId-002147483648", "nope", "123456789012")},
		{name: "SplitShard letters, unknown stream", op: "SplitShard", call: split(nope, "ABKLFD8"),
			code: "ResourceNotFoundException", message: recorded.ShardNotFound("ABKLFD8", "nope", "123456789012")},
		{name: "SplitShard exponent, unknown stream", op: "SplitShard", call: split(nope, "2.14E4"),
			code: "ResourceNotFoundException", message: recorded.ShardNotFound("2.14E4", "nope", "123456789012")},
		{name: "SplitShard largest number, unknown stream", op: "SplitShard", call: split(nope, "a-00002147483647"),
			code: "ResourceNotFoundException", message: recorded.StreamNotFound("nope", "123456789012")},
		{name: "SplitShard short ID of no shard", op: "SplitShard", call: split(s, "shardId-5"),
			code: "ResourceNotFoundException", message: recorded.ShardNotFound("shardId-000000000005", "s", "123456789012")},
		// The number after the last '-' (issue 11): read after the first,
		// this ID would name no shard at all.
		{name: "SplitShard number after the last dash", op: "SplitShard", call: split(s, "my-shard-5"),
			code: "ResourceNotFoundException", message: recorded.ShardNotFound("shardId-000000000005", "s", "123456789012")},

		// MergeShards reads both IDs before it looks for the stream.
		{name: "MergeShards number beyond int, unknown stream", op: "MergeShards", call: merge(nope, "2147483648", "x-0"),
			code: "ResourceNotFoundException", message: recorded.ShardNotFound("2147483648", "nope", "123456789012")},
		{name: "MergeShards adjacent number beyond int, unknown stream", op: "MergeShards", call: merge(nope, "x-0", "shardId-002147483648"),
			code: "ResourceNotFoundException", message: recorded.ShardNotFound("shardId-002147483648", "nope", "123456789012")},
		{name: "MergeShards adjacent letters, unknown stream", op: "MergeShards", call: merge(nope, "x-0", "ABKLFD8"),
			code: "ResourceNotFoundException", message: recorded.ShardNotFound("ABKLFD8", "nope", "123456789012")},
		{name: "MergeShards largest numbers, unknown stream", op: "MergeShards", call: merge(nope, "-00002147483647", "x-0"),
			code: "ResourceNotFoundException", message: recorded.StreamNotFound("nope", "123456789012")},
		{name: "MergeShards short ID of no shard", op: "MergeShards", call: merge(s, "shardId-5", "x-0"),
			code: "ResourceNotFoundException", message: recorded.ShardNotFound("shardId-000000000005", "s", "123456789012")},
		{name: "MergeShards adjacent short ID of no shard", op: "MergeShards", call: merge(s, "x-0", "shardId-5"),
			code: "ResourceNotFoundException", message: recorded.ShardNotFound("shardId-000000000005", "s", "123456789012")},
		{name: "MergeShards shards not adjacent", op: "MergeShards", call: merge(s, "x-0", "y-2"),
			code: "InvalidArgumentException", message: recorded.NotAdjacent("shardId-000000000000", "shardId-000000000002", "s", "123456789012")},
		// ShardToMerge is the shard with the lower hash key range.
		{name: "MergeShards adjacent pair inverted", op: "MergeShards", call: merge(s, "x-1", "y-0"),
			code: "InvalidArgumentException", message: recorded.NotAdjacent("shardId-000000000001", "shardId-000000000000", "s", "123456789012")},

		// UpdateShardCount validates TargetShardCount before it looks for
		// the stream.
		{name: "UpdateShardCount target over 100000, unknown stream", op: "UpdateShardCount", call: func(c *Client, k API, _ *FakeClock) error {
			_, err := k.UpdateShardCount(ctx, &kinesis.UpdateShardCountInput{StreamName: nope, ScalingType: types.ScalingTypeUniformScaling, TargetShardCount: aws.Int32(100001)})
			return err
		}, code: "ValidationException", message: "1 validation error detected: Value '100001' at 'targetShardCount' failed to satisfy constraint: Member must have value less than or equal to 100000"},
	}}.run(t)
}

// lineageReader reads a stream as the Kinesis Client Library does: a shard
// is read once its parents have been read to their end, from TRIM_HORIZON
// to its own end (NextShardIterator nil) or, while it is open, to the tip.
type lineageReader struct {
	t         *testing.T
	c         API
	stream    string
	iterators map[string]*string // by shard, once reading has begun
	finished  map[string]bool
	got       map[string][]string // data by partition key, in the order read
}

// poll reads every shard that is ready as far as it goes now.
func (r *lineageReader) poll() {
	for {
		progressed := false
		out, err := r.c.ListShards(ctx, &kinesis.ListShardsInput{StreamName: aws.String(r.stream)})
		if err != nil {
			r.t.Fatal(err)
		}
		for _, sh := range out.Shards {
			id := *sh.ShardId
			if r.finished[id] || !r.parentsFinished(sh) {
				continue
			}
			if r.readShard(id) {
				progressed = true
			}
		}
		if !progressed {
			return
		}
	}
}

func (r *lineageReader) parentsFinished(sh types.Shard) bool {
	for _, p := range []*string{sh.ParentShardId, sh.AdjacentParentShardId} {
		if p != nil && !r.finished[*p] {
			return false
		}
	}
	return true
}

// readShard reads one shard to where it ends for now, and reports whether
// it read anything or finished the shard.
func (r *lineageReader) readShard(id string) bool {
	it := r.iterators[id]
	if it == nil {
		it = iterator(r.t, r.c, &kinesis.GetShardIteratorInput{StreamName: aws.String(r.stream), ShardId: aws.String(id), ShardIteratorType: types.ShardIteratorTypeTrimHorizon})
	}
	progressed := false
	for {
		out, err := r.c.GetRecords(ctx, &kinesis.GetRecordsInput{ShardIterator: it, Limit: aws.Int32(7)})
		if err != nil {
			r.t.Fatal(err)
		}
		for _, rec := range out.Records {
			r.got[*rec.PartitionKey] = append(r.got[*rec.PartitionKey], string(rec.Data))
			progressed = true
		}
		if out.NextShardIterator == nil {
			if len(out.ChildShards) == 0 {
				r.t.Fatalf("%s ended without ChildShards", id)
			}
			r.finished[id] = true
			return true
		}
		it = out.NextShardIterator
		r.iterators[id] = it
		if len(out.Records) == 0 {
			return progressed
		}
	}
}

// It runs in every mode (see inModes).
func TestLineageReaderReadsEveryRecordOnceAcrossReshards(t *testing.T) {
	inModes(t, []Option{WithDelays(Delays{UpdateStream: 10 * time.Second})}, lineageAcrossReshards)
}

func lineageAcrossReshards(t *testing.T, c *Client, k API, clock *FakeClock) {
	createStream(t, c, "s", 2)
	r := &lineageReader{t: t, c: k, stream: "s", iterators: map[string]*string{}, finished: map[string]bool{}, got: map[string][]string{}}
	want := map[string][]string{}
	const keys = 20
	for step := range 60 {
		for k := range keys {
			key := fmt.Sprint("key-", k)
			data := fmt.Sprint(step)
			put(t, c, "s", key, data)
			want[key] = append(want[key], data)
		}
		switch step {
		case 10: // split shard 0 at its middle: children 2 and 3
			if _, err := c.SplitShard(ctx, &kinesis.SplitShardInput{StreamName: aws.String("s"), ShardToSplit: aws.String("shardId-000000000000"), NewStartingHashKey: aws.String("85070591730234615865843651857942052864")}); err != nil {
				t.Fatal(err)
			}
		case 25: // merge the upper child with shard 1: child 4
			if _, err := c.MergeShards(ctx, &kinesis.MergeShardsInput{StreamName: aws.String("s"), ShardToMerge: aws.String("shardId-000000000003"), AdjacentShardToMerge: aws.String("shardId-000000000001")}); err != nil {
				t.Fatal(err)
			}
		case 40: // and scale the two open shards to three
			if _, err := c.UpdateShardCount(ctx, &kinesis.UpdateShardCountInput{StreamName: aws.String("s"), TargetShardCount: aws.Int32(3), ScalingType: types.ScalingTypeUniformScaling}); err != nil {
				t.Fatal(err)
			}
		}
		clock.Advance(time.Second)
		if step%3 == 0 {
			r.poll() // reading keeps pace, more or less, with the puts
		}
	}
	r.poll()
	if n := len(shardsOf(t, c, "s")); n < 8 {
		t.Fatalf("only %d shards: the reshards did not all happen", n)
	}
	for key, w := range want {
		if !cmp.Equal(r.got[key], w) {
			t.Errorf("%s: read %d records, want %d, each once and in order\n%s", key, len(r.got[key]), len(w), cmp.Diff(w, r.got[key]))
		}
	}
}

func TestASubscriptionEndsWithTheSplitShard(t *testing.T) {
	c, _ := newFake(t)
	createStream(t, c, "s", 1)
	stream := subscribe(t, c, register(t, c, "s", "app"), "shardId-000000000000", types.StartingPosition{Type: types.ShardIteratorTypeTrimHorizon})
	defer stream.Close()
	put(t, c, "s", "k", "parent")
	if _, err := c.SplitShard(ctx, &kinesis.SplitShardInput{StreamName: aws.String("s"), ShardToSplit: aws.String("0"), NewStartingHashKey: aws.String("1000")}); err != nil {
		t.Fatal(err)
	}
	var got []string
	var last types.SubscribeToShardEvent
	for {
		ev, ok := nextEvent(t, stream)
		if !ok {
			break
		}
		got = append(got, eventData(ev)...)
		last = ev
	}
	if !cmp.Equal(got, []string{"parent"}) || len(last.ChildShards) != 2 || last.ContinuationSequenceNumber != nil {
		t.Errorf("read %v, last event children %d, continuation %v", got, len(last.ChildShards), last.ContinuationSequenceNumber)
	}
}
