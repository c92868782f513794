package kinesisfake

import (
	"context"
	"maps"
	"time"

	"github.com/aws/aws-sdk-go-v2/service/kinesis"
	"github.com/aws/aws-sdk-go-v2/service/kinesis/schemas"
	"github.com/aws/aws-sdk-go-v2/service/kinesis/types"
	"github.com/aws/smithy-go"

	"github.com/streamfake/kinesis/internal/recorded"
)

// The stream operations: CreateStream, DeleteStream, DescribeStream,
// DescribeStreamSummary and ListStreams.

const (
	defaultRetentionHours   = 24
	defaultMaxRecordSizeKiB = 1024 // 1 MiB, until UpdateMaxRecordSize
	onDemandShards          = 4    // the shards an ON_DEMAND stream starts with
	describeStreamMax       = 100  // shards DescribeStream returns at most
	listStreamsMax          = 100  // streams ListStreams returns at most
)

var createStreamOp = newOperation(smithy.NewOperationSchema(schemas.CreateStream, schemas.CreateStreamInput, nil), changes, callRate{5, perAccount}, (*Client).createStream,
	intMember("ShardCount", shapePositive, func(in *kinesis.CreateStreamInput) *int32 { return in.ShardCount }),
	required(naming(namesStream, stringMember("StreamName", shapeStreamName, func(in *kinesis.CreateStreamInput) *string { return in.StreamName }))),
	structMember("StreamModeDetails", "StreamModeDetails", func(in *kinesis.CreateStreamInput) *types.StreamModeDetails { return in.StreamModeDetails },
		required(enumMember("StreamMode", func(in *types.StreamModeDetails) types.StreamMode { return in.StreamMode }))),
	tagsMember("Tags", func(in *kinesis.CreateStreamInput) map[string]string { return in.Tags }),
	intMember("WarmThroughputMiBps", shapeNatural, func(in *kinesis.CreateStreamInput) *int32 { return in.WarmThroughputMiBps }),
	intMember("MaxRecordSizeInKiB", shapeRecordSize, func(in *kinesis.CreateStreamInput) *int32 { return in.MaxRecordSizeInKiB }),
	enumMember("RecordDistributionStrategy", func(in *kinesis.CreateStreamInput) types.RecordDistributionStrategy {
		return in.RecordDistributionStrategy
	}),
)

// CreateStream creates a stream, CREATING until Delays.CreateStream has
// passed. A PROVISIONED stream (the default) has ShardCount shards; an
// ON_DEMAND one starts with 4.
func (c *Client) CreateStream(ctx context.Context, params *kinesis.CreateStreamInput, optFns ...func(*kinesis.Options)) (*kinesis.CreateStreamOutput, error) {
	return createStreamOp.call(ctx, c, params)
}

func (c *Client) createStream(in *kinesis.CreateStreamInput, now time.Time) (*kinesis.CreateStreamOutput, error) {
	// Without ShardCount or a mode the service creates an ON_DEMAND stream of
	// 4 shards (LocalStack's snapshot recorded against AWS, 2022).
	mode := types.StreamModeOnDemand
	if in.StreamModeDetails != nil {
		mode = in.StreamModeDetails.StreamMode
	} else if in.ShardCount != nil {
		mode = types.StreamModeProvisioned
	}
	shards := onDemandShards
	switch {
	case mode == types.StreamModeOnDemand && in.ShardCount != nil:
		// Wording as the service reports it through CloudFormation (aws-cdk#18247).
		return nil, invalidArgument("ShardCount is not expected when StreamMode=ON_DEMAND")
	case mode == types.StreamModeProvisioned && in.ShardCount == nil:
		return nil, invalidArgument("ShardCount is required when StreamMode=PROVISIONED")
	case mode == types.StreamModeProvisioned:
		shards = int(*in.ShardCount)
	}
	if in.RecordDistributionStrategy == types.RecordDistributionStrategyAuto && mode != types.StreamModeOnDemand {
		return nil, invalidArgument("RecordDistributionStrategy AUTO is only supported for streams in ON_DEMAND mode.")
	}
	if in.WarmThroughputMiBps != nil {
		if err := c.checkWarmThroughput(mode, *in.WarmThroughputMiBps, now); err != nil {
			return nil, err
		}
	}
	name := *in.StreamName
	if c.lookupStream(name, now) != nil {
		return nil, resourceInUse("%s", recorded.StreamExists(name, c.accountID))
	}
	if err := c.checkCreateLimits(mode, shards, now); err != nil {
		return nil, err
	}
	c.LastIncarnation++
	created := now.Truncate(time.Second).UTC() // the service reports whole seconds
	s := &stream{
		name:    name,
		arn:     c.streamARN(name),
		tag:     c.LastIncarnation,
		created: created,
		life:    born(now, c.delays.CreateStream),
		streamSettings: streamSettings{
			Mode:                       mode,
			RecordDistributionStrategy: in.RecordDistributionStrategy,
			RetentionPeriodHours:       defaultRetentionHours,
			MaxRecordSizeInKiB:         defaultMaxRecordSizeKiB,
			Tags:                       make(map[string]string, len(in.Tags)),
		},
		encryption:     types.EncryptionTypeNone,
		consumers:      map[string]*consumer{},
		consumerList:   newSortedSet(consumerOrder),
		consumerCensus: newCensus(),
	}
	if s.RecordDistributionStrategy == "" {
		s.RecordDistributionStrategy = types.RecordDistributionStrategyUserPartitionKey // the API reference's default
	}
	if err := c.checkNewTags(tagged{tags: s.Tags, stream: s, arn: s.arn}, in.Tags); err != nil {
		return nil, err
	}
	if in.MaxRecordSizeInKiB != nil {
		s.MaxRecordSizeInKiB = int(*in.MaxRecordSizeInKiB)
	}
	if in.WarmThroughputMiBps != nil {
		s.warm = warmThroughput(*in.WarmThroughputMiBps)
	}
	maps.Copy(s.Tags, in.Tags)
	shardsCreated := c.firstCreated(name, now)
	// The first shards open with the stream, at the creation time it
	// reports: they are the shards open at its TRIM_HORIZON.
	for _, r := range splitHashKeySpace(shards) {
		s.newShard(r, created, shardsCreated)
	}
	s.reroute(s.shards)
	c.addStream(s)
	return &kinesis.CreateStreamOutput{}, nil
}

// checkCreateLimits applies the account quotas to a new stream.
func (c *Client) checkCreateLimits(mode types.StreamMode, shards int, now time.Time) error {
	u := c.usage(now)
	switch {
	case u.creatingStreams >= c.limits.CreatingStreams:
		return limitExceeded("Account %s already has %d streams in CREATING state, the limit is %d.", c.accountID, u.creatingStreams, c.limits.CreatingStreams)
	case mode == types.StreamModeOnDemand && u.onDemandStreams >= c.limits.OnDemandStreams:
		return c.onDemandLimitExceeded(u)
	case mode == types.StreamModeProvisioned:
		return c.checkShardLimit(shards, now)
	}
	return nil
}

var deleteStreamOp = newOperation(smithy.NewOperationSchema(schemas.DeleteStream, schemas.DeleteStreamInput, nil), changes, callRate{5, perAccount}, (*Client).deleteStream,
	streamMembers(func(in *kinesis.DeleteStreamInput) (*string, *string, *string) {
		return in.StreamName, in.StreamARN, in.StreamId
	}))

// DeleteStream deletes a stream, DELETING until Delays.DeleteStream has
// passed. Its records can still be put and read while it is DELETING.
func (c *Client) DeleteStream(ctx context.Context, params *kinesis.DeleteStreamInput, optFns ...func(*kinesis.Options)) (*kinesis.DeleteStreamOutput, error) {
	return deleteStreamOp.call(ctx, c, params)
}

func (c *Client) deleteStream(in *kinesis.DeleteStreamInput, now time.Time) (*kinesis.DeleteStreamOutput, error) {
	s, err := c.resolveStream(in.StreamName, in.StreamARN, now)
	if err != nil {
		return nil, err
	}
	if c.streamChannels(s, now) > 0 {
		// The API reference says only that a stream with channels cannot be
		// deleted; the wording follows the consumers' message and is the fake's.
		return nil, resourceInUse("DeleteStream can\u2019t delete %s:%s because there are channels associated with this data stream. Delete the channels first.", c.accountID, s.name)
	}
	if c.streamQueues(s, now) > 0 {
		// "A stream that has queues cannot be deleted until every queue on
		// it is deleted with DeleteQueue, whatever this parameter is set
		// to" (EnforceConsumerDeletion's doc comment, v1.57.0). The
		// wording follows the consumers' message and is the fake's.
		return nil, resourceInUse("DeleteStream can\u2019t delete %s:%s because there are queues associated with this data stream. Delete the queues with DeleteQueue first.", c.accountID, s.name)
	}
	consumers := s.liveConsumers(now)
	if consumers.len() > 0 && (in.EnforceConsumerDeletion == nil || !*in.EnforceConsumerDeletion) {
		return nil, resourceInUse("%s", recorded.StreamHasConsumers(c.accountID, s.name))
	}
	// The service deletes a stream in any state, even CREATING (kinesalite's
	// tests, checked against it). Deleting again does not restart the clock.
	c.beginDeletion(s, now)
	return &kinesis.DeleteStreamOutput{}, nil
}

var describeStreamOp = newOperation(smithy.NewOperationSchema(schemas.DescribeStream, schemas.DescribeStreamInput, schemas.DescribeStreamOutput), reads, callRate{10, perAccount}, (*Client).describeStream,
	intMember("Limit", shapeLimit, func(in *kinesis.DescribeStreamInput) *int32 { return in.Limit }),
	stringMember("ExclusiveStartShardId", shapeShardID, func(in *kinesis.DescribeStreamInput) *string { return in.ExclusiveStartShardId }),
	streamMembers(func(in *kinesis.DescribeStreamInput) (*string, *string, *string) {
		return in.StreamName, in.StreamARN, in.StreamId
	}),
)

// DescribeStream describes a stream and up to Limit (at most 100) of its
// shards, starting after ExclusiveStartShardId.
func (c *Client) DescribeStream(ctx context.Context, params *kinesis.DescribeStreamInput, optFns ...func(*kinesis.Options)) (*kinesis.DescribeStreamOutput, error) {
	return describeStreamOp.call(ctx, c, params)
}

func (c *Client) describeStream(in *kinesis.DescribeStreamInput, now time.Time) (*kinesis.DescribeStreamOutput, error) {
	s, err := c.resolveStream(in.StreamName, in.StreamARN, now)
	if err != nil {
		return nil, err
	}
	limit := pageLimit(in.Limit, describeStreamMax)
	after := ""
	if in.ExclusiveStartShardId != nil {
		after = *in.ExclusiveStartShardId
	}
	var shards []*shard
	more := false
	if s.showsShards(now) {
		shards, more = s.shardPage(after, limit, func(sh *shard) bool { return s.live(sh, now) })
	}
	return &kinesis.DescribeStreamOutput{StreamDescription: &types.StreamDescription{
		StreamName:              ptr(s.name),
		StreamARN:               ptr(s.arn),
		StreamStatus:            s.status(now),
		StreamModeDetails:       &types.StreamModeDetails{StreamMode: s.Mode},
		StreamCreationTimestamp: ptr(s.created),
		RetentionPeriodHours:    ptr(int32(s.RetentionPeriodHours)),
		EnhancedMonitoring:      s.enhancedMonitoring(),
		EncryptionType:          s.encryption,
		KeyId:                   s.keyIDOrNil(),
		Shards:                  shardList(shards),
		HasMoreShards:           ptr(more),
	}}, nil
}

var describeStreamSummaryOp = newOperation(smithy.NewOperationSchema(schemas.DescribeStreamSummary, schemas.DescribeStreamSummaryInput, schemas.DescribeStreamSummaryOutput), reads, callRate{20, perAccount}, (*Client).describeStreamSummary,
	streamMembers(func(in *kinesis.DescribeStreamSummaryInput) (*string, *string, *string) {
		return in.StreamName, in.StreamARN, in.StreamId
	}))

// DescribeStreamSummary describes a stream without its shards.
func (c *Client) DescribeStreamSummary(ctx context.Context, params *kinesis.DescribeStreamSummaryInput, optFns ...func(*kinesis.Options)) (*kinesis.DescribeStreamSummaryOutput, error) {
	return describeStreamSummaryOp.call(ctx, c, params)
}

func (c *Client) describeStreamSummary(in *kinesis.DescribeStreamSummaryInput, now time.Time) (*kinesis.DescribeStreamSummaryOutput, error) {
	s, err := c.resolveStream(in.StreamName, in.StreamARN, now)
	if err != nil {
		return nil, err
	}
	open := 0
	if s.showsShards(now) {
		open = len(s.open)
	}
	return &kinesis.DescribeStreamSummaryOutput{StreamDescriptionSummary: &types.StreamDescriptionSummary{
		StreamName:                 ptr(s.name),
		StreamARN:                  ptr(s.arn),
		StreamStatus:               s.status(now),
		StreamModeDetails:          &types.StreamModeDetails{StreamMode: s.Mode},
		StreamCreationTimestamp:    ptr(s.created),
		RetentionPeriodHours:       ptr(int32(s.RetentionPeriodHours)),
		EnhancedMonitoring:         s.enhancedMonitoring(),
		EncryptionType:             s.encryption,
		KeyId:                      s.keyIDOrNil(),
		OpenShardCount:             ptr(int32(open)),
		ConsumerCount:              ptr(int32(s.liveConsumers(now).len())), // "Queues are not included in this count"
		QueueCount:                 ptr(int32(c.streamQueues(s, now))),
		ChannelCount:               ptr(int32(c.streamChannels(s, now))),
		MaxRecordSizeInKiB:         ptr(int32(s.MaxRecordSizeInKiB)),
		WarmThroughput:             copyWarmThroughput(s.warm),
		RecordDistributionStrategy: s.RecordDistributionStrategy,
	}}, nil
}

var listStreamsOp = newOperation(smithy.NewOperationSchema(schemas.ListStreams, schemas.ListStreamsInput, schemas.ListStreamsOutput), reads, callRate{5, perAccount}, (*Client).listStreams,
	intMember("Limit", shapeLimit, func(in *kinesis.ListStreamsInput) *int32 { return in.Limit }),
	stringMember("ExclusiveStartStreamName", shapeStreamName, func(in *kinesis.ListStreamsInput) *string { return in.ExclusiveStartStreamName }),
	stringMember("NextToken", shapeNextToken, func(in *kinesis.ListStreamsInput) *string { return in.NextToken }),
)

// ListStreams lists streams in name order, up to Limit (at most 100) at a
// time, after ExclusiveStartStreamName or from where NextToken left off.
func (c *Client) ListStreams(ctx context.Context, params *kinesis.ListStreamsInput, optFns ...func(*kinesis.Options)) (*kinesis.ListStreamsOutput, error) {
	return listStreamsOp.call(ctx, c, params)
}

func (c *Client) listStreams(in *kinesis.ListStreamsInput, now time.Time) (*kinesis.ListStreamsOutput, error) {
	after := ""
	if in.ExclusiveStartStreamName != nil {
		after = *in.ExclusiveStartStreamName
	}
	if in.NextToken != nil { // takes precedence over ExclusiveStartStreamName
		t, err := c.parseToken(*in.NextToken, now)
		if err != nil {
			return nil, err
		}
		after = t.After
	}
	limit := pageLimit(in.Limit, listStreamsMax)
	c.catchUp(now) // forget the streams that are gone
	var page []*stream
	for s := range c.index.names.from(func(s *stream) bool { return s.name > after }) {
		if len(page) > limit {
			break
		}
		page = append(page, s)
	}
	more := len(page) > limit
	if more {
		page = page[:limit]
	}
	out := &kinesis.ListStreamsOutput{
		StreamNames:     make([]string, len(page)),
		StreamSummaries: make([]types.StreamSummary, len(page)),
		HasMoreStreams:  ptr(more),
	}
	for i, s := range page {
		out.StreamNames[i] = s.name
		out.StreamSummaries[i] = types.StreamSummary{
			StreamName:              ptr(s.name),
			StreamARN:               ptr(s.arn),
			StreamStatus:            s.status(now),
			StreamModeDetails:       &types.StreamModeDetails{StreamMode: s.Mode},
			StreamCreationTimestamp: ptr(s.created),
		}
	}
	if more {
		out.NextToken = ptr(c.newToken(pageToken{After: page[len(page)-1].name}, now))
	}
	return out, nil
}
