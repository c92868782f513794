package conformance

import (
	"encoding/json"
	"errors"
	"fmt"
	"reflect"
	"slices"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/kinesis"
	"github.com/aws/aws-sdk-go-v2/service/kinesis/types"

	"github.com/streamfake/kinesis/internal/recorded"
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
			t.WantError(err, "CreateStream", "ResourceInUseException", recorded.StreamExists(name, t.Account(streamARN)))
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
				recorded.RetentionNotLonger(36, name, 48))
		}},
		{Group: "streams", Name: "retention cannot decrease to more than it is", Source: refRetention, Run: func(t *T) {
			name, _ := t.CreateStream(1)
			_, err := t.K.DecreaseStreamRetentionPeriod(t.Ctx(), &kinesis.DecreaseStreamRetentionPeriodInput{StreamName: aws.String(name), RetentionPeriodHours: aws.Int32(48)})
			t.WantError(err, "DecreaseStreamRetentionPeriod", "InvalidArgumentException",
				recorded.RetentionNotShorter(48, name, 24))
		}},
		{Group: "streams", Name: "the shards of a new stream split the hash key space evenly", Source: "API reference, Shard and HashKeyRange; kinesalite test/describeStream.js", Run: func(t *T) {
			name, _ := t.CreateStream(3)
			out, err := t.K.DescribeStream(t.Ctx(), &kinesis.DescribeStreamInput{StreamName: aws.String(name)})
			t.NoError(err)
			shards := out.StreamDescription.Shards
			if len(shards) != 3 {
				t.Fatalf("%d shards, want 3", len(shards))
			}
			want := [][2]string{
				{"0", "113427455640312821154458202477256070484"},
				{"113427455640312821154458202477256070485", "226854911280625642308916404954512140969"},
				{"226854911280625642308916404954512140970", "340282366920938463463374607431768211455"},
			}
			for i, sh := range shards {
				if got, wantID := aws.ToString(sh.ShardId), fmt.Sprintf("shardId-%012d", i); got != wantID {
					t.Errorf("shard %d is %s, want %s", i, got, wantID)
				}
				r := sh.HashKeyRange
				if got := [2]string{aws.ToString(r.StartingHashKey), aws.ToString(r.EndingHashKey)}; got != want[i] {
					t.Errorf("shard %d covers %v, want %v", i, got, want[i])
				}
				if sh.SequenceNumberRange == nil || sh.SequenceNumberRange.StartingSequenceNumber == nil || sh.SequenceNumberRange.EndingSequenceNumber != nil {
					t.Errorf("shard %d's SequenceNumberRange %+v, want an open range", i, sh.SequenceNumberRange)
				}
			}
		}},
		{Group: "streams", Name: "ListStreams names the stream, with its summary", Source: "API reference, ListStreams and StreamSummary", Run: func(t *T) {
			name, streamARN := t.CreateStream(1)
			found := false
			t.eachStream(func(n string, summary *types.StreamSummary) {
				if n != name {
					return
				}
				found = true
				if summary == nil || aws.ToString(summary.StreamARN) != streamARN || summary.StreamStatus != types.StreamStatusActive {
					t.Errorf("summary %+v, want ARN %s and ACTIVE", summary, streamARN)
				}
			})
			if !found {
				t.Errorf("ListStreams does not name %s", name)
			}
		}},
		{Group: "streams", Name: "ListStreams pages with Limit and NextToken", Source: "API reference, ListStreams (Limit, NextToken, HasMoreStreams)", Run: func(t *T) {
			a, _ := t.CreateStream(1)
			b, _ := t.CreateStream(1)
			seen := map[string]bool{}
			in := &kinesis.ListStreamsInput{Limit: aws.Int32(1)}
			for page := 0; ; page++ {
				if page > 10000 {
					t.Fatal("ListStreams never stops saying HasMoreStreams")
				}
				out, err := t.K.ListStreams(t.Ctx(), in)
				t.NoError(err)
				if len(out.StreamNames) > 1 {
					t.Fatalf("%d names with Limit 1", len(out.StreamNames))
				}
				for _, n := range out.StreamNames {
					seen[n] = true
				}
				if !aws.ToBool(out.HasMoreStreams) {
					break
				}
				in = &kinesis.ListStreamsInput{Limit: aws.Int32(1), NextToken: out.NextToken}
			}
			if !seen[a] || !seen[b] {
				t.Errorf("pages named %d streams, missing %s or %s", len(seen), a, b)
			}
		}},
		{Group: "streams", Name: "a stream is found by its ARN as by its name", Source: "API reference, DescribeStreamSummary (StreamARN)", Run: func(t *T) {
			name, streamARN := t.CreateStream(1)
			out, err := t.K.DescribeStreamSummary(t.Ctx(), &kinesis.DescribeStreamSummaryInput{StreamARN: aws.String(streamARN)})
			t.NoError(err)
			if got := aws.ToString(out.StreamDescriptionSummary.StreamName); got != name {
				t.Errorf("StreamName %q, want %q", got, name)
			}
		}},
		{Group: "streams", Name: "a stream created without a shard count is ON_DEMAND with 4 shards", Source: "API reference, CreateStream; LocalStack's snapshot recorded against AWS (2022)", Run: func(t *T) {
			name := t.StreamName()
			t.Must(t.K.CreateStream(t.Ctx(), &kinesis.CreateStreamInput{StreamName: aws.String(name), StreamModeDetails: &types.StreamModeDetails{StreamMode: types.StreamModeOnDemand}}))
			t.Cleanup(func() { t.deleteStream(name) })
			s := t.WaitForStream(name)
			if s.StreamModeDetails == nil || s.StreamModeDetails.StreamMode != types.StreamModeOnDemand {
				t.Errorf("StreamModeDetails %+v, want ON_DEMAND", s.StreamModeDetails)
			}
			if got := aws.ToInt32(s.OpenShardCount); got != 4 {
				t.Errorf("OpenShardCount %d, want 4", got)
			}
		}},
		{Group: "streams", Name: "an ON_DEMAND stream takes no shard count", Source: "kinesisfake streams_test.go, after the service's answer", Run: func(t *T) {
			name := t.StreamName()
			t.Cleanup(func() { t.deleteStream(name) }) // should a target create it
			_, err := t.K.CreateStream(t.Ctx(), &kinesis.CreateStreamInput{StreamName: aws.String(name), ShardCount: aws.Int32(1), StreamModeDetails: &types.StreamModeDetails{StreamMode: types.StreamModeOnDemand}})
			t.WantError(err, "CreateStream", "InvalidArgumentException", "ShardCount is not expected when StreamMode=ON_DEMAND")
		}},
		{Group: "streams", Name: "UpdateStreamMode switches a stream to ON_DEMAND", Source: "API reference, UpdateStreamMode", Run: func(t *T) {
			name, streamARN := t.CreateStream(1)
			t.Must(t.K.UpdateStreamMode(t.Ctx(), &kinesis.UpdateStreamModeInput{StreamARN: aws.String(streamARN), StreamModeDetails: &types.StreamModeDetails{StreamMode: types.StreamModeOnDemand}}))
			if s := t.WaitForStream(name); s.StreamModeDetails == nil || s.StreamModeDetails.StreamMode != types.StreamModeOnDemand {
				t.Errorf("StreamModeDetails %+v after UpdateStreamMode, want ON_DEMAND", s.StreamModeDetails)
			}
		}},
		{Group: "streams", Name: "retention can be set to its maximum, 8760 hours", Source: "API reference, IncreaseStreamRetentionPeriod (RetentionPeriodHours up to 8760)", Run: func(t *T) {
			name, _ := t.CreateStream(1)
			t.Must(t.K.IncreaseStreamRetentionPeriod(t.Ctx(), &kinesis.IncreaseStreamRetentionPeriodInput{StreamName: aws.String(name), RetentionPeriodHours: aws.Int32(8760)}))
			if got := aws.ToInt32(t.WaitForStream(name).RetentionPeriodHours); got != 8760 {
				t.Errorf("RetentionPeriodHours %d, want 8760", got)
			}
		}},
		{Group: "streams", Name: "retention cannot go below 24 hours", Source: "kinesalite test/decreaseStreamRetentionPeriod.js", Run: func(t *T) {
			name, _ := t.CreateStream(1)
			_, err := t.K.DecreaseStreamRetentionPeriod(t.Ctx(), &kinesis.DecreaseStreamRetentionPeriodInput{StreamName: aws.String(name), RetentionPeriodHours: aws.Int32(23)})
			t.WantError(err, "DecreaseStreamRetentionPeriod", "InvalidArgumentException", recorded.RetentionTooShort(24, 23))
		}},
		{Group: "streams", Name: "a deleted stream is no longer found", Source: "API reference, DeleteStream", Run: func(t *T) {
			name, streamARN := t.CreateStream(1)
			t.Must(t.K.DeleteStream(t.Ctx(), &kinesis.DeleteStreamInput{StreamName: aws.String(name)}))
			t.Eventually("stream "+name+" gone", func() (bool, error) {
				_, err := t.K.DescribeStreamSummary(t.Ctx(), &kinesis.DescribeStreamSummaryInput{StreamName: aws.String(name)})
				var notFound *types.ResourceNotFoundException
				if errors.As(err, &notFound) {
					return true, nil
				}
				return false, err
			})
			_, err := t.K.DescribeStreamSummary(t.Ctx(), &kinesis.DescribeStreamSummaryInput{StreamName: aws.String(name)})
			t.WantError(err, "DescribeStreamSummary", "ResourceNotFoundException", recorded.StreamNotFound(name, t.Account(streamARN)))
		}},
		{Group: "streams", Name: "a stream with consumers is deleted only when told to delete them", Source: "API reference, DeleteStream (EnforceConsumerDeletion); the message quoted from production in terraform-provider-aws#8420", Run: func(t *T) {
			name, streamARN := t.CreateStream(1)
			t.RegisterConsumer(streamARN, "c")
			_, err := t.K.DeleteStream(t.Ctx(), &kinesis.DeleteStreamInput{StreamName: aws.String(name)})
			account := t.Account(streamARN)
			t.WantError(err, "DeleteStream", "ResourceInUseException", recorded.StreamHasConsumers(account, name))
			t.Must(t.K.DeleteStream(t.Ctx(), &kinesis.DeleteStreamInput{StreamName: aws.String(name), EnforceConsumerDeletion: aws.Bool(true)}))
		}},
		{Group: "streams", Name: "tags are added, listed in key order and removed", Source: "API reference, AddTagsToStream, ListTagsForStream and RemoveTagsFromStream; kinesalite test/listTagsForStream.js", Run: func(t *T) {
			name, _ := t.CreateStream(1)
			t.Must(t.K.AddTagsToStream(t.Ctx(), &kinesis.AddTagsToStreamInput{StreamName: aws.String(name), Tags: map[string]string{"b": "2", "a": "1", "c": "3"}}))
			t.wantTags(name, "a=1", "b=2", "c=3")
			t.Must(t.K.RemoveTagsFromStream(t.Ctx(), &kinesis.RemoveTagsFromStreamInput{StreamName: aws.String(name), TagKeys: []string{"b", "absent"}}))
			t.wantTags(name, "a=1", "c=3")
		}},
		{Group: "streams", Name: "adding a tag that exists replaces its value", Source: "API reference, AddTagsToStream (\"If tags have already been assigned to the stream, AddTagsToStream overwrites any existing tags that correspond to the specified tag keys.\")", Run: func(t *T) {
			name, _ := t.CreateStream(1)
			t.Must(t.K.AddTagsToStream(t.Ctx(), &kinesis.AddTagsToStreamInput{StreamName: aws.String(name), Tags: map[string]string{"team": "a"}}))
			t.Must(t.K.AddTagsToStream(t.Ctx(), &kinesis.AddTagsToStreamInput{StreamName: aws.String(name), Tags: map[string]string{"team": "b"}}))
			t.wantTags(name, "team=b")
		}},
		{Group: "streams", Name: "ListTagsForStream pages with Limit and ExclusiveStartTagKey", Source: "API reference, ListTagsForStream (HasMoreTags); kinesalite test/listTagsForStream.js", Run: func(t *T) {
			name, _ := t.CreateStream(1)
			t.Must(t.K.AddTagsToStream(t.Ctx(), &kinesis.AddTagsToStreamInput{StreamName: aws.String(name), Tags: map[string]string{"a": "1", "b": "2", "c": "3"}}))
			out, err := t.K.ListTagsForStream(t.Ctx(), &kinesis.ListTagsForStreamInput{StreamName: aws.String(name), Limit: aws.Int32(2)})
			t.NoError(err)
			if got := tagStrings(out.Tags); !slices.Equal(got, []string{"a=1", "b=2"}) || !aws.ToBool(out.HasMoreTags) {
				t.Errorf("first page %v, HasMoreTags %v; want [a=1 b=2], true", got, aws.ToBool(out.HasMoreTags))
			}
			out, err = t.K.ListTagsForStream(t.Ctx(), &kinesis.ListTagsForStreamInput{StreamName: aws.String(name), ExclusiveStartTagKey: aws.String("b")})
			t.NoError(err)
			if got := tagStrings(out.Tags); !slices.Equal(got, []string{"c=3"}) || aws.ToBool(out.HasMoreTags) {
				t.Errorf("page after b %v, HasMoreTags %v; want [c=3], false", got, aws.ToBool(out.HasMoreTags))
			}
		}},
		{Group: "streams", Name: "tags given to CreateStream are the stream's", Source: "API reference, CreateStream (Tags)", Run: func(t *T) {
			name := t.StreamName()
			t.Must(t.K.CreateStream(t.Ctx(), &kinesis.CreateStreamInput{StreamName: aws.String(name), ShardCount: aws.Int32(1), Tags: map[string]string{"env": "test"}}))
			t.Cleanup(func() { t.deleteStream(name) })
			t.WaitForStream(name)
			t.wantTags(name, "env=test")
		}},
		{Group: "streams", Name: "TagResource and UntagResource tag a stream by its ARN", Source: "API reference, TagResource, UntagResource and ListTagsForResource", Run: func(t *T) {
			name, streamARN := t.CreateStream(1)
			t.Must(t.K.TagResource(t.Ctx(), &kinesis.TagResourceInput{ResourceARN: aws.String(streamARN), Tags: map[string]string{"a": "1", "b": "2"}}))
			t.Must(t.K.UntagResource(t.Ctx(), &kinesis.UntagResourceInput{ResourceARN: aws.String(streamARN), TagKeys: []string{"a"}}))
			out, err := t.K.ListTagsForResource(t.Ctx(), &kinesis.ListTagsForResourceInput{ResourceARN: aws.String(streamARN)})
			t.NoError(err)
			if got := tagStrings(out.Tags); !slices.Equal(got, []string{"b=2"}) {
				t.Errorf("ListTagsForResource %v, want [b=2]", got)
			}
			t.wantTags(name, "b=2")
		}},
		{Group: "streams", Name: "encryption starts and stops", Source: "API reference, StartStreamEncryption and StopStreamEncryption (alias/aws/kinesis is the AWS managed key)", Run: func(t *T) {
			name, _ := t.CreateStream(1)
			t.Must(t.K.StartStreamEncryption(t.Ctx(), &kinesis.StartStreamEncryptionInput{StreamName: aws.String(name), EncryptionType: types.EncryptionTypeKms, KeyId: aws.String("alias/aws/kinesis")}))
			s := t.WaitForStream(name)
			if s.EncryptionType != types.EncryptionTypeKms || aws.ToString(s.KeyId) != "alias/aws/kinesis" {
				t.Errorf("EncryptionType %s, KeyId %q after StartStreamEncryption; want KMS, alias/aws/kinesis", s.EncryptionType, aws.ToString(s.KeyId))
			}
			t.Must(t.K.StopStreamEncryption(t.Ctx(), &kinesis.StopStreamEncryptionInput{StreamName: aws.String(name), EncryptionType: types.EncryptionTypeKms, KeyId: aws.String("alias/aws/kinesis")}))
			if s := t.WaitForStream(name); s.EncryptionType != types.EncryptionTypeNone {
				t.Errorf("EncryptionType %s after StopStreamEncryption, want NONE", s.EncryptionType)
			}
		}},
		{Group: "streams", Name: "records put to an encrypted stream say KMS", Source: "API reference, StartStreamEncryption (\"you can verify that encryption is applied by inspecting the API response from PutRecord\") and PutRecord (EncryptionType)", Run: func(t *T) {
			name, _ := t.CreateStream(1)
			t.Must(t.K.StartStreamEncryption(t.Ctx(), &kinesis.StartStreamEncryptionInput{StreamName: aws.String(name), EncryptionType: types.EncryptionTypeKms, KeyId: aws.String("alias/aws/kinesis")}))
			t.WaitForStream(name)
			// The service may take up to 5 seconds to encrypt every record
			// after the stream is ACTIVE (the same page).
			t.Eventually("a record put encrypted", func() (bool, error) {
				out, err := t.K.PutRecord(t.Ctx(), &kinesis.PutRecordInput{StreamName: aws.String(name), PartitionKey: aws.String("k"), Data: []byte("x")})
				if err != nil {
					return false, err
				}
				return out.EncryptionType == types.EncryptionTypeKms, nil
			})
		}},
		{Group: "streams", Name: "enhanced monitoring is enabled and disabled per metric", Source: "API reference, EnableEnhancedMonitoring and DisableEnhancedMonitoring", Run: func(t *T) {
			name, _ := t.CreateStream(1)
			out, err := t.K.EnableEnhancedMonitoring(t.Ctx(), &kinesis.EnableEnhancedMonitoringInput{StreamName: aws.String(name), ShardLevelMetrics: []types.MetricsName{types.MetricsNameIncomingBytes}})
			t.NoError(err)
			if len(out.CurrentShardLevelMetrics) != 0 || !slices.Equal(out.DesiredShardLevelMetrics, []types.MetricsName{types.MetricsNameIncomingBytes}) {
				t.Errorf("Enable: current %v, desired %v; want [], [IncomingBytes]", out.CurrentShardLevelMetrics, out.DesiredShardLevelMetrics)
			}
			t.WaitForStream(name)
			off, err := t.K.DisableEnhancedMonitoring(t.Ctx(), &kinesis.DisableEnhancedMonitoringInput{StreamName: aws.String(name), ShardLevelMetrics: []types.MetricsName{types.MetricsNameIncomingBytes}})
			t.NoError(err)
			if !slices.Equal(off.CurrentShardLevelMetrics, []types.MetricsName{types.MetricsNameIncomingBytes}) || len(off.DesiredShardLevelMetrics) != 0 {
				t.Errorf("Disable: current %v, desired %v; want [IncomingBytes], []", off.CurrentShardLevelMetrics, off.DesiredShardLevelMetrics)
			}
		}},
		{Group: "streams", Name: "DescribeLimits counts the open shards", Source: "API reference, DescribeLimits", Run: func(t *T) {
			t.CreateStream(2)
			out, err := t.K.DescribeLimits(t.Ctx(), &kinesis.DescribeLimitsInput{})
			t.NoError(err)
			if aws.ToInt32(out.OpenShardCount) < 2 || aws.ToInt32(out.ShardLimit) < aws.ToInt32(out.OpenShardCount) {
				t.Errorf("OpenShardCount %d, ShardLimit %d; want at least the stream's 2 and no more than the limit", aws.ToInt32(out.OpenShardCount), aws.ToInt32(out.ShardLimit))
			}
		}},
		{Group: "streams", Name: "DescribeStream pages shards with Limit and ExclusiveStartShardId", Source: "API reference, DescribeStream (Limit, ExclusiveStartShardId, HasMoreShards)", Run: func(t *T) {
			name, _ := t.CreateStream(3)
			out, err := t.K.DescribeStream(t.Ctx(), &kinesis.DescribeStreamInput{StreamName: aws.String(name), Limit: aws.Int32(2)})
			t.NoError(err)
			d := out.StreamDescription
			if len(d.Shards) != 2 || !aws.ToBool(d.HasMoreShards) {
				t.Fatalf("first page: %d shards, HasMoreShards %v; want 2, true", len(d.Shards), aws.ToBool(d.HasMoreShards))
			}
			out, err = t.K.DescribeStream(t.Ctx(), &kinesis.DescribeStreamInput{StreamName: aws.String(name), ExclusiveStartShardId: d.Shards[1].ShardId})
			t.NoError(err)
			d = out.StreamDescription
			if len(d.Shards) != 1 || aws.ToString(d.Shards[0].ShardId) != "shardId-000000000002" || aws.ToBool(d.HasMoreShards) {
				t.Errorf("second page: %d shards, HasMoreShards %v; want shardId-000000000002 alone", len(d.Shards), aws.ToBool(d.HasMoreShards))
			}
		}},
		{Group: "streams", Name: "a resource policy is stored and read back", Source: "API reference, PutResourcePolicy and GetResourcePolicy", Run: func(t *T) {
			_, streamARN := t.CreateStream(1)
			policy := fmt.Sprintf(`{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"AWS":"arn:aws:iam::%s:root"},"Action":"kinesis:DescribeStreamSummary","Resource":%q}]}`, t.Account(streamARN), streamARN)
			t.Must(t.K.PutResourcePolicy(t.Ctx(), &kinesis.PutResourcePolicyInput{ResourceARN: aws.String(streamARN), Policy: aws.String(policy)}))
			out, err := t.K.GetResourcePolicy(t.Ctx(), &kinesis.GetResourcePolicyInput{ResourceARN: aws.String(streamARN)})
			t.NoError(err)
			if !jsonEqual(aws.ToString(out.Policy), policy) {
				t.Errorf("policy %s, want %s", aws.ToString(out.Policy), policy)
			}
			t.Must(t.K.DeleteResourcePolicy(t.Ctx(), &kinesis.DeleteResourcePolicyInput{ResourceARN: aws.String(streamARN)}))
		}},
		{Group: "streams", Name: "the creation time is the stream's", Source: "API reference, StreamDescriptionSummary (StreamCreationTimestamp)", Run: func(t *T) {
			name, _ := t.CreateStream(1)
			a := t.WaitForStream(name).StreamCreationTimestamp
			b := t.WaitForStream(name).StreamCreationTimestamp
			if a == nil || a.IsZero() || !a.Equal(aws.ToTime(b)) {
				t.Errorf("StreamCreationTimestamp %v then %v, want one time, set", a, b)
			}
		}},
		{Group: "streams", Name: "the summary counts the stream's consumers", Source: "API reference, StreamDescriptionSummary (ConsumerCount)", Run: func(t *T) {
			name, streamARN := t.CreateStream(1)
			t.RegisterConsumer(streamARN, "a")
			t.RegisterConsumer(streamARN, "b")
			if got := aws.ToInt32(t.WaitForStream(name).ConsumerCount); got != 2 {
				t.Errorf("ConsumerCount %d, want 2", got)
			}
		}},
		{Group: "streams", Name: "a stream deleted with EnforceConsumerDeletion takes its consumers", Source: "API reference, DeleteStream (EnforceConsumerDeletion) and DescribeStreamConsumer", Run: func(t *T) {
			name, streamARN := t.CreateStream(1)
			consumerARN := t.RegisterConsumer(streamARN, "c")
			t.Must(t.K.DeleteStream(t.Ctx(), &kinesis.DeleteStreamInput{StreamName: aws.String(name), EnforceConsumerDeletion: aws.Bool(true)}))
			t.Eventually("consumer gone", func() (bool, error) {
				_, err := t.K.DescribeStreamConsumer(t.Ctx(), &kinesis.DescribeStreamConsumerInput{ConsumerARN: aws.String(consumerARN)})
				var notFound *types.ResourceNotFoundException
				if errors.As(err, &notFound) {
					return true, nil
				}
				return false, err
			})
		}},
	}
}

// eachStream calls f with every stream ListStreams names, following its
// pages, with the stream's summary where the page has one.
func (t *T) eachStream(f func(name string, summary *types.StreamSummary)) {
	t.Helper()
	in := &kinesis.ListStreamsInput{}
	for {
		out, err := t.K.ListStreams(t.Ctx(), in)
		t.NoError(err)
		for i, n := range out.StreamNames {
			var summary *types.StreamSummary
			if i < len(out.StreamSummaries) {
				summary = &out.StreamSummaries[i]
			}
			f(n, summary)
		}
		if !aws.ToBool(out.HasMoreStreams) {
			return
		}
		in = &kinesis.ListStreamsInput{NextToken: out.NextToken}
	}
}

// wantTags checks a stream's tags, as key=value in key order.
func (t *T) wantTags(name string, want ...string) {
	t.Helper()
	out, err := t.K.ListTagsForStream(t.Ctx(), &kinesis.ListTagsForStreamInput{StreamName: aws.String(name)})
	t.NoError(err)
	if got := tagStrings(out.Tags); !slices.Equal(got, want) {
		t.Errorf("tags %v, want %v", got, want)
	}
}

// tagStrings renders tags as key=value, in the order given.
func tagStrings(tags []types.Tag) []string {
	s := make([]string, len(tags))
	for i, tag := range tags {
		s[i] = aws.ToString(tag.Key) + "=" + aws.ToString(tag.Value)
	}
	return s
}

// jsonEqual reports whether two JSON texts hold the same value.
func jsonEqual(a, b string) bool {
	var va, vb any
	return json.Unmarshal([]byte(a), &va) == nil && json.Unmarshal([]byte(b), &vb) == nil && reflect.DeepEqual(va, vb)
}
