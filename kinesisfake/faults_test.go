package kinesisfake

import (
	"context"
	"errors"
	"fmt"
	"math"
	"strings"
	"testing"
	"testing/synctest"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/kinesis"
	"github.com/aws/aws-sdk-go-v2/service/kinesis/types"
	"github.com/aws/smithy-go"
	"github.com/google/go-cmp/cmp"

	"github.com/streamfake/kinesis/eventstream"
	"github.com/streamfake/kinesis/internal/recorded"
)

func TestInjectFaultTimes(t *testing.T) {
	inModes(t, nil, func(t *testing.T, c *Client, k API, clock *FakeClock) {
		createStream(t, k, "s", 1)
		c.InjectFault(Fault{Operation: "PutRecord", Times: 2,
			Err: &types.ProvisionedThroughputExceededException{Message: aws.String(recorded.ShardThrottled("shardId-000000000000", "s", "123456789012"))}})
		for range 2 {
			_, err := k.PutRecord(ctx, &kinesis.PutRecordInput{StreamName: aws.String("s"), PartitionKey: aws.String("k"), Data: []byte("d")})
			wantAPIError(t, err, "PutRecord", "ProvisionedThroughputExceededException", recorded.ShardThrottled("shardId-000000000000", "s", "123456789012"))
		}
		put(t, k, "s", "k", "stored") // the third call goes through
		if got := readShard(t, k, "s", "shardId-000000000000"); !cmp.Equal(got, []string{"stored"}) {
			t.Errorf("records %q, want only the one put after the fault", got)
		}
	})
}

func TestInjectFaultMatchesStreamShardAndInput(t *testing.T) {
	c, _ := newFake(t)
	createStream(t, c, "a", 2)
	createStream(t, c, "b", 1)
	boom := errors.New("boom")
	remove := c.InjectFault(Fault{Stream: "a", Shard: "shardId-000000000001", Err: boom})
	c.InjectFault(Fault{Operation: "PutRecord", Match: func(in any) bool { return *in.(*kinesis.PutRecordInput).PartitionKey == "bad" }, Err: boom})

	calls := []struct {
		name string
		call func() error
		fail bool
	}{
		{"other shard of a", func() error {
			_, err := c.GetShardIterator(ctx, &kinesis.GetShardIteratorInput{StreamName: aws.String("a"), ShardId: aws.String("shardId-000000000000"), ShardIteratorType: types.ShardIteratorTypeLatest})
			return err
		}, false},
		{"shard 1 of a by name", func() error {
			_, err := c.GetShardIterator(ctx, &kinesis.GetShardIteratorInput{StreamName: aws.String("a"), ShardId: aws.String("shardId-000000000001"), ShardIteratorType: types.ShardIteratorTypeLatest})
			return err
		}, true},
		{"shard 1 of a by ARN", func() error {
			_, err := c.GetShardIterator(ctx, &kinesis.GetShardIteratorInput{StreamARN: aws.String("arn:aws:kinesis:us-east-1:123456789012:stream/a"), ShardId: aws.String("shardId-000000000001"), ShardIteratorType: types.ShardIteratorTypeLatest})
			return err
		}, true},
		{"shard 1 of b", func() error {
			_, err := c.SplitShard(ctx, &kinesis.SplitShardInput{StreamName: aws.String("b"), ShardToSplit: aws.String("shardId-000000000001"), NewStartingHashKey: aws.String("1")})
			return err
		}, false},
		{"key bad", func() error {
			_, err := c.PutRecord(ctx, &kinesis.PutRecordInput{StreamName: aws.String("b"), PartitionKey: aws.String("bad"), Data: []byte("d")})
			return err
		}, true},
		{"key good", func() error {
			_, err := c.PutRecord(ctx, &kinesis.PutRecordInput{StreamName: aws.String("b"), PartitionKey: aws.String("good"), Data: []byte("d")})
			return err
		}, false},
	}
	for _, tc := range calls {
		if err := tc.call(); errors.Is(err, boom) != tc.fail {
			t.Errorf("%s: error %v, want the fault: %v", tc.name, err, tc.fail)
		}
	}
	remove()
	if err := calls[1].call(); err != nil {
		t.Errorf("after remove: %v", err)
	}
}

func TestFaultLatencyOnTheClock(t *testing.T) {
	// synctest.Wait tells when the call is blocked waiting on the clock.
	synctest.Test(t, func(t *testing.T) {
		c, clock := newFake(t)
		createStream(t, c, "s", 1)
		c.InjectFault(Fault{Operation: "DescribeStreamSummary", Latency: 2 * time.Second})
		done := make(chan error, 1)
		go func() {
			_, err := c.DescribeStreamSummary(ctx, &kinesis.DescribeStreamSummaryInput{StreamName: aws.String("s")})
			done <- err
		}()
		synctest.Wait()
		clock.Advance(time.Second)
		synctest.Wait()
		select {
		case err := <-done:
			t.Fatalf("call returned after 1 s of 2 s latency: %v", err)
		default:
		}
		clock.Advance(time.Second)
		if err := <-done; err != nil {
			t.Fatal(err)
		}

		// The call's context ends the wait.
		cctx, cancel := context.WithCancel(ctx)
		go func() {
			_, err := c.DescribeStreamSummary(cctx, &kinesis.DescribeStreamSummaryInput{StreamName: aws.String("s")})
			done <- err
		}()
		synctest.Wait()
		cancel()
		if err := <-done; !errors.Is(err, context.Canceled) {
			t.Fatalf("error %v, want context.Canceled", err)
		}
	})
}

func TestFaultRatioIsSeeded(t *testing.T) {
	failures := func(seed uint64) []int {
		c, _ := newFake(t, WithSeed(seed))
		createStream(t, c, "s", 1)
		c.InjectFault(Fault{Operation: "DescribeStreamSummary", Ratio: 0.3, Err: errors.New("x")})
		var failed []int
		for i := range 100 {
			if _, err := c.DescribeStreamSummary(ctx, &kinesis.DescribeStreamSummaryInput{StreamName: aws.String("s")}); err != nil {
				failed = append(failed, i)
			}
		}
		return failed
	}
	a, b, other := failures(7), failures(7), failures(8)
	if !cmp.Equal(a, b) {
		t.Errorf("seed 7 failed calls %v, then %v", a, b)
	}
	if cmp.Equal(a, other) {
		t.Errorf("seeds 7 and 8 failed the same calls %v", a)
	}
	if len(a) < 15 || len(a) > 45 {
		t.Errorf("%d of 100 calls failed at ratio 0.3", len(a))
	}
}

func TestHookObservesAndReplaces(t *testing.T) {
	inModes(t, nil, func(t *testing.T, c *Client, k API, clock *FakeClock) {
		createStream(t, k, "s", 1)
		var seen []string
		c.AddHook(func(ctx context.Context, call Call) (any, error, bool) {
			seen = append(seen, call.Operation+" "+call.Stream+" "+call.Shard)
			return nil, nil, false
		})
		remove := c.AddHook(func(ctx context.Context, call Call) (any, error, bool) {
			if call.Operation != "DescribeStreamSummary" {
				return nil, nil, false
			}
			// A hook may call the fake: it runs without the lock, and
			// its calls bypass the hooks.
			out, err := c.DescribeStreamSummary(ctx, call.Input.(*kinesis.DescribeStreamSummaryInput))
			if err != nil {
				return nil, err, true
			}
			out.StreamDescriptionSummary.OpenShardCount = aws.Int32(99)
			return out, nil, true
		})
		out, err := k.DescribeStreamSummary(ctx, &kinesis.DescribeStreamSummaryInput{StreamName: aws.String("s")})
		if err != nil {
			t.Fatal(err)
		}
		if got := *out.StreamDescriptionSummary.OpenShardCount; got != 99 {
			t.Errorf("OpenShardCount %d, want the hook's 99", got)
		}
		remove()
		put(t, k, "s", "k", "d")
		// The hook's own call bypassed the hooks.
		want := []string{"DescribeStreamSummary s ", "PutRecord s "}
		if !cmp.Equal(seen, want) {
			t.Errorf("hook saw %q, want %q", seen, want)
		}
	})
}

func TestHookWrongOutputType(t *testing.T) {
	c, _ := newFake(t)
	c.AddHook(func(context.Context, Call) (any, error, bool) { return &kinesis.PutRecordOutput{}, nil, true })
	_, err := c.ListStreams(ctx, nil)
	if err == nil || err.Error() != "operation error Kinesis: ListStreams, kinesisfake: a hook returned *kinesis.PutRecordOutput for ListStreams, which returns *kinesis.ListStreamsOutput" {
		t.Fatalf("error %v", err)
	}
}

func TestPutRecordsPartialFailure(t *testing.T) {
	inModes(t, nil, func(t *testing.T, c *Client, k API, clock *FakeClock) {
		createStream(t, k, "s", 1)
		c.FailPutRecords(PutRecordsFault{Stream: "s", Times: 1, Fail: func(i int, _ types.PutRecordsRequestEntry) bool { return i == 1 }})
		c.FailPutRecords(PutRecordsFault{Times: 1, ErrorCode: "InternalFailure", Fail: func(i int, _ types.PutRecordsRequestEntry) bool { return i == 3 }})
		entries := make([]types.PutRecordsRequestEntry, 5)
		for i := range entries {
			entries[i] = types.PutRecordsRequestEntry{PartitionKey: aws.String("k"), Data: fmt.Appendf(nil, "d%d", i)}
		}
		out, err := k.PutRecords(ctx, &kinesis.PutRecordsInput{StreamName: aws.String("s"), Records: entries})
		if err != nil {
			t.Fatal(err)
		}
		if *out.FailedRecordCount != 2 {
			t.Errorf("FailedRecordCount %d, want 2", *out.FailedRecordCount)
		}
		for i, r := range out.Records {
			switch i {
			case 1:
				if aws.ToString(r.ErrorCode) != "ProvisionedThroughputExceededException" || aws.ToString(r.ErrorMessage) != recorded.ShardThrottled("shardId-000000000000", "s", "123456789012") || r.SequenceNumber != nil {
					t.Errorf("entry 1: %+v", r)
				}
			case 3:
				if aws.ToString(r.ErrorCode) != "InternalFailure" || aws.ToString(r.ErrorMessage) != "Internal service failure." || r.ShardId != nil {
					t.Errorf("entry 3: %+v", r)
				}
			default:
				if r.ErrorCode != nil || r.SequenceNumber == nil || aws.ToString(r.ShardId) != "shardId-000000000000" {
					t.Errorf("entry %d: %+v", i, r)
				}
			}
		}
		if got := readShard(t, k, "s", "shardId-000000000000"); !cmp.Equal(got, []string{"d0", "d2", "d4"}) {
			t.Errorf("stored %q", got)
		}
		// Both faults were for one call only.
		out, err = k.PutRecords(ctx, &kinesis.PutRecordsInput{StreamName: aws.String("s"), Records: entries})
		if err != nil || *out.FailedRecordCount != 0 {
			t.Fatalf("second call: %v, %+v", err, out)
		}
	})
}

func TestPutRecordsFailureRatioIsSeeded(t *testing.T) {
	failed := func(seed uint64) []int {
		c, _ := newFake(t, WithSeed(seed))
		createStream(t, c, "s", 1)
		c.FailPutRecords(PutRecordsFault{Ratio: 0.5})
		entries := make([]types.PutRecordsRequestEntry, 100)
		for i := range entries {
			entries[i] = types.PutRecordsRequestEntry{PartitionKey: aws.String("k"), Data: []byte("d")}
		}
		out, err := c.PutRecords(ctx, &kinesis.PutRecordsInput{StreamName: aws.String("s"), Records: entries})
		if err != nil {
			t.Fatal(err)
		}
		var idx []int
		for i, r := range out.Records {
			if r.ErrorCode != nil {
				idx = append(idx, i)
			}
		}
		if int(*out.FailedRecordCount) != len(idx) {
			t.Errorf("FailedRecordCount %d, %d entries failed", *out.FailedRecordCount, len(idx))
		}
		return idx
	}
	a := failed(1)
	if !cmp.Equal(a, failed(1)) || cmp.Equal(a, failed(2)) || len(a) < 30 || len(a) > 70 {
		t.Errorf("seed 1 failed %v", a)
	}
}

func TestEndSubscriptionsWithError(t *testing.T) {
	for _, want := range []error{
		&types.InternalFailureException{Message: aws.String("Internal service failure.")},
		&types.ResourceInUseException{Message: aws.String("Another active subscription exists for this consumer.")},
		&types.KMSThrottlingException{Message: aws.String("Rate exceeded.")},
	} {
		inModes(t, nil, func(t *testing.T, c *Client, k API, clock *FakeClock) {
			createStream(t, k, "s", 2)
			consumer := register(t, k, "s", "app")
			s0 := subscribe(t, k, consumer, "shardId-000000000000", types.StartingPosition{Type: types.ShardIteratorTypeLatest})
			defer s0.Close()
			s1 := subscribe(t, k, consumer, "shardId-000000000001", types.StartingPosition{Type: types.ShardIteratorTypeLatest})
			defer s1.Close()
			if n := c.EndSubscriptions(consumer, "shardId-000000000000", want); n != 1 {
				t.Fatalf("ended %d subscriptions, want 1", n)
			}
			if _, ok := nextEvent(t, s0); ok {
				t.Fatal("an event after the end")
			}
			var apiErr interface{ ErrorCode() string }
			if !errors.As(s0.Err(), &apiErr) || apiErr.ErrorCode() != want.(interface{ ErrorCode() string }).ErrorCode() {
				t.Fatalf("Err %v (%T), want %v", s0.Err(), s0.Err(), want)
			}
			wantAPIError(t, wrapForCheck("SubscribeToShard", s0.Err()), "SubscribeToShard", apiErr.ErrorCode(), errorMessage(want))
			// The other shard's subscription lives on.
			put(t, k, "s", "k", "d")
			putN(t, k, "s", 20)
			if _, ok := nextEvent(t, s1); !ok {
				t.Fatalf("shard 1's subscription ended: %v", s1.Err())
			}
		})
	}
}

// panickyError's methods panic, as a careless caller's might.
type panickyError struct{}

func (panickyError) Error() string { panic("Error is broken") }

// An error whose Error panics ends the subscription with an
// InternalFailureException saying so, in every mode, the wire's included:
// the event stream stays whole.
func TestEndSubscriptionsWithPanickingError(t *testing.T) {
	inModes(t, nil, func(t *testing.T, c *Client, k API, clock *FakeClock) {
		createStream(t, k, "s", 1)
		consumer := register(t, k, "s", "app")
		s0 := subscribe(t, k, consumer, "shardId-000000000000", types.StartingPosition{Type: types.ShardIteratorTypeLatest})
		defer s0.Close()
		if n := c.EndSubscriptions(consumer, "", panickyError{}); n != 1 {
			t.Fatalf("ended %d subscriptions, want 1", n)
		}
		if _, ok := nextEvent(t, s0); ok {
			t.Fatal("an event after the end")
		}
		wantAPIError(t, wrapForCheck("SubscribeToShard", s0.Err()), "SubscribeToShard", "InternalFailureException",
			"kinesisfake: the error given to EndSubscriptions panicked: Error is broken")
	})
}

func TestEndSubscriptionsAsExpiry(t *testing.T) {
	inModes(t, nil, func(t *testing.T, c *Client, k API, clock *FakeClock) {
		createStream(t, k, "s", 1)
		consumer := register(t, k, "s", "app")
		pos := types.StartingPosition{Type: types.ShardIteratorTypeLatest}
		stream := subscribe(t, k, consumer, "shardId-000000000000", pos)
		if n := c.EndSubscriptions(consumer, "", nil); n != 1 {
			t.Fatalf("ended %d, want 1", n)
		}
		if _, ok := nextEvent(t, stream); ok || stream.Err() != nil {
			t.Fatalf("stream did not end cleanly: %v", stream.Err())
		}
		stream.Close()
		// As after 5 minutes, the consumer subscribes again at once.
		again := subscribe(t, k, consumer, "shardId-000000000000", pos)
		again.Close()
		if n := c.EndSubscriptions("arn:aws:kinesis:us-east-1:123456789012:stream/s/consumer/none:1", "", nil); n != 0 {
			t.Errorf("ended %d subscriptions of an unknown consumer", n)
		}
	})
}

func TestExpireIterators(t *testing.T) {
	inModes(t, nil, func(t *testing.T, c *Client, k API, clock *FakeClock) {
		createStream(t, k, "s", 1)
		old := iterator(t, k, &kinesis.GetShardIteratorInput{StreamName: aws.String("s"), ShardId: aws.String("shardId-000000000000"), ShardIteratorType: types.ShardIteratorTypeTrimHorizon})
		c.ExpireIterators()
		fresh := iterator(t, k, &kinesis.GetShardIteratorInput{StreamName: aws.String("s"), ShardId: aws.String("shardId-000000000000"), ShardIteratorType: types.ShardIteratorTypeTrimHorizon})
		_, err := k.GetRecords(ctx, &kinesis.GetRecordsInput{ShardIterator: old})
		wantAPIError(t, err, "GetRecords", "ExpiredIteratorException", "")
		if _, err := k.GetRecords(ctx, &kinesis.GetRecordsInput{ShardIterator: fresh}); err != nil {
			t.Fatalf("an iterator issued after ExpireIterators: %v", err)
		}
	})
}

// A hook can answer SubscribeToShard with a stream of its own making.
func TestHookAnswersSubscribeToShard(t *testing.T) {
	c, _ := newFake(t)
	createStream(t, c, "s", 1)
	consumer := register(t, c, "s", "app")
	c.AddHook(func(ctx context.Context, call Call) (any, error, bool) {
		if call.Operation != "SubscribeToShard" {
			return nil, nil, false
		}
		events := []types.SubscribeToShardEvent{{Records: []types.Record{{Data: []byte("scripted")}}}}
		return eventstream.NewOutput(eventstream.NewReplay(events, &types.InternalFailureException{Message: aws.String("scripted end")})), nil, true
	})
	stream := subscribe(t, c, consumer, "shardId-000000000000", types.StartingPosition{Type: types.ShardIteratorTypeLatest})
	defer stream.Close()
	ev, ok := nextEvent(t, stream)
	if !ok || string(ev.Records[0].Data) != "scripted" {
		t.Fatalf("event %+v, %v", ev, ok)
	}
	if _, ok := nextEvent(t, stream); ok {
		t.Fatal("more events than scripted")
	}
	var failure *types.InternalFailureException
	if !errors.As(stream.Err(), &failure) {
		t.Fatalf("Err %v, want the scripted InternalFailureException", stream.Err())
	}
}

// A user callback that panics (a hook, a Fault's Match, a PutRecordsFault's
// Fail, which runs under the fake's lock) leaves the fake usable: direct
// calls get the panic with its message, calls over the wire an
// InternalFailure, and later calls and Close work. (Before, a panicking Fail
// left the lock held, so every later call and Close blocked forever.)
func TestPanickingCallbacksLeaveTheFakeUsable(t *testing.T) {
	callbacks := map[string]func(c *Client) (remove func()){
		"hook": func(c *Client) func() {
			return c.AddHook(func(context.Context, Call) (any, error, bool) { panic("boom") })
		},
		"Fault.Match": func(c *Client) func() {
			return c.InjectFault(Fault{Match: func(any) bool { panic("boom") }})
		},
		"PutRecordsFault.Fail": func(c *Client) func() {
			return c.FailPutRecords(PutRecordsFault{Fail: func(int, types.PutRecordsRequestEntry) bool { panic("boom") }})
		},
	}
	for name, install := range callbacks {
		t.Run(name, func(t *testing.T) {
			inModes(t, nil, func(t *testing.T, c *Client, k API, clock *FakeClock) {
				createStream(t, k, "s", 1)
				remove := install(c)
				putRecords := func() (err error) {
					_, err = k.PutRecords(ctx, &kinesis.PutRecordsInput{StreamName: aws.String("s"), Records: []types.PutRecordsRequestEntry{{PartitionKey: aws.String("k"), Data: []byte("d")}}})
					return err
				}
				panicked := func() (p any) {
					defer func() { p = recover() }()
					err := putRecords()
					if k == API(c) {
						t.Errorf("direct call returned %v, want the callback's panic", err)
					} else {
						var apiErr smithy.APIError
						if !errors.As(err, &apiErr) || apiErr.ErrorCode() != "InternalFailure" || !strings.Contains(apiErr.ErrorMessage(), "boom") {
							t.Errorf("over the wire: %v, want an InternalFailure naming the panic", err)
						}
					}
					return nil
				}()
				switch {
				case k == API(c) && fmt.Sprint(panicked) != "boom":
					t.Errorf("panic %v, want boom", panicked)
				case k != API(c) && panicked != nil:
					t.Errorf("over the wire, the call panicked: %v", panicked)
				}
				if !c.mu.TryLock() {
					t.Fatal("the fake's lock is still held after the panic")
				}
				c.mu.Unlock()
				remove()
				if err := putRecords(); err != nil {
					t.Fatalf("a call after the panic: %v", err)
				}
				if got := readShard(t, k, "s", "shardId-000000000000"); !cmp.Equal(got, []string{"d"}) {
					t.Errorf("records %q, want the one put after the panic", got)
				}
			})
		})
	}
}

// A hook that panics while SubscribeToShard is served over the wire, where
// the handler runs on a goroutine of its own, answers the call with an
// InternalFailure. (Before, the panic killed the process.)
func TestPanickingHookOnSubscribeToShardOverTheWire(t *testing.T) {
	c, _ := newFake(t)
	k := c.SDKClient()
	createStream(t, k, "s", 1)
	consumer := register(t, k, "s", "app")
	c.AddHook(func(_ context.Context, call Call) (any, error, bool) {
		if call.Operation == "SubscribeToShard" {
			panic("boom")
		}
		return nil, nil, false
	})
	_, err := k.SubscribeToShard(ctx, &kinesis.SubscribeToShardInput{ConsumerARN: &consumer, ShardId: aws.String("shardId-000000000000"), StartingPosition: &types.StartingPosition{Type: types.ShardIteratorTypeLatest}})
	var apiErr smithy.APIError
	if !errors.As(err, &apiErr) || apiErr.ErrorCode() != "InternalFailure" || !strings.Contains(apiErr.ErrorMessage(), "boom") {
		t.Fatalf("SubscribeToShard: %v, want an InternalFailure naming the panic", err)
	}
}

// A hook that answers with a typed nil error gets an error that says so,
// not a nil pointer for the caller to trip over.
func TestHookReturningATypedNilError(t *testing.T) {
	inModes(t, nil, func(t *testing.T, c *Client, k API, clock *FakeClock) {
		c.AddHook(func(context.Context, Call) (any, error, bool) {
			return nil, (*types.InternalFailureException)(nil), true
		})
		_, err := k.ListStreams(ctx, nil)
		if err == nil || !strings.Contains(err.Error(), "kinesisfake: a hook for ListStreams returned a nil *types.InternalFailureException as its error") ||
			k != API(c) && !strings.Contains(err.Error(), "StatusCode: 500") {
			t.Fatalf("error %v", err)
		}
	})
}

// Faults that cannot mean anything are refused where they are registered,
// with a message that says what is wrong. (Before, a typed nil Err crashed
// the process later, on the goroutine serving a subscription, and a NaN or
// negative Ratio or a negative Times was silently taken as "always".)
func TestInvalidFaultsAreRefusedAtRegistration(t *testing.T) {
	c, _ := newFake(t)
	createStream(t, c, "s", 1)
	consumer := register(t, c, "s", "app")
	tests := []struct {
		name     string
		register func()
		want     string
	}{
		{"typed nil Err", func() { c.InjectFault(Fault{Err: (*types.InternalFailureException)(nil)}) },
			"kinesisfake: Fault.Err is a nil *types.InternalFailureException; use an untyped nil for no error"},
		{"NaN Ratio", func() { c.InjectFault(Fault{Ratio: math.NaN()}) }, "kinesisfake: Fault.Ratio is NaN, want a number from 0 to 1"},
		{"negative Ratio", func() { c.InjectFault(Fault{Ratio: -0.5}) }, "kinesisfake: Fault.Ratio is -0.5, want a number from 0 to 1"},
		{"Ratio above 1", func() { c.InjectFault(Fault{Ratio: 1.5}) }, "kinesisfake: Fault.Ratio is 1.5, want a number from 0 to 1"},
		{"negative Times", func() { c.InjectFault(Fault{Times: -1}) }, "kinesisfake: Fault.Times is -1, want 0 (until removed) or more"},
		{"negative Latency", func() { c.InjectFault(Fault{Latency: -time.Second}) }, "kinesisfake: Fault.Latency is -1s, want 0 or more"},
		{"PutRecordsFault NaN Ratio", func() { c.FailPutRecords(PutRecordsFault{Ratio: math.NaN()}) }, "kinesisfake: PutRecordsFault.Ratio is NaN, want a number from 0 to 1"},
		{"PutRecordsFault negative Times", func() { c.FailPutRecords(PutRecordsFault{Times: -3}) }, "kinesisfake: PutRecordsFault.Times is -3, want 0 (until removed) or more"},
		{"PutRecordsFault unknown code", func() { c.FailPutRecords(PutRecordsFault{ErrorCode: "Boom"}) },
			`kinesisfake: PutRecordsFault.ErrorCode is "Boom", want "ProvisionedThroughputExceededException" or "InternalFailure"`},
		{"QueueEntriesFault unknown operation", func() { c.FailQueueEntries(QueueEntriesFault{Operation: "PutRecords"}) },
			`kinesisfake: QueueEntriesFault.Operation is "PutRecords", want one of the batch operations on a queue's records, such as "AcknowledgeQueueRecords"`},
		{"QueueEntriesFault NaN Ratio", func() { c.FailQueueEntries(QueueEntriesFault{Ratio: math.NaN()}) }, "kinesisfake: QueueEntriesFault.Ratio is NaN, want a number from 0 to 1"},
		{"QueueEntriesFault negative Times", func() { c.FailQueueEntries(QueueEntriesFault{Times: -1}) }, "kinesisfake: QueueEntriesFault.Times is -1, want 0 (until removed) or more"},
		{"QueueEntriesFault unknown code", func() { c.FailQueueEntries(QueueEntriesFault{ErrorCode: "InternalFailure"}) },
			`kinesisfake: QueueEntriesFault.ErrorCode is "InternalFailure", want one of "ThrottlingException", "InternalFailureException", "ResourceNotFoundException" or "InvalidArgumentException"`},
		{"EndSubscriptions typed nil", func() { c.EndSubscriptions(consumer, "", (*types.InternalFailureException)(nil)) },
			"kinesisfake: EndSubscriptions with a nil *types.InternalFailureException; use an untyped nil for a clean end"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			defer func() {
				if got := fmt.Sprint(recover()); got != tt.want {
					t.Errorf("panic %q\nwant      %q", got, tt.want)
				}
			}()
			tt.register()
		})
	}
	// Nothing was registered: calls go through.
	put(t, c, "s", "k", "d")
}
