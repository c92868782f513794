package kinesisfake

import (
	"context"
	"errors"
	"sync"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/kinesis"
	"github.com/aws/aws-sdk-go-v2/service/kinesis/types"
)

// Code waiting on a FakeClock, and tests waiting for that code to block.
// None of these tests sleeps: BlockUntil tells when a goroutine waits.

func TestFakeClockSleepBlockUntilAdvance(t *testing.T) {
	c := NewFakeClock(clockStart)
	woke := make(chan time.Time)
	go func() {
		c.Sleep(time.Minute)
		woke <- c.Now()
	}()
	if err := c.BlockUntil(context.Background(), 1); err != nil {
		t.Fatalf("BlockUntil(1) = %v", err)
	}
	if n := c.Waiters(); n != 1 {
		t.Fatalf("Waiters() with one sleeper = %d, want 1", n)
	}
	c.Advance(time.Minute - time.Nanosecond)
	select {
	case at := <-woke:
		t.Fatalf("Sleep(1m) returned after 1m-1ns, at %v", at)
	default:
	}
	if n := c.Waiters(); n != 1 {
		t.Fatalf("Waiters() before the sleeper is due = %d, want 1", n)
	}
	c.Advance(time.Nanosecond)
	if at, want := <-woke, clockStart.Add(time.Minute); !at.Equal(want) {
		t.Fatalf("sleeper woke reading %v, want %v", at, want)
	}
	if n := c.Waiters(); n != 0 {
		t.Fatalf("Waiters() after the sleeper woke = %d, want 0", n)
	}
}

func TestFakeClockSleepNonPositiveReturnsAtOnce(t *testing.T) {
	c := NewFakeClock(clockStart)
	c.Sleep(0)
	c.Sleep(-time.Hour)
	select {
	case at := <-c.After(0):
		if !at.Equal(clockStart) {
			t.Fatalf("After(0) sent %v, want %v", at, clockStart)
		}
	default:
		t.Fatal("After(0) sent nothing at once")
	}
	if n := c.Waiters(); n != 0 {
		t.Fatalf("Waiters() = %d, want 0", n)
	}
}

func TestFakeClockBlockUntilWakesOnEachKindOfWaiter(t *testing.T) {
	c := NewFakeClock(clockStart)
	done := make(chan error, 1)
	go func() { done <- c.BlockUntil(context.Background(), 4) }()
	c.AfterFunc(time.Second, func() {})
	_ = c.After(time.Second)
	c.NewTimer(time.Second)
	go c.Sleep(time.Second)
	if err := <-done; err != nil {
		t.Fatalf("BlockUntil(4) = %v", err)
	}
	if n := c.Waiters(); n != 4 {
		t.Fatalf("Waiters() = %d, want 4", n)
	}
	c.Advance(time.Second)
	if n := c.Waiters(); n != 0 {
		t.Fatalf("Waiters() after all fired = %d, want 0", n)
	}
}

func TestFakeClockBlockUntilContext(t *testing.T) {
	c := NewFakeClock(clockStart)
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() { done <- c.BlockUntil(ctx, 1) }()
	cancel()
	if err := <-done; !errors.Is(err, context.Canceled) {
		t.Fatalf("BlockUntil with a cancelled context = %v, want context.Canceled", err)
	}

	// A deadline that has passed: the same.
	expired, stop := context.WithDeadline(context.Background(), time.Unix(0, 0))
	defer stop()
	if err := c.BlockUntil(expired, 1); !errors.Is(err, context.DeadlineExceeded) {
		t.Fatalf("BlockUntil past its deadline = %v, want context.DeadlineExceeded", err)
	}

	// Already satisfied: nil, even with the context done.
	if err := c.BlockUntil(ctx, 0); err != nil {
		t.Fatalf("BlockUntil(0) = %v, want nil", err)
	}
	c.AfterFunc(time.Second, func() {})
	if err := c.BlockUntil(ctx, 1); err != nil {
		t.Fatalf("BlockUntil(1) with one timer = %v, want nil", err)
	}
}

// A timer that is added and stopped before BlockUntil looks does not count:
// BlockUntil waits for timers pending together, not for timers ever added.
func TestFakeClockBlockUntilCountsPendingTimers(t *testing.T) {
	c := NewFakeClock(clockStart)
	c.AfterFunc(time.Second, func() {}).Stop()
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if err := c.BlockUntil(ctx, 1); !errors.Is(err, context.Canceled) {
		t.Fatalf("BlockUntil(1) after a timer was stopped = %v, want context.Canceled", err)
	}
}

func TestFakeClockWaitersStopAndFire(t *testing.T) {
	c := NewFakeClock(clockStart)
	a := c.AfterFunc(time.Second, func() {})
	b := c.NewTimer(2 * time.Second)
	c.AfterFunc(3*time.Second, func() {})
	if n := c.Waiters(); n != 3 {
		t.Fatalf("Waiters() = %d, want 3", n)
	}
	if !a.Stop() {
		t.Fatal("Stop of a pending AfterFunc = false")
	}
	if n := c.Waiters(); n != 2 {
		t.Fatalf("Waiters() after stopping an AfterFunc = %d, want 2", n)
	}
	if a.Stop() {
		t.Fatal("second Stop = true")
	}
	if n := c.Waiters(); n != 2 {
		t.Fatalf("Waiters() after a second Stop = %d, want 2", n)
	}
	if !b.Stop() {
		t.Fatal("Stop of a pending NewTimer = false")
	}
	if n := c.Waiters(); n != 1 {
		t.Fatalf("Waiters() after stopping a NewTimer = %d, want 1", n)
	}
	c.Advance(3 * time.Second)
	if n := c.Waiters(); n != 0 {
		t.Fatalf("Waiters() after Advance fired the last = %d, want 0", n)
	}
	select {
	case at := <-b.C:
		t.Fatalf("stopped timer sent %v", at)
	default:
	}
}

func TestFakeTimer(t *testing.T) {
	c := NewFakeClock(clockStart)
	tm := c.NewTimer(time.Minute)
	c.Advance(time.Hour)
	if at, want := <-tm.C, clockStart.Add(time.Minute); !at.Equal(want) {
		t.Fatalf("timer sent %v, want its due time %v", at, want)
	}
	if tm.Stop() {
		t.Fatal("Stop after firing = true")
	}

	// Reset after firing: pending again, counted again.
	if tm.Reset(time.Minute) {
		t.Fatal("Reset of a fired timer = true")
	}
	if n := c.Waiters(); n != 1 {
		t.Fatalf("Waiters() after Reset = %d, want 1", n)
	}
	// Reset while pending moves the due time.
	if !tm.Reset(2 * time.Minute) {
		t.Fatal("Reset of a pending timer = false")
	}
	if n := c.Waiters(); n != 1 {
		t.Fatalf("Waiters() after a second Reset = %d, want 1", n)
	}
	c.Advance(time.Minute)
	select {
	case at := <-tm.C:
		t.Fatalf("timer reset to 2m sent %v after 1m", at)
	default:
	}
	c.Advance(time.Minute)
	if at, want := <-tm.C, clockStart.Add(time.Hour+2*time.Minute); !at.Equal(want) {
		t.Fatalf("reset timer sent %v, want %v", at, want)
	}

	// A value sent but not received is gone after Stop or Reset, as with a
	// time.Timer since Go 1.23.
	tm.Reset(time.Second)
	c.Advance(time.Second)
	if tm.Stop() {
		t.Fatal("Stop after firing = true")
	}
	select {
	case at := <-tm.C:
		t.Fatalf("received %v after Stop", at)
	default:
	}
	tm.Reset(time.Second)
	c.Advance(time.Second)
	tm.Reset(time.Second)
	select {
	case at := <-tm.C:
		t.Fatalf("received %v after Reset", at)
	default:
	}
	c.Advance(time.Second)
	if at, want := <-tm.C, clockStart.Add(time.Hour+2*time.Minute+3*time.Second); !at.Equal(want) {
		t.Fatalf("timer sent %v, want %v", at, want)
	}

	// Reset to zero or less sends at once.
	tm.Reset(0)
	select {
	case <-tm.C:
	default:
		t.Fatal("Reset(0) sent nothing at once")
	}
	if n := c.Waiters(); n != 0 {
		t.Fatalf("Waiters() = %d, want 0", n)
	}
}

// Channel timers fire in time order among callbacks: the value is in the
// channel before any later callback runs.
func TestFakeClockChannelTimersFireInOrder(t *testing.T) {
	c := NewFakeClock(clockStart)
	ch := c.After(2 * time.Second)
	var before, after bool
	c.AfterFunc(time.Second, func() { before = len(ch) == 1 })
	c.AfterFunc(3*time.Second, func() { after = len(ch) == 1 })
	c.Advance(5 * time.Second)
	if before {
		t.Error("After(2s) had sent by the callback at 1s")
	}
	if !after {
		t.Error("After(2s) had not sent by the callback at 3s")
	}
}

// Set backward leaves a sleeper asleep until the clock reaches its due time.
func TestFakeClockSleepAcrossSetBackward(t *testing.T) {
	c := NewFakeClock(clockStart)
	woke := make(chan struct{})
	go func() {
		c.Sleep(time.Minute)
		close(woke)
	}()
	if err := c.BlockUntil(context.Background(), 1); err != nil {
		t.Fatal(err)
	}
	c.Set(clockStart.Add(-time.Hour))
	c.Advance(time.Hour + time.Minute - time.Nanosecond)
	select {
	case <-woke:
		t.Fatal("sleeper woke before its due time")
	default:
	}
	c.Advance(time.Nanosecond)
	<-woke
}

// The fake's own timers count: a call waiting out a fault's latency is one.
func TestFakeClockBlockUntilFaultLatency(t *testing.T) {
	c, clock := newFake(t)
	createStream(t, c, "s", 1)
	c.InjectFault(Fault{Operation: "DescribeStreamSummary", Latency: 2 * time.Second})
	before := clock.Waiters()
	done := make(chan error, 1)
	go func() {
		_, err := c.DescribeStreamSummary(ctx, &kinesis.DescribeStreamSummaryInput{StreamName: aws.String("s")})
		done <- err
	}()
	if err := clock.BlockUntil(ctx, before+1); err != nil {
		t.Fatal(err)
	}
	clock.Advance(2 * time.Second)
	if err := <-done; err != nil {
		t.Fatal(err)
	}
	if n := clock.Waiters(); n != before {
		t.Fatalf("Waiters() after the call = %d, want %d", n, before)
	}
}

// Many goroutines sleep, stop and reset timers, and wait for each other on
// one clock; run with -race.
func TestFakeClockWaitersConcurrent(t *testing.T) {
	c := NewFakeClock(clockStart)
	const sleepers = 16
	var wg sync.WaitGroup
	for i := range sleepers {
		wg.Go(func() { c.Sleep(time.Duration(i+1) * time.Second) })
	}
	// Timers that come and go while the sleepers settle.
	var churn sync.WaitGroup
	for range 4 {
		churn.Go(func() {
			for j := range 100 {
				tm := c.NewTimer(time.Duration(j) * time.Millisecond)
				if j%2 == 0 {
					tm.Reset(time.Hour)
				}
				tm.Stop()
				c.AfterFunc(time.Millisecond, func() {}).Stop()
				_ = c.Waiters()
			}
		})
	}
	churn.Wait()
	if err := c.BlockUntil(context.Background(), sleepers); err != nil {
		t.Fatal(err)
	}
	if n := c.Waiters(); n != sleepers {
		t.Fatalf("Waiters() = %d, want %d", n, sleepers)
	}
	var advancing sync.WaitGroup
	for range sleepers {
		advancing.Go(func() { c.Advance(time.Second) })
	}
	advancing.Wait()
	wg.Wait()
	if n := c.Waiters(); n != 0 {
		t.Fatalf("Waiters() after every sleeper woke = %d, want 0", n)
	}
}

// As FakeClock.Waiters documents: a live subscription holds two timers, and
// a stream's or consumer's transitions hold none.
func TestFakeClockWaitersOfTheFake(t *testing.T) {
	c, clock := newFake(t, WithDelays(Delays{CreateStream: time.Minute, RegisterConsumer: time.Minute}))
	createStream(t, c, "s", 1)
	if n := clock.Waiters(); n != 0 {
		t.Fatalf("Waiters() with a stream CREATING = %d, want 0", n)
	}
	clock.Advance(time.Minute)
	consumerARN := register(t, c, "s", "app")
	if n := clock.Waiters(); n != 0 {
		t.Fatalf("Waiters() with a consumer CREATING = %d, want 0", n)
	}
	clock.Advance(time.Minute)
	stream := subscribe(t, c, consumerARN, "shardId-000000000000", types.StartingPosition{Type: types.ShardIteratorTypeLatest})
	defer stream.Close()
	if n := clock.Waiters(); n != 2 {
		t.Fatalf("Waiters() with a live subscription = %d, want 2", n)
	}
	clock.Advance(5 * time.Minute) // the subscription ends
	if n := clock.Waiters(); n != 0 {
		t.Fatalf("Waiters() after the subscription ended = %d, want 0", n)
	}
}
