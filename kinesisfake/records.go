package kinesisfake

import (
	"context"
	"strings"
	"time"

	"github.com/aws/aws-sdk-go-v2/service/kinesis"
	"github.com/aws/aws-sdk-go-v2/service/kinesis/types"
)

// The record operations: PutRecord, PutRecords, GetShardIterator and
// GetRecords.

const (
	maxPutRecordsBytes = 10 << 20 // a PutRecords request's data and keys
	maxGetRecordsBytes = 10 << 20 // what one GetRecords returns at most
	defaultGetLimit    = 10000
)

var putRecordInput = append(streamMembers(
	func(in *kinesis.PutRecordInput) *string { return in.StreamName },
	func(in *kinesis.PutRecordInput) *string { return in.StreamARN },
	func(in *kinesis.PutRecordInput) *string { return in.StreamId },
),
	required(blobMember("Data", shapeData, func(in *kinesis.PutRecordInput) []byte { return in.Data })),
	stringMember("PartitionKey", shapePartition, func(in *kinesis.PutRecordInput) *string { return in.PartitionKey }),
	stringMember("ExplicitHashKey", shapeHashKey, func(in *kinesis.PutRecordInput) *string { return in.ExplicitHashKey }),
	stringMember("SequenceNumberForOrdering", shapeSequence, func(in *kinesis.PutRecordInput) *string { return in.SequenceNumberForOrdering }),
)

// PutRecord stores one record in the shard whose hash key range holds the MD5
// of its partition key, or its ExplicitHashKey.
func (c *Client) PutRecord(ctx context.Context, params *kinesis.PutRecordInput, optFns ...func(*kinesis.Options)) (*kinesis.PutRecordOutput, error) {
	return call(ctx, c, "PutRecord", params, putRecordInput, c.putRecord)
}

// putRecordResult lets one allocation hold an output and the strings it
// points to.
type putRecordResult struct {
	out          kinesis.PutRecordOutput
	seq, shardID string
}

func (c *Client) putRecord(in *kinesis.PutRecordInput, now time.Time) (*kinesis.PutRecordOutput, error) {
	s, err := c.writableStream(in.StreamName, in.StreamARN, now)
	if err != nil {
		return nil, err
	}
	sh, err := s.route(in.PartitionKey, in.ExplicitHashKey, len(in.Data))
	if err != nil {
		return nil, err
	}
	if o := in.SequenceNumberForOrdering; o != nil {
		// Later sequence numbers are greater across the whole stream, so
		// only an ordering number from beyond our counter needs honouring.
		if seq, ok := parseSequenceNumber(*o); ok && seq.counter > s.counter {
			s.counter = seq.counter
		}
	}
	counter := s.append(sh, bytesClone(in.Data), *in.PartitionKey, now)
	r := &putRecordResult{seq: s.sequence(counter, sh.index).String(), shardID: sh.id}
	r.out = kinesis.PutRecordOutput{SequenceNumber: &r.seq, ShardId: &r.shardID, EncryptionType: types.EncryptionTypeNone}
	return &r.out, nil
}

var putRecordsInput = append(streamMembers(
	func(in *kinesis.PutRecordsInput) *string { return in.StreamName },
	func(in *kinesis.PutRecordsInput) *string { return in.StreamARN },
	func(in *kinesis.PutRecordsInput) *string { return in.StreamId },
),
	required(listMember("Records", "PutRecordsRequestEntryList", "PutRecordsRequestEntry", shapeRecords,
		func(in *kinesis.PutRecordsInput) []types.PutRecordsRequestEntry { return in.Records },
		required(blobMember("Data", shapeData, func(in *types.PutRecordsRequestEntry) []byte { return in.Data })),
		stringMember("ExplicitHashKey", shapeHashKey, func(in *types.PutRecordsRequestEntry) *string { return in.ExplicitHashKey }),
		stringMember("PartitionKey", shapePartition, func(in *types.PutRecordsRequestEntry) *string { return in.PartitionKey }),
	)),
)

// PutRecords stores up to 500 records, each routed as by PutRecord.
func (c *Client) PutRecords(ctx context.Context, params *kinesis.PutRecordsInput, optFns ...func(*kinesis.Options)) (*kinesis.PutRecordsOutput, error) {
	return call(ctx, c, "PutRecords", params, putRecordsInput, c.putRecords)
}

func (c *Client) putRecords(in *kinesis.PutRecordsInput, now time.Time) (*kinesis.PutRecordsOutput, error) {
	s, err := c.writableStream(in.StreamName, in.StreamARN, now)
	if err != nil {
		return nil, err
	}
	// Route every entry before storing any: an invalid entry fails the
	// whole request.
	shards := make([]*shard, len(in.Records))
	total := 0
	for i := range in.Records {
		e := &in.Records[i]
		if shards[i], err = s.route(e.PartitionKey, e.ExplicitHashKey, len(e.Data)); err != nil {
			return nil, err
		}
		total += len(e.Data) + len(*e.PartitionKey)
	}
	if total > maxPutRecordsBytes {
		return nil, invalidArgument("Records size exceeds %d MB limit", maxPutRecordsBytes>>20)
	}

	// One allocation holds every entry's data, and one every sequence number.
	arena := make([]byte, 0, total)
	var seqs strings.Builder
	seqs.Grow(len(in.Records) * sequenceNumberLen)
	for i := range in.Records {
		e := &in.Records[i]
		start := len(arena)
		arena = append(arena, e.Data...)
		counter := s.append(shards[i], arena[start:len(arena):len(arena)], *e.PartitionKey, now)
		seqs.WriteString(s.sequence(counter, shards[i].index).String())
	}
	all := seqs.String()
	strs := make([]string, 2*len(in.Records)) // sequence numbers, then shard IDs
	results := make([]types.PutRecordsResultEntry, len(in.Records))
	for i := range results {
		seq, id := &strs[i], &strs[len(results)+i]
		*seq, *id = all[i*sequenceNumberLen:(i+1)*sequenceNumberLen], shards[i].id
		results[i] = types.PutRecordsResultEntry{SequenceNumber: seq, ShardId: id}
	}
	return &kinesis.PutRecordsOutput{Records: results, FailedRecordCount: ptr(int32(0)), EncryptionType: types.EncryptionTypeNone}, nil
}

// writableStream resolves the stream of a data operation, which the service
// answers only for a stream that exists and is not being created.
func (c *Client) writableStream(name, streamARN *string, now time.Time) (*stream, error) {
	s, err := c.resolveStream(name, streamARN, now)
	if err != nil {
		return nil, err
	}
	if s.status(now) == types.StreamStatusCreating {
		return nil, c.streamNotFound(s.name)
	}
	return s, nil
}

// route picks the shard a record goes to, checking what the service checks
// against the stream: the partition key and the record's size.
func (s *stream) route(partitionKey, explicitHashKey *string, dataLen int) (*shard, error) {
	if partitionKey == nil {
		return nil, &types.ValidationException{Message: ptr("1 validation error detected: Value null at 'partitionKey' failed to satisfy constraint: Member must not be null")}
	}
	if size := dataLen + len(*partitionKey); size > s.maxRecordSize {
		return nil, invalidArgument("Record size %d exceeds the maximum record size of %d KiB for stream %s.", size, s.maxRecordSize>>10, s.name)
	}
	var k hashKey
	if explicitHashKey != nil {
		var ok bool
		if k, ok = parseHashKey(*explicitHashKey); !ok {
			return nil, invalidArgument("Invalid ExplicitHashKey. ExplicitHashKey must be in the range: [0, 2^128-1]. Specified value was %s", *explicitHashKey)
		}
	} else {
		k = partitionHash(*partitionKey)
	}
	// The open shards partition the hash key space; find the one holding k.
	open := s.open
	lo, hi := 0, len(open)-1
	for lo < hi {
		mid := int(uint(lo+hi+1) >> 1)
		if k.less(open[mid].hashRange.start) {
			hi = mid - 1
		} else {
			lo = mid
		}
	}
	return open[lo], nil
}

// append stores a record at the end of a shard and returns its sequence
// counter. data must already belong to the fake.
func (s *stream) append(sh *shard, data []byte, partitionKey string, now time.Time) uint64 {
	if n := len(sh.records); n > 0 && sh.records[0].arrival < now.Add(-s.retention).UnixMilli() {
		s.trim(sh, now)
	}
	arrival := now.UnixMilli()
	if n := len(sh.records); n > 0 && sh.records[n-1].arrival > arrival {
		// Keep arrival order within a shard even if the clock is set back,
		// so AT_TIMESTAMP can search; the service's timestamps are approximate.
		arrival = sh.records[n-1].arrival
	}
	s.counter++
	sh.records = append(sh.records, record{data: data, partitionKey: partitionKey, counter: s.counter, arrival: arrival})
	return s.counter
}

func bytesClone(b []byte) []byte {
	return append(make([]byte, 0, len(b)), b...)
}

var getShardIteratorInput = append(streamMembers(
	func(in *kinesis.GetShardIteratorInput) *string { return in.StreamName },
	func(in *kinesis.GetShardIteratorInput) *string { return in.StreamARN },
	func(in *kinesis.GetShardIteratorInput) *string { return in.StreamId },
),
	required(stringMember("ShardId", shapeShardID, func(in *kinesis.GetShardIteratorInput) *string { return in.ShardId })),
	required(enumMember("ShardIteratorType", func(in *kinesis.GetShardIteratorInput) types.ShardIteratorType { return in.ShardIteratorType })),
	stringMember("StartingSequenceNumber", shapeSequence, func(in *kinesis.GetShardIteratorInput) *string { return in.StartingSequenceNumber }),
)

// GetShardIterator returns an iterator, valid for 5 minutes, for reading a
// shard from the position ShardIteratorType names.
func (c *Client) GetShardIterator(ctx context.Context, params *kinesis.GetShardIteratorInput, optFns ...func(*kinesis.Options)) (*kinesis.GetShardIteratorOutput, error) {
	return call(ctx, c, "GetShardIterator", params, getShardIteratorInput, c.getShardIterator)
}

func (c *Client) getShardIterator(in *kinesis.GetShardIteratorInput, now time.Time) (*kinesis.GetShardIteratorOutput, error) {
	s, err := c.writableStream(in.StreamName, in.StreamARN, now)
	if err != nil {
		return nil, err
	}
	sh := s.shardByID(*in.ShardId, now)
	if sh == nil {
		return nil, resourceNotFound("Shard %s in stream %s under account %s does not exist", *in.ShardId, s.name, c.accountID)
	}
	from, err := c.startingPosition(s, sh, in)
	if err != nil {
		return nil, err
	}
	c.lastNonce++
	it := shardIterator{stream: s.name, tag: s.tag, shard: sh.index, from: from, issued: now, nonce: c.lastNonce}
	return &kinesis.GetShardIteratorOutput{ShardIterator: ptr(it.String())}, nil
}

// startingPosition is where an iterator of the requested type starts.
func (c *Client) startingPosition(s *stream, sh *shard, in *kinesis.GetShardIteratorInput) (position, error) {
	t := in.ShardIteratorType
	bySequence := t == types.ShardIteratorTypeAtSequenceNumber || t == types.ShardIteratorTypeAfterSequenceNumber
	switch {
	case bySequence && in.StartingSequenceNumber == nil:
		return position{}, invalidArgument("You must specify a starting sequence number when using shard iterator type %s.", t)
	case !bySequence && in.StartingSequenceNumber != nil:
		return position{}, invalidArgument("Request should not contain a starting sequence number when using shard iterator type %s.", t)
	case t == types.ShardIteratorTypeAtTimestamp && in.Timestamp == nil:
		return position{}, invalidArgument("Must specify timestampInMillis parameter for iterator of type AT_TIMESTAMP. Current request has no timestamp parameter.")
	case t != types.ShardIteratorTypeAtTimestamp && in.Timestamp != nil:
		return position{}, invalidArgument("Request should not contain a timestamp when using shard iterator type %s.", t)
	}
	switch t {
	case types.ShardIteratorTypeTrimHorizon:
		return position{}, nil
	case types.ShardIteratorTypeLatest:
		return position{counter: s.counter + 1}, nil
	case types.ShardIteratorTypeAtTimestamp:
		return position{arrival: in.Timestamp.UnixMilli()}, nil
	}
	seq, ok := parseSequenceNumber(*in.StartingSequenceNumber)
	if !ok || seq.tag != s.tag {
		return position{}, invalidArgument("StartingSequenceNumber %s used in GetShardIterator on shard %s in stream %s under account %s is invalid.",
			*in.StartingSequenceNumber, sh.id, s.name, c.accountID)
	}
	if seq.shard != sh.index {
		return position{}, invalidArgument("Invalid StartingSequenceNumber. It encodes %s, while it was used in a call to a shard with %s",
			shardID(seq.shard), sh.id)
	}
	if t == types.ShardIteratorTypeAfterSequenceNumber {
		seq.counter++
	}
	return position{counter: seq.counter}, nil
}

// shardByID finds a live shard.
func (s *stream) shardByID(id string, now time.Time) *shard {
	for _, sh := range s.liveShards(now) {
		if sh.id == id {
			return sh
		}
	}
	return nil
}

var getRecordsInput = []member[kinesis.GetRecordsInput]{
	required(stringMember("ShardIterator", shapeIterator, func(in *kinesis.GetRecordsInput) *string { return in.ShardIterator })),
	intMember("Limit", shapeLimit, func(in *kinesis.GetRecordsInput) *int32 { return in.Limit }),
	stringMember("StreamARN", shapeStreamARN, func(in *kinesis.GetRecordsInput) *string { return in.StreamARN }),
	stringMember("StreamId", shapeStreamID, func(in *kinesis.GetRecordsInput) *string { return in.StreamId }),
}

// GetRecords returns up to Limit records (at most 10 MiB) from where the
// iterator points, and the iterator for the next call; at the end of a closed
// shard, no next iterator and the shard's children.
func (c *Client) GetRecords(ctx context.Context, params *kinesis.GetRecordsInput, optFns ...func(*kinesis.Options)) (*kinesis.GetRecordsOutput, error) {
	return call(ctx, c, "GetRecords", params, getRecordsInput, c.getRecords)
}

func (c *Client) getRecords(in *kinesis.GetRecordsInput, now time.Time) (*kinesis.GetRecordsOutput, error) {
	it, ok := parseShardIterator(*in.ShardIterator)
	if !ok {
		return nil, invalidArgument("Invalid ShardIterator.")
	}
	if now.Sub(it.issued) > iteratorLife {
		return nil, &types.ExpiredIteratorException{Message: ptr("Iterator expired. The iterator was created at time " +
			javaDate(it.issued) + " while right now it is " + javaDate(now) +
			" which is further in the future than the tolerated delay of 300000 milliseconds.")}
	}
	if in.StreamARN != nil && *in.StreamARN != c.streamARN(it.stream) {
		return nil, invalidArgument("StreamARN %s does not match the stream of the shard iterator.", *in.StreamARN)
	}
	s := c.lookupStream(it.stream, now)
	if s == nil || s.tag != it.tag || it.shard >= len(s.shards) {
		return nil, resourceNotFound("Shard %s in stream %s under account %s does not exist", shardID(it.shard), it.stream, c.accountID)
	}
	sh := s.shards[it.shard]
	s.trim(sh, now)
	limit := defaultGetLimit
	if in.Limit != nil {
		limit = int(*in.Limit)
	}
	first := sh.find(it.from)
	end, size := first, 0
	for end < len(sh.records) && end-first < limit {
		n := len(sh.records[end].data)
		if end > first && size+n > maxGetRecordsBytes {
			break
		}
		size += n
		end++
	}
	out := &kinesis.GetRecordsOutput{Records: s.recordList(sh, sh.records[first:end], size), MillisBehindLatest: ptr(int64(0))}
	if end < len(sh.records) {
		// Behind by the age of the oldest record not yet read.
		out.MillisBehindLatest = ptr(max(0, now.UnixMilli()-sh.records[end].arrival))
	}
	next := it.from
	if end > first {
		next = position{counter: sh.records[end-1].counter + 1}
	}
	if !sh.open() && end == len(sh.records) {
		out.ChildShards = s.childShards(sh)
		return out, nil
	}
	c.lastNonce++
	it.from, it.issued, it.nonce = next, now, c.lastNonce
	out.NextShardIterator = ptr(it.String())
	return out, nil
}

// recordList copies records out. A few allocations hold everything the
// records point to, however many there are.
func (s *stream) recordList(sh *shard, recs []record, size int) []types.Record {
	out := make([]types.Record, len(recs))
	if len(recs) == 0 {
		return out
	}
	data := make([]byte, 0, size)
	strs := make([]string, 2*len(recs)) // sequence numbers, then partition keys
	times := make([]time.Time, len(recs))
	var seqs strings.Builder
	seqs.Grow(len(recs) * sequenceNumberLen)
	for i := range recs {
		seqs.WriteString(s.sequence(recs[i].counter, sh.index).String())
	}
	all := seqs.String()
	for i := range recs {
		r := &recs[i]
		start := len(data)
		data = append(data, r.data...)
		strs[i] = all[i*sequenceNumberLen : (i+1)*sequenceNumberLen]
		strs[len(recs)+i] = r.partitionKey
		times[i] = time.UnixMilli(r.arrival).UTC()
		out[i] = types.Record{
			Data:                        data[start:len(data):len(data)],
			SequenceNumber:              &strs[i],
			PartitionKey:                &strs[len(recs)+i],
			ApproximateArrivalTimestamp: &times[i],
			EncryptionType:              types.EncryptionTypeNone,
		}
	}
	return out
}

// childShards describes the shards a closed shard was split or merged into.
func (s *stream) childShards(parent *shard) []types.ChildShard {
	var children []types.ChildShard
	for _, sh := range s.shards {
		if sh.parent != parent.id && sh.adjacentParent != parent.id {
			continue
		}
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

// javaDate formats t as the service's messages do (Java's Date.toString).
func javaDate(t time.Time) string { return t.UTC().Format("Mon Jan 02 15:04:05 MST 2006") }
