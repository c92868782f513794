package kinesisfake

import (
	"io"
	"log/slog"
	"math/rand/v2"
	"strings"
	"sync"
	"sync/atomic"

	"github.com/aws/aws-sdk-go-v2/service/kinesis"
)

// Client is an in-process fake of Amazon Kinesis Data Streams. Its methods
// have the signatures of the SDK's *kinesis.Client, so code that depends on
// an interface satisfied by *kinesis.Client accepts a *Client in tests.
//
// A Client is safe for concurrent use. Create one with [New] or [NewT].
type Client struct {
	// engine is the state and the rules the operations share, and the
	// lock that guards it and everything below that says so.
	engine

	// requestLog, if not nil, logs the requests the handler serves.
	requestLog *slog.Logger

	throttle                          // the throughput limits enforced; guarded
	random       *rand.Rand           // every random choice, from WithSeed; guarded
	recordFaults []*PutRecordsFault   // partial failures of PutRecords; guarded
	queueFaults  []*QueueEntriesFault // partial failures of the queue batches; guarded

	serving sync.WaitGroup // the goroutines serving subscriptions

	requestIDs atomic.Uint64 // numbers the request IDs that errors carry

	// hooks is replaced, under mu, whenever a hook is added or removed, so
	// calls read it without the lock.
	hooks atomic.Pointer[[]*hookEntry]

	// state is what WithState gives New to read, once the other options
	// are applied; New clears it.
	state io.Reader
}

// Close releases the fake: it ends every subscription, waits for their
// goroutines to finish, wakes [Client.WaitForRecords] with an error, and
// makes later calls fail. What the fake holds can still be inspected with
// [Client.Records], [Client.Consumers] and [Client.Subscriptions]. For a
// fake started with [Open], Close stores what the store does not have yet
// (the iterators' counter) and returns the store's error, if any. Close is
// safe to call more than once.
func (c *Client) Close() error {
	stored := c.closeState()
	c.serving.Wait()
	if stored != nil {
		return stored.wait()
	}
	return nil
}

// closeState marks the fake closed and ends every subscription. For a fake
// with a store, it stores what is not yet, such as the nonces of iterators
// issued since the last change, and returns what waits for it.
func (c *Client) closeState() (stored storing) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.closed {
		return nil
	}
	c.closed = true
	for _, s := range c.streams {
		s.stopSubscriptions(nil)
		s.signal() // WaitForRecords fails once the fake is closed
	}
	if c.journal != nil {
		stored = c.journal.flush(c.clock.Now())
	}
	return stored
}

// Options returns the configuration a *kinesis.Client for the fake's region
// would report. The fake uses none of the SDK's options: only Region is set.
func (c *Client) Options() kinesis.Options { return kinesis.Options{Region: c.region} }

// Clock returns the clock the fake reads.
func (c *Client) Clock() Clock { return c.clock }

// partitionOf names the AWS partition a region belongs to, as ARNs spell it.
func partitionOf(region string) string {
	for _, p := range []struct{ prefix, partition string }{
		{"cn-", "aws-cn"},
		{"us-gov-", "aws-us-gov"},
		{"us-isob-", "aws-iso-b"},
		{"us-isof-", "aws-iso-f"},
		{"eu-isoe-", "aws-iso-e"},
		{"us-iso-", "aws-iso"},
	} {
		if strings.HasPrefix(region, p.prefix) {
			return p.partition
		}
	}
	return "aws"
}
