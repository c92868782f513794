package kinesisfake

import (
	"fmt"
	"slices"
	"sort"
	"strings"
	"time"

	"github.com/aws/aws-sdk-go-v2/service/kinesis/types"

	"github.com/streamfake/kinesis/arn"
)

// The fake's state: streams, their shards and their records. Everything here
// is guarded by Client.mu.

// lifecycle is where a stream, consumer or channel stands in its
// transitions. Those that take time (CREATING → ACTIVE, UPDATING → ACTIVE,
// DELETING → gone) are stored as the instant they complete and read against
// the clock, so they happen exactly when the clock passes that instant,
// whichever clock it is, with no goroutine to run them; a clock set back
// undoes them until it passes again.
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

type stream struct {
	name    string
	arn     string
	tag     uint64    // tells this incarnation of the name from earlier ones
	created time.Time // StreamCreationTimestamp

	life           lifecycle
	pendingReshard func(at time.Time) // applied when UPDATING ends; see settle
	scalings       []time.Time        // recent UpdateShardCount calls

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
	consumerCensus census[*consumer]

	shards  []*shard // by index; a shard's index is the number in its ID
	open    []*shard // the open shards in hash key order; see reroute
	counter uint64   // the last sequence counter handed out; see sequenceNumber
}

func (s *stream) status(now time.Time) types.StreamStatus {
	return types.StreamStatus(s.life.phase(now))
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

// requireActive fails for a stream that is not ACTIVE, as the service fails
// the calls that change one.
func (c *Client) requireActive(s *stream, now time.Time) error {
	if st := s.status(now); st != types.StreamStatusActive {
		return c.streamNotActive(s, st)
	}
	return nil
}

// streamNotActive is the service's error for a stream in the wrong state,
// in its wording (kinesalite's tests, checked against it).
func (c *Client) streamNotActive(s *stream, st types.StreamStatus) error {
	return resourceInUse("Stream %s under account %s not ACTIVE, instead in state %s", s.name, c.accountID, st)
}

// startUpdating puts the stream in UPDATING for Delays.UpdateStream, as the
// service does while it applies an asynchronous change.
func (c *Client) startUpdating(s *stream, now time.Time) {
	s.life.update(now, c.delays.UpdateStream)
}

// showsShards reports whether descriptions of the stream list its shards:
// the service shows none while a stream is CREATING or DELETING.
func (s *stream) showsShards(now time.Time) bool {
	p := s.life.phase(now)
	return p != phaseCreating && p != phaseDeleting
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

func (s *stream) sequence(counter uint64, shard int) sequenceNumber {
	return sequenceNumber{counter: counter, shard: shard, tag: s.tag}
}

type shard struct {
	id        string
	index     int
	hashRange hashKeyRange
	// The hash key range and sequence range as the API shows them.
	startingHashKey, endingHashKey string
	startingSeq, endingSeq         string // endingSeq is empty while the shard is open
	startCounter                   uint64 // the stream's counter when the shard opened

	parent, adjacentParent string
	children               []*shard // those it was split or merged into

	opened time.Time
	closed time.Time // zero while open

	log recordLog // the records

	subs []*subscription // subscriptions reading the shard, told of new records
}

func (sh *shard) open() bool { return sh.closed.IsZero() }

func shardID(index int) string { return fmt.Sprintf("shardId-%012d", index) }

// newShard makes a shard that opens now, with sequence numbers starting
// after the stream's current counter.
func (s *stream) newShard(r hashKeyRange, now time.Time) *shard {
	index := len(s.shards)
	sh := &shard{
		id:              shardID(index),
		index:           index,
		hashRange:       r,
		startingHashKey: r.start.String(),
		endingHashKey:   r.end.String(),
		startingSeq:     s.sequence(s.counter, index).String(),
		startCounter:    s.counter,
		opened:          now,
	}
	s.shards = append(s.shards, sh)
	return sh
}

// closeShard closes a shard to new records, as resharding does: its
// sequence range ends, and its subscriptions are told so that they can send
// their last event.
func (s *stream) closeShard(sh *shard, now time.Time) {
	sh.closed = now
	sh.endingSeq = s.sequence(s.counter, sh.index).String()
	for _, sub := range sh.subs {
		sub.notify()
	}
}

// trim drops the records that have outlived the stream's retention period.
func (s *stream) trim(sh *shard, now time.Time) {
	sh.log.expire(now.Add(-s.retention).UnixMilli())
}

// streamIndex holds the streams of Client.streams in name order, follows
// their transitions, and counts what they use of the account's quotas, all
// kept up to date as streams change, so that no call visits every stream.
type streamIndex struct {
	names      sortedSet[*stream] // for ListStreams
	census     census[*stream]
	resharding sortedSet[timed[*stream]] // streams with a reshard pending, by when it applies

	// What the streams use of the account's quotas, DELETING ones
	// included until they are gone; see count.
	onDemandStreams   int
	provisionedShards int // open shards of PROVISIONED streams
}

func newStreamIndex() streamIndex {
	return streamIndex{
		names:      newSortedSet(func(a, b *stream) int { return strings.Compare(a.name, b.name) }),
		census:     newCensus[*stream](),
		resharding: newSortedSet(byInstant[*stream]),
	}
}

// count adds what s uses of the account's quotas to the totals (sign 1) or
// takes it away (sign -1). A change to s's mode or open shards is made
// between the two.
func (x *streamIndex) count(s *stream, sign int) {
	if s.mode == types.StreamModeOnDemand {
		x.onDemandStreams += sign
	} else {
		x.provisionedShards += sign * len(s.open)
	}
}

// addStream puts a new stream in the account.
func (c *Client) addStream(s *stream) {
	c.streams[s.name] = s
	c.index.names.insert(s)
	c.index.census.add(s.name, &s.life, s)
	c.index.count(s, 1)
}

// forgetStream removes a stream whose deletion has completed.
func (c *Client) forgetStream(s *stream) {
	delete(c.streams, s.name)
	c.index.names.remove(s)
	c.index.census.forget(s.name, &s.life)
	if s.pendingReshard != nil {
		c.index.resharding.remove(timed[*stream]{at: s.life.updatingUntil, key: s.name})
		s.pendingReshard = nil // a timer may still call settle
	}
	c.index.count(s, -1)
}

// catchUp makes the transitions whose time has come: it forgets the streams
// whose deletion has completed and applies the reshards due, as looking up
// every stream would.
func (c *Client) catchUp(now time.Time) {
	for s, ok := c.index.census.gone(now); ok; s, ok = c.index.census.gone(now) {
		c.forgetStream(s)
	}
	for e, ok := c.index.resharding.first(); ok && !now.Before(e.at); e, ok = c.index.resharding.first() {
		c.settle(e.v, now)
	}
}

// lookupStream finds a live stream by name, forgetting one whose deletion has
// completed.
func (c *Client) lookupStream(name string, now time.Time) *stream {
	s := c.streams[name]
	if s == nil {
		return nil
	}
	if s.life.gone(now) {
		c.forgetStream(s)
		return nil
	}
	c.settle(s, now)
	return s
}

// resolveStream finds the stream an input names by StreamName, StreamARN or
// both, as every stream operation accepts.
func (c *Client) resolveStream(name, streamARN *string, now time.Time) (*stream, error) {
	n, err := c.streamName(name, streamARN)
	if err != nil {
		return nil, err
	}
	s := c.lookupStream(n, now)
	if s == nil {
		return nil, c.streamNotFound(n)
	}
	return s, nil
}

// streamName is the name an input designates. The API reference says only
// that one of the two must be given; the errors for neither, and for two
// that disagree, are the fake's own wording.
func (c *Client) streamName(name, streamARN *string) (string, error) {
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
		return "", resourceNotFound("Stream %s under account %s not found.", resource, c.accountID)
	}
	if name != nil && *name != a.Name {
		return "", invalidArgument("StreamARN %s and StreamName %s do not refer to the same stream.", *streamARN, *name)
	}
	if a.AccountID != c.accountID || a.Region != c.region || a.Partition != c.partition {
		return "", resourceNotFound("Stream %s under account %s not found.", a.Name, a.AccountID)
	}
	return a.Name, nil
}

func (c *Client) streamNotFound(name string) error {
	return resourceNotFound("Stream %s under account %s not found.", name, c.accountID)
}

func (c *Client) streamARN(name string) string {
	return arn.Stream{Partition: c.partition, Region: c.region, AccountID: c.accountID, Name: name}.String()
}
