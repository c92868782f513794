package kinesisfake

import (
	"container/heap"
	"context"
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
//
// Besides the fake, code under test can wait on it: [FakeClock.Sleep],
// [FakeClock.After], [FakeClock.NewTimer] and [FakeClock.AfterFunc] have the
// signatures of the time package's functions (NewTimer returns a
// [*FakeTimer]), so application code that takes a small clock interface
// accepts a *FakeClock in tests. [FakeClock.BlockUntil] then lets a test
// wait until that code is blocked on the clock before moving it, so the
// move cannot come first.
type FakeClock struct {
	moving sync.Mutex // serialises Advance and Set, callbacks included

	mu     sync.Mutex // guards the fields below
	now    time.Time
	timers timerHeap
	seq    uint64 // orders timers that fall due at the same instant
	// grown is closed, and cleared, when a timer is added. BlockUntil makes
	// it when it has to wait, so nothing is allocated when nobody waits.
	grown chan struct{}
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
//
// A timer that delivers on a channel ([FakeClock.After],
// [FakeClock.NewTimer], [FakeClock.Sleep]) fires in the same order, by
// sending its due time; the goroutine that receives it then runs alongside
// the rest of the move, as it would on a real clock.
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
		if t.f != nil {
			// Run without the lock: the callback may read the clock or add
			// timers.
			t.f()
		}
	}
}

// nextDue takes the first timer due by target off the heap and moves the
// clock to its due time; with none due, it moves the clock to target and
// returns nil. A channel timer is sent its time here, under the lock, so
// that Stop and Reset, which drain the channel under the lock, leave no
// stale value in it.
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
	if t.ch != nil {
		t.send(c.now)
	}
	return t
}

// AfterFunc arranges for f to be called once the clock has been moved d past
// its current reading. A d of zero or less fires at the next move. Until it
// fires or is stopped, the timer counts among the clock's
// [FakeClock.Waiters].
func (c *FakeClock) AfterFunc(d time.Duration, f func()) Timer {
	c.mu.Lock()
	defer c.mu.Unlock()
	t := &fakeTimer{clock: c, f: f, index: -1}
	c.schedule(t, d)
	return t
}

// NewTimer returns a timer that sends the time on its channel C once the
// clock has been moved d past its current reading, as [time.NewTimer] does on
// the real clock. A d of zero or less sends the current time at once, as
// time.NewTimer does (unlike [FakeClock.AfterFunc], which waits for the next
// move). Until it fires or is stopped, the timer counts among the clock's
// [FakeClock.Waiters].
func (c *FakeClock) NewTimer(d time.Duration) *FakeTimer {
	ch := make(chan time.Time, 1)
	c.mu.Lock()
	defer c.mu.Unlock()
	t := &fakeTimer{clock: c, ch: ch, index: -1}
	c.schedule(t, d)
	return &FakeTimer{C: ch, t: t}
}

// After waits for the clock to be moved d past its current reading and then
// sends the time on the returned channel, as [time.After] does on the real
// clock. It is NewTimer(d).C.
func (c *FakeClock) After(d time.Duration) <-chan time.Time {
	return c.NewTimer(d).C
}

// Sleep blocks until the clock has been moved d past its current reading, as
// [time.Sleep] does on the real clock. A d of zero or less returns at once.
// While it blocks, the sleeper counts among the clock's [FakeClock.Waiters].
func (c *FakeClock) Sleep(d time.Duration) {
	<-c.NewTimer(d).C
}

// Waiters returns the number of timers the clock holds that have neither
// fired nor been stopped: the calls of [FakeClock.Sleep] in progress, the
// pending timers of [FakeClock.After] and [FakeClock.NewTimer], and the
// pending calls of [FakeClock.AfterFunc], the fake's own included. The fake
// holds two timers for each live subscription (its next heartbeat and its
// 5-minute end, and a third while [WithRates] holds its events back), one
// for each call waiting out a [Fault]'s Latency, one for each reshard
// waiting out [Delays].UpdateStream, one for each ReceiveQueueRecords or
// ReceiveDeadLetterQueueRecords waiting for a record, and one for each
// [Client.WaitForQueue] waiting for an instant at which its queue changes. Its other
// transitions (a stream's or a consumer's CREATING → ACTIVE and the like)
// are instants read against the clock and hold none.
func (c *FakeClock) Waiters() int {
	c.mu.Lock()
	defer c.mu.Unlock()
	return len(c.timers)
}

// BlockUntil returns nil once the clock holds at least n [FakeClock.Waiters],
// or ctx's error if ctx is done first (if the clock already holds n, it
// returns nil even when ctx is done). A test calls it to be sure the code it
// drives is blocked on the clock, in Sleep say, before moving the clock past
// the wake-up. It waits on a notification from the clock, not by polling.
//
// Waiters counts the fake's own timers too, so with live subscriptions or a
// delayed reshard a test waits for its own code with n above what
// [FakeClock.Waiters] reads beforehand.
func (c *FakeClock) BlockUntil(ctx context.Context, n int) error {
	for {
		grown := c.waitFor(n)
		if grown == nil {
			return nil
		}
		select {
		case <-grown:
		case <-ctx.Done():
			return ctx.Err()
		}
	}
}

// waitFor returns nil if the clock holds at least n timers, and otherwise a
// channel that is closed when a timer is added.
func (c *FakeClock) waitFor(n int) <-chan struct{} {
	c.mu.Lock()
	defer c.mu.Unlock()
	if len(c.timers) >= n {
		return nil
	}
	if c.grown == nil {
		c.grown = make(chan struct{})
	}
	return c.grown
}

// schedule sets t to fire once the clock has moved d past its reading and
// puts it on the heap; a channel timer with d of zero or less fires at once
// instead. Called with c.mu held and t off the heap.
func (c *FakeClock) schedule(t *fakeTimer, d time.Duration) {
	t.when = c.now.Add(d)
	if t.ch != nil && d <= 0 {
		t.send(c.now)
		return
	}
	c.seq++
	t.seq = c.seq
	heap.Push(&c.timers, t)
	if c.grown != nil {
		close(c.grown)
		c.grown = nil
	}
}

// FakeTimer is a timer of a [FakeClock] that delivers on a channel, as a
// [*time.Timer] does. Make one with [FakeClock.NewTimer].
//
// As with a time.Timer since Go 1.23, once Stop or Reset returns, no time
// sent before the call is received from C.
type FakeTimer struct {
	// C receives the time (the timer's due time) when the timer fires.
	C <-chan time.Time
	t *fakeTimer
}

// Stop prevents the timer from firing, and reports whether it did so: false
// if the timer had already fired or been stopped. It removes the timer from
// the clock's [FakeClock.Waiters].
func (t *FakeTimer) Stop() bool {
	return t.t.Stop()
}

// Reset makes the timer fire once the clock has been moved d past its current
// reading, as [time.Timer.Reset] does, and reports whether the timer was
// pending. A d of zero or less sends the current time at once.
func (t *FakeTimer) Reset(d time.Duration) bool {
	c := t.t.clock
	c.mu.Lock()
	defer c.mu.Unlock()
	pending := t.t.unschedule()
	c.schedule(t.t, d)
	return pending
}

type fakeTimer struct {
	clock *FakeClock
	when  time.Time
	seq   uint64
	f     func()         // called when the timer fires; nil for a channel timer
	ch    chan time.Time // sent the time when the timer fires; nil for AfterFunc
	index int            // position in the heap; -1 once fired or stopped
}

func (t *fakeTimer) Stop() bool {
	t.clock.mu.Lock()
	defer t.clock.mu.Unlock()
	return t.unschedule()
}

// unschedule takes t off the heap and empties its channel, and reports
// whether t was pending. Called with the clock's mu held.
func (t *fakeTimer) unschedule() bool {
	if t.ch != nil {
		select {
		case <-t.ch:
		default:
		}
	}
	if t.index < 0 {
		return false
	}
	heap.Remove(&t.clock.timers, t.index)
	t.index = -1
	return true
}

// send delivers now on t's channel. The channel holds one value and is
// emptied whenever t is scheduled again, so the send never blocks. Called
// with the clock's mu held.
func (t *fakeTimer) send(now time.Time) {
	select {
	case t.ch <- now:
	default:
	}
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
