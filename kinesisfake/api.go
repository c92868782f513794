package kinesisfake

import (
	"context"

	"github.com/aws/aws-sdk-go-v2/service/kinesis"
)

// API is the method set of the SDK's *kinesis.Client, which *Client shares
// method for method. Code that takes an API works with either; most
// applications declare the smaller interface of the methods they call.
type API interface {
	// Options returns the client's configuration.
	Options() kinesis.Options
	AcknowledgeDeadLetterQueueRecords(ctx context.Context, params *kinesis.AcknowledgeDeadLetterQueueRecordsInput, optFns ...func(*kinesis.Options)) (*kinesis.AcknowledgeDeadLetterQueueRecordsOutput, error)
	AcknowledgeQueueRecords(ctx context.Context, params *kinesis.AcknowledgeQueueRecordsInput, optFns ...func(*kinesis.Options)) (*kinesis.AcknowledgeQueueRecordsOutput, error)
	AddTagsToStream(ctx context.Context, params *kinesis.AddTagsToStreamInput, optFns ...func(*kinesis.Options)) (*kinesis.AddTagsToStreamOutput, error)
	CreateChannel(ctx context.Context, params *kinesis.CreateChannelInput, optFns ...func(*kinesis.Options)) (*kinesis.CreateChannelOutput, error)
	CreateQueue(ctx context.Context, params *kinesis.CreateQueueInput, optFns ...func(*kinesis.Options)) (*kinesis.CreateQueueOutput, error)
	CreateStream(ctx context.Context, params *kinesis.CreateStreamInput, optFns ...func(*kinesis.Options)) (*kinesis.CreateStreamOutput, error)
	DecreaseStreamRetentionPeriod(ctx context.Context, params *kinesis.DecreaseStreamRetentionPeriodInput, optFns ...func(*kinesis.Options)) (*kinesis.DecreaseStreamRetentionPeriodOutput, error)
	DeleteChannel(ctx context.Context, params *kinesis.DeleteChannelInput, optFns ...func(*kinesis.Options)) (*kinesis.DeleteChannelOutput, error)
	DeleteQueue(ctx context.Context, params *kinesis.DeleteQueueInput, optFns ...func(*kinesis.Options)) (*kinesis.DeleteQueueOutput, error)
	DeleteResourcePolicy(ctx context.Context, params *kinesis.DeleteResourcePolicyInput, optFns ...func(*kinesis.Options)) (*kinesis.DeleteResourcePolicyOutput, error)
	DeleteStream(ctx context.Context, params *kinesis.DeleteStreamInput, optFns ...func(*kinesis.Options)) (*kinesis.DeleteStreamOutput, error)
	DeregisterStreamConsumer(ctx context.Context, params *kinesis.DeregisterStreamConsumerInput, optFns ...func(*kinesis.Options)) (*kinesis.DeregisterStreamConsumerOutput, error)
	DescribeAccountSettings(ctx context.Context, params *kinesis.DescribeAccountSettingsInput, optFns ...func(*kinesis.Options)) (*kinesis.DescribeAccountSettingsOutput, error)
	DescribeChannel(ctx context.Context, params *kinesis.DescribeChannelInput, optFns ...func(*kinesis.Options)) (*kinesis.DescribeChannelOutput, error)
	DescribeLimits(ctx context.Context, params *kinesis.DescribeLimitsInput, optFns ...func(*kinesis.Options)) (*kinesis.DescribeLimitsOutput, error)
	DescribeQueue(ctx context.Context, params *kinesis.DescribeQueueInput, optFns ...func(*kinesis.Options)) (*kinesis.DescribeQueueOutput, error)
	DescribeStream(ctx context.Context, params *kinesis.DescribeStreamInput, optFns ...func(*kinesis.Options)) (*kinesis.DescribeStreamOutput, error)
	DescribeStreamConsumer(ctx context.Context, params *kinesis.DescribeStreamConsumerInput, optFns ...func(*kinesis.Options)) (*kinesis.DescribeStreamConsumerOutput, error)
	DescribeStreamSummary(ctx context.Context, params *kinesis.DescribeStreamSummaryInput, optFns ...func(*kinesis.Options)) (*kinesis.DescribeStreamSummaryOutput, error)
	DisableEnhancedMonitoring(ctx context.Context, params *kinesis.DisableEnhancedMonitoringInput, optFns ...func(*kinesis.Options)) (*kinesis.DisableEnhancedMonitoringOutput, error)
	EnableEnhancedMonitoring(ctx context.Context, params *kinesis.EnableEnhancedMonitoringInput, optFns ...func(*kinesis.Options)) (*kinesis.EnableEnhancedMonitoringOutput, error)
	GetRecords(ctx context.Context, params *kinesis.GetRecordsInput, optFns ...func(*kinesis.Options)) (*kinesis.GetRecordsOutput, error)
	GetResourcePolicy(ctx context.Context, params *kinesis.GetResourcePolicyInput, optFns ...func(*kinesis.Options)) (*kinesis.GetResourcePolicyOutput, error)
	GetShardIterator(ctx context.Context, params *kinesis.GetShardIteratorInput, optFns ...func(*kinesis.Options)) (*kinesis.GetShardIteratorOutput, error)
	IncreaseStreamRetentionPeriod(ctx context.Context, params *kinesis.IncreaseStreamRetentionPeriodInput, optFns ...func(*kinesis.Options)) (*kinesis.IncreaseStreamRetentionPeriodOutput, error)
	ListChannels(ctx context.Context, params *kinesis.ListChannelsInput, optFns ...func(*kinesis.Options)) (*kinesis.ListChannelsOutput, error)
	ListQueues(ctx context.Context, params *kinesis.ListQueuesInput, optFns ...func(*kinesis.Options)) (*kinesis.ListQueuesOutput, error)
	ListShards(ctx context.Context, params *kinesis.ListShardsInput, optFns ...func(*kinesis.Options)) (*kinesis.ListShardsOutput, error)
	ListStreamConsumers(ctx context.Context, params *kinesis.ListStreamConsumersInput, optFns ...func(*kinesis.Options)) (*kinesis.ListStreamConsumersOutput, error)
	ListStreams(ctx context.Context, params *kinesis.ListStreamsInput, optFns ...func(*kinesis.Options)) (*kinesis.ListStreamsOutput, error)
	ListTagsForResource(ctx context.Context, params *kinesis.ListTagsForResourceInput, optFns ...func(*kinesis.Options)) (*kinesis.ListTagsForResourceOutput, error)
	ListTagsForStream(ctx context.Context, params *kinesis.ListTagsForStreamInput, optFns ...func(*kinesis.Options)) (*kinesis.ListTagsForStreamOutput, error)
	MergeShards(ctx context.Context, params *kinesis.MergeShardsInput, optFns ...func(*kinesis.Options)) (*kinesis.MergeShardsOutput, error)
	PutRecord(ctx context.Context, params *kinesis.PutRecordInput, optFns ...func(*kinesis.Options)) (*kinesis.PutRecordOutput, error)
	PutRecords(ctx context.Context, params *kinesis.PutRecordsInput, optFns ...func(*kinesis.Options)) (*kinesis.PutRecordsOutput, error)
	PutResourcePolicy(ctx context.Context, params *kinesis.PutResourcePolicyInput, optFns ...func(*kinesis.Options)) (*kinesis.PutResourcePolicyOutput, error)
	ReceiveDeadLetterQueueRecords(ctx context.Context, params *kinesis.ReceiveDeadLetterQueueRecordsInput, optFns ...func(*kinesis.Options)) (*kinesis.ReceiveDeadLetterQueueRecordsOutput, error)
	ReceiveQueueRecords(ctx context.Context, params *kinesis.ReceiveQueueRecordsInput, optFns ...func(*kinesis.Options)) (*kinesis.ReceiveQueueRecordsOutput, error)
	RegisterStreamConsumer(ctx context.Context, params *kinesis.RegisterStreamConsumerInput, optFns ...func(*kinesis.Options)) (*kinesis.RegisterStreamConsumerOutput, error)
	RemoveTagsFromStream(ctx context.Context, params *kinesis.RemoveTagsFromStreamInput, optFns ...func(*kinesis.Options)) (*kinesis.RemoveTagsFromStreamOutput, error)
	RestoreDeadLetterQueueRecords(ctx context.Context, params *kinesis.RestoreDeadLetterQueueRecordsInput, optFns ...func(*kinesis.Options)) (*kinesis.RestoreDeadLetterQueueRecordsOutput, error)
	SplitShard(ctx context.Context, params *kinesis.SplitShardInput, optFns ...func(*kinesis.Options)) (*kinesis.SplitShardOutput, error)
	StartStreamEncryption(ctx context.Context, params *kinesis.StartStreamEncryptionInput, optFns ...func(*kinesis.Options)) (*kinesis.StartStreamEncryptionOutput, error)
	StopStreamEncryption(ctx context.Context, params *kinesis.StopStreamEncryptionInput, optFns ...func(*kinesis.Options)) (*kinesis.StopStreamEncryptionOutput, error)
	SubscribeToShard(ctx context.Context, params *kinesis.SubscribeToShardInput, optFns ...func(*kinesis.Options)) (*kinesis.SubscribeToShardOutput, error)
	TagResource(ctx context.Context, params *kinesis.TagResourceInput, optFns ...func(*kinesis.Options)) (*kinesis.TagResourceOutput, error)
	UntagResource(ctx context.Context, params *kinesis.UntagResourceInput, optFns ...func(*kinesis.Options)) (*kinesis.UntagResourceOutput, error)
	UpdateAccountSettings(ctx context.Context, params *kinesis.UpdateAccountSettingsInput, optFns ...func(*kinesis.Options)) (*kinesis.UpdateAccountSettingsOutput, error)
	UpdateChannel(ctx context.Context, params *kinesis.UpdateChannelInput, optFns ...func(*kinesis.Options)) (*kinesis.UpdateChannelOutput, error)
	UpdateDeadLetterQueueRecordsVisibility(ctx context.Context, params *kinesis.UpdateDeadLetterQueueRecordsVisibilityInput, optFns ...func(*kinesis.Options)) (*kinesis.UpdateDeadLetterQueueRecordsVisibilityOutput, error)
	UpdateMaxRecordSize(ctx context.Context, params *kinesis.UpdateMaxRecordSizeInput, optFns ...func(*kinesis.Options)) (*kinesis.UpdateMaxRecordSizeOutput, error)
	UpdateQueue(ctx context.Context, params *kinesis.UpdateQueueInput, optFns ...func(*kinesis.Options)) (*kinesis.UpdateQueueOutput, error)
	UpdateQueueRecordsVisibility(ctx context.Context, params *kinesis.UpdateQueueRecordsVisibilityInput, optFns ...func(*kinesis.Options)) (*kinesis.UpdateQueueRecordsVisibilityOutput, error)
	UpdateShardCount(ctx context.Context, params *kinesis.UpdateShardCountInput, optFns ...func(*kinesis.Options)) (*kinesis.UpdateShardCountOutput, error)
	UpdateStreamMode(ctx context.Context, params *kinesis.UpdateStreamModeInput, optFns ...func(*kinesis.Options)) (*kinesis.UpdateStreamModeOutput, error)
	UpdateStreamRecordDistributionStrategy(ctx context.Context, params *kinesis.UpdateStreamRecordDistributionStrategyInput, optFns ...func(*kinesis.Options)) (*kinesis.UpdateStreamRecordDistributionStrategyOutput, error)
	UpdateStreamWarmThroughput(ctx context.Context, params *kinesis.UpdateStreamWarmThroughputInput, optFns ...func(*kinesis.Options)) (*kinesis.UpdateStreamWarmThroughputOutput, error)
}

var (
	_ API = (*kinesis.Client)(nil)
	_ API = (*Client)(nil)
)

// operations are the operations the fake serves, one for each method of API
// but Options: the one list the wire, call rates, persistence and the
// request log derive theirs from. TestOperationsMatchAPI keeps it in step
// with API.
var operations = []registered{
	acknowledgeDeadLetterQueueRecordsOp,
	acknowledgeQueueRecordsOp,
	addTagsToStreamOp,
	createChannelOp,
	createQueueOp,
	createStreamOp,
	decreaseStreamRetentionPeriodOp,
	deleteChannelOp,
	deleteQueueOp,
	deleteResourcePolicyOp,
	deleteStreamOp,
	deregisterStreamConsumerOp,
	describeAccountSettingsOp,
	describeChannelOp,
	describeLimitsOp,
	describeQueueOp,
	describeStreamConsumerOp,
	describeStreamOp,
	describeStreamSummaryOp,
	disableEnhancedMonitoringOp,
	enableEnhancedMonitoringOp,
	getRecordsOp,
	getResourcePolicyOp,
	getShardIteratorOp,
	increaseStreamRetentionPeriodOp,
	listChannelsOp,
	listQueuesOp,
	listShardsOp,
	listStreamConsumersOp,
	listStreamsOp,
	listTagsForResourceOp,
	listTagsForStreamOp,
	mergeShardsOp,
	putRecordOp,
	putRecordsOp,
	putResourcePolicyOp,
	receiveDeadLetterQueueRecordsOp,
	receiveQueueRecordsOp,
	registerStreamConsumerOp,
	removeTagsFromStreamOp,
	restoreDeadLetterQueueRecordsOp,
	splitShardOp,
	startStreamEncryptionOp,
	stopStreamEncryptionOp,
	subscribeToShardOp,
	tagResourceOp,
	untagResourceOp,
	updateAccountSettingsOp,
	updateChannelOp,
	updateDeadLetterQueueRecordsVisibilityOp,
	updateMaxRecordSizeOp,
	updateQueueOp,
	updateQueueRecordsVisibilityOp,
	updateShardCountOp,
	updateStreamModeOp,
	updateStreamRecordDistributionStrategyOp,
	updateStreamWarmThroughputOp,
}

// operationNamed is the operation of that name, or nil.
func operationNamed(name string) registered {
	for _, op := range operations {
		if op.name() == name {
			return op
		}
	}
	return nil
}
