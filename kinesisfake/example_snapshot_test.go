package kinesisfake_test

import (
	"context"
	"fmt"
	"os"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/kinesis"

	"github.com/streamfake/kinesis/kinesisfake"
)

// A test starts from a state kept in testdata, instead of a page of set-up
// calls. The fixture was taken at 09:05 on 26 November 2026: a FakeClock
// there replays it as it was (on the real clock its records, a day past
// their 24 hours, would have expired).
func ExampleWithState() {
	f, err := os.Open("testdata/state.json")
	if err != nil {
		panic(err)
	}
	defer f.Close()
	clock := kinesisfake.NewFakeClock(time.Date(2026, 11, 26, 9, 5, 0, 0, time.UTC))
	fake := kinesisfake.New(kinesisfake.WithState(f), kinesisfake.WithClock(clock))
	defer fake.Close()

	records, _ := fake.Records("orders")
	for _, r := range records {
		fmt.Println(r.ShardID, r.PartitionKey, string(r.Data))
	}
	consumers, _ := fake.Consumers("orders")
	for _, k := range consumers {
		fmt.Println(k.ARN, k.Status)
	}

	// The fake goes on from there: a new record's sequence number comes
	// after those of the fixture.
	out, _ := fake.PutRecord(context.Background(), &kinesis.PutRecordInput{StreamName: aws.String("orders"), PartitionKey: aws.String("customer-1"), Data: []byte(`{"order":5}`)})
	fmt.Println(records[2].SequenceNumber)
	fmt.Println(*out.SequenceNumber)
	// Output:
	// shardId-000000000001 customer-1 {"order":1,"item":"apple"}
	// shardId-000000000000 customer-7 {"order":2,"item":"banana"}
	// shardId-000000000001 customer-1 {"order":3,"item":"cherry"}
	// shardId-000000000000 customer-4 {"order":4,"item":"damson"}
	// arn:aws:kinesis:us-east-1:123456789012:stream/orders/consumer/dashboard:1795683840 ACTIVE
	// 49680578626463227157834214181817696356100159262745952274
	// 49680578626463227157834214181820114207739396767432572946
}

// Snapshot writes the fake's state as JSON: a header, then each stream with
// its shards, and each shard's records, one a line.
func ExampleClient_Snapshot() {
	ctx := context.Background()
	clock := kinesisfake.NewFakeClock(time.Date(2026, 11, 26, 9, 0, 0, 0, time.UTC))
	fake := kinesisfake.New(kinesisfake.WithClock(clock))
	defer fake.Close()
	fake.CreateStream(ctx, &kinesis.CreateStreamInput{StreamName: aws.String("orders"), ShardCount: aws.Int32(1)})
	for _, item := range []string{"apple", "banana"} {
		clock.Advance(time.Second)
		fake.PutRecord(ctx, &kinesis.PutRecordInput{StreamName: aws.String("orders"), PartitionKey: aws.String("customer-1"), Data: []byte(item)})
	}

	if err := fake.Snapshot(os.Stdout); err != nil {
		panic(err)
	}
	// Output:
	// {
	//   "format": "kinesisfake-state",
	//   "version": 2,
	//   "region": "us-east-1",
	//   "accountId": "123456789012",
	//   "counters": {
	//     "lastIncarnation": 1,
	//     "lastNonce": 0,
	//     "expiredNonce": 0
	//   },
	//   "channels": [],
	//   "streams": [
	//     {
	//       "name": "orders",
	//       "incarnation": 1,
	//       "created": "2026-11-26T09:00:00Z",
	//       "lifecycle": {
	//         "activeAt": "2026-11-26T09:00:00Z"
	//       },
	//       "mode": "PROVISIONED",
	//       "recordDistributionStrategy": "USER_PARTITION_KEY",
	//       "retentionPeriodHours": 24,
	//       "maxRecordSizeInKiB": 1024,
	//       "spread": 2,
	//       "sequenceCounter": 2,
	//       "latestSequenceSecond": 1795683602,
	//       "shards": [
	//         {
	//           "shardId": "shardId-000000000000",
	//           "startingHashKey": "0",
	//           "endingHashKey": "340282366920938463463374607431768211455",
	//           "sequenceEpoch": 1795683600,
	//           "opened": "2026-11-26T09:00:00Z",
	//           "records": [
	//             {"sequenceNumber": "49680578626440926412635683558673742786188269342104223746", "arrival": "2026-11-26T09:00:01.000Z", "partitionKey": "customer-1", "data": "YXBwbGU="},
	//             {"sequenceNumber": "49680578626440926412635683558674951712007884039998406658", "arrival": "2026-11-26T09:00:02.000Z", "partitionKey": "customer-1", "data": "YmFuYW5h"}
	//           ]
	//         }
	//       ]
	//     }
	//   ]
	// }
}
