package kinesisfake

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"strconv"
	"time"

	awshttp "github.com/aws/aws-sdk-go-v2/aws/transport/http"
	"github.com/aws/smithy-go"
	smithyhttp "github.com/aws/smithy-go/transport/http"

	"github.com/streamfake/kinesis/arn"
	"github.com/streamfake/kinesis/kinesisfake/internal/wire"
)

// An operation is declared once, in its family's file, as a value of
// operation: everything else the package knows of it derives from that
// value and the list of them in api.go. The wire serves it by its schema,
// call rates are enforced by its rate, a fake with a store stores what it
// changes by its effect, and faults, rates and the request log find the
// stream and shard a call is about through the members its input
// declares as naming them.

// operation is one API operation: its schemas, as the SDK's client builds
// them; what it does to the state; the calls per second the service allows
// it; the validation of its input; and what it does.
type operation[In, Out any] struct {
	schema *smithy.OperationSchema
	effect effect
	rate   callRate
	input  input[In]
	// names are the input's members that name what a call is about.
	names []namedBy[In]
	run   func(c *Client, in *In, now time.Time) (*Out, error)
	// poll, if set, makes a call that finds nothing to return wait for it.
	poll *longPoll[In, Out]
}

// longPoll is how an operation waits for what it returns: a receive from a
// queue that finds no record waits, without the lock, until one may have
// come, and runs again, until its wait time is up. It waits on the fake's
// clock, so a FakeClock's BlockUntil sees it and, in a testing/synctest
// bubble, it takes no real time.
type longPoll[In, Out any] struct {
	// wait is how long a call waits at most.
	wait func(in *In) time.Duration
	// wake, called under the lock after a run that returned out, reports
	// whether the call is to wait, and if so, for what: a channel closed
	// when records arrive (or the stream or the fake ends), and the
	// instant something becomes due, or zero.
	wake func(c *Client, in *In, out *Out) (ch <-chan struct{}, at time.Time, wait bool)
}

// polling declares op a long poll.
func (op *operation[In, Out]) polling(wait func(*In) time.Duration, wake func(*Client, *In, *Out) (<-chan struct{}, time.Time, bool)) *operation[In, Out] {
	op.poll = &longPoll[In, Out]{wait: wait, wake: wake}
	return op
}

// wakeUp is what a long poll that found nothing waits for.
type wakeUp struct {
	ch  <-chan struct{}
	at  time.Time // zero for no instant
	now time.Time // the clock's reading when the call found nothing
}

// newOperation declares an operation. schema is built as the SDK's client
// builds it: smithy.NewOperationSchema(schemas.X, schemas.XInput, output).
func newOperation[In, Out any](schema *smithy.OperationSchema, effect effect, rate callRate, run func(*Client, *In, time.Time) (*Out, error), members ...member[In]) *operation[In, Out] {
	name := schema.Schema.ID().Name
	return &operation[In, Out]{
		schema: schema,
		effect: effect,
		rate:   rate,
		input:  input[In]{context: name + "Input", members: members},
		names:  namingMembers(members),
		run:    run,
	}
}

// name is the operation's name, as X-Amz-Target and errors give it.
func (op *operation[In, Out]) name() string { return op.schema.Schema.ID().Name }

// registered is an operation as the package sees it apart from its types;
// api.go lists them.
type registered interface {
	name() string
	facts() (effect, callRate)
	// served is the operation as the wire serves it, bound to c; ok is
	// false for one whose output is an event stream, which the wire
	// serves on its own.
	served(c *Client) (op wire.Operation, ok bool)
	// about reads the stream and shard an input of the operation names.
	about(in any) (stream, shard string)
	// collections are the list and map shapes of its input.
	collections() []shape
}

func (op *operation[In, Out]) facts() (effect, callRate) { return op.effect, op.rate }

func (op *operation[In, Out]) collections() []shape { return collectionsOf(op.input.members) }

func (op *operation[In, Out]) served(c *Client) (wire.Operation, bool) {
	if op.schema.IsOutputEventStream() {
		return wire.Operation{}, false
	}
	return wire.Unary(op.schema, func(ctx context.Context, in *In) (smithy.Serializable, error) {
		out, err := op.call(ctx, c, in)
		if err != nil {
			return nil, err
		}
		// Every output of the SDK's is; TestOperationsAreServed holds
		// each operation to it.
		return any(out).(smithy.Serializable), nil
	}), true
}

func (op *operation[In, Out]) about(in any) (stream, shard string) {
	if in, ok := in.(*In); ok && in != nil {
		return op.target(in)
	}
	return "", ""
}

// target reads the stream and shard an input names: the stream by
// StreamName, else StreamARN, else ConsumerARN, or all by ShardIterator;
// "" where it names none.
func (op *operation[In, Out]) target(in *In) (stream, shard string) {
	var by [namesIterator + 1]string
	for _, n := range op.names {
		if v := n.text(in); v != nil && by[n.role] == "" {
			by[n.role] = *v
		}
	}
	if v := by[namesIterator]; v != "" {
		if it, ok := parseShardIterator(v); ok {
			return it.stream, shardID(it.shard)
		}
		return "", ""
	}
	stream = by[namesStream]
	if a, err := arn.ParseStream(by[namesStreamARN]); stream == "" && err == nil {
		stream = a.Name
	}
	if a, err := arn.ParseConsumer(by[namesConsumerARN]); stream == "" && err == nil {
		stream = a.Stream.Name
	}
	return stream, by[namesShard]
}

// call runs the operation the way the SDK's client and the service would:
// the input is checked (SDK-side, then service-side), offered to the hooks,
// and then applied. Any error comes back wrapped as the SDK wraps it.
func (op *operation[In, Out]) call(ctx context.Context, c *Client, in *In) (*Out, error) {
	in, err := op.check(ctx, c, in)
	if err != nil {
		return nil, err
	}
	if out, err, handled := intercept[In, Out](ctx, c, op, in); handled {
		return out, err
	}
	return op.apply(ctx, c, in)
}

// check validates the input. A nil input is treated as an empty one, as the
// SDK does. A call the wire serves may carry enums its request sent as "",
// which the input holds as if not sent (wire.EmptyEnums); a direct call
// cannot send one, as the SDK's serializer drops an empty enum.
func (op *operation[In, Out]) check(ctx context.Context, c *Client, in *In) (*In, error) {
	if in == nil {
		in = new(In)
	}
	if err := op.input.validate(in, wire.EmptyEnums(ctx)); err != nil {
		return nil, c.wrapError(op.name(), err)
	}
	if err := ctx.Err(); err != nil {
		return nil, c.wrapError(op.name(), err)
	}
	return in, nil
}

// apply runs the operation under the fake's lock at the clock's current
// reading, after the call-rate limit, if enforced, lets it through, and,
// for a fake that keeps a store, returns once what it changed is stored. A
// long poll that finds nothing waits, without the lock, and runs again.
func (op *operation[In, Out]) apply(ctx context.Context, c *Client, in *In) (*Out, error) {
	var until time.Time
	for {
		out, stored, wake, err := op.locked(c, in)
		if stored != nil {
			// Waited for without the lock, so that concurrent calls share
			// the store's flushes: the records they put are published once
			// stored.
			if serr := stored.wait(); serr != nil {
				return nil, c.wrapError(op.name(), serr)
			}
		}
		if err != nil {
			return nil, c.wrapError(op.name(), err)
		}
		if wake == nil {
			return out, nil
		}
		if until.IsZero() {
			until = wake.now.Add(op.poll.wait(in))
		}
		if !wake.now.Before(until) {
			return out, nil
		}
		if err := c.sleepFor(ctx, wake, until); err != nil {
			return nil, c.wrapError(op.name(), err)
		}
	}
}

// sleepFor waits until wake's channel closes, its instant or until passes, or
// ctx ends.
func (c *Client) sleepFor(ctx context.Context, wake *wakeUp, until time.Time) error {
	if !wake.at.IsZero() && wake.at.Before(until) {
		until = wake.at
	}
	if !until.After(wake.now) {
		return nil // due already: run again
	}
	due := make(chan struct{})
	t := c.clock.AfterFunc(until.Sub(wake.now), func() { close(due) })
	defer t.Stop()
	select {
	case <-wake.ch:
	case <-due:
	case <-ctx.Done():
		return ctx.Err()
	}
	return nil
}

// locked is apply's part under the lock. The lock is released however run
// ends: a user callback it calls (a PutRecordsFault's Fail) may panic.
// With a store, a call that changes more than records waits for the store
// under the lock, so that no one sees the change before it is stored; one
// that only puts records returns the commit to wait for. A long poll that
// found nothing returns what to wait for.
func (op *operation[In, Out]) locked(c *Client, in *In) (out *Out, stored storing, wake *wakeUp, err error) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.closed {
		return nil, nil, nil, errClosed
	}
	if c.journal != nil {
		if err := c.journal.refusal(op.effect); err != nil {
			return nil, nil, nil, err
		}
	}
	now := c.clock.Now()
	if c.rates != nil && op.rate.perSecond > 0 {
		stream, shard := op.target(in)
		err = c.admit(op.name(), op.rate, c.accountID, stream, shard, now)
	}
	if err == nil {
		out, err = op.run(c, in, now)
	}
	effect := op.effect
	if err == nil && op.poll != nil {
		if ch, at, wait := op.poll.wake(c, in, out); wait {
			wake = &wakeUp{ch: ch, at: at, now: now}
			// Finding nothing, the poll changed nothing a store keeps:
			// what it did in passing (dead letters whose time came,
			// records past retention dropped) follows from the state and
			// the clock, as a reader of the store derives it again.
			effect = reads
		}
	}
	if effect == changes {
		c.noteChange()
	}
	if c.journal != nil {
		stored = c.journal.end(effect, now)
	}
	if stored != nil && effect == changes {
		if serr := stored.waitLocked(); serr != nil {
			return nil, nil, nil, serr
		}
		stored = nil
	}
	return out, stored, wake, err
}

// intercept offers a call to the hooks, and returns the result of the first
// that handles it, its error wrapped as the SDK wraps it. The hook list is
// copied on write, so a call with no hooks registered costs one atomic load.
func intercept[In, Out, Run any](ctx context.Context, c *Client, op *operation[In, Run], in *In) (*Out, error, bool) {
	hooks := c.loadHooks()
	if len(hooks) == 0 || ctx.Value(inHook{}) != nil {
		return nil, nil, false
	}
	ctx = context.WithValue(ctx, inHook{}, true)
	operation := op.name()
	call := Call{Operation: operation, Input: in}
	call.Stream, call.Shard = op.target(in)
	for _, e := range hooks {
		out, err, handled := e.hook(ctx, call)
		if !handled {
			continue
		}
		if err != nil {
			if isNilPointer(err) {
				err = fmt.Errorf("kinesisfake: a hook for %s returned a nil %T as its error", operation, err)
			}
			return nil, c.wrapError(operation, err), true
		}
		if out == nil {
			return new(Out), nil, true
		}
		typed, ok := out.(*Out)
		if !ok {
			return nil, c.wrapError(operation, fmt.Errorf("kinesisfake: a hook returned %T for %s, which returns %T", out, operation, typed)), true
		}
		if typed == nil {
			typed = new(Out)
		}
		return typed, nil, true
	}
	return nil, nil, false
}

// wrapError wraps err as the SDK's client wraps what the service returns: in
// a *smithy.OperationError naming the operation, and, for an error the
// service sent, an *awshttp.ResponseError carrying the HTTP status and a
// request ID. errors.As and smithy.APIError work on the result exactly as
// they do in production.
func (c *Client) wrapError(operation string, err error) error {
	var apiErr smithy.APIError
	if errors.As(err, &apiErr) {
		status := http.StatusBadRequest
		if apiErr.ErrorFault() == smithy.FaultServer {
			status = http.StatusInternalServerError
		}
		id := c.newRequestID()
		err = &awshttp.ResponseError{
			RequestID: id,
			ResponseError: &smithyhttp.ResponseError{
				Response: &smithyhttp.Response{Response: &http.Response{
					StatusCode: status,
					Status:     strconv.Itoa(status) + " " + http.StatusText(status),
					Header:     http.Header{"X-Amzn-Requestid": {id}},
				}},
				Err: err,
			},
		}
	}
	return &smithy.OperationError{ServiceID: "Kinesis", OperationName: operation, Err: err}
}

// newRequestID makes a request ID in the service's UUID form.
func (c *Client) newRequestID() string {
	return fmt.Sprintf("00000000-0000-4000-8000-%012x", c.requestIDs.Add(1))
}
