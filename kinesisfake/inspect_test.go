package kinesisfake

import (
	"context"
	"errors"
	"slices"
	"strconv"
	"testing"
	"testing/synctest"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/kinesis"
	"github.com/aws/aws-sdk-go-v2/service/kinesis/types"
	"github.com/google/go-cmp/cmp"

	"github.com/streamfake/kinesis/internal/recorded"
)

// putAt puts a record at an explicit hash key and returns what Records
// should report for it, read from PutRecord's answer.
func putAt(t testing.TB, c *Client, stream, hashKey, key, data string) Record {
	t.Helper()
	out, err := c.PutRecord(ctx, &kinesis.PutRecordInput{StreamName: aws.String(stream), PartitionKey: aws.String(key), ExplicitHashKey: aws.String(hashKey), Data: []byte(data)})
	if err != nil {
		t.Fatalf("PutRecord(%s, %s): %v", stream, data, err)
	}
	return Record{ShardID: *out.ShardId, SequenceNumber: *out.SequenceNumber, PartitionKey: key, Data: []byte(data), ArrivalTime: c.Clock().Now().Truncate(time.Millisecond).UTC()}
}

// recordData is the data of records, in order.
func recordData(recs []Record) []string {
	out := []string{}
	for _, r := range recs {
		out = append(out, string(r.Data))
	}
	return out
}

// wantNotFound checks that err is the service's error for an unknown stream.
func wantNotFound(t *testing.T, err error, stream string) {
	t.Helper()
	var notFound *types.ResourceNotFoundException
	if !errors.As(err, &notFound) {
		t.Fatalf("error %v, want a ResourceNotFoundException", err)
	}
	if want := recorded.StreamNotFound(stream, "123456789012"); notFound.ErrorMessage() != want {
		t.Errorf("message %q, want %q", notFound.ErrorMessage(), want)
	}
}

// Records lists every record of a stream in put order: those of a split
// shard, now closed, and of its children, interleaved with another shard's.
func TestRecordsAcrossShardsAfterASplit(t *testing.T) {
	c, clock := newFake(t)
	createStream(t, c, "s", 2) // shard 0 from hash key 0, shard 1 from 2^127
	const high = "200000000000000000000000000000000000000"
	var want []Record
	want = append(want, putAt(t, c, "s", "1", "a", "0-first"))
	clock.Advance(time.Second)
	want = append(want, putAt(t, c, "s", high, "b", "1-first"))
	want = append(want, putAt(t, c, "s", "2", "c", "0-second"))
	if _, err := c.SplitShard(ctx, &kinesis.SplitShardInput{StreamName: aws.String("s"), ShardToSplit: aws.String("shardId-000000000000"), NewStartingHashKey: aws.String("1000")}); err != nil {
		t.Fatal(err)
	}
	clock.Advance(time.Second)
	want = append(want, putAt(t, c, "s", "2000", "d", "right child"))
	want = append(want, putAt(t, c, "s", high, "e", "1-second"))
	want = append(want, putAt(t, c, "s", "999", "f", "left child"))

	got, err := c.Records("s")
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("Records (-want +got):\n%s", diff)
	}
	shards := []string{}
	for _, r := range got {
		shards = append(shards, r.ShardID)
	}
	if diff := cmp.Diff([]string{"shardId-000000000000", "shardId-000000000001", "shardId-000000000000", "shardId-000000000003", "shardId-000000000001", "shardId-000000000002"}, shards); diff != "" {
		t.Errorf("shards (-want +got):\n%s", diff)
	}
	byARN, err := c.Records(testStreamARN)
	if err != nil || !cmp.Equal(byARN, got) {
		t.Errorf("Records by ARN = %v, %v; want what Records by name gives", recordData(byARN), err)
	}
}

// Records past the retention period are left out, a closed parent's
// included, and WaitForRecords does not count them.
func TestRecordsLeaveOutExpiredRecords(t *testing.T) {
	c, clock := newFake(t)
	createStream(t, c, "s", 1)
	put(t, c, "s", "k", "old")
	if _, err := c.SplitShard(ctx, &kinesis.SplitShardInput{StreamName: aws.String("s"), ShardToSplit: aws.String("shardId-000000000000"), NewStartingHashKey: aws.String("1000")}); err != nil {
		t.Fatal(err)
	}
	clock.Advance(12 * time.Hour)
	put(t, c, "s", "k", "new")
	if got, _ := c.Records("s"); !cmp.Equal(recordData(got), []string{"old", "new"}) {
		t.Fatalf("Records after 12 hours = %v", recordData(got))
	}
	clock.Advance(12*time.Hour + time.Millisecond) // "old" is 24 hours and 1 ms old
	if got, _ := c.Records("s"); !cmp.Equal(recordData(got), []string{"new"}) {
		t.Errorf("Records after 24 hours = %v, want [new]", recordData(got))
	}
	expired, cancel := context.WithCancel(ctx)
	cancel()
	_, err := c.WaitForRecords(expired, "s", 2)
	if err == nil || err.Error() != "kinesisfake: stream s holds 1 of the 2 records waited for: context canceled" {
		t.Errorf("WaitForRecords for an expired record: %v", err)
	}
}

// The records Records returns are copies: changing them changes nothing in
// the fake, nor in each other.
func TestRecordsAreCopies(t *testing.T) {
	c, _ := newFake(t)
	createStream(t, c, "s", 1)
	put(t, c, "s", "k", "one")
	put(t, c, "s", "k", "two")
	got, err := c.Records("s")
	if err != nil {
		t.Fatal(err)
	}
	got[0].Data[0] = 'X'
	_ = append(got[0].Data, "!!!"...) // must not spill into the next record
	if string(got[1].Data) != "two" {
		t.Errorf("appending to one record's Data changed the next: %q", got[1].Data)
	}
	if again, _ := c.Records("s"); !cmp.Equal(recordData(again), []string{"one", "two"}) {
		t.Errorf("Records after changing a copy = %v", recordData(again))
	}
	if read := readShard(t, c, "s", "shardId-000000000000"); !cmp.Equal(read, []string{"one", "two"}) {
		t.Errorf("GetRecords after changing a copy = %v", read)
	}
}

// Every inspection of a stream that does not exist fails as the service
// does for one, whether named by name or by ARN; WaitForRecords fails at
// once, whatever n.
func TestInspectingAnUnknownStream(t *testing.T) {
	c, _ := newFake(t)
	createStream(t, c, "s", 1)
	for _, tt := range []struct{ nameOrARN, name string }{
		{"nope", "nope"},
		{"arn:aws:kinesis:us-east-1:123456789012:stream/nope", "nope"},
		{"arn:aws:kinesis:eu-west-1:123456789012:stream/s", "s"}, // another region
	} {
		t.Run(tt.nameOrARN, func(t *testing.T) {
			_, err := c.Records(tt.nameOrARN)
			wantNotFound(t, err, tt.name)
			_, err = c.Consumers(tt.nameOrARN)
			wantNotFound(t, err, tt.name)
			_, err = c.Subscriptions(tt.nameOrARN)
			wantNotFound(t, err, tt.name)
			for _, n := range []int{-1, 0, 1} {
				_, err = c.WaitForRecords(ctx, tt.nameOrARN, n)
				wantNotFound(t, err, tt.name)
			}
		})
	}
}

// Consumers lists a stream's consumers as their status changes on the
// clock, CREATING to ACTIVE to DELETING to gone.
func TestConsumersListsTheirStates(t *testing.T) {
	c, clock := newFake(t, WithDelays(Delays{RegisterConsumer: 10 * time.Second, DeregisterConsumer: 5 * time.Second}))
	createStream(t, c, "s", 1)
	if got, err := c.Consumers("s"); err != nil || len(got) != 0 {
		t.Fatalf("Consumers of a new stream = %v, %v", got, err)
	}
	first := register(t, c, "s", "first")
	clock.Advance(5 * time.Second)
	second := register(t, c, "s", "second")
	check := func(when string, want ...Consumer) {
		t.Helper()
		got, err := c.Consumers(testStreamARN)
		if err != nil {
			t.Fatal(err)
		}
		if diff := cmp.Diff(append([]Consumer{}, want...), got); diff != "" {
			t.Errorf("%s: Consumers (-want +got):\n%s", when, diff)
		}
	}
	consumer := func(name, arn string, status types.ConsumerStatus, created time.Time) Consumer {
		return Consumer{Name: name, ARN: arn, Status: status, Created: created}
	}
	check("at first",
		consumer("first", first, types.ConsumerStatusCreating, epoch),
		consumer("second", second, types.ConsumerStatusCreating, epoch.Add(5*time.Second)))
	clock.Advance(5 * time.Second)
	check("10 s on",
		consumer("first", first, types.ConsumerStatusActive, epoch),
		consumer("second", second, types.ConsumerStatusCreating, epoch.Add(5*time.Second)))
	clock.Advance(5 * time.Second)
	if _, err := c.DeregisterStreamConsumer(ctx, &kinesis.DeregisterStreamConsumerInput{ConsumerARN: aws.String(first)}); err != nil {
		t.Fatal(err)
	}
	check("deregistering the first",
		consumer("first", first, types.ConsumerStatusDeleting, epoch),
		consumer("second", second, types.ConsumerStatusActive, epoch.Add(5*time.Second)))
	clock.Advance(5 * time.Second)
	check("the first gone", consumer("second", second, types.ConsumerStatusActive, epoch.Add(5*time.Second)))
}

// Subscriptions lists the live subscriptions, where each stands, and none
// once ended. In a bubble, synctest.Wait lets the subscriptions' goroutines
// send what they can before the test looks.
func TestSubscriptionsWhileLive(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		c, clock := newFake(t)
		createStream(t, c, "s", 2)
		app, audit := register(t, c, "s", "app"), register(t, c, "s", "audit")
		var seqs []string
		for _, data := range []string{"a", "b", "c"} {
			seqs = append(seqs, putAt(t, c, "s", "1", "k", data).SequenceNumber)
		}
		clock.Advance(time.Second)
		trim := types.StartingPosition{Type: types.ShardIteratorTypeTrimHorizon}
		appShard1 := subscribe(t, c, app, "shardId-000000000001", types.StartingPosition{Type: types.ShardIteratorTypeLatest})
		defer appShard1.Close()
		clock.Advance(time.Second)
		auditShard0 := subscribe(t, c, audit, "shardId-000000000000", trim)
		defer auditShard0.Close()
		appShard0 := subscribe(t, c, app, "shardId-000000000000", trim)
		defer appShard0.Close()
		synctest.Wait() // each has built its first event and waits for it to be read

		check := func(when string, want ...Subscription) {
			t.Helper()
			synctest.Wait()
			got, err := c.Subscriptions("s")
			if err != nil {
				t.Fatal(err)
			}
			if diff := cmp.Diff(append([]Subscription{}, want...), got); diff != "" {
				t.Errorf("%s: Subscriptions (-want +got):\n%s", when, diff)
			}
		}
		shards, err := c.ListShards(ctx, &kinesis.ListShardsInput{StreamName: aws.String("s")})
		if err != nil {
			t.Fatal(err)
		}
		// With no record of its shard to go by, a subscription from LATEST
		// stands just below the stream's next sequence index, 4, as its
		// heartbeats would say.
		shard1Latest := sequenceIndex(t, *shards.Shards[1].SequenceNumberRange.StartingSequenceNumber, 3)
		sub := func(consumer, arn, shard string, started time.Time, continuation string, pending int) Subscription {
			return Subscription{ConsumerName: consumer, ConsumerARN: arn, ShardID: shard, Started: started, Expires: started.Add(5 * time.Minute),
				ContinuationSequenceNumber: continuation, Pending: pending}
		}
		t1, t2 := epoch.Add(time.Second), epoch.Add(2*time.Second)
		check("subscribed",
			sub("app", app, "shardId-000000000000", t2, seqs[2], 0),
			sub("app", app, "shardId-000000000001", t1, shard1Latest, 0),
			sub("audit", audit, "shardId-000000000000", t2, seqs[2], 0))
		clock.Advance(5 * time.Second)
		heartbeat := (<-appShard1.Events()).(*types.SubscribeToShardEventStreamMemberSubscribeToShardEvent).Value
		if got := aws.ToString(heartbeat.ContinuationSequenceNumber); got != shard1Latest {
			t.Errorf("heartbeat's ContinuationSequenceNumber %s, want %s", got, shard1Latest)
		}

		// Records arrive while the first events wait to be read.
		putAt(t, c, "s", "1", "k", "d")
		e := putAt(t, c, "s", "1", "k", "e").SequenceNumber
		check("two more records",
			sub("app", app, "shardId-000000000000", t2, seqs[2], 2),
			sub("app", app, "shardId-000000000001", t1, shard1Latest, 0),
			sub("audit", audit, "shardId-000000000000", t2, seqs[2], 2))
		if ev, ok := nextEvent(t, auditShard0); !ok || !cmp.Equal(eventData(ev), []string{"a", "b", "c"}) {
			t.Fatalf("audit's first event: %v", eventData(ev))
		}
		check("audit read its first event",
			sub("app", app, "shardId-000000000000", t2, seqs[2], 2),
			sub("app", app, "shardId-000000000001", t1, shard1Latest, 0),
			sub("audit", audit, "shardId-000000000000", t2, e, 0))

		if n := c.EndSubscriptions(app, "shardId-000000000000", nil); n != 1 {
			t.Fatalf("EndSubscriptions ended %d", n)
		}
		check("app's subscription to shard 0 ended",
			sub("app", app, "shardId-000000000001", t1, shard1Latest, 0),
			sub("audit", audit, "shardId-000000000000", t2, e, 0))
		clock.Advance(4*time.Minute + 54*time.Second) // 5 minutes since t1
		check("app's 5 minutes up", sub("audit", audit, "shardId-000000000000", t2, e, 0))
		clock.Advance(time.Second)
		check("audit's 5 minutes up")
	})
}

// A subscription vanishes from the list when its consumer is deregistered,
// when its stream is deleted and when the fake closes; Records and Consumers
// still read the state Close left.
func TestSubscriptionsVanishWhenTheirConsumerOrStreamGoes(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		c, _ := newFake(t)
		createStream(t, c, "s", 1)
		createStream(t, c, "t", 1)
		put(t, c, "t", "k", "kept")
		latest := types.StartingPosition{Type: types.ShardIteratorTypeLatest}
		gone := register(t, c, "s", "gone")
		kept := register(t, c, "s", "kept")
		other := register(t, c, "t", "other")
		for _, arn := range []string{gone, kept} {
			defer subscribe(t, c, arn, "shardId-000000000000", latest).Close()
		}
		defer subscribe(t, c, other, "shardId-000000000000", latest).Close()
		count := func(stream string) int {
			t.Helper()
			synctest.Wait()
			subs, err := c.Subscriptions(stream)
			if err != nil {
				t.Fatal(err)
			}
			return len(subs)
		}
		if n := count("s"); n != 2 {
			t.Fatalf("%d subscriptions to s, want 2", n)
		}
		if _, err := c.DeregisterStreamConsumer(ctx, &kinesis.DeregisterStreamConsumerInput{ConsumerARN: aws.String(gone)}); err != nil {
			t.Fatal(err)
		}
		if subs, _ := c.Subscriptions("s"); len(subs) != 1 || subs[0].ConsumerARN != kept {
			t.Errorf("after deregistering a consumer: %+v", subs)
		}
		if _, err := c.DeleteStream(ctx, &kinesis.DeleteStreamInput{StreamName: aws.String("s"), EnforceConsumerDeletion: aws.Bool(true)}); err != nil {
			t.Fatal(err)
		}
		_, err := c.Subscriptions("s")
		wantNotFound(t, err, "s")

		if n := count("t"); n != 1 {
			t.Fatalf("%d subscriptions to t, want 1", n)
		}
		c.Close()
		if n := count("t"); n != 0 {
			t.Errorf("%d subscriptions after Close", n)
		}
		if recs, err := c.Records("t"); err != nil || !cmp.Equal(recordData(recs), []string{"kept"}) {
			t.Errorf("Records after Close = %v, %v", recordData(recs), err)
		}
		if ks, err := c.Consumers("t"); err != nil || len(ks) != 1 || ks[0].ARN != other {
			t.Errorf("Consumers after Close = %+v, %v", ks, err)
		}
	})
}

// A producer puts records one a second; WaitForRecords returns when the
// third has arrived, with all three, having waited on the bubble's clock
// without polling.
func TestWaitForRecordsWithAConcurrentProducer(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		c := NewT(t) // the real clock, the bubble's
		createStream(t, c, "s", 2)
		begin := time.Now()
		produced := make(chan struct{})
		go func() {
			defer close(produced)
			for _, data := range []string{"a", "b", "c", "d"} {
				time.Sleep(time.Second)
				if _, err := c.PutRecord(ctx, &kinesis.PutRecordInput{StreamName: aws.String("s"), PartitionKey: aws.String(data), Data: []byte(data)}); err != nil {
					t.Error(err)
				}
			}
		}()
		got, err := c.WaitForRecords(ctx, "s", 3)
		if err != nil {
			t.Fatal(err)
		}
		if waited := time.Since(begin); waited != 3*time.Second {
			t.Errorf("waited %v, want 3s", waited)
		}
		if !cmp.Equal(recordData(got), []string{"a", "b", "c"}) {
			t.Errorf("WaitForRecords = %v", recordData(got))
		}
		// Already there: at once.
		if got, err := c.WaitForRecords(ctx, "s", 1); err != nil || len(got) != 3 {
			t.Errorf("WaitForRecords for records already there = %v, %v", recordData(got), err)
		}
		<-produced
		if got, _ := c.Records("s"); !cmp.Equal(recordData(got), []string{"a", "b", "c", "d"}) {
			t.Errorf("Records = %v", recordData(got))
		}
	})
}

// With a FakeClock, WaitForRecords returns once the records are put, the
// clock unmoved; n of zero or less returns what the stream holds at once.
func TestWaitForRecordsOnAFakeClock(t *testing.T) {
	c, _ := newFake(t)
	createStream(t, c, "s", 3)
	put(t, c, "s", "k", "first")
	for _, n := range []int{-1, 0, 1} {
		if got, err := c.WaitForRecords(ctx, "s", n); err != nil || !cmp.Equal(recordData(got), []string{"first"}) {
			t.Errorf("WaitForRecords(%d) = %v, %v", n, recordData(got), err)
		}
	}
	done := make(chan []Record)
	go func() {
		got, err := c.WaitForRecords(ctx, testStreamARN, 501)
		if err != nil {
			t.Error(err)
		}
		done <- got
	}()
	entries := make([]types.PutRecordsRequestEntry, 500)
	for i := range entries {
		entries[i] = types.PutRecordsRequestEntry{PartitionKey: aws.String(string(rune('a' + i%26))), Data: []byte(strconv.Itoa(i))}
	}
	if _, err := c.PutRecords(ctx, &kinesis.PutRecordsInput{StreamName: aws.String("s"), Records: entries}); err != nil {
		t.Fatal(err)
	}
	if got := <-done; len(got) != 501 || string(got[0].Data) != "first" || string(got[500].Data) != "499" {
		t.Errorf("WaitForRecords returned %d records", len(got))
	}
}

// WaitForRecords fails when its context ends, saying how far it got.
func TestWaitForRecordsUntilItsContextEnds(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		c, _ := newFake(t)
		createStream(t, c, "s", 1)
		putN(t, c, "s", 2)
		timeout, cancel := context.WithTimeout(ctx, 10*time.Second)
		defer cancel()
		begin := time.Now()
		_, err := c.WaitForRecords(timeout, "s", 5)
		if !errors.Is(err, context.DeadlineExceeded) || err.Error() != "kinesisfake: stream s holds 2 of the 5 records waited for: context deadline exceeded" {
			t.Errorf("WaitForRecords = %v", err)
		}
		if waited := time.Since(begin); waited != 10*time.Second {
			t.Errorf("waited %v, want 10s", waited)
		}

		cancelled, cancel := context.WithCancel(ctx)
		cancel()
		if _, err := c.WaitForRecords(cancelled, "s", 3); !errors.Is(err, context.Canceled) {
			t.Errorf("WaitForRecords with a cancelled context = %v", err)
		}
		if got, err := c.WaitForRecords(cancelled, "s", 2); err != nil || len(got) != 2 {
			t.Errorf("WaitForRecords with a cancelled context, for records already there = %v, %v", recordData(got), err)
		}
	})
}

// Close wakes a waiting WaitForRecords with an error; afterwards,
// WaitForRecords fails at once unless the records are there.
func TestCloseWakesWaitForRecords(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		c, _ := newFake(t)
		createStream(t, c, "s", 1)
		put(t, c, "s", "k", "v")
		errs := make(chan error)
		go func() {
			_, err := c.WaitForRecords(ctx, "s", 2)
			errs <- err
		}()
		synctest.Wait()
		c.Close()
		const want = "kinesisfake: stream s holds 1 of the 2 records waited for: kinesisfake: client is closed"
		if err := <-errs; err == nil || err.Error() != want {
			t.Errorf("WaitForRecords woken by Close: %v", err)
		}
		if _, err := c.WaitForRecords(ctx, "s", 2); err == nil || err.Error() != want {
			t.Errorf("WaitForRecords after Close: %v", err)
		}
		if got, err := c.WaitForRecords(ctx, "s", 1); err != nil || len(got) != 1 {
			t.Errorf("WaitForRecords after Close, for records already there = %v, %v", recordData(got), err)
		}
	})
}

// A stream deleted while WaitForRecords waits: records put while it is
// DELETING count, and once its deletion completes on the clock the wait
// fails as for an unknown stream, even if another of its name is created.
func TestWaitForRecordsOnADeletedStream(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		c, clock := newFake(t, WithDelays(Delays{DeleteStream: 30 * time.Second}))
		createStream(t, c, "s", 1)
		errs := make(chan error, 2)
		wait := func(stream string, n int) {
			_, err := c.WaitForRecords(ctx, stream, n)
			errs <- err
		}
		go wait("s", 3)
		go wait("s", 1)
		synctest.Wait()
		if _, err := c.DeleteStream(ctx, &kinesis.DeleteStreamInput{StreamName: aws.String("s")}); err != nil {
			t.Fatal(err)
		}
		put(t, c, "s", "k", "while deleting")
		if err := <-errs; err != nil {
			t.Errorf("WaitForRecords for a record put while DELETING: %v", err)
		}
		synctest.Wait()
		select {
		case err := <-errs:
			t.Fatalf("WaitForRecords returned %v while the stream is DELETING", err)
		default:
		}
		clock.Advance(30 * time.Second)
		createStream(t, c, "s", 1) // another stream of the name is not the one waited on
		put(t, c, "s", "k", "new stream")
		wantNotFound(t, <-errs, "s")

		// With no delay, the stream is gone at once.
		c = NewT(t)
		createStream(t, c, "now", 1)
		go wait("now", 1)
		synctest.Wait()
		if _, err := c.DeleteStream(ctx, &kinesis.DeleteStreamInput{StreamName: aws.String("now")}); err != nil {
			t.Fatal(err)
		}
		wantNotFound(t, <-errs, "now")
	})
}

// With the real clock outside a bubble, too.
func TestWaitForRecordsOnTheRealClock(t *testing.T) {
	c := NewT(t)
	createStream(t, c, "s", 1)
	go func() {
		if _, err := c.PutRecord(ctx, &kinesis.PutRecordInput{StreamName: aws.String("s"), PartitionKey: aws.String("k"), Data: []byte("v")}); err != nil {
			t.Error(err)
		}
	}()
	timeout, cancel := context.WithTimeout(ctx, time.Minute)
	defer cancel()
	if got, err := c.WaitForRecords(timeout, "s", 1); err != nil || !cmp.Equal(recordData(got), []string{"v"}) {
		t.Errorf("WaitForRecords = %v, %v", recordData(got), err)
	}
}

// Streams lists what ListStreams lists: DELETING streams until they are
// gone, and not streams whose deletion has completed.
func TestStreamsFollowsDeletion(t *testing.T) {
	c, clock := newFake(t, WithDelays(Delays{DeleteStream: time.Minute}))
	createStream(t, c, "a", 1)
	createStream(t, c, "b", 1)
	if _, err := c.DeleteStream(ctx, &kinesis.DeleteStreamInput{StreamName: aws.String("a")}); err != nil {
		t.Fatal(err)
	}
	if got := c.Streams(); !slices.Equal(got, []string{"a", "b"}) {
		t.Errorf("while a is DELETING: %v, want [a b]", got)
	}
	clock.Advance(time.Minute)
	if got := c.Streams(); !slices.Equal(got, []string{"b"}) {
		t.Errorf("once a is gone: %v, want [b]", got)
	}
}

// A fake is empty until it holds a stream, and stays not empty once the
// stream is gone, remembering its shards' epoch; an account setting makes
// it not empty too.
func TestEmpty(t *testing.T) {
	c, _ := newFake(t)
	if !c.Empty() {
		t.Error("a new fake is not empty")
	}
	createStream(t, c, "s", 1)
	if c.Empty() {
		t.Error("a fake with a stream is empty")
	}
	if _, err := c.DeleteStream(ctx, &kinesis.DeleteStreamInput{StreamName: aws.String("s")}); err != nil {
		t.Fatal(err)
	}
	if c.Empty() {
		t.Error("a fake that remembers a deleted stream is empty")
	}
	d, _ := newFake(t)
	if _, err := d.UpdateAccountSettings(ctx, &kinesis.UpdateAccountSettingsInput{MinimumThroughputBillingCommitment: &types.MinimumThroughputBillingCommitmentInput{Status: types.MinimumThroughputBillingCommitmentInputStatusEnabled}}); err != nil {
		t.Fatal(err)
	}
	if d.Empty() {
		t.Error("a fake with a commitment is empty")
	}
}
