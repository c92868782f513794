package kinesisfake

import (
	"context"
	"math"
	"slices"
	"time"

	"github.com/aws/aws-sdk-go-v2/service/kinesis"
	"github.com/aws/aws-sdk-go-v2/service/kinesis/schemas"
	"github.com/aws/aws-sdk-go-v2/service/kinesis/types"
	"github.com/aws/smithy-go"

	"github.com/streamfake/kinesis/internal/recorded"
)

// The stream configuration operations: IncreaseStreamRetentionPeriod,
// DecreaseStreamRetentionPeriod, StartStreamEncryption, StopStreamEncryption,
// EnableEnhancedMonitoring, DisableEnhancedMonitoring, UpdateStreamMode,
// UpdateStreamWarmThroughput, UpdateMaxRecordSize and
// UpdateStreamRecordDistributionStrategy.

const (
	minRetentionHours = 24
	maxRetentionHours = 8760 // 365 days
)

// The shapes of the operations' members, by their model names.
var (
	// The model sets no range on RetentionPeriodHours; the service still
	// rejects values below 1 as a constraint violation (kinesalite's tests,
	// checked against it), and 1–23 and above 8760 as invalid arguments.
	shapeRetentionPeriodHours = values(1, math.MaxInt32)
	shapeKeyId                = lengths(1, 2048)
	shapeMetricsNameList      = lengths(1, 7).of("MetricsNameList")
)

// --- Retention ---

var increaseStreamRetentionPeriodOp = newOperation(smithy.NewOperationSchema(schemas.IncreaseStreamRetentionPeriod, schemas.IncreaseStreamRetentionPeriodInput, nil), changes, callRate{}, (*Client).increaseStreamRetentionPeriod,
	required(intMember("RetentionPeriodHours", shapeRetentionPeriodHours, func(in *kinesis.IncreaseStreamRetentionPeriodInput) *int32 { return in.RetentionPeriodHours })),
	streamMembers(func(in *kinesis.IncreaseStreamRetentionPeriodInput) (*string, *string, *string) {
		return in.StreamName, in.StreamARN, in.StreamId
	}),
)

// IncreaseStreamRetentionPeriod lengthens how long the stream keeps records,
// up to 8760 hours. Records that had already expired stay gone.
func (c *Client) IncreaseStreamRetentionPeriod(ctx context.Context, params *kinesis.IncreaseStreamRetentionPeriodInput, optFns ...func(*kinesis.Options)) (*kinesis.IncreaseStreamRetentionPeriodOutput, error) {
	return increaseStreamRetentionPeriodOp.call(ctx, c, params)
}

func (c *Client) increaseStreamRetentionPeriod(in *kinesis.IncreaseStreamRetentionPeriodInput, now time.Time) (*kinesis.IncreaseStreamRetentionPeriodOutput, error) {
	s, hours, err := c.retentionChange(in.StreamName, in.StreamARN, *in.RetentionPeriodHours, now)
	if err != nil {
		return nil, err
	}
	if current := int32(s.RetentionPeriodHours); hours < current {
		// The service's wording, recorded by kinesalite's tests against it.
		return nil, invalidArgument("%s", recorded.RetentionNotLonger(int(hours), s.name, int(current)))
	}
	// Records are trimmed lazily against the retention period in force, so
	// one that has expired must go before the period grows past its age.
	for _, sh := range s.shards {
		s.trim(sh, now)
	}
	s.RetentionPeriodHours = int(hours)
	return &kinesis.IncreaseStreamRetentionPeriodOutput{}, nil
}

var decreaseStreamRetentionPeriodOp = newOperation(smithy.NewOperationSchema(schemas.DecreaseStreamRetentionPeriod, schemas.DecreaseStreamRetentionPeriodInput, nil), changes, callRate{}, (*Client).decreaseStreamRetentionPeriod,
	required(intMember("RetentionPeriodHours", shapeRetentionPeriodHours, func(in *kinesis.DecreaseStreamRetentionPeriodInput) *int32 { return in.RetentionPeriodHours })),
	streamMembers(func(in *kinesis.DecreaseStreamRetentionPeriodInput) (*string, *string, *string) {
		return in.StreamName, in.StreamARN, in.StreamId
	}),
)

// DecreaseStreamRetentionPeriod shortens how long the stream keeps records,
// down to 24 hours. Records older than the new period are gone at once.
func (c *Client) DecreaseStreamRetentionPeriod(ctx context.Context, params *kinesis.DecreaseStreamRetentionPeriodInput, optFns ...func(*kinesis.Options)) (*kinesis.DecreaseStreamRetentionPeriodOutput, error) {
	return decreaseStreamRetentionPeriodOp.call(ctx, c, params)
}

func (c *Client) decreaseStreamRetentionPeriod(in *kinesis.DecreaseStreamRetentionPeriodInput, now time.Time) (*kinesis.DecreaseStreamRetentionPeriodOutput, error) {
	s, hours, err := c.retentionChange(in.StreamName, in.StreamARN, *in.RetentionPeriodHours, now)
	if err != nil {
		return nil, err
	}
	if current := int32(s.RetentionPeriodHours); hours > current {
		// The service's wording, recorded by kinesalite's tests against it.
		return nil, invalidArgument("%s", recorded.RetentionNotShorter(int(hours), s.name, int(current)))
	}
	s.RetentionPeriodHours = int(hours)
	for _, sh := range s.shards {
		s.trim(sh, now)
	}
	return &kinesis.DecreaseStreamRetentionPeriodOutput{}, nil
}

// retentionChange resolves the stream of a retention change and checks the
// requested period against the service's bounds, in the service's order:
// the stream first, then the bounds (kinesalite, checked against it).
func (c *Client) retentionChange(name, streamARN *string, hours int32, now time.Time) (*stream, int32, error) {
	s, err := c.resolveStream(name, streamARN, now)
	if err != nil {
		return nil, 0, err
	}
	switch {
	case hours < minRetentionHours:
		// The service's wording, recorded by kinesalite's tests against it.
		return nil, 0, invalidArgument("%s", recorded.RetentionTooShort(minRetentionHours, int(hours)))
	case hours > maxRetentionHours:
		// kinesalite's wording (recorded when the maximum was 168 hours),
		// with the maximum moto keeps since it became 8760.
		return nil, 0, invalidArgument("%s", recorded.RetentionTooLong(maxRetentionHours, int(hours)))
	}
	if err := c.requireActive(s, now); err != nil {
		return nil, 0, err
	}
	return s, hours, nil
}

// --- Encryption ---

var startStreamEncryptionOp = newOperation(smithy.NewOperationSchema(schemas.StartStreamEncryption, schemas.StartStreamEncryptionInput, nil), changes, callRate{}, (*Client).startStreamEncryption,
	required(enumMember("EncryptionType", func(in *kinesis.StartStreamEncryptionInput) types.EncryptionType { return in.EncryptionType })),
	required(stringMember("KeyId", shapeKeyId, func(in *kinesis.StartStreamEncryptionInput) *string { return in.KeyId })),
	streamMembers(func(in *kinesis.StartStreamEncryptionInput) (*string, *string, *string) {
		return in.StreamName, in.StreamARN, in.StreamId
	}),
)

// StartStreamEncryption encrypts the records put from now on with the KMS
// key KeyId, or switches an encrypted stream to a new key. The stream is
// UPDATING for Delays.UpdateStream. The fake has no KMS: any KeyId is
// accepted, and records are not really encrypted, only reported as KMS.
func (c *Client) StartStreamEncryption(ctx context.Context, params *kinesis.StartStreamEncryptionInput, optFns ...func(*kinesis.Options)) (*kinesis.StartStreamEncryptionOutput, error) {
	return startStreamEncryptionOp.call(ctx, c, params)
}

func (c *Client) startStreamEncryption(in *kinesis.StartStreamEncryptionInput, now time.Time) (*kinesis.StartStreamEncryptionOutput, error) {
	s, err := c.encryptionStream(in.EncryptionType, in.StreamName, in.StreamARN, now)
	if err != nil {
		return nil, err
	}
	s.setEncryption(*in.KeyId)
	c.startUpdating(s, now)
	return &kinesis.StartStreamEncryptionOutput{}, nil
}

var stopStreamEncryptionOp = newOperation(smithy.NewOperationSchema(schemas.StopStreamEncryption, schemas.StopStreamEncryptionInput, nil), changes, callRate{}, (*Client).stopStreamEncryption,
	required(enumMember("EncryptionType", func(in *kinesis.StopStreamEncryptionInput) types.EncryptionType { return in.EncryptionType })),
	required(stringMember("KeyId", shapeKeyId, func(in *kinesis.StopStreamEncryptionInput) *string { return in.KeyId })),
	streamMembers(func(in *kinesis.StopStreamEncryptionInput) (*string, *string, *string) {
		return in.StreamName, in.StreamARN, in.StreamId
	}),
)

// StopStreamEncryption stops encrypting the records put from now on. KeyId
// must name the key the stream is encrypted with, as DescribeStream reports
// it. The stream is UPDATING for Delays.UpdateStream.
func (c *Client) StopStreamEncryption(ctx context.Context, params *kinesis.StopStreamEncryptionInput, optFns ...func(*kinesis.Options)) (*kinesis.StopStreamEncryptionOutput, error) {
	return stopStreamEncryptionOp.call(ctx, c, params)
}

func (c *Client) stopStreamEncryption(in *kinesis.StopStreamEncryptionInput, now time.Time) (*kinesis.StopStreamEncryptionOutput, error) {
	s, err := c.encryptionStream(in.EncryptionType, in.StreamName, in.StreamARN, now)
	if err != nil {
		return nil, err
	}
	// The service's answers to these two are not on public record; the
	// fake refuses both, in its own wording, rather than let a mistaken
	// key pass.
	if s.encryption != types.EncryptionTypeKms {
		return nil, invalidArgument("Stream %s under account %s is not encrypted.", s.name, c.accountID)
	}
	if *in.KeyId != s.KeyID {
		return nil, invalidArgument("KeyId %s does not match the key stream %s under account %s is encrypted with.", *in.KeyId, s.name, c.accountID)
	}
	s.setEncryption("")
	c.startUpdating(s, now)
	return &kinesis.StopStreamEncryptionOutput{}, nil
}

// encryptionStream resolves the stream whose encryption a call changes,
// which must be ACTIVE, after checking the encryption type.
func (c *Client) encryptionStream(typ types.EncryptionType, name, streamARN *string, now time.Time) (*stream, error) {
	if err := onlyKMS(typ); err != nil {
		return nil, err
	}
	s, err := c.resolveStream(name, streamARN, now)
	if err != nil {
		return nil, err
	}
	return s, c.requireActive(s, now)
}

// onlyKMS rejects the encryption type NONE, which the model allows but the
// operations do not ("The only valid value is KMS"). The wording is the
// fake's own.
func onlyKMS(t types.EncryptionType) error {
	if t != types.EncryptionTypeKms {
		return invalidArgument("EncryptionType %s is not supported; the only valid value is KMS.", t)
	}
	return nil
}

// --- Enhanced monitoring ---

var enableEnhancedMonitoringOp = newOperation(smithy.NewOperationSchema(schemas.EnableEnhancedMonitoring, schemas.EnableEnhancedMonitoringInput, schemas.EnhancedMonitoringOutput), changes, callRate{}, (*Client).enableEnhancedMonitoring,
	required(enumListMember("ShardLevelMetrics", shapeMetricsNameList, func(in *kinesis.EnableEnhancedMonitoringInput) []types.MetricsName { return in.ShardLevelMetrics })),
	streamMembers(func(in *kinesis.EnableEnhancedMonitoringInput) (*string, *string, *string) {
		return in.StreamName, in.StreamARN, in.StreamId
	}),
)

// EnableEnhancedMonitoring turns on shard-level metrics; ALL turns on every
// one. It reports the metrics enabled before and after. The fake publishes
// no metrics: the setting is only recorded and described.
func (c *Client) EnableEnhancedMonitoring(ctx context.Context, params *kinesis.EnableEnhancedMonitoringInput, optFns ...func(*kinesis.Options)) (*kinesis.EnableEnhancedMonitoringOutput, error) {
	return enableEnhancedMonitoringOp.call(ctx, c, params)
}

func (c *Client) enableEnhancedMonitoring(in *kinesis.EnableEnhancedMonitoringInput, now time.Time) (*kinesis.EnableEnhancedMonitoringOutput, error) {
	s, current, desired, err := c.setMonitoring(in.StreamName, in.StreamARN, in.ShardLevelMetrics, true, now)
	if err != nil {
		return nil, err
	}
	return &kinesis.EnableEnhancedMonitoringOutput{
		StreamName:               ptr(s.name),
		StreamARN:                ptr(s.arn),
		CurrentShardLevelMetrics: current,
		DesiredShardLevelMetrics: desired,
	}, nil
}

var disableEnhancedMonitoringOp = newOperation(smithy.NewOperationSchema(schemas.DisableEnhancedMonitoring, schemas.DisableEnhancedMonitoringInput, schemas.EnhancedMonitoringOutput), changes, callRate{}, (*Client).disableEnhancedMonitoring,
	required(enumListMember("ShardLevelMetrics", shapeMetricsNameList, func(in *kinesis.DisableEnhancedMonitoringInput) []types.MetricsName { return in.ShardLevelMetrics })),
	streamMembers(func(in *kinesis.DisableEnhancedMonitoringInput) (*string, *string, *string) {
		return in.StreamName, in.StreamARN, in.StreamId
	}),
)

// DisableEnhancedMonitoring turns off shard-level metrics; ALL turns off
// every one. It reports the metrics enabled before and after.
func (c *Client) DisableEnhancedMonitoring(ctx context.Context, params *kinesis.DisableEnhancedMonitoringInput, optFns ...func(*kinesis.Options)) (*kinesis.DisableEnhancedMonitoringOutput, error) {
	return disableEnhancedMonitoringOp.call(ctx, c, params)
}

func (c *Client) disableEnhancedMonitoring(in *kinesis.DisableEnhancedMonitoringInput, now time.Time) (*kinesis.DisableEnhancedMonitoringOutput, error) {
	s, current, desired, err := c.setMonitoring(in.StreamName, in.StreamARN, in.ShardLevelMetrics, false, now)
	if err != nil {
		return nil, err
	}
	return &kinesis.DisableEnhancedMonitoringOutput{
		StreamName:               ptr(s.name),
		StreamARN:                ptr(s.arn),
		CurrentShardLevelMetrics: current,
		DesiredShardLevelMetrics: desired,
	}, nil
}

// setMonitoring turns the given metrics on or off and returns the enabled
// metrics before and after, each in the model's order so that descriptions
// are deterministic.
func (c *Client) setMonitoring(name, streamARN *string, metrics []types.MetricsName, on bool, now time.Time) (s *stream, current, desired []types.MetricsName, err error) {
	if s, err = c.resolveStream(name, streamARN, now); err != nil {
		return nil, nil, nil, err
	}
	if err = c.requireActive(s, now); err != nil {
		return nil, nil, nil, err
	}
	all := slices.Contains(metrics, types.MetricsNameAll)
	current = append([]types.MetricsName{}, s.ShardLevelMetrics...)
	desired = []types.MetricsName{}
	for _, m := range types.MetricsName("").Values() {
		if m == types.MetricsNameAll {
			continue
		}
		enabled := slices.Contains(s.ShardLevelMetrics, m)
		if all || slices.Contains(metrics, m) {
			enabled = on
		}
		if enabled {
			desired = append(desired, m)
		}
	}
	s.ShardLevelMetrics = append([]types.MetricsName{}, desired...)
	return s, current, desired, nil
}

// --- Capacity mode and warm throughput ---

var updateStreamModeOp = newOperation(smithy.NewOperationSchema(schemas.UpdateStreamMode, schemas.UpdateStreamModeInput, nil), changes, callRate{}, (*Client).updateStreamMode,
	required(naming(namesStreamARN, stringMember("StreamARN", shapeStreamARN, func(in *kinesis.UpdateStreamModeInput) *string { return in.StreamARN }))),
	required(structMember("StreamModeDetails", "StreamModeDetails", func(in *kinesis.UpdateStreamModeInput) *types.StreamModeDetails { return in.StreamModeDetails },
		required(enumMember("StreamMode", func(in *types.StreamModeDetails) types.StreamMode { return in.StreamMode })))),
	intMember("WarmThroughputMiBps", shapeNatural, func(in *kinesis.UpdateStreamModeInput) *int32 { return in.WarmThroughputMiBps }),
	stringMember("StreamId", shapeStreamID, func(in *kinesis.UpdateStreamModeInput) *string { return in.StreamId }),
)

// UpdateStreamMode switches a stream between PROVISIONED and ON_DEMAND. The
// stream is UPDATING for Delays.UpdateStream and keeps its shards: the fake
// does not rescale a stream whose mode changes. WarmThroughputMiBps, for a
// switch to ON_DEMAND in an account with a minimum throughput billing
// commitment, sets its warm throughput.
func (c *Client) UpdateStreamMode(ctx context.Context, params *kinesis.UpdateStreamModeInput, optFns ...func(*kinesis.Options)) (*kinesis.UpdateStreamModeOutput, error) {
	return updateStreamModeOp.call(ctx, c, params)
}

func (c *Client) updateStreamMode(in *kinesis.UpdateStreamModeInput, now time.Time) (*kinesis.UpdateStreamModeOutput, error) {
	s, err := c.resolveStream(nil, in.StreamARN, now)
	if err != nil {
		return nil, err
	}
	mode := in.StreamModeDetails.StreamMode
	// The wording of every error below but the not-ACTIVE one and the
	// quotas' is the fake's own: the service's is not on public record.
	if in.WarmThroughputMiBps != nil && mode != types.StreamModeOnDemand {
		return nil, invalidArgument("WarmThroughputMiBps is only valid when the stream mode is being updated to ON_DEMAND.")
	}
	if err := c.requireActive(s, now); err != nil {
		return nil, err
	}
	if s.Mode == mode {
		return nil, invalidArgument("Stream %s under account %s is already in %s mode.", s.name, c.accountID, mode)
	}
	switch mode {
	case types.StreamModeOnDemand:
		if u := c.usage(now); u.onDemandStreams >= c.limits.OnDemandStreams {
			return nil, c.onDemandLimitExceeded(u)
		}
		if in.WarmThroughputMiBps != nil {
			if err := c.checkWarmThroughput(mode, *in.WarmThroughputMiBps, now); err != nil {
				return nil, err
			}
			s.warm = warmThroughput(*in.WarmThroughputMiBps)
		}
	case types.StreamModeProvisioned:
		if s.RecordDistributionStrategy == types.RecordDistributionStrategyAuto {
			// CreateStream's wording for the same rule.
			return nil, invalidArgument("RecordDistributionStrategy AUTO is only supported for streams in ON_DEMAND mode.")
		}
		if c.streamChannels(s, now) > 0 {
			// Channels read only ON_DEMAND streams; the wording is the fake's own.
			return nil, resourceInUse("Stream %s under account %s has channels, which need it to be in ON_DEMAND mode.", s.name, c.accountID)
		}
		if c.streamQueues(s, now) > 0 {
			// "You can't switch a data stream from on-demand to provisioned
			// capacity mode while the stream has one or more queues"
			// (UpdateStreamMode's doc comment, v1.57.0); the wording is the
			// fake's own, as for channels.
			return nil, resourceInUse("Stream %s under account %s has queues, which need it to be in ON_DEMAND mode. Delete the queues with DeleteQueue first.", s.name, c.accountID)
		}
		if err := c.checkShardLimit(len(s.open), now); err != nil {
			return nil, err
		}
		s.warm = nil // warm throughput is an ON_DEMAND setting
	}
	c.index.count(s, -1)
	s.Mode = mode
	c.index.count(s, 1)
	c.startUpdating(s, now)
	return &kinesis.UpdateStreamModeOutput{}, nil
}

var updateStreamWarmThroughputOp = newOperation(smithy.NewOperationSchema(schemas.UpdateStreamWarmThroughput, schemas.UpdateStreamWarmThroughputInput, schemas.UpdateStreamWarmThroughputOutput), changes, callRate{5, perAccount}, (*Client).updateStreamWarmThroughput,
	required(intMember("WarmThroughputMiBps", shapeNatural, func(in *kinesis.UpdateStreamWarmThroughputInput) *int32 { return in.WarmThroughputMiBps })),
	streamMembers(func(in *kinesis.UpdateStreamWarmThroughputInput) (*string, *string, *string) {
		return in.StreamName, in.StreamARN, in.StreamId
	}),
)

// UpdateStreamWarmThroughput sets the warm throughput of an ON_DEMAND stream
// in an account with a minimum throughput billing commitment. The stream is
// UPDATING for Delays.UpdateStream; the new throughput is current at once.
func (c *Client) UpdateStreamWarmThroughput(ctx context.Context, params *kinesis.UpdateStreamWarmThroughputInput, optFns ...func(*kinesis.Options)) (*kinesis.UpdateStreamWarmThroughputOutput, error) {
	return updateStreamWarmThroughputOp.call(ctx, c, params)
}

func (c *Client) updateStreamWarmThroughput(in *kinesis.UpdateStreamWarmThroughputInput, now time.Time) (*kinesis.UpdateStreamWarmThroughputOutput, error) {
	s, err := c.resolveStream(in.StreamName, in.StreamARN, now)
	if err != nil {
		return nil, err
	}
	if err := c.requireActive(s, now); err != nil {
		return nil, err
	}
	mibps := *in.WarmThroughputMiBps
	if err := c.checkWarmThroughput(s.Mode, mibps, now); err != nil {
		return nil, err
	}
	s.warm = warmThroughput(mibps)
	c.startUpdating(s, now)
	return &kinesis.UpdateStreamWarmThroughputOutput{
		StreamName:     ptr(s.name),
		StreamARN:      ptr(s.arn),
		WarmThroughput: copyWarmThroughput(s.warm),
	}, nil
}

// --- Record size and distribution ---

var updateMaxRecordSizeOp = newOperation(smithy.NewOperationSchema(schemas.UpdateMaxRecordSize, schemas.UpdateMaxRecordSizeInput, nil), changes, callRate{}, (*Client).updateMaxRecordSize,
	required(intMember("MaxRecordSizeInKiB", shapeRecordSize, func(in *kinesis.UpdateMaxRecordSizeInput) *int32 { return in.MaxRecordSizeInKiB })),
	naming(namesStreamARN, stringMember("StreamARN", shapeStreamARN, func(in *kinesis.UpdateMaxRecordSizeInput) *string { return in.StreamARN })),
	stringMember("StreamId", shapeStreamID, func(in *kinesis.UpdateMaxRecordSizeInput) *string { return in.StreamId }),
)

// UpdateMaxRecordSize sets the largest record (data and partition key) the
// stream accepts, from 1024 to 10240 KiB. It applies to the next put.
func (c *Client) UpdateMaxRecordSize(ctx context.Context, params *kinesis.UpdateMaxRecordSizeInput, optFns ...func(*kinesis.Options)) (*kinesis.UpdateMaxRecordSizeOutput, error) {
	return updateMaxRecordSizeOp.call(ctx, c, params)
}

func (c *Client) updateMaxRecordSize(in *kinesis.UpdateMaxRecordSizeInput, now time.Time) (*kinesis.UpdateMaxRecordSizeOutput, error) {
	if in.StreamARN == nil {
		// The operation names its stream by ARN only; the wording is the
		// fake's own.
		return nil, invalidArgument("StreamARN must be provided.")
	}
	s, err := c.resolveStream(nil, in.StreamARN, now)
	if err != nil {
		return nil, err
	}
	if err := c.requireActive(s, now); err != nil {
		return nil, err
	}
	s.MaxRecordSizeInKiB = int(*in.MaxRecordSizeInKiB)
	return &kinesis.UpdateMaxRecordSizeOutput{}, nil
}

var updateStreamRecordDistributionStrategyOp = newOperation(smithy.NewOperationSchema(schemas.UpdateStreamRecordDistributionStrategy, schemas.UpdateStreamRecordDistributionStrategyInput, nil), changes, callRate{}, (*Client).updateStreamRecordDistributionStrategy,
	required(naming(namesStreamARN, stringMember("StreamARN", shapeStreamARN, func(in *kinesis.UpdateStreamRecordDistributionStrategyInput) *string { return in.StreamARN }))),
	required(enumMember("RecordDistributionStrategy", func(in *kinesis.UpdateStreamRecordDistributionStrategyInput) types.RecordDistributionStrategy {
		return in.RecordDistributionStrategy
	})),
	stringMember("StreamId", shapeStreamID, func(in *kinesis.UpdateStreamRecordDistributionStrategyInput) *string { return in.StreamId }),
)

// UpdateStreamRecordDistributionStrategy chooses how new records find their
// shard: by partition key (USER_PARTITION_KEY) or spread by the stream itself
// (AUTO, ON_DEMAND streams only). It applies to the next put; records
// already stored stay where they are.
func (c *Client) UpdateStreamRecordDistributionStrategy(ctx context.Context, params *kinesis.UpdateStreamRecordDistributionStrategyInput, optFns ...func(*kinesis.Options)) (*kinesis.UpdateStreamRecordDistributionStrategyOutput, error) {
	return updateStreamRecordDistributionStrategyOp.call(ctx, c, params)
}

func (c *Client) updateStreamRecordDistributionStrategy(in *kinesis.UpdateStreamRecordDistributionStrategyInput, now time.Time) (*kinesis.UpdateStreamRecordDistributionStrategyOutput, error) {
	s, err := c.resolveStream(nil, in.StreamARN, now)
	if err != nil {
		return nil, err
	}
	// The API reference allows a switch "at any time, without downtime":
	// an UPDATING stream takes one too.
	if err := c.requireReady(s, now); err != nil {
		return nil, err
	}
	strategy := in.RecordDistributionStrategy
	if strategy == types.RecordDistributionStrategyAuto && s.Mode != types.StreamModeOnDemand {
		// The exception is the API reference's; the wording is CreateStream's,
		// the fake's own.
		return nil, invalidArgument("RecordDistributionStrategy AUTO is only supported for streams in ON_DEMAND mode.")
	}
	s.RecordDistributionStrategy = strategy
	return &kinesis.UpdateStreamRecordDistributionStrategyOutput{}, nil
}
