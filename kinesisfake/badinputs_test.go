package kinesisfake

import (
	"encoding/json"
	"fmt"
	"reflect"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/kinesis"
	"github.com/aws/aws-sdk-go-v2/service/kinesis/types"
)

// A table of bad inputs across every operation, built from two pieces of
// data: a base input per operation, and bad values per input member (empty,
// too long, off the pattern, out of range, naming nothing). Each bad value is
// tried on every operation whose input has that member, and must fail with
// the error type the API reference gives. Excluded combinations and wrong
// states, which depend on the operation, are in each family's own error
// table (TestStreamErrors, TestTagErrors, TestStreamConfigErrors, ...).

// baseInputs are inputs that pass validation against the state badInputs
// sets up: stream "s" of 2 shards, with consumer "app", and ON_DEMAND stream
// "od" with a queue. $CONSUMER, $ITERATOR and $QUEUE stand for values known
// once it is set up.
var baseInputs = map[string]string{
	"AcknowledgeDeadLetterQueueRecords":      `{"QueueARN":"$QUEUE","Entries":[{"ReceiptHandle":"h"}]}`,
	"AcknowledgeQueueRecords":                `{"QueueARN":"$QUEUE","Entries":[{"ReceiptHandle":"h"}]}`,
	"AddTagsToStream":                        `{"StreamName":"s","Tags":{"a":"b"}}`,
	"CreateChannel":                          `{"ChannelName":"c","ServiceExecutionRoleARN":"arn:aws:iam::123456789012:role/r","StreamConfigurationList":[{"StreamARN":"arn:aws:kinesis:us-east-1:123456789012:stream/s","RecordConfiguration":{"RecordFormatType":"JSON"}}]}`,
	"CreateQueue":                            `{"QueueName":"new","StreamConfigurationList":[{"StreamARN":"arn:aws:kinesis:us-east-1:123456789012:stream/od"}]}`,
	"CreateStream":                           `{"StreamName":"new","ShardCount":1}`,
	"DecreaseStreamRetentionPeriod":          `{"StreamName":"s","RetentionPeriodHours":24}`,
	"DeleteChannel":                          `{"ChannelARN":"arn:aws:kinesis:us-east-1:123456789012:channel/c"}`,
	"DeleteQueue":                            `{"QueueARN":"$QUEUE"}`,
	"DeleteResourcePolicy":                   `{"ResourceARN":"arn:aws:kinesis:us-east-1:123456789012:stream/s"}`,
	"DeleteStream":                           `{"StreamName":"s","EnforceConsumerDeletion":true}`,
	"DeregisterStreamConsumer":               `{"ConsumerARN":"$CONSUMER"}`,
	"DescribeAccountSettings":                `{}`,
	"DescribeChannel":                        `{"ChannelARN":"arn:aws:kinesis:us-east-1:123456789012:channel/c"}`,
	"DescribeLimits":                         `{}`,
	"DescribeQueue":                          `{"QueueARN":"$QUEUE"}`,
	"DescribeStream":                         `{"StreamName":"s"}`,
	"DescribeStreamConsumer":                 `{"ConsumerARN":"$CONSUMER"}`,
	"DescribeStreamSummary":                  `{"StreamName":"s"}`,
	"DisableEnhancedMonitoring":              `{"StreamName":"s","ShardLevelMetrics":["IncomingBytes"]}`,
	"EnableEnhancedMonitoring":               `{"StreamName":"s","ShardLevelMetrics":["IncomingBytes"]}`,
	"GetRecords":                             `{"ShardIterator":"$ITERATOR"}`,
	"GetResourcePolicy":                      `{"ResourceARN":"arn:aws:kinesis:us-east-1:123456789012:stream/s"}`,
	"GetShardIterator":                       `{"StreamName":"s","ShardId":"shardId-000000000000","ShardIteratorType":"TRIM_HORIZON"}`,
	"IncreaseStreamRetentionPeriod":          `{"StreamName":"s","RetentionPeriodHours":48}`,
	"ListChannels":                           `{}`,
	"ListQueues":                             `{}`,
	"ListShards":                             `{"StreamName":"s"}`,
	"ListStreamConsumers":                    `{"StreamARN":"arn:aws:kinesis:us-east-1:123456789012:stream/s"}`,
	"ListStreams":                            `{}`,
	"ListTagsForResource":                    `{"ResourceARN":"arn:aws:kinesis:us-east-1:123456789012:stream/s"}`,
	"ListTagsForStream":                      `{"StreamName":"s"}`,
	"MergeShards":                            `{"StreamName":"s","ShardToMerge":"shardId-000000000000","AdjacentShardToMerge":"shardId-000000000001"}`,
	"PutRecord":                              `{"StreamName":"s","PartitionKey":"k","Data":"eA=="}`,
	"PutRecords":                             `{"StreamName":"s","Records":[{"PartitionKey":"k","Data":"eA=="}]}`,
	"PutResourcePolicy":                      `{"ResourceARN":"arn:aws:kinesis:us-east-1:123456789012:stream/s","Policy":"{}"}`,
	"ReceiveDeadLetterQueueRecords":          `{"QueueARN":"$QUEUE","WaitTimeSeconds":1}`,
	"ReceiveQueueRecords":                    `{"QueueARN":"$QUEUE","WaitTimeSeconds":1}`,
	"RegisterStreamConsumer":                 `{"StreamARN":"arn:aws:kinesis:us-east-1:123456789012:stream/s","ConsumerName":"new"}`,
	"RemoveTagsFromStream":                   `{"StreamName":"s","TagKeys":["a"]}`,
	"RestoreDeadLetterQueueRecords":          `{"QueueARN":"$QUEUE","Entries":[{"ReceiptHandle":"h"}]}`,
	"SplitShard":                             `{"StreamName":"s","ShardToSplit":"shardId-000000000000","NewStartingHashKey":"1"}`,
	"StartStreamEncryption":                  `{"StreamName":"s","EncryptionType":"KMS","KeyId":"alias/aws/kinesis"}`,
	"StopStreamEncryption":                   `{"StreamName":"s","EncryptionType":"KMS","KeyId":"alias/aws/kinesis"}`,
	"SubscribeToShard":                       `{"ConsumerARN":"$CONSUMER","ShardId":"shardId-000000000000","StartingPosition":{"Type":"LATEST"}}`,
	"TagResource":                            `{"ResourceARN":"arn:aws:kinesis:us-east-1:123456789012:stream/s","Tags":{"a":"b"}}`,
	"UntagResource":                          `{"ResourceARN":"arn:aws:kinesis:us-east-1:123456789012:stream/s","TagKeys":["a"]}`,
	"UpdateAccountSettings":                  `{}`,
	"UpdateChannel":                          `{"ChannelARN":"arn:aws:kinesis:us-east-1:123456789012:channel/c"}`,
	"UpdateDeadLetterQueueRecordsVisibility": `{"QueueARN":"$QUEUE","Entries":[{"ReceiptHandle":"h","VisibilityTimeoutSeconds":1}]}`,
	"UpdateMaxRecordSize":                    `{"StreamARN":"arn:aws:kinesis:us-east-1:123456789012:stream/s","MaxRecordSizeInKiB":2048}`,
	"UpdateQueue":                            `{"QueueARN":"$QUEUE","QueueAttributes":{"VisibilityTimeoutSeconds":60}}`,
	"UpdateQueueRecordsVisibility":           `{"QueueARN":"$QUEUE","Entries":[{"ReceiptHandle":"h","VisibilityTimeoutSeconds":1}]}`,
	"UpdateShardCount":                       `{"StreamName":"s","TargetShardCount":4,"ScalingType":"UNIFORM_SCALING"}`,
	"UpdateStreamMode":                       `{"StreamARN":"arn:aws:kinesis:us-east-1:123456789012:stream/s","StreamModeDetails":{"StreamMode":"ON_DEMAND"}}`,
	"UpdateStreamRecordDistributionStrategy": `{"StreamARN":"arn:aws:kinesis:us-east-1:123456789012:stream/s","RecordDistributionStrategy":"AUTO"}`,
	"UpdateStreamWarmThroughput":             `{"StreamName":"s","WarmThroughputMiBps":10}`,
}

// badValue is a value for a member, and the error it must cause.
type badValue struct {
	kind  string // empty, too long, pattern, range, unknown
	value any    // a string or an int32
	code  string
	// An unknown stream named by ARN must be the only stream named, or the
	// call fails for naming two: replace lists members to set instead
	// (nil to clear), where the input has them.
	replace map[string]any
}

// badValues are, by member name, values the API reference rules out.
var badValues = func() map[string][]badValue {
	long := func(n int) string { return strings.Repeat("a", n) }
	name := []badValue{{"empty", "", "ValidationException", nil}, {"too long", long(129), "ValidationException", nil}, {"pattern", "bad name!", "ValidationException", nil}}
	arn := []badValue{{"empty", "", "ValidationException", nil}, {"pattern", "not-an-arn", "ValidationException", nil}, {"too long", "arn:aws:kinesis:us-east-1:123456789012:stream/" + long(2048), "ValidationException", nil}}
	count := []badValue{{"range", int32(-1), "ValidationException", nil}, {"range", int32(0), "ValidationException", nil}}
	nonEmpty := []badValue{{"empty", "", "ValidationException", nil}}
	number := []badValue{{"pattern", "x", "ValidationException", nil}, {"pattern", "01", "ValidationException", nil}}
	return map[string][]badValue{
		"StreamName": append(slices.Clone(name), badValue{"unknown", "missing", "ResourceNotFoundException", nil}),
		"StreamARN": append(slices.Clone(arn), badValue{"unknown", "arn:aws:kinesis:us-east-1:123456789012:stream/missing", "ResourceNotFoundException",
			map[string]any{"StreamName": nil, "ConsumerARN": nil, "ConsumerName": "app", "ShardIterator": "$OTHER_ITERATOR"}}),
		"ConsumerARN":               append(slices.Clone(arn), badValue{"unknown", "arn:aws:kinesis:us-east-1:123456789012:stream/s/consumer/none:1", "ResourceNotFoundException", nil}),
		"ResourceARN":               append(slices.Clone(arn), badValue{"unknown", "arn:aws:kinesis:us-east-1:123456789012:stream/missing", "ResourceNotFoundException", nil}),
		"ChannelARN":                arn,
		"ChannelName":               nonEmpty,
		"ConsumerName":              name,
		"ShardId":                   name,
		"ShardToSplit":              name,
		"ShardToMerge":              name,
		"AdjacentShardToMerge":      name,
		"ExclusiveStartShardId":     name,
		"ExclusiveStartStreamName":  name,
		"ExclusiveStartTagKey":      append(slices.Clone(nonEmpty), badValue{"too long", long(129), "ValidationException", nil}),
		"NextToken":                 nonEmpty,
		"ShardIterator":             nonEmpty,
		"PartitionKey":              append(slices.Clone(nonEmpty), badValue{"too long", long(257), "ValidationException", nil}),
		"ExplicitHashKey":           number,
		"NewStartingHashKey":        number,
		"SequenceNumberForOrdering": number,
		"StartingSequenceNumber":    number,
		"KeyId":                     append(slices.Clone(nonEmpty), badValue{"too long", long(2049), "ValidationException", nil}),
		"Limit":                     count,
		"MaxResults":                count,
		"ShardCount":                count,
		"TargetShardCount":          count,
		"RetentionPeriodHours":      count,
		"MaxRecordSizeInKiB":        append(slices.Clone(count), badValue{"range", int32(1023), "ValidationException", nil}, badValue{"range", int32(10241), "ValidationException", nil}),
		"WarmThroughputMiBps":       {{"range", int32(-1), "ValidationException", nil}},
		"QueueARN": append(slices.Clone(arn)[:2], badValue{"too long", "arn:aws:kinesis:us-east-1:123456789012:queue/" + long(2048), "ValidationException", nil},
			badValue{"unknown", "arn:aws:kinesis:us-east-1:123456789012:queue/missing", "ResourceNotFoundException", nil}),
		"QueueName":                name,
		"WaitTimeSeconds":          {{"range", int32(0), "ValidationException", nil}, {"range", int32(21), "ValidationException", nil}},
		"VisibilityTimeoutSeconds": {{"range", int32(-1), "ValidationException", nil}, {"range", int32(43201), "ValidationException", nil}},
	}
}()

func TestBadInputsAcrossOperations(t *testing.T) {
	api := reflect.TypeFor[API]()
	tried, ops := 0, 0
	for i := range api.NumMethod() {
		method := api.Method(i)
		if method.Type.NumIn() != 3 {
			continue
		}
		base, ok := baseInputs[method.Name]
		if !ok {
			t.Errorf("%s has no base input", method.Name)
			continue
		}
		inType := method.Type.In(1).Elem()
		covered := false
		for f := range inType.NumField() {
			field := inType.Field(f)
			for _, bad := range badValues[field.Name] {
				if bad.kind == "unknown" && method.Name == "CreateStream" {
					continue // it makes the stream it names
				}
				covered = true
				tried++
				t.Run(fmt.Sprintf("%s/%s/%s/%s", method.Name, field.Name, bad.kind, strconv.Quote(shorten(fmt.Sprint(bad.value)))), func(t *testing.T) {
					c, _ := newFake(t)
					createStream(t, c, "s", 2)
					consumer := register(t, c, "s", "app")
					// An iterator of a stream named "missing", deleted since.
					createStream(t, c, "missing", 1)
					other := iterator(t, c, &kinesis.GetShardIteratorInput{StreamName: aws.String("missing"), ShardId: aws.String("shardId-000000000000"), ShardIteratorType: types.ShardIteratorTypeTrimHorizon})
					if _, err := c.DeleteStream(ctx, &kinesis.DeleteStreamInput{StreamName: aws.String("missing")}); err != nil {
						t.Fatal(err)
					}
					it := iterator(t, c, &kinesis.GetShardIteratorInput{StreamName: aws.String("s"), ShardId: aws.String("shardId-000000000000"), ShardIteratorType: types.ShardIteratorTypeTrimHorizon})
					queue := createQueue(t, c, "od", "q")
					body := strings.NewReplacer("$CONSUMER", consumer, "$ITERATOR", *it, "$QUEUE", queue).Replace(base)
					in := reflect.New(inType)
					if err := json.Unmarshal([]byte(body), in.Interface()); err != nil {
						t.Fatalf("base input: %v", err)
					}
					set := func(name string, value any) {
						target := in.Elem().FieldByName(name)
						if !target.IsValid() {
							return
						}
						if value == nil {
							target.SetZero()
							return
						}
						if s, ok := value.(string); ok {
							value = strings.NewReplacer("$OTHER_ITERATOR", *other).Replace(s)
						}
						target.Set(reflect.New(target.Type().Elem()))
						target.Elem().Set(reflect.ValueOf(value).Convert(target.Type().Elem()))
					}
					set(field.Name, bad.value)
					for name, value := range bad.replace {
						set(name, value)
					}
					results := reflect.ValueOf(c).MethodByName(method.Name).Call([]reflect.Value{reflect.ValueOf(ctx), in})
					err, _ := results[1].Interface().(error)
					wantAPIError(t, err, method.Name, bad.code, "")
				})
			}
		}
		if covered {
			ops++
		} else if inType.NumField() > 1 { // more than the SDK's noSmithyDocumentSerde
			t.Logf("%s: no member with bad values in the table", method.Name)
		}
	}
	t.Logf("%d bad inputs tried across %d operations", tried, ops)
}

func shorten(s string) string {
	if len(s) > 20 {
		return s[:20] + "…"
	}
	return s
}
