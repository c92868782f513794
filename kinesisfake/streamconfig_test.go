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

	"github.com/streamfake/kinesis/internal/recorded"
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
	notActive := recorded.StreamNotActive("s", "123456789012", "UPDATING")
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
			{name: "Increase below 1 hour", op: "IncreaseStreamRetentionPeriod", call: func(c *Client, k API, _ *FakeClock) error { return increase(k, 0) },
				code: "ValidationException", message: "1 validation error detected: Value '0' at 'retentionPeriodHours' failed to satisfy constraint: Member must have value greater than or equal to 1"},
			{name: "Increase negative with empty name, in the service's order", op: "IncreaseStreamRetentionPeriod", call: func(c *Client, k API, _ *FakeClock) error {
				_, err := k.IncreaseStreamRetentionPeriod(ctx, &kinesis.IncreaseStreamRetentionPeriodInput{StreamName: aws.String(""), RetentionPeriodHours: aws.Int32(-1)})
				return err
			}, code: "ValidationException", message: "3 validation errors detected: Value '-1' at 'retentionPeriodHours' failed to satisfy constraint: Member must have value greater than or equal to 1; " +
				"Value '' at 'streamName' failed to satisfy constraint: Member must satisfy regular expression pattern: [a-zA-Z0-9_.-]+; " +
				"Value '' at 'streamName' failed to satisfy constraint: Member must have length greater than or equal to 1"},
			{name: "Increase below 24 hours", op: "IncreaseStreamRetentionPeriod", call: func(c *Client, k API, _ *FakeClock) error { return increase(k, 23) },
				code: "InvalidArgumentException", message: recorded.RetentionTooShort(24, 23)},
			{name: "Increase above 8760 hours", op: "IncreaseStreamRetentionPeriod", call: func(c *Client, k API, _ *FakeClock) error { return increase(k, 8761) },
				code: "InvalidArgumentException", message: recorded.RetentionTooLong(8760, 8761)},
			{name: "Increase to less than the current period", op: "IncreaseStreamRetentionPeriod", call: func(c *Client, k API, _ *FakeClock) error {
				if err := increase(c, 25); err != nil {
					panic(err)
				}
				return increase(k, 24)
			}, code: "InvalidArgumentException", message: recorded.RetentionNotLonger(24, "s", 25)},
			{name: "Increase unknown stream", op: "IncreaseStreamRetentionPeriod", call: func(c *Client, k API, _ *FakeClock) error {
				_, err := k.IncreaseStreamRetentionPeriod(ctx, &kinesis.IncreaseStreamRetentionPeriodInput{StreamName: aws.String("nope"), RetentionPeriodHours: aws.Int32(25)})
				return err
			}, code: "ResourceNotFoundException", message: recorded.StreamNotFound("nope", "123456789012")},
			{name: "Increase while CREATING", op: "IncreaseStreamRetentionPeriod", opts: []Option{WithDelays(Delays{CreateStream: time.Minute})}, call: func(c *Client, k API, _ *FakeClock) error { return increase(k, 48) },
				code: "ResourceInUseException", message: recorded.StreamNotActive("s", "123456789012", "CREATING")},
			{name: "Increase while UPDATING", op: "IncreaseStreamRetentionPeriod", opts: slow, call: func(c *Client, k API, _ *FakeClock) error { updating(c); return increase(k, 48) },
				code: "ResourceInUseException", message: notActive},
			{name: "Decrease to more than the current period", op: "DecreaseStreamRetentionPeriod", call: func(c *Client, k API, _ *FakeClock) error { return decrease(k, 48) },
				code: "InvalidArgumentException", message: recorded.RetentionNotShorter(48, "s", 24)},
			{name: "Decrease below 24 hours", op: "DecreaseStreamRetentionPeriod", call: func(c *Client, k API, _ *FakeClock) error { return decrease(k, 12) },
				code: "InvalidArgumentException", message: recorded.RetentionTooShort(24, 12)},
			{name: "Decrease while UPDATING", op: "DecreaseStreamRetentionPeriod", opts: slow, call: func(c *Client, k API, _ *FakeClock) error { updating(c); return decrease(k, 24) },
				code: "ResourceInUseException", message: notActive},

			// StartStreamEncryption and StopStreamEncryption
			{name: "Start with an unknown encryption type", op: "StartStreamEncryption", call: func(c *Client, k API, _ *FakeClock) error {
				_, err := k.StartStreamEncryption(ctx, &kinesis.StartStreamEncryptionInput{StreamName: s, EncryptionType: "AES", KeyId: aws.String("k")})
				return err
			}, code: "ValidationException", message: "1 validation error detected: Value 'AES' at 'encryptionType' failed to satisfy constraint: Member must satisfy enum value set: [NONE, KMS]"},
			{name: "Start with encryption type NONE", op: "StartStreamEncryption", call: func(c *Client, k API, _ *FakeClock) error {
				_, err := k.StartStreamEncryption(ctx, &kinesis.StartStreamEncryptionInput{StreamName: s, EncryptionType: types.EncryptionTypeNone, KeyId: aws.String("k")})
				return err
			}, code: "InvalidArgumentException", message: "EncryptionType NONE is not supported; the only valid value is KMS."},
			{name: "Start with an empty key", op: "StartStreamEncryption", call: func(c *Client, k API, _ *FakeClock) error { return startEncryption(k, "s", "") },
				code: "ValidationException", message: "1 validation error detected: Value '' at 'keyId' failed to satisfy constraint: Member must have length greater than or equal to 1"},
			{name: "Start with a key too long", op: "StartStreamEncryption", call: func(c *Client, k API, _ *FakeClock) error { return startEncryption(k, "s", long) },
				code: "ValidationException", message: "1 validation error detected: Value '" + long + "' at 'keyId' failed to satisfy constraint: Member must have length less than or equal to 2048"},
			{name: "Start on an unknown stream", op: "StartStreamEncryption", call: func(c *Client, k API, _ *FakeClock) error { return startEncryption(k, "nope", "k") },
				code: "ResourceNotFoundException", message: recorded.StreamNotFound("nope", "123456789012")},
			{name: "Start while UPDATING", op: "StartStreamEncryption", opts: slow, call: func(c *Client, k API, _ *FakeClock) error { updating(c); return startEncryption(k, "s", "k2") },
				code: "ResourceInUseException", message: notActive},
			{name: "Stop a stream not encrypted", op: "StopStreamEncryption", call: func(c *Client, k API, _ *FakeClock) error {
				_, err := k.StopStreamEncryption(ctx, &kinesis.StopStreamEncryptionInput{StreamName: s, EncryptionType: types.EncryptionTypeKms, KeyId: aws.String("k")})
				return err
			}, code: "InvalidArgumentException", message: "Stream s under account 123456789012 is not encrypted."},
			{name: "Stop with another key", op: "StopStreamEncryption", call: func(c *Client, k API, _ *FakeClock) error {
				if err := startEncryption(c, "s", "k1"); err != nil {
					panic(err)
				}
				_, err := k.StopStreamEncryption(ctx, &kinesis.StopStreamEncryptionInput{StreamName: s, EncryptionType: types.EncryptionTypeKms, KeyId: aws.String("k2")})
				return err
			}, code: "InvalidArgumentException", message: "KeyId k2 does not match the key stream s under account 123456789012 is encrypted with."},
			{name: "Stop with encryption type NONE", op: "StopStreamEncryption", call: func(c *Client, k API, _ *FakeClock) error {
				_, err := k.StopStreamEncryption(ctx, &kinesis.StopStreamEncryptionInput{StreamName: s, EncryptionType: types.EncryptionTypeNone, KeyId: aws.String("k")})
				return err
			}, code: "InvalidArgumentException", message: "EncryptionType NONE is not supported; the only valid value is KMS."},
			{name: "Stop while UPDATING", op: "StopStreamEncryption", opts: slow, call: func(c *Client, k API, _ *FakeClock) error {
				updating(c)
				_, err := k.StopStreamEncryption(ctx, &kinesis.StopStreamEncryptionInput{StreamName: s, EncryptionType: types.EncryptionTypeKms, KeyId: aws.String("k1")})
				return err
			}, code: "ResourceInUseException", message: notActive},

			// EnableEnhancedMonitoring and DisableEnhancedMonitoring
			{name: "Enable no metrics", op: "EnableEnhancedMonitoring", call: func(c *Client, k API, _ *FakeClock) error { return enable(k, []types.MetricsName{}...) },
				code: "ValidationException", message: "1 validation error detected: Value '[]' at 'shardLevelMetrics' failed to satisfy constraint: Member must have length greater than or equal to 1"},
			{name: "Enable eight metrics", op: "EnableEnhancedMonitoring", call: func(c *Client, k API, _ *FakeClock) error { return enable(k, types.MetricsName("").Values()...) },
				code: "ValidationException", message: "1 validation error detected: Value '" + allMetrics + "' at 'shardLevelMetrics' failed to satisfy constraint: Member must have length less than or equal to 7"},
			{name: "Enable an unknown metric", op: "EnableEnhancedMonitoring", call: func(c *Client, k API, _ *FakeClock) error { return enable(k, "IncomingBytes", "Latency") },
				code: "ValidationException", message: "1 validation error detected: Value '[IncomingBytes, Latency]' at 'shardLevelMetrics' failed to satisfy constraint: Member must satisfy constraint: [Member must satisfy enum value set: " + allMetrics + "]"},
			{name: "Enable on an unknown stream", op: "EnableEnhancedMonitoring", call: func(c *Client, k API, _ *FakeClock) error {
				_, err := k.EnableEnhancedMonitoring(ctx, &kinesis.EnableEnhancedMonitoringInput{StreamARN: aws.String("arn:aws:kinesis:us-east-1:123456789012:stream/nope"), ShardLevelMetrics: []types.MetricsName{"ALL"}})
				return err
			}, code: "ResourceNotFoundException", message: recorded.StreamNotFound("nope", "123456789012")},
			{name: "Enable while UPDATING", op: "EnableEnhancedMonitoring", opts: slow, call: func(c *Client, k API, _ *FakeClock) error { updating(c); return enable(k, "ALL") },
				code: "ResourceInUseException", message: notActive},
			{name: "Disable while UPDATING", op: "DisableEnhancedMonitoring", opts: slow, call: func(c *Client, k API, _ *FakeClock) error {
				updating(c)
				_, err := k.DisableEnhancedMonitoring(ctx, &kinesis.DisableEnhancedMonitoringInput{StreamName: s, ShardLevelMetrics: []types.MetricsName{"ALL"}})
				return err
			}, code: "ResourceInUseException", message: notActive},

			// UpdateStreamMode
			{name: "Mode unknown", op: "UpdateStreamMode", call: func(c *Client, k API, _ *FakeClock) error { return mode(k, cfgARN, "FAST", nil) },
				code: "ValidationException", message: "1 validation error detected: Value 'FAST' at 'streamModeDetails.streamMode' failed to satisfy constraint: Member must satisfy enum value set: [PROVISIONED, ON_DEMAND]"},
			{name: "Mode with a malformed ARN", op: "UpdateStreamMode", call: func(c *Client, k API, _ *FakeClock) error { return mode(k, "s", types.StreamModeOnDemand, nil) },
				code: "ValidationException", message: "1 validation error detected: Value 's' at 'streamARN' failed to satisfy constraint: Member must satisfy regular expression pattern: arn:aws.*:kinesis:.*:\\d{12}:stream/\\S+"},
			{name: "Mode with a negative warm throughput", op: "UpdateStreamMode", call: func(c *Client, k API, _ *FakeClock) error {
				return mode(k, cfgARN, types.StreamModeOnDemand, aws.Int32(-1))
			},
				code: "ValidationException", message: "1 validation error detected: Value '-1' at 'warmThroughputMiBps' failed to satisfy constraint: Member must have value greater than or equal to 0"},
			{name: "Mode of an unknown stream", op: "UpdateStreamMode", call: func(c *Client, k API, _ *FakeClock) error {
				return mode(k, "arn:aws:kinesis:us-east-1:123456789012:stream/nope", types.StreamModeOnDemand, nil)
			}, code: "ResourceNotFoundException", message: recorded.StreamNotFound("nope", "123456789012")},
			{name: "Mode already in force", op: "UpdateStreamMode", call: func(c *Client, k API, _ *FakeClock) error { return mode(k, cfgARN, types.StreamModeProvisioned, nil) },
				code: "InvalidArgumentException", message: "Stream s under account 123456789012 is already in PROVISIONED mode."},
			{name: "Mode PROVISIONED with a warm throughput", op: "UpdateStreamMode", call: func(c *Client, k API, _ *FakeClock) error {
				return mode(k, cfgODARN, types.StreamModeProvisioned, aws.Int32(10))
			},
				code: "InvalidArgumentException", message: "WarmThroughputMiBps is only valid when the stream mode is being updated to ON_DEMAND."},
			{name: "Mode ON_DEMAND with a warm throughput and no commitment", op: "UpdateStreamMode", call: func(c *Client, k API, _ *FakeClock) error {
				return mode(k, cfgARN, types.StreamModeOnDemand, aws.Int32(10))
			},
				code: "InvalidArgumentException", message: "Warm throughput requires the account 123456789012 to have MinimumThroughputBillingCommitment enabled."},
			{name: "Mode ON_DEMAND over the ON_DEMAND stream quota", op: "UpdateStreamMode", opts: []Option{WithLimits(Limits{OnDemandStreams: 1})}, call: func(c *Client, k API, _ *FakeClock) error {
				return mode(k, cfgARN, types.StreamModeOnDemand, nil)
			}, code: "LimitExceededException", message: "Account 123456789012 already has 1 ON_DEMAND streams, the limit is 1."},
			{name: "Mode PROVISIONED over the shard quota", op: "UpdateStreamMode", opts: []Option{WithLimits(Limits{Shards: 5})}, call: func(c *Client, k API, _ *FakeClock) error {
				return mode(k, cfgODARN, types.StreamModeProvisioned, nil)
			}, code: "LimitExceededException", message: "This request would exceed the shard limit for the account 123456789012 in us-east-1. Current shard count for the account: 2. Limit: 5. " +
				"Number of additional shards that would have resulted from this request: 4. Refer to the AWS Service Limits page (http://docs.aws.amazon.com/general/latest/gr/aws_service_limits.html) for current limits and how to request higher limits."},
			{name: "Mode PROVISIONED with AUTO distribution", op: "UpdateStreamMode", call: func(c *Client, k API, _ *FakeClock) error {
				if err := distribute(c, cfgODARN, types.RecordDistributionStrategyAuto); err != nil {
					panic(err)
				}
				return mode(k, cfgODARN, types.StreamModeProvisioned, nil)
			}, code: "InvalidArgumentException", message: "RecordDistributionStrategy AUTO is only supported for streams in ON_DEMAND mode."},
			{name: "Mode while UPDATING", op: "UpdateStreamMode", opts: slow, call: func(c *Client, k API, _ *FakeClock) error {
				updating(c)
				return mode(k, cfgARN, types.StreamModeOnDemand, nil)
			},
				code: "ResourceInUseException", message: notActive},

			// UpdateStreamWarmThroughput, and CreateStream's WarmThroughputMiBps
			{name: "Warm throughput negative", op: "UpdateStreamWarmThroughput", call: func(c *Client, k API, _ *FakeClock) error { return warm(k, "od", -1) },
				code: "ValidationException", message: "1 validation error detected: Value '-1' at 'warmThroughputMiBps' failed to satisfy constraint: Member must have value greater than or equal to 0"},
			{name: "Warm throughput of a PROVISIONED stream", op: "UpdateStreamWarmThroughput", call: func(c *Client, k API, _ *FakeClock) error { commit(c); return warm(k, "s", 10) },
				code: "InvalidArgumentException", message: "Warm throughput is only supported for streams in ON_DEMAND mode."},
			{name: "Warm throughput without a commitment", op: "UpdateStreamWarmThroughput", call: func(c *Client, k API, _ *FakeClock) error { return warm(k, "od", 10) },
				code: "InvalidArgumentException", message: "Warm throughput requires the account 123456789012 to have MinimumThroughputBillingCommitment enabled."},
			{name: "Warm throughput above 10 GiBps", op: "UpdateStreamWarmThroughput", call: func(c *Client, k API, _ *FakeClock) error { commit(c); return warm(k, "od", 10241) },
				code: "LimitExceededException", message: "WarmThroughputMiBps 10241 exceeds the limit of 10240 MiBps for a stream."},
			{name: "Warm throughput of an unknown stream", op: "UpdateStreamWarmThroughput", call: func(c *Client, k API, _ *FakeClock) error { return warm(k, "nope", 10) },
				code: "ResourceNotFoundException", message: recorded.StreamNotFound("nope", "123456789012")},
			{name: "Warm throughput while UPDATING", op: "UpdateStreamWarmThroughput", opts: slow, call: func(c *Client, k API, _ *FakeClock) error {
				commit(c)
				if err := warm(c, "od", 10); err != nil {
					panic(err)
				}
				return warm(k, "od", 20)
			}, code: "ResourceInUseException", message: recorded.StreamNotActive("od", "123456789012", "UPDATING")},
			{name: "CreateStream with a warm throughput and no commitment", op: "CreateStream", call: func(c *Client, k API, _ *FakeClock) error {
				_, err := k.CreateStream(ctx, &kinesis.CreateStreamInput{StreamName: aws.String("n"), WarmThroughputMiBps: aws.Int32(10)})
				return err
			}, code: "InvalidArgumentException", message: "Warm throughput requires the account 123456789012 to have MinimumThroughputBillingCommitment enabled."},
			{name: "CreateStream PROVISIONED with a warm throughput", op: "CreateStream", call: func(c *Client, k API, _ *FakeClock) error {
				commit(c)
				_, err := k.CreateStream(ctx, &kinesis.CreateStreamInput{StreamName: aws.String("n"), ShardCount: aws.Int32(1), WarmThroughputMiBps: aws.Int32(10)})
				return err
			}, code: "InvalidArgumentException", message: "Warm throughput is only supported for streams in ON_DEMAND mode."},

			// UpdateMaxRecordSize
			{name: "Max record size below 1 MiB", op: "UpdateMaxRecordSize", call: func(c *Client, k API, _ *FakeClock) error {
				_, err := k.UpdateMaxRecordSize(ctx, &kinesis.UpdateMaxRecordSizeInput{StreamARN: aws.String(cfgARN), MaxRecordSizeInKiB: aws.Int32(1023)})
				return err
			}, code: "ValidationException", message: "1 validation error detected: Value '1023' at 'maxRecordSizeInKiB' failed to satisfy constraint: Member must have value greater than or equal to 1024"},
			{name: "Max record size above 10 MiB", op: "UpdateMaxRecordSize", call: func(c *Client, k API, _ *FakeClock) error {
				_, err := k.UpdateMaxRecordSize(ctx, &kinesis.UpdateMaxRecordSizeInput{StreamARN: aws.String(cfgARN), MaxRecordSizeInKiB: aws.Int32(10241)})
				return err
			}, code: "ValidationException", message: "1 validation error detected: Value '10241' at 'maxRecordSizeInKiB' failed to satisfy constraint: Member must have value less than or equal to 10240"},
			{name: "Max record size without a stream", op: "UpdateMaxRecordSize", call: func(c *Client, k API, _ *FakeClock) error {
				_, err := k.UpdateMaxRecordSize(ctx, &kinesis.UpdateMaxRecordSizeInput{MaxRecordSizeInKiB: aws.Int32(2048)})
				return err
			}, code: "InvalidArgumentException", message: "StreamARN must be provided."},
			{name: "Max record size of another account's stream", op: "UpdateMaxRecordSize", call: func(c *Client, k API, _ *FakeClock) error {
				_, err := k.UpdateMaxRecordSize(ctx, &kinesis.UpdateMaxRecordSizeInput{StreamARN: aws.String("arn:aws:kinesis:us-east-1:210987654321:stream/s"), MaxRecordSizeInKiB: aws.Int32(2048)})
				return err
			}, code: "ResourceNotFoundException", message: recorded.StreamNotFound("s", "210987654321")},
			{name: "Max record size while UPDATING", op: "UpdateMaxRecordSize", opts: slow, call: func(c *Client, k API, _ *FakeClock) error {
				updating(c)
				_, err := k.UpdateMaxRecordSize(ctx, &kinesis.UpdateMaxRecordSizeInput{StreamARN: aws.String(cfgARN), MaxRecordSizeInKiB: aws.Int32(2048)})
				return err
			}, code: "ResourceInUseException", message: notActive},

			// UpdateStreamRecordDistributionStrategy
			{name: "Distribution unknown", op: "UpdateStreamRecordDistributionStrategy", call: func(c *Client, k API, _ *FakeClock) error { return distribute(k, cfgODARN, "RANDOM") },
				code: "ValidationException", message: "1 validation error detected: Value 'RANDOM' at 'recordDistributionStrategy' failed to satisfy constraint: Member must satisfy enum value set: [AUTO, USER_PARTITION_KEY]"},
			{name: "Distribution AUTO on a PROVISIONED stream", op: "UpdateStreamRecordDistributionStrategy", call: func(c *Client, k API, _ *FakeClock) error {
				return distribute(k, cfgARN, types.RecordDistributionStrategyAuto)
			}, code: "InvalidArgumentException", message: "RecordDistributionStrategy AUTO is only supported for streams in ON_DEMAND mode."},
			{name: "Distribution while CREATING", op: "UpdateStreamRecordDistributionStrategy", opts: []Option{WithDelays(Delays{CreateStream: time.Minute})}, call: func(c *Client, k API, _ *FakeClock) error {
				return distribute(k, cfgODARN, types.RecordDistributionStrategyAuto)
			}, code: "ResourceInUseException", message: recorded.StreamNotActive("od", "123456789012", "CREATING")},
			{name: "Distribution of an unknown stream", op: "UpdateStreamRecordDistributionStrategy", call: func(c *Client, k API, _ *FakeClock) error {
				return distribute(k, "arn:aws:kinesis:us-east-1:123456789012:stream/nope", types.RecordDistributionStrategyAuto)
			}, code: "ResourceNotFoundException", message: recorded.StreamNotFound("nope", "123456789012")},
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
