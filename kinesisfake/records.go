package kinesisfake

import (
	"context"
	"strconv"
	"time"

	"github.com/aws/aws-sdk-go-v2/service/kinesis"
	"github.com/aws/aws-sdk-go-v2/service/kinesis/schemas"
	"github.com/aws/aws-sdk-go-v2/service/kinesis/types"
	"github.com/aws/smithy-go"

	"github.com/streamfake/kinesis/internal/recorded"
)

// The record operations: PutRecord, PutRecords, GetShardIterator and
// GetRecords.

const (
	maxPutRecordsBytes = 10 << 20 // a PutRecords request's data and keys
	maxGetRecordsBytes = 10 << 20 // what one GetRecords returns at most
	defaultGetLimit    = 10000
)

var putRecordOp = newOperation(smithy.NewOperationSchema(schemas.PutRecord, schemas.PutRecordInput, schemas.PutRecordOutput), appends, callRate{}, (*Client).putRecord,
	stringMember("SequenceNumberForOrdering", shapeSequence, func(in *kinesis.PutRecordInput) *string { return in.SequenceNumberForOrdering }),
	stringMember("PartitionKey", shapePartition, func(in *kinesis.PutRecordInput) *string { return in.PartitionKey }),
	stringMember("ExplicitHashKey", shapeHashKey, func(in *kinesis.PutRecordInput) *string { return in.ExplicitHashKey }),
	required(blobMember("Data", shapeData, func(in *kinesis.PutRecordInput) []byte { return in.Data })),
	streamMembers(func(in *kinesis.PutRecordInput) (*string, *string, *string) {
		return in.StreamName, in.StreamARN, in.StreamId
	}),
)

// PutRecord stores one record in the shard whose hash key range holds the MD5
// of its partition key, or its ExplicitHashKey.
func (c *Client) PutRecord(ctx context.Context, params *kinesis.PutRecordInput, optFns ...func(*kinesis.Options)) (*kinesis.PutRecordOutput, error) {
	return putRecordOp.call(ctx, c, params)
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
	if err := s.checkRecord(path{}, in.PartitionKey, in.Data, checker{}).err(); err != nil {
		return nil, err
	}
	sh, err := s.route(in.PartitionKey, in.ExplicitHashKey, 0)
	if err != nil {
		return nil, err
	}
	if o := in.SequenceNumberForOrdering; o != nil {
		if err := c.checkOrdering(s, *o, now); err != nil {
			return nil, err
		}
	}
	if err := dryRun(in.DryRun); err != nil {
		return nil, err
	}
	if !c.admitWrite(s, sh, recordSize(in.Data, in.PartitionKey), now) {
		return nil, shardThrottled(c.accountID, s.name, sh.id)
	}
	s.spread++
	seq := s.append(sh, in.Data, in.PartitionKey, now)
	r := &putRecordResult{seq: seq.String(), shardID: sh.id}
	r.out = kinesis.PutRecordOutput{SequenceNumber: &r.seq, ShardId: &r.shardID, EncryptionType: s.encryption}
	return &r.out, nil
}

var putRecordsOp = newOperation(smithy.NewOperationSchema(schemas.PutRecords, schemas.PutRecordsInput, schemas.PutRecordsOutput), appends, callRate{}, (*Client).putRecords,
	required(listMember("Records", "PutRecordsRequestEntryList", "PutRecordsRequestEntry", shapeRecords,
		func(in *kinesis.PutRecordsInput) []types.PutRecordsRequestEntry { return in.Records },
		stringMember("PartitionKey", shapePartition, func(in *types.PutRecordsRequestEntry) *string { return in.PartitionKey }),
		stringMember("ExplicitHashKey", shapeHashKey, func(in *types.PutRecordsRequestEntry) *string { return in.ExplicitHashKey }),
		required(blobMember("Data", shapeData, func(in *types.PutRecordsRequestEntry) []byte { return in.Data })),
	)),
	streamMembers(func(in *kinesis.PutRecordsInput) (*string, *string, *string) {
		return in.StreamName, in.StreamARN, in.StreamId
	}),
)

// PutRecords stores up to 500 records, each routed as by PutRecord.
func (c *Client) PutRecords(ctx context.Context, params *kinesis.PutRecordsInput, optFns ...func(*kinesis.Options)) (*kinesis.PutRecordsOutput, error) {
	return putRecordsOp.call(ctx, c, params)
}

func (c *Client) putRecords(in *kinesis.PutRecordsInput, now time.Time) (*kinesis.PutRecordsOutput, error) {
	s, err := c.writableStream(in.StreamName, in.StreamARN, now)
	if err != nil {
		return nil, err
	}
	// Check and route every entry before storing any: one bad entry fails
	// the whole request.
	var v checker
	total := 0
	for i := range in.Records {
		e := &in.Records[i]
		v = s.checkRecord(path{parent: "records", index: i + 1}, e.PartitionKey, e.Data, v)
		total += recordSize(e.Data, e.PartitionKey)
	}
	if err := v.err(); err != nil {
		return nil, err
	}
	if total > maxPutRecordsBytes {
		return nil, invalidArgument("%s", recorded.PutRecordsTooLarge(maxPutRecordsBytes>>20))
	}
	shards := make([]*shard, len(in.Records))
	for i := range in.Records {
		if shards[i], err = s.route(in.Records[i].PartitionKey, in.Records[i].ExplicitHashKey, uint64(i)); err != nil {
			return nil, err
		}
	}

	if err := dryRun(in.DryRun); err != nil {
		return nil, err
	}
	s.spread += uint64(len(in.Records))
	// One allocation holds every sequence number.
	seqs := make([]byte, 0, len(in.Records)*sequenceNumberLen)
	codes := c.failedEntries(s, in.Records)
	results := make([]types.PutRecordsResultEntry, len(in.Records))
	failed := 0
	for i := range in.Records {
		e := &in.Records[i]
		code := ""
		if codes != nil {
			code = codes[i]
		}
		if code == "" && !c.admitWrite(s, shards[i], recordSize(e.Data, e.PartitionKey), now) {
			code = errorCodeThroughput
		}
		if code != "" {
			message := "Internal service failure." // the API reference's example
			if code == errorCodeThroughput {
				message = shardThrottledMessage(c.accountID, s.name, shards[i].id)
			}
			results[i] = types.PutRecordsResultEntry{ErrorCode: ptr(code), ErrorMessage: ptr(message)}
			failed++
			continue
		}
		seqs = s.append(shards[i], e.Data, e.PartitionKey, now).appendTo(seqs)
	}
	all := string(seqs)
	strs := make([]string, 2*(len(in.Records)-failed)) // sequence numbers, then shard IDs
	stored := strs[:0:len(strs)]
	for i := range results {
		if results[i].ErrorCode != nil {
			continue
		}
		j := len(stored)
		stored = append(stored, all[j*sequenceNumberLen:(j+1)*sequenceNumberLen])
		id := &strs[len(strs)/2+j]
		*id = shards[i].id
		results[i] = types.PutRecordsResultEntry{SequenceNumber: &stored[j], ShardId: id}
	}
	return &kinesis.PutRecordsOutput{Records: results, FailedRecordCount: ptr(int32(failed)), EncryptionType: s.encryption}, nil
}

// recordSize is what a record counts against its shard's write limit: its
// data and partition key, as they count towards the 1 MiB record limit.
func recordSize(data []byte, partitionKey *string) int {
	n := len(data)
	if partitionKey != nil {
		n += len(*partitionKey)
	}
	return n
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

// checkRecord applies the validation that depends on the stream: a partition
// key unless the stream distributes records itself, and the stream's maximum
// record size. The service reports these as ValidationExceptions; the size
// message leaves out the value, as it has since 2025
// (awslabs/amazon-kinesis-producer#680).
func (s *stream) checkRecord(at path, partitionKey *string, data []byte, c checker) checker {
	if partitionKey == nil && s.RecordDistributionStrategy != types.RecordDistributionStrategyAuto {
		c = c.add(recorded.Violation{Value: "null", Member: at.to("partitionKey"), Constraint: "Member must not be null"})
	}
	limit := s.maxRecordSize()
	if partitionKey != nil && len(data) <= limit {
		// The API reference counts the key in the record's size, but the
		// service's error for it is not on record: the fake reports it
		// as data over what the key leaves.
		limit -= len(*partitionKey)
	}
	if len(data) > limit {
		c = c.add(recorded.Violation{Member: at.to("data"), Constraint: "Member must have length less than or equal to " + strconv.Itoa(limit)})
	}
	return c
}

// route picks the shard a record goes to: the open shard whose hash key range
// holds its ExplicitHashKey or the MD5 of its partition key. A stream with
// the AUTO distribution strategy ignores both and spreads records itself,
// the nth record of a call to the next shard but n; the caller moves
// s.spread on once the call has passed every check.
func (s *stream) route(partitionKey, explicitHashKey *string, nth uint64) (*shard, error) {
	open := s.open
	if s.RecordDistributionStrategy == types.RecordDistributionStrategyAuto {
		return open[(s.spread+1+nth)%uint64(len(open))], nil
	}
	var k hashKey
	if explicitHashKey != nil {
		var ok bool
		if k, ok = parseHashKey(*explicitHashKey); !ok {
			return nil, invalidArgument("%s", recorded.ExplicitHashKeyOutOfRange(*explicitHashKey))
		}
	} else {
		k = partitionHash(*partitionKey)
	}
	// The open shards partition the hash key space: find the last one that
	// starts at or before k.
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

// append stores a record at the end of a shard, copying its data, and
// returns its sequence number.
func (s *stream) append(sh *shard, data []byte, partitionKey *string, now time.Time) sequenceNumber {
	horizon := now.Add(-s.retention()).UnixMilli()
	if r, ok := sh.log.oldest(); ok && r.arrival < horizon {
		s.trim(sh, now)
	}
	arrival := now.UnixMilli()
	if r, ok := sh.log.newest(); ok && r.arrival > arrival {
		// Keep arrival order within a shard even if the clock is set back,
		// so AT_TIMESTAMP can search; the service's timestamps are approximate.
		arrival = r.arrival
	}
	key := ""
	if partitionKey != nil {
		key = *partitionKey
	}
	s.counter++
	s.latest = max(s.latest, arrivalSeconds(arrival))
	sh.log.append(data, key, s.counter, arrival)
	if s.journal != nil {
		s.journal.put(s, sh, data, key, arrival) // published once stored
	} else {
		s.publish(sh, sh.log.next, s.counter)
	}
	return sh.sequence(s.counter, arrivalSeconds(arrival))
}

var getShardIteratorOp = newOperation(smithy.NewOperationSchema(schemas.GetShardIterator, schemas.GetShardIteratorInput, schemas.GetShardIteratorOutput), reads, callRate{5, perShard}, (*Client).getShardIterator,
	required(naming(namesShard, stringMember("ShardId", shapeShardID, func(in *kinesis.GetShardIteratorInput) *string { return in.ShardId }))),
	// The service lists the types in this order, not the model's.
	required(enumMember("ShardIteratorType", func(in *kinesis.GetShardIteratorInput) types.ShardIteratorType { return in.ShardIteratorType },
		types.ShardIteratorTypeAfterSequenceNumber, types.ShardIteratorTypeLatest, types.ShardIteratorTypeAtTimestamp,
		types.ShardIteratorTypeAtSequenceNumber, types.ShardIteratorTypeTrimHorizon)),
	stringMember("StartingSequenceNumber", shapeSequence, func(in *kinesis.GetShardIteratorInput) *string { return in.StartingSequenceNumber }),
	streamMembers(func(in *kinesis.GetShardIteratorInput) (*string, *string, *string) {
		return in.StreamName, in.StreamARN, in.StreamId
	}),
)

// GetShardIterator returns an iterator, valid for 5 minutes, for reading a
// shard from the position ShardIteratorType names.
func (c *Client) GetShardIterator(ctx context.Context, params *kinesis.GetShardIteratorInput, optFns ...func(*kinesis.Options)) (*kinesis.GetShardIteratorOutput, error) {
	return getShardIteratorOp.call(ctx, c, params)
}

func (c *Client) getShardIterator(in *kinesis.GetShardIteratorInput, now time.Time) (*kinesis.GetShardIteratorOutput, error) {
	name, err := c.streamName(in.StreamName, in.StreamARN)
	if err != nil {
		return nil, err
	}
	s := c.lookupStream(name, now)
	if s != nil && s.status(now) == types.StreamStatusCreating {
		s = nil // the service reports the shard missing
	}
	sh, err := c.liveShard(s, name, *in.ShardId, now)
	if err != nil {
		return nil, err
	}
	from, err := c.position(s, sh, start{in.ShardIteratorType, in.StartingSequenceNumber, in.Timestamp, "GetShardIterator"}, now)
	if err != nil {
		return nil, err
	}
	if err := dryRun(in.DryRun); err != nil {
		return nil, err
	}
	c.LastNonce++
	it := shardIterator{stream: s.name, tag: s.tag, shard: sh.index, from: from, issued: now, nonce: c.LastNonce}
	return &kinesis.GetShardIteratorOutput{ShardIterator: ptr(it.String())}, nil
}

var getRecordsOp = newOperation(smithy.NewOperationSchema(schemas.GetRecords, schemas.GetRecordsInput, schemas.GetRecordsOutput), reads, callRate{5, perShard}, (*Client).getRecords,
	[]member[kinesis.GetRecordsInput]{
		// The service lists Limit's violations before ShardIterator's
		// (kinesalite's getRecords tests against it).
		intMember("Limit", shapeLimit, func(in *kinesis.GetRecordsInput) *int32 { return in.Limit }),
		required(naming(namesIterator, stringMember("ShardIterator", shapeIterator, func(in *kinesis.GetRecordsInput) *string { return in.ShardIterator }))),
		naming(namesStreamARN, stringMember("StreamARN", shapeStreamARN, func(in *kinesis.GetRecordsInput) *string { return in.StreamARN })),
		stringMember("StreamId", shapeStreamID, func(in *kinesis.GetRecordsInput) *string { return in.StreamId }),
	}...)

// GetRecords returns up to Limit records (at most 10 MiB) from where the
// iterator points, and the iterator for the next call; at the end of a closed
// shard, no next iterator and the shard's children.
func (c *Client) GetRecords(ctx context.Context, params *kinesis.GetRecordsInput, optFns ...func(*kinesis.Options)) (*kinesis.GetRecordsOutput, error) {
	return getRecordsOp.call(ctx, c, params)
}

func (c *Client) getRecords(in *kinesis.GetRecordsInput, now time.Time) (*kinesis.GetRecordsOutput, error) {
	it, ok := parseShardIterator(*in.ShardIterator)
	if !ok {
		return nil, invalidArgument("Invalid ShardIterator.")
	}
	// ExpireIterators expires, before their time, those issued before it.
	if now.Sub(it.issued) > iteratorLife || it.nonce <= c.ExpiredNonce {
		return nil, &types.ExpiredIteratorException{Message: ptr("Iterator expired. The iterator was created at time " +
			javaDate(it.issued) + " while right now it is " + javaDate(now) +
			" which is further in the future than the tolerated delay of 300000 milliseconds.")}
	}
	if in.StreamARN != nil && *in.StreamARN != c.streamARN(it.stream) {
		return nil, invalidArgument("StreamARN %s does not match the stream of the shard iterator.", *in.StreamARN)
	}
	s := c.lookupStream(it.stream, now)
	if s == nil || s.tag != it.tag || it.shard >= len(s.shards) {
		return nil, resourceNotFound("%s", recorded.ShardDoesNotExist(shardID(it.shard), it.stream, c.accountID))
	}
	if err := dryRun(in.DryRun); err != nil {
		return nil, err
	}
	sh := s.shards[it.shard]
	var read *meter
	if c.rates != nil {
		read = c.meter(meterKey{what: "read bytes", owner: s.name, shard: sh.id})
		if read.wait(c.rates.ShardReadBytes, now) > 0 {
			return nil, shardThrottled(c.accountID, s.name, sh.id)
		}
	}
	s.trim(sh, now)
	limit := pageLimit(in.Limit, defaultGetLimit)
	batch := sh.log.take(sh.log.find(it.from), limit, maxGetRecordsBytes)
	if read != nil {
		read.add(batch.dataBytes)
	}
	out := &kinesis.GetRecordsOutput{Records: s.recordList(sh, batch), MillisBehindLatest: ptr(int64(0))}
	if batch.to < sh.log.end() {
		// Behind by the age of the oldest record not yet read. Zero means
		// "no new records to process" (the API reference), so never zero here.
		out.MillisBehindLatest = ptr(max(1, now.UnixMilli()-sh.log.at(batch.to).arrival))
	}
	next := it.from
	if batch.to > batch.from {
		next = position{counter: sh.log.at(batch.to-1).counter + 1}
	}
	if !sh.open() && batch.to == sh.log.end() && sh.log.settled() {
		out.ChildShards = sh.childShards()
		return out, nil
	}
	c.LastNonce++
	it.from, it.issued, it.nonce = next, now, c.LastNonce
	out.NextShardIterator = ptr(it.String())
	return out, nil
}

// javaDate formats t as the service's messages do (Java's Date.toString).
func javaDate(t time.Time) string { return t.UTC().Format("Mon Jan 02 15:04:05 MST 2006") }

// checkOrdering checks the SequenceNumberForOrdering of a PutRecord as the
// service does (kinesalite's test/putRecord.js, checked against it): a
// number of version 1 or 2 is taken unless its time is ahead of the clock,
// whatever its shard, stream or index; version 3 fails the service; any
// other is invalid. (The service's answer to version 0 is on record only
// for a created too large; the fake refuses all of version 0.)
//
// Nothing moves for the number taken: the next record for the key goes to
// the key's shard, or a child of it, and so is above every number the key
// has had, which is what the ordering promises. The service, too, gives no
// more for a number from elsewhere: it takes one of the highest index and
// gives the record an ordinary number (test/putRecord.js, "all f"). The clock counts as no earlier than
// the latest time the stream has put in a number, so that every number it
// issued is taken after a FakeClock is set back.
func (e *engine) checkOrdering(s *stream, ordering string, now time.Time) error {
	seq, version, ok := parseSequenceNumber(ordering)
	switch {
	case ok && version == 3:
		return internalFailure()
	case !ok || version == 0 || seq.time > max(seconds(now), s.latest):
		return invalidArgument("%s", recorded.InvalidOrderingNumber(ordering, s.name, e.accountID))
	}
	return nil
}
