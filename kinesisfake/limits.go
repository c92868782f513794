package kinesisfake

import (
	"context"
	"time"

	"github.com/aws/aws-sdk-go-v2/service/kinesis"
)

// The account's quotas: DescribeLimits.

var describeLimitsOp = newOperation[kinesis.DescribeLimitsInput, kinesis.DescribeLimitsOutput]("DescribeLimits", (*Client).describeLimits)

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

// usage is how much of the account's stream quotas its streams use.
type usage struct {
	onDemandStreams   int // ON_DEMAND streams
	provisionedShards int // open shards of PROVISIONED streams, which the shard quota caps
	creatingStreams   int
}

func (c *Client) usage(now time.Time) usage {
	c.catchUp(now)
	return usage{
		onDemandStreams:   c.index.onDemandStreams,
		provisionedShards: c.index.provisionedShards,
		creatingStreams:   c.index.census.creating(now),
	}
}

// checkShardLimit fails if n more shards would exceed the account's quota,
// in the service's wording (recorded by kinesalite's tests against it).
func (c *Client) checkShardLimit(n int, now time.Time) error {
	current := c.usage(now).provisionedShards
	if current+n <= c.limits.Shards {
		return nil
	}
	return limitExceeded("This request would exceed the shard limit for the account %s in %s. "+
		"Current shard count for the account: %d. Limit: %d. Number of additional shards that would have resulted from this request: %d. "+
		"Refer to the AWS Service Limits page (http://docs.aws.amazon.com/general/latest/gr/aws_service_limits.html) for current limits and how to request higher limits.",
		c.accountID, c.region, current, c.limits.Shards, n)
}
