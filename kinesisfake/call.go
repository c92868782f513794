package kinesisfake

import (
	"context"
	"time"

	"github.com/streamfake/kinesis/kinesisfake/internal/wire"
)

// operation is one API operation: its name, the validation of its input,
// and what it does to the fake's state.
type operation[In, Out any] struct {
	name  string
	input input[In]
	run   func(c *Client, in *In, now time.Time) (*Out, error)
}

func newOperation[In, Out any](name string, run func(*Client, *In, time.Time) (*Out, error), members ...member[In]) operation[In, Out] {
	return operation[In, Out]{name: name, input: input[In]{context: name + "Input", members: members}, run: run}
}

// call runs the operation the way the SDK's client and the service would:
// the input is checked (SDK-side, then service-side), offered to the hooks,
// and then applied. Any error comes back wrapped as the SDK wraps it.
func (op operation[In, Out]) call(ctx context.Context, c *Client, in *In) (*Out, error) {
	in, err := op.check(ctx, c, in)
	if err != nil {
		return nil, err
	}
	if out, err, handled := intercept[In, Out](ctx, c, op.name, in); handled {
		return out, err
	}
	return op.apply(c, in)
}

// check validates the input. A nil input is treated as an empty one, as the
// SDK does. A call the wire serves may carry enums its request sent as "",
// which the input holds as if not sent (wire.EmptyEnums); a direct call
// cannot send one, as the SDK's serializer drops an empty enum.
func (op operation[In, Out]) check(ctx context.Context, c *Client, in *In) (*In, error) {
	if in == nil {
		in = new(In)
	}
	if err := op.input.validate(in, wire.EmptyEnums(ctx)); err != nil {
		return nil, c.wrapError(op.name, err)
	}
	if err := ctx.Err(); err != nil {
		return nil, c.wrapError(op.name, err)
	}
	return in, nil
}

// apply runs the operation under the fake's lock at the clock's current
// reading, after the call-rate limit, if enforced, lets it through, and,
// for a fake that keeps a store, returns once what it changed is stored.
func (op operation[In, Out]) apply(c *Client, in *In) (*Out, error) {
	out, stored, err := op.locked(c, in)
	if stored != nil {
		// Waited for without the lock, so that concurrent calls share
		// the store's flushes.
		if serr := stored(); serr != nil {
			return nil, c.wrapError(op.name, serr)
		}
	}
	if err != nil {
		return nil, c.wrapError(op.name, err)
	}
	return out, nil
}

// locked is apply's part under the lock. The lock is released however run
// ends: a user callback it calls (a PutRecordsFault's Fail) may panic.
func (op operation[In, Out]) locked(c *Client, in *In) (out *Out, stored func() error, err error) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.closed {
		return nil, nil, errClosed
	}
	now := c.clock.Now()
	err = c.admit(op.name, in, now)
	if err == nil {
		out, err = op.run(c, in, now)
	}
	return out, c.persist(op.name, now), err
}
