package kinesisfake

import (
	"context"
	"errors"
	"fmt"
	"math"
	"slices"
	"time"

	"github.com/aws/aws-sdk-go-v2/service/kinesis"
	"github.com/aws/aws-sdk-go-v2/service/kinesis/schemas"
	"github.com/aws/aws-sdk-go-v2/service/kinesis/types"
	"github.com/aws/smithy-go"

	"github.com/streamfake/kinesis/eventstream"
	"github.com/streamfake/kinesis/internal/recorded"
)

// SubscribeToShard and the subscriptions it starts. Each subscription has
// one goroutine that turns records into events as they arrive; it waits on a
// channel, never polls, and reads the shard's own records from its cursor, so
// a slow reader holds back only itself and costs no memory beyond what the
// stream retains.

const (
	subscriptionLife   = 5 * time.Minute // then the stream ends cleanly
	resubscribeBackoff = 5 * time.Second // a new subscription before this fails
	heartbeatEvery     = 5 * time.Second // an empty event after this long without one
	maxEventBytes      = 1 << 20         // the data one event carries at most
)

// scheduleHeartbeat arranges for an empty event once the subscription has
// gone heartbeatEvery without one, as the service keeps idle subscriptions
// alive ("at least 1 event every 5 seconds", per LocalStack's notes on AWS;
// KCL restarts a subscription silent for 35 s). Called with Client.mu held.
func (c *Client) scheduleHeartbeat(sub *subscription, now time.Time) {
	if sub.heartbeat != nil {
		sub.heartbeat.Stop()
	}
	sub.heartbeat = c.clock.AfterFunc(sub.lastEvent.Add(heartbeatEvery).Sub(now), func() {
		c.mu.Lock()
		defer c.mu.Unlock()
		if sub.ending {
			return
		}
		now := c.clock.Now()
		if now.Sub(sub.lastEvent) >= heartbeatEvery {
			sub.heartbeatDue = true
			sub.notify()
			sub.lastEvent = now // the next heartbeat is due 5 s from this one
		}
		c.scheduleHeartbeat(sub, now)
	})
}

// resumed forgets the timer that has just woken a subscription held back by
// its rate limit.
func (c *Client) resumed(sub *subscription) {
	c.mu.Lock()
	defer c.mu.Unlock()
	sub.resume = nil
}

var subscribeToShardOp = newOperation(smithy.NewOperationSchema(schemas.SubscribeToShard, schemas.SubscribeToShardInput, schemas.SubscribeToShardOutput), reads, callRate{}, (*Client).subscribeToShard,
	required(naming(namesConsumerARN, stringMember("ConsumerARN", shapeConsumerARN, func(in *kinesis.SubscribeToShardInput) *string { return in.ConsumerARN }))),
	required(naming(namesShard, stringMember("ShardId", shapeShardID, func(in *kinesis.SubscribeToShardInput) *string { return in.ShardId }))),
	required(structMember("StartingPosition", "StartingPosition", func(in *kinesis.SubscribeToShardInput) *types.StartingPosition { return in.StartingPosition },
		required(enumMember("Type", func(in *types.StartingPosition) types.ShardIteratorType { return in.Type },
			types.ShardIteratorTypeAfterSequenceNumber, types.ShardIteratorTypeLatest, types.ShardIteratorTypeAtTimestamp,
			types.ShardIteratorTypeAtSequenceNumber, types.ShardIteratorTypeTrimHorizon)),
		stringMember("SequenceNumber", shapeSequence, func(in *types.StartingPosition) *string { return in.SequenceNumber }),
	)),
	stringMember("StreamId", shapeStreamID, func(in *kinesis.SubscribeToShardInput) *string { return in.StreamId }),
)

// SubscribeToShard subscribes a consumer to a shard. The output is the SDK's
// own: GetStream delivers a SubscribeToShardEvent as soon as records arrive,
// each with the ContinuationSequenceNumber to resume from, until the
// subscription's 5 minutes on the fake's clock are up, the shard ends (the
// last event carries ChildShards), or the consumer, the stream, the call's
// context or the stream's Close ends it. A stream its context ended reports
// the context's error from Err (errors.Is(err, context.Canceled) after a
// cancel), as the SDK's client does over HTTP; one that had ended cleanly
// before stays clean.
func (c *Client) SubscribeToShard(ctx context.Context, params *kinesis.SubscribeToShardInput, optFns ...func(*kinesis.Options)) (*kinesis.SubscribeToShardOutput, error) {
	in, err := subscribeToShardOp.check(ctx, c, params)
	if err != nil {
		return nil, err
	}
	// A hook answers with the SDK's output, not the fake's subscription.
	if out, err, handled := intercept[kinesis.SubscribeToShardInput, kinesis.SubscribeToShardOutput](ctx, c, subscribeToShardOp, in); handled {
		return out, err
	}
	sub, err := subscribeToShardOp.apply(ctx, c, in)
	if err != nil {
		return nil, err
	}
	// Cancelling the call's context ends the stream, as it ends the HTTP
	// response of a real call.
	sub.unlink = context.AfterFunc(ctx, func() { c.stop(sub, ctx.Err()) })
	go c.serve(sub)
	return eventstream.NewOutput(sub.reader), nil
}

func (c *Client) subscribeToShard(in *kinesis.SubscribeToShardInput, now time.Time) (*subscription, error) {
	k, err := c.consumerByARN(*in.ConsumerARN, now)
	if err != nil {
		return nil, err
	}
	if k.status(now) != types.ConsumerStatusActive {
		return nil, c.notActive(k)
	}
	s := k.stream
	sh, err := c.liveShard(s, s.name, *in.ShardId, now)
	if err != nil {
		return nil, err
	}
	index := sh.index
	sp := in.StartingPosition
	from, err := c.position(s, sh, start{sp.Type, sp.SequenceNumber, sp.Timestamp, "SubscribeToShard"}, now)
	if err != nil {
		return nil, err
	}
	// The service's wording, quoted from production (amazon-kinesis-client#391),
	// both for a call within 5 s and for the stream it takes over from.
	inUse := func() error {
		return resourceInUse("%s", recorded.SubscriptionInUse(c.accountID, s.name, sh.id, k.name))
	}
	if last, ok := k.lastSubscribed[index]; ok && now.Sub(last) < resubscribeBackoff {
		return nil, inUse()
	}
	if err := dryRun(in.DryRun); err != nil {
		return nil, err
	}
	if old := k.subs[index]; old != nil {
		old.stop(inUse())
	}

	r, w := eventstream.NewPipe()
	sub := &subscription{consumer: k, shard: sh, started: now, cursor: from, reader: r, writer: w, wake: make(chan struct{}, 1), lastEvent: now}
	sub.ctx, sub.cancel = context.WithCancel(context.Background())
	sub.expiry = c.clock.AfterFunc(subscriptionLife, func() { c.stop(sub, nil) })
	c.scheduleHeartbeat(sub, now)
	k.subs[index] = sub
	k.lastSubscribed[index] = now
	sh.subs = append(sh.subs, sub)
	c.serving.Add(1) // Close waits for the goroutine SubscribeToShard starts
	return sub, nil
}

// serve runs a subscription: it sends events as records arrive and ends the
// stream when the subscription ends.
func (c *Client) serve(sub *subscription) {
	defer c.serving.Done()
	for {
		event, send, last, over := c.poll(sub)
		if over {
			break
		}
		if send {
			// A failed Send means the reader closed, or a stop is under
			// way.
			if err := sub.writer.Send(sub.ctx, event); err != nil || last {
				c.stop(sub, nil)
			}
			continue
		}
		select {
		case <-sub.wake:
		case <-sub.ctx.Done():
		case <-sub.writer.Done():
			c.stop(sub, nil)
		}
	}
	sub.writer.End(c.unsubscribe(sub))
}

// poll reports the subscription's next event, if one is ready, or that the
// subscription is over.
func (c *Client) poll(sub *subscription) (event types.SubscribeToShardEvent, send, last, over bool) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if sub.ending {
		return event, false, false, true
	}
	event, send, last = c.nextEvent(sub, c.clock.Now())
	return event, send, last, false
}

// stop ends the subscription with err, taking the fake's lock.
func (c *Client) stop(sub *subscription, err error) {
	c.mu.Lock()
	defer c.mu.Unlock()
	sub.stop(err)
}

// unsubscribe releases an ended subscription's timers and detaches it from
// its consumer and shard. It returns the error the subscription ended with.
func (c *Client) unsubscribe(sub *subscription) error {
	c.mu.Lock()
	defer c.mu.Unlock()
	sub.expiry.Stop()
	sub.heartbeat.Stop()
	if sub.resume != nil {
		sub.resume.Stop()
	}
	if sub.unlink != nil {
		sub.unlink()
	}
	k, sh := sub.consumer, sub.shard
	if k.subs[sh.index] == sub {
		delete(k.subs, sh.index)
	}
	sh.subs = slices.DeleteFunc(sh.subs, func(other *subscription) bool { return other == sub })
	return sub.endWith
}

// nextEvent builds the subscription's next event from its cursor, if there
// is one to send: records that have arrived (at most 1 MiB of data), a
// heartbeat that has fallen due, or the end of a closed shard, which the last
// event marks with ChildShards and no ContinuationSequenceNumber. Called
// with Client.mu held.
func (c *Client) nextEvent(sub *subscription, now time.Time) (event types.SubscribeToShardEvent, send, last bool) {
	s, sh := sub.consumer.stream, sub.shard
	var sent *meter
	if c.rates != nil {
		sent = c.meter(meterKey{what: "subscription bytes", owner: sub.consumer.arn, shard: sh.id})
		if wait := sent.wait(c.rates.SubscriptionBytes, now); wait > 0 {
			if sub.resume == nil {
				sub.resume = c.clock.AfterFunc(wait, func() {
					c.resumed(sub)
					sub.notify()
				})
			}
			return event, false, false
		}
	}
	s.trim(sh, now)
	batch := sh.log.take(sh.log.find(sub.cursor), math.MaxInt, maxEventBytes)
	atEnd := batch.to == sh.log.end()
	closedEnd := atEnd && !sh.open() && sh.log.settled()
	if batch.to == batch.from && !closedEnd && !sub.heartbeatDue {
		return event, false, false
	}
	sub.heartbeatDue = false
	sub.lastEvent = now
	if sent != nil {
		sent.add(batch.dataBytes)
	}
	event.Records = s.recordList(sh, batch)
	event.MillisBehindLatest = ptr(int64(0))
	if !atEnd {
		event.MillisBehindLatest = ptr(max(1, now.UnixMilli()-sh.log.at(batch.to).arrival))
	}
	if batch.to > batch.from {
		sub.cursor = position{counter: sh.log.at(batch.to-1).counter + 1}
	}
	if closedEnd {
		event.ChildShards = sh.childShards()
		return event, true, true
	}
	event.ContinuationSequenceNumber = ptr(sh.resumePoint(sub.cursor).String())
	return event, true, false
}

// sturdy returns err if the methods an event stream calls to send it do
// not panic, and otherwise an InternalFailureException saying so: a
// panic while the exception is written would garble the stream.
func sturdy(err error) (out error) {
	defer func() {
		if r := recover(); r != nil {
			out = &types.InternalFailureException{Message: ptr(fmt.Sprintf("kinesisfake: the error given to EndSubscriptions panicked: %v", r))}
		}
	}()
	_ = err.Error()
	var apiErr smithy.APIError
	if errors.As(err, &apiErr) {
		_, _ = apiErr.ErrorCode(), apiErr.ErrorMessage()
	}
	return err
}

// resumePoint is the sequence number after which reading the shard resumes
// at p: the last record before p, or, with none retained, the shard's start
// or the index just below p. It is always a sequence number of this shard,
// as ContinuationSequenceNumber must be.
func (sh *shard) resumePoint(p position) sequenceNumber {
	if i := sh.log.find(p); i > sh.log.start() {
		r := sh.log.at(i - 1)
		return sh.sequence(r.counter, arrivalSeconds(r.arrival))
	}
	var index uint64
	if p.arrival == 0 && p.counter > 1 {
		index = p.counter - 1
	}
	return sh.sequence(index, sh.created)
}

// EndSubscriptions ends the live subscriptions of the consumer with the ARN
// consumerARN: the one to shard shardID or, with shardID empty, all of them.
// With err nil each ends cleanly, as when its 5 minutes are up, and the
// consumer may subscribe again at once. Otherwise the stream's Err reports
// err, which should be one of the exceptions the event stream carries:
// *types.InternalFailureException, *types.ResourceInUseException,
// *types.ResourceNotFoundException, or a KMS one such as
// *types.KMSThrottlingException. It returns how many subscriptions it ended.
// It panics if err is a nil pointer of an error type. An err whose Error,
// ErrorCode or ErrorMessage panics ends them with an
// InternalFailureException saying so.
func (c *Client) EndSubscriptions(consumerARN, shardID string, err error) int {
	if isNilPointer(err) {
		panic(fmt.Sprintf("kinesisfake: EndSubscriptions with a nil %T; use an untyped nil for a clean end", err))
	}
	if err != nil {
		err = sturdy(err)
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	k, lookupErr := c.consumerByARN(consumerARN, c.clock.Now())
	if lookupErr != nil {
		return 0
	}
	ended := 0
	for index, sub := range k.subs {
		if shardID != "" && sub.shard.id != shardID || sub.ending {
			continue
		}
		sub.stop(err)
		if err == nil {
			delete(k.lastSubscribed, index)
		}
		ended++
	}
	return ended
}
