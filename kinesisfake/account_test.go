package kinesisfake

import (
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/kinesis"
	"github.com/aws/aws-sdk-go-v2/service/kinesis/types"
	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"
)

func describeCommitment(t *testing.T, c *Client) *types.MinimumThroughputBillingCommitmentOutput {
	t.Helper()
	out, err := c.DescribeAccountSettings(ctx, nil)
	if err != nil {
		t.Fatalf("DescribeAccountSettings: %v", err)
	}
	return out.MinimumThroughputBillingCommitment
}

// The commitment's life, step by step on the fake's clock: each step's
// update (if any) returns, and DescribeAccountSettings then reports, the
// same state; warm throughput works exactly while the commitment is in force.
func TestMinimumThroughputBillingCommitment(t *testing.T) {
	c, clock := newFake(t)
	createOnDemand(t, c, "od")
	day := 24 * time.Hour
	at := func(d time.Duration) *time.Time { return aws.Time(epoch.Add(d)) }
	type output = types.MinimumThroughputBillingCommitmentOutput
	const (
		enabled  = types.MinimumThroughputBillingCommitmentInputStatusEnabled
		disabled = types.MinimumThroughputBillingCommitmentInputStatusDisabled
	)
	steps := []struct {
		name    string
		advance time.Duration // before the step
		update  types.MinimumThroughputBillingCommitmentInputStatus
		want    output
	}{
		{"never enabled", 0, "", output{Status: "DISABLED"}},
		{"disabling one never enabled changes nothing", 0, disabled, output{Status: "DISABLED"}},
		{"enabled", 0, enabled, output{Status: "ENABLED", StartedAt: at(0), EarliestAllowedEndAt: at(day)}},
		{"enabling again changes nothing", time.Hour, enabled, output{Status: "ENABLED", StartedAt: at(0), EarliestAllowedEndAt: at(day)}},
		{"disabled before the earliest end", time.Hour, disabled, output{Status: "ENABLED_UNTIL_EARLIEST_ALLOWED_END", StartedAt: at(0), EarliestAllowedEndAt: at(day)}},
		{"still pending", 20 * time.Hour, "", output{Status: "ENABLED_UNTIL_EARLIEST_ALLOWED_END", StartedAt: at(0), EarliestAllowedEndAt: at(day)}},
		{"enabling cancels the pending disable", 0, enabled, output{Status: "ENABLED", StartedAt: at(0), EarliestAllowedEndAt: at(day)}},
		{"disabled again", 0, disabled, output{Status: "ENABLED_UNTIL_EARLIEST_ALLOWED_END", StartedAt: at(0), EarliestAllowedEndAt: at(day)}},
		{"a second before the end", 2*time.Hour - time.Second, "", output{Status: "ENABLED_UNTIL_EARLIEST_ALLOWED_END", StartedAt: at(0), EarliestAllowedEndAt: at(day)}},
		{"ended at the earliest end", time.Second, "", output{Status: "DISABLED", StartedAt: at(0), EndedAt: at(day)}},
		{"a new commitment", time.Hour, enabled, output{Status: "ENABLED", StartedAt: at(day + time.Hour), EarliestAllowedEndAt: at(2*day + time.Hour)}},
		{"disabled after its earliest end ends at once", 30 * time.Hour, disabled, output{Status: "DISABLED", StartedAt: at(day + time.Hour), EndedAt: at(2*day + 7*time.Hour)}},
	}
	ignore := cmpopts.IgnoreUnexported(output{})
	for _, step := range steps {
		clock.Advance(step.advance)
		if step.update != "" {
			if diff := cmp.Diff(&step.want, setCommitment(t, c, step.update), ignore); diff != "" {
				t.Errorf("%s: UpdateAccountSettings (-want +got):\n%s", step.name, diff)
			}
		}
		if diff := cmp.Diff(&step.want, describeCommitment(t, c), ignore); diff != "" {
			t.Errorf("%s: DescribeAccountSettings (-want +got):\n%s", step.name, diff)
		}
		_, err := c.UpdateStreamWarmThroughput(ctx, &kinesis.UpdateStreamWarmThroughputInput{StreamName: aws.String("od"), WarmThroughputMiBps: aws.Int32(1)})
		if inForce := step.want.Status != "DISABLED"; inForce && err != nil {
			t.Errorf("%s: warm throughput refused while the commitment is in force: %v", step.name, err)
		} else if !inForce {
			wantAPIError(t, err, "UpdateStreamWarmThroughput", "InvalidArgumentException", "")
		}
	}
}

// Timestamps are whole seconds in UTC, whatever the clock's precision and
// location.
func TestCommitmentTimestampsAreWholeSecondsInUTC(t *testing.T) {
	clock := NewFakeClock(time.Date(2026, 1, 2, 3, 4, 5, 678_000_000, time.FixedZone("X", 3600)))
	c := NewT(t, WithClock(clock))
	out := setCommitment(t, c, types.MinimumThroughputBillingCommitmentInputStatusEnabled)
	want := time.Date(2026, 1, 2, 2, 4, 5, 0, time.UTC)
	if *out.StartedAt != want || *out.EarliestAllowedEndAt != want.Add(24*time.Hour) {
		t.Errorf("StartedAt %v, EarliestAllowedEndAt %v; want %v and a day later", *out.StartedAt, *out.EarliestAllowedEndAt, want)
	}
	clock.Advance(48 * time.Hour)
	if out := setCommitment(t, c, types.MinimumThroughputBillingCommitmentInputStatusDisabled); *out.EndedAt != want.Add(48*time.Hour) {
		t.Errorf("EndedAt %v, want %v", *out.EndedAt, want.Add(48*time.Hour))
	}
}

// Every rule of the account operations, with the error the service returns
// for it. A refused update changes nothing.
func TestAccountSettingsErrors(t *testing.T) {
	errorTable{
		after: func(t *testing.T, c *Client) {
			if got := describeCommitment(t, c).Status; got != types.MinimumThroughputBillingCommitmentOutputStatusDisabled {
				t.Errorf("after a refused update: %s, want DISABLED", got)
			}
		},
		cases: []errorCase{
			{name: "UpdateAccountSettings unknown status", op: "UpdateAccountSettings", call: func(c *Client, k API, _ *FakeClock) error {
				_, err := k.UpdateAccountSettings(ctx, &kinesis.UpdateAccountSettingsInput{
					MinimumThroughputBillingCommitment: &types.MinimumThroughputBillingCommitmentInput{Status: "PAUSED"},
				})
				return err
			}, code: "ValidationException", message: "1 validation error detected: Value 'PAUSED' at 'minimumThroughputBillingCommitment.status' failed to satisfy constraint: Member must satisfy enum value set: [ENABLED, DISABLED]"},
		},
	}.run(t)
}

// The required members of UpdateAccountSettings are checked as the SDK's
// client checks them: the fake's error is the real client's, word for word.
func TestAccountSettingsRequiredMembers(t *testing.T) {
	fake, _ := newFake(t)
	checkRequiredMembers(t, fake, []requiredMembers{
		{func(c API) error { _, err := c.UpdateAccountSettings(ctx, nil); return err },
			missing("UpdateAccountSettings", "UpdateAccountSettingsInput", "MinimumThroughputBillingCommitment")},
		{func(c API) error {
			_, err := c.UpdateAccountSettings(ctx, &kinesis.UpdateAccountSettingsInput{MinimumThroughputBillingCommitment: &types.MinimumThroughputBillingCommitmentInput{}})
			return err
		}, missing("UpdateAccountSettings", "UpdateAccountSettingsInput", "MinimumThroughputBillingCommitment.Status")},
	})
}
