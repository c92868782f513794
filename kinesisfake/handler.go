package kinesisfake

import (
	"errors"
	"fmt"
	"net/http"
	"strconv"
	"strings"

	"github.com/aws/aws-sdk-go-v2/service/kinesis/schemas"
	"github.com/aws/aws-sdk-go-v2/service/kinesis/types"
	"github.com/aws/smithy-go"

	"github.com/streamfake/kinesis/kinesisfake/internal/wire"
)

// Handler returns an http.Handler that serves the fake as the service
// does: POST with X-Amz-Target Kinesis_20131202.<Operation> and Content-Type
// application/x-amz-json-1.1 (the JSON 1.1 protocol) or
// application/x-amz-cbor-1.1 (CBOR, as the Java SDK and so the KCL send by
// default). Requests may be signed or not; signatures are not checked.
// Errors, malformed requests and CORS preflights are answered as the service
// answers them. With [WithRequestLog], it logs each request it serves.
func (c *Client) Handler() http.Handler {
	cfg := wire.Config{
		Operations:       c.wireOperations(),
		SubscribeToShard: c.SubscribeToShard,
		RequestID:        c.newRequestID,
		MaxLen:           collectionMaxLen,
		MissingMembers:   missingMembersMessage,
	}
	if c.requestLog != nil {
		cfg.Served, cfg.Now = c.logRequest, c.clock.Now
	}
	return wire.NewHandler(cfg)
}

// wireOperations are the operations the handler serves with one request
// and one response: all but SubscribeToShard.
func (c *Client) wireOperations() []wire.Operation {
	return []wire.Operation{
		wire.Unary(schemas.AddTagsToStream, schemas.AddTagsToStreamInput, nil, c.AddTagsToStream),
		wire.Unary(schemas.CreateChannel, schemas.CreateChannelInput, schemas.CreateChannelOutput, c.CreateChannel),
		wire.Unary(schemas.CreateStream, schemas.CreateStreamInput, nil, c.CreateStream),
		wire.Unary(schemas.DecreaseStreamRetentionPeriod, schemas.DecreaseStreamRetentionPeriodInput, nil, c.DecreaseStreamRetentionPeriod),
		wire.Unary(schemas.DeleteChannel, schemas.DeleteChannelInput, nil, c.DeleteChannel),
		wire.Unary(schemas.DeleteResourcePolicy, schemas.DeleteResourcePolicyInput, nil, c.DeleteResourcePolicy),
		wire.Unary(schemas.DeleteStream, schemas.DeleteStreamInput, nil, c.DeleteStream),
		wire.Unary(schemas.DeregisterStreamConsumer, schemas.DeregisterStreamConsumerInput, nil, c.DeregisterStreamConsumer),
		wire.Unary(schemas.DescribeAccountSettings, schemas.DescribeAccountSettingsInput, schemas.DescribeAccountSettingsOutput, c.DescribeAccountSettings),
		wire.Unary(schemas.DescribeChannel, schemas.DescribeChannelInput, schemas.DescribeChannelOutput, c.DescribeChannel),
		wire.Unary(schemas.DescribeLimits, schemas.DescribeLimitsInput, schemas.DescribeLimitsOutput, c.DescribeLimits),
		wire.Unary(schemas.DescribeStream, schemas.DescribeStreamInput, schemas.DescribeStreamOutput, c.DescribeStream),
		wire.Unary(schemas.DescribeStreamConsumer, schemas.DescribeStreamConsumerInput, schemas.DescribeStreamConsumerOutput, c.DescribeStreamConsumer),
		wire.Unary(schemas.DescribeStreamSummary, schemas.DescribeStreamSummaryInput, schemas.DescribeStreamSummaryOutput, c.DescribeStreamSummary),
		wire.Unary(schemas.DisableEnhancedMonitoring, schemas.DisableEnhancedMonitoringInput, schemas.EnhancedMonitoringOutput, c.DisableEnhancedMonitoring),
		wire.Unary(schemas.EnableEnhancedMonitoring, schemas.EnableEnhancedMonitoringInput, schemas.EnhancedMonitoringOutput, c.EnableEnhancedMonitoring),
		wire.Unary(schemas.GetRecords, schemas.GetRecordsInput, schemas.GetRecordsOutput, c.GetRecords),
		wire.Unary(schemas.GetResourcePolicy, schemas.GetResourcePolicyInput, schemas.GetResourcePolicyOutput, c.GetResourcePolicy),
		wire.Unary(schemas.GetShardIterator, schemas.GetShardIteratorInput, schemas.GetShardIteratorOutput, c.GetShardIterator),
		wire.Unary(schemas.IncreaseStreamRetentionPeriod, schemas.IncreaseStreamRetentionPeriodInput, nil, c.IncreaseStreamRetentionPeriod),
		wire.Unary(schemas.ListChannels, schemas.ListChannelsInput, schemas.ListChannelsOutput, c.ListChannels),
		wire.Unary(schemas.ListShards, schemas.ListShardsInput, schemas.ListShardsOutput, c.ListShards),
		wire.Unary(schemas.ListStreamConsumers, schemas.ListStreamConsumersInput, schemas.ListStreamConsumersOutput, c.ListStreamConsumers),
		wire.Unary(schemas.ListStreams, schemas.ListStreamsInput, schemas.ListStreamsOutput, c.ListStreams),
		wire.Unary(schemas.ListTagsForResource, schemas.ListTagsForResourceInput, schemas.ListTagsForResourceOutput, c.ListTagsForResource),
		wire.Unary(schemas.ListTagsForStream, schemas.ListTagsForStreamInput, schemas.ListTagsForStreamOutput, c.ListTagsForStream),
		wire.Unary(schemas.MergeShards, schemas.MergeShardsInput, nil, c.MergeShards),
		wire.Unary(schemas.PutRecord, schemas.PutRecordInput, schemas.PutRecordOutput, c.PutRecord),
		wire.Unary(schemas.PutRecords, schemas.PutRecordsInput, schemas.PutRecordsOutput, c.PutRecords),
		wire.Unary(schemas.PutResourcePolicy, schemas.PutResourcePolicyInput, nil, c.PutResourcePolicy),
		wire.Unary(schemas.RegisterStreamConsumer, schemas.RegisterStreamConsumerInput, schemas.RegisterStreamConsumerOutput, c.RegisterStreamConsumer),
		wire.Unary(schemas.RemoveTagsFromStream, schemas.RemoveTagsFromStreamInput, nil, c.RemoveTagsFromStream),
		wire.Unary(schemas.SplitShard, schemas.SplitShardInput, nil, c.SplitShard),
		wire.Unary(schemas.StartStreamEncryption, schemas.StartStreamEncryptionInput, nil, c.StartStreamEncryption),
		wire.Unary(schemas.StopStreamEncryption, schemas.StopStreamEncryptionInput, nil, c.StopStreamEncryption),
		wire.Unary(schemas.TagResource, schemas.TagResourceInput, nil, c.TagResource),
		wire.Unary(schemas.UntagResource, schemas.UntagResourceInput, nil, c.UntagResource),
		wire.Unary(schemas.UpdateAccountSettings, schemas.UpdateAccountSettingsInput, schemas.UpdateAccountSettingsOutput, c.UpdateAccountSettings),
		wire.Unary(schemas.UpdateChannel, schemas.UpdateChannelInput, schemas.UpdateChannelOutput, c.UpdateChannel),
		wire.Unary(schemas.UpdateMaxRecordSize, schemas.UpdateMaxRecordSizeInput, nil, c.UpdateMaxRecordSize),
		wire.Unary(schemas.UpdateShardCount, schemas.UpdateShardCountInput, schemas.UpdateShardCountOutput, c.UpdateShardCount),
		wire.Unary(schemas.UpdateStreamMode, schemas.UpdateStreamModeInput, nil, c.UpdateStreamMode),
		wire.Unary(schemas.UpdateStreamRecordDistributionStrategy, schemas.UpdateStreamRecordDistributionStrategyInput, nil, c.UpdateStreamRecordDistributionStrategy),
		wire.Unary(schemas.UpdateStreamWarmThroughput, schemas.UpdateStreamWarmThroughputInput, schemas.UpdateStreamWarmThroughputOutput, c.UpdateStreamWarmThroughput),
	}
}

// collectionShapes are the shapes of the lists and maps in inputs, by their
// model names: the wire keeps no more of one than its maximum lets
// validation report.
var collectionShapes = map[string]shape{
	"ChannelStreamConfigurationList": shapeChannelList,
	"MetricsNameList":                shapeMetricsNameList,
	"PartitionFieldList":             shapePartitionFields,
	"PutRecordsRequestEntryList":     shapeRecords,
	"S3TablesConfigurationList":      shapeChannelList,
	"StreamFilterList":               shapeChannelList,
	"TagKeyList":                     shapeTagKeyList,
	"TagMap":                         shapeTagMap,
}

// collectionMaxLen is the most elements the list or map shape of an input
// may hold, if it is one of collectionShapes.
func collectionMaxLen(shape string) (int, bool) {
	sh, ok := collectionShapes[shape]
	return int(sh.maxLen), ok
}

// missingMembersMessage words missing required members as the service's
// constraint check does.
func missingMembersMessage(invalid smithy.InvalidParamsError) string {
	var c checker
	for _, e := range invalid.Errs() {
		var p smithy.InvalidParamError
		if errors.As(e, &p) {
			c = c.add("Value null at '" + servicePath(p.Field()) + "' failed to satisfy constraint: Member must not be null")
		}
	}
	return c.err().(*types.ValidationException).ErrorMessage()
}

// servicePath turns the SDK's name for a member, PutRecordsInput.Records[0].Data,
// into the service's, records.1.member.data.
func servicePath(field string) string {
	_, field, _ = strings.Cut(field, ".")
	var b strings.Builder
	for part := range strings.SplitSeq(field, ".") {
		name, index, list := strings.Cut(part, "[")
		if b.Len() > 0 {
			b.WriteByte('.')
		}
		b.WriteString(wireName(name))
		if list {
			n, _ := strconv.Atoi(strings.TrimSuffix(index, "]"))
			fmt.Fprintf(&b, ".%d.member", n+1)
		}
	}
	return b.String()
}
