package kinesisfake_test

import (
	"context"
	"fmt"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/kinesis"
	"github.com/aws/aws-sdk-go-v2/service/kinesis/types"

	"github.com/streamfake/kinesis/kinesisfake"
)

// A queue consumer receives records, works on them, and acknowledges them;
// one it does not acknowledge comes back once its visibility timeout runs
// out, with its receive count up.
func ExampleClient_ReceiveQueueRecords() {
	ctx := context.Background()
	clock := kinesisfake.NewFakeClock(start)
	fake := kinesisfake.New(kinesisfake.WithClock(clock))
	defer fake.Close()
	_, err := fake.CreateStream(ctx, &kinesis.CreateStreamInput{StreamName: aws.String("orders"),
		StreamModeDetails: &types.StreamModeDetails{StreamMode: types.StreamModeOnDemand}})
	if err != nil {
		panic(err)
	}
	q, err := fake.CreateQueue(ctx, &kinesis.CreateQueueInput{
		QueueName:               aws.String("billing"),
		StreamConfigurationList: []types.QueueStreamConfiguration{{StreamARN: aws.String("arn:aws:kinesis:us-east-1:123456789012:stream/orders")}},
	})
	if err != nil {
		panic(err)
	}
	queue := q.QueueDescription.QueueARN
	for _, order := range []string{"apple", "pear"} {
		if _, err := fake.PutRecord(ctx, &kinesis.PutRecordInput{StreamName: aws.String("orders"), PartitionKey: aws.String(order), Data: []byte(order)}); err != nil {
			panic(err)
		}
	}

	got, err := fake.ReceiveQueueRecords(ctx, &kinesis.ReceiveQueueRecordsInput{QueueARN: queue})
	if err != nil {
		panic(err)
	}
	for _, r := range got.QueueRecords {
		fmt.Printf("%s, received %d time(s)\n", r.Data, *r.ReceiveCount)
	}
	// The apple is done; the pear's worker fails.
	ack, err := fake.AcknowledgeQueueRecords(ctx, &kinesis.AcknowledgeQueueRecordsInput{QueueARN: queue,
		Entries: []types.AcknowledgeQueueRecordsRequestEntry{{ReceiptHandle: got.QueueRecords[0].ReceiptHandle}}})
	if err != nil {
		panic(err)
	}
	fmt.Println("acknowledged:", len(ack.Successful))

	clock.Advance(30 * time.Second) // the queue's visibility timeout
	got, err = fake.ReceiveQueueRecords(ctx, &kinesis.ReceiveQueueRecordsInput{QueueARN: queue})
	if err != nil {
		panic(err)
	}
	for _, r := range got.QueueRecords {
		fmt.Printf("%s, received %d time(s)\n", r.Data, *r.ReceiveCount)
	}
	// Output:
	// apple, received 1 time(s)
	// pear, received 1 time(s)
	// acknowledged: 1
	// pear, received 2 time(s)
}

// QueueRecords shows what a queue holds that a test asserts on: records in
// flight, when each becomes visible again, and dead letters.
func ExampleClient_QueueRecords() {
	ctx := context.Background()
	clock := kinesisfake.NewFakeClock(start)
	fake := kinesisfake.New(kinesisfake.WithClock(clock))
	defer fake.Close()
	if _, err := fake.CreateStream(ctx, &kinesis.CreateStreamInput{StreamName: aws.String("orders"),
		StreamModeDetails: &types.StreamModeDetails{StreamMode: types.StreamModeOnDemand}}); err != nil {
		panic(err)
	}
	q, err := fake.CreateQueue(ctx, &kinesis.CreateQueueInput{
		QueueName:               aws.String("billing"),
		StreamConfigurationList: []types.QueueStreamConfiguration{{StreamARN: aws.String("arn:aws:kinesis:us-east-1:123456789012:stream/orders")}},
		QueueAttributes:         &types.QueueAttributes{DeadLetterConfiguration: &types.DeadLetterConfiguration{TargetType: types.TargetTypeBuiltIn, MaxReceiveCount: aws.Int32(1)}},
	})
	if err != nil {
		panic(err)
	}
	if _, err := fake.PutRecord(ctx, &kinesis.PutRecordInput{StreamName: aws.String("orders"), PartitionKey: aws.String("k"), Data: []byte("poison")}); err != nil {
		panic(err)
	}
	if _, err := fake.ReceiveQueueRecords(ctx, &kinesis.ReceiveQueueRecordsInput{QueueARN: q.QueueDescription.QueueARN, VisibilityTimeoutSeconds: aws.Int32(60)}); err != nil {
		panic(err)
	}
	show := func() {
		records, err := fake.QueueRecords(*q.QueueDescription.QueueARN)
		if err != nil {
			panic(err)
		}
		for _, r := range records {
			fmt.Printf("%s: received %d, visible at %s, dead letter: %v\n", r.Data, r.ReceiveCount, r.VisibleAt.Format(time.TimeOnly), r.DeadLetter)
		}
	}
	show()
	clock.Advance(time.Minute)
	show()
	// Output:
	// poison: received 1, visible at 00:01:00, dead letter: false
	// poison: received 1, visible at 00:01:00, dead letter: true
}
