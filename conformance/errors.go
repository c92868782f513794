package conformance

import (
	"errors"
	"fmt"
	"net/http"
	"regexp"
	"slices"
	"strings"

	"github.com/aws/aws-sdk-go-v2/aws"
	awshttp "github.com/aws/aws-sdk-go-v2/aws/transport/http"
	"github.com/aws/aws-sdk-go-v2/service/kinesis"
	"github.com/aws/aws-sdk-go-v2/service/kinesis/types"

	"github.com/streamfake/kinesis/internal/recorded"
)

// kinesaliteRecording names one of kinesalite's test files, whose messages
// were recorded against the service.
func kinesaliteRecording(test string) string {
	return "kinesalite test/" + test + ".js (recorded against the service)"
}

// errScenario is a call that must fail with the service's error.
type errScenario struct {
	name, source string
	op, code     string
	// run sets the scene and makes the call. It returns the call's error and
	// the message wanted, or "" where the service's wording is not on record
	// and only the code is checked.
	run func(t *T) (message string, err error)
}

// errScenarios makes a scenario of the errors group of each case.
func errScenarios(cases ...errScenario) []Scenario {
	scenarios := make([]Scenario, 0, len(cases))
	for _, c := range cases {
		scenarios = append(scenarios, Scenario{Group: "errors", Name: c.name, Source: c.source, Run: func(t *T) {
			message, err := c.run(t)
			t.WantError(err, c.op, c.code, message)
		}})
	}
	return scenarios
}

// violationScenario is a call that must fail validation with exactly the
// violations given, in any order.
type violationScenario struct {
	name, source, op string
	run              func(t *T) (violations []recorded.Violation, err error)
}

// violationScenarios makes a scenario of the errors group of each case.
func violationScenarios(cases ...violationScenario) []Scenario {
	scenarios := make([]Scenario, 0, len(cases))
	for _, c := range cases {
		scenarios = append(scenarios, Scenario{Group: "errors", Name: c.name, Source: c.source, Run: func(t *T) {
			violations, err := c.run(t)
			t.wantViolations(err, c.op, violations...)
		}})
	}
	return scenarios
}

// The constraints' wording, as the service words it (kinesalite's tests).
const (
	nameRegexConstraint = "Member must satisfy regular expression pattern: [a-zA-Z0-9_.-]+"
	minLengthConstraint = "Member must have length greater than or equal to 1"
	maxLengthConstraint = "Member must have length less than or equal to 128"
)

// constraintViolation is one violation of a constraint, as the service
// lists it.
func constraintViolation(value, member, constraint string) recorded.Violation {
	return recorded.Violation{Value: value, Quoted: true, Member: member, Constraint: constraint}
}

// overlongName is a name one character too long.
var overlongName = strings.Repeat("a", 129)

// errorScenarios are the scenarios of the errors group.
func errorScenarios() []Scenario {
	return slices.Concat(unknownStreamScenarios(), unknownShardScenarios(), validationScenarios(),
		argumentScenarios(), limitScenarios(), consumerErrorScenarios(), httpStatusScenarios())
}

// unknownStreamScenarios call each operation on a stream the target does not
// have: ResourceNotFoundException, "Stream NAME under account ACCOUNT not
// found.".
func unknownStreamScenarios() []Scenario {
	cases := []struct {
		op   string
		test string // kinesalite's test file that recorded the message; "" for none
		call func(t *T, name, streamARN string) error
	}{
		{"DescribeStream", "describeStream", func(t *T, name, _ string) error {
			_, err := t.K.DescribeStream(t.Ctx(), &kinesis.DescribeStreamInput{StreamName: aws.String(name)})
			return err
		}},
		{"DescribeStreamSummary", "describeStreamSummary", func(t *T, name, _ string) error {
			_, err := t.K.DescribeStreamSummary(t.Ctx(), &kinesis.DescribeStreamSummaryInput{StreamName: aws.String(name)})
			return err
		}},
		{"DeleteStream", "deleteStream", func(t *T, name, _ string) error {
			_, err := t.K.DeleteStream(t.Ctx(), &kinesis.DeleteStreamInput{StreamName: aws.String(name)})
			return err
		}},
		{"PutRecord", "putRecord", func(t *T, name, _ string) error {
			_, err := t.K.PutRecord(t.Ctx(), &kinesis.PutRecordInput{StreamName: aws.String(name), PartitionKey: aws.String("k"), Data: []byte{}})
			return err
		}},
		{"PutRecords", "putRecords", func(t *T, name, _ string) error {
			_, err := t.K.PutRecords(t.Ctx(), &kinesis.PutRecordsInput{StreamName: aws.String(name), Records: []types.PutRecordsRequestEntry{{PartitionKey: aws.String("a"), Data: []byte{}}}})
			return err
		}},
		{"ListShards", "listShards", func(t *T, name, _ string) error {
			_, err := t.K.ListShards(t.Ctx(), &kinesis.ListShardsInput{StreamName: aws.String(name)})
			return err
		}},
		{"AddTagsToStream", "addTagsToStream", func(t *T, name, _ string) error {
			_, err := t.K.AddTagsToStream(t.Ctx(), &kinesis.AddTagsToStreamInput{StreamName: aws.String(name), Tags: map[string]string{"a": "b"}})
			return err
		}},
		// The recording asks to remove a key with a character tags may not
		// have: the stream is looked for first.
		{"RemoveTagsFromStream", "removeTagsFromStream", func(t *T, name, _ string) error {
			_, err := t.K.RemoveTagsFromStream(t.Ctx(), &kinesis.RemoveTagsFromStreamInput{StreamName: aws.String(name), TagKeys: []string{";"}})
			return err
		}},
		{"ListTagsForStream", "listTagsForStream", func(t *T, name, _ string) error {
			_, err := t.K.ListTagsForStream(t.Ctx(), &kinesis.ListTagsForStreamInput{StreamName: aws.String(name), ExclusiveStartTagKey: aws.String("a"), Limit: aws.Int32(1)})
			return err
		}},
		{"IncreaseStreamRetentionPeriod", "increaseStreamRetentionPeriod", func(t *T, name, _ string) error {
			_, err := t.K.IncreaseStreamRetentionPeriod(t.Ctx(), &kinesis.IncreaseStreamRetentionPeriodInput{StreamName: aws.String(name), RetentionPeriodHours: aws.Int32(25)})
			return err
		}},
		{"DecreaseStreamRetentionPeriod", "decreaseStreamRetentionPeriod", func(t *T, name, _ string) error {
			_, err := t.K.DecreaseStreamRetentionPeriod(t.Ctx(), &kinesis.DecreaseStreamRetentionPeriodInput{StreamName: aws.String(name), RetentionPeriodHours: aws.Int32(25)})
			return err
		}},
		{"SplitShard", "splitShard", func(t *T, name, _ string) error {
			_, err := t.K.SplitShard(t.Ctx(), &kinesis.SplitShardInput{StreamName: aws.String(name), ShardToSplit: aws.String(efoFirstShard), NewStartingHashKey: aws.String("0")})
			return err
		}},
		{"MergeShards", "mergeShards", func(t *T, name, _ string) error {
			_, err := t.K.MergeShards(t.Ctx(), &kinesis.MergeShardsInput{StreamName: aws.String(name), ShardToMerge: aws.String(efoFirstShard), AdjacentShardToMerge: aws.String("shardId-000000000001")})
			return err
		}},
		{"UpdateShardCount", "updateShardCount", func(t *T, name, _ string) error {
			_, err := t.K.UpdateShardCount(t.Ctx(), &kinesis.UpdateShardCountInput{StreamName: aws.String(name), ScalingType: types.ScalingTypeUniformScaling, TargetShardCount: aws.Int32(2)})
			return err
		}},
		// The operations that take a stream's ARN only: no recording of
		// their wording, so the code only.
		{"RegisterStreamConsumer", "", func(t *T, _, streamARN string) error {
			_, err := t.K.RegisterStreamConsumer(t.Ctx(), &kinesis.RegisterStreamConsumerInput{StreamARN: aws.String(streamARN), ConsumerName: aws.String("app")})
			return err
		}},
		{"ListStreamConsumers", "", func(t *T, _, streamARN string) error {
			_, err := t.K.ListStreamConsumers(t.Ctx(), &kinesis.ListStreamConsumersInput{StreamARN: aws.String(streamARN)})
			return err
		}},
	}
	var scenarios []Scenario
	for _, c := range cases {
		source := "API reference, " + c.op + " (ResourceNotFoundException)"
		if c.test != "" {
			source += "; " + kinesaliteRecording(c.test)
		}
		scenarios = append(scenarios, Scenario{Group: "errors", Name: c.op + " on an unknown stream fails with ResourceNotFoundException", Source: source,
			Run: func(t *T) {
				name, streamARN, account := t.unknownStream()
				message := ""
				if c.test != "" {
					message = recorded.StreamNotFound(name, account)
				}
				t.WantError(c.call(t, name, streamARN), c.op, "ResourceNotFoundException", message)
			}})
	}
	return scenarios
}

// unknownShardScenarios name shards a stream does not have.
func unknownShardScenarios() []Scenario {
	return errScenarios(
		errScenario{"GetShardIterator on an unknown stream names the shard it looked for", kinesaliteRecording("getShardIterator"),
			"GetShardIterator", "ResourceNotFoundException", func(t *T) (string, error) {
				name, _, account := t.unknownStream()
				_, err := t.K.GetShardIterator(t.Ctx(), &kinesis.GetShardIteratorInput{StreamName: aws.String(name), ShardId: aws.String("2147483647"), ShardIteratorType: types.ShardIteratorTypeLatest})
				return recorded.ShardDoesNotExist("shardId-002147483647", name, account), err
			}},
		errScenario{"GetShardIterator of a shard the stream does not have is not found", kinesaliteRecording("getShardIterator"),
			"GetShardIterator", "ResourceNotFoundException", func(t *T) (string, error) {
				name, streamARN := t.CreateStream(1)
				_, err := t.K.GetShardIterator(t.Ctx(), &kinesis.GetShardIteratorInput{StreamName: aws.String(name), ShardId: aws.String("shardId-5"),
					ShardIteratorType: types.ShardIteratorTypeAtSequenceNumber, StartingSequenceNumber: aws.String("5")})
				return recorded.ShardDoesNotExist("shardId-000000000005", name, t.Account(streamARN)), err
			}},
		errScenario{"GetShardIterator of a shard ID beyond the service's range names it as given", kinesaliteRecording("getShardIterator"),
			"GetShardIterator", "ResourceNotFoundException", func(t *T) (string, error) {
				name, _, account := t.unknownStream()
				_, err := t.K.GetShardIterator(t.Ctx(), &kinesis.GetShardIteratorInput{StreamName: aws.String(name), ShardId: aws.String("2147483648"), ShardIteratorType: types.ShardIteratorTypeLatest})
				return recorded.ShardNotFound("2147483648", name, account), err
			}},
		errScenario{"SubscribeToShard of a shard the stream does not have is not found", "API reference, SubscribeToShard (ResourceNotFoundException)",
			"SubscribeToShard", "ResourceNotFoundException", func(t *T) (string, error) {
				_, streamARN := t.CreateStream(1)
				_, err := t.trySubscribe(t.RegisterConsumer(streamARN, "app"), "shardId-000000000007", types.StartingPosition{Type: types.ShardIteratorTypeLatest})
				return "", err // the wording is not on record
			}},
	)
}

// validationScenarios break the constraints the API reference gives each
// member: ValidationException, listing every violation.
func validationScenarios() []Scenario {
	exact := errScenarios(
		errScenario{"CreateStream with a name too long fails validation", kinesaliteRecording("createStream"),
			"CreateStream", "ValidationException", func(t *T) (string, error) {
				_, err := t.K.CreateStream(t.Ctx(), &kinesis.CreateStreamInput{StreamName: aws.String(overlongName), ShardCount: aws.Int32(1)})
				return recorded.ValidationErrors(constraintViolation(overlongName, "streamName", maxLengthConstraint)), err
			}},
		errScenario{"CreateStream with an empty name and no shards lists three violations in order", kinesaliteRecording("createStream"),
			"CreateStream", "ValidationException", func(t *T) (string, error) {
				_, err := t.K.CreateStream(t.Ctx(), &kinesis.CreateStreamInput{StreamName: aws.String(""), ShardCount: aws.Int32(0)})
				return recorded.ValidationErrors(
					constraintViolation("0", "shardCount", "Member must have value greater than or equal to 1"),
					constraintViolation("", "streamName", nameRegexConstraint),
					constraintViolation("", "streamName", minLengthConstraint)), err
			}},
		errScenario{"DescribeStream with an empty name, limit and start lists five violations in order", kinesaliteRecording("describeStream"),
			"DescribeStream", "ValidationException", func(t *T) (string, error) {
				_, err := t.K.DescribeStream(t.Ctx(), &kinesis.DescribeStreamInput{StreamName: aws.String(""), Limit: aws.Int32(0), ExclusiveStartShardId: aws.String("")})
				return recorded.ValidationErrors(
					constraintViolation("0", "limit", "Member must have value greater than or equal to 1"),
					constraintViolation("", "exclusiveStartShardId", nameRegexConstraint),
					constraintViolation("", "exclusiveStartShardId", minLengthConstraint),
					constraintViolation("", "streamName", nameRegexConstraint),
					constraintViolation("", "streamName", minLengthConstraint)), err
			}},
		errScenario{"DescribeStream with a name, limit and start too large lists three violations in order", kinesaliteRecording("describeStream"),
			"DescribeStream", "ValidationException", func(t *T) (string, error) {
				_, err := t.K.DescribeStream(t.Ctx(), &kinesis.DescribeStreamInput{StreamName: aws.String(overlongName), Limit: aws.Int32(100000), ExclusiveStartShardId: aws.String(overlongName)})
				return recorded.ValidationErrors(
					constraintViolation("100000", "limit", "Member must have value less than or equal to 10000"),
					constraintViolation(overlongName, "exclusiveStartShardId", maxLengthConstraint),
					constraintViolation(overlongName, "streamName", maxLengthConstraint)), err
			}},
		errScenario{"PutRecord with every member empty lists five violations in order", kinesaliteRecording("putRecord"),
			"PutRecord", "ValidationException", func(t *T) (string, error) {
				_, err := t.K.PutRecord(t.Ctx(), &kinesis.PutRecordInput{StreamName: aws.String(""), PartitionKey: aws.String(""), Data: []byte{},
					ExplicitHashKey: aws.String(""), SequenceNumberForOrdering: aws.String("")})
				return recorded.ValidationErrors(
					constraintViolation("", "sequenceNumberForOrdering", `Member must satisfy regular expression pattern: 0|([1-9]\d{0,128})`),
					constraintViolation("", "partitionKey", minLengthConstraint),
					constraintViolation("", "explicitHashKey", `Member must satisfy regular expression pattern: 0|([1-9]\d{0,38})`),
					constraintViolation("", "streamName", nameRegexConstraint),
					constraintViolation("", "streamName", minLengthConstraint)), err
			}},
		errScenario{"PutRecords with an empty name and no records lists three violations in order", kinesaliteRecording("putRecords"),
			"PutRecords", "ValidationException", func(t *T) (string, error) {
				_, err := t.K.PutRecords(t.Ctx(), &kinesis.PutRecordsInput{StreamName: aws.String(""), Records: []types.PutRecordsRequestEntry{}})
				return recorded.ValidationErrors(
					constraintViolation("[]", "records", minLengthConstraint),
					constraintViolation("", "streamName", nameRegexConstraint),
					constraintViolation("", "streamName", minLengthConstraint)), err
			}},
		errScenario{"ListTagsForStream with an empty name, start and limit lists four violations in order", kinesaliteRecording("listTagsForStream"),
			"ListTagsForStream", "ValidationException", func(t *T) (string, error) {
				_, err := t.K.ListTagsForStream(t.Ctx(), &kinesis.ListTagsForStreamInput{StreamName: aws.String(""), ExclusiveStartTagKey: aws.String(""), Limit: aws.Int32(0)})
				return recorded.ValidationErrors(
					constraintViolation("0", "limit", "Member must have value greater than or equal to 1"),
					constraintViolation("", "exclusiveStartTagKey", minLengthConstraint),
					constraintViolation("", "streamName", nameRegexConstraint),
					constraintViolation("", "streamName", minLengthConstraint)), err
			}},
		errScenario{"AddTagsToStream with a tag key too long fails validation", kinesaliteRecording("addTagsToStream"),
			"AddTagsToStream", "ValidationException", func(t *T) (string, error) {
				_, err := t.K.AddTagsToStream(t.Ctx(), &kinesis.AddTagsToStreamInput{StreamName: aws.String(t.StreamName()), Tags: map[string]string{overlongName: "3"}})
				return recorded.ValidationErrors(constraintViolation("{"+overlongName+"=3}", "tags",
					"Map keys must satisfy constraint: [Member must have length less than or equal to 128, Member must have length greater than or equal to 1]")), err
			}},
		errScenario{"AddTagsToStream with a tag value too long fails validation", kinesaliteRecording("addTagsToStream"),
			"AddTagsToStream", "ValidationException", func(t *T) (string, error) {
				value := strings.Repeat("a", 257)
				_, err := t.K.AddTagsToStream(t.Ctx(), &kinesis.AddTagsToStreamInput{StreamName: aws.String(t.StreamName()), Tags: map[string]string{"c": value}})
				return recorded.ValidationErrors(constraintViolation("{c="+value+"}", "tags",
					"Map value must satisfy constraint: [Member must have length less than or equal to 256, Member must have length greater than or equal to 0]")), err
			}},
		// The constraints below are the API reference's; the service's
		// wording for them is not on record.
		errScenario{"AddTagsToStream with more than 200 tags fails validation", "API reference, AddTagsToStream (Tags: maximum number of 200 items)",
			"AddTagsToStream", "ValidationException", func(t *T) (string, error) {
				tags := make(map[string]string, 201)
				for i := range 201 {
					tags[fmt.Sprint("k", i)] = "v"
				}
				_, err := t.K.AddTagsToStream(t.Ctx(), &kinesis.AddTagsToStreamInput{StreamName: aws.String(t.StreamName()), Tags: tags})
				return "", err
			}},
		errScenario{"RegisterStreamConsumer with a name too long fails validation", "API reference, RegisterStreamConsumer (ConsumerName: maximum length of 128)",
			"RegisterStreamConsumer", "ValidationException", func(t *T) (string, error) {
				_, streamARN, _ := t.unknownStream()
				_, err := t.K.RegisterStreamConsumer(t.Ctx(), &kinesis.RegisterStreamConsumerInput{StreamARN: aws.String(streamARN), ConsumerName: aws.String(overlongName)})
				return "", err
			}},
		errScenario{"DescribeStreamConsumer with a malformed consumer ARN fails validation", "API reference, DescribeStreamConsumer (ConsumerARN pattern)",
			"DescribeStreamConsumer", "ValidationException", func(t *T) (string, error) {
				_, streamARN, _ := t.unknownStream()
				_, err := t.K.DescribeStreamConsumer(t.Ctx(), &kinesis.DescribeStreamConsumerInput{ConsumerARN: aws.String(streamARN + "/consumer/app")})
				return "", err
			}},
		errScenario{"SubscribeToShard from an unknown kind of position fails validation", "API reference, StartingPosition (Type: valid values)",
			"SubscribeToShard", "ValidationException", func(t *T) (string, error) {
				_, streamARN, _ := t.unknownStream()
				_, err := t.trySubscribe(streamARN+"/consumer/app:1700000000", efoFirstShard, types.StartingPosition{Type: "NOW"})
				return "", err
			}},
	)
	// Recordings that list their violations as a set.
	anyOrder := violationScenarios(
		violationScenario{"DescribeStreamSummary with an empty name lists both violations", kinesaliteRecording("describeStreamSummary"),
			"DescribeStreamSummary", func(t *T) ([]recorded.Violation, error) {
				_, err := t.K.DescribeStreamSummary(t.Ctx(), &kinesis.DescribeStreamSummaryInput{StreamName: aws.String("")})
				return []recorded.Violation{constraintViolation("", "streamName", nameRegexConstraint), constraintViolation("", "streamName", minLengthConstraint)}, err
			}},
		violationScenario{"DeleteStream with a name too long fails validation", kinesaliteRecording("deleteStream"),
			"DeleteStream", func(t *T) ([]recorded.Violation, error) {
				_, err := t.K.DeleteStream(t.Ctx(), &kinesis.DeleteStreamInput{StreamName: aws.String(overlongName)})
				return []recorded.Violation{constraintViolation(overlongName, "streamName", maxLengthConstraint)}, err
			}},
		violationScenario{"GetShardIterator with a stream name and shard ID too long lists both", kinesaliteRecording("getShardIterator"),
			"GetShardIterator", func(t *T) ([]recorded.Violation, error) {
				_, err := t.K.GetShardIterator(t.Ctx(), &kinesis.GetShardIteratorInput{StreamName: aws.String(overlongName), ShardId: aws.String(overlongName), ShardIteratorType: types.ShardIteratorTypeLatest})
				return []recorded.Violation{constraintViolation(overlongName, "shardId", maxLengthConstraint), constraintViolation(overlongName, "streamName", maxLengthConstraint)}, err
			}},
		violationScenario{"ListShards with every member empty lists six violations", kinesaliteRecording("listShards"),
			"ListShards", func(t *T) ([]recorded.Violation, error) {
				_, err := t.K.ListShards(t.Ctx(), &kinesis.ListShardsInput{StreamName: aws.String(""), NextToken: aws.String(""), MaxResults: aws.Int32(0), ExclusiveStartShardId: aws.String("")})
				return []recorded.Violation{
					constraintViolation("0", "maxResults", "Member must have value greater than or equal to 1"),
					constraintViolation("", "exclusiveStartShardId", nameRegexConstraint),
					constraintViolation("", "exclusiveStartShardId", minLengthConstraint),
					constraintViolation("", "streamName", nameRegexConstraint),
					constraintViolation("", "streamName", minLengthConstraint),
					constraintViolation("", "nextToken", minLengthConstraint)}, err
			}},
		violationScenario{"ListShards with a name, start and page too large lists three violations", kinesaliteRecording("listShards"),
			"ListShards", func(t *T) ([]recorded.Violation, error) {
				_, err := t.K.ListShards(t.Ctx(), &kinesis.ListShardsInput{StreamName: aws.String(overlongName), MaxResults: aws.Int32(100000), ExclusiveStartShardId: aws.String(overlongName)})
				return []recorded.Violation{
					constraintViolation("100000", "maxResults", "Member must have value less than or equal to 10000"),
					constraintViolation(overlongName, "exclusiveStartShardId", maxLengthConstraint),
					constraintViolation(overlongName, "streamName", maxLengthConstraint)}, err
			}},
		violationScenario{"SplitShard with every member empty lists five violations", kinesaliteRecording("splitShard"),
			"SplitShard", func(t *T) ([]recorded.Violation, error) {
				_, err := t.K.SplitShard(t.Ctx(), &kinesis.SplitShardInput{StreamName: aws.String(""), ShardToSplit: aws.String(""), NewStartingHashKey: aws.String("")})
				return []recorded.Violation{
					constraintViolation("", "newStartingHashKey", `Member must satisfy regular expression pattern: 0|([1-9]\d{0,38})`),
					constraintViolation("", "streamName", nameRegexConstraint),
					constraintViolation("", "streamName", minLengthConstraint),
					constraintViolation("", "shardToSplit", nameRegexConstraint),
					constraintViolation("", "shardToSplit", minLengthConstraint)}, err
			}},
		violationScenario{"MergeShards with every name too long lists three violations", kinesaliteRecording("mergeShards"),
			"MergeShards", func(t *T) ([]recorded.Violation, error) {
				_, err := t.K.MergeShards(t.Ctx(), &kinesis.MergeShardsInput{StreamName: aws.String(overlongName), ShardToMerge: aws.String(overlongName), AdjacentShardToMerge: aws.String(overlongName)})
				return []recorded.Violation{
					constraintViolation(overlongName, "shardToMerge", maxLengthConstraint),
					constraintViolation(overlongName, "adjacentShardToMerge", maxLengthConstraint),
					constraintViolation(overlongName, "streamName", maxLengthConstraint)}, err
			}},
		violationScenario{"AddTagsToStream with an empty name and no tags lists three violations", kinesaliteRecording("addTagsToStream"),
			"AddTagsToStream", func(t *T) ([]recorded.Violation, error) {
				_, err := t.K.AddTagsToStream(t.Ctx(), &kinesis.AddTagsToStreamInput{StreamName: aws.String(""), Tags: map[string]string{}})
				return []recorded.Violation{constraintViolation("{}", "tags", minLengthConstraint), constraintViolation("", "streamName", nameRegexConstraint), constraintViolation("", "streamName", minLengthConstraint)}, err
			}},
		violationScenario{"RemoveTagsFromStream with a tag key too long fails validation", kinesaliteRecording("removeTagsFromStream"),
			"RemoveTagsFromStream", func(t *T) ([]recorded.Violation, error) {
				_, err := t.K.RemoveTagsFromStream(t.Ctx(), &kinesis.RemoveTagsFromStreamInput{StreamName: aws.String(t.StreamName()), TagKeys: []string{"a", overlongName, "b"}})
				return []recorded.Violation{constraintViolation("[a, "+overlongName+", b]", "tagKeys",
					"Member must satisfy constraint: [Member must have length less than or equal to 128, Member must have length greater than or equal to 1]")}, err
			}},
		violationScenario{"UpdateShardCount to more than 100000 shards fails validation", kinesaliteRecording("updateShardCount"),
			"UpdateShardCount", func(t *T) ([]recorded.Violation, error) {
				_, err := t.K.UpdateShardCount(t.Ctx(), &kinesis.UpdateShardCountInput{StreamName: aws.String(t.StreamName()), ScalingType: types.ScalingTypeUniformScaling, TargetShardCount: aws.Int32(100001)})
				return []recorded.Violation{constraintViolation("100001", "targetShardCount", "Member must have value less than or equal to 100000")}, err
			}},
	)
	return slices.Concat(exact, anyOrder)
}

// argumentScenarios pass values the members' constraints allow but the
// operation refuses: InvalidArgumentException.
func argumentScenarios() []Scenario {
	tagChars := []struct{ what, key, value string }{
		{"a semicolon in a key", "abc;def", "1"},
		{"a newline in a key", "abc\ndef", "1"},
		{"a tab in a value", "a", "abc\tdef"},
		{"a comma in a value", "a", "abc,def"},
	}
	var chars []errScenario
	for _, c := range tagChars {
		chars = append(chars, errScenario{"AddTagsToStream with " + c.what + " is refused", kinesaliteRecording("addTagsToStream"),
			"AddTagsToStream", "InvalidArgumentException", func(t *T) (string, error) {
				name, _ := t.CreateStream(1)
				_, err := t.K.AddTagsToStream(t.Ctx(), &kinesis.AddTagsToStreamInput{StreamName: aws.String(name), Tags: map[string]string{c.key: c.value}})
				return recorded.BadTagCharacters, err
			}})
	}
	retention := func(increase bool, hours int32) func(t *T) (string, error) {
		return func(t *T) (string, error) {
			name, _ := t.CreateStream(1)
			var err error
			if increase {
				_, err = t.K.IncreaseStreamRetentionPeriod(t.Ctx(), &kinesis.IncreaseStreamRetentionPeriodInput{StreamName: aws.String(name), RetentionPeriodHours: aws.Int32(hours)})
			} else {
				_, err = t.K.DecreaseStreamRetentionPeriod(t.Ctx(), &kinesis.DecreaseStreamRetentionPeriodInput{StreamName: aws.String(name), RetentionPeriodHours: aws.Int32(hours)})
			}
			if hours < 24 {
				return recorded.RetentionTooShort(24, int(hours)), err
			}
			// kinesalite recorded the wording when the maximum was 168 hours;
			// the API reference has since raised it to 8760: the code only.
			return "", err
		}
	}
	return errScenarios(slices.Concat(chars, []errScenario{
		{"IncreaseStreamRetentionPeriod below 24 hours is refused", kinesaliteRecording("increaseStreamRetentionPeriod"),
			"IncreaseStreamRetentionPeriod", "InvalidArgumentException", retention(true, 23)},
		{"DecreaseStreamRetentionPeriod below 24 hours is refused", kinesaliteRecording("decreaseStreamRetentionPeriod"),
			"DecreaseStreamRetentionPeriod", "InvalidArgumentException", retention(false, 23)},
		{"IncreaseStreamRetentionPeriod above 8760 hours is refused", "API reference, IncreaseStreamRetentionPeriod (a maximum of 8760 hours)",
			"IncreaseStreamRetentionPeriod", "InvalidArgumentException", retention(true, 8761)},
		{"AddTagsToStream with a percent sign names the stream and the characters allowed", kinesaliteRecording("addTagsToStream"),
			"AddTagsToStream", "InvalidArgumentException", func(t *T) (string, error) {
				name, streamARN := t.CreateStream(1)
				_, err := t.K.AddTagsToStream(t.Ctx(), &kinesis.AddTagsToStreamInput{StreamName: aws.String(name), Tags: map[string]string{"abc%def": "1"}})
				return recorded.IllegalTagCharacters("add tags to", "stream "+name, t.Account(streamARN)), err
			}},
		{"RemoveTagsFromStream with a semicolon in a key is refused", kinesaliteRecording("removeTagsFromStream"),
			"RemoveTagsFromStream", "InvalidArgumentException", func(t *T) (string, error) {
				name, _ := t.CreateStream(1)
				_, err := t.K.RemoveTagsFromStream(t.Ctx(), &kinesis.RemoveTagsFromStreamInput{StreamName: aws.String(name), TagKeys: []string{"abc;def"}})
				return recorded.BadTagCharacters, err
			}},
		{"RemoveTagsFromStream with a percent sign names the stream and the characters allowed", kinesaliteRecording("removeTagsFromStream"),
			"RemoveTagsFromStream", "InvalidArgumentException", func(t *T) (string, error) {
				name, streamARN := t.CreateStream(1)
				_, err := t.K.RemoveTagsFromStream(t.Ctx(), &kinesis.RemoveTagsFromStreamInput{StreamName: aws.String(name), TagKeys: []string{"abc%def"}})
				return recorded.IllegalTagCharacters("remove tags from", "stream "+name, t.Account(streamARN)), err
			}},
		// The limit is 50 tags (API reference, AddTagsToStream); the
		// service's message still says 10 (kinesalite#54, 2017, and
		// kinesalite's addTagsToStream since).
		{"AddTagsToStream beyond 50 tags on the stream is refused", "API reference, AddTagsToStream (\"You can assign up to 50 tags to a data stream\"); " + kinesaliteRecording("addTagsToStream") + "; mhart/kinesalite#54",
			"AddTagsToStream", "InvalidArgumentException", func(t *T) (string, error) {
				name, streamARN := t.CreateStream(1)
				// 50 tags, 10 a call (the most a call could carry before the
				// API reference raised it), then one more.
				for call := range 5 {
					tags := make(map[string]string, 10)
					for i := range 10 {
						tags[fmt.Sprint("k", call*10+i)] = "v"
					}
					t.Must(t.K.AddTagsToStream(t.Ctx(), &kinesis.AddTagsToStreamInput{StreamName: aws.String(name), Tags: tags}))
				}
				_, err := t.K.AddTagsToStream(t.Ctx(), &kinesis.AddTagsToStreamInput{StreamName: aws.String(name), Tags: map[string]string{"one": "more"}})
				return recorded.TooManyTags(name, t.Account(streamARN)), err
			}},
		{"ListShards with both a stream name and a NextToken is refused", kinesaliteRecording("listShards"),
			"ListShards", "InvalidArgumentException", func(t *T) (string, error) {
				name := t.StreamName()
				_, err := t.K.ListShards(t.Ctx(), &kinesis.ListShardsInput{StreamName: aws.String(name), NextToken: aws.String(name)})
				return recorded.NextTokenWith("StreamName"), err
			}},
		// kinesalite recorded "Either NextToken or StreamName should be
		// provided." before the API reference added StreamARN: the code only.
		{"ListShards with neither a stream nor a NextToken is refused", "API reference, ListShards; " + kinesaliteRecording("listShards"),
			"ListShards", "InvalidArgumentException", func(t *T) (string, error) {
				_, err := t.K.ListShards(t.Ctx(), &kinesis.ListShardsInput{})
				return "", err
			}},
	})...)
}

// limitScenarios go beyond the service's limits: LimitExceededException.
func limitScenarios() []Scenario {
	return errScenarios(
		// 100000 shards, more than any default quota, and within the most
		// ShardCount kinesalite's model allows. The message names the
		// account's shard count and quota, which differ from account to
		// account: the code only.
		errScenario{"CreateStream with more shards than an account may have is refused", "API reference, CreateStream (LimitExceededException); " + kinesaliteRecording("createStream"),
			"CreateStream", "LimitExceededException", func(t *T) (string, error) {
				name := t.StreamName()
				// Should a target accept it, the stream must not be left behind.
				t.Cleanup(func() { t.deleteStream(name) })
				_, err := t.K.CreateStream(t.Ctx(), &kinesis.CreateStreamInput{StreamName: aws.String(name), ShardCount: aws.Int32(100_000)})
				return "", err
			}},
	)
}

// consumerErrorScenarios name consumers the stream does not have.
func consumerErrorScenarios() []Scenario {
	return errScenarios(
		errScenario{"SubscribeToShard with a deregistered consumer's ARN is not found", refSubscribe + " (ResourceNotFoundException); the message as quoted from production in awslabs/amazon-kinesis-connector-flink#44",
			"SubscribeToShard", "ResourceNotFoundException", func(t *T) (string, error) {
				name, streamARN := t.CreateStream(1)
				consumerARN := t.RegisterConsumer(streamARN, "app")
				t.Must(t.K.DeregisterStreamConsumer(t.Ctx(), &kinesis.DeregisterStreamConsumerInput{ConsumerARN: aws.String(consumerARN)}))
				t.consumerGone(consumerARN)
				_, err := t.trySubscribe(consumerARN, efoFirstShard, types.StartingPosition{Type: types.ShardIteratorTypeLatest})
				return recorded.ConsumerNotFound("app", consumerEpoch(consumerARN), name, t.Account(streamARN)), err
			}},
		errScenario{"DescribeStreamConsumer of a name the stream does not have is not found", "API reference, DescribeStreamConsumer (ResourceNotFoundException)",
			"DescribeStreamConsumer", "ResourceNotFoundException", func(t *T) (string, error) {
				_, streamARN := t.CreateStream(1)
				_, err := t.K.DescribeStreamConsumer(t.Ctx(), &kinesis.DescribeStreamConsumerInput{StreamARN: aws.String(streamARN), ConsumerName: aws.String("nobody")})
				return "", err
			}},
		errScenario{"DeregisterStreamConsumer of a name the stream does not have is not found", refDeregister + " (ResourceNotFoundException)",
			"DeregisterStreamConsumer", "ResourceNotFoundException", func(t *T) (string, error) {
				_, streamARN := t.CreateStream(1)
				_, err := t.K.DeregisterStreamConsumer(t.Ctx(), &kinesis.DeregisterStreamConsumerInput{StreamARN: aws.String(streamARN), ConsumerName: aws.String("nobody")})
				return "", err
			}},
	)
}

// uuidForm is the form of the service's request IDs, which kinesalite
// recorded in its x-amzn-RequestId header.
var uuidForm = regexp.MustCompile(`^[a-f0-9]{8}-[a-f0-9]{4}-[a-f0-9]{4}-[a-f0-9]{4}-[a-f0-9]{12}$`)

// httpStatusScenarios look at an error as the SDK hands it over: an HTTP
// response of status 400 with a request ID, which unwraps to the error's
// type.
func httpStatusScenarios() []Scenario {
	cases := []struct {
		code string
		call func(t *T) error
		is   func(error) bool
	}{
		{"ResourceNotFoundException", func(t *T) error {
			_, err := t.K.DescribeStreamSummary(t.Ctx(), &kinesis.DescribeStreamSummaryInput{StreamName: aws.String(t.StreamName())})
			return err
		}, func(err error) bool { var e *types.ResourceNotFoundException; return errors.As(err, &e) }},
		{"ValidationException", func(t *T) error {
			_, err := t.K.DescribeStreamSummary(t.Ctx(), &kinesis.DescribeStreamSummaryInput{StreamName: aws.String(overlongName)})
			return err
		}, func(err error) bool { var e *types.ValidationException; return errors.As(err, &e) }},
		{"InvalidArgumentException", func(t *T) error {
			name, _ := t.CreateStream(1)
			_, err := t.K.IncreaseStreamRetentionPeriod(t.Ctx(), &kinesis.IncreaseStreamRetentionPeriodInput{StreamName: aws.String(name), RetentionPeriodHours: aws.Int32(23)})
			return err
		}, func(err error) bool { var e *types.InvalidArgumentException; return errors.As(err, &e) }},
	}
	var scenarios []Scenario
	for _, c := range cases {
		scenarios = append(scenarios, Scenario{Group: "errors", Name: c.code + " comes as HTTP 400 with a request ID and unwraps to its type",
			Source: "API reference, Common Errors and each operation's Errors (HTTP Status Code: 400); kinesalite test/connection.js (x-amzn-RequestId) and test/helpers.js (status 400), recorded against the service",
			Run: func(t *T) {
				err := c.call(t)
				var resp *awshttp.ResponseError
				if !errors.As(err, &resp) {
					t.Fatalf("error %v carries no HTTP response", err)
				}
				if got := resp.HTTPStatusCode(); got != http.StatusBadRequest {
					t.Errorf("HTTP status %d, want 400", got)
				}
				if id := resp.ServiceRequestID(); !uuidForm.MatchString(id) {
					t.Errorf("request ID %q is not a UUID", id)
				}
				if !c.is(err) {
					t.Errorf("error %v does not unwrap to *types.%s", err, c.code)
				}
			}})
	}
	return scenarios
}
