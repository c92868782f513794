// Command retry shows how to test a producer's retry of partial PutRecords
// failures: the fake fails a seeded share of entries, as the service does
// under load, and the producer puts the failed ones again until all are
// stored. Its backoff waits on the fake's clock, so the test never sleeps.
//
//	go run ./examples/retry
package main

import (
	"context"
	"fmt"
	"io"
	"log"
	"os"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/kinesis"
	"github.com/aws/aws-sdk-go-v2/service/kinesis/types"

	"github.com/streamfake/kinesis/kinesisfake"
)

// PutRecordsAPI is the part of *kinesis.Client the producer uses.
type PutRecordsAPI interface {
	PutRecords(context.Context, *kinesis.PutRecordsInput, ...func(*kinesis.Options)) (*kinesis.PutRecordsOutput, error)
}

// Producer puts batches of records and retries the entries that fail.
type Producer struct {
	Client      PutRecordsAPI
	Stream      string
	MaxAttempts int
	// Sleep waits between attempts; production passes a real sleep, tests
	// one that moves a fake clock.
	Sleep func(time.Duration)
}

// Put stores every entry, putting the failed ones again, with exponential
// backoff, until none fail. It returns how many PutRecords calls it made.
func (p Producer) Put(ctx context.Context, entries []types.PutRecordsRequestEntry) (int, error) {
	backoff := 100 * time.Millisecond
	for attempt := 1; ; attempt++ {
		out, err := p.Client.PutRecords(ctx, &kinesis.PutRecordsInput{StreamName: aws.String(p.Stream), Records: entries})
		if err != nil {
			return attempt, err
		}
		if aws.ToInt32(out.FailedRecordCount) == 0 {
			return attempt, nil
		}
		if attempt == p.MaxAttempts {
			return attempt, fmt.Errorf("%d records still failing after %d attempts", aws.ToInt32(out.FailedRecordCount), attempt)
		}
		// Keep the failed entries, in their order, for the next attempt.
		var retry []types.PutRecordsRequestEntry
		for i, r := range out.Records {
			if r.ErrorCode != nil {
				retry = append(retry, entries[i])
			}
		}
		entries = retry
		p.Sleep(backoff)
		backoff *= 2
	}
}

func main() {
	clock := kinesisfake.NewFakeClock(time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC))
	fake := kinesisfake.New(kinesisfake.WithClock(clock), kinesisfake.WithSeed(42))
	defer fake.Close()
	if err := run(context.Background(), fake, clock, os.Stdout); err != nil {
		log.Fatal(err)
	}
}

// run puts 500 records while the fake fails 30% of entries.
func run(ctx context.Context, fake *kinesisfake.Client, clock *kinesisfake.FakeClock, w io.Writer) error {
	if _, err := fake.CreateStream(ctx, &kinesis.CreateStreamInput{StreamName: aws.String("orders"), ShardCount: aws.Int32(1)}); err != nil {
		return err
	}
	fake.FailPutRecords(kinesisfake.PutRecordsFault{Stream: "orders", Ratio: 0.3})
	entries := make([]types.PutRecordsRequestEntry, 500)
	for i := range entries {
		entries[i] = types.PutRecordsRequestEntry{PartitionKey: aws.String(fmt.Sprint("order-", i)), Data: fmt.Appendf(nil, "order %d", i)}
	}
	start := clock.Now()
	p := Producer{Client: fake, Stream: "orders", MaxAttempts: 10, Sleep: clock.Advance}
	calls, err := p.Put(ctx, entries)
	if err != nil {
		return err
	}
	fmt.Fprintf(w, "stored 500 records in %d calls, %v of backoff on the fake's clock\n", calls, clock.Now().Sub(start))
	return nil
}
