package recorded

import "testing"

// Each answer reads as its recording does, word for word: the fake, its
// tests and the conformance suite all take the wording from here, so only
// this table holds it to the recordings.
func TestAnswersReadAsRecorded(t *testing.T) {
	const acct = "123456789012"
	for _, tt := range []struct{ got, want string }{
		{StreamNotFound("s", acct), "Stream s under account 123456789012 not found."},
		{StreamExists("s", acct), "Stream s under account 123456789012 already exists."},
		{StreamNotActive("s", acct, "UPDATING"), "Stream s under account 123456789012 not ACTIVE, instead in state UPDATING"},
		{ShardNotFound("shardId-000000000005", "s", acct), "Could not find shard shardId-000000000005 in stream s under account 123456789012."},
		{ShardDoesNotExist("shardId-000000000005", "s", acct), "Shard shardId-000000000005 in stream s under account 123456789012 does not exist"},
		{NotAdjacent("shardId-000000000000", "shardId-000000000002", "s", acct), "Shards shardId-000000000000 and shardId-000000000002 in stream s under account 123456789012 are not an adjacent pair of shards eligible for merging"},
		{TooManyTags("s", acct), "Failed to add tags to stream s under account 123456789012 because a given stream cannot have more than 10 tags associated with it."},
		{ShardThrottled("shardId-000000000000", "s", acct), "Rate exceeded for shard shardId-000000000000 in stream s under account 123456789012."},
		{StreamThrottled("s", acct), "Rate exceeded for stream s under account 123456789012."},
		{AccountThrottled(acct), "Rate exceeded for account 123456789012."},
		{RetentionTooShort(24, 23), "Minimum allowed retention period is 24 hours. Requested retention period (23 hours) is too short."},
		{RetentionNotLonger(36, "s", 48), "Requested retention period (36 hours) for stream s can not be shorter than existing retention period (48 hours). Use DecreaseRetentionPeriod API."},
		{RetentionNotShorter(48, "s", 24), "Requested retention period (48 hours) for stream s can not be longer than existing retention period (24 hours). Use IncreaseRetentionPeriod API."},
		{SubscriptionInUse(acct, "s", "shardId-000000000000", "app"), "Another active subscription exists for this consumer: 123456789012:s:shardId-000000000000:app"},
		{ConsumerNotActive("app", "1795683600", "s", acct), "Consumer app with creation timestamp 1795683600 under stream: s , account 123456789012 is not in ACTIVE status."},
		{ConsumerNotFound("app", "1795683600", "s", acct), "Consumer app with creation timestamp 1795683600 under stream: s, account 123456789012 not found."},
		{StreamHasConsumers(acct, "s"), "DeleteStream can\u2019t delete 123456789012:s because there are consumers associated with this data stream. To delete s anyway, set the EnforceConsumerDeletion parameter to true to force the deletion of all the consumers that are associated with it."},
		{ValidationErrors(Violation{"0", true, "shardCount", "Member must have value greater than or equal to 1"}), "1 validation error detected: Value '0' at 'shardCount' failed to satisfy constraint: Member must have value greater than or equal to 1"},
		{ValidationErrors(Violation{"null", false, "streamName", "Member must not be null"}, Violation{"", false, "data", "Member must have length less than or equal to 1048576"}, Violation{"", true, "s", "c"}), "3 validation errors detected: Value null at 'streamName' failed to satisfy constraint: Member must not be null; Value at 'data' failed to satisfy constraint: Member must have length less than or equal to 1048576; Value '' at 's' failed to satisfy constraint: c"},
		{IteratorTypeMismatch("AT_SEQUENCE_NUMBER and no StartingSequenceNumber"), "Must either specify (1) AT_SEQUENCE_NUMBER or AFTER_SEQUENCE_NUMBER and StartingSequenceNumber or (2) TRIM_HORIZON or LATEST and no StartingSequenceNumber. Request specified AT_SEQUENCE_NUMBER and no StartingSequenceNumber."},
		{RetentionTooLong(8760, 8761), "Maximum allowed retention period is 8760 hours. Requested retention period (8761 hours) is too long."},
		{TimestampInFuture(2000, 1000), "The timestampInMillis parameter cannot be greater than the currentTimestampInMillis. timestampInMillis: 2000, currentTimestampInMillis: 1000"},
		{ShardLimit(10, 2, 12), "Target shard count or number of open shards cannot be greater than 10. Current open shard count: 2, Target shard count: 12"},
		{ScaleUpOverDouble(2, 6), "UpdateShardCount cannot scale up over double your current open shard count. Current open shard count: 2, Target shard count: 6"},
		{ScaleDownBelowHalf(6, 2), "UpdateShardCount cannot scale down below half your current open shard count. Current open shard count: 6, Target shard count: 2"},
		{PutRecordsTooLarge(10), "Records size exceeds 10 MB limit"},
		{PolicyNotFound("arn:aws:kinesis:us-east-1:123456789012:stream/s"), "No resource policy found for resource ARN arn:aws:kinesis:us-east-1:123456789012:stream/s."},
		{NoTimestamp, "Must specify timestampInMillis parameter for iterator of type AT_TIMESTAMP. Current request has no timestamp parameter."},
		{InvalidSequenceNumber("1", "GetShardIterator", "shardId-000000000000", "s", acct), "StartingSequenceNumber 1 used in GetShardIterator on shard shardId-000000000000 in stream s under account 123456789012 is invalid."},
		{SequenceNotFromStream("49537979178794861780081237450294896636708704732336619521", "GetShardIterator", "shardId-000000000000", "s", acct), "StartingSequenceNumber 49537979178794861780081237450294896636708704732336619521 used in GetShardIterator on shard shardId-000000000000 in stream s under account 123456789012 is invalid because it did not come from this stream."},
		{InvalidOrderingNumber("123", "s", acct), "ExclusiveMinimumSequenceNumber 123 used in PutRecord on stream s under account 123456789012 is invalid."},
		{ShardAlreadyResharded("shardId-000000000000", "s", acct), "Shard shardId-000000000000 in stream s under account 123456789012 has already been merged or split, and thus is not eligible for merging or splitting."},
		{OnDemandCannotReshard("s", acct), "Request is invalid. Stream s under account 123456789012 is in On-Demand mode."},
		{SequenceOfOtherShard("shardId-000000000001", "shardId-000000000000"), "Invalid StartingSequenceNumber. It encodes shardId-000000000001, while it was used in a call to a shard with shardId-000000000000"},
		{ExplicitHashKeyOutOfRange("340282366920938463463374607431768211456"), "Invalid ExplicitHashKey. ExplicitHashKey must be in the range: [0, 2^128-1]. Specified value was 340282366920938463463374607431768211456"},
		{SplitKeyOutOfRange("1", "shardId-000000000000", "s", acct, "0", "99"), "NewStartingHashKey 1 used in SplitShard() on shard shardId-000000000000 in stream s under account 123456789012 is not both greater than one plus the shard's StartingHashKey 0 and less than the shard's EndingHashKey 99."},
		{NextTokenWith("StreamName"), "NextToken and StreamName cannot be provided together."},
		{BadTagCharacters, "Some tags contain invalid characters. Valid characters: Unicode letters, digits, white space, _ . / = + - % @."},
		{IllegalTagCharacters("add tags to", "stream s", acct), "Failed to add tags to stream s under account 123456789012 because some tags contained illegal characters. The allowed characters are Unicode letters, white-spaces, '_',',','/','=','+','-','@'."},
	} {
		if tt.got != tt.want {
			t.Errorf("got  %q\nwant %q", tt.got, tt.want)
		}
	}
}
