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
	queue := ordersQueue(ctx, fake, &types.QueueAttributes{
		DeadLetterConfiguration: &types.DeadLetterConfiguration{TargetType: types.TargetTypeBuiltIn, MaxReceiveCount: aws.Int32(1)},
	})
	putOrders(ctx, fake, "poison")
	if _, err := fake.ReceiveQueueRecords(ctx, &kinesis.ReceiveQueueRecordsInput{QueueARN: queue, VisibilityTimeoutSeconds: aws.Int32(60)}); err != nil {
		panic(err)
	}
	show := func() {
		records, err := fake.QueueRecords(*queue)
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

// ordersQueue creates the ON_DEMAND stream orders and the queue billing on
// it, with the attributes given, and returns the queue's ARN.
func ordersQueue(ctx context.Context, fake *kinesisfake.Client, attributes *types.QueueAttributes) *string {
	if _, err := fake.CreateStream(ctx, &kinesis.CreateStreamInput{StreamName: aws.String("orders"),
		StreamModeDetails: &types.StreamModeDetails{StreamMode: types.StreamModeOnDemand}}); err != nil {
		panic(err)
	}
	q, err := fake.CreateQueue(ctx, &kinesis.CreateQueueInput{
		QueueName:               aws.String("billing"),
		StreamConfigurationList: []types.QueueStreamConfiguration{{StreamARN: aws.String("arn:aws:kinesis:us-east-1:123456789012:stream/orders")}},
		QueueAttributes:         attributes,
	})
	if err != nil {
		panic(err)
	}
	return q.QueueDescription.QueueARN
}

// putOrders puts one record for each order.
func putOrders(ctx context.Context, fake *kinesisfake.Client, orders ...string) {
	for _, order := range orders {
		if _, err := fake.PutRecord(ctx, &kinesis.PutRecordInput{StreamName: aws.String("orders"), PartitionKey: aws.String(order), Data: []byte(order)}); err != nil {
			panic(err)
		}
	}
}

// A test of a worker's retries fails chosen entries of an acknowledgement,
// as the service may under load; the worker acknowledges them again.
func ExampleClient_FailQueueEntries() {
	ctx := context.Background()
	fake := kinesisfake.New(kinesisfake.WithClock(kinesisfake.NewFakeClock(start)))
	defer fake.Close()
	queue := ordersQueue(ctx, fake, nil)
	putOrders(ctx, fake, "apple", "pear")
	got, err := fake.ReceiveQueueRecords(ctx, &kinesis.ReceiveQueueRecordsInput{QueueARN: queue})
	if err != nil {
		panic(err)
	}
	fake.FailQueueEntries(kinesisfake.QueueEntriesFault{
		Operation: "AcknowledgeQueueRecords",
		Fail:      func(i int, _ string) bool { return i == 1 },
		Times:     1,
	})

	entries := []types.AcknowledgeQueueRecordsRequestEntry{
		{ReceiptHandle: got.QueueRecords[0].ReceiptHandle},
		{ReceiptHandle: got.QueueRecords[1].ReceiptHandle},
	}
	for len(entries) > 0 {
		ack, err := fake.AcknowledgeQueueRecords(ctx, &kinesis.AcknowledgeQueueRecordsInput{QueueARN: queue, Entries: entries})
		if err != nil {
			panic(err)
		}
		fmt.Printf("acknowledged %d, failed %d\n", len(ack.Successful), len(ack.Failed))
		entries = entries[:0]
		for _, f := range ack.Failed {
			fmt.Println(*f.ErrorCode)
			entries = append(entries, types.AcknowledgeQueueRecordsRequestEntry{ReceiptHandle: f.ReceiptHandle})
		}
	}
	// Output:
	// acknowledged 1, failed 1
	// ThrottlingException
	// acknowledged 1, failed 0
}

// A test waits, without polling or sleeping, until the worker it runs has
// acknowledged every record: nothing left to deliver, nothing in flight.
func ExampleClient_WaitForQueue() {
	ctx, cancel := context.WithCancel(context.Background())
	fake := kinesisfake.New(kinesisfake.WithClock(kinesisfake.NewFakeClock(start)))
	defer fake.Close()
	queue := ordersQueue(ctx, fake, nil)
	putOrders(ctx, fake, "apple", "pear", "plum")

	// The code under test: a worker that acknowledges what it receives,
	// until its context ends.
	done := make(chan struct{})
	go func() {
		defer close(done)
		for {
			got, err := fake.ReceiveQueueRecords(ctx, &kinesis.ReceiveQueueRecordsInput{QueueARN: queue, WaitTimeSeconds: aws.Int32(20)})
			if err != nil {
				return
			}
			for _, r := range got.QueueRecords {
				if _, err := fake.AcknowledgeQueueRecords(ctx, &kinesis.AcknowledgeQueueRecordsInput{QueueARN: queue,
					Entries: []types.AcknowledgeQueueRecordsRequestEntry{{ReceiptHandle: r.ReceiptHandle}}}); err != nil {
					return
				}
			}
		}
	}()

	state, err := fake.WaitForQueue(ctx, *queue, func(s kinesisfake.QueueState) bool {
		return s.Undelivered == 0 && len(s.Records) == 0
	})
	if err != nil {
		panic(err)
	}
	fmt.Println(state.Status, "undelivered:", state.Undelivered, "unacknowledged:", len(state.Records))
	cancel()
	<-done
	// Output:
	// ACTIVE undelivered: 0 unacknowledged: 0
}
