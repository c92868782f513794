package kinesisfake

import (
	"bufio"
	"bytes"
	"cmp"
	"encoding/base64"
	"encoding/json"
	"fmt"
	"io"
	"maps"
	"reflect"
	"slices"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/aws/aws-sdk-go-v2/service/kinesis/types"
)

// State fixtures: Snapshot writes the fake's state as a JSON document, and
// WithState (persist_restore.go) starts a fake from one. The types below are the
// document's objects, shared by both. encoding/json writes all but the
// records, which are written by hand, one a line, and reads the document a
// member at a time, the records one by one, so that neither side holds more
// than one record's text at once.

const (
	stateFormat = "kinesisfake-state"
	// stateVersion is the version Snapshot writes; WithState and Open
	// read it and those back to oldestStateVersion, as docs/persistence.md
	// promises.
	//
	//	1  the release of 2026-12-01
	//	2  queues (the "queues" member), which a reader of version 1 refuses
	stateVersion       = 2
	oldestStateVersion = 1
	firstQueuesVersion = 2
	// recordArrivalLayout is how a record's arrival is written: RFC 3339 in
	// UTC, to the millisecond, the precision the fake keeps.
	recordArrivalLayout = "2006-01-02T15:04:05.000Z07:00"
)

// Snapshot writes the fake's whole state to w, as a JSON document from which
// [WithState] starts a fake in the same state: its streams with their shards
// (closed ones and their lineage included) and records, consumers, channels,
// tags, resource policies and account settings, the lifecycles in progress
// (CREATING, UPDATING and DELETING, each until an absolute time, and a
// reshard waiting for UPDATING to end), and the counters that keep what the
// fake hands out from repeating: stream incarnations, sequence numbers,
// consumer ARNs, iterator and token nonces, channel IDs. Tests load one
// from testdata instead of a page of set-up calls.
//
// Snapshot first does what any call would do at the clock's reading: it
// forgets what is gone, applies the reshards due and drops records past
// retention. What it writes then depends only on the state, never on when
// it is taken, and the same state always gives the same bytes (keys and
// items in a fixed order), so golden files diff cleanly and a fake started
// from a snapshot snapshots to exactly the same bytes. Snapshot holds the
// fake's one lock while it writes, for a consistent cut: every call waits
// until it returns, so a large state, or a slow w, holds them up. It works
// after [Client.Close]. It fails only if w does, or if the state holds what
// the document cannot: a time outside the years 0 to 9999, which RFC 3339
// cannot write, or text that is not UTF-8, which JSON cannot, such as a
// resource policy put by a direct call (a partition key that is not UTF-8
// is written in base64 instead). The error names what and where.
//
// Not in a snapshot, as not state: live subscriptions (a fake started from
// a snapshot has none, so each consumer may subscribe to every shard at
// once), [Client.WaitForRecords] calls, hooks and faults, the options
// ([WithClock], [WithDelays], [WithLimits], [WithRates] with what the rates'
// meters have used, [WithSeed] with how far the random source has gone, and
// [WithRequestLog]), and the numbering of request IDs. The clock is not in
// it either: the state's times are absolute, and the restored fake reads
// them against its own clock, whatever that reads (see [WithState]).
//
// # Format
//
// The document is UTF-8 JSON, version 1 of the format "kinesisfake-state":
// an object whose members are, in this order (a reader takes them in any),
//
//   - "format": "kinesisfake-state", and "version": 1. A reader refuses
//     any other format, and any version it does not read: each release
//     reads the version it writes and those before it for as long as
//     docs/persistence.md says.
//   - "region" and "accountId": those of the fake, which its ARNs carry.
//   - "counters": "lastIncarnation", the last number given to a stream to
//     tell the incarnations of a name apart; "lastNonce", the last nonce of
//     an iterator, NextToken or channel; "expiredNonce", up to which
//     iterators have been expired by [Client.ExpireIterators].
//   - "accountSettings", when a minimum throughput billing commitment has
//     ever been enabled: its "startedAt", "earliestAllowedEndAt" and, once
//     its end is set, "endsAt".
//   - "consumerEpochs": for each "stream/consumer" name ever registered, the
//     creation time in its latest ARN, so that a consumer registered again
//     gets a new one; "sequenceEpochs": for each stream name whose earlier
//     incarnations are gone, the latest creation second (Unix) their shards'
//     sequence numbers carry, so that a new incarnation's are apart.
//   - "channels", in order of creation: each channel's "id", "name",
//     "nonce", "created", "lifecycle", source "stream" (by "name" and
//     "incarnation"), "serviceExecutionRoleARN", "recordConfiguration",
//     "destinationType", "dataFreshnessInSeconds", "deadLetterQueue",
//     "storage" (S3) or "tables" (S3_TABLES), "encryption", "logging" and
//     "tags", named after the API's members.
//   - "streams", in name order, DELETING ones included. A stream's
//     "name", "incarnation", "created", "lifecycle", "pendingReshard" (the
//     SplitShard, MergeShards or UpdateShardCount waiting for UPDATING to
//     end, by the call's members), "scalings" (the recent UpdateShardCount
//     calls, which the daily limit counts), its settings as the stream
//     holds them ("mode", "recordDistributionStrategy",
//     "retentionPeriodHours", "maxRecordSizeInKiB", "shardLevelMetrics",
//     "keyId" and "tags"), "warmThroughputMiBps", "encryptionChanges" (each
//     "from" a sequence counter on, "type" NONE or KMS, the last being the
//     stream's), "spread" (where AUTO distribution goes next),
//     "sequenceCounter" (the last sequence index handed out),
//     "latestSequenceSecond" (the latest time in one, in Unix seconds),
//     "policy", "consumers" (each with "name", "created",
//     "lifecycle", "tags" and "policy", in the order ListStreamConsumers
//     gives), and last "shards".
//   - A shard, in ID order: its "shardId", "parentShardId" and
//     "adjacentParentShardId", "startingHashKey" and "endingHashKey",
//     "sequenceEpoch" (the creation second, in Unix seconds, that its
//     sequence numbers carry), "opened" and, once closed, "closed", and
//     last "records", oldest first, one a line: each record's
//     "sequenceNumber", "arrival" (to the millisecond), "partitionKey" and
//     "data" (standard base64). A partition key that is not valid UTF-8,
//     which JSON cannot hold, is written as "partitionKeyBase64" instead.
//
// A lifecycle is an object of "activeAt" (CREATING before it),
// "updatingUntil" (UPDATING before it), "deleting" and "goneAt" (once
// deleting, gone from that instant), each left out when zero. Times are RFC
// 3339 in UTC, to the nanosecond where the state has it. A member left out
// is zero or empty: Snapshot leaves out most such, though not the counters
// or the lists of channels, streams, shards and records. Whatever the fake
// derives is left out too: ARNs (from the region, account, names and, for consumers, their
// creation time), a stream's encryption type (its last encryption change),
// shards' sequence number ranges (from their sequence epoch and close
// time), and their children (from their parents).
//
// A change to the format that a reader of version 1 would misread comes with
// a new version.
func (c *Client) Snapshot(w io.Writer) error {
	c.mu.Lock()
	defer c.mu.Unlock()
	sw := &stateWriter{w: bufio.NewWriterSize(w, 64<<10)}
	c.writeState(sw, c.clock.Now())
	if err := sw.flush(); err != nil {
		return fmt.Errorf("kinesisfake: Snapshot: %w", err)
	}
	return nil
}

// --- The document's objects ---

// stateHeader is the document's members before its channels and streams.
type stateHeader struct {
	Format          string               `json:"format"`
	Version         int                  `json:"version"`
	Region          string               `json:"region"`
	AccountID       string               `json:"accountId"`
	Counters        stateCounters        `json:"counters"`
	AccountSettings *accountSettings     `json:"accountSettings,omitempty"`
	ConsumerEpochs  map[string]time.Time `json:"consumerEpochs,omitempty"`
	SequenceEpochs  map[string]uint64    `json:"sequenceEpochs,omitempty"`
}

// streamJSON is a stream but for its shards, which follow it in the
// document.
type streamJSON struct {
	Name                 string                 `json:"name"`
	Incarnation          uint64                 `json:"incarnation"`
	Created              time.Time              `json:"created"`
	Lifecycle            lifecycle              `json:"lifecycle"`
	PendingReshard       *reshardJSON           `json:"pendingReshard,omitempty"`
	Scalings             []time.Time            `json:"scalings,omitempty"`
	streamSettings                              // the stream's own, as it holds them
	WarmThroughputMiBps  *int32                 `json:"warmThroughputMiBps,omitempty"`
	EncryptionChanges    []encryptionChangeJSON `json:"encryptionChanges,omitempty"`
	Spread               uint64                 `json:"spread,omitempty"`
	SequenceCounter      uint64                 `json:"sequenceCounter"`
	LatestSequenceSecond uint64                 `json:"latestSequenceSecond"`
	Policy               string                 `json:"policy,omitempty"`
	Consumers            []consumerJSON         `json:"consumers,omitempty"`
}

type reshardJSON struct {
	Operation            string `json:"operation"` // SplitShard, MergeShards or UpdateShardCount
	ShardToSplit         string `json:"shardToSplit,omitempty"`
	NewStartingHashKey   string `json:"newStartingHashKey,omitempty"`
	ShardToMerge         string `json:"shardToMerge,omitempty"`
	AdjacentShardToMerge string `json:"adjacentShardToMerge,omitempty"`
	TargetShardCount     int    `json:"targetShardCount,omitempty"`
}

type encryptionChangeJSON struct {
	From uint64               `json:"from"`
	Type types.EncryptionType `json:"type"`
}

type consumerJSON struct {
	Name             string    `json:"name"`
	Created          time.Time `json:"created"`
	Lifecycle        lifecycle `json:"lifecycle"`
	consumerSettings           // the consumer's own, as it holds them
	Policy           string    `json:"policy,omitempty"`
}

// shardJSON is a shard but for its records, which follow it in the
// document.
type shardJSON struct {
	ShardID               string    `json:"shardId"`
	ParentShardID         string    `json:"parentShardId,omitempty"`
	AdjacentParentShardID string    `json:"adjacentParentShardId,omitempty"`
	StartingHashKey       string    `json:"startingHashKey"`
	EndingHashKey         string    `json:"endingHashKey"`
	SequenceEpoch         uint64    `json:"sequenceEpoch"`
	Opened                time.Time `json:"opened"`
	Closed                time.Time `json:"closed,omitzero"`
}

// onStreamJSON is what the documents of channels and queues share.
type onStreamJSON struct {
	ID        string            `json:"id"`
	Name      string            `json:"name"`
	Nonce     uint64            `json:"nonce"`
	Created   time.Time         `json:"created"`
	Lifecycle lifecycle         `json:"lifecycle"`
	Stream    channelStreamJSON `json:"stream"`
}

type channelJSON struct {
	onStreamJSON
	channelSettings // the channel's own, as it holds them
}

type channelStreamJSON struct {
	Name        string `json:"name"`
	Incarnation uint64 `json:"incarnation"`
}

// queueJSON is a queue as the document has it. Where it is in each shard,
// and the records it has delivered, are kept by sequence counter, which a
// record keeps however many before it expire.
type queueJSON struct {
	onStreamJSON
	queueSettings // the queue's own, as it holds them
	// Cursors holds, for each shard by index, the sequence counter of the
	// first record the queue has not delivered: that of the shard's next
	// record, or above every counter handed out if it has delivered all.
	Cursors     []uint64       `json:"cursors"`
	LastReceipt uint64         `json:"lastReceipt"` // the nonce of the last receipt handle issued
	Deliveries  []deliveryJSON `json:"deliveries,omitempty"`
}

// deliveryJSON is a record the queue has delivered and not had
// acknowledged, in the slot its receipt handles name.
type deliveryJSON struct {
	Slot     int32     `json:"slot"`
	Shard    int32     `json:"shard"`
	Counter  uint64    `json:"sequenceCounter"`
	State    string    `json:"state"` // "inFlight" (or visible again, once due), "lastChance" (a dead letter once due) or "deadLetter"
	Due      time.Time `json:"due"`
	First    time.Time `json:"firstReceived"`
	Receipt  uint64    `json:"receipt"` // the nonce of its latest receipt handle; 0 for none valid
	Receives int32     `json:"receives"`
}

// The states of a delivery in the document, by pile.
var pileNames = map[pile]string{pileNormal: "inFlight", pileLastChance: "lastChance", pileDead: "deadLetter"}

// --- Writing ---

// writeDocument writes, for a store, which keeps them apart, a part of the
// state as Snapshot writes it at now: the stream s, but for its records, or,
// if s is nil, the rest, with an empty list of streams. Call it under the
// lock.
func (e *engine) writeDocument(w io.Writer, s *stream, now time.Time) error {
	sw := &stateWriter{w: bufio.NewWriter(w), noRecords: true, noStreams: true}
	if s == nil {
		e.writeState(sw, now)
	} else {
		e.writeStream(sw, s, now)
	}
	return sw.flush()
}

// stateWriter writes a document, keeping the first error.
type stateWriter struct {
	w         *bufio.Writer
	noRecords bool // leave every shard's records out
	noStreams bool // leave the streams out
	err       error
	buf       bytes.Buffer // an object's JSON
	rec       []byte       // a record's line
}

// flush ends the writing, returning the first error.
func (sw *stateWriter) flush() error {
	if sw.err == nil {
		sw.err = sw.w.Flush()
	}
	return sw.err
}

func (sw *stateWriter) write(b []byte) {
	if sw.err == nil {
		_, sw.err = sw.w.Write(b)
	}
}

func (sw *stateWriter) writeString(s string) {
	if sw.err == nil {
		_, sw.err = sw.w.WriteString(s)
	}
}

// marshal encodes v, indented two spaces a level from indent, into sw.buf,
// without escaping <, > and &, which a document never meets in HTML. what
// names v in the error if there is one; v's strings must be UTF-8, which is
// all JSON can hold.
func (sw *stateWriter) marshal(what string, v any, indent string) bool {
	if sw.err != nil {
		return false
	}
	if where := invalidUTF8(reflect.ValueOf(v), ""); where != "" {
		sw.err = fmt.Errorf("%s: %s is not valid UTF-8, which JSON cannot hold", what, where)
		return false
	}
	sw.buf.Reset()
	enc := json.NewEncoder(&sw.buf)
	enc.SetEscapeHTML(false)
	enc.SetIndent(indent, "  ")
	if err := enc.Encode(v); err != nil {
		sw.err = fmt.Errorf("%s: %w", what, err)
		return false
	}
	sw.buf.Truncate(sw.buf.Len() - 1) // Encode's newline
	return true
}

// open writes the object v at indent, followed by the opening of its last
// member, an array named key: the array's items follow, then close ends it.
func (sw *stateWriter) open(what string, v any, indent, key string) {
	if !sw.marshal(what, v, indent) {
		return
	}
	b := sw.buf.Bytes()
	// Drop the closing "\n" + indent + "}"; an object of ours is never
	// empty, since its first member is always there.
	sw.write(b[:len(b)-len(indent)-2])
	sw.writeString(",\n" + indent + `  "` + key + `": [`)
}

// item starts the ith item of the array that is the last member of the
// object at indent.
func (sw *stateWriter) item(i int, indent string) {
	if i > 0 {
		sw.writeString(",")
	}
	sw.writeString("\n" + indent + "    ")
}

// close ends an array of n items, the last member of the object at indent,
// and the object.
func (sw *stateWriter) close(n int, indent string) {
	if n > 0 {
		sw.writeString("\n" + indent + "  ")
	}
	sw.writeString("]\n" + indent + "}")
}

// invalidUTF8 names the first string in v, by its path from v, that is not
// valid UTF-8, or returns "" if all are. Only exported fields are visited:
// the document's.
func invalidUTF8(v reflect.Value, at string) string {
	switch v.Kind() {
	case reflect.String:
		if !utf8.ValidString(v.String()) {
			return cmp.Or(at, "a string")
		}
	case reflect.Pointer, reflect.Interface:
		if !v.IsNil() {
			return invalidUTF8(v.Elem(), at)
		}
	case reflect.Slice, reflect.Array:
		for i := range v.Len() {
			if where := invalidUTF8(v.Index(i), at+"["+strconv.Itoa(i)+"]"); where != "" {
				return where
			}
		}
	case reflect.Map:
		keys := v.MapKeys()
		slices.SortFunc(keys, func(a, b reflect.Value) int { return strings.Compare(a.String(), b.String()) })
		for _, k := range keys {
			if !utf8.ValidString(k.String()) {
				return cmp.Or(at, "a map") + " key " + strconv.Quote(k.String())
			}
			if where := invalidUTF8(v.MapIndex(k), at+"["+strconv.Quote(k.String())+"]"); where != "" {
				return where
			}
		}
	case reflect.Struct:
		for i := range v.NumField() {
			f := v.Type().Field(i)
			if !f.IsExported() {
				continue
			}
			name, _, _ := strings.Cut(f.Tag.Get("json"), ",")
			if where := invalidUTF8(v.Field(i), joinPath(at, name)); where != "" {
				return where
			}
		}
	}
	return ""
}

func joinPath(at, name string) string {
	if at == "" {
		return name
	}
	return at + "." + name
}

// writeState writes the state as it stands at now. Call it under the lock.
func (e *engine) writeState(sw *stateWriter, now time.Time) {
	e.catchUp(now) // forget what is gone, apply the reshards due

	h := stateHeader{
		Format:    stateFormat,
		Version:   stateVersion,
		Region:    e.region,
		AccountID: e.accountID,
		Counters:  e.stateCounters,
	}
	if a := e.account; !a.Commitment.StartedAt.IsZero() {
		h.AccountSettings = &a
	}
	if len(e.consumerEpochs) > 0 {
		h.ConsumerEpochs = make(map[string]time.Time, len(e.consumerEpochs))
		for k, sec := range e.consumerEpochs {
			h.ConsumerEpochs[k] = time.Unix(sec, 0).UTC()
		}
	}
	if len(e.shardEpochs) > 0 {
		h.SequenceEpochs = maps.Clone(e.shardEpochs)
	}
	if !sw.marshal("the header", h, "") {
		return
	}
	b := sw.buf.Bytes()
	sw.write(b[:len(b)-2]) // drop "\n}"

	channels := []channelJSON{}
	for _, ch := range e.liveChannels(now) {
		channels = append(channels, channelDoc(ch))
	}
	sw.writeString(",\n  \"channels\": ")
	if !sw.marshal("the channels", channels, "  ") {
		return
	}
	sw.write(sw.buf.Bytes())

	// Written only when there are some, so that a state without queues
	// is the document it was before queues.
	if live := e.liveQueues(now); len(live) > 0 {
		queues := make([]queueJSON, len(live))
		for i, q := range live {
			queues[i] = queueDoc(q)
		}
		sw.writeString(",\n  \"queues\": ")
		if !sw.marshal("the queues", queues, "  ") {
			return
		}
		sw.write(sw.buf.Bytes())
	}

	sw.writeString(",\n  \"streams\": [")
	n := 0
	for s := range e.index.names.skip(0) {
		if sw.noStreams {
			break
		}
		sw.item(n, "")
		n++
		e.writeStream(sw, s, now)
	}
	sw.close(n, "")
	sw.writeString("\n")
}

// writeStream writes a stream, its shards and their records.
func (e *engine) writeStream(sw *stateWriter, s *stream, now time.Time) {
	doc := streamJSON{
		Name:                 s.name,
		Incarnation:          s.tag,
		Created:              s.created.UTC(),
		Lifecycle:            s.life,
		streamSettings:       s.streamSettings,
		Spread:               s.spread,
		SequenceCounter:      s.counter,
		LatestSequenceSecond: s.latest,
		Policy:               e.policies[s.arn],
	}
	if p := s.pendingReshard; p != nil {
		doc.PendingReshard = reshardDoc(s, p)
	}
	for _, t := range s.scalings {
		doc.Scalings = append(doc.Scalings, t.UTC())
	}
	if s.warm != nil {
		doc.WarmThroughputMiBps = ptr(*s.warm.TargetMiBps)
	}
	for _, e := range s.encryptionChanges {
		typ := types.EncryptionTypeNone
		if e.kms {
			typ = types.EncryptionTypeKms
		}
		doc.EncryptionChanges = append(doc.EncryptionChanges, encryptionChangeJSON{From: e.from, Type: typ})
	}
	for k := range s.liveConsumers(now).skip(0) {
		doc.Consumers = append(doc.Consumers, consumerJSON{
			Name:             k.name,
			Created:          k.created.UTC(),
			Lifecycle:        k.life,
			consumerSettings: k.consumerSettings,
			Policy:           e.policies[k.arn],
		})
	}
	what := "stream " + s.name
	sw.open(what, doc, "    ", "shards")
	for i, sh := range s.shards {
		s.trim(sh, now)
		sw.item(i, "    ")
		sw.open(what+", shard "+sh.id, shardJSON{
			ShardID:               sh.id,
			ParentShardID:         sh.parent,
			AdjacentParentShardID: sh.adjacentParent,
			StartingHashKey:       sh.startingHashKey,
			EndingHashKey:         sh.endingHashKey,
			SequenceEpoch:         sh.created,
			Opened:                sh.opened.UTC(),
			Closed:                sh.closed.UTC(),
		}, "        ", "records")
		n := 0
		for r := range sh.log.records(sh.log.start()) {
			if sw.noRecords {
				break
			}
			if n > 0 {
				sw.writeString(",")
			}
			sw.writeString(recordIndent)
			n++
			sw.writeRecord(sh, r)
			if sw.err != nil {
				sw.err = fmt.Errorf("%s, shard %s: %w", what, sh.id, sw.err)
				return
			}
		}
		sw.close(n, "        ")
	}
	sw.close(len(s.shards), "    ")
}

func reshardDoc(s *stream, p *reshardPlan) *reshardJSON {
	switch p.op {
	case reshardSplit:
		return &reshardJSON{Operation: "SplitShard", ShardToSplit: s.shards[p.shard].id, NewStartingHashKey: p.key.String()}
	case reshardMerge:
		return &reshardJSON{Operation: "MergeShards", ShardToMerge: s.shards[p.shard].id, AdjacentShardToMerge: s.shards[p.adjacent].id}
	}
	return &reshardJSON{Operation: "UpdateShardCount", TargetShardCount: p.target}
}

// recordIndent starts a record's line.
const recordIndent = "\n            "

// writeRecord writes a record on a line of its own: sequenceNumber,
// arrival, partitionKey (or partitionKeyBase64) and data. WithState reads
// it in stateReader.record.
func (sw *stateWriter) writeRecord(sh *shard, r record) {
	arrival := time.UnixMilli(r.arrival).UTC()
	if y := arrival.Year(); y < 0 || y > 9999 {
		sw.err = fmt.Errorf("a record's arrival, %v, is outside the years 0 to 9999", arrival)
		return
	}
	b := append(sw.rec[:0], `{"sequenceNumber": "`...)
	b = sh.sequence(r.counter, arrivalSeconds(r.arrival)).appendTo(b)
	b = append(b, `", "arrival": "`...)
	b = arrival.AppendFormat(b, recordArrivalLayout)
	if utf8.Valid(r.key) {
		b = append(b, `", "partitionKey": `...)
		b = appendJSONString(b, r.key)
	} else {
		b = append(b, `", "partitionKeyBase64": "`...)
		b = base64.StdEncoding.AppendEncode(b, r.key)
		b = append(b, '"')
	}
	b = append(b, `, "data": "`...)
	b = base64.StdEncoding.AppendEncode(b, r.data)
	b = append(b, `"}`...)
	sw.rec = b
	sw.write(b)
}

// appendJSONString appends s, valid UTF-8, as a JSON string, escaped as
// encoding/json escapes it without HTML escaping.
func appendJSONString(b, s []byte) []byte {
	for _, c := range s {
		if c < 0x20 || c == '"' || c == '\\' || c >= utf8.RuneSelf {
			// The rare key that needs escaping, or may: let
			// encoding/json decide, as it does for every other string.
			var out bytes.Buffer
			enc := json.NewEncoder(&out)
			enc.SetEscapeHTML(false)
			if err := enc.Encode(string(s)); err != nil {
				panic(err) // a string always encodes
			}
			return append(b, bytes.TrimSuffix(out.Bytes(), []byte("\n"))...)
		}
	}
	b = append(b, '"')
	b = append(b, s...)
	return append(b, '"')
}

// queueDoc is a queue as the document has it, without the deliveries of
// records past retention.
func queueDoc(q *queue) queueJSON {
	s := q.stream
	doc := queueJSON{
		onStreamJSON:  onStreamDoc(&q.onStream),
		queueSettings: q.queueSettings,
		Cursors:       make([]uint64, len(s.shards)),
		LastReceipt:   q.nonce,
	}
	for i, sh := range s.shards {
		doc.Cursors[i] = s.counter + 1
		if n := max(q.cursor(sh), sh.log.start()); n < sh.log.next {
			doc.Cursors[i] = sh.log.at(n).counter
		}
	}
	for slot := range q.slots {
		d := &q.slots[slot]
		if d.in == pileFree {
			continue
		}
		sh := s.shards[d.shard]
		if int(d.number) < sh.log.start() {
			continue
		}
		doc.Deliveries = append(doc.Deliveries, deliveryJSON{
			Slot:     int32(slot),
			Shard:    d.shard,
			Counter:  sh.log.at(int(d.number)).counter,
			State:    pileNames[d.in],
			Due:      time.UnixMilli(d.due).UTC(),
			First:    time.UnixMilli(d.first).UTC(),
			Receipt:  d.handle,
			Receives: d.receives,
		})
	}
	return doc
}

// channelDoc is a channel as the document has it.
func channelDoc(ch *channel) channelJSON {
	return channelJSON{onStreamJSON: onStreamDoc(&ch.onStream), channelSettings: ch.channelSettings}
}

// onStreamDoc is what a channel's or queue's document shares with the
// other's.
func onStreamDoc(r *onStream) onStreamJSON {
	return onStreamJSON{
		ID:        r.id,
		Name:      r.name,
		Nonce:     r.seq,
		Created:   r.created.UTC(),
		Lifecycle: r.life,
		Stream:    channelStreamJSON{Name: r.stream.name, Incarnation: r.stream.tag},
	}
}
