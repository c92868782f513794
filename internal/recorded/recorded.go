// Package recorded holds the service's answers as they are on record: the
// wording of its error messages, each with the recording it follows. The
// fake answers with them, its unit tests expect them, and the conformance
// suite holds every target to them, so that correcting one is one edit.
//
// A recording is kinesalite's test files, which were run against the
// service (test/*.js, 2015–2018), or a message quoted from production in a
// public issue; where two disagree, the newer wins.
package recorded

import (
	"fmt"
	"strconv"
	"strings"
)

// StreamNotFound is ResourceNotFoundException's message for a stream that
// does not exist (kinesalite's tests, recorded against the service).
func StreamNotFound(stream, account string) string {
	return fmt.Sprintf("Stream %s under account %s not found.", stream, account)
}

// StreamExists is ResourceInUseException's message for CreateStream of a
// name in use (kinesalite's createStream tests).
func StreamExists(stream, account string) string {
	return fmt.Sprintf("Stream %s under account %s already exists.", stream, account)
}

// StreamNotActive is ResourceInUseException's message for a stream in a
// status the call cannot act in (kinesalite's tests).
func StreamNotActive(stream, account, status string) string {
	return fmt.Sprintf("Stream %s under account %s not ACTIVE, instead in state %s", stream, account, status)
}

// ShardNotFound is ResourceNotFoundException's message for a shard ID the
// service cannot read, or one that does not exist in SplitShard and
// MergeShards (kinesalite's tests).
func ShardNotFound(shard, stream, account string) string {
	return fmt.Sprintf("Could not find shard %s in stream %s under account %s.", shard, stream, account)
}

// ShardDoesNotExist is ResourceNotFoundException's message for a shard
// that does not exist in GetShardIterator and GetRecords (kinesalite's
// getShardIterator tests).
func ShardDoesNotExist(shard, stream, account string) string {
	return fmt.Sprintf("Shard %s in stream %s under account %s does not exist", shard, stream, account)
}

// NotAdjacent is InvalidArgumentException's message for MergeShards of
// shards that are not an adjacent pair, or are the wrong way round
// (kinesalite's mergeShards tests).
func NotAdjacent(shard, adjacent, stream, account string) string {
	return fmt.Sprintf("Shards %s and %s in stream %s under account %s are not an adjacent pair of shards eligible for merging", shard, adjacent, stream, account)
}

// TooManyTags is InvalidArgumentException's message for tags beyond a
// stream's limit: it says 10 although the limit is 50 (kinesalite#54, and
// kinesalite's addTagsToStream tests since).
func TooManyTags(stream, account string) string {
	return fmt.Sprintf("Failed to add tags to stream %s under account %s because a given stream cannot have more than 10 tags associated with it.", stream, account)
}

// ShardThrottled is ProvisionedThroughputExceededException's message for a
// shard over its limits (quoted from production in
// rclark/kinesis-readable#4).
func ShardThrottled(shard, stream, account string) string {
	return "Rate exceeded for shard " + shard + " in stream " + stream + " under account " + account + "."
}

// StreamThrottled is LimitExceededException's message for a call over a
// per-stream rate (quoted from production in boto/botocore#821).
func StreamThrottled(stream, account string) string {
	return fmt.Sprintf("Rate exceeded for stream %s under account %s.", stream, account)
}

// AccountThrottled is LimitExceededException's message for a call over a
// per-account rate (quoted from production in
// Graylog2/graylog-plugin-integrations#341).
func AccountThrottled(account string) string {
	return fmt.Sprintf("Rate exceeded for account %s.", account)
}

// RetentionTooShort is InvalidArgumentException's message for a retention
// period under the minimum (kinesalite's tests).
func RetentionTooShort(minHours, hours int) string {
	return fmt.Sprintf("Minimum allowed retention period is %d hours. Requested retention period (%d hours) is too short.", minHours, hours)
}

// RetentionTooLong is InvalidArgumentException's message for a retention
// period over the maximum (kinesalite's tests, when the maximum was 168
// hours; moto keeps the wording with today's 8760).
func RetentionTooLong(maxHours, hours int) string {
	return fmt.Sprintf("Maximum allowed retention period is %d hours. Requested retention period (%d hours) is too long.", maxHours, hours)
}

// RetentionNotLonger is InvalidArgumentException's message for
// IncreaseStreamRetentionPeriod to a shorter period (kinesalite's tests).
func RetentionNotLonger(hours int, stream string, current int) string {
	return fmt.Sprintf("Requested retention period (%d hours) for stream %s can not be shorter than existing retention period (%d hours). Use DecreaseRetentionPeriod API.", hours, stream, current)
}

// RetentionNotShorter is InvalidArgumentException's message for
// DecreaseStreamRetentionPeriod to a longer period (kinesalite's tests).
func RetentionNotShorter(hours int, stream string, current int) string {
	return fmt.Sprintf("Requested retention period (%d hours) for stream %s can not be longer than existing retention period (%d hours). Use IncreaseRetentionPeriod API.", hours, stream, current)
}

// ShardLimit is LimitExceededException's message for UpdateShardCount past
// the account's shard limit (kinesalite's updateShardCount tests).
func ShardLimit(limit, open, target int) string {
	return fmt.Sprintf("Target shard count or number of open shards cannot be greater than %d. Current open shard count: %d, Target shard count: %d", limit, open, target)
}

// ScaleUpOverDouble is LimitExceededException's message for UpdateShardCount
// to more than twice the open shards (kinesalite's updateShardCount tests).
func ScaleUpOverDouble(open, target int) string {
	return fmt.Sprintf("UpdateShardCount cannot scale up over double your current open shard count. Current open shard count: %d, Target shard count: %d", open, target)
}

// ScaleDownBelowHalf is LimitExceededException's message for
// UpdateShardCount to fewer than half the open shards (kinesalite's
// updateShardCount tests).
func ScaleDownBelowHalf(open, target int) string {
	return fmt.Sprintf("UpdateShardCount cannot scale down below half your current open shard count. Current open shard count: %d, Target shard count: %d", open, target)
}

// PutRecordsTooLarge is InvalidArgumentException's message for PutRecords
// over its total size, in MB (the service's wording for its former 5 MB
// limit, recorded by kinesalite's putRecords tests).
func PutRecordsTooLarge(mb int) string {
	return fmt.Sprintf("Records size exceeds %d MB limit", mb)
}

// PolicyNotFound is ResourceNotFoundException's message for a resource
// with no policy (moto's tests and LocalStack's implementation,
// localstack#12961).
func PolicyNotFound(arn string) string {
	return "No resource policy found for resource ARN " + arn + "."
}

// SubscriptionInUse is ResourceInUseException's message for a subscription
// to a shard its consumer subscribed to within 5 seconds, and the end of
// the subscription a new one takes over from (quoted from production in
// awslabs/amazon-kinesis-client#391).
func SubscriptionInUse(account, stream, shard, consumer string) string {
	return fmt.Sprintf("Another active subscription exists for this consumer: %s:%s:%s:%s", account, stream, shard, consumer)
}

// ConsumerNotActive is ResourceInUseException's message for subscribing
// with a consumer that is not ACTIVE, space before the comma included
// (quoted from production in kinesis-hot-shard-advisor#37).
// created is the consumer's creation time in Unix seconds, as its ARN has it.
func ConsumerNotActive(consumer, created, stream, account string) string {
	return fmt.Sprintf("Consumer %s with creation timestamp %s under stream: %s , account %s is not in ACTIVE status.", consumer, created, stream, account)
}

// ConsumerNotFound is ResourceNotFoundException's message for a consumer
// ARN that names no consumer (quoted from production in
// aws/amazon-kinesis-connector-flink#44).
// created is the consumer's creation time in Unix seconds, as its ARN has it.
func ConsumerNotFound(consumer, created, stream, account string) string {
	return fmt.Sprintf("Consumer %s with creation timestamp %s under stream: %s, account %s not found.", consumer, created, stream, account)
}

// StreamHasConsumers is ResourceInUseException's message for DeleteStream
// of a stream with consumers, without EnforceConsumerDeletion (quoted from
// production in hashicorp/terraform-provider-aws#8420).
func StreamHasConsumers(account, stream string) string {
	return fmt.Sprintf("DeleteStream can\u2019t delete %s:%s because there are consumers associated with this data stream. "+
		"To delete %s anyway, set the EnforceConsumerDeletion parameter to true to force the deletion of all the consumers that are associated with it.", account, stream, stream)
}

// ValidationErrors is ValidationException's message for the violations of
// an input's constraints, as the service lists them (kinesalite's tests).
// It is written in one allocation of its size: a value may be as long as a
// request.
func ValidationErrors(violations ...Violation) string {
	head := strconv.Itoa(len(violations)) + " validation error"
	if len(violations) != 1 {
		head += "s"
	}
	head += " detected: "
	size := len(head)
	for i, v := range violations {
		if i > 0 {
			size += len("; ")
		}
		size += v.size()
	}
	var b strings.Builder
	b.Grow(size)
	b.WriteString(head)
	for i, v := range violations {
		if i > 0 {
			b.WriteString("; ")
		}
		v.write(&b)
	}
	return b.String()
}

// Violation is one violation of a constraint in ValidationErrors.
type Violation struct {
	// Value is the value as the service renders it: quoted ('s') if
	// Quoted, as null is not, or left out if "", as it is for data
	// (kinesalite's putRecord tests).
	Value  string
	Quoted bool
	// Member is where the value sits, as the service names it
	// (records.1.member.partitionKey), and Constraint what it breaks.
	Member, Constraint string
}

const (
	violationValue  = "Value "
	violationMember = "at '"
	violationRest   = "' failed to satisfy constraint: "
)

func (v Violation) size() int {
	n := len(violationValue) + len(violationMember) + len(v.Member) + len(violationRest) + len(v.Constraint)
	n += len(v.Value)
	if v.Quoted {
		n += len("''")
	}
	if v.Quoted || v.Value != "" {
		n += len(" ")
	}
	return n
}

func (v Violation) write(b *strings.Builder) {
	b.WriteString(violationValue)
	if v.Quoted {
		b.WriteByte('\'')
	}
	b.WriteString(v.Value)
	if v.Quoted {
		b.WriteByte('\'')
	}
	if v.Quoted || v.Value != "" {
		b.WriteByte(' ')
	}
	b.WriteString(violationMember)
	b.WriteString(v.Member)
	b.WriteString(violationRest)
	b.WriteString(v.Constraint)
}

// String is the violation as ValidationErrors lists it.
func (v Violation) String() string {
	var b strings.Builder
	b.Grow(v.size())
	v.write(&b)
	return b.String()
}

// IteratorTypeMismatch is InvalidArgumentException's message for an
// iterator type that does not fit whether a StartingSequenceNumber is
// given; specified is the type and, for example, "and no
// StartingSequenceNumber" (kinesalite's getShardIterator tests).
func IteratorTypeMismatch(specified string) string {
	return "Must either specify (1) AT_SEQUENCE_NUMBER or AFTER_SEQUENCE_NUMBER and StartingSequenceNumber or (2) TRIM_HORIZON or LATEST and no StartingSequenceNumber. Request specified " + specified + "."
}

// TimestampInFuture is InvalidArgumentException's message for an
// AT_TIMESTAMP iterator whose Timestamp is after the service's clock
// (kinesalite's getShardIterator tests).
func TimestampInFuture(millis, nowMillis int64) string {
	return fmt.Sprintf("The timestampInMillis parameter cannot be greater than the currentTimestampInMillis. timestampInMillis: %d, currentTimestampInMillis: %d", millis, nowMillis)
}

// NoTimestamp is InvalidArgumentException's message for an AT_TIMESTAMP
// iterator with no Timestamp (kinesalite's getShardIterator tests).
const NoTimestamp = "Must specify timestampInMillis parameter for iterator of type AT_TIMESTAMP. Current request has no timestamp parameter."

// InvalidSequenceNumber is InvalidArgumentException's message for a
// StartingSequenceNumber that is no sequence number, used in operation on
// a shard (kinesalite's getShardIterator tests).
func InvalidSequenceNumber(seq, operation, shard, stream, account string) string {
	return fmt.Sprintf("StartingSequenceNumber %s used in %s on shard %s in stream %s under account %s is invalid.", seq, operation, shard, stream, account)
}

// SequenceNotFromStream is InvalidArgumentException's message for a
// StartingSequenceNumber of this shard's index that another stream, or an
// earlier shard of the name, issued (quoted from production in
// amazon-archives/amazon-kinesis-connectors#8).
func SequenceNotFromStream(seq, operation, shard, stream, account string) string {
	return fmt.Sprintf("StartingSequenceNumber %s used in %s on shard %s in stream %s under account %s is invalid because it did not come from this stream.", seq, operation, shard, stream, account)
}

// InvalidOrderingNumber is InvalidArgumentException's message for a
// SequenceNumberForOrdering that is no sequence number the stream could
// have issued (kinesalite's putRecord tests).
func InvalidOrderingNumber(seq, stream, account string) string {
	return fmt.Sprintf("ExclusiveMinimumSequenceNumber %s used in PutRecord on stream %s under account %s is invalid.", seq, stream, account)
}

// ShardAlreadyResharded is InvalidArgumentException's message for
// SplitShard or MergeShards of a closed shard (moto's, which it keeps as
// the service's).
func ShardAlreadyResharded(shard, stream, account string) string {
	return fmt.Sprintf("Shard %s in stream %s under account %s has already been merged or split, and thus is not eligible for merging or splitting.", shard, stream, account)
}

// OnDemandCannotReshard is ValidationException's message for resharding an
// on-demand stream (moto's, which it keeps as the service's).
func OnDemandCannotReshard(stream, account string) string {
	return "Request is invalid. Stream " + stream + " under account " + account + " is in On-Demand mode."
}

// SequenceOfOtherShard is InvalidArgumentException's message for a
// StartingSequenceNumber that encodes another shard (kinesalite's
// getShardIterator tests).
func SequenceOfOtherShard(encoded, shard string) string {
	return fmt.Sprintf("Invalid StartingSequenceNumber. It encodes %s, while it was used in a call to a shard with %s", encoded, shard)
}

// ExplicitHashKeyOutOfRange is InvalidArgumentException's message for an
// ExplicitHashKey of 2^128 or more (kinesalite's putRecord tests).
func ExplicitHashKeyOutOfRange(key string) string {
	return "Invalid ExplicitHashKey. ExplicitHashKey must be in the range: [0, 2^128-1]. Specified value was " + key
}

// SplitKeyOutOfRange is InvalidArgumentException's message for a
// NewStartingHashKey outside the shard it splits (kinesalite's splitShard
// tests).
func SplitKeyOutOfRange(key, shard, stream, account, start, end string) string {
	return fmt.Sprintf("NewStartingHashKey %s used in SplitShard() on shard %s in stream %s under account %s is not both greater than one plus the shard's StartingHashKey %s and less than the shard's EndingHashKey %s.", key, shard, stream, account, start, end)
}

// NextTokenWith is InvalidArgumentException's message for a NextToken
// given with a member it excludes (quoted from production in public
// issues; kinesalite's listShards tests).
func NextTokenWith(member string) string {
	return fmt.Sprintf("NextToken and %s cannot be provided together.", member)
}

// BadTagCharacters is InvalidArgumentException's message for tags with
// characters outside those allowed (kinesalite's addTagsToStream and
// removeTagsFromStream tests). It does not list ':', which the service
// accepts all the same.
const BadTagCharacters = "Some tags contain invalid characters. Valid characters: Unicode letters, digits, white space, _ . / = + - % @."

// IllegalTagCharacters is InvalidArgumentException's message for a tag
// with a percent sign, which names the call's action ("add tags to",
// "remove tags from") and resource ("stream NAME") (kinesalite's
// addTagsToStream and removeTagsFromStream tests).
func IllegalTagCharacters(action, resource, account string) string {
	return fmt.Sprintf("Failed to %s %s under account %s because some tags contained illegal characters. "+
		"The allowed characters are Unicode letters, white-spaces, '_',',','/','=','+','-','@'.", action, resource, account)
}
