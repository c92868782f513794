package kinesisfake

import (
	"container/heap"
	"sync"
	"time"
)

// Clock is the fake's only source of time. Every timestamp the fake reports,
// every expiry it checks and every state transition it makes is measured by it.
//
// The default clock is the real one ([time.Now] and [time.AfterFunc]), which
// also works inside a [testing/synctest] bubble. Tests that want to
// fast-forward use a [FakeClock].
type Clock interface {
	// Now returns the current time.
	Now() time.Time
	// AfterFunc calls f in its own goroutine, or, for a FakeClock, from the
	// goroutine that moves the clock, once d has elapsed.
	AfterFunc(d time.Duration, f func()) Timer
}

// Timer is a pending call made by [Clock.AfterFunc].
type Timer interface {
	// Stop prevents the call if it has not happened yet, and reports whether
	// it did so.
	Stop() bool
}

type realClock struct{}

func (realClock) Now() time.Time { return time.Now() }

func (realClock) AfterFunc(d time.Duration, f func()) Timer { return time.AfterFunc(d, f) }

// FakeClock is a [Clock] that moves only when told to. It is safe for
// concurrent use; moves are applied one at a time.
type FakeClock struct {
	moving sync.Mutex // serialises Advance and Set, callbacks included

	mu     sync.Mutex // guards the fields below
	now    time.Time
	timers timerHeap
	seq    uint64 // orders timers that fall due at the same instant
}

// NewFakeClock returns a FakeClock that reads start until it is moved.
func NewFakeClock(start time.Time) *FakeClock {
	return &FakeClock{now: start}
}

// Now returns the clock's current time.
func (c *FakeClock) Now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.now
}

// Advance moves the clock forward by d. Every timer that falls due on the way
// fires, in time order, with the clock reading the timer's own due time, and
// Advance returns only after the last of them has returned. A timer's
// callback must not move the clock itself.
func (c *FakeClock) Advance(d time.Duration) {
	if d < 0 {
		panic("kinesisfake: FakeClock.Advance with a negative duration")
	}
	c.moving.Lock()
	defer c.moving.Unlock()
	c.moveTo(c.Now().Add(d))
}

// Set moves the clock to t. Moving forward fires timers as [FakeClock.Advance]
// does; moving backward fires none.
func (c *FakeClock) Set(t time.Time) {
	c.moving.Lock()
	defer c.moving.Unlock()
	if t.Before(c.Now()) {
		c.setBack(t)
		return
	}
	c.moveTo(t)
}

func (c *FakeClock) setBack(t time.Time) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.now = t
}

func (c *FakeClock) moveTo(target time.Time) {
	for t := c.nextDue(target); t != nil; t = c.nextDue(target) {
		// Run without the lock: the callback may read the clock or add timers.
		t.f()
	}
}

// nextDue takes the first timer due by target off the heap and moves the
// clock to its due time; with none due, it moves the clock to target and
// returns nil.
func (c *FakeClock) nextDue(target time.Time) *fakeTimer {
	c.mu.Lock()
	defer c.mu.Unlock()
	if len(c.timers) == 0 || c.timers[0].when.After(target) {
		c.now = target
		return nil
	}
	t := heap.Pop(&c.timers).(*fakeTimer)
	t.index = -1
	if t.when.After(c.now) {
		c.now = t.when
	}
	return t
}

// AfterFunc arranges for f to be called once the clock has been moved d past
// its current reading. A d of zero or less fires at the next move.
func (c *FakeClock) AfterFunc(d time.Duration, f func()) Timer {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.seq++
	t := &fakeTimer{clock: c, when: c.now.Add(d), seq: c.seq, f: f}
	heap.Push(&c.timers, t)
	return t
}

type fakeTimer struct {
	clock *FakeClock
	when  time.Time
	seq   uint64
	f     func()
	index int // position in the heap; -1 once fired or stopped
}

func (t *fakeTimer) Stop() bool {
	t.clock.mu.Lock()
	defer t.clock.mu.Unlock()
	if t.index < 0 {
		return false
	}
	heap.Remove(&t.clock.timers, t.index)
	t.index = -1
	return true
}

// timerHeap orders timers by due time, then by creation.
type timerHeap []*fakeTimer

func (h timerHeap) Len() int { return len(h) }
func (h timerHeap) Less(i, j int) bool {
	if !h[i].when.Equal(h[j].when) {
		return h[i].when.Before(h[j].when)
	}
	return h[i].seq < h[j].seq
}
func (h timerHeap) Swap(i, j int) {
	h[i], h[j] = h[j], h[i]
	h[i].index = i
	h[j].index = j
}
func (h *timerHeap) Push(x any) {
	t := x.(*fakeTimer)
	t.index = len(*h)
	*h = append(*h, t)
}
func (h *timerHeap) Pop() any {
	old := *h
	t := old[len(old)-1]
	old[len(old)-1] = nil
	*h = old[:len(old)-1]
	return t
}
