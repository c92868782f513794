package kinesisfake

import (
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/kinesis"
	"github.com/aws/aws-sdk-go-v2/service/kinesis/types"
	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"
)

func TestDescribeLimitsReportsQuotasAndUse(t *testing.T) {
	c, _ := newFake(t, WithLimits(Limits{Shards: 30, OnDemandStreams: 7}))
	createStream(t, c, "a", 3)
	createStream(t, c, "b", 2)
	if _, err := c.CreateStream(ctx, &kinesis.CreateStreamInput{StreamName: aws.String("od")}); err != nil {
		t.Fatal(err)
	}
	out, err := c.DescribeLimits(ctx, nil)
	if err != nil {
		t.Fatal(err)
	}
	want := &kinesis.DescribeLimitsOutput{
		ShardLimit:               aws.Int32(30),
		OpenShardCount:           aws.Int32(5), // ON_DEMAND shards do not count
		OnDemandStreamCount:      aws.Int32(1),
		OnDemandStreamCountLimit: aws.Int32(7),
		ChannelCount:             aws.Int32(0),
		ChannelCountLimit:        aws.Int32(int32(c.channelCountLimit())),
	}
	if diff := cmp.Diff(want, out, cmpopts.IgnoreUnexported(kinesis.DescribeLimitsOutput{}), cmpopts.IgnoreFields(kinesis.DescribeLimitsOutput{}, "ResultMetadata")); diff != "" {
		t.Errorf("DescribeLimits (-want +got):\n%s", diff)
	}
}

// A stream that channels read cannot be deleted nor leave ON_DEMAND, and
// DescribeStreamSummary and DescribeLimits count its channels.
func TestAStreamWithChannels(t *testing.T) {
	c, _ := newFake(t)
	channelSourceStream(t, c, "src")
	mustCreateChannel(t, c, s3ChannelInput("ch", "src"))

	summary, err := c.DescribeStreamSummary(ctx, &kinesis.DescribeStreamSummaryInput{StreamName: aws.String("src")})
	if err != nil || *summary.StreamDescriptionSummary.ChannelCount != 1 {
		t.Fatalf("ChannelCount = %v (%v), want 1", summary, err)
	}
	limits, err := c.DescribeLimits(ctx, &kinesis.DescribeLimitsInput{})
	if err != nil || *limits.ChannelCount != 1 {
		t.Fatalf("DescribeLimits ChannelCount = %v (%v), want 1", limits, err)
	}
	_, err = c.DeleteStream(ctx, &kinesis.DeleteStreamInput{StreamName: aws.String("src"), EnforceConsumerDeletion: aws.Bool(true)})
	wantAPIError(t, err, "DeleteStream", "ResourceInUseException", "DeleteStream can\u2019t delete 123456789012:src because there are channels associated with this data stream. Delete the channels first.")
	_, err = c.UpdateStreamMode(ctx, &kinesis.UpdateStreamModeInput{StreamARN: aws.String(channelStreamARN("src")), StreamModeDetails: &types.StreamModeDetails{StreamMode: types.StreamModeProvisioned}})
	wantAPIError(t, err, "UpdateStreamMode", "ResourceInUseException", "")

	if _, err := c.DeleteChannel(ctx, &kinesis.DeleteChannelInput{ChannelARN: aws.String(channelARNOf(t, c, "ch"))}); err != nil {
		t.Fatal(err)
	}
	if _, err := c.DeleteStream(ctx, &kinesis.DeleteStreamInput{StreamName: aws.String("src")}); err != nil {
		t.Fatalf("DeleteStream once its channel is gone: %v", err)
	}
}
