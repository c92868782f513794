package conformance

import (
	"fmt"
	"math/big"
	"slices"
	"strings"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/kinesis"
	"github.com/aws/aws-sdk-go-v2/service/kinesis/types"

	"github.com/streamfake/kinesis/internal/recorded"
	"github.com/streamfake/kinesis/kinesisfake"
)

const (
	refSplitShard       = "API reference, SplitShard"
	refMergeShards      = "API reference, MergeShards"
	refUpdateShardCount = "API reference, UpdateShardCount"
	refChildShard       = "API reference, ChildShard"
	kinesaliteSplit     = "kinesalite test/splitShard.js"
	kinesaliteMerge     = "kinesalite test/mergeShards.js"
	kinesaliteUpdate    = "kinesalite test/updateShardCount.js"
)

// reshardScenarios are the scenarios of the resharding group.
func reshardScenarios() []Scenario {
	return slices.Concat(splitScenarios(), mergeScenarios(), updateShardCountScenarios(), lineageScenarios(), reshardFilterScenarios())
}

// splitMiddle splits the one shard of a new stream at the middle of the
// hash key space and returns the stream's name and shards then.
func (t *T) splitMiddle() (name string, shards []types.Shard) {
	t.Helper()
	name, _ = t.CreateStream(1)
	return name, t.SplitAndWait(name, shardName(0), new(big.Int).Rsh(maxHashKey, 1))
}

// openShardCount is DescribeStreamSummary's OpenShardCount.
func (t *T) openShardCount(name string) int32 {
	t.Helper()
	return aws.ToInt32(t.WaitForStream(name).OpenShardCount)
}

// wantRange checks a shard's hash key range.
func (t *T) wantRange(sh types.Shard, start, end *big.Int) {
	t.Helper()
	got := [2]string{aws.ToString(sh.HashKeyRange.StartingHashKey), aws.ToString(sh.HashKeyRange.EndingHashKey)}
	if want := [2]string{start.String(), end.String()}; got != want {
		t.Errorf("%s covers %v, want %v", aws.ToString(sh.ShardId), got, want)
	}
}

func splitScenarios() []Scenario {
	scenarios := []Scenario{
		{Group: "resharding", Name: "SplitShard closes the parent with an EndingSequenceNumber", Source: refSplitShard + "; " + refSequenceRange + " (\"Shards that are in the OPEN state have an ending sequence number of null\"); " + kinesaliteSplit + " 'should work with minimum hash'", Run: func(t *T) {
			name, _ := t.splitMiddle()
			out, err := t.K.DescribeStream(t.Ctx(), &kinesis.DescribeStreamInput{StreamName: aws.String(name)})
			t.NoError(err)
			d := out.StreamDescription
			if d.StreamStatus != types.StreamStatusActive || len(d.Shards) != 3 {
				t.Fatalf("stream %s with %d shards, want ACTIVE with the parent and two children", d.StreamStatus, len(d.Shards))
			}
			parent := t.ShardNamed(d.Shards, shardName(0))
			r := parent.SequenceNumberRange
			if r == nil || r.StartingSequenceNumber == nil || r.EndingSequenceNumber == nil {
				t.Fatalf("the split parent's SequenceNumberRange is %+v, want a start and an end", r)
			}
			if t.seqLess(r.EndingSequenceNumber, r.StartingSequenceNumber) {
				t.Errorf("the parent's range ends at %s, before its start %s", aws.ToString(r.EndingSequenceNumber), aws.ToString(r.StartingSequenceNumber))
			}
		}},
		{Group: "resharding", Name: "SplitShard opens two children naming the parent as ParentShardId", Source: refSplitShard + "; " + kinesaliteSplit + " 'should work with minimum hash'", Run: func(t *T) {
			_, shards := t.splitMiddle()
			for _, id := range []string{shardName(1), shardName(2)} {
				child := t.ShardNamed(shards, id)
				if got := aws.ToString(child.ParentShardId); got != shardName(0) || child.AdjacentParentShardId != nil || !shardOpen(child) {
					t.Errorf("%s: ParentShardId %q, AdjacentParentShardId %v, open %v; want %s, none, open", id, got, aws.ToString(child.AdjacentParentShardId), shardOpen(child), shardName(0))
				}
			}
		}},
		{Group: "resharding", Name: "SplitShard adds one open shard", Source: refSplitShard + "; API reference, DescribeStreamSummary (OpenShardCount)", Run: func(t *T) {
			name, _ := t.CreateStream(2)
			t.SplitAndWait(name, shardName(1), t.middle(t.ShardNamed(t.ListAllShards(name, nil), shardName(1))))
			if got := t.openShardCount(name); got != 3 {
				t.Fatalf("OpenShardCount %d after splitting one of 2 shards, want 3", got)
			}
		}},
		{Group: "resharding", Name: "SplitShard numbers the children after the stream's last shard", Source: refSplitShard + "; " + kinesaliteSplit + " and " + kinesaliteMerge + " (children take the next shard IDs)", Run: func(t *T) {
			name, _ := t.CreateStream(2)
			shards := t.SplitAndWait(name, shardName(1), t.middle(t.ShardNamed(t.ListAllShards(name, nil), shardName(1))))
			shards = t.SplitAndWait(name, shardName(0), t.middle(t.ShardNamed(shards, shardName(0))))
			want := []string{shardName(0), shardName(1), shardName(2), shardName(3), shardName(4), shardName(5)}
			if got := idsOf(shards); !slices.Equal(got, want) {
				t.Fatalf("shards %v, want %v", got, want)
			}
			for id, parent := range map[string]string{shardName(2): shardName(1), shardName(3): shardName(1), shardName(4): shardName(0), shardName(5): shardName(0)} {
				if got := aws.ToString(t.ShardNamed(shards, id).ParentShardId); got != parent {
					t.Errorf("%s has parent %s, want %s", id, got, parent)
				}
			}
		}},
		{Group: "resharding", Name: "SplitShard refuses a shard that has been split", Source: refSplitShard + " (ShardToSplit: an open shard; the service's message for a closed one is not on record)", Run: func(t *T) {
			name, _ := t.splitMiddle()
			_, err := t.K.SplitShard(t.Ctx(), &kinesis.SplitShardInput{StreamName: aws.String(name), ShardToSplit: aws.String(shardName(0)), NewStartingHashKey: aws.String("1000")})
			t.Refused(err, "SplitShard")
		}},
		{Group: "resharding", Name: "SplitShard refuses NewStartingHashKey not above StartingHashKey+1", Source: kinesaliteSplit + " 'should return InvalidArgumentException for hash too small'", Run: func(t *T) {
			name, streamARN := t.CreateStream(3)
			_, err := t.K.SplitShard(t.Ctx(), &kinesis.SplitShardInput{StreamName: aws.String(name), ShardToSplit: aws.String(shardName(0)), NewStartingHashKey: aws.String("1")})
			t.WantError(err, "SplitShard", "InvalidArgumentException", recorded.SplitKeyOutOfRange("1", "shardId-000000000000", name, t.Account(streamARN), "0", threeShardRanges[0][1]))
		}},
		{Group: "resharding", Name: "SplitShard refuses NewStartingHashKey at the shard's EndingHashKey", Source: kinesaliteSplit + " 'should return InvalidArgumentException for hash too big'", Run: func(t *T) {
			name, streamARN := t.CreateStream(3)
			end := threeShardRanges[0][1]
			_, err := t.K.SplitShard(t.Ctx(), &kinesis.SplitShardInput{StreamName: aws.String(name), ShardToSplit: aws.String(shardName(0)), NewStartingHashKey: aws.String(end)})
			t.WantError(err, "SplitShard", "InvalidArgumentException", recorded.SplitKeyOutOfRange(end, "shardId-000000000000", name, t.Account(streamARN), "0", end))
		}},
		{Group: "resharding", Name: "SplitShard refuses a shard the stream does not have", Source: kinesaliteSplit + " 'should return ResourceNotFoundException if known stream and raw shard ID does not exist' (recorded for shardId-5, which the message names in canonical form)", Run: func(t *T) {
			name, streamARN := t.CreateStream(3)
			_, err := t.K.SplitShard(t.Ctx(), &kinesis.SplitShardInput{StreamName: aws.String(name), ShardToSplit: aws.String(shardName(5)), NewStartingHashKey: aws.String("0")})
			t.WantError(err, "SplitShard", "ResourceNotFoundException", recorded.ShardNotFound("shardId-000000000005", name, t.Account(streamARN)))
		}},
	}
	for _, c := range []struct {
		name, source string
		key          func(t *T) *big.Int
	}{
		{"in the middle of its range", refSplitShard + " (NewStartingHashKey)", func(*T) *big.Int { return new(big.Int).Rsh(maxHashKey, 1) }},
		{"at the lowest key allowed, StartingHashKey+2", kinesaliteSplit + " 'should work with minimum hash'", func(*T) *big.Int { return big.NewInt(2) }},
	} {
		scenarios = append(scenarios, Scenario{Group: "resharding", Name: "SplitShard " + c.name + " divides the parent's range at NewStartingHashKey", Source: c.source, Run: func(t *T) {
			name, _ := t.CreateStream(1)
			key := c.key(t)
			shards := t.SplitAndWait(name, shardName(0), key)
			t.wantRange(t.ShardNamed(shards, shardName(0)), big.NewInt(0), maxHashKey)
			t.wantRange(t.ShardNamed(shards, shardName(1)), big.NewInt(0), new(big.Int).Sub(key, big.NewInt(1)))
			t.wantRange(t.ShardNamed(shards, shardName(2)), key, maxHashKey)
		}})
	}
	return scenarios
}

func mergeScenarios() []Scenario {
	merge := func(t *T, name, shard, adjacent string) error {
		_, err := t.K.MergeShards(t.Ctx(), &kinesis.MergeShardsInput{StreamName: aws.String(name), ShardToMerge: aws.String(shard), AdjacentShardToMerge: aws.String(adjacent)})
		return err
	}
	notAdjacent := func(t *T, name, streamARN, a, b string) string {
		return recorded.NotAdjacent(a, b, name, t.Account(streamARN))
	}
	return []Scenario{
		{Group: "resharding", Name: "MergeShards opens one child naming both parents, over both their ranges", Source: refMergeShards + "; " + kinesaliteMerge + " 'should work with standard merge'", Run: func(t *T) {
			name, _ := t.CreateStream(3)
			shards := t.MergeAndWait(name, shardName(0), shardName(1))
			if got, want := idsOf(shards), []string{shardName(0), shardName(1), shardName(2), shardName(3)}; !slices.Equal(got, want) {
				t.Fatalf("shards %v, want %v", got, want)
			}
			child := t.ShardNamed(shards, shardName(3))
			if aws.ToString(child.ParentShardId) != shardName(0) || aws.ToString(child.AdjacentParentShardId) != shardName(1) || !shardOpen(child) {
				t.Errorf("child: ParentShardId %v, AdjacentParentShardId %v, open %v; want %s, %s, open", aws.ToString(child.ParentShardId), aws.ToString(child.AdjacentParentShardId), shardOpen(child), shardName(0), shardName(1))
			}
			end, _ := new(big.Int).SetString(threeShardRanges[1][1], 10)
			t.wantRange(child, big.NewInt(0), end)
		}},
		{Group: "resharding", Name: "MergeShards closes both parents and leaves one open shard fewer", Source: refMergeShards + "; " + refSequenceRange + "; " + kinesaliteMerge + " 'should work with standard merge'", Run: func(t *T) {
			name, _ := t.CreateStream(3)
			shards := t.MergeAndWait(name, shardName(1), shardName(2))
			for _, id := range []string{shardName(1), shardName(2)} {
				if shardOpen(t.ShardNamed(shards, id)) {
					t.Errorf("merged parent %s has no EndingSequenceNumber", id)
				}
			}
			if !shardOpen(t.ShardNamed(shards, shardName(0))) {
				t.Errorf("%s, not merged, is closed", shardName(0))
			}
			if got := t.openShardCount(name); got != 2 {
				t.Errorf("OpenShardCount %d after merging two of 3 shards, want 2", got)
			}
		}},
		{Group: "resharding", Name: "MergeShards refuses shards that are not adjacent", Source: kinesaliteMerge + " 'should return InvalidArgumentException if shards not adjacent'", Run: func(t *T) {
			name, streamARN := t.CreateStream(3)
			t.WantError(merge(t, name, shardName(0), shardName(2)), "MergeShards", "InvalidArgumentException", notAdjacent(t, name, streamARN, shardName(0), shardName(2)))
		}},
		{Group: "resharding", Name: "MergeShards refuses an adjacent pair given higher range first", Source: kinesaliteMerge + " 'should return InvalidArgumentException if adjacency is inverted'", Run: func(t *T) {
			name, streamARN := t.CreateStream(3)
			t.WantError(merge(t, name, shardName(1), shardName(0)), "MergeShards", "InvalidArgumentException", notAdjacent(t, name, streamARN, shardName(1), shardName(0)))
		}},
		{Group: "resharding", Name: "MergeShards refuses a shard the stream does not have", Source: kinesaliteMerge + " 'should return ResourceNotFoundException if known stream and raw shard ID does not exist' (recorded for shardId-5, which the message names in canonical form)", Run: func(t *T) {
			name, streamARN := t.CreateStream(3)
			t.WantError(merge(t, name, shardName(5), shardName(0)), "MergeShards", "ResourceNotFoundException", recorded.ShardNotFound("shardId-000000000005", name, t.Account(streamARN)))
		}},
	}
}

func updateShardCountScenarios() []Scenario {
	var scenarios []Scenario
	for _, c := range []struct {
		verb     string
		from, to int32
		source   string
	}{
		{"doubles", 2, 4, kinesaliteUpdate + " 'should increase open stream shards to 4'"},
		{"halves", 4, 2, kinesaliteUpdate + " 'should decrease open stream shards to 2'"},
		{"scales", 2, 3, ""},
	} {
		source := refUpdateShardCount + " (ScalingType UNIFORM_SCALING: \"creates shards of equal size\"; the response)"
		if c.source != "" {
			source += "; " + c.source
		}
		scenarios = append(scenarios, Scenario{Group: "resharding", Name: fmt.Sprintf("UpdateShardCount %s %d open shards to %d of equal size", c.verb, c.from, c.to), Source: source, Run: func(t *T) {
			name, streamARN := t.CreateStream(c.from)
			out, err := t.K.UpdateShardCount(t.Ctx(), &kinesis.UpdateShardCountInput{StreamName: aws.String(name), TargetShardCount: aws.Int32(c.to), ScalingType: types.ScalingTypeUniformScaling})
			t.NoError(err)
			if aws.ToInt32(out.CurrentShardCount) != c.from || aws.ToInt32(out.TargetShardCount) != c.to || aws.ToString(out.StreamName) != name || aws.ToString(out.StreamARN) != streamARN {
				t.Errorf("answer: CurrentShardCount %d, TargetShardCount %d, StreamName %q, StreamARN %q; want %d, %d, %q, %q",
					aws.ToInt32(out.CurrentShardCount), aws.ToInt32(out.TargetShardCount), aws.ToString(out.StreamName), aws.ToString(out.StreamARN), c.from, c.to, name, streamARN)
			}
			if got := t.openShardCount(name); got != c.to {
				t.Errorf("OpenShardCount %d, want %d", got, c.to)
			}
			open := slices.DeleteFunc(t.ListAllShards(name, nil), func(sh types.Shard) bool { return !shardOpen(sh) })
			if len(open) != int(c.to) {
				t.Fatalf("%d open shards %v, want %d", len(open), idsOf(open), c.to)
			}
			t.WantCoverage(open)
			var smallest, largest *big.Int
			for _, sh := range open {
				size := new(big.Int).Sub(t.hashKey(sh.HashKeyRange.EndingHashKey), t.hashKey(sh.HashKeyRange.StartingHashKey))
				if smallest == nil || size.Cmp(smallest) < 0 {
					smallest = size
				}
				if largest == nil || size.Cmp(largest) > 0 {
					largest = size
				}
			}
			// Equal but for the remainder of dividing 2^128 among them.
			if new(big.Int).Sub(largest, smallest).Cmp(big.NewInt(int64(c.to))) > 0 {
				t.Errorf("open shards of sizes from %s to %s, want them equal", smallest, largest)
			}
		}})
	}
	return append(scenarios,
		Scenario{Group: "resharding", Name: "UpdateShardCount refuses more than double the open shards", Source: kinesaliteUpdate + " 'should return LimitExceededException if scaling above double open shards'", Run: func(t *T) {
			name, _ := t.CreateStream(2)
			_, err := t.K.UpdateShardCount(t.Ctx(), &kinesis.UpdateShardCountInput{StreamName: aws.String(name), TargetShardCount: aws.Int32(6), ScalingType: types.ScalingTypeUniformScaling})
			t.WantError(err, "UpdateShardCount", "LimitExceededException", recorded.ScaleUpOverDouble(2, 6))
		}},
		Scenario{Group: "resharding", Name: "UpdateShardCount refuses less than half the open shards", Source: kinesaliteUpdate + " 'should return LimitExceededException if scaling down below half open shards'", Run: func(t *T) {
			name, _ := t.CreateStream(6)
			_, err := t.K.UpdateShardCount(t.Ctx(), &kinesis.UpdateShardCountInput{StreamName: aws.String(name), TargetShardCount: aws.Int32(2), ScalingType: types.ScalingTypeUniformScaling})
			t.WantError(err, "UpdateShardCount", "LimitExceededException", recorded.ScaleDownBelowHalf(6, 2))
		}},
		Scenario{Group: "resharding", Name: "a second reshard while the stream is UPDATING is refused with ResourceInUseException", Source: refSplitShard + " (ResourceInUseException); " + kinesaliteSplit + " 'should work with minimum hash'", Run: func(t *T) {
			// A fake finishes a reshard at once unless told otherwise: give
			// it a second of UPDATING, time enough for the next call.
			t.UseDelays(kinesisfake.Delays{UpdateStream: time.Second})
			name, streamARN := t.CreateStream(1)
			split := func() error {
				_, err := t.K.SplitShard(t.Ctx(), &kinesis.SplitShardInput{StreamName: aws.String(name), ShardToSplit: aws.String(shardName(0)), NewStartingHashKey: aws.String("2")})
				return err
			}
			t.NoError(split())
			err := split()
			t.WaitForStream(name) // so that the stream can be deleted at the end
			t.WantError(err, "SplitShard", "ResourceInUseException", recorded.StreamNotActive(name, t.Account(streamARN), "UPDATING"))
		}},
	)
}

func lineageScenarios() []Scenario {
	return []Scenario{
		{Group: "resharding", Name: "records put before a split are read from the parent to its end", Source: refSplitShard + " (\"Read and write operations continue to work\"); " + refGetRecords + "; " + refSequenceRange, Run: func(t *T) {
			name, _ := t.CreateStream(1)
			puts := t.PutSerially(name, "k", "before", 4)
			shards := t.SplitAndWait(name, shardName(0), new(big.Int).Rsh(maxHashKey, 1))
			r := t.ReadToEnd(t.ShardIterator(name, shardName(0), types.ShardIteratorTypeTrimHorizon, nil, nil))
			t.WantRecords(r.records, puts)
			end := t.ShardNamed(shards, shardName(0)).SequenceNumberRange.EndingSequenceNumber
			if end == nil || t.seqLess(end, &puts[3].seq) {
				t.Errorf("the parent's EndingSequenceNumber %s is below its last record's %s", aws.ToString(end), puts[3].seq)
			}
		}},
		{Group: "resharding", Name: "reading a split parent to its end gives a null NextShardIterator and both children", Source: refGetRecords + " (NextShardIterator: \"If set to null, the shard has been closed\"; ChildShards); " + refChildShard, Run: func(t *T) {
			name, shards := t.splitMiddle()
			r := t.ReadToEnd(t.ShardIterator(name, shardName(0), types.ShardIteratorTypeTrimHorizon, nil, nil))
			if len(r.last.ChildShards) != 2 {
				t.Fatalf("ChildShards %+v, want the 2 children", r.last.ChildShards)
			}
			children := slices.Clone(r.last.ChildShards)
			slices.SortFunc(children, func(a, b types.ChildShard) int {
				return strings.Compare(aws.ToString(a.ShardId), aws.ToString(b.ShardId))
			})
			for i, ch := range children {
				id := shardName(i + 1)
				if aws.ToString(ch.ShardId) != id || !slices.Equal(ch.ParentShards, []string{shardName(0)}) {
					t.Errorf("child %d: %s of %v, want %s of [%s]", i, aws.ToString(ch.ShardId), ch.ParentShards, id, shardName(0))
				}
				listed := t.ShardNamed(shards, id).HashKeyRange
				if ch.HashKeyRange == nil || aws.ToString(ch.HashKeyRange.StartingHashKey) != aws.ToString(listed.StartingHashKey) || aws.ToString(ch.HashKeyRange.EndingHashKey) != aws.ToString(listed.EndingHashKey) {
					t.Errorf("child %s: HashKeyRange %+v, want the listed %+v", id, ch.HashKeyRange, listed)
				}
			}
		}},
		{Group: "resharding", Name: "reading either merged parent to its end names the merged child", Source: refGetRecords + " (ChildShards); " + refChildShard + " (ParentShards)", Run: func(t *T) {
			name, _ := t.CreateStream(2)
			t.MergeAndWait(name, shardName(0), shardName(1))
			for _, parent := range []string{shardName(0), shardName(1)} {
				r := t.ReadToEnd(t.ShardIterator(name, parent, types.ShardIteratorTypeTrimHorizon, nil, nil))
				if len(r.last.ChildShards) != 1 {
					t.Fatalf("%s: ChildShards %+v, want the merged child", parent, r.last.ChildShards)
				}
				ch := r.last.ChildShards[0]
				parents := slices.Sorted(slices.Values(ch.ParentShards))
				if aws.ToString(ch.ShardId) != shardName(2) || !slices.Equal(parents, []string{shardName(0), shardName(1)}) {
					t.Errorf("%s: child %s of %v, want %s of both parents", parent, aws.ToString(ch.ShardId), ch.ParentShards, shardName(2))
				}
			}
		}},
		{Group: "resharding", Name: "records put after a split go to the child that holds their hash key", Source: refSplitShard + "; " + refPutRecord + "; " + kinesaliteMerge + " (puts may reach the closed parent for a moment after the reshard)", Run: func(t *T) {
			name, _ := t.splitMiddle()
			for _, c := range []struct {
				key   *big.Int
				child string
			}{{big.NewInt(0), shardName(1)}, {maxHashKey, shardName(2)}} {
				var went written
				t.Eventually("a record to reach a child", func() (bool, error) {
					out := t.PutHashKey(name, c.key, []byte("after"))
					went = written{key: "k", data: "after", shard: aws.ToString(out.ShardId), seq: aws.ToString(out.SequenceNumber)}
					return went.shard != shardName(0), nil
				})
				if went.shard != c.child {
					t.Fatalf("hash key %s went to %s, want %s", c.key, went.shard, c.child)
				}
				t.WantRecords(t.ReadShard(name, c.child, 1), []written{went})
			}
		}},
	}
}

func reshardFilterScenarios() []Scenario {
	parent, children := []string{shardName(0)}, []string{shardName(1), shardName(2)}
	all := slices.Concat(parent, children)
	var scenarios []Scenario
	for _, c := range []struct {
		what   string
		filter *types.ShardFilter
		want   []string
	}{
		{"without a ShardFilter lists the parent and both children", nil, all},
		{"with ShardFilter AFTER_SHARD_ID of the parent lists its children", &types.ShardFilter{Type: types.ShardFilterTypeAfterShardId, ShardId: aws.String(shardName(0))}, children},
		{"with ShardFilter AT_LATEST lists only the open children", &types.ShardFilter{Type: types.ShardFilterTypeAtLatest}, children},
		{"with ShardFilter AT_TRIM_HORIZON lists only the parent", &types.ShardFilter{Type: types.ShardFilterTypeAtTrimHorizon}, parent},
		{"with ShardFilter FROM_TRIM_HORIZON lists the parent and both children", &types.ShardFilter{Type: types.ShardFilterTypeFromTrimHorizon}, all},
	} {
		source := refListShards
		if c.filter != nil {
			source = refShardFilter + " (" + string(c.filter.Type) + ")"
		}
		scenarios = append(scenarios, Scenario{Group: "resharding", Name: "after a split, ListShards " + c.what, Source: source, Run: func(t *T) {
			name, _ := t.splitMiddle()
			if got := idsOf(t.ListAllShards(name, c.filter)); !slices.Equal(got, c.want) {
				t.Fatalf("shards %v, want %v", got, c.want)
			}
		}})
	}
	return scenarios
}
