package kinesisfake

import (
	"cmp"
	"fmt"
	"io"
	"log/slog"
	"maps"
	"math/rand/v2"
	"reflect"
	"slices"
	"testing"

	"github.com/streamfake/kinesis/internal/awsid"
)

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

// DefaultCallRates returns the calls per second the API reference allows
// each operation that states a limit, as the fake enforces them under
// [WithRates].
func DefaultCallRates() map[string]int {
	rates := make(map[string]int)
	for _, op := range operations {
		if _, r := op.facts(); r.perSecond > 0 {
			rates[op.name()] = r.perSecond
		}
	}
	return rates
}

// WithRates makes the fake enforce the service's throughput limits, as r
// sets them, on its clock: over a limit, data-plane calls fail with
// ProvisionedThroughputExceededException (PutRecords per entry), and
// control-plane calls with LimitExceededException, as in the service.
// Given a name in r.Calls that [DefaultCallRates] does not list, [New]
// panics.
func WithRates(r Rates) Option {
	return func(c *Client) {
		defaults := DefaultCallRates()
		for _, op := range slices.Sorted(maps.Keys(r.Calls)) {
			if _, ok := defaults[op]; !ok {
				panic(fmt.Sprintf("kinesisfake: WithRates: Rates.Calls names %q, which has no call rate; see DefaultCallRates", op))
			}
		}
		for _, f := range []struct {
			field *int
			def   int
		}{
			{&r.ShardWriteBytes, 1 << 20},
			{&r.ShardWriteRecords, 1000},
			{&r.ShardReadBytes, 2 << 20},
			{&r.SubscriptionBytes, 2 << 20},
		} {
			if *f.field == 0 {
				*f.field = f.def
			}
		}
		c.rates = &r
		c.meters = make(map[meterKey]*meter)
	}
}

// WithSeed seeds the source of every random choice the fake makes, such as
// which calls a [Fault] with a Ratio fails. The default seed is 0, so runs
// repeat unless a test varies the seed.
func WithSeed(seed uint64) Option {
	return func(c *Client) { c.random = rand.New(rand.NewPCG(seed, seed)) }
}

// WithState starts the fake from a state [Client.Snapshot] wrote, read from
// r when [New] applies its options: the streams, shards, records, consumers,
// channels, settings and counters it holds, as they were. A test keeps one
// in testdata and loads it instead of a page of set-up calls:
//
//	f, err := os.Open("testdata/orders.json")
//	// ...
//	defer f.Close()
//	fake := kinesisfake.NewT(t, kinesisfake.WithState(f), kinesisfake.WithClock(clock))
//
// The restored fake behaves as the one snapshotted would: its records have
// the same sequence numbers, and new ones continue above them; iterators
// and NextTokens issued before the snapshot still work, or have still
// expired; a stream created again under a name that was deleted is a new
// incarnation, and a consumer registered again under a name gets a new ARN.
// It has no subscriptions, hooks or faults, and its configuration is the
// options given to New, not the snapshotted fake's (see [Client.Snapshot]).
//
// The state's times are absolute: a stream CREATING until 09:00:05 is ACTIVE
// once the restored fake's clock passes 09:00:05, records expire when the
// clock passes their arrival plus the retention period, and so on,
// whatever the clock read when the snapshot was taken. A fixture meant to
// replay as it was taken wants a [FakeClock] set to about when it was
// taken: on the real clock, a fixture's records from last month are past a
// 24-hour retention at once. A clock that reads earlier than the state's
// times works too, as after [FakeClock.Set] moves one back: what is due
// later happens later, and new sequence numbers still come after the
// state's.
//
// The state carries its region and account ID, which its ARNs hold: the
// restored fake takes them, and [WithRegion] or [WithAccountID], if given,
// must agree with them.
//
// New reads r to its end, and panics, as for any option that cannot mean
// anything, if r is nil, if reading it fails, or if what it holds is not a
// state this package reads: not JSON, another format or version, or a
// state that could not be, such as one with two streams of the same name, a
// shard whose parent does not exist, open shards that do not cover the hash
// key space, or records out of order or whose sequence numbers do not fit
// their shard. The message names the option and what is wrong, and where,
// such as
//
//	kinesisfake: WithState: streams[0] ("orders"): shards[1]: records[2]: sequence number 4962… is not above the one before it
func WithState(r io.Reader) Option {
	return func(c *Client) {
		if r == nil || isNilPointer(r) {
			panic(fmt.Sprintf("kinesisfake: WithState(%s): an io.Reader is required", nilName(r)))
		}
		c.state = r
	}
}

// WithRequestLog makes the fake's [Client.Handler], and so [Client.Server]
// and [Client.SDKClient], log each request it serves to logger, as
// cmd/kinesisfake does on stderr: one record at [slog.LevelInfo] with the
// message "request" and these attributes, in this order:
//
//   - operation: the operation X-Amz-Target names, such as PutRecord; ""
//     for a request that names none of the service's (a GET, say).
//   - stream: the stream the request is about, read as [Call].Stream is;
//     "" where the input names none or could not be read.
//   - status: the HTTP status of the answer, such as 200 or 400.
//   - error: the type of the error the answer carries, such as
//     ResourceNotFoundException; "" for a success.
//   - duration: how long the handler took to serve the request, on the
//     fake's clock, as every time it reports (a [slog.Duration]: text such
//     as 1.2ms from a TextHandler, nanoseconds from a JSONHandler). On a
//     [FakeClock] that is the time the clock was moved meanwhile, such as a
//     fault's Latency.
//   - requestId: the answer's x-amzn-RequestId, as errors carry it.
//
// SubscribeToShard is logged once, when its event stream ends: its status
// is 200 once the stream has begun, its duration is the whole subscription,
// and its error is the exception that ended the stream, if one did (such as
// ResourceNotFoundException when the stream is deleted, or one given to
// [Client.EndSubscriptions]), "" when it ran its course or the client went
// away.
//
// Only requests served over the wire are logged: the methods of [Client]
// called directly are not. Without WithRequestLog the handler logs nothing
// and does no work towards it. Given a nil logger, [New] panics.
func WithRequestLog(logger *slog.Logger) Option {
	return func(c *Client) {
		if logger == nil {
			panic("kinesisfake: WithRequestLog(nil): a *slog.Logger is required; leave WithRequestLog out for no log")
		}
		c.requestLog = logger
	}
}
