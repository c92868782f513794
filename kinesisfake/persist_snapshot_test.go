package kinesisfake

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/kinesis"
	"github.com/aws/aws-sdk-go-v2/service/kinesis/types"
	"github.com/google/go-cmp/cmp"
)

// richDelays make every transition take time, so that a snapshot catches
// things half way.
var richDelays = Delays{
	CreateStream:       10 * time.Second,
	DeleteStream:       time.Minute,
	UpdateStream:       30 * time.Second,
	RegisterConsumer:   20 * time.Second,
	DeregisterConsumer: time.Minute,
	CreateChannel:      10 * time.Second,
	UpdateChannel:      10 * time.Second,
	DeleteChannel:      time.Minute,
}

// richInfo is what richFake hands out that a test of the restored fake
// uses.
type richInfo struct {
	made         map[string]bool // the operations called to make it
	iterator     string          // for shard 0 of orders, issued before the snapshot, still valid
	expired      string          // for shard 0 of orders, expired by ExpireIterators
	deregistered string          // the ARN of orders' consumer audit, DELETING
}

// richFake is a fake holding a bit of everything: streams PROVISIONED and
// ON_DEMAND, one resharded by a split and a merge, records across its shards
// (binary data, explicit hash keys, keys needing escapes, one not UTF-8)
// under changing encryption, consumers ACTIVE, CREATING and DELETING, tags
// and policies, channels of both destinations, a retention and record size
// changed, a commitment, a stream gone, one DELETING, one CREATING, and
// reshards of each kind pending.
func richFake(t testing.TB) (*Client, *FakeClock, richInfo) {
	t.Helper()
	return richFakeIn(t, nil)
}

// richFakeIn makes the rich state in a fake opened on store, or one made by
// New if store is nil.
func richFakeIn(t testing.TB, store Store) (*Client, *FakeClock, richInfo) {
	t.Helper()
	clock := NewFakeClock(epoch)
	c := openT(t, store, WithClock(clock), WithDelays(richDelays))
	info := richInfo{made: map[string]bool{}}
	defer c.AddHook(func(_ context.Context, call Call) (any, error, bool) {
		info.made[call.Operation] = true
		return nil, nil, false
	})()
	must := func(_ any, err error) {
		t.Helper()
		if err != nil {
			t.Fatal(err)
		}
	}
	settle := func() { clock.Advance(time.Minute + 1500*time.Millisecond) }
	orders := aws.String("orders")
	ordersARN := aws.String(testStreamARN[:strings.LastIndex(testStreamARN, "/")+1] + "orders")

	must(c.UpdateAccountSettings(ctx, &kinesis.UpdateAccountSettingsInput{MinimumThroughputBillingCommitment: &types.MinimumThroughputBillingCommitmentInput{
		Status: types.MinimumThroughputBillingCommitmentInputStatusEnabled,
	}}))

	// orders: 2 shards, split and merged into 3 open ones, records all
	// along.
	must(c.CreateStream(ctx, &kinesis.CreateStreamInput{StreamName: orders, ShardCount: aws.Int32(2), Tags: map[string]string{"team": "payments", "env": "test"}}))
	settle()
	putOrder := func(key string, data []byte, explicit *string) {
		t.Helper()
		must(c.PutRecord(ctx, &kinesis.PutRecordInput{StreamName: orders, PartitionKey: aws.String(key), Data: data, ExplicitHashKey: explicit}))
		clock.Advance(1234 * time.Microsecond)
	}
	putOrder("customer-1", []byte("apple"), nil)
	putOrder("customer-2", []byte{0, 0xff, '\n', '"', 0x80}, nil)
	putOrder("low", []byte("to the first shard"), aws.String("0"))
	putOrder("high", []byte("to the last shard"), aws.String("340282366920938463463374607431768211455"))
	must(c.SplitShard(ctx, &kinesis.SplitShardInput{StreamName: orders, ShardToSplit: aws.String("shardId-000000000000"), NewStartingHashKey: aws.String("85070591730234615865843651857942052864")}))
	settle()
	putOrder("customer-1", []byte("banana"), nil)
	putOrder("quote\"and\\slash\n<tag>&", []byte(""), aws.String("85070591730234615865843651857942052864"))
	must(c.MergeShards(ctx, &kinesis.MergeShardsInput{StreamName: orders, ShardToMerge: aws.String("shardId-000000000003"), AdjacentShardToMerge: aws.String("shardId-000000000001")}))
	settle()
	putOrder("ключ-🔑", []byte("cherry"), nil)
	putOrder("\xff\xfe not UTF-8", []byte("damson"), nil)
	must(c.IncreaseStreamRetentionPeriod(ctx, &kinesis.IncreaseStreamRetentionPeriodInput{StreamName: orders, RetentionPeriodHours: aws.Int32(48)}))
	must(c.EnableEnhancedMonitoring(ctx, &kinesis.EnableEnhancedMonitoringInput{StreamName: orders, ShardLevelMetrics: []types.MetricsName{types.MetricsNameOutgoingRecords, types.MetricsNameIncomingBytes}}))
	must(c.UpdateMaxRecordSize(ctx, &kinesis.UpdateMaxRecordSizeInput{StreamARN: ordersARN, MaxRecordSizeInKiB: aws.Int32(2048)}))
	settle()
	must(c.StartStreamEncryption(ctx, &kinesis.StartStreamEncryptionInput{StreamName: orders, EncryptionType: types.EncryptionTypeKms, KeyId: aws.String("alias/first")}))
	settle()
	putOrder("customer-3", []byte("elderberry"), nil)
	must(c.StopStreamEncryption(ctx, &kinesis.StopStreamEncryptionInput{StreamName: orders, EncryptionType: types.EncryptionTypeKms, KeyId: aws.String("alias/first")}))
	settle()
	putOrder("customer-4", []byte("fig"), nil)
	must(c.StartStreamEncryption(ctx, &kinesis.StartStreamEncryptionInput{StreamName: orders, EncryptionType: types.EncryptionTypeKms, KeyId: aws.String("alias/second")}))
	settle()
	putOrder("customer-5", []byte("grape"), nil)
	must(c.PutResourcePolicy(ctx, &kinesis.PutResourcePolicyInput{ResourceARN: ordersARN, Policy: aws.String(`{"Version":"2012-10-17","Statement":[]}`)}))

	// Its consumers: dashboard ACTIVE, with a tag and a policy; audit
	// DELETING; replay, last, CREATING.
	dashboard := register(t, c, "orders", "dashboard")
	register(t, c, "orders", "audit")
	settle()
	must(c.TagResource(ctx, &kinesis.TagResourceInput{ResourceARN: aws.String(dashboard), Tags: map[string]string{"owner": "ops"}}))
	must(c.PutResourcePolicy(ctx, &kinesis.PutResourcePolicyInput{ResourceARN: aws.String(dashboard), Policy: aws.String(`{"Statement":[{"Effect":"Allow"}]}`)}))

	// events: ON_DEMAND, AUTO, with warm throughput and both channels.
	must(c.CreateStream(ctx, &kinesis.CreateStreamInput{
		StreamName:                 aws.String("events"),
		StreamModeDetails:          &types.StreamModeDetails{StreamMode: types.StreamModeOnDemand},
		WarmThroughputMiBps:        aws.Int32(100),
		RecordDistributionStrategy: types.RecordDistributionStrategyAuto,
	}))
	settle()
	for i := range 6 {
		must(c.PutRecord(ctx, &kinesis.PutRecordInput{StreamName: aws.String("events"), PartitionKey: aws.String("e"), Data: []byte{byte(i)}}))
	}
	s3 := s3ChannelInput("to-s3", "events")
	s3.Tags = map[string]string{"kind": "archive"}
	mustCreateChannel(t, c, s3)
	settle()
	must(c.UpdateChannel(ctx, &kinesis.UpdateChannelInput{ChannelARN: aws.String(channelARNOf(t, c, "to-s3")), S3DestinationConfiguration: &types.S3DestinationUpdateInput{DataFreshnessInSeconds: aws.Int32(600)}}))
	mustCreateChannel(t, c, tablesChannelInput("to-tables", "events"))

	// gone: deleted and forgotten; dying: DELETING.
	createStream(t, c, "gone", 1)
	settle()
	put(t, c, "gone", "k", "lost")
	must(c.DeleteStream(ctx, &kinesis.DeleteStreamInput{StreamName: aws.String("gone")}))
	settle()
	createStream(t, c, "dying", 1)

	// A reshard of each kind pending, and a stream CREATING.
	for _, name := range []string{"splitting", "merging", "scaling"} {
		createStream(t, c, name, 2)
	}
	settle()
	put(t, c, "dying", "k", "going")
	must(c.DeleteStream(ctx, &kinesis.DeleteStreamInput{StreamName: aws.String("dying")}))
	must(c.SplitShard(ctx, &kinesis.SplitShardInput{StreamName: aws.String("splitting"), ShardToSplit: aws.String("shardId-000000000001"), NewStartingHashKey: aws.String("200000000000000000000000000000000000000")}))
	must(c.MergeShards(ctx, &kinesis.MergeShardsInput{StreamName: aws.String("merging"), ShardToMerge: aws.String("shardId-000000000000"), AdjacentShardToMerge: aws.String("shardId-000000000001")}))
	must(c.UpdateShardCount(ctx, &kinesis.UpdateShardCountInput{StreamName: aws.String("scaling"), TargetShardCount: aws.Int32(3), ScalingType: types.ScalingTypeUniformScaling}))
	createStream(t, c, "creating", 1)

	// Last: the commitment's disable waits for its earliest end, and
	// consumers leave and arrive.
	must(c.UpdateAccountSettings(ctx, &kinesis.UpdateAccountSettingsInput{MinimumThroughputBillingCommitment: &types.MinimumThroughputBillingCommitmentInput{
		Status: types.MinimumThroughputBillingCommitmentInputStatusDisabled,
	}}))
	must(c.DeregisterStreamConsumer(ctx, &kinesis.DeregisterStreamConsumerInput{StreamARN: ordersARN, ConsumerName: aws.String("audit")}))
	info.deregistered = strings.Replace(dashboard, "dashboard", "audit", 1)
	register(t, c, "orders", "replay")
	// Iterators and tokens: one expired, one valid, a NextToken.
	it := func() string {
		out, err := c.GetShardIterator(ctx, &kinesis.GetShardIteratorInput{StreamName: orders, ShardId: aws.String("shardId-000000000000"), ShardIteratorType: types.ShardIteratorTypeTrimHorizon})
		if err != nil {
			t.Fatal(err)
		}
		return *out.ShardIterator
	}
	info.expired = it()
	c.ExpireIterators()
	info.iterator = it()
	must(c.ListStreams(ctx, &kinesis.ListStreamsInput{Limit: aws.Int32(1)}))
	clock.Advance(time.Second)
	return c, clock, info
}

// A snapshot of the fake started from a snapshot is the same, byte for
// byte, and the two fakes answer every description alike.
func TestSnapshotRoundTrip(t *testing.T) {
	c, clock, _ := richFake(t)
	first := snapshot(t, c)
	r, _ := restored(t, first, clock.Now())
	if second := snapshot(t, r); !bytes.Equal(first, second) {
		t.Fatalf("the restored fake's snapshot differs:\n%s", cmp.Diff(string(first), string(second)))
	}
	if diff := cmp.Diff(observe(t, c), observe(t, r)); diff != "" {
		t.Errorf("the restored fake describes itself otherwise (-snapshotted +restored):\n%s", diff)
	}
	// A closed fake snapshots as it did open.
	open := snapshot(t, r)
	r.Close()
	if closed := snapshot(t, r); !bytes.Equal(open, closed) {
		t.Errorf("the closed fake's snapshot differs:\n%s", cmp.Diff(string(open), string(closed)))
	}
	// Everything the rich state has is in the snapshot.
	for _, want := range []string{
		`"mode": "ON_DEMAND"`, `"parentShardId": "shardId-000000000000"`, `"adjacentParentShardId": "shardId-000000000001"`,
		`"closed": `, `"partitionKeyBase64": `, `"deleting": true`, `"operation": "SplitShard"`, `"operation": "MergeShards"`,
		`"operation": "UpdateShardCount"`, `"destinationType": "S3_TABLES"`, `"endsAt": `, `"sequenceEpochs": {`, `"policy": `,
		`"warmThroughputMiBps": 100`, `"recordDistributionStrategy": "AUTO"`, `"retentionPeriodHours": 48`, `"keyId": "alias/second"`,
		`"expiredNonce": `, `"scalings": [`, `"updatingUntil": `, `"name": "dying"`, `"goneAt": `,
	} {
		if !bytes.Contains(first, []byte(want)) {
			t.Errorf("the snapshot has no %s", want)
		}
	}
}

// observe is everything the API and the inspections describe of the fake,
// as JSON texts, in a fixed order.
func observe(t testing.TB, c *Client) []string {
	t.Helper()
	var out []string
	note := func(what string, v any, err error) {
		b, jerr := json.MarshalIndent(v, "", " ")
		if jerr != nil {
			t.Fatalf("%s: %v", what, jerr)
		}
		if err != nil {
			b = []byte(errorMessage(err) + err.Error())
		}
		out = append(out, what+": "+string(b))
	}
	streams, err := c.ListStreams(ctx, &kinesis.ListStreamsInput{})
	note("ListStreams", streams, err)
	for _, name := range streams.StreamNames {
		n := aws.String(name)
		summary, err := c.DescribeStreamSummary(ctx, &kinesis.DescribeStreamSummaryInput{StreamName: n})
		note(name+" DescribeStreamSummary", summary, err)
		desc, err := c.DescribeStream(ctx, &kinesis.DescribeStreamInput{StreamName: n})
		note(name+" DescribeStream", desc, err)
		shards, err := c.ListShards(ctx, &kinesis.ListShardsInput{StreamName: n})
		note(name+" ListShards", shards, err)
		records, err := c.Records(name)
		note(name+" Records", records, err)
		tags, err := c.ListTagsForStream(ctx, &kinesis.ListTagsForStreamInput{StreamName: n})
		note(name+" ListTagsForStream", tags, err)
		arn := summary.StreamDescriptionSummary.StreamARN
		policy, err := c.GetResourcePolicy(ctx, &kinesis.GetResourcePolicyInput{ResourceARN: arn})
		note(name+" GetResourcePolicy", policy, err)
		monitoring := summary.StreamDescriptionSummary.EnhancedMonitoring
		note(name+" EnhancedMonitoring", monitoring, nil)
		consumers, err := c.ListStreamConsumers(ctx, &kinesis.ListStreamConsumersInput{StreamARN: arn})
		note(name+" ListStreamConsumers", consumers, err)
		for _, k := range consumers.Consumers {
			d, err := c.DescribeStreamConsumer(ctx, &kinesis.DescribeStreamConsumerInput{ConsumerARN: k.ConsumerARN})
			note(*k.ConsumerName+" DescribeStreamConsumer", d, err)
			tags, err := c.ListTagsForResource(ctx, &kinesis.ListTagsForResourceInput{ResourceARN: k.ConsumerARN})
			note(*k.ConsumerName+" ListTagsForResource", tags, err)
			policy, err := c.GetResourcePolicy(ctx, &kinesis.GetResourcePolicyInput{ResourceARN: k.ConsumerARN})
			note(*k.ConsumerName+" GetResourcePolicy", policy, err)
		}
		for _, sh := range shards.Shards {
			// Records come through GetRecords as through Records,
			// encryption type included.
			it, err := c.GetShardIterator(ctx, &kinesis.GetShardIteratorInput{StreamName: n, ShardId: sh.ShardId, ShardIteratorType: types.ShardIteratorTypeTrimHorizon})
			if err != nil {
				note(name+" "+*sh.ShardId+" GetShardIterator", nil, err)
				continue
			}
			recs, err := c.GetRecords(ctx, &kinesis.GetRecordsInput{ShardIterator: it.ShardIterator})
			if recs != nil {
				recs.NextShardIterator = nil // fresh nonces, compared below
			}
			note(name+" "+*sh.ShardId+" GetRecords", recs, err)
		}
	}
	settings, err := c.DescribeAccountSettings(ctx, &kinesis.DescribeAccountSettingsInput{})
	note("DescribeAccountSettings", settings, err)
	channels, err := c.ListChannels(ctx, &kinesis.ListChannelsInput{})
	note("ListChannels", channels, err)
	for _, ch := range channels.ChannelSummaries {
		d, err := c.DescribeChannel(ctx, &kinesis.DescribeChannelInput{ChannelARN: ch.ChannelARN})
		note(*ch.ChannelName+" DescribeChannel", d, err)
		tags, err := c.ListTagsForResource(ctx, &kinesis.ListTagsForResourceInput{ResourceARN: ch.ChannelARN})
		note(*ch.ChannelName+" ListTagsForResource", tags, err)
	}
	return out
}

// The fake started from a snapshot goes on as the one snapshotted does: the
// same calls on both give the same answers, to the sequence numbers,
// iterators and ARNs, and leave the same state.
func TestSnapshotRestoredGoesOn(t *testing.T) {
	c, clock, info := richFake(t)
	state := snapshot(t, c)
	// Delays are configuration, not state: the restored fake takes them as
	// an option.
	r, rclock := restored(t, state, clock.Now(), WithDelays(richDelays))
	fakes := []*Client{c, r}
	clocks := []*FakeClock{clock, rclock}

	// twin makes a call on both fakes and requires the same answer.
	twin := func(what string, call func(c *Client) (any, error)) any {
		t.Helper()
		var got [2]string
		var first any
		for i, f := range fakes {
			v, err := call(f)
			b, _ := json.Marshal(v)
			got[i] = string(b)
			if err != nil {
				got[i] = err.Error()
			}
			if i == 0 {
				first = v
			}
		}
		if got[0] != got[1] {
			t.Errorf("%s: the restored fake answers otherwise (-snapshotted +restored):\n%s", what, cmp.Diff(got[0], got[1]))
		}
		return first
	}
	advance := func(d time.Duration) {
		for _, cl := range clocks {
			cl.Advance(d)
		}
	}
	orders := aws.String("orders")

	// An iterator issued before the snapshot reads the same records, with
	// the same sequence numbers; one expired before it is still expired.
	out := twin("GetRecords, an iterator from before", func(c *Client) (any, error) {
		return c.GetRecords(ctx, &kinesis.GetRecordsInput{ShardIterator: aws.String(info.iterator)})
	}).(*kinesis.GetRecordsOutput)
	if len(out.Records) == 0 {
		t.Error("an iterator from before the snapshot reads no records")
	}
	twin("GetRecords, an iterator expired before", func(c *Client) (any, error) {
		return c.GetRecords(ctx, &kinesis.GetRecordsInput{ShardIterator: aws.String(info.expired)})
	})

	// New records get sequence numbers above the old ones, the same on
	// both; iterators issued after the restore work.
	var lastSeq string
	for i := range 3 {
		put := twin("PutRecord", func(c *Client) (any, error) {
			return c.PutRecord(ctx, &kinesis.PutRecordInput{StreamName: orders, PartitionKey: aws.String(fmt.Sprint("after-", i)), Data: []byte("new")})
		}).(*kinesis.PutRecordOutput)
		if lastSeq != "" && !sequenceLess(lastSeq, *put.SequenceNumber) {
			t.Errorf("sequence number %s after %s", *put.SequenceNumber, lastSeq)
		}
		lastSeq = *put.SequenceNumber
	}
	for _, shard := range []string{"shardId-000000000002", "shardId-000000000004"} {
		it := twin("GetShardIterator", func(c *Client) (any, error) {
			return c.GetShardIterator(ctx, &kinesis.GetShardIteratorInput{StreamName: orders, ShardId: aws.String(shard), ShardIteratorType: types.ShardIteratorTypeTrimHorizon})
		}).(*kinesis.GetShardIteratorOutput)
		twin("GetRecords", func(c *Client) (any, error) {
			return c.GetRecords(ctx, &kinesis.GetRecordsInput{ShardIterator: it.ShardIterator})
		})
	}
	twin("PutRecords", func(c *Client) (any, error) {
		return c.PutRecords(ctx, &kinesis.PutRecordsInput{StreamName: aws.String("events"), Records: []types.PutRecordsRequestEntry{
			{PartitionKey: aws.String("a"), Data: []byte("1")}, {PartitionKey: aws.String("b"), Data: []byte("2")},
		}})
	})

	// The name of a stream gone is free: a new incarnation, whose sequence
	// numbers are apart from the old one's.
	twin("CreateStream gone", func(c *Client) (any, error) {
		return c.CreateStream(ctx, &kinesis.CreateStreamInput{StreamName: aws.String("gone"), ShardCount: aws.Int32(1)})
	})
	for _, f := range fakes {
		f.mu.Lock()
		s := f.streams["gone"]
		tag, created, epoch := s.tag, s.shards[0].created, f.shardEpochs["gone"]
		f.mu.Unlock()
		if tag != f.LastIncarnation || created <= epoch {
			t.Errorf("the new stream gone is incarnation %d of %d, its shard created in second %d, the old one's last %d", tag, f.LastIncarnation, created, epoch)
		}
	}

	// After a minute, what was CREATING is ACTIVE, what was DELETING gone,
	// the reshards pending applied.
	advance(time.Minute)
	twin("ListShards scaling", func(c *Client) (any, error) {
		return c.ListShards(ctx, &kinesis.ListShardsInput{StreamName: aws.String("scaling")})
	})
	twin("ListStreamConsumers", func(c *Client) (any, error) {
		return c.Consumers("orders")
	})
	// A consumer registered again under a name gets a new ARN, the same on
	// both.
	again := twin("RegisterStreamConsumer audit", func(c *Client) (any, error) {
		return c.RegisterStreamConsumer(ctx, &kinesis.RegisterStreamConsumerInput{StreamARN: aws.String(strings.Split(info.deregistered, "/consumer/")[0]), ConsumerName: aws.String("audit")})
	}).(*kinesis.RegisterStreamConsumerOutput)
	if *again.Consumer.ConsumerARN == info.deregistered {
		t.Errorf("audit registered again has the ARN it had, %s", info.deregistered)
	}
	twin("ListChannels", func(c *Client) (any, error) { return c.ListChannels(ctx, &kinesis.ListChannelsInput{}) })

	if diff := cmp.Diff(observe(t, c), observe(t, r)); diff != "" {
		t.Errorf("after the same calls, the fakes describe themselves otherwise (-snapshotted +restored):\n%s", diff)
	}
	if a, b := snapshot(t, c), snapshot(t, r); !bytes.Equal(a, b) {
		t.Errorf("after the same calls, the snapshots differ:\n%s", cmp.Diff(string(a), string(b)))
	}
}

// sequenceLess compares decimal sequence numbers of equal length.
func sequenceLess(a, b string) bool { return len(a) < len(b) || len(a) == len(b) && a < b }

// A snapshot taken while subscriptions are live does not hold them: the
// restored fake has none, and each consumer subscribes at once.
func TestSnapshotLeavesOutSubscriptions(t *testing.T) {
	c, clock := newFake(t)
	createStream(t, c, "s", 1)
	consumer := register(t, c, "s", "app")
	events := subscribe(t, c, consumer, "shardId-000000000000", types.StartingPosition{Type: types.ShardIteratorTypeLatest})
	defer events.Close()
	r, _ := restored(t, snapshot(t, c), clock.Now())
	if subs, err := r.Subscriptions("s"); err != nil || len(subs) != 0 {
		t.Fatalf("restored fake's subscriptions: %v, %v; want none", subs, err)
	}
	restoredEvents := subscribe(t, r, consumer, "shardId-000000000000", types.StartingPosition{Type: types.ShardIteratorTypeLatest})
	restoredEvents.Close()
}

// The state's times are absolute: on a clock that reads before them, what
// was due later is still due later, and sequence numbers still grow.
func TestSnapshotOnAnEarlierClock(t *testing.T) {
	c, clock, _ := richFake(t)
	state := snapshot(t, c)
	before := epoch.Add(-time.Hour)
	r, rclock := restored(t, state, before)
	summary, err := r.DescribeStreamSummary(ctx, &kinesis.DescribeStreamSummaryInput{StreamName: aws.String("orders")})
	if err != nil {
		t.Fatal(err)
	}
	if got := summary.StreamDescriptionSummary.StreamStatus; got != types.StreamStatusCreating {
		t.Errorf("orders, created after the clock's reading, is %s, want CREATING", got)
	}
	rclock.Set(clock.Now())
	records, err := r.Records("orders")
	if err != nil {
		t.Fatal(err)
	}
	rclock.Set(epoch.Add(richDelays.CreateStream)) // orders is ACTIVE, its records yet to come
	put := put(t, r, "orders", "customer-1", "late")
	last := records[len(records)-1].SequenceNumber
	if !sequenceLess(last, *put.SequenceNumber) {
		t.Errorf("a record put on the earlier clock has sequence number %s, not above the last, %s", *put.SequenceNumber, last)
	}
	if got, _ := r.Records("orders"); len(got) != len(records)+1 {
		t.Errorf("orders holds %d records, want %d", len(got), len(records)+1)
	}

	// A consumer registered again, on a clock before the one it replaces
	// was, still gets a new ARN, dated after the old one.
	consumers, _ := r.Consumers("orders")
	old := consumers[1] // dashboard
	if _, err := r.DeregisterStreamConsumer(ctx, &kinesis.DeregisterStreamConsumerInput{ConsumerARN: aws.String(old.ARN)}); err != nil {
		t.Fatal(err)
	}
	again := register(t, r, "orders", old.Name)
	if want := strings.Replace(old.ARN, fmt.Sprint(old.Created.Unix()), fmt.Sprint(old.Created.Unix()+1), 1); again != want {
		t.Errorf("%s registered again: ARN %s, want %s", old.Name, again, want)
	}
}

// A stream's records, across many segments, come back as they were.
func TestSnapshotManyRecords(t *testing.T) {
	c, clock := newFake(t)
	createStream(t, c, "s", 3)
	entries := make([]types.PutRecordsRequestEntry, 500)
	for n := range 30 {
		for i := range entries {
			entries[i] = types.PutRecordsRequestEntry{PartitionKey: aws.String(fmt.Sprint("key-", n, "-", i)), Data: bytes.Repeat([]byte{byte(i)}, i%300)}
		}
		if _, err := c.PutRecords(ctx, &kinesis.PutRecordsInput{StreamName: aws.String("s"), Records: entries}); err != nil {
			t.Fatal(err)
		}
		clock.Advance(time.Second)
	}
	state := snapshot(t, c)
	r, _ := restored(t, state, clock.Now())
	want, _ := c.Records("s")
	got, _ := r.Records("s")
	if len(got) != 15000 {
		t.Fatalf("%d records, want 15000", len(got))
	}
	for i := range want {
		if w, g := want[i], got[i]; w.ShardID != g.ShardID || w.SequenceNumber != g.SequenceNumber || w.PartitionKey != g.PartitionKey ||
			!bytes.Equal(w.Data, g.Data) || !w.ArrivalTime.Equal(g.ArrivalTime) {
			t.Fatalf("record %d: %+v, want %+v", i, g, w)
		}
	}
	if again := snapshot(t, r); !bytes.Equal(state, again) {
		t.Error("the restored fake's snapshot differs")
	}
}

// Snapshot and WithState keep the region and account: the state's are
// taken when no option gives them, and an option that gives others is
// refused.
func TestSnapshotRegionAndAccount(t *testing.T) {
	c := NewT(t, WithRegion("eu-west-1"), WithAccountID("111122223333"), WithClock(NewFakeClock(epoch)))
	createStream(t, c, "s", 1)
	state := snapshot(t, c)

	r, _ := restored(t, state, epoch)
	if got := r.Options().Region; got != "eu-west-1" {
		t.Errorf("restored region %s, want the state's, eu-west-1", got)
	}
	out, err := r.DescribeStreamSummary(ctx, &kinesis.DescribeStreamSummaryInput{StreamName: aws.String("s")})
	if err != nil {
		t.Fatal(err)
	}
	if got, want := *out.StreamDescriptionSummary.StreamARN, "arn:aws:kinesis:eu-west-1:111122223333:stream/s"; got != want {
		t.Errorf("restored ARN %s, want %s", got, want)
	}
	restored(t, state, epoch, WithRegion("eu-west-1"), WithAccountID("111122223333")) // agreeing options

	for _, tt := range []struct {
		opt  Option
		want string
	}{
		{WithRegion("us-east-1"), "kinesisfake: WithState: the state is of region eu-west-1, but WithRegion gives us-east-1; leave WithRegion out to take the state's"},
		{WithAccountID("123456789012"), "kinesisfake: WithState: the state is of account 111122223333, but WithAccountID gives 123456789012; leave WithAccountID out to take the state's"},
	} {
		// WithState reads when New has applied every option, wherever it
		// comes among them.
		for _, opts := range [][]Option{{WithState(bytes.NewReader(state)), tt.opt}, {tt.opt, WithState(bytes.NewReader(state))}} {
			if got := fmt.Sprint(newPanic(opts...)); got != tt.want {
				t.Errorf("New panicked with %q\nwant             %q", got, tt.want)
			}
		}
	}
}

// A string JSON cannot hold fails Snapshot, naming it.
func TestSnapshotRefusesInvalidUTF8(t *testing.T) {
	c, _ := newMemoryFake(t) // a store cannot hold the policy: its call fails
	createStream(t, c, "s", 1)
	if _, err := c.PutResourcePolicy(ctx, &kinesis.PutResourcePolicyInput{ResourceARN: aws.String(testStreamARN), Policy: aws.String("{\"a\":\"\xff\"}")}); err != nil {
		t.Fatal(err)
	}
	err := c.Snapshot(&bytes.Buffer{})
	if want := "kinesisfake: Snapshot: stream s: policy is not valid UTF-8, which JSON cannot hold"; err == nil || err.Error() != want {
		t.Errorf("Snapshot: %v, want %s", err, want)
	}
}

// Snapshot passes on the writer's error.
func TestSnapshotWriteError(t *testing.T) {
	c, _, _ := richFake(t)
	err := c.Snapshot(failingWriter{})
	if err == nil || !strings.Contains(err.Error(), "disk full") {
		t.Errorf("Snapshot: %v, want the writer's error", err)
	}
}

type failingWriter struct{}

func (failingWriter) Write([]byte) (int, error) { return 0, fmt.Errorf("disk full") }

// Every field of the state is in a snapshot, derived from what is, or not
// state, for the reason given: a field added later fails this test until it
// is placed here, and, if it is state, in the snapshot.
func TestSnapshotCoversTheState(t *testing.T) {
	const (
		in      = "in the snapshot"
		derived = "derived from what is in the snapshot"
	)
	placed := map[reflect.Type]map[string]string{
		reflect.TypeFor[Client](): {
			"engine": "the state, placed below", "requestLog": "an option", "throttle": "an option (WithRates) and its use",
			"random":       "an option (WithSeed)",
			"recordFaults": "faults", "queueFaults": "faults", "serving": "subscriptions", "requestIDs": "numbers for errors, not state",
			"hooks": "hooks", "state": "WithState's reader",
		},
		reflect.TypeFor[engine](): {
			"region": in, "accountID": in, "partition": derived,
			"clock": "an option", "delays": "an option", "limits": "an option",
			"mu": "the lock", "closed": "the fake's, not the state's", "changed": "waiters", "journal": "the store's (Open)",
			"engineState": "the state, placed below",
		},
		reflect.TypeFor[engineState](): {
			"streams": in, "index": derived,
			"channels": in, "queues": in, "policies": in, "consumerEpochs": in, "account": "in the snapshot, as it is (placed below)",
			"stateCounters": "in the snapshot, as they are (placed below)", "shardEpochs": in,
		},
		reflect.TypeFor[stream](): {
			"name": in, "arn": derived, "tag": in, "created": in, "life": in, "pendingReshard": in, "scalings": in,
			"streamSettings": "in the snapshot, as they are (placed below)", "warm": in, "encryption": derived,
			"encryptionChanges": in, "spread": in, "consumers": in,
			"consumerList": derived, "consumerCensus": derived, "shards": in, "open": derived, "counter": in,
			"published": "derived: everything read back was stored",
			"latest":    in, "waiting": "WaitForRecords calls", "journal": "the store's (Open)",
		},
		reflect.TypeFor[shard](): {
			"id": derived, "index": derived, "hashRange": derived, "startingHashKey": in, "endingHashKey": in,
			"startingSeq": derived, "endingSeq": derived, "created": in, "parent": in, "adjacentParent": in,
			"children": derived, "opened": in, "closed": in, "log": in, "subs": "subscriptions",
		},
		reflect.TypeFor[recordLog](): {
			"segs": in, "head": "the numbering of records, the log's own", "next": "the numbering of records, the log's own",
			"published": "derived: everything read back was stored",
		},
		reflect.TypeFor[consumer](): {
			"name": in, "arn": derived, "stream": derived, "created": in, "life": in, "consumerSettings": "in the snapshot, as they are (placed below)",
			"subs": "subscriptions", "lastSubscribed": "subscriptions (their 5-second backoff)",
		},
		reflect.TypeFor[onStream](): {
			"arn": derived, "id": in, "name": in, "seq": in, "created": in, "life": in,
			"stream": in, "streamARN": derived, "streamCreated": derived,
		},
		reflect.TypeFor[channel](): {
			"onStream": "in the snapshot (placed above)", "channelSettings": "in the snapshot, as they are (placed below)",
		},
		reflect.TypeFor[queue](): {
			"onStream": "in the snapshot (placed above)", "queueSettings": "in the snapshot, as they are (placed below)",
			"cursors": "in the snapshot, by sequence counter", "deliveries": "in the snapshot (placed below)",
		},
		reflect.TypeFor[deliveries](): {
			"slots": "in the snapshot, those in use, by slot", "free": "derived: the slots not in use",
			"heaps": "derived from each delivery's state", "nonce": in,
		},
		reflect.TypeFor[delivery](): {
			"number": "in the snapshot, as its sequence counter", "due": in, "first": in, "handle": in,
			"shard": in, "receives": in, "at": "derived: its place in its heap", "in": "in the snapshot, as its state",
		},
		reflect.TypeFor[reshardPlan]():      {"op": in, "shard": in, "adjacent": in, "key": in, "target": in},
		reflect.TypeFor[encryptionChange](): {"from": in, "kms": in},
	}
	// Written as they are, with the types they hold: a new field is in the
	// snapshot once it has its name in the document.
	var named func(typ reflect.Type)
	named = func(typ reflect.Type) {
		for i := range typ.NumField() {
			f := typ.Field(i)
			if name, _, _ := strings.Cut(f.Tag.Get("json"), ","); !f.IsExported() || name == "" || name == "-" {
				t.Errorf("%s.%s has no name in the document: give it a json tag", typ.Name(), f.Name)
			}
			ft := f.Type
			for ft.Kind() == reflect.Pointer || ft.Kind() == reflect.Slice || ft.Kind() == reflect.Map {
				ft = ft.Elem()
			}
			if ft.Kind() == reflect.Struct && ft.PkgPath() == typ.PkgPath() {
				named(ft)
			}
		}
	}
	for _, typ := range []reflect.Type{
		reflect.TypeFor[streamSettings](), reflect.TypeFor[consumerSettings](), reflect.TypeFor[channelSettings](), reflect.TypeFor[queueSettings](),
		reflect.TypeFor[lifecycle](), reflect.TypeFor[stateCounters](), reflect.TypeFor[accountSettings](),
	} {
		named(typ)
	}
	for typ, fields := range placed {
		for i := range typ.NumField() {
			name := typ.Field(i).Name
			if _, ok := fields[name]; !ok {
				t.Errorf("%s.%s is new: put it in the snapshot if it is state, and place it here", typ.Name(), name)
			}
			delete(fields, name)
		}
		for name := range fields {
			t.Errorf("%s.%s is placed here but is no field", typ.Name(), name)
		}
	}
}

// A reshard pending in a snapshot applies on the restored fake when its
// time comes on the clock, whatever calls come or not: a subscription to
// the shard it closes gets the shard's end then.
func TestSnapshotPendingReshardAppliesOnTime(t *testing.T) {
	c, clock := newFake(t, WithDelays(Delays{UpdateStream: time.Minute}))
	createStream(t, c, "s", 1)
	consumer := register(t, c, "s", "app")
	if _, err := c.SplitShard(ctx, &kinesis.SplitShardInput{StreamName: aws.String("s"), ShardToSplit: aws.String("shardId-000000000000"), NewStartingHashKey: aws.String("1000")}); err != nil {
		t.Fatal(err)
	}
	r, rclock := restored(t, snapshot(t, c), clock.Now())
	events := subscribe(t, r, consumer, "shardId-000000000000", types.StartingPosition{Type: types.ShardIteratorTypeTrimHorizon})
	defer events.Close()
	rclock.Advance(time.Minute)
	final, ok := nextEvent(t, events)
	if !ok || len(final.ChildShards) != 2 {
		t.Fatalf("the subscription's event after the split: %+v, %v; want the shard's end, with 2 children", final, ok)
	}
}

// A snapshot taken while others write is a consistent cut: each restores,
// holding a prefix of every writer's records.
func TestSnapshotWhileWriting(t *testing.T) {
	c, clock := newFake(t)
	createStream(t, c, "s", 3)
	const writers, each = 4, 100
	done := make(chan struct{})
	for w := range writers {
		go func() {
			defer func() { done <- struct{}{} }()
			for i := range each {
				if _, err := c.PutRecord(ctx, &kinesis.PutRecordInput{StreamName: aws.String("s"), PartitionKey: aws.String(fmt.Sprint(w)), Data: []byte(fmt.Sprint(w, "/", i))}); err != nil {
					t.Error(err)
					return
				}
			}
		}()
	}
	for finished := 0; finished < writers; {
		select {
		case <-done:
			finished++
		default:
		}
		r, _ := restored(t, snapshot(t, c), clock.Now())
		records, err := r.Records("s")
		if err != nil {
			t.Fatal(err)
		}
		next := make([]int, writers)
		for _, rec := range records {
			var w, i int
			fmt.Sscanf(string(rec.Data), "%d/%d", &w, &i)
			if i != next[w] {
				t.Fatalf("writer %d's record %d follows its record %d", w, i, next[w]-1)
			}
			next[w]++
		}
		r.Close()
	}
}
