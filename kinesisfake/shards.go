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

// The shard operations: ListShards.

const listShardsMax = 1000 // shards ListShards returns at most

var listShardsOp = newOperation(smithy.NewOperationSchema(schemas.ListShards, schemas.ListShardsInput, schemas.ListShardsOutput), reads, callRate{1000, perStream}, (*Client).listShards,
	intMember("MaxResults", shapeLimit, func(in *kinesis.ListShardsInput) *int32 { return in.MaxResults }),
	stringMember("ExclusiveStartShardId", shapeShardID, func(in *kinesis.ListShardsInput) *string { return in.ExclusiveStartShardId }),
	structMember("ShardFilter", "ShardFilter", func(in *kinesis.ListShardsInput) *types.ShardFilter { return in.ShardFilter },
		required(enumMember("Type", func(in *types.ShardFilter) types.ShardFilterType { return in.Type })),
		stringMember("ShardId", shapeShardID, func(in *types.ShardFilter) *string { return in.ShardId }),
	),
	streamMembers(func(in *kinesis.ListShardsInput) (*string, *string, *string) {
		return in.StreamName, in.StreamARN, in.StreamId
	}),
	stringMember("NextToken", shapeNextToken, func(in *kinesis.ListShardsInput) *string { return in.NextToken }),
)

// ListShards lists a stream's shards in ID order, up to MaxResults (at most
// 1000) at a time, filtered by ShardFilter.
func (c *Client) ListShards(ctx context.Context, params *kinesis.ListShardsInput, optFns ...func(*kinesis.Options)) (*kinesis.ListShardsOutput, error) {
	return listShardsOp.call(ctx, c, params)
}

func (c *Client) listShards(in *kinesis.ListShardsInput, now time.Time) (*kinesis.ListShardsOutput, error) {
	var (
		s      *stream
		filter = in.ShardFilter
		after  string
	)
	if in.NextToken != nil {
		// The service's wording for each excluded combination (quoted from
		// production in public issues; StreamCreationTimestamp by analogy).
		for _, other := range []struct {
			name  string
			given bool
		}{
			{"StreamName", in.StreamName != nil},
			{"StreamARN", in.StreamARN != nil},
			{"ExclusiveStartShardId", in.ExclusiveStartShardId != nil},
			{"ShardFilter", in.ShardFilter != nil},
			{"StreamCreationTimestamp", in.StreamCreationTimestamp != nil},
		} {
			if other.given {
				return nil, invalidArgument("%s", recorded.NextTokenWith(other.name))
			}
		}
		t, err := c.parseToken(*in.NextToken, now)
		if err != nil {
			return nil, err
		}
		if s = c.lookupStream(t.Stream, now); s == nil || s.tag != t.Tag {
			return nil, c.streamNotFound(t.Stream)
		}
		filter, after = t.Filter, t.After
	} else {
		if in.StreamName == nil && in.StreamARN == nil {
			return nil, invalidArgument("Either NextToken or StreamName should be provided.")
		}
		var err error
		if s, err = c.resolveStream(in.StreamName, in.StreamARN, now); err != nil {
			return nil, err
		}
		// StreamCreationTimestamp is reported in whole seconds; an instant
		// within that second picks the same stream.
		if ts := in.StreamCreationTimestamp; ts != nil && !ts.Truncate(time.Second).Equal(s.created) {
			return nil, c.streamNotFound(s.name)
		}
		if in.ExclusiveStartShardId != nil {
			after = *in.ExclusiveStartShardId
		}
		if err := checkShardFilter(filter); err != nil {
			return nil, err
		}
	}

	if filter != nil && filter.Type == types.ShardFilterTypeAfterShardId && *filter.ShardId > after {
		after = *filter.ShardId
	}
	limit := pageLimit(in.MaxResults, listShardsMax)
	var shards []*shard
	more := false
	if s.showsShards(now) {
		shards, more = s.shardPage(after, limit, s.shardFilter(filter, now))
	}
	out := &kinesis.ListShardsOutput{Shards: shardList(shards)}
	if more {
		out.NextToken = ptr(c.newToken(pageToken{After: shards[limit-1].id, Stream: s.name, Tag: s.tag, Filter: filter}, now))
	}
	return out, nil
}

// checkShardFilter enforces what the API reference says each filter type
// needs and excludes.
func checkShardFilter(f *types.ShardFilter) error {
	if f == nil {
		return nil
	}
	switch f.Type {
	case types.ShardFilterTypeAfterShardId:
		if f.ShardId == nil {
			return invalidArgument("ShardId must be specified for ShardFilter type %s.", f.Type)
		}
	case types.ShardFilterTypeAtTimestamp, types.ShardFilterTypeFromTimestamp:
		if f.Timestamp == nil {
			return invalidArgument("Timestamp must be specified for ShardFilter type %s.", f.Type)
		}
	}
	if f.ShardId != nil && f.Type != types.ShardFilterTypeAfterShardId {
		return invalidArgument("ShardId can only be specified for ShardFilter type %s.", types.ShardFilterTypeAfterShardId)
	}
	if f.Timestamp != nil && f.Type != types.ShardFilterTypeAtTimestamp && f.Type != types.ShardFilterTypeFromTimestamp {
		return invalidArgument("Timestamp can only be specified for ShardFilter types %s and %s.", types.ShardFilterTypeAtTimestamp, types.ShardFilterTypeFromTimestamp)
	}
	return nil
}

// shardFilter is what a ShardFilter keeps of the live shards, as the API
// reference defines each type.
func (s *stream) shardFilter(f *types.ShardFilter, now time.Time) func(*shard) bool {
	live := func(sh *shard) bool { return s.live(sh, now) }
	if f == nil {
		return live
	}
	trimHorizon := now.Add(-s.retention())
	if trimHorizon.Before(s.created) {
		trimHorizon = s.created
	}
	var keep func(sh *shard) bool
	switch f.Type {
	case types.ShardFilterTypeAtLatest:
		keep = (*shard).open
	case types.ShardFilterTypeAtTrimHorizon:
		keep = func(sh *shard) bool { return sh.openAt(trimHorizon) }
	case types.ShardFilterTypeAtTimestamp:
		keep = func(sh *shard) bool { return sh.openAt(*f.Timestamp) }
	case types.ShardFilterTypeFromTimestamp:
		from := *f.Timestamp
		if from.Before(trimHorizon) {
			from = trimHorizon
		}
		keep = func(sh *shard) bool { return sh.open() || !sh.closed.Before(from) }
	default: // FROM_TRIM_HORIZON and AFTER_SHARD_ID list every live shard
		return live
	}
	return func(sh *shard) bool { return live(sh) && keep(sh) }
}

// openAt reports whether the shard was open at t: started at or before it, and
// still open or closed at or after it.
func (sh *shard) openAt(t time.Time) bool {
	return !sh.opened.After(t) && (sh.open() || !sh.closed.Before(t))
}
