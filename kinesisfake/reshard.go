package kinesisfake

import (
	"context"
	"time"

	"github.com/aws/aws-sdk-go-v2/service/kinesis"
	"github.com/aws/aws-sdk-go-v2/service/kinesis/schemas"
	"github.com/aws/aws-sdk-go-v2/service/kinesis/types"
	"github.com/aws/smithy-go"

	"github.com/streamfake/kinesis/internal/recorded"
)

// The resharding operations: SplitShard, MergeShards and UpdateShardCount.
// Each validates its request at once, puts the stream in UPDATING, and
// changes the shards when Delays.UpdateStream has passed on the clock: the
// parents close (records still readable to their end) and the children open
// and take new records.

const (
	maxShardsPerStream = 10000 // UpdateShardCount's per-stream ceiling
	scalingsPerDay     = 10    // UpdateShardCount calls per rolling 24 hours
	scalingWindow      = 24 * time.Hour
)

// shapeTargetShardCount is UpdateShardCount's TargetShardCount, which the
// service validates up to 100000 (kinesalite's updateShardCount tests
// against it), beyond the per-stream limit it then applies.
var shapeTargetShardCount = values(1, 100000)

var splitShardOp = newOperation(smithy.NewOperationSchema(schemas.SplitShard, schemas.SplitShardInput, nil), changes, callRate{5, perAccount}, (*Client).splitShard,
	required(naming(namesShard, stringMember("ShardToSplit", shapeShardID, func(in *kinesis.SplitShardInput) *string { return in.ShardToSplit }))),
	required(stringMember("NewStartingHashKey", shapeHashKey, func(in *kinesis.SplitShardInput) *string { return in.NewStartingHashKey })),
	streamMembers(func(in *kinesis.SplitShardInput) (*string, *string, *string) {
		return in.StreamName, in.StreamARN, in.StreamId
	}),
)

// SplitShard splits an open shard in two at NewStartingHashKey. The stream is
// UPDATING until Delays.UpdateStream has passed; then the shard closes and
// two children, each naming it as ParentShardId, take its hash key range.
func (c *Client) SplitShard(ctx context.Context, params *kinesis.SplitShardInput, optFns ...func(*kinesis.Options)) (*kinesis.SplitShardOutput, error) {
	return splitShardOp.call(ctx, c, params)
}

func (c *Client) splitShard(in *kinesis.SplitShardInput, now time.Time) (*kinesis.SplitShardOutput, error) {
	name, err := c.streamName(in.StreamName, in.StreamARN)
	if err != nil {
		return nil, err
	}
	index, err := c.shardIndex(name, *in.ShardToSplit)
	if err != nil {
		return nil, err
	}
	s := c.lookupStream(name, now)
	if s == nil {
		return nil, c.streamNotFound(name)
	}
	sh, err := c.reshardable(s, index, now)
	if err != nil {
		return nil, err
	}
	if err := c.checkShardLimit(1, now); err != nil {
		return nil, err
	}
	// The service's wording, recorded by kinesalite's tests against it.
	key, ok := parseHashKey(*in.NewStartingHashKey)
	if !ok || !sh.hashRange.start.next().less(key) || !key.less(sh.hashRange.end) {
		return nil, invalidArgument("%s", recorded.SplitKeyOutOfRange(*in.NewStartingHashKey, sh.id, s.name, c.accountID, sh.startingHashKey, sh.endingHashKey))
	}
	if err := c.checkUpdatable(s, now); err != nil {
		return nil, err
	}
	c.reshard(s, now, reshardPlan{op: reshardSplit, shard: sh.index, key: key})
	return &kinesis.SplitShardOutput{}, nil
}

var mergeShardsOp = newOperation(smithy.NewOperationSchema(schemas.MergeShards, schemas.MergeShardsInput, nil), changes, callRate{5, perAccount}, (*Client).mergeShards,
	required(naming(namesShard, stringMember("ShardToMerge", shapeShardID, func(in *kinesis.MergeShardsInput) *string { return in.ShardToMerge }))),
	required(stringMember("AdjacentShardToMerge", shapeShardID, func(in *kinesis.MergeShardsInput) *string { return in.AdjacentShardToMerge })),
	streamMembers(func(in *kinesis.MergeShardsInput) (*string, *string, *string) {
		return in.StreamName, in.StreamARN, in.StreamId
	}),
)

// MergeShards merges two open shards whose hash key ranges are contiguous.
// The stream is UPDATING until Delays.UpdateStream has passed; then both
// close and one child, naming them as ParentShardId and
// AdjacentParentShardId, takes their ranges.
func (c *Client) MergeShards(ctx context.Context, params *kinesis.MergeShardsInput, optFns ...func(*kinesis.Options)) (*kinesis.MergeShardsOutput, error) {
	return mergeShardsOp.call(ctx, c, params)
}

func (c *Client) mergeShards(in *kinesis.MergeShardsInput, now time.Time) (*kinesis.MergeShardsOutput, error) {
	name, err := c.streamName(in.StreamName, in.StreamARN)
	if err != nil {
		return nil, err
	}
	ia, err := c.shardIndex(name, *in.ShardToMerge)
	if err != nil {
		return nil, err
	}
	ib, err := c.shardIndex(name, *in.AdjacentShardToMerge)
	if err != nil {
		return nil, err
	}
	s := c.lookupStream(name, now)
	if s == nil {
		return nil, c.streamNotFound(name)
	}
	a, err := c.reshardable(s, ia, now)
	if err != nil {
		return nil, err
	}
	b, err := c.reshardable(s, ib, now)
	if err != nil {
		return nil, err
	}
	if !adjacent(a, b) {
		// ShardToMerge must be the shard with the lower hash key range: the
		// pair the other way round is refused too. The service's wording,
		// recorded by kinesalite's tests against it.
		return nil, invalidArgument("%s", recorded.NotAdjacent(a.id, b.id, s.name, c.accountID))
	}
	if err := c.checkUpdatable(s, now); err != nil {
		return nil, err
	}
	c.reshard(s, now, reshardPlan{op: reshardMerge, shard: a.index, adjacent: b.index})
	return &kinesis.MergeShardsOutput{}, nil
}

var updateShardCountOp = newOperation(smithy.NewOperationSchema(schemas.UpdateShardCount, schemas.UpdateShardCountInput, schemas.UpdateShardCountOutput), changes, callRate{10, perAccount}, (*Client).updateShardCount,
	required(intMember("TargetShardCount", shapeTargetShardCount, func(in *kinesis.UpdateShardCountInput) *int32 { return in.TargetShardCount })),
	required(enumMember("ScalingType", func(in *kinesis.UpdateShardCountInput) types.ScalingType { return in.ScalingType })),
	streamMembers(func(in *kinesis.UpdateShardCountInput) (*string, *string, *string) {
		return in.StreamName, in.StreamARN, in.StreamId
	}),
)

// UpdateShardCount scales a PROVISIONED stream to TargetShardCount shards of
// equal hash key ranges (UNIFORM_SCALING), within the service's limits: at
// most double or at least half the open shards, 10 scalings a day. When
// Delays.UpdateStream has passed, the open shards are split at the new
// boundaries and the pieces merged, so every new shard has a lineage of at
// most two parents, as the service's splits and merges give.
func (c *Client) UpdateShardCount(ctx context.Context, params *kinesis.UpdateShardCountInput, optFns ...func(*kinesis.Options)) (*kinesis.UpdateShardCountOutput, error) {
	return updateShardCountOp.call(ctx, c, params)
}

func (c *Client) updateShardCount(in *kinesis.UpdateShardCountInput, now time.Time) (*kinesis.UpdateShardCountOutput, error) {
	s, err := c.resolveStream(in.StreamName, in.StreamARN, now)
	if err != nil {
		return nil, err
	}
	if err := c.checkUpdatable(s, now); err != nil {
		return nil, err
	}
	open, target := len(s.open), int(*in.TargetShardCount)
	recent := s.scalings[:0]
	for _, t := range s.scalings {
		if now.Sub(t) < scalingWindow {
			recent = append(recent, t)
		}
	}
	s.scalings = recent
	// The service's wording, recorded by kinesalite's tests against it,
	// except for the daily and per-stream limits, whose wording is the fake's.
	switch {
	case c.usage(now).provisionedShards-open+target > c.limits.Shards:
		return nil, limitExceeded("%s", recorded.ShardLimit(c.limits.Shards, open, target))
	case target > 2*open:
		return nil, limitExceeded("%s", recorded.ScaleUpOverDouble(open, target))
	case 2*target < open:
		return nil, limitExceeded("%s", recorded.ScaleDownBelowHalf(open, target))
	case target > maxShardsPerStream:
		return nil, limitExceeded("UpdateShardCount cannot scale stream %s under account %s above %d shards.", s.name, c.accountID, maxShardsPerStream)
	case len(s.scalings) >= scalingsPerDay:
		return nil, limitExceeded("UpdateShardCount cannot scale stream %s under account %s more than %d times in 24 hours.", s.name, c.accountID, scalingsPerDay)
	}
	s.scalings = append(s.scalings, now)
	c.reshard(s, now, reshardPlan{op: reshardScale, target: target})
	return &kinesis.UpdateShardCountOutput{
		StreamName:        ptr(s.name),
		StreamARN:         ptr(s.arn),
		CurrentShardCount: ptr(int32(open)),
		TargetShardCount:  ptr(int32(target)),
	}, nil
}

// reshardable finds the open shard to split or merge at index, failing as
// the service does for one that does not exist, which it names in canonical
// form ("shardId-5" is "Could not find shard shardId-000000000005";
// kinesalite's tests against the service), or has closed.
func (e *engine) reshardable(s *stream, index int, now time.Time) (*shard, error) {
	if index >= len(s.shards) || !s.live(s.shards[index], now) {
		return nil, resourceNotFound("%s", recorded.ShardNotFound(shardID(index), s.name, e.accountID))
	}
	sh := s.shards[index]
	if !sh.open() {
		return nil, invalidArgument("%s", recorded.ShardAlreadyResharded(sh.id, s.name, e.accountID))
	}
	return sh, nil
}

// adjacent reports whether hi's range starts right after lo's ends.
func adjacent(lo, hi *shard) bool {
	return lo.hashRange.end.less(hi.hashRange.start) && lo.hashRange.end.next() == hi.hashRange.start
}

// checkUpdatable fails for a stream that cannot start a reshard: one that is
// not ACTIVE, or one in ON_DEMAND mode, whose shards the service manages.
func (e *engine) checkUpdatable(s *stream, now time.Time) error {
	if err := e.requireActive(s, now); err != nil {
		return err
	}
	if s.Mode == types.StreamModeOnDemand {
		return &types.ValidationException{Message: ptr(recorded.OnDemandCannotReshard(s.name, e.accountID))}
	}
	return nil
}
