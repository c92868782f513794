package kinesisfake

import (
	"errors"
	"fmt"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/kinesis"
	"github.com/aws/aws-sdk-go-v2/service/kinesis/types"
	"github.com/aws/smithy-go"
)

// Every rule the fake enforces is a row here: the call that breaks it, and
// the error the service returns for it. Each row runs against a fresh fake
// holding streams "s" and "other", 3 shards each.
func TestServiceErrors(t *testing.T) {
	long := strings.Repeat("a", 129)
	s := aws.String("s")
	seqOf := func(c *Client, stream, key string) *string {
		out, err := c.PutRecord(ctx, &kinesis.PutRecordInput{StreamName: aws.String(stream), PartitionKey: aws.String(key), Data: []byte("x")})
		if err != nil {
			panic(err)
		}
		return out.SequenceNumber
	}
	sequenceMismatch := "Must either specify (1) AT_SEQUENCE_NUMBER or AFTER_SEQUENCE_NUMBER and StartingSequenceNumber or (2) TRIM_HORIZON or LATEST and no StartingSequenceNumber. Request specified "
	tags := func(n int) map[string]string {
		m := make(map[string]string, n)
		for i := range n {
			m[fmt.Sprint("k", i)] = "v"
		}
		return m
	}

	tests := []struct {
		name    string
		op      string
		opts    []Option
		call    func(c *Client, k API, clock *FakeClock) error
		code    string
		message string // exact; empty means any
	}{
		// CreateStream
		{"CreateStream empty name", "CreateStream", nil, func(c *Client, k API, _ *FakeClock) error {
			_, err := k.CreateStream(ctx, &kinesis.CreateStreamInput{StreamName: aws.String(""), ShardCount: aws.Int32(1)})
			return err
		}, "ValidationException", "2 validation errors detected: Value '' at 'streamName' failed to satisfy constraint: Member must satisfy regular expression pattern: [a-zA-Z0-9_.-]+; Value '' at 'streamName' failed to satisfy constraint: Member must have length greater than or equal to 1"},
		{"CreateStream long name", "CreateStream", nil, func(c *Client, k API, _ *FakeClock) error {
			_, err := k.CreateStream(ctx, &kinesis.CreateStreamInput{StreamName: aws.String(long), ShardCount: aws.Int32(1)})
			return err
		}, "ValidationException", "1 validation error detected: Value '" + long + "' at 'streamName' failed to satisfy constraint: Member must have length less than or equal to 128"},
		{"CreateStream name pattern", "CreateStream", nil, func(c *Client, k API, _ *FakeClock) error {
			_, err := k.CreateStream(ctx, &kinesis.CreateStreamInput{StreamName: aws.String("a b"), ShardCount: aws.Int32(1)})
			return err
		}, "ValidationException", "1 validation error detected: Value 'a b' at 'streamName' failed to satisfy constraint: Member must satisfy regular expression pattern: [a-zA-Z0-9_.-]+"},
		{"CreateStream shard count below 1, listed first", "CreateStream", nil, func(c *Client, k API, _ *FakeClock) error {
			_, err := k.CreateStream(ctx, &kinesis.CreateStreamInput{StreamName: aws.String("a b"), ShardCount: aws.Int32(0)})
			return err
		}, "ValidationException", "2 validation errors detected: Value '0' at 'shardCount' failed to satisfy constraint: Member must have value greater than or equal to 1; Value 'a b' at 'streamName' failed to satisfy constraint: Member must satisfy regular expression pattern: [a-zA-Z0-9_.-]+"},
		{"CreateStream max record size too small", "CreateStream", nil, func(c *Client, k API, _ *FakeClock) error {
			_, err := k.CreateStream(ctx, &kinesis.CreateStreamInput{StreamName: aws.String("n"), ShardCount: aws.Int32(1), MaxRecordSizeInKiB: aws.Int32(1023)})
			return err
		}, "ValidationException", "1 validation error detected: Value '1023' at 'maxRecordSizeInKiB' failed to satisfy constraint: Member must have value greater than or equal to 1024"},
		{"CreateStream max record size too large", "CreateStream", nil, func(c *Client, k API, _ *FakeClock) error {
			_, err := k.CreateStream(ctx, &kinesis.CreateStreamInput{StreamName: aws.String("n"), ShardCount: aws.Int32(1), MaxRecordSizeInKiB: aws.Int32(10241)})
			return err
		}, "ValidationException", "1 validation error detected: Value '10241' at 'maxRecordSizeInKiB' failed to satisfy constraint: Member must have value less than or equal to 10240"},
		{"CreateStream negative warm throughput", "CreateStream", nil, func(c *Client, k API, _ *FakeClock) error {
			_, err := k.CreateStream(ctx, &kinesis.CreateStreamInput{StreamName: aws.String("n"), WarmThroughputMiBps: aws.Int32(-1)})
			return err
		}, "ValidationException", "1 validation error detected: Value '-1' at 'warmThroughputMiBps' failed to satisfy constraint: Member must have value greater than or equal to 0"},
		{"CreateStream unknown stream mode", "CreateStream", nil, func(c *Client, k API, _ *FakeClock) error {
			_, err := k.CreateStream(ctx, &kinesis.CreateStreamInput{StreamName: aws.String("n"), StreamModeDetails: &types.StreamModeDetails{StreamMode: "FAST"}})
			return err
		}, "ValidationException", "1 validation error detected: Value 'FAST' at 'streamModeDetails.streamMode' failed to satisfy constraint: Member must satisfy enum value set: [PROVISIONED, ON_DEMAND]"},
		{"CreateStream unknown distribution strategy", "CreateStream", nil, func(c *Client, k API, _ *FakeClock) error {
			_, err := k.CreateStream(ctx, &kinesis.CreateStreamInput{StreamName: aws.String("n"), RecordDistributionStrategy: "RANDOM"})
			return err
		}, "ValidationException", "1 validation error detected: Value 'RANDOM' at 'recordDistributionStrategy' failed to satisfy constraint: Member must satisfy enum value set: [AUTO, USER_PARTITION_KEY]"},
		{"CreateStream empty tags", "CreateStream", nil, func(c *Client, k API, _ *FakeClock) error {
			_, err := k.CreateStream(ctx, &kinesis.CreateStreamInput{StreamName: aws.String("n"), Tags: map[string]string{}})
			return err
		}, "ValidationException", "1 validation error detected: Value '{}' at 'tags' failed to satisfy constraint: Member must have length greater than or equal to 1"},
		{"CreateStream too many tags", "CreateStream", nil, func(c *Client, k API, _ *FakeClock) error {
			_, err := k.CreateStream(ctx, &kinesis.CreateStreamInput{StreamName: aws.String("n"), Tags: tags(201)})
			return err
		}, "ValidationException", ""},
		{"CreateStream tag key too long", "CreateStream", nil, func(c *Client, k API, _ *FakeClock) error {
			_, err := k.CreateStream(ctx, &kinesis.CreateStreamInput{StreamName: aws.String("n"), Tags: map[string]string{long: "v"}})
			return err
		}, "ValidationException", "1 validation error detected: Value '{" + long + "=v}' at 'tags' failed to satisfy constraint: Map keys must satisfy constraint: [Member must have length less than or equal to 128, Member must have length greater than or equal to 1]"},
		{"CreateStream tag value too long", "CreateStream", nil, func(c *Client, k API, _ *FakeClock) error {
			_, err := k.CreateStream(ctx, &kinesis.CreateStreamInput{StreamName: aws.String("n"), Tags: map[string]string{"k": strings.Repeat("v", 257)}})
			return err
		}, "ValidationException", "1 validation error detected: Value '{k=" + strings.Repeat("v", 257) + "}' at 'tags' failed to satisfy constraint: Map value must satisfy constraint: [Member must have length less than or equal to 256, Member must have length greater than or equal to 0]"},
		{"CreateStream ON_DEMAND with ShardCount", "CreateStream", nil, func(c *Client, k API, _ *FakeClock) error {
			_, err := k.CreateStream(ctx, &kinesis.CreateStreamInput{StreamName: aws.String("n"), ShardCount: aws.Int32(2), StreamModeDetails: &types.StreamModeDetails{StreamMode: types.StreamModeOnDemand}})
			return err
		}, "InvalidArgumentException", "ShardCount is not expected when StreamMode=ON_DEMAND"},
		{"CreateStream PROVISIONED without ShardCount", "CreateStream", nil, func(c *Client, k API, _ *FakeClock) error {
			_, err := k.CreateStream(ctx, &kinesis.CreateStreamInput{StreamName: aws.String("n"), StreamModeDetails: &types.StreamModeDetails{StreamMode: types.StreamModeProvisioned}})
			return err
		}, "InvalidArgumentException", ""},
		{"CreateStream AUTO distribution on PROVISIONED", "CreateStream", nil, func(c *Client, k API, _ *FakeClock) error {
			_, err := k.CreateStream(ctx, &kinesis.CreateStreamInput{StreamName: aws.String("n"), ShardCount: aws.Int32(1), RecordDistributionStrategy: types.RecordDistributionStrategyAuto})
			return err
		}, "InvalidArgumentException", ""},
		{"CreateStream existing name", "CreateStream", nil, func(c *Client, k API, _ *FakeClock) error {
			_, err := k.CreateStream(ctx, &kinesis.CreateStreamInput{StreamName: s, ShardCount: aws.Int32(1)})
			return err
		}, "ResourceInUseException", "Stream s under account 123456789012 already exists."},
		{"CreateStream over the shard quota", "CreateStream", []Option{WithLimits(Limits{Shards: 10})}, func(c *Client, k API, _ *FakeClock) error {
			_, err := k.CreateStream(ctx, &kinesis.CreateStreamInput{StreamName: aws.String("n"), ShardCount: aws.Int32(5)})
			return err
		}, "LimitExceededException", "This request would exceed the shard limit for the account 123456789012 in us-east-1. Current shard count for the account: 6. Limit: 10. Number of additional shards that would have resulted from this request: 5. Refer to the AWS Service Limits page (http://docs.aws.amazon.com/general/latest/gr/aws_service_limits.html) for current limits and how to request higher limits."},
		{"CreateStream with too many streams CREATING", "CreateStream", []Option{WithDelays(Delays{CreateStream: time.Minute}), WithLimits(Limits{CreatingStreams: 3})}, func(c *Client, k API, _ *FakeClock) error {
			_, err := k.CreateStream(ctx, &kinesis.CreateStreamInput{StreamName: aws.String("c3"), ShardCount: aws.Int32(1)})
			if err != nil {
				panic(err)
			}
			_, err = k.CreateStream(ctx, &kinesis.CreateStreamInput{StreamName: aws.String("c4"), ShardCount: aws.Int32(1)})
			return err
		}, "LimitExceededException", ""},
		{"CreateStream over the ON_DEMAND stream quota", "CreateStream", []Option{WithLimits(Limits{OnDemandStreams: 1})}, func(c *Client, k API, _ *FakeClock) error {
			_, err := k.CreateStream(ctx, &kinesis.CreateStreamInput{StreamName: aws.String("od1")})
			if err != nil {
				panic(err)
			}
			_, err = k.CreateStream(ctx, &kinesis.CreateStreamInput{StreamName: aws.String("od2")})
			return err
		}, "LimitExceededException", ""},

		// Naming a stream, shown with DeleteStream and DescribeStreamSummary.
		{"DeleteStream unknown stream", "DeleteStream", nil, func(c *Client, k API, _ *FakeClock) error {
			_, err := k.DeleteStream(ctx, &kinesis.DeleteStreamInput{StreamName: aws.String("nope")})
			return err
		}, "ResourceNotFoundException", "Stream nope under account 123456789012 not found."},
		{"DeleteStream neither name nor ARN", "DeleteStream", nil, func(c *Client, k API, _ *FakeClock) error {
			_, err := k.DeleteStream(ctx, &kinesis.DeleteStreamInput{})
			return err
		}, "InvalidArgumentException", ""},
		{"DeleteStream ARN of another service", "DeleteStream", nil, func(c *Client, k API, _ *FakeClock) error {
			_, err := k.DeleteStream(ctx, &kinesis.DeleteStreamInput{StreamARN: aws.String("arn:aws:sqs:us-east-1:123456789012:q")})
			return err
		}, "ValidationException", "1 validation error detected: Value 'arn:aws:sqs:us-east-1:123456789012:q' at 'streamARN' failed to satisfy constraint: Member must satisfy regular expression pattern: arn:aws.*:kinesis:.*:\\d{12}:stream/\\S+"},
		{"DeleteStream bad StreamId", "DeleteStream", nil, func(c *Client, k API, _ *FakeClock) error {
			_, err := k.DeleteStream(ctx, &kinesis.DeleteStreamInput{StreamName: s, StreamId: aws.String("x")})
			return err
		}, "ValidationException", "1 validation error detected: Value 'x' at 'streamId' failed to satisfy constraint: Member must satisfy regular expression pattern: [a-z0-9]{20}-[a-z0-9]{3}"},
		{"DeleteStream name and ARN disagree", "DeleteStream", nil, func(c *Client, k API, _ *FakeClock) error {
			_, err := k.DeleteStream(ctx, &kinesis.DeleteStreamInput{StreamName: s, StreamARN: aws.String("arn:aws:kinesis:us-east-1:123456789012:stream/other")})
			return err
		}, "InvalidArgumentException", ""},
		{"DescribeStreamSummary ARN of another account", "DescribeStreamSummary", nil, func(c *Client, k API, _ *FakeClock) error {
			_, err := k.DescribeStreamSummary(ctx, &kinesis.DescribeStreamSummaryInput{StreamARN: aws.String("arn:aws:kinesis:us-east-1:210987654321:stream/s")})
			return err
		}, "ResourceNotFoundException", "Stream s under account 210987654321 not found."},
		{"DescribeStreamSummary ARN of another region", "DescribeStreamSummary", nil, func(c *Client, k API, _ *FakeClock) error {
			_, err := k.DescribeStreamSummary(ctx, &kinesis.DescribeStreamSummaryInput{StreamARN: aws.String("arn:aws:kinesis:eu-west-1:123456789012:stream/s")})
			return err
		}, "ResourceNotFoundException", ""},

		// DescribeStream
		{"DescribeStream limit 0", "DescribeStream", nil, func(c *Client, k API, _ *FakeClock) error {
			_, err := k.DescribeStream(ctx, &kinesis.DescribeStreamInput{StreamName: s, Limit: aws.Int32(0)})
			return err
		}, "ValidationException", "1 validation error detected: Value '0' at 'limit' failed to satisfy constraint: Member must have value greater than or equal to 1"},
		{"DescribeStream limit 10001 and empty start", "DescribeStream", nil, func(c *Client, k API, _ *FakeClock) error {
			_, err := k.DescribeStream(ctx, &kinesis.DescribeStreamInput{StreamName: s, Limit: aws.Int32(10001), ExclusiveStartShardId: aws.String("")})
			return err
		}, "ValidationException", "3 validation errors detected: Value '10001' at 'limit' failed to satisfy constraint: Member must have value less than or equal to 10000; Value '' at 'exclusiveStartShardId' failed to satisfy constraint: Member must satisfy regular expression pattern: [a-zA-Z0-9_.-]+; Value '' at 'exclusiveStartShardId' failed to satisfy constraint: Member must have length greater than or equal to 1"},

		// ListStreams
		{"ListStreams limit 0", "ListStreams", nil, func(c *Client, k API, _ *FakeClock) error {
			_, err := k.ListStreams(ctx, &kinesis.ListStreamsInput{Limit: aws.Int32(0)})
			return err
		}, "ValidationException", "1 validation error detected: Value '0' at 'limit' failed to satisfy constraint: Member must have value greater than or equal to 1"},
		{"ListStreams empty start name", "ListStreams", nil, func(c *Client, k API, _ *FakeClock) error {
			_, err := k.ListStreams(ctx, &kinesis.ListStreamsInput{ExclusiveStartStreamName: aws.String("")})
			return err
		}, "ValidationException", ""},
		{"ListStreams empty NextToken", "ListStreams", nil, func(c *Client, k API, _ *FakeClock) error {
			_, err := k.ListStreams(ctx, &kinesis.ListStreamsInput{NextToken: aws.String("")})
			return err
		}, "ValidationException", "1 validation error detected: Value '' at 'nextToken' failed to satisfy constraint: Member must have length greater than or equal to 1"},
		{"ListStreams foreign NextToken", "ListStreams", nil, func(c *Client, k API, _ *FakeClock) error {
			_, err := k.ListStreams(ctx, &kinesis.ListStreamsInput{NextToken: aws.String("not-a-token")})
			return err
		}, "InvalidArgumentException", ""},
		{"ListStreams expired NextToken", "ListStreams", nil, func(c *Client, k API, clock *FakeClock) error {
			out, err := k.ListStreams(ctx, &kinesis.ListStreamsInput{Limit: aws.Int32(1)})
			if err != nil || out.NextToken == nil {
				panic(fmt.Sprint(out, err))
			}
			clock.Advance(301 * time.Second)
			_, err = k.ListStreams(ctx, &kinesis.ListStreamsInput{NextToken: out.NextToken})
			return err
		}, "ExpiredNextTokenException", ""},

		// ListShards
		{"ListShards neither stream nor token", "ListShards", nil, func(c *Client, k API, _ *FakeClock) error {
			_, err := k.ListShards(ctx, &kinesis.ListShardsInput{})
			return err
		}, "InvalidArgumentException", "Either NextToken or StreamName should be provided."},
		{"ListShards NextToken with StreamName", "ListShards", nil, func(c *Client, k API, _ *FakeClock) error {
			_, err := k.ListShards(ctx, &kinesis.ListShardsInput{NextToken: aws.String("t"), StreamName: s})
			return err
		}, "InvalidArgumentException", "NextToken and StreamName cannot be provided together."},
		{"ListShards NextToken with StreamARN", "ListShards", nil, func(c *Client, k API, _ *FakeClock) error {
			_, err := k.ListShards(ctx, &kinesis.ListShardsInput{NextToken: aws.String("t"), StreamARN: aws.String("arn:aws:kinesis:us-east-1:123456789012:stream/s")})
			return err
		}, "InvalidArgumentException", "NextToken and StreamARN cannot be provided together."},
		{"ListShards NextToken with ExclusiveStartShardId", "ListShards", nil, func(c *Client, k API, _ *FakeClock) error {
			_, err := k.ListShards(ctx, &kinesis.ListShardsInput{NextToken: aws.String("t"), ExclusiveStartShardId: aws.String("shardId-000000000000")})
			return err
		}, "InvalidArgumentException", "NextToken and ExclusiveStartShardId cannot be provided together."},
		{"ListShards NextToken with ShardFilter", "ListShards", nil, func(c *Client, k API, _ *FakeClock) error {
			_, err := k.ListShards(ctx, &kinesis.ListShardsInput{NextToken: aws.String("t"), ShardFilter: &types.ShardFilter{Type: types.ShardFilterTypeAtLatest}})
			return err
		}, "InvalidArgumentException", "NextToken and ShardFilter cannot be provided together."},
		{"ListShards NextToken with StreamCreationTimestamp", "ListShards", nil, func(c *Client, k API, _ *FakeClock) error {
			_, err := k.ListShards(ctx, &kinesis.ListShardsInput{NextToken: aws.String("t"), StreamCreationTimestamp: aws.Time(epoch)})
			return err
		}, "InvalidArgumentException", "NextToken and StreamCreationTimestamp cannot be provided together."},
		{"ListShards expired NextToken", "ListShards", nil, func(c *Client, k API, clock *FakeClock) error {
			out, err := k.ListShards(ctx, &kinesis.ListShardsInput{StreamName: s, MaxResults: aws.Int32(1)})
			if err != nil || out.NextToken == nil {
				panic(fmt.Sprint(out, err))
			}
			clock.Advance(301 * time.Second)
			_, err = k.ListShards(ctx, &kinesis.ListShardsInput{NextToken: out.NextToken})
			return err
		}, "ExpiredNextTokenException", ""},
		{"ListShards MaxResults 0", "ListShards", nil, func(c *Client, k API, _ *FakeClock) error {
			_, err := k.ListShards(ctx, &kinesis.ListShardsInput{StreamName: s, MaxResults: aws.Int32(0)})
			return err
		}, "ValidationException", "1 validation error detected: Value '0' at 'maxResults' failed to satisfy constraint: Member must have value greater than or equal to 1"},
		{"ListShards unknown filter type", "ListShards", nil, func(c *Client, k API, _ *FakeClock) error {
			_, err := k.ListShards(ctx, &kinesis.ListShardsInput{StreamName: s, ShardFilter: &types.ShardFilter{Type: "AT_NOON"}})
			return err
		}, "ValidationException", "1 validation error detected: Value 'AT_NOON' at 'shardFilter.type' failed to satisfy constraint: Member must satisfy enum value set: [AFTER_SHARD_ID, AT_TRIM_HORIZON, FROM_TRIM_HORIZON, AT_LATEST, AT_TIMESTAMP, FROM_TIMESTAMP]"},
		{"ListShards AFTER_SHARD_ID without ShardId", "ListShards", nil, func(c *Client, k API, _ *FakeClock) error {
			_, err := k.ListShards(ctx, &kinesis.ListShardsInput{StreamName: s, ShardFilter: &types.ShardFilter{Type: types.ShardFilterTypeAfterShardId}})
			return err
		}, "InvalidArgumentException", ""},
		{"ListShards AT_TIMESTAMP without Timestamp", "ListShards", nil, func(c *Client, k API, _ *FakeClock) error {
			_, err := k.ListShards(ctx, &kinesis.ListShardsInput{StreamName: s, ShardFilter: &types.ShardFilter{Type: types.ShardFilterTypeAtTimestamp}})
			return err
		}, "InvalidArgumentException", ""},
		{"ListShards FROM_TIMESTAMP without Timestamp", "ListShards", nil, func(c *Client, k API, _ *FakeClock) error {
			_, err := k.ListShards(ctx, &kinesis.ListShardsInput{StreamName: s, ShardFilter: &types.ShardFilter{Type: types.ShardFilterTypeFromTimestamp}})
			return err
		}, "InvalidArgumentException", ""},
		{"ListShards ShardId with AT_LATEST", "ListShards", nil, func(c *Client, k API, _ *FakeClock) error {
			_, err := k.ListShards(ctx, &kinesis.ListShardsInput{StreamName: s, ShardFilter: &types.ShardFilter{Type: types.ShardFilterTypeAtLatest, ShardId: aws.String("shardId-000000000000")}})
			return err
		}, "InvalidArgumentException", ""},
		{"ListShards Timestamp with AT_TRIM_HORIZON", "ListShards", nil, func(c *Client, k API, _ *FakeClock) error {
			_, err := k.ListShards(ctx, &kinesis.ListShardsInput{StreamName: s, ShardFilter: &types.ShardFilter{Type: types.ShardFilterTypeAtTrimHorizon, Timestamp: aws.Time(epoch)}})
			return err
		}, "InvalidArgumentException", ""},
		{"ListShards another incarnation's creation time", "ListShards", nil, func(c *Client, k API, _ *FakeClock) error {
			_, err := k.ListShards(ctx, &kinesis.ListShardsInput{StreamName: s, StreamCreationTimestamp: aws.Time(epoch.Add(-time.Hour))})
			return err
		}, "ResourceNotFoundException", "Stream s under account 123456789012 not found."},

		// PutRecord
		{"PutRecord record over the stream's maximum", "PutRecord", nil, func(c *Client, k API, _ *FakeClock) error {
			_, err := k.PutRecord(ctx, &kinesis.PutRecordInput{StreamName: s, PartitionKey: aws.String("k"), Data: make([]byte, 1<<20+1)})
			return err
		}, "ValidationException", "1 validation error detected: Value at 'data' failed to satisfy constraint: Member must have length less than or equal to 1048576"},
		{"PutRecord record and key over the stream's maximum", "PutRecord", nil, func(c *Client, k API, _ *FakeClock) error {
			_, err := k.PutRecord(ctx, &kinesis.PutRecordInput{StreamName: s, PartitionKey: aws.String("kk"), Data: make([]byte, 1<<20-1)})
			return err
		}, "ValidationException", "1 validation error detected: Value at 'data' failed to satisfy constraint: Member must have length less than or equal to 1048574"},
		{"PutRecord record over 10 MiB", "PutRecord", nil, func(c *Client, k API, _ *FakeClock) error {
			_, err := k.PutRecord(ctx, &kinesis.PutRecordInput{StreamName: s, PartitionKey: aws.String("k"), Data: make([]byte, 10<<20+1)})
			return err
		}, "ValidationException", "1 validation error detected: Value 'java.nio.HeapByteBuffer[pos=0 lim=10485761 cap=10485761]' at 'data' failed to satisfy constraint: Member must have length less than or equal to 10485760"},
		{"PutRecord without partition key", "PutRecord", nil, func(c *Client, k API, _ *FakeClock) error {
			_, err := k.PutRecord(ctx, &kinesis.PutRecordInput{StreamName: s, Data: []byte("x")})
			return err
		}, "ValidationException", "1 validation error detected: Value null at 'partitionKey' failed to satisfy constraint: Member must not be null"},
		{"PutRecord several violations in the service's order", "PutRecord", nil, func(c *Client, k API, _ *FakeClock) error {
			_, err := k.PutRecord(ctx, &kinesis.PutRecordInput{StreamName: aws.String("a b"), PartitionKey: aws.String(""), Data: []byte("x"), ExplicitHashKey: aws.String("01"), SequenceNumberForOrdering: aws.String("x")})
			return err
		}, "ValidationException", "4 validation errors detected: Value 'x' at 'sequenceNumberForOrdering' failed to satisfy constraint: Member must satisfy regular expression pattern: 0|([1-9]\\d{0,128}); Value '' at 'partitionKey' failed to satisfy constraint: Member must have length greater than or equal to 1; Value '01' at 'explicitHashKey' failed to satisfy constraint: Member must satisfy regular expression pattern: 0|([1-9]\\d{0,38}); Value 'a b' at 'streamName' failed to satisfy constraint: Member must satisfy regular expression pattern: [a-zA-Z0-9_.-]+"},
		{"PutRecord partition key too long", "PutRecord", nil, func(c *Client, k API, _ *FakeClock) error {
			_, err := k.PutRecord(ctx, &kinesis.PutRecordInput{StreamName: s, PartitionKey: aws.String(strings.Repeat("k", 257)), Data: []byte("x")})
			return err
		}, "ValidationException", "1 validation error detected: Value '" + strings.Repeat("k", 257) + "' at 'partitionKey' failed to satisfy constraint: Member must have length less than or equal to 256"},
		{"PutRecord hash key of 2^128", "PutRecord", nil, func(c *Client, k API, _ *FakeClock) error {
			_, err := k.PutRecord(ctx, &kinesis.PutRecordInput{StreamName: s, PartitionKey: aws.String("k"), Data: []byte("x"), ExplicitHashKey: aws.String("340282366920938463463374607431768211456")})
			return err
		}, "InvalidArgumentException", "Invalid ExplicitHashKey. ExplicitHashKey must be in the range: [0, 2^128-1]. Specified value was 340282366920938463463374607431768211456"},
		{"PutRecord foreign ordering sequence number", "PutRecord", nil, func(c *Client, k API, _ *FakeClock) error {
			_, err := k.PutRecord(ctx, &kinesis.PutRecordInput{StreamName: s, PartitionKey: aws.String("k"), Data: []byte("x"), SequenceNumberForOrdering: aws.String("123")})
			return err
		}, "InvalidArgumentException", "ExclusiveMinimumSequenceNumber 123 used in PutRecord on stream s under account 123456789012 is invalid."},
		{"PutRecord unknown stream", "PutRecord", nil, func(c *Client, k API, _ *FakeClock) error {
			_, err := k.PutRecord(ctx, &kinesis.PutRecordInput{StreamName: aws.String("nope"), PartitionKey: aws.String("k"), Data: []byte("x")})
			return err
		}, "ResourceNotFoundException", "Stream nope under account 123456789012 not found."},
		{"PutRecord stream still CREATING", "PutRecord", []Option{WithDelays(Delays{CreateStream: time.Second})}, func(c *Client, k API, _ *FakeClock) error {
			_, err := k.PutRecord(ctx, &kinesis.PutRecordInput{StreamName: s, PartitionKey: aws.String("k"), Data: []byte("x")})
			return err
		}, "ResourceNotFoundException", "Stream s under account 123456789012 not found."},

		// PutRecords
		{"PutRecords no records", "PutRecords", nil, func(c *Client, k API, _ *FakeClock) error {
			_, err := k.PutRecords(ctx, &kinesis.PutRecordsInput{StreamName: s, Records: []types.PutRecordsRequestEntry{}})
			return err
		}, "ValidationException", "1 validation error detected: Value '[]' at 'records' failed to satisfy constraint: Member must have length greater than or equal to 1"},
		{"PutRecords 501 records", "PutRecords", nil, func(c *Client, k API, _ *FakeClock) error {
			recs := make([]types.PutRecordsRequestEntry, 501)
			for i := range recs {
				recs[i] = types.PutRecordsRequestEntry{PartitionKey: aws.String("k"), Data: []byte("x")}
			}
			_, err := k.PutRecords(ctx, &kinesis.PutRecordsInput{StreamName: s, Records: recs})
			return err
		}, "ValidationException", "1 validation error detected: Value '[...]' at 'records' failed to satisfy constraint: Member must have length less than or equal to 500"},
		{"PutRecords lists at most 10 violations", "PutRecords", nil, func(c *Client, k API, _ *FakeClock) error {
			recs := make([]types.PutRecordsRequestEntry, 501)
			for i := range recs {
				recs[i] = types.PutRecordsRequestEntry{PartitionKey: aws.String(""), Data: []byte("x")}
			}
			_, err := k.PutRecords(ctx, &kinesis.PutRecordsInput{StreamName: aws.String(""), Records: recs})
			if !strings.HasPrefix(errorMessage(err), "10 validation errors detected: Value '[...]' at 'records' failed") ||
				!strings.HasSuffix(errorMessage(err), "Value '' at 'records.9.member.partitionKey' failed to satisfy constraint: Member must have length greater than or equal to 1") {
				return fmt.Errorf("wrong message: %v", err)
			}
			return err
		}, "ValidationException", ""},
		{"PutRecords entry partition key empty", "PutRecords", nil, func(c *Client, k API, _ *FakeClock) error {
			_, err := k.PutRecords(ctx, &kinesis.PutRecordsInput{StreamName: s, Records: []types.PutRecordsRequestEntry{
				{PartitionKey: aws.String("k"), Data: []byte("x")},
				{PartitionKey: aws.String(""), Data: []byte("x")},
			}})
			return err
		}, "ValidationException", "1 validation error detected: Value '' at 'records.2.member.partitionKey' failed to satisfy constraint: Member must have length greater than or equal to 1"},
		{"PutRecords entry over the stream's maximum", "PutRecords", nil, func(c *Client, k API, _ *FakeClock) error {
			_, err := k.PutRecords(ctx, &kinesis.PutRecordsInput{StreamName: s, Records: []types.PutRecordsRequestEntry{
				{PartitionKey: aws.String("k"), Data: make([]byte, 1<<20+1)},
			}})
			return err
		}, "ValidationException", "1 validation error detected: Value at 'records.1.member.data' failed to satisfy constraint: Member must have length less than or equal to 1048576"},
		{"PutRecords entry without partition key", "PutRecords", nil, func(c *Client, k API, _ *FakeClock) error {
			_, err := k.PutRecords(ctx, &kinesis.PutRecordsInput{StreamName: s, Records: []types.PutRecordsRequestEntry{{Data: []byte("x")}}})
			return err
		}, "ValidationException", "1 validation error detected: Value null at 'records.1.member.partitionKey' failed to satisfy constraint: Member must not be null"},
		{"PutRecords over 10 MiB in all", "PutRecords", nil, func(c *Client, k API, _ *FakeClock) error {
			_, err := k.CreateStream(ctx, &kinesis.CreateStreamInput{StreamName: aws.String("big"), ShardCount: aws.Int32(1), MaxRecordSizeInKiB: aws.Int32(10240)})
			if err != nil {
				panic(err)
			}
			entry := types.PutRecordsRequestEntry{PartitionKey: aws.String("k"), Data: make([]byte, 4<<20)}
			_, err = k.PutRecords(ctx, &kinesis.PutRecordsInput{StreamName: aws.String("big"), Records: []types.PutRecordsRequestEntry{entry, entry, entry}})
			return err
		}, "InvalidArgumentException", "Records size exceeds 10 MB limit"},
		{"PutRecords one bad hash key fails all", "PutRecords", nil, func(c *Client, k API, _ *FakeClock) error {
			_, err := k.PutRecords(ctx, &kinesis.PutRecordsInput{StreamName: s, Records: []types.PutRecordsRequestEntry{
				{PartitionKey: aws.String("k"), Data: []byte("x")},
				{PartitionKey: aws.String("k"), Data: []byte("x"), ExplicitHashKey: aws.String("999999999999999999999999999999999999999")},
			}})
			if n := len(readShard(t, c, "s", "shardId-000000000000")) + len(readShard(t, c, "s", "shardId-000000000001")) + len(readShard(t, c, "s", "shardId-000000000002")); n != 0 {
				return fmt.Errorf("%d records stored by a failed PutRecords", n)
			}
			return err
		}, "InvalidArgumentException", "Invalid ExplicitHashKey. ExplicitHashKey must be in the range: [0, 2^128-1]. Specified value was 999999999999999999999999999999999999999"},

		// GetShardIterator
		{"GetShardIterator unknown type, in the service's order", "GetShardIterator", nil, func(c *Client, k API, _ *FakeClock) error {
			_, err := k.GetShardIterator(ctx, &kinesis.GetShardIteratorInput{StreamName: s, ShardId: aws.String("shardId-000000000000"), ShardIteratorType: "OLDEST"})
			return err
		}, "ValidationException", "1 validation error detected: Value 'OLDEST' at 'shardIteratorType' failed to satisfy constraint: Member must satisfy enum value set: [AFTER_SEQUENCE_NUMBER, LATEST, AT_TIMESTAMP, AT_SEQUENCE_NUMBER, TRIM_HORIZON]"},
		{"GetShardIterator bad shard ID and sequence number", "GetShardIterator", nil, func(c *Client, k API, _ *FakeClock) error {
			_, err := k.GetShardIterator(ctx, &kinesis.GetShardIteratorInput{StreamName: s, ShardId: aws.String("a/b"), ShardIteratorType: types.ShardIteratorTypeAtSequenceNumber, StartingSequenceNumber: aws.String("00")})
			return err
		}, "ValidationException", "2 validation errors detected: Value 'a/b' at 'shardId' failed to satisfy constraint: Member must satisfy regular expression pattern: [a-zA-Z0-9_.-]+; Value '00' at 'startingSequenceNumber' failed to satisfy constraint: Member must satisfy regular expression pattern: 0|([1-9]\\d{0,128})"},
		{"GetShardIterator unparseable shard ID", "GetShardIterator", nil, func(c *Client, k API, _ *FakeClock) error {
			_, err := k.GetShardIterator(ctx, &kinesis.GetShardIteratorInput{StreamName: s, ShardId: aws.String("shardId-2147483648"), ShardIteratorType: types.ShardIteratorTypeLatest})
			return err
		}, "ResourceNotFoundException", "Could not find shard shardId-2147483648 in stream s under account 123456789012."},
		{"GetShardIterator shard beyond the stream", "GetShardIterator", nil, func(c *Client, k API, _ *FakeClock) error {
			_, err := k.GetShardIterator(ctx, &kinesis.GetShardIteratorInput{StreamName: s, ShardId: aws.String("3"), ShardIteratorType: types.ShardIteratorTypeLatest})
			return err
		}, "ResourceNotFoundException", "Shard shardId-000000000003 in stream s under account 123456789012 does not exist"},
		{"GetShardIterator unknown stream", "GetShardIterator", nil, func(c *Client, k API, _ *FakeClock) error {
			_, err := k.GetShardIterator(ctx, &kinesis.GetShardIteratorInput{StreamName: aws.String("nope"), ShardId: aws.String("shardId-000000000000"), ShardIteratorType: types.ShardIteratorTypeLatest})
			return err
		}, "ResourceNotFoundException", "Shard shardId-000000000000 in stream nope under account 123456789012 does not exist"},
		{"GetShardIterator TRIM_HORIZON with a sequence number", "GetShardIterator", nil, func(c *Client, k API, _ *FakeClock) error {
			_, err := k.GetShardIterator(ctx, &kinesis.GetShardIteratorInput{StreamName: s, ShardId: aws.String("shardId-000000000000"), ShardIteratorType: types.ShardIteratorTypeTrimHorizon, StartingSequenceNumber: aws.String("1")})
			return err
		}, "InvalidArgumentException", sequenceMismatch + "TRIM_HORIZON and also a StartingSequenceNumber."},
		{"GetShardIterator AT_SEQUENCE_NUMBER without one", "GetShardIterator", nil, func(c *Client, k API, _ *FakeClock) error {
			_, err := k.GetShardIterator(ctx, &kinesis.GetShardIteratorInput{StreamName: s, ShardId: aws.String("shardId-000000000000"), ShardIteratorType: types.ShardIteratorTypeAtSequenceNumber})
			return err
		}, "InvalidArgumentException", sequenceMismatch + "AT_SEQUENCE_NUMBER and no StartingSequenceNumber."},
		{"GetShardIterator AT_TIMESTAMP without one", "GetShardIterator", nil, func(c *Client, k API, _ *FakeClock) error {
			_, err := k.GetShardIterator(ctx, &kinesis.GetShardIteratorInput{StreamName: s, ShardId: aws.String("shardId-000000000000"), ShardIteratorType: types.ShardIteratorTypeAtTimestamp})
			return err
		}, "InvalidArgumentException", "Must specify timestampInMillis parameter for iterator of type AT_TIMESTAMP. Current request has no timestamp parameter."},
		{"GetShardIterator AT_TIMESTAMP in the future", "GetShardIterator", nil, func(c *Client, k API, _ *FakeClock) error {
			_, err := k.GetShardIterator(ctx, &kinesis.GetShardIteratorInput{StreamName: s, ShardId: aws.String("shardId-000000000000"), ShardIteratorType: types.ShardIteratorTypeAtTimestamp, Timestamp: aws.Time(epoch.Add(time.Second))})
			return err
		}, "InvalidArgumentException", fmt.Sprintf("The timestampInMillis parameter cannot be greater than the currentTimestampInMillis. timestampInMillis: %d, currentTimestampInMillis: %d", epoch.Add(time.Second).UnixMilli(), epoch.UnixMilli())},
		{"GetShardIterator foreign sequence number", "GetShardIterator", nil, func(c *Client, k API, _ *FakeClock) error {
			_, err := k.GetShardIterator(ctx, &kinesis.GetShardIteratorInput{StreamName: s, ShardId: aws.String("shardId-000000000000"), ShardIteratorType: types.ShardIteratorTypeAtSequenceNumber, StartingSequenceNumber: aws.String("12345")})
			return err
		}, "InvalidArgumentException", "StartingSequenceNumber 12345 used in GetShardIterator on shard shardId-000000000000 in stream s under account 123456789012 is invalid."},
		{"GetShardIterator sequence number of another shard", "GetShardIterator", nil, func(c *Client, k API, _ *FakeClock) error {
			seq := seqOf(c, "s", "a") // MD5("a") falls in shard 0 of 3
			_, err := k.GetShardIterator(ctx, &kinesis.GetShardIteratorInput{StreamName: s, ShardId: aws.String("shardId-000000000001"), ShardIteratorType: types.ShardIteratorTypeAtSequenceNumber, StartingSequenceNumber: seq})
			return err
		}, "InvalidArgumentException", "Invalid StartingSequenceNumber. It encodes shardId-000000000000, while it was used in a call to a shard with shardId-000000000001"},
		{"GetShardIterator sequence number of another stream", "GetShardIterator", nil, func(c *Client, k API, _ *FakeClock) error {
			seq := seqOf(c, "other", "a")
			_, err := k.GetShardIterator(ctx, &kinesis.GetShardIteratorInput{StreamName: s, ShardId: aws.String("shardId-000000000000"), ShardIteratorType: types.ShardIteratorTypeAfterSequenceNumber, StartingSequenceNumber: seq})
			return err
		}, "InvalidArgumentException", ""},

		// GetRecords
		{"GetRecords limit over 10000", "GetRecords", nil, func(c *Client, k API, _ *FakeClock) error {
			_, err := k.GetRecords(ctx, &kinesis.GetRecordsInput{ShardIterator: aws.String("x"), Limit: aws.Int32(10001)})
			return err
		}, "ValidationException", "1 validation error detected: Value '10001' at 'limit' failed to satisfy constraint: Member must have value less than or equal to 10000"},
		{"GetRecords limit 0 and empty iterator", "GetRecords", nil, func(c *Client, k API, _ *FakeClock) error {
			_, err := k.GetRecords(ctx, &kinesis.GetRecordsInput{ShardIterator: aws.String(""), Limit: aws.Int32(0)})
			return err
		}, "ValidationException", "2 validation errors detected: Value '' at 'shardIterator' failed to satisfy constraint: Member must have length greater than or equal to 1; Value '0' at 'limit' failed to satisfy constraint: Member must have value greater than or equal to 1"},
		{"GetRecords iterator too long", "GetRecords", nil, func(c *Client, k API, _ *FakeClock) error {
			_, err := k.GetRecords(ctx, &kinesis.GetRecordsInput{ShardIterator: aws.String(strings.Repeat("A", 513))})
			return err
		}, "ValidationException", ""},
		{"GetRecords forged iterator", "GetRecords", nil, func(c *Client, k API, _ *FakeClock) error {
			_, err := k.GetRecords(ctx, &kinesis.GetRecordsInput{ShardIterator: aws.String("AAAAAAAAAAEhello")})
			return err
		}, "InvalidArgumentException", "Invalid ShardIterator."},
		{"GetRecords expired iterator", "GetRecords", nil, func(c *Client, k API, clock *FakeClock) error {
			it := iterator(t, c, &kinesis.GetShardIteratorInput{StreamName: s, ShardId: aws.String("shardId-000000000000"), ShardIteratorType: types.ShardIteratorTypeLatest})
			clock.Advance(5*time.Minute + time.Millisecond)
			_, err := k.GetRecords(ctx, &kinesis.GetRecordsInput{ShardIterator: it})
			return err
		}, "ExpiredIteratorException", "Iterator expired. The iterator was created at time Thu Nov 26 09:00:00 UTC 2026 while right now it is Thu Nov 26 09:05:00 UTC 2026 which is further in the future than the tolerated delay of 300000 milliseconds."},
		{"GetRecords iterator of a deleted stream", "GetRecords", nil, func(c *Client, k API, _ *FakeClock) error {
			it := iterator(t, c, &kinesis.GetShardIteratorInput{StreamName: s, ShardId: aws.String("shardId-000000000001"), ShardIteratorType: types.ShardIteratorTypeLatest})
			if _, err := k.DeleteStream(ctx, &kinesis.DeleteStreamInput{StreamName: s}); err != nil {
				panic(err)
			}
			_, err := k.GetRecords(ctx, &kinesis.GetRecordsInput{ShardIterator: it})
			return err
		}, "ResourceNotFoundException", "Shard shardId-000000000001 in stream s under account 123456789012 does not exist"},
		// Consumers
		{"RegisterStreamConsumer empty name", "RegisterStreamConsumer", nil, func(c *Client, k API, _ *FakeClock) error {
			_, err := k.RegisterStreamConsumer(ctx, &kinesis.RegisterStreamConsumerInput{StreamARN: aws.String(streamARN), ConsumerName: aws.String("")})
			return err
		}, "ValidationException", "2 validation errors detected: Value '' at 'consumerName' failed to satisfy constraint: Member must satisfy regular expression pattern: [a-zA-Z0-9_.-]+; Value '' at 'consumerName' failed to satisfy constraint: Member must have length greater than or equal to 1"},
		{"RegisterStreamConsumer long name", "RegisterStreamConsumer", nil, func(c *Client, k API, _ *FakeClock) error {
			_, err := k.RegisterStreamConsumer(ctx, &kinesis.RegisterStreamConsumerInput{StreamARN: aws.String(streamARN), ConsumerName: aws.String(long)})
			return err
		}, "ValidationException", "1 validation error detected: Value '" + long + "' at 'consumerName' failed to satisfy constraint: Member must have length less than or equal to 128"},
		{"RegisterStreamConsumer stream name for an ARN", "RegisterStreamConsumer", nil, func(c *Client, k API, _ *FakeClock) error {
			_, err := k.RegisterStreamConsumer(ctx, &kinesis.RegisterStreamConsumerInput{StreamARN: s, ConsumerName: aws.String("app")})
			return err
		}, "ValidationException", "1 validation error detected: Value 's' at 'streamARN' failed to satisfy constraint: Member must satisfy regular expression pattern: arn:aws.*:kinesis:.*:\\d{12}:stream/\\S+"},
		{"RegisterStreamConsumer empty tags", "RegisterStreamConsumer", nil, func(c *Client, k API, _ *FakeClock) error {
			_, err := k.RegisterStreamConsumer(ctx, &kinesis.RegisterStreamConsumerInput{StreamARN: aws.String(streamARN), ConsumerName: aws.String("app"), Tags: map[string]string{}})
			return err
		}, "ValidationException", "1 validation error detected: Value '{}' at 'tags' failed to satisfy constraint: Member must have length greater than or equal to 1"},
		{"RegisterStreamConsumer unknown stream", "RegisterStreamConsumer", nil, func(c *Client, k API, _ *FakeClock) error {
			_, err := k.RegisterStreamConsumer(ctx, &kinesis.RegisterStreamConsumerInput{StreamARN: aws.String("arn:aws:kinesis:us-east-1:123456789012:stream/nope"), ConsumerName: aws.String("app")})
			return err
		}, "ResourceNotFoundException", "Stream nope under account 123456789012 not found."},
		{"RegisterStreamConsumer stream still CREATING", "RegisterStreamConsumer", []Option{WithDelays(Delays{CreateStream: time.Minute})}, func(c *Client, k API, _ *FakeClock) error {
			_, err := k.RegisterStreamConsumer(ctx, &kinesis.RegisterStreamConsumerInput{StreamARN: aws.String(streamARN), ConsumerName: aws.String("app")})
			return err
		}, "ResourceInUseException", ""},
		{"DescribeStreamConsumer malformed consumer ARN", "DescribeStreamConsumer", nil, func(c *Client, k API, _ *FakeClock) error {
			_, err := k.DescribeStreamConsumer(ctx, &kinesis.DescribeStreamConsumerInput{ConsumerARN: aws.String(streamARN + "/consumer/app")})
			return err
		}, "ValidationException", "1 validation error detected: Value '" + streamARN + "/consumer/app' at 'consumerARN' failed to satisfy constraint: Member must satisfy regular expression pattern: ^(arn):aws.*:kinesis:.*:\\d{12}:.*stream\\/[a-zA-Z0-9_.-]+\\/consumer\\/[a-zA-Z0-9_.-]+:[0-9]+"},
		{"DeregisterStreamConsumer unknown consumer", "DeregisterStreamConsumer", nil, func(c *Client, k API, _ *FakeClock) error {
			_, err := k.DeregisterStreamConsumer(ctx, &kinesis.DeregisterStreamConsumerInput{StreamARN: aws.String(streamARN), ConsumerName: aws.String("nope")})
			return err
		}, "ResourceNotFoundException", ""},
		{"ListStreamConsumers MaxResults 0", "ListStreamConsumers", nil, func(c *Client, k API, _ *FakeClock) error {
			_, err := k.ListStreamConsumers(ctx, &kinesis.ListStreamConsumersInput{StreamARN: aws.String(streamARN), MaxResults: aws.Int32(0)})
			return err
		}, "ValidationException", "1 validation error detected: Value '0' at 'maxResults' failed to satisfy constraint: Member must have value greater than or equal to 1"},
		{"ListStreamConsumers MaxResults 10001", "ListStreamConsumers", nil, func(c *Client, k API, _ *FakeClock) error {
			_, err := k.ListStreamConsumers(ctx, &kinesis.ListStreamConsumersInput{StreamARN: aws.String(streamARN), MaxResults: aws.Int32(10001)})
			return err
		}, "ValidationException", "1 validation error detected: Value '10001' at 'maxResults' failed to satisfy constraint: Member must have value less than or equal to 10000"},
		{"ListStreamConsumers foreign NextToken", "ListStreamConsumers", nil, func(c *Client, k API, _ *FakeClock) error {
			_, err := k.ListStreamConsumers(ctx, &kinesis.ListStreamConsumersInput{StreamARN: aws.String(streamARN), NextToken: aws.String("not-a-token")})
			return err
		}, "InvalidArgumentException", ""},
		{"SubscribeToShard bad shard ID and sequence number", "SubscribeToShard", nil, func(c *Client, k API, _ *FakeClock) error {
			_, err := k.SubscribeToShard(ctx, &kinesis.SubscribeToShardInput{ConsumerARN: aws.String(streamARN + "/consumer/app:1"), ShardId: aws.String("a/b"),
				StartingPosition: &types.StartingPosition{Type: types.ShardIteratorTypeAtSequenceNumber, SequenceNumber: aws.String("x")}})
			return err
		}, "ValidationException", "2 validation errors detected: Value 'a/b' at 'shardId' failed to satisfy constraint: Member must satisfy regular expression pattern: [a-zA-Z0-9_.-]+; Value 'x' at 'startingPosition.sequenceNumber' failed to satisfy constraint: Member must satisfy regular expression pattern: 0|([1-9]\\d{0,128})"},

		{"GetRecords StreamARN of another stream", "GetRecords", nil, func(c *Client, k API, _ *FakeClock) error {
			it := iterator(t, c, &kinesis.GetShardIteratorInput{StreamName: s, ShardId: aws.String("shardId-000000000001"), ShardIteratorType: types.ShardIteratorTypeLatest})
			_, err := k.GetRecords(ctx, &kinesis.GetRecordsInput{ShardIterator: it, StreamARN: aws.String("arn:aws:kinesis:us-east-1:123456789012:stream/other")})
			return err
		}, "InvalidArgumentException", ""},
	}
	// Each row runs twice: by direct calls, and through SDKClient(), the real
	// SDK client over the wire. Both must see the same error.
	seen := map[string]bool{}
	for _, tt := range tests {
		if seen[tt.name] {
			t.Fatalf("duplicate row %q", tt.name)
		}
		seen[tt.name] = true
		for _, mode := range []string{"direct", "wire"} {
			t.Run(tt.name+"/"+mode, func(t *testing.T) {
				c, clock := newFake(t, tt.opts...)
				var k API = c
				if mode == "wire" {
					k = c.SDKClient()
				}
				createStream(t, c, "s", 3)
				createStream(t, c, "other", 3)
				wantAPIError(t, tt.call(c, k, clock), tt.op, tt.code, tt.message)
			})
		}
	}
}

func errorMessage(err error) string {
	var apiErr smithy.APIError
	if errors.As(err, &apiErr) {
		return apiErr.ErrorMessage()
	}
	return ""
}

// Required members are checked as the SDK's client checks them, before
// anything reaches the service: the fake's error is the real client's, word
// for word.
func TestMissingRequiredMembers(t *testing.T) {
	fake, _ := newFake(t)
	tests := []requiredMembers{
		{func(c API) error { _, err := c.CreateStream(ctx, nil); return err },
			"operation error Kinesis: CreateStream, 1 validation error(s) found.\n- missing required field, CreateStreamInput.StreamName.\n"},
		{func(c API) error {
			_, err := c.CreateStream(ctx, &kinesis.CreateStreamInput{StreamModeDetails: &types.StreamModeDetails{}})
			return err
		}, "operation error Kinesis: CreateStream, 2 validation error(s) found.\n- missing required field, CreateStreamInput.StreamName.\n- missing required field, CreateStreamInput.StreamModeDetails.StreamMode.\n"},
		{func(c API) error {
			_, err := c.PutRecord(ctx, &kinesis.PutRecordInput{StreamName: aws.String("s")})
			return err
		}, "operation error Kinesis: PutRecord, 1 validation error(s) found.\n- missing required field, PutRecordInput.Data.\n"},
		{func(c API) error {
			_, err := c.PutRecords(ctx, &kinesis.PutRecordsInput{StreamName: aws.String("s")})
			return err
		}, "operation error Kinesis: PutRecords, 1 validation error(s) found.\n- missing required field, PutRecordsInput.Records.\n"},
		{func(c API) error {
			_, err := c.PutRecords(ctx, &kinesis.PutRecordsInput{Records: []types.PutRecordsRequestEntry{{Data: []byte("x")}, {}}})
			return err
		}, "operation error Kinesis: PutRecords, 1 validation error(s) found.\n- missing required field, PutRecordsInput.Records[1].Data.\n"},
		{func(c API) error { _, err := c.GetShardIterator(ctx, &kinesis.GetShardIteratorInput{}); return err },
			"operation error Kinesis: GetShardIterator, 2 validation error(s) found.\n- missing required field, GetShardIteratorInput.ShardId.\n- missing required field, GetShardIteratorInput.ShardIteratorType.\n"},
		{func(c API) error { _, err := c.GetRecords(ctx, &kinesis.GetRecordsInput{}); return err },
			"operation error Kinesis: GetRecords, 1 validation error(s) found.\n- missing required field, GetRecordsInput.ShardIterator.\n"},
		{func(c API) error {
			_, err := c.ListShards(ctx, &kinesis.ListShardsInput{StreamName: aws.String("s"), ShardFilter: &types.ShardFilter{}})
			return err
		}, "operation error Kinesis: ListShards, 1 validation error(s) found.\n- missing required field, ListShardsInput.ShardFilter.Type.\n"},
		{func(c API) error { _, err := c.RegisterStreamConsumer(ctx, nil); return err },
			"operation error Kinesis: RegisterStreamConsumer, 2 validation error(s) found.\n- missing required field, RegisterStreamConsumerInput.StreamARN.\n- missing required field, RegisterStreamConsumerInput.ConsumerName.\n"},
		{func(c API) error { _, err := c.ListStreamConsumers(ctx, nil); return err },
			"operation error Kinesis: ListStreamConsumers, 1 validation error(s) found.\n- missing required field, ListStreamConsumersInput.StreamARN.\n"},
		{func(c API) error {
			_, err := c.SubscribeToShard(ctx, &kinesis.SubscribeToShardInput{StartingPosition: &types.StartingPosition{}})
			return err
		}, "operation error Kinesis: SubscribeToShard, 3 validation error(s) found.\n- missing required field, SubscribeToShardInput.ConsumerARN.\n- missing required field, SubscribeToShardInput.ShardId.\n- missing required field, SubscribeToShardInput.StartingPosition.Type.\n"},
	}
	checkRequiredMembers(t, fake, tests)
}

type doFunc func(*http.Request) (*http.Response, error)

func (f doFunc) Do(r *http.Request) (*http.Response, error) { return f(r) }

// Lengths count UTF-16 code units, as the service's Java does: a
// 256-character partition key of non-ASCII letters fits, 257 do not.
func TestLengthsCountCharacters(t *testing.T) {
	c, _ := newFake(t)
	createStream(t, c, "s", 1)
	key := strings.Repeat("é", 256) // 512 bytes
	if _, err := c.PutRecord(ctx, &kinesis.PutRecordInput{StreamName: aws.String("s"), PartitionKey: aws.String(key), Data: []byte("x")}); err != nil {
		t.Fatalf("256 characters: %v", err)
	}
	_, err := c.PutRecord(ctx, &kinesis.PutRecordInput{StreamName: aws.String("s"), PartitionKey: aws.String(key + "é"), Data: []byte("x")})
	wantAPIError(t, err, "PutRecord", "ValidationException", "")
	if n := javaLength("a😀"); n != 3 {
		t.Errorf("javaLength(a😀) = %d, want 3 (a surrogate pair counts twice)", n)
	}
}
