package kinesisfake

import (
	"errors"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/kinesis"
	"github.com/aws/aws-sdk-go-v2/service/kinesis/types"
	"github.com/aws/smithy-go"
	"github.com/google/go-cmp/cmp"

	"github.com/streamfake/kinesis/internal/recorded"
)

const channelRole = "arn:aws:iam::123456789012:role/delivery"

func channelStreamARN(name string) string {
	return "arn:aws:kinesis:us-east-1:123456789012:stream/" + name
}

// tablesChannelInput creates a channel delivering stream to a streaming
// table.
func tablesChannelInput(name, stream string) *kinesis.CreateChannelInput {
	return &kinesis.CreateChannelInput{
		ChannelName:             aws.String(name),
		ServiceExecutionRoleARN: aws.String(channelRole),
		StreamConfigurationList: []types.ChannelStreamConfiguration{{
			StreamARN: aws.String(channelStreamARN(stream)),
			RecordConfiguration: &types.RecordConfiguration{
				RecordFormatType: types.RecordFormatTypeGsrJson,
				GSRSchemaARN:     aws.String("arn:aws:glue:us-east-1:123456789012:schema/registry/orders"),
			},
		}},
		S3TablesDestinationConfiguration: &types.S3TablesDestinationConfiguration{
			DeadLetterQueueS3Configuration: &types.DeadLetterQueueS3Configuration{
				BucketARN:           aws.String("arn:aws:s3:::dead-letters"),
				ExpectedBucketOwner: aws.String("123456789012"),
			},
			S3TablesConfigurationList: []types.S3TablesConfiguration{{
				TableBucketARN:  aws.String("arn:aws:s3tables:us-east-1:123456789012:bucket/tables"),
				Namespace:       aws.String("analytics"),
				TableName:       aws.String("orders"),
				CompressionType: types.S3TablesCompressionTypeZstd,
				PartitionSpec: &types.PartitionSpec{PartitionFields: []types.PartitionField{
					{Transform: types.PartitionTransformTimeHour, SourceName: aws.String("event_time")},
				}},
			}},
		},
	}
}

// With no delays, every transition is over by the time the call returns.
func TestChannelWithoutDelays(t *testing.T) {
	c, _ := newFake(t)
	channelSourceStream(t, c, "s")
	d := mustCreateChannel(t, c, s3ChannelInput("deliver", "s"))
	if d.ChannelStatus != types.ChannelStatusActive {
		t.Fatalf("created %s, want ACTIVE", d.ChannelStatus)
	}
	out, err := c.UpdateChannel(ctx, &kinesis.UpdateChannelInput{ChannelARN: d.ChannelARN, LoggingConfiguration: &types.ChannelLoggingUpdateInput{CloudWatchLogs: &types.CloudWatchLogsUpdateInput{Enabled: aws.Bool(true)}}})
	if err != nil || out.ChannelDescription.ChannelStatus != types.ChannelStatusActive {
		t.Fatalf("updated: %v, %v; want ACTIVE", out, err)
	}
	if _, err := c.DeleteChannel(ctx, &kinesis.DeleteChannelInput{ChannelARN: d.ChannelARN}); err != nil {
		t.Fatal(err)
	}
	_, err = c.DescribeChannel(ctx, &kinesis.DescribeChannelInput{ChannelARN: d.ChannelARN})
	wantAPIError(t, err, "DescribeChannel", "ResourceNotFoundException", "Channel "+*d.ChannelId+" under account 123456789012 not found.")
}

// A description carries what was given and the defaults the service fills
// in, and neither the caller's input nor its output is the fake's state.
func TestChannelDescription(t *testing.T) {
	c, _ := newFake(t)
	channelSourceStream(t, c, "s")
	streamCreated := epoch

	s3 := mustCreateChannel(t, c, s3ChannelInput("to-s3", "s"))
	id := *s3.ChannelId
	tablesIn := tablesChannelInput("to-tables", "s")
	tablesIn.S3TablesDestinationConfiguration.DataFreshnessInSeconds = aws.Int32(600)
	tablesIn.EncryptionConfiguration = &types.ChannelEncryptionConfiguration{EncryptionType: types.ChannelEncryptionTypeKms, KeyId: aws.String("alias/mine")}
	tablesIn.LoggingConfiguration = &types.ChannelLoggingConfiguration{CloudWatchLogs: &types.CloudWatchLogs{Enabled: aws.Bool(true), LogStreamName: aws.String("mine")}}
	tablesIn.Tags = map[string]string{"team": "data"}
	tables := mustCreateChannel(t, c, tablesIn)
	tid := *tables.ChannelId

	tests := []struct {
		name string
		got  *types.ChannelDescription
		want *types.ChannelDescription
	}{
		{"S3 with defaults", s3, &types.ChannelDescription{
			ChannelARN:               aws.String("arn:aws:kinesis:us-east-1:123456789012:channel/" + id),
			ChannelCreationTimestamp: aws.Time(epoch),
			ChannelId:                aws.String(id),
			ChannelName:              aws.String("to-s3"),
			ChannelStatus:            types.ChannelStatusActive,
			LoggingConfiguration:     &types.ChannelLoggingConfiguration{CloudWatchLogs: &types.CloudWatchLogs{Enabled: aws.Bool(false)}},
			ServiceExecutionRoleARN:  aws.String(channelRole),
			StreamConfigurationList: []types.ChannelStreamDescription{{
				StreamARN:               aws.String(channelStreamARN("s")),
				StreamCreationTimestamp: aws.Time(streamCreated),
				RecordConfiguration:     &types.RecordConfiguration{RecordFormatType: types.RecordFormatTypeJson},
			}},
			S3DestinationConfiguration: &types.S3DestinationDescription{
				DataFreshnessInSeconds: aws.Int32(300),
				DeadLetterQueueS3Configuration: &types.DeadLetterQueueS3Configuration{
					BucketARN:           aws.String("arn:aws:s3:::deliveries"),
					ExpectedBucketOwner: aws.String("123456789012"),
					ErrorOutputPrefix:   aws.String("kinesis-channel/errors/to-s3/" + id + "/"),
				},
				StorageConfiguration: &types.S3StorageConfiguration{
					BucketARN:           aws.String("arn:aws:s3:::deliveries"),
					ExpectedBucketOwner: aws.String("123456789012"),
					CompressionType:     types.S3CompressionTypeGzip,
					StorageClass:        types.S3StorageClassStandard,
					OutputKeyTemplate:   aws.String("kinesis-channel/!{channel-name}/!{channel-id}/!{yyyy}/!{MM}/!{dd}/!{HH}/!{channel-name}-!{channel-id}-!{yyyy}-!{MM}-!{dd}-!{HH}-!{mm}!{extension}"),
				},
			},
		}},
		{"S3 Tables as given", tables, &types.ChannelDescription{
			ChannelARN:               aws.String("arn:aws:kinesis:us-east-1:123456789012:channel/" + tid),
			ChannelCreationTimestamp: aws.Time(epoch),
			ChannelId:                aws.String(tid),
			ChannelName:              aws.String("to-tables"),
			ChannelStatus:            types.ChannelStatusActive,
			LoggingConfiguration: &types.ChannelLoggingConfiguration{CloudWatchLogs: &types.CloudWatchLogs{
				Enabled:       aws.Bool(true),
				LogGroupName:  aws.String("/aws/kinesis/to-tables/" + tid),
				LogStreamName: aws.String("mine"),
			}},
			ServiceExecutionRoleARN: aws.String(channelRole),
			StreamConfigurationList: []types.ChannelStreamDescription{{
				StreamARN:               aws.String(channelStreamARN("s")),
				StreamCreationTimestamp: aws.Time(streamCreated),
				RecordConfiguration:     tablesIn.StreamConfigurationList[0].RecordConfiguration,
			}},
			EncryptionConfiguration: &types.ChannelEncryptionConfiguration{EncryptionType: types.ChannelEncryptionTypeKms, KeyId: aws.String("alias/mine")},
			S3TablesDestinationConfiguration: &types.S3TablesDestinationDescription{
				DataFreshnessInSeconds: aws.Int32(600),
				DeadLetterQueueS3Configuration: &types.DeadLetterQueueS3Configuration{
					BucketARN:           aws.String("arn:aws:s3:::dead-letters"),
					ExpectedBucketOwner: aws.String("123456789012"),
					ErrorOutputPrefix:   aws.String("kinesis-channel/errors/to-tables/" + tid + "/"),
				},
				S3TablesConfigurationList: tablesIn.S3TablesDestinationConfiguration.S3TablesConfigurationList,
			},
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if diff := cmp.Diff(tt.want, tt.got, ignoreUnexported); diff != "" {
				t.Errorf("CreateChannel's description (-want +got):\n%s", diff)
			}
			out, err := c.DescribeChannel(ctx, &kinesis.DescribeChannelInput{ChannelARN: tt.got.ChannelARN})
			if err != nil {
				t.Fatal(err)
			}
			if diff := cmp.Diff(tt.want, out.ChannelDescription, ignoreUnexported); diff != "" {
				t.Errorf("DescribeChannel (-want +got):\n%s", diff)
			}
		})
	}
	if got := c.channels[*tables.ChannelARN].Tags; !cmp.Equal(got, map[string]string{"team": "data"}) {
		t.Errorf("tags %v", got)
	}

	// Changing the input after the call, or an output, changes nothing.
	*tablesIn.StreamConfigurationList[0].RecordConfiguration.GSRSchemaARN = "changed"
	*tablesIn.S3TablesDestinationConfiguration.S3TablesConfigurationList[0].PartitionSpec.PartitionFields[0].SourceName = "changed"
	tablesIn.Tags["team"] = "changed"
	*s3.S3DestinationConfiguration.StorageConfiguration.BucketARN = "changed"
	*s3.LoggingConfiguration.CloudWatchLogs.Enabled = true
	for _, arn := range []*string{s3.ChannelARN, tables.ChannelARN} {
		out, err := c.DescribeChannel(ctx, &kinesis.DescribeChannelInput{ChannelARN: arn})
		if err != nil {
			t.Fatal(err)
		}
		if strings.Contains(awsString(out), "changed") {
			t.Errorf("a caller's change reached the fake: %s", awsString(out))
		}
		if d := out.ChannelDescription; d.LoggingConfiguration.CloudWatchLogs.Enabled != nil && *d.LoggingConfiguration.CloudWatchLogs.Enabled && *d.ChannelName == "to-s3" {
			t.Error("changing an output enabled logging")
		}
	}
	if c.channels[*tables.ChannelARN].Tags["team"] != "data" {
		t.Error("changing the input's tags changed the channel's")
	}
}

// awsString spells out every value behind the pointers of a description.
func awsString(out *kinesis.DescribeChannelOutput) string {
	d := out.ChannelDescription
	var b strings.Builder
	for _, s := range d.StreamConfigurationList {
		fmt.Fprint(&b, aws.ToString(s.RecordConfiguration.GSRSchemaARN), " ")
	}
	if s3 := d.S3DestinationConfiguration; s3 != nil {
		fmt.Fprint(&b, aws.ToString(s3.StorageConfiguration.BucketARN), " ")
	}
	if t := d.S3TablesDestinationConfiguration; t != nil {
		for _, tb := range t.S3TablesConfigurationList {
			for _, f := range tb.PartitionSpec.PartitionFields {
				fmt.Fprint(&b, aws.ToString(f.SourceName), " ")
			}
		}
	}
	return b.String()
}

// UpdateChannel changes only what it is given; logging keeps names it is
// not given and falls back to the defaults when enabled without them.
func TestUpdateChannel(t *testing.T) {
	tests := []struct {
		name      string
		input     func(arn *string) *kinesis.UpdateChannelInput
		freshness int32
		logs      types.CloudWatchLogs
	}{
		{"freshness", func(arn *string) *kinesis.UpdateChannelInput {
			return &kinesis.UpdateChannelInput{ChannelARN: arn, S3DestinationConfiguration: &types.S3DestinationUpdateInput{DataFreshnessInSeconds: aws.Int32(900)}}
		}, 900, types.CloudWatchLogs{Enabled: aws.Bool(false)}},
		{"enable logging with defaults", func(arn *string) *kinesis.UpdateChannelInput {
			return &kinesis.UpdateChannelInput{ChannelARN: arn, LoggingConfiguration: &types.ChannelLoggingUpdateInput{CloudWatchLogs: &types.CloudWatchLogsUpdateInput{Enabled: aws.Bool(true)}}}
		}, 300, types.CloudWatchLogs{Enabled: aws.Bool(true), LogGroupName: aws.String("/aws/kinesis/c/ID"), LogStreamName: aws.String("DestinationDelivery")}},
		{"enable logging with names, and freshness", func(arn *string) *kinesis.UpdateChannelInput {
			return &kinesis.UpdateChannelInput{
				ChannelARN:                 arn,
				S3DestinationConfiguration: &types.S3DestinationUpdateInput{DataFreshnessInSeconds: aws.Int32(420)},
				LoggingConfiguration:       &types.ChannelLoggingUpdateInput{CloudWatchLogs: &types.CloudWatchLogsUpdateInput{Enabled: aws.Bool(true), LogGroupName: aws.String("/mine"), LogStreamName: aws.String("deliveries")}},
			}
		}, 420, types.CloudWatchLogs{Enabled: aws.Bool(true), LogGroupName: aws.String("/mine"), LogStreamName: aws.String("deliveries")}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c, _ := newFake(t)
			channelSourceStream(t, c, "s")
			d := mustCreateChannel(t, c, s3ChannelInput("c", "s"))
			if _, err := c.UpdateChannel(ctx, tt.input(d.ChannelARN)); err != nil {
				t.Fatal(err)
			}
			out, err := c.DescribeChannel(ctx, &kinesis.DescribeChannelInput{ChannelARN: d.ChannelARN})
			if err != nil {
				t.Fatal(err)
			}
			got := out.ChannelDescription
			want := tt.logs
			if want.LogGroupName != nil {
				want.LogGroupName = aws.String(strings.Replace(*want.LogGroupName, "ID", *d.ChannelId, 1))
			}
			if *got.S3DestinationConfiguration.DataFreshnessInSeconds != tt.freshness {
				t.Errorf("DataFreshnessInSeconds %d, want %d", *got.S3DestinationConfiguration.DataFreshnessInSeconds, tt.freshness)
			}
			if diff := cmp.Diff(&want, got.LoggingConfiguration.CloudWatchLogs, ignoreUnexported); diff != "" {
				t.Errorf("CloudWatchLogs (-want +got):\n%s", diff)
			}
		})
	}

	// Disabling logging keeps the names; a table channel takes its own
	// destination's update.
	c, _ := newFake(t)
	channelSourceStream(t, c, "s")
	in := tablesChannelInput("c", "s")
	in.LoggingConfiguration = &types.ChannelLoggingConfiguration{CloudWatchLogs: &types.CloudWatchLogs{Enabled: aws.Bool(true), LogGroupName: aws.String("/g"), LogStreamName: aws.String("s")}}
	d := mustCreateChannel(t, c, in)
	out, err := c.UpdateChannel(ctx, &kinesis.UpdateChannelInput{
		ChannelARN:                       d.ChannelARN,
		S3TablesDestinationConfiguration: &types.S3TablesDestinationUpdateInput{DataFreshnessInSeconds: aws.Int32(301)},
		LoggingConfiguration:             &types.ChannelLoggingUpdateInput{CloudWatchLogs: &types.CloudWatchLogsUpdateInput{Enabled: aws.Bool(false)}},
	})
	if err != nil {
		t.Fatal(err)
	}
	want := &types.CloudWatchLogs{Enabled: aws.Bool(false), LogGroupName: aws.String("/g"), LogStreamName: aws.String("s")}
	if diff := cmp.Diff(want, out.ChannelDescription.LoggingConfiguration.CloudWatchLogs, ignoreUnexported); diff != "" {
		t.Errorf("CloudWatchLogs (-want +got):\n%s", diff)
	}
	if got := *out.ChannelDescription.S3TablesDestinationConfiguration.DataFreshnessInSeconds; got != 301 {
		t.Errorf("DataFreshnessInSeconds %d, want 301", got)
	}
}

// ListChannels lists in order of creation, pages through the SDK's
// paginator, filters by stream, and shows DELETING channels until they are
// gone.
func TestListChannels(t *testing.T) {
	c, clock := newFake(t, WithDelays(Delays{DeleteChannel: time.Minute}))
	channelSourceStream(t, c, "a")
	clock.Advance(time.Minute)
	channelSourceStream(t, c, "b")
	var all, onA, onB []string
	for i := range 12 {
		name := fmt.Sprintf("c%02d", 11-i) // creation order is not name order
		stream := []string{"a", "b"}[i%2]
		in := s3ChannelInput(name, stream)
		if i >= 2 {
			// One channel of each destination type per stream: the rest
			// read streams of their own.
			stream = fmt.Sprintf("x%02d", i)
			channelSourceStream(t, c, stream)
			in = s3ChannelInput(name, stream)
		}
		arn := *mustCreateChannel(t, c, in).ChannelARN
		all = append(all, arn)
		switch stream {
		case "a":
			onA = append(onA, arn)
		case "b":
			onB = append(onB, arn)
		}
	}
	onA = append(onA, *mustCreateChannel(t, c, tablesChannelInput("tables-a", "a")).ChannelARN)
	all = append(all, onA[len(onA)-1])

	list := func(in *kinesis.ListChannelsInput) ([]string, int) {
		t.Helper()
		p := kinesis.NewListChannelsPaginator(c, in)
		var arns []string
		pages := 0
		for p.HasMorePages() {
			out, err := p.NextPage(ctx)
			if err != nil {
				t.Fatal(err)
			}
			if pages++; pages > 20 {
				t.Fatal("the paginator does not end")
			}
			for _, s := range out.ChannelSummaries {
				arns = append(arns, *s.ChannelARN)
			}
		}
		return arns, pages
	}
	tests := []struct {
		name  string
		in    kinesis.ListChannelsInput
		want  []string
		pages int
	}{
		{"all", kinesis.ListChannelsInput{}, all, 1},
		{"pages of 5", kinesis.ListChannelsInput{MaxResults: aws.Int32(5)}, all, 3},
		{"MaxResults above 100", kinesis.ListChannelsInput{MaxResults: aws.Int32(10000)}, all, 1},
		{"stream a", kinesis.ListChannelsInput{StreamFilter: []types.StreamFilter{{StreamARN: aws.String(channelStreamARN("a"))}}}, onA, 1},
		{"stream a at its creation time", kinesis.ListChannelsInput{StreamFilter: []types.StreamFilter{{StreamARN: aws.String(channelStreamARN("a")), StreamCreationTimestamp: aws.Time(epoch.Add(300 * time.Millisecond))}}}, onA, 1},
		{"stream a at another time", kinesis.ListChannelsInput{StreamFilter: []types.StreamFilter{{StreamARN: aws.String(channelStreamARN("a")), StreamCreationTimestamp: aws.Time(epoch.Add(time.Minute))}}}, nil, 1},
		{"streams b and a", kinesis.ListChannelsInput{StreamFilter: []types.StreamFilter{{StreamARN: aws.String(channelStreamARN("b"))}, {StreamARN: aws.String(channelStreamARN("a"))}}}, []string{onA[0], onB[0], onA[1]}, 1},
		{"a stream without channels", kinesis.ListChannelsInput{StreamFilter: []types.StreamFilter{{StreamARN: aws.String(channelStreamARN("none"))}}}, nil, 1},
		{"stream a, a page at a time", kinesis.ListChannelsInput{MaxResults: aws.Int32(1), StreamFilter: []types.StreamFilter{{StreamARN: aws.String(channelStreamARN("a"))}}}, onA, 2},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, pages := list(&tt.in)
			if !cmp.Equal(got, tt.want) || pages != tt.pages {
				t.Errorf("listed %d in %d pages:\n%v\nwant %d in %d:\n%v", len(got), pages, got, len(tt.want), tt.pages, tt.want)
			}
		})
	}

	// A page's token survives the deletion of what it has listed.
	out, err := c.ListChannels(ctx, &kinesis.ListChannelsInput{MaxResults: aws.Int32(2)})
	if err != nil {
		t.Fatal(err)
	}
	for _, arn := range all[:3] {
		if _, err := c.DeleteChannel(ctx, &kinesis.DeleteChannelInput{ChannelARN: aws.String(arn)}); err != nil {
			t.Fatal(err)
		}
	}
	next, err := c.ListChannels(ctx, &kinesis.ListChannelsInput{NextToken: out.NextToken, MaxResults: aws.Int32(1)})
	if err != nil || len(next.ChannelSummaries) != 1 || *next.ChannelSummaries[0].ChannelARN != all[2] || next.ChannelSummaries[0].ChannelStatus != types.ChannelStatusDeleting {
		t.Fatalf("next page %+v, %v; want the DELETING %s", next, err, all[2])
	}
	clock.Advance(time.Minute)
	if got, _ := list(&kinesis.ListChannelsInput{}); !cmp.Equal(got, all[3:]) {
		t.Errorf("after the deletions: %v, want %v", got, all[3:])
	}
	clock.Advance(301 * time.Second)
	_, err = c.ListChannels(ctx, &kinesis.ListChannelsInput{NextToken: next.NextToken})
	wantAPIError(t, err, "ListChannels", "ExpiredNextTokenException", "The requested token has expired.")

	empty, err := NewT(t).ListChannels(ctx, nil)
	if err != nil || empty.ChannelSummaries == nil || len(empty.ChannelSummaries) != 0 || empty.NextToken != nil {
		t.Errorf("no channels: %+v, %v; want an empty list and no token", empty, err)
	}
}

// A summary says what ListChannels promises.
func TestChannelSummary(t *testing.T) {
	c, clock := newFake(t, WithDelays(Delays{CreateChannel: time.Second}))
	channelSourceStream(t, c, "s")
	clock.Advance(2500 * time.Millisecond)
	d := mustCreateChannel(t, c, tablesChannelInput("t", "s"))
	out, err := c.ListChannels(ctx, &kinesis.ListChannelsInput{})
	if err != nil {
		t.Fatal(err)
	}
	want := []types.ChannelSummary{{
		ChannelARN:               d.ChannelARN,
		ChannelCreationTimestamp: aws.Time(epoch.Add(2 * time.Second)),
		ChannelDestinationType:   types.ChannelDestinationTypeS3Tables,
		ChannelId:                d.ChannelId,
		ChannelName:              aws.String("t"),
		ChannelStatus:            types.ChannelStatusCreating,
		Streams:                  []types.ChannelStreamIdentifier{{StreamARN: aws.String(channelStreamARN("s")), StreamCreationTimestamp: aws.Time(epoch)}},
	}}
	if diff := cmp.Diff(want, out.ChannelSummaries, ignoreUnexported); diff != "" {
		t.Errorf("summaries (-want +got):\n%s", diff)
	}
}

// streamChannels and liveChannels count what the lead's stream operations
// need: the channels of one incarnation of a stream, DELETING ones included.
func TestStreamChannels(t *testing.T) {
	c, clock := newFake(t, WithDelays(Delays{DeleteChannel: time.Minute}))
	channelSourceStream(t, c, "a")
	channelSourceStream(t, c, "b")
	channelSourceStream(t, c, "idle")
	s3a := mustCreateChannel(t, c, s3ChannelInput("s3-a", "a"))
	mustCreateChannel(t, c, tablesChannelInput("tables-a", "a"))
	s3b := mustCreateChannel(t, c, s3ChannelInput("s3-b", "b"))
	count := func() map[string]int {
		c.mu.Lock()
		defer c.mu.Unlock()
		now := clock.Now()
		got := map[string]int{"live": len(c.liveChannels(now))}
		for _, name := range []string{"a", "b", "idle"} {
			got[name] = c.streamChannels(c.lookupStream(name, now), now)
		}
		return got
	}
	steps := []struct {
		name    string
		act     func()
		advance time.Duration
		want    map[string]int
	}{
		{"created", func() {}, 0, map[string]int{"live": 3, "a": 2, "b": 1, "idle": 0}},
		{"deleting counts", func() {
			if _, err := c.DeleteChannel(ctx, &kinesis.DeleteChannelInput{ChannelARN: s3a.ChannelARN}); err != nil {
				t.Fatal(err)
			}
		}, 59 * time.Second, map[string]int{"live": 3, "a": 2, "b": 1, "idle": 0}},
		{"gone does not", func() {}, time.Second, map[string]int{"live": 2, "a": 1, "b": 1, "idle": 0}},
		{"another deleted", func() {
			if _, err := c.DeleteChannel(ctx, &kinesis.DeleteChannelInput{ChannelARN: s3b.ChannelARN}); err != nil {
				t.Fatal(err)
			}
		}, time.Minute, map[string]int{"live": 1, "a": 1, "b": 0, "idle": 0}},
	}
	for _, st := range steps {
		st.act()
		clock.Advance(st.advance)
		if got := count(); !cmp.Equal(got, st.want) {
			t.Errorf("%s: %v, want %v", st.name, got, st.want)
		}
	}
	c.mu.Lock()
	live := c.liveChannels(clock.Now())
	c.mu.Unlock()
	if len(live) != 1 || live[0].name != "tables-a" || live[0].Tags == nil {
		t.Errorf("liveChannels: %+v", live)
	}
	if _, ok := c.channels[*s3a.ChannelARN]; ok {
		t.Error("a gone channel is still kept")
	}
}

// Every rule of the channel operations, with the error the service returns
// for it. Each case runs on ON_DEMAND streams "s" and "t", PROVISIONED
// stream "p", and the S3 channel "taken" reading "t".
func TestChannelErrors(t *testing.T) {
	create := func(mod func(in *kinesis.CreateChannelInput)) func(c *Client, k API, _ *FakeClock) error {
		return func(c *Client, k API, _ *FakeClock) error {
			in := s3ChannelInput("new", "s")
			mod(in)
			_, err := k.CreateChannel(ctx, in)
			return err
		}
	}
	createTables := func(mod func(in *kinesis.CreateChannelInput)) func(c *Client, k API, _ *FakeClock) error {
		return func(c *Client, k API, _ *FakeClock) error {
			in := tablesChannelInput("new", "s")
			mod(in)
			_, err := k.CreateChannel(ctx, in)
			return err
		}
	}
	update := func(mod func(in *kinesis.UpdateChannelInput)) func(c *Client, k API, _ *FakeClock) error {
		return func(c *Client, k API, _ *FakeClock) error {
			in := &kinesis.UpdateChannelInput{ChannelARN: aws.String(channelARNOf(t, c, "taken"))}
			mod(in)
			_, err := k.UpdateChannel(ctx, in)
			return err
		}
	}
	list := func(in *kinesis.ListChannelsInput) func(c *Client, k API, _ *FakeClock) error {
		return func(c *Client, k API, _ *FakeClock) error { _, err := k.ListChannels(ctx, in); return err }
	}
	unknown := "arn:aws:kinesis:us-east-1:123456789012:channel/nope"
	tags := make(map[string]string, 201)
	for i := range 201 {
		tags[fmt.Sprintf("k%03d", i)] = "v"
	}
	tooManyTags := make([]string, 0, 201)
	for i := range 201 {
		tooManyTags = append(tooManyTags, fmt.Sprintf("k%03d=v", i))
	}
	errorTable{
		setup: func(t *testing.T, c *Client, clock *FakeClock) {
			channelSourceStream(t, c, "s")
			channelSourceStream(t, c, "t")
			createStream(t, c, "p", 1)
			clock.Advance(time.Minute) // past any delay in the cases' options
			mustCreateChannel(t, c, s3ChannelInput("taken", "t"))
			clock.Advance(time.Minute)
		},
		cases: []errorCase{
			// CreateChannel: the model's constraints.
			{name: "empty name", op: "CreateChannel", call: create(func(in *kinesis.CreateChannelInput) { in.ChannelName = aws.String("") }),
				code: "ValidationException", message: "2 validation errors detected: Value '' at 'channelName' failed to satisfy constraint: Member must satisfy regular expression pattern: [a-zA-Z0-9_.-]+; Value '' at 'channelName' failed to satisfy constraint: Member must have length greater than or equal to 1"},
			{name: "long name", op: "CreateChannel", call: create(func(in *kinesis.CreateChannelInput) { in.ChannelName = aws.String(strings.Repeat("n", 129)) }),
				code: "ValidationException", message: "1 validation error detected: Value '" + strings.Repeat("n", 129) + "' at 'channelName' failed to satisfy constraint: Member must have length less than or equal to 128"},
			{name: "name and role, in that order", op: "CreateChannel", call: create(func(in *kinesis.CreateChannelInput) {
				in.ChannelName = aws.String("a b")
				in.ServiceExecutionRoleARN = aws.String("arn:aws:iam::123:role/r")
			}), code: "ValidationException", message: "2 validation errors detected: Value 'a b' at 'channelName' failed to satisfy constraint: Member must satisfy regular expression pattern: [a-zA-Z0-9_.-]+; Value 'arn:aws:iam::123:role/r' at 'serviceExecutionRoleARN' failed to satisfy constraint: Member must satisfy regular expression pattern: arn:aws[-a-z0-9]*:iam::\\d{12}:role/[a-zA-Z_0-9+=,.@\\-_/]+"},
			{name: "no stream configuration", op: "CreateChannel", call: create(func(in *kinesis.CreateChannelInput) {
				in.StreamConfigurationList = []types.ChannelStreamConfiguration{}
			}),
				code: "ValidationException", message: "1 validation error detected: Value '[]' at 'streamConfigurationList' failed to satisfy constraint: Member must have length greater than or equal to 1"},
			{name: "record format", op: "CreateChannel", call: create(func(in *kinesis.CreateChannelInput) {
				in.StreamConfigurationList[0].RecordConfiguration.RecordFormatType = "XML"
			}), code: "ValidationException", message: "1 validation error detected: Value 'XML' at 'streamConfigurationList.1.member.recordConfiguration.recordFormatType' failed to satisfy constraint: Member must satisfy enum value set: [GSR_JSON, JSON, STRING, BYTE_ARRAY]"},
			{name: "source stream ARN", op: "CreateChannel", call: create(func(in *kinesis.CreateChannelInput) {
				in.StreamConfigurationList[0].StreamARN = aws.String("s")
			}), code: "ValidationException", message: "1 validation error detected: Value 's' at 'streamConfigurationList.1.member.streamARN' failed to satisfy constraint: Member must satisfy regular expression pattern: arn:aws.*:kinesis:.*:\\d{12}:stream/\\S+"},
			{name: "schema ARN", op: "CreateChannel", call: createTables(func(in *kinesis.CreateChannelInput) {
				in.StreamConfigurationList[0].RecordConfiguration.GSRSchemaARN = aws.String("arn:aws:glue:us-east-1:123456789012:registry/r")
			}), code: "ValidationException", message: "1 validation error detected: Value 'arn:aws:glue:us-east-1:123456789012:registry/r' at 'streamConfigurationList.1.member.recordConfiguration.gSRSchemaARN' failed to satisfy constraint: Member must satisfy regular expression pattern: arn:aws[-a-z0-9]*:glue:[-a-z0-9]+:\\d{12}:schema/[-a-zA-Z0-9_$#.]+/[-a-zA-Z0-9_$#.]+"},
			{name: "bucket owner", op: "CreateChannel", call: create(func(in *kinesis.CreateChannelInput) {
				in.S3DestinationConfiguration.StorageConfiguration.ExpectedBucketOwner = aws.String("12")
			}), code: "ValidationException", message: "2 validation errors detected: Value '12' at 's3DestinationConfiguration.storageConfiguration.expectedBucketOwner' failed to satisfy constraint: Member must satisfy regular expression pattern: \\d{12}; Value '12' at 's3DestinationConfiguration.storageConfiguration.expectedBucketOwner' failed to satisfy constraint: Member must have length greater than or equal to 12"},
			{name: "dead letters before storage", op: "CreateChannel", call: create(func(in *kinesis.CreateChannelInput) {
				in.S3DestinationConfiguration.DeadLetterQueueS3Configuration = &types.DeadLetterQueueS3Configuration{BucketARN: aws.String("arn:aws:s3:::dlq"), ExpectedBucketOwner: aws.String("123456789012"), ErrorOutputPrefix: aws.String("a b")}
				in.S3DestinationConfiguration.StorageConfiguration.BucketARN = aws.String("arn:aws:s3:::B")
			}), code: "ValidationException", message: "2 validation errors detected: Value 'a b' at 's3DestinationConfiguration.deadLetterQueueS3Configuration.errorOutputPrefix' failed to satisfy constraint: Member must satisfy regular expression pattern: [0-9A-Za-z!\\-_'.*()\\/]+; Value 'arn:aws:s3:::B' at 's3DestinationConfiguration.storageConfiguration.bucketARN' failed to satisfy constraint: Member must satisfy regular expression pattern: arn:aws[-a-z0-9]*:s3:::[a-z0-9._-]{3,63}"},
			{name: "storage class and key template", op: "CreateChannel", call: create(func(in *kinesis.CreateChannelInput) {
				in.S3DestinationConfiguration.StorageConfiguration.StorageClass = "COLD"
				in.S3DestinationConfiguration.StorageConfiguration.OutputKeyTemplate = aws.String("")
			}), code: "ValidationException", message: "3 validation errors detected: Value '' at 's3DestinationConfiguration.storageConfiguration.outputKeyTemplate' failed to satisfy constraint: Member must satisfy regular expression pattern: [0-9A-Za-z!\\-_'.*()\\/=:{}]+; Value '' at 's3DestinationConfiguration.storageConfiguration.outputKeyTemplate' failed to satisfy constraint: Member must have length greater than or equal to 1; Value 'COLD' at 's3DestinationConfiguration.storageConfiguration.storageClass' failed to satisfy constraint: Member must satisfy enum value set: [STANDARD, INTELLIGENT_TIERING, GLACIER_IR]"},
			{name: "table namespace and compression", op: "CreateChannel", call: createTables(func(in *kinesis.CreateChannelInput) {
				in.S3TablesDestinationConfiguration.S3TablesConfigurationList[0].Namespace = aws.String("Analytics")
				in.S3TablesDestinationConfiguration.S3TablesConfigurationList[0].CompressionType = "GZIP"
			}), code: "ValidationException", message: "2 validation errors detected: Value 'Analytics' at 's3TablesDestinationConfiguration.s3TablesConfigurationList.1.member.namespace' failed to satisfy constraint: Member must satisfy regular expression pattern: [0-9a-z_]+; Value 'GZIP' at 's3TablesDestinationConfiguration.s3TablesConfigurationList.1.member.compressionType' failed to satisfy constraint: Member must satisfy enum value set: [NONE, ZSTD, SNAPPY]"},
			{name: "table bucket ARN", op: "CreateChannel", call: createTables(func(in *kinesis.CreateChannelInput) {
				in.S3TablesDestinationConfiguration.S3TablesConfigurationList[0].TableBucketARN = aws.String("arn:aws:s3:::tables")
			}), code: "ValidationException", message: "1 validation error detected: Value 'arn:aws:s3:::tables' at 's3TablesDestinationConfiguration.s3TablesConfigurationList.1.member.tableBucketARN' failed to satisfy constraint: Member must satisfy regular expression pattern: arn:aws[-a-z0-9]*:s3tables:[-a-z0-9]+:\\d{12}:bucket/[a-z0-9_-]{3,63}"},
			{name: "partition field", op: "CreateChannel", call: createTables(func(in *kinesis.CreateChannelInput) {
				in.S3TablesDestinationConfiguration.S3TablesConfigurationList[0].PartitionSpec.PartitionFields = append(
					in.S3TablesDestinationConfiguration.S3TablesConfigurationList[0].PartitionSpec.PartitionFields,
					types.PartitionField{Transform: "TIME_DAY", SourceName: aws.String("event time")})
			}), code: "ValidationException", message: "2 validation errors detected: Value 'TIME_DAY' at 's3TablesDestinationConfiguration.s3TablesConfigurationList.1.member.partitionSpec.partitionFields.2.member.transform' failed to satisfy constraint: Member must satisfy enum value set: [TIME_HOUR]; Value 'event time' at 's3TablesDestinationConfiguration.s3TablesConfigurationList.1.member.partitionSpec.partitionFields.2.member.sourceName' failed to satisfy constraint: Member must satisfy regular expression pattern: [a-zA-Z0-9\\.\\_]+"},
			{name: "too many partition fields", op: "CreateChannel", call: createTables(func(in *kinesis.CreateChannelInput) {
				spec := in.S3TablesDestinationConfiguration.S3TablesConfigurationList[0].PartitionSpec
				for len(spec.PartitionFields) < 11 {
					spec.PartitionFields = append(spec.PartitionFields, spec.PartitionFields[0])
				}
			}), code: "ValidationException", message: "1 validation error detected: Value '[...]' at 's3TablesDestinationConfiguration.s3TablesConfigurationList.1.member.partitionSpec.partitionFields' failed to satisfy constraint: Member must have length less than or equal to 10"},
			{name: "encryption", op: "CreateChannel", call: create(func(in *kinesis.CreateChannelInput) {
				in.EncryptionConfiguration = &types.ChannelEncryptionConfiguration{EncryptionType: "NONE", KeyId: aws.String("")}
			}), code: "ValidationException", message: "2 validation errors detected: Value 'NONE' at 'encryptionConfiguration.encryptionType' failed to satisfy constraint: Member must satisfy enum value set: [KMS]; Value '' at 'encryptionConfiguration.keyId' failed to satisfy constraint: Member must have length greater than or equal to 1"},
			{name: "tags before logging", op: "CreateChannel", call: create(func(in *kinesis.CreateChannelInput) {
				in.Tags = tags
				in.LoggingConfiguration = &types.ChannelLoggingConfiguration{CloudWatchLogs: &types.CloudWatchLogs{Enabled: aws.Bool(true), LogGroupName: aws.String("a b"), LogStreamName: aws.String("a:b")}}
			}), code: "ValidationException", message: "3 validation errors detected: Value '{" + strings.Join(tooManyTags, ", ") + "}' at 'tags' failed to satisfy constraint: Member must have length less than or equal to 200; Value 'a b' at 'loggingConfiguration.cloudWatchLogs.logGroupName' failed to satisfy constraint: Member must satisfy regular expression pattern: [\\.\\-_/#A-Za-z0-9]+; Value 'a:b' at 'loggingConfiguration.cloudWatchLogs.logStreamName' failed to satisfy constraint: Member must satisfy regular expression pattern: [^:*]*"},

			// CreateChannel: the documented rules.
			{name: "no destination", op: "CreateChannel", call: create(func(in *kinesis.CreateChannelInput) { in.S3DestinationConfiguration = nil }),
				code: "InvalidArgumentException", message: "Exactly one of S3DestinationConfiguration or S3TablesDestinationConfiguration must be specified."},
			{name: "two destinations", op: "CreateChannel", call: createTables(func(in *kinesis.CreateChannelInput) {
				in.S3DestinationConfiguration = s3ChannelInput("x", "s").S3DestinationConfiguration
			}), code: "InvalidArgumentException", message: "Exactly one of S3DestinationConfiguration or S3TablesDestinationConfiguration must be specified."},
			{name: "two streams", op: "CreateChannel", call: create(func(in *kinesis.CreateChannelInput) {
				in.StreamConfigurationList = append(in.StreamConfigurationList, s3ChannelInput("x", "t").StreamConfigurationList...)
			}), code: "InvalidArgumentException", message: "A channel reads exactly one stream; StreamConfigurationList has 2."},
			{name: "two tables", op: "CreateChannel", call: createTables(func(in *kinesis.CreateChannelInput) {
				d := in.S3TablesDestinationConfiguration
				d.S3TablesConfigurationList = append(d.S3TablesConfigurationList, d.S3TablesConfigurationList[0])
			}), code: "InvalidArgumentException", message: "A channel writes exactly one table; S3TablesConfigurationList has 2."},
			{name: "freshness below 300", op: "CreateChannel", call: create(func(in *kinesis.CreateChannelInput) {
				in.S3DestinationConfiguration.DataFreshnessInSeconds = aws.Int32(299)
			}), code: "InvalidArgumentException", message: "DataFreshnessInSeconds must be between 300 and 900; got 299."},
			{name: "freshness above 900", op: "CreateChannel", call: createTables(func(in *kinesis.CreateChannelInput) {
				in.S3TablesDestinationConfiguration.DataFreshnessInSeconds = aws.Int32(901)
			}), code: "InvalidArgumentException", message: "DataFreshnessInSeconds must be between 300 and 900; got 901."},
			{name: "GSR_JSON to a bucket", op: "CreateChannel", call: create(func(in *kinesis.CreateChannelInput) {
				in.StreamConfigurationList[0].RecordConfiguration.RecordFormatType = types.RecordFormatTypeGsrJson
			}), code: "InvalidArgumentException", message: "Record format GSR_JSON is not supported for destination type S3."},
			{name: "BYTE_ARRAY to a table", op: "CreateChannel", call: createTables(func(in *kinesis.CreateChannelInput) {
				in.StreamConfigurationList[0].RecordConfiguration.RecordFormatType = types.RecordFormatTypeByteArray
			}), code: "InvalidArgumentException", message: "Record format BYTE_ARRAY is not supported for destination type S3_TABLES."},
			{name: "table without a schema", op: "CreateChannel", call: createTables(func(in *kinesis.CreateChannelInput) {
				in.StreamConfigurationList[0].RecordConfiguration = &types.RecordConfiguration{RecordFormatType: types.RecordFormatTypeJson}
			}), code: "InvalidArgumentException", message: "GSRSchemaARN is required for destination type S3_TABLES."},
			{name: "STRING with a schema", op: "CreateChannel", call: create(func(in *kinesis.CreateChannelInput) {
				in.StreamConfigurationList[0].RecordConfiguration = &types.RecordConfiguration{RecordFormatType: types.RecordFormatTypeString, GSRSchemaARN: aws.String("arn:aws:glue:us-east-1:123456789012:schema/r/s")}
			}), code: "InvalidArgumentException", message: "GSRSchemaARN is not supported for record format STRING."},
			{name: "table in another Region", op: "CreateChannel", call: createTables(func(in *kinesis.CreateChannelInput) {
				in.S3TablesDestinationConfiguration.S3TablesConfigurationList[0].TableBucketARN = aws.String("arn:aws:s3tables:eu-west-1:123456789012:bucket/tables")
			}), code: "InvalidArgumentException", message: "arn:aws:s3tables:eu-west-1:123456789012:bucket/tables is not in account 123456789012 and Region us-east-1; streaming table delivery must stay within the stream's account and Region."},
			{name: "schema in another account", op: "CreateChannel", call: createTables(func(in *kinesis.CreateChannelInput) {
				in.StreamConfigurationList[0].RecordConfiguration.GSRSchemaARN = aws.String("arn:aws:glue:us-east-1:210987654321:schema/r/s")
			}), code: "InvalidArgumentException", message: "arn:aws:glue:us-east-1:210987654321:schema/r/s is not in account 123456789012 and Region us-east-1; streaming table delivery must stay within the stream's account and Region."},
			{name: "the service's key", op: "CreateChannel", call: create(func(in *kinesis.CreateChannelInput) {
				in.EncryptionConfiguration = &types.ChannelEncryptionConfiguration{EncryptionType: types.ChannelEncryptionTypeKms, KeyId: aws.String("arn:aws:kms:us-east-1:123456789012:alias/aws/kinesis")}
			}), code: "InvalidArgumentException", message: "The Amazon Kinesis Data Streams service key (aws/kinesis) cannot encrypt a channel's destination; specify a customer managed key."},
			{name: "name taken", op: "CreateChannel", call: create(func(in *kinesis.CreateChannelInput) { in.ChannelName = aws.String("taken") }),
				code: "ResourceInUseException", message: "Channel taken under account 123456789012 already exists."},
			{name: "unknown stream", op: "CreateChannel", call: create(func(in *kinesis.CreateChannelInput) {
				in.StreamConfigurationList[0].StreamARN = aws.String(channelStreamARN("nope"))
			}), code: "ResourceNotFoundException", message: recorded.StreamNotFound("nope", "123456789012")},
			{name: "stream in another Region", op: "CreateChannel", call: create(func(in *kinesis.CreateChannelInput) {
				in.StreamConfigurationList[0].StreamARN = aws.String("arn:aws:kinesis:eu-west-1:123456789012:stream/s")
			}), code: "ResourceNotFoundException", message: recorded.StreamNotFound("s", "123456789012")},
			{name: "PROVISIONED stream", op: "CreateChannel", call: create(func(in *kinesis.CreateChannelInput) {
				in.StreamConfigurationList[0].StreamARN = aws.String(channelStreamARN("p"))
			}), code: "ValidationException", message: "Request is invalid. Stream p under account 123456789012 is in Provisioned mode."},
			{name: "stream still CREATING", op: "CreateChannel", opts: []Option{WithDelays(Delays{CreateStream: time.Minute})}, call: func(c *Client, k API, _ *FakeClock) error {
				channelSourceStream(t, c, "young")
				_, err := k.CreateChannel(ctx, s3ChannelInput("new", "young"))
				return err
			}, code: "ResourceInUseException", message: recorded.StreamNotActive("young", "123456789012", "CREATING")},
			{name: "stream DELETING", op: "CreateChannel", opts: []Option{WithDelays(Delays{CreateStream: time.Minute, DeleteStream: time.Minute})}, call: func(c *Client, k API, _ *FakeClock) error {
				if _, err := c.DeleteStream(ctx, &kinesis.DeleteStreamInput{StreamName: aws.String("s")}); err != nil {
					return err
				}
				_, err := k.CreateChannel(ctx, s3ChannelInput("new", "s"))
				return err
			}, code: "ResourceInUseException", message: recorded.StreamNotActive("s", "123456789012", "DELETING")},
			{name: "a second bucket channel for a stream", op: "CreateChannel", call: create(func(in *kinesis.CreateChannelInput) {
				in.StreamConfigurationList[0].StreamARN = aws.String(channelStreamARN("t"))
			}), code: "LimitExceededException", message: "Stream t under account 123456789012 already has 1 channels with destination type S3, the limit is 1."},
			{name: "a second table channel for a stream", op: "CreateChannel", call: func(c *Client, k API, _ *FakeClock) error {
				mustCreateChannel(t, c, tablesChannelInput("first", "s"))
				_, err := k.CreateChannel(ctx, tablesChannelInput("second", "s"))
				return err
			}, code: "LimitExceededException", message: "Stream s under account 123456789012 already has 1 channels with destination type S3_TABLES, the limit is 1."},
			{name: "the account's channels", op: "CreateChannel", call: func(c *Client, k API, _ *FakeClock) error {
				mustCreateChannel(t, c, tablesChannelInput("tables", "t"))
				c.limits.OnDemandStreams = 1 // two channels per ON_DEMAND stream
				_, err := k.CreateChannel(ctx, s3ChannelInput("new", "s"))
				return err
			}, code: "LimitExceededException", message: "Account 123456789012 already has 2 channels, the limit is 2."},

			// DescribeChannel and DeleteChannel.
			{name: "describe a stream's ARN", op: "DescribeChannel", call: func(c *Client, k API, _ *FakeClock) error {
				_, err := k.DescribeChannel(ctx, &kinesis.DescribeChannelInput{ChannelARN: aws.String(channelStreamARN("s"))})
				return err
			}, code: "ValidationException", message: "1 validation error detected: Value 'arn:aws:kinesis:us-east-1:123456789012:stream/s' at 'channelARN' failed to satisfy constraint: Member must satisfy regular expression pattern: arn:aws.*:kinesis:.*:\\d{12}:channel/\\S+"},
			{name: "describe unknown", op: "DescribeChannel", call: func(c *Client, k API, _ *FakeClock) error {
				_, err := k.DescribeChannel(ctx, &kinesis.DescribeChannelInput{ChannelARN: aws.String(unknown)})
				return err
			}, code: "ResourceNotFoundException", message: "Channel nope under account 123456789012 not found."},
			{name: "describe another account's", op: "DescribeChannel", call: func(c *Client, k API, _ *FakeClock) error {
				arn := strings.Replace(channelARNOf(t, c, "taken"), "123456789012", "210987654321", 1)
				_, err := k.DescribeChannel(ctx, &kinesis.DescribeChannelInput{ChannelARN: aws.String(arn)})
				return err
			}, code: "ResourceNotFoundException", message: ""},
			{name: "delete unknown", op: "DeleteChannel", call: func(c *Client, k API, _ *FakeClock) error {
				_, err := k.DeleteChannel(ctx, &kinesis.DeleteChannelInput{ChannelARN: aws.String(unknown)})
				return err
			}, code: "ResourceNotFoundException", message: "Channel nope under account 123456789012 not found."},
			{name: "delete a long ARN", op: "DeleteChannel", call: func(c *Client, k API, _ *FakeClock) error {
				_, err := k.DeleteChannel(ctx, &kinesis.DeleteChannelInput{ChannelARN: aws.String(unknown + strings.Repeat("x", 2048))})
				return err
			}, code: "ValidationException", message: "1 validation error detected: Value '" + unknown + strings.Repeat("x", 2048) + "' at 'channelARN' failed to satisfy constraint: Member must have length less than or equal to 2048"},

			// UpdateChannel.
			{name: "update nothing", op: "UpdateChannel", call: update(func(*kinesis.UpdateChannelInput) {}),
				code: "InvalidArgumentException", message: "At least one of S3DestinationConfiguration, S3TablesDestinationConfiguration or LoggingConfiguration must be specified."},
			{name: "update the other destination", op: "UpdateChannel", call: update(func(in *kinesis.UpdateChannelInput) {
				in.S3TablesDestinationConfiguration = &types.S3TablesDestinationUpdateInput{DataFreshnessInSeconds: aws.Int32(600)}
			}), code: "InvalidArgumentException", message: "S3TablesDestinationConfiguration cannot be updated for a channel with destination type S3."},
			{name: "update freshness out of range", op: "UpdateChannel", call: update(func(in *kinesis.UpdateChannelInput) {
				in.S3DestinationConfiguration = &types.S3DestinationUpdateInput{DataFreshnessInSeconds: aws.Int32(1000)}
			}), code: "InvalidArgumentException", message: "DataFreshnessInSeconds must be between 300 and 900; got 1000."},
			{name: "update log group", op: "UpdateChannel", call: update(func(in *kinesis.UpdateChannelInput) {
				in.LoggingConfiguration = &types.ChannelLoggingUpdateInput{CloudWatchLogs: &types.CloudWatchLogsUpdateInput{Enabled: aws.Bool(true), LogGroupName: aws.String("")}}
			}), code: "ValidationException", message: "2 validation errors detected: Value '' at 'loggingConfiguration.cloudWatchLogs.logGroupName' failed to satisfy constraint: Member must satisfy regular expression pattern: [\\.\\-_/#A-Za-z0-9]+; Value '' at 'loggingConfiguration.cloudWatchLogs.logGroupName' failed to satisfy constraint: Member must have length greater than or equal to 1"},
			{name: "update unknown", op: "UpdateChannel", call: func(c *Client, k API, _ *FakeClock) error {
				_, err := k.UpdateChannel(ctx, &kinesis.UpdateChannelInput{ChannelARN: aws.String(unknown)})
				return err
			}, code: "ResourceNotFoundException", message: "Channel nope under account 123456789012 not found."},
			{name: "update while DELETING", op: "UpdateChannel", opts: []Option{WithDelays(Delays{DeleteChannel: time.Minute})}, call: func(c *Client, k API, _ *FakeClock) error {
				arn := aws.String(channelARNOf(t, c, "taken"))
				if _, err := c.DeleteChannel(ctx, &kinesis.DeleteChannelInput{ChannelARN: arn}); err != nil {
					return err
				}
				_, err := k.UpdateChannel(ctx, &kinesis.UpdateChannelInput{ChannelARN: arn, S3DestinationConfiguration: &types.S3DestinationUpdateInput{DataFreshnessInSeconds: aws.Int32(600)}})
				return err
			}, code: "ResourceInUseException", message: "Channel taken under account 123456789012 not ACTIVE, instead in state DELETING"},

			// ListChannels.
			{name: "MaxResults 0", op: "ListChannels", call: list(&kinesis.ListChannelsInput{MaxResults: aws.Int32(0)}),
				code: "ValidationException", message: "1 validation error detected: Value '0' at 'maxResults' failed to satisfy constraint: Member must have value greater than or equal to 1"},
			{name: "MaxResults above 10000", op: "ListChannels", call: list(&kinesis.ListChannelsInput{MaxResults: aws.Int32(10001)}),
				code: "ValidationException", message: "1 validation error detected: Value '10001' at 'maxResults' failed to satisfy constraint: Member must have value less than or equal to 10000"},
			{name: "empty StreamFilter first", op: "ListChannels", call: list(&kinesis.ListChannelsInput{StreamFilter: []types.StreamFilter{}, NextToken: aws.String("")}),
				code: "ValidationException", message: "2 validation errors detected: Value '[]' at 'streamFilter' failed to satisfy constraint: Member must have length greater than or equal to 1; Value '' at 'nextToken' failed to satisfy constraint: Member must have length greater than or equal to 1"},
			{name: "StreamFilter ARN", op: "ListChannels", call: list(&kinesis.ListChannelsInput{StreamFilter: []types.StreamFilter{{StreamARN: aws.String(channelStreamARN("s"))}, {StreamARN: aws.String("s")}}}),
				code: "ValidationException", message: "1 validation error detected: Value 's' at 'streamFilter.2.member.streamARN' failed to satisfy constraint: Member must satisfy regular expression pattern: arn:aws.*:kinesis:.*:\\d{12}:stream/\\S+"},
			{name: "a token not issued", op: "ListChannels", call: list(&kinesis.ListChannelsInput{NextToken: aws.String("nope")}),
				code: "InvalidArgumentException", message: "Invalid NextToken."},
			{name: "ListStreams' token", op: "ListChannels", call: func(c *Client, k API, _ *FakeClock) error {
				out, err := c.ListStreams(ctx, &kinesis.ListStreamsInput{Limit: aws.Int32(1)})
				if err != nil {
					return err
				}
				_, err = k.ListChannels(ctx, &kinesis.ListChannelsInput{NextToken: out.NextToken})
				return err
			}, code: "InvalidArgumentException", message: "Invalid NextToken."},
		},
	}.run(t)
}

// Required members are checked as the SDK's client checks them, before
// anything reaches the service: the fake's error is the real client's, word
// for word.
func TestChannelRequiredMembers(t *testing.T) {
	fake, _ := newFake(t)
	sdk := unsentSDKClient()
	everythingMissing := &kinesis.CreateChannelInput{
		StreamConfigurationList: []types.ChannelStreamConfiguration{{StreamARN: aws.String(channelStreamARN("s"))}, {RecordConfiguration: &types.RecordConfiguration{}}},
		S3DestinationConfiguration: &types.S3DestinationConfiguration{
			DeadLetterQueueS3Configuration: &types.DeadLetterQueueS3Configuration{},
			StorageConfiguration:           &types.S3StorageConfiguration{},
		},
		S3TablesDestinationConfiguration: &types.S3TablesDestinationConfiguration{
			S3TablesConfigurationList: []types.S3TablesConfiguration{{PartitionSpec: &types.PartitionSpec{PartitionFields: []types.PartitionField{{}, {Transform: types.PartitionTransformTimeHour}}}}},
		},
		EncryptionConfiguration: &types.ChannelEncryptionConfiguration{},
		LoggingConfiguration:    &types.ChannelLoggingConfiguration{CloudWatchLogs: &types.CloudWatchLogs{}},
	}
	tests := []struct {
		name  string
		call  func(API) error
		count int // errors the SDK lists
	}{
		{"CreateChannel nil", func(c API) error { _, err := c.CreateChannel(ctx, nil); return err }, 3},
		{"CreateChannel nested", func(c API) error { _, err := c.CreateChannel(ctx, everythingMissing); return err }, 21},
		{"CreateChannel without storage or CloudWatchLogs", func(c API) error {
			in := s3ChannelInput("c", "s")
			in.S3DestinationConfiguration.StorageConfiguration = nil
			in.S3TablesDestinationConfiguration = &types.S3TablesDestinationConfiguration{}
			in.LoggingConfiguration = &types.ChannelLoggingConfiguration{}
			_, err := c.CreateChannel(ctx, in)
			return err
		}, 4},
		{"DescribeChannel", func(c API) error { _, err := c.DescribeChannel(ctx, nil); return err }, 1},
		{"DeleteChannel", func(c API) error { _, err := c.DeleteChannel(ctx, &kinesis.DeleteChannelInput{}); return err }, 1},
		{"ListChannels", func(c API) error {
			_, err := c.ListChannels(ctx, &kinesis.ListChannelsInput{StreamFilter: []types.StreamFilter{{StreamARN: aws.String(channelStreamARN("s"))}, {}}})
			return err
		}, 1},
		{"UpdateChannel", func(c API) error {
			_, err := c.UpdateChannel(ctx, &kinesis.UpdateChannelInput{
				S3DestinationConfiguration:       &types.S3DestinationUpdateInput{},
				S3TablesDestinationConfiguration: &types.S3TablesDestinationUpdateInput{},
				LoggingConfiguration:             &types.ChannelLoggingUpdateInput{CloudWatchLogs: &types.CloudWatchLogsUpdateInput{}},
			})
			return err
		}, 4},
		{"UpdateChannel without CloudWatchLogs", func(c API) error {
			_, err := c.UpdateChannel(ctx, &kinesis.UpdateChannelInput{ChannelARN: aws.String("arn:aws:kinesis:us-east-1:123456789012:channel/x"), LoggingConfiguration: &types.ChannelLoggingUpdateInput{}})
			return err
		}, 1},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			want := tt.call(sdk)
			var invalid smithy.InvalidParamsError
			if !errors.As(want, &invalid) || invalid.Len() != tt.count {
				t.Fatalf("the SDK's error %v; want %d missing members", want, tt.count)
			}
			got := tt.call(fake)
			if !errors.As(got, &invalid) {
				t.Fatalf("error %v is not a smithy.InvalidParamsError", got)
			}
			if got.Error() != want.Error() {
				t.Errorf("error\n  %q\nthe SDK's\n  %q", got.Error(), want.Error())
			}
		})
	}
}
