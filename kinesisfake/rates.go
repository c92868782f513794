package kinesisfake

import (
	"fmt"
	"maps"
	"math/rand/v2"
	"slices"
	"time"

	"github.com/aws/aws-sdk-go-v2/service/kinesis/types"
)

// Throughput limits, measured on the fake's clock. They are off unless a
// test sets them with WithRates, as most tests want a fake that never
// throttles.

// Rates are the service's throughput limits. A zero field takes the
// service's default, given with each field; a negative one lifts the limit.
type Rates struct {
	// ShardWriteBytes caps the data and partition keys written to one
	// shard per second: 1 MiB.
	ShardWriteBytes int
	// ShardWriteRecords caps the records written to one shard per second:
	// 1,000.
	ShardWriteRecords int
	// ShardReadBytes caps the data GetRecords returns from one shard per
	// second: 2 MiB. As in the service, one call may return up to 10 MiB;
	// the calls after it are throttled until the average is back under.
	ShardReadBytes int
	// SubscriptionBytes caps the data SubscribeToShard sends one consumer
	// from one shard per second: 2 MiB. Over it, events wait.
	SubscriptionBytes int
	// Calls changes the calls per second allowed to the operations that
	// [DefaultCallRates] lists, by name: a negative rate lifts the limit,
	// and a rate of zero throttles every call.
	Calls map[string]int
}

// callRate is an operation's limit: so many calls per second, counted per
// account, per stream or per shard.
// The zero callRate is no limit. The limits are those the API reference
// states in the SDK's doc comments ("has a limit of five transactions per
// second per account", and so on); SubscribeToShard's one call per second
// per consumer and shard is subsumed by its 5-second rule.
type callRate struct {
	perSecond int
	per       rateScope
}

type rateScope int

const (
	perAccount rateScope = iota
	perStream
	perShard
)

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

// meter measures use against a per-second limit as a token bucket: what was
// used drains at the limit's pace, so a limit of n admits n at once and n
// more each second. Amounts are kept in billionths so that draining is
// exact in nanoseconds.
type meter struct {
	used int64 // in billionths
	at   time.Time
}

// meterKey names a meter: an operation or a kind of throughput, and whose
// use it counts: a stream's or a consumer's (by name or ARN), on a shard.
type meterKey struct {
	what, owner, shard string
}

func (m *meter) level(limit int, now time.Time) int64 {
	if limit <= 0 {
		return m.used
	}
	if d := now.Sub(m.at); d > 0 {
		// Compared before multiplying, which could overflow.
		if d.Nanoseconds() >= m.used/int64(limit) {
			m.used = 0
		} else {
			m.used -= d.Nanoseconds() * int64(limit)
		}
		m.at = now
	}
	return m.used
}

// fits reports whether n more stays within limit; a negative limit is none.
func (m *meter) fits(n, limit int, now time.Time) bool {
	return limit < 0 || m.level(limit, now)+int64(n)*1e9 <= int64(limit)*1e9
}

// add counts n, however far over the limit that goes.
func (m *meter) add(n int) { m.used += int64(n) * 1e9 }

// wait reports how long until the meter is back under limit; zero if it is.
func (m *meter) wait(limit int, now time.Time) time.Duration {
	if limit <= 0 {
		return 0
	}
	over := m.level(limit, now) - int64(limit)*1e9
	if over < 0 {
		return 0
	}
	return time.Duration(over/int64(limit) + 1)
}

// meter returns the meter for key, creating it. Called with Client.mu held.
func (c *Client) meter(key meterKey) *meter {
	m := c.meters[key]
	if m == nil {
		m = new(meter)
		c.meters[key] = m
	}
	return m
}

// admit applies an operation's call-rate limit to a call about stream and
// shard. Called with Client.mu held and rates enforced.
func (c *Client) admit(operation string, rate callRate, stream, shard string, now time.Time) error {
	limit := rate.perSecond
	if set, ok := c.rates.Calls[operation]; ok {
		limit = set
	}
	key := meterKey{what: operation}
	switch rate.per {
	case perStream:
		key.owner = stream
	case perShard:
		key.owner, key.shard = stream, shard
	}
	if m := c.meter(key); m.fits(1, limit, now) {
		m.add(1)
		return nil
	}
	switch rate.per {
	case perShard:
		return c.shardThrottled(stream, shard)
	case perStream:
		return limitExceeded("Rate exceeded for stream %s under account %s.", stream, c.accountID)
	}
	return limitExceeded("Rate exceeded for account %s.", c.accountID)
}

// The service's wording for its rate limits: "Rate exceeded for shard
// shardId-000000000000 in stream NAME under account ID." (quoted in
// rclark/kinesis-readable#4), "Rate exceeded for stream NAME under account
// ID." (boto/botocore#821) and "Rate exceeded for account ID."
// (Graylog2/graylog-plugin-integrations#341).

func (c *Client) shardThrottledMessage(stream, shard string) string {
	return "Rate exceeded for shard " + shard + " in stream " + stream + " under account " + c.accountID + "."
}

func (c *Client) shardThrottled(stream, shard string) error {
	return &types.ProvisionedThroughputExceededException{Message: ptr(c.shardThrottledMessage(stream, shard))}
}

// admitWrite counts a record of n bytes against its shard's write limits,
// if they are enforced and let it through, and reports whether they did.
// Called with Client.mu held.
func (c *Client) admitWrite(s *stream, sh *shard, n int, now time.Time) bool {
	if c.rates == nil {
		return true
	}
	bytes := c.meter(meterKey{what: "write bytes", owner: s.name, shard: sh.id})
	records := c.meter(meterKey{what: "write records", owner: s.name, shard: sh.id})
	if !bytes.fits(n, c.rates.ShardWriteBytes, now) || !records.fits(1, c.rates.ShardWriteRecords, now) {
		return false
	}
	bytes.add(n)
	records.add(1)
	return true
}
