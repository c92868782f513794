package kinesisfake

import (
	"time"

	"github.com/aws/aws-sdk-go-v2/service/kinesis/types"

	"github.com/streamfake/kinesis/internal/recorded"
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

// throttle is the throughput limits a fake enforces, if any, and their
// use. It is guarded by the engine's lock.
type throttle struct {
	rates  *Rates              // nil unless throughput limits are enforced
	meters map[meterKey]*meter // use against rates
}

// meter returns the meter for key, creating it.
func (t *throttle) meter(key meterKey) *meter {
	m := t.meters[key]
	if m == nil {
		m = new(meter)
		t.meters[key] = m
	}
	return m
}

// admit applies an operation's call-rate limit to a call about stream and
// shard in account. Called with rates enforced.
func (t *throttle) admit(operation string, rate callRate, account, stream, shard string, now time.Time) error {
	limit := rate.perSecond
	if set, ok := t.rates.Calls[operation]; ok {
		limit = set
	}
	key := meterKey{what: operation}
	switch rate.per {
	case perStream:
		key.owner = stream
	case perShard:
		key.owner, key.shard = stream, shard
	}
	if m := t.meter(key); m.fits(1, limit, now) {
		m.add(1)
		return nil
	}
	switch rate.per {
	case perShard:
		return shardThrottled(account, stream, shard)
	case perStream:
		return limitExceeded("%s", recorded.StreamThrottled(stream, account))
	}
	return limitExceeded("%s", recorded.AccountThrottled(account))
}

// The service's wording for its rate limits: "Rate exceeded for shard
// shardId-000000000000 in stream NAME under account ID." (quoted in
// rclark/kinesis-readable#4), "Rate exceeded for stream NAME under account
// ID." (boto/botocore#821) and recorded.AccountThrottled("ID")
// (Graylog2/graylog-plugin-integrations#341).

func shardThrottledMessage(account, stream, shard string) string {
	return recorded.ShardThrottled(shard, stream, account)
}

func shardThrottled(account, stream, shard string) error {
	return &types.ProvisionedThroughputExceededException{Message: ptr(shardThrottledMessage(account, stream, shard))}
}

// admitWrite counts a record of n bytes against its shard's write limits,
// if they are enforced and let it through, and reports whether they did.
func (t *throttle) admitWrite(s *stream, sh *shard, n int, now time.Time) bool {
	if t.rates == nil {
		return true
	}
	bytes := t.meter(meterKey{what: "write bytes", owner: s.name, shard: sh.id})
	records := t.meter(meterKey{what: "write records", owner: s.name, shard: sh.id})
	if !bytes.fits(n, t.rates.ShardWriteBytes, now) || !records.fits(1, t.rates.ShardWriteRecords, now) {
		return false
	}
	bytes.add(n)
	records.add(1)
	return true
}
