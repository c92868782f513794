package eventstream_test

import (
	"context"
	"fmt"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/kinesis"
	"github.com/aws/aws-sdk-go-v2/service/kinesis/types"

	"github.com/streamfake/kinesis/eventstream"
)

// mockKinesis is a hand-written mock of the one method the code under test
// calls. Its output's GetStream works as after a real call.
type mockKinesis struct {
	events []types.SubscribeToShardEvent
}

func (m mockKinesis) SubscribeToShard(context.Context, *kinesis.SubscribeToShardInput, ...func(*kinesis.Options)) (*kinesis.SubscribeToShardOutput, error) {
	return eventstream.NewOutput(eventstream.NewReplay(m.events, nil)), nil
}

// A mock returns a fixed list of events.
func ExampleNewReplay() {
	mock := mockKinesis{events: []types.SubscribeToShardEvent{{
		Records:                    []types.Record{{Data: []byte("hello"), PartitionKey: aws.String("k")}},
		ContinuationSequenceNumber: aws.String("1"),
		MillisBehindLatest:         aws.Int64(0),
	}}}

	out, _ := mock.SubscribeToShard(context.Background(), &kinesis.SubscribeToShardInput{})
	stream := out.GetStream()
	defer stream.Close()
	for ev := range stream.Events() {
		e := ev.(*types.SubscribeToShardEventStreamMemberSubscribeToShardEvent).Value
		for _, r := range e.Records {
			fmt.Printf("%s; continue after %s\n", r.Data, *e.ContinuationSequenceNumber)
		}
	}
	fmt.Println("ended, error:", stream.Err())
	// Output:
	// hello; continue after 1
	// ended, error: <nil>
}

// A test drives a live stream: send events as the scenario unfolds, then end
// it, here with the error a consumer must handle.
func ExampleNewPipe() {
	r, w := eventstream.NewPipe()
	out := eventstream.NewOutput(r)

	go func() {
		w.Send(context.Background(), types.SubscribeToShardEvent{
			Records:            []types.Record{{Data: []byte("first")}},
			MillisBehindLatest: aws.Int64(0),
		})
		w.End(&types.ResourceInUseException{Message: aws.String("Another subscription took over.")})
	}()

	stream := out.GetStream()
	defer stream.Close()
	for ev := range stream.Events() {
		e := ev.(*types.SubscribeToShardEventStreamMemberSubscribeToShardEvent).Value
		fmt.Printf("%s\n", e.Records[0].Data)
	}
	fmt.Println(stream.Err())
	// Output:
	// first
	// ResourceInUseException: Another subscription took over.
}
