package kinesisfake_test

import (
	"context"
	"fmt"
	"time"

	"github.com/streamfake/kinesis/kinesisfake"
)

// Code under test that waits takes a clock; its test passes a FakeClock and
// waits until the code is blocked on it before moving it.
func ExampleFakeClock_BlockUntil() {
	// In the application: a back-off that sleeps on the clock it is given.
	// Production passes a clock whose Sleep is time.Sleep.
	type sleeper interface{ Sleep(time.Duration) }
	backOff := func(clock sleeper, attempt int) {
		clock.Sleep(time.Second << attempt)
	}

	// In its test.
	clock := kinesisfake.NewFakeClock(start)
	done := make(chan struct{})
	go func() {
		defer close(done)
		backOff(clock, 3) // 8 seconds
		fmt.Println("retrying at", clock.Now().Format(time.TimeOnly))
	}()
	// Without this, the Advance could come before the Sleep, which would
	// then wait 8 seconds more.
	if err := clock.BlockUntil(context.Background(), 1); err != nil {
		panic(err)
	}
	fmt.Println("waiters:", clock.Waiters())
	clock.Advance(8 * time.Second)
	<-done
	fmt.Println("waiters:", clock.Waiters())
	// Output:
	// waiters: 1
	// retrying at 00:00:08
	// waiters: 0
}
