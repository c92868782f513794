package kinesisfake

import (
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/kinesis"
	"github.com/aws/aws-sdk-go-v2/service/kinesis/types"
	"github.com/google/go-cmp/cmp"
)

// A scenario touching every family of operations runs on fakes that start
// alike, in every mode (see inModes), each beside one called directly.
// Every output agrees, field for field: the wire loses
// nothing the API carries (timestamps are milliseconds at most, which
// JSON's epoch seconds and CBOR's epoch milliseconds keep), and iterators
// and tokens, made the same way from the same history, come out the same.
func TestDirectAndWireAgree(t *testing.T) {
	type step struct {
		name string
		run  func(k API, clock *FakeClock) (any, error)
	}
	streamARN := "arn:aws:kinesis:us-east-1:123456789012:stream/s"
	var consumerARN, iteratorOf func(k API) *string
	consumerARN = func(k API) *string {
		out, err := k.DescribeStreamConsumer(ctx, &kinesis.DescribeStreamConsumerInput{StreamARN: aws.String(streamARN), ConsumerName: aws.String("app")})
		if err != nil {
			t.Fatal(err)
		}
		return out.ConsumerDescription.ConsumerARN
	}
	iteratorOf = func(k API) *string {
		out, err := k.GetShardIterator(ctx, &kinesis.GetShardIteratorInput{StreamName: aws.String("s"), ShardId: aws.String("0"), ShardIteratorType: types.ShardIteratorTypeTrimHorizon})
		if err != nil {
			t.Fatal(err)
		}
		return out.ShardIterator
	}
	steps := []step{
		{"CreateStream", func(k API, _ *FakeClock) (any, error) {
			return k.CreateStream(ctx, &kinesis.CreateStreamInput{StreamName: aws.String("s"), ShardCount: aws.Int32(2), Tags: map[string]string{"team": "data"}})
		}},
		{"DescribeStream", func(k API, _ *FakeClock) (any, error) {
			return k.DescribeStream(ctx, &kinesis.DescribeStreamInput{StreamName: aws.String("s")})
		}},
		{"PutRecord", func(k API, clock *FakeClock) (any, error) {
			clock.Advance(1234 * time.Millisecond)
			return k.PutRecord(ctx, &kinesis.PutRecordInput{StreamName: aws.String("s"), PartitionKey: aws.String("a"), Data: []byte{0, 1, 2, 254, 255}})
		}},
		{"PutRecords", func(k API, _ *FakeClock) (any, error) {
			return k.PutRecords(ctx, &kinesis.PutRecordsInput{StreamARN: aws.String(streamARN), Records: []types.PutRecordsRequestEntry{
				{PartitionKey: aws.String("a"), Data: []byte("one")},
				{PartitionKey: aws.String("b"), Data: []byte("two"), ExplicitHashKey: aws.String("1")},
			}})
		}},
		{"GetShardIterator", func(k API, _ *FakeClock) (any, error) {
			return k.GetShardIterator(ctx, &kinesis.GetShardIteratorInput{StreamName: aws.String("s"), ShardId: aws.String("0"), ShardIteratorType: types.ShardIteratorTypeAtTimestamp, Timestamp: aws.Time(epoch)})
		}},
		{"GetRecords", func(k API, _ *FakeClock) (any, error) {
			return k.GetRecords(ctx, &kinesis.GetRecordsInput{ShardIterator: iteratorOf(k), Limit: aws.Int32(2)})
		}},
		{"ListShards", func(k API, _ *FakeClock) (any, error) {
			return k.ListShards(ctx, &kinesis.ListShardsInput{StreamName: aws.String("s"), MaxResults: aws.Int32(1), ShardFilter: &types.ShardFilter{Type: types.ShardFilterTypeAtTimestamp, Timestamp: aws.Time(epoch.Add(time.Second))}})
		}},
		{"ListStreams", func(k API, _ *FakeClock) (any, error) { return k.ListStreams(ctx, &kinesis.ListStreamsInput{}) }},
		{"AddTagsToStream", func(k API, _ *FakeClock) (any, error) {
			return k.AddTagsToStream(ctx, &kinesis.AddTagsToStreamInput{StreamName: aws.String("s"), Tags: map[string]string{"env": "test"}})
		}},
		{"ListTagsForStream", func(k API, _ *FakeClock) (any, error) {
			return k.ListTagsForStream(ctx, &kinesis.ListTagsForStreamInput{StreamName: aws.String("s")})
		}},
		{"RegisterStreamConsumer", func(k API, _ *FakeClock) (any, error) {
			return k.RegisterStreamConsumer(ctx, &kinesis.RegisterStreamConsumerInput{StreamARN: aws.String(streamARN), ConsumerName: aws.String("app"), Tags: map[string]string{"owner": "me"}})
		}},
		{"ListStreamConsumers", func(k API, _ *FakeClock) (any, error) {
			return k.ListStreamConsumers(ctx, &kinesis.ListStreamConsumersInput{StreamARN: aws.String(streamARN)})
		}},
		{"ListTagsForResource", func(k API, _ *FakeClock) (any, error) {
			return k.ListTagsForResource(ctx, &kinesis.ListTagsForResourceInput{ResourceARN: consumerARN(k)})
		}},
		{"PutResourcePolicy", func(k API, _ *FakeClock) (any, error) {
			return k.PutResourcePolicy(ctx, &kinesis.PutResourcePolicyInput{ResourceARN: aws.String(streamARN), Policy: aws.String(`{"Version":"2012-10-17"}`)})
		}},
		{"GetResourcePolicy", func(k API, _ *FakeClock) (any, error) {
			return k.GetResourcePolicy(ctx, &kinesis.GetResourcePolicyInput{ResourceARN: aws.String(streamARN)})
		}},
		{"IncreaseStreamRetentionPeriod", func(k API, _ *FakeClock) (any, error) {
			return k.IncreaseStreamRetentionPeriod(ctx, &kinesis.IncreaseStreamRetentionPeriodInput{StreamName: aws.String("s"), RetentionPeriodHours: aws.Int32(48)})
		}},
		{"EnableEnhancedMonitoring", func(k API, _ *FakeClock) (any, error) {
			return k.EnableEnhancedMonitoring(ctx, &kinesis.EnableEnhancedMonitoringInput{StreamName: aws.String("s"), ShardLevelMetrics: []types.MetricsName{types.MetricsNameAll}})
		}},
		{"StartStreamEncryption", func(k API, _ *FakeClock) (any, error) {
			return k.StartStreamEncryption(ctx, &kinesis.StartStreamEncryptionInput{StreamName: aws.String("s"), EncryptionType: types.EncryptionTypeKms, KeyId: aws.String("alias/aws/kinesis")})
		}},
		{"SplitShard", func(k API, _ *FakeClock) (any, error) {
			return k.SplitShard(ctx, &kinesis.SplitShardInput{StreamName: aws.String("s"), ShardToSplit: aws.String("shardId-000000000000"), NewStartingHashKey: aws.String("1000")})
		}},
		{"MergeShards", func(k API, _ *FakeClock) (any, error) {
			return k.MergeShards(ctx, &kinesis.MergeShardsInput{StreamName: aws.String("s"), ShardToMerge: aws.String("shardId-000000000002"), AdjacentShardToMerge: aws.String("shardId-000000000003")})
		}},
		{"UpdateShardCount", func(k API, _ *FakeClock) (any, error) {
			return k.UpdateShardCount(ctx, &kinesis.UpdateShardCountInput{StreamName: aws.String("s"), TargetShardCount: aws.Int32(3), ScalingType: types.ScalingTypeUniformScaling})
		}},
		{"DescribeStreamSummary", func(k API, _ *FakeClock) (any, error) {
			return k.DescribeStreamSummary(ctx, &kinesis.DescribeStreamSummaryInput{StreamName: aws.String("s")})
		}},
		{"DescribeLimits", func(k API, _ *FakeClock) (any, error) { return k.DescribeLimits(ctx, &kinesis.DescribeLimitsInput{}) }},
		{"UpdateAccountSettings", func(k API, _ *FakeClock) (any, error) {
			return k.UpdateAccountSettings(ctx, &kinesis.UpdateAccountSettingsInput{MinimumThroughputBillingCommitment: &types.MinimumThroughputBillingCommitmentInput{Status: types.MinimumThroughputBillingCommitmentInputStatusEnabled}})
		}},
		{"DescribeAccountSettings", func(k API, _ *FakeClock) (any, error) {
			return k.DescribeAccountSettings(ctx, &kinesis.DescribeAccountSettingsInput{})
		}},
		{"CreateStream on demand", func(k API, _ *FakeClock) (any, error) {
			return k.CreateStream(ctx, &kinesis.CreateStreamInput{StreamName: aws.String("od"), WarmThroughputMiBps: aws.Int32(10)})
		}},
		{"CreateChannel", func(k API, _ *FakeClock) (any, error) {
			return k.CreateChannel(ctx, s3ChannelInput("ch", "od"))
		}},
		{"ListChannels", func(k API, _ *FakeClock) (any, error) { return k.ListChannels(ctx, &kinesis.ListChannelsInput{}) }},
		{"DeregisterStreamConsumer", func(k API, _ *FakeClock) (any, error) {
			return k.DeregisterStreamConsumer(ctx, &kinesis.DeregisterStreamConsumerInput{ConsumerARN: consumerARN(k)})
		}},
		{"DeleteStream", func(k API, _ *FakeClock) (any, error) {
			return k.DeleteStream(ctx, &kinesis.DeleteStreamInput{StreamName: aws.String("s")})
		}},
		{"ListStreams after", func(k API, _ *FakeClock) (any, error) { return k.ListStreams(ctx, &kinesis.ListStreamsInput{}) }},
	}

	for _, m := range modes {
		t.Run(m.name, func(t *testing.T) {
			direct, directClock := newFake(t)
			_, k, clock, done := m.fake(t)
			for _, s := range steps {
				d, derr := s.run(direct, directClock)
				w, werr := s.run(k, clock)
				if derr != nil || werr != nil {
					t.Fatalf("%s: direct error %v, %s error %v", s.name, derr, m.name, werr)
				}
				if diff := cmp.Diff(d, w, ignoreUnexported, cmp.FilterPath(func(p cmp.Path) bool {
					return p.Last().String() == ".ResultMetadata"
				}, cmp.Ignore())); diff != "" {
					t.Errorf("%s (-direct +%s):\n%s", s.name, m.name, diff)
				}
			}
			done()
		})
	}
}
