package kinesisfake

import (
	"cmp"
	"crypto/sha256"
	"fmt"
	"maps"
	"slices"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/aws/aws-sdk-go-v2/service/kinesis/types"

	"github.com/streamfake/kinesis/arn"
	"github.com/streamfake/kinesis/internal/recorded"
)

// engine is the fake's state and the rules several operations share:
// adding, finding and forgetting streams, consumers and channels, applying
// reshards, the account's quotas. The operations are methods of Client,
// thin over it; Client adds what is not state: faults, rates, hooks, the
// request log. Everything here is guarded by mu, but for the options,
// which New sets before the fake is used.
type engine struct {
	// The options the rules read.
	region    string
	accountID string
	partition string
	clock     Clock
	delays    Delays
	limits    Limits
	// journal, if not nil, gathers the changes for the store Open gave.
	journal changeLog

	// mu guards everything below: the fake's whole state sits behind one lock.
	mu     sync.Mutex
	closed bool
	// changed, if not nil, is closed and cleared by the next call that
	// changes the state; Client.WaitForQueue waits on it.
	changed chan struct{}
	engineState
}

// noteChange wakes whoever waits on changed.
func (e *engine) noteChange() {
	if e.changed != nil {
		close(e.changed)
		e.changed = nil
	}
}

// engineState is the fake's state, which a store keeps and a fake opened
// on it reads back.
type engineState struct {
	streams  map[string]*stream  // by name, including DELETING ones
	index    streamIndex         // the same streams, ordered and counted
	channels map[string]*channel // by ARN, including DELETING ones
	queues   map[string]*queue   // by ARN, including DELETING ones
	policies map[string]string   // resource policies, by the ARN of their stream or consumer
	// consumerEpochs is the creation second in the latest ARN of each
	// stream/consumer name, across the stream's incarnations.
	consumerEpochs map[string]int64
	account        accountSettings
	stateCounters
	// shardEpochs is the latest creation second of the shards of each
	// stream name's forgotten incarnations; see firstCreated.
	shardEpochs map[string]uint64
}

// newEngine is an engine with no state, on the real clock.
func newEngine() engine {
	return engine{clock: realClock{}, engineState: newEngineState()}
}

// newEngineState is an empty state.
func newEngineState() engineState {
	return engineState{
		streams:        make(map[string]*stream),
		index:          newStreamIndex(),
		channels:       make(map[string]*channel),
		queues:         make(map[string]*queue),
		policies:       make(map[string]string),
		consumerEpochs: make(map[string]int64),
		shardEpochs:    make(map[string]uint64),
	}
}

// Limits are the account quotas the fake enforces. A zero field takes the
// default of a new AWS account, given with each field.
type Limits struct {
	// Shards caps the shards of all PROVISIONED streams together: 20,000 in
	// us-east-1, us-west-2 and eu-west-1, 1,000 elsewhere.
	Shards int
	// OnDemandStreams caps the number of ON_DEMAND streams: 50.
	OnDemandStreams int
	// CreatingStreams caps how many streams may be CREATING at once: 5.
	CreatingStreams int
	// ConsumersPerStream caps the registered consumers of one stream,
	// enhanced fan-out consumers and queues together: 20, the limit of
	// On-demand Standard and PROVISIONED streams. (On-demand Advantage
	// streams have 50; the fake applies this one limit to every stream.)
	ConsumersPerStream int
	// CreatingConsumers caps how many consumers of one stream may be
	// CREATING at once: 5.
	CreatingConsumers int
}

// withDefaults fills the zero fields of l with the service's defaults for
// region (from the "Quotas and limits" page of the Kinesis Developer Guide).
func (l Limits) withDefaults(region string) Limits {
	if l.Shards == 0 {
		l.Shards = 1000
		if region == "us-east-1" || region == "us-west-2" || region == "eu-west-1" {
			l.Shards = 20000
		}
	}
	if l.OnDemandStreams == 0 {
		l.OnDemandStreams = 50
	}
	if l.CreatingStreams == 0 {
		l.CreatingStreams = 5
	}
	if l.ConsumersPerStream == 0 {
		l.ConsumersPerStream = 20
	}
	if l.CreatingConsumers == 0 {
		l.CreatingConsumers = 5
	}
	return l
}

// maxWarmMiBps is the default ceiling of an ON_DEMAND stream's warm
// throughput: 10 GiBps.
const maxWarmMiBps = 10240

// --- Streams ---

// addStream puts a new stream in the account.
func (e *engine) addStream(s *stream) {
	s.journal = e.journal
	if e.journal != nil {
		e.journal.lookedUp(s)
	}
	e.streams[s.name] = s
	e.index.names.insert(s)
	e.index.census.add(s.name, &s.life)
	e.index.count(s, 1)
}

// forgetStream removes a stream whose deletion has completed.
func (e *engine) forgetStream(s *stream) {
	if e.journal != nil {
		e.journal.forget(s)
	}
	e.rememberCreated(s)
	delete(e.streams, s.name)
	e.index.names.remove(s)
	e.index.census.forget(s.name, &s.life)
	if s.pendingReshard != nil {
		e.index.resharding.remove(timed[*stream]{at: s.life.UpdatingUntil, key: s.name})
		s.pendingReshard = nil // a timer may still call settle
	}
	e.index.count(s, -1)
}

// beginDeletion starts deleting s, in any state, with its consumers,
// subscriptions and policies, DELETING for Delays.DeleteStream; deleting
// again does not restart the clock.
func (e *engine) beginDeletion(s *stream, now time.Time) {
	if !s.life.delete(now, e.delays.DeleteStream) {
		return
	}
	e.index.census.deleting(s.name, &s.life)
	for _, k := range slices.Collect(s.liveConsumers(now).skip(0)) { // deregister may forget k
		e.deregister(k, now)
	}
	s.stopSubscriptions(e.streamNotFound(s.name))
	s.signal() // WaitForRecords watches for the stream's end
	e.forgetResource(s.arn)
	e.lookupStream(s.name, now) // a zero delay deletes it now
}

// catchUp makes the transitions whose time has come: it forgets the streams
// whose deletion has completed and applies the reshards due, as looking up
// every stream would.
func (e *engine) catchUp(now time.Time) {
	for name, ok := e.index.census.gone(now); ok; name, ok = e.index.census.gone(now) {
		e.forgetStream(e.streams[name])
	}
	for due, ok := e.index.resharding.first(); ok && !now.Before(due.at); due, ok = e.index.resharding.first() {
		e.settle(due.v, now)
	}
}

// lookupStream finds a live stream by name, forgetting one whose deletion has
// completed.
func (e *engine) lookupStream(name string, now time.Time) *stream {
	s := e.streams[name]
	if s == nil {
		return nil
	}
	if s.life.gone(now) {
		e.forgetStream(s)
		return nil
	}
	e.settle(s, now)
	if e.journal != nil {
		e.journal.lookedUp(s)
	}
	return s
}

// resolveStream finds the stream an input names by StreamName, StreamARN or
// both, as every stream operation accepts.
func (e *engine) resolveStream(name, streamARN *string, now time.Time) (*stream, error) {
	n, err := e.streamName(name, streamARN)
	if err != nil {
		return nil, err
	}
	s := e.lookupStream(n, now)
	if s == nil {
		return nil, e.streamNotFound(n)
	}
	return s, nil
}

// streamName is the name an input designates. The API reference says only
// that one of the two must be given; the errors for neither, and for two
// that disagree, are the fake's own wording.
func (e *engine) streamName(name, streamARN *string) (string, error) {
	if streamARN == nil {
		if name == nil {
			return "", invalidArgument("Either StreamName or StreamARN must be provided.")
		}
		return *name, nil
	}
	a, err := arn.ParseStream(*streamARN)
	if err != nil {
		// The ARN passed the service's pattern but names no stream that
		// could exist.
		resource := *streamARN
		if i := strings.LastIndex(resource, "stream/"); i >= 0 {
			resource = resource[i+len("stream/"):]
		}
		return "", resourceNotFound("%s", recorded.StreamNotFound(resource, e.accountID))
	}
	if name != nil && *name != a.Name {
		return "", invalidArgument("StreamARN %s and StreamName %s do not refer to the same stream.", *streamARN, *name)
	}
	if a.AccountID != e.accountID || a.Region != e.region || a.Partition != e.partition {
		return "", resourceNotFound("%s", recorded.StreamNotFound(a.Name, a.AccountID))
	}
	return a.Name, nil
}

func (e *engine) streamNotFound(name string) error {
	return resourceNotFound("%s", recorded.StreamNotFound(name, e.accountID))
}

func (e *engine) streamARN(name string) string {
	return arn.Stream{Partition: e.partition, Region: e.region, AccountID: e.accountID, Name: name}.String()
}

// requireActive fails for a stream that is not ACTIVE, as the service fails
// the calls that change one.
func (e *engine) requireActive(s *stream, now time.Time) error {
	if st := s.status(now); st != types.StreamStatusActive {
		return e.streamNotActive(s, st)
	}
	return nil
}

// requireReady fails for a stream that is CREATING or DELETING, as the
// service fails the calls an UPDATING stream takes too.
func (e *engine) requireReady(s *stream, now time.Time) error {
	if !s.life.ready(now) {
		return e.streamNotActive(s, s.status(now))
	}
	return nil
}

// streamNotActive is the service's error for a stream in the wrong state,
// in its wording (kinesalite's tests, checked against it).
func (e *engine) streamNotActive(s *stream, st types.StreamStatus) error {
	return resourceInUse("%s", recorded.StreamNotActive(s.name, e.accountID, string(st)))
}

// startUpdating puts the stream in UPDATING for Delays.UpdateStream, as the
// service does while it applies an asynchronous change.
func (e *engine) startUpdating(s *stream, now time.Time) {
	s.life.update(now, e.delays.UpdateStream)
}

// settle applies a pending reshard whose time has come, dated when the
// update completed.
func (e *engine) settle(s *stream, now time.Time) {
	if e.streams[s.name] != s {
		return // forgotten, or put back from a store, since
	}
	if s.pendingReshard != nil && !now.Before(s.life.UpdatingUntil) {
		plan := *s.pendingReshard
		s.pendingReshard = nil
		e.index.resharding.remove(timed[*stream]{at: s.life.UpdatingUntil, key: s.name})
		e.index.count(s, -1)
		made := len(s.shards)
		s.apply(plan, s.life.UpdatingUntil)
		s.reroute(s.shards[made:])
		e.index.count(s, 1)
		if e.journal != nil {
			e.journal.changed(s)
		}
	}
}

// reshard puts the stream in UPDATING and applies plan when the update
// completes: now for a zero delay, else when the clock reaches the end of the
// delay (or a call finds it passed, whichever comes first).
func (e *engine) reshard(s *stream, now time.Time, plan reshardPlan) {
	e.startUpdating(s, now)
	s.pendingReshard = &plan
	e.index.resharding.insert(timed[*stream]{s.life.UpdatingUntil, s.name, s})
	if e.delays.UpdateStream <= 0 {
		e.settle(s, now)
		return
	}
	e.settleLater(s, e.delays.UpdateStream)
}

// settleLater settles the stream once d has passed on the clock, so that
// subscriptions to the shards a reshard closes learn of it then.
func (e *engine) settleLater(s *stream, d time.Duration) {
	e.clock.AfterFunc(d, func() {
		e.mu.Lock()
		defer e.mu.Unlock()
		e.settle(s, e.clock.Now())
	})
}

// firstCreated is the creation second of a new stream's shards: now, or,
// if a stream of the same name had a shard created in that second or
// later, the second after the latest, so that a sequence number of an
// earlier stream of the name never passes for one of the new stream's.
func (e *engine) firstCreated(name string, now time.Time) uint64 {
	created := seconds(now)
	if last, ok := e.shardEpochs[name]; ok && created <= last {
		created = min(last+1, maxSeconds)
	}
	return created
}

// rememberCreated notes, as a stream is forgotten, the latest creation
// second of its shards, for firstCreated.
func (e *engine) rememberCreated(s *stream) {
	var last uint64
	for _, sh := range s.shards {
		last = max(last, sh.created)
	}
	e.shardEpochs[s.name] = last
}

// streamIndex holds the streams of Client.streams in name order, follows
// their transitions, and counts what they use of the account's quotas, all
// kept up to date as streams change, so that no call visits every stream.
type streamIndex struct {
	names      sortedSet[*stream]        // for ListStreams
	census     census                    // by name
	resharding sortedSet[timed[*stream]] // streams with a reshard pending, by when it applies

	// What the streams use of the account's quotas, DELETING ones
	// included until they are gone; see count.
	onDemandStreams   int
	provisionedShards int // open shards of PROVISIONED streams
}

func newStreamIndex() streamIndex {
	return streamIndex{
		names:      newSortedSet(func(a, b *stream) int { return strings.Compare(a.name, b.name) }),
		census:     newCensus(),
		resharding: newSortedSet(byInstant[*stream]),
	}
}

// count adds what s uses of the account's quotas to the totals (sign 1) or
// takes it away (sign -1). A change to s's mode or open shards is made
// between the two.
func (x *streamIndex) count(s *stream, sign int) {
	if s.Mode == types.StreamModeOnDemand {
		x.onDemandStreams += sign
	} else {
		x.provisionedShards += sign * len(s.open)
	}
}

// --- Shards ---

// shardIndex reads the shard an ID names in the named stream. The service
// refuses an ID it cannot read by the ID as given, before it looks for the
// stream (kinesalite's tests against the service: "2147483648" in an unknown
// stream is "Could not find shard 2147483648", "2147483647" is "Stream …
// not found").
func (e *engine) shardIndex(streamName, id string) (int, error) {
	index, ok := parseShardID(id)
	if !ok {
		return 0, resourceNotFound("%s", recorded.ShardNotFound(id, streamName, e.accountID))
	}
	return index, nil
}

// liveShard finds the shard an ID names in s, which is nil for a stream
// that does not exist, with the service's errors for each way it can fail.
func (e *engine) liveShard(s *stream, streamName, id string, now time.Time) (*shard, error) {
	index, err := e.shardIndex(streamName, id)
	if err != nil {
		return nil, err
	}
	if s == nil || index >= len(s.shards) || !s.live(s.shards[index], now) {
		return nil, resourceNotFound("%s", recorded.ShardDoesNotExist(shardID(index), streamName, e.accountID))
	}
	return s.shards[index], nil
}

// position resolves a start in a shard. The checks and their wording are the
// service's, in its order.
func (e *engine) position(s *stream, sh *shard, st start, now time.Time) (position, error) {
	t := st.typ
	bySequence := t == types.ShardIteratorTypeAtSequenceNumber || t == types.ShardIteratorTypeAfterSequenceNumber
	if st.sequence == nil {
		switch t {
		case types.ShardIteratorTypeTrimHorizon:
			return position{}, nil
		case types.ShardIteratorTypeLatest:
			// After what readers see: a record not yet stored may be
			// lost, and its counter given again.
			return position{counter: s.published + 1}, nil
		case types.ShardIteratorTypeAtTimestamp:
			if st.timestamp == nil {
				return position{}, invalidArgument("%s", recorded.NoTimestamp)
			}
			ts := st.timestamp.UnixMilli()
			if ts > now.UnixMilli() {
				return position{}, invalidArgument("%s", recorded.TimestampInFuture(ts, now.UnixMilli()))
			}
			return position{arrival: ts}, nil
		}
		return position{}, invalidArgument("%s", recorded.IteratorTypeMismatch(string(t)+" and no StartingSequenceNumber"))
	}
	if !bySequence {
		return position{}, invalidArgument("%s", recorded.IteratorTypeMismatch(string(t)+" and also a StartingSequenceNumber"))
	}
	given := *st.sequence
	// A version 3 number fails the service in PutRecord (kinesalite's
	// test/putRecord.js); the fake fails it wherever it is read. One of
	// version 0 that encodes the right shard fails it too
	// (test/getShardIterator.js), and one of version 1 did not come from
	// this stream (amazon-archives/amazon-kinesis-connectors#8).
	seq, version, ok := parseSequenceNumber(given)
	switch {
	case !ok:
		return position{}, invalidArgument("%s", recorded.InvalidSequenceNumber(given, st.operation, sh.id, s.name, e.accountID))
	case version == 3:
		return position{}, internalFailure()
	case int(seq.shard) != sh.index:
		return position{}, invalidArgument("%s", recorded.SequenceOfOtherShard(shardID(int(seq.shard)), sh.id))
	case version == 0:
		return position{}, internalFailure()
	case version != 2 || seq.created != sh.created:
		return position{}, invalidArgument("%s", recorded.SequenceNotFromStream(given, st.operation, sh.id, s.name, e.accountID))
	}
	if t == types.ShardIteratorTypeAfterSequenceNumber {
		seq.index++
	}
	return position{counter: seq.index}, nil
}

// --- Quotas ---

// usage is how much of the account's stream quotas its streams use.
type usage struct {
	onDemandStreams   int // ON_DEMAND streams
	provisionedShards int // open shards of PROVISIONED streams, which the shard quota caps
	creatingStreams   int
}

func (e *engine) usage(now time.Time) usage {
	e.catchUp(now)
	return usage{
		onDemandStreams:   e.index.onDemandStreams,
		provisionedShards: e.index.provisionedShards,
		creatingStreams:   e.index.census.creating(now),
	}
}

// checkShardLimit fails if n more shards would exceed the account's quota,
// in the service's wording (recorded by kinesalite's tests against it).
func (e *engine) checkShardLimit(n int, now time.Time) error {
	current := e.usage(now).provisionedShards
	if current+n <= e.limits.Shards {
		return nil
	}
	return limitExceeded("This request would exceed the shard limit for the account %s in %s. "+
		"Current shard count for the account: %d. Limit: %d. Number of additional shards that would have resulted from this request: %d. "+
		"Refer to the AWS Service Limits page (http://docs.aws.amazon.com/general/latest/gr/aws_service_limits.html) for current limits and how to request higher limits.",
		e.accountID, e.region, current, e.limits.Shards, n)
}

// onDemandLimitExceeded is the error for one ON_DEMAND stream too many; the
// wording is the fake's own.
func (e *engine) onDemandLimitExceeded(u usage) error {
	return limitExceeded("Account %s already has %d ON_DEMAND streams, the limit is %d.", e.accountID, u.onDemandStreams, e.limits.OnDemandStreams)
}

// checkWarmThroughput applies the rules for a warm throughput: an ON_DEMAND
// stream, an account with a minimum throughput billing commitment in force,
// and at most 10 GiBps (the default quota). CreateStream, UpdateStreamMode
// and UpdateStreamWarmThroughput share them. The wording is the fake's own:
// the service's is not on public record.
func (e *engine) checkWarmThroughput(mode types.StreamMode, mibps int32, now time.Time) error {
	switch {
	case mode != types.StreamModeOnDemand:
		return invalidArgument("Warm throughput is only supported for streams in ON_DEMAND mode.")
	case !e.account.Commitment.inForce(now):
		return invalidArgument("Warm throughput requires the account %s to have MinimumThroughputBillingCommitment enabled.", e.accountID)
	case mibps > maxWarmMiBps:
		return limitExceeded("WarmThroughputMiBps %d exceeds the limit of %d MiBps for a stream.", mibps, maxWarmMiBps)
	}
	return nil
}

// channelCountLimit is the most channels an account may have. The service
// documents no quota of its own: "the number of deliveries in an account is
// bounded by the On-Demand streams per account per Region quota, because each
// stream can have a maximum of two deliveries" ("Delivery quotas and
// limits"), so the fake reports and enforces that bound.
func (e *engine) channelCountLimit() int {
	return 2 * e.limits.OnDemandStreams
}

// --- Consumers ---

// registerConsumer registers a consumer of s, which has none of that name,
// within the stream's limits, CREATING for Delays.RegisterConsumer: the
// rule every kind of consumer shares.
func (e *engine) registerConsumer(s *stream, name string, tags map[string]string, now time.Time) (*consumer, error) {
	if err := e.checkConsumerRoom(s, now); err != nil {
		return nil, err
	}
	if creating := s.consumerCensus.creating(now); creating >= e.limits.CreatingConsumers {
		return nil, limitExceeded("Stream %s under account %s already has %d consumers in CREATING state, the limit is %d.", s.name, e.accountID, creating, e.limits.CreatingConsumers)
	}

	// The ARN carries the creation time in whole seconds. A consumer
	// registered again within the second its predecessor was registered in
	// is dated a second later, so that its ARN is new, as the API reference
	// promises.
	created := now.Truncate(time.Second).UTC()
	epochKey := s.name + "/" + name
	if last, ok := e.consumerEpochs[epochKey]; ok && created.Unix() <= last {
		created = time.Unix(last+1, 0).UTC()
	}
	a := arn.Consumer{Stream: arn.Stream{Partition: e.partition, Region: e.region, AccountID: e.accountID, Name: s.name}, Name: name, CreationTime: created}
	k := &consumer{
		name:             name,
		arn:              a.String(),
		stream:           s,
		created:          created,
		life:             born(now, e.delays.RegisterConsumer),
		consumerSettings: consumerSettings{Tags: make(map[string]string, len(tags))},
		subs:             map[int]*subscription{},
		lastSubscribed:   map[int]time.Time{},
	}
	if err := e.checkNewTags(tagged{tags: k.Tags, arn: k.arn}, tags); err != nil {
		return nil, err
	}
	maps.Copy(k.Tags, tags)
	e.consumerEpochs[epochKey] = created.Unix()
	s.addConsumer(k)
	return k, nil
}

// checkConsumerRoom refuses a new consumer or queue on s once its
// registered consumers are at the limit: "Queues share this limit with
// enhanced fan-out consumers: both count as registered consumers on the
// stream" (RegisterStreamConsumer's doc comment, v1.57.0).
func (e *engine) checkConsumerRoom(s *stream, now time.Time) error {
	if n := s.liveConsumers(now).len() + e.streamQueues(s, now); n >= e.limits.ConsumersPerStream {
		return limitExceeded("Stream %s under account %s already has %d consumers, the limit is %d.", s.name, e.accountID, n, e.limits.ConsumersPerStream)
	}
	return nil
}

// resourceIDLen is the length of a channel's or queue's ID (newOnStream): a channel's is
// as in the ARN arn:aws:kinesis:us-east-1:123456789012:channel/pw203t4lou5vu3p76
// (the Terraform provider's import example); a queue's is made the same
// way, a valid host label, as the SDK's endpoint rules need ("The resource
// identifier in the ARN is generated when the queue is created and is not
// derived from QueueName").
const resourceIDLen = 17

// newOnStream makes what a new channel or queue (kind "channel" or
// "queue") named name, reading s, shares with the other: a fresh ID and
// ARN, its place in the order of creation, and a lifecycle CREATING for d.
// The ID looks random but is a function of the fake's history, so runs
// repeat; the counter it draws on never goes back, so an ARN never names
// two resources. taken reports whether an ARN is in use.
func (e *engine) newOnStream(kind, name string, s *stream, d time.Duration, taken func(arn string) bool, now time.Time) onStream {
	const digits = "0123456789abcdefghijklmnopqrstuvwxyz"
	for {
		e.LastNonce++
		sum := sha256.Sum256([]byte(fmt.Sprintf("%s:%s:%s:%s:%d", e.partition, e.region, e.accountID, name, e.LastNonce)))
		id := make([]byte, resourceIDLen)
		for i := range id {
			id[i] = digits[int(sum[i])%len(digits)]
		}
		if a := e.resourceARN(kind, string(id)); !taken(a) {
			return onStream{
				arn:           a,
				id:            string(id),
				name:          name,
				seq:           e.LastNonce,
				created:       now.Truncate(time.Second).UTC(), // the service reports whole seconds
				life:          born(now, d),
				stream:        s,
				streamARN:     s.arn,
				streamCreated: s.created,
			}
		}
	}
}

// resourceARN is the ARN of the channel or queue (kind "channel" or
// "queue") with the ID given.
func (e *engine) resourceARN(kind, id string) string {
	return "arn:" + e.partition + ":kinesis:" + e.region + ":" + e.accountID + ":" + kind + "/" + id
}

// consumerByARN finds the consumer an ARN names: its stream, its name and its
// creation time must all match, so the ARN of a deregistered consumer does
// not reach one registered again under the same name.
func (e *engine) consumerByARN(consumerARN string, now time.Time) (*consumer, error) {
	a, err := arn.ParseConsumer(consumerARN)
	if err != nil {
		return nil, resourceNotFound("Consumer %s not found.", consumerARN)
	}
	if a.Stream.AccountID == e.accountID && a.Stream.Region == e.region && a.Stream.Partition == e.partition {
		if s := e.lookupStream(a.Stream.Name, now); s != nil {
			if k := s.lookupConsumer(a.Name, now); k != nil && k.arn == consumerARN {
				return k, nil
			}
		}
	}
	return nil, consumerNotFound(a)
}

// notActive is the service's error for subscribing with a consumer that is
// not ACTIVE.
func (e *engine) notActive(k *consumer) error {
	return resourceInUse("%s", recorded.ConsumerNotActive(k.name, strconv.FormatInt(k.created.Unix(), 10), k.stream.name, e.accountID))
}

// deregister starts a consumer's deletion and ends its subscriptions.
func (e *engine) deregister(k *consumer, now time.Time) {
	if !k.life.delete(now, e.delays.DeregisterConsumer) {
		return
	}
	k.stream.consumerCensus.deleting(k.name, &k.life)
	// What the service sends a subscription whose consumer goes is not on
	// record; the fake ends it with the consumer's not-found error.
	a, _ := arn.ParseConsumer(k.arn)
	for _, sub := range k.subs {
		sub.stop(consumerNotFound(a))
	}
	e.forgetResource(k.arn)
	k.stream.lookupConsumer(k.name, now) // a zero delay removes it now
}

// --- Channels ---

// lookupChannel finds a channel by ARN, forgetting one whose deletion has
// completed. Everything that reaches channels by ARN should use it.
func (e *engine) lookupChannel(channelARN string, now time.Time) *channel {
	return lookupOnStream(e.channels, channelARN, now)
}

// lookupOnStream finds a channel or queue by ARN in m, forgetting one whose
// deletion has completed.
func lookupOnStream[R interface{ base() *onStream }](m map[string]R, arn string, now time.Time) R {
	r, ok := m[arn]
	if ok && r.base().life.gone(now) {
		delete(m, arn)
		var none R
		return none
	}
	return r
}

// liveOnStream lists the channels or queues of m that are not gone,
// DELETING ones included, in order of creation.
func liveOnStream[R interface{ base() *onStream }](m map[string]R, now time.Time) []R {
	var live []R
	for a, r := range m {
		if r.base().life.gone(now) {
			delete(m, a)
			continue
		}
		live = append(live, r)
	}
	slices.SortFunc(live, func(a, b R) int { return cmp.Compare(a.base().seq, b.base().seq) })
	return live
}

// onStreamCount counts the channels or queues of m reading s that are not
// gone, DELETING ones included: each holds its stream until its deletion
// completes.
func onStreamCount[R interface{ base() *onStream }](m map[string]R, s *stream, now time.Time) int {
	n := 0
	for _, r := range liveOnStream(m, now) {
		if r.base().stream == s {
			n++
		}
	}
	return n
}

// channelByARN is lookupChannel failing as the service does.
func (e *engine) channelByARN(channelARN string, now time.Time) (*channel, error) {
	if ch := e.lookupChannel(channelARN, now); ch != nil {
		return ch, nil
	}
	return nil, e.channelNotFound(channelARN)
}

// channelNotFound names the channel by the ID and account in its ARN. The
// wording is the fake's own, after the stream's.
func (e *engine) channelNotFound(channelARN string) error {
	prefix, id, _ := strings.Cut(channelARN, ":channel/")
	account := e.accountID
	if len(prefix) >= 12 {
		account = prefix[len(prefix)-12:]
	}
	return resourceNotFound("Channel %s under account %s not found.", id, account)
}

// liveChannels lists the channels that are not gone, DELETING ones included,
// in order of creation.
func (e *engine) liveChannels(now time.Time) []*channel { return liveOnStream(e.channels, now) }

// streamChannels counts the channels reading from s that are not gone.
func (e *engine) streamChannels(s *stream, now time.Time) int {
	return onStreamCount(e.channels, s, now)
}

// --- Tags and policies ---

// checkTagText checks the text of the tags a call adds or removes, in the
// service's order: characters outside its set, then '%', which the set lists
// but the service refuses, then the reserved prefix "aws:". verb is "add
// tags to" or "remove tags from". Wording from kinesalite's addTagsToStream
// and removeTagsFromStream, checked against the service; the "aws:" error is
// the fake's own.
func (e *engine) checkTagText(t tagged, verb string, keys, values []string) error {
	texts := slices.Concat(keys, values)
	for _, s := range texts {
		if strings.IndexFunc(s, func(r rune) bool { return !tagRune(r) }) >= 0 {
			return invalidArgument("%s", recorded.BadTagCharacters)
		}
	}
	for _, s := range texts {
		if strings.Contains(s, "%") {
			return invalidArgument("%s", recorded.IllegalTagCharacters(verb, t.describe(), e.accountID))
		}
	}
	for _, k := range keys {
		if len(k) >= 4 && strings.EqualFold(k[:4], "aws:") {
			return invalidArgument("Tag keys starting with 'aws:' are reserved for use by AWS.")
		}
	}
	return nil
}

// checkNewTags checks tags about to be added to a resource: their text, and
// the number the resource would then carry.
func (e *engine) checkNewTags(t tagged, add map[string]string) error {
	keys := slices.Sorted(maps.Keys(add))
	values := make([]string, len(keys))
	for i, k := range keys {
		values[i] = add[k]
	}
	if err := e.checkTagText(t, "add tags to", keys, values); err != nil {
		return err
	}
	n := len(t.tags)
	for _, k := range keys {
		if _, ok := t.tags[k]; !ok {
			n++
		}
	}
	if n > maxTagsPerResource {
		if t.stream != nil {
			// The service's wording says 10 although the limit is 50
			// (kinesalite#54, and kinesalite's addTagsToStream since).
			return invalidArgument("%s", recorded.TooManyTags(t.stream.name, e.accountID))
		}
		return invalidArgument("Failed to add tags to resource %s under account %s because a given resource cannot have more than %d tags associated with it.",
			t.arn, e.accountID, maxTagsPerResource)
	}
	return nil
}

// forgetResource drops the policy of a resource that is being deleted, and,
// for a stream, the policies of its consumers, so that a stream or consumer
// created later under the same ARN starts without one. Call it under the
// lock.
func (e *engine) forgetResource(arn string) {
	delete(e.policies, arn)
	// Only a consumer still known to its stream can have a policy: one
	// deregistered earlier lost it then.
	if s := e.streams[strings.TrimPrefix(arn, e.streamARN(""))]; s != nil && s.arn == arn {
		for _, k := range s.consumers {
			delete(e.policies, k.arn)
		}
	}
}

// --- Queues ---

// lookupQueue finds a queue by ARN, forgetting one whose deletion has
// completed. Everything that reaches queues by ARN should use it.
func (e *engine) lookupQueue(queueARN string, now time.Time) *queue {
	return lookupOnStream(e.queues, queueARN, now)
}

// queueByARN is lookupQueue failing as the service does.
func (e *engine) queueByARN(queueARN string, now time.Time) (*queue, error) {
	if q := e.lookupQueue(queueARN, now); q != nil {
		return q, nil
	}
	return nil, e.queueNotFound(queueARN)
}

// queueNotFound names the queue by the ID and account in its ARN. The
// wording is the fake's own, after the stream's.
func (e *engine) queueNotFound(queueARN string) error {
	if a, err := arn.ParseQueue(queueARN); err == nil {
		return resourceNotFound("Queue %s under account %s not found.", a.ID, a.AccountID)
	}
	return resourceNotFound("Queue %s not found.", queueARN)
}

// liveQueues lists the queues that are not gone, DELETING ones included, in
// order of creation.
func (e *engine) liveQueues(now time.Time) []*queue { return liveOnStream(e.queues, now) }

// streamQueues counts the queues on s that are not gone.
func (e *engine) streamQueues(s *stream, now time.Time) int { return onStreamCount(e.queues, s, now) }

// queueReady is the error for a receive from a queue that does not deliver:
// one CREATING or DELETING ("A queue delivers records while it is in the
// ACTIVE state", and "You can continue to receive and acknowledge records
// while the queue is UPDATING"). The service's error is not on record; the
// fake's is the stream's for the same case.
func (e *engine) queueReady(q *queue, now time.Time) error {
	if q.life.ready(now) {
		return nil
	}
	return resourceInUse("Queue %s under account %s not ACTIVE, instead in state %s", q.name, e.accountID, q.status(now))
}

// receive takes up to limit records from q, in flight for visibility from
// now: dead letters if dead, else records visible again, oldest due first,
// then records not delivered before, oldest first across the shards a
// queue may read (a child's after its parents' have all been delivered).
func (e *engine) receive(q *queue, limit int, visibility time.Duration, dead bool, now time.Time) []types.QueueRecord {
	ms := now.UnixMilli()
	// "When a record reaches the end of the data stream's retention
	// period, the queue stops delivering it" (CreateQueue's doc comment).
	for _, sh := range q.stream.shards {
		q.stream.trim(sh, now)
	}
	e.settleDeadLetters(q, ms)
	// The records taken are lifted from their heaps until all are taken,
	// so that one put back visible at once (a visibility of 0) is not
	// taken twice.
	var taken []int32
	from := pileNormal
	if dead {
		from = pileDead
	}
	for len(taken) < limit {
		slot, ok := q.next(from, ms)
		if !ok {
			break
		}
		d := &q.slots[slot]
		sh := q.stream.shards[d.shard]
		switch {
		case int(d.number) < sh.log.start():
			q.remove(slot) // past retention: the queue no longer delivers it
			continue
		case !dead && q.deadLetters() && d.receives >= q.DeadLetter.MaxReceiveCount:
			// A lower MaxReceiveCount set since its last receive.
			q.lift(slot)
			q.place(slot, pileDead)
			continue
		}
		q.lift(slot)
		taken = append(taken, slot)
	}
	if !dead && len(taken) < limit {
		taken = e.takeUndelivered(q, taken, limit, ms)
	}
	due := now.Add(visibility).UnixMilli()
	for _, slot := range taken {
		q.issue(slot, e.pileAfter(q, &q.slots[slot], dead), due)
	}
	return e.queueRecords(q, taken)
}

// pileAfter is the pile a delivery goes to as it is received again: the
// dead letters' if dead, and on the normal path the last chance's if this
// receive is its MaxReceiveCount-th.
func (e *engine) pileAfter(q *queue, d *delivery, dead bool) pile {
	switch {
	case dead:
		return pileDead
	case q.deadLetters() && d.receives+1 >= q.DeadLetter.MaxReceiveCount:
		return pileLastChance
	}
	return pileNormal
}

// settleDeadLetters makes dead letters of the records received
// MaxReceiveCount times whose visibility has run out: "When a record has
// been received MaxReceiveCount times without being acknowledged, it
// becomes a dead-letter record" (CreateQueue's doc comment). They are
// visible on the dead-letter path at once.
func (e *engine) settleDeadLetters(q *queue, ms int64) {
	for slot, ok := q.next(pileLastChance, ms); ok; slot, ok = q.next(pileLastChance, ms) {
		q.lift(slot)
		q.place(slot, pileDead)
	}
}

// takeUndelivered adds to taken, up to limit, records q has not delivered
// before: the oldest to arrive (the first put, of those that arrived in the
// same millisecond) of the next in each shard it may read, one at a time.
func (e *engine) takeUndelivered(q *queue, taken []int32, limit int, ms int64) []int32 {
	type head struct {
		sh *shard
		n  int
		r  *storedRecord
	}
	var heads []head
	find := func() {
		heads = heads[:0]
		for _, sh := range q.stream.shards {
			if n := max(q.cursor(sh), sh.log.start()); n < sh.log.end() && e.parentsDelivered(q, sh) {
				heads = append(heads, head{sh, n, sh.log.at(n)})
			}
		}
	}
	find()
	for len(taken) < limit && len(heads) > 0 {
		best := 0
		for i, h := range heads[1:] {
			if b := heads[best].r; h.r.arrival < b.arrival || h.r.arrival == b.arrival && h.r.counter < b.counter {
				best = i + 1
			}
		}
		h := &heads[best]
		taken = append(taken, q.add(int32(h.sh.index), int64(h.n), ms))
		q.advance(h.sh, h.n+1)
		if h.n++; h.n < h.sh.log.end() {
			h.r = h.sh.log.at(h.n)
			continue
		}
		// A shard read to its end may let its children be read.
		find()
	}
	return taken
}

// parentsDelivered reports whether q has delivered every record of sh's
// parents, so that the records of a partition key come parent before
// child.
func (e *engine) parentsDelivered(q *queue, sh *shard) bool {
	for _, id := range []string{sh.parent, sh.adjacentParent} {
		if id == "" {
			continue
		}
		i, ok := parseShardID(id)
		if !ok || i >= len(q.stream.shards) {
			continue
		}
		p := q.stream.shards[i]
		if p.open() || max(q.cursor(p), p.log.start()) < p.log.next {
			return false
		}
	}
	return true
}

// queueRecords copies out the records of slots as a receive returns them.
// A few allocations hold everything they point to, however many there are,
// as recordList does for GetRecords.
func (e *engine) queueRecords(q *queue, slots []int32) []types.QueueRecord {
	n := len(slots)
	out := make([]types.QueueRecord, n)
	if n == 0 {
		return out
	}
	views := make([]record, n)
	dataLen, textLen := 0, 0
	for i, slot := range slots {
		d := &q.slots[slot]
		views[i] = q.stream.shards[d.shard].log.get(int(d.number))
		dataLen += len(views[i].data)
		textLen += sequenceNumberLen + len(views[i].key) + len(q.id) + 2*(1+13) // a handle's slot and nonce in base 36
	}
	// Every record ID, receipt handle and partition key in one string.
	text := make([]byte, 0, textLen)
	ends := make([]int, 3*n)
	for i, slot := range slots {
		d := &q.slots[slot]
		sh := q.stream.shards[d.shard]
		text = sh.sequence(views[i].counter, arrivalSeconds(views[i].arrival)).appendTo(text)
		ends[3*i] = len(text)
		text = appendReceiptHandle(text, q.id, slot, d.handle)
		ends[3*i+1] = len(text)
		text = append(text, views[i].key...)
		ends[3*i+2] = len(text)
	}
	all := string(text)
	data := make([]byte, 0, dataLen)
	strs := make([]string, 3*n)
	times := make([]time.Time, 2*n)
	counts := make([]int32, n)
	from := 0
	for i, slot := range slots {
		d := &q.slots[slot]
		for j := range 3 {
			strs[3*i+j] = all[from:ends[3*i+j]]
			from = ends[3*i+j]
		}
		start := len(data)
		data = append(data, views[i].data...)
		times[2*i], times[2*i+1] = time.UnixMilli(views[i].arrival).UTC(), time.UnixMilli(d.first).UTC()
		counts[i] = d.receives
		out[i] = types.QueueRecord{
			RecordId:                    &strs[3*i],
			ReceiptHandle:               &strs[3*i+1],
			PartitionKey:                &strs[3*i+2],
			Data:                        data[start:len(data):len(data)],
			ApproximateArrivalTimestamp: &times[2*i],
			FirstReceiveTimestamp:       &times[2*i+1],
			ReceiveCount:                &counts[i],
		}
	}
	return out
}

// queueWake is what ends the wait of a receive from q that found nothing:
// records arriving in its stream (or the stream, or the fake, ending), and
// the first instant a record it could take becomes visible, if any.
func (e *engine) queueWake(q *queue, dead bool) (<-chan struct{}, time.Time) {
	s := q.stream
	if s.waiting == nil {
		s.waiting = make(chan struct{})
	}
	var at int64
	has := false
	for _, p := range []pile{pileNormal, pileLastChance, pileDead} {
		if (p == pileNormal) == dead {
			continue
		}
		if due, ok := q.soonest(p); ok && (!has || due < at) {
			at, has = due, true
		}
	}
	if !has {
		return s.waiting, time.Time{}
	}
	return s.waiting, time.UnixMilli(at)
}
