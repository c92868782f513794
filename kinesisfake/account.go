package kinesisfake

import (
	"context"
	"time"

	"github.com/aws/aws-sdk-go-v2/service/kinesis"
	"github.com/aws/aws-sdk-go-v2/service/kinesis/schemas"
	"github.com/aws/aws-sdk-go-v2/service/kinesis/types"
	"github.com/aws/smithy-go"
)

// The account-level settings: DescribeAccountSettings and
// UpdateAccountSettings.

// output describes the commitment as the API does: its start and earliest
// allowed end while it is in force, its start and end once it is over, and
// only the status when there has never been one.
func (m *commitment) output(now time.Time) *types.MinimumThroughputBillingCommitmentOutput {
	out := &types.MinimumThroughputBillingCommitmentOutput{Status: m.status(now)}
	if m.StartedAt.IsZero() {
		return out
	}
	out.StartedAt = ptr(m.StartedAt)
	if m.inForce(now) {
		out.EarliestAllowedEndAt = ptr(m.EarliestAllowedEndAt)
	} else {
		out.EndedAt = ptr(m.EndsAt)
	}
	return out
}

var describeAccountSettingsOp = newOperation[kinesis.DescribeAccountSettingsInput](smithy.NewOperationSchema(schemas.DescribeAccountSettings, schemas.DescribeAccountSettingsInput, schemas.DescribeAccountSettingsOutput), reads, callRate{5, perAccount}, (*Client).describeAccountSettings)

// DescribeAccountSettings describes the account's minimum throughput billing
// commitment.
func (c *Client) DescribeAccountSettings(ctx context.Context, params *kinesis.DescribeAccountSettingsInput, optFns ...func(*kinesis.Options)) (*kinesis.DescribeAccountSettingsOutput, error) {
	return describeAccountSettingsOp.call(ctx, c, params)
}

func (c *Client) describeAccountSettings(_ *kinesis.DescribeAccountSettingsInput, now time.Time) (*kinesis.DescribeAccountSettingsOutput, error) {
	return &kinesis.DescribeAccountSettingsOutput{MinimumThroughputBillingCommitment: c.account.Commitment.output(now)}, nil
}

var updateAccountSettingsOp = newOperation(smithy.NewOperationSchema(schemas.UpdateAccountSettings, schemas.UpdateAccountSettingsInput, schemas.UpdateAccountSettingsOutput), changes, callRate{5, perAccount}, (*Client).updateAccountSettings,
	required(structMember("MinimumThroughputBillingCommitment", "MinimumThroughputBillingCommitmentInput",
		func(in *kinesis.UpdateAccountSettingsInput) *types.MinimumThroughputBillingCommitmentInput {
			return in.MinimumThroughputBillingCommitment
		},
		required(enumMember("Status", func(in *types.MinimumThroughputBillingCommitmentInput) types.MinimumThroughputBillingCommitmentInputStatus {
			return in.Status
		})))),
)

// UpdateAccountSettings enables or disables the account's minimum throughput
// billing commitment, which warm throughput on ON_DEMAND streams requires. A
// commitment lasts at least 24 hours on the fake's clock: disabling it sooner
// leaves it ENABLED_UNTIL_EARLIEST_ALLOWED_END until then, and enabling it
// again in the meantime cancels the disable.
func (c *Client) UpdateAccountSettings(ctx context.Context, params *kinesis.UpdateAccountSettingsInput, optFns ...func(*kinesis.Options)) (*kinesis.UpdateAccountSettingsOutput, error) {
	return updateAccountSettingsOp.call(ctx, c, params)
}

func (c *Client) updateAccountSettings(in *kinesis.UpdateAccountSettingsInput, now time.Time) (*kinesis.UpdateAccountSettingsOutput, error) {
	m := &c.account.Commitment
	if in.MinimumThroughputBillingCommitment.Status == types.MinimumThroughputBillingCommitmentInputStatusEnabled {
		m.enable(now)
	} else {
		m.disable(now)
	}
	return &kinesis.UpdateAccountSettingsOutput{MinimumThroughputBillingCommitment: m.output(now)}, nil
}
