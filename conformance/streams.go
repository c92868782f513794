package conformance

import (
	"fmt"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/kinesis"
	"github.com/aws/aws-sdk-go-v2/service/kinesis/types"
)

const (
	refCreateStream    = "API reference, CreateStream"
	refDescribeSummary = "API reference, DescribeStreamSummary"
	refRetention       = "API reference, IncreaseStreamRetentionPeriod and DecreaseStreamRetentionPeriod; kinesalite test/increaseStreamRetentionPeriod.js"
)

func streamScenarios() []Scenario {
	return []Scenario{
		{Group: "streams", Name: "a new stream is ACTIVE with its shards", Source: refCreateStream + "; " + refDescribeSummary, Run: func(t *T) {
			name, streamARN := t.CreateStream(2)
			s := t.WaitForStream(name)
			if got := aws.ToString(s.StreamName); got != name {
				t.Errorf("StreamName %q, want %q", got, name)
			}
			if got, want := streamARN, fmt.Sprintf("arn:aws:kinesis:%s:%s:stream/%s", t.K.Options().Region, t.Account(streamARN), name); got != want {
				t.Errorf("StreamARN %q, want %q", got, want)
			}
			if got := aws.ToInt32(s.OpenShardCount); got != 2 {
				t.Errorf("OpenShardCount %d, want 2", got)
			}
			if got := aws.ToInt32(s.RetentionPeriodHours); got != 24 {
				t.Errorf("RetentionPeriodHours %d, want 24 (the default)", got)
			}
			if s.StreamModeDetails == nil || s.StreamModeDetails.StreamMode != types.StreamModeProvisioned {
				t.Errorf("StreamModeDetails %+v, want PROVISIONED", s.StreamModeDetails)
			}
			if s.EncryptionType != types.EncryptionTypeNone {
				t.Errorf("EncryptionType %q, want NONE", s.EncryptionType)
			}
		}},
		{Group: "streams", Name: "a stream's name is taken while it exists", Source: refCreateStream + " (ResourceInUseException); kinesalite test/createStream.js", Run: func(t *T) {
			name, streamARN := t.CreateStream(1)
			_, err := t.K.CreateStream(t.Ctx(), &kinesis.CreateStreamInput{StreamName: aws.String(name), ShardCount: aws.Int32(1)})
			t.WantError(err, "CreateStream", "ResourceInUseException", fmt.Sprintf("Stream %s under account %s already exists.", name, t.Account(streamARN)))
		}},
		{Group: "streams", Name: "retention goes up and back down", Source: refRetention, Run: func(t *T) {
			name, _ := t.CreateStream(1)
			t.Must(t.K.IncreaseStreamRetentionPeriod(t.Ctx(), &kinesis.IncreaseStreamRetentionPeriodInput{StreamName: aws.String(name), RetentionPeriodHours: aws.Int32(48)}))
			if got := aws.ToInt32(t.WaitForStream(name).RetentionPeriodHours); got != 48 {
				t.Fatalf("RetentionPeriodHours %d after increasing to 48", got)
			}
			t.Must(t.K.DecreaseStreamRetentionPeriod(t.Ctx(), &kinesis.DecreaseStreamRetentionPeriodInput{StreamName: aws.String(name), RetentionPeriodHours: aws.Int32(24)}))
			if got := aws.ToInt32(t.WaitForStream(name).RetentionPeriodHours); got != 24 {
				t.Fatalf("RetentionPeriodHours %d after decreasing to 24", got)
			}
		}},
		{Group: "streams", Name: "retention cannot increase to less than it is", Source: refRetention, Run: func(t *T) {
			name, _ := t.CreateStream(1)
			t.Must(t.K.IncreaseStreamRetentionPeriod(t.Ctx(), &kinesis.IncreaseStreamRetentionPeriodInput{StreamName: aws.String(name), RetentionPeriodHours: aws.Int32(48)}))
			t.WaitForStream(name)
			_, err := t.K.IncreaseStreamRetentionPeriod(t.Ctx(), &kinesis.IncreaseStreamRetentionPeriodInput{StreamName: aws.String(name), RetentionPeriodHours: aws.Int32(36)})
			t.WantError(err, "IncreaseStreamRetentionPeriod", "InvalidArgumentException",
				fmt.Sprintf("Requested retention period (36 hours) for stream %s can not be shorter than existing retention period (48 hours). Use DecreaseRetentionPeriod API.", name))
		}},
		{Group: "streams", Name: "retention cannot decrease to more than it is", Source: refRetention, Run: func(t *T) {
			name, _ := t.CreateStream(1)
			_, err := t.K.DecreaseStreamRetentionPeriod(t.Ctx(), &kinesis.DecreaseStreamRetentionPeriodInput{StreamName: aws.String(name), RetentionPeriodHours: aws.Int32(48)})
			t.WantError(err, "DecreaseStreamRetentionPeriod", "InvalidArgumentException",
				fmt.Sprintf("Requested retention period (48 hours) for stream %s can not be longer than existing retention period (24 hours). Use IncreaseRetentionPeriod API.", name))
		}},
	}
}
