package kinesisfake

import (
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/kinesis"
	"github.com/aws/aws-sdk-go-v2/service/kinesis/types"
	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"
)

const (
	cfgARN   = "arn:aws:kinesis:us-east-1:123456789012:stream/s"
	cfgODARN = "arn:aws:kinesis:us-east-1:123456789012:stream/od"
)

// cfgSummary describes a stream, failing the test on error.
func cfgSummary(t *testing.T, c *Client, name string) *types.StreamDescriptionSummary {
	t.Helper()
	out, err := c.DescribeStreamSummary(ctx, &kinesis.DescribeStreamSummaryInput{StreamName: aws.String(name)})
	if err != nil {
		t.Fatalf("DescribeStreamSummary(%s): %v", name, err)
	}
	return out.StreamDescriptionSummary
}

// cfgShards lists a stream's shards: their IDs, hash key ranges and
// sequence number ranges.
func cfgShards(t *testing.T, c *Client, stream string) []string {
	t.Helper()
	out, err := c.ListShards(ctx, &kinesis.ListShardsInput{StreamName: aws.String(stream)})
	if err != nil {
		t.Fatal(err)
	}
	var shards []string
	for _, sh := range out.Shards {
		shards = append(shards, strings.Join([]string{*sh.ShardId, *sh.HashKeyRange.StartingHashKey, *sh.HashKeyRange.EndingHashKey,
			*sh.SequenceNumberRange.StartingSequenceNumber, aws.ToString(sh.SequenceNumberRange.EndingSequenceNumber)}, " "))
	}
	return shards
}

func createOnDemand(t *testing.T, c *Client, name string) {
	t.Helper()
	if _, err := c.CreateStream(ctx, &kinesis.CreateStreamInput{StreamName: aws.String(name), StreamModeDetails: &types.StreamModeDetails{StreamMode: types.StreamModeOnDemand}}); err != nil {
		t.Fatalf("CreateStream(%s): %v", name, err)
	}
}

func setCommitment(t *testing.T, c *Client, status types.MinimumThroughputBillingCommitmentInputStatus) *types.MinimumThroughputBillingCommitmentOutput {
	t.Helper()
	out, err := c.UpdateAccountSettings(ctx, &kinesis.UpdateAccountSettingsInput{
		MinimumThroughputBillingCommitment: &types.MinimumThroughputBillingCommitmentInput{Status: status},
	})
	if err != nil {
		t.Fatalf("UpdateAccountSettings(%s): %v", status, err)
	}
	return out.MinimumThroughputBillingCommitment
}

func startEncryption(k API, stream, key string) error {
	_, err := k.StartStreamEncryption(ctx, &kinesis.StartStreamEncryptionInput{StreamName: aws.String(stream), EncryptionType: types.EncryptionTypeKms, KeyId: aws.String(key)})
	return err
}

// Every rule of the configuration operations, with the error the service
// returns for it. Each case runs on the PROVISIONED stream "s" (2 shards)
// and the ON_DEMAND stream "od" (4).
func TestStreamConfigErrors(t *testing.T) {
	s := aws.String("s")
	long := strings.Repeat("k", 2049)
	slow := []Option{WithDelays(Delays{UpdateStream: time.Minute})}
	notActive := "Stream s under account 123456789012 not ACTIVE, instead in state UPDATING"
	// updating makes "s" UPDATING before the call under test.
	updating := func(c *Client) {
		if err := startEncryption(c, "s", "k1"); err != nil {
			panic(err)
		}
	}
	increase := func(k API, hours int32) error {
		_, err := k.IncreaseStreamRetentionPeriod(ctx, &kinesis.IncreaseStreamRetentionPeriodInput{StreamName: s, RetentionPeriodHours: aws.Int32(hours)})
		return err
	}
	decrease := func(k API, hours int32) error {
		_, err := k.DecreaseStreamRetentionPeriod(ctx, &kinesis.DecreaseStreamRetentionPeriodInput{StreamName: s, RetentionPeriodHours: aws.Int32(hours)})
		return err
	}
	enable := func(k API, metrics ...types.MetricsName) error {
		_, err := k.EnableEnhancedMonitoring(ctx, &kinesis.EnableEnhancedMonitoringInput{StreamName: s, ShardLevelMetrics: metrics})
		return err
	}
	mode := func(k API, arn string, m types.StreamMode, warm *int32) error {
		_, err := k.UpdateStreamMode(ctx, &kinesis.UpdateStreamModeInput{StreamARN: aws.String(arn), StreamModeDetails: &types.StreamModeDetails{StreamMode: m}, WarmThroughputMiBps: warm})
		return err
	}
	warm := func(k API, stream string, mibps int32) error {
		_, err := k.UpdateStreamWarmThroughput(ctx, &kinesis.UpdateStreamWarmThroughputInput{StreamName: aws.String(stream), WarmThroughputMiBps: aws.Int32(mibps)})
		return err
	}
	commit := func(c *Client) {
		if _, err := c.UpdateAccountSettings(ctx, &kinesis.UpdateAccountSettingsInput{MinimumThroughputBillingCommitment: &types.MinimumThroughputBillingCommitmentInput{Status: "ENABLED"}}); err != nil {
			panic(err)
		}
	}
	distribute := func(k API, arn string, d types.RecordDistributionStrategy) error {
		_, err := k.UpdateStreamRecordDistributionStrategy(ctx, &kinesis.UpdateStreamRecordDistributionStrategyInput{StreamARN: aws.String(arn), RecordDistributionStrategy: d})
		return err
	}
	allMetrics := "[IncomingBytes, IncomingRecords, OutgoingBytes, OutgoingRecords, WriteProvisionedThroughputExceeded, ReadProvisionedThroughputExceeded, IteratorAgeMilliseconds, ALL]"

	errorTable{
		setup: func(t *testing.T, c *Client, _ *FakeClock) {
			createStream(t, c, "s", 2)
			createOnDemand(t, c, "od")
		},
		cases: []errorCase{
			// IncreaseStreamRetentionPeriod and DecreaseStreamRetentionPeriod
			{"Increase below 1 hour", "IncreaseStreamRetentionPeriod", nil, func(c *Client, k API, _ *FakeClock) error { return increase(k, 0) },
				"ValidationException", "1 validation error detected: Value '0' at 'retentionPeriodHours' failed to satisfy constraint: Member must have value greater than or equal to 1"},
			{"Increase negative with empty name, in the service's order", "IncreaseStreamRetentionPeriod", nil, func(c *Client, k API, _ *FakeClock) error {
				_, err := k.IncreaseStreamRetentionPeriod(ctx, &kinesis.IncreaseStreamRetentionPeriodInput{StreamName: aws.String(""), RetentionPeriodHours: aws.Int32(-1)})
				return err
			}, "ValidationException", "3 validation errors detected: Value '-1' at 'retentionPeriodHours' failed to satisfy constraint: Member must have value greater than or equal to 1; " +
				"Value '' at 'streamName' failed to satisfy constraint: Member must satisfy regular expression pattern: [a-zA-Z0-9_.-]+; " +
				"Value '' at 'streamName' failed to satisfy constraint: Member must have length greater than or equal to 1"},
			{"Increase below 24 hours", "IncreaseStreamRetentionPeriod", nil, func(c *Client, k API, _ *FakeClock) error { return increase(k, 23) },
				"InvalidArgumentException", "Minimum allowed retention period is 24 hours. Requested retention period (23 hours) is too short."},
			{"Increase above 8760 hours", "IncreaseStreamRetentionPeriod", nil, func(c *Client, k API, _ *FakeClock) error { return increase(k, 8761) },
				"InvalidArgumentException", "Maximum allowed retention period is 8760 hours. Requested retention period (8761 hours) is too long."},
			{"Increase to less than the current period", "IncreaseStreamRetentionPeriod", nil, func(c *Client, k API, _ *FakeClock) error {
				if err := increase(c, 25); err != nil {
					panic(err)
				}
				return increase(k, 24)
			}, "InvalidArgumentException", "Requested retention period (24 hours) for stream s can not be shorter than existing retention period (25 hours). Use DecreaseRetentionPeriod API."},
			{"Increase unknown stream", "IncreaseStreamRetentionPeriod", nil, func(c *Client, k API, _ *FakeClock) error {
				_, err := k.IncreaseStreamRetentionPeriod(ctx, &kinesis.IncreaseStreamRetentionPeriodInput{StreamName: aws.String("nope"), RetentionPeriodHours: aws.Int32(25)})
				return err
			}, "ResourceNotFoundException", "Stream nope under account 123456789012 not found."},
			{"Increase while CREATING", "IncreaseStreamRetentionPeriod", []Option{WithDelays(Delays{CreateStream: time.Minute})}, func(c *Client, k API, _ *FakeClock) error { return increase(k, 48) },
				"ResourceInUseException", "Stream s under account 123456789012 not ACTIVE, instead in state CREATING"},
			{"Increase while UPDATING", "IncreaseStreamRetentionPeriod", slow, func(c *Client, k API, _ *FakeClock) error { updating(c); return increase(k, 48) },
				"ResourceInUseException", notActive},
			{"Decrease to more than the current period", "DecreaseStreamRetentionPeriod", nil, func(c *Client, k API, _ *FakeClock) error { return decrease(k, 48) },
				"InvalidArgumentException", "Requested retention period (48 hours) for stream s can not be longer than existing retention period (24 hours). Use IncreaseRetentionPeriod API."},
			{"Decrease below 24 hours", "DecreaseStreamRetentionPeriod", nil, func(c *Client, k API, _ *FakeClock) error { return decrease(k, 12) },
				"InvalidArgumentException", "Minimum allowed retention period is 24 hours. Requested retention period (12 hours) is too short."},
			{"Decrease while UPDATING", "DecreaseStreamRetentionPeriod", slow, func(c *Client, k API, _ *FakeClock) error { updating(c); return decrease(k, 24) },
				"ResourceInUseException", notActive},

			// StartStreamEncryption and StopStreamEncryption
			{"Start with an unknown encryption type", "StartStreamEncryption", nil, func(c *Client, k API, _ *FakeClock) error {
				_, err := k.StartStreamEncryption(ctx, &kinesis.StartStreamEncryptionInput{StreamName: s, EncryptionType: "AES", KeyId: aws.String("k")})
				return err
			}, "ValidationException", "1 validation error detected: Value 'AES' at 'encryptionType' failed to satisfy constraint: Member must satisfy enum value set: [NONE, KMS]"},
			{"Start with encryption type NONE", "StartStreamEncryption", nil, func(c *Client, k API, _ *FakeClock) error {
				_, err := k.StartStreamEncryption(ctx, &kinesis.StartStreamEncryptionInput{StreamName: s, EncryptionType: types.EncryptionTypeNone, KeyId: aws.String("k")})
				return err
			}, "InvalidArgumentException", "EncryptionType NONE is not supported; the only valid value is KMS."},
			{"Start with an empty key", "StartStreamEncryption", nil, func(c *Client, k API, _ *FakeClock) error { return startEncryption(k, "s", "") },
				"ValidationException", "1 validation error detected: Value '' at 'keyId' failed to satisfy constraint: Member must have length greater than or equal to 1"},
			{"Start with a key too long", "StartStreamEncryption", nil, func(c *Client, k API, _ *FakeClock) error { return startEncryption(k, "s", long) },
				"ValidationException", "1 validation error detected: Value '" + long + "' at 'keyId' failed to satisfy constraint: Member must have length less than or equal to 2048"},
			{"Start on an unknown stream", "StartStreamEncryption", nil, func(c *Client, k API, _ *FakeClock) error { return startEncryption(k, "nope", "k") },
				"ResourceNotFoundException", "Stream nope under account 123456789012 not found."},
			{"Start while UPDATING", "StartStreamEncryption", slow, func(c *Client, k API, _ *FakeClock) error { updating(c); return startEncryption(k, "s", "k2") },
				"ResourceInUseException", notActive},
			{"Stop a stream not encrypted", "StopStreamEncryption", nil, func(c *Client, k API, _ *FakeClock) error {
				_, err := k.StopStreamEncryption(ctx, &kinesis.StopStreamEncryptionInput{StreamName: s, EncryptionType: types.EncryptionTypeKms, KeyId: aws.String("k")})
				return err
			}, "InvalidArgumentException", "Stream s under account 123456789012 is not encrypted."},
			{"Stop with another key", "StopStreamEncryption", nil, func(c *Client, k API, _ *FakeClock) error {
				if err := startEncryption(c, "s", "k1"); err != nil {
					panic(err)
				}
				_, err := k.StopStreamEncryption(ctx, &kinesis.StopStreamEncryptionInput{StreamName: s, EncryptionType: types.EncryptionTypeKms, KeyId: aws.String("k2")})
				return err
			}, "InvalidArgumentException", "KeyId k2 does not match the key stream s under account 123456789012 is encrypted with."},
			{"Stop with encryption type NONE", "StopStreamEncryption", nil, func(c *Client, k API, _ *FakeClock) error {
				_, err := k.StopStreamEncryption(ctx, &kinesis.StopStreamEncryptionInput{StreamName: s, EncryptionType: types.EncryptionTypeNone, KeyId: aws.String("k")})
				return err
			}, "InvalidArgumentException", "EncryptionType NONE is not supported; the only valid value is KMS."},
			{"Stop while UPDATING", "StopStreamEncryption", slow, func(c *Client, k API, _ *FakeClock) error {
				updating(c)
				_, err := k.StopStreamEncryption(ctx, &kinesis.StopStreamEncryptionInput{StreamName: s, EncryptionType: types.EncryptionTypeKms, KeyId: aws.String("k1")})
				return err
			}, "ResourceInUseException", notActive},

			// EnableEnhancedMonitoring and DisableEnhancedMonitoring
			{"Enable no metrics", "EnableEnhancedMonitoring", nil, func(c *Client, k API, _ *FakeClock) error { return enable(k, []types.MetricsName{}...) },
				"ValidationException", "1 validation error detected: Value '[]' at 'shardLevelMetrics' failed to satisfy constraint: Member must have length greater than or equal to 1"},
			{"Enable eight metrics", "EnableEnhancedMonitoring", nil, func(c *Client, k API, _ *FakeClock) error { return enable(k, types.MetricsName("").Values()...) },
				"ValidationException", "1 validation error detected: Value '" + allMetrics + "' at 'shardLevelMetrics' failed to satisfy constraint: Member must have length less than or equal to 7"},
			{"Enable an unknown metric", "EnableEnhancedMonitoring", nil, func(c *Client, k API, _ *FakeClock) error { return enable(k, "IncomingBytes", "Latency") },
				"ValidationException", "1 validation error detected: Value '[IncomingBytes, Latency]' at 'shardLevelMetrics' failed to satisfy constraint: Member must satisfy constraint: [Member must satisfy enum value set: " + allMetrics + "]"},
			{"Enable on an unknown stream", "EnableEnhancedMonitoring", nil, func(c *Client, k API, _ *FakeClock) error {
				_, err := k.EnableEnhancedMonitoring(ctx, &kinesis.EnableEnhancedMonitoringInput{StreamARN: aws.String("arn:aws:kinesis:us-east-1:123456789012:stream/nope"), ShardLevelMetrics: []types.MetricsName{"ALL"}})
				return err
			}, "ResourceNotFoundException", "Stream nope under account 123456789012 not found."},
			{"Enable while UPDATING", "EnableEnhancedMonitoring", slow, func(c *Client, k API, _ *FakeClock) error { updating(c); return enable(k, "ALL") },
				"ResourceInUseException", notActive},
			{"Disable while UPDATING", "DisableEnhancedMonitoring", slow, func(c *Client, k API, _ *FakeClock) error {
				updating(c)
				_, err := k.DisableEnhancedMonitoring(ctx, &kinesis.DisableEnhancedMonitoringInput{StreamName: s, ShardLevelMetrics: []types.MetricsName{"ALL"}})
				return err
			}, "ResourceInUseException", notActive},

			// UpdateStreamMode
			{"Mode unknown", "UpdateStreamMode", nil, func(c *Client, k API, _ *FakeClock) error { return mode(k, cfgARN, "FAST", nil) },
				"ValidationException", "1 validation error detected: Value 'FAST' at 'streamModeDetails.streamMode' failed to satisfy constraint: Member must satisfy enum value set: [PROVISIONED, ON_DEMAND]"},
			{"Mode with a malformed ARN", "UpdateStreamMode", nil, func(c *Client, k API, _ *FakeClock) error { return mode(k, "s", types.StreamModeOnDemand, nil) },
				"ValidationException", "1 validation error detected: Value 's' at 'streamARN' failed to satisfy constraint: Member must satisfy regular expression pattern: arn:aws.*:kinesis:.*:\\d{12}:stream/\\S+"},
			{"Mode with a negative warm throughput", "UpdateStreamMode", nil, func(c *Client, k API, _ *FakeClock) error {
				return mode(k, cfgARN, types.StreamModeOnDemand, aws.Int32(-1))
			},
				"ValidationException", "1 validation error detected: Value '-1' at 'warmThroughputMiBps' failed to satisfy constraint: Member must have value greater than or equal to 0"},
			{"Mode of an unknown stream", "UpdateStreamMode", nil, func(c *Client, k API, _ *FakeClock) error {
				return mode(k, "arn:aws:kinesis:us-east-1:123456789012:stream/nope", types.StreamModeOnDemand, nil)
			}, "ResourceNotFoundException", "Stream nope under account 123456789012 not found."},
			{"Mode already in force", "UpdateStreamMode", nil, func(c *Client, k API, _ *FakeClock) error { return mode(k, cfgARN, types.StreamModeProvisioned, nil) },
				"InvalidArgumentException", "Stream s under account 123456789012 is already in PROVISIONED mode."},
			{"Mode PROVISIONED with a warm throughput", "UpdateStreamMode", nil, func(c *Client, k API, _ *FakeClock) error {
				return mode(k, cfgODARN, types.StreamModeProvisioned, aws.Int32(10))
			},
				"InvalidArgumentException", "WarmThroughputMiBps is only valid when the stream mode is being updated to ON_DEMAND."},
			{"Mode ON_DEMAND with a warm throughput and no commitment", "UpdateStreamMode", nil, func(c *Client, k API, _ *FakeClock) error {
				return mode(k, cfgARN, types.StreamModeOnDemand, aws.Int32(10))
			},
				"InvalidArgumentException", "Warm throughput requires the account 123456789012 to have MinimumThroughputBillingCommitment enabled."},
			{"Mode ON_DEMAND over the ON_DEMAND stream quota", "UpdateStreamMode", []Option{WithLimits(Limits{OnDemandStreams: 1})}, func(c *Client, k API, _ *FakeClock) error {
				return mode(k, cfgARN, types.StreamModeOnDemand, nil)
			}, "LimitExceededException", "Account 123456789012 already has 1 ON_DEMAND streams, the limit is 1."},
			{"Mode PROVISIONED over the shard quota", "UpdateStreamMode", []Option{WithLimits(Limits{Shards: 5})}, func(c *Client, k API, _ *FakeClock) error {
				return mode(k, cfgODARN, types.StreamModeProvisioned, nil)
			}, "LimitExceededException", "This request would exceed the shard limit for the account 123456789012 in us-east-1. Current shard count for the account: 2. Limit: 5. " +
				"Number of additional shards that would have resulted from this request: 4. Refer to the AWS Service Limits page (http://docs.aws.amazon.com/general/latest/gr/aws_service_limits.html) for current limits and how to request higher limits."},
			{"Mode PROVISIONED with AUTO distribution", "UpdateStreamMode", nil, func(c *Client, k API, _ *FakeClock) error {
				if err := distribute(c, cfgODARN, types.RecordDistributionStrategyAuto); err != nil {
					panic(err)
				}
				return mode(k, cfgODARN, types.StreamModeProvisioned, nil)
			}, "InvalidArgumentException", "RecordDistributionStrategy AUTO is only supported for streams in ON_DEMAND mode."},
			{"Mode while UPDATING", "UpdateStreamMode", slow, func(c *Client, k API, _ *FakeClock) error {
				updating(c)
				return mode(k, cfgARN, types.StreamModeOnDemand, nil)
			},
				"ResourceInUseException", notActive},

			// UpdateStreamWarmThroughput, and CreateStream's WarmThroughputMiBps
			{"Warm throughput negative", "UpdateStreamWarmThroughput", nil, func(c *Client, k API, _ *FakeClock) error { return warm(k, "od", -1) },
				"ValidationException", "1 validation error detected: Value '-1' at 'warmThroughputMiBps' failed to satisfy constraint: Member must have value greater than or equal to 0"},
			{"Warm throughput of a PROVISIONED stream", "UpdateStreamWarmThroughput", nil, func(c *Client, k API, _ *FakeClock) error { commit(c); return warm(k, "s", 10) },
				"InvalidArgumentException", "Warm throughput is only supported for streams in ON_DEMAND mode."},
			{"Warm throughput without a commitment", "UpdateStreamWarmThroughput", nil, func(c *Client, k API, _ *FakeClock) error { return warm(k, "od", 10) },
				"InvalidArgumentException", "Warm throughput requires the account 123456789012 to have MinimumThroughputBillingCommitment enabled."},
			{"Warm throughput above 10 GiBps", "UpdateStreamWarmThroughput", nil, func(c *Client, k API, _ *FakeClock) error { commit(c); return warm(k, "od", 10241) },
				"LimitExceededException", "WarmThroughputMiBps 10241 exceeds the limit of 10240 MiBps for a stream."},
			{"Warm throughput of an unknown stream", "UpdateStreamWarmThroughput", nil, func(c *Client, k API, _ *FakeClock) error { return warm(k, "nope", 10) },
				"ResourceNotFoundException", "Stream nope under account 123456789012 not found."},
			{"Warm throughput while UPDATING", "UpdateStreamWarmThroughput", slow, func(c *Client, k API, _ *FakeClock) error {
				commit(c)
				if err := warm(c, "od", 10); err != nil {
					panic(err)
				}
				return warm(k, "od", 20)
			}, "ResourceInUseException", "Stream od under account 123456789012 not ACTIVE, instead in state UPDATING"},
			{"CreateStream with a warm throughput and no commitment", "CreateStream", nil, func(c *Client, k API, _ *FakeClock) error {
				_, err := k.CreateStream(ctx, &kinesis.CreateStreamInput{StreamName: aws.String("n"), WarmThroughputMiBps: aws.Int32(10)})
				return err
			}, "InvalidArgumentException", "Warm throughput requires the account 123456789012 to have MinimumThroughputBillingCommitment enabled."},
			{"CreateStream PROVISIONED with a warm throughput", "CreateStream", nil, func(c *Client, k API, _ *FakeClock) error {
				commit(c)
				_, err := k.CreateStream(ctx, &kinesis.CreateStreamInput{StreamName: aws.String("n"), ShardCount: aws.Int32(1), WarmThroughputMiBps: aws.Int32(10)})
				return err
			}, "InvalidArgumentException", "Warm throughput is only supported for streams in ON_DEMAND mode."},

			// UpdateMaxRecordSize
			{"Max record size below 1 MiB", "UpdateMaxRecordSize", nil, func(c *Client, k API, _ *FakeClock) error {
				_, err := k.UpdateMaxRecordSize(ctx, &kinesis.UpdateMaxRecordSizeInput{StreamARN: aws.String(cfgARN), MaxRecordSizeInKiB: aws.Int32(1023)})
				return err
			}, "ValidationException", "1 validation error detected: Value '1023' at 'maxRecordSizeInKiB' failed to satisfy constraint: Member must have value greater than or equal to 1024"},
			{"Max record size above 10 MiB", "UpdateMaxRecordSize", nil, func(c *Client, k API, _ *FakeClock) error {
				_, err := k.UpdateMaxRecordSize(ctx, &kinesis.UpdateMaxRecordSizeInput{StreamARN: aws.String(cfgARN), MaxRecordSizeInKiB: aws.Int32(10241)})
				return err
			}, "ValidationException", "1 validation error detected: Value '10241' at 'maxRecordSizeInKiB' failed to satisfy constraint: Member must have value less than or equal to 10240"},
			{"Max record size without a stream", "UpdateMaxRecordSize", nil, func(c *Client, k API, _ *FakeClock) error {
				_, err := k.UpdateMaxRecordSize(ctx, &kinesis.UpdateMaxRecordSizeInput{MaxRecordSizeInKiB: aws.Int32(2048)})
				return err
			}, "InvalidArgumentException", "StreamARN must be provided."},
			{"Max record size of another account's stream", "UpdateMaxRecordSize", nil, func(c *Client, k API, _ *FakeClock) error {
				_, err := k.UpdateMaxRecordSize(ctx, &kinesis.UpdateMaxRecordSizeInput{StreamARN: aws.String("arn:aws:kinesis:us-east-1:210987654321:stream/s"), MaxRecordSizeInKiB: aws.Int32(2048)})
				return err
			}, "ResourceNotFoundException", "Stream s under account 210987654321 not found."},
			{"Max record size while UPDATING", "UpdateMaxRecordSize", slow, func(c *Client, k API, _ *FakeClock) error {
				updating(c)
				_, err := k.UpdateMaxRecordSize(ctx, &kinesis.UpdateMaxRecordSizeInput{StreamARN: aws.String(cfgARN), MaxRecordSizeInKiB: aws.Int32(2048)})
				return err
			}, "ResourceInUseException", notActive},

			// UpdateStreamRecordDistributionStrategy
			{"Distribution unknown", "UpdateStreamRecordDistributionStrategy", nil, func(c *Client, k API, _ *FakeClock) error { return distribute(k, cfgODARN, "RANDOM") },
				"ValidationException", "1 validation error detected: Value 'RANDOM' at 'recordDistributionStrategy' failed to satisfy constraint: Member must satisfy enum value set: [AUTO, USER_PARTITION_KEY]"},
			{"Distribution AUTO on a PROVISIONED stream", "UpdateStreamRecordDistributionStrategy", nil, func(c *Client, k API, _ *FakeClock) error {
				return distribute(k, cfgARN, types.RecordDistributionStrategyAuto)
			}, "InvalidArgumentException", "RecordDistributionStrategy AUTO is only supported for streams in ON_DEMAND mode."},
			{"Distribution while CREATING", "UpdateStreamRecordDistributionStrategy", []Option{WithDelays(Delays{CreateStream: time.Minute})}, func(c *Client, k API, _ *FakeClock) error {
				return distribute(k, cfgODARN, types.RecordDistributionStrategyAuto)
			}, "ResourceInUseException", "Stream od under account 123456789012 not ACTIVE, instead in state CREATING"},
			{"Distribution of an unknown stream", "UpdateStreamRecordDistributionStrategy", nil, func(c *Client, k API, _ *FakeClock) error {
				return distribute(k, "arn:aws:kinesis:us-east-1:123456789012:stream/nope", types.RecordDistributionStrategyAuto)
			}, "ResourceNotFoundException", "Stream nope under account 123456789012 not found."},
		},
	}.run(t)
}

// Required members are checked as the SDK's client checks them: the fake's
// error is the real client's, word for word.
func TestStreamConfigMissingRequiredMembers(t *testing.T) {
	fake, _ := newFake(t)
	tests := []requiredMembers{
		{func(c API) error { _, err := c.IncreaseStreamRetentionPeriod(ctx, nil); return err },
			missing("IncreaseStreamRetentionPeriod", "IncreaseStreamRetentionPeriodInput", "RetentionPeriodHours")},
		{func(c API) error { _, err := c.DecreaseStreamRetentionPeriod(ctx, nil); return err },
			missing("DecreaseStreamRetentionPeriod", "DecreaseStreamRetentionPeriodInput", "RetentionPeriodHours")},
		{func(c API) error { _, err := c.StartStreamEncryption(ctx, nil); return err },
			missing("StartStreamEncryption", "StartStreamEncryptionInput", "EncryptionType", "KeyId")},
		{func(c API) error { _, err := c.StopStreamEncryption(ctx, nil); return err },
			missing("StopStreamEncryption", "StopStreamEncryptionInput", "EncryptionType", "KeyId")},
		{func(c API) error { _, err := c.EnableEnhancedMonitoring(ctx, nil); return err },
			missing("EnableEnhancedMonitoring", "EnableEnhancedMonitoringInput", "ShardLevelMetrics")},
		{func(c API) error { _, err := c.DisableEnhancedMonitoring(ctx, nil); return err },
			missing("DisableEnhancedMonitoring", "DisableEnhancedMonitoringInput", "ShardLevelMetrics")},
		{func(c API) error { _, err := c.UpdateStreamMode(ctx, nil); return err },
			missing("UpdateStreamMode", "UpdateStreamModeInput", "StreamARN", "StreamModeDetails")},
		{func(c API) error {
			_, err := c.UpdateStreamMode(ctx, &kinesis.UpdateStreamModeInput{StreamModeDetails: &types.StreamModeDetails{}})
			return err
		}, missing("UpdateStreamMode", "UpdateStreamModeInput", "StreamARN", "StreamModeDetails.StreamMode")},
		{func(c API) error { _, err := c.UpdateStreamWarmThroughput(ctx, nil); return err },
			missing("UpdateStreamWarmThroughput", "UpdateStreamWarmThroughputInput", "WarmThroughputMiBps")},
		{func(c API) error { _, err := c.UpdateMaxRecordSize(ctx, nil); return err },
			missing("UpdateMaxRecordSize", "UpdateMaxRecordSizeInput", "MaxRecordSizeInKiB")},
		{func(c API) error { _, err := c.UpdateStreamRecordDistributionStrategy(ctx, nil); return err },
			missing("UpdateStreamRecordDistributionStrategy", "UpdateStreamRecordDistributionStrategyInput", "StreamARN", "RecordDistributionStrategy")},
	}
	checkRequiredMembers(t, fake, tests)
}

func TestRetentionPeriod(t *testing.T) {
	c, clock := newFake(t)
	createStream(t, c, "s", 1)
	shard := "shardId-000000000000"
	put(t, c, "s", "k", "expired")
	clock.Advance(23 * time.Hour)
	put(t, c, "s", "k", "day2")
	clock.Advance(2 * time.Hour) // "expired" is past 24 hours, and nothing has trimmed it yet

	// A longer period does not bring back what had already expired.
	if _, err := c.IncreaseStreamRetentionPeriod(ctx, &kinesis.IncreaseStreamRetentionPeriodInput{StreamName: aws.String("s"), RetentionPeriodHours: aws.Int32(72)}); err != nil {
		t.Fatal(err)
	}
	if got := *cfgSummary(t, c, "s").RetentionPeriodHours; got != 72 {
		t.Errorf("after the increase RetentionPeriodHours = %d, want 72", got)
	}
	if got := readShard(t, c, "s", shard); !cmp.Equal(got, []string{"day2"}) {
		t.Errorf("after the increase: %q, want [day2]", got)
	}

	// Records now outlive 24 hours, until the period shrinks again.
	clock.Advance(30 * time.Hour)
	put(t, c, "s", "k", "day3")
	if got := readShard(t, c, "s", shard); !cmp.Equal(got, []string{"day2", "day3"}) {
		t.Errorf("after 30 hours under 72: %q, want [day2 day3]", got)
	}
	// Increasing to the current period is allowed.
	if _, err := c.IncreaseStreamRetentionPeriod(ctx, &kinesis.IncreaseStreamRetentionPeriodInput{StreamName: aws.String("s"), RetentionPeriodHours: aws.Int32(72)}); err != nil {
		t.Errorf("increase to the current period: %v", err)
	}
	if _, err := c.DecreaseStreamRetentionPeriod(ctx, &kinesis.DecreaseStreamRetentionPeriodInput{StreamARN: aws.String(cfgARN), RetentionPeriodHours: aws.Int32(24)}); err != nil {
		t.Fatal(err)
	}
	if got := *cfgSummary(t, c, "s").RetentionPeriodHours; got != 24 {
		t.Errorf("after the decrease RetentionPeriodHours = %d, want 24", got)
	}
	if got := readShard(t, c, "s", shard); !cmp.Equal(got, []string{"day3"}) {
		t.Errorf("after the decrease: %q, want [day3]", got)
	}
	if _, err := c.DecreaseStreamRetentionPeriod(ctx, &kinesis.DecreaseStreamRetentionPeriodInput{StreamName: aws.String("s"), RetentionPeriodHours: aws.Int32(24)}); err != nil {
		t.Errorf("decrease to the current period: %v", err)
	}
	// The maximum is accepted.
	if _, err := c.IncreaseStreamRetentionPeriod(ctx, &kinesis.IncreaseStreamRetentionPeriodInput{StreamName: aws.String("s"), RetentionPeriodHours: aws.Int32(8760)}); err != nil {
		t.Errorf("increase to 8760 hours: %v", err)
	}
}

// getRecordsEncryption reads a one-shard stream from TRIM_HORIZON and
// returns each record's data and EncryptionType.
func getRecordsEncryption(t *testing.T, c *Client, stream string) map[string]types.EncryptionType {
	t.Helper()
	it := iterator(t, c, &kinesis.GetShardIteratorInput{StreamName: aws.String(stream), ShardId: aws.String("shardId-000000000000"), ShardIteratorType: types.ShardIteratorTypeTrimHorizon})
	out, err := c.GetRecords(ctx, &kinesis.GetRecordsInput{ShardIterator: it})
	if err != nil {
		t.Fatal(err)
	}
	got := map[string]types.EncryptionType{}
	for _, r := range out.Records {
		got[string(r.Data)] = r.EncryptionType
	}
	return got
}

func TestStreamEncryption(t *testing.T) {
	c, clock := newFake(t, WithDelays(Delays{UpdateStream: 10 * time.Second}))
	createStream(t, c, "s", 1)
	if out := put(t, c, "s", "k", "plain"); out.EncryptionType != types.EncryptionTypeNone {
		t.Errorf("PutRecord before encryption: EncryptionType %q, want NONE", out.EncryptionType)
	}

	if err := startEncryption(c, "s", "alias/aws/kinesis"); err != nil {
		t.Fatal(err)
	}
	sum := cfgSummary(t, c, "s")
	if sum.StreamStatus != types.StreamStatusUpdating || sum.EncryptionType != types.EncryptionTypeKms || aws.ToString(sum.KeyId) != "alias/aws/kinesis" {
		t.Errorf("after StartStreamEncryption: %s, %s, key %v; want UPDATING, KMS, alias/aws/kinesis", sum.StreamStatus, sum.EncryptionType, aws.ToString(sum.KeyId))
	}
	clock.Advance(10 * time.Second)
	desc, err := c.DescribeStream(ctx, &kinesis.DescribeStreamInput{StreamName: aws.String("s")})
	if err != nil {
		t.Fatal(err)
	}
	if d := desc.StreamDescription; d.StreamStatus != types.StreamStatusActive || d.EncryptionType != types.EncryptionTypeKms || aws.ToString(d.KeyId) != "alias/aws/kinesis" {
		t.Errorf("DescribeStream after the update: %s, %s, key %v; want ACTIVE, KMS, alias/aws/kinesis", d.StreamStatus, d.EncryptionType, aws.ToString(d.KeyId))
	}
	if out := put(t, c, "s", "k", "secret"); out.EncryptionType != types.EncryptionTypeKms {
		t.Errorf("PutRecord while encrypted: EncryptionType %q, want KMS", out.EncryptionType)
	}
	batch, err := c.PutRecords(ctx, &kinesis.PutRecordsInput{StreamName: aws.String("s"), Records: []types.PutRecordsRequestEntry{{PartitionKey: aws.String("k"), Data: []byte("batch")}}})
	if err != nil {
		t.Fatal(err)
	}
	if batch.EncryptionType != types.EncryptionTypeKms {
		t.Errorf("PutRecords while encrypted: EncryptionType %q, want KMS", batch.EncryptionType)
	}

	// Starting again switches the key.
	if err := startEncryption(c, "s", "alias/other"); err != nil {
		t.Fatal(err)
	}
	clock.Advance(10 * time.Second)
	if got := aws.ToString(cfgSummary(t, c, "s").KeyId); got != "alias/other" {
		t.Errorf("KeyId after a second StartStreamEncryption = %q, want alias/other", got)
	}

	if _, err := c.StopStreamEncryption(ctx, &kinesis.StopStreamEncryptionInput{StreamARN: aws.String(cfgARN), EncryptionType: types.EncryptionTypeKms, KeyId: aws.String("alias/other")}); err != nil {
		t.Fatal(err)
	}
	sum = cfgSummary(t, c, "s")
	if sum.StreamStatus != types.StreamStatusUpdating || sum.EncryptionType != types.EncryptionTypeNone || sum.KeyId != nil {
		t.Errorf("after StopStreamEncryption: %s, %s, key %v; want UPDATING, NONE, none", sum.StreamStatus, sum.EncryptionType, aws.ToString(sum.KeyId))
	}
	clock.Advance(10 * time.Second)
	if out := put(t, c, "s", "k", "after"); out.EncryptionType != types.EncryptionTypeNone {
		t.Errorf("PutRecord after encryption stopped: EncryptionType %q, want NONE", out.EncryptionType)
	}

	want := map[string]types.EncryptionType{"plain": "NONE", "secret": "KMS", "batch": "KMS", "after": "NONE"}
	if diff := cmp.Diff(want, getRecordsEncryption(t, c, "s")); diff != "" {
		t.Errorf("records' EncryptionType (-want +got):\n%s", diff)
	}
}

func TestEnhancedMonitoring(t *testing.T) {
	c, _ := newFake(t)
	createStream(t, c, "s", 1)
	all := []types.MetricsName{"IncomingBytes", "IncomingRecords", "OutgoingBytes", "OutgoingRecords",
		"WriteProvisionedThroughputExceeded", "ReadProvisionedThroughputExceeded", "IteratorAgeMilliseconds"}
	steps := []struct {
		enable           bool
		metrics          []types.MetricsName
		current, desired []types.MetricsName
	}{
		{true, []types.MetricsName{"IncomingBytes"}, nil, []types.MetricsName{"IncomingBytes"}},
		// Listed in any order and repeated, reported in the model's order.
		{true, []types.MetricsName{"OutgoingRecords", "IncomingRecords", "OutgoingRecords"},
			[]types.MetricsName{"IncomingBytes"}, []types.MetricsName{"IncomingBytes", "IncomingRecords", "OutgoingRecords"}},
		{false, []types.MetricsName{"IncomingBytes", "IteratorAgeMilliseconds"},
			[]types.MetricsName{"IncomingBytes", "IncomingRecords", "OutgoingRecords"}, []types.MetricsName{"IncomingRecords", "OutgoingRecords"}},
		{true, []types.MetricsName{"ALL"}, []types.MetricsName{"IncomingRecords", "OutgoingRecords"}, all},
		{false, []types.MetricsName{"OutgoingBytes"}, all, append(append([]types.MetricsName{}, all[:2]...), all[3:]...)},
		{false, []types.MetricsName{"ALL", "IncomingBytes"}, append(append([]types.MetricsName{}, all[:2]...), all[3:]...), nil},
	}
	for i, step := range steps {
		var current, desired []types.MetricsName
		var name, arn string
		if step.enable {
			out, err := c.EnableEnhancedMonitoring(ctx, &kinesis.EnableEnhancedMonitoringInput{StreamName: aws.String("s"), ShardLevelMetrics: step.metrics})
			if err != nil {
				t.Fatal(err)
			}
			current, desired, name, arn = out.CurrentShardLevelMetrics, out.DesiredShardLevelMetrics, aws.ToString(out.StreamName), aws.ToString(out.StreamARN)
		} else {
			out, err := c.DisableEnhancedMonitoring(ctx, &kinesis.DisableEnhancedMonitoringInput{StreamARN: aws.String(cfgARN), ShardLevelMetrics: step.metrics})
			if err != nil {
				t.Fatal(err)
			}
			current, desired, name, arn = out.CurrentShardLevelMetrics, out.DesiredShardLevelMetrics, aws.ToString(out.StreamName), aws.ToString(out.StreamARN)
		}
		if name != "s" || arn != cfgARN {
			t.Errorf("step %d: StreamName %q, StreamARN %q", i, name, arn)
		}
		if diff := cmp.Diff(step.current, current, cmpopts.EquateEmpty()); diff != "" {
			t.Errorf("step %d: CurrentShardLevelMetrics (-want +got):\n%s", i, diff)
		}
		if diff := cmp.Diff(step.desired, desired, cmpopts.EquateEmpty()); diff != "" {
			t.Errorf("step %d: DesiredShardLevelMetrics (-want +got):\n%s", i, diff)
		}
		monitoring := cfgSummary(t, c, "s").EnhancedMonitoring
		if len(monitoring) != 1 {
			t.Fatalf("step %d: EnhancedMonitoring %v, want one entry", i, monitoring)
		}
		if diff := cmp.Diff(step.desired, monitoring[0].ShardLevelMetrics, cmpopts.EquateEmpty()); diff != "" {
			t.Errorf("step %d: DescribeStreamSummary's metrics (-want +got):\n%s", i, diff)
		}
	}
	// The output lists are never nil: the service sends empty lists.
	out, err := c.DisableEnhancedMonitoring(ctx, &kinesis.DisableEnhancedMonitoringInput{StreamName: aws.String("s"), ShardLevelMetrics: []types.MetricsName{"ALL"}})
	if err != nil {
		t.Fatal(err)
	}
	if out.CurrentShardLevelMetrics == nil || out.DesiredShardLevelMetrics == nil {
		t.Errorf("nil lists: %+v", out)
	}
}

func TestUpdateStreamMode(t *testing.T) {
	c, clock := newFake(t, WithDelays(Delays{UpdateStream: 10 * time.Second}))
	createStream(t, c, "s", 2)
	before := cfgShards(t, c, "s")
	mode := func(m types.StreamMode, warm *int32) {
		t.Helper()
		if _, err := c.UpdateStreamMode(ctx, &kinesis.UpdateStreamModeInput{StreamARN: aws.String(cfgARN), StreamModeDetails: &types.StreamModeDetails{StreamMode: m}, WarmThroughputMiBps: warm}); err != nil {
			t.Fatalf("UpdateStreamMode(%s): %v", m, err)
		}
	}

	mode(types.StreamModeOnDemand, nil)
	sum := cfgSummary(t, c, "s")
	if sum.StreamModeDetails.StreamMode != types.StreamModeOnDemand || sum.StreamStatus != types.StreamStatusUpdating {
		t.Errorf("after the switch: %s, %s; want ON_DEMAND, UPDATING", sum.StreamModeDetails.StreamMode, sum.StreamStatus)
	}
	if sum.WarmThroughput != nil {
		t.Errorf("WarmThroughput %+v without one asked for", sum.WarmThroughput)
	}
	clock.Advance(10 * time.Second)
	if st := cfgSummary(t, c, "s").StreamStatus; st != types.StreamStatusActive {
		t.Errorf("after the delay: %s, want ACTIVE", st)
	}
	list, err := c.ListStreams(ctx, &kinesis.ListStreamsInput{})
	if err != nil {
		t.Fatal(err)
	}
	if m := list.StreamSummaries[0].StreamModeDetails.StreamMode; m != types.StreamModeOnDemand {
		t.Errorf("ListStreams reports %s, want ON_DEMAND", m)
	}
	// The fake keeps the shards as they were.
	if diff := cmp.Diff(before, cfgShards(t, c, "s")); diff != "" {
		t.Errorf("shards changed with the mode (-before +after):\n%s", diff)
	}

	mode(types.StreamModeProvisioned, nil)
	clock.Advance(10 * time.Second)
	if m := cfgSummary(t, c, "s").StreamModeDetails.StreamMode; m != types.StreamModeProvisioned {
		t.Errorf("after switching back: %s, want PROVISIONED", m)
	}

	// With a commitment, a switch to ON_DEMAND can set a warm throughput,
	// which a switch back to PROVISIONED drops.
	setCommitment(t, c, types.MinimumThroughputBillingCommitmentInputStatusEnabled)
	mode(types.StreamModeOnDemand, aws.Int32(100))
	clock.Advance(10 * time.Second)
	want := &types.WarmThroughputObject{CurrentMiBps: aws.Int32(100), TargetMiBps: aws.Int32(100)}
	if diff := cmp.Diff(want, cfgSummary(t, c, "s").WarmThroughput, cmpopts.IgnoreUnexported(types.WarmThroughputObject{})); diff != "" {
		t.Errorf("WarmThroughput (-want +got):\n%s", diff)
	}
	mode(types.StreamModeProvisioned, nil)
	if w := cfgSummary(t, c, "s").WarmThroughput; w != nil {
		t.Errorf("WarmThroughput %+v on a PROVISIONED stream", w)
	}
}

func TestUpdateStreamWarmThroughput(t *testing.T) {
	c, clock := newFake(t, WithDelays(Delays{UpdateStream: 10 * time.Second}))
	setCommitment(t, c, types.MinimumThroughputBillingCommitmentInputStatusEnabled)
	if _, err := c.CreateStream(ctx, &kinesis.CreateStreamInput{StreamName: aws.String("od"), WarmThroughputMiBps: aws.Int32(50)}); err != nil {
		t.Fatal(err)
	}
	ignore := cmpopts.IgnoreUnexported(types.WarmThroughputObject{})
	if diff := cmp.Diff(&types.WarmThroughputObject{CurrentMiBps: aws.Int32(50), TargetMiBps: aws.Int32(50)}, cfgSummary(t, c, "od").WarmThroughput, ignore); diff != "" {
		t.Errorf("CreateStream's warm throughput (-want +got):\n%s", diff)
	}

	for _, mibps := range []int32{200, 0} {
		out, err := c.UpdateStreamWarmThroughput(ctx, &kinesis.UpdateStreamWarmThroughputInput{StreamARN: aws.String(cfgODARN), WarmThroughputMiBps: aws.Int32(mibps)})
		if err != nil {
			t.Fatal(err)
		}
		want := &types.WarmThroughputObject{CurrentMiBps: aws.Int32(mibps), TargetMiBps: aws.Int32(mibps)}
		if aws.ToString(out.StreamName) != "od" || aws.ToString(out.StreamARN) != cfgODARN {
			t.Errorf("%d: StreamName %q, StreamARN %q", mibps, aws.ToString(out.StreamName), aws.ToString(out.StreamARN))
		}
		if diff := cmp.Diff(want, out.WarmThroughput, ignore); diff != "" {
			t.Errorf("%d: output (-want +got):\n%s", mibps, diff)
		}
		sum := cfgSummary(t, c, "od")
		if sum.StreamStatus != types.StreamStatusUpdating {
			t.Errorf("%d: %s, want UPDATING", mibps, sum.StreamStatus)
		}
		if diff := cmp.Diff(want, sum.WarmThroughput, ignore); diff != "" {
			t.Errorf("%d: DescribeStreamSummary (-want +got):\n%s", mibps, diff)
		}
		clock.Advance(10 * time.Second)
	}
	// The maximum is accepted.
	if _, err := c.UpdateStreamWarmThroughput(ctx, &kinesis.UpdateStreamWarmThroughputInput{StreamName: aws.String("od"), WarmThroughputMiBps: aws.Int32(10240)}); err != nil {
		t.Errorf("10240 MiBps: %v", err)
	}
}

func TestUpdateMaxRecordSize(t *testing.T) {
	c, _ := newFake(t)
	createStream(t, c, "s", 1)
	putData := func(n int) error {
		_, err := c.PutRecord(ctx, &kinesis.PutRecordInput{StreamName: aws.String("s"), PartitionKey: aws.String("k"), Data: make([]byte, n)})
		return err
	}
	putsData := func(n int) error {
		out, err := c.PutRecords(ctx, &kinesis.PutRecordsInput{StreamName: aws.String("s"), Records: []types.PutRecordsRequestEntry{{PartitionKey: aws.String("k"), Data: make([]byte, n)}}})
		if err == nil && aws.ToInt32(out.FailedRecordCount) != 0 {
			err = errors.New(aws.ToString(out.Records[0].ErrorMessage))
		}
		return err
	}
	tooLong := func(limit string) string {
		return "1 validation error detected: Value at 'data' failed to satisfy constraint: Member must have length less than or equal to " + limit
	}
	wantAPIError(t, putData(1<<20+1), "PutRecord", "ValidationException", tooLong("1048576"))

	if _, err := c.UpdateMaxRecordSize(ctx, &kinesis.UpdateMaxRecordSizeInput{StreamARN: aws.String(cfgARN), MaxRecordSizeInKiB: aws.Int32(2048)}); err != nil {
		t.Fatal(err)
	}
	if got := aws.ToInt32(cfgSummary(t, c, "s").MaxRecordSizeInKiB); got != 2048 {
		t.Errorf("MaxRecordSizeInKiB = %d, want 2048", got)
	}
	if err := putData(1<<20 + 1); err != nil {
		t.Errorf("PutRecord of 1 MiB + 1 under a 2 MiB limit: %v", err)
	}
	if err := putsData(1<<20 + 1); err != nil {
		t.Errorf("PutRecords of 1 MiB + 1 under a 2 MiB limit: %v", err)
	}
	wantAPIError(t, putData(2<<20+1), "PutRecord", "ValidationException", tooLong("2097152"))

	if _, err := c.UpdateMaxRecordSize(ctx, &kinesis.UpdateMaxRecordSizeInput{StreamARN: aws.String(cfgARN), MaxRecordSizeInKiB: aws.Int32(1024)}); err != nil {
		t.Fatal(err)
	}
	wantAPIError(t, putData(1<<20+1), "PutRecord", "ValidationException", tooLong("1048576"))
	if err := putsData(1<<20 + 1); err == nil {
		t.Error("PutRecords of 1 MiB + 1 under the 1 MiB limit succeeded")
	}
}

func TestUpdateStreamRecordDistributionStrategy(t *testing.T) {
	c, _ := newFake(t, WithDelays(Delays{UpdateStream: 10 * time.Second}))
	createOnDemand(t, c, "od")
	distribute := func(d types.RecordDistributionStrategy) {
		t.Helper()
		if _, err := c.UpdateStreamRecordDistributionStrategy(ctx, &kinesis.UpdateStreamRecordDistributionStrategyInput{StreamARN: aws.String(cfgODARN), RecordDistributionStrategy: d}); err != nil {
			t.Fatalf("UpdateStreamRecordDistributionStrategy(%s): %v", d, err)
		}
	}
	keyless := func() (*kinesis.PutRecordOutput, error) {
		return c.PutRecord(ctx, &kinesis.PutRecordInput{StreamName: aws.String("od"), Data: []byte("x")})
	}
	_, err := keyless()
	wantAPIError(t, err, "PutRecord", "ValidationException", "1 validation error detected: Value null at 'partitionKey' failed to satisfy constraint: Member must not be null")

	// AUTO spreads records over the shards without partition keys, and can
	// be chosen while the stream is UPDATING.
	setCommitment(t, c, types.MinimumThroughputBillingCommitmentInputStatusEnabled)
	if _, err := c.UpdateStreamWarmThroughput(ctx, &kinesis.UpdateStreamWarmThroughputInput{StreamName: aws.String("od"), WarmThroughputMiBps: aws.Int32(10)}); err != nil {
		t.Fatal(err)
	}
	distribute(types.RecordDistributionStrategyAuto)
	shards := map[string]bool{}
	for range 8 {
		out, err := keyless()
		if err != nil {
			t.Fatalf("PutRecord without a key under AUTO: %v", err)
		}
		shards[*out.ShardId] = true
	}
	if len(shards) != 4 {
		t.Errorf("AUTO put 8 records in %d shards, want all 4", len(shards))
	}

	distribute(types.RecordDistributionStrategyUserPartitionKey)
	_, err = keyless()
	wantAPIError(t, err, "PutRecord", "ValidationException", "")
	// Partition keys route records again: one key, one shard.
	shards = map[string]bool{}
	for range 4 {
		shards[*put(t, c, "od", "same", "x").ShardId] = true
	}
	if len(shards) != 1 {
		t.Errorf("one partition key went to %d shards", len(shards))
	}
}
