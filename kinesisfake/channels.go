package kinesisfake

// The channel operations: CreateChannel, DescribeChannel, ListChannels,
// UpdateChannel and DeleteChannel.
//
// A channel delivers the records of one ON_DEMAND stream to a general purpose
// Amazon S3 bucket or to a streaming table on Apache Iceberg (Amazon S3
// Tables). The fake keeps its configuration and lifecycle; it delivers
// nothing. Sources: the SDK's doc comments (v1.56.13), the API reference, and
// the Developer Guide's "Delivery quotas and limits" page; the botocore model
// at hand predates channels, so constraints come from the API reference.

import (
	"context"
	"maps"
	"strings"
	"time"

	"github.com/aws/aws-sdk-go-v2/service/kinesis"
	"github.com/aws/aws-sdk-go-v2/service/kinesis/schemas"
	"github.com/aws/aws-sdk-go-v2/service/kinesis/types"
	"github.com/aws/smithy-go"
)

const (
	listChannelsMax = 100 // channels ListChannels returns at most ("Delivery quotas and limits")

	// DataFreshnessInSeconds: 300 by default, 300 to 900 (SDK doc comments
	// up to v1.56, the Terraform provider's docs, the MSK delivery guide).
	defaultDataFreshness = 300
	minDataFreshness     = 300
	maxDataFreshness     = 900

	// A stream has at most one channel of each destination type, and a
	// channel reads one stream and writes one table ("Delivery quotas and
	// limits": deliveries per stream 2, one of each; streams and tables per
	// delivery 1; none adjustable).
	channelsPerDestination = 1

	// The defaults the service fills in (API reference; "S3 output key
	// template" in the Developer Guide; the CDK's CfnChannel docs for the
	// error prefix).
	defaultLogStream         = "DestinationDelivery"
	defaultOutputKeyTemplate = "kinesis-channel/!{channel-name}/!{channel-id}/!{yyyy}/!{MM}/!{dd}/!{HH}/!{channel-name}-!{channel-id}-!{yyyy}-!{MM}-!{dd}-!{HH}-!{mm}!{extension}"

	// channelTokenPrefix marks the NextTokens of ListChannels, so that a
	// token another listing issued is refused.
	channelTokenPrefix = "channel:"
)

// The constraints of the channel shapes, from the API reference (the
// botocore model at hand has no channels).
var (
	shapeChannelName       = matching(1, 128, nameChars)
	shapeChannelARN        = matching(1, 2048, regexPattern(`arn:aws.*:kinesis:.*:\d{12}:channel/\S+`))
	shapeRoleARN           = matching(1, 512, regexPattern(`arn:aws[-a-z0-9]*:iam::\d{12}:role/[a-zA-Z_0-9+=,.@\-_/]+`))
	shapeGSRSchemaARN      = matching(1, 512, regexPattern(`arn:aws[-a-z0-9]*:glue:[-a-z0-9]+:\d{12}:schema/[-a-zA-Z0-9_$#.]+/[-a-zA-Z0-9_$#.]+`))
	shapeBucketARN         = matching(1, 2048, regexPattern(`arn:aws[-a-z0-9]*:s3:::[a-z0-9._-]{3,63}`))
	shapeAccountID         = matching(12, 12, regexPattern(`\d{12}`))
	shapeOutputKeyTemplate = matching(1, 1024, regexPattern(`[0-9A-Za-z!\-_'.*()\/=:{}]+`))
	shapeErrorOutputPrefix = matching(1, 512, regexPattern(`[0-9A-Za-z!\-_'.*()\/]+`))
	shapeTableBucketARN    = matching(1, 2048, regexPattern(`arn:aws[-a-z0-9]*:s3tables:[-a-z0-9]+:\d{12}:bucket/[a-z0-9_-]{3,63}`))
	shapeTableName         = matching(1, 255, regexPattern(`[0-9a-z_]+`)) // also Namespace
	shapeSourceName        = matching(1, 255, regexPattern(`[a-zA-Z0-9\.\_]+`))
	shapeChannelKeyID      = lengths(1, 2048)
	shapeLogGroupName      = matching(1, 512, regexPattern(`[\.\-_/#A-Za-z0-9]+`))
	shapeLogStreamName     = matching(1, 512, regexPattern(`[^:*]*`))
	shapeChannelList       = lengths(1, 10000) // StreamConfigurationList, S3TablesConfigurationList, StreamFilter
	shapePartitionFields   = lengths(1, 10)
)

// presentMember is a member the model constrains only by being there: a
// boolean, or an integer with no range.
func presentMember[In any](name string, present func(*In) bool) member[In] {
	return member[In]{
		name:    name,
		wire:    wireName(name),
		present: present,
		check:   func(_ *In, _ path, _ string, c checker) checker { return c },
	}
}

// cloudWatchLogsMembers are the members of CloudWatchLogs and
// CloudWatchLogsUpdateInput, which have the same constraints.
func cloudWatchLogsMembers[In any](enabled func(*In) *bool, group, stream func(*In) *string) []member[In] {
	return []member[In]{
		required(presentMember("Enabled", func(in *In) bool { return enabled(in) != nil })),
		stringMember("LogGroupName", shapeLogGroupName, group),
		stringMember("LogStreamName", shapeLogStreamName, stream),
	}
}

// The members of the nested shapes, in the SDK's order of required members
// and otherwise the model's.
var (
	deadLetterMembers = []member[types.DeadLetterQueueS3Configuration]{
		required(stringMember("BucketARN", shapeBucketARN, func(in *types.DeadLetterQueueS3Configuration) *string { return in.BucketARN })),
		required(stringMember("ExpectedBucketOwner", shapeAccountID, func(in *types.DeadLetterQueueS3Configuration) *string { return in.ExpectedBucketOwner })),
		stringMember("ErrorOutputPrefix", shapeErrorOutputPrefix, func(in *types.DeadLetterQueueS3Configuration) *string { return in.ErrorOutputPrefix }),
	}

	channelStreamMembers = []member[types.ChannelStreamConfiguration]{
		required(stringMember("StreamARN", shapeStreamARN, func(in *types.ChannelStreamConfiguration) *string { return in.StreamARN })),
		required(structMember("RecordConfiguration", "RecordConfiguration",
			func(in *types.ChannelStreamConfiguration) *types.RecordConfiguration { return in.RecordConfiguration },
			required(enumMember("RecordFormatType", func(in *types.RecordConfiguration) types.RecordFormatType { return in.RecordFormatType })),
			stringMember("GSRSchemaARN", shapeGSRSchemaARN, func(in *types.RecordConfiguration) *string { return in.GSRSchemaARN }),
		)),
	}

	s3DestinationMembers = []member[types.S3DestinationConfiguration]{
		structMember("DeadLetterQueueS3Configuration", "DeadLetterQueueS3Configuration",
			func(in *types.S3DestinationConfiguration) *types.DeadLetterQueueS3Configuration {
				return in.DeadLetterQueueS3Configuration
			}, deadLetterMembers...),
		required(structMember("StorageConfiguration", "S3StorageConfiguration",
			func(in *types.S3DestinationConfiguration) *types.S3StorageConfiguration {
				return in.StorageConfiguration
			},
			required(stringMember("BucketARN", shapeBucketARN, func(in *types.S3StorageConfiguration) *string { return in.BucketARN })),
			required(stringMember("ExpectedBucketOwner", shapeAccountID, func(in *types.S3StorageConfiguration) *string { return in.ExpectedBucketOwner })),
			stringMember("OutputKeyTemplate", shapeOutputKeyTemplate, func(in *types.S3StorageConfiguration) *string { return in.OutputKeyTemplate }),
			enumMember("StorageClass", func(in *types.S3StorageConfiguration) types.S3StorageClass { return in.StorageClass }),
			required(enumMember("CompressionType", func(in *types.S3StorageConfiguration) types.S3CompressionType { return in.CompressionType })),
		)),
	}

	s3TablesDestinationMembers = []member[types.S3TablesDestinationConfiguration]{
		required(structMember("DeadLetterQueueS3Configuration", "DeadLetterQueueS3Configuration",
			func(in *types.S3TablesDestinationConfiguration) *types.DeadLetterQueueS3Configuration {
				return in.DeadLetterQueueS3Configuration
			}, deadLetterMembers...)),
		required(listMember("S3TablesConfigurationList", "S3TablesConfigurationList", "S3TablesConfiguration", shapeChannelList,
			func(in *types.S3TablesDestinationConfiguration) []types.S3TablesConfiguration {
				return in.S3TablesConfigurationList
			},
			required(stringMember("TableBucketARN", shapeTableBucketARN, func(in *types.S3TablesConfiguration) *string { return in.TableBucketARN })),
			required(stringMember("Namespace", shapeTableName, func(in *types.S3TablesConfiguration) *string { return in.Namespace })),
			required(stringMember("TableName", shapeTableName, func(in *types.S3TablesConfiguration) *string { return in.TableName })),
			required(enumMember("CompressionType", func(in *types.S3TablesConfiguration) types.S3TablesCompressionType { return in.CompressionType })),
			structMember("PartitionSpec", "PartitionSpec",
				func(in *types.S3TablesConfiguration) *types.PartitionSpec { return in.PartitionSpec },
				required(listMember("PartitionFields", "PartitionFieldList", "PartitionField", shapePartitionFields,
					func(in *types.PartitionSpec) []types.PartitionField { return in.PartitionFields },
					required(enumMember("Transform", func(in *types.PartitionField) types.PartitionTransform { return in.Transform })),
					required(stringMember("SourceName", shapeSourceName, func(in *types.PartitionField) *string { return in.SourceName })),
				)),
			),
		)),
	}
)

var createChannelOp = newOperation(smithy.NewOperationSchema(schemas.CreateChannel, schemas.CreateChannelInput, schemas.CreateChannelOutput), changes, callRate{5, perAccount}, (*Client).createChannel,
	required(stringMember("ChannelName", shapeChannelName, func(in *kinesis.CreateChannelInput) *string { return in.ChannelName })),
	required(stringMember("ServiceExecutionRoleARN", shapeRoleARN, func(in *kinesis.CreateChannelInput) *string { return in.ServiceExecutionRoleARN })),
	required(listMember("StreamConfigurationList", "ChannelStreamConfigurationList", "ChannelStreamConfiguration", shapeChannelList,
		func(in *kinesis.CreateChannelInput) []types.ChannelStreamConfiguration {
			return in.StreamConfigurationList
		},
		channelStreamMembers...)),
	structMember("S3DestinationConfiguration", "S3DestinationConfiguration",
		func(in *kinesis.CreateChannelInput) *types.S3DestinationConfiguration {
			return in.S3DestinationConfiguration
		},
		s3DestinationMembers...),
	structMember("S3TablesDestinationConfiguration", "S3TablesDestinationConfiguration",
		func(in *kinesis.CreateChannelInput) *types.S3TablesDestinationConfiguration {
			return in.S3TablesDestinationConfiguration
		}, s3TablesDestinationMembers...),
	structMember("EncryptionConfiguration", "ChannelEncryptionConfiguration",
		func(in *kinesis.CreateChannelInput) *types.ChannelEncryptionConfiguration {
			return in.EncryptionConfiguration
		},
		required(enumMember("EncryptionType", func(in *types.ChannelEncryptionConfiguration) types.ChannelEncryptionType { return in.EncryptionType })),
		required(stringMember("KeyId", shapeChannelKeyID, func(in *types.ChannelEncryptionConfiguration) *string { return in.KeyId })),
	),
	tagsMember("Tags", func(in *kinesis.CreateChannelInput) map[string]string { return in.Tags }),
	structMember("LoggingConfiguration", "ChannelLoggingConfiguration",
		func(in *kinesis.CreateChannelInput) *types.ChannelLoggingConfiguration {
			return in.LoggingConfiguration
		},
		required(structMember("CloudWatchLogs", "CloudWatchLogs",
			func(in *types.ChannelLoggingConfiguration) *types.CloudWatchLogs { return in.CloudWatchLogs },
			cloudWatchLogsMembers(
				func(in *types.CloudWatchLogs) *bool { return in.Enabled },
				func(in *types.CloudWatchLogs) *string { return in.LogGroupName },
				func(in *types.CloudWatchLogs) *string { return in.LogStreamName },
			)...)),
	),
)

// CreateChannel creates a channel delivering an ON_DEMAND stream to a
// general purpose S3 bucket or to an S3 Tables table. It is CREATING until
// Delays.CreateChannel has passed. A stream has at most one channel of each
// destination type.
func (c *Client) CreateChannel(ctx context.Context, params *kinesis.CreateChannelInput, optFns ...func(*kinesis.Options)) (*kinesis.CreateChannelOutput, error) {
	return createChannelOp.call(ctx, c, params)
}

func (c *Client) createChannel(in *kinesis.CreateChannelInput, now time.Time) (*kinesis.CreateChannelOutput, error) {
	if err := c.checkChannelArguments(in); err != nil {
		return nil, err
	}
	kind, freshness := destinationOf(in)
	name := *in.ChannelName
	live := c.liveChannels(now)
	for _, ch := range live {
		if ch.name == name {
			// The fake's own wording, after the stream's.
			return nil, resourceInUse("Channel %s under account %s already exists.", name, c.accountID)
		}
	}
	source := in.StreamConfigurationList[0]
	s, err := c.resolveStream(nil, source.StreamARN, now)
	if err != nil {
		return nil, err
	}
	if err := c.requireReady(s, now); err != nil {
		return nil, err
	}
	if s.Mode != types.StreamModeOnDemand {
		// "This operation is only supported for data streams with the
		// on-demand capacity mode" (API reference); the error is the one it
		// lists for a capacity mode that does not fit. The wording is the
		// fake's own, after moto's for the opposite case.
		return nil, &types.ValidationException{Message: ptr("Request is invalid. Stream " + s.name + " under account " + c.accountID + " is in Provisioned mode.")}
	}
	same := 0
	for _, ch := range live {
		if ch.stream == s && ch.DestinationType == kind {
			same++
		}
	}
	switch limit := c.channelCountLimit(); {
	case same >= channelsPerDestination:
		// The fake's own wording, after the consumers' limit.
		return nil, limitExceeded("Stream %s under account %s already has %d channels with destination type %s, the limit is %d.", s.name, c.accountID, same, kind, channelsPerDestination)
	case len(live) >= limit:
		return nil, limitExceeded("Account %s already has %d channels, the limit is %d.", c.accountID, len(live), limit)
	}

	ch := &channel{
		onStream: c.newOnStream("channel", name, s, c.delays.CreateChannel, func(arn string) bool { _, taken := c.channels[arn]; return taken }, now),
		channelSettings: channelSettings{
			ServiceExecutionRoleARN: *in.ServiceExecutionRoleARN,
			RecordConfiguration:     recordConfigOf(source.RecordConfiguration),
			DestinationType:         kind,
			DataFreshnessInSeconds:  freshness,
			Encryption:              channelEncryptionOf(in.EncryptionConfiguration),
			Tags:                    make(map[string]string, len(in.Tags)),
			Logging:                 cloudWatchLogs{Enabled: ptr(false)},
		},
	}
	maps.Copy(ch.Tags, in.Tags)
	errorPrefix := "kinesis-channel/errors/" + name + "/" + ch.id + "/"
	if d := in.S3DestinationConfiguration; d != nil {
		ch.Storage = s3StorageOf(d.StorageConfiguration)
		if ch.Storage.StorageClass == "" {
			ch.Storage.StorageClass = types.S3StorageClassStandard
		}
		if ch.Storage.OutputKeyTemplate == nil {
			ch.Storage.OutputKeyTemplate = ptr(defaultOutputKeyTemplate)
		}
		// Without one, dead letters go to the destination bucket (API
		// reference).
		ch.DeadLetterQueue = deadLetterQueue{BucketARN: ptr(*ch.Storage.BucketARN), ExpectedBucketOwner: ptr(*ch.Storage.ExpectedBucketOwner)}
		if dl := d.DeadLetterQueueS3Configuration; dl != nil {
			ch.DeadLetterQueue = deadLetterQueueOf(dl)
		}
	} else {
		d := in.S3TablesDestinationConfiguration
		ch.DeadLetterQueue = deadLetterQueueOf(d.DeadLetterQueueS3Configuration)
		ch.Tables = s3TablesOf(d.S3TablesConfigurationList)
	}
	if ch.DeadLetterQueue.ErrorOutputPrefix == nil {
		ch.DeadLetterQueue.ErrorOutputPrefix = ptr(errorPrefix)
	}
	if l := in.LoggingConfiguration; l != nil {
		ch.setLogging(l.CloudWatchLogs.Enabled, l.CloudWatchLogs.LogGroupName, l.CloudWatchLogs.LogStreamName)
	}
	c.channels[ch.arn] = ch
	return &kinesis.CreateChannelOutput{ChannelDescription: ch.describe(now)}, nil
}

// checkChannelArguments applies the rules of CreateChannel that depend on
// the input alone. The rules are documented; the wording is the fake's own.
func (c *Client) checkChannelArguments(in *kinesis.CreateChannelInput) error {
	s3, tables := in.S3DestinationConfiguration, in.S3TablesDestinationConfiguration
	if (s3 == nil) == (tables == nil) {
		return invalidArgument("Exactly one of S3DestinationConfiguration or S3TablesDestinationConfiguration must be specified.")
	}
	if len(in.StreamConfigurationList) > 1 {
		return invalidArgument("A channel reads exactly one stream; StreamConfigurationList has %d.", len(in.StreamConfigurationList))
	}
	kind, freshness := destinationOf(in)
	if tables != nil {
		if n := len(tables.S3TablesConfigurationList); n > 1 {
			return invalidArgument("A channel writes exactly one table; S3TablesConfigurationList has %d.", n)
		}
	}
	if err := checkFreshness(freshness); err != nil {
		return err
	}
	rec := in.StreamConfigurationList[0].RecordConfiguration
	format, schema := rec.RecordFormatType, rec.GSRSchemaARN
	switch {
	case kind == types.ChannelDestinationTypeS3 && format == types.RecordFormatTypeGsrJson,
		kind == types.ChannelDestinationTypeS3Tables && (format == types.RecordFormatTypeString || format == types.RecordFormatTypeByteArray):
		return invalidArgument("Record format %s is not supported for destination type %s.", format, kind)
	case kind == types.ChannelDestinationTypeS3Tables && schema == nil:
		return invalidArgument("GSRSchemaARN is required for destination type %s.", kind)
	case schema != nil && (format == types.RecordFormatTypeString || format == types.RecordFormatTypeByteArray):
		return invalidArgument("GSRSchemaARN is not supported for record format %s.", format)
	}
	if tables != nil {
		// Streaming tables are delivered within one account and Region
		// ("Delivery constraints").
		for _, a := range []string{*tables.S3TablesConfigurationList[0].TableBucketARN, *schema} {
			if f := strings.Split(a, ":"); f[1] != c.partition || f[3] != c.region || f[4] != c.accountID {
				return invalidArgument("%s is not in account %s and Region %s; streaming table delivery must stay within the stream's account and Region.", a, c.accountID, c.region)
			}
		}
	}
	if e := in.EncryptionConfiguration; e != nil && (*e.KeyId == "alias/aws/kinesis" || strings.HasSuffix(*e.KeyId, ":alias/aws/kinesis")) {
		// "You cannot use the Amazon Kinesis Data Streams service key
		// (aws/kinesis)" (API reference).
		return invalidArgument("The Amazon Kinesis Data Streams service key (aws/kinesis) cannot encrypt a channel's destination; specify a customer managed key.")
	}
	return nil
}

// checkFreshness applies the documented range of DataFreshnessInSeconds,
// which the model does not constrain. The wording is the fake's own.
func checkFreshness(seconds int32) error {
	if seconds < minDataFreshness || seconds > maxDataFreshness {
		return invalidArgument("DataFreshnessInSeconds must be between %d and %d; got %d.", minDataFreshness, maxDataFreshness, seconds)
	}
	return nil
}

// setLogging applies a CloudWatch Logs setting. Names not given keep their
// earlier values; logging enabled without names writes to the defaults the
// API reference gives.
func (ch *channel) setLogging(enabled *bool, group, stream *string) {
	l := cloudWatchLogs{Enabled: ptr(*enabled), LogGroupName: ch.Logging.LogGroupName, LogStreamName: ch.Logging.LogStreamName}
	if group != nil {
		l.LogGroupName = ptr(*group)
	}
	if stream != nil {
		l.LogStreamName = ptr(*stream)
	}
	if *enabled && l.LogGroupName == nil {
		l.LogGroupName = ptr("/aws/kinesis/" + ch.name + "/" + ch.id)
	}
	if *enabled && l.LogStreamName == nil {
		l.LogStreamName = ptr(defaultLogStream)
	}
	ch.Logging = l
}

// describe reports the channel as DescribeChannel does. Everything is
// copied: the caller may change what it gets.
func (ch *channel) describe(now time.Time) *types.ChannelDescription {
	d := &types.ChannelDescription{
		ChannelARN:               ptr(ch.arn),
		ChannelCreationTimestamp: ptr(ch.created),
		ChannelId:                ptr(ch.id),
		ChannelName:              ptr(ch.name),
		ChannelStatus:            ch.status(now),
		LoggingConfiguration:     &types.ChannelLoggingConfiguration{CloudWatchLogs: ch.Logging.sdk()},
		ServiceExecutionRoleARN:  ptr(ch.ServiceExecutionRoleARN),
		StreamConfigurationList: []types.ChannelStreamDescription{{
			StreamARN:               ptr(ch.streamARN),
			StreamCreationTimestamp: ptr(ch.streamCreated),
			RecordConfiguration:     ch.RecordConfiguration.sdk(),
		}},
		EncryptionConfiguration: ch.Encryption.sdk(),
	}
	if ch.DestinationType == types.ChannelDestinationTypeS3 {
		d.S3DestinationConfiguration = &types.S3DestinationDescription{
			DataFreshnessInSeconds:         ptr(ch.DataFreshnessInSeconds),
			DeadLetterQueueS3Configuration: ch.DeadLetterQueue.sdk(),
			StorageConfiguration:           ch.Storage.sdk(),
		}
	} else {
		d.S3TablesDestinationConfiguration = &types.S3TablesDestinationDescription{
			DataFreshnessInSeconds:         ptr(ch.DataFreshnessInSeconds),
			DeadLetterQueueS3Configuration: ch.DeadLetterQueue.sdk(),
			S3TablesConfigurationList:      s3TablesSDK(ch.Tables),
		}
	}
	return d
}

// channelARNMember is the ChannelARN by which an input names its channel.
func channelARNMember[In any](get func(*In) *string) member[In] {
	return required(stringMember("ChannelARN", shapeChannelARN, get))
}

var describeChannelOp = newOperation(smithy.NewOperationSchema(schemas.DescribeChannel, schemas.DescribeChannelInput, schemas.DescribeChannelOutput), reads, callRate{5, perAccount}, (*Client).describeChannel,
	channelARNMember(func(in *kinesis.DescribeChannelInput) *string { return in.ChannelARN }))

// DescribeChannel describes a channel, until its deletion completes.
func (c *Client) DescribeChannel(ctx context.Context, params *kinesis.DescribeChannelInput, optFns ...func(*kinesis.Options)) (*kinesis.DescribeChannelOutput, error) {
	return describeChannelOp.call(ctx, c, params)
}

func (c *Client) describeChannel(in *kinesis.DescribeChannelInput, now time.Time) (*kinesis.DescribeChannelOutput, error) {
	ch, err := c.channelByARN(*in.ChannelARN, now)
	if err != nil {
		return nil, err
	}
	return &kinesis.DescribeChannelOutput{ChannelDescription: ch.describe(now)}, nil
}

var listChannelsOp = newOperation(smithy.NewOperationSchema(schemas.ListChannels, schemas.ListChannelsInput, schemas.ListChannelsOutput), reads, callRate{5, perAccount}, (*Client).listChannels,
	listMember("StreamFilter", "StreamFilterList", "StreamFilter", shapeChannelList,
		func(in *kinesis.ListChannelsInput) []types.StreamFilter { return in.StreamFilter },
		required(stringMember("StreamARN", shapeStreamARN, func(in *types.StreamFilter) *string { return in.StreamARN })),
	),
	intMember("MaxResults", shapeLimit, func(in *kinesis.ListChannelsInput) *int32 { return in.MaxResults }),
	stringMember("NextToken", shapeNextToken, func(in *kinesis.ListChannelsInput) *string { return in.NextToken }),
)

// ListChannels lists channels in order of creation, up to MaxResults (at
// most 100) at a time. With StreamFilter it lists the channels reading any of
// the streams given, each by ARN and, optionally, creation time.
func (c *Client) ListChannels(ctx context.Context, params *kinesis.ListChannelsInput, optFns ...func(*kinesis.Options)) (*kinesis.ListChannelsOutput, error) {
	return listChannelsOp.call(ctx, c, params)
}

func (c *Client) listChannels(in *kinesis.ListChannelsInput, now time.Time) (*kinesis.ListChannelsOutput, error) {
	page, next, err := pageOnStream(&c.engine, c.liveChannels(now), in.NextToken, pageLimit(in.MaxResults, listChannelsMax), channelTokenPrefix,
		func(ch *channel) bool {
			return readsAny(&ch.onStream, in.StreamFilter, func(f *types.StreamFilter) (string, *time.Time) { return *f.StreamARN, f.StreamCreationTimestamp })
		}, now)
	if err != nil {
		return nil, err
	}
	out := &kinesis.ListChannelsOutput{NextToken: next}
	out.ChannelSummaries = make([]types.ChannelSummary, len(page))
	for i, ch := range page {
		out.ChannelSummaries[i] = types.ChannelSummary{
			ChannelARN:               ptr(ch.arn),
			ChannelCreationTimestamp: ptr(ch.created),
			ChannelDestinationType:   ch.DestinationType,
			ChannelId:                ptr(ch.id),
			ChannelName:              ptr(ch.name),
			ChannelStatus:            ch.status(now),
			Streams:                  []types.ChannelStreamIdentifier{{StreamARN: ptr(ch.streamARN), StreamCreationTimestamp: ptr(ch.streamCreated)}},
		}
	}
	return out, nil
}

// readsAny reports whether r reads a stream the filters name, each by the
// ARN and, if given, creation time that stream gives; no filters match
// every one. A creation time must match to the second, as
// StreamCreationTimestamp does elsewhere.
func readsAny[F any](r *onStream, filters []F, stream func(*F) (string, *time.Time)) bool {
	if filters == nil {
		return true
	}
	for i := range filters {
		arn, created := stream(&filters[i])
		if arn == r.streamARN && (created == nil || created.Truncate(time.Second).Equal(r.streamCreated)) {
			return true
		}
	}
	return false
}

var updateChannelOp = newOperation(smithy.NewOperationSchema(schemas.UpdateChannel, schemas.UpdateChannelInput, schemas.UpdateChannelOutput), changes, callRate{5, perAccount}, (*Client).updateChannel,
	channelARNMember(func(in *kinesis.UpdateChannelInput) *string { return in.ChannelARN }),
	structMember("S3DestinationConfiguration", "S3DestinationUpdateInput",
		func(in *kinesis.UpdateChannelInput) *types.S3DestinationUpdateInput {
			return in.S3DestinationConfiguration
		},
		required(presentMember("DataFreshnessInSeconds", func(in *types.S3DestinationUpdateInput) bool { return in.DataFreshnessInSeconds != nil })),
	),
	structMember("S3TablesDestinationConfiguration", "S3TablesDestinationUpdateInput",
		func(in *kinesis.UpdateChannelInput) *types.S3TablesDestinationUpdateInput {
			return in.S3TablesDestinationConfiguration
		},
		required(presentMember("DataFreshnessInSeconds", func(in *types.S3TablesDestinationUpdateInput) bool { return in.DataFreshnessInSeconds != nil })),
	),
	structMember("LoggingConfiguration", "ChannelLoggingUpdateInput",
		func(in *kinesis.UpdateChannelInput) *types.ChannelLoggingUpdateInput { return in.LoggingConfiguration },
		required(structMember("CloudWatchLogs", "CloudWatchLogsUpdateInput",
			func(in *types.ChannelLoggingUpdateInput) *types.CloudWatchLogsUpdateInput { return in.CloudWatchLogs },
			cloudWatchLogsMembers(
				func(in *types.CloudWatchLogsUpdateInput) *bool { return in.Enabled },
				func(in *types.CloudWatchLogsUpdateInput) *string { return in.LogGroupName },
				func(in *types.CloudWatchLogsUpdateInput) *string { return in.LogStreamName },
			)...)),
	),
)

// UpdateChannel changes an ACTIVE channel's DataFreshnessInSeconds, through
// the configuration of its destination type, or its CloudWatch Logs
// configuration. The channel reports the new configuration at once and is
// UPDATING until Delays.UpdateChannel has passed.
func (c *Client) UpdateChannel(ctx context.Context, params *kinesis.UpdateChannelInput, optFns ...func(*kinesis.Options)) (*kinesis.UpdateChannelOutput, error) {
	return updateChannelOp.call(ctx, c, params)
}

func (c *Client) updateChannel(in *kinesis.UpdateChannelInput, now time.Time) (*kinesis.UpdateChannelOutput, error) {
	ch, err := c.channelByARN(*in.ChannelARN, now)
	if err != nil {
		return nil, err
	}
	// The rules are documented; the wording is the fake's own.
	var freshness *int32
	switch s3, tables := in.S3DestinationConfiguration, in.S3TablesDestinationConfiguration; {
	case s3 == nil && tables == nil && in.LoggingConfiguration == nil:
		return nil, invalidArgument("At least one of S3DestinationConfiguration, S3TablesDestinationConfiguration or LoggingConfiguration must be specified.")
	case s3 != nil && ch.DestinationType != types.ChannelDestinationTypeS3:
		return nil, invalidArgument("S3DestinationConfiguration cannot be updated for a channel with destination type %s.", ch.DestinationType)
	case tables != nil && ch.DestinationType != types.ChannelDestinationTypeS3Tables:
		return nil, invalidArgument("S3TablesDestinationConfiguration cannot be updated for a channel with destination type %s.", ch.DestinationType)
	case s3 != nil:
		freshness = s3.DataFreshnessInSeconds
	case tables != nil:
		freshness = tables.DataFreshnessInSeconds
	}
	if freshness != nil {
		if err := checkFreshness(*freshness); err != nil {
			return nil, err
		}
	}
	if st := ch.status(now); st != types.ChannelStatusActive {
		// The fake's own wording, after the stream's.
		return nil, resourceInUse("Channel %s under account %s not ACTIVE, instead in state %s", ch.name, c.accountID, st)
	}
	if freshness != nil {
		ch.DataFreshnessInSeconds = *freshness
	}
	if l := in.LoggingConfiguration; l != nil {
		ch.setLogging(l.CloudWatchLogs.Enabled, l.CloudWatchLogs.LogGroupName, l.CloudWatchLogs.LogStreamName)
	}
	ch.life.update(now, c.delays.UpdateChannel)
	return &kinesis.UpdateChannelOutput{ChannelDescription: ch.describe(now)}, nil
}

var deleteChannelOp = newOperation(smithy.NewOperationSchema(schemas.DeleteChannel, schemas.DeleteChannelInput, nil), changes, callRate{5, perAccount}, (*Client).deleteChannel,
	channelARNMember(func(in *kinesis.DeleteChannelInput) *string { return in.ChannelARN }))

// DeleteChannel deletes a channel in any state. It is DELETING until
// Delays.DeleteChannel has passed; deleting it again does not restart the
// clock.
func (c *Client) DeleteChannel(ctx context.Context, params *kinesis.DeleteChannelInput, optFns ...func(*kinesis.Options)) (*kinesis.DeleteChannelOutput, error) {
	return deleteChannelOp.call(ctx, c, params)
}

func (c *Client) deleteChannel(in *kinesis.DeleteChannelInput, now time.Time) (*kinesis.DeleteChannelOutput, error) {
	ch, err := c.channelByARN(*in.ChannelARN, now)
	if err != nil {
		return nil, err
	}
	if ch.life.delete(now, c.delays.DeleteChannel) {
		c.lookupChannel(ch.arn, now) // a zero delay removes it now
	}
	return &kinesis.DeleteChannelOutput{}, nil
}

// destinationOf is the destination type of a CreateChannel input that names
// exactly one, and its DataFreshnessInSeconds, 300 when not given.
func destinationOf(in *kinesis.CreateChannelInput) (types.ChannelDestinationType, int32) {
	kind, seconds := types.ChannelDestinationTypeS3, (*int32)(nil)
	if d := in.S3DestinationConfiguration; d != nil {
		seconds = d.DataFreshnessInSeconds
	} else {
		kind, seconds = types.ChannelDestinationTypeS3Tables, in.S3TablesDestinationConfiguration.DataFreshnessInSeconds
	}
	if seconds == nil {
		return kind, defaultDataFreshness
	}
	return kind, *seconds
}

// The conversions between a channel's settings and the SDK's types copy
// every pointer, so that neither side's later changes reach the other.

func clonePtr[T any](p *T) *T {
	if p == nil {
		return nil
	}
	v := *p
	return &v
}

func recordConfigOf(r *types.RecordConfiguration) recordConfig {
	return recordConfig{RecordFormatType: r.RecordFormatType, GSRSchemaARN: clonePtr(r.GSRSchemaARN)}
}

func (r *recordConfig) sdk() *types.RecordConfiguration {
	return &types.RecordConfiguration{RecordFormatType: r.RecordFormatType, GSRSchemaARN: clonePtr(r.GSRSchemaARN)}
}

func deadLetterQueueOf(d *types.DeadLetterQueueS3Configuration) deadLetterQueue {
	return deadLetterQueue{BucketARN: clonePtr(d.BucketARN), ExpectedBucketOwner: clonePtr(d.ExpectedBucketOwner), ErrorOutputPrefix: clonePtr(d.ErrorOutputPrefix)}
}

func (d *deadLetterQueue) sdk() *types.DeadLetterQueueS3Configuration {
	return &types.DeadLetterQueueS3Configuration{BucketARN: clonePtr(d.BucketARN), ExpectedBucketOwner: clonePtr(d.ExpectedBucketOwner), ErrorOutputPrefix: clonePtr(d.ErrorOutputPrefix)}
}

func s3StorageOf(s *types.S3StorageConfiguration) *s3Storage {
	return &s3Storage{
		BucketARN:           clonePtr(s.BucketARN),
		ExpectedBucketOwner: clonePtr(s.ExpectedBucketOwner),
		OutputKeyTemplate:   clonePtr(s.OutputKeyTemplate),
		StorageClass:        s.StorageClass,
		CompressionType:     s.CompressionType,
	}
}

func (s *s3Storage) sdk() *types.S3StorageConfiguration {
	return &types.S3StorageConfiguration{
		BucketARN:           clonePtr(s.BucketARN),
		ExpectedBucketOwner: clonePtr(s.ExpectedBucketOwner),
		OutputKeyTemplate:   clonePtr(s.OutputKeyTemplate),
		StorageClass:        s.StorageClass,
		CompressionType:     s.CompressionType,
	}
}

func s3TablesOf(tables []types.S3TablesConfiguration) []s3Table {
	out := make([]s3Table, len(tables))
	for i, t := range tables {
		out[i] = s3Table{TableBucketARN: clonePtr(t.TableBucketARN), Namespace: clonePtr(t.Namespace), TableName: clonePtr(t.TableName), CompressionType: t.CompressionType}
		if p := t.PartitionSpec; p != nil {
			fields := make([]partitionField, len(p.PartitionFields))
			for j, f := range p.PartitionFields {
				fields[j] = partitionField{SourceName: clonePtr(f.SourceName), Transform: f.Transform}
			}
			out[i].PartitionFields = &fields
		}
	}
	return out
}

func s3TablesSDK(tables []s3Table) []types.S3TablesConfiguration {
	out := make([]types.S3TablesConfiguration, len(tables))
	for i, t := range tables {
		out[i] = types.S3TablesConfiguration{TableBucketARN: clonePtr(t.TableBucketARN), Namespace: clonePtr(t.Namespace), TableName: clonePtr(t.TableName), CompressionType: t.CompressionType}
		if t.PartitionFields != nil {
			fields := make([]types.PartitionField, len(*t.PartitionFields))
			for j, f := range *t.PartitionFields {
				fields[j] = types.PartitionField{SourceName: clonePtr(f.SourceName), Transform: f.Transform}
			}
			out[i].PartitionSpec = &types.PartitionSpec{PartitionFields: fields}
		}
	}
	return out
}

func channelEncryptionOf(e *types.ChannelEncryptionConfiguration) *channelEncryption {
	if e == nil {
		return nil
	}
	return &channelEncryption{EncryptionType: e.EncryptionType, KeyID: clonePtr(e.KeyId)}
}

func (e *channelEncryption) sdk() *types.ChannelEncryptionConfiguration {
	if e == nil {
		return nil
	}
	return &types.ChannelEncryptionConfiguration{EncryptionType: e.EncryptionType, KeyId: clonePtr(e.KeyID)}
}

func (l *cloudWatchLogs) sdk() *types.CloudWatchLogs {
	return &types.CloudWatchLogs{Enabled: clonePtr(l.Enabled), LogGroupName: clonePtr(l.LogGroupName), LogStreamName: clonePtr(l.LogStreamName)}
}
