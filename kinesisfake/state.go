package kinesisfake

import (
	"context"
	"fmt"
	"math"
	"slices"
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/aws/aws-sdk-go-v2/service/kinesis/types"

	"github.com/streamfake/kinesis/arn"
	"github.com/streamfake/kinesis/eventstream"
	"github.com/streamfake/kinesis/internal/recorded"
)

// The fake's state, which the operations read and change: streams and
// their shards, consumers, channels, subscriptions and the account's
// settings, each with its lifecycle (lifecycle.go), and what each does to
// itself: a stream appends, trims and reshards its shards, and tells its
// changeLog. The engine (engine.go) holds them and keeps the rules across
// them. Records are kept in recordlog.go, indexes in index.go. Everything
// here is guarded by the engine's lock.

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

	streamSettings
	warm       *types.WarmThroughputObject // ON_DEMAND warm throughput, nil when none
	encryption types.EncryptionType        // NONE or KMS, for records put from now on
	// encryptionChanges records when encryption changed, so that records
	// need not carry it.
	encryptionChanges []encryptionChange
	spread            uint64 // how AUTO distribution picks the next shard

	consumers      map[string]*consumer // by name, including DELETING ones
	consumerList   sortedSet[*consumer] // the same, in the order ListStreamConsumers gives
	consumerCensus census               // the same, by name

	shards  []*shard // by index; a shard's index is the number in its ID
	open    []*shard // the open shards in hash key order; see reroute
	counter uint64   // the last sequence counter handed out; see sequenceNumber
	// published is the last counter readers may see: every record up to
	// it is published. It lags counter only while records wait to be
	// stored.
	published uint64
	latest    uint64 // the latest time in a sequence number handed out; see checkOrdering

	journal changeLog // the fake's, if it keeps a store

	// waiting is closed, and set back to nil, when records arrive, the
	// stream's deletion starts or the fake closes; WaitForRecords makes it
	// and waits on it. It is nil while nobody waits, so a put costs one
	// comparison more.
	waiting chan struct{}
}

// streamSettings are a stream's settings, kept as the state document
// holds them (persist_snapshot.go embeds them in a stream's document): a
// new setting is a field here, and its check in buildStream if it has
// rules.
type streamSettings struct {
	Mode                       types.StreamMode                 `json:"mode"`
	RecordDistributionStrategy types.RecordDistributionStrategy `json:"recordDistributionStrategy"`
	RetentionPeriodHours       int                              `json:"retentionPeriodHours"`
	MaxRecordSizeInKiB         int                              `json:"maxRecordSizeInKiB"`          // of data plus partition key
	ShardLevelMetrics          []types.MetricsName              `json:"shardLevelMetrics,omitempty"` // in the service's order
	KeyID                      string                           `json:"keyId,omitempty"`             // the KMS key while encryption is KMS
	Tags                       map[string]string                `json:"tags,omitempty"`
}

// retention is how long the stream keeps records.
func (s *streamSettings) retention() time.Duration {
	return time.Duration(s.RetentionPeriodHours) * time.Hour
}

// maxRecordSize is the most bytes of data plus partition key a record
// may have.
func (s *streamSettings) maxRecordSize() int { return s.MaxRecordSizeInKiB << 10 }

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

// publish lets readers see the records of sh numbered below n, and those
// up to counter, and wakes those waiting for them.
func (s *stream) publish(sh *shard, n int, counter uint64) {
	sh.log.publish(n)
	s.published = max(s.published, counter)
	for _, sub := range sh.subs {
		sub.notify()
	}
	s.signal()
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
	s.encryption, s.KeyID = e, keyID
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
	return []types.EnhancedMetrics{{ShardLevelMetrics: append([]types.MetricsName{}, s.ShardLevelMetrics...)}}
}

// keyIDOrNil is KeyId as the API reports it.
func (s *stream) keyIDOrNil() *string {
	if s.KeyID == "" {
		return nil
	}
	return ptr(s.KeyID)
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

// showsShards reports whether descriptions of the stream list its shards:
// the service shows none while a stream is CREATING or DELETING.
func (s *stream) showsShards(now time.Time) bool { return s.life.ready(now) }

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
	sh.log.expire(now.Add(-s.retention()).UnixMilli())
	if s.journal != nil && sh.log.start() != start {
		s.journal.trimmed(s, sh)
	}
}

// live reports whether a shard has not expired: it is open, or closed with
// records still within retention.
func (s *stream) live(sh *shard, now time.Time) bool {
	return sh.open() || now.Before(sh.closed.Add(s.retention()))
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

// recordList copies out a span of records. A few allocations hold
// everything the records point to, however many there are.
func (s *stream) recordList(sh *shard, sp span) []types.Record {
	n := sp.to - sp.from
	out := make([]types.Record, n)
	if n == 0 {
		return out
	}
	// Every sequence number, then every partition key, in one string.
	text := make([]byte, n*sequenceNumberLen, n*sequenceNumberLen+sp.keyBytes)
	i := 0
	for r := range sh.log.records(sp.from) {
		if i == n {
			break
		}
		sh.sequence(r.counter, arrivalSeconds(r.arrival)).appendTo(text[i*sequenceNumberLen : i*sequenceNumberLen])
		text = append(text, r.key...)
		i++
	}
	all := string(text)
	data := make([]byte, 0, sp.dataBytes)
	strs := make([]string, 2*n) // sequence numbers, then partition keys
	times := make([]time.Time, n)
	i, key := 0, n*sequenceNumberLen
	for r := range sh.log.records(sp.from) {
		if i == n {
			break
		}
		start := len(data)
		data = append(data, r.data...)
		strs[i] = all[i*sequenceNumberLen : (i+1)*sequenceNumberLen]
		strs[n+i] = all[key : key+len(r.key)]
		key += len(r.key)
		times[i] = time.UnixMilli(r.arrival).UTC()
		out[i] = types.Record{
			Data:                        data[start:len(data):len(data)],
			SequenceNumber:              &strs[i],
			PartitionKey:                &strs[n+i],
			ApproximateArrivalTimestamp: &times[i],
			EncryptionType:              s.recordEncryption(r.counter),
		}
		i++
	}
	return out
}

// --- Consumers ---

// consumer is an enhanced fan-out consumer registered with a stream.
type consumer struct {
	name    string
	arn     string
	stream  *stream
	created time.Time // whole seconds, as in the ARN

	life lifecycle // never UPDATING

	consumerSettings

	subs           map[int]*subscription // the live subscription to each shard, by index
	lastSubscribed map[int]time.Time     // the last successful SubscribeToShard to each shard
}

// consumerSettings are a consumer's settings, kept as the state document
// writes them: a new one is in the document once it is a field here with
// its name in the document.
type consumerSettings struct {
	Tags map[string]string `json:"tags,omitempty"`
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

// consumerNotFound is the service's error for an unknown consumer ARN.
func consumerNotFound(a arn.Consumer) error {
	return resourceNotFound("%s", recorded.ConsumerNotFound(a.Name, strconv.FormatInt(a.CreationTime.Unix(), 10), a.Stream.Name, a.Stream.AccountID))
}

// --- Channels ---

// onStream is what channels and queues share: each reads one stream, has
// an ARN of an ID the fake generates, and a lifecycle.
type onStream struct {
	arn     string
	id      string
	name    string
	seq     uint64    // orders channels and queues by creation; never reused
	created time.Time // the creation timestamp, whole seconds

	life lifecycle

	// The source stream. stream tells this incarnation of the name from
	// later ones; the ARN and creation time are kept for descriptions.
	stream        *stream
	streamARN     string
	streamCreated time.Time
}

// base is the resource's onStream, for the rules channels and queues share.
func (r *onStream) base() *onStream { return r }

// channel is a Kinesis channel delivering streams to S3 or S3 Tables.
type channel struct {
	onStream
	channelSettings
}

// channelSettings are a channel's settings, kept as the state document
// writes them: a new one is in the document once it is a field here with
// its name in the document. The channel's operations copy them from inputs
// and to outputs, so that neither side's later changes reach the other.
type channelSettings struct {
	ServiceExecutionRoleARN string                       `json:"serviceExecutionRoleARN"`
	RecordConfiguration     recordConfig                 `json:"recordConfiguration"`
	DestinationType         types.ChannelDestinationType `json:"destinationType"`
	DataFreshnessInSeconds  int32                        `json:"dataFreshnessInSeconds"`
	DeadLetterQueue         deadLetterQueue              `json:"deadLetterQueue"`
	Storage                 *s3Storage                   `json:"storage,omitempty"` // S3 destinations
	Tables                  []s3Table                    `json:"tables,omitempty"`  // S3_TABLES destinations
	Encryption              *channelEncryption           `json:"encryption,omitempty"`
	Logging                 cloudWatchLogs               `json:"logging"`
	Tags                    map[string]string            `json:"tags,omitempty"` // TagResource, UntagResource and ListTagsForResource reach them by ARN
}

// The parts of a channel's settings, each the SDK's type of the same name
// with the document's names.

type recordConfig struct {
	RecordFormatType types.RecordFormatType `json:"recordFormatType"`
	GSRSchemaARN     *string                `json:"gsrSchemaARN,omitempty"`
}

type deadLetterQueue struct {
	BucketARN           *string `json:"bucketARN,omitempty"`
	ExpectedBucketOwner *string `json:"expectedBucketOwner,omitempty"`
	ErrorOutputPrefix   *string `json:"errorOutputPrefix,omitempty"`
}

type s3Storage struct {
	BucketARN           *string                 `json:"bucketARN,omitempty"`
	ExpectedBucketOwner *string                 `json:"expectedBucketOwner,omitempty"`
	OutputKeyTemplate   *string                 `json:"outputKeyTemplate,omitempty"`
	StorageClass        types.S3StorageClass    `json:"storageClass,omitempty"`
	CompressionType     types.S3CompressionType `json:"compressionType,omitempty"`
}

type s3Table struct {
	TableBucketARN  *string                       `json:"tableBucketARN,omitempty"`
	Namespace       *string                       `json:"namespace,omitempty"`
	TableName       *string                       `json:"tableName,omitempty"`
	CompressionType types.S3TablesCompressionType `json:"compressionType,omitempty"`
	PartitionFields *[]partitionField             `json:"partitionFields,omitempty"` // nil when there is no PartitionSpec
}

type partitionField struct {
	SourceName *string                  `json:"sourceName,omitempty"`
	Transform  types.PartitionTransform `json:"transform,omitempty"`
}

type channelEncryption struct {
	EncryptionType types.ChannelEncryptionType `json:"encryptionType"`
	KeyID          *string                     `json:"keyId,omitempty"`
}

type cloudWatchLogs struct {
	Enabled       *bool   `json:"enabled,omitempty"`
	LogGroupName  *string `json:"logGroupName,omitempty"`
	LogStreamName *string `json:"logStreamName,omitempty"`
}

func (ch *channel) status(now time.Time) types.ChannelStatus {
	return types.ChannelStatus(ch.life.phase(now))
}

// isChannelARN reports whether an ARN names a channel:
// arn:PARTITION:kinesis:REGION:ACCOUNT:channel/ID.
func isChannelARN(s string) bool { return resourceKind(s) == "channel/" }

// isQueueARN reports whether an ARN names a queue:
// arn:PARTITION:kinesis:REGION:ACCOUNT:queue/ID.
func isQueueARN(s string) bool { return resourceKind(s) == "queue/" }

// resourceKind is the start of an ARN's resource, up to its first '/'.
func resourceKind(s string) string {
	parts := strings.SplitN(s, ":", 6)
	if len(parts) != 6 {
		return ""
	}
	kind, _, ok := strings.Cut(parts[5], "/")
	if !ok {
		return ""
	}
	return kind + "/"
}

// --- Queues ---

// queue delivers the records of one ON_DEMAND stream to queue consumers,
// which receive and acknowledge them, keeping each record's delivery
// state: which records it has delivered (cursors), and those delivered and
// not acknowledged (deliveries). It copies none of the stream's records.
type queue struct {
	onStream
	queueSettings

	// cursors holds, for each of the stream's shards by index, the number
	// of the first record the queue has not delivered; a shard opened
	// after the queue was made, beyond its end, starts at its first.
	cursors []int
	deliveries
}

// queueSettings are a queue's settings, kept as the state document writes
// them.
type queueSettings struct {
	VisibilityTimeoutSeconds int32 `json:"visibilityTimeoutSeconds"`
	// VisibilityBeforeUpdate, if set, is the timeout receives give until
	// the UpdateQueue that changed it completes (visibility).
	VisibilityBeforeUpdate *int32            `json:"visibilityBeforeUpdate,omitempty"`
	DeadLetter             deadLetterConfig  `json:"deadLetter"`
	Start                  queueStart        `json:"startingPosition"`
	Tags                   map[string]string `json:"tags,omitempty"` // TagResource, UntagResource and ListTagsForResource reach them by ARN
}

// deadLetterConfig is the SDK's DeadLetterConfiguration with the
// document's names.
type deadLetterConfig struct {
	TargetType      types.TargetType `json:"targetType"`
	MaxReceiveCount int32            `json:"maxReceiveCount,omitempty"` // with BUILT_IN
}

// queueStart is where a queue began delivering: the type asked for, the
// timestamp given with AT_TIMESTAMP, and the effective start the queue
// reports once ACTIVE.
type queueStart struct {
	Type      types.QueueStartingPositionType `json:"type"`
	Requested time.Time                       `json:"requested,omitzero"` // AT_TIMESTAMP's, as given
	Effective time.Time                       `json:"effective"`
}

func (q *queue) status(now time.Time) types.QueueStatus {
	return types.QueueStatus(q.life.phase(now))
}

// cursor is where the queue is in shard sh: the number of the first record
// it has not delivered.
func (q *queue) cursor(sh *shard) int {
	if sh.index < len(q.cursors) {
		return q.cursors[sh.index]
	}
	return 0
}

// advance moves the queue's cursor in sh to n.
func (q *queue) advance(sh *shard, n int) {
	for len(q.cursors) <= sh.index {
		q.cursors = append(q.cursors, 0)
	}
	q.cursors[sh.index] = n
}

// visibility is the timeout a receive at now gives by default: "A new
// visibility timeout applies to records received after the update
// completes" (UpdateQueue's doc comment).
func (q *queue) visibility(now time.Time) int32 {
	if q.VisibilityBeforeUpdate != nil && now.Before(q.life.UpdatingUntil) {
		return *q.VisibilityBeforeUpdate
	}
	return q.VisibilityTimeoutSeconds
}

// deadLetters reports whether the queue sets aside records received
// MaxReceiveCount times.
func (q *queue) deadLetters() bool { return q.DeadLetter.TargetType == types.TargetTypeBuiltIn }

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

// stateCounters are the engine's counters, kept as the state document
// writes them.
type stateCounters struct {
	LastIncarnation uint64 `json:"lastIncarnation"` // tells incarnations of a stream name apart
	LastNonce       uint64 `json:"lastNonce"`       // makes every iterator and token a fresh value
	ExpiredNonce    uint64 `json:"expiredNonce"`    // iterators with a nonce up to this have expired
}

// accountSettings are the account's settings, kept as the state document
// writes them: a new one is in the document once it is a field here with
// its name in the document.
type accountSettings struct {
	Commitment commitment `json:"minimumThroughputBillingCommitment"`
}

// commitment is the account's minimum throughput billing commitment. The
// zero value is one never enabled. Its end, once set, is read against the
// clock, so a disable scheduled for the earliest allowed end happens exactly
// when the clock passes it.
type commitment struct {
	StartedAt            time.Time `json:"startedAt"`            // when the commitment in force, or the last one, began, in UTC; zero if never
	EarliestAllowedEndAt time.Time `json:"earliestAllowedEndAt"` // StartedAt + 24 hours
	EndsAt               time.Time `json:"endsAt,omitzero"`      // zero while no end is set; the commitment is over from this instant
}

// inForce reports whether the commitment applies now, including while a
// requested disable waits for the earliest allowed end.
func (m *commitment) inForce(now time.Time) bool {
	return !m.StartedAt.IsZero() && (m.EndsAt.IsZero() || now.Before(m.EndsAt))
}

func (m *commitment) status(now time.Time) types.MinimumThroughputBillingCommitmentOutputStatus {
	switch {
	case !m.inForce(now):
		return types.MinimumThroughputBillingCommitmentOutputStatusDisabled
	case !m.EndsAt.IsZero():
		return types.MinimumThroughputBillingCommitmentOutputStatusEnabledUntilEarliestAllowedEnd
	}
	return types.MinimumThroughputBillingCommitmentOutputStatusEnabled
}

// enable starts a commitment, or cancels the pending disable of the one in
// force, as the API reference describes. Enabling one already enabled
// changes nothing.
func (m *commitment) enable(now time.Time) {
	if m.inForce(now) {
		m.EndsAt = time.Time{}
		return
	}
	started := now.Truncate(time.Second).UTC() // whole seconds, as the fake reports all timestamps
	*m = commitment{StartedAt: started, EarliestAllowedEndAt: started.Add(minCommitment)}
}

// disable ends the commitment now, or, before its earliest allowed end,
// schedules the end for then. Disabling one not in force changes nothing.
func (m *commitment) disable(now time.Time) {
	if !m.inForce(now) || !m.EndsAt.IsZero() {
		return
	}
	m.EndsAt = m.EarliestAllowedEndAt
	if !now.Before(m.EarliestAllowedEndAt) {
		m.EndsAt = now.Truncate(time.Second).UTC()
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
	if s.Tags == nil {
		s.Tags = map[string]string{}
	}
	return tagged{tags: s.Tags, stream: s, arn: s.arn}
}

// maxTagsPerResource is how many tags a stream, consumer or channel may
// carry (the API reference: "You can add up to 50 tags per resource").
const maxTagsPerResource = 50

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

// --- Reshards ---

// reshardOp is the kind of a pending reshard.
type reshardOp uint8

const (
	reshardSplit reshardOp = iota + 1 // SplitShard
	reshardMerge                      // MergeShards
	reshardScale                      // UpdateShardCount
)

// reshardPlan is a reshard that waits for its stream's UPDATING to end: the
// call's arguments, checked, so that it can be applied then, and written
// to and read from a snapshot.
type reshardPlan struct {
	op       reshardOp
	shard    int     // split: the shard to split; merge: the one to merge
	adjacent int     // merge: the adjacent shard
	key      hashKey // split: the new starting hash key
	target   int     // scale: the target shard count
}

// apply changes the stream's shards as the plan says, at at.
func (s *stream) apply(p reshardPlan, at time.Time) {
	switch p.op {
	case reshardSplit:
		s.split(s.shards[p.shard], p.key, at)
	case reshardMerge:
		s.merge(s.shards[p.shard], s.shards[p.adjacent], at)
	case reshardScale:
		s.scaleUniformly(p.target, at)
	}
}

// split closes sh and opens two children: [start, key-1] and [key, end].
func (s *stream) split(sh *shard, key hashKey, at time.Time) (left, right *shard) {
	s.closeShard(sh, at)
	created := childCreated(at, sh)
	left = s.newShard(hashKeyRange{sh.hashRange.start, key.prev()}, at, created)
	right = s.newShard(hashKeyRange{key, sh.hashRange.end}, at, created)
	left.parent, right.parent = sh.id, sh.id
	sh.children = []*shard{left, right}
	return left, right
}

// merge closes a and b, whose range continues a's, and opens one child over
// both.
func (s *stream) merge(a, b *shard, at time.Time) *shard {
	s.closeShard(a, at)
	s.closeShard(b, at)
	child := s.newShard(hashKeyRange{a.hashRange.start, b.hashRange.end}, at, childCreated(at, a, b))
	child.parent, child.adjacentParent = a.id, b.id
	a.children, b.children = []*shard{child}, []*shard{child}
	return child
}

// scaleUniformly turns the open shards into target shards of equal ranges:
// it splits each open shard at every new boundary inside it, then merges
// the pieces that fall in each new range.
func (s *stream) scaleUniformly(target int, at time.Time) {
	ranges := splitHashKeySpace(target)
	var pieces []*shard
	for _, sh := range s.open {
		for _, r := range ranges[1:] {
			if sh.hashRange.start.less(r.start) && !sh.hashRange.end.less(r.start) {
				var left *shard
				left, sh = s.split(sh, r.start, at)
				pieces = append(pieces, left)
			}
		}
		pieces = append(pieces, sh)
	}
	next := 0
	for _, r := range ranges {
		merged := pieces[next]
		for next++; next < len(pieces) && !r.end.less(pieces[next].hashRange.start); next++ {
			merged = s.merge(merged, pieces[next], at)
		}
	}
}

// childCreated is the creation second of a shard that resharding opens at
// at from parents: that second, or, if a parent was created then or later,
// the second after the latest parent's, so that the child's sequence
// numbers are above its parents'. (kinesalite, too, dates children after
// the split: actions/splitShard.js.)
func childCreated(at time.Time, parents ...*shard) uint64 {
	created := seconds(at)
	for _, p := range parents {
		created = max(created, min(p.created+1, maxSeconds))
	}
	return created
}

// A changeLog is told of every change to the state, so that a store keeps
// it: it is the journal of a fake started with Open; a fake without a
// store has none.
type changeLog interface {
	lookedUp(s *stream)
	changed(s *stream)
	forget(s *stream)
	put(s *stream, sh *shard, data []byte, key string, arrival int64)
	trimmed(s *stream, sh *shard)
	// end hands the store what a call with the effect given changed,
	// and returns the change to wait for, or nil.
	end(e effect, now time.Time) storing
	// flush hands the store what it does not have yet, and returns the
	// change to wait for.
	flush(now time.Time) storing
	// refusal is why a call with the effect given is refused, or nil.
	refusal(e effect) error
}

// storing is a change handed to the store.
type storing interface {
	// wait returns once the change is stored and the records it put
	// published, or with the reason it was not stored. Call it without
	// the engine's lock.
	wait() error
	// waitLocked is wait for a caller that holds the engine's lock, which
	// it keeps throughout, so that no one sees the change before it is
	// stored.
	waitLocked() error
}

// --- Changes ---

// An effect is what an operation does to the state, which decides what a
// fake with a store writes when it returns.
type effect uint8

const (
	reads   effect = iota // only reads: nothing waits for the store
	appends               // adds records and moves counters, nothing else
	changes               // changes more than records
)
