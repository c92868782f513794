package kinesisfake

import (
	"bytes"
	"cmp"
	"context"
	"fmt"
	"maps"
	"slices"
	"strings"
	"time"

	"github.com/aws/aws-sdk-go-v2/service/kinesis/types"
)

// Inspection: what a test asserts on, read straight from the fake's state
// rather than through the API. None of these is an API call: hooks, faults
// and call rates do not see them, and they work after Close.

// Record is a record a stream holds, as [Client.Records] reports it. Its
// fields are plain values, with no pointers, so that go-cmp compares records
// as they are; SequenceNumber and ArrivalTime are the fields to ignore when
// the expected records are written by hand.
type Record struct {
	ShardID        string
	SequenceNumber string // as PutRecord returned it
	PartitionKey   string // empty for a record put without one (AUTO distribution)
	Data           []byte // a copy: changing it changes nothing in the fake
	// ArrivalTime is the record's ApproximateArrivalTimestamp, as GetRecords
	// reports it: the fake's clock when it was put, to the millisecond, in
	// UTC.
	ArrivalTime time.Time
}

// Consumer is an enhanced fan-out consumer of a stream, as
// [Client.Consumers] reports it.
type Consumer struct {
	Name    string
	ARN     string
	Status  types.ConsumerStatus // CREATING, ACTIVE or DELETING
	Created time.Time            // ConsumerCreationTimestamp, in whole seconds as in the ARN
}

// Subscription is a live SubscribeToShard subscription, as
// [Client.Subscriptions] reports it.
type Subscription struct {
	ConsumerName string
	ConsumerARN  string
	ShardID      string
	Started      time.Time // when SubscribeToShard started it, on the fake's clock
	Expires      time.Time // when its 5 minutes are up
	// ContinuationSequenceNumber is where the subscription stands: the
	// sequence number of the last record it has sent, as its next event's
	// ContinuationSequenceNumber would give it, after which a new
	// subscription would resume.
	ContinuationSequenceNumber string
	// Pending counts the shard's records the subscription has yet to send.
	// A record counts as sent once it is in an event handed to the event
	// stream, whether or not the reader has received it.
	Pending int
}

// Records returns every record the stream holds, across all its shards,
// closed ones included, in the order the fake accepted them: put order
// across the stream, which within a shard is sequence-number order. Records
// past the stream's retention period are not included. The stream is named
// by its name or its ARN; an unknown one is a
// *types.ResourceNotFoundException in the service's words.
//
// Records is not an API call: it is the assertion that would otherwise take
// ListShards, then GetShardIterator and GetRecords loops over every shard.
func (c *Client) Records(nameOrARN string) ([]Record, error) {
	c.mu.Lock()
	defer c.mu.Unlock()
	now := c.clock.Now()
	s, _, err := c.inspectedStream(nameOrARN, now)
	if err != nil {
		return nil, err
	}
	return s.retainedRecords(now), nil
}

// Streams returns the names of the streams the fake holds, in name order,
// as ListStreams lists them: a DELETING stream is listed until its deletion
// completes.
func (c *Client) Streams() []string {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.catchUp(c.clock.Now()) // forget the streams that are gone
	names := make([]string, 0, c.index.names.len())
	for s := range c.index.names.skip(0) {
		names = append(names, s.name)
	}
	return names
}

// Empty reports whether the fake holds nothing: no stream or channel, no
// account setting ever changed, and no memory of streams or consumers
// gone, which keeps the sequence numbers and ARNs of later ones apart from
// theirs. A standalone server drops a stored region that is empty.
func (c *Client) Empty() bool {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.catchUp(c.clock.Now())
	return len(c.streams) == 0 && len(c.channels) == 0 && len(c.consumerEpochs) == 0 && len(c.shardEpochs) == 0 &&
		c.account.Commitment.StartedAt.IsZero()
}

// Consumers returns the stream's enhanced fan-out consumers, in the order
// ListStreamConsumers gives (registration), with their status on the fake's
// clock: a DELETING consumer is listed until its deregistration completes.
// The stream is named as for [Client.Records].
func (c *Client) Consumers(nameOrARN string) ([]Consumer, error) {
	c.mu.Lock()
	defer c.mu.Unlock()
	now := c.clock.Now()
	s, _, err := c.inspectedStream(nameOrARN, now)
	if err != nil {
		return nil, err
	}
	out := []Consumer{}
	for k := range s.liveConsumers(now).skip(0) {
		out = append(out, Consumer{Name: k.name, ARN: k.arn, Status: k.status(now), Created: k.created})
	}
	return out, nil
}

// Subscriptions returns the live SubscribeToShard subscriptions to the
// stream's shards, by consumer (in the order of [Client.Consumers]) and
// then by shard ID. A subscription is gone from the list as soon as it ends,
// whatever ends it: its 5 minutes, its reader, a newer subscription,
// [Client.EndSubscriptions], its consumer's deregistration, the stream's
// deletion or Close. The stream is named as for [Client.Records].
func (c *Client) Subscriptions(nameOrARN string) ([]Subscription, error) {
	c.mu.Lock()
	defer c.mu.Unlock()
	now := c.clock.Now()
	s, _, err := c.inspectedStream(nameOrARN, now)
	if err != nil {
		return nil, err
	}
	out := []Subscription{}
	for k := range s.liveConsumers(now).skip(0) {
		for _, index := range slices.Sorted(maps.Keys(k.subs)) {
			sub := k.subs[index]
			if sub.ending {
				continue
			}
			sh := sub.shard
			s.trim(sh, now)
			out = append(out, Subscription{
				ConsumerName:               k.name,
				ConsumerARN:                k.arn,
				ShardID:                    sh.id,
				Started:                    sub.started,
				Expires:                    sub.started.Add(subscriptionLife),
				ContinuationSequenceNumber: sh.resumePoint(sub.cursor).String(),
				Pending:                    sh.log.end() - sh.log.find(sub.cursor),
			})
		}
	}
	return out, nil
}

// WaitForRecords waits until the stream holds at least n records and
// returns every record it then holds, as [Client.Records] does (possibly
// more than n). It returns at once if the stream already holds n, n is zero
// or less, or the stream is unknown (a *types.ResourceNotFoundException).
//
// It waits without polling: puts wake it. It fails, saying how many of the n
// records the stream holds, when ctx ends or the fake is closed; and with
// a *types.ResourceNotFoundException when the stream's deletion completes,
// on the fake's clock. Records past the retention period do not count.
// With a [FakeClock], nothing need move the clock for it to return.
func (c *Client) WaitForRecords(ctx context.Context, nameOrARN string, n int) ([]Record, error) {
	w := recordWait{nameOrARN: nameOrARN, n: n}
	defer w.stop()
	for {
		recs, wake, err := c.lookForRecords(&w)
		if err != nil || wake == nil {
			return recs, err
		}
		select {
		case <-wake:
		case <-ctx.Done():
			// Records may have come with the end of ctx: look once more.
			if recs, wake, err := c.lookForRecords(&w); err != nil || wake == nil {
				return recs, err
			}
			return nil, fmt.Errorf("kinesisfake: stream %s holds %d of the %d records waited for: %w", w.name, w.held, n, ctx.Err())
		}
	}
}

// recordWait is a WaitForRecords call in progress.
type recordWait struct {
	nameOrARN string
	n         int

	// Under Client.mu.
	name string  // the stream's name
	s    *stream // the incarnation waited on, once found
	held int     // how many records it held at the last look
	gone Timer   // wakes the wait when a DELETING stream's time is up
}

// stop releases what the wait holds.
func (w *recordWait) stop() {
	if w.gone != nil {
		w.gone.Stop()
	}
}

// lookForRecords is one look at the stream a wait is for: its records if it
// holds enough, or a channel closed when that may have changed.
func (c *Client) lookForRecords(w *recordWait) ([]Record, <-chan struct{}, error) {
	c.mu.Lock()
	defer c.mu.Unlock()
	now := c.clock.Now()
	s, name, err := c.inspectedStream(w.nameOrARN, now)
	if w.name == "" {
		w.name = name
	}
	if err != nil {
		return nil, nil, err
	}
	if w.s == nil {
		w.s = s
	} else if s != w.s {
		// The stream waited on is gone, and another of its name made since.
		return nil, nil, c.streamNotFound(name)
	}
	w.held = s.retained(now)
	if w.held >= w.n {
		return s.retainedRecords(now), nil, nil
	}
	if c.closed {
		return nil, nil, fmt.Errorf("kinesisfake: stream %s holds %d of the %d records waited for: %w", name, w.held, w.n, errClosed)
	}
	if s.life.Deleting && w.gone == nil {
		w.gone = c.clock.AfterFunc(s.life.GoneAt.Sub(now), func() {
			c.mu.Lock()
			defer c.mu.Unlock()
			s.signal()
		})
	}
	if s.waiting == nil {
		s.waiting = make(chan struct{})
	}
	return nil, s.waiting, nil
}

// inspectedStream finds the stream an inspection names by name or ARN, and
// its name.
func (c *Client) inspectedStream(nameOrARN string, now time.Time) (*stream, string, error) {
	name := nameOrARN
	if strings.HasPrefix(nameOrARN, "arn:") {
		var err error
		if name, err = c.streamName(nil, &nameOrARN); err != nil {
			return nil, nameOrARN, err
		}
	}
	s := c.lookupStream(name, now)
	if s == nil {
		return nil, name, c.streamNotFound(name)
	}
	return s, name, nil
}

// retained counts the records the stream holds, once those past retention
// are dropped.
func (s *stream) retained(now time.Time) int {
	n := 0
	for _, sh := range s.shards {
		s.trim(sh, now)
		n += sh.log.end() - sh.log.start()
	}
	return n
}

// retainedRecords copies out every record the stream holds, in the order
// the stream's counter gave them. A few allocations hold everything the
// records point to, however many there are.
func (s *stream) retainedRecords(now time.Time) []Record {
	type held struct {
		sh *shard
		r  record
	}
	all := make([]held, 0, s.retained(now))
	text, dataBytes := 0, 0
	for _, sh := range s.shards {
		for r := range sh.log.records(sh.log.start()) {
			all = append(all, held{sh, r})
			text += sequenceNumberLen + len(r.key)
			dataBytes += len(r.data)
		}
	}
	slices.SortFunc(all, func(a, b held) int { return cmp.Compare(a.r.counter, b.r.counter) })

	// Every sequence number and partition key in one string, every
	// record's data in one array.
	b := make([]byte, 0, text)
	for _, h := range all {
		b = h.sh.sequence(h.r.counter, arrivalSeconds(h.r.arrival)).appendTo(b)
		b = append(b, h.r.key...)
	}
	strs := string(b)
	data := make([]byte, 0, dataBytes)
	out := make([]Record, len(all))
	at := 0
	for i, h := range all {
		seq := strs[at : at+sequenceNumberLen]
		at += sequenceNumberLen
		key := strs[at : at+len(h.r.key)]
		at += len(h.r.key)
		from := len(data)
		data = append(data, h.r.data...)
		out[i] = Record{
			ShardID:        h.sh.id,
			SequenceNumber: seq,
			PartitionKey:   key,
			Data:           data[from:len(data):len(data)],
			ArrivalTime:    time.UnixMilli(h.r.arrival).UTC(),
		}
	}
	return out
}

// QueueRecord is a record a queue has delivered and not had acknowledged,
// as [Client.QueueRecords] reports it.
type QueueRecord struct {
	Record
	ReceiveCount  int32     // as the record's last receive reported it
	FirstReceived time.Time // its first receive, to the millisecond
	// VisibleAt is when its visibility timeout runs out: it is in flight
	// before, and visible again (on the dead-letter path, for a dead
	// letter) from then.
	VisibleAt time.Time
	// DeadLetter reports whether it is a dead letter: received
	// MaxReceiveCount times, the last visibility timeout run out.
	DeadLetter bool
}

// QueueRecords returns the records a queue has delivered and not had
// acknowledged, in flight, visible again or dead letters, in the order
// they become visible; records past the stream's retention period are not
// included. The queue is named by its ARN; an unknown one is a
// *types.ResourceNotFoundException. Records the queue has not delivered
// yet are the stream's ([Client.Records]).
func (c *Client) QueueRecords(queueARN string) ([]QueueRecord, error) {
	c.mu.Lock()
	defer c.mu.Unlock()
	now := c.clock.Now()
	q, err := c.queueByARN(queueARN, now)
	if err != nil {
		return nil, err
	}
	state, _ := c.queueState(q, now)
	return state.Records, nil
}

// QueueState is what a queue holds at an instant, as [Client.WaitForQueue]
// sees it.
type QueueState struct {
	// Status is the queue's, as DescribeQueue reports it.
	Status types.QueueStatus
	// Undelivered counts the records of its stream it has yet to deliver a
	// first time.
	Undelivered int
	// Visible, InFlight and DeadLetters count the records it has delivered
	// and not had acknowledged: those visible again on the normal path,
	// those in flight on it, and the dead letters, visible or in flight on
	// the dead-letter path.
	Visible, InFlight, DeadLetters int
	// Records are those records, as [Client.QueueRecords] returns them.
	Records []QueueRecord
}

// queueState reads what q holds at now, and the first instant after now
// at which that changes on its own (a visibility timeout running out, a
// transition completing), or zero.
func (c *Client) queueState(q *queue, now time.Time) (QueueState, time.Time) {
	ms := now.UnixMilli()
	state := QueueState{Status: q.status(now)}
	var next int64
	soon := func(at int64) {
		if at > ms && (next == 0 || at < next) {
			next = at
		}
	}
	for _, at := range []time.Time{q.life.ActiveAt, q.life.UpdatingUntil, q.life.GoneAt} {
		if !at.IsZero() {
			soon(at.UnixMilli())
		}
	}
	for _, sh := range q.stream.shards {
		q.stream.trim(sh, now)
		state.Undelivered += max(0, sh.log.end()-max(q.cursor(sh), sh.log.start()))
	}
	for slot := range q.slots {
		d := &q.slots[slot]
		sh := q.stream.shards[d.shard]
		if d.in == pileFree || int(d.number) < sh.log.start() {
			continue
		}
		soon(d.due)
		dead := d.in == pileDead || d.in == pileLastChance && d.due <= ms
		switch {
		case dead:
			state.DeadLetters++
		case d.due <= ms:
			state.Visible++
		default:
			state.InFlight++
		}
		r := sh.log.get(int(d.number))
		state.Records = append(state.Records, QueueRecord{
			Record: Record{
				ShardID:        sh.id,
				SequenceNumber: sh.sequence(r.counter, arrivalSeconds(r.arrival)).String(),
				PartitionKey:   string(r.key),
				Data:           bytes.Clone(r.data),
				ArrivalTime:    time.UnixMilli(r.arrival).UTC(),
			},
			ReceiveCount:  d.receives,
			FirstReceived: time.UnixMilli(d.first).UTC(),
			VisibleAt:     time.UnixMilli(d.due).UTC(),
			DeadLetter:    dead,
		})
	}
	slices.SortStableFunc(state.Records, func(a, b QueueRecord) int { return a.VisibleAt.Compare(b.VisibleAt) })
	if next == 0 {
		return state, time.Time{}
	}
	return state, time.UnixMilli(next)
}

// WaitForQueue waits until until reports true of what the queue with the
// ARN given holds, and returns that. It returns at once if it already
// does, or the queue is unknown (a *types.ResourceNotFoundException).
//
// It waits without polling: until is called again after each call that
// changes the fake's state, each record put, and each instant at which the
// queue changes on its own, on the fake's clock (a visibility timeout
// running out, a transition completing), so with a [FakeClock] nothing
// need move the clock but what the test waits for. until is called without
// the fake's lock held. It fails, with the last state it saw, when ctx
// ends or the fake is closed; and with a *types.ResourceNotFoundException
// when the queue's deletion completes.
func (c *Client) WaitForQueue(ctx context.Context, queueARN string, until func(QueueState) bool) (QueueState, error) {
	var timer Timer
	defer func() {
		if timer != nil {
			timer.Stop()
		}
	}()
	for {
		state, wake, err := c.lookAtQueue(queueARN, &timer)
		if err != nil || until(state) {
			return state, err
		}
		if wake.ch == nil {
			return state, fmt.Errorf("kinesisfake: waiting for queue %s: %w", queueARN, errClosed)
		}
		select {
		case <-wake.ch:
		case <-wake.changed:
		case <-wake.due:
		case <-ctx.Done():
			return state, fmt.Errorf("kinesisfake: waiting for queue %s: %w", queueARN, ctx.Err())
		}
	}
}

// queueWaking is what wakes a WaitForQueue: records published in the
// queue's stream (or the stream or the fake ending), a call changing the
// state, or the instant the queue changes on its own.
type queueWaking struct {
	ch, changed, due <-chan struct{}
}

// lookAtQueue is one look at the queue a WaitForQueue is for, and what
// wakes it for the next; nil channels once the fake is closed. timer is
// the wait's timer for the next instant, replaced at each look.
func (c *Client) lookAtQueue(queueARN string, timer *Timer) (QueueState, queueWaking, error) {
	c.mu.Lock()
	defer c.mu.Unlock()
	now := c.clock.Now()
	q, err := c.queueByARN(queueARN, now)
	if err != nil {
		return QueueState{}, queueWaking{}, err
	}
	state, next := c.queueState(q, now)
	if c.closed {
		return state, queueWaking{}, nil
	}
	if q.stream.waiting == nil {
		q.stream.waiting = make(chan struct{})
	}
	if c.changed == nil {
		c.changed = make(chan struct{})
	}
	wake := queueWaking{ch: q.stream.waiting, changed: c.changed}
	if *timer != nil {
		(*timer).Stop()
		*timer = nil
	}
	if !next.IsZero() {
		due := make(chan struct{})
		*timer = c.clock.AfterFunc(next.Sub(now), func() { close(due) })
		wake.due = due
	}
	return state, wake, nil
}
