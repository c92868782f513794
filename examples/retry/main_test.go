package main

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/kinesis"
	"github.com/aws/aws-sdk-go-v2/service/kinesis/types"
	"go.uber.org/goleak"

	"github.com/streamfake/kinesis/kinesisfake"
)

func TestMain(m *testing.M) {
	goleak.VerifyTestMain(m)
}

var epoch = time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)

// Two calls fail the entries for "b" and "d"; the producer puts them again
// and every record is stored exactly once.
func TestProducerRetriesFailedEntries(t *testing.T) {
	ctx := context.Background()
	clock := kinesisfake.NewFakeClock(epoch)
	fake := kinesisfake.NewT(t, kinesisfake.WithClock(clock))
	if _, err := fake.CreateStream(ctx, &kinesis.CreateStreamInput{StreamName: aws.String("s"), ShardCount: aws.Int32(1)}); err != nil {
		t.Fatal(err)
	}
	fake.FailPutRecords(kinesisfake.PutRecordsFault{Times: 2, Fail: func(_ int, e types.PutRecordsRequestEntry) bool {
		return string(e.Data) == "b" || string(e.Data) == "d"
	}})
	var entries []types.PutRecordsRequestEntry
	for _, d := range []string{"a", "b", "c", "d", "e"} {
		entries = append(entries, types.PutRecordsRequestEntry{PartitionKey: aws.String("k"), Data: []byte(d)})
	}
	p := Producer{Client: fake, Stream: "s", MaxAttempts: 5, Sleep: clock.Advance}
	calls, err := p.Put(ctx, entries)
	if err != nil {
		t.Fatal(err)
	}
	if calls != 3 {
		t.Errorf("%d calls, want 3", calls)
	}
	if waited := clock.Now().Sub(epoch); waited != 300*time.Millisecond {
		t.Errorf("backed off %v, want 100 ms + 200 ms", waited)
	}
	if got := read(t, fake, "s"); got != "a c e b d" {
		t.Errorf("stored %q", got)
	}
}

// When entries keep failing, the producer gives up after MaxAttempts.
func TestProducerGivesUp(t *testing.T) {
	ctx := context.Background()
	clock := kinesisfake.NewFakeClock(epoch)
	fake := kinesisfake.NewT(t, kinesisfake.WithClock(clock))
	if _, err := fake.CreateStream(ctx, &kinesis.CreateStreamInput{StreamName: aws.String("s"), ShardCount: aws.Int32(1)}); err != nil {
		t.Fatal(err)
	}
	fake.FailPutRecords(kinesisfake.PutRecordsFault{ErrorCode: "InternalFailure"})
	p := Producer{Client: fake, Stream: "s", MaxAttempts: 3, Sleep: clock.Advance}
	_, err := p.Put(ctx, []types.PutRecordsRequestEntry{{PartitionKey: aws.String("k"), Data: []byte("x")}})
	if err == nil || err.Error() != "1 records still failing after 3 attempts" {
		t.Fatalf("error %v", err)
	}
}

func TestRun(t *testing.T) {
	clock := kinesisfake.NewFakeClock(epoch)
	fake := kinesisfake.NewT(t, kinesisfake.WithClock(clock), kinesisfake.WithSeed(42))
	var out strings.Builder
	if err := run(context.Background(), fake, clock, &out); err != nil {
		t.Fatal(err)
	}
	if !strings.HasPrefix(out.String(), "stored 500 records in ") {
		t.Errorf("output %q", out.String())
	}
	if n := len(strings.Fields(read(t, fake, "orders"))); n != 500 {
		t.Errorf("%d records stored, want 500", n)
	}
}

// read returns the data of every record in the one shard of stream.
func read(t *testing.T, fake *kinesisfake.Client, stream string) string {
	t.Helper()
	ctx := context.Background()
	it, err := fake.GetShardIterator(ctx, &kinesis.GetShardIteratorInput{StreamName: aws.String(stream), ShardId: aws.String("shardId-000000000000"), ShardIteratorType: types.ShardIteratorTypeTrimHorizon})
	if err != nil {
		t.Fatal(err)
	}
	out, err := fake.GetRecords(ctx, &kinesis.GetRecordsInput{ShardIterator: it.ShardIterator})
	if err != nil {
		t.Fatal(err)
	}
	var data []string
	for _, r := range out.Records {
		data = append(data, strings.ReplaceAll(string(r.Data), " ", "_"))
	}
	return strings.Join(data, " ")
}
