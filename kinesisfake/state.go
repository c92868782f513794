package kinesisfake

import (
	"context"
	"fmt"
	"maps"
	"math"
	"slices"
	"sort"
	"strings"
	"time"

	"github.com/aws/aws-sdk-go-v2/service/kinesis/types"

	"github.com/streamfake/kinesis/arn"
	"github.com/streamfake/kinesis/eventstream"
)

// The fake's state, which the operations read and change: streams and
// their shards, consumers, channels, subscriptions and the account's
// settings, each with its lifecycle; the lookups that find them by name or
// ARN, forgetting what is gone; and the rules they share (quotas, tags).
// Records are kept in recordlog.go, indexes in index.go. Everything here is
// guarded by Client.mu.

// --- Lifecycle ---

// lifecycle is where a stream, consumer or channel stands in its
// transitions. Those that take time (CREATING → ACTIVE, UPDATING → ACTIVE,
// DELETING → gone) are stored as the instant they complete and read against
// the clock, so they happen exactly when the clock passes that instant,
// whichever clock it is, with no goroutine to run them. A clock set back
// makes a thing CREATING or UPDATING again until it passes again; a thing
// once forgotten as gone stays so.
type lifecycle struct {
	activeAt      time.Time // CREATING before this
	updatingUntil time.Time // UPDATING before this
	deleting      bool
	goneAt        time.Time // once deleting, gone from this instant
}

// phase is a lifecycle's status at an instant, spelt as the service spells
// the statuses of streams, consumers and channels alike.
type phase string

const (
	phaseCreating phase = "CREATING"
	phaseActive   phase = "ACTIVE"
	phaseUpdating phase = "UPDATING"
	phaseDeleting phase = "DELETING"
)

// born is the lifecycle of a thing made at now, CREATING for d.
func born(now time.Time, d time.Duration) lifecycle {
	return lifecycle{activeAt: now.Add(d)}
}

// phase is the status at now. Deletion comes first: the service deletes a
// thing in any state, even CREATING. A thing whose deletion has completed
// still reads DELETING; whoever finds it gone forgets it.
func (l *lifecycle) phase(now time.Time) phase {
	switch {
	case l.deleting:
		return phaseDeleting
	case now.Before(l.activeAt):
		return phaseCreating
	case now.Before(l.updatingUntil):
		return phaseUpdating
	}
	return phaseActive
}

// gone reports whether the thing's deletion has completed by now.
func (l *lifecycle) gone(now time.Time) bool {
	return l.deleting && !now.Before(l.goneAt)
}

// ready reports whether the thing is ACTIVE or UPDATING at now: made, and
// not being deleted.
func (l *lifecycle) ready(now time.Time) bool {
	p := l.phase(now)
	return p == phaseActive || p == phaseUpdating
}

// update makes the thing UPDATING for d from now.
func (l *lifecycle) update(now time.Time, d time.Duration) {
	l.updatingUntil = now.Add(d)
}

// delete starts the thing's deletion, gone d from now, and reports whether
// it did: deleting it again does not restart the clock.
func (l *lifecycle) delete(now time.Time, d time.Duration) bool {
	if l.deleting {
		return false
	}
	l.deleting, l.goneAt = true, now.Add(d)
	return true
}

// --- Streams ---

// stream is a data stream: one incarnation of its name.
type stream struct {
	name    string
	arn     string
	tag     uint64    // tells this incarnation of the name from earlier ones
	created time.Time // StreamCreationTimestamp

	life           lifecycle
	pendingReshard *reshardPlan // applied when UPDATING ends; see settle
	scalings       []time.Time  // recent UpdateShardCount calls

	mode         types.StreamMode
	warm         *types.WarmThroughputObject // ON_DEMAND warm throughput, nil when none
	distribution types.RecordDistributionStrategy
	encryption   types.EncryptionType // NONE or KMS, for records put from now on
	// encryptionChanges records when encryption changed, so that records
	// need not carry it.
	encryptionChanges []encryptionChange
	keyID             string              // the KMS key while encryption is KMS
	monitoring        []types.MetricsName // enabled shard-level metrics, in the service's order
	spread            uint64              // how AUTO distribution picks the next shard
	retention         time.Duration
	maxRecordSize     int // bytes of data plus partition key
	tags              map[string]string

	consumers      map[string]*consumer // by name, including DELETING ones
	consumerList   sortedSet[*consumer] // the same, in the order ListStreamConsumers gives
	consumerCensus census               // the same, by name

	shards  []*shard // by index; a shard's index is the number in its ID
	open    []*shard // the open shards in hash key order; see reroute
	counter uint64   // the last sequence counter handed out; see sequenceNumber
	latest  uint64   // the latest time in a sequence number handed out; see checkOrdering

	journal *journal // the fake's, if it keeps a store

	// waiting is closed, and set back to nil, when records arrive, the
	// stream's deletion starts or the fake closes; WaitForRecords makes it
	// and waits on it. It is nil while nobody waits, so a put costs one
	// comparison more.
	waiting chan struct{}
}

func (s *stream) status(now time.Time) types.StreamStatus {
	return types.StreamStatus(s.life.phase(now))
}

// signal wakes whoever waits on the stream in WaitForRecords.
func (s *stream) signal() {
	if s.waiting != nil {
		close(s.waiting)
		s.waiting = nil
	}
}

// stopSubscriptions ends every subscription to the stream with err.
func (s *stream) stopSubscriptions(err error) {
	for _, sh := range s.shards {
		for _, sub := range sh.subs {
			sub.stop(err)
		}
	}
}

// encryptionChange is the encryption of the records put from a counter on.
type encryptionChange struct {
	from uint64
	kms  bool
}

// setEncryption changes the encryption of the records put from now on: KMS
// with the key keyID, or, with keyID empty, none.
func (s *stream) setEncryption(keyID string) {
	e := types.EncryptionTypeKms
	if keyID == "" {
		e = types.EncryptionTypeNone
	}
	s.encryption, s.keyID = e, keyID
	s.encryptionChanges = append(s.encryptionChanges, encryptionChange{from: s.counter + 1, kms: e == types.EncryptionTypeKms})
}

// recordEncryption is how the record with counter is reported: encrypted
// with KMS or not, as the stream was when it was put.
func (s *stream) recordEncryption(counter uint64) types.EncryptionType {
	i := sort.Search(len(s.encryptionChanges), func(i int) bool { return s.encryptionChanges[i].from > counter })
	if i > 0 && s.encryptionChanges[i-1].kms {
		return types.EncryptionTypeKms
	}
	return types.EncryptionTypeNone
}

// enhancedMonitoring reports the stream's shard-level metrics as the API
// does: one EnhancedMetrics holding the list, empty when none are enabled.
func (s *stream) enhancedMonitoring() []types.EnhancedMetrics {
	return []types.EnhancedMetrics{{ShardLevelMetrics: append([]types.MetricsName{}, s.monitoring...)}}
}

// keyIDOrNil is KeyId as the API reports it.
func (s *stream) keyIDOrNil() *string {
	if s.keyID == "" {
		return nil
	}
	return ptr(s.keyID)
}

// warmThroughput is a stream's warm throughput once set. The fake scales
// instantly: the current throughput is the target as soon as it is set.
func warmThroughput(mibps int32) *types.WarmThroughputObject {
	return &types.WarmThroughputObject{CurrentMiBps: ptr(mibps), TargetMiBps: ptr(mibps)}
}

// copyWarmThroughput copies a warm throughput out to an output.
func copyWarmThroughput(w *types.WarmThroughputObject) *types.WarmThroughputObject {
	if w == nil {
		return nil
	}
	return &types.WarmThroughputObject{CurrentMiBps: ptr(*w.CurrentMiBps), TargetMiBps: ptr(*w.TargetMiBps)}
}

// requireActive fails for a stream that is not ACTIVE, as the service fails
// the calls that change one.
func (e *engine) requireActive(s *stream, now time.Time) error {
	if st := s.status(now); st != types.StreamStatusActive {
		return e.streamNotActive(s, st)
	}
	return nil
}

// showsShards reports whether descriptions of the stream list its shards:
// the service shows none while a stream is CREATING or DELETING.
func (s *stream) showsShards(now time.Time) bool { return s.life.ready(now) }

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
	return resourceInUse("Stream %s under account %s not ACTIVE, instead in state %s", s.name, e.accountID, st)
}

// startUpdating puts the stream in UPDATING for Delays.UpdateStream, as the
// service does while it applies an asynchronous change.
func (e *engine) startUpdating(s *stream, now time.Time) {
	s.life.update(now, e.delays.UpdateStream)
}

// settle applies a pending reshard whose time has come, dated when the
// update completed.
func (e *engine) settle(s *stream, now time.Time) {
	if s.pendingReshard != nil && !now.Before(s.life.updatingUntil) {
		plan := *s.pendingReshard
		s.pendingReshard = nil
		e.index.resharding.remove(timed[*stream]{at: s.life.updatingUntil, key: s.name})
		e.index.count(s, -1)
		made := len(s.shards)
		s.apply(plan, s.life.updatingUntil)
		s.reroute(s.shards[made:])
		e.index.count(s, 1)
		e.journal.changed(s)
	}
}

// reroute lists the shards that take new records, in hash key order, for
// route to search. Call it whenever shards open or close, with the shards
// made since the last call: it visits those and the ones that were open,
// not every shard that resharding has closed.
func (s *stream) reroute(made []*shard) {
	before := func(a, b *shard) bool { return a.hashRange.start.less(b.hashRange.start) }
	kept := slices.DeleteFunc(s.open, func(sh *shard) bool { return !sh.open() })
	opened := slices.DeleteFunc(slices.Clone(made), func(sh *shard) bool { return !sh.open() })
	sort.Slice(opened, func(i, j int) bool { return before(opened[i], opened[j]) })
	// Merge the two sorted lists.
	open := make([]*shard, 0, len(kept)+len(opened))
	for len(kept) > 0 && len(opened) > 0 {
		if before(kept[0], opened[0]) {
			open, kept = append(open, kept[0]), kept[1:]
		} else {
			open, opened = append(open, opened[0]), opened[1:]
		}
	}
	s.open = append(append(open, kept...), opened...)
}

// --- Shards ---

// shard is one of a stream's shards, open or closed.
type shard struct {
	id        string
	index     int
	hashRange hashKeyRange
	// The hash key range and sequence range as the API shows them.
	startingHashKey, endingHashKey string
	startingSeq, endingSeq         string // endingSeq is empty while the shard is open
	created                        uint64 // Unix seconds, as its sequence numbers carry it

	parent, adjacentParent string
	children               []*shard // those it was split or merged into

	opened time.Time
	closed time.Time // zero while open

	log recordLog // the records

	subs []*subscription // subscriptions reading the shard, told of new records
}

func (sh *shard) open() bool { return sh.closed.IsZero() }

// sequence is the shard's sequence number with the given index and time.
func (sh *shard) sequence(index, time uint64) sequenceNumber {
	return sequenceNumber{created: sh.created, index: index, time: time, shard: int32(sh.index)}
}

func shardID(index int) string { return fmt.Sprintf("shardId-%012d", index) }

// parseShardID reads a shard ID as the service does: the digits after the
// last '-' (or the whole ID if it has none), so "shardId-000000000001",
// "shardId-1", "any-name-1" and "1" name the same shard (issue 11;
// kinesalite's tests against the service). It fails for an ID whose number
// is missing, not digits, or beyond Java's int.
func parseShardID(id string) (int, bool) {
	digits := id[strings.LastIndexByte(id, '-')+1:]
	n, ok := readDigits(digits)
	if !ok || digits == "" || n > math.MaxInt32 {
		return 0, false
	}
	return int(n), true
}

// shardIndex reads the shard an ID names in the named stream. The service
// refuses an ID it cannot read by the ID as given, before it looks for the
// stream (kinesalite's tests against the service: "2147483648" in an unknown
// stream is "Could not find shard 2147483648", "2147483647" is "Stream …
// not found").
func (e *engine) shardIndex(streamName, id string) (int, error) {
	index, ok := parseShardID(id)
	if !ok {
		return 0, resourceNotFound("Could not find shard %s in stream %s under account %s.", id, streamName, e.accountID)
	}
	return index, nil
}

// newShard makes a shard that opens now, created in the second created. Its
// open and close times are kept in milliseconds, the service's precision.
// Its sequence range starts at index 0 and time created, as kinesalite has
// it (actions/util.createShards.js).
func (s *stream) newShard(r hashKeyRange, now time.Time, created uint64) *shard {
	index := len(s.shards)
	sh := &shard{
		id:              shardID(index),
		index:           index,
		hashRange:       r,
		startingHashKey: r.start.String(),
		endingHashKey:   r.end.String(),
		created:         created,
		opened:          now.Truncate(time.Millisecond),
	}
	sh.startingSeq = sh.sequence(0, created).String()
	s.latest = max(s.latest, created)
	s.shards = append(s.shards, sh)
	return sh
}

// closeShard closes a shard to new records, as resharding does: its
// sequence range ends, at the highest index (kinesalite's
// actions/splitShard.js), and its subscriptions are told so that they can
// send their last event.
func (s *stream) closeShard(sh *shard, now time.Time) {
	sh.closed = now.Truncate(time.Millisecond)
	sh.endingSeq = sh.sequence(maxIndex, seconds(now)).String()
	s.latest = max(s.latest, seconds(now))
	for _, sub := range sh.subs {
		sub.notify()
	}
}

// trim drops the records that have outlived the stream's retention period.
func (s *stream) trim(sh *shard, now time.Time) {
	start := sh.log.start()
	sh.log.expire(now.Add(-s.retention).UnixMilli())
	if s.journal != nil && sh.log.start() != start {
		s.journal.trimmed(s, sh)
	}
}

// live reports whether a shard has not expired: it is open, or closed with
// records still within retention.
func (s *stream) live(sh *shard, now time.Time) bool {
	return sh.open() || now.Before(sh.closed.Add(s.retention))
}

// liveShard finds the shard an ID names in s, which is nil for a stream
// that does not exist, with the service's errors for each way it can fail.
func (e *engine) liveShard(s *stream, streamName, id string, now time.Time) (*shard, error) {
	index, err := e.shardIndex(streamName, id)
	if err != nil {
		return nil, err
	}
	if s == nil || index >= len(s.shards) || !s.live(s.shards[index], now) {
		return nil, resourceNotFound("Shard %s in stream %s under account %s does not exist", shardID(index), streamName, e.accountID)
	}
	return s.shards[index], nil
}

// shardPage lists, in ID order, up to limit of the shards after the ID
// after that keep accepts, and whether more follow. It visits no shard
// before after.
func (s *stream) shardPage(after string, limit int, keep func(*shard) bool) (page []*shard, more bool) {
	i := sort.Search(len(s.shards), func(i int) bool { return s.shards[i].id > after })
	for _, sh := range s.shards[i:] {
		if !keep(sh) {
			continue
		}
		if len(page) == limit {
			return page, true
		}
		page = append(page, sh)
	}
	return page, false
}

// shardList describes shards as the API does.
func shardList(shards []*shard) []types.Shard {
	out := make([]types.Shard, len(shards))
	for i, sh := range shards {
		out[i] = types.Shard{
			ShardId: ptr(sh.id),
			HashKeyRange: &types.HashKeyRange{
				StartingHashKey: ptr(sh.startingHashKey),
				EndingHashKey:   ptr(sh.endingHashKey),
			},
			SequenceNumberRange: &types.SequenceNumberRange{StartingSequenceNumber: ptr(sh.startingSeq)},
		}
		if sh.endingSeq != "" {
			out[i].SequenceNumberRange.EndingSequenceNumber = ptr(sh.endingSeq)
		}
		if sh.parent != "" {
			out[i].ParentShardId = ptr(sh.parent)
		}
		if sh.adjacentParent != "" {
			out[i].AdjacentParentShardId = ptr(sh.adjacentParent)
		}
	}
	return out
}

// childShards describes the shards a closed shard was split or merged into.
func (parent *shard) childShards() []types.ChildShard {
	var children []types.ChildShard
	for _, sh := range parent.children {
		parents := []string{sh.parent}
		if sh.adjacentParent != "" {
			parents = append(parents, sh.adjacentParent)
		}
		children = append(children, types.ChildShard{
			ShardId:      ptr(sh.id),
			ParentShards: parents,
			HashKeyRange: &types.HashKeyRange{StartingHashKey: ptr(sh.startingHashKey), EndingHashKey: ptr(sh.endingHashKey)},
		})
	}
	return children
}

// --- The account's streams ---

// addStream puts a new stream in the account.
func (e *engine) addStream(s *stream) {
	s.journal = e.journal
	e.journal.lookedUp(s)
	e.streams[s.name] = s
	e.index.names.insert(s)
	e.index.census.add(s.name, &s.life)
	e.index.count(s, 1)
}

// forgetStream removes a stream whose deletion has completed.
func (e *engine) forgetStream(s *stream) {
	e.journal.forget(s)
	e.rememberCreated(s)
	delete(e.streams, s.name)
	e.index.names.remove(s)
	e.index.census.forget(s.name, &s.life)
	if s.pendingReshard != nil {
		e.index.resharding.remove(timed[*stream]{at: s.life.updatingUntil, key: s.name})
		s.pendingReshard = nil // a timer may still call settle
	}
	e.index.count(s, -1)
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
	e.journal.lookedUp(s)
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
		return "", resourceNotFound("Stream %s under account %s not found.", resource, e.accountID)
	}
	if name != nil && *name != a.Name {
		return "", invalidArgument("StreamARN %s and StreamName %s do not refer to the same stream.", *streamARN, *name)
	}
	if a.AccountID != e.accountID || a.Region != e.region || a.Partition != e.partition {
		return "", resourceNotFound("Stream %s under account %s not found.", a.Name, a.AccountID)
	}
	return a.Name, nil
}

func (e *engine) streamNotFound(name string) error {
	return resourceNotFound("Stream %s under account %s not found.", name, e.accountID)
}

func (e *engine) streamARN(name string) string {
	return arn.Stream{Partition: e.partition, Region: e.region, AccountID: e.accountID, Name: name}.String()
}

// --- Quotas ---

// maxWarmMiBps is the default ceiling of an ON_DEMAND stream's warm
// throughput: 10 GiBps.
const maxWarmMiBps = 10240

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
	case !e.account.commitment.inForce(now):
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

// consumer is an enhanced fan-out consumer registered with a stream.
type consumer struct {
	name    string
	arn     string
	stream  *stream
	created time.Time // whole seconds, as in the ARN

	life lifecycle // never UPDATING

	tags map[string]string

	subs           map[int]*subscription // the live subscription to each shard, by index
	lastSubscribed map[int]time.Time     // the last successful SubscribeToShard to each shard
}

func (k *consumer) status(now time.Time) types.ConsumerStatus {
	return types.ConsumerStatus(k.life.phase(now))
}

// consumerOrder is the order ListStreamConsumers gives: by creation, then
// by name.
func consumerOrder(a, b *consumer) int {
	if c := a.created.Compare(b.created); c != 0 {
		return c
	}
	return strings.Compare(a.name, b.name)
}

// addConsumer registers a new consumer with the stream.
func (s *stream) addConsumer(k *consumer) {
	s.consumers[k.name] = k
	s.consumerList.insert(k)
	s.consumerCensus.add(k.name, &k.life)
}

// forgetConsumer removes a consumer whose deregistration has completed.
func (s *stream) forgetConsumer(k *consumer) {
	delete(s.consumers, k.name)
	s.consumerList.remove(k)
	s.consumerCensus.forget(k.name, &k.life)
}

// lookupConsumer finds a consumer of the stream by name, forgetting one whose
// deregistration has completed.
func (s *stream) lookupConsumer(name string, now time.Time) *consumer {
	k := s.consumers[name]
	if k != nil && k.life.gone(now) {
		s.forgetConsumer(k)
		return nil
	}
	return k
}

// liveConsumers is the stream's consumers that are not gone, in the order
// ListStreamConsumers gives, once those whose time is up are forgotten.
func (s *stream) liveConsumers(now time.Time) *sortedSet[*consumer] {
	for name, ok := s.consumerCensus.gone(now); ok; name, ok = s.consumerCensus.gone(now) {
		s.forgetConsumer(s.consumers[name])
	}
	return &s.consumerList
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

// consumerNotFound is the service's error for an unknown consumer ARN, as
// quoted from production (amazon-kinesis-connector-flink#44).
func consumerNotFound(a arn.Consumer) error {
	return resourceNotFound("Consumer %s with creation timestamp %d under stream: %s, account %s not found.",
		a.Name, a.CreationTime.Unix(), a.Stream.Name, a.Stream.AccountID)
}

// notActive is the service's error for subscribing with a consumer that is
// not ACTIVE, as quoted from production (kinesis-hot-shard-advisor#37),
// space before the comma included.
func (e *engine) notActive(k *consumer) error {
	return resourceInUse("Consumer %s with creation timestamp %d under stream: %s , account %s is not in ACTIVE status.",
		k.name, k.created.Unix(), k.stream.name, e.accountID)
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

// channel is a Kinesis channel delivering streams to S3 or S3 Tables.
type channel struct {
	arn  string
	tags map[string]string // TagResource, UntagResource and ListTagsForResource reach them by ARN

	id      string
	name    string
	seq     uint64    // orders channels by creation; never reused
	created time.Time // ChannelCreationTimestamp, whole seconds

	life lifecycle

	role string // ServiceExecutionRoleARN

	// The source stream. stream tells this incarnation of the name from
	// later ones; the ARN and creation time are kept for descriptions.
	stream        *stream
	streamARN     string
	streamCreated time.Time
	record        types.RecordConfiguration

	kind       types.ChannelDestinationType
	freshness  int32
	deadLetter types.DeadLetterQueueS3Configuration
	storage    *types.S3StorageConfiguration // S3 destinations
	tables     []types.S3TablesConfiguration // S3_TABLES destinations

	encryption *types.ChannelEncryptionConfiguration // nil when none
	logging    types.CloudWatchLogs
}

func (ch *channel) status(now time.Time) types.ChannelStatus {
	return types.ChannelStatus(ch.life.phase(now))
}

// isChannelARN reports whether an ARN names a channel:
// arn:PARTITION:kinesis:REGION:ACCOUNT:channel/ID.
func isChannelARN(s string) bool {
	parts := strings.SplitN(s, ":", 6)
	return len(parts) == 6 && strings.HasPrefix(parts[5], "channel/")
}

// lookupChannel finds a channel by ARN, forgetting one whose deletion has
// completed. Everything that reaches channels by ARN should use it.
func (e *engine) lookupChannel(channelARN string, now time.Time) *channel {
	ch := e.channels[channelARN]
	if ch != nil && ch.life.gone(now) {
		delete(e.channels, channelARN)
		return nil
	}
	return ch
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
func (e *engine) liveChannels(now time.Time) []*channel {
	var live []*channel
	for a := range e.channels {
		if ch := e.lookupChannel(a, now); ch != nil {
			live = append(live, ch)
		}
	}
	sort.Slice(live, func(i, j int) bool { return live[i].seq < live[j].seq })
	return live
}

// streamChannels counts the channels reading from s that are not gone,
// DELETING ones included: a channel is attached to its stream until its
// deletion completes.
func (e *engine) streamChannels(s *stream, now time.Time) int {
	n := 0
	for _, ch := range e.liveChannels(now) {
		if ch.stream == s {
			n++
		}
	}
	return n
}

// --- Subscriptions ---

// subscription is what SubscribeToShard starts: events for one consumer
// from one shard, sent by a goroutine of its own (see serve).
type subscription struct {
	consumer *consumer
	shard    *shard
	started  time.Time // when SubscribeToShard started it
	cursor   position  // the next record to send; moved by the serving goroutine, under Client.mu

	reader *eventstream.Reader
	writer *eventstream.Writer

	wake   chan struct{} // records arrived; buffered, never blocks the putter
	ctx    context.Context
	cancel context.CancelFunc // ends a Send in progress
	expiry Timer
	unlink func() bool // detaches the caller's context

	// Under Client.mu.
	ending       bool  // the subscription is over
	endWith      error // why, nil for a clean end
	lastEvent    time.Time
	heartbeat    Timer
	heartbeatDue bool
	resume       Timer // wakes a subscription held back by its rate limit
}

// stop ends the subscription with err (nil for a clean end). It must be
// called with Client.mu held; the serving goroutine does the rest.
func (sub *subscription) stop(err error) {
	if sub.ending {
		return
	}
	sub.ending, sub.endWith = true, err
	sub.cancel()
}

// notify tells the serving goroutine there may be records to send.
func (sub *subscription) notify() {
	select {
	case sub.wake <- struct{}{}:
	default:
	}
}

// --- Account settings ---

// minCommitment is how long a minimum throughput billing commitment lasts at
// least once enabled (the API reference's "minimum duration of 24 hours").
const minCommitment = 24 * time.Hour

// accountSettings are the account's settings.
type accountSettings struct {
	commitment commitment
}

// commitment is the account's minimum throughput billing commitment. The
// zero value is one never enabled. Its end, once set, is read against the
// clock, so a disable scheduled for the earliest allowed end happens exactly
// when the clock passes it.
type commitment struct {
	started     time.Time // when the commitment in force, or the last one, began; zero if never
	earliestEnd time.Time // started + 24 hours
	ends        time.Time // zero while no end is set; the commitment is over from this instant
}

// inForce reports whether the commitment applies now, including while a
// requested disable waits for the earliest allowed end.
func (m *commitment) inForce(now time.Time) bool {
	return !m.started.IsZero() && (m.ends.IsZero() || now.Before(m.ends))
}

func (m *commitment) status(now time.Time) types.MinimumThroughputBillingCommitmentOutputStatus {
	switch {
	case !m.inForce(now):
		return types.MinimumThroughputBillingCommitmentOutputStatusDisabled
	case !m.ends.IsZero():
		return types.MinimumThroughputBillingCommitmentOutputStatusEnabledUntilEarliestAllowedEnd
	}
	return types.MinimumThroughputBillingCommitmentOutputStatusEnabled
}

// enable starts a commitment, or cancels the pending disable of the one in
// force, as the API reference describes. Enabling one already enabled
// changes nothing.
func (m *commitment) enable(now time.Time) {
	if m.inForce(now) {
		m.ends = time.Time{}
		return
	}
	started := now.Truncate(time.Second).UTC() // whole seconds, as the fake reports all timestamps
	*m = commitment{started: started, earliestEnd: started.Add(minCommitment)}
}

// disable ends the commitment now, or, before its earliest allowed end,
// schedules the end for then. Disabling one not in force changes nothing.
func (m *commitment) disable(now time.Time) {
	if !m.inForce(now) || !m.ends.IsZero() {
		return
	}
	m.ends = m.earliestEnd
	if !now.Before(m.earliestEnd) {
		m.ends = now.Truncate(time.Second).UTC()
	}
}

// --- Tags and policies ---

// tagged is a resource that carries tags, as the tagging operations find it.
type tagged struct {
	tags   map[string]string
	stream *stream // the stream, when the resource is one
	arn    string
}

// describe names the resource as the service's tagging messages do: a stream
// by its name; other resources by ARN, in the fake's own wording.
func (t tagged) describe() string {
	if t.stream != nil {
		return "stream " + t.stream.name
	}
	return "resource " + t.arn
}

func streamTagged(s *stream) tagged {
	if s.tags == nil {
		s.tags = map[string]string{}
	}
	return tagged{tags: s.tags, stream: s, arn: s.arn}
}

// maxTagsPerResource is how many tags a stream, consumer or channel may
// carry (the API reference: "You can add up to 50 tags per resource").
const maxTagsPerResource = 50

// invalidTagCharsText is the service's message for tags with characters
// outside its set, as kinesalite's tests recorded it. It does not list ':',
// which the service accepts all the same (see tagRune).
const invalidTagCharsText = "Some tags contain invalid characters. Valid characters: Unicode letters, digits, white space, _ . / = + - % @."

// tagRune reports whether r may appear in a tag key or value: the set
// kinesalite checks, taken from the service's messages (letters and digits
// of the Basic Latin block, U+00C0–U+1FFF and U+2C00–U+D7FF, and _ . / = + -
// space @ %), and ':', which production accepts (kinesalite#107).
func tagRune(r rune) bool {
	switch {
	case 'a' <= r && r <= 'z', 'A' <= r && r <= 'Z', '0' <= r && r <= '9':
		return true
	case 0xC0 <= r && r <= 0x1FFF, 0x2C00 <= r && r <= 0xD7FF:
		return true
	}
	return strings.ContainsRune("_./-=+ @%:", r)
}

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
			return invalidArgument("%s", invalidTagCharsText)
		}
	}
	for _, s := range texts {
		if strings.Contains(s, "%") {
			return invalidArgument("Failed to %s %s under account %s because some tags contained illegal characters. "+
				"The allowed characters are Unicode letters, white-spaces, '_',',','/','=','+','-','@'.", verb, t.describe(), e.accountID)
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
			return invalidArgument("Failed to add tags to stream %s under account %s because a given stream cannot have more than 10 tags associated with it.",
				t.stream.name, e.accountID)
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
