package arn_test

import (
	"errors"
	"fmt"
	"time"

	"github.com/streamfake/kinesis/arn"
)

func ExampleParseStream() {
	s, err := arn.ParseStream("arn:aws:kinesis:us-east-1:123456789012:stream/orders")
	if err != nil {
		panic(err)
	}
	fmt.Println(s.Partition, s.Region, s.AccountID, s.Name)
	// Output: aws us-east-1 123456789012 orders
}

func ExampleParseConsumer() {
	c, err := arn.ParseConsumer("arn:aws:kinesis:us-east-1:123456789012:stream/orders/consumer/billing:1700000000")
	if err != nil {
		panic(err)
	}
	fmt.Println(c.Stream)
	fmt.Println(c.Name, c.CreationTime.Format(time.RFC3339))
	// Output:
	// arn:aws:kinesis:us-east-1:123456789012:stream/orders
	// billing 2023-11-14T22:13:20Z
}

func ExampleParseQueue() {
	q, err := arn.ParseQueue("arn:aws:kinesis:us-east-1:123456789012:queue/q7b2k4x9m1p3")
	if err != nil {
		panic(err)
	}
	fmt.Println(q.AccountID, q.ID)
	// Output: 123456789012 q7b2k4x9m1p3
}

func ExampleParseStream_error() {
	_, err := arn.ParseStream("arn:aws:kinesis:us-east-1:123456789012:stream/orders/consumer/billing:1700000000")
	var pe *arn.ParseError
	if errors.As(err, &pe) {
		fmt.Println(pe.Reason)
	}
	// Output: this looks like a consumer ARN; use ParseConsumer
}

func ExampleStream_String() {
	s := arn.Stream{Partition: "aws", Region: "eu-west-1", AccountID: "123456789012", Name: "orders"}
	fmt.Println(s)
	// Output: arn:aws:kinesis:eu-west-1:123456789012:stream/orders
}

func ExampleConsumer_String() {
	c := arn.Consumer{
		Stream:       arn.Stream{Partition: "aws", Region: "eu-west-1", AccountID: "123456789012", Name: "orders"},
		Name:         "billing",
		CreationTime: time.Date(2023, 11, 14, 22, 13, 20, 500_000_000, time.UTC), // sub-second part is dropped
	}
	fmt.Println(c)
	// Output: arn:aws:kinesis:eu-west-1:123456789012:stream/orders/consumer/billing:1700000000
}
