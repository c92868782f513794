package kinesisfake

import (
	"cmp"
	"fmt"
	"io"
	"log/slog"
	"math/rand/v2"
	"reflect"
	"strings"
	"sync"
	"sync/atomic"
	"testing"

	"github.com/aws/aws-sdk-go-v2/service/kinesis"

	"github.com/streamfake/kinesis/internal/awsid"
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

	rates        *Rates              // nil unless throughput limits are enforced; guarded
	meters       map[meterKey]*meter // use against rates; guarded
	random       *rand.Rand          // every random choice, from WithSeed; guarded
	recordFaults []*PutRecordsFault  // partial failures of PutRecords; guarded

	serving sync.WaitGroup // the goroutines serving subscriptions

	requestIDs atomic.Uint64 // numbers the request IDs that errors carry

	// hooks is replaced, under mu, whenever a hook is added or removed, so
	// calls read it without the lock.
	hooks atomic.Pointer[[]*hookEntry]

	// state is what WithState gives New to read, once the other options
	// are applied; New clears it.
	state io.Reader
}

// Option configures a Client in [New]. [New] checks each option as it
// applies it and panics on one that cannot mean anything, naming the option
// and the form it expects.
type Option func(*Client)

// WithRegion sets the region that appears in ARNs. The default is us-east-1.
// A region is lowercase letters, digits and hyphens, starting with a letter
// and not ending with a hyphen, such as eu-west-1 (the form of a DNS label,
// as the SDK puts the region in host names); given anything else, such as an
// empty string, [New] panics.
func WithRegion(region string) Option {
	return func(c *Client) {
		if err := awsid.CheckRegion(region); err != nil {
			panic(fmt.Sprintf("kinesisfake: WithRegion(%q): %v", region, err))
		}
		c.region = region
	}
}

// WithAccountID sets the 12-digit account ID that appears in ARNs and error
// messages. The default is 123456789012. Given anything but 12 ASCII digits,
// [New] panics.
func WithAccountID(id string) Option {
	return func(c *Client) {
		if err := awsid.CheckAccountID(id); err != nil {
			panic(fmt.Sprintf("kinesisfake: WithAccountID(%q): %v", id, err))
		}
		c.accountID = id
	}
}

// WithClock makes the fake read time from clock. The default is the real
// clock; use a [FakeClock] to fast-forward. Given a nil clock, or a nil
// pointer such as a nil *FakeClock, [New] panics.
func WithClock(clock Clock) Option {
	return func(c *Client) {
		if clock == nil || isNilPointer(clock) {
			panic(fmt.Sprintf("kinesisfake: WithClock(%s): a Clock is required; leave WithClock out for the real clock", nilName(clock)))
		}
		c.clock = clock
	}
}

// nilName spells a nil value as Go code would: nil, or (*T)(nil).
func nilName(v any) string {
	if v == nil {
		return "nil"
	}
	return fmt.Sprintf("(%T)(nil)", v)
}

// WithDelays sets how long asynchronous transitions take. Given a negative
// delay, [New] panics.
func WithDelays(d Delays) Option {
	return func(c *Client) {
		checkNotNegative("WithDelays", d, "0 or more")
		c.delays = d
	}
}

// WithLimits sets the account quotas the fake enforces. Given a negative
// limit, [New] panics.
func WithLimits(l Limits) Option {
	return func(c *Client) {
		checkNotNegative("WithLimits", l, "0 (the default) or more")
		c.limits = l
	}
}

// checkNotNegative panics, naming the option and the field, if a field of
// fields, a struct of integers (durations included), is negative.
func checkNotNegative(option string, fields any, want string) {
	v := reflect.ValueOf(fields)
	for i := range v.NumField() {
		if f := v.Field(i); f.CanInt() && f.Int() < 0 {
			panic(fmt.Sprintf("kinesisfake: %s: %s.%s is %v, want %s", option, v.Type().Name(), v.Type().Field(i).Name, f.Interface(), want))
		}
	}
}

// New returns a fake with no streams, or, given [WithState], with the
// state it reads.
//
// New panics if an option is invalid: a region or account ID not of the
// form an ARN needs, a negative delay or limit, a nil clock, an operation
// without a call rate in [Rates].Calls, or a state WithState cannot read
// or whose region or account another option contradicts. These are
// mistakes in the program, not conditions to handle, so New reports them
// as [regexp.MustCompile] does, with a message that names the option and
// the form it expects, such as
//
//	kinesisfake: WithAccountID("12"): an account ID is 12 digits, such as 123456789012
func New(opts ...Option) *Client {
	c := newClient()
	for _, opt := range opts {
		opt(c)
	}
	// The region and account are empty unless an option gave them: the
	// state's, if there is one, fill them in, and the defaults otherwise.
	r := c.state
	if r != nil {
		c.state = nil
		if err := newStateReader(r).read(c); err != nil {
			panic("kinesisfake: WithState: " + err.Error())
		}
	}
	c.finish(r != nil)
	return c
}

// finish fills in the region and account, unless an option or a restored
// state gave them, and what depends on them, and resumes what a restored
// state has pending.
func (c *Client) finish(restored bool) {
	c.region = cmp.Or(c.region, "us-east-1")
	c.accountID = cmp.Or(c.accountID, "123456789012")
	c.partition = partitionOf(c.region)
	c.limits = c.limits.withDefaults(c.region)
	if restored {
		c.resumeReshards()
	}
}

// newClient is a fake before its options: no state, the real clock, and
// no region or account yet.
func newClient() *Client {
	return &Client{engine: newEngine(), random: rand.New(rand.NewPCG(0, 0))}
}

// NewT returns a fake that is closed when the test ends. Like [New], it
// panics if an option is invalid.
func NewT(tb testing.TB, opts ...Option) *Client {
	tb.Helper()
	c := New(opts...)
	tb.Cleanup(func() { _ = c.Close() })
	return c
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
		return stored()
	}
	return nil
}

// closeState marks the fake closed and ends every subscription. For a fake
// with a store, it stores what is not yet, such as the nonces of iterators
// issued since the last change, and returns what waits for it.
func (c *Client) closeState() (stored func() error) {
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
