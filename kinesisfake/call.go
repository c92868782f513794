package kinesisfake

import (
	"context"
	"time"
)

// call runs one operation the way the SDK's client and the service would:
// the input is checked (SDK-side, then service-side), fn runs under the
// fake's lock with the clock's current reading, and any error comes back
// wrapped as the SDK wraps it. A nil input is treated as an empty one, as the
// SDK does.
func call[In, Out any](ctx context.Context, c *Client, op string, in *In, members []member[In], fn func(in *In, now time.Time) (*Out, error)) (*Out, error) {
	if in == nil {
		in = new(In)
	}
	if err := validate(in, op+"Input", members); err != nil {
		return nil, c.wrapError(op, err)
	}
	if err := ctx.Err(); err != nil {
		return nil, c.wrapError(op, err)
	}
	c.mu.Lock()
	if c.closed {
		c.mu.Unlock()
		return nil, c.wrapError(op, errClosed)
	}
	out, err := fn(in, c.clock.Now())
	c.mu.Unlock()
	if err != nil {
		return nil, c.wrapError(op, err)
	}
	return out, nil
}
