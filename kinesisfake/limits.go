package kinesisfake

import (
	"context"
	"time"

	"github.com/aws/aws-sdk-go-v2/service/kinesis"
	"github.com/aws/aws-sdk-go-v2/service/kinesis/schemas"
	"github.com/aws/smithy-go"
)

// The account's quotas: DescribeLimits.

var describeLimitsOp = newOperation[kinesis.DescribeLimitsInput, kinesis.DescribeLimitsOutput](smithy.NewOperationSchema(schemas.DescribeLimits, schemas.DescribeLimitsInput, schemas.DescribeLimitsOutput), reads, callRate{1, perAccount}, (*Client).describeLimits)

// DescribeLimits reports the account's quotas, as Limits sets them, and how
// much of each the fake's state uses.
func (c *Client) DescribeLimits(ctx context.Context, params *kinesis.DescribeLimitsInput, optFns ...func(*kinesis.Options)) (*kinesis.DescribeLimitsOutput, error) {
	return describeLimitsOp.call(ctx, c, params)
}

func (c *Client) describeLimits(_ *kinesis.DescribeLimitsInput, now time.Time) (*kinesis.DescribeLimitsOutput, error) {
	u := c.usage(now)
	return &kinesis.DescribeLimitsOutput{
		ShardLimit:               ptr(int32(c.limits.Shards)),
		OpenShardCount:           ptr(int32(u.provisionedShards)),
		OnDemandStreamCount:      ptr(int32(u.onDemandStreams)),
		OnDemandStreamCountLimit: ptr(int32(c.limits.OnDemandStreams)),
		ChannelCount:             ptr(int32(len(c.liveChannels(now)))),
		ChannelCountLimit:        ptr(int32(c.channelCountLimit())),
	}, nil
}
