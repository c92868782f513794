package kinesisfake_test

import (
	"context"
	"fmt"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/kinesis"

	"github.com/streamfake/kinesis/kinesisfake"
)

// With the service's delays, a new stream and a new consumer are CREATING
// for a while, as in production; on a FakeClock the wait takes no time.
func ExampleServiceDelays() {
	ctx := context.Background()
	clock := kinesisfake.NewFakeClock(start)
	fake := kinesisfake.New(kinesisfake.WithClock(clock), kinesisfake.WithDelays(kinesisfake.ServiceDelays()))
	defer fake.Close()

	status := func() string {
		out, err := fake.DescribeStreamSummary(ctx, &kinesis.DescribeStreamSummaryInput{StreamName: aws.String("orders")})
		if err != nil {
			panic(err)
		}
		return string(out.StreamDescriptionSummary.StreamStatus)
	}
	if _, err := fake.CreateStream(ctx, &kinesis.CreateStreamInput{StreamName: aws.String("orders"), ShardCount: aws.Int32(1)}); err != nil {
		panic(err)
	}
	fmt.Println("after CreateStream:", status())
	clock.Advance(kinesisfake.ServiceDelays().CreateStream)
	fmt.Println("10 s later:", status())

	reg, err := fake.RegisterStreamConsumer(ctx, &kinesis.RegisterStreamConsumerInput{
		StreamARN:    aws.String("arn:aws:kinesis:us-east-1:123456789012:stream/orders"),
		ConsumerName: aws.String("billing"),
	})
	if err != nil {
		panic(err)
	}
	fmt.Println("RegisterStreamConsumer answers", reg.Consumer.ConsumerStatus)
	clock.Advance(10 * time.Second)
	out, err := fake.DescribeStreamConsumer(ctx, &kinesis.DescribeStreamConsumerInput{ConsumerARN: reg.Consumer.ConsumerARN})
	if err != nil {
		panic(err)
	}
	fmt.Println("10 s later:", out.ConsumerDescription.ConsumerStatus)
	// Output:
	// after CreateStream: CREATING
	// 10 s later: ACTIVE
	// RegisterStreamConsumer answers CREATING
	// 10 s later: ACTIVE
}
