package kinesisfake

import (
	"sync"
	"sync/atomic"
	"testing"
	"testing/synctest"
	"time"
)

var clockStart = time.Date(2024, time.March, 1, 12, 0, 0, 0, time.UTC)

func TestFakeClockNowAdvanceSet(t *testing.T) {
	c := NewFakeClock(clockStart)
	if got := c.Now(); !got.Equal(clockStart) {
		t.Fatalf("Now() = %v, want %v", got, clockStart)
	}
	c.Advance(90 * time.Second)
	if got, want := c.Now(), clockStart.Add(90*time.Second); !got.Equal(want) {
		t.Fatalf("after Advance(90s): Now() = %v, want %v", got, want)
	}
	c.Advance(0)
	if got, want := c.Now(), clockStart.Add(90*time.Second); !got.Equal(want) {
		t.Fatalf("after Advance(0): Now() = %v, want %v", got, want)
	}
	later := clockStart.Add(48 * time.Hour)
	c.Set(later)
	if got := c.Now(); !got.Equal(later) {
		t.Fatalf("after Set forward: Now() = %v, want %v", got, later)
	}
	earlier := clockStart.Add(-time.Hour)
	c.Set(earlier)
	if got := c.Now(); !got.Equal(earlier) {
		t.Fatalf("after Set backward: Now() = %v, want %v", got, earlier)
	}
}

func TestFakeClockAdvanceNegativePanics(t *testing.T) {
	c := NewFakeClock(clockStart)
	defer func() {
		if recover() == nil {
			t.Fatal("Advance(-1ns) did not panic")
		}
		if got := c.Now(); !got.Equal(clockStart) {
			t.Fatalf("Now() after panicking Advance = %v, want %v", got, clockStart)
		}
	}()
	c.Advance(-time.Nanosecond)
}

// firing records, for each callback, its name and what Now() read inside it.
type firing struct {
	name string
	at   time.Time
}

type firings struct {
	mu  sync.Mutex
	got []firing
}

func (f *firings) fn(c *FakeClock, name string) func() {
	return func() {
		f.mu.Lock()
		defer f.mu.Unlock()
		f.got = append(f.got, firing{name, c.Now()})
	}
}

func (f *firings) check(t *testing.T, want []firing) {
	t.Helper()
	f.mu.Lock()
	defer f.mu.Unlock()
	if len(f.got) != len(want) {
		t.Fatalf("fired %v, want %v", f.got, want)
	}
	for i := range want {
		if f.got[i].name != want[i].name || !f.got[i].at.Equal(want[i].at) {
			t.Fatalf("fired %v, want %v", f.got, want)
		}
	}
}

func TestFakeClockTimersFireInOrder(t *testing.T) {
	c := NewFakeClock(clockStart)
	var f firings
	// Created out of due-time order; ties resolve by creation order.
	c.AfterFunc(3*time.Second, f.fn(c, "c3"))
	c.AfterFunc(1*time.Second, f.fn(c, "a1"))
	c.AfterFunc(2*time.Second, f.fn(c, "b2-first"))
	c.AfterFunc(2*time.Second, f.fn(c, "b2-second"))
	c.AfterFunc(2*time.Second, f.fn(c, "b2-third"))
	c.AfterFunc(10*time.Second, f.fn(c, "late"))

	c.Advance(5 * time.Second) // Advance returns only after the callbacks ran.
	at := func(s int) time.Time { return clockStart.Add(time.Duration(s) * time.Second) }
	f.check(t, []firing{
		{"a1", at(1)},
		{"b2-first", at(2)},
		{"b2-second", at(2)},
		{"b2-third", at(2)},
		{"c3", at(3)},
	})
	if got := c.Now(); !got.Equal(at(5)) {
		t.Fatalf("Now() after Advance = %v, want %v", got, at(5))
	}

	// A timer due exactly at the target fires.
	c.Advance(5 * time.Second)
	f.check(t, []firing{
		{"a1", at(1)},
		{"b2-first", at(2)},
		{"b2-second", at(2)},
		{"b2-third", at(2)},
		{"c3", at(3)},
		{"late", at(10)},
	})
}

func TestFakeClockSetForwardFiresTimers(t *testing.T) {
	c := NewFakeClock(clockStart)
	var f firings
	c.AfterFunc(time.Minute, f.fn(c, "m1"))
	c.AfterFunc(time.Hour, f.fn(c, "h1"))
	c.Set(clockStart.Add(30 * time.Minute))
	f.check(t, []firing{{"m1", clockStart.Add(time.Minute)}})
	if got, want := c.Now(), clockStart.Add(30*time.Minute); !got.Equal(want) {
		t.Fatalf("Now() = %v, want %v", got, want)
	}
}

func TestFakeClockTimerScheduledInCallback(t *testing.T) {
	c := NewFakeClock(clockStart)
	var f firings
	c.AfterFunc(time.Second, func() {
		f.fn(c, "outer")()
		// Due within the window (at 1s+2s=3s): fires in this same Advance.
		c.AfterFunc(2*time.Second, func() {
			f.fn(c, "inner")()
			// Due at once: fires in this same Advance too.
			c.AfterFunc(0, f.fn(c, "innermost"))
		})
		// Due after the window (at 1s+10s=11s): waits.
		c.AfterFunc(10*time.Second, f.fn(c, "beyond"))
	})
	c.AfterFunc(4*time.Second, f.fn(c, "four"))

	c.Advance(5 * time.Second)
	want := []firing{
		{"outer", clockStart.Add(1 * time.Second)},
		{"inner", clockStart.Add(3 * time.Second)},
		{"innermost", clockStart.Add(3 * time.Second)},
		{"four", clockStart.Add(4 * time.Second)},
	}
	f.check(t, want)
	c.Advance(6 * time.Second)
	f.check(t, append(want, firing{"beyond", clockStart.Add(11 * time.Second)}))
}

func TestFakeClockStop(t *testing.T) {
	c := NewFakeClock(clockStart)
	var stopped, kept atomic.Int32
	ts := c.AfterFunc(time.Second, func() { stopped.Add(1) })
	tk := c.AfterFunc(time.Second, func() { kept.Add(1) })

	if !ts.Stop() {
		t.Fatal("Stop before firing = false, want true")
	}
	if ts.Stop() {
		t.Fatal("second Stop = true, want false")
	}
	c.Advance(time.Hour)
	if n := stopped.Load(); n != 0 {
		t.Fatalf("stopped timer fired %d times", n)
	}
	if n := kept.Load(); n != 1 {
		t.Fatalf("kept timer fired %d times, want 1", n)
	}
	if tk.Stop() {
		t.Fatal("Stop after firing = true, want false")
	}
	c.Advance(time.Hour)
	if n := kept.Load(); n != 1 {
		t.Fatalf("kept timer fired %d times after a second Advance, want 1", n)
	}
}

func TestFakeClockStopFromEarlierCallback(t *testing.T) {
	c := NewFakeClock(clockStart)
	var fired atomic.Bool
	var stopResult atomic.Bool
	victim := c.AfterFunc(2*time.Second, func() { fired.Store(true) })
	c.AfterFunc(time.Second, func() { stopResult.Store(victim.Stop()) })
	c.Advance(5 * time.Second)
	if !stopResult.Load() {
		t.Fatal("Stop from an earlier callback in the same Advance = false, want true")
	}
	if fired.Load() {
		t.Fatal("timer stopped from an earlier callback fired")
	}
}

func TestFakeClockStopInsideOwnCallback(t *testing.T) {
	c := NewFakeClock(clockStart)
	var tm Timer
	var got atomic.Bool
	got.Store(true)
	tm = c.AfterFunc(time.Second, func() { got.Store(tm.Stop()) })
	c.Advance(time.Second)
	if got.Load() {
		t.Fatal("Stop inside the timer's own callback = true, want false")
	}
}

func TestFakeClockSetBackwardFiresNothing(t *testing.T) {
	c := NewFakeClock(clockStart)
	var n atomic.Int32
	c.AfterFunc(0, func() { n.Add(1) })
	c.AfterFunc(time.Second, func() { n.Add(1) })
	c.Set(clockStart.Add(-time.Hour))
	if got := n.Load(); got != 0 {
		t.Fatalf("Set backward fired %d timers, want 0", got)
	}
	if got, want := c.Now(), clockStart.Add(-time.Hour); !got.Equal(want) {
		t.Fatalf("Now() = %v, want %v", got, want)
	}
	// The timers keep their absolute due times.
	c.Advance(time.Hour)
	if got := n.Load(); got != 1 {
		t.Fatalf("after Advance back to the start: %d fired, want 1", got)
	}
	c.Advance(time.Second)
	if got := n.Load(); got != 2 {
		t.Fatalf("after Advance past the start: %d fired, want 2", got)
	}
}

func TestFakeClockSetBackwardNegativeDelayTimer(t *testing.T) {
	c := NewFakeClock(clockStart)
	var n atomic.Int32
	c.AfterFunc(-2*time.Hour, func() { n.Add(1) }) // due at start-2h
	c.Set(clockStart.Add(-time.Hour))
	if got := n.Load(); got != 0 {
		t.Fatalf("Set backward fired %d timers, want 0", got)
	}
}

func TestFakeClockNonPositiveDelayFiresOnNextMove(t *testing.T) {
	c := NewFakeClock(clockStart)
	var f firings
	c.AfterFunc(0, f.fn(c, "zero"))
	c.AfterFunc(-time.Minute, f.fn(c, "negative"))
	f.check(t, nil) // not at creation
	c.Advance(0)
	// The negative one is due earlier, so it fires first; neither moves the
	// clock backward.
	f.check(t, []firing{{"negative", clockStart}, {"zero", clockStart}})
	if got := c.Now(); !got.Equal(clockStart) {
		t.Fatalf("Now() = %v, want %v", got, clockStart)
	}
}

func TestFakeClockConcurrentAdvancesAddUp(t *testing.T) {
	c := NewFakeClock(clockStart)
	entered := make(chan struct{})
	release := make(chan struct{})
	c.AfterFunc(time.Minute, func() {
		close(entered)
		<-release
	})
	var wg sync.WaitGroup
	wg.Go(func() { c.Advance(time.Hour) }) // blocks in the callback at start+1m
	<-entered
	wg.Go(func() { c.Advance(2 * time.Hour) }) // waits for the first move to finish
	close(release)
	wg.Wait()
	if got, want := c.Now(), clockStart.Add(3*time.Hour); !got.Equal(want) {
		t.Fatalf("after concurrent Advance(1h) and Advance(2h), Now() = %v, want %v", got, want)
	}
}

func TestFakeClockConcurrentUse(t *testing.T) {
	c := NewFakeClock(clockStart)
	const (
		workers = 8
		perG    = 200
	)
	type rec struct {
		fired   atomic.Int32
		stopped bool
	}
	recs := make([][]*rec, workers)
	var wg sync.WaitGroup
	for g := range workers {
		recs[g] = make([]*rec, perG)
		wg.Go(func() {
			for i := range perG {
				r := &rec{}
				recs[g][i] = r
				d := time.Duration((g*perG+i)%50) * time.Millisecond
				tm := c.AfterFunc(d, func() {
					r.fired.Add(1)
					_ = c.Now()
				})
				switch i % 4 {
				case 0:
					r.stopped = tm.Stop()
				case 1:
					c.Advance(time.Millisecond)
				case 2:
					_ = c.Now()
				case 3:
					c.Set(c.Now().Add(time.Millisecond))
				}
			}
		})
	}
	wg.Wait()
	// Fire whatever is still pending: every timer was due within 50ms of a
	// reading of the clock, and the clock never went past start + 1h.
	c.Set(clockStart.Add(2 * time.Hour))
	for g := range recs {
		for i, r := range recs[g] {
			want := int32(1)
			if r.stopped {
				want = 0
			}
			if got := r.fired.Load(); got != want {
				t.Errorf("timer %d/%d (stopped=%v) fired %d times, want %d", g, i, r.stopped, got, want)
			}
		}
	}
}

// TestSynctestRealClock checks that the default clock works inside a
// testing/synctest bubble, where time is virtual.
func TestSynctestRealClock(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		var c Clock = realClock{}
		start := c.Now()
		fired := make(chan time.Time, 1)
		c.AfterFunc(5*time.Minute, func() { fired <- c.Now() })
		time.Sleep(5*time.Minute - time.Nanosecond)
		synctest.Wait()
		select {
		case <-fired:
			t.Fatal("AfterFunc(5m) fired early")
		default:
		}
		time.Sleep(time.Nanosecond)
		synctest.Wait()
		select {
		case at := <-fired:
			if got := at.Sub(start); got != 5*time.Minute {
				t.Fatalf("callback read Now() %v after start, want 5m", got)
			}
		default:
			t.Fatal("AfterFunc(5m) did not fire after 5m")
		}
		if got := c.Now().Sub(start); got != 5*time.Minute {
			t.Fatalf("Now() advanced by %v, want exactly 5m", got)
		}

		stopped := c.AfterFunc(time.Minute, func() { t.Error("stopped timer fired") })
		if !stopped.Stop() {
			t.Fatal("Stop before firing = false, want true")
		}
		time.Sleep(time.Hour)
		synctest.Wait()
	})
}
