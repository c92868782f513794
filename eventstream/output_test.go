package eventstream

import (
	"context"
	"errors"
	"sync"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/kinesis"
	"github.com/aws/aws-sdk-go-v2/service/kinesis/types"
	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"
)

var ctx = context.Background()

// Both ways of building an output: setting the SDK's field, and the public
// API over an in-memory wire. Every behaviour is tested on both.
var paths = []struct {
	name   string
	output func(kinesis.SubscribeToShardEventStreamReader) *kinesis.SubscribeToShardOutput
}{
	{"field", outputWithField},
	{"wire", outputOverWire},
}

func TestTheFieldPathIsAvailable(t *testing.T) {
	if !haveStreamField {
		t.Fatal("this SDK keeps SubscribeToShardOutput's stream elsewhere than eventStream *SubscribeToShardEventStream: NewOutput has fallen back to the slower wire path; update streamField")
	}
}

func sampleEvents() []types.SubscribeToShardEvent {
	arrival := time.Date(2026, 1, 2, 3, 4, 5, 678_000_000, time.UTC)
	return []types.SubscribeToShardEvent{
		{
			ContinuationSequenceNumber: aws.String("49000000000000000000020000000000000000000000000000000001"),
			MillisBehindLatest:         aws.Int64(1500),
			Records: []types.Record{
				{Data: []byte("one"), PartitionKey: aws.String("k1"), SequenceNumber: aws.String("49000000000000000000010000000000000000000000000000000001"), ApproximateArrivalTimestamp: &arrival, EncryptionType: types.EncryptionTypeNone},
				{Data: []byte{0, 1, 2, 255}, PartitionKey: aws.String("k2"), SequenceNumber: aws.String("49000000000000000000020000000000000000000000000000000001"), ApproximateArrivalTimestamp: &arrival, EncryptionType: types.EncryptionTypeNone},
			},
		},
		{ContinuationSequenceNumber: aws.String("49000000000000000000020000000000000000000000000000000001"), MillisBehindLatest: aws.Int64(0), Records: []types.Record{}},
		{
			MillisBehindLatest: aws.Int64(0),
			Records:            []types.Record{},
			ChildShards: []types.ChildShard{{
				ShardId:      aws.String("shardId-000000000001"),
				ParentShards: []string{"shardId-000000000000"},
				HashKeyRange: &types.HashKeyRange{StartingHashKey: aws.String("0"), EndingHashKey: aws.String("340282366920938463463374607431768211455")},
			}},
		},
	}
}

func collect(t *testing.T, stream *kinesis.SubscribeToShardEventStream) []types.SubscribeToShardEvent {
	t.Helper()
	var got []types.SubscribeToShardEvent
	for ev := range stream.Events() {
		e, ok := ev.(*types.SubscribeToShardEventStreamMemberSubscribeToShardEvent)
		if !ok {
			t.Fatalf("unexpected event %T", ev)
		}
		got = append(got, e.Value)
	}
	return got
}

var ignoreUnexported = cmpopts.IgnoreUnexported(types.SubscribeToShardEvent{}, types.Record{}, types.ChildShard{}, types.HashKeyRange{})

func TestEventsArriveInOrderThenTheStreamEndsCleanly(t *testing.T) {
	for _, p := range paths {
		t.Run(p.name, func(t *testing.T) {
			r, w := NewPipe()
			out := p.output(r)
			want := sampleEvents()
			go func() {
				for _, ev := range want {
					if err := w.Send(ctx, ev); err != nil {
						t.Error(err)
					}
				}
				w.End(nil)
			}()
			stream := out.GetStream()
			got := collect(t, stream)
			if diff := cmp.Diff(want, got, ignoreUnexported, cmpopts.EquateEmpty()); diff != "" {
				t.Errorf("events (-sent +received):\n%s", diff)
			}
			if err := stream.Err(); err != nil {
				t.Errorf("Err after a clean end = %v", err)
			}
			if err := stream.Close(); err != nil {
				t.Errorf("Close = %v", err)
			}
		})
	}
}

func TestAnErrorEndsTheStream(t *testing.T) {
	for _, p := range paths {
		t.Run(p.name, func(t *testing.T) {
			r, w := NewPipe()
			out := p.output(r)
			go func() {
				w.Send(ctx, sampleEvents()[1])
				w.End(&types.ResourceInUseException{Message: aws.String("Another subscription took over.")})
			}()
			stream := out.GetStream()
			if got := collect(t, stream); len(got) != 1 {
				t.Fatalf("%d events before the error, want 1", len(got))
			}
			var inUse *types.ResourceInUseException
			if err := stream.Err(); !errors.As(err, &inUse) || inUse.ErrorMessage() != "Another subscription took over." {
				t.Fatalf("Err = %v, want the ResourceInUseException", err)
			}
			stream.Close()
		})
	}
}

func TestClosingTheStreamStopsTheWriter(t *testing.T) {
	for _, p := range paths {
		t.Run(p.name, func(t *testing.T) {
			r, w := NewPipe()
			stream := p.output(r).GetStream()
			var wg sync.WaitGroup
			for range 4 {
				wg.Go(func() { stream.Close() }) // concurrent closes are safe
			}
			wg.Wait()
			<-w.Done()
			if err := w.Send(ctx, sampleEvents()[1]); !errors.Is(err, ErrClosed) {
				t.Errorf("Send after Close = %v, want ErrClosed", err)
			}
			for range stream.Events() {
				t.Error("event after Close")
			}
			if err := stream.Err(); err != nil {
				t.Errorf("Err after Close = %v", err)
			}
		})
	}
}

func TestCloseWhileTheWriterWaits(t *testing.T) {
	for _, p := range paths {
		t.Run(p.name, func(t *testing.T) {
			r, w := NewPipe()
			stream := p.output(r).GetStream()
			sent := make(chan error)
			go func() {
				// Nobody reads: this Send waits until the stream is closed.
				for {
					if err := w.Send(ctx, sampleEvents()[1]); err != nil {
						sent <- err
						return
					}
				}
			}()
			stream.Close()
			if err := <-sent; !errors.Is(err, ErrClosed) {
				t.Errorf("blocked Send returned %v, want ErrClosed", err)
			}
		})
	}
}

func TestReplay(t *testing.T) {
	for _, p := range paths {
		t.Run(p.name, func(t *testing.T) {
			want := sampleEvents()
			stream := p.output(NewReplay(want, &types.InternalFailureException{Message: aws.String("boom")})).GetStream()
			got := collect(t, stream)
			if diff := cmp.Diff(want, got, ignoreUnexported, cmpopts.EquateEmpty()); diff != "" {
				t.Errorf("replayed events (-want +got):\n%s", diff)
			}
			var failure *types.InternalFailureException
			if !errors.As(stream.Err(), &failure) {
				t.Errorf("Err = %v, want InternalFailureException", stream.Err())
			}
			stream.Close()
		})
	}
}

func TestSendHonoursItsContext(t *testing.T) {
	_, w := NewPipe()
	cancelled, cancel := context.WithCancel(ctx)
	cancel()
	if err := w.Send(cancelled, sampleEvents()[1]); !errors.Is(err, context.Canceled) {
		t.Errorf("Send with a cancelled context = %v", err)
	}
	w.End(nil)
	if err := w.Send(ctx, sampleEvents()[1]); !errors.Is(err, ErrClosed) {
		t.Errorf("Send after End = %v, want ErrClosed", err)
	}
}

// A stream that ends with a context's error, as one whose call was
// cancelled does, reports that error on both paths: as it is on the field
// path, and wrapped by the SDK's own reader on the wire path ("decode event:
// context canceled"), as over HTTP.
func TestAContextErrorEndsTheStream(t *testing.T) {
	for _, cause := range []error{context.Canceled, context.DeadlineExceeded} {
		for _, p := range paths {
			t.Run(p.name+"/"+cause.Error(), func(t *testing.T) {
				r, w := NewPipe()
				stream := p.output(r).GetStream()
				defer stream.Close()
				go func() {
					w.Send(ctx, sampleEvents()[1])
					w.End(cause)
				}()
				if got := collect(t, stream); len(got) != 1 {
					t.Fatalf("%d events before the end, want 1", len(got))
				}
				if err := stream.Err(); !errors.Is(err, cause) {
					t.Fatalf("Err = %v, want %v", err, cause)
				}
			})
		}
	}
}
